#!/usr/bin/env python3
"""Compare the manual re-labels (check_labels_manual.tsv) with the stored labels."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
L = {json.loads(l)["id"]: json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")}
import importlib.util
spec = importlib.util.spec_from_file_location("m", os.path.join(HERE, "validate_set.py"))
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
n = agree = 0
for line in open(os.path.join(HERE, "check_labels_manual.tsv"), encoding="utf-8").read().splitlines()[1:]:
    i, rule, note = line.split("\t")
    r = L[i]
    n += 1
    mine = m.RULES[rule]
    same = mine == (r["urgency"], r["pathway"])
    agree += same
    if not same or rule != r["rule"]:
        print("DISAGREE %s mine=%s %s stored=%s %s/%s  (%s)" % (i, rule, mine, r["rule"], r["urgency"], r["pathway"], note))
print("%d re-labelled, %d agree on urgency+pathway" % (n, agree))
