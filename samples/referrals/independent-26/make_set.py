#!/usr/bin/env python3
"""Generator for test set letters26: 300 cluttered gastroenterology referral letters.

Python 3 standard library only. Every random choice is seeded from strings, so a rerun
gives byte-identical files. Labels follow /work/shared/clinical/referral-triage-spec.md:
the first matching rule decides urgency and pathway.
"""
import collections
import datetime
import hashlib
import itertools
import json
import os
import random
import re

OUT = os.path.dirname(os.path.abspath(__file__))
SEED = "letters26-v1"


def R(*parts):
    return random.Random(hashlib.sha256("|".join(map(str, (SEED,) + parts)).encode()).hexdigest())


# --------------------------------------------------------------------------- rules
RULES = {
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
ORDER = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2", "O3", "O4",
         "O5", "A1", "O6", "A2", "A3", "D"]
SYMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
        "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
        "rectal_bleeding", "abdominal_pain", "change_in_bowel_habit", "bloody_diarrhoea",
        "known_cirrhosis", "ascites", "confusion", "haematemesis", "bloating",
        "known_ibd_stable_question", "positive_coeliac_serology", "fatty_liver_imaging",
        "family_history_crc"]


def booleans(F):
    b = {s: (s in F["sym"]) for s in SYMS}
    sex, hb, fer = F["sex"], F.get("hb"), F.get("ferritin")
    b["anaemia"] = hb is not None and hb < (130 if sex == "M" else 120)
    b["iron_deficiency"] = fer is not None and fer < 30
    b["fit_present"] = F.get("fit") is not None
    b["fit"] = F.get("fit")
    b["calpro"] = F.get("calprotectin")
    b["alt"] = F.get("alt")
    b["ppi_weeks"] = F.get("ppi_weeks") or 0
    b["treatment_resistant_dyspepsia"] = (b["dyspepsia"] and b["ppi_weeks"] >= 4)
    b["age"] = F["age"]
    return b


def evaluate(b, dys_is_pain=False, bd_is_bleed=False, reflux_is_dys=False, uap_is_dys=False,
             a1_strict=True):
    b = dict(b)
    if dys_is_pain and b["dyspepsia"]:
        b["abdominal_pain"] = True
        b["upper_abdominal_pain"] = True
    if bd_is_bleed and b["bloody_diarrhoea"]:
        b["rectal_bleeding"] = True
        b["change_in_bowel_habit"] = True
    if reflux_is_dys and b["reflux"]:
        b["dyspepsia"] = True
    if uap_is_dys and b["upper_abdominal_pain"]:
        b["dyspepsia"] = True
    age, fit, cal, alt = b["age"], b["fit"], b["calpro"], b["alt"]
    pain = b["abdominal_pain"] or b["upper_abdominal_pain"]
    ida = b["anaemia"] and b["iron_deficiency"]
    wl = b["weight_loss"]
    if b["dysphagia"]:
        return "U1"
    if b["rectal_mass"] or b["anal_mass"] or b["anal_ulceration"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (b["upper_abdominal_pain"] or b["reflux"] or b["dyspepsia"]):
        return "U5"
    if b["abdominal_mass"]:
        return "U6"
    if age >= 40 and b["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and b["rectal_bleeding"]) or (age >= 40 and wl and pain)
                        or (age >= 60 and b["change_in_bowel_habit"])):
        return "U8"
    if b["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (b["known_cirrhosis"] and (b["ascites"] or b["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if b["haematemesis"]:
        return "R3"
    if age >= 55 and b["dyspepsia"] and b["ppi_weeks"] >= 4:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if b["known_ibd_stable_question"]:
        return "O3"
    if b["positive_coeliac_serology"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or b["fatty_liver_imaging"]:
        return "O5"
    if age < 50 and (pain or b["bloating"] or b["change_in_bowel_habit"]) and \
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        other = any(b[k] for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "anaemia",
                                   "iron_deficiency", "weight_loss", "reflux", "dyspepsia",
                                   "abdominal_mass", "jaundice", "rectal_bleeding", "bloody_diarrhoea",
                                   "known_cirrhosis", "ascites", "confusion", "haematemesis",
                                   "known_ibd_stable_question", "positive_coeliac_serology",
                                   "fatty_liver_imaging"]) or alt is not None
        if not (a1_strict and other):
            return "A1"
    if (b["rectal_bleeding"] or b["change_in_bowel_habit"] or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (b["dyspepsia"] or b["reflux"]):
        return "A2"
    if b["family_history_crc"] and not any(b[k] for k in SYMS if k not in (
            "family_history_crc", "known_cirrhosis", "fatty_liver_imaging", "positive_coeliac_serology",
            "known_ibd_stable_question")):
        return "A3"
    return "D"


def all_readings(F):
    b = booleans(F)
    out = set()
    for flags in itertools.product([False, True], repeat=5):
        out.add(evaluate(b, *flags))
    return out


# --------------------------------------------------------------------------- vocab
FIRST_F = ["Margaret", "Susan", "Aisha", "Priya", "Joanne", "Eileen", "Karen", "Sophie", "Bethan", "Niamh",
           "Gillian", "Fatima", "Helen", "Chloe", "Patricia", "Agnieszka", "Denise", "Rachel", "Amara",
           "Lorraine", "Megan", "Sandra", "Yvonne", "Hannah", "Teresa", "Jasmine", "Olwen", "Ruth"]
FIRST_M = ["David", "Mohammed", "Graham", "Peter", "Tomasz", "Kevin", "Rajesh", "Colin", "Gareth", "Liam",
           "Derek", "Samuel", "Anthony", "Imran", "Stuart", "Callum", "Neil", "Barry", "Oluwaseun",
           "Keith", "Daniel", "Raymond", "Hamza", "Alan", "Trevor", "Owen", "Martin", "Declan"]
SURN = ["Hughes", "Patel", "Okafor", "Williams", "Nowak", "Campbell", "Ahmed", "Thompson", "Reilly",
        "Evans", "Khan", "Robertson", "Davies", "MacLeod", "Singh", "Barker", "Clarke", "Jones", "Murphy",
        "Hussain", "Walsh", "Fletcher", "Price", "Kowalski", "Begum", "Shaw", "Lloyd", "Morgan", "Bennett",
        "Osei", "Fraser", "Doyle", "Pritchard", "Chowdhury", "Gallagher", "Hale"]
PRACTICES = [("Riverside Medical Centre", "M85012", "14 Mill Lane, Stockbridge, ST4 2QP"),
             ("Oakfield Surgery", "Y02231", "2 Oakfield Road, Harrowby, HB3 7LT"),
             ("The Beeches Health Centre", "C81044", "The Beeches, Market Street, Ashcombe, AS1 4RD"),
             ("Castle View Practice", "P87620", "Castle View, 9 Bridge Street, Kingsford, KF2 8NN"),
             ("Northgate Family Practice", "B82017", "101 Northgate, Wexley, WX7 1BA"),
             ("St Aidan's Surgery", "A83009", "St Aidan's Close, Lowmoor, LM5 6JH"),
             ("Harbour Lane Medical Group", "L83105", "Harbour Lane, Porthcove, PC2 3EW"),
             ("Elmwood Health Partnership", "K81052", "Elmwood House, 6 Station Approach, Elmbury, EB9 2SS")]
GPS = ["Dr A. Mensah", "Dr R. Clarke", "Dr S. Iqbal", "Dr H. O'Neill", "Dr J. Whitfield", "Dr M. Kaur",
       "Dr P. Lindqvist", "Dr E. Fairbairn", "Dr T. Obi", "Dr C. Maddox", "Dr L. Ferreira", "Dr N. Haddad"]
FILL_PROBLEMS = ["Hypertension (2011)", "Type 2 diabetes mellitus (2017)", "Osteoarthritis of knee (2019)",
                 "Asthma (1994)", "Hypothyroidism (2015)", "Depression (2020)", "Gout (2018)",
                 "Hypercholesterolaemia (2016)", "COPD (2021)", "Atrial fibrillation (2022)",
                 "Migraine (2008)", "Chronic kidney disease stage 3a (2021)", "Obesity (BMI 32)",
                 "Lumbar back pain (2013)", "Anxiety state (2019)"]
FILL_PAST = ["Appendicectomy (1987)", "Fractured left wrist (2003)", "Cholecystectomy (2010)",
             "Carpal tunnel release (2016)", "Tonsillectomy (1972)", "Caesarean section (2004)",
             "Pneumonia - treated (2018)", "Right inguinal hernia repair (2012)", "Cellulitis leg (2021) - resolved",
             "Shingles (2019)", "Total hip replacement left (2017)", "Covid-19 infection (2022)"]
FILL_MEDS = [("Amlodipine 5mg tablets", "one daily", "28"), ("Atorvastatin 20mg tablets", "one at night", "28"),
             ("Metformin 500mg tablets", "one twice daily", "56"), ("Levothyroxine 75mcg tablets", "one daily", "28"),
             ("Ramipril 5mg capsules", "one daily", "28"), ("Sertraline 50mg tablets", "one daily", "28"),
             ("Salbutamol 100mcg inhaler", "2 puffs when required", "1"), ("Paracetamol 500mg tablets",
             "two up to four times daily", "100"), ("Bisoprolol 2.5mg tablets", "one daily", "28"),
             ("Allopurinol 100mg tablets", "one daily", "28"), ("Sumatriptan 50mg tablets", "one when required", "6"),
             ("Fostair 100/6 inhaler", "2 puffs twice daily", "1"), ("Apixaban 5mg tablets", "one twice daily", "56"),
             ("Colecalciferol 800 unit capsules", "one daily", "28")]
ALLERGIES = ["No known drug allergies", "Penicillin - rash", "Codeine - vomiting", "Trimethoprim - urticaria",
             "Latex - contact dermatitis", "NKDA", "Ibuprofen - bronchospasm"]
SOCIAL = ["Lives with husband. Never smoked. Alcohol 4 units/week.", "Lives alone, independent. Ex-smoker (quit 2009). Alcohol 6 units/week.",
          "Married, two adult children. Smoker 10/day. Alcohol 14 units/week.", "Works as a bus driver. Non-smoker. Teetotal.",
          "Retired teacher, lives with wife. Ex-smoker 20 pack-years. Alcohol 8 units/week.",
          "Lives with partner and 3 children. Vapes. Alcohol occasional.", "Warden-controlled flat. Non-smoker. No alcohol.",
          "Student. Non-smoker. Alcohol 10-12 units at weekends."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMW = {18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
        70: "seventy", 80: "eighty", 90: "ninety"}
ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def age_words(a):
    if a in NUMW:
        return NUMW[a]
    if a < 20:
        return ["", "", "", "", "", "", "", "", "", "", "ten", "eleven", "twelve", "thirteen", "fourteen",
                "fifteen", "sixteen", "seventeen"][a]
    return NUMW[a // 10 * 10] + "-" + ONES[a % 10]


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return n[:3] + " " + n[3:6] + " " + n[6:]


def fd(d, style=0):
    if style == 1:
        return d.strftime("%d-%b-%Y")
    if style == 2:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 3:
        return d.strftime("%d.%m.%y")
    return d.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- scenarios
# Each spec: rule -> list of dicts, cycled. keys: age (int or (lo,hi)), sex, sym list, values, boundary note.
def S(age, sex=None, sym=(), boundary=None, **vals):
    return dict(age=age, sex=sex, sym=list(sym), boundary=boundary, vals=vals)


SPECS = {
    "U1": [S((60, 85), sym=["dysphagia"]), S((45, 80), sym=["dysphagia", "reflux"]),
           S((55, 90), sym=["dysphagia", "weight_loss"]), S(24, sym=["dysphagia"], boundary="dysphagia at any age (24)"),
           S((30, 50), sym=["dysphagia"]), S((65, 90), sym=["dysphagia", "weight_loss", "upper_abdominal_pain"]),
           S((50, 75), sym=["dysphagia"], hb=("normal",)), S(19, sym=["dysphagia"], boundary="dysphagia at any age (19)"),
           S((40, 70), sym=["dysphagia", "dyspepsia"], ppi_weeks=8), S((70, 95), sym=["dysphagia"]),
           S((35, 60), sym=["dysphagia", "haematemesis"]), S((55, 85), sym=["dysphagia"], alt=62),
           S((60, 85), sym=["dysphagia", "reflux"]), S((25, 45), sym=["dysphagia"]),
           S((50, 80), sym=["dysphagia", "weight_loss"]), S((45, 65), sym=["dysphagia"])],
    "U2": [S((55, 85), sym=["rectal_mass", "rectal_bleeding"]), S((40, 80), sym=["rectal_mass"]),
           S((45, 85), sym=["anal_mass"]), S((30, 70), sym=["anal_ulceration"]),
           S((50, 80), sym=["rectal_mass", "change_in_bowel_habit"], fit=("low",)),
           S((35, 60), sym=["anal_mass", "rectal_bleeding"]), S((40, 75), sym=["anal_ulceration"]),
           S((28, 48), sym=["rectal_mass"], boundary=None)],
    "U3": [S((25, 90), sym=["change_in_bowel_habit"], fit=10, boundary="FIT exactly 10"),
           S((50, 85), sym=["rectal_bleeding"], fit=10, boundary="FIT exactly 10"),
           S((30, 49), sym=["abdominal_pain"], fit=11, boundary="FIT 11, age under 50"),
           S((55, 85), sym=["change_in_bowel_habit"], fit=10, boundary="FIT exactly 10"),
           S((40, 85), sym=["change_in_bowel_habit"], fit=(12, 400)), S((60, 90), sym=["rectal_bleeding"], fit=(12, 400)),
           S((25, 45), sym=["bloating", "abdominal_pain"], fit=(14, 90)),
           S((45, 80), sym=["change_in_bowel_habit", "abdominal_pain"], fit=(12, 400)),
           S((50, 80), sym=[], fit=(15, 200), hb=("normal",)), S((35, 70), sym=["rectal_bleeding"], fit=(20, 300)),
           S((60, 90), sym=["change_in_bowel_habit"], fit=(12, 400)), S((40, 70), sym=["abdominal_pain"], fit=(12, 90)),
           S((55, 80), sym=["rectal_bleeding", "change_in_bowel_habit"], fit=(30, 400)),
           S((30, 55), sym=["change_in_bowel_habit"], fit=(11, 60), calprotectin=(30, 90)),
           S((65, 90), sym=["weight_loss", "abdominal_pain"], fit=(12, 300)),
           S((18, 40), sym=["abdominal_pain"], fit=(15, 50)), S((50, 75), sym=["change_in_bowel_habit"], fit=(12, 400)),
           S((45, 85), sym=["rectal_bleeding"], fit=(12, 400))],
    "U4": [S((40, 80), "F", ida=(119, 29), boundary="Hb 119 g/L woman, ferritin 29"),
           S((40, 80), "M", ida=(129, 12), boundary="Hb 129 g/L man"),
           S((30, 70), "F", ida=(118, 6), gdl=True, boundary="Hb 11.8 g/dL woman"),
           S((45, 85), "M", ida=(98, 29), boundary="ferritin 29"),
           S((20, 45), "F", ida=(95, 5)), S((55, 90), "M", ida=(84, 7), sym=["change_in_bowel_habit"], fit=("low",)),
           S((50, 85), "F", ida=(102, 11), sym=["bloating"]), S((60, 90), "M", ida=(91, 9)),
           S((25, 50), "M", ida=(110, 14), gdl=True), S((45, 80), "F", ida=(88, 4), sym=["dyspepsia"]),
           S((55, 85), "M", ida=(121, 18), gdl=True, boundary=None), S((35, 60), "F", ida=(105, 10), fit=("low",)),
           S((70, 95), "F", ida=(79, 6)), S((40, 75), "M", ida=(112, 15), sym=["abdominal_pain"])],
    "U5": [S(55, sym=["weight_loss", "upper_abdominal_pain"], boundary="age exactly 55"),
           S(55, sym=["weight_loss", "reflux"], boundary="age exactly 55"),
           S(55, sym=["weight_loss", "dyspepsia"], boundary="age exactly 55"),
           S((58, 85), sym=["weight_loss", "upper_abdominal_pain"]), S((60, 90), sym=["weight_loss", "dyspepsia"], ppi_weeks=6),
           S((56, 80), sym=["weight_loss", "reflux"]), S((65, 90), sym=["weight_loss", "upper_abdominal_pain", "reflux"]),
           S((57, 85), sym=["weight_loss", "dyspepsia"]), S((60, 80), sym=["weight_loss", "upper_abdominal_pain"])],
    "U6": [S((50, 85), sym=["abdominal_mass"]), S((30, 60), sym=["abdominal_mass", "abdominal_pain"]),
           S((60, 90), sym=["abdominal_mass"], fit=("low",)), S((40, 70), sym=["abdominal_mass", "bloating"]),
           S((20, 40), sym=["abdominal_mass"]), S((55, 85), sym=["abdominal_mass", "change_in_bowel_habit"], fit=("low",))],
    "U7": [S(40, sym=["jaundice"], boundary="age exactly 40"), S(41, sym=["jaundice"], boundary="age 41"),
           S((55, 90), sym=["jaundice"]), S((45, 80), sym=["jaundice"], alt=(320, 600)),
           S((60, 90), sym=["jaundice", "weight_loss"]), S((50, 85), sym=["jaundice"], alt=(80, 250)),
           S((65, 95), sym=["jaundice"]), S((45, 70), sym=["jaundice"])],
    "U8": [S(50, sym=["rectal_bleeding"], boundary="age exactly 50, rectal bleeding, no FIT"),
           S(50, sym=["rectal_bleeding"], fitpend=True, boundary="age exactly 50, FIT awaited"),
           S(60, sym=["change_in_bowel_habit"], boundary="age exactly 60, CIBH, no FIT"),
           S(60, sym=["change_in_bowel_habit"], fitpend=True, boundary="age exactly 60, FIT not returned"),
           S(40, sym=["weight_loss", "abdominal_pain"], boundary="age exactly 40, weight loss and abdominal pain"),
           S(54, sym=["weight_loss", "upper_abdominal_pain"], boundary="age 54: not U5, upper abdominal pain counts as abdominal pain"),
           S((55, 85), sym=["rectal_bleeding"]), S((62, 90), sym=["change_in_bowel_habit"], fitpend=True),
           S((42, 53), sym=["weight_loss", "abdominal_pain"]), S((65, 90), sym=["change_in_bowel_habit", "rectal_bleeding"]),
           S((51, 75), sym=["rectal_bleeding"], fitpend=True)],
    "R1": [S((18, 45), sym=["bloody_diarrhoea"]) for _ in range(6)] +
          [S((20, 49), sym=["bloody_diarrhoea", "abdominal_pain"]) for _ in range(4)] +
          [S((18, 45), sym=["change_in_bowel_habit"], calprotectin=250, boundary="calprotectin exactly 250"),
           S((25, 55), sym=["abdominal_pain"], calprotectin=250, boundary="calprotectin exactly 250")] +
          [S((18, 58), sym=["change_in_bowel_habit", "abdominal_pain"], calprotectin=(270, 1800)) for _ in range(5)] +
          [S((20, 45), sym=["change_in_bowel_habit"], calprotectin=(300, 1200), fit=("low",)),
           S((60, 80), sym=["abdominal_pain"], calprotectin=(280, 900)), S((18, 30), sym=["bloating", "abdominal_pain"], calprotectin=(260, 700))],
    "R2": [S((40, 75), "M", sym=["known_cirrhosis", "ascites"]), S((35, 70), "F", sym=["known_cirrhosis", "ascites"]),
           S((45, 80), sym=["known_cirrhosis", "ascites"], alt=(30, 60)), S((50, 80), sym=["known_cirrhosis", "ascites"]),
           S((40, 75), sym=["known_cirrhosis", "confusion"]), S((45, 80), sym=["known_cirrhosis", "confusion"]),
           S((55, 85), sym=["known_cirrhosis", "confusion"]),
           S((25, 70), alt=300, boundary="ALT exactly 300"), S((25, 70), alt=300, boundary="ALT exactly 300"),
           S((20, 39), sym=["jaundice"], alt=(350, 900), boundary="jaundice at 39 or under: U7 needs 40"),
           S((25, 70), alt=(310, 1200)), S((30, 80), alt=(320, 700)), S((18, 60), alt=(400, 1500))],
    "R3": [S((18, 85), sym=["haematemesis"]) for _ in range(8)] +
          [S((30, 54), sym=["haematemesis", "dyspepsia"]), S((25, 70), sym=["haematemesis", "reflux"]),
           S((55, 85), sym=["haematemesis", "dyspepsia"], ppi_weeks=8), S((40, 80), sym=["haematemesis"], alt=(45, 120))],
    "O1": [S(55, sym=["dyspepsia"], ppi_weeks=8, boundary="age exactly 55"),
           S(55, sym=["dyspepsia"], ppi_weeks=6, boundary="age exactly 55"),
           S((56, 85), sym=["dyspepsia"], ppi_weeks=4, boundary="PPI exactly 4 weeks"),
           S((60, 85), sym=["dyspepsia"], ppi_weeks=4, boundary="PPI exactly 4 weeks")] +
          [S((56, 90), sym=["dyspepsia"], ppi_weeks=w) for w in (6, 8, 8, 12, 12, 16, 26, 8)] +
          [S((58, 80), sym=["dyspepsia", "reflux"], ppi_weeks=10), S((60, 85), sym=["dyspepsia"], ppi_weeks=12, hb=("normal",))],
    "O2": [S((18, 49), sym=["abdominal_pain"], calprotectin=100, boundary="calprotectin exactly 100"),
           S((25, 58), sym=["change_in_bowel_habit"], calprotectin=100, boundary="calprotectin exactly 100"),
           S((18, 49), sym=["change_in_bowel_habit"], calprotectin=249, boundary="calprotectin 249"),
           S((30, 58), sym=["abdominal_pain"], calprotectin=249, boundary="calprotectin 249")] +
          [S((18, 58), sym=["change_in_bowel_habit", "abdominal_pain"], calprotectin=(110, 240)) for _ in range(6)] +
          [S((18, 45), sym=["bloating"], calprotectin=(105, 230)), S((20, 49), sym=["abdominal_pain"], calprotectin=(120, 240), fit=("low",)),
           S((62, 85), sym=["abdominal_pain"], calprotectin=(110, 200)), S((50, 59), sym=["change_in_bowel_habit"], calprotectin=(130, 245)),
           S((60, 80), sym=["change_in_bowel_habit"], calprotectin=(110, 220), fit=("low",)), S((18, 30), sym=["change_in_bowel_habit"], calprotectin=(150, 240))],
    "O3": [S((20, 80), sym=["known_ibd_stable_question"]) for _ in range(13)] +
          [S((25, 60), sym=["known_ibd_stable_question"], calprotectin=(20, 80)),
           S((30, 70), sym=["known_ibd_stable_question"], calprotectin=(15, 60))],
    "O4": [S((18, 58), sym=["positive_coeliac_serology", "bloating"]) for _ in range(5)] +
          [S((18, 49), sym=["positive_coeliac_serology"]) for _ in range(4)] +
          [S((20, 58), sym=["positive_coeliac_serology", "abdominal_pain"]), S((50, 75), sym=["positive_coeliac_serology"], hb=("normal",)),
           S((30, 55), sym=["positive_coeliac_serology", "change_in_bowel_habit"]), S((60, 80), sym=["positive_coeliac_serology"]),
           S((18, 35), sym=["positive_coeliac_serology", "bloating", "abdominal_pain"])],
    "O5": [S((20, 80), alt=40, boundary="ALT exactly 40"), S((20, 80), alt=40, boundary="ALT exactly 40"),
           S((25, 80), alt=299, boundary="ALT 299"), S((25, 80), alt=299, boundary="ALT 299")] +
          [S((20, 85), alt=(45, 280)) for _ in range(8)] +
          [S((30, 80), sym=["fatty_liver_imaging"]) for _ in range(5)] +
          [S((30, 75), sym=["fatty_liver_imaging"], alt=(20, 35)), S((35, 75), sym=["fatty_liver_imaging"], alt=(45, 150)),
           S((45, 80), sym=["known_cirrhosis"], alt=(45, 120), boundary="known cirrhosis without ascites or confusion"),
           S((20, 39), sym=["jaundice"], alt=(60, 200), boundary="jaundice at 39 or under: U7 needs 40"),
           S((40, 70), alt=(42, 90), sym=["dyspepsia"], ppi_weeks=2)],
    "A1": [S(49, sym=["abdominal_pain"], calprotectin=(20, 80), boundary="age 49"),
           S(49, sym=["change_in_bowel_habit"], fit=("low",), boundary="age 49"),
           S(49, sym=["bloating"], calprotectin=(20, 80), boundary="age 49"),
           S((18, 45), sym=["abdominal_pain"], calprotectin=99, boundary="calprotectin 99"),
           S((18, 45), sym=["change_in_bowel_habit"], fit=9, boundary="FIT 9")] +
          [S((18, 48), sym=["abdominal_pain", "bloating"], calprotectin=(10, 90)) for _ in range(6)] +
          [S((18, 48), sym=["change_in_bowel_habit"], calprotectin=(10, 90)) for _ in range(4)] +
          [S((25, 48), sym=["change_in_bowel_habit", "abdominal_pain"], fit=("low",)) for _ in range(4)] +
          [S((20, 48), sym=["bloating"], fit=("low",), calprotectin=(15, 60)), S((18, 40), sym=["abdominal_pain"], fit=("low",)),
           S((30, 48), sym=["change_in_bowel_habit", "bloating"], calprotectin=(20, 70))],
    "O6": [S((50, 85), sym=["change_in_bowel_habit"], fit=9, boundary="FIT 9"),
           S((50, 85), sym=["rectal_bleeding"], fit=9, boundary="FIT 9"),
           S(50, sym=["abdominal_pain"], fit=("low",), boundary="age exactly 50, not A1"),
           S(50, sym=["change_in_bowel_habit"], calprotectin=(20, 60), fit=("low",), boundary="age exactly 50, not A1"),
           S((60, 90), sym=["change_in_bowel_habit"], fit=("low",), boundary="CIBH at 60+ but FIT reported"),
           S((60, 90), sym=["change_in_bowel_habit"], fit=("low",), boundary="CIBH at 60+ but FIT reported"),
           S((50, 85), sym=["rectal_bleeding"], fit=("low",), boundary="rectal bleeding at 50+ but FIT reported")] +
          [S((50, 90), sym=["change_in_bowel_habit"], fit=("low",)) for _ in range(4)] +
          [S((51, 85), sym=["rectal_bleeding"], fit=("low",)) for _ in range(3)] +
          [S((18, 45), sym=["rectal_bleeding"], fit=("low",)) for _ in range(3)] +
          [S((50, 80), sym=["abdominal_pain", "change_in_bowel_habit"], fit=("low",)) for _ in range(3)] +
          [S((55, 85), sym=["abdominal_pain"], fit=("low",)), S((52, 80), sym=["rectal_bleeding", "change_in_bowel_habit"], fit=("low",))],
    "A2": [S(54, sym=["dyspepsia"], ppi_weeks=8, boundary="age 54 with PPI-resistant dyspepsia: not O1"),
           S(54, sym=["reflux"], boundary="age 54"), S(54, sym=["dyspepsia"], boundary="age 54")] +
          [S((18, 53), sym=["dyspepsia"]) for _ in range(4)] + [S((18, 53), sym=["reflux"]) for _ in range(4)] +
          [S((25, 53), sym=["dyspepsia", "reflux"]) for _ in range(2)] + [S((30, 53), sym=["dyspepsia"], ppi_weeks=6),
                                                                          S((20, 50), sym=["reflux"], ppi_weeks=3)],
    "A3": [S((25, 70), sym=["family_history_crc"]) for _ in range(8)],
    "D": [S((56, 80), sym=["dyspepsia"], ppi_weeks=3, boundary="PPI only 3 weeks at 55+"),
          S(55, sym=["dyspepsia"], ppi_weeks=2, boundary="age 55, PPI only 2 weeks; not A2"),
          S(55, sym=["dyspepsia"], boundary="age exactly 55, no PPI trial: not A2"),
          S(49, sym=["rectal_bleeding"], boundary="age 49, rectal bleeding, no FIT"),
          S((45, 48), sym=["rectal_bleeding"]),
          S(59, sym=["change_in_bowel_habit"], boundary="age 59 CIBH, no FIT"),
          S(39, sym=["weight_loss", "abdominal_pain"], boundary="age 39 weight loss with pain"),
          S(39, sym=["jaundice"], boundary="age 39 jaundice"),
          S((20, 70), "F", irononly=(121, 9), boundary="Hb 121 woman, not anaemic"),
          S((25, 75), "M", irononly=(131, 14), boundary="Hb 131 man, not anaemic"),
          S((30, 80), "F", irononly=(105, 30), boundary="ferritin exactly 30"),
          S((40, 85), "M", irononly=(112, 145)),
          S((20, 80), alt=39, boundary="ALT 39"),
          S(50, sym=["abdominal_pain"], calprotectin=(20, 80), boundary="age 50 with calprotectin <100, no FIT"),
          S((50, 58), sym=["bloating"], calprotectin=(20, 70)),
          S((45, 70), sym=["family_history_crc", "bloating"]),
          S((18, 40), sym=["abdominal_pain"])],
}
COUNTS = {k: len(v) for k, v in SPECS.items()}
assert sum(COUNTS.values()) == 300, sum(COUNTS.values())

LAYOUTS = ["gp_formal", "gp_terse", "gp_chatty", "gp_bullets", "gp_third_person", "gp_lowercase",
           "gp_abbrev", "emis_export", "systmone_export", "vision_printout", "ers_template",
           "nhs111_record", "walkin_nurse", "community_matron", "pharmacist_review",
           "endoscopy_preassess", "usc_lower_form", "usc_upper_form", "private_healthcheck", "forces_mo"]
SYSTEM_LAYOUTS = ["emis_export", "systmone_export", "vision_printout", "ers_template", "nhs111_record",
                  "walkin_nurse", "community_matron", "pharmacist_review", "endoscopy_preassess", "forces_mo"]
LONG_LAYOUTS = ["emis_export", "systmone_export", "vision_printout", "community_matron", "pharmacist_review",
                "forces_mo", "private_healthcheck", "ers_template"]
PMH_LAYOUTS = set(LONG_LAYOUTS) | {"walkin_nurse", "endoscopy_preassess"}
UPPER_OK = {"U1", "U5", "R3", "O1", "A2", "D"}
LOWER_OK = {"U2", "U3", "U4", "U6", "U8", "O6", "A1", "A3", "D"}


# --------------------------------------------------------------------------- phrase banks
def pick(r, xs):
    return xs[r.randrange(len(xs))]


def pron(sex):
    return ("she", "her", "She", "Her") if sex == "F" else ("he", "his", "He", "His")


def pos_clauses(L):
    """Return list of (fact, clause, section) for the positive symptom facts."""
    r, F = L.r, L.F
    he, his, He, His = pron(F["sex"])
    out = []
    wk = lambda: pick(r, [3, 4, 5, 6, 8, 10, 12])
    for s in F["sym"]:
        w = wk()
        if s == "dysphagia":
            c = pick(r, [f"has had food sticking on swallowing for {w} weeks",
                         f"describes progressive difficulty swallowing solids over the last {w} weeks",
                         f"reports dysphagia to solids for {w} weeks, worse with bread and meat",
                         f"feels food sticking behind the breastbone when eating, present for about {w} weeks"])
            sec = "hpc"
        elif s == "rectal_mass":
            c = pick(r, ["PR examination: firm irregular mass palpable at about 6 cm",
                         "on rectal examination there is a hard mass on the anterior rectal wall",
                         "DRE reveals a palpable rectal mass at the fingertip"]); sec = "exam"
        elif s == "anal_mass":
            c = pick(r, ["a hard 2 cm mass at the anal margin on examination",
                         "an irregular anal mass at 3 o'clock, felt and seen on examination"]); sec = "exam"
        elif s == "anal_ulceration":
            c = pick(r, [f"an unexplained anal ulcer at 6 o'clock, not typical of a fissure, present for {w} weeks",
                         f"unexplained anal ulceration that has not healed in {w} weeks"]); sec = "exam"
        elif s == "weight_loss":
            k = r.randint(5, 12); m = r.randint(2, 6); a = r.randint(60, 95)
            c = pick(r, [f"has lost {k} kg over {m} months without trying",
                         f"reports unintentional weight loss of about {k} kg over {m} months",
                         f"weight has fallen from {a} kg to {a - k} kg over {m} months, not dieting"]); sec = "hpc"
        elif s == "upper_abdominal_pain":
            c = pick(r, [f"has had epigastric pain for {w} weeks", f"complains of gnawing upper abdominal pain for {w} weeks"]); sec = "hpc"
        elif s == "reflux":
            c = pick(r, ["has troublesome acid reflux and heartburn", "reports reflux symptoms most nights",
                         "describes heartburn and acid regurgitation after meals"]); sec = "hpc"
        elif s == "dyspepsia":
            pw = F.get("ppi_weeks")
            if pw:
                drug = pick(r, ["omeprazole 20 mg", "lansoprazole 30 mg", "omeprazole 40 mg", "esomeprazole 20 mg"])
                c = pick(r, [f"has dyspepsia that has persisted despite {drug} daily for {pw} weeks",
                             f"indigestion is no better after {pw} weeks of {drug} daily, taken regularly"])
            else:
                c = pick(r, [f"has had dyspepsia for {w} weeks", f"complains of indigestion for {w} weeks",
                             "has ongoing dyspepsia, not yet tried on a PPI"])
            sec = "hpc"
        elif s == "abdominal_mass":
            c = pick(r, ["on examination there is a firm, non-tender mass in the right iliac fossa",
                         "a hard mass is palpable in the left upper quadrant",
                         "abdominal examination reveals an irregular mass in the left iliac fossa"]); sec = "exam"
        elif s == "jaundice":
            c = pick(r, [f"has become jaundiced over the past {w} weeks, with no pain",
                         "is visibly jaundiced with yellow sclerae",
                         f"has painless jaundice, noticed {w} weeks ago and persisting"]); sec = "hpc"
        elif s == "rectal_bleeding":
            c = pick(r, [f"has had bright red blood per rectum on and off for {w} weeks",
                         f"is passing blood mixed in with the stool, ongoing for {w} weeks",
                         f"reports rectal bleeding, which settled in the spring but came back {w} weeks ago and continues"]); sec = "hpc"
        elif s == "abdominal_pain":
            c = pick(r, [f"has intermittent lower abdominal pain for {w} weeks",
                         f"complains of crampy left-sided abdominal pain for {w} weeks",
                         "has central abdominal pain on most days"]); sec = "hpc"
        elif s == "change_in_bowel_habit":
            c = pick(r, [f"bowel habit has changed to looser, more frequent stools for {w} weeks",
                         f"reports a change in bowel habit towards constipation over {w} weeks",
                         f"has a persistent change in bowel habit (loose stools 3-4 times a day) for {w} weeks"]); sec = "hpc"
        elif s == "bloating":
            c = pick(r, ["complains of bloating most days", "reports abdominal bloating, worse in the evenings"]); sec = "hpc"
        elif s == "bloody_diarrhoea":
            n = r.randint(5, 10)
            c = pick(r, [f"has bloody diarrhoea, {n} times a day for {w} weeks",
                         f"has diarrhoea with blood mixed in, {n} times daily, for {w} weeks; stool cultures negative"]); sec = "hpc"
        elif s == "known_cirrhosis":
            c = pick(r, [f"known alcohol-related cirrhosis (diagnosed {r.randint(2015, 2022)})",
                         f"known cirrhosis secondary to MASLD (diagnosed {r.randint(2016, 2022)})"]); sec = "bg"
        elif s == "ascites":
            c = pick(r, ["abdomen distended with shifting dullness, in keeping with ascites",
                         "increasing abdominal girth; ascites confirmed on ultrasound this month"]); sec = "exam"
        elif s == "confusion":
            c = pick(r, ["family report new confusion and muddled speech over the last two weeks",
                         "has been intermittently confused for ten days, with day-night reversal"]); sec = "hpc"
        elif s == "haematemesis":
            n = r.randint(2, 4)
            c = pick(r, [f"has had small-volume haematemesis on {n} occasions over the past {w} weeks, most recently yesterday",
                         f"continues to vomit small amounts of fresh blood, {n} episodes in {w} weeks, haemodynamically stable"]); sec = "hpc"
        elif s == "known_ibd_stable_question":
            c = pick(r, ["known ulcerative colitis, in stable remission on mesalazine 2.4 g daily; asks whether the mesalazine dose can be reduced",
                         "known Crohn's disease, stable on azathioprine for 4 years, no symptoms; would like advice on whether azathioprine should continue",
                         "known ulcerative colitis, stable remission for 3 years; she is planning pregnancy and asks about continuing mesalazine",
                         "known Crohn's disease, stable in remission off treatment; asks how often surveillance colonoscopy is needed",
                         "known ulcerative proctitis, stable on mesalazine suppositories; query whether annual bloods are still required"])
            if F["sex"] == "M":
                c = c.replace("she is planning pregnancy and asks", "he and his partner are planning a family and ask")
            sec = "bg"
        elif s == "positive_coeliac_serology":
            v = r.randint(25, 128)
            c = pick(r, [f"coeliac serology positive: tTG IgA {v} U/mL (ref <7)", f"raised tTG at {v} U/mL (normal <7)"]); sec = "result"
        elif s == "fatty_liver_imaging":
            c = pick(r, [f"ultrasound abdomen in {pick(r, MONTHS)} showed a fatty liver, no focal lesion",
                         "USS liver: fatty liver (diffuse steatosis), spleen normal"]); sec = "imaging"
        elif s == "family_history_crc":
            rel = pick(r, ["father", "mother", "brother", "sister"])
            c = f"{rel} diagnosed with bowel cancer aged {r.randint(45, 68)}"; sec = "fhx"
        out.append((s, c, sec))
    return out


def value_items(L):
    """(fact, name, display, unit, ref, flag, inline) for each value fact."""
    r, F = L.r, L.F
    out = []
    if F.get("hb") is not None:
        hb = F["hb"]
        ref = "130-170" if F["sex"] == "M" else "120-150"
        flag = "L" if hb < (130 if F["sex"] == "M" else 120) else ""
        if F.get("gdl"):
            disp = "%.1f" % (hb / 10); unit = "g/dL"; ref = "13.0-17.0" if F["sex"] == "M" else "12.0-15.0"
            inline = pick(r, [f"haemoglobin {disp} g/dL", f"Hb {disp} g/dL"])
        else:
            disp = str(hb); unit = "g/L"
            inline = pick(r, [f"Hb {hb} g/L", f"haemoglobin {hb} g/L", f"Hb {hb}"])
        out.append(("hb", "Haemoglobin", disp, unit, ref, flag, inline))
    if F.get("ferritin") is not None:
        v = F["ferritin"]
        inline = pick(r, [f"ferritin {v} ug/L", f"ferritin {v}", f"ferritin {v} ng/mL"])
        out.append(("ferritin", "Ferritin", str(v), "ug/L", "30-400", "L" if v < 30 else "", inline))
    if F.get("fit") is not None:
        t = F["fit_text"]
        disp = re.search(r"(<\s*\d+|\d+|negative|undetectable)", t).group()
        out.append(("fit", "FIT (faecal immunochemical test)", disp, "ug Hb/g", "0-9", "H" if F["fit"] >= 10 else "", t))
    if F.get("calprotectin") is not None:
        v = F["calprotectin"]
        inline = pick(r, [f"faecal calprotectin {v} ug/g", f"FCP {v}", f"calprotectin {v} ug/g", f"calprotectin {v}"])
        out.append(("calprotectin", "Faecal calprotectin", str(v), "ug/g", "<50", "H" if v >= 50 else "", inline))
    if F.get("alt") is not None:
        v = F["alt"]
        inline = pick(r, [f"ALT {v} U/L", f"ALT {v}", f"alanine transaminase {v} U/L"])
        if 80 <= v <= 200 and r.random() < 0.4:
            inline = f"ALT {round(v / 40, 1):g}x ULN ({v})"
        out.append(("alt", "ALT", str(v), "U/L", "<40", "H" if v >= 40 else "", inline))
    return out


def fit_text(r, v):
    if v == "low":
        return 0, pick(r, ["FIT <4", "FIT: <10", "FIT negative", "FIT undetectable", "FIT 4", "FIT 6", "FIT <4 ug Hb/g"])
    return v, pick(r, [f"FIT {v}", f"qFIT {v} ug Hb/g", f"FIT {v} ug/g", f"qFIT positive at {v}", f"FIT: {v}"])


# Distractors: fact -> list of (kind, template). {he}/{his}/{He}/{w}/{rel} filled in.
DISTRACT = {
    "dysphagia": [("negated", "no dysphagia"), ("negated", "denies any difficulty swallowing"),
                  ("negated", "swallowing is normal"),
                  ("past_resolved", "Oesophageal stricture (2014) - dilated, no swallowing problems since"),
                  ("other_person", "{his} spouse has recently been referred with swallowing difficulty; this referral is not about that"),
                  ("hypothetical", "advised to come back urgently if any difficulty swallowing develops")],
    "weight_loss": [("negated", "no weight loss"), ("negated", "weight stable"),
                    ("refuted", "{rel} thought {he} had lost weight, but weight today is {w} kg, the same as in the spring: no weight loss"),
                    ("explained", "has deliberately lost 6 kg with Slimming World since January"),
                    ("past_resolved", "Weight loss 2019 - due to hyperthyroidism, treated, weight regained")],
    "rectal_bleeding": [("negated", "no rectal bleeding"), ("negated", "denies PR bleeding"),
                        ("past_resolved", "H/O rectal bleeding - haemorrhoids (2017), banded, none since"),
                        ("hypothetical", "to re-present if any rectal bleeding"),
                        ("other_person", "{his} partner, also registered here, has had rectal bleeding recently")],
    "jaundice": [("negated", "not jaundiced"), ("negated", "no jaundice"),
                 ("past_resolved", "Jaundice 1998 - hepatitis A, resolved"),
                 ("family", "{his} mother was jaundiced with gallstones years ago"),
                 ("refuted", "{rel} thought {his} eyes looked yellow; on examination the sclerae are white and {he} is not jaundiced")],
    "haematemesis": [("negated", "no haematemesis"), ("negated", "no vomiting of blood"),
                     ("past_resolved", "Haematemesis 2012 - Mallory-Weiss tear, no recurrence"),
                     ("hypothetical", "told to attend A&E if {he} vomits blood"),
                     ("refuted", "the 111 note says vomiting blood, but on questioning this was red-coloured vomit after beetroot; no blood")],
    "abdominal_mass": [("negated", "abdomen soft, no masses"), ("negated", "no abdominal mass palpable"),
                       ("refuted", "thought {he} could feel a lump in {his} tummy; on examination the abdomen is soft with no mass")],
    "rectal_mass": [("negated", "PR: no mass felt"), ("negated", "DRE normal, no rectal mass"), ("negated", "PR: soft stool, no mass")],
    "ida": [("past_resolved", "Iron deficiency anaemia 2016 - resolved"),
            ("past_resolved", "Anaemia (2019) - iron deficient after {cause}, treated, resolved")],
    "bloody_diarrhoea": [("past_resolved", "Campylobacter enteritis with bloody diarrhoea 2018 - resolved"),
                         ("other_person", "{his} {kid} has had bloody diarrhoea and is under the paediatric team")],
    "ascites": [("negated", "no ascites")],
    "confusion": [("negated", "no confusion")],
    "positive_coeliac_serology": [("family", "{his} sister has coeliac disease"),
                                  ("past_resolved", "coeliac screen negative in 2020")],
    "known_ibd_stable_question": [("family", "{his} brother has Crohn's disease"), ("family", "{his} daughter has ulcerative colitis")],
    "change_in_bowel_habit": [("negated", "no change in bowel habit"), ("negated", "bowels unchanged")],
    "abdominal_pain": [("negated", "no abdominal pain")],
    "dyspepsia": [("negated", "no indigestion or reflux"),
                  ("past_resolved", "Duodenal ulcer 2009 - H. pylori eradicated, asymptomatic since")],
    "family_history_crc": [("negated", "no family history of bowel cancer"), ("negated", "no family history of colorectal cancer or polyps")],
    "anal_ulceration": [("past_resolved", "Anal fissure 2015 - healed with GTN"), ("past_resolved", "Anal ulcer 2016 - herpes simplex, treated, healed")],
}
PRIORITY_WORDS = {
    "urgent_suspected_cancer": ["2WW please", "Priority: 2WW", "urgent suspected cancer referral", "please see under the two week wait",
                                "suspected cancer pathway requested"],
    "urgent": ["urgent please", "Priority: Urgent", "would be grateful for an urgent appointment", "please expedite"],
    "routine": ["routine referral", "Priority: Routine", "non-urgent", "routine appointment is fine"],
    "advice_and_guidance": ["advice only please (A&G)", "Advice & Guidance request", "I would value your advice rather than an appointment",
                            "please advise, no need to see"],
}
URG_RANK = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]


# --------------------------------------------------------------------------- letter building
class Letter:
    def __init__(self, idx, rule, spec, layout, attempt):
        self.idx, self.rule, self.spec, self.layout = idx, rule, spec, layout
        self.id = "L26-%04d" % idx
        self.r = R("letter", idx, attempt)
        self.ev, self.dis, self.admin = [], [], []

    def E(self, fact, s):
        self.ev.append([fact, s]); return s

    def D(self, fact, kind, s):
        self.dis.append([fact, kind, s]); return s


def build_facts(L):
    r, sp = L.r, L.spec
    age = sp["age"] if isinstance(sp["age"], int) else r.randint(*sp["age"])
    sex = sp["sex"] or pick(r, ["F", "M"])
    F = dict(sex=sex, age=age, sym=list(sp["sym"]), boundary=sp["boundary"])
    v = sp["vals"]
    if "ida" in v:
        hb, fer = v["ida"]; F["hb"], F["ferritin"] = hb, fer
        if v.get("gdl"): F["gdl"] = True
    if "irononly" in v:
        F["hb"], F["ferritin"] = v["irononly"]
    if v.get("hb") == ("normal",):
        F["hb"] = r.randint(135, 158) if sex == "M" else r.randint(124, 148)
        F["ferritin"] = r.randint(40, 220)
    if "fit" in v:
        fv = v["fit"]
        if isinstance(fv, tuple) and fv != ("low",):
            fv = r.randint(*fv)
        elif fv == ("low",):
            fv = "low"
        F["fit"], F["fit_text"] = fit_text(r, fv)
        if fv != "low" and fv < 10:
            F["fit"], F["fit_text"] = fv, pick(r, [f"FIT {fv}", f"FIT {fv} ug Hb/g", f"qFIT {fv}"])
    if v.get("fitpend"):
        F["fit_pending"] = True
    for k in ("calprotectin", "alt"):
        if k in v:
            x = v[k]; F[k] = r.randint(*x) if isinstance(x, tuple) else x
    if "ppi_weeks" in v:
        F["ppi_weeks"] = v["ppi_weeks"]
    # occasional repeat results on the same side of every line
    if F.get("hb") is not None and r.random() < 0.35:
        F["hb_prev"] = F["hb"] + pick(r, [-4, -3, 3, 5]) if F["hb"] < 110 or F["hb"] > 140 else None
    return F


USAGE = collections.Counter()


def choose_distractors(L):
    r, F = L.r, L.F
    b = booleans(F)
    base = evaluate(b)
    cands = []
    for fact, opts in DISTRACT.items():
        if fact == "ida":
            if b["anaemia"] or b["iron_deficiency"] or L.rule == "A1":
                continue
        elif fact in F["sym"]:
            continue
        if fact == "bloody_diarrhoea" and ("rectal_bleeding" in F["sym"]):
            continue
        if fact in ("ascites", "confusion") and "known_cirrhosis" not in F["sym"]:
            continue
        if fact == "abdominal_pain" and (b["upper_abdominal_pain"] or b["dyspepsia"]):
            continue
        if fact == "dyspepsia" and b["reflux"]:
            continue
        if fact == "family_history_crc" and L.rule == "A3":
            continue
        if fact == "rectal_mass" and (b["anal_mass"] or b["anal_ulceration"]):
            continue
        bb = dict(b)
        if fact == "ida":
            bb["anaemia"] = bb["iron_deficiency"] = True
        else:
            bb[fact] = True
        turn = evaluate(bb) != base
        cands.append((turn, fact, opts))
    key = lambda c: USAGE[c[1]] + r.random() * 3
    turning = sorted([c for c in cands if c[0]], key=key)
    other = sorted([c for c in cands if not c[0]], key=key)
    n = r.randint(2, 4)
    chosen = turning[:max(1, n - 1)] + other[:1]
    chosen = chosen[:n]
    he, his, He, His = pron(F["sex"])
    out = []
    for turn, fact, opts in chosen:
        opts2 = [o for o in opts if not (L.rule == "A3" and o[0] in ("explained", "refuted"))] or opts
        opts2 = sorted(opts2, key=lambda o: USAGE[(fact, o[1])] + r.random() * 2)
        kind, t = opts2[0]
        USAGE[fact] += 1
        USAGE[(fact, t)] += 1
        s = t.format(he=he, his=his, He=He, cause="menorrhagia" if F["sex"] == "F" else "a vegan diet",
                     kid="son" if F["age"] >= 22 else "nephew", rel=rel_ok(F["age"], pick(r, ["daughter", "son", "wife" if F["sex"] == "M" else "husband", "carer"])),
                     w="%.1f" % (r.randint(550, 950) / 10))
        out.append(dict(fact=fact, kind=kind, text=s, turn=turn))
    return out


def make_dates(L):
    r = L.r
    d = datetime.date(2023, 1, 2) + datetime.timedelta(days=r.randint(0, 900))
    age = L.F["age"]
    # last birthday 91-354 days before the letter date, so every consultation date in the
    # letter (at most 60 days earlier) gives the same age
    since = r.randint(91, 354)
    last_bd = d - datetime.timedelta(days=since)
    if last_bd.month == 2 and last_bd.day == 29:
        last_bd -= datetime.timedelta(days=1)
    dob = datetime.date(last_bd.year - age, last_bd.month, last_bd.day)
    a = d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))
    assert a == age, (a, age)
    return d, dob


def gp_priority(L, label_urg):
    r = L.r
    x = r.random()
    if x < 0.08:
        return None, None
    if x < 0.56:  # mismatch
        choices = [u for u in URG_RANK if u != label_urg]
        u = pick(r, choices)
    else:
        u = label_urg
    return u, pick(r, PRIORITY_WORDS[u])


NOISE_MAP = [("l", "1"), ("O", "0"), ("rn", "m"), ("e", "c"), ("i", "l"), ("S", "5")]


def noisy(L, s):
    if not L.noise:
        return s
    r = L.noise_r
    out = s
    for _ in range(2):
        a, b = pick(r, NOISE_MAP)
        pos = out.find(a, r.randrange(max(1, len(out))))
        if pos >= 0:
            out = out[:pos] + b + out[pos + len(a):]
    if out != s:
        L.noise_applied.append([s, out])
    return out


# --------------------------------------------------------------------------- shared pieces
def header_block(L, style):
    r = L.r; P = L.P
    name = noisy(L, P["practice"][2])
    lines = []
    if style == "letterhead":
        lines += [P["practice"][0], name, f"Tel: 01{r.randint(100, 999)} {r.randint(100000, 999999)}   Practice code: {P['practice'][1]}", ""]
    return lines


def patient_block(L, fields="full", sep=": "):
    P = L.P
    rows = [("Patient", P["name"]), ("DOB", L.E("dob", fd(P["dob"], P["dfmt"]))), ("NHS No", P["nhs"])]
    if fields == "full":
        rows += [("Address", noisy(L, P["addr"])), ("Hosp No", P["hosp"])]
    return [f"{k}{sep}{v}" for k, v in rows]


def age_phrase(L):
    P = L.P; a = L.F["age"]
    m = P["agefmt"]
    if m == 0:
        return L.E("age", f"{a}-year-old")
    if m == 1:
        return L.E("age", f"{age_words(a)}-year-old")
    if m == 2:
        return L.E("age", f"{a} year old")
    return None  # DOB only


def cap(s):
    return s[:1].upper() + s[1:]


def end(s):
    return s if s.endswith(".") else s + "."


VERBS = ("has", "is", "reports", "describes", "complains", "feels", "continues", "denies", "thought")


def narr(L, fact, c, subj, kind=None):
    """Build a sentence from a clause and record the clause as evidence (kind None) or distractor."""
    he, his, He, His = pron(L.F["sex"])
    first = c.split(" ")[0]
    if first in VERBS:
        rec, out = c, f"{subj} {c}"
    elif first in ("weight", "bowel") and " has " in c:
        rec, out = c, f"{His} {c}"
    else:
        rec = cap(c); out = rec
    if kind is None:
        L.E(fact, rec)
    else:
        L.D(fact, kind, rec)
    return end(out)


def plain(L, fact, c, kind=None):
    rec = cap(c)
    if kind is None:
        L.E(fact, rec)
    else:
        L.D(fact, kind, rec)
    return end(rec)


def result_rows(L, with_fillers=True):
    """rows: (date, name, value, unit, ref, flag, fact)."""
    r = L.r; F = L.F; d = L.P["date"]
    rows = []
    rd = d - datetime.timedelta(days=r.randint(3, 20))
    for it in L.vals:
        fact, name, disp, unit, ref, flag, inline = it
        rows.append((rd, name, disp, unit, ref, flag, fact))
        if fact == "hb" and F.get("hb_prev"):
            prev = F["hb_prev"]
            pdisp = "%.1f" % (prev / 10) if F.get("gdl") else str(prev)
            rows.append((rd - datetime.timedelta(days=r.randint(14, 40)), name, pdisp, unit, ref, flag, "hb_prev"))
    if with_fillers:
        od = d - datetime.timedelta(days=r.randint(200, 700))
        fill = [("Sodium", str(r.randint(135, 144)), "mmol/L", "133-146", ""),
                ("Potassium", "%.1f" % (r.randint(38, 50) / 10), "mmol/L", "3.5-5.3", ""),
                ("eGFR", str(r.randint(61, 90)), "mL/min/1.73m2", ">60", ""),
                ("CRP", str(r.randint(1, 8)), "mg/L", "<5", ""), ("TSH", "%.2f" % (r.randint(80, 350) / 100), "mU/L", "0.27-4.2", ""),
                ("HbA1c", str(r.randint(36, 52)), "mmol/mol", "<42", "")]
        r.shuffle(fill)
        for nm, v, u, ref, fl in fill[:r.randint(2, 4)]:
            rows.append((rd, nm, v, u, ref, fl, None))
        for nm, v, u, ref, fl in fill[4:]:
            rows.append((od, nm, v, u, ref, fl, None))
    return rows


def render_table(L, rows, style):
    out = []
    if style == "pipe":
        out.append("Date       | Test                       | Result | Units        | Range      | Flag")
        for (dt, nm, v, u, ref, fl, fact) in sorted(rows, key=lambda x: (x[0], x[1]), reverse=True):
            line = f"{fd(dt)} | {nm:<26} | {v:<6} | {u:<12} | {ref:<10} | {fl}"
            if fact and fact != "hb_prev":
                L.E(fact, line)
            elif fact == "hb_prev":
                L.E("hb_prev", line)
            out.append(line)
    else:
        for (dt, nm, v, u, ref, fl, fact) in sorted(rows, key=lambda x: (x[0], x[1])):
            line = f"{fd(dt, 1)}  {nm}: {v} {u} [{ref}] {'*' + fl if fl else ''}".rstrip()
            if fact:
                L.E(fact if fact != "hb_prev" else "hb_prev", line)
            out.append(line)
    return out


def meds_block(L, n=None):
    r = L.r
    meds = list(FILL_MEDS); r.shuffle(meds)
    meds = meds[:n or r.randint(3, 7)]
    if L.F.get("ppi_weeks") and "dyspepsia" in L.F["sym"]:
        meds.append(("Omeprazole 20mg gastro-resistant capsules", "one daily", "28"))
    if "known_ibd_stable_question" in L.F["sym"]:
        meds.append(("Mesalazine 800mg gastro-resistant tablets", "three daily", "90") if "mesalazine" in L.pos_text
                    else ("Azathioprine 50mg tablets", "as directed", "56") if "azathioprine" in L.pos_text
                    else ("Folic acid 5mg tablets", "one daily", "28"))
    out = []
    for m, dose, q in meds:
        last = L.P["date"] - datetime.timedelta(days=r.randint(3, 60))
        out.append(f"{m} - {dose} - Qty {q} - last issued {fd(last)}")
    return out


def problem_list(L):
    r = L.r
    a, sx = L.F["age"], L.F["sex"]
    act = [p for p in FILL_PROBLEMS if a >= 50 or p.split(" (")[0] not in ("COPD", "Atrial fibrillation", "Chronic kidney disease stage 3a", "Gout", "Osteoarthritis of knee", "Type 2 diabetes mellitus")]
    past = [p for p in FILL_PAST if (sx == "F" or "Caesarean" not in p) and (a >= 55 or "hip" not in p)]
    act = [p for p in act if not (p.endswith(")") and p[-5:-1].isdigit() and int(p[-5:-1]) < L.P["dob"].year + 16)]
    past = [p for p in past if not (p.endswith(")") and p[-5:-1].isdigit() and int(p[-5:-1]) < L.P["dob"].year + 3)]
    r.shuffle(act); r.shuffle(past)
    act = act[:r.randint(2, 5)]
    past = past[:r.randint(2, 4)]
    yr = lambda p: int(p[-5:-1]) if p.endswith(")") and p[-5:-1].isdigit() else 9999
    act = [p for p in act if yr(p) >= L.P["dob"].year + 16] or ["Obesity (BMI 32)"]
    past = [p for p in past if yr(p) >= L.P["dob"].year + 16 or yr(p) == 9999] or ["Tonsillectomy as a child"]
    for it in L.dlist:
        if it["kind"] == "past_resolved" and it["placement"] == "pmh":
            past.append(L.D(it["fact"], it["kind"], it["text"]))
    for f, c, sec in L.pos:
        if sec == "bg" and L.long and f != "known_ibd_stable_question":
            act.insert(0, L.E(f, c))
    r.shuffle(past)
    return act, past


# --------------------------------------------------------------------------- narrative assembly
def assemble_core(L, subj=None):
    """Returns dict of sentence lists: hpc, exam, bg, results_inline, imaging, fhx, dis_hpc, safety."""
    he, his, He, His = pron(L.F["sex"])
    subj = subj or He
    C = dict(hpc=[], exam=[], bg=[], res=[], img=[], fhx=[], dis=[], safety=[], social_extra=[])
    C["hpc"].append(L.context)
    for f, c, sec in L.pos:
        if sec == "hpc":
            C["hpc"].append(narr(L, f, c, subj))
        elif sec == "exam":
            C["exam"].append(plain(L, f, c))
        elif sec == "bg" and (not L.long or f == "known_ibd_stable_question"):
            C["bg"].append(plain(L, f, c))
        elif sec == "result":
            C["res"].append(plain(L, f, c))
        elif sec == "imaging":
            C["img"].append(plain(L, f, c))
        elif sec == "fhx":
            C["fhx"].append(plain(L, f, c))
    for it in L.dlist:
        if it["placement"] == "pmh":
            continue
        t, k, f = it["text"], it["kind"], it["fact"]
        if k == "hypothetical":
            C["safety"].append(plain(L, f, t, k))
        elif k == "family":
            C["fhx"].append(plain(L, f, t, k))
        elif k == "other_person":
            C["social_extra"].append(plain(L, f, t, k))
        elif k == "negated" and f in ("abdominal_mass", "rectal_mass", "ascites"):
            C["exam"].append(plain(L, f, t, k))
        else:
            C["dis"].append(narr(L, f, t, subj, k))
    if L.F.get("fit_pending"):
        C["res"].append(plain(L, "fit", pick(L.r, ["FIT kit issued; result awaited",
                                                   "FIT requested but not yet returned",
                                                   "FIT sent off, no result yet"]), "pending"))
    return C


def inline_values(L, skip=None):
    out = []
    for it in L.vals:
        if it[0] == skip:
            continue
        out.append(L.E(it[0], it[6]))
        if it[0] == "hb" and L.F.get("hb_prev"):
            prev = L.F["hb_prev"]
            pd = "%.1f g/dL" % (prev / 10) if L.F.get("gdl") else f"{prev} g/L"
            out.append(L.E("hb_prev", f"(Hb {pd} on the earlier sample)"))
    return out


def request_line(L):
    u, words = L.gp
    if words is None:
        return pick(L.r, ["I would be grateful for your assessment.", "Many thanks for seeing them.",
                          "Please see and advise."])
    return pick(L.r, ["I would be grateful if you could see this patient - ", "Request: ", "Referral priority - "]) + L.E("gp_priority", words) + "."


def signoff(L, who=None):
    return ["", "Yours sincerely", "", who or L.P["gp"], noisy(L, f"GMC {L.r.randint(4000000, 7999999)}"), noisy(L, L.P["practice"][0])]


# --------------------------------------------------------------------------- layouts
def lay_gp_formal(L):
    r, P = L.r, L.P
    he, his, He, His = pron(L.F["sex"])
    C = assemble_core(L)
    out = header_block(L, "letterhead") + [fd(P["date"], 2), "", "Gastroenterology Department", noisy(L, "Royal County Hospital"), ""]
    out += ["Dear Colleague,", "", "Re: " + " | ".join(patient_block(L, "short")), ""]
    ap = age_phrase(L)
    intro = f"Thank you for seeing this {ap} {'woman' if L.F['sex'] == 'F' else 'man'}" if ap else f"Thank you for seeing {P['title']} {P['surname']}"
    out.append(intro + ", whom I saw in surgery this week.")
    out.append(" ".join(C["bg"] + C["hpc"]))
    if C["dis"]:
        out.append(" ".join(C["dis"]))
    vals = inline_values(L)
    ps = None
    if vals and r.random() < 0.3:
        ps = vals.pop()
    if C["exam"]:
        out.append("On examination: " + " ".join(C["exam"]))
    if vals or C["res"] or C["img"]:
        out.append("Investigations: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    if C["fhx"] or C["social_extra"]:
        out.append(" ".join(C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append(" ".join(C["safety"]))
    out += ["", request_line(L)] + signoff(L)
    if ps:
        out += ["", "P.S. Result received after dictation: " + ps + "."]
    return out


def lay_gp_terse(L):
    P = L.P
    C = assemble_core(L, subj="Pt")
    ap = age_phrase(L) or ""
    bits = [c.rstrip(".") for c in C["bg"] + C["hpc"] + C["exam"] + C["res"] + C["img"]]
    bits += inline_values(L)
    bits += [c.rstrip(".") for c in C["dis"] + C["fhx"] + C["social_extra"] + C["safety"]]
    out = [f"{P['practice'][0]} ({P['practice'][1]}) {fd(P['date'])}", " / ".join(patient_block(L, "short")), "",
           f"{ap} {'F' if L.F['sex'] == 'F' else 'M'}. " .strip() + " " + "; ".join(bits) + ".",
           request_line(L), P["gp"]]
    return out


def lay_gp_chatty(L):
    r, P = L.r, L.P
    he, his, He, His = pron(L.F["sex"])
    C = assemble_core(L)
    ap = age_phrase(L)
    out = header_block(L, "letterhead") + [fd(P["date"], 2), "", f"Dear Dr {pick(r, ['Shah', 'McAllister', 'Greene', 'Adeyemi', 'Lund'])},", "",
                                           "Re: " + ", ".join(patient_block(L, "short")), ""]
    out.append(f"I hope you're well. I'd be really grateful if you could have a look at {P['title']} {P['surname']}"
               + (f", a lovely {ap} {'lady' if L.F['sex'] == 'F' else 'chap'}" if ap else "") + " who has been in to see me twice now.")
    hpc = C["hpc"]
    half = (len(hpc) + 1) // 2
    d1 = P["date"] - datetime.timedelta(days=r.randint(21, 42))
    out.append(f"When I first saw {'her' if L.F['sex'] == 'F' else 'him'} on {fd(d1, 2)}, {'she' if L.F['sex'] == 'F' else 'he'} told me about the following. "
               + " ".join(C["bg"] + hpc[:half]))
    out.append("At the follow-up visit this week: " + " ".join(hpc[half:] + C["exam"] or ["not much has changed."]))
    vals = inline_values(L)
    if vals or C["res"] or C["img"]:
        out.append("Bloods and tests so far: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    if C["dis"]:
        out.append("For what it's worth: " + " ".join(C["dis"]))
    if C["fhx"] or C["social_extra"]:
        out.append("Other bits: " + " ".join(C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append("Safety netting: " + " ".join(C["safety"]))
    out += ["", request_line(L), "", "Best wishes,", P["gp"], noisy(L, P["practice"][0])]
    return out


def lay_gp_bullets(L):
    P = L.P
    C = assemble_core(L)
    ap = age_phrase(L)
    out = header_block(L, "letterhead") + [f"Date: {fd(P['date'])}"] + patient_block(L) + [""]
    out.append("Referral to gastroenterology" + (f" - {ap} {'female' if L.F['sex'] == 'F' else 'male'}" if ap else ""))
    out.append("")
    out.append("Key points:")
    for c in C["bg"] + C["hpc"] + C["exam"] + C["res"] + C["img"]:
        out.append("* " + c)
    for v in inline_values(L):
        out.append("* " + v)
    out.append("")
    out.append("Other:")
    for c in C["dis"] + C["fhx"] + C["social_extra"] + C["safety"]:
        out.append("* " + c)
    out += ["", request_line(L)] + signoff(L)
    return out


def lay_gp_third_person(L):
    P = L.P; r = L.r
    C = assemble_core(L, subj="The patient")
    ap = age_phrase(L)
    out = header_block(L, "letterhead") + [fd(P["date"], 0), "", "To the Gastroenterology Team", ""] + patient_block(L, "short") + [""]
    out.append(f"{P['gp']} asked me to write on behalf of the partnership regarding the patient"
               + (f", a {ap} {'woman' if L.F['sex'] == 'F' else 'man'}" if ap else "") + ".")
    out.append(" ".join(C["bg"] + C["hpc"]))
    if C["exam"]:
        out.append("On examination of the patient: " + " ".join(C["exam"]))
    vals = inline_values(L)
    if vals or C["res"] or C["img"]:
        out.append("The patient's results: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    if C["dis"] or C["fhx"] or C["social_extra"]:
        out.append(" ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append(" ".join(C["safety"]))
    out += ["", request_line(L)] + signoff(L, pick(r, ["Dr F. Ashworth (partner)", "Dr K. Bello (partner)"]))
    return out


def lay_gp_lowercase(L):
    P = L.P
    C = assemble_core(L)
    ap = age_phrase(L)
    out = [f"{P['practice'][0]} {fd(P['date'])}"] + patient_block(L, "short", " ") + [""]
    body = ["dear team", "please see" + (f" this {ap} {'lady' if L.F['sex'] == 'F' else 'man'}" if ap else "")]
    body += C["bg"] + C["hpc"] + C["exam"] + inline_values(L) + C["res"] + C["img"] + C["dis"] + C["fhx"] + C["social_extra"] + C["safety"]
    body.append(request_line(L))
    out.append(" ".join(body))
    out.append("thanks " + P["gp"])
    return out


ABBR = [("has had", "c/o"), ("weeks", "/52"), ("months", "/12"), ("rectal bleeding", "PR bleeding"),
        ("change in bowel habit", "CIBH"), ("weight loss", "wt loss"), ("examination", "exam")]


def lay_gp_abbrev(L):
    P = L.P; r = L.r
    C = assemble_core(L, subj="Pt")
    ap = age_phrase(L)
    out = [f"{P['practice'][0]}, {P['practice'][1]}", f"Dt: {fd(P['date'], 3)}"] + patient_block(L, "short") + [""]
    out.append(f"Ref: {ap or ''} {'F' if L.F['sex'] == 'F' else 'M'} - GI opinion pls".replace("  ", " "))
    out.append("PC/HPC: " + " ".join(C["bg"] + C["hpc"]))
    if C["exam"]:
        out.append("O/E: " + " ".join(C["exam"]))
    vals = inline_values(L)
    out.append("Ix: " + (", ".join(vals) + ". " if vals else "nil yet. ") + " ".join(C["res"] + C["img"]))
    out.append("Neg/other: " + " ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append("SN: " + " ".join(C["safety"]))
    out += [request_line(L), f"{P['gp']} (GP)"]
    return out


def page_header(L, sysname, page, total):
    P = L.P
    return [f"{sysname} - {noisy(L, P['practice'][0])} - printed {fd(P['date'], 1)} - {P['name']} NHS {P['nhs']}", f"Page {page} of {total}", ""]


def consultations(L, C, newest_first):
    """Dated consultation entries: fillers plus the current problem split over two visits."""
    r = L.r; P = L.P
    ents = []
    fill = ["URTI - advised fluids, paracetamol", "BP review - 138/84, continue", "Knee pain - referred physio",
            "Medication review - no changes", "Flu vaccine given", "Contraception review" if L.F["sex"] == "F" and L.F["age"] < 50 else "Ear wax - advised olive oil", "Asthma review - well controlled",
            "Diabetes annual review - foot check normal"]
    r.shuffle(fill)
    for i, t in enumerate(fill[:r.randint(2, 4)]):
        ents.append((P["date"] - datetime.timedelta(days=r.randint(120, 700)), pick(r, GPS), [t]))
    hpc = C["bg"] + C["hpc"]
    half = max(1, (len(hpc) + 1) // 2)
    d1 = P["date"] - datetime.timedelta(days=r.randint(20, 60))
    ents.append((d1, P["gp"], ["History: " + " ".join(hpc[:half])] + (["Other: " + " ".join(C["dis"])] if C["dis"] else [])))
    e2 = []
    if hpc[half:]:
        e2.append("History: " + " ".join(hpc[half:]))
    if C["exam"]:
        e2.append("Examination: " + " ".join(C["exam"]))
    vals = inline_values(L)
    if vals or C["res"] or C["img"]:
        e2.append("Results: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    if C["safety"]:
        e2.append("Safety netting: " + " ".join(C["safety"]))
    e2.append("Plan: refer gastroenterology. " + request_line(L))
    ents.append((P["date"], P["gp"], e2))
    ents.sort(key=lambda e: e[0], reverse=newest_first)
    return ents


def fix_social(L, soc):
    a, sx = L.F["age"], L.F["sex"]
    if sx == "M":
        soc = soc.replace("with husband", "with wife")
    else:
        soc = soc.replace("with wife", "with husband")
    if a >= 30:
        soc = soc.replace("Student.", "Office worker.")
    if a < 60:
        soc = soc.replace("Retired teacher", "Teacher")
    if a < 45:
        soc = soc.replace("two adult children", "two young children")
    return soc


def long_sections(L, C, heads):
    act, past = problem_list(L)
    out = [heads[0]] + ["  " + a for a in act] + [heads[1]] + ["  " + p for p in past]
    out += [heads[2]] + ["  " + m for m in meds_block(L)]
    out += [heads[3] + " " + pick(L.r, ALLERGIES)]
    soc = fix_social(L, pick(L.r, SOCIAL))
    if "known_cirrhosis" in L.F["sym"] or (L.F.get("alt") or 0) >= 300:
        soc = "Alcohol: previously 60 units/week, abstinent 6 months. Lives with partner."
    out += [heads[4] + " " + soc + (" " + " ".join(C["social_extra"]) if C["social_extra"] else "")]
    if C["fhx"]:
        out += [heads[5] + " " + " ".join(C["fhx"])]
    return out


def lay_emis(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    nf = r.random() < 0.5
    out = page_header(L, "EMIS Web", 1, 2)
    out += [f"Referral letter generated {fd(P['date'], 1)} {r.randint(8, 17)}:{r.randint(10, 59)}", f"Usual GP: {P['gp']}",
            f"Registered: {noisy(L, P['practice'][0])} ({P['practice'][1]})"] + patient_block(L) + [f"Sex: {'Female' if L.F['sex'] == 'F' else 'Male'}"]
    ap = age_phrase(L)
    if ap:
        out.append(f"Summary: {ap} referred to gastroenterology")
    out += [f"e-RS UBRN: {P['ubrn']}", ""]
    out += long_sections(L, C, ["Active Problems:", "Past Problems:", "Repeat Medication:", "Allergies:", "Social:", "Family history:"])
    out += [""] + page_header(L, "EMIS Web", 2, 2)
    out += ["Consultations (" + ("newest first" if nf else "oldest first") + "):"]
    for d, who, lines in consultations(L, C, nf):
        out.append(f"{fd(d)} - {who} - Surgery consultation")
        out += ["    " + x for x in lines]
    rows = result_rows(L)
    out += ["", "Recent filed results:"] + render_table(L, [x for x in rows if x[6] is None], "pipe")
    out += ["", f"cc: {noisy(L, 'Patient')}; {noisy(L, 'Practice file')}", f"-- end of EMIS Web export -- Page 2 of 2"]
    return out


def lay_systmone(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    out = [f"SystmOne Referral Report   {noisy(L, P['practice'][0])}   ODS {P['practice'][1]}",
           f"Printed by {P['gp']} on {fd(P['date'], 1)}", ""]
    out += patient_block(L, "full", " : ")
    ap = age_phrase(L)
    out += [f"Gender : {'F' if L.F['sex'] == 'F' else 'M'}" + (f"   ({ap})" if ap else ""), ""]
    out += long_sections(L, C, ["[Problems - active]", "[Problems - past]", "[Repeat templates]", "[Allergies & sensitivities]", "[Social]", "[Family history]"])
    out += ["", "[Journal - newest first]"]
    for d, who, lines in consultations(L, C, True):
        out.append(f"{fd(d)} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}  {who}  (Tel/F2F)")
        out += ["   " + x for x in lines]
    out += ["", "[Results]"] + render_table(L, [x for x in result_rows(L) if x[6] is None], "list")
    out += ["", f"SystmOne | {P['name']} | {P['nhs']} | Page 2 of 2"]
    return out


def lay_vision(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    out = [f"VISION CLINICAL SUMMARY  --  {noisy(L, P['practice'][0])}", f"Report date: {fd(P['date'])}"] + patient_block(L)
    ap = age_phrase(L)
    if ap:
        out.append(f"Age/sex: {ap} {'female' if L.F['sex'] == 'F' else 'male'}")
    out += ["==========================================="]
    out += long_sections(L, C, ["PROBLEMS (significant active):", "PROBLEMS (past/minor):", "THERAPY - REPEATS:", "ALLERGY:", "SOCIAL:", "FAMILY HISTORY:"])
    out += ["===========================================", "REFERRAL NOTE (current problem):"]
    out += C["hpc"] + C["exam"] + inline_values(L) + C["res"] + C["img"] + C["dis"] + C["safety"]
    out += [request_line(L)]
    out += ["", "RESULTS (last 24 months):"] + render_table(L, [x for x in result_rows(L) if x[6] is None], "pipe")
    out += ["", f"Vision - {P['name']} - continued", "Page 2 of 2", f"cc {noisy(L, 'Patient; Community pharmacy')}"]
    return out


def lay_ers(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    out = ["NHS e-Referral Service - Referral Letter", f"UBRN: {P['ubrn']}", f"Service: Gastroenterology - {noisy(L, 'Royal County Hospital')}",
           f"Priority: {L.E('gp_priority', L.gp[1]) if L.gp[1] else 'not stated'}", f"Referrer: {P['gp']}, {noisy(L, P['practice'][0])} ({P['practice'][1]})",
           f"Date: {fd(P['date'])}", ""] + patient_block(L) + [f"Sex: {'Female' if L.F['sex'] == 'F' else 'Male'}", ""]
    out.append("Presenting complaint: " + ((ap + " " + L.sexw + ". ") if ap else "") + C["hpc"][-1])
    if C["bg"] + C["hpc"][:-1]:
        out.append("HPC: " + " ".join(C["bg"] + C["hpc"][:-1]))
    out.append("Examination: " + (" ".join(C["exam"]) or "abdomen soft, non-tender."))
    vals = inline_values(L)
    out.append("Investigations: " + (", ".join(vals) + ". " if vals else "") + " ".join(C["res"] + C["img"]))
    out.append("Red flags screened: " + (" ".join(C["dis"]) or "none recorded."))
    out.append("Safety netting: " + (" ".join(C["safety"]) or "standard advice given."))
    out.append("")
    out += long_sections(L, C, ["Problem list:", "Past history:", "Current medication:", "Allergies:", "Social history:", "Family history:"])
    out += ["", "What I would like: assessment and investigation as appropriate.", "", f"e-RS attachment 1 of 1 | UBRN {P['ubrn']} | Page 2 of 2"]
    return out


YN_STYLES = ["YN", "strike", "tick", "presabs", "plusminus"]


def checklist(L, items, style):
    """items: list of (label, fact, present). Records evidence/distractor per row."""
    out = []
    if style == "tick":
        out.append("(Key: \u2713 = present, \u2717 = absent)")
    for label, fact, present in items:
        if style == "YN":
            a = "Y" if present else "N"
        elif style == "strike":
            a = "Yes / N\u0336o\u0336" if present else "Y\u0336e\u0336s\u0336 / No"
        elif style == "tick":
            a = "\u2713" if present else "\u2717"
        elif style == "presabs":
            a = "present" if present else "absent"
        else:
            a = "+" if present else "-"
        row = f"  {label:.<40} {a}"
        if present:
            L.E(fact, row)
        else:
            L.D(fact, "checklist_no" if style != "tick" else "unticked_box", row)
        out.append(row)
    if style == "strike":
        out.insert(0, "(Delete as appropriate)")
    return out


def form_items(L, which):
    b = booleans(L.F)
    dset = {d["fact"] for d in L.dlist}
    if which == "lower":
        cand = [("Rectal bleeding", "rectal_bleeding"), ("Change in bowel habit", "change_in_bowel_habit"),
                ("Unexplained weight loss", "weight_loss"), ("Abdominal pain", "abdominal_pain"),
                ("Abdominal mass", "abdominal_mass"), ("Rectal mass", "rectal_mass")]
    else:
        cand = [("Dysphagia", "dysphagia"), ("Unexplained weight loss", "weight_loss"),
                ("Upper abdominal pain", "upper_abdominal_pain"), ("Reflux", "reflux"),
                ("Dyspepsia", "dyspepsia"), ("Haematemesis", "haematemesis"), ("Upper abdominal mass", "abdominal_mass")]
    items = []
    for lab, f in cand:
        if f in dset and not b[f]:
            continue  # already mentioned as a distractor elsewhere
        if f == "abdominal_pain" and (b["upper_abdominal_pain"] or b["dyspepsia"]):
            continue
        if f == "dyspepsia" and b["reflux"] and not b["dyspepsia"]:
            continue
        if f == "reflux" and b["dyspepsia"] and not b["reflux"]:
            continue
        items.append((lab, f, b[f]))
    return items


def lay_usc_form(L, which):
    P = L.P; r = L.r
    C = assemble_core(L)
    title = "LOWER GI" if which == "lower" else "UPPER GI"
    out = [f"URGENT SUSPECTED CANCER REFERRAL - {title} (formerly 2WW)", f"Referring practice: {noisy(L, P['practice'][0])}  Code: {P['practice'][1]}",
           f"Referrer: {P['gp']}    Date of decision to refer: {fd(P['date'])}", ""] + patient_block(L)
    ap = age_phrase(L)
    out += [f"Sex: {'F' if L.F['sex'] == 'F' else 'M'}" + (f"   Age: {ap}" if ap else ""), f"UBRN: {P['ubrn']}", ""]
    out += ["SECTION 1 - CRITERIA / SYMPTOMS"] + checklist(L, form_items(L, which), L.P["yn"])
    if which == "lower":
        vals = [v for v in L.vals if v[0] == "fit"]
        out.append("FIT result (ug Hb/g): " + (L.E("fit", vals[0][6]) if vals else ("see below" if L.F.get("fit_pending") else "not done")))
        others = [v for v in inline_values(L, skip="fit")]
    else:
        others = inline_values(L)
    out += ["", "SECTION 2 - CLINICAL DETAILS"] + C["bg"] + C["hpc"] + C["exam"]
    if others or C["res"] or C["img"]:
        out.append("Recent bloods/results: " + ", ".join(others) + (". " if others else "") + " ".join(C["res"] + C["img"]))
    if C["dis"] or C["fhx"] or C["social_extra"]:
        out.append("Additional information: " + " ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append("Safety netting: " + " ".join(C["safety"]))
    out += ["", "SECTION 3 - PATIENT AVAILABILITY / WHO PERFORMANCE STATUS: " + str(r.randint(0, 2)),
            "Patient informed of urgent referral: Yes", request_line(L), "", f"{title} USC form v4.2 | Page 1 of 1"]
    return out


def lay_nhs111(L):
    P = L.P; r = L.r
    C = assemble_core(L, subj="Caller")
    ap = age_phrase(L)
    out = ["NHS 111 - Clinical Assessment Service - Post-event message", f"Case ref: 111-{r.randint(10000000, 99999999)}",
           f"Call received: {fd(P['date'], 1)} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}", f"Registered GP: {noisy(L, P['practice'][0])} ({P['practice'][1]})"] + patient_block(L, "short")
    out += [f"Sex: {'Female' if L.F['sex'] == 'F' else 'Male'}" + (f"; described as {ap}" if ap else ""), ""]
    out += ["Pathways disposition: speak to clinician within 2 hours -> clinician call-back completed", ""]
    out.append("Clinician assessment (" + pick(r, ["Clinical Advisor (paramedic)", "CAS GP", "Clinical Advisor (nurse)"]) + "):")
    out += ["  " + c for c in C["bg"] + C["hpc"] + C["exam"]]
    vals = inline_values(L)
    if vals or C["res"] or C["img"]:
        out.append("  Results seen on shared record: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    out.append("Symptom checker:")
    out += checklist(L, form_items(L, "upper" if L.rule in UPPER_OK else "lower"), L.P["yn"])
    if C["dis"] or C["fhx"] or C["social_extra"]:
        out.append("Further: " + " ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append("Worsening advice: " + " ".join(C["safety"]))
    out += ["Outcome: no emergency features; onward referral to gastroenterology requested. " + request_line(L), "",
            noisy(L, "This message was sent by NHS 111 to the registered practice and copied to the specialty inbox."), "Page 1 of 1"]
    return out


def lay_walkin(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    out = [noisy(L, "Kingsford Walk-in Centre / Urgent Treatment Centre"), f"Attendance: {fd(P['date'], 1)}  Arrival {r.randint(8, 20):02d}:{r.randint(0, 59):02d}",
           f"Seen by: {pick(r, ['Nurse Practitioner J. Burrows', 'ANP S. Kamara', 'ENP R. Doherty'])}"] + patient_block(L)
    out += [f"GP: {P['gp']}, {noisy(L, P['practice'][0])}", ""]
    out.append("Presenting complaint: " + ((ap + " " + L.sexw + ". ") if ap else "") + C["hpc"][-1])
    if C["bg"] + C["hpc"][:-1]:
        out.append("History: " + " ".join(C["bg"] + C["hpc"][:-1]))
    out.append(f"Obs: HR {r.randint(64, 96)}, BP {r.randint(110, 150)}/{r.randint(65, 90)}, T 36.{r.randint(4, 9)}, NEWS2 0")
    if C["exam"]:
        out.append("Examination: " + " ".join(C["exam"]))
    vals = inline_values(L)
    if vals or C["res"] or C["img"]:
        out.append("Results: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    if C["dis"] or C["fhx"] or C["social_extra"]:
        out.append("Also noted: " + " ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append("Advice: " + " ".join(C["safety"]))
    act, past = problem_list(L)
    out += ["PMH (from summary care record): " + "; ".join(act + past), "Meds (SCR): " + "; ".join(m.split(" - ")[0] for m in meds_block(L, 3))]
    out += ["Disposition: discharged; letter to GP and gastroenterology. " + request_line(L), "", f"cc: GP ({P['practice'][1]})", "Page 1 of 1"]
    return out


def lay_matron(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    who = pick(r, ["Community Matron (Long-term conditions)", "Care Co-ordinator, Integrated Neighbourhood Team"])
    out = [f"{noisy(L, 'Kingsford Community Health Services')} - {who}", f"Record extract: home visits", f"Date of letter: {fd(P['date'])}"] + patient_block(L)
    out += [f"Sex: {'F' if L.F['sex'] == 'F' else 'M'}" + (f"   {ap}" if ap else ""), f"GP: {P['gp']} ({P['practice'][1]})", ""]
    out += long_sections(L, C, ["Active problems:", "Past history:", "Medication (blister pack):", "Allergies:", "Social / home:", "Family:"])
    d1 = P["date"] - datetime.timedelta(days=r.randint(14, 35))
    hpc = C["bg"] + C["hpc"]
    half = max(1, (len(hpc) + 1) // 2)
    out += ["", f"Visit {fd(d1)}: " + " ".join(hpc[:half]) + (" " + " ".join(C["dis"]) if C["dis"] else "")]
    vals = inline_values(L)
    out += [f"Visit {fd(P['date'] - datetime.timedelta(days=2))}: " + " ".join(hpc[half:] + C["exam"])
            + (" Bloods: " + ", ".join(vals) + "." if vals else "") + (" " + " ".join(C["res"] + C["img"]) if C["res"] or C["img"] else "")]
    if C["safety"]:
        out.append("Escalation plan: " + " ".join(C["safety"]))
    out += ["", "Concerns: as above. " + request_line(L), "", who, "cc: GP; District nursing team", "Page 2 of 2"]
    return out


def lay_pharmacist(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    out = [f"Structured Medication Review - Clinical Pharmacist, {noisy(L, P['practice'][0])}", f"Review date: {fd(P['date'])}"] + patient_block(L)
    out += [f"Sex: {'F' if L.F['sex'] == 'F' else 'M'}" + (f" | {ap}" if ap else ""), ""]
    out += long_sections(L, C, ["Problems:", "Past:", "Repeat medication reviewed:", "Allergies:", "Lifestyle:", "Family:"])
    out += ["", "Review findings:"]
    n = 1
    for c in C["bg"] + C["hpc"] + C["exam"] + C["res"] + C["img"] + C["dis"] + C["safety"]:
        out.append(f"{n}. {c}"); n += 1
    vals = inline_values(L)
    if vals:
        out.append(f"{n}. Latest bloods: " + ", ".join(vals) + ".")
    out += ["", "Discussed with duty GP " + P["gp"] + ", who agreed onward referral. " + request_line(L), "", pick(r, ["A. Nwosu", "L. Henderson"]) + ", Clinical Pharmacist (IP)", "Page 2 of 2"]
    return out


def lay_preassess(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    out = [noisy(L, "Endoscopy Unit - Royal County Hospital"), "Pre-assessment nurse record (telephone)", f"Date: {fd(P['date'], 1)}"] + patient_block(L)
    out += [f"Sex: {'F' if L.F['sex'] == 'F' else 'M'}" + (f"   ({ap})" if ap else ""), f"Booked procedure: {pick(r, ['OGD', 'colonoscopy', 'flexible sigmoidoscopy'])} (routine list, originally requested by GP)", ""]
    out.append("Pre-assessment questions:")
    out += checklist(L, form_items(L, "upper" if L.rule in UPPER_OK else "lower"), L.P["yn"])
    out.append("Nurse notes: " + " ".join(C["bg"] + C["hpc"] + C["exam"]))
    vals = inline_values(L)
    if vals or C["res"] or C["img"]:
        out.append("Results on ICE: " + ", ".join(vals) + (". " if vals else "") + " ".join(C["res"] + C["img"]))
    if C["dis"] or C["fhx"] or C["social_extra"]:
        out.append("Other: " + " ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    act, past = problem_list(L)
    out += ["Medical history: " + "; ".join(act + past), "Anticoagulants/diabetes meds: checked", f"Allergies: {pick(r, ALLERGIES)}"]
    if C["safety"]:
        out.append("Advice given: " + " ".join(C["safety"]))
    out += ["Action: referral passed to the gastroenterology triage consultant for re-grading. " + request_line(L), "", "Page 1 of 1"]
    return out


def lay_private(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    out = [noisy(L, "Meridian Private Health Assessments Ltd"), f"Executive health check report - {fd(P['date'], 2)}", f"Examining doctor: Dr {pick(r, ['V. Rossi', 'G. Baines'])}"] + patient_block(L)
    out += [f"Sex: {'F' if L.F['sex'] == 'F' else 'M'}" + (f"   Age: {ap}" if ap else ""), f"NHS GP: {P['gp']}, {noisy(L, P['practice'][0])}", ""]
    out.append("Questionnaire (self-reported):")
    out += checklist(L, form_items(L, "upper" if L.rule in UPPER_OK else "lower"), L.P["yn"])
    out += ["", "Doctor's history and examination:"] + C["bg"] + C["hpc"] + C["exam"]
    rows = result_rows(L)
    out += ["", "Laboratory results:"] + render_table(L, rows, "pipe")
    if C["res"] or C["img"]:
        out += C["res"] + C["img"]
    act, past = problem_list(L)
    out += ["", "Past medical history: " + "; ".join(act + past), "Medication: " + "; ".join(m.split(" - ")[0] for m in meds_block(L, 3))]
    if C["dis"] or C["fhx"] or C["social_extra"]:
        out.append("Other: " + " ".join(C["dis"] + C["fhx"] + C["social_extra"]))
    if C["safety"]:
        out.append("Advice: " + " ".join(C["safety"]))
    out += ["", "Recommendation: NHS gastroenterology referral via GP. " + request_line(L), "", "Confidential - Page 2 of 2"]
    return out


def lay_forces(L):
    P = L.P; r = L.r
    C = assemble_core(L)
    ap = age_phrase(L)
    out = ["OFFICIAL-SENSITIVE: MEDICAL", "DMICP record extract - Defence Primary Healthcare", noisy(L, f"Medical Centre: {pick(r, ['Catterick Garrison', 'RAF Brize Norton', 'HMNB Devonport'])}"),
           f"Date: {fd(P['date'])}"] + patient_block(L, "short") + [f"Service no: {r.randint(25000000, 30999999)}  Sex: {'F' if L.F['sex'] == 'F' else 'M'}" + (f"  ({ap})" if ap else ""),
           f"JMES: MFD -> MLD (temporary)", ""]
    out += long_sections(L, C, ["Problem list (active):", "Problem list (inactive):", "Medication:", "Allergies:", "Social/occupational:", "FHx:"])
    out += ["", "Consultations:"]
    for d, who, lines in consultations(L, C, r.random() < 0.5):
        out.append(f"{fd(d, 1)}  {'Surg Lt ' + who[3:] if who == P['gp'] else who}  MO clinic")
        out += ["    " + x for x in lines]
    out += ["", "Results:"] + render_table(L, [x for x in result_rows(L) if x[6] is None], "list")
    out += ["", "OFFICIAL-SENSITIVE: MEDICAL  Page 2 of 2"]
    return out


RENDER = {"gp_formal": lay_gp_formal, "gp_terse": lay_gp_terse, "gp_chatty": lay_gp_chatty, "gp_bullets": lay_gp_bullets,
          "gp_third_person": lay_gp_third_person, "gp_lowercase": lay_gp_lowercase, "gp_abbrev": lay_gp_abbrev,
          "emis_export": lay_emis, "systmone_export": lay_systmone, "vision_printout": lay_vision, "ers_template": lay_ers,
          "nhs111_record": lay_nhs111, "walkin_nurse": lay_walkin, "community_matron": lay_matron,
          "pharmacist_review": lay_pharmacist, "endoscopy_preassess": lay_preassess,
          "usc_lower_form": lambda L: lay_usc_form(L, "lower"), "usc_upper_form": lambda L: lay_usc_form(L, "upper"),
          "private_healthcheck": lay_private, "forces_mo": lay_forces}


def lower_nopunct(s):
    s = re.sub(r"(?<![0-9])\.|\.(?![0-9])", "", s.lower())
    return "".join(ch for ch in s if ch not in ",;:()'")


# --------------------------------------------------------------------------- main build
def assign():
    slots = []
    for rule in ORDER:
        for i, sp in enumerate(SPECS[rule]):
            slots.append((rule, i, sp))
    r = R("assign")
    r.shuffle(slots)
    lay = {}
    remaining = list(range(len(slots)))
    for form, ok in (("usc_upper_form", UPPER_OK), ("usc_lower_form", LOWER_OK)):
        pick_ = [k for k in remaining if slots[k][0] in ok][:15]
        for k in pick_:
            lay[k] = form
        remaining = [k for k in remaining if k not in lay]
    others = [l for l in LAYOUTS if l not in ("usc_upper_form", "usc_lower_form")]
    for j, k in enumerate(remaining):
        lay[k] = others[j % len(others)]
    order = list(range(len(slots)))
    r.shuffle(order)
    return [(slots[k], lay[k]) for k in order]


def rel_ok(age, rel):
    return "mother" if age < 38 and rel in ("daughter", "son") else rel


def build_letter(idx, rule, spec, layout):
    for attempt in range(60):
        L = Letter(idx, rule, spec, layout, attempt)
        L.F = build_facts(L)
        if L.F.get("hb_prev") is None:
            L.F.pop("hb_prev", None)
        b = booleans(L.F)
        got = evaluate(b)
        if got != rule or all_readings(L.F) != {rule}:
            continue
        r = L.r
        L.long = layout in LONG_LAYOUTS
        r.random()  # kept so that the main draw sequence is unchanged
        L.noise = R("noise", idx).random() < 0.2
        L.noise_r = R("noise-chars", idx)
        L.noise_applied = []
        sex = L.F["sex"]
        first = pick(r, FIRST_F if sex == "F" else FIRST_M)
        sur = pick(r, SURN)
        d, dob = make_dates(L)
        title = pick(r, ["Mrs", "Ms", "Miss"]) if sex == "F" else "Mr"
        pr = pick(r, PRACTICES)
        L.P = dict(name=f"{title} {first} {sur}", title=title, surname=sur, date=d, dob=dob, nhs=nhs_number(r),
                   addr=f"{r.randint(1, 120)} {pick(r, ['Church', 'Victoria', 'Park', 'Meadow', 'Queens'])} {pick(r, ['Road', 'Street', 'Close', 'Avenue'])}",
                   hosp=f"RCH{r.randint(100000, 999999)}", practice=pr, gp=pick(r, GPS),
                   ubrn=" ".join(str(r.randint(1000, 9999)) for _ in range(3)), dfmt=pick(r, [0, 0, 1, 2]),
                   agefmt=pick(r, [0, 0, 1, 2, 3]) if layout != "gp_lowercase" else pick(r, [0, 2, 3]), yn=pick(r, YN_STYLES))
        if L.F["boundary"] and L.P["agefmt"] == 1 and layout == "gp_terse":
            L.P["agefmt"] = 0
        urg, path = RULES[rule]
        L.gp = gp_priority(L, urg)
        if layout in ("usc_lower_form", "usc_upper_form"):
            L.gp = ("urgent_suspected_cancer", pick(r, ["2WW please", "urgent suspected cancer referral", "suspected cancer pathway requested"]))
        if layout == "ers_template" and L.gp[1] and L.gp[1].startswith("Priority: "):
            L.gp = (L.gp[0], L.gp[1][len("Priority: "):])
        L.sexw = "woman" if sex == "F" else "man"
        he, his, He, His = pron(sex)
        vals_only = not any(x in L.F["sym"] for x in SYMS if x not in ("known_cirrhosis", "fatty_liver_imaging", "positive_coeliac_serology"))
        if vals_only and rule != "A3":
            L.context = pick(r, [f"{He} had bloods taken for tiredness.", f"Routine bloods were done at {his} annual chronic disease review.",
                                 f"Blood tests were taken as part of a medication review.", f"{He} had a well-person check with bloods recently."])
        elif rule == "O3":
            L.context = pick(r, [f"{He} came in for {his} annual review.", f"{He} is well and has no new symptoms.",
                                 f"{He} asked me to write on {his} behalf after a routine review."])
        elif rule == "A3":
            L.context = pick(r, [f"{He} came to discuss bowel screening after a relative's diagnosis.",
                                 f"{He} is well and asked about whether {he} needs bowel checks."])
        else:
            L.context = pick(r, [f"{He} came in to discuss {his} gut symptoms.", f"{He} was previously fit and well.",
                                 f"{He} attended with {his} {rel_ok(L.F['age'], pick(r, ['daughter', 'partner', 'friend', 'son']))}.",
                                 f"{He} booked a telephone consultation and then came in to be examined.",
                                 f"{He} has been reluctant to come in but attended today."])
        L.pos = pos_clauses(L)
        L.pos_text = " ".join(c for _, c, _ in L.pos)
        L.vals = value_items(L)
        L.dlist = choose_distractors(L)
        for it in L.dlist:
            it["placement"] = "pmh" if (it["kind"] == "past_resolved" and layout in PMH_LAYOUTS) else "text"
        if L.F["boundary"] and "age" in L.F["boundary"]:
            L.P["agefmt"] = pick(r, [0, 2])
        lines = RENDER[layout](L)
        # record the letter date as evidence for age
        text = "\n".join(lines)
        if layout == "gp_lowercase":
            text = lower_nopunct(text)
            L.ev = [[f, lower_nopunct(s)] for f, s in L.ev]
            L.dis = [[f, k, lower_nopunct(s)] for f, k, s in L.dis]
        # every evidence/distractor string must be in the text
        ok = all(s in text for _, s in L.ev) and all(s in text for _, _, s in L.dis)
        if not ok:
            raise RuntimeError(f"missing evidence in {L.id}")
        L.text = text
        return L
    raise RuntimeError(f"could not build {idx} {rule}")


def main():
    plan = assign()
    letters, metas = [], []
    for n, ((rule, i, spec), layout) in enumerate(plan, 1):
        L = build_letter(n, rule, spec, layout)
        urg, path = RULES[rule]
        F = L.F
        facts = {k: F[k] for k in ("sex", "age") }
        facts["symptoms"] = sorted(F["sym"])
        for k in ("hb", "hb_prev", "ferritin", "fit", "fit_text", "calprotectin", "alt", "ppi_weeks", "fit_pending"):
            if F.get(k) is not None:
                facts[k] = F[k]
        facts["hb_unit"] = "g/dL" if F.get("gdl") else ("g/L" if F.get("hb") is not None else None)
        letters.append(dict(id=L.id, text=L.text, urgency=urg, pathway=path, rule=rule, style=layout,
                            gp_priority=L.gp[1], age=F["age"]))
        turn_kinds = sorted({d["kind"] for d in L.dlist if d["turn"]})
        metas.append(dict(id=L.id, rule=rule, urgency=urg, pathway=path, style=layout, facts=facts,
                          letter_date=L.P["date"].isoformat(), dob=L.P["dob"].isoformat(),
                          age_stated=L.P["agefmt"] != 3,
                          gp_priority_level=L.gp[0], gp_priority_text=L.gp[1],
                          gp_priority_disagrees=(L.gp[0] is not None and L.gp[0] != urg),
                          evidence=[dict(fact=f, text=s) for f, s in L.ev],
                          distractors=[dict(fact=f, kind=k, text=s) for f, k, s in L.dis],
                          distractor_turns_label=[dict(fact=d["fact"], kind=d["kind"]) for d in L.dlist if d["turn"]],
                          assertion_sensitive=bool(turn_kinds) or any(k in ("checklist_no", "unticked_box") for _, k, _ in L.dis) and False,
                          boundary=F["boundary"], long_record=L.long or layout in ("walkin_nurse", "endoscopy_preassess"),
                          noise=L.noise_applied, spec_index=i))
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8") as f:
        for x in letters:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8") as f:
        for x in metas:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    print("wrote", len(letters))


if __name__ == "__main__":
    main()
