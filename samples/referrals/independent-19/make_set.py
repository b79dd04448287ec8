#!/usr/bin/env python3
"""Generator for the sealed test set "letters19": 300 gastroenterology referral letters.

Python 3 standard library only. Every random choice is seeded from a string, so a rerun
gives byte-identical files. Labels come from the rules in
/work/shared/clinical/referral-triage-spec.md (first matching rule decides urgency and
pathway). Each letter is drawn as a set of clinical facts; the label is computed from the
facts and checked under several alternative readings of loose spec words; scenarios whose
label would change under any reading are redrawn.
"""
import datetime
import hashlib
import json
import os
import random
import re

OUT = os.environ.get("LETTERS19_OUT") or os.path.dirname(os.path.abspath(__file__))
SEED = "letters19"


def R(*parts):
    return random.Random("|".join([SEED] + [str(p) for p in parts]))


# ----------------------------------------------------------------------------------------
# rules engine (generator side; validate_set.py has its own independent implementation)
# ----------------------------------------------------------------------------------------
SYMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
        "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
        "rectal_bleeding", "abdominal_pain", "cibh", "bloody_diarrhoea", "cirrhosis",
        "ascites", "confusion", "haematemesis", "ibd_known", "ibd_stable_question",
        "coeliac_pos", "fatty_liver", "bloating", "fh_crc", "fatigue"]
# patient symptoms (for A3 "no symptoms")
SYMPTOM_KEYS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia",
                "jaundice", "rectal_bleeding", "abdominal_pain", "cibh", "bloody_diarrhoea",
                "confusion", "haematemesis", "bloating", "fatigue", "rectal_mass",
                "anal_mass", "anal_ulcer", "abdominal_mass", "ascites"]


def num_of(text):
    """'<4' -> 3.999, 'undetectable'/'negative' -> 0, '37' -> 37."""
    if text is None:
        return None
    t = str(text).strip().lower()
    if t in ("undetectable", "negative", "neg"):
        return 0.0
    if t.startswith("<"):
        return float(t[1:]) - 0.001
    if t.startswith(">"):
        return float(t[1:]) + 0.001
    return float(re.search(r"[\d.]+", t).group())


def derived(f):
    s = dict(f["sym"])
    hb = f.get("hb")
    fer = f.get("ferritin")
    anaemia = hb is not None and ((f["sex"] == "M" and hb < 130) or (f["sex"] == "F" and hb < 120))
    irondef = fer is not None and fer < 30
    return s, anaemia, irondef


def rule_of(f, rd):
    """rd: readings dict. Returns rule id."""
    s, anaemia, irondef = derived(f)
    s = dict(s)
    age = f["age"]
    if rd.get("bd_as_rb") and s.get("bloody_diarrhoea"):
        s["rectal_bleeding"] = True
        s["cibh"] = True
    if rd.get("dys_as_pain") and (s.get("dyspepsia") or s.get("upper_abdominal_pain")):
        s["abdominal_pain"] = True
    if rd.get("uap_as_dys") and s.get("upper_abdominal_pain"):
        s["dyspepsia"] = True
    if rd.get("reflux_as_dys") and s.get("reflux"):
        s["dyspepsia"] = True
    fit = num_of(f.get("fit"))
    cal = num_of(f.get("calpro"))
    alt = f.get("alt")
    g = lambda k: bool(s.get(k))
    if g("dysphagia"):
        return "U1"
    if g("rectal_mass") or g("anal_mass") or g("anal_ulcer"):
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and g("weight_loss") and (g("upper_abdominal_pain") or g("reflux") or g("dyspepsia")):
        return "U5"
    if g("abdominal_mass"):
        return "U6"
    if age >= 40 and g("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and g("rectal_bleeding")) or (age >= 40 and g("weight_loss") and g("abdominal_pain"))
                        or (age >= 60 and g("cibh"))):
        return "U8"
    if g("bloody_diarrhoea") or (cal is not None and cal >= 250):
        return "R1"
    if (g("cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300):
        return "R2"
    if g("haematemesis"):
        return "R3"
    ppi = f.get("ppi_weeks")
    if age >= 55 and g("dyspepsia") and ppi is not None and ppi >= 4:
        return "O1"
    if cal is not None and 100 <= cal < 250:
        return "O2"
    if g("ibd_known") and g("ibd_stable_question"):
        return "O3"
    if g("coeliac_pos"):
        return "O4"
    if (alt is not None and 40 <= alt < 300) or g("fatty_liver"):
        return "O5"
    if age < 50 and (g("abdominal_pain") or g("bloating") or g("cibh")) and \
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        other = any(g(k) for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
                                   "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass",
                                   "jaundice", "rectal_bleeding", "bloody_diarrhoea", "cirrhosis",
                                   "ascites", "confusion", "haematemesis", "ibd_known", "coeliac_pos",
                                   "fatty_liver"]) or anaemia or irondef or \
            (alt is not None and alt >= 40) or (cal is not None and cal >= 100) or (fit is not None and fit >= 10)
        if not (rd.get("a1_strict") and other):
            return "A1"
    if (g("rectal_bleeding") or g("cibh") or g("abdominal_pain")) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (g("dyspepsia") or g("reflux")):
        return "A2"
    if g("fh_crc") and not any(g(k) for k in SYMPTOM_KEYS):
        return "A3"
    return "D"


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

READINGS = []
for _m in range(32):
    READINGS.append({"a1_strict": bool(_m & 1), "bd_as_rb": bool(_m & 2), "dys_as_pain": bool(_m & 4),
                     "uap_as_dys": bool(_m & 8), "reflux_as_dys": bool(_m & 16)})
BASE_READING = {"a1_strict": True}


def soft_version(f):
    """Facts with every 'soft' distractor counted (explained weight loss, historic lab values)."""
    g = json.loads(json.dumps(f))
    for d in f.get("soft", []):
        if d["fact"] == "weight_loss":
            g["sym"]["weight_loss"] = True
        elif d["fact"] in ("hb", "ferritin"):
            g[d["fact"]] = d["value"] if g.get(d["fact"]) is None else min(g[d["fact"]], d["value"])
        elif d["fact"] == "alt":
            g["alt"] = d["value"] if g.get("alt") is None else max(g["alt"], d["value"])
        elif d["fact"] == "calpro":
            cur = num_of(g.get("calpro"))
            g["calpro"] = str(d["value"]) if cur is None or d["value"] > cur else g["calpro"]
    return g


def stable_rule(f):
    r0 = rule_of(f, BASE_READING)
    for ff in (f, soft_version(f)):
        for rd in READINGS:
            if rule_of(ff, rd) != r0:
                return None
    return r0


# ----------------------------------------------------------------------------------------
# scenario builders
# ----------------------------------------------------------------------------------------
def new_facts(age, sex):
    return {"age": age, "sex": sex, "sym": {k: False for k in SYMS}, "hb": None, "ferritin": None,
            "fit": None, "calpro": None, "alt": None, "ttg": None, "ppi_weeks": None, "soft": [],
            "variant": ""}


def anaemic_hb(rng, sex):
    return rng.choice([rng.randint(78, 112), rng.randint(95, 118)]) if sex == "F" else \
        rng.choice([rng.randint(80, 124), rng.randint(110, 129)])


def normal_hb(rng, sex):
    return rng.randint(121, 152) if sex == "F" else rng.randint(131, 168)


def fit_low(rng):
    return rng.choice(["<4", "<4", "2", "3", "4", "5", "6", "7", "8", "9", "<10", "undetectable", "negative"])


def fit_high(rng):
    return rng.choice(["10", "12", "15", "18", "24", "37", "45", "62", "88", "120", "150", "230", "400", ">400"])


def build(rule, rng, lo, hi, sex):
    """Return a facts dict meant to trigger `rule` (checked by caller)."""
    def A(a, b):
        a, b = max(a, lo), min(b, hi)
        if a > b:
            raise ValueError
        return rng.randint(a, b)
    S = lambda *ks: [f["sym"].__setitem__(k, True) for k in ks]
    maybe = lambda p: rng.random() < p
    if rule == "U1":
        f = new_facts(A(28, 93), sex); S("dysphagia")
        if maybe(.35): S("weight_loss")
        if maybe(.3): S("reflux")
        if maybe(.3): f["hb"] = normal_hb(rng, sex)
        if maybe(.15): f["fit"] = rng.choice([fit_low(rng), fit_high(rng)])
    elif rule == "U2":
        f = new_facts(A(38, 90), sex); S(rng.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"]))
        if maybe(.5): S("rectal_bleeding")
        if maybe(.3): S("cibh")
        if maybe(.2): f["fit"] = fit_high(rng)
    elif rule == "U3":
        f = new_facts(A(40, 90) if maybe(.9) else A(24, 39), sex)
        f["fit"] = "10" if maybe(.1) else fit_high(rng)
        for k in rng.sample(["rectal_bleeding", "cibh", "abdominal_pain", "bloating"], rng.randint(1, 2)):
            S(k)
        if maybe(.3): f["hb"] = normal_hb(rng, sex)
        if maybe(.25): f["ferritin"] = rng.randint(35, 180)
        if maybe(.15): S("fh_crc")
    elif rule == "U4":
        f = new_facts(A(18, 90), sex)
        f["hb"] = anaemic_hb(rng, sex); f["ferritin"] = rng.choice([rng.randint(3, 15), rng.randint(10, 29)])
        if maybe(.4): S(rng.choice(["cibh", "fatigue", "abdominal_pain"]))
        if maybe(.25): f["fit"] = fit_low(rng)
        if maybe(.1): f["hb"] = 119 if sex == "F" else 129; f["variant"] = "edge_hb"
    elif rule == "U5":
        f = new_facts(A(55, 92), sex); S("weight_loss")
        for k in rng.sample(["upper_abdominal_pain", "reflux", "dyspepsia"], rng.randint(1, 2)):
            S(k)
        if maybe(.3): f["hb"] = normal_hb(rng, sex)
        if maybe(.2): f["ppi_weeks"] = rng.choice([4, 6, 8, 12]); S("dyspepsia")
    elif rule == "U6":
        f = new_facts(A(42, 90), sex); S("abdominal_mass")
        if maybe(.5): S("abdominal_pain")
        if maybe(.3): S("cibh")
    elif rule == "U7":
        f = new_facts(A(40, 92), sex); S("jaundice")
        if maybe(.4): f["alt"] = rng.choice([rng.randint(60, 250), rng.randint(300, 700)])
        if maybe(.3): S("weight_loss")
        if maybe(.1): f["age"] = A(40, 40)
    elif rule == "U8":
        v = rng.choice(["rb", "rb", "wlap", "cibh60"])
        f = new_facts(0, sex); f["variant"] = "U8_" + v
        if v == "rb":
            f["age"] = A(50, 88) if not maybe(.15) else A(50, 50); S("rectal_bleeding")
            if maybe(.3): S("cibh")
        elif v == "wlap":
            f["age"] = A(40, 75); S("weight_loss", "abdominal_pain")
        else:
            f["age"] = A(60, 90) if not maybe(.15) else A(60, 60); S("cibh")
            if maybe(.3): S("bloating")
        if maybe(.3): f["hb"] = normal_hb(rng, sex)
        if maybe(.2): f["ferritin"] = rng.randint(40, 200)
    elif rule == "R1":
        v = rng.choice(["bd", "bd", "cal", "cal"])
        f = new_facts(0, sex); f["variant"] = "R1_" + v
        if v == "bd":
            S("bloody_diarrhoea")
            if maybe(.7):
                f["age"] = A(18, 48)
            else:
                f["age"] = A(50, 80); f["fit"] = fit_low(rng)
            if maybe(.4): S("abdominal_pain")
            if maybe(.3): f["calpro"] = str(rng.choice([rng.randint(300, 2500), rng.randint(60, 240)]))
        else:
            f["calpro"] = str(rng.choice([250, rng.randint(260, 900), rng.randint(900, 3000)]))
            S("cibh")
            if maybe(.5): S("abdominal_pain")
            if maybe(.6):
                f["age"] = A(18, 48)
            else:
                f["age"] = A(50, 80); f["fit"] = fit_low(rng)
    elif rule == "R2":
        v = rng.choice(["asc", "conf", "alt", "alt"])
        f = new_facts(A(30, 82), sex); f["variant"] = "R2_" + v
        if v == "asc":
            S("cirrhosis", "ascites")
        elif v == "conf":
            S("cirrhosis", "confusion")
        else:
            f["alt"] = rng.choice([300, rng.randint(310, 700), rng.randint(700, 1800)])
            if maybe(.3): S("fatigue")
    elif rule == "R3":
        f = new_facts(A(18, 80), sex); S("haematemesis")
        f["hb"] = normal_hb(rng, sex)
        if maybe(.3) and f["age"] < 55: S("dyspepsia")
    elif rule == "O1":
        f = new_facts(A(55, 90), sex); S("dyspepsia")
        f["ppi_weeks"] = rng.choice([4, 6, 8, 8, 12, 16, 26])
        if maybe(.3): f["hb"] = normal_hb(rng, sex)
        if maybe(.2): f["age"] = A(55, 55)
    elif rule == "O2":
        f = new_facts(0, sex)
        f["calpro"] = str(rng.choice([100, rng.randint(105, 249), 249]))
        S(rng.choice(["cibh", "abdominal_pain"]))
        if maybe(.3): S("bloating")
        if maybe(.6):
            f["age"] = A(18, 58)
        else:
            f["age"] = A(59, 80); f["fit"] = fit_low(rng)
        if maybe(.3) and f["fit"] is None and f["age"] < 50: f["fit"] = fit_low(rng)
    elif rule == "O3":
        f = new_facts(A(19, 84), sex); S("ibd_known", "ibd_stable_question")
        if maybe(.25): f["calpro"] = str(rng.choice([25, 32, 40, 55, 70, "<20", "<50"]))
    elif rule == "O4":
        f = new_facts(A(18, 76), sex); S("coeliac_pos"); f["ttg"] = rng.choice([18, 35, 64, 98, 128, ">128", 240])
        if maybe(.5): S(rng.choice(["bloating", "abdominal_pain", "fatigue"]))
        if maybe(.3): f["ferritin"] = rng.randint(8, 25); f["hb"] = normal_hb(rng, sex)
    elif rule == "O5":
        f = new_facts(A(22, 85), sex)
        v = rng.choice(["alt", "alt", "fatty", "both", "cirr"])
        f["variant"] = "O5_" + v
        if v in ("alt", "both"):
            f["alt"] = rng.choice([40, rng.randint(42, 120), rng.randint(120, 299)])
        if v in ("fatty", "both"):
            S("fatty_liver")
        if v == "cirr":
            S("cirrhosis"); f["alt"] = rng.randint(45, 140)
    elif rule == "A1":
        f = new_facts(A(18, 49), sex)
        for k in rng.sample(["abdominal_pain", "bloating", "cibh"], rng.randint(1, 2)):
            S(k)
        v = rng.choice(["cal", "fit", "both"])
        if v in ("cal", "both"):
            f["calpro"] = str(rng.choice([rng.randint(10, 60), rng.randint(60, 99), "<20", "<50", 99]))
        if v in ("fit", "both"):
            f["fit"] = fit_low(rng)
        if maybe(.4): f["hb"] = normal_hb(rng, sex)
        if maybe(.2): S("fh_crc")
    elif rule == "O6":
        v = rng.choice(["old", "old", "old", "youngrb"])
        f = new_facts(0, sex); f["fit"] = fit_low(rng); f["variant"] = "O6_" + v
        if v == "old":
            f["age"] = A(50, 88)
            for k in rng.sample(["rectal_bleeding", "cibh", "abdominal_pain"], rng.randint(1, 2)):
                S(k)
        else:
            f["age"] = A(18, 49); S("rectal_bleeding")
        if maybe(.4): f["hb"] = normal_hb(rng, sex)
    elif rule == "A2":
        f = new_facts(A(18, 54), sex)
        for k in rng.sample(["dyspepsia", "reflux"], rng.randint(1, 2)):
            S(k)
        if maybe(.4): f["ppi_weeks"] = rng.choice([4, 8, 12, 26, 52])
        if f["ppi_weeks"] and not f["sym"]["dyspepsia"]: S("dyspepsia")
        if maybe(.15): f["age"] = A(54, 54)
    elif rule == "A3":
        f = new_facts(A(20, 68), sex); S("fh_crc")
    else:  # D
        v = rng.choice(["ibs_notest", "irondef", "b12", "rb45", "cibh5059", "dys55noppi", "alp",
                        "wlonly", "bloat_fitlow", "ferr_high", "constip"])
        f = new_facts(0, sex); f["variant"] = "D_" + v
        if v == "ibs_notest":
            f["age"] = A(18, 38); S(*rng.sample(["abdominal_pain", "bloating"], rng.randint(1, 2)))
        elif v == "irondef":
            f["age"] = A(20, 70); f["ferritin"] = rng.randint(6, 25); f["hb"] = normal_hb(rng, sex); S("fatigue")
        elif v == "b12":
            f["age"] = A(25, 85); f["hb"] = anaemic_hb(rng, sex); f["ferritin"] = rng.randint(60, 300)
            f["variant"] += "_macro"
        elif v == "rb45":
            f["age"] = A(40, 49); S("rectal_bleeding")
        elif v == "cibh5059":
            f["age"] = A(50, 59); S("cibh")
        elif v == "dys55noppi":
            f["age"] = A(55, 85); S("dyspepsia"); f["ppi_weeks"] = rng.choice([0, 1, 2, 3])
        elif v == "alp":
            f["age"] = A(30, 80); f["alt"] = rng.randint(12, 38)
        elif v == "wlonly":
            f["age"] = A(25, 49); S("weight_loss")
        elif v == "bloat_fitlow":
            f["age"] = A(50, 85); S("bloating"); f["fit"] = fit_low(rng)
        elif v == "ferr_high":
            f["age"] = A(30, 75); f["ferritin"] = rng.randint(600, 1400); f["alt"] = rng.randint(15, 36)
        else:
            f["age"] = A(18, 45); S("cibh")
    return f


# ----------------------------------------------------------------------------------------
# people, places, identifiers, dates
# ----------------------------------------------------------------------------------------
MALE = ["David", "John", "Peter", "Michael", "Robert", "Stephen", "Gary", "Kevin", "Mohammed", "Imran",
        "Tariq", "Raj", "Wei", "Tomasz", "Piotr", "Gareth", "Owen", "Callum", "Liam", "Daniel", "Keith",
        "Derek", "Malcolm", "Arthur", "Dennis", "Kwame", "Emeka", "Sanjay", "Harold", "Trevor", "Ryan",
        "Jamie", "Lewis", "Aled", "Ewan", "Colin", "Barry", "Nigel", "Samuel", "Luca"]
FEMALE = ["Susan", "Margaret", "Patricia", "Linda", "Karen", "Sarah", "Emma", "Rebecca", "Aisha", "Fatima",
          "Priya", "Mei", "Agnieszka", "Joanna", "Sian", "Bethan", "Chloe", "Megan", "Jade", "Hannah",
          "Doreen", "Edna", "Joan", "Iris", "Maureen", "Grace", "Ngozi", "Amara", "Deepa", "Yasmin",
          "Kirsty", "Leanne", "Nicola", "Rhian", "Fiona", "Morag", "Gillian", "Tracey", "Zofia", "Elena"]
SURN = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts",
        "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Watson", "Jackson", "Wright",
        "Green", "Harris", "Cooper", "King", "Lee", "Martin", "Clarke", "James", "Morgan", "Hughes", "Edwards",
        "Hill", "Moore", "Clark", "Harrison", "Scott", "Young", "Morris", "Hall", "Ward", "Turner", "Carter",
        "Phillips", "Mitchell", "Patel", "Khan", "Begum", "Ahmed", "Hussain", "Ali", "Singh", "Kaur", "Chen",
        "Nowak", "Kowalski", "Okafor", "Mensah", "Campbell", "Stewart", "MacDonald", "Reid", "Murray",
        "Pritchard", "Fletcher", "Barker", "Dixon", "Holt", "Pearce", "Lloyd", "Rees", "Bibi", "Adeyemi"]
DOCS = ["Dr A. Patel", "Dr R. Hughes", "Dr S. McAllister", "Dr J. Okonkwo", "Dr L. Brennan", "Dr K. Sandhu",
        "Dr M. Whitfield", "Dr E. Kaur", "Dr P. Lindqvist", "Dr T. Adebayo", "Dr C. Fenwick", "Dr H. Rahman",
        "Dr G. Ellison", "Dr N. Mistry", "Dr F. O'Connell", "Dr D. Price", "Dr Y. Chaudhry", "Dr B. Nolan",
        "Dr W. Gallagher", "Dr I. Haddad", "Dr V. Ramaswamy", "Dr O. Eze", "Dr R. Stenhouse", "Dr J. Bellamy",
        "Dr M. Ferreira", "Dr A. Kowalczyk", "Dr S. Iqbal", "Dr L. Tranter", "Dr C. Doherty", "Dr K. Osei"]
PRACTICES = ["Riverside Medical Practice", "The Old Forge Surgery", "Meadowbank Health Centre",
             "Castle Street Surgery", "Northgate Medical Group", "Holly Tree Practice", "Parkview Surgery",
             "St Mary's Medical Centre", "Brookfield Family Practice", "Wellington Road Surgery",
             "Church Lane Surgery", "The Valley Medical Centre", "Harbour View Practice",
             "Abbey Mead Surgery", "Elm Grove Health Centre", "Station Road Surgery", "Westfield Practice",
             "Kingsway Medical Centre", "Moorside Surgery", "The Green Practice"]
TOWNS = ["Ashford", "Barnsley", "Carlisle", "Dudley", "Exmouth", "Falkirk", "Gloucester", "Halifax",
         "Ipswich", "Kendal", "Lancaster", "Mansfield", "Newport", "Oldham", "Preston", "Rotherham",
         "Stockport", "Telford", "Wakefield", "Wrexham", "Yeovil", "Bangor", "Darlington", "Hereford"]
STREETS = ["High Street", "Mill Lane", "Station Road", "Church Street", "Victoria Road", "Park Avenue",
           "Queen Street", "London Road", "Manor Way", "Orchard Close", "Green Lane", "King's Road"]
PMH_M = ["Hypertension", "Type 2 diabetes", "Osteoarthritis of knees", "Asthma", "Hypothyroidism",
         "Depression", "Hypercholesterolaemia", "Gout", "COPD", "Benign prostatic hyperplasia",
         "Atrial fibrillation", "Appendicectomy (childhood)", "Migraine", "Eczema", "Sleep apnoea"]
PMH_F = ["Hypertension", "Type 2 diabetes", "Osteoarthritis", "Asthma", "Hypothyroidism", "Depression",
         "Anxiety", "Hypercholesterolaemia", "Migraine", "Osteoporosis", "Hysterectomy (fibroids)",
         "Eczema", "Carpal tunnel release", "Fibromyalgia", "Appendicectomy (childhood)"]
MEDS = ["amlodipine 5 mg od", "ramipril 5 mg od", "atorvastatin 20 mg on", "metformin 500 mg bd",
        "levothyroxine 75 micrograms od", "sertraline 50 mg od", "salbutamol inhaler prn",
        "bisoprolol 2.5 mg od", "paracetamol 1 g qds prn", "colecalciferol 800 units od",
        "tamsulosin 400 micrograms od", "beclometasone inhaler bd", "allopurinol 100 mg od",
        "indapamide 2.5 mg od", "citalopram 20 mg od", "mirtazapine 15 mg on", "losartan 50 mg od"]
JOBS = ["is a retired bus driver", "is a teaching assistant", "works in a warehouse", "is a retired nurse",
        "is a self-employed plumber", "works in IT", "is a retired postman", "is a care worker", "is a university student",
        "is a taxi driver", "is an office manager", "is a retired teacher", "works nights at a supermarket",
        "is a farmer", "is a hairdresser", "is unemployed at present", "is a civil servant", "is a chef"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return NUMW[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + NUMW[u] if u else "")


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
        n = "".join(map(str, d + [c]))
        return n[:3] + " " + n[3:6] + " " + n[6:]


def fmt_date(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 2:
        return d.strftime("%d.%m.%y")
    return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)


def age_on(dob, when):
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


def pick_dob(rng, age, letter_date):
    # birthday kept more than 75 days away from the letter date so that every nearby date
    # in the header gives the same age
    while True:
        y = letter_date.year - age - rng.choice([0, 1])
        try:
            dob = datetime.date(y, rng.randint(1, 12), rng.randint(1, 28))
        except ValueError:
            continue
        if age_on(dob, letter_date) != age:
            continue
        ok = all(age_on(dob, letter_date + datetime.timedelta(days=k)) == age for k in range(-75, 76, 1))
        if ok:
            return dob


# ----------------------------------------------------------------------------------------
# phrase banks.  {He} {he} {His} {his} {him} pronouns; {dur} prose duration; {durs} note duration
# ----------------------------------------------------------------------------------------
DUR = [("three weeks", "3/52"), ("six weeks", "6/52"), ("two months", "2/12"), ("three months", "3/12"),
       ("four months", "4/12"), ("eight weeks", "8/52"), ("about ten weeks", "10/52"), ("five months", "5/12")]

PH = {
    "dysphagia": {
        "P": ["{He} has had difficulty swallowing solids for {dur}, with food sticking behind the breastbone.",
              "{He} reports progressive dysphagia, first to meat and now to bread, over the last {dur}.",
              "Over the past {dur} {he} has had dysphagia, with food sticking low down in the chest.",
              "{His} main complaint is dysphagia for solids, present for {dur}."],
        "N": ["dysphagia {durs}", "progressive dysphagia to solids {durs}", "difficulty swallowing x {durs}",
              "solid food dysphagia ({durs})"],
        "NN": ["Patient is complaining of difficulty to swallow the food since {dur}.",
               "Since {dur} the swallowing of solid food is difficult for {him}, food is sticking."]},
    "rectal_mass": {
        "P": ["On rectal examination I felt a firm, irregular rectal mass about 6 cm from the anal verge.",
              "Digital rectal examination revealed a hard rectal mass."],
        "N": ["PR: firm rectal mass palpable", "DRE - hard irregular rectal mass"],
        "NN": ["On the rectal examination a hard mass is felt in the rectum."]},
    "anal_mass": {
        "P": ["Examination showed a firm anal mass at the 6 o'clock position.",
              "I found a hard, fixed anal mass on examination."],
        "N": ["anal mass on exam (firm, 6 o'clock)", "hard anal mass"],
        "NN": ["In examination there is hard anal mass found."]},
    "anal_ulcer": {
        "P": ["On examination there is unexplained anal ulceration which does not look like a fissure.",
              "There is an area of anal ulceration for which I can find no explanation."],
        "N": ["unexplained anal ulceration", "anal ulcer - unexplained, not a fissure"],
        "NN": ["There is anal ulceration, not explained by any cause I can find."]},
    "weight_loss": {
        "P": ["{He} has lost {kg} kg over {dur} without trying.",
              "There has been unexplained weight loss of about {kg} kg over {dur}.",
              "{His} weight has fallen from {w1} kg to {w2} kg over {dur} with no change in diet."],
        "N": ["unintentional wt loss {kg}kg over {durs}", "weight loss {kg} kg (unexplained)", "wt loss {kg}kg {durs}"],
        "NN": ["Also {he} is losing the weight, {kg} kg in {dur}, not on any diet."]},
    "upper_abdominal_pain": {
        "P": ["{He} has had upper abdominal pain, centred in the epigastrium, for {dur}.",
              "{He} describes a gnawing upper abdominal pain over {dur}."],
        "N": ["epigastric pain {durs}", "upper abdo pain {durs}"],
        "NN": ["Pain is in the upper abdomen since {dur}."]},
    "reflux": {
        "P": ["{He} has troublesome acid reflux, worse at night, for {dur}.",
              "{He} has had reflux with heartburn for {dur}."],
        "N": ["reflux {durs}", "acid reflux/heartburn {durs}"],
        "NN": ["Since {dur} patient is having the acid reflux, more in night time."]},
    "dyspepsia": {
        "P": ["{He} has had dyspepsia for {dur}.",
              "{He} complains of indigestion (dyspepsia) after meals for {dur}."],
        "N": ["dyspepsia {durs}", "indigestion/dyspepsia {durs}"],
        "NN": ["Patient is complaining of dyspepsia since {dur}."]},
    "ppi": {
        "P": ["The dyspepsia has persisted despite {ppi} for {ppiw} weeks.",
              "Despite {ppiw} weeks of {ppi} the indigestion has not settled."],
        "N": ["ongoing despite PPI {ppiw}/52 ({ppi})", "PPI ({ppi}) {ppiw} weeks - no better"],
        "NN": ["Already {ppi} is given for {ppiw} weeks but no improvement of dyspepsia."]},
    "ppi_short": {
        "P": ["{He} started {ppi} {ppiw_text} ago.", "{He} has not yet had a trial of a PPI."],
        "N": ["PPI started {ppiw_text} ago", "no PPI trial yet"],
        "NN": ["{ppi} is just started {ppiw_text} before."]},
    "abdominal_mass": {
        "P": ["On examination there is a firm palpable mass in the {loc}.",
              "I could feel a {size} mass in the {loc}."],
        "N": ["palpable {loc} mass", "abdo mass {loc} ({size})"],
        "NN": ["In the abdomen examination one mass is palpable in {loc}."]},
    "jaundice": {
        "P": ["{He} has become jaundiced over the last {dur}; the jaundice is painless.",
              "{He} presented with painless jaundice which {his} family noticed {dur} ago."],
        "N": ["painless jaundice {durs}", "jaundiced - yellow sclerae"],
        "NN": ["Patient is having jaundice since {dur}, no pain."]},
    "rectal_bleeding": {
        "P": ["{He} has had bright red rectal bleeding on and off for {dur}.",
              "{He} reports blood mixed in with the stool for {dur}.",
              "{He} has noticed fresh blood on the paper and in the pan for {dur}."],
        "N": ["PR bleeding {durs}", "rectal bleeding - fresh red, {durs}", "PR bleed x {durs}"],
        "NN": ["Patient is complaining of bleeding per rectum since {dur}."]},
    "abdominal_pain": {
        "P": ["{He} has intermittent lower abdominal pain for {dur}.",
              "{He} describes crampy abdominal pain, mostly on the left, over {dur}."],
        "N": ["lower abdo pain {durs}", "abdominal pain {durs}", "LIF pain {durs}"],
        "NN": ["Also there is pain in the lower abdomen since {dur}."]},
    "cibh": {
        "P": ["{He} reports a change in bowel habit to looser, more frequent stools over {dur}.",
              "There has been a change in bowel habit for {dur}, now opening bowels three or four times a day.",
              "{His} bowel habit has changed over the last {dur}, alternating between constipation and loose stools."],
        "N": ["CIBH {durs} (looser)", "change in bowel habit {durs}", "CIBH - looser stools {durs}"],
        "NN": ["Since {dur} there is change in the bowel habit, stool is more loose."]},
    "bloody_diarrhoea": {
        "P": ["{He} has had bloody diarrhoea, up to {n} times a day, for {dur}.",
              "{He} describes diarrhoea mixed with blood for {dur}, opening bowels {n} times daily."],
        "N": ["bloody diarrhoea {n}x/day {durs}", "diarrhoea with blood {durs}"],
        "NN": ["Patient is having diarrhoea with the blood, {n} times in one day, since {dur}."]},
    "cirrhosis": {
        "P": ["{He} has known {cause} cirrhosis.", "{He} is known to us with cirrhosis ({cause})."],
        "N": ["known {cause} cirrhosis", "cirrhosis ({cause})"],
        "NN": ["Patient is known case of {cause} cirrhosis."]},
    "ascites": {
        "P": ["{His} abdomen has become distended and there is now clinical ascites.",
              "On examination there is new ascites."],
        "N": ["new ascites", "ascites ++ on exam"],
        "NN": ["Now abdomen is distended with ascites."]},
    "confusion": {
        "P": ["{His} family report that {he} has been intermittently confused over the last week.",
              "{He} has developed new episodes of confusion."],
        "N": ["new confusion", "intermittently confused (family report)"],
        "NN": ["Family is telling that {he} is confused some times in last week."]},
    "haematemesis": {
        "P": ["{He} had two small episodes of haematemesis {when}, after a bout of retching.",
              "{He} vomited a small amount of fresh blood {when}."],
        "N": ["haematemesis x2 (small volume) {when}", "small haematemesis {when}"],
        "NN": ["Patient had vomiting of blood {when}, small quantity."]},
    "ibd_known": {
        "P": ["{He} has known {ibd}, diagnosed in {year}.", "{He} was diagnosed with {ibd} in {year}."],
        "N": ["known {ibd} (dx {year})", "{ibd} since {year}"],
        "NN": ["Patient is known case of {ibd} from {year}."]},
    "ibd_stable_question": {
        "P": ["{He} is well and in stable remission on {drug}; my question is {q}",
              "{His} disease has been stable for several years on {drug}. I would value your view on {q}"],
        "N": ["stable, in remission on {drug}. Q: {q}", "well controlled on {drug} - question re {q}"],
        "NN": ["At present disease is stable on {drug}, my question is {q}"]},
    "coeliac_pos": {
        "P": ["Coeliac serology has come back positive, with a tTG of {ttg} U/mL (normal <7).",
              "{His} tTG IgA was raised at {ttg} U/mL."],
        "N": ["tTG {ttg} U/mL (raised)", "coeliac screen positive - tTG-IgA {ttg}"],
        "NN": ["Coeliac test is positive, tTG is raised {ttg} U/mL."]},
    "fatty_liver": {
        "P": ["An ultrasound scan on {usdate} showed a fatty liver.",
              "Abdominal ultrasound showed hepatic steatosis (fatty liver) but was otherwise normal."],
        "N": ["USS: fatty liver", "USS abdo {usdate} - hepatic steatosis (fatty liver)"],
        "NN": ["In ultrasound the liver is fatty."]},
    "bloating": {
        "P": ["{He} complains of bloating for {dur}.", "{He} has had abdominal bloating over {dur}."],
        "N": ["bloating {durs}", "bloated ++ {durs}"],
        "NN": ["Also bloating is there since {dur}."]},
    "fh_crc": {
        "P": ["{His} {rel} was diagnosed with bowel cancer aged {fa}.",
              "There is a family history of colorectal cancer: {his} {rel} at {fa}."],
        "N": ["FH: {rel} - colorectal ca aged {fa}", "FHx bowel ca ({rel}, aged {fa})"],
        "NN": ["In family the {rel} was having bowel cancer at age {fa}."]},
    "fatigue": {
        "P": ["{He} has been feeling tired.", "{He} complains of tiredness."],
        "N": ["tired all the time", "fatigue"],
        "NN": ["Patient is feeling tired."]},
}
PPIS = ["omeprazole 20 mg od", "lansoprazole 30 mg od", "omeprazole 40 mg od", "esomeprazole 20 mg od"]
IBD_DRUGS = {"ulcerative colitis": ["mesalazine 2.4 g daily", "mesalazine 1.2 g daily", "azathioprine 100 mg",
                                   "vedolizumab"],
             "Crohn's disease": ["azathioprine 125 mg", "adalimumab", "ustekinumab", "methotrexate 15 mg weekly"]}
IBD_Q = ["whether it is safe to continue {drug} while she plans a pregnancy.",
         "when {his} next surveillance colonoscopy is due.",
         "whether {he} can have a live shingles vaccine on {drug}.",
         "whether {drug} can now be reduced after five years of remission.",
         "how often {his} blood monitoring should be done on {drug}.",
         "whether {he} needs a bone density scan given past steroid courses."]

# negated mentions.  key -> (facts it negates, prose list, note list)
NEG = {
    "dysphagia": (["dysphagia"], ["{He} has no difficulty swallowing.", "There is no dysphagia."],
                  ["no dysphagia", "dysphagia Ø", "denies dysphagia"]),
    "weight_loss": (["weight_loss"], ["{His} weight is stable.", "{He} denies any weight loss."],
                    ["no wt loss", "weight stable", "wt loss -ve"]),
    "rectal_bleeding": (["rectal_bleeding"], ["There has been no rectal bleeding.",
                                              "{He} denies any blood in the stool."],
                        ["no PR bleeding", "PR bleed: nil", "denies rectal bleeding"]),
    "jaundice": (["jaundice"], ["{He} is not jaundiced."], ["not jaundiced", "jaundice - absent"]),
    "abdominal_mass": (["abdominal_mass"], ["{His} abdomen is soft with no palpable mass."],
                       ["abdo soft, no masses", "no abdominal mass felt"]),
    "haematemesis": (["haematemesis"], ["There has been no haematemesis."], ["no haematemesis"]),
    "cibh": (["cibh"], ["{His} bowel habit is unchanged."], ["bowels unchanged", "no CIBH"]),
    "abdominal_pain": (["abdominal_pain"], ["{He} has no abdominal pain."], ["no abdo pain", "pain free"]),
    "reflux_dyspepsia": (["reflux", "dyspepsia"], ["{He} has no indigestion or reflux."],
                         ["no reflux/dyspepsia", "free of reflux or indigestion"]),
    "rectal_mass": (["rectal_mass"], ["Rectal examination was normal, without any rectal mass."],
                    ["PR: no mass", "DRE - no rectal mass"]),
    "bloody_diarrhoea": (["bloody_diarrhoea"], ["There is no diarrhoea and no blood."], ["no bloody diarrhoea"]),
    "ascites": (["ascites"], ["There is no ascites."], ["no ascites"]),
    "bloating": (["bloating"], ["{He} is not bloated."], ["bloating absent"]),
}
NEG_CONFLICT = {
    "abdominal_pain": ["upper_abdominal_pain", "abdominal_pain"],
    "rectal_bleeding": ["bloody_diarrhoea", "rectal_bleeding", "rectal_mass", "anal_mass", "anal_ulcer"],
    "cibh": ["bloody_diarrhoea", "cibh"],
    "reflux_dyspepsia": ["upper_abdominal_pain", "reflux", "dyspepsia"],
    "rectal_mass": ["rectal_mass", "anal_mass", "anal_ulcer"],
    "abdominal_mass": ["abdominal_mass", "ascites"],
    "bloody_diarrhoea": ["bloody_diarrhoea", "cibh", "rectal_bleeding"],
    "bloating": ["bloating", "ascites"],
}
FAMILY = [("oesophageal cancer", "{His} mother had oesophageal cancer in her seventies.", "FH: mother - oesophageal ca"),
          ("Crohn's disease", "{His} brother has Crohn's disease.", "FH: brother Crohn's"),
          ("cirrhosis", "{His} father died of alcohol-related cirrhosis.", "FH: father - cirrhosis (alcohol)"),
          ("coeliac disease", "{His} sister has coeliac disease.", "FH: sister coeliac"),
          ("gastric cancer", "{His} grandfather had stomach cancer.", "FH: grandfather - gastric ca"),
          ("ulcerative colitis", "{His} daughter has ulcerative colitis.", "FH: daughter UC"),
          ("pancreatic cancer", "{His} uncle died of pancreatic cancer.", "FH: uncle - pancreatic ca")]
RESOLVED = [("rectal_bleeding", ["rectal_bleeding", "bloody_diarrhoea", "rectal_mass", "anal_mass", "anal_ulcer"],
             "{He} had rectal bleeding from haemorrhoids in {y}, which settled after banding, with none since.",
             "PR bleeding {y} (haemorrhoids, banded) - none since"),
            ("haematemesis", ["haematemesis"],
             "{He} had a single haematemesis in {y} after a night of heavy drinking, with none since.",
             "haematemesis x1 in {y} (Mallory-Weiss), nil since"),
            ("jaundice", ["jaundice"], "{He} was jaundiced as a child with hepatitis A, which fully resolved.",
             "hep A with jaundice in childhood - resolved"),
            ("dysphagia", ["dysphagia"],
             "{He} had dysphagia in {y} from a benign stricture that was dilated; swallowing has been normal since.",
             "dysphagia {y} - benign stricture dilated, swallowing normal since"),
            ("abdominal_pain", ["abdominal_pain", "upper_abdominal_pain"],
             "{He} had biliary colic in {y}, cured by cholecystectomy, and has had no pain since.",
             "biliary colic {y} - lap chole, pain resolved"),
            ("weight_loss", ["weight_loss"],
             "{He} lost weight in {y} during a period of depression, which has since been fully regained.",
             "wt loss {y} (depression) - since regained")]
HYPO_ITEMS = [("dysphagia", "difficulty swallowing"), ("weight_loss", "weight loss"),
              ("rectal_bleeding", "rectal bleeding"), ("jaundice", "jaundice"),
              ("haematemesis", "any vomiting of blood"), ("abdominal_mass", "a lump in the tummy")]
HYPO_T = ["I have advised {him} to come back if {he} develops {x}.",
          "If {he} develops {x} I will re-refer on the two-week-wait pathway.",
          "Safety-netted: to return urgently should {x} occur.",
          "Should {he} develop {x}, please expedite."]
OTHER_PERSON = [("dysphagia", "{His} {spouse}, who came with {him}, is currently under your team for dysphagia."),
                ("jaundice", "{His} {spouse} was jaundiced last year and is under the liver clinic."),
                ("rectal_bleeding", "{His} {spouse} recently had a colonoscopy for rectal bleeding, which has made {him} anxious."),
                ("ibd", "{His} son was diagnosed with ulcerative colitis last year."),
                ("weight_loss", "{His} {spouse} has had weight loss and is being investigated elsewhere.")]
HEDGED = ["?IBS", "Query functional bowel disorder.", "I doubt there is anything sinister here.",
          "I cannot exclude a functional component.", "Possible lactose intolerance?",
          "Unlikely to be infective given the duration.", "Query gallstones - not yet scanned."]


# ----------------------------------------------------------------------------------------
# letter builder
# ----------------------------------------------------------------------------------------
class Letter:
    def __init__(self):
        self.parts = []      # (protected?, text)
        self.ev = {}         # fact -> [evidence strings]
        self.dis = []        # distractors as written

    def t(self, s):          # filler (may receive noise)
        self.parts.append((False, s))

    def x(self, s):          # protected non-fact text (clinical but not a spec fact)
        self.parts.append((True, s))

    def f(self, key, s):     # evidence of a positive fact / value
        self.parts.append((True, s))
        self.ev.setdefault(key, [])
        if s not in self.ev[key]:
            self.ev[key].append(s)

    def d(self, dd, s):      # a distractor as written
        self.parts.append((True, s))
        self.dis.append({"kind": dd["kind"], "fact": dd["fact"], "text": s})


SYM_ORDER = ["dysphagia", "haematemesis", "jaundice", "bloody_diarrhoea", "rectal_bleeding", "cibh",
             "abdominal_pain", "upper_abdominal_pain", "dyspepsia", "ppi", "ppi_short", "reflux", "bloating",
             "weight_loss", "confusion", "fatigue"]
EXAM_ORDER = ["rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "ascites"]
HIST_ORDER = ["cirrhosis", "ibd_known", "ibd_stable_question"]


class Ctx:
    """Everything a style needs: facts, phrases in three registers, values, distractors, header data."""

    def __init__(self, idx, f, rule, style, rng):
        self.idx, self.f, self.rule, self.style, self.rng = idx, f, rule, style, rng
        self.urg, self.path = RULE_LABEL[rule]
        sx = f["sex"]
        self.pr = ({"He": "He", "he": "he", "His": "His", "his": "his", "him": "him"} if sx == "M" else
                   {"He": "She", "he": "she", "His": "Her", "his": "her", "him": "her"})
        self.first = rng.choice(MALE if sx == "M" else FEMALE)
        self.sur = rng.choice(SURN)
        self.title = "Mr" if sx == "M" else rng.choice(["Mrs", "Ms", "Miss", "Mrs"])
        if sx == "F" and f["age"] < 30 and self.title == "Mrs":
            self.title = "Ms"
        self.name = "%s %s %s" % (self.title, self.first, self.sur)
        self.nhs = nhs_number(rng)
        self.hosp = rng.choice(["RX", "H", "K", "M"]) + str(rng.randint(100000, 999999))
        start = datetime.date(2023, 2, 1)
        self.ldate = start + datetime.timedelta(days=rng.randint(0, 850))
        self.dob = pick_dob(rng, f["age"], self.ldate)
        self.dfmt = rng.choice([0, 0, 1, 2, 3])
        self.doc = rng.choice(DOCS)
        self.practice = rng.choice(PRACTICES)
        self.town = rng.choice(TOWNS)
        self.code = rng.choice("ABCDEFGHJKLMNPY") + str(rng.randint(81000, 89999))
        self.addr = "%d %s, %s" % (rng.randint(1, 140), rng.choice(STREETS), self.town)
        self.pc = "%s%d %d%s" % (rng.choice(["LA", "BD", "SK", "TF", "NP", "DE", "HU", "CH", "WR"]),
                                 rng.randint(1, 19), rng.randint(1, 9), "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2)))
        self.pmh = rng.sample(PMH_M if sx == "M" else PMH_F, rng.randint(1, 3))
        self.meds = rng.sample(MEDS, rng.randint(1, 4))
        self.job = rng.choice(JOBS)
        if f["age"] >= 70 and "retired" not in self.job:
            self.job = "is retired"
        if f["age"] >= 35 and "student" in self.job:
            self.job = "works in a shop"
        if sx == "F":
            self.meds = [m for m in self.meds if not m.startswith("tamsulosin")] or ["no regular medication"]
        if f["age"] < 50:
            self.pmh = [p for p in self.pmh if p not in ("Benign prostatic hyperplasia", "Osteoporosis", "Atrial fibrillation")] or ["Nil significant"]
        self.spouse = "wife" if sx == "M" else "husband"
        self.params()
        self.values()
        self.dates_shown = []

    # -------------------------------------------------------------- phrase parameters
    def params(self):
        rng, f = self.rng, self.f
        p = dict(self.pr)
        durs = rng.sample(DUR, len(DUR))
        p["_durs"] = durs
        kg = rng.choice([4, 5, 6, 7, 8, 10, 12])
        w1 = rng.randint(62, 98)
        p.update(kg=kg, w1=w1, w2=w1 - kg, n=rng.choice([4, 5, 6, 8, 10]),
                 when=rng.choice(["last weekend", "on Tuesday", "four days ago", "last week"]),
                 cause=rng.choice(["alcohol-related", "hepatitis C-related", "alcohol-related"]),
                 ibd=rng.choice(["ulcerative colitis", "Crohn's disease"]),
                 year=self.ldate.year - rng.randint(3, 20),
                 loc=rng.choice(["right iliac fossa", "left iliac fossa", "right lower quadrant", "left flank"]),
                 size=rng.choice(["4 cm", "firm 5 cm", "hard, fist-sized", "craggy 6 cm"]),
                 ppi=rng.choice(PPIS), rel=rng.choice(["father", "mother", "brother", "sister"]),
                 fa=rng.choice([42, 46, 49, 52, 55, 58, 61, 67]),
                 usdate=fmt_date(self.ldate - datetime.timedelta(days=rng.randint(10, 60)), 0),
                 ttg=f.get("ttg"))
        p["drug"] = rng.choice(IBD_DRUGS[p["ibd"]])
        qs = [q for q in IBD_Q if not ("pregnancy" in q and f["sex"] == "M") and
              not ("pregnancy" in q and f["age"] > 44)]
        p["q"] = rng.choice(qs).format(**dict(p))
        w = f.get("ppi_weeks")
        if w is not None:
            p["ppiw"] = w
            p["ppiw_text"] = {0: "", 1: "one week", 2: "two weeks", 3: "three weeks"}.get(w, "")
        self.p = p
        self.choice = {}
        self.fact_keys = [k for k in SYM_ORDER + EXAM_ORDER + HIST_ORDER + ["coeliac_pos", "fatty_liver", "fh_crc"]
                          if k in SYMS and f["sym"].get(k)]
        if w is not None and f["sym"]["dyspepsia"]:
            key = "ppi" if w >= 4 else "ppi_short"
            i = self.fact_keys.index("dyspepsia") + 1
            self.fact_keys.insert(i, key)

    def ph(self, key, reg):
        """Phrase for fact `key` in register P (prose), N (note) or NN (non-native)."""
        bank = PH[key]
        lst = bank.get(reg) or bank["P"]
        if key == "ppi_short":
            w = self.f["ppi_weeks"]
            lst = [lst[0]] if w else [lst[1]]
            if reg == "NN" and not w:
                lst = [bank["P"][1]]
        ci = self.choice.setdefault((key, reg), self.rng.randrange(len(lst)))
        d = dict(self.p)
        j = (SYM_ORDER + EXAM_ORDER).index(key) if key in SYM_ORDER + EXAM_ORDER else 0
        d["dur"], d["durs"] = self.p["_durs"][j % len(self.p["_durs"])]
        w = self.f.get("ppi_weeks")
        if key == "dyspepsia" and w is not None and w >= 4:
            mo = w // 4 + 2
            d["dur"], d["durs"] = ("%s months" % words(mo), "%d/12" % mo) if mo < 12 else ("over a year", ">1 yr")
        s = lst[ci % len(lst)].format(**d)
        return s[0].upper() + s[1:] if reg != "N" else s

    # -------------------------------------------------------------- values
    def values(self):
        rng, f = self.rng, self.f
        self.vals = {}
        if f["hb"] is not None:
            v = f["hb"]
            ref = "130-170" if f["sex"] == "M" else "120-150"
            opts = [("Hb %d" % v, str(v), "g/L"), ("Hb %d g/L" % v, str(v), "g/L"),
                    ("haemoglobin %d g/L" % v, str(v), "g/L"), ("Hb %.1f g/dL" % (v / 10), "%.1f" % (v / 10), "g/dL"),
                    ("haemoglobin %.1f g/dL" % (v / 10), "%.1f" % (v / 10), "g/dL"),
                    ("Hb %d g/L (%s)" % (v, ref), str(v), "g/L")]
            self.vals["hb"] = rng.choice(opts)
        if f["ferritin"] is not None:
            v = f["ferritin"]
            opts = [("ferritin %d" % v, str(v), "ug/L"), ("ferritin %d ug/L" % v, str(v), "ug/L"),
                    ("ferritin %d µg/L (30-400)" % v, str(v), "ug/L"), ("ferritin %d ng/mL" % v, str(v), "ng/mL")]
            self.vals["ferritin"] = rng.choice(opts)
        if f["fit"] is not None:
            t = f["fit"]
            if t in ("undetectable", "negative"):
                opts = [("FIT %s" % t, t, "ug/g"), ("qFIT %s" % t, t, "ug/g")]
            elif t.startswith("<") or t.startswith(">"):
                opts = [("FIT %s" % t, t, "ug/g"), ("qFIT %s ug Hb/g" % t, t, "ug/g"), ("FIT: %s ug/g" % t, t, "ug/g")]
            else:
                n = int(t)
                opts = [("FIT %d" % n, t, "ug/g"), ("FIT: %d ug/g" % n, t, "ug/g"),
                        ("FIT %d ug Hb/g faeces" % n, t, "ug/g")]
                opts.append(("qFIT positive (%d)" % n, t, "ug/g") if n >= 10 else ("qFIT %d ug Hb/g" % n, t, "ug/g"))
            self.vals["fit"] = rng.choice(opts)
        if f["calpro"] is not None:
            t = f["calpro"]
            opts = [("faecal calprotectin %s ug/g" % t, t, "ug/g"), ("calprotectin %s" % t, t, "ug/g"),
                    ("FCP %s µg/g" % t, t, "ug/g"), ("calpro %s" % t, t, "ug/g")]
            self.vals["calpro"] = rng.choice(opts)
        if f["alt"] is not None:
            v = f["alt"]
            opts = [("ALT %d U/L" % v, str(v), "U/L"), ("ALT %d" % v, str(v), "U/L"),
                    ("ALT %d (ref <40)" % v, str(v), "U/L")]
            if v >= 110:
                opts.append(("ALT %d U/L (about %dx ULN)" % (v, round(v / 40)), str(v), "U/L"))
            self.vals["alt"] = rng.choice(opts)
        self.extra_bloods = rng.sample([rng.choice(["CRP 3", "CRP <5"]), "eGFR >90", "TSH %.1f" % rng.uniform(0.8, 3.5),
                                        "platelets %d" % rng.randint(170, 390), "U&E normal", "bilirubin %d" % rng.randint(5, 15),
                                        "albumin %d" % rng.randint(36, 46), "WCC %.1f" % rng.uniform(4.2, 9.5), "MCV %d" % rng.randint(84, 96)],
                                       rng.randint(1, 3))
        self.extra_bloods = [e for e in self.extra_bloods if not (e.startswith("MCV") and (
            "b12" in f["variant"] or (f["ferritin"] is not None and f["ferritin"] < 30)))]
        if "b12" in f["variant"]:
            self.extra_bloods = ["MCV 109", "B12 96 ng/L (low)"] + self.extra_bloods
        if f["variant"] == "D_alp":
            self.extra_bloods = ["ALP 212 (raised)", "GGT 88"] + self.extra_bloods
        if f["variant"] == "D_ferr_high":
            self.extra_bloods = ["transferrin saturation 38%"] + self.extra_bloods

    def vtext(self, key):
        return self.vals[key][0]

    def age_str(self, form):
        a = self.f["age"]
        s = self.f["sex"]
        return {"yo": "%d-year-old" % a, "aged": "aged %d" % a, "y/o": "%d y/o" % a,
                "AS": "%d%s" % (a, s), "words": "aged %s" % words(a), "colon": "Age: %d" % a,
                "yrs": "%d yrs" % a, "years": "%d years old" % a}[form]

    def date(self, d, style=None):
        s = fmt_date(d, self.dfmt if style is None else style)
        self.dates_shown.append((s, d.isoformat()))
        return s


def evkey(k):
    return "ppi_weeks" if k in ("ppi", "ppi_short") else k


def choose_distractors(f, rng, style, nmax):
    present = [k for k in SYMS if f["sym"][k]]
    pool = []
    for key in sorted(NEG):
        facts, P, N = NEG[key]
        if any(x in present for x in NEG_CONFLICT.get(key, facts)):
            continue
        if key == "ascites" and not (any(x in present for x in ["cirrhosis", "jaundice", "fatty_liver"]) or (f["alt"] or 0) >= 40):
            continue
        if key in ("bloody_diarrhoea", "bloating") and not any(x in present for x in ["cibh", "abdominal_pain", "rectal_bleeding", "bloating"]):
            continue
        slot = "exam" if key in ("abdominal_mass", "rectal_mass", "ascites") else "sym"
        pool.append({"kind": "negated", "fact": "+".join(facts), "P": rng.choice(P), "N": rng.choice(N), "slot": slot})
    fam = rng.choice(FAMILY)
    pool.append({"kind": "family_history", "fact": fam[0], "P": fam[1], "N": fam[2], "slot": "fh"})
    for fact, conf, P, N in RESOLVED:
        if fact == "abdominal_pain" and "bloating" in present:
            continue
        if not any(x in present for x in conf):
            pool.append({"kind": "resolved_past", "fact": fact, "P": P, "N": N, "slot": "pmh"})
    if f["sex"] == "F" and f["age"] < 70 and not (f["hb"] is not None and f["hb"] < 120):
        pool.append({"kind": "resolved_past", "fact": "iron_deficiency_anaemia",
                     "P": "{He} had iron deficiency anaemia in pregnancy in {y}, treated, with a normal blood count since.",
                     "N": "IDA in pregnancy {y} - treated, FBC normal since", "slot": "pmh"})
    absent = [(k, w) for k, w in HYPO_ITEMS if not f["sym"][k]]
    if absent:
        its = rng.sample(absent, min(len(absent), rng.randint(1, 2)))
        x = " or ".join(w for _, w in its)
        t = rng.choice(HYPO_T)
        pool.append({"kind": "hypothetical", "fact": "+".join(k for k, _ in its), "P": t.replace("{x}", x),
                     "N": "safety-netted re " + x, "slot": "plan"})
    ops = [o for o in OTHER_PERSON if not f["sym"].get(o[0], False) and not (o[0] == "ibd" and f["sym"]["ibd_known"])]
    if ops:
        o = rng.choice(ops)
        pool.append({"kind": "other_person", "fact": o[0], "P": o[1], "N": o[1], "slot": "social"})
    h = rng.choice(HEDGED)
    if not (f["sym"]["ibd_known"] or f["sym"]["coeliac_pos"]) or "IBS" not in h:
        pool.append({"kind": "hedged_impression", "fact": None, "P": h, "N": h, "slot": "impression"})
    if not f["sym"]["weight_loss"]:
        kg = rng.choice([4, 6, 9])
        pool.append({"kind": "explained", "fact": "weight_loss", "soft": True,
                     "P": "{He} has lost %d kg on purpose with a slimming club, which {he} is pleased about." % kg,
                     "N": "wt down %d kg - intentional (diet)" % kg, "slot": "sym"})
    if style in HIST_STYLES:
        for key in ("hb", "ferritin", "alt", "calpro"):
            cur = f.get(key)
            if cur is None:
                continue
            flip = rng.random() < 0.6
            if key == "hb":
                old = anaemic_hb(rng, f["sex"]) if cur >= (130 if f["sex"] == "M" else 120) and flip else normal_hb(rng, f["sex"])
            elif key == "ferritin":
                old = rng.randint(5, 24) if cur >= 30 and flip else rng.randint(40, 160)
            elif key == "alt":
                old = rng.randint(60, 180) if cur < 40 and flip else rng.randint(15, 35)
            else:
                c = num_of(cur)
                old = rng.randint(120, 600) if c < 100 else rng.randint(20, 60)
            pool.append({"kind": "historic_value", "fact": key, "value": old, "soft": True, "slot": "results",
                         "P": None, "N": None})
    rng.shuffle(pool)
    out, used = [], set()
    k = rng.randint(1, nmax)
    for d in pool:
        if d["kind"] == "historic_value":
            continue
        base = "wl" if d["fact"] and "weight_loss" in d["fact"] and d["kind"] != "hypothetical" else (d["fact"] or d["kind"])
        if base in used:
            continue
        used.add(base)
        out.append(d)
        if len(out) >= k:
            break
    hist = [d for d in pool if d["kind"] == "historic_value"]
    out.extend(hist[:2])
    present = [k for k in SYMS if f["sym"][k]]
    if style == "re_referral":
        ops = [p for p in PRIOR if not any(x in present for x in p[1]) and not (p[0] == "alt" and f["alt"] is not None)]
        p = rng.choice(ops)
        out.append({"kind": "resolved_past", "fact": p[0], "P": p[2], "N": p[2], "slot": "prior"})
    if style == "copied_clinic_letter":
        ops = [p for p in COPIED if not any(x in present for x in
                                              {"reflux": ["reflux", "dyspepsia", "upper_abdominal_pain"],
                                               "abdominal_pain": ["abdominal_pain", "upper_abdominal_pain", "bloating"],
                                               "rectal_bleeding": ["rectal_bleeding", "bloody_diarrhoea", "rectal_mass", "anal_mass", "anal_ulcer"],
                                               "calpro": []}[p[0]])]
        p = rng.choice(ops)
        yoff = rng.randint(3, 7)
        if p[0] == "calpro":
            v = rng.randint(15, 60)
            out.append({"kind": "historic_value", "fact": "calpro", "value": v, "soft": True, "slot": "copied",
                        "P": p[1].replace("{v}", str(v)), "N": None, "yoff": yoff})
        else:
            out.append({"kind": "resolved_past", "fact": p[0], "P": p[1], "N": p[1], "slot": "copied", "yoff": yoff})
    return out


REQ = {
    "USC": {"P": ["I would be grateful if you could see {him} under the two-week-wait pathway.",
                  "Please see {him} as an urgent suspected cancer referral.",
                  "I have referred {him} on the suspected cancer (2WW) pathway."],
            "N": ["2WW please", "Priority: 2WW", "USC referral please"],
            "NN": ["Kindly see {him} under 2 week wait pathway."]},
    "URG": {"P": ["I would be grateful for an urgent appointment.", "Please could {he} be seen urgently.",
                  "I would appreciate it if {he} could be seen soon, as an urgent (non-cancer) referral."],
            "N": ["urgent please", "Priority: urgent", "soon pls - urgent"],
            "NN": ["Kindly see {him} on urgent basis."]},
    "ROU": {"P": ["I would be grateful if you could see {him} routinely.", "A routine appointment would be fine.",
                  "Please see {him} in your routine clinic."],
            "N": ["routine OPD please", "Priority: routine", "routine"],
            "NN": ["Kindly give routine appointment to {him}."]},
    "AG": {"P": ["I would value your advice; {he} may not need to be seen.",
                 "Could you advise on further management? I am not sure an appointment is needed.",
                 "This is an advice and guidance request rather than a referral for an appointment."],
           "N": ["advice only please", "A&G request - ? needs seeing", "advice & guidance"],
           "NN": ["Kindly give your advice for further management, appointment may not be needed."]},
}
GP_WORDS = {"USC": "two-week wait (urgent suspected cancer)", "URG": "urgent", "ROU": "routine",
            "AG": "advice and guidance only"}
LEVEL_OF = {"urgent_suspected_cancer": "USC", "urgent": "URG", "routine": "ROU", "advice_and_guidance": "AG"}
LEVELS = ["AG", "ROU", "URG", "USC"]
HIST_STYLES = ["results_table_dated", "gp_system_paste", "copied_clinic_letter", "re_referral", "symptom_chronology"]


# ----------------------------------------------------------------------------------------
# slots: the clinical content of a letter, grouped, in one register
# ----------------------------------------------------------------------------------------
def _ctx_methods():
    def dtext(self, d, reg):
        if d["kind"] == "historic_value" and not d.get("P"):
            return self.hist_text(d)
        t = d["N"] if reg == "N" else d["P"]
        dd = dict(self.pr)
        dd["y"] = d.setdefault("y", self.ldate.year - self.rng.randint(4, 12))
        dd["spouse"] = self.spouse
        s = t.format(**dd)
        return s

    def hist_text(self, d):
        if "text" not in d:
            od = self.ldate - datetime.timedelta(days=self.rng.randint(400, 1500))
            ds = fmt_date(od, 0)
            v = d["value"]
            name = {"hb": "Hb", "ferritin": "ferritin", "alt": "ALT", "calpro": "calprotectin"}[d["fact"]]
            unit = {"hb": " g/L", "ferritin": "", "alt": " U/L", "calpro": " ug/g"}[d["fact"]]
            if self.style == "results_table_dated":
                d["text"] = "%s %d%s" % (name, v, unit)
            else:
                d["text"] = self.rng.choice(["%s %d%s (%s)" % (name, v, unit, ds), "%s: %d%s on %s" % (name, v, unit, ds)])
            d["date"] = od.isoformat()
        return d["text"]

    def slots(self, reg):
        S = {k: [] for k in ["sym", "exam", "hist", "fh", "results", "resfacts", "pmh", "social", "impression", "plan",
                             "prior", "copied"]}
        for k in self.fact_keys:
            if k in SYM_ORDER:
                S["sym"].append(("f", evkey(k), self.ph(k, reg)))
            elif k in EXAM_ORDER:
                S["exam"].append(("f", k, self.ph(k, reg)))
            elif k in HIST_ORDER:
                S["hist"].append(("f", k, self.ph(k, reg)))
            elif k == "fh_crc":
                S["fh"].append(("f", k, self.ph(k, reg)))
            else:
                S["resfacts"].append(("f", k, self.ph(k, reg)))
        for key in ["hb", "ferritin", "fit", "calpro", "alt"]:
            if key in self.vals:
                S["results"].append(("v", key, self.vals[key][0]))
        for d in self.dis:
            S[d["slot"]].append(("d", d, self.dtext(d, reg)))
        return S

    def normal(self, key):
        f = self.f
        if key == "hb":
            return f["hb"] >= (130 if f["sex"] == "M" else 120)
        if key == "ferritin":
            return f["ferritin"] >= 30
        if key == "alt":
            return f["alt"] < 40
        return False

    def req(self, reg, level=None):
        lv = level or self.gp
        if lv is None:
            return None
        return self.rng.choice(REQ[lv].get(reg, REQ[lv]["P"])).format(**self.pr)

    for fn in (dtext, hist_text, slots, normal, req):
        setattr(Ctx, fn.__name__, fn)


_ctx_methods()


def put(c, L, item, tr=None):
    typ, key, text = item
    if tr:
        text = tr(text)
    if typ == "f":
        L.f(key, text)
    elif typ == "v":
        L.f(key, text)
        if c.normal(key):
            L.dis.append({"kind": "normal_value", "fact": key, "text": text})
    elif typ == "d":
        L.d(key, text)
    elif typ == "x":
        L.x(text)
    else:
        L.t(text)


def emit(c, L, items, sep, pre="", post="", tr=None):
    if not items:
        return False
    if pre:
        L.t(pre)
    for i, it in enumerate(items):
        if i:
            L.t(sep)
        put(c, L, it, tr)
    if post:
        L.t(post)
    return True


def cap(s):
    return s[0].upper() + s[1:] if s else s


def results_items(c, S, with_extra=True):
    items = list(S["results"])
    if with_extra:
        items += [("x", None, e) for e in c.extra_bloods]
    return items


def age_ev(c, L, form):
    c.age_form = form
    s = c.age_str(form)
    L.f("age", s)


def dob_line(c, L, pre="DOB: "):
    L.t(pre)
    L.f("dob", c.date(c.dob, 0 if c.dfmt in (2,) else c.dfmt))


def letter_date(c, L, pre="Date: "):
    L.t(pre)
    L.f("letter_date", c.date(c.ldate))


def sign(c, L, role="GP"):
    L.t("\n\n" + c.rng.choice(["Yours sincerely", "Kind regards", "Best wishes", "Many thanks", "Yours faithfully"]) +
        ",\n\n" + c.doc + "\n" + role)


def prose_clinical(c, L, S, reg="P", results_pre=None):
    """Symptoms, examination, history and results as prose paragraphs."""
    emit(c, L, S["sym"], " ", pre="", post="")
    if S["exam"]:
        L.t("\n\n" if S["sym"] else "")
        emit(c, L, S["exam"], " ")
    if S["hist"]:
        L.t("\n\n")
        emit(c, L, S["hist"], " ")
    ri = results_items(c, S)
    if ri or S["resfacts"]:
        L.t("\n\n")
        if ri:
            L.t(results_pre or c.rng.choice(["Recent bloods: ", "Bloods showed ", "Investigations: ",
                                              "Blood tests on %s: " % fmt_date(c.ldate - datetime.timedelta(days=9), 0)]))
            emit(c, L, ri, ", ", post=". ")
        emit(c, L, S["resfacts"], " ")


def prose_tail(c, L, S, reg="P"):
    if S["fh"]:
        L.t("\n\n")
        emit(c, L, S["fh"], " ")
    if S["pmh"] or c.pmh:
        L.t("\n\nPast history: ")
        L.x(", ".join(c.pmh) + ". ")
        emit(c, L, S["pmh"], " ")
    if S["social"]:
        L.t("\n\n")
        emit(c, L, S["social"], " ")
    if S["impression"]:
        L.t("\n\n")
        emit(c, L, S["impression"], " ")
    if S["plan"]:
        L.t("\n\n")
        emit(c, L, S["plan"], " ")


def note_all(c, S, with_extra=True):
    return S["sym"] + S["exam"] + S["hist"] + results_items(c, S, with_extra) + S["resfacts"]


def pt_block(c, L, age_form=None, sep="\n"):
    L.t("Re: ")
    L.f("sex", c.name)
    L.t(sep)
    dob_line(c, L)
    if age_form:
        L.t(" (")
        age_ev(c, L, age_form)
        L.t(")")
    L.t(sep + "NHS No: %s" % c.nhs + sep + c.addr + "\n\n")


# ----------------------------------------------------------------------------------------
# styles (32 layouts / writers)
# ----------------------------------------------------------------------------------------
def prac_head(c, L, extra=False):
    r = c.rng
    L.t("%s\n%s %s, %s %s\nTel: 01%d %06d  Fax: 01%d %06d" % (
        c.practice, r.choice(["Unit 3,", "The Surgery,", "", "1"]), r.choice(STREETS), c.town, c.pc,
        r.randint(200, 999), r.randint(100000, 999999), r.randint(200, 999), r.randint(100000, 999999)))
    if extra:
        L.t("\nPractice code: %s   Email: %s.%s@nhs.net" % (c.code, c.practice.split()[0].lower().strip("'s"), c.code.lower()))
    L.t("\n\n")


def st_gp_formal(c, L):
    prac_head(c, L)
    letter_date(c, L)
    cons = c.rng.choice(["Hamilton", "Osei", "Grant", "Lowe", "Baird"])
    L.t("\n\nDr %s\nConsultant Gastroenterologist\n%s General Hospital\n\n" % (cons, c.town))
    L.t("Dear Dr %s,\n\n" % cons)
    L.t("Re: ")
    L.f("sex", c.name)
    L.t(", ")
    dob_line(c, L, "DOB ")
    L.t(", NHS No %s\n\n" % c.nhs)
    L.t("Thank you for seeing this ")
    age_ev(c, L, "yo")
    L.t(" %s, who I saw in surgery recently. " % ("gentleman" if c.f["sex"] == "M" else "lady"))
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\nCurrent medication: ")
    L.x(", ".join(c.meds) + ".")
    sign(c, L)


def st_gp_terse(c, L):
    L.t(c.rng.choice(["Dear Gastro,\n", "Dear Colleague\n", "Gastro team -\n"]))
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "AS")
    L.t(". ")
    S = c.slots("N")
    emit(c, L, note_all(c, S, False) + S["fh"] + S["pmh"] + S["social"] + S["impression"] + S["plan"], ", ", post=". ")
    r = c.req("N")
    if r:
        L.t(cap(r) + ". ")
    L.t("Thanks\n" + c.doc.replace("Dr ", "") + " (GP, %s)" % c.practice)


def st_gp_chatty(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Dr %s,\n\n" % c.rng.choice(["Marsh", "Iqbal", "Kerr", "Davenport"]))
    L.t("I'd be really grateful if you could cast an eye over ")
    L.f("sex", c.name)
    L.t(", who is ")
    age_ev(c, L, c.rng.choice(["words", "aged"]))
    L.t(". %s has been with the practice for as long as I can remember and is not one to bother us, so I took it seriously when %s came in last week. " % (c.pr["He"], c.pr["he"]))
    L.t("\n\nTo give you the story: ")
    S = c.slots("P")
    prose_clinical(c, L, S)
    L.t("\n\nI had a good chat with %s about what might be going on and we agreed a referral was the sensible next step. " % c.pr["him"])
    prose_tail(c, L, S)
    L.t("\n\nSocially %s %s and lives locally; %s is keen to get things sorted before a family holiday later in the year." % (c.pr["he"], c.job, c.pr["he"]))
    r = c.req("P")
    if r:
        L.t("\n\n" + r + " ")
    L.t("I know how stretched your clinics are at the moment, so thank you as ever for your help - it is much appreciated.")
    sign(c, L)
    L.t("\n\n")
    dob_line(c, L, "Patient DOB: ")
    L.t("  NHS: %s" % c.nhs)


def st_gp_bullets(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\n")
    L.f("sex", c.name)
    L.t("  ")
    dob_line(c, L, "DOB ")
    L.t(" (")
    age_ev(c, L, "yrs")
    L.t(")  NHS %s\n\n" % c.nhs)
    S = c.slots("N")
    L.t("Presenting complaint:\n- ")
    emit(c, L, S["sym"] or [("x", None, "see results")], "\n- ")
    if S["exam"]:
        L.t("\n\nExamination:\n- ")
        emit(c, L, S["exam"], "\n- ")
    if S["hist"]:
        L.t("\n\nBackground:\n- ")
        emit(c, L, S["hist"], "\n- ")
    ri = results_items(c, S) + S["resfacts"]
    L.t("\n\nInvestigations:\n- ")
    emit(c, L, ri, "\n- ")
    L.t("\n\nPMH:\n- ")
    emit(c, L, [("x", None, p) for p in c.pmh] + S["pmh"], "\n- ")
    if S["fh"]:
        L.t("\n\nFH:\n- ")
        emit(c, L, S["fh"], "\n- ")
    rest = S["social"] + S["impression"] + S["plan"]
    if rest:
        L.t("\n\nOther:\n- ")
        emit(c, L, rest, "\n- ")
    r = c.req("N")
    if r:
        L.t("\n\nRequest: " + r)
    sign(c, L)


def st_gp_locum(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Gastroenterology Team,\n\n")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "aged")
    L.t(", NHS %s\n\n" % c.nhs)
    L.t("I am a locum GP at %s and have only met %s once, so please forgive me if I have missed something in the notes. " % (c.practice, c.pr["him"]))
    S = c.slots("P")
    L.t("From what I could gather in a ten-minute appointment: ")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    L.t("\n\nI wonder whether this warrants a look from your team - I may be being overcautious, or not cautious enough. ")
    r = c.req("P")
    if r:
        L.t(r)
    L.t("\n\nI will not be at the practice next week, so please copy any reply to the regular GPs.")
    sign(c, L, "Locum GP")


def st_gp_trainee(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Doctor,\n\nRe: ")
    L.f("sex", c.name)
    L.t(" - ")
    age_ev(c, L, "yo")
    L.t(" - NHS %s\n\n" % c.nhs)
    L.t("I am a GP specialty trainee (ST%d) and saw %s in my clinic. I have discussed the case with my clinical supervisor, Dr %s, who agrees with the referral.\n\n" % (
        c.rng.choice([1, 2, 3]), c.pr["him"], c.rng.choice(["Munro", "Shah", "Bevan", "Quinn"])))
    L.t("History: ")
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    L.t("\n\nI hope I have pitched this correctly. ")
    r = c.req("P")
    if r:
        L.t(r)
    sign(c, L, "GP Registrar")


BOX_ITEMS = [("dysphagia", "Dysphagia"), ("rectal_bleeding", "Rectal bleeding"), ("weight_loss", "Unexplained weight loss"),
             ("abdominal_mass", "Abdominal mass"), ("jaundice", "Jaundice"), ("haematemesis", "Haematemesis")]
BOX_CONFLICT = {"rectal_bleeding": ["bloody_diarrhoea", "rectal_mass", "anal_mass", "anal_ulcer"], "abdominal_mass": ["ascites"]}


def boxes(c, L, on, off, sep="\n"):
    first = True
    for k, lab in BOX_ITEMS:
        if any(c.f["sym"][x] for x in BOX_CONFLICT.get(k, [])):
            continue
        if not first:
            L.t(sep)
        first = False
        if c.f["sym"][k]:
            L.f(k, on + " " + lab)
        else:
            s = off + " " + lab
            L.parts.append((True, s))
            L.dis.append({"kind": "unticked_box", "fact": k, "text": s})


def st_gp_ers(c, L):
    L.t("NHS e-Referral Service - Referral Letter\n")
    L.t("UBRN: %04d %04d %04d\nService: Gastroenterology - %s General Hospital\n" % (c.rng.randint(0, 9999), c.rng.randint(0, 9999), c.rng.randint(0, 9999), c.town))
    L.t("Referrer: %s, %s (%s)\n" % (c.doc, c.practice, c.code))
    letter_date(c, L, "Referral created: ")
    L.t("\n\nPATIENT DETAILS\nName: ")
    L.f("sex", c.name)
    L.t("\n")
    dob_line(c, L, "Date of birth: ")
    L.t("\nNHS number: %s\nAddress: %s %s\n\n" % (c.nhs, c.addr, c.pc))
    pr = {"USC": "Urgent Suspected Cancer", "URG": "Urgent", "ROU": "Routine", "AG": "Advice and Guidance"}
    L.t("PRIORITY: %s\n\n" % (pr[c.gp] if c.gp else "(not selected)"))
    S = c.slots("N")
    L.t("HISTORY OF PRESENTING COMPLAINT:\n")
    emit(c, L, S["sym"] + S["hist"], "; ")
    L.t("\n\nEXAMINATION:\n")
    if not emit(c, L, S["exam"], "; "):
        L.x("abdomen examined, see above")
    L.t("\n\nINVESTIGATIONS:\n")
    emit(c, L, results_items(c, S) + S["resfacts"], "; ")
    L.t("\n\nRED FLAGS (tick all that apply):\n")
    boxes(c, L, "[X]", "[ ]")
    L.t("\n\nPAST MEDICAL HISTORY:\n")
    emit(c, L, [("x", None, p) for p in c.pmh] + S["pmh"], "; ")
    L.t("\n\nFAMILY HISTORY:\n")
    if not emit(c, L, S["fh"], "; "):
        L.t("nil relevant")
    rest = S["social"] + S["impression"] + S["plan"]
    if rest:
        L.t("\n\nADDITIONAL INFORMATION:\n")
        emit(c, L, rest, " ")
    L.t("\n\nMEDICATION:\n")
    L.x("\n".join(c.meds))
    L.t("\n\nAge at referral: ")
    age_ev(c, L, "years")


def st_gp_system_paste(c, L):
    sysname = c.rng.choice(["EMIS Web", "SystmOne"])
    L.t("%s - Referral letter (auto-populated)\n%s\n" % (sysname, c.practice))
    letter_date(c, L, "Printed: ")
    L.t("\n\nPatient: ")
    L.f("sex", c.name)
    L.t("   ")
    dob_line(c, L, "Born: ")
    L.t(" (")
    age_ev(c, L, "y/o")
    L.t(")   NHS No: %s\n\n" % c.nhs)
    L.t("PROBLEMS\nActive: ")
    L.x(", ".join(c.pmh))
    S = c.slots("N")
    if S["pmh"]:
        L.t("\nPast: ")
        emit(c, L, S["pmh"], "; ")
    L.t("\n\nMEDICATION (acute & repeat)\n")
    L.x("\n".join(c.meds))
    L.t("\n\nCONSULTATION %s %s\n" % (fmt_date(c.ldate - datetime.timedelta(days=c.rng.randint(1, 12)), 3), c.doc))
    L.t("History: ")
    emit(c, L, S["sym"] + S["hist"] + S["fh"] + S["social"], "; ")
    L.t("\nExamination: ")
    if not emit(c, L, S["exam"], "; "):
        L.x("obs stable")
    L.t("\nComment: ")
    if not emit(c, L, S["impression"] + S["plan"], "; "):
        L.t("for referral")
    L.t("\n\nVALUES\n")
    hist = [i for i in S["results"] if i[0] == "d"]
    cur = [i for i in S["results"] if i[0] == "v"] + [("x", None, e) for e in c.extra_bloods] + S["resfacts"]
    for it in hist:
        put(c, L, it)
        L.t("\n")
    L.t("Latest (%s): " % fmt_date(c.ldate - datetime.timedelta(days=c.rng.randint(3, 20)), 0))
    emit(c, L, cur, "; ")
    r = c.req("N")
    L.t("\n\nReferral reason: gastroenterology opinion" + ("; " + r if r else ""))
    L.t("\n\n-- end of auto-populated letter --")


def st_gp_colleague(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Colleague,\n\n")
    L.f("sex", c.name)
    L.t(" (")
    dob_line(c, L, "DOB ")
    L.t(")\n\nI would be grateful for your opinion on this patient. ")
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    sign(c, L)


def st_gp_anp(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nTo the Gastroenterology Department\n\n")
    L.t("Patient: ")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "years")
    L.t(", NHS %s\n\n" % c.nhs)
    L.t("I am one of the Advanced Nurse Practitioners at %s. I reviewed %s in the minor illness clinic and, after discussion with the duty doctor, I am referring %s on.\n\n" % (c.practice, c.pr["him"], c.pr["him"]))
    S = c.slots("P")
    L.t("Presenting complaint: ")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\nKind regards,\n\n%s %s\nAdvanced Nurse Practitioner (on behalf of %s)" % (
        c.rng.choice(["Claire", "Joanne", "Mark", "Lindsey", "Rachel"]), c.rng.choice(SURN), c.doc))


def all_rest(S):
    return S["pmh"] + S["social"] + S["impression"] + S["plan"]


def st_speech(c, L):
    L.t("%s\nDictated: " % c.practice)
    letter_date(c, L, "")
    L.t("   Typed: %s   (dictated via speech recognition - not proof read)\n\n" % fmt_date(c.ldate + datetime.timedelta(days=1), 0))
    L.t("Dear Doctor\n\nRe: ")
    L.f("sex", c.name)
    L.t(" ")
    dob_line(c, L, "date of birth ")
    L.t("\n\nThank you for sea ing this %s who I saw in surgery to day full stop. %s is know stranger to the practice and there is nothing much in the notes accept the usual comma which I will come two in a moment. new paragraph\n\n" % (
        "gentle man" if c.f["sex"] == "M" else "lady", c.pr["He"]))
    S = c.slots("P")
    prose_clinical(c, L, S)
    L.t("\n\nI have not seen %s for a while so I am grateful four your help with this. " % c.pr["him"])
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t(" I would be great full for you're opinion full stop\n\nYours sincerely\n\n%s\n(dictated but not red)" % c.doc)


def st_nonnative(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nRespected Sir/Madam,\n\nSub: Referral of patient ")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "years")
    L.t("\n\nI am writing for refer this patient to your good self for the further evaluation and management. ")
    S = c.slots("NN")
    emit(c, L, S["sym"] + S["exam"] + S["hist"], " ")
    ri = results_items(c, S)
    if ri:
        L.t(" The investigations done by us are showing ")
        emit(c, L, ri, ", ", post=". ")
    emit(c, L, S["resfacts"], " ")
    if S["fh"]:
        L.t(" ")
        emit(c, L, S["fh"], " ")
    rest = all_rest(S)
    if rest:
        L.t("\n\nOther points which is important: ")
        emit(c, L, rest, " ")
    L.t("\n\nPast history of patient is ")
    L.x(", ".join(c.pmh) + ".")
    r = c.req("NN")
    if r:
        L.t(" " + r)
    L.t(" Kindly do the needful and oblige.\n\nThanking you,\n\nYours faithfully,\n%s" % c.doc)


def st_runon(c, L):
    L.t("Dear Dr  ")
    letter_date(c, L, "")
    L.t("\n")
    L.f("sex", c.name)
    L.t(" ")
    dob_line(c, L, "dob ")
    L.t("\nthank you for seeing this ")
    age_ev(c, L, "y/o")
    S = c.slots("N")
    items = S["sym"] + S["exam"] + S["hist"] + results_items(c, S) + S["resfacts"] + S["fh"] + all_rest(S)
    L.t(" %s %s " % ("man" if c.f["sex"] == "M" else "lady", "who came in with" if items[0][0] == "f" else "seen today"))
    emit(c, L, items, " ", tr=lambda s: s.rstrip("."))
    r = c.req("N")
    L.t(" otherwise well pmh ")
    L.x(" ".join(p.lower() for p in c.pmh))
    L.t(" on " + " ".join(m.split()[0] for m in c.meds))
    if r:
        L.t(" " + r.lower())
    L.t(" many thanks %s" % c.doc)


def st_ed(c, L):
    L.t("EMERGENCY DEPARTMENT DISCHARGE SUMMARY\n%s General Hospital\n\n" % c.town)
    L.t("Patient: ")
    L.f("sex", c.name)
    L.t("   Hosp no: %s   NHS: %s\n" % (c.hosp, c.nhs))
    dob_line(c, L)
    L.t("   Age: ")
    age_ev(c, L, "AS")
    L.t("\n")
    letter_date(c, L, "Attendance date: ")
    L.t("\nSeen by: %s (ED %s)\n\n" % (c.doc, c.rng.choice(["SHO", "registrar", "ACP", "FY2"])))
    S = c.slots("N")
    L.t("Presenting complaint / history:\n")
    emit(c, L, S["sym"] + S["hist"] + S["fh"], "\n")
    L.t("\n\nExamination:\n")
    if not emit(c, L, S["exam"], "\n"):
        L.x("obs within normal limits, NEWS 0")
    L.t("\n\nInvestigations:\n")
    emit(c, L, results_items(c, S) + S["resfacts"], "\n")
    rest = all_rest(S)
    if rest:
        L.t("\n\nNotes:\n")
        emit(c, L, rest, "\n")
    L.t("\n\nOutcome: discharged home, clinically stable.\nFollow-up: please could the gastroenterology team see in clinic")
    r = c.req("N")
    L.t(" - " + r + "." if r else ".")
    L.t("\nGP actions: none required.")


def st_amu(c, L):
    L.t("ACUTE MEDICAL UNIT - %s General Hospital\nDischarge letter / request for outpatient review\n\n" % c.town)
    L.t("Name: ")
    L.f("sex", c.name)
    L.t("\n")
    dob_line(c, L)
    L.t("\nHospital number: %s\n" % c.hosp)
    letter_date(c, L, "Date of discharge: ")
    L.t("\nConsultant: %s (Acute Medicine)\n\nDear Gastroenterology colleagues,\n\n" % c.doc)
    L.t("This ")
    age_ev(c, L, "yo")
    L.t(" patient was admitted to AMU overnight and has been discharged. We would be grateful if you could see %s in clinic. " % c.pr["him"])
    S = c.slots("P")
    prose_clinical(c, L, S, results_pre="Results during admission: ")
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\nWith thanks,\n\n%s\nSpecialty Registrar to %s\nAcute Medicine" % (c.rng.choice(DOCS), c.doc))


def st_surgical(c, L):
    L.t("Department of %s Surgery\n%s General Hospital\n\n" % (c.rng.choice(["Colorectal", "General", "Upper GI"]), c.town))
    letter_date(c, L, "Clinic date: ")
    L.t("\n\nDear Dr %s (Gastroenterology),\n\nRe: " % c.rng.choice(["Fraser", "Bhatt", "Lamb"]))
    L.f("sex", c.name)
    L.t(", ")
    dob_line(c, L, "DOB ")
    L.t(", Hosp no %s\n\n" % c.hosp)
    L.t("I saw this ")
    age_ev(c, L, "yo")
    L.t(" patient in my surgical clinic today on a referral from the GP. Having assessed %s, I think your team is better placed to take this forward, so I am passing the referral across rather than listing %s for a surgical procedure.\n\n" % (c.pr["him"], c.pr["him"]))
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t(" I have not arranged surgical follow-up but am happy to see %s again if needed." % c.pr["him"])
    L.t("\n\nYours sincerely,\n\n%s\nConsultant Surgeon\n\ncc: GP, %s" % (c.doc, c.practice))


def st_gynae(c, L):
    L.t("Women's Health - Gynaecology Outpatients\n%s General Hospital\n\n" % c.town)
    letter_date(c, L, "Date: ")
    L.t("\n\nDear Gastroenterology colleague,\n\nRe: ")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "aged")
    L.t(", NHS %s\n\n" % c.nhs)
    L.t("I saw this lady in the gynaecology clinic with %s. Pelvic examination and transvaginal ultrasound were unremarkable and I have discharged her from our clinic. However, during the consultation a gastrointestinal problem came up which I think needs your input:\n\n" % c.rng.choice(
        ["pelvic discomfort", "heavy menstrual bleeding", "a query ovarian cyst", "postmenopausal spotting (endometrium 3 mm)"]))
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\nYours sincerely,\n\n%s\nConsultant Obstetrician & Gynaecologist\ncc: GP" % c.doc)


def st_urology(c, L):
    L.t("Department of Urology\n%s General Hospital\n\n" % c.town)
    letter_date(c, L, "Dictated: ")
    L.t("\n\nDear Gastroenterology Team,\n\nRe: ")
    L.f("sex", c.name)
    L.t(" ")
    dob_line(c, L, "(DOB ")
    L.t(")  Hosp no: %s\n\n" % c.hosp)
    L.t("Diagnosis: %s\n\n" % c.rng.choice(["lower urinary tract symptoms", "renal colic - stone passed", "microscopic haematuria - cystoscopy normal", "recurrent UTI"]))
    L.t("I reviewed this patient in the urology clinic. The urological problem has been dealt with, but %s mentioned symptoms that fall outside our remit:\n\n" % c.pr["he"])
    S = c.slots("N")
    emit(c, L, S["sym"] + S["exam"] + S["hist"] + results_items(c, S) + S["resfacts"] + S["fh"] + all_rest(S), "\n", tr=cap)
    r = c.req("N")
    L.t("\n\nI would be grateful if you could take over the GI side" + (" (" + r + ")" if r else "") + ".")
    L.t("\n\nYours sincerely,\n%s, Consultant Urologist" % c.doc)


def st_private(c, L):
    L.t("%s Private Hospital\nConsulting Rooms, %s\n\n" % (c.rng.choice(["The Spire", "Nuffield", "Cedar Park", "St Aidan's"]), c.town))
    letter_date(c, L, "")
    L.t("\n\nPRIVATE & CONFIDENTIAL\n\nDear Dr %s,\n\n" % c.rng.choice(["Moss", "Rahman", "Henshaw"]))
    L.f("sex", c.name)
    L.t(" - ")
    dob_line(c, L, "DOB ")
    L.t(" - Insurer: %s, policy %d (pre-authorisation pending)\n\n" % (c.rng.choice(["Bupa", "AXA Health", "Vitality", "self-pay"]), c.rng.randint(1000000, 9999999)))
    L.t("I saw this ")
    age_ev(c, L, "yo")
    L.t(" patient privately today in the GP clinic. %s would prefer to be seen in your NHS clinic if the waiting time is reasonable.\n\n" % c.pr["He"])
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\nWith kind regards,\n\n%s MBBS MRCGP\nPrivate General Practitioner" % c.doc)


def st_prison(c, L):
    L.t("HMP %s - Healthcare Department\n" % c.rng.choice(["Northmoor", "Highfield", "Ashwell", "Ravensbrook"]))
    letter_date(c, L, "Date: ")
    L.t("\n\nREFERRAL - PATIENT IN CUSTODY\nName: ")
    L.f("sex", c.name)
    L.t("\nPrison no: %s%04d%s\n" % (c.rng.choice("AG"), c.rng.randint(0, 9999), c.rng.choice("BDKL")))
    dob_line(c, L)
    L.t(" (")
    age_ev(c, L, "yrs")
    L.t(")\nNHS no: %s\nSecurity: escort x2 required; do not disclose appointment date to the patient.\n\n" % c.nhs)
    L.t("Dear Gastroenterology,\n\nI am the GP providing healthcare at the prison. ")
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t(" Please send appointments to the healthcare manager, not to the patient.\n\n%s\nPrison GP" % c.doc)


def st_military(c, L):
    L.t("Defence Primary Healthcare\n%s Medical Centre\n\n" % c.rng.choice(["Catterick", "Tidworth", "Lossiemouth", "Brize Norton", "Colchester"]))
    letter_date(c, L, "Date: ")
    L.t("\n\nDear Colleague,\n\nRe: %s " % c.rng.choice(["Cpl", "Pte", "Sgt", "LCpl", "Flt Lt", "AB"]))
    L.t(c.first + " " + c.sur)
    L.t(", Service no %d, " % c.rng.randint(25000000, 25999999))
    dob_line(c, L, "DOB ")
    L.t(", NHS %s\n\n" % c.nhs)
    L.t("This ")
    age_ev(c, L, "yo")
    L.t(" serving member is currently medically downgraded pending your assessment, which affects deployment. ")
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\nPlease copy correspondence to the Medical Centre.\n\n%s\nSenior Medical Officer" % c.doc)


def st_carehome(c, L):
    home = c.rng.choice(["Oakleigh", "Rosewood", "Beechcroft", "Willow Court"])
    L.t("%s - Care home ward round\n" % c.practice)
    letter_date(c, L, "Round date: ")
    L.t("\nResident: ")
    L.f("sex", c.name)
    L.t(", %s Nursing Home, room %d. " % (home, c.rng.randint(1, 40)))
    dob_line(c, L, "DOB ")
    L.t(" (")
    age_ev(c, L, "y/o")
    L.t(")\n\nSeen on the weekly round with the senior carer. Has capacity for this decision and is happy to attend hospital with a carer. ")
    S = c.slots("N")
    L.t("\nWard round notes:\n")
    emit(c, L, S["sym"] + S["exam"] + S["hist"] + results_items(c, S) + S["resfacts"] + S["fh"] + all_rest(S), "\n", tr=cap)
    L.t("\n\nBackground: ")
    L.x(", ".join(c.pmh))
    L.t(". ReSPECT form in place.\n\nPlan: refer to gastroenterology")
    r = c.req("N")
    L.t(" - " + r if r else "")
    L.t(". Transport to be booked by home.\n%s" % c.doc)


NG12_SITE = {"upper_gi": "oesophageal or stomach", "lower_gi": "colorectal", "general_gi": "colorectal",
             "ibd": "colorectal", "hepatology": "pancreatic"}


def st_ng12(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Colleague,\n\nRe: ")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "yo")
    L.t(", NHS %s\n\n" % c.nhs)
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    if c.gp == "USC":
        L.t("\n\nIn my view %s meets the NICE NG12 criteria for a suspected %s cancer referral, and I would be grateful if %s could be seen on that pathway." % (c.pr["he"], NG12_SITE[c.path], c.pr["he"]))
    else:
        L.t("\n\nI have checked NICE NG12 and I do not think %s meets the criteria for a suspected cancer referral. " % c.pr["he"])
        L.t(c.req("P"))
    sign(c, L)


def st_not2ww(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Gastroenterologist,\n\n")
    L.f("sex", c.name)
    L.t(" ")
    dob_line(c, L, "DOB ")
    L.t(" NHS %s\n\n" % c.nhs)
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    # reasons: each must be literally true of the letter's facts
    f = c.f
    reasons = []
    if "fit" in c.vals and num_of(f["fit"]) < 10:
        reasons.append(("v", "fit", "%s %s was below 10 (%s)" % (c.pr["his"], "FIT", c.vals["fit"][0])))
    if f["age"] < 50:
        reasons.append(("f", "age", "%s is only %d" % (c.pr["he"], f["age"])))
    if not f["sym"]["weight_loss"]:
        reasons.append(("d", {"kind": "negated", "fact": "weight_loss"}, "there is no weight loss"))
    if not f["sym"]["dysphagia"]:
        reasons.append(("d", {"kind": "negated", "fact": "dysphagia"}, "there is no dysphagia"))
    if not any(f["sym"][k] for k in ["rectal_bleeding", "bloody_diarrhoea", "rectal_mass", "anal_mass", "anal_ulcer"]):
        reasons.append(("d", {"kind": "negated", "fact": "rectal_bleeding"}, "there has been no rectal bleeding"))
    rs = c.rng.sample(reasons, min(2, len(reasons)))
    L.t("\n\n%s does not meet the two-week-wait criteria because " % c.pr["He"])
    for i, it in enumerate(rs):
        if i:
            L.t(" and ")
        if it[0] == "f":
            L.f("age", it[2])
        else:
            put(c, L, it)
    L.t(", so I have not used the 2WW form. ")
    L.t(c.req("P") or "")
    sign(c, L)


def st_checklist(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nRe: ")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, c.rng.choice(["yo", "years"]))
    L.t(", NHS %s\n\nDear Colleague,\n\n" % c.nhs)
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    L.t("\n\n--- GI referral criteria checklist (completed by referrer) ---\n")
    f = c.f
    yes, no = c.rng.choice([("Yes", "No"), ("Y", "N"), ("YES", "no")])
    qs = [("dysphagia", "Dysphagia?", []), ("rectal_bleeding", "Rectal bleeding?", ["bloody_diarrhoea", "rectal_mass", "anal_mass", "anal_ulcer"]),
          ("cibh", "Change in bowel habit?", ["bloody_diarrhoea"]), ("weight_loss", "Unexplained weight loss?", []),
          ("abdominal_mass", "Abdominal mass?", ["ascites"]), ("rectal_mass", "Rectal or anal mass?", ["anal_mass", "anal_ulcer"]),
          ("jaundice", "Jaundice?", []), ("fh_crc", "Family history of bowel cancer?", [])]
    n = 0
    for k, q, conf in qs:
        if any(f["sym"][x] for x in conf):
            continue
        n += 1
        line = "%d. %s %s" % (n, q, yes if f["sym"][k] else no)
        if f["sym"][k]:
            L.f(k, line)
        else:
            L.parts.append((True, line))
            L.dis.append({"kind": "checklist_answered_no", "fact": k, "text": line})
        L.t("\n")
    n += 1
    if "fit" in c.vals:
        L.t("%d. FIT result: " % n)
        L.f("fit", c.vals["fit"][0])
    else:
        L.x("%d. FIT result: not done" % n)
    L.t("\n--- end of checklist ---")
    sign(c, L)


def st_reasonbox(c, L):
    names = {"USC": "URGENT SUSPECTED CANCER", "URG": "URGENT", "ROU": "ROUTINE", "AG": "ADVICE ONLY"}
    L.t("e-RS referral - %s\n" % c.practice)
    letter_date(c, L, "Date: ")
    L.t("\nPatient: ")
    L.f("sex", c.name)
    L.t("  ")
    dob_line(c, L, "DOB: ")
    L.t("  NHS: %s\n\n" % c.nhs)
    L.t("REASON FOR REFERRAL: %s - gastroenterology opinion\n\n" % names[c.gp])
    L.t("Letter:\nDear Doctor,\n\n")
    S = c.slots("P")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    L.t("\n\n" + c.req("P", c.gp2))
    sign(c, L)


def st_results(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Dr %s,\n\nRe: " % c.rng.choice(["Ahmed", "Nicholls", "Byrne"]))
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, "aged")
    L.t(" (")
    dob_line(c, L, "DOB ")
    L.t(")\n\n")
    S = c.slots("P")
    emit(c, L, S["sym"] + S["exam"] + S["hist"], " ")
    L.t("\n\nResults (most recent last):\n")
    hist = [i for i in S["results"] if i[0] == "d"]
    cur = [i for i in S["results"] if i[0] == "v"]
    olds = {}
    for it in hist:
        d = it[1]
        olds.setdefault(d["date"], []).append(it)
    for dt in sorted(olds):
        L.t(fmt_date(datetime.date.fromisoformat(dt), 0) + ":  ")
        emit(c, L, olds[dt], ";  ")
        L.t("\n")
    rd = c.ldate - datetime.timedelta(days=c.rng.randint(3, 25))
    L.t(fmt_date(rd, 0) + ":  ")
    emit(c, L, cur + [("x", None, e) for e in c.extra_bloods], ";  ")
    L.t("\n")
    if S["resfacts"]:
        L.t("\n")
        emit(c, L, S["resfacts"], " ")
    if S["fh"]:
        L.t("\n\nFamily history: ")
        emit(c, L, S["fh"], " ")
    rest = all_rest(S)
    if rest:
        L.t("\n\n")
        emit(c, L, rest, " ")
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    sign(c, L)


def st_chronology(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Gastroenterology,\n\n")
    L.f("sex", c.name)
    L.t(", ")
    age_ev(c, L, c.rng.choice(["AS", "yo"]))
    L.t(", NHS %s\n\nTimeline:\n" % c.nhs)
    S = c.slots("N")
    for it in S["pmh"]:
        L.t("Past - ")
        put(c, L, it)
        L.t("\n")
    hist = [i for i in S["results"] if i[0] == "d"]
    for it in hist:
        L.t("Old result - ")
        put(c, L, it)
        L.t("\n")
    facts = [i for i in S["sym"] + S["exam"] + S["hist"] if i[0] == "f"]
    negs = [i for i in S["sym"] + S["exam"] + S["hist"] if i[0] != "f"]
    n = len(facts)
    start = c.ldate - datetime.timedelta(days=30 * (n + 2))
    for j, it in enumerate(facts):
        L.t(fmt_date(start + datetime.timedelta(days=24 * j), 0) + " - first reported: ")
        put(c, L, it)
        L.t("\n")
    cur = [i for i in S["results"] if i[0] == "v"] + [("x", None, e) for e in c.extra_bloods] + S["resfacts"]
    L.t(fmt_date(c.ldate - datetime.timedelta(days=c.rng.randint(4, 12)), 0) + " - results: ")
    emit(c, L, cur, ", ")
    L.t("\n")
    if facts:
        L.t("Today - reviewed; the problems first reported from %s onwards are all still present.\n" % fmt_date(start, 0))
    if negs:
        L.t("On direct questioning today: ")
        emit(c, L, negs, "; ")
        L.t("\n")
    rest = S["fh"] + S["social"] + S["impression"] + S["plan"]
    if rest:
        L.t("\nAlso: ")
        emit(c, L, rest, "; ")
    r = c.req("N")
    if r:
        L.t("\n\n" + cap(r))
    sign(c, L)


PRIOR = [("reflux", ["reflux", "dyspepsia", "upper_abdominal_pain"],
          "I referred {him} to you in {y} with reflux; {he} had an OGD which showed mild oesophagitis, the symptoms settled completely on a course of PPI and {he} has been off treatment and symptom-free since."),
         ("rectal_bleeding", ["rectal_bleeding", "bloody_diarrhoea", "rectal_mass", "anal_mass", "anal_ulcer"],
          "I referred {him} to you in {y} with rectal bleeding; flexible sigmoidoscopy showed only haemorrhoids, which were banded, and the bleeding stopped with none since."),
         ("abdominal_pain", ["abdominal_pain", "upper_abdominal_pain", "bloating"],
          "I referred {him} to you in {y} with abdominal pain, which was put down to constipation and settled fully; {he} was discharged."),
         ("alt", ["fatty_liver", "cirrhosis"],
          "I referred {him} to you in {y} with abnormal liver tests, which had normalised by the time {he} was seen, and {he} was discharged.")]
COPIED = [("calpro", "Impression: irritable bowel syndrome. Colonoscopy to the terminal ileum was normal and faecal calprotectin was {v} ug/g. I have discharged {him} back to your care."),
          ("reflux", "OGD showed a small hiatus hernia only. {His} reflux has settled on a short course of lansoprazole and {he} no longer needs treatment. Discharged."),
          ("abdominal_pain", "{His} abdominal pain was due to gallstones and resolved completely after cholecystectomy. No further follow-up is needed."),
          ("rectal_bleeding", "Flexible sigmoidoscopy showed grade 2 haemorrhoids, which were banded. The bleeding has stopped and {he} is discharged.")]


def st_rereferral(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Dr %s,\n\nRe-referral: " % c.rng.choice(["Kemp", "Zaidi", "Forsyth"]))
    L.f("sex", c.name)
    L.t(", ")
    dob_line(c, L, "DOB ")
    L.t(" (")
    age_ev(c, L, "yo")
    L.t("), Hosp no %s\n\n" % c.hosp)
    S = c.slots("P")
    emit(c, L, S["prior"], " ")
    L.t("\n\nSince then things have changed and I would be grateful if you could see %s again. " % c.pr["him"])
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    sign(c, L)


def st_copied(c, L):
    prac_head(c, L)
    letter_date(c, L)
    L.t("\n\nDear Dr %s,\n\n" % c.rng.choice(["Lowry", "Abbas", "Sutherland"]))
    L.f("sex", c.name)
    L.t(" ")
    dob_line(c, L, "DOB ")
    L.t(" NHS %s\n\n" % c.nhs)
    S = c.slots("P")
    for it in S["copied"]:
        if True:
            d = it[1]
            od = datetime.date(c.ldate.year - d["yoff"], c.rng.randint(1, 12), c.rng.randint(1, 28))
            L.t("You saw %s in %d. Your clinic letter of %s said:\n\n\"" % (c.pr["him"], od.year, fmt_date(od, 1)))
            put(c, L, it)
            L.t("\"\n\n")
    L.t("I am writing about a new problem. This ")
    age_ev(c, L, "yo")
    L.t(" patient now presents as follows. ")
    prose_clinical(c, L, S)
    prose_tail(c, L, S)
    r = c.req("P")
    if r:
        L.t("\n\n" + r)
    sign(c, L)


def st_admin(c, L):
    r = c.rng
    footer = "\n\n----- Page %d of 2 | " + c.practice + " | CONFIDENTIAL - for addressee only -----\n\n"
    prac_head(c, L, extra=True)
    L.t("Dr %s (senior partner), Dr %s, Dr %s, Dr %s\n" % (r.choice(["Hale", "Moran", "Sethi"]), r.choice(["Parr", "Cole", "Oduya"]),
                                                        r.choice(["Kaye", "Vance", "Lau"]), r.choice(["Nash", "Ibe", "Roy"])))
    L.t("Date dictated: %s\n" % fmt_date(c.ldate - datetime.timedelta(days=2), 0))
    letter_date(c, L, "Letter date: ")
    L.t("\nDate typed: %s\nDate received (booking centre): %s\nDate of last consultation: %s\n" % (
        fmt_date(c.ldate + datetime.timedelta(days=1), 0), fmt_date(c.ldate + datetime.timedelta(days=r.randint(3, 9)), 0),
        fmt_date(c.ldate - datetime.timedelta(days=r.randint(3, 14)), 0)))
    L.t("UBRN: %04d %04d %04d    Our ref: %s/%s/%d\n" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999),
                                                      c.doc.split()[-1][:3].upper(), c.code, r.randint(1000, 9999)))
    L.t("To: Gastroenterology Outpatients, %s General Hospital\n\n" % c.town)
    L.t("Patient: ")
    L.f("sex", c.name)
    L.t("\n")
    dob_line(c, L, "DOB: ")
    L.t("\nNHS number: %s   Hospital number: %s\nAddress: %s %s\nTel: 07%d %06d\nInterpreter: not required\n\n" % (
        c.nhs, c.hosp, c.addr, c.pc, r.randint(700, 999), r.randint(100000, 999999)))
    L.t("Dear Colleague,\n\n")
    S = c.slots("P")
    prose_clinical(c, L, S)
    L.t(footer % 1)
    L.t(c.practice + " - " + c.name.split(" ", 1)[1] + " - continued\n\n")
    prose_tail(c, L, S)
    rq = c.req("P")
    if rq:
        L.t("\n\n" + rq)
    L.t("\n\nCurrent medication: ")
    L.x("; ".join(c.meds))
    sign(c, L)
    L.t("\n\ncc: Patient; %s; practice file\nAttachments: bloods_%s.pdf, consultation_summary.docx, medication_list.pdf" % (
        r.choice(DOCS), (c.ldate - datetime.timedelta(days=8)).isoformat()))
    L.t(footer % 2)


def st_minimal(c, L):
    L.t("GASTROENTEROLOGY REFERRAL FORM\n")
    letter_date(c, L, "Date: ")
    L.t("\nName: ")
    L.f("sex", c.name)
    L.t("\n")
    age_ev(c, L, "colon")
    L.t("\nNHS: %s\nReason: " % c.nhs)
    S = c.slots("N")
    emit(c, L, note_all(c, S, False), "; ")
    rest = S["fh"] + all_rest(S)
    if rest:
        L.t("\nOther: ")
        emit(c, L, rest, "; ")
    L.t("\nPriority requested: " + ({"USC": "2WW", "URG": "Urgent", "ROU": "Routine", "AG": "Advice only"}[c.gp] if c.gp else ""))
    L.t("\nReferrer: %s, %s" % (c.doc, c.practice))


STYLES = {
    "gp_formal": st_gp_formal, "gp_terse_twoline": st_gp_terse, "gp_chatty": st_gp_chatty,
    "gp_bullets": st_gp_bullets, "gp_locum_hedging": st_gp_locum, "gp_trainee": st_gp_trainee,
    "gp_ers_template": st_gp_ers, "gp_system_paste": st_gp_system_paste, "gp_dear_colleague": st_gp_colleague,
    "gp_nurse_practitioner": st_gp_anp,
    "speech_recognition": st_speech, "non_native_writer": st_nonnative, "runon_paragraph": st_runon,
    "ed_discharge": st_ed, "amu_please_see": st_amu, "surgical_clinic_handover": st_surgical,
    "gynaecology_letter": st_gynae, "urology_letter": st_urology, "private_sector": st_private,
    "prison_healthcare": st_prison, "military_healthcare": st_military, "care_home_round": st_carehome,
    "ng12_quoted": st_ng12, "not_2ww_explained": st_not2ww, "criteria_checklist": st_checklist,
    "reason_box_conflict": st_reasonbox, "results_table_dated": st_results, "symptom_chronology": st_chronology,
    "re_referral": st_rereferral, "copied_clinic_letter": st_copied, "admin_heavy_header": st_admin,
    "minimal_form": st_minimal,
}
GP_STYLES = ["gp_formal", "gp_terse_twoline", "gp_chatty", "gp_bullets", "gp_locum_hedging", "gp_trainee",
             "gp_ers_template", "gp_system_paste", "gp_dear_colleague", "gp_nurse_practitioner"]
STYLE_AGE = {"care_home_round": (72, 95), "prison_healthcare": (19, 72), "military_healthcare": (18, 58)}
STYLE_NMAX = {"gp_terse_twoline": 1, "minimal_form": 2, "runon_paragraph": 3, "gp_chatty": 5, "admin_heavy_header": 5}
RULE_AGE = {"U1": (28, 93), "U2": (38, 90), "U3": (24, 90), "U4": (18, 90), "U5": (55, 92), "U6": (42, 90),
            "U7": (40, 92), "U8": (40, 90), "R1": (18, 80), "R2": (30, 82), "R3": (18, 80), "O1": (55, 90),
            "O2": (18, 80), "O3": (19, 84), "O4": (18, 76), "O5": (22, 85), "A1": (18, 49), "O6": (18, 88),
            "A2": (18, 54), "A3": (20, 68), "D": (18, 85)}
RULE_COUNTS = [("U1", 14), ("U2", 8), ("U3", 20), ("U4", 16), ("U5", 9), ("U6", 6), ("U7", 7), ("U8", 10),
               ("R1", 20), ("R2", 13), ("R3", 12),
               ("O1", 12), ("O2", 15), ("O4", 14), ("O5", 22), ("O6", 20), ("D", 22),
               ("O3", 16), ("A1", 18), ("A2", 16), ("A3", 10)]


# ----------------------------------------------------------------------------------------
# noise (only in filler text)
# ----------------------------------------------------------------------------------------
OCR = [("l", "1"), ("O", "0"), ("rn", "m"), ("m", "rn"), ("e", "c"), ("I", "l")]


def noisy(text, rng):
    words_ = [m for m in re.finditer(r"[A-Za-z]{5,}", text)]
    if not words_:
        return text, None
    m = rng.choice(words_)
    w = m.group()
    kind = rng.choice(["ocr", "split", "swap"])
    if kind == "ocr":
        subs = [(a, b) for a, b in OCR if a in w]
        if not subs:
            kind = "swap"
        else:
            a, b = rng.choice(subs)
            nw = w.replace(a, b, 1)
    if kind == "split":
        k = rng.randint(2, len(w) - 2)
        nw = w[:k] + " " + w[k:]
    if kind == "swap":
        k = rng.randint(1, len(w) - 3)
        nw = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    return text[:m.start()] + nw + text[m.end():], "%s: %s -> %s" % (kind, w, nw)


# ----------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------
def assign():
    rules = []
    for r_, n in RULE_COUNTS:
        rules += [r_] * n
    R("rules").shuffle(rules)
    styles = []
    others = [s for s in STYLES if s not in GP_STYLES]
    for s in GP_STYLES:
        styles += [s] * 10
    for j, s in enumerate(others):
        styles += [s] * (9 + (1 if s in ("admin_heavy_header", "runon_paragraph") else 0))
    assert len(rules) == 300 and len(styles) == 300, (len(rules), len(styles))
    rng = R("assign")
    st = [None] * 300
    restricted = [s for s in ["care_home_round", "gynaecology_letter", "military_healthcare", "prison_healthcare"]]
    for s in restricted:
        lo, hi = STYLE_AGE.get(s, (18, 95))
        for _ in range(styles.count(s)):
            cand = [i for i in range(300) if st[i] is None and
                    min(hi, RULE_AGE[rules[i]][1]) - max(lo, RULE_AGE[rules[i]][0]) >= 4]
            st[rng.choice(cand)] = s
    rest = [s for s in styles if s not in restricted]
    rng.shuffle(rest)
    k = 0
    for i in range(300):
        if st[i] is None:
            st[i] = rest[k]
            k += 1
    return rules, st


def gp_levels(rng, urg, style):
    lab = LEVEL_OF[urg]
    li = LEVELS.index(lab)
    if style == "reason_box_conflict":
        a = rng.choice(LEVELS)
        b = rng.choice([x for x in LEVELS if x != a])
        return a, b
    if style == "not_2ww_explained":
        return rng.choice(["URG", "ROU", "ROU", "AG"]), None
    if style == "ng12_quoted":
        return (rng.choice(["USC", "USC", "USC", "URG"])), None
    if rng.random() < 0.1 and style not in ("gp_ers_template",):
        return None, None
    if rng.random() < 0.45:
        higher = [x for x in LEVELS[li + 1:]]
        lower = [x for x in LEVELS[:li]]
        if higher and (not lower or rng.random() < 0.55):
            return rng.choice(higher[:2]), None
        return rng.choice(lower[-2:]), None
    return lab, None


def make_letter(i, rule, style):
    sid = "L19-%04d" % (i + 1)
    lo, hi = STYLE_AGE.get(style, (18, 95))
    for attempt in range(400):
        rng = R(sid, "facts", attempt)
        sex = "F" if style == "gynaecology_letter" else rng.choice(["M", "F"])
        try:
            f = build(rule, rng, lo, hi, sex)
        except ValueError:
            continue
        if not (lo <= f["age"] <= hi and 18 <= f["age"] <= 95):
            continue
        if style in HIST_STYLES and f["hb"] is None:
            f["hb"] = normal_hb(rng, sex)
        # normal background values (distractors when normal)
        if f["hb"] is None and rng.random() < 0.3:
            f["hb"] = normal_hb(rng, sex)
        if f["ferritin"] is None and rng.random() < 0.2:
            f["ferritin"] = rng.randint(35, 220)
        if f["alt"] is None and rng.random() < 0.25:
            f["alt"] = rng.randint(12, 36)
        dis = choose_distractors(f, rng, style, STYLE_NMAX.get(style, 4))
        f["soft"] = [{"fact": d["fact"], "value": d.get("value")} for d in dis if d.get("soft")]
        if stable_rule(f) != rule:
            continue
        break
    else:
        raise RuntimeError("could not build %s %s %s" % (sid, rule, style))
    c = Ctx(i, f, rule, style, R(sid, "text"))
    c.dis = dis
    c.age_form = "dob"
    prng = R(sid, "priority")
    c.gp, c.gp2 = gp_levels(prng, c.urg, style)
    L = Letter()
    STYLES[style](c, L)
    return sid, f, c, L


def main():
    rules, styles = assign()
    noise_ids = set(R("noise").sample(range(300), 30))
    rows, metas = [], []
    for i in range(300):
        sid, f, c, L = make_letter(i, rules[i], styles[i])
        parts = list(L.parts)
        noise_log = []
        if i in noise_ids:
            nr = R(sid, "noise")
            cand = [j for j, (p, t) in enumerate(parts) if not p and re.search(r"[A-Za-z]{5,}", t)]
            for j in nr.sample(cand, min(len(cand), nr.randint(2, 4))):
                t2, log = noisy(parts[j][1], nr)
                if log:
                    parts[j] = (False, t2)
                    noise_log.append(log)
        text = "".join(t for _, t in parts)
        text = re.sub(r"[ \t]+\n", "\n", text).strip() + "\n"
        # every evidence and distractor string must be verbatim in the text
        for k, evs in L.ev.items():
            for e in evs:
                assert e in text, (sid, k, e)
        for d in L.dis:
            assert d["text"] in text, (sid, d)
        # every chosen distractor must have been written
        written = [d["text"] for d in L.dis]
        for d in c.dis:
            assert any(w["kind"] == d["kind"] and w["fact"] == d["fact"] for w in L.dis), (sid, styles[i], d)
        gp_text = None
        if c.gp2 is not None:
            gp_text = "reason box: %s; letter text asks: %s" % (GP_WORDS[c.gp], GP_WORDS[c.gp2])
        elif c.gp is not None:
            gp_text = GP_WORDS[c.gp]
        urg, path = RULE_LABEL[rules[i]]
        rows.append({"id": sid, "text": text, "urgency": urg, "pathway": path, "rule": rules[i], "style": styles[i],
                     "gp_priority": gp_text, "age": f["age"]})
        facts = {k: True for k in SYMS if f["sym"][k]}
        vals = {}
        for key in ["hb", "ferritin", "fit", "calpro", "alt"]:
            if key in c.vals:
                t, raw, unit = c.vals[key]
                vals[key] = {"raw": raw, "unit": unit, "evidence": L.ev.get(key, [])}
        if f["ppi_weeks"] is not None:
            facts["ppi_weeks"] = f["ppi_weeks"]
        if f["ttg"] is not None:
            facts["ttg"] = f["ttg"]
        ev = {k: v for k, v in L.ev.items() if k not in vals}
        metas.append({"id": sid, "rule": rules[i], "urgency": urg, "pathway": path, "style": styles[i],
                      "scenario_variant": f["variant"], "sex": f["sex"], "age": f["age"], "age_form": c.age_form,
                      "dob": c.dob.isoformat(), "letter_date": c.ldate.isoformat(),
                      "facts": facts, "values": vals, "evidence": ev,
                      "distractors": [{"kind": d["kind"], "fact": d["fact"], "text": d["text"]} for d in L.dis],
                      "soft_distractors_counted_in_check": f["soft"],
                      "gp_priority_levels": [x for x in (c.gp, c.gp2) if x],
                      "light_noise": noise_log})
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for r_ in rows:
            fh.write(json.dumps(r_, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    h = hashlib.sha256(open(os.path.join(OUT, "letters.jsonl"), "rb").read()).hexdigest()
    print("wrote 300 letters; sha256(letters.jsonl) =", h)


if __name__ == "__main__":
    main()
