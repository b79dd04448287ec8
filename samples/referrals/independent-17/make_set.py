#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters17".

300 synthetic gastroenterology referral letters labelled by the rules in
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
Python 3 standard library only.  Every random choice is seeded from strings
(sha256), so a rerun writes byte-identical files.

Usage: python3 make_set.py [--out DIR]
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import re
import random
from collections import Counter, defaultdict

SEED = "letters17/v1"


def H(s):
    return int.from_bytes(hashlib.sha256(s.encode("utf-8")).digest()[:8], "big")


def R(*parts):
    return random.Random(H(SEED + "|" + "|".join(str(p) for p in parts)))


def cap(s):
    return s[:1].upper() + s[1:] if s else s


# --------------------------------------------------------------------------
# people, places
# --------------------------------------------------------------------------
M_FIRST = ["James", "Robert", "David", "Peter", "Michael", "Stephen", "Mohammed", "Tariq", "Graham",
           "Kevin", "Daniel", "Thomas", "Wojciech", "Sanjay", "Ian", "Alan", "Gareth", "Callum",
           "Oluwaseun", "Kwame", "Hamish", "Declan", "Rhys", "Arjun", "Ahmed", "Colin", "Derek",
           "Leon", "Stuart", "Marek", "Brian", "Owen", "Imran", "Terence", "Neil", "Liam"]
F_FIRST = ["Margaret", "Susan", "Patricia", "Helen", "Aisha", "Priya", "Joanne", "Emma", "Chloe",
           "Fatima", "Agnieszka", "Siobhan", "Bethan", "Morag", "Jean", "Doreen", "Linda", "Sophie",
           "Hannah", "Grace", "Nkechi", "Amina", "Zofia", "Kirsty", "Rachel", "Megan", "Anne",
           "Eileen", "Yasmin", "Rosa", "Brenda", "Shabana", "Carol", "Lucy", "Gwen", "Maureen"]
SURNAMES = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
            "Roberts", "Johnson", "Khan", "Patel", "Ahmed", "Hughes", "Edwards", "Green", "Hall",
            "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke", "Turner", "Hill", "Scott",
            "Cooper", "Morris", "Ward", "Moore", "King", "Watson", "Baker", "Harrison", "Morgan",
            "Kaur", "Singh", "Begum", "Nowak", "Kowalski", "O'Neill", "Murphy", "MacDonald",
            "Campbell", "Stewart", "Okafor", "Mensah", "Ali", "Hussain", "Reid", "Fraser",
            "Pritchard", "Llewellyn", "Bevan", "Price", "Chowdhury", "Doyle", "Gallagher", "Shah",
            "Adeyemi", "Rahman", "Sutherland", "Fairbairn", "Whitworth", "Ellison", "Quinn"]
PLACES = ["Millbrook", "Castle Street", "The Willows", "Riverside", "Abbey Lane", "Northfield",
          "Oakwood", "Station Road", "Harbour View", "Meadowbank", "St Luke's", "Priory",
          "Westgate", "Kingsway", "Elm Tree", "Brookside", "Hillcrest", "Market Square",
          "Thornbury", "Fenwick", "Ashgrove", "Larkfield", "Bridge End", "Canal Side", "Cedar House",
          "Moorlands", "Greenhill", "Victoria Park", "Holly Bank", "Wyndham", "Cross Keys",
          "Old Mill", "Parkside", "Seaview", "Beacon", "Linden", "Orchard", "Marlowe", "Foxhall"]
PRACTICE_TYPES = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice",
                  "Group Practice"]
HOSPITALS = ["Northgate General Hospital", "St Aidan's Hospital", "Riverside University Hospital",
             "Kingsmead Hospital", "Royal Ashby Infirmary", "Westmoor District General Hospital",
             "Queen's Park Hospital", "Calder Valley Hospital"]
TOWNS = ["Ashby", "Kingsmead", "Calderbridge", "Northgate", "Westmoor", "Fenby", "Thornley", "Harbridge"]
POSTCODES = ["AB1 2CD", "NG7 4RT", "LS9 3QP", "CF14 5HT", "EH11 2LX", "M20 6BN", "B15 1TT", "S10 2GH",
             "BS6 7PL", "PL4 8AA", "YO31 9JD", "L18 3EX"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]

NUM_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
             9: "nine", 10: "ten", 12: "twelve", 14: "fourteen", 16: "sixteen"}


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


def fmt_date(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 2:
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == 3:
        return "%02d-%s-%d" % (d.day, MON3[d.month - 1], d.year)
    if style == 4:
        return "%02d.%02d.%d" % (d.day, d.month, d.year)
    return d.isoformat()


def nhs_number(rng):
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        if digits[0] == 0:
            continue
        s = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, digits)) + str(c)
        return "%s %s %s" % (n[:3], n[3:6], n[6:])


def chi_number(rng, dob, sex):
    while True:
        mid = [rng.randint(0, 9) for _ in range(2)]
        d9 = rng.choice([1, 3, 5, 7, 9] if sex == "M" else [0, 2, 4, 6, 8])
        digits = [int(x) for x in dob.strftime("%d%m%y")] + mid + [d9]
        s = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, digits)) + str(c)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def kg_to_st(kg):
    lb = int(round(kg * 2.20462))
    return "%dst %dlb" % (lb // 14, lb % 14)


def pron(sex):
    if sex == "M":
        return dict(he="he", He="He", his="his", His="His", him="him", man="man", Man="Man",
                    gent="gentleman", mw="man", MW="Man", hs="husband", sd="son", M="M")
    return dict(he="she", He="She", his="her", His="Her", him="her", man="woman", Man="Woman",
                gent="lady", mw="woman", MW="Woman", hs="wife", sd="daughter", M="F")

# --------------------------------------------------------------------------
# the facts of one letter
# --------------------------------------------------------------------------
SYMPTOM_KEYS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "abdominal_pain", "dyspepsia",
                "reflux", "rectal_bleeding", "change_in_bowel_habit", "bloating", "bloody_diarrhoea",
                "haematemesis", "jaundice", "confusion"]
EXAM_KEYS = ["abdominal_mass", "rectal_mass", "anal_mass", "anal_ulceration", "ascites"]


def blank_facts(sex, age):
    f = dict(sex=sex, age=age, pregnant=False)
    for k in SYMPTOM_KEYS + EXAM_KEYS:
        f[k] = False
    f.update(abdominal_pain_site=None, ppi_weeks=None, known_cirrhosis=False, known_ibd=False,
             ibd_type=None, ibd_stable=False, management_question=False, fh_crc=False,
             fatty_liver_imaging=None, coeliac_serology=None, ttg=None, hb=None, ferritin=None,
             fit=None, fit_reported=None, calprotectin=None, calprotectin_reported=None, alt=None,
             other_symptoms=[])
    return f


def fit_low(f):
    return f["fit"] is not None and f["fit"] < 10


def classify(f, strict_a1=True):
    """The spec's rule table, first match wins.  Returns the rule id."""
    age = f["age"]
    pain = f["upper_abdominal_pain"] or f["abdominal_pain"]
    anaemia = f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    cal = f["calprotectin"]
    alt = f["alt"]
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulceration"]:
        return "U2"
    if f["fit"] is not None and f["fit"] >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_abdominal_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if f["fit"] is None and ((age >= 50 and f["rectal_bleeding"]) or (age >= 40 and f["weight_loss"] and pain)
                             or (age >= 60 and f["change_in_bowel_habit"])):
        return "U8"
    if f["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and f["dyspepsia"] and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["management_question"]:
        return "O3"
    if f["coeliac_serology"] == "positive":
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"] is True:
        return "O5"
    if age < 50 and (pain or f["bloating"] or f["change_in_bowel_habit"]) and \
            ((cal is not None and cal < 100) or fit_low(f)) and not (strict_a1 and other_fact_for_a1(f)):
        return "A1"
    if (f["rectal_bleeding"] or f["change_in_bowel_habit"] or pain) and fit_low(f):
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    if f["fh_crc"] and not any_symptom(f):
        return "A3"
    return "D"


def other_fact_for_a1(f):
    """Strict reading of A1's 'no other fact above': any other positive finding at all."""
    anaemia = f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    return any([f["dysphagia"], f["rectal_mass"], f["anal_mass"], f["anal_ulceration"], anaemia, irondef,
                f["weight_loss"], f["abdominal_mass"], f["jaundice"], f["rectal_bleeding"],
                f["bloody_diarrhoea"], f["known_cirrhosis"], f["ascites"], f["confusion"],
                f["alt"] is not None, f["haematemesis"], f["dyspepsia"], f["reflux"], f["known_ibd"],
                f["coeliac_serology"] == "positive", f["fatty_liver_imaging"] is True, f["fh_crc"],
                f["ppi_weeks"] is not None, bool(f["other_symptoms"])])


def any_symptom(f):
    return any(f[k] for k in SYMPTOM_KEYS + EXAM_KEYS) or bool(f["other_symptoms"])


LABELS = {"U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
          "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
          "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
          "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
          "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
          "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
          "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"),
          "A1": ("advice_and_guidance", "general_gi"), "O6": ("routine", "general_gi"),
          "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
          "D": ("routine", "general_gi")}


def ambiguity_problems(f):
    """Scenarios whose label would turn on how a loose word is read are not allowed."""
    p = []
    age = f["age"]
    if f["bloody_diarrhoea"] and f["fit"] is None and age >= 50:
        p.append("bloody diarrhoea read as rectal bleeding/CIBH for U8")
    if f["weight_loss"] and f["fit"] is None and 40 <= age < 55 and not f["abdominal_pain"] and \
            (f["upper_abdominal_pain"] or f["dyspepsia"] or f["reflux"]):
        p.append("dyspepsia read as abdominal pain for U8")
    if f["weight_loss"] and age >= 55 and f["abdominal_pain"] and f["abdominal_pain_site"] != "lower":
        p.append("abdominal pain of unstated site with weight loss (U5 or U8)")
    if f["abdominal_pain"] and f["abdominal_pain_site"] not in ("lower", "generic"):
        p.append("abdominal pain without site")
    if f["upper_abdominal_pain"] and not (f["dyspepsia"] or f["reflux"]) and age < 55 and \
            classify(f) in ("A2", "D"):
        p.append("epigastric pain read as dyspepsia for A2")
    if f["reflux"] and not f["dyspepsia"] and f["ppi_weeks"] is not None and age >= 55:
        p.append("reflux read as dyspepsia for O1")
    if f["ppi_weeks"] is not None and 2 < f["ppi_weeks"] < 4:
        p.append("PPI duration near 4 weeks")
    if f["jaundice"] and age < 40 and classify(f) not in ("U1", "U2", "U3", "U4", "R2"):
        p.append("jaundice under 40 falling to a late rule")
    if f["hb"] is not None and f["pregnant"]:
        p.append("Hb in pregnancy")
    r = classify(f)
    if r != classify(f, strict_a1=False):
        p.append("A1 'no other fact above' reading decides")
    if r == "A1" and (f["fh_crc"] or f["alt"] is not None):
        p.append("A1 with other facts")
    if r == "A3" and f["other_symptoms"]:
        p.append("A3 with a symptom")
    if r == "O3" and any_symptom(f):
        p.append("O3 with symptoms")
    return p


# --------------------------------------------------------------------------
# scenario builders: one list of variants per rule
# --------------------------------------------------------------------------
def set_fit_low(f, rng):
    rep, val = rng.choice([("<4", 3), ("<4", 3), ("undetectable", 0), ("negative", 0), ("6", 6),
                           ("8", 8), ("4", 4), ("9", 9)])
    f["fit"], f["fit_reported"] = val, rep


def set_fit(f, v, rep=None):
    f["fit"], f["fit_reported"] = v, rep if rep is not None else str(v)


def set_cal(f, v, rep=None):
    f["calprotectin"], f["calprotectin_reported"] = v, rep if rep is not None else str(v)


def hb_normal(f, rng):
    f["hb"] = rng.randint(136, 162) if f["sex"] == "M" else rng.randint(124, 148)


def set_ida(f, rng, hb=None, fer=None):
    if hb is None:
        hb = rng.randint(88, 124) if f["sex"] == "M" else rng.randint(84, 114)
    f["hb"] = hb
    f["ferritin"] = fer if fer is not None else rng.choice([4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 21])


def pain(f, site="lower"):
    f["abdominal_pain"] = True
    f["abdominal_pain_site"] = site


def mk(sex, age, **kw):
    f = blank_facts(sex, age)
    extra = kw.pop("extra", {})
    f.update(kw)
    return f, extra


def V(rng, lo, hi):
    return rng.randint(lo, hi)


def sx(rng, want=None):
    return want or rng.choice("MF")


def u1(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "old":
        v = 6
    if v == 0:
        f, e = mk(s, V(rng, 60, 86), dysphagia=True, weight_loss=True)
    elif v == 1:
        f, e = mk(s, V(rng, 22, 44), dysphagia=True)
    elif v == 2:
        f, e = mk(s, V(rng, 55, 80), dysphagia=True, reflux=True)
    elif v == 3:
        f, e = mk(s, V(rng, 50, 80), dysphagia=True, change_in_bowel_habit=True)
        set_fit(f, rng.choice([23, 38, 56, 80]))
    elif v == 4:
        f, e = mk(s, V(rng, 55, 85), dysphagia=True)
        set_ida(f, rng)
    elif v == 5:
        f, e = mk(s, V(rng, 40, 70), dysphagia=True, upper_abdominal_pain=True, dyspepsia=True)
    else:
        f, e = mk(s, V(rng, 78, 94), dysphagia=True, weight_loss=True)
    return f, e


def u2(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "anal_ulcer":
        v = 3
    if hint == "gynae":
        s, v = "F", 5
    if v == 0:
        f, e = mk(s, V(rng, 55, 85), rectal_mass=True, rectal_bleeding=True)
    elif v == 1:
        f, e = mk(s, V(rng, 50, 80), rectal_mass=True, change_in_bowel_habit=True)
        set_fit_low(f, rng)
    elif v == 2:
        f, e = mk(s, V(rng, 45, 80), anal_mass=True)
    elif v == 3:
        f, e = mk(s, V(rng, 28, 58), anal_ulceration=True)
    elif v == 4:
        f, e = mk(s, V(rng, 60, 85), rectal_mass=True, rectal_bleeding=True)
        set_fit(f, rng.choice([180, 240, 312]))
    else:
        f, e = mk(s, V(rng, 45, 70), rectal_mass=True)
    return f, e


def u3(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "young":
        v = 4
    if v == 0:
        f, e = mk(s, V(rng, 45, 75), change_in_bowel_habit=True)
        set_fit(f, 10)
    elif v == 1:
        f, e = mk(s, V(rng, 35, 80), rectal_bleeding=True)
        set_fit(f, rng.choice([14, 17, 22, 31, 39]))
    elif v == 2:
        f, e = mk(s, V(rng, 55, 85), change_in_bowel_habit=True)
        pain(f, rng.choice(["lower", "generic"]))
        set_fit(f, rng.choice([54, 87, 112, 150]))
    elif v == 3:
        f, e = mk(s, V(rng, 60, 88), change_in_bowel_habit=True)
        set_fit(f, 401, ">400")
    elif v == 4:
        f, e = mk(s, V(rng, 24, 44))
        pain(f, rng.choice(["lower", "generic"]))
        set_fit(f, rng.choice([11, 13, 16, 28]))
    elif v == 5:
        f, e = mk(s, V(rng, 30, 60), change_in_bowel_habit=True)
        set_fit(f, rng.choice([26, 48, 95]))
        set_cal(f, rng.choice([310, 540, 880]))
    elif v == 6:
        f, e = mk(s, V(rng, 60, 80), weight_loss=True, dyspepsia=True)
        set_fit(f, rng.choice([19, 25, 33]))
    elif v == 7:
        f, e = mk(s, V(rng, 50, 70), change_in_bowel_habit=True, alt=rng.choice([72, 85, 118]))
        set_fit(f, rng.choice([18, 21]))
    else:
        f, e = mk(s, V(rng, 70, 90), rectal_bleeding=True)
        set_fit(f, rng.choice([64, 72, 205]))
    return f, e


def u4(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "young_f":
        s, v = "F", 0
    if hint in ("haem", "cardio"):
        v = rng.choice([1, 3]) if hint == "haem" else 1
    if v == 0:
        s = "F"
        f, e = mk(s, V(rng, 22, 44))
        set_ida(f, rng, hb=V(rng, 92, 116))
        e["menorrhagia"] = True
    elif v == 1:
        s = sex or "M"
        f, e = mk(s, V(rng, 50, 86))
        set_ida(f, rng)
    elif v == 2:
        s = "M"
        f, e = mk(s, V(rng, 45, 80))
        set_ida(f, rng, hb=rng.choice([126, 127, 128, 129]), fer=rng.choice([12, 18, 24, 29]))
    elif v == 3:
        f, e = mk(s, V(rng, 55, 85), change_in_bowel_habit=True)
        set_ida(f, rng)
        set_fit_low(f, rng)
    elif v == 4:
        f, e = mk(s, V(rng, 20, 48), bloating=True, coeliac_serology="positive", ttg=rng.choice([45, 88, 128]))
        set_ida(f, rng)
    else:
        f, e = mk(s, V(rng, 40, 80))
        set_ida(f, rng)
        e["hb_gdl"] = True
    return f, e


def u5(v, rng, sex, hint):
    s = sx(rng, sex)
    age = V(rng, 55, 90)
    if v == 0:
        f, e = mk(s, age, weight_loss=True, upper_abdominal_pain=True)
    elif v == 1:
        f, e = mk(s, age, weight_loss=True, dyspepsia=True)
    elif v == 2:
        f, e = mk(s, age, weight_loss=True, reflux=True)
    elif v == 3:
        f, e = mk(s, age, weight_loss=True, upper_abdominal_pain=True)
        set_fit_low(f, rng)
    else:
        f, e = mk(s, age, weight_loss=True, dyspepsia=True, ppi_weeks=rng.choice([8, 12]))
    return f, e


def u6(v, rng, sex, hint):
    s = sx(rng, sex)
    if v == 0:
        f, e = mk(s, V(rng, 50, 82), abdominal_mass=True)
        set_fit_low(f, rng)
    elif v == 1:
        f, e = mk(s, V(rng, 45, 80), abdominal_mass=True, alt=rng.choice([64, 77, 140]))
    elif v == 2:
        f, e = mk(s, V(rng, 45, 59), abdominal_mass=True, change_in_bowel_habit=True)
    else:
        f, e = mk(s, V(rng, 55, 88), abdominal_mass=True)
    return f, e


def u7(v, rng, sex, hint):
    s = sx(rng, sex)
    if v == 0:
        f, e = mk(s, V(rng, 45, 88), jaundice=True, other_symptoms=["itch", "dark urine"])
    elif v == 1:
        f, e = mk(s, V(rng, 40, 80), jaundice=True, alt=rng.choice([340, 412, 655]))
    elif v == 2:
        f, e = mk(s, V(rng, 50, 72), jaundice=True, known_cirrhosis=True, ascites=True)
    else:
        f, e = mk(s, V(rng, 40, 90), jaundice=True, weight_loss=True)
    return f, e


def u8(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "wl_pain":
        v = 1
    if v == 0:
        f, e = mk(s, V(rng, 50, 85), rectal_bleeding=True)
    elif v == 1:
        f, e = mk(s, V(rng, 40, 72), weight_loss=True)
        pain(f, "lower")
    elif v == 2:
        f, e = mk(s, V(rng, 60, 90), change_in_bowel_habit=True)
    elif v == 3:
        f, e = mk(s, V(rng, 60, 85), change_in_bowel_habit=True)
        set_cal(f, rng.choice([35, 62, 88]))
    elif v == 4:
        f, e = mk(s, V(rng, 55, 78), rectal_bleeding=True, change_in_bowel_habit=True)
    else:
        f, e = mk(s, rng.choice([50, 51, 52, 53]), rectal_bleeding=True, bloating=True)
    e["fit_pending"] = rng.choice(["awaited", "declined", "not returned", "kit given", "awaited"])
    return f, e


def r1(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "preg":
        s, v = "F", 0
    if v == 0:
        f, e = mk(s, V(rng, 19, 39), bloody_diarrhoea=True)
        if rng.random() < 0.5:
            f["weight_loss"] = True
    elif v == 1:
        f, e = mk(s, V(rng, 18, 49), bloody_diarrhoea=True)
        set_cal(f, rng.choice([420, 760, 1250, ">1800"]) if False else rng.choice([420, 760, 1250]))
    elif v == 2:
        f, e = mk(s, V(rng, 18, 49), change_in_bowel_habit=True)
        set_cal(f, 250)
    elif v == 3:
        f, e = mk(s, V(rng, 18, 39), change_in_bowel_habit=True, weight_loss=True)
        pain(f, rng.choice(["lower", "generic"]))
        set_cal(f, rng.choice([310, 480, 920]))
    elif v == 4:
        f, e = mk(s, V(rng, 20, 49), bloody_diarrhoea=True, known_ibd=True, ibd_type="UC")
    elif v == 5:
        f, e = mk(s, V(rng, 20, 55), known_ibd=True, ibd_type="Crohn's")
        pain(f, "lower")
        set_cal(f, rng.choice([380, 650, 1100]))
    else:
        f, e = mk(s, V(rng, 60, 80), change_in_bowel_habit=True)
        set_fit_low(f, rng)
        set_cal(f, rng.choice([290, 360, 700]))
    return f, e


def r2(v, rng, sex, hint):
    s = sx(rng, sex)
    v = {"cirr_confusion": 1, "cirr_ascites": 0, "alt": 4}.get(hint, v)
    if v == 0:
        f, e = mk(s, V(rng, 40, 76), known_cirrhosis=True, ascites=True)
    elif v == 1:
        f, e = mk(s, V(rng, 40, 75), known_cirrhosis=True, confusion=True)
    elif v == 2:
        f, e = mk(s, V(rng, 25, 70), alt=300)
    elif v == 3:
        f, e = mk(s, V(rng, 19, 38), alt=rng.choice([520, 880, 1460]), jaundice=True)
    else:
        f, e = mk(s, V(rng, 40, 80), alt=rng.choice([345, 420, 690]))
    return f, e


def r3(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "preg":
        s, v = "F", 0
    if v == 0:
        f, e = mk(s, V(rng, 18, 50), haematemesis=True)
    elif v == 1:
        f, e = mk(s, V(rng, 25, 54), haematemesis=True, dyspepsia=True)
    elif v == 2:
        f, e = mk(s, V(rng, 55, 80), haematemesis=True, dyspepsia=True, ppi_weeks=rng.choice([6, 8, 10]))
    elif v == 3:
        f, e = mk(s, V(rng, 30, 60), haematemesis=True, alt=rng.choice([88, 96, 134]))
    else:
        f, e = mk(s, V(rng, 55, 85), haematemesis=True)
    return f, e


def o1(v, rng, sex, hint):
    s = sx(rng, sex)
    age = V(rng, 55, 88)
    wk = [4, 6, 8, 12, 16][v % 5]
    if v == 0:
        age = 55
    f, e = mk(s, age, dyspepsia=True, ppi_weeks=wk)
    if v == 1:
        f["reflux"] = True
    if v == 2:
        f["alt"] = rng.choice([48, 61, 77])
    if v == 3:
        f["upper_abdominal_pain"] = True
    return f, e


def o2(v, rng, sex, hint):
    s = sx(rng, sex)
    if v == 0:
        f, e = mk(s, V(rng, 18, 49), change_in_bowel_habit=True)
        set_cal(f, 100)
    elif v == 1:
        f, e = mk(s, V(rng, 18, 59))
        pain(f, rng.choice(["lower", "generic"]))
        set_cal(f, rng.choice([124, 168, 212, 238]))
    elif v == 2:
        f, e = mk(s, V(rng, 18, 49), change_in_bowel_habit=True)
        set_cal(f, rng.choice([152, 190, 226]))
        set_fit_low(f, rng)
    elif v == 3:
        f, e = mk(s, V(rng, 25, 70), known_ibd=True, ibd_type=rng.choice(["UC", "Crohn's"]), ibd_stable=True,
                  management_question=True)
        set_cal(f, rng.choice([140, 176, 205]))
    elif v == 4:
        f, e = mk(s, V(rng, 20, 45), bloating=True, coeliac_serology="positive", ttg=rng.choice([32, 64]))
        set_cal(f, 249)
    else:
        f, e = mk(s, V(rng, 60, 75), change_in_bowel_habit=True)
        set_fit_low(f, rng)
        set_cal(f, rng.choice([118, 135, 199]))
    return f, e


def o3(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "preg":
        s = "F"
        f, e = mk(s, V(rng, 24, 40), known_ibd=True, ibd_type=rng.choice(["UC", "Crohn's"]), ibd_stable=True,
                  management_question=True, pregnant=True)
        e["mq"] = "pregnancy"
        return f, e
    f, e = mk(s, V(rng, 19, 80), known_ibd=True, ibd_type=rng.choice(["UC", "Crohn's", "UC"]), ibd_stable=True,
              management_question=True)
    if v % 2 == 0:
        set_cal(f, rng.choice([18, 34, 52, 76, 99]), None)
        if rng.random() < 0.3:
            set_cal(f, 19, "<20")
    return f, e


def o4(v, rng, sex, hint):
    s = sx(rng, sex)
    ttg = rng.choice([24, 41, 87, 128, 200])
    if v == 0:
        f, e = mk(s, V(rng, 18, 49), bloating=True, coeliac_serology="positive", ttg=ttg)
        set_fit_low(f, rng)
    elif v == 1:
        f, e = mk(s, V(rng, 20, 70), coeliac_serology="positive", ttg=ttg, alt=rng.choice([52, 58, 66]))
    elif v == 2:
        f, e = mk(s, V(rng, 18, 59), change_in_bowel_habit=True, coeliac_serology="positive", ttg=ttg)
    elif v == 3:
        f, e = mk(s, V(rng, 20, 60), coeliac_serology="positive", ttg=ttg, ferritin=rng.choice([11, 16, 22]))
        hb_normal(f, rng)
    elif v == 4:
        f, e = mk(s, V(rng, 18, 75), coeliac_serology="positive", ttg=ttg, other_symptoms=["tiredness"])
    else:
        f, e = mk(s, V(rng, 60, 75), change_in_bowel_habit=True, coeliac_serology="positive", ttg=ttg)
        set_fit_low(f, rng)
    return f, e


def o5(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "hepC":
        s = sex or "M"
        return mk(s, V(rng, 24, 55), alt=rng.choice([88, 112, 146]), extra={"context": "hepC"})
    if hint == "hepB":
        return mk(s, V(rng, 22, 50), alt=rng.choice([68, 85, 104]), extra={"context": "hepB"})
    if hint == "rheum":
        return mk(s, V(rng, 35, 75), alt=rng.choice([96, 150, 188]), extra={"context": "methotrexate"})
    if hint == "preg":
        return mk("F", V(rng, 22, 40), alt=rng.choice([74, 95, 126]), pregnant=True)
    if v == 0:
        f, e = mk(s, V(rng, 30, 75), fatty_liver_imaging=True, alt=rng.choice([44, 58, 73, 90]))
    elif v == 1:
        f, e = mk(s, V(rng, 25, 80), alt=40)
    elif v == 2:
        f, e = mk(s, V(rng, 25, 80), alt=299)
    elif v == 3:
        f, e = mk(s, V(rng, 35, 78), fatty_liver_imaging=True, alt=rng.choice([22, 28, 31]))
    elif v == 4:
        f, e = mk(s, V(rng, 30, 70), alt=rng.choice([76, 84, 102]), extra={"superseded_alt": rng.choice([380, 420, 515])})
    elif v == 5:
        f, e = mk(s, V(rng, 45, 78), known_cirrhosis=True, alt=rng.choice([55, 68, 82]))
    else:
        f, e = mk(s, V(rng, 25, 80), alt=rng.choice([46, 63, 118, 164, 230]))
    return f, e


def o6(v, rng, sex, hint):
    s = sx(rng, sex)
    if v == 0:
        f, e = mk(s, V(rng, 50, 85), rectal_bleeding=True)
    elif v == 1:
        f, e = mk(s, V(rng, 60, 90), change_in_bowel_habit=True)
    elif v == 2:
        f, e = mk(s, V(rng, 50, 54), weight_loss=True)
        pain(f, "lower")
    elif v == 3:
        f, e = mk(s, V(rng, 19, 49), rectal_bleeding=True)
    elif v == 4:
        f, e = mk(s, V(rng, 50, 75), bloating=True)
        pain(f, rng.choice(["lower", "generic"]))
    elif v == 5:
        f, e = mk(s, V(rng, 55, 80), rectal_bleeding=True, change_in_bowel_habit=True)
    else:
        f, e = mk(s, V(rng, 60, 80), change_in_bowel_habit=True)
        set_cal(f, rng.choice([28, 45, 60]))
    set_fit_low(f, rng)
    return f, e


def a1(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "gynae":
        s = "F"
    age = V(rng, 18, 49)
    combos = [("abdominal_pain",), ("bloating",), ("change_in_bowel_habit",), ("abdominal_pain", "bloating"),
              ("abdominal_pain", "change_in_bowel_habit"), ("bloating", "change_in_bowel_habit"),
              ("abdominal_pain", "bloating", "change_in_bowel_habit")]
    f, e = mk(s, age)
    for k in combos[v % len(combos)]:
        if k == "abdominal_pain":
            pain(f, rng.choice(["lower", "generic"]))
        else:
            f[k] = True
    t = v % 4
    if t == 0:
        set_cal(f, rng.choice([22, 38, 47, 65, 99]))
    elif t == 1:
        set_fit_low(f, rng)
    elif t == 2:
        set_cal(f, rng.choice([19, 30, 54]), None)
        set_fit_low(f, rng)
    else:
        set_fit(f, 9) if rng.random() < 0.5 else set_cal(f, 99)
    return f, e


def a2(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "preg":
        return mk("F", V(rng, 22, 40), reflux=True, pregnant=True)
    if v == 0:
        f, e = mk(s, V(rng, 18, 54), reflux=True)
    elif v == 1:
        f, e = mk(s, V(rng, 50, 54), dyspepsia=True, ppi_weeks=rng.choice([8, 12, 16]))
    elif v == 2:
        f, e = mk(s, 54, dyspepsia=True)
    elif v == 3:
        f, e = mk(s, V(rng, 25, 50), dyspepsia=True, upper_abdominal_pain=True)
    else:
        f, e = mk(s, V(rng, 18, 54), dyspepsia=True, reflux=True)
    return f, e


def a3(v, rng, sex, hint):
    s = sx(rng, sex)
    return mk(s, V(rng, 25, 74), fh_crc=True)


def d_(v, rng, sex, hint):
    s = sx(rng, sex)
    if hint == "young_bleed":
        v = 2
    if v == 0:
        f, e = mk(s, V(rng, 56, 80), dyspepsia=True)
        if rng.random() < 0.5:
            f["ppi_weeks"] = rng.choice([1, 2])
    elif v == 1:
        f, e = mk(s, V(rng, 18, 49), bloating=True)
        if rng.random() < 0.5:
            pain(f, "generic")
    elif v == 2:
        f, e = mk(s, V(rng, 18, 49), rectal_bleeding=True)
    elif v == 3:
        f, e = mk(s, V(rng, 50, 59), change_in_bowel_habit=True)
    elif v == 4:
        f, e = mk(s, V(rng, 30, 80), ferritin=rng.choice([85, 140, 210]))
        f["hb"] = rng.randint(104, 125) if s == "M" else rng.randint(98, 115)
    elif v == 5:
        f, e = mk(s, V(rng, 20, 60), ferritin=rng.choice([9, 14, 22]))
        hb_normal(f, rng)
    elif v == 6:
        f, e = mk(s, V(rng, 40, 49), weight_loss=True)
    elif v == 7:
        f, e = mk(s, V(rng, 18, 49), other_symptoms=["nausea"])
    elif v == 8:
        f, e = mk(s, V(rng, 25, 45), bloating=True, fh_crc=True)
    else:
        f, e = mk(s, V(rng, 60, 80))
        pain(f, "lower")
    return f, e


BUILDERS = {"U1": (u1, 7), "U2": (u2, 6), "U3": (u3, 9), "U4": (u4, 6), "U5": (u5, 5), "U6": (u6, 4),
            "U7": (u7, 4), "U8": (u8, 6), "R1": (r1, 7), "R2": (r2, 5), "R3": (r3, 5), "O1": (o1, 5),
            "O2": (o2, 6), "O3": (o3, 4), "O4": (o4, 6), "O5": (o5, 7), "O6": (o6, 7), "A1": (a1, 14),
            "A2": (a2, 5), "A3": (a3, 1), "D": (d_, 10)}
RULE_COUNTS = {"U1": 14, "U2": 7, "U3": 18, "U4": 14, "U5": 10, "U6": 6, "U7": 8, "U8": 13,
               "R1": 22, "R2": 12, "R3": 11,
               "O1": 12, "O2": 14, "O4": 12, "O5": 22, "O6": 25, "D": 20,
               "O3": 16, "A1": 20, "A2": 16, "A3": 8}


# --------------------------------------------------------------------------
# wording pools for facts (positive, negated) - evidence strings never end in a full stop
# --------------------------------------------------------------------------
SYM = {
    "dysphagia": dict(
        label=["Dysphagia", "Difficulty swallowing", "Swallowing difficulty"],
        sent=["{He} has had difficulty swallowing solids {when}",
              "{He} describes food sticking behind the lower breastbone, worse with bread and meat, {when}",
              "{He} now cuts {his} food into small pieces because it sticks on the way down",
              "{He} reports progressive dysphagia, first to solids and now to soft food as well",
              "food has been getting stuck in {his} gullet {when}, and {he} sometimes has to bring it back up"],
        note=["dysphagia to solids {ds}", "food sticking retrosternally {ds}", "progressive dysphagia {ds}",
              "difficulty swallowing {ds}"],
        comment=["solids > liquids", "points to lower sternum", "progressive", "meat and bread stick"],
        neg_sent=["{He} has no difficulty swallowing", "{He} denies any dysphagia", "{His} swallowing is normal"],
        neg_note=["no dysphagia", "nil dysphagia", "swallowing normal"]),
    "weight_loss": dict(
        label=["Weight loss", "Wt loss", "Unexplained weight loss"],
        sent=["{He} has lost {kg} kg {when} without trying ({w1} kg down to {w2} kg on our scales)",
              "{His} weight has fallen from {st1} to {st2} {when}; {he} is eating normally and is not dieting",
              "{He} has lost weight without meaning to: {w2} kg today against {w1} kg at {his} review in {prevmonth}",
              "{He} has gone down from {clothes1} to {clothes2} and weighed {w2} kg today compared with {w1} kg in {prevmonth}, with no change in diet"],
        note=["unintentional wt loss {kg}kg ({w1}->{w2} kg)", "wt loss {st1} -> {st2}, not dieting",
              "weight down {kg} kg {ds}, unintentional"],
        comment=["{w1} -> {w2} kg, not trying", "{kg} kg, unintentional"],
        neg_sent=["{His} weight is stable at {w1} kg", "{He} has not lost any weight", "{His} weight has been steady"],
        neg_note=["no wt loss", "weight stable", "wt static ({w1} kg)"]),
    "upper_abdominal_pain": dict(
        label=["Epigastric pain", "Upper abdominal pain"],
        sent=["{He} has had a gnawing epigastric pain {when}",
              "{He} complains of pain in the upper abdomen, in the midline under the ribs, {when}",
              "{He} has upper abdominal pain, worse after food, {when}"],
        note=["epigastric pain {ds}", "upper abdo pain {ds}"],
        comment=["worse after food", "gnawing"],
        neg_sent=[], neg_note=[]),
    "abdominal_pain:lower": dict(
        label=["Lower abdominal pain", "Abdominal pain (lower)"],
        sent=["{He} gets crampy lower abdominal pain {when}", "{He} has had intermittent left iliac fossa pain {when}",
              "{He} describes a dull ache low in the abdomen, eased by opening {his} bowels"],
        note=["lower abdo pain {ds}", "LIF pain {ds}", "crampy lower abdominal pain {ds}"],
        comment=["LIF, crampy", "eased by defecation"],
        neg_sent=[], neg_note=[]),
    "abdominal_pain:generic": dict(
        label=["Abdominal pain", "Abdo pain"],
        sent=["{He} has had abdominal pain on and off {when}", "{He} gets intermittent tummy pains {when}",
              "{He} reports recurrent cramping abdominal pain {when}"],
        note=["abdominal pain {ds}", "intermittent abdo pain {ds}"],
        comment=["intermittent", "cramping"],
        neg_sent=[], neg_note=[]),
    "abdominal_pain_any": dict(
        label=["Abdominal pain", "Abdo pain"], sent=[], note=[], comment=[],
        neg_sent=["{He} has no abdominal pain", "there is no abdominal pain", "{He} denies abdominal pain"],
        neg_note=["no abdo pain", "no abdominal pain", "pain-free"]),
    "dyspepsia": dict(
        label=["Dyspepsia", "Indigestion"],
        sent=["{He} has had indigestion after most meals {when}", "{He} describes dyspepsia {when}",
              "{He} has troublesome dyspeptic symptoms {when}"],
        note=["dyspepsia {ds}", "indigestion {ds}"],
        comment=["after meals", "most days"],
        neg_sent=["{He} has no indigestion", "there is no dyspepsia"],
        neg_note=["no dyspepsia", "no indigestion"]),
    "reflux": dict(
        label=["Reflux", "Heartburn"],
        sent=["{He} has heartburn and acid reflux, worse lying flat, {when}",
              "{He} gets reflux with an acid taste in the mouth {when}", "{He} is troubled by heartburn {when}"],
        note=["reflux/heartburn {ds}", "GORD symptoms {ds}", "heartburn {ds}"],
        comment=["worse lying flat", "acid brash"],
        neg_sent=["{He} has no heartburn", "there are no reflux symptoms"],
        neg_note=["no reflux", "no heartburn"]),
    "rectal_bleeding": dict(
        label=["PR bleeding", "Rectal bleeding", "Blood PR"],
        sent=["{He} has noticed bright red blood when {he} opens {his} bowels {when}",
              "{He} has been passing fresh red blood with {his} stools {when}",
              "there has been intermittent rectal bleeding {when}",
              "{He} reports blood on the paper and in the pan {when}"],
        note=["PR bleeding {ds}", "fresh blood PR {ds}", "rectal bleeding {ds}"],
        comment=["bright red", "on paper and in pan", "mixed with stool"],
        neg_sent=["{He} has had no rectal bleeding", "there has been no PR bleeding", "{He} denies any blood in {his} stools"],
        neg_note=["no PR bleed", "no rectal bleeding", "no blood PR"]),
    "change_in_bowel_habit": dict(
        label=["Change in bowel habit", "CIBH", "Bowel habit change"],
        sent=["{His} bowels have become looser and more frequent, three or four times a day, {when}",
              "{He} reports a change in bowel habit to loose stools {when}",
              "{He} has gone from opening {his} bowels once a day to {n} times a day {when}",
              "{His} bowel habit has changed {when}, alternating between constipation and loose motions"],
        note=["CIBH - looser {ds}", "change in bowel habit {ds}", "CIBH {ds}"],
        comment=["looser, more frequent", "{n}x/day, was 1x/day"],
        neg_sent=["{His} bowel habit is unchanged", "there has been no change in bowel habit"],
        neg_note=["no CIBH", "BH unchanged", "no change in bowel habit"]),
    "bloating": dict(
        label=["Bloating"],
        sent=["{He} is troubled by abdominal bloating, worse by the evening, {when}",
              "{He} gets uncomfortable bloating most days"],
        note=["bloating {ds}", "abdominal bloating {ds}"],
        comment=["worse in evening", "most days"],
        neg_sent=["{He} has no bloating"], neg_note=["no bloating"]),
    "bloody_diarrhoea": dict(
        label=["Bloody diarrhoea"],
        sent=["{He} has had bloody diarrhoea up to {n} times a day {when_recent}",
              "{He} has diarrhoea with blood mixed through it, {n} times a day including at night, {when_recent}"],
        note=["bloody diarrhoea x{n}/day {ds_recent}", "blood-stained diarrhoea {ds_recent}"],
        comment=["{n}x/day incl. nocturnal"],
        neg_sent=["{He} has had no bloody diarrhoea"], neg_note=["no bloody diarrhoea"]),
    "haematemesis": dict(
        label=["Haematemesis"],
        sent=["{He} vomited fresh red blood twice last {weekday}",
              "{He} had two small episodes of haematemesis {recent}",
              "{He} brought up about a cupful of bright red blood after a bout of retching {recent}"],
        note=["haematemesis x2 {recent}", "fresh haematemesis {recent}"],
        comment=["x2, small volume", "after retching"],
        neg_sent=["{He} has not vomited any blood", "there has been no haematemesis"],
        neg_note=["no haematemesis", "no vomiting of blood"]),
    "jaundice": dict(
        label=["Jaundice"],
        sent=["{He} has become visibly jaundiced {when_recent}",
              "{His} {rel} noticed {his} eyes turning yellow {when_recent}, and {he} is clearly jaundiced today"],
        note=["jaundice {ds_recent}", "painless jaundice {ds_recent}"],
        comment=["painless", "sclerae yellow"],
        neg_sent=["{He} is not jaundiced", "there is no jaundice"], neg_note=["not jaundiced", "no jaundice"]),
    "confusion": dict(
        label=["Confusion"],
        sent=["{His} {rel} reports that {he} has become increasingly confused and muddled {when_recent}",
              "{He} has new confusion, with a coarse flap on examination"],
        note=["new confusion {ds_recent}", "increasingly confused (per {rel})"],
        comment=["new, per family"],
        neg_sent=["{He} is not confused"], neg_note=["not confused", "no confusion"]),
    "abdominal_mass": dict(
        label=["Abdominal mass", "Palpable mass"],
        sent=["on examination there is a firm, irregular mass of about 6 cm in the right iliac fossa",
              "I can feel a hard, non-tender mass in the left iliac fossa",
              "examination reveals a craggy mass in the right side of the abdomen, about the size of a tangerine"],
        note=["O/E firm irregular RIF mass ~6cm", "palpable hard LIF mass", "craggy R-sided abdominal mass"],
        comment=["RIF, ~6 cm", "LIF, hard"],
        neg_sent=["{His} abdomen is soft with no masses", "there are no abdominal masses"],
        neg_note=["abdo soft, no masses", "no masses palpable"]),
    "rectal_mass": dict(
        label=["Rectal mass"],
        sent=["on rectal examination there is a hard, irregular mass on the anterior wall, just within reach",
              "digital rectal examination finds an irregular, fixed mass at about 6 cm"],
        note=["PR: hard irregular rectal mass", "DRE - fixed rectal mass ~6cm"],
        comment=["anterior wall, fixed"],
        neg_sent=["rectal examination is normal, with no mass", "DRE: no masses felt"],
        neg_note=["PR: no masses", "DRE normal"]),
    "anal_mass": dict(
        label=["Anal mass"],
        sent=["there is a firm 2 cm mass at the anal verge", "examination shows an irregular, hard lump at the anal margin"],
        note=["firm 2cm anal verge mass", "hard irregular anal margin lump"],
        comment=["2 cm, firm"], neg_sent=["no anal lesion is seen"], neg_note=["anal margin normal"]),
    "anal_ulceration": dict(
        label=["Anal ulceration"],
        sent=["there is an indurated ulcer at the anal margin which has not healed {when}, with no obvious cause (STI screen negative)",
              "{He} has a non-healing anal ulcer {when}; syphilis, HSV and HIV tests are negative and it remains unexplained"],
        note=["unexplained non-healing anal ulcer {ds}", "indurated anal ulcer, STI screen neg, no cause found"],
        comment=["indurated, STI screen negative"],
        neg_sent=["no anal ulceration"], neg_note=["no anal ulcer"]),
    "ascites": dict(
        label=["Ascites"],
        sent=["{He} has developed ascites, with shifting dullness on examination",
              "new ascites has been confirmed on ultrasound this week"],
        note=["new ascites (shifting dullness)", "ascites on USS"],
        comment=["shifting dullness"],
        neg_sent=["there is no ascites"], neg_note=["no ascites"]),
}

NEGATABLE = ["dysphagia", "weight_loss", "dyspepsia", "reflux", "rectal_bleeding", "change_in_bowel_habit",
             "bloating", "bloody_diarrhoea", "haematemesis", "jaundice", "abdominal_mass", "rectal_mass",
             "abdominal_pain_any"]
RELS = ["daughter", "son", "wife", "husband", "partner", "sister", "brother"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
YEARS_PAST = list(range(2005, 2021))

FH_OTHER = [("{His} father had oesophageal cancer in his seventies", "dysphagia"),
            ("{His} mother died of stomach cancer aged 81", "upper_gi_cancer"),
            ("{His} sister has Crohn's disease", "known_ibd"),
            ("{His} brother has coeliac disease", "coeliac_serology"),
            ("{His} uncle had liver cancer", "jaundice"),
            ("{His} mother had ulcerative colitis", "known_ibd"),
            ("{His} grandmother had pancreatic cancer", "abdominal_mass")]
FH_CRC = ["{His} father was diagnosed with bowel cancer at the age of {a}",
          "{His} mother and maternal uncle both had colorectal cancer in their fifties",
          "{His} sister was diagnosed with colon cancer aged {a} last year",
          "{His} brother had a rectal cancer removed at {a}"]
RESOLVED = {
    "rectal_bleeding": ["{He} had rectal bleeding in {y} from haemorrhoids, which were banded, and none since",
                        "PR bleeding {y} (haemorrhoids) - resolved, nil since"],
    "dysphagia": ["{He} had a food bolus obstruction in {y}; OGD at the time was normal and {he} has had no swallowing problems since"],
    "haematemesis": ["{He} had a haematemesis in {y} from a Mallory-Weiss tear, with no recurrence since",
                     "Haematemesis {y} (Mallory-Weiss) - no further episodes"],
    "jaundice": ["{He} was jaundiced in {y} with gallstones, treated by cholecystectomy, and has had no jaundice since"],
    "bloody_diarrhoea": ["{He} had bloody diarrhoea in {y} with Campylobacter on stool culture, which settled within a week and has not recurred"],
    "anaemia": ["{He} was anaemic in {y} and was treated; {his} blood count has been normal since"],
}
HYPOTHETICAL = {
    "dysphagia": ["if {he} develops any difficulty swallowing I have asked {him} to let us know at once",
                  "should dysphagia develop I would re-refer on the cancer pathway"],
    "weight_loss": ["if {he} starts to lose weight I will re-refer", "I have asked {him} to report any weight loss"],
    "rectal_bleeding": ["if there is any rectal bleeding {he} knows to contact us",
                        "safety-netted re rectal bleeding"],
    "haematemesis": ["if {he} vomits blood {he} is to attend A&E"],
    "jaundice": ["I have advised {him} to seek help if {he} becomes jaundiced"],
}
IBD_DRUGS = {"UC": ["mesalazine 2.4 g daily", "mesalazine 4 g daily", "azathioprine 100 mg daily"],
             "Crohn's": ["azathioprine 125 mg daily", "mercaptopurine 75 mg daily", "adalimumab (hospital-prescribed)"]}
MQ = ["{He} would like to know whether {he} can stop {drug} after {n} years in remission",
      "I would be grateful for advice on when {his} next surveillance colonoscopy is due",
      "{He} is travelling to East Africa in the summer and I would value advice on vaccinations while on {drug}",
      "could you advise on bone protection, as {he} has had several courses of steroids in the past",
      "{He} asks whether the dose of {drug} can be reduced, as {he} feels so well"]
MQ_F = ["{He} is planning a pregnancy and asks whether {drug} is safe to continue"]
MQ_PREG = ["{He} is now {gw} weeks pregnant and asks whether {drug} should be continued through the pregnancy and breastfeeding"]


# --------------------------------------------------------------------------
# distractors drawn for a scenario (never change the label)
# --------------------------------------------------------------------------
def label_safe(f, rule):
    return classify(f) == rule and not ambiguity_problems(f)


def finalize(sc, rng):
    f, rule = sc["f"], sc["rule"]
    cands = [k for k in NEGATABLE
             if (k == "abdominal_pain_any" and not f["abdominal_pain"] and not f["upper_abdominal_pain"])
             or (k != "abdominal_pain_any" and not f[k])]
    if f["known_ibd"]:
        cands = [k for k in cands if k != "bloody_diarrhoea"] + (["bloody_diarrhoea"] if not f["bloody_diarrhoea"] else [])
    if f["bloody_diarrhoea"]:
        cands = [k for k in cands if k not in ("change_in_bowel_habit", "rectal_bleeding")]
    rng.shuffle(cands)
    sc["neg"] = cands[:rng.randint(1, 4)]
    opts = []
    if rule not in ("A3", "O3"):
        for k in RESOLVED:
            if k == "anaemia":
                if f["hb"] is None or f["hb"] >= (130 if f["sex"] == "M" else 120):
                    if not f["pregnant"]:
                        opts.append(("resolved", k))
            elif not f[k] and not (k == "bloody_diarrhoea" and f["known_ibd"]) and \
                    not (k == "rectal_bleeding" and f["bloody_diarrhoea"]):
                opts.append(("resolved", k))
    for k in HYPOTHETICAL:
        if not f[k] and not (k == "rectal_bleeding" and f["bloody_diarrhoea"]):
            opts.append(("hypothetical", k))
    opts += [("family_history", "other")] * 3
    if not f["weight_loss"]:
        opts += [("refuted_claim", "weight_loss"), ("explained", "weight_loss")]
    if not f["jaundice"] and rule not in ("U7",):
        opts.append(("refuted_claim", "jaundice"))
    rng.shuffle(opts)
    hx, used = [], set()
    for kind, k in opts[:rng.choice([0, 1, 1, 2, 2, 3])]:
        if k in used and k != "other":
            continue
        used.add(k)
        hx.append((kind, k))
    if ("explained", "weight_loss") in hx and "weight_loss" in sc["neg"]:
        sc["neg"].remove("weight_loss")
    if any(k == "weight_loss" for _, k in hx) and "weight_loss" in sc["neg"] and rng.random() < 0.5:
        sc["neg"].remove("weight_loss")
    sc["hx"] = hx
    # an incidental family history of colorectal cancer in some symptomatic letters
    if not f["fh_crc"] and rule not in ("A1", "A3", "D") and rng.random() < 0.12:
        f["fh_crc"] = True
        if not label_safe(f, rule):
            f["fh_crc"] = False
    # normal results listed to reassure
    tries = [("hb", None), ("ferritin", None), ("ttg", None), ("alt", None), ("uss", None)]
    rng.shuffle(tries)
    for k, _ in tries:
        if rng.random() > 0.4:
            continue
        if k == "hb" and f["hb"] is None and not f["pregnant"]:
            hb_normal(f, rng)
            if not label_safe(f, rule):
                f["hb"] = None
        elif k == "ferritin" and f["ferritin"] is None and not f["pregnant"]:
            f["ferritin"] = rng.choice([38, 54, 76, 112, 190])
            if not label_safe(f, rule):
                f["ferritin"] = None
        elif k == "ttg" and f["coeliac_serology"] is None:
            f["coeliac_serology"] = "negative"
            if not label_safe(f, rule):
                f["coeliac_serology"] = None
        elif k == "alt" and f["alt"] is None and rule != "A1":
            f["alt"] = rng.choice([14, 19, 23, 27, 31, 36])
            if not label_safe(f, rule):
                f["alt"] = None
        elif k == "uss" and f["fatty_liver_imaging"] is None and rule in ("U7", "R2", "O5", "D", "O4", "O1"):
            f["fatty_liver_imaging"] = False
            if not label_safe(f, rule):
                f["fatty_liver_imaging"] = None
    sc["superseded"] = []
    if f["hb"] is not None and f["hb"] >= (130 if f["sex"] == "M" else 120) and rng.random() < 0.3:
        sc["superseded"].append(("hb", f["hb"] - rng.randint(30, 40)))
    if sc["extra"].get("superseded_alt"):
        sc["superseded"].append(("alt", sc["extra"]["superseded_alt"]))
    elif f["alt"] is not None and f["alt"] < 40 and rng.random() < 0.35:
        sc["superseded"].append(("alt", rng.choice([310, 365, 450])))
    assert label_safe(f, rule), (sc["id"], rule, classify(f), ambiguity_problems(f))


# --------------------------------------------------------------------------
# wording of one letter's facts
# --------------------------------------------------------------------------
DECADES = {2: "twenties", 3: "thirties", 4: "forties", 5: "fifties", 6: "sixties", 7: "seventies",
           8: "eighties", 9: "nineties", 1: "late teens"}
PRIORITY_WORDS = {"usc": "asks for the urgent suspected cancer (2WW) pathway",
                  "urgent": "asks for an urgent (non-cancer) appointment",
                  "routine": "asks for a routine appointment",
                  "advice": "asks for advice only, no appointment"}


class Rec:
    """Records every evidence string and every distractor as it is written into the text."""

    def __init__(self):
        self.ev = defaultdict(list)
        self.dis = []

    def p(self, fact, s):
        if s not in self.ev[fact]:
            self.ev[fact].append(s)
        return s

    def d(self, fact, kind, s):
        item = {"fact": fact, "kind": kind, "text": s}
        if item not in self.dis:
            self.dis.append(item)
        return s


def wk_words(n, rng):
    if n in NUM_WORDS and rng.random() < 0.6:
        return "%s weeks" % NUM_WORDS[n]
    return "%d weeks" % n


class Content:
    def __init__(self, sc):
        self.sc = sc
        self.id = sc["id"]
        f = self.f = sc["f"]
        rng = self.rng = R(self.id, "content")
        self.sex = f["sex"]
        self.age = f["age"]
        P = dict(pron(self.sex))
        P["rel"] = rng.choice([r for r in RELS if not (r == "wife" and self.sex == "F") and not (r == "husband" and self.sex == "M")])
        self.P = P
        # identity
        self.first = rng.choice(M_FIRST if self.sex == "M" else F_FIRST)
        self.surname = rng.choice(SURNAMES)
        self.title = "Mr" if self.sex == "M" else rng.choice(["Mrs", "Ms", "Miss", "Mrs"])
        self.name = "%s %s" % (self.first, self.surname)
        self.ld = dt.date(2024, 6, 3) + dt.timedelta(days=rng.randint(0, 480))
        anniv = self.ld.replace(year=self.ld.year - self.age) if not (self.ld.month == 2 and self.ld.day == 29) \
            else dt.date(self.ld.year - self.age, 2, 28)
        self.dob = anniv - dt.timedelta(days=rng.randint(50, 358))
        assert age_on(self.dob, self.ld) == self.age
        self.dfmt = rng.randint(0, 4)
        self.ld_text = fmt_date(self.ld, self.dfmt)
        self.dob_text = fmt_date(self.dob, rng.choice([0, 0, 1, 3, 4]))
        self.nhs = nhs_number(rng)
        self.chi = chi_number(rng, self.dob, self.sex)
        self.age_mode = rng.choices(["stated", "dob_only", "decade"], [70, 20, 10])[0]
        self.addr = "%d %s Road, %s, %s" % (rng.randint(2, 180), rng.choice(PLACES), rng.choice(TOWNS), rng.choice(POSTCODES))
        # writer
        self.gp_name = "Dr %s. %s" % (rng.choice("ABCDEFGHJKLMNPRSTW"), rng.choice(SURNAMES))
        self.gp_first = rng.choice(M_FIRST + F_FIRST)
        self.practice = "%s %s" % (rng.choice(PLACES), rng.choice(PRACTICE_TYPES))
        self.practice_code = "%s%05d" % (rng.choice("ABCDFGHJKLMNPY"), rng.randint(81000, 89999))
        self.town = rng.choice(TOWNS)
        self.hospital = rng.choice(HOSPITALS)
        self.consultant = "Dr %s" % rng.choice(SURNAMES)
        self.phone = "01%03d %06d" % (rng.randint(100, 999), rng.randint(100000, 999999))
        # numbers used by wordings
        w1 = rng.randint(58, 104) + rng.choice([0, 0.4, 0.8])
        loss = rng.randint(5, 12)
        w2 = round(w1 - loss, 1)
        self.w = dict(w1=("%g" % w1), w2=("%g" % w2), kg=str(loss), st1=kg_to_st(w1), st2=kg_to_st(w2))
        if self.sex == "F":
            s1 = rng.choice([14, 16, 18])
            self.w.update(clothes1="a dress size %d" % s1, clothes2="a size %d" % (s1 - 4))
        else:
            s1 = rng.choice([36, 38, 40])
            self.w.update(clothes1="a %d-inch waist" % s1, clothes2="a %d-inch waist" % (s1 - 4))
        self.w["prevmonth"] = MONTHS[(self.ld.month - 5) % 12]
        self.build_phrases()
        self.build_values()
        self.build_conditions()
        self.build_history()

    # ---- helpers
    def fm(self, template, **kw):
        d = dict(self.P)
        d.update(self.w)
        d.update(kw)
        return template.format(**d)

    def when(self, rng, recent=False):
        m = self.ld.month
        if recent:
            return rng.choice(["over the last ten days", "for the past fortnight", "over the past three weeks",
                               "since last week", "for two weeks"])
        opts = ["for the past six weeks", "over the last three months", "for about eight weeks",
                "for two months", "for the last four months", "over the past ten weeks"]
        if 2 <= m <= 5:
            opts.append("since the New Year")
        if 1 <= m <= 4:
            opts.append("since Christmas")
        if 9 <= m <= 12:
            opts.append("since the summer")
        opts.append("since %s" % MONTHS[(m - 4) % 12])
        return rng.choice(opts)

    def ds(self, rng, recent=False):
        if recent:
            return rng.choice(["x 10/7", "(2/52)", "x 2 wks", "since last week"])
        return rng.choice(["x 6/52", "(3/12)", "for 2 months", "x 8 wks", "4/12", "since %s" % MON3[(self.ld.month - 3) % 12]])

    def key_of(self, k):
        if k == "abdominal_pain":
            return "abdominal_pain:" + self.f["abdominal_pain_site"]
        return k

    def build_phrases(self):
        f, rng = self.f, self.rng
        self.pos = [k for k in SYMPTOM_KEYS + EXAM_KEYS if f[k]]
        order = {"dysphagia": 0, "haematemesis": 1, "bloody_diarrhoea": 1, "rectal_bleeding": 2, "jaundice": 2,
                 "change_in_bowel_habit": 3, "upper_abdominal_pain": 4, "dyspepsia": 4, "reflux": 5,
                 "abdominal_pain": 4, "bloating": 6, "weight_loss": 7, "confusion": 3}
        self.pos.sort(key=lambda k: order.get(k, 9))
        self.ph = {}
        for k in self.pos:
            pool = SYM[self.key_of(k)]
            rec = k in ("bloody_diarrhoea", "haematemesis", "jaundice", "confusion")
            kw = dict(when=self.when(rng), ds=self.ds(rng), when_recent=self.when(rng, True),
                      ds_recent=self.ds(rng, True), n=rng.choice([4, 5, 6, 8]),
                      weekday=rng.choice(WEEKDAYS),
                      recent=rng.choice(["last week", "over the weekend", "four days ago", "on %s" % rng.choice(WEEKDAYS)]))
            if rec:
                kw["when"] = kw["when_recent"]
                kw["ds"] = kw["ds_recent"]
            dur = kw["ds"].replace("x ", "").strip("()")
            self.ph[k] = dict(sent=self.fm(rng.choice(pool["sent"]), **kw), note=self.fm(rng.choice(pool["note"]), **kw),
                              label=rng.choice(pool["label"]), comment=self.fm(rng.choice(pool["comment"]), **kw),
                              dur=dur)
        self.neg = list(self.sc["neg"])
        if f["known_cirrhosis"]:
            for k in ("ascites", "confusion"):
                if not f[k] and k not in self.neg:
                    self.neg.append(k)
        self.nph = {}
        for k in self.neg:
            pool = SYM[k]
            self.nph[k] = dict(sent=self.fm(rng.choice(pool["neg_sent"])), note=self.fm(rng.choice(pool["neg_note"])),
                               label=rng.choice(pool["label"]))

    # ---- results
    def val_text(self, fact, v, rep=None, style=None):
        rng = self.rng
        if fact == "hb":
            lo, hi = (130, 180) if self.sex == "M" else (120, 150)
            opts = ["Hb %d g/L" % v, "Hb %d" % v, "haemoglobin %d g/L" % v, "Hb %d g/L (ref %d-%d)" % (v, lo, hi),
                    "Hb %.1f g/dL" % (v / 10.0)]
            if style == "gdl":
                opts = ["haemoglobin %.1f g/dL" % (v / 10.0), "Hb %.1f g/dl" % (v / 10.0),
                        "Hb %.1f (g/dL, i.e. %d g/L)" % (v / 10.0, v)]
            return rng.choice(opts)
        if fact == "ferritin":
            return rng.choice(["ferritin %d ug/L" % v, "ferritin %d" % v, "Ferritin %d ng/mL" % v,
                               "ferritin %d ug/L (ref 30-400)" % v, "Ferritin %d µg/L" % v])
        if fact == "fit":
            if rep == "<4":
                return rng.choice(["FIT <4", "qFIT <4 ug Hb/g", "FIT <4 µg Hb/g faeces", "FIT result: <4"])
            if rep == "undetectable":
                return rng.choice(["FIT undetectable", "FIT: undetectable", "qFIT undetectable"])
            if rep == "negative":
                return rng.choice(["FIT negative", "FIT came back negative", "FIT: negative"])
            if rep == ">400":
                return rng.choice(["FIT >400 ug Hb/g", "qFIT >400"])
            return rng.choice(["FIT %s" % rep, "qFIT %s ug Hb/g" % rep, "FIT %s µg Hb/g faeces" % rep,
                               "faecal immunochemical test %s µg/g" % rep, "FIT result: %s" % rep])
        if fact == "calprotectin":
            r = rep if rep is not None else str(v)
            return rng.choice(["faecal calprotectin %s ug/g" % r, "calprotectin %s" % r, "FCP %s µg/g" % r,
                               "calprotectin %s mcg/g" % r, "faecal calprotectin %s" % r])
        if fact == "alt":
            return rng.choice(["ALT %d U/L" % v, "ALT %d" % v, "alanine transaminase %d IU/L" % v,
                               "ALT %d iu/l" % v])
        if fact == "ttg":
            if self.f["coeliac_serology"] == "positive":
                return rng.choice(["tTG IgA %d U/mL (ref <7)" % v, "anti-tTG %d U/mL - positive" % v,
                                   "coeliac serology positive: tTG %d U/mL" % v, "raised tTG at %d U/mL" % v])
            return rng.choice(["tTG negative", "coeliac serology negative", "tTG <1 U/mL (negative)"])
        if fact == "uss":
            if self.f["fatty_liver_imaging"]:
                return rng.choice(["ultrasound: diffusely bright liver in keeping with fatty liver",
                                   "USS abdomen showed hepatic steatosis", "fatty liver on ultrasound"])
            return rng.choice(["USS abdomen: normal liver, no gallstones", "liver ultrasound normal"])
        raise KeyError(fact)

    def build_values(self):
        f, rng = self.f, self.rng
        self.vals = []
        male = self.sex == "M"

        def add(fact, name, v, rep=None, style=None, normal=False):
            self.vals.append(dict(fact=fact, name=name, v=v, text=self.val_text(fact, v, rep, style), normal=normal))
        if f["hb"] is not None:
            add("hb", "Hb", f["hb"], style="gdl" if self.sc["extra"].get("hb_gdl") else None,
                normal=f["hb"] >= (130 if male else 120))
        if f["ferritin"] is not None:
            add("ferritin", "Ferritin", f["ferritin"], normal=f["ferritin"] >= 30)
        if f["fit"] is not None:
            add("fit", "FIT", f["fit"], f["fit_reported"], normal=False)
        if f["calprotectin"] is not None:
            add("calprotectin", "Calprotectin", f["calprotectin"], f["calprotectin_reported"],
                normal=f["calprotectin"] < 100)
        if f["alt"] is not None:
            add("alt", "ALT", f["alt"], normal=f["alt"] < 40)
        if f["coeliac_serology"] is not None:
            add("ttg", "tTG", f["ttg"], normal=f["coeliac_serology"] == "negative")
        if f["fatty_liver_imaging"] is not None:
            add("uss", "Liver USS", None, normal=not f["fatty_liver_imaging"])
        self.sup = []
        for fact, old in self.sc["superseded"]:
            when = "%s %d" % (MONTHS[(self.ld.month + rng.randint(1, 6)) % 12], self.ld.year - 1)
            if fact == "hb":
                t = "Hb %d g/L in %s" % (old, when)
            else:
                t = "ALT %d U/L in %s" % (old, when)
            self.sup.append(dict(fact=fact, text=t, why=rng.choice(
                (["(heavy periods, treated)"] if self.sex == "F" else ["(after a knee replacement)"]) +
                ["(after a viral illness)", "(since recovered)", "(repeat now normal)"]
                if fact == "hb" else ["(during a hepatitis A illness)", "(after a course of co-amoxiclav)",
                                      "(settled on repeat)"])))

    def build_conditions(self):
        f, rng = self.f, self.rng
        self.cond = []
        y = rng.choice(YEARS_PAST)
        if f["known_cirrhosis"]:
            self.cond.append(("known_cirrhosis", self.fm(rng.choice([
                "{He} has known alcohol-related cirrhosis, diagnosed in {y}",
                "{He} has known cirrhosis due to fatty liver disease, diagnosed in {y}"]), y=y),
                self.fm(rng.choice(["known ArLD cirrhosis (dx {y})", "known NAFLD cirrhosis (dx {y})"]), y=y)))
        if f["known_ibd"]:
            drug = rng.choice(IBD_DRUGS[f["ibd_type"]])
            self.ibd_drug = drug
            if f["ibd_type"] == "UC":
                s = self.fm("{He} has ulcerative colitis, diagnosed in {y}, and takes {drug}", y=y, drug=drug)
                n = "UC (dx %d) on %s" % (y, drug)
            else:
                s = self.fm("{He} has Crohn's disease of the terminal ileum, diagnosed in {y}, treated with {drug}", y=y, drug=drug)
                n = "ileal Crohn's (dx %d), on %s" % (y, drug)
            self.cond.append(("known_ibd", s, n))
            if f["ibd_stable"]:
                yrs = rng.choice([2, 3, 4, 5, 6])
                self.cond.append(("ibd_stable", self.fm(rng.choice([
                    "{He} has been in remission for {n} years and has no bowel symptoms at present",
                    "{His} disease has been quiet for {n} years; {he} is currently entirely well with a normal bowel habit"]), n=yrs),
                    "in remission %d yrs, asymptomatic" % yrs))
            if f["management_question"]:
                if self.sc["extra"].get("mq") == "pregnancy":
                    q = self.fm(MQ_PREG[0], drug=drug, gw=rng.choice([12, 16, 20, 24]))
                else:
                    pool = MQ + (MQ_F if self.sex == "F" and self.age < 42 else [])
                    q = self.fm(rng.choice(pool), drug=drug, n=rng.choice([4, 5, 6]))
                self.cond.append(("management_question", q, q))
        if f["fh_crc"]:
            s = self.fm(rng.choice(FH_CRC), a=rng.choice([47, 52, 58, 63]))
            self.cond.append(("fh_crc", s, "FH: " + s[0].lower() + s[1:]))
        if f["fh_crc"] and self.sc["rule"] == "A3":
            t = self.fm(rng.choice(["{He} is entirely well, with no bowel or abdominal symptoms of any kind, and is asking about screening",
                                    "{He} has no symptoms at all - no change in bowel habit, no bleeding, no pain - and is simply worried by the family history",
                                    "{He} is asymptomatic and wants to know whether {he} needs a colonoscopy"]))
            self.cond.append(("asymptomatic", t, "asymptomatic"))
        if f["ppi_weeks"] is not None:
            n = f["ppi_weeks"]
            if n >= 4:
                s = self.fm(rng.choice([
                    "{He} has taken omeprazole 20 mg daily for {nw} without any improvement",
                    "despite {nw} of lansoprazole 30 mg daily the symptoms persist",
                    "{He} has now completed {nw} of full-dose PPI (omeprazole 40 mg) and is no better"]),
                    nw=wk_words(n, rng))
                note = "no better after %d/52 PPI" % n
            else:
                s = self.fm("{He} started omeprazole only {t} ago", t="a week" if n == 1 else "a fortnight")
                note = "omeprazole started %s ago" % ("1/52" if n == 1 else "2/52")
            self.cond.append(("ppi_weeks", s, note))
        if f["pregnant"]:
            gw = rng.choice([14, 18, 22, 26, 30])
            self.cond.append(("pregnant", self.fm("{He} is {gw} weeks pregnant in {his} first pregnancy", gw=gw),
                              "%d/40 pregnant, primip" % gw))
        ctx = self.sc["extra"].get("context")
        if ctx == "hepC":
            self.cond.append(("context", self.fm("{He} is hepatitis C antibody and RNA positive"), "HCV Ab+/RNA+"))
        elif ctx == "hepB":
            self.cond.append(("context", self.fm("{He} was found to be hepatitis B surface antigen positive at {his} screen"), "HBsAg positive"))
        elif ctx == "methotrexate":
            self.cond.append(("context", self.fm("{He} takes methotrexate 15 mg weekly for rheumatoid arthritis"), "on MTX 15mg/wk for RA"))
        if self.sc["extra"].get("menorrhagia"):
            self.cond.append(("context", self.fm("{He} has had heavy periods for some years"), "menorrhagia"))
        for o in f["other_symptoms"]:
            t = {"itch": "{He} also has generalised itch", "dark urine": "{His} urine has become dark",
                 "tiredness": "{He} has felt tired for some months", "nausea": "{He} has intermittent nausea without vomiting"}[o]
            self.cond.append(("other_symptoms", self.fm(t), self.fm(t)))

    def build_history(self):
        rng = self.rng
        self.hx = []
        for kind, k in self.sc["hx"]:
            y = rng.choice(YEARS_PAST)
            if kind == "resolved":
                s = self.fm(rng.choice(RESOLVED[k]), y=y)
            elif kind == "hypothetical":
                s = self.fm(rng.choice(HYPOTHETICAL[k]))
            elif kind == "family_history":
                s, k = rng.choice(FH_OTHER)
                s = self.fm(s)
            elif kind == "refuted_claim" and k == "weight_loss":
                s = self.fm("{His} {rel} is convinced {he} has lost weight, but {he} weighs {w1} kg today, the same as at {his} review in {prevmonth}")
            elif kind == "refuted_claim" and k == "jaundice":
                s = self.fm("{His} {rel} thought {he} looked yellow last week, but {his} sclerae are white today and {he} is not jaundiced")
            elif kind == "explained":
                s = self.fm("{He} has deliberately lost {kg} kg with a slimming club since {prevmonth}, which was {his} aim")
            self.hx.append(dict(kind=kind, fact=k, sent=s))

    # ---- small pieces used by renderers
    def age_words(self, rng):
        if self.age_mode == "decade":
            return "in %s %s" % (self.P["his"], DECADES[self.age // 10])
        return "%d-year-old" % self.age

    def age_stated(self):
        return self.age_mode == "stated"


# --------------------------------------------------------------------------
# shared rendering helpers
# --------------------------------------------------------------------------
PMH_POOL = ["hypertension", "type 2 diabetes", "osteoarthritis of both knees", "asthma", "hypothyroidism",
            "atrial fibrillation", "depression", "COPD", "gout", "hypercholesterolaemia",
            "appendicectomy as a child", "migraine", "eczema", "glaucoma", "lumbar spondylosis",
            "carpal tunnel release", "anxiety", "obstructive sleep apnoea"]
PMH_F = ["hysterectomy (fibroids)", "polycystic ovaries"]
PMH_M = ["benign prostatic hypertrophy", "inguinal hernia repair"]
MEDS = ["Amlodipine 5 mg once daily", "Ramipril 5 mg once daily", "Atorvastatin 20 mg at night",
        "Metformin 500 mg twice daily", "Gliclazide 80 mg twice daily", "Levothyroxine 75 micrograms daily",
        "Salbutamol 100 mcg inhaler 2 puffs prn", "Fostair 100/6 2 puffs bd", "Sertraline 50 mg daily",
        "Bisoprolol 2.5 mg daily", "Apixaban 5 mg twice daily", "Paracetamol 1 g up to four times daily prn",
        "Bendroflumethiazide 2.5 mg daily", "Allopurinol 100 mg daily", "Cetirizine 10 mg daily",
        "Colecalciferol 800 units daily", "Losartan 50 mg daily", "Furosemide 40 mg mane",
        "Doxazosin 4 mg daily", "Gabapentin 300 mg three times daily", "Latanoprost eye drops one drop nocte",
        "Zeroderm ointment apply bd", "GTN spray 400 mcg prn", "Clopidogrel 75 mg daily",
        "Sitagliptin 100 mg daily", "Mirtazapine 15 mg nocte", "Citalopram 20 mg daily",
        "Empagliflozin 10 mg daily", "Tiotropium 18 mcg inhaled daily", "Beclometasone nasal spray bd",
        "Finasteride 5 mg daily", "Propranolol 10 mg prn", "Co-codamol 8/500 two tablets prn"]
ALLERGY = [("Penicillin", "rash"), ("Codeine", "drowsiness"), ("Trimethoprim", "urticaria"),
           ("Elastoplast", "skin reaction"), ("Ibuprofen", "wheeze")]
SH_POOL = ["Lives with {his} {rel}. Non-smoker. Alcohol {u} units/week.",
           "Retired {job}. Ex-smoker (stopped {y}). Drinks {u} units a week.",
           "Works as {ajob}. Smokes 10/day. Alcohol about {u} units weekly.",
           "Lives alone, independent. Never smoked. Alcohol: {u} units/week."]
JOBS = ["teacher", "bus driver", "nurse", "electrician", "shop manager", "civil servant", "farmer",
        "accountant", "care worker", "joiner", "warehouse operative", "hairdresser"]
FOOTERS = ["This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error please notify the sender and delete it.",
           "CONFIDENTIAL: This document contains patient-identifiable information. If received in error please telephone the sender and destroy all copies.",
           "The information in this letter is confidential to the patient and the clinicians involved in their care.",
           "Registered with the Care Quality Commission. Please quote the NHS number in all correspondence."]


OLDER_ONLY = {"benign prostatic hypertrophy": "inguinal hernia repair", "hysterectomy (fibroids)": "polycystic ovaries",
              "atrial fibrillation": "eczema", "COPD": "asthma", "osteoarthritis of both knees": "migraine",
              "glaucoma": "anxiety", "lumbar spondylosis": "carpal tunnel release"}


def pmh(C, rng, n=None):
    pool = PMH_POOL + (PMH_F if C.sex == "F" else PMH_M)
    n = rng.randint(0, 4) if n is None else n
    got = rng.sample(pool, n)
    if C.age < 50:
        out = []
        for p in got:
            q = OLDER_ONLY.get(p, p)
            if q in out or q in got and q != p:
                q = next(x for x in ["allergic rhinitis", "acne", "ankle fracture (2015)", "tonsillectomy"] if x not in out)
            out.append(q)
        got = out
    return got


YOUNG_SWAP = ["Sertraline 50 mg daily", "Cetirizine 10 mg daily", "Salbutamol 100 mcg inhaler 2 puffs prn",
              "Beclometasone nasal spray bd", "Propranolol 10 mg prn", "Zeroderm ointment apply bd",
              "Citalopram 20 mg daily", "Colecalciferol 800 units daily", "Levothyroxine 75 micrograms daily",
              "Fostair 100/6 2 puffs bd", "Paracetamol 1 g up to four times daily prn", "Desogestrel 75 mcg daily",
              "Sumatriptan 50 mg prn", "Fluoxetine 20 mg daily", "Montelukast 10 mg nocte", "Adapalene gel nocte",
              "Mirtazapine 15 mg nocte", "Loratadine 10 mg daily", "Clotrimazole cream bd", "Folic acid 400 mcg daily"]
OLD_MEDS = ("Apixaban", "Clopidogrel", "GTN", "Finasteride", "Doxazosin", "Latanoprost", "Allopurinol",
            "Bisoprolol", "Furosemide", "Tiotropium", "Gliclazide", "Sitagliptin", "Empagliflozin", "Amlodipine",
            "Ramipril", "Losartan", "Bendroflumethiazide", "Atorvastatin", "Metformin", "Gabapentin", "Co-codamol")


def meds(C, rng, n):
    pool = [m for m in MEDS if not ((C.sex == "F" and ("Finasteride" in m or "Doxazosin" in m)))]
    got = rng.sample(pool, min(n, len(pool)))
    if C.age < 45:
        swaps = [m for m in YOUNG_SWAP if m not in got and not (C.sex == "M" and "Desogestrel" in m)]
        got = [swaps.pop(0) if (m.split(" ")[0] in OLD_MEDS and swaps) else m for m in got]
    return got


def soc(C, rng):
    t, u, job, y = rng.choice(SH_POOL), rng.choice([0, 2, 6, 10, 14, 20]), rng.choice(JOBS), rng.choice(YEARS_PAST)
    return C.fm(t, u=u, job=job, ajob=("an " if job[0] in "aeiou" else "a ") + job, y=y)


def with_conn(s, rng, i):
    if i > 0 and rng.random() < 0.3:
        first = s.split(" ", 1)[0]
        if first in ("He", "She", "His", "Her"):
            s2 = s[0].lower() + s[1:]
            return rng.choice(["In addition, ", "Also, ", "On top of this, ", "Alongside this, "]), s2
    return "", cap(s)


def sym_keys(C):
    return [k for k in C.pos if k not in EXAM_KEYS]


def exam_keys(C):
    return [k for k in C.pos if k in EXAM_KEYS]


def hpc_sents(C, W, rng, conds=True):
    out = []
    for i, k in enumerate(sym_keys(C)):
        pre, s = with_conn(C.ph[k]["sent"], rng, i)
        out.append(pre + W.p(k, s) + ".")
        if k == "dyspepsia":
            for ck, cs, cn in C.cond:
                if ck == "ppi_weeks":
                    out.append(W.p("ppi_weeks", cap(cs)) + ".")
    if conds:
        out += cond_sents(C, W, rng)
    return out


def cond_sents(C, W, rng, skip=("ppi_weeks",)):
    out = []
    for ck, cs, cn in C.cond:
        if ck in skip:
            continue
        if ck == "ppi_weeks" and not C.f["dyspepsia"]:
            continue
        out.append(W.p(ck, cap(cs)) + ".")
    return out


def cond_notes(C, W, skip=()):
    return [W.p(ck, cn) for ck, cs, cn in C.cond if ck not in skip]


def neg_fact(k):
    return "abdominal_pain" if k == "abdominal_pain_any" else k


def neg_sents(C, W, rng, exam=False):
    out = []
    for k in C.neg:
        if (k in EXAM_KEYS) != exam:
            continue
        out.append(W.d(neg_fact(k), "negated", cap(C.nph[k]["sent"])) + ".")
    return out


def neg_notes(C, W, exam=None):
    out = []
    for k in C.neg:
        if exam is not None and (k in EXAM_KEYS) != exam:
            continue
        out.append(W.d(neg_fact(k), "negated", C.nph[k]["note"]))
    return out


def hx_sents(C, W):
    return [W.d(h["fact"], h["kind"], cap(h["sent"])) + "." for h in C.hx]


def exam_sents(C, W, rng):
    out = []
    for k in exam_keys(C):
        out.append(W.p(k, cap(C.ph[k]["sent"])) + ".")
    out += neg_sents(C, W, rng, exam=True)
    return out


VAL_FACT = {"hb": "hb", "ferritin": "ferritin", "fit": "fit", "calprotectin": "calprotectin", "alt": "alt",
            "ttg": "coeliac_serology", "uss": "fatty_liver_imaging"}


def rec_val(C, W, v, text=None):
    t = text if text is not None else v["text"]
    W.p(VAL_FACT[v["fact"]], t)
    if v["normal"]:
        W.d(VAL_FACT[v["fact"]], "normal_value", t)
    return t


def sup_text(C, W, s):
    return W.d(s["fact"], "superseded", s["text"]) + " " + s["why"]


def results_items(C, W, rng):
    """list of strings, each one result (superseded ones folded in)."""
    out = []
    sup = {s["fact"]: s for s in C.sup}
    for v in C.vals:
        t = rec_val(C, W, v)
        if v["fact"] in sup:
            t = sup_text(C, W, sup[v["fact"]]) + "; now " + t
        out.append(t)
    return out


def results_sentence(C, W, rng):
    items = results_items(C, W, rng)
    if not items:
        return ""
    lead = rng.choice(["Results: ", "Recent bloods and tests: ", "Investigations: ", "Tests so far - ", "Bloods: "])
    return lead + "; ".join(items) + "."


def fit_pending_text(C, W, rng):
    p = C.sc["extra"].get("fit_pending")
    if not p or C.f["fit"] is not None:
        return ""
    t = {"awaited": "A FIT kit has been sent and the result is awaited",
         "declined": C.fm("{He} declined to do a FIT test"),
         "not returned": C.fm("a FIT kit was issued but {he} has not returned it"),
         "kit given": C.fm("I have given {him} a FIT kit today but there is no result yet")}[p]
    return W.d("fit", "pending", cap(t))


REQ = {
    "usc": ["I would be grateful if you could see {him} under the two-week-wait pathway",
            "Please see as an urgent suspected cancer referral (2WW)",
            "I have referred {him} on the urgent suspected cancer pathway",
            "I would appreciate a fast-track appointment"],
    "urgent": ["I would be grateful if you could see {him} urgently",
               "Please could {he} be seen soon; I have marked this urgent, though not as a cancer referral",
               "An urgent appointment would be appreciated"],
    "routine": ["I would be grateful for a routine appointment",
                "There is no great urgency and a routine appointment would be fine",
                "Please see routinely"],
    "advice": ["I would value your advice; I do not think {he} needs to be seen",
               "I would be grateful for advice and guidance rather than an appointment",
               "Advice only, please, on how best to manage {him} in primary care"]}
REQ_SHORT = {"usc": ["2WW pls", "USC referral", "fast-track please"], "urgent": ["urgent pls", "urgent appt please"],
             "routine": ["routine", "routine OPD pls"], "advice": ["A&G only pls", "advice only"]}
PRIO_FIELD = {"usc": ["Urgent Suspected Cancer", "2WW", "USC"], "urgent": ["Urgent"], "routine": ["Routine"],
              "advice": ["Advice & Guidance", "Advice only"], None: ["(not stated)", "-"]}


def req(C, rng):
    if C.gp is None:
        return ""
    return C.fm(rng.choice(REQ[C.gp])) + "."


def req_short(C, rng):
    return "" if C.gp is None else rng.choice(REQ_SHORT[C.gp])


def prio_field(C, rng):
    return rng.choice(PRIO_FIELD[C.gp])


def art(n):
    return "an" if (str(n).startswith("8") or n in (11, 18)) else "a"


def intro_np(C, rng):
    if C.age_mode == "stated":
        return "%s %d-year-old %s" % (art(C.age), C.age, C.P["man"])
    if C.age_mode == "decade":
        return "a %s in %s %s" % (C.P["man"], C.P["his"], DECADES[C.age // 10])
    return "%s %s %s" % (C.title, C.first, C.surname)


def pt_block(C, rng, chi=False):
    idn = ("CHI %s" % C.chi) if chi else ("NHS No: %s" % C.nhs)
    age = (", age %d" % C.age) if C.age_stated() and rng.random() < 0.5 else ""
    return "Patient: %s %s %s\nDOB: %s%s\n%s\nAddress: %s" % (C.title, C.first, C.surname, C.dob_text, age, idn, C.addr)


def pt_re(C, rng):
    return "Re: %s %s %s, DOB %s, NHS No %s" % (C.title, C.first, C.surname, C.dob_text, C.nhs)


def gp_head(C, rng):
    return "%s\n%d %s Street, %s\nTel %s   Practice code %s\n\n%s" % (
        C.practice, rng.randint(1, 90), rng.choice(PLACES), C.town, C.phone, C.practice_code, C.ld_text)


def bg_block(C, W, rng, short=False):
    lines = []
    p = pmh(C, rng, rng.randint(1, 3) if not short else 1)
    lines.append("PMH: " + ", ".join(p) if p else "PMH: nil of note")
    lines.append("DH: " + ", ".join(m.split(" ")[0].lower() + " " + " ".join(m.split(" ")[1:3]) for m in meds(C, rng, rng.randint(1, 4))))
    if not short:
        lines.append("SH: " + soc(C, rng))
    return lines


def box(kind, on):
    return {"YN": ("[Y]", "[N]"), "strike": ("(Y) (N\u0336)", "(Y\u0336) (N)"), "yesno": ("Yes[x] No[ ]", "Yes[ ] No[x]"),
            "ballot": ("\u2611", "\u2610"), "square": ("\u25a0", "\u25a1"), "check": ("\u2714", ""),
            "num": ("1", "2")}[kind][0 if on else 1]


def box_line(kind, label, on):
    b = box(kind, on)
    if kind in ("ballot", "square"):
        return "%s %s" % (b, label)
    if kind == "check":
        return ("%s %s" % (label, b)).rstrip()
    if kind == "num":
        return "%s: %s" % (label, b)
    return "%s %s" % (label, b)


BOX_LEGEND = {"YN": "Answer [Y] or [N]", "strike": "Delete as appropriate", "yesno": "Mark with x",
              "ballot": "Tick all that apply", "square": "Shade all that apply",
              "check": "Tick if present", "num": "1 = Yes, 2 = No, 3 = Not known"}


def form_items(C, W, kind, items):
    """items: list of (label, fact_key, present).  Returns the lines; records evidence and distractors."""
    out = []
    for label, key, on in items:
        if on is None:
            out.append("%s: not done" % label)
            continue
        line = box_line(kind, label, on)
        if on:
            W.p(key, line)
        elif key:
            W.d(key, "unticked_box" if kind in ("ballot", "square", "check") else "negated", line)
        out.append(line)
    return out


def ida(C):
    f = C.f
    return f["hb"] is not None and f["ferritin"] is not None and f["hb"] < (130 if C.sex == "M" else 120) and f["ferritin"] < 30


def footer(rng):
    return rng.choice(FOOTERS)


# --------------------------------------------------------------------------
# layouts / writers
# --------------------------------------------------------------------------
def sign(C, rng, role="GP"):
    return "%s\n%s\n%s" % (rng.choice(["Yours sincerely,", "With kind regards,", "Best wishes,", "Yours faithfully,", "Kind regards"]),
                          C.gp_name, role if role != "GP" else "General Practitioner, " + C.practice)


def body_prose(C, W, rng, opening, register="standard"):
    paras = []
    hp = hpc_sents(C, W, rng)
    paras.append(opening + " " + " ".join(hp) if hp else opening)
    n = neg_sents(C, W, rng)
    if n:
        lead = {"formal": "I have specifically enquired about red-flag symptoms.", "chatty": "Reassuringly,",
                "standard": ""}.get(register, "")
        if lead == "Reassuringly,":
            n = ["Reassuringly:"] + n
        elif lead:
            n = [lead] + n
        paras.append(" ".join(n))
    h = hx_sents(C, W)
    if h:
        paras.append(" ".join(h))
    e = exam_sents(C, W, rng)
    if e:
        paras.append(("On examination: " if register != "chatty" else "When I examined " + C.P["him"] + ": ") + " ".join(e))
    r = results_sentence(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    if r or fp:
        paras.append(" ".join(x for x in [r, cap(fp) + "." if fp else ""] if x))
    return paras


def r_plain_formal(C, W, rng):
    who = intro_np(C, rng)
    if C.age_mode == "stated":
        who = "this pleasant %d-year-old %s" % (C.age, C.P["gent"])
    elif C.age_mode == "decade":
        who = "this pleasant %s in %s %s" % (C.P["gent"], C.P["his"], DECADES[C.age // 10])
    else:
        who = "this pleasant %s" % C.P["gent"]
    op = "I should be grateful if you would see %s, who has been attending the surgery of late." % who
    paras = body_prose(C, W, rng, op, "formal")
    bg = bg_block(C, W, rng)
    paras.append("In the past %s has had %s." % (C.P["he"], bg[0][5:] if bg[0] != "PMH: nil of note" else "little of note"))
    rq = req(C, rng)
    paras.append((rq + " " if rq else "") + "I should be most grateful for your opinion and management.")
    return "\n".join([gp_head(C, rng), "", "%s\nConsultant Gastroenterologist\n%s" % (C.consultant, C.hospital), "",
                      "Dear %s," % C.consultant, "", pt_re(C, rng), "", "\n\n".join(paras), "",
                      "Yours sincerely,", "", C.gp_name, "MB ChB MRCGP"])


def r_plain_standard(C, W, rng):
    op = "Thank you for seeing %s, who presents with the following." % who(C, rng)
    paras = body_prose(C, W, rng, op)
    paras.append("\n".join(bg_block(C, W, rng)))
    rq = req(C, rng)
    if rq:
        paras.append(rq)
    return "\n".join([gp_head(C, rng), "", "Dear Doctor,", "", pt_re(C, rng), "", "\n\n".join(paras), "",
                      sign(C, rng)])


def r_plain_chatty(C, W, rng):
    op = rng.choice(["I'd be really grateful if you could cast an eye over %s, who I have known for years." % C.first,
                     "Could I ask you to see %s? %s is one of our long-standing patients and not one to make a fuss." % (C.first, C.P["He"]),
                     "I'm writing about %s, who came in to see me last week." % C.first])
    if C.age_mode == "stated":
        op += " %s is %d." % (C.P["He"], C.age)
    paras = body_prose(C, W, rng, op, "chatty")
    paras.append("Otherwise %s keeps pretty well. %s" % (C.P["he"], soc(C, rng)))
    rq = req(C, rng)
    paras.append((rq + " " if rq else "") + "Many thanks for your help - do give me a ring if anything is unclear.")
    return "\n".join(["%s - %s" % (C.practice, C.ld_text), pt_re(C, rng), "", "Dear Gastro team,", "",
                      "\n\n".join(paras), "", "Best wishes,", C.gp_name.replace("Dr ", "") + " (GP)"])


def r_plain_terse(C, W, rng):
    parts = []
    a = ("%d%s" % (C.age, C.P["M"])) if C.age_stated() else ""
    for k in C.pos:
        parts.append(W.p(k, C.ph[k]["note"]))
    parts += cond_notes(C, W)
    parts += [W.d(h["fact"], h["kind"], h["sent"]) for h in C.hx]
    parts += neg_notes(C, W)
    vals = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    line1 = "%s %s DOB %s NHS %s. %s" % (C.title, C.surname, C.dob_text, C.nhs, (a + ". ") if a else "")
    body = ". ".join(parts + vals + ([fp] if fp else []))
    rs = req_short(C, rng)
    return "%s  %s\n%s%s.%s  %s" % (C.ld_text, C.practice, line1, body, (" " + rs + ".") if rs else "", C.gp_name)


def r_plain_bullets(C, W, rng):
    L = [C.practice + " | " + C.ld_text, "", "Referral to Gastroenterology", pt_block(C, rng), ""]
    L.append("Summary")
    if C.age_mode == "stated":
        L.append("- %d-year-old %s" % (C.age, C.P["man"]))
    elif C.age_mode == "decade":
        L.append("- %s in %s %s" % (C.P["MW"], C.P["his"], DECADES[C.age // 10]))
    for k in C.pos:
        L.append("- " + W.p(k, C.ph[k]["note"]))
    for n in cond_notes(C, W):
        L.append("- " + n)
    L.append("")
    L.append("Red flags checked")
    for n in neg_notes(C, W):
        L.append("- " + n)
    for h in C.hx:
        L.append("- " + W.d(h["fact"], h["kind"], h["sent"]))
    res = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    if res or fp:
        L += ["", "Results"] + ["- " + r for r in res] + (["- " + fp] if fp else [])
    L += ["", "Background"] + ["- " + b for b in bg_block(C, W, rng, short=True)]
    if C.gp:
        L += ["", "Ask: " + req(C, rng)]
    L += ["", C.gp_name]
    return "\n".join(L)


def r_plain_ers(C, W, rng):
    L = ["NHS e-Referral Service - Referral Letter", "Service: Gastroenterology - %s" % C.hospital,
         "Priority: %s" % prio_field(C, rng), "Referral date: %s" % C.ld_text, "", pt_block(C, rng),
         "Referrer: %s, %s (%s)" % (C.gp_name, C.practice, C.practice_code), "", "Reason for referral:"]
    L.append(" ".join(hpc_sents(C, W, rng, conds=False)) or "See below.")
    L += ["", "Relevant history:"] + cond_sents(C, W, rng) + hx_sents(C, W) + neg_sents(C, W, rng)
    L += ["", "Examination:"] + (exam_sents(C, W, rng) or ["Not examined today (telephone consultation)."])
    res = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    L += ["", "Investigations:"] + (res or ["None available."]) + ([cap(fp) + "."] if fp else [])
    L += ["", "Past medical history: " + (", ".join(pmh(C, rng, 2)) or "nil"),
          "Current medication: " + "; ".join(meds(C, rng, 3)), "Allergies: NKDA"]
    if C.gp:
        L += ["", "Referrer comments: " + req(C, rng)]
    return "\n".join(L)


def r_sbar(C, W, rng):
    sym = [W.p(k, C.ph[k]["note"]) for k in C.pos]
    L = ["SBAR referral - Gastroenterology", "From: %s, %s    Date: %s" % (C.gp_name, C.practice, C.ld_text),
         pt_re(C, rng), ""]
    s_age = ("%d%s" % (C.age, C.P["M"])) if C.age_stated() else C.P["MW"]
    L.append("S - Situation: %s with %s." % (s_age, "; ".join(sym) if sym else ("a question for the IBD team" if C.f["known_ibd"] else "abnormal results (see below)")))
    L.append("B - Background: " + " ".join(cond_sents(C, W, rng, skip=()) + hx_sents(C, W)) + " PMH: " + (", ".join(pmh(C, rng, 2)) or "nil") + ".")
    A = neg_sents(C, W, rng) + exam_sents(C, W, rng)
    rs = results_sentence(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    L.append("A - Assessment: " + " ".join(A + ([rs] if rs else []) + ([cap(fp) + "."] if fp else [])))
    L.append("R - Recommendation: " + (req(C, rng) or "Please review and advise."))
    return "\n".join(L)


def r_soap(C, W, rng):
    L = ["%s  Consultation %s  %s" % (C.practice, C.ld_text, C.gp_name), pt_re(C, rng), ""]
    L.append("S: " + " ".join(hpc_sents(C, W, rng) + neg_sents(C, W, rng) + hx_sents(C, W)))
    o = exam_sents(C, W, rng)
    rs = results_sentence(C, W, rng)
    L.append("O: " + " ".join(["Obs: BP %d/%d, HR %d, T 36.%d." % (rng.randint(112, 150), rng.randint(66, 90), rng.randint(60, 96), rng.randint(4, 9))] + o + ([rs] if rs else [])))
    L.append("A: " + rng.choice(["Symptoms as above - needs specialist review.", "See above.", "Gastro opinion needed."]))
    fp = fit_pending_text(C, W, rng)
    L.append("P: " + " ".join(([cap(fp) + "."] if fp else []) + ["Referral to gastroenterology."] + ([req(C, rng)] if C.gp else [])))
    return "\n".join(L)


ROS_POS = ["+", "+ve", "present", "yes ({d})", "\u2713", "Y"]
ROS_NEG = ["-", "neg", "absent", "nil", "\u2717", "no"]


def ros_lines(C, W, rng):
    pos_mark = rng.choice(ROS_POS)
    neg_mark = rng.choice(ROS_NEG)
    out = []
    for k in sym_keys(C):
        mk_ = pos_mark.format(d=C.ph[k]["dur"])
        out.append(W.p(k, "%s: %s" % (C.ph[k]["label"], mk_)))
    for k in C.neg:
        if k in EXAM_KEYS:
            continue
        out.append(W.d(neg_fact(k), "negated", "%s: %s" % (C.nph[k]["label"], neg_mark)))
    rng.shuffle(out)
    return out


def r_pc_hpc(C, W, rng):
    L = [C.practice, C.ld_text, "", "To the Gastroenterology Department, %s" % C.hospital, pt_re(C, rng), ""]
    pcs = [C.ph[k]["label"] for k in C.pos[:2]] or ["Review requested"]
    L.append("Presenting complaint: " + " / ".join(pcs))
    L.append("HPC: " + " ".join(hpc_sents(C, W, rng, conds=False)))
    L.append("PMH: " + "; ".join(pmh(C, rng, 2) + [W.p(ck, cn) for ck, cs, cn in C.cond if ck in ("known_cirrhosis", "known_ibd", "ibd_stable")]))
    L.append("DH: " + "; ".join(meds(C, rng, 3)))
    L.append("SH: " + soc(C, rng))
    fh = [W.p(ck, cn) for ck, cs, cn in C.cond if ck == "fh_crc"] + [W.d(h["fact"], h["kind"], h["sent"]) for h in C.hx if h["kind"] == "family_history"]
    L.append("FH: " + ("; ".join(fh) if fh else "nil relevant"))
    L.append("ROS:")
    L += ["  " + x for x in ros_lines(C, W, rng)]
    other = [W.d(h["fact"], h["kind"], h["sent"]) for h in C.hx if h["kind"] != "family_history"]
    if other:
        L.append("Other: " + "; ".join(other))
    L.append("O/E: " + (" ".join(exam_sents(C, W, rng)) or "abdomen soft, non-tender."))
    res = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    if res or fp:
        L.append("Ix: " + "; ".join(res + ([fp] if fp else [])))
    extra = [W.p(ck, cn) for ck, cs, cn in C.cond if ck not in ("known_cirrhosis", "known_ibd", "ibd_stable", "fh_crc")]
    L.append("Imp: " + ("; ".join(extra) if extra else "?cause"))
    L.append("Plan: refer gastro. " + (req_short(C, rng) or ""))
    L.append(C.gp_name)
    return "\n".join(L)


def r_symptom_table(C, W, rng):
    L = ["%s - Gastroenterology referral - %s" % (C.practice, C.ld_text), pt_block(C, rng), ""]
    L.append("Symptom | Present | Duration | Comment")
    L.append("--- | --- | --- | ---")
    yes, no = rng.choice([("Yes", "No"), ("Y", "N"), ("yes", "no"), ("\u2714", "\u2718")])
    rows = []
    for k in sym_keys(C):
        ph = C.ph[k]
        rows.append(W.p(k, "%s | %s | %s | %s" % (ph["label"], yes, ph["dur"], ph["comment"])))
    for k in C.neg:
        if k in EXAM_KEYS:
            continue
        rows.append(W.d(neg_fact(k), "negated", "%s | %s | - | -" % (C.nph[k]["label"], no)))
    rng.shuffle(rows)
    L += rows
    L.append("")
    cs = cond_sents(C, W, rng, skip=())
    if cs:
        L += ["Background:"] + cs
    h = hx_sents(C, W)
    if h:
        L += h
    e = exam_sents(C, W, rng)
    if e:
        L += ["Examination: " + " ".join(e)]
    res = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    if res or fp:
        L += ["", "Test | Result"] + ["%s | %s" % (r.split(" ")[0], r) for r in res] + (["FIT | " + fp] if fp else [])
    L += ["", "Requested priority: %s" % prio_field(C, rng), C.gp_name]
    return "\n".join(L)


# ---- letters with an update ------------------------------------------------
def plan_update(C, rng):
    """Pick the piece of the picture that arrives late.  Returns dict or None."""
    f = C.f
    supf = {s["fact"] for s in C.sup}
    abn = [v for v in C.vals if not v["normal"] and v["fact"] not in supf and v["fact"] != "uss"]
    fitv = [v for v in C.vals if v["fact"] == "fit" and v["fact"] not in supf]
    symp = [k for k in sym_keys(C) if k not in ("confusion",)]
    if fitv:
        return dict(kind="value", v=fitv[0])
    if abn and rng.random() < 0.7:
        return dict(kind="value", v=rng.choice(abn))
    if symp and rng.random() < 0.8:
        return dict(kind="symptom", k=rng.choice(symp))
    if not f["weight_loss"] and not any(h["fact"] == "weight_loss" for h in C.hx) and "weight_loss" not in C.neg:
        return dict(kind="weight")
    nv = [v for v in C.vals if v["fact"] not in supf]
    if nv:
        return dict(kind="value", v=nv[0])
    if symp:
        return dict(kind="symptom", k=symp[0])
    return dict(kind="weight")


PENDING = {"fit": "a FIT has been sent off and the result is awaited", "hb": "bloods have been sent and are awaited",
           "ferritin": "iron studies are pending", "calprotectin": "a faecal calprotectin has been sent",
           "alt": "LFTs are awaited", "ttg": "coeliac serology is pending", "uss": "an ultrasound has been requested"}


class Hold:
    """Temporarily take the late piece out of the Content so the first part is written without it."""

    def __init__(self, C, up):
        self.C, self.up = C, up

    def __enter__(self):
        C, up = self.C, self.up
        self.saved = (list(C.pos), list(C.vals), list(C.neg))
        if up["kind"] == "value":
            C.vals = [v for v in C.vals if v is not up["v"]]
        elif up["kind"] == "symptom":
            C.pos = [k for k in C.pos if k != up["k"]]
        return self

    def __exit__(self, *a):
        self.C.pos, self.C.vals, self.C.neg = self.saved


def early_text(C, W, up, rng):
    """What the first part says about the late piece (a pending test, a denied symptom, a weight claim)."""
    if up["kind"] == "value":
        f = up["v"]["fact"]
        return W.d(VAL_FACT[f], "pending", cap(PENDING[f])) + "."
    if up["kind"] == "symptom":
        k = up["k"]
        pool = SYM[k]["neg_sent"] or SYM["abdominal_pain_any"]["neg_sent"]
        t = cap(C.fm(rng.choice(pool)))
        return "At the first consultation I recorded: " + W.d(neg_fact(k), "superseded", t[0].lower() + t[1:]) + "."
    return W.d("weight_loss", "superseded", C.fm("{He} told me {he} thought {he} had lost weight")) + "."


def late_text(C, W, up, rng):
    if up["kind"] == "value":
        return rng.choice(["The result is now back: ", "Result now available - ", "Update: "]) + rec_val(C, W, up["v"]) + "."
    if up["kind"] == "symptom":
        k = up["k"]
        return rng.choice(["On further questioning today, ", "When I spoke to %s again, " % C.P["him"], "New information: "]) + \
            W.p(k, C.ph[k]["sent"][0].lower() + C.ph[k]["sent"][1:]) + "."
    return W.d("weight_loss", "negated", C.fm(rng.choice([
        "I have re-weighed {him}: {w1} kg, identical to {his} weight in {prevmonth}, so there has in fact been no weight loss",
        "weight re-measured on our calibrated scales at {w1} kg, unchanged from {prevmonth} - no weight loss"]))) + "."


def earlier(C, rng, lo, hi):
    d0 = C.ld - dt.timedelta(days=rng.randint(lo, hi))
    assert age_on(C.dob, d0) == C.age
    return d0


def r_addendum_ps(C, W, rng):
    up = plan_update(C, rng)
    d0 = earlier(C, rng, 1, 9)
    with Hold(C, up):
        op = "Thank you for seeing %s." % who(C, rng)
        paras = body_prose(C, W, rng, op)
        paras.append(early_text(C, W, up, rng))
        rq = req(C, rng)
        if rq:
            paras.append(rq)
    ps = "PS (%s): %s" % (C.ld_text, late_text(C, W, up, rng))
    return "\n".join([C.practice, fmt_date(d0, C.dfmt), "", "Dear Colleague,", "", pt_re(C, rng), "", "\n\n".join(paras),
                      "", sign(C, rng), "", ps])


def r_chaser(C, W, rng):
    up = plan_update(C, rng)
    d0 = earlier(C, rng, 14, 40)
    with Hold(C, up):
        first = [W.p(k, C.ph[k]["note"]) for k in C.pos] + cond_notes(C, W) + results_items(C, W, rng)
        ex = early_text(C, W, up, rng)
    L = [gp_head(C, rng), "", "Dear %s," % C.consultant, "", pt_re(C, rng), ""]
    L.append("Further to my letter of %s %s, in which I described %s, I am writing again." % (
        ordinal(d0.day), MONTHS[d0.month - 1], "; ".join(first) if first else "the background"))
    L.append(ex.replace("At the first consultation I recorded: ", "My first letter recorded: "))
    L.append(late_text(C, W, up, rng))
    L += [" ".join(neg_sents(C, W, rng) + hx_sents(C, W) + exam_sents(C, W, rng))]
    L.append((req(C, rng) or "I would be grateful if you could review the referral in the light of this.") +
             " I have not yet received an appointment for %s." % C.P["him"])
    L += ["", sign(C, rng)]
    return "\n".join(L)


def r_email(C, W, rng):
    up = plan_update(C, rng)
    d0 = earlier(C, rng, 2, 12)
    nurse = "%s %s" % (rng.choice(F_FIRST), rng.choice(SURNAMES))
    with Hold(C, up):
        body = body_prose(C, W, rng, "Please find below a referral for %s (DOB %s, NHS %s)." % (C.name, C.dob_text, C.nhs))
        ex = early_text(C, W, up, rng)
    late = late_text(C, W, up, rng)
    top = ["From: %s <%s@nhs.net>" % (C.gp_name, C.gp_name.split()[-1].lower()),
           "Sent: %s 09:%02d" % (C.ld_text, rng.randint(0, 59)), "To: Gastro Referrals Hub",
           "Subject: RE: Referral - %s %s" % (C.title, C.surname), "",
           "Dear team, an update on the patient below. " + late + (" " + req(C, rng) if C.gp else ""), "",
           "Thanks, " + C.gp_name.split()[-1], ""]
    mid = ["-----Original Message-----", "From: %s (Practice Nurse)" % nurse,
           "Sent: %s" % fmt_date(d0 + dt.timedelta(days=1), C.dfmt), "To: %s" % C.gp_name, "",
           "Hi, I have booked the follow-up we discussed. %s" % rng.choice(["Nothing else to add.", "Obs were fine today.", "Patient aware."]), ""]
    bottom = ["-----Original Message-----", "From: %s" % C.gp_name, "Sent: %s" % fmt_date(d0, C.dfmt),
              "To: Gastro Referrals Hub", "Subject: Referral - %s %s" % (C.title, C.surname), ""] + body + [ex, ""]
    return "\n".join(top + mid + bottom + [footer(rng)])


def r_phone(C, W, rng):
    up = plan_update(C, rng)
    d0 = C.ld - dt.timedelta(days=1)
    assert age_on(C.dob, d0) == C.age
    with Hold(C, up):
        paras = body_prose(C, W, rng, "I would be grateful if you could see %s." % who(C, rng))
        paras.append(early_text(C, W, up, rng))
    tel = "Telephone encounter - %s - %s: %s" % (C.ld_text, C.gp_name, late_text(C, W, up, rng))
    rq = req(C, rng)
    return "\n".join([C.practice, fmt_date(d0, C.dfmt), pt_re(C, rng), "", "Dear Gastroenterologist,", ""] +
                     ["\n\n".join(paras), "", (rq + "\n") if rq else "", C.gp_name, "", "---- added next day ----", tel])


# ---- forms -----------------------------------------------------------------
def has(C, k):
    return C.f[k]


def fit_ge10(C):
    return C.f["fit"] is not None and C.f["fit"] >= 10


def pain_key(C):
    if C.f["abdominal_pain"]:
        return "abdominal_pain", True
    if C.f["upper_abdominal_pain"]:
        return "upper_abdominal_pain", True
    return "abdominal_pain", False


def lower_items(C, wording):
    pk, pon = pain_key(C)
    rm = "anal_mass" if C.f["anal_mass"] else "rectal_mass"
    return [(wording[0], "rectal_bleeding", has(C, "rectal_bleeding")),
            (wording[1], "change_in_bowel_habit", has(C, "change_in_bowel_habit")),
            (wording[2], "abdominal_mass", has(C, "abdominal_mass")),
            (wording[3], rm, has(C, "rectal_mass") or has(C, "anal_mass")),
            (wording[4], "ida", ida(C)),
            (wording[5], "weight_loss", has(C, "weight_loss")),
            (wording[6], "fit_ge_10", fit_ge10(C) if C.f["fit"] is not None else None),
            (wording[7], pk, pon)]


def upper_items(C, wording):
    return [(wording[0], "dysphagia", has(C, "dysphagia")),
            (wording[1], "upper_abdominal_pain", has(C, "upper_abdominal_pain")),
            (wording[2], "reflux", has(C, "reflux")),
            (wording[3], "dyspepsia", has(C, "dyspepsia")),
            (wording[4], "haematemesis", has(C, "haematemesis")),
            (wording[5], "jaundice", has(C, "jaundice"))]


def free_text(C, W, rng):
    t = hpc_sents(C, W, rng) + neg_sents(C, W, rng) + hx_sents(C, W) + exam_sents(C, W, rng)
    r = results_sentence(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    return " ".join(t + ([r] if r else []) + ([cap(fp) + "."] if fp else []))


def r_welsh_usc(C, W, rng):
    kind = rng.choice(["ballot", "yesno", "strike", "square"])
    L = ["GIG Cymru / NHS Wales", "Atgyfeiriad Amheuaeth Brys o Ganser / Urgent Suspected Cancer (USC) Referral",
         "Tiwmor safle / Tumour site: Gastrointestinal (upper and lower)", "",
         "Dyddiad / Date of referral: %s" % C.ld_text, pt_block(C, rng),
         "Referring clinician: %s, %s (%s)" % (C.gp_name, C.practice, C.practice_code), "",
         "Clinical features (%s):" % BOX_LEGEND[kind], "Lower GI:"]
    L += ["  " + x for x in form_items(C, W, kind, lower_items(C, [
        "Rectal bleeding", "Change in bowel habit", "Abdominal mass palpable", "Rectal or anal mass palpable",
        "Iron deficiency anaemia (Hb and ferritin below)", "Unexplained weight loss", "FIT result 10 ug Hb/g or more",
        "Abdominal pain"]))]
    L.append("Upper GI:")
    L += ["  " + x for x in form_items(C, W, kind, upper_items(C, [
        "Dysphagia", "Upper abdominal pain", "Reflux", "Dyspepsia", "Haematemesis", "Jaundice"]))]
    L += ["", "Clinical details / Manylion clinigol:", free_text(C, W, rng), "",
          "Has the patient been told this is an urgent suspected cancer referral? Yes",
          "Performance status (WHO): %d" % rng.choice([0, 1, 1, 2]), "Interpreter required: No", "", footer(rng)]
    return "\n".join(L)


def r_scottish_usc(C, W, rng):
    kind = rng.choice(["YN", "check", "ballot"])
    L = ["NHS Scotland - Scottish Referral Guidelines for Suspected Cancer",
         "URGENT SUSPICION OF CANCER (USC) REFERRAL - Gastrointestinal", "",
         "Referral date: %s" % C.ld_text, "Patient: %s %s %s   CHI: %s   DOB: %s" % (C.title, C.first, C.surname, C.chi, C.dob_text),
         "GP: %s, %s" % (C.gp_name, C.practice), "", "Features present (%s):" % BOX_LEGEND[kind]]
    items = lower_items(C, ["Unexplained rectal bleeding", "Persistent change in bowel habit", "Palpable abdominal mass",
                            "Rectal or anal mass on examination", "Iron deficiency anaemia", "Unexplained weight loss",
                            "Positive FIT (10 or above)", "Abdominal pain"]) + \
        upper_items(C, ["Dysphagia (new onset)", "Epigastric pain", "Reflux symptoms", "Dyspepsia", "Haematemesis",
                        "Obstructive jaundice"])
    L += form_items(C, W, kind, items)
    L += ["", "Supporting information:", free_text(C, W, rng), "", "Priority requested: USC",
          "Patient informed of reason for referral: yes", "SCI Gateway reference %d" % rng.randint(1000000, 9999999)]
    return "\n".join(L)


def r_private(C, W, rng):
    kind = rng.choice(["ballot", "check"])
    L = ["%s Private Hospital - Consultant Referral Form" % rng.choice(PLACES),
         "Funding: %s" % rng.choice(["Self-pay", "Insured - AXA Health", "Insured - Bupa (auth pending)", "Insured - Vitality"]),
         "Date: %s" % C.ld_text, pt_block(C, rng), "Referring doctor: %s" % C.gp_name,
         "Consultant requested: %s (Gastroenterology)" % C.consultant, "",
         "Symptoms (%s):" % BOX_LEGEND[kind]]
    L += form_items(C, W, kind, [("Difficulty swallowing", "dysphagia", has(C, "dysphagia")),
                                 ("Rectal bleeding", "rectal_bleeding", has(C, "rectal_bleeding")),
                                 ("Altered bowel habit", "change_in_bowel_habit", has(C, "change_in_bowel_habit")),
                                 ("Bloating", "bloating", has(C, "bloating")),
                                 ("Weight loss", "weight_loss", has(C, "weight_loss")),
                                 ("Indigestion", "dyspepsia", has(C, "dyspepsia"))])
    L += ["", "Clinical summary:", free_text(C, W, rng), "",
          "Urgency: %s" % {"usc": "Expedited (suspected cancer)", "urgent": "Expedited", "routine": "Standard",
                           "advice": "Opinion only", None: "Standard"}[C.gp],
          "Preferred appointment: weekday evenings", "", footer(rng)]
    return "\n".join(L)


def r_cdc(C, W, rng):
    kind = rng.choice(["yesno", "YN"])
    test = "Colonoscopy" if not any(C.f[k] for k in ("dysphagia", "dyspepsia", "reflux", "upper_abdominal_pain", "haematemesis")) else "OGD"
    if (C.f["alt"] is not None and C.f["alt"] >= 40) or C.f["fatty_liver_imaging"] or C.f["jaundice"]:
        test = "Abdominal ultrasound"
    fitln = "FIT done? " + box(kind, C.f["fit"] is not None)
    L = ["%s Community Diagnostic Centre - Request for Investigation" % C.town, "Requested test: %s" % test,
         "Date of request: %s" % C.ld_text, pt_block(C, rng), "Requester: %s (%s)" % (C.gp_name, C.practice_code), "",
         "Clinical indication:", free_text(C, W, rng), "", fitln, "",
         "Safety questions (%s):" % BOX_LEGEND[kind]]
    L += form_items(C, W, kind, [("Anticoagulant or antiplatelet", None, rng.random() < 0.3),
                                 ("Diabetes on insulin", None, False), ("eGFR < 30", None, False),
                                 ("Implanted cardiac device", None, rng.random() < 0.1),
                                 ("Able to consent", None, True)])
    L += ["", "Clinical priority: %s" % prio_field(C, rng)]
    return "\n".join(L)


def r_endoscopy(C, W, rng):
    kind = rng.choice(["strike", "yesno", "ballot"])
    upper = any(C.f[k] for k in ("dysphagia", "dyspepsia", "reflux", "upper_abdominal_pain", "haematemesis"))
    L = ["%s - Endoscopy Unit - DIRECT ACCESS %s REQUEST" % (C.hospital, "GASTROSCOPY" if upper else "LOWER GI ENDOSCOPY"),
         "Date: %s" % C.ld_text, pt_block(C, rng), "Referrer: %s, %s" % (C.gp_name, C.practice), "",
         "Indications (%s):" % BOX_LEGEND[kind]]
    if upper:
        L += form_items(C, W, kind, upper_items(C, ["Dysphagia", "Epigastric pain", "Reflux", "Dyspepsia",
                                                    "Haematemesis", "Jaundice"]) +
                        [("Unexplained weight loss", "weight_loss", has(C, "weight_loss")),
                         ("Iron deficiency anaemia", "ida", ida(C))])
    else:
        L += form_items(C, W, kind, lower_items(C, ["Rectal bleeding", "Change in bowel habit", "Abdominal mass",
                                                    "Rectal/anal mass", "IDA", "Weight loss", "FIT >= 10", "Abdominal pain"]))
    L += ["", "Contraindications / safety checklist (%s):" % BOX_LEGEND[kind]]
    L += form_items(C, W, kind, [("Anticoagulants (warfarin/DOAC)", None, rng.random() < 0.25),
                                 ("Insulin-treated diabetes", None, False), ("Pacemaker/ICD", None, False),
                                 ("MI or stroke within 3 months", None, False), ("Unable to lie flat", None, False),
                                 ("Latex allergy", None, False)])
    L += ["", "Further clinical information:", free_text(C, W, rng), "",
          "Urgency: %s" % prio_field(C, rng), "Signed: %s" % C.gp_name]
    return "\n".join(L)


def r_virtual_ward(C, W, rng):
    L = ["%s Hospital at Home / Virtual Ward - Referral for Specialist Input" % C.town, "Date: %s" % C.ld_text,
         pt_block(C, rng), "Referrer: %s, Advanced Clinical Practitioner, Virtual Ward" % ("%s %s" % (rng.choice(F_FIRST), rng.choice(SURNAMES))),
         "Admitted to virtual ward: %s for %s" % (fmt_date(C.ld - dt.timedelta(days=rng.randint(2, 6)), C.dfmt),
                                                  rng.choice(["IV antibiotics (cellulitis)", "heart failure diuresis", "COPD exacerbation monitoring", "falls assessment"])),
         "NEWS2 today: %d" % rng.choice([0, 1, 1, 2]), "Remote monitoring: SpO2, HR, BP twice daily", "",
         "Reason for gastroenterology input:", free_text(C, W, rng), "",
         "Priority requested: %s" % prio_field(C, rng), "Contact: virtual ward hub 24/7 on %s" % C.phone]
    return "\n".join(L)


def r_request_opinion(C, W, rng):
    L = ["REQUEST FOR SPECIALIST OPINION (no appointment requested)", "Specialty: Gastroenterology", "Date sent: %s" % C.ld_text,
         pt_block(C, rng), "From: %s, %s" % (C.gp_name, C.practice), "", "Question for the specialist:"]
    qs = [cs for ck, cs, cn in C.cond if ck == "management_question"]
    if qs:
        L.append(W.p("management_question", cap(qs[0])) + "?")
    else:
        L.append(rng.choice(["Does this need further investigation, and if so which?", "Can this be managed in primary care?",
                             "Is referral needed, or is there anything else I should do first?"]))
    L += ["", "Relevant history:"] + hpc_sents(C, W, rng, conds=False) + \
        [W.p(ck, cap(cs)) + "." for ck, cs, cn in C.cond if ck != "management_question" and not (ck == "ppi_weeks" and C.f["dyspepsia"])] + \
        neg_sents(C, W, rng) + hx_sents(C, W) + exam_sents(C, W, rng)
    r = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    L += ["", "Results:"] + (r or ["none"]) + ([fp] if fp else [])
    L += ["", "Photographs attached: none", "Referrer's view of urgency: %s" % prio_field(C, rng)]
    return "\n".join(L)


def r_numbered(C, W, rng):
    kind = "num"
    L = ["%s - Gastroenterology Triage Questionnaire (completed by referring clinician)" % C.hospital,
         "Date: %s" % C.ld_text, pt_block(C, rng), "Clinician: %s" % C.gp_name, "",
         "For each question write the number: 1 = Yes, 2 = No, 3 = Not known", ""]
    items = upper_items(C, ["Q1 Dysphagia", "Q2 Epigastric pain", "Q3 Reflux", "Q4 Dyspepsia", "Q5 Haematemesis", "Q6 Jaundice"]) + \
        lower_items(C, ["Q7 Rectal bleeding", "Q8 Change in bowel habit", "Q9 Abdominal mass", "Q10 Rectal or anal mass",
                        "Q11 Iron deficiency anaemia", "Q12 Unexplained weight loss", "Q13 FIT 10 or above", "Q14 Abdominal pain"])
    L += form_items(C, W, kind, items)
    L += ["", "Q15 Details:", free_text(C, W, rng), "",
          "Q16 Priority you are requesting (1 = USC, 2 = Urgent, 3 = Routine, 4 = Advice): %s" %
          {"usc": "1", "urgent": "2", "routine": "3", "advice": "4", None: "-"}[C.gp]]
    return "\n".join(L)


# ---- writers in other settings (prose with their own frame) ------------------
def setting_letter(C, W, rng, head, opening, closing, role, context=None, register="standard"):
    paras = body_prose(C, W, rng, opening, register)
    if context:
        paras.insert(1, context)
    rq = req(C, rng)
    paras.append((rq + " " if rq else "") + closing)
    return "\n".join(head + ["", "\n\n".join(paras), "", "%s\n%s" % (rng.choice(["Kind regards,", "Yours sincerely,", "Many thanks,"]), role)])


def person(rng, sex=None):
    s = sex or rng.choice("MF")
    return "%s %s" % (rng.choice(M_FIRST if s == "M" else F_FIRST), rng.choice(SURNAMES))


def person_rel(rng, rel):
    rng.choice("MF")
    s = "M" if rel in ("son", "husband", "brother") else "F" if rel in ("daughter", "wife", "sister") else "MF"[len(rel) % 2]
    return "%s %s" % (rng.choice(M_FIRST if s == "M" else F_FIRST), rng.choice(SURNAMES))


def who(C, rng):
    if C.age_mode == "stated":
        return "%s, %s %d-year-old %s" % (C.name, art(C.age), C.age, C.P["man"])
    if C.age_mode == "decade":
        return "%s, a %s in %s %s" % (C.name, C.P["man"], C.P["his"], DECADES[C.age // 10])
    return C.name


def r_ooh(C, W, rng):
    t = "%02d:%02d" % (rng.choice([19, 21, 23, 2, 4, 8]), rng.randint(0, 59))
    head = ["%s Out of Hours GP Service - Consultation Summary and Referral" % C.town,
            "Seen: %s at %s, %s Urgent Treatment Centre" % (C.ld_text, t, C.town), pt_block(C, rng),
            "Registered GP: %s, %s" % (C.gp_name, C.practice)]
    return setting_letter(C, W, rng, head, "I saw %s this evening in the out-of-hours service." % who(C, rng),
                          "A copy goes to the registered GP, who will follow up in hours.",
                          "Dr %s, OOH GP" % person(rng), "Observations at the time of assessment were within normal limits and %s was safe to go home." % C.P["he"])


def r_prison(C, W, rng):
    head = ["HMP %s - Healthcare Department" % rng.choice(PLACES), "Date: %s" % C.ld_text,
            "Prisoner no: %s%04d%s" % (rng.choice("ABG"), rng.randint(1000, 9999), rng.choice(["AB", "CD", "QX"])),
            pt_block(C, rng), "Security: two-officer escort required for hospital attendance; please do not disclose appointment date to the patient."]
    return setting_letter(C, W, rng, head, "I am one of the GPs providing care within the prison and I would be grateful for your input for %s." % who(C, rng),
                          "Please send appointments to the healthcare department, not to the patient.", "Dr %s, Prison GP" % person(rng))


def r_forces(C, W, rng):
    rank = rng.choice(["Cpl", "LCpl", "Sgt", "Pte", "Flt Lt", "AB", "Capt"])
    head = ["Defence Primary Healthcare - %s Medical Centre" % rng.choice(PLACES), "Date: %s" % C.ld_text,
            "Service no: %d%04d  Rank: %s" % (rng.randint(24, 30), rng.randint(1000, 9999), rank), pt_block(C, rng),
            "Medical category: temporarily downgraded (MLD) pending investigation"]
    return setting_letter(C, W, rng, head, "Thank you for seeing %s %s, who serves with a local unit." % (rank, C.surname),
                          "Please copy correspondence to the Regional Medical Officer. Deployment is not imminent.",
                          "Maj Dr %s, Senior Medical Officer" % person(rng))


def r_university(C, W, rng):
    head = ["University Health Centre - %s Campus" % rng.choice(PLACES), C.ld_text, pt_block(C, rng),
            "Student ID %d" % rng.randint(20000000, 29999999)]
    return setting_letter(C, W, rng, head, "I would be grateful if you could see %s, who is a student registered with us." % who(C, rng),
                          "%s has exams in the coming weeks; email contact is preferred." % C.P["He"], "Dr %s, University GP" % person(rng),
                          register="chatty")


def r_homeless(C, W, rng):
    head = ["Homeless Health Outreach Team (nurse-led)", "Date: %s" % C.ld_text, pt_block(C, rng).replace(C.addr, "No fixed abode - contact via %s Hostel, %s" % (rng.choice(PLACES), C.town))]
    return setting_letter(C, W, rng, head, "I am writing as the outreach nurse for %s, whom I see at the day centre." % who(C, rng),
                          "Letters to the hostel reach %s; %s does not have a phone, so please contact our team to arrange attendance." % (C.P["him"], C.P["he"]),
                          "%s, Outreach Nurse Practitioner" % person(rng, "F"), register="chatty")


def r_palliative(C, W, rng):
    dx = rng.choice(["advanced heart failure", "end-stage COPD", "motor neurone disease", "frailty with multiple comorbidities"])
    head = ["%s Hospice - Community Specialist Palliative Care Team" % rng.choice(PLACES), "Date: %s" % C.ld_text, pt_block(C, rng)]
    return setting_letter(C, W, rng, head, "I am the clinical nurse specialist supporting %s, who is known to us with %s." % (who(C, rng), dx),
                          "%s would like to be investigated if it can be done as a day case; %s ceiling of care has been discussed and %s is for active treatment of reversible problems." % (C.P["He"], C.P["his"], C.P["he"]),
                          "%s, Palliative Care CNS" % person(rng))


def r_midwife(C, W, rng):
    head = ["%s Community Midwifery Team - Antenatal referral" % C.town, "Date: %s" % C.ld_text, pt_block(C, rng),
            "Named consultant obstetrician: %s" % C.consultant]
    return setting_letter(C, W, rng, head, "I am the community midwife for %s, who is booked with us for antenatal care." % who(C, rng),
                          "Please copy your reply to the antenatal clinic.", "%s, Registered Midwife" % person(rng, "F"))


def r_sexual_health(C, W, rng):
    head = ["Integrated Sexual Health Service - %s" % C.town, "Date: %s" % C.ld_text, pt_block(C, rng),
            "The patient has consented to this referral. Please do not copy to the GP without discussing with the patient."]
    return setting_letter(C, W, rng, head, "I saw %s in our clinic." % who(C, rng),
                          "Our clinic is happy to continue any sexual-health follow-up.", "Dr %s, Specialty Doctor in Sexual and Reproductive Health" % person(rng))


def r_occ_health(C, W, rng):
    emp = rng.choice(["the city council", "a regional bus company", "an NHS trust", "a food manufacturer", "a logistics firm"])
    head = ["Occupational Health Service", "Date: %s" % C.ld_text, pt_block(C, rng), "Employer: %s" % emp]
    return setting_letter(C, W, rng, head, "I assessed %s at a %s." % (who(C, rng), rng.choice(["pre-placement review", "sickness absence review", "health surveillance appointment"])),
                          "%s remains fit for work with adjustments; I have copied this letter to the GP." % C.P["He"],
                          "Dr %s, Consultant Occupational Physician" % person(rng))


def r_pa(C, W, rng):
    sup = "Dr %s" % rng.choice(SURNAMES)
    head = [gp_head(C, rng), "", pt_re(C, rng)]
    return setting_letter(C, W, rng, head, "I saw %s today. I am a physician associate and have discussed %s with my supervising GP, %s, who agrees with this referral." % (who(C, rng), C.P["him"], sup),
                          "Any queries to %s or to me via the practice." % sup, "%s, Physician Associate (supervised by %s)" % (person(rng), sup))


def r_fcp(C, W, rng):
    head = [C.practice + " - First Contact Practitioner (MSK) Service", C.ld_text, pt_re(C, rng)]
    return setting_letter(C, W, rng, head, "I saw %s for %s in my first-contact physiotherapy clinic, and during the assessment some non-musculoskeletal symptoms came to light." % (who(C, rng), rng.choice(["low back pain", "shoulder pain", "knee pain"])),
                          "I have discussed this with the duty GP, Dr %s, who is happy for the referral to be made." % rng.choice(SURNAMES),
                          "%s, First Contact Physiotherapist" % person(rng))


def r_dietitian(C, W, rng):
    head = ["Community Nutrition and Dietetics", "Date: %s" % C.ld_text, pt_block(C, rng)]
    return setting_letter(C, W, rng, head, "I have been seeing %s in the dietetic clinic." % who(C, rng),
                          "I will continue to see %s for dietary support." % C.P["him"], "%s, Specialist Dietitian (HCPC registered)" % person(rng))


def r_internal(C, W, rng):
    spec = C.sc.get("hint") if C.sc.get("hint") in ("haem", "cardio", "rheum", "gynae") else rng.choice(["haem", "cardio", "rheum", "gynae"])
    name = {"haem": "Haematology", "cardio": "Cardiology", "rheum": "Rheumatology", "gynae": "Gynaecology"}[spec]
    ctx = {"haem": "I saw %s in the haematology clinic following a referral for abnormal blood results." % C.P["him"],
           "cardio": "%s attends my cardiology clinic for atrial fibrillation and is anticoagulated." % C.P["He"],
           "rheum": "%s is under my care in the rheumatology clinic." % C.P["He"],
           "gynae": "I saw %s in the gynaecology outpatient clinic." % C.P["him"]}[spec]
    head = ["%s - Department of %s" % (C.hospital, name), "INTERNAL REFERRAL", "Date: %s" % C.ld_text, pt_re(C, rng),
            "Hospital no: %s%06d" % (rng.choice("RKN"), rng.randint(0, 999999))]
    return setting_letter(C, W, rng, head, "Dear Gastroenterology colleagues, I would be grateful for your opinion on %s." % who(C, rng),
                          "I have informed the GP.", "Dr %s, Consultant in %s" % (rng.choice(SURNAMES), name), ctx)


def r_translated(C, W, rng):
    lang = rng.choice(["Polish", "Romanian", "Bengali", "Urdu", "Portuguese", "Lithuanian", "Arabic", "Tigrinya"])
    PV = {"dysphagia": "the food stops in my chest when I swallow", "weight_loss": "I have lost {kg} kilos without trying and my clothes are loose",
          "upper_abdominal_pain": "pain at the top of my stomach", "abdominal_pain": "pains low down in my belly",
          "dyspepsia": "indigestion after every meal", "reflux": "burning acid coming up into my throat",
          "rectal_bleeding": "red blood when I go to the toilet", "change_in_bowel_habit": "my toilet has changed, it is loose and many times",
          "bloating": "my stomach blows up like a balloon", "bloody_diarrhoea": "diarrhoea with blood, many times every day",
          "haematemesis": "I vomited blood", "jaundice": "my eyes have gone yellow", "confusion": "my family say I am confused"}
    quotes = []
    for k in sym_keys(C):
        q = C.fm(PV[k])
        quotes.append('"' + W.p(k, q) + '"')
    head = [gp_head(C, rng), "", pt_re(C, rng), "Interpreter: %s (telephone interpreting, %s)" % (person(rng), lang)]
    op = "I saw %s with %s %s interpreter. In %s own words: %s." % (who(C, rng), "an" if lang[0] in "AEIOU" else "a", lang, C.P["his"], "; ".join(quotes) if quotes else '"I feel well"')
    return setting_letter(C, W, rng, head, op + " My summary of the history follows.", "Please book %s %s interpreter for any appointment." % ("an" if lang[0] in "AEIOU" else "a", lang),
                          C.gp_name + ", GP")


# ---- the patient's voice, pasted material, practical noise --------------------
def r_dictation(C, W, rng):
    paras = body_prose(C, W, rng, "Thank you for seeing %s." % who(C, rng))
    rq = req(C, rng)
    if rq:
        paras.append(rq)
    mis = [("Dear Doctor", "Deer doctor"), ("Thank you for seeing", "Thank you for sealing"), ("grateful", "great full"),
           ("appointment", "a point meant"), ("colleague", "college"), ("Kind regards", "kind regard's")]
    txt = " new paragraph ".join(p.replace(". ", " full stop ").rstrip(".") + " full stop" for p in paras)
    open_ = rng.choice(["Deer doctor comma new paragraph", "Dear doctor comma new paragraph", "Letter to the gastro college full stop Dear doctor comma"])
    close = rng.choice(["new paragraph kind regard's", "new paragraph with kind regards full stop end of letter", "yours sincerely full stop"])
    for a, b in mis[1:3]:
        if a in txt and rng.random() < 0.7:
            txt = txt.replace(a, b, 1)
    return "\n".join(["DICTATED BUT NOT CHECKED - speech recognition (%s)" % rng.choice(["Dragon Medical One", "voice recognition"]),
                      "Date typed: %s" % C.ld_text, pt_re(C, rng), "", open_ + " " + txt + " " + close, "", C.gp_name + " (dictated)"])


def r_diary(C, W, rng):
    DIARY = {"rectal_bleeding": ["blood on the paper again", "red blood in the pan", "bit of bright blood"],
             "change_in_bowel_habit": ["bowels x4, loose", "3 times before lunch, loose", "loose again x5"],
             "bloody_diarrhoea": ["diarrhoea x7 with blood", "up twice in the night, blood in it", "watery with blood x6"],
             "abdominal_pain": ["tummy cramps low down", "pain lower belly after tea", "cramping, better after the toilet"],
             "upper_abdominal_pain": ["pain top of stomach after dinner", "gnawing pain under ribs"],
             "bloating": ["very bloated by evening", "swollen tummy, jeans tight"],
             "dyspepsia": ["indigestion after lunch", "indigestion again"], "reflux": ["heartburn at night", "acid in throat"],
             "haematemesis": ["sick with blood in it"], "dysphagia": ["bread stuck going down", "had to bring food back up - stuck"],
             "weight_loss": ["weighed %s kg (was %s)" % (C.w["w2"], C.w["w1"])], "jaundice": ["eyes still yellow"],
             "confusion": ["muddled today (wife's note)"]}
    d0 = C.ld - dt.timedelta(days=rng.randint(9, 16))
    lines = []
    ks = [k for k in sym_keys(C) if k in DIARY]
    for i in range(rng.randint(5, 8)):
        day = d0 + dt.timedelta(days=i)
        ents = []
        for k in ks:
            if (k == "weight_loss" and i == 0) or (k != "weight_loss" and (rng.random() < 0.7 or i == 0)):
                ents.append(W.p(k, rng.choice(DIARY[k])))
        if not ents:
            ents = [rng.choice(["good day", "nothing to report", "felt OK"])]
        lines.append("%s %d/%d: %s" % (WEEKDAYS[day.weekday()][:3], day.day, day.month, "; ".join(ents)))
    op = "I enclose the symptom diary that %s kept for me, which I found helpful." % C.name
    letter = setting_letter(C, W, rng, [C.practice, C.ld_text, pt_re(C, rng)], op, "", C.gp_name)
    return letter + "\n\n--- Patient's symptom diary (handwritten, transcribed) ---\n" + "\n".join(lines)


def r_selfq(C, W, rng):
    QS = [("dysphagia", "Do you have difficulty swallowing?", "yes - food sticks"),
          ("weight_loss", "Have you lost weight without trying?", "yes, about %s kg" % C.w["kg"]),
          ("rectal_bleeding", "Have you seen blood from your back passage?", "yes, bright red"),
          ("change_in_bowel_habit", "Has your bowel habit changed?", "yes - looser and more often"),
          ("abdominal_pain", "Do you get pain low down in your tummy?", "yes"),
          ("upper_abdominal_pain", "Do you get pain in the upper tummy?", "yes, under the ribs"),
          ("bloating", "Do you get bloating?", "yes most days"),
          ("dyspepsia", "Do you get indigestion?", "yes after meals"),
          ("reflux", "Do you get heartburn or acid reflux?", "yes, at night"),
          ("haematemesis", "Have you vomited blood?", "yes"),
          ("jaundice", "Have you noticed yellow skin or eyes?", "yes"),
          ("bloody_diarrhoea", "Do you have diarrhoea with blood in it?", "yes, several times a day")]
    L = ["Patient self-referral questionnaire - %s (attached to GP referral)" % C.practice, "Completed: %s" % C.ld_text, pt_block(C, rng), ""]
    for i, (k, q, a) in enumerate(QS):
        if C.f[k]:
            L.append(W.p(k, "Q%d %s  Answer: %s" % (i + 1, q, a)))
        elif k in C.neg or (k in ("abdominal_pain", "upper_abdominal_pain") and "abdominal_pain_any" in C.neg):
            L.append(W.d(k, "negated", "Q%d %s  Answer: no" % (i + 1, q)))
        else:
            L.append("Q%d %s  Answer: %s" % (i + 1, q, rng.choice(["no", "No", "not really - no"])))
            W.d(k, "negated", L[-1])
    L += ["Q13 Anything else? %s" % rng.choice(["I am worried it is something serious", "No", "I would like it sorted before my holiday"]), "",
          "--- GP covering note ---"]
    L += [" ".join(hpc_sents(C, W, rng) + hx_sents(C, W) + exam_sents(C, W, rng))]
    r = results_sentence(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    if r or fp:
        L.append(" ".join([x for x in [r, cap(fp) + "." if fp else ""] if x]))
    L.append((req(C, rng) or "") + " " + C.gp_name)
    return "\n".join(L)


def r_relative(C, W, rng):
    rel = C.P["rel"]
    RV = {"dysphagia": "food keeps sticking when %s swallows" % C.P["he"], "weight_loss": "%s has lost a lot of weight - about %s kg" % (C.P["he"], C.w["kg"]),
          "rectal_bleeding": "there has been blood in the toilet", "change_in_bowel_habit": "%s bowels have gone loose and %s is up and down to the toilet" % (C.P["his"], C.P["he"]),
          "jaundice": "%s eyes have gone yellow" % C.P["his"], "confusion": "%s has become really confused" % C.P["he"],
          "abdominal_pain": "%s keeps getting pains low in %s tummy" % (C.P["he"], C.P["his"]),
          "upper_abdominal_pain": "%s has pain at the top of %s stomach" % (C.P["he"], C.P["his"]),
          "dyspepsia": "%s has terrible indigestion" % C.P["he"], "reflux": "%s has bad heartburn" % C.P["he"],
          "bloating": "%s tummy is always bloated" % C.P["his"], "haematemesis": "%s was sick with blood in it" % C.P["he"],
          "bloody_diarrhoea": "%s has diarrhoea with blood" % C.P["he"]}
    claims = [W.p(k, RV[k]) for k in sym_keys(C) if k in RV]
    em = ["---------- Forwarded message ----------", "From: %s (%s)" % (person_rel(rng, rel), rel),
          "Date: %s" % fmt_date(C.ld - dt.timedelta(days=rng.randint(2, 8)), C.dfmt), "Subject: worried about %s" % (("Dad" if C.sex == "M" else "Mum") if rel in ("son", "daughter") else C.first),
          "", "Dear Doctor, I am writing because %s. Please can someone see %s. Thank you." % (
              "; and ".join(claims) if claims else "I am worried about %s" % C.P["him"], C.P["him"])]
    paras = body_prose(C, W, rng, "I attach an email from %s %s. I saw %s today and my findings are below." % (C.title + " " + C.surname + "'s", rel, C.P["him"]))
    rq = req(C, rng)
    return "\n".join([C.practice, C.ld_text, pt_re(C, rng), "", "Dear Colleague,", "", "\n\n".join(paras), "", rq, "", C.gp_name, ""] + em)


def r_fax(C, W, rng):
    cover = ["*** FAX TRANSMISSION ***", "To: Gastroenterology Secretaries, %s   Fax: 01%03d %06d" % (C.hospital, rng.randint(100, 999), rng.randint(100000, 999999)),
             "From: %s   Tel: %s" % (C.practice, C.phone), "Date: %s   Pages (including cover): 3" % C.ld_text,
             "CONFIDENTIAL - If you have received this fax in error, please telephone the sender immediately and destroy the pages.", "",
             "Page 1 of 3", "=" * 40, "%s  |  %s  |  Page 2 of 3" % (C.practice, C.ld_text)]
    paras = body_prose(C, W, rng, "Thank you for seeing %s." % who(C, rng))
    rq = req(C, rng)
    mid = ["Dear Sir or Madam,", "", pt_re(C, rng), ""] + ["\n\n".join(paras[:2]), "",
           "%s  |  %s  |  Page 3 of 3" % (C.practice, C.ld_text), ""] + ["\n\n".join(paras[2:]), ""] + ([rq] if rq else []) + ["", C.gp_name, "", footer(rng)]
    return "\n".join(cover + mid)


def r_system(C, W, rng):
    y0 = C.ld.year
    probs = ["Active problems:"]
    for p in pmh(C, rng, rng.randint(2, 4)):
        probs.append("  %02d-%s-%d  %s" % (rng.randint(1, 28), rng.choice(MON3), rng.randint(1998, y0 - 1), cap(p)))
    for ck, cs, cn in C.cond:
        if ck in ("known_cirrhosis", "known_ibd"):
            probs.append("  " + W.p(ck, cn))
    probs.append("Past problems:")
    RES_CODED = {"rectal_bleeding": "Rectal bleeding (haemorrhoids) (resolved)", "dysphagia": "Food bolus obstruction - OGD normal (resolved)",
                 "haematemesis": "Haematemesis - Mallory-Weiss tear (resolved)", "jaundice": "Obstructive jaundice - gallstones, cholecystectomy (resolved)"}
    cand = [k for k in RES_CODED if not C.f[k]] if C.sc["rule"] not in ("A3", "O3") else []
    for k in rng.sample(cand, min(len(cand), rng.randint(0, 2))):
        probs.append("  %02d-%s-%d  " % (rng.randint(1, 28), rng.choice(MON3), rng.randint(2003, y0 - 3)) + W.d(k, "resolved", RES_CODED[k]))
    probs.append("  %02d-%s-%d  %s (resolved)" % (rng.randint(1, 28), rng.choice(MON3), rng.randint(2000, y0 - 2), rng.choice(["Cellulitis left leg", "Plantar fasciitis", "Tennis elbow", "Acute otitis media", "Community-acquired pneumonia"])))
    md = ["Current medication (repeat templates):"] + ["  %2d. %s" % (i + 1, m) for i, m in enumerate(meds(C, rng, 20 if C.age >= 45 else 8))]
    al = ["Allergies / adverse reactions:", "  Substance | Reaction | Certainty"] + \
         ["  %s | %s | %s" % (a, r, rng.choice(["certain", "likely"])) for a, r in rng.sample(ALLERGY, rng.randint(1, 2))]
    consult = ["Consultation %s - %s" % (C.ld_text, C.gp_name), "History: " + " ".join(hpc_sents(C, W, rng, conds=False) + neg_sents(C, W, rng) + hx_sents(C, W)),
               "Examination: " + (" ".join(exam_sents(C, W, rng)) or "Abdomen soft, non-tender."),
               "Comment: " + " ".join(cond_sents(C, W, rng) or ["-"])]
    res = results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    rs = ["Recent test results:"] + ["  " + r for r in res] + (["  " + fp] if fp else []) if (res or fp) else []
    top = ["Referral letter generated from practice clinical system", "Printed: %s" % C.ld_text, pt_block(C, rng),
           "Usual GP: %s   %s (%s)" % (C.gp_name, C.practice, C.practice_code), "",
           "Dear Gastroenterology team, please see the attached record extract. " + (req(C, rng) or ""), ""]
    body = top + consult + [""] + rs + [""] + probs + [""] + md + [""] + al
    return "\n".join(body + [""] + older_record(C, R(C.id, "record-extra")) + ["", footer(rng)])


OLD_CONSULTS = ["URTI symptoms for 4 days. Chest clear, sats 98%. Self-care advice.",
                "Annual asthma review. Peak flow 420. Inhaler technique checked.", "BP review 138/82. Continue current treatment.",
                "Left knee pain after gardening. Paracetamol and physiotherapy leaflet.", "Influenza vaccination given (left deltoid).",
                "Medication review: all repeats reissued, no changes.", "Insect bite right forearm with mild local reaction. Antihistamine.",
                "Low mood review: improving, sleeping better.", "Eczema flare on both hands. Emollients, mild steroid cream.",
                "Fit note issued for back strain, one week.", "Ear wax both sides. Olive oil drops advised.",
                "Travel advice given; no vaccines needed for Spain.", "Chronic disease review: HbA1c requested, foot check normal.",
                "Telephone call: repeat prescription query resolved by pharmacist.", "Ingrowing toenail right hallux, referred to podiatry."]


def older_record(C, rng):
    out = ["Earlier consultations (most recent first):"]
    d = C.ld
    for t in rng.sample(OLD_CONSULTS, rng.randint(6, 9)):
        d = d - dt.timedelta(days=rng.randint(30, 160))
        out.append("  %s  %s: %s" % (d.strftime("%d-%b-%Y"), "Dr " + rng.choice(SURNAMES), t))
    y = d.year - rng.randint(0, 3)
    adm = dt.date(y, rng.randint(1, 12), rng.randint(1, 20))
    out += ["", "Attached correspondence: discharge summary %s" % adm.strftime("%m/%Y"),
            "%s - Discharge Summary" % rng.choice(HOSPITALS),
            "Admitted %s, discharged %s" % (adm.strftime("%d/%m/%Y"), (adm + dt.timedelta(days=rng.randint(2, 7))).strftime("%d/%m/%Y")),
            ] + list(rng.choice([
                ("Diagnosis: Community-acquired pneumonia", "Investigations: chest X-ray - right basal consolidation.",
                 "Treatment: oral amoxicillin, physiotherapy review; safe for discharge home."),
                ("Diagnosis: Cellulitis of the left leg", "Investigations: swab - Staphylococcus aureus.",
                 "Treatment: flucloxacillin 7 days; leg elevation; safe for discharge home."),
                ("Diagnosis: Mechanical fall, no fracture", "Investigations: X-ray left hip - no fracture.",
                 "Treatment: physiotherapy and occupational therapy review; safe for discharge home."),
                ("Diagnosis: Asthma exacerbation", "Investigations: peak flow 60% of best on admission, 90% at discharge.",
                 "Treatment: nebulisers, prednisolone 5 days; inhaler technique reviewed.")])) + [

            "GP actions: review in two weeks; no hospital follow-up required.",
            "Summary completed by Dr %s, F1, on behalf of Dr %s, Consultant Physician" % (rng.choice(SURNAMES), rng.choice(SURNAMES))]
    return out


def r_discharge(C, W, rng):
    paras = body_prose(C, W, rng, "Thank you for seeing %s." % who(C, rng))
    rq = req(C, rng)
    y = rng.randint(2016, C.ld.year - 1)
    adm = dt.date(y, rng.randint(1, 12), rng.randint(1, 20))
    dis_ = adm + dt.timedelta(days=rng.randint(2, 9))
    dx = rng.choice(["Community-acquired pneumonia (right lower lobe)", "Fractured neck of femur (left), hemiarthroplasty",
                     "Cellulitis of the right leg", "Fast atrial fibrillation, rate controlled", "Renal colic - 4 mm right ureteric calculus, passed spontaneously"])
    ds = ["", "----- Previous discharge summary (%s) pasted for information -----" % y,
          "%s - Discharge Summary" % rng.choice(HOSPITALS), "Admitted: %s   Discharged: %s" % (adm.strftime("%d/%m/%Y"), dis_.strftime("%d/%m/%Y")),
          "Diagnosis: %s" % dx, "Procedures: %s" % rng.choice(["none", "CT chest", "X-ray", "hemiarthroplasty"]),
          "Medication changes: %s" % rng.choice(["started bisoprolol", "course of co-amoxiclav completed", "none", "started apixaban"]),
          "Follow-up: GP review in 2 weeks; no hospital follow-up.", "Discharging clinician: Dr %s, FY2" % rng.choice(SURNAMES)]
    return "\n".join([gp_head(C, rng), "", "Dear Doctor,", "", pt_re(C, rng), "", "\n\n".join(paras), "", rq, "", sign(C, rng)] + ds)


def r_subject_only(C, W, rng):
    subj = [W.p(k, C.ph[k]["note"]) for k in C.pos] + cond_notes(C, W, skip=("management_question",)) + results_items(C, W, rng)
    fp = fit_pending_text(C, W, rng)
    if fp:
        subj.append(fp)
    mqs = [cs for ck, cs, cn in C.cond if ck == "management_question"]
    body = ["Dear colleague,", "", "Please see the subject line. Background: %s. Medication: %s. %s" % (
        ", ".join(pmh(C, rng, 2)) or "nil of note", "; ".join(meds(C, rng, 3)), soc(C, rng))]
    if mqs:
        body.append(W.p("management_question", cap(mqs[0])) + ".")
    n = neg_notes(C, W)
    if n:
        body.append("For completeness: " + ", ".join(n) + ".")
    body += hx_sents(C, W)
    rq = req(C, rng)
    age = ("%d%s" % (C.age, C.P["M"])) if C.age_stated() else ""
    return "\n".join(["Subject: Gastro referral - %s %s %s - %s" % (C.title, C.surname, age, ", ".join(subj)),
                      "Date: %s" % C.ld_text, "Patient DOB: %s  NHS: %s" % (C.dob_text, C.nhs), ""] + body + ["", rq, C.gp_name])


def r_reason_end(C, W, rng):
    bg = ["I have known %s for many years. %s" % (C.name, soc(C, rng)),
          "%s past history includes %s." % (C.P["His"], ", ".join(pmh(C, rng, 3)) or "very little"),
          "%s current medicines are %s." % (C.P["His"], "; ".join(meds(C, rng, 5))),
          "%s was last seen at the surgery for %s in %s." % (C.P["He"], rng.choice(["a medication review", "a chest infection", "a blood pressure check", "a flu vaccination"]), MONTHS[(C.ld.month - 3) % 12])]
    paras = body_prose(C, W, rng, "The reason I am writing now is this.")
    rq = req(C, rng)
    return "\n".join([gp_head(C, rng), "", pt_re(C, rng), "", "Dear Dr %s," % C.consultant.split()[-1], "", " ".join(bg), ""] +
                     ["\n\n".join(paras), "", rq, "", sign(C, rng)])


STYLES = {
    "plain_formal_oldstyle": r_plain_formal, "plain_standard": r_plain_standard, "plain_chatty": r_plain_chatty,
    "plain_terse": r_plain_terse, "plain_bullets": r_plain_bullets, "plain_ers_template": r_plain_ers,
    "sbar": r_sbar, "soap": r_soap, "pc_hpc_ros": r_pc_hpc, "symptom_table": r_symptom_table,
    "addendum_ps": r_addendum_ps, "chaser_letter": r_chaser, "email_thread_newest_first": r_email,
    "phone_note_next_day": r_phone, "welsh_usc_form": r_welsh_usc, "scottish_usc_form": r_scottish_usc,
    "private_provider_form": r_private, "cdc_request_form": r_cdc, "endoscopy_direct_access": r_endoscopy,
    "virtual_ward": r_virtual_ward, "request_for_opinion": r_request_opinion, "numbered_options_form": r_numbered,
    "ooh_gp": r_ooh, "prison_healthcare": r_prison, "armed_forces_mo": r_forces, "university_health": r_university,
    "homeless_outreach_nurse": r_homeless, "palliative_care_nurse": r_palliative, "midwife_antenatal": r_midwife,
    "sexual_health_clinic": r_sexual_health, "occupational_health": r_occ_health, "physician_associate": r_pa,
    "fcp_physio": r_fcp, "dietitian": r_dietitian, "internal_consultant": r_internal, "speech_dictation": r_dictation,
    "symptom_diary": r_diary, "self_referral_questionnaire": r_selfq, "translated_letter": r_translated,
    "relative_email_forwarded": r_relative, "fax_cover_sheet": r_fax, "gp_system_paste": r_system,
    "discharge_summary_appended": r_discharge, "subject_line_only": r_subject_only, "reason_at_end": r_reason_end,
}
PLAIN = {"plain_formal_oldstyle", "plain_standard", "plain_chatty", "plain_terse", "plain_bullets", "plain_ers_template"}


# --------------------------------------------------------------------------
# the plan: which rule goes with which layout/writer
# --------------------------------------------------------------------------
EXPLICIT = {
    "midwife_antenatal": [("O3", "preg"), ("A2", "preg"), ("R3", "preg"), ("O5", "preg"), ("R1", "preg")],
    "sexual_health_clinic": [("U2", "anal_ulcer"), ("O5", "hepB"), ("R1", None), ("A1", None)],
    "prison_healthcare": [("O5", "hepC"), ("U1", None), ("A2", None), ("U8", None), ("R3", None)],
    "armed_forces_mo": [("R1", None), ("A1", None), ("O4", None), ("U3", "young"), ("A2", None)],
    "university_health": [("O4", None), ("A1", None), ("R1", None), ("D", "young_bleed"), ("A2", None)],
    "homeless_outreach_nurse": [("R2", "cirr_confusion"), ("R3", None), ("O5", None), ("U5", None), ("R2", "alt")],
    "palliative_care_nurse": [("U1", "old"), ("R2", "cirr_ascites"), ("U7", None), ("U6", None)],
    "occupational_health": [("O5", None), ("A1", None), ("O1", None), ("D", None)],
    "physician_associate": [("U8", None), ("O6", None), ("A2", None), ("O2", None), ("D", None)],
    "fcp_physio": [("U8", "wl_pain"), ("U6", None), ("O6", None), ("D", None)],
    "dietitian": [("O4", None), ("A1", None), ("U5", None), ("O2", None), ("D", None)],
    "internal_consultant": [("U4", "haem"), ("U4", "cardio"), ("O5", "rheum"), ("A1", "gynae"), ("U2", "gynae"),
                            ("O2", "rheum"), ("U7", "cardio")],
    "ooh_gp": [("R3", None), ("R1", None), ("U7", None), ("R2", None), ("U1", None)],
    "virtual_ward": [("R2", "cirr_ascites"), ("U4", None), ("U7", None), ("R3", None)],
    "welsh_usc_form": [("U8", None), ("U3", None), ("U4", None), ("O6", None), ("U6", None), ("D", None)],
    "scottish_usc_form": [("U1", None), ("U5", None), ("U3", None), ("A1", None), ("U8", None), ("O1", None)],
    "endoscopy_direct_access": [("U1", None), ("O1", None), ("A2", None), ("U5", None), ("O6", None)],
    "request_for_opinion": [("A3", None), ("O3", None), ("A2", None), ("U4", "young_f"), ("O5", None)],
    "cdc_request_form": [("U8", None), ("O6", None), ("U3", None), ("A1", None), ("D", None)],
    "private_provider_form": [("A1", None), ("O1", None), ("A3", None), ("U3", None), ("O4", None)],
    "symptom_diary": [("A1", None), ("R1", None), ("O6", None), ("U8", None), ("O2", None)],
    "relative_email_forwarded": [("U5", None), ("U7", None), ("U8", None), ("D", None), ("O6", None)],
}
FILL = {"sbar": 5, "soap": 5, "pc_hpc_ros": 7, "symptom_table": 5, "addendum_ps": 7, "chaser_letter": 5,
        "email_thread_newest_first": 5, "phone_note_next_day": 5, "numbered_options_form": 4, "speech_dictation": 5,
        "self_referral_questionnaire": 5, "translated_letter": 5, "fax_cover_sheet": 5, "gp_system_paste": 6,
        "discharge_summary_appended": 5, "subject_line_only": 5, "reason_at_end": 4,
        "plain_formal_oldstyle": 18, "plain_standard": 17, "plain_chatty": 17, "plain_terse": 17,
        "plain_bullets": 17, "plain_ers_template": 17}
FORCED_GP = {"welsh_usc_form": "usc", "scottish_usc_form": "usc", "request_for_opinion": "advice"}
URG_CLASS = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine", "advice_and_guidance": "advice"}


def make_plan():
    pool = Counter(RULE_COUNTS)
    slots = []
    for style, lst in EXPLICIT.items():
        for rule, hint in lst:
            pool[rule] -= 1
            assert pool[rule] >= 0, rule
            slots.append((rule, style, hint))
    rest = sorted(pool.elements())
    R("plan", "rest").shuffle(rest)
    fill = [s for s, n in sorted(FILL.items()) for _ in range(n)]
    assert len(fill) == len(rest), (len(fill), len(rest))
    slots += [(r, s, None) for r, s in zip(rest, fill)]
    assert len(slots) == 300
    keyed = sorted((H("order|%s|%s|%s|%d" % (t + (j,))), t) for j, t in enumerate(slots))
    return [t for _, t in keyed]


def build_scenarios():
    slots = make_plan()
    counter = Counter()
    scs = []
    for i, (rule, style, hint) in enumerate(slots):
        sid = "L17-%04d" % (i + 1)
        rng = R(sid, "scenario")
        fn, nv = BUILDERS[rule]
        k = counter[rule]
        counter[rule] += 1
        sex = "F" if style == "midwife_antenatal" else None
        f, extra = fn((k * 7 + H(sid) % 3) % nv if nv > 1 else 0, rng, sex, hint)
        if style == "midwife_antenatal":
            f["sex"], f["pregnant"] = "F", True
            f["age"] = min(max(f["age"], 20), 42)
            f["hb"] = None
            f["ferritin"] = None
        sc = dict(id=sid, rule=rule, style=style, hint=hint, f=f, extra=extra)
        assert classify(f) == rule and not ambiguity_problems(f), (sid, rule, style, classify(f), ambiguity_problems(f))
        finalize(sc, R(sid, "distractors"))
        scs.append(sc)
    # requested priority: about half disagree with the rules
    free = []
    dis = 0
    for sc in scs:
        urg = LABELS[sc["rule"]][0]
        if sc["style"] in FORCED_GP:
            sc["gp"] = FORCED_GP[sc["style"]]
            dis += sc["gp"] != URG_CLASS[urg]
        else:
            free.append(sc)
    need = 150 - dis
    free.sort(key=lambda s: H("gp|" + s["id"]))
    for j, sc in enumerate(free):
        rng = R(sc["id"], "gp")
        mine = URG_CLASS[LABELS[sc["rule"]][0]]
        if j < need:
            opts = {"usc": (["urgent", "routine", "advice"], [3, 4, 1]), "urgent": (["usc", "routine", "advice"], [3, 3, 1]),
                    "routine": (["usc", "urgent", "advice"], [3, 3, 2]), "advice": (["usc", "urgent", "routine"], [2, 2, 4])}[mine]
            sc["gp"] = rng.choices(opts[0], opts[1])[0]
        else:
            sc["gp"] = None if rng.random() < 0.15 else mine
    return scs


# --------------------------------------------------------------------------
# light noise (~10% of letters), only in words that carry no fact
# --------------------------------------------------------------------------
NOISE = {"grateful": "greatful", "appointment": "appointmnet", "regards": "regrads", "sincerely": "sincerly",
         "further": "futher", "received": "recieved", "pleasant": "pleasent", "colleague": "collegue",
         "necessary": "neccessary", "Surgery": "Surgey", "Practice": "Pract1ce", "patient": "patlent",
         "Dear": "Dcar", "would": "wouId", "seeing": "seing", "Thank": "Tharnk", "information": "inforrnation",
         "attached": "attatched", "medication": "rnedication", "Referral": "Referra1", "department": "departrnent",
         "telephone": "telephcne", "Kind": "Kmd", "available": "availible", "Yours": "Y0urs"}


def add_noise(text, protected, rng):
    spans = []
    for s in protected:
        for m in re.finditer(re.escape(s), text):
            spans.append((m.start(), m.end()))
    hits = []
    for w in NOISE:
        for m in re.finditer(r"\b%s\b" % re.escape(w), text):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                hits.append((m.start(), m.end(), NOISE[w]))
    hits.sort()
    rng.shuffle(hits)
    chosen = sorted(hits[:max(2, min(6, len(hits)))], reverse=True)
    for a, b, rep in chosen:
        text = text[:a] + rep + text[b:]
    return text, len(chosen)


def tidy(text):
    lines = [ln.rstrip() for ln in text.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    out = re.sub(r"  +(?=\S)", lambda m: m.group(0) if m.start() == 0 else " ", out) if False else out
    return out.strip() + "\n"


POSITIVE_BOOL = SYMPTOM_KEYS + EXAM_KEYS + ["known_cirrhosis", "known_ibd", "ibd_stable", "management_question",
                                            "fh_crc", "pregnant"]
VALUE_KEYS = ["hb", "ferritin", "fit", "calprotectin", "alt", "ppi_weeks", "coeliac_serology", "fatty_liver_imaging"]


def render_all(scs):
    noisy = set(sorted((s["id"] for s in scs), key=lambda x: H("noise|" + x))[:30])
    letters, metas = [], []
    for sc in scs:
        C = Content(sc)
        C.gp = sc["gp"]
        W = Rec()
        text = tidy(STYLES[sc["style"]](C, W, R(sc["id"], "render")))
        prot = [s for v in W.ev.values() for s in v] + [d["text"] for d in W.dis]
        n_noise = 0
        if sc["id"] in noisy:
            text, n_noise = add_noise(text, prot + [C.ld_text, C.dob_text, C.nhs, C.chi, C.name], R(sc["id"], "noise"))
        f = sc["f"]
        for s in prot:
            assert s in text, (sc["id"], sc["style"], s)
        for k in POSITIVE_BOOL:
            if f[k]:
                assert W.ev.get(k), (sc["id"], sc["style"], "no evidence for", k)
        for k in VALUE_KEYS:
            if f[k] is not None:
                assert W.ev.get(k), (sc["id"], sc["style"], "no evidence for", k)
        if f["other_symptoms"]:
            assert W.ev.get("other_symptoms"), sc["id"]
        assert C.ld_text in text and C.dob_text in text, sc["id"]
        age_mode = "dob_only"
        if re.search(r"\b%d-year-old\b|\baged? %d\b|\b%d[MF]\b|\b%s is %d\b" % (C.age, C.age, C.age, C.P["He"], C.age), text):
            age_mode = "stated"
        elif C.age_mode == "decade" and DECADES[C.age // 10] in text:
            age_mode = "decade"
        for m in re.finditer(r"\b(\d+)-year-old\b", text):
            assert int(m.group(1)) == C.age, sc["id"]
        rule = classify(f)
        assert rule == sc["rule"]
        urg, path = LABELS[rule]
        letters.append({"id": sc["id"], "text": text, "urgency": urg, "pathway": path, "rule": rule,
                        "style": sc["style"], "gp_priority": PRIORITY_WORDS.get(sc["gp"]) if sc["gp"] else None,
                        "age": f["age"]})
        metas.append({"id": sc["id"], "rule": rule, "style": sc["style"], "hint": sc["hint"],
                      "letter_date": C.ld.isoformat(), "letter_date_text": C.ld_text, "dob": C.dob.isoformat(),
                      "dob_text": C.dob_text, "age": f["age"], "age_mode": age_mode, "sex": f["sex"],
                      "nhs_number": C.nhs, "chi_number": C.chi if sc["style"] == "scottish_usc_form" else None,
                      "facts": f, "evidence": dict(W.ev), "distractors": W.dis,
                      "gp_priority_class": sc["gp"],
                      "gp_priority_disagrees": bool(sc["gp"]) and sc["gp"] != URG_CLASS[urg],
                      "fit_pending": sc["extra"].get("fit_pending") if f["fit"] is None else None,
                      "noise_edits": n_noise, "plain_gp_letter": sc["style"] in PLAIN})
    return letters, metas


def readme(letters, metas, sha):
    c = lambda key: Counter(x[key] for x in letters)
    def table(cnt, order=None):
        keys = order or sorted(cnt)
        return "\n".join("| %s | %d |" % (k, cnt[k]) for k in keys)
    rules = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3", "O4", "O5", "A1", "O6", "A2", "A3", "D"]
    dis = sum(m["gp_priority_disagrees"] for m in metas)
    null = sum(m["gp_priority_class"] is None for m in metas)
    kinds = Counter(d["kind"] for m in metas for d in m["distractors"])
    plain = sum(m["plain_gp_letter"] for m in metas)
    noisy = sum(1 for m in metas if m["noise_edits"])
    return README_TEXT.format(
        sha=sha, urg=table(c("urgency"), ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]),
        path=table(c("pathway"), ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]),
        rules=table(c("rule"), rules), styles=table(c("style")), nstyles=len(c("style")), plain=plain,
        dis=dis, null=null, kinds=table(kinds), noisy=noisy,
        ages="%d-%d" % (min(x["age"] for x in letters), max(x["age"] for x in letters)))


README_TEXT = """# letters17 - a sealed test set of 300 gastroenterology referral letters

Written blind: only `/work/shared/clinical/referral-triage-spec.md`, the brief and general knowledge of
UK general practice were used.  No system code, training data or other test set was looked at.

sha256 of `letters.jsonl`: `{sha}`

## Files
- `letters.jsonl` - 300 lines: id, text, urgency, pathway, rule, style, gp_priority, age.
- `letters_meta.jsonl` - per id: letter date and DOB (as written and ISO), age and how it is given
  (`stated`, `dob_only`, `decade` = "in her seventies" plus DOB), sex, NHS/CHI number, the full fact
  table drawn (`facts`), every evidence string written for each positive fact or value (`evidence`), and
  every distractor with its kind (`distractors`: negated, family_history, resolved, hypothetical,
  normal_value, unticked_box, superseded, pending, refuted_claim, explained), the writer's requested
  priority class and whether it disagrees with the rules.
- `make_set.py` - the generator (Python 3 standard library; every random choice seeded from strings;
  a rerun gives byte-identical files).  `python3 make_set.py [--out DIR]`.
- `validate_set.py` - independent re-check (does not import the generator): re-derives every rule,
  urgency and pathway from the meta facts under every combination of the loose readings listed below
  (all must agree), re-parses the numbers out of the evidence strings, checks that every evidence and
  distractor string is in the text, recomputes age from DOB and letter date, checks NHS/CHI check digits,
  the mix, and (with `--rerun`) that a fresh run of the generator is byte-identical.
- `second_pass.tsv` - 50 letters re-read blind and labelled by hand from the text alone.

## How it was made
1. A plan fixes how many letters each rule gets (roughly the spec's class mix) and which layout/writer
   carries each one; settings with natural case-mixes (midwife, prison, hospice, sexual health, forms
   that are by nature 2WW or advice requests...) get hand-picked rules, the rest are shuffled.
2. A builder per rule draws a scenario (age, sex, facts).  Many include facts that a *later* rule would
   also match (e.g. dysphagia with FIT 38, IDA with FIT <4, FIT 25 with weight loss and dyspepsia at 70,
   known stable IBD with calprotectin 176, haematemesis after 8 weeks of PPI at 63), so rule order is tested.
3. Distractors are added that never change the label: negated red flags, family history, resolved past
   episodes, hypotheticals, normal results listed to reassure, abnormal results from last year that have
   since normalised, weight claims by relatives refuted by measurement, deliberate weight loss, unticked
   boxes, tests pending.  Each addition is re-classified and kept only if the rule is unchanged.
4. A layout renders the letter, recording each evidence/distractor string as it is written.
5. Letters whose label would turn on a loose reading of the spec were designed out.  Readings checked
   (the validator tries every combination): A1's "no other fact above" (strictly: any other finding);
   dyspepsia/epigastric pain counting as "abdominal pain" for U8; abdominal pain of unstated site
   counting as "upper" for U5; bloody diarrhoea counting as rectal bleeding / change in bowel habit for U8;
   epigastric pain counting as dyspepsia for A2; reflux counting as dyspepsia for O1.  Other rules of
   thumb: FIT is always given as a number, "<4", "undetectable" or "negative" (never "positive" alone),
   an unknown FIT on a form is written "not done" (never an unticked box); no Hb in pregnancy; PPI
   durations are 1-2 weeks or at least 4; jaundice under 40 only with ALT >= 300; weight loss is always
   quantified; "the bleeding stopped" is never used to change a label; A3 letters are symptom-free.

## Mix
Ages {ages}.  {nstyles} layouts/writers; {plain} letters are plain GP letters (formal/old-style, standard,
chatty, terse, bullet-point, e-RS template) by many different writers.  The writer's requested priority
disagrees with the rules in {dis} letters (over- and under-asking); {null} letters state no priority.
{noisy} letters carry light noise (spelling slips, OCR swaps such as l/1, rn/m, 0/O) only in words that
carry no fact.

### Urgency
| urgency | n |
| --- | --- |
{urg}

### Pathway
| pathway | n |
| --- | --- |
{path}

### Rule
| rule | n |
| --- | --- |
{rules}

### Layout / writer (style)
| style | n |
| --- | --- |
{styles}

### Distractor kinds (all letters)
| kind | n |
| --- | --- |
{kinds}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    a = ap.parse_args()
    scs = build_scenarios()
    letters, metas = render_all(scs)
    os.makedirs(a.out, exist_ok=True)
    data = "".join(json.dumps(x, ensure_ascii=False, sort_keys=False) + "\n" for x in letters).encode("utf-8")
    with open(os.path.join(a.out, "letters.jsonl"), "wb") as fh:
        fh.write(data)
    with open(os.path.join(a.out, "letters_meta.jsonl"), "wb") as fh:
        fh.write("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in metas).encode("utf-8"))
    sha = hashlib.sha256(data).hexdigest()
    with open(os.path.join(a.out, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(readme(letters, metas, sha) + README_EXTRA)
    print("wrote %d letters, sha256 %s" % (len(letters), sha))


README_EXTRA = """
## Second pass (`second_pass.tsv`)
50 letters were drawn with `random.Random("letters17-second-pass")` from the 265 letters not opened while
the generator was being debugged (35 letters had been printed during development and were left out of the
draw so that their labels were not already known).  Each was read from its text alone (id and text only,
no labels or meta), labelled by hand with the spec, and only then compared with the set: 50/50 agree on
rule, urgency and pathway.  The reading found text problems that did not change a label but could mislead a
reader (a bloody-diarrhoea letter that also said "bowel habit unchanged" / "no PR bleed", an SBAR that
mentioned an "IBD team" question in a letter without IBD, age-inappropriate PMH/medicines, a relative's
name of the wrong sex).  The generator was fixed, the set regenerated, and the changed sampled letters
re-read; the fixes are listed per letter in the TSV.

## Validator
`python3 validate_set.py --rerun` -> PASS (see the summary it prints: counts, rule-order cases, the 64
reading combinations tried per letter, byte-identical rerun).

## Known limits
- Wording comes from phrase pools, so phrasings recur across letters, although each layout/writer frames them
  differently and facts are mixed with distractors in varying order.
- Letters are synthetic; identifiers (NHS/CHI numbers with valid check digits, practice codes, names) are invented.
"""

if __name__ == "__main__":
    main()
