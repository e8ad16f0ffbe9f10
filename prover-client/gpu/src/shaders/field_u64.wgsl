// Goldilocks field arithmetic (p = 2^64 - 2^32 + 1) on native 64-bit integers,
// for adapters with SHADER_INT64. Elements live in buffers as vec2<u32>
// (little-endian halves of a u64), the same bytes as plonky2's
// GoldilocksField, and are loaded into `Fe` for arithmetic. Results may be
// non-canonical (any u64), exactly as plonky2 allows; `fe_canon` reduces.

alias Fe = u64;

const FE_P: u64 = 0xFFFFFFFF00000001lu;
// 2^64 mod p.
const FE_EPS: u64 = 0xFFFFFFFFlu;

fn fe_load(v: vec2<u32>) -> Fe {
	return u64(v.x) | (u64(v.y) << 32u);
}

fn fe_store(a: Fe) -> vec2<u32> {
	return vec2<u32>(u32(a), u32(a >> 32u));
}

fn fe_zero() -> Fe {
	return 0lu;
}

fn fe_from_u32(x: u32) -> Fe {
	return u64(x);
}

fn fe_canon(a: Fe) -> Fe {
	return select(a, a - FE_P, a >= FE_P);
}

fn fe_add(a: Fe, b: Fe) -> Fe {
	let s = a + b;
	if s >= a {
		return s;
	}
	// Wrapped past 2^64, which is FE_EPS mod p.
	let t = s + FE_EPS;
	return select(t, t + FE_EPS, t < s);
}

fn fe_sub(a: Fe, b: Fe) -> Fe {
	let d = a - b;
	if a >= b {
		return d;
	}
	let t = d - FE_EPS;
	return select(t, t - FE_EPS, d < FE_EPS);
}

// 64x64 -> 128-bit product from four 32x32 -> 64-bit products, then the
// reduction 2^64 = 2^32 - 1, 2^96 = -1 (mod p).
fn fe_mul(a: Fe, b: Fe) -> Fe {
	let a0 = a & FE_EPS;
	let a1 = a >> 32u;
	let b0 = b & FE_EPS;
	let b1 = b >> 32u;
	let ll = a0 * b0;
	let lh = a0 * b1;
	let hl = a1 * b0;
	let hh = a1 * b1;
	let mid = lh + hl;
	let mid_carry = select(0lu, 1lu << 32u, mid < lh);
	let lo = ll + (mid << 32u);
	let lo_carry = select(0lu, 1lu, lo < ll);
	let hi = hh + (mid >> 32u) + mid_carry + lo_carry;
	return fe_reduce128(lo, hi);
}

fn fe_reduce128(lo: u64, hi: u64) -> Fe {
	let hi_hi = hi >> 32u;
	let hi_lo = hi & FE_EPS;
	var t0 = lo - hi_hi;
	if lo < hi_hi {
		t0 = t0 - FE_EPS;
	}
	let t1 = hi_lo * FE_EPS;
	let t2 = t0 + t1;
	return select(t2, t2 + FE_EPS, t2 < t1);
}
