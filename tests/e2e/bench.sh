#!/usr/bin/env bash
# End-to-end test of `dyad bench`: it codes the inputs and prints the five
# figures of the contract, one per line, and nothing else on stdout.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in 1 2 3; do
    printf '{"id": "b%d", "text": "Leaders met on Monday. They discussed trade and security."}\n' "$i"
done > "$work/in.jsonl"
"$DYAD" bench -j 2 "$work/in.jsonl" > "$work/out.txt" 2> "$work/err.txt"
[ "$(wc -l < "$work/out.txt")" -eq 5 ]
grep -Eq '^articles/s [0-9]+(\.[0-9]+)?$' "$work/out.txt"
grep -Eq '^sentences/s [0-9]+(\.[0-9]+)?$' "$work/out.txt"
grep -Eq '^tokens/s [0-9]+(\.[0-9]+)?$' "$work/out.txt"
grep -Eq '^events/s [0-9]+(\.[0-9]+)?$' "$work/out.txt"
grep -Eq '^peak memory [0-9]+(\.[0-9]+)? MB$' "$work/out.txt"
grep -q "3 articles, 6 sentences" "$work/err.txt"
echo "bench: ok"
