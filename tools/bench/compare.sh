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
printf '%-8s %14s %14s %8s %14s\n' batch paddock_tok/s pytorch_tok/s ratio paddock_rss_MiB
for batch in 1 8; do
	: >/tmp/pd.txt; : >/tmp/pt.txt; rss=0
	for _ in $(seq "$reps"); do
		out=$(/tmp/paddock-bench bench generate --preset "$preset" --batch "$batch" --new-tokens "$new" --json)
		echo "$out" | tps >>/tmp/pd.txt
		rss=$(echo "$out" | sed -n 's/.*"peak_rss_mib": *\([0-9.]*\).*/\1/p')
		/usr/bin/python3 tools/reference/bench_generate.py --preset "$preset" --batch "$batch" \
			--new-tokens "$new" --threads 2 | tps >>/tmp/pt.txt
	done
	pd=$(median </tmp/pd.txt) pt=$(median </tmp/pt.txt)
	printf '%-8s %14.1f %14.1f %7.2fx %14.0f\n' "$batch" "$pd" "$pt" "$(echo "$pd / $pt" | bc -l)" "$rss"
done
