#!/usr/bin/env python3
"""letters-7 generator: fictional GP gastroenterology referral letters.

Deterministic: every random stream is a random.Random seeded with a string,
so output is byte-identical whatever PYTHONHASHSEED is. Standard library only.
Writes letters.jsonl and letters_meta.jsonl next to this file.
"""
import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
N_TOTAL = 320

ALLOC = [  # rule, count  (high risk 144 = 45%, low risk 176 = 55%)
    ("U1", 16), ("U2", 10), ("U3", 18), ("U4", 16), ("U5", 12), ("U6", 10),
    ("U7", 10), ("U8", 18), ("R1", 14), ("R2", 12), ("R3", 8),
    ("O1", 14), ("O2", 14), ("O3", 12), ("O4", 14), ("O5", 18), ("A1", 20),
    ("O6", 22), ("A2", 20), ("A3", 12), ("D", 30),
]
LABELS = {
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
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]

BOOL_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_pain",
              "reflux", "dyspepsia", "abdo_mass", "jaundice", "rectal_bleeding", "abdo_pain",
              "cibh", "bloody_diarrhoea", "cirrhosis", "ascites", "confusion", "haematemesis",
              "ppi_fail", "ibd_stable_q", "ttg_raised", "fatty_liver", "bloating", "fh_crc"]
NUM_FACTS = ["hb", "ferritin", "fit", "calpro", "alt"]


# ----------------------------------------------------------------------------- rules
def derive(f):
    """Spec rules in order; first match decides. f: facts dict."""
    age = f["age"]
    anaemia = f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    fit = f["fit"]
    cal = f["calpro"]
    alt = f["alt"]
    pain = f["abdo_pain"] or f["upper_pain"]
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdo_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and f["rectal_bleeding"]) or
                        (age >= 40 and f["weight_loss"] and pain) or
                        (age >= 60 and f["cibh"])):
        return "U8"
    if f["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and f["dyspepsia"] and f["ppi_fail"]:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["ibd_stable_q"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    other = (f["dysphagia"] or f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"] or anaemia or
             irondef or f["weight_loss"] or f["reflux"] or f["dyspepsia"] or f["abdo_mass"] or
             f["jaundice"] or f["rectal_bleeding"] or f["bloody_diarrhoea"] or f["cirrhosis"] or
             f["haematemesis"] or f["ibd_stable_q"] or f["ttg_raised"] or f["fatty_liver"] or
             (alt is not None and alt >= 40) or (cal is not None and cal >= 100) or
             (fit is not None and fit >= 10))
    if (age < 50 and (pain or f["bloating"] or f["cibh"]) and
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)) and not other):
        return "A1"
    if (f["rectal_bleeding"] or f["cibh"] or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    symptoms = (pain or f["bloating"] or f["cibh"] or f["rectal_bleeding"] or f["weight_loss"] or
                f["dysphagia"] or f["dyspepsia"] or f["reflux"] or f["jaundice"] or
                f["haematemesis"] or f["bloody_diarrhoea"] or f.get("other_symptom"))
    if f["fh_crc"] and not symptoms:
        return "A3"
    return "D"


def new_facts(rng):
    f = {k: False for k in BOOL_FACTS}
    f.update({k: None for k in NUM_FACTS})
    f["sex"] = rng.choice("MF")
    f["other_symptom"] = None
    f["d_kind"] = None
    f["ibd_type"] = None
    f["fit_text"] = None
    f["ppi_weeks"] = None
    return f


def normal_hb(rng, f):
    return rng.randint(135, 162) if f["sex"] == "M" else rng.randint(122, 148)


def fill_normals(rng, f, allow_ferritin=True):
    if f["hb"] is None and rng.random() < 0.55:
        f["hb"] = normal_hb(rng, f)
        if allow_ferritin and rng.random() < 0.5:
            f["ferritin"] = rng.randint(35, 260)
    if f["alt"] is None and rng.random() < 0.35:
        f["alt"] = rng.randint(12, 36)


def low_fit(rng, f):
    v = rng.choice([0, 0, 0, 0, 4, 5, 6, 7, 8, 9])
    f["fit"] = v


def make_facts(rule, rng):
    f = new_facts(rng)
    r = rng.random
    if rule == "U1":
        f["age"] = rng.randint(28, 91)
        f["dysphagia"] = True
        f["weight_loss"] = r() < 0.4
        f["reflux"] = r() < 0.3
        fill_normals(rng, f)
    elif rule == "U2":
        f["age"] = rng.randint(33, 88)
        k = rng.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
        f[k] = True
        f["rectal_bleeding"] = r() < 0.5
        fill_normals(rng, f)
    elif rule == "U3":
        f["age"] = rng.randint(24, 86)
        f["fit"] = rng.choice([10, 12, 18, 24, 37, 45, 66, 88, 120, 150, 180, 240, 400, 612])
        for k in rng.sample(["cibh", "rectal_bleeding", "abdo_pain"], rng.randint(1, 2)):
            f[k] = True
        fill_normals(rng, f)
    elif rule == "U4":
        f["age"] = rng.randint(19, 86)
        top = 129 if f["sex"] == "M" else 119
        f["hb"] = rng.choice([rng.randint(72, top - 4), rng.randint(72, top - 4), top])
        f["ferritin"] = rng.choice([3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 21, 29])
        if r() < 0.3:
            low_fit(rng, f)
        if r() < 0.3 and f["age"] < 50:
            f["cibh"] = True
    elif rule == "U5":
        f["age"] = rng.randint(55, 88)
        f["weight_loss"] = True
        for k in rng.sample(["upper_pain", "reflux", "dyspepsia"], rng.randint(1, 2)):
            f[k] = True
        fill_normals(rng, f)
    elif rule == "U6":
        f["age"] = rng.randint(31, 86)
        f["abdo_mass"] = True
        f["abdo_pain"] = r() < 0.4
        if r() < 0.25:
            low_fit(rng, f)
        fill_normals(rng, f)
    elif rule == "U7":
        f["age"] = rng.randint(40, 90)
        f["jaundice"] = True
        f["weight_loss"] = r() < 0.3
        fill_normals(rng, f, allow_ferritin=False)
    elif rule == "U8":
        v = rng.choice(["rb", "rb", "wl", "cibh"])
        if v == "rb":
            f["age"] = rng.randint(50, 86)
            f["rectal_bleeding"] = True
        elif v == "wl":
            f["age"] = rng.randint(40, 54)
            f["weight_loss"] = True
            f["abdo_pain"] = True
        else:
            f["age"] = rng.randint(60, 89)
            f["cibh"] = True
        fill_normals(rng, f)
    elif rule == "R1":
        f["age"] = rng.randint(18, 47)
        if r() < 0.5:
            f["bloody_diarrhoea"] = True
            f["cibh"] = True
            if r() < 0.4:
                f["calpro"] = rng.choice([180, 420, 800, 1250, 2100])
        else:
            f["calpro"] = rng.choice([250, 260, 310, 385, 520, 740, 960, 1800])
            f["cibh"] = True
            f["abdo_pain"] = r() < 0.5
        fill_normals(rng, f)
    elif rule == "R2":
        if r() < 0.5:
            f["age"] = rng.randint(36, 79)
            f["cirrhosis"] = True
            f[rng.choice(["ascites", "confusion"])] = True
            if r() < 0.5:
                f["alt"] = rng.randint(25, 110)
        else:
            f["age"] = rng.randint(19, 74)
            f["alt"] = rng.choice([300, 312, 356, 412, 488, 640, 905, 1230])
        fill_normals(rng, f, allow_ferritin=False)
    elif rule == "R3":
        f["age"] = rng.randint(19, 80)
        f["haematemesis"] = True
        if r() < 0.4:
            f["dyspepsia"] = True
        f["hb"] = normal_hb(rng, f)
    elif rule == "O1":
        f["age"] = rng.randint(55, 86)
        f["dyspepsia"] = True
        f["ppi_fail"] = True
        f["ppi_weeks"] = rng.choice([4, 6, 8, 8, 10, 12, 16])
        fill_normals(rng, f)
    elif rule == "O2":
        f["age"] = rng.randint(18, 49)
        f["calpro"] = rng.choice([100, 112, 126, 148, 160, 187, 205, 230, 249])
        f["cibh"] = r() < 0.7
        f["abdo_pain"] = r() < 0.5 or not f["cibh"]
        f["bloating"] = r() < 0.3
        fill_normals(rng, f)
    elif rule == "O3":
        f["age"] = rng.randint(20, 76)
        f["ibd_stable_q"] = True
        f["ibd_type"] = rng.choice(["UC", "Crohn's"])
        if r() < 0.6:
            f["calpro"] = rng.choice([18, 25, 32, 41, 55, 70, 88])
        fill_normals(rng, f)
    elif rule == "O4":
        f["age"] = rng.randint(18, 70)
        f["ttg_raised"] = True
        f["bloating"] = r() < 0.6
        f["cibh"] = f["age"] < 60 and r() < 0.4
        if r() < 0.3:
            f["hb"] = normal_hb(rng, f)
            f["ferritin"] = rng.choice([9, 14, 19, 24])  # iron deficiency without anaemia
        else:
            fill_normals(rng, f)
    elif rule == "O5":
        f["age"] = rng.randint(24, 80)
        if r() < 0.6:
            f["alt"] = rng.choice([40, 46, 58, 64, 77, 92, 118, 150, 210, 299])
            f["fatty_liver"] = r() < 0.3
        else:
            f["fatty_liver"] = True
            f["alt"] = rng.choice([None, 22, 31, 35])
        fill_normals(rng, f, allow_ferritin=False)
    elif rule == "A1":
        f["age"] = rng.randint(18, 49)
        for k in rng.sample(["abdo_pain", "bloating", "cibh"], rng.randint(1, 3)):
            f[k] = True
        if r() < 0.5:
            f["calpro"] = rng.choice([8, 15, 22, 30, 45, 51, 67, 80, 99])
        else:
            low_fit(rng, f)
        fill_normals(rng, f)
    elif rule == "O6":
        f["age"] = rng.randint(50, 87)
        for k in rng.sample(["rectal_bleeding", "cibh", "abdo_pain"], rng.randint(1, 2)):
            f[k] = True
        low_fit(rng, f)
        if r() < 0.2:
            f["calpro"] = rng.choice([20, 38, 60])
        fill_normals(rng, f)
    elif rule == "A2":
        f["age"] = rng.randint(18, 54)
        for k in rng.sample(["dyspepsia", "reflux"], rng.randint(1, 2)):
            f[k] = True
        if r() < 0.4:
            f["ppi_weeks"] = rng.choice([4, 6, 8])
            f["ppi_fail"] = f["dyspepsia"]
        fill_normals(rng, f)
    elif rule == "A3":
        f["age"] = rng.randint(25, 70)
        f["fh_crc"] = True
        fill_normals(rng, f)
    elif rule == "D":
        k = rng.choice(["cibh40", "rb_young", "anaemia_nf", "nausea", "irondef_only", "wl_only",
                        "cibh50_calpro", "pain50", "hiccups", "gilbert"])
        f["d_kind"] = k
        if k == "cibh40":
            f["age"] = rng.randint(40, 49)
            f["cibh"] = True
        elif k == "rb_young":
            f["age"] = rng.randint(22, 49)
            f["rectal_bleeding"] = True
        elif k == "anaemia_nf":
            f["age"] = rng.randint(30, 82)
            f["hb"] = rng.randint(96, 126 if f["sex"] == "M" else 116)
            f["ferritin"] = rng.randint(60, 380)
        elif k == "nausea":
            f["age"] = rng.randint(20, 75)
            f["other_symptom"] = "nausea"
        elif k == "irondef_only":
            f["age"] = rng.randint(25, 80)
            f["hb"] = normal_hb(rng, f)
            f["ferritin"] = rng.choice([7, 11, 16, 22, 27])
        elif k == "wl_only":
            f["age"] = rng.randint(40, 80)
            f["weight_loss"] = True
        elif k == "cibh50_calpro":
            f["age"] = rng.randint(50, 59)
            f["cibh"] = True
            f["calpro"] = rng.choice([12, 28, 44, 63, 90])
        elif k == "pain50":
            f["age"] = rng.randint(50, 59)
            f["abdo_pain"] = True
        elif k == "hiccups":
            f["age"] = rng.randint(30, 80)
            f["other_symptom"] = "hiccups"
        elif k == "gilbert":
            f["age"] = rng.randint(18, 35)
            f["other_symptom"] = "isolated raised bilirubin"
            f["alt"] = rng.randint(14, 30)
        if k in ("cibh40", "rb_young", "nausea", "wl_only", "pain50", "hiccups", "gilbert"):
            fill_normals(rng, f)
    if f["fit"] is not None:
        v = f["fit"]
        f["fit_text"] = (rng.choice(["<4", "< 4", "undetectable", "negative"]) if v == 0 else str(v))
    return f


# ----------------------------------------------------------------------------- people
FIRST_M = ["Gareth", "Tomasz", "Oluwaseun", "Derek", "Imran", "Callum", "Stanley", "Rhodri", "Vikram",
           "Kenneth", "Declan", "Arjun", "Malcolm", "Bartosz", "Leon", "Eamon", "Wilfred", "Kwame",
           "Hamish", "Nigel", "Yusuf", "Ashley", "Rory", "Trevor", "Mehmet", "Clive"]
FIRST_F = ["Bronwen", "Agnieszka", "Folake", "Maureen", "Shabana", "Kirsty", "Edna", "Siobhan",
           "Priya", "Hilda", "Leanne", "Ngozi", "Rosalind", "Marta", "Jade", "Philippa", "Doreen",
           "Anjali", "Gwen", "Tracey", "Yasmin", "Ruth", "Ewa", "Carys", "Beverley", "Lorna"]
SURNAMES = ["Pritchard", "Nowak", "Adeyemi", "Hargreaves", "Qureshi", "Fairbairn", "Tolley",
            "Llewellyn", "Raman", "Ogilvie", "Brennan", "Chaudhry", "Whitlock", "Kowalczyk",
            "Ashdown", "Mulholland", "Pennington", "Boateng", "McAllister", "Thorne", "Demir",
            "Yardley", "Cartwright", "Hussain", "Blenkinsop", "Gallacher", "Okafor", "Rowntree",
            "Sandhu", "Featherstone", "Kerrigan", "Lindqvist", "Attwood", "Mahmood", "Trelawny"]
STREETS = ["Quarry Lane", "Ferncliffe Road", "Tannery Row", "Bishops Walk", "Lime Kiln Close",
           "Orchard Terrace", "Cobbler's Yard", "Heron Way", "Station Approach", "Mill Brow",
           "Pinfold Street", "Kestrel Drive", "Chapel Fold", "Wharf Road"]
TOWNS = ["Ashbridge", "Kelmscott Vale", "Low Marston", "Thornbury Cross", "Redwick", "Hallowfield",
         "Brackenmoor", "Stowe Parva", "Eddleston", "Wyrebank"]
PRACTICES = [("Ashbridge Medical Centre", "Y90311"), ("The Tannery Surgery", "Y90427"),
             ("Hallowfield Health Partnership", "Y91052"), ("Brackenmoor Group Practice", "Y91188"),
             ("Riverside & Wyrebank Surgeries", "Y92004"), ("Low Marston Family Practice", "Y92316"),
             ("Eddleston Road Surgery", "Y92571"), ("Kelmscott Vale Health Centre", "Y93040"),
             ("Stowe Parva Village Surgery", "Y93322"), ("Redwick Primary Care Centre", "Y93608")]
GP_NAMES = ["Dr H. Okonjo", "Dr S. Brierley", "Dr M. Ferreira", "Dr A. Lindsay", "Dr P. Ramaswamy",
            "Dr J. Tuckett", "Dr F. Haddad", "Dr C. O'Rourke", "Dr L. Voss", "Dr R. Marchetti"]
OTHER_AUTHORS = [("Dr E. Kaur", "GP Registrar (ST2)"), ("Dr T. Whelan", "GP Registrar (ST3)"),
                 ("Ms D. Abara", "Physician Associate"), ("Mr K. Lowe", "Advanced Nurse Practitioner"),
                 ("Ms R. Sutcliffe", "Advanced Nurse Practitioner"),
                 ("Mr N. Patel", "Clinical Pharmacist (practice)"), ("Dr G. Imrie", "Locum GP"),
                 ("Dr Y. Castell", "Locum GP")]
REGIONS = ["North Pennine & Dales ICB", "Wessex Vale Cancer Alliance", "Fenland Coast ICB",
           "Mersey Estuary & Wirral Cancer Network", "Thames Borders ICB",
           "Severn & Marches Cancer Alliance", "Humber Moors ICB"]
HOSPITAL = ["Gastroenterology, Ashbridge General Hospital", "Digestive Diseases Unit, Hallowfield Royal",
            "Gastroenterology Booking Team, Wyrebank District General"]


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        d.append(c)
        return "".join(map(str, d))


def fmt_nhs(n, rng):
    return rng.choice([n[:3] + " " + n[3:6] + " " + n[6:], n, n[:3] + "-" + n[3:6] + "-" + n[6:]])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def fmt_date(d, rng, unusual=False):
    opts = [d.strftime("%d/%m/%Y"), "%d %s %d" % (d.day, MONTHS[d.month - 1][:3], d.year),
            d.strftime("%d.%m.%Y"), "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)]
    if unusual:
        opts = ["%d.%s.%d" % (d.day, ROMAN[d.month - 1], d.year), d.strftime("%Y-%m-%d"),
                "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year),
                "%d-%s-%d" % (d.day, MONTHS[d.month - 1][:3].upper(), d.year),
                d.strftime("%Y%m%d") + " (yyyymmdd)",
                "%d%s %s %d" % (d.day, "th" if 10 <= d.day % 100 <= 20 else
                                {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th"),
                                MONTHS[d.month - 1], d.year)]
    return rng.choice(opts)


def make_person(f, rng, idx):
    ld = dt.date(2024, 2, 1) + dt.timedelta(days=rng.randint(0, 480))
    # birthday strictly giving f["age"] on the letter date
    while True:
        by = ld.year - f["age"] - rng.choice([0, 1])
        try:
            dob = dt.date(by, rng.randint(1, 12), rng.randint(1, 28))
        except ValueError:
            continue
        age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
        if age == f["age"]:
            break
    first = rng.choice(FIRST_M if f["sex"] == "M" else FIRST_F)
    title = "Mr" if f["sex"] == "M" else rng.choice(["Mrs", "Ms", "Miss"])
    p = {
        "first": first, "last": rng.choice(SURNAMES), "title": title, "dob": dob, "ldate": ld,
        "nhs": nhs_number(rng),
        "addr": "%d %s, %s" % (rng.randint(1, 140), rng.choice(STREETS), rng.choice(TOWNS)),
        "practice": rng.choice(PRACTICES), "gp": rng.choice(GP_NAMES),
        "he": "he" if f["sex"] == "M" else "she", "his": "his" if f["sex"] == "M" else "her",
        "him": "him" if f["sex"] == "M" else "her",
    }
    p["He"] = p["he"].capitalize()
    p["His"] = p["his"].capitalize()
    return p


# ----------------------------------------------------------------------------- clinical text
def hb_text(f, rng):
    v = f["hb"]
    low = v < (130 if f["sex"] == "M" else 120)
    c = rng.randint(0, 4)
    if c == 0:
        return "Hb %d g/L" % v
    if c == 1:
        return "haemoglobin %.1f g/dL" % (v / 10.0)
    if c == 2:
        return "Hb %d%s" % (v, " (L)" if low else "")
    if c == 3:
        return "Hb %.1f g/dl" % (v / 10.0)
    return "Hb %d" % v


def ferr_text(f, rng):
    v = f["ferritin"]
    return rng.choice(["ferritin %d ug/L" % v, "ferritin %d%s" % (v, " (L)" if v < 30 else ""),
                       "ferritin %d µg/L" % v, "Ferritin %d" % v])


def fit_text(f, rng):
    t = f["fit_text"]
    if t in ("undetectable", "negative"):
        return rng.choice(["FIT %s" % t, "qFIT %s" % t])
    if t.startswith("<"):
        return rng.choice(["FIT %s" % t, "qFIT %s ug Hb/g" % t, "FIT: %s ug/g" % t])
    return rng.choice(["FIT %s" % t, "qFIT %s ug Hb/g" % t, "FIT: %s ug/g" % t,
                       "FIT %s ug/g faeces" % t])


def cal_text(f, rng):
    v = f["calpro"]
    return rng.choice(["faecal calprotectin %d ug/g" % v, "calpro %d" % v, "FCP %d ug/g" % v,
                       "calprotectin %d" % v])


def alt_text(f, rng):
    v = f["alt"]
    return rng.choice(["ALT %d U/L" % v, "ALT %d" % v, "ALT %d IU/L" % v])


def results_list(f, rng):
    """(name, value, unit, ref, flag, inline_text)"""
    out = []
    if f["hb"] is not None:
        low = f["hb"] < (130 if f["sex"] == "M" else 120)
        ref = "130-180" if f["sex"] == "M" else "120-160"
        if rng.random() < 0.3:
            out.append(("Haemoglobin", "%.1f" % (f["hb"] / 10.0), "g/dL",
                        "13.0-18.0" if f["sex"] == "M" else "12.0-16.0", "L" if low else "",
                        hb_text(f, rng)))
        else:
            out.append(("Haemoglobin", str(f["hb"]), "g/L", ref, "L" if low else "", hb_text(f, rng)))
    if f["ferritin"] is not None:
        out.append(("Ferritin", str(f["ferritin"]), "ug/L", "30-400",
                    "L" if f["ferritin"] < 30 else "", ferr_text(f, rng)))
    if f["fit"] is not None:
        out.append(("FIT (faecal immunochemical test)", f["fit_text"], "ug Hb/g", "<10",
                    "H" if f["fit"] >= 10 else "", fit_text(f, rng)))
    if f["calpro"] is not None:
        out.append(("Faecal calprotectin", str(f["calpro"]), "ug/g", "<50",
                    "H" if f["calpro"] >= 50 else "", cal_text(f, rng)))
    if f["alt"] is not None:
        out.append(("ALT", str(f["alt"]), "U/L", "<40", "H" if f["alt"] >= 40 else "",
                    alt_text(f, rng)))
    if f["ttg_raised"]:
        v = rng.choice([18, 27, 45, 88, 128, ">128"])
        out.append(("tTG IgA", str(v), "U/mL", "<7", "H",
                    rng.choice(["tTG %s U/mL (ref <7) – positive coeliac serology" % v,
                                "coeliac screen positive (anti-tTG IgA %s, ref <7)" % v,
                                "raised tTG at %s" % v])))
    if f["jaundice"]:
        v = rng.randint(58, 240)
        out.append(("Bilirubin", str(v), "umol/L", "<21", "H", "bilirubin %d" % v))
    if f["other_symptom"] == "isolated raised bilirubin":
        v = rng.randint(24, 38)
        out.append(("Bilirubin", str(v), "umol/L", "<21", "H",
                    "bilirubin %d (unconjugated), other LFTs normal" % v))
    if rng.random() < 0.4:
        v = rng.randint(1, 9)
        out.append(("CRP", str(v), "mg/L", "<10", "", "CRP %d" % v))
    if rng.random() < 0.3:
        v = rng.randint(62, 95)
        out.append(("eGFR", str(v), "mL/min/1.73m2", ">60", "", "eGFR %d" % v))
    rng.shuffle(out)
    return out


def W(rng, opts, p):
    return rng.choice(opts).format(**p)


def positives(f, rng, p):
    """Sentences asserting current facts (history side)."""
    s = []
    n = rng.randint(3, 14)
    kg = rng.choice([3, 4, 5, 6, 7, 8, 10, 12])
    p = dict(p, n=n, kg=kg, m=rng.choice([2, 3, 4, 6]))
    if f["dysphagia"]:
        s.append(W(rng, [
            "progressive dysphagia to solids over the last {n} weeks",
            "{He} says \"it's like I've got a brick in my throat\" whenever {he} eats bread or meat - food is sticking on swallowing and {he} has to wash it down",
            "difficulty swallowing, food sticks behind the breastbone, going on {n} weeks",
            "\"the food just stops halfway down\" - new difficulty swallowing solids for {n} weeks",
            "dysphagia ++ solids > liquids"], p))
    if f["weight_loss"]:
        s.append(W(rng, [
            "unintentional weight loss of {kg} kg over {m} months",
            "wt loss ~{kg}kg, not trying to lose weight",
            "\"my clothes are hanging off me\" - weighed today, down {kg} kg in {m} months, not dieting",
            "weight loss of {kg} kg without trying since the spring"], p))
    if f["upper_pain"]:
        s.append(W(rng, ["epigastric pain", "upper abdominal pain, worse after food",
                         "\"a gnawing ache right in the middle under my ribs\" (upper abdominal pain)"], p))
    if f["dyspepsia"]:
        if f["ppi_fail"]:
            s.append(W(rng, [
                "dyspepsia persisting despite {w} weeks of omeprazole 20mg od",
                "ongoing indigestion after a {w}-week course of lansoprazole 30mg, no better",
                "dyspepsia not settled on PPI - has now had {w} weeks of omeprazole 40mg"],
                dict(p, w=f["ppi_weeks"])))
        else:
            s.append(W(rng, ["dyspepsia", "\"burning\" indigestion after meals",
                             "indigestion most days"], p))
    if f["reflux"]:
        s.append(W(rng, ["reflux symptoms", "heartburn, worse lying flat",
                         "acid reflux - \"it comes right up into my mouth at night\""], p))
    if f["rectal_bleeding"]:
        s.append(W(rng, ["PR bleeding for {n} weeks", "fresh red blood on the paper and in the pan",
                         "rectal bleeding, bright red, intermittent for {n} weeks",
                         "\"there's blood every time I go\" - rectal bleeding"], p))
    if f["bloody_diarrhoea"]:
        s.append(W(rng, ["bloody diarrhoea 6-8 times a day for {n} days",
                         "\"it's all blood and water\" - loose stools mixed with blood, {n} days",
                         "diarrhoea with blood mixed in, up to 10x/day incl. at night"], p))
    elif f["cibh"]:
        s.append(W(rng, ["change in bowel habit to looser stools over {m} months",
                         "CIBH - loose x3-4/day for {m} months",
                         "\"I'm never off the toilet\" - stools looser and more frequent for {m} months",
                         "new-onset loose stools, a change from {his} usual habit"], p))
    if f["abdo_pain"]:
        s.append(W(rng, ["lower abdominal pain", "crampy lower abdo pain",
                         "\"a dragging ache low down on the left\" (lower abdominal pain)",
                         "intermittent LIF pain"], p))
    if f["bloating"]:
        s.append(W(rng, ["bloating", "\"I look six months pregnant by teatime\" - bloating",
                         "abdominal bloating most evenings"], p))
    if f["jaundice"]:
        s.append(W(rng, ["painless jaundice noticed by {his} daughter", "yellow eyes and skin - jaundiced",
                         "jaundice for {n} days, no pain"], p))
    if f["haematemesis"]:
        s.append(W(rng, ["vomited bright red blood twice this week (haematemesis), haemodynamically stable",
                         "haematemesis: small volume of fresh blood on vomiting on two occasions, now settled, obs normal",
                         "\"there was blood in the sick\" - haematemesis x2, well in between"], p))
    if f["cirrhosis"]:
        if f["ascites"]:
            s.append(W(rng, ["known alcohol-related cirrhosis, now with increasing ascites (shifting dullness)",
                             "known cirrhosis; abdomen now distended with ascites"], p))
        else:
            s.append(W(rng, ["known cirrhosis (MASLD); family report new confusion and day-time drowsiness",
                             "known alcohol-related cirrhosis, {his} partner says {he} has become confused over the past week"], p))
    if f["ibd_stable_q"]:
        q = rng.choice(["whether {he} can stop azathioprine", "which vaccines are safe before travel",
                        "planning a pregnancy - safe to continue mesalazine?",
                        "when the next surveillance colonoscopy is due",
                        "whether to reduce the mesalazine dose"])
        s.append(("known %s (diagnosed %d), stable and in remission, no current bowel symptoms; "
                  "asking advice on %s" % (f["ibd_type"], rng.randint(2005, 2020), q)).format(**p))
    if f["fatty_liver"]:
        s.append(W(rng, ["USS abdomen: fatty liver (hepatic steatosis), otherwise normal",
                         "ultrasound showed fatty liver"], p))
    if f["fh_crc"]:
        s.append(W(rng, ["{His} mother was diagnosed with bowel cancer at 52 and {he} is worried; {he} has no symptoms at all",
                         "brother had colorectal cancer aged 48; patient is completely asymptomatic and asks about screening",
                         "father had bowel cancer in his fifties - {he} has no bowel or other symptoms, requesting advice on surveillance"], p))
    if f["other_symptom"] == "nausea":
        s.append(W(rng, ["chronic nausea for {m} months, no vomiting", "\"I feel sick all the time\" - nausea for {m} months"], p))
    if f["other_symptom"] == "hiccups":
        s.append(W(rng, ["persistent hiccups for {n} weeks, troublesome at night"], p))
    if f["d_kind"] == "anaemia_nf":
        s.append(W(rng, ["found to be anaemic on routine bloods, ferritin normal; feels well"], p))
    if f["d_kind"] == "irondef_only":
        s.append(W(rng, ["low ferritin on routine bloods; Hb is normal and {he} feels well"], p))
    if f["other_symptom"] == "isolated raised bilirubin":
        s.append(W(rng, ["isolated raised bilirubin on bloods, ?Gilbert's, not jaundiced"], p))
    # fixed wording (no random draw) so the letter always states why it was sent
    if (f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120) and
            f["ferritin"] is not None and f["ferritin"] < 30 and not s):
        s.append("tired all the time; iron studies below")
    if f["alt"] is not None and f["alt"] >= 40 and not f["cirrhosis"]:
        s.append("raised ALT on recent bloods (value below)")
    return s


def exam_lines(f, rng):
    e = []
    if f["abdo_mass"]:
        e.append(rng.choice(["palpable mass in the right iliac fossa, approx %d cm" % rng.randint(4, 9),
                             "firm abdominal mass palpable in the left upper quadrant",
                             "O/E: firm, non-tender mass in the RIF, about %d cm" % rng.randint(4, 8)]))
    elif rng.random() < 0.5:
        e.append(rng.choice(["abdo soft, no masses", "abdomen soft, non-distended, no masses felt",
                             "O/E abdo SNT, no masses"]))
    if f["rectal_mass"]:
        e.append(rng.choice(["PR: hard irregular rectal mass at %d cm" % rng.randint(4, 8),
                             "DRE: firm rectal mass palpable anteriorly"]))
    elif f["anal_mass"]:
        e.append(rng.choice(["firm anal mass at %d o'clock, not a haemorrhoid" % rng.choice([3, 5, 7, 9]),
                             "hard lump at the anal margin, fixed"]))
    elif f["anal_ulcer"]:
        e.append(rng.choice(["non-healing anal ulcer with no obvious cause (not a typical fissure)",
                             "PR: ulcer at the anal verge, unexplained, present %d weeks" % rng.randint(4, 10)]))
    elif rng.random() < 0.3:
        e.append(rng.choice(["PR: no masses", "PR - NAD, no mass"]))
    if f["ascites"]:
        e.append("shifting dullness present")
    if f["jaundice"]:
        e.append("icteric sclerae")
    elif rng.random() < 0.2:
        e.append("not jaundiced")
    return e


def negatives(f, rng, p, k):
    """Pertinent negatives for facts that are absent."""
    pool = []
    if not f["dysphagia"]:
        pool += ["no dysphagia", "denies difficulty swallowing"]
    if not f["weight_loss"]:
        pool += ["no unintentional weight loss", "no unexplained weight loss"]
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        pool += ["no PR bleeding", "no rectal bleeding"]
    if not f["jaundice"]:
        pool += ["no jaundice"]
    if not f["haematemesis"]:
        pool += ["no haematemesis"]
    if not f["cibh"] and not f["bloody_diarrhoea"]:
        pool += ["bowel habit unchanged"]
    if not (f["reflux"] or f["dyspepsia"]):
        pool += ["no reflux or indigestion"]
    rng.shuffle(pool)
    seen, out = set(), []
    for x in pool:
        key = x.split()[-1]
        if key in seen:
            continue
        seen.add(key)
        out.append(x)
        if len(out) >= k:
            break
    return out


def distractors(f, rule, rng, p):
    """Mentions of red-flag words that do not count (past, family, hypothetical, intentional)."""
    pool = []
    yr = rng.randint(2009, 2019)
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        pool.append("PR bleeding in %d from haemorrhoids, banded, none since" % yr)
    if not f["dysphagia"]:
        pool.append("a food bolus episode in %d (OGD normal), no swallowing problems since" % yr)
        pool.append("advised to return if {he} develops any difficulty swallowing".format(**p))
    if not f["weight_loss"]:
        pool.append("has lost %d kg deliberately with a slimming club and is pleased with this" % rng.randint(4, 9))
        pool.append("safety-netted re weight loss or bleeding")
    if not f["haematemesis"]:
        pool.append("one episode of haematemesis after a stomach bug in %d, none since" % yr)
    if not f["jaundice"]:
        pool.append("{his} sister had jaundice with gallstones last year".format(**p))
    if rule in ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3", "O1", "O2",
                "O4", "O5"):
        pool.append("father had bowel cancer at %d" % rng.randint(58, 80))
        pool.append("{his} mother had oesophageal cancer".format(**p))
    k = rng.choice([0, 1, 1, 2])
    return rng.sample(pool, min(k, len(pool)))


def ask_line(rule, f, rng):
    if rule == "O3":
        return "I would be grateful for your advice."
    if rule == "A3":
        return rng.choice(["Please advise on whether screening colonoscopy is indicated.",
                           "Grateful for advice re surveillance."])
    return rng.choice(["I would be grateful if you could see {him}.", "Many thanks for seeing {him}.",
                       "Please assess and investigate as you see fit.", "Grateful for your opinion.",
                       "Thank you for reviewing.", "Would appreciate your input."])


PMH = ["hypertension", "type 2 diabetes on metformin", "asthma",
       "osteoarthritis of both knees", "depression", "hypothyroidism", "atrial fibrillation",
       "CKD stage 3a", "gout", "COPD", "migraine", "previous DVT 2016", "anxiety", "psoriasis",
       "benign prostatic hypertrophy", "glaucoma", "hypercholesterolaemia"]
MEDS = ["amlodipine 5mg od", "ramipril 5mg od", "atorvastatin 20mg nocte", "metformin 500mg bd",
        "levothyroxine 75mcg od", "salbutamol inh prn", "Fostair 100/6 2 puffs bd",
        "sertraline 50mg od", "apixaban 5mg bd", "bisoprolol 2.5mg od", "allopurinol 100mg od",
        "paracetamol 1g qds prn", "tamsulosin 400mcg od", "latanoprost eye drops",
        "mirtazapine 15mg nocte", "Adcal-D3 1 bd", "gabapentin 300mg tds", "folic acid 5mg od",
        "emollient prn", "sumatriptan 50mg prn"]


def bg_lists(f, rng):
    pmh = rng.sample([x for x in PMH if not (f["sex"] == "F" and "prostat" in x)], rng.randint(1, 5))
    meds = rng.sample(MEDS, rng.randint(2, 9))
    if f["ibd_stable_q"]:
        pmh.insert(0, "Ulcerative colitis" if f["ibd_type"] == "UC" else "Crohn's disease (ileal)")
        meds.insert(0, rng.choice(["mesalazine 2.4g od", "azathioprine 100mg od"]))
    if f["cirrhosis"]:
        pmh.insert(0, "cirrhosis")
        meds.insert(0, "spironolactone 100mg od")
    if f["ppi_fail"] or (f["reflux"] and rng.random() < 0.5):
        meds.insert(0, "omeprazole 20mg od")
    if f["dyspepsia"] or f["reflux"]:
        meds.append("Gaviscon Advance 10ml prn")
    return pmh, meds


def social(f, rng, p):
    return rng.choice([
        "Lives with {his} partner, retired bus driver, walks the dog daily.",
        "Lives alone in a flat, independent, daughter nearby.",
        "Works as a school cook, two children at home.",
        "Ex-smoker (20 pack years), alcohol 10 units/wk.",
        "Never smoked, occasional alcohol. Works nights at the distribution centre.",
        "Carer for {his} disabled son, finds it hard to get to appointments.",
        "Lives with partner; works in IT from home. Alcohol ~14 u/wk.",
    ]).format(**p)


# ----------------------------------------------------------------------------- GP priority
PRIO_WORDS = {
    "urgent_suspected_cancer": ["2WW", "Two week wait", "Urgent suspected cancer", "USC", "2ww please"],
    "urgent": ["Urgent", "urgent please", "URGENT (non-cancer)", "Urgent - not 2WW"],
    "routine": ["Routine", "routine", "ROUTINE"],
    "advice_and_guidance": ["Advice & Guidance", "A&G only", "advice only - no appointment needed",
                            "Advice and Guidance request"],
}


def choose_gp_priority(rule, style, rng):
    urg = LABELS[rule][0]
    if style in TWW_STYLES:
        return "urgent_suspected_cancer"
    x = rng.random()
    if x < 0.18:
        return None
    if x < 0.55:
        return urg
    i = URG.index(urg)
    if urg in ("urgent_suspected_cancer", "urgent"):
        return rng.choice([u for u in URG if u != urg and u != "advice_and_guidance"] + ["routine"])
    return rng.choice(["urgent_suspected_cancer", "urgent", "urgent",
                       URG[2] if i == 3 else URG[3]])


# ----------------------------------------------------------------------------- criteria (forms)
CRITERIA = [
    ("Dysphagia", lambda f: f["dysphagia"]),
    ("Unexplained weight loss", lambda f: f["weight_loss"]),
    ("Upper abdominal pain", lambda f: f["upper_pain"]),
    ("Dyspepsia / reflux", lambda f: f["dyspepsia"] or f["reflux"]),
    ("Haematemesis", lambda f: f["haematemesis"]),
    ("Rectal bleeding", lambda f: None if f["bloody_diarrhoea"] else f["rectal_bleeding"]),
    ("Change in bowel habit", lambda f: f["cibh"]),
    ("Abdominal mass", lambda f: f["abdo_mass"]),
    ("Rectal or anal mass", lambda f: f["rectal_mass"] or f["anal_mass"]),
    ("Anal ulceration (unexplained)", lambda f: f["anal_ulcer"]),
    ("Jaundice", lambda f: f["jaundice"]),
]


CRIT_KEYS = {"Dysphagia": ("dysphagia", "swallowing"), "Unexplained weight loss": ("weight loss",),
             "Dyspepsia / reflux": ("reflux",), "Haematemesis": ("haematemesis",),
             "Rectal bleeding": ("bleeding",), "Change in bowel habit": ("bowel habit",),
             "Jaundice": ("jaundice", "jaundiced"), "Abdominal mass": ("no masses",),
             "Rectal or anal mass": ("pr: no mass", "pr - nad")}


def crit_answers(f, rng, mentioned=""):
    """list of (label, state) with state in present/absent/unknown/blank"""
    out = []
    mentioned = mentioned.lower()
    for lab, fn in CRITERIA:
        v = fn(f)
        if v is None:
            st = "blank"
        elif v:
            st = "present"
        elif any(k in mentioned for k in CRIT_KEYS.get(lab, ())):
            st = "absent"
        else:
            st = rng.choice(["absent", "absent", "absent", "unknown", "blank"])
        out.append((lab, st))
    return out


def strike(w):
    return "".join(c + "\u0336" for c in w)


# ----------------------------------------------------------------------------- layouts
def hdr_ids(p, f, rng, dob_unusual=False, show_age=True):
    dob = fmt_date(p["dob"], rng, unusual=dob_unusual)
    s = "%s %s %s, DOB %s" % (p["title"], p["first"], p["last"], dob)
    if show_age:
        s += rng.choice([" (%d y)" % f["age"], ", age %d" % f["age"], " [%dyo]" % f["age"]])
    return s


def sex_word(f):
    return "Male" if f["sex"] == "M" else "Female"


def sentence_join(items):
    items = [i for i in items if i]
    if not items:
        return ""
    out = "; ".join(items)
    return out[0].upper() + out[1:] + "."


def body_paragraphs(ctx, terse=False):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    pos = ctx["pos"]
    paras = []
    intro = rng.choice(["Thank you for seeing this %s with " % ("man" if f["sex"] == "M" else "woman"),
                        "I would be grateful if you would see this %s, who has " % ("gentleman" if f["sex"] == "M" else "lady")] * 2 + ["Thank you for seeing this %d-year-old %s with " % (f["age"], "man" if f["sex"] == "M" else "woman"),
                        "I would appreciate your help with this %d year old %s who presents with " % (f["age"], "gentleman" if f["sex"] == "M" else "lady"),
                        "Re the above %d-year-old: " % f["age"]])
    body = "; ".join(pos) if pos else "a request for advice"
    paras.append(intro + (body[0].lower() + body[1:] if body[:2] != body[:2].upper() else body) + ".")
    if ctx["neg"]:
        paras.append(sentence_join(ctx["neg"]))
    if ctx["dis"]:
        paras.append(sentence_join(ctx["dis"]))
    if ctx["exam"]:
        paras.append("On examination: " + "; ".join(ctx["exam"]) + ".")
    if ctx["res"]:
        paras.append("Recent bloods/tests: " + ", ".join(r[5] for r in ctx["res"]) + ".")
    return paras


def prio_sentence(ctx):
    g, rng = ctx["gp"], ctx["rng"]
    if g is None:
        return ""
    return rng.choice(["Priority requested: %s.", "I have marked this %s.", "%s please.",
                       "Requested priority: %s"]) % rng.choice(PRIO_WORDS[g])


def signoff(ctx, author=None):
    p, rng = ctx["p"], ctx["rng"]
    a = author or (p["gp"], "GP")
    return "%s\n%s\n%s (%s)" % (rng.choice(["Yours sincerely,", "Kind regards,", "Best wishes,"]),
                                a[0], a[1], p["practice"][0])


def L_dear_doctor(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    lines = [p["practice"][0] + " (" + p["practice"][1] + ")", fmt_date(p["ldate"], rng), "",
             "Dear Colleague,", "",
             "Re: " + hdr_ids(p, f, rng) + ", NHS No " + fmt_nhs(p["nhs"], rng), ""]
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    lines += [ctx["ask"] + " " + prio_sentence(ctx), "", signoff(ctx)]
    return "\n".join(lines)


def L_ers(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    lab = rng.choice([("UBRN", "Patient", "Clinical Info"), ("e-RS Ref", "Patient Details", "Reason for Referral")])
    lines = ["NHS e-Referral Service - Referral Letter", "=" * 44,
             "%s: %012d" % (lab[0], rng.randint(10 ** 11, 10 ** 12 - 1)),
             "Date: " + fmt_date(p["ldate"], rng),
             "Service: " + rng.choice(["Gastroenterology - General", "Gastroenterology - Lower GI",
                                      "Gastroenterology - Hepatology", "Gastroenterology - Upper GI"]),
             "Priority: " + (rng.choice(PRIO_WORDS[ctx["gp"]]) if ctx["gp"] else "(not set)"),
             "", lab[1] + ":",
             "  Name: %s %s" % (p["first"], p["last"].upper()),
             "  DOB: %s   %sSex: %s" % (fmt_date(p["dob"], rng), ("Age: %d   " % f["age"]) if rng.random() < 0.6 else "", sex_word(f)),
             "  NHS Number: " + fmt_nhs(p["nhs"], rng),
             "  Address: " + p["addr"],
             "Referrer: %s, %s (%s)" % (p["gp"], p["practice"][0], p["practice"][1]),
             "", lab[2] + ":"]
    lines += body_paragraphs(ctx)
    lines += ["", "PMH: " + ", ".join(ctx["pmh"]), "Medication: " + ", ".join(ctx["meds"][:5]), "",
              ctx["ask"]]
    return "\n".join(lines)


def L_terse(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    facts = ctx["pos"] + [r[5] for r in ctx["res"] if r[0] in ("Haemoglobin", "Ferritin", "ALT",
                                                                  "Faecal calprotectin", "tTG IgA") or r[0].startswith("FIT")]
    facts += ctx["exam"][:1] if (f["abdo_mass"] or f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]) else []
    if not ctx["pos"] and not facts:
        facts = ["see results"]
    pr = (" " + rng.choice(PRIO_WORDS[ctx["gp"]]) + ".") if ctx["gp"] else ""
    return ("%s %s, %s, %s, NHS %s, %s\n%d%s %s. %s. %s%s Thanks, %s" % (
        p["first"], p["last"], "DOB " + fmt_date(p["dob"], rng), fmt_date(p["ldate"], rng),
        fmt_nhs(p["nhs"], rng), p["practice"][0], f["age"], rng.choice(["yo", " y/o", "y"]),
        "M" if f["sex"] == "M" else "F", ", ".join(facts),
        (ctx["neg"][0].capitalize() + ".") if ctx["neg"] else "", pr, p["gp"]))


def L_hurried(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    ab = lambda s: (s.replace("abdominal", "abdo").replace("weight", "wt").replace("without", "w/o")
                    .replace("examination", "exam").replace("months", "/12").replace("weeks", "/52")
                    .replace("change in bowel habit", "CIBH").replace("rectal bleeding", "PR bld")
                    .replace("with ", "c ").replace("patient", "pt"))
    lines = ["%s  %s" % (p["practice"][0], fmt_date(p["ldate"], rng)),
             "Re %s %s  %s  NHS %s" % (p["first"], p["last"], fmt_date(p["dob"], rng), fmt_nhs(p["nhs"], rng)),
             "", "Dear Gastro team - sorry, brief.",
             "%d%s %s. %s" % (f["age"], rng.choice(["yo", "y"]), "M" if f["sex"] == "M" else "F",
                              ab("; ".join(ctx["pos"])) or "see below")]
    if ctx["neg"]:
        lines.append(ab(", ".join(ctx["neg"])).capitalize() + ".")
    if ctx["dis"]:
        lines.append("NB " + ab("; ".join(ctx["dis"])) + ".")
    if ctx["exam"]:
        lines.append("O/E " + ab(", ".join(ctx["exam"])))
    if ctx["res"]:
        lines.append("Bloods: " + ", ".join(r[5] for r in ctx["res"]))
    lines.append("PMH " + ", ".join(ctx["pmh"][:3]) + ". " + (prio_sentence(ctx) or "") + " Thx")
    lines.append(p["gp"])
    return "\n".join(lines)


def results_table(ctx, width=34):
    rng = ctx["rng"]
    rows = ["%-*s %-8s %-12s %-10s %s" % (width, "Test", "Result", "Units", "Range", "Flag")]
    for r in ctx["res"]:
        rows.append("%-*s %-8s %-12s %-10s %s" % (width, r[0], r[1], r[2], r[3], r[4]))
    return rows


def L_emis(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    d = p["ldate"]
    dd = lambda k: (d - dt.timedelta(days=k)).strftime("%d-%b-%Y")
    sysname = rng.choice(["EMIS Web", "SystmOne", "Vision"])
    lines = ["%s - Referral printout (%s)" % (p["practice"][0], sysname),
             "Patient: %s, %s (%s)   NHS: %s   DOB: %s   Sex: %s" % (
                 p["last"].upper(), p["first"], p["title"], fmt_nhs(p["nhs"], rng),
                 fmt_date(p["dob"], rng), sex_word(f)),
             "Printed: " + d.strftime("%d/%m/%Y"), "",
             "PROBLEMS", "  Active:"]
    for x in ctx["pmh"][:3]:
        lines.append("    %s  %s" % (dd(rng.randint(400, 5000)), x))
    lines.append("  Past:")
    for x in ctx["pmh"][3:] or ["appendicectomy"]:
        lines.append("    %s  %s" % (dd(rng.randint(3000, 9000)), x))
    lines += ["  Minor:", "    %s  %s" % (dd(rng.randint(100, 900)), rng.choice(["ingrowing toenail", "viral URTI", "contact dermatitis", "low back pain"])), "",
              "REPEAT MEDICATION"]
    for m in ctx["meds"]:
        lines.append("  " + m + "   (issued %s)" % dd(rng.randint(3, 60)))
    lines += ["", "CONSULTATIONS",
              "%s  %s (Surgery consultation)" % (dd(rng.randint(0, 6)), p["gp"]),
              "  History: " + ("; ".join(ctx["pos"]) or "-"),
              ]
    if ctx["neg"] or ctx["dis"]:
        lines.append("  Comment: " + "; ".join(ctx["neg"] + ctx["dis"]))
    if ctx["exam"]:
        lines.append("  Examination: " + "; ".join(ctx["exam"]))
    lines.append("  Plan: Referral to gastroenterology. %s" % (prio_sentence(ctx) or ""))
    if ctx["res"]:
        lines += ["", "RESULTS (%s)" % dd(rng.randint(2, 20))] + ["  " + x for x in results_table(ctx)]
    lines += ["", "Age at print: %d" % f["age"] if rng.random() < 0.5 else ""]
    return "\n".join(lines)


def L_proforma(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    Q = [("Patient name", "%s %s" % (p["first"], p["last"])),
         ("Date of birth", fmt_date(p["dob"], rng, unusual=True)),
         ("NHS number", fmt_nhs(p["nhs"], rng)), ("Sex", sex_word(f)),
         ("Date of referral", fmt_date(p["ldate"], rng)),
         ("Referring clinician", p["gp"] + ", " + p["practice"][0]),
         ("Presenting complaint", "; ".join(ctx["pos"]) or ""),
         ("Duration", ""),
         ("Red flags checked (state)", "; ".join(ctx["neg"])),
         ("Other relevant history", "; ".join(ctx["dis"])),
         ("Examination", "; ".join(ctx["exam"])),
         ("Investigations", ", ".join(r[5] for r in ctx["res"])),
         ("Past medical history", ", ".join(ctx["pmh"])),
         ("Current medication", ", ".join(ctx["meds"][:6])),
         ("Interpreter required", "No"),
         ("Priority", rng.choice(PRIO_WORDS[ctx["gp"]]) if ctx["gp"] else ""),
         ("Question for specialist", ctx["ask"])]
    right = rng.random() < 0.5
    lines = ["GASTROENTEROLOGY REFERRAL QUESTIONNAIRE  (practice template v%d.%d)" % (rng.randint(2, 6), rng.randint(0, 9)), ""]
    for i, (q, a) in enumerate(Q, 1):
        a = a or "-"
        if right:
            lines.append("%2d. %-34s| %s" % (i, q, a))
        else:
            lines.append("%d) %s: %s" % (i, q, a if a != "-" else ""))
    return "\n".join(lines)


def tww_header(ctx, title):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    reg = rng.choice(REGIONS)
    return [reg.upper(), title, "-" * 60,
            "Patient: %s %s   NHS No: %s" % (p["first"], p["last"], fmt_nhs(p["nhs"], rng)),
            "Date of birth: %s   Gender: %s" % (fmt_date(p["dob"], rng, unusual=rng.random() < 0.5), sex_word(f)),
            "Referral date: %s   Practice: %s [%s]" % (fmt_date(p["ldate"], rng), p["practice"][0], p["practice"][1]),
            "-" * 60]


def tww_title(f, rng):
    upper = f["dysphagia"] or f["reflux"] or f["dyspepsia"] or f["upper_pain"] or f["haematemesis"]
    return ("SUSPECTED UPPER GI CANCER - URGENT REFERRAL" if upper
            else rng.choice(["SUSPECTED LOWER GI (COLORECTAL) CANCER REFERRAL",
                             "Urgent Suspected Cancer: Lower GI / Colorectal"]))


def tww_tail(ctx):
    rng = ctx["rng"]
    lines = ["", "Additional clinical information:"]
    lines += body_paragraphs(ctx)[1:] or ["-"]
    lines.append("Summary: " + ("; ".join(ctx["pos"]) or "-"))
    lines += ["", "Examination findings: " + ("; ".join(ctx["exam"]) if ctx["exam"] else ""),
              "Performance status (WHO): " + rng.choice(["0", "1", "2", ""]),
              "Patient informed of possible cancer referral: " + rng.choice(["Yes", "Yes", ""]),
              "Referrer: %s" % ctx["p"]["gp"]]
    return lines


def L_tww_pau(ctx):
    f, rng = ctx["f"], ctx["rng"]
    lines = tww_header(ctx, tww_title(f, rng)) + ["For each criterion mark ONE of Present / Absent / Unknown", ""]
    mark, empty = rng.choice([("[X]", "[ ]"), ("(x)", "( )"), ("☒", "☐")])
    for lab, st in crit_answers(f, rng, " ".join(ctx["neg"] + ctx["exam"])):
        if st == "blank":
            m = [empty, empty, empty]
        else:
            m = [mark if st == s else empty for s in ("present", "absent", "unknown")]
        lines.append("%-32s Present %s  Absent %s  Unknown %s" % (lab, m[0], m[1], m[2]))
    lines.append("%-32s %s" % ("Age", str(f["age"]) if rng.random() < 0.6 else ""))
    return "\n".join(lines + tww_tail(ctx))


def L_tww_yn(ctx):
    f, rng = ctx["f"], ctx["rng"]
    lines = tww_header(ctx, tww_title(f, rng)) + ["Answer Y or N in the right-hand column. Leave blank if not assessed.", "",
                                                  "No. Criterion%sY/N" % (" " * 34)]
    for i, (lab, st) in enumerate(crit_answers(f, rng, " ".join(ctx["neg"] + ctx["exam"])), 1):
        a = {"present": "Y", "absent": "N", "unknown": "", "blank": ""}[st]
        lines.append("%-3d %-44s %s" % (i, lab, a))
    return "\n".join(lines + tww_tail(ctx))


def L_tww_delete(ctx):
    f, rng = ctx["f"], ctx["rng"]
    lines = tww_header(ctx, tww_title(f, rng)) + ["Delete as applicable (deleted options are shown struck through)", ""]
    for lab, st in crit_answers(f, rng, " ".join(ctx["neg"] + ctx["exam"])):
        if st == "present":
            a = "YES / " + strike("NO")
        elif st == "absent":
            a = strike("YES") + " / NO"
        else:
            a = "YES / NO"
        lines.append("%-34s %s" % (lab + ":", a))
    return "\n".join(lines + tww_tail(ctx))


def L_tww_coded(ctx):
    f, rng = ctx["f"], ctx["rng"]
    lines = tww_header(ctx, tww_title(f, rng)) + [
        "KEY:  1 = present   2 = absent   3 = not known   (leave blank if not asked)", ""]
    for i, (lab, st) in enumerate(crit_answers(f, rng, " ".join(ctx["neg"] + ctx["exam"]))):
        c = {"present": "1", "absent": "2", "unknown": "3", "blank": " "}[st]
        lines.append("Q%02d %-36s [%s]" % (i + 1, lab, c))
    return "\n".join(lines + tww_tail(ctx))


def L_tick(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    tick = rng.choice(["✓", "/", "X"])
    lines = ["%s - Gastroenterology referral (SystmOne template)" % p["practice"][0],
             "Name: %s %s   NHS: %s   DOB: %s" % (p["first"], p["last"], fmt_nhs(p["nhs"], rng), fmt_date(p["dob"], rng, unusual=True)),
             "Sex: %s   Date: %s" % (sex_word(f), fmt_date(p["ldate"], rng)),
             "", "Tick the symptoms that are present now (%s = present; unticked = not recorded):" % tick]
    for lab, st in crit_answers(f, rng, " ".join(ctx["neg"] + ctx["exam"])):
        lines.append("  [%s] %s" % (tick if st == "present" else " ", lab))
    lines += ["", "Priority: " + "  ".join("[%s] %s" % (tick if ctx["gp"] == u else " ", w) for u, w in
                                          zip(URG, ["2WW", "Urgent", "Routine", "A&G"]))]
    lines += ["", "Clinical details:"] + body_paragraphs(ctx) + ["", ctx["ask"], p["gp"]]
    return "\n".join(lines)


def L_dictated(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    a = ctx["author"]
    lines = ["Dictated: %s, %s   Typed: %s" % (a[0], a[1], fmt_date(p["ldate"], rng)),
             "%s, %s" % (p["practice"][0], rng.choice(TOWNS)), "",
             "To: " + rng.choice(HOSPITAL), "",
             "Re: " + hdr_ids(p, f, rng, show_age=rng.random() < 0.5) + "  NHS " + fmt_nhs(p["nhs"], rng),
             "", "Dear Doctor,", "",
             "I saw %s %s today%s." % (p["title"], p["last"],
                                          rng.choice(["", " in my minor illness clinic", " on a telephone call followed by a face-to-face review"]))]
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    if a[1].startswith("Clinical Pharmacist"):
        lines.append("I reviewed %s medicines (%s) and discussed with the duty GP, %s, who agrees with referral." % (p["his"], ", ".join(ctx["meds"][:4]), p["gp"]))
    elif "Registrar" in a[1] or "Associate" in a[1] or "Nurse" in a[1]:
        lines.append("Discussed with my supervising GP %s." % p["gp"])
    lines += ["", ctx["ask"] + " " + prio_sentence(ctx), "",
              "Dictated but not checked by %s" % a[0] if rng.random() < 0.4 else signoff(ctx, a)]
    return "\n".join(lines)


def L_continuation(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    lines = ["Page 2 of 2", "Re: %s %s  DOB %s  NHS %s" % (p["first"], p["last"], fmt_date(p["dob"], rng, unusual=True), fmt_nhs(p["nhs"], rng)),
             "", rng.choice(["...and %s knee replacement went well, %s is mobilising with a stick. " % (p["his"], p["he"]),
                             "...the housing situation has now been sorted by the council. ",
                             "...continued from page 1 (social history). %s daughter now visits daily. " % p["His"]])
             + "Turning to the reason for this letter:", ""]
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    lines += ["Letter date: " + fmt_date(p["ldate"], rng), ctx["ask"] + " " + prio_sentence(ctx), "", signoff(ctx)]
    return "\n".join(lines)


def L_chase(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    prev = p["ldate"] - dt.timedelta(days=rng.randint(30, 120))
    kind = rng.choice(["chase", "dna"])
    lines = [p["practice"][0], fmt_date(p["ldate"], rng), "",
             "Re: " + hdr_ids(p, f, rng) + ", NHS " + fmt_nhs(p["nhs"], rng), ""]
    if kind == "chase":
        lines.append("I referred this patient on %s and %s has not yet received an appointment. I am writing to chase this and to update you." % (fmt_date(prev, rng), p["he"]))
    else:
        lines.append("RE-REFERRAL AFTER DNA. %s did not attend the clinic appointment on %s (%s). %s has asked to be re-referred." % (
            p["He"], fmt_date(prev, rng), rng.choice(["letter went to an old address", "was caring for a relative in hospital", "no reason given"]), p["He"]))
    lines.append("")
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    lines += [ctx["ask"] + " " + prio_sentence(ctx), "", signoff(ctx)]
    return "\n".join(lines)


def L_forwarded(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    src = rng.choice(["Out-of-hours (IC24) encounter report", "NHS 111 / OOH GP summary",
                      "Community pharmacy referral (Pharmacy First)"])
    d0 = p["ldate"] - dt.timedelta(days=rng.randint(2, 10))
    lines = ["---------- Forwarded message ----------", "Source: " + src, "Encounter date: " + fmt_date(d0, rng),
             "Patient: %s %s, %s, DOB %s, NHS %s" % (p["first"], p["last"], sex_word(f), fmt_date(p["dob"], rng), fmt_nhs(p["nhs"], rng)),
             "Presenting: " + ("; ".join(ctx["pos"][:2]) or "-"),
             "Advice given: see own GP for onward referral.", "---------------------------------------", "",
             "%s, %s" % (p["practice"][0], fmt_date(p["ldate"], rng)),
             "Dear Gastroenterology,", "",
             "Please see the forwarded report above. I have reviewed %s and summarise below." % p["him"], ""]
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    lines += [ctx["ask"] + " " + prio_sentence(ctx), "", signoff(ctx)]
    return "\n".join(lines)


def L_carehome(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    home = rng.choice(["Heather Lea Nursing Home", "The Laurels Care Home", "Oakdene Residential Home"])
    lines = [p["practice"][0] + " - care home ward round", fmt_date(p["ldate"], rng), "",
             "Re: " + hdr_ids(p, f, rng) + ", resident at " + home + ", NHS " + fmt_nhs(p["nhs"], rng), "",
             "I reviewed %s on the weekly ward round with the senior carer. %s has %s and needs help with personal care. "
             "Staff raised concerns this week." % (p["him"], p["He"], rng.choice(["mild dementia", "Parkinson's disease", "limited mobility after a stroke"])),
             ""]
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    lines += ["Next of kin (%s) is aware and supports referral. %s" % (rng.choice(["son", "daughter", "niece"]), prio_sentence(ctx)),
              ctx["ask"], "", signoff(ctx)]
    return "\n".join(lines)


def L_interpreter(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    lang = rng.choice(["Polish", "Bengali (Sylheti)", "Romanian", "Urdu", "Tigrinya", "Portuguese"])
    lines = [p["practice"][0], "Date: " + fmt_date(p["ldate"], rng), "",
             "Re: " + hdr_ids(p, f, rng) + ", NHS " + fmt_nhs(p["nhs"], rng),
             "INTERPRETER NEEDED: %s (face-to-face preferred)" % lang, "",
             "Dear Colleague,", "",
             "I saw %s with a %s interpreter via Language Line. History as relayed by the interpreter:" % (p["him"], lang), ""]
    lines += [x + "\n" for x in body_paragraphs(ctx)]
    lines += [ctx["ask"] + " Please book an interpreter for any appointment. " + prio_sentence(ctx), "", signoff(ctx)]
    return "\n".join(lines)


def L_multi(ctx):
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    lines = [p["practice"][0] + ", " + p["addr"].split(", ")[-1], fmt_date(p["ldate"], rng), "",
             "Re: " + hdr_ids(p, f, rng, dob_unusual=True, show_age=rng.random() < 0.4) + ", NHS " + fmt_nhs(p["nhs"], rng), "",
             "Dear Doctor,", "",
             "This %s has several problems which I will list for context." % ("gentleman" if f["sex"] == "M" else "lady"), "",
             "1. %s - reviewed at the %s clinic, no changes." % (ctx["pmh"][0].capitalize(), rng.choice(["practice nurse", "diabetes", "respiratory"])),
             "2. Social: " + social(f, rng, p),
             "3. Medication (repeat): " + ", ".join(ctx["meds"]) + ".",
             "4. %s - awaiting orthopaedic opinion." % rng.choice(["Right hip pain", "Left shoulder pain", "Carpal tunnel"]),
             "5. The reason for this referral:", ""]
    lines += ["   " + x for x in body_paragraphs(ctx)]
    lines += ["", ctx["ask"] + " " + prio_sentence(ctx), "", signoff(ctx)]
    return "\n".join(lines)


def L_results_comment(ctx):
    """Key finding placed in a results-comment field of a pathology print."""
    f, rng, p = ctx["f"], ctx["rng"], ctx["p"]
    lines = ["PATHOLOGY + CLINICAL NOTE PRINT - %s" % p["practice"][0],
             "%s %s | %s | DOB %s | NHS %s" % (p["title"], p["last"].upper(), sex_word(f), fmt_date(p["dob"], rng, unusual=True), fmt_nhs(p["nhs"], rng)),
             "Report date: " + fmt_date(p["ldate"], rng), ""]
    if ctx["res"]:
        lines += results_table(ctx, width=32)
    else:
        lines.append("(no results attached)")
    lines += ["", "Clinician comment on results: " + ("; ".join(ctx["pos"]) or "no symptoms reported") + ".",
              "Pertinent negatives: " + (", ".join(ctx["neg"]) or "-")]
    if ctx["dis"]:
        lines.append("Other: " + "; ".join(ctx["dis"]))
    if ctx["exam"]:
        lines.append("Exam: " + "; ".join(ctx["exam"]))
    lines += ["Action: refer gastroenterology. " + (prio_sentence(ctx) or ""), "Filed by " + p["gp"]]
    return "\n".join(lines)


LAYOUTS = {
    "dear_doctor": L_dear_doctor, "ers_export": L_ers, "terse_request": L_terse,
    "hurried_abbrev": L_hurried, "gp_system_extract": L_emis, "questionnaire_proforma": L_proforma,
    "tww_present_absent": L_tww_pau, "tww_yn_column": L_tww_yn, "tww_delete_applicable": L_tww_delete,
    "tww_coded_key": L_tww_coded, "tickbox_template": L_tick, "dictated_non_gp": L_dictated,
    "continuation_page2": L_continuation, "chase_or_dna": L_chase, "forwarded_ooh_pharmacy": L_forwarded,
    "care_home": L_carehome, "interpreter": L_interpreter, "multi_problem": L_multi,
    "results_comment": L_results_comment,
}
TWW_STYLES = {"tww_present_absent", "tww_yn_column", "tww_delete_applicable", "tww_coded_key"}
TWW_RULES = {"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R3", "O1", "O6", "A2", "A1", "D"}


def pick_style(rule, f, rng, i):
    styles = sorted(LAYOUTS)
    while True:
        s = styles[rng.randrange(len(styles))]
        if s in TWW_STYLES and rule not in TWW_RULES:
            continue
        if s in TWW_STYLES and rule in ("A1", "A2", "D", "O6", "O1") and rng.random() < 0.5:
            continue
        if s == "care_home" and f["age"] < 65:
            continue
        if s == "terse_request" and rule in ("O3", "A3"):
            continue
        return s


# ----------------------------------------------------------------------------- OCR noise
PROTECT = {"no", "not", "nil", "none", "never", "denies", "denied", "deny", "without", "absent",
           "negative", "neg", "unknown", "known", "present", "yes", "nor", "neither", "stable",
           "unchanged", "resolved", "since", "if", "father", "mother", "sister", "brother",
           "previous", "past", "nad", "undetectable", "normal", "deliberately", "w/o", "denies"}
CONF = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("e", "c"), ("h", "b"), ("i", "l"), ("a", "o"),
        ("u", "ii"), ("t", "f"), ("s", "$")]


def ocr(text, rng, p):
    lines = text.split("\n")
    out = []
    for ln in lines:
        words = ln.split(" ")
        nw = []
        for w in words:
            core = w.strip(".,;:()[]\"'").lower()
            if (len(core) >= 5 and core.isalpha() and core not in PROTECT and
                    "\u0336" not in w and rng.random() < 0.07):
                a, b = rng.choice(CONF)
                idx = w.find(a)
                if idx > 0:
                    w = w[:idx] + b + w[idx + len(a):]
            nw.append(w)
        ln = " ".join(nw)
        # tick/box misreads (ticked stays visibly different from empty)
        ln = (ln.replace("☒", "[x]").replace("☐", "[ ]").replace("✓", "v'").replace("[X]", "[x]"))
        # misaligned columns: collapse or expand runs of spaces
        if "  " in ln and rng.random() < 0.4:
            ln = ln.replace("   ", " " * rng.choice([1, 2, 5]), 1)
        # broken long lines
        if len(ln) > 70 and rng.random() < 0.35:
            cut = ln.rfind(" ", 30, 70)
            if cut > 0:
                out.append(ln[:cut])
                ln = ln[cut + 1:]
        out.append(ln)
    # repeated page header
    if len(out) > 8:
        pos = rng.randint(4, len(out) - 2)
        out.insert(pos, "%s  -  scanned via Docman  -  %s %s  -  page %d" % (
            p["practice"][0].upper(), p["first"][0], p["last"].upper(), rng.randint(1, 2)))
    if rng.random() < 0.5:
        out.insert(0, "** SCANNED DOCUMENT - OCR TEXT **")
    return "\n".join(out)


# ----------------------------------------------------------------------------- main
def build(i, rule):
    rid = "L7-%04d" % i
    rng = random.Random("letters7|facts|" + rid)
    for attempt in range(200):
        f = make_facts(rule, rng)
        if derive(f) == rule:
            break
    else:
        raise SystemExit("cannot build %s %s" % (rid, rule))
    trng = random.Random("letters7|text|" + rid)
    p = make_person(f, trng, i)
    style = pick_style(rule, f, trng, i)
    gp = choose_gp_priority(rule, style, trng)
    pos = positives(f, trng, p)
    # phrases that carry a number go in results, not duplicated
    ctx = {"f": f, "rng": trng, "p": p, "pos": pos, "gp": gp,
           "neg": negatives(f, trng, p, trng.randint(1, 3)),
           "dis": distractors(f, rule, trng, p), "exam": exam_lines(f, trng),
           "res": results_list(f, trng), "ask": "", "author": trng.choice(OTHER_AUTHORS)}
    ctx["ask"] = ask_line(rule, f, trng).format(**p)
    ctx["pmh"], ctx["meds"] = bg_lists(f, trng)
    text = LAYOUTS[style](ctx)
    is_ocr = trng.random() < 0.15
    if is_ocr:
        text = ocr(text, random.Random("letters7|ocr|" + rid), p)
    text = "\n".join(l.rstrip() for l in text.split("\n")).strip() + "\n"
    urg, path = LABELS[rule]
    rec = {"id": rid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
           "gp_priority": gp, "age": f["age"], "ocr": is_ocr}
    meta = {"id": rid, "rule": rule, "facts": f, "sex": f["sex"], "dob": p["dob"].isoformat(),
            "letter_date": p["ldate"].isoformat(), "nhs_number": p["nhs"],
            "name": "%s %s" % (p["first"], p["last"]), "practice": p["practice"][0],
            "negatives": ctx["neg"], "distractors": ctx["dis"], "exam": ctx["exam"]}
    return rec, meta


def main():
    rules = []
    for r, n in ALLOC:
        rules += [r] * n
    assert len(rules) == N_TOTAL
    random.Random("letters7|order").shuffle(rules)
    recs, metas = [], []
    for i, r in enumerate(rules, 1):
        rec, meta = build(i, r)
        recs.append(rec)
        metas.append(meta)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d letters" % len(recs))


if __name__ == "__main__":
    main()
