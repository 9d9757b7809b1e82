#!/usr/bin/env bash
# Linking (docs/linking.md, "Performance"): clustering from scratch for 1M
# and 10M generated reports, incremental cost per report, index bytes per
# identifier, and networkx (Debian's python3-networkx) on the same 1M graph.
# Generation and normalisation are not timed (link_bench.cc says what is).
set -uo pipefail
bench="$ZICHT_BUILD/bench/link/link_bench"
[ -x "$bench" ] || { echo "link: $bench not built"; exit 1; }
fail=0
verdict() { awk -v m="$1" -v t="$2" 'BEGIN { print (m <= t) ? "OK" : "MISS" }'; }
get() { sed -n "s/^$1=\([^ ]*\).*/\1/p" "$2"; }

out1="$BENCH_TMP/link-1m.txt"
"$bench" --reports 1000000 --edges "$BENCH_TMP/link-edges.txt" --labels "$BENCH_TMP/link-labels.txt" > "$out1" || fail=1
s1=$(get scratch_s "$out1"); inc=$(get incremental_us_per_report "$out1"); bpi=$(get bytes_per_identifier "$out1")
ok=$(verdict "$s1" 2); [ "$ok" = OK ] || fail=1
printf '%-40s %10s s    target ≤ 2 s       %s\n' "cluster 1M reports from scratch" "$s1" "$ok"
printf '%-40s %10s µs   (index + union-find, per report; %s)\n' "incremental link per report (1M)" "$inc" \
  "$(grep -o 'clusters=.*' "$out1")"
ok=$(verdict "$bpi" 150); [ "$ok" = OK ] || fail=1
printf '%-40s %10s B    target ≤ 150 B     %s  (%s B per index key, URL domains included)\n' \
  "index bytes per identifier (1M)" "$bpi" "$ok" "$(get bytes_per_index_key "$out1")"
same=$(get incremental_equals_scratch "$out1")
printf '%-40s %10s\n' "incremental = from scratch (1M)" "$same"

# networkx on the same graph: same partition, and how much faster we are.
nx_out=$(/usr/bin/python3 - "$BENCH_TMP/link-edges.txt" "$BENCH_TMP/link-labels.txt" <<'PY'
import sys, time
import networkx as nx
with open(sys.argv[1]) as f:
    n = int(f.readline())
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((int(a), int(b)) for a, b in (line.split() for line in f))
t = time.perf_counter()
comps = list(nx.connected_components(g))
secs = time.perf_counter() - t
labels = [0] * n
for c in comps:
    m = min(c)
    for r in c:
        labels[r] = m
with open(sys.argv[2]) as f:
    ours = [int(x) for x in f]
print(f"{secs:.3f} {'OK' if ours == labels else 'MISS'}")
PY
)
nx_s=${nx_out% *}; nx_same=${nx_out#* }
ratio=$(awk -v a="$nx_s" -v b="$s1" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }')
[ "$nx_same" = OK ] || fail=1
printf '%-40s %10s s    zicht %s s = %s× faster; same partition  %s\n' "networkx connected_components (1M)" \
  "$nx_s" "$s1" "$ratio" "$nx_same"

out10="$BENCH_TMP/link-10m.txt"
"$bench" --reports 10000000 > "$out10" || fail=1
s10=$(get scratch_s "$out10")
ok=$(verdict "$s10" 30); [ "$ok" = OK ] || fail=1
printf '%-40s %10s s    target ≤ 30 s      %s\n' "cluster 10M reports from scratch" "$s10" "$ok"
printf '%-40s %10s µs   (per report)\n' "incremental link per report (10M)" "$(get incremental_us_per_report "$out10")"
ok=$(verdict "$(get bytes_per_identifier "$out10")" 150); [ "$ok" = OK ] || fail=1
printf '%-40s %10s B    target ≤ 150 B     %s  (%s B per index key)\n' "index bytes per identifier (10M)" \
  "$(get bytes_per_identifier "$out10")" "$ok" "$(get bytes_per_index_key "$out10")"
rm -f "$BENCH_TMP"/link-*.txt
exit $fail
