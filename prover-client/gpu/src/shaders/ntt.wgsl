// Number-theoretic transforms and the low-degree extension around them (see
// lde.rs). Columns of one power-of-two length N = 2^log_n lie back to back in a
// buffer: column c is elements c*N .. (c+1)*N.
//
// The transform is decimation in frequency (Gentleman-Sande): natural order in,
// bit-reversed order out, in place. Stage "distance h" pairs elements i and
// i + h inside blocks of 2h and multiplies the difference by w_{2h}^j, where j
// is i's offset in its block and w_{2h} the primitive 2h-th root of unity (of
// the inverse root for the inverse transform). The twiddle table keeps the
// roots of every stage contiguous: entry h + j is w_{2h}^j.
//
// Every kernel uses the same `params` (fields named by use below) and up to
// three storage buffers, whose roles each kernel states.

struct Params {
	// log2 of the length of each column in the buffer the kernel transforms or writes.
	log_n: u32,
	// Columns in the batch.
	cols: u32,
	// Kernel-specific.
	p2: u32,
	p3: u32,
	p4: u32,
	p5: u32,
	p6: u32,
	p7: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> buf1: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> buf2: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> buf3: array<vec2<u32>>;

// log2 of the block the workgroup-local kernel transforms: 1024 elements, 8 KiB.
const LOCAL_LOG: u32 = 10u;
var<workgroup> tile: array<Fe, 1024>;

fn ntt_pow(base: Fe, exponent: u32) -> Fe {
	var result = fe_from_u32(1u);
	var square = base;
	var e = exponent;
	loop {
		if e == 0u {
			break;
		}
		if (e & 1u) == 1u {
			result = fe_mul(result, square);
		}
		e = e >> 1u;
		if e != 0u {
			square = fe_mul(square, square);
		}
	}
	return result;
}

// i's lowest `bits` bits in reverse order.
fn ntt_bit_reverse(i: u32, bits: u32) -> u32 {
	if bits == 0u {
		return 0u;
	}
	return reverseBits(i) >> (32u - bits);
}

fn ntt_param_fe(lo: u32, hi: u32) -> Fe {
	return fe_load(vec2<u32>(lo, hi));
}

// The twiddle table of size N into buf1: entry h + j = root^(j * N / 2h) for
// every stage distance h < N and j < h; entry 0 is 1 and unused.
// p2, p3: the primitive N-th root of unity (or its inverse), low and high half.
@compute @workgroup_size(WG)
fn twiddles(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let e = thread_id(gid, groups);
	if e >= (1u << params.log_n) {
		return;
	}
	if e == 0u {
		buf1[0] = fe_store(fe_from_u32(1u));
		return;
	}
	let log_h = firstLeadingBit(e);
	let j = e - (1u << log_h);
	let root = ntt_param_fe(params.p2, params.p3);
	buf1[e] = fe_store(fe_canon(ntt_pow(root, j << (params.log_n - 1u - log_h))));
}

// The coset LDE's factors, for columns of 2^p2 coefficients extended to
// N = 2^log_n points (r = log_n - p2 more bits): buf1[q * 2^p2 + m] =
// shift^m * w_N^(m * reverse(q, r)) for q < 2^r, m < 2^p2. p3, p4: shift;
// p5, p6: w_N, the primitive N-th root of unity.
//
// A DIF transform of size N whose input is zero beyond 2^p2 leaves block q
// (of 2^p2 elements) after its first r stages as input m times
// w_N^(m * reverse(q, r)); with these factors, one multiplication reproduces
// those stages, and the coset scaling with them.
@compute @workgroup_size(WG)
fn coset_factors(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= (1u << params.log_n) {
		return;
	}
	let m = t & ((1u << params.p2) - 1u);
	let q = t >> params.p2;
	// (shift * w_N^reverse(q, r))^m: one short and one long power.
	let rotation = ntt_pow(ntt_param_fe(params.p5, params.p6), ntt_bit_reverse(q, params.log_n - params.p2));
	let base = fe_mul(ntt_param_fe(params.p3, params.p4), rotation);
	buf1[t] = fe_store(fe_canon(ntt_pow(base, m)));
}

// One DIF stage of distance h = 2^p2 on every column of buf1 (in place), with
// the twiddle table in buf2. One thread per butterfly: cols * N / 2 threads.
@compute @workgroup_size(WG)
fn dif_stage(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	let log_half_n = params.log_n - 1u;
	if t >= (params.cols << log_half_n) {
		return;
	}
	let c = t >> log_half_n;
	let k = t & ((1u << log_half_n) - 1u);
	let s = params.p2;
	let h = 1u << s;
	let j = k & (h - 1u);
	let i0 = (c << params.log_n) + ((k >> s) << (s + 1u)) + j;
	let i1 = i0 + h;
	let a = fe_load(buf1[i0]);
	let b = fe_load(buf1[i1]);
	buf1[i0] = fe_store(fe_add(a, b));
	buf1[i1] = fe_store(fe_mul(fe_sub(a, b), fe_load(buf2[h + j])));
}

// Three DIF stages, of distances 2^p2, 2^(p2-1) and 2^(p2-2) (p2 >= 2), on
// every column of buf1 (in place), with the twiddle table in buf2: each
// thread loads the eight elements these stages combine, q = 2^(p2-2) apart,
// and keeps them in registers. cols * N / 8 threads.
@compute @workgroup_size(WG)
fn dif_radix8(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	let log_groups = params.log_n - 3u;
	if t >= (params.cols << log_groups) {
		return;
	}
	let c = t >> log_groups;
	let k = t & ((1u << log_groups) - 1u);
	let s = params.p2;
	let q = 1u << (s - 2u);
	let j = k & (q - 1u);
	let base = (c << params.log_n) + ((k >> (s - 2u)) << (s + 1u)) + j;
	var v: array<Fe, 8>;
	for (var m = 0u; m < 8u; m++) {
		v[m] = fe_load(buf1[base + m * q]);
	}
	for (var m = 0u; m < 4u; m++) {
		let a = v[m];
		let b = v[m + 4u];
		v[m] = fe_add(a, b);
		v[m + 4u] = fe_mul(fe_sub(a, b), fe_load(buf2[4u * q + j + m * q]));
	}
	for (var m = 0u; m < 8u; m++) {
		if (m & 2u) == 0u {
			let a = v[m];
			let b = v[m + 2u];
			v[m] = fe_add(a, b);
			v[m + 2u] = fe_mul(fe_sub(a, b), fe_load(buf2[2u * q + j + (m & 1u) * q]));
		}
	}
	let w = fe_load(buf2[q + j]);
	for (var m = 0u; m < 8u; m += 2u) {
		let a = v[m];
		let b = v[m + 1u];
		v[m] = fe_add(a, b);
		v[m + 1u] = fe_mul(fe_sub(a, b), w);
	}
	for (var m = 0u; m < 8u; m++) {
		buf1[base + m * q] = fe_store(v[m]);
	}
}

// The last p2 DIF stages (distances 2^(p2-1) down to 1, p2 <= LOCAL_LOG) of
// every column of buf1, in place: each workgroup loads a block of 2^p2
// elements into workgroup memory and runs the stages there. Twiddles in buf2.
// One workgroup per block: cols * N / 2^p2 workgroups.
@compute @workgroup_size(WG)
fn dif_local(
	@builtin(workgroup_id) wid: vec3<u32>,
	@builtin(num_workgroups) groups: vec3<u32>,
	@builtin(local_invocation_index) lid: u32,
) {
	let g = wid.x + wid.y * groups.x;
	let log_size = params.p2;
	if g >= (params.cols << (params.log_n - log_size)) {
		return;
	}
	let size = 1u << log_size;
	let base = g << log_size;
	for (var i = lid; i < size; i += WG) {
		tile[i] = fe_load(buf1[base + i]);
	}
	workgroupBarrier();
	for (var s = log_size; s > 0u; s--) {
		let h = 1u << (s - 1u);
		for (var t = lid; t < (size >> 1u); t += WG) {
			let j = t & (h - 1u);
			let i0 = ((t >> (s - 1u)) << s) + j;
			let a = tile[i0];
			let b = tile[i0 + h];
			tile[i0] = fe_add(a, b);
			tile[i0 + h] = fe_mul(fe_sub(a, b), fe_load(buf2[h + j]));
		}
		workgroupBarrier();
	}
	for (var i = lid; i < size; i += WG) {
		buf1[base + i] = fe_store(tile[i]);
	}
}

// buf2 (column c, row reverse(i)) = canon(buf1 (column c, row i) * scale): the
// DIF's bit-reversed output in natural order. p2, p3: scale.
@compute @workgroup_size(WG)
fn bit_reverse_scale(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= (params.cols << params.log_n) {
		return;
	}
	let c = t >> params.log_n;
	let i = t & ((1u << params.log_n) - 1u);
	let v = fe_mul(fe_load(buf1[t]), ntt_param_fe(params.p2, params.p3));
	buf2[(c << params.log_n) + ntt_bit_reverse(i, params.log_n)] = fe_store(fe_canon(v));
}

// The coset LDE's input: buf1 holds columns of 2^p2 coefficients, buf3 the
// 2^log_n factors of `coset_factors`; element t of column c of buf2
// (2^log_n long) is coefficient t mod 2^p2 times factor t.
@compute @workgroup_size(WG)
fn coset_expand(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= (params.cols << params.log_n) {
		return;
	}
	let c = t >> params.log_n;
	let k = t & ((1u << params.log_n) - 1u);
	let m = k & ((1u << params.p2) - 1u);
	buf2[t] = fe_store(fe_mul(fe_load(buf1[(c << params.p2) + m]), fe_load(buf3[k])));
}

// Columns of buf1 (each 2^log_n long) into rows p4 .. p4 + p5 of a row-major
// matrix chunk buf2 of width p2, at columns p3 ..: buf2[(r - p4) * p2 + p3 + c]
// = canon(column c, row r). One thread per element: cols * p5 threads.
@compute @workgroup_size(WG)
fn scatter_rows(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let t = thread_id(gid, groups);
	if t >= params.cols * params.p5 {
		return;
	}
	let row = t / params.cols;
	let c = t - row * params.cols;
	let v = fe_load(buf1[(c << params.log_n) + params.p4 + row]);
	buf2[row * params.p2 + params.p3 + c] = fe_store(fe_canon(v));
}
