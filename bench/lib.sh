# Shared by bench/parts/*.sh (sourced, not run): small helpers and the
# 1M-report database the server parts measure on.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# bench_db NAME: prints the path of a 1M-report database — the ingest part's
# when it left one, else one generated and ingested once per bench run.
bench_db() {
  local db="$BENCH_TMP/bench.db"
  if [ ! -s "$db" ]; then
    db="$BENCH_TMP/server-bench.db"
    if [ ! -s "$db" ]; then
      "$ZICHT" generate --reports 1000000 --seed 1 --output "$BENCH_TMP/server-1m.jsonl" >/dev/null \
        && "$ZICHT" ingest --db "$db" "$BENCH_TMP/server-1m.jsonl" >/dev/null 2>&1 \
        || { echo "$1: generating/ingesting 1M reports failed   MISS" >&2; return 1; }
      rm -f "$BENCH_TMP/server-1m.jsonl"
    fi
  fi
  echo "$db"
}
