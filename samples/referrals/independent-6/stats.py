#!/usr/bin/env python3
"""Print the count tables used in README.md (markdown)."""
import collections
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
L = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
M = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
U = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
P = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
R = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3", "O4",
     "O5", "A1", "O6", "A2", "A3", "D"]
n = len(L)


def table(title, keys, counter):
    print("| %s | letters | share |" % title)
    print("| --- | ---: | ---: |")
    for k in keys:
        print("| %s | %d | %.1f%% |" % (k, counter[k], 100.0 * counter[k] / n))
    print()


table("urgency", U, collections.Counter(l["urgency"] for l in L))
table("pathway", P, collections.Counter(l["pathway"] for l in L))
rc = collections.Counter(l["rule"] for l in L)
table("rule", R, rc)
sc = collections.Counter(l["style"] for l in L)
oc = collections.Counter(l["style"] for l in L if l["ocr"])
print("| layout | letters | with scanning noise |")
print("| --- | ---: | ---: |")
for s, c in sorted(sc.items(), key=lambda x: (-x[1], x[0])):
    print("| %s | %d | %d |" % (s, c, oc[s]))
print()
print("GP priority (rows) vs label urgency (columns)")
print()
print("| GP asked for | " + " | ".join(U) + " | total |")
print("| --- |" + " ---: |" * (len(U) + 1))
gp = collections.Counter((l["gp_priority"], l["urgency"]) for l in L)
for g in U + [None]:
    row = [gp[(g, u)] for u in U]
    print("| %s | %s | %d |" % (g if g else "(not stated)", " | ".join(map(str, row)), sum(row)))
print()
lvl = {u: i for i, u in enumerate(reversed(U))}
stated = [l for l in L if l["gp_priority"]]
agree = sum(1 for l in stated if l["gp_priority"] == l["urgency"])
higher = sum(1 for l in stated if lvl[l["gp_priority"]] > lvl[l["urgency"]])
lower = sum(1 for l in stated if lvl[l["gp_priority"]] < lvl[l["urgency"]])
print("stated %d: same %d, GP higher %d, GP lower %d; not stated %d" % (len(stated), agree, higher, lower, n - len(stated)))
high = sum(1 for l in L if l["urgency"] in U[:2])
print("high risk %d (%.1f%%), low risk %d (%.1f%%)" % (high, 100.0 * high / n, n - high, 100.0 * (n - high) / n))
print("scanning noise %d (%.1f%%)" % (sum(l["ocr"] for l in L), 100.0 * sum(l["ocr"] for l in L) / n))
ages = sorted(l["age"] for l in L)
print("age range %d-%d, median %d" % (ages[0], ages[-1], ages[n // 2]))
wc = sorted(len(l["text"].split()) for l in L)
print("words per letter %d-%d, median %d" % (wc[0], wc[-1], wc[n // 2]))
traps = collections.Counter(t for m in M.values() for t in m["details"].get("trap", []))
dist = collections.Counter(d["type"] for m in M.values() for d in m["distractors"])
print("letters with a recorded trap: %d" % sum(1 for m in M.values() if m["details"].get("trap")))
print("distractor mentions:", dict(dist))
for t, c in traps.most_common():
    print("  %3d  %s" % (c, t))
