#!/usr/bin/env python3
"""Structural checks for letters.jsonl (set 4). Standard library only. Exit 1 on any failure."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATH = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
RULES = {
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"),
    "A1": ("advice_and_guidance", "general_gi"), "O6": ("routine", "general_gi"),
    "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}
KEYS = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age", "ocr"]


def nhs_ok(n):
    if len(n) != 10 or not n.isdigit() or not n.startswith("999"):
        return False
    s = sum(int(d) * w for d, w in zip(n[:9], range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def main():
    errs = []
    ids = set()
    n = 0
    styles = set()
    rules_seen = set()
    meta_ids = []
    with open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            try:
                r = json.loads(line)
            except ValueError as e:
                errs.append("line %d: bad JSON %s" % (ln, e))
                continue
            n += 1
            if list(r.keys()) != KEYS:
                errs.append("line %d: keys %s" % (ln, list(r.keys())))
                continue
            i = r["id"]
            if not re.fullmatch(r"r4-\d{4}", i):
                errs.append("%s: bad id" % i)
            if i in ids:
                errs.append("%s: duplicate id" % i)
            ids.add(i)
            if r["urgency"] not in URG:
                errs.append("%s: urgency %r" % (i, r["urgency"]))
            if r["pathway"] not in PATH:
                errs.append("%s: pathway %r" % (i, r["pathway"]))
            if r["rule"] not in RULES:
                errs.append("%s: rule %r" % (i, r["rule"]))
            elif RULES[r["rule"]] != (r["urgency"], r["pathway"]):
                errs.append("%s: rule %s inconsistent with labels" % (i, r["rule"]))
            if r["gp_priority"] is not None and r["gp_priority"] not in URG:
                errs.append("%s: gp_priority %r" % (i, r["gp_priority"]))
            if not isinstance(r["age"], int) or isinstance(r["age"], bool) or not 16 <= r["age"] <= 100:
                errs.append("%s: age %r" % (i, r["age"]))
            if not isinstance(r["ocr"], bool):
                errs.append("%s: ocr not bool" % i)
            if not isinstance(r["style"], str) or not r["style"]:
                errs.append("%s: style" % i)
            styles.add(r["style"])
            rules_seen.add(r["rule"])
            t = r["text"]
            wc = len(t.split())
            if not 20 <= wc <= 600:
                errs.append("%s: %d words" % (i, wc))
            # NHS numbers: 10 digits, optionally grouped 3-3-4 with space or hyphen
            found = re.findall(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)", t)
            nhs = ["".join(g) for g in found if g[0] == "999"]
            if not nhs:
                errs.append("%s: no NHS number found" % i)
            for x in nhs:
                if not nhs_ok(x):
                    errs.append("%s: NHS number %s fails modulus 11" % (i, x))
            if len(set(nhs)) > 1:
                errs.append("%s: more than one NHS number %s" % (i, sorted(set(nhs))))
    with open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            meta_ids.append(json.loads(line)["id"])
    if sorted(meta_ids) != sorted(ids):
        errs.append("letters_meta.jsonl ids do not match letters.jsonl")
    if n < 320:
        errs.append("only %d letters" % n)
    missing = sorted(set(RULES) - rules_seen)
    if missing:
        errs.append("rules not covered: %s" % missing)
    if len(styles) < 12:
        errs.append("only %d styles" % len(styles))
    for e in errs[:50]:
        print("FAIL", e)
    print("%d letters, %d styles, %d rules, %d problems" % (n, len(styles), len(rules_seen), len(errs)))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
