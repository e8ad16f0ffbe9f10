//! A worst case for the chain's verifier: the circuit an attacker would
//! register to make each verification as slow as possible per unit of weight.
//!
//! Besides the FRI check, whose cost the degree fixes, plonky2's verifier
//! evaluates every gate of the circuit once at the challenge point. The
//! runtime accepts at most `MAX_GATES` distinct gates from plonky2's default
//! set (minus lookups), each within the configuration's wires, constants and
//! quotient degree. [`candidate_gates`] lists every such gate with any
//! parameters, [`evaluation_cost`] measures each natively, and
//! [`worst_case_verifier_data`] builds the circuit made of the costliest ones.
//! The `prova-fixtures --crafted` command writes it for the verifier pallet's
//! tests and benchmarks and prints the measured ranking, which is where the
//! benchmark's choice of the costliest gate (Poseidon) comes from.

use crate::{config, C, D, F};
use anyhow::{ensure, Context};
use plonky2::{
	field::{extension::Extendable, types::Field},
	gates::{
		arithmetic_base::ArithmeticGate, arithmetic_extension::ArithmeticExtensionGate,
		base_sum::BaseSumGate, constant::ConstantGate, coset_interpolation::CosetInterpolationGate,
		exponentiation::ExponentiationGate, gate::GateRef,
		multiplication_extension::MulExtensionGate, poseidon::PoseidonGate,
		poseidon_mds::PoseidonMdsGate, random_access::RandomAccessGate, reducing::ReducingGate,
		reducing_extension::ReducingExtensionGate,
	},
	hash::hash_types::HashOut,
	plonk::{circuit_builder::CircuitBuilder, circuit_data::CircuitConfig, vars::EvaluationVars},
	util::serialization::DefaultGateSerializer,
};
use std::time::{Duration, Instant};

/// Most constraints of a gate the runtime accepts (its `num_gate_constraints` bound).
const MAX_GATE_CONSTRAINTS: usize = 1024;

/// Every gate of plonky2's default set (without lookups) with every parameter
/// value that fits `config`: wires, constants, and a degree low enough for
/// plonky2's selector layout (below `max_quotient_degree_factor + 1`).
pub fn candidate_gates(config: &CircuitConfig) -> Vec<GateRef<F, D>> {
	let wires = config.num_wires;
	let mut gates: Vec<GateRef<F, D>> = vec![
		GateRef::new(PoseidonGate::<F, D>::new()),
		GateRef::new(PoseidonMdsGate::<F, D>::new()),
	];
	for n in 1..=wires {
		gates.push(GateRef::new(ArithmeticGate { num_ops: n }));
		gates.push(GateRef::new(ArithmeticExtensionGate::<D> { num_ops: n }));
		gates.push(GateRef::new(MulExtensionGate::<D> { num_ops: n }));
		gates.push(GateRef::new(BaseSumGate::<2>::new(n)));
		gates.push(GateRef::new(ExponentiationGate::<F, D>::new(n)));
		gates.push(GateRef::new(ReducingGate::<D>::new(n)));
		gates.push(GateRef::new(ReducingExtensionGate::<D>::new(n)));
	}
	for n in 1..=config.num_constants {
		gates.push(GateRef::new(ConstantGate::new(n)));
	}
	// Both grow as 2^bits: a few bits already exceed the wires or the degree.
	for bits in 1..=6 {
		gates.push(GateRef::new(CosetInterpolationGate::<F, D>::new(bits)));
		if 2 + (1 << bits) <= config.num_routed_wires {
			gates.push(GateRef::new(RandomAccessGate::<F, D>::new_from_config(config, bits)));
		}
	}
	gates.retain(|gate| fits(gate, config));
	gates
}

/// Whether the runtime (and plonky2's builder) would accept `gate` in a
/// circuit of `config`.
fn fits(gate: &GateRef<F, D>, config: &CircuitConfig) -> bool {
	let gate = &gate.0;
	gate.num_wires() <= config.num_wires
		&& gate.num_constants() <= config.num_constants
		&& gate.degree() <= config.max_quotient_degree_factor
		&& gate.num_constraints() <= MAX_GATE_CONSTRAINTS
}

/// Mean native time of one unfiltered constraint evaluation of `gate` at a
/// point of the extension field, as the verifier does, over `runs` runs.
pub fn evaluation_cost(gate: &GateRef<F, D>, config: &CircuitConfig, runs: u32) -> Duration {
	let point = |i: usize| {
		<F as Extendable<D>>::Extension::from_canonical_u64(
			(i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 8,
		)
	};
	let wires: Vec<_> = (0..config.num_wires).map(point).collect();
	let constants: Vec<_> = (0..config.num_constants).map(|i| point(1000 + i)).collect();
	let hash = HashOut::<F>::ZERO;
	let vars = EvaluationVars {
		local_constants: &constants,
		local_wires: &wires,
		public_inputs_hash: &hash,
	};
	let runs = runs.max(1);
	let started = Instant::now();
	for _ in 0..runs {
		std::hint::black_box(gate.0.eval_unfiltered(std::hint::black_box(vars)));
	}
	started.elapsed() / runs
}

/// A candidate gate and its measured cost.
pub struct RankedGate {
	/// The gate.
	pub gate: GateRef<F, D>,
	/// Mean native time of one constraint evaluation.
	pub cost: Duration,
}

/// All candidates of the standard configuration, costliest first.
pub fn ranked_gates(runs: u32) -> Vec<RankedGate> {
	let config = config();
	let mut ranked: Vec<_> = candidate_gates(&config)
		.into_iter()
		.map(|gate| {
			let cost = evaluation_cost(&gate, &config, runs);
			RankedGate { gate, cost }
		})
		.collect();
	ranked.sort_by(|a, b| b.cost.cmp(&a.cost).then_with(|| a.gate.0.id().cmp(&b.gate.0.id())));
	ranked
}

/// Serialized verifier data of a circuit with `max_gates` gates in all: the
/// costliest of `ranked` plus those plonky2's builder always adds (the public
/// input gate, and no-op padding). No instance of the crafted gates is placed
/// in a row; only the gate set, which is what the verifier evaluates, matters.
pub fn worst_case_verifier_data(
	ranked: &[RankedGate],
	max_gates: usize,
) -> anyhow::Result<Vec<u8>> {
	ensure!(max_gates >= 2, "a circuit has at least the public input and no-op gates");
	let mut chosen = max_gates.min(ranked.len());
	loop {
		let mut builder = CircuitBuilder::<F, D>::new(config());
		for ranked in &ranked[..chosen] {
			builder.add_gate_to_gate_set(ranked.gate.clone());
		}
		let data = builder.build::<C>();
		if data.common.gates.len() <= max_gates {
			return data
				.verifier_data()
				.to_bytes(&DefaultGateSerializer)
				.map_err(|_| anyhow::anyhow!("serializing the crafted circuit"))
				.context("worst-case circuit");
		}
		ensure!(chosen > 0, "no crafted circuit fits {max_gates} gates");
		chosen -= 1;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_candidate_fits_the_configuration_and_is_distinct() {
		let config = config();
		let gates = candidate_gates(&config);
		assert!(gates.len() > 100, "only {} candidates", gates.len());
		let mut ids: Vec<_> = gates.iter().map(|gate| gate.0.id()).collect();
		ids.sort();
		ids.dedup();
		assert_eq!(ids.len(), gates.len());
		assert!(gates.iter().all(|gate| fits(gate, &config)));
	}

	#[test]
	fn the_worst_case_circuit_has_exactly_the_gates_asked_for() {
		let ranked: Vec<_> = candidate_gates(&config())
			.into_iter()
			.map(|gate| RankedGate { gate, cost: Duration::ZERO })
			.collect();
		let bytes = worst_case_verifier_data(&ranked, 12).unwrap();
		let data = plonky2::plonk::circuit_data::VerifierCircuitData::<F, C, D>::from_bytes(
			bytes,
			&DefaultGateSerializer,
		)
		.unwrap();
		assert_eq!(data.common.gates.len(), 12);
	}
}
