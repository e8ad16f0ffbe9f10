//! Goldilocks arithmetic in WGSL.
//!
//! The kernels' field code lives in `shaders/field_u64.wgsl` (native 64-bit
//! integers) and `shaders/field_u32.wgsl` (32-bit halves, for adapters
//! without `SHADER_INT64`); [`crate::Gpu`] compiles every kernel with the one
//! its adapter supports. Both follow plonky2's `GoldilocksField` exactly:
//! the same reduction of 128-bit products (2^64 = 2^32 - 1 and 2^96 = -1 mod
//! p) and the same tolerance of non-canonical values, so the results are
//! equal as field elements to plonky2's on every input. The tests here hold
//! both to that on edge values and random ones.

#[cfg(test)]
mod tests {
	use crate::{context::Binding, Gpu, GpuError};
	use plonky2::field::{
		goldilocks_field::GoldilocksField as F,
		types::{Field, PrimeField64},
	};

	const TEST_KERNEL: &str = include_str!("shaders/field_test.wgsl");

	/// Runs the test kernel: element-wise `[a + b, a - b, a * b, canon(a)]` on the GPU.
	fn field_ops(gpu: &Gpu, lhs: &[u64], rhs: &[u64]) -> Result<[Vec<u64>; 4], GpuError> {
		assert_eq!(lhs.len(), rhs.len());
		let n = lhs.len();
		let kernel = gpu.kernel("field_test", TEST_KERNEL, "field_ops", 3)?;
		let a = gpu.upload("lhs", lhs)?;
		let b = gpu.upload("rhs", rhs)?;
		let out = gpu.buffer("out", 4 * 8 * n as u64)?;
		let mut batch = gpu.batch();
		batch.dispatch(
			&kernel,
			&[n as u32],
			&[Binding::from(&a), Binding::from(&b), Binding::from(&out)],
			n as u64,
		)?;
		gpu.submit(batch)?;
		let all = gpu.read(&out, 0, 4 * n)?;
		let part = |i: usize| all[i * n..(i + 1) * n].to_vec();
		Ok([part(0), part(1), part(2), part(3)])
	}

	/// plonky2's result for the same operations, canonical.
	fn field_ops_reference(lhs: &[u64], rhs: &[u64]) -> [Vec<u64>; 4] {
		let pairs = || {
			lhs.iter()
				.zip(rhs)
				.map(|(&a, &b)| (F::from_noncanonical_u64(a), F::from_noncanonical_u64(b)))
		};
		[
			pairs().map(|(a, b)| (a + b).to_canonical_u64()).collect(),
			pairs().map(|(a, b)| (a - b).to_canonical_u64()).collect(),
			pairs().map(|(a, b)| (a * b).to_canonical_u64()).collect(),
			pairs().map(|(a, _)| a.to_canonical_u64()).collect(),
		]
	}

	use crate::test_support::gpu;
	use plonky2::field::types::Field64;

	const P: u64 = F::ORDER;

	/// 0, 1, p - 1, p, values near 2^32 and 2^64, and non-canonical ones.
	fn edge_values() -> Vec<u64> {
		vec![
			0,
			1,
			2,
			P - 2,
			P - 1,
			P,
			P + 1,
			u64::MAX,
			u64::MAX - 1,
			(1 << 32) - 1,
			1 << 32,
			(1 << 32) + 1,
			(1 << 63) - 1,
			1 << 63,
			0xFFFF_FFFF_0000_0000,
			0x0000_0001_FFFF_FFFF,
			0xC65C_18B6_7785_D900,
		]
	}

	/// All pairs of edge values, then `random` pseudorandom pairs (xorshift, fixed seed).
	fn cases(random: usize) -> (Vec<u64>, Vec<u64>) {
		let edges = edge_values();
		let (mut lhs, mut rhs) = (Vec::new(), Vec::new());
		for &a in &edges {
			for &b in &edges {
				lhs.push(a);
				rhs.push(b);
			}
		}
		let mut state = 0x9E37_79B9_7F4A_7C15u64;
		let mut next = || {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			state
		};
		for _ in 0..random {
			lhs.push(next());
			rhs.push(next());
		}
		(lhs, rhs)
	}

	fn check(force_u32: bool) {
		let gpu = gpu(force_u32);
		let (lhs, rhs) = cases(100_000);
		let got = field_ops(&gpu, &lhs, &rhs).expect("kernel runs");
		let want = field_ops_reference(&lhs, &rhs);
		for (op, (got, want)) in ["add", "sub", "mul", "canon"].iter().zip(got.iter().zip(&want)) {
			for i in 0..lhs.len() {
				let canonical = F::from_noncanonical_u64(got[i]).to_canonical_u64();
				assert_eq!(
					canonical,
					want[i],
					"{op}({:#x}, {:#x}) on {:?}",
					lhs[i],
					rhs[i],
					gpu.arithmetic()
				);
			}
		}
		// canon must really be canonical.
		assert!(got[3].iter().all(|&x| x < P));
	}

	#[test]
	fn int64_arithmetic_matches_plonky2() {
		let gpu = gpu(false);
		if gpu.arithmetic() != crate::Arithmetic::Int64 {
			panic!("adapter {} has no SHADER_INT64; lavapipe has it", gpu.adapter());
		}
		check(false);
	}

	#[test]
	fn u32_pair_arithmetic_matches_plonky2() {
		check(true);
	}
}
