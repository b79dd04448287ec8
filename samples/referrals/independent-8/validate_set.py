#!/usr/bin/env python3
"""Validator for sealed test set 8.

Re-derives every label from the structured facts in letters_meta.jsonl using its own
implementation of the spec (a table of predicates, written separately from make_set.py),
then checks that each letter's text states the facts its label rests on.
Exit status 0 when every check passes.
"""
import collections
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
URG = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
LABEL = {}
for rid, u, p in [("U1", "urgent_suspected_cancer", "upper_gi"), ("U2", "urgent_suspected_cancer", "lower_gi"),
                  ("U3", "urgent_suspected_cancer", "lower_gi"), ("U4", "urgent_suspected_cancer", "lower_gi"),
                  ("U5", "urgent_suspected_cancer", "upper_gi"), ("U6", "urgent_suspected_cancer", "lower_gi"),
                  ("U7", "urgent_suspected_cancer", "hepatology"), ("U8", "urgent_suspected_cancer", "lower_gi"),
                  ("R1", "urgent", "ibd"), ("R2", "urgent", "hepatology"), ("R3", "urgent", "upper_gi"),
                  ("O1", "routine", "upper_gi"), ("O2", "routine", "ibd"), ("O3", "advice_and_guidance", "ibd"),
                  ("O4", "routine", "general_gi"), ("O5", "routine", "hepatology"),
                  ("A1", "advice_and_guidance", "general_gi"), ("O6", "routine", "general_gi"),
                  ("A2", "advice_and_guidance", "upper_gi"), ("A3", "advice_and_guidance", "lower_gi"),
                  ("D", "routine", "general_gi")]:
    LABEL[rid] = (u, p)


class Pt:
    """Derived patient state from meta facts."""

    def __init__(self, m):
        f = m["facts"]
        self.f = f
        self.age = m["age"]
        hb = f["hb"]
        self.anaemia = hb is not None and hb < {"M": 130, "F": 120}[m["sex"]]
        self.irondef = f["ferritin"] is not None and f["ferritin"] < 30
        self.fit = f["fit"]
        self.has_fit = self.fit is not None
        self.calp = f["calprotectin"]
        self.alt = f["alt"]
        self.pain = bool(f["abdo_pain"] or f["upper_abdo_pain"])


def between(x, lo, hi):
    return x is not None and lo <= x <= hi


RULES = [
    ("U1", lambda p: p.f["dysphagia"]),
    ("U2", lambda p: p.f["rectal_mass"] or p.f["anal_mass"] or p.f["anal_ulcer"]),
    ("U3", lambda p: p.has_fit and p.fit >= 10),
    ("U4", lambda p: p.anaemia and p.irondef),
    ("U5", lambda p: p.age >= 55 and p.f["weight_loss"] and any(p.f[k] for k in ("upper_abdo_pain", "reflux", "dyspepsia"))),
    ("U6", lambda p: p.f["abdo_mass"]),
    ("U7", lambda p: p.age >= 40 and p.f["jaundice"]),
    ("U8", lambda p: not p.has_fit and any([p.age >= 50 and p.f["rectal_bleeding"],
                                            p.age >= 40 and p.f["weight_loss"] and p.pain,
                                            p.age >= 60 and p.f["cibh"]])),
    ("R1", lambda p: p.f["bloody_diarrhoea"] or between(p.calp, 250, 10 ** 9)),
    ("R2", lambda p: (p.f["cirrhosis"] and (p.f["ascites"] or p.f["confusion"])) or between(p.alt, 300, 10 ** 9)),
    ("R3", lambda p: p.f["haematemesis"]),
    ("O1", lambda p: p.age >= 55 and p.f["dyspepsia"] and (p.f["ppi_weeks"] or 0) >= 4),
    ("O2", lambda p: between(p.calp, 100, 249)),
    ("O3", lambda p: bool(p.f["known_ibd"]) and p.f["ibd_stable_question"]),
    ("O4", lambda p: p.f["ttg_raised"]),
    ("O5", lambda p: between(p.alt, 40, 299) or p.f["fatty_liver"]),
    # A1: "no other fact above" = none of the facts named in U1..O5 beyond the A1 triggers
    ("A1", lambda p: p.age < 50 and (p.pain or p.f["bloating"] or p.f["cibh"])
        and (between(p.calp, 0, 99) or (p.has_fit and p.fit < 10))
        and not any([p.f["rectal_bleeding"], p.f["weight_loss"], p.anaemia, p.irondef, p.f["jaundice"],
                     p.f["dyspepsia"], p.f["reflux"], p.f["cirrhosis"], p.f["known_ibd"], p.f["haematemesis"]])),
    ("O6", lambda p: (p.f["rectal_bleeding"] or p.f["cibh"] or p.pain) and p.has_fit and p.fit < 10),
    ("A2", lambda p: p.age < 55 and (p.f["dyspepsia"] or p.f["reflux"])),
    ("A3", lambda p: p.f["fh_crc"] and not any([p.pain, p.f["bloating"], p.f["cibh"], p.f["rectal_bleeding"],
                                               p.f["weight_loss"], p.f["dyspepsia"], p.f["reflux"], p.f["jaundice"],
                                               p.f["haematemesis"], p.f["bloody_diarrhoea"]])),
    ("D", lambda p: True),
]


def derive(m):
    p = Pt(m)
    for rid, pred in RULES:
        if pred(p):
            return rid


def nhs_ok(n):
    if not re.fullmatch(r"999\d{7}", n):
        return False
    s = sum(int(d) * w for d, w in zip(n[:9], range(10, 1, -1)))
    c = (11 - s % 11) % 11
    return c != 10 and c == int(n[9])


# which evidence keys must be present for the deciding rule (any one of each inner tuple)
NEEDS = {
    "U1": [("dysphagia",)], "U2": [("rectal_mass", "anal_mass", "anal_ulcer")], "U3": [("result:fit",)],
    "U4": [("result:hb",), ("result:ferritin",)], "U5": [("weight_loss",), ("upper_abdo_pain", "reflux", "dyspepsia")],
    "U6": [("abdo_mass",)], "U7": [("jaundice",)], "U8": [("rectal_bleeding", "cibh", "weight_loss")],
    "R1": [("bloody_diarrhoea", "result:calprotectin")], "R2": [("cirrhosis", "result:alt")], "R3": [("haematemesis",)],
    "O1": [("dyspepsia",), ("ppi",)], "O2": [("result:calprotectin",)], "O3": [("ibd",)], "O4": [("ttg_raised", "result:ttg")],
    "O5": [("result:alt", "fatty_liver")], "A1": [("abdo_pain", "upper_abdo_pain", "bloating", "cibh"), ("result:calprotectin", "result:fit")],
    "O6": [("rectal_bleeding", "cibh", "abdo_pain", "upper_abdo_pain"), ("result:fit",)],
    "A2": [("dyspepsia", "reflux")], "A3": [("fh_crc",)], "D": [],
}

SEX_RE = {"M": re.compile(r"\b((?i:mr|male|man)|he|his|him|\d{1,3}M|M)\b"),
          "F": re.compile(r"\b((?i:mrs|ms|miss|female|woman)|she|her|\d{1,3}F|F)\b")}
FIT_RESULT_RE = re.compile(r"(\bq?FIT\b|[Ff]aecal immunochemical test)[^\n]{0,45}?(\d|negative|undetectable)")


def main():
    errs = []
    L = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    M = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    if len(L) != 340 or len(M) != 340:
        errs.append(f"counts {len(L)} {len(M)}")
    keys = {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}
    for i, (x, m) in enumerate(zip(L, M), 1):
        lid = f"L8-{i:04d}"
        e = lambda s: errs.append(f"{lid}: {s}")
        if set(x) != keys:
            e(f"keys {sorted(x)}")
        if x["id"] != lid or m["id"] != lid:
            e("id sequence")
        for k in ("rule", "urgency", "pathway", "style", "gp_priority", "age"):
            if x[k] != m[k]:
                e(f"meta mismatch {k}")
        r = derive(m)
        if r != x["rule"]:
            e(f"derived rule {r} != {x['rule']}")
        if LABEL[x["rule"]] != (x["urgency"], x["pathway"]):
            e("label does not match rule table")
        if x["gp_priority"] not in URG:
            e("gp_priority value")
        t = x["text"]
        # age
        dob = dt.date.fromisoformat(m["dob"])
        ld = dt.date.fromisoformat(m["letter_date"])
        age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if age != x["age"]:
            e(f"age {age} != {x['age']}")
        dob_ok = m["dob_text"].lower() in t.lower() and m["date_text"].lower() in t.lower()
        age_ok = re.search(rf"(?<!\d){x['age']}(?!\d)", t) is not None
        if m["age_mode"] == "dob" and not dob_ok:
            e("DOB or letter date not in text")
        if m["age_mode"] == "age" and not age_ok:
            e("age not in text")
        if m["age_mode"] == "both" and not (dob_ok or age_ok):
            e("neither age nor DOB+date in text")
        # sex
        if not SEX_RE[m["sex"]].search(t):
            e("sex not stated")
        # NHS
        if not nhs_ok(m["nhs_number"]) or m["nhs_text"] not in t:
            e("NHS number invalid or absent")
        # evidence present
        ev = m["evidence"]
        for k, vals in ev.items():
            for v in vals:
                if k.startswith("result:"):
                    name, val = v.split("|", 1)
                    if not any(name in ln and val in ln for ln in t.split("\n")):
                        e(f"result {v} not on one line")
                elif v.lower() not in t.lower():
                    e(f"evidence for {k} missing: {v[:40]}")
        for need in NEEDS[x["rule"]]:
            if not any(k in ev for k in need):
                e(f"rule {x['rule']} lacks text evidence for one of {need}")
        # U8 must not report a FIT result; other letters without FIT likewise
        if m["facts"]["fit"] is None and FIT_RESULT_RE.search(t):
            e("text reports a FIT result but facts have none")
        if m["facts"]["fit"] is not None and not FIT_RESULT_RE.search(t):
            e("FIT result not found")
        # negated facts must be false
        for k in m["negated"]:
            if k == "anaemia":
                p = Pt(m)
                if p.anaemia:
                    e("anaemia negated but present")
            elif m["facts"].get(k):
                e(f"{k} negated but present")
        for d in m["distractors"]:
            if d.lower() not in t.lower():
                e(f"distractor missing: {d[:30]}")
        # old results are never deciding: recent result for same key must exist when old shown
        if any(r["old"] for r in m["results"]) and not any(not r["old"] and r["key"] == "hb" for r in m["results"]):
            e("old Hb without recent Hb")
    # mix
    cu = collections.Counter(x["urgency"] for x in L)
    cr = collections.Counter(x["rule"] for x in L)
    cs = collections.Counter(x["style"] for x in L)
    n = len(L)
    if not (0.28 <= cu["urgent_suspected_cancer"] / n <= 0.38 and 0.28 <= cu["routine"] / n <= 0.38
            and 0.16 <= cu["advice_and_guidance"] / n <= 0.24):
        errs.append(f"mix off: {cu}")
    for rid in LABEL:
        if cr[rid] < 6:
            errs.append(f"rule {rid} has {cr[rid]} < 6")
    if len(cs) < 20:
        errs.append(f"only {len(cs)} styles")
    order = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]
    up = sum(order.index(x["gp_priority"]) > order.index(x["urgency"]) for x in L)
    down = sum(order.index(x["gp_priority"]) < order.index(x["urgency"]) for x in L)
    if up < 30 or down < 30:
        errs.append(f"too few GP disagreements up={up} down={down}")
    # determinism: regenerate in a temp dir and compare bytes
    with tempfile.TemporaryDirectory() as td:
        shutil.copy(os.path.join(HERE, "make_set.py"), td)
        subprocess.run([sys.executable, os.path.join(td, "make_set.py")], check=True, capture_output=True)
        for fn in ("letters.jsonl", "letters_meta.jsonl"):
            if open(os.path.join(td, fn), "rb").read() != open(os.path.join(HERE, fn), "rb").read():
                errs.append(f"{fn} not reproduced byte-identically")
    print(f"urgency {dict(cu)}")
    print(f"rules {dict(sorted(cr.items()))}")
    print(f"styles {len(cs)}; gp priority higher than label {up}, lower {down}")
    if errs:
        print(f"{len(errs)} problems")
        for x in errs[:80]:
            print(" ", x)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
