#!/usr/bin/env python3
"""Structural checks for letters-7. Exit 1 on any failure. Standard library only."""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age", "ocr"]
URG = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATH = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
SPEC = {  # rule -> (urgency, pathway), copied from the spec table
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


def nhs_ok(n):
    if not re.fullmatch(r"999\d{7}", n):
        return False
    s = sum(int(d) * w for d, w in zip(n[:9], range(10, 1, -1)))
    c = (11 - s % 11) % 11
    return c != 10 and c == int(n[9])


def rederive(f):
    """Independent re-implementation of the spec order."""
    g = lambda k: f.get(k)
    age = f["age"]
    hb_cut = 130 if f["sex"] == "M" else 120
    anaemia = g("hb") is not None and g("hb") < hb_cut
    irondef = g("ferritin") is not None and g("ferritin") < 30
    fit, cal, alt = g("fit"), g("calpro"), g("alt")
    pain = g("abdo_pain") or g("upper_pain")
    upper = g("upper_pain") or g("reflux") or g("dyspepsia")
    checks = [
        ("U1", g("dysphagia")),
        ("U2", g("rectal_mass") or g("anal_mass") or g("anal_ulcer")),
        ("U3", fit is not None and fit >= 10),
        ("U4", anaemia and irondef),
        ("U5", age >= 55 and g("weight_loss") and upper),
        ("U6", g("abdo_mass")),
        ("U7", age >= 40 and g("jaundice")),
        ("U8", fit is None and ((age >= 50 and g("rectal_bleeding")) or
                                (age >= 40 and g("weight_loss") and pain) or
                                (age >= 60 and g("cibh")))),
        ("R1", g("bloody_diarrhoea") or (cal is not None and cal >= 250)),
        ("R2", (g("cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300)),
        ("R3", g("haematemesis")),
        ("O1", age >= 55 and g("dyspepsia") and g("ppi_fail")),
        ("O2", cal is not None and 100 <= cal <= 249),
        ("O3", g("ibd_stable_q")),
        ("O4", g("ttg_raised")),
        ("O5", (alt is not None and 40 <= alt <= 299) or g("fatty_liver")),
    ]
    for r, c in checks:
        if c:
            return r
    other = any([anaemia, irondef, g("weight_loss"), g("reflux"), g("dyspepsia"), g("jaundice"),
                 g("rectal_bleeding"), g("bloody_diarrhoea"), g("cirrhosis"), g("haematemesis"),
                 alt is not None and alt >= 40])
    lowtest = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and (pain or g("bloating") or g("cibh")) and lowtest and not other:
        return "A1"
    if (g("rectal_bleeding") or g("cibh") or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (g("dyspepsia") or g("reflux")):
        return "A2"
    sympt = any([pain, g("bloating"), g("cibh"), g("rectal_bleeding"), g("weight_loss"),
                 g("dyspepsia"), g("reflux"), g("jaundice"), g("haematemesis"),
                 g("bloody_diarrhoea"), g("other_symptom")])
    if g("fh_crc") and not sympt:
        return "A3"
    return "D"


def main():
    errs = []
    recs = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    if len(recs) < 320:
        errs.append("only %d letters" % len(recs))
    ids = [r["id"] for r in recs]
    if len(set(ids)) != len(ids):
        errs.append("duplicate ids")
    rules = collections.Counter()
    for i, r in enumerate(recs, 1):
        rid = r.get("id")
        if list(r) != KEYS:
            errs.append("%s keys %s" % (rid, list(r)))
            continue
        if rid != "L7-%04d" % i:
            errs.append("%s id out of sequence" % rid)
        if r["urgency"] not in URG or r["pathway"] not in PATH:
            errs.append("%s bad label" % rid)
        if SPEC.get(r["rule"]) != (r["urgency"], r["pathway"]):
            errs.append("%s rule/label mismatch" % rid)
        if r["gp_priority"] is not None and r["gp_priority"] not in URG:
            errs.append("%s bad gp_priority" % rid)
        if not isinstance(r["age"], int) or not isinstance(r["ocr"], bool):
            errs.append("%s bad age/ocr type" % rid)
        nw = len(r["text"].split())
        if not 20 <= nw <= 700:
            errs.append("%s word count %d" % (rid, nw))
        m = metas.get(rid)
        if m is None:
            errs.append("%s no meta" % rid)
            continue
        if not nhs_ok(m["nhs_number"]):
            errs.append("%s bad NHS number" % rid)
        digits = re.sub(r"\D", "", r["text"])
        if m["nhs_number"] not in digits:
            errs.append("%s NHS number not in text" % rid)
        if m["facts"]["age"] != r["age"]:
            errs.append("%s age mismatch" % rid)
        d = rederive(m["facts"])
        if d != r["rule"] or m["rule"] != r["rule"]:
            errs.append("%s facts derive %s, stored %s" % (rid, d, r["rule"]))
        rules[r["rule"]] += 1
    for r in SPEC:
        if rules[r] < 8:
            errs.append("rule %s has %d letters (<8)" % (r, rules[r]))
    styles = {r["style"] for r in recs}
    if len(styles) < 14:
        errs.append("only %d styles" % len(styles))
    hi = sum(r["urgency"] in ("urgent_suspected_cancer", "urgent") for r in recs) / len(recs)
    if not 0.40 <= hi <= 0.50:
        errs.append("high-risk share %.2f" % hi)
    for e in errs:
        print("FAIL", e)
    print("%d letters, %d styles, high-risk %.1f%%, %d errors" % (len(recs), len(styles), 100 * hi, len(errs)))
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
