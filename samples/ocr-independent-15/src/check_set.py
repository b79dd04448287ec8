#!/usr/bin/env python3
"""Consistency checks for the ocr15 set (Python standard library only; no imaging).

Checks the manifest against the ground truth and the files: NHS numbers (999 range,
modulus 11), printed NHS number / date of birth present in the ground truth and
equal to the manifest values, fictional phone numbers and postcodes, page counts by
parsing PDF xref tables and TIFF IFD chains ourselves, image-only PDFs, and
optionally SHA256SUMS. Prints counts per document type, format and difficulty.
"""
import collections, datetime, hashlib, json, os, re, struct, sys

TYPES = {"referral_letter", "clinic_letter", "discharge_summary", "lab_result",
         "appointment_letter", "continuation_sheet"}
MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul",
                                          "aug", "sep", "oct", "nov", "dec"])}
errors = []


def err(f, msg):
    errors.append(f"{f}: {msg}")


def nhs_valid(n):
    if not re.fullmatch(r"999\d{7}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def parse_dob(s, iso):
    """Parse a printed date in any of the set's styles; two-digit years are
    resolved with the manifest's century."""
    t = s.strip().lower().replace(",", "")
    m = re.fullmatch(r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) )?(\d{1,2})(?:st|nd|rd|th)?[ \-]?([a-z]{3})[a-z]*[ \-]?(\d{2,4})", t)
    if m:
        d, mo, y = int(m.group(1)), MONTHS[m.group(2)], m.group(3)
    else:
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})", t)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
        else:
            m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
            if not m:
                return None
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    y = int(y)
    if y < 100:
        y += int(iso[:2]) * 100
    return datetime.date(y, mo, d).isoformat()


def pdf_pages(b):
    tail = b[-64:].decode("latin-1")
    off = int(tail[tail.rindex("startxref") + 9:].split()[0])
    if not b[off:off + 5] == b"xref\n":
        raise ValueError("startxref does not point at xref")
    lines = b[off:].split(b"\n", 2)
    first, count = map(int, lines[1].split())
    body = lines[2]
    pages = 0
    for k in range(count):
        ent = body[k * 20:(k + 1) * 20].decode()
        if ent[17] != "n":
            continue
        o = int(ent[:10])
        hdr = f"{first + k} 0 obj\n".encode()
        if b[o:o + len(hdr)] != hdr:
            raise ValueError(f"xref offset of object {first + k} wrong")
        end = b.index(b"\nendobj\n", o)
        d = b[o:end]
        si = d.find(b"\nstream\n")
        dic = d if si < 0 else d[:si]
        if b"/Font" in dic:
            raise ValueError("font resource in PDF")
        if b"/Type /Page " in dic:
            pages += 1
            if b"/XObject" not in dic:
                raise ValueError("page without image")
        if si >= 0 and b"/Subtype /Image" not in dic:
            stream = d[si + 8:]
            toks = set(stream.split())
            if toks & {b"BT", b"Tj", b"TJ", b"Tf"}:
                raise ValueError("text operators in content stream")
    return pages


def tiff_pages(b):
    bo = {b"II": "<", b"MM": ">"}[b[:2]]
    if struct.unpack(bo + "H", b[2:4])[0] != 42:
        raise ValueError("not TIFF")
    off = struct.unpack(bo + "I", b[4:8])[0]
    n = 0
    seen = set()
    while off:
        if off in seen:
            raise ValueError("IFD loop")
        seen.add(off)
        cnt = struct.unpack(bo + "H", b[off:off + 2])[0]
        tags = {}
        for i in range(cnt):
            tag, typ, c = struct.unpack(bo + "HHI", b[off + 2 + 12 * i: off + 10 + 12 * i])
            tags[tag] = typ
        for t in (256, 257, 259, 262, 273, 279):
            if t not in tags:
                raise ValueError(f"IFD lacks tag {t}")
        n += 1
        off = struct.unpack(bo + "I", b[off + 2 + 12 * cnt: off + 6 + 12 * cnt])[0]
    return n


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)) + "/.."
    entries = [json.loads(l) for l in open(os.path.join(root, "manifest.jsonl"), encoding="utf-8")]
    by_type, by_fmt, by_cont, by_diff, pages_total = (collections.Counter(), collections.Counter(),
                                                      collections.Counter(), collections.Counter(), 0)
    required = ["file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth",
                "nhs_as_printed", "dob_as_printed", "degradations", "difficulty", "rotation_clockwise_deg",
                "format", "dpi", "fonts", "overlay_text_not_in_gt", "distractors"]
    for e in entries:
        f = e.get("file", "?")
        for k in required:
            if k not in e:
                err(f, f"missing field {k}")
        if e["document_type"] not in TYPES:
            err(f, "bad document_type")
        n = e["pages"]
        for k in ("degradations", "difficulty", "rotation_clockwise_deg", "dpi", "overlay_text_not_in_gt",
                  "handwritten_text_not_in_gt", "page_size", "colour_mode"):
            if len(e[k]) != n:
                err(f, f"{k} has {len(e[k])} entries for {n} pages")
        for d in e["difficulty"]:
            if d not in ("clean", "moderate", "hard"):
                err(f, "bad difficulty")
        for r in e["rotation_clockwise_deg"]:
            if r not in (0, 90, 180, 270):
                err(f, "bad rotation")
        gt = open(os.path.join(root, e["ground_truth"]), encoding="utf-8").read()
        gpages = gt[:-1].split("\n\f\n") if gt.endswith("\n") else None
        if gpages is None or len(gpages) != n:
            err(f, "ground truth page count")
        else:
            for i, pg in enumerate(gpages):
                ls = pg.split("\n")
                if len(ls) != e["gt_lines_per_page"][i]:
                    err(f, f"page {i + 1}: {len(ls)} lines, manifest says {e['gt_lines_per_page'][i]}")
                for l in ls:
                    if l != " ".join(l.split()) or not l:
                        err(f, f"line not normalised: {l!r}")
        flat = gt.replace("\n", " ")
        nhs, dob = e["nhs_number"], e["date_of_birth"]
        if e["document_type"] == "referral_letter" and (nhs is None or dob is None):
            err(f, "referral letter without NHS number/DOB")
        if nhs is not None:
            if not nhs_valid(nhs):
                err(f, "NHS number invalid")
            if re.sub(r"[ \-]", "", e["nhs_as_printed"]) != nhs:
                err(f, "nhs_as_printed differs from nhs_number")
            if e["nhs_as_printed"] not in gt:
                err(f, "nhs_as_printed not in ground truth")
        for m in re.finditer(r"(?<!\d)999[ \-]?\d{3}[ \-]?\d{4}(?!\d)", flat):
            if re.sub(r"[ \-]", "", m.group()) != nhs:
                err(f, f"other 999 number in GT: {m.group()}")
        if dob is not None:
            if e["dob_as_printed"] not in gt:
                err(f, "dob_as_printed not in ground truth")
            try:
                if parse_dob(e["dob_as_printed"], dob) != dob:
                    err(f, f"dob_as_printed {e['dob_as_printed']} != {dob}")
            except Exception as x:
                err(f, f"cannot parse dob_as_printed: {x}")
        for m in re.finditer(r"(?<!\d)0\d{3,4} ?\d{6}(?!\d)", flat):
            p = m.group().replace(" ", "")
            if not (p.startswith("01632960") or p.startswith("07700900")):
                err(f, f"non-fictional phone {m.group()}")
        for m in re.finditer(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", flat):
            if not m.group().startswith("ZX"):
                err(f, f"non-ZX postcode {m.group()}")
        b = open(os.path.join(root, f), "rb").read()
        try:
            if e["container"] == "pdf":
                got = pdf_pages(b)
            elif e["container"] == "tiff":
                got = tiff_pages(b)
            elif e["container"] == "jpeg":
                if b[:2] != b"\xff\xd8" or b[6:11] != b"JFIF\x00":
                    raise ValueError("not JFIF")
                got = 1
            elif e["container"] == "png":
                if b[:8] != b"\x89PNG\r\n\x1a\n" or b"pHYs" not in b[:80]:
                    raise ValueError("not PNG with pHYs")
                got = 1
            else:
                raise ValueError("unknown container")
            if got != n:
                err(f, f"file has {got} pages, manifest {n}")
        except Exception as x:
            err(f, f"file check: {x}")
        by_type[e["document_type"]] += 1
        by_fmt[e["format"]] += 1
        by_cont[e["container"]] += 1
        for d in e["difficulty"]:
            by_diff[d] += 1
        pages_total += n
    if "--sums" in sys.argv:
        for line in open(os.path.join(root, "SHA256SUMS")):
            h, name = line.rstrip("\n").split("  ", 1)
            if hashlib.sha256(open(os.path.join(root, name), "rb").read()).hexdigest() != h:
                err(name, "SHA256 mismatch")
    print(f"{len(entries)} files, {pages_total} pages")
    for title, c in (("document_type (files)", by_type), ("container (files)", by_cont),
                     ("format (files)", by_fmt), ("difficulty (pages)", by_diff)):
        print(title + ": " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} problems")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
