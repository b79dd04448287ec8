#!/usr/bin/env python3
"""Spot-check the samples with the Tesseract CLI: character error rate per document.

Development aid only (the Rust pipeline has its own evaluation). Needs `tesseract`
and, for PDFs, `pdftoppm`/`pdftotext` (poppler-utils). Run with the samples venv:

    samples/.venv/bin/python samples/ocr_check.py            # all documents
    samples/.venv/bin/python samples/ocr_check.py 01 17      # names starting with these

CER = Levenshtein distance / ground-truth length, after collapsing every run of
whitespace (including newlines and form feeds) to one space. For rotated documents
the image is also OCRed after undoing the known rotation, so the effect of the
other degradations can be seen separately from orientation detection.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageSequence

HERE = Path(__file__).resolve().parent
SCANS = HERE / "scans"
ENV = dict(os.environ, OMP_THREAD_LIMIT="1")


def levenshtein(a: str, b: str) -> int:
    """Bit-parallel edit distance (Myers 1999 / Hyyro 2001) using Python integers."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    m = len(b)
    peq = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def norm(s: str) -> str:
    return " ".join(s.split())


def ocr_image(img: Image.Image, tmp: Path) -> str:
    p = tmp / "page.png"
    img.save(p, dpi=img.info.get("dpi", (300, 300)))
    r = subprocess.run(["tesseract", str(p), "-", "--psm", "3"], capture_output=True, text=True, env=ENV)
    return r.stdout


def pages_of(path: Path, tmp: Path):
    if path.suffix == ".pdf":
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(path), str(tmp / "pdf")], check=True)
        return [Image.open(p) for p in sorted(tmp.glob("pdf-*.png"))]
    im = Image.open(path)
    return [f.copy() for f in ImageSequence.Iterator(im)]


def main():
    manifest = json.loads((SCANS / "manifest.json").read_text())
    sel = sys.argv[1:]
    rows = []
    for m in manifest:
        if sel and not any(m["file"].startswith(s) for s in sel):
            continue
        gt = norm((SCANS / m["ground_truth"]).read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as td:
            tmp = Path(td)
            path = SCANS / m["file"]
            fixed = None
            if m["text_layer"]:
                txt = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
                how = "pdftotext"
            else:
                pages = pages_of(path, tmp)
                txt = "\n".join(ocr_image(p, tmp) for p in pages)
                how = "tesseract"
                if m["rotation_degrees"]:
                    undo = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
                            270: Image.Transpose.ROTATE_270}[m["rotation_degrees"]]
                    fixed = "\n".join(ocr_image(p.transpose(undo), tmp) for p in pages)
        cer = levenshtein(norm(txt), gt) / max(1, len(gt))
        extra = f"  (derotated: {levenshtein(norm(fixed), gt) / max(1, len(gt)):.3f})" if fixed is not None else ""
        label = ",".join(m["degradations"]) or "clean"
        print(f"{m['file']:<46} {how:<9} CER {cer:.3f}{extra}  [{label}]", flush=True)
        rows.append((label == "clean", cer if fixed is None else levenshtein(norm(fixed), gt) / max(1, len(gt))))
    clean = [c for k, c in rows if k]
    deg = [c for k, c in rows if not k]
    if clean:
        print(f"mean CER clean {sum(clean) / len(clean):.3f} ({len(clean)} docs)")
    if deg:
        print(f"mean CER degraded {sum(deg) / len(deg):.3f} ({len(deg)} docs, rotated ones after derotation)")


if __name__ == "__main__":
    main()
