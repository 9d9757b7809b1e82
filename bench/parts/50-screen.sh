#!/usr/bin/env bash
# Message screening (docs/screening.md, "Speed"): messages screened per
# second in process, target ≥ 100,000/s (DESIGN.md), on 1 thread and on all
# cores; then precision and recall on the labelled corpus and the held-out
# set.
set -uo pipefail
bin="$ZICHT_BUILD/bench/screen/screen_bench"
data="$(cd "$(dirname "$0")/../.." && pwd)/tests/data/screening"
if [ ! -x "$bin" ]; then
  echo "screen messages/s     (screen_bench not built)   target ≥ 100000/s   MISS"
  exit 1
fi
out="$("$bin" "$data/corpus.jsonl" 3)" || { echo "screen               failed   MISS"; exit 1; }
status=0
while read -r threads rate; do
  verdict=$(awk -v r="$rate" 'BEGIN { print (r >= 100000) ? "OK" : "MISS" }')
  [ "$verdict" = OK ] || status=1
  printf '%-40s %10s /s   target ≥ 100000/s   %s\n' "screen messages, $threads thread(s)" "$rate" "$verdict"
done < <(echo "$out" | sed -n 's/^threads=\([0-9]*\) messages_per_s=\([0-9]*\)$/\1 \2/p')
cpu=$(echo "$out" | sed -n 's/^cpu_messages_per_s=//p')
printf '%-40s %10s /s   (per CPU-second of one thread; load average %s)\n' "screen messages, CPU time" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
echo "$out" | sed -n 's/^fraud_precision=\(.*\) fraud_recall=\(.*\) accuracy=\(.*\)$/screen corpus fraud-vs-none              precision \1  recall \2  accuracy \3   (floor 0.95, report)/p'
echo "$out" | sed -n '/^label /,$p' | sed 's/^/    /'
hold="$("$bin" "$data/holdout.jsonl" 0.2)" || { echo "screen holdout       failed   MISS"; exit 1; }
echo "$hold" | sed -n 's/^fraud_precision=\(.*\) fraud_recall=\(.*\) accuracy=\(.*\)$/screen held-out fraud-vs-none            precision \1  recall \2  accuracy \3   (report)/p'
exit $status
