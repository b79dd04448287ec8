#!/usr/bin/env python3
"""Draw the blind second-pass sample: 60 letter ids chosen by a fixed hash,
written out as text only (no labels, rule, style or priority fields)."""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
letters = [json.loads(l) for l in open(os.path.join(HERE, "..", "letters.jsonl"), encoding="utf-8")]
ids = sorted((l["id"] for l in letters),
             key=lambda i: hashlib.sha256(("second-pass|" + i).encode()).hexdigest())[:60]
ids.sort()
by = {l["id"]: l for l in letters}
with open(os.path.join(HERE, "sample_texts.txt"), "w", encoding="utf-8") as fh:
    for i in ids:
        fh.write("#" * 30 + " " + i + "\n" + by[i]["text"] + "\n")
print(len(ids), "letters written to sample_texts.txt")
