#!/usr/bin/env python3
"""check_set.py -- standard-library checks of the ocr19 set: manifest schema, ground truth format,
NHS numbers / dates, container structure of every PNG/JPEG/TIFF/PDF (independent of the R readers),
and SHA256SUMS. Prints counts. Exit status 1 on any problem.   usage: python3 check_set.py SETDIR [--no-sums]"""
import collections, datetime, hashlib, json, os, re, struct, sys, zlib

D = sys.argv[1] if len(sys.argv) > 1 else "."
problems = []
def bad(msg): problems.append(msg)

MON = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
def parse_date(s):
    s = s.strip().lower()
    s = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", s)
    for rx, order in [(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$", "dmy"), (r"^(\d{4})-(\d{2})-(\d{2})$", "ymd"),
                      (r"^(\d{1,2})[ \-]([a-z]+)[ \-](\d{4})$", "dMy")]:
        m = re.match(rx, s)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            y, mo, d = int(a), int(b), int(c)
        elif order == "dmy":
            d, mo, y = int(a), int(b), int(c)
            if y < 100:
                y += 1900
        else:
            d, mo, y = int(a), MON.get(b[:3]), int(c)
        return datetime.date(y, mo, d)
    return None

def nhs_ok(n):
    if not re.fullmatch(r"999\d{7}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])

def check_png(p):
    d = open(p, "rb").read()
    if d[:8] != b"\x89PNG\r\n\x1a\n":
        return bad(p + ": PNG signature")
    pos, idat, types = 8, b"", []
    while pos < len(d):
        n, = struct.unpack(">I", d[pos:pos + 4]); t = d[pos + 4:pos + 8]
        if zlib.crc32(d[pos + 4:pos + 8 + n]) != struct.unpack(">I", d[pos + 8 + n:pos + 12 + n])[0]:
            bad(p + ": CRC " + t.decode())
        if t == b"IHDR":
            w, h, bd, ct = struct.unpack(">IIBB", d[pos + 8:pos + 18])
        if t == b"IDAT":
            idat += d[pos + 8:pos + 8 + n]
        types.append(t.decode()); pos += 12 + n
    raw = zlib.decompress(idat)
    ch = {0: 1, 2: 3, 3: 1}[ct]
    if len(raw) != (((w * ch * bd) + 7) // 8 + 1) * h:
        bad(p + ": IDAT length")
    if "pHYs" not in types:
        bad(p + ": no pHYs")
    return 1

def check_jpeg(p):
    d = open(p, "rb").read()
    if d[:2] != b"\xff\xd8" or d[-2:] != b"\xff\xd9" or d[6:11] != b"JFIF\x00" or d[13] != 1:
        bad(p + ": JPEG/JFIF structure")
    return 1

def check_tiff(p):
    d = open(p, "rb").read()
    e = {b"II": "<", b"MM": ">"}.get(d[:2])
    if not e or struct.unpack(e + "H", d[2:4])[0] != 42:
        bad(p + ": TIFF header"); return 0
    off, = struct.unpack(e + "I", d[4:8]); pages = 0
    while off:
        n, = struct.unpack(e + "H", d[off:off + 2]); tags = {}
        for k in range(n):
            tag, typ, cnt = struct.unpack(e + "HHI", d[off + 2 + 12 * k: off + 10 + 12 * k])
            tags[tag] = (typ, cnt, d[off + 10 + 12 * k: off + 14 + 12 * k])
        for need in (256, 257, 259, 262, 273, 278, 279, 282, 283, 296):
            if need not in tags:
                bad("%s: page %d lacks tag %d" % (p, pages + 1, need))
        typ, cnt, v = tags[279]
        counts = [struct.unpack(e + "I", v)[0]] if cnt == 1 else list(struct.unpack(e + "%dI" % cnt, d[struct.unpack(e + "I", v)[0]:][:4 * cnt]))
        typ, cnt, v = tags[273]
        offs = [struct.unpack(e + "I", v)[0]] if cnt == 1 else list(struct.unpack(e + "%dI" % cnt, d[struct.unpack(e + "I", v)[0]:][:4 * cnt]))
        if any(o + c > len(d) for o, c in zip(offs, counts)):
            bad(p + ": strip beyond end of file")
        comp = struct.unpack(e + "H", tags[259][2][:2])[0]
        if comp == 8:
            for o, c in zip(offs, counts):
                zlib.decompress(d[o:o + c])
        pages += 1
        off, = struct.unpack(e + "I", d[off + 2 + 12 * n: off + 6 + 12 * n])
    return pages

def check_pdf(p):
    d = open(p, "rb").read()
    if not d.startswith(b"%PDF-"):
        bad(p + ": header")
    sx = d.rindex(b"startxref")
    xoff = int(d[sx:].split()[1])
    if d[xoff:xoff + 4] != b"xref":
        bad(p + ": startxref")
    lines = d[xoff:sx].decode("latin-1").split("\n")
    n = int(lines[1].split()[1])
    for i in range(1, n):
        o = int(lines[2 + i][:10])
        if not d[o:].startswith(("%d 0 obj" % i).encode()):
            bad("%s: xref offset of object %d" % (p, i))
    if re.search(rb"/Font|\bBT\b|\bTj\b", re.sub(rb"stream\n.*?\nendstream", b"", d, flags=re.S)):
        bad(p + ": text operators or fonts present")
    counts = [int(x) for x in re.findall(rb"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)", d)]
    pages = len(re.findall(rb"/Type /Page\b(?!s)", d))
    if counts != [pages]:
        bad(p + ": /Count mismatch")
    return pages

REQ = ["file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth", "nhs_as_printed",
       "dob_as_printed", "degradations", "difficulty", "rotation_clockwise_deg", "format", "dpi", "fonts",
       "overlay_text_not_in_gt", "distractors"]
TYPES = {"referral_letter", "clinic_letter", "discharge_summary", "lab_result", "appointment_letter", "continuation_sheet"}
man = [json.loads(l) for l in open(os.path.join(D, "manifest.jsonl"), encoding="utf-8")]
cnt_type, cnt_fmt, cnt_diff, cnt_pages_fmt = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
dpis = collections.Counter()
for m in man:
    f = m.get("file", "?")
    for k in REQ:
        if k not in m:
            bad(f + ": missing " + k)
    if m["document_type"] not in TYPES:
        bad(f + ": type")
    n = m["pages"]
    for k in ("degradations", "difficulty", "rotation_clockwise_deg", "dpi"):
        if len(m[k]) != n:
            bad("%s: %s has %d entries for %d pages" % (f, k, len(m[k]), n))
    if any(x not in ("clean", "moderate", "hard") for x in m["difficulty"]):
        bad(f + ": difficulty value")
    gt = open(os.path.join(D, m["ground_truth"]), "rb").read().decode("utf-8")
    pages = gt.rstrip("\n").split("\n\f\n")
    if len(pages) != n:
        bad("%s: ground truth has %d pages, manifest %d" % (f, len(pages), n))
    for ln in gt.rstrip("\n").split("\n"):
        if ln != "\f" and (ln != ln.strip() or "  " in ln or ln == ""):
            bad("%s: ground truth line not normalised: %r" % (f, ln))
    nhs = m["nhs_number"]
    if nhs is not None:
        if not nhs_ok(nhs):
            bad(f + ": NHS number check digit")
        if re.sub(r"\D", "", m["nhs_as_printed"]) != nhs:
            bad(f + ": nhs_as_printed")
        if m["nhs_as_printed"] not in gt:
            bad(f + ": printed NHS number not in ground truth")
    if m["date_of_birth"] is not None:
        if parse_date(m["dob_as_printed"]) != datetime.date.fromisoformat(m["date_of_birth"]):
            bad(f + ": dob_as_printed %r vs %s" % (m["dob_as_printed"], m["date_of_birth"]))
        if m["dob_as_printed"] not in gt:
            bad(f + ": printed DOB not in ground truth")
    if m["document_type"] == "referral_letter" and (nhs is None or m["date_of_birth"] is None):
        bad(f + ": referral without NHS number / DOB")
    for o in m["overlay_text_not_in_gt"]:
        if o.startswith("RECEIVED") and o in gt:
            bad(f + ": stamp text leaked into ground truth")
    p = os.path.join(D, f)
    got = {"png": check_png, "jpeg": check_jpeg, "tiff": check_tiff, "pdf": check_pdf}[m["format"]](p)
    if got != n:
        bad("%s: container holds %s pages, manifest %d" % (f, got, n))
    cnt_type[m["document_type"]] += 1; cnt_fmt[m["format"]] += 1; cnt_pages_fmt[m["format"]] += n
    for x in m["difficulty"]:
        cnt_diff[x] += 1
    for x in m["dpi"]:
        dpis["%gx%g" % tuple(x) if x[0] != x[1] else "%g" % x[0]] += 1

if "--no-sums" not in sys.argv:
    for ln in open(os.path.join(D, "SHA256SUMS")):
        h, name = ln.split(None, 1); name = name.strip().lstrip("*")
        if hashlib.sha256(open(os.path.join(D, name), "rb").read()).hexdigest() != h:
            bad("SHA256 mismatch: " + name)

print("files %d, pages %d" % (len(man), sum(m["pages"] for m in man)))
print("document types:", dict(sorted(cnt_type.items())))
print("formats (files):", dict(sorted(cnt_fmt.items())), " (pages):", dict(sorted(cnt_pages_fmt.items())))
print("difficulty (pages):", dict(sorted(cnt_diff.items())))
print("dpi (pages):", dict(sorted(dpis.items())))
if problems:
    print("\n".join("PROBLEM: " + x for x in problems))
    sys.exit(1)
print("all checks passed")
