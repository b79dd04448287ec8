#!/usr/bin/env python3
"""Independent re-check of letters22: re-derives every label from letters_meta.jsonl facts with its own
reading of referral-triage-spec.md (does NOT import make_set.py), and checks the set's structure."""
import datetime
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCY = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAY = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = [  # id, urgency, pathway
    ("U1", 0, "upper_gi"), ("U2", 0, "lower_gi"), ("U3", 0, "lower_gi"), ("U4", 0, "lower_gi"), ("U5", 0, "upper_gi"),
    ("U6", 0, "lower_gi"), ("U7", 0, "hepatology"), ("U8", 0, "lower_gi"), ("R1", 1, "ibd"), ("R2", 1, "hepatology"),
    ("R3", 1, "upper_gi"), ("O1", 2, "upper_gi"), ("O2", 2, "ibd"), ("O3", 3, "ibd"), ("O4", 2, "general_gi"),
    ("O5", 2, "hepatology"), ("A1", 3, "general_gi"), ("O6", 2, "general_gi"), ("A2", 3, "upper_gi"),
    ("A3", 3, "lower_gi"), ("D", 2, "general_gi")]
SYMPTOM_FACTS = {"dysphagia", "rectal_mass", "anal_mass", "abdo_mass", "weight_loss", "upper_abdo_pain", "abdo_pain",
                 "dyspepsia", "reflux", "jaundice", "rectal_bleeding", "cibh", "bloody_diarrhoea", "haematemesis",
                 "bloating", "tres_dyspepsia", "cirrhosis_decomp"}


def matches(rid, F):
    age, sym, val = F["age"], set(F["sym"]), F["vals"]
    has = sym.__contains__
    fit, cal, alt = val.get("fit"), val.get("calpro"), val.get("alt")
    hb, fer = val.get("hb"), val.get("ferritin")
    anaemic = hb is not None and hb < {"M": 130, "F": 120}[F["sex"]]
    iron_def = fer is not None and fer < 30
    abdo_pain = has("abdo_pain") or has("upper_abdo_pain")
    dysp = has("dyspepsia") or has("tres_dyspepsia")
    if rid == "U1": return has("dysphagia")
    if rid == "U2": return has("rectal_mass") or has("anal_mass")
    if rid == "U3": return fit is not None and fit >= 10
    if rid == "U4": return anaemic and iron_def
    if rid == "U5": return age >= 55 and has("weight_loss") and (has("upper_abdo_pain") or has("reflux") or dysp)
    if rid == "U6": return has("abdo_mass")
    if rid == "U7": return age >= 40 and has("jaundice")
    if rid == "U8":
        return fit is None and any([age >= 50 and has("rectal_bleeding"), age >= 40 and has("weight_loss") and abdo_pain,
                                    age >= 60 and has("cibh")])
    if rid == "R1": return has("bloody_diarrhoea") or (cal is not None and cal >= 250)
    if rid == "R2": return has("cirrhosis_decomp") or (alt is not None and alt >= 300)
    if rid == "R3": return has("haematemesis")
    if rid == "O1": return age >= 55 and has("tres_dyspepsia")
    if rid == "O2": return cal is not None and 100 <= cal < 250
    if rid == "O3": return has("ibd_stable_q")
    if rid == "O4": return has("coeliac_pos")
    if rid == "O5": return (alt is not None and 40 <= alt < 300) or has("fatty_liver")
    if rid == "A1":
        others = sym - {"abdo_pain", "upper_abdo_pain", "bloating", "cibh"}
        low_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
        return age < 50 and (abdo_pain or has("bloating") or has("cibh")) and low_test and not others \
            and not anaemic and not iron_def
    if rid == "O6": return (has("rectal_bleeding") or has("cibh") or abdo_pain) and fit is not None and fit < 10
    if rid == "A2": return age < 55 and (dysp or has("reflux"))
    if rid == "A3": return has("fh_crc") and not (sym & SYMPTOM_FACTS)
    return rid == "D"


def label(F):
    for rid, u, p in TABLE:
        if matches(rid, F):
            return rid, URGENCY[u], p


def main():
    L = [json.loads(x) for x in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    M = {m["id"]: m for m in (json.loads(x) for x in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errs = []
    if len(L) != 300: errs.append("expected 300 letters, got %d" % len(L))
    if len({x["id"] for x in L}) != len(L): errs.append("duplicate ids")
    disagree = 0
    for x in L:
        m = M.get(x["id"])
        if m is None:
            errs.append("%s: no meta" % x["id"]); continue
        F = m["facts"]
        rid, u, p = label(F)
        if (rid, u, p) != (x["rule"], x["urgency"], x["pathway"]):
            errs.append("%s: label %s/%s/%s but facts give %s/%s/%s" % (x["id"], x["rule"], x["urgency"], x["pathway"], rid, u, p))
        if x["urgency"] not in URGENCY or x["pathway"] not in PATHWAY: errs.append("%s: bad label spelling" % x["id"])
        if not (18 <= x["age"] <= 95) or x["age"] != F["age"]: errs.append("%s: age" % x["id"])
        # age from DOB against letter date
        dob = datetime.date.fromisoformat(m["dob"]); ld = datetime.date.fromisoformat(m["letter_date"])
        a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if a != F["age"]: errs.append("%s: DOB gives age %d, facts %d" % (x["id"], a, F["age"]))
        t = x["text"]
        for k, xs in m["evidence"].items():
            for s in xs:
                if s not in t: errs.append("%s: evidence for %s not in text: %r" % (x["id"], k, s))
        for k in list(F["sym"]) + list(F["vals"]):
            if k not in m["evidence"] and not any(d["fact"] == k and d["kind"] == "normal value" for d in m["distractors"]):
                errs.append("%s: fact %s has no evidence string" % (x["id"], k))
        if "age" not in m["evidence"]: errs.append("%s: no age evidence" % x["id"])
        for d in m["distractors"]:
            if d["text"] not in t: errs.append("%s: distractor not in text: %r" % (x["id"], d["text"]))
            if d["kind"] != "normal value" and d["fact"] in F["sym"]:
                errs.append("%s: distractor fact %s is also positive" % (x["id"], d["fact"]))
        if m["requested_urgency"] is not None and m["requested_urgency"] != x["urgency"]: disagree += 1
    def cnt(key):
        d = {}
        for x in L: d[x[key]] = d.get(x[key], 0) + 1
        return d
    cu, cp, cs = cnt("urgency"), cnt("pathway"), cnt("style")
    for u in URGENCY:
        if cu.get(u, 0) < 25: errs.append("urgency %s has %d < 25 letters" % (u, cu.get(u, 0)))
    for p in PATHWAY:
        if not cp.get(p): errs.append("pathway %s absent" % p)
    if len(cs) < 30: errs.append("only %d styles" % len(cs))
    if not (0.4 <= disagree / len(L) <= 0.6): errs.append("requested priority disagrees in %d letters" % disagree)
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
    if sha not in readme: errs.append("README sha256 does not match letters.jsonl")
    print("letters: %d  styles: %d  priority disagreements: %d  sha256: %s" % (len(L), len(cs), disagree, sha))
    print("urgency:", cu)
    print("pathway:", cp)
    if errs:
        print("FAIL: %d problems" % len(errs))
        for e in errs[:50]: print("  " + e)
        sys.exit(1)
    print("OK: all 300 labels re-derived from meta facts agree; all evidence/distractor strings found in text")


if __name__ == "__main__":
    main()
