#!/usr/bin/env bash
# Training throughput and memory of Paddock against the PyTorch reference
# (tools/reference/bench_train.py), alternating in one run on this machine.
#   tools/bench/compare_train.sh [steps] [repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${1:-3} reps=${2:-2}
go build -o /tmp/paddock-bench ./cmd/paddock
export OMP_WAIT_POLICY=PASSIVE
field() { sed -n "s/.*\"$1\": *\([0-9.e+]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-12s %10s %10s %7s %12s %12s %7s\n' shape paddock pytorch ratio paddock_MiB pytorch_MiB ratio
for shape in "stories15m 8 256" "gqa 4 256"; do
	set -- $shape
	: >/tmp/pd_t.txt; : >/tmp/pt_t.txt; : >/tmp/pd_m.txt; : >/tmp/pt_m.txt
	for _ in $(seq "$reps"); do
		pd=$(/tmp/paddock-bench bench train --preset "$1" --batch "$2" --seq "$3" --steps "$steps" --json)
		pt=$(/usr/bin/python3 tools/reference/bench_train.py --preset "$1" --batch "$2" --seq "$3" --steps "$steps" --threads 2)
		echo "$pd" | field tokens_per_s >>/tmp/pd_t.txt; echo "$pd" | field peak_rss_mib >>/tmp/pd_m.txt
		echo "$pt" | field tokens_per_s >>/tmp/pt_t.txt; echo "$pt" | field peak_rss_mib >>/tmp/pt_m.txt
	done
	a=$(median </tmp/pd_t.txt) b=$(median </tmp/pt_t.txt) c=$(median </tmp/pd_m.txt) d=$(median </tmp/pt_m.txt)
	printf '%-12s %10.1f %10.1f %6.2fx %12.0f %12.0f %6.2fx\n' "$1 ${2}x$3" "$a" "$b" "$(echo "$a / $b" | bc -l)" "$c" "$d" "$(echo "$c / $d" | bc -l)"
done
