#!/usr/bin/env bash
# Blind look-ups (docs/privacy.md, "Blind look-ups"; issue 13):
#  - OPRF evaluations/s per core: the hub's BlindEvaluate (one ristretto255
#    scalar multiplication; goal ≥ 20,000), a token of the index, the client;
#  - the token index at 1M identifiers (built for real) and 10M (computed
#    from the 1M figures: entries per bucket and answer bytes grow linearly
#    with the identifiers, building it takes 10× the 1M time): bucket size
#    and answer bytes per query (hit scope);
#  - blind-check latency end to end on loopback: the client library
#    (normalise, blind, evaluate, unblind, bucket, open) against `zicht
#    serve` on 10,000 generated reports, two requests per check.
set -uo pipefail
bin="$ZICHT_BUILD/bench/oprf/oprf_bench"
[ -x "$bin" ] || { echo "oprf   (oprf_bench not built)   MISS"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
fail=0

read -r _ hub token client < <("$bin" eval 20000)
ok=$(awk -v m="$hub" 'BEGIN { print (m >= 20000) ? "OK" : "MISS" }')
[ "$ok" = OK ] || fail=1
printf 'OPRF BlindEvaluate (hub, per element)   %s evaluations/s per core   target 20000   %s\n' "$hub" "$ok"
printf 'OPRF Evaluate (a token of the index)    %s tokens/s per core\n' "$token"
printf 'OPRF Blind + Finalize (client)          %s per s per core\n' "$client"

read -r _ n build mean max answer per_entry bytes < <("$bin" index 1000000 2)
printf 'token index, 1M IBANs: built in %s s on 2 threads; %s bytes (%s bytes/identifier)\n' \
  "$build" "$bytes" "$(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.0f", b / n }')"
printf 'bucket at 1M identifiers                %s entries mean, %s max   answer %s bytes/query (%s bytes/entry)\n' \
  "$mean" "$max" "$answer" "$per_entry"
printf 'bucket at 10M identifiers (computed)    %s entries mean   answer %s bytes/query\n' \
  "$(awk -v m="$mean" 'BEGIN { printf "%.1f", m * 10 }')" \
  "$(awk -v a="$answer" -v m="$mean" -v e="$per_entry" 'BEGIN { printf "%.0f", a + 9 * m * e }')"

db="$BENCH_TMP/oprf.db"
keys="$BENCH_TMP/oprf-keys.toml"
rm -f "$db" "$keys"
"$ZICHT" generate --reports 10000 --seed 1 --output "$BENCH_TMP/oprf.jsonl" >/dev/null &&
  printf '%s\n' '{"id":"B1","source":"bench","reported_at":"2024-03-01","fraud_type":"phishing","identifiers":[{"kind":"iban","value":"NL91ABNA0417164300"}]}' >>"$BENCH_TMP/oprf.jsonl" &&
  "$ZICHT" ingest --db "$db" "$BENCH_TMP/oprf.jsonl" >/dev/null 2>&1 || { echo "oprf: ingest failed   MISS"; exit 1; }
key=$("$ZICHT" keys add --partner bank --role checker --legal-basis bench --keys "$keys" 2>/dev/null)
port=$(free_port)
"$ZICHT" serve --db "$db" --keys "$keys" --listen "127.0.0.1:$port" --threads 1 --oprf-rate 1000000 \
  >/dev/null 2>"$BENCH_TMP/oprf-server.log" &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { echo "oprf: zicht serve exited   MISS"; cat "$BENCH_TMP/oprf-server.log"; exit 1; }
  sleep 0.05
done
read -r _ p50 p99 checks < <("$bin" client "http://127.0.0.1:$port" "$key" 2000)
kill -TERM "$server"; wait "$server" 2>/dev/null
printf 'blind-check end to end, loopback        p50 %s ms   p99 %s ms   (%s checks, 10k reports, 1 I/O thread)\n' \
  "$p50" "$p99" "$checks"
exit $fail
