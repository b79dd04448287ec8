#!/usr/bin/env python3
"""Merge manifest parts and check the manifest (standard library only, no imaging)."""
import json, os, sys, hashlib, collections
out = sys.argv[1]
recs = []
for part in ("manifest.part.1", "manifest.part.2"):
    p = os.path.join(out, part)
    with open(p, encoding="utf-8") as f:
        recs += [json.loads(l) for l in f if l.strip()]
    os.remove(p)
recs.sort(key=lambda r: r["file"])
def nhs_ok(n):
    if not (isinstance(n, str) and len(n) == 10 and n.isdigit() and n.startswith("999")): return False
    s = sum(int(n[i]) * (10 - i) for i in range(9)); c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])
for r in recs:
    assert nhs_ok(r["nhs_number"]), r["file"]
    gt = open(os.path.join(out, r["ground_truth"]), encoding="utf-8").read()
    assert gt.count("\n\f\n") == r["pages"] - 1, r["file"]
    for k in ("degradations", "difficulty", "rotation_clockwise_deg", "dpi"):
        assert len(r[k]) == r["pages"], (r["file"], k)
    digits = "".join(ch for ch in r["nhs_as_printed"] if ch.isdigit())
    assert digits == r["nhs_number"], r["file"]
    assert r["nhs_as_printed"] in gt, r["file"]
    if r["document_type"] == "referral_letter":
        assert r["dob_as_printed"] in gt, r["file"]
    raw = open(os.path.join(out, r["file"]), "rb").read()
    if r["file"].endswith(".pdf"):
        assert b"/Font" not in raw, r["file"]
with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8") as f:
    for r in recs: f.write(json.dumps(r, ensure_ascii=False) + "\n")
files = sorted(fn for fn in os.listdir(out) if fn.startswith("doc")) + ["manifest.jsonl"]
with open(os.path.join(out, "SHA256SUMS"), "w") as f:
    for fn in files:
        f.write(hashlib.sha256(open(os.path.join(out, fn), "rb").read()).hexdigest() + "  " + fn + "\n")
c = collections.Counter
print("files", len(recs), "pages", sum(r["pages"] for r in recs))
print("document_type", dict(c(r["document_type"] for r in recs)))
print("format", dict(c(r["format"] for r in recs)))
print("difficulty", dict(c(d for r in recs for d in r["difficulty"])))
print("dpi", dict(c(str(d) for r in recs for d in r["dpi"])))
print("rotations", dict(c(d for r in recs for d in r["rotation_clockwise_deg"])))
print("page_sizes", dict(c(d for r in recs for d in r["page_sizes"])))
print("fonts", sorted({f for r in recs for f in r["fonts"]}))
