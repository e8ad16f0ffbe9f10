// Shared by every kernel: the workgroup size and the flat thread index of a
// dispatch that `Gpu` spreads over two dimensions when it exceeds 65,535
// workgroups.

const WG: u32 = 64u;

fn thread_id(gid: vec3<u32>, groups: vec3<u32>) -> u32 {
	return gid.x + gid.y * groups.x * WG;
}
