#!/bin/bash
# Runs the pipeline for the cross-check; data goes under $CROSSCHECK_RUNS (default /tmp/crosscheck).
RUNS=${CROSSCHECK_RUNS:-/tmp/crosscheck}
HERE=$(cd "$(dirname "$0")" && pwd)
# usage: run_pipeline.sh NAME DEFECTS_ARG...
set -x
name=$1; shift
cd "$HERE/../.."
time bin/indicators generate --out $RUNS/$name/landing --scale 0.002 --years 2023-2025 "$@"; echo "generate rc=$?"
time bin/indicators nightly --landing $RUNS/$name/landing --warehouse $RUNS/$name/warehouse; echo "nightly rc=$?"
time bin/indicators export --landing $RUNS/$name/landing --warehouse $RUNS/$name/warehouse --out $RUNS/$name/all.csv --format csv --all; echo "export rc=$?"
