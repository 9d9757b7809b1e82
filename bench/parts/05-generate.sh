#!/usr/bin/env bash
# `zicht generate` (docs/generate.md, "Speed"): 1M synthetic reports as JSON
# Lines to a file. Other parts feed on generated data, so it must take only
# a few seconds. Target ≤ 5 s on the 2-core dev machine.
set -uo pipefail
out="$BENCH_TMP/generate-1m.jsonl"
start=$(date +%s.%N)
"$ZICHT" generate --reports 1000000 --seed 1 --output "$out" || { echo "generate 1M reports   failed   MISS"; exit 1; }
end=$(date +%s.%N)
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
lines=$(wc -l < "$out")
mb=$(( $(stat -c %s "$out") / 1000000 ))
verdict=$(awk -v s="$secs" 'BEGIN { print (s <= 5) ? "OK" : "MISS" }')
printf '%-40s %10s s    target ≤ 5 s       %s   (%s lines, %s MB)\n' "generate 1M reports (JSONL)" "$secs" "$verdict" "$lines" "$mb"
rm -f "$out"
[ "$verdict" = OK ]
