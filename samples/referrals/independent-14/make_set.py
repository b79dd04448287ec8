#!/usr/bin/env python3
"""make_set.py - generator for the sealed referral-letter test set "letters14".

Python 3 standard library only.  Every random choice is drawn from a random.Random
seeded with a sha256 of a descriptive string, so reruns give byte-identical files.

Pipeline per letter:
  1. a rule from the spec is allocated (fixed per-rule counts, shuffled);
  2. a layout/writer ("style") is allocated (fixed per-style counts, compatibility table);
  3. clinical facts are drawn for the rule; extras and distractors are added only when the
     label stays the same under every alternative reading the generator knows about
     (see classify() and robust_label());
  4. the letter is rendered from text segments; every positive fact/value and every
     distractor is written as its own segment so the exact evidence strings are known;
  5. light noise is applied to filler segments only.

Outputs: letters.jsonl, letters_meta.jsonl, README.md (second_pass.tsv is written by hand).
"""
import datetime
import hashlib
import json
import os
import sys

import random

HERE = os.path.dirname(os.path.abspath(__file__))
SET = "letters14"
N_LETTERS = 300


def seeded(*parts):
    key = "|".join((SET,) + tuple(str(p) for p in parts))
    return random.Random(int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], 16))


# --------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def num_words(n):
    n = int(n)
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("-" + ONES[o] if o else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return ONES[h] + " hundred" + (" and " + num_words(r) if r else "")
    th, r = divmod(n, 1000)
    if r == 0:
        return num_words(th) + " thousand"
    if r < 100:
        return num_words(th) + " thousand and " + num_words(r)
    return num_words(th) + " thousand, " + num_words(r)


def dec_words(x):
    whole = int(x)
    frac = int(round((x - whole) * 10))
    return num_words(whole) + (" point " + ONES[frac] if frac else "")


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON = [m[:3] for m in MONTHS]


def ordinal(d):
    if 10 <= d % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return "%d%s" % (d, suf)


DATE_KINDS = ["slash", "dot", "long", "ord", "abbr", "abbr_sp", "iso"]


def fmt_date(d, kind):
    if kind == "slash":
        return "%02d/%02d/%d" % (d.day, d.month, d.year)
    if kind == "dot":
        return "%02d.%02d.%d" % (d.day, d.month, d.year)
    if kind == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if kind == "ord":
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if kind == "abbr":
        return "%02d-%s-%d" % (d.day, MON[d.month - 1], d.year)
    if kind == "abbr_sp":
        return "%d %s %d" % (d.day, MON[d.month - 1], d.year)
    if kind == "iso":
        return "%d-%02d-%02d" % (d.year, d.month, d.day)
    if kind == "short":
        return "%d/%d/%02d" % (d.day, d.month, d.year % 100)
    raise ValueError(kind)


def age_on(dob, when):
    a = when.year - dob.year
    if (when.month, when.day) < (dob.month, dob.day):
        a -= 1
    return a


def nhs_number(rng):
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(d * (10 - i) for i, d in enumerate(digits))
        chk = 11 - (s % 11)
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        digits.append(chk)
        return "".join(str(d) for d in digits)


def months_back(d, n):
    y, m = d.year, d.month - n
    while m <= 0:
        m += 12
        y -= 1
    return datetime.date(y, m, min(d.day, 28))


def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    x = rng.random() * tot
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


# --------------------------------------------------------------------------------------
# people, places (all invented; telephone numbers from Ofcom drama ranges)
# --------------------------------------------------------------------------------------
MALE_FIRST = ["John", "David", "Peter", "Michael", "Robert", "Graham", "Stephen", "Mohammed",
              "Tariq", "Andrzej", "Kwame", "Rajesh", "Liam", "Connor", "Daniel", "Gareth",
              "Ian", "Keith", "Terence", "Alan", "Barry", "Colin", "Derek", "Neil", "Samuel",
              "Oluwaseun", "Piotr", "Imran", "Callum", "Harry", "Thomas", "Wei", "Dylan",
              "Arthur", "Frank", "Leslie", "Stanley", "Ravi", "Jamal", "Nathan"]
FEMALE_FIRST = ["Margaret", "Susan", "Patricia", "Jean", "Linda", "Sarah", "Emma", "Aisha",
                "Fatima", "Agnieszka", "Chloe", "Megan", "Priya", "Bernadette", "Doreen",
                "Eileen", "Gillian", "Helen", "Joan", "Karen", "Lorraine", "Maureen", "Nadia",
                "Olivia", "Pauline", "Rachel", "Sandra", "Tracey", "Valerie", "Yvonne",
                "Zainab", "Grace", "Amelia", "Sophie", "Irene", "Brenda", "Shirley", "Mei",
                "Gemma", "Hannah"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Patel", "Khan", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White",
            "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hussain", "Ahmed",
            "Kowalski", "Nowak", "Okafor", "Mensah", "O'Brien", "Murphy", "MacLeod", "Campbell",
            "Begum", "Singh", "Chen", "Lewis", "Harris", "Martin", "Cooper", "Hughes", "Ward",
            "Morris", "Turner", "Barker", "Fletcher", "Pearson", "Holt", "Dixon", "Marsh",
            "Kaur", "Ali", "Edwards", "Lloyd", "Price", "Bennett", "Gray", "Rahman", "Adeyemi",
            "Sharma", "Fitzgerald"]
GP_SURNAMES = ["Okonjo", "Hargreaves", "Patel", "Lindqvist", "McAllister", "Barnes", "Iqbal",
               "Fenwick", "Choudhury", "Ashworth", "Mwangi", "Rees", "Sutherland", "Khan",
               "Doyle", "Whitfield", "Nair", "Brennan", "Oyelaran", "Castle", "Haddad", "Stone",
               "Varga", "Pemberton"]
GP_FIRST = ["Anna", "Ben", "Claire", "Dev", "Eleanor", "Farah", "George", "Hannah", "Imogen",
            "James", "Kiran", "Laura", "Matthew", "Niamh", "Owen", "Priya", "Rob", "Sian",
            "Tom", "Uma"]
TOWNS = ["Northfield", "Ashbury", "Kingsmere", "Fernleigh", "Castlebrook", "Millbridge",
         "Westcombe", "Harlow Green", "Stonebridge", "Elmstead", "Brackenfield", "Ravensdale"]
STREETS = ["Mill Lane", "Church Street", "Station Road", "The Green", "High Street",
           "Victoria Road", "Park Avenue", "Chapel Row", "Orchard Way", "Meadow Close",
           "Bridge Street", "Queens Drive", "Willow Walk", "Market Place"]
PRACTICE_WORDS = ["Riverside", "Holly Lodge", "Parkview", "Oak Tree", "Beacon", "Abbey",
                  "Castle Hill", "Meadowbank", "Greenfields", "St Luke's", "Brook Lane",
                  "The Willows", "Northgate", "Elm Grove", "Priory", "Canal Side"]
PRACTICE_KIND = ["Medical Practice", "Surgery", "Health Centre", "Medical Centre",
                 "Family Practice", "Group Practice"]
HOSPITALS = ["Northfield General Hospital", "Royal Ashbury Infirmary",
             "Kingsmere University Hospital", "Castlebrook District Hospital",
             "Fernleigh Community Hospital and Treatment Centre"]
PHONE_STEMS = ["01632 960", "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0",
               "0117 496 0", "0118 496 0", "020 7946 0", "0121 496 0", "0161 496 0"]


def phone(rng):
    stem = rng.choice(PHONE_STEMS)
    tail = rng.randrange(1000) if stem.endswith("960") else rng.randrange(1000)
    return stem + "%03d" % tail


def postcode(rng):
    a = rng.choice(["NF", "AB", "KM", "FL", "CB", "MB", "WC", "HG", "SB"])
    return "%s%d %d%s%s" % (a, rng.randrange(1, 20), rng.randrange(1, 10),
                            rng.choice("ABDEFGHJLNPQRSTUWXYZ"), rng.choice("ABDEFGHJLNPQRSTUWXYZ"))


def make_practice(rng):
    name = rng.choice(PRACTICE_WORDS) + " " + rng.choice(PRACTICE_KIND)
    town = rng.choice(TOWNS)
    return {
        "name": name,
        "street": "%d %s" % (rng.randrange(1, 140), rng.choice(STREETS)),
        "town": town,
        "postcode": postcode(rng),
        "phone": phone(rng),
        "code": "%s%05d" % (rng.choice("ABCDEFGHJKLMNPY"), rng.randrange(1000, 99999)),
        "email": name.lower().replace(" ", "").replace("'", "") + "@nhs.net",
    }


def pronouns(sex):
    if sex == "M":
        return {"He": "He", "he": "he", "His": "His", "his": "his", "him": "him", "Him": "Him",
                "himself": "himself", "man": "man", "gentleman": "gentleman"}
    return {"He": "She", "he": "she", "His": "Her", "his": "her", "him": "her", "Him": "Her",
            "himself": "herself", "man": "woman", "gentleman": "lady"}


# --------------------------------------------------------------------------------------
# clinical facts and the rules (generator side; validate_set.py re-implements them)
# --------------------------------------------------------------------------------------
BOOL_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "weight_loss", "upper_abdominal_pain",
              "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding",
              "abdominal_pain", "cibh", "bloating", "bloody_diarrhoea", "cirrhosis", "ascites",
              "confusion", "haematemesis", "ibd_known", "ibd_stable", "ibd_question",
              "fatty_liver", "fh_crc"]
SYMPTOMS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia",
            "jaundice", "rectal_bleeding", "abdominal_pain", "cibh", "bloating",
            "bloody_diarrhoea", "haematemesis", "confusion", "ascites", "rectal_mass",
            "anal_mass", "abdominal_mass"]
OTHER_SYMPTOMS = {
    "fatigue": ["{He} has been feeling more tired than usual.", "Tired all the time"],
    "nausea": ["{He} has intermittent nausea without vomiting.", "Intermittent nausea"],
    "itch": ["{He} has generalised itch.", "Pruritus"],
    "dark_urine": ["{He} has noticed dark urine and pale stools.", "Dark urine, pale stools"],
    "reduced_appetite": ["{His} appetite is reduced.", "Appetite reduced"],
    "vomiting": ["{He} has been vomiting most mornings, food only, never blood.",
                 "Vomiting most mornings (food, no blood)"],
    "bilirubin": ["{His} bilirubin has been mildly raised on two occasions ({bili} umol/L, mostly unconjugated), with normal liver enzymes.",
                  "Bilirubin {bili} umol/L x2 (mainly unconjugated), ALT normal"],
}
RULE_IDS = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3",
            "O4", "O5", "A1", "O6", "A2", "A3", "D"]
RULE_LABEL = {
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


def blank_facts():
    f = {k: False for k in BOOL_FACTS}
    f.update(age=None, sex=None, hb=None, ferritin=None, fit=None, calprotectin=None, alt=None,
             ttg=None, ppi_weeks=None, ibd_type=None, other=[])
    return f


def fit_number(fit):
    """comparable number for a FIT record"""
    if fit is None:
        return None
    if fit["kind"] == "num":
        return fit["value"]
    if fit["kind"] == "below":
        return fit["value"] - 0.5
    if fit["kind"] == "above":
        return fit["value"] + 1
    return 0.0  # qualitative negative / not detected / undetectable


def calpro_number(cp):
    if cp is None:
        return None
    if cp["kind"] == "num":
        return cp["value"]
    return cp["value"] - 0.5


def classify(f, upper_as_abd=False, bd_as_rb=False, bd_as_cibh=False, reflux_as_dys=False,
             a1_strict=False, a3_strict=False, force_true=(), age_shift=0):
    g = dict(f)
    for k in force_true:
        g[k] = True
    age = g["age"] + age_shift
    hb = g["hb"]
    anaemia = hb is not None and hb < (130 if g["sex"] == "M" else 120)
    irondef = g["ferritin"] is not None and g["ferritin"] < 30
    ida = anaemia and irondef
    fit = fit_number(g["fit"])
    cp = calpro_number(g["calprotectin"])
    alt = g["alt"]
    abd = g["abdominal_pain"] or (upper_as_abd and g["upper_abdominal_pain"])
    rb = g["rectal_bleeding"] or (bd_as_rb and g["bloody_diarrhoea"])
    cibh = g["cibh"] or (bd_as_cibh and g["bloody_diarrhoea"])
    dys = g["dyspepsia"] or (reflux_as_dys and g["reflux"])
    ttg_pos = g["ttg"] is not None and g["ttg"]["raised"]
    trd = dys and g["ppi_weeks"] is not None and g["ppi_weeks"] >= 4
    if g["dysphagia"]:
        return "U1"
    if g["rectal_mass"] or g["anal_mass"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and g["weight_loss"] and (g["upper_abdominal_pain"] or g["reflux"] or dys):
        return "U5"
    if g["abdominal_mass"]:
        return "U6"
    if age >= 40 and g["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and g["weight_loss"] and abd)
                        or (age >= 60 and cibh)):
        return "U8"
    if g["bloody_diarrhoea"] or (cp is not None and cp >= 250):
        return "R1"
    if (g["cirrhosis"] and (g["ascites"] or g["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if g["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cp is not None and 100 <= cp < 250:
        return "O2"
    if g["ibd_known"] and g["ibd_stable"] and g["ibd_question"]:
        return "O3"
    if ttg_pos:
        return "O4"
    if (alt is not None and 40 <= alt < 300) or g["fatty_liver"]:
        return "O5"
    a1_test = (cp is not None and cp < 100) or (fit is not None and fit < 10)
    if age < 50 and (abd or g["bloating"] or cibh) and a1_test:
        other = False
        if a1_strict:
            other = any(g[k] for k in ["dysphagia", "rectal_mass", "anal_mass", "weight_loss",
                                       "upper_abdominal_pain", "reflux", "dyspepsia",
                                       "abdominal_mass", "jaundice", "rectal_bleeding",
                                       "bloody_diarrhoea", "cirrhosis", "ascites", "confusion",
                                       "haematemesis", "ibd_known", "fatty_liver", "fh_crc"])
            other = other or anaemia or irondef or ttg_pos or alt is not None
            other = other or g["ppi_weeks"] is not None or bool(g["other"])
        if not other:
            return "A1"
    if (rb or cibh or abd) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (g["dyspepsia"] or g["reflux"]):
        return "A2"
    if g["fh_crc"]:
        symptomatic = any(g[k] for k in SYMPTOMS) or bool(g["other"])
        if a3_strict:
            symptomatic = symptomatic or anaemia or irondef or ttg_pos or g["fatty_liver"] \
                or (alt is not None and alt >= 40) or g["cirrhosis"] or g["ibd_known"] \
                or (cp is not None and cp >= 100)
        if not symptomatic:
            return "A3"
    return "D"


READINGS = []
for _ua in (False, True):
    for _rb in (False, True):
        for _bc in (False, True):
            for _rd in (False, True):
                for _a1 in (False, True):
                    for _a3 in (False, True):
                        READINGS.append(dict(upper_as_abd=_ua, bd_as_rb=_rb, bd_as_cibh=_bc,
                                             reflux_as_dys=_rd, a1_strict=_a1, a3_strict=_a3))


def robust_label(f, uncertain=(), dob_only=False):
    """rule id if every reading agrees, else None"""
    shifts = (-1, 0, 1) if dob_only else (0,)
    force_sets = [()] + [(k,) for k in uncertain]
    if uncertain:
        force_sets.append(tuple(uncertain))
    seen = set()
    for r in READINGS:
        for s in shifts:
            for fs in force_sets:
                seen.add(classify(f, force_true=fs, age_shift=s, **r))
                if len(seen) > 1:
                    return None
    return seen.pop()


# --------------------------------------------------------------------------------------
# value draws (kept away from thresholds and from lab-range/spec disagreements)
# --------------------------------------------------------------------------------------
def hb_low(rng, sex):
    return rng.randrange(78, 125) if sex == "M" else rng.randrange(72, 113)


def hb_normal(rng, sex):
    return rng.randrange(136, 166) if sex == "M" else rng.randrange(125, 153)


def fit_pos(rng):
    r = rng.random()
    if r < 0.12:
        return {"kind": "above", "value": 400}
    return {"kind": "num", "value": wchoice(rng, [(rng.randrange(14, 60), 4),
                                                   (rng.randrange(60, 200), 3),
                                                   (rng.randrange(200, 399), 1)])}


def fit_neg(rng):
    r = rng.random()
    if r < 0.3:
        return {"kind": "below", "value": 4}
    if r < 0.45:
        return {"kind": "below", "value": 10}
    if r < 0.65:
        return {"kind": "qual", "text": rng.choice(["not detected", "negative", "undetectable"])}
    return {"kind": "num", "value": rng.randrange(4, 9)}


def calpro(rng, band):
    if band == "low":
        if rng.random() < 0.3:
            return {"kind": "below", "value": rng.choice([20, 50])}
        return {"kind": "num", "value": rng.randrange(15, 86)}
    if band == "mid":
        return {"kind": "num", "value": rng.randrange(110, 241)}
    return {"kind": "num", "value": rng.choice([rng.randrange(270, 600), rng.randrange(600, 1800)])}


def ttg_pos(rng):
    if rng.random() < 0.25:
        return {"raised": True, "above": 128, "ref": 7}
    return {"raised": True, "value": rng.randrange(25, 120), "ref": 7}


def ttg_neg(rng):
    return {"raised": False, "value": rng.choice([0.3, 0.5, 0.8, 1.1, 1.6]), "ref": 7}


# --------------------------------------------------------------------------------------
# scenario builders: one per rule.  They set the facts that make the rule fire and some
# optional extras; classify()/robust_label() later confirm the rule.
# --------------------------------------------------------------------------------------
def maybe(rng, p):
    return rng.random() < p


def sc_rule(rule, rng, age):
    f = blank_facts()
    f["age"] = age
    f["sex"] = rng.choice("MF")
    sub = ""
    if rule == "U1":
        f["dysphagia"] = True
        f["weight_loss"] = maybe(rng, 0.4)
        f["reflux"] = maybe(rng, 0.3)
        if maybe(rng, 0.25):
            f["hb"] = hb_normal(rng, f["sex"])
        if maybe(rng, 0.15):
            f["other"] = ["vomiting"]
    elif rule == "U2":
        if maybe(rng, 0.75):
            f["rectal_mass"] = True
        else:
            f["anal_mass"] = True
        f["rectal_bleeding"] = maybe(rng, 0.6)
        f["cibh"] = maybe(rng, 0.4)
        if maybe(rng, 0.2):
            f["fit"] = fit_pos(rng)
    elif rule == "U3":
        f["fit"] = fit_pos(rng)
        for k, p in (("cibh", 0.55), ("rectal_bleeding", 0.3), ("abdominal_pain", 0.3),
                     ("bloating", 0.15)):
            f[k] = maybe(rng, p)
        if maybe(rng, 0.3):
            f["hb"] = hb_normal(rng, f["sex"])
        if maybe(rng, 0.12):
            f["calprotectin"] = calpro(rng, rng.choice(["mid", "high"]))
        if maybe(rng, 0.1):
            f["fh_crc"] = True
    elif rule == "U4":
        f["hb"] = hb_low(rng, f["sex"])
        f["ferritin"] = rng.randrange(3, 15)
        if maybe(rng, 0.3):
            f["other"] = ["fatigue"]
        if maybe(rng, 0.3):
            f["fit"] = fit_neg(rng)
        if maybe(rng, 0.15):
            f["ttg"] = ttg_pos(rng)
            sub = "coeliac_with_ida"
        elif maybe(rng, 0.2):
            f["cibh"] = True
    elif rule == "U5":
        f["weight_loss"] = True
        ks = rng.sample(["upper_abdominal_pain", "reflux", "dyspepsia"], rng.choice([1, 1, 2]))
        for k in ks:
            f[k] = True
        if f["dyspepsia"] and maybe(rng, 0.4):
            f["ppi_weeks"] = rng.choice([6, 8, 12])
        if maybe(rng, 0.3):
            f["hb"] = hb_normal(rng, f["sex"])
        if maybe(rng, 0.2):
            f["other"] = ["reduced_appetite"]
    elif rule == "U6":
        f["abdominal_mass"] = True
        f["abdominal_pain"] = maybe(rng, 0.5)
        f["bloating"] = maybe(rng, 0.2)
        if maybe(rng, 0.2):
            f["fit"] = fit_neg(rng)
    elif rule == "U7":
        f["jaundice"] = True
        f["other"] = rng.sample(["itch", "dark_urine", "reduced_appetite"], rng.choice([0, 1, 2]))
        if maybe(rng, 0.5):
            f["alt"] = rng.choice([rng.randrange(60, 280), rng.randrange(320, 900)])
        f["weight_loss"] = maybe(rng, 0.3)
    elif rule == "U8":
        opts = []
        if age >= 50:
            opts.append("rb")
        if age >= 40:
            opts.append("wl_pain")
        if age >= 60:
            opts.append("cibh")
        sub = rng.choice(opts)
        if sub == "rb":
            f["rectal_bleeding"] = True
        elif sub == "wl_pain":
            f["weight_loss"] = True
            f["abdominal_pain"] = True
        else:
            f["cibh"] = True
        if maybe(rng, 0.3):
            f["hb"] = hb_normal(rng, f["sex"])
    elif rule == "R1":
        sub = rng.choice(["bd", "bd", "cp", "cp", "ibd_flare"])
        if sub in ("bd", "ibd_flare"):
            f["bloody_diarrhoea"] = True
            if age >= 50 or maybe(rng, 0.2):
                f["fit"] = fit_neg(rng)
            if maybe(rng, 0.5):
                f["calprotectin"] = calpro(rng, "high")
        else:
            f["calprotectin"] = calpro(rng, "high")
            f["cibh"] = True
            f["abdominal_pain"] = maybe(rng, 0.5)
            if age >= 60 or maybe(rng, 0.3):
                f["fit"] = fit_neg(rng)
        if sub == "ibd_flare":
            f["ibd_known"] = True
            f["ibd_type"] = rng.choice(["UC", "UC", "Crohn's"])
    elif rule == "R2":
        sub = rng.choice(["ascites", "confusion", "alt", "alt"])
        if sub in ("ascites", "confusion"):
            f["cirrhosis"] = True
            f[sub] = True
            if maybe(rng, 0.3):
                f["alt"] = rng.randrange(20, 36)
        else:
            f["alt"] = rng.randrange(320, 2100)
            if maybe(rng, 0.3):
                f["other"] = ["nausea"]
    elif rule == "R3":
        f["haematemesis"] = True
        f["dyspepsia"] = maybe(rng, 0.3)
        if maybe(rng, 0.5):
            f["hb"] = hb_normal(rng, f["sex"])
    elif rule == "O1":
        f["dyspepsia"] = True
        f["ppi_weeks"] = rng.choice([6, 8, 10, 12, 16])
        f["reflux"] = maybe(rng, 0.25)
        if maybe(rng, 0.4):
            f["hb"] = hb_normal(rng, f["sex"])
    elif rule == "O2":
        f["calprotectin"] = calpro(rng, "mid")
        ks = rng.sample(["cibh", "abdominal_pain", "bloating"], rng.choice([1, 2, 2]))
        for k in ks:
            f[k] = True
        if age >= 50 or maybe(rng, 0.3):
            f["fit"] = fit_neg(rng)
    elif rule == "O3":
        f["ibd_known"] = True
        f["ibd_stable"] = True
        f["ibd_question"] = True
        f["ibd_type"] = rng.choice(["UC", "Crohn's"])
        if maybe(rng, 0.35):
            f["calprotectin"] = calpro(rng, "low")
    elif rule == "O4":
        f["ttg"] = ttg_pos(rng)
        sub = rng.choice(["bloating", "fatigue", "screen"])
        if sub == "bloating":
            f["bloating"] = True
        elif sub == "fatigue":
            f["other"] = ["fatigue"]
        if maybe(rng, 0.3):
            f["hb"] = hb_normal(rng, f["sex"])
            if maybe(rng, 0.5):
                f["ferritin"] = rng.randrange(5, 15)
                sub = "ttg_irondef_no_anaemia"
    elif rule == "O5":
        sub = rng.choice(["alt", "alt", "fatty", "both"])
        if sub in ("alt", "both"):
            f["alt"] = rng.randrange(46, 281)
        if sub in ("fatty", "both"):
            f["fatty_liver"] = True
    elif rule == "A1":
        ks = rng.sample(["abdominal_pain", "bloating", "cibh"], rng.choice([1, 2, 2, 3]))
        for k in ks:
            f[k] = True
        t = rng.choice(["cp", "cp", "fit", "both"])
        if t in ("cp", "both"):
            f["calprotectin"] = calpro(rng, "low")
        if t in ("fit", "both"):
            f["fit"] = fit_neg(rng)
        if maybe(rng, 0.3):
            f["ttg"] = ttg_neg(rng)
    elif rule == "O6":
        f["fit"] = fit_neg(rng)
        if age < 50:
            f["rectal_bleeding"] = True
            sub = "young_rb_only"
        else:
            ks = rng.sample(["rectal_bleeding", "cibh", "abdominal_pain"], rng.choice([1, 2]))
            for k in ks:
                f[k] = True
            if maybe(rng, 0.25):
                f["hb"] = hb_normal(rng, f["sex"])
    elif rule == "A2":
        ks = rng.choice([["dyspepsia"], ["reflux"], ["dyspepsia", "reflux"]])
        for k in ks:
            f[k] = True
        if maybe(rng, 0.35):
            f["ppi_weeks"] = rng.choice([2, 6, 8, 12])
    elif rule == "A3":
        f["fh_crc"] = True
    elif rule == "D":
        opts = ["irondef", "nausea", "pain_no_fit"]
        if age >= 55:
            opts += ["dys55_noppi", "dys55_noppi"]
        if age >= 40:
            opts.append("wl_only")
        if age < 50:
            opts.append("young_rb")
        if 50 <= age < 60:
            opts.append("cibh_50s")
        if age < 36:
            opts.append("gilbert")
        sub = rng.choice(opts)
        if sub == "irondef":
            f["hb"] = hb_normal(rng, f["sex"])
            f["ferritin"] = rng.randrange(4, 15)
            if maybe(rng, 0.5):
                f["other"] = ["fatigue"]
        elif sub == "nausea":
            f["other"] = ["nausea"] if maybe(rng, 0.5) else ["vomiting"]
        elif sub == "pain_no_fit":
            f["abdominal_pain"] = True
            if maybe(rng, 0.5):
                f["ttg"] = ttg_neg(rng)
        elif sub == "dys55_noppi":
            f["dyspepsia"] = True
            if maybe(rng, 0.5):
                f["ppi_weeks"] = rng.choice([1, 2])
        elif sub == "wl_only":
            f["weight_loss"] = True
            if maybe(rng, 0.5):
                f["hb"] = hb_normal(rng, f["sex"])
        elif sub == "young_rb":
            f["rectal_bleeding"] = True
        elif sub == "cibh_50s":
            f["cibh"] = True
        elif sub == "gilbert":
            f["alt"] = rng.randrange(14, 33)
            f["other"] = ["bilirubin"]
    return f, sub


RULE_AGE = {"U1": (25, 92), "U2": (38, 90), "U3": (28, 90), "U4": (20, 92), "U5": (55, 92),
            "U6": (35, 90), "U7": (40, 92), "U8": (40, 92), "R1": (18, 80), "R2": (25, 85),
            "R3": (18, 90), "O1": (55, 90), "O2": (18, 70), "O3": (18, 80), "O4": (18, 75),
            "O5": (18, 85), "A1": (18, 49), "O6": (18, 90), "A2": (18, 54), "A3": (25, 70),
            "D": (18, 92)}


# --------------------------------------------------------------------------------------
# phrase banks.  {He}/{his}... pronouns; {dur} course/time (prose), {durs} short acute,
# {durn} note-style duration, {wl}/{wln} weight-loss wording with numbers.
# --------------------------------------------------------------------------------------
DUR_PROSE = ["for the past 6/52", "for about six weeks", "since Christmas",
             "over the last three months", "for 2/12", "for the last eight weeks",
             "since the early spring", "for around ten weeks", "for the past month or so",
             "since the summer", "for 3/12, and it is getting worse",
             "for seven weeks now, ongoing", "since just after New Year",
             "for four months, steadily worsening"]
DUR_PAIRS = [("for the past 6/52", "x 6/52"), ("for about six weeks", "x 6/52"), ("since Christmas", "since Xmas"),
             ("over the last three months", "3/12 hx"), ("for 2/12", "x 2/12"), ("for the last eight weeks", "x 8/52"),
             ("since the early spring", "since spring"), ("for around ten weeks", "x 10/52"),
             ("for the past month or so", "x 1/12"), ("since the summer", "since summer"),
             ("for 3/12, and it is getting worse", "x 3/12, worsening"), ("for seven weeks now, ongoing", "ongoing x 7/52"),
             ("since just after New Year", "since New Year"), ("for four months, steadily worsening", "x 4/12, worsening"),
             ("for about five weeks", "x 5/52")]
DUR_LONG = [("for about six months", "x 6/12"), ("for the past year", "x 12/12"), ("for about eight months", "x 8/12"),
            ("for the last five months", "x 5/12")]
DUR_SHORT = ["for the past ten days", "over the last 5 days", "since last week",
             "for two weeks", "for the past 9 days"]
DUR_NOTE = ["x 6/52", "x 2/12", "3/12 hx", "since Xmas", "x 8/52, worsening",
            "ongoing x 10/52", "x 4/12", "x 5/52", "for 7/52"]

POS = {
    "dysphagia": {
        "prose": ["{He} describes food sticking behind {his} breastbone {dur}, mostly with bread and meat.",
                  "{He} has had progressive difficulty swallowing solid food {dur}.",
                  "The main problem is dysphagia: {he} now washes every mouthful of solid food down with water, and this has been going on {dur}.",
                  "Initially only dry food caught, but now even soft food sticks in {his} chest when {he} swallows.",
                  "{He} has developed dysphagia {dur}, with food sticking at the level of the lower chest."],
        "note": ["Dysphagia to solids {durn}", "c/o food sticking retrosternally {durn}",
                 "Difficulty swallowing solids {durn}, progressive", "Dysphagia - solids, {durn}"],
        "quote": ["In {his} words, \"the food just stops here and won't go down\"; this swallowing difficulty has been present {dur}."],
        "second": ["{His} {carer} says {he} has been struggling to swallow solid food {dur}: it sticks and {he} has to bring it back up, and I watched this happen with a biscuit today."],
    },
    "weight_loss": {
        "prose": ["{He} has lost {wl} without trying.",
                  "There has been unintentional weight loss of {wl}.",
                  "{He} is not dieting but has lost {wl}."],
        "note": ["Unintentional wt loss {wln}", "Wt loss {wln} - not trying", "Weight down {wln} (unintended)"],
        "quote": ["\"My clothes are hanging off me,\" {he} says, and {he} has lost {wl} without trying."],
        "second": ["{His} {carer} has noticed {he} is much thinner, and our scales confirm unintentional weight loss of {wl}."],
    },
    "upper_abdominal_pain": {
        "prose": ["{He} has had a gnawing epigastric pain {dur}.",
                  "{He} describes upper abdominal pain, just below the ribs in the midline, {dur}."],
        "note": ["Epigastric pain {durn}", "Upper abdo pain (epigastric) {durn}"],
        "quote": ["{He} points to the epigastrium (\"it gnaws just here\"); this upper abdominal pain has been present {dur}."],
        "second": ["{His} {carer} says {he} keeps rubbing the top of {his} tummy and wincing after food, and {he} is tender in the epigastrium today; this upper abdominal pain has been going on {dur}."],
    },
    "reflux": {
        "prose": ["{He} has troublesome acid reflux, with heartburn most nights, {dur}.",
                  "Reflux symptoms have been present {dur}, with acid coming up into {his} throat."],
        "note": ["Reflux/heartburn {durn}", "Acid reflux {durn}"],
        "quote": ["\"It burns right up into my throat at night\": acid reflux {dur}."],
        "second": ["{His} {carer} reports {he} complains of acid coming up into {his} throat (reflux) most nights, {dur}."],
    },
    "dyspepsia": {
        "prose": ["{He} has had indigestion (dyspepsia) after most meals {dur}.",
                  "{He} reports ongoing dyspepsia {dur}: an uncomfortable, gnawing fullness after eating."],
        "note": ["Dyspepsia {durn}", "Indigestion/dyspepsia {durn}"],
        "quote": ["\"Every meal sits like a brick\": {he} has had indigestion {dur}."],
        "second": ["{His} {carer} says {he} complains of indigestion after every meal, {dur}."],
    },
    "jaundice": {
        "prose": ["{He} has become jaundiced {durs}, and {his} sclerae are clearly yellow today.",
                  "On examination {he} is clinically jaundiced."],
        "note": ["Jaundiced, sclerae icteric", "O/E jaundiced ++"],
        "quote": ["\"My {partner} says I've gone yellow,\" and {he} is visibly jaundiced today."],
        "second": ["{His} {carer} noticed {he} looked yellow last week, and on examination today {he} is clearly jaundiced."],
    },
    "rectal_bleeding": {
        "prose": ["{He} has been passing dark red blood mixed in with {his} stool {dur}.",
                  "{He} reports rectal bleeding {dur}, on most days.",
                  "Initially there was only a little blood on the paper, but now there is blood mixed in with the stool every few days."],
        "note": ["Rectal bleeding - dark red, mixed with stool, {durn}", "PR bleeding most days {durn}", "PR bleed - now mixed with stool"],
        "quote": ["\"There's blood in the pan most mornings,\" {he} told me; the rectal bleeding has been going on {dur}."],
        "second": ["{His} {carer} has seen blood mixed in the stool in the toilet several times {dur}, and there was blood on the pad I checked today."],
    },
    "abdominal_pain": {
        "prose": ["{He} has had cramping lower abdominal pain {dur}.",
                  "{He} describes colicky central abdominal pain {dur}.",
                  "Intermittent left-sided abdominal pain has been present {dur}."],
        "note": ["Lower abdo pain {durn}", "Colicky central abdo pain {durn}", "LIF pain {durn}"],
        "quote": ["{He} describes the pain as \"like a cramp in my tummy\", present {dur}."],
        "second": ["{His} {carer} says {he} has been holding {his} tummy and grimacing {dur}, and {he} is tender in the abdomen (below the umbilicus) today."],
    },
    "cibh": {
        "prose": ["{His} bowel habit has changed {dur}, to looser stools three or four times a day.",
                  "There has been a change in bowel habit {dur}: {he} used to open {his} bowels once a day and now goes four times, looser.",
                  "{He} reports a change in bowel habit {dur}, alternating between constipation and loose stools, which is new for {him}."],
        "note": ["CIBH - looser, 3-4x/day {durn}", "CIBH {durn} (1/day -> 4/day, looser)", "CIBH - alternating constipation/loose {durn}"],
        "quote": ["\"I'm never off the loo now,\" {he} says: {his} bowel habit has changed {dur}, to loose motions four times a day."],
        "second": ["{His} {carer} reports a clear change in {his} bowel habit {dur}, from once a day to loose motions several times a day."],
    },
    "bloating": {
        "prose": ["{He} is troubled by abdominal bloating {dur}.",
                  "{He} describes marked bloating, worse as the day goes on, {dur}."],
        "note": ["Bloating {durn}", "Abdominal bloating {durn}"],
        "quote": ["\"By teatime I look like I've swallowed a balloon,\" {he} says of the bloating, present {dur}."],
        "second": ["{His} {carer} says {his} tummy swells up with bloating most evenings, {dur}."],
    },
    "bloody_diarrhoea": {
        "prose": ["{He} has bloody diarrhoea, six to eight times a day, {durs}.",
                  "{He} is passing loose stool mixed with blood up to ten times a day, {durs}."],
        "note": ["Bloody diarrhoea 6-8x/day {durs}", "Diarrhoea with blood up to 10/day, {durs}"],
        "quote": ["\"It's just blood and water,\" {he} says: bloody diarrhoea up to eight times a day, {durs}."],
        "second": ["{His} {carer} reports bloody diarrhoea several times a day {durs}."],
    },
    "haematemesis": {
        "prose": ["{He} has vomited fresh red blood on three occasions over the past week, most recently two days ago.",
                  "{He} has had two episodes of haematemesis this week, each about a cupful of bright red blood."],
        "note": ["Haematemesis x3 this week, last 2/7 ago", "Vomited fresh blood x2 this week"],
        "quote": ["\"It was bright red, about a cupful,\" {he} says of the blood {he} vomited two days ago; this is the second episode of haematemesis this week."],
        "second": ["{His} {carer} saw {him} vomit bright red blood twice this week, most recently yesterday evening."],
    },
    "confusion": {
        "prose": ["{He} has become increasingly confused over the last few days and today is disorientated in time, with a liver flap.",
                  "{He} is newly confused, with asterixis on examination."],
        "note": ["New confusion, asterixis +", "Confused ++ (new), liver flap"],
        "quote": ["\"I don't know what day it is,\" {he} admits; {he} is newly confused, with a liver flap."],
        "second": ["{His} {carer} reports {he} has become confused over the past few days, and today {he} is disorientated with a liver flap."],
    },
    "ascites": {
        "prose": ["{His} abdomen is distended with shifting dullness, in keeping with ascites.",
                  "There is clinically obvious ascites."],
        "note": ["Abdo distended, shifting dullness + (ascites)", "Ascites ++"],
    },
    "rectal_mass": {
        "prose": ["On rectal examination there is a firm, irregular mass on the {side} wall at about 6 cm.",
                  "PR examination reveals a hard rectal mass just within reach of the fingertip."],
        "note": ["PR: hard irregular mass {side} wall ~6cm", "PR - rectal mass palpable at fingertip"],
    },
    "anal_mass": {
        "prose": ["There is a hard, irregular anal mass at the anal verge, about 2 cm across.",
                  "Examination shows a firm anal mass at the 3 o'clock position."],
        "note": ["Anal mass ~2cm at verge, firm", "Firm anal mass 3 o'clock"],
    },
    "abdominal_mass": {
        "prose": ["On examination there is a firm, non-tender mass in the {quad}.",
                  "I can feel a mass in the {quad}, about {size} cm across, which is new."],
        "note": ["Abdo: mass {quad} ~{size}cm, firm", "Palpable mass {quad}"],
    },
    "cirrhosis": {
        "prose": ["{He} has known alcohol-related cirrhosis, diagnosed in {yr}.",
                  "{He} has established cirrhosis secondary to {aet}."],
        "note": ["Known cirrhosis ({aet})", "Cirrhosis - {aet}, dx {yr}"],
    },
    "fatty_liver": {
        "prose": ["An ultrasound on {usdate} showed a fatty liver with no focal lesion.",
                  "{His} abdominal ultrasound ({usdate}) reported hepatic steatosis (fatty liver)."],
        "note": ["USS abdo {usdate}: fatty liver, no focal lesion", "US liver: steatosis (fatty liver)"],
    },
    "fh_crc": {
        "prose": ["{Rel} was diagnosed with bowel cancer at the age of {fa}.",
                  "There is a family history of colorectal cancer: {rel} had it at {fa}."],
        "note": ["FH: {rel} - colorectal ca aged {fa}", "FHx bowel cancer ({rel}, age {fa})"],
    },
}

FORM_LABEL = {
    "dysphagia": "Dysphagia", "weight_loss": "Unexplained weight loss",
    "upper_abdominal_pain": "Upper abdominal pain", "reflux": "Reflux",
    "dyspepsia": "Dyspepsia", "jaundice": "Jaundice", "rectal_bleeding": "Rectal bleeding",
    "abdominal_pain": "Abdominal pain", "cibh": "Change in bowel habit",
    "bloating": "Bloating", "bloody_diarrhoea": "Bloody diarrhoea",
    "haematemesis": "Haematemesis", "confusion": "Confusion", "ascites": "Ascites",
    "rectal_mass": "Rectal mass", "anal_mass": "Anal mass", "abdominal_mass": "Abdominal mass",
    "cirrhosis": "Known cirrhosis", "fatty_liver": "Fatty liver on imaging",
    "fh_crc": "Family history of colorectal cancer", "ida": "Iron-deficiency anaemia",
}

NEG = {
    "dysphagia": (["No dysphagia.", "{He} denies any difficulty swallowing.", "Swallowing is normal."],
                  ["No dysphagia", "Swallowing normal"], "no dysphagia"),
    "weight_loss": (["{His} weight is stable.", "There has been no weight loss.", "{He} has not lost any weight."],
                    ["Wt stable", "No wt loss"], "no weight loss"),
    "rectal_bleeding": (["There has been no rectal bleeding.", "{He} has not noticed any blood in {his} stool.", "{He} denies PR bleeding."],
                        ["No PR bleeding", "Nil PR bleed"], "no rectal bleeding"),
    "jaundice": (["{He} is not jaundiced.", "There is no jaundice."],
                 ["Not jaundiced", "No jaundice"], "no jaundice"),
    "haematemesis": (["There has been no haematemesis or melaena.", "{He} has not vomited any blood."],
                     ["No haematemesis/melaena", "No haematemesis"], "no haematemesis"),
    "abdominal_mass": (["The abdomen is soft and non-tender with no palpable masses.", "I could feel no abdominal mass."],
                       ["Abdo SNT, no masses", "No abdominal mass"], "no abdominal mass"),
    "rectal_mass": (["Rectal examination was normal with no mass felt.", "PR examination: no masses, soft brown stool."],
                    ["PR: no masses", "PR NAD - no mass"], "normal PR examination"),
    "cibh": (["Bowel habit is unchanged.", "There has been no change in bowel habit."],
             ["BO normal, no CIBH", "No change in bowel habit"], "no change in bowel habit"),
    "abdominal_pain": (["{He} has no abdominal pain.", "{He} denies any abdominal pain."],
                       ["No abdo pain", "Denies abdominal pain"], "no abdominal pain"),
    "reflux": (["{He} has no reflux symptoms.", "There is no heartburn or reflux."],
               ["No reflux", "No heartburn"], "no reflux"),
    "dyspepsia": (["{He} has no indigestion.", "There is no dyspepsia."],
                  ["No dyspepsia", "No indigestion"], "no dyspepsia"),
    "bloating": (["{He} is not bloated.", "There is no bloating."],
                 ["No bloating", "Not bloated"], "no bloating"),
    "ascites": (["There is no ascites clinically.", "No shifting dullness."],
                ["No ascites", "No shifting dullness"], "no ascites"),
    "confusion": (["{He} is alert and orientated, with no confusion.", "There is no confusion and no flap."],
                  ["Alert, orientated, no flap", "No confusion"], "no confusion"),
    "fh_crc": (["There is no family history of bowel cancer.", "No one in the family has had bowel cancer."],
               ["FH: no bowel ca", "No FH bowel ca"], "no family history of bowel cancer"),
}

FAMILY = [
    ("{Rel2} had oesophageal cancer in {rel2_his} seventies.", "dysphagia", "FHx oesophageal ca ({rel2})"),
    ("{Rel2} had stomach cancer at 68.", "weight_loss", "FHx gastric ca ({rel2}, 68)"),
    ("{Rel2} has ulcerative colitis.", "ibd_known", "FHx UC ({rel2})"),
    ("{Rel2} has Crohn's disease.", "ibd_known", "FHx Crohn's ({rel2})"),
    ("{Rel2} died of alcohol-related cirrhosis.", "cirrhosis", "FHx cirrhosis ({rel2})"),
    ("{Rel2} has coeliac disease.", "ttg", "FHx coeliac ({rel2})"),
    ("{Rel2} had pancreatic cancer and was jaundiced before {rel2_he} died.", "jaundice", "FHx pancreatic ca with jaundice ({rel2})"),
]

RESOLVED = {
    "rectal_bleeding": ["{He} had a short episode of bright red bleeding in {yr}, put down to haemorrhoids; there has been none since.",
                        "Two episodes of rectal bleeding last year, none since."],
    "reflux": ["Heartburn in {his} thirties settled with lifestyle changes and has not returned.",
               "{He} had reflux some years ago which has now settled completely; {he} takes nothing for it."],
    "haematemesis": ["{He} had a Mallory-Weiss tear with a small haematemesis in {yr}, with no recurrence since."],
    "jaundice": ["{He} had glandular fever with mild jaundice as a student, which resolved fully."],
    "bloody_diarrhoea": ["{He} had bloody diarrhoea with Campylobacter on holiday in {yr}; this settled within a week."],
    "cibh": ["{His} bowels were loose for a fortnight after a course of antibiotics in the spring, but this has now settled and they are back to normal."],
    "dysphagia": ["{He} had a food bolus obstruction in {yr}; swallowing has been completely normal since."],
    "anaemia": ["{He} was anaemic in pregnancy in {yr}, since resolved."],
}
RESOLVED_NOTE = {
    "rectal_bleeding": ["PR bleed {yr} (haemorrhoids) - resolved, none since"],
    "reflux": ["Reflux - resolved, no current symptoms"],
    "haematemesis": ["Haematemesis {yr} (Mallory-Weiss) - resolved, no recurrence"],
    "jaundice": ["Jaundice with EBV as student - resolved"],
    "bloody_diarrhoea": ["Campylobacter {yr} with bloody diarrhoea - settled"],
    "cibh": ["Loose stools after abx in spring - settled, bowels now normal"],
    "dysphagia": ["Food bolus obstruction {yr} - resolved, swallowing normal since"],
    "anaemia": ["Anaemia in pregnancy {yr} - resolved"],
}
HYPO = {
    "dysphagia": ["If {he} develops any difficulty swallowing I have asked {him} to come back straight away.",
                  "Safety-netted: to return if dysphagia develops."],
    "rectal_bleeding": ["Should {he} notice any rectal bleeding, {he} knows to contact us.",
                        "Advised to return if any PR bleeding."],
    "jaundice": ["{He} knows to seek help urgently if {he} becomes jaundiced.",
                 "Safety-netted re: jaundice."],
    "weight_loss": ["We will re-weigh {him} in a month, and if {he} starts to lose weight I will let you know.",
                    "If wt loss develops - re-refer."],
    "haematemesis": ["If {he} vomits any blood {he} will go straight to A&E.",
                     "Advised A&E if haematemesis."],
}
UNCERTAIN = {
    "rectal_bleeding": ["? a streak of blood on the paper once; {he} is not sure.",
                        "Possibly some blood on wiping on one occasion, but {he} is unable to say for certain."],
    "weight_loss": ["{He} wonders whether {he} might have lost a little weight, but has not weighed {himself} and we have no previous weight to compare.",
                    "? some weight loss - unable to say, no previous weights."],
    "reflux": ["Possibly a little reflux at night, though {he} is vague about this.",
               "? reflux - not convincing."],
    "bloating": ["? bloating at times; {he} is unsure.", "? mild bloating"],
}
AWAITED = {
    "fit": ["A FIT kit was given today and the result is awaited.", "FIT requested - result awaited.",
            "I have requested a FIT, not yet back."],
    "calprotectin": ["Faecal calprotectin has been requested.", "Calprotectin sent - awaited."],
    "ttg": ["Coeliac serology has been sent; result awaited.", "Coeliac screen requested."],
    "uss": ["An abdominal ultrasound has been requested.", "USS abdomen requested - awaited."],
}

RELS_M = ["His father", "His brother", "His mother", "His sister"]
PMH_ITEMS = ["hypertension", "type 2 diabetes", "asthma", "osteoarthritis of both knees",
             "hypothyroidism", "depression", "atrial fibrillation", "stage 3a CKD", "COPD",
             "gout", "a previous appendicectomy", "hypercholesterolaemia", "migraine",
             "a previous hysterectomy", "benign prostatic hypertrophy", "psoriasis"]
MED_FOR = {"hypertension": "amlodipine 5 mg od", "type 2 diabetes": "metformin 500 mg bd",
           "asthma": "salbutamol inhaler prn", "hypothyroidism": "levothyroxine 75 micrograms od",
           "depression": "sertraline 50 mg od", "atrial fibrillation": "apixaban 5 mg bd",
           "hypercholesterolaemia": "atorvastatin 20 mg on",
           "COPD": "tiotropium inhaler od", "gout": "allopurinol 100 mg od",
           "benign prostatic hypertrophy": "tamsulosin 400 micrograms od",
           "osteoarthritis of both knees": "paracetamol 1 g qds prn",
           "migraine": "sumatriptan 50 mg prn", "psoriasis": "emollients",
           "stage 3a CKD": "ramipril 2.5 mg od"}
IBD_QUESTIONS = [
    "Could you advise whether it is safe to stop {his} azathioprine now that {he} has been in remission for five years?",
    "{He} is planning a pregnancy; should {he} continue mesalazine, and does anything need to change beforehand?",
    "{He} is travelling to West Africa and needs a yellow fever vaccine; is this safe while {he} is on adalimumab?",
    "Could you advise when {his} next surveillance colonoscopy is due? {His} last one was in {yr}.",
    "Would you support reducing {his} mesalazine from 2.4 g to 1.2 g daily, as {he} is keen to take less?",
    "{He} would like to switch to a once-daily mesalazine preparation; is there one you would recommend?",
    "Does {he} need a DEXA scan or bone protection after several courses of prednisolone in the past?",
]
QUADS = ["right iliac fossa", "left iliac fossa", "right upper quadrant", "epigastrium",
         "left upper quadrant", "left flank"]


REQ = {
    "usc": (["I would be grateful if you could see {him} under the two-week-wait (suspected cancer) pathway.",
             "I have referred {him} as urgent suspected cancer.",
             "Please could {he} be seen on the 2WW pathway.",
             "I would be grateful if you could exclude a cancer on the suspected cancer pathway, please."],
            ["2WW please", "Priority: USC (2WW)", "Refer 2WW", "USC referral"]),
    "urgent": (["I would be grateful if you could see {him} urgently.",
                "I'd appreciate an urgent appointment.",
                "I have marked this referral as urgent.",
                "Could {he} be seen soon, please? I have marked it urgent."],
               ["Urgent please", "Priority: Urgent", "Pls see urgently", "Urgent OPD"]),
    "routine": (["A routine appointment would be fine.",
                 "I have referred {him} routinely.",
                 "I'd be grateful for a routine outpatient review.",
                 "There is no rush; a routine appointment is fine."],
                ["Routine", "Priority: Routine", "Routine OPD please", "Non-urgent"]),
    "advice": (["I would value your advice; {he} may not need to be seen.",
                "This is an Advice and Guidance request: could you advise on further management?",
                "I'd be grateful for advice rather than an appointment at this stage.",
                "Could you advise by letter? I don't think {he} needs an appointment."],
               ["A&G request", "Advice only please", "For advice", "A&G - advice re mx"]),
    None: (["I would be grateful for your opinion; I cannot rule out an organic cause.", "Many thanks for seeing {him}.",
            "I would be grateful if you could see {him}.", "Thank you for your help with {his} care."],
           ["Please see", "Thank you", "For your review", "Pls assess"]),
}
REQ_FIELD = {"usc": ["2WW", "USC (2WW)", "Urgent suspected cancer"], "urgent": ["Urgent", "Urgent please", "URGENT"],
             "routine": ["Routine", "Non-urgent", "Routine OPD"], "advice": ["Advice & Guidance", "Advice only", "A&G"],
             None: ["-", "not stated", "Please see"]}
GP_PRIORITY_WORDS = {"usc": "2WW / urgent suspected cancer", "urgent": "urgent",
                     "routine": "routine", "advice": "advice and guidance only", None: None}
LEVEL_OF_URGENCY = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine",
                    "advice_and_guidance": "advice"}

HPC_ORDER = ["dysphagia", "haematemesis", "bloody_diarrhoea", "rectal_bleeding", "jaundice",
             "cibh", "abdominal_pain", "upper_abdominal_pain", "dyspepsia", "reflux", "bloating",
             "weight_loss", "confusion"]
EXAM_KEYS = ["rectal_mass", "anal_mass", "abdominal_mass", "ascites"]
VALUE_KEYS = ["hb", "ferritin", "fit", "calprotectin", "alt", "ttg"]
NEG_EXAM = ["abdominal_mass", "rectal_mass", "ascites"]


class Doc:
    """a letter built from segments; evidence and distractor strings are exact substrings"""

    def __init__(self):
        self.segs = []

    def t(self, s):
        if s:
            self.segs.append(["t", s, None])

    def e(self, key, s):
        self.segs.append(["e", s, key])

    def d(self, idx, s):
        self.segs.append(["d", s, idx])

    def r(self, s):
        self.segs.append(["r", s, None])

    def text(self):
        return "".join(s[1] for s in self.segs)


def fill(tmpl, ctx):
    return tmpl.format_map(ctx)


# --------------------------------------------------------------------------------------
# the letter renderer: context, values, sections
# --------------------------------------------------------------------------------------
def wl_texts(rng, pr, letter_date=None):
    kind = rng.choice(["kg", "kg", "stone", "pct"])
    n = rng.randrange(2, 7)
    if kind == "kg":
        w0 = rng.randrange(58, 106)
        loss = rng.randrange(5, 13)
        if (w0 + loss) % 3 == 0:
            # some writers give the BMI change as well (height from a separate seeded draw)
            h = random.Random(w0 * 131 + loss * 17 + n).randrange(155, 188) / 100.0
            b0, b1 = w0 / (h * h), (w0 - loss) / (h * h)
            return ("%d kg over %s months (%d kg to %d kg, BMI %.1f down to %.1f)" % (loss, num_words(n), w0, w0 - loss, b0, b1),
                    "%dkg in %d/12, BMI %.1f -> %.1f" % (loss, n, b0, b1))
        return ("%d kg over %s months (%d kg to %d kg)" % (loss, num_words(n), w0, w0 - loss),
                "%dkg in %d/12 (%d->%dkg)" % (loss, n, w0, w0 - loss))
    if kind == "stone":
        w0 = rng.randrange(140, 231)
        loss = rng.randrange(13, 19)
        a, b = divmod(w0, 14)
        c2, d2 = divmod(w0 - loss, 14)
        mon = MONTHS[months_back(letter_date, rng.randrange(3, 7)).month - 1]
        return ("about a stone since %s (%dst %dlb down to %dst %dlb)" % (mon, a, b, c2, d2),
                "%dst %dlb -> %dst %dlb since %s" % (a, b, c2, d2, mon[:3]))
    w0 = rng.randrange(60, 100)
    pct = rng.randrange(7, 13)
    w1 = int(round(w0 * (100 - pct) / 100.0))
    return ("around %d%% of %s body weight in %s months (%d kg to %d kg)" % (pct, pr["his"], num_words(n), w0, w1),
            "%d%% in %d/12 (%d->%dkg)" % (pct, n, w0, w1))


def ppi_texts(rng, weeks):
    drug = rng.choice(["omeprazole 20 mg", "lansoprazole 30 mg", "omeprazole 40 mg",
                       "esomeprazole 20 mg", "lansoprazole 15 mg"])
    wk = {1: ["a week", "1/52"], 2: ["two weeks", "2/52"], 6: ["six weeks", "6/52"],
          8: ["eight weeks", "8/52"], 10: ["ten weeks", "10/52"], 12: ["three months", "3/12"],
          16: ["four months", "4/12"]}[weeks]
    return drug, wk


class Letter:
    def __init__(self, case, rng):
        self.c = case
        self.f = case["facts"]
        self.rng = rng
        self.doc = Doc()
        self.dists = case["distractors"]
        self.placed = set()
        self.values = {}
        self.ctx = dict(case["ctx"])
        self.ppi = ppi_texts(rng, self.f["ppi_weeks"]) if self.f["ppi_weeks"] else None
        self.fact_dur = {}

    # ---- text helpers
    def F(self, tmpl, **kw):
        rng = self.rng
        ctx = self.ctx
        ctx["dur"] = rng.choice(DUR_PROSE)
        ctx["durs"] = rng.choice(DUR_SHORT)
        ctx["durn"] = rng.choice(DUR_NOTE)
        ctx.update(kw)
        return fill(tmpl, ctx)

    def pick(self, lst):
        return self.F(self.rng.choice(lst))

    def add_dist(self, kind, fact, section="form"):
        self.dists.append({"kind": kind, "fact": fact, "section": section})
        return len(self.dists) - 1

    def put_dist(self, i, text):
        self.doc.d(i, text)
        self.placed.add(i)

    def dists_in(self, section, kinds=None):
        return [i for i, d in enumerate(self.dists)
                if d["section"] == section and i not in self.placed
                and (kinds is None or d["kind"] in kinds)]

    # ---- fact phrases
    def pos_text(self, k, reg):
        bank = POS[k]
        lst = bank.get(reg) or bank["prose"]
        if k not in self.fact_dur:
            m = self.ctx["letter_date"].month
            pairs = DUR_LONG if (k in ("dyspepsia", "reflux") and self.f["ppi_weeks"]
                                 and self.f["ppi_weeks"] >= 4) else DUR_PAIRS
            pairs = [p for p in pairs if not (("Christmas" in p[0] or "New Year" in p[0]) and m in (12, 1, 2))
                     and not ("summer" in p[0] and m in (6, 7, 8, 9)) and not ("spring" in p[0] and m in (2, 3, 4))]
            self.fact_dur[k] = (self.rng.choice(pairs), self.rng.choice(DUR_SHORT), self.rng.randrange(12))
        (dp, dn), ds, flav = self.fact_dur[k]
        tmpl = lst[flav % len(lst)] if reg in ("prose", "note") else self.rng.choice(lst)
        ctx = self.ctx
        ctx["dur"], ctx["durn"], ctx["durs"] = dp, dn, ds
        return fill(tmpl, ctx)

    def dist_text(self, i, reg):
        d = self.dists[i]
        kind, fact = d["kind"], d["fact"]
        note = reg == "note"
        if kind == "negated":
            p, n, _ = NEG[fact]
            return self.pick(n if note else p)
        if kind == "family_history":
            tmpl = FAMILY[d["variant"]][2 if note else 0]
            return self.F(tmpl)
        if kind == "resolved_past":
            return self.pick((RESOLVED_NOTE if note else RESOLVED)[fact])
        if kind == "hypothetical":
            lst = HYPO[fact]
            return self.F(lst[1] if note else lst[0])
        if kind == "uncertain":
            lst = UNCERTAIN[fact]
            return self.F(lst[1] if note else lst[0])
        if kind == "result_awaited":
            lst = AWAITED[fact]
            return self.F(lst[1] if note else self.rng.choice([lst[0], lst[-1]]))
        raise ValueError(kind)

    # ---- values
    def val(self, k, mode):
        """text for value k in a mode: prose, note, words, lab, fall, bare"""
        f, rng = self.f, self.rng
        sex = f["sex"]
        if mode == "bare":
            t, rec = self.bare(k)
            rec["written"] = t
            self.values.setdefault(k, []).append(rec)
            return t
        if k == "hb":
            v = f["hb"]
            low = v < (130 if sex == "M" else 120)
            lo, hi = (130, 180) if sex == "M" else (115, 165)
            rec = {"value": v, "unit": "g/L"}
            if mode == "words":
                if rng.random() < 0.5:
                    t = "a haemoglobin of %s grams per litre" % num_words(v)
                else:
                    t = "a haemoglobin of %s grams per decilitre" % dec_words(v / 10.0)
                    rec = {"value": v / 10.0, "unit": "g/dL"}
            elif mode == "lab":
                t = "Haemoglobin estimation %d g/L [%d - %d]%s" % (v, lo, hi, " L" if v < lo else "")
            elif mode == "fall" and low:
                old = hb_normal(rng, sex)
                t = "Hb down from %d to %d" % (old, v)
                rec["previous"] = old
            else:
                form = rng.choice(["Hb %d", "Hb %d g/L", "haemoglobin %d g/L", "gdl"] if mode != "note"
                                  else ["Hb %d", "Hb %d g/L", "Hb %d"])
                if form == "gdl":
                    t = "haemoglobin %.1f g/dL" % (v / 10.0)
                    rec = {"value": v / 10.0, "unit": "g/dL"}
                else:
                    t = form % v
            rec["written"] = t
        elif k == "ferritin":
            v = f["ferritin"]
            rec = {"value": v, "unit": "ug/L"}
            if mode == "words":
                t = "a ferritin of %s" % num_words(v)
            elif mode == "lab":
                t = "Serum ferritin %d ug/L [15 - 300]%s" % (v, " L" if v < 15 else "")
            else:
                t = rng.choice(["ferritin %d", "ferritin %d ug/L", "ferritin %d \u00b5g/L",
                                "ferritin %d"]) % v
                if mode == "note":
                    t = t[0].upper() + t[1:]
            rec["written"] = t
        elif k == "fit":
            fit = f["fit"]
            rec = dict(fit)
            if fit["kind"] == "num":
                v = fit["value"]
                if mode == "words":
                    t = "a FIT of %s" % num_words(v)
                elif mode == "lab":
                    t = "Faecal immunochemical test (FIT) %d ug Hb/g" % v
                else:
                    t = rng.choice(["FIT %d", "FIT %d ug Hb/g", "qFIT %d ug Hb/g faeces",
                                    "FIT positive (%d)" if v >= 10 else "FIT %d (negative)",
                                    "FIT %d \u00b5g Hb/g"]) % v
            elif fit["kind"] == "above":
                t = rng.choice(["FIT >400 ug Hb/g", "qFIT >400 (above upper limit of reporting)"])
                if mode == "words":
                    t = "a FIT of over four hundred"
            elif fit["kind"] == "below":
                v = fit["value"]
                if mode == "words":
                    t = "a FIT of less than %s" % num_words(v)
                elif v == 4:
                    t = rng.choice(["FIT <4", "FIT <4 ug Hb/g", "qFIT < 4 \u00b5g Hb/g"])
                else:
                    t = rng.choice(["FIT <10", "FIT <10 ug Hb/g (negative)"])
            else:
                t = ("qFIT " if rng.random() < 0.3 else "FIT ") + fit["text"]
                if mode == "words":
                    t = "FIT " + fit["text"]
            rec["written"] = t
        elif k == "calprotectin":
            cp = f["calprotectin"]
            rec = dict(cp)
            if cp["kind"] == "num":
                v = cp["value"]
                if mode == "words":
                    t = "a calprotectin of %s" % num_words(v)
                elif mode == "lab":
                    t = "Faecal calprotectin %d ug/g" % v
                else:
                    t = rng.choice(["calprotectin %d", "faecal calprotectin %d ug/g",
                                    "FCP %d \u00b5g/g", "calprotectin %d \u00b5g/g"]) % v
            else:
                v = cp["value"]
                t = rng.choice(["calprotectin <%d ug/g", "faecal calprotectin <%d"]) % v
                if mode == "words":
                    t = "a calprotectin of less than %s" % num_words(v)
            if mode == "note" and t[0].islower():
                t = t[0].upper() + t[1:]
            rec["written"] = t
        elif k == "alt":
            v = f["alt"]
            rec = {"value": v, "unit": "U/L"}
            if mode == "words":
                t = "an ALT of %s" % num_words(v)
            elif mode == "lab":
                t = "ALT %d U/L [0 - 40]%s" % (v, " H" if v > 40 else "")
            else:
                t = rng.choice(["ALT %d", "ALT %d U/L", "alanine transaminase %d IU/L",
                                "ALT %d IU/L"]) % v
            rec["written"] = t
        elif k == "ttg":
            tg = f["ttg"]
            rec = dict(tg)
            if tg["raised"]:
                if "above" in tg:
                    t = rng.choice(["tTG >128 U/mL (strongly positive)",
                                    "coeliac serology strongly positive (tTG >128 U/mL)"])
                else:
                    t = rng.choice(["tTG IgA %d U/mL (ref <7)",
                                    "coeliac serology positive: anti-tTG %d U/mL (normal <7)",
                                    "tissue transglutaminase IgA %d U/mL [0 - 7] H"]) % tg["value"]
            else:
                t = rng.choice(["tTG IgA %s U/mL (negative), total IgA normal",
                                "coeliac serology negative (tTG %s U/mL)"]) % tg["value"]
            rec["written"] = t
        else:
            raise ValueError(k)
        if mode in ("note", "lab") and t[:1].islower():
            t = t[0].upper() + t[1:]
            rec["written"] = t
        self.values.setdefault(k, []).append(rec)
        return t

    def bare(self, k):
        f, rng = self.f, self.rng
        if k == "hb":
            v = f["hb"]
            if rng.random() < 0.2:
                return "%.1f g/dL" % (v / 10.0), {"value": v / 10.0, "unit": "g/dL"}
            return "%d g/L" % v, {"value": v, "unit": "g/L"}
        if k == "ferritin":
            return "%d ug/L" % f["ferritin"], {"value": f["ferritin"], "unit": "ug/L"}
        if k == "alt":
            return "%d U/L" % f["alt"], {"value": f["alt"], "unit": "U/L"}
        if k == "fit":
            fit = f["fit"]
            t = {"num": lambda: "%d ug Hb/g" % fit.get("value", 0), "above": lambda: ">400 ug Hb/g",
                 "below": lambda: "<%d ug Hb/g" % fit.get("value", 0), "qual": lambda: fit.get("text", "")}[fit["kind"]]()
            return t, dict(fit)
        if k == "calprotectin":
            cp = f["calprotectin"]
            t = ("%d ug/g" % cp["value"]) if cp["kind"] == "num" else "<%d ug/g" % cp["value"]
            return t, dict(cp)
        if k == "ttg":
            tg = f["ttg"]
            if tg["raised"]:
                t = ">128 U/mL (positive)" if "above" in tg else "%d U/mL (ref <7) - positive" % tg["value"]
            else:
                t = "negative (%s U/mL)" % tg["value"]
            return t, dict(tg)
        raise ValueError(k)

    def present_values(self):
        return [k for k in VALUE_KEYS if self.f[k] is not None]

    # ---- generic section writers --------------------------------------------------
    def hpc_keys(self):
        keys = [k for k in HPC_ORDER if self.f[k]]
        return keys

    def ppi_sentence(self, reg):
        drug, wk = self.ppi
        w = self.f["ppi_weeks"]
        if reg == "note":
            if w >= 4:
                return self.rng.choice(["No better despite %s od x %s" % (drug, wk[1]),
                                        "Persists on %s for %s" % (drug, wk[1])])
            return "Started %s %s ago" % (drug, wk[1])
        if w >= 4:
            return self.rng.choice([
                "This has persisted despite %s daily for %s." % (drug, wk[0]),
                "%s has now taken %s daily for %s without improvement." % (self.ctx["He"], drug, wk[0]),
            ])
        return "%s started %s daily %s ago." % (self.ctx["He"], drug, wk[0])

    def other_sentence(self, o, reg):
        return self.F(OTHER_SYMPTOMS[o][1 if reg == "note" else 0])

    def hpc_items(self, reg, include_dists=True, redflag_list=None):
        """positive history facts, ppi, other symptoms, then hpc distractors"""
        f = self.f
        items = []
        preg = reg if reg in ("note",) else "prose"
        for n, k in enumerate(self.hpc_keys()):
            r2 = reg if reg in ("quote", "second") and (n == 0 or self.rng.random() < 0.7) else preg
            items.append(("e", k, self.pos_text(k, r2)))
            if k in ("dyspepsia",) and self.ppi:
                items.append(("e", "ppi_weeks", self.ppi_sentence(preg)))
            if k == "reflux" and self.ppi and not f["dyspepsia"]:
                items.append(("e", "ppi_weeks", self.ppi_sentence(preg)))
        for o in f["other"]:
            items.append(("e", "other:" + o, self.other_sentence(o, preg)))
        if include_dists:
            items += self.hpc_dist_items(preg, redflag_list)
        return items

    def hpc_dist_items(self, preg, redflag_list=None):
        items = []
        neg = self.dists_in("hpc", ["negated"])
        if redflag_list is None:
            redflag_list = len(neg) >= 2 and self.rng.random() < 0.45
        if redflag_list and len(neg) >= 2:
            if preg == "note":
                lead = self.rng.choice(["Red flags - ", "No red flags: ", "RF: "])
            else:
                lead = self.rng.choice(["No red flags: ", "Red flags: ", "Denies any ",
                                        "Specifically, "])
            parts = [("t", None, lead)]
            for n, i in enumerate(neg):
                txt = NEG[self.dists[i]["fact"]][2]
                if lead.startswith("Denies"):
                    txt = txt[3:] if txt.startswith("no ") else txt
                if n:
                    last = n == len(neg) - 1
                    parts.append(("t", None, " or " if (last and lead.startswith("Denies")) else ", "))
                parts.append(("d", i, txt))
            parts.append(("t", None, "."))
            items.append(("group", None, parts))
        else:
            for i in neg:
                items.append(("d", i, self.dist_text(i, preg)))
        for i in self.dists_in("hpc", ["uncertain", "resolved_past"]):
            items.append(("d", i, self.dist_text(i, preg)))
        return items

    def emit_mixed(self, items, sep, end=""):
        """emit items joined by sep, then end; avoids '..', '.;' and '?.'"""
        items = list(items)
        prev_last = ""
        for n, (typ, key, text) in enumerate(items):
            nxt = sep if n < len(items) - 1 else end
            if n:
                self._emit_sep(sep, prev_last)
            if typ == "group":
                for t2, k2, x2 in text:
                    if t2 == "d":
                        self.put_dist(k2, x2)
                    else:
                        self.doc.t(x2)
                prev_last = text[-1][2][-1:] if text else ""
                continue
            if text.endswith(".") and nxt[:1] in (".", ";", ","):
                text = text[:-1]
            if typ == "e":
                self.doc.e(key, text)
            elif typ == "d":
                self.put_dist(key, text)
            elif typ == "r":
                self.doc.r(text)
            else:
                self.doc.t(text)
            prev_last = text[-1:]
        if items:
            self._emit_sep(end, prev_last)

    def _emit_sep(self, sep, prev_last):
        if sep[:1] == "." and prev_last in ("?", "!", "."):
            sep = sep[1:]
        self.doc.t(sep)

    def exam_items(self, reg):
        preg = "note" if reg == "note" else "prose"
        items = []
        for k in EXAM_KEYS:
            if self.f[k]:
                items.append(("e", k, self.pos_text(k, preg)))
        for i in self.dists_in("exam"):
            items.append(("d", i, self.dist_text(i, preg)))
        return items

    def background_items(self, reg):
        f, rng = self.f, self.rng
        preg = "note" if reg == "note" else "prose"
        items = []
        if f["cirrhosis"]:
            items.append(("e", "cirrhosis", self.pos_text("cirrhosis", preg)))
        if f["ibd_known"]:
            items += self.ibd_items(preg)
        if f["fh_crc"]:
            items.append(("e", "fh_crc", self.pos_text("fh_crc", preg)))
        for i in self.dists_in("background"):
            items.append(("d", i, self.dist_text(i, preg)))
        return items

    def ibd_items(self, preg):
        f, ctx = self.f, self.ctx
        items = []
        desc = ctx["ibd_desc"]
        if preg == "note":
            items.append(("e", "ibd_known", "%s (dx %s)" % (desc, ctx["ibd_yr"])))
            if f["ibd_stable"]:
                items.append(("e", "ibd_stable", "Stable, in remission on %s, asymptomatic" % ctx["ibd_med"]))
        else:
            items.append(("e", "ibd_known", "%s has %s, diagnosed in %s." % (ctx["He"], desc, ctx["ibd_yr"])))
            if f["ibd_stable"]:
                items.append(("e", "ibd_stable", self.F(self.rng.choice([
                    "{He} has been stable in remission on {ibd_med} for several years, with no symptoms at present.",
                    "{His} disease is stable: {he} is in remission on {ibd_med}, opening {his} bowels once a day with no blood."]))))
        return items

    def ibd_question_item(self):
        return ("e", "ibd_question", self.F(self.ctx["ibd_q"]))

    def results_items(self, reg, mode=None):
        """values and fatty liver; returns items"""
        f = self.f
        items = []
        mode = mode or ("note" if reg == "note" else "prose")
        for k in self.present_values():
            m = mode
            if mode == "prose" and k == "hb" and self.rng.random() < 0.3:
                m = "fall"
            items.append(("e", k, self.val(k, m)))
        return items

    def imaging_items(self, reg):
        items = []
        if self.f["fatty_liver"]:
            items.append(("e", "fatty_liver", self.pos_text("fatty_liver", "note" if reg == "note" else "prose")))
        return items

    def plan_items(self, reg):
        preg = "note" if reg == "note" else "prose"
        items = []
        for i in self.dists_in("plan"):
            items.append(("d", i, self.dist_text(i, preg)))
        return items

    def request_text(self, reg):
        lvl = self.c["gp_level"]
        if reg == "field":
            return self.rng.choice(REQ_FIELD[lvl])
        p, n = REQ[lvl]
        return self.pick(n if reg == "note" else p)

    def all_placed_check(self):
        missing = [i for i in range(len(self.dists)) if i not in self.placed]
        return missing


# --------------------------------------------------------------------------------------
# case building: facts + distractors, accepted only when every reading gives the rule
# --------------------------------------------------------------------------------------
NEG_SECTION = {"abdominal_mass": "exam", "rectal_mass": "exam", "ascites": "exam",
               "jaundice": "exam", "fh_crc": "background"}


def distractor_pool(f):
    pool = []
    bd = f["bloody_diarrhoea"]
    for k in ["dysphagia", "weight_loss", "rectal_bleeding", "jaundice", "haematemesis",
              "abdominal_mass", "rectal_mass", "cibh", "abdominal_pain", "reflux", "dyspepsia",
              "bloating", "ascites", "confusion", "fh_crc"]:
        if f[k]:
            continue
        if bd and k in ("rectal_bleeding", "cibh"):
            continue
        if k == "abdominal_pain" and f["upper_abdominal_pain"]:
            continue
        if k in ("ascites", "confusion") and not f["cirrhosis"]:
            continue
        if k == "rectal_mass" and f["anal_mass"]:
            continue
        if k in ("reflux", "dyspepsia") and (f["reflux"] or f["dyspepsia"]) and k == "dyspepsia":
            continue
        pool.append({"kind": "negated", "fact": k, "section": NEG_SECTION.get(k, "hpc")})
    for v in range(len(FAMILY)):
        pool.append({"kind": "family_history", "fact": FAMILY[v][1], "section": "background",
                     "variant": v})
    for k in ["rectal_bleeding", "reflux", "haematemesis", "jaundice", "bloody_diarrhoea",
              "cibh", "dysphagia", "anaemia"]:
        if k == "anaemia":
            if f["sex"] != "F" or (f["hb"] is not None and f["hb"] < 120) or f["age"] > 70:
                continue
        elif f[k]:
            continue
        if bd and k in ("rectal_bleeding", "cibh", "bloody_diarrhoea"):
            continue
        if f["ibd_known"] and k in ("bloody_diarrhoea", "rectal_bleeding", "cibh"):
            continue
        pool.append({"kind": "resolved_past", "fact": k, "section": "hpc"})
    for k in ["dysphagia", "rectal_bleeding", "jaundice", "weight_loss", "haematemesis"]:
        if not f[k] and not (bd and k == "rectal_bleeding"):
            pool.append({"kind": "hypothetical", "fact": k, "section": "plan"})
    for k in ["rectal_bleeding", "weight_loss", "reflux", "bloating"]:
        if not f[k] and not (bd and k == "rectal_bleeding"):
            pool.append({"kind": "uncertain", "fact": k, "section": "hpc"})
    if f["fit"] is None:
        pool.append({"kind": "result_awaited", "fact": "fit", "section": "plan"})
    if f["calprotectin"] is None and (f["cibh"] or f["abdominal_pain"] or f["bloating"]):
        pool.append({"kind": "result_awaited", "fact": "calprotectin", "section": "plan"})
    if f["ttg"] is None:
        pool.append({"kind": "result_awaited", "fact": "ttg", "section": "plan"})
    if not f["fatty_liver"] and (f["alt"] is not None or f["cirrhosis"] or f["jaundice"]):
        pool.append({"kind": "result_awaited", "fact": "uss", "section": "plan"})
    return pool


FACT_DOMAIN = {"dysphagia": "upper", "reflux": "upper", "dyspepsia": "upper", "haematemesis": "upper",
               "rectal_bleeding": "lower", "cibh": "lower", "abdominal_pain": "lower", "bloating": "lower",
               "rectal_mass": "lower", "fh_crc": "lower", "bloody_diarrhoea": "lower", "fit": "lower",
               "calprotectin": "lower", "ibd_known": "lower", "jaundice": "liver", "ascites": "liver",
               "confusion": "liver", "cirrhosis": "liver", "uss": "liver"}


def case_domains(f):
    dom = set()
    if any(f[k] for k in ["dysphagia", "reflux", "dyspepsia", "haematemesis", "upper_abdominal_pain"]):
        dom.add("upper")
    if any(f[k] for k in ["rectal_bleeding", "cibh", "abdominal_pain", "bloating", "rectal_mass", "anal_mass",
                          "bloody_diarrhoea", "fh_crc", "ibd_known", "abdominal_mass"]) \
            or f["fit"] is not None or f["calprotectin"] is not None or ida_true(f):
        dom.add("lower")
    if f["jaundice"] or f["cirrhosis"] or f["fatty_liver"] or (f["alt"] is not None and f["alt"] >= 40):
        dom.add("liver")
    if f["weight_loss"] or not dom:
        dom |= {"upper", "lower"}
    return dom


def uncertain_keys(dists):
    return tuple(d["fact"] for d in dists if d["kind"] == "uncertain")


STYLE_AGE = {"carer_history_dementia": (72, 95), "carer_history_learning_disability": (18, 64)}


def build_case(idx, rule, style, rng, n_dist_range, age_mode):
    lo, hi = RULE_AGE[rule]
    slo, shi = STYLE_AGE.get(style, (18, 95))
    lo, hi = max(lo, slo), min(hi, shi)
    compat = STYLES[style]["compat"]
    dob_only = age_mode == "dob_only"
    for attempt in range(4000):
        age = rng.randrange(lo, hi + 1)
        f, sub = sc_rule(rule, rng, age)
        # optional normal values (become facts; recorded later as normal_value distractors)
        if f["hb"] is None and rng.random() < 0.25:
            f["hb"] = hb_normal(rng, f["sex"])
            if f["ferritin"] is None and rng.random() < 0.4:
                f["ferritin"] = rng.randrange(45, 260)
        if f["alt"] is None and rng.random() < 0.12:
            f["alt"] = rng.randrange(12, 34)
        if f["ttg"] is None and rule not in ("O4",) and rng.random() < 0.08:
            f["ttg"] = ttg_neg(rng)
        if rule not in ("A3", "O3") and not f["fh_crc"] and rng.random() < 0.04:
            f["fh_crc"] = True
        if robust_label(f, dob_only=dob_only) != rule:
            continue
        if compat and not compat(f):
            continue
        # distractors
        pool = distractor_pool(f)
        rng.shuffle(pool)
        dom = case_domains(f)
        pool = [d for d in pool if FACT_DOMAIN.get(d["fact"], "any") in dom or FACT_DOMAIN.get(d["fact"], "any") == "any"] + \
            [d for d in pool if not (FACT_DOMAIN.get(d["fact"], "any") in dom or FACT_DOMAIN.get(d["fact"], "any") == "any")
             and rng.random() < 0.25]
        want = rng.randrange(n_dist_range[0], n_dist_range[1] + 1)
        chosen = []
        fam = 0
        for d in pool:
            if len(chosen) >= want:
                break
            if d["kind"] == "family_history":
                if fam or rng.random() < 0.6:
                    continue
                if d["fact"] == "ibd_known" and f["ibd_known"]:
                    continue
            if d["kind"] in ("resolved_past", "hypothetical", "uncertain", "result_awaited") \
                    and any(c["kind"] == d["kind"] for c in chosen) and rng.random() < 0.7:
                continue
            if any(c["fact"] == d["fact"] for c in chosen):
                continue
            trial = chosen + [d]
            if d["kind"] == "uncertain" and \
                    robust_label(f, uncertain_keys(trial), dob_only=dob_only) != rule:
                continue
            if d["kind"] == "family_history":
                fam += 1
            chosen.append(d)
        return f, sub, chosen
    raise RuntimeError("could not build case %s %s %s" % (idx, rule, style))


def build_ctx(idx, f, rng, letter_date):
    pr = pronouns(f["sex"])
    ctx = dict(pr)
    if f["sex"] == "M":
        first = rng.choice(MALE_FIRST)
        title = "Mr"
        ctx["partner"] = "wife"
    else:
        first = rng.choice(FEMALE_FIRST)
        title = wchoice(rng, [("Mrs", 5), ("Ms", 3), ("Miss", 1)])
        ctx["partner"] = "partner" if title == "Miss" else "husband"
    surname = rng.choice(SURNAMES)
    # date of birth consistent with the drawn age on the letter date
    while True:
        yr = letter_date.year - f["age"] - rng.choice([0, 1])
        dob = datetime.date(yr, rng.randrange(1, 13), rng.randrange(1, 29))
        if age_on(dob, letter_date) == f["age"]:
            break
    gp_first, gp_sur = rng.choice(GP_FIRST), rng.choice(GP_SURNAMES)
    rel = rng.choice([("father", "his", "he"), ("mother", "her", "she"), ("brother", "his", "he"),
                      ("sister", "her", "she")])
    rel2 = rng.choice([("father", "his", "he"), ("mother", "her", "she"), ("brother", "his", "he"),
                       ("sister", "her", "she"), ("aunt", "her", "she"), ("uncle", "his", "he")])
    ibd_type = f["ibd_type"] or rng.choice(["UC", "Crohn's"])
    qi = rng.randrange(len(IBD_QUESTIONS))
    if ibd_type == "UC":
        desc = rng.choice(["ulcerative colitis (left-sided)", "ulcerative colitis", "extensive ulcerative colitis"])
        med = {0: "azathioprine 100 mg daily", 2: "adalimumab"}.get(qi, "mesalazine 2.4 g daily")
    else:
        desc = rng.choice(["ileal Crohn's disease", "Crohn's disease", "ileocolonic Crohn's disease"])
        med = {0: "azathioprine 125 mg daily", 2: "adalimumab"}.get(qi, "azathioprine 100 mg daily")
        if qi in (1, 4, 5):
            qi = rng.choice([0, 2, 3, 6])
            med = {0: "azathioprine 125 mg daily", 2: "adalimumab"}.get(qi, "azathioprine 100 mg daily")
    carer = rng.choice(["daughter", "son", ctx["partner"], "main carer", "care home staff"]) \
        if f["age"] >= 70 else rng.choice(["support worker", "mother", "father", "key worker"])
    wl, wln = wl_texts(rng, pr, letter_date)
    ctx.update({
        "title": title, "first": first, "surname": surname, "SURNAME": surname.upper(),
        "dob": dob, "letter_date": letter_date, "nhs": nhs_number(rng),
        "practice": make_practice(rng), "hospital": rng.choice(HOSPITALS),
        "gp": "Dr %s %s" % (gp_first, gp_sur), "gp_short": "Dr %s" % gp_sur,
        "gp_initial": "Dr %s %s" % (gp_first[0], gp_sur),
        "wl": wl, "wln": wln, "quad": rng.choice(QUADS), "size": rng.choice([4, 5, 6, 8]),
        "side": rng.choice(["anterior", "posterior", "left lateral", "right lateral"]),
        "yr": str(letter_date.year - rng.randrange(3, 12)),
        "aet": rng.choice(["alcohol", "MASLD (fatty liver disease)", "hepatitis C (treated)",
                           "alcohol and obesity"]),
        "usdate": fmt_date(months_back(letter_date, rng.randrange(1, 5)), rng.choice(["slash", "abbr_sp", "long"])),
        "Rel": pr["His"] + " " + rel[0], "rel": pr["his"] + " " + rel[0],
        "fa": str(rng.randrange(44, 79)),
        "Rel2": pr["His"] + " " + rel2[0], "rel2": pr["his"] + " " + rel2[0],
        "rel2_his": rel2[1], "rel2_he": rel2[2],
        "carer": carer,
        "ibd_desc": desc, "ibd_med": med, "ibd_yr": str(letter_date.year - rng.randrange(4, 16)),
        "ibd_q_index": qi,
        "cons": "Dr %s" % rng.choice(["Ferreira", "Abbott", "Nkemelu", "Sandhu", "Llewellyn", "Moreau"]),
    })
    ctx["ibd_q"] = IBD_QUESTIONS[qi]
    ctx["bili"] = str(rng.randrange(28, 46))
    young_ok = ["asthma", "hypothyroidism", "depression", "migraine", "psoriasis", "a previous appendicectomy",
                "type 2 diabetes", "hypertension", "hypercholesterolaemia", "gout"]
    pool = PMH_ITEMS if f["age"] >= 50 else [p for p in PMH_ITEMS if p in young_ok]
    if f["age"] < 35:
        pool = [p for p in pool if p in ("asthma", "hypothyroidism", "depression", "migraine", "psoriasis", "a previous appendicectomy")]
    pmh = rng.sample(pool, rng.randrange(0, 4))
    pmh = [p for p in pmh if not (p in ("a previous hysterectomy",) and f["sex"] == "M")
           and not (p == "benign prostatic hypertrophy" and f["sex"] == "F")]
    ctx["pmh"] = pmh
    ctx["meds"] = [MED_FOR[p] for p in pmh if p in MED_FOR]
    ctx["job"] = rng.choice(["teacher", "bus driver", "nurse", "electrician", "shop manager",
                             "civil servant", "farmer", "accountant", "care worker", "joiner"])
    ctx["alcohol"] = rng.choice([0, 2, 6, 10, 14, 20]) if not (f["cirrhosis"] or f["alt"]) \
        else rng.choice([0, 8, 18, 30, 45])
    ctx["smoker"] = rng.choice(["has never smoked", "is an ex-smoker", "smokes 10 a day",
                                "gave up smoking 20 years ago"])
    return ctx


# --------------------------------------------------------------------------------------
# shared layout pieces
# --------------------------------------------------------------------------------------
REASON = {
    "U2": ["I examined {him} in surgery this week.", "I saw {him} this week and examined {him}."],
    "U3": ["I am writing about {his} FIT result.", "{His} FIT has come back and I would value your opinion."],
    "U4": ["I am writing about {his} blood results.", "{His} routine bloods have come back abnormal."],
    "U6": ["I examined {him} in surgery this week.", "I saw {him} this week and examined {him}."],
    "O2": ["I am writing about {his} stool test result.", "{His} stool tests have come back."],
    "D": ["I am writing about {his} recent blood results.", "{His} recent blood tests prompted this letter."],
    "A3": ["{He} is entirely well but is worried about {his} family history.",
           "{He} came to discuss bowel screening because of {his} family history."],
    "O3": ["I am writing for advice about {his} inflammatory bowel disease.",
           "{He} came to see me with a question about {his} IBD treatment."],
    "O5": ["I am writing about {his} liver blood tests.",
           "{His} liver tests were checked at a routine medication review."],
    "R2": ["I am writing about {his} liver.", "I am writing about {his} recent blood results."],
    "O4": ["I checked {his} bloods as part of a general review.",
           "I am writing about {his} recent blood results."],
}
REASON_DEFAULT = ["I saw {him} in surgery this week.", "{He} came to see me recently."]


def name_plain(c):
    return "%s %s %s" % (c["title"], c["first"], c["surname"])


def name_caps(c):
    return "%s %s %s" % (c["title"], c["first"], c["SURNAME"])


def nhs_fmt(c, spaced=True):
    n = c["nhs"]
    return "%s %s %s" % (n[:3], n[3:6], n[6:]) if spaced else n


def art(a):
    return "an" if str(a).startswith("8") or a in (11, 18) else "a"


def age_phrase(L, words=False):
    c, rng = L.ctx, L.rng
    a = L.f["age"]
    if words:
        return rng.choice(["%s %s-year-old %s" % ("an" if num_words(a)[0] in "aeiou" else "a", num_words(a), c["man"]),
                           "aged %s" % num_words(a)])
    return rng.choice(["%s %d-year-old %s" % (art(a), a, c["man"]), "aged %d" % a,
                       "%s %d year old %s" % (art(a), a, c["gentleman"])])


def head_letter(L, v=None):
    c, d, rng = L.ctx, L.doc, L.rng
    p = c["practice"]
    v = rng.randrange(4) if v is None else v
    if v == 0:
        d.t("%s\n%s\n%s %s\nTel: %s\n\n" % (p["name"], p["street"], p["town"], p["postcode"], p["phone"]))
    elif v == 1:
        d.t("%s\n%s, %s, %s\nTelephone %s | Practice code %s\n%s\n\n" % (
            p["name"].upper(), p["street"], p["town"], p["postcode"], p["phone"], p["code"], p["email"]))
    elif v == 2:
        d.t("%s | %s | %s %s | %s\n\n" % (p["name"], p["street"], p["town"], p["postcode"], p["phone"]))
    else:
        d.t("From: %s, %s, %s\n" % (c["gp"], p["name"], p["town"]))
    d.t(rng.choice(["", "Date: ", "Date typed: "]))
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\n\n")
    d.t(rng.choice([
        "The Consultant Gastroenterologist\nGastroenterology Department\n%s\n\n" % c["hospital"],
        "%s, Consultant Gastroenterologist\n%s\n\n" % (c["cons"], c["hospital"]),
        "Gastroenterology Outpatients\n%s\n\n" % c["hospital"],
        "To: Gastroenterology, %s\n\n" % c["hospital"]]))


def re_block(L, v=None):
    c, d, rng = L.ctx, L.doc, L.rng
    v = rng.randrange(4) if v is None else v
    mode = L.c["age_mode"]
    dob_s = fmt_date(c["dob"], c["dob_kind"])
    addr = "%d %s, %s" % (rng.randrange(1, 200), rng.choice(STREETS), c["practice"]["town"])
    if v == 0:
        d.t("Re: ")
        d.e("patient", name_caps(c))
        d.t(", DOB ")
        d.e("dob", dob_s)
    elif v == 1:
        d.t("RE: ")
        d.e("patient", name_caps(c))
        d.t("\nDate of birth: ")
        d.e("dob", dob_s)
    elif v == 2:
        d.t("Patient: ")
        d.e("patient", name_plain(c))
        d.t("   D.O.B. ")
        d.e("dob", dob_s)
    else:
        d.t("Re: ")
        d.e("patient", name_plain(c))
        d.t(" (DOB ")
        d.e("dob", dob_s)
        d.t(")")
    if mode == "both":
        d.t(" ")
        d.e("age", rng.choice(["(%dy)" % L.f["age"], "Age %d" % L.f["age"], "[%d yrs]" % L.f["age"]]))
    d.t(rng.choice(["\nNHS No: %s\n" % nhs_fmt(c), "  NHS %s\n" % nhs_fmt(c, False),
                    "\nNHS number %s\n%s\n" % (nhs_fmt(c), addr)]))
    d.t("\n")


def signoff(L, who=None, v=None):
    c, d, rng = L.ctx, L.doc, L.rng
    v = rng.randrange(4) if v is None else v
    who = who or rng.choice(["%s\nGP Partner" % c["gp"], "%s MRCGP\nGeneral Practitioner" % c["gp_initial"],
                             "%s\nSalaried GP, %s" % (c["gp"], c["practice"]["name"])])
    if v == 0:
        d.t("\n\nYours sincerely,\n\n\n%s\n" % who)
    elif v == 1:
        d.t("\n\nKind regards,\n\n%s\n" % who)
    elif v == 2:
        d.t("\n\nWith best wishes\n\n%s\n" % who)
    else:
        d.t("\n\nYours faithfully,\n\n%s\n" % who)


def salutation(L):
    c = L.ctx
    L.doc.t(L.rng.choice(["Dear Colleague,\n\n", "Dear Dr %s,\n\n" % c["cons"].split()[-1],
                          "Dear Gastroenterology Team,\n\n", "Dear Doctor,\n\n"]))


def opening(L, words=False):
    c, d, rng = L.ctx, L.doc, L.rng
    mode = L.c["age_mode"]
    nm = "%s %s" % (c["title"], c["surname"])
    if mode in ("stated", "words") or (mode == "both" and rng.random() < 0.3):
        v = rng.randrange(4) if not (words or mode == "words") else rng.randrange(3)
        if v == 3:
            d.t("%s " % nm)
            d.e("age", "(%d)" % L.f["age"])
            d.t(rng.choice([" came to see me this week. ", " saw me recently. "]))
            return
        if v == 0:
            d.t("Thank you for seeing %s, " % nm)
            d.e("age", age_phrase(L, words or mode == "words"))
            d.t(rng.choice([", whom I saw in surgery this week. ", ". ", ", who came to see me recently. "]))
        elif v == 1:
            d.t("I would be grateful if you could see %s, " % nm)
            d.e("age", age_phrase(L, words or mode == "words"))
            d.t(". ")
        else:
            d.t("%s is " % nm)
            a = L.f["age"]
            d.e("age", ("%s %s-year-old %s" % ("an" if num_words(a)[0] in "aeiou" else "a", num_words(a), c["man"]))
                if (words or mode == "words") else "%s %d-year-old %s" % (art(a), a, c["man"]))
            d.t(rng.choice([" whom I saw today. ", " who presented this week. ", ". "]))
    else:
        d.t(rng.choice(["Thank you for seeing %s, whom I saw in surgery this week. " % nm,
                        "I would be grateful for your opinion on %s. " % nm,
                        "I saw %s recently. " % nm]))


def pmh_sentence(L):
    c = L.ctx
    if not c["pmh"]:
        return L.rng.choice(["{He} is otherwise fit and well.", "Past medical history is nil of note."]).format_map(c)
    if len(c["pmh"]) == 1:
        lst = c["pmh"][0]
    else:
        lst = ", ".join(c["pmh"][:-1]) + " and " + c["pmh"][-1]
    return L.rng.choice(["{He} has a background of %s." % lst, "Past history includes %s." % lst]).format_map(c)


def social_sentence(L):
    c = L.ctx
    a = c["alcohol"]
    alc = "does not drink alcohol" if a == 0 else "drinks about %d units of alcohol a week" % a
    art = "an" if c["job"][0] in "aeiou" else "a"
    return "{He} lives with {his} {partner}, is a retired {job}, {alc} and {smk}.".format_map(
        dict(c, alc=alc, smk=c["smoker"])) if L.f["age"] >= 66 else \
        "{He} works as {art} {job}, {alc} and {smk}.".format_map(dict(c, alc=alc, smk=c["smoker"], art=art))


def filler_exam(L):
    rng = L.rng
    return rng.choice(["{He} looked well. Pulse %d regular, BP %d/%d." % (rng.randrange(62, 96), rng.randrange(112, 158), rng.randrange(66, 92)),
                       "BMI %.1f." % (rng.randrange(210, 340) / 10.0),
                       "Observations were unremarkable.",
                       "{He} was comfortable at rest."]).format_map(L.ctx)


def page_break(L, page, of):
    c, d = L.ctx, L.doc
    p = c["practice"]
    d.t("\n\n%sPage %d of %d\n%s, %s, %s %s  Tel %s\n" % (" " * 40, page, of, p["name"], p["street"], p["town"], p["postcode"], p["phone"]))
    d.t(L.rng.choice(["Continued...\n", "/cont.\n", "Continued overleaf\n"]))
    d.t("\n%s\nRe: %s   NHS %s   (continued)\n%sPage %d of %d\n\n" % (p["name"], name_caps(c), nhs_fmt(c), " " * 40, page + 1, of))


def results_sentence(L, items, words=False):
    d, rng = L.doc, L.rng
    if not items:
        return
    date = fmt_date(months_back(L.ctx["letter_date"], 0) - datetime.timedelta(days=rng.randrange(3, 25)), "slash")
    stool_only = all(k in ("fit", "calprotectin") for typ, k, t in items)
    any_stool = any(k in ("fit", "calprotectin") for typ, k, t in items)
    if words:
        lead = rng.choice(["{His} tests show ", "Recent tests show "]).format_map(L.ctx)
        sep = ", and "
    else:
        lead = rng.choice(["%s on %s: " % ("Stool tests" if stool_only else "Results" if any_stool else "Bloods", date), "Recent results: ",
                           "Investigations so far: ", "{His} recent tests show ".format_map(L.ctx)])
        sep = ", "
    d.t(lead)
    L.emit_mixed(items, sep, ".")


def reason_needed(L):
    return not L.hpc_keys() and not L.f["other"]


def reason_text(L):
    return L.F(L.rng.choice(REASON.get(L.c["rule"], REASON_DEFAULT)))


def prose_body(L, reg="prose", lists=False, words=False, results="inline", long=False,
               pagebreak=False, preamble=None, request_first=False, many=False):
    d, rng, f, c = L.doc, L.rng, L.f, L.ctx
    if long and (L.hpc_keys() or any(f[k] for k in EXAM_KEYS)) and rng.random() < 0.7:
        d.t(rng.choice(["Summary:\n", "Problems:\n", "Key points:\n"]))
        for k in L.hpc_keys() + [k for k in EXAM_KEYS if f[k]]:
            d.t("  * ")
            d.e(k, L.pos_text(k, "note"))
            d.t("\n")
        d.t("\n")
    opening(L, words)
    if preamble:
        d.t(preamble)
    if request_first:
        d.r(L.request_text("prose"))
        d.t(" ")
    items = L.hpc_items(reg)
    if reason_needed(L):
        d.t(reason_text(L) + (" " if items else ""))
    L.emit_mixed(items, " ")
    d.t("\n\n")
    # background
    bg = L.background_items("prose")
    if lists:
        d.t("Past medical history:\n")
        if c["pmh"]:
            for p in c["pmh"]:
                d.t("- %s%s\n" % (p[0].upper(), p[1:]))
        else:
            d.t("- Nil of note\n")
        if bg:
            d.t("\n")
            L.emit_mixed(bg, " ")
            d.t("\n")
        d.t("\nCurrent medication:\n")
        meds = list(c["meds"])
        if meds:
            for m in meds:
                d.t("- %s\n" % m)
        else:
            d.t("- None\n")
        d.t("\nAllergies: %s\n\n" % rng.choice(["NKDA", "Penicillin (rash)", "None known"]))
    else:
        d.t(pmh_sentence(L) + " ")
        if bg:
            L.emit_mixed(bg, " ")
            d.t(" ")
        if long or rng.random() < 0.5:
            d.t(social_sentence(L))
        d.t("\n\n")
    if pagebreak:
        page_break(L, 1, 2)
    # examination
    ex = L.exam_items("prose")
    if ex or long or rng.random() < 0.4:
        d.t(rng.choice(["On examination: ", "Examination: ", "When I examined {him}: ".format_map(c)]))
        d.t(filler_exam(L) + " ")
        L.emit_mixed(ex, " ")
        d.t("\n\n")
    # results
    res, img = [], []
    if results == "inline":
        res = L.results_items("prose", "words" if words else None)
        img = L.imaging_items("prose")
        if res:
            results_sentence(L, res, words)
            d.t(" ")
        if img:
            L.emit_mixed(img, " ")
        if res or img:
            d.t("\n\n")
    if long:
        long_extras(L, lists, many)
    # plan / request
    plan = L.plan_items("prose")
    if f["ibd_question"]:
        d.t(rng.choice(["My question is this: ", "", "Specifically: "]))
        L.emit_mixed([L.ibd_question_item()], " ")
        d.t(" ")
    if long:
        d.t(L.F(rng.choice(["I have explained to {him} why I am referring {him}, and {he} is happy to be contacted by telephone. ",
                            "{He} understands the reason for referral and is keen to be seen. "])))
    if not request_first:
        d.r(L.request_text("prose"))
        d.t(" ")
    L.emit_mixed(plan, " ")
    return res


LONG_EXTRA = [
    "Social and functional history: {He} is independent with personal care and manages {his} own medication. {His} {partner} is well and supportive. There are no carers involved and no safeguarding concerns.",
    "Communication: {He} has no hearing or sight difficulties, reads English well and is happy to receive letters and text reminders. Please use the mobile number on the e-RS record.",
    "What {he} has been told: I have explained why I am asking for a specialist opinion and what tests might be involved. {He} would prefer a morning appointment if possible, but will fit in with whatever is offered.",
    "Impression: I do not have a firm diagnosis, and I would value your assessment of what further investigation is needed. I am happy to arrange any additional blood tests in the practice before {he} is seen if that would save time.",
    "Medication review: {His} repeat medication was reviewed at the same appointment and no changes were made. {He} is not taking any over-the-counter or herbal preparations.",
    "Previous investigations: there are no previous endoscopy or imaging reports on our system, and no previous gastroenterology letters.",
    "Previous contact: {He} has seen several clinicians in the practice over the last year, mostly for unrelated problems, and has always attended appointments. {He} has not been referred to gastroenterology before.",
    "Next of kin: {his} {partner}, who is happy to be contacted if we cannot reach {him}.",
    "Travel: {He} has not travelled outside the UK in the last year and has no unwell contacts at home.",
    "Lifestyle: {He} tries to walk every day and eats a varied diet; we have gone over general healthy-eating advice together.",
    "Practical points: {He} does not drive and relies on public transport, so a site close to home would help. Hospital transport is not needed.",
    "Consent and information sharing: {He} is happy for information to be shared between the hospital and the practice, and for letters to be copied to {him}.",
    "Frailty and fitness: {He} walks without aids, climbs a flight of stairs without stopping, and would be fit for outpatient investigation including bowel preparation if needed.",
]


def long_extras(L, lists=False, many=False):
    d, rng = L.doc, L.rng
    pool = [p for p in LONG_EXTRA if not ((L.f["ibd_known"] or L.f["cirrhosis"])
                                          and ("gastroenterology before" in p or "no previous endoscopy" in p))]
    paras = rng.sample(pool, min(len(pool), rng.randrange(7, 12) if many else rng.randrange(3, 7)))
    for p in paras:
        d.t(L.F(p) + "\n\n")
    if lists:
        return
    if L.ctx["meds"]:
        d.t("Repeat medication:\n" + "".join("  %s\n" % m for m in L.ctx["meds"]) + "\n")
    d.t("Allergies: %s\n\n" % rng.choice(["no known drug allergies", "penicillin (rash)", "codeine (vomiting)"]))


def style_gp_formal(L):
    head_letter(L)
    salutation(L)
    re_block(L)
    long = L.rng.random() < 0.35
    prose_body(L, long=long, pagebreak=long and L.rng.random() < 0.5, many=long and L.rng.random() < 0.4)
    signoff(L)


def style_gp_concise(L):
    d, c, rng = L.doc, L.ctx, L.rng
    head_letter(L, rng.choice([0, 2, 3]))
    d.t("Dear Colleague,\n\n")
    re_block(L)
    prose_body(L)
    signoff(L, v=1)


def style_gp_lists(L):
    head_letter(L)
    salutation(L)
    re_block(L)
    prose_body(L, lists=True, long=L.rng.random() < 0.3)
    signoff(L)


def style_gp_dictated(L):
    d, c, rng = L.doc, L.ctx, L.rng
    head_letter(L)
    d.t("Our ref: %s/%s/%d\n\n" % (c["gp"].split()[-1][:3].upper(), rng.choice(["jb", "km", "sd", "lw"]), rng.randrange(100, 999)))
    salutation(L)
    re_block(L)
    prose_body(L, words=True)
    d.t("\n\nYours sincerely\n\n\n%s\nGeneral Practitioner\n\nDictated but not read - %s\n" % (c["gp"], rng.choice(["typed by practice secretary", "signed in absentia"])))


REG_FIRST = ["Aisha Rahman", "Tom Eccles", "Joanna Pike", "Kofi Asante", "Lucy Tan", "Marcus Bell"]
ANP_NAMES = ["Karen Holloway", "Denise Appleby", "Marek Zielinski", "Funmi Adebayo", "Sue Partridge"]
PHARM_NAMES = ["Hamza Qureshi", "Rebecca Lowe", "Chidi Okeke", "Elaine Marr", "Yusuf Daud"]
LANGS = ["Polish", "Urdu", "Bengali", "Arabic", "Romanian", "Tigrinya", "Portuguese", "Mandarin",
         "Somali", "Lithuanian"]


def style_registrar(L):
    c, rng = L.ctx, L.rng
    reg = rng.choice(REG_FIRST)
    head_letter(L)
    salutation(L)
    re_block(L)
    pre = rng.choice([
        "I am a GP registrar and saw {title} {surname} in my surgery; I have discussed {him} with my clinical supervisor, {gp}, who agrees with this referral. ",
        "I reviewed {him} as part of my GP training placement and the plan below has been agreed with my supervisor ({gp}). "]).format_map(c)
    prose_body(L, preamble=pre)
    signoff(L, who="Dr %s\nGP Specialty Registrar (ST%d)\nSupervising GP: %s" % (reg, rng.choice([1, 2, 3]), c["gp"]))


def style_anp(L):
    c, rng = L.ctx, L.rng
    nm = rng.choice(ANP_NAMES)
    head_letter(L, rng.choice([0, 1, 2]))
    L.doc.t("Dear Colleague,\n\n")
    re_block(L)
    pre = rng.choice(["I saw {him} in my same-day clinic. ",
                      "I am one of the Advanced Nurse Practitioners here and assessed {him} today. "]).format_map(c)
    prose_body(L, preamble=pre, lists=rng.random() < 0.4)
    signoff(L, who="%s RGN MSc\nAdvanced Nurse Practitioner (Independent Prescriber)\n%s" % (nm, c["practice"]["name"]))


def style_pharmacist(L):
    c, rng = L.ctx, L.rng
    nm = rng.choice(PHARM_NAMES)
    head_letter(L, rng.choice([0, 1, 2]))
    salutation(L)
    re_block(L)
    pre = rng.choice(["I am the practice's clinical pharmacist and saw {him} for a structured medication review; I have discussed {him} with {gp}. ",
                      "I reviewed {his} repeat prescriptions today (clinical pharmacist clinic) and {gp} has asked me to write. "]).format_map(c)
    prose_body(L, preamble=pre)
    signoff(L, who="%s MPharm IP\nClinical Pharmacist, %s" % (nm, c["practice"]["name"]))


def style_interpreter(L):
    c, rng = L.ctx, L.rng
    head_letter(L)
    salutation(L)
    re_block(L)
    lang = rng.choice(LANGS)
    pre = rng.choice([
        "{He} speaks %s and very little English, so we used a professional interpreter (telephone, Language Line, ID %d) throughout; the history below is as interpreted. " % (lang, rng.randrange(10000, 99999)),
        "Consultation conducted with a face-to-face %s interpreter (not a family member). " % lang]).format_map(c)
    prose_body(L, preamble=pre)
    L.doc.t("\n\nPlease book a %s interpreter for any appointment." % lang)
    signoff(L)


def style_carer_dementia(L):
    c, rng = L.ctx, L.rng
    head_letter(L)
    salutation(L)
    re_block(L)
    pre = rng.choice([
        "The history is from {his} {carer}, as {title} {surname} has advanced Alzheimer's dementia and cannot give a reliable account. ",
        "{He} has vascular dementia (MMSE 14/30) and lives in a care home; I took the history from {his} {carer} and from the care notes. "]).format_map(c)
    prose_body(L, reg="second", preamble=pre)
    L.doc.t(L.F(rng.choice(["\n\n{He} lacks capacity for this decision and a best-interests discussion has been held with {his} family, who would like investigation if it can be tolerated.",
                            "\n\n{His} family hold Lasting Power of Attorney for health and welfare and would like {him} assessed."])))
    signoff(L)


def style_carer_ld(L):
    c, rng = L.ctx, L.rng
    head_letter(L)
    salutation(L)
    re_block(L)
    pre = rng.choice([
        "{He} has a moderate learning disability and lives in supported accommodation; {his} {carer} came with {him} and gave most of the history. ",
        "{He} has Down's syndrome and communicates in short phrases; the history was given by {his} {carer}, who knows {him} well. "]).format_map(c)
    prose_body(L, reg="second", preamble=pre)
    L.doc.t(L.F("\n\nReasonable adjustments: please offer the first appointment of the day and allow {his} {carer} to attend. {He} may need sedation for any endoscopy."))
    signoff(L)


def style_quotes(L):
    head_letter(L)
    salutation(L)
    re_block(L)
    prose_body(L, reg="quote")
    signoff(L)


def style_scanned(L):
    d, c, rng = L.doc, L.ctx, L.rng
    d.t("[Scanned image - text recognised automatically]\n\n")
    head_letter(L, 1)
    salutation(L)
    re_block(L, 1)
    prose_body(L, long=True, pagebreak=True, lists=rng.random() < 0.5, many=True)
    signoff(L, v=0)
    d.t("\ncc: patient\n")


LAB_FILLER = [
    ("C reactive protein", lambda L, r: "%d mg/L [0 - 5]" % r.randrange(1, 5)),
    ("Platelet count", lambda L, r: "%d 10*9/L [150 - 400]" % r.randrange(170, 380)),
    ("Serum albumin", lambda L, r: "%d g/L [35 - 50]" % r.randrange(36, 47)),
    ("Alkaline phosphatase", lambda L, r: "%d U/L [30 - 130]" % r.randrange(50, 120)),
    ("eGFR", lambda L, r: ">90 mL/min/1.73m2" if r.random() < 0.5 else "%d mL/min/1.73m2 [>60]" % r.randrange(62, 90)),
    ("TSH", lambda L, r: "%.1f mU/L [0.3 - 4.2]" % (r.randrange(8, 38) / 10.0)),
]


def bilirubin_line(L):
    if L.f["jaundice"]:
        return "Serum bilirubin %d umol/L [0 - 21] H" % L.rng.randrange(60, 240)
    return "Serum bilirubin %d umol/L [0 - 21]" % L.rng.randrange(5, 19)


def lab_block(L, title=True):
    d, rng = L.doc, L.rng
    if title:
        when = fmt_date(L.ctx["letter_date"] - datetime.timedelta(days=rng.randrange(3, 20)), L.ctx["date_kind"])
        d.t(rng.choice(["Results (%s):\n" % when, "Recent results - sample date %s\n" % when,
                        "Investigations:\n"]))
    rows = []
    for k in L.present_values():
        rows.append(("e", k, L.val(k, "lab")))
    fill_rows = rng.sample(LAB_FILLER, rng.randrange(2, 5))
    for nm, fn in fill_rows:
        rows.append(("t", None, "%s %s" % (nm, fn(L, rng))))
    if L.f["jaundice"] or L.f["alt"] is not None or rng.random() < 0.3:
        rows.append(("t", None, bilirubin_line(L)))
    rng.shuffle(rows)
    L.emit_mixed(rows, "\n", "\n")
    img = L.imaging_items("note")
    if img:
        L.emit_mixed(img, "\n", "\n")


def style_results_table(L):
    d, rng = L.doc, L.rng
    head_letter(L)
    salutation(L)
    re_block(L)
    prose_body(L, results="none")
    d.t("\n\n")
    lab_block(L)
    signoff(L)


def oldnew_value(L, k):
    """row for the two-column results table: returns (row text, record)"""
    f, rng = L.f, L.rng
    sex = f["sex"]
    if k == "hb":
        v = f["hb"]
        old = hb_normal(rng, sex) if v < (130 if sex == "M" else 120) else v + rng.choice([-4, -2, 2, 5])
        lo, hi = (130, 180) if sex == "M" else (115, 165)
        return ("Haemoglobin (g/L)         %-12s %-12s %d - %d" % (old, v, lo, hi),
                {"value": v, "unit": "g/L", "previous": old})
    if k == "ferritin":
        v = f["ferritin"]
        old = rng.randrange(40, 120) if v < 30 else v + rng.choice([-10, 8, 15])
        return ("Ferritin (ug/L)           %-12s %-12s 15 - 300" % (old, v), {"value": v, "unit": "ug/L", "previous": old})
    if k == "alt":
        v = f["alt"]
        old = rng.randrange(14, 34) if v >= 40 else v + rng.choice([-3, 2, 4])
        return ("ALT (U/L)                 %-12s %-12s 0 - 40" % (old, v), {"value": v, "unit": "U/L", "previous": old})
    if k == "fit":
        fit = f["fit"]
        txt = {"num": lambda: str(fit.get("value")), "above": lambda: ">400",
               "below": lambda: "<%d" % fit.get("value", 0), "qual": lambda: fit.get("text", "")}[fit["kind"]]()
        return ("FIT (ug Hb/g)             %-12s %-12s <10" % ("-", txt), dict(fit))
    if k == "calprotectin":
        cp = f["calprotectin"]
        txt = str(cp["value"]) if cp["kind"] == "num" else "<%d" % cp["value"]
        return ("Calprotectin (ug/g)       %-12s %-12s <50" % ("-", txt), dict(cp))
    if k == "ttg":
        tg = f["ttg"]
        txt = (">128" if "above" in tg else str(tg["value"]))
        return ("tTG IgA (U/mL)            %-12s %-12s <7" % ("-", txt), dict(tg))
    raise ValueError(k)


def style_results_oldnew(L):
    d, rng, c = L.doc, L.rng, L.ctx
    head_letter(L)
    salutation(L)
    re_block(L)
    prose_body(L, results="none")
    d.t("\n\n")
    d1 = c["letter_date"] - datetime.timedelta(days=rng.randrange(200, 500))
    d2 = c["letter_date"] - datetime.timedelta(days=rng.randrange(3, 20))
    d.t(rng.choice(["Results, previous and latest:\n", "Trend in results:\n"]))
    d.t("Test                      %-12s %-12s Ref range\n" % (fmt_date(d1, "slash"), fmt_date(d2, "slash")))
    for k in L.present_values():
        row, rec = oldnew_value(L, k)
        rec["written"] = row
        rec["column"] = "latest (%s)" % fmt_date(d2, "slash")
        L.values.setdefault(k, []).append(rec)
        d.e(k, row)
        d.t("\n")
    d.t("CRP (mg/L)                %-12s %-12s 0 - 5\n" % (rng.randrange(1, 6), rng.randrange(1, 6)))
    d.t("Platelets (10*9/L)        %-12s %-12s 150 - 400\n" % (rng.randrange(180, 360), rng.randrange(180, 360)))
    img = L.imaging_items("note")
    if img:
        L.emit_mixed(img, "\n", "\n")
    signoff(L)


# --------------------------------------------------------------------------------------
# forms
# --------------------------------------------------------------------------------------
TICKS = [("[X] ", "[ ] "), ("\u2612 ", "\u2610 "), ("(x) ", "( ) "), ("[x] ", "[  ] "), ("\u2714 ", "   ")]


def ida_true(f):
    return f["hb"] is not None and f["ferritin"] is not None and \
        f["hb"] < (130 if f["sex"] == "M" else 120) and f["ferritin"] < 30


def checklist(L, keys, tick, sep="\n", indent=""):
    """ticked rows are evidence; unticked rows become unticked_box distractors"""
    on, off = tick
    f = L.f
    for k in keys:
        if k == "ida":
            val = ida_true(f)
        else:
            val = f[k]
        label = FORM_LABEL[k]
        if val:
            L.doc.t(indent)
            L.doc.e(k, on + label)
        else:
            i = L.add_dist("unticked_box", k)
            L.doc.t(indent)
            L.put_dist(i, off + label)
        L.doc.t(sep)


def free_text(L, reg, skip=(), lead="Additional clinical information:\n"):
    """everything positive not already shown, plus remaining distractors"""
    f = L.f
    items = []
    preg = "note" if reg == "note" else "prose"
    for k in HPC_ORDER:
        if f[k] and k not in skip:
            items.append(("e", k, L.pos_text(k, preg)))
    if L.ppi and "ppi_weeks" not in skip:
        items.append(("e", "ppi_weeks", L.ppi_sentence(preg)))
    for o in f["other"]:
        items.append(("e", "other:" + o, L.other_sentence(o, preg)))
    for k in EXAM_KEYS:
        if f[k] and k not in skip:
            items.append(("e", k, L.pos_text(k, preg)))
    bg = []
    if f["cirrhosis"] and "cirrhosis" not in skip:
        bg.append(("e", "cirrhosis", L.pos_text("cirrhosis", preg)))
    if f["ibd_known"] and "ibd_known" not in skip:
        bg += L.ibd_items(preg)
    if f["fh_crc"] and "fh_crc" not in skip:
        bg.append(("e", "fh_crc", L.pos_text("fh_crc", preg)))
    items += bg
    if f["ibd_question"] and "ibd_question" not in skip:
        items.append(L.ibd_question_item())
    items += L.hpc_dist_items(preg, redflag_list=False)
    for sec in ("exam", "background", "plan"):
        for i in L.dists_in(sec):
            items.append(("d", i, L.dist_text(i, preg)))
    if f["fatty_liver"] and "fatty_liver" not in skip:
        items.append(("e", "fatty_liver", L.pos_text("fatty_liver", preg)))
    if items:
        L.doc.t(lead)
        L.emit_mixed(items, "\n" if reg == "note" else " ", "\n")


def form_patient_block(L, sep=": ", lines=True, show_age=None):
    d, c = L.doc, L.ctx
    mode = L.c["age_mode"]
    nl = "\n" if lines else "    "
    d.t("Patient name" + sep)
    d.e("patient", name_caps(c))
    d.t(nl + "Date of birth" + sep)
    d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    d.t(nl + "NHS number" + sep + nhs_fmt(c) + nl)
    d.t("Sex" + sep + ("Male" if L.f["sex"] == "M" else "Female") + nl)
    if mode in ("stated", "both", "words"):
        d.t("Age" + sep)
        d.e("age", "%d years" % L.f["age"])
        d.t(nl)
    d.t("Date of referral" + sep)
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\n")
    d.t("Referring clinician" + sep + "%s, %s (%s)\n" % (c["gp"], c["practice"]["name"], c["practice"]["code"]))


def value_field(L, k, label, none_text=None):
    d = L.doc
    if L.f[k] is not None:
        full = label + L.val(k, "bare")
        L.values[k][-1]["written"] = full
        d.e(k, full)
    else:
        d.t(label)
        aw = [i for i in L.dists_in("plan", ["result_awaited"]) if L.dists[i]["fact"] == k]
        if aw:
            L.put_dist(aw[0], L.rng.choice(["Awaited", "Requested - awaited", "Sent, result awaited"]))
        else:
            d.t(none_text or L.rng.choice(["Not done", "Not available", "-"]))
    d.t("\n")


def style_ng12_lower(L):
    d, c, rng = L.doc, L.ctx, L.rng
    tick = rng.choice(TICKS[:4])
    d.t(rng.choice(["SUSPECTED LOWER GI CANCER REFERRAL FORM (NICE NG12)\nUrgent Suspected Cancer - Colorectal\n",
                    "URGENT SUSPECTED CANCER: LOWER GASTROINTESTINAL\nTwo Week Wait referral proforma\n"]))
    d.t("=" * 60 + "\n")
    form_patient_block(L)
    d.t("\n")
    d.r(rng.choice(["Priority: Urgent Suspected Cancer (2WW)", "Referral type: 2WW / USC"]))
    d.t("\nPatient informed this is a suspected cancer referral: Yes\nAvailable in next 14 days: Yes\n\n")
    d.t("CLINICAL FEATURES (tick all that apply)\n")
    checklist(L, ["rectal_bleeding", "cibh", "abdominal_pain", "weight_loss", "abdominal_mass",
                  "rectal_mass", "anal_mass", "ida"], tick)
    d.t("\nFIT\n")
    value_field(L, "fit", "FIT result: ")
    d.t("\nBLOODS (last 3 months)\n")
    for k, lab in (("hb", "Hb: "), ("ferritin", "Ferritin: ")):
        value_field(L, k, lab)
    for k in ("calprotectin", "alt", "ttg"):
        if L.f[k] is not None:
            value_field(L, k, {"calprotectin": "Calprotectin: ", "alt": "ALT: ", "ttg": "Coeliac serology: "}[k])
    d.t("\nWHO performance status: %d\nAnticoagulant / antiplatelet: %s\n\n" % (
        rng.choice([0, 0, 1, 1, 2]), rng.choice(["None", "Apixaban", "Aspirin 75 mg"]) if L.f["age"] >= 60 else "None"))
    free_text(L, "note", skip=["rectal_bleeding", "cibh", "abdominal_pain", "weight_loss",
                                "abdominal_mass", "rectal_mass", "anal_mass"],
              lead="Other relevant information:\n")
    d.t("\nSigned: %s   GMC %d\n" % (c["gp"], rng.randrange(4000000, 7999999)))


def style_ng12_upper(L):
    d, c, rng = L.doc, L.ctx, L.rng
    tick = rng.choice(TICKS[:4])
    d.t(rng.choice(["SUSPECTED UPPER GI CANCER REFERRAL (OESOPHAGEAL / GASTRIC)\n",
                    "Urgent Suspected Cancer - Upper GI - referral form\n"]))
    d.t("-" * 58 + "\n")
    form_patient_block(L)
    d.r(rng.choice(["Priority: 2WW", "Urgency: Urgent suspected cancer"]))
    d.t("\n\nPresenting features (tick those present):\n")
    checklist(L, ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia",
                  "haematemesis", "abdominal_mass"], tick)
    d.t("\nPPI trial (drug / dose / duration / response): ")
    if L.ppi:
        d.e("ppi_weeks", L.ppi_sentence("note"))
    else:
        d.t(rng.choice(["None", "Not tried"]))
    d.t("\nH. pylori: %s\n" % rng.choice(["stool antigen negative", "not tested", "breath test negative"]))
    for k, lab in (("hb", "Hb: "), ("ferritin", "Ferritin: ")):
        value_field(L, k, lab)
    for k in ("fit", "calprotectin", "alt", "ttg"):
        if L.f[k] is not None:
            value_field(L, k, {"fit": "FIT: ", "calprotectin": "Calprotectin: ", "alt": "ALT: ", "ttg": "tTG: "}[k])
    d.t("\n")
    free_text(L, "note", skip=["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux",
                                "dyspepsia", "haematemesis", "abdominal_mass", "ppi_weeks"],
              lead="Further details:\n")
    d.t("\nReferrer: %s\n" % c["gp"])


def style_stt(L):
    d, c, rng = L.doc, L.ctx, L.rng
    f = L.f
    upper = f["dysphagia"] or f["dyspepsia"] or f["reflux"] or f["upper_abdominal_pain"]
    tick = rng.choice(TICKS)
    d.t("STRAIGHT TO TEST REFERRAL - %s\n" % ("GASTROSCOPY (OGD)" if upper else "COLONOSCOPY / CT COLONOGRAPHY"))
    d.t("%s Endoscopy Unit\n\n" % c["hospital"])
    form_patient_block(L, sep=":\t")
    d.r(rng.choice(["Pathway: Urgent suspected cancer (straight to test)", "Priority: 2WW STT"]))
    d.t("\n\nIndication:\n")
    keys = ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia", "ida"] if upper else \
        ["rectal_bleeding", "cibh", "abdominal_pain", "weight_loss", "ida"]
    checklist(L, keys, tick)
    d.t("\n")
    value_field(L, "fit", "FIT: ")
    value_field(L, "hb", "Hb: ")
    value_field(L, "ferritin", "Ferritin: ")
    for k in ("calprotectin", "alt", "ttg"):
        if f[k] is not None:
            value_field(L, k, {"calprotectin": "Calprotectin: ", "alt": "ALT: ", "ttg": "tTG: "}[k])
    d.t("eGFR: %s\n" % rng.choice([">90", "78", "64", "55"]))
    d.t("\nFITNESS FOR TEST\nWHO performance status:\t%d\nAble to take bowel preparation:\t%s\nDiabetes:\t%s\nAnticoagulants:\t%s\nMobility:\t%s\n\n" % (
        rng.choice([0, 1, 1, 2]), rng.choice(["Yes", "Yes", "With help"]), rng.choice(["No", "Diet controlled", "Metformin"]),
        rng.choice(["None", "Apixaban - bridging advice needed", "None"]) if f["age"] >= 60 else "None",
        rng.choice(["Independent", "Walks with stick"]) if f["age"] >= 60 else "Independent"))
    free_text(L, "note", skip=keys, lead="Clinical details:\n")
    d.t("\nRequesting clinician: %s\n" % c["gp"])


def split_label(label):
    """leading whitespace stays filler; the label itself travels with its answer"""
    core = label.lstrip()
    return label[:len(label) - len(core)], core


def yn_field(L, k, label, yes_text=None):
    """answered Yes/No field: Yes = evidence, No = negated distractor (label included in both)"""
    d = L.doc
    pad, core = split_label(label)
    d.t(pad)
    if L.f[k]:
        d.e(k, core + (yes_text or "Yes"))
    else:
        i = L.add_dist("negated", k)
        L.put_dist(i, core + L.rng.choice(["No", "No", "N"]))
    d.t("\n")


def style_liver_form(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    d.t(rng.choice(["ABNORMAL LIVER BLOOD TESTS - HEPATOLOGY REFERRAL PATHWAY\n",
                    "Liver pathway referral form (abnormal LFTs)\n"]))
    d.t("*" * 50 + "\n")
    form_patient_block(L)
    lvl = L.c["gp_level"]
    d.r("Requested priority: %s" % {"usc": "2WW", "urgent": "Urgent", "routine": "Routine", "advice": "Advice & Guidance", None: "Routine"}[lvl])
    d.t("\n\n1. Liver blood tests (date %s)\n" % fmt_date(c["letter_date"] - datetime.timedelta(days=rng.randrange(4, 21)), "slash"))
    if f["alt"] is not None:
        d.t("   ")
        full = "ALT: " + L.val("alt", "bare")
        L.values["alt"][-1]["written"] = full
        d.e("alt", full)
    else:
        d.t("   ALT: not available")
    d.t("\n   ALP: %d U/L\n   %s\n   Albumin: %d g/L\n   GGT: %d U/L\n" % (
        rng.randrange(60, 180), bilirubin_line(L), rng.randrange(30, 45), rng.randrange(30, 240)))
    for k in ("hb", "ferritin", "fit", "calprotectin", "ttg"):
        if f[k] is not None:
            d.t("   ")
            d.e(k, L.val(k, "note"))
            d.t("\n")
    d.t("2. Aetiology screen: HBsAg negative, HCV antibody negative, autoantibodies negative\n")
    d.t("3. Alcohol (units/week): %d\n4. BMI: %.1f\n" % (c["alcohol"], rng.randrange(220, 380) / 10.0))
    d.t("5. Ultrasound: ")
    if f["fatty_liver"]:
        d.e("fatty_liver", rng.choice(["fatty liver (steatosis), no focal lesion", "diffusely echobright liver in keeping with fatty liver"]))
    else:
        aw = [i for i in L.dists_in("plan", ["result_awaited"]) if L.dists[i]["fact"] == "uss"]
        if aw:
            L.put_dist(aw[0], "requested, awaited")
        elif f["cirrhosis"]:
            d.t(rng.choice(["not repeated", "coarse, nodular liver as before, no focal lesion"]))
        else:
            d.t(rng.choice(["not done", "normal liver, no focal lesion"]))
    d.t("\n6. FIB-4: %.2f\n" % ((rng.randrange(340, 620) if f["cirrhosis"] else rng.randrange(60, 320)) / 100.0))
    d.t("7. Clinical features\n")
    yn_field(L, "cirrhosis", "   Known cirrhosis: ", "Yes - %s" % c["aet"])
    yn_field(L, "jaundice", "   Jaundice: ", "Yes - visibly jaundiced")
    yn_field(L, "ascites", "   Ascites: ", "Yes - shifting dullness")
    yn_field(L, "confusion", "   Confusion / encephalopathy: ", "Yes - new confusion, flap")
    d.t("\n")
    free_text(L, "note", skip=["jaundice", "ascites", "confusion", "cirrhosis", "fatty_liver"],
              lead="8. Clinical summary / question for hepatology:\n")
    d.t("\nCompleted by: %s\n" % c["gp"])


def style_ibd_form(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    d.t(rng.choice(["IBD ADVICE LINE / FLARE REFERRAL\n", "Inflammatory Bowel Disease - GP referral and advice form\n"]))
    d.t("~" * 50 + "\n")
    form_patient_block(L)
    lvl = L.c["gp_level"]
    d.r("Request: %s" % {"usc": "Urgent (?cancer)", "urgent": "Urgent review", "routine": "Routine clinic",
                          "advice": "Advice only", None: "Advice only"}[lvl])
    d.t("\n\nDiagnosis: ")
    if f["ibd_known"]:
        d.e("ibd_known", "%s (diagnosed %s)" % (c["ibd_desc"], c["ibd_yr"]))
        d.t("\nCurrent IBD medication: %s\n" % c["ibd_med"])
    else:
        d.t("Not yet diagnosed - ?IBD\nCurrent IBD medication: none\n")
    d.t("Current status: ")
    if f["ibd_stable"]:
        d.e("ibd_stable", rng.choice(["Stable - in remission", "Stable, in clinical remission, no symptoms"]))
    else:
        d.t("Symptomatic")
    d.t("\n\nSymptoms\n")
    if f["bloody_diarrhoea"]:
        d.t("  ")
        d.e("bloody_diarrhoea", "Bloody diarrhoea: Yes - %d times a day with blood" % rng.randrange(6, 12))
        d.t("\n")
    elif f["cibh"]:
        d.t("  ")
        d.e("cibh", "Bowel habit: changed - looser, %d/day" % rng.randrange(3, 6))
        d.t("\n")
    else:
        d.t("  Stool frequency: %s\n" % rng.choice(["1/day, formed", "once daily", "normal"]))
    if not f["bloody_diarrhoea"] and not f["rectal_bleeding"]:
        i = L.add_dist("negated", "rectal_bleeding")
        d.t("  ")
        L.put_dist(i, "Blood in stool: No")
        d.t("\n")
    if f["abdominal_pain"]:
        d.t("  ")
        d.e("abdominal_pain", "Abdominal pain: Yes - cramping")
        d.t("\n")
    elif not f["upper_abdominal_pain"]:
        i = L.add_dist("negated", "abdominal_pain")
        d.t("  ")
        L.put_dist(i, "Abdominal pain: No")
        d.t("\n")
    d.t("  Nocturnal symptoms: %s\n" % ("Yes" if f["bloody_diarrhoea"] else "No"))
    d.t("\nResults\n")
    value_field(L, "calprotectin", "  Faecal calprotectin: ")
    d.t("  CRP: %d mg/L\n" % rng.choice([3, 6, 12, 28, 45] if f["bloody_diarrhoea"] else [1, 2, 4]))
    for k in ("hb", "ferritin", "fit", "alt", "ttg"):
        if f[k] is not None:
            d.t("  ")
            d.e(k, L.val(k, "note"))
            d.t("\n")
    d.t("  Stool culture: %s\n\n" % rng.choice(["no pathogens", "negative", "awaited"]))
    free_text(L, "note", skip=["bloody_diarrhoea", "cibh", "abdominal_pain", "ibd_known"],
              lead="Question / further information:\n")
    d.t("\nGP: %s  (%s)\n" % (c["gp"], c["practice"]["name"]))


def style_dyspepsia_form(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    tick = rng.choice(TICKS[:4])
    d.t(rng.choice(["DYSPEPSIA AND H. PYLORI PATHWAY - REFERRAL\n", "Dyspepsia / reflux pathway: referral for upper GI opinion\n"]))
    d.t("_" * 50 + "\n")
    form_patient_block(L)
    lvl = L.c["gp_level"]
    d.r("Priority requested: %s" % {"usc": "USC (2WW)", "urgent": "Urgent", "routine": "Routine", "advice": "Advice and guidance", None: "Routine"}[lvl])
    d.t("\n\nMain symptom(s):\n")
    checklist(L, ["dyspepsia", "reflux", "upper_abdominal_pain"], tick)
    d.t("\nAlarm features:\n")
    checklist(L, ["dysphagia", "weight_loss", "haematemesis", "ida", "abdominal_mass"], tick)
    d.t("\nPPI trial: ")
    if L.ppi:
        d.e("ppi_weeks", L.ppi_sentence("note"))
    else:
        d.t("not yet")
    d.t("\nH. pylori test: %s\n" % rng.choice(["stool antigen negative", "urea breath test negative", "stool antigen positive - eradication completed, retest negative"]))
    d.t("Lifestyle advice given: Yes\nNSAIDs stopped: %s\n" % rng.choice(["N/A", "Yes", "N/A"]))
    for k in ("hb", "ferritin", "fit", "calprotectin", "alt", "ttg"):
        if f[k] is not None:
            d.e(k, L.val(k, "note"))
            d.t("\n")
    d.t("\n")
    free_text(L, "note", skip=["dyspepsia", "reflux", "upper_abdominal_pain", "dysphagia",
                                "weight_loss", "haematemesis", "abdominal_mass", "ppi_weeks"],
              lead="Reason for referral / other information:\n")
    d.t("\nReferrer: %s, %s\n" % (c["gp"], c["practice"]["name"]))


def generic_sections(L, reg="note"):
    """ordered (label, items) for generic forms; items are (type, key, text)"""
    f, c, rng = L.f, L.ctx, L.rng
    preg = "note" if reg == "note" else "prose"
    secs = []
    pc = []
    for k in L.hpc_keys():
        pc.append(("e", k, L.pos_text(k, preg)))
        if k == "dyspepsia" and L.ppi:
            pc.append(("e", "ppi_weeks", L.ppi_sentence(preg)))
        if k == "reflux" and L.ppi and not f["dyspepsia"]:
            pc.append(("e", "ppi_weeks", L.ppi_sentence(preg)))
    for o in f["other"]:
        pc.append(("e", "other:" + o, L.other_sentence(o, preg)))
    if not pc:
        pc.append(("t", None, reason_text(L)))
    secs.append(("Presenting complaint", pc))
    neg = [("d", i, L.dist_text(i, preg)) for i in L.dists_in("hpc")]
    secs.append(("Red flags / negatives", neg or [("t", None, "see above")]))
    bg = [("t", None, ", ".join(c["pmh"]) if c["pmh"] else "Nil significant")]
    bg += L.background_items(preg)
    secs.append(("Past history", bg))
    ex = L.exam_items(preg)
    secs.append(("Examination", ex or [("t", None, filler_exam(L))]))
    res = L.results_items(preg, "note") + L.imaging_items(preg)
    secs.append(("Investigations", res or [("t", None, "none available yet")]))
    other = L.plan_items(preg)
    if f["ibd_question"]:
        other = [L.ibd_question_item()] + other
    secs.append(("Question / other", other or [("t", None, "-")]))
    return secs


def seg_len(items, sep):
    return sum(len(t if isinstance(t, str) else "") for _, _, t in items) + len(sep) * max(0, len(items) - 1)


def style_pipe_table(L):
    d, c, rng = L.doc, L.ctx, L.rng
    mode = L.c["age_mode"]
    d.t("%s - Gastroenterology referral (exported from e-RS)\n\n" % c["practice"]["name"])
    rows = [("Patient", [("e", "patient", name_plain(c))]),
            ("Date of birth", [("e", "dob", fmt_date(c["dob"], c["dob_kind"]))]),
            ("NHS number", [("t", None, nhs_fmt(c))]),
            ("Gender", [("t", None, "Male" if L.f["sex"] == "M" else "Female")])]
    if mode in ("stated", "both", "words"):
        rows.append(("Age", [("e", "age", "%d" % L.f["age"])]))
    rows.append(("Referral date", [("e", "letter_date", fmt_date(c["letter_date"], c["date_kind"]))]))
    rows.append(("Referrer", [("t", None, c["gp"])]))
    rows.append(("Priority", [("r", None, L.request_text("field"))]))
    rows += generic_sections(L)
    w1 = max(len(r[0]) for r in rows) + 1
    w2 = max(max(len(t) for _, _, t in items) for _, items in rows) + 1
    border = "+" + "-" * (w1 + 1) + "+" + "-" * (w2 + 1) + "+\n"
    d.t(border)
    for label, items in rows:
        for n, (typ, key, text) in enumerate(items):
            d.t("| %s| " % ((label if n == 0 else "").ljust(w1)))
            if typ == "e":
                d.e(key, text)
            elif typ == "d":
                L.put_dist(key, text)
            elif typ == "r":
                d.r(text)
            else:
                d.t(text)
            d.t(" " * (w2 - len(text)) + "|\n")
        d.t(border)


def style_tab_form(L):
    d, c, rng = L.doc, L.ctx, L.rng
    mode = L.c["age_mode"]
    d.t("Referral Form: Gastroenterology\tVersion 4.2\n")
    d.t("Name\t")
    d.e("patient", name_caps(c))
    d.t("\nDOB\t")
    d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    d.t("\nNHS No\t%s\n" % nhs_fmt(c, False))
    if mode in ("stated", "both", "words"):
        d.t("Age\t")
        d.e("age", "%d" % L.f["age"])
        d.t("\n")
    d.t("Date\t")
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\nPractice\t%s (%s)\nUrgency\t" % (c["practice"]["name"], c["practice"]["code"]))
    d.r(L.request_text("field"))
    d.t("\n")
    for label, items in generic_sections(L):
        d.t(label + "\t")
        L.emit_mixed(items, "; ", "")
        d.t("\n")
    d.t("Signed\t%s\n" % c["gp"])


def style_answers_below(L):
    d, c, rng = L.doc, L.ctx, L.rng
    mode = L.c["age_mode"]
    d.t("GASTROENTEROLOGY REFERRAL PROFORMA\n\n")
    d.t("Patient: ")
    d.e("patient", name_plain(c))
    d.t("    DOB: ")
    d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    d.t("    NHS: %s\n" % nhs_fmt(c))
    d.t("Form completed: ")
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\n\n")
    secs = generic_sections(L)
    qs = ["What is the main problem, and for how long?", "Red flag screen (state what is absent)",
          "Relevant past history and family history", "Examination findings",
          "Results available (with dates)", "What is your question?"]
    labels = []
    if mode in ("stated", "both", "words"):
        labels.append(("Patient's age", [("e", "age", "%d years" % L.f["age"])]))
    labels.append(("Priority you are requesting", [("r", None, L.request_text("field"))]))
    for q, (_, items) in zip(qs, secs):
        labels.append((q, items))
    for n, (q, _) in enumerate(labels, 1):
        d.t("Q%d. %s\n" % (n, q))
    d.t("\n" + rng.choice(["ANSWERS\n", "Responses:\n", "-- answers --\n"]))
    for n, (_, items) in enumerate(labels, 1):
        d.t("%d) " % n)
        L.emit_mixed(items, "; ", "")
        d.t("\n")
    d.t("\nSigned %s\n" % c["gp"])


PROFORMA_Q = [("dysphagia", "Difficulty swallowing?"), ("weight_loss", "Unexplained weight loss?"),
              ("rectal_bleeding", "Rectal bleeding?"), ("cibh", "Change in bowel habit?"),
              ("abdominal_pain", "Abdominal pain?"), ("reflux", "Reflux / heartburn?"),
              ("dyspepsia", "Dyspepsia / indigestion?"), ("jaundice", "Jaundice?"),
              ("haematemesis", "Haematemesis?"), ("abdominal_mass", "Abdominal mass on examination?"),
              ("bloating", "Bloating?")]


def style_proforma_all(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    d.t("GI REFERRAL - ALL QUESTIONS MUST BE ANSWERED\n\n")
    form_patient_block(L, sep=": ")
    d.t("Priority: ")
    d.r(L.request_text("field"))
    d.t("\n\n")
    shown = []
    for k, q in PROFORMA_Q:
        if f["bloody_diarrhoea"] and k in ("rectal_bleeding", "cibh"):
            continue
        if f["upper_abdominal_pain"] and k == "abdominal_pain":
            continue
        qq = "%-34s " % q
        if f[k]:
            d.e(k, qq + "Yes - " + L.pos_text(k, "note"))
            shown.append(k)
        else:
            ex = [i for i, dd in enumerate(L.dists) if dd["fact"] == k and i not in L.placed
                  and dd["kind"] in ("uncertain", "resolved_past")]
            if ex:
                L.put_dist(ex[0], qq + L.dist_text(ex[0], "note"))
            else:
                ex2 = [i for i, dd in enumerate(L.dists) if dd["fact"] == k and i not in L.placed
                       and dd["kind"] == "negated"]
                i = ex2[0] if ex2 else L.add_dist("negated", k)
                L.put_dist(i, qq + rng.choice(["No", "No", "Nil"]))
        d.t("\n")
    d.t("\n")
    for k in ("hb", "ferritin", "fit", "calprotectin", "alt", "ttg"):
        lab = {"hb": "Hb", "ferritin": "Ferritin", "fit": "FIT", "calprotectin": "Faecal calprotectin",
               "alt": "ALT", "ttg": "Coeliac serology"}[k]
        value_field(L, k, "%-34s " % (lab + ":"))
    d.t("\n")
    free_text(L, "note", skip=shown, lead="Any other information:\n")
    d.t("\nCompleted by %s\n" % c["gp"])


def style_ers(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    mode = L.c["age_mode"]
    d.t("NHS e-Referral Service - Referral Letter\n")
    d.t("UBRN: %04d %04d %04d\n" % (rng.randrange(10000), rng.randrange(10000), rng.randrange(10000)))
    d.t("Service: Gastroenterology - %s - %s\n" % (rng.choice(["General GI", "Lower GI", "Upper GI", "Hepatology", "IBD"]), c["hospital"]))
    lvl = L.c["gp_level"]
    d.r("Priority: %s" % {"usc": "2 Week Wait", "urgent": "Urgent", "routine": "Routine", "advice": "Routine (Advice and Guidance converted)", None: "Routine"}[lvl])
    d.t("\nReferrer: %s, %s (%s)\nDate: " % (c["gp"], c["practice"]["name"], c["practice"]["code"]))
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\n\nPATIENT DETAILS\nName: ")
    d.e("patient", name_caps(c))
    d.t("\nDate of birth: ")
    d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    if mode in ("stated", "both", "words"):
        d.t("   Age: ")
        d.e("age", str(f["age"]))
    d.t("\nNHS number: %s\nGender: %s\n\n" % (nhs_fmt(c), "Male" if f["sex"] == "M" else "Female"))
    d.t("REASON FOR REFERRAL\n")
    if lvl == "advice" or f["ibd_question"]:
        d.t(L.F(rng.choice(["Advice requested regarding {his} management.\n", "Opinion please.\n"])))
    else:
        d.t(L.F(rng.choice(["Please assess.\n", "Referral for assessment and investigation.\n"])))
    d.t("\nHISTORY OF PRESENTING COMPLAINT\n")
    items = L.hpc_items("prose")
    if reason_needed(L):
        d.t(reason_text(L) + (" " if items else "\n"))
    L.emit_mixed(items, " ", "\n")
    d.t("\nPAST MEDICAL HISTORY\n%s\n" % ("\n".join(p[0].upper() + p[1:] for p in c["pmh"]) or "Nil"))
    bg = L.background_items("prose")
    L.emit_mixed(bg, "\n", "\n")
    d.t("\nCURRENT MEDICATION\n%s\n" % ("\n".join(c["meds"]) or "None"))
    d.t("\nEXAMINATION\n")
    ex = L.exam_items("prose")
    d.t(filler_exam(L) + ("\n" if ex else ""))
    L.emit_mixed(ex, "\n", "")
    d.t("\n\nINVESTIGATIONS\n")
    res = L.results_items("note", "note") + L.imaging_items("prose")
    if res:
        L.emit_mixed(res, "\n", "\n")
    else:
        d.t("None\n")
    plan = L.plan_items("prose")
    if f["ibd_question"]:
        plan = [L.ibd_question_item()] + plan
    if plan:
        d.t("\nQUESTIONS / PLAN\n")
        L.emit_mixed(plan, "\n", "\n")


# --------------------------------------------------------------------------------------
# clinical-system extracts
# --------------------------------------------------------------------------------------
TERMS = {"dysphagia": "Dysphagia", "weight_loss": "Abnormal weight loss",
         "upper_abdominal_pain": "Epigastric pain", "reflux": "Gastro-oesophageal reflux symptoms",
         "dyspepsia": "Dyspepsia", "jaundice": "Jaundice", "rectal_bleeding": "Rectal haemorrhage",
         "abdominal_pain": "Abdominal pain", "cibh": "Change in bowel habit",
         "bloating": "Abdominal bloating", "bloody_diarrhoea": "Bloody diarrhoea",
         "haematemesis": "Haematemesis", "confusion": "Confusion", "ascites": "Ascites",
         "rectal_mass": "Rectal mass", "anal_mass": "Anal mass", "abdominal_mass": "Abdominal mass",
         "cirrhosis": "Cirrhosis of liver", "fatty_liver": "Fatty liver", "fh_crc": "FH: Carcinoma of colon"}


def code_for(term, kind):
    h = hashlib.sha256((kind + term).encode()).hexdigest()
    if kind == "read":
        alpha = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz0123456789"
        n = int(h[:12], 16)
        out = "X"
        for _ in range(4):
            n, r = divmod(n, len(alpha))
            out += alpha[r]
        return out
    return str(int(h[:10], 16))[:9]


def main_key(L):
    ks = L.hpc_keys() + [k for k in EXAM_KEYS if L.f[k]]
    return ks[0] if ks else None


def extract_header(L, system):
    d, c = L.doc, L.ctx
    mode = L.c["age_mode"]
    d.t("%s\n" % ("-" * 64))
    d.t({"emis": "EMIS Web - consultation extract", "s1": "SystmOne - record extract (tabbed journal)",
         "vision": "Vision - consultation printout"}[system])
    d.t("      printed ")
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\n")
    d.e("patient", "%s, %s (%s)" % (c["SURNAME"], c["first"], c["title"]))
    d.t("   DOB ")
    d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    if mode in ("stated", "both", "words"):
        d.t("   Age ")
        d.e("age", "%dy" % L.f["age"])
    d.t("   NHS %s   %s\n" % (nhs_fmt(c, False), "Male" if L.f["sex"] == "M" else "Female"))
    d.t("%s\n" % ("-" * 64))


def consult_body(L, system, ind="    "):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    items = L.hpc_items("note", redflag_list=rng.random() < 0.5)
    mk = main_key(L)
    d.t(ind + "History: ")
    if reason_needed(L):
        d.t(reason_text(L) + (" " if items else ""))
    L.emit_mixed(items, ". ", ".")
    d.t("\n")
    bg = L.background_items("note")
    if bg:
        d.t(ind + "Comment: ")
        L.emit_mixed(bg, ". ", ".")
        d.t("\n")
    ex = L.exam_items("note")
    d.t(ind + "Examination: ")
    d.t(rng.choice(["Obs stable. ", "Looks well. ", "Alert, comfortable. ", "Alert. "]))
    L.emit_mixed(ex, ". ", ".")
    d.t("\n")
    res = L.results_items("note", "lab" if rng.random() < 0.5 else "note")
    for typ, key, text in res:
        d.t(ind + "Value: ")
        d.e(key, text)
        d.t("\n")
    img = L.imaging_items("note")
    for typ, key, text in img:
        d.t(ind + "Imaging: ")
        d.e(key, text)
        d.t("\n")
    if mk:
        term = TERMS[mk]
        if system == "emis":
            d.t(ind + "Problem: %s (%s) - New, Significant\n" % (term, code_for(term, "read")))
        elif system == "s1":
            d.t(ind + "Problem: %s (%s)\n" % (term, code_for(term, "read")))
        else:
            d.t(ind + "Symptom: %s [SCT %s]\n" % (term, code_for(term, "sct")))
    if f["ibd_question"]:
        d.t(ind + "Plan: ")
        L.emit_mixed([L.ibd_question_item()], "", "\n")
    plan = L.plan_items("note")
    if plan:
        d.t(ind + "Plan: ")
        L.emit_mixed(plan, ". ", ".\n")
    d.t(ind + "Referral: Gastroenterology - ")
    d.r(L.request_text("note"))
    d.t("\n")


def stamp(L, date):
    return "%s %02d:%02d" % (fmt_date(date, {"emis": "abbr", "s1": "abbr_sp", "vision": "slash"}[L._sys]),
                             L.rng.randrange(8, 18), L.rng.choice([0, 10, 20, 30, 40, 50]))


def style_extract(L, system):
    d, c, rng = L.doc, L.ctx, L.rng
    L._sys = system
    d.t(rng.choice(["Dear Colleague,\nPlease see the consultation extract below. Thanks, %s\n\n" % c["gp_short"],
                    "Referral - relevant record attached below (%s, %s).\n\n" % (c["gp"], c["practice"]["name"]),
                    "%s\nGastroenterology referral - record extract follows.\n\n" % c["practice"]["name"]]))
    extract_header(L, system)
    when = c["letter_date"] - datetime.timedelta(days=rng.randrange(0, 4))
    if system == "emis":
        d.t("%s  Surgery Consultation   %s\n" % (stamp(L, when), c["gp"]))
    elif system == "s1":
        d.t("%s - %s (GP Partner) - %s\n" % (stamp(L, when), c["gp"], c["practice"]["name"]))
    else:
        d.t("%s  %s  Surgery consultation\n" % (stamp(L, when), c["gp_initial"]))
    consult_body(L, system)
    d.t("%s\n" % ("-" * 64))


def style_emis(L):
    style_extract(L, "emis")


def style_systmone(L):
    style_extract(L, "s1")


def style_vision(L):
    style_extract(L, "vision")


FILLER_CONSULTS = ["Problem: Low back pain (%s). Advice and analgesia.", "Problem: Upper respiratory tract infection (%s). Self-care advice.",
                   "Problem: Hypertension review (%s). BP 134/82, continue.", "Problem: Knee pain (%s). Physio referral.",
                   "Problem: Medication review (%s). No changes."]


def style_multi_consult(L):
    d, c, rng = L.doc, L.ctx, L.rng
    L._sys = "emis"
    d.t("Dear Colleague,\nI have pasted the relevant consultations below, oldest first. %s\n\n" % c["gp"])
    extract_header(L, "emis")
    d1 = c["letter_date"] - datetime.timedelta(days=rng.randrange(300, 500))
    d2 = c["letter_date"] - datetime.timedelta(days=rng.randrange(30, 70))
    d3 = c["letter_date"] - datetime.timedelta(days=rng.randrange(0, 4))
    d.t("%s  Surgery Consultation   %s\n    " % (stamp(L, d1), c["gp_initial"]))
    res_d = [i for i in L.dists_in("hpc", ["resolved_past"])]
    if res_d:
        d.t("History: ")
        for i in res_d:
            L.put_dist(i, L.dist_text(i, "note"))
            d.t(". ")
        d.t("\n    Comment: problem ended.\n")
    else:
        fc = rng.choice(FILLER_CONSULTS)
        term = fc.split(": ")[1].split(" (")[0]
        d.t(fc % code_for(term, "read") + "\n")
    d.t("\n%s  Surgery Consultation   %s\n" % (stamp(L, d2), c["gp_initial"]))
    d.t("    History: %s\n" % rng.choice(["New GI symptoms - see next entry for details. Bloods requested.",
                                          "Telephone consultation. Symptoms discussed; bloods and stool tests arranged; review after results.",
                                          "Attended to discuss symptoms. Examination deferred, bloods booked."]))
    d.t("\n%s  Surgery Consultation   %s\n" % (stamp(L, d3), c["gp"]))
    consult_body(L, "emis")
    d.t("%s\n" % ("-" * 64))


# --------------------------------------------------------------------------------------
# other settings: NHS 111, A&E, UTC; timeline; terse notes
# --------------------------------------------------------------------------------------
Q111 = {"dysphagia": "Any difficulty swallowing", "weight_loss": "Any weight loss without trying",
        "rectal_bleeding": "Any blood from the back passage", "haematemesis": "Any blood in the vomit",
        "jaundice": "Any yellowing of the skin or eyes", "abdominal_pain": "Any tummy pain",
        "cibh": "Any change in how often the bowels open", "reflux": "Any heartburn or acid coming up",
        "dyspepsia": "Any indigestion", "bloating": "Any bloating", "confusion": "Any new confusion"}
PATHWAY_111 = {"haematemesis": "Vomiting Blood", "bloody_diarrhoea": "Diarrhoea", "jaundice": "Jaundice",
               "rectal_bleeding": "Rectal Bleeding", "abdominal_pain": "Abdominal Pain",
               "cibh": "Diarrhoea", "reflux": "Heartburn", "dyspepsia": "Indigestion",
               "upper_abdominal_pain": "Abdominal Pain", "weight_loss": "General Malaise",
               "bloating": "Abdominal Pain", "confusion": "Confusion", "dysphagia": "Swallowing Difficulty"}


def gp_cover(L, intro):
    """covering GP paragraph that carries the remaining facts"""
    d, rng = L.doc, L.rng
    opening(L)
    d.t(intro)
    items = L.hpc_items("prose")
    if reason_needed(L):
        d.t(reason_text(L) + " ")
    L.emit_mixed(items, " ", "\n\n")
    bg = L.background_items("prose")
    L.emit_mixed(bg, " ", " ")
    ex = L.exam_items("prose")
    if ex:
        d.t("When I examined {him}: ".format_map(L.ctx))
        L.emit_mixed(ex, " ", " ")
    res = L.results_items("prose") + L.imaging_items("prose")
    if res:
        results_sentence(L, res)
        d.t("\n\n")
    if L.f["ibd_question"]:
        L.emit_mixed([L.ibd_question_item()], " ", " ")
    d.r(L.request_text("prose"))
    plan = L.plan_items("prose")
    if plan:
        d.t(" ")
        L.emit_mixed(plan, " ", "")


def style_nhs111(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    head_letter(L, rng.choice([0, 2]))
    salutation(L)
    re_block(L)
    # the 111 record: main symptom answered Yes, some negatives answered No
    mk = main_key(L)
    call = c["letter_date"] - datetime.timedelta(days=rng.randrange(1, 6))
    # take negated hpc distractors for the 111 questions
    negs = [i for i in L.dists_in("hpc", ["negated"]) if L.dists[i]["fact"] in Q111]
    qa = []
    for i in negs:
        k = L.dists[i]["fact"]
        qa.append(("d", i, "%s? %s" % (Q111[k], rng.choice(["No", "No", "Not that %s has noticed" % c["he"]]))))
        L.placed.add(i)
    yes = []
    if mk and mk in Q111:
        yes.append(("e", mk, "%s? Yes" % Q111[mk]))
    gp_cover(L, L.F(rng.choice(["This follows an out-of-hours NHS 111 call; the 111 summary is copied at the end. ",
                                 "{He} rang NHS 111 overnight and was asked to see us (summary below). "])))
    d.t("\n\n" + "=" * 20 + " NHS 111 CALL SUMMARY " + "=" * 20 + "\n")
    d.t("Call received: %s %02d:%02d   Caller: %s\n" % (fmt_date(call, "abbr_sp"), rng.choice([1, 2, 3, 22, 23, 19]), rng.randrange(60),
                                                     rng.choice(["patient", "patient's %s" % c["partner"]])))
    d.t("Symptom pathway: %s\n" % (PATHWAY_111.get(mk, "General Malaise")))
    d.t("Disposition: %s\n" % rng.choice(["Speak to a Primary Care Service within 12 hours", "Contact own GP practice within 24 hours",
                                          "Speak to a clinician within 2 hours - completed by CAS GP"]))
    d.t("Triage questions:\n")
    for typ, key, text in yes + qa:
        d.t("  - ")
        if typ == "e":
            d.e(key, text)
        else:
            L.doc.d(key, text)
        d.t("\n")
    d.t("Care advice given: worsening / call back advice.\n")
    d.t("=" * 62 + "\n")
    signoff(L, v=1)


def ae_items(L):
    """note-register items for an A&E / UTC record; returns dict of blocks"""
    return {"hpc": L.hpc_items("note", redflag_list=False), "exam": L.exam_items("note"),
            "res": L.results_items("note", "note") + L.imaging_items("note")}


def style_ae(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    head_letter(L, rng.choice([0, 2]))
    d.t("Dear Colleague,\n\n")
    re_block(L)
    d.t(rng.choice(["I enclose the Emergency Department discharge letter below, which asks us to refer {him} to you. ",
                    "{He} attended A&E last week; their discharge summary is pasted below and asks for GP referral. "]).format_map(c))
    d.t(L.F(rng.choice(["I saw {him} afterwards and the history below is as documented by the ED team. ",
                        "I have reviewed {him} since and agree with the history. "])))
    if f["ibd_question"]:
        L.emit_mixed([L.ibd_question_item()], " ", " ")
    d.r(L.request_text("prose"))
    plan = L.plan_items("prose")
    if plan:
        d.t(" ")
        L.emit_mixed(plan, " ", "")
    d.t("\n\n%s\n\n" % c["gp"])
    att = c["letter_date"] - datetime.timedelta(days=rng.randrange(3, 10))
    d.t("%s\n%s\nEMERGENCY DEPARTMENT - DISCHARGE SUMMARY\n" % ("#" * 60, c["hospital"]))
    d.t("Attendance: %s   Discharged: same day\n" % fmt_date(att, "slash"))
    d.t("Patient: %s  DOB %s  NHS %s\n" % (name_caps(c), fmt_date(c["dob"], c["dob_kind"]), nhs_fmt(c)))
    if L.c["age_mode"] in ("stated", "both", "words"):
        d.t("Age at attendance: ")
        d.e("age", "%d" % f["age"])
        d.t("\n")
    blk = ae_items(L)
    mk = main_key(L)
    d.t("Presenting complaint: ")
    hp = blk["hpc"]
    if hp:
        L.emit_mixed(hp[:1], "", "\n")
        if len(hp) > 1:
            d.t("History: ")
            L.emit_mixed(hp[1:], ". ", ".\n")
    else:
        d.t(rng.choice(["abnormal blood results from GP", "feeling unwell"]) + "\n")
    bg = L.background_items("note")
    if bg:
        d.t("Background: ")
        L.emit_mixed(bg, ". ", ".\n")
    d.t("Examination: HR %d, BP %d/%d, haemodynamically stable. " % (rng.randrange(70, 98), rng.randrange(110, 150), rng.randrange(64, 90)))
    L.emit_mixed(blk["exam"], ". ", ".")
    d.t("\nInvestigations: ")
    if blk["res"]:
        L.emit_mixed(blk["res"], "; ", "")
    else:
        d.t("bloods unremarkable")
    d.t("\nImpression: %s\n" % rng.choice(["for outpatient investigation", "stable for discharge, needs specialist follow-up",
                                           "not requiring admission"]))
    d.t("GP actions: please refer to gastroenterology as an outpatient.\n")
    for sec in ("hpc", "exam", "background"):
        for i in L.dists_in(sec):
            d.t("Note: ")
            L.put_dist(i, L.dist_text(i, "note"))
            d.t("\n")
    d.t("ED clinician: Dr %s (ST4 Emergency Medicine)\n%s\n" % (rng.choice(["R Varma", "L Osei", "K Brady", "J Ito"]), "#" * 60))


def style_utc(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    d.t(rng.choice(["%s Urgent Treatment Centre - clinical record (copy to GP)\n" % c["practice"]["town"],
                    "%s Walk-in Centre - consultation summary\n" % c["practice"]["town"]]))
    d.t("Seen by: %s, Emergency Nurse Practitioner\nDate seen: " % rng.choice(ANP_NAMES))
    seen = c["letter_date"] - datetime.timedelta(days=rng.randrange(2, 8))
    d.t(fmt_date(seen, c["date_kind"]) + "\n")
    d.t("Patient: ")
    d.e("patient", name_plain(c))
    d.t("  DOB ")
    d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    if L.c["age_mode"] in ("stated", "both", "words"):
        d.t("  (")
        d.e("age", "%d yrs" % f["age"])
        d.t(")")
    d.t("\n\n")
    blk = ae_items(L)
    d.t("PC/HPC: ")
    L.emit_mixed(blk["hpc"] or [("t", None, L.F(rng.choice(REASON_DEFAULT)))], ". ", ".")
    bg = L.background_items("note")
    if bg:
        d.t("\nPMH/FH: ")
        L.emit_mixed(bg, ". ", ".")
    d.t("\nO/E: Obs NEWS2 %d. " % rng.choice([0, 0, 1, 2]))
    L.emit_mixed(blk["exam"], ". ", ".")
    if blk["res"]:
        d.t("\nIx: ")
        L.emit_mixed(blk["res"], "; ", "")
    d.t("\nPlan: Discharged home. Letter to GP - please consider gastroenterology referral.\n")
    plan = L.plan_items("note")
    if plan:
        L.emit_mixed(plan, ". ", ".\n")
    d.t("\n---- Forwarded by practice ----\n")
    d.t("Date: ")
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\nGastro team - UTC record above. I agree and would like {him} seen. ".format_map(c))
    if f["ibd_question"]:
        L.emit_mixed([L.ibd_question_item()], " ", " ")
    d.r(L.request_text("prose"))
    d.t("\n%s, %s\n" % (c["gp"], c["practice"]["name"]))


TL = {"dysphagia": ("first noticed food sticking", "dysphagia to solids, worse than before"),
      "rectal_bleeding": ("first saw blood mixed in with the stool", "still passing blood with the stool every few days"),
      "cibh": ("bowels became looser", "still loose, 3-4 times a day - a definite change in bowel habit"),
      "abdominal_pain": ("lower abdominal cramps started", "abdominal pain ongoing"),
      "upper_abdominal_pain": ("epigastric pain began", "epigastric pain persists"),
      "reflux": ("heartburn started", "acid reflux most nights"),
      "dyspepsia": ("indigestion after meals began", "dyspepsia persists"),
      "bloating": ("bloating began", "still bloated most days"),
      "weight_loss": (None, "weight loss of {wln}, unintentional"),
      "jaundice": (None, "jaundiced - sclerae yellow"),
      "haematemesis": (None, "vomited fresh blood twice this week"),
      "bloody_diarrhoea": (None, "bloody diarrhoea up to 8 times a day over the past 10 days"),
      "confusion": (None, "newly confused, liver flap")}


def style_timeline(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    head_letter(L)
    salutation(L)
    re_block(L)
    opening(L)
    d.t(rng.choice(["The story is easiest to follow as a timeline:\n", "Timeline:\n", "Course so far:\n"]))
    ld = c["letter_date"]
    for i in L.dists_in("hpc", ["resolved_past"]):
        d.t("  " + rng.choice(["Previously: ", "Old history: ", "Years ago: "]))
        L.put_dist(i, L.dist_text(i, "note"))
        d.t("\n")
    keys = L.hpc_keys()
    starts = [k for k in keys if TL[k][0]]
    for n, k in enumerate(starts):
        m = months_back(ld, (len(starts) - n) * 2 + rng.randrange(0, 2))
        d.t("  %s: " % MONTHS[m.month - 1])
        d.e(k, TL[k][0])
        d.t("\n")
    if keys or L.ppi or f["other"]:
        d.t("  Now (%s): " % MONTHS[ld.month - 1])
        items = [("e", k, L.F(TL[k][1])) for k in keys]
        if L.ppi:
            items.append(("e", "ppi_weeks", L.ppi_sentence("note")))
        for o in f["other"]:
            items.append(("e", "other:" + o, L.other_sentence(o, "note")))
        L.emit_mixed(items, "; ", "\n")
    d.t("\n")
    negs = L.hpc_dist_items("prose")
    if negs:
        L.emit_mixed(negs, " ", "\n\n")
    bg = L.background_items("prose")
    d.t(pmh_sentence(L) + " ")
    L.emit_mixed(bg, " ", "")
    d.t("\n\n")
    ex = L.exam_items("prose")
    if ex:
        d.t("Examination: ")
        L.emit_mixed(ex, " ", "\n\n")
    res = L.results_items("prose") + L.imaging_items("prose")
    if res:
        results_sentence(L, res)
        d.t("\n\n")
    if f["ibd_question"]:
        L.emit_mixed([L.ibd_question_item()], " ", " ")
    d.r(L.request_text("prose"))
    plan = L.plan_items("prose")
    if plan:
        d.t(" ")
        L.emit_mixed(plan, " ", "")
    signoff(L)


def style_locum(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    d.t("%s   " % c["practice"]["name"])
    d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
    d.t("\nTo: Gastro\nRe: ")
    d.e("patient", name_plain(c))
    d.t(", ")
    if L.c["age_mode"] == "dob_only":
        d.t("DOB ")
        d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    else:
        d.e("age", "%d%s" % (f["age"], f["sex"]))
        d.t(", DOB ")
        d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
    d.t(", NHS %s\n\n" % nhs_fmt(c, False))
    items = L.hpc_items("note", redflag_list=rng.random() < 0.6)
    items += L.background_items("note") + L.exam_items("note")
    items += L.results_items("note", "note") + L.imaging_items("note")
    if f["ibd_question"]:
        items.append(L.ibd_question_item())
    items += L.plan_items("note")
    if not items:
        items = [("t", None, reason_text(L))]
    L.emit_mixed(items, ". ", ".\n")
    d.r(L.request_text("note"))
    d.t(".\n%s (locum GP)\n" % c["gp_initial"])


def style_two_line(L):
    d, c, rng, f = L.doc, L.ctx, L.rng, L.f
    d.e("patient", "%s %s" % (c["title"], c["surname"]))
    d.t(" ")
    if L.c["age_mode"] == "dob_only":
        d.t("(DOB ")
        d.e("dob", fmt_date(c["dob"], c["dob_kind"]))
        d.t(", seen ")
        d.e("letter_date", fmt_date(c["letter_date"], c["date_kind"]))
        d.t(")")
    else:
        d.e("age", "%dyo" % f["age"])
    d.t(", NHS %s: " % nhs_fmt(c, False))
    items = L.hpc_items("note", redflag_list=False) + L.background_items("note") + L.exam_items("note")
    items += L.results_items("note", "note") + L.imaging_items("note")
    if f["ibd_question"]:
        items.append(L.ibd_question_item())
    items += L.plan_items("note")
    L.emit_mixed(items, ", ", ". ")
    d.r(L.request_text("note"))
    d.t(". %s\n" % c["gp_short"])


# --------------------------------------------------------------------------------------
# style registry
# --------------------------------------------------------------------------------------
ALL = set(RULE_IDS)


def has_hpc(f):
    return any(f[k] for k in HPC_ORDER)


def lower_feat(f):
    fn = fit_number(f["fit"])
    return any(f[k] for k in ["rectal_bleeding", "cibh", "abdominal_pain", "weight_loss",
                              "abdominal_mass", "rectal_mass", "anal_mass"]) \
        or ida_true(f) or (fn is not None and fn >= 10)


def upper_feat(f):
    return any(f[k] for k in ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux",
                              "dyspepsia", "haematemesis"])


def n_pos(f):
    return sum(1 for k in HPC_ORDER + EXAM_KEYS if f[k]) + sum(1 for k in VALUE_KEYS if f[k] is not None) \
        + len(f["other"]) + int(f["fatty_liver"]) + int(f["cirrhosis"]) + int(f["fh_crc"])


# name: (renderer, target count, allowed rules, compat(f) or None, plain?, priority field?, n distractors)
STYLES = {
    "gp_letter_formal": dict(fn=style_gp_formal, n=36, rules=ALL, compat=None, plain=True, field=False, nd=(1, 5)),
    "gp_letter_concise": dict(fn=style_gp_concise, n=30, rules=ALL, compat=None, plain=True, field=False, nd=(1, 3)),
    "gp_letter_with_lists": dict(fn=style_gp_lists, n=22, rules=ALL, compat=None, plain=True, field=False, nd=(1, 4)),
    "gp_letter_dictated_numbers_in_words": dict(fn=style_gp_dictated, n=14, rules=ALL, compat=None, plain=True, field=False, nd=(1, 4)),
    "ers_referral_template": dict(fn=style_ers, n=8, rules=ALL, compat=None, plain=False, field=True, nd=(1, 4)),
    "ng12_lower_gi_2ww_form": dict(fn=style_ng12_lower, n=9, rules={"U2", "U3", "U4", "U6", "U8", "O6", "R1", "A1", "D"},
                                   compat=lower_feat, plain=False, field=True, nd=(0, 3)),
    "ng12_upper_gi_2ww_form": dict(fn=style_ng12_upper, n=7, rules={"U1", "U5", "R3", "O1", "A2", "D"},
                                   compat=upper_feat, plain=False, field=True, nd=(0, 3)),
    "straight_to_test_form": dict(fn=style_stt, n=6, rules={"U1", "U3", "U4", "U5", "U8", "O6", "O1"},
                                  compat=lambda f: lower_feat(f) or upper_feat(f), plain=False, field=True, nd=(0, 2)),
    "liver_lft_pathway_form": dict(fn=style_liver_form, n=7, rules={"U7", "R2", "O5", "D"},
                                   compat=lambda f: (f["alt"] is not None and f["alt"] >= 40) or f["fatty_liver"] or f["cirrhosis"]
                                   or f["jaundice"] or "bilirubin" in f["other"],
                                   plain=False, field=True, nd=(0, 3)),
    "ibd_flare_advice_form": dict(fn=style_ibd_form, n=7, rules={"R1", "O2", "O3"},
                                  compat=lambda f: f["bloody_diarrhoea"] or f["calprotectin"] is not None or f["ibd_known"],
                                  plain=False, field=True, nd=(0, 2)),
    "dyspepsia_hpylori_pathway_form": dict(fn=style_dyspepsia_form, n=6, rules={"A2", "O1", "U5", "U1", "R3", "D"},
                                           compat=lambda f: f["dyspepsia"] or f["reflux"] or f["upper_abdominal_pain"],
                                           plain=False, field=True, nd=(0, 3)),
    "form_pipe_table_export": dict(fn=style_pipe_table, n=7, rules=ALL, compat=None, plain=False, field=True, nd=(1, 4)),
    "form_tab_label_value": dict(fn=style_tab_form, n=6, rules=ALL, compat=None, plain=False, field=True, nd=(1, 4)),
    "form_answers_below_questions": dict(fn=style_answers_below, n=6, rules=ALL, compat=None, plain=False, field=True, nd=(1, 4)),
    "proforma_every_question_answered": dict(fn=style_proforma_all, n=6, rules=ALL, compat=None, plain=False, field=True, nd=(0, 3)),
    "emis_web_extract": dict(fn=style_emis, n=7, rules=ALL, compat=None, plain=False, field=False, nd=(1, 4)),
    "systmone_extract": dict(fn=style_systmone, n=7, rules=ALL, compat=None, plain=False, field=False, nd=(1, 4)),
    "vision_extract": dict(fn=style_vision, n=6, rules=ALL, compat=None, plain=False, field=False, nd=(1, 4)),
    "multi_consultation_extract": dict(fn=style_multi_consult, n=7, rules=ALL - {"A3"}, compat=None, plain=False, field=False, nd=(1, 4)),
    "letter_with_results_table": dict(fn=style_results_table, n=7, rules=ALL,
                                      compat=lambda f: any(f[k] is not None for k in VALUE_KEYS), plain=False, field=False, nd=(1, 4)),
    "results_old_and_new_columns": dict(fn=style_results_oldnew, n=6, rules=ALL - {"A1"},
                                        compat=lambda f: f["hb"] is not None or f["alt"] is not None or f["ferritin"] is not None,
                                        plain=False, field=False, nd=(1, 3)),
    "nhs111_summary_forwarded": dict(fn=style_nhs111, n=6, rules={"R3", "R1", "U7", "U8", "A2", "D", "O6"},
                                     compat=lambda f: main_key_f(f) is not None, plain=False, field=False, nd=(2, 4)),
    "ae_discharge_forwarded": dict(fn=style_ae, n=6, rules={"R3", "R1", "R2", "U6", "U7", "O5"},
                                   compat=None, plain=False, field=False, nd=(1, 3)),
    "utc_walk_in_note": dict(fn=style_utc, n=5, rules={"R3", "R1", "U7", "A2", "D", "U8"},
                             compat=has_hpc, plain=False, field=False, nd=(1, 3)),
    "practice_pharmacist_letter": dict(fn=style_pharmacist, n=6, rules={"A2", "O1", "U5", "D", "U4", "O5", "O4"},
                                       compat=None, plain=False, field=False, nd=(1, 4)),
    "anp_letter": dict(fn=style_anp, n=6, rules=ALL, compat=None, plain=False, field=False, nd=(1, 4)),
    "gp_registrar_supervised": dict(fn=style_registrar, n=6, rules=ALL, compat=None, plain=False, field=False, nd=(1, 4)),
    "interpreter_present": dict(fn=style_interpreter, n=6, rules=ALL, compat=None, plain=False, field=False, nd=(1, 4)),
    "carer_history_dementia": dict(fn=style_carer_dementia, n=5, rules={"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R3", "O1", "O6", "D"},
                                   compat=has_hpc, plain=False, field=False, nd=(1, 3)),
    "carer_history_learning_disability": dict(fn=style_carer_ld, n=5, rules=ALL - {"O3", "A3", "O5", "O4"},
                                              compat=has_hpc, plain=False, field=False, nd=(1, 3)),
    "dated_timeline": dict(fn=style_timeline, n=6, rules=ALL - {"O3", "A3", "O5", "O4", "R2"},
                           compat=has_hpc, plain=False, field=False, nd=(1, 4)),
    "patient_quotes": dict(fn=style_quotes, n=6, rules=ALL - {"O3", "A3", "O5", "O4", "R2"},
                           compat=has_hpc, plain=False, field=False, nd=(1, 4)),
    "locum_terse_note": dict(fn=style_locum, n=6, rules=ALL, compat=None, plain=False, field=True, nd=(0, 3)),
    "two_line_request": dict(fn=style_two_line, n=7, rules={"U1", "U3", "U7", "R1", "R2", "O2", "O4", "O5", "A2", "A3", "O6", "U4"},
                             compat=lambda f: n_pos(f) <= 3, plain=False, field=True, nd=(0, 1)),
    "scanned_multipage_ocr": dict(fn=style_scanned, n=7, rules=ALL, compat=None, plain=False, field=False, nd=(2, 5)),
}


def main_key_f(f):
    for k in HPC_ORDER + EXAM_KEYS:
        if f[k]:
            return k
    return None


FORCED_USC = {"ng12_lower_gi_2ww_form", "ng12_upper_gi_2ww_form", "straight_to_test_form"}

RULE_COUNTS = {"U1": 14, "U2": 8, "U3": 18, "U4": 14, "U5": 10, "U6": 6, "U7": 8, "U8": 12,
               "R1": 20, "R2": 13, "R3": 12,
               "O1": 12, "O2": 14, "O4": 14, "O5": 18, "O6": 22, "D": 25,
               "O3": 16, "A1": 18, "A2": 16, "A3": 10}


# --------------------------------------------------------------------------------------
# noise (filler segments only)
# --------------------------------------------------------------------------------------
SPELL_SLIPS = {"grateful": "greatful", "referral": "referal", "appreciate": "apreciate",
               "sincerely": "sincerly", "Colleague": "Collegue", "colleague": "collegue",
               "assessment": "assesment", "consultation": "consulation", "recently": "recenlty",
               "regards": "reguards", "background": "backgound", "medication": "medciation",
               "Thank you": "Thankyou", "discussed": "dicussed", "attended": "attened",
               "otherwise": "otherwse", "history": "histroy", "please": "plese"}
OCR_SWAPS = {"Practice": "Practlce", "Surgery": "Surgerv", "Medical": "Medlcal", "Telephone": "Te1ephone",
             "appointment": "appointrnent", "information": "infonnation", "Continued": "Contlnued",
             "grateful": "gratefu1", "Dear": "Dcar", "Centre": "Cenlre", "Yours": "Yonrs",
             "General": "Genera1", "Department": "Departrnent", "Hospital": "Hospita1", "Tel": "Te1"}


def apply_noise(doc, rng, ocr):
    import re
    table = dict(SPELL_SLIPS)
    if ocr:
        table.update(OCR_SWAPS)
    cands = []
    for si, seg in enumerate(doc.segs):
        if seg[0] != "t":
            continue
        for w in table:
            for m in re.finditer(r"\b%s\b" % re.escape(w), seg[1]):
                cands.append((si, m.start(), w))
    if not cands:
        return []
    rng.shuffle(cands)
    k = min(len(cands), rng.randrange(2, 5) if ocr else rng.randrange(1, 3))
    chosen = sorted(cands[:k], key=lambda x: (x[0], -x[1]))
    done = []
    for si, pos, w in chosen:
        s = doc.segs[si][1]
        if s[pos:pos + len(w)] != w:
            continue
        doc.segs[si][1] = s[:pos] + table[w] + s[pos + len(w):]
        done.append("%s -> %s" % (w, table[w]))
    return done


# --------------------------------------------------------------------------------------
# allocation and main
# --------------------------------------------------------------------------------------
def allocate():
    rng = seeded("allocate")
    rules = []
    for r in RULE_IDS:
        rules += [r] * RULE_COUNTS[r]
    rng.shuffle(rules)
    assert len(rules) == N_LETTERS
    assert sum(s["n"] for s in STYLES.values()) == N_LETTERS, sum(s["n"] for s in STYLES.values())
    style_of = [None] * N_LETTERS
    order = sorted(STYLES, key=lambda s: (len(STYLES[s]["rules"]), s))
    for sname in order:
        st = STYLES[sname]
        need = st["n"]
        allowed = sorted(st["rules"])
        srng = seeded("style-pick", sname)
        while need:
            free_rules = sorted(set(rules[i] for i in range(N_LETTERS)
                                    if style_of[i] is None and rules[i] in st["rules"]))
            if not free_rules:
                raise RuntimeError("cannot fill style " + sname)
            # variety: prefer the rule least used so far by this style
            used = {r: sum(1 for i in range(N_LETTERS) if style_of[i] == sname and rules[i] == r) for r in free_rules}
            low = min(used.values())
            r = srng.choice([x for x in free_rules if used[x] == low])
            cands = [i for i in range(N_LETTERS) if style_of[i] is None and rules[i] == r]
            style_of[srng.choice(cands)] = sname
            need -= 1
    return rules, style_of


URG_ORDER = ["advice", "routine", "urgent", "usc"]


def plan_priorities(rules, style_of):
    rng = seeded("priorities")
    levels = [None] * N_LETTERS
    true_lvl = [LEVEL_OF_URGENCY[RULE_LABEL[r][0]] for r in rules]
    forced_dis = 0
    free = []
    for i in range(N_LETTERS):
        if style_of[i] in FORCED_USC:
            levels[i] = "usc"
            forced_dis += true_lvl[i] != "usc"
        else:
            free.append(i)
    rng.shuffle(free)
    null_ok = [i for i in free if not STYLES[style_of[i]]["field"]]
    nulls = set(null_ok[:36])
    rest = [i for i in free if i not in nulls]
    n_dis = 150 - forced_dis
    for n, i in enumerate(rest):
        t = true_lvl[i]
        if n < n_dis:
            if t == "usc":
                levels[i] = wchoice(rng, [("urgent", 6), ("routine", 4)])
            elif t == "urgent":
                levels[i] = wchoice(rng, [("usc", 5), ("routine", 5)])
            elif t == "routine":
                levels[i] = wchoice(rng, [("usc", 4), ("urgent", 4), ("advice", 2)])
            elif rules[i] == "O3":
                levels[i] = wchoice(rng, [("routine", 60), ("urgent", 40)])
            elif rules[i] == "A3":
                levels[i] = wchoice(rng, [("routine", 70), ("usc", 30)])
            else:
                levels[i] = wchoice(rng, [("routine", 40), ("urgent", 35), ("usc", 25)])
        else:
            levels[i] = t
    for i in nulls:
        levels[i] = None
    return levels


def age_mode_for(style, rng):
    if style == "gp_letter_dictated_numbers_in_words":
        return "words"
    if style in ("two_line_request", "locum_terse_note"):
        return wchoice(rng, [("stated", 7), ("dob_only", 3)])
    return wchoice(rng, [("stated", 5), ("dob_only", 3), ("both", 2)])


def letter_date_for(rng):
    start = datetime.date(2024, 1, 8)
    return start + datetime.timedelta(days=rng.randrange(0, 540))


def render_one(idx, rule, style, level):
    rid = "L14-%04d" % (idx + 1)
    rng = seeded("letter", rid)
    st = STYLES[style]
    age_mode = age_mode_for(style, rng)
    f, sub, dists = build_case(rid, rule, style, rng, st["nd"], age_mode)
    letter_date = letter_date_for(rng)
    ctx = build_ctx(rid, f, rng, letter_date)
    ctx["date_kind"] = rng.choice(DATE_KINDS + ["short"])
    ctx["dob_kind"] = rng.choice(DATE_KINDS)
    if f["sex"] == "M" and ctx["ibd_q_index"] == 1:
        ctx["ibd_q_index"] = 3
        ctx["ibd_q"] = IBD_QUESTIONS[3]
    case = {"facts": f, "distractors": [dict(d) for d in dists], "ctx": ctx, "rule": rule,
            "gp_level": level, "age_mode": age_mode, "style": style}
    L = Letter(case, seeded("render", rid))
    st["fn"](L)
    missing = L.all_placed_check()
    if missing:
        raise RuntimeError("%s %s: distractors not placed %s" % (rid, style, [L.dists[i] for i in missing]))
    return rid, rng, L, sub


def collect(L):
    ev, dtexts, req = {}, {}, []
    for typ, text, key in L.doc.segs:
        if typ == "e":
            ev.setdefault(key, []).append(text)
        elif typ == "d":
            dtexts.setdefault(key, []).append(text)
        elif typ == "r":
            req.append(text)
    return ev, dtexts, req


def check_evidence(rid, L, ev, dtexts):
    f = L.f
    need = [k for k in BOOL_FACTS if f[k]] + [k for k in VALUE_KEYS if f[k] is not None]
    need += ["other:" + o for o in f["other"]]
    if f["ppi_weeks"]:
        need.append("ppi_weeks")
    need += ["patient"]
    if L.c["age_mode"] == "dob_only":
        need += ["dob", "letter_date"]
    else:
        need += ["age"]
    miss = [k for k in need if k not in ev]
    if miss:
        raise RuntimeError("%s %s: no evidence for %s" % (rid, L.c["style"], miss))
    for k in ev:
        base = k.split(":")[0]
        if base in BOOL_FACTS and not f[base]:
            raise RuntimeError("%s: evidence for a false fact %s" % (rid, k))
        if k == "ida" and not ida_true(f):
            raise RuntimeError("%s: ida evidence without IDA" % rid)
    for i in range(len(L.dists)):
        if i not in dtexts:
            raise RuntimeError("%s: distractor %d has no text" % (rid, i))


def normal_value_distractors(L, ev):
    f = L.f
    out = []
    if f["hb"] is not None and not (f["hb"] < (130 if f["sex"] == "M" else 120)):
        out.append({"kind": "normal_value", "fact": "anaemia", "text": ev["hb"]})
    if f["ferritin"] is not None and f["ferritin"] >= 30:
        out.append({"kind": "normal_value", "fact": "iron_deficiency", "text": ev["ferritin"]})
    if f["alt"] is not None and f["alt"] < 40:
        out.append({"kind": "normal_value", "fact": "alt_40_299", "text": ev["alt"]})
    if f["ttg"] is not None and not f["ttg"]["raised"]:
        out.append({"kind": "normal_value", "fact": "coeliac_serology", "text": ev["ttg"]})
    return out


def main():
    rules, style_of = allocate()
    levels = plan_priorities(rules, style_of)
    # noise selection: all scanned letters plus others, about 10% in all
    nrng = seeded("noise-pick")
    others = [i for i in range(N_LETTERS) if style_of[i] != "scanned_multipage_ocr"]
    nrng.shuffle(others)
    noisy = set(i for i in range(N_LETTERS) if style_of[i] == "scanned_multipage_ocr")
    noise_queue = others
    letters, metas = [], []
    rendered = []
    for i in range(N_LETTERS):
        rendered.append(render_one(i, rules[i], style_of[i], levels[i]))
    noise_of = {}
    for i in sorted(noisy):
        rid, rng, L, sub = rendered[i]
        noise_of[i] = apply_noise(L.doc, seeded("noise", rid), True)
    for i in noise_queue:
        if sum(1 for v in noise_of.values() if v) >= 30:
            break
        rid, rng, L, sub = rendered[i]
        noise_of[i] = apply_noise(L.doc, seeded("noise", rid), False)
    for i in range(N_LETTERS):
        rid, rng, L, sub = rendered[i]
        noise = noise_of.get(i, [])
        text = L.doc.text()
        ev, dtexts, req = collect(L)
        check_evidence(rid, L, ev, dtexts)
        f = L.f
        rule = rules[i]
        assert robust_label(f, uncertain_keys(L.dists), dob_only=L.c["age_mode"] == "dob_only") == rule
        urg, path = RULE_LABEL[rule]
        lvl = levels[i]
        dist_out = []
        for j, d in enumerate(L.dists):
            dd = {"kind": d["kind"], "fact": d["fact"], "text": dtexts[j]}
            dist_out.append(dd)
        dist_out += normal_value_distractors(L, ev)
        for k in ev:
            for s in ev[k]:
                assert s in text, (rid, k, s)
        for dd in dist_out:
            for s in dd["text"]:
                assert s in text, (rid, dd, s)
        facts_out = {"sex": f["sex"], "age": f["age"]}
        for k in BOOL_FACTS:
            facts_out[k] = f[k]
        facts_out["other_findings"] = list(f["other"])
        facts_out["ppi_weeks"] = f["ppi_weeks"]
        c = L.ctx
        meta = {
            "id": rid, "rule": rule, "urgency": urg, "pathway": path, "style": style_of[i],
            "plain_gp_letter": STYLES[style_of[i]]["plain"],
            "scenario": sub or None,
            "gp_priority": GP_PRIORITY_WORDS[lvl], "gp_priority_level": lvl,
            "gp_priority_text": req,
            "gp_priority_disagrees": (None if lvl is None else lvl != LEVEL_OF_URGENCY[urg]),
            "age_source": "date_of_birth_and_letter_date" if L.c["age_mode"] == "dob_only" else "stated",
            "date_of_birth": c["dob"].isoformat(), "letter_date": c["letter_date"].isoformat(),
            "facts": facts_out,
            "values": {k: L.values[k] for k in VALUE_KEYS if k in L.values},
            "evidence": ev,
            "distractors": dist_out,
            "noise": noise,
        }
        letters.append({"id": rid, "text": text, "urgency": urg, "pathway": path, "rule": rule,
                        "style": style_of[i], "gp_priority": GP_PRIORITY_WORDS[lvl], "age": f["age"]})
        metas.append(meta)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for rec in letters:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for rec in metas:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    write_readme(letters, metas)


STYLE_DESC = {
    "gp_letter_formal": "plain GP letter: letterhead, Re: block, paragraphs, sometimes two pages with repeated header/footer",
    "gp_letter_concise": "plain, shorter GP letter, 'Dear Colleague'",
    "gp_letter_with_lists": "plain GP letter with past-history / medication / allergy lists",
    "gp_letter_dictated_numbers_in_words": "dictated-and-typed GP letter, age and results written in words, 'Dictated but not read'",
    "ers_referral_template": "NHS e-RS referral template with headed fields and a Priority field",
    "ng12_lower_gi_2ww_form": "suspected lower-GI cancer (NG12) form, criteria as tick boxes (only met criteria ticked), FIT and bloods fields",
    "ng12_upper_gi_2ww_form": "suspected upper-GI cancer form, presenting features as tick boxes, PPI-trial field",
    "straight_to_test_form": "straight-to-test colonoscopy/CTC or OGD form with indication boxes and fitness-for-test fields",
    "liver_lft_pathway_form": "abnormal-LFT / liver pathway form with LFT panel, aetiology screen, ultrasound and Yes/No clinical features",
    "ibd_flare_advice_form": "IBD advice-line / flare form: diagnosis, current status, symptom fields, calprotectin",
    "dyspepsia_hpylori_pathway_form": "dyspepsia and H. pylori pathway form: symptom and alarm-feature boxes, PPI trial, H. pylori result",
    "form_pipe_table_export": "form exported as plain text with '|' and '+---+' table borders, multi-line cells",
    "form_tab_label_value": "form exported as 'Label<TAB>Value' lines",
    "form_answers_below_questions": "proforma whose answers sit in a block several lines below the questions",
    "proforma_every_question_answered": "proforma with every symptom question answered Yes/No/Nil",
    "emis_web_extract": "EMIS Web consultation extract: History/Examination/Comment/Problem with coded terms",
    "systmone_extract": "SystmOne tabbed-journal extract with coded problem",
    "vision_extract": "Vision consultation printout with SNOMED-style coded symptom",
    "multi_consultation_extract": "several EMIS consultations in date order: an old problem ended, a new one starts",
    "letter_with_results_table": "GP letter followed by a results table with reference ranges and H/L flags",
    "results_old_and_new_columns": "GP letter with a results table of previous and latest columns side by side",
    "nhs111_summary_forwarded": "GP letter with an NHS 111 call summary (triage questions answered Yes/No) appended",
    "ae_discharge_forwarded": "GP covering note forwarding an Emergency Department discharge summary that asks for referral",
    "utc_walk_in_note": "urgent treatment centre / walk-in centre record forwarded by the practice",
    "practice_pharmacist_letter": "letter from the practice clinical pharmacist after a medication review",
    "anp_letter": "letter from an advanced nurse practitioner",
    "gp_registrar_supervised": "letter from a GP specialty registrar, plan agreed with the supervising GP",
    "interpreter_present": "consultation with a professional interpreter; history as interpreted",
    "carer_history_dementia": "history given by a family carer or care-home staff for a patient with dementia",
    "carer_history_learning_disability": "history given by a support worker or parent for a patient with a learning disability",
    "dated_timeline": "history laid out as a month-by-month timeline ending 'Now:'",
    "patient_quotes": "letter quoting the patient's own words",
    "locum_terse_note": "terse locum note, abbreviations, a few lines",
    "two_line_request": "one- or two-line request",
    "scanned_multipage_ocr": "scanned two-page letter: OCR character swaps in non-clinical text, repeated page headers and footers",
}


def write_readme(letters, metas):
    from collections import Counter
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    cnt = lambda key: Counter(x[key] for x in letters)
    urg, path, rule, style = cnt("urgency"), cnt("pathway"), cnt("rule"), cnt("style")
    n_dis = sum(1 for m in metas if m["gp_priority_disagrees"])
    rank = {"advice": 0, "routine": 1, "urgent": 2, "usc": 3}
    over = sum(1 for m in metas if m["gp_priority_level"] and rank[m["gp_priority_level"]] > rank[LEVEL_OF_URGENCY[m["urgency"]]])
    under = sum(1 for m in metas if m["gp_priority_level"] and rank[m["gp_priority_level"]] < rank[LEVEL_OF_URGENCY[m["urgency"]]])
    nulls = sum(1 for m in metas if m["gp_priority_level"] is None)
    dob = sum(1 for m in metas if m["age_source"] != "stated")
    dk = Counter(d["kind"] for m in metas for d in m["distractors"])
    ages = [x["age"] for x in letters]
    lens = sorted(len(x["text"]) for x in letters)
    out = []
    w = out.append
    w("# letters14: a sealed test set of 300 gastroenterology referral letters\n")
    w("Written from the labelling rules in `/work/shared/clinical/referral-triage-spec.md`, the brief's description of real")
    w("referral letters and general knowledge of UK general practice. The triage system, its code, training data and other")
    w("test sets were not looked at. Everything is synthetic: names, practices, hospitals and NHS numbers (999-prefixed, valid")
    w("modulus-11 check digit) are invented; telephone numbers are from Ofcom drama ranges.\n")
    w("## Files\n")
    w("| file | content |\n| --- | --- |")
    w("| `letters.jsonl` | 300 letters: id, text, urgency, pathway, rule, style, gp_priority, age |")
    w("| `letters_meta.jsonl` | per id: drawn facts, values as written (with units), every evidence string per positive fact/value, every distractor with its kind and text, GP-priority level and whether it disagrees, date of birth and letter date, noise applied |")
    w("| `make_set.py` | generator (Python 3 standard library only; all randomness from sha256-seeded `random.Random`; reruns are byte-identical) |")
    w("| `validate_set.py` | independent re-check (does not import the generator); `--rerun` also regenerates in a temp dir and compares bytes |")
    w("| `second_pass.tsv` | blind hand re-read of 50 random letters |\n")
    w("sha256 of `letters.jsonl`: `%s`\n" % sha)
    w("## How it was made\n")
    w("1. Each of the 21 rules gets a fixed number of letters close to the spec's inbox mix; the rule list is shuffled.")
    w("2. Each letter gets a layout/writer (35 styles, fixed counts, each style allowed only for rules it fits).")
    w("3. Facts are drawn for the rule (values kept away from thresholds and from places where a lab reference range")
    w("   and the spec disagree). Optional extras (normal values, family history, second symptoms) and 0-5 distractors")
    w("   (negated, family history, resolved/past, hypothetical, uncertain, result awaited; forms add unticked boxes and")
    w("   answered 'No' fields) are kept only if the rule is unchanged.")
    w("4. The label is accepted only when it is the same under every reading of the spec's loose words listed below,")
    w("   with every uncertain mention counted and not counted, and (when the age comes only from a date of birth) at age")
    w("   -1/+1. Otherwise the scenario is redrawn.")
    w("5. The letter is built from segments, so every evidence and distractor string is recorded exactly as it appears.")
    w("6. Light noise (spelling slips; OCR swaps such as l/1, rn/m, e/c) is applied to filler text only in %d letters." % sum(1 for m in metas if m["noise"]))
    w("")
    w("Loose readings the set is built to be immune to (the validator re-checks all of them):")
    w("- upper abdominal / epigastric pain counted as 'abdominal pain' (U8, A1, O6) or not;")
    w("- bloody diarrhoea counted as 'rectal bleeding' and/or 'change in bowel habit' (U8, O6) or not;")
    w("- reflux counted as 'dyspepsia' for treatment-resistant dyspepsia (O1) or not;")
    w("- A1's 'no other fact above' read as 'no earlier rule matched' or as 'no other clinical fact present at all';")
    w("- A3's 'no symptoms' read narrowly (symptoms) or broadly (also abnormal results, known disease);")
    w("- hedged mentions ('? blood', 'possibly', 'unable to say') counted as present or absent;")
    w("- age from date of birth and letter date (UK formats) off by one year.")
    w("Scenarios that are avoided altogether: anal ulceration ('unexplained'), coffee-ground vomit, globus, imaging-only masses,")
    w("FIT results from the past, GORD in a problem list, PPI trials of 'about a month', 'positive' FIT without a number,")
    w("age under 50 with rectal bleeding plus pain/bloating/CIBH and FIT < 10 (A1 vs O6 depends on reading).\n")
    w("## Counts\n")
    w("Urgency (spec target 30/15/35/20%):\n")
    w("| urgency | letters |\n| --- | --- |")
    for u in ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]:
        w("| %s | %d |" % (u, urg[u]))
    w("\nPathway:\n")
    w("| pathway | letters |\n| --- | --- |")
    for p in ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]:
        w("| %s | %d |" % (p, path[p]))
    w("\nRule:\n")
    w("| rule | urgency | pathway | letters |\n| --- | --- | --- | --- |")
    for r in RULE_IDS:
        w("| %s | %s | %s | %d |" % (r, RULE_LABEL[r][0], RULE_LABEL[r][1], rule[r]))
    w("\nLayouts / writers (%d styles; %d plain, well-written GP letters):\n" % (len(style), sum(1 for m in metas if m["plain_gp_letter"])))
    w("| style | letters | description |\n| --- | --- | --- |")
    for sname in STYLES:
        w("| %s | %d | %s |" % (sname, style[sname], STYLE_DESC[sname]))
    w("\nOther facts about the set:\n")
    w("- GP's requested priority disagrees with the rules in %d letters (over-asking %d, under-asking %d); no priority stated in %d." % (n_dis, over, under, nulls))
    w("- Ages %d-%d; age given only through date of birth and letter date in %d letters." % (min(ages), max(ages), dob))
    w("- Letter length %d to %d characters (median %d)." % (lens[0], lens[-1], lens[len(lens) // 2]))
    w("- Distractors by kind: %s." % ", ".join("%s %d" % (k, v) for k, v in sorted(dk.items())))
    w("")
    w("## Second pass\n")
    sp = os.path.join(HERE, "second_pass.tsv")
    if os.path.exists(sp):
        lines = [l.rstrip("\n").split("\t") for l in open(sp, encoding="utf-8") if l.strip()]
        head, rows = lines[0], lines[1:]
        ag = head.index("agreement")
        prob = head.index("text_problem_found_on_reading")
        n_agree = sum(1 for r in rows if r[ag] == "agree")
        n_prob = sum(1 for r in rows if r[prob] not in ("", "-"))
        w("50 ids were drawn with `random.Random('letters14-second-pass').sample(range(1, 301), 50)`. For each, only the")
        w("letter text was printed (no labels, style or meta) and labelled by hand from the spec; the hand label and the")
        w("reasoning are in `second_pass.tsv` next to the set's label. The 50 were read three times: on an early build,")
        w("after the fixes that reading prompted, and on the final build (the file records the final reading).")
        w("")
        w("- Label agreement on the final build: %d of %d (no label disagreements at any of the three readings)." % (n_agree, len(rows)))
        w("- Text problems found while reading: %d letters (none changed a label). They were wording and realism slips:" % n_prob)
        w("  a referral with no stated reason (D scenario with only a normal ALT), durations or pain sites that differed")
        w("  between a summary box and the body, filler that contradicted the case (apixaban at 19, 'never referred to")
        w("  gastroenterology' in known Crohn's, a normal ultrasound in known cirrhosis), a suprapubic 'mass' in an old man.")
        w("  Each fix was made in the generator (column `fix`), the whole set regenerated and re-validated.")
        w("- Found in other letters while checking the fixes, and fixed the same way: a FIT written 'positive (7)' (a")
        w("  value below 10 called positive; the validator now rejects polarity words that contradict a FIT or tTG value),")
        w("  'Family history is nil of note' next to a relative's coeliac disease, 'Miss ... her husband'.")
        w("- After the final reading, six of the 50 (L14-0117, -0193, -0221, -0252, -0286, -0288) changed only in filler")
        w("  wording ('nil of note', a reworded request sentence); checked by diff, no fact or label text changed.")
        w("- Caveat: while debugging, earlier builds of a few of these ids (L14-0024, -0028, -0034, -0043, -0135, -0274)")
        w("  had been looked at with their labels, so those six readings were not fully blind.")
    else:
        w("(not yet done)")
    w("\n## Validate\n")
    w("    python3 validate_set.py          # labels, readings, evidence, mix, sha256")
    w("    python3 validate_set.py --rerun  # also regenerate in a temp dir and compare bytes")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
