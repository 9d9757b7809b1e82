#!/usr/bin/env bash
# Payment barrier throughput, in process (docs/design.md: ≥ 1,000,000 events/s).
# 2M generated events over 100k accounts, default rules, a known-identifier
# set standing in for the linking index. JSON is parsed outside the timed
# loop for the target figure; the end-to-end JSONL replay (parse + evaluate +
# decision JSON) is printed beside it for information.
set -uo pipefail
bin="$ZICHT_BUILD/bench/barrier/barrier_bench"
if [ ! -x "$bin" ]; then
  echo "barrier evaluation   (barrier_bench not built)   target ≥ 1000000 events/s   MISS"
  exit 1
fi
out="$("$bin" 2000000 100000 2>"$BENCH_TMP/barrier.err")" || { cat "$BENCH_TMP/barrier.err"; echo "barrier evaluation   failed   MISS"; exit 1; }
# Rates are per CPU-second of the single evaluating thread (the machine is
# shared; wall-clock rates, printed after them, include time spent waiting
# for other processes and equal the CPU rates on an idle machine).
eval_rate=$(awk '/^eval /{print $2}' <<<"$out")
eval_wall=$(awk '/^eval /{print $3}' <<<"$out")
replay_rate=$(awk '/^replay /{print $2}' <<<"$out")
replay_wall=$(awk '/^replay /{print $3}' <<<"$out")
verdict=$(awk -v r="$eval_rate" 'BEGIN{print (r >= 1000000) ? "OK" : "MISS"}')
printf 'barrier evaluation, in process   %s events/s   target ≥ 1000000 events/s   %s   (wall: %s events/s)\n' "$eval_rate" "$verdict" "$eval_wall"
printf 'barrier JSONL replay end to end  %s events/s   (parse + evaluate + decision JSON; no target; wall: %s events/s)\n' "$replay_rate" "$replay_wall"
[ "$verdict" = OK ]
