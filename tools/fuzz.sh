#!/usr/bin/env bash
# Run every fuzz target briefly: tools/fuzz.sh [duration per target, default 10s]
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-10s}
for target in safetensors:FuzzParseHeader tokenizer:FuzzParseModel tokenizer:FuzzParseLlama2C \
	data:FuzzParseTranscript data:FuzzReadConversations safety:FuzzFilter; do
	go test "./${target%%:*}" -run '^$' -fuzz "^${target##*:}\$" -fuzztime "$t"
done
