#!/usr/bin/env bash
# `zicht ingest` of 1,000,000 generated reports into a fresh database
# (docs/design.md, "Performance targets": ≤ 15 s, peak RSS ≤ 2 GB on the 2-core
# dev machine), then where the time goes (ingest_stages_bench). See
# docs/ingest.md, "Speed".
set -uo pipefail
n=1000000
in="$BENCH_TMP/ingest-1m.jsonl"
db="$BENCH_TMP/ingest.db"
if [ ! -s "$in" ]; then
  "$ZICHT" generate --reports "$n" --seed 1 --output "$in" || { echo "ingest 1M reports   generate failed   MISS"; exit 1; }
fi
rm -f "$db" "$db-wal" "$db-shm"
if ! /usr/bin/time -v -o "$BENCH_TMP/ingest.time" "$ZICHT" ingest "$in" --db "$db" --json >"$BENCH_TMP/ingest.json"; then
  echo "ingest 1M reports   failed   MISS"; cat "$BENCH_TMP/ingest.time"; exit 1
fi
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:12.34"
secs=$(awk -F': ' '/Elapsed/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$BENCH_TMP/ingest.time")
rss_mb=$(awk '/Maximum resident/ { printf "%d", $6 / 1024 }' "$BENCH_TMP/ingest.time")
cpu=$(awk -F': ' '/Percent of CPU/ { print $2 }' "$BENCH_TMP/ingest.time")
accepted=$(sed -E 's/.*"accepted":([0-9]+).*/\1/' "$BENCH_TMP/ingest.json")
rate=$(awk -v n="$accepted" -v s="$secs" 'BEGIN { printf "%d", (s > 0) ? n / s : 0 }')
t_ok=$(awk -v s="$secs" 'BEGIN { print (s <= 15) ? "OK" : "MISS" }')
m_ok=$(awk -v m="$rss_mb" 'BEGIN { print (m <= 2048) ? "OK" : "MISS" }')
printf '%-40s %10s s    target ≤ 15 s      %s   (%s reports accepted, CPU %s)\n' "ingest 1M reports (JSONL → SQLite)" "$secs" "$t_ok" "$accepted" "$cpu"
printf '%-40s %10s /s\n' "ingest rate" "$rate"
printf '%-40s %10s MB   target ≤ 2048 MB   %s\n' "ingest peak RSS" "$rss_mb" "$m_ok"
# Re-ingest: every line a duplicate (the idempotence path).
start=$(date +%s.%N)
"$ZICHT" ingest "$in" --db "$db" --json >/dev/null || echo "re-ingest failed"
end=$(date +%s.%N)
printf '%-40s %10s s\n' "re-ingest 1M reports (all duplicates)" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
stages="$ZICHT_BUILD/bench/ingest/ingest_stages_bench"
if [ -x "$stages" ]; then
  rm -f "$BENCH_TMP/stages.db"*
  "$stages" "$in" "$BENCH_TMP/stages.db" 200000 | while read -r stage rate; do
    printf '%-40s %10s reports/s (one thread, 200k reports; _cpu: per CPU second)\n' "ingest stage: $stage" "$rate"
  done
  rm -f "$BENCH_TMP/stages.db"*
fi
rm -f "$db" "$db-wal" "$db-shm"
[ "$t_ok" = OK ] && [ "$m_ok" = OK ]
