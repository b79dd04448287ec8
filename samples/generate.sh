#!/usr/bin/env bash
# Regenerate the synthetic sample documents (samples/scans) and bad-input fixtures (samples/bad).
#
#   bash samples/generate.sh            # from anywhere
#   SEED=7 bash samples/generate.sh     # another (non-committed) variant
#
# Idempotent: installs only what is missing (Debian fonts and qpdf through apt, a Python
# virtual environment at samples/.venv with pinned Pillow and numpy from PyPI), then rewrites
# scans/ and bad/ from scratch. Output is byte-for-byte reproducible for a given seed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

SEED="${SEED:-20240314}"
PILLOW_VERSION="11.3.0"
NUMPY_VERSION="2.2.6"
PY="${PYTHON:-python3}"

# --- system packages -------------------------------------------------------
missing=()
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
"$PY" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "generate.sh: installing ${missing[*]}"
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}" \
        || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; }
fi

# --- Python environment ----------------------------------------------------
if [ ! -x .venv/bin/python ]; then
    echo "generate.sh: creating samples/.venv"
    "$PY" -m venv .venv
fi
if ! .venv/bin/python - "$PILLOW_VERSION" "$NUMPY_VERSION" <<'EOF' >/dev/null 2>&1
import sys
import PIL, numpy
sys.exit(0 if (PIL.__version__, numpy.__version__) == (sys.argv[1], sys.argv[2]) else 1)
EOF
then
    echo "generate.sh: installing Pillow==$PILLOW_VERSION numpy==$NUMPY_VERSION into samples/.venv"
    .venv/bin/pip install --quiet --disable-pip-version-check \
        "Pillow==$PILLOW_VERSION" "numpy==$NUMPY_VERSION"
fi

# --- generate --------------------------------------------------------------
export PYTHONHASHSEED=0
exec .venv/bin/python generate.py --seed "$SEED" "$@"
