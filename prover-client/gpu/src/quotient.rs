//! The quotient polynomials' values on the GPU, from the extensions already
//! there.
//!
//! After the wires and the permutation products are committed, their
//! low-degree extensions are on the GPU; the quotient reads every row of both
//! (and of the circuit's constants and sigmas) at `n · 2^q` points, and
//! evaluates every gate's constraints there: on the CPU that is the largest
//! stage of a proof after the commitments. [`QuotientPlan`] writes a kernel
//! for one circuit shape (`shaders/quotient.wgsl`, completed with the
//! circuit's constants and a call per gate) and [`evaluate`] runs it over the
//! leaf matrices, returning exactly what prova-pipeline's
//! `cpu_quotient_values` returns (canonical values; the tests compare them
//! bit for bit and whole proofs byte for byte).
//!
//! Gates: the ones Prova's circuits are made of (no-op, constant, public
//! input, base arithmetic, Poseidon). A circuit with any other gate is left
//! to the CPU, as is one whose permutation products do not fit the chunk
//! layout the kernel reads (every row and its `gx` row in one binding).

use crate::{context::Binding, Gpu, GpuError, LeafMatrix};
use plonky2::{
	field::{
		types::{Field, PrimeField64},
		zero_poly_coset::ZeroPolyOnCoset,
	},
	fri::oracle::PolynomialBatch,
	gates::{
		arithmetic_base::ArithmeticGate, constant::ConstantGate, gate::AnyGate, noop::NoopGate,
		poseidon::PoseidonGate, public_input::PublicInputGate,
	},
	hash::poseidon::{Poseidon, ALL_ROUND_CONSTANTS, N_PARTIAL_ROUNDS, SPONGE_WIDTH},
	plonk::plonk_common::salt_size,
};
use prova_pipeline::{QuotientInputs, C, D, F};
use rayon::prelude::*;
use std::{
	fmt::Write,
	hash::{DefaultHasher, Hash, Hasher},
};

const QUOTIENT_WGSL: &str = include_str!("shaders/quotient.wgsl");
const POSEIDON_GATE_WGSL: &str = include_str!("shaders/poseidon_gate.wgsl");

/// The gates the kernel evaluates, with what their constraints depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GateKind {
	Noop,
	Constant { num_consts: usize },
	PublicInput,
	Arithmetic { num_ops: usize },
	Poseidon,
}

impl GateKind {
	/// The kind of `gate`, if the kernel knows it.
	fn of(gate: &dyn AnyGate<F, D>) -> Option<GateKind> {
		let any = gate.as_any();
		let kind = if any.is::<NoopGate>() {
			GateKind::Noop
		} else if any.is::<ConstantGate>() {
			// One constraint per constant (the count is private).
			GateKind::Constant { num_consts: gate.num_constraints() }
		} else if any.is::<PublicInputGate>() {
			GateKind::PublicInput
		} else if let Some(gate) = any.downcast_ref::<ArithmeticGate>() {
			GateKind::Arithmetic { num_ops: gate.num_ops }
		} else if any.is::<PoseidonGate<F, D>>() {
			GateKind::Poseidon
		} else {
			return None;
		};
		// The kernel's constraint lists must be plonky2's.
		(kind.num_constraints() == gate.num_constraints()).then_some(kind)
	}

	fn num_constraints(self) -> usize {
		match self {
			GateKind::Noop => 0,
			GateKind::Constant { num_consts } => num_consts,
			GateKind::PublicInput => 4,
			GateKind::Arithmetic { num_ops } => num_ops,
			// Swap, deltas, 3 + 4 full rounds of S-boxes, partial rounds, output.
			GateKind::Poseidon => 1 + 4 + 7 * SPONGE_WIDTH + N_PARTIAL_ROUNDS + SPONGE_WIDTH,
		}
	}

	/// WGSL adding the gate's constraints times `gate_filter` from term `first`;
	/// its own constants start at constant `constants`.
	fn wgsl(self, first: usize, constants: usize) -> String {
		let term = |t: usize, value: String| {
			format!("\t\tterm({}u, fe_mul(gate_filter, {value}));\n", first + t)
		};
		match self {
			GateKind::Noop => String::new(),
			GateKind::Constant { num_consts } => (0..num_consts)
				.map(|i| term(i, format!("fe_sub(constant({}u), wire({i}u))", constants + i)))
				.collect(),
			GateKind::PublicInput => (0..4)
				.map(|i| term(i, format!("fe_sub(wire({i}u), tb(PUBLIC_INPUTS_HASH + {i}u))")))
				.collect(),
			GateKind::Arithmetic { num_ops } => {
				let mut text = format!(
					"\t\tlet c0 = constant({constants}u);\n\t\tlet c1 = constant({}u);\n",
					constants + 1
				);
				for i in 0..num_ops {
					let [m0, m1, addend, output] =
						[0, 1, 2, 3].map(|k| format!("wire({}u)", 4 * i + k));
					text += &term(
						i,
						format!(
							"fe_sub({output}, fe_add(fe_mul(fe_mul({m0}, {m1}), c0), fe_mul({addend}, c1)))"
						),
					);
				}
				text
			}
			GateKind::Poseidon => format!("\t\tposeidon_gate(gate_filter, {first}u);\n"),
		}
	}
}

/// The kernel and the constants table for one proof's quotient, or why the
/// GPU cannot compute it.
pub struct QuotientPlan {
	/// The completed WGSL (one per circuit shape).
	source: String,
	/// Its cache name, from a hash of the source.
	name: String,
	/// The `table` binding: challenge powers, challenges, coset data, gate
	/// constants.
	table: Vec<u64>,
	num_challenges: usize,
	lde_bits: usize,
	step_bits: usize,
	/// Rows of the LDE whose point is on the quotient coset: `0..size`.
	size: usize,
	/// Degree `n` of the circuit: the permutation products' chunks hold at
	/// least this many rows.
	degree: usize,
	/// Leaf widths the kernel reads: wires, permutation products, constants.
	widths: [usize; 3],
}

/// Appends `values` to `table` and returns where they start.
fn push(table: &mut Vec<u64>, values: impl IntoIterator<Item = u64>) -> usize {
	let at = table.len();
	table.extend(values);
	at
}

/// Elements per leaf row of a committed batch (its polynomials, then its
/// salt): its leaves may be on the GPU only.
fn leaf_width(batch: &PolynomialBatch<F, C, D>) -> usize {
	batch.polynomials.len() + salt_size(batch.blinding)
}

fn canonical(values: &[F]) -> impl Iterator<Item = u64> + '_ {
	values.iter().map(|v| v.to_canonical_u64())
}

impl QuotientPlan {
	/// The plan for `inputs` on `gpu`, or the reason the CPU must compute
	/// them.
	pub fn new(gpu: &Gpu, inputs: &QuotientInputs) -> Result<Self, String> {
		let common = inputs.common;
		let coset = inputs.coset().map_err(|e| e.to_string())?;
		let selectors = inputs.selectors().map_err(|e| e.to_string())?;
		let kinds = common
			.gates
			.iter()
			.map(|gate| {
				GateKind::of(gate.0.as_ref())
					.ok_or_else(|| format!("no GPU constraints for gate {}", gate.0.id()))
			})
			.collect::<Result<Vec<_>, _>>()?;
		let rate_bits = common.config.fri_config.rate_bits;
		let lde_bits = common.degree_bits() + rate_bits;
		if !(1..32).contains(&lde_bits) {
			return Err(format!("an extension of 2^{lde_bits} rows"));
		}
		let routed = common.config.num_routed_wires;
		let num_chunks = routed.div_ceil(common.quotient_degree_factor);
		if common.num_partial_products + 1 != num_chunks {
			return Err("partial products do not match the chunks".into());
		}
		let zs_width = leaf_width(inputs.zs_partial_products);
		// A row and its `gx` row share their top `rate_bits` bits: chunks of
		// `n` rows hold both.
		if LeafMatrix::rows_per_chunk_for(gpu, 1 << lde_bits, zs_width) < common.degree() {
			return Err("the permutation products' rows do not fit one binding".into());
		}
		let num_challenges = common.config.num_challenges;
		if [inputs.betas.len(), inputs.gammas.len(), inputs.alphas.len()] != [num_challenges; 3] {
			return Err("challenges of the wrong count".into());
		}
		let num_terms = inputs.num_terms();

		let mut table = Vec::new();
		let alpha_powers = push(
			&mut table,
			inputs
				.alphas
				.iter()
				.flat_map(|&alpha| alpha.powers().take(num_terms).map(|p| p.to_canonical_u64())),
		);
		let betas = push(&mut table, canonical(inputs.betas));
		let gammas = push(&mut table, canonical(inputs.gammas));
		let k_is = push(&mut table, canonical(&common.k_is[..routed]));
		let pih = push(&mut table, canonical(&inputs.public_inputs_hash.elements));
		let coset_bits = common.degree_bits() + coset.q_bits;
		let omega = F::primitive_root_of_unity(coset_bits);
		let omega_powers =
			push(&mut table, (0..coset_bits).map(|k| omega.exp_power_of_2(k).to_canonical_u64()));
		let shift = push(&mut table, [F::coset_shift().to_canonical_u64()]);
		let zero_poly = ZeroPolyOnCoset::<F>::new(common.degree_bits(), coset.q_bits);
		let zh_points = 1usize << coset.q_bits;
		let zh_evals =
			push(&mut table, (0..zh_points).map(|j| zero_poly.eval(j).to_canonical_u64()));
		let zh_inverses =
			push(&mut table, (0..zh_points).map(|j| zero_poly.eval_inverse(j).to_canonical_u64()));
		let n_field = push(&mut table, [common.degree() as u64]);

		let wires_width = leaf_width(inputs.wires);
		let consts_width = leaf_width(&inputs.prover.constants_sigmas_commitment);
		let mut header = String::from("// Generated by quotient.rs for this circuit shape.\n");
		let mut constant = |name: &str, value: usize| {
			writeln!(header, "const {name}: u32 = {value}u;").expect("a String");
		};
		constant("NUM_CHALLENGES", num_challenges);
		constant("NUM_TERMS", num_terms);
		constant("NUM_CHUNKS", num_chunks);
		constant("QUOTIENT_DEGREE_FACTOR", common.quotient_degree_factor);
		constant("ROUTED_WIRES", routed);
		constant("SIGMAS", common.sigmas_range().start);
		constant("LDE_BITS", lde_bits);
		constant("LDE_ROWS", 1 << lde_bits);
		constant("RATE_BITS", rate_bits);
		constant("STEP_BITS", coset.step.trailing_zeros() as usize);
		constant("COSET_BITS", coset_bits);
		constant("ZH_POINTS", zh_points);
		constant("WIRES_WIDTH", wires_width);
		constant("CONSTS_WIDTH", consts_width);
		constant("ZS_WIDTH", zs_width);
		constant("ALPHA_POWERS", alpha_powers);
		constant("BETAS", betas);
		constant("GAMMAS", gammas);
		constant("K_IS", k_is);
		constant("PUBLIC_INPUTS_HASH", pih);
		constant("OMEGA_POWERS", omega_powers);
		constant("SHIFT", shift);
		constant("ZH_EVALS", zh_evals);
		constant("ZH_INVERSES", zh_inverses);
		constant("N_FIELD", n_field);

		let poseidon = kinds.contains(&GateKind::Poseidon);
		if poseidon {
			let flat = |rows: &[[u64; SPONGE_WIDTH - 1]]| rows.concat();
			let sections: [(&str, Vec<u64>); 8] = [
				("PG_ROUND_CONSTANTS", ALL_ROUND_CONSTANTS.to_vec()),
				(
					"PG_FIRST_ROUND_CONSTANT",
					<F as Poseidon>::FAST_PARTIAL_FIRST_ROUND_CONSTANT.to_vec(),
				),
				(
					"PG_PARTIAL_ROUND_CONSTANTS",
					<F as Poseidon>::FAST_PARTIAL_ROUND_CONSTANTS.to_vec(),
				),
				("PG_INITIAL_MATRIX", flat(&<F as Poseidon>::FAST_PARTIAL_ROUND_INITIAL_MATRIX)),
				("PG_VS", flat(&<F as Poseidon>::FAST_PARTIAL_ROUND_VS)),
				("PG_W_HATS", flat(&<F as Poseidon>::FAST_PARTIAL_ROUND_W_HATS)),
				("PG_CIRC", <F as Poseidon>::MDS_MATRIX_CIRC.to_vec()),
				("PG_DIAG", <F as Poseidon>::MDS_MATRIX_DIAG.to_vec()),
			];
			for (name, values) in sections {
				// Reduced, as the field elements plonky2 makes of them.
				let at = push(
					&mut table,
					values.iter().map(|&v| F::from_noncanonical_u64(v).to_canonical_u64()),
				);
				constant(name, at);
			}
		}

		// Each gate: its filter (the product over the other gates of its
		// selector group, and the unused-selector value when there are
		// several selectors), then its constraints.
		let first_gate_term = num_challenges * (1 + num_chunks);
		let gate_constants = common.selectors_info.num_selectors() + common.num_lookup_selectors;
		let many_selectors = selectors.groups.len() > 1;
		let mut gates = String::new();
		for (index, kind) in kinds.iter().enumerate() {
			let selector = selectors.of_gate[index];
			let factors: Vec<String> = selectors.groups[selector]
				.clone()
				.filter(|&i| i != index)
				.map(|i| i as u64)
				.chain(many_selectors.then_some(u32::MAX as u64))
				.map(|i| format!("fe_sub(fe_from_u32({i}u), s)"))
				.collect();
			let filter = factors
				.into_iter()
				.reduce(|product, factor| format!("fe_mul({product}, {factor})"))
				.unwrap_or_else(|| "fe_one()".into());
			writeln!(
				gates,
				"\t{{\n\t\t// {}\n\t\tlet s = constant({selector}u);\n\t\tlet gate_filter = {filter};\n{}\t}}",
				common.gates[index].0.id(),
				kind.wgsl(first_gate_term, gate_constants)
			)
			.expect("a String");
		}

		let mut source = String::with_capacity(QUOTIENT_WGSL.len() + gates.len() + 8192);
		for line in QUOTIENT_WGSL.lines() {
			match line.trim() {
				"// {{HEADER}}" => source += &header,
				"// {{GATES}}" => source += &gates,
				_ => {
					source += line;
					source.push('\n');
				}
			}
		}
		if poseidon {
			source += POSEIDON_GATE_WGSL;
		}
		let mut hasher = DefaultHasher::new();
		source.hash(&mut hasher);
		Ok(QuotientPlan {
			name: format!("quotient-{:016x}", hasher.finish()),
			source,
			table,
			num_challenges,
			lde_bits,
			step_bits: coset.step.trailing_zeros() as usize,
			size: coset.size,
			degree: common.degree(),
			widths: [wires_width, zs_width, consts_width],
		})
	}
}

/// Evaluates the quotient on the GPU from the leaf matrices of the wires,
/// the permutation products and the circuit's constants and sigmas: one
/// column of values per challenge, on the quotient coset in its natural
/// order (prova-pipeline's `cpu_quotient_values`).
pub fn evaluate(
	gpu: &Gpu,
	plan: &QuotientPlan,
	wires: &LeafMatrix,
	zs: &LeafMatrix,
	constants: &LeafMatrix,
) -> Result<Vec<Vec<F>>, GpuError> {
	let rows = 1usize << plan.lde_bits;
	if [wires.rows, zs.rows, constants.rows] != [rows; 3]
		|| [wires.width, zs.width, constants.width] != plan.widths
		|| zs.rows_per_chunk < plan.degree
	{
		return Err(GpuError::Wgpu("leaf matrices of the wrong shape for the quotient".into()));
	}
	let kernel = gpu.kernel(&plan.name, &plan.source, "quotient", 5)?;
	let table = gpu.upload("quotient table", &plan.table)?;
	let c = plan.num_challenges;
	// Rows per dispatch: within one chunk of every matrix, and an output
	// that fits one binding.
	let out_rows = (gpu.max_binding() / (8 * c as u64)).max(1);
	let tile = [
		wires.rows_per_chunk,
		constants.rows_per_chunk,
		zs.rows_per_chunk,
		plan.size,
		1 << (63 - out_rows.leading_zeros()),
	]
	.into_iter()
	.min()
	.expect("four sizes");
	let out = gpu.buffer("quotient values", (tile * c) as u64 * 8)?;
	let mut columns = vec![vec![F::ZERO; plan.size]; c];
	for first_row in (0..plan.size).step_by(tile) {
		fn chunk(matrix: &LeafMatrix, row: usize) -> (&wgpu::Buffer, u32) {
			let index = row / matrix.rows_per_chunk;
			(&matrix.chunks[index], (index * matrix.rows_per_chunk) as u32)
		}
		let (wires_chunk, wires_row0) = chunk(wires, first_row);
		let (constants_chunk, constants_row0) = chunk(constants, first_row);
		let (zs_chunk, zs_row0) = chunk(zs, first_row);
		let mut batch = gpu.batch();
		batch.dispatch(
			&kernel,
			&[tile as u32, first_row as u32, wires_row0, constants_row0, zs_row0],
			&[
				Binding::from(wires_chunk),
				Binding::from(constants_chunk),
				Binding::from(zs_chunk),
				Binding::from(&table),
				Binding::from(&out),
			],
			tile as u64,
		)?;
		gpu.submit(batch)?;
		let values = gpu.read(&out, 0, tile * c)?;
		// Row r holds the point whose LDE index is r bit-reversed.
		columns.par_iter_mut().enumerate().for_each(|(challenge, column)| {
			for (k, row_values) in values.chunks_exact(c).enumerate() {
				let e = (first_row + k).reverse_bits() >> (usize::BITS as usize - plan.lde_bits);
				let point = e >> plan.step_bits;
				column[point] = F::from_noncanonical_u64(row_values[challenge]);
			}
		});
	}
	Ok(columns)
}
