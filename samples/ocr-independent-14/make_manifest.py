#!/usr/bin/env python3
"""Turn the generator's per-document metadata into manifest.jsonl (Python standard library only)."""
import json, re, sys

REQUIRED = ["file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth",
            "nhs_as_printed", "dob_as_printed", "degradations", "difficulty", "rotation_clockwise_deg",
            "format", "dpi", "fonts", "overlay_text_not_in_gt", "distractors"]
TYPES = {"referral_letter", "clinic_letter", "discharge_summary", "lab_result", "appointment_letter", "continuation_sheet"}


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n or ""):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def main(src, dst):
    rows = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
    out = []
    for m in rows:
        for k in REQUIRED:
            assert k in m, (m["file"], k)
        assert m["document_type"] in TYPES, m["file"]
        n = m["pages"]
        for k in ("degradations", "difficulty", "rotation_clockwise_deg"):
            assert len(m[k]) == n, (m["file"], k)
        assert all(d in ("clean", "moderate", "hard") for d in m["difficulty"])
        if m["nhs_number"] is not None:
            assert nhs_ok(m["nhs_number"]) and m["nhs_number"].startswith("999"), m["file"]
            assert re.sub(r"\D", "", m["nhs_as_printed"]) == m["nhs_number"], m["file"]
        if m["date_of_birth"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["date_of_birth"]), m["file"]
        if m["document_type"] == "referral_letter":
            assert m["nhs_number"] and m["date_of_birth"], m["file"]
        # the correction a reader applies: rotate the stored image clockwise by this to make it upright
        m["rotation_correction_clockwise_deg"] = [(360 - r) % 360 for r in m["rotation_clockwise_deg"]]
        ordered = {k: m[k] for k in REQUIRED}
        for k, v in m.items():
            if k not in ordered:
                ordered[k] = v
        out.append(ordered)
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        for m in out:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    print(f"manifest: {len(out)} files, {sum(m['pages'] for m in out)} pages -> {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
