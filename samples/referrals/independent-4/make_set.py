#!/usr/bin/env python3
"""Build set 4 of fictional GP -> gastroenterology referral letters.

Standard library only, one seeded RNG, deterministic output whatever PYTHONHASHSEED
(no set/dict-hash-order dependence: every choice is made from lists).

Usage:  python3 make_set.py            (writes letters.jsonl and letters_meta.jsonl here)
"""
import datetime
import json
import os
import random

SEED = 40417
HERE = os.path.dirname(os.path.abspath(__file__))

USC, URG, ROU, AG = "urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"
RULES = {
    "U1": (USC, "upper_gi"), "U2": (USC, "lower_gi"), "U3": (USC, "lower_gi"),
    "U4": (USC, "lower_gi"), "U5": (USC, "upper_gi"), "U6": (USC, "lower_gi"),
    "U7": (USC, "hepatology"), "U8": (USC, "lower_gi"),
    "R1": (URG, "ibd"), "R2": (URG, "hepatology"), "R3": (URG, "upper_gi"),
    "O1": (ROU, "upper_gi"), "O2": (ROU, "ibd"), "O3": (AG, "ibd"), "O4": (ROU, "general_gi"),
    "O5": (ROU, "hepatology"), "A1": (AG, "general_gi"), "O6": (ROU, "general_gi"),
    "A2": (AG, "upper_gi"), "A3": (AG, "lower_gi"), "D": (ROU, "general_gi"),
}
# planned counts per rule (spec mix ~30/15/35/20)
PLAN = [("U1", 14), ("U2", 9), ("U3", 16), ("U4", 16), ("U5", 12), ("U6", 8), ("U7", 10),
        ("U8", 17), ("R1", 20), ("R2", 16), ("R3", 13), ("O1", 14), ("O2", 14), ("O3", 16),
        ("O4", 14), ("O5", 18), ("A1", 22), ("O6", 24), ("A2", 18), ("A3", 10), ("D", 30)]

SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass", "weight_loss",
            "upper_pain", "abdo_pain", "reflux", "dyspepsia", "jaundice", "rectal_bleeding",
            "cibh", "bloody_diarrhoea", "bloating", "haematemesis", "ascites", "confusion"]

R = random.Random(SEED)


def ch(seq):
    return seq[R.randrange(len(seq))]


def chance(p):
    return R.random() < p


# ---------------------------------------------------------------- identifiers
def nhs_number():
    while True:
        d = [9, 9, 9] + [R.randrange(10) for _ in range(6)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(str(x) for x in d + [c])


def fmt_nhs(n):
    return ch([n, n[:3] + " " + n[3:6] + " " + n[6:], n[:3] + "-" + n[3:6] + "-" + n[6:]])


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_L = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"]


def fmt_date(d, style=None):
    style = style if style is not None else R.randrange(5)
    if style == 0:
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS_L[d.month - 1], d.year)
    if style == 2:
        return "%02d-%s-%04d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 3:
        return "%d.%d.%04d" % (d.day, d.month, d.year)
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


FIRST_F = ["Margaret", "Aisha", "Joanne", "Priya", "Eileen", "Bethan", "Ngozi", "Karen", "Sinead",
           "Hannah", "Olwen", "Fatima", "Deborah", "Lucy", "Marta", "Rosalind", "Yasmin", "Glenys",
           "Chloe", "Agnieszka", "Shirley", "Naomi", "Rhian", "Mei", "Tracey", "Iona", "Zainab",
           "Pauline", "Kirsty", "Abimbola", "Heather", "Jasmine", "Wendy", "Leah", "Doreen"]
FIRST_M = ["Graham", "Tariq", "Declan", "Rajesh", "Alun", "Stewart", "Kwame", "Philip", "Darren",
           "Tomasz", "Gareth", "Imran", "Leslie", "Owen", "Barry", "Callum", "Mohammed", "Nigel",
           "Ewan", "Samuel", "Clive", "Hamza", "Keith", "Dylan", "Jun", "Terence", "Ruairi",
           "Vikram", "Malcolm", "Aled", "Craig", "Femi", "Rhys", "Dennis", "Jonah"]
SURN = ["Ashworth", "Pendlebury", "Okafor", "Kowalczyk", "Mistry", "Thwaites", "Gallagher",
        "Llewellyn", "Sutcliffe", "Baptiste", "Haworth", "Quinlan", "Ramsbottom", "Chaudhry",
        "Fenwick", "Ogunleye", "Dunmore", "Treharne", "Whitlock", "Nakamura", "Brindley",
        "McAllister", "Papadakis", "Hollins", "Akhtar", "Varga", "Entwistle", "Carrow", "Oduya",
        "Selby", "Marchetti", "Greaves", "Pryce", "Lindqvist", "Holroyd", "Abernethy", "Yeboah",
        "Castellane", "Birtwistle", "Nwosu", "Penhaligon", "Kerslake", "Doherty", "Iqbal"]
STREETS = ["Mill Lane", "Beech Grove", "Quarry Road", "Victoria Terrace", "Harbour View",
           "Orchard Close", "Tanners Row", "Kiln Street", "Cedar Avenue", "Moorside Drive"]
TOWNS = ["Ashby Vale", "Hollinbridge", "Kestermouth", "Lower Marden", "Penstowe", "Thrushcombe",
         "Wexley", "Carrick Fell", "Broadwater St Mary", "Elmsworth"]

PRACTICES = [
    ("Riverside Lane Surgery", "F83412", "2 Riverside Lane, Hollinbridge HB4 7QT", "01632 960114",
     ["Dr Helen Marsh", "Dr Sunil Varadkar", "Dr Peter Ng"]),
    ("The Old Forge Medical Practice", "K81905", "Forge Yard, Lower Marden LM2 3RD", "01632 960587",
     ["Dr Anwen Price", "Dr Colm Byrne"]),
    ("Kestermouth Harbour Health Centre", "L85020", "Quay Street, Kestermouth KM1 1AB",
     "01632 960233", ["Dr Rachel Obi", "Dr Martin Foyle", "Dr Isla Gunn"]),
    ("Penstowe Family Practice", "M92611", "Church Walk, Penstowe PE9 4LX", "01632 960902",
     ["Dr Dafydd Rees", "Dr Lakshmi Iyer"]),
    ("Wexley & District Medical Group", "P87714", "Station Approach, Wexley WX3 8NN",
     "01632 960455", ["Dr Tom Adeyemi", "Dr Fiona Kerr", "Dr Jakub Nowak"]),
    ("Thrushcombe Valley Surgery", "C84339", "The Green, Thrushcombe TC6 2HS", "01632 960771",
     ["Dr Ellen Hartley", "Dr Omar Siddiqui"]),
    ("Elmsworth Road Medical Centre", "B82046", "118 Elmsworth Road, Elmsworth EL1 5PP",
     "01632 960318", ["Dr Catriona Bell", "Dr Ravi Menon"]),
    ("Carrick Fell Practice", "A81377", "Fell Road, Carrick Fell CF8 9WW", "01632 960640",
     ["Dr Bronwen Lloyd", "Dr George Ashton"]),
]
NP_NAMES = ["Sarah Fell ANP", "Joanna Mbeki ANP", "Chris Lowe, Advanced Nurse Practitioner",
            "Kate Dunne (ANP)"]
REG_NAMES = ["Dr A. Mehta (GP ST3)", "Dr L. Carver, GPST2", "Dr N. Haddad (GP registrar)"]
HOSP = ["Hollinbridge General Hospital", "Kestermouth Royal Infirmary", "Wexley University Hospital"]


# ---------------------------------------------------------------- labelling (the spec)
def fit_value(f):
    v = f["fit"]
    if v is None:
        return None
    return 0 if isinstance(v, str) else v


def calp_value(f):
    c = f["calpro"]
    return 0 if c == "<20" else c


def anaemia(f):
    hb = f["hb"]
    return hb is not None and hb < (130 if f["sex"] == "M" else 120)


def iron_def(f):
    return f["ferritin"] is not None and f["ferritin"] < 30


def any_symptom(f):
    return any(f["sx"][k] for k in SYMPTOMS)


def label(f):
    s, age = f["sx"], f["age"]
    fit = fit_value(f)
    calp, alt = calp_value(f), f["alt"]
    rb = s["rectal_bleeding"] or s["bloody_diarrhoea"]
    cibh = s["cibh"] or s["bloody_diarrhoea"]
    pain = s["abdo_pain"] or s["upper_pain"]
    ida = anaemia(f) and iron_def(f)
    if s["dysphagia"]:
        return "U1"
    if s["rectal_mass"] or s["anal_mass"] or s["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and s["weight_loss"] and (s["upper_pain"] or s["reflux"] or s["dyspepsia"]):
        return "U5"
    if s["abdo_mass"]:
        return "U6"
    if age >= 40 and s["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and s["weight_loss"] and pain)
                        or (age >= 60 and cibh)):
        return "U8"
    if s["bloody_diarrhoea"] or (calp is not None and calp >= 250):
        return "R1"
    if (f["cirrhosis"] and (s["ascites"] or s["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if s["haematemesis"]:
        return "R3"
    if age >= 55 and s["dyspepsia"] and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4:
        return "O1"
    if calp is not None and 100 <= calp <= 249:
        return "O2"
    if f["ibd"] and f["ibd_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    low_test = (calp is not None and calp < 100) or (fit is not None and fit < 10)
    other = (rb or s["weight_loss"] or s["dyspepsia"] or s["reflux"] or s["jaundice"]
             or s["haematemesis"] or s["ascites"] or s["confusion"] or anaemia(f) or iron_def(f)
             or f["ibd"] or f["cirrhosis"])
    if age < 50 and (pain or s["bloating"] or cibh) and low_test and not other:
        return "A1"
    if (rb or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (s["dyspepsia"] or s["reflux"]):
        return "A2"
    if f["fh_crc"] and not any_symptom(f):
        return "A3"
    return "D"


def ambiguous(f):
    """Reject fact sets whose label depends on a contestable reading of the spec."""
    s, age = f["sx"], f["age"]
    fit = fit_value(f)
    pain = s["abdo_pain"] or s["upper_pain"]
    low_test = (calp_value(f) is not None and calp_value(f) < 100) or (fit is not None and fit < 10)
    if s["bloody_diarrhoea"] and (age >= 50 or s["weight_loss"] or s["rectal_bleeding"]):
        return True
    if age < 50 and (pain or s["bloating"] or s["cibh"]) and low_test:
        if s["rectal_bleeding"] or s["dyspepsia"] or s["reflux"]:
            return True
        if anaemia(f) != iron_def(f):
            return True
    if s["upper_pain"] and s["weight_loss"] and 40 <= age < 55 and fit is None:
        return True
    if s["weight_loss"] and (s["dyspepsia"] or s["reflux"]) and age < 55:
        return True
    if s["jaundice"] and age < 40 and not (f["alt"] is not None and f["alt"] >= 300):
        return True
    if f["fh_crc"] and not any_symptom(f) and (anaemia(f) or iron_def(f) or f["alt"] or
                                                f["ttg_raised"] or f["fatty_liver"]):
        return True
    if (s["ascites"] or s["confusion"]) and not f["cirrhosis"]:
        return True
    if f["ibd_question"] and not f["ibd"]:
        return True
    return False


# ---------------------------------------------------------------- fact builders
def blank(age, sex):
    return {"age": age, "sex": sex, "sx": {k: False for k in SYMPTOMS}, "ppi_weeks": None,
            "hb": None, "ferritin": None, "mcv": None, "fit": None, "fit_status": None,
            "calpro": None, "alt": None, "ttg_raised": False, "ttg": None, "fatty_liver": False,
            "cirrhosis": None, "ibd": None, "ibd_question": None, "fh_crc": False,
            "bilirubin": None, "edge": []}


def rage(lo, hi):
    return R.randint(lo, hi)


def sexr():
    return ch(["F", "M"])


def set_hb_normal(f):
    f["hb"] = R.randint(124, 152) if f["sex"] == "F" else R.randint(134, 168)
    if chance(0.5):
        f["ferritin"] = R.randint(35, 260)


def lowfit():
    return ch(["<4", "undetectable", "negative", 2, 3, 5, 6, 7, 8, 9, "<4", 4])


def build(rule):
    s = None
    if rule == "U1":
        f = blank(rage(24, 88) if chance(0.15) else rage(50, 88), sexr())
        f["sx"]["dysphagia"] = True
        if chance(0.4):
            f["sx"]["reflux"] = True
        if chance(0.35) and f["age"] >= 40:
            f["sx"]["weight_loss"] = True
        if chance(0.2):
            f["sx"]["haematemesis"] = True
        if chance(0.3):
            set_hb_normal(f)
        if f["age"] < 40:
            f["edge"].append("young dysphagia")
    elif rule == "U2":
        f = blank(rage(33, 86), sexr())
        k = ch(["rectal_mass", "anal_mass", "anal_ulcer"])
        f["sx"][k] = True
        if chance(0.4):
            f["sx"]["rectal_bleeding"] = True
        if chance(0.3):
            f["fit"] = lowfit()
            f["edge"].append("mass/ulcer despite low FIT")
    elif rule == "U3":
        f = blank(rage(30, 85), sexr())
        f["fit"] = ch([10, 10, 11, 14, 18, 23, 37, 52, 88, 120, 150, 240, 400, 12])
        if f["fit"] == 10:
            f["edge"].append("FIT exactly 10")
        for k in ["cibh", "abdo_pain", "rectal_bleeding", "bloating"]:
            if chance(0.35):
                f["sx"][k] = True
        if f["age"] < 50 and chance(0.5):
            f["calpro"] = R.randint(20, 90)
        if chance(0.4):
            set_hb_normal(f)
    elif rule == "U4":
        f = blank(rage(19, 88), sexr())
        if f["sex"] == "F":
            f["hb"] = ch([118, 119, 112, 104, 96, 88, 79, 115, 108])
        else:
            f["hb"] = ch([129, 128, 121, 114, 103, 97, 86, 125])
        f["ferritin"] = ch([4, 6, 8, 9, 11, 14, 17, 22, 29, 5, 12])
        f["mcv"] = R.randint(66, 79)
        if chance(0.3):
            f["fit"] = lowfit()
            f["edge"].append("IDA with low FIT")
        if chance(0.2):
            f["ttg_raised"] = True
            f["edge"].append("coeliac with IDA")
        if chance(0.3):
            f["sx"]["bloating"] = True
        if f["hb"] in (119, 129, 128) or f["ferritin"] == 29:
            f["edge"].append("threshold IDA")
    elif rule == "U5":
        f = blank(rage(55, 86), sexr())
        f["sx"]["weight_loss"] = True
        for k in ch([["upper_pain"], ["dyspepsia"], ["reflux"], ["upper_pain", "dyspepsia"],
                     ["reflux", "dyspepsia"]]):
            f["sx"][k] = True
        if f["sx"]["dyspepsia"] and chance(0.5):
            f["ppi_weeks"] = ch([6, 8, 12])
        if chance(0.4):
            set_hb_normal(f)
        if f["age"] == 55:
            f["edge"].append("age exactly 55")
    elif rule == "U6":
        f = blank(rage(38, 88), sexr())
        f["sx"]["abdo_mass"] = True
        if chance(0.5):
            f["sx"]["abdo_pain"] = True
        if chance(0.4):
            f["fit"] = lowfit()
    elif rule == "U7":
        f = blank(rage(40, 89), sexr())
        f["sx"]["jaundice"] = True
        f["bilirubin"] = R.randint(48, 260)
        f["alt"] = ch([55, 80, 120, 210, 340, 75])
        if chance(0.3):
            f["sx"]["weight_loss"] = True
        if f["age"] == 40:
            f["edge"].append("age exactly 40")
    elif rule == "U8":
        v = R.randrange(3)
        if v == 0:
            f = blank(rage(50, 84), sexr())
            f["sx"]["rectal_bleeding"] = True
        elif v == 1:
            f = blank(rage(40, 80), sexr())
            f["sx"]["weight_loss"] = True
            f["sx"]["abdo_pain"] = True
        else:
            f = blank(rage(60, 88), sexr())
            f["sx"]["cibh"] = True
        f["fit_status"] = ch([None, "awaited", "declined", "requested", "not_done"])
        if chance(0.4):
            set_hb_normal(f)
        if f["age"] in (40, 50, 60):
            f["edge"].append("age at threshold")
    elif rule == "R1":
        f = blank(rage(17, 47), sexr())
        if chance(0.6):
            f["sx"]["bloody_diarrhoea"] = True
            if chance(0.5):
                f["calpro"] = R.randint(300, 1800)
        else:
            f["calpro"] = ch([250, 260, 410, 560, 890, 1200, 320])
            f["sx"][ch(["cibh", "abdo_pain"])] = True
            if f["calpro"] == 250:
                f["edge"].append("calprotectin exactly 250")
        if chance(0.25):
            f["ibd"] = ch(["UC", "Crohn's"])
        if chance(0.3):
            f["hb"] = R.randint(125, 150) if f["sex"] == "F" else R.randint(135, 160)
    elif rule == "R2":
        if chance(0.55):
            f = blank(rage(42, 78), sexr())
            f["cirrhosis"] = ch(["alcohol-related", "NASH", "hepatitis C", "alcohol-related"])
            f["sx"][ch(["ascites", "confusion", "ascites"])] = True
            if chance(0.5):
                f["alt"] = R.randint(25, 95)
        else:
            f = blank(rage(19, 70), sexr())
            f["alt"] = ch([300, 320, 412, 650, 1140, 2300, 388])
            if f["alt"] == 300:
                f["edge"].append("ALT exactly 300")
            if f["age"] < 40 and chance(0.5):
                f["sx"]["jaundice"] = True
                f["bilirubin"] = R.randint(40, 120)
                f["edge"].append("jaundice under 40 with ALT>=300")
    elif rule == "R3":
        f = blank(rage(20, 80), sexr())
        f["sx"]["haematemesis"] = True
        if chance(0.4):
            f["sx"][ch(["dyspepsia", "upper_pain"])] = True
        if chance(0.5):
            set_hb_normal(f)
    elif rule == "O1":
        f = blank(rage(55, 85), sexr())
        f["sx"]["dyspepsia"] = True
        f["ppi_weeks"] = ch([4, 6, 8, 12, 26, 4])
        if chance(0.3):
            f["sx"]["reflux"] = True
        if chance(0.5):
            set_hb_normal(f)
        if f["ppi_weeks"] == 4:
            f["edge"].append("PPI exactly 4 weeks")
    elif rule == "O2":
        f = blank(rage(18, 58), sexr())
        f["calpro"] = ch([100, 112, 140, 165, 190, 230, 249, 128])
        f["sx"][ch(["cibh", "abdo_pain", "bloating"])] = True
        if f["calpro"] in (100, 249):
            f["edge"].append("calprotectin at O2 bound")
    elif rule == "O3":
        f = blank(rage(19, 72), sexr())
        f["ibd"] = ch(["UC", "Crohn's", "UC", "Crohn's", "IBD-U"])
        f["ibd_question"] = R.randrange(8)
        if chance(0.4):
            f["calpro"] = R.randint(15, 80)
    elif rule == "O4":
        f = blank(rage(18, 70), sexr())
        f["ttg_raised"] = True
        f["sx"][ch(["bloating", "cibh", "abdo_pain", "bloating"])] = True
        if chance(0.3):
            set_hb_normal(f)
    elif rule == "O5":
        f = blank(rage(28, 75), sexr())
        if chance(0.6):
            f["alt"] = ch([40, 46, 58, 72, 95, 130, 186, 240, 299, 64])
            if f["alt"] in (40, 299):
                f["edge"].append("ALT at O5 bound")
        if f["alt"] is None or chance(0.4):
            f["fatty_liver"] = True
        if chance(0.15):
            f["cirrhosis"] = "NASH"
            f["edge"].append("compensated cirrhosis")
        if chance(0.25) and f["age"] >= 50:
            f["fit"] = lowfit()
            f["sx"]["bloating"] = True
    elif rule == "A1":
        f = blank(rage(18, 49), sexr())
        for k in ch([["abdo_pain"], ["bloating"], ["cibh"], ["abdo_pain", "bloating"],
                     ["cibh", "abdo_pain"], ["bloating", "cibh"]]):
            f["sx"][k] = True
        if chance(0.6):
            f["calpro"] = ch([12, 20, 35, 48, 60, 75, 99, "<20"])
        if f["calpro"] is None or chance(0.3):
            f["fit"] = lowfit()
        if chance(0.4):
            set_hb_normal(f)
        if f["age"] == 49:
            f["edge"].append("age 49")
        if f["calpro"] == 99:
            f["edge"].append("calprotectin 99")
    elif rule == "O6":
        v = R.randrange(4)
        f = blank(rage(50, 86) if v < 3 else rage(22, 49), sexr())
        if v == 0:
            f["sx"]["rectal_bleeding"] = True
        elif v == 1:
            f["sx"]["cibh"] = True
            if chance(0.5):
                f["sx"]["abdo_pain"] = True
        elif v == 2:
            f["sx"]["abdo_pain"] = True
            if chance(0.4):
                f["calpro"] = R.randint(10, 90)
        else:
            f["sx"]["rectal_bleeding"] = True
        f["fit"] = lowfit()
        if chance(0.5):
            set_hb_normal(f)
    elif rule == "A2":
        f = blank(rage(19, 54), sexr())
        for k in ch([["dyspepsia"], ["reflux"], ["dyspepsia", "reflux"]]):
            f["sx"][k] = True
        if chance(0.5):
            f["ppi_weeks"] = ch([2, 6, 8, 12])
        if f["age"] == 54:
            f["edge"].append("age 54")
    elif rule == "A3":
        f = blank(rage(25, 60), sexr())
        f["fh_crc"] = True
    else:  # D
        f = blank(30, "F")
        v = R.randrange(10)
        f["age"], f["sex"] = rage(25, 85), sexr()
        if v == 0:  # anaemia, ferritin replete
            f["hb"] = R.randint(95, 117) if f["sex"] == "F" else R.randint(100, 127)
            f["ferritin"] = R.randint(45, 400)
            f["edge"].append("anaemia without iron deficiency")
        elif v == 1:  # iron deficiency without anaemia
            f["hb"] = ch([120, 124, 131]) if f["sex"] == "F" else ch([130, 133, 141])
            f["ferritin"] = R.randint(6, 25)
            f["edge"].append("iron deficiency, Hb not anaemic")
        elif v == 2:  # older dyspepsia without adequate PPI trial
            f["age"] = rage(55, 80)
            f["sx"]["dyspepsia"] = True
            f["ppi_weeks"] = ch([None, 1, 2, 3])
            f["edge"].append("dyspepsia >=55 without 4 weeks PPI")
        elif v == 3:  # weight loss alone
            f["sx"]["weight_loss"] = True
        elif v == 4:  # abdo pain 50-59, calpro normal, no FIT
            f["age"] = rage(50, 59)
            f["sx"]["abdo_pain"] = True
            f["calpro"] = R.randint(10, 60)
            f["edge"].append("pain >=50 with calprotectin but no FIT")
        elif v == 5:  # bloating >=50 with low FIT
            f["age"] = rage(50, 80)
            f["sx"]["bloating"] = True
            f["fit"] = lowfit()
            f["edge"].append("bloating only with low FIT")
        elif v == 6:  # CIBH 50-59 no FIT
            f["age"] = rage(50, 59)
            f["sx"]["cibh"] = True
            f["edge"].append("CIBH under 60 without FIT")
        elif v == 7:  # CIBH under 50 no tests
            f["age"] = rage(18, 49)
            f["sx"][ch(["cibh", "abdo_pain"])] = True
        elif v == 8:  # rectal bleeding under 50 no FIT
            f["age"] = rage(30, 49)
            f["sx"]["rectal_bleeding"] = True
            f["edge"].append("rectal bleeding under 50 without FIT")
        else:  # ALT normal, gallstones / raised ALP
            f["alt"] = R.randint(14, 39)
            f["edge"].append("gallstones / ALT below 40")
            f["gallstones"] = True
        if f["age"] in (49, 59, 54):
            f["edge"].append("age just under threshold")
    return f


# ---------------------------------------------------------------- distractors and co-facts
def add_common(f, rule):
    # family history mentions (only where they cannot change the label)
    f["fh_other"] = None
    if rule != "A3" and any_symptom(f) and chance(0.22):
        f["fh_crc"] = True
    if chance(0.25):
        f["fh_other"] = ch(["father had oesophageal cancer at 70", "sister has coeliac disease",
                            "brother has Crohn's disease", "mother had stomach cancer in her 80s",
                            "aunt had pancreatic cancer", "father died of liver cirrhosis"])
    f["resolved"] = None
    f["hypo"] = None
    s = f["sx"]
    pool = []
    if not s["rectal_bleeding"] and not s["bloody_diarrhoea"]:
        pool.append("rb")
    if not s["dysphagia"]:
        pool.append("dys")
    if not s["haematemesis"]:
        pool.append("haem")
    if not s["weight_loss"]:
        pool.append("wl")
    if not s["jaundice"]:
        pool.append("jaund")
    if not anaemia(f):
        pool.append("anaem")
    if pool and chance(0.45):
        f["resolved"] = ch(pool)
    if pool and chance(0.35):
        f["hypo"] = ch(pool)
    f["gallstones"] = f.get("gallstones", False)


def gp_priority_for(rule):
    urg = RULES[rule][0]
    x = R.random()
    if x < 0.42:
        return urg
    if x < 0.60:
        return None
    order = [AG, ROU, URG, USC]
    i = order.index(urg)
    if x < 0.80 and i < 3:
        return order[R.randint(i + 1, 3)]  # GP asks higher
    if i > 0:
        return order[R.randint(0, i - 1)]  # GP asks lower
    return order[R.randint(1, 3)]


# ---------------------------------------------------------------- text pieces
DUR = ["2/52", "3/52", "6/52", "8/52", "2/12", "3/12", "4/12", "6 weeks", "a month",
       "about 10 weeks", "since the summer", "3 months", "several weeks", "5 weeks"]


def pr(f, kind):
    m = f["sex"] == "M"
    return {"He": "He" if m else "She", "he": "he" if m else "she", "his": "his" if m else "her",
            "him": "him" if m else "her"}[kind]


def sx_phrases(f):
    """One asserting phrase per present symptom (without leading pronoun)."""
    s = f["sx"]
    out = []
    he, He = pr(f, "he"), pr(f, "He")
    d = lambda: ch(DUR)
    if s["dysphagia"]:
        out.append(ch(["food sticking %s for %s" % (ch(["behind the sternum", "at the level of the lower chest", "in the lower gullet"]), d()),
                       "progressive dysphagia to solids x %s" % d(),
                       "difficulty swallowing - meat and bread catch - over %s" % d(),
                       "dysphagia, %s history, now also struggling with tablets" % d(),
                       "new intermittent dysphagia; points to the mid-chest"]))
    if s["rectal_mass"]:
        out.append(ch(["O/E PR: firm irregular mass at about %d cm" % R.randint(4, 8),
                       "a hard, fixed rectal mass palpable on DRE"]))
    if s["anal_mass"]:
        out.append(ch(["O/E: hard %d cm mass at the anal verge, not a thrombosed pile" % R.randint(1, 3),
                       "firm lump at the anal margin which I do not think is a haemorrhoid"]))
    if s["anal_ulcer"]:
        out.append(ch(["non-healing anal ulcer (%s), unexplained; does not look like a fissure" % d(),
                       "ulceration at the anal margin, no obvious cause"]))
    if s["abdo_mass"]:
        out.append(ch(["O/E palpable mass in the %s" % ch(["RIF", "LIF", "right flank", "epigastrium"]),
                       "a firm, non-tender mass in the %s on palpation" % ch(["right iliac fossa", "left iliac fossa", "suprapubic area"])]))
    if s["weight_loss"]:
        kg = R.randint(4, 12)
        out.append(ch(["unexplained wt loss of %dkg over %s" % (kg, d()),
                       "has lost about %d kg without trying" % kg,
                       "weight down %d kg in %s, not dieting" % (kg, d()),
                       "unintentional weight loss (%d kg)" % kg]))
    if s["upper_pain"]:
        out.append(ch(["epigastric pain for %s" % d(), "upper abdominal pain, gnawing, worse after food",
                       "pain in the upper abdomen on most days for %s" % d()]))
    if s["abdo_pain"]:
        out.append(ch(["lower abdominal pain, crampy, %s" % d(), "intermittent LIF pain",
                       "central abdominal pain on and off for %s" % d(),
                       "colicky abdo pain, eased by opening bowels", "RIF discomfort for %s" % d()]))
    if s["reflux"]:
        out.append(ch(["heartburn and acid reflux for %s" % d(), "GORD-type symptoms: burning retrosternal pain after meals",
                       "regurgitation and reflux most nights"]))
    if s["dyspepsia"]:
        out.append(ch(["dyspepsia for %s" % d(), "indigestion and epigastric fullness after meals",
                       "ongoing dyspeptic symptoms", "persistent indigestion"]))
    if s["jaundice"]:
        out.append(ch(["painless jaundice, first noticed by family %s ago" % ch(["10 days", "2 weeks", "a week"]),
                       "yellow sclerae and dark urine for %s" % ch(["a week", "10 days", "2/52"]),
                       "new jaundice with pale stools and itch"]))
    if s["rectal_bleeding"]:
        out.append(ch(["PR bleeding for %s, dark red and mixed in" % d(),
                       "fresh red blood on the paper and in the pan for %s" % d(),
                       "intermittent BRPR x %s" % d(), "rectal bleeding on most days for %s" % d(),
                       "blood in the stool over the last %s" % d()]))
    if s["cibh"]:
        out.append(ch(["CIBH - looser and more frequent (3-4x/day) for %s" % d(),
                       "change in bowel habit towards constipation over %s" % d(),
                       "bowels altered over %s, now alternating loose and hard" % d(),
                       "new persistent looser stools for %s" % d()]))
    if s["bloody_diarrhoea"]:
        out.append(ch(["bloody diarrhoea %d-%d times a day for %s" % (R.randint(4, 6), R.randint(7, 10), ch(["2/52", "3 weeks", "10 days"])),
                       "loose stools with blood and mucus, up at night, for %s" % ch(["3/52", "2 weeks", "a month"])]))
    if s["bloating"]:
        out.append(ch(["bloating, worse through the day", "abdominal bloating on and off",
                       "troublesome bloating and wind"]))
    if s["haematemesis"]:
        out.append(ch(["%d episode(s) of vomiting fresh blood %s, haemodynamically stable since" % (R.randint(1, 3), ch(["on Tuesday", "last weekend", "3 days ago"])),
                       "an episode of haematemesis (about a cupful) %s; obs normal today" % ch(["4 days ago", "last week"]),
                       "haematemesis after a bout of retching %s, settled" % ch(["on Sunday", "two days ago"])]))
    if s["ascites"]:
        out.append(ch(["increasing abdominal girth, clinically ascites (shifting dullness)",
                       "new ascites on examination"]))
    if s["confusion"]:
        out.append(ch(["family report episodes of confusion over the last %s" % ch(["week", "fortnight"]),
                       "intermittently confused, ?hepatic encephalopathy"]))
    return out


NEG_WORDS = {"dysphagia": ["dysphagia", "difficulty swallowing"],
             "weight_loss": ["weight loss", "wt loss"],
             "rectal_bleeding": ["PR bleeding", "rectal bleeding", "blood in the stool"],
             "cibh": ["change in bowel habit", "CIBH"],
             "haematemesis": ["haematemesis", "vomiting blood"],
             "jaundice": ["jaundice"],
             "abdo_mass": ["palpable masses", "abdominal mass"]}


def negation_text(f):
    s = f["sx"]
    absent = [k for k in ["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "haematemesis",
                          "jaundice", "abdo_mass"] if not s[k]
              and not (k in ("rectal_bleeding", "cibh") and s["bloody_diarrhoea"])]
    if f["hypo"]:
        pass
    if not absent:
        return ""
    R.shuffle(absent)
    absent = absent[:R.randint(1, min(4, len(absent)))]
    words = [ch(NEG_WORDS[k]) for k in absent]
    st = R.randrange(9)
    if len(words) == 1:
        w = words[0]
        return ch(["No %s." % w, "Denies %s." % w, "%s: nil." % w.capitalize(),
                   "Negative for %s." % w, "Ø %s." % w, "%s -ve." % w.capitalize()])
    lst = ", ".join(words[:-1]) + " or " + words[-1]
    if st == 0:
        return "No %s." % lst
    if st == 1:
        return "Denies %s." % (", ".join(words[:-1]) + " and " + words[-1])
    if st == 2:
        return " ".join("%s - nil." % w.capitalize() for w in words)
    if st == 3:
        return "None of the following: %s." % ", ".join(words)
    if st == 4:
        return "Red flags: %s all absent." % ", ".join(words)
    if st == 5:
        return " ".join("Ø %s" % w for w in words) + "."
    if st == 6:
        return "Negative for %s." % lst
    if st == 7:
        return "%s -ve." % ", ".join(words)
    return "Specifically no %s." % lst


def distractor_text(f):
    out = []
    yr = R.randint(1988, 2019)
    he = pr(f, "he")
    r = f["resolved"]
    if r == "rb":
        out.append(ch(["PR bleeding in %d - haemorrhoids banded, nil since." % yr,
                       "Had rectal bleeding in %d, colonoscopy normal apart from piles; none since." % yr]))
    elif r == "dys":
        out.append(ch(["Food bolus after steak in %d, OGD normal, no swallowing problems since." % yr,
                       "Transient dysphagia during a chest infection in %d which resolved." % yr]))
    elif r == "haem":
        out.append("Mallory-Weiss tear after a stag do in %d, nil since." % yr)
    elif r == "wl":
        out.append(ch(["Lost weight during chemotherapy for lymphoma in %d; weight stable since." % yr,
                       "Lost 6 kg deliberately on a diet last year, weight steady now."]))
    elif r == "jaund":
        out.append(ch(["Hepatitis A as a student in %d, fully recovered." % yr,
                       "Neonatal jaundice only."]))
    elif r == "anaem":
        if f["sex"] == "F":
            out.append("Anaemia in pregnancy (%d), treated, resolved." % yr)
        else:
            out.append("Post-operative anaemia after his hip replacement in %d, recovered fully." % yr)
    h = f["hypo"]
    hypo_words = {"rb": "any rectal bleeding", "dys": "dysphagia", "haem": "haematemesis",
                  "wl": "weight loss", "jaund": "jaundice", "anaem": "anaemia on repeat bloods"}
    if h:
        w = hypo_words[h]
        out.append(ch(["If %s develops %s I will re-refer urgently." % (he, w),
                       "Safety-netted regarding %s." % w,
                       "Should %s appear, would you see %s sooner?" % (w, pr(f, "him")),
                       "Advised to report %s, black stools or vomiting." % w]))
    return out


def fit_text(f):
    v = f["fit"]
    if v is None:
        st = f["fit_status"]
        return {None: None, "awaited": ch(["FIT kit given, result awaited.", "FIT sent last week - not back yet."]),
                "declined": "Declined FIT.", "requested": "FIT requested.",
                "not_done": ch(["FIT not done.", "No FIT available."])}[st]
    if isinstance(v, str):
        return ch({"<4": ["FIT <4", "qFIT <4 ug Hb/g", "FIT: <4 µg/g"],
                   "undetectable": ["FIT undetectable", "qFIT: undetectable"],
                   "negative": ["FIT negative", "FIT -ve (negative)"]}[v])
    return ch(["FIT %d" % v, "qFIT %d ug Hb/g" % v, "FIT: %d µg Hb/g faeces" % v, "FIT result %d ug/g" % v])


def hb_text(f):
    hb = f["hb"]
    if chance(0.35):
        return ch(["Hb %.1f g/dL" % (hb / 10.0), "haemoglobin %.1f g/dL" % (hb / 10.0)])
    return ch(["Hb %d" % hb, "Hb %d g/L" % hb, "haemoglobin %d g/L" % hb])


def fer_text(f):
    return ch(["ferritin %d" % f["ferritin"], "ferritin %d ug/L" % f["ferritin"],
               "Ferritin %d µg/L" % f["ferritin"], "ferritin %d ng/mL" % f["ferritin"]])


def calpro_text(f):
    c = f["calpro"]
    if c == "<20":
        return ch(["calprotectin <20", "faecal calprotectin <20 ug/g"])
    return ch(["calprotectin %d" % c, "faecal calprotectin %d ug/g" % c, "FCP %d µg/g" % c])


def alt_text(f):
    return ch(["ALT %d" % f["alt"], "ALT %d U/L" % f["alt"], "alanine transaminase %d IU/L" % f["alt"]])


def ttg_text(f):
    if f["ttg_raised"]:
        v = ch([28, 45, 88, 128, 200])
        return ch(["tTG IgA %d U/mL (ref <7)" % v, "TTG %d (raised, normal <10)" % v,
                   "coeliac serology positive - tTG %d U/mL" % v])
    return ch(["TTG negative", "tTG 0.8 U/mL (<7)", "coeliac screen negative"])


def result_rows(f):
    """(name, value, unit, range) rows for tables."""
    rows = []
    if f["hb"] is not None:
        gdl = chance(0.3)
        rows.append(("Haemoglobin", "%.1f" % (f["hb"] / 10.0) if gdl else str(f["hb"]),
                     "g/dL" if gdl else "g/L",
                     ("11.5-16.5" if gdl else "115-165") if f["sex"] == "F" else ("13.0-18.0" if gdl else "130-180")))
        if f["mcv"]:
            rows.append(("MCV", str(f["mcv"]), "fL", "80-100"))
        else:
            rows.append(("MCV", str(R.randint(84, 96)), "fL", "80-100"))
        rows.append(("Platelets", str(R.randint(180, 390)), "x10^9/L", "150-400"))
    if f["ferritin"] is not None:
        rows.append(("Ferritin", str(f["ferritin"]), ch(["ug/L", "µg/L"]), "30-300"))
    if f["alt"] is not None:
        rows.append(("ALT", str(f["alt"]), "U/L", "<40" if chance(0.5) else "5-40"))
        rows.append(("ALP", str(R.randint(60, 180) if f.get("gallstones") else R.randint(50, 120)), "U/L", "30-130"))
    if f["bilirubin"] is not None:
        rows.append(("Bilirubin", str(f["bilirubin"]), "umol/L", "<21"))
    if f["calpro"] is not None:
        c = f["calpro"]
        rows.append(("Faecal calprotectin", "<20" if c == "<20" else str(c), "ug/g", "<50"))
    if f["fit"] is not None:
        v = f["fit"]
        rows.append((ch(["FIT", "qFIT", "Faecal immunochemical test"]),
                     {"<4": "<4", "undetectable": "undetectable", "negative": "negative"}.get(v, str(v)) if isinstance(v, str) else str(v),
                     "ug Hb/g", "<10"))
    if f["ttg_raised"] or (f["sx"]["bloating"] and chance(0.5)):
        v = ch([28, 45, 88, 128]) if f["ttg_raised"] else ch(["0.6", "<0.5", "1.2"])
        rows.append(("tTG IgA", str(v), "U/mL", "<7"))
    if chance(0.4):
        rows.append(("CRP", str(R.randint(1, 9)), "mg/L", "<5"))
    if chance(0.3):
        rows.append(("eGFR", ">90" if chance(0.5) else str(R.randint(62, 89)), "mL/min", ">60"))
    return rows


def results_inline(f, rows=None):
    parts = []
    if f["hb"] is not None:
        parts.append(hb_text(f))
        if f["mcv"]:
            parts.append("MCV %d" % f["mcv"])
    if f["ferritin"] is not None:
        parts.append(fer_text(f))
    if f["fit"] is not None:
        parts.append(fit_text(f))
    if f["calpro"] is not None:
        parts.append(calpro_text(f))
    if f["alt"] is not None:
        parts.append(alt_text(f))
    if f["bilirubin"] is not None:
        parts.append("bilirubin %d" % f["bilirubin"])
    if f["ttg_raised"]:
        parts.append(ttg_text(f))
    elif f["sx"]["bloating"] and chance(0.4):
        parts.append(ttg_text(f))
    if f["fatty_liver"]:
        parts.append(ch(["USS: fatty liver", "ultrasound - hepatic steatosis", "NAFLD on USS"]))
    if f.get("gallstones"):
        parts.append(ch(["USS: gallstones, CBD not dilated", "ultrasound shows gallstones"]))
    return parts


def pmh_items(f):
    items = []
    if f["ibd"]:
        items.append(("%s diagnosed %d" % (f["ibd"], R.randint(1998, 2020)), "active"))
    if f["cirrhosis"]:
        items.append(("%s cirrhosis (%d)" % (f["cirrhosis"].capitalize(), R.randint(2012, 2022)), "active"))
    pool = [("Hypertension", "active"), ("Type 2 diabetes", "active"), ("Asthma", "active"),
            ("Osteoarthritis knee", "active"), ("Hypothyroidism", "active"),
            ("Appendicectomy %d" % R.randint(1965, 2000), "past"),
            ("Fractured wrist %d" % R.randint(1970, 2010), "past"),
            ("Tonsillectomy %d" % R.randint(1960, 1995), "past"),
            ("Depression", "active"), ("Hysterectomy %d" % R.randint(1985, 2010), "past"),
            ("Cholecystectomy %d" % R.randint(1990, 2015), "past"),
            ("Duodenal ulcer %d (H. pylori treated)" % R.randint(1985, 2005), "past"),
            ("Gout", "active"), ("AF", "active"), ("Migraine", "past")]
    R.shuffle(pool)
    for it in pool[:R.randint(1, 4)]:
        if "Hysterectomy" in it[0] and f["sex"] == "M":
            continue
        items.append(it)
    return items


def meds(f):
    out = []
    pool = ["Amlodipine 5mg od", "Metformin 500mg bd", "Atorvastatin 20mg on", "Levothyroxine 75mcg od",
            "Salbutamol inh prn", "Sertraline 50mg od", "Ramipril 5mg od", "Paracetamol 1g prn",
            "Bisoprolol 2.5mg od", "Co-codamol 8/500 prn", "Apixaban 5mg bd", "Allopurinol 100mg od"]
    R.shuffle(pool)
    out += pool[:R.randint(0, 4)]
    if f["ppi_weeks"]:
        out.append(ch(["Omeprazole 20mg od", "Lansoprazole 30mg od", "Esomeprazole 20mg od"]))
    if f["ibd"] == "UC":
        out.append(ch(["Mesalazine 2.4g od", "Azathioprine 100mg od"]))
    elif f["ibd"] == "Crohn's":
        out.append(ch(["Azathioprine 125mg od", "Adalimumab 40mg sc fortnightly"]))
    elif f["ibd"]:
        out.append("Budesonide 3mg od (tapering)")
    if f["cirrhosis"]:
        out.append(ch(["Spironolactone 100mg od", "Propranolol 40mg bd"]))
    if anaemia(f) and iron_def(f) and chance(0.5):
        out.append("Ferrous fumarate 210mg bd (started recently)")
    return out


def ppi_text(f):
    w = f["ppi_weeks"]
    if w is None:
        return None
    drug = ch(["omeprazole", "lansoprazole", "esomeprazole"])
    if w < 4:
        return ch(["Started %s %d days ago." % (drug, w * 7), "Only on %s for %d week%s so far." % (drug, w, "" if w == 1 else "s")])
    if w == 4:
        return ch(["No better despite 4 weeks of full-dose %s." % drug, "Persisting after a 4/52 trial of %s." % drug])
    if w >= 12:
        return ch(["Symptoms persist despite %d/12 of %s." % (w // 4, drug), "On %s for %d weeks with no improvement." % (drug, w)])
    return ch(["Persisting despite %d weeks of %s." % (w, drug), "%s for %d/52 - no better." % (drug.capitalize(), w)])


IBD_Q = ["Would you be happy for me to reduce %s mesalazine to 1.2g as %s has been in remission for 3 years?",
         "%s is planning a pregnancy next year - is it safe to continue azathioprine?",
         "Can %s have the shingles vaccine while on %s current immunosuppression?",
         "Stable for years; would you advise on how often %s needs surveillance colonoscopy?",
         "%s asks whether %s can stop azathioprine - any advice on stopping?",
         "Travelling abroad for 6 months - how should %s bloods be monitored while away?",
         "Would you be happy for me to do %s annual monitoring bloods here rather than in clinic?",
         "Any advice on managing %s mild fatigue? Calprotectin and bloods reassuring."]


def ibd_sentence(f):
    he, his = pr(f, "he"), pr(f, "his")
    q = IBD_Q[f["ibd_question"]]
    n = q.count("%s")
    fillers = {0: (his, he), 1: (pr(f, "He"),), 2: (he, his), 3: (he,), 4: (pr(f, "He"), he),
               5: (his,), 6: (his,), 7: (his,)}[f["ibd_question"]]
    q = q % fillers[:n]
    stable = ch(["Known %s, in clinical remission, no blood, bowels %dx/day formed." % (f["ibd"], R.randint(1, 2)),
                 "%s - well controlled, stable with no flares for %d years." % (f["ibd"], R.randint(2, 9)),
                 "Long-standing %s, currently quiescent and stable." % f["ibd"]])
    return stable, q


def priority_phrase(p, formal=False):
    if p is None:
        return None
    if formal:
        return {USC: ch(["2WW", "Urgent Suspected Cancer", "TWO WEEK WAIT"]), URG: "URGENT",
                ROU: "ROUTINE", AG: ch(["Advice and Guidance", "A&G"])}[p]
    return {USC: ch(["Please see under the 2WW pathway.", "Referred as urgent suspected cancer.", "2ww please.",
                     "I would be grateful for a suspected cancer (2WW) appointment."]),
            URG: ch(["Urgent please.", "I'd be grateful if this could be seen urgently.", "Priority: urgent.",
                     "Could you see %s within the next few weeks?"]),
            ROU: ch(["Routine referral.", "Routine is fine.", "No great rush - routine clinic please.",
                     "Priority: routine."]),
            AG: ch(["Advice only please - no appointment needed unless you feel otherwise.",
                    "I would welcome your advice (A&G).", "Advice and guidance request."])}[p]


def pf(text, f):
    return text.replace("%s", pr(f, "him"))


# ---------------------------------------------------------------- layouts
def opener(f):
    age = f["age"]
    sx = "M" if f["sex"] == "M" else "F"
    return ch(["%d yo %s" % (age, "man" if sx == "M" else "woman"), "%dyo %s" % (age, sx),
               "%d y/o %s" % (age, "male" if sx == "M" else "female"),
               "This %d-year-old %s" % (age, "gentleman" if sx == "M" else "lady")])


def history_sentences(f, style="prose"):
    """Return list of sentences covering presenting complaint, negations, distractors."""
    ph = sx_phrases(f)
    R.shuffle(ph)
    sents = []
    He = pr(f, "He")
    if ph:
        if style == "prose":
            lead = ch(["%s presents with " % He, "%s has had " % He, "%s reports " % He, "c/o "])
            if len(ph) == 1:
                sents.append(lead + ph[0] + ".")
            else:
                sents.append(lead + ", ".join(ph[:-1]) + " and " + ph[-1] + ".")
        else:
            sents += [p[0].upper() + p[1:] for p in ph]
    if f["ibd"] and f["ibd_question"] is not None:
        st, q = ibd_sentence(f)
        sents.insert(0, st)
    elif f["ibd"]:
        sents.insert(0, "Background of %s." % f["ibd"])
    if f["cirrhosis"]:
        sents.insert(0, "Known %s cirrhosis, under the liver team in the past." % f["cirrhosis"])
    if not any_symptom(f) and not f["ibd"] and not f["cirrhosis"]:
        if f["fh_crc"]:
            sents.append(ch(["Currently asymptomatic from a bowel point of view.", "%s has no GI symptoms at all." % He,
                             "Entirely asymptomatic; concerned because of the family history."]))
        else:
            sents.append(ch(["Picked up on routine bloods.", "Incidental finding on bloods done for tiredness.",
                             "Found on annual review bloods; %s feels well." % pr(f, "he")]))
    p = ppi_text(f)
    if p:
        sents.append(p)
    n = negation_text(f)
    if n:
        sents.append(n)
    sents += distractor_text(f)
    return sents


def fh_line(f):
    parts = []
    if f["fh_crc"]:
        parts.append(ch(["mother had bowel ca aged %d" % R.randint(48, 78), "father - colorectal cancer at %d" % R.randint(50, 75),
                         "brother diagnosed with bowel cancer aged %d" % R.randint(42, 60),
                         "two paternal relatives with colon cancer"]))
    if f["fh_other"]:
        parts.append(f["fh_other"])
    if not parts:
        return ch(["FH: nil relevant", "No FH of GI malignancy", "FH: nil of note", None])
    return "FH: " + "; ".join(parts)


def sh_line(f):
    return "SH: " + ch(["non-smoker, alcohol %d units/wk" % R.randint(0, 14),
                         "ex-smoker, minimal alcohol", "smokes %d/day, drinks socially" % R.randint(5, 20),
                         "lives with %s, independent" % ch(["partner", "daughter", "wife", "husband"]),
                         "retired %s" % ch(["teacher", "joiner", "nurse", "bus driver"]),
                         "works as a %s" % ch(["chef", "accountant", "HGV driver", "care assistant"])])


def results_sentence(f):
    parts = results_inline(f)
    if not parts:
        return ch(["Bloods: not yet done.", "No recent bloods.", None, None])
    lead = ch(["Bloods: ", "Recent results: ", "Ix: ", "Investigations - "])
    return lead + ", ".join(parts) + "."


def request_sentence(f, rule):
    p = f["gp_priority"]
    he = pr(f, "him")
    base = ch(["I would be grateful for your assessment.", "Please could you see %s." % he,
               "Many thanks for seeing %s." % he, "Grateful for your opinion and further investigation.",
               "Please assess and investigate as you see fit."])
    if p == AG or (f["ibd_question"] is not None and f["ibd"]):
        if f["ibd_question"] is not None and f["ibd"]:
            return ibd_sentence(f)[1] + " " + (priority_phrase(p) or "")
    pp = priority_phrase(p)
    if pp:
        pp = pp.replace("%s", he)
        return base + " " + pp
    return base


EXTRA = [
    "{He} cares for {his} partner, who has dementia, and finds it hard to attend at short notice; "
    "please telephone {his} daughter on 07700 900{n3} to arrange any appointment.",
    "{He} will need a {lang} interpreter for any consultation or procedure; {his} son usually helps at "
    "the surgery but I do not think that is appropriate for a hospital appointment.",
    "{He} is understandably anxious, having read a great deal online, and I have tried to reassure {him} "
    "that the referral is to get a clear answer rather than because I expect anything serious.",
    "I have reviewed {his} medication: no NSAIDs, no recent antibiotics, and I have stopped the "
    "over-the-counter remedies {he} had been buying from the chemist.",
    "General examination today: chest clear, heart sounds normal, BMI {bmi}. {He} looked well and was "
    "chatty throughout.",
    "{He} is happy to have a camera test if you feel one is needed, and understands why I am asking for "
    "your opinion. Consent for sharing the record has been given.",
    "Mobility is limited and {he} uses a stick outdoors; hospital transport may be needed, and a "
    "ground-floor clinic room would help.",
    "{He} takes anticoagulation for AF and would need advice about holding it before any procedure.",
    "Diabetes control is reasonable (HbA1c {hba1c} mmol/mol) and blood pressure is at target on the "
    "current regime.",
    "{He} works night shifts and has asked whether an early morning or late afternoon appointment "
    "might be possible. {He} is able to travel to any of the sites in the trust.",
    "I have not started any new treatment while awaiting your view, other than simple dietary advice "
    "and encouraging regular meals and fluids.",
    "{He} has a background of health anxiety and has previously been seen by the talking-therapies "
    "service; {he} is coping well at present.",
    "Please copy any correspondence to {him} directly as well as to the practice; {he} has asked to "
    "be kept informed of results.",
    "{He} is a carer for an elderly parent and would value as much notice of appointments as you are "
    "able to give.",
]


def extra_paras(f, k):
    if f.get("long"):
        k = R.randint(8, len(EXTRA))
    pool = list(EXTRA)
    R.shuffle(pool)
    out = []
    for t in pool[:k]:
        out.append(t.format(He=pr(f, "He"), he=pr(f, "he"), his=pr(f, "his"), him=pr(f, "him"),
                            n3="%03d" % R.randint(0, 999), lang=ch(["Polish", "Urdu", "Tigrinya", "Portuguese", "Cantonese"]),
                            bmi=R.randint(21, 35), hba1c=R.randint(44, 68)))
    return out


def header_block(f, kind):
    P = f["practice"]
    if kind == 0:
        return "\n".join([P[0], P[2], "Tel " + P[3] + "   Practice code " + P[1]])
    if kind == 1:
        return "%s (%s) | %s" % (P[0].upper(), P[1], P[2])
    return "%s\n%s" % (P[0], P[2])


def patient_id_block(f, multi=True):
    name = "%s %s %s" % (f["title"], f["first"], f["surname"])
    dob = fmt_date(f["dob"])
    nhs = fmt_nhs(f["nhs"])
    show_age = f["show_age"]
    agebit = " (%d)" % f["age"] if show_age else ""
    if multi:
        return "Patient: %s\nDOB: %s%s\nNHS No: %s\nAddress: %d %s, %s" % (
            name, dob, agebit, nhs, R.randint(1, 140), ch(STREETS), ch(TOWNS))
    return "%s, DOB %s%s, NHS %s" % (name, dob, agebit, nhs)


def L_dear_dr(f, rule):
    P = f["practice"]
    lines = [header_block(f, 0), "", fmt_date(f["date"]), "",
             ch(["Dr %s" % ch(["Okonjo", "Wilde", "Farrant", "Sandhu"]), "The Consultant Gastroenterologist"]),
             ch(HOSP), "", ch(["Dear Dr %s," % ch(["Okonjo", "Wilde", "Farrant", "Sandhu"]), "Dear Doctor,", "Dear Colleague,"]), "",
             "Re: " + patient_id_block(f, multi=False), ""]
    body = [ch(["Thank you for seeing", "I would be grateful if you could see", "I'd appreciate your opinion on"]) +
            " this %d-year-old %s." % (f["age"], "man" if f["sex"] == "M" else "woman")]
    body += history_sentences(f, "prose")
    r = results_sentence(f)
    if r:
        body.append(r)
    para1 = " ".join(body[: max(2, len(body) // 2)])
    para2 = " ".join(body[max(2, len(body) // 2):])
    lines += [para1, ""]
    if para2:
        lines += [para2, ""]
    if chance(0.55) or f["long"]:
        for p in extra_paras(f, R.randint(1, 6)):
            lines += [p, ""]
    pm = pmh_items(f)
    lines.append("PMH: " + ", ".join(x[0] for x in pm) + ".")
    md = meds(f)
    lines.append("DH: " + (", ".join(md) if md else "nil regular") + ".")
    fh = fh_line(f)
    if fh:
        lines.append(fh + ".")
    lines += ["", request_sentence(f, rule), "", ch(["Yours sincerely,", "Kind regards,", "With best wishes,"]), "",
              f["gp"], P[0]]
    return "\n".join(lines)


def L_ers(f, rule):
    P = f["practice"]
    ubrn = "%04d %04d %04d" % (R.randint(0, 9999), R.randint(0, 9999), R.randint(0, 9999))
    pri = f["gp_priority"]
    pri_field = {USC: "Urgent Suspected Cancer (2WW)", URG: "Urgent", ROU: "Routine",
                 AG: "Advice and Guidance", None: "Routine"}[pri]
    if pri is None:
        f["gp_priority"] = ROU  # e-RS always carries a priority
    lines = ["NHS e-Referral Service - Referral Letter", "=" * 44,
             "UBRN: %s" % ubrn, "Priority: %s" % pri_field,
             "Specialty: Gastroenterology   Clinic type: %s" % ch(["General Gastroenterology", "Not Otherwise Specified", "Hepatology", "Lower GI", "Upper GI"]),
             "Service: %s - Gastro OPD" % ch(HOSP), "Referrer: %s, %s (%s)" % (f["gp"], P[0], P[1]),
             "Date of referral: %s" % fmt_date(f["date"], 0), "",
             "PATIENT DETAILS", "Name: %s, %s (%s)" % (f["surname"].upper(), f["first"], f["title"]),
             "Date of birth: %s" % fmt_date(f["dob"], 0), "Gender: %s" % ("Male" if f["sex"] == "M" else "Female"),
             "NHS Number: %s" % fmt_nhs(f["nhs"]), "", "CLINICAL DETAILS",
             "Reason for referral:"]
    lines.append(" ".join(history_sentences(f, "prose")))
    lines += ["", "Relevant investigations:"]
    rows = result_rows(f)
    extra = []
    if f["fatty_liver"]:
        extra.append("USS abdomen %s: fatty liver, no focal lesion" % fmt_date(f["date"] - datetime.timedelta(days=R.randint(20, 90)), 0))
    if f.get("gallstones"):
        extra.append("USS abdomen: multiple gallstones, CBD 5mm")
    if not rows and not extra:
        lines.append("None recorded" if f["fit_status"] is None else fit_text(f))
    for r in rows:
        lines.append("  %s: %s %s (%s)" % r)
    lines += ["  " + e for e in extra]
    if f["fit"] is None and f["fit_status"] and rows:
        lines.append("  " + fit_text(f))
    lines += ["", "Past medical history:"] + ["  - %s (%s)" % x for x in pmh_items(f)]
    lines += ["", "Current medication:"] + ["  - " + m for m in (meds(f) or ["None"])]
    fh = fh_line(f)
    if fh:
        lines += ["", "Family history: " + fh[4:] if fh.startswith("FH: ") else fh]
    q = request_sentence(f, rule)
    if chance(0.3):
        lines += ["", "Additional information:"] + extra_paras(f, R.randint(1, 4))
    lines += ["", "Question / request: " + q]
    return "\n".join(lines)


def L_terse(f, rule):
    bits = [opener(f) + "."]
    ph = sx_phrases(f)
    if f["ibd"] and f["ibd_question"] is not None:
        st, q = ibd_sentence(f)
        bits.append(st)
    elif f["ibd"]:
        bits.append("Known %s." % f["ibd"])
    if f["cirrhosis"]:
        bits.append("Known %s cirrhosis." % f["cirrhosis"])
    if ph:
        bits.append("; ".join(ph) + ".")
    p = ppi_text(f)
    if p:
        bits.append(p)
    r = results_inline(f)
    if r:
        bits.append(", ".join(r) + ".")
    if f["fit"] is None and f["fit_status"]:
        bits.append(fit_text(f))
    if f["fh_crc"]:
        bits.append(fh_line(f) + ".")
    if chance(0.5):
        n = negation_text(f)
        if n:
            bits.append(n)
    if f["ibd"] and f["ibd_question"] is not None:
        bits.append(ibd_sentence(f)[1])
    pp = priority_phrase(f["gp_priority"])
    if pp:
        bits.append(pp.replace("%s", pr(f, "him")))
    if rule == "A3":
        bits.append(ch(["Asymptomatic. Advice re screening please.", "No bowel symptoms at all; wants to know about colonoscopy."]))
    head = "%s %s, DOB %s, NHS %s" % (f["first"], f["surname"], fmt_date(f["dob"]), fmt_nhs(f["nhs"]))
    return head + "\n" + " ".join(bits) + "\n" + f["gp"].split(",")[0]


def L_soap(f, rule):
    P = f["practice"]
    he = pr(f, "he")
    lines = ["%s - consultation note copied as referral" % P[0], "Seen by: %s   Date: %s" % (ch(REG_NAMES), fmt_date(f["date"])),
             patient_id_block(f, multi=False), ""]
    hs = history_sentences(f, "list")
    lines.append("S: " + opener(f) + ". " + " ".join(s if s.endswith(".") else s + "." for s in hs))
    obs = "O: " + ch(["Obs stable. ", "BP %d/%d, HR %d. " % (R.randint(110, 150), R.randint(65, 90), R.randint(60, 95))])
    s = f["sx"]
    if not (s["abdo_mass"] or s["rectal_mass"] or s["anal_mass"] or s["ascites"]):
        obs += ch(["Abdo SNT, no masses.", "Abdomen soft, mild tenderness, no masses.", "Abdo soft, no organomegaly."])
    else:
        obs += "See above for examination findings."
    if s["jaundice"]:
        obs += " Icteric."
    elif chance(0.3):
        obs += " Not jaundiced."
    lines.append(obs)
    r = results_inline(f)
    lines.append("   Results: " + (", ".join(r) if r else "none yet") + ".")
    if f["fit"] is None and f["fit_status"]:
        lines.append("   " + fit_text(f))
    lines.append("A: " + ch(["?cause", "Symptoms as above - needs secondary care input", "Discussed with supervising GP",
                              "Differential broad"]) + ".")
    lines.append("P: Refer gastro. " + request_sentence(f, rule) + " " + ch(["Supervisor: " + f["gp"], "Discussed with " + f["gp"]]))
    fh = fh_line(f)
    if fh:
        lines.insert(5, "   " + fh)
    return "\n".join(lines)


def L_np(f, rule):
    lines = ["Referral from %s - %s" % (ch(NP_NAMES), f["practice"][0]), "Date: %s" % fmt_date(f["date"]),
             patient_id_block(f, multi=True), "", "Key points:"]
    hs = history_sentences(f, "list")
    lines.append("\u2022 " + opener(f))
    for h in hs:
        lines.append(ch(["\u2022 ", "- ", "* "]) + h.rstrip("."))
    r = results_inline(f)
    if r:
        lines.append("\u2022 Results: " + "; ".join(r))
    if f["fit"] is None and f["fit_status"]:
        lines.append("\u2022 " + fit_text(f))
    fh = fh_line(f)
    if fh:
        lines.append("\u2022 " + fh)
    lines += ["", "Request: " + request_sentence(f, rule)]
    return "\n".join(lines)


def L_emis(f, rule):
    P = f["practice"]
    d = f["date"]
    lines = ["EMIS Web - Referral Summary          Printed %s %02d:%02d" % (fmt_date(d, 0), R.randint(8, 17), R.randint(0, 59)),
             "%s  [%s]" % (P[0], P[1]), "-" * 60,
             "%s, %s %s   Born %s   %s   NHS %s" % (f["surname"].upper(), f["title"], f["first"], fmt_date(f["dob"], 2),
                                                ("Male" if f["sex"] == "M" else "Female"), fmt_nhs(f["nhs"])),
             "Usual GP: %s" % f["gp"], "-" * 60, "PROBLEMS", "  Active:"]
    pm = pmh_items(f)
    for t, st in pm:
        if st == "active":
            lines.append("    %s   %s" % (fmt_date(datetime.date(R.randint(1995, 2023), R.randint(1, 12), R.randint(1, 28)), 0), t))
    lines.append("  Past:")
    for t, st in pm:
        if st == "past":
            lines.append("    %s" % t)
    if f["resolved"] == "rb":
        lines.append("    Rectal bleeding %d - haemorrhoids, resolved" % R.randint(1995, 2018))
    lines.append("MEDICATION (acute & repeat)")
    for m in meds(f) or ["No current medication"]:
        lines.append("    %s   last issued %s" % (m, fmt_date(d - datetime.timedelta(days=R.randint(3, 60)), 0)))
    lines.append("RESULTS")
    rows = result_rows(f)
    rd = fmt_date(d - datetime.timedelta(days=R.randint(4, 40)), 0)
    for r in rows:
        lines.append("    %s  %-22s %-12s %-8s [%s]" % (rd, r[0], r[1], r[2], r[3]))
    if f["fatty_liver"]:
        lines.append("    %s  USS abdomen: increased echogenicity - fatty liver" % rd)
    if f.get("gallstones"):
        lines.append("    %s  USS abdomen: gallstones; liver normal" % rd)
    if not rows:
        lines.append("    (none in last 12 months)")
    fh = fh_line(f)
    lines.append("FAMILY HISTORY")
    lines.append("    " + (fh[4:] if fh else "Nil recorded"))
    lines.append("-" * 60)
    lines.append("REFERRAL TEXT")
    hs = history_sentences(f, "prose")
    lines.append(" ".join(hs))
    if f["fit"] is None and f["fit_status"]:
        lines.append(fit_text(f))
    if chance(0.4) or f["long"]:
        lines += extra_paras(f, R.randint(1, 4))
    lines.append(request_sentence(f, rule))
    return "\n".join(lines)


def L_systmone(f, rule):
    P = f["practice"]
    d = f["date"]
    lines = ["SystmOne  |  %s  |  ODS %s" % (P[0], P[1]),
             "Patient  %s %s %s  | D.O.B. %s | NHS %s | %s" % (f["title"], f["first"], f["surname"], fmt_date(f["dob"], 0),
                                                            fmt_nhs(f["nhs"]), "M" if f["sex"] == "M" else "F"),
             "Referral to: Gastroenterology  | Author: %s | %s" % (f["gp"], fmt_date(d, 0)), "",
             "[History]"]
    lines.append(" ".join(history_sentences(f, "prose")))
    lines += ["", "[Examination]", ch(["Abdo: soft, non-tender.", "BMI %d. Abdomen benign apart from as above." % R.randint(21, 36),
                                        "Examined - see history."]) if not (f["sx"]["abdo_mass"] or f["sx"]["rectal_mass"] or f["sx"]["anal_mass"]) else "As described above.",
              "", "[Investigations]"]
    rows = result_rows(f)
    for r in rows:
        lines.append("%s | %s %s | ref %s" % r)
    if f["fatty_liver"]:
        lines.append("Ultrasound | steatosis ('fatty liver') | no focal lesion")
    if f.get("gallstones"):
        lines.append("Ultrasound | gallstones | liver normal")
    if f["fit"] is None and f["fit_status"]:
        lines.append(fit_text(f))
    if not rows:
        lines.append("Nil recent")
    if chance(0.35) or f["long"]:
        lines += ["", "[Other]"] + extra_paras(f, R.randint(1, 3))
    lines += ["", "[Problems]"]
    for t, st in pmh_items(f):
        lines.append("%s  (%s)" % (t, "active" if st == "active" else "past/resolved"))
    lines += ["", "[Repeat templates]"] + (meds(f) or ["none"])
    fh = fh_line(f)
    if fh:
        lines += ["", "[Family history]", fh[4:]]
    lines += ["", "[Request]", request_sentence(f, rule)]
    return "\n".join(lines)


def L_aandg(f, rule):
    f["gp_priority"] = AG
    lines = ["Advice & Guidance request - Gastroenterology", "From: %s, %s   %s" % (f["gp"], f["practice"][0], fmt_date(f["date"])),
             "Patient: " + patient_id_block(f, multi=False), ""]
    he, him = pr(f, "he"), pr(f, "him")
    body = history_sentences(f, "prose")
    r = results_sentence(f)
    if r:
        body.append(r)
    if f["fit"] is None and f["fit_status"]:
        body.append(fit_text(f))
    fh = fh_line(f)
    if fh and f["fh_crc"]:
        body.append(fh + ".")
    lines.append(opener(f) + ". " + " ".join(body))
    lines.append("")
    if f["ibd"] and f["ibd_question"] is not None:
        q = ibd_sentence(f)[1]
    elif rule == "A3":
        q = "Would you be happy for me to arrange a screening colonoscopy, or what interval would you advise?"
    else:
        q = ch(["Would you be happy for me to manage %s in primary care for now, or would you prefer to see %s?" % (him, him),
                "Would you be happy for me to trial treatment first, or do you think %s needs investigating?" % he,
                "Is there anything further I should do before referring %s on?" % him,
                "Would you be happy for me to repeat the bloods in 3 months rather than refer?"])
    lines.append("Question: " + q)
    return "\n".join(lines)


def L_chaser(f, rule):
    prev = f["date"] - datetime.timedelta(days=R.randint(35, 120))
    lines = [header_block(f, 2), "", fmt_date(f["date"]), "", "Dear Gastroenterology Booking Team / Consultant,", "",
             "Re: " + patient_id_block(f, multi=False), "",
             "I referred this %s on %s and %s has not yet received an appointment. %s" % (
                 "gentleman" if f["sex"] == "M" else "lady", fmt_date(prev), pr(f, "he"),
                 ch(["Could you let me know where %s is on the list?" % pr(f, "he"), "I would be grateful if you could check the referral was received.",
                     "The family have been in touch asking for an update."])), ""]
    lines.append("To recap: " + " ".join(history_sentences(f, "prose")))
    r = results_sentence(f)
    if r:
        lines.append(r)
    if f["fit"] is None and f["fit_status"]:
        lines.append(fit_text(f))
    fh = fh_line(f)
    if fh and f["fh_crc"]:
        lines.append(fh + ".")
    if chance(0.35):
        lines += [""] + extra_paras(f, R.randint(1, 3))
    lines += ["", ch(["Nothing has changed since my original letter.", "Symptoms are ongoing.", "%s remains well otherwise." % pr(f, "He")]),
              request_sentence(f, rule), "", "Yours,", f["gp"]]
    return "\n".join(lines)


def L_letterhead(f, rule):
    P = f["practice"]
    partners = ", ".join(P[4] + ["Dr %s %s" % (ch(["Helen", "Mark", "Ayo", "Ruth"]), ch(SURN))])
    lines = ["*" * 58, P[0].upper().center(58), P[2].center(58), ("Tel: %s   Fax: %s" % (P[3], P[3][:-3] + "999")).center(58),
             ("Email: %s@nhs.example" % P[1].lower()).center(58), "*" * 58,
             "Partners: " + partners, "Practice Manager: %s %s" % (ch(["Julie", "Mike", "Sandra"]), ch(SURN)),
             "Dispensing | Minor surgery | Travel clinic | Contraception", "",
             "Opening hours: Mon-Fri 08:00-18:30, Sat 08:30-11:30 (pre-booked only)",
             "Out of hours: call 111", "", "CONFIDENTIAL - MEDICAL IN CONFIDENCE", "", "", "", "",
             "                                                 Page 1 of 2", "\f",
             "%s - %s" % (P[0], "page 2"), "", "Date: %s" % fmt_date(f["date"]), patient_id_block(f, multi=True), "",
             ch(["Dear Dr,", "Dear Colleague,"]), ""]
    lines.append(" ".join(history_sentences(f, "prose")))
    r = results_sentence(f)
    if r:
        lines.append(r)
    if f["fit"] is None and f["fit_status"]:
        lines.append(fit_text(f))
    fh = fh_line(f)
    if fh:
        lines.append(fh)
    if chance(0.5) or f["long"]:
        lines += [""] + extra_paras(f, R.randint(2, 6))
    lines += ["", request_sentence(f, rule), "", f["gp"]]
    return "\n".join(lines)


# ---- forms --------------------------------------------------------------------
def form_rows(f):
    s = f["sx"]
    ida = anaemia(f) and iron_def(f)
    rows = [("Dysphagia (difficulty swallowing)", s["dysphagia"]),
            ("Rectal bleeding", s["rectal_bleeding"] or s["bloody_diarrhoea"]),
            ("Change in bowel habit", s["cibh"] or s["bloody_diarrhoea"]),
            ("Unexplained weight loss", s["weight_loss"]),
            ("Abdominal pain", s["abdo_pain"] or s["upper_pain"]),
            ("Abdominal mass", s["abdo_mass"]),
            ("Rectal or anal mass", s["rectal_mass"] or s["anal_mass"]),
            ("Anal ulceration", s["anal_ulcer"]),
            ("Jaundice", s["jaundice"]),
            ("Haematemesis", s["haematemesis"]),
            ("Dyspepsia / reflux", s["dyspepsia"] or s["reflux"]),
            ("Iron deficiency anaemia", ida),
            ("Family history of bowel cancer", f["fh_crc"])]
    return rows


def form_free_text(f, rule):
    hs = history_sentences(f, "prose")
    r = results_inline(f)
    t = " ".join(hs)
    if r:
        t += " Results: " + ", ".join(r) + "."
    if f["fit"] is None and f["fit_status"]:
        t += " " + fit_text(f)
    if f["ibd"] and f["ibd_question"] is not None:
        t += " " + ibd_sentence(f)[1]
    if f["fh_crc"]:
        t += " " + fh_line(f) + "."
    if rule == "A3":
        t += " Asymptomatic - " + ch(["family history only.", "here for advice re screening."])
    return t


def form_header(f, title, ocr):
    P = f["practice"]
    lines = [title, "%s  (%s)" % (P[0], P[1]),
             "Patient: %s %s %s    DOB: %s    NHS no: %s" % (f["title"], f["first"], f["surname"], fmt_date(f["dob"], 0), fmt_nhs(f["nhs"])),
             "Sex: %s    Date: %s    Referring clinician: %s" % ("M" if f["sex"] == "M" else "F", fmt_date(f["date"], 0), f["gp"])]
    if f["show_age"]:
        lines[2] += "    Age: %d" % f["age"]
    return lines


def pri_boxes(f, on, off, ocr):
    p = f["gp_priority"]
    opts = [(ROU, "Routine"), (URG, "Urgent"), (USC, "Suspected cancer (2WW)"), (AG, "Advice only")]
    return "Priority requested:  " + "   ".join("%s %s" % (on if p == k else off, n) for k, n in opts)


def pad(ocr):
    return " " * (R.randint(0, 3) if ocr else 0)


def F_yn(f, rule, ocr):
    mark = ch(["X", "\u2713", "\u2714", "\u2022", "x"])
    omark = mark
    if ocr:
        omark = {"X": ch(["K", "x", "X", "><"]), "x": ch(["x", "k", "X"]), "\u2713": ch(["v", "V", "/"]),
                 "\u2714": ch(["v", "V", "\u221a"]), "\u2022": ch([".", "o", "*"])}[mark]
    lines = form_header(f, "GASTROENTEROLOGY REFERRAL - PRACTICE FORM GI-2 (mark Y or N for each)", ocr)
    lines += ["", "+--------------------------------------+-----+-----+",
              "| Symptom / finding                    |  Y  |  N  |",
              "+--------------------------------------+-----+-----+"]
    for name, yes in form_rows(f):
        y, n = (omark, " ") if yes else (" ", omark)
        bar = "|" if not ocr else ch(["|", "|", "l", "I"])
        lines.append("%s %-36s %s%s  %-2s %s  %-2s %s" % (bar, name, pad(ocr), bar, y, bar, n, bar))
    lines.append("+--------------------------------------+-----+-----+")
    lines += ["", pri_boxes(f, "[" + omark + "]", "[ ]", ocr), "", "Clinical details:", form_free_text(f, rule)]
    return "\n".join(lines)


def F_circle(f, rule, ocr):
    lines = form_header(f, "LOWER/UPPER GI REFERRAL CHECKLIST - circle YES or NO", ocr)
    lines.append("")
    for name, yes in form_rows(f):
        if ocr:
            cy = ch(["(YES)", "( YES)", "(YES", "{YES}"])
            cn = ch(["(NO)", "(N0)", "( NO )", "(NO"])
        else:
            cy, cn = "(YES)", "(NO)"
        ans = "%s /  NO " % cy if yes else " YES / %s" % cn
        lines.append("%-40s%s %s" % (name + " " + "." * R.randint(2, 6), pad(ocr), ans))
    lines += ["", "Priority (circle): " + " / ".join("(%s)" % n if f["gp_priority"] == k else n
                                                   for k, n in [(ROU, "Routine"), (URG, "Urgent"), (USC, "2WW"), (AG, "Advice only")])]
    lines += ["", "History / reason for referral:", form_free_text(f, rule)]
    return "\n".join(lines)


def strike(w):
    return "".join(c + "\u0336" for c in w)


def F_strike(f, rule, ocr):
    lines = form_header(f, "REFERRAL PROFORMA - GI (delete as appropriate: strike through the answer that does NOT apply)", ocr)
    lines.append("")
    for name, yes in form_rows(f)[:11]:
        if ocr:
            dele = lambda w: ch(["-%s-" % w, "~%s~" % w, strike(w)])
        else:
            dele = lambda w: ch([strike(w), "-%s-" % w])
        ans = "Yes / %s" % dele("No") if yes else "%s / No" % dele("Yes")
        lines.append("%s:%s %s" % (name, " " * (R.randint(1, 4) if ocr else 1), ans))
    p = f["gp_priority"]
    lines += ["", "Priority: " + " / ".join(n if p == k else dele(n) for k, n in [(ROU, "Routine"), (URG, "Urgent"), (USC, "2WW"), (AG, "Advice only")])
              if p is not None else "Priority: (not completed)"]
    lines += ["", "Free text:", form_free_text(f, rule)]
    return "\n".join(lines)


def F_tickcol(f, rule, ocr):
    mark = ch(["\u2713", "X", "\u2714"])
    if ocr:
        mark = ch(["v", "V", "X", "K", "/"])
    lines = form_header(f, "Gastro referral template (v3) - tick if present", ocr)
    lines += ["", "%-44s %s" % ("Feature", "Tick if present"), "-" * 62]
    for name, yes in form_rows(f):
        lines.append("%-44s%s %s" % (name, pad(ocr), "[" + mark + "]" if yes else ("[ ]" if not ocr else ch(["[ ]", "[_]", "[  ]", "[]"]))))
    lines += ["-" * 62, "(blank = not present)", "", pri_boxes(f, "[" + mark + "]", "[ ]", ocr), "",
              "Details:", form_free_text(f, rule)]
    return "\n".join(lines)


def nice_criteria(f):
    s, a = f["sx"], f["age"]
    fit = fit_value(f)
    pain = s["abdo_pain"] or s["upper_pain"]
    ida = anaemia(f) and iron_def(f)
    return [("Dysphagia (any age)", s["dysphagia"]),
            ("Aged 55+ with weight loss AND upper abdominal pain, reflux or dyspepsia",
             a >= 55 and s["weight_loss"] and (s["upper_pain"] or s["reflux"] or s["dyspepsia"])),
            ("Aged 40+ with unexplained weight loss AND abdominal pain", a >= 40 and s["weight_loss"] and pain),
            ("Aged 50+ with unexplained rectal bleeding", a >= 50 and s["rectal_bleeding"]),
            ("Aged 60+ with change in bowel habit", a >= 60 and s["cibh"]),
            ("Iron-deficiency anaemia (any age)", ida),
            ("FIT >= 10 ug Hb/g", fit is not None and fit >= 10),
            ("Rectal mass / anal mass / unexplained anal ulceration", s["rectal_mass"] or s["anal_mass"] or s["anal_ulcer"]),
            ("Abdominal mass", s["abdo_mass"]),
            ("Aged 40+ with jaundice", a >= 40 and s["jaundice"])]


def F_nice(f, rule, ocr):
    on, off = ("\u2611", "\u2610") if chance(0.5) else ("[X]", "[ ]")
    if ocr:
        on, off = ch([("[v]", "[ ]"), ("[X", "[ ]"), ("M", "O"), ("[x]", "[_]")]) if on != "[X]" else ch([("[K]", "[ ]"), ("[X]", "[  ]"), ("[><]", "[_]")])
    lines = form_header(f, "NICE NG12 GI CRITERIA CHECKLIST (practice template)  -  one box per criterion; leave blank if not met", ocr)
    lines.append("")
    for name, met in nice_criteria(f):
        lines.append("%s%s %s" % (pad(ocr), on if met else off, name))
    lines.append("%s None of the above criteria met" % (on if not any(m for _, m in nice_criteria(f)) else off))
    lines += ["", pri_boxes(f, on, off, ocr), "", "Clinical summary (free text):", form_free_text(f, rule)]
    fh = fh_line(f)
    if fh:
        lines.append(fh)
    return "\n".join(lines)


def F_2ww_lower(f, rule, ocr):
    f["gp_priority"] = USC
    on, off = ("\u2611", "\u2610") if not ocr else ch([("[v]", "[ ]"), ("[X]", "[_]"), ("M", "O")])
    lines = ["URGENT SUSPECTED CANCER REFERRAL - LOWER GASTROINTESTINAL", "(Please send within 24 hours of decision to refer)",
             "Receiving trust: %s" % ch(HOSP), ""] + form_header(f, "Referrer and patient details", ocr)[1:]
    lines += ["", "Patient informed this is a suspected cancer referral: %s Yes" % on,
              "Available in next 14 days: %s Yes   %s No" % (on, off), "",
              "CRITERIA (tick all that apply):"]
    s, a = f["sx"], f["age"]
    fit = fit_value(f)
    crit = [("FIT result >= 10 ug Hb/g (attach)", fit is not None and fit >= 10),
            ("Aged 40 and over with unexplained weight loss and abdominal pain", a >= 40 and s["weight_loss"] and (s["abdo_pain"] or s["upper_pain"])),
            ("Aged 50 and over with unexplained rectal bleeding", a >= 50 and s["rectal_bleeding"]),
            ("Aged 60 and over with iron deficiency anaemia or change in bowel habit", a >= 60 and (s["cibh"] or (anaemia(f) and iron_def(f)))),
            ("Rectal or abdominal mass", s["rectal_mass"] or s["abdo_mass"]),
            ("Unexplained anal mass or anal ulceration", s["anal_mass"] or s["anal_ulcer"]),
            ("Iron deficiency anaemia (any age, local pathway)", anaemia(f) and iron_def(f))]
    for n, m in crit:
        lines.append("  %s%s %s" % (pad(ocr), on if m else off, n))
    lines += ["", "FIT result: " + (fit_text(f) if (f["fit"] is not None or f["fit_status"]) else "________"),
              "Performance status (WHO): %d" % R.randint(0, 2), "Anticoagulants: %s" % ch(["No", "No", "Apixaban"]), "",
              "Clinical information:", form_free_text(f, rule)]
    return "\n".join(lines)


def F_2ww_upper(f, rule, ocr):
    f["gp_priority"] = USC
    on, off = ("[X]", "[ ]") if not ocr else ch([("[X]", "[ ]"), ("[K]", "[_]"), ("[x]", "[ ]")])
    lines = ["SUSPECTED UPPER GI CANCER - 2 WEEK WAIT REFERRAL FORM", ""] + form_header(f, "", ocr)[1:]
    s, a = f["sx"], f["age"]
    crit = [("Dysphagia", s["dysphagia"]),
            ("Aged 55+ with weight loss AND upper abdominal pain / reflux / dyspepsia",
             a >= 55 and s["weight_loss"] and (s["upper_pain"] or s["reflux"] or s["dyspepsia"])),
            ("Upper abdominal mass", s["abdo_mass"]),
            ("Jaundice (aged 40+) - consider pancreatic / hepatobiliary", a >= 40 and s["jaundice"])]
    lines += ["", "Direct access OGD criteria  [tick all that apply]"]
    for n, m in crit:
        lines.append("%s%s %s" % (pad(ocr), on if m else off, n))
    lines += ["", "Haematemesis:            %s" % ("YES" if s["haematemesis"] else "no"),
              "Treatment-resistant dyspepsia: %s" % ("yes" if (s["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4) else "no"),
              "", "Clinical details:", form_free_text(f, rule)]
    return "\n".join(lines)


def F_redflag(f, rule, ocr):
    lines = ["%s - GI REFERRAL TEMPLATE" % f["practice"][0].upper(), patient_id_block(f, multi=True),
             "Referrer: %s   Date: %s" % (f["gp"], fmt_date(f["date"])), "", "Presenting complaint:",
             form_free_text(f, rule), "", "RED FLAG CHECKLIST (answer each):"]
    for name, yes in form_rows(f):
        lines.append("  %-36s : %s" % (name + "?", ("Yes" if yes else ch(["No", "No", "no", "N"]))))
    p = priority_phrase(f["gp_priority"], formal=True)
    lines += ["", "Requested priority: %s" % (p if p else "")]
    return "\n".join(lines)


FORMS = {"form_yn_grid": F_yn, "form_circle": F_circle, "form_strike": F_strike,
         "form_tick_column": F_tickcol, "form_nice_checklist": F_nice, "proforma_2ww_lower": F_2ww_lower,
         "proforma_2ww_upper": F_2ww_upper, "template_redflag": F_redflag}
LETTERS = {"dear_doctor": L_dear_dr, "ers_export": L_ers, "terse_note": L_terse, "registrar_soap": L_soap,
           "np_bullets": L_np, "emis_printout": L_emis, "systmone_printout": L_systmone,
           "advice_guidance": L_aandg, "chaser": L_chaser, "letterhead_page1": L_letterhead}


# ---------------------------------------------------------------- OCR noise
def ocr_noise(text, f):
    out_lines = []
    lines = text.split("\n")
    P = f["practice"]
    for i, line in enumerate(lines):
        words = line.split(" ")
        nw = []
        for w in words:
            if any(c.isdigit() for c in w) or len(w) < 3 or chance(0.82):
                nw.append(w)
                continue
            k = R.randrange(6)
            if k == 0 and "l" in w[1:]:
                j = w.index("l", 1)
                w = w[:j] + "1" + w[j + 1:]
            elif k == 1 and "rn" in w:
                w = w.replace("rn", "m", 1)
            elif k == 2 and "m" in w:
                w = w.replace("m", "rn", 1)
            elif k == 3 and w.isupper() and "O" in w:
                w = w.replace("O", "0", 1)
            elif k == 4 and "cl" in w:
                w = w.replace("cl", "d", 1)
            elif k == 5 and len(w) > 7 and w.isalpha():
                j = R.randint(3, len(w) - 3)
                w = w[:j] + "-\n" + w[j:]
            nw.append(w)
        out_lines.append(" ".join(nw))
        if i == len(lines) // 2 and len(lines) > 14:
            out_lines.append("")
            out_lines.append("%s   %s %s   NHS %s   Page 2" % (P[0].upper(), f["first"][0], f["surname"].upper(), f["nhs"]))
            out_lines.append("")
    t = "\n".join(out_lines)
    return t


# ---------------------------------------------------------------- text tidy (no RNG use)
import re as _re


def tidy(text, f):
    """Deterministic wording fixes found in the labelling-check read-through. Uses no RNG,
    so the facts and labels of every letter are unchanged by it."""
    t = text
    t = _re.sub(r"\b(for|over|x|the last|over the last|in) since the summer", "since the summer", t)
    t = t.replace("since the summer history", "history since the summer")
    t = _re.sub(r"(c/o|presents with|has had|reports) has lost about (\d+) kg", r"\1 weight loss of about \2 kg", t)
    t = _re.sub(r"\b1 episode\(s\)", "1 episode", t)
    t = _re.sub(r"\b(\d) episode\(s\)", r"\1 episodes", t)
    t = _re.sub(r"(He|She) (presents with|has had|reports) O/E", "O/E", t)
    t = t.replace("c/o O/E", "O/E")
    t = _re.sub(r"(?m)^This (\d+)-year-old (gentleman|lady)\. ", r"Regarding this \1-year-old \2: ", t)
    t = _re.sub(r"(?<!F)H of GI malignancy", "No family history of GI malignancy", t)
    t = t.replace("Cibh", "CIBH").replace("Pr bleeding", "PR bleeding")
    if f["sex"] == "F":
        t = t.replace("stag do", "hen do")
    # no event may predate the patient's teens (the DOB itself and the letter date are kept)
    by, ly = f["dob"].year, f["date"].year

    def bump(m):
        y = int(m.group(0))
        if y == by:
            pre = t[max(0, m.start() - 14):m.start()]
            is_dob = (pre[-1:] in "/-." or pre.rstrip().split(" ")[-1][:3] in MONTHS
                      or pre.rstrip().split(" ")[-1] in MONTHS_L)
            if is_dob:
                return m.group(0)
        if 1900 <= y < by + 16:
            return str(min(by + 16 + y % 7, ly - 1))
        return m.group(0)
    t = _re.sub(r"(?<![\d][ -])(?<!\d)(19|20)\d\d(?![\d])(?![ -]\d)", bump, t)
    return t


# ---------------------------------------------------------------- assembly
STYLES = list(LETTERS) + list(FORMS)


def pick_style(rule, f, counts):
    # 2WW proformas only where the GP plausibly thinks of that pathway
    s = f["sx"]
    upperish = s["dysphagia"] or s["reflux"] or s["dyspepsia"] or s["upper_pain"] or s["haematemesis"] or s["jaundice"]
    lowerish = s["rectal_bleeding"] or s["cibh"] or s["abdo_pain"] or s["abdo_mass"] or s["rectal_mass"] or s["anal_mass"] or s["anal_ulcer"] or anaemia(f)
    cands = []
    for st in STYLES:
        if st == "proforma_2ww_upper" and not upperish:
            continue
        if st == "proforma_2ww_lower" and not lowerish:
            continue
        if st == "advice_guidance" and RULES[rule][0] == USC and chance(0.7):
            continue
        cands.append(st)
    # balance: favour least used
    cands.sort(key=lambda st: (counts.get(st, 0) + R.random() * 3))
    return cands[0]


def make_letter(idx, rule, counts):
    for _ in range(500):
        f = build(rule)
        add_common(f, rule)
        if label(f) == rule and not ambiguous(f):
            break
    else:
        raise RuntimeError("cannot build " + rule)
    f["date"] = datetime.date(2024, 1, 8) + datetime.timedelta(days=R.randint(0, 640))
    # DOB: near-birthday letters for threshold ages
    near = any(e.startswith("age") for e in f["edge"]) or chance(0.1)
    for _ in range(1000):
        if near:
            off = ch([R.randint(-20, 20), R.randint(345, 385)])
        else:
            off = R.randint(-10, 380)
        dob = f["date"] - datetime.timedelta(days=int(f["age"] * 365.25) + off)
        if age_on(dob, f["date"]) == f["age"] and not (dob.month == 2 and dob.day == 29):
            break
    else:
        raise RuntimeError("dob")
    f["dob"] = dob
    f["sex_title"] = None
    if f["sex"] == "M":
        f["first"], f["title"] = ch(FIRST_M), "Mr"
    else:
        f["first"], f["title"] = ch(FIRST_F), ch(["Mrs", "Ms", "Miss", "Mrs"])
    f["surname"] = ch(SURN)
    f["nhs"] = nhs_number()
    f["practice"] = ch(PRACTICES)
    f["gp"] = ch(f["practice"][4])
    f["show_age"] = chance(0.55)
    f["gp_priority"] = gp_priority_for(rule)
    style = pick_style(rule, f, counts)
    f["long"] = style in ("dear_doctor", "letterhead_page1", "emis_printout", "systmone_printout") and chance(0.3)
    counts[style] = counts.get(style, 0) + 1
    ocr = False
    if style in FORMS:
        ocr = chance(0.35)
        text = FORMS[style](f, rule, ocr)
    else:
        ocr = chance(0.08)
        text = LETTERS[style](f, rule)
    if ocr:
        text = ocr_noise(text, f)
    text = tidy(text, f)
    if len(text.split()) < 22:
        text += "\nMany thanks, %s, %s" % (f["gp"], f["practice"][0])
    nwords = len(text.split())
    if nwords > 600:
        raise RuntimeError("too long %d %s" % (nwords, style))
    gp = f["gp_priority"]
    rec = {"id": "r4-%04d" % idx, "text": text, "urgency": RULES[rule][0], "pathway": RULES[rule][1],
           "rule": rule, "style": style, "gp_priority": gp, "age": f["age"], "ocr": ocr}
    meta = {"id": rec["id"], "rule": rule, "style": style, "ocr": ocr, "words": nwords,
            "age": f["age"], "sex": f["sex"], "dob": f["dob"].isoformat(), "letter_date": f["date"].isoformat(),
            "symptoms": [k for k in SYMPTOMS if f["sx"][k]], "ppi_weeks": f["ppi_weeks"], "hb_g_per_l": f["hb"],
            "ferritin": f["ferritin"], "fit": f["fit"], "fit_status": f["fit_status"], "calprotectin": f["calpro"],
            "alt": f["alt"], "bilirubin": f["bilirubin"], "ttg_raised": f["ttg_raised"], "fatty_liver": f["fatty_liver"],
            "gallstones": f.get("gallstones", False), "cirrhosis": f["cirrhosis"], "known_ibd": f["ibd"],
            "ibd_question": f["ibd_question"], "fh_crc": f["fh_crc"], "fh_other": f["fh_other"],
            "resolved_mention": f["resolved"], "hypothetical_mention": f["hypo"], "edge_cases": f["edge"],
            "anaemia": anaemia(f), "iron_deficiency": iron_def(f), "gp_priority": gp,
            "nhs_number": f["nhs"], "practice_code": f["practice"][1]}
    return rec, meta


def main():
    order = []
    for rule, n in PLAN:
        order += [rule] * n
    R.shuffle(order)
    counts = {}
    recs, metas = [], []
    for i, rule in enumerate(order, 1):
        rec, meta = make_letter(i, rule, counts)
        recs.append(rec)
        metas.append(meta)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    print("wrote %d letters" % len(recs))


if __name__ == "__main__":
    main()
