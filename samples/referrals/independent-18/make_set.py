#!/usr/bin/env python3
"""Generator for test set letters18: 300 synthetic gastroenterology referral letters.

Python 3 standard library only. Deterministic: every random choice comes from a
random.Random seeded with an integer derived (sha256) from a descriptive string.
No set iteration is used for anything that reaches the output.

Labels follow /work/shared/clinical/referral-triage-spec.md (first matching rule).
Every case is checked to give the same label under several readings of the loose
words in the spec (see READINGS) and under every age the letter allows; cases that
are not robust are redrawn.
"""
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import sys

OUT = os.path.dirname(os.path.abspath(__file__))
N = 300


def rng_for(*parts):
    s = "letters18|" + "|".join(str(p) for p in parts)
    return random.Random(int(hashlib.sha256(s.encode()).hexdigest(), 16))


# ----------------------------------------------------------------------------
# Labelling (spec rules) and robustness readings
# ----------------------------------------------------------------------------
BOOL_FACTS = [
    "dysphagia", "rectal_mass", "anal_mass", "abdominal_mass", "jaundice",
    "weight_loss", "upper_abdominal_pain", "lower_abdominal_pain", "dyspepsia",
    "reflux", "rectal_bleeding", "change_in_bowel_habit", "bloating",
    "bloody_diarrhoea", "haematemesis", "known_cirrhosis", "ascites", "confusion",
    "known_ibd", "ibd_stable", "management_question", "family_history_crc",
    "fatty_liver_imaging",
]
SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "abdominal_mass", "jaundice",
            "weight_loss", "upper_abdominal_pain", "lower_abdominal_pain", "dyspepsia",
            "reflux", "rectal_bleeding", "change_in_bowel_habit", "bloating",
            "bloody_diarrhoea", "haematemesis", "ascites", "confusion"]

READINGS = ["bd_is_rectal_bleeding", "bd_is_cibh", "upper_pain_is_abdominal_pain",
            "upper_pain_is_dyspepsia", "reflux_is_dyspepsia", "bloating_is_pain",
            "a1_strict"]

USC, URG, ROU, AG = "urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"
RULE_LABELS = {
    "U1": (USC, "upper_gi"), "U2": (USC, "lower_gi"), "U3": (USC, "lower_gi"),
    "U4": (USC, "lower_gi"), "U5": (USC, "upper_gi"), "U6": (USC, "lower_gi"),
    "U7": (USC, "hepatology"), "U8": (USC, "lower_gi"), "R1": (URG, "ibd"),
    "R2": (URG, "hepatology"), "R3": (URG, "upper_gi"), "O1": (ROU, "upper_gi"),
    "O2": (ROU, "ibd"), "O3": (AG, "ibd"), "O4": (ROU, "general_gi"),
    "O5": (ROU, "hepatology"), "A1": (AG, "general_gi"), "O6": (ROU, "general_gi"),
    "A2": (AG, "upper_gi"), "A3": (AG, "lower_gi"), "D": (ROU, "general_gi"),
}


def decide(f, v, age, rd, soft_on):
    """f: bool facts, v: values, rd: dict of readings, soft_on: facts added by soft distractors."""
    g = dict(f)
    for k in soft_on:
        g[k] = True
    sex = f["sex"]
    hb, fer = v.get("hb"), v.get("ferritin")
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    fit_present = v.get("fit_text") is not None
    fitv = v.get("fit_value")
    fit_ge10 = fit_present and fitv is not None and fitv >= 10
    fit_lt10 = fit_present and not fit_ge10
    cal, alt = v.get("calprotectin"), v.get("alt")
    ttg_pos = v.get("ttg") is not None and v["ttg"] > v["ttg_uln"]
    rb = g["rectal_bleeding"] or (rd["bd_is_rectal_bleeding"] and g["bloody_diarrhoea"])
    cibh = g["change_in_bowel_habit"] or (rd["bd_is_cibh"] and g["bloody_diarrhoea"])
    upper = g["upper_abdominal_pain"]
    abdo = g["lower_abdominal_pain"] or (rd["upper_pain_is_abdominal_pain"] and upper) \
        or (rd["bloating_is_pain"] and g["bloating"])
    dysp = g["dyspepsia"] or (rd["upper_pain_is_dyspepsia"] and upper)
    dysp_for_trd = g["dyspepsia"] or (rd["reflux_is_dyspepsia"] and g["reflux"])
    ppi = v.get("ppi_weeks")
    trd = dysp_for_trd and ppi is not None and ppi >= 4
    wl = g["weight_loss"]
    if g["dysphagia"]:
        return "U1"
    if g["rectal_mass"] or g["anal_mass"]:
        return "U2"
    if fit_ge10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (upper or g["reflux"] or dysp):
        return "U5"
    if g["abdominal_mass"]:
        return "U6"
    if age >= 40 and g["jaundice"]:
        return "U7"
    if not fit_present and ((age >= 50 and rb) or (age >= 40 and wl and abdo) or (age >= 60 and cibh)):
        return "U8"
    if g["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (g["known_cirrhosis"] and (g["ascites"] or g["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if g["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if g["known_ibd"] and g["ibd_stable"] and g["management_question"]:
        return "O3"
    if ttg_pos:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or g["fatty_liver_imaging"]:
        return "O5"
    a1_sym = abdo or g["bloating"] or cibh
    a1_test = (cal is not None and cal < 100) or fit_lt10
    if age < 50 and a1_sym and a1_test:
        other = False
        if rd["a1_strict"]:
            other = any([g["dysphagia"], g["rectal_mass"], g["anal_mass"], g["abdominal_mass"],
                         g["jaundice"], wl, dysp, g["reflux"], upper, rb, g["bloody_diarrhoea"],
                         g["haematemesis"], g["known_cirrhosis"], g["known_ibd"], anaemia,
                         irondef, ttg_pos, g["fatty_liver_imaging"], ppi is not None,
                         alt is not None and alt >= 40, g["family_history_crc"]])
        if not other:
            return "A1"
    if (rb or cibh or abdo) and fit_lt10:
        return "O6"
    if age < 55 and (dysp or g["reflux"]):
        return "A2"
    if g["family_history_crc"] and not any(g[s] for s in SYMPTOMS):
        return "A3"
    return "D"


def robust_rules(f, v, ages, soft_facts):
    out = []
    for bits in itertools.product([False, True], repeat=len(READINGS)):
        rd = dict(zip(READINGS, bits))
        for n in range(len(soft_facts) + 1):
            for sub in itertools.combinations(soft_facts, n):
                for a in ages:
                    out.append(decide(f, v, a, rd, sub))
    return sorted(set(out))


# ----------------------------------------------------------------------------
# Name banks and identifiers
# ----------------------------------------------------------------------------
F_FIRST = ["Margaret", "Susan", "Aisha", "Joan", "Priya", "Karen", "Olivia", "Siobhan", "Brenda",
           "Fatima", "Hannah", "Eileen", "Grace", "Chloe", "Zainab", "Patricia", "Lucy", "Mei",
           "Dorothy", "Rachel", "Amira", "Gwen", "Sandra", "Niamh", "Beatrice", "Jasmine"]
M_FIRST = ["David", "Robert", "Imran", "Kevin", "Thomas", "Gareth", "Ahmed", "Peter", "Callum",
           "Rajesh", "George", "Liam", "Stanley", "Tariq", "Michael", "Owen", "Dennis", "Wei",
           "Samuel", "Brian", "Declan", "Harold", "Joseph", "Kwame", "Neil", "Arthur"]
SURN = ["Whitfield", "Okafor", "Patel", "Hughes", "McAllister", "Nowak", "Evans", "Begum",
        "Thornton", "Lloyd", "Khan", "Davies", "Fraser", "O'Neill", "Chowdhury", "Barker",
        "Jenkins", "Murray", "Ahmed", "Holloway", "Pritchard", "Singh", "Mensah", "Rowe",
        "Kowalski", "Brennan", "Ashworth", "Greenwood", "Sutherland", "Ellis", "Hussain", "Price"]
PRACTICES = ["Riverside Medical Practice", "The Elms Surgery", "Castle Street Health Centre",
             "Millbrook Family Practice", "Northgate Surgery", "Park Lane Medical Group",
             "Harbour View Surgery", "St Anne's Health Centre", "Oakwood Partnership",
             "Station Road Surgery", "Meadowbank Medical Centre", "Hillside Group Practice",
             "Canal Side Surgery", "Westfield Health Centre", "The Willows Practice"]
TOWNS = ["Ashford", "Kendal", "Stroud", "Wrexham", "Barnsley", "Truro", "Hexham", "Bangor",
         "Dudley", "Hereford", "Ormskirk", "Thirsk"]
DOCS = ["Dr A. Mercer", "Dr S. Oduya", "Dr R. Campbell", "Dr F. Iqbal", "Dr H. Lindqvist",
        "Dr P. Gallagher", "Dr J. Ng", "Dr E. Morgan-Price", "Dr K. Adeyemi", "Dr L. Fitzgerald",
        "Dr M. Sato", "Dr C. Rahman", "Dr T. Bell", "Dr V. Kapoor", "Dr D. O'Sullivan",
        "Dr G. Wilkinson", "Dr N. Haddad", "Dr B. Thompson", "Dr Y. Osei", "Dr W. Hart"]
HOSP = ["Royal County Hospital", "General Infirmary", "St Mary's Hospital", "University Hospital",
        "District General Hospital"]


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return n


def fmt_nhs(n, rng):
    return rng.choice([n[:3] + " " + n[3:6] + " " + n[6:], n, n[:3] + "-" + n[3:6] + "-" + n[6:]])


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_L = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"]


def fmt_date(d, mode):
    # numeric UK dates only when the day cannot be mistaken for a month
    if mode == "num" and d.day > 12:
        return d.strftime("%d/%m/%Y")
    if mode == "dot" and d.day > 12:
        return d.strftime("%d.%m.%y")
    if mode == "long":
        return "%d %s %d" % (d.day, MONTHS_L[d.month - 1], d.year)
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ----------------------------------------------------------------------------
# Case construction per target rule
# ----------------------------------------------------------------------------
PLAN = [("U1", 15), ("U2", 8), ("U3", 15), ("U4", 13), ("U5", 10), ("U6", 6), ("U7", 9),
        ("U8", 14), ("R1", 20), ("R2", 13), ("R3", 12), ("O1", 15), ("O2", 14), ("O3", 15),
        ("O4", 14), ("O5", 20), ("A1", 20), ("O6", 24), ("A2", 17), ("A3", 8), ("D", 18)]
assert sum(n for _, n in PLAN) == N


def blank():
    f = {k: False for k in BOOL_FACTS}
    v = {"hb": None, "ferritin": None, "fit_text": None, "fit_value": None, "calprotectin": None,
         "alt": None, "ttg": None, "ttg_uln": None, "ppi_weeks": None}
    return f, v


def set_fit_low(v, r):
    k = r.choice(["<4", "undetectable", "negative", "num"])
    if k == "num":
        val = r.randint(2, 7)
        v["fit_text"], v["fit_value"] = str(val), val
    else:
        v["fit_text"], v["fit_value"] = k, None


def set_fit_high(v, r):
    val = r.choice([r.randint(12, 60), r.randint(61, 200), r.randint(201, 600)])
    v["fit_text"], v["fit_value"] = str(val), val


def hb_anaemic(sex, r):
    return r.randint(72, 112) if sex == "F" else r.randint(75, 122)


def hb_normal(sex, r):
    return r.randint(128, 148) if sex == "F" else r.randint(138, 165)


def build(rule, r):
    f, v = blank()
    sex = r.choice("FM")
    f["sex"] = sex
    age = None
    sub = rule
    if rule == "U1":
        age = r.randint(24, 92)
        f["dysphagia"] = True
        if r.random() < 0.35:
            f["reflux"] = True
        if r.random() < 0.3:
            f["weight_loss"] = True
        if r.random() < 0.2:
            v["hb"], v["ferritin"] = hb_anaemic(sex, r), r.randint(4, 22)
    elif rule == "U2":
        age = r.randint(38, 90)
        f[r.choice(["rectal_mass", "anal_mass"])] = True
        if r.random() < 0.5:
            f["rectal_bleeding"] = True
        if r.random() < 0.4:
            set_fit_low(v, r)  # a low FIT does not outrank a mass
    elif rule == "U3":
        age = r.randint(36, 90)
        set_fit_high(v, r)
        pick = r.sample(["rectal_bleeding", "change_in_bowel_habit", "lower_abdominal_pain", "bloating"], r.randint(1, 2))
        for p in pick:
            f[p] = True
        if r.random() < 0.25:
            v["calprotectin"] = r.randint(20, 90)
    elif rule == "U4":
        age = r.randint(19, 93)
        v["hb"], v["ferritin"] = hb_anaemic(sex, r), r.randint(3, 24)
        if r.random() < 0.4:
            set_fit_low(v, r)
        if r.random() < 0.3:
            f["bloating"] = True
    elif rule == "U5":
        age = r.randint(56, 91)
        f["weight_loss"] = True
        pick = r.sample(["upper_abdominal_pain", "dyspepsia", "reflux"], r.randint(1, 2))
        for p in pick:
            f[p] = True
    elif rule == "U6":
        age = r.randint(30, 88)
        f["abdominal_mass"] = True
        if r.random() < 0.4:
            f["lower_abdominal_pain"] = True
    elif rule == "U7":
        age = r.randint(42, 92)
        f["jaundice"] = True
        if r.random() < 0.5:
            v["alt"] = r.choice([r.randint(50, 250), r.randint(320, 700)])
        if r.random() < 0.25:
            f["weight_loss"] = True
    elif rule == "U8":
        sub = r.choice(["U8a", "U8b", "U8c"])
        if sub == "U8a":
            age = r.randint(51, 90)
            f["rectal_bleeding"] = True
        elif sub == "U8b":
            age = r.randint(41, 90)
            f["weight_loss"] = True
            f["lower_abdominal_pain"] = True
        else:
            age = r.randint(61, 92)
            f["change_in_bowel_habit"] = True
        if r.random() < 0.3:
            v["hb"], v["ferritin"] = hb_normal(sex, r), r.randint(40, 250)
    elif rule == "R1":
        sub = r.choice(["R1bd", "R1bd", "R1cal"])
        if sub == "R1bd":
            age = r.randint(18, 48)
            f["bloody_diarrhoea"] = True
            if r.random() < 0.3:
                f["known_ibd"] = True
            if r.random() < 0.4:
                v["calprotectin"] = r.randint(300, 2500)
        else:
            age = r.randint(18, 75)
            v["calprotectin"] = r.randint(270, 1800)
            f[r.choice(["change_in_bowel_habit", "lower_abdominal_pain"])] = True
            if age >= 40:
                set_fit_low(v, r)
    elif rule == "R2":
        sub = r.choice(["R2cirr", "R2alt", "R2alt"])
        if sub == "R2cirr":
            age = r.randint(38, 84)
            f["known_cirrhosis"] = True
            f[r.choice(["ascites", "confusion"])] = True
        else:
            age = r.randint(19, 80)
            v["alt"] = r.randint(320, 1400)
    elif rule == "R3":
        age = r.randint(18, 88)
        f["haematemesis"] = True
        if r.random() < 0.3 and age < 55:
            f["dyspepsia"] = True
    elif rule == "O1":
        age = r.randint(56, 90)
        f["dyspepsia"] = True
        v["ppi_weeks"] = r.choice([6, 8, 8, 10, 12, 16])
        if r.random() < 0.3:
            f["upper_abdominal_pain"] = True
    elif rule == "O2":
        age = r.randint(18, 70)
        v["calprotectin"] = r.randint(110, 240)
        f[r.choice(["change_in_bowel_habit", "lower_abdominal_pain"])] = True
        if age >= 40 or r.random() < 0.5:
            set_fit_low(v, r)
    elif rule == "O3":
        age = r.randint(20, 80)
        f["known_ibd"] = f["ibd_stable"] = f["management_question"] = True
        if r.random() < 0.4:
            v["calprotectin"] = r.randint(15, 80)
    elif rule == "O4":
        age = r.randint(18, 75)
        v["ttg"], v["ttg_uln"] = r.choice([(r.randint(25, 128), 7), (r.randint(30, 200), 10), (r.randint(15, 90), 4)])
        if r.random() < 0.5:
            f["bloating"] = True
        if r.random() < 0.3:
            v["hb"], v["ferritin"] = hb_normal(sex, r), r.randint(8, 24)
    elif rule == "O5":
        sub = r.choice(["O5alt", "O5alt", "O5fat"])
        age = r.randint(22, 85)
        if sub == "O5alt":
            v["alt"] = r.randint(45, 280)
            if r.random() < 0.3:
                f["fatty_liver_imaging"] = True
        else:
            f["fatty_liver_imaging"] = True
            v["alt"] = r.choice([None, r.randint(14, 36)])
    elif rule == "A1":
        age = r.randint(18, 48)
        for p in r.sample(["lower_abdominal_pain", "bloating", "change_in_bowel_habit"], r.randint(1, 3)):
            f[p] = True
        k = r.choice(["cal", "fit", "both"])
        if k in ("cal", "both"):
            v["calprotectin"] = r.randint(12, 85)
        if k in ("fit", "both"):
            set_fit_low(v, r)
        if r.random() < 0.3:
            v["hb"] = hb_normal(sex, r)
    elif rule == "O6":
        sub = r.choice(["O6old", "O6old", "O6old", "O6young"])
        if sub == "O6old":
            age = r.randint(50, 90)
            for p in r.sample(["rectal_bleeding", "change_in_bowel_habit", "lower_abdominal_pain"], r.randint(1, 2)):
                f[p] = True
        else:
            age = r.randint(19, 48)
            f["rectal_bleeding"] = True
        set_fit_low(v, r)
        if r.random() < 0.3:
            v["calprotectin"] = r.randint(15, 90)
    elif rule == "A2":
        age = r.randint(19, 53)
        for p in r.sample(["dyspepsia", "reflux"], r.randint(1, 2)):
            f[p] = True
        if r.random() < 0.35:
            v["ppi_weeks"] = r.choice([6, 8, 12])
            f["dyspepsia"] = True
    elif rule == "A3":
        age = r.randint(25, 72)
        f["family_history_crc"] = True
    elif rule == "D":
        sub = r.choice(["Ddysp", "Dbleed", "Dcibh", "Dirondef", "Danaemia"])
        if sub == "Ddysp":
            age = r.randint(58, 88)
            f["dyspepsia"] = True
            if r.random() < 0.5:
                v["ppi_weeks"] = 2
        elif sub == "Dbleed":
            age = r.randint(19, 46)
            f["rectal_bleeding"] = True
        elif sub == "Dcibh":
            age = r.randint(41, 57)
            f["change_in_bowel_habit"] = True
        elif sub == "Dirondef":
            age = r.randint(22, 70)
            v["hb"], v["ferritin"] = hb_normal(sex, r), r.randint(6, 22)
        else:
            age = r.randint(30, 85)
            v["hb"], v["ferritin"] = hb_anaemic(sex, r), r.randint(60, 300)
    # co-facts that never outrank the target: family history of CRC on symptomatic cases
    if rule not in ("A3", "D") and r.random() < 0.08:
        f["family_history_crc"] = True
    # normal bloods as background values
    if v["hb"] is None and r.random() < 0.35:
        v["hb"] = hb_normal(sex, r)
        if r.random() < 0.5:
            v["ferritin"] = r.randint(40, 260)
    if v["alt"] is None and not f["fatty_liver_imaging"] and r.random() < 0.3:
        v["alt"] = r.randint(12, 34)
    return f, v, age, sub


# ----------------------------------------------------------------------------
# Phrase banks (positives)
# ----------------------------------------------------------------------------
PPIS = ["omeprazole 20mg", "lansoprazole 30mg", "omeprazole 40mg", "esomeprazole 20mg"]


def pos_phrases(fact, reg, c):
    p = c["p"]
    he, his = p["he"], p["his"]
    d = c["dd"]
    if fact == "dysphagia":
        return {"f": ["progressive difficulty swallowing solids over the last %s" % d["dur"],
                      "dysphagia to solid food for %s" % d["dur"],
                      "food sticking behind the breastbone for %s, now with soft food too" % d["dur"]],
                "s": ["dysph solids x%s" % d["dur_s"], "c/o food sticking retrosternally %s" % d["dur_s"],
                      "dysphagia +++ (%s)" % d["dur_s"]],
                "l": ["Food gets stuck when I swallow, for about %s" % d["dur"],
                      "I struggle to swallow bread and meat, it sticks in my chest"]}[reg]
    if fact == "rectal_mass":
        return {"f": ["on rectal examination there is a firm irregular mass at about %d cm" % d["cm"],
                      "a hard mass is palpable on digital rectal examination"],
                "s": ["PR: hard craggy mass ~%dcm" % d["cm"], "PR - firm irregular rectal mass"]}[reg if reg != "l" else "s"]
    if fact == "anal_mass":
        return {"f": ["a firm %d cm mass at the anal verge" % d["cm"],
                      "an indurated anal mass at %d o'clock" % d["clock"]],
                "s": ["o/e anal mass ~%dcm, firm" % d["cm"], "anal verge: hard lump %dcm" % d["cm"]]}[reg if reg != "l" else "s"]
    if fact == "abdominal_mass":
        return {"f": ["a firm, non-tender mass palpable in the %s" % d["fossa"],
                      "a %d cm mass in the %s on examination" % (d["cm"] + 2, d["fossa"])],
                "s": ["o/e mass %s ~%dcm" % (d["fossa_s"], d["cm"] + 2), "palp mass %s, firm" % d["fossa_s"]]}[reg if reg != "l" else "s"]
    if fact == "jaundice":
        return {"f": ["%s is clinically jaundiced, with yellow sclerae" % he,
                      "painless jaundice, sclerae clearly yellow today"],
                "s": ["jaundiced ++, sclerae yellow", "o/e icteric ++"]}[reg if reg != "l" else "s"]
    if fact == "weight_loss":
        kg = d["kg"]
        return {"f": ["unintentional weight loss of %d kg over %s" % (kg, d["dur"]),
                      "%s has lost about a stone over %s without trying" % (he, d["dur"]),
                      "weight down %d kg in %s, not dieting" % (kg, d["dur"])],
                "s": ["wt \u2193 %d kg / %d/12, unintentional" % (kg, d["months"]),
                      "unintentional wt loss %dkg" % kg, "lost %dkg unintentionally" % kg],
                "l": ["I have lost about %d kg without trying" % kg,
                      ("I'm down two dress sizes without dieting" if c["sex"] == "F" else
                       "My clothes are loose, I have lost weight without dieting")]}[reg]
    if fact == "upper_abdominal_pain":
        return {"f": ["epigastric pain for %s" % d["dur"], "gnawing upper abdominal pain over %s" % d["dur"]],
                "s": ["epigastric pain x%s" % d["dur_s"], "upper abdo pain ++"],
                "l": ["pain at the top of my stomach just under the ribs"]}[reg]
    if fact == "lower_abdominal_pain":
        return {"f": ["lower abdominal pain for %s" % d["dur"], "crampy pain in the %s for %s" % (d["fossa"], d["dur"])],
                "s": ["%s pain x%s" % (d["fossa_s"], d["dur_s"]), "lower abdo pain, colicky"],
                "l": ["cramping pain low down in my tummy"]}[reg]
    if fact == "dyspepsia":
        w = c["v"].get("ppi_weeks")
        ppi = d["ppi"]
        if w is not None and w >= 4:
            return {"f": ["dyspepsia persisting despite %d weeks of %s" % (w, ppi),
                          "indigestion no better after %d weeks of full-dose %s" % (w, ppi)],
                    "s": ["dyspepsia ongoing despite %s x%d/52" % (ppi, w),
                          "persistent indigestion, %d/52 %s \u00d8 effect" % (w, ppi)],
                    "l": ["Indigestion still there after %d weeks of %s tablets" % (w, ppi)]}[reg]
        if w is not None:
            return {"f": ["indigestion for %s; started %s only %d weeks ago" % (d["dur"], ppi, w)],
                    "s": ["dyspepsia %s, %s started %d/52 ago" % (d["dur_s"], ppi, w)],
                    "l": ["indigestion, I started %s tablets %d weeks ago" % (ppi, w)]}[reg]
        return {"f": ["indigestion for %s" % d["dur"], "dyspepsia over %s" % d["dur"]],
                "s": ["dyspepsia %s" % d["dur_s"], "indigestion ++"],
                "l": ["indigestion after most meals"]}[reg]
    if fact == "reflux":
        return {"f": ["acid reflux and heartburn for %s" % d["dur"], "troublesome reflux symptoms"],
                "s": ["reflux/heartburn %s" % d["dur_s"], "GORD sx ++"],
                "l": ["heartburn and acid coming up into my throat"]}[reg]
    if fact == "rectal_bleeding":
        return {"f": ["fresh rectal bleeding for %s" % d["dur"], "bright red blood on the paper and in the pan"],
                "s": ["PR bld x%s" % d["dur_s"], "BRBPR %s" % d["dur_s"], "PR bleeding ++"],
                "l": ["blood when I wipe and in the toilet"]}[reg]
    if fact == "change_in_bowel_habit":
        return {"f": ["a change in bowel habit to looser, more frequent stools over %s" % d["dur"],
                      "change in bowel habit towards constipation over %s" % d["dur"]],
                "s": ["CIBH \u2192 loose x%d/day, %s" % (d["freq"], d["dur_s"]), "CIBH (constipation) %s" % d["dur_s"]],
                "l": ["my bowels have changed, going more often and looser for %s" % d["dur"]]}[reg]
    if fact == "bloating":
        return {"f": ["abdominal bloating", "intermittent bloating"], "s": ["bloating ++"],
                "l": ["my tummy bloats up"]}[reg]
    if fact == "bloody_diarrhoea":
        return {"f": ["bloody diarrhoea %d times a day for %s" % (d["freq"] + 3, d["dur_short"]),
                      "diarrhoea mixed with blood, up to %d times daily" % (d["freq"] + 3)],
                "s": ["bloody D x%d/day, %s" % (d["freq"] + 3, d["dur_short"]), "diarrhoea + blood ++ x%d/day" % (d["freq"] + 3)],
                "l": ["diarrhoea with blood in it, %d times a day" % (d["freq"] + 3)]}[reg]
    if fact == "haematemesis":
        return {"f": ["intermittent small-volume haematemesis over the past %s, haemodynamically stable" % d["dur_short"],
                      "%s has vomited small amounts of fresh blood on several occasions this week; observations normal" % he],
                "s": ["haematemesis x3 this wk, small vol, obs stable", "vomiting blood (small amounts), recurrent, HR/BP normal"],
                "l": ["I've been sick with some blood in it a few times this week"]}[reg]
    if fact == "known_cirrhosis":
        return {"f": ["known %s cirrhosis" % d["aet"]], "s": ["%s cirrhosis (known)" % d["aet"]]}[reg if reg != "l" else "s"]
    if fact == "ascites":
        return {"f": ["increasing abdominal distension, ultrasound confirms ascites", "shifting dullness consistent with ascites"],
                "s": ["ascites ++ (USS confirmed)", "tense ascites on exam"]}[reg if reg != "l" else "s"]
    if fact == "confusion":
        return {"f": ["%s family report new intermittent confusion over the past week" % his,
                      "new confusion noted at today's visit"],
                "s": ["new confusion, intermittent, family concerned", "new confusion today"]}[reg if reg != "l" else "s"]
    if fact == "known_ibd":
        t, ab, drug = d["ibd"]
        if c["f"]["ibd_stable"]:
            return {"f": ["known %s, in remission on %s" % (t, drug), "%s diagnosed %d, stable on %s" % (t, d["ibd_year"], drug)],
                    "s": ["known %s, stable on %s" % (ab, drug)]}[reg if reg != "l" else "s"]
        return {"f": ["known %s" % t], "s": ["known %s" % ab]}[reg if reg != "l" else "s"]
    if fact == "management_question":
        return ["Question: " + d["question"]]
    if fact == "family_history_crc":
        return {"f": ["%s was diagnosed with bowel cancer aged %d" % (d["rel"], d["relage"])],
                "s": ["FHx: %s CRC aged %d" % (d["rel_s"], d["relage"])],
                "l": ["My %s had bowel cancer at %d" % (d["rel"].replace("her ", "").replace("his ", ""), d["relage"])]}[reg]
    if fact == "fatty_liver_imaging":
        return {"f": ["ultrasound abdomen showed a fatty liver", "USS: diffuse hepatic steatosis"],
                "s": ["USS - fatty liver", "USS abdo: fatty liver, nil else"]}[reg if reg != "l" else "s"]
    raise KeyError(fact)


HIST_FACTS = ["known_cirrhosis", "known_ibd", "management_question", "family_history_crc", "fatty_liver_imaging"]
EXAM_FACTS = ["rectal_mass", "anal_mass", "abdominal_mass", "jaundice", "ascites"]


# ----------------------------------------------------------------------------
# Value rendering
# ----------------------------------------------------------------------------
def hb_ref(sex):
    return "120-150" if sex == "F" else "130-170"


def val_inline(key, c, r):
    v = c["v"]
    if key == "hb":
        x = v["hb"]
        low = x < (120 if c["sex"] == "F" else 130)
        opts = ["Hb %d g/L" % x, "Hb %d" % x, "haemoglobin %.1f g/dL" % (x / 10.0)]
        if low:
            opts += ["Hb %d \u2193" % x, "Hb %dL" % x]
            if x <= 112:
                opts.append("Hb dropped by 20 to %d" % x)
        return r.choice(opts)
    if key == "ferritin":
        x = v["ferritin"]
        return r.choice(["ferritin %d ug/L" % x, "ferritin %d" % x, "ferr %d" % x, "ferritin %d \u00b5g/L" % x])
    if key == "fit":
        t = v["fit_text"]
        if v["fit_value"] is not None and v["fit_value"] >= 10:
            return r.choice(["FIT %s" % t, "qFIT %s ug Hb/g" % t, "FIT %s \u00b5g/g +ve" % t, "FIT = %s" % t])
        if t == "<4":
            return r.choice(["FIT <4", "qFIT <4 ug Hb/g", "FIT < 4"])
        if t == "undetectable":
            return r.choice(["FIT undetectable", "FIT: undetectable"])
        if t == "negative":
            return r.choice(["FIT negative", "FIT -ve"])
        return r.choice(["FIT %s" % t, "qFIT %s ug Hb/g" % t])
    if key == "calprotectin":
        x = v["calprotectin"]
        return r.choice(["faecal calprotectin %d ug/g" % x, "calpro %d" % x, "FCP %d" % x, "calprotectin %d" % x])
    if key == "alt":
        x = v["alt"]
        if x >= 40:
            return r.choice(["ALT %d U/L" % x, "\u2191ALT %d" % x, "ALT %d" % x])
        return r.choice(["ALT %d" % x, "ALT %d U/L" % x])
    if key == "ttg":
        x, u = v["ttg"], v["ttg_uln"]
        if x > u:
            return r.choice(["tTG IgA %d U/mL (ref <%d)" % (x, u), "coeliac serology +ve: tTG %d (<%d)" % (x, u),
                             "raised tTG %d (ULN %d)" % (x, u)])
        return r.choice(["tTG negative", "tTG <1 (ref <%d)" % u])
    raise KeyError(key)


def val_row(key, c, r):
    """A results-table row: value, H/L flag, reference range, previous value column."""
    v = c["v"]
    prev = None
    if key == "hb":
        x = v["hb"]
        low = x < (120 if c["sex"] == "F" else 130)
        prev_v = r.randint(128, 150) if c["sex"] == "F" else r.randint(138, 160)
        row = "Haemoglobin      %-6s %-2s  %-10s" % (x, "L" if low else "", hb_ref(c["sex"]) + " g/L")
        prev = ("Hb", prev_v)
    elif key == "ferritin":
        x = v["ferritin"]
        row = "Ferritin         %-6s %-2s  %-10s" % (x, "L" if x < 30 else "", "30-300 ug/L")
        prev = ("ferritin", r.randint(40, 180))
    elif key == "fit":
        t = v["fit_text"]
        if t in ("undetectable", "negative"):
            t = {"undetectable": "undetect", "negative": "neg"}[t]
        flag = "H" if (v["fit_value"] or 0) >= 10 else ""
        row = "FIT              %-6s %-2s  %-10s" % (t, flag, "<10 ug/g")
    elif key == "calprotectin":
        x = v["calprotectin"]
        row = "Calprotectin     %-6s %-2s  %-10s" % (x, "H" if x >= 50 else "", "<50 ug/g")
    elif key == "alt":
        x = v["alt"]
        row = "ALT              %-6s %-2s  %-10s" % (x, "H" if x > 40 else "", "0-40 U/L")
        prev = ("ALT", r.randint(15, 35))
    elif key == "ttg":
        x, u = v["ttg"], v["ttg_uln"]
        row = "tTG IgA          %-6s %-2s  %-10s" % (x, "H" if x > u else "", "<%d U/mL" % u)
    else:
        raise KeyError(key)
    return row.rstrip(), prev


VAL_ORDER = ["hb", "ferritin", "alt", "ttg", "calprotectin", "fit"]


# ----------------------------------------------------------------------------
# Distractors
# ----------------------------------------------------------------------------
def distractor_bank(c):
    """(kind, about, slot, {reg: [texts]}, conflicts, soft_fact)"""
    p = c["p"]
    he, his = p["he"], p["his"]
    by = c["birth_year"]
    lo = max(by + 14, 1990)
    y1 = c["r"].randint(lo, max(lo, 2022))
    B = []
    B.append(("negated", "any_symptom", "sym", {"f": ["%s has no bowel or abdominal symptoms at all and is asking about screening" % he],
                                                 "s": ["asymptomatic - asking re screening"]}, SYMPTOMS, None))
    B.append(("negated", "dysphagia", "sym", {"f": ["no dysphagia", "%s denies any difficulty swallowing" % he],
                                               "s": ["dysph \u2717", "\u00d8 dysphagia", "no dysph"],
                                               "row": ["Difficulty swallowing: No"], "box": ["[ ] Difficulty swallowing"]},
              ["dysphagia"], None))
    B.append(("negated", "weight_loss", "sym", {"f": ["weight is stable", "no weight loss"],
                                                 "s": ["wt stable", "no wt loss", "wt \u2194"],
                                                 "row": ["Unintentional weight loss: No"], "box": ["[ ] Weight loss"]},
              ["weight_loss"], None))
    B.append(("negated", "rectal_bleeding", "sym", {"f": ["no rectal bleeding"], "s": ["no PR bld", "PR bleeding -ve"],
                                                     "row": ["Bleeding from the back passage: No"], "box": ["[ ] Rectal bleeding"]},
              ["rectal_bleeding", "bloody_diarrhoea"], None))
    B.append(("negated", "jaundice", "exam", {"f": ["not jaundiced"], "s": ["no jaundice", "sclerae white"],
                                               "row": ["Yellow skin or eyes: No"], "box": ["[ ] Jaundice"]},
              ["jaundice"], None))
    B.append(("negated", "haematemesis", "sym", {"f": ["no haematemesis"], "s": ["nil haematemesis"],
                                                  "row": ["Vomiting blood: No"], "box": ["[ ] Haematemesis"]},
              ["haematemesis"], None))
    B.append(("negated", "abdominal_mass", "exam", {"f": ["abdomen soft and non-tender with no masses"],
                                                     "s": ["abdo SNT, no masses", "abdo: SNT, no masses, NAD"],
                                                     "row": ["Lump in tummy: No"], "box": ["[ ] Abdominal mass"]},
              ["abdominal_mass", "ascites"], None))
    B.append(("negated", "rectal_mass", "exam", {"f": ["rectal examination normal, no masses felt"],
                                                  "s": ["PR: empty rectum, no masses", "PR: NAD, no mass"],
                                                  "row": ["PR examination: no mass"], "box": ["[ ] Rectal mass on PR"]},
              ["rectal_mass", "anal_mass"], None))
    B.append(("negated", "change_in_bowel_habit", "sym", {"f": ["bowel habit unchanged"], "s": ["BO normal, no CIBH"],
                                                           "row": ["Change in bowel habit: No"], "box": ["[ ] Change in bowel habit"]},
              ["change_in_bowel_habit", "bloody_diarrhoea"], None))
    B.append(("negated", "dyspepsia", "sym", {"f": ["no indigestion or heartburn"], "s": ["no dyspepsia/reflux"],
                                               "row": ["Indigestion or heartburn: No"], "box": ["[ ] Dyspepsia / reflux"]},
              ["dyspepsia", "reflux", "upper_abdominal_pain"], None))
    B.append(("family_history", "dysphagia", "fh", {"f": ["%s father had oesophageal cancer in his seventies" % his],
                                                     "s": ["FHx: father oesophageal ca (70s)"]}, [], None))
    B.append(("family_history", "known_ibd", "fh", {"f": ["%s sister has Crohn's disease" % his],
                                                     "s": ["FHx: sister Crohn's"]}, [], None))
    B.append(("family_history", "coeliac", "fh", {"f": ["%s mother has coeliac disease" % his],
                                                   "s": ["FHx: mother coeliac"]}, [], None))
    B.append(("family_history", "known_cirrhosis", "fh", {"f": ["%s brother has alcohol-related cirrhosis" % his],
                                                           "s": ["FHx: brother ArLD cirrhosis"]}, ["known_cirrhosis"], None))
    B.append(("family_history", "gastric_cancer", "fh", {"f": ["%s grandfather died of stomach cancer" % his],
                                                          "s": ["FHx: grandfather gastric ca"]}, [], None))
    B.append(("resolved", "rectal_bleeding", "pmh", {"f": ["rectal bleeding in %d from haemorrhoids (banded), none since" % y1],
                                                      "s": ["PR bld %d - piles, banded, none since" % y1]},
              ["rectal_bleeding", "bloody_diarrhoea"], None))
    if c["sex"] == "F" and by + 22 < 2020:
        ya = c["r"].randint(by + 20, min(by + 40, 2020))
        B.append(("resolved", "anaemia", "pmh", {"f": ["Anaemia in pregnancy %d (resolved)" % ya],
                                                  "s": ["Anaemia in pregnancy %d (resolved)" % ya]}, [], None))
    B.append(("resolved", "jaundice", "pmh", {"f": ["Neonatal jaundice %d" % by], "s": ["Neonatal jaundice %d" % by]},
              ["jaundice"], None))
    if by + 18 < 2015:
        yh = c["r"].randint(by + 16, 2015)
        B.append(("resolved", "jaundice", "pmh", {"f": ["Hepatitis A %d, jaundiced at the time, fully recovered" % yh],
                                                   "s": ["Hep A %d (jaundiced then), recovered" % yh]}, ["jaundice"], None))
    B.append(("resolved", "reflux", "pmh", {"f": ["reflux in %d settled fully on a course of omeprazole, off treatment and symptom-free since" % y1],
                                             "s": ["reflux %d - settled on PPI, off it, sx-free since" % y1]},
              ["reflux", "dyspepsia", "upper_abdominal_pain"], None))
    B.append(("resolved", "dysphagia", "pmh", {"f": ["difficulty swallowing in %d due to oesophageal candida, treated and resolved" % y1],
                                                "s": ["dysph %d - oesophageal candida, Rx'd, resolved" % y1]}, ["dysphagia"], None))
    B.append(("hypothetical", "dysphagia", "plan", {"f": ["Safety-netted to re-present if %s develops dysphagia, vomiting blood or black stools" % he],
                                                     "s": ["SN: if dysph / haematemesis / melaena \u2192 re-present"]},
              ["dysphagia", "haematemesis"], None))
    B.append(("hypothetical", "jaundice", "plan", {"f": ["Should %s become jaundiced we will refer on urgently" % he],
                                                    "s": ["if becomes jaundiced \u2192 urgent re-referral"]}, ["jaundice"], None))
    B.append(("hypothetical", "weight_loss", "plan", {"f": ["If weight loss develops please expedite"],
                                                       "s": ["if wt loss \u2192 expedite pls"]}, ["weight_loss"], None))
    B.append(("refuted", "jaundice", "exam", {"f": ["%s optometrist queried yellowish sclerae at a routine eye test; on my review today the sclerae are white and %s is not jaundiced" % (his, he)],
                                               "s": ["optom ?jaundice - sclerae white on review, not jaundiced"]}, ["jaundice"], None))
    B.append(("refuted", "weight_loss", "sym", {"f": ["%s daughter felt %s had lost weight, but %s weighs %d kg today, the same as six months ago" % (his, he, he, c["weight"])],
                                                 "s": ["daughter worried re wt - %dkg today, same as 6/12 ago" % c["weight"]]}, ["weight_loss"], None))
    B.append(("refuted", "abdominal_mass", "exam", {"f": ["the practice nurse thought she felt a lump in the abdomen, but on my examination the abdomen is soft with no mass"],
                                                     "s": ["PN ?abdo lump - on my exam SNT, no mass"]}, ["abdominal_mass", "ascites"], None))
    B.append(("explained", "weight_loss", "sym", {"f": ["%s has deliberately lost %d kg with a slimming group this year" % (he, c["dd"]["kg"] + 2)],
                                                   "s": ["intentional wt loss %dkg (slimming club)" % (c["dd"]["kg"] + 2)]}, ["weight_loss"], "weight_loss"))
    B.append(("medication_reason", "reflux", "med", {"f": ["omeprazole 20mg od - reflux"], "s": ["omeprazole 20mg od - reflux"]},
              ["reflux"], "reflux"))
    B.append(("medication_reason", "change_in_bowel_habit", "med", {"f": ["loperamide 2mg prn"], "s": ["loperamide prn"]},
              ["change_in_bowel_habit"], "change_in_bowel_habit"))
    B.append(("medication_reason", "dyspepsia", "med", {"f": ["Gaviscon Advance prn"], "s": ["Gaviscon prn"]},
              ["dyspepsia"], "dyspepsia"))
    B.append(("medication_reason", "lower_abdominal_pain", "med", {"f": ["mebeverine 135mg tds (IBS)"], "s": ["mebeverine 135mg tds - IBS"]},
              ["lower_abdominal_pain"], "lower_abdominal_pain"))
    if c["v"]["fit_text"] is None:
        B.append(("pending_test", "fit", "plan", {"f": ["FIT kit issued, result awaited"], "s": ["FIT sent - awaited"]}, [], None))
    if c["v"]["alt"] is None and not c["f"]["fatty_liver_imaging"]:
        B.append(("normal_value", "alt", "val", {"f": ["LFTs within normal limits"], "s": ["LFTs NAD"]}, [], None))
    if c["v"]["ttg"] is None:
        B.append(("normal_value", "coeliac_serology", "val", {"f": ["coeliac screen negative"], "s": ["TTG -ve"]}, [], None))
    return B


NEUTRAL_MEDS = ["ramipril 5mg od", "amlodipine 5mg od", "atorvastatin 20mg on", "levothyroxine 75mcg od",
                "metformin 500mg bd", "sertraline 50mg od", "salbutamol inhaler prn", "paracetamol 1g qds prn",
                "bisoprolol 2.5mg od", "cetirizine 10mg od", "vitamin D 800 units od", "mirtazapine 15mg on"]
NEUTRAL_PMH = ["Hypertension 2011", "Type 2 diabetes 2016", "Asthma (childhood)", "Appendicectomy 1979",
               "Osteoarthritis knees", "Hypothyroidism 2008", "Depression 2014 (resolved)", "Cholecystectomy 2005",
               "Fractured wrist 2019", "Cataract surgery L eye 2021", "Gout 2017", "Migraine"]

# ----------------------------------------------------------------------------
# The case object: renders pieces once per case and records evidence
# ----------------------------------------------------------------------------


class Case:
    def __init__(self, idx, rule, attempt):
        r = rng_for("case", idx, rule, attempt)
        self.r = r
        f, v, age, sub = build(rule, r)
        self.f, self.v, self.age, self.sub, self.rule = f, v, age, sub, rule
        self.sex = f["sex"]
        self.p = {"he": "she", "his": "her", "He": "She", "title": r.choice(["Mrs", "Ms", "Miss"])} if self.sex == "F" \
            else {"he": "he", "his": "his", "He": "He", "title": "Mr"}
        self.first = r.choice(F_FIRST if self.sex == "F" else M_FIRST)
        self.surname = r.choice(SURN)
        self.nhs = nhs_number(r)
        self.letter_date = dt.date(2024, 1, 1) + dt.timedelta(days=r.randint(0, 600))
        # birthday kept at least 45 days away from the letter date so every header date gives the same age
        while True:
            off = r.randint(45, 320)
            bday = self.letter_date - dt.timedelta(days=off)
            try:
                dob = dt.date(bday.year - age, bday.month, bday.day)
            except ValueError:
                continue
            if age_at(dob, self.letter_date) == age:
                break
        self.dob = dob
        self.birth_year = dob.year
        self.other_dates = {
            "date_typed": self.letter_date + dt.timedelta(days=r.randint(0, 3)),
            "date_received": self.letter_date + dt.timedelta(days=r.randint(2, 9)),
            "last_consultation": self.letter_date - dt.timedelta(days=r.randint(1, 20)),
        }
        self.weight = r.randint(52, 98)
        fossa = r.choice([("right iliac fossa", "RIF"), ("left iliac fossa", "LIF")])
        months = r.choice([2, 3, 4, 6])
        aet = r.choice(["alcohol-related", "MASLD-related", "hepatitis C"])
        ibd = r.choice([("ulcerative colitis", "UC", "mesalazine 2.4g od"), ("Crohn's disease", "Crohn's", "azathioprine 100mg od"),
                        ("ulcerative colitis", "UC", "azathioprine"), ("Crohn's disease", "Crohn's", "adalimumab")])
        rels = [("her mother", "mother"), ("her father", "father"), ("her brother", "brother"), ("her sister", "sister")] \
            if self.sex == "F" else [("his mother", "mother"), ("his father", "father"), ("his brother", "brother"), ("his sister", "sister")]
        rel = r.choice(rels)
        drug = ibd[2].split()[0]
        q = r.choice(["can %s safely stop %s after five years in remission?" % (self.p["he"], drug),
                      "is it safe to continue %s through a planned pregnancy?" % drug if self.sex == "F" else
                      "does %s need to stop %s before trying for a baby?" % (self.p["he"], drug),
                      "which travel vaccinations are appropriate while on %s?" % ibd[2].split()[0],
                      "is the shingles vaccine suitable with %s?" % ibd[2].split()[0],
                      "when is %s next surveillance colonoscopy due?" % self.p["his"],
                      "can the %s dose be reduced now that %s has been well for three years?" % (drug, self.p["he"])])
        self.dd = {"dur": "%d months" % months if (r.random() < 0.6 or months > 3) else "%d weeks" % (months * 4),
                   "dur_s": "%d/12" % months, "dur_short": r.choice(["week", "10 days", "fortnight"]),
                   "months": months, "kg": r.randint(5, 12), "cm": r.randint(2, 5), "clock": r.choice([3, 6, 9, 11]),
                   "fossa": fossa[0], "fossa_s": fossa[1], "freq": r.randint(3, 6), "ppi": r.choice(PPIS), "aet": aet,
                   "ibd": ibd, "ibd_year": r.randint(min(max(self.birth_year + 16, 1995), 2022), 2022), "rel": rel[0], "rel_s": rel[1],
                   "relage": r.randint(42, 79), "question": q}
        self.evidence = {}
        self.distractors = []
        self.dx = []  # chosen distractor tuples
        self.soft = []
        self.cache = {}
        self.c = {"p": self.p, "dd": self.dd, "v": v, "f": f, "sex": self.sex, "r": r, "birth_year": self.birth_year,
                  "weight": self.weight}

    # ---- evidence recording
    def add_ev(self, fact, s):
        self.evidence.setdefault(fact, [])
        if s not in self.evidence[fact]:
            self.evidence[fact].append(s)
        return s

    def pos(self, fact, reg):
        key = ("pos", fact)
        if key not in self.cache:
            self.cache[key] = self.add_ev(fact, self.r.choice(pos_phrases(fact, reg, self.c)))
        return self.cache[key]

    def sym_pos(self, reg):
        out = []
        for k in ["dysphagia", "haematemesis", "bloody_diarrhoea", "rectal_bleeding", "change_in_bowel_habit",
                  "upper_abdominal_pain", "lower_abdominal_pain", "dyspepsia", "reflux", "bloating",
                  "weight_loss", "confusion"]:
            if self.f[k]:
                out.append(self.pos(k, reg))
        return out

    def exam_pos(self, reg):
        return [self.pos(k, reg) for k in EXAM_FACTS if self.f[k]]

    def hist_pos(self, reg):
        out = []
        for k in HIST_FACTS:
            if self.f[k] and k != "management_question":
                out.append(self.pos(k, reg))
        return out

    def question(self):
        if self.f["management_question"]:
            return self.pos("management_question", "f")
        return None

    def values_present(self):
        return [k for k in VAL_ORDER if (self.v["fit_text"] is not None if k == "fit" else self.v[k] is not None)]

    def vals(self, mode):
        key = ("vals", mode)
        if key in self.cache:
            return self.cache[key]
        out = []
        for k in self.values_present():
            fact = {"hb": "hb", "ferritin": "ferritin", "fit": "fit", "calprotectin": "calprotectin", "alt": "alt",
                    "ttg": "ttg"}[k]
            if mode == "table":
                row, prev = val_row(k, self.c, self.r)
                if prev is not None and self.r.random() < 0.6:
                    row = row + "   prev %d (%s %d)" % (prev[1], MONTHS[self.r.randint(0, 11)], self.letter_date.year - 1)
                    self.distractors.append({"kind": "previous_value", "about": k, "text": row, "soft": False})
                s = row
            else:
                s = val_inline(k, self.c, self.r)
            self.add_ev("value_" + fact, s)
            if self.is_normal(k):
                self.distractors.append({"kind": "normal_value", "about": k, "text": s, "soft": False})
            out.append(s)
        self.cache[key] = out
        return out

    def is_normal(self, k):
        v = self.v
        if k == "hb":
            return v["hb"] >= (120 if self.sex == "F" else 130)
        if k == "ferritin":
            return v["ferritin"] >= 30
        if k == "alt":
            return v["alt"] < 40
        if k == "ttg":
            return v["ttg"] <= v["ttg_uln"]
        return False

    def ppi_text(self):
        return self.dd["ppi"]

    # ---- distractors
    def choose_distractors(self, style):
        r = self.r
        bank = distractor_bank(self.c)
        ok = []
        for d in bank:
            kind, about, slot, texts, conflicts, soft = d
            if any(self.f.get(cf) for cf in conflicts):
                continue
            if about == "dysphagia" and kind == "resolved" and self.rule == "U1":
                continue
            if slot == "med" and not style.get("meds", True):
                continue
            ok.append(d)
        n = r.choice(style.get("ndx", [1, 2, 3, 4]))
        chosen = r.sample([d for d in ok if d[1] != "any_symptom"], min(n, len(ok) - 1))
        if self.rule == "A3":
            chosen = [d for d in ok if d[1] == "any_symptom"] + chosen
        # style-required distractors
        for req in style.get("require", []):
            if req == "refuted_jaundice" and not self.f["jaundice"]:
                cand = [d for d in ok if d[0] == "refuted" and d[1] == "jaundice"]
                if cand and cand[0] not in chosen:
                    chosen.append(cand[0])
        self.dx = chosen
        self.soft = [d[5] for d in chosen if d[5]]

    def dx_texts(self, slot, reg):
        key = ("dx", slot, reg)
        if key in self.cache:
            return self.cache[key]
        out = []
        for d in self.dx:
            kind, about, dslot, texts, conflicts, soft = d
            if dslot != slot:
                continue
            rg = reg if reg in texts else ("s" if "s" in texts else "f")
            s = self.r.choice(texts[rg])
            out.append(s)
            self.distractors.append({"kind": kind, "about": about, "text": s, "soft": bool(soft),
                                     "soft_reading_fact": soft})
        self.cache[key] = out
        return out

    def checklist_negatives(self, reg):
        """Extra 'No' rows/unticked boxes for facts that are false (negated distractors)."""
        key = ("chk", reg)
        if key in self.cache:
            return self.cache[key]
        out = []
        for d in distractor_bank(self.c):
            kind, about, slot, texts, conflicts, soft = d
            if kind != "negated" or reg not in texts:
                continue
            if any(self.f.get(cf) for cf in conflicts):
                continue
            if d in self.dx:
                continue
            if self.r.random() < 0.6:
                s = texts[reg][0]
                out.append(s)
                self.distractors.append({"kind": "unticked_box" if reg == "box" else "negated", "about": about,
                                         "text": s, "soft": False})
        self.cache[key] = out
        return out

    # ---- ages and robustness
    def ages_allowed(self, age_mode):
        if age_mode == "decade":
            d0 = (self.age // 10) * 10
            return list(range(max(d0, 18), min(d0 + 9, 95) + 1))
        if age_mode == "dob":
            ds = [self.letter_date] + [self.other_dates[k] for k in sorted(self.other_dates)]
            return sorted(set(age_at(self.dob, d) for d in ds))
        return [self.age]


# ----------------------------------------------------------------------------
# Helpers for layouts
# ----------------------------------------------------------------------------
def fix_articles(t):
    import re as _re
    return _re.sub(r"\b([Aa]) (8\d|18|11)\b", lambda m: m.group(1) + "n " + m.group(2), t)


def cap(s):
    return s[0].upper() + s[1:] if s else s


def sentence_join(parts):
    return "; ".join(parts)


def header_block(c, r, kind):
    prac = r.choice(PRACTICES)
    town = r.choice(TOWNS)
    code = "%s%05d" % (r.choice("ABCDFGHJKLMNPY"), r.randint(10000, 99999))
    name = "%s %s %s" % (c.p["title"], c.first, c.surname)
    nhs = fmt_nhs(c.nhs, r)
    dob_s = fmt_date(c.dob, r.choice(["num", "short", "long"]))
    ld = fmt_date(c.letter_date, r.choice(["num", "short", "long"]))
    return dict(prac=prac, town=town, code=code, name=name, nhs=nhs, dob_s=dob_s, ld=ld)


def age_phrase(c, mode, r):
    s = "woman" if c.sex == "F" else "man"
    if mode == "age":
        return r.choice(["%d-year-old %s" % (c.age, s), "%d y/o %s" % (c.age, s)])
    if mode == "decade":
        words = {10: "teens", 20: "twenties", 30: "thirties", 40: "forties", 50: "fifties", 60: "sixties",
                 70: "seventies", 80: "eighties", 90: "nineties"}
        return "%s in %s %s" % (s, c.p["his"], words[(c.age // 10) * 10])
    return s


PRIORITY_WORDS = {
    USC: ["2WW", "Urgent suspected cancer", "USC please", "suspected cancer pathway", "2 week wait"],
    URG: ["Urgent", "urgent please", "soon please - urgent", "expedited (urgent)"],
    ROU: ["Routine", "routine", "non-urgent", "routine - no rush"],
    AG: ["Advice only", "A&G request", "advice & guidance please", "advice rather than appointment"],
}
OWN_WORDS = {USC: "suspected-cancer (2WW) slot", URG: "urgent appointment", ROU: "routine appointment",
             AG: "advice only, no appointment"}


def prio_text(c):
    if c.gp_level is None:
        return None
    return c.r.choice(PRIORITY_WORDS[c.gp_level])


def noisy(s, c):
    """Light spelling/OCR noise for boilerplate only (never facts, names, dates or numbers)."""
    if not c.noise:
        return s
    r = c.r
    words = s.split(" ")
    out = []
    for w in words:
        if len(w) > 4 and w.isalpha() and r.random() < 0.25:
            k = r.choice(["swap", "l1", "rnm", "O0", "break"])
            if k == "swap":
                i = r.randint(1, len(w) - 3)
                w = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            elif k == "l1" and "l" in w:
                w = w.replace("l", "1", 1)
            elif k == "rnm" and "m" in w:
                w = w.replace("m", "rn", 1)
            elif k == "O0" and "o" in w:
                w = w.replace("o", "0", 1)
            elif k == "break":
                i = r.randint(2, len(w) - 2)
                w = w[:i] + " " + w[i:]
        out.append(w)
    return " ".join(out)


def joined(lst, sep=", ", last=" and "):
    lst = [x for x in lst if x]
    if not lst:
        return ""
    if len(lst) == 1:
        return lst[0]
    return sep.join(lst[:-1]) + last + lst[-1]


# ----------------------------------------------------------------------------
# Layouts. Each returns the letter text; every piece is drawn from the case so
# that evidence strings are recorded. A final check makes sure all appear.
# ----------------------------------------------------------------------------
def common_pieces(c, reg, valmode="inline"):
    return dict(sym=c.sym_pos(reg), exam=c.exam_pos(reg), hist=c.hist_pos(reg), q=c.question(),
                vals=c.vals(valmode), sdx=c.dx_texts("sym", reg), edx=c.dx_texts("exam", reg),
                pmh=c.dx_texts("pmh", reg), fh=c.dx_texts("fh", reg), plan=c.dx_texts("plan", reg),
                med=c.dx_texts("med", reg), vdx=c.dx_texts("val", reg))


def L_gp_formal(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    doc = c.writer
    lines = [h["prac"], "%s Road, %s" % (r.choice(["Mill", "Church", "Victoria", "High"]), h["town"]),
             "Practice code %s" % h["code"], "", "Date: %s" % h["ld"], "",
             "Gastroenterology Department, %s" % r.choice(HOSP), "",
             "Dear Colleague,", "",
             "Re: %s, DOB %s, NHS No %s" % (h["name"], h["dob_s"], h["nhs"]), ""]
    intro = noisy("Thank you for seeing this", c) + " %s who presents with " % age_phrase(c, c.age_mode, r)
    body = intro + (joined(P["sym"]) if P["sym"] else ("the question below" if P["q"] else "the findings below")) + "."
    lines.append(body)
    extra = P["hist"] + P["sdx"]
    if extra:
        lines.append(cap("; ".join(extra)) + ".")
    if P["exam"] or P["edx"]:
        lines.append("On examination: " + "; ".join(P["exam"] + P["edx"]) + ".")
    if P["vals"] or P["vdx"]:
        lines.append("Recent bloods/tests: " + ", ".join(P["vals"] + P["vdx"]) + ".")
    if P["pmh"]:
        lines.append("Past history: " + "; ".join(P["pmh"]) + ".")
    if P["fh"]:
        lines.append("Family history: " + "; ".join(P["fh"]) + ".")
    if P["med"]:
        lines.append("Current medication: " + ", ".join(P["med"] + [r.choice(NEUTRAL_MEDS)]) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    pt = prio_text(c)
    if pt:
        lines.append("I would be grateful if this could be dealt with as %s." % pt)
    lines += ["", noisy("Yours sincerely,", c), "", doc, "General Practitioner"]
    return "\n".join(lines)


def L_gp_terse(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    bits = P["hist"] + P["sym"] + P["exam"] + P["sdx"] + P["edx"] + P["vals"] + P["vdx"] + P["pmh"] + P["fh"] + P["med"] + P["plan"]
    if P["q"]:
        bits.append(P["q"])
    first = "%s, %s. DOB %s. NHS %s." % (h["name"], ("%d%s" % (c.age, c.sex) if c.age_mode == "age" else age_phrase(c, c.age_mode, r)), h["dob_s"], h["nhs"])
    if c.age_mode == "decade":
        first = "%s (%s). NHS %s." % (h["name"], age_phrase(c, "decade", r), h["nhs"])
    second = ", ".join(bits) + "."
    if pt:
        second += " %s pls." % pt
    return "\n".join([first + " Letter %s." % h["ld"], cap(second), c.writer.split()[-1] + " (%s)" % h["code"]])


def L_gp_chatty(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["%s | %s" % (h["prac"], h["ld"]), "Patient: %s  DOB: %s  NHS: %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             "Hi there,", "",
             "I'd really value your help with %s, a lovely %s who I've known for years." % (c.first, age_phrase(c, c.age_mode, r))]
    if P["sym"]:
        lines.append("%s came in telling me about %s." % (c.p["He"], joined(P["sym"])))
    for x in P["hist"]:
        lines.append("Worth knowing: %s." % x)
    if P["sdx"]:
        lines.append("For what it's worth, %s." % joined(P["sdx"]))
    if P["exam"] or P["edx"]:
        lines.append("When I examined %s I found %s." % ("her" if c.sex == "F" else "him", joined(P["exam"] + P["edx"])))
    if P["vals"] or P["vdx"]:
        lines.append("Bloods came back with %s." % joined(P["vals"] + P["vdx"]))
    if P["pmh"]:
        lines.append("Background-wise: %s." % "; ".join(P["pmh"]))
    if P["fh"]:
        lines.append("Also %s." % joined(P["fh"]))
    if P["med"]:
        lines.append("%s takes %s." % (c.p["He"], joined(P["med"])))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap(joined(P["plan"])) + ".")
    if pt:
        lines.append("I've put this through as %s - hope that's right!" % pt)
    lines += ["", noisy("Many thanks and best wishes,", c), c.writer.replace("Dr ", "")]
    return "\n".join(lines)


def L_gp_bullets(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, r.choice(["f", "s"]))
    pt = prio_text(c)
    lines = ["REFERRAL - GASTROENTEROLOGY", "%s (%s)   %s" % (h["prac"], h["code"], h["ld"]),
             "%s | DOB %s | NHS %s" % (h["name"], h["dob_s"], h["nhs"]), ""]
    if c.age_mode != "dob":
        lines.append("\u2022 %s" % age_phrase(c, c.age_mode, r))
    for x in P["hist"] + P["sym"] + P["sdx"] + P["exam"] + P["edx"]:
        lines.append("\u2022 " + x)
    for x in P["vals"] + P["vdx"]:
        lines.append("\u2022 " + x)
    for x in P["pmh"] + P["fh"] + P["med"] + P["plan"]:
        lines.append("\u2022 " + x)
    if P["q"]:
        lines.append("\u2022 " + P["q"])
    if pt:
        lines.append("\u2022 Requested: %s" % pt)
    lines += ["", c.writer]
    return "\n".join(lines)


def L_ers(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    ubrn = "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))
    lines = ["NHS e-Referral Service - Referral Letter", "UBRN: %s" % ubrn,
             "Priority: %s" % (pt if pt else "[not selected]"), "Specialty: Gastroenterology",
             "Referrer: %s, %s (%s)" % (c.writer, h["prac"], h["code"]), "Referral date: %s" % h["ld"],
             "Patient: %s" % h["name"], "DOB: %s" % h["dob_s"], "NHS number: %s" % h["nhs"]]
    if c.age_mode != "dob":
        lines.append("Age: %s" % (c.age if c.age_mode == "age" else age_phrase(c, "decade", r)))
    lines += ["", "Reason for referral:", cap(joined(P["sym"] + P["hist"]) or "see below") + ".",
              "", "History of presenting complaint:", cap("; ".join(P["sdx"]) or "as above") + ".",
              "", "Examination:", cap("; ".join(P["exam"] + P["edx"]) or "not examined (remote consultation)") + ".",
              "", "Investigations:", cap("; ".join(P["vals"] + P["vdx"]) or "none") + ".",
              "", "Past medical history:", cap("; ".join(P["pmh"] + [r.choice(NEUTRAL_PMH)])) + ".",
              "", "Family history:", cap("; ".join(P["fh"]) or "nil relevant") + ".",
              "", "Medication:", cap(", ".join(P["med"] + [r.choice(NEUTRAL_MEDS)])) + ".",
              "", "Allergies: NKDA"]
    if P["q"]:
        lines += ["", "Specific question:", P["q"]]
    if P["plan"]:
        lines += ["", "Safety netting:", cap("; ".join(P["plan"])) + "."]
    return "\n".join(lines)


def L_autogen(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["*** Referral letter auto-generated from template GASTRO_v3 ***",
             "Patient name: %s" % h["name"], "Date of birth: %s" % h["dob_s"], "NHS number: %s" % h["nhs"],
             "Age at referral: %s" % (c.age if c.age_mode == "age" else (age_phrase(c, "decade", r) if c.age_mode == "decade" else "[none entered]")),
             "Referring clinician: %s" % c.writer, "Date: %s" % h["ld"],
             "Urgency: %s" % (pt or "[none entered]"),
             "Presenting complaint: %s" % (joined(P["sym"]) or "[none entered]"),
             "Relevant history: %s" % ("; ".join(P["hist"] + P["sdx"]) or "[none entered]"),
             "Examination findings: %s" % ("; ".join(P["exam"] + P["edx"]) or "[none entered]"),
             "Relevant investigations: %s" % ("; ".join(P["vals"] + P["vdx"]) or "[none entered]"),
             "Past medical history: %s" % ("; ".join(P["pmh"]) or "[none entered]"),
             "Family history: %s" % ("; ".join(P["fh"]) or "[none entered]"),
             "Medication: %s" % ("; ".join(P["med"]) or "[none entered]"),
             "Question for specialist: %s" % (P["q"] or "[none entered]"),
             "Safety netting: %s" % ("; ".join(P["plan"]) or "[none entered]"),
             "Additional information: [none entered]", "*** end of template ***"]
    return "\n".join(lines)


def results_table(c, r, P):
    lines = ["Test             Result Flag Ref range   Previous"]
    lines += P["vals"]
    return lines


def L_emis_paste(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s", "table")
    pt = prio_text(c)
    pmh = P["pmh"] + r.sample(NEUTRAL_PMH, 2)
    r.shuffle(pmh)
    meds = P["med"] + r.sample(NEUTRAL_MEDS, 2)
    lines = ["%s  %s" % (h["name"], h["nhs"]), "DOB %s   Letter %s   Last consultation %s" % (h["dob_s"], h["ld"], fmt_date(c.other_dates["last_consultation"], "short")),
             "-- Consultation --"]
    if c.age_mode == "age":
        lines.append("%d%s" % (c.age, c.sex))
    elif c.age_mode == "decade":
        lines.append(age_phrase(c, "decade", r))
    lines.append("History: " + "; ".join(P["hist"] + P["sym"] + P["sdx"]))
    if P["exam"] or P["edx"]:
        lines.append("Examination: " + "; ".join(P["exam"] + P["edx"]))
    if P["q"]:
        lines.append(P["q"])
    lines.append("Plan: refer gastro" + ("; " + "; ".join(P["plan"]) if P["plan"] else "") + ("  [%s]" % pt if pt else ""))
    lines += ["", "-- Problems --"] + ["  " + x for x in pmh]
    if P["fh"]:
        lines += ["-- Family history --"] + ["  " + x for x in P["fh"]]
    lines += ["-- Repeat medication --"] + ["  " + x for x in meds]
    lines += ["-- Allergies --", "  Penicillin - rash" if r.random() < 0.5 else "  No known drug allergies"]
    if P["vals"] or P["vdx"]:
        lines += ["-- Results --"] + results_table(c, r, P) + P["vdx"]
    return "\n".join(lines)


def L_shorthand(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    agep = "%d%s" % (c.age, c.sex) if c.age_mode == "age" else (age_phrase(c, "decade", r) if c.age_mode == "decade" else "DOB %s" % h["dob_s"])
    lines = ["%s  NHS %s  %s" % (h["name"], h["nhs"], h["ld"]), "%s" % agep]
    if P["sym"]:
        lines.append("c/o " + ", ".join(P["sym"]))
    if P["hist"]:
        lines.append("h/o " + ", ".join(P["hist"]))
    lines.append("ROS: " + (", ".join(P["sdx"]) if P["sdx"] else "nil else"))
    lines.append("o/e " + (", ".join(P["exam"] + P["edx"]) if (P["exam"] or P["edx"]) else "not examined"))
    if P["vals"] or P["vdx"]:
        lines.append("Ix: " + ", ".join(P["vals"] + P["vdx"]))
    lines.append("PMHx: " + ", ".join(P["pmh"] + [r.choice(NEUTRAL_PMH)]))
    lines.append("DHx: " + ", ".join(P["med"] + [r.choice(NEUTRAL_MEDS)]) + ". NKDA")
    lines.append("SHx: " + r.choice(["ex-smoker, 10 units/wk", "never smoked, lives with partner", "lives alone, independent", "smoker 15/day"]))
    lines.append("FHx: " + (", ".join(P["fh"]) if P["fh"] else "nil of note"))
    if P["q"]:
        lines.append(P["q"])
    imp = "Imp: r/o pathology" if r.random() < 0.5 else "Plan: OGD/colonoscopy as appropriate to exclude cancer"
    lines.append(imp + ("; " + "; ".join(P["plan"]) if P["plan"] else ""))
    if pt:
        lines.append("Ref: " + pt)
    lines.append(c.writer.replace("Dr ", ""))
    return "\n".join(lines)


def L_online_form(c, r):
    h = header_block(c, r, "l")
    lay = c.sym_pos("l")
    neg = c.checklist_negatives("row")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    form = r.choice(["Online consultation request (patient-completed)", "eConsult - General advice form", "Accurx Patient Triage - medical request"])
    lines = [form, "Submitted: %s" % fmt_date(c.other_dates["last_consultation"], "short"),
             "Patient: %s   DOB: %s   NHS: %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             "Q: What would you like help with?", "A: " + (cap(". ".join(lay)) + "." if lay else ("I have a question about my treatment." if c.f["management_question"] else "The surgery asked me to book about my recent check-up.")),
             "Q: How long has this been going on?", "A: " + r.choice(["a few months", "since the spring", "on and off for a while"]),
             "Q: Please answer the following:"]
    lines += ["  " + x for x in neg]
    lines += ["Q: Anything else we should know?", "A: " + r.choice(["I'm worried", "No", "I work nights so mornings are hard", "Please call after 3pm"]), "",
              "--- GP note (%s, %s) ---" % (c.writer, h["ld"])]
    if c.age_mode == "age":
        lines.append("%d%s." % (c.age, c.sex))
    elif c.age_mode == "decade":
        lines.append(cap(age_phrase(c, "decade", r)) + ".")
    gp = P["hist"] + P["sdx"] + P["exam"] + P["edx"] + P["vals"] + P["vdx"] + P["pmh"] + P["fh"] + P["med"]
    if gp:
        lines.append("; ".join(gp) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]) + ".")
    lines.append("Referred gastro" + (" - %s" % pt if pt else "") + ".")
    # sym positives already said by patient in lay words; GP also restates them when present in short register
    return "\n".join(lines)


def L_phone_triage(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    t = "%02d:%02d" % (r.randint(8, 17), r.choice([0, 10, 20, 35, 45, 50]))
    lines = ["TELEPHONE TRIAGE - %s %s" % (h["ld"], t), "Clinician: %s" % c.writer,
             "Pt: %s  DOB %s  NHS %s  ID checked x2" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode == "age":
        lines.append("Age %d" % c.age)
    elif c.age_mode == "decade":
        lines.append(age_phrase(c, "decade", r))
    lines.append("Pt reports: " + ("; ".join(P["sym"]) if P["sym"] else "calling re ongoing management"))
    lines += ["Hx: " + "; ".join(P["hist"] + P["sdx"] + P["pmh"] + P["fh"] + P["med"]) if (P["hist"] + P["sdx"] + P["pmh"] + P["fh"] + P["med"]) else "Hx: nil else"]
    if P["exam"] or P["edx"]:
        lines.append("F2F same day: " + "; ".join(P["exam"] + P["edx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Results on system: " + "; ".join(P["vals"] + P["vdx"]))
    if P["q"]:
        lines.append(P["q"])
    lines.append("Outcome: referral" + (" (%s)" % pt if pt else "") + (". " + "; ".join(P["plan"]) if P["plan"] else ""))
    return "\n".join(lines)


def L_nurse_checklist(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    neg = c.checklist_negatives("row")
    pt = prio_text(c)
    lines = ["NURSE-LED GI TRIAGE TEMPLATE", "Completed by: %s, Practice Nurse" % r.choice(["Sr J. Holt", "K. Ferris RGN", "Sr A. Devlin", "N. Okoro RN"]),
             "Date: %s" % h["ld"], "Patient: %s   DOB: %s   NHS: %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode != "dob":
        lines.append("Age: %s" % (c.age if c.age_mode == "age" else age_phrase(c, "decade", r)))
    lines.append("Symptom checklist:")
    for x in P["sym"]:
        lines.append("  Yes - " + x)
    for x in neg:
        lines.append("  " + x)
    for x in P["sdx"]:
        lines.append("  Note: " + x)
    if P["hist"]:
        lines.append("Background: " + "; ".join(P["hist"]))
    if P["exam"] or P["edx"]:
        lines.append("GP examined: " + "; ".join(P["exam"] + P["edx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Bloods/stool tests: " + "; ".join(P["vals"] + P["vdx"]))
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Other: " + "; ".join(P["pmh"] + P["fh"] + P["med"]))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]))
    lines.append("Reviewed and signed: %s%s" % (c.writer, (" - " + pt) if pt else ""))
    return "\n".join(lines)


def L_pharmacist(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["Clinical Pharmacist Triage - Digestive symptoms", "Pharmacist: %s MRPharmS (IP)" % r.choice(["S. Lakhani", "R. Doyle", "M. Hussein"]),
             "Date: %s | %s" % (h["ld"], h["prac"]), "Patient: %s | DOB %s | NHS %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode != "dob":
        lines.append("Age: %s" % (c.age if c.age_mode == "age" else age_phrase(c, "decade", r)))
    lines.append("Presenting: " + (joined(P["sym"]) or "medication query"))
    lines.append("Medication review: " + ", ".join(P["med"] + [r.choice(NEUTRAL_MEDS), r.choice(NEUTRAL_MEDS)]))
    if P["hist"] or P["sdx"]:
        lines.append("Further history: " + "; ".join(P["hist"] + P["sdx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Recent results: " + "; ".join(P["vals"] + P["vdx"]))
    if P["pmh"] or P["fh"]:
        lines.append("PMH/FH: " + "; ".join(P["pmh"] + P["fh"]))
    if P["exam"] or P["edx"]:
        lines.append("Examined by duty GP: " + "; ".join(P["exam"] + P["edx"]))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]) + ".")
    lines.append("Discussed with %s, who asked for referral%s." % (c.writer, (" - " + pt) if pt else ""))
    return "\n".join(lines)


def L_sms(c, r):
    P = common_pieces(c, "s")
    pt = prio_text(c)
    who = "%s %s %s, NHS %s" % (c.p["title"], c.first[0], c.surname, c.nhs)
    a = "%d%s" % (c.age, c.sex) if c.age_mode == "age" else ("DOB %s" % fmt_date(c.dob, "num") if c.age_mode == "dob" else age_phrase(c, "decade", r))
    bits = P["hist"] + P["sym"] + P["exam"] + P["vals"] + P["sdx"] + P["edx"] + P["vdx"] + P["pmh"] + P["fh"] + P["med"] + P["plan"]
    if P["q"]:
        bits.append(P["q"])
    s = "Msg from %s to gastro hub %s: %s, %s. %s.%s" % (c.writer, fmt_date(c.letter_date, "num"), who, a, ", ".join(bits), (" " + pt + "?") if pt else "")
    return s


def L_preop(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s", r.choice(["inline", "table"]))
    pt = prio_text(c)
    lines = ["PRE-OPERATIVE ASSESSMENT CLINIC - %s" % r.choice(HOSP), "Planned procedure: %s" % (r.choice(["L total knee replacement", "R hip replacement", "inguinal hernia repair", "cataract extraction"]) if c.age >= 45
                                               else r.choice(["ACL reconstruction", "wisdom tooth extraction (GA)", "inguinal hernia repair"])),
             "Assessed: %s by %s" % (h["ld"], r.choice(["POA nurse T. Lane", "POA nurse B. Kirk", "Sr M. Obi"])),
             "Patient: %s, DOB %s, NHS %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode != "dob":
        lines.append("Age: %s" % (c.age if c.age_mode == "age" else age_phrase(c, "decade", r)))
    lines.append("ASA %d. Obs: BP %d/%d, HR %d, BMI %d." % (r.randint(1, 3), r.randint(118, 150), r.randint(70, 90), r.randint(60, 90), r.randint(21, 34)))
    lines.append("Issues raised at assessment: " + ("; ".join(P["sym"] + P["hist"]) or "see results"))
    if P["sdx"] or P["edx"] or P["exam"]:
        lines.append("Also: " + "; ".join(P["exam"] + P["sdx"] + P["edx"]))
    if P["vals"]:
        lines.append("Pre-op bloods:")
        lines += (["Test             Result Flag Ref range   Previous"] + P["vals"]) if c.cache.get(("vals", "table")) else P["vals"]
    if P["vdx"]:
        lines.append("; ".join(P["vdx"]))
    if P["pmh"] or P["med"] or P["fh"]:
        lines.append("PMHx/DHx/FHx: " + "; ".join(P["pmh"] + P["med"] + P["fh"]))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]))
    lines.append("Surgery deferred; GP (%s) asked to refer to gastroenterology%s." % (c.writer, (" - " + pt) if pt else ""))
    return "\n".join(lines)


def L_endo_nurse(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["Endoscopy Unit - Nurse Telephone Pre-assessment", "Nurse endoscopist: %s" % r.choice(["C. Mulligan", "P. Achebe", "L. Stroud"]),
             "Call date: %s (referral letter dated %s)" % (fmt_date(c.other_dates["date_received"], "short"), h["ld"]),
             "Patient: %s | DOB %s | NHS %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode == "age":
        lines.append("Age %d." % c.age)
    elif c.age_mode == "decade":
        lines.append(cap(age_phrase(c, "decade", r)) + ".")
    lines.append("Symptoms confirmed on the phone: " + (joined(P["sym"]) or "none new"))
    if P["hist"]:
        lines.append("History: " + "; ".join(P["hist"]))
    if P["sdx"]:
        lines.append("On direct questioning: " + "; ".join(P["sdx"]))
    if P["exam"] or P["edx"]:
        lines.append("GP examination findings quoted in referral: " + "; ".join(P["exam"] + P["edx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Results: " + "; ".join(P["vals"] + P["vdx"]))
    if P["pmh"] or P["fh"]:
        lines.append("PMH/FH: " + "; ".join(P["pmh"] + P["fh"]))
    lines.append("Medication: " + ", ".join(P["med"] + [r.choice(NEUTRAL_MEDS)]) + "; anticoagulants: none")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]))
    if pt:
        lines.append("GP referral marked: %s" % pt)
    lines.append("For consultant vetting.")
    return "\n".join(lines)


def _service_note(title, author, c, r, reg="f", opener="Seen for"):
    h = header_block(c, r, reg)
    P = common_pieces(c, reg)
    pt = prio_text(c)
    lines = [title, "Author: %s" % author, "Date of visit: %s" % h["ld"],
             "Name: %s   DOB: %s   NHS: %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode == "age":
        lines.append("Age: %d" % c.age)
    elif c.age_mode == "decade":
        lines.append(cap(age_phrase(c, "decade", r)))
    lines.append("%s %s." % (opener, r.choice(["review", "routine visit", "assessment"])))
    if P["sym"]:
        lines.append("Concerns: " + "; ".join(P["sym"]) + ".")
    if P["hist"] or P["sdx"]:
        lines.append(cap("; ".join(P["hist"] + P["sdx"])) + ".")
    if P["exam"] or P["edx"]:
        lines.append("Findings (GP visit): " + "; ".join(P["exam"] + P["edx"]) + ".")
    if P["vals"] or P["vdx"]:
        lines.append("Latest results: " + "; ".join(P["vals"] + P["vdx"]) + ".")
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Background: " + "; ".join(P["pmh"] + P["fh"] + P["med"]) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]) + ".")
    lines.append("Forwarded by GP %s to gastroenterology%s." % (c.writer, (" as " + pt) if pt else ""))
    return lines


def L_dietetic(c, r):
    lines = _service_note("Community Dietetics - Assessment Note", r.choice(["A. Byrne RD", "H. Coles, Dietitian"]), c, r, "f", "Seen in dietetic clinic for")
    lines.insert(5, "Diet history: %s." % r.choice(["regular meals, low fibre", "skips breakfast, high caffeine", "vegetarian, varied"]))
    return "\n".join(lines)


def L_continence(c, r):
    lines = _service_note("Bladder & Bowel (Continence) Service", r.choice(["Continence CNS R. Pike", "Continence advisor S. Mwangi"]), c, r, "f", "Seen in clinic for")
    lines.insert(5, "Bristol stool chart diary returned.")
    return "\n".join(lines)


def L_frailty(c, r):
    lines = _service_note("Hospital at Home / Frailty Team - Virtual Ward Note", r.choice(["ACP D. Varga", "Frailty nurse G. Ross", "Dr O. Ilori (geriatrics)"]), c, r, "s", "Visited at home for")
    lines.insert(5, "Clinical Frailty Scale %d. Lives %s." % (r.randint(4, 6), r.choice(["alone with carers bd", "with wife", "in sheltered housing"])))
    return "\n".join(lines)


def L_district(c, r):
    lines = _service_note("District Nursing Team - Visit Record", r.choice(["DN F. Holloway", "Sr E. Nash (community)"]), c, r, "f", "Home visit for")
    lines.insert(5, "Reason for visit: %s." % r.choice(["leg ulcer dressing", "B12 injection", "catheter care", "pressure area check"]))
    return "\n".join(lines)


def L_hah(c, r):
    lines = _service_note("Community Hospital-at-Home Discharge Summary", r.choice(["Dr P. Shah", "ANP K. Lowe"]), c, r, "s", "Admitted to virtual ward for")
    return "\n".join(lines)


def L_pharmacy_first(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["Pharmacy First - Onward Referral to GP", "Community pharmacy: %s Pharmacy, %s" % (r.choice(["Boots", "Well", "Rowlands", "Bridge Street"]), h["town"]),
             "Pharmacist: %s" % r.choice(["T. Amin", "E. Carr", "J. Mistry"]), "Date: %s" % fmt_date(c.other_dates["last_consultation"], "short"),
             "Patient: %s  DOB: %s" % (h["name"], h["dob_s"]),
             "Reason for onward referral: " + (joined(P["sym"]) or "medication advice") + ".",
             "OTC purchases: " + (", ".join(P["med"]) if P["med"] else "none recently"),
             "", "--- GP addendum %s (%s) ---" % (h["ld"], c.writer), "NHS %s." % h["nhs"]]
    if c.age_mode == "age":
        lines.append("%d%s." % (c.age, c.sex))
    elif c.age_mode == "decade":
        lines.append(cap(age_phrase(c, "decade", r)) + ".")
    more = P["hist"] + P["sdx"] + P["exam"] + P["edx"] + P["vals"] + P["vdx"] + P["pmh"] + P["fh"]
    if more:
        lines.append("; ".join(more) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]) + ".")
    lines.append("Refer gastro%s." % ((" - " + pt) if pt else ""))
    return "\n".join(lines)


def L_optometrist(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["%s, %s" % (h["prac"], h["ld"]), "Re: %s, DOB %s, NHS %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             "Dear Gastroenterology team,", ""]
    if c.f["jaundice"]:
        j = c.evidence["jaundice"][0] if "jaundice" in c.evidence else c.pos("jaundice", "f")
        lines.append("%s optometrist wrote to us after a routine eye examination noting yellow discolouration of the sclerae. I saw %s today and can confirm: %s." %
                     (c.p["his"].capitalize(), "her" if c.sex == "F" else "him", j))
    else:
        lines.append("%s optometrist contacted the surgery after a routine sight test." % c.p["his"].capitalize())
    if c.age_mode != "dob":
        lines.append("%s is a %s." % (c.p["He"], age_phrase(c, c.age_mode, r)))
    if P["sym"]:
        lines.append("In addition %s reports %s." % (c.p["he"], joined(P["sym"])))
    rest = P["hist"] + P["sdx"] + [x for x in P["exam"] if x not in c.evidence.get("jaundice", [])] + P["edx"]
    if rest:
        lines.append(cap("; ".join(rest)) + ".")
    if P["vals"] or P["vdx"]:
        lines.append("Bloods: " + ", ".join(P["vals"] + P["vdx"]) + ".")
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Background: " + "; ".join(P["pmh"] + P["fh"] + P["med"]) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("Priority requested: %s." % pt)
    lines += ["", noisy("Kind regards,", c), c.writer]
    return "\n".join(lines)


def L_dentist(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["From: %s (%s)" % (h["prac"], h["code"]), "Date: %s" % h["ld"], "Patient: %s, DOB %s, NHS %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             "Dear Doctor,", "",
             "%s dentist recently wrote to us about %s. I reviewed %s and took a fuller history." %
             (c.p["his"].capitalize(), r.choice(["a few small aphthous mouth ulcers, now healing", "gum bleeding after brushing", "dental erosion"]), "her" if c.sex == "F" else "him")]
    if c.age_mode != "dob":
        lines.append("%s is a %s." % (c.p["He"], age_phrase(c, c.age_mode, r)))
    if P["sym"]:
        lines.append("%s describes %s." % (c.p["He"], joined(P["sym"])))
    rest = P["hist"] + P["sdx"] + P["exam"] + P["edx"]
    if rest:
        lines.append(cap("; ".join(rest)) + ".")
    if P["vals"] or P["vdx"]:
        lines.append("Investigations: " + ", ".join(P["vals"] + P["vdx"]) + ".")
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Background: " + "; ".join(P["pmh"] + P["fh"] + P["med"]) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("Referred as: %s." % pt)
    lines += ["", noisy("With thanks,", c), c.writer]
    return "\n".join(lines)


def L_results_led(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s", "table")
    pt = prio_text(c)
    lines = ["%s - results-led referral" % h["prac"], "%s   DOB %s   NHS %s   Sample date %s" % (h["name"], h["dob_s"], h["nhs"], fmt_date(c.other_dates["last_consultation"], "short"))]
    if c.age_mode == "age":
        lines.append("Age %d, %s" % (c.age, "female" if c.sex == "F" else "male"))
    elif c.age_mode == "decade":
        lines.append(cap(age_phrase(c, "decade", r)))
    lines.append("")
    lines += results_table(c, r, P)
    lines += P["vdx"]
    lines.append("")
    lines.append("Clinical details: " + ("; ".join(P["hist"] + P["sym"] + P["sdx"] + P["exam"] + P["edx"]) or "asymptomatic, incidental result"))
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Background: " + "; ".join(P["pmh"] + P["fh"] + P["med"]))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]))
    lines.append("Letter date %s. %s%s" % (h["ld"], c.writer, (" - " + pt) if pt else ""))
    return "\n".join(lines)


def L_tickbox(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    neg = c.checklist_negatives("box")
    pt = prio_text(c)
    lines = ["LOWER/UPPER GI REFERRAL PROFORMA", "Patient: %s  DOB: %s  NHS: %s" % (h["name"], h["dob_s"], h["nhs"]), "Date: %s" % h["ld"]]
    if c.age_mode != "dob":
        lines.append("Age: %s" % (c.age if c.age_mode == "age" else age_phrase(c, "decade", r)))
    lines.append("Referral criteria (tick all that apply):")
    for x in P["sym"] + P["exam"]:
        lines.append("[x] " + x)
    for x in neg:
        lines.append(x)
    lines.append("Other information: " + ("; ".join(P["hist"] + P["sdx"] + P["edx"] + P["pmh"] + P["fh"] + P["med"]) or "none"))
    lines.append("Results: " + ("; ".join(P["vals"] + P["vdx"]) or "none attached"))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append("; ".join(P["plan"]))
    lines.append("Requested priority: " + (pt or "________"))
    lines.append("Signed: %s" % c.writer)
    return "\n".join(lines)


def L_locum(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = [h["prac"], "Letter date: %s" % h["ld"], "Date typed: %s" % fmt_date(c.other_dates["date_typed"], "short"),
             "Date received: %s" % fmt_date(c.other_dates["date_received"], "short"),
             "Date of last consultation: %s" % fmt_date(c.other_dates["last_consultation"], "short"),
             "cc: %s (usual GP); patient" % r.choice(DOCS), "",
             "Dear Gastroenterologist,", "",
             "Re: %s  DOB %s  NHS No. %s  Hosp No. %s%06d" % (h["name"], h["dob_s"], h["nhs"], r.choice("RKTM"), r.randint(100000, 999999)), "",
             noisy("I saw this patient as the locum today.", c)]
    if c.age_mode != "dob":
        lines.append("%s is a %s." % (c.p["He"], age_phrase(c, c.age_mode, r)))
    lines.append(cap(joined(P["sym"] + P["hist"]) or ("Management question below" if P["q"] else "Referred on the basis of the findings below")) + ".")
    rest = P["sdx"] + P["exam"] + P["edx"] + P["vals"] + P["vdx"]
    if rest:
        lines.append(cap("; ".join(rest)) + ".")
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("PMH etc: " + "; ".join(P["pmh"] + P["fh"] + P["med"]) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("Referred %s." % pt)
    lines += ["", "%s (locum GP)" % c.writer]
    return "\n".join(lines)


def L_registrar_soap(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    lines = ["%s - GP Specialty Registrar referral (supervisor %s)" % (h["prac"], r.choice(DOCS)),
             "%s, DOB %s, NHS %s, %s" % (h["name"], h["dob_s"], h["nhs"], h["ld"])]
    agep = "" if c.age_mode == "dob" else age_phrase(c, c.age_mode, r) + ". "
    lines.append("S: " + agep + ("; ".join(P["sym"] + P["hist"] + P["sdx"]) or "review"))
    lines.append("O: " + ("; ".join(P["exam"] + P["edx"] + P["vals"] + P["vdx"]) or "obs normal"))
    lines.append("A: " + r.choice(["needs specialist opinion", "? organic cause - r/o pathology", "see question"]) + ("; " + P["q"] if P["q"] else ""))
    lines.append("P: refer gastro" + ("; " + "; ".join(P["plan"]) if P["plan"] else "") + ("; " + pt if pt else ""))
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("PMHx/FHx/DHx: " + "; ".join(P["pmh"] + P["fh"] + P["med"]))
    lines.append(c.writer + " (ST2)")
    return "\n".join(lines)


def L_dictated(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["Dictated: %s   Typed: %s" % (h["ld"], fmt_date(c.other_dates["date_typed"], "short")),
             "Re: %s (DOB %s) NHS %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             noisy("Dear Doctor,", c), ""]
    s = "Thank you for seeing this %s." % age_phrase(c, c.age_mode, r)
    lines.append(s)
    if P["sym"]:
        lines.append("The main problem is %s." % joined(P["sym"]))
    for x in P["hist"] + P["sdx"]:
        lines.append(cap(x) + ".")
    if P["exam"] or P["edx"]:
        lines.append("Examination showed %s." % joined(P["exam"] + P["edx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Investigations: %s." % joined(P["vals"] + P["vdx"]))
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Other history: %s." % "; ".join(P["pmh"] + P["fh"] + P["med"]))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("Priority %s." % pt)
    lines += ["", noisy("Yours faithfully,", c), c.writer, noisy("Dictated but not read to avoid delay", c)]
    return "\n".join(lines)


def L_problem_list(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    pl = P["pmh"] + r.sample(NEUTRAL_PMH, 3) + r.sample(["Haemorrhoids banded 2015", "Carpal tunnel release 2010", "Hiatus hernia on OGD 2009", "Irritable bowel (dx 2001)" if False else "Tonsillectomy 1972", "Varicose veins"], 2)
    r.shuffle(pl)
    lines = ["%s - Referral with summary" % h["prac"], "Patient: %s   DOB %s   NHS %s" % (h["name"], h["dob_s"], h["nhs"]), "Date: %s" % h["ld"], "",
             "Reason for referral:"]
    if c.age_mode != "dob":
        lines.append(cap(age_phrase(c, c.age_mode, r)) + ".")
    lines.append(cap("; ".join(P["sym"] + P["hist"]) or ("see question" if P["q"] else "see results")) + ".")
    rest = P["sdx"] + P["exam"] + P["edx"] + P["vals"] + P["vdx"]
    if rest:
        lines.append(cap("; ".join(rest)) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("Priority: %s" % pt)
    lines += ["", "PROBLEM LIST (active and past)"] + ["  %s" % x for x in pl]
    lines += ["FAMILY HISTORY"] + (["  " + x for x in P["fh"]] or ["  none recorded"])
    lines += ["MEDICATION"] + ["  " + x for x in P["med"] + r.sample(NEUTRAL_MEDS, 2)]
    lines += ["ALLERGIES", "  " + r.choice(["NKDA", "Codeine - vomiting", "Penicillin - rash"]), "", c.writer]
    return "\n".join(lines)


def L_ooh(c, r):
    h = header_block(c, r, "s")
    P = common_pieces(c, "s")
    pt = prio_text(c)
    lines = ["OUT OF HOURS / NHS 111 CLINICAL ASSESSMENT SERVICE - handover to registered GP",
             "Case ref %s%07d | %s" % (r.choice(["OOH", "CAS"]), r.randint(0, 9999999), fmt_date(c.other_dates["last_consultation"], "short")),
             "Pt: %s, DOB %s, NHS %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode != "dob":
        lines.append(age_phrase(c, c.age_mode, r))
    lines.append("PC: " + ("; ".join(P["sym"]) or "advice call"))
    lines.append("HPC/PMHx: " + ("; ".join(P["hist"] + P["sdx"] + P["pmh"] + P["fh"] + P["med"]) or "nil"))
    if P["exam"] or P["edx"]:
        lines.append("O/E (PCC base): " + "; ".join(P["exam"] + P["edx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Results seen: " + "; ".join(P["vals"] + P["vdx"]))
    lines.append("Not an emergency; no signs of shock. " + ("; ".join(P["plan"]) if P["plan"] else ""))
    if P["q"]:
        lines.append(P["q"])
    lines.append("--- forwarded by %s on %s%s ---" % (c.writer, h["ld"], ("; " + pt) if pt else ""))
    return "\n".join(lines)


def L_anp(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    anp = r.choice(["Jo Whitaker, Advanced Nurse Practitioner", "Sam Igwe, ANP", "Ruth Kerr, ACP"])
    lines = [h["prac"], h["ld"], "", "To: Gastroenterology", "Re: %s, DOB %s, NHS %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             noisy("Dear team, I am an advanced practitioner at the practice and would appreciate your input.", c)]
    if c.age_mode != "dob":
        lines.append("%s is a %s." % (c.p["He"], age_phrase(c, c.age_mode, r)))
    if P["sym"]:
        lines.append("%s has %s." % (c.p["He"], joined(P["sym"])))
    rest = P["hist"] + P["sdx"] + P["exam"] + P["edx"] + P["vals"] + P["vdx"] + P["pmh"] + P["fh"] + P["med"]
    if rest:
        lines.append(cap("; ".join(rest)) + ".")
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("Discussed with %s (GP), %s." % (c.writer, pt))
    else:
        lines.append("Discussed with %s (GP)." % c.writer)
    lines += ["", anp]
    return "\n".join(lines)


def L_scanned(c, r):
    c.noise = True
    body = L_gp_formal(c, r)
    foot = noisy("Page %d of 2 - %s - CONFIDENTIAL", c)
    parts = body.split("\n")
    mid = len(parts) // 2
    out = ["[scanned document - OCR text]"] + parts[:mid] + ["", foot.replace("%d", "1").replace("%s", "Patient: " + c.surname.upper()), ""] + parts[mid:] + \
        ["", foot.replace("%d", "2").replace("%s", "Patient: " + c.surname.upper())]
    return "\n".join(out)


def L_long(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = [h["prac"], "%d %s Lane, %s, %s%d %dXY" % (r.randint(1, 99), r.choice(["Beech", "Orchard", "Quarry"]), h["town"], r.choice(["LA", "GL", "LL", "S"]), r.randint(1, 40), r.randint(1, 9)),
             "Tel 01%03d %06d | Practice code %s" % (r.randint(100, 999), r.randint(0, 999999), h["code"]),
             "Letter date: %s | Typed: %s | Last seen: %s" % (h["ld"], fmt_date(c.other_dates["date_typed"], "short"), fmt_date(c.other_dates["last_consultation"], "short")),
             "cc: %s; community pharmacist" % r.choice(DOCS), "",
             "Dear Dr %s," % r.choice(["Matthews", "Greenhalgh", "Oyelaran", "Fenwick"]), "",
             "Re: %s, DOB %s, NHS number %s" % (h["name"], h["dob_s"], h["nhs"]), "",
             noisy("I would be grateful for your opinion on this patient, whom I saw in surgery recently and again on the telephone. I have tried to set out the history as fully as I can.", c)]
    if c.age_mode != "dob":
        lines.append("%s is a %s." % (c.p["He"], age_phrase(c, c.age_mode, r)))
    if P["sym"]:
        lines.append("The story is of %s." % joined(P["sym"]))
    if P["hist"]:
        lines.append("Relevant background: %s." % "; ".join(P["hist"]))
    if P["sdx"]:
        lines.append("On systematic enquiry %s." % joined(P["sdx"]))
    lines.append(noisy("Socially %s works as a %s, %s and lives %s." % (c.p["he"], r.choice(["teacher", "bus driver", "retired engineer", "care worker", "farmer"]),
                                                                      r.choice(["drinks little alcohol", "drinks about 14 units a week"]), r.choice(["with family", "alone", "with a partner"])), c))
    if P["exam"] or P["edx"]:
        lines.append("On examination %s." % joined(P["exam"] + P["edx"]))
    if P["vals"] or P["vdx"]:
        lines.append("Investigations so far show %s." % joined(P["vals"] + P["vdx"]))
    lines.append("Past medical history: %s." % "; ".join(P["pmh"] + r.sample(NEUTRAL_PMH, 2)))
    if P["fh"]:
        lines.append("Family history: %s." % "; ".join(P["fh"]))
    lines.append("Medication: %s." % ", ".join(P["med"] + r.sample(NEUTRAL_MEDS, 2)))
    if P["q"]:
        lines.append(P["q"])
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    if pt:
        lines.append("I have requested %s on e-RS." % pt)
    lines.append(noisy("Please do not hesitate to contact me if I can help further.", c))
    lines += ["", "Yours sincerely", "", c.writer, "GP Partner"]
    return "\n".join(lines)


def L_email(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, r.choice(["f", "s"]))
    pt = prio_text(c)
    lines = ["From: %s <%s@nhs.net>" % (c.writer, c.writer.split()[-1].lower().replace("'", "")),
             "To: gastro.bookings@nhs.net", "Sent: %s" % h["ld"], "Subject: Referral - %s - NHS %s" % (c.surname.upper(), h["nhs"]), "",
             noisy("Hello, please could you book / vet the following.", c),
             "Patient %s, DOB %s." % (h["name"], h["dob_s"])]
    if c.age_mode != "dob":
        lines.append(cap(age_phrase(c, c.age_mode, r)) + ".")
    allp = P["hist"] + P["sym"] + P["sdx"] + P["exam"] + P["edx"] + P["vals"] + P["vdx"] + P["pmh"] + P["fh"] + P["med"] + P["plan"]
    lines.append(cap("; ".join(allp)) + ".")
    if P["q"]:
        lines.append(P["q"])
    if pt:
        lines.append("Priority: %s" % pt)
    lines += ["Thanks,", c.writer.split()[-1], "", "This e-mail is confidential and intended for the addressee only."]
    return "\n".join(lines)


def L_ag_request(c, r):
    h = header_block(c, r, "f")
    P = common_pieces(c, "f")
    pt = prio_text(c)
    lines = ["e-RS Advice & Guidance request", "Requester: %s, %s" % (c.writer, h["prac"]), "Date: %s" % h["ld"],
             "Patient: %s | DOB %s | NHS %s" % (h["name"], h["dob_s"], h["nhs"])]
    if c.age_mode != "dob":
        lines.append("Age: %s" % (c.age if c.age_mode == "age" else age_phrase(c, "decade", r)))
    lines.append("Clinical summary: " + ("; ".join(P["hist"] + P["sym"] + P["sdx"]) or "see results") + ".")
    if P["exam"] or P["edx"]:
        lines.append("Examination: " + "; ".join(P["exam"] + P["edx"]) + ".")
    if P["vals"] or P["vdx"]:
        lines.append("Results: " + "; ".join(P["vals"] + P["vdx"]) + ".")
    if P["pmh"] or P["fh"] or P["med"]:
        lines.append("Background: " + "; ".join(P["pmh"] + P["fh"] + P["med"]) + ".")
    lines.append("Question: " + (P["q"][len("Question: "):] if P["q"] else "what would you advise, and does this need to be seen?"))
    if P["plan"]:
        lines.append(cap("; ".join(P["plan"])) + ".")
    lines.append("Requester's view of priority: " + (pt or "not stated"))
    return "\n".join(lines)


def L_practice_nurse(c, r):
    lines = _service_note("Practice Nurse Chronic Disease Review - flagged to GP", r.choice(["PN L. Ortiz", "PN D. Kaur", "HCA/PN team"]), c, r, "f", "Annual")
    return "\n".join(lines)


def L_two_line(c, r):
    P = common_pieces(c, "s")
    pt = prio_text(c)
    a = "%d%s" % (c.age, c.sex) if c.age_mode == "age" else ("DOB %s" % fmt_date(c.dob, "num") if c.age_mode == "dob" else age_phrase(c, "decade", r))
    bits = P["hist"] + P["sym"] + P["exam"] + P["sdx"] + P["edx"] + P["vals"] + P["vdx"] + P["pmh"] + P["fh"] + P["med"] + P["plan"]
    if P["q"]:
        bits.append(P["q"])
    l1 = "%s %s, NHS %s, %s, letter %s." % (c.p["title"], c.surname, fmt_nhs(c.nhs, r), a, fmt_date(c.letter_date, "num"))
    l2 = "Pls see: " + ", ".join(bits) + "." + ((" " + pt + ".") if pt else "") + " Thx " + c.writer.split()[-1]
    return l1 + "\n" + l2


# name -> (function, ordinary GP letter?, options)
STYLES = {
    "gp_formal_letter": (L_gp_formal, True, {}),
    "gp_terse_note": (L_gp_terse, True, {"ndx": [1, 2], "meds": True}),
    "gp_chatty_letter": (L_gp_chatty, True, {}),
    "gp_bullet_points": (L_gp_bullets, True, {}),
    "gp_locum_multidate": (L_locum, True, {}),
    "gp_registrar_soap": (L_registrar_soap, True, {}),
    "gp_dictated_unchecked": (L_dictated, True, {}),
    "gp_long_narrative": (L_long, True, {"ndx": [3, 4, 5]}),
    "gp_email_to_bookings": (L_email, True, {}),
    "gp_two_line_request": (L_two_line, True, {"ndx": [0, 1]}),
    "ers_structured_template": (L_ers, False, {}),
    "autogen_template_empty_fields": (L_autogen, False, {}),
    "gp_system_paste_tables": (L_emis_paste, False, {"ndx": [2, 3, 4]}),
    "clinician_shorthand": (L_shorthand, False, {}),
    "online_form_patient_plus_gp": (L_online_form, False, {}),
    "telephone_triage_note": (L_phone_triage, False, {}),
    "nurse_triage_checklist": (L_nurse_checklist, False, {}),
    "practice_pharmacist_template": (L_pharmacist, False, {}),
    "sms_message": (L_sms, False, {"ndx": [0, 1]}),
    "preop_assessment_note": (L_preop, False, {}),
    "endoscopy_nurse_phone": (L_endo_nurse, False, {}),
    "dietetic_note": (L_dietetic, False, {}),
    "continence_service_note": (L_continence, False, {}),
    "frailty_virtual_ward_note": (L_frailty, False, {}),
    "district_nurse_note": (L_district, False, {}),
    "hospital_at_home_summary": (L_hah, False, {}),
    "pharmacy_first_onward": (L_pharmacy_first, False, {}),
    "optometrist_relay": (L_optometrist, False, {"require": ["refuted_jaundice"]}),
    "dentist_relay": (L_dentist, False, {}),
    "results_table_led": (L_results_led, False, {}),
    "tickbox_proforma": (L_tickbox, False, {}),
    "problem_list_summary": (L_problem_list, False, {"ndx": [2, 3, 4]}),
    "ooh_111_handover": (L_ooh, False, {}),
    "anp_letter": (L_anp, False, {}),
    "scanned_ocr_letter": (L_scanned, False, {}),
    "practice_nurse_review": (L_practice_nurse, False, {}),
}


# ----------------------------------------------------------------------------
# Assembly
# ----------------------------------------------------------------------------
def assign_styles():
    ordinary = sorted(k for k, v in STYLES.items() if v[1])
    other = sorted(k for k, v in STYLES.items() if not v[1])
    lst = []
    n_ord = 100
    for i in range(n_ord):
        lst.append(ordinary[i % len(ordinary)])
    for i in range(N - n_ord):
        lst.append(other[i % len(other)])
    rng_for("styles").shuffle(lst)
    return lst


def assign_rules():
    lst = []
    for rule, n in PLAN:
        lst += [rule] * n
    rng_for("rules").shuffle(lst)
    return lst


LEVELS = [USC, URG, ROU, AG]


def make_one(idx, rule, style, disagree):
    for attempt in range(200):
        c = Case(idx, rule, attempt)
        r = c.r
        fn, ordinary, opts = STYLES[style]
        # jaundiced patients are never shown through the 'refuted' optometrist route
        c.age_mode = r.choice(["age", "age", "dob", "dob", "decade"])
        if style in ("sms_message", "gp_two_line_request") and c.age_mode == "decade":
            c.age_mode = "age"
        c.noise = (style != "scanned_ocr_letter") and rng_for("noise", idx).random() < 0.075
        c.writer = rng_for("writer", idx).choice(DOCS)
        c.choose_distractors(opts)
        ages = c.ages_allowed(c.age_mode)
        rules = robust_rules(dict(c.f, sex=c.sex), c.v, ages, c.soft)
        if rules != [rule]:
            continue
        # writer's requested priority
        target = RULE_LABELS[rule][0]
        pr = rng_for("prio", idx)
        if disagree:
            c.gp_level = pr.choice([l for l in LEVELS if l != target])
        else:
            c.gp_level = target if pr.random() < 0.8 else None
        text = fix_articles(fn(c, rng_for("layout", idx, attempt)))
        # record strings exactly as they appear (a layout may capitalise the first letter)
        for k in c.evidence:
            c.evidence[k] = [s if s in text else cap(s) for s in c.evidence[k]]
        for d in c.distractors:
            if d["text"] not in text:
                d["text"] = cap(d["text"])
        # every recorded string must be in the text
        ok = all(s in text for ss in c.evidence.values() for s in ss) and all(d["text"] in text for d in c.distractors)
        need = [k for k in BOOL_FACTS if c.f[k] and k not in ("ibd_stable",)]
        ok = ok and all(k in c.evidence for k in need)
        ok = ok and all(("value_" + k) in c.evidence for k in c.values_present())
        if not ok:
            continue
        return c, text, ages
    raise RuntimeError("could not build case %d %s %s" % (idx, rule, style))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else OUT
    rules = assign_rules()
    styles = assign_styles()
    dis_rng = rng_for("disagree")
    disagree = [dis_rng.random() < 0.5 for _ in range(N)]
    letters, metas = [], []
    for i in range(N):
        idx = i + 1
        rule = rules[i]
        c, text, ages = make_one(idx, rule, styles[i], disagree[i])
        urg, path = RULE_LABELS[rule]
        lid = "L18-%04d" % idx
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": styles[i],
                        "gp_priority": OWN_WORDS[c.gp_level] if c.gp_level else None, "age": c.age})
        facts = {k: c.f[k] for k in BOOL_FACTS}
        facts["sex"] = c.sex
        facts["age"] = c.age
        metas.append({"id": lid, "rule": rule, "scenario": c.sub, "style": styles[i], "facts": facts,
                      "values": {"hb_g_per_l": c.v["hb"], "ferritin_ug_per_l": c.v["ferritin"], "fit_text": c.v["fit_text"],
                                 "fit_value": c.v["fit_value"], "calprotectin_ug_per_g": c.v["calprotectin"], "alt_u_per_l": c.v["alt"],
                                 "ttg": c.v["ttg"], "ttg_upper_limit": c.v["ttg_uln"], "ppi_weeks": c.v["ppi_weeks"]},
                      "age_mode": c.age_mode, "ages_consistent_with_text": ages,
                      "dob": c.dob.isoformat(), "letter_date": c.letter_date.isoformat(),
                      "other_dates": {k: v.isoformat() for k, v in sorted(c.other_dates.items())},
                      "nhs_number": c.nhs,
                      "gp_priority_level": c.gp_level, "gp_priority_disagrees": (c.gp_level is not None and c.gp_level != urg),
                      "noise": bool(c.noise),
                      "evidence": {k: c.evidence[k] for k in sorted(c.evidence)},
                      "distractors": c.distractors})
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for L in letters:
            fh.write(json.dumps(L, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(out_dir, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for M in metas:
            fh.write(json.dumps(M, ensure_ascii=False, sort_keys=False) + "\n")
    print("wrote %d letters to %s" % (len(letters), out_dir))


if __name__ == "__main__":
    main()
