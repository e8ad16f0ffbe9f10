// plonky2's PoseidonGate constraints (gates/poseidon.rs), in its order: swap
// is binary, the four deltas, then the S-box inputs of the full rounds after
// the first, of the 22 partial rounds (in the fast-partial-round basis
// plonky2 uses, with its precomputed matrices), of the last full rounds, and
// the output. Wire layout: inputs 0..12, outputs 12..24, swap 24, deltas
// 25..29, first full rounds' S-boxes 29..65, partial 65..87, last full 87..135.
// The constants are plonky2's, in `table` at the PG_* offsets.

fn sbox7(x: Fe) -> Fe {
	let x2 = fe_mul(x, x);
	let x4 = fe_mul(x2, x2);
	return fe_mul(fe_mul(x, x2), x4);
}

fn pg_mds(s: array<Fe, 12>) -> array<Fe, 12> {
	var state = s;
	var result: array<Fe, 12>;
	for (var r = 0u; r < 12u; r++) {
		var sum = fe_mul(state[r], tb(PG_DIAG + r));
		for (var i = 0u; i < 12u; i++) {
			sum = fe_add(sum, fe_mul(state[(i + r) % 12u], tb(PG_CIRC + i)));
		}
		result[r] = sum;
	}
	return result;
}

fn pg_partial_init(s: array<Fe, 12>) -> array<Fe, 12> {
	var state = s;
	var result: array<Fe, 12>;
	result[0] = state[0];
	for (var c = 1u; c < 12u; c++) {
		var sum = fe_zero();
		for (var r = 1u; r < 12u; r++) {
			sum = fe_add(sum, fe_mul(state[r], tb(PG_INITIAL_MATRIX + (r - 1u) * 11u + c - 1u)));
		}
		result[c] = sum;
	}
	return result;
}

fn pg_partial_fast(s: array<Fe, 12>, round: u32) -> array<Fe, 12> {
	var state = s;
	var result: array<Fe, 12>;
	var d = fe_mul(state[0], fe_add(tb(PG_CIRC), tb(PG_DIAG)));
	for (var i = 1u; i < 12u; i++) {
		d = fe_add(d, fe_mul(state[i], tb(PG_W_HATS + round * 11u + i - 1u)));
	}
	result[0] = d;
	for (var i = 1u; i < 12u; i++) {
		result[i] = fe_add(state[i], fe_mul(state[0], tb(PG_VS + round * 11u + i - 1u)));
	}
	return result;
}

// One full round: round constants; when `sbox_wires` is not 0, the
// constraints that the S-box inputs equal those wires (terms from `t`), which
// then replace the state; S-boxes; MDS. Returns the next term.
fn pg_full_round(state: ptr<function, array<Fe, 12>>, round: u32, sbox_wires: u32, t: u32, gate_filter: Fe) -> u32 {
	var next = t;
	for (var i = 0u; i < 12u; i++) {
		(*state)[i] = fe_add((*state)[i], tb(PG_ROUND_CONSTANTS + 12u * round + i));
	}
	if sbox_wires != 0u {
		for (var i = 0u; i < 12u; i++) {
			let sbox_in = wire(sbox_wires + i);
			term(next, fe_mul(gate_filter, fe_sub((*state)[i], sbox_in)));
			next++;
			(*state)[i] = sbox_in;
		}
	}
	for (var i = 0u; i < 12u; i++) {
		(*state)[i] = sbox7((*state)[i]);
	}
	*state = pg_mds(*state);
	return next;
}

// Adds the gate's constraints, times `gate_filter`, as terms `first`, `first + 1`, ….
fn poseidon_gate(gate_filter: Fe, first: u32) {
	var t = first;
	let swap = wire(24u);
	term(t, fe_mul(gate_filter, fe_mul(swap, fe_sub(swap, fe_one()))));
	t++;
	for (var i = 0u; i < 4u; i++) {
		let delta = wire(25u + i);
		term(t, fe_mul(gate_filter, fe_sub(fe_mul(swap, fe_sub(wire(i + 4u), wire(i))), delta)));
		t++;
	}
	var state: array<Fe, 12>;
	for (var i = 0u; i < 4u; i++) {
		let delta = wire(25u + i);
		state[i] = fe_add(wire(i), delta);
		state[i + 4u] = fe_sub(wire(i + 4u), delta);
	}
	for (var i = 8u; i < 12u; i++) {
		state[i] = wire(i);
	}
	// The first round's S-box inputs are not wires: nothing to check.
	t = pg_full_round(&state, 0u, 0u, t, gate_filter);
	for (var r = 1u; r < 4u; r++) {
		t = pg_full_round(&state, r, 29u + 12u * (r - 1u), t, gate_filter);
	}
	for (var i = 0u; i < 12u; i++) {
		state[i] = fe_add(state[i], tb(PG_FIRST_ROUND_CONSTANT + i));
	}
	state = pg_partial_init(state);
	for (var r = 0u; r < 22u; r++) {
		let sbox_in = wire(65u + r);
		term(t, fe_mul(gate_filter, fe_sub(state[0], sbox_in)));
		t++;
		state[0] = sbox7(sbox_in);
		if r < 21u {
			state[0] = fe_add(state[0], tb(PG_PARTIAL_ROUND_CONSTANTS + r));
		}
		state = pg_partial_fast(state, r);
	}
	for (var r = 0u; r < 4u; r++) {
		t = pg_full_round(&state, 4u + 22u + r, 87u + 12u * r, t, gate_filter);
	}
	for (var i = 0u; i < 12u; i++) {
		term(t, fe_mul(gate_filter, fe_sub(state[i], wire(12u + i))));
		t++;
	}
}
