#!/usr/bin/env bash
# Alerts (docs/alerts.md, "Latency and throughput"; issue 15): a running
# `zicht serve` with ING subscribed (bank code INGB) and a webhook to a real
# receiver on loopback (bench/alerts/webhook_sink.cc, answers 204; the driver
# is bench/alerts/alert_bench.py).
#   alert latency      POST /v1/reports sent → the alert's webhook POST
#                      arrives, one report at a time (rule beneficiary_loss);
#                      p50 and p99 of 200. Target p99 ≤ 1 s.
#   webhook throughput 20,000 reports (bodies of 1,000), each a new ING
#                      beneficiary with a loss: alerts delivered per second
#                      from the first report sent to the last alert
#                      received. Target ≥ 1,000 alerts/s.
# Only `beneficiary_loss` is on, so each report raises exactly one alert.
# The server, the receiver and the client share the machine's cores; the
# server CPU per alert is the figure to compare between versions.
set -uo pipefail
fail=0
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
verdict() { awk -v m="$1" -v t="$2" -v d="$3" 'BEGIN { ok = (m != "" && m != "nan") && ((d == "ge") ? (m >= t) : (m <= t)); print ok ? "OK" : "MISS" }'; }
dir="$BENCH_TMP/alerts"
rm -rf "$dir"; mkdir -p "$dir"
db="$dir/alerts.db" keys="$dir/keys.toml" rules="$dir/rules.toml"
reporter=$("$ZICHT" keys add --partner politie --role analyst --legal-basis bench --purpose fraud-reporting \
           --keys "$keys" 2>/dev/null)
"$ZICHT" keys add --partner ing --role checker --legal-basis bench --keys "$keys" >/dev/null 2>&1
printf '[reports]\nenabled = false\n[mule_candidate]\nenabled = false\n[priority_cluster]\nenabled = false\n' > "$rules"
openssl rand -hex 32 > "$dir/secret"
rport=$(free_port)
"$ZICHT" subscriptions add --partner ing --bank-code INGB --webhook "http://127.0.0.1:$rport/zicht" \
  --secret-file "$dir/secret" --db "$db" >/dev/null 2>&1 || { echo "alerts: subscriptions add failed   MISS"; exit 1; }
port=$(free_port)
"$ZICHT" serve --db "$db" --keys "$keys" --listen "127.0.0.1:$port" --alert-rules "$rules" \
  >/dev/null 2>"$dir/server.log" &
server=$!
for _ in $(seq 200); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "alerts: zicht serve exited   MISS"; cat "$dir/server.log"; exit 1; }
  sleep 0.05
done
sink="$ZICHT_BUILD/bench/alerts/webhook_sink"
[ -x "$sink" ] || { kill -TERM "$server"; echo "alerts: webhook_sink not built   MISS"; exit 1; }
out=$(timeout 300 python3 "$(dirname "$0")/../alerts/alert_bench.py" "$sink" "$port" "$rport" "$reporter" 200 20000 "$server" 2>&1)
kill -TERM "$server"; wait "$server" 2>/dev/null
field() { awk -v k="$1" -v n="$2" '$1 == k { print $n }' <<<"$out"; }
p50=$(field latency 2) p99=$(field latency 3) rate=$(field throughput 2)
[ -n "$rate" ] || { echo "alerts: the driver failed   MISS"; echo "$out"; exit 1; }
ok=$(verdict "$p99" 1000 le); [ "$ok" = OK ] || fail=1
printf '%-40s %10s ms      p50 %s ms   target p99 ≤ 1000 ms   %s   (%s alerts)\n' \
  "alert latency (report → webhook)" "$p99" "$p50" "$ok" "$(field latency 4)"
ok=$(verdict "$rate" 1000 ge); [ "$ok" = OK ] || fail=1
printf '%-40s %10s /s      target ≥ 1000 /s   %s   (%s alerts in %s s)\n' \
  "webhook throughput (alerts delivered)" "$rate" "$ok" "$(field throughput 3)" "$(field throughput 4)"
printf '%-40s %10s us      (receiver %s us; CPU per alert over the throughput run: ingest, rules, delivery; no target)\n' \
  "  server CPU per alert" "$(field cpu 2)" "$(field cpu 3)"
missing=$(field missing 2)
[ "${missing:-1}" = 0 ] || { echo "  warning: ${missing:-?} alerts never arrived"; fail=1; }
exit $fail
