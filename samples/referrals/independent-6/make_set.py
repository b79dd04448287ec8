#!/usr/bin/env python3
"""Generator for the sealed letters-6 test set (fictional GP referral letters).

Every letter is built from a small record of clinical facts (written to
letters_meta.jsonl).  The label is derived from those facts with the rules of
/work/shared/clinical/referral-triage-spec.md, and the derivation is repeated
under every reasonable reading of the points where the spec leaves room
(see READINGS below): a letter whose facts give different rules under
different readings is rejected and redrawn, so every kept letter has one
answer.  The facts are then written out in one of 20 layouts, and about 15%
of letters go through a scanning-noise step that never touches digits,
negation words or the difference between a ticked and an empty box.

Determinism: every random choice comes from random.Random(<string>), seeded
with the letter id and a purpose, so the output does not depend on
PYTHONHASHSEED; no set or dict iteration order is used for choices.

Usage:  python3 make_set.py        (writes letters.jsonl and letters_meta.jsonl)
"""
import datetime as dt
import itertools
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.environ.get("LETTERS6_OUT", HERE)
SEED = "letters6/2025-v1"


def stream(*parts):
    return random.Random("|".join([SEED] + [str(p) for p in parts]))


# --------------------------------------------------------------------------
# Spec: labels and rules
# --------------------------------------------------------------------------
RULE_LABELS = {
    "U1": ("urgent_suspected_cancer", "upper_gi"),
    "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"),
    "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"),
    "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"),
    "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"),
    "R2": ("urgent", "hepatology"),
    "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"),
    "O2": ("routine", "ibd"),
    "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"),
    "O5": ("routine", "hepatology"),
    "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"),
    "A2": ("advice_and_guidance", "upper_gi"),
    "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}
RULE_ORDER = list(RULE_LABELS)
URGENCY_LEVEL = {"advice_and_guidance": 0, "routine": 1, "urgent": 2,
                 "urgent_suspected_cancer": 3}

# Points where the spec could be read more than one way.  A kept letter must
# give the same rule under every combination.
READINGS = [
    "bloody_diarrhoea_is_bleeding_and_cibh",  # for U8
    "unspecified_pain_is_upper",              # for U5
    "a1_other_fact_strict",                   # A1 "no other fact above"
    "reflux_counts_as_dyspepsia",             # for O1
    "dyspepsia_counts_as_abdominal_pain",     # for U8 / A1 / O6
]

# facts that, under the strict reading, are "another fact above" for A1
A1_OTHER_POS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer",
                "weight_loss", "reflux", "dyspepsia", "abdominal_mass",
                "jaundice", "rectal_bleeding", "bloody_diarrhoea",
                "haematemesis", "ascites", "confusion"]
A1_OTHER_COND = ["cirrhosis", "ibd_stable_question", "known_ibd",
                 "coeliac_pos", "fatty_liver"]


def derive(f, reading=None):
    """Return the rule id for a fact record under one reading of the spec."""
    r = reading or {}
    age = f["age"]
    male = f["sex"] == "M"
    pos = f["pos"]
    cond = f["conditions"]
    labs = f["labs"]
    hb = labs.get("hb")
    fer = labs.get("ferritin")
    fit = labs.get("fit")
    cal = labs.get("calpro")
    alt = labs.get("alt")
    anaemia = hb is not None and hb < (130 if male else 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    has_fit = fit is not None
    bd = "bloody_diarrhoea" in pos
    bd_x = bd and r.get("bloody_diarrhoea_is_bleeding_and_cibh", False)
    site = f.get("pain_site")
    dysp = "dyspepsia" in pos
    refl = "reflux" in pos
    pain = "abdo_pain" in pos or (dysp and r.get("dyspepsia_counts_as_abdominal_pain", False))
    upper_pain = "abdo_pain" in pos and (
        site == "upper" or (site == "unspec" and r.get("unspecified_pain_is_upper", False)))
    bleed = "rectal_bleeding" in pos or bd_x
    cibh = "cibh" in pos or bd_x
    wl = "weight_loss" in pos

    if "dysphagia" in pos:
        return "U1"
    if any(k in pos for k in ("rectal_mass", "anal_mass", "anal_ulcer")):
        return "U2"
    if has_fit and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (upper_pain or refl or dysp):
        return "U5"
    if "abdominal_mass" in pos:
        return "U6"
    if age >= 40 and "jaundice" in pos:
        return "U7"
    if not has_fit and ((age >= 50 and bleed) or (age >= 40 and wl and pain)
                        or (age >= 60 and cibh)):
        return "U8"
    if bd or (cal is not None and cal >= 250):
        return "R1"
    if ("cirrhosis" in cond and ("ascites" in pos or "confusion" in pos)) or (
            alt is not None and alt >= 300):
        return "R2"
    if "haematemesis" in pos:
        return "R3"
    trd = (dysp or (refl and r.get("reflux_counts_as_dyspepsia", False))) and (
        (f.get("ppi_weeks") or 0) >= 4)
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if "ibd_stable_question" in cond:
        return "O3"
    if "coeliac_pos" in cond:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or "fatty_liver" in cond:
        return "O5"
    a1_sym = pain or "bloating" in pos or cibh
    low_test = (cal is not None and cal < 100) or (has_fit and fit < 10)
    if age < 50 and a1_sym and low_test:
        other = False
        if r.get("a1_other_fact_strict", False):
            other = (any(k in pos for k in A1_OTHER_POS) or
                     any(k in cond for k in A1_OTHER_COND) or upper_pain or
                     irondef or anaemia or (alt is not None and alt >= 40) or
                     (cal is not None and cal >= 100))
        if not other:
            return "A1"
    if (bleed or cibh or pain) and has_fit and fit < 10:
        return "O6"
    if age < 55 and (dysp or refl):
        return "A2"
    if "fh_crc" in cond and not pos:
        return "A3"
    return "D"


def all_readings():
    for bits in itertools.product([False, True], repeat=len(READINGS)):
        yield dict(zip(READINGS, bits))


def derive_unique(f):
    rules = sorted({derive(f, r) for r in all_readings()})
    return rules


# --------------------------------------------------------------------------
# Fictional identities
# --------------------------------------------------------------------------
FIRST_M = ["John", "David", "Peter", "Michael", "Stephen", "Graham", "Keith", "Alan",
           "Terence", "Barry", "Derek", "Colin", "Gareth", "Rhys", "Imran", "Tariq",
           "Ravi", "Sanjay", "Kwame", "Tomasz", "Piotr", "Andrei", "Liam", "Callum",
           "Jamie", "Ryan", "Daniel", "Oliver", "Harry", "Mohammed", "Bilal", "Dmitri",
           "Fraser", "Declan", "Eamon", "Nigel", "Clive", "Roy", "Wilfred", "Ernest"]
FIRST_F = ["Margaret", "Susan", "Linda", "Patricia", "Janet", "Carol", "Sandra",
           "Elaine", "Julie", "Karen", "Nicola", "Gemma", "Chloe", "Amy", "Sophie",
           "Aisha", "Fatima", "Priya", "Nasreen", "Agnieszka", "Magdalena", "Ioana",
           "Grace", "Abena", "Siobhan", "Bronwen", "Morag", "Eileen", "Doris", "Joan",
           "Hannah", "Rebecca", "Lauren", "Zara", "Yasmin", "Shabana", "Olena",
           "Teresa", "Maureen", "Edna"]
SURNAMES = ["Ashworth", "Brindley", "Catterall", "Dunmore", "Eccleston", "Fairclough",
            "Gartside", "Holroyd", "Illingworth", "Jagger", "Kershaw", "Lumb", "Marsden",
            "Nuttall", "Ormerod", "Pilling", "Quarmby", "Rishworth", "Sutcliffe",
            "Tattersall", "Uttley", "Whitworth", "Yeadon", "Haslam", "Greenhalgh",
            "Hussain", "Begum", "Khan", "Patel", "Mistry", "Okafor", "Mensah", "Nowak",
            "Kowalczyk", "Popescu", "Ivanova", "Kovalenko", "Mahmood", "Chaudhry",
            "O'Driscoll", "McAllister", "Pryce", "Llewellyn", "Farrimond", "Heywood",
            "Thistlethwaite", "Entwistle", "Crabtree", "Duckworth", "Openshaw"]
STREETS = ["Mill Lane", "Chapel Street", "Moorside Road", "Beck View", "Quarry Close",
           "Weavers Row", "Canal Side", "Heather Bank", "Foundry Street", "Lark Rise",
           "Tenter Fold", "Pinfold Lane", "Orchard Way", "Cobden Terrace", "Gorse Hill"]
TOWNS = [("Thornbeck", "TB"), ("Lowmarsh", "LM"), ("Kettleby Cross", "KX"),
         ("Fennick", "FN"), ("Harrowden Dale", "HZ"), ("Wyvernsby", "WY"),
         ("Stallbridge", "SB"), ("Coldhaven", "CQ"), ("Ravensmere", "RQ"),
         ("Oakhollow", "OH")]
PRACTICES = [
    ("Larkhill Surgery", "Y91208"), ("Brookvale Medical Practice", "Y91344"),
    ("The Old Forge Health Centre", "Y91502"), ("Moorside Family Practice", "Y91617"),
    ("Canal Street Medical Centre", "Y91735"), ("Heatherbank Surgery", "Y91840"),
    ("Pinfold Lane Group Practice", "Y91963"), ("Wyvernsby Health Partnership", "Y92071"),
    ("Coldhaven Bay Surgery", "Y92186"), ("St Aldric's Medical Practice", "Y92293"),
    ("Tenterfold Surgery", "Y92318"), ("Ravensmere Road Practice", "Y92425"),
]
ICBS = ["NHS Thornbeck and Lowmarsh ICB", "NHS Harrowden and Dale ICB",
        "NHS Wyvern Coast ICB", "NHS Kettleby and Fennick ICB"]
HOSPITALS = ["Ravensmere General Hospital", "Thornbeck Royal Infirmary",
             "Harrowden Dale District Hospital", "Wyvernsby University Hospital"]
CONSULTANTS = ["Dr H. Pemberton", "Dr S. Rahman", "Dr E. Kilbride", "Dr M. Osei",
               "Dr J. Farrant", "Dr A. Lindqvist"]
GP_NAMES = ["Dr Rachel Hindle", "Dr Omar Siddiqui", "Dr Fiona Grieve", "Dr Tom Ackroyd",
            "Dr Meera Nair", "Dr Ben Ogunleye", "Dr Claire Wardle", "Dr Hamish Reid",
            "Dr Lucy Stansfield", "Dr Kofi Asante", "Dr Anna Brzezinska", "Dr Paul Crowther"]
TRAINEES = ["Dr Sam Whittaker (GP Registrar, ST2)", "Dr Ifeoma Eze (GP Registrar, ST3)",
            "Dr Jack Pollard (FY2 doctor)", "Dr Hina Qureshi (GP Registrar, ST1)",
            "Dr Niall Carey (locum GP)", "Dr Petra Vogel (locum GP)"]
AHPS = [("Kirsty Lomax", "Advanced Nurse Practitioner"),
        ("Daniel Ferreira", "Physician Associate"),
        ("Aaliyah Desai", "Clinical Practice Pharmacist"),
        ("Gwen Rowlands", "Advanced Nurse Practitioner"),
        ("Marek Zielinski", "Physician Associate"),
        ("Helen Okoro", "Clinical Practice Pharmacist")]
CARE_HOMES = ["Willowbank Care Home", "The Laurels Nursing Home", "Heathfield House",
              "Brambly Court Residential Home"]
LANGUAGES = ["Polish", "Urdu", "Romanian", "Tigrinya", "Punjabi", "Arabic", "Bengali",
             "Portuguese", "Ukrainian", "Kurdish Sorani"]
OOH = ["Thornbeck Out-of-Hours GP Service", "Dale Urgent Care (GP OOH)",
       "NHS 111 Clinical Assessment Service"]
PHARMACIES = ["Beck View Pharmacy", "Canal Side Chemist", "Moorside Pharmacy"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def nhs_number(rng, used):
    while True:
        d = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        num = "".join(str(x) for x in d + [c])
        if num in used:
            continue
        used.add(num)
        return num


def nhs_fmt(num, rng):
    k = rng.randint(0, 3)
    if k == 0:
        return "%s %s %s" % (num[:3], num[3:6], num[6:])
    if k == 1:
        return num
    if k == 2:
        return "%s-%s-%s" % (num[:3], num[3:6], num[6:])
    return "%s %s %s" % (num[:3], num[3:6], num[6:])


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def make_dates(rng, age):
    start = dt.date(2024, 1, 8)
    while True:
        letter = start + dt.timedelta(days=rng.randint(0, 660))
        if letter.weekday() < 5:
            break
    base = letter - dt.timedelta(days=rng.randint(1, 364))
    try:
        dob = base.replace(year=base.year - age)
    except ValueError:
        dob = base.replace(year=base.year - age, day=28)
    assert age_on(dob, letter) == age, (dob, letter, age)
    return letter, dob


def date_fmt(d, kind):
    if kind == 0:
        return d.strftime("%d/%m/%Y")
    if kind == 1:
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if kind == 2:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    return d.strftime("%d.%m.%Y")


# --------------------------------------------------------------------------
# Fact records (one per letter) -- scenario builders
# --------------------------------------------------------------------------
DURS = ["3 weeks", "4 weeks", "5 weeks", "6 weeks", "8 weeks", "2 months", "3 months",
        "4 months", "5 months", "6 months"]
WHEN = ["last week", "4 days ago", "on Saturday night", "3 days ago", "at the weekend",
        "5 days ago"]


def base(rng, age, sex=None, area="general"):
    sex = sex or rng.choice(["M", "F"])
    return {"age": age, "sex": sex, "pos": [], "pain_site": None, "conditions": [],
            "labs": {}, "lab_text": {}, "ppi_weeks": None, "neg": [],
            "distractors": [], "nonfact": [], "area": area,
            "details": {"dur": {}, "trap": []}}


def add_pos(f, rng, key, site=None):
    if key in f["pos"]:
        return
    f["pos"].append(key)
    if key == "abdo_pain":
        f["pain_site"] = site or rng.choice(["lower", "unspec"])
    f["details"]["dur"][key] = rng.choice(DURS)
    if key == "weight_loss":
        f["details"]["kg"] = rng.choice([4, 5, 6, 7, 8, 9, 10, 12])
    if key == "bloody_diarrhoea":
        f["details"]["bd_n"] = rng.choice([4, 5, 6, 8, 10])
    if key == "haematemesis":
        f["details"]["when"] = rng.choice(WHEN)
    if key == "abdominal_mass":
        f["details"]["mass_site"] = rng.choice(["right iliac fossa", "left iliac fossa",
                                                "left flank", "periumbilical area"])
        f["details"]["cm"] = rng.choice([3, 4, 5, 6, 8])
    if key in ("rectal_mass", "anal_mass"):
        f["details"]["cm"] = rng.choice([2, 3, 4, 5, 6, 7])
        f["details"]["wall"] = rng.choice(["anterior", "posterior", "left lateral",
                                           "right lateral"])


def add_neg(f, rng, cands, lo=1, hi=3):
    cands = [c for c in cands if c not in f["pos"] and c not in f["neg"]]
    k = min(len(cands), rng.randint(lo, hi))
    for c in rng.sample(cands, k):
        f["neg"].append(c)


def set_hb(f, rng, anaemic, value=None):
    thr = 130 if f["sex"] == "M" else 120
    if value is None:
        value = rng.randint(thr - 42, thr - 5) if anaemic else rng.randint(thr + 4, thr + 32)
    f["labs"]["hb"] = value
    f["lab_text"]["hb"] = str(value)


def set_ferritin(f, rng, low, value=None):
    if value is None:
        value = rng.choice([3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 23, 26]) if low else \
            rng.choice([38, 45, 58, 76, 92, 110, 140, 186, 230])
    f["labs"]["ferritin"] = value
    f["lab_text"]["ferritin"] = str(value)


FIT_LOW = [("<4", 0), ("negative", 0), ("undetectable", 0), ("4", 4), ("5", 5),
           ("6", 6), ("7", 7), ("8", 8), ("9", 9), ("2.6", 2.6), ("<4", 0)]
FIT_HIGH = [(str(v), v) for v in (10, 11, 12, 14, 17, 22, 28, 35, 45, 62, 88, 120,
                                  150, 180, 240, 326)] + [(">400", 400)]


def set_fit(f, rng, high, value=None):
    if value is not None:
        t, v = str(value), value
    else:
        t, v = rng.choice(FIT_HIGH if high else FIT_LOW)
    f["labs"]["fit"] = v
    f["lab_text"]["fit"] = t


CAL_HIGH = [(str(v), v) for v in (250, 265, 290, 320, 410, 560, 780, 1250)] + [(">1800", 1800)]
CAL_MID = [(str(v), v) for v in (100, 104, 118, 135, 152, 176, 198, 215, 240, 249)]
CAL_LOW = [("<20", 0), ("<50", 0), ("24", 24), ("31", 31), ("38", 38), ("46", 46),
           ("55", 55), ("62", 62), ("75", 75), ("88", 88), ("96", 96)]


def set_cal(f, rng, band, value=None):
    pool = {"high": CAL_HIGH, "mid": CAL_MID, "low": CAL_LOW}[band]
    t, v = (str(value), value) if value is not None else rng.choice(pool)
    f["labs"]["calpro"] = v
    f["lab_text"]["calpro"] = t


def set_alt(f, rng, band, value=None):
    pool = {"high": [300, 318, 356, 412, 488, 560, 734, 1120],
            "mid": [40, 44, 52, 61, 68, 77, 85, 96, 118, 134, 156, 188, 224, 299],
            "normal": [12, 15, 19, 22, 26, 29, 33, 37]}[band]
    v = value if value is not None else rng.choice(pool)
    f["labs"]["alt"] = v
    f["lab_text"]["alt"] = str(v)


def set_ttg(f, rng, positive):
    if positive:
        t, v = rng.choice([(">128", 128), ("96", 96), ("64", 64), ("45", 45), ("34", 34),
                           ("22", 22)])
        f["conditions"].append("coeliac_pos")
    else:
        t, v = rng.choice([("<0.5", 0), ("0.8", 0.8), ("1.2", 1.2), ("<1", 0)])
    f["labs"]["ttg"] = v
    f["lab_text"]["ttg"] = t
    f["details"]["ttg_ref"] = rng.choice(["<7", "<10", "0-6.9"])


def normal_bloods(f, rng, p_hb=0.6, p_fer=0.4):
    if "hb" not in f["labs"] and rng.random() < p_hb:
        set_hb(f, rng, False)
    if "ferritin" not in f["labs"] and rng.random() < p_fer:
        set_ferritin(f, rng, False)


# distractor library: mentions of red-flag words that do not count
DISTRACTORS = [
    {"type": "family", "key": "crc", "text": "{His} {rel} had bowel cancer, diagnosed at {relage}.",
     "cond": "fh_crc"},
    {"type": "family", "key": "oesophageal_ca",
     "text": "{His} {rel} died of oesophageal cancer aged {relage}."},
    {"type": "family", "key": "ibd", "text": "{His} {rel} has Crohn's disease."},
    {"type": "family", "key": "gastric_ca", "text": "{His} {rel} had stomach cancer at {relage}."},
    {"type": "resolved", "key": "rectal_bleeding",
     "text": "{He} had some rectal bleeding in 2015 from haemorrhoids, which were banded; there has been none since."},
    {"type": "resolved", "key": "dysphagia",
     "text": "{He} had a food bolus obstruction in 2017; the OGD showed a benign ring which was dilated and {he} has swallowed normally ever since."},
    {"type": "resolved", "key": "ida", "sex": "F",
     "text": "{He} had iron deficiency anaemia in 2019 from heavy periods; this was treated and {his} blood count has been normal since."},
    {"type": "resolved", "key": "ida", "sex": "M",
     "text": "{He} had iron deficiency anaemia in 2018 while taking naproxen; it was corrected and {his} blood count has been normal since."},
    {"type": "resolved", "key": "haematemesis",
     "text": "In 2012 {he} vomited blood while taking ibuprofen; a duodenal ulcer was found and healed, with no recurrence."},
    {"type": "resolved", "key": "jaundice",
     "text": "{He} was jaundiced as a teenager with hepatitis A and recovered fully."},
    {"type": "resolved", "key": "weight_loss",
     "text": "{He} lost weight in 2020 after a bereavement but regained it and {his} weight has been steady since."},
    {"type": "hypothetical", "key": "dysphagia",
     "text": "I have asked {him} to come back straight away if {he} develops any difficulty swallowing."},
    {"type": "hypothetical", "key": "rectal_bleeding",
     "text": "{He} knows to return if {he} notices any bleeding from the back passage."},
    {"type": "hypothetical", "key": "weight_loss",
     "text": "If {he} starts to lose weight I will refer {him} on the suspected cancer pathway."},
    {"type": "hypothetical", "key": "jaundice",
     "text": "{He} will let us know if {he} notices any yellowing of the skin or eyes."},
    {"type": "hypothetical", "key": "haematemesis",
     "text": "Safety-netted about vomiting blood and passing black stools."},
    {"type": "intentional_wl", "key": "weight_loss",
     "text": "{He} has lost {ikg} kg since the new year, deliberately, through a slimming club; this was planned and {he} is pleased with it."},
]
RELS = ["father", "mother", "brother", "sister"]


def add_distractors(f, rng, n, types=None, exclude_keys=()):
    cands = []
    for d in DISTRACTORS:
        if types and d["type"] not in types:
            continue
        if d.get("sex") and d["sex"] != f["sex"]:
            continue
        yr = re.search(r"\b(20\d\d)\b", d["text"])
        if yr and f["age"] - (2025 - int(yr.group(1))) < 18:
            continue
        if d["key"] == "ida" and d.get("sex") == "F" and f["age"] > 55:
            continue
        if "teenager" in d["text"] and f["age"] < 22:
            continue
        if d["key"] in exclude_keys:
            continue
        if d["type"] in ("resolved", "hypothetical", "intentional_wl") and d["key"] in f["pos"]:
            continue
        if d["key"] == "ida" and "hb" in f["labs"] and f["labs"]["hb"] < (130 if f["sex"] == "M" else 120):
            continue
        if any(x["key"] == d["key"] and x["type"] == d["type"] for x in f["distractors"]):
            continue
        cands.append(d)
    for d in rng.sample(cands, min(n, len(cands))):
        rec = {"type": d["type"], "key": d["key"], "text": d["text"],
               "rel": rng.choice(RELS), "relage": rng.randint(48, 78),
               "ikg": rng.choice([5, 6, 8, 10, 12])}
        f["distractors"].append(rec)
        if d["type"] == "intentional_wl" and "weight_loss" in f["neg"]:
            f["neg"].remove("weight_loss")
        if d.get("cond") and d["cond"] not in f["conditions"]:
            f["conditions"].append(d["cond"])


NEG_ALL = ["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "haematemesis", "jaundice"]


def fit_absent(f, rng, options=("none", "none", "awaited", "not_done", "declined")):
    f["details"]["fit_status"] = rng.choice(list(options))


# --- one builder per rule; i is the index within the rule (rotates traps) ---
def sc_U1(rng, i):
    age = [rng.randint(24, 49), rng.randint(50, 69), rng.randint(70, 92)][i % 3]
    f = base(rng, age, area="upper")
    add_pos(f, rng, "dysphagia")
    if rng.random() < 0.35:
        add_pos(f, rng, "reflux")
    if rng.random() < 0.35:
        add_pos(f, rng, "weight_loss")
    if i % 6 == 1:
        set_hb(f, rng, True)
        set_ferritin(f, rng, True)
        f["details"]["trap"].append("IDA present but U1 decides first")
    else:
        normal_bloods(f, rng, 0.5, 0.2)
    if i % 5 == 2:
        add_distractors(f, rng, 1, ["resolved"], exclude_keys=("dysphagia",))
    add_neg(f, rng, ["weight_loss", "haematemesis", "rectal_bleeding", "jaundice"], 1, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family"])
    return f


def sc_U2(rng, i):
    age = rng.randint(36, 88)
    f = base(rng, age, area="lower")
    key = ["rectal_mass", "anal_mass", "anal_ulcer"][i % 3]
    add_pos(f, rng, key)
    if rng.random() < 0.5:
        add_pos(f, rng, "rectal_bleeding")
    if i % 3 == 0 and rng.random() < 0.5:
        add_pos(f, rng, "cibh")
    if i % 2 == 0:
        set_fit(f, rng, False)
        f["details"]["trap"].append("FIT below 10 but mass/ulcer on examination")
    normal_bloods(f, rng, 0.5, 0.3)
    add_neg(f, rng, ["weight_loss", "dysphagia", "jaundice"], 1, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family", "hypothetical"], exclude_keys=("rectal_bleeding",))
    return f


def sc_U3(rng, i):
    age = [rng.randint(22, 39), rng.randint(40, 59), rng.randint(60, 90)][i % 3]
    f = base(rng, age, area="lower")
    set_fit(f, rng, True, value=10 if i == 4 else None)
    sym = rng.choice([["cibh"], ["abdo_pain"], ["rectal_bleeding"], ["cibh", "abdo_pain"],
                      [], ["bloating", "abdo_pain"]])
    for s in sym:
        add_pos(f, rng, s)
    if not sym:
        f["nonfact"].append("fit_reason")
    if i % 6 == 3:
        set_cal(f, rng, "high")
        f["details"]["trap"].append("calprotectin >=250 too, but FIT>=10 decides first")
    elif i % 6 == 5 and age < 50:
        set_cal(f, rng, "low")
    normal_bloods(f, rng, 0.6, 0.4)
    add_neg(f, rng, ["weight_loss", "rectal_bleeding", "dysphagia"], 1, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family", "resolved", "intentional_wl"])
    return f


def sc_U4(rng, i):
    age = [rng.randint(19, 45), rng.randint(46, 69), rng.randint(70, 92)][i % 3]
    sex = "M" if i % 2 else "F"
    f = base(rng, age, sex=sex, area="lower")
    if sex == "M" and i % 4 == 1:
        set_hb(f, rng, True, value=rng.choice([124, 126, 127, 128, 129]))
        f["details"]["trap"].append("male Hb just under 130")
    else:
        set_hb(f, rng, True)
    set_ferritin(f, rng, True)
    if i % 3 == 0:
        set_fit(f, rng, False)
        f["details"]["trap"].append("FIT below 10 but IDA")
    if i == 7 and age >= 55:
        add_pos(f, rng, "weight_loss")
        add_pos(f, rng, "dyspepsia")
        f["details"]["trap"].append("U5 facts too but IDA (U4) comes first")
    elif i % 3 == 0 and rng.random() < 0.5:
        add_pos(f, rng, "cibh")
    f["nonfact"].append(rng.choice(["tired", "breathless", "tired"]))
    add_neg(f, rng, ["rectal_bleeding", "weight_loss", "dysphagia", "haematemesis"], 1, 3)
    if sex == "F" and age < 50 and rng.random() < 0.5:
        f["nonfact"].append("heavy_periods")
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family", "hypothetical"])
    return f


def sc_U5(rng, i):
    age = 55 if i == 0 else rng.randint(55, 88)
    f = base(rng, age, area="upper")
    add_pos(f, rng, "weight_loss")
    combo = [["abdo_pain"], ["reflux"], ["dyspepsia"], ["abdo_pain", "dyspepsia"],
             ["reflux", "dyspepsia"]][i % 5]
    for s in combo:
        add_pos(f, rng, s, site="upper")
    if rng.random() < 0.4:
        f["ppi_weeks"] = rng.choice([4, 6, 8, 12])
    normal_bloods(f, rng, 0.6, 0.3)
    add_neg(f, rng, ["dysphagia", "haematemesis", "rectal_bleeding", "jaundice"], 1, 3)
    if rng.random() < 0.35:
        add_distractors(f, rng, 1, ["family", "resolved", "hypothetical"],
                        exclude_keys=("weight_loss",))
    return f


def sc_U6(rng, i):
    age = rng.randint(30, 88)
    f = base(rng, age, area="lower")
    add_pos(f, rng, "abdominal_mass")
    if rng.random() < 0.5:
        add_pos(f, rng, "abdo_pain", site="lower")
    if i % 3 == 1:
        set_fit(f, rng, False)
        f["details"]["trap"].append("FIT below 10 but abdominal mass")
    normal_bloods(f, rng, 0.5, 0.3)
    add_neg(f, rng, ["rectal_bleeding", "weight_loss", "dysphagia", "jaundice"], 1, 3)
    return f


def sc_U7(rng, i):
    age = 40 if i == 0 else rng.randint(40, 88)
    f = base(rng, age, area="liver")
    add_pos(f, rng, "jaundice")
    f["nonfact"].append("itch")
    if i % 3 == 1:
        set_alt(f, rng, "high")
        f["details"]["trap"].append("ALT >=300 too, but jaundice at >=40 (U7) first")
    elif rng.random() < 0.5:
        set_alt(f, rng, "mid")
    f["details"]["bili"] = rng.choice([68, 94, 126, 158, 212, 287])
    if i % 4 == 2:
        add_pos(f, rng, "weight_loss")
    normal_bloods(f, rng, 0.5, 0.0)
    add_neg(f, rng, ["rectal_bleeding", "dysphagia", "haematemesis"], 0, 2)
    return f


def sc_U8(rng, i):
    branch = ["a", "b", "c"][i % 3]
    if branch == "a":
        age = 50 if i == 0 else rng.randint(50, 88)
        f = base(rng, age, area="lower")
        add_pos(f, rng, "rectal_bleeding")
        if rng.random() < 0.3:
            add_pos(f, rng, "abdo_pain", site="lower")
    elif branch == "b":
        age = rng.choice([rng.randint(40, 54), rng.randint(55, 86)])
        f = base(rng, age, area="lower")
        add_pos(f, rng, "weight_loss")
        add_pos(f, rng, "abdo_pain", site="lower" if age >= 55 else rng.choice(["lower", "unspec", "upper"]))
    else:
        age = 60 if i == 2 else rng.randint(60, 90)
        f = base(rng, age, area="lower")
        add_pos(f, rng, "cibh")
        if i % 2 == 0:
            set_cal(f, rng, "low")
            f["details"]["trap"].append("calprotectin normal but no FIT result")
    f["details"]["branch"] = branch
    fit_absent(f, rng, ("none", "awaited", "awaited", "not_done", "declined"))
    normal_bloods(f, rng, 0.6, 0.4)
    add_neg(f, rng, ["dysphagia", "jaundice", "haematemesis", "weight_loss", "rectal_bleeding"], 1, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family", "resolved"])
    return f


def sc_R1(rng, i):
    if i % 2 == 0:
        if i % 6 == 4:
            age = rng.randint(50, 78)
            f = base(rng, age, area="ibd")
            set_fit(f, rng, False)
            f["details"]["trap"].append("bloody diarrhoea at >=50 with low FIT reported")
        else:
            age = rng.randint(18, 48)
            f = base(rng, age, area="ibd")
        add_pos(f, rng, "bloody_diarrhoea")
        if rng.random() < 0.5:
            add_pos(f, rng, "abdo_pain", site="lower")
        if i % 4 == 0:
            f["conditions"].append("known_ibd")
        if rng.random() < 0.4:
            set_cal(f, rng, rng.choice(["high", "mid"]))
    else:
        age = [rng.randint(18, 49), rng.randint(18, 49), rng.randint(50, 76)][i % 3]
        f = base(rng, age, area="ibd")
        set_cal(f, rng, "high", value=250 if i == 1 else None)
        add_pos(f, rng, rng.choice(["cibh", "abdo_pain", "cibh"]), site="lower")
        if "cibh" in f["pos"] and age >= 60 or i % 5 == 3:
            set_fit(f, rng, False)
            f["details"]["trap"].append("FIT below 10 but calprotectin >=250")
        if rng.random() < 0.4 and "abdo_pain" not in f["pos"]:
            add_pos(f, rng, "abdo_pain", site="lower")
        if i % 4 == 1:
            f["conditions"].append("known_ibd")
            f["details"]["trap"].append("known IBD but not stable")
    normal_bloods(f, rng, 0.5, 0.3)
    add_neg(f, rng, ["weight_loss", "dysphagia", "jaundice"], 0, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family"])
    return f


def sc_R2(rng, i):
    if i % 2 == 0:
        age = rng.randint(36, 80)
        f = base(rng, age, area="liver")
        f["conditions"].append("cirrhosis")
        add_pos(f, rng, ["ascites", "confusion", "ascites"][i % 3])
        if rng.random() < 0.5:
            set_alt(f, rng, rng.choice(["normal", "mid"]))
        f["neg"].append("jaundice")
    else:
        age = rng.randint(19, 76)
        f = base(rng, age, area="liver")
        set_alt(f, rng, "high", value=300 if i == 3 else None)
        f["nonfact"].append(rng.choice(["tired", "nausea"]))
        if i % 4 == 1:
            f["conditions"].append("fatty_liver")
            f["details"]["trap"].append("fatty liver too, but ALT >=300 (R2) first")
        f["neg"].append("jaundice")
        f["details"]["bili"] = rng.choice([9, 12, 15, 18])
    normal_bloods(f, rng, 0.5, 0.0)
    add_neg(f, rng, ["haematemesis", "weight_loss"], 0, 1)
    return f


def sc_R3(rng, i):
    age = rng.randint(19, 86)
    f = base(rng, age, area="upper")
    add_pos(f, rng, "haematemesis")
    if i % 3 == 0:
        add_pos(f, rng, "dyspepsia")
        if age < 55:
            f["details"]["trap"].append("dyspepsia under 55 but haematemesis (R3) first")
    if rng.random() < 0.5:
        f["nonfact"].append("nsaid")
    set_hb(f, rng, False)
    if rng.random() < 0.4:
        set_ferritin(f, rng, False)
    add_neg(f, rng, ["weight_loss", "dysphagia", "jaundice"], 1, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family", "resolved"])
    return f


def sc_O1(rng, i):
    age = 55 if i == 0 else rng.randint(55, 88)
    f = base(rng, age, area="upper")
    add_pos(f, rng, "dyspepsia")
    f["ppi_weeks"] = 4 if i == 1 else rng.choice([6, 8, 10, 12, 16, 26])
    if rng.random() < 0.3:
        add_pos(f, rng, "reflux")
    if "weight_loss" not in f["neg"]:
        f["neg"].append("weight_loss")
    add_neg(f, rng, ["dysphagia", "haematemesis"], 1, 2)
    normal_bloods(f, rng, 0.7, 0.4)
    if rng.random() < 0.35:
        add_distractors(f, rng, 1, ["family", "hypothetical", "intentional_wl"],
                        exclude_keys=("crc",))
    return f


def sc_O2(rng, i):
    age = [rng.randint(18, 39), rng.randint(40, 59), rng.randint(60, 76)][i % 3]
    f = base(rng, age, area="ibd")
    set_cal(f, rng, "mid", value={0: 100, 1: 249}.get(i))
    syms = rng.choice([["cibh"], ["cibh", "abdo_pain"], ["abdo_pain"], ["bloating", "cibh"]])
    for s in syms:
        add_pos(f, rng, s, site="lower")
    if "cibh" in f["pos"] and age >= 60 or i % 4 == 2:
        set_fit(f, rng, False)
    normal_bloods(f, rng, 0.5, 0.4)
    add_neg(f, rng, ["rectal_bleeding", "weight_loss"], 1, 2)
    if rng.random() < 0.3:
        add_distractors(f, rng, 1, ["family", "resolved"], exclude_keys=("crc",))
    return f


IBD_QUESTIONS = [
    "{He} is planning a pregnancy and asks whether {he} should carry on with {med}.",
    "{He} has been in remission for over five years and asks whether {he} can stop {med}.",
    "{He} is travelling to Kenya in the spring and asks which vaccines are safe while on {med}.",
    "{He} would like to know when {his} next surveillance colonoscopy is due.",
    "Could you advise on bone protection? {He} had several courses of prednisolone in the past.",
    "{He} asks whether the shingles vaccine is safe while on {med}.",
    "{His} pharmacy has switched the brand of {his} {med} and {he} asks whether the brands are interchangeable.",
    "{He} would like to know how often {his} blood monitoring for {med} needs doing now that {he} is stable.",
]


def sc_O3(rng, i):
    age = rng.randint(19, 78)
    f = base(rng, age, area="ibd")
    f["conditions"].append("ibd_stable_question")
    f["details"]["ibd"] = rng.choice(["ulcerative colitis", "Crohn's disease",
                                      "ulcerative colitis", "Crohn's disease (ileal)"])
    f["details"]["ibd_year"] = rng.randint(1998, 2020)
    med = rng.choice(["mesalazine", "azathioprine", "mesalazine", "infliximab",
                      "adalimumab", "mercaptopurine"])
    f["details"]["ibd_med"] = med
    q = IBD_QUESTIONS[i % len(IBD_QUESTIONS)]
    if "pregnancy" in q and (f["sex"] == "M" or age > 44):
        q = IBD_QUESTIONS[1]
    f["details"]["ibd_q"] = q
    if rng.random() < 0.5:
        set_cal(f, rng, "low")
    normal_bloods(f, rng, 0.5, 0.2)
    add_neg(f, rng, ["rectal_bleeding", "weight_loss"], 0, 1)
    return f


def sc_O4(rng, i):
    age = rng.randint(18, 64)
    f = base(rng, age, area="general")
    set_ttg(f, rng, True)
    syms = rng.choice([["bloating"], ["bloating", "cibh"], ["abdo_pain", "bloating"], ["cibh"], []])
    for s in syms:
        if s == "cibh" and age >= 60:
            continue
        add_pos(f, rng, s)
    if i % 3 == 0:
        set_hb(f, rng, False)
        set_ferritin(f, rng, True)
        f["details"]["trap"].append("ferritin low but Hb normal: not IDA")
    else:
        normal_bloods(f, rng, 0.5, 0.3)
    if i % 3 == 1 and age < 50:
        set_cal(f, rng, "low")
        f["details"]["trap"].append("A1-type symptoms with low calprotectin, but O4 first")
    f["nonfact"].append("tired")
    add_neg(f, rng, ["weight_loss", "rectal_bleeding"], 0, 2)
    if rng.random() < 0.25:
        add_distractors(f, rng, 1, ["family"], exclude_keys=("crc",))
    return f


def sc_O5(rng, i):
    age = rng.randint(22, 80)
    f = base(rng, age, area="liver")
    kind = ["alt", "alt", "fatty", "alt", "both", "alt", "fatty", "cirr_comp", "alt", "fatty"][i % 10]
    if kind in ("alt", "both", "cirr_comp"):
        set_alt(f, rng, "mid", value={0: 40, 3: 299}.get(i))
    if kind in ("fatty", "both"):
        f["conditions"].append("fatty_liver")
        if "alt" not in f["labs"] and rng.random() < 0.5:
            set_alt(f, rng, "normal")
    if kind == "cirr_comp":
        f["conditions"].append("cirrhosis")
        f["neg"] += ["ascites", "confusion"]
        f["details"]["trap"].append("known cirrhosis without ascites or confusion")
    f["nonfact"].append(rng.choice(["alcohol", "bmi", "diabetes", "alcohol"]))
    if age >= 40 or rng.random() < 0.5:
        f["neg"].append("jaundice")
    normal_bloods(f, rng, 0.5, 0.2)
    add_neg(f, rng, ["weight_loss"], 0, 1)
    return f


def sc_A1(rng, i):
    age = 49 if i == 0 else rng.randint(18, 49)
    f = base(rng, age, area="general")
    syms = [["abdo_pain"], ["bloating"], ["cibh"], ["abdo_pain", "bloating"],
            ["cibh", "bloating"], ["abdo_pain", "cibh"], ["abdo_pain", "bloating", "cibh"]][i % 7]
    for s in syms:
        add_pos(f, rng, s)
    t = i % 3
    if t in (0, 2):
        set_cal(f, rng, "low", value=99 if i == 3 else None)
    if t in (1, 2):
        set_fit(f, rng, False)
    if rng.random() < 0.5:
        set_hb(f, rng, False)
        set_ferritin(f, rng, False)
    if rng.random() < 0.4:
        set_ttg(f, rng, False)
    add_neg(f, rng, ["rectal_bleeding", "weight_loss"], 1, 2)
    dtypes = [["family"], ["hypothetical"], ["resolved"], ["intentional_wl"], []][i % 5]
    if dtypes:
        add_distractors(f, rng, 1, dtypes, exclude_keys=("ida", "dysphagia", "haematemesis"))
    return f


def sc_O6(rng, i):
    kind = ["bleed50", "cibh60", "pain50", "bleed50", "cibh60", "pain50", "bleed_young",
            "cibh60"][i % 8]
    if kind == "bleed50":
        age = 50 if i == 0 else rng.randint(50, 88)
        f = base(rng, age, area="lower")
        add_pos(f, rng, "rectal_bleeding")
    elif kind == "cibh60":
        age = 60 if i == 1 else rng.randint(60, 90)
        f = base(rng, age, area="lower")
        add_pos(f, rng, "cibh")
    elif kind == "pain50":
        age = rng.randint(50, 82)
        f = base(rng, age, area="lower")
        add_pos(f, rng, "abdo_pain", site="lower")
        if i % 16 == 2:
            add_pos(f, rng, "weight_loss")
            f["details"]["trap"].append("weight loss + lower abdominal pain, but FIT reported <10")
        elif rng.random() < 0.4:
            add_pos(f, rng, "bloating")
    else:
        age = rng.randint(19, 48)
        f = base(rng, age, area="lower")
        add_pos(f, rng, "rectal_bleeding")
    set_fit(f, rng, False)
    normal_bloods(f, rng, 0.7, 0.5)
    add_neg(f, rng, ["weight_loss", "dysphagia", "jaundice"], 1, 2)
    if rng.random() < 0.35:
        add_distractors(f, rng, 1, ["family", "hypothetical", "intentional_wl"])
    return f


def sc_A2(rng, i):
    age = 54 if i == 0 else rng.randint(18, 54)
    f = base(rng, age, area="upper")
    syms = [["dyspepsia"], ["reflux"], ["dyspepsia", "reflux"]][i % 3]
    for s in syms:
        add_pos(f, rng, s)
    if i % 4 == 1:
        f["ppi_weeks"] = rng.choice([6, 8, 12, 16])
        f["details"]["trap"].append("PPI-resistant dyspepsia but under 55")
    elif rng.random() < 0.4:
        f["ppi_weeks"] = rng.choice([1, 2, 3])
    if "weight_loss" not in f["neg"]:
        f["neg"].append("weight_loss")
    add_neg(f, rng, ["dysphagia", "haematemesis"], 0, 2)
    if rng.random() < 0.5:
        set_hb(f, rng, False)
    if rng.random() < 0.4:
        f["nonfact"].append("hpylori_neg")
    if rng.random() < 0.35:
        add_distractors(f, rng, 1, ["family", "hypothetical", "resolved"],
                        exclude_keys=("ida",))
    return f


def sc_A3(rng, i):
    age = rng.randint(25, 66)
    f = base(rng, age, area="lower")
    f["conditions"].append("fh_crc")
    rels = rng.sample(RELS, 2 if i % 4 == 0 else 1)
    f["details"]["fh"] = [(r, rng.randint(42, 74)) for r in rels]
    f["neg"] += ["rectal_bleeding", "cibh"]
    add_neg(f, rng, ["weight_loss", "abdo_pain"], 1, 2)
    if rng.random() < 0.4:
        set_hb(f, rng, False)
    return f


D_KINDS = (["pain_young"] * 6 + ["calpro_only_50s"] * 5 + ["reflux_over55"] * 5 +
           ["iron_def_no_anaemia"] * 5 + ["bleed_young_nofit"] * 5 + ["liver_normal_alt"] * 4 +
           ["polyp_surveillance"] * 4 + ["cibh_40s_50s"] * 4 + ["nausea"] * 3 +
           ["anaemia_not_iron"] * 4)


def sc_D(rng, i):
    kind = D_KINDS[i % len(D_KINDS)]
    if kind == "pain_young":
        f = base(rng, rng.randint(18, 49), area="general")
        add_pos(f, rng, "abdo_pain")
        if rng.random() < 0.5:
            add_pos(f, rng, "bloating")
        fit_absent(f, rng, ("none", "not_done"))
        add_neg(f, rng, ["rectal_bleeding", "weight_loss"], 1, 2)
    elif kind == "calpro_only_50s":
        f = base(rng, rng.randint(50, 59), area="general")
        add_pos(f, rng, rng.choice(["bloating", "abdo_pain"]))
        if rng.random() < 0.5:
            add_pos(f, rng, "cibh")
        set_cal(f, rng, "low")
        fit_absent(f, rng, ("none", "none", "not_done"))
        f["details"]["trap"].append("calprotectin low but no FIT, age 50+")
        add_neg(f, rng, ["rectal_bleeding", "weight_loss"], 2, 2)
    elif kind == "reflux_over55":
        f = base(rng, rng.randint(55, 85), area="upper")
        add_pos(f, rng, rng.choice(["reflux", "dyspepsia"]))
        f["ppi_weeks"] = rng.choice([None, 1, 2, 3])
        f["neg"].append("weight_loss")
        add_neg(f, rng, ["dysphagia", "haematemesis"], 1, 2)
        f["details"]["trap"].append("55+ reflux/dyspepsia without 4 weeks of PPI")
    elif kind == "iron_def_no_anaemia":
        sex = rng.choice(["M", "F"])
        f = base(rng, rng.randint(25, 80), sex=sex, area="lower")
        set_hb(f, rng, False, value=rng.choice([121, 123, 125, 128]) if sex == "F"
               else rng.choice([131, 133, 136, 139]))
        set_ferritin(f, rng, True)
        f["details"]["trap"].append("iron deficiency without anaemia")
        f["nonfact"].append("tired")
        add_neg(f, rng, ["rectal_bleeding", "weight_loss", "cibh"], 2, 3)
    elif kind == "bleed_young_nofit":
        f = base(rng, rng.randint(18, 48), area="lower")
        add_pos(f, rng, "rectal_bleeding")
        if rng.random() < 0.5:
            set_cal(f, rng, "low")
            f["details"]["trap"].append("rectal bleeding under 50 with calprotectin, no FIT")
        fit_absent(f, rng, ("none", "not_done"))
        add_neg(f, rng, ["weight_loss", "abdo_pain", "cibh"], 1, 2)
    elif kind == "liver_normal_alt":
        f = base(rng, rng.randint(24, 70), area="liver")
        f["details"]["liver"] = rng.choice(["hepb", "hepc", "gilbert", "ggt"])
        set_alt(f, rng, "normal")
        f["neg"].append("jaundice")
    elif kind == "polyp_surveillance":
        f = base(rng, rng.randint(52, 78), area="lower")
        f["details"]["polyp_year"] = rng.randint(2015, 2021)
        f["neg"] += ["rectal_bleeding", "cibh", "weight_loss"]
    elif kind == "cibh_40s_50s":
        f = base(rng, rng.randint(40, 59), area="general")
        add_pos(f, rng, "cibh")
        fit_absent(f, rng, ("none", "not_done"))
        add_neg(f, rng, ["rectal_bleeding", "weight_loss"], 2, 2)
    elif kind == "nausea":
        f = base(rng, rng.randint(20, 80), area="upper")
        f["nonfact"].append("nausea_main")
        f["neg"] += ["haematemesis", "weight_loss"]
        add_neg(f, rng, ["dysphagia"], 0, 1)
    else:  # anaemia_not_iron
        sex = rng.choice(["M", "F"])
        f = base(rng, rng.randint(30, 85), sex=sex, area="general")
        set_hb(f, rng, True)
        set_ferritin(f, rng, False)
        f["details"]["anaemia_cause"] = rng.choice(["b12", "folate", "ckd"])
        f["details"]["trap"].append("anaemia with normal ferritin: not IDA")
        add_neg(f, rng, ["rectal_bleeding", "weight_loss", "cibh"], 2, 3)
    f["details"]["d_kind"] = kind
    if rng.random() < 0.25 and kind not in ("polyp_surveillance", "iron_def_no_anaemia",
                                            "liver_normal_alt", "nausea", "anaemia_not_iron"):
        add_distractors(f, rng, 1, ["hypothetical", "resolved"])
    return f


BUILDERS = {"U1": sc_U1, "U2": sc_U2, "U3": sc_U3, "U4": sc_U4, "U5": sc_U5, "U6": sc_U6,
            "U7": sc_U7, "U8": sc_U8, "R1": sc_R1, "R2": sc_R2, "R3": sc_R3, "O1": sc_O1,
            "O2": sc_O2, "O3": sc_O3, "O4": sc_O4, "O5": sc_O5, "A1": sc_A1, "O6": sc_O6,
            "A2": sc_A2, "A3": sc_A3, "D": sc_D}
COUNTS = {"U1": 16, "U2": 10, "U3": 18, "U4": 18, "U5": 12, "U6": 9, "U7": 10, "U8": 22,
          "R1": 20, "R2": 14, "R3": 12, "O1": 14, "O2": 14, "O3": 14, "O4": 12, "O5": 20,
          "A1": 22, "O6": 24, "A2": 22, "A3": 12, "D": 45}


# --------------------------------------------------------------------------
# Wording
# --------------------------------------------------------------------------
PRON = {"M": {"he": "he", "He": "He", "him": "him", "his": "his", "His": "His",
              "himself": "himself", "Him": "Him"},
        "F": {"he": "she", "He": "She", "him": "her", "his": "her", "His": "Her",
              "himself": "herself", "Him": "Her"}}

# C = clinical wording, L = lay description (often without naming the symptom),
# Q = the patient's own words in quotes
SYM = {
    "dysphagia": {
        "C": ["{Dur} history of progressive dysphagia, first to solids and now to soft food.",
              "Dysphagia to solids for {dur}, worse with bread and meat.",
              "Difficulty swallowing for {dur}; {he} points to the lower breastbone as the place where food holds up."],
        "L": ["Over the last {dur} {he} has found that food sticks on the way down and {he} has to wash it down with water.",
              "For {dur} {he} has had trouble getting food down: meat and bread catch behind {his} breastbone and {he} has moved on to soups."],
        "Q": ["{He} says \"it's like I've got a brick in my throat\" whenever {he} eats; food will not go down properly and this started {dur} ago.",
              "In {his} words, \"the bread just won't go down, it sits there in my chest till I bring it back up\" - going on for {dur}.",
              "\"Everything gets stuck at the bottom of my neck when I swallow,\" {he} says, for about {dur} now."]},
    "weight_loss": {
        "C": ["Unintentional weight loss of {kg} kg over {dur}.",
              "{kg} kg unexplained weight loss in {dur}; {he} is not dieting."],
        "L": ["{He} has lost about {kg} kg over {dur} without trying and {his} clothes are hanging off {him}.",
              "{His} belt has had to come in two notches over {dur} although {he} is eating as normal and not trying to lose weight ({kg} kg down on our scales)."],
        "Q": ["\"I've lost weight and I'm not even trying,\" {he} says: {kg} kg over {dur} on our scales."]},
    "abdo_pain/upper": {
        "C": ["Epigastric pain for {dur}.", "Upper abdominal pain for {dur}, a constant gnawing ache."],
        "L": ["{He} gets a gnawing ache high up in the middle of {his} tummy, just under the ribs, and has done for {dur}."],
        "Q": ["{He} describes \"a burning ache at the top of my stomach, just under the ribs\" for {dur}."]},
    "abdo_pain/lower": {
        "C": ["Lower abdominal pain for {dur}.", "Colicky left iliac fossa pain for {dur}."],
        "L": ["{He} has had cramping pains low down in {his} tummy for {dur}."],
        "Q": ["\"It's a dragging ache low down on the left side of my belly,\" {he} says; present for {dur}."]},
    "abdo_pain/unspec": {
        "C": ["Intermittent abdominal pain for {dur}.", "Abdominal pain on and off for {dur}."],
        "L": ["{He} has had tummy pains on and off for {dur}."],
        "Q": ["\"My tummy's been giving me gyp for {dur}, proper cramping pains,\" {he} says."]},
    "reflux": {
        "C": ["Reflux symptoms for {dur}.", "Heartburn most evenings for {dur}."],
        "L": ["{He} gets acid coming up into {his} throat, especially lying down, and has done for {dur}."],
        "Q": ["\"It's like acid burning up my chest after tea,\" {he} says; {dur} of this heartburn."]},
    "dyspepsia": {
        "C": ["Dyspepsia for {dur}.", "Indigestion after most meals for {dur}."],
        "L": ["{He} has had indigestion after most meals for {dur}."],
        "Q": ["{He} complains of indigestion - \"my stomach feels sour and full after anything I eat\" - for {dur}."]},
    "rectal_bleeding": {
        "C": ["Rectal bleeding for {dur}, dark red and mixed in with the stool.",
              "PR bleeding for {dur}, bright red on the paper and in the pan."],
        "L": ["{He} has noticed blood when {he} opens {his} bowels for the last {dur}."],
        "Q": ["\"There's blood in the pan most mornings,\" {he} told me; this has been happening for {dur}."]},
    "cibh": {
        "C": ["Change in bowel habit for {dur}: looser and more frequent stools, 3-4 times a day.",
              "Change in bowel habit to constipation over {dur}, previously regular."],
        "L": ["{His} bowels have changed over the last {dur}: {he} now goes 4 or 5 times a day and it is loose, where {he} used to go once a day."],
        "Q": ["\"I'm never off the toilet these days,\" {he} says; {his} bowels have been looser and more frequent than usual for {dur}."]},
    "bloating": {
        "C": ["Abdominal bloating for {dur}."],
        "L": ["{He} feels bloated most days, worse as the day goes on."],
        "Q": ["\"By tea-time I'm blown up like a balloon,\" {he} says of {his} bloating."]},
    "bloody_diarrhoea": {
        "C": ["Bloody diarrhoea {n} times a day for {dur}.",
              "Diarrhoea with blood and mucus up to {n} times daily for {dur}."],
        "L": ["{He} is opening {his} bowels {n} times a day, loose, with blood mixed in, and has been for {dur}."],
        "Q": ["\"It's all water and blood,\" {he} says of {his} diarrhoea: {n} times a day for {dur}."]},
    "haematemesis": {
        "C": ["Haematemesis {when}: two small vomits of fresh blood. {He} has been haemodynamically stable since with no further episodes.",
              "One episode of coffee-ground vomiting {when}. Pulse and blood pressure normal when seen and no further vomiting."],
        "L": ["{He} vomited about a cupful of bright red blood {when}; {he} has been well in {himself} since, was not dizzy or faint, and it has not happened again."],
        "Q": ["\"There was fresh blood in my sick,\" {he} says, twice {when}; observations are normal today and there has been no more."]},
    "jaundice": {
        "C": ["Painless jaundice for {dur}.", "Jaundiced, first noticed {dur} ago, with dark urine and pale stools."],
        "L": ["{His} family noticed the whites of {his} eyes had turned yellow {dur} ago, and {his} urine has been dark."],
        "Q": ["\"My skin's gone a funny yellow colour,\" {he} says; this started about {dur} ago and on examination {he} is clearly jaundiced."]},
    "ascites": {
        "C": ["{His} abdomen has swollen over {dur} and there is shifting dullness consistent with ascites."],
        "L": ["{His} tummy has been swelling up over {dur}, and on examination there is shifting dullness, so I think this is ascites."],
        "Q": ["\"My belly's like a drum,\" {he} says; it has swollen over {dur} and there is shifting dullness in keeping with ascites."]},
    "confusion": {
        "C": ["New intermittent confusion over the last {dur}, reported by {his} family."],
        "L": ["{His} family say {he} has become muddled and confused over the last {dur}, mixing up the days and repeating {himself}."],
        "Q": ["{His} daughter says \"{he}'s just not with it, {he} gets confused and muddled\"; this is new over the last {dur}."]},
}

EXAM_POS = {
    "abdominal_mass": ["On examination there is a firm, non-tender mass in the {site}, about {cm} cm across.",
                       "Abdominal examination: a hard, irregular mass is palpable in the {site}."],
    "rectal_mass": ["PR examination: a firm, irregular mass is palpable on the {wall} rectal wall at about {cm} cm.",
                    "On digital rectal examination there is a hard mass on the {wall} wall, about {cm} cm from the anal verge."],
    "anal_mass": ["There is a firm lump about {cm} cm across at the anal margin, which {he} first noticed {dur} ago.",
                  "On examination a hard {cm} cm mass sits at the anal margin; {he} first felt it {dur} ago."],
    "anal_ulcer": ["On examination there is an ulcer at the anal verge that has not healed over {dur}. It does not look like a fissure and I cannot find any cause for it.",
                   "Examination shows a non-healing ulcer at the anal margin, present for {dur}, with no explanation found (not a fissure, no known Crohn's, no trauma)."],
}

CODED = {"dysphagia": "Dysphagia", "weight_loss": "Weight loss - unintentional",
         "abdo_pain/upper": "Epigastric pain", "abdo_pain/lower": "Lower abdominal pain",
         "abdo_pain/unspec": "Abdominal pain", "reflux": "Heartburn", "dyspepsia": "Dyspepsia",
         "rectal_bleeding": "Rectal bleeding", "cibh": "Change in bowel habit",
         "bloating": "Abdominal bloating", "bloody_diarrhoea": "Bloody diarrhoea",
         "haematemesis": "Haematemesis", "jaundice": "Jaundice",
         "abdominal_mass": "Abdominal mass", "rectal_mass": "Rectal mass",
         "anal_mass": "Anal mass", "anal_ulcer": "Anal ulcer", "ascites": "Ascites",
         "confusion": "Confusion"}

TERSE = {"dysphagia": "dysphagia to solids {da}", "weight_loss": "wt loss {kg}kg (not trying)",
         "abdo_pain/upper": "epigastric pain {da}", "abdo_pain/lower": "lower abdo pain {da}",
         "abdo_pain/unspec": "abdo pain {da}", "reflux": "reflux {da}", "dyspepsia": "dyspepsia {da}",
         "rectal_bleeding": "PR bleed {da}", "cibh": "CIBH (looser, more freq) {da}",
         "bloating": "bloating", "bloody_diarrhoea": "bloody diarrhoea {n}x/day {da}",
         "haematemesis": "haematemesis {when}, obs stable, no further episodes",
         "jaundice": "painless jaundice {da}",
         "abdominal_mass": "mass {site} on exam", "rectal_mass": "rectal mass on PR",
         "anal_mass": "lump at anal margin {cm}cm", "anal_ulcer": "non-healing anal ulcer, no cause found",
         "ascites": "ascites (shifting dullness)", "confusion": "new confusion"}

NEG_NOUN = {"dysphagia": "dysphagia", "weight_loss": "weight loss",
            "rectal_bleeding": "rectal bleeding", "cibh": "change in bowel habit",
            "haematemesis": "haematemesis", "jaundice": "jaundice",
            "abdo_pain": "abdominal pain", "ascites": "ascites", "confusion": "confusion"}
NEG_LAY = {"dysphagia": "trouble swallowing", "weight_loss": "weight loss",
           "rectal_bleeding": "bleeding from the back passage",
           "cibh": "change in {his} bowels", "haematemesis": "vomiting of blood",
           "jaundice": "yellowing of the skin", "abdo_pain": "tummy pain",
           "ascites": "swelling of the abdomen", "confusion": "confusion"}

NONFACT = {
    "tired": "{He} feels tired all the time.",
    "breathless": "{He} gets more breathless than usual on the stairs.",
    "heavy_periods": "{His} periods are heavy.",
    "itch": "{He} has generalised itching.",
    "nausea": "{He} has felt nauseated at times.",
    "nsaid": "{He} has been taking ibuprofen most days for back pain.",
    "alcohol": "{He} drinks about {units} units of alcohol a week.",
    "bmi": "{His} BMI is {bmi}.",
    "diabetes": "{He} has type 2 diabetes, reasonably controlled.",
    "hpylori_neg": "H. pylori stool antigen was negative.",
    "fit_reason": "A FIT was sent because {he} has been feeling generally run down; {he} has no particular bowel complaint.",
    "nausea_main": "{He} has had nausea, mostly in the mornings, for {dur}, and has vomited food a few times; no blood in the vomit.",
}

PPIS = ["omeprazole 20 mg daily", "lansoprazole 30 mg daily", "omeprazole 40 mg daily",
        "esomeprazole 20 mg daily", "lansoprazole 15 mg daily"]

# (term, minimum age, sex or None)
PMH_AGES = [("hypertension", 35, None), ("type 2 diabetes", 30, None), ("asthma", 0, None),
            ("osteoarthritis of both knees", 50, None), ("hypothyroidism", 20, None),
            ("depression", 0, None), ("atrial fibrillation", 55, None), ("gout", 35, None),
            ("CKD stage 3a", 55, None), ("COPD", 50, None), ("migraine", 0, None),
            ("cholecystectomy 2009", 40, None), ("hysterectomy 2004", 52, "F"),
            ("benign prostatic hyperplasia", 55, "M"), ("hypercholesterolaemia", 35, None),
            ("psoriasis", 0, None), ("anxiety", 0, None), ("carpal tunnel release 2018", 30, None)]
PMH_POOL = [p[0] for p in PMH_AGES]


def pmh_for(age, sex):
    return [t for t, a, s in PMH_AGES if age >= a and (s is None or s == sex)]
MEDS_POOL = [("amlodipine", "5 mg once daily"), ("ramipril", "5 mg once daily"),
             ("metformin", "500 mg twice daily"), ("atorvastatin", "20 mg at night"),
             ("levothyroxine", "75 micrograms daily"), ("sertraline", "50 mg daily"),
             ("salbutamol inhaler", "2 puffs as required"), ("apixaban", "5 mg twice daily"),
             ("allopurinol", "100 mg daily"), ("tamsulosin", "400 micrograms daily"),
             ("co-codamol 30/500", "2 tablets up to four times daily"),
             ("bisoprolol", "2.5 mg daily"), ("Fostair inhaler", "2 puffs twice daily"),
             ("simvastatin", "40 mg at night"), ("mirtazapine", "15 mg at night"),
             ("indapamide", "2.5 mg daily"), ("folic acid", "5 mg daily"),
             ("Adcal-D3", "one tablet twice daily")]
MED_MIN_AGE = {"amlodipine": 35, "ramipril": 35, "metformin": 30, "atorvastatin": 35,
               "apixaban": 55, "allopurinol": 35, "tamsulosin": 55, "bisoprolol": 45,
               "simvastatin": 40, "indapamide": 40, "Adcal-D3": 50, "co-codamol 30/500": 18,
               "mirtazapine": 18, "levothyroxine": 20}


def meds_for(age, sex):
    return [m for m in MEDS_POOL if age >= MED_MIN_AGE.get(m[0], 0) and
            not (m[0] == "tamsulosin" and sex == "F")]


PMH_MEDS = {
    "hypertension": [("amlodipine", "5 mg once daily"), ("ramipril", "5 mg once daily"),
                     ("indapamide", "2.5 mg daily")],
    "type 2 diabetes": [("metformin", "500 mg twice daily"), ("atorvastatin", "20 mg at night")],
    "asthma": [("salbutamol inhaler", "2 puffs as required"), ("Clenil inhaler", "2 puffs twice daily")],
    "osteoarthritis of both knees": [("co-codamol 30/500", "2 tablets up to four times daily")],
    "hypothyroidism": [("levothyroxine", "75 micrograms daily")],
    "depression": [("sertraline", "50 mg daily")],
    "anxiety": [("propranolol", "10 mg up to three times daily")],
    "atrial fibrillation": [("apixaban", "5 mg twice daily"), ("bisoprolol", "2.5 mg daily")],
    "gout": [("allopurinol", "100 mg daily")],
    "COPD": [("Fostair inhaler", "2 puffs twice daily"), ("salbutamol inhaler", "2 puffs as required")],
    "hypercholesterolaemia": [("simvastatin", "40 mg at night")],
    "benign prostatic hyperplasia": [("tamsulosin", "400 micrograms daily")],
    "migraine": [("sumatriptan", "50 mg as required")],
    "psoriasis": [("Dovobet gel", "apply once daily")],
}


def meds_from_pmh(pmh, age, sex):
    out = []
    for p in pmh:
        for m in PMH_MEDS.get(p, []):
            if m not in out and not (m[0] == "salbutamol inhaler" and any(x[0] == m[0] for x in out)):
                out.append(m)
    if age >= 65 and sex == "F" and ("Adcal-D3", "one tablet twice daily") not in out and len(pmh) > 2:
        out.append(("Adcal-D3", "one tablet twice daily"))
    return out


def jobs_for(age):
    if age >= 67:
        return [j for j in JOBS if "retired" in j]
    out = [j for j in JOBS if "retired" not in j and (j != "a student" or age <= 30)]
    if age >= 60:
        out += [j for j in JOBS if "retired" in j]
    return out


def lives_for(age):
    return [l for l in LIVES if not ("sheltered" in l and age < 60) and
            not ("elderly mother" in l and not 38 <= age <= 62) and not ("two children" in l and age > 60)]
JOBS = ["a retired bus driver", "a school cook", "a warehouse operative", "a retired teacher",
        "a nurse on nights", "a self-employed joiner", "an office manager", "a carer",
        "a taxi driver", "a student", "a retired mill worker", "a hairdresser",
        "a delivery driver", "a retired postal worker", "an accountant", "unemployed"]
LIVES = ["lives with {his} wife", "lives alone", "lives with {his} husband",
         "lives with {his} partner and two children", "lives with {his} daughter",
         "lives in sheltered accommodation", "lives with {his} elderly mother"]


def dur_abbr(d):
    n, unit = d.split()
    return "%s/%s" % (n, "52" if unit.startswith("week") else "12")


# --------------------------------------------------------------------------
# Letter context: identity + rendered clinical pieces
# --------------------------------------------------------------------------
def join_list(items, conj="or"):
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " " + conj + " " + items[-1]


class Ctx:
    def __init__(self, lid, f, style, used_nhs):
        self.id = lid
        self.f = f
        self.style = style
        self.P = dict(PRON[f["sex"]])
        w = stream(lid, "who")
        self.rng = stream(lid, "text")
        sex = f["sex"]
        self.first = w.choice(FIRST_M if sex == "M" else FIRST_F)
        self.surname = w.choice(SURNAMES)
        if sex == "M":
            self.title = "Mr"
        else:
            self.title = w.choice(["Mrs", "Ms", "Miss"]) if f["age"] < 40 else w.choice(["Mrs", "Mrs", "Ms"])
        self.name = "%s %s %s" % (self.title, self.first, self.surname)
        self.short = "%s %s" % (self.title, self.surname)
        town, pc = w.choice(TOWNS)
        self.addr = "%d %s, %s %s%d %d%s%s" % (w.randint(1, 180), w.choice(STREETS), town, pc,
                                             w.randint(1, 19), w.randint(1, 9),
                                             w.choice("ABDEFGHJLNPQRSTUWXY"),
                                             w.choice("ABDEFGHJLNPQRSTUWXY"))
        self.letter_date, self.dob = make_dates(w, f["age"])
        self.dkind = w.randint(0, 3)
        self.nhs = nhs_number(stream(lid, "nhs"), used_nhs)
        self.nhs_s = nhs_fmt(self.nhs, w)
        self.practice, self.pcode = w.choice(PRACTICES)
        ptown, ppc = w.choice(TOWNS)
        self.paddr = "%s Road, %s %s%d %d%s%s" % (w.choice(["Station", "Church", "Market", "Bridge", "Moor"]),
                                                ptown, ppc, w.randint(1, 19), w.randint(1, 9),
                                                w.choice("ABDEFGHJ"), w.choice("LNPQRSTU"))
        self.phone = "01632 960%03d" % w.randint(0, 999)
        self.gp = w.choice(GP_NAMES)
        self.icb = w.choice(ICBS)
        self.hospital = w.choice(HOSPITALS)
        self.consultant = w.choice(CONSULTANTS)
        self.ubrn = "%04d %04d %04d" % (w.randint(0, 9999), w.randint(0, 9999), w.randint(0, 9999))
        self.d = f["details"]
        # per-letter display choices
        r = self.rng
        self.disp = {"hb_unit": "g/dL" if r.random() < 0.3 else "g/L",
                     "fer": r.randint(0, 3), "fit": r.randint(0, 3), "cal": r.randint(0, 3),
                     "alt": r.randint(0, 2), "hb": r.randint(0, 2)}
        self.d["display"] = self.disp
        if "cirrhosis" in f["conditions"]:
            self.d.setdefault("aet", r.choice(["alcohol-related", "MASLD-related",
                                               "hepatitis C-related", "alcohol-related"]))
            self.d.setdefault("cirr_year", r.randint(2012, 2023))
        if "known_ibd" in f["conditions"]:
            self.d.setdefault("ibd", r.choice(["ulcerative colitis", "Crohn's disease"]))
            self.d.setdefault("ibd_year", r.randint(2005, 2021))
            self.d.setdefault("ibd_med", r.choice(["mesalazine", "azathioprine"]))
        self.units = r.choice([0, 4, 8, 14, 20, 28, 40, 56])
        self.bmi = r.choice([27.4, 31.2, 34.8, 36.1, 38.5, 41.0])
        pool = pmh_for(f["age"], sex)
        self.pmh = r.sample(pool, r.randint(0 if f["age"] < 40 else 1, 2 if f["age"] < 40 else 4))
        self.meds = meds_from_pmh(self.pmh, f["age"], sex)
        self.allow_phone = True
        if f.get("ppi_weeks") or any(k in f["pos"] for k in ("reflux", "dyspepsia")):
            self.ppi = r.choice(PPIS)
        else:
            self.ppi = None
        self.job = r.choice(jobs_for(f["age"]))
        self.lives = r.choice(lives_for(f["age"]))
        self.smoke = r.choice(["non-smoker", "ex-smoker", "smokes 10 a day", "non-smoker",
                               "vapes, ex-smoker"])
        self.allergy = r.choice(["NKDA", "Penicillin (rash)", "NKDA", "No known allergies",
                                 "Codeine (vomiting)"])
        self.results_date = self.letter_date - dt.timedelta(days=r.randint(3, 20))

    # -- small helpers --
    def fmt(self, tpl, **kw):
        vals = dict(self.P)
        vals.update(kw)
        return tpl.format(**vals)

    def date(self, d=None, kind=None):
        return date_fmt(d or self.letter_date, self.dkind if kind is None else kind)

    @property
    def manwoman(self):
        return "man" if self.f["sex"] == "M" else "woman"

    def sym_key(self, k):
        if k == "abdo_pain":
            return "abdo_pain/" + self.f["pain_site"]
        return k

    def pos_sentence(self, k, voice):
        if k in EXAM_POS:
            return None
        bank = SYM[self.sym_key(k)]
        reg = {"C": "C", "L": self.rng.choice(["L", "L", "Q"]),
               "M": self.rng.choice(["C", "L", "Q"])}[voice]
        tpl = self.rng.choice(bank[reg])
        d = self.d["dur"].get(k, "6 weeks")
        return self.fmt(tpl, dur=d, Dur=d[0].upper() + d[1:], kg=self.d.get("kg", 6),
                        n=self.d.get("bd_n", 6), when=self.d.get("when", "last week"))

    def exam_pos(self):
        out = []
        for k in ("abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer"):
            if k in self.f["pos"]:
                tpl = self.rng.choice(EXAM_POS[k])
                out.append(self.fmt(tpl, site=self.d.get("mass_site", ""), cm=self.d.get("cm", 3),
                                    wall=self.d.get("wall", "anterior"),
                                    dur=self.d["dur"].get(k, "6 weeks")))
        return out

    def exam_sentence(self):
        """Examination findings; normal findings are recorded as negations."""
        f = self.f
        parts = self.exam_pos()
        if "jaundice" in f["pos"]:
            parts.append(self.rng.choice(["Sclerae are icteric.", "Visibly jaundiced."]))
        if not parts:
            c = self.rng.randint(0, 4)
            if c == 0:
                return ""
            if c == 1:
                if self.allow_phone:
                    return "Not examined (telephone consultation)."
                return ""
            parts.append(self.rng.choice(["Abdomen soft and non-tender, no masses.",
                                          "Abdomen soft, non-tender, no masses palpable.",
                                          "No abdominal mass; abdomen soft."]))
            if "abdominal_mass" not in f["neg"]:
                f["neg"].append("abdominal_mass")
            if f["area"] == "lower" and self.rng.random() < 0.5:
                parts.append("PR: no masses felt, brown stool on the glove.")
                if "rectal_mass" not in f["neg"]:
                    f["neg"].append("rectal_mass")
        if "ascites" in f["neg"]:
            parts.append("No ascites clinically.")
        if "jaundice" in f["neg"] and self.rng.random() < 0.6:
            parts.append("Not jaundiced.")
        return " ".join(parts)

    def neg_sentence(self, lay=False):
        keys = [k for k in self.f["neg"] if k in NEG_NOUN and k not in ("ascites",)]
        if not keys:
            return ""
        wl_sep = "weight_loss" in keys and self.rng.random() < 0.4
        if wl_sep:
            keys = [k for k in keys if k != "weight_loss"]
        out = []
        if keys:
            nouns = [self.fmt(NEG_LAY[k]) if lay else NEG_NOUN[k] for k in keys]
            c = self.rng.randint(0, 4)
            if lay:
                out.append(self.fmt("{He} has not had any %s." % join_list(nouns)))
            elif c == 0:
                out.append("No %s." % join_list(nouns))
            elif c == 1:
                out.append(self.fmt("{He} denies %s." % join_list(nouns)))
            elif c == 2:
                out.append("Specifically no %s." % join_list(nouns))
            elif c == 3:
                out.append(self.fmt("{He} has had no %s." % join_list(nouns)))
            elif len(nouns) > 1:
                out.append("Red flags: %s all denied." % join_list(nouns, "and"))
            else:
                out.append("Red flag: %s denied." % nouns[0])
        if wl_sep:
            out.append(self.rng.choice(["Weight stable.", "Weight is steady at %d kg." %
                                        self.rng.randint(55, 104), "No weight loss."]))
        return " ".join(out)

    def distractor_sentences(self):
        out = []
        for x in self.f["distractors"]:
            out.append((x["type"], self.fmt(x["text"], rel=x["rel"], relage=x["relage"],
                                            ikg=x["ikg"])))
        return out

    def fit_status_sentence(self):
        s = self.d.get("fit_status")
        if s == "awaited":
            return "A FIT kit has been given and the result is awaited."
        if s == "not_done":
            return "FIT has not been done."
        if s == "declined":
            return self.fmt("{He} declined a FIT test.")
        return ""

    def ppi_sentence(self):
        w = self.f.get("ppi_weeks")
        if w is None:
            if self.f["details"].get("d_kind") == "reflux_over55":
                return self.fmt("{He} has not tried any acid suppression yet.")
            return ""
        pos = self.f["pos"]
        if "dyspepsia" in pos and "reflux" in pos:
            what = self.fmt("{His} symptoms have")
        elif "dyspepsia" in pos:
            what = "The indigestion has"
        else:
            what = "The reflux has"
        if w >= 4:
            return "%s continued despite %d weeks of %s." % (what, w, self.ppi)
        return self.fmt("{He} started %s %s ago." % (self.ppi, "a week" if w == 1 else "%d weeks" % w))

    def cond_sentences(self):
        f, d, out = self.f, self.d, []
        c = f["conditions"]
        if "cirrhosis" in c:
            out.append(self.fmt("{He} has known {aet} cirrhosis, diagnosed in {y}.",
                                aet=d["aet"], y=d["cirr_year"]))
        if "known_ibd" in c:
            out.append(self.fmt("{He} has known {ibd}, diagnosed in {y}, on {med}; this is a flare.",
                                ibd=d["ibd"], y=d["ibd_year"], med=d["ibd_med"]))
        if "ibd_stable_question" in c:
            out.append(self.fmt("{He} has {ibd}, diagnosed in {y}, and has been in remission on {med}: "
                                "{his} bowels are open once or twice a day, formed, with no blood, and {he} is well.",
                                ibd=d["ibd"], y=d["ibd_year"], med=d["ibd_med"]))
        if "fatty_liver" in c:
            fd = self.date(self.letter_date - dt.timedelta(days=40))
            d.setdefault("us_text", self.rng.choice([
                "a bright, echogenic liver consistent with fatty infiltration, no focal lesion",
                "hepatic steatosis, otherwise normal", "diffuse fatty change in the liver (steatosis)"]))
            out.append("An ultrasound on %s showed %s." % (fd, d["us_text"]))
        return out

    def nonfact_sentences(self):
        out = []
        for k in self.f["nonfact"]:
            out.append(self.fmt(NONFACT[k], units=self.units, bmi=self.bmi,
                                dur=self.d["dur"].get("nausea", "6 weeks")))
        kind = self.d.get("d_kind")
        if kind == "liver_normal_alt":
            lv = self.d["liver"]
            if lv == "hepb":
                out.append(self.fmt("{He} was found to be hepatitis B surface antigen positive on new-patient screening; {he} feels well."))
            elif lv == "hepc":
                out.append(self.fmt("Hepatitis C antibody was positive on screening (past injecting drug use, none for 15 years); HCV RNA has been requested."))
            elif lv == "gilbert":
                out.append(self.fmt("Bilirubin has been mildly raised on several occasions (latest 34 umol/L) with otherwise normal liver tests, and {he} is not jaundiced. ?Gilbert's syndrome."))
            else:
                out.append(self.fmt("GGT is raised at 118 U/L with otherwise normal liver tests; {he} drinks about {u} units a week.", u=self.units))
        if kind == "polyp_surveillance":
            out.append(self.fmt("{He} had two small adenomatous polyps removed at colonoscopy in {y} and was told {he} might need a repeat at some point. {He} has no bowel symptoms at all.",
                                y=self.d["polyp_year"]))
        if kind == "anaemia_not_iron":
            cause = self.d["anaemia_cause"]
            out.append({"b12": "Vitamin B12 is low at 112 ng/L (ref 180-900) with a raised MCV.",
                        "folate": "Serum folate is low at 2.1 ug/L with a raised MCV; diet is poor.",
                        "ckd": "This is thought to be related to CKD stage 3b (eGFR 38)."}[cause])
        if kind == "iron_def_no_anaemia":
            out.append(self.fmt("The ferritin was checked because {he} has been tired; {his} haemoglobin is normal."))
        return out

    # -- labs --
    def lab_str(self, k):
        f, disp = self.f, self.disp
        t, v = f["lab_text"][k], f["labs"][k]
        if k == "hb":
            if disp["hb_unit"] == "g/dL":
                return "Hb %.1f g/dL" % (v / 10.0)
            return ["Hb %s g/L", "Hb %s", "haemoglobin %s g/L"][disp["hb"]] % t
        if k == "ferritin":
            c = disp["fer"]
            if c == 1 and v >= 30:
                c = 0
            return ["ferritin %s ug/L", "ferritin %s (L)", "ferritin %s ng/mL",
                    "ferritin %s micrograms/L"][c] % t
        if k == "fit":
            if t in ("negative", "undetectable"):
                return "FIT %s" % t
            return ["FIT %s", "qFIT %s ug Hb/g", "FIT: %s ug/g", "FIT %s µg Hb/g faeces"][disp["fit"]] % t
        if k == "calpro":
            return ["calprotectin %s", "calpro %s", "faecal calprotectin %s ug/g",
                    "FCP %s µg/g"][disp["cal"]] % t
        if k == "alt":
            return ["ALT %s U/L", "ALT %s", "ALT %s IU/L"][disp["alt"]] % t
        if k == "ttg":
            pos = "coeliac_pos" in f["conditions"]
            return "tTG IgA %s U/mL (ref %s, %s)" % (t, self.d["ttg_ref"],
                                                     "positive" if pos else "negative")
        raise KeyError(k)

    def lab_keys(self):
        return [k for k in ("hb", "ferritin", "fit", "calpro", "alt", "ttg") if k in self.f["labs"]]

    def labs_inline(self):
        ks = self.lab_keys()
        if not ks and not self.d.get("bili"):
            return ""
        parts = [self.lab_str(k) for k in ks]
        if self.d.get("bili"):
            parts.append("bilirubin %d umol/L" % self.d["bili"])
        lead = self.rng.choice(["Results (%s): " % self.date(self.results_date),
                                "Bloods: ", "Investigations: ", "Recent results: "])
        return lead + ", ".join(parts) + "."

    def lab_rows(self, fillers=True):
        f, d = self.f, self.disp
        male = f["sex"] == "M"
        rows = []
        if "hb" in f["labs"]:
            v = f["labs"]["hb"]
            low = v < (130 if male else 120)
            if d["hb_unit"] == "g/dL":
                rows.append(("Haemoglobin", "%.1f" % (v / 10.0), "g/dL",
                             "13.0-18.0" if male else "12.0-16.0", "L" if low else ""))
            else:
                rows.append(("Haemoglobin", str(v), "g/L", "130-180" if male else "120-160",
                             "L" if low else ""))
            ida = low and f["labs"].get("ferritin", 999) < 30
            mcv = self.rng.choice([66, 69, 72, 74, 77]) if ida else self.rng.choice([84, 88, 91, 95])
            if self.d.get("anaemia_cause") in ("b12", "folate"):
                mcv = self.rng.choice([104, 107, 111])
            rows.append(("MCV", str(mcv), "fL", "80-100", "L" if mcv < 80 else ("H" if mcv > 100 else "")))
        if "ferritin" in f["labs"]:
            v = f["labs"]["ferritin"]
            rows.append(("Ferritin", f["lab_text"]["ferritin"], "ug/L", "30-400", "L" if v < 30 else ""))
        if "fit" in f["labs"]:
            v, t = f["labs"]["fit"], f["lab_text"]["fit"]
            rows.append(("FIT (faecal immunochemical test)", t,
                         "" if t in ("negative", "undetectable") else "ug Hb/g", "<10",
                         "H" if v >= 10 else ""))
        if "calpro" in f["labs"]:
            v = f["labs"]["calpro"]
            rows.append(("Faecal calprotectin", f["lab_text"]["calpro"], "ug/g", "<50", "H" if v >= 50 else ""))
        if "alt" in f["labs"]:
            v = f["labs"]["alt"]
            rows.append(("ALT", f["lab_text"]["alt"], "U/L", "<40", "H" if v >= 40 else ""))
        if self.d.get("bili"):
            b = self.d["bili"]
            rows.append(("Bilirubin", str(b), "umol/L", "<21", "H" if b > 21 else ""))
        if "ttg" in f["labs"]:
            pos = "coeliac_pos" in f["conditions"]
            rows.append(("tTG IgA", f["lab_text"]["ttg"], "U/mL", self.d["ttg_ref"], "H" if pos else ""))
        if fillers:
            r = self.rng
            pool = [("CRP", str(r.choice([1, 3, 4, "<5"])), "mg/L", "<5", ""),
                    ("Platelets", str(r.randint(180, 380)), "x10^9/L", "150-400", ""),
                    ("eGFR", ">90" if r.random() < 0.6 else str(r.randint(62, 89)), "mL/min", ">60", ""),
                    ("ALP", str(r.randint(55, 120)), "U/L", "30-130", ""),
                    ("TSH", "%.1f" % r.uniform(0.9, 3.6), "mU/L", "0.3-4.2", "")]
            if "alt" in f["labs"] or "cirrhosis" in f["conditions"]:
                pool = [p for p in pool if p[0] != "ALP"]
            rows += r.sample(pool, r.randint(1, 3))
        return rows

    def table(self, rows, box=False):
        w = [max(len(r[i]) for r in rows + [("Test", "Result", "Units", "Range", "Flag")])
             for i in range(5)]
        hdr = ("Test", "Result", "Units", "Range", "Flag")
        out = []
        if box:
            out.append("| " + " | ".join(hdr[i].ljust(w[i]) for i in range(5)) + " |")
            out.append("|" + "|".join("-" * (w[i] + 2) for i in range(5)) + "|")
            for r in rows:
                out.append("| " + " | ".join(r[i].ljust(w[i]) for i in range(5)) + " |")
        else:
            out.append("  ".join(hdr[i].ljust(w[i]) for i in range(5)).rstrip())
            for r in rows:
                out.append("  ".join(r[i].ljust(w[i]) for i in range(5)).rstrip())
        return "\n".join(out)

    def pmh_str(self):
        return ", ".join(self.pmh) if self.pmh else "nil of note"

    def lead_sentences(self):
        f = self.f
        labs = f["labs"]
        out = []
        dur = self.d["dur"]
        if "abdominal_mass" in f["pos"]:
            out.append("{He} noticed a lump in {his} tummy about %s ago." % dur["abdominal_mass"])
        if "anal_ulcer" in f["pos"] or "rectal_mass" in f["pos"]:
            k = "anal_ulcer" if "anal_ulcer" in f["pos"] else "rectal_mass"
            out.append("{He} has had soreness around the back passage for %s." % dur[k])
        hb, fer = labs.get("hb"), labs.get("ferritin")
        anaemic = hb is not None and hb < (130 if f["sex"] == "M" else 120)
        if anaemic and fer is not None and fer < 30:
            out.append(self.rng.choice(["Blood tests show a low haemoglobin with low iron stores.",
                                        "{His} recent bloods show anaemia and a low ferritin."]))
        elif anaemic:
            out.append("Blood tests show a low haemoglobin; the ferritin is normal.")
        alt = labs.get("alt")
        if alt is not None and alt >= 300 and "jaundice" not in f["pos"]:
            out.append("{His} liver tests are markedly deranged.")
        elif alt is not None and alt >= 40 and "jaundice" not in f["pos"]:
            out.append(self.rng.choice(["{His} liver tests are abnormal.",
                                        "{His} ALT has been raised on repeat testing."]))
        if "coeliac_pos" in f["conditions"]:
            out.append("{His} coeliac serology has come back positive.")
        return [self.fmt(s) for s in out]

    def meds_list(self):
        out = ["%s %s" % m for m in self.meds]
        if self.ppi and self.f.get("ppi_weeks"):
            out.insert(0, self.ppi)
        if self.d.get("ibd_med"):
            out.insert(0, {"mesalazine": "mesalazine 2.4 g daily", "azathioprine": "azathioprine 100 mg daily",
                           "infliximab": "infliximab infusions 8-weekly (hospital)",
                           "adalimumab": "adalimumab 40 mg every 2 weeks (homecare)",
                           "mercaptopurine": "mercaptopurine 50 mg daily"}[self.d["ibd_med"]])
        return out or ["no regular medication"]

    def age_phrase(self):
        return "%d-year-old %s" % (self.f["age"], self.manwoman)


# --------------------------------------------------------------------------
# Shared clinical content for a letter
# --------------------------------------------------------------------------
ASKS = {
    "upper": ["I would be grateful for your assessment and consideration of a gastroscopy.",
              "Please could you consider an OGD?",
              "I would value your opinion on whether {he} needs a gastroscopy."],
    "lower": ["I would be grateful for your assessment and investigation.",
              "Please consider colonoscopy.",
              "I would appreciate your opinion on further investigation."],
    "liver": ["I would be grateful for your assessment of {his} liver.",
              "Please could you review {him} in the liver clinic?",
              "I would value your advice on further management of {his} liver."],
    "ibd": ["I would be grateful for your review.", "Please could you see {him} in clinic?",
            "I would appreciate your opinion on management."],
    "general": ["I would appreciate your opinion.", "I would be grateful for your assessment.",
                "Please could you advise on further management?"],
}
PRIO_FREE = {
    "urgent_suspected_cancer": ["I have referred {him} under the two-week-wait (urgent suspected cancer) pathway.",
                                "Please see under the 2WW pathway.",
                                "Referred as Urgent Suspected Cancer."],
    "urgent": ["I would be grateful if {he} could be seen urgently.", "Urgent referral please.",
               "I would appreciate an urgent appointment (not the cancer pathway)."],
    "routine": ["A routine appointment would be fine.", "Routine referral.",
                "I would be grateful if you could see {him} routinely."],
    "advice_and_guidance": ["I am sending this as an Advice and Guidance request; I do not think {he} needs to be seen unless you feel otherwise.",
                            "Advice only please (A&G).",
                            "I would value your advice rather than an appointment."],
}
PRIO_FIELD = {"urgent_suspected_cancer": ["2 Week Wait", "Urgent Suspected Cancer", "2WW", "USC"],
              "urgent": ["Urgent", "URGENT", "Urgent"],
              "routine": ["Routine", "ROUTINE", "Routine"],
              "advice_and_guidance": ["Advice and Guidance", "A&G request", "Advice & Guidance"],
              None: ["", "[not selected]", "-"]}
PRIO_TERSE = {"urgent_suspected_cancer": ["2WW pls.", "USC please.", "Fast track pls."],
              "urgent": ["Urgent pls.", "Urgent please (not 2WW)."],
              "routine": ["Routine.", "Routine please."],
              "advice_and_guidance": ["A&G only pls.", "Advice please, no appt needed."],
              None: [""]}


def core(ctx, voice):
    """Clinical pieces as sentences, shared by the free-text layouts."""
    f, rng, d = ctx.f, ctx.rng, ctx.d
    hpc = []
    if "fh_crc" in f["conditions"] and f["details"].get("fh"):
        rels = f["details"]["fh"]
        bits = ["{His} %s was diagnosed with bowel cancer at %d" % (r, a) for r, a in rels[:1]]
        bits += ["{his} %s at %d" % (r, a) for r, a in rels[1:]]
        hpc.append(ctx.fmt(" and ".join(bits) + "."))
        hpc.append(ctx.fmt(rng.choice(["{He} is well and has no bowel symptoms at all.",
                                       "{He} is completely asymptomatic.",
                                       "{He} has no symptoms; {he} is worried about {his} own risk."])))
    for k in f["pos"]:
        s = ctx.pos_sentence(k, voice)
        if s:
            hpc.append(s)
        if k in ("dyspepsia", "reflux") and ctx.ppi_sentence() and not any(
                "weeks of" in x or "acid suppression" in x or "started" in x for x in hpc):
            hpc.append(ctx.ppi_sentence())
    if not f["pos"] and ctx.ppi_sentence():
        hpc.append(ctx.ppi_sentence())
    hpc_pos = list(hpc)
    lead = ctx.lead_sentences()
    hpc = (hpc + lead) if hpc else lead
    exam_pos = ctx.exam_pos()
    out = {
        "hpc": hpc,
        "cond": ctx.cond_sentences(),
        "nonfact": ctx.nonfact_sentences(),
        "distr": ctx.distractor_sentences(),
        "neg": ctx.neg_sentence(lay=(voice == "L" and rng.random() < 0.5)),
        "exam": ctx.exam_sentence(),
        "labs": ctx.labs_inline(),
        "fitstat": ctx.fit_status_sentence(),
    }
    out["exam_pos"] = exam_pos
    out["hpc_pos"] = hpc_pos
    out["lead"] = lead
    if "ibd_stable_question" in f["conditions"]:
        out["ask"] = ctx.fmt(d["ibd_q"], med=d["ibd_med"])
    elif "fh_crc" in f["conditions"] and f["details"].get("fh"):
        out["ask"] = ctx.fmt(rng.choice(["{He} would like to know whether {he} needs a screening colonoscopy.",
                                         "Could you advise whether {he} should have surveillance given the family history?"]))
    elif d.get("d_kind") == "polyp_surveillance":
        out["ask"] = ctx.fmt("Could you advise whether {he} is due surveillance?")
    else:
        out["ask"] = ctx.fmt(rng.choice(ASKS[f["area"]]))
    gp = f["gp_priority"]
    out["prio"] = ctx.fmt(rng.choice(PRIO_FREE[gp])) if gp else ""
    return out


def article(age):
    return "an" if age in (8, 11, 18) or 80 <= age <= 89 else "a"


def body_paragraphs(ctx, c, opener=True):
    """Standard free-text letter body as a list of paragraphs."""
    rng = ctx.rng
    paras = []
    p1 = []
    if opener:
        p1.append(ctx.fmt(rng.choice([
            "Thank you for seeing this {age} {mw}.",
            "I would be grateful if you could see {name}, {a} {age} {mw}.",
            "I would appreciate your help with this {age} {mw}."]),
            age="%d-year-old" % ctx.f["age"], mw=ctx.manwoman, name=ctx.short, a=article(ctx.f["age"])))
    p1 += c["hpc"]
    moved = []
    if not c["hpc"]:
        moved = c["cond"] + c["nonfact"]
        p1 += moved
    paras.append(" ".join(p1))
    p2 = [] if moved else c["cond"] + c["nonfact"]
    p2 += ([c["fitstat"]] if c["fitstat"] else [])
    p2 += [s for _, s in c["distr"]]
    if c["neg"]:
        p2.append(c["neg"])
    if p2:
        paras.append(" ".join(p2))
    p3 = [x for x in (c["exam"], c["labs"]) if x]
    if p3:
        paras.append(" ".join(p3))
    paras.append(ctx.fmt("Past history: {p}. Medication: {m}.", p=ctx.pmh_str(),
                         m="; ".join(ctx.meds_list())))
    paras.append(" ".join(x for x in (c["ask"], c["prio"]) if x))
    return paras


def header_lines(ctx):
    return ["%s" % ctx.practice, ctx.paddr, "Tel: %s   Practice code: %s" % (ctx.phone, ctx.pcode)]


def patient_re(ctx):
    return "Re: %s   DOB: %s   NHS No: %s\n%s" % (ctx.name, ctx.date(ctx.dob), ctx.nhs_s, ctx.addr)


# --------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------
def L_dear_doctor(ctx):
    c = core(ctx, "M")
    lines = header_lines(ctx) + ["", ctx.date(), "",
                                 ctx.rng.choice(["The Gastroenterology Team", ctx.consultant + ", Consultant Gastroenterologist"]),
                                 ctx.hospital, "", "Dear Doctor,", "", patient_re(ctx), ""]
    lines += [p + "\n" for p in body_paragraphs(ctx, c)]
    lines += ["Yours sincerely,", "", ctx.gp, ctx.practice]
    return "\n".join(lines)


def L_terse(ctx):
    f, d, rng = ctx.f, ctx.d, ctx.rng
    bits = []
    if "fh_crc" in f["conditions"] and d.get("fh"):
        bits.append("FH bowel ca (%s)" % ", ".join("%s at %d" % (r, a) for r, a in d["fh"]))
        bits.append("asymptomatic")
    for k in f["pos"]:
        tpl = TERSE[ctx.sym_key(k)]
        da = dur_abbr(d["dur"].get(k, "6 weeks"))
        bits.append(ctx.fmt(tpl, da=da, kg=d.get("kg", 6), n=d.get("bd_n", 6),
                            when=d.get("when", ""), site=d.get("mass_site", ""), cm=d.get("cm", 3)))
    w = f.get("ppi_weeks")
    if w:
        bits.append(("despite %d/52 PPI" % w) if w >= 4 else ("PPI started %d/52 ago" % w))
    elif d.get("d_kind") == "reflux_over55":
        bits.append("no PPI trial yet")
    c = f["conditions"]
    if "cirrhosis" in c:
        bits.append("known %s cirrhosis" % d["aet"])
    if "known_ibd" in c:
        bits.append("known %s, flaring" % d["ibd"])
    if "ibd_stable_question" in c:
        bits.append("%s since %d, in remission on %s" % (d["ibd"], d["ibd_year"], d["ibd_med"]))
    if "fatty_liver" in c:
        bits.append("USS: fatty liver")
    f["nonfact"] = [k for k in f["nonfact"] if k == "nausea_main"]
    for s in ctx.nonfact_sentences():
        bits.append(s.rstrip("."))
    labs = [ctx.lab_str(k) for k in ctx.lab_keys()]
    if d.get("bili"):
        labs.append("bili %d" % d["bili"])
    if labs:
        bits.append(", ".join(labs))
    fs = d.get("fit_status")
    if fs == "awaited":
        bits.append("FIT awaited")
    elif fs in ("not_done", "declined"):
        bits.append("FIT not done")
    negs = [k for k in f["neg"] if k in ("weight_loss", "rectal_bleeding", "dysphagia", "haematemesis", "jaundice", "cibh", "abdo_pain", "confusion", "ascites")]
    short = {"weight_loss": "wt loss", "rectal_bleeding": "PR bleed", "dysphagia": "dysphagia",
             "haematemesis": "haematemesis", "jaundice": "jaundice", "cibh": "CIBH",
             "abdo_pain": "abdo pain", "confusion": "confusion", "ascites": "ascites"}
    if negs:
        bits.append("no " + "/".join(short[k] for k in negs))
    f["distractors"] = []
    if "fh_crc" in c and not d.get("fh"):
        c.remove("fh_crc")
    if "ibd_stable_question" in c:
        q = ctx.fmt(d["ibd_q"], med=d["ibd_med"])
    elif f["gp_priority"] == "advice_and_guidance":
        q = rng.choice(["?cause", "your opinion pls", "pls advise"])
    else:
        q = rng.choice(["?cause", "pls assess", "your opinion pls", "pls see"])
    head = rng.choice(["To: Gastroenterology, %s   From: %s, %s (%s)   %s" % (ctx.hospital, ctx.gp, ctx.practice, ctx.pcode, ctx.date()),
                       "%s -> Gastro, %s. %s" % (ctx.practice, ctx.hospital, ctx.date())])
    who = "Re %s %s, %d%s, DOB %s, NHS %s" % (ctx.first, ctx.surname, f["age"], f["sex"],
                                               ctx.date(ctx.dob), ctx.nhs_s)
    q = q[0].upper() + q[1:]
    if not q.endswith((".", "?")):
        q += "."
    body = "%s. %s %s" % ("; ".join(bits), q, rng.choice(PRIO_TERSE[f["gp_priority"]]))
    return "%s\n%s\n%s\nThanks, %s" % (head, who, body.strip(), ctx.gp.split()[-1] if rng.random() < 0.5 else ctx.gp)


def L_ers_standard(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "C")
    clinic = {"upper": "Upper GI", "lower": "Lower GI / Colorectal", "liver": "Hepatology",
              "ibd": "Inflammatory Bowel Disease", "general": "General Gastroenterology"}[f["area"]]
    prio = rng.choice(PRIO_FIELD[f["gp_priority"]])
    out = ["NHS e-Referral Service - Referral Letter",
           "UBRN: %s                Priority: %s" % (ctx.ubrn, prio),
           "Specialty: Gastroenterology        Clinic Type: %s" % clinic,
           "Service: Gastroenterology Outpatients - %s" % ctx.hospital,
           "Referring clinician: %s, %s (%s)" % (ctx.gp, ctx.practice, ctx.pcode),
           "Date of referral: %s" % ctx.date(), "",
           "PATIENT DETAILS",
           "Name: %s" % ctx.name,
           "Date of birth: %s   Age: %d   Gender: %s" % (ctx.date(ctx.dob), f["age"], "Male" if f["sex"] == "M" else "Female"),
           "NHS Number: %s" % ctx.nhs_s, "Address: %s" % ctx.addr, "",
           "REASON FOR REFERRAL", c["ask"], "",
           "HISTORY OF PRESENTING COMPLAINT"]
    hp = c["hpc"] + c["cond"] + c["nonfact"] + ([c["fitstat"]] if c["fitstat"] else []) + \
        [s for _, s in c["distr"]] + ([c["neg"]] if c["neg"] else [])
    out.append(" ".join(hp) if hp else "See reason for referral.")
    out += ["", "EXAMINATION", c["exam"] or "", "", "INVESTIGATIONS"]
    out.append(c["labs"] or "None available.")
    out += ["", "PAST MEDICAL HISTORY", ctx.pmh_str(), "", "CURRENT MEDICATION"]
    out += ["- " + m for m in ctx.meds_list()]
    out += ["", "ALLERGIES", ctx.allergy]
    if c["prio"] and rng.random() < 0.5:
        out += ["", "ADDITIONAL INFORMATION", c["prio"]]
    return "\n".join(out)


def L_ers_box(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "C")
    prio = rng.choice(PRIO_FIELD[f["gp_priority"]])
    W = 62

    def row(k, v):
        return "│ %-20s│ %s" % (k, v)
    out = ["╔" + "═" * W + "╗",
           "║" + (" e-RS REFERRAL EXPORT  ::  %s" % ctx.icb).ljust(W) + "║",
           "╚" + "═" * W + "╝",
           "┌─ PATIENT " + "─" * (W - 9),
           row("NHS No.", ctx.nhs_s), row("Surname", ctx.surname.upper()),
           row("Forename(s)", ctx.first), row("Sex", f["sex"]),
           row("Born", ctx.date(ctx.dob)), row("Home address", ctx.addr),
           "├─ REQUEST " + "─" * (W - 9),
           row("Appointment priority", prio),
           row("Specialty", "Gastroenterology"),
           row("Requested on", ctx.date()),
           row("Booking ref (UBRN)", ctx.ubrn),
           row("Requester", "%s / %s [%s]" % (ctx.gp, ctx.practice, ctx.pcode)),
           "├─ CLINICAL INFORMATION " + "─" * (W - 22)]
    text = c["hpc"] + c["cond"] + c["nonfact"] + ([c["fitstat"]] if c["fitstat"] else [])
    out.append("│ Presenting problem:")
    for s in text:
        out.append("│   " + s)
    if c["distr"] or c["neg"]:
        out.append("│ Other relevant history:")
        for _, s in c["distr"]:
            out.append("│   " + s)
        if c["neg"]:
            out.append("│   " + c["neg"])
    out.append("│ Examination: " + (c["exam"] or ""))
    rows = ctx.lab_rows()
    out.append("│ Results:")
    for r in rows:
        out.append("│   %-34s %-8s %-9s (%s) %s" % (r[0], r[1], r[2], r[3], r[4]))
    out.append("│ Question for specialist: " + c["ask"])
    out.append("├─ BACKGROUND " + "─" * (W - 12))
    out.append(row("PMH", ctx.pmh_str()))
    out.append(row("Medication", "; ".join(ctx.meds_list())))
    out.append(row("Allergies", ctx.allergy))
    out.append("└" + "─" * W)
    return "\n".join(out)


def form_status(ctx, present, negkey, rng):
    """Answer for one criterion: 'P' present, 'A' absent, 'N' not known, '' blank."""
    f = ctx.f
    if present:
        return "P"
    if negkey and negkey in f["neg"]:
        return "A"
    x = rng.random()
    if x < 0.55:
        if negkey and negkey not in f["neg"]:
            f["neg"].append(negkey)
        return "A"
    if x < 0.85:
        return "N"
    return ""


def ida_now(f):
    hb, fer = f["labs"].get("hb"), f["labs"].get("ferritin")
    if hb is None or fer is None:
        return None
    return hb < (130 if f["sex"] == "M" else 120) and fer < 30


def L_tww_lower_pan(ctx):
    f, rng, d = ctx.f, ctx.rng, ctx.d
    c = core(ctx, "C")
    crit = [("Rectal bleeding", "rectal_bleeding" in f["pos"], "rectal_bleeding"),
            ("Change in bowel habit", "cibh" in f["pos"], "cibh"),
            ("Unexplained weight loss", "weight_loss" in f["pos"], "weight_loss"),
            ("Abdominal pain", "abdo_pain" in f["pos"], "abdo_pain"),
            ("Abdominal mass", "abdominal_mass" in f["pos"], "abdominal_mass"),
            ("Rectal or anal mass", "rectal_mass" in f["pos"] or "anal_mass" in f["pos"], "rectal_mass"),
            ("Anal ulceration (unexplained)", "anal_ulcer" in f["pos"], None)]
    out = [ctx.icb.upper(),
           "URGENT SUSPECTED CANCER REFERRAL - LOWER GASTROINTESTINAL",
           "Every criterion must be answered: Present / Absent / Not known",
           "",
           "Referral date: %s    Practice: %s (%s)" % (ctx.date(), ctx.practice, ctx.pcode),
           "Patient: %s    DOB: %s    Sex: %s    NHS: %s" % (ctx.name, ctx.date(ctx.dob), f["sex"], ctx.nhs_s),
           "Referring GP: %s" % ctx.gp, "",
           "SECTION 1 - SYMPTOMS AND SIGNS"]
    for label, pres, nk in crit:
        st = form_status(ctx, pres, nk, rng)
        if nk is None and st == "A":
            pass
        boxes = ["Present %s" % ("☒" if st == "P" else "☐"), "Absent %s" % ("☒" if st == "A" else "☐"),
                 "Not known %s" % ("☒" if st == "N" else "☐")]
        out.append("%-32s %s" % (label, "   ".join(boxes)))
    ida = ida_now(f)
    st = "P" if ida else ("A" if ida is False else rng.choice(["N", ""]))
    out.append("%-32s %s" % ("Iron deficiency anaemia", "   ".join(
        ["Present %s" % ("☒" if st == "P" else "☐"), "Absent %s" % ("☒" if st == "A" else "☐"),
         "Not known %s" % ("☒" if st == "N" else "☐")])))
    out += ["", "SECTION 2 - RESULTS (FIT mandatory unless rectal/anal mass)"]
    if "fit" in f["labs"]:
        t = f["lab_text"]["fit"]
        out.append("FIT result (ug Hb/g): %s      Date: %s" % (t, ctx.date(ctx.results_date)))
    else:
        fs = d.get("fit_status")
        out.append("FIT result (ug Hb/g): %s" % {"awaited": "awaited", "not_done": "not done",
                                                 "declined": "declined by patient"}.get(fs, ""))
    if "hb" in f["labs"]:
        v = f["labs"]["hb"]
        out.append("Haemoglobin (g/L): %s" % (("%.1f g/dL" % (v / 10.0)) if ctx.disp["hb_unit"] == "g/dL" else str(v)))
    else:
        out.append("Haemoglobin (g/L): ")
    out.append("Ferritin (ug/L): %s" % f["lab_text"].get("ferritin", ""))
    other = [ctx.lab_str(k) for k in ("calpro", "alt", "ttg") if k in f["labs"]]
    if other:
        out.append("Other results: " + ", ".join(other))
    out += ["", "SECTION 3 - CLINICAL DETAILS"]
    cd = c["hpc"] + c["cond"] + c["nonfact"] + [s for _, s in c["distr"]] + ([c["neg"]] if c["neg"] else [])
    out.append(" ".join(cd))
    out += ["", "SECTION 4 - EXAMINATION FINDINGS"]
    out.append(c["exam"])
    out += ["", "SECTION 5 - PAST HISTORY AND MEDICATION",
            "PMH: %s" % ctx.pmh_str() if rng.random() < 0.7 else "PMH:",
            "Medication: %s" % "; ".join(ctx.meds_list()),
            "",
            "Patient informed this is a suspected cancer referral:  Yes ☒  No ☐",
            "Patient available in next 14 days:  Yes %s  No ☐" % rng.choice(["☒", "☐"]),
            "WHO performance status: %s" % rng.choice(["0", "1", "2", ""])]
    return "\n".join(out)


def L_tww_upper_delete(ctx):
    f, rng, d = ctx.f, ctx.rng, ctx.d
    c = core(ctx, "C")
    crit = [("Dysphagia", "dysphagia" in f["pos"], "dysphagia"),
            ("Upper abdominal pain", "abdo_pain" in f["pos"] and f["pain_site"] == "upper", None),
            ("Reflux", "reflux" in f["pos"], None),
            ("Dyspepsia", "dyspepsia" in f["pos"], None),
            ("Unexplained weight loss", "weight_loss" in f["pos"], "weight_loss"),
            ("Haematemesis", "haematemesis" in f["pos"], "haematemesis"),
            ("Upper abdominal mass", "abdominal_mass" in f["pos"], "abdominal_mass")]
    out = [ctx.icb,
           "SUSPECTED UPPER GI CANCER - STRAIGHT TO TEST REFERRAL",
           "Delete as appropriate. Deleted options are overtyped with XXX.", "",
           "Patient name: %s" % ctx.name,
           "NHS number: %s      Date of birth: %s      Age: %d" % (ctx.nhs_s, ctx.date(ctx.dob), f["age"]),
           "GP: %s, %s (%s)      Date: %s" % (ctx.gp, ctx.practice, ctx.pcode, ctx.date()), "",
           "CRITERIA"]
    for label, pres, nk in crit:
        if pres:
            ans = "YES / XXX"
        elif nk and nk in f["neg"]:
            ans = "XXX / NO"
        elif rng.random() < 0.6:
            ans = "XXX / NO"
            if nk:
                f["neg"].append(nk)
        else:
            ans = "YES / NO"
        out.append("%s %s %s" % (label, "." * (34 - len(label)), ans))
    w = f.get("ppi_weeks")
    out.append("%s %s %s" % ("Weeks of PPI treatment", "." * 12, str(w) if w else ""))
    if "weight_loss" in f["pos"]:
        now = rng.randint(52, 96)
        out.append("Weight now (kg): %d      Weight %s ago (kg): %d" % (now, d["dur"]["weight_loss"], now + d["kg"]))
    else:
        out.append("Weight now (kg): %s" % rng.choice(["", str(rng.randint(55, 110))]))
    ida = ida_now(f)
    out.append("%s %s %s" % ("Iron deficiency anaemia", "." * 11,
                             "YES / XXX" if ida else ("XXX / NO" if ida is False else "YES / NO")))
    out += ["", "RESULTS"]
    labs = ", ".join(ctx.lab_str(k) for k in ctx.lab_keys())
    out.append(labs if labs else "")
    out += ["", "HISTORY (free text)"]
    out.append(" ".join(c["hpc"] + c["cond"] + c["nonfact"] + [s for _, s in c["distr"]] +
                        ([c["neg"]] if c["neg"] else [])))
    out += ["", "EXAMINATION", c["exam"], "",
            "Anticoagulant / antiplatelet: %s" % ("YES" if any(m[0] == "apixaban" for m in ctx.meds) else "NO"),
            "Medication: %s" % "; ".join(ctx.meds_list()),
            "Patient aware of suspected cancer referral: YES / XXX"]
    return "\n".join(out)


def L_tww_numeric(ctx):
    f, rng, d = ctx.f, ctx.rng, ctx.d
    c = core(ctx, "C")
    T, E = "[x]", "[ ]"
    ticks = [("Rectal bleeding", "rectal_bleeding" in f["pos"]),
             ("Change in bowel habit", "cibh" in f["pos"]),
             ("Abdominal pain", "abdo_pain" in f["pos"]),
             ("Unexplained weight loss", "weight_loss" in f["pos"]),
             ("Abdominal mass", "abdominal_mass" in f["pos"]),
             ("Rectal/anal mass or ulcer", any(k in f["pos"] for k in ("rectal_mass", "anal_mass", "anal_ulcer"))),
             ("Iron deficiency anaemia", bool(ida_now(f)))]
    out = ["%s | LOWER GI URGENT SUSPECTED CANCER - FIT PATHWAY FORM v3" % ctx.icb,
           "Tick all that apply (%s = yes). Enter numbers in the boxes." % T, "",
           "Patient  %s   NHS %s   DOB %s   Age [ %d ]" % (ctx.name, ctx.nhs_s, ctx.date(ctx.dob), f["age"]),
           "Practice %s (%s)   Referrer %s   Date %s" % (ctx.practice, ctx.pcode, ctx.gp, ctx.date()), "",
           "A. SYMPTOMS / SIGNS"]
    for i in range(0, len(ticks), 2):
        pair = ticks[i:i + 2]
        out.append("   ".join("%s %-30s" % (T if p else E, lab) for lab, p in pair).rstrip())
    out += ["", "B. VALUES"]
    if "fit" in f["labs"]:
        fv = "[ %s ] ug Hb/g" % f["lab_text"]["fit"]
    else:
        fv = "[ %s ]" % {"awaited": "awaited", "not_done": "not done", "declined": "declined"}.get(d.get("fit_status"), "   ")
    out.append("FIT value ............. %s   Date of FIT [ %s ]" % (fv, ctx.date(ctx.results_date) if "fit" in f["labs"] else "   "))
    hb = f["labs"].get("hb")
    if hb is not None and ctx.disp["hb_unit"] == "g/dL":
        hbs = "[ %.1f ] g/dL" % (hb / 10.0)
    else:
        hbs = "[ %s ] g/L" % (hb if hb is not None else "   ")
    out.append("Haemoglobin ........... %s" % hbs)
    out.append("Ferritin .............. [ %s ] ug/L" % f["lab_text"].get("ferritin", "   "))
    if "weight_loss" in f["pos"]:
        out.append("Weight change ......... [ -%d ] kg over [ %s ]" % (d["kg"], d["dur"]["weight_loss"]))
    else:
        out.append("Weight change ......... [    ] kg over [    ]")
    for k, lab, unit in (("calpro", "Calprotectin", "ug/g"), ("alt", "ALT", "U/L")):
        if k in f["labs"]:
            out.append("%s %s [ %s ] %s" % (lab, "." * (21 - len(lab)), f["lab_text"][k], unit))
    if "ttg" in f["labs"]:
        out.append("Other ................. " + ctx.lab_str("ttg"))
    out += ["", "C. RELEVANT HISTORY"]
    hist = c["hpc"] + c["cond"] + c["nonfact"] + [s for _, s in c["distr"]] + ([c["neg"]] if c["neg"] else [])
    out.append(" ".join(hist))
    out += ["", "D. EXAMINATION", c["exam"], "",
            "E. SAFETY NETTING / PATIENT INFORMATION",
            "%s Patient given 2WW leaflet   %s Patient told this could be cancer" % (T, T),
            "", "F. MEDICATION / ALLERGIES",
            "; ".join(ctx.meds_list()) + " / " + ctx.allergy]
    return "\n".join(out)


PROFORMA_Q = [
    ("Difficulty swallowing (dysphagia)?", "dysphagia"),
    ("Unintentional weight loss?", "weight_loss"),
    ("Rectal bleeding?", "rectal_bleeding"),
    ("Change in bowel habit?", "cibh"),
    ("Abdominal pain?", "abdo_pain"),
    ("Bloating?", "bloating"),
    ("Heartburn / reflux?", "reflux"),
    ("Indigestion (dyspepsia)?", "dyspepsia"),
    ("Vomiting blood?", "haematemesis"),
    ("Jaundice?", "jaundice"),
    ("Mass on abdominal or rectal examination?", "abdominal_mass"),
]


def proforma_answers(ctx, c):
    """(question, answer) pairs; positives answered with the history sentence."""
    f, rng = ctx.f, ctx.rng
    sents = {}
    for k in f["pos"]:
        s = ctx.pos_sentence(k, "C")
        sents[k] = s
    exam = ctx.exam_pos()
    qa = []
    ppi_done = False
    for q, k in PROFORMA_Q:
        if k == "abdominal_mass":
            if exam:
                qa.append((q, "Yes - " + " ".join(exam)))
                continue
            pres = False
        else:
            pres = k in f["pos"]
        if k in ("rectal_bleeding", "cibh") and "bloody_diarrhoea" in f["pos"]:
            qa.append((q, "Yes - bloody diarrhoea, see other history"))
            continue
        if pres:
            qa.append((q, "Yes - " + sents[k]))
            if k in ("dyspepsia", "reflux") and ctx.ppi_sentence() and not ppi_done:
                qa[-1] = (q, qa[-1][1] + " " + ctx.ppi_sentence())
                ppi_done = True
        elif k in f["neg"]:
            qa.append((q, "No"))
        else:
            x = rng.random()
            if x < 0.45 and k in NEG_NOUN or k == "abdominal_mass" and x < 0.45:
                qa.append((q, "No"))
                if k not in f["neg"]:
                    f["neg"].append(k)
            elif x < 0.8:
                qa.append((q, "-"))
            else:
                qa.append((q, ""))
    covered = [k for _, k in PROFORMA_Q]
    extra = [ctx.pos_sentence(k, "C") for k in f["pos"]
             if k not in covered and k not in EXAM_POS]
    if extra:
        qa.append(("Other symptoms", " ".join(extra)))
    return qa


def L_proforma_colon(ctx):
    f, rng, d = ctx.f, ctx.rng, ctx.d
    c = core(ctx, "C")
    system = rng.choice(["EMIS Web", "SystmOne", "Vision"])
    out = ["GASTROENTEROLOGY REFERRAL QUESTIONNAIRE",
           "(printed from %s on %s - %s)" % (system, ctx.date(), ctx.practice),
           "Patient: %s    NHS number: %s    DOB: %s (%d y)" % (ctx.name, ctx.nhs_s, ctx.date(ctx.dob), f["age"]),
           "Completed by: %s" % ctx.gp, ""]
    qs = [("Main reason for referral", c["ask"])]
    qs += proforma_answers(ctx, c)
    fit = ctx.lab_str("fit") if "fit" in f["labs"] else {"awaited": "awaited", "not_done": "not done",
                                                         "declined": "declined"}.get(d.get("fit_status"), "-")
    qs.append(("FIT result (value and date)", fit + (" (%s)" % ctx.date(ctx.results_date) if "fit" in f["labs"] else "")))
    bl = [ctx.lab_str(k) for k in ("hb", "ferritin", "calpro", "alt", "ttg") if k in f["labs"]]
    if d.get("bili"):
        bl.append("bilirubin %d umol/L" % d["bili"])
    qs.append(("Latest blood / stool results", ", ".join(bl) if bl else "-"))
    other = c["cond"] + c["nonfact"] + [s for t, s in c["distr"] if t != "family"]
    fam = [s for t, s in c["distr"] if t == "family"]
    if "fh_crc" in f["conditions"] and d.get("fh"):
        fam = c["hpc"][:2]
    qs.append(("Family history of GI cancer", " ".join(fam) if fam else rng.choice(["-", "", "None known"])))
    qs.append(("Other relevant history", " ".join(other) if other else "-"))
    qs.append(("Examination findings", c["exam"] if c["exam"] else ""))
    qs.append(("Current medication", "; ".join(ctx.meds_list())))
    qs.append(("Priority requested", rng.choice(PRIO_FIELD[f["gp_priority"]])))
    for i, (q, a) in enumerate(qs, 1):
        out.append(("Q%d  %s: %s" % (i, q, a)).rstrip())
    return "\n".join(out)


def L_proforma_rightcol(ctx):
    f, rng, d = ctx.f, ctx.rng, ctx.d
    c = core(ctx, "C")
    W = 46
    out = ["%s - DIGESTIVE DISEASES REFERRAL PROFORMA" % ctx.hospital.upper(),
           "Printed %s from practice system | %s | %s" % (ctx.date(), ctx.practice, ctx.pcode), "",
           "%-*s %s" % (W, "Patient", ctx.name),
           "%-*s %s" % (W, "NHS number", ctx.nhs_s),
           "%-*s %s" % (W, "Date of birth", ctx.date(ctx.dob)),
           "%-*s %s" % (W, "Referrer", ctx.gp), "",
           "SYMPTOM CHECKLIST" + " " * (W - 16) + "ANSWER"]
    details = []
    for q, a in proforma_answers(ctx, c):
        if a.startswith("Yes - bloody diarrhoea"):
            a = "Yes (bloody diarrhoea)"
        elif a.startswith("Yes - "):
            details.append(a[6:])
            a = "Yes (see below)"
        out.append("%s %s %s" % (q, "." * max(2, W - len(q) - 1), a or ""))
    out.append("")
    fit = f["lab_text"].get("fit")
    out.append("%s %s %s" % ("FIT (ug Hb/g)", "." * (W - 14), fit if fit else {"awaited": "awaited", "not_done": "not done", "declined": "declined"}.get(d.get("fit_status"), "-")))
    for k, lab in (("hb", "Haemoglobin"), ("ferritin", "Ferritin (ug/L)"), ("calpro", "Calprotectin (ug/g)"),
                   ("alt", "ALT (U/L)")):
        if k in f["labs"]:
            val = ctx.lab_str(k).split(" ", 1)[1] if k == "hb" else f["lab_text"][k]
            if k == "hb" and ctx.disp["hb_unit"] == "g/L" and not val.endswith("g/L"):
                val += " g/L"
            out.append("%s %s %s" % (lab, "." * (W - len(lab) - 1), val))
        else:
            out.append("%s %s %s" % (lab, "." * (W - len(lab) - 1), rng.choice(["-", ""])))
    if "ttg" in f["labs"]:
        out.append("%s %s %s" % ("Coeliac serology", "." * (W - 17), ctx.lab_str("ttg")))
    out += ["", "DETAILS OF POSITIVE ANSWERS"]
    out.append(" ".join(details) if details else "-")
    more = c["cond"] + c["nonfact"] + [s for _, s in c["distr"]]
    if "fh_crc" in f["conditions"] and d.get("fh"):
        more = c["hpc"] + more
    out += ["", "OTHER INFORMATION", " ".join(more) if more else ""]
    out += ["", "QUESTION FOR THE SPECIALIST", c["ask"], "",
            "%-*s %s" % (W, "Urgency requested", rng.choice(PRIO_FIELD[f["gp_priority"]])),
            "%-*s %s" % (W, "Medication", "; ".join(ctx.meds_list()))]
    return "\n".join(out)


def sign_off(ctx, who=None):
    return "\n".join(["Yours sincerely,", "", who or ctx.gp, ctx.practice])


def L_dictated(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "M")
    trainee = rng.choice(TRAINEES)
    typist = rng.choice(["JH", "KB", "SR", "LP", "MW"])
    checked = rng.choice(["Dictated but not checked", "Dictated, typed and not yet checked by the author",
                          "Dictated; checked by supervisor %s" % ctx.gp])
    out = header_lines(ctx) + ["", ctx.date(), "",
                               "Dear Dr %s," % ctx.consultant.split()[-1], "",
                               patient_re(ctx), "",
                               "[%s - %s/%s %s]" % (checked, trainee.split(" (")[0], typist, ctx.date()), ""]
    paras = body_paragraphs(ctx, c)
    social = ctx.fmt("{He} %s and is %s %s" % (ctx.fmt(ctx.lives), ctx.job,
                                               rng.choice(["full stop", "[?]", "(inaudible) comma", ""])))
    paras.insert(1, social.strip() + ".")
    if rng.random() < 0.6 and len(paras) > 3:
        paras.insert(3, "new paragraph")
    out += [p + "\n" for p in paras]
    if "Registrar" in trainee or "FY2" in trainee:
        out.append("I have discussed %s with my supervisor, %s.\n" % (ctx.P["him"], ctx.gp))
    out += ["Yours sincerely,", "", trainee, ctx.practice]
    return "\n".join(out)


def L_ahp(ctx):
    f, rng = ctx.f, ctx.rng
    ctx.allow_phone = False
    c = core(ctx, "L")
    name, role = rng.choice(AHPS)
    setting = {"Advanced Nurse Practitioner": "in my same-day clinic",
               "Physician Associate": "in the same-day access clinic",
               "Clinical Practice Pharmacist": "for a structured medication review"}[role]
    out = header_lines(ctx) + ["", ctx.date(), "", "To the Gastroenterology Team, %s" % ctx.hospital, "",
                               patient_re(ctx), ""]
    intro = ctx.fmt("I am the %s at %s and saw {name}, who is %d, %s. I have discussed {him} with %s, who agrees with this referral." %
                    (role, ctx.practice, f["age"], setting, ctx.gp), name=ctx.short)
    out.append(intro + "\n")
    paras = body_paragraphs(ctx, c, opener=False)
    out += [p + "\n" for p in paras]
    out += ["Kind regards,", "", "%s, %s" % (name, role), ctx.practice]
    return "\n".join(out)


def coded_pos(ctx):
    return [CODED[ctx.sym_key(k)] for k in ctx.f["pos"]]


def cond_terms(ctx):
    f, d = ctx.f, ctx.d
    out = []
    c = f["conditions"]
    if "cirrhosis" in c:
        out.append("Cirrhosis of liver (%s) (%d)" % (d["aet"], d["cirr_year"]))
    if "known_ibd" in c or "ibd_stable_question" in c:
        out.append("%s (%d)" % (d["ibd"][0].upper() + d["ibd"][1:], d["ibd_year"]))
    if "fatty_liver" in c:
        out.append("Fatty liver (USS)")
    if "fh_crc" in c and d.get("fh"):
        out.append("Family history of colorectal cancer")
    return out


def history_text(ctx, c, include_fh_main=True):
    h = list(c["hpc"]) + c["cond"] + c["nonfact"]
    if c["fitstat"]:
        h.append(c["fitstat"])
    h += [s for t, s in c["distr"] if t != "family" and t != "resolved"]
    if c["neg"]:
        h.append(c["neg"])
    return " ".join(h)


def L_emis(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "C")
    prio = f["gp_priority"]
    t = "%02d:%02d" % (rng.randint(8, 17), rng.choice([0, 10, 20, 30, 40, 50]))
    out = ["EMIS Web | Consultation extract for referral | printed %s" % ctx.date(kind=1),
           "%s, %s (%s)   DOB %s   Age %dy   NHS %s" % (ctx.surname.upper(), ctx.first, ctx.title,
                                                         ctx.date(ctx.dob, 1), f["age"], ctx.nhs_s),
           "Usual GP: %s   %s [%s]" % (ctx.gp, ctx.practice, ctx.pcode),
           "-" * 66,
           "%s %s  Surgery consultation - %s" % (ctx.date(kind=1), t, ctx.gp)]
    for term in coded_pos(ctx) + cond_terms(ctx):
        out.append("    Problem        %s (New)" % term if term in coded_pos(ctx) else "    Problem        %s (Ongoing)" % term)
    out.append("    History        " + history_text(ctx, c))
    fam = [s for tt, s in c["distr"] if tt == "family"]
    if fam:
        out.append("    Family hist.   " + " ".join(fam))
    out.append("    Examination    " + (c["exam"] or "not examined"))
    out.append("    Comment        " + c["ask"])
    out.append("    Referral       Gastroenterology%s" % (" - " + rng.choice(PRIO_FIELD[prio]) if prio else ""))
    rows = ctx.lab_rows()
    if ctx.lab_keys() or ctx.d.get("bili"):
        out.append("%s        Test result (filed by %s)" % (ctx.date(ctx.results_date, 1), ctx.gp))
        for r in rows:
            out.append("    %-34s %s %s  [%s]%s" % (r[0], r[1], r[2], r[3], "  (abnormal)" if r[4] else ""))
    out.append("-" * 66)
    out.append("Problems")
    out.append("  Active: " + ", ".join(ctx.pmh + cond_terms(ctx)))
    past = [s for tt, s in c["distr"] if tt == "resolved"]
    out.append("  Past:   " + (" ".join(past) if past else "none recorded"))
    out.append("Repeat medication")
    for m in ctx.meds_list():
        out.append("  %s" % m)
    out.append("Allergies: %s" % ctx.allergy)
    return "\n".join(out)


def L_systmone(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "C")
    prio = f["gp_priority"]
    out = ["SystmOne - Referral Summary - %s" % ctx.practice,
           "Patient: %s | NHS: %s | D.O.B.: %s (%d years) | Sex: %s" % (ctx.name, ctx.nhs_s, ctx.date(ctx.dob, 2), f["age"],
                                                                     "Male" if f["sex"] == "M" else "Female"),
           "Address: %s" % ctx.addr, "",
           "ACTIVE PROBLEMS"]
    for term in coded_pos(ctx):
        out.append("  %-40s (%s)" % (term, ctx.date(ctx.letter_date - dt.timedelta(days=rng.randint(0, 14)), 2)))
    for term in cond_terms(ctx):
        out.append("  %s" % term)
    for p in ctx.pmh[:2]:
        if re.search(r"\d{4}", p):
            out.append("  %s" % (p[0].upper() + p[1:]))
        else:
            out.append("  %-40s (%d)" % (p[0].upper() + p[1:], rng.randint(2003, 2021)))
    out += ["PAST PROBLEMS"]
    past = [s for tt, s in c["distr"] if tt == "resolved"]
    out += ["  " + s for s in past] or ["  -"]
    out += ["MINOR PROBLEMS"]
    out.append("  " + rng.choice(["Viral URTI (2022)", "Ingrowing toenail (2020)", "Otitis externa (2023)", "Sprained ankle (2019)"]))
    out += ["", "JOURNAL (latest first)",
            "  %s  %s" % (ctx.date(kind=2), ctx.gp)]
    out.append("     History: " + history_text(ctx, c))
    fam = [s for tt, s in c["distr"] if tt == "family"]
    if fam:
        out.append("     Family history: " + " ".join(fam))
    out.append("     O/E: " + (c["exam"] or "-"))
    out.append("     Plan: Refer gastroenterology%s. %s" % ((" (%s)" % rng.choice(PRIO_FIELD[prio])) if prio else "", c["ask"]))
    out += ["", "REPEAT TEMPLATES"]
    meds = ctx.meds_list()
    for i, m in enumerate(meds, 1):
        out.append("  %d. %s" % (i, m))
    if ctx.lab_keys() or ctx.d.get("bili"):
        out += ["", "INVESTIGATION RESULTS (last 3 months, sampled %s)" % ctx.date(ctx.results_date, 2)]
        out += ["  " + line for line in ctx.table(ctx.lab_rows()).split("\n")]
    out += ["", "ALLERGIES / SENSITIVITIES: %s" % ctx.allergy]
    return "\n".join(out)


def L_vision(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "C")
    prio = f["gp_priority"]
    out = ["Vision  -  Patient Summary for Referral",
           "%s %s  (%s)    Sex %s    DOB %s    NHS No %s" % (ctx.first, ctx.surname.upper(), ctx.title, f["sex"],
                                                         ctx.date(ctx.dob, 3), ctx.nhs_s),
           "Registered GP: %s    %s    %s" % (ctx.gp, ctx.practice, ctx.pcode),
           "Summary printed: %s" % ctx.date(kind=3), "",
           "Active Problems:"]
    for t in cond_terms(ctx) + [p[0].upper() + p[1:] for p in ctx.pmh]:
        out.append("    %s" % t)
    past = [s for tt, s in c["distr"] if tt == "resolved"]
    out.append("Significant Past:")
    out += ["    " + s for s in past] or ["    none"]
    meds = ctx.meds_list()
    out.append("Current Repeats (%d):" % len(meds))
    out += ["    " + m for m in meds]
    out += ["", "Recent Journal:"]
    jd = ctx.date(kind=3)
    for term in coded_pos(ctx):
        out.append("  %s  [D]%s" % (jd, term))
    out.append("  %s  %s" % (jd, history_text(ctx, c)))
    fam = [s for tt, s in c["distr"] if tt == "family"]
    if fam:
        out.append("  %s  FH: %s" % (jd, " ".join(fam)))
    if c["exam"]:
        out.append("  %s  O/E - %s" % (jd, c["exam"]))
    for r in ctx.lab_rows(fillers=rng.random() < 0.5):
        out.append("  %s  %s %s %s (%s) %s" % (ctx.date(ctx.results_date, 3), r[0], r[1], r[2], r[3], r[4]))
    out.append("  %s  Referral to gastroenterology%s" % (jd, (" - " + rng.choice(PRIO_FIELD[prio])) if prio else ""))
    out.append("  %s  %s" % (jd, c["ask"]))
    return "\n".join(out)


FRAGMENTS = [
    "...and {he} has since moved in with {his} daughter, who now drives {him} to appointments.",
    "...which was normal at the time, and {he} was discharged from that clinic in 2019.",
    "...though {he} is keen to avoid hospital if at all possible and would prefer a morning appointment.",
    "...so {he} has been reluctant to come forward until now, partly because of work.",
    "...and the physiotherapist has since discharged {him} from the knee clinic.",
]


def L_continuation(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "M")
    out = ["%s%sPage 2 of 2" % (ctx.practice, " " * max(4, 58 - len(ctx.practice))),
           "Re: %s   DOB %s   NHS No %s   (continued)" % (ctx.name, ctx.date(ctx.dob), ctx.nhs_s),
           "Letter dated %s" % ctx.date(), "",
           ctx.fmt(rng.choice(FRAGMENTS)), ""]
    paras = body_paragraphs(ctx, c, opener=False)
    lead = ctx.fmt(rng.choice(["Turning to the current problem: this {a} {mw} ",
                               "To summarise why I am writing, at {n} {he} ",
                               "As for the reason for referral, this {a} {mw} "]),
                   a="%d-year-old" % f["age"], mw=ctx.manwoman, n=f["age"])
    first = paras[0]
    paras[0] = lead.rstrip() + " presents as follows. " + first if first else lead.rstrip() + "."
    out += [p + "\n" for p in paras]
    out.append(sign_off(ctx))
    return "\n".join(out)


DNA_REASONS = ["{he} was in hospital with a chest infection that week",
               "the appointment letter went to {his} old address",
               "{he} was caring for {his} husband, who had just had surgery",
               "{he} could not get transport on the day"]


def L_chaser(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "M")
    first_date = ctx.letter_date - dt.timedelta(days=rng.randint(35, 110))
    out = header_lines(ctx) + ["", ctx.date(), "", "Gastroenterology Booking Team / Consultant Triage", ctx.hospital, ""]
    if rng.random() < 0.5:
        out.append("Re: CHASING REFERRAL - %s" % ctx.name)
        out.append("DOB %s   NHS %s   Original UBRN %s" % (ctx.date(ctx.dob), ctx.nhs_s, ctx.ubrn))
        out.append("")
        out.append(ctx.fmt("I referred {name} on %s and {he} has not yet heard anything about an appointment. I would be grateful if you could look into this. For your convenience I have summarised the current position below." % ctx.date(first_date), name=ctx.short))
        ctx.d["chaser_kind"] = "chase"
    else:
        out.append("Re: RE-REFERRAL FOLLOWING DNA - %s" % ctx.name)
        out.append("DOB %s   NHS %s" % (ctx.date(ctx.dob), ctx.nhs_s))
        out.append("")
        out.append(ctx.fmt("{name} did not attend {his} appointment on %s because %s. {He} is keen to be seen and I am re-referring {him}." % (ctx.date(first_date), ctx.fmt(rng.choice(DNA_REASONS))), name=ctx.short))
        ctx.d["chaser_kind"] = "dna"
    out.append("")
    out += [p + "\n" for p in body_paragraphs(ctx, c)]
    out.append(sign_off(ctx))
    return "\n".join(out)


def L_forwarded(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "M")
    pharm = any(k in f["pos"] for k in ("reflux", "dyspepsia")) and rng.random() < 0.7
    out = header_lines(ctx) + ["", ctx.date(), "", "Dear Gastroenterology Colleague,", "", patient_re(ctx), ""]
    fwd_date = ctx.letter_date - dt.timedelta(days=rng.randint(3, 12))
    hpc = c["hpc"]
    if pharm:
        ph = rng.choice(PHARMACIES)
        ctx.d["forwarded_from"] = "pharmacy"
        out.append("The following note came to us from %s:" % ph)
        out.append("> Community Pharmacist Consultation Service - GP notification (%s)" % ctx.date(fwd_date))
        out.append(ctx.fmt("> {name} has bought indigestion remedies (Gaviscon and Rennie) several times. The pharmacist advised {him} to see {his} GP.", name=ctx.short))
        out.append("")
        out.append(ctx.fmt("I saw {him} afterwards. " + " ".join(hpc)))
    else:
        svc = rng.choice(OOH)
        ctx.d["forwarded_from"] = "ooh"
        pos_s = c["hpc_pos"]
        k = 1 if pos_s else 0
        ooh_hist = pos_s[0] if pos_s else ctx.fmt("worried about recent test results; no acute symptoms, well in {himself}.")
        hpc = pos_s[1:] + c["lead"] if pos_s else list(c["hpc"])
        if "fh_crc" in f["conditions"] and f["details"].get("fh"):
            hpc = list(c["hpc"])
        out.append("I enclose the out-of-hours record below, which reached us on %s, and I have reviewed %s since." % (ctx.date(fwd_date), ctx.P["him"]))
        out.append("---- forwarded: %s ----" % svc)
        out.append("Consultation %s %02d:%02d (%s)" % (ctx.date(fwd_date - dt.timedelta(days=1)), rng.randint(18, 23), rng.choice([5, 25, 40, 55]),
                                                    rng.choice(["telephone", "face to face at base"])))
        out.append("History: " + ooh_hist)
        out.append("Advice: see own GP for referral; 111 or 999 if worse.")
        out.append("---- end of forwarded record ----")
        out.append("")
        if hpc:
            out.append(ctx.fmt("When I saw {him}: " + " ".join(hpc)))
    out.append("")
    paras = body_paragraphs(ctx, dict(c, hpc=["-"]), opener=False)[1:]
    out += [p + "\n" for p in paras]
    out.append(sign_off(ctx))
    return "\n".join(out)


def L_care_home(ctx):
    f, rng, d = ctx.f, ctx.rng, ctx.d
    ctx.allow_phone = False
    c = core(ctx, "L")
    home = rng.choice(CARE_HOMES)
    since = rng.randint(2017, 2023)
    out = [home, "%d %s, %s" % (rng.randint(2, 60), rng.choice(STREETS), rng.choice(TOWNS)[0]), "",
           ctx.date(), "", "Dear Gastroenterology Team,", "",
           "Re: %s, DOB %s, NHS %s - resident at %s since %d" % (ctx.name, ctx.date(ctx.dob), ctx.nhs_s, home, since), ""]
    base_line = "mild Alzheimer's dementia and walks with a frame" if "cirrhosis" not in f["conditions"] else "limited mobility and walks with a frame"
    out.append(ctx.fmt("I am the GP who looks after residents at %s and am writing after reviewing {name}, who is %d, on my ward round. {He} has %s. %s" % (home, f["age"], base_line, "The care staff raised the following concerns." if f["pos"] else "I am writing with a question about {his} care."), name=ctx.short))
    out.append("")
    hpc = list(c["hpc"])
    if "weight_loss" in f["pos"]:
        w0 = rng.randint(58, 84)
        kg = d["kg"]
        mid = w0 - kg // 2
        months = [MONTHS[(ctx.letter_date.month - 1 - i) % 12] for i in (3, 2, 1, 0)]
        hpc.append("Monthly weights from the home's records: %s %d kg, %s %d kg, %s %d kg, %s %d kg. Food charts show {he} is eating well." %
                   (months[0], w0, months[1], w0 - 1, months[2], mid, months[3], w0 - kg))
        hpc[-1] = ctx.fmt(hpc[-1])
        d["weights"] = [w0, w0 - 1, mid, w0 - kg]
    out.append(" ".join(hpc))
    out.append("")
    paras = body_paragraphs(ctx, dict(c, hpc=["-"]), opener=False)[1:]
    out += [p + "\n" for p in paras]
    out.append("{He} has capacity for this decision and is happy to be referred; {his} family are aware.".format(**ctx.P) if rng.random() < 0.5 else "Best interests discussion held with the family, who support referral.")
    out.append("")
    out += ["Yours faithfully,", "", ctx.gp, "GP with responsibility for %s, %s" % (home, ctx.practice)]
    return "\n".join(out)


def L_interpreter(ctx):
    f, rng = ctx.f, ctx.rng
    ctx.allow_phone = False
    c = core(ctx, "L")
    lang = rng.choice(LANGUAGES)
    ctx.d["language"] = lang
    how = rng.choice(["a telephone %s interpreter (Language Line)" % lang, "a professional %s interpreter in the room" % lang,
                      "a video %s interpreter" % lang])
    out = header_lines(ctx) + ["", ctx.date(), "", "Dear Colleague,", "", patient_re(ctx),
                               "INTERPRETER REQUIRED: %s" % lang, ""]
    out.append(ctx.fmt("I saw {name}, %s %d-year-old %s, today with %s, as {he} speaks very little English. Everything below was obtained through the interpreter." %
                       (article(f["age"]), f["age"], ctx.manwoman, how), name=ctx.short))
    out.append("")
    paras = body_paragraphs(ctx, c, opener=False)
    out += [p + "\n" for p in paras]
    out.append("Please book a %s interpreter for any appointment or procedure." % lang)
    out.append("")
    out.append(sign_off(ctx))
    return "\n".join(out)


def L_buried(ctx):
    f, rng = ctx.f, ctx.rng
    c = core(ctx, "M")
    out = header_lines(ctx) + ["", ctx.date(), "", "Dear Dr %s," % ctx.consultant.split()[-1], "", patient_re(ctx), ""]
    drink = "" if "alcohol" in f["nonfact"] else ", and drinks about %d units of alcohol a week" % ctx.units
    care = (ctx.fmt("{He} has carers %s and manages {his} own medication from a dosette box. " %
                    rng.choice(["once a day", "twice a week", "for shopping only"]))
            if f["age"] >= 70 else ctx.fmt("{He} manages {his} own medication. "))
    social = ctx.fmt("By way of background, {name} is %d and %s. {He} is %s, %s%s. "
                     "{He} has had a difficult couple of years: {his} %s died in 2022 and {he} has been supported by the community mental health team, "
                     "with whom {he} still has contact. %s{He} enjoys %s." % (
                         f["age"], ctx.fmt(ctx.lives), ctx.job, ctx.smoke, drink,
                         rng.choice(["brother", "sister", "best friend", "dog"]), care,
                         rng.choice(["bowls", "the allotment", "church choir", "fishing", "walking the dog"])),
                     name=ctx.short)
    out.append(social + "\n")
    pool = [p for p in pmh_for(f["age"], f["sex"]) if p not in ctx.pmh]
    pmh = ctx.pmh + rng.sample(pool, min(len(pool), 3 if f["age"] >= 40 else 1))
    out.append("Past medical history: " + ("; ".join(pmh) if pmh else "nil significant") + ".\n")
    meds = ctx.meds_list() + ["%s %s" % m for m in meds_from_pmh(pmh, f["age"], f["sex"]) if m not in ctx.meds]
    meds = [m for m in meds if m != "no regular medication"] or ["no regular medication"]
    out.append("Current medication:")
    out += ["  %d) %s" % (i, m) for i, m in enumerate(meds, 1)]
    out.append("Allergies: %s\n" % ctx.allergy)
    past = [s for t, s in c["distr"] if t == "resolved"]
    if past:
        out.append(" ".join(past) + "\n")
    c2 = dict(c)
    c2["distr"] = [x for x in c["distr"] if x[0] != "resolved"]
    paras = body_paragraphs(ctx, c2, opener=False)
    leads = ["The reason I am writing now is as follows.", "Turning, finally, to why I am referring {him}:"]
    if f["pos"]:
        leads.append("{He} came to see me with a new problem.")
    paras[0] = ctx.fmt(rng.choice(leads)) + " " + paras[0]
    paras = [p for p in paras if not p.startswith("Past history:")]
    out += [p + "\n" for p in paras]
    out.append(sign_off(ctx))
    return "\n".join(out)


LAYOUTS = {
    "dear_doctor": L_dear_doctor, "terse_request": L_terse, "ers_referral_letter": L_ers_standard,
    "ers_export_boxed": L_ers_box, "tww_lower_gi_present_absent": L_tww_lower_pan,
    "tww_upper_gi_delete_word": L_tww_upper_delete, "tww_fit_numeric_tickbox": L_tww_numeric,
    "proforma_colon_answers": L_proforma_colon, "proforma_right_column": L_proforma_rightcol,
    "dictated_trainee_locum": L_dictated, "ahp_nurse_pa_pharmacist": L_ahp,
    "emis_consultation_extract": L_emis, "systmone_summary_extract": L_systmone,
    "vision_summary_extract": L_vision, "continuation_page2": L_continuation,
    "chaser_or_dna_rereferral": L_chaser, "forwarded_ooh_or_pharmacy": L_forwarded,
    "care_home_letter": L_care_home, "interpreter_letter": L_interpreter,
    "buried_reason_long_history": L_buried,
}
COMMON_LAYOUTS = ["dear_doctor", "terse_request", "ers_referral_letter"]
TWW_LAYOUTS = ["tww_lower_gi_present_absent", "tww_upper_gi_delete_word", "tww_fit_numeric_tickbox"]


def compatible(style, f, rule):
    if style == "tww_upper_gi_delete_word":
        return f["area"] == "upper"
    if style in ("tww_lower_gi_present_absent", "tww_fit_numeric_tickbox"):
        return (f["area"] in ("lower", "general") and "bloody_diarrhoea" not in f["pos"] and
                rule not in ("O3",) and f["details"].get("d_kind") not in (
                    "polyp_surveillance", "liver_normal_alt", "nausea"))
    if style == "care_home_letter":
        return f["age"] >= 68
    if style == "terse_request":
        return True
    return True


# --------------------------------------------------------------------------
# Scanning noise
# --------------------------------------------------------------------------
PROTECTED = {"no", "not", "nil", "none", "denies", "denied", "deny", "without", "absent",
             "negative", "never", "neither", "nor", "non", "yes", "present", "known",
             "xxx", "free", "undetectable", "positive", "unintentional", "intentional",
             "deliberately", "unexplained", "explained", "resolved", "since", "normal",
             "declined", "awaited", "stable", "steady", "denied.", "cannot", "unable"}
CONFUSIONS = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("li", "h"), ("e", "c"), ("i", "l"),
              ("h", "b"), ("u", "v"), ("t", "f"), ("l", "1"), ("O", "0")]
PROTECTED |= {m.lower() for m in MONTHS} | {m[:3].lower() for m in MONTHS}
TICKED = ["[x]", "[X]", "(x)", "☒", "|X|", "[×]"]
EMPTY = ["[ ]", "[  ]", "[_]", "☐", "( )", "[]"]
WORD_RE = re.compile(r"[A-Za-z]+")


def is_protected(word):
    w = word.lower().strip(".,;:()\"'")
    return w in PROTECTED or "'" in word or any(ch.isdigit() for ch in word)


def confuse_word(w, rng):
    opts = []
    for a, b in CONFUSIONS:
        start = 1
        while True:
            j = w.find(a, start)
            if j < 1 or j + len(a) >= len(w):
                break
            opts.append((j, a, b))
            start = j + 1
    if not opts:
        return w
    j, a, b = rng.choice(opts)
    return w[:j] + b + w[j + len(a):]


def ocr_noise(text, ctx, rng):
    header = "%s - scanned document - %s" % (ctx.practice, ctx.date())
    inserted = []
    lines = text.split("\n")
    out = []
    for ln in lines:
        # ticks and boxes: misread, but a ticked box always stays visibly ticked
        ln = ln.replace("☒", "\x01").replace("☐", "\x02")
        ln = ln.replace("[x]", "\x01").replace("[ ]", "\x02")
        ln = re.sub("\x01", lambda m: rng.choice(TICKED), ln)
        ln = re.sub("\x02", lambda m: rng.choice(EMPTY), ln)
        # character confusions inside alphabetic words
        def sub(m):
            w = m.group(0)
            if len(w) < 4 or is_protected(w) or rng.random() > 0.05:
                return w
            return confuse_word(w, rng)
        toks = re.split(r"(\s+)", ln)
        for i, t in enumerate(toks):
            if t and not t.isspace() and not is_protected(t):
                toks[i] = WORD_RE.sub(sub, t)
        ln = "".join(toks)
        # misaligned columns
        if re.search(r"\S {2,}\S", ln) and rng.random() < 0.5:
            ln = re.sub(r"(?<=\S) {2,}(?=\S)", lambda m: " " * max(2, len(m.group(0)) + rng.randint(-3, 5)), ln)
        if rng.random() < 0.08:
            ln = rng.choice(["| ", "' ", "  "]) + ln
        # broken lines
        while len(ln) > 78 and rng.random() < 0.6:
            cut = None
            for pos in range(rng.randint(55, 72), 30, -1):
                if ln[pos] == " ":
                    before = ln[:pos].split(" ")[-1]
                    after = ln[pos + 1:].split(" ")[0]
                    if any(ch.isdigit() for ch in before + after) or is_protected(before):
                        continue
                    cut = pos
                    break
            if cut is None:
                break
            nxt = ln[cut + 1:]
            word = nxt.split(" ")[0]
            if len(word) >= 9 and word.isalpha() and not is_protected(word) and rng.random() < 0.35:
                k = rng.randint(3, len(word) - 4)
                out.append(ln[:cut + 1] + word[:k] + "-")
                ln = word[k:] + nxt[len(word):]
            else:
                out.append(ln[:cut])
                ln = nxt
        out.append(ln)
    # repeated page header at the top and again part-way through
    out.insert(0, header)
    inserted.append(header)
    mid = len(out) // 2
    if len(out) > 8:
        while mid < len(out) - 1 and out[mid].strip() and not out[mid - 1].strip() == "":
            mid += 1
        h2 = header + " (p.2)"
        out.insert(mid, h2)
        inserted.append(h2)
        if rng.random() < 0.5:
            pl = "Patient: %s, %s   NHS: %s" % (ctx.surname.upper(), ctx.first, ctx.nhs_s)
            out.insert(mid + 1, pl)
            inserted.append(pl)
    if rng.random() < 0.4:
        noise = rng.choice(["~ ~  .  ,", ". ' . .", "___ ____ _"])
        out.insert(rng.randint(1, len(out)), noise)
        inserted.append(noise)
    return "\n".join(out), inserted


def digit_signature(text):
    """Digits in order, ignoring digits wedged between two letters (OCR l/1, O/0)."""
    out = []
    for i, ch in enumerate(text):
        if ch.isdigit():
            l = text[i - 1] if i else " "
            r = text[i + 1] if i + 1 < len(text) else " "
            if l.isalpha() and r.isalpha():
                continue
            out.append(ch)
    return "".join(out)


NEG_WORDS = ["no", "not", "nil", "denies", "denied", "without", "absent", "negative", "none",
             "never", "declined"]


def neg_signature(text):
    words = re.findall(r"[A-Za-z']+", text.lower())
    return [w for w in words if w in NEG_WORDS]


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------
def choose_gp_priority(rng, label, style):
    if style in TWW_LAYOUTS:
        return "urgent_suspected_cancer"
    x = rng.random()
    if x < 0.16:
        return None
    if x < 0.56:
        return label
    higher = [l for l in URGENCY_LEVEL if URGENCY_LEVEL[l] > URGENCY_LEVEL[label]]
    lower = [l for l in URGENCY_LEVEL if URGENCY_LEVEL[l] < URGENCY_LEVEL[label]]
    if higher and (not lower or rng.random() < 0.5):
        return rng.choice(higher)
    return rng.choice(lower)


def dur_weeks(d):
    n, unit = d.split()
    return int(n) * (1 if unit.startswith("week") else 4.3)


def build_facts(lid, rule, i):
    for attempt in range(200):
        rng = stream(lid, "facts", attempt)
        f = BUILDERS[rule](rng, i)
        if f.get("ppi_weeks"):
            longer = [x for x in DURS + ["9 months", "12 months"] if dur_weeks(x) > f["ppi_weeks"] + 2]
            for k in ("reflux", "dyspepsia"):
                if k in f["pos"]:
                    f["details"]["dur"][k] = rng.choice(longer)
        if derive_unique(f) == [rule]:
            f["details"]["attempt"] = attempt
            return f
    raise RuntimeError("could not build %s %s" % (lid, rule))


def main():
    plan = []
    for rule in RULE_ORDER:
        for i in range(COUNTS[rule]):
            plan.append((rule, i))
    stream("order").shuffle(plan)
    n = len(plan)
    ids = ["L6-%04d" % (k + 1) for k in range(n)]
    facts = {}
    for lid, (rule, i) in zip(ids, plan):
        facts[lid] = build_facts(lid, rule, i)
    # styles: balance counts among compatible layouts
    counts = {s: 0 for s in LAYOUTS}
    styles = {}
    order = list(ids)
    stream("style-order").shuffle(order)
    for lid in order:
        rule = plan[ids.index(lid)][0]
        comp = [s for s in LAYOUTS if compatible(s, facts[lid], rule)]
        m = min(counts[s] for s in comp)
        pick = stream(lid, "style").choice([s for s in comp if counts[s] == m])
        styles[lid] = pick
        counts[pick] += 1
    # scanning noise for ~15% (not e-RS electronic exports)
    eligible = [lid for lid in ids if styles[lid] not in ("ers_referral_letter", "ers_export_boxed")]
    eligible.sort(key=lambda lid: stream(lid, "ocr-pick").random())
    ocr_ids = set(eligible[:round(0.15 * n)])

    used_nhs = set()
    letters, metas = [], []
    for lid, (rule, i) in zip(ids, plan):
        f = facts[lid]
        urg, path = RULE_LABELS[rule]
        style = styles[lid]
        f["gp_priority"] = choose_gp_priority(stream(lid, "gp"), urg, style)
        ctx = Ctx(lid, f, style, used_nhs)
        text = LAYOUTS[style](ctx)
        text = re.sub(r"[ \t]+\n", "\n", text).strip() + "\n"
        text = re.sub(r"\n{3,}", "\n\n", text)
        ocr = lid in ocr_ids
        if ocr:
            clean = text
            text, inserted = ocr_noise(text, ctx, stream(lid, "ocr"))
            stripped = "\n".join(l for l in text.split("\n") if l not in inserted)
            assert digit_signature(stripped.replace("\n", " ")) == digit_signature(clean.replace("\n", " ")) or \
                digit_signature(stripped.replace("-\n", "").replace("\n", " ")) == digit_signature(clean.replace("\n", " ")), lid
            assert neg_signature(stripped.replace("-\n", "")) == neg_signature(clean), lid
        # final consistency: the facts as rendered still give exactly this rule
        got = derive_unique(f)
        assert got == [rule], (lid, rule, got)
        nw = len(text.split())
        assert 20 <= nw <= 700, (lid, style, nw)
        assert ctx.nhs in re.sub(r"[ -]", "", text), lid
        rec = {"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule,
               "style": style, "gp_priority": f["gp_priority"], "age": f["age"], "ocr": ocr}
        letters.append(rec)
        meta = {"id": lid, "rule": rule, "style": style, "age": f["age"], "sex": f["sex"],
                "dob": ctx.dob.isoformat(), "letter_date": ctx.letter_date.isoformat(),
                "nhs_number": ctx.nhs, "patient": ctx.name, "area": f["area"],
                "pos": f["pos"], "pain_site": f["pain_site"], "conditions": f["conditions"],
                "labs": f["labs"], "lab_text": f["lab_text"], "ppi_weeks": f["ppi_weeks"],
                "neg": f["neg"], "distractors": [{"type": x["type"], "key": x["key"]} for x in f["distractors"]],
                "nonfact": f["nonfact"], "gp_priority": f["gp_priority"], "ocr": ocr,
                "details": f["details"]}
        metas.append(meta)
    with open(os.path.join(OUT_DIR, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for r in letters:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT_DIR, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for r in metas:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d letters (%d with scanning noise)" % (len(letters), len(ocr_ids)))


if __name__ == "__main__":
    main()
