#!/bin/bash
# Runs the pipeline for the cross-check; data goes under $CROSSCHECK_RUNS (default /tmp/crosscheck).
RUNS=${CROSSCHECK_RUNS:-/tmp/crosscheck}
HERE=$(cd "$(dirname "$0")" && pwd)
# second drop: landing overlaid with _redelivery/, nightly on a copy of the first drop's warehouse
set -x
cd "$HERE/../.."
time bin/indicators nightly --landing $RUNS/defects2/landing --warehouse $RUNS/defects2/warehouse; echo "nightly rc=$?"
time bin/indicators export --landing $RUNS/defects2/landing --warehouse $RUNS/defects2/warehouse --out $RUNS/defects2/all.csv --format csv --all; echo "export rc=$?"
