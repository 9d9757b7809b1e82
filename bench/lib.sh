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

# pg_start DIR [SETTINGS…]: a throw-away PostgreSQL cluster in DIR (as
# tests/testutil/pg_cluster.h does: initdb + pg_ctl, a unix socket in DIR
# only, run as the `postgres` user when we are root), with fsync on (the
# figures are for a real server's commits) and the extra server SETTINGS
# ("-c name=value"); a role `zicht` owning a database `zicht`. Prints the
# database's URL. pg_stop DIR stops it and removes DIR.
pg_bindir() { echo "${ZICHT_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"; }
pg_as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
  local dir="$1" bindir
  shift
  bindir="$(pg_bindir)"
  [ -x "$bindir/initdb" ] || { echo "PostgreSQL binaries not found (install postgresql)" >&2; return 1; }
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  pg_as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >/dev/null ||
    { echo "initdb failed" >&2; return 1; }
  pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-k $dir -c listen_addresses='' $*" start \
    >/dev/null || { echo "pg_ctl start failed" >&2; cat "$dir/log" >&2; return 1; }
  "$bindir/psql" -q -h "$dir" -U postgres -d postgres -c "CREATE ROLE zicht LOGIN" \
    -c "CREATE DATABASE zicht OWNER zicht" >&2 || { echo "creating the database failed" >&2; return 1; }
  echo "postgresql://zicht@/zicht?host=$dir"
}
# pg_cpu_seconds DIR: CPU seconds (user + system) the cluster in DIR has used
# so far: the postmaster, its live processes (WAL writer, background
# writer, checkpointer, open backends) and the ones it has reaped (closed
# backends, autovacuum workers). The difference of two calls is what the
# server spent in between, which the machine's load does not inflate as it
# does wall time.
pg_cpu_seconds() {
  local pm ticks=0 f
  pm=$(head -1 "$1/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  # fields after the ")" of the command: utime is the 12th, stime 13th,
  # cutime 14th, cstime 15th
  f=$(sed 's/.*) //' "/proc/$pm/stat" 2>/dev/null) || { echo 0; return; }
  ticks=$(echo "$f" | awk '{ print $12 + $13 + $14 + $15 }')
  for c in $(pgrep -P "$pm"); do
    f=$(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null) || continue
    ticks=$((ticks + $(echo "$f" | awk '{ print $12 + $13 }')))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
pg_stop() {
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$1"
}
