#!/usr/bin/env python3
"""Structural checks for set 3 (letters.jsonl, letters_meta.jsonl).  Exit 1 on any failure.

Checks: keys and types; labels within the spec's vocabulary; rule id in the spec's Rules
table and consistent with (urgency, pathway); unique ids; every NHS number in the text is
in the 999 range with a valid modulus-11 check digit (and each letter has one); age and
ocr types; word counts 20-600; coverage (every rule, >= 12 styles, >= 320 letters); meta
file aligned and its facts re-derive the stored rule under every reading (engine.py).
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))

# The spec's Rules table, copied independently of the generator.
SPEC_RULES = {
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"),
    "A3": ("advice_and_guidance", "lower_gi"), "D": ("routine", "general_gi"),
}
URG = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATH = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
KEYS = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age", "ocr"]
NHS_RE = re.compile(r"(?<!\d)(9\s?9\s?9[ -]?\d{3}[ -]?\d{4})(?!\d)")


def nhs_ok(num):
    d = [int(ch) for ch in num]
    if len(d) != 10 or d[:3] != [9, 9, 9]:
        return False
    s = sum(v * (10 - i) for i, v in enumerate(d[:9]))
    chk = 11 - s % 11
    if chk == 11:
        chk = 0
    return chk != 10 and chk == d[9]


def main():
    errs = []
    path = os.path.join(HERE, "letters.jsonl")
    letters = [json.loads(l) for l in open(path, encoding="utf-8")]
    ids = Counter(L.get("id") for L in letters)
    for i, n in ids.items():
        if n > 1:
            errs.append(f"duplicate id {i}")
    for L in letters:
        lid = L.get("id", "?")
        if list(L.keys()) != KEYS:
            errs.append(f"{lid}: keys {list(L.keys())}")
            continue
        if not re.fullmatch(r"r3-\d{4}", lid):
            errs.append(f"{lid}: bad id")
        if L["urgency"] not in URG:
            errs.append(f"{lid}: urgency {L['urgency']}")
        if L["pathway"] not in PATH:
            errs.append(f"{lid}: pathway {L['pathway']}")
        if L["rule"] not in SPEC_RULES:
            errs.append(f"{lid}: rule {L['rule']}")
        elif SPEC_RULES[L["rule"]] != (L["urgency"], L["pathway"]):
            errs.append(f"{lid}: rule {L['rule']} inconsistent with {L['urgency']}/{L['pathway']}")
        if L["gp_priority"] is not None and L["gp_priority"] not in URG:
            errs.append(f"{lid}: gp_priority {L['gp_priority']}")
        if not isinstance(L["age"], int) or isinstance(L["age"], bool) or not 16 <= L["age"] <= 105:
            errs.append(f"{lid}: age {L['age']}")
        if not isinstance(L["ocr"], bool):
            errs.append(f"{lid}: ocr {L['ocr']}")
        if not isinstance(L["style"], str) or not L["style"]:
            errs.append(f"{lid}: style")
        t = L["text"]
        nw = len(t.split())
        if not 20 <= nw <= 600:
            errs.append(f"{lid}: {nw} words")
        found = [re.sub(r"\D", "", m) for m in NHS_RE.findall(t)]
        if not found:
            errs.append(f"{lid}: no NHS number in text")
        for n in found:
            if not nhs_ok(n):
                errs.append(f"{lid}: NHS number {n} fails modulus 11")
    rules = Counter(L["rule"] for L in letters)
    for r in SPEC_RULES:
        if rules[r] == 0:
            errs.append(f"rule {r} not covered")
    styles = Counter(L["style"] for L in letters)
    if len(styles) < 12:
        errs.append(f"only {len(styles)} styles")
    if len(letters) < 320:
        errs.append(f"only {len(letters)} letters")
    # meta file
    mpath = os.path.join(HERE, "letters_meta.jsonl")
    if os.path.exists(mpath):
        sys.path.insert(0, HERE)
        import datetime
        from engine import all_readings
        metas = [json.loads(l) for l in open(mpath, encoding="utf-8")]
        if [m["id"] for m in metas] != [L["id"] for L in letters]:
            errs.append("meta ids do not line up with letters")
        for m, L in zip(metas, letters):
            f = dict(m["facts"])
            for k in ("dob", "date"):
                f[k] = datetime.date.fromisoformat(f[k])
            got = all_readings(f)
            if got != {L["rule"]}:
                errs.append(f"{L['id']}: meta facts give {sorted(got)}, letter says {L['rule']}")
            if f["age"] != L["age"]:
                errs.append(f"{L['id']}: meta age differs")
            if m["person"]["nhs"] not in re.sub(r"[ -]", "", L["text"]):
                errs.append(f"{L['id']}: patient NHS number not in text")
    else:
        errs.append("letters_meta.jsonl missing")
    if errs:
        print(f"FAIL: {len(errs)} problem(s)")
        for e in errs[:50]:
            print("  " + e)
        sys.exit(1)
    print(f"OK: {len(letters)} letters, {len(rules)} rules, {len(styles)} styles")


if __name__ == "__main__":
    main()
