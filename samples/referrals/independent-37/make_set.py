#!/usr/bin/env python3
"""Generator for the sealed test set "letters37" (300 gastroenterology referral letters).

Python 3 standard library only. Every random choice is drawn from random.Random seeded with a
string, so reruns give byte-identical files.  Run:  python3 make_set.py
Writes letters.jsonl and letters_meta.jsonl next to this file.

Emphasis of this set: background around the current problem (problem lists, drug lists, old
investigations, old/new result tables, family/social history, safety netting) whose words sound
like spec facts but are not current facts.  Labels follow referral-triage-spec.md from what is
current and present.
"""
import datetime
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "letters37"


def RNG(*parts):
    return random.Random(SEED + "|" + "|".join(str(p) for p in parts))


# --------------------------------------------------------------------------------------------
# Spec rules (first match decides) -- used by the generator to assert its intended rule.
# --------------------------------------------------------------------------------------------
RULES = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3",
         "O1", "O2", "O3", "O4", "O5", "A1", "O6", "A2", "A3", "D"]
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

FACT_DEFAULTS = dict(
    dysphagia=False, rectal_mass=False, anal_mass=False, anal_ulcer=False, fit=None,
    hb=None, ferritin=None, weight_loss=False, upper_abdominal_pain=False, reflux=False,
    dyspepsia=False, ppi_weeks=None, abdominal_mass=False, jaundice=False,
    rectal_bleeding=False, cibh=False, abdominal_pain=False, bloating=False,
    bloody_diarrhoea=False, calprotectin=None, cirrhosis=False, ascites=False,
    confusion=False, alt=None, haematemesis=False, known_ibd=None, ibd_stable=False,
    ibd_question=None, ttg_raised=False, fatty_liver=False, fh_crc=False, other_symptoms=None)

SYMPTOM_KEYS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
                "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
                "rectal_bleeding", "cibh", "abdominal_pain", "bloating", "bloody_diarrhoea",
                "ascites", "confusion", "haematemesis"]


def spec_rule(f, age, sex):
    hb, fer, fit, cal, alt = f["hb"], f["ferritin"], f["fit"], f["calprotectin"], f["alt"]
    anaemia = hb is not None and (hb < 130 if sex == "M" else hb < 120)
    irondef = fer is not None and fer < 30
    pain = f["abdominal_pain"] or f["upper_abdominal_pain"]
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_abdominal_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and f["rectal_bleeding"]) or (age >= 40 and f["weight_loss"] and pain)
                        or (age >= 60 and f["cibh"])):
        return "U8"
    if f["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and f["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["ibd_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    other_above = (f["weight_loss"] or f["rectal_bleeding"] or anaemia or irondef or f["dyspepsia"]
                   or f["reflux"] or f["upper_abdominal_pain"] or f["cirrhosis"] or f["known_ibd"])
    if age < 50 and (f["abdominal_pain"] or f["bloating"] or f["cibh"]) and \
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)) and not other_above:
        return "A1"
    if (f["rectal_bleeding"] or f["cibh"] or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    symptomatic = any(f[k] for k in SYMPTOM_KEYS) or bool(f["other_symptoms"])
    if f["fh_crc"] and not symptomatic:
        return "A3"
    return "D"


# --------------------------------------------------------------------------------------------
# Name pools, practices, writers
# --------------------------------------------------------------------------------------------
FIRST_M = ["David", "Peter", "Mohammed", "Graham", "Tomasz", "Kevin", "Rajesh", "Alan", "Gareth",
           "Stephen", "Callum", "Dennis", "Imran", "Trevor", "Liam", "Derek", "Colin", "Kwame",
           "Owen", "Barry", "Neil", "Harold", "Sanjay", "Jamie", "Ryan", "Malcolm", "Stuart",
           "Ahmed", "Clive", "Joseph", "Frank", "Nathan", "Arthur", "Vikram", "Paul"]
FIRST_F = ["Margaret", "Susan", "Aisha", "Joanne", "Priya", "Linda", "Karen", "Bethan", "Elaine",
           "Fatima", "Gillian", "Chloe", "Irene", "Nasreen", "Rachel", "Doreen", "Sophie", "Tracey",
           "Hannah", "Agnieszka", "Patricia", "Lorraine", "Megan", "Shirley", "Amina", "Jean",
           "Catherine", "Yvonne", "Rebecca", "Sian", "Olga", "Dawn", "Maureen", "Kirsty", "Ruth"]
SURNAMES = ["Thompson", "Patel", "Hughes", "Okafor", "Walsh", "Khan", "Robertson", "Evans",
            "Nowak", "Baker", "Ahmed", "Davies", "Gallagher", "Singh", "Morgan", "Clarke",
            "Begum", "Fletcher", "McLeod", "Osei", "Pritchard", "Hussain", "Turner", "Jenkins",
            "Lloyd", "Kowalski", "Barker", "Chaudhry", "Doyle", "Ellis", "Shah", "Harding",
            "Mensah", "Rowe", "Whitfield", "Bell", "Iqbal", "Holt", "Parry", "Sutherland"]
GP_SURN = ["Adeyemi", "Bhatt", "Carver", "Dunleavy", "Eastwood", "Farooq", "Gordon", "Hale",
           "Ibrahim", "Jarvis", "Kerr", "Lamb", "Mistry", "Norris", "O'Neill", "Pugh", "Quinn",
           "Rahman", "Stott", "Tan", "Underwood", "Vaughan", "Wong", "Yates", "Zaman"]
GP_FIRST = ["Helen", "James", "Anjali", "Mark", "Sarah", "Tom", "Nadia", "Richard", "Emma",
            "Chris", "Laura", "Ben", "Ruth", "Omar", "Kate", "Simon", "Zara", "Philip"]
PRACTICES = [
    ("Riverside Medical Centre", "M85011", "14 Mill Lane, Wolverhampton WV3 8QA", "01902 555 210"),
    ("Castle Street Surgery", "L83042", "2 Castle Street, Exeter EX4 3PT", "01392 555 771"),
    ("The Meadows Health Centre", "C82019", "Meadow Road, Leicester LE2 7FG", "0116 555 3320"),
    ("Brookfield Group Practice", "P84033", "88 Brookfield Avenue, Manchester M21 9LQ", "0161 555 4410"),
    ("Harbourside Surgery", "J82155", "1 Quay Road, Southampton SO14 2AB", "023 8055 5123"),
    ("Northgate Medical Practice", "B86027", "Northgate, Leeds LS7 1RF", "0113 555 8890"),
    ("Ashby Road Surgery", "C83061", "41 Ashby Road, Loughborough LE11 3AA", "01509 555 600"),
    ("Priory Fields Practice", "K81070", "Priory Lane, Reading RG1 6PL", "0118 555 2077"),
    ("Valley View Surgery", "W91044", "Station Road, Wrexham LL11 1EE", "01978 555 190"),
    ("St Anne's Health Centre", "N82090", "St Anne's Road, Liverpool L17 6BE", "0151 555 7040"),
    ("Oakwood Family Practice", "F85016", "Oakwood Drive, Enfield EN2 7LS", "020 8555 3399"),
    ("Tynemouth Road Surgery", "A85008", "120 Tynemouth Road, North Shields NE30 2LT", "0191 555 2600"),
]
CONSULTANTS = ["Dr Whitcombe", "Dr Achebe", "Dr Lindqvist", "Dr Ramanathan", "Dr Foley", "Dr Castellano"]
HOSPITALS = ["Royal County Hospital", "St Mary's University Hospital", "Northern General Hospital",
             "City Hospital", "Princess Alexandra Hospital"]


def nhs_number(rng):
    while True:
        d = [rng.randint(4, 7)] + [rng.randint(0, 9) for _ in range(8)]
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def nhs_fmt(n, rng):
    return rng.choice([n[:3] + " " + n[3:6] + " " + n[6:], n, n[:3] + "-" + n[3:6] + "-" + n[6:]])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def fdate(d, kind):
    if kind == 0:
        return d.strftime("%d/%m/%Y")
    if kind == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if kind == 2:
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if kind == 3:
        return d.strftime("%d.%m.%y")
    return "%d %s %d" % (d.day, MONTHS[d.month - 1][:3], d.year)


def mon_year(d):
    return "%s %d" % (MONTHS[d.month - 1], d.year)


NUM_WORDS = {0: "", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
             8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen",
             14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
             19: "nineteen"}
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty",
        9: "ninety"}


def age_words(n):
    if n < 20:
        return NUM_WORDS[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + NUM_WORDS[u] if u else "")


# --------------------------------------------------------------------------------------------
# Scenario builders: the current facts that decide each rule
# --------------------------------------------------------------------------------------------
PPIS = [("omeprazole 20 mg daily", "omeprazole"), ("lansoprazole 30 mg once daily", "lansoprazole"),
        ("omeprazole 40 mg od", "omeprazole"), ("esomeprazole 20 mg daily", "esomeprazole")]


def hb_normal(rng):
    return rng.randint(136, 158)


def hb_low(rng, sex):
    return rng.randint(78, 110) if sex == "F" else rng.randint(80, 112)


def fit_negative(rng):
    return rng.choice([("<4", 2), ("4", 4), ("<10", 5), ("negative", 0), ("undetectable", 0),
                       ("2", 2), ("6", 6), ("<4", 2), ("0", 0), ("3", 3)])


def age_in(rng, lo, hi):
    return rng.randint(lo, hi)


def build_facts(rule, rng, style):
    f = dict(FACT_DEFAULTS)
    f["other_symptoms"] = []
    v = {"dur_w": rng.randint(3, 14), "dur_m": rng.randint(2, 8), "fit_text": None}
    sex = rng.choice("MF")
    lo, hi = 18, 95
    if style == "armed_forces_medical_officer":
        hi = 58
    if style == "community_matron_home_visits":
        lo = 62

    def A(a, b):
        a2, b2 = max(a, lo), min(b, hi)
        if a2 > b2:
            raise ValueError("age window")
        return rng.randint(a2, b2)

    def set_fit_neg():
        t, val = fit_negative(rng)
        f["fit"], v["fit_text"] = val, t

    def maybe_normal_bloods(p=0.5):
        if rng.random() < p:
            f["hb"] = hb_normal(rng)
            if rng.random() < 0.6:
                f["ferritin"] = rng.randint(45, 260)

    if rule == "U1":
        age = A(28, 92)
        f["dysphagia"] = True
        if rng.random() < 0.3:
            f["weight_loss"] = True
        if rng.random() < 0.3:
            f["reflux"] = True
        maybe_normal_bloods()
        v["contrast_stricture"] = rng.random() < 0.35
    elif rule == "U2":
        age = A(35, 90)
        f[rng.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])] = True
        if rng.random() < 0.5:
            f["rectal_bleeding"] = True
        maybe_normal_bloods()
    elif rule == "U3":
        age = A(25, 90)
        val = rng.choice([15, 18, 23, 31, 45, 52, 67, 88, 120, 150, 210, 400])
        f["fit"], v["fit_text"] = val, str(val)
        for k in rng.sample(["cibh", "rectal_bleeding", "abdominal_pain"], rng.randint(1, 2)):
            f[k] = True
        maybe_normal_bloods(0.6)
        v["fit_repeat"] = rng.random() < 0.25
    elif rule == "U4":
        age = A(18, 95)
        f["hb"] = hb_low(rng, sex)
        f["ferritin"] = rng.randint(3, 19)
        f["other_symptoms"] = [rng.choice(["tiredness", "breathlessness on exertion", "tiredness"])]
        if rng.random() < 0.25:
            set_fit_neg()
        v["on_iron_contrast"] = rng.random() < 0.35
    elif rule == "U5":
        age = A(55, 90)
        f["weight_loss"] = True
        ks = rng.sample(["upper_abdominal_pain", "dyspepsia", "reflux"], rng.randint(1, 2))
        for k in ks:
            f[k] = True
        maybe_normal_bloods()
    elif rule == "U6":
        age = A(30, 90)
        f["abdominal_mass"] = True
        maybe_normal_bloods()
    elif rule == "U7":
        age = A(40, 92)
        f["jaundice"] = True
        if rng.random() < 0.6:
            f["alt"] = rng.choice([62, 88, 140, 176, 230, 410, 520])
        v["bili"] = rng.randint(60, 260)
    elif rule == "U8":
        path = rng.choice(["rb", "rb", "wl", "cibh", "cibh"])
        if lo >= 55 and path == "wl":
            path = "cibh"
        v["u8_path"] = path
        if path == "rb":
            age = A(50, 90)
            f["rectal_bleeding"] = True
        elif path == "wl":
            age = A(40, 54)
            f["weight_loss"] = True
            f["abdominal_pain"] = True
        else:
            age = A(60, 92)
            f["cibh"] = True
        maybe_normal_bloods(0.6)
    elif rule == "R1":
        path = rng.choice(["bd", "bd", "cal"])
        if lo >= 50:
            path = "cal"
        v["r1_path"] = path
        if path == "bd":
            age = A(18, 39) if hi >= 18 else A(18, 39)
            f["bloody_diarrhoea"] = True
            if rng.random() < 0.4:
                f["calprotectin"] = rng.choice([320, 480, 760, 1200, 1850])
        else:
            f["calprotectin"] = rng.choice([300, 360, 450, 620, 900, 1400])
            f["cibh"] = True
            if lo < 50 and rng.random() < 0.6:
                age = A(18, 49)
            else:
                age = A(50, 85)
                set_fit_neg()
        maybe_normal_bloods(0.4)
    elif rule == "R2":
        path = rng.choice(["alt", "alt", "cirr"])
        v["r2_path"] = path
        if path == "alt":
            age = A(19, 85)
            f["alt"] = rng.choice([360, 412, 480, 560, 690, 820, 1150])
            f["other_symptoms"] = [rng.choice(["tiredness", "nausea", "malaise", "tiredness and nausea"])]
        else:
            age = A(38, 82)
            f["cirrhosis"] = True
            f[rng.choice(["ascites", "confusion", "ascites"])] = True
            f["alt"] = rng.choice([None, 48, 62, 35, 29])
        maybe_normal_bloods(0.4)
    elif rule == "R3":
        age = A(18, 88)
        f["haematemesis"] = True
        f["hb"] = hb_normal(rng)
    elif rule == "O1":
        age = A(55, 88)
        f["dyspepsia"] = True
        f["ppi_weeks"] = rng.choice([6, 8, 8, 10, 12, 16])
        v["ppi"] = rng.choice(PPIS)
        if rng.random() < 0.3:
            f["reflux"] = True
        f["hb"] = hb_normal(rng)
    elif rule == "O2":
        f["calprotectin"] = rng.choice([110, 128, 145, 160, 184, 198, 215, 230])
        if lo < 50 and rng.random() < 0.75:
            age = A(18, 49)
        else:
            age = A(50, 78)
            set_fit_neg()
        for k in rng.sample(["cibh", "abdominal_pain", "bloating"], rng.randint(1, 2)):
            f[k] = True
        maybe_normal_bloods(0.5)
    elif rule == "O3":
        age = A(19, 85)
        f["known_ibd"] = rng.choice(["ulcerative colitis", "Crohn's disease", "ulcerative colitis"])
        f["ibd_stable"] = True
        f["ibd_question"] = rng.choice(["stop_aza", "yellow_fever", "pregnancy", "steroid_bone",
                                        "mesalazine_dose", "travel_vaccine", "stop_aza"])
        if f["ibd_question"] == "pregnancy":
            sex = "F"
            age = A(24, 40)
        if rng.random() < 0.5:
            f["calprotectin"] = rng.choice([22, 35, 48, 60, 18])
        maybe_normal_bloods(0.4)
    elif rule == "O4":
        age = A(18, 75)
        f["ttg_raised"] = True
        v["ttg"] = rng.choice([("28", "<10"), ("64", "<7"), (">128", "<10"), ("45", "<15"), ("96", "<7")])
        if age < 60:
            for k in rng.sample(["bloating", "cibh"], rng.randint(0, 2)):
                f[k] = True
        f["hb"] = hb_normal(rng)
        if rng.random() < 0.4:
            f["ferritin"] = rng.randint(8, 19)  # iron deficiency without anaemia
        else:
            f["ferritin"] = rng.randint(45, 200)
    elif rule == "O5":
        age = A(18, 85)
        path = rng.choice(["alt", "alt", "fatty", "both"])
        if path in ("alt", "both"):
            f["alt"] = rng.choice([52, 66, 78, 94, 112, 140, 168, 210, 250])
        else:
            f["alt"] = rng.choice([None, 24, 31])
        if path in ("fatty", "both"):
            f["fatty_liver"] = True
        v["o5_path"] = path
    elif rule == "A1":
        age = A(18, 49)
        for k in rng.sample(["abdominal_pain", "bloating", "cibh"], rng.randint(1, 2)):
            f[k] = True
        if rng.random() < 0.6:
            f["calprotectin"] = rng.choice([15, 22, 31, 40, 48, 56, 64, 72, 80])
        else:
            set_fit_neg()
        if rng.random() < 0.5:
            f["hb"] = hb_normal(rng)
            f["ferritin"] = rng.randint(45, 200)
    elif rule == "O6":
        age = A(50, 88)
        ks = rng.sample(["rectal_bleeding", "cibh", "abdominal_pain"], rng.randint(1, 2))
        for k in ks:
            f[k] = True
        set_fit_neg()
        f["hb"] = hb_normal(rng)
        if rng.random() < 0.5:
            f["ferritin"] = rng.randint(45, 220)
    elif rule == "A2":
        age = A(18, 54)
        for k in rng.sample(["dyspepsia", "reflux"], rng.randint(1, 2)):
            f[k] = True
        if rng.random() < 0.5:
            f["ppi_weeks"] = rng.choice([6, 8, 12, 26])
            v["ppi"] = rng.choice(PPIS)
        if rng.random() < 0.3:
            f["hb"] = hb_normal(rng)
    elif rule == "A3":
        age = A(25, 75)
        f["fh_crc"] = True
        v["fh"] = rng.choice([("mother", 52), ("father", 48), ("brother", 46), ("sister", 55),
                              ("mother", 44), ("father", 58)])
    elif rule == "D":
        sub = rng.choice(["irondef", "anaemia_normal_ferritin", "dyspepsia_noppi", "diarrhoea_notests",
                          "pain_no_flags", "nausea", "alp", "constipation_notests"])
        if lo >= 55 and sub in ("irondef", "diarrhoea_notests", "constipation_notests"):
            sub = "dyspepsia_noppi"
        v["d_sub"] = sub
        if sub == "irondef":
            age = A(19, 48)
            f["hb"] = rng.randint(136, 148)
            f["ferritin"] = rng.randint(5, 18)
            f["other_symptoms"] = ["tiredness"]
        elif sub == "anaemia_normal_ferritin":
            age = A(40, 90)
            f["hb"] = hb_low(rng, sex)
            f["ferritin"] = rng.randint(110, 420)
            v["mcv"] = rng.randint(88, 99)
            f["other_symptoms"] = ["tiredness"]
        elif sub == "dyspepsia_noppi":
            age = A(55, 88)
            f["dyspepsia"] = True
            f["ppi_weeks"] = 0
            v["ppi_days"] = rng.choice([0, 0, 5, 10])
            f["hb"] = hb_normal(rng)
        elif sub == "diarrhoea_notests":
            age = A(18, 49)
            f["cibh"] = True
            v["cibh_dir"] = "loose"
        elif sub == "constipation_notests":
            age = A(18, 55)
            f["cibh"] = True
            v["cibh_dir"] = "constipation"
        elif sub == "pain_no_flags":
            age = A(50, 85)
            f["abdominal_pain"] = True
            f["hb"] = hb_normal(rng)
        elif sub == "nausea":
            age = A(22, 70)
            f["other_symptoms"] = ["nausea"]
        else:  # isolated raised ALP/GGT with normal ALT
            age = A(30, 80)
            f["alt"] = rng.randint(14, 33)
            v["alp"] = rng.randint(160, 320)
            v["ggt"] = rng.randint(90, 240)
    else:
        raise ValueError(rule)
    if "cibh_dir" not in v:
        v["cibh_dir"] = rng.choice(["loose", "loose", "constipation", "alternating"])
    return f, v, age, sex


# --------------------------------------------------------------------------------------------
# Background catalog.  Each item returns a dict or None:
#   section: pmh_active | pmh_past | pmh_minor | meds | meds_stopped | inv | social | fh |
#            screening | pharm | other_person
#   text, kind (distractor kind or "background"), mimics (spec fact it sounds like),
#   sets (current facts it asserts; must not change the rule), reads_as (a loose reading; the
#   item is only used where that reading would not change the rule either).
# Clear items (negated / resolved / family / old value with a current value beside it) may go
# anywhere; murky items only where their loose reading cannot change the label.
# --------------------------------------------------------------------------------------------
def yrs_ago(sc, lo, hi, rng):
    return sc["letter_date"].year - rng.randint(lo, hi)


def bg_stricture(sc, rng):
    f = sc["f"]
    y = yrs_ago(sc, 2, 9, rng)
    if f["dysphagia"]:
        if not sc["v"].get("contrast_stricture"):
            return None
        sc["v"]["stricture_year"] = y
        return dict(section="pmh_past", kind="past_condition", mimics="dysphagia",
                    text=rng.choice(["Benign peptic oesophageal stricture %d - dilated at OGD, then swallowing normal" % y,
                                     "Oesophageal stricture (benign) - balloon dilatation %d" % y]))
    return dict(section="pmh_past", kind="resolved_past", mimics="dysphagia",
                text=rng.choice(["Benign oesophageal stricture - dilated %d; no dysphagia since" % y,
                                 "Peptic stricture of oesophagus (%d), dilated x2, swallowing normal since" % y,
                                 "Dysphagia %d due to peptic stricture - treated, resolved, no recurrence" % y]))


def bg_barretts(sc, rng):
    y = yrs_ago(sc, 1, 3, rng)
    return dict(section="pmh_active", kind="past_condition", mimics="upper_gi_cancer_risk",
                reads_as={"reflux": True},
                text=rng.choice(["Barrett's oesophagus (C2M4) - on surveillance list, last OGD %d: no dysplasia" % y,
                                 "Barrett's oesophagus, short segment, 3-yearly surveillance (last scope %d, no dysplasia)" % y]))


def bg_ulcer_bleed(sc, rng):
    y = yrs_ago(sc, 3, 12, rng)
    if sc["f"]["haematemesis"]:
        return dict(section="pmh_past", kind="past_condition", mimics="haematemesis",
                    text="Bleeding duodenal ulcer %d (H. pylori positive, eradicated, healed on repeat OGD)" % y)
    return dict(section="pmh_past", kind="resolved_past", mimics="haematemesis",
                text=rng.choice(["Upper GI bleed %d - haematemesis from duodenal ulcer, H. pylori eradicated; no bleeding since" % y,
                                 "Haematemesis %d (NSAID gastric ulcer) - healed on repeat OGD, no further episodes" % y]))


def bg_ida_corrected(sc, rng):
    f, sex = sc["f"], sc["sex"]
    y = yrs_ago(sc, 2, 7, rng)
    cause = rng.choice(["menorrhagia", "low dietary intake", "NSAID gastritis", "pregnancy"]) if sex == "F" and sc["age"] < 52 \
        else rng.choice(["NSAID gastritis", "low dietary intake", "after hip replacement"])
    if sc["rule"] == "U4":
        if not sc["v"].get("on_iron_contrast"):
            return None
        return dict(section="pmh_past", kind="past_condition", mimics="ida",
                    text="Iron deficiency anaemia %d (%s) - treated with oral iron at the time" % (y, cause))
    if f["hb"] is not None and not (f["hb"] >= 135):
        return None
    if f["ferritin"] is not None and f["ferritin"] < 40:
        return None
    sets = {}
    if f["hb"] is None:
        sets["hb"] = hb_normal(rng)
    if f["ferritin"] is None:
        sets["ferritin"] = rng.randint(45, 180)
    old_hb = hb_low(rng, sex)
    sc["old"].append(("hb", old_hb, y))
    sc["old"].append(("ferritin", rng.randint(3, 12), y))
    return dict(section="pmh_past", kind="resolved_past", mimics="ida", sets=sets,
                text=rng.choice(["Iron deficiency anaemia %d (%s) - corrected with oral iron, course completed" % (y, cause),
                                 "IDA %d secondary to %s - treated, Hb and ferritin normal since" % (y, cause)]))


def bg_colon_ca(sc, rng):
    if sc["rule"] in ("A3", "D", "A1"):
        return None
    y = yrs_ago(sc, 6, 14, rng)
    return dict(section="pmh_past", kind="past_condition", mimics="colorectal_cancer",
                text=rng.choice(["Adenocarcinoma sigmoid colon - anterior resection %d (pT2 N0), surveillance colonoscopy %d clear" % (y, y + 3),
                                 "Colon cancer (caecum) - right hemicolectomy %d, discharged from follow-up %d" % (y, y + 5)]))


def bg_chole(sc, rng):
    y = yrs_ago(sc, 3, 20, rng)
    if rng.random() < 0.5 and not sc["f"]["jaundice"]:
        return dict(section="pmh_past", kind="resolved_past", mimics="jaundice",
                    text="Obstructive jaundice %d from CBD stone - ERCP clearance then laparoscopic cholecystectomy; no jaundice since" % y)
    return dict(section="pmh_past", kind="past_condition", mimics="gallstones",
                text=rng.choice(["Laparoscopic cholecystectomy %d for symptomatic gallstones" % y,
                                 "Cholecystectomy (%d) - gallstones" % y]))


def bg_divertic(sc, rng):
    y = yrs_ago(sc, 2, 10, rng)
    return dict(section="pmh_minor", kind="resolved_past", mimics="abdominal_pain",
                text=rng.choice(["Diverticular disease (colonoscopy %d); one episode of diverticulitis %d, settled, no recurrence" % (y, y + 1),
                                 "Sigmoid diverticulosis - incidental on CT %d, asymptomatic" % y]))


def bg_hepatitis(sc, rng):
    y = yrs_ago(sc, 8, 30, rng)
    if sc["f"]["alt"] is not None and sc["f"]["alt"] >= 40:
        return dict(section="pmh_past", kind="past_condition", mimics="alt",
                    text="Hepatitis A %d (travel-acquired) - recovered fully at the time" % y)
    if sc["f"]["jaundice"]:
        return None
    return dict(section="pmh_past", kind="resolved_past", mimics="jaundice",
                text=rng.choice(["Hepatitis A %d - jaundiced at the time, fully recovered, LFTs normal since" % y,
                                 "Hepatitis B - past infection (anti-HBc positive, HBsAg negative), no treatment required",
                                 "Glandular fever %d with transient hepatitis, resolved" % y]))


WL_CAUSES = ["bereavement and low mood", "treatment for hyperthyroidism", "chemotherapy for breast cancer",
             "a prolonged chest infection", "a deliberate diet (slimming club)"]


def bg_weight_old(sc, rng):
    y = yrs_ago(sc, 3, 10, rng)
    cause = rng.choice(WL_CAUSES if sc["sex"] == "F" else [c for c in WL_CAUSES if "breast" not in c])
    if sc["f"]["weight_loss"]:
        sc["v"]["wl_old_year"] = y
        return dict(section="pmh_past", kind="past_condition", mimics="weight_loss",
                    text="Weight loss (coded %d) - during %s; weight regained afterwards" % (y, cause))
    return dict(section="pmh_past", kind="resolved_past", mimics="weight_loss",
                text=rng.choice(["Weight loss (coded %d) - during %s; weight regained, now stable" % (y, cause),
                                 "Abnormal weight loss %d - attributed to %s, resolved" % (y, cause)]))


def relatives(sc, rng, n=1):
    a = sc["age"]
    if a < 40:
        pool = ["Grandfather", "Grandmother", "Maternal grandfather", "Paternal grandmother"]
    elif a < 60:
        pool = ["Father", "Mother", "Paternal uncle", "Maternal aunt"]
    else:
        pool = ["Brother", "Sister", "Father", "Mother", "Older brother"]
    return rng.sample(pool, n)


def bg_fh_other(sc, rng):
    opts = [("oesophageal cancer aged 71 (a heavy smoker) - had trouble swallowing", "dysphagia"),
            ("stomach cancer, died aged 80", "upper_gi_cancer"),
            ("alcohol-related liver cirrhosis", "cirrhosis"),
            ("coeliac disease diagnosed on blood test", "ttg"),
            ("ulcerative colitis since early adulthood", "known_ibd"),
            ("pancreatic cancer presenting with jaundice aged 77", "jaundice")]
    what, m = rng.choice(opts)
    rel = relatives(sc, rng)[0]
    return dict(section="fh", kind="family_history", mimics=m, text="%s: %s" % (rel, what))


def bg_fh_crc(sc, rng):
    if sc["rule"] in ("D", "A1"):
        return None
    rel = relatives(sc, rng)[0]
    a = rng.choice([58, 61, 67, 70, 74])
    return dict(section="fh", kind="family_history", mimics="colorectal_cancer", sets={"fh_crc": True},
                text="%s: bowel cancer aged %d" % (rel, a))


def bg_other_person(sc, rng):
    her = sc["sex"] == "F"
    Pos, obj, pro = ("Her", "her", "she") if her else ("His", "him", "he")
    opts = []
    if sc["age"] >= 25:
        sp = "husband" if her else "wife"
        opts.append(("%s %s, who attended with %s, has recently been having trouble swallowing %s and has %s own appointment"
                     % (Pos, sp, obj, "himself" if her else "herself", "his" if her else "her"), "dysphagia"))
    if sc["age"] >= 48:
        opts.append(("%s daughter, who came in with %s, was diagnosed with coeliac disease last year" % (Pos, obj), "ttg"))
        opts.append(("%s son has had a flare of his ulcerative colitis with bloody diarrhoea this month and %s has been helping look after him" % (Pos, pro), "bloody_diarrhoea"))
    opts.append(("%s sister, who lives nearby, was recently found to have a positive FIT and is awaiting colonoscopy" % Pos, "fit"))
    if sc["age"] < 40:
        opts.append(("%s flatmate, who came along for support, has had similar stomach upsets and is being tested for coeliac disease" % Pos, "ttg"))
    what, m = rng.choice(opts)
    return dict(section="other_person", kind="other_person", mimics=m, text=what + ".")


def bg_alt_old(sc, rng):
    f = sc["f"]
    y = yrs_ago(sc, 2, 6, rng)
    sets = {}
    cur = f["alt"]
    if cur is None:
        if sc["rule"] in ("U7",):
            return None
        sets["alt"] = rng.randint(14, 33)
        cur = sets["alt"]
    if cur < 40:
        old = rng.choice([72, 96, 118, 150])
        why = rng.choice(["while on a statin, since switched", "after a viral illness", "during heavy drinking, now abstinent"])
    else:
        old = rng.randint(16, 31)
        why = "routine bloods"
    sc["old"].append(("alt", old, y))
    return dict(section="inv", kind="old_value", mimics="alt", sets=sets,
                text="ALT %d in %d (%s)" % (old, y, why))


def bg_ogd(sc, rng):
    y = yrs_ago(sc, 1, 5, rng)
    ind = rng.choice(["reflux symptoms at the time", "anaemia screen", "a pre-operative assessment", "dyspepsia at the time"])
    if sc["f"]["dysphagia"] or sc["f"]["haematemesis"]:
        ind = "anaemia screen"
    return dict(section="inv", kind="past_investigation", mimics="upper_gi",
                text="OGD %s %d (for %s): small hiatus hernia, mild antral gastritis, CLO negative, no Barrett's" % (
                    rng.choice(["March", "June", "October", "January"]), y, ind))


def bg_colonoscopy(sc, rng):
    y = yrs_ago(sc, 1, 6, rng)
    return dict(section="inv", kind="past_investigation", mimics="lower_gi",
                text=rng.choice(["Colonoscopy %d: two diminutive polyps removed (tubular adenomas, low grade), sigmoid diverticulosis; no further surveillance needed" % y,
                                 "Colonoscopy %d to caecum: normal mucosa, biopsies normal" % y]))


def bg_ct(sc, rng):
    f = sc["f"]
    if f["abdominal_mass"] or f["rectal_mass"] or f["jaundice"]:
        return None
    y = yrs_ago(sc, 1, 6, rng)
    return dict(section="inv", kind="past_investigation", mimics="abdominal_mass",
                text="CT abdomen/pelvis %d (for renal colic): 4 mm right ureteric stone, no mass lesion, incidental simple renal cyst" % y)


def bg_us_normal(sc, rng):
    f = sc["f"]
    if f["fatty_liver"] or f["jaundice"] or f["cirrhosis"]:
        return None
    y = yrs_ago(sc, 2, 8, rng)
    return dict(section="inv", kind="past_investigation", mimics="fatty_liver",
                text="Ultrasound abdomen %d: normal liver echotexture, no gallstones, CBD not dilated" % y)


def bg_screen_not_returned(sc, rng):
    if sc["age"] < 52:
        return None
    y = yrs_ago(sc, 1, 3, rng)
    return dict(section="screening", kind="screening", mimics="fit",
                text=rng.choice(["Bowel cancer screening kit sent %d - not returned" % y,
                                 "NHS bowel screening invitation %d: kit not returned (declined)" % y]))


def bg_screen_normal(sc, rng):
    if sc["age"] < 54:
        return None
    y = yrs_ago(sc, 1, 3, rng)
    ra = {"fit": 2} if sc["f"]["fit"] is None else {}
    return dict(section="screening", kind="screening", mimics="fit", reads_as=ra,
                text="Bowel screening %d: kit returned, normal result, routine recall" % y)


def bg_ibd_remission(sc, rng):
    y = yrs_ago(sc, 4, 20, rng)
    ibd = rng.choice(["Ulcerative colitis (proctitis)", "Crohn's disease (terminal ileum)"])
    sc["v"]["bg_ibd"] = ibd
    return dict(section="pmh_active", kind="past_condition", mimics="known_ibd",
                sets={"known_ibd": ibd.split(" (")[0].lower(), "ibd_stable": True},
                reads_as={"ibd_question": "any"},
                text="%s diagnosed %d - in remission, last flare %d" % (ibd, y, y + rng.randint(1, 3)))


def bg_cirrhosis(sc, rng):
    if sc["f"]["cirrhosis"]:
        return None
    y = yrs_ago(sc, 2, 8, rng)
    return dict(section="pmh_active", kind="past_condition", mimics="cirrhosis",
                sets={"cirrhosis": True}, reads_as={"ascites": True},
                text="Alcohol-related cirrhosis (%d), Child-Pugh A, abstinent, 6-monthly liver ultrasound" % y)


def bg_meds_murky(sc, rng):
    opts = [("Loperamide 2 mg capsules PRN", {"cibh": True}, "cibh"),
            ("Laxido sachets 1-2 daily PRN", {"cibh": True}, "cibh"),
            ("Omeprazole 20 mg od (for indigestion)", {"dyspepsia": True, "ppi_weeks": 52}, "dyspepsia")]
    t, ra, m = rng.choice(opts)
    return dict(section="meds", kind="medication", mimics=m, reads_as=ra, text=t)


def bg_pharm_note(sc, rng):
    f = sc["f"]
    if f["reflux"] or f["dyspepsia"] or f["upper_abdominal_pain"]:
        return None
    y = yrs_ago(sc, 1, 3, rng)
    return dict(section="pharm", kind="resolved_past", mimics="reflux",
                text="Pharmacist review %d: lansoprazole stepped down and stopped as reflux had resolved; no symptoms since" % y)


def bg_pr_bleed_old(sc, rng):
    f = sc["f"]
    if f["rectal_bleeding"] or f["bloody_diarrhoea"]:
        return None
    y = yrs_ago(sc, 2, 9, rng)
    return dict(section="pmh_minor", kind="resolved_past", mimics="rectal_bleeding",
                text=rng.choice(["Rectal bleeding %d - haemorrhoids, banded; no bleeding since" % y,
                                 "PR bleeding %d (anal fissure), healed with GTN; none since" % y]))


BG_CLEAR = [bg_stricture, bg_barretts, bg_ulcer_bleed, bg_ida_corrected, bg_colon_ca, bg_chole, bg_divertic,
            bg_hepatitis, bg_weight_old, bg_fh_other, bg_fh_crc, bg_other_person, bg_alt_old, bg_ogd,
            bg_colonoscopy, bg_ct, bg_us_normal, bg_screen_not_returned, bg_screen_normal, bg_ibd_remission,
            bg_cirrhosis, bg_meds_murky, bg_pharm_note, bg_pr_bleed_old]

PLAIN_MEDS = [
    ("Atorvastatin 20 mg nocte", None, 45), ("Amlodipine 5 mg od", None, 45), ("Ramipril 5 mg od", None, 45),
    ("Levothyroxine 75 micrograms od", None, 25), ("Metformin 500 mg bd", "metformin", 40),
    ("Apixaban 5 mg bd (AF)", "anticoagulant", 60), ("Clopidogrel 75 mg od", "antiplatelet", 55),
    ("Aspirin 75 mg od", "antiplatelet", 55), ("Sertraline 50 mg od", None, 18),
    ("Co-codamol 30/500 two tablets qds PRN", "opioid", 30), ("Bisoprolol 2.5 mg od", None, 55),
    ("Salbutamol inhaler 2 puffs PRN", None, 18), ("Lansoprazole 15 mg od (gastroprotection with naproxen)", "ppi", 35),
    ("Warfarin as per INR clinic (mechanical valve)", "anticoagulant", 55),
    ("Vitamin D 800 units od", None, 18), ("Mirtazapine 15 mg nocte", None, 40), ("Tamsulosin 400 micrograms od", None, 55),
    ("Edoxaban 60 mg od", "anticoagulant", 60), ("Sitagliptin 100 mg od", None, 45), ("Morphine sulfate MR 10 mg bd", "opioid", 60),
    ("Microgynon 30 one daily", "pill", 18), ("Cetirizine 10 mg od PRN", None, 18), ("Beclometasone inhaler 2 puffs bd", None, 18),
    ("Propranolol 10 mg PRN (anxiety)", None, 18), ("Adcal-D3 one bd", None, 65), ("Donepezil 10 mg nocte", None, 75),
]
STOPPED_MEDS = [
    ("Ferrous fumarate 210 mg bd - stopped %d (course completed)", "iron"),
    ("Omeprazole 20 mg od - stopped %d (no longer needed)", "ppi"),
    ("Mebeverine 135 mg tds - stopped %d", "antispasmodic"),
    ("Naproxen 250 mg - stopped %d (gastric irritation)", "nsaid"),
    ("Simvastatin 40 mg - stopped %d (myalgia)", None),
]
ALLERGIES = ["No known drug allergies", "NKDA", "Penicillin - rash", "Codeine - vomiting",
             "Sulfonamides - urticaria", "Latex", "Trimethoprim - rash", "No known allergies"]


# --------------------------------------------------------------------------------------------
# Phrase bank for current facts.  Each returns a sentence (plain) or a fragment (abbr).
# Placeholders: {P} He/She, {p} he/she, {pos} his/her, {Pos} His/Her, {obj} him/her
# --------------------------------------------------------------------------------------------
def fill(s, sc):
    m = sc["sex"] == "M"
    return (s.replace("{P}", "He" if m else "She").replace("{p}", "he" if m else "she")
            .replace("{Pos}", "His" if m else "Her").replace("{pos}", "his" if m else "her")
            .replace("{obj}", "him" if m else "her"))


def hb_text(val, rng, abbr=False):
    k = rng.randint(0, 5)
    if abbr:
        k = rng.choice([1, 4])
    if k == 0:
        return "Hb %d g/L" % val
    if k == 1:
        return "Hb %d" % val
    if k == 2:
        return "haemoglobin %.1f g/dL" % (val / 10.0)
    if k == 3:
        return "haemoglobin %d g/L" % val
    if k == 4:
        return "Hb %.1f g/dL" % (val / 10.0)
    return "Hb %dg/l" % val


def fer_text(val, rng, abbr=False):
    return rng.choice(["ferritin %d ug/L" % val, "ferritin %d" % val, "ferritin %d µg/L" % val]) if not abbr \
        else rng.choice(["ferr %d" % val, "ferritin %d" % val])


def fit_text(sc, rng, abbr=False):
    t = sc["v"]["fit_text"]
    val = sc["f"]["fit"]
    if val >= 10:
        return rng.choice(["FIT %s" % t, "qFIT %s ug Hb/g" % t, "FIT %s ug/g" % t, "qFIT positive at %s" % t,
                           "FIT result %s ug Hb/g faeces" % t])
    if t in ("negative", "undetectable"):
        return rng.choice(["FIT %s" % t, "qFIT %s" % t])
    return rng.choice(["FIT %s" % t, "FIT: %s" % t, "qFIT %s ug Hb/g" % t, "FIT %s ug/g" % t])


def cal_text(val, rng, abbr=False):
    return rng.choice(["faecal calprotectin %d ug/g" % val, "calprotectin %d" % val, "FCP %d" % val,
                       "calprotectin %d ug/g" % val]) if not abbr else rng.choice(["FCP %d" % val, "calpro %d" % val])


def alt_text(val, rng, abbr=False):
    if val in (112, 168) and rng.random() < 0.5:
        return "ALT %d (%s x ULN)" % (val, {112: "2.8", 168: "4.2"}[val])
    return rng.choice(["ALT %d U/L" % val, "ALT %d" % val, "alanine transaminase %d U/L" % val])


def ttg_text(sc, rng):
    val, ref = sc["v"]["ttg"]
    return rng.choice(["tTG IgA %s U/mL (ref %s)" % (val, ref), "anti-tTG %s (normal %s) - raised" % (val, ref),
                       "coeliac serology positive: tTG %s U/mL (ref %s)" % (val, ref)])


def sym_clauses(sc, rng, abbr):
    """Current symptom statements: list of (fact, text)."""
    f, v = sc["f"], sc["v"]
    w, m = v["dur_w"], v["dur_m"]
    out = []

    def add(fact, plain, ab):
        out.append((fact, fill(rng.choice(ab if abbr else plain), sc)))

    if f["dysphagia"]:
        if v.get("stricture_year") and not abbr:
            out.append(("dysphagia", fill("Swallowing had been normal since {pos} stricture was dilated in %d, but for the last %d weeks food has again been sticking behind the sternum." % (v["stricture_year"], w), sc)))
        else:
            add("dysphagia", ["{P} describes food sticking behind the lower sternum for the past %d weeks, worse with bread and meat." % w,
                              "Over the last %d weeks {p} has had increasing difficulty swallowing solids." % w,
                              "{P} has new dysphagia to solids, now %d weeks, and has started cutting food into small pieces." % w,
                              "Swallowing has become difficult over %d weeks - tablets and meat stick halfway down." % w],
                ["dysphagia to solids x%d/52" % w, "new dysphagia %d/52, food sticking retrosternally" % w])
    if f["weight_loss"]:
        w0 = rng.randint(58, 96)
        kg = rng.randint(4, 11)
        mon = mon_year(sc["letter_date"] - datetime.timedelta(days=30 * m + 15))
        extra = ""
        if v.get("wl_old_year") and not abbr:
            extra = " Unlike the weight loss coded in %d, there is no explanation this time." % v["wl_old_year"]
        add("weight_loss", ["{P} has lost %d kg without trying over the last %d months (weighed today at %d kg; %d kg in %s)." % (kg, m, w0 - kg, w0, mon),
                            "There has been unintentional weight loss of about %d kg since %s." % (kg, mon),
                            "Weight is down from %d kg to %d kg over %d months and {p} is not dieting." % (w0, w0 - kg, m)],
            ["wt loss %dkg/%dm unintentional (%d->%dkg)" % (kg, m, w0, w0 - kg), "unintentional wt loss %dkg since %s" % (kg, mon)])
        if extra:
            out[-1] = (out[-1][0], out[-1][1] + extra)
    if f["upper_abdominal_pain"]:
        add("upper_abdominal_pain", ["{P} has had epigastric pain for %d weeks, a gnawing ache under the ribs." % w,
                                     "There is upper abdominal pain, mainly epigastric, for %d weeks." % w],
            ["epigastric pain %d/52" % w, "upper abdo pain x%d/52" % w])
    if f["dyspepsia"]:
        pw = f["ppi_weeks"]
        if pw and pw >= 4 and sc["rule"] == "O1":
            ppi = v["ppi"][0]
            add("dyspepsia", ["{P} has ongoing dyspepsia despite %d weeks of %s taken regularly." % (pw, ppi),
                              "Indigestion has persisted after %d weeks of %s, which {p} has taken every day." % (pw, ppi),
                              "{Pos} dyspepsia has not settled on %s, now taken daily for %d weeks." % (ppi, pw)],
                ["dyspepsia persisting despite %d/52 %s" % (pw, ppi), "ongoing dyspepsia on %s x%d/52 (compliant)" % (ppi, pw)])
        elif sc["rule"] == "D":
            d = v.get("ppi_days", 0)
            tail = " {P} has not yet tried any acid suppression." if d == 0 else " {P} started omeprazole %d days ago." % d
            add("dyspepsia", ["{P} has had indigestion for %d weeks, a burning discomfort after meals.%s" % (w, tail),
                              "Dyspepsia for %d weeks.%s" % (w, tail)],
                ["dyspepsia %d/52, %s" % (w, "no PPI trial yet" if d == 0 else "omeprazole started %d days ago" % d)])
        else:
            tail = ""
            if pw:
                tail = " It has continued despite %s for %d weeks." % (v["ppi"][0], pw)
            add("dyspepsia", ["{P} has indigestion most days, a burning discomfort after meals, for %d months.%s" % (m, tail),
                              "Dyspepsia for %d months.%s" % (m, tail)],
                ["dyspepsia %d/12%s" % (m, (" despite %s %d/52" % (v["ppi"][1], pw)) if pw else "")])
    if f["reflux"]:
        add("reflux", ["{P} gets heartburn and acid coming up into the throat, worse lying flat.",
                       "There is troublesome acid reflux most evenings."],
            ["GORD sx - heartburn/regurg", "reflux++ evenings"])
    if f["jaundice"]:
        d = rng.randint(4, 15)
        add("jaundice", ["{P} noticed yellow eyes %d days ago, with dark urine and pale stools, and there is no pain." % d,
                         "{Pos} partner noticed {p} had turned yellow %d days ago; {p} has no abdominal pain." % d],
            ["painless jaundice %d/7, dark urine, pale stools" % d])
    if f["rectal_bleeding"]:
        add("rectal_bleeding", ["{P} has passed bright red blood mixed with the stool on and off for %d weeks." % w,
                                "Rectal bleeding for %d weeks, blood on the paper and in the pan." % w,
                                "There has been dark red rectal bleeding most days for %d weeks." % w],
            ["PR bleed x%d/52" % w, "PR bleeding %d/52, mixed with stool" % w])
    if f["cibh"]:
        n = rng.randint(3, 6)
        d = v["cibh_dir"]
        if d == "loose":
            add("cibh", ["{Pos} bowels have become looser and more frequent over %d weeks, now %d times a day (normally once)." % (w, n),
                         "Change in bowel habit to loose stools %d times a day for %d weeks." % (n, w)],
                ["CIBH - looser, %dx/day, %d/52" % (n, w)])
        elif d == "constipation":
            add("cibh", ["{P} has become constipated over the last %d weeks, which is new for {obj}." % w,
                         "Change in bowel habit: new constipation for %d weeks, opening bowels every 3-4 days." % w],
                ["CIBH - new constipation %d/52" % w])
        else:
            add("cibh", ["{Pos} bowel habit has changed over %d weeks, alternating between constipation and loose stools." % w],
                ["CIBH alternating %d/52" % w])
    if f["abdominal_pain"]:
        add("abdominal_pain", ["{P} has intermittent crampy lower abdominal pain, for %d weeks." % w,
                               "There is left iliac fossa pain on and off for %d weeks." % w,
                               "{P} describes a dull ache in the lower abdomen for %d weeks." % w],
            ["LIF pain %d/52" % w, "lower abdo pain %d/52" % w])
    if f["bloating"]:
        add("bloating", ["{P} complains of bloating most days, worse by the evening.",
                         "Abdominal bloating is the main complaint, for several months."],
            ["bloating++", "bloating most days"])
    if f["bloody_diarrhoea"]:
        n, d = rng.randint(5, 10), rng.randint(8, 20)
        add("bloody_diarrhoea", ["{P} has had diarrhoea %d times a day with blood mixed in for %d days." % (n, d),
                                 "Bloody diarrhoea for %d days, up to %d times a day, with urgency." % (d, n)],
            ["bloody diarrhoea %dx/day x%d/7" % (n, d)])
    if f["haematemesis"]:
        when = rng.choice(["yesterday evening", "two days ago", "this morning"])
        add("haematemesis", ["{P} vomited fresh red blood twice %s, about a cupful in total; pulse %d, BP %d/%d and {p} looks well." % (when, rng.randint(72, 92), rng.randint(118, 142), rng.randint(70, 86)),
                             "Haematemesis %s - two small vomits of bright red blood. Observations stable." % when],
            ["haematemesis x2 %s, obs stable" % when])
    if f["cirrhosis"] and sc["rule"] == "R2":
        cause = rng.choice(["alcohol-related", "MASLD-related", "alcohol-related"])
        y = sc["letter_date"].year - rng.randint(2, 8)
        add("cirrhosis", ["{P} has known %s cirrhosis, diagnosed in %d." % (cause, y)],
            ["known %s cirrhosis (%d)" % (cause, y)])
    if f["ascites"]:
        add("ascites", ["{Pos} abdomen has swollen over %d weeks and there is shifting dullness consistent with ascites." % w],
            ["new ascites - shifting dullness"])
    if f["confusion"]:
        add("confusion", ["{Pos} family report new confusion over the last week and I found a liver flap today."],
            ["new confusion, asterixis +"])
    if f["known_ibd"] and sc["rule"] == "O3":
        y = sc["letter_date"].year - rng.randint(4, 15)
        drug = v["ibd_drug"]
        add("known_ibd", ["{P} has %s, diagnosed in %d, and has been in remission on %s." % (f["known_ibd"], y, drug),
                          "{P} has had %s since %d; it has been quiet for several years on %s." % (f["known_ibd"], y, drug)],
            ["%s (dx %d), in remission on %s" % ("UC" if "ulcer" in f["known_ibd"] else "Crohn's", y, drug)])
    if f["fatty_liver"]:
        d = sc["letter_date"] - datetime.timedelta(days=rng.randint(7, 25))
        add("fatty_liver", ["An ultrasound on %s (this month) showed a diffusely echobright liver in keeping with fatty liver, with no focal lesion." % fdate(d, 1),
                            "Liver ultrasound %s: fatty liver (hepatic steatosis), otherwise normal." % fdate(d, 0)],
            ["USS %s: fatty liver" % fdate(d, 0)])
    if not any(k for k, _ in out) and not f["other_symptoms"] and sc["rule"] not in ("A3",):
        why = rng.choice(["at {pos} annual medication review", "as part of an insurance medical", "at a new-patient check",
                          "for monitoring of {pos} blood pressure tablets", "because {p} asked for a general check-up"])
        out.append(("context", fill("Bloods were checked %s." % why, sc)))
    for o in f["other_symptoms"] or []:
        add("other_symptoms", ["{P} reports %s." % o, "The main complaint is %s." % o], ["c/o %s" % o])
    return out


def exam_clauses(sc, rng, abbr):
    f = sc["f"]
    out = []
    wall = rng.choice(["anterior", "posterior", "left lateral"])
    cm = rng.randint(4, 8)
    if f["rectal_mass"]:
        out.append(("rectal_mass", rng.choice(["PR: firm, irregular mass palpable on the %s wall at about %d cm." % (wall, cm),
                                               "On rectal examination there is a hard irregular mass at %d cm." % cm] if not abbr
                                              else ["PR - hard irreg mass ~%dcm %s wall" % (cm, wall)])))
    if f["anal_mass"]:
        out.append(("anal_mass", fill(rng.choice(["There is a firm %d cm lump at the anal margin which does not look like a haemorrhoid or skin tag." % rng.randint(1, 3),
                                                  "Examination shows a hard mass at the anal verge, not a pile."]), sc)))
    if f["anal_ulcer"]:
        out.append(("anal_ulcer", fill(rng.choice(["There is an indurated ulcer at the anal verge, present for %d weeks and not healing; it does not look like a fissure and I can find no cause for it." % sc["v"]["dur_w"],
                                                   "Unexplained anal ulceration: a non-healing ulcer at the anal margin with no obvious cause."]), sc)))
    if f["abdominal_mass"]:
        site = rng.choice(["right iliac fossa", "left iliac fossa", "right lower quadrant", "left lower quadrant"])
        out.append(("abdominal_mass", rng.choice(["On examination there is a firm, non-tender %d cm mass in the %s." % (rng.randint(4, 8), site),
                                                  "Abdominal examination: palpable mass in the %s, firm and fixed." % site] if not abbr
                                                 else ["O/E firm mass %s ~%dcm" % ("RIF" if "right" in site else "LIF", rng.randint(4, 8))])))
    if f["jaundice"]:
        out.append(("jaundice", rng.choice(["Clinically jaundiced, with yellow sclerae.", "Sclerae are yellow; skin visibly jaundiced."])
                    if not abbr else "O/E jaundiced"))
    return out


NEG_PHRASES = {
    "dysphagia": (["no dysphagia", "swallowing normal", "denies difficulty swallowing"], ["nil dysphagia", "no dysphagia"]),
    "weight_loss": (["no weight loss", "weight stable", "weight steady"], ["no wt loss", "wt stable"]),
    "rectal_bleeding": (["no rectal bleeding", "no blood in the stool"], ["no PR bleed", "no PR bleeding"]),
    "haematemesis": (["no haematemesis", "no vomiting of blood"], ["no haematemesis"]),
    "jaundice": (["no jaundice", "not jaundiced"], ["not jaundiced"]),
    "melaena": (["no melaena", "no black stools"], ["no melaena"]),
    "cibh": (["bowel habit unchanged", "no change in bowel habit"], ["no CIBH", "BO normal"]),
    "abdominal_mass": (["no abdominal mass", "abdomen soft, no masses"], ["abdo SNT, no masses"]),
}


def negations(sc, rng, abbr, n):
    f = sc["f"]
    excl = set()
    for k in ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice", "cibh", "abdominal_mass"]:
        if f[k]:
            excl.add(k)
    if f["bloody_diarrhoea"]:
        excl |= {"rectal_bleeding", "cibh"}
    if f["ascites"]:
        excl.add("abdominal_mass")
    if f["haematemesis"]:
        excl.add("melaena")
    keys = [k for k in NEG_PHRASES if k not in excl]
    rng.shuffle(keys)
    return [(k, rng.choice(NEG_PHRASES[k][1 if abbr else 0])) for k in keys[:n]]


def safety_net(sc, rng):
    f = sc["f"]
    items = []
    if not f["dysphagia"]:
        items.append(("dysphagia", "has difficulty swallowing"))
    if not f["haematemesis"]:
        items.append(("haematemesis", "vomits blood"))
    items.append(("melaena", "passes black stools"))
    if not f["jaundice"]:
        items.append(("jaundice", "notices yellowing of the skin or eyes"))
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        items.append(("rectal_bleeding", "sees blood in the stool"))
    if not f["weight_loss"]:
        items.append(("weight_loss", "starts losing weight"))
    rng.shuffle(items)
    sel = items[:rng.randint(2, 3)]
    words = [s for _, s in sel]
    phr = ", ".join(words[:-1]) + " or " + words[-1]
    t = fill(rng.choice(["If {p} %s, {p} knows to seek help the same day." % phr,
                         "Safety-netted: to contact us or 111 urgently if {p} %s." % phr,
                         "I have advised {obj} to be seen urgently if {p} ever %s." % phr]), sc)
    return [m for m, _ in sel], t


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
def result_items(sc, rng, abbr=False):
    """Current results: list of dicts(key, fact, name, val, unit, ref, flag, inline)."""
    f, v, sex = sc["f"], sc["v"], sc["sex"]
    out = []
    if f["hb"] is not None:
        gdl = rng.random() < 0.3
        lo = 130 if sex == "M" else 120
        out.append(dict(key="hb", fact="hb", name=rng.choice(["Haemoglobin", "Hb"]),
                        val=("%.1f" % (f["hb"] / 10.0)) if gdl else str(f["hb"]), unit="g/dL" if gdl else "g/L",
                        ref=("%.1f-%.1f" % (lo / 10.0, 17.0 if sex == "M" else 15.0)) if gdl else ("%d-%d" % (lo, 170 if sex == "M" else 150)),
                        flag="L" if f["hb"] < lo else "", inline=hb_text(f["hb"], rng, abbr)))
        mcv = v.get("mcv") or (rng.randint(66, 77) if f["ferritin"] is not None and f["ferritin"] < 30 and f["hb"] < lo else rng.randint(84, 97))
        out.append(dict(key="mcv", fact=None, name="MCV", val=str(mcv), unit="fL", ref="80-100",
                        flag="L" if mcv < 80 else "", inline="MCV %d" % mcv))
    if f["ferritin"] is not None:
        out.append(dict(key="ferritin", fact="ferritin", name="Ferritin", val=str(f["ferritin"]), unit="ug/L", ref="30-400",
                        flag="L" if f["ferritin"] < 30 else "", inline=fer_text(f["ferritin"], rng, abbr)))
    if f["hb"] is not None and rng.random() < 0.6:
        p = rng.randint(160, 390)
        out.append(dict(key="plt", fact=None, name="Platelets", val=str(p), unit="x10^9/L", ref="150-400", flag="",
                        inline="platelets %d" % p))
    if f["alt"] is not None:
        out.append(dict(key="alt", fact="alt", name="ALT", val=str(f["alt"]), unit="U/L", ref="0-40",
                        flag="H" if f["alt"] > 40 else "", inline=alt_text(f["alt"], rng, abbr)))
    if v.get("bili"):
        out.append(dict(key="bili", fact=None, name="Bilirubin", val=str(v["bili"]), unit="umol/L", ref="0-21", flag="H",
                        inline="bilirubin %d" % v["bili"]))
    if v.get("alp"):
        out.append(dict(key="alp", fact=None, name="ALP", val=str(v["alp"]), unit="U/L", ref="30-130", flag="H",
                        inline="ALP %d" % v["alp"]))
        out.append(dict(key="ggt", fact=None, name="GGT", val=str(v["ggt"]), unit="U/L", ref="0-55", flag="H",
                        inline="GGT %d" % v["ggt"]))
    if rng.random() < 0.4:
        c = rng.choice(["<4", "3", "6", "8"])
        out.append(dict(key="crp", fact=None, name="CRP", val=c, unit="mg/L", ref="0-10", flag="", inline="CRP %s" % c))
    if f["calprotectin"] is not None:
        out.append(dict(key="cal", fact="calprotectin", name="Faecal calprotectin", val=str(f["calprotectin"]), unit="ug/g",
                        ref="<50", flag="H" if f["calprotectin"] >= 50 else "", inline=cal_text(f["calprotectin"], rng, abbr)))
    if f["fit"] is not None:
        t = v["fit_text"]
        out.append(dict(key="fit", fact="fit", name="FIT (faecal immunochemical test)", val=t, unit="ug Hb/g", ref="<10",
                        flag="POS" if f["fit"] >= 10 else "", inline=fit_text(sc, rng, abbr)))
    if f["ttg_raised"]:
        val, ref = v["ttg"]
        out.append(dict(key="ttg", fact="ttg_raised", name="tTG IgA", val=val, unit="U/mL", ref=ref, flag="H",
                        inline=ttg_text(sc, rng)))
    return out


def table_rows(items, rng, fmt):
    rows = []
    for it in items:
        if fmt == 0:
            r = "%s | %s | %s | %s | %s" % (it["name"], it["val"], it["unit"], it["ref"], it["flag"])
        elif fmt == 1:
            r = "%-22s %-8s %-9s (%s) %s" % (it["name"], it["val"], it["unit"], it["ref"], it["flag"])
        else:
            r = "%s: %s %s [%s]%s" % (it["name"], it["val"], it["unit"], it["ref"], (" " + it["flag"]) if it["flag"] else "")
        rows.append((it, r.rstrip()))
    return rows


# --------------------------------------------------------------------------------------------
# Priority wording
# --------------------------------------------------------------------------------------------
PRIO_TEXT = {
    "usc": ["Priority: 2WW", "Please see under the two-week-wait pathway.", "I would be grateful if {p} could be seen urgently under the suspected cancer pathway.",
            "Referral priority: Urgent Suspected Cancer", "2WW please.", "I am worried about cancer and have marked this as a two-week wait."],
    "urgent": ["Priority: Urgent", "Urgent please.", "I would appreciate an urgent appointment.", "Could {p} be seen soon - urgent rather than routine please.",
               "Marked urgent on e-RS."],
    "routine": ["Routine referral.", "Priority: routine", "A routine appointment would be fine.", "There is no particular rush - routine please.",
                "Please see routinely."],
    "advice": ["Advice and guidance only please - I am happy to manage in primary care with your suggestions.", "Request type: Advice & Guidance",
               "I would value your advice rather than an appointment at this stage.", "A&G request - no appointment needed unless you feel otherwise."],
}
PRIO_FIELD = {"usc": "two-week wait (suspected cancer)", "urgent": "urgent", "routine": "routine", "advice": "advice and guidance only"}
URG_CLASS = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine", "advice_and_guidance": "advice"}


# --------------------------------------------------------------------------------------------
# Components: every string that carries a fact or a distractor is tagged when it is produced;
# after rendering, fact tags must all be found in the text, distractor tags not found are dropped.
# --------------------------------------------------------------------------------------------
IBD_Q = {
    "stop_aza": "{P} has been in remission for %d years on azathioprine and asks whether it can now be stopped - what would you advise?",
    "yellow_fever": "{P} is travelling to Ghana in the spring and has been told {p} needs a yellow fever vaccine; is that safe with {pos} current treatment?",
    "pregnancy": "She is planning a pregnancy and would like to know whether she should continue her maintenance treatment, and whether anything needs changing beforehand.",
    "steroid_bone": "{P} had several courses of prednisolone in the early years; should {p} have a DEXA scan or bone protection now?",
    "mesalazine_dose": "Could the maintenance dose be reduced now that {p} has been well for %d years, or should it stay as it is?",
    "travel_vaccine": "{P} has been offered the shingles vaccine; is the live vaccine safe with {pos} current treatment or should {p} have the non-live one?",
}


class Comp:
    def __init__(self, sc, rng, abbr=False):
        self.sc, self.rng, self.abbr = sc, rng, abbr
        self.tags = []
        f = sc["f"]
        self.syms = [(k, self.fact(k, t) if k != "context" else t) for k, t in sym_clauses(sc, rng, abbr)]
        if f["dyspepsia"] and sc["rule"] == "O1":
            self.fact("ppi_weeks", self.syms[[k for k, _ in self.syms].index("dyspepsia")][1])
        if f["ppi_weeks"] and sc["rule"] != "O1":
            if f["dyspepsia"] and sc["rule"] != "D" and not abbr:
                self.fact("ppi_weeks", self.syms[[k for k, _ in self.syms].index("dyspepsia")][1])
            else:
                t = fill("{P} has taken %s for %d weeks with only partial relief." % (sc["v"]["ppi"][0], f["ppi_weeks"]), sc)
                self.syms.append(("ppi_weeks", self.fact("ppi_weeks", t)))
        if f["known_ibd"] and sc["rule"] == "O3":
            self.fact("ibd_stable", dict(self.syms)["known_ibd"])
            q = IBD_Q[f["ibd_question"]]
            if "%d" in q:
                q = q % rng.randint(3, 9)
            self.ibd_q = self.fact("ibd_question", fill(q, sc))
        else:
            self.ibd_q = None
        self.exam = [(k, self.fact(k, t)) for k, t in exam_clauses(sc, rng, abbr)]
        self.results = result_items(sc, rng, abbr)
        self.negs = negations(sc, rng, abbr, rng.randint(2, 5))
        self.safety_mimics, self.safety_text = safety_net(sc, rng)
        self.fh_text = None
        if sc["rule"] == "A3":
            rel, a = sc["v"]["fh"]
            self.fh_text = self.fact("fh_crc", fill(rng.choice([
                "{Pos} %s was diagnosed with bowel cancer at the age of %d." % (rel, a),
                "{Pos} %s had colorectal cancer diagnosed aged %d." % (rel, a),
                "Family history: %s - bowel cancer aged %d." % (rel, a)]), sc))
            self.asym = self.dis("negated", "symptoms", fill(rng.choice([
                "{P} has no bowel symptoms at all: no bleeding, no change in bowel habit, no abdominal pain and {pos} weight is steady.",
                "{P} is entirely asymptomatic - bowels regular, no blood, no pain, no weight loss.",
                "No symptoms whatsoever; {p} is asking only because of the family history."]), sc))

    # tagging -------------------------------------------------------------------------------
    def fact(self, key, text):
        self.tags.append({"type": "fact", "fact": key, "text": text})
        return text

    def dis(self, kind, mimics, text):
        self.tags.append({"type": "dis", "kind": kind, "mimics": mimics, "text": text})
        return text

    # pieces --------------------------------------------------------------------------------
    def sym_text(self):
        return " ".join(t for _, t in self.syms)

    def exam_text(self):
        if self.exam:
            return " ".join(t for _, t in self.exam)
        f = self.sc["f"]
        if f["ascites"]:
            return self.dis("negated", "abdominal_mass", "No discrete mass palpable.")
        if not f["abdominal_mass"] and not f["rectal_mass"]:
            return self.dis("negated", "abdominal_mass", self.rng.choice(
                ["Abdomen soft and non-tender with no masses.", "Abdominal examination unremarkable, no masses felt.",
                 "Abdo soft, non-tender, no masses, no organomegaly."]))
        return ""

    def neg_text(self, joiner=", "):
        return joiner.join(self.dis("negated", k, t) for k, t in self.negs)

    def safety(self):
        return self.dis("hypothetical", ",".join(self.safety_mimics), self.safety_text)

    def res_inline(self, only_facts=False):
        parts = []
        for it in self.results:
            if only_facts and not it["fact"]:
                continue
            parts.append(self.fact(it["fact"], it["inline"]) if it["fact"] else it["inline"])
        return ", ".join(parts)

    def res_table(self, fmt=None):
        fmt = self.rng.randint(0, 2) if fmt is None else fmt
        lines = []
        if fmt == 0:
            lines.append("Test | Result | Units | Range | Flag")
        for it, r in table_rows(self.results, self.rng, fmt):
            lines.append(self.fact(it["fact"], r) if it["fact"] else r)
        return lines

    def old_inline(self):
        out = []
        for key, val, y in self.sc["old"]:
            if key == "hb":
                t = "Hb %d g/L in %d" % (val, y)
            elif key == "ferritin":
                t = "ferritin %d in %d" % (val, y)
            else:
                continue
            out.append(self.dis("old_value", key, t))
        return out

    def bg_lines(self, sections):
        out = []
        for b in self.sc["bg"]:
            if b["section"] in sections:
                t = self.dis(b["kind"], b["mimics"], b["text"])
                for k, val in (b.get("sets") or {}).items():
                    if k in ("fh_crc", "known_ibd", "ibd_stable", "cirrhosis"):
                        self.fact(k, t)
                out.append(t)
        return out

    def meds(self):
        sc, rng = self.sc, self.rng
        out = list(sc["meds"])
        for b in sc["bg"]:
            if b["section"] == "meds":
                out.append(self.dis(b["kind"], b["mimics"], b["text"]))
        return out

    def stopped(self):
        return [self.dis("stopped_medication", m or "none", t) for t, m in self.sc["stopped"]]

    def priority(self):
        c = self.sc["gp_class"]
        if c is None:
            return ""
        return fill(self.sc["prio_text"], self.sc)

    def request(self):
        return fill(self.sc["request"], self.sc)


# --------------------------------------------------------------------------------------------
# Shared letter furniture
# --------------------------------------------------------------------------------------------
def pt_name(sc):
    return "%s %s %s" % (sc["title"], sc["first"], sc["surname"])


def id_block(C, sep="\n", dob_kind=0, with_age=False):
    sc, rng = C.sc, C.rng
    dob = C.fact("age", "DOB: %s" % fdate(sc["dob"], dob_kind)) if not with_age else \
        C.fact("age", "DOB %s (%d)" % (fdate(sc["dob"], dob_kind), sc["age"]))
    name = C.fact("sex", pt_name(sc))
    nhs = "NHS No: %s" % nhs_fmt(sc["nhs"], rng)
    return sep.join([name, dob, nhs])


def letter_date_line(C, kind=None):
    kind = C.rng.randint(0, 4) if kind is None else kind
    return C.fact("letter_date", fdate(C.sc["letter_date"], kind))


def practice_header(C):
    p = C.sc["practice"]
    return "%s\n%s\nTel: %s   Practice code: %s" % (p[0], p[2], p[3], p[1])


def age_phrase(C):
    sc, rng = C.sc, C.rng
    a = sc["age"]
    noun = ("man" if sc["sex"] == "M" else "woman") if a >= 25 else ("young man" if sc["sex"] == "M" else "young woman")
    k = rng.randint(0, 3)
    if k == 0:
        return C.fact("age", "%d-year-old %s" % (a, noun))
    if k == 1:
        return C.fact("age", "%s-year-old %s" % (age_words(a), noun))
    if k == 2:
        return C.fact("age", "%s aged %d" % (noun, a))
    return C.fact("age", "%d year old %s" % (a, noun))


def all_background(C, style="list", heads=None):
    """Render every background section. style: list | prose | compact."""
    rng = C.rng
    heads = heads or {}
    H = lambda k, d: heads.get(k, d)
    blocks = []
    act = C.bg_lines(["pmh_active"])
    past = C.bg_lines(["pmh_past"])
    minor = C.bg_lines(["pmh_minor"])
    inv = C.bg_lines(["inv"])
    scr = C.bg_lines(["screening"])
    pharm = C.bg_lines(["pharm"])
    fh = C.bg_lines(["fh"])
    oth = C.bg_lines(["other_person"])
    olds = C.old_inline()
    meds = C.meds()
    stopped = C.stopped()
    sc = C.sc
    allergy = sc["allergy"]
    social = sc["social"]
    if style == "compact":
        pm = act + past + minor
        if pm:
            blocks.append("%s %s." % (H("pmh", "PMH:"), "; ".join(pm)))
        if inv or olds:
            blocks.append("%s %s." % (H("inv", "Prev ix:"), "; ".join(inv + olds)))
        if meds or stopped:
            blocks.append("%s %s." % (H("dh", "DH:"), "; ".join(meds + stopped)))
        if scr or pharm:
            blocks.append("; ".join(scr + pharm) + ".")
        if fh:
            blocks.append("%s %s." % (H("fh", "FH:"), "; ".join(fh)))
        if oth:
            blocks.append(" ".join(oth))
        blocks.append("%s %s." % (H("sh", "SH:"), social))
        return "\n".join(blocks)
    if style == "prose":
        pm = act + past + minor
        if pm:
            blocks.append(rng.choice(["In terms of background, ", "Past history: ", "Background: "]) + "; ".join(pm) + ".")
        if inv:
            blocks.append(rng.choice(["Previous investigations: ", "Earlier tests: "]) + "; ".join(inv) + ".")
        if olds:
            blocks.append("For comparison, older results on the record: " + "; ".join(olds) + " - the current values are given above.")
        if scr or pharm:
            blocks.append(" ".join(s + "." for s in scr + pharm))
        if meds:
            blocks.append(rng.choice(["Current medication: ", "Repeat medication: ", "Medication: "]) + "; ".join(meds) + ".")
        if stopped:
            blocks.append("Previously: " + "; ".join(stopped) + ".")
        blocks.append("Allergies: %s." % allergy)
        blocks.append(social + ".")
        if fh:
            blocks.append("Family history: " + "; ".join(fh) + ".")
        if oth:
            blocks.append(" ".join(oth))
        return "\n\n".join(blocks)
    # list style (GP system print)
    if act:
        blocks.append(H("act", "Active problems") + "\n" + "\n".join("  " + x for x in act))
    if past:
        blocks.append(H("past", "Past problems") + "\n" + "\n".join("  " + x for x in past))
    if minor:
        blocks.append(H("minor", "Minor problems") + "\n" + "\n".join("  " + x for x in minor))
    if inv or olds:
        blocks.append(H("inv", "Previous investigations") + "\n" + "\n".join("  - " + x for x in inv + olds))
    if scr or pharm:
        blocks.append("\n".join(scr + pharm))
    blocks.append(H("meds", "Medication") + "\n" + "\n".join("  " + x for x in meds) if meds else H("meds", "Medication") + "\n  None")
    if stopped:
        blocks.append(H("stopped", "Past medication") + "\n" + "\n".join("  " + x for x in stopped))
    blocks.append("Allergies: " + allergy)
    blocks.append(H("sh", "Social") + ": " + social)
    if fh:
        blocks.append(H("fh", "Family history") + "\n" + "\n".join("  " + x for x in fh))
    if oth:
        blocks.append(" ".join(oth))
    return "\n\n".join(blocks)


def signoff(C, role="GP"):
    sc = C.sc
    return "%s\n%s\n%s" % (C.rng.choice(["Yours sincerely", "Kind regards", "With thanks", "Many thanks", "Best wishes"]),
                           sc["writer"], role)


def fh_crc_line(C):
    return C.fh_text or ""


def a3_text(C):
    return (C.fh_text + " " + C.asym) if C.fh_text else ""


# --------------------------------------------------------------------------------------------
# The 20 layouts / writers
# --------------------------------------------------------------------------------------------
def body_core(C):
    """Current problem narrative (symptoms, exam, results) in plain sentences."""
    parts = []
    if C.sc["rule"] == "A3":
        parts.append(a3_text(C))
    st = C.sym_text()
    if st:
        parts.append(st)
    if C.ibd_q:
        parts.append(C.ibd_q)
    ex = C.exam_text()
    if ex:
        parts.append(ex)
    r = C.res_inline()
    if r:
        parts.append(C.rng.choice(["Recent bloods: ", "Results this month: ", "Investigations so far: ", "Latest results: "]) + r + ".")
    return parts


def st_formal(C):
    sc, rng = C.sc, C.rng
    out = [practice_header(C), "", letter_date_line(C), "",
           rng.choice(["Dear Dr %s" % rng.choice(CONSULTANTS)[3:], "Dear Colleague", "Dear Consultant Gastroenterologist"]), "",
           "Re: " + id_block(C, sep=", ", dob_kind=rng.choice([0, 1])), ""]
    intro = rng.choice(["I would be grateful if you would kindly see this %s, whom I saw in surgery recently.",
                        "Thank you for seeing this %s who consulted me last week.",
                        "I should be grateful for your opinion on this %s."]) % age_phrase(C)
    core = body_core(C)
    out.append(intro + " " + core[0] if core else intro)
    for p in core[1:]:
        out.append("")
        out.append(p)
    out += ["", C.neg_text().capitalize() + ".", "", all_background(C, "prose"), "",
            C.request() + " " + C.priority(), "", C.safety(), "", signoff(C, "General Practitioner"), "", "cc: Patient"]
    return "\n".join(out)


def st_terse(C):
    sc, rng = C.sc, C.rng
    a = C.fact("age", "%d%s" % (sc["age"], sc["sex"])) if rng.random() < 0.5 else C.fact("age", "%d yo" % sc["age"])
    bits = ["Re " + C.fact("sex", pt_name(sc)) + " " + nhs_fmt(sc["nhs"], rng) + ", " + a + "."]
    if sc["rule"] == "A3":
        bits.append(a3_text(C))
    bits += [t for _, t in C.syms] + [t for _, t in C.exam]
    if C.ibd_q:
        bits.append(C.ibd_q)
    r = C.res_inline(only_facts=True)
    if r:
        bits.append(r + ".")
    bg = all_background(C, "compact")
    pr = C.priority()
    head = rng.choice(["Dear Gastro,", "Dear team,", "Gastro -", "Dear Dr,"])
    return "%s\n%s\n%s\n%s %s\nThanks, %s (locum GP) %s" % (head, " ".join(bits), bg, C.request(), pr, sc["writer"], letter_date_line(C, 3))


def st_chatty(C):
    sc, rng = C.sc, C.rng
    out = [practice_header(C), letter_date_line(C, 1), "", "Dear %s," % rng.choice(["Dr " + rng.choice(CONSULTANTS)[3:], "colleague", "Gastro team"]),
           "", "Re: " + id_block(C, sep="  |  "), ""]
    job = rng.choice(["retired teacher", "bus driver", "keen gardener", "care worker", "grandparent of six", "shop manager", "university student"])
    out.append("Thank you for seeing %s, a %s and %s I have known for years. %s" % (
        sc["first"], age_phrase(C), job, fill(rng.choice(["{P} is not one to bother us, so I took it seriously when {p} came in.",
                                                        "{P} came in with {pos} partner, who did most of the talking!",
                                                        "I have to say {p} looked well in the room."]), sc)))
    ps_item = None
    core = body_core(C)
    # move the results to a P.S. in some letters
    if C.results and any(it["fact"] for it in C.results) and rng.random() < 0.5:
        core = [p for p in core if not p.startswith(("Recent bloods", "Results this", "Investigations so", "Latest results"))]
        ps_item = True
    out.append("")
    out.append(" ".join(core))
    if ps_item:
        out.append("")
        out.append(fill("The results were not all back when I dictated this; I will add them below.", sc))
    out += ["", all_background(C, "prose"), "", C.neg_text().capitalize() + " - I did ask.", "",
            C.request() + " " + C.priority(), C.safety(), "", signoff(C, "GP Partner")]
    if ps_item:
        out += ["", rng.choice(["P.S. ", "PS - ", "Addendum (after dictation): "]) + "results now back: " + C.res_inline() + "."]
    return "\n".join(out)


def st_third_person(C):
    sc, rng = C.sc, C.rng
    out = [practice_header(C), "Date of letter: " + letter_date_line(C, 0), "", "Dear Doctor", "",
           "Patient: " + id_block(C, sep="; "), ""]
    out.append("The patient is a %s who attended the surgery and was seen by the writer." % age_phrase(C))
    core = body_core(C)
    out.append("The patient reports the following. " + " ".join(core))
    out.append("")
    out.append("On direct questioning the patient reports " + C.neg_text() + ".")
    out.append("")
    out.append("The patient's background is as follows.")
    out.append(all_background(C, "list", heads={"act": "The patient's active problems", "past": "The patient's past problems"}))
    out.append("")
    out.append("The referring partner requests: " + C.request() + " " + C.priority())
    out.append("The patient has been told: " + C.safety())
    out.append("")
    out.append("Yours faithfully\n%s, on behalf of the partners" % sc["writer"])
    return "\n".join(out)


def lower_strip(t):
    t = t.lower()
    t = re.sub(r"[,;:()'\"!?]", "", t)
    t = re.sub(r"\.(?!\d)", "", t)
    return t


def st_lowercase(C):
    sc, rng = C.sc, C.rng
    out = ["re " + C.fact("sex", pt_name(sc)) + " dob " + C.fact("age", fdate(sc["dob"], 0)) + " nhs " + sc["nhs"],
           "date " + letter_date_line(C, 0), ""]
    out.append(rng.choice(["hi", "dear gastro", "hello"]) + " " + rng.choice(["thanks for seeing this", "please see this", "could you see this"]) + " " + age_phrase(C))
    out.append(" ".join(body_core(C)))
    out.append(C.neg_text())
    out.append(all_background(C, "compact", heads={"pmh": "pmh", "dh": "meds", "fh": "fh", "sh": "social", "inv": "previous tests"}))
    out.append(C.request() + " " + C.priority())
    out.append(C.safety())
    out.append("thanks " + sc["writer"])
    return "\n".join(out)


def st_abbrev(C):
    sc, rng = C.sc, C.rng
    a = C.fact("age", "%d%s" % (sc["age"], sc["sex"]))
    out = [practice_header(C), letter_date_line(C, 3), "", "Re: " + C.fact("sex", pt_name(sc)) + ", " + a + ", NHS " + nhs_fmt(sc["nhs"], rng), ""]
    if sc["rule"] == "A3":
        out.append("PC: FH bowel ca - " + a3_text(C))
    pc = "; ".join(t for _, t in C.syms)
    if pc:
        out.append("PC/HPC: " + pc)
    if C.ibd_q:
        out.append("Q: " + C.ibd_q)
    out.append("RF screen: " + C.neg_text("; "))
    ex = "; ".join(t for _, t in C.exam) or C.exam_text()
    out.append("O/E: " + ex)
    r = C.res_inline()
    if r:
        out.append("Ix: " + r)
    out.append(all_background(C, "compact"))
    out.append("Imp/Plan: " + C.request() + " " + C.priority())
    out.append("SN: " + C.safety())
    out.append("")
    out.append(sc["writer"] + " (GP)")
    return "\n".join(out)


def st_problem_lists(C):
    sc, rng = C.sc, C.rng
    p = sc["practice"]
    out = ["*** Referral letter generated from clinical system ***", p[0] + " (" + p[1] + ")", p[2],
           "Printed: " + letter_date_line(C, 2), "", id_block(C, sep="\n", dob_kind=2),
           "Usual GP: " + sc["writer"], ""]
    out.append("Reason for referral")
    if sc["rule"] == "A3":
        out.append(a3_text(C))
    st = C.sym_text()
    if st:
        out.append(fill("I saw this %s today. " % age_phrase(C), sc) + st + " " + C.exam_text())
    else:
        out.append(fill("I saw this %s today. " % age_phrase(C), sc) + C.exam_text())
    if C.ibd_q:
        out.append(C.ibd_q)
    out.append("Red flags: " + C.neg_text() + ".")
    out.append("")
    out.append(all_background(C, "list", heads={"act": "Active problems", "past": "Past problems", "minor": "Minor problems",
                                                 "meds": "Repeat medication", "stopped": "Medication - stopped"}))
    out.append("")
    if C.results:
        out.append("Recent results (%s)" % mon_year(sc["letter_date"]))
        out += C.res_table(rng.choice([0, 1]))
    out.append("")
    out.append(C.request() + " " + C.priority())
    out.append(C.safety())
    out.append("")
    out.append("Page 1 of 1 - %s - confidential" % p[0])
    return "\n".join(out)


def st_bullets(C):
    sc, rng = C.sc, C.rng
    out = [practice_header(C), letter_date_line(C, 1), "", "Dear Gastroenterology,", "",
           "Re: " + id_block(C, sep=", "), "",
           "I am a GP registrar (ST%d) writing under the supervision of Dr %s. Summary:" % (rng.randint(1, 3), rng.choice(GP_SURN)), ""]
    out.append("- " + age_phrase(C).capitalize())
    if sc["rule"] == "A3":
        out.append("- " + a3_text(C))
    for _, t in C.syms + C.exam:
        out.append("- " + t)
    if not C.exam:
        out.append("- " + C.exam_text())
    if C.ibd_q:
        out.append("- Question: " + C.ibd_q)
    for k, t in C.negs:
        out.append("- " + C.dis("negated", k, t))
    r = C.res_inline()
    if r:
        out.append("- Bloods/tests: " + r)
    out.append("")
    out.append("Background:")
    out.append(all_background(C, "compact", heads={"pmh": "- PMH:", "inv": "- Previous tests:", "dh": "- Meds:", "fh": "- FH:", "sh": "- Social:"}))
    out += ["", "Plan:", "- " + C.request(), "- " + (C.priority() or "Priority left to you"), "- " + C.safety(), "", signoff(C, "GP Registrar")]
    return "\n".join(out)


def st_soap(C):
    sc, rng = C.sc, C.rng
    d2 = sc["letter_date"]
    d1 = d2 - datetime.timedelta(days=rng.randint(14, 35))
    out = [practice_header(C), "", "Re: " + id_block(C, sep="  "), "Letter date: " + letter_date_line(C, 0), ""]
    out.append("Consultation 1 - %s" % fdate(d1, 0))
    first = sc["v"].get("soap_first")
    out.append("S: " + fill(first or "{P} came in with the symptoms below; I gave initial advice and arranged tests.", sc))
    out.append("O: " + fill("Obs normal. ", sc) + C.exam_text() if not C.exam else "O: obs normal.")
    out.append("A: ?cause.  P: bloods, review.")
    out.append("")
    out.append("Consultation 2 - %s (today)" % fdate(d2, 0))
    s2 = []
    if sc["rule"] == "A3":
        s2.append(a3_text(C))
    s2.append(C.sym_text())
    if C.ibd_q:
        s2.append(C.ibd_q)
    out.append("S: " + " ".join(x for x in s2 if x) + " " + C.neg_text().capitalize() + ".")
    ex = " ".join(t for _, t in C.exam)
    out.append("O: " + (ex if ex else "no new findings."))
    r = C.res_inline()
    out.append("A: " + (("Results now back - " + r + ". ") if r else "") + "Age " + C.fact("age", str(sc["age"])) + ".")
    out.append("P: " + C.request() + " " + C.priority() + " " + C.safety())
    out.append("")
    out.append(all_background(C, "list"))
    out.append("")
    out.append(signoff(C, "GP"))
    return "\n".join(out)


def st_headed(C):
    sc, rng = C.sc, C.rng
    out = [practice_header(C), "Date: " + letter_date_line(C), "", id_block(C, sep="\n", dob_kind=rng.choice([0, 1])), ""]
    pc = C.syms[0][1] if C.syms else (C.fh_text or "see below")
    out.append("Presenting complaint: " + rng.choice(["as below", "%s" % age_phrase(C)]))
    if "see below" not in pc and pc not in out[-1]:
        pass
    out.append("HPC: " + (a3_text(C) + " " if sc["rule"] == "A3" else "") + C.sym_text())
    if C.ibd_q:
        out.append("Concerns: " + C.ibd_q)
    out.append("Red flags screened:")
    for k, t in C.negs:
        out.append("  - " + C.dis("negated", k, t))
    out.append("Examination: " + C.exam_text())
    if C.results:
        out.append("Investigations:")
        out += ["  " + x for x in C.res_table(2)]
    out.append("")
    out.append("Relevant background:")
    out.append(all_background(C, "list"))
    out.append("")
    out.append("Impression: " + rng.choice(["needs specialist assessment", "uncertain - see above", "please see details"]))
    out.append("What I have done: " + rng.choice(["bloods as above", "discussed with the patient", "examined and reviewed the record"]))
    out.append("What I would like: " + C.request())
    out.append("Priority: " + (C.priority().replace("Priority: ", "") or "not stated"))
    out.append("Safety netting: " + C.safety())
    if "age" not in [t["fact"] for t in C.tags if t["type"] == "fact" and t["text"] in "\n".join(out)]:
        out.append("Age: " + C.fact("age", "%d years" % sc["age"]))
    out.append("")
    out.append(signoff(C))
    return "\n".join(out)


def st_111(C):
    sc, rng = C.sc, C.rng
    caller = rng.choice(["patient", "daughter", "husband" if sc["sex"] == "F" else "wife", "son"])
    out = ["NHS 111 Clinical Assessment Service - summary for onward referral",
           "Call received: %s %02d:%02d" % (letter_date_line(C, 0), rng.randint(7, 22), rng.randint(0, 59)),
           "Clinician: %s, Clinical Advisor (%s)" % (sc["writer"], rng.choice(["paramedic", "nurse", "pharmacist"])),
           "Caller: " + caller, id_block(C, sep="\n", with_age=True), ""]
    if caller != "patient":
        out.append(fill("History initially from the %s; I then spoke to the patient, who confirmed the account below." % caller, sc))
    if sc["rule"] == "A3":
        out.append(a3_text(C))
    out.append("Reported: " + C.sym_text() + " " + " ".join(t for _, t in C.exam))
    if C.ibd_q:
        out.append(C.ibd_q)
    out.append("Pathway questions: " + C.neg_text() + ".")
    r = C.res_inline()
    if r:
        out.append("Results visible on the shared record: " + r + ".")
    out.append("")
    out.append("Summary Care Record / GP record extract:")
    out.append(all_background(C, "compact"))
    out.append("")
    out.append("Disposition: referral to gastroenterology via GP; " + C.request())
    out.append("Caller's request: " + (C.priority() or "none stated"))
    out.append("Worsening advice: " + C.safety())
    return "\n".join(out)


def st_wic(C):
    sc, rng = C.sc, C.rng
    out = ["%s Walk-in Centre - Nurse Practitioner record" % rng.choice(["Eastgate", "Central", "Parkway", "Westside"]),
           "Attendance: " + letter_date_line(C, 2), id_block(C, sep="\n"), "GP: " + sc["practice"][0], ""]
    out.append("Obs: T %.1f, HR %d, BP %d/%d, RR %d, SpO2 %d%%" % (rng.uniform(36.2, 37.3), rng.randint(64, 96), rng.randint(110, 150),
                                                                rng.randint(65, 90), rng.randint(12, 18), rng.randint(96, 99)))
    out.append("Presenting complaint: " + (a3_text(C) + " " if sc["rule"] == "A3" else "") + C.sym_text())
    if C.ibd_q:
        out.append(C.ibd_q)
    out.append("Examination: " + C.exam_text())
    out.append("Asked about: " + C.neg_text() + ".")
    r = C.res_inline()
    if r:
        out.append("Results on the shared record: " + r + ".")
    out.append("")
    out.append(all_background(C, "list"))
    out.append("")
    out.append("Plan: letter for the gastroenterology team and copy to GP. " + C.request() + " " + C.priority())
    out.append("Advice given: " + C.safety())
    out.append("")
    out.append("%s, Nurse Practitioner" % sc["writer"])
    return "\n".join(out)


def st_matron(C):
    sc, rng = C.sc, C.rng
    role = rng.choice(["Community Matron", "Care Coordinator, Integrated Neighbourhood Team"])
    d2 = sc["letter_date"]
    d1 = d2 - datetime.timedelta(days=rng.randint(14, 42))
    carer = rng.choice(["daughter", "carer", "neighbour", "son"])
    out = ["%s - home visit summary" % role, "Date: " + letter_date_line(C, 1), id_block(C, sep="\n", with_age=True), ""]
    out.append("Visit 1 (%s): routine review of long-term conditions. %s" % (fdate(d1, 0), fill(sc["v"].get("matron_first") or "{P} was managing at home with support.", sc)))
    out.append("Visit 2 (%s): %s" % (fdate(d2, 0), fill("{Pos} %s told me about new problems, which {p} confirmed when I asked {obj} directly." % carer, sc)))
    if sc["rule"] == "A3":
        out.append(a3_text(C))
    out.append(C.sym_text() + " " + " ".join(t for _, t in C.exam))
    if C.ibd_q:
        out.append(C.ibd_q)
    out.append("I also asked about: " + C.neg_text() + ".")
    r = C.res_inline()
    if r:
        out.append("Bloods taken at the visit: " + r + ".")
    out.append("")
    out.append(all_background(C, "list"))
    out.append("")
    out.append("Discussed with the GP (%s), who agreed I should write. %s %s" % (rng.choice(GP_SURN), C.request(), C.priority()))
    out.append(C.safety())
    out.append("")
    out.append("%s, %s" % (sc["writer"], role))
    return "\n".join(out)


def st_pharmacist(C):
    sc, rng = C.sc, C.rng
    out = ["Structured Medication Review - Practice Pharmacist", sc["practice"][0], "Review date: " + letter_date_line(C, 0),
           id_block(C, sep="\n"), ""]
    out.append("Reason for review: %s" % rng.choice(["annual polypharmacy review", "PPI review", "new symptoms reported at the pharmacy counter", "DMARD monitoring"]))
    out.append("")
    out.append("Record and medication reconciled with the patient:")
    out.append(all_background(C, "list", heads={"meds": "Current", "stopped": "Stopped"}))
    out.append("")
    out.append("Findings at review:")
    n = 1
    if sc["rule"] == "A3":
        out.append("%d. %s" % (n, a3_text(C)))
        n += 1
    for _, t in C.syms + C.exam:
        out.append("%d. %s" % (n, t))
        n += 1
    if C.ibd_q:
        out.append("%d. %s" % (n, C.ibd_q))
        n += 1
    r = C.res_inline()
    if r:
        out.append("%d. Latest monitoring bloods: %s." % (n, r))
        n += 1
    out.append("%d. Screened: %s." % (n, C.neg_text()))
    out.append("")
    out.append("Discussed with Dr %s (GP), who asked me to send this referral. %s %s" % (rng.choice(GP_SURN), C.request(), C.priority()))
    out.append("Counselling: " + C.safety())
    out.append("")
    out.append("%s, Clinical Pharmacist (independent prescriber)" % sc["writer"])
    return "\n".join(out)


def st_preassess(C):
    sc, rng = C.sc, C.rng
    proc = rng.choice(["surveillance colonoscopy", "surveillance gastroscopy", "flexible sigmoidoscopy", "routine OGD"])
    out = ["%s Endoscopy Unit - Pre-assessment clinic" % rng.choice(HOSPITALS), "Date: " + letter_date_line(C, 0),
           id_block(C, sep="\n", with_age=True), "Hospital no: %s%07d" % (rng.choice(["RX", "H", "K"]), rng.randint(0, 9999999)), ""]
    out.append("This patient attended pre-assessment for a booked %s. During the assessment the following new information came up, and "
               "I am writing to the gastroenterology referral inbox so that it can be triaged as a new referral:" % proc)
    out.append("")
    n = 1
    if sc["rule"] == "A3":
        out.append("%d. %s" % (n, a3_text(C)))
        n += 1
    for _, t in C.syms + C.exam:
        out.append("%d. %s" % (n, t))
        n += 1
    if C.ibd_q:
        out.append("%d. %s" % (n, C.ibd_q))
        n += 1
    r = C.res_inline()
    if r:
        out.append("%d. Bloods/tests on the record: %s." % (n, r))
        n += 1
    out.append("%d. Denies: %s." % (n, C.neg_text()))
    out.append("")
    out.append(all_background(C, "list"))
    out.append("")
    out.append("Patient's GP asks for: " + C.request() + " " + C.priority())
    out.append("Told: " + C.safety())
    out.append("")
    out.append("%s, Endoscopy Pre-assessment Nurse" % sc["writer"])
    return "\n".join(out)


def st_private(C):
    sc, rng = C.sc, C.rng
    out = ["%s - Private Health Assessment Report" % rng.choice(["Meridian Health", "CityScreen Clinics", "Wellbeing Plus"]),
           "Assessment date: " + letter_date_line(C, 1), id_block(C, sep="\n", dob_kind=1), "Registered GP: " + sc["practice"][0], ""]
    out.append("Dear Colleague, this client attended for an %s health assessment. Key findings:" % rng.choice(["in-depth", "executive", "annual"]))
    n = 1
    if sc["rule"] == "A3":
        out.append("%d. %s" % (n, a3_text(C)))
        n += 1
    for _, t in C.syms + C.exam:
        out.append("%d. %s" % (n, t))
        n += 1
    if C.ibd_q:
        out.append("%d. %s" % (n, C.ibd_q))
        n += 1
    out.append("%d. Symptom questionnaire: %s." % (n, C.neg_text()))
    out.append("")
    if C.results:
        out.append("Laboratory results (this assessment):")
        out += C.res_table(rng.choice([0, 1]))
        out.append("")
    out.append(all_background(C, "list", heads={"act": "Declared conditions", "past": "Declared past history"}))
    out.append("")
    out.append("Recommendation: " + C.request() + " " + C.priority())
    out.append(C.safety())
    out.append("")
    out.append("%s, Examining Physician" % sc["writer"])
    return "\n".join(out)


def st_forces(C):
    sc, rng = C.sc, C.rng
    rank = rng.choice(["Pte", "Cpl", "Sgt", "LCpl", "Capt", "SAC", "AB", "WO2"])
    out = ["Defence Primary Healthcare - %s Medical Centre" % rng.choice(["Catterick", "Tidworth", "Brize Norton", "Portsmouth", "Colchester"]),
           "Date: " + letter_date_line(C, 0), "%s (%s), Service No %s" % (C.fact("sex", pt_name(sc)), rank, rng.randint(25000000, 30099999)),
           C.fact("age", "DOB %s" % fdate(sc["dob"], 0)) + "   NHS No " + nhs_fmt(sc["nhs"], rng), ""]
    out.append("Dear Gastroenterology,")
    out.append("I would be grateful if you would see this serving %s. " % ("soldier" if rank in ("Pte", "Cpl", "Sgt", "LCpl", "WO2", "Capt") else "member")
               + (a3_text(C) + " " if sc["rule"] == "A3" else "") + C.sym_text() + " " + " ".join(t for _, t in C.exam))
    if C.ibd_q:
        out.append(C.ibd_q)
    out.append("Systems enquiry: " + C.neg_text() + ".")
    r = C.res_inline()
    if r:
        out.append("Investigations at the medical centre: " + r + ".")
    out.append("")
    out.append(all_background(C, "prose"))
    out.append("")
    out.append("Occupational: currently %s pending assessment." % rng.choice(["medically downgraded (MND)", "fit for role, not deployable", "on light duties"]))
    out.append(C.request() + " " + C.priority())
    out.append(C.safety())
    out.append("")
    out.append("%s\nSenior Medical Officer" % sc["writer"])
    return "\n".join(out)


def st_ers(C):
    sc, rng = C.sc, C.rng
    ubrn = "%04d %04d %04d" % (rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 9999))
    prio = {"usc": "Urgent Suspected Cancer", "urgent": "Urgent", "routine": "Routine", "advice": "Advice and Guidance", None: ""}[sc["gp_class"]]
    out = ["NHS e-Referral Service - Referral Letter", "UBRN: " + ubrn, "Referral date: " + letter_date_line(C, 0),
           "Specialty: Gastroenterology", "Priority: " + prio, "", "PATIENT DETAILS", id_block(C, sep="\n"),
           "Address: on record", "", "REFERRER", sc["writer"] + ", " + sc["practice"][0] + " (" + sc["practice"][1] + ")", ""]
    out.append("REASON FOR REFERRAL: " + C.request())
    out.append("HISTORY OF PRESENTING COMPLAINT: " + (a3_text(C) + " " if sc["rule"] == "A3" else "") + C.sym_text())
    if C.ibd_q:
        out.append("SPECIFIC QUESTION: " + C.ibd_q)
    out.append("RED FLAGS: " + C.neg_text() + ".")
    out.append("EXAMINATION: " + C.exam_text())
    out.append("INVESTIGATIONS:")
    out += ["  " + x for x in C.res_table(rng.choice([0, 2]))] if C.results else ["  none"]
    out.append("")
    out.append(all_background(C, "list", heads={"act": "PAST MEDICAL HISTORY (active)", "past": "PAST MEDICAL HISTORY (past)",
                                                 "minor": "MINOR PROBLEMS", "meds": "MEDICATION", "stopped": "MEDICATION (stopped)",
                                                 "sh": "SOCIAL HISTORY", "fh": "FAMILY HISTORY"}))
    out.append("")
    out.append("PATIENT AWARE OF REFERRAL: Yes")
    out.append("SAFETY NETTING: " + C.safety())
    if sc["gp_note"]:
        out.append("ADDITIONAL COMMENTS: " + fill(sc["prio_text"], sc))
    return "\n".join(out)


def yn_answer(rng, yes, style):
    if style == 0:
        return "Y" if yes else "N"
    if style == 1:
        return "Yes / ~~No~~" if yes else "~~Yes~~ / No"
    if style == 2:
        return "present" if yes else "absent"
    return "YES" if yes else "NO"


def tick_answer(rng, yes, style):
    if style == 0:
        return "[✓]" if yes else "[✗]"
    if style == 1:
        return "+" if yes else "-"
    return "[X]" if yes else "[ ]"


def st_ugi_form(C):
    sc, rng = C.sc, C.rng
    f = sc["f"]
    ys = rng.randint(0, 3)
    out = ["SUSPECTED UPPER GI CANCER - 2 WEEK WAIT REFERRAL FORM", "Date of referral: " + letter_date_line(C, 0),
           "Referring practice: %s (%s)" % (sc["practice"][0], sc["practice"][1]), id_block(C, sep="\n", dob_kind=0), "",
           "Criteria (please answer every row):"]
    rows = [("dysphagia", "Dysphagia"), ("weight_loss", "Unexplained weight loss"), ("upper_abdominal_pain", "Upper abdominal pain"),
            ("reflux", "Reflux"), ("dyspepsia", "Dyspepsia"), ("haematemesis", "Haematemesis"), ("jaundice", "Jaundice")]
    for k, lab in rows:
        yes = bool(f[k])
        line = "%-28s %s" % (lab, yn_answer(rng, yes, ys))
        if yes:
            C.fact(k, line)
        else:
            C.dis("unticked_box", k, line)
        out.append(line)
    out.append("")
    out.append("Clinical details: " + (a3_text(C) + " " if sc["rule"] == "A3" else "") + C.sym_text() + " " + C.exam_text())
    if C.ibd_q:
        out.append(C.ibd_q)
    if C.results:
        out.append("Recent blood results:")
        out += C.res_table(1)
    out.append("")
    out.append(all_background(C, "compact", heads={"pmh": "Past history:", "dh": "Medication:", "inv": "Previous endoscopy/imaging:"}))
    out.append("")
    out.append("Patient informed this is a suspected cancer referral: Yes")
    out.append("GP comments: " + C.request() + " " + (C.priority() if sc["gp_note"] else ""))
    out.append("Safety netting: " + C.safety())
    out.append("Referring clinician: " + sc["writer"])
    return "\n".join(out)


def st_lgi_form(C):
    sc, rng = C.sc, C.rng
    f = sc["f"]
    ts = rng.randint(0, 2)
    out = ["SUSPECTED LOWER GI (COLORECTAL) CANCER REFERRAL - 2WW", "Date: " + letter_date_line(C, 0),
           sc["practice"][0] + " - " + sc["practice"][1], id_block(C, sep="\n", dob_kind=0), "",
           "Tick all that apply:"]
    rows = [("rectal_bleeding", "Rectal bleeding"), ("cibh", "Change in bowel habit"), ("weight_loss", "Unexplained weight loss"),
            ("abdominal_pain", "Abdominal pain"), ("abdominal_mass", "Abdominal mass"), ("rectal_mass", "Rectal mass"),
            ("anal_mass", "Anal mass"), ("anal_ulcer", "Anal ulceration")]
    for k, lab in rows:
        yes = bool(f[k])
        line = "%s %s" % (tick_answer(rng, yes, ts), lab)
        if yes:
            C.fact(k, line)
        else:
            C.dis("unticked_box", k, line)
        out.append(line)
    # free-text answer rows
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        ans = rng.choice([fill("not that {p}'s noticed", sc), "only once, last year - none since", "no"])
        out.append(C.dis("negated" if "once" not in ans else "resolved_past", "rectal_bleeding", "Blood in stool (free text): " + ans))
    out.append("")
    if f["fit"] is not None:
        out.append(C.fact("fit", "FIT result: %s ug Hb/g   Date: %s" % (sc["v"]["fit_text"], fdate(sc["letter_date"] - datetime.timedelta(days=rng.randint(5, 20)), 0))))
    else:
        out.append("FIT result: not done - " + rng.choice(["patient unable to provide sample before appointment", "kit given today",
                                                          "clinical concern, referring without FIT"]))
    hb = [it for it in C.results if it["key"] in ("hb", "ferritin", "cal", "alt", "ttg")]
    out.append("Bloods: " + (", ".join(C.fact(it["fact"], it["inline"]) for it in hb) if hb else "see record"))
    out.append("")
    out.append("Clinical information: " + (a3_text(C) + " " if sc["rule"] == "A3" else "") + C.sym_text() + " " + C.exam_text())
    if C.ibd_q:
        out.append(C.ibd_q)
    out.append("")
    out.append(all_background(C, "compact", heads={"pmh": "PMH:", "dh": "Drugs:", "inv": "Previous colonoscopy/imaging:"}))
    out.append("")
    out.append("Anticoagulated: %s" % ("Yes" if any("apixaban" in m.lower() or "warfarin" in m.lower() or "edoxaban" in m.lower() for m in sc["meds"]) else "No"))
    out.append("GP comments: " + C.request() + " " + (C.priority() if sc["gp_note"] else ""))
    out.append("Safety netting: " + C.safety())
    out.append("Signed: " + sc["writer"])
    return "\n".join(out)


STYLES = [
    ("formal_senior_partner_dear_colleague", st_formal, "individual"),
    ("terse_locum_two_liner", st_terse, "individual"),
    ("chatty_gp_with_ps_addendum", st_chatty, "individual"),
    ("third_person_partner", st_third_person, "individual"),
    ("lowercase_no_punctuation_gp", st_lowercase, "individual"),
    ("abbreviation_heavy_gp", st_abbrev, "individual"),
    ("salaried_gp_problem_lists", st_problem_lists, "individual"),
    ("bullet_point_gp_registrar", st_bullets, "individual"),
    ("soap_notes_two_consultations", st_soap, "individual"),
    ("headed_letter_red_flags_screened", st_headed, "individual"),
    ("nhs111_clinical_advisor", st_111, "individual"),
    ("walk_in_centre_nurse_practitioner", st_wic, "individual"),
    ("community_matron_home_visits", st_matron, "individual"),
    ("practice_pharmacist_med_review", st_pharmacist, "individual"),
    ("endoscopy_preassessment_nurse", st_preassess, "individual"),
    ("private_health_check_doctor", st_private, "structured_summary"),
    ("armed_forces_medical_officer", st_forces, "individual"),
    ("ers_structured_template", st_ers, "form"),
    ("upper_gi_2ww_form_yn", st_ugi_form, "form"),
    ("lower_gi_2ww_form_ticks", st_lgi_form, "form"),
]


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------
ALLOC = {"U1": 18, "U2": 8, "U3": 16, "U4": 16, "U5": 10, "U6": 6, "U7": 8, "U8": 8,
         "R1": 18, "R2": 14, "R3": 13,
         "O1": 16, "O2": 16, "O4": 14, "O5": 20, "O6": 20, "D": 19,
         "O3": 16, "A1": 18, "A2": 16, "A3": 10}
STYLE_ALLOWED = {
    "upper_gi_2ww_form_yn": {"U1", "U5", "U4", "R3", "O1", "A2", "D", "U7"},
    "lower_gi_2ww_form_ticks": {"U2", "U3", "U4", "U6", "U8", "O6", "A1", "A3", "R1", "O2", "D"},
    "private_health_check_doctor": {"U3", "U4", "O4", "O5", "A3", "D", "A1", "O6", "O2", "A2"},
    "practice_pharmacist_med_review": {"U1", "U4", "O1", "O3", "O5", "A2", "D", "R3", "O4", "U5"},
    "nhs111_clinical_advisor": {"U1", "U7", "R1", "R2", "R3", "U8", "U5", "A2", "D", "U6"},
    "walk_in_centre_nurse_practitioner": {"R1", "R3", "U7", "U1", "U8", "A2", "A1", "D", "U6", "O6", "U5"},
    "community_matron_home_visits": set(RULES) - {"A1", "A2"},
    "endoscopy_preassessment_nurse": {"U1", "U3", "U4", "U5", "U7", "U8", "R1", "R3", "O1", "O2", "O3", "O5", "O6", "A1", "A2", "D"},
    "armed_forces_medical_officer": set(RULES),
}
FORM_STYLES = {"upper_gi_2ww_form_yn", "lower_gi_2ww_form_ticks"}
NON_GP_WRITER = {"walk_in_centre_nurse_practitioner": "NP", "community_matron_home_visits": "CM",
                 "practice_pharmacist_med_review": "PH", "endoscopy_preassessment_nurse": "RN",
                 "nhs111_clinical_advisor": "111"}


def assign_styles():
    names = [s[0] for s in STYLES]
    for attempt in range(200):
        rng = RNG("assign", attempt)
        pool = []
        for r in RULES:
            pool += [r] * ALLOC[r]
        rng.shuffle(pool)
        order = sorted(names, key=lambda n: (len(STYLE_ALLOWED.get(n, RULES)), n))
        res = {}
        ok = True
        for n in order:
            allowed = STYLE_ALLOWED.get(n, set(RULES))
            idx = [i for i, r in enumerate(pool) if r in allowed]
            if len(idx) < 15:
                ok = False
                break
            # spread over rules: pick greedily the rule least used so far in this style
            chosen = []
            cnt = {}
            rng.shuffle(idx)
            idx.sort(key=lambda i: 0)
            for _ in range(15):
                best = min(idx, key=lambda i: (cnt.get(pool[i], 0) - (0.5 if pool[i].startswith("U") and n in FORM_STYLES else 0), rng.random()))
                chosen.append(pool[best])
                cnt[pool[best]] = cnt.get(pool[best], 0) + 1
                idx.remove(best)
                pool[best] = None
                idx = [i for i in idx if pool[i] is not None]
            pool = [p for p in pool if p is not None]
            res[n] = chosen
        if ok:
            return res
    raise RuntimeError("no assignment")


def social_text(sc, rng):
    a = sc["age"]
    if a < 24:
        living = rng.choice(["Lives with parents", "Lives in a shared house", "Lives in student halls"])
        job = rng.choice(["student", "apprentice electrician", "works in a cafe", "student nurse"])
    elif a < 67:
        living = rng.choice(["Lives with %s" % ("wife" if sc["sex"] == "M" else "husband"), "Lives alone",
                             "Lives with partner and two children", "Lives with partner"])
        job = rng.choice(["works as a delivery driver", "office worker", "nurse", "self-employed builder", "teacher",
                          "warehouse supervisor", "accountant", "hairdresser", "taxi driver"])
    else:
        living = rng.choice(["Lives with %s" % ("wife" if sc["sex"] == "M" else "husband"), "Lives alone",
                             "Lives with daughter", "Lives in warden-controlled flat", "Widowed, lives alone"])
        job = rng.choice(["retired", "retired engineer", "retired teacher", "retired farmer"])
    smoke = rng.choice(["non-smoker", "ex-smoker (stopped %d)" % max(sc["dob"].year + 18, sc["letter_date"].year - rng.randint(1, 30)),
                        "smokes %d/day" % rng.randint(5, 20)])
    units = rng.choice([0, 2, 6, 10, 14, 18, 24, 30])
    return "%s, %s. %s, alcohol %s. BMI %d" % (living, job, smoke[0].upper() + smoke[1:],
                                              "none" if units == 0 else "%d units/week" % units, rng.randint(20, 36))


REQUESTS = {
    "upper_gi": ["I would be grateful for your assessment and a gastroscopy if you agree.", "Please consider OGD.",
                 "I would value your opinion and upper GI investigation as appropriate."],
    "lower_gi": ["I would be grateful for colonoscopy or CT colonography as you see fit.", "Please assess and investigate the lower GI tract as appropriate.",
                 "Could you advise whether a colonoscopy is indicated?"],
    "ibd": ["I would be grateful for your advice and IBD clinic review as you see fit.", "Please advise on further management.",
            "Could the IBD team review?"],
    "hepatology": ["I would be grateful for liver assessment.", "Please advise on further investigation of the liver.",
                   "Could the hepatology team review?"],
    "general_gi": ["I would be grateful for your opinion.", "Please advise on further management.", "I would value a general gastroenterology opinion."],
}


def pick_meds(sc, rng, n):
    f = sc["f"]
    upper = f["dyspepsia"] or f["reflux"] or f["upper_abdominal_pain"]
    cand = [c for c in PLAIN_MEDS if sc["age"] >= c[2]]
    cand = [c for c in cand if not (upper and c[1] == "ppi")]
    if sc["sex"] == "M" or sc["f"]["ibd_question"] == "pregnancy":
        cand = [c for c in cand if c[1] != "pill"]
    else:
        cand = [c for c in cand if "Tamsulosin" not in c[0] and not (c[1] == "pill" and sc["age"] > 45)]
    rng.shuffle(cand)
    meds, tags = [], set()
    for c in cand:
        if len(meds) >= n:
            break
        if c[1] in ("anticoagulant", "antiplatelet") and tags & {"anticoagulant", "antiplatelet"}:
            continue
        if c[1] == "ppi" and (tags & {"anticoagulant", "antiplatelet"} or sc["age"] > 74 or upper):
            continue
        if c[1] in ("anticoagulant", "antiplatelet") and "ppi" in tags:
            continue
        meds.append(c[0])
        if c[1]:
            tags.add(c[1])
    if "ppi" in tags:
        meds.append("Naproxen 500 mg bd")
    return meds


def years_ok(sc, it):
    """Past events must fall in the patient's adult life (family history excepted)."""
    if it["section"] == "fh" or it["section"] == "other_person":
        return True
    by = sc["dob"].year
    for y in re.findall(r"\b(19[5-9]\d|20[0-2]\d)\b", it["text"]):
        if int(y) - by < 18:
            return False
    for key, val, y in sc["old"]:
        if y - by < 18:
            return False
    if ("cancer" in it["text"] or "Adenocarcinoma" in it["text"]) and sc["age"] < 45:
        return False
    if ("Barrett" in it["text"] or "cirrhosis" in it["text"]) and sc["age"] < 35:
        return False
    return True


def choose_background(sc, rng, stress):
    f = sc["f"]
    funcs = list(BG_CLEAR)
    rng.shuffle(funcs)
    # contrast: the same words as a current fact in part of the letters
    forced = []
    r = sc["rule"]
    if r == "U1" and sc["v"].get("contrast_stricture"):
        forced.append(bg_stricture)
    if r == "R3" and rng.random() < 0.6:
        forced.append(bg_ulcer_bleed)
    if f["weight_loss"] and rng.random() < 0.5:
        forced.append(bg_weight_old)
    if r == "U4" and sc["v"].get("on_iron_contrast"):
        forced.append(bg_ida_corrected)
    if r in ("O5", "R2") and f["alt"] is not None and f["alt"] >= 40 and rng.random() < 0.5:
        forced.append(bg_hepatitis)
    funcs = forced + [fn for fn in funcs if fn not in forced]
    want = rng.randint(3, 6) if stress else rng.randint(0, 1)
    got = []
    for fn in funcs:
        if len(got) >= want:
            break
        if fn is bg_ibd_remission and (f["anal_ulcer"] or f["cibh"] or f["bloody_diarrhoea"] or f["known_ibd"] or f["abdominal_pain"]
                                       or (f["calprotectin"] is not None and f["calprotectin"] >= 100)):
            continue
        if fn is bg_cirrhosis and (sc["rule"] == "R2" or (f["alt"] is not None and f["alt"] >= 40) or f["jaundice"]):
            continue
        if fn in (bg_stricture, bg_ida_corrected, bg_weight_old) and sc["rule"] in ("U1", "U4") and fn is not bg_stricture and fn is not bg_ida_corrected:
            pass
        old_snap = list(sc["old"])
        v_snap = dict(sc["v"])
        it = fn(sc, rng)
        if it is None or not years_ok(sc, it):
            sc["old"][:] = old_snap
            sc["v"].clear()
            sc["v"].update(v_snap)
            continue
        f2 = dict(f)
        f2.update(it.get("sets") or {})
        f3 = dict(f2)
        f3.update(it.get("reads_as") or {})
        if spec_rule(f2, sc["age"], sc["sex"]) != sc["rule"] or spec_rule(f3, sc["age"], sc["sex"]) != sc["rule"]:
            sc["old"][:] = old_snap
            sc["v"].clear()
            sc["v"].update(v_snap)
            continue
        f.update(it.get("sets") or {})
        got.append(it)
    return got


SLIPS = [("grateful", "greatful"), ("sincerely", "sincerly"), ("Thank you", "Thankyou"), ("appreciate", "apreciate"),
         ("advice", "advise"), ("opinion", "opinon"), ("regards", "reguards"), ("Background", "Backround"),
         ("colleague", "collegue"), ("surgery", "surgey"), ("appropriate", "appropiate")]


def make_letter(i, rule, style):
    sid = "L37-%04d" % (i + 1)
    for attempt in range(30):
        rng = RNG(sid, rule, style, attempt)
        try:
            f, v, age, sex = build_facts(rule, rng, style)
        except ValueError:
            continue
        if spec_rule(f, age, sex) == rule:
            break
    else:
        raise RuntimeError("cannot build %s %s" % (rule, style))
    ld = datetime.date(2024, 1, 8) + datetime.timedelta(days=rng.randint(0, 540))
    dob = datetime.date(ld.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
    if (ld - datetime.timedelta(days=0)) >= datetime.date(ld.year, dob.month, dob.day):
        dob = datetime.date(ld.year - age, dob.month, dob.day)
    assert ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day)) == age
    if sex == "F":
        title = rng.choice(["Mrs", "Ms", "Miss", "Mrs"]) if age >= 25 else rng.choice(["Miss", "Ms"])
        first = rng.choice(FIRST_F)
    else:
        title, first = "Mr", rng.choice(FIRST_M)
    if style in NON_GP_WRITER:
        writer = "%s %s" % (rng.choice(GP_FIRST), rng.choice(GP_SURN))
    elif style == "armed_forces_medical_officer":
        writer = "Maj %s %s RAMC" % (rng.choice(GP_FIRST)[0], rng.choice(GP_SURN))
    elif style == "private_health_check_doctor":
        writer = "Dr %s %s MRCGP" % (rng.choice(GP_FIRST), rng.choice(GP_SURN))
    else:
        writer = "Dr %s %s" % (rng.choice(GP_FIRST), rng.choice(GP_SURN))
    sc = dict(id=sid, idx=i, rule=rule, style=style, f=f, v=v, age=age, sex=sex, letter_date=ld, dob=dob,
              title=title, first=first, surname=rng.choice(SURNAMES), nhs=nhs_number(rng),
              practice=rng.choice(PRACTICES), writer=writer, old=[], bg=[])
    if rule == "O3":
        v["ibd_drug"] = rng.choice(["mesalazine", "azathioprine", "mesalazine and azathioprine"])
        if f["ibd_question"] == "stop_aza" and "azathioprine" not in v["ibd_drug"]:
            v["ibd_drug"] = "mesalazine and azathioprine"
    return sc, rng


def finish_scenario(sc, rng, stress):
    f, v = sc["f"], sc["v"]
    long_letter = RULE_LABEL[sc["rule"]][0] in ("routine", "advice_and_guidance")
    sc["bg"] = choose_background(sc, rng, stress)
    n = rng.randint(2, 6) if long_letter else rng.randint(1, 4)
    meds = pick_meds(sc, rng, n)
    ld = sc["letter_date"]
    if sc["rule"] == "O1":
        start = ld - datetime.timedelta(weeks=f["ppi_weeks"] + 1)
        meds.insert(0, "%s (started %s)" % (v["ppi"][0][0].upper() + v["ppi"][0][1:], fdate(start, 0)))
    if f["ppi_weeks"] and sc["rule"] == "A2":
        meds.insert(0, v["ppi"][0][0].upper() + v["ppi"][0][1:])
    if sc["rule"] == "O3":
        d = v["ibd_drug"]
        if "mesalazine" in d:
            meds.insert(0, "Mesalazine (Octasa) 2.4 g once daily")
        if "azathioprine" in d:
            meds.insert(0, "Azathioprine 100 mg od")
    if any(b["text"].startswith(("Ulcerative colitis", "Crohn's")) for b in sc["bg"]):
        meds.insert(0, "Mesalazine 2 g od" if "Ulcerative" in v.get("bg_ibd", "") else "Azathioprine 125 mg od")
    if f["cirrhosis"]:
        meds.insert(0, "Propranolol 40 mg bd")
    if v.get("on_iron_contrast"):
        st = ld - datetime.timedelta(days=rng.randint(70, 150))
        meds.insert(0, "Ferrous fumarate 210 mg bd (started %s)" % fdate(st, 0))
        old = f["hb"] + rng.randint(6, 14)
        lim = 130 if sc["sex"] == "M" else 120
        old = min(old, lim - 6)
        sc["old"].append(("hb", old, st.year))
    sc["meds"] = meds
    stopped = []
    upper = f["dyspepsia"] or f["reflux"]
    for t, m in rng.sample(STOPPED_MEDS, rng.randint(0, 2) if long_letter or stress else 0):
        if upper and m in ("ppi", "nsaid"):
            continue
        if sc["age"] < 45 and ("Simvastatin" in t or "Naproxen" in t):
            continue
        stopped.append((t % (ld.year - rng.randint(1, 4)), m))
    sc["stopped"] = stopped
    sc["allergy"] = rng.choice(ALLERGIES)
    sc["social"] = social_text(sc, rng)
    path = RULE_LABEL[sc["rule"]][1]
    if sc["rule"] == "O3":
        sc["request"] = rng.choice(["I would be grateful for your advice.", "Advice would be much appreciated.", "Please advise."])
    else:
        # the GP's request always names the right service (the draws are kept so other text is unchanged)
        if rng.random() >= 0.88:
            rng.choice(list(REQUESTS))
        sc["request"] = rng.choice(REQUESTS[path])
    # matron / soap: resolved first-visit problem that is gone by the second visit
    if sc["style"] in ("community_matron_home_visits", "soap_notes_two_consultations"):
        opts = []
        if not f["cibh"] and not f["bloody_diarrhoea"]:
            opts.append(("cibh", "At that visit {p} had a few days of loose stools after antibiotics, which had settled completely by the next visit."))
        if not f["reflux"] and not f["dyspepsia"] and not f["upper_abdominal_pain"]:
            opts.append(("reflux", "{P} mentioned some heartburn after a heavy meal, which had gone by the following week without treatment."))
        if not f["jaundice"]:
            opts.append(("jaundice", "{Pos} family wondered whether {p} looked yellow; I could see no jaundice and the bilirubin was normal."))
        if opts:
            m, t = rng.choice(opts)
            key = "matron_first" if sc["style"] == "community_matron_home_visits" else "soap_first"
            v[key] = t
            v[key + "_mimic"] = m
    return sc


REASSURE = [
    "I have explained that this is most likely to have a benign explanation and we talked through diet, fluids, sleep and regular exercise.",
    "{P} is keen to avoid unnecessary tests if possible but would value a specialist view, and I said I would ask.",
    "I have been through {pos} notes going back several years and there is nothing further of note beyond what is listed here.",
    "{P} is otherwise in good general health, walks the dog daily and is still working/active.",
    "Blood pressure today was 128/78 and {pos} general examination was otherwise unremarkable.",
    "We discussed that waiting times are long at the moment and {p} is happy to wait for a routine appointment or to follow written advice.",
    "{P} has read about the condition online and came with a list of questions, which we went through together.",
    "{Pos} main worry is being reassured; {p} understands that not every referral leads to an appointment.",
    "I have given {obj} the practice leaflet and we will review in surgery once your reply is back.",
]


def add_reassurance(text, sc):
    r = RNG("wordy", sc["id"])
    para = " ".join(fill(x, sc) for x in r.sample(REASSURE, r.randint(2, 4)))
    blocks = text.rstrip("\n").split("\n\n")
    pos = max(1, len(blocks) - 1)
    blocks.insert(pos, para)
    return "\n\n".join(blocks)


def render(sc, rng):
    style = sc["style"]
    abbr = style in ("abbreviation_heavy_gp", "terse_locum_two_liner")
    C = Comp(sc, rng, abbr)
    fn = {s[0]: s[1] for s in STYLES}[style]
    text = fn(C)
    for key in ("matron_first", "soap_first"):
        if sc["v"].get(key):
            kind = "resolved_past" if sc["v"][key + "_mimic"] != "jaundice" else "negated"
            C.dis(kind, sc["v"][key + "_mimic"], fill(sc["v"][key], sc))
    tags = C.tags
    if RULE_LABEL[sc["rule"]][0] in ("routine", "advice_and_guidance") and style not in FORM_STYLES | {"terse_locum_two_liner"}:
        text = add_reassurance(text, sc)
    if style == "lowercase_no_punctuation_gp":
        text = lower_strip(text)
        for t in tags:
            t["text"] = lower_strip(t["text"]).strip()
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    text = re.sub(r"  +(?=[A-Za-z])", lambda m: m.group(0) if "|" in text else " ", text) if False else text
    return text, tags


def apply_slips(text, tags, rng):
    cands = [(a, b) for a, b in SLIPS if a in text and not any(a in t["text"] for t in tags)]
    if not cands:
        return text, None
    a, b = rng.choice(cands)
    return text.replace(a, b, 1), "%s->%s" % (a, b)


def main():
    assignment = assign_styles()
    slots = []
    for sname, _, _ in STYLES:
        for r in assignment[sname]:
            slots.append((sname, r))
    rng0 = RNG("order")
    rng0.shuffle(slots)
    # which letters carry the heavy background: 215 of 300, fewer in the terse layout
    stress_flags = []
    for i, (sname, r) in enumerate(slots):
        p = 0.35 if sname == "terse_locum_two_liner" else 0.78
        stress_flags.append(RNG("stress", i).random() < p)
    scs = []
    for i, (sname, r) in enumerate(slots):
        sc, rng = make_letter(i, r, sname)
        finish_scenario(sc, rng, stress_flags[i])
        scs.append((sc, rng))
    # requested priority: forms are 2WW forms; elsewhere ~half disagree with the label
    form_dis = sum(1 for sc, _ in scs if sc["style"] in FORM_STYLES and URG_CLASS[RULE_LABEL[sc["rule"]][0]] != "usc")
    others = [k for k, (sc, _) in enumerate(scs) if sc["style"] not in FORM_STYLES]
    RNG("prio").shuffle(others)
    k_dis = 150 - form_dis
    dis_set = set(others[:k_dis])
    order = ["advice", "routine", "urgent", "usc"]
    for k, (sc, rng) in enumerate(scs):
        lab = URG_CLASS[RULE_LABEL[sc["rule"]][0]]
        prng = RNG("prio", sc["id"])
        if sc["style"] in FORM_STYLES:
            c = "usc"
            sc["gp_note"] = prng.random() < 0.5
        elif k in dis_set:
            i0 = order.index(lab)
            choices = [c for c in order if c != lab]
            # over-asking a little more common than under-asking
            w = [3 if order.index(c) > i0 else 2 for c in choices]
            c = prng.choices(choices, weights=w)[0]
            sc["gp_note"] = True
        else:
            c = None if (prng.random() < 0.2 and sc["style"] != "ers_structured_template") else lab
            sc["gp_note"] = c is not None
        sc["gp_class"] = c
        sc["prio_text"] = prng.choice(PRIO_TEXT[c]) if c else ""
    letters, metas = [], []
    for sc, rng in scs:
        text, tags = render(sc, rng)
        slip = None
        if RNG("slip", sc["id"]).random() < 0.1:
            text, slip = apply_slips(text, tags, RNG("slip2", sc["id"]))
        # verify every fact has evidence present; drop distractor tags not rendered
        f = sc["f"]
        ev = [t for t in tags if t["type"] == "fact" and t["text"] and t["text"] in text]
        have = {t["fact"] for t in ev}
        need = {"age", "sex"} | {k for k, val in f.items() if val not in (None, False, [], 0)}
        missing = need - have
        if missing:
            raise RuntimeError("%s %s %s missing evidence for %s" % (sc["id"], sc["rule"], sc["style"], missing))
        dis = [t for t in tags if t["type"] == "dis" and t["text"] and t["text"] in text]
        seen = set()
        ev_out, dis_out = [], []
        for t in ev:
            key = (t["fact"], t["text"])
            if key not in seen:
                seen.add(key)
                ev_out.append({"fact": t["fact"], "text": t["text"]})
        for t in dis:
            key = (t["kind"], t["mimics"], t["text"])
            if key not in seen:
                seen.add(key)
                dis_out.append({"kind": t["kind"], "mimics": t["mimics"], "text": t["text"]})
        rule = spec_rule(f, sc["age"], sc["sex"])
        assert rule == sc["rule"], (sc["id"], rule, sc["rule"])
        urg, pw = RULE_LABEL[rule]
        bg_kinds = {"resolved_past", "past_condition", "old_value", "family_history", "other_person", "screening",
                    "medication", "stopped_medication", "past_investigation"}
        n_bg = sum(1 for d in dis_out if d["kind"] in bg_kinds)
        contrast = sorted({b["mimics"] for b in sc["bg"] if b["kind"] == "past_condition" and (
            (b["mimics"] == "dysphagia" and f["dysphagia"]) or (b["mimics"] == "haematemesis" and f["haematemesis"]) or
            (b["mimics"] == "weight_loss" and f["weight_loss"]) or (b["mimics"] == "ida" and rule == "U4") or
            (b["mimics"] == "alt" and f["alt"] is not None and f["alt"] >= 40))} |
            ({"ida_on_iron"} if sc["v"].get("on_iron_contrast") else set()))
        gp = PRIO_FIELD[sc["gp_class"]] if sc["gp_class"] else None
        letters.append({"id": sc["id"], "text": text, "urgency": urg, "pathway": pw, "rule": rule, "style": sc["style"],
                        "gp_priority": gp, "age": sc["age"]})
        facts = {k: val for k, val in f.items()}
        facts["other_symptoms"] = f["other_symptoms"] or []
        metas.append({"id": sc["id"], "rule": rule, "urgency": urg, "pathway": pw, "style": sc["style"],
                      "age": sc["age"], "sex": sc["sex"], "dob": sc["dob"].isoformat(), "letter_date": sc["letter_date"].isoformat(),
                      "nhs_number": sc["nhs"], "facts": facts,
                      "gp_priority_class": sc["gp_class"], "gp_priority_disagrees": bool(sc["gp_class"]) and sc["gp_class"] != URG_CLASS[urg],
                      "background_stress": n_bg >= 2, "n_background_distractors": n_bg, "contrast": contrast,
                      "spelling_slip": slip, "evidence": ev_out, "distractors": dis_out,
                      "scenario_notes": {k: val for k, val in sc["v"].items() if isinstance(val, (str, int, float, bool)) or val is None}})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for l in letters:
            fh.write(json.dumps(l, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d letters" % len(letters))


if __name__ == "__main__":
    main()
