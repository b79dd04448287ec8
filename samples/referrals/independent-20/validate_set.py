#!/usr/bin/env python3
"""Independent re-check of letters20 (does NOT import make_set.py).

For every letter it re-derives the rule, urgency and pathway from the facts recorded in
letters_meta.jsonl with its own implementation of the spec's rule table, and checks that:
  - labels in letters.jsonl equal the re-derived ones (and the label names are the spec's);
  - the label does not change under the alternative readings of the spec's loose words;
  - every positive fact and value has at least one evidence string, and every evidence string
    and every distractor string occurs verbatim in the letter text;
  - numbers in lab evidence agree with the recorded value (g/dL x 10, words, ranges);
  - age: 18-95, equal to DOB against the letter date, and shown in the letter;
  - NHS numbers in the text pass the modulus 11 check;
  - the set-level mix: 300 letters, every urgency >= 25, every pathway present, >= 30 styles,
    about half with a requested priority that disagrees with the label.
Exit status 0 when all checks pass.
"""
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URG = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATH = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
TABLE = {  # spec rule table, typed again from the spec
    "U1": "urgent_suspected_cancer upper_gi", "U2": "urgent_suspected_cancer lower_gi",
    "U3": "urgent_suspected_cancer lower_gi", "U4": "urgent_suspected_cancer lower_gi",
    "U5": "urgent_suspected_cancer upper_gi", "U6": "urgent_suspected_cancer lower_gi",
    "U7": "urgent_suspected_cancer hepatology", "U8": "urgent_suspected_cancer lower_gi",
    "R1": "urgent ibd", "R2": "urgent hepatology", "R3": "urgent upper_gi",
    "O1": "routine upper_gi", "O2": "routine ibd", "O3": "advice_and_guidance ibd",
    "O4": "routine general_gi", "O5": "routine hepatology", "A1": "advice_and_guidance general_gi",
    "O6": "routine general_gi", "A2": "advice_and_guidance upper_gi",
    "A3": "advice_and_guidance lower_gi", "D": "routine general_gi",
}
SYMPTOMS = ("dysphagia weight_loss upper_abdominal_pain reflux dyspepsia jaundice rectal_bleeding "
            "change_in_bowel_habit abdominal_pain pain_unspecified bloating bloody_diarrhoea "
            "haematemesis ascites confusion other_symptom treatment_resistant_dyspepsia").split()
DIST_KINDS = {"negated", "family_history", "resolved", "hypothetical", "normal_value",
              "unticked_box", "answered_no", "crossed_box", "circled_no", "struck_through",
              "blank_answer", "grid_none"}


def val(v):
    if v is None:
        return None
    if isinstance(v, list):
        return float(max(v))
    if isinstance(v, str):  # '<4', 'undetectable', 'negative', '<20' -> below every threshold
        return 0.0
    return float(v)


def rule_of(F, a1_strict=True, bd_as_bleed=False, unloc_upper=False):
    g = lambda k: bool(F.get(k))
    age = F["age"]
    hb, ferr, fit = val(F["hb"]), val(F["ferritin"]), val(F["fit"])
    cal, alt = val(F["calprotectin"]), val(F["alt"])
    low_hb = hb is not None and hb < (130 if F["sex"] == "M" else 120)
    low_fer = ferr is not None and ferr < 30
    ida = low_hb and low_fer
    up = g("upper_abdominal_pain") or (unloc_upper and g("pain_unspecified"))
    pain = g("abdominal_pain") or g("upper_abdominal_pain") or g("pain_unspecified")
    bleed = g("rectal_bleeding") or (bd_as_bleed and g("bloody_diarrhoea"))
    cibh = g("change_in_bowel_habit") or (bd_as_bleed and g("bloody_diarrhoea"))
    checks = [
        ("U1", g("dysphagia")),
        ("U2", g("rectal_mass") or g("anal_mass") or g("anal_ulcer")),
        ("U3", fit is not None and fit >= 10),
        ("U4", ida),
        ("U5", age >= 55 and g("weight_loss") and (up or g("reflux") or g("dyspepsia"))),
        ("U6", g("abdominal_mass")),
        ("U7", age >= 40 and g("jaundice")),
        ("U8", fit is None and ((age >= 50 and bleed) or (age >= 40 and g("weight_loss") and pain)
                                or (age >= 60 and cibh))),
        ("R1", g("bloody_diarrhoea") or (cal is not None and cal >= 250)),
        ("R2", (g("cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300)),
        ("R3", g("haematemesis")),
        ("O1", age >= 55 and g("treatment_resistant_dyspepsia")),
        ("O2", cal is not None and 100 <= cal <= 249),
        ("O3", g("known_ibd") and g("ibd_stable") and g("management_question")),
        ("O4", g("ttg_raised")),
        ("O5", (alt is not None and 40 <= alt <= 299) or g("fatty_liver_imaging")),
    ]
    for rid, hit in checks:
        if hit:
            return rid
    other_fact = any([g("dysphagia"), low_hb, low_fer, g("weight_loss"), up, g("reflux"),
                      g("dyspepsia"), g("jaundice"), bleed, g("bloody_diarrhoea"), g("cirrhosis"),
                      g("ascites"), g("confusion"), alt is not None and alt >= 40,
                      g("haematemesis"), g("treatment_resistant_dyspepsia"), g("known_ibd"),
                      g("ttg_raised"), g("fatty_liver_imaging"), g("abdominal_mass")])
    if (age < 50 and (pain or g("bloating") or cibh)
            and ((cal is not None and cal < 100) or (fit is not None and fit < 10))
            and (not a1_strict or not other_fact)):
        return "A1"
    if (bleed or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (g("dyspepsia") or g("reflux")):
        return "A2"
    if g("fh_crc") and not any(g(k) for k in SYMPTOMS):
        return "A3"
    return "D"


def nhs_ok(s):
    d = [int(x) for x in s if x.isdigit()]
    if len(d) != 10:
        return False
    c = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


WORDNUM = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
           "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
           "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
           "seventy": 70, "eighty": 80, "ninety": 90}


def words_to_int(t):
    m = re.search(r"haemoglobin ((?:one hundred and )?[a-z\-]+)", t)
    if not m:
        return None
    total, s = 0, m.group(1)
    if s.startswith("one hundred and "):
        total, s = 100, s[len("one hundred and "):]
    for part in s.split("-"):
        if part not in WORDNUM:
            return None
        total += WORDNUM[part]
    return total


def lab_consistent(fact, text, v):
    nums = [float(x) for x in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)", text)]
    if isinstance(v, list):
        return all(float(x) in nums for x in v)
    if isinstance(v, str):
        return v.lower() in text.lower() or ("<" in v and v.replace("<", "") in text)
    if fact == "hb":
        if "g/dL" in text:
            return any(abs(n * 10 - v) < 0.01 for n in nums)
        w = words_to_int(text)
        if w is not None:
            return w == v
        return float(v) in nums
    if fact == "fit" and v == 401:
        return ">400" in text
    if fact == "fit" and v == 10 and "≥10" in text:
        return True
    if fact == "calprotectin" and v == 1801:
        return ">1800" in text
    return float(v) in nums


def main():
    rows = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errs = []
    E = lambda i, msg: errs.append("%s: %s" % (i, msg))
    if len(rows) != 300:
        errs.append("expected 300 letters, got %d" % len(rows))
    ids = [r["id"] for r in rows]
    if ids != ["L20-%04d" % i for i in range(1, len(rows) + 1)]:
        errs.append("ids not sequential L20-0001..")
    disagree = requested = 0
    for r in rows:
        i, t = r["id"], r["text"]
        m = metas.get(i)
        if m is None:
            E(i, "no meta")
            continue
        F = m["facts"]
        keys = {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}
        if set(r) != keys:
            E(i, "bad keys %s" % sorted(r))
        if r["urgency"] not in URG or r["pathway"] not in PATH:
            E(i, "label spelling")
        rid = rule_of(F)
        if rid != r["rule"]:
            E(i, "rule %s but facts give %s" % (r["rule"], rid))
        if TABLE[rid] != "%s %s" % (r["urgency"], r["pathway"]):
            E(i, "labels %s %s but %s gives %s" % (r["urgency"], r["pathway"], rid, TABLE[rid]))
        alts = {rule_of(F, a, b, c) for a in (True, False) for b in (True, False) for c in (True, False)}
        if alts != {rid}:
            E(i, "label depends on reading: %s" % sorted(alts))
        # evidence
        evf = collections.defaultdict(list)
        for e in m["evidence"]:
            evf[e["fact"]].append(e["text"])
            if e["text"] not in t:
                E(i, "evidence not in text: %r" % e["text"])
        for d in m["distractors"]:
            if d["kind"] in ("negated", "answered_no", "crossed_box", "circled_no", "struck_through",
                             "grid_none") and F.get(d["fact"]) not in (False, None):
                E(i, "fact %s is both asserted and denied" % d["fact"])
            if d["kind"] in ("negated", "answered_no", "crossed_box", "circled_no", "struck_through",
                             "grid_none") and F.get("bloody_diarrhoea") and d["fact"] in (
                                 "rectal_bleeding", "change_in_bowel_habit"):
                E(i, "bloody diarrhoea letter denies %s" % d["fact"])
            if d["kind"] not in DIST_KINDS:
                E(i, "unknown distractor kind %s" % d["kind"])
            if d["text"] not in t:
                E(i, "distractor not in text: %r" % d["text"])
        for k, v in F.items():
            if k in ("age", "sex", "fit_status"):
                continue
            if v is True and not evf.get(k):
                E(i, "positive fact %s has no evidence" % k)
            if k in ("hb", "ferritin", "fit", "calprotectin", "alt") and v is not None:
                texts = evf.get(k, []) + [d["text"] for d in m["distractors"] if d["fact"] == k and d["kind"] == "normal_value"]
                if not texts:
                    E(i, "value %s has no text" % k)
                elif not any(lab_consistent(k, x, v) for x in texts):
                    E(i, "value %s=%r not matched by %r" % (k, v, texts))
        if F["fit_status"] == "pending" and F["fit"] is not None:
            E(i, "FIT both pending and valued")
        # age
        if not 18 <= r["age"] <= 95 or r["age"] != F["age"]:
            E(i, "age %s" % r["age"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        dob = datetime.date.fromisoformat(m["dob"])
        a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if a != r["age"]:
            E(i, "DOB gives age %d" % a)
        if not evf.get("age"):
            E(i, "age not shown")
        elif not any(str(r["age"]) in x for x in evf["age"]):
            if m["letter_date_text"] is None or m["letter_date_text"] not in t:
                E(i, "age only from DOB but letter date missing")
        if F["sex"] not in ("M", "F"):
            E(i, "sex")
        for n in re.findall(r"NHS(?: No| number| No:|:| No\.|)\s*(\d{3} \d{3} \d{4})", t):
            if not nhs_ok(n):
                E(i, "bad NHS number %s" % n)
        if not re.search(r"\d{3} \d{3} \d{4}", t):
            E(i, "no NHS number")
        if F["fh_crc"] and rid != "A3" and not any(F.get(k) for k in SYMPTOMS):
            pass
        pl = m.get("gp_priority_label")
        if pl is not None:
            requested += 1
            if pl not in URG:
                E(i, "gp priority label %s" % pl)
            if pl != r["urgency"]:
                disagree += 1
        if (pl is None) != (r["gp_priority"] is None):
            E(i, "gp_priority null mismatch")
    cu = collections.Counter(r["urgency"] for r in rows)
    cp = collections.Counter(r["pathway"] for r in rows)
    cr = collections.Counter(r["rule"] for r in rows)
    cs = collections.Counter(r["style"] for r in rows)
    for u in URG:
        if cu[u] < 25:
            errs.append("urgency %s only %d" % (u, cu[u]))
    for p in PATH:
        if cp[p] == 0:
            errs.append("pathway %s missing" % p)
    if len(cs) < 30:
        errs.append("only %d styles" % len(cs))
    frac = disagree / len(rows)
    if not 0.4 <= frac <= 0.6:
        errs.append("requested priority disagrees in %.2f of letters" % frac)
    print("letters: %d" % len(rows))
    print("urgency:", dict(sorted(cu.items())))
    print("pathway:", dict(sorted(cp.items())))
    print("rule:", dict(sorted(cr.items())))
    print("styles: %d" % len(cs))
    print("requested priority given: %d, disagrees with label: %d (%.0f%%)" % (requested, disagree, 100 * frac))
    if errs:
        print("FAIL: %d problems" % len(errs))
        for e in errs[:200]:
            print("  " + e)
        return 1
    print("PASS: all %d letters re-derived from meta facts; evidence and distractors found in text" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
