#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless against a Paddock run directory.
#
#   notebooks/run.sh RUN_DIR [OUT_DIR]
#
# The executed notebooks (with their figures and tables) go to OUT_DIR, by default
# RUN_DIR/notebooks. PADDOCK_BIN names the paddock binary; unset, one is built from this
# repository into a temporary folder. PADDOCK_RUNS (several runs, os.pathsep-separated) is
# passed through for the reward curves. Exits non-zero if any cell of any notebook fails.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 1; }
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: notebooks/run.sh RUN_DIR [OUT_DIR]" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")

[ -d "$1" ] || die "$1: no such directory"
[ -s "$1/metrics.jsonl" ] || die "$1 is not a Paddock run directory: it has no metrics.jsonl (or an empty one); make one with: go run ./experiments/vicuna-ppo"
run=$(cd "$1" && pwd)
out=${2:-$run/notebooks}
mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)

nbconvert=$(command -v jupyter-nbconvert || true)
[ -n "$nbconvert" ] || die "jupyter-nbconvert not found: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel"

if [ -z "${PADDOCK_BIN:-}" ]; then
	command -v go >/dev/null || die "PADDOCK_BIN is unset and go is not installed to build paddock"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	echo "run.sh: building paddock into $tmp" >&2
	(cd "$repo" && go build -o "$tmp/paddock" ./cmd/paddock) || die "go build ./cmd/paddock failed"
	PADDOCK_BIN=$tmp/paddock
else
	bin=$(command -v "$PADDOCK_BIN" || true)
	[ -n "$bin" ] && [ -x "$bin" ] || die "PADDOCK_BIN=$PADDOCK_BIN is not an executable"
	case $bin in /*) PADDOCK_BIN=$bin ;; *) PADDOCK_BIN=$PWD/$bin ;; esac
fi
export PADDOCK_BIN PADDOCK_RUN=$run
export PYDEVD_DISABLE_FILE_VALIDATION=1 # quiets the debugger's frozen-modules warning

log=$(mktemp)
trap 'rm -rf "$log" ${tmp:+"$tmp"}' EXIT
failed=() ok=()
for nb in "$here"/*.ipynb; do
	name=$(basename "$nb")
	echo "run.sh: executing $name against $run" >&2
	if "$nbconvert" --to notebook --execute --ExecutePreprocessor.timeout=120 \
		--log-level=WARN --output-dir "$out" "$nb" 2>"$log"; then
		ok+=("$out/$name")
	else
		failed+=("$name")
		# nbconvert's own traceback says nothing: show the failed cell and its error, uncoloured.
		{ grep -q '^nbclient.exceptions.CellExecutionError: ' "$log" && sed -n '/^nbclient.exceptions.CellExecutionError: /,$p' "$log" || cat "$log"; } |
			sed 's/\x1b\[[0-9;]*m//g; s/^nbclient.exceptions.CellExecutionError: /'"$name"': /' >&2
	fi
done
for p in ${ok[@]+"${ok[@]}"}; do echo "$p"; done
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]} (the cell and its error are above)"
