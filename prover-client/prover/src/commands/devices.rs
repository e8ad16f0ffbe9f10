//! `prova-prover devices`: the GPU adapters wgpu finds, with the limits that
//! shape how the GPU backend splits its work, and the one `--backend auto`
//! would take.

use prova_gpu::AdapterSummary;

/// Prints every adapter, best first.
pub fn list(json: bool) -> anyhow::Result<()> {
	let adapters = prova_gpu::list_adapters();
	let auto = adapters.iter().position(|adapter| adapter.hardware);
	if json {
		let rows: Vec<_> = adapters
			.iter()
			.enumerate()
			.map(|(i, adapter)| {
				serde_json::json!({
					"name": adapter.name,
					"backend": adapter.backend,
					"device_type": adapter.device_type,
					"driver": adapter.driver,
					"hardware": adapter.hardware,
					"shader_int64": adapter.shader_int64,
					"max_storage_binding": adapter.max_storage_binding,
					"max_buffer": adapter.max_buffer,
					"max_invocations_per_workgroup": adapter.max_invocations_per_workgroup,
					"auto": auto == Some(i),
				})
			})
			.collect();
		println!("{}", serde_json::to_string_pretty(&rows)?);
		return Ok(());
	}
	if adapters.is_empty() {
		println!("no Vulkan, Metal or DX12 adapter found: --backend auto and gpu prove on the CPU");
		return Ok(());
	}
	for (i, adapter) in adapters.iter().enumerate() {
		println!("{}{}", describe(adapter), if auto == Some(i) { "  <- auto" } else { "" });
	}
	if auto.is_none() {
		println!("no hardware GPU: --backend auto proves on the CPU; --backend gpu uses the software adapter");
	}
	Ok(())
}

fn describe(adapter: &AdapterSummary) -> String {
	format!(
		"{}\n  type {}, {} ({}), 64-bit integers: {}, storage binding {} MiB, buffer {} MiB, {} invocations per workgroup",
		adapter.name,
		adapter.device_type,
		adapter.backend,
		adapter.driver,
		if adapter.shader_int64 { "yes" } else { "no (32-bit arithmetic)" },
		adapter.max_storage_binding >> 20,
		adapter.max_buffer >> 20,
		adapter.max_invocations_per_workgroup,
	)
}
