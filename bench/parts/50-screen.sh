#!/usr/bin/env bash
# Message screening (docs/screening.md, "Speed"): messages screened per
# second in process with the learned model on, target ≥ 50,000/s per core
# (docs/design.md); then recall and false-positive rate on the held-out split
# of the corpus and on the blind test sets blind2.jsonl … blind9.jsonl,
# heldout10.jsonl … heldout17.jsonl, published9.jsonl … published12.jsonl (goal: recall ≥ 0.95 at FPR ≤ 0.02;
# docs/screening.md "Blind test set" … "published9": which figures are still
# blind is said there, the bench only measures).
# Since the blind7 round the model trains on every blind* set, so their lines
# below show the fit; the held-out figures per set come from
# scripts/screening-loso (it retrains seven times, so it is not run here).
# As in 40-barrier.sh, the verdict uses the rate per CPU-second of one
# screening thread: the dev machine is shared, and wall-clock rates (printed
# beside it, for 1 thread and for all cores sharing one Screener) include time
# spent waiting for other processes; on an idle machine they agree.
set -uo pipefail
bin="$ZICHT_BUILD/bench/screen/screen_bench"
data="$(cd "$(dirname "$0")/../.." && pwd)/tests/data/screening"
if [ ! -x "$bin" ]; then
  echo "screen messages      (screen_bench not built)   target ≥ 50000 messages/s per core   MISS"
  exit 1
fi
out="$("$bin" "$data/corpus.jsonl" 3)" || { echo "screen               failed   MISS"; exit 1; }
cpu=$(sed -n 's/^cpu_messages_per_s=//p' <<<"$out")
wall1=$(sed -n 's/^threads=1 messages_per_s=//p' <<<"$out")
walln=$(sed -n 's/^threads=\([2-9][0-9]*\) messages_per_s=\(.*\)$/\2\/s with \1 threads/p' <<<"$out")
verdict=$(awk -v r="$cpu" 'BEGIN { print (r >= 50000) ? "OK" : "MISS" }')
printf 'screen messages, in process, model on   %s messages/s   target ≥ 50000 messages/s per core   %s   (wall: %s/s on 1 thread, %s; load %s)\n' \
  "$cpu" "$verdict" "$wall1" "${walln:-n/a}" "$(cut -d' ' -f1 /proc/loadavg)"
for kind in heldout heldout_originals; do
  line=$(sed -n "s/^$kind //p" <<<"$out")
  recall=$(sed -n 's/.*recall=\([0-9.]*\).*/\1/p' <<<"$line")
  fpr=$(sed -n 's/.*fpr=\([0-9.]*\).*/\1/p' <<<"$line")
  v=$(awk -v r="$recall" -v f="$fpr" 'BEGIN { print (r >= 0.95 && f <= 0.02) ? "OK" : "MISS" }')
  printf 'screen %-18s recall %s  FPR %s   goal recall ≥ 0.95 at FPR ≤ 0.02   %s   (%s)\n' "$kind," "$recall" "$fpr" "$v" "$line"
done
sed -n '/^held-out split/,$p' <<<"$out" | sed 's/^/    /'
# The blind sets: messages quoted from public warnings and hard negatives
# (blind2–9: training data now); heldout10–17 (composed), published9,
# published10, published11 and published12 (quoted from public warnings;
# published12 is genuine warnings only, so its recall is 1 of nothing and
# its FPR is the figure) are in no training (split heldout); heldout10–17
# and published10–12 were read for no change, published9's misses were
# read after its second run.
for set in blind2 blind3 blind4 blind5 blind6 blind7 blind8 blind9 heldout10 heldout11 heldout12 heldout13 heldout14 heldout15 heldout16 heldout17 published9 published10 published11 published12; do
  blind="$("${ZICHT:-$ZICHT_BUILD/src/cli/zicht}" screen --eval "$data/$set.jsonl")" || { echo "screen $set         failed   MISS"; exit 1; }
  line=$(sed -n 's/^summary //p' <<<"$blind")
  recall=$(sed -n 's/.*recall=\([0-9.]*\).*/\1/p' <<<"$line")
  fpr=$(sed -n 's/.*fpr=\([0-9.]*\).*/\1/p' <<<"$line")
  v=$(awk -v r="$recall" -v f="$fpr" 'BEGIN { print (r >= 0.95 && f <= 0.02) ? "OK" : "MISS" }')
  printf 'screen %-18s recall %s  FPR %s   goal recall ≥ 0.95 at FPR ≤ 0.02   %s   (%s)\n' "$set," "$recall" "$fpr" "$v" "$line"
  sed -n '2,/^summary/p' <<<"$blind" | sed '/^summary/d; s/^/    /'
done
[ "$verdict" = OK ]
