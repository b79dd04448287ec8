#!/usr/bin/env python3
"""Independent re-check of letters12. Does NOT import make_set.py.

For every letter it re-derives the label from the facts recorded in letters_meta.jsonl using its
own implementation of the spec rules, under several readings of the spec's loose words (the label
must not change between readings), and checks that every fact, value and distractor string really
is in the letter text, that ages follow from DOB and letter date, that NHS numbers are valid and
that no red-flag keyword appears in the text outside a recorded evidence/distractor/request string.
Exit code 0 when everything passes.
"""
import collections
import datetime
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATH = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = {  # rule -> (urgency, pathway), typed in again from the spec
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}
BOOL_FACTS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain", "reflux",
              "dyspepsia", "abdominal_pain", "abdominal_mass", "jaundice", "rectal_bleeding", "change_in_bowel_habit",
              "bloody_diarrhoea", "known_cirrhosis", "ascites", "confusion", "haematemesis", "treatment_resistant_dyspepsia",
              "known_ibd_stable_question", "coeliac_positive", "fatty_liver_imaging", "bloating", "fh_crc"}
VALUE_FACTS = {"hb", "ferritin", "fit", "calprotectin", "alt", "ttg"}
SYMPTOM_FACTS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain",
                 "reflux", "dyspepsia", "abdominal_pain", "abdominal_mass", "jaundice", "rectal_bleeding",
                 "change_in_bowel_habit", "bloody_diarrhoea", "ascites", "confusion", "haematemesis", "bloating",
                 "treatment_resistant_dyspepsia"}


def label(f, reading):
    """reading: dict of booleans for loose words."""
    f = dict(f)
    g = lambda k: bool(f.get(k))
    if reading["epigastric_is_abdominal_pain"] and g("upper_abdominal_pain"):
        f["abdominal_pain"] = True
    if reading["dyspepsia_is_abdominal_pain"] and (g("dyspepsia") or g("treatment_resistant_dyspepsia")):
        f["abdominal_pain"] = True
    if reading["bloody_diarrhoea_is_bleeding_and_cibh"] and g("bloody_diarrhoea"):
        f["rectal_bleeding"] = True
        f["change_in_bowel_habit"] = True
    if reading["trd_implies_dyspepsia"] and g("treatment_resistant_dyspepsia"):
        f["dyspepsia"] = True
    a, sex = f["age"], f["sex"]
    hb, fe, fit, cal, alt = (f.get(k) for k in ("hb", "ferritin", "fit", "calprotectin", "alt"))
    anaemic = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fe is not None and fe < 30
    rules = []
    rules.append(("U1", g("dysphagia")))
    rules.append(("U2", g("rectal_mass") or g("anal_mass") or g("anal_ulceration")))
    rules.append(("U3", fit is not None and fit >= 10))
    rules.append(("U4", anaemic and irondef))
    rules.append(("U5", a >= 55 and g("weight_loss") and (g("upper_abdominal_pain") or g("reflux") or g("dyspepsia"))))
    rules.append(("U6", g("abdominal_mass")))
    rules.append(("U7", a >= 40 and g("jaundice")))
    rules.append(("U8", fit is None and ((a >= 50 and g("rectal_bleeding")) or (a >= 40 and g("weight_loss") and g("abdominal_pain"))
                                         or (a >= 60 and g("change_in_bowel_habit")))))
    rules.append(("R1", g("bloody_diarrhoea") or (cal is not None and cal >= 250)))
    rules.append(("R2", (g("known_cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300)))
    rules.append(("R3", g("haematemesis")))
    rules.append(("O1", a >= 55 and g("treatment_resistant_dyspepsia")))
    rules.append(("O2", cal is not None and 100 <= cal <= 249))
    rules.append(("O3", g("known_ibd_stable_question")))
    rules.append(("O4", g("coeliac_positive")))
    rules.append(("O5", (alt is not None and 40 <= alt <= 299) or g("fatty_liver_imaging")))
    a1_sym = g("abdominal_pain") or g("bloating") or g("change_in_bowel_habit")
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if reading["a1_other_fact_broad"]:
        # broad reading: any fact named in a rule above A1 (other than the A1 symptoms and tests) blocks A1
        other = any(g(k) for k in ("dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
                                   "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
                                   "rectal_bleeding", "bloody_diarrhoea", "known_cirrhosis", "ascites", "confusion",
                                   "haematemesis", "treatment_resistant_dyspepsia", "known_ibd_stable_question",
                                   "coeliac_positive", "fatty_liver_imaging")) or anaemic or irondef or \
            (alt is not None and alt >= 40) or (cal is not None and cal >= 100)
    else:
        other = False  # narrow reading: "no rule above matched", which first-match order already gives
    rules.append(("A1", a < 50 and a1_sym and a1_test and not other))
    rules.append(("O6", (g("rectal_bleeding") or g("change_in_bowel_habit") or g("abdominal_pain")) and fit is not None and fit < 10))
    rules.append(("A2", a < 55 and (g("dyspepsia") or g("reflux"))))
    syms = SYMPTOM_FACTS | ({"fatty_liver_imaging", "known_cirrhosis"} if reading["a3_any_finding_is_symptom"] else set())
    rules.append(("A3", g("fh_crc") and not any(g(k) for k in syms)))
    for rid, ok in rules:
        if ok:
            return rid
    return "D"


READINGS = [dict(zip(("epigastric_is_abdominal_pain", "dyspepsia_is_abdominal_pain", "bloody_diarrhoea_is_bleeding_and_cibh",
                      "trd_implies_dyspepsia", "a1_other_fact_broad", "a3_any_finding_is_symptom"), bits))
            for bits in itertools.product([False, True], repeat=6)]

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    rest = n % 100
    return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + spell(rest))


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def value_in(ev, key, v):
    t = ev.lower()
    if key == "fit" and v == 0:
        return any(x in t for x in ("<4", "less than four", "negative", "undetectable"))
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", t)]
    cands = {float(v)}
    if key == "hb":
        cands.add(round(v / 10, 1))
    if any(abs(n - c) < 1e-9 for n in nums for c in cands):
        return True
    return spell(int(v)) in t


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


KEYWORDS = ["dysphag", "swallow", "jaund", "haematemesis", "vomit", "mass", "weight", "wt loss", "bleed", "blood",
            "fit ", "fit:", "qfit", "calprotectin", "fcp", "alt ", "hb ", "haemoglobin", "ferritin", "ttg", "coeliac",
            "fatty", "steatosis", "cirrho", "ascites", "confus", "ulcer", "bowel cancer", "colorectal cancer", "crohn",
            "colitis", "cibh", "bowel habit", "reflux", "dyspeps", "indigestion", "epigastr", "bloat", "abdominal pain",
            "abdo pain", "iron", "anaemi", "melaena"]
BOILER = ["bloods", "blood test", "full blood count", "blood pressure", "two week wait", "2ww", "suspected cancer",
          "suspected lower gi cancer referral form", "suspected upper gi cancer - referral proforma", "fit and well",
          "red flag", "pernicious anaemia", "tired", "bowel symptoms", "no bowel or upper gi symptoms"]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errs = []
    E = lambda lid, msg: errs.append(f"{lid}: {msg}")
    ids = [d["id"] for d in letters]
    if len(letters) != 300:
        errs.append(f"expected 300 letters, got {len(letters)}")
    if len(set(ids)) != len(ids) or ids != [f"L12-{i:04d}" for i in range(1, len(ids) + 1)]:
        errs.append("ids not unique/sequential")
    keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
    disagree = noisy = 0
    for d in letters:
        lid = d["id"]
        if list(d.keys()) != keys:
            E(lid, f"keys {list(d.keys())}")
        m = metas.get(lid)
        if not m:
            E(lid, "no meta")
            continue
        text = d["text"]
        nt = norm(text)
        f = dict(m["facts"])
        if d["urgency"] not in URG or d["pathway"] not in PATH:
            E(lid, "bad label spelling")
        # ---- age
        dob = datetime.date.fromisoformat(m["dob"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if not (age == f["age"] == d["age"] == m["age"]):
            E(lid, f"age mismatch {age} {f['age']} {d['age']}")
        if not 18 <= age <= 95:
            E(lid, "age out of range")
        age_ev = [e for e in m["evidence"] if e["fact"] == "age"]
        if not age_ev:
            E(lid, "no age evidence")
        for e in age_ev:
            if "letter_date" in e:
                if norm(m["dob_text"]) not in nt or norm(m["letter_date_text"]) not in nt:
                    E(lid, "DOB/date text missing for DOB-only age")
            elif str(age) not in e["text"] and spell(age) not in e["text"]:
                E(lid, f"age evidence {e['text']!r} does not state {age}")
        # ---- NHS number
        if not nhs_ok(m["nhs_number"]):
            E(lid, "invalid NHS number")
        if m["nhs_number"] not in re.sub(r"[ -]", "", text):
            E(lid, "NHS number not in text")
        # ---- evidence strings
        ev_facts = collections.defaultdict(list)
        for e in m["evidence"]:
            if norm(e["text"]) not in nt:
                E(lid, f"evidence not in text: {e['text']!r}")
            ev_facts[e["fact"]].append(e)
            if e["fact"] in VALUE_FACTS:
                if f.get(e["fact"]) != e["value"]:
                    E(lid, f"evidence value {e['fact']}={e['value']} != fact {f.get(e['fact'])}")
                if not value_in(e["text"], e["fact"], e["value"]):
                    E(lid, f"value {e['value']} not readable in {e['text']!r}")
            elif e["fact"] in BOOL_FACTS and not f.get(e["fact"]):
                E(lid, f"evidence for absent fact {e['fact']}")
        for k, v in f.items():
            if k in BOOL_FACTS and v and not ev_facts.get(k):
                E(lid, f"true fact {k} has no evidence string")
            if k in VALUE_FACTS and v is not None and not ev_facts.get(k):
                E(lid, f"value {k} has no evidence string")
        if f.get("coeliac_positive") and not f.get("ttg"):
            E(lid, "coeliac_positive without tTG value")
        # ---- distractors
        for x in m["distractors"]:
            if norm(x["text"]) not in nt:
                E(lid, f"distractor not in text: {x['text']!r}")
            if x["kind"] in ("negated", "resolved", "hypothetical", "unticked_box", "explained") and f.get(x["about"]):
                E(lid, f"distractor about present fact {x['about']}")
        if m["gp_priority"] is not None:
            if not m["request_text"] or any(norm(t) not in nt for t in m["request_text"]):
                E(lid, "request text missing")
        # ---- label under every reading
        got = {label(f, rd) for rd in READINGS}
        if len(got) != 1:
            E(lid, f"label depends on reading: {sorted(got)}")
        rule = label(f, READINGS[0])
        if rule != d["rule"] or TABLE[rule] != (d["urgency"], d["pathway"]):
            E(lid, f"label mismatch: checker {rule} {TABLE[rule]} vs letter {d['rule']} {d['urgency']} {d['pathway']}")
        # ---- keyword leak scan
        scrub = nt
        spans = [e["text"] for e in m["evidence"]] + [x["text"] for x in m["distractors"]] + m["request_text"]
        for s_ in sorted((norm(s) for s in spans), key=len, reverse=True):
            scrub = scrub.replace(s_, " ")
        for b in BOILER:
            scrub = scrub.replace(b, " ")
        for kw in KEYWORDS:
            if kw in scrub:
                i = scrub.index(kw)
                E(lid, f"unaccounted keyword {kw!r}: ...{scrub[max(0, i - 50):i + 50]}...")
        pr = {"2ww": "urgent_suspected_cancer", "urgent": "urgent", "routine": "routine", "advice": "advice_and_guidance"}
        if m["gp_priority"] is not None and pr[m["gp_priority"]] != d["urgency"]:
            disagree += 1
        if (m["gp_priority"] is not None) != (d["gp_priority"] is not None):
            E(lid, "gp_priority null mismatch")
        noisy += bool(m["noise"])
    # ---- corpus-level checks
    cu = collections.Counter(d["urgency"] for d in letters)
    cp = collections.Counter(d["pathway"] for d in letters)
    cs = collections.Counter(d["style"] for d in letters)
    for u in URG:
        if cu[u] < 25:
            errs.append(f"urgency {u} has only {cu[u]}")
    for p in PATH:
        if cp[p] == 0:
            errs.append(f"pathway {p} absent")
    if len(cs) < 30:
        errs.append(f"only {len(cs)} styles")
    if not 0.40 <= disagree / len(letters) <= 0.60:
        errs.append(f"priority disagreement {disagree}/{len(letters)} not about half")
    if not 0.06 <= noisy / len(letters) <= 0.15:
        errs.append(f"noise in {noisy} letters, not about 10%")
    print(f"letters: {len(letters)}; urgency {dict(cu)}; pathway {dict(cp)}; styles {len(cs)}; "
          f"priority disagreements {disagree}; noisy {noisy}; readings checked per letter {len(READINGS)}")
    if errs:
        print(f"FAIL: {len(errs)} problems")
        for e in errs[:80]:
            print("  " + e)
        sys.exit(1)
    print("PASS: all labels re-derived from meta facts; all evidence/distractor strings found; no unaccounted keywords")


if __name__ == "__main__":
    main()
