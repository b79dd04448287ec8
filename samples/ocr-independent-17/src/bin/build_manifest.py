#!/usr/bin/env python3
"""Assemble manifest.jsonl from the generator's per-document records (Python standard library only)."""
import json, sys, glob, os

ORDER = ["file", "ground_truth", "document_type", "kind", "pages", "nhs_number", "date_of_birth",
         "nhs_as_printed", "dob_as_printed", "nhs_label_as_printed", "dob_label_as_printed",
         "degradations", "difficulty", "rotation_clockwise_deg", "image_rotation_clockwise_deg", "pdf_rotate",
         "skew_deg_clockwise", "format", "page_encoding", "colour", "jpeg_quality", "dpi", "dpi_xy", "paper_size",
         "fonts", "fonts_per_page", "overlay_text_not_in_gt", "distractors", "layout", "scenario",
         "tiff_byte_order", "raw_pixel_sha256"]

def main(d):
    recs = []
    for mf in sorted(glob.glob(os.path.join(d, "build", "doc*.meta.json"))):
        with open(mf, encoding="utf-8") as f:
            m = json.load(f)
        o = {k: m[k] for k in ORDER if k in m}
        for k in sorted(m):
            if k not in o:
                o[k] = m[k]
        recs.append(o)
    with open(os.path.join(d, "manifest.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for o in recs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(f"manifest.jsonl: {len(recs)} records")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
