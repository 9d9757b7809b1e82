#!/usr/bin/env bash
# Normalisation cost per value, one thread. Budget: ingest of 1M reports
# (~2M phone values) in well under 15 s on 2 cores leaves phone
# normalisation ≤ 2 µs per value (libphonenumber alone costs ~13 µs; see
# docs/normalization.md, "Speed"). Dutch spellings take the fast path; the
# mixed set has 10% foreign numbers that go through libphonenumber.
set -uo pipefail
bin="$ZICHT_BUILD/bench/normalize/normalize_bench"
if [ ! -x "$bin" ]; then
  echo "normalize phone      (normalize_bench not built)   target ≤ 2000 ns/value   MISS"
  exit 1
fi
out="$("$bin" 1000000)" || { echo "normalize            failed   MISS"; exit 1; }
status=0
while read -r name ns; do
  # phone and url: the per-value share of the ingest budget (≤ 2 s of CPU
  # for ~2M phone values, ≤ 1 s for ~0.4M URLs per 1M reports); the simple
  # kinds have no external library and should stay well under 1 µs.
  case "$name" in
    phone_dutch|phone_mixed|url|url_idn) target=2000 ;;
    *) target=1000 ;;
  esac
  verdict=$(awk -v v="$ns" -v t="$target" 'BEGIN{print (v <= t) ? "OK" : "MISS"}')
  [ "$verdict" = OK ] || status=1
  printf 'normalize %-12s %6s ns/value   target ≤ %s ns/value   %s\n' "$name" "$ns" "$target" "$verdict"
done <<<"$out"
exit $status
