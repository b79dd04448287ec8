#!/usr/bin/env python3
"""Consistency checks of set ocr17 (Python standard library only; no imaging, no OCR).
Checks the manifest against the ground truth files and the raw bytes of PNG / JPEG containers,
and prints the counts per document type, format and difficulty."""
import json, sys, os, re, zlib, struct, collections, datetime

d = sys.argv[1] if len(sys.argv) > 1 else "."
errors = []
def err(f, msg): errors.append(f"{f}: {msg}")

def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n): return False
    s = sum(int(n[i]) * (10 - i) for i in range(9)); c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])

def png_check(path, dpi):
    b = open(path, "rb").read()
    if b[:8] != b"\x89PNG\r\n\x1a\n": return "bad signature"
    pos, idat, ihdr, phys = 8, b"", None, None
    while pos < len(b):
        ln, t = struct.unpack(">I4s", b[pos:pos + 8]); data = b[pos + 8:pos + 8 + ln]
        crc, = struct.unpack(">I", b[pos + 8 + ln:pos + 12 + ln])
        if zlib.crc32(t + data) & 0xffffffff != crc: return f"CRC error in {t}"
        if t == b"IHDR": ihdr = struct.unpack(">IIBBBBB", data)
        if t == b"pHYs": phys = struct.unpack(">IIB", data)
        if t == b"IDAT": idat += data
        pos += 12 + ln
    w, h, bd, ct = ihdr[:4]
    raw = zlib.decompress(idat)
    ch = {0: 1, 2: 3, 3: 1}[ct]
    rowb = (w * ch * bd + 7) // 8 + 1
    if len(raw) != rowb * h: return f"IDAT size {len(raw)} != {rowb * h}"
    if not phys or phys[2] != 1 or abs(phys[0] * 0.0254 - dpi) > 0.5: return f"pHYs {phys} does not say {dpi} dpi"
    return {0: "grey", 2: "rgb", 3: "palette"}[ct] + f" {bd}-bit {w}x{h}"

def jpeg_check(path, dpi):
    b = open(path, "rb").read()
    if b[:2] != b"\xff\xd8" or b[-2:] != b"\xff\xd9": return "no SOI/EOI"
    if b[6:11] != b"JFIF\0": return "no JFIF"
    units, xd, yd = struct.unpack(">BHH", b[13:18])
    if units != 1 or xd != dpi or yd != dpi: return f"JFIF density {units} {xd}x{yd}"
    i = 2
    while i < len(b):
        mk, ln = b[i + 1], struct.unpack(">H", b[i + 2:i + 4])[0]
        if 0xC0 <= mk <= 0xC3:
            p, h, w, nc = struct.unpack(">BHHB", b[i + 4:i + 10]); return f"{nc}-component {w}x{h}"
        i += 2 + ln
    return "no SOF"

recs = [json.loads(l) for l in open(os.path.join(d, "manifest.jsonl"), encoding="utf-8")]
need = ["file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth", "nhs_as_printed",
        "dob_as_printed", "degradations", "difficulty", "rotation_clockwise_deg", "format", "dpi", "fonts",
        "overlay_text_not_in_gt", "distractors"]
types = {"referral_letter", "clinic_letter", "discharge_summary", "lab_result", "appointment_letter", "continuation_sheet"}
banned_fonts = re.compile(r"DejaVu|Liberation|Free(Sans|Serif|Mono)|Noto|Roboto|Lato|Open Sans|^PT |Cabin|Oxygen|Andika|B612|ADF|JetBrains|Anonymous|Inconsolata|Garamond|URW|Nimbus|TeX Gyre|Latin Modern|Arimo|Tinos|Cousine|Carlito|Caladea|Cantarell|Courier Prime|Fira|Hack|mononoki|Gentium|Charis|Libertine|STIX|Old Standard|Junicode|Tlwg|Typewriter|Breip|dkg|Humor|Comic Neue|Dancing|Kristi|Isabella|Femke|Inter|Dosis|Vollkorn|Quicksand|3270|Terminus|Goudy|Fanwood|Cardo|Ecolier|Tomson|Lobster|Accanthis|Gillius|Baskervald|Rufscript|Steve|Delphine|Purisa", re.I)
cnt = collections.defaultdict(collections.Counter)
pages_total = 0
for m in recs:
    f = m["file"]
    for k in need:
        if k not in m: err(f, f"missing field {k}")
    if m["document_type"] not in types: err(f, "bad document_type")
    n = m["pages"]; pages_total += n
    for k in ("degradations", "difficulty", "rotation_clockwise_deg"):
        if len(m[k]) != n: err(f, f"{k} has {len(m[k])} entries for {n} pages")
    if any(x not in ("clean", "moderate", "hard") for x in m["difficulty"]): err(f, "bad difficulty")
    if any(x not in (0, 90, 180, 270) for x in m["rotation_clockwise_deg"]): err(f, "bad rotation")
    if not os.path.exists(os.path.join(d, f)): err(f, "scan file missing")
    gt = open(os.path.join(d, m["ground_truth"]), encoding="utf-8").read()
    if not gt.endswith("\n"): err(f, "GT does not end with newline")
    lines = gt[:-1].split("\n")
    if lines.count("\f") != n - 1: err(f, f"{lines.count(chr(12))} form feeds for {n} pages")
    for ln in lines:
        if ln == "\f": continue
        if ln != ln.strip() or "  " in ln or ln == "" or "\f" in ln or "\t" in ln: err(f, f"badly normalised GT line {ln!r}")
    if m["nhs_number"] is not None:
        if not (m["nhs_number"].startswith("999") and nhs_ok(m["nhs_number"])): err(f, "NHS number not a valid 999 test number")
        if m["nhs_as_printed"] not in gt: err(f, "nhs_as_printed not in GT")
        if re.sub(r"\D", "", m["nhs_as_printed"]) != m["nhs_number"]: err(f, "nhs_as_printed digits differ")
    if m["date_of_birth"] is not None:
        datetime.date.fromisoformat(m["date_of_birth"])
        if m["dob_as_printed"] not in gt: err(f, "dob_as_printed not in GT")
    if m["document_type"] == "referral_letter" and (m["nhs_number"] is None or m["date_of_birth"] is None):
        err(f, "referral without printed NHS number and DOB")
    # every valid 999 number in the text is the patient's own
    for cand in re.findall(r"(?<!\d)(\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)", gt):
        dd = re.sub(r"\D", "", cand)
        if dd.startswith("999") and nhs_ok(dd) and dd != m["nhs_number"]: err(f, f"stray NHS-valid number {cand}")
    for pc in re.findall(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", gt):
        if not pc.startswith("ZX"): err(f, f"non-ZX postcode {pc}")
    for ph in re.findall(r"\b0\d{3,4} \d{6}\b", gt):
        if not (ph.startswith("01632 960") or ph.startswith("07700 900")): err(f, f"phone outside drama ranges {ph}")
    ov = "\n".join(o["text"] for o in m["overlay_text_not_in_gt"])
    for o in m["overlay_text_not_in_gt"]:
        if o["kind"] != "signature" and o["text"] in lines: err(f, f"overlay text {o['text']!r} is a GT line")
    for x in m["distractors"]:
        if x["text"] not in gt and x["text"] not in ov: err(f, f"distractor {x['text']!r} not printed")
    for fn in m["fonts"]:
        if banned_fonts.search(fn): err(f, f"banned font {fn}")
    if m["format"] == "png":
        r = png_check(os.path.join(d, f), m["dpi"]); cnt["png_kind"][r.split()[0] + " " + r.split()[1]] += 1
        if "error" in r or "does not" in r or "size" in r or "bad" in r: err(f, r)
    if m["format"] == "jpeg":
        r = jpeg_check(os.path.join(d, f), m["dpi"])
        if "component" not in r: err(f, r)
    cnt["document_type"][m["document_type"]] += 1
    cnt["format"][m["format"]] += 1
    cnt["pages_by_format"][m["format"]] += n
    for x in m["difficulty"]: cnt["difficulty"][x] += 1
    for x in m["page_encoding"]: cnt["page_encoding"][x] += 1
    for x in m["dpi_xy"]: cnt["dpi"]["%sx%s" % tuple(x)] += 1
    for x in m["paper_size"]: cnt["paper_size"][x] += 1
    for x in m["rotation_clockwise_deg"]: cnt["rotation"][x] += 1
cnt_ref = cnt["document_type"]["referral_letter"]
if cnt_ref < 30: errors.append(f"only {cnt_ref} referral letters")
print(f"files: {len(recs)}  pages: {pages_total}")
for k in ("document_type", "format", "pages_by_format", "difficulty", "page_encoding", "dpi", "paper_size", "rotation", "png_kind"):
    print(f"{k}: " + ", ".join(f"{a}={b}" for a, b in sorted(cnt[k].items(), key=lambda t: str(t[0]))))
if errors:
    print("\n".join(errors)); print(f"{len(errors)} problems"); sys.exit(1)
print("set check: 0 problems")
