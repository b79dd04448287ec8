#!/bin/sh
# Rebuild the ocr15 set from src/ (Go, Debian packages only, offline build in
# GOPATH mode), verify it, and write SHA256SUMS.
#   ./make_set.sh          regenerate here, verify, write SHA256SUMS
#   ./make_set.sh --check  regenerate into a temporary folder and compare with SHA256SUMS
# Needs: apt-get install golang-go golang-golang-x-image-dev fonts-jetbrains-mono
#   fonts-open-sans fonts-cabin fonts-oxygen fonts-sil-andika fonts-paratype
#   fonts-adf-universalis fonts-adf-libris fonts-anonymous-pro fonts-clear-sans
#   fonts-b612 fonts-dancingscript fonts-kristi fonts-isabella fonts-femkeklaver python3
set -eu
export LC_ALL=C GO111MODULE=off GOPATH="/usr/share/gocode:${HOME:-/root}/go" GOFLAGS=
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$HERE/src" && go build -trimpath -o "$TMP/ocr15gen" .)
if [ "${1:-}" = "--check" ]; then
  "$TMP/ocr15gen" "$TMP/out"
  (cd "$TMP/out" && sha256sum doc* manifest.jsonl README.md) > "$TMP/new.sums"
  grep -E '  (doc[0-9]+\.|manifest\.jsonl$|README\.md$)' "$HERE/SHA256SUMS" > "$TMP/old.sums"
  if cmp -s "$TMP/old.sums" "$TMP/new.sums"; then
    echo "determinism check: $(wc -l < "$TMP/new.sums") generated files byte-identical to SHA256SUMS"
  else
    diff "$TMP/old.sums" "$TMP/new.sums" || true
    echo "determinism check FAILED"; exit 1
  fi
  exit 0
fi
rm -f "$HERE"/doc* "$HERE/manifest.jsonl" "$HERE/README.md" "$HERE/SHA256SUMS"
"$TMP/ocr15gen" "$HERE"
"$TMP/ocr15gen" verify "$HERE"
(cd "$HERE" && sha256sum doc* manifest.jsonl README.md make_set.sh src/*) > "$TMP/SHA256SUMS"
mv "$TMP/SHA256SUMS" "$HERE/SHA256SUMS"
python3 "$HERE/src/check_set.py" "$HERE" --sums
