#!/usr/bin/env python3
"""Build test set 5 of fictional UK GP referral letters to gastroenterology.

Standard library only, seeded and deterministic.  Writes letters.jsonl and
letters_meta.jsonl next to this file.  Labels follow
/work/shared/clinical/referral-triage-spec.md (first matching rule wins).

    python3 make_set.py
"""
import datetime as dt
import json
import os
import random
import re

SEED = 505
HERE = os.path.dirname(os.path.abspath(__file__))

URG = {
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

# how many letters per rule (340 in all; ~30/15/35/20 urgency mix)
PLAN = [
    ("U1", 14), ("U2", 10), ("U3", 18), ("U4", 16), ("U5", 12), ("U6", 8),
    ("U7", 10), ("U8", 14),
    ("R1", 20), ("R2", 16), ("R3", 15),
    ("O1", 16), ("O2", 16), ("O4", 16), ("O5", 20), ("O6", 24), ("D", 27),
    ("O3", 16), ("A1", 22), ("A2", 18), ("A3", 12),
]

# ----------------------------------------------------------------------------
# fictional people and places
# ----------------------------------------------------------------------------
FIRST_M = ["Alan", "Barry", "Callum", "Dmitri", "Eamon", "Farhan", "Gareth", "Hamish",
           "Idris", "Jonah", "Kwame", "Lionel", "Marek", "Neville", "Oluwaseun", "Piers",
           "Rhodri", "Stanley", "Tariq", "Vikram", "Wilfred", "Yusuf", "Cedric", "Desmond",
           "Ewan", "Fergus", "Godfrey", "Harvey", "Ivor", "Jasper", "Kieran", "Lorcan"]
FIRST_F = ["Agnes", "Bethan", "Catriona", "Delyth", "Eilidh", "Fatima", "Gwen", "Hollie",
           "Imogen", "Joanna", "Kerry", "Lorna", "Maude", "Niamh", "Olwen", "Priya",
           "Rosalind", "Siobhan", "Tamsin", "Una", "Valerie", "Winifred", "Yasmin", "Zara",
           "Aoife", "Brenda", "Cerys", "Dorcas", "Esme", "Freya", "Greta", "Hazel"]
SURNAMES = ["Abernethy", "Blackwood", "Carmody", "Dunleavy", "Ellery", "Fairclough",
            "Gilchrist", "Hollingworth", "Ibbotson", "Jessop", "Kilbride", "Lathbury",
            "Mcilroy", "Nettleship", "Oyelaran", "Pennycook", "Quarrie", "Rawcliffe",
            "Sowerby", "Tregarthen", "Underhill", "Villiers", "Whitelock", "Yeardley",
            "Achterberg", "Boateng", "Chaudhry", "Dzierzak", "Esterhuizen", "Ferrante",
            "Grzelak", "Hussain", "Iqbal", "Jankowski", "Kaur", "Lindqvist", "Mbatha",
            "Nakamura", "O'Driscoll", "Petrakis", "Rahman", "Szabo", "Thorogood", "Umeh"]
PRACTICES = [
    ("Brackenfold Surgery", "P84217", "14 Mill Race, Brackenfold, BF3 7QT", "01632 960 114"),
    ("Castlegate Medical Centre", "Q71302", "Castlegate House, Low Street, Kettering Vale, KV1 2DD", "01632 960 572"),
    ("The Orchard Practice", "M90455", "2 Pippin Way, Ashcombe, AS9 4LR", "01632 960 809"),
    ("Saltmarsh Health Centre", "L23018", "Quay Road, Saltmarsh, SM2 8PP", "01632 960 331"),
    ("Hollins Lane Surgery", "N66120", "55 Hollins Lane, Thornby, TH4 1XE", "01632 960 447"),
    ("Riverside & Weir Partnership", "K12987", "The Weir Building, Bridge St, Rydal Cross, RC6 3JN", "01632 960 290"),
    ("Moorview Family Practice", "J48851", "Moorview Road, Heddon Moor, HM7 2WA", "01632 960 683"),
    ("St Brannoc's Medical Group", "H30764", "Church Lane, Porthbrannoc, PB1 5TY", "01632 960 925"),
    ("Kingfisher Primary Care", "G55309", "Unit 3, Kingfisher Retail Park, Alderley Marsh, AM3 9GH", "01632 960 158"),
    ("Ladywell Road Surgery", "F21446", "101 Ladywell Road, Stenhouse, SH5 0AB", "01632 960 736"),
]
GP_NAMES = ["Dr Helena Marchbank", "Dr Obi Nwachukwu", "Dr Sarah-Jane Pollitt", "Dr Rupert Esterby",
            "Dr Anjali Deshmukh", "Dr Tomasz Wierzbicki", "Dr Fionnuala Brady", "Dr Kenji Ashworth",
            "Dr Megan Tull", "Dr Ibrahim Sesay", "Dr Clare Fenwick", "Dr Duncan Ogilvie"]
REGISTRARS = ["Dr Leah Corrigan (GPST3)", "Dr Amir Rostami (GP registrar)", "Dr Bea Lunt, ST2 GP"]
NPS = ["Jo Kettleborough, ANP", "Sam Varga, Advanced Nurse Practitioner", "Debbie Oakes ANP (non-medical prescriber)"]
HOSPITALS = ["Eastmere General Hospital", "Royal Calder Infirmary", "Westbrook University Hospital",
             "North Fenwick District Hospital"]
CONSULTANTS = ["Dr P. Halloran", "Dr M. Okonjo", "Dr R. Featherstone", "Dr L. Castellanos",
               "Dr S. Varadarajan", "Colleague"]
STREETS = ["Acacia Road", "Bellfield Close", "Cobbler's Row", "Dove Terrace", "Elm Grove",
           "Foundry Lane", "Garth Crescent", "Hazel Mews", "Ivy Bank", "Juniper Walk"]
TOWNS = ["Brackenfold", "Ashcombe", "Saltmarsh", "Thornby", "Heddon Moor", "Stenhouse"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def nhs_number(r):
    while True:
        d = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        total = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - total % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d)) + str(c)


def fmt_nhs(n, r):
    k = r.randint(0, 3)
    if k == 0:
        return n
    if k == 1:
        return n[:3] + " " + n[3:6] + " " + n[6:]
    if k == 2:
        return n[:3] + "-" + n[3:6] + "-" + n[6:]
    return n[:3] + " " + n[3:6] + " " + n[6:]


def fmt_date(d, r, kind=None):
    k = r.randint(0, 5) if kind is None else kind
    if k == 0:
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if k == 1:
        return "%d.%d.%04d" % (d.day, d.month, d.year)
    if k == 2:
        return "%d %s %04d" % (d.day, MONTHS[d.month - 1], d.year)
    if k == 3:
        return "%02d-%s-%04d" % (d.day, MONTHS[d.month - 1], d.year)
    if k == 4:
        return "%d %s %04d" % (d.day, MONTHS_LONG[d.month - 1], d.year)
    return "%02d/%02d/%02d" % (d.day, d.month, d.year % 100) if d.year >= 2000 else \
        "%02d/%02d/%04d" % (d.day, d.month, d.year)


def age_on(dob, when):
    a = when.year - dob.year
    if (when.month, when.day) < (dob.month, dob.day):
        a -= 1
    return a


def make_dob(age, letter_date, r):
    while True:
        back = r.randint(0, 364)
        try:
            anchor = letter_date.replace(year=letter_date.year - age)
        except ValueError:
            anchor = letter_date.replace(year=letter_date.year - age, day=28)
        dob = anchor - dt.timedelta(days=back)
        if age_on(dob, letter_date) == age:
            return dob


# ----------------------------------------------------------------------------
# facts and the labeller (the spec's Rules table, first match wins)
# ----------------------------------------------------------------------------
SYMPTOM_KEYS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass", "jaundice",
                "rb", "wl", "abdo_pain", "upper_pain", "reflux", "dyspepsia", "cibh", "bloating",
                "bloody_diarrhoea", "haematemesis", "other_symptom"]


def blank_facts():
    return {
        "sex": None, "age": None,
        "dysphagia": False, "rectal_mass": False, "anal_mass": False, "anal_ulcer": False,
        "abdo_mass": None,  # None or location string
        "jaundice": False, "rb": False, "wl": None,  # wl: None or kg
        "abdo_pain": False, "upper_pain": False, "reflux": False, "dyspepsia": False,
        "ppi_weeks": None, "cibh": None,  # cibh: None / 'loose' / 'constipated' / 'alternating'
        "bloating": False, "bloody_diarrhoea": False, "haematemesis": False,
        "cirrhosis": False, "ascites": False, "confusion": False,
        "ibd_known": None, "ibd_question": None, "fatty_liver": False,
        "hb": None, "ferritin": None, "fit": None, "calpro": None, "alt": None,
        "ttg": None, "ttg_uln": None,
        "fh_crc": None, "other_symptom": None, "d_kind": None,
        "fit_pending": None,
    }


def fit_value(f):
    v = f["fit"]
    if v is None:
        return None
    if isinstance(v, str):
        return 0.0  # "<4", "negative", "undetectable": below 10
    return float(v)


def label(f, upper_as_abdo=False, bd_as_rb=False, a1_strict=False):
    age = f["age"]
    anaemia = f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    ida = anaemia and irondef
    fit = fit_value(f)
    cal = f["calpro"]
    if isinstance(cal, str):
        cal = 0  # "<20": below any threshold
    alt = f["alt"]
    rb = f["rb"] or (bd_as_rb and f["bloody_diarrhoea"])
    cibh = bool(f["cibh"]) or (bd_as_rb and f["bloody_diarrhoea"])
    pain = f["abdo_pain"] or (upper_as_abdo and f["upper_pain"])
    wl = f["wl"] is not None
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (f["upper_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdo_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and pain) or (age >= 60 and cibh)):
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
    if f["ibd_known"] and f["ibd_question"]:
        return "O3"
    if f["ttg"] is not None and f["ttg"] > f["ttg_uln"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    if age < 50 and (pain or f["bloating"] or cibh) and \
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        clean = not (wl or rb or anaemia or irondef or f["upper_pain"] or f["dyspepsia"]
                     or f["reflux"] or f["jaundice"])
        if clean or not a1_strict:
            return "A1"
    if (rb or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    has_symptom = any(bool(f[k]) for k in SYMPTOM_KEYS)
    if f["fh_crc"] and not has_symptom:
        return "A3"
    return "D"


def ambiguous(f):
    """True when a reasonable reading of the spec could give a different rule."""
    base = label(f)
    for kw in ({"upper_as_abdo": True}, {"bd_as_rb": True}, {"a1_strict": True},
               {"upper_as_abdo": True, "bd_as_rb": True, "a1_strict": True}):
        if label(f, **kw) != base:
            return True
    # thresholds exactly on the boundary of "< 30" for ferritin etc. are fine; avoid
    # a known IBD patient who also has a fresh red-flag picture (stable means stable)
    if f["ibd_known"] and f["ibd_question"] and base not in ("O3",) and base[0] == "O":
        return True
    return False


# ----------------------------------------------------------------------------
# builders: one per rule; each returns a facts dict meant to hit that rule
# ----------------------------------------------------------------------------
def anaemic_hb(sex, r):
    return r.randint(72, 128) if sex == "M" else r.randint(70, 118)


def normal_hb(sex, r):
    return r.randint(131, 168) if sex == "M" else r.randint(121, 150)


def add_normal_bloods(f, r, p=0.5):
    if f["hb"] is None and r.random() < p:
        f["hb"] = normal_hb(f["sex"], r)
        if r.random() < 0.5:
            f["ferritin"] = r.randint(35, 260)
    if f["alt"] is None and r.random() < p * 0.6:
        f["alt"] = r.randint(9, 37)


def low_fit(r):
    return r.choice(["<4", "negative", "undetectable", 4, 5, 6, 7, 8, 9, 3, 2, "<4"])


def b_U1(f, r):
    f["age"] = r.randint(34, 89)
    f["dysphagia"] = True
    if r.random() < 0.4:
        f["wl"] = r.randint(2, 12)
    if r.random() < 0.4:
        f["reflux"] = True
    if r.random() < 0.2:
        f["ppi_weeks"] = r.choice([4, 6, 8, 12])
    if r.random() < 0.15:
        f["haematemesis"] = True
    add_normal_bloods(f, r)


def b_U2(f, r):
    f["age"] = r.randint(31, 86)
    k = r.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
    f[k] = True
    if r.random() < 0.6:
        f["rb"] = True
    if r.random() < 0.35:
        f["fit"] = low_fit(r) if r.random() < 0.5 else r.randint(12, 300)
    if r.random() < 0.3:
        f["cibh"] = r.choice(["loose", "constipated"])
    add_normal_bloods(f, r)


def b_U3(f, r):
    f["age"] = r.randint(24, 88)
    f["fit"] = r.choice([10, r.randint(10, 30), r.randint(30, 150), r.randint(150, 400), ">400"])
    if f["fit"] == ">400":
        f["fit"] = 401
    sym = r.sample(["rb", "cibh", "abdo_pain", "bloating"], r.randint(1, 2))
    for s in sym:
        f[s] = r.choice(["loose", "constipated", "alternating"]) if s == "cibh" else True
    if r.random() < 0.2:
        f["calpro"] = r.randint(20, 90)
    add_normal_bloods(f, r)


def b_U4(f, r):
    f["age"] = r.randint(19, 87)
    edge = r.random() < 0.2
    if edge and f["sex"] == "M":
        f["hb"] = r.randint(120, 129)  # anaemic for a man although >= 120
    else:
        f["hb"] = anaemic_hb(f["sex"], r)
    f["ferritin"] = r.choice([r.randint(2, 15), r.randint(3, 29), 29])
    extra = r.random()
    if extra < 0.25:
        f["fit"] = low_fit(r)
        if f["age"] >= 50:
            f["cibh"] = "loose"
    elif extra < 0.4:
        f["ttg"] = r.randint(30, 200)
        f["ttg_uln"] = r.choice([7, 10, 15])
        f["bloating"] = True
    elif extra < 0.55:
        f["dyspepsia"] = True
        f["ppi_weeks"] = r.choice([None, 4, 8])
    else:
        f["other_symptom"] = r.choice(["tiredness", "breathlessness on exertion", "pica"])


def b_U5(f, r):
    f["age"] = r.randint(55, 89)
    f["wl"] = r.randint(3, 14)
    for k in r.sample(["upper_pain", "reflux", "dyspepsia"], r.randint(1, 2)):
        f[k] = True
    if r.random() < 0.5:
        f["ppi_weeks"] = r.choice([2, 4, 6, 8, 16])
    add_normal_bloods(f, r)


def b_U6(f, r):
    f["age"] = r.randint(30, 86)
    f["abdo_mass"] = r.choice(["right iliac fossa", "left iliac fossa", "epigastrium",
                               "left upper quadrant", "right flank", "suprapubic region",
                               "periumbilical area"])
    if r.random() < 0.5:
        f["abdo_pain"] = True
    if r.random() < 0.3:
        f["fit"] = low_fit(r)
    add_normal_bloods(f, r)


def b_U7(f, r):
    f["age"] = r.randint(40, 91)
    f["jaundice"] = True
    if r.random() < 0.4:
        f["alt"] = r.choice([r.randint(45, 250), r.randint(300, 700)])
    if r.random() < 0.4:
        f["wl"] = r.randint(2, 9)
        if f["age"] >= 55:
            pass
    if r.random() < 0.3:
        f["other_symptom"] = "generalised itch"


def b_U8(f, r):
    k = r.choice(["rb", "wlpain", "cibh"])
    if k == "rb":
        f["age"] = r.randint(50, 84)
        f["rb"] = True
    elif k == "wlpain":
        f["age"] = r.randint(40, 80)
        f["wl"] = r.randint(3, 10)
        f["abdo_pain"] = True
    else:
        f["age"] = r.randint(60, 90)
        f["cibh"] = r.choice(["loose", "constipated", "alternating"])
    if r.random() < 0.5:
        f["fit_pending"] = r.choice(["awaited", "declined", "kit given", "not returned"])
    add_normal_bloods(f, r)


def b_R1(f, r):
    if r.random() < 0.55:
        f["age"] = r.randint(17, 49)
        f["bloody_diarrhoea"] = True
        f["cibh"] = "loose"
        if r.random() < 0.5:
            f["calpro"] = r.randint(300, 1800)
        if r.random() < 0.3:
            f["abdo_pain"] = True
    else:
        f["calpro"] = r.choice([250, r.randint(251, 600), r.randint(600, 2500)])
        if r.random() < 0.75:
            f["age"] = r.randint(16, 59)
            f["cibh"] = "loose"
        else:
            f["age"] = r.randint(60, 78)
            f["cibh"] = "loose"
            f["fit"] = low_fit(r)
        if r.random() < 0.4:
            f["abdo_pain"] = True
    add_normal_bloods(f, r)


def b_R2(f, r):
    if r.random() < 0.5:
        f["age"] = r.randint(38, 76)
        f["cirrhosis"] = True
        if r.random() < 0.6:
            f["ascites"] = True
        if not f["ascites"] or r.random() < 0.3:
            f["confusion"] = True
        if r.random() < 0.5:
            f["alt"] = r.randint(20, 90)
    else:
        f["alt"] = r.choice([300, r.randint(300, 600), r.randint(600, 2400)])
        if r.random() < 0.5:
            f["age"] = r.randint(18, 39)
            if r.random() < 0.5:
                f["jaundice"] = True
        else:
            f["age"] = r.randint(40, 75)
    add_normal_bloods(f, r, 0.3)


def b_R3(f, r):
    f["age"] = r.randint(19, 85)
    f["haematemesis"] = True
    if r.random() < 0.4:
        f["dyspepsia"] = True
    if r.random() < 0.3 and f["age"] < 55:
        f["upper_pain"] = True
    f["hb"] = normal_hb(f["sex"], r)


def b_O1(f, r):
    f["age"] = r.randint(55, 88)
    f["dyspepsia"] = True
    f["ppi_weeks"] = r.choice([4, 6, 8, 12, 26, 52])
    if r.random() < 0.4:
        f["reflux"] = True
    if r.random() < 0.3:
        f["upper_pain"] = True
    add_normal_bloods(f, r, 0.7)


def b_O2(f, r):
    f["calpro"] = r.choice([100, r.randint(100, 249), 249, r.randint(120, 200)])
    if r.random() < 0.8:
        f["age"] = r.randint(16, 59)
    else:
        f["age"] = r.randint(60, 80)
        f["fit"] = low_fit(r)
    f["cibh"] = r.choice(["loose", "loose", "alternating"])
    if r.random() < 0.5:
        f["abdo_pain"] = True
    add_normal_bloods(f, r)


IBD_QUESTIONS = [
    "whether it is reasonable to stop mesalazine now that she is planning a pregnancy",
    "whether azathioprine needs to stop before her shingles vaccination",
    "when his next surveillance colonoscopy is due as we have no record",
    "whether she can reduce mesalazine from 2.4 g to 1.2 g daily",
    "how often bloods should be monitored on azathioprine now he is stable",
    "whether he needs a bone density scan after several steroid courses in the past",
    "whether she should continue vitamin D and calcium long term",
    "if the practice can take over the prescribing of his budesonide MMX taper",
    "whether mesalazine needs renal monitoring and how often",
    "whether it is safe to use an NSAID short term for her knee",
]


def b_O3(f, r):
    f["age"] = r.randint(19, 76)
    f["ibd_known"] = r.choice(["ulcerative colitis", "Crohn's disease", "UC", "ileal Crohn's",
                               "left-sided UC"])
    q = r.choice(IBD_QUESTIONS)
    if f["sex"] == "M":
        q = re.sub(r"\bshe\b", "he", q)
        q = re.sub(r"\bher\b", "his", q)
        if "pregnancy" in q:
            q = "whether it is reasonable to stop mesalazine after 6 years in remission"
    else:
        q = re.sub(r"\bhe\b", "she", q)
        q = re.sub(r"\bhis\b", "her", q)
    f["ibd_question"] = q
    if r.random() < 0.5:
        f["calpro"] = r.randint(10, 95)
    add_normal_bloods(f, r, 0.6)


def b_O4(f, r):
    f["age"] = r.randint(16, 59)
    f["ttg"] = r.choice([r.randint(20, 60), r.randint(60, 128), 129])
    f["ttg_uln"] = r.choice([7, 10, 15, 20])
    if f["ttg"] <= f["ttg_uln"]:
        f["ttg"] = f["ttg_uln"] * 4
    for k in r.sample(["bloating", "cibh", "abdo_pain", "other_symptom"], r.randint(1, 2)):
        if k == "cibh":
            f["cibh"] = "loose"
        elif k == "other_symptom":
            f["other_symptom"] = "tiredness"
        else:
            f[k] = True
    if r.random() < 0.3:
        f["hb"] = anaemic_hb(f["sex"], r)
        f["ferritin"] = r.randint(45, 180)  # anaemic but not iron deficient
    else:
        add_normal_bloods(f, r, 0.7)


def b_O5(f, r):
    f["age"] = r.randint(24, 78)
    k = r.random()
    if k < 0.4:
        f["alt"] = r.choice([40, r.randint(41, 120), r.randint(120, 299), 299])
    elif k < 0.7:
        f["fatty_liver"] = True
        if r.random() < 0.5:
            f["alt"] = r.randint(18, 38)
    else:
        f["fatty_liver"] = True
        f["alt"] = r.randint(40, 180)
    if f["age"] < 40 and r.random() < 0.3:
        f["jaundice"] = True
    if r.random() < 0.3:
        f["other_symptom"] = "tiredness"
    if f["hb"] is None and r.random() < 0.5:
        f["hb"] = normal_hb(f["sex"], r)


def b_A1(f, r):
    f["age"] = r.randint(18, 49)
    for k in r.sample(["abdo_pain", "bloating", "cibh"], r.randint(1, 3)):
        f[k] = r.choice(["loose", "constipated", "alternating"]) if k == "cibh" else True
    k = r.random()
    if k < 0.4:
        f["calpro"] = r.choice([r.randint(5, 50), r.randint(50, 99), 99, "<20"])
    elif k < 0.75:
        f["fit"] = low_fit(r)
    else:
        f["calpro"] = r.randint(5, 80)
        f["fit"] = low_fit(r)
    if r.random() < 0.15:
        f["fh_crc"] = r.choice(["grandmother", "uncle"])
    f["hb"] = normal_hb(f["sex"], r) if r.random() < 0.6 else None
    if f["hb"] is not None and r.random() < 0.5:
        f["ferritin"] = r.randint(35, 200)


def b_O6(f, r):
    k = r.random()
    if k < 0.2:
        f["age"] = r.randint(25, 49)
        f["rb"] = True
    else:
        f["age"] = r.randint(50, 88)
        for s in r.sample(["rb", "cibh", "abdo_pain"], r.randint(1, 3)):
            f[s] = r.choice(["loose", "constipated", "alternating"]) if s == "cibh" else True
        if r.random() < 0.25:
            f["wl"] = r.randint(2, 7)
            f["abdo_pain"] = True
    f["fit"] = low_fit(r)
    add_normal_bloods(f, r, 0.6)


def b_A2(f, r):
    f["age"] = r.randint(18, 54)
    for k in r.sample(["dyspepsia", "reflux"], r.randint(1, 2)):
        f[k] = True
    if r.random() < 0.4:
        f["upper_pain"] = True
    if r.random() < 0.5:
        f["ppi_weeks"] = r.choice([2, 4, 8, 12])
    add_normal_bloods(f, r, 0.4)


def b_A3(f, r):
    f["age"] = r.randint(25, 72)
    f["fh_crc"] = r.choice(["mother", "father", "brother", "sister", "mother and maternal uncle",
                            "father and paternal grandfather"])
    add_normal_bloods(f, r, 0.3)


D_KINDS = ["bloating_old", "pain_50s", "rb_young", "wl_alone", "dyspepsia_old_noppi",
           "irondef_no_anaemia", "anaemia_normal_ferritin", "gilbert", "nausea", "diarrhoea_young",
           "polyp_surveillance", "gallstones", "cirrhosis_compensated"]


def b_D(f, r):
    k = r.choice(D_KINDS)
    f["d_kind"] = k
    if k == "bloating_old":
        f["age"] = r.randint(50, 80)
        f["bloating"] = True
    elif k == "pain_50s":
        f["age"] = r.randint(50, 70)
        f["abdo_pain"] = True
    elif k == "rb_young":
        f["age"] = r.randint(22, 49)
        f["rb"] = True
    elif k == "wl_alone":
        f["age"] = r.randint(45, 85)
        f["wl"] = r.randint(3, 8)
    elif k == "dyspepsia_old_noppi":
        f["age"] = r.randint(55, 80)
        f["dyspepsia"] = True
        f["ppi_weeks"] = r.choice([None, 2])
    elif k == "irondef_no_anaemia":
        f["age"] = r.randint(20, 48)
        f["hb"] = normal_hb(f["sex"], r)
        if f["sex"] == "F" and r.random() < 0.4:
            f["hb"] = r.choice([120, 121, 123])
        f["ferritin"] = r.randint(5, 25)
        f["other_symptom"] = "tiredness"
    elif k == "anaemia_normal_ferritin":
        f["age"] = r.randint(30, 80)
        f["hb"] = anaemic_hb(f["sex"], r)
        f["ferritin"] = r.randint(30, 400)
        f["other_symptom"] = "tiredness"
    elif k == "gilbert":
        f["age"] = r.randint(18, 35)
        f["other_symptom"] = "isolated raised bilirubin"
        f["alt"] = r.randint(12, 35)
    elif k == "nausea":
        f["age"] = r.randint(20, 75)
        f["other_symptom"] = "nausea"
    elif k == "diarrhoea_young":
        f["age"] = r.randint(18, 49)
        f["cibh"] = "loose"
    elif k == "polyp_surveillance":
        f["age"] = r.randint(52, 78)
    elif k == "gallstones":
        f["age"] = r.randint(30, 75)
        f["other_symptom"] = "incidental gallstones"
    else:
        f["age"] = r.randint(45, 75)
        f["cirrhosis"] = True
        f["alt"] = r.randint(15, 38)
    add_normal_bloods(f, r, 0.4)


BUILDERS = {k: v for k, v in globals().items() if k.startswith("b_")}


def build_facts(rule, r):
    for _ in range(400):
        f = blank_facts()
        f["sex"] = r.choice(["M", "F"])
        BUILDERS["b_" + rule](f, r)
        if rule != "A3" and r.random() < 0.12 and f["fh_crc"] is None and rule not in ("A1",):
            f["fh_crc"] = r.choice(["mother", "father", "paternal uncle"])
        if label(f) == rule and not ambiguous(f):
            return f
    raise RuntimeError("could not build " + rule)


# ----------------------------------------------------------------------------
# wording
# ----------------------------------------------------------------------------
def dur(r):
    return r.choice(["3/12", "2/52", "6 weeks", "since the summer", "about 4 months", "2-3 months",
                     "6/52", "several weeks", "8 weeks", "since Christmas", "5/12", "a month"])


def pron(f):
    if f["sex"] == "M":
        return {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him"}
    return {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"}


def fit_text(f, r):
    v = f["fit"]
    if isinstance(v, str):
        if v == "<4":
            return r.choice(["FIT <4", "qFIT <4 ug Hb/g", "FIT: < 4 µg Hb/g faeces", "FIT <4 (neg)"])
        if v == "negative":
            return r.choice(["FIT negative", "FIT -ve", "FIT: negative", "qFIT negative"])
        return r.choice(["FIT undetectable", "qFIT: undetectable", "FIT - undetectable"])
    if v > 400:
        return r.choice(["FIT >400", "qFIT >400 ug Hb/g"])
    return r.choice(["FIT %d" % v, "qFIT %d ug Hb/g" % v, "FIT %d µg Hb/g faeces" % v,
                     "FIT result %d" % v, "faecal immunochemical test %d ug/g" % v])


def hb_text(f, r):
    hb = f["hb"]
    k = r.randint(0, 4)
    if k == 0:
        return "Hb %d" % hb
    if k == 1:
        return "Hb %d g/L" % hb
    if k == 2:
        return "haemoglobin %.1f g/dL" % (hb / 10.0)
    if k == 3:
        return "Hb %.1f" % (hb / 10.0)
    return "haemoglobin %d g/l" % hb


def ferr_text(f, r):
    return r.choice(["ferritin %d", "ferritin %d ug/L", "Ferritin %d µg/L", "ferr %d"]) % f["ferritin"]


def calpro_text(f, r):
    c = f["calpro"]
    if isinstance(c, str):
        return r.choice(["calprotectin <20", "FCP <20 ug/g"])
    return r.choice(["faecal calprotectin %d ug/g", "calprotectin %d", "FCP %d", "f-calprotectin %d µg/g"]) % c


def alt_text(f, r):
    return r.choice(["ALT %d", "ALT %d U/L", "ALT %d iu/L", "alanine transaminase %d U/L"]) % f["alt"]


def ttg_text(f, r):
    if f["ttg"] > 128:
        return r.choice(["TTG >128 U/mL (ref <%d)", "anti-tTG IgA >128 (normal <%d)"]) % f["ttg_uln"]
    return r.choice(["TTG %d U/mL (ref <%d)", "tTG-IgA %d (ULN %d)", "coeliac serology: tTG %d, normal range <%d"]) % (f["ttg"], f["ttg_uln"])


def symptom_sentences(f, r, P):
    """Asserted current facts as short free-text phrases (no negations)."""
    out = []
    if f["dysphagia"]:
        out.append(r.choice([
            "%s of progressive dysphagia to solids" % dur(r),
            "food sticking behind the sternum for %s" % dur(r),
            "c/o difficulty swallowing - bread and meat get stuck",
            "dysphagia, now managing only soft foods",
            "says food 'hangs' at the bottom of the gullet and %s has to drink to wash it down" % P["he"],
            "intermittent solid-food dysphagia, worsening over %s" % dur(r)]))
    if f["rectal_mass"]:
        out.append(r.choice([
            "PR: firm irregular mass palpable at about 6 cm",
            "O/E PR - hard mass on the anterior rectal wall",
            "craggy rectal mass felt at fingertip on PR exam",
            "on rectal examination there is a fixed mass, posteriorly"]))
    if f["anal_mass"]:
        out.append(r.choice([
            "firm 2 cm lump at the anal verge, does not look like a pile",
            "indurated anal mass on inspection",
            "hard swelling at the anal margin, not tender"]))
    if f["anal_ulcer"]:
        out.append(r.choice([
            "non-healing ulcer at the anal margin, no obvious cause",
            "anal ulceration present %s despite topical treatment, no explanation found" % dur(r),
            "O/E: ulcer at 6 o'clock perianally, unexplained, not typical of a fissure"]))
    if f["abdo_mass"]:
        out.append(r.choice([
            "O/E palpable mass in the %s" % f["abdo_mass"],
            "firm mass approx 5 cm in the %s" % f["abdo_mass"],
            "I could feel a mass in the %s today" % f["abdo_mass"]]))
    if f["jaundice"]:
        out.append(r.choice([
            "painless jaundice noticed by family %s ago" % r.choice(["a week", "10 days", "2/52"]),
            "yellow sclerae, dark urine and pale stools",
            "clinically jaundiced today",
            "icteric, says skin has turned yellow"]))
    if f["rb"]:
        out.append(r.choice([
            "rectal bleeding for %s, bright red" % dur(r),
            "BRPR on and off for %s" % dur(r),
            "blood on the paper and in the pan",
            "PR bleed - dark red, mixed with stool",
            "fresh blood PR most days"]))
    if f["bloody_diarrhoea"]:
        out.append(r.choice([
            "bloody diarrhoea %d-%d times a day for %s" % (r.choice([4, 5, 6]), r.choice([8, 10]), dur(r)),
            "diarrhoea with blood and mucus, up at night to open bowels",
            "loose stools mixed with fresh blood, urgency ++"]))
    if f["cibh"] and not f["bloody_diarrhoea"]:
        c = f["cibh"]
        if c == "loose":
            out.append(r.choice([
                "CIBH - looser and more frequent for %s" % dur(r),
                "bowels now open 3-4 times a day, loose",
                "change in bowel habit to loose stools",
                "diarrhoea, non-bloody, for %s" % dur(r)]))
        elif c == "constipated":
            out.append(r.choice([
                "new constipation for %s" % dur(r),
                "CIBH towards constipation",
                "change in bowel habit - now going every 3-4 days, straining"]))
        else:
            out.append(r.choice([
                "alternating constipation and loose stools",
                "CIBH, alternating, %s" % dur(r)]))
    if f["abdo_pain"]:
        out.append(r.choice([
            "lower abdominal pain, crampy",
            "central abdominal pain for %s" % dur(r),
            "LIF pain on and off",
            "colicky abdominal pain",
            "abdo pain, worse after eating"]))
    if f["wl"]:
        w = f["wl"]
        out.append(r.choice([
            "wt loss %d kg over %s, not trying" % (w, dur(r)),
            "unintentional weight loss (%d kg)" % w,
            "clothes loose, has lost about %d kg without trying" % w,
            "weight down %d kg since last recorded, unexplained" % w]))
    if f["upper_pain"]:
        out.append(r.choice([
            "epigastric pain", "upper abdominal discomfort after meals",
            "gnawing pain in the upper abdomen"]))
    if f["reflux"]:
        out.append(r.choice(["heartburn most nights", "acid reflux",
                             "GORD symptoms - burning retrosternally after food"]))
    if f["dyspepsia"]:
        s = r.choice(["dyspepsia", "indigestion", "dyspeptic symptoms", "ongoing indigestion"])
        if f["ppi_weeks"]:
            w = f["ppi_weeks"]
            if w >= 8 and w % 4 == 0 and r.random() < 0.5:
                s += r.choice([" despite lansoprazole 30 mg for %d/12" % (w // 4),
                               " - no better after %d months of omeprazole" % (w // 4)])
            else:
                s += r.choice([" despite %d/52 of omeprazole 20 mg od" % w,
                               " persisting after a %d-week PPI trial" % w,
                               " - PPI (lansoprazole) for %d weeks, no improvement" % w])
        elif f["ppi_weeks"] is None and f["age"] >= 55 and r.random() < 0.5:
            s += ", not yet tried any acid suppression"
        out.append(s)
    if f["haematemesis"]:
        out.append(r.choice([
            "vomited fresh blood twice yesterday, now settled and haemodynamically stable",
            "haematemesis last week (about a cupful), obs normal today",
            "coffee-ground vomit on two occasions, stable, Hb normal"]))
    if f["bloating"]:
        out.append(r.choice(["bloating", "abdominal distension by evening", "bloated +++",
                             "troublesome bloating"]))
    if f["cirrhosis"]:
        s = r.choice(["known alcohol-related cirrhosis", "known cirrhosis (MASLD)",
                      "known cirrhosis secondary to hepatitis C (treated)"])
        if f["ascites"]:
            s += r.choice([", now with increasing abdominal girth and shifting dullness",
                           ", USS this week shows moderate ascites"])
        if f["confusion"]:
            s += r.choice(["; wife reports episodes of confusion", "; new confusion and day-night reversal",
                           "; intermittently confused, ?encephalopathy"])
        out.append(s)
    if f["fatty_liver"]:
        out.append(r.choice(["USS abdomen: fatty liver, otherwise normal",
                             "ultrasound shows hepatic steatosis", "NAFLD on recent USS"]))
    if f["ibd_known"]:
        out.append(r.choice([
            "known %s, in remission" % f["ibd_known"],
            "%s diagnosed %d, stable for years" % (f["ibd_known"], r.randint(2005, 2019)),
            "%s - well controlled, no flares in the last 2 years" % f["ibd_known"]]))
    o = f["other_symptom"]
    if o == "tiredness":
        out.append(r.choice(["tired all the time", "fatigue", "lethargy for %s" % dur(r)]))
    elif o == "breathlessness on exertion":
        out.append("more breathless on exertion")
    elif o == "pica":
        out.append("craving ice (pica)")
    elif o == "generalised itch":
        out.append("generalised itch")
    elif o == "nausea":
        out.append(r.choice(["nausea most mornings for %s" % dur(r), "chronic nausea, no vomiting"]))
    elif o == "isolated raised bilirubin":
        out.append(r.choice(["bilirubin 34 on routine bloods, other LFTs normal, not clinically jaundiced",
                             "isolated raised bilirubin (29) when fasting, ?Gilbert's"]))
    elif o == "incidental gallstones":
        out.append("USS for other reasons showed gallstones, asymptomatic")
    if f["d_kind"] == "polyp_surveillance":
        out.append(r.choice(["had 2 small adenomas removed at colonoscopy %d" % r.randint(2017, 2021),
                             "polypectomy in %d, asking whether surveillance is due" % r.randint(2016, 2021)]))
    return out


def lab_items(f, r):
    """(name, value, unit, range) rows for the results that are in the facts."""
    rows = []
    if f["hb"] is not None:
        if r.random() < 0.3:
            rows.append(("Haemoglobin", "%.1f" % (f["hb"] / 10.0), "g/dL",
                         "13.0-18.0" if f["sex"] == "M" else "11.5-16.5"))
        else:
            rows.append(("Haemoglobin", str(f["hb"]), "g/L", "130-180" if f["sex"] == "M" else "115-165"))
        anaemic = f["hb"] < (130 if f["sex"] == "M" else 120)
        irondef = f["ferritin"] is not None and f["ferritin"] < 30
        mcv = r.randint(66, 79) if (anaemic and irondef) else r.randint(82, 98)
        rows.append(("MCV", str(mcv), "fL", "80-100"))
    if f["ferritin"] is not None:
        rows.append(("Ferritin", str(f["ferritin"]), "ug/L", r.choice(["15-300", "30-400", "13-150"])))
    if f["alt"] is not None:
        rows.append(("ALT", str(f["alt"]), "U/L", r.choice(["<40", "0-40", "7-40"])))
        if r.random() < 0.5:
            rows.append(("ALP", str(r.randint(60, 140)), "U/L", "30-130"))
    if f["ttg"] is not None:
        rows.append(("tTG IgA", ">128" if f["ttg"] > 128 else str(f["ttg"]), "U/mL", "<%d" % f["ttg_uln"]))
    if f["calpro"] is not None:
        rows.append(("Faecal calprotectin", "<20" if isinstance(f["calpro"], str) else str(f["calpro"]),
                     "ug/g", "<50"))
    if f["fit"] is not None:
        v = f["fit"]
        val = {"<4": "<4", "negative": "Negative", "undetectable": "Undetectable"}.get(v) if isinstance(v, str) \
            else (">400" if v > 400 else str(v))
        rows.append(("FIT (qFIT)", val, "ug Hb/g", "<10"))
    if r.random() < 0.5:
        rows.append(("CRP", str(r.randint(1, 9)), "mg/L", "<5"))
    if r.random() < 0.4:
        rows.append(("eGFR", ">90" if r.random() < 0.5 else str(r.randint(60, 89)), "mL/min", ">60"))
    return rows


def lab_inline(f, r):
    """Results written into prose."""
    parts = []
    if f["hb"] is not None:
        parts.append(hb_text(f, r))
    if f["ferritin"] is not None:
        parts.append(ferr_text(f, r))
    if f["fit"] is not None:
        parts.append(fit_text(f, r))
    if f["calpro"] is not None:
        parts.append(calpro_text(f, r))
    if f["alt"] is not None:
        parts.append(alt_text(f, r))
    if f["ttg"] is not None:
        parts.append(ttg_text(f, r))
    return parts


NEG_ITEMS = {
    "dysphagia": ["dysphagia", "difficulty swallowing", "dysphagia or odynophagia"],
    "wl": ["weight loss", "wt loss", "unintentional weight loss"],
    "rb": ["rectal bleeding", "PR bleeding", "blood in the stool"],
    "haematemesis": ["haematemesis", "vomiting blood"],
    "jaundice": ["jaundice"],
    "abdo_mass": ["abdominal mass", "palpable mass"],
    "cibh": ["change in bowel habit", "CIBH"],
    "rectal_mass": ["rectal mass"],
    "bloody_diarrhoea": ["bloody diarrhoea"],
}


def absent(f, k):
    if k == "rb":
        return not f["rb"] and not f["bloody_diarrhoea"]
    if k == "cibh":
        return not f["cibh"] and not f["bloody_diarrhoea"]
    if k == "rectal_mass":
        return not (f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"])
    return not f[k]


def negation_sentences(f, r, P, n=None):
    keys = [k for k in NEG_ITEMS if absent(f, k)]
    r.shuffle(keys)
    if n is None:
        n = r.randint(1, min(5, len(keys))) if keys else 0
    keys = keys[:n]
    out = []
    # sometimes bundle several into one "none of the following" line
    if len(keys) >= 3 and r.random() < 0.35:
        words = [r.choice(NEG_ITEMS[k]) for k in keys]
        out.append(r.choice(["none of the following: %s", "no red flags (%s)", "negative for %s",
                             "%s - all denied"]) % ", ".join(words))
        return out, keys
    for k in keys:
        w = r.choice(NEG_ITEMS[k])
        if k == "wl" and r.random() < 0.4:
            out.append(r.choice(["weight stable", "wt steady at %d kg" % r.randint(55, 105),
                                 "weight unchanged on our scales"]))
            continue
        if k == "jaundice" and r.random() < 0.4:
            out.append("not jaundiced")
            continue
        if k in ("abdo_mass",):
            out.append(r.choice(["abdomen SNT, no masses", "no masses palpable", "abdo soft, no mass felt"]))
            continue
        if k == "rectal_mass":
            out.append(r.choice(["PR: no masses", "PR exam normal", "PR - nil palpable, no blood on glove"]))
            continue
        out.append(r.choice(["denies %s", "no %s", "nil %s", "%s: -ve", "Ø %s", "negative for %s",
                             "%s absent", "%s - not present", "no history of %s"]) % w)
    return out, keys


def distractor_sentences(f, r, P):
    """Mentions of red-flag words that do not count: family, resolved, hypothetical, deliberate."""
    out = []
    kinds = []
    pool = []
    if absent(f, "rb"):
        pool.append(("resolved_rb", r.choice([
            "PR bleeding in %d, scoped at the time (haemorrhoids), nil since" % r.randint(2009, 2019),
            "had some bleeding from the back passage years ago - colonoscopy %d normal, none since" % r.randint(2008, 2018)])))
    if not f["dysphagia"]:
        pool.append(("hypo_dysphagia", r.choice([
            "If %s develops dysphagia or vomiting I will re-refer urgently." % P["he"],
            "Safety-netted re dysphagia, weight loss and bleeding - to come back if any occur."
            if (f["wl"] is None and absent(f, "rb")) else "Safety-netted re dysphagia.",
            "Advised to return if food starts sticking."])))
        pool.append(("resolved_dysphagia", "oesophageal stricture dilated in %d, swallowing normal since" % r.randint(2005, 2016)))
    if f["wl"] is None:
        pool.append(("deliberate_wl", r.choice([
            "has lost %d kg deliberately with a slimming club, pleased with this" % r.randint(3, 9),
            "weight down %d kg on purpose since starting semaglutide" % r.randint(4, 10)])))
        pool.append(("resolved_wl", "lost weight in %d around a bereavement, since regained" % r.randint(2015, 2021)))
    if not f["jaundice"]:
        pool.append(("resolved_jaundice", "jaundice as a child (hepatitis A), no liver issues since"))
    if not f["haematemesis"]:
        pool.append(("hypo_haem", "told to ring 999 if %s vomits blood or passes black stools" % P["he"]))
    fam = r.choice([("fh_gastric", "father had stomach cancer in his 70s"),
                    ("fh_coeliac", "sister has coeliac disease"),
                    ("fh_pancreas", "aunt died of pancreatic cancer"),
                    ("fh_mi", "FH of IHD only")])
    pool.append(fam)
    if not f["abdo_mass"]:
        pool.append(("hypo_mass", "if any lump appears in the tummy please re-refer on the 2WW pathway"))
    r.shuffle(pool)
    for k, s in pool[:r.randint(0, 3)]:
        out.append(s)
        kinds.append(k)
    return out, kinds


def fh_sentence(f, r):
    who = f["fh_crc"]
    if not who:
        return None
    return r.choice(["FH: %s - colorectal cancer" % who,
                     "%s had bowel ca" % who.capitalize(),
                     "family history of bowel cancer (%s, diagnosed in their 60s)" % who,
                     "%s diagnosed with colon cancer aged %d" % (who.capitalize(), r.randint(45, 72))])


def fit_pending_sentence(f, r):
    p = f["fit_pending"]
    if not p:
        return None
    return {"awaited": "FIT sent, result awaited",
            "declined": "declined FIT",
            "kit given": "FIT kit given today - not back yet",
            "not returned": "FIT kit issued but not returned"}[p]


# ----------------------------------------------------------------------------
# context (identifiers) and GP priority
# ----------------------------------------------------------------------------
PRIO_WORDS = {
    "ers": {"urgent_suspected_cancer": ["Urgent Suspected Cancer", "Two Week Wait", "2WW"],
            "urgent": ["Urgent"], "routine": ["Routine"],
            "advice_and_guidance": ["Advice and Guidance", "Advice & Guidance request"]},
    "prose": {"urgent_suspected_cancer": ["I would be grateful if you could see {him} under the 2WW pathway.",
                                          "Referred as suspected cancer (2WW).",
                                          "Please see urgently on the suspected cancer pathway."],
              "urgent": ["I would be grateful for an urgent appointment.", "Urgent please.",
                         "Could {he} be seen urgently (not 2WW)?"],
              "routine": ["Routine referral please.", "I would be grateful for a routine opinion.",
                          "Please see routinely at your convenience.", "Non-urgent."],
              "advice_and_guidance": ["I would value your advice - I don't think {he} needs to be seen.",
                                      "Advice only please, no appointment needed unless you feel otherwise.",
                                      "A&G request."]},
}
URG_ORDER = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]


def choose_priority(urg, style, r):
    if style in ("nice_lgi_proforma", "nice_ugi_proforma"):
        return "urgent_suspected_cancer"
    if style == "advice_request":
        return "advice_and_guidance" if r.random() < 0.85 else None
    x = r.random()
    if x < 0.12 and style not in ("ers_export",):
        return None
    if x < 0.60:
        return urg
    # disagreement: both directions
    others = [u for u in URG_ORDER if u != urg]
    i = URG_ORDER.index(urg)
    if urg in ("routine", "advice_and_guidance") and r.random() < 0.6:
        return r.choice(["urgent_suspected_cancer", "urgent"])
    if urg == "urgent_suspected_cancer" and r.random() < 0.7:
        return r.choice(["routine", "urgent", "routine"])
    return r.choice(others)


def make_ctx(f, r, letter_date):
    sex = f["sex"]
    first = r.choice(FIRST_M if sex == "M" else FIRST_F)
    last = r.choice(SURNAMES)
    title = "Mr" if sex == "M" else r.choice(["Mrs", "Ms", "Miss", "Mrs"])
    if f["age"] < 25 and sex == "F":
        title = r.choice(["Miss", "Ms"])
    dob = make_dob(f["age"], letter_date, r)
    pr = r.choice(PRACTICES)
    return {
        "first": first, "last": last, "title": title,
        "name": "%s %s %s" % (title, first, last),
        "dob": dob, "letter_date": letter_date,
        "nhs": nhs_number(r),
        "practice": pr, "gp": r.choice(GP_NAMES),
        "hospital": r.choice(HOSPITALS), "consultant": r.choice(CONSULTANTS),
        "address": "%d %s, %s" % (r.randint(1, 120), r.choice(STREETS), r.choice(TOWNS)),
        "age_stated": r.random() < 0.6,
        "ubrn": "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)),
    }


def age_word(f, r):
    a = f["age"]
    return r.choice(["%d yo" % a, "%d-year-old" % a, "aged %d" % a, "%d y/o" % a, "%dyo" % a])


def sexchar(f):
    return "M" if f["sex"] == "M" else "F"


def prio_sentence(p, P, r):
    if p is None:
        return None
    return r.choice(PRIO_WORDS["prose"][p]).format(**P)


def join_sentences(items, r, sep=None):
    if not items:
        return ""
    sep = sep or r.choice([". ", ". ", "; "])
    s = sep.join(x[0].upper() + x[1:] if sep.startswith(".") else x for x in items)
    if not s.endswith("."):
        s += "."
    return s


# ----------------------------------------------------------------------------
# layouts
# ----------------------------------------------------------------------------
def _common(f, ctx, r):
    P = pron(f)
    sym = symptom_sentences(f, r, P)
    negs, negkeys = negation_sentences(f, r, P)
    dis, diskinds = distractor_sentences(f, r, P)
    labs = lab_inline(f, r)
    fh = fh_sentence(f, r)
    fp = fit_pending_sentence(f, r)
    return P, sym, negs, dis, labs, fh, fp, {"negated": negkeys, "distractors": diskinds}


def L_ers_export(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    p = ctx["prio"]
    pw = r.choice(PRIO_WORDS["ers"][p])
    pr = ctx["practice"]
    lines = [
        "NHS e-Referral Service - Referral Letter",
        "UBRN: %s" % ctx["ubrn"],
        "Priority: %s" % pw,
        "Specialty: Gastroenterology   Clinic type: %s" % r.choice(
            ["General Gastroenterology", "Not Otherwise Specified", "Hepatology", "Lower GI",
             "Upper GI", "IBD"]),
        "Service: %s - %s" % (r.choice(["GI Medicine", "Gastro OPD", "Digestive Diseases"]), ctx["hospital"]),
        "",
        "Patient: %s, %s" % (ctx["last"].upper(), ctx["first"]) + "   Title: %s" % ctx["title"],
        "DOB: %s   Gender: %s" % (fmt_date(ctx["dob"], r, 0), "Male" if f["sex"] == "M" else "Female"),
        "NHS No: %s" % fmt_nhs(ctx["nhs"], r),
        "Referrer: %s, %s (%s)" % (ctx["gp"], pr[0], pr[1]),
        "Date of referral: %s" % fmt_date(ctx["letter_date"], r, 0),
        "",
        "REASON FOR REFERRAL",
    ]
    hist = list(sym)
    if fp:
        hist.append(fp)
    intro = ("%s %s. " % (age_word(f, r).capitalize(), "man" if f["sex"] == "M" else "woman")) if ctx["age_stated"] else ""
    lines.append(intro + join_sentences(hist, r))
    if labs:
        lines += ["", "INVESTIGATIONS", "; ".join(labs)]
    lines += ["", "RELEVANT CLINICAL INFORMATION"]
    extra = negs + dis
    if fh:
        extra.append(fh)
    lines.append(join_sentences(extra, r) if extra else "Nil else of note.")
    if f["ibd_question"]:
        lines += ["", "QUESTION", "Could you advise %s?" % f["ibd_question"]]
    lines += ["", "Medication: " + r.choice(["see attached", "amlodipine 5 mg od, atorvastatin 20 mg on",
                                              "nil regular", "sertraline 50 mg, cocodamol prn",
                                              "levothyroxine 75 mcg, ramipril 2.5 mg"]),
              "Allergies: " + r.choice(["NKDA", "penicillin (rash)", "none known"])]
    return "\n".join(lines)


EXAM_PREFIXES = ("PR:", "O/E", "craggy", "on rectal", "I could", "firm mass", "firm 2 cm", "indurated",
                 "hard swelling", "clinically jaundiced", "icteric")


def tidy(text):
    """Grammar repairs that use no random numbers."""
    text = re.sub(r"\b(for|over|present) (since [a-zA-Z ]*?(Christmas|summer))", r"\2", text)
    text = re.sub(r"(Since|since) (Christmas|the summer) of progressive dysphagia to solids",
                  r"progressive dysphagia to solids since \2", text)
    text = re.sub(r"(^|\n|\. |: |- |> |\* |• )progressive dysphagia",
                  lambda m: m.group(1) + "Progressive dysphagia" if m.group(1) in ("\n", ". ", "") else m.group(0), text)
    return text


def L_dear_dr(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    pr = ctx["practice"]
    head = [pr[0], pr[2], "Tel %s" % pr[3], "", fmt_date(ctx["letter_date"], r, r.choice([2, 4])), "",
            "%s" % ctx["consultant"] if ctx["consultant"] != "Colleague" else "The Gastroenterology Team",
            "Department of Gastroenterology", ctx["hospital"], ""]
    re = ["Re: %s" % ctx["name"], "DOB %s" % fmt_date(ctx["dob"], r),
          "NHS number %s" % fmt_nhs(ctx["nhs"], r), ctx["address"], ""]
    sal = "Dear %s," % (ctx["consultant"] if ctx["consultant"] != "Colleague" else r.choice(["Doctor", "Colleague"]))
    who = ctx["title"] + " " + ctx["last"]
    opener = r.choice([
        "Thank you for seeing this %s %s who came to see me with " % (
            age_word(f, r) if ctx["age_stated"] else "pleasant", "gentleman" if f["sex"] == "M" else "lady"),
        "I would be grateful for your opinion on %s, who presents with " % who,
        "I saw %s in surgery %s with " % (who, r.choice(["today", "this week", "on Monday"])),
    ])
    body = []
    if sym:
        first = sym[0]
        if first.startswith(EXAM_PREFIXES):
            body.append(opener + "the following findings. " + first[0].upper() + first[1:] + ".")
        else:
            body.append(opener + first + ".")
        rest = sym[1:]
        if rest:
            body.append(r.choice(["%s also mentions " % P["He"], "In addition there is ", "Other features: "])
                        + ", ".join(rest) + ".")
    else:
        body.append(opener + r.choice(["a question about bowel screening.", "concerns about family history."]))
    if fp:
        body.append(fp[0].upper() + fp[1:] + ".")
    if negs:
        nb = r.choice(["On direct questioning, ", "Reassuringly, ", ""]) + "; ".join(negs) + "."
        body.append(nb[0].upper() + nb[1:])
    if labs:
        body.append(r.choice(["Recent bloods: ", "Investigations so far: ", "I have checked "]) + ", ".join(labs) + ".")
    if fh:
        body.append(fh[0].upper() + fh[1:] + ".")
    if f["ibd_question"]:
        body.append("My question is %s." % f["ibd_question"])
    for d in dis:
        body.append(d[0].upper() + d[1:] + ("" if d.endswith(".") else "."))
    if f["fh_crc"] and not any(f[k] for k in SYMPTOM_KEYS):
        body.append("%s is entirely well and would like to know whether %s needs screening colonoscopy." % (P["He"], P["he"]))
    ps = prio_sentence(ctx["prio"], P, r)
    if ps:
        body.append(ps)
    tail = ["", r.choice(["Yours sincerely,", "Kind regards,", "With thanks,"]), "", ctx["gp"],
            r.choice(["GP Partner", "Salaried GP", "General Practitioner"])]
    return "\n".join(head + re + [sal, ""] + ["\n\n".join(body)] + tail)


def L_soap(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    pr = ctx["practice"]
    lines = ["%s | %s" % (pr[0], pr[1]),
             "Consultation note for referral - %s" % fmt_date(ctx["letter_date"], r),
             "Pt: %s  DOB: %s  NHS: %s" % (ctx["name"], fmt_date(ctx["dob"], r), fmt_nhs(ctx["nhs"], r)),
             "Seen by: %s, discussed with %s" % (r.choice(REGISTRARS), ctx["gp"]), ""]
    S = []
    if ctx["age_stated"]:
        S.append("%s %s" % (age_word(f, r), sexchar(f)))
    S += [s for s in sym if not s.startswith(("PR:", "O/E", "craggy", "on rectal", "I could", "firm mass",
                                                "indurated", "hard swelling", "firm 2 cm"))]
    O = [s for s in sym if s not in S]
    if fp:
        S.append(fp)
    S += [n for n in negs if not n.startswith(("abdomen", "no masses", "abdo soft", "PR"))]
    O += [n for n in negs if n.startswith(("abdomen", "no masses", "abdo soft", "PR"))]
    if fh:
        S.append(fh)
    S += dis
    lines.append("S: " + "; ".join(S).rstrip(".") + ".")
    O.insert(0, "obs %s" % r.choice(["stable", "NAD", "HR %d BP %d/%d" % (r.randint(60, 95), r.randint(110, 150), r.randint(65, 90))]))
    lines.append("O: " + "; ".join(O) + ".")
    if labs:
        lines.append("   Results: " + ", ".join(labs))
    imp = r.choice(["?IBS", "?cause", "needs secondary care input", "see plan", "multiple issues", "unclear"])
    lines.append("A: %s" % imp)
    plan = []
    if f["ibd_question"]:
        plan.append("A&G re %s" % f["ibd_question"])
    ps = prio_sentence(ctx["prio"], P, r)
    plan.append("refer gastro" + (" - " + ps if ps else ""))
    plan.append(r.choice(["safety-net given", "review 4/52", "pt happy with plan"]))
    lines.append("P: " + "; ".join(plan))
    return "\n".join(lines)


def L_np_bullets(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    b = r.choice(["-", "*", "•", ">"])
    pr = ctx["practice"]
    lines = ["Referral from %s" % r.choice(NPS), pr[0],
             "Patient: %s (%s)   DOB %s" % (ctx["name"], sexchar(f), fmt_date(ctx["dob"], r)),
             "NHS %s" % fmt_nhs(ctx["nhs"], r), "Date: %s" % fmt_date(ctx["letter_date"], r), ""]
    lines.append(r.choice(["Presenting complaint:", "Why I'm referring:", "Issues:"]))
    for s in sym:
        lines.append("%s %s" % (b, s))
    if fp:
        lines.append("%s %s" % (b, fp))
    if negs or dis:
        lines.append(r.choice(["Also:", "Other points:", "Red flags screen:"]))
        for s in negs + dis:
            lines.append("%s %s" % (b, s))
    if labs:
        lines.append("Bloods/tests:")
        for s in labs:
            lines.append("%s %s" % (b, s))
    if fh:
        lines.append("%s %s" % (b, fh))
    if f["ibd_question"]:
        lines.append("%s Q: %s?" % (b, f["ibd_question"]))
    ps = prio_sentence(ctx["prio"], P, r)
    if ps:
        lines.append(ps)
    lines.append("Discussed with %s who agrees with referral." % ctx["gp"])
    return "\n".join(lines)


def L_system_printout(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    sysname = r.choice(["EMIS Web", "SystmOne", "Vision"])
    pr = ctx["practice"]
    L = []
    if sysname == "EMIS Web":
        L += ["EMIS Web - Referral Letter", "%s  (%s)" % (pr[0], pr[1]), "-" * 50,
              "Name: %s, %s (%s)" % (ctx["last"].upper(), ctx["first"], ctx["title"]),
              "Born: %s   Gender: %s" % (fmt_date(ctx["dob"], r, 2), "Male" if f["sex"] == "M" else "Female"),
              "NHS Number: %s" % fmt_nhs(ctx["nhs"], r, ), "Usual GP: %s" % ctx["gp"],
              "Printed: %s" % fmt_date(ctx["letter_date"], r, 0)]
    elif sysname == "SystmOne":
        L += ["SystmOne Clinical Summary  **CONFIDENTIAL**", pr[0],
              "%s %s | %s | %s | NHS %s" % (ctx["first"], ctx["last"].upper(), "M" if f["sex"] == "M" else "F",
                                           fmt_date(ctx["dob"], r, 0), fmt_nhs(ctx["nhs"], r)),
              "Date: %s" % fmt_date(ctx["letter_date"], r, 3)]
    else:
        L += ["VISION - Patient Summary for Referral", "Practice: %s %s" % (pr[0], pr[1]),
              "Patient %s  DoB %s  Sex %s  NHS No %s" % (ctx["name"], fmt_date(ctx["dob"], r, 1), sexchar(f),
                                                         fmt_nhs(ctx["nhs"], r)),
              "Letter date %s" % fmt_date(ctx["letter_date"], r, 1)]
    L.append("")
    L.append("Referral to: Gastroenterology, %s" % ctx["hospital"])
    ps = prio_sentence(ctx["prio"], P, r)
    if ps:
        L.append("Urgency: %s" % {"urgent_suspected_cancer": "2WW / USC", "urgent": "Urgent",
                                  "routine": "Routine", "advice_and_guidance": "A&G"}[ctx["prio"]])
    L += ["", "History:"]
    hist = list(sym)
    if fp:
        hist.append(fp)
    L.append(join_sentences(hist + negs, r) if hist or negs else "Asymptomatic.")
    if f["ibd_question"]:
        L.append("Question for specialist: %s." % f["ibd_question"])
    L += ["", "Active Problems:"]
    act = []
    if f["ibd_known"]:
        act.append((r.randint(2005, 2019), f["ibd_known"]))
    if f["cirrhosis"]:
        act.append((r.randint(2015, 2022), "Cirrhosis of liver"))
    act += r.sample([(r.randint(2008, 2023), "Essential hypertension"), (r.randint(2010, 2022), "Type 2 diabetes mellitus"),
                     (r.randint(2000, 2020), "Asthma"), (r.randint(2012, 2023), "Depression"),
                     (r.randint(2015, 2023), "Hypothyroidism"), (r.randint(2016, 2024), "Osteoarthritis of knee")], r.randint(1, 3))
    for y, t in sorted(act):
        L.append("  %d  %s" % (y, t))
    L += ["Past Problems:"]
    past = [(r.randint(1972, 1995), "Appendicectomy"), (r.randint(1980, 2000), "Fractured radius"),
            (r.randint(1975, 1999), "Glandular fever"), (r.randint(1990, 2010), "Cholecystectomy"),
            (r.randint(1985, 2005), "Tonsillectomy"), (r.randint(1995, 2015), "Carpal tunnel release")]
    if absent(f, "rb"):
        past.append((r.randint(1990, 2012), "Rectal bleeding - haemorrhoids, resolved"))
    if f["hb"] is None or f["hb"] >= (130 if f["sex"] == "M" else 120):
        past.append((r.randint(1988, 2010), "Iron deficiency anaemia (pregnancy) - resolved" if f["sex"] == "F"
                     else "Iron deficiency anaemia - resolved after treatment"))
    if not f["dysphagia"]:
        past.append((r.randint(1990, 2008), "Oesophagitis (OGD) - resolved"))
    for y, t in sorted(r.sample(past, r.randint(2, 4))):
        L.append("  %d  %s" % (y, t))
    L += ["", "Medication (repeat):"]
    meds = ["Amlodipine 5mg tablets, 1 OD", "Metformin 500mg tablets, 1 BD", "Salbutamol 100mcg inhaler prn",
            "Sertraline 50mg tablets, 1 OD", "Levothyroxine 100mcg tablets, 1 OD", "Atorvastatin 20mg tablets, 1 ON",
            "Paracetamol 500mg, 2 QDS prn"]
    if f["ppi_weeks"]:
        meds.append("Omeprazole 20mg capsules, 1 OD (started %s)" % fmt_date(
            ctx["letter_date"] - dt.timedelta(weeks=f["ppi_weeks"]), r, 0))
    if f["ibd_known"] and "Crohn" not in f["ibd_known"]:
        meds.append("Mesalazine 1.2g MR tablets, 2 OD")
    special = [m for m in meds[7:]]
    for m in r.sample(meds[:7], r.randint(1, 3)) + special:
        back = r.randint(3, 60)
        if m.startswith("Omeprazole"):
            back = min(back, 7 * f["ppi_weeks"] - 1)  # issued after the start date
        L.append("  %s  last issued %s" % (m, fmt_date(ctx["letter_date"] - dt.timedelta(days=back), r, 0)))
    rows = lab_items(f, r)
    if rows:
        L += ["", "Results:", "  %-22s %-10s %-9s %s" % ("Test", "Value", "Units", "Range")]
        for n, v, u, rg in rows:
            L.append("  %-22s %-10s %-9s %s" % (n, v, u, rg))
    L += ["", "Family History:"]
    L.append("  " + (fh if fh else r.choice(["Nil relevant", "Father - type 2 diabetes", "Mother - breast ca age 70"])))
    if dis:
        L += ["", "Notes:"] + ["  " + d for d in dis]
    L += ["", "Social: " + r.choice(["ex-smoker, 2 units/wk", "non-smoker, 14 units/wk", "smoker 10/day", "lives alone, independent"])]
    L += ["Sender: %s" % ctx["gp"]]
    return "\n".join(L)


def L_terse(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit["negated"] = a["negated"][:1]
    audit["distractors"] = []
    bits = sym + labs
    if fp:
        bits.append(fp)
    if negs:
        bits.append(negs[0])
    if fh:
        bits.append(fh)
    if f["ibd_question"]:
        bits.append("? %s" % f["ibd_question"])
    idl = "%s, %s, NHS %s, DOB %s" % (ctx["name"], sexchar(f), fmt_nhs(ctx["nhs"], r), fmt_date(ctx["dob"], r, 0))
    ps = prio_sentence(ctx["prio"], P, r)
    pr = ctx["practice"]
    if ctx["age_stated"]:
        line1 = "%s %s: %s." % (age_word(f, r), sexchar(f), ", ".join(bits))
    else:
        line1 = "%s." % ", ".join(bits).capitalize()
    return "%s\n%s %s\n%s" % (idl, line1, ps or "Pls see.", "%s, %s, %s" % (ctx["gp"], pr[0], fmt_date(ctx["letter_date"], r)))


def L_advice_request(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    pr = ctx["practice"]
    L = ["Advice & Guidance request (e-RS)", "To: Gastroenterology A&G, %s" % ctx["hospital"],
         "From: %s, %s" % (ctx["gp"], pr[0]),
         "Patient: %s  NHS %s  DOB %s" % (ctx["name"], fmt_nhs(ctx["nhs"], r), fmt_date(ctx["dob"], r)),
         "Sent: %s" % fmt_date(ctx["letter_date"], r), ""]
    who = ctx["title"] + " " + ctx["last"]
    q = []
    intro = "%s is %s." % (who, age_word(f, r).replace("yo", "years old").replace("y/o", "years old")) if ctx["age_stated"] else ""
    q.append((intro + " " if intro else "") + (join_sentences(sym, r) if sym else "%s has no symptoms at all." % P["He"]))
    if fp:
        q.append(fp[0].upper() + fp[1:] + ".")
    if labs:
        q.append("Results: " + ", ".join(labs) + ".")
    if negs:
        q.append(join_sentences(negs, r))
    if fh:
        q.append(fh[0].upper() + fh[1:] + ".")
    for d in dis:
        q.append(d[0].upper() + d[1:] + ("" if d.endswith(".") else "."))
    if f["ibd_question"]:
        q.append("Could you advise %s?" % f["ibd_question"])
    else:
        q.append(r.choice([
            "Would you be happy for me to manage this in primary care, or does %s need to be seen?" % P["he"],
            "Would you be happy for me to continue with a PPI and review, or would you rather scope %s?" % P["him"],
            "Is there anything further you would like me to do before considering referral?",
            "Would you be happy for me to treat this as IBS?",
            "Does %s need a colonoscopy, and if so when?" % P["he"]]))
    return "\n".join(L) + "\n" + "\n\n".join(q) + "\n\nMany thanks, %s" % ctx["gp"].split()[-1]


def L_chaser(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    pr = ctx["practice"]
    prev = ctx["letter_date"] - dt.timedelta(days=r.randint(35, 160))
    L = [pr[0] + ", " + pr[2], "", fmt_date(ctx["letter_date"], r, 4), "",
         "Gastroenterology Booking Team / %s" % ctx["consultant"], ctx["hospital"], "",
         "RE: %s, DOB %s, NHS No. %s" % (ctx["name"], fmt_date(ctx["dob"], r), fmt_nhs(ctx["nhs"], r)), "",
         "Dear Colleague,", ""]
    body = ["I referred %s on %s and we have not yet heard about an appointment. %s is still %s." % (
        ctx["title"] + " " + ctx["last"], fmt_date(prev, r, 2), P["He"],
        r.choice(["troubled", "symptomatic", "waiting and rather anxious", "keen to be seen"]))]
    if sym:
        body.append(r.choice(["To recap: ", "Current position: ", "Symptoms now: "]) + "; ".join(sym) + ".")
    else:
        body.append("%s remains well in %sself." % (P["He"], "him" if f["sex"] == "M" else "her"))
    if fp:
        body.append(fp[0].upper() + fp[1:] + ".")
    if labs:
        body.append("Since then: " + ", ".join(labs) + ".")
    if negs:
        body.append(join_sentences(negs, r))
    if fh:
        body.append(fh[0].upper() + fh[1:] + ".")
    for d in dis:
        body.append(d[0].upper() + d[1:] + ("" if d.endswith(".") else "."))
    if f["ibd_question"]:
        body.append("The original question was %s." % f["ibd_question"])
    ps = prio_sentence(ctx["prio"], P, r)
    if ps:
        body.append(ps)
    body.append("Could you let me know where %s is on the waiting list?" % P["he"])
    return "\n".join(L) + "\n".join(["", *body]) + "\n\nBest wishes,\n%s" % ctx["gp"]


def L_letterhead_heavy(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    pr = ctx["practice"]
    banner = [
        "=" * 58,
        "   %s" % pr[0].upper(),
        "   Partners: %s" % ", ".join(r.sample(GP_NAMES, 4)),
        "   Practice Manager: %s %s" % (r.choice(FIRST_F), r.choice(SURNAMES)),
        "   %s" % pr[2],
        "   Telephone %s  |  Fax %s  |  ODS code %s" % (pr[3], pr[3][:-3] + "999", pr[1]),
        "   Opening hours Mon-Fri 08:00-18:30; extended access Sat 09:00-12:00",
        "   www.%s.nhs.example" % pr[0].lower().replace(" ", "").replace("'", "").replace("&", "and"),
        "   We are a training practice. We are a dementia-friendly practice.",
        "   Please send all correspondence electronically via Docman.",
        "=" * 58, "",
        "Date: %s" % fmt_date(ctx["letter_date"], r),
        "Our ref: %s/%d" % (pr[1], r.randint(1000, 9999)), "",
        "PRIVATE AND CONFIDENTIAL", "",
        "Page 1 of 2", "", "-" * 58,
        "%s - page 2" % pr[0], ""]
    body = ["Patient: %s   DOB %s   NHS %s" % (ctx["name"], fmt_date(ctx["dob"], r), fmt_nhs(ctx["nhs"], r)), ""]
    txt = []
    if ctx["age_stated"]:
        txt.append("%s %s." % (age_word(f, r).capitalize(), "man" if f["sex"] == "M" else "woman"))
    txt.append(join_sentences(sym + ([fp] if fp else []), r) if sym else "No symptoms.")
    if labs:
        txt.append("Bloods: " + ", ".join(labs) + ".")
    if negs:
        txt.append(join_sentences(negs, r))
    if fh:
        txt.append(fh[0].upper() + fh[1:] + ".")
    txt += [d if d.endswith(".") else d + "." for d in dis]
    if f["ibd_question"]:
        txt.append("Question: %s?" % f["ibd_question"])
    ps = prio_sentence(ctx["prio"], P, r)
    if ps:
        txt.append(ps)
    body.append(" ".join(txt))
    body += ["", ctx["gp"]]
    return "\n".join(banner + body)


# ---------------------------------------------------------------------------- forms
def flag_rows(f):
    anaemia = f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120)
    ida = anaemia and f["ferritin"] is not None and f["ferritin"] < 30
    return [
        ("Dysphagia (food sticking)", f["dysphagia"]),
        ("Unexplained weight loss", f["wl"] is not None),
        ("Rectal bleeding", f["rb"] or f["bloody_diarrhoea"]),
        ("Change in bowel habit", bool(f["cibh"]) or f["bloody_diarrhoea"]),
        ("Iron deficiency anaemia", ida),
        ("Abdominal mass", bool(f["abdo_mass"])),
        ("Rectal or anal mass", f["rectal_mass"] or f["anal_mass"]),
        ("Anal ulceration", f["anal_ulcer"]),
        ("Haematemesis", f["haematemesis"]),
        ("Jaundice", f["jaundice"]),
        ("Persistent vomiting", False),
        ("Family history of bowel cancer", bool(f["fh_crc"])),
    ]


MARKS = {"X": ["K", "×", ")(", "x", "Χ"], "✓": ["v'", "/", "V", "√"], "✔": ["v", "V/", "/"],
         "•": ["*", "@", "e"], "x": ["X", "><", "k"]}


def mark(m, ocr, r):
    if ocr and r.random() < 0.45:
        return r.choice(MARKS.get(m, ["?"]))
    return m


def free_text_block(f, ctx, r, P, sym, labs, fp, negs, dis, fh):
    t = []
    if ctx["age_stated"]:
        t.append("%s %s" % (age_word(f, r), sexchar(f)))
    t += sym
    if fp:
        t.append(fp)
    t += labs
    t += negs[:2]
    t += dis
    if fh:
        t.append(fh)
    if f["ibd_question"]:
        t.append("Q: %s?" % f["ibd_question"])
    return t


def form_header(ctx, f, r, title):
    pr = ctx["practice"]
    return [title, "%s  (%s)" % (pr[0], pr[1]),
            "Patient name: %s" % ctx["name"],
            "DOB: %s        Sex: %s" % (fmt_date(ctx["dob"], r, 0), "M" if f["sex"] == "M" else "F"),
            "NHS no: %s" % fmt_nhs(ctx["nhs"], r),
            "Date of referral: %s" % fmt_date(ctx["letter_date"], r, 0),
            "Referring clinician: %s" % ctx["gp"], ""]


def prio_boxes(p, ocr, r, style):
    opts = [("Routine", "routine"), ("Urgent", "urgent"), ("2WW / USC", "urgent_suspected_cancer"),
            ("Advice only", "advice_and_guidance")]
    out = []
    for lab, u in opts:
        if style == "brackets":
            out.append("[%s] %s" % (mark("X", ocr, r) if u == p else " ", lab))
        else:
            out.append("%s %s" % ("☑" if u == p and not ocr else ("[v]" if u == p else "☐"), lab))
    return "Priority:  " + "   ".join(out)


def L_grid_yn(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    m = r.choice(["X", "✓", "✔", "•"])
    L = form_header(ctx, f, r, r.choice(["GASTROENTEROLOGY REFERRAL - PRACTICE PROFORMA v3",
                                          "Lower & Upper GI referral grid (practice template)",
                                          "DIGESTIVE SYMPTOMS REFERRAL FORM"]))
    yfirst = r.random() < 0.6
    hdr = ("| %-34s | Y | N |" if yfirst else "| %-34s | N | Y |") % "Red flag (mark one column)"
    L += ["+" + "-" * 36 + "+---+---+", hdr, "+" + "-" * 36 + "+---+---+"]
    for lab, yes in flag_rows(f):
        ym = mark(m, ocr, r) if yes else " "
        nm = mark(m, ocr, r) if not yes else " "
        cells = (ym, nm) if yfirst else (nm, ym)
        pad = " " * (r.randint(0, 2) if ocr else 0)
        L.append("| %-34s |%s%s%s|%s%s%s|" % (lab, pad if False else " ", cells[0], " " if len(cells[0]) == 1 else "",
                                            " ", cells[1], " " if len(cells[1]) == 1 else ""))
    L += ["+" + "-" * 36 + "+---+---+", ""]
    if ctx["prio"]:
        L.append(prio_boxes(ctx["prio"], ocr, r, "brackets"))
    L += ["", "Clinical details / results:"]
    for t in free_text_block(f, ctx, r, P, sym, labs, fp, negs, dis, fh):
        L.append("  " + t)
    return "\n".join(L)


STRIKE = "\u0336"


def strike(w):
    return "".join(c + STRIKE for c in w)


def L_circle_strike(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    mode = r.choice(["circle", "strike", "tilde"])
    inst = {"circle": "(circle YES or NO for every item)", "strike": "(delete as appropriate)",
            "tilde": "(strike out the answer that does not apply)"}[mode]
    L = form_header(ctx, f, r, r.choice(["%s - GI referral checklist" % ctx["practice"][0],
                                          "SUSPECTED GI PATHOLOGY - PRACTICE FORM", "Gastro referral (internal template)"]))
    L.append("Symptoms %s" % inst)
    for lab, yes in flag_rows(f):
        if mode == "circle":
            ans = "(YES) /  NO " if yes else " YES  / (NO)"
            if ocr and r.random() < 0.3:
                ans = ans.replace("(", "C").replace(")", ")")
        elif mode == "strike":
            ans = "YES / " + strike("NO") if yes else strike("YES") + " / NO"
        else:
            ans = "YES / ~~NO~~" if yes else "~~YES~~ / NO"
        L.append("%s%s %s" % (lab, "." * (38 - len(lab)), ans))
    if ctx["prio"]:
        pw = {"urgent_suspected_cancer": "2WW", "urgent": "URGENT", "routine": "ROUTINE", "advice_and_guidance": "A&G"}
        opts = ["ROUTINE", "URGENT", "2WW", "A&G"]
        ch = pw[ctx["prio"]]
        if mode == "circle":
            L.append("Priority: " + "  ".join("(%s)" % o if o == ch else o for o in opts))
        elif mode == "strike":
            L.append("Priority: " + " / ".join(o if o == ch else strike(o) for o in opts))
        else:
            L.append("Priority: " + " / ".join(o if o == ch else "~~%s~~" % o for o in opts))
    L += ["", "Further information:"]
    L.append(join_sentences(free_text_block(f, ctx, r, P, sym, labs, fp, negs, dis, fh), r, ". "))
    return "\n".join(L)


def L_tick_if_present(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    m = r.choice(["✓", "✔", "x", "X"])
    L = form_header(ctx, f, r, r.choice(["GI REFERRAL - tick if present", "Bowel & stomach symptoms referral sheet"]))
    L.append("Tick all that apply (leave blank if absent):")
    rows = flag_rows(f)
    extra = [("Dyspepsia / indigestion", f["dyspepsia"]), ("Reflux / heartburn", f["reflux"]),
             ("Bloating", f["bloating"]), ("Abdominal pain", f["abdo_pain"] or f["upper_pain"])]
    rows = rows[:4] + extra + rows[4:]
    for lab, yes in rows:
        box = "[%s]" % (mark(m, ocr, r) if yes else " ")
        if ocr and not yes and r.random() < 0.2:
            box = r.choice(["[]", "[_]", "[ "])
        L.append("  %s  %s" % (box, lab))
    if ctx["prio"]:
        L.append("")
        L.append(prio_boxes(ctx["prio"], ocr, r, "brackets"))
    L += ["", "Details:"]
    for t in free_text_block(f, ctx, r, P, sym, labs, fp, negs, dis, fh):
        L.append(" - " + t)
    return "\n".join(L)


def L_redflag_template(f, ctx, r, audit, ocr):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    L = form_header(ctx, f, r, "%s GASTROENTEROLOGY REFERRAL TEMPLATE" % ctx["practice"][0].upper())
    if ctx["prio"]:
        L.append("Requested priority: %s" % {"urgent_suspected_cancer": "Urgent suspected cancer",
                                             "urgent": "Urgent", "routine": "Routine",
                                             "advice_and_guidance": "Advice and guidance"}[ctx["prio"]])
    L += ["", "RED FLAG SCREEN (all questions must be answered)", "Y/N column:"]
    yn = r.choice([("Y", "N"), ("Yes", "No"), ("YES", "no")])
    for lab, yes in flag_rows(f):
        L.append("  %-36s %s" % (lab + ":", yn[0] if yes else yn[1]))
    L += ["", "History of presenting complaint:"]
    L.append(join_sentences(sym + ([fp] if fp else []), r) if sym else "Asymptomatic.")
    if negs or dis:
        L.append(join_sentences(negs + dis, r))
    L += ["", "Investigations (last 3 months):"]
    rows = lab_items(f, r)
    for n, v, u, rg in rows:
        L.append("  %s: %s %s (ref %s)" % (n, v, u, rg))
    if not rows:
        L.append("  none")
    if fh:
        L += ["", "Family history: " + fh]
    if f["ibd_question"]:
        L += ["", "Specific question: %s?" % f["ibd_question"]]
    L += ["", "Anticoagulant: %s   Diabetic: %s   Interpreter needed: %s" % (
        r.choice(["N", "Y - apixaban"]), r.choice(["N", "Y"]), r.choice(["N", "N", "Y (Polish)"]))]
    return "\n".join(L)


LGI_CRIT = [
    ("Age 40+ with unexplained weight loss AND abdominal pain", lambda f: f["age"] >= 40 and f["wl"] is not None and f["abdo_pain"]),
    ("Age 50+ with unexplained rectal bleeding", lambda f: f["age"] >= 50 and f["rb"]),
    ("Age 60+ with change in bowel habit", lambda f: f["age"] >= 60 and bool(f["cibh"])),
    ("FIT result 10 ug Hb/g or more", lambda f: fit_value(f) is not None and fit_value(f) >= 10),
    ("Iron-deficiency anaemia (any age)", lambda f: f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120) and f["ferritin"] is not None and f["ferritin"] < 30),
    ("Rectal or anal mass", lambda f: f["rectal_mass"] or f["anal_mass"]),
    ("Unexplained anal ulceration", lambda f: f["anal_ulcer"]),
    ("Abdominal mass", lambda f: bool(f["abdo_mass"])),
]
UGI_CRIT = [
    ("Dysphagia", lambda f: f["dysphagia"]),
    ("Age 55+ with weight loss AND upper abdominal pain, reflux or dyspepsia",
     lambda f: f["age"] >= 55 and f["wl"] is not None and (f["upper_pain"] or f["reflux"] or f["dyspepsia"])),
    ("Upper abdominal mass", lambda f: f["abdo_mass"] in ("epigastrium", "left upper quadrant")),
    ("Age 40+ with jaundice (obstructive picture)", lambda f: f["age"] >= 40 and f["jaundice"]),
    ("Age 55+ with treatment-resistant dyspepsia (non-urgent OGD)",
     lambda f: f["age"] >= 55 and f["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4),
    ("Haematemesis", lambda f: f["haematemesis"]),
]


def L_nice_proforma(f, ctx, r, audit, ocr, which):
    P, sym, negs, dis, labs, fh, fp, a = _common(f, ctx, r)
    audit.update(a)
    boxstyle = r.choice(["unicode", "brackets"])
    crit = LGI_CRIT if which == "lgi" else UGI_CRIT

    def box(on):
        if boxstyle == "unicode":
            if ocr:
                return r.choice(["[v]", "IXI", "[/]"]) if on else r.choice(["□", "[ ]", "O", "[]"])
            return "☑" if on else "☐"
        return "[%s]" % (mark("X", ocr, r) if on else " ")
    title = "SUSPECTED %s CANCER REFERRAL (NICE NG12) - URGENT SUSPECTED CANCER" % (
        "LOWER GI / COLORECTAL" if which == "lgi" else "UPPER GI")
    L = form_header(ctx, f, r, title)
    L += ["Patient aware this is a suspected cancer referral:  Yes %s  No %s" % (box(True), box(False)),
          "Patient available in the next 14 days:  Y %s  N %s" % (box(True), box(False)), "",
          "CRITERIA - tick each criterion that is met"]
    ticked = []
    for lab, fn in crit:
        on = bool(fn(f))
        if on:
            ticked.append(lab)
        L.append("  %s  %s" % (box(on), lab))
    L.append("  %s  Other - clinical concern, not meeting the criteria above (give details)" % box(not ticked))
    if which == "lgi":
        if f["fit"] is not None:
            L.append("FIT result: %s   date: %s" % (fit_text(f, r), fmt_date(ctx["letter_date"] - dt.timedelta(days=r.randint(3, 30)), r, 0)))
        else:
            L.append("FIT result: %s" % (fit_pending_sentence(f, r) or "not done"))
        L.append("WHO performance status: %d" % r.choice([0, 0, 1, 2]))
    L += ["", "Clinical details (free text):"]
    L.append(join_sentences(free_text_block(f, ctx, r, P, sym, labs, None, negs, dis, fh), r, ". "))
    L += ["", "Anticoagulants:  Y %s  N %s" % (box(False), box(True)) if r.random() < 0.5 else
          "Anticoagulants:  Y %s  N %s" % (box(True), box(False)),
          "Signed: %s" % ctx["gp"]]
    return "\n".join(L)


def L_nice_lgi_proforma(f, ctx, r, audit, ocr):
    return L_nice_proforma(f, ctx, r, audit, ocr, "lgi")


def L_nice_ugi_proforma(f, ctx, r, audit, ocr):
    return L_nice_proforma(f, ctx, r, audit, ocr, "ugi")


# ----------------------------------------------------------------------------
# scanning noise
# ----------------------------------------------------------------------------
PROTECT = {"no", "not", "nil", "none", "denies", "denied", "negative", "absent", "never", "without",
           "yes", "YES", "NO", "Yes", "No"}
SUBS = [("l", "1"), ("I", "l"), ("rn", "m"), ("m", "rn"), ("O", "0"), ("e", "c"), ("cl", "d"),
        ("i", "l"), ("h", "b"), ("S", "5"), ("B", "8"), ("t", "f")]


def ocr_word(w, r):
    if len(w) < 4 or w.lower() in PROTECT or any(ch.isdigit() for ch in w):
        return w
    cands = [(a, b) for a, b in SUBS if a in w]
    if not cands:
        return w
    a, b = r.choice(cands)
    i = w.find(a)
    return w[:i] + b + w[i + len(a):]


def apply_ocr(text, r, ctx, form):
    out = []
    lines = text.split("\n")
    header_line = ctx["practice"][0]
    rate = r.choice([0.03, 0.05, 0.08])
    for i, line in enumerate(lines):
        words = line.split(" ")
        words = [ocr_word(w, r) if r.random() < rate else w for w in words]
        line = " ".join(words)
        if form and r.random() < 0.35:
            line = " " * r.randint(1, 3) + line  # slightly misaligned columns
        if form and "|" in line and r.random() < 0.2:
            line = line.replace("|", r.choice(["|", "¦", "I"]), 1)
        if len(line) > 60 and r.random() < 0.25:
            cut = line.rfind(" ", 20, 55)
            if cut > 0:
                if r.random() < 0.5:
                    # word broken across lines
                    j = cut + 1
                    k = line.find(" ", j)
                    k = len(line) if k < 0 else k
                    if k - j >= 7:
                        mid = j + (k - j) // 2
                        line = line[:mid] + "-\n" + line[mid:]
                    else:
                        line = line[:cut] + "\n" + line[cut + 1:]
                else:
                    line = line[:cut] + "\n" + line[cut + 1:]
        out.append(line)
        if i == len(lines) // 2 and r.random() < 0.6:
            out += ["", "%s   Page 2" % header_line.upper(), r.choice(["", "Scanned by Docman", "~~~~~~~~"])]
    if r.random() < 0.5:
        out.insert(0, r.choice(["SCANNED DOCUMENT", "[image 1 of 2]", "Docman - scanned", ".  ,"]))
    return "\n".join(out)


# ----------------------------------------------------------------------------
# styles
# ----------------------------------------------------------------------------
LAYOUTS = {
    "ers_export": L_ers_export, "dear_dr": L_dear_dr, "soap_registrar": L_soap,
    "np_bullets": L_np_bullets, "system_printout": L_system_printout, "terse_note": L_terse,
    "advice_request": L_advice_request, "chaser": L_chaser, "letterhead_heavy": L_letterhead_heavy,
    "grid_yn": L_grid_yn, "circle_strike": L_circle_strike, "tick_if_present": L_tick_if_present,
    "redflag_template": L_redflag_template, "nice_lgi_proforma": L_nice_lgi_proforma,
    "nice_ugi_proforma": L_nice_ugi_proforma,
}
FORM_STYLES = ("grid_yn", "circle_strike", "tick_if_present", "redflag_template",
               "nice_lgi_proforma", "nice_ugi_proforma")
LGI_OK = {"U2", "U3", "U4", "U6", "U8", "O6", "A1", "A3", "D"}
UGI_OK = {"U1", "U5", "U7", "R3", "O1", "A2"}


def choose_style(rule, f, r):
    w = [("ers_export", 9), ("dear_dr", 10), ("soap_registrar", 6), ("np_bullets", 6),
         ("system_printout", 7), ("terse_note", 5), ("chaser", 4), ("letterhead_heavy", 4),
         ("grid_yn", 7), ("circle_strike", 7), ("tick_if_present", 7), ("redflag_template", 7)]
    if rule in ("A1", "A2", "A3", "O3", "O5", "O4", "D"):
        w.append(("advice_request", 10))
    else:
        w.append(("advice_request", 2))
    if rule in LGI_OK:
        w.append(("nice_lgi_proforma", 18 if rule.startswith("U") else 8))
    if rule in UGI_OK:
        w.append(("nice_ugi_proforma", 11 if rule.startswith("U") else 12))
    tot = sum(x for _, x in w)
    x = r.uniform(0, tot)
    for s, k in w:
        x -= k
        if x <= 0:
            return s
    return w[-1][0]


def word_count(t):
    return len(t.split())


def main():
    r = random.Random(SEED)
    records = []
    for rule, n in PLAN:
        for j in range(n):
            # separate string-seeded streams per letter, so a change to one layout's wording
            # never reshuffles the other letters (str seeds are hashed with SHA-512: stable)
            fr = random.Random("%d:%s:%d:facts" % (SEED, rule, j))
            rr = random.Random("%d:%s:%d:render" % (SEED, rule, j))
            orr = random.Random("%d:%s:%d:ocr" % (SEED, rule, j))
            f = build_facts(rule, fr)
            start = dt.date(2024, 1, 8)
            letter_date = start + dt.timedelta(days=fr.randint(0, 640))
            ctx = make_ctx(f, fr, letter_date)
            urg, path = URG[rule]
            style = choose_style(rule, f, fr)
            ctx["prio"] = choose_priority(urg, style, fr)
            ocr = fr.random() < (0.3 if style in FORM_STYLES else 0.08)
            for attempt in range(20):
                audit = {}
                text = LAYOUTS[style](f, ctx, rr, audit, ocr)
                text = tidy(text)
                if ocr:
                    text = apply_ocr(text, orr, ctx, style in FORM_STYLES)
                if 20 <= word_count(text) <= 600:
                    break
            else:
                raise RuntimeError("length")
            assert age_on(ctx["dob"], letter_date) == f["age"]
            records.append((rule, f, ctx, style, ocr, text, audit))
    order = list(range(len(records)))
    r.shuffle(order)
    letters, metas = [], []
    for i, k in enumerate(order):
        rule, f, ctx, style, ocr, text, audit = records[k]
        lid = "r5-%04d" % (i + 1)
        urg, path = URG[rule]
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule,
                        "style": style, "gp_priority": ctx["prio"], "age": f["age"], "ocr": ocr})
        metas.append({"id": lid, "rule": rule, "facts": f,
                      "age_stated_in_text": ctx["age_stated"],
                      "patient": {"name": ctx["name"], "dob": ctx["dob"].isoformat(), "nhs": ctx["nhs"]},
                      "letter_date": ctx["letter_date"].isoformat(),
                      "practice": ctx["practice"][0], "practice_code": ctx["practice"][1],
                      "style": style, "ocr": ocr, "gp_priority": ctx["prio"],
                      "negated_mentions": audit.get("negated", []),
                      "non_counting_mentions": audit.get("distractors", [])})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for x in letters:
            fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for x in metas:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d letters" % len(letters))


if __name__ == "__main__":
    main()
