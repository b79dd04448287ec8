#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters16 test set.

Does NOT import make_set.py. Reads letters.jsonl and letters_meta.jsonl and, for every letter:
  * re-derives the age from the date of birth and letter date strings written in the letter,
  * re-parses every value (Hb, ferritin, calprotectin, ALT, tTG, FIT) from the raw strings as written,
  * re-applies the rules of /work/shared/clinical/referral-triage-spec.md (first match wins) to the
    meta facts and the re-parsed values, and compares rule, urgency and pathway with the letter,
  * checks that every evidence and distractor string really is in the text, that negated or
    "normal value" distractors do not contradict the facts, and that no alternative reading of a
    loose word in the spec would give a different rule,
  * checks the mix (label counts, styles, requested-priority disagreement, noise, ages).
Exit status 0 when everything passes.
"""
import collections
import datetime
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SPEC = {  # rule -> (urgency, pathway), copied by hand from the spec's rule table
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
URGENCIES = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAYS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
KEYS = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
DISTRACTOR_KINDS = {"negated", "family_history", "resolved_past", "hypothetical", "normal_value", "unticked_box",
                    "uncertain", "explained"}

problems = []


def bad(lid, msg):
    problems.append("%s: %s" % (lid, msg))


# --------------------------------------------------------------------------- parsing
NUMWORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                        "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
NUMWORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90})


def words_to_int(s):
    s = s.lower().replace(" and ", " ").replace("-", " ")
    total = 0
    cur = 0
    seen = False
    for w in s.split():
        if w in NUMWORDS:
            cur += NUMWORDS[w]
            seen = True
        elif w == "hundred":
            cur = (cur or 1) * 100
            seen = True
        else:
            return None
    return total + cur if seen else None


def number(raw):
    """A number from a raw value string as written, or None."""
    raw = raw.strip()
    m = re.fullmatch(r"[<>]?\s*(\d+(?:\.\d+)?)", raw)
    if m:
        return float(m.group(1))
    return words_to_int(raw)


def parse_fit(raw):
    r = raw.lower().strip()
    if r in ("negative", "not detected", "undetectable"):
        return 0.0
    m = re.fullmatch(r"positive\s*\((\d+(?:\.\d+)?)\)", r)
    if m:
        return float(m.group(1))
    m = re.fullmatch(r"<\s*(\d+(?:\.\d+)?)", r)
    if m:
        v = float(m.group(1))
        if v > 10:
            return None  # "< 40" would not say which side of 10 it is
        return v - 0.01
    m = re.fullmatch(r">\s*(\d+(?:\.\d+)?)", r)
    if m:
        return float(m.group(1)) + 0.01
    return number(r)


def parse_hb(raw, unit):
    v = number(raw)
    if v is None:
        return None
    if unit == "g/dL" or (unit is None and v < 25):
        return v * 10
    return v


MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def parse_date(s):
    t = s.strip()
    t = re.sub(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+", "", t, flags=re.I)
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", t)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", t)
    if m:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(\d{1,2})[- ]([A-Za-z]+)[- ](\d{4})", t)
    if m:
        return datetime.date(int(m.group(3)), MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
    raise ValueError("unparsed date %r" % s)


def years_between(dob, when):
    y = when.year - dob.year
    if (when.month, when.day) < (dob.month, dob.day):
        y -= 1
    return y


def stated_age(s):
    m = re.search(r"(\d+)", s)
    if m:
        return int(m.group(1))
    w = re.match(r"([a-z\-]+?)-year-old", s)
    if w:
        return words_to_int(w.group(1))
    return None


def nhs_ok(n):
    d = [int(c) for c in n.replace(" ", "")]
    if len(d) != 10:
        return False
    s = sum(d[i] * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


# --------------------------------------------------------------------------- the spec, re-implemented
def decide(f, v, reading=frozenset()):
    """f: boolean facts (copied and adjusted per reading); v: parsed values. Returns the rule id."""
    f = dict(f)
    if "uncertain" in reading:
        for k in f["uncertain_mentions"]:
            f[k] = True
    if "explained" in reading and f["wl_explained"]:
        f["weight_loss"] = True
    if "bloody_diarrhoea_means_rectal_bleeding" in reading and f["bloody_diarrhoea"]:
        f["rectal_bleeding"] = f["diarrhoea"] = True
    if "bleeding_with_diarrhoea_means_bloody_diarrhoea" in reading and f["rectal_bleeding"] and f["diarrhoea"]:
        f["bloody_diarrhoea"] = True
    if "diarrhoea_means_cibh" in reading and f["diarrhoea"]:
        f["cibh"] = True
    if "upper_pain_counts_as_abdominal_pain" in reading and f["upper_abdo_pain"]:
        f["abdo_pain"] = True
    if "unsited_pain_counts_as_upper" in reading and f["abdo_pain"] and f["abdo_site"] != "lower":
        f["upper_abdo_pain"] = True
    if "upper_pain_counts_as_dyspepsia" in reading and f["upper_abdo_pain"]:
        f["dyspepsia"] = True
    if "reflux_counts_as_dyspepsia" in reading and f["reflux"]:
        f["dyspepsia"] = True
    age = f["age"]
    hb, fer, cal, alt, fit = v["hb"], v["ferritin"], v["calprotectin"], v["alt"], v["fit"]
    anaemia = hb is not None and hb < (130 if f["sex"] == "M" else 120)
    iron_def = fer is not None and fer < 30
    trd = f["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4 and f["persist_on_ppi"]
    no_fit = fit is None
    checks = [
        ("U1", lambda: f["dysphagia"]),
        ("U2", lambda: f["rectal_mass"] or f["anal_mass"] or f["anal_ulceration"]),
        ("U3", lambda: fit is not None and fit >= 10),
        ("U4", lambda: anaemia and iron_def),
        ("U5", lambda: age >= 55 and f["weight_loss"] and (f["upper_abdo_pain"] or f["reflux"] or f["dyspepsia"])),
        ("U6", lambda: f["abdominal_mass"]),
        ("U7", lambda: age >= 40 and f["jaundice"]),
        ("U8", lambda: no_fit and ((age >= 50 and f["rectal_bleeding"]) or (age >= 40 and f["weight_loss"] and f["abdo_pain"])
                                   or (age >= 60 and f["cibh"]))),
        ("R1", lambda: f["bloody_diarrhoea"] or (cal is not None and cal >= 250)),
        ("R2", lambda: (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300)),
        ("R3", lambda: f["haematemesis"]),
        ("O1", lambda: age >= 55 and trd),
        ("O2", lambda: cal is not None and 100 <= cal <= 249),
        ("O3", lambda: f["known_ibd"] and f["ibd_stable"] and f["ibd_question"]),
        ("O4", lambda: f["ttg_raised"]),
        ("O5", lambda: (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]),
        ("A1", lambda: age < 50 and (f["abdo_pain"] or f["bloating"] or f["cibh"])
         and ((cal is not None and cal < 100) or (fit is not None and fit < 10))
         and not ("a1_no_other_mentions" in reading and (
             f["rectal_bleeding"] or f["weight_loss"] or f["dyspepsia"] or f["reflux"] or f["upper_abdo_pain"] or f["jaundice"]
             or anaemia or iron_def or alt is not None or f["fh_crc"] or f["known_ibd"] or f["cirrhosis"]
             or f["haematemesis"] or f["bloody_diarrhoea"] or f["ttg_raised"]))),
        ("O6", lambda: (f["rectal_bleeding"] or f["cibh"] or f["abdo_pain"]) and fit is not None and fit < 10),
        ("A2", lambda: age < 55 and (f["dyspepsia"] or f["reflux"])),
        ("A3", lambda: f["fh_crc"] and not any(f[k] for k in SYMPTOMS) and
         ("a3_gi_symptoms_only" in reading or not f["other_symptoms"])),
    ]
    for rid, test in checks:
        if test():
            return rid
    return "D"


SYMPTOMS = ["dysphagia", "weight_loss", "upper_abdo_pain", "abdo_pain", "reflux", "dyspepsia", "jaundice",
            "rectal_bleeding", "cibh", "diarrhoea", "bloating", "bloody_diarrhoea", "haematemesis", "ascites", "confusion"]
READINGS = ["uncertain", "explained", "bloody_diarrhoea_means_rectal_bleeding", "bleeding_with_diarrhoea_means_bloody_diarrhoea",
            "diarrhoea_means_cibh", "upper_pain_counts_as_abdominal_pain", "unsited_pain_counts_as_upper",
            "upper_pain_counts_as_dyspepsia", "reflux_counts_as_dyspepsia", "a1_no_other_mentions", "a3_gi_symptoms_only"]


# form criteria as printed on the NG12 forms, and what each one means under the spec's facts
def _anaemic(f, v):
    return v["hb"] is not None and v["hb"] < (130 if f["sex"] == "M" else 120)


CRITERIA = [
    ("FIT result of 10 ug Hb/g or more", lambda f, v: v["fit"] is not None and v["fit"] >= 10),
    ("Unexplained anal ulceration", lambda f, v: f["anal_ulceration"]),
    ("Rectal mass", lambda f, v: f["rectal_mass"]),
    ("Anal mass", lambda f, v: f["anal_mass"]),
    ("Upper abdominal mass consistent with stomach cancer", lambda f, v: f["abdominal_mass"]),
    ("Abdominal mass", lambda f, v: f["abdominal_mass"]),
    ("Iron-deficiency anaemia", lambda f, v: _anaemic(f, v) and v["ferritin"] is not None and v["ferritin"] < 30),
    ("Aged 50 and over with unexplained rectal bleeding", lambda f, v: f["age"] >= 50 and f["rectal_bleeding"]),
    ("Aged 40 and over with unexplained weight loss and abdominal pain",
     lambda f, v: f["age"] >= 40 and f["weight_loss"] and f["abdo_pain"]),
    ("Aged 60 and over with change in bowel habit", lambda f, v: f["age"] >= 60 and f["cibh"]),
    ("Dysphagia (any age)", lambda f, v: f["dysphagia"]),
    ("Aged 55 and over with weight loss AND upper abdominal pain",
     lambda f, v: f["age"] >= 55 and f["weight_loss"] and f["upper_abdo_pain"]),
    ("Aged 55 and over with weight loss AND reflux", lambda f, v: f["age"] >= 55 and f["weight_loss"] and f["reflux"]),
    ("Aged 55 and over with weight loss AND dyspepsia", lambda f, v: f["age"] >= 55 and f["weight_loss"] and f["dyspepsia"]),
    ("Haematemesis", lambda f, v: f["haematemesis"]),
    ("Aged 55 and over with treatment-resistant dyspepsia",
     lambda f, v: f["age"] >= 55 and f["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4 and f["persist_on_ppi"]),
]


def criterion_in(line):
    for lab, fn in CRITERIA:
        if lab in line:
            return lab, fn
    return None, None


# --------------------------------------------------------------------------- per letter
def check_letter(L, M):
    lid = L["id"]
    text = L["text"]
    if list(L.keys()) != KEYS:
        bad(lid, "keys %s" % list(L.keys()))
    if L["urgency"] not in URGENCIES or L["pathway"] not in PATHWAYS or L["rule"] not in SPEC:
        bad(lid, "label spelling")
    if SPEC.get(L["rule"]) != (L["urgency"], L["pathway"]):
        bad(lid, "rule %s does not carry %s/%s" % (L["rule"], L["urgency"], L["pathway"]))
    f = M["facts"]
    # ---- age
    ai = M["age_info"]
    if not (18 <= L["age"] <= 95):
        bad(lid, "age out of range")
    if not ai["dob"] or not ai["letter_date"]:
        bad(lid, "no DOB or letter date written")
    else:
        for s in ai["dob"] + ai["letter_date"] + ai["stated"]:
            if s not in text:
                bad(lid, "age string not in text: %r" % s)
        dob = parse_date(ai["dob"][0])
        ld = parse_date(ai["letter_date"][0])
        for s in ai["dob"]:
            if parse_date(s) != dob:
                bad(lid, "two different DOBs")
        for s in ai["letter_date"]:
            if parse_date(s) != ld:
                bad(lid, "two different letter dates")
        a = years_between(dob, ld)
        if ld.year - dob.year != a or (ld - datetime.date(ld.year, dob.month, dob.day)).days < 61:
            bad(lid, "birthday too close to the letter date for a robust age")
        if a != L["age"] or a != f["age"]:
            bad(lid, "age from DOB %d != %s/%s" % (a, L["age"], f["age"]))
        for s in ai["stated"]:
            if stated_age(s) != a:
                bad(lid, "stated age %r != %d" % (s, a))
        if ai["age_mode"] == "dob_only" and ai["stated"]:
            bad(lid, "dob_only letter states an age")
    if not M["sex_evidence"] or any(s not in text for s in M["sex_evidence"]):
        bad(lid, "sex evidence missing")
    # ---- evidence
    for fact, strs in M["evidence"].items():
        for s in strs:
            if s not in text:
                bad(lid, "evidence for %s not in text: %r" % (fact, s[:60]))
    for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdo_pain", "abdo_pain",
              "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "cibh", "diarrhoea", "bloating",
              "bloody_diarrhoea", "cirrhosis", "ascites", "confusion", "haematemesis", "known_ibd", "ibd_stable",
              "ibd_question", "fatty_liver"]:
        if f[k] and not M["evidence"].get(k):
            bad(lid, "fact %s true but no evidence" % k)
        if not f[k] and M["evidence"].get(k):
            bad(lid, "evidence for %s but fact false" % k)
    if f["fh_crc"] and not (M["evidence"].get("fh_crc") or any(d["fact"] == "fh_crc" for d in M["distractors"])):
        bad(lid, "fh_crc without text")
    # ---- values
    vals = collections.defaultdict(list)
    for v in M["values"]:
        if v["evidence"] not in text:
            bad(lid, "value evidence not in text %r" % v["evidence"])
        if v["raw"] is not None and v["raw"].lower() not in v["evidence"].lower():
            bad(lid, "raw %r not inside its evidence %r" % (v["raw"], v["evidence"]))
        vals[v["name"]].append(v)
    parsed = {}
    for name in ("hb", "ferritin", "calprotectin", "alt"):
        got = set()
        for v in vals.get(name, []):
            x = parse_hb(v["raw"], v["unit"]) if name == "hb" else number(v["raw"])
            if x is None:
                bad(lid, "cannot parse %s %r" % (name, v["raw"]))
            got.add(x)
        if len(got) > 1:
            bad(lid, "%s written with two values %s" % (name, got))
        parsed[name] = got.pop() if got else None
    fits = [v for v in vals.get("fit", [])]
    results = {parse_fit(v["raw"]) for v in fits if v.get("status") == "result"}
    if None in results:
        bad(lid, "unparsed FIT")
    if len(results) > 1:
        bad(lid, "two FIT values")
    parsed["fit"] = results.pop() if results else None
    if f["fit_status"] == "result" and parsed["fit"] is None:
        bad(lid, "fit result in facts but not written")
    if f["fit_status"] != "result" and parsed["fit"] is not None:
        bad(lid, "fit written but facts say %s" % f["fit_status"])
    ttg = vals.get("ttg", [])
    raised = [v for v in ttg if v["role"] == "fact"]
    if bool(raised) != bool(f["ttg_raised"]):
        bad(lid, "tTG raised flag inconsistent")
    for v in ttg:
        n = number(v["raw"]) if v["raw"][:1].isdigit() or v["raw"][:1] in "<>" else None
        if v["role"] == "fact" and (n is None or n < 15):
            bad(lid, "raised tTG %r not clearly raised" % v["raw"])
        if v["role"] != "fact" and not (v["raw"] in ("negative",) or (n is not None and n < 2)):
            bad(lid, "negative tTG %r not clearly negative" % v["raw"])
    # anaemia / values kept away from thresholds
    thr = 130 if f["sex"] == "M" else 120
    if parsed["hb"] is not None and abs(parsed["hb"] - thr) < 5:
        bad(lid, "Hb %s within 5 of the threshold" % parsed["hb"])
    # ---- distractors
    for d in M["distractors"]:
        if d["kind"] not in DISTRACTOR_KINDS:
            bad(lid, "unknown distractor kind %s" % d["kind"])
        if d["text"] not in text:
            bad(lid, "distractor not in text %r" % d["text"][:60])
        if d["kind"] == "unticked_box":
            lab, fn = criterion_in(d["text"])
            if lab is None:
                bad(lid, "unticked box with unknown criterion %r" % d["text"])
            elif fn(f, parsed):
                bad(lid, "criterion %r is met but its box is not ticked" % lab)
            continue
        if d["kind"] in ("negated", "hypothetical", "uncertain", "explained"):
            for k in d["fact"].split(","):
                if k in f and isinstance(f[k], bool) and f[k] and k not in ("ppi",):
                    bad(lid, "%s distractor about %s but the fact is true" % (d["kind"], k))
        if d["kind"] == "normal_value":
            k = d["fact"]
            if k == "hb" and parsed["hb"] is not None and parsed["hb"] < thr:
                bad(lid, "normal Hb distractor is anaemic")
            if k == "ferritin" and parsed["ferritin"] is not None and parsed["ferritin"] < 30:
                bad(lid, "normal ferritin distractor is low")
            if k == "alt" and parsed["alt"] is not None and parsed["alt"] >= 40:
                bad(lid, "normal ALT distractor is raised")
            if k == "fit" and parsed["fit"] is not None and parsed["fit"] >= 10:
                bad(lid, "normal FIT distractor is positive")
            if k == "calprotectin" and parsed["calprotectin"] is not None and parsed["calprotectin"] >= 100:
                bad(lid, "normal calprotectin distractor is raised")
    # ---- ticked criteria must be met
    ticked = set()
    for fact, strs in M["evidence"].items():
        for st in strs:
            lab, fn = criterion_in(st)
            if lab and not fn(f, parsed):
                bad(lid, "ticked criterion %r is not met" % lab)
            if lab:
                ticked.add(lab)
    for st in M["evidence"].get("gp_concern", []):
        if any(fn(f, parsed) for _l, fn in CRITERIA):
            bad(lid, "'other concern' ticked although a listed criterion is met")
    # ---- the label
    rule = decide(f, parsed)
    if rule != L["rule"] or rule != M["rule"]:
        bad(lid, "validator rule %s != letter %s" % (rule, L["rule"]))
    for r in READINGS:
        alt_rule = decide(f, parsed, frozenset([r]))
        if alt_rule != rule:
            bad(lid, "reading %s gives %s instead of %s" % (r, alt_rule, rule))
    if decide(f, parsed, frozenset(READINGS)) != rule:
        bad(lid, "all readings together change the rule")
    # ---- identifiers and priority
    if M["nhs_number"] not in text or not nhs_ok(M["nhs_number"]):
        bad(lid, "NHS number")
    for s in M["gp_priority_evidence"]:
        if s not in text:
            bad(lid, "priority text missing")
    if (L["gp_priority"] is None) != (M["gp_priority_level"] is None):
        bad(lid, "gp_priority null mismatch")
    if M["gp_priority_level"] is not None and not M["gp_priority_evidence"]:
        bad(lid, "priority requested but not written")
    return rule


def main():
    lp = os.path.join(HERE, "letters.jsonl")
    mp = os.path.join(HERE, "letters_meta.jsonl")
    letters = [json.loads(l) for l in open(lp, encoding="utf-8")]
    metas = [json.loads(l) for l in open(mp, encoding="utf-8")]
    if len(letters) != 300 or len(metas) != 300:
        bad("set", "expected 300 letters and 300 meta lines")
    ids = [l["id"] for l in letters]
    if ids != ["L16-%04d" % (i + 1) for i in range(len(letters))]:
        bad("set", "ids not L16-0001..")
    mby = {m["id"]: m for m in metas}
    for L in letters:
        if L["id"] not in mby:
            bad(L["id"], "no meta")
            continue
        check_letter(L, mby[L["id"]])
    # ---- mix
    urg = collections.Counter(l["urgency"] for l in letters)
    pw = collections.Counter(l["pathway"] for l in letters)
    rules = collections.Counter(l["rule"] for l in letters)
    styles = collections.Counter(l["style"] for l in letters)
    for u in URGENCIES:
        if urg[u] < 25:
            bad("mix", "fewer than 25 %s" % u)
    for p in PATHWAYS:
        if pw[p] == 0:
            bad("mix", "no %s" % p)
    if len(styles) < 30:
        bad("mix", "only %d styles" % len(styles))
    plain = sum(styles[s] for s in ("gp_dear_doctor", "gp_ers_structured", "gp_concise"))
    if not (85 <= plain <= 115):
        bad("mix", "plain GP letters %d, not about a third" % plain)
    rank = {u: i for i, u in enumerate(URGENCIES)}
    over = under = same = none = 0
    for L, M in ((l, mby[l["id"]]) for l in letters):
        g = M["gp_priority_level"]
        if g is None:
            none += 1
        elif g == L["urgency"]:
            same += 1
        elif rank[g] < rank[L["urgency"]]:
            over += 1
        else:
            under += 1
    if not (120 <= over + under <= 180) or over < 30 or under < 30:
        bad("mix", "priority disagreement over=%d under=%d" % (over, under))
    noisy = sum(1 for m in metas if m["noise"])
    if not (20 <= noisy <= 40):
        bad("mix", "noise in %d letters" % noisy)
    ages = [l["age"] for l in letters]
    lens = [len(l["text"]) for l in letters]
    h = hashlib.sha256(open(lp, "rb").read()).hexdigest()
    print("letters: %d   sha256(letters.jsonl) = %s" % (len(letters), h))
    print("urgency:", dict(sorted(urg.items())))
    print("pathway:", dict(sorted(pw.items())))
    print("rule:", dict(sorted(rules.items(), key=lambda kv: (kv[0][0] not in "U", kv[0]))))
    print("styles: %d distinct, plain GP letters %d" % (len(styles), plain))
    print("requested priority vs rules: same %d, over-asked %d, under-asked %d, not stated %d" % (same, over, under, none))
    print("ages %d-%d; text length %d-%d chars; letters with noise %d" % (min(ages), max(ages), min(lens), max(lens), noisy))
    kinds = collections.Counter(d["kind"] for m in metas for d in m["distractors"])
    print("distractors by kind:", dict(sorted(kinds.items())))
    if problems:
        print("\nPROBLEMS (%d):" % len(problems))
        for p in problems[:200]:
            print("  " + p)
        sys.exit(1)
    print("\nVALIDATION PASSED: every label re-derived from the meta facts and re-parsed values agrees; "
          "no alternative reading changes a label.")


if __name__ == "__main__":
    main()
