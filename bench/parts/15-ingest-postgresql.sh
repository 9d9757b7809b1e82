#!/usr/bin/env bash
# `zicht ingest --store postgresql://…` of 1,000,000 generated reports into
# a fresh PostgreSQL database (issue 14: goal ≤ 30 s on the 2-core dev
# machine), then the same file again (all duplicates) and one start-up read
# of the 1M reports (`zicht check`, which builds the index from the store).
#
# The part starts its own throw-away cluster (as tests/testutil/pg_cluster.h
# does: initdb + pg_ctl in a temporary directory, a unix socket only, run as
# the `postgres` user when we are root) and removes it afterwards. Unlike the
# test clusters it keeps fsync on: the figure is for a real server's
# commits. Settings beyond the defaults: shared_buffers 256MB and
# max_wal_size 4GB (no forced checkpoint in the middle of a bulk load), as a
# deployment would set them; everything else at PostgreSQL's defaults
# (wal_buffers 8MB = shared_buffers / 32, synchronous_commit on, autovacuum
# on). One transaction per 10,000 reports (the ingester's batch).
#
# The wall time depends on what else the machine runs, so the line also
# prints the CPU seconds of zicht and of the PostgreSQL server (all its
# processes) and the load average at the start: compare those across runs.
set -uo pipefail
n=1000000
in="$BENCH_TMP/ingest-1m.jsonl"
name="ingest 1M reports (JSONL → PostgreSQL)"
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
if [ ! -s "$in" ]; then
  "$ZICHT" generate --reports "$n" --seed 1 --output "$in" || { echo "$name   generate failed   MISS"; exit 1; }
fi
pg="$(mktemp -d /tmp/zicht-pg-bench.XXXXXX)"
trap 'pg_stop "$pg"' EXIT
url=$(pg_start "$pg" -c shared_buffers=256MB -c max_wal_size=4GB) || { echo "$name   no PostgreSQL   MISS"; exit 1; }

load=$(cut -d' ' -f1 /proc/loadavg)
pg_before=$(pg_cpu_seconds "$pg")
if ! /usr/bin/time -v -o "$BENCH_TMP/pg-ingest.time" "$ZICHT" ingest "$in" --store "$url" --json >"$BENCH_TMP/pg-ingest.json"; then
  echo "$name   failed   MISS"; cat "$BENCH_TMP/pg-ingest.time"; exit 1
fi
pg_after=$(pg_cpu_seconds "$pg")
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:12.34"
secs=$(awk -F': ' '/Elapsed/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$BENCH_TMP/pg-ingest.time")
cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$BENCH_TMP/pg-ingest.time")
pg_cpu=$(awk -v a="$pg_before" -v b="$pg_after" 'BEGIN { printf "%.1f", b - a }')
accepted=$(sed -E 's/.*"accepted":([0-9]+).*/\1/' "$BENCH_TMP/pg-ingest.json")
rate=$(awk -v n="$accepted" -v s="$secs" 'BEGIN { printf "%d", (s > 0) ? n / s : 0 }')
t_ok=$(awk -v s="$secs" 'BEGIN { print (s <= 30) ? "OK" : "MISS" }')
printf '%-40s %10s s    target ≤ 30 s      %s   (%s reports accepted; CPU: zicht %s s, PostgreSQL %s s; load average %s)\n' \
  "$name" "$secs" "$t_ok" "$accepted" "$cpu" "$pg_cpu" "$load"
printf '%-40s %10s /s\n' "ingest rate (PostgreSQL)" "$rate"
start=$(date +%s.%N)
"$ZICHT" ingest "$in" --store "$url" --json >/dev/null || echo "re-ingest (PostgreSQL) failed"
end=$(date +%s.%N)
printf '%-40s %10s s\n' "re-ingest 1M (PostgreSQL, all duplicates)" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
start=$(date +%s.%N)
"$ZICHT" check iban NL91ABNA0417164300 --store "$url" >/dev/null || echo "check (PostgreSQL) failed"
end=$(date +%s.%N)
printf '%-40s %10s s\n' "load 1M reports from PostgreSQL (check)" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
[ "$t_ok" = OK ]
