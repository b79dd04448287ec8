#!/usr/bin/env python3
"""Structural checks for letters-5 (standard library only).  Exit 1 on any failure.

    python3 validate_set.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCY = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATHWAY = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
# the spec's Rules table: id -> (urgency, pathway)
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
    d = [int(c) for c in n]
    if len(d) != 10 or n[:3] != "999":
        return False
    c = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def main():
    errs = []
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    ids = set()
    styles = set()
    for x in letters:
        i = x.get("id")
        if list(x.keys()) != KEYS:
            errs.append("%s: keys %s" % (i, list(x.keys())))
        if not re.fullmatch(r"r5-\d{4}", str(i)):
            errs.append("%s: bad id" % i)
        if i in ids:
            errs.append("%s: duplicate id" % i)
        ids.add(i)
        if x["urgency"] not in URGENCY:
            errs.append("%s: urgency %s" % (i, x["urgency"]))
        if x["pathway"] not in PATHWAY:
            errs.append("%s: pathway %s" % (i, x["pathway"]))
        if x["rule"] not in RULES or RULES[x["rule"]] != (x["urgency"], x["pathway"]):
            errs.append("%s: rule %s inconsistent with labels" % (i, x["rule"]))
        if x["gp_priority"] is not None and x["gp_priority"] not in URGENCY:
            errs.append("%s: gp_priority %s" % (i, x["gp_priority"]))
        if not isinstance(x["age"], int) or isinstance(x["age"], bool) or not 0 < x["age"] < 110:
            errs.append("%s: age" % i)
        if not isinstance(x["ocr"], bool):
            errs.append("%s: ocr" % i)
        if not isinstance(x["text"], str) or not 20 <= len(x["text"].split()) <= 600:
            errs.append("%s: text length" % i)
        styles.add(x["style"])
        # NHS numbers: every 999-number in the text must pass modulus 11, and one must be present
        found = re.findall(r"(?<!\d)(999)[ -]?(\d{3})[ -]?(\d{4})(?!\d)", x["text"])
        if not found:
            errs.append("%s: no NHS number found" % i)
        for g in found:
            if not nhs_ok("".join(g)):
                errs.append("%s: NHS number %s fails modulus 11" % (i, "".join(g)))
    if len(letters) < 320:
        errs.append("only %d letters" % len(letters))
    if len(styles) < 12:
        errs.append("only %d styles" % len(styles))
    if set(r for r in RULES) - set(x["rule"] for x in letters):
        errs.append("rules not covered: %s" % sorted(set(RULES) - set(x["rule"] for x in letters)))
    mids = [m["id"] for m in metas]
    if mids != [x["id"] for x in letters]:
        errs.append("meta ids do not line up with letters")
    for m, x in zip(metas, letters):
        if m["rule"] != x["rule"] or m["facts"]["age"] != x["age"] or not nhs_ok(m["patient"]["nhs"]):
            errs.append("%s: meta mismatch" % x["id"])
    # optional deeper check: recompute the rule from the stored facts with the generator's labeller
    try:
        sys.path.insert(0, HERE)
        import make_set
        for m in metas:
            if make_set.label(m["facts"]) != m["rule"]:
                errs.append("%s: facts give %s" % (m["id"], make_set.label(m["facts"])))
    except ImportError:
        pass
    for e in errs:
        print("FAIL", e)
    print("%d letters, %d styles, %d problems" % (len(letters), len(styles), len(errs)))
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
