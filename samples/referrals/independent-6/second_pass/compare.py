#!/usr/bin/env python3
"""Compare the blind second-pass labels (relabels.txt) with the stored labels."""
import collections
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = {"U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
        "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
        "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
        "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
        "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
        "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
        "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"),
        "A1": ("advice_and_guidance", "general_gi"), "O6": ("routine", "general_gi"),
        "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
        "D": ("routine", "general_gi")}
stored = {}
for line in open(os.path.join(HERE, "..", "letters.jsonl"), encoding="utf-8"):
    r = json.loads(line)
    stored[r["id"]] = r
def read(name):
    out = []
    for line in open(os.path.join(HERE, name), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split()
        out.append((parts[0], parts[1]))
    return out


for name in ("relabels.txt", "supplement_relabels.txt"):
  mine = read(name)
  n = len(mine)
  print("== %s" % name)
  rule_ok = sum(1 for i, r in mine if stored[i]["rule"] == r)
  urg_ok = sum(1 for i, r in mine if stored[i]["urgency"] == SPEC[r][0])
  path_ok = sum(1 for i, r in mine if stored[i]["pathway"] == SPEC[r][1])
  both_ok = sum(1 for i, r in mine if (stored[i]["urgency"], stored[i]["pathway"]) == SPEC[r])
  print("second-pass letters: %d" % n)
  print("rule agreement:     %d/%d" % (rule_ok, n))
  print("urgency agreement:  %d/%d" % (urg_ok, n))
  print("pathway agreement:  %d/%d" % (path_ok, n))
  print("both labels agree:  %d/%d" % (both_ok, n))
  print("rules in sample:", dict(sorted(collections.Counter(stored[i]["rule"] for i, _ in mine).items())))
  print("styles in sample: %d" % len({stored[i]["style"] for i, _ in mine}))
  print("scanning noise in sample: %d" % sum(1 for i, _ in mine if stored[i]["ocr"]))
  for i, r in mine:
      if stored[i]["rule"] != r:
          print("DISAGREE", i, "second pass", r, "stored", stored[i]["rule"])
