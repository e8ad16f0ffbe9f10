// Goldilocks field arithmetic (p = 2^64 - 2^32 + 1) on 32-bit integers only,
// for adapters without SHADER_INT64. An element is vec2<u32> (low, high), the
// same bytes as plonky2's GoldilocksField. Results may be non-canonical (any
// 64-bit value), exactly as plonky2 allows; `fe_canon` reduces.

alias Fe = vec2<u32>;

const FE_P: vec2<u32> = vec2<u32>(1u, 0xFFFFFFFFu);
// 2^64 mod p.
const FE_EPS: vec2<u32> = vec2<u32>(0xFFFFFFFFu, 0u);

fn fe_load(v: vec2<u32>) -> Fe {
	return v;
}

fn fe_store(a: Fe) -> vec2<u32> {
	return a;
}

fn fe_zero() -> Fe {
	return vec2<u32>(0u, 0u);
}

fn fe_from_u32(x: u32) -> Fe {
	return vec2<u32>(x, 0u);
}

// a < b as 64-bit integers.
fn u64_lt(a: vec2<u32>, b: vec2<u32>) -> bool {
	return a.y < b.y || (a.y == b.y && a.x < b.x);
}

// Wrapping 64-bit sum.
fn u64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
	let lo = a.x + b.x;
	return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}

// Wrapping 64-bit difference.
fn u64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
	return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));
}

// Full 32x32 -> 64-bit product from 16-bit halves.
fn u32_mul_wide(a: u32, b: u32) -> vec2<u32> {
	let a0 = a & 0xFFFFu;
	let a1 = a >> 16u;
	let b0 = b & 0xFFFFu;
	let b1 = b >> 16u;
	let ll = a0 * b0;
	let lh = a0 * b1;
	let hl = a1 * b0;
	let hh = a1 * b1;
	let mid = lh + hl;
	let mid_carry = select(0u, 0x10000u, mid < lh);
	let lo = ll + (mid << 16u);
	let hi = hh + (mid >> 16u) + mid_carry + select(0u, 1u, lo < ll);
	return vec2<u32>(lo, hi);
}

fn fe_canon(a: Fe) -> Fe {
	if a.y == 0xFFFFFFFFu && a.x >= 1u {
		return vec2<u32>(a.x - 1u, 0u);
	}
	return a;
}

fn fe_add(a: Fe, b: Fe) -> Fe {
	let s = u64_add(a, b);
	if !u64_lt(s, a) {
		return s;
	}
	// Wrapped past 2^64, which is FE_EPS mod p.
	let t = u64_add(s, FE_EPS);
	if u64_lt(t, s) {
		return u64_add(t, FE_EPS);
	}
	return t;
}

fn fe_sub(a: Fe, b: Fe) -> Fe {
	let d = u64_sub(a, b);
	if !u64_lt(a, b) {
		return d;
	}
	let t = u64_sub(d, FE_EPS);
	if u64_lt(d, FE_EPS) {
		return u64_sub(t, FE_EPS);
	}
	return t;
}

fn fe_mul(a: Fe, b: Fe) -> Fe {
	let p00 = u32_mul_wide(a.x, b.x);
	let p01 = u32_mul_wide(a.x, b.y);
	let p10 = u32_mul_wide(a.y, b.x);
	let p11 = u32_mul_wide(a.y, b.y);
	// 128-bit product in limbs r0..r3.
	let r0 = p00.x;
	let s1 = p00.y + p01.x;
	let c1a = select(0u, 1u, s1 < p00.y);
	let r1 = s1 + p10.x;
	let c1 = c1a + select(0u, 1u, r1 < s1);
	let s2 = p01.y + p10.y;
	let c2a = select(0u, 1u, s2 < p01.y);
	let s2b = s2 + p11.x;
	let c2b = select(0u, 1u, s2b < s2);
	let r2 = s2b + c1;
	let c2 = c2a + c2b + select(0u, 1u, r2 < s2b);
	let r3 = p11.y + c2;
	return fe_reduce128(vec2<u32>(r0, r1), vec2<u32>(r2, r3));
}

fn fe_reduce128(lo: vec2<u32>, hi: vec2<u32>) -> Fe {
	// 2^96 = -1: subtract the top 32 bits.
	let hi_hi = vec2<u32>(hi.y, 0u);
	var t0 = u64_sub(lo, hi_hi);
	if u64_lt(lo, hi_hi) {
		t0 = u64_sub(t0, FE_EPS);
	}
	// 2^64 = 2^32 - 1: hi_lo * (2^32 - 1) = (hi_lo << 32) - hi_lo, no wrap.
	let t1 = u64_sub(vec2<u32>(0u, hi.x), vec2<u32>(hi.x, 0u));
	let t2 = u64_add(t0, t1);
	if u64_lt(t2, t1) {
		return u64_add(t2, FE_EPS);
	}
	return t2;
}
