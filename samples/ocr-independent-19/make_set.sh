#!/bin/sh
# Rebuild the ocr19 set in this folder from src/ (GNU R + ragg; Python standard library for the checks).
# Debian packages: r-base-core r-cran-ragg r-cran-systemfonts r-cran-textshaping r-cran-jpeg and the fonts listed in README.md
set -eu
cd "$(dirname "$0")"
OUT=$(pwd)
# keep freed memory in the heap: large matrices are allocated often, this avoids page-fault storms
export MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000 MALLOC_TOP_PAD_=1000000000
export LC_ALL=C.UTF-8 TZ=UTC
rm -f doc[0-9][0-9].* manifest.jsonl SHA256SUMS verify_report.tsv
rm -rf .meta
NJOBS=${NJOBS:-2}
i=1; pids=""
while [ "$i" -le "$NJOBS" ]; do
  Rscript src/make_set.R "$OUT" "$i" "$NJOBS" > ".build_log_$i.txt" 2>&1 &
  pids="$pids $!"; i=$((i + 1))
done
for p in $pids; do wait "$p"; done
cat .build_log_*.txt; rm -f .build_log_*.txt
for f in $(ls .meta/doc*.json | sort); do cat "$f"; done > manifest.jsonl
rm -rf .meta
Rscript src/verify.R "$OUT" > verify_report.tsv
python3 src/check_set.py "$OUT" --no-sums
sha256sum doc[0-9][0-9].* manifest.jsonl verify_report.tsv README.md make_set.sh src/*.R src/*.py > SHA256SUMS
python3 src/check_set.py "$OUT"
