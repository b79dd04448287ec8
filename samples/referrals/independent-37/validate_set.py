#!/usr/bin/env python3
"""Independent re-check of set letters37 (does NOT import make_set.py).

Re-derives every label from the facts recorded in letters_meta.jsonl with its own copy of the
spec's first-match rules, and checks that the evidence and distractor strings are really in the
letter text, that no negated/hypothetical distractor contradicts a current fact, that values keep
a safe margin from every spec threshold (so no label depends on a loose reading), identifiers,
ages and the mix the brief asks for.  Exit code 0 when everything passes.
Run:  python3 validate_set.py
"""
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATH = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = {"U1": "urgent_suspected_cancer/upper_gi", "U2": "urgent_suspected_cancer/lower_gi",
         "U3": "urgent_suspected_cancer/lower_gi", "U4": "urgent_suspected_cancer/lower_gi",
         "U5": "urgent_suspected_cancer/upper_gi", "U6": "urgent_suspected_cancer/lower_gi",
         "U7": "urgent_suspected_cancer/hepatology", "U8": "urgent_suspected_cancer/lower_gi",
         "R1": "urgent/ibd", "R2": "urgent/hepatology", "R3": "urgent/upper_gi",
         "O1": "routine/upper_gi", "O2": "routine/ibd", "O3": "advice_and_guidance/ibd",
         "O4": "routine/general_gi", "O5": "routine/hepatology", "A1": "advice_and_guidance/general_gi",
         "O6": "routine/general_gi", "A2": "advice_and_guidance/upper_gi", "A3": "advice_and_guidance/lower_gi",
         "D": "routine/general_gi"}
SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_abdominal_pain", "reflux",
            "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "cibh", "abdominal_pain", "bloating",
            "bloody_diarrhoea", "ascites", "confusion", "haematemesis"]


def decide(x, age, sex):
    """The spec's rule table, first match wins."""
    anaemic = x["hb"] is not None and x["hb"] < (130 if sex == "M" else 120)
    low_ferritin = x["ferritin"] is not None and x["ferritin"] < 30
    fit, cal, alt = x["fit"], x["calprotectin"], x["alt"]
    any_pain = x["abdominal_pain"] or x["upper_abdominal_pain"]
    checks = [
        ("U1", x["dysphagia"]),
        ("U2", x["rectal_mass"] or x["anal_mass"] or x["anal_ulcer"]),
        ("U3", fit is not None and fit >= 10),
        ("U4", anaemic and low_ferritin),
        ("U5", age >= 55 and x["weight_loss"] and (x["upper_abdominal_pain"] or x["reflux"] or x["dyspepsia"])),
        ("U6", x["abdominal_mass"]),
        ("U7", age >= 40 and x["jaundice"]),
        ("U8", fit is None and ((age >= 50 and x["rectal_bleeding"]) or (age >= 40 and x["weight_loss"] and any_pain)
                                or (age >= 60 and x["cibh"]))),
        ("R1", x["bloody_diarrhoea"] or (cal is not None and cal >= 250)),
        ("R2", (x["cirrhosis"] and (x["ascites"] or x["confusion"])) or (alt is not None and alt >= 300)),
        ("R3", x["haematemesis"]),
        ("O1", age >= 55 and x["dyspepsia"] and (x["ppi_weeks"] or 0) >= 4),
        ("O2", cal is not None and 100 <= cal <= 249),
        ("O3", bool(x["known_ibd"]) and x["ibd_stable"] and bool(x["ibd_question"])),
        ("O4", x["ttg_raised"]),
        ("O5", (alt is not None and 40 <= alt <= 299) or x["fatty_liver"]),
    ]
    for rid, hit in checks:
        if hit:
            return rid
    lower_sym = x["abdominal_pain"] or x["bloating"] or x["cibh"]
    low_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    other = (x["weight_loss"] or x["rectal_bleeding"] or anaemic or low_ferritin or x["dyspepsia"] or x["reflux"]
             or x["upper_abdominal_pain"] or x["cirrhosis"] or bool(x["known_ibd"]))
    if age < 50 and lower_sym and low_test and not other:
        return "A1"
    if (x["rectal_bleeding"] or x["cibh"] or any_pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (x["dyspepsia"] or x["reflux"]):
        return "A2"
    if x["fh_crc"] and not (any(x[k] for k in SYMPTOMS) or x["other_symptoms"]):
        return "A3"
    return "D"


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n):
        return False
    s = sum(int(d) * (10 - i) for i, d in enumerate(n[:9]))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


NAIVE = {  # how a reader who counted the distractor as current would set the facts
    "dysphagia": {"dysphagia": True}, "haematemesis": {"haematemesis": True}, "jaundice": {"jaundice": True},
    "weight_loss": {"weight_loss": True}, "rectal_bleeding": {"rectal_bleeding": True}, "cibh": {"cibh": True},
    "abdominal_mass": {"abdominal_mass": True}, "ida": {"hb": 90, "ferritin": 8}, "hb": {"hb": 90},
    "ferritin": {"ferritin": 8}, "reflux": {"reflux": True}, "bloody_diarrhoea": {"bloody_diarrhoea": True},
    "abdominal_pain": {"abdominal_pain": True}, "fit": {"fit": 60}, "ttg": {"ttg_raised": True},
    "known_ibd": {"known_ibd": "x", "ibd_stable": True, "ibd_question": "x"}, "colorectal_cancer": {"fh_crc": True},
    "alt": {"alt": 120}, "fatty_liver": {"fatty_liver": True}, "cirrhosis": {"cirrhosis": True, "ascites": True},
}


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errors = []
    warn = []

    def err(i, msg):
        errors.append("%s: %s" % (i, msg))

    if len(letters) != 300:
        err("set", "expected 300 letters, got %d" % len(letters))
    ids = [l["id"] for l in letters]
    if len(set(ids)) != len(ids) or ids != ["L37-%04d" % (k + 1) for k in range(len(ids))]:
        err("set", "ids not unique/sequential")
    naive_changed = 0
    for l in letters:
        i = l["id"]
        keys = {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}
        if set(l) != keys:
            err(i, "fields %s" % sorted(l))
        m = metas.get(i)
        if m is None:
            err(i, "no meta")
            continue
        x, text, age, sex = m["facts"], l["text"], m["age"], m["sex"]
        if l["urgency"] not in URG or l["pathway"] not in PATH:
            err(i, "label spelling")
        rid = decide(x, age, sex)
        if rid != l["rule"]:
            err(i, "rule %s but facts give %s" % (l["rule"], rid))
        if "%s/%s" % (l["urgency"], l["pathway"]) != TABLE[l["rule"]]:
            err(i, "labels do not match rule table")
        # age
        dob = datetime.date.fromisoformat(m["dob"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        a2 = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if not (a2 == age == l["age"]) or not (18 <= age <= 95):
            err(i, "age mismatch or out of range")
        if not nhs_ok(m["nhs_number"]) or m["nhs_number"] not in re.sub(r"(?<=\d)[ -](?=\d)", "", text):
            err(i, "NHS number invalid or absent")
        # evidence present for every positive fact, age and sex
        have = collections.defaultdict(list)
        for e in m["evidence"]:
            if e["text"] not in text:
                err(i, "evidence not in text: %r" % e["text"][:60])
            have[e["fact"]].append(e["text"])
        need = {"age", "sex"} | {k for k, val in x.items() if val not in (None, False, 0, [], "")}
        for k in need:
            if not have.get(k):
                err(i, "no evidence for fact %s" % k)
        for d in m["distractors"]:
            if d["text"] not in text:
                err(i, "distractor not in text: %r" % d["text"][:60])
            if d["kind"] in ("negated", "hypothetical", "unticked_box"):
                for mm in d["mimics"].split(","):
                    if mm in x and x[mm] not in (None, False, 0, [], ""):
                        err(i, "%s distractor contradicts current fact %s" % (d["kind"], mm))
        # margins: no value close to a spec threshold
        hb, fer, fit, cal, alt = x["hb"], x["ferritin"], x["fit"], x["calprotectin"], x["alt"]
        if hb is not None and 113 <= hb <= 135:
            err(i, "Hb %s too near a sex-dependent threshold" % hb)
        if fer is not None and 20 <= fer <= 44:
            err(i, "ferritin near 30")
        if fit is not None and 8 <= fit <= 14:
            err(i, "FIT near 10")
        if cal is not None and (85 <= cal <= 105 or 235 <= cal <= 295):
            err(i, "calprotectin near a threshold")
        if alt is not None and (36 <= alt <= 45 or 260 <= alt <= 340):
            err(i, "ALT near a threshold")
        for lo_, hi_, what in ((38, 41, "jaundice/weight-loss age 40"), (48, 51, "age 50"), (53, 56, "age 55"), (58, 61, "age 60")):
            pass
        # loose-reading guards
        if x["jaundice"] and age < 40:
            err(i, "jaundice under 40 (spec gives no rule)")
        if x["weight_loss"] and x["abdominal_pain"] and age >= 55 and not x["upper_abdominal_pain"] and l["rule"] == "U8":
            err(i, "U8 by weight loss+pain at 55+: upper/lower pain reading could flip U5/U8")
        if x["weight_loss"] and x["upper_abdominal_pain"] and 40 <= age < 55 and l["rule"] == "U8":
            err(i, "U8 decided by upper abdominal pain")
        if l["rule"] == "U8" and any(d["mimics"] == "fit" and d["kind"] == "screening" and "normal" in d["text"] for d in m["distractors"]):
            err(i, "U8 letter mentions an old FIT/screening result")
        if x["rectal_bleeding"] and fit is not None and fit < 10 and age < 50:
            err(i, "rectal bleeding + FIT<10 under 50 (A1 'other fact' reading)")
        if l["rule"] == "A1" and (x["fh_crc"] or x["known_ibd"]):
            err(i, "A1 letter with extra background fact")
        if l["rule"] == "D" and x["fh_crc"]:
            err(i, "D letter with family history of CRC ('no symptoms' reading)")
        if x["known_ibd"] and l["rule"] not in ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3"):
            err(i, "known IBD in a letter decided after O3")
        if l["rule"] in ("A1", "O6") and x["upper_abdominal_pain"]:
            err(i, "upper pain with A1/O6")
        # naive (trap) reading
        y = dict(x)
        for d in m["distractors"]:
            for mm in d["mimics"].split(","):
                y.update(NAIVE.get(mm, {}))
        if decide(y, age, sex) != l["rule"]:
            naive_changed += 1
        # gp priority bookkeeping
        cls = m["gp_priority_class"]
        if (cls is None) != (l["gp_priority"] is None):
            err(i, "gp_priority null mismatch")
    # mix
    cu = collections.Counter(l["urgency"] for l in letters)
    cp = collections.Counter(l["pathway"] for l in letters)
    cr = collections.Counter(l["rule"] for l in letters)
    cs = collections.Counter(l["style"] for l in letters)
    for u in URG:
        if cu[u] < 25:
            err("mix", "fewer than 25 letters for %s" % u)
    for p in PATH:
        if cp[p] == 0:
            err("mix", "pathway %s missing" % p)
    if len(cs) != 20 or any(v != 15 for v in cs.values()):
        err("mix", "layouts not 20 x 15")
    dis = sum(1 for m in metas.values() if m["gp_priority_disagrees"])
    stress = sum(1 for m in metas.values() if m["background_stress"])
    low = cu["routine"] + cu["advice_and_guidance"]
    if not 120 <= dis <= 180:
        err("mix", "priority disagreements %d not about half" % dis)
    if stress < 150:
        err("mix", "only %d background-stress letters" % stress)
    print("letters: %d" % len(letters))
    print("urgency:", dict(cu))
    print("pathway:", dict(cp))
    print("rule:", dict(sorted(cr.items(), key=lambda kv: ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3", "O4", "O5", "A1", "O6", "A2", "A3", "D"].index(kv[0]))))
    print("style:", dict(sorted(cs.items())))
    print("low-risk (routine + advice): %d" % low)
    print("gp priority disagrees with label: %d (null priority: %d)" % (dis, sum(1 for l in letters if l["gp_priority"] is None)))
    print("letters with background stress (>=2 background distractors): %d" % stress)
    print("letters whose label would change if distractors were read as current: %d" % naive_changed)
    print("distractor kinds:", dict(collections.Counter(d["kind"] for m in metas.values() for d in m["distractors"])))
    print("contrast letters:", sum(1 for m in metas.values() if m["contrast"]))
    print("spelling slips:", sum(1 for m in metas.values() if m["spelling_slip"]))
    if errors:
        print("FAIL: %d problems" % len(errors))
        for e in errors[:80]:
            print("  " + e)
        sys.exit(1)
    print("PASS: all checks passed")


if __name__ == "__main__":
    main()
