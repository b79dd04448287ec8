#!/usr/bin/env python3
"""Independent re-check of set letters24 (does NOT import make_set.py).

Re-derives every label from the facts recorded in letters_meta.jsonl, using
its own reading of /work/shared/clinical/referral-triage-spec.md, and checks
that the evidence and distractor strings really occur in each letter's text.
Exit status 0 when every check passes.
"""
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCY = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATHWAY = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
SPEC_TABLE = {  # rule id -> (urgency, pathway), copied from the spec's rules table
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


def below(entry, limit):
    """entry = [op, value]; 'is the value below limit?'  None when it cannot be told."""
    op, v = entry
    if op == "=":
        return v < limit
    if op == "<":
        return True if v <= limit else None
    if op == ">":
        return False if v >= limit else None
    return None


def relabel(f):
    """Returns (rule, problems)."""
    probs = []
    s = set(f["sx"])
    age = f["age"]
    labs = f["labs"]

    def last(k):
        return labs[k][-1] if labs.get(k) else None

    def b(k, limit):
        e = last(k)
        if e is None:
            return None
        r = below(e, limit)
        if r is None:
            probs.append("undecidable %s %r vs %s" % (k, e, limit))
        return r

    hb_low = b("hb", 130 if f["sex"] == "M" else 120)
    fer_low = b("ferritin", 30)
    fit_b10 = b("fit", 10)
    cal_b100, cal_b250 = b("calprotectin", 100), b("calprotectin", 250)
    alt_b40, alt_b300 = b("alt", 40), b("alt", 300)
    has_fit = last("fit") is not None
    trd = "dyspepsia" in s and f["ppi"] is not None and below(f["ppi"], 4) is False
    if f["ppi"] is not None and below(f["ppi"], 4) is None:
        probs.append("undecidable PPI duration")

    # loose-word hazards this set promises to avoid
    if "bloody_diarrhoea" in s and ({"rectal_bleeding", "cibh"} & s or (age >= 50 and not has_fit)):
        probs.append("bloody diarrhoea could be read as rectal bleeding / CIBH")
    if "rectal_bleeding" in s and f.get("cibh_detail") == "loose":
        probs.append("rectal bleeding with loose stools could be read as bloody diarrhoea")
    if "upper_abdominal_pain" in s and not (age >= 55 and "weight_loss" in s):
        probs.append("upper abdominal pain outside U5")
    if "dyspepsia" in s and (has_fit or last("calprotectin") is not None or ("weight_loss" in s and 40 <= age < 55)):
        probs.append("dyspepsia might be read as abdominal pain")

    chain = [
        ("U1", "dysphagia" in s),
        ("U2", bool(s & {"rectal_mass", "anal_mass", "anal_ulceration"})),
        ("U3", fit_b10 is False),
        ("U4", bool(hb_low) and bool(fer_low)),
        ("U5", age >= 55 and "weight_loss" in s and bool(s & {"upper_abdominal_pain", "reflux", "dyspepsia"})),
        ("U6", "abdominal_mass" in s),
        ("U7", age >= 40 and "jaundice" in s),
        ("U8", not has_fit and ((age >= 50 and "rectal_bleeding" in s)
                                or (age >= 40 and "weight_loss" in s and "abdominal_pain" in s)
                                or (age >= 60 and "cibh" in s))),
        ("R1", "bloody_diarrhoea" in s or cal_b250 is False),
        ("R2", f.get("cirrhosis") in ("ascites", "confusion") or alt_b300 is False),
        ("R3", "haematemesis" in s),
        ("O1", age >= 55 and trd),
        ("O2", cal_b100 is False and cal_b250 is True),
        ("O3", bool(f.get("ibd_stable_question"))),
        ("O4", f.get("ttg") == "raised"),
        ("O5", alt_b40 is False or bool(f.get("fatty_liver"))),
    ]
    for rid, hit in chain:
        if hit:
            return rid, probs
    a1_sx = s & {"abdominal_pain", "bloating", "cibh"}
    a1_test = cal_b100 is True or fit_b10 is True
    if age < 50 and a1_sx and a1_test:
        others = (s - {"abdominal_pain", "bloating", "cibh"}) or hb_low or fer_low or f.get("cirrhosis") \
            or f.get("ibd_known") or f.get("ttg") == "raised" or f.get("ppi") is not None
        if others:
            probs.append("A1 'no other fact above' is open to reading")
        return "A1", probs
    if s & {"rectal_bleeding", "cibh", "abdominal_pain"} and fit_b10 is True:
        return "O6", probs
    if age < 55 and s & {"dyspepsia", "reflux"}:
        return "A2", probs
    if f.get("fh_crc") and not s:
        if hb_low or fer_low or f.get("cirrhosis") or f.get("ibd_known"):
            probs.append("A3 'no symptoms' with abnormal findings")
        return "A3", probs
    return "D", probs


def nhs_ok(n):
    d = [int(c) for c in n]
    c = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n):
    if n < 20:
        return NUMW[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + NUMW[u] if u else "")


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errors = []
    warn = []
    if len(letters) != 300:
        errors.append("expected 300 letters, got %d" % len(letters))
    ids = [x["id"] for x in letters]
    if ids != ["L24-%04d" % i for i in range(1, len(letters) + 1)]:
        errors.append("ids not L24-0001.. in order")
    keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
    for x in letters:
        lid = x["id"]
        if list(x.keys()) != keys:
            errors.append("%s: keys %s" % (lid, list(x.keys())))
        m = metas.get(lid)
        if m is None:
            errors.append("%s: no meta" % lid)
            continue
        f = m["facts"]
        if x["urgency"] not in URGENCY or x["pathway"] not in PATHWAY:
            errors.append("%s: label spelling" % lid)
        rule, probs = relabel(f)
        for p in probs:
            errors.append("%s: %s" % (lid, p))
        if rule != x["rule"]:
            errors.append("%s: rule %s but facts give %s" % (lid, x["rule"], rule))
        if SPEC_TABLE[rule] != (x["urgency"], x["pathway"]):
            errors.append("%s: labels %s/%s but %s gives %s" % (lid, x["urgency"], x["pathway"], rule, SPEC_TABLE[rule]))
        # age
        dob = datetime.date.fromisoformat(m["dob"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        if not (18 <= x["age"] <= 95) or x["age"] != f["age"] or age_at(dob, ld) != x["age"]:
            errors.append("%s: age %s vs DOB/letter date %s" % (lid, x["age"], age_at(dob, ld)))
        t = x["text"]
        tl = t.lower()
        for s in (m["dob_as_written"], m["letter_date_as_written"]):
            if s.lower() not in tl:
                errors.append("%s: date %r not in text" % (lid, s))
        how = m["age_given_as"]
        if how == "number" and not re.search(r"(?<!\d)%d(?!\d)" % x["age"], t):
            errors.append("%s: numeric age missing" % lid)
        if how == "words" and in_words(x["age"]) not in tl:
            errors.append("%s: age in words missing" % lid)
        if how == "date of birth only" and re.search(r"(?<![\d/.-])%d(-year-old| yo|y |[MF]\b)" % x["age"], t):
            errors.append("%s: DOB-only letter states age" % lid)
        # evidence
        ev = m["evidence"]
        for k in f["sx"]:
            if not ev.get(k):
                errors.append("%s: no evidence for %s" % (lid, k))
        for k in f["labs"]:
            if not ev.get(k):
                errors.append("%s: no evidence for lab %s" % (lid, k))
        for k in ("ibd_stable_question", "cirrhosis", "fatty_liver", "fh_crc"):
            if f.get(k) and not ev.get(k):
                errors.append("%s: no evidence for %s" % (lid, k))
        if f.get("ttg") == "raised" and not ev.get("ttg"):
            errors.append("%s: no evidence for ttg" % lid)
        for k, v in ev.items():
            for s in v:
                if s not in t:
                    errors.append("%s: evidence %r not in text" % (lid, s))
        for d in m["distractors"]:
            if d["text"] not in t:
                errors.append("%s: distractor %r not in text" % (lid, d["text"]))
            if not d.get("kind"):
                errors.append("%s: distractor without kind" % lid)
        for n in re.findall(r"NHS(?: No| number)?:? (\d{3} \d{3} \d{4})", t, flags=re.I):
            if not nhs_ok(n.replace(" ", "")):
                errors.append("%s: bad NHS number %s" % (lid, n))
        if m["style"] != x["style"] or m["rule"] != x["rule"]:
            errors.append("%s: meta/letter mismatch" % lid)
        if x["gp_priority"] != m["gp_priority"]:
            errors.append("%s: gp_priority mismatch" % lid)
    # mix
    by_style = collections.Counter(x["style"] for x in letters)
    if len(by_style) != 20 or set(by_style.values()) != {15}:
        errors.append("styles: %s" % dict(by_style))
    urg = collections.Counter(x["urgency"] for x in letters)
    for u in URGENCY:
        if urg[u] < 25:
            errors.append("urgency %s only %d" % (u, urg[u]))
    pth = collections.Counter(x["pathway"] for x in letters)
    for p in PATHWAY:
        if pth[p] == 0:
            errors.append("pathway %s absent" % p)
    near = sum(1 for m in metas.values() if m["near_line"])
    if near < 90:
        errors.append("only %d near-line letters" % near)
    dis = sum(1 for m in metas.values() if m["gp_priority_disagrees"])
    if not 120 <= dis <= 180:
        errors.append("gp_priority disagrees in %d letters (want about half)" % dis)
    noise = sum(1 for m in metas.values() if m["ocr_noise"])
    print("letters: %d" % len(letters))
    print("urgency:", dict(sorted(urg.items())))
    print("pathway:", dict(sorted(pth.items())))
    print("rule:", dict(sorted(collections.Counter(x["rule"] for x in letters).items())))
    print("style:", dict(sorted(by_style.items())))
    print("near-line letters: %d; gp_priority disagrees: %d; null gp_priority: %d; OCR-noise letters: %d"
          % (near, dis, sum(1 for x in letters if x["gp_priority"] is None), noise))
    print("distractor kinds:", dict(sorted(collections.Counter(d["kind"] for m in metas.values() for d in m["distractors"]).items())))
    if errors:
        print("FAIL: %d problems" % len(errors))
        for e in errors[:60]:
            print("  " + e)
        sys.exit(1)
    print("PASS: all %d labels re-derived from meta facts; all evidence and distractor strings found in text" % len(letters))


if __name__ == "__main__":
    main()
