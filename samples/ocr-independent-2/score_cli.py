#!/usr/bin/env python3
"""Character error rate of OCR output against the ocr-2 ground truth.

CER = sum over pages of Levenshtein(gt_page, ocr_page) / sum of gt characters.
Normalisation (applied identically to both sides, per page): pages split on form feed,
each line's whitespace runs collapsed to one space and stripped, empty lines dropped,
lines joined with a single newline (newlines count as characters). Missing OCR pages
count as empty. No case folding, no Unicode normalisation beyond NFC.

Usage: score_cli.py [OCR_DIR]   (default: cli-baseline/). Writes OCR_DIR/score.json.
"""
import json
import os
import sys
import unicodedata
from collections import defaultdict

try:
    from rapidfuzz.distance import Levenshtein as _L

    def lev(a, b):
        return _L.distance(a, b)
except ImportError:  # slow pure-python fallback
    def lev(a, b):
        if len(a) < len(b):
            a, b = b, a
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

HERE = os.path.dirname(os.path.abspath(__file__))


def pages(text):
    text = unicodedata.normalize("NFC", text)
    ps = text.split("\x0c")
    out = []
    for p in ps:
        lines = [" ".join(l.split()) for l in p.splitlines()]
        out.append("\n".join(l for l in lines if l))
    while out and not out[-1]:
        out.pop()
    return out


def main():
    ocr_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "cli-baseline")
    man = json.load(open(os.path.join(HERE, "manifest.json")))
    agg = defaultdict(lambda: [0, 0, 0])  # key -> [edits, gt chars, pages]
    per_file = {}
    for m in man:
        stem = os.path.splitext(m["file"])[0]
        gt = pages(open(os.path.join(HERE, stem + ".gt.txt"), encoding="utf-8").read())
        assert len(gt) == m["pages"], (m["file"], len(gt), m["pages"])
        p = os.path.join(ocr_dir, stem + ".txt")
        ocr = pages(open(p, encoding="utf-8", errors="replace").read()) if os.path.exists(p) else []
        ocr += [""] * (len(gt) - len(ocr))
        extra = "\n".join(ocr[len(gt):])  # surplus OCR pages count as insertions
        e = sum(lev(g, o) for g, o in zip(gt, ocr)) + len(extra)
        n = sum(len(g) for g in gt)
        per_file[m["file"]] = dict(cer=round(e / n, 4), edits=e, gt_chars=n, pages=len(gt))
        keys = ["ALL", "kind:" + m["kind"], "format:" + m["format"], "clean" if not m["degradations"] else "degraded"]
        keys += ["degr:" + d for d in m["degradations"] if not d.startswith("jpeg_q")]
        if any(d.startswith("jpeg_q") for d in m["degradations"]):
            keys.append("degr:jpeg")
        for k in keys:
            agg[k][0] += e
            agg[k][1] += n
            agg[k][2] += len(gt)
    summary = {k: dict(cer=round(v[0] / v[1], 4), edits=v[0], gt_chars=v[1], pages=v[2]) for k, v in sorted(agg.items())}
    json.dump(dict(summary=summary, per_file=per_file), open(os.path.join(ocr_dir, "score.json"), "w"), indent=1)
    print(f"{'group':38s} {'pages':>5s} {'gt_chars':>8s} {'CER':>7s}")
    for k, v in summary.items():
        print(f"{k:38s} {v['pages']:5d} {v['gt_chars']:8d} {v['cer']:7.4f}")


if __name__ == "__main__":
    main()
