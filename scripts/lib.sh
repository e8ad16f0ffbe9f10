# Helpers shared by the scripts in this folder; sourced, not run.

# build_node [cargo build flags...]: builds prova-node (in release when the
# flags include --release) and sets $node to the path of the binary.
build_node() {
	local profile=debug flag target_dir
	for flag in "$@"; do [ "$flag" = --release ] && profile=release; done
	cargo build --locked -p prova-node "$@"
	target_dir=$(cargo metadata --format-version 1 --no-deps |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
	node="$target_dir/$profile/prova-node"
}
