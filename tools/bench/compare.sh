#!/usr/bin/env bash
# Compare Paddock's KV-cache generation with the tuned PyTorch baseline on
# this machine, in one run: the two alternate so that noise hits both.
#   tools/bench/compare.sh [preset] [new_tokens] [repeats]
# Needs Debian's python3-torch under /usr/bin/python3 (not needed by CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
preset=${1:-stories15m} new=${2:-128} reps=${3:-3}
go build -o /tmp/paddock-bench ./cmd/paddock
export OMP_WAIT_POLICY=PASSIVE
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tps() { sed -n 's/.*"tokens_per_s": *\([0-9.e+]*\).*/\1/p'; }
# Two PyTorch baselines: "hf" has HF LlamaForCausalLM's layer structure,
# "fast" is hand-tuned (fused, transposed weights, torch.mv for one row).
printf '%-6s %12s %12s %12s %9s %9s %10s\n' batch paddock pytorch-hf pytorch-fast ratio-hf ratio-fast rss_MiB
for batch in 1 8; do
	: >/tmp/pd.txt; : >/tmp/hf.txt; : >/tmp/fast.txt; rss=0
	for _ in $(seq "$reps"); do
		out=$(/tmp/paddock-bench bench generate --preset "$preset" --batch "$batch" --new-tokens "$new" --json)
		echo "$out" | tps >>/tmp/pd.txt
		rss=$(echo "$out" | sed -n 's/.*"peak_rss_mib": *\([0-9.]*\).*/\1/p')
		for impl in hf fast; do
			/usr/bin/python3 tools/reference/bench_generate.py --preset "$preset" --batch "$batch" \
				--new-tokens "$new" --threads 2 --impl "$impl" | tps >>"/tmp/$impl.txt"
		done
	done
	pd=$(median </tmp/pd.txt) hf=$(median </tmp/hf.txt) fast=$(median </tmp/fast.txt)
	printf '%-6s %12.1f %12.1f %12.1f %8.2fx %8.2fx %10.0f\n' "$batch" "$pd" "$hf" "$fast" \
		"$(echo "$pd / $hf" | bc -l)" "$(echo "$pd / $fast" | bc -l)" "$rss"
done
