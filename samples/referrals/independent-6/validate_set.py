#!/usr/bin/env python3
"""Structural checks for the letters-6 test set.

    python3 validate_set.py                  # checks letters.jsonl + letters_meta.jsonl
    python3 validate_set.py --determinism    # also regenerates twice (PYTHONHASHSEED 1 and 2)
                                             # and checks both runs are byte-identical to the files

The rule derivation below is written separately from make_set.py, from the
spec text, so that it is an independent check of the stored rule.
"""
import collections
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age", "ocr"]
URGENCY = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATHWAY = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
SPEC = {  # rule -> (urgency, pathway), in spec order
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
COMMON = {"dear_doctor", "terse_request", "ers_referral_letter"}

errors = []


def err(msg):
    errors.append(msg)


def nhs_ok(n):
    if not re.fullmatch(r"999\d{7}", n):
        return False
    s = sum(int(n[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def rule_from_facts(m):
    """Spec rules, first match wins, from the structured facts."""
    age, pos, cond, labs = m["age"], set(m["pos"]), set(m["conditions"]), m["labs"]
    hb, fer, fit, cal, alt = (labs.get(k) for k in ("hb", "ferritin", "fit", "calpro", "alt"))
    anaemia = hb is not None and hb < (130 if m["sex"] == "M" else 120)
    ida = anaemia and fer is not None and fer < 30
    pain = "abdo_pain" in pos
    upper = pain and m["pain_site"] == "upper"
    bleed = bool(pos & {"rectal_bleeding", "bloody_diarrhoea"})
    cibh = bool(pos & {"cibh", "bloody_diarrhoea"})
    wl = "weight_loss" in pos
    if "dysphagia" in pos:
        return "U1"
    if pos & {"rectal_mass", "anal_mass", "anal_ulcer"}:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (upper or pos & {"reflux", "dyspepsia"}):
        return "U5"
    if "abdominal_mass" in pos:
        return "U6"
    if age >= 40 and "jaundice" in pos:
        return "U7"
    if fit is None and ((age >= 50 and bleed) or (age >= 40 and wl and pain) or (age >= 60 and cibh)):
        return "U8"
    if "bloody_diarrhoea" in pos or (cal is not None and cal >= 250):
        return "R1"
    if ("cirrhosis" in cond and pos & {"ascites", "confusion"}) or (alt is not None and alt >= 300):
        return "R2"
    if "haematemesis" in pos:
        return "R3"
    if age >= 55 and "dyspepsia" in pos and (m["ppi_weeks"] or 0) >= 4:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if "ibd_stable_question" in cond:
        return "O3"
    if "coeliac_pos" in cond:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or "fatty_liver" in cond:
        return "O5"
    if age < 50 and (pain or "bloating" in pos or cibh) and (
            (cal is not None and cal < 100) or (fit is not None and fit < 10)):
        return "A1"
    if (bleed or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and pos & {"dyspepsia", "reflux"}:
        return "A2"
    if "fh_crc" in cond and not pos:
        return "A3"
    return "D"


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def main():
    letters = []
    with open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            try:
                letters.append(json.loads(line))
            except ValueError:
                err("letters.jsonl line %d is not JSON" % i)
    metas = {}
    with open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            metas[m["id"]] = m

    if len(letters) < 320:
        err("only %d letters" % len(letters))
    ids = [l.get("id") for l in letters]
    if len(set(ids)) != len(ids):
        err("duplicate ids")
    nhs_seen = set()
    rules = collections.Counter()
    styles = collections.Counter()
    for l in letters:
        lid = l.get("id")
        if list(l.keys()) != KEYS:
            err("%s: keys %s" % (lid, list(l.keys())))
            continue
        if not re.fullmatch(r"L6-\d{4}", lid):
            err("%s: bad id" % lid)
        if l["urgency"] not in URGENCY or l["pathway"] not in PATHWAY:
            err("%s: label outside vocabulary" % lid)
        if l["rule"] not in SPEC:
            err("%s: unknown rule %s" % (lid, l["rule"]))
            continue
        if SPEC[l["rule"]] != (l["urgency"], l["pathway"]):
            err("%s: rule %s does not give %s/%s" % (lid, l["rule"], l["urgency"], l["pathway"]))
        if l["gp_priority"] is not None and l["gp_priority"] not in URGENCY:
            err("%s: gp_priority %r" % (lid, l["gp_priority"]))
        if not isinstance(l["age"], int) or isinstance(l["age"], bool):
            err("%s: age not int" % lid)
        if not isinstance(l["ocr"], bool):
            err("%s: ocr not bool" % lid)
        if not isinstance(l["text"], str):
            err("%s: text not str" % lid)
            continue
        nw = len(l["text"].split())
        if not 20 <= nw <= 700:
            err("%s: %d words" % (lid, nw))
        rules[l["rule"]] += 1
        styles[l["style"]] += 1
        m = metas.get(lid)
        if m is None:
            err("%s: no meta record" % lid)
            continue
        for k in ("rule", "style", "age", "gp_priority", "ocr"):
            if m[k] != l[k]:
                err("%s: meta %s differs" % (lid, k))
        n = m["nhs_number"]
        if not nhs_ok(n):
            err("%s: NHS number %s invalid" % (lid, n))
        if n in nhs_seen:
            err("%s: NHS number reused" % lid)
        nhs_seen.add(n)
        if n not in re.sub(r"[ \-]", "", l["text"]):
            err("%s: NHS number not in text" % lid)
        dob = dt.date.fromisoformat(m["dob"])
        ld = dt.date.fromisoformat(m["letter_date"])
        if age_on(dob, ld) != l["age"]:
            err("%s: age %d does not match DOB/letter date" % (lid, l["age"]))
        if str(l["age"]) not in l["text"] and str(dob.year) not in l["text"]:
            err("%s: neither age nor year of birth in text" % lid)
        got = rule_from_facts(m)
        if got != l["rule"]:
            err("%s: facts give %s, stored %s" % (lid, got, l["rule"]))
        if m["labs"].get("fit") is not None:
            if "FIT" not in l["text"] and "fit" not in l["text"].lower():
                err("%s: FIT value in facts but not in text" % lid)

    for r in SPEC:
        if rules[r] < 8:
            err("rule %s has %d letters (< 8)" % (r, rules[r]))
    if len(styles) < 14:
        err("only %d layouts" % len(styles))
    uncommon = [s for s in styles if s not in COMMON]
    if len(uncommon) * 2 < len(styles):
        err("fewer than half the layouts are of the less common kinds")
    n = len(letters)
    high = sum(1 for l in letters if l["urgency"] in ("urgent_suspected_cancer", "urgent"))
    if not 0.40 <= high / n <= 0.50:
        err("high-risk share %.3f outside 0.40-0.50" % (high / n))
    ocr = sum(1 for l in letters if l["ocr"])
    if not 0.12 <= ocr / n <= 0.18:
        err("scanning-noise share %.3f outside 0.12-0.18" % (ocr / n))
    # every positive fact and every result is visibly written in the (un-noised) text
    kw = {"dysphagia": r"dysphagia|swallow|go down|stuck|sticks|catch|brick",
          "weight_loss": r"weight|lost|kg|belt", "abdo_pain": r"pain|ache|gyp",
          "reflux": r"reflux|heartburn|acid", "dyspepsia": r"dyspepsia|indigestion",
          "rectal_bleeding": r"bleed|blood", "cibh": r"bowel habit|bowels|toilet|CIBH|loose",
          "bloating": r"bloat|balloon",
          "bloody_diarrhoea": r"bloody diarrhoea|blood and mucus|water and blood|blood mixed in",
          "haematemesis": r"haematemesis|vomit|sick", "jaundice": r"jaundice|yellow|icteric",
          "abdominal_mass": r"mass|lump", "rectal_mass": r"mass", "anal_mass": r"lump|mass",
          "anal_ulcer": r"ulcer", "ascites": r"ascites", "confusion": r"confus|muddled"}
    ckw = {"cirrhosis": "cirrhosis", "ibd_stable_question": "remission", "known_ibd": "flar",
           "coeliac_pos": "tTG", "fatty_liver": "steatosis|fatty", "fh_crc": "bowel cancer|bowel ca"}
    for l in letters:
        m = metas.get(l["id"])
        if m is None or l["ocr"]:
            continue
        t = l["text"]
        for k in m["pos"]:
            if not re.search(kw[k], t, re.I):
                err("%s: fact %s not visible in text" % (l["id"], k))
        for c in m["conditions"]:
            if not re.search(ckw[c], t, re.I):
                err("%s: condition %s not visible in text" % (l["id"], c))
        for k, v in m["lab_text"].items():
            if k == "hb" and v not in t:
                v = "%.1f" % (m["labs"]["hb"] / 10.0)
            if v not in t:
                err("%s: result %s=%s not in text" % (l["id"], k, v))

    if "--determinism" in sys.argv:
        want = {f: hashlib.sha256(open(os.path.join(HERE, f), "rb").read()).hexdigest()
                for f in ("letters.jsonl", "letters_meta.jsonl")}
        for seed in ("1", "2"):
            with tempfile.TemporaryDirectory() as td:
                env = dict(os.environ, PYTHONHASHSEED=seed, LETTERS6_OUT=td)
                subprocess.run([sys.executable, os.path.join(HERE, "make_set.py")], env=env,
                               check=True, stdout=subprocess.DEVNULL)
                for f, h in want.items():
                    got = hashlib.sha256(open(os.path.join(td, f), "rb").read()).hexdigest()
                    if got != h:
                        err("determinism: %s differs with PYTHONHASHSEED=%s" % (f, seed))

    print("letters: %d  rules: %d  layouts: %d  high-risk: %.1f%%  scanning noise: %.1f%%" % (
        n, len(rules), len(styles), 100.0 * high / n, 100.0 * ocr / n))
    if errors:
        for e in errors[:50]:
            print("FAIL", e)
        print("%d problem(s)" % len(errors))
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
