#!/usr/bin/env python3
"""Independent re-check of letters27 labels from letters_meta.jsonl (does NOT import make_set.py).
Re-derives anaemia/iron deficiency/FIT from the raw values and units, applies the spec's rules in
order, and checks evidence strings, distractors, ages, counts and mix requirements."""
import collections
import datetime
import json
import os
import sys

D = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = {"U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
         "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
         "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
         "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
         "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
         "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
         "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
         "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"),
         "A3": ("advice_and_guidance", "lower_gi"), "D": ("routine", "general_gi")}


def fit_value(raw):
    if raw is None:
        return None
    raw = str(raw).strip().lower()
    if raw in ("negative", "undetectable") or raw.startswith("<"):
        lim = float(raw[1:]) if raw.startswith("<") else 10
        assert lim <= 10, raw
        return -1.0  # below 10
    return float(raw)


def hb_gl(h):
    if h is None:
        return None
    return h["value"] * 10 if h["unit"].lower() == "g/dl" else h["value"]


def decide(F):
    has = lambda k: bool(F.get(k))
    age, male = F["age"], F["sex"] == "M"
    hb = hb_gl(F.get("hb"))
    fer = F.get("ferritin")
    fit = fit_value(F.get("fit"))
    cal, alt = F.get("calpro"), F.get("alt")
    anaemic = hb is not None and (hb < 130 if male else hb < 120)
    ironlow = fer is not None and fer < 30
    if has("dysphagia"):
        return "U1"
    if any(has(k) for k in ("rectal_mass", "anal_mass", "anal_ulcer")):
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemic and ironlow:
        return "U4"
    if age >= 55 and has("weight_loss") and any(has(k) for k in ("upper_abdo_pain", "reflux", "dyspepsia")):
        return "U5"
    if has("abdominal_mass"):
        return "U6"
    if age >= 40 and has("jaundice"):
        return "U7"
    if fit is None:
        if age >= 50 and has("rectal_bleeding"):
            return "U8"
        if age >= 40 and has("weight_loss") and (has("abdominal_pain") or has("upper_abdo_pain")):
            return "U8"
        if age >= 60 and has("cibh"):
            return "U8"
    if has("bloody_diarrhoea") or (cal is not None and cal >= 250):
        return "R1"
    if (has("cirrhosis") and (has("ascites") or has("confusion"))) or (alt is not None and alt >= 300):
        return "R2"
    if has("haematemesis"):
        return "R3"
    if age >= 55 and has("dyspepsia") and F.get("ppi_weeks", 0) >= 4:
        return "O1"
    if cal is not None and 100 <= cal < 250:
        return "O2"
    if has("ibd_stable_question"):
        return "O3"
    if has("ttg_raised"):
        return "O4"
    if (alt is not None and 40 <= alt < 300) or has("fatty_liver"):
        return "O5"
    low_marker = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    others = [k for k in ("rectal_bleeding", "weight_loss", "dyspepsia", "reflux", "upper_abdo_pain", "jaundice",
                          "haematemesis", "cirrhosis") if has(k)]
    if anaemic or ironlow:
        others.append("blood")
    if age < 50 and any(has(k) for k in ("abdominal_pain", "bloating", "cibh")) and low_marker and not others:
        return "A1"
    if any(has(k) for k in ("rectal_bleeding", "cibh", "abdominal_pain")) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (has("dyspepsia") or has("reflux")):
        return "A2"
    if has("fh_crc") and has("asymptomatic"):
        return "A3"
    return "D"


def main():
    L = [json.loads(x) for x in open(os.path.join(D, "letters.jsonl"), encoding="utf-8")]
    M = {m["id"]: m for m in (json.loads(x) for x in open(os.path.join(D, "letters_meta.jsonl"), encoding="utf-8"))}
    errs = []
    near = turn = disagree = 0
    for x in L:
        m = M[x["id"]]
        F = dict(m["facts"])
        rule = decide(F)
        if rule != x["rule"]:
            errs.append("%s rule %s != %s" % (x["id"], rule, x["rule"]))
        if TABLE[rule] != (x["urgency"], x["pathway"]):
            errs.append("%s labels %s/%s != %s" % (x["id"], x["urgency"], x["pathway"], TABLE[rule]))
        if not 18 <= x["age"] <= 95 or x["age"] != F["age"]:
            errs.append("%s age" % x["id"])
        if m["dob"]:
            dob = datetime.date.fromisoformat(m["dob"])
            ld = datetime.date.fromisoformat(m["letter_date"])
            a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
            if a != x["age"]:
                errs.append("%s dob age %d" % (x["id"], a))
        for k, evs in m["positive_evidence"].items():
            for e in evs:
                if e not in x["text"]:
                    errs.append("%s evidence missing %r" % (x["id"], e))
        for k in F:
            if k not in ("age", "sex") and not m["positive_evidence"].get(k):
                errs.append("%s fact %s has no evidence" % (x["id"], k))
        t = False
        for d in m["distractors"]:
            if d["text"] not in x["text"]:
                errs.append("%s distractor missing %r" % (x["id"], d["text"]))
            G = dict(F)
            for k, v in d["would_count_as"].items():
                if k == "hb_gl":
                    G["hb"] = {"value": v, "unit": "g/L"}
                else:
                    G[k] = v
            if decide(G) != rule:
                t = True
        if t != m["turns_on_assertion"]:
            errs.append("%s turns_on_assertion mismatch" % x["id"])
        turn += t
        near += bool(m["near_line"])
        disagree += bool(m["gp_disagrees"])
    cu = collections.Counter(x["urgency"] for x in L)
    cp = collections.Counter(x["pathway"] for x in L)
    cs = collections.Counter(x["style"] for x in L)
    if len(L) != 300 or len({x["id"] for x in L}) != 300:
        errs.append("count/ids")
    for u in URG:
        if cu[u] < 25:
            errs.append("urgency %s < 25" % u)
    for p in PATHS:
        if cp[p] == 0:
            errs.append("pathway %s missing" % p)
    if len(cs) != 20 or set(cs.values()) != {15}:
        errs.append("styles not 20x15")
    if near < 60:
        errs.append("near-line %d < 60" % near)
    if turn < 80:
        errs.append("assertion-turning %d < 80" % turn)
    if not 120 <= disagree <= 180:
        errs.append("gp disagreement %d not about half" % disagree)
    print("letters", len(L), "urgency", dict(cu))
    print("pathway", dict(cp))
    print("rule", dict(sorted(collections.Counter(x["rule"] for x in L).items())))
    print("near_line", near, "turns_on_assertion", turn, "gp_disagrees", disagree)
    print("ERRORS %d" % len(errs))
    for e in errs[:50]:
        print("  ", e)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
