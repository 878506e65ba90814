#!/bin/bash
# Runs the pipeline for the cross-check; data goes under $CROSSCHECK_RUNS (default /tmp/crosscheck).
RUNS=${CROSSCHECK_RUNS:-/tmp/crosscheck}
HERE=$(cd "$(dirname "$0")" && pwd)
# Attribution of the differences between independent.py and the pipeline export, by pipeline choice.
# usage: attribute.sh RUN   (RUN = defects | clean)
# (1) each choice alone added to the independent reading: cells it changes vs the independent numbers
# (2) all choices but one: cells still differing from the pipeline (0 would mean the choice has no effect)
run=${1:-defects}
cd "$RUNS"
ALL="ingest:enc ingest:header ingest:fields ingest:quote gate:req gate:date gate:district gate:code gate:range gate:order laterid deathage t243"
mkdir -p $run/attr
echo "## (1) one pipeline choice added to the independent reading: cells that change"
for c in $ALL; do
  n=${c//:/_}
  python3 "$HERE/independent.py" $run/landing $run/attr/only_$n.csv --log $run/attr/only_$n.log --emulate=$c 2>/dev/null
  python3 "$HERE/compare.py" $run/independent.csv $run/attr/only_$n.csv | sed 's/pipeline=/with_choice=/g' > $run/attr/only_$n.txt
  echo "$c: $(tail -1 $run/attr/only_$n.txt | awk '{print $3}') cells;$(grep "^('" $run/attr/only_$n.txt | sed "s/^('\([^']*\)'.*/\1/" | sort | uniq -c | awk '{printf " %s:%s", $2, $1}')"
done
echo "## (2) all pipeline choices emulated except one: cells still differing from the pipeline export"
for c in $ALL; do
  emu=$(echo $ALL | tr ' ' '\n' | grep -vx "$c" | paste -sd,)
  n=${c//:/_}
  python3 "$HERE/independent.py" $run/landing $run/attr/without_$n.csv --log $run/attr/without_$n.log --emulate=$emu 2>/dev/null
  python3 "$HERE/compare.py" $run/attr/without_$n.csv $run/all.csv > $run/attr/without_$n.txt
  echo "without $c: $(tail -1 $run/attr/without_$n.txt | awk '{print $3}') cells;$(grep "^('" $run/attr/without_$n.txt | sed "s/^('\([^']*\)'.*/\1/" | sort | uniq -c | awk '{printf " %s:%s", $2, $1}')"
done
python3 "$HERE/independent.py" $run/landing $run/emu_all.csv --log $run/emu_all.log --emulate=$(echo $ALL | tr ' ' ',') 2>/dev/null
python3 "$HERE/compare.py" $run/emu_all.csv $run/all.csv > $run/compare_emu_all.txt
echo "## all choices emulated: $(tail -1 $run/compare_emu_all.txt | awk '{print $3}') cells differ"; grep "^('" $run/compare_emu_all.txt
