// FRI's codewords in evaluation form (see prova-pipeline's fri.rs, whose
// `FriCombination::value` and `Fold::value` these kernels compute point by
// point), and the openings from the same extensions (`evaluate`, the sums
// of prova-pipeline's `SubgroupWeights::evaluate`). Extension elements are a + b·X with X² = 7 (plonky2's quadratic
// extension of Goldilocks), stored as two consecutive field elements.
//
// Every kernel has one thread per output and three storage buffers: its
// input (a chunk of leaves or of a codeword), a table of constants, and its
// output (a tile of sums or a chunk of a codeword).

struct Params {
	// Threads in this dispatch.
	count: u32,
	// Global index of thread 0's row (combine, finish) or output (fold).
	first: u32,
	// Global index of the first row of the bound input chunk.
	in0: u32,
	// Global index of the first value of the bound output chunk (finish, fold).
	out0: u32,
	// combine, evaluate: elements per leaf row; fold: log2 of the arity.
	width: u32,
	// combine: columns opened at the first point (the polynomials);
	// evaluate: columns evaluated.
	polys: u32,
	// combine: the columns opened at the second point, lo..hi;
	// evaluate: rows per thread (lo) and rows in this dispatch (hi).
	lo: u32,
	hi: u32,
	// finish: log2 of the codeword's length; fold: log2 of the folded length.
	bits: u32,
	// combine: 1 if the tile's sums start here (else they are added to).
	init: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> src: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> table: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> dst: array<vec2<u32>>;

struct Ext {
	a: Fe,
	b: Fe,
}

fn ext_zero() -> Ext {
	return Ext(fe_zero(), fe_zero());
}

fn ext_add(x: Ext, y: Ext) -> Ext {
	return Ext(fe_add(x.a, y.a), fe_add(x.b, y.b));
}

fn ext_sub(x: Ext, y: Ext) -> Ext {
	return Ext(fe_sub(x.a, y.a), fe_sub(x.b, y.b));
}

fn ext_scale(x: Ext, s: Fe) -> Ext {
	return Ext(fe_mul(x.a, s), fe_mul(x.b, s));
}

fn ext_mul(x: Ext, y: Ext) -> Ext {
	let w = fe_from_u32(7u);
	return Ext(
		fe_add(fe_mul(x.a, y.a), fe_mul(fe_mul(x.b, y.b), w)),
		fe_add(fe_mul(x.a, y.b), fe_mul(x.b, y.a)),
	);
}

// x^e for a 32-bit exponent.
fn fe_pow(x: Fe, e: u32) -> Fe {
	var result = fe_from_u32(1u);
	var base = x;
	var rest = e;
	while rest != 0u {
		if (rest & 1u) == 1u {
			result = fe_mul(result, base);
		}
		base = fe_mul(base, base);
		rest = rest >> 1u;
	}
	return result;
}

// x^(p - 2) = 1/x (0 for 0): p - 2 = 0xFFFFFFFE_FFFFFFFF, high bits first.
fn fe_inv(x: Fe) -> Fe {
	var result = fe_from_u32(1u);
	for (var i = 0u; i < 64u; i++) {
		result = fe_mul(result, result);
		// Every bit is set but bit 32.
		if i != 31u {
			result = fe_mul(result, x);
		}
	}
	return result;
}

// 1/(a + bX) = (a - bX) / (a² - 7b²).
fn ext_inv(x: Ext) -> Ext {
	let norm = fe_sub(fe_mul(x.a, x.a), fe_mul(fe_mul(x.b, x.b), fe_from_u32(7u)));
	let n = fe_inv(norm);
	return Ext(fe_mul(x.a, n), fe_mul(fe_sub(fe_zero(), x.b), n));
}

fn table_fe(k: u32) -> Fe {
	return fe_load(table[k]);
}

fn table_ext(k: u32) -> Ext {
	return Ext(fe_load(table[k]), fe_load(table[k + 1u]));
}

fn src_ext(k: u32) -> Ext {
	return Ext(fe_load(src[k]), fe_load(src[k + 1u]));
}

fn store_ext(k: u32, x: Ext) {
	dst[k] = fe_store(fe_canon(x.a));
	dst[k + 1u] = fe_store(fe_canon(x.b));
}

// `i` with its low `bits` bits reversed.
fn reverse_low(i: u32, bits: u32) -> u32 {
	if bits == 0u {
		return 0u;
	}
	return reverseBits(i) >> (32u - bits);
}

// Adds one oracle's columns, times their weights, to each row's two sums:
// `src` a chunk of the oracle's leaves, `table` its weights (the first
// point's for columns 0..polys, then the second point's for lo..hi), `dst`
// the tile's sums (four elements a row).
@compute @workgroup_size(WG)
fn combine(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let i = thread_id(gid, groups);
	if i >= params.count {
		return;
	}
	let base = (params.first + i - params.in0) * params.width;
	var at_zeta = ext_zero();
	var at_next = ext_zero();
	if params.init == 0u {
		at_zeta = Ext(fe_load(dst[4u * i]), fe_load(dst[4u * i + 1u]));
		at_next = Ext(fe_load(dst[4u * i + 2u]), fe_load(dst[4u * i + 3u]));
	}
	for (var j = 0u; j < params.polys; j++) {
		at_zeta = ext_add(at_zeta, ext_scale(table_ext(2u * j), fe_load(src[base + j])));
	}
	let second = 2u * params.polys;
	for (var j = params.lo; j < params.hi; j++) {
		let w = table_ext(second + 2u * (j - params.lo));
		at_next = ext_add(at_next, ext_scale(w, fe_load(src[base + j])));
	}
	dst[4u * i] = fe_store(at_zeta.a);
	dst[4u * i + 1u] = fe_store(at_zeta.b);
	dst[4u * i + 2u] = fe_store(at_next.a);
	dst[4u * i + 3u] = fe_store(at_next.b);
}

// The first codeword from the tile's sums: at the row's point x,
// Σ_b scale_b (sum_b - claimed_b) / (x - z_b) for the two points. `table`:
// shift, ω (of the codeword's length), then z, claimed and scale of each
// point (as extension elements).
@compute @workgroup_size(WG)
fn finish(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let i = thread_id(gid, groups);
	if i >= params.count {
		return;
	}
	let row = params.first + i;
	let x = fe_mul(table_fe(0u), fe_pow(table_fe(1u), reverse_low(row, params.bits)));
	var value = ext_zero();
	for (var b = 0u; b < 2u; b++) {
		let z = table_ext(2u + 6u * b);
		let claimed = table_ext(4u + 6u * b);
		let scale = table_ext(6u + 6u * b);
		let sum = Ext(fe_load(src[4u * i + 2u * b]), fe_load(src[4u * i + 2u * b + 1u]));
		let denominator = ext_inv(Ext(fe_sub(x, z.a), fe_sub(fe_zero(), z.b)));
		value = ext_add(value, ext_mul(scale, ext_mul(ext_sub(sum, claimed), denominator)));
	}
	store_ext(2u * (row - params.out0), value);
}

// One fold of arity a = 2^width: output c from the a values of leaf c, at
// the points x ω_a^{rev(t)}, x = shift ω^{rev(c)}:
// (1/a) Σ_i (β/x)^i Σ_t v_t ω_a^{-i rev(t)}. `table`: shift, ω (of the
// unfolded length), β, 1/a, then ω_a^{-k} for k < a.
@compute @workgroup_size(WG)
fn fold(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let i = thread_id(gid, groups);
	if i >= params.count {
		return;
	}
	let c = params.first + i;
	let arity_bits = params.width;
	let arity = 1u << arity_bits;
	let x = fe_mul(table_fe(0u), fe_pow(table_fe(1u), reverse_low(c, params.bits)));
	let r = ext_scale(table_ext(2u), fe_inv(x));
	let base = 2u * ((c - params.in0) << arity_bits);
	var folded = ext_zero();
	for (var k = 0u; k < arity; k++) {
		let power = arity - 1u - k;
		var u = ext_zero();
		for (var t = 0u; t < arity; t++) {
			let exponent = (power * reverse_low(t, arity_bits)) & (arity - 1u);
			u = ext_add(u, ext_scale(src_ext(base + 2u * t), table_fe(5u + exponent)));
		}
		folded = ext_add(ext_mul(folded, r), u);
	}
	store_ext(2u * (c - params.out0), ext_scale(folded, table_fe(4u)));
}

// Partial sums of the openings: thread i sums, for column i % polys, the
// rows of its block (block i / polys of `lo` rows, within the dispatch's
// `hi` rows from `first`) times their weights. `src` a chunk of leaves,
// `table` the weights by row (extension elements, from row 0), `dst` one
// extension element per thread.
@compute @workgroup_size(WG)
fn evaluate(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let i = thread_id(gid, groups);
	if i >= params.count {
		return;
	}
	let column = i % params.polys;
	let start = (i / params.polys) * params.lo;
	let end = min(start + params.lo, params.hi);
	var sum = ext_zero();
	for (var k = start; k < end; k++) {
		let row = params.first + k;
		let value = fe_load(src[(row - params.in0) * params.width + column]);
		sum = ext_add(sum, ext_scale(table_ext(2u * row), value));
	}
	store_ext(2u * i, sum);
}
