#!/usr/bin/env python3
"""Builds manifest.jsonl from the generator's metadata and checks it against the ground truth.

Standard library only; no imaging. Structural PNG check (chunk CRCs with zlib.crc32, IDAT inflates
to the size implied by IHDR) as an independent cross-check of our own CRC-32 and zlib use.
Usage: build_manifest.py OUTDIR BUILDDIR
"""
import json, os, re, struct, sys, zlib
from collections import Counter

out_dir, build_dir = sys.argv[1], sys.argv[2]
errors = []

def err(msg):
    errors.append(msg)

def nhs_valid(n):
    if not re.fullmatch(r"\d{10}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    if c == 11:
        c = 0
    return c != 10 and c == int(n[9])

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

def dob_matches(printed, iso):
    y, m, d = (int(x) for x in iso.split("-"))
    cands = set()
    mn = MONTHS[m - 1]
    suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    for s in [f"{d:02d}/{m:02d}/{y}", f"{d} {mn} {y}", f"{d:02d}.{m:02d}.{y % 100:02d}", f"{d:02d}-{mn[:3]}-{y}",
              f"{d}{suf} {mn} {y}", f"{d:02d} {mn[:3]} {y}", f"{d:02d}/{m:02d}/{y % 100:02d}", f"{y}-{m:02d}-{d:02d}",
              f"{d:02d}-{m:02d}-{y}", f"{d:02d} {mn} {y}", f"{d:02d}-{mn[:3].upper()}-{y}", f"{d}/{m}/{y}"]:
        cands.add(s)
    return printed in cands

def png_structure(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "bad signature"
    p, idat, ihdr, phys = 8, b"", None, False
    while p < len(data):
        ln, typ = struct.unpack(">I4s", data[p:p + 8])
        body = data[p + 8:p + 8 + ln]
        crc = struct.unpack(">I", data[p + 8 + ln:p + 12 + ln])[0]
        if zlib.crc32(typ + body) & 0xffffffff != crc:
            return "CRC mismatch in " + typ.decode()
        if typ == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat += body
        elif typ == b"pHYs":
            phys = True
        elif typ == b"IEND":
            break
        p += 12 + ln
    if ihdr is None or not phys:
        return "missing IHDR or pHYs"
    w, h, bd, ct, _, _, il = ihdr
    spp = {0: 1, 2: 3, 3: 1}[ct]
    def rowbytes(pw):
        return (pw * spp * bd + 7) // 8
    if il == 0:
        expect = h * (1 + rowbytes(w))
    else:
        expect = 0
        for xs, ys, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
            pw = (w - xs + dx - 1) // dx if w > xs else 0
            ph = (h - ys + dy - 1) // dy if h > ys else 0
            if pw and ph:
                expect += ph * (1 + rowbytes(pw))
    raw = zlib.decompress(idat)
    if len(raw) != expect:
        return f"IDAT inflates to {len(raw)} bytes, expected {expect}"
    return None

KEY_ORDER = ["file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth",
             "nhs_as_printed", "dob_as_printed", "nhs_value_as_printed", "dob_value_as_printed",
             "degradations", "difficulty", "rotation_clockwise_deg", "display_rotation_clockwise_deg",
             "pdf_page_rotate", "format", "encoding", "dpi", "page_size", "pixel_size", "fonts",
             "overlay_text_not_in_gt", "distractors"]
DOC_TYPES = {"referral_letter", "clinic_letter", "discharge_summary", "lab_result", "appointment_letter", "continuation_sheet"}

recs = [json.loads(l) for l in open(os.path.join(build_dir, "meta.jsonl"), encoding="utf-8") if l.strip()]
recs.sort(key=lambda r: r["file"])
phone_re = re.compile(r"\b0\d{3,4} ?\d{6}\b|\b07\d{3} ?\d{6}\b")
post_re = re.compile(r"\b[A-Z]{1,2}\d{1,2} \d[A-Z]{2}\b")
lines_out = []
for r in recs:
    f = r["file"]
    if not os.path.exists(os.path.join(out_dir, f)):
        err(f"{f}: missing file")
    gt = open(os.path.join(out_dir, r["ground_truth"]), encoding="utf-8").read()
    if not gt.endswith("\n"):
        err(f"{f}: ground truth does not end with a newline")
    gt_lines = gt.split("\n")[:-1]
    pages = gt.split("\n\f\n")
    if len(pages) != r["pages"]:
        err(f"{f}: ground truth has {len(pages)} pages, manifest {r['pages']}")
    for ln in gt_lines:
        if ln != "\f" and (ln != ln.strip() or "  " in ln or ln == ""):
            err(f"{f}: ground-truth line not normalised: {ln!r}")
        if any(ord(ch) > 126 or (ord(ch) < 32 and ch != "\f") for ch in ln):
            err(f"{f}: unexpected character in {ln!r}")
    for k in ["degradations", "difficulty", "rotation_clockwise_deg", "encoding", "dpi", "page_size", "pixel_size"]:
        if len(r[k]) != r["pages"]:
            err(f"{f}: {k} has {len(r[k])} entries for {r['pages']} pages")
    if r["document_type"] not in DOC_TYPES:
        err(f"{f}: bad document type")
    for dfc in r["difficulty"]:
        if dfc not in ("clean", "moderate", "hard"):
            err(f"{f}: bad difficulty {dfc}")
    if r["document_type"] == "referral_letter" and (r["nhs_number"] is None or r["date_of_birth"] is None):
        err(f"{f}: referral letter without NHS number or date of birth")
    if r["nhs_number"] is not None:
        if not (r["nhs_number"].startswith("999") and nhs_valid(r["nhs_number"])):
            err(f"{f}: NHS number {r['nhs_number']} invalid or outside the 999 test range")
        if r["nhs_as_printed"] not in gt:
            err(f"{f}: nhs_as_printed not found in ground truth")
        if re.sub(r"\D", "", r["nhs_value_as_printed"]) != r["nhs_number"] or r["nhs_value_as_printed"] not in r["nhs_as_printed"]:
            err(f"{f}: nhs value mismatch")
    if r["date_of_birth"] is not None:
        if r["dob_as_printed"] not in gt:
            err(f"{f}: dob_as_printed not found in ground truth")
        if not dob_matches(r["dob_value_as_printed"], r["date_of_birth"]) or r["dob_value_as_printed"] not in r["dob_as_printed"]:
            err(f"{f}: printed DOB {r['dob_value_as_printed']} does not match {r['date_of_birth']}")
    for ph in phone_re.findall(gt):
        if not (re.fullmatch(r"01632 ?960\d{3}", ph) or re.fullmatch(r"07700 ?900\d{3}", ph)):
            err(f"{f}: non-fictional phone number {ph}")
    for pc in post_re.findall(gt):
        if not pc.startswith("ZX"):
            err(f"{f}: non-ZX postcode {pc}")
    for tok in re.findall(r"\b\d{10}\b", gt):
        if tok != r["nhs_number"] and tok.startswith("999"):
            err(f"{f}: unexpected 10-digit 999 number {tok}")
    for d in r["distractors"]:
        if not d["kind"].startswith("stamp_overlay") and d["text"] not in gt:
            err(f"{f}: distractor {d} not printed")
    if f.endswith(".png"):
        e = png_structure(os.path.join(out_dir, f))
        if e:
            err(f"{f}: PNG structure: {e}")
    o = {k: r[k] for k in KEY_ORDER}
    lines_out.append(json.dumps(o, ensure_ascii=True, separators=(", ", ": ")))

with open(os.path.join(out_dir, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
    for l in lines_out:
        fh.write(l + "\n")

types = Counter(r["document_type"] for r in recs)
fmts = Counter(r["format"] for r in recs)
diff = Counter(d for r in recs for d in r["difficulty"])
dpis = Counter("x".join(str(v) for v in d) for r in recs for d in r["dpi"])
sizes = Counter(s for r in recs for s in r["page_size"])
encs = Counter(re.sub(r"_q\d+", "", e.split("_rows")[0].rsplit("_", 1)[0] if e.startswith("tiff") else e) for r in recs for e in r["encoding"])
fonts = sorted({x for r in recs for x in r["fonts"]})
npages = sum(r["pages"] for r in recs)
summary = {
    "files": len(recs), "pages": npages,
    "document_type": dict(sorted(types.items())), "format": dict(sorted(fmts.items())),
    "difficulty_pages": dict(sorted(diff.items())), "dpi_pages": dict(sorted(dpis.items())),
    "page_size_pages": dict(sorted(sizes.items())), "fonts": fonts,
    "rotated_pages": sum(1 for r in recs for x in r["rotation_clockwise_deg"] if x),
}
with open(os.path.join(build_dir, "summary.json"), "w") as fh:
    json.dump(summary, fh, indent=1, sort_keys=True)
print(json.dumps(summary, indent=1, sort_keys=True))
if errors:
    print("\n".join("CHECK FAILED: " + e for e in errors))
    sys.exit(1)
print(f"manifest checks passed: {len(recs)} files, {npages} pages")
