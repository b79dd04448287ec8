#!/usr/bin/env bash
# Installs what PaperLite needs, builds the release binary and runs the main job on the
# embedded default store: scans the synthetic samples into a fresh data directory and shows
# what was stored, searches it, and triages the sample referral letters with the committed
# model.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
cargo build --release --locked
DATA_DIR=${PAPERLITE_DATA_DIR:-data/demo}
rm -rf "$DATA_DIR"
echo "== paperlite scan samples/scans --data-dir $DATA_DIR"
./target/release/paperlite scan samples/scans --data-dir "$DATA_DIR"
echo
echo "== paperlite status --data-dir $DATA_DIR"
./target/release/paperlite status --data-dir "$DATA_DIR"
echo
echo "== paperlite search IDA --data-dir $DATA_DIR   (abbreviation expanded, hits marked)"
./target/release/paperlite search IDA --data-dir "$DATA_DIR"
echo
echo "== paperlite search 'angiodysplasai' (one letter wrong: OCR-tolerant fuzzy match)"
./target/release/paperlite search angiodysplasai --data-dir "$DATA_DIR"
echo
echo "== paperlite triage samples/scans/*referral* (OCR, then model + red-flag checker + routing; one JSON line each)"
./target/release/paperlite triage samples/scans/*referral*.png samples/scans/*referral*.tiff
echo
echo "== paperlite scan samples/bad (bad input: each file gets a reason, the batch goes on)"
./target/release/paperlite scan samples/bad --data-dir "$DATA_DIR/bad" || echo "(exit code $?: some files failed, as expected)"
echo
echo "== paperlite serve --data-dir $DATA_DIR   (web UI and API on the samples; Ctrl-C to stop)"
if [ -n "${PAPERLITE_DEMO_NO_SERVE:-}" ]; then
  echo "(not started: PAPERLITE_DEMO_NO_SERVE is set)"
  exit 0
fi
exec ./target/release/paperlite serve --data-dir "$DATA_DIR"
