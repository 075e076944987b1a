#!/usr/bin/env bash
# Encoding throughput of Paddock against Debian's spm_encode on the same
# mixed English/Chinese corpus (Alpaca demo instructions and outputs, x10),
# in one run. Needs the sentencepiece package and ../shared.
#   tools/bench/compare_tokenize.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${PADDOCK_SHARED:-../shared}
model=$shared/tokenizers/llama2/tokenizer.model
reps=${1:-3}
corpus=$(mktemp)
trap 'rm -f "$corpus"' EXIT
for _ in $(seq 10); do
	for f in alpaca_en_demo alpaca_zh_demo; do
		/usr/bin/python3 -c 'import json,sys
for r in json.load(open(sys.argv[1])):
    for k in ("instruction", "output"):
        for l in r[k].split("\n"):
            if l.strip(): print(l)' "$shared/data/$f.json"
	done
done >"$corpus"
go build -o /tmp/paddock-bench ./cmd/paddock
bytes=$(wc -c <"$corpus")
for _ in $(seq "$reps"); do
	pd=$(/tmp/paddock-bench bench tokenize --tokenizer "$model" --file "$corpus" --json | sed -n 's/.*"mb_per_s":\([0-9.e+]*\).*/\1/p')
	start=$(date +%s.%N)
	spm_encode --model="$model" --output_format=id <"$corpus" >/dev/null
	spm=$(echo "$bytes / ($(date +%s.%N) - $start) / 1000000" | bc -l)
	printf 'paddock %.2f MB/s  spm_encode %.2f MB/s  ratio %.2fx\n' "$pd" "$spm" "$(echo "$pd / $spm" | bc -l)"
done
