#!/usr/bin/env python3
"""Pick the labelling-check sample (3 per rule, seeded) and write texts only, no labels."""
import json, os, random
HERE = os.path.dirname(os.path.abspath(__file__))
L = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
rng = random.Random(777)
by = {}
for r in L:
    by.setdefault(r["rule"], []).append(r)
pick = []
for k in sorted(by):
    pick += rng.sample(by[k], 3)
rng.shuffle(pick)
with open(os.path.join(HERE, "check_sample.txt"), "w", encoding="utf-8") as fh:
    for r in pick:
        fh.write("##### %s\n%s\n\n" % (r["id"], r["text"]))
print(len(pick))
