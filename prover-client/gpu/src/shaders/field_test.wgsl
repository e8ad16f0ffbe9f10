// Test kernel: element-wise add, sub, mul and canon of two input vectors.

struct Params {
	n: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> lhs: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> rhs: array<vec2<u32>>;
// [add | sub | mul | canon(lhs)], each n long.
@group(0) @binding(3) var<storage, read_write> out: array<vec2<u32>>;

@compute @workgroup_size(WG)
fn field_ops(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
	let i = thread_id(gid, groups);
	if i >= params.n {
		return;
	}
	let a = fe_load(lhs[i]);
	let b = fe_load(rhs[i]);
	out[i] = fe_store(fe_add(a, b));
	out[params.n + i] = fe_store(fe_sub(a, b));
	out[2u * params.n + i] = fe_store(fe_mul(a, b));
	out[3u * params.n + i] = fe_store(fe_canon(a));
}
