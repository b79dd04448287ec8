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
