#!/usr/bin/env python3
"""Draw the stratified supplement for the second pass: one letter per rule
(not already in the random sample), chosen by a fixed hash, shuffled, and
written out as text only.  The reader knows the 21 letters cover the 21
rules but not which letter is which."""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
letters = [json.loads(l) for l in open(os.path.join(HERE, "..", "letters.jsonl"), encoding="utf-8")]
h = lambda tag, i: hashlib.sha256((tag + "|" + i).encode()).hexdigest()
first = set(sorted((l["id"] for l in letters), key=lambda i: h("second-pass", i))[:60])
pick = {}
for l in sorted(letters, key=lambda l: h("supplement", l["id"])):
    if l["id"] in first or l["rule"] in pick:
        continue
    pick[l["rule"]] = l
chosen = sorted(pick.values(), key=lambda l: h("supplement-order", l["id"]))
with open(os.path.join(HERE, "supplement_texts.txt"), "w", encoding="utf-8") as fh:
    for l in chosen:
        fh.write("#" * 30 + " " + l["id"] + "\n" + l["text"] + "\n")
print(len(chosen), "letters written to supplement_texts.txt")
