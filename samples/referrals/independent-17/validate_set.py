#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters17 set.

Does NOT import make_set.py.  It re-derives every label from the facts recorded in
letters_meta.jsonl with its own reading of /work/shared/clinical/referral-triage-spec.md,
under every combination of the loose readings that could change a label (all must agree),
re-parses numbers from the evidence strings, checks that every evidence and distractor string
is in the letter text, recomputes ages, checks NHS/CHI check digits, the mix, the README hash,
and with --rerun that the generator reproduces the files byte for byte.

Usage: python3 validate_set.py [--dir DIR] [--rerun]
Exit status 0 when everything passes.
"""
import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

URGENCY = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATHWAY = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
# rule id -> (urgency, pathway), typed in again from the spec table
TABLE = {
    "U1": "urgent_suspected_cancer upper_gi", "U2": "urgent_suspected_cancer lower_gi",
    "U3": "urgent_suspected_cancer lower_gi", "U4": "urgent_suspected_cancer lower_gi",
    "U5": "urgent_suspected_cancer upper_gi", "U6": "urgent_suspected_cancer lower_gi",
    "U7": "urgent_suspected_cancer hepatology", "U8": "urgent_suspected_cancer lower_gi",
    "R1": "urgent ibd", "R2": "urgent hepatology", "R3": "urgent upper_gi",
    "O1": "routine upper_gi", "O2": "routine ibd", "O3": "advice_and_guidance ibd",
    "O4": "routine general_gi", "O5": "routine hepatology", "A1": "advice_and_guidance general_gi",
    "O6": "routine general_gi", "A2": "advice_and_guidance upper_gi", "A3": "advice_and_guidance lower_gi",
    "D": "routine general_gi"}
SYMPTOMS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "abdominal_pain", "dyspepsia", "reflux",
            "rectal_bleeding", "change_in_bowel_habit", "bloating", "bloody_diarrhoea", "haematemesis", "jaundice",
            "confusion", "abdominal_mass", "rectal_mass", "anal_mass", "anal_ulceration", "ascites"]
READINGS = ["a1_other_fact_strict", "dyspepsia_is_abdominal_pain", "unsited_pain_is_upper",
            "bloody_diarrhoea_is_bleeding_and_cibh", "epigastric_pain_is_dyspepsia", "reflux_is_dyspepsia"]

errors = []


def err(lid, msg):
    errors.append("%s: %s" % (lid, msg))


def rule_for(f, rd, every=False):
    """The spec's table, read with the switches in rd (dict of READINGS -> bool)."""
    age = f["age"]
    male = f["sex"] == "M"
    hb, fer, fit, cal, alt = f["hb"], f["ferritin"], f["fit"], f["calprotectin"], f["alt"]
    anaemia = hb is not None and hb < (130 if male else 120)
    iron_def = fer is not None and fer < 30
    have_fit = fit is not None
    fit_hi = have_fit and fit >= 10
    fit_lo = have_fit and fit < 10
    upper = f["upper_abdominal_pain"] or (rd["unsited_pain_is_upper"] and f["abdominal_pain"]
                                         and f.get("abdominal_pain_site") == "generic")
    dysp = f["dyspepsia"] or (rd["epigastric_pain_is_dyspepsia"] and f["upper_abdominal_pain"])
    pain = f["abdominal_pain"] or f["upper_abdominal_pain"] or \
        (rd["dyspepsia_is_abdominal_pain"] and (f["dyspepsia"] or f["reflux"]))
    rb = f["rectal_bleeding"] or (rd["bloody_diarrhoea_is_bleeding_and_cibh"] and f["bloody_diarrhoea"])
    cibh = f["change_in_bowel_habit"] or (rd["bloody_diarrhoea_is_bleeding_and_cibh"] and f["bloody_diarrhoea"])
    dysp_o1 = dysp or (rd["reflux_is_dyspepsia"] and f["reflux"])
    trd = dysp_o1 and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4
    wl = f["weight_loss"]
    checks = [
        ("U1", f["dysphagia"]),
        ("U2", f["rectal_mass"] or f["anal_mass"] or f["anal_ulceration"]),
        ("U3", fit_hi),
        ("U4", anaemia and iron_def),
        ("U5", age >= 55 and wl and (upper or f["reflux"] or dysp)),
        ("U6", f["abdominal_mass"]),
        ("U7", age >= 40 and f["jaundice"]),
        ("U8", not have_fit and ((age >= 50 and rb) or (age >= 40 and wl and pain) or (age >= 60 and cibh))),
        ("R1", f["bloody_diarrhoea"] or (cal is not None and cal >= 250)),
        ("R2", (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300)),
        ("R3", f["haematemesis"]),
        ("O1", age >= 55 and trd),
        ("O2", cal is not None and 100 <= cal <= 249),
        ("O3", f["known_ibd"] and f["ibd_stable"] and f["management_question"]),
        ("O4", f["coeliac_serology"] == "positive"),
        ("O5", (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"] is True),
    ]
    hits = [rid for rid, ok in checks if ok]
    if hits and not every:
        return hits[0]
    others = [f["dysphagia"], f["rectal_mass"], f["anal_mass"], f["anal_ulceration"], anaemia, iron_def, wl,
              f["abdominal_mass"], f["jaundice"], f["rectal_bleeding"], f["bloody_diarrhoea"], f["known_cirrhosis"],
              f["ascites"], f["confusion"], alt is not None, f["haematemesis"], f["dyspepsia"], f["reflux"],
              f["known_ibd"], f["coeliac_serology"] == "positive", f["fatty_liver_imaging"] is True, f["fh_crc"],
              f["ppi_weeks"] is not None, bool(f["other_symptoms"])]
    a1_sym = pain or f["bloating"] or cibh
    symptomatic = any(f[k] for k in SYMPTOMS) or bool(f["other_symptoms"])
    hits += [rid for rid, ok in [
        ("A1", age < 50 and a1_sym and ((cal is not None and cal < 100) or fit_lo)
         and not (rd["a1_other_fact_strict"] and any(others))),
        ("O6", (rb or cibh or pain) and fit_lo),
        ("A2", age < 55 and (dysp or f["reflux"])),
        ("A3", f["fh_crc"] and not symptomatic)] if ok] + ["D"]
    return hits if every else hits[0]


def all_readings(f):
    out = set()
    for combo in itertools.product([False, True], repeat=len(READINGS)):
        out.add(rule_for(f, dict(zip(READINGS, combo))))
    return out


# ---- number parsing from evidence strings ---------------------------------------
NUM = r"([<>]?\d+(?:\.\d+)?)"


def parse_hb(s):
    m = re.search(r"(?i)\b(?:hb|haemoglobin)\b\D{0,3}?" + NUM, s)
    if not m:
        return None
    v = float(m.group(1))
    tail = s[m.end():m.end() + 14].lower()
    if "g/dl" in tail or (v < 25):
        v *= 10
    return round(v)


def parse_simple(s, keys):
    m = re.search(r"(?i)\b(?:%s)\b\D{0,4}?%s" % (keys, NUM), s)
    if not m:
        return None
    t = m.group(1)
    if t.startswith("<"):
        return ("lt", float(t[1:]))
    if t.startswith(">"):
        return ("gt", float(t[1:]))
    return float(t)


def parse_fit(s):
    low = s.lower()
    if re.search(r"\bq?fit\b|faecal immunochemical", low) is None:
        return None
    if "undetectable" in low or "negative" in low:
        return ("lt", 10.0)
    return parse_simple(s, r"q?FIT|faecal immunochemical test|FIT result")


def value_matches(parsed, true_val, fact):
    if parsed is None:
        return False
    if isinstance(parsed, tuple):
        kind, x = parsed
        if kind == "lt":
            return true_val < x and (fact != "fit" or true_val < 10)
        return true_val > x
    return abs(parsed - true_val) < 0.6


FORM_MARKS = ("\u2611", "\u2610", "\u25a0", "\u25a1", "\u2714", "[Y]", "[N]", "Yes[", "(Y)", "(Y\u0336)")


def check_values(lid, m):
    f, ev = m["facts"], m["evidence"]
    for fact, parser in (("hb", parse_hb), ("ferritin", lambda s: parse_simple(s, "ferritin|ferr")),
                         ("fit", parse_fit), ("calprotectin", lambda s: parse_simple(s, "calprotectin|FCP|calpro")),
                         ("alt", lambda s: parse_simple(s, "ALT|alanine transaminase"))):
        if f[fact] is None:
            if ev.get(fact):
                err(lid, "evidence for absent value %s" % fact)
            continue
        strings = [s for s in ev.get(fact, []) if not any(x in s for x in FORM_MARKS)]
        if not strings:
            err(lid, "no parsable evidence for %s" % fact)
        for s in strings:
            p = parser(s)
            if not value_matches(p, f[fact], fact):
                err(lid, "value %s=%s not what evidence %r says (%r)" % (fact, f[fact], s, p))
    if f["coeliac_serology"] is not None:
        for s in ev.get("coeliac_serology", []):
            pos = f["coeliac_serology"] == "positive"
            said_pos = "positive" in s.lower() or "raised" in s.lower() or \
                (re.search(r"ref <7", s) is not None and parse_simple(s, "tTG IgA") not in (None,) and
                 not isinstance(parse_simple(s, "tTG IgA"), tuple) and parse_simple(s, "tTG IgA") >= 7)
            if pos != said_pos or (not pos and "negative" not in s.lower()):
                err(lid, "coeliac serology evidence %r does not say %s" % (s, f["coeliac_serology"]))


def nhs_ok(n):
    d = [int(c) for c in n.replace(" ", "")]
    if len(d) != 10:
        return False
    c = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def age_between(dob, day):
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--rerun", action="store_true")
    a = ap.parse_args()
    d = a.dir
    raw = open(os.path.join(d, "letters.jsonl"), "rb").read()
    letters = [json.loads(x) for x in raw.decode("utf-8").splitlines()]
    metas = {m["id"]: m for m in (json.loads(x) for x in open(os.path.join(d, "letters_meta.jsonl"), encoding="utf-8"))}
    if len(letters) != 300:
        err("set", "expected 300 letters, found %d" % len(letters))
    ids = [x["id"] for x in letters]
    if ids != ["L17-%04d" % i for i in range(1, len(letters) + 1)]:
        err("set", "ids are not L17-0001..L17-0300 in order")
    if set(ids) != set(metas):
        err("set", "meta ids differ from letter ids")
    also = Counter()
    for x in letters:
        lid = x["id"]
        if list(x) != ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]:
            err(lid, "fields %s" % list(x))
        m = metas.get(lid)
        if m is None:
            continue
        f = m["facts"]
        text = x["text"]
        if x["urgency"] not in URGENCY or x["pathway"] not in PATHWAY:
            err(lid, "label spelling")
        rules = all_readings(f)
        if len(rules) != 1:
            err(lid, "label depends on a loose reading: %s" % sorted(rules))
        strict = rule_for(f, dict((r, r == "a1_other_fact_strict") for r in READINGS))
        if strict != x["rule"] or m["rule"] != x["rule"]:
            err(lid, "rule %s in file, %s re-derived" % (x["rule"], strict))
        if TABLE[x["rule"]] != "%s %s" % (x["urgency"], x["pathway"]):
            err(lid, "urgency/pathway do not follow rule %s" % x["rule"])
        # which later rules would also have matched (rule-order cases), for the report
        allm = rule_for(f, dict((r, r == "a1_other_fact_strict") for r in READINGS), every=True)
        if len([r for r in allm if r != "D"]) > 1:
            also[x["rule"]] += 1
        # evidence and distractors are in the text
        for k, strs in m["evidence"].items():
            for s in strs:
                if s not in text:
                    err(lid, "evidence for %s not in text: %r" % (k, s))
        for dd in m["distractors"]:
            if dd["text"] not in text:
                err(lid, "distractor not in text: %r" % dd["text"])
            k = dd["fact"]
            if k in f and f[k] is True and dd["kind"] in ("negated", "unticked_box", "resolved", "hypothetical",
                                                          "refuted_claim", "explained"):
                err(lid, "distractor %s for a positive fact %s" % (dd["kind"], k))
        for k in SYMPTOMS + ["known_cirrhosis", "known_ibd", "ibd_stable", "management_question", "fh_crc", "pregnant"]:
            if f[k] and not m["evidence"].get(k):
                err(lid, "positive fact %s has no evidence" % k)
        for k in ("ppi_weeks", "coeliac_serology", "fatty_liver_imaging"):
            if f[k] is not None and not m["evidence"].get(k):
                err(lid, "value %s has no evidence" % k)
        check_values(lid, m)
        # ambiguity guards that are not readings of the rule table
        if f["pregnant"] and f["hb"] is not None:
            err(lid, "Hb given in pregnancy")
        if f["ppi_weeks"] is not None and 2 < f["ppi_weeks"] < 4:
            err(lid, "PPI duration close to 4 weeks")
        if x["rule"] == "A3" and not m["evidence"].get("asymptomatic"):
            err(lid, "A3 letter does not say the patient is symptom-free")
        if f["weight_loss"] and not any(re.search(r"\d", s) for s in m["evidence"]["weight_loss"]):
            err(lid, "weight loss never quantified")
        # age, dates, identifiers
        dob = dt.date.fromisoformat(m["dob"])
        ld = dt.date.fromisoformat(m["letter_date"])
        age = age_between(dob, ld)
        if age != x["age"] or age != f["age"]:
            err(lid, "age %s but DOB/letter date give %d" % (x["age"], age))
        if not 18 <= age <= 95:
            err(lid, "age out of range")
        if m["dob_text"] not in text or m["letter_date_text"] not in text:
            err(lid, "DOB or letter date not written in the letter")
        for mm in re.finditer(r"\b(\d+)-year-old\b", text):
            if int(mm.group(1)) != age:
                err(lid, "text states age %s" % mm.group(1))
        if m["age_mode"] == "stated" and not re.search(r"\b%d(?:[MF]\b|\b)" % age, text):
            err(lid, "age said to be stated but not found")
        if x["style"] == "scottish_usc_form":
            chi = m["chi_number"]
            if not (chi and chi in text and nhs_ok(chi) and chi[:6] == dob.strftime("%d%m%y")
                    and int(chi[8]) % 2 == (1 if f["sex"] == "M" else 0)):
                err(lid, "CHI number wrong")
        elif not (m["nhs_number"] in text and nhs_ok(m["nhs_number"])):
            err(lid, "NHS number missing or invalid")
        # requested priority
        cls = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine",
               "advice_and_guidance": "advice"}[x["urgency"]]
        gpc = m["gp_priority_class"]
        if (x["gp_priority"] is None) != (gpc is None):
            err(lid, "gp_priority and its class disagree")
        if m["gp_priority_disagrees"] != (gpc is not None and gpc != cls):
            err(lid, "gp_priority_disagrees flag wrong")
    # mix
    urg = Counter(x["urgency"] for x in letters)
    pth = Counter(x["pathway"] for x in letters)
    sty = Counter(x["style"] for x in letters)
    for u in URGENCY:
        if urg[u] < 25:
            err("mix", "only %d letters with urgency %s" % (urg[u], u))
    for p in PATHWAY:
        if pth[p] == 0:
            err("mix", "pathway %s absent" % p)
    if len(sty) < 30:
        err("mix", "only %d layouts/writers" % len(sty))
    plain = sum(1 for m in metas.values() if m["plain_gp_letter"])
    if not 85 <= plain <= 115:
        err("mix", "%d plain GP letters (want about a third)" % plain)
    dis = sum(1 for m in metas.values() if m["gp_priority_disagrees"])
    over = sum(1 for x in letters if metas[x["id"]]["gp_priority_disagrees"] and
               ["advice", "routine", "urgent", "usc"].index(metas[x["id"]]["gp_priority_class"]) >
               ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"].index(x["urgency"]))
    if not 120 <= dis <= 180:
        err("mix", "%d letters with a disagreeing requested priority (want about half)" % dis)
    if over == 0 or over == dis:
        err("mix", "need both over- and under-asking")
    noisy = sum(1 for m in metas.values() if m["noise_edits"])
    if not 20 <= noisy <= 40:
        err("mix", "%d noisy letters (want about 10%%)" % noisy)
    # README hash
    sha = hashlib.sha256(raw).hexdigest()
    rd = open(os.path.join(d, "README.md"), encoding="utf-8").read()
    if sha not in rd:
        err("README", "sha256 of letters.jsonl (%s) not in README.md" % sha)
    if a.rerun:
        with tempfile.TemporaryDirectory() as td:
            subprocess.run([sys.executable, os.path.join(d, "make_set.py"), "--out", td], check=True,
                           stdout=subprocess.DEVNULL)
            for fn in ("letters.jsonl", "letters_meta.jsonl", "README.md"):
                if open(os.path.join(td, fn), "rb").read() != open(os.path.join(d, fn), "rb").read():
                    err("rerun", "%s differs on a fresh run" % fn)
    rules = Counter(x["rule"] for x in letters)
    print("letters: %d   styles: %d   plain GP letters: %d   priority disagrees: %d (over-asking %d, under-asking %d)   noisy: %d"
          % (len(letters), len(sty), plain, dis, over, dis - over, noisy))
    print("urgency:", dict(sorted(urg.items())))
    print("pathway:", dict(sorted(pth.items())))
    print("rule:", dict(sorted(rules.items())))
    print("letters where a later rule also matches (rule-order cases): %d %s" % (sum(also.values()), dict(sorted(also.items()))))
    print("readings tried per letter: %d combinations of %s" % (2 ** len(READINGS), ", ".join(READINGS)))
    if errors:
        print("FAIL: %d problems" % len(errors))
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("PASS: every label re-derived from the meta facts; evidence and distractors found in the texts"
          + ("; rerun byte-identical" if a.rerun else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
