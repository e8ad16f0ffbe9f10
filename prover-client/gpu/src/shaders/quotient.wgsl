// The quotient's values on the quotient coset (see prova-pipeline's
// quotient.rs, whose CPU evaluation this follows term for term): one thread
// per LDE row of the coset, reading that row of the wires, of the circuit's
// constants and sigmas and of the permutation products, and the products'
// row at `gx`, all resident in leaf matrices (row-major, bit-reversed rows,
// as plonky2's Merkle leaves). Each term of the vanishing polynomial is
// added at once with its power of α for every challenge, so no term list is
// kept; the sum is divided by Z_H and stored canonical.
//
// quotient.rs completes this text for one circuit shape: the `{{HEADER}}`
// line becomes the circuit's constants (widths, counts, offsets into
// `table`) and the `{{GATES}}` line the filtered constraints of its gates.

struct Params {
	// Rows this dispatch evaluates, from `first_row`.
	count: u32,
	first_row: u32,
	// Global row of the first row of each bound chunk.
	wires_row0: u32,
	consts_row0: u32,
	zs_row0: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> wires: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> consts: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> zs: array<vec2<u32>>;
// Challenge powers, challenges, coset data and gate constants (see HEADER).
@group(0) @binding(4) var<storage, read_write> table: array<vec2<u32>>;
// NUM_CHALLENGES values per row of the dispatch.
@group(0) @binding(5) var<storage, read_write> out: array<vec2<u32>>;

// {{HEADER}}

// Start of the current row in `wires` and in `consts`.
var<private> wire_base: u32;
var<private> const_base: u32;
// Each challenge's running sum of terms times powers of its α.
var<private> acc: array<Fe, NUM_CHALLENGES>;

fn wire(k: u32) -> Fe {
	return fe_load(wires[wire_base + k]);
}

fn constant(k: u32) -> Fe {
	return fe_load(consts[const_base + k]);
}

fn tb(k: u32) -> Fe {
	return fe_load(table[k]);
}

fn fe_one() -> Fe {
	return fe_from_u32(1u);
}

// Adds term `t` of the vanishing polynomial: v · α_c^t for every challenge c.
fn term(t: u32, v: Fe) {
	for (var c = 0u; c < NUM_CHALLENGES; c++) {
		acc[c] = fe_add(acc[c], fe_mul(v, tb(ALPHA_POWERS + c * NUM_TERMS + t)));
	}
}

// a^(p - 2) = a⁻¹ for a ≠ 0; p - 2 has every bit set but bit 32.
fn fe_inv(a: Fe) -> Fe {
	var r = a;
	for (var bit = 62; bit >= 0; bit--) {
		r = fe_mul(r, r);
		if bit != 32 {
			r = fe_mul(r, a);
		}
	}
	return r;
}

@compute @workgroup_size(WG)
fn quotient(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let thread = thread_id(gid, groups);
	if thread >= params.count {
		return;
	}
	let row = params.first_row + thread;
	// LDE index of the row, then its point i on the quotient coset.
	let e = reverseBits(row) >> (32u - LDE_BITS);
	let i = e >> STEP_BITS;
	var x = tb(SHIFT);
	for (var k = 0u; k < COSET_BITS; k++) {
		if ((i >> k) & 1u) == 1u {
			x = fe_mul(x, tb(OMEGA_POWERS + k));
		}
	}
	// gx is 2^RATE_BITS further on the LDE.
	let row_next = reverseBits((e + (1u << RATE_BITS)) & (LDE_ROWS - 1u)) >> (32u - LDE_BITS);
	wire_base = (row - params.wires_row0) * WIRES_WIDTH;
	const_base = (row - params.consts_row0) * CONSTS_WIDTH;
	let zs_base = (row - params.zs_row0) * ZS_WIDTH;
	let zs_next = (row_next - params.zs_row0) * ZS_WIDTH;
	for (var c = 0u; c < NUM_CHALLENGES; c++) {
		acc[c] = fe_zero();
	}

	// L₀(x)·(Z_c(x) − 1) for each challenge.
	let j = i & (ZH_POINTS - 1u);
	let l_0 = fe_mul(tb(ZH_EVALS + j), fe_inv(fe_mul(tb(N_FIELD), fe_sub(x, fe_one()))));
	for (var c = 0u; c < NUM_CHALLENGES; c++) {
		term(c, fe_mul(l_0, fe_sub(fe_load(zs[zs_base + c]), fe_one())));
	}

	// The permutation's chunk checks, for each challenge.
	for (var c = 0u; c < NUM_CHALLENGES; c++) {
		let beta = tb(BETAS + c);
		let gamma = tb(GAMMAS + c);
		var previous = fe_load(zs[zs_base + c]);
		for (var chunk = 0u; chunk < NUM_CHUNKS; chunk++) {
			var f_product = fe_one();
			var g_product = fe_one();
			let end = min((chunk + 1u) * QUOTIENT_DEGREE_FACTOR, ROUTED_WIRES);
			for (var w = chunk * QUOTIENT_DEGREE_FACTOR; w < end; w++) {
				let value = wire(w);
				let f = fe_add(fe_add(value, fe_mul(fe_mul(beta, tb(K_IS + w)), x)), gamma);
				let g = fe_add(fe_add(value, fe_mul(beta, constant(SIGMAS + w))), gamma);
				f_product = fe_mul(f_product, f);
				g_product = fe_mul(g_product, g);
			}
			var next: Fe;
			if chunk + 1u < NUM_CHUNKS {
				next = fe_load(zs[zs_base + NUM_CHALLENGES + c * (NUM_CHUNKS - 1u) + chunk]);
			} else {
				next = fe_load(zs[zs_next + c]);
			}
			term(NUM_CHALLENGES + c * NUM_CHUNKS + chunk, fe_sub(fe_mul(previous, f_product), fe_mul(next, g_product)));
			previous = next;
		}
	}

	// Every gate's constraints times its filter.
	// {{GATES}}

	let z_h_inverse = tb(ZH_INVERSES + j);
	for (var c = 0u; c < NUM_CHALLENGES; c++) {
		out[thread * NUM_CHALLENGES + c] = fe_store(fe_canon(fe_mul(acc[c], z_h_inverse)));
	}
}
