// plonky2's Poseidon permutation (width 12, 4 full + 22 partial + 4 full
// rounds, S-box x^7) and the Merkle-tree kernels built on it: leaf hashing
// (overwrite-mode sponge of rate 8, or the zero-padded leaf itself when it
// has at most 4 elements) and two-to-one compression of sibling pairs.
//
// merkle.rs completes this text before compiling it: it keeps the
// `#if int64` or the `#else` section for the adapter's arithmetic and
// replaces the `{{MDS}}` line with the MDS layer, generated from plonky2's
// matrix. The round constants come from plonky2 too, in a storage buffer.
//
// Digests are 4 consecutive elements, stored canonical.

struct Params {
	// Threads that do work: rows, parent nodes or states.
	count: u32,
	// Elements per leaf row (hash_leaves only).
	width: u32,
	// First row / child digest / state of `src` this dispatch reads.
	src_start: u32,
	// First digest / state of `dst` this dispatch writes.
	dst_start: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// ALL_ROUND_CONSTANTS: round r uses entries 12 r .. 12 r + 12.
@group(0) @binding(1) var<storage, read_write> round_constants: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> src: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> dst: array<vec2<u32>>;

const HALF_FULL_ROUNDS: u32 = 4u;
const PARTIAL_ROUNDS: u32 = 22u;

// The MDS matrix has small entries (a row sums to < 2^16), so a row is
// accumulated without reduction, as two sums of products with the 32-bit
// halves of the state, and reduced once.

// #if int64

struct MdsAcc {
	lo: u64,
	hi: u64,
}

fn mds_first(s: Fe, c: u32) -> MdsAcc {
	return MdsAcc((s & FE_EPS) * u64(c), (s >> 32u) * u64(c));
}

fn mds_add(a: MdsAcc, s: Fe, c: u32) -> MdsAcc {
	return MdsAcc(a.lo + (s & FE_EPS) * u64(c), a.hi + (s >> 32u) * u64(c));
}

// lo + hi * 2^32 as a 128-bit value (its high word is < 2^32), reduced.
fn mds_reduce(a: MdsAcc) -> Fe {
	let lo = a.lo + (a.hi << 32u);
	let hi = (a.hi >> 32u) + select(0lu, 1lu, lo < a.lo);
	return fe_reduce128(lo, hi);
}

// #else

struct MdsAcc {
	lo: vec2<u32>,
	hi: vec2<u32>,
}

fn mds_first(s: Fe, c: u32) -> MdsAcc {
	return MdsAcc(u32_mul_wide(s.x, c), u32_mul_wide(s.y, c));
}

fn mds_add(a: MdsAcc, s: Fe, c: u32) -> MdsAcc {
	return MdsAcc(u64_add(a.lo, u32_mul_wide(s.x, c)), u64_add(a.hi, u32_mul_wide(s.y, c)));
}

// lo + hi * 2^32 as a 128-bit value (its high word is < 2^32), reduced.
fn mds_reduce(a: MdsAcc) -> Fe {
	let mid = a.lo.y + a.hi.x;
	let carry = select(0u, 1u, mid < a.lo.y);
	return fe_reduce128(vec2<u32>(a.lo.x, mid), vec2<u32>(a.hi.y + carry, 0u));
}

// #endif

// {{MDS}}

fn round_constant(round: u32, lane: u32) -> Fe {
	return fe_load(round_constants[round * 12u + lane]);
}

fn sbox(x: Fe) -> Fe {
	let x2 = fe_mul(x, x);
	let x3 = fe_mul(x2, x);
	let x4 = fe_mul(x2, x2);
	return fe_mul(x3, x4);
}

fn full_round(state: array<Fe, 12>, round: u32) -> array<Fe, 12> {
	var s = state;
	for (var i = 0u; i < 12u; i++) {
		s[i] = sbox(fe_add(s[i], round_constant(round, i)));
	}
	return mds(s);
}

// The naive partial round: constants on every lane, the S-box on lane 0.
// plonky2's fast form gives the same field elements.
fn partial_round(state: array<Fe, 12>, round: u32) -> array<Fe, 12> {
	var s = state;
	for (var i = 0u; i < 12u; i++) {
		s[i] = fe_add(s[i], round_constant(round, i));
	}
	s[0] = sbox(s[0]);
	return mds(s);
}

fn permute(state: array<Fe, 12>) -> array<Fe, 12> {
	var s = state;
	var round = 0u;
	for (var r = 0u; r < HALF_FULL_ROUNDS; r++) {
		s = full_round(s, round);
		round++;
	}
	for (var r = 0u; r < PARTIAL_ROUNDS; r++) {
		s = partial_round(s, round);
		round++;
	}
	for (var r = 0u; r < HALF_FULL_ROUNDS; r++) {
		s = full_round(s, round);
		round++;
	}
	return s;
}

fn store_digest(index: u32, s: array<Fe, 12>) {
	for (var j = 0u; j < 4u; j++) {
		dst[index * 4u + j] = fe_store(fe_canon(s[j]));
	}
}

// Permutes states src[12 (src_start + t) ..] into dst[12 (dst_start + t) ..].
@compute @workgroup_size(WG)
fn permute_states(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= params.count {
		return;
	}
	var s: array<Fe, 12>;
	for (var j = 0u; j < 12u; j++) {
		s[j] = fe_load(src[(params.src_start + t) * 12u + j]);
	}
	s = permute(s);
	for (var j = 0u; j < 12u; j++) {
		dst[(params.dst_start + t) * 12u + j] = fe_store(s[j]);
	}
}

// Leaf digests: row src_start + t of the row-major leaf chunk `src` (rows of
// `width` elements) to digest dst_start + t of `dst`. plonky2's hash_or_noop:
// a row of at most 4 elements is its own digest, zero-padded; a longer one
// is hashed by the sponge without padding, overwriting the first lanes of
// the state with each chunk of up to 8 elements before permuting.
@compute @workgroup_size(WG)
fn hash_leaves(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= params.count {
		return;
	}
	let width = params.width;
	let row = (params.src_start + t) * width;
	var s: array<Fe, 12>;
	if width <= 4u {
		for (var j = 0u; j < 4u; j++) {
			if j < width {
				s[j] = fe_load(src[row + j]);
			}
		}
	} else {
		for (var start = 0u; start < width; start += 8u) {
			// Constant lane indices (once unrolled) keep the state in registers.
			for (var j = 0u; j < 8u; j++) {
				if start + j < width {
					s[j] = fe_load(src[row + start + j]);
				}
			}
			s = permute(s);
		}
	}
	store_digest(params.dst_start + t, s);
}

// One tree level: children src_start + 2t and src_start + 2t + 1 of `src` to
// their parent dst_start + t of `dst`, by plonky2's two_to_one (the state
// [left, right, 0, 0, 0, 0] permuted; the digest is its first 4 lanes).
@compute @workgroup_size(WG)
fn compress(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= params.count {
		return;
	}
	let first = (params.src_start + 2u * t) * 4u;
	var s: array<Fe, 12>;
	for (var j = 0u; j < 8u; j++) {
		s[j] = fe_load(src[first + j]);
	}
	store_digest(params.dst_start + t, permute(s));
}
