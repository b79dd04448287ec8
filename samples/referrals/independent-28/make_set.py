#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters28".

300 synthetic gastroenterology referral letters, 20 layouts x 15 letters, labelled by
/work/shared/clinical/referral-triage-spec.md (first matching rule decides urgency and
pathway).  Python 3 standard library only.  Deterministic: every random choice comes
from a random.Random seeded by sha256 of a string (set name, letter id, purpose).
All patients, practices, clinicians and identifiers are invented.  NHS numbers use the
999 test range with a valid modulus-11 check digit.

Usage:  python3 make_set.py        (writes letters.jsonl, letters_meta.jsonl here)
"""
import datetime
import hashlib
import itertools
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "letters28/v1"


def rnd(*parts):
    s = "|".join([SEED] + [str(p) for p in parts])
    return random.Random(int.from_bytes(hashlib.sha256(s.encode("utf-8")).digest()[:8], "big"))


# ----------------------------------------------------------------------------------------
# Spec: labels and rules
# ----------------------------------------------------------------------------------------
RULES = {
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
URG_ORDER = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]

SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "abdominal_mass", "rectal_bleeding",
            "bloody_diarrhoea", "cibh", "abdominal_pain", "weight_loss", "dyspepsia", "reflux",
            "bloating", "jaundice", "haematemesis", "ascites", "confusion"]
CONTEXT = ["known_cirrhosis", "known_ibd", "ibd_stable", "management_question", "ttg_raised",
           "fatty_liver_imaging", "fh_crc"]
VALS = ["hb", "ferritin", "fit", "fcp", "alt"]

# Loose words in the spec.  A letter is kept only if every combination of readings gives
# the same rule.
READING_KEYS = [
    "bd_rb",        # bloody diarrhoea also counts as rectal bleeding / change in bowel habit
    "dysp_pain",    # dyspepsia also counts as (upper) abdominal pain
    "gen_upper",    # abdominal pain of unstated site counts as upper abdominal pain
    "upper_dysp",   # upper abdominal / epigastric pain also counts as dyspepsia
    "reflux_dysp",  # reflux counts as dyspepsia for "treatment-resistant dyspepsia"
    "a1_strict",    # A1 "no other fact above": any other clinical fact (not only rule-firing ones)
    "a3_labs",      # A3 "no symptoms": abnormal results also count as symptoms
]
READINGS = [dict(zip(READING_KEYS, bits)) for bits in itertools.product([False, True], repeat=len(READING_KEYS))]
PLAIN = dict((k, False) for k in READING_KEYS)
PLAIN["a1_strict"] = True


def classify(f, rd=PLAIN):
    age = f["age"]
    sex = f["sex"]
    hb, fer, fit, fcp, alt = f["hb"], f["ferritin"], f["fit"], f["fcp"], f["alt"]
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fer is not None and fer < 30
    bd = f["bloody_diarrhoea"]
    rb = f["rectal_bleeding"] or (rd["bd_rb"] and bd)
    cibh = f["cibh"] or (rd["bd_rb"] and bd)
    pain = f["abdominal_pain"] or (rd["dysp_pain"] and f["dyspepsia"])
    site = f["pain_site"]
    upper = (f["abdominal_pain"] and (site == "upper" or (rd["gen_upper"] and site == "general"))) \
        or (rd["dysp_pain"] and f["dyspepsia"])
    dysp = f["dyspepsia"] or (rd["upper_dysp"] and f["abdominal_pain"] and site == "upper")
    trd = (dysp or (rd["reflux_dysp"] and f["reflux"])) and f["ppi_weeks"] >= 4
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (upper or f["reflux"] or dysp):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and f["weight_loss"] and pain)
                        or (age >= 60 and cibh)):
        return "U8"
    if bd or (fcp is not None and fcp >= 250):
        return "R1"
    if (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if fcp is not None and 100 <= fcp <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["management_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"]:
        return "O5"
    if age < 50 and (pain or f["bloating"] or cibh) and \
            ((fcp is not None and fcp < 100) or (fit is not None and fit < 10)):
        grey = [rb, f["weight_loss"], dysp, f["reflux"], f["jaundice"], f["haematemesis"], anaemia,
                irondef, f["known_ibd"], f["known_cirrhosis"], f["ascites"], f["confusion"], bd,
                f["ppi_weeks"] >= 4, f["ttg_raised"], f["fatty_liver_imaging"],
                alt is not None and alt >= 40]
        if not rd["a1_strict"] or not any(grey):
            return "A1"
    if (rb or cibh or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (dysp or f["reflux"]):
        return "A2"
    if f["fh_crc"]:
        syms = any(f[s] for s in SYMPTOMS)
        labs = anaemia or irondef or (alt is not None and alt >= 40) or f["ttg_raised"] \
            or f["fatty_liver_imaging"] or f["known_ibd"] or f["known_cirrhosis"] \
            or (fcp is not None and fcp >= 100)
        if not syms and not (rd["a3_labs"] and labs):
            return "A3"
    return "D"


def all_readings(f):
    return {classify(f, rd) for rd in READINGS}


# ----------------------------------------------------------------------------------------
# Invented identities
# ----------------------------------------------------------------------------------------
FIRST_F = ["Margaret", "Susan", "Linda", "Patricia", "Janet", "Aisha", "Priya", "Chloe", "Emma",
           "Sophie", "Hannah", "Olivia", "Zainab", "Grace", "Ruth", "Eileen", "Joan", "Kathleen",
           "Bethany", "Megan", "Fatima", "Agnieszka", "Siobhan", "Niamh", "Rebecca", "Lauren",
           "Amira", "Beverley", "Doreen", "Gillian", "Hazel", "Irene", "Jasmine", "Kerry", "Leanne",
           "Maureen", "Nadia", "Pauline", "Rosemary", "Sandra", "Tracey", "Yvonne", "Wendy", "Ivy"]
FIRST_M = ["David", "John", "Michael", "Robert", "Peter", "Mohammed", "Imran", "Daniel", "James",
           "Thomas", "Oliver", "Harry", "Kwame", "Tariq", "Gareth", "Brian", "Keith", "Derek",
           "Stuart", "Callum", "Liam", "Ryan", "Adam", "Piotr", "Ravi", "Sanjay", "Colin", "Dennis",
           "Eric", "Frank", "Graham", "Howard", "Ian", "Kenneth", "Leonard", "Malcolm", "Neil",
           "Owen", "Philip", "Roy", "Stanley", "Terence", "Victor", "Wayne"]
SURNAMES = ["Ashworth", "Bainbridge", "Carmody", "Dunleavy", "Ellery", "Fairbairn", "Gorringe",
            "Hollis", "Ingleby", "Jessop", "Kilbride", "Lomax", "Mabbott", "Nettleton", "Oduya",
            "Pennock", "Quarmby", "Rushworth", "Sowerby", "Tattersall", "Umpleby", "Varley",
            "Wainwright", "Yardley", "Ackroyd", "Birtwistle", "Cawthorne", "Dewhirst", "Entwistle",
            "Fenwick", "Greenhalgh", "Haworth", "Illingworth", "Kershaw", "Lumb", "Midgley",
            "Nuttall", "Ormerod", "Pickles", "Ramsbottom", "Sutcliffe", "Thackeray", "Uttley",
            "Whiteley", "Adeyemi", "Bhatti", "Chaudhry", "Dziedzic", "Eze", "Fernandes",
            "Gill", "Hussain", "Iqbal", "Kowalski", "Mensah", "Nwachukwu", "Okonjo", "Patel",
            "Rahman", "Sandhu", "Tran", "Wojcik", "Zielinski", "McAllister", "O'Rourke"]
STREETS = ["Moorside Road", "Cobden Street", "Alder Close", "Weavers Row", "Beck Lane",
           "Chapel Fold", "Kiln Way", "Foundry Walk", "Larch Avenue", "Mill Brow", "Tenter Croft",
           "Quarry Hill", "Sunnybank Drive", "Holly Mount", "Brookfield Terrace", "Station Approach"]
TOWNS = [("Northfield", "NF"), ("Ashby Vale", "AV"), ("Kings Marden", "KM"), ("Lowther Cross", "LC"),
         ("Ravenholme", "RH"), ("Saltmarsh", "SM"), ("Oakenclough", "OK"), ("Fellgate", "FG")]
PRACTICES = [
    ("Moorside Medical Practice", "Z81231", "Moorside Road"),
    ("The Beck Surgery", "Z81402", "Beck Lane"),
    ("Kiln Way Health Centre", "Z82017", "Kiln Way"),
    ("Foundry Walk Family Practice", "Z82264", "Foundry Walk"),
    ("Alder Close Surgery", "Z83115", "Alder Close"),
    ("Chapel Fold Medical Centre", "Z83390", "Chapel Fold"),
    ("Larch Avenue Group Practice", "Z84006", "Larch Avenue"),
    ("Mill Brow Surgery", "Z84471", "Mill Brow"),
    ("Tenter Croft Medical Group", "Z85128", "Tenter Croft"),
    ("Quarry Hill Practice", "Z85562", "Quarry Hill"),
    ("Sunnybank Health Centre", "Z86043", "Sunnybank Drive"),
    ("Holly Mount Surgery", "Z86719", "Holly Mount"),
    ("Brookfield Medical Practice", "Z87250", "Brookfield Terrace"),
    ("Station Approach Surgery", "Z87611", "Station Approach"),
    ("Weavers Row Medical Centre", "Z88094", "Weavers Row"),
    ("Cobden Street Surgery", "Z88347", "Cobden Street"),
]
GP_FIRST = ["A.", "B.", "C.", "E.", "F.", "H.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T.", "V."]
HOSPITAL = "Northfield General Hospital"
TRUST = "Northfield and Ashby Hospitals NHS Foundation Trust"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
NUMWORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
            9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen",
            15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen"}
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def num_words(n):
    if n < 20:
        return NUMWORDS[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else "-" + NUMWORDS[u])


def nhs_number(r):
    while True:
        digits = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        total = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        s = "".join(map(str, digits + [check]))
        return s


def nhs_fmt(s, style=0):
    if style == 0:
        return "%s %s %s" % (s[:3], s[3:6], s[6:])
    if style == 1:
        return s
    return "%s-%s-%s" % (s[:3], s[3:6], s[6:])


def fdate(d, style):
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "slash2":
        return d.strftime("%d/%m/%y")
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    if style == "mon":
        return "%02d-%s-%d" % (d.day, MON3[d.month - 1], d.year)
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "ord":
        suf = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return "%d%s %s %d" % (d.day, suf, MONTHS[d.month - 1], d.year)
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ----------------------------------------------------------------------------------------
# Cases and scenarios
# ----------------------------------------------------------------------------------------
PAIN_SITES = {
    "upper": ["upper abdominal pain", "epigastric pain"],
    "lower": ["lower abdominal pain", "left iliac fossa pain", "right iliac fossa pain",
              "crampy lower abdominal pain"],
    "general": ["abdominal pain", "intermittent abdominal pain", "colicky abdominal pain"],
}


def default_details(f, r):
    if f == "dysphagia":
        return dict(w=r.randint(3, 14), kind=r.choice(["solids", "solids", "solids and liquids"]),
                    occasional=False)
    if f == "weight_loss":
        base = r.randint(58, 98)
        return dict(kg=r.randint(4, 12), m=r.randint(2, 6), base=base)
    if f == "rectal_bleeding":
        return dict(w=r.randint(3, 16), recurrent=r.random() < 0.25)
    if f == "cibh":
        return dict(w=r.randint(6, 20))
    if f == "abdominal_pain":
        return dict(w=r.randint(3, 20), site=r.choice(["lower", "general"]))
    if f in ("dyspepsia", "reflux", "bloating"):
        return dict(w=r.randint(6, 30))
    if f == "abdominal_mass":
        return dict(site=r.choice(["right iliac fossa", "left iliac fossa", "right iliac fossa"]),
                    cm=r.randint(4, 8))
    if f == "rectal_mass":
        return dict(cm=r.randint(3, 8))
    if f == "anal_mass":
        return dict(clock=r.choice([1, 3, 5, 7, 9, 11]))
    if f == "jaundice":
        return dict(w=r.randint(1, 4))
    if f == "haematemesis":
        return dict(n=r.randint(2, 3), days=r.randint(3, 7),
                    when=r.choice(["yesterday evening", "this morning", "yesterday"]))
    if f == "bloody_diarrhoea":
        return dict(n=r.randint(4, 10), w=r.randint(2, 8))
    if f in ("ascites", "confusion"):
        return dict(w=r.randint(1, 4))
    return {}


class Case:
    def __init__(self, n, layout, rule, k, attempt):
        self.n = n
        self.id = "L28-%04d" % n
        self.layout = layout
        self.target = rule
        self.k = k
        self.r = rnd(self.id, "scenario", attempt)
        self.age = None
        self.sex = None
        self.age_mode = None     # 'age', 'dob', 'both', 'words'
        self.dob_tight = None    # 'after' (birthday just passed) / 'before' (birthday just ahead)
        self.pos = {}
        self.neg = []
        self.vals = {}
        self.ppi = None
        self.ibd = None
        self.cirrhosis = None
        self.imaging = None
        self.ttg = None
        self.fh = []
        self.dist = []           # planned distractors (dicts)
        self.fit_pending = None
        self.variant = None
        self.extra = {}          # variant specific flags for renderers
        self.max_age = 95

    # --- scenario helpers
    def A(self, lo, hi=None):
        self.age = lo if hi is None else self.r.randint(lo, hi)

    def S(self, sex=None):
        self.sex = sex or self.r.choice("FM")

    def P(self, f, **kw):
        d = default_details(f, self.r)
        d.update(kw)
        self.pos[f] = d

    def V(self, name, v, **kw):
        d = dict(v=v)
        d.update(kw)
        self.vals[name] = d

    def facts(self):
        f = dict((k, False) for k in SYMPTOMS + CONTEXT)
        for s in self.pos:
            f[s] = True
        f["pain_site"] = self.pos["abdominal_pain"]["site"] if "abdominal_pain" in self.pos else None
        f["known_cirrhosis"] = bool(self.cirrhosis)
        f["known_ibd"] = bool(self.ibd)
        f["ibd_stable"] = bool(self.ibd and self.ibd.get("stable"))
        f["management_question"] = bool(self.ibd and self.ibd.get("question"))
        f["ttg_raised"] = bool(self.ttg and self.ttg["raised"])
        f["fatty_liver_imaging"] = bool(self.imaging and self.imaging["fatty"])
        f["fh_crc"] = any(x["cond"] == "crc" for x in self.fh)
        f["ppi_weeks"] = self.ppi["weeks"] if (self.ppi and self.ppi["kind"] == "PPI"
                                               and self.ppi["persisting"]) else 0
        for v in VALS:
            f[v] = self.vals[v]["v"] if v in self.vals else None
        f["age"] = self.age
        f["sex"] = self.sex
        return f


def ppi_drug(r):
    return r.choice(["omeprazole 20 mg once daily", "lansoprazole 30 mg once daily",
                     "omeprazole 40 mg daily", "esomeprazole 20 mg daily", "pantoprazole 40 mg daily"])


IBD_QUESTIONS = {
    "stop_5asa": "whether mesalazine can now be reduced or stopped",
    "aza_duration": "how much longer azathioprine should be continued",
    "pregnancy": "whether it is safe to stay on mesalazine while trying to conceive",
    "shingles": "whether the shingles vaccine (Shingrix) can be given while on azathioprine",
    "surveillance": "when the next surveillance colonoscopy is due",
    "bones": "whether bone protection is needed after several courses of steroids in the past",
    "travel": "what to do with mesalazine during a long trip abroad and whether any travel vaccines are a problem",
}


def V_U1(c, r, v):
    if v == 0:
        c.A(55, 95); c.S(); c.P("dysphagia")
    elif v == 1:
        c.A(18, 38); c.S(); c.P("dysphagia"); c.P("reflux")
    elif v == 2:
        c.A(60, 85); c.S(); c.P("dysphagia"); c.P("weight_loss"); c.P("dyspepsia")
    elif v == 3:
        c.A(45, 80); c.S(); c.P("dysphagia"); c.V("fit", r.randint(12, 60)); c.P("cibh")
    elif v == 4:
        c.A(40, 85); c.S(); c.P("dysphagia", occasional=True)
    elif v == 5:
        c.A(50, 85); c.S(); c.P("dysphagia")
        c.V("hb", r.randint(88, 110) if c.sex == "F" else r.randint(95, 118), unit=r.choice(["g/L", "g/dL"]))
        c.V("ferritin", r.randint(4, 18))


def V_U2(c, r, v):
    if v == 0:
        c.A(62, 94); c.S(); c.P("rectal_mass"); c.P("rectal_bleeding")
    elif v == 1:
        c.A(45, 80); c.S(); c.P("anal_mass")
    elif v == 2:
        c.A(55, 85); c.S(); c.P("rectal_mass"); c.V("fit", 3, disp="<4")
    elif v == 3:
        c.A(32, 45); c.S(); c.P("rectal_mass"); c.P("rectal_bleeding")


def V_U3(c, r, v):
    if v == 0:
        c.A(50, 80); c.S(); c.V("fit", 10); c.P(r.choice(["rectal_bleeding", "cibh"]))
    elif v == 1:
        c.A(40, 75); c.S(); c.V("fit", r.choice([11, 12])); c.P("cibh")
    elif v == 2:
        c.A(60, 92); c.S(); c.V("fit", r.choice([25, 38, 64, 110, 187, 260, 412])); c.P("cibh")
    elif v == 3:
        c.A(22, 45); c.S(); c.V("fit", r.randint(15, 80)); c.P("abdominal_pain")
    elif v == 4:
        c.A(30, 48); c.S(); c.V("fit", r.randint(20, 200)); c.V("fcp", r.randint(300, 900)); c.P("abdominal_pain")
    elif v == 5:
        c.A(30, 54); c.S(); c.V("fit", r.randint(18, 60)); c.P("dyspepsia"); c.P("cibh")
    elif v == 6:
        c.A(50, 80); c.S(); c.V("fit", 52, disp="qfit_pos"); c.P("rectal_bleeding")


def anaemic_hb(r, sex):
    return r.randint(82, 112) if sex == "F" else r.randint(88, 122)


def V_U4(c, r, v):
    if v == 0:
        c.A(30, 85); c.S("F"); c.V("hb", r.randint(85, 110), unit="g/L"); c.V("ferritin", r.randint(4, 15))
    elif v == 1:
        c.A(50, 85); c.S("M"); c.V("hb", 129, unit="g/L"); c.V("ferritin", r.randint(8, 20))
    elif v == 2:
        c.A(40, 85); c.S("F"); c.V("hb", 119, unit="g/dL"); c.V("ferritin", r.randint(10, 25))
    elif v == 3:
        c.A(40, 85); c.S(); c.V("hb", anaemic_hb(r, c.sex), unit=r.choice(["g/L", "g/dL"])); c.V("ferritin", 29)
    elif v == 4:
        c.A(45, 85); c.S(); c.V("hb", anaemic_hb(r, c.sex), unit="g/L"); c.V("ferritin", r.randint(5, 20))
        c.V("fit", 3, disp=r.choice(["<4", "negative"]))
    elif v == 5:
        c.A(20, 35); c.S("F"); c.V("hb", r.randint(92, 112), unit=r.choice(["g/L", "g/dL"]))
        c.V("ferritin", r.randint(3, 12)); c.extra["menorrhagia"] = True
    elif v == 6:
        c.A(60, 80); c.S(); c.V("hb", anaemic_hb(r, c.sex), unit="g/L"); c.V("ferritin", r.randint(6, 22))
        c.P("dyspepsia"); c.ppi = dict(kind="PPI", drug=ppi_drug(r), weeks=8, persisting=True)
    elif v == 7:
        c.A(65, 95); c.S("M"); c.V("hb", r.randint(96, 110), unit="g/dL"); c.V("ferritin", r.randint(5, 20))


def V_U5(c, r, v):
    if v == 0:
        c.A(62, 92); c.S(); c.P("weight_loss"); c.P("dyspepsia")
    elif v == 1:
        c.A(55); c.S(); c.P("weight_loss"); c.P("reflux"); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 2:
        c.A(60, 85); c.S(); c.P("weight_loss"); c.P("abdominal_pain", site="upper")
    elif v == 3:
        c.A(55); c.S(); c.P("weight_loss"); c.P("dyspepsia"); c.dob_tight = "after"
    elif v == 4:
        c.A(58, 80); c.S(); c.P("weight_loss"); c.P("dyspepsia"); c.V("fit", 3, disp="<4")
    elif v == 5:
        c.A(60, 85); c.S(); c.P("weight_loss"); c.P("dyspepsia")
        c.ppi = dict(kind="PPI", drug=ppi_drug(r), weeks=8, persisting=True)


def V_U6(c, r, v):
    if v == 0:
        c.A(65, 93); c.S(); c.P("abdominal_mass")
    elif v == 1:
        c.A(50, 80); c.S(); c.P("abdominal_mass", site="left iliac fossa"); c.V("fit", 3, disp="<4")
    elif v == 2:
        c.A(33, 45); c.S(); c.P("abdominal_mass")


def V_U7(c, r, v):
    if v == 0:
        c.A(55, 88); c.S(); c.P("jaundice")
    elif v == 1:
        c.A(40); c.S(); c.P("jaundice"); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 2:
        c.A(45, 75); c.S(); c.P("jaundice"); c.V("alt", r.randint(350, 600))
    elif v == 3:
        c.A(40); c.S(); c.P("jaundice"); c.dob_tight = "after"
    elif v == 4:
        c.A(41, 48); c.S(); c.P("jaundice")


def V_U8(c, r, v):
    if v == 0:
        c.A(50); c.S(); c.P("rectal_bleeding"); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 1:
        c.A(65, 85); c.S(); c.P("rectal_bleeding"); c.fit_pending = "awaited"
    elif v == 2:
        c.A(40); c.S(); c.P("weight_loss"); c.P("abdominal_pain", site="lower")
        c.age_mode = r.choice(["age", "words", "both"])
    elif v == 3:
        c.A(54); c.S(); c.P("weight_loss"); c.P("abdominal_pain", site="upper")
        c.age_mode = r.choice(["age", "both"])
    elif v == 4:
        c.A(60); c.S(); c.P("cibh"); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 5:
        c.A(65, 85); c.S(); c.P("cibh"); c.fit_pending = "not returned"
    elif v == 6:
        c.A(50); c.S(); c.P("rectal_bleeding"); c.dob_tight = "after"
    elif v == 7:
        c.A(45, 53); c.S(); c.P("weight_loss"); c.P("abdominal_pain", site="lower")


def V_R1(c, r, v):
    if v == 0:
        c.A(18, 45); c.S(); c.P("bloody_diarrhoea")
    elif v == 1:
        c.A(18, 45); c.S(); c.V("fcp", 250); c.P("abdominal_pain")
    elif v == 2:
        c.A(18, 45); c.S(); c.V("fcp", r.choice([310, 420, 560, 780, 1150, 1800])); c.P("abdominal_pain")
    elif v == 3:
        c.A(20, 48); c.S(); c.P("bloody_diarrhoea")
        c.ibd = dict(type="ulcerative colitis", year=r.randint(2010, 2021), stable=False,
                     drug=r.choice(["mesalazine 2.4 g daily", "mesalazine 1.6 g daily"]))
    elif v == 4:
        c.A(52, 70); c.S(); c.P("bloody_diarrhoea"); c.V("fit", 3, disp="<4")
    elif v == 5:
        c.A(20, 45); c.S(); c.V("fcp", r.randint(400, 900), old=[(r.randint(40, 90), r.randint(300, 500))])
        c.P("abdominal_pain")
    elif v == 6:
        c.A(20, 45); c.S(); c.V("fcp", r.choice([255, 260, 262, 268])); c.P("bloating")


def V_R2(c, r, v):
    if v == 0:
        c.A(40, 75); c.S(); c.cirrhosis = dict(aet=r.choice(["alcohol-related", "MASLD-related", "hepatitis C-related"]),
                                               year=r.randint(2012, 2022)); c.P("ascites")
    elif v == 1:
        c.A(45, 75); c.S(); c.cirrhosis = dict(aet=r.choice(["alcohol-related", "MASLD-related"]),
                                               year=r.randint(2012, 2022)); c.P("confusion")
    elif v == 2:
        c.A(25, 70); c.S(); c.V("alt", 300)
    elif v == 3:
        c.A(20, 60); c.S(); c.V("alt", r.choice([412, 520, 688, 940, 1260]))
    elif v == 4:
        c.A(22, 60); c.S(); c.V("alt", r.randint(330, 420), old=[(r.randint(150, 220), r.randint(14, 28))])
    elif v == 5:
        c.A(45, 75); c.S(); c.cirrhosis = dict(aet=r.choice(["alcohol-related", "MASLD-related"]),
                                               year=r.randint(2012, 2022)); c.P("ascites")
        c.V("alt", r.randint(55, 90))


def V_R3(c, r, v):
    if v == 0:
        c.A(20, 50); c.S(); c.P("haematemesis"); c.extra["nsaid"] = True
    elif v == 1:
        c.A(60, 80); c.S(); c.P("haematemesis"); c.P("dyspepsia")
        c.ppi = dict(kind="PPI", drug=ppi_drug(r), weeks=8, persisting=True)
    elif v == 2:
        c.A(18, 40); c.S(); c.P("haematemesis"); c.extra["retching"] = True
    elif v == 3:
        c.A(30, 60); c.S(); c.P("haematemesis"); c.V("alt", r.randint(55, 120))


def V_O1(c, r, v):
    ppi = lambda w: dict(kind="PPI", drug=ppi_drug(r), weeks=w, persisting=True)
    if v == 0:
        c.A(60, 85); c.S(); c.P("dyspepsia"); c.ppi = ppi(r.choice([8, 10, 12]))
    elif v == 1:
        c.A(55); c.S(); c.P("dyspepsia"); c.ppi = ppi(8); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 2:
        c.A(60, 80); c.S(); c.P("dyspepsia"); c.ppi = ppi(4)
    elif v == 3:
        c.A(55); c.S(); c.P("dyspepsia"); c.ppi = ppi(8); c.dob_tight = "after"
    elif v == 4:
        c.A(56, 75); c.S(); c.P("dyspepsia"); c.P("reflux"); c.ppi = ppi(6)
        c.fh.append(dict(cond="gastric", rel=r.choice(["father", "mother", "uncle"]), age=r.randint(60, 80)))
    elif v == 5:
        c.A(62, 85); c.S(); c.P("dyspepsia"); c.ppi = ppi(12)


def V_O2(c, r, v):
    if v == 0:
        c.A(18, 48); c.S(); c.V("fcp", 100); c.P("abdominal_pain")
    elif v == 1:
        c.A(20, 48); c.S(); c.V("fcp", 249); c.P("abdominal_pain")
    elif v == 2:
        c.A(18, 70); c.S(); c.V("fcp", r.randint(120, 230)); c.P("abdominal_pain", site="lower")
        if c.age >= 40:
            c.V("fit", 3, disp=r.choice(["<4", "negative", "undetectable"]))
    elif v == 3:
        c.A(22, 65); c.S(); c.V("fcp", r.randint(130, 190))
        c.ibd = dict(type="Crohn's disease", year=r.randint(2008, 2019), stable=True,
                     drug="azathioprine 125 mg daily", question="aza_duration")
    elif v == 4:
        c.A(20, 45); c.S(); c.V("fcp", r.randint(130, 170), old=[(r.choice([320, 380, 410]), r.randint(50, 80))])
        c.P("abdominal_pain")
    elif v == 5:
        c.A(25, 45); c.S(); c.V("fcp", r.randint(101, 110)); c.P("cibh")


def V_O3(c, r, v):
    if v == 0:
        c.A(25, 70); c.S(); c.ibd = dict(type="ulcerative colitis", year=r.randint(2005, 2018), stable=True,
                                         drug="mesalazine 2.4 g daily", question="stop_5asa")
    elif v == 1:
        c.A(22, 65); c.S(); c.ibd = dict(type="Crohn's disease", year=r.randint(2005, 2019), stable=True,
                                         drug="azathioprine 150 mg daily", question=r.choice(["aza_duration", "shingles"]))
        if c.ibd["question"] == "shingles":
            c.A(50, 65)
    elif v == 2:
        c.A(24, 38); c.S("F"); c.ibd = dict(type="ulcerative colitis", year=r.randint(2010, 2020), stable=True,
                                            drug="mesalazine 2 g daily", question="pregnancy")
    elif v == 3:
        c.A(30, 70); c.S(); c.ibd = dict(type="Crohn's disease", year=r.randint(2005, 2016), stable=True,
                                         drug=r.choice(["no maintenance treatment", "azathioprine 100 mg daily"]),
                                         question=r.choice(["surveillance", "bones"]))
        c.V("fcp", r.randint(25, 80))
    elif v == 4:
        c.A(25, 65); c.S(); c.ibd = dict(type="ulcerative colitis", year=r.randint(2008, 2018), stable=True,
                                         drug="mesalazine 2.4 g daily", question="travel")
        c.dist.append(dict(kind="resolved_past", fact="bloody_diarrhoea", year=r.randint(2019, 2022)))


def V_O4(c, r, v):
    ttg = lambda: dict(raised=True, v=r.choice([18, 27, 45, 64, 96, 128]), uln=r.choice([7, 10]))
    if v == 0:
        c.A(18, 45); c.S(); c.ttg = ttg(); c.P("bloating")
    elif v == 1:
        c.A(20, 60); c.S(); c.ttg = ttg(); c.V("hb", 138 if c.sex == "F" else 148, unit="g/L"); c.V("ferritin", r.randint(40, 90))
        c.extra["tired"] = True
    elif v == 2:
        c.A(20, 45); c.S(); c.ttg = ttg(); c.V("ferritin", r.randint(10, 25))
        c.V("hb", r.randint(126, 138) if c.sex == "F" else r.randint(136, 150), unit="g/L")
    elif v == 3:
        c.A(20, 45); c.S(); c.ttg = ttg(); c.P("abdominal_pain"); c.V("fcp", r.randint(25, 60))
    elif v == 4:
        c.A(55, 70); c.S(); c.ttg = ttg(); c.extra["osteoporosis"] = True


def V_O5(c, r, v):
    if v == 0:
        c.A(30, 70); c.S(); c.V("alt", 40)
    elif v == 1:
        c.A(25, 65); c.S(); c.V("alt", 299)
    elif v == 2:
        c.A(30, 65); c.S(); c.V("alt", 120, disp="3x ULN (120)")
    elif v == 3:
        c.A(35, 70); c.S(); c.V("alt", r.randint(19, 34)); c.imaging = dict(fatty=True, modality=r.choice(["ultrasound", "CT"]))
    elif v == 4:
        c.A(30, 70); c.S(); c.V("alt", r.randint(60, 200)); c.imaging = dict(fatty=True, modality="ultrasound")
    elif v == 5:
        c.A(30, 39); c.S(); c.P("jaundice"); c.V("alt", r.randint(80, 200))
    elif v == 6:
        c.A(25, 65); c.S(); c.V("alt", r.randint(140, 190), old=[(r.randint(320, 380), r.randint(21, 35))])


def V_O6(c, r, v):
    if v == 0:
        c.A(50, 80); c.S(); c.P("rectal_bleeding"); c.V("fit", 3, disp="<4")
    elif v == 1:
        c.A(65, 92); c.S(); c.P("cibh"); c.V("fit", 6)
    elif v == 2:
        c.A(50, 75); c.S(); c.P("abdominal_pain", site="lower"); c.V("fit", 9)
    elif v == 3:
        c.A(25, 45); c.S(); c.P("rectal_bleeding"); c.V("fit", 0, disp="undetectable")
    elif v == 4:
        c.A(50, 54); c.S(); c.P("weight_loss"); c.P("abdominal_pain", site="lower"); c.V("fit", 3, disp="<4")
    elif v == 5:
        c.A(62, 80); c.S(); c.P("cibh"); c.V("fit", 0, disp="negative")
    elif v == 6:
        c.A(50, 70); c.S(); c.P("rectal_bleeding"); c.P("abdominal_pain", site="lower"); c.V("fit", 8)


def V_D(c, r, v):
    if v == 0:
        c.A(49); c.S(); c.P("rectal_bleeding"); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 1:
        c.A(59); c.S(); c.P("cibh"); c.age_mode = r.choice(["age", "words", "both"])
    elif v == 2:
        c.A(39); c.S(); c.P("weight_loss"); c.P("abdominal_pain", site="lower"); c.age_mode = r.choice(["age", "both"])
    elif v == 3:
        c.A(55, 75); c.S(); c.P("dyspepsia"); c.ppi = dict(kind="PPI", drug=ppi_drug(r), weeks=3, persisting=True)
    elif v == 4:
        c.A(56, 80); c.S(); c.P("dyspepsia"); c.ppi = dict(kind="H2RA", drug="famotidine 20 mg twice daily",
                                                           weeks=8, persisting=True)
    elif v == 5:
        c.A(30, 80); c.S("F"); c.V("hb", r.randint(100, 112), unit="g/L"); c.V("ferritin", r.choice([30, 30, 96, 150]))
    elif v == 6:
        c.A(30, 60); c.S("F"); c.V("hb", 120, unit=r.choice(["g/L", "g/dL"])); c.V("ferritin", r.randint(8, 18))
    elif v == 7:
        c.A(22, 38); c.S(); c.P("jaundice"); c.V("alt", r.randint(18, 32)); c.extra["gilbert"] = True
    elif v == 8:
        c.A(50, 70); c.S(); c.cirrhosis = dict(aet=r.choice(["alcohol-related", "MASLD-related"]), year=r.randint(2015, 2022))
        c.V("alt", r.randint(24, 36)); c.extra["cirrhosis_stable"] = True
    elif v == 9:
        c.A(50, 70); c.S(); c.P("bloating"); c.V("fit", 3, disp="<4")
    elif v == 10:
        c.A(25, 45); c.S(); c.P("cibh")
    elif v == 11:
        c.A(50, 80); c.S("M"); c.V("hb", 130, unit=r.choice(["g/L", "g/dL"])); c.V("ferritin", r.randint(10, 20))
    elif v == 12:
        c.A(70, 92); c.S(); c.P("weight_loss")
    elif v == 13:
        c.A(49); c.S(); c.P("rectal_bleeding"); c.dob_tight = "before"


def V_A1(c, r, v):
    if v == 0:
        c.A(18, 45); c.S(); c.P("abdominal_pain"); c.V("fcp", r.randint(20, 80))
    elif v == 1:
        c.A(25, 48); c.S(); c.P("bloating"); c.V("fit", 3, disp="<4")
    elif v == 2:
        c.A(20, 45); c.S(); c.P("cibh"); c.V("fcp", 49, disp="<50"); c.V("fit", 3, disp="<4")
    elif v == 3:
        c.A(49); c.S(); c.P("abdominal_pain"); c.V("fcp", r.randint(30, 60)); c.dob_tight = "before"
    elif v == 4:
        c.A(30, 48); c.S(); c.P("abdominal_pain"); c.V("fit", 9)
    elif v == 5:
        c.A(20, 45); c.S(); c.V("fcp", 99); c.P("abdominal_pain"); c.P("bloating")
    elif v == 6:
        c.A(30, 48); c.S(); c.P("abdominal_pain"); c.V("fcp", 49, disp="<50")
        c.fh.append(dict(cond="crc", rel=r.choice(["father", "mother", "paternal uncle"]), age=r.randint(62, 80)))
    elif v == 7:
        c.A(49); c.S(); c.P("cibh"); c.V("fit", 3, disp="<4"); c.age_mode = r.choice(["age", "words", "both"])


def V_A2(c, r, v):
    if v == 0:
        c.A(25, 50); c.S(); c.P("dyspepsia")
    elif v == 1:
        c.A(30, 54); c.S(); c.P("reflux")
    elif v == 2:
        c.A(54); c.S(); c.P("dyspepsia"); c.ppi = dict(kind="PPI", drug=ppi_drug(r), weeks=8, persisting=True)
        c.dob_tight = "before"
    elif v == 3:
        c.A(35, 50); c.S(); c.P("dyspepsia")
        c.fh.append(dict(cond="gastric", rel=r.choice(["father", "mother", "grandfather"]), age=r.randint(58, 80)))
    elif v == 4:
        c.A(54); c.S(); c.P("reflux"); c.ppi = dict(kind="PPI", drug=ppi_drug(r), weeks=6, persisting=True)
        c.age_mode = r.choice(["age", "both", "words"])
    elif v == 5:
        c.A(18, 40); c.S(); c.P("dyspepsia"); c.P("reflux"); c.extra["hp_neg"] = True


def V_A3(c, r, v):
    if v == 0:
        c.A(30, 55); c.S(); c.fh.append(dict(cond="crc", rel=r.choice(["mother", "father"]), age=r.randint(42, 49)))
    elif v == 1:
        c.A(40, 60); c.S(); c.fh.append(dict(cond="crc", rel="father", age=r.randint(55, 68)))
        c.fh.append(dict(cond="crc", rel="brother", age=r.randint(45, 55)))
    elif v == 2:
        c.A(35, 60); c.S(); c.fh.append(dict(cond="crc", rel=r.choice(["mother", "sister"]), age=r.randint(44, 60)))
        c.dist.append(dict(kind="resolved_past", fact="rectal_bleeding", year=r.randint(2012, 2016)))
    elif v == 3:
        c.A(40, 65); c.S(); c.fh.append(dict(cond="crc", rel=r.choice(["father", "mother"]), age=r.randint(50, 62)))
        c.V("fit", 3, disp="<4")


VARIANTS = {"U1": (V_U1, 6), "U2": (V_U2, 4), "U3": (V_U3, 7), "U4": (V_U4, 8), "U5": (V_U5, 6),
            "U6": (V_U6, 3), "U7": (V_U7, 5), "U8": (V_U8, 8), "R1": (V_R1, 7), "R2": (V_R2, 6),
            "R3": (V_R3, 4), "O1": (V_O1, 6), "O2": (V_O2, 6), "O3": (V_O3, 5), "O4": (V_O4, 5),
            "O5": (V_O5, 7), "O6": (V_O6, 7), "D": (V_D, 14), "A1": (V_A1, 8), "A2": (V_A2, 6),
            "A3": (V_A3, 4)}


# ----------------------------------------------------------------------------------------
# Decoration: negations, distractors, background, identity
# ----------------------------------------------------------------------------------------
RED_FLAGS = ["dysphagia", "weight_loss", "rectal_bleeding", "abdominal_mass", "jaundice",
             "haematemesis", "cibh", "rectal_mass"]
OTHER_NEG = ["abdominal_pain", "reflux", "dyspepsia", "bloating"]
FH_CONDS = ["crc", "oesophageal", "gastric", "crohns", "coeliac", "uc"]
RELS = ["mother", "father", "sister", "brother", "maternal aunt", "paternal uncle", "grandmother", "grandfather"]
PMH_POOL = [("Essential hypertension", None), ("Type 2 diabetes mellitus", None), ("Asthma", None),
            ("Hypothyroidism", None), ("Osteoarthritis, both knees", None), ("Depression", None),
            ("Gout", None), ("COPD", None), ("Atrial fibrillation", "af"), ("Hypercholesterolaemia", None),
            ("Appendicectomy", None), ("Carpal tunnel release (R)", None), ("Migraine", None),
            ("Anxiety", None), ("Benign prostatic hyperplasia", "M"), ("Hysterectomy (fibroids)", "F"),
            ("Psoriasis", None), ("Glaucoma", None)]
MED_FOR = {"Essential hypertension": "Amlodipine 5 mg once daily",
           "Type 2 diabetes mellitus": "Metformin 500 mg twice daily",
           "Asthma": "Salbutamol 100 micrograms inhaler as required",
           "Hypothyroidism": "Levothyroxine 75 micrograms once daily",
           "Osteoarthritis, both knees": "Paracetamol 1 g four times daily as required",
           "Depression": "Sertraline 50 mg once daily", "Gout": "Allopurinol 100 mg once daily",
           "COPD": "Tiotropium 18 micrograms inhaled once daily",
           "Atrial fibrillation": "Apixaban 5 mg twice daily",
           "Hypercholesterolaemia": "Atorvastatin 20 mg at night",
           "Migraine": "Sumatriptan 50 mg as required", "Anxiety": "Propranolol 10 mg as required",
           "Benign prostatic hyperplasia": "Tamsulosin 400 micrograms once daily",
           "Psoriasis": "Emollient and calcipotriol ointment", "Glaucoma": "Latanoprost eye drops at night"}


def decorate(c):
    r = c.r
    # age presentation
    if c.dob_tight:
        c.age_mode = "dob"
    elif c.age_mode is None:
        c.age_mode = r.choices(["both", "age", "dob", "words"], [35, 25, 30, 10])[0]
    # explicit negations
    pool = [f for f in RED_FLAGS + OTHER_NEG if f not in c.pos]
    if "bloody_diarrhoea" in c.pos:
        pool = [f for f in pool if f not in ("rectal_bleeding", "cibh")]
    if c.ibd:
        pool = [f for f in pool if f != "cibh"]
    if "ascites" in c.pos:
        pool = [f for f in pool if f != "abdominal_mass"]
    reds = [f for f in pool if f in RED_FLAGS]
    others = [f for f in pool if f not in RED_FLAGS]
    if c.target == "A3":
        c.neg = reds[:] + others[:]
        r.shuffle(c.neg)
    else:
        n = r.randint(2, min(5, len(reds))) if reds else 0
        c.neg = r.sample(reds, n) + (r.sample(others, 1) if others and r.random() < 0.35 else [])
    # family history
    if not c.fh and r.random() < 0.3:
        cond = r.choice(FH_CONDS)
        c.fh.append(dict(cond=cond, rel=r.choice(RELS), age=r.randint(55, 84)))
    # resolved past episode
    if r.random() < 0.3 and not any(d["kind"] == "resolved_past" for d in c.dist):
        opts = []
        if "rectal_bleeding" not in c.pos and "bloody_diarrhoea" not in c.pos:
            opts.append("rectal_bleeding")
        if "haematemesis" not in c.pos:
            opts.append("haematemesis")
        if "dysphagia" not in c.pos:
            opts.append("dysphagia")
        if "jaundice" not in c.pos and not c.cirrhosis:
            opts.append("jaundice")
        if not any(f in c.pos for f in ("dyspepsia", "reflux")) and not c.ppi:
            opts.append("dyspepsia")
        hb = c.vals.get("hb")
        if (hb is None or hb["v"] >= (135 if c.sex == "M" else 125)) and "ferritin" not in c.vals:
            opts.append("ida")
        if opts:
            c.dist.append(dict(kind="resolved_past", fact=r.choice(opts), year=r.randint(2008, 2019)))
    # hypothetical / safety net
    absent_red = [f for f in ["dysphagia", "rectal_bleeding", "weight_loss", "jaundice", "haematemesis", "cibh"]
                  if f not in c.pos and not (f in ("rectal_bleeding", "cibh") and "bloody_diarrhoea" in c.pos)]
    if absent_red and r.random() < 0.4:
        c.dist.append(dict(kind="hypothetical", facts=r.sample(absent_red, min(len(absent_red), r.randint(1, 2)))))
    # somebody else's illness in the same paragraph
    other = [f for f in ["dysphagia", "rectal_bleeding", "jaundice", "weight_loss"] if f not in c.pos
             and not (f == "rectal_bleeding" and "bloody_diarrhoea" in c.pos)]
    if other and r.random() < 0.12:
        f = r.choice(other)
        c.dist.append(dict(kind="other_person", fact=f,
                           who=r.choice([("wife" if c.sex == "M" else "husband"), "partner", "sister", "brother", "mother"])))
        if f not in c.neg:
            c.neg.append(f)
    # FIT kit given but no result
    if "fit" not in c.vals and not c.fit_pending and r.random() < 0.12:
        c.fit_pending = r.choice(["awaited", "not returned", "declined"])
    if "fit" in c.vals and c.vals["fit"].get("disp") == "<4":
        x = r.random()
        if x < 0.2:
            c.vals["fit"]["disp"] = "<10"
        elif x < 0.4:
            c.vals["fit"] = dict(v=4)
    # background normal bloods
    if c.target != "A3" or r.random() < 0.5:
        if "hb" not in c.vals and r.random() < 0.6:
            c.V("hb", r.randint(126, 150) if c.sex == "F" else r.randint(136, 165),
                unit=r.choice(["g/L", "g/L", "g/dL"]))
            if r.random() < 0.1:
                # an older low value, superseded
                c.vals["hb"]["old"] = [(r.randint(95, 112), r.randint(700, 2400))]
        if "ferritin" not in c.vals and r.random() < 0.45:
            c.V("ferritin", r.randint(45, 220))
        if "alt" not in c.vals and not c.imaging and r.random() < 0.5:
            c.V("alt", r.randint(12, 35))
        if not c.ttg and r.random() < 0.2:
            c.ttg = dict(raised=False, v="<1", uln=7)
    if c.imaging is None and r.random() < 0.06 and c.target not in ("O5",):
        c.imaging = dict(fatty=False, modality="ultrasound")
    c.extra["crp"] = r.randint(1, 9)
    c.extra["mcv"] = r.randint(70, 80) if ("ferritin" in c.vals and c.vals["ferritin"]["v"] < 30) else r.randint(84, 97)
    # background history and medicines
    pmh = [p for p in PMH_POOL if p[1] in (None, "af", c.sex)]
    c.pmh = r.sample(pmh, r.randint(0, 3))
    c.meds = [MED_FOR[p[0]] for p in c.pmh if p[0] in MED_FOR]
    c.stopped = []
    if r.random() < 0.35:
        opts = ["Naproxen 500 mg twice daily", "Co-codamol 30/500", "Amoxicillin 500 mg three times daily",
                "Prednisolone 5 mg (reducing course)"]
        if not any(f in c.pos for f in ("dyspepsia", "reflux")) and not c.ppi:
            opts.append("Lansoprazole 15 mg once daily")
        if "ferritin" not in c.vals or c.vals["ferritin"]["v"] >= 30:
            opts.append("Ferrous fumarate 210 mg twice daily")
        c.stopped.append((r.choice(opts), r.randint(2012, 2022)))
    c.allergy = r.choice(["No known drug allergies", "No known drug allergies", "Penicillin (rash)",
                          "Codeine (vomiting)", "Trimethoprim (rash)", "Elastoplast"])
    if c.extra.get("nsaid"):
        c.meds.append("Ibuprofen 400 mg three times daily (bought over the counter)")


def make_identity(c):
    r = rnd(c.id, "identity")
    c.first = r.choice(FIRST_F if c.sex == "F" else FIRST_M)
    c.surname = r.choice(SURNAMES)
    c.title = "Mr" if c.sex == "M" else r.choice(["Mrs", "Ms", "Miss"] if c.age < 40 else ["Mrs", "Mrs", "Ms"])
    start = datetime.date(2024, 2, 1)
    while True:
        d = start + datetime.timedelta(days=r.randint(0, 600))
        if d.weekday() < 5:
            break
    c.date = d
    while True:
        if c.dob_tight == "after":
            bday = d - datetime.timedelta(days=r.randint(0, 12))
            y = bday.year - c.age
        elif c.dob_tight == "before":
            bday = d + datetime.timedelta(days=r.randint(1, 12))
            y = bday.year - c.age - 1
        else:
            bday = d + datetime.timedelta(days=r.randint(-364, 0))
            y = None
        if bday.month == 2 and bday.day == 29:
            continue
        if y is None:
            dob = datetime.date(d.year - c.age - 1, bday.month, bday.day)
            if age_on(dob, d) != c.age:
                dob = datetime.date(d.year - c.age, bday.month, bday.day)
            if age_on(dob, d) != c.age:
                continue
            # keep DOB-only letters well away from a birthday
            this_year = datetime.date(d.year, dob.month, dob.day)
            gap = min(abs((this_year - d).days), 365 - abs((this_year - d).days))
            if c.age_mode == "dob" and gap < 60:
                continue
        else:
            dob = datetime.date(y, bday.month, bday.day)
        if age_on(dob, d) == c.age:
            break
    c.dob = dob
    c.nhs = nhs_number(r)
    town = r.choice(TOWNS)
    c.town = town[0]
    c.address = "%d %s, %s %s%d %d%s%s" % (r.randint(1, 140), r.choice(STREETS), town[0], town[1], r.randint(1, 9),
                                            r.randint(1, 9), r.choice("ABDEFGHJLNPQRSTUWXYZ"), r.choice("ABDEFGHJLNPQRSTUWXYZ"))
    c.hosp_no = r.choice(["NGH", "K", "RX"]) + "%06d" % r.randint(100000, 999999)
    c.ubrn = "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))
    p = r.choice(PRACTICES)
    c.practice, c.practice_code, c.practice_street = p
    c.gpname = "Dr %s %s" % (r.choice(GP_FIRST), r.choice(SURNAMES))
    c.phone = "01%03d %06d" % (r.randint(100, 999), r.randint(100000, 999999))


def safe_date(c, delta):
    """A date delta days from the letter date for headers, results and visits.  In a letter
    that gives only the DOB, a date on which the patient's age would differ is replaced by the
    letter date, so that no candidate 'letter date' gives another age."""
    d = c.date + datetime.timedelta(days=delta)
    if c.age_mode == "dob" and age_on(c.dob, d) != c.age:
        return c.date
    return d


def raw_date(c, delta):
    """A date that must keep its true distance from the letter date (e.g. a drug start date)."""
    return c.date + datetime.timedelta(days=delta)


# ----------------------------------------------------------------------------------------
# Phrase library
# ----------------------------------------------------------------------------------------
PRON = {"F": dict(he="she", He="She", his="her", His="Her", him="her", hers="hers", self="herself"),
        "M": dict(he="he", He="He", his="his", His="His", him="him", hers="his", self="himself")}
PT_PRON = dict(he="the patient", He="The patient", his="the patient's", His="The patient's", him="the patient",
               hers="the patient's", self="the patient")


def det(c, f):
    return c.pos[f]


def pain_label(b, style="plain"):
    d = det(b.c, "abdominal_pain")
    if "label" not in d:
        d["label"] = b.r.choice(PAIN_SITES[d["site"]])
    if style == "ab":
        return {"upper abdominal pain": "upper abdo pain", "epigastric pain": "epigastric pain",
                "lower abdominal pain": "lower abdo pain", "left iliac fossa pain": "LIF pain",
                "right iliac fossa pain": "RIF pain", "crampy lower abdominal pain": "crampy lower abdo pain",
                "abdominal pain": "abdo pain", "intermittent abdominal pain": "intermittent abdo pain",
                "colicky abdominal pain": "colicky abdo pain"}[d["label"]]
    return d["label"]


def month_ago(c, weeks):
    d = c.date - datetime.timedelta(weeks=weeks)
    return MONTHS[d.month - 1]


def pos_text(b, f, style="plain"):
    """A phrase asserting finding f now (not recorded here)."""
    c, r = b.c, b.r
    d = det(c, f)
    w = d.get("w")
    if style == "pt":
        return pos_patient(b, f)
    ab = style == "ab"
    if f == "dysphagia":
        if d["occasional"]:
            opts = ["occ dysphagia, food sticks ~1x/wk, x%d/52" % w] if ab else [
                "occasional dysphagia - food sticks perhaps once a week - for %d weeks now" % w,
                "intermittent difficulty swallowing solids, only occasionally, over the last %d weeks" % w]
        else:
            opts = ["dysphagia (%s) x%d/52" % (d["kind"], w), "dysphagia to %s %d/52" % (d["kind"], w)] if ab else [
                "difficulty swallowing %s for %d weeks" % (d["kind"], w),
                "progressive dysphagia to %s over the last %d weeks" % (d["kind"], w),
                "dysphagia for %d weeks - food sticks behind the lower sternum" % w,
                "a %d-week history of food sticking on swallowing (dysphagia)" % w]
    elif f == "weight_loss":
        kg, m = d["kg"], d["m"]
        opts = ["unintentional wt loss %dkg/%d/12" % (kg, m), "wt down %dkg in %d/12, not trying" % (kg, m)] if ab else [
            "unintentional weight loss of %d kg over %d months" % (kg, m),
            "weight loss of %d kg in %d months without trying" % (kg, m),
            "%d kg of unexplained weight loss over %d months" % (kg, m),
            "a drop in weight from %d kg to %d kg over %d months, not dieting" % (d["base"], d["base"] - kg, m),
            "unintentional weight loss of %d kg (about %d%% of body weight) over %d months" % (kg, round(100.0 * kg / d["base"]), m)]
    elif f == "rectal_bleeding":
        if d["recurrent"]:
            mon = month_ago(c, w + 6)
            opts = ["PR bleeding from %s, settled, back again last %d/52" % (mon, w)] if ab else [
                "rectal bleeding which first appeared in %s, settled for a few weeks and has been back for the last %d weeks" % (mon, w)]
        else:
            opts = ["fresh PR bleeding x%d/52" % w, "PR bld on and off %d/52" % w] if ab else [
                "bright red rectal bleeding on and off for %d weeks" % w,
                "fresh red blood on the paper and in the pan for %d weeks" % w,
                "rectal bleeding, mixed in with the stool, for %d weeks" % w,
                "intermittent rectal bleeding over %d weeks" % w]
    elif f == "cibh":
        opts = ["CIBH (looser, more freq) x%d/52" % w] if ab else [
            "a change in bowel habit to looser, more frequent stools for %d weeks" % w,
            "a persistent change in bowel habit over %d weeks (looser, three or four times a day)" % w,
            "a %d-week change in bowel habit - looser and more frequent" % w]
    elif f == "abdominal_pain":
        lab = pain_label(b, style)
        opts = ["%s x%d/52" % (lab, w)] if ab else ["%s for %d weeks" % (lab, w), "%d weeks of %s" % (w, lab)]
    elif f == "dyspepsia":
        opts = ["dyspepsia x%d/52" % w] if ab else ["dyspepsia for %d weeks" % w,
                                                     "indigestion (dyspepsia) for about %d weeks" % w,
                                                     "%d weeks of dyspepsia" % w]
    elif f == "reflux":
        opts = ["reflux/heartburn x%d/52" % w] if ab else ["acid reflux and heartburn for %d weeks" % w,
                                                            "reflux symptoms for %d weeks" % w,
                                                            "%d weeks of heartburn and acid reflux" % w]
    elif f == "bloating":
        opts = ["bloating x%d/52" % w] if ab else ["bloating for %d weeks" % w,
                                                   "abdominal bloating most days for %d weeks" % w,
                                                   "%d weeks of bloating, worse as the day goes on" % w]
    elif f == "abdominal_mass":
        s = d["site"]
        sab = {"right iliac fossa": "RIF", "left iliac fossa": "LIF"}[s]
        opts = ["mass %s ~%dcm" % (sab, d["cm"]), "palpable %s mass ~%dcm" % (sab, d["cm"])] if ab else [
            "a firm, irregular mass in the %s" % s, "a palpable %d cm mass in the %s" % (d["cm"], s),
            "an abdominal mass in the %s, about %d cm, non-tender" % (s, d["cm"])]
    elif f == "rectal_mass":
        opts = ["PR: hard irregular mass %dcm from AV" % d["cm"]] if ab else [
            "a hard, irregular rectal mass on digital examination, about %d cm from the anal verge" % d["cm"],
            "a rectal mass on PR examination at about %d cm" % d["cm"]]
    elif f == "anal_mass":
        opts = ["anal mass at %d o'clock, firm" % d["clock"]] if ab else [
            "a firm, irregular anal mass at %d o'clock" % d["clock"],
            "an anal mass at the %d o'clock position, firm and craggy" % d["clock"]]
    elif f == "jaundice":
        opts = ["painless jaundice x%d/52" % w] if ab else [
            "painless jaundice for %d weeks" % w if w > 1 else "painless jaundice for a week",
            "jaundice (yellow sclerae, dark urine) for %d weeks with no pain" % w if w > 1 else
            "jaundice (yellow sclerae, dark urine) for a week with no pain",
            "painless jaundice, first noticed %d weeks ago" % w if w > 1 else "painless jaundice, first noticed a week ago"]
    elif f == "haematemesis":
        n, dd, when = d["n"], d["days"], d["when"]
        opts = ["haematemesis x%d over %d/7, last %s" % (n, dd, when)] if ab else [
            "haematemesis - %s small episodes of fresh blood in the vomit over %d days, the last %s" % (num_words(n), dd, when),
            "%s small episodes of vomiting fresh blood over the past %d days, most recently %s" % (num_words(n), dd, when)]
    elif f == "bloody_diarrhoea":
        opts = ["bloody diarrhoea %dx/day x%d/52" % (d["n"], w)] if ab else [
            "bloody diarrhoea up to %d times a day for %d weeks" % (d["n"], w),
            "diarrhoea with blood mixed in, %d times a day, for %d weeks" % (d["n"], w)]
    elif f == "ascites":
        opts = ["ascites ++ over %d/52" % w] if ab else ["increasing ascites over the last %d weeks" % w if w > 1 else
                                                          "new ascites over the last week",
                                                          "clinically obvious ascites (shifting dullness), building up over %d weeks" % w if w > 1 else
                                                          "clinically obvious ascites (shifting dullness), building up over a week"]
    elif f == "confusion":
        opts = ["new confusion x%d/52" % w] if ab else ["new episodes of confusion over the last %d weeks" % w if w > 1 else
                                                         "new episodes of confusion over the last week",
                                                         "intermittent confusion, noticed by the family, for %d weeks" % w if w > 1 else
                                                         "intermittent confusion, noticed by the family, for a week"]
    else:
        raise KeyError(f)
    return r.choice(opts)


def pos_patient(b, f):
    c, r = b.c, b.r
    d = det(c, f)
    w = d.get("w")
    if f == "dysphagia":
        return "occasionally - food sticks maybe once a week, going on %d weeks" % w if d["occasional"] else \
            r.choice(["food gets stuck when I swallow, about %d weeks now" % w, "yes, bread and meat stick going down, %d weeks" % w])
    if f == "weight_loss":
        return r.choice(["about %d kg in %d months, I'm not trying" % (d["kg"], d["m"]),
                         "yes - clothes are loose, %d kg down since %s" % (d["kg"], month_ago(c, d["m"] * 4))])
    if f == "rectal_bleeding":
        return r.choice(["blood on the paper and in the bowl, on and off for %d weeks" % w,
                         "yes, bright red, %d weeks" % w])
    if f == "cibh":
        return r.choice(["looser and more often, for %d weeks" % w, "yes - much looser, 3 or 4 times a day, %d weeks" % w])
    if f == "abdominal_pain":
        return {"upper": "pain at the top of my stomach, %d weeks" % w,
                "lower": "pain low down in my tummy, %d weeks" % w,
                "general": "tummy pain on and off, %d weeks" % w}[d["site"]]
    if f == "dyspepsia":
        return r.choice(["indigestion most days, %d weeks" % w, "yes indigestion, %d weeks" % w])
    if f == "reflux":
        return r.choice(["heartburn and acid coming up, %d weeks" % w, "yes, heartburn, %d weeks" % w])
    if f == "bloating":
        return r.choice(["bloated most days, %d weeks" % w, "yes - like a balloon by the evening"])
    if f == "haematemesis":
        return "I was sick with blood in it %s times this week" % num_words(d["n"])
    if f == "bloody_diarrhoea":
        return "diarrhoea with blood in it, %d times a day" % d["n"]
    if f == "jaundice":
        return "my eyes went yellow %d weeks ago, no pain" % w if w > 1 else "my eyes went yellow last week, no pain"
    raise KeyError(f)


NEG = {
    "dysphagia": (["no dysphagia", "no difficulty swallowing", "swallowing normal", "denies any dysphagia"],
                  ["nil dysphagia", "no dysphagia"]),
    "weight_loss": (["no weight loss", "weight stable", "denies weight loss"], ["no wt loss", "wt stable"]),
    "rectal_bleeding": (["no rectal bleeding", "no PR bleeding", "no blood seen in the stool"], ["no PR bld", "nil PR bleeding"]),
    "cibh": (["no change in bowel habit", "bowel habit unchanged"], ["no CIBH", "BO normal, no CIBH"]),
    "abdominal_pain": (["no abdominal pain"], ["no abdo pain"]),
    "dyspepsia": (["no indigestion"], ["no dyspepsia"]),
    "reflux": (["no reflux or heartburn"], ["no reflux"]),
    "bloating": (["no bloating"], ["no bloating"]),
    "abdominal_mass": (["no abdominal mass", "abdomen soft with no masses", "no masses palpable"], ["abdo SNT, no masses"]),
    "rectal_mass": (["PR: no mass felt", "rectal examination normal, no mass"], ["PR NAD, no mass"]),
    "anal_mass": (["no anal lesion"], ["no anal lesion"]),
    "jaundice": (["not jaundiced", "no jaundice"], ["not jaundiced"]),
    "haematemesis": (["no haematemesis", "has not vomited blood"], ["no haematemesis"]),
    "bloody_diarrhoea": (["no bloody diarrhoea"], ["no bloody D"]),
    "ascites": (["no ascites"], ["no ascites"]),
    "confusion": (["no confusion"], ["no confusion"]),
}
NEG_PT = {"dysphagia": "no, swallowing is fine", "weight_loss": "not that I've noticed",
          "rectal_bleeding": "no, never seen any", "cibh": "no, same as always", "abdominal_pain": "never",
          "dyspepsia": "never had it", "reflux": "never", "bloating": "not at all", "jaundice": "no",
          "haematemesis": "never", "bloody_diarrhoea": "never"}
PLAIN_NAME = {"dysphagia": "difficulty swallowing", "rectal_bleeding": "rectal bleeding",
              "weight_loss": "weight loss", "jaundice": "jaundice", "haematemesis": "blood in the vomit",
              "cibh": "a change in bowel habit", "abdominal_mass": "an abdominal mass"}
FH_TEXT = {"crc": "bowel cancer", "oesophageal": "oesophageal cancer", "gastric": "stomach cancer",
           "crohns": "Crohn's disease", "coeliac": "coeliac disease", "uc": "ulcerative colitis"}


def neg_text(b, f, style="plain"):
    if style == "pt":
        return NEG_PT[f]
    plain, ab = NEG[f]
    return b.r.choice(ab if style == "ab" else plain)


def fh_text(b, fh, style="plain"):
    rel, cond, age = fh["rel"], fh["cond"], fh["age"]
    if style == "ab":
        ab = {"crc": "CRC", "oesophageal": "oesophageal ca", "gastric": "gastric ca", "crohns": "Crohn's",
              "coeliac": "coeliac", "uc": "UC"}[cond]
        return "FHx: %s %s%s" % (rel, ab, (" @%d" % age) if cond in ("crc", "oesophageal", "gastric") else "")
    if cond in ("crc", "oesophageal", "gastric"):
        return b.r.choice(["%s had %s at %d" % (rel, FH_TEXT[cond], age),
                           "%s was diagnosed with %s aged %d" % (rel, FH_TEXT[cond], age)])
    return "%s has %s" % (rel, FH_TEXT[cond])


def resolved_text(b, d, style="plain"):
    c = b.c
    y = d["year"]
    f = d["fact"]
    ab = style == "ab"
    if f == "rectal_bleeding":
        return "PR bleeding %d (piles, banded), none since" % y if ab else \
            "rectal bleeding in %d from haemorrhoids, which were banded - none since" % y
    if f == "haematemesis":
        return "haematemesis x1 %d (Mallory-Weiss), none since" % y if ab else \
            "a single haematemesis in %d after a bout of vomiting (small Mallory-Weiss tear at OGD) - none since" % y
    if f == "dysphagia":
        return "dysphagia %d - benign stricture dilated, fine since" % y if ab else \
            "dysphagia in %d from a benign oesophageal stricture, dilated, with no swallowing problems since" % y
    if f == "jaundice":
        return "jaundice %d (hep A), resolved" % y if ab else "jaundice in %d with hepatitis A, fully resolved" % y
    if f == "dyspepsia":
        return "dyspepsia %d, H. pylori +ve, eradicated, asymptomatic since" % y if ab else \
            "dyspepsia in %d, H. pylori positive and eradicated, with no symptoms since" % y
    if f == "ida":
        cause = "menorrhagia" if c.sex == "F" else "a bleeding duodenal ulcer"
        return "IDA %d (%s), treated, FBC normal since" % (y, cause) if ab else \
            "iron deficiency anaemia in %d due to %s, treated, with a normal blood count since" % (y, cause)
    if f == "bloody_diarrhoea":
        return "last flare %d (bloody D), settled on pred, none since" % y if ab else \
            "last flare was in %d with bloody diarrhoea, settled on prednisolone - none since" % y
    raise KeyError(f)


HYPO_NAME = {"dysphagia": "difficulty swallowing", "rectal_bleeding": "rectal bleeding", "weight_loss": "weight loss",
             "jaundice": "jaundice", "haematemesis": "blood in the vomit", "cibh": "change in bowel habit"}


def hypo_text(b, facts, style="plain"):
    names = [HYPO_NAME[f] for f in facts]
    x = " or ".join(names)
    if style == "ab":
        return "SN re %s" % "/".join(names)
    return b.t(b.r.choice(["if {he} develops %s I would be grateful to re-refer urgently" % x,
                           "{he} knows to come back straight away if there is any %s" % x,
                           "safety-netted about %s - to return if this happens" % x,
                           "should {he} develop %s I will contact you" % x]))


OTHER_TEXT = {"dysphagia": "has had difficulty swallowing and is being investigated elsewhere",
              "rectal_bleeding": "has had rectal bleeding and is waiting for a colonoscopy",
              "jaundice": "was jaundiced last month and is under the liver team",
              "weight_loss": "has lost a lot of weight recently and is under investigation"}


def is_normal(c, name):
    v = c.vals[name]["v"]
    if name == "hb":
        return v >= (130 if c.sex == "M" else 120)
    if name == "ferritin":
        return v >= 30
    if name == "alt":
        return v < 40
    return False


def hb_str(v, unit, r, style="plain"):
    if unit == "g/dL":
        x = "%.1f" % (v / 10.0)
        return r.choice(["Hb %s g/dL" % x, "haemoglobin %s g/dL" % x] if style != "ab" else ["Hb %s g/dL" % x])
    return r.choice(["Hb %d g/L" % v, "Hb %d" % v, "haemoglobin %d g/L" % v] if style != "ab" else ["Hb %d" % v, "Hb %dg/L" % v])


def fer_str(v, r, style="plain"):
    return r.choice(["ferritin %d ug/L" % v, "ferritin %d" % v, "ferritin %d ug/L" % v, "ferritin %d ng/mL" % v]
                    if style != "ab" else ["ferritin %d" % v, "ferr %d" % v])


def fit_str(d, r, style="plain"):
    disp = d.get("disp")
    v = d["v"]
    if disp == "<4":
        return r.choice(["FIT <4", "FIT: <4 ug Hb/g", "qFIT <4 ug/g"])
    if disp == "<10":
        return r.choice(["FIT: <10", "FIT <10 ug/g"])
    if disp == "negative":
        return r.choice(["FIT negative", "FIT: negative"])
    if disp == "undetectable":
        return r.choice(["FIT undetectable", "FIT: undetectable"])
    if disp == "qfit_pos":
        return "qFIT positive at %d" % v
    return r.choice(["FIT %d" % v, "FIT %d ug/g" % v, "qFIT %d ug Hb/g" % v, "FIT: %d ug Hb/g faeces" % v]
                    if style != "ab" else ["FIT %d" % v, "qFIT %d" % v])


def fcp_str(d, r, style="plain"):
    if d.get("disp") == "<50":
        return r.choice(["FCP <50", "calprotectin <50 ug/g", "faecal calprotectin <50"])
    v = d["v"]
    return r.choice(["calprotectin %d" % v, "FCP %d ug/g" % v, "faecal calprotectin %d ug/g" % v]
                    if style != "ab" else ["FCP %d" % v, "calpro %d" % v])


def alt_str(d, r, style="plain"):
    if d.get("disp"):
        return "ALT " + d["disp"]
    v = d["v"]
    return r.choice(["ALT %d" % v, "ALT %d U/L" % v, "ALT %d IU/L" % v])


def val_str(b, name, style="plain", v=None):
    c, r = b.c, b.r
    d = c.vals[name]
    if v is not None:
        d = dict(d)
        d["v"] = v
        d.pop("disp", None)
    if name == "hb":
        return hb_str(d["v"], d.get("unit", "g/L"), r, style)
    if name == "ferritin":
        return fer_str(d["v"], r, style)
    if name == "fit":
        return fit_str(d, r, style)
    if name == "fcp":
        return fcp_str(d, r, style)
    if name == "alt":
        return alt_str(d, r, style)
    raise KeyError(name)


CELL_NAMES = {"hb": "Haemoglobin", "ferritin": "Ferritin", "fit": "FIT (faecal immunochemical test)",
              "fcp": "Faecal calprotectin", "alt": "ALT"}


def val_cells(c, name, v=None):
    """(test, result, units, range, flag) for a results table."""
    d = c.vals[name]
    v = d["v"] if v is None else v
    disp = d.get("disp") if v == d["v"] else None
    if name == "hb":
        if d.get("unit") == "g/dL":
            res, unit, rng = "%.1f" % (v / 10.0), "g/dL", ("13.0-17.0" if c.sex == "M" else "11.5-16.5")
            low = v < (130 if c.sex == "M" else 115)
        else:
            res, unit, rng = str(v), "g/L", ("130-170" if c.sex == "M" else "115-165")
            low = v < (130 if c.sex == "M" else 115)
        return ("Haemoglobin", res, unit, rng, "L" if low else "")
    if name == "ferritin":
        return ("Ferritin", str(v), "ug/L", "15-300", "L" if v < 15 else "")
    if name == "fit":
        if disp in ("<4", "<10"):
            res = disp
        elif disp in ("negative", "undetectable"):
            res = disp
        else:
            res = str(v)
        return ("FIT", res, "ug Hb/g", "<10", "H" if v >= 10 else "")
    if name == "fcp":
        res = "<50" if disp == "<50" else str(v)
        return ("Calprotectin (faecal)", res, "ug/g", "<50", "H" if v >= 50 else "")
    if name == "alt":
        return ("ALT", str(v), "U/L", "0-45", "H" if v > 45 else "")
    raise KeyError(name)


class B:
    """Letter builder: records every evidence string, distractor and form answer."""

    def __init__(self, c, style="plain", pron=None):
        self.c = c
        self.r = rnd(c.id, "render")
        self.style = style
        self.p = pron or PRON[c.sex]
        self.ev = {}
        self.dis = []
        self.form = []
        self.done = set()
        self.noise = []
        self.bp = []

    def t(self, s):
        return s.format(**self.p)

    def E(self, fact, s):
        self.ev.setdefault(fact, [])
        if s not in self.ev[fact]:
            self.ev[fact].append(s)
        self.done.add(("pos", fact))
        return s

    def D(self, kind, fact, s):
        self.dis.append(dict(kind=kind, fact=fact, text=s))
        return s

    def BP(self, s):
        """Fixed form wording that asserts nothing about the patient (headers, field labels)."""
        self.bp.append(s)
        return s

    def F(self, fact, answer, status, text):
        self.form.append(dict(fact=fact, answer=answer, status=status, text=text))

    # ---- free-text helpers
    def pos(self, f, style=None):
        return self.E(f, pos_text(self, f, style or self.style))

    def neg(self, f, style=None):
        self.done.add(("neg", f))
        return self.D("negated", f, neg_text(self, f, style or self.style))

    def fh(self, fh, style=None):
        s = fh_text(self, fh, style or self.style)
        self.done.add(("fh", id(fh)))
        if fh["cond"] == "crc":
            self.E("fh_crc", s)
        self.D("family_history", fh["cond"], s)
        return s

    def dist(self, d, style=None):
        st = style or self.style
        self.done.add(("dist", id(d)))
        if d["kind"] == "resolved_past":
            return self.D("resolved_past", d["fact"], resolved_text(self, d, st))
        if d["kind"] == "hypothetical":
            s = hypo_text(self, d["facts"], st)
            return self.D("hypothetical", ",".join(d["facts"]), s)
        if d["kind"] == "other_person":
            s = self.t("{his} %s %s" % (d["who"], OTHER_TEXT[d["fact"]]))
            return self.D("other_person", d["fact"], s)
        raise KeyError(d)

    def val(self, name, style=None):
        st = style or self.style
        s = self.E(name, val_str(self, name, st))
        if name in ("hb", "ferritin", "alt") and is_normal(self.c, name):
            self.D("normal_value", name, s)
        return s

    def old_vals(self, name, style=None, fmt="slash"):
        out = []
        for v, days in self.c.vals[name].get("old", []):
            dd = self.c.date - datetime.timedelta(days=days)
            s = "%s (%s)" % (val_str(self, name, style or self.style, v=v), fdate(dd, fmt))
            self.done.add(("old", name))
            out.append(self.D("superseded", name, s))
        return out

    def val_with_old(self, name, style=None, fmt="slash", now_word="now"):
        """Current value; an older (superseded) value, if any, is kept for later_olds()."""
        cur = self.val(name, style)
        olds = self.old_vals(name, style, fmt)
        if olds:
            self.pending_old = getattr(self, "pending_old", []) + olds
        return cur

    def later_olds(self):
        o = getattr(self, "pending_old", [])
        self.pending_old = []
        if not o:
            return []
        return [self.r.choice(["Previous result%s for comparison: " % ("s" if len(o) > 1 else ""),
                               "Older result%s on file: " % ("s" if len(o) > 1 else "")]) + "; ".join(o) + "."]

    # ---- context
    def ppi(self, style=None):
        c = self.c
        p = c.ppi
        st = style or self.style
        if p["kind"] == "PPI" and p["weeks"] >= 4:
            s = self.r.choice(["dyspepsia persisting despite %d weeks of %s" % (p["weeks"], p["drug"]),
                               "%s for %d weeks with no improvement in the dyspepsia" % (p["drug"], p["weeks"]),
                               "%d weeks of %s and the dyspepsia is no better" % (p["weeks"], p["drug"])])
            if "dyspepsia" not in c.pos:
                s = self.r.choice(["reflux persisting despite %d weeks of %s" % (p["weeks"], p["drug"]),
                                   "%s for %d weeks, reflux no better" % (p["drug"], p["weeks"])])
            if st == "ab":
                s = "%s x%d/52, %s no better" % (p["drug"], p["weeks"], "dyspepsia" if "dyspepsia" in c.pos else "reflux")
            self.done.add(("ctx", "ppi"))
            return self.E("treatment_resistant_dyspepsia", s) if "dyspepsia" in c.pos else self.E("ppi_trial", s)
        self.done.add(("ctx", "ppi"))
        if p["kind"] == "PPI":
            s = self.r.choice(["started %s %d weeks ago and still has indigestion" % (p["drug"], p["weeks"]),
                               "on %s for %d weeks so far, still symptomatic" % (p["drug"], p["weeks"])])
            return self.D("below_threshold", "treatment_resistant_dyspepsia", s)
        s = self.r.choice(["%s for %d weeks, no better - has not tried a PPI" % (p["drug"], p["weeks"]),
                           "tried %s for %d weeks without benefit; no PPI so far" % (p["drug"], p["weeks"])])
        return self.D("not_ppi", "treatment_resistant_dyspepsia", s)

    def ibd_known(self, style=None):
        i = self.c.ibd
        self.done.add(("ctx", "ibd"))
        ab = (style or self.style) == "ab"
        nm = i["type"]
        if ab:
            nm = {"ulcerative colitis": "UC", "Crohn's disease": "Crohn's"}[nm]
        return self.E("known_ibd", self.r.choice(["known %s (diagnosed %d)" % (nm, i["year"]),
                                                  "%s diagnosed in %d" % (nm, i["year"])]))

    def ibd_stable(self):
        i = self.c.ibd
        return self.E("ibd_stable", self.r.choice(["stable on %s" % i["drug"], "clinically stable in remission on %s" % i["drug"],
                                                   "stable, %s" % i["drug"]]))

    def ibd_question(self):
        q = IBD_QUESTIONS[self.c.ibd["question"]]
        self.done.add(("ctx", "ibdq"))
        return self.E("management_question", self.t(self.r.choice(["could you advise %s?" % q,
                                                                    "{his} question is %s." % q,
                                                                    "we would value your advice on %s." % q])))

    def cirrhosis(self, style=None):
        cz = self.c.cirrhosis
        self.done.add(("ctx", "cirrhosis"))
        return self.E("known_cirrhosis", self.r.choice(["known %s cirrhosis (diagnosed %d)" % (cz["aet"], cz["year"]),
                                                        "known cirrhosis (%s, since %d)" % (cz["aet"], cz["year"])]))

    def imaging(self, fmt="slash"):
        im = self.c.imaging
        self.done.add(("ctx", "imaging"))
        dd = fdate(safe_date(self.c, -self.r.randint(10, 40)), fmt)
        if im["fatty"]:
            s = self.r.choice(["%s abdomen (%s): fatty liver (hepatic steatosis), no focal lesion" % (im["modality"], dd),
                               "%s on %s showed a fatty liver" % (im["modality"], dd)])
            return self.E("fatty_liver_imaging", s)
        s = "ultrasound abdomen (%s): liver normal in size and echotexture" % dd
        return self.D("normal_value", "fatty_liver_imaging", s)

    def ttg(self, style=None):
        t = self.c.ttg
        self.done.add(("ctx", "ttg"))
        if t["raised"]:
            s = self.r.choice(["tTG %d U/mL (ref <%d) - coeliac serology positive" % (t["v"], t["uln"]),
                               "raised tTG at %d U/mL (normal <%d)" % (t["v"], t["uln"]),
                               "coeliac screen positive: tTG-IgA %d U/mL (<%d)" % (t["v"], t["uln"])])
            return self.E("ttg_raised", s)
        s = self.r.choice(["tTG <1 U/mL (negative)", "coeliac serology negative", "tTG negative"])
        return self.D("normal_value", "ttg", s)

    def fit_pending(self, fmt="slash"):
        kind = self.c.fit_pending
        self.done.add(("ctx", "fitpend"))
        dd = fdate(safe_date(self.c, -self.r.randint(5, 20)), fmt)
        s = {"awaited": "FIT kit given on %s - result awaited" % dd,
             "not returned": "FIT requested on %s but not yet returned" % dd,
             "declined": "FIT offered but declined by the patient"}[kind]
        return self.D("test_pending", "fit", s)


# ----------------------------------------------------------------------------------------
# Shared narrative pieces
# ----------------------------------------------------------------------------------------
HIST_ORDER = ["dysphagia", "haematemesis", "bloody_diarrhoea", "rectal_bleeding", "cibh", "abdominal_pain",
              "dyspepsia", "reflux", "bloating", "weight_loss", "jaundice", "confusion"]
EXAM_F = ["abdominal_mass", "rectal_mass", "anal_mass", "ascites"]
EXAM_NEG = ["abdominal_mass", "rectal_mass", "anal_mass", "jaundice", "ascites"]


def cap(s):
    if s[1:2].isupper():
        return s
    return s[:1].upper() + s[1:]


def noisify(s, r):
    words = s.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not idx:
        return s
    for i in r.sample(idx, min(len(idx), r.randint(1, 2))):
        w = words[i]
        op = r.choice(["swap", "rnm", "l1", "drop", "dup", "ie"])
        if op == "swap":
            j = r.randint(1, len(w) - 3)
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif op == "rnm" and "m" in w:
            w = w.replace("m", "rn", 1)
        elif op == "l1" and "l" in w:
            w = w.replace("l", "1", 1)
        elif op == "drop":
            j = r.randint(1, len(w) - 2)
            w = w[:j] + w[j + 1:]
        elif op == "ie" and "ei" in w:
            w = w.replace("ei", "ie", 1)
        else:
            j = r.randint(1, len(w) - 2)
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    return " ".join(words)


def safe(b, s):
    """Boilerplate that carries no fact: light noise goes only here."""
    if b.c.noise:
        n = noisify(s, b.r)
        if n != s:
            b.noise.append(dict(orig=s, noisy=n))
        return n
    return s


PRIO = {
    "usc": ["I would be grateful if you could see {him} under the two-week-wait pathway.",
            "Please see under the urgent suspected cancer (2WW) pathway.",
            "I am referring {him} as a suspected cancer (two-week-wait) referral."],
    "urgent": ["I would be grateful if you could see {him} urgently.",
               "An urgent appointment would be much appreciated.",
               "I have marked this as urgent - please see soon."],
    "routine": ["A routine appointment would be fine.", "I would be grateful for a routine clinic appointment.",
                "Please see routinely."],
    "advice": ["I would value your advice - I do not think {he} needs to be seen in clinic.",
               "This is an advice and guidance request: is there anything more I should do in primary care?",
               "Could you advise on management? I am happy to keep {him} in primary care."],
}
PRIO_AB = {"usc": ["2WW pls.", "2WW referral."], "urgent": ["Urgent pls.", "Pls see urgently."],
           "routine": ["Routine pls.", "Routine OPD pls."], "advice": ["A&G only pls - ?needs seeing.", "Advice only pls."]}


def prio_text(b, style="plain"):
    g = b.c.gp
    if g is None:
        return None
    s = b.r.choice((PRIO_AB if style == "ab" else PRIO)[g])
    s = b.t(s)
    b.ev.setdefault("_gp_priority", []).append(s)
    return s


def age_phrase(b, words=False):
    c = b.c
    noun = "woman" if c.sex == "F" else "man"
    if words or c.age_mode == "words":
        s = "%s-year-old %s" % (num_words(c.age), noun)
    else:
        s = "%d-year-old %s" % (c.age, noun)
    b.E("age", s)
    b.E("sex", s)
    return s


def dob_ev(b, fmt):
    s = fdate(b.c.dob, fmt)
    b.E("age", s)
    return s


def date_ev(b, fmt):
    s = fdate(b.c.date, fmt)
    if b.c.age_mode == "dob":
        b.E("age", s)
    return s


def extra_sentences(b, style):
    c, r = b.c, b.r
    out = []
    ab = style == "ab"
    if "haematemesis" in c.pos:
        if c.extra.get("retching"):
            out.append(b.t("This started after a bout of retching; {he} has been haemodynamically stable (pulse %d, BP %d/%d)." %
                           (r.randint(72, 92), r.randint(112, 138), r.randint(68, 84))))
        else:
            out.append("Obs stable: HR %d, BP %d/%d, not dizzy." % (r.randint(70, 90), r.randint(112, 140), r.randint(68, 86)) if ab else
                       b.t("{He} has been haemodynamically stable with a pulse of %d and BP %d/%d, and is not dizzy." %
                           (r.randint(70, 90), r.randint(112, 140), r.randint(68, 86))))
    if c.extra.get("nsaid"):
        out.append(b.D("other_symptom", "back_pain", b.t("{He} has been taking ibuprofen 400 mg three times a day for back pain.")))
    if c.extra.get("menorrhagia"):
        out.append(b.t("{He} has heavy periods."))
    if c.extra.get("tired"):
        out.append(b.t("{He} has been tired for some months."))
    if c.extra.get("osteoporosis"):
        out.append(b.BP(b.t("Coeliac serology was checked as part of the work-up of osteoporosis found on DEXA (T-score -2.%d)." % r.randint(6, 9))))
    if c.extra.get("hp_neg"):
        out.append("H. pylori stool antigen negative.")
    if c.extra.get("gilbert"):
        out.append(b.t("{His} bilirubin is %d umol/L, mostly unconjugated, and it is worse when {he} is run down." % r.randint(38, 52)))
    if c.extra.get("cirrhosis_stable"):
        out.append(b.t("{He} is well and abstinent, with no varices on {his} last OGD."))
    if not c.pos:
        s = b.t(r.choice(["{He} has no bowel or stomach symptoms at all.", "{He} is entirely asymptomatic from a GI point of view.",
                          "No GI symptoms."]))
        if ab:
            s = "Asymptomatic (no GI sx)."
        b.D("negated", "any_gi_symptom", s)
        out.append(s)
    return out


def other_neg(b, f):
    n = b.t("{he} has %s {self}" % {"dysphagia": "no swallowing difficulty", "rectal_bleeding": "had no rectal bleeding",
                                   "jaundice": "not been jaundiced", "weight_loss": "not lost weight"}[f])
    b.done.add(("neg", f))
    return b.D("negated", f, n)


def story(b, style="plain", with_request=True, exam_intro=None):
    """Free-text building blocks: each list item is a finished sentence.  Items that the
    builder has already rendered (e.g. as form rows) are skipped."""
    c, r = b.c, b.r
    ab = style == "ab"
    dn = b.done
    S = dict(hpc=[], ctx=[], neg=[], exam=[], results=[], fh=[], dist=[], pmh=[], request=[])
    hist = [f for f in HIST_ORDER if f in c.pos and ("pos", f) not in dn]
    if c.ibd and not c.ibd.get("stable") and ("ctx", "ibd") not in dn:
        S["ctx"].append(b.E("known_ibd", b.t("{He} has %s, on %s." % (b.ibd_known(style), c.ibd["drug"]))))
    for i, f in enumerate(hist):
        ph = b.pos(f, style)
        if ab:
            S["hpc"].append(("c/o " if i == 0 else "") + ph + ".")
        elif i == 0:
            S["hpc"].append(b.t(r.choice(["{He} presents with %s.", "{He} has had %s.", "{He} describes %s.",
                                          "{He} tells me about %s."]) % ph))
        else:
            S["hpc"].append(b.t(r.choice(["{He} also has %s.", "There is also %s.", "Alongside this {he} reports %s.",
                                          "{He} mentions %s as well."]) % ph))
    if ("extra", 1) not in dn:
        S["hpc"] += extra_sentences(b, style)
        dn.add(("extra", 1))
    if c.ppi and ("ctx", "ppi") not in dn:
        S["ctx"].append(cap(b.ppi(style)) + ".")
    if c.ibd and c.ibd.get("stable"):
        if ("ctx", "ibd") not in dn:
            S["ctx"].append(b.t("{He} has %s, %s." % (b.ibd_known(style), b.ibd_stable())))
        elif ("pos", "ibd_stable") not in dn:
            S["ctx"].append(b.t("{He} is %s." % b.ibd_stable()))
        if c.ibd.get("question") and ("ctx", "ibdq") not in dn:
            S["request"].append(cap(b.ibd_question()))
    if c.cirrhosis and ("ctx", "cirrhosis") not in dn:
        S["ctx"].append(b.t("{He} has %s." % b.cirrhosis(style)))
    if c.extra.get("cirrhosis_stable") and ("extra", "cq") not in dn:
        dn.add(("extra", "cq"))
        S["request"].append(b.t("Could you advise whether {he} should have six-monthly ultrasound surveillance here or with you?"))
    if c.imaging and ("ctx", "imaging") not in dn:
        S["ctx"].append(cap(b.imaging()) + ".")
    # exam
    ex = []
    for f in EXAM_F:
        if f in c.pos and ("pos", f) not in dn:
            ph = b.pos(f, style)
            if f == "ascites":
                S["hpc"].append(b.t("{He} now has %s." % ph))
            else:
                ex.append(ph)
    exneg = [b.neg(f, style) for f in EXAM_NEG if f in c.neg and ("neg", f) not in dn]
    if ex or exneg:
        S["exam"].append((exam_intro or ("O/E: " if ab else "On examination: ")) + "; ".join(ex + exneg) + ".")
    # negatives (other_person negations rendered with the relative)
    op = [d for d in c.dist if d["kind"] == "other_person" and ("dist", id(d)) not in dn]
    opf = set(d["fact"] for d in op)
    negs = [b.neg(f, style) for f in c.neg if f not in EXAM_NEG and f not in opf and ("neg", f) not in dn]
    if negs:
        intro = r.choice(["Red flags:", "Nil else:"]) if ab else r.choice(["On direct questioning:", "Negatives:", "Otherwise -",
                                                                           "Systems enquiry:"])
        S["neg"].append(intro + " " + ", ".join(negs) + ".")
    for d in op:
        o = b.dist(d, style)
        n = other_neg(b, d["fact"])
        S["dist"].append(cap(o) + "; " + n + ".")
    # results
    res = []
    for name in ["hb", "ferritin", "alt"]:
        if name in c.vals and ("pos", name) not in dn:
            res.append(b.val_with_old(name, style))
    if res:
        dd = fdate(safe_date(c, -r.randint(3, 21)), r.choice(["slash", "long", "slash2"]))
        extra = ", CRP %d" % c.extra["crp"] if r.random() < 0.4 else ""
        S["results"].append(("Bloods %s: " if ab else "Bloods (%s): ") % dd + ", ".join(res) + extra + ".")
    if c.ttg and ("ctx", "ttg") not in dn:
        S["results"].append(cap(b.ttg(style)) + ".")
    stool = []
    for name in ["fit", "fcp"]:
        if name in c.vals and ("pos", name) not in dn:
            stool.append(b.val_with_old(name, style))
    if stool:
        S["results"].append(cap("; ".join(stool)) + ".")
    if c.fit_pending and ("ctx", "fitpend") not in dn:
        S["results"].append(cap(b.fit_pending()) + ".")
    S["results"] += b.later_olds()
    for fh in c.fh:
        if ("fh", id(fh)) in dn:
            continue
        t = b.fh(fh, style)
        S["fh"].append(t + "." if ab else b.t("{His} %s." % t))
    for d in c.dist:
        if d["kind"] == "other_person" or ("dist", id(d)) in dn:
            continue
        t = b.dist(d, style)
        if d["kind"] == "resolved_past":
            S["dist"].append(("PMHx: " if ab else r.choice(["Past history includes ", "Of note, {his} history includes "])).format(**b.p) + t + ".")
        else:
            S["dist"].append(cap(t) + ".")
    if ("pmh", 1) not in dn:
        dn.add(("pmh", 1))
        if c.pmh or c.meds:
            pm = ", ".join(p[0] for p in c.pmh) or ("nil" if ab else "nothing significant")
            md = ", ".join(c.meds) or ("nil" if ab else "none regular")
            S["pmh"].append(("PMHx: %s. DHx: %s." if ab else "Past history: %s. Medication: %s.") % (pm, md))
        for med, y in c.stopped:
            s = "%s (stopped %d)" % (med, y)
            b.D("stopped_medicine", med.split()[0].lower(), s)
            S["pmh"].append(("Previously on " if not ab else "Prev ") + s + ".")
    if with_request:
        pr = prio_text(b, style)
        if pr:
            S["request"].append(pr)
    return S


# ----------------------------------------------------------------------------------------
# Free-text GP letters (one writer each)
# ----------------------------------------------------------------------------------------
def re_line(b, dob_fmt="slash", nhs_style=0, with_age=True):
    c = b.c
    bits = ["%s %s %s" % (c.title, c.first, c.surname)]
    b.E("sex", c.title)
    if c.age_mode in ("dob", "both"):
        bits.append("DOB " + dob_ev(b, dob_fmt))
    if c.age_mode in ("age", "both") and with_age:
        bits.append(b.E("age", "aged %d" % c.age))
    bits.append("NHS No " + nhs_fmt(c.nhs, nhs_style))
    return ", ".join(bits)


def lay_formal(c):
    b = B(c)
    r = b.r
    S = story(b)
    L = []
    L.append("MOORSIDE MEDICAL PRACTICE")
    L.append(safe(b, "14 Moorside Road, Northfield NF2 4QT") + "   Tel 01632 418 220   Practice code Z81231")
    L.append("")
    L.append(date_ev(b, "long"))
    L.append("")
    L.append(r.choice(["The Consultant Gastroenterologist", "Dr H. Lindqvist, Consultant Gastroenterologist"]))
    L.append("Department of Gastroenterology, " + HOSPITAL)
    L.append("")
    L.append("Dear Colleague,")
    L.append("")
    L.append("Re: " + re_line(b, "slash"))
    L.append("    " + c.address)
    L.append("")
    if c.age_mode in ("age", "both", "words"):
        opener = "Thank you for seeing this %s" % age_phrase(b)
    else:
        opener = "Thank you for seeing %s %s" % (c.title, c.surname)
    if S["hpc"]:
        first = S["hpc"][0]
        first = first[0].lower() + first[1:]
        para1 = opener + ". " + " ".join([cap(first)] + S["hpc"][1:])
    else:
        para1 = opener + ", " + r.choice(["whom I would like your opinion on.", "about whom I would value your advice."])
    L.append(para1)
    L.append("")
    if S["ctx"]:
        L.append(" ".join(S["ctx"]))
        L.append("")
    body2 = S["neg"] + S["exam"]
    if body2:
        L.append(" ".join(body2))
        L.append("")
    if S["results"]:
        L.append(r.choice(["Recent investigations: ", "Results: ", ""]) + " ".join(S["results"]))
        L.append("")
    if S["fh"] or S["dist"]:
        L.append(" ".join(S["fh"] + S["dist"]))
        L.append("")
    if S["pmh"]:
        L.append(" ".join(S["pmh"]))
        L.append("")
    if S["request"]:
        L.append(" ".join(S["request"]))
        L.append("")
    L.append(safe(b, "Thank you for your help with her care." if c.sex == "F" else "Thank you for your help with his care."))
    L.append("")
    L.append("Yours sincerely,")
    L.append("")
    L.append("Dr Eleanor Whitcombe")
    L.append("GP Partner, Moorside Medical Practice")
    L.append("")
    L.append("cc: " + r.choice(["Patient", "Patient; Dr A. Byrne (locum)", "Patient; community matron", "Patient; practice pharmacist"]))
    if len(L) > 26 and r.random() < 0.6:
        mid = len(L) // 2
        while L[mid] != "":
            mid += 1
        n0 = len(b.noise)
        foot = safe(b, "Moorside Medical Practice - Confidential - Page # of 2")
        if len(b.noise) > n0:
            nz = b.noise.pop()
            for k in ("1", "2"):
                b.noise.append(dict(orig=nz["orig"].replace("#", k), noisy=nz["noisy"].replace("#", k)))
        L = L[:mid] + ["", foot.replace("#", "1"), "Re: %s %s (cont.)" % (c.title, c.surname)] + L[mid:] + ["", foot.replace("#", "2")]
    return "\n".join(L), b


def lay_terse(c):
    b = B(c, style="ab")
    r = b.r
    L = []
    L.append("QUARRY HILL PRACTICE | Quarry Hill, Lowther Cross LC3 8JD | Tel 01632 960 114 | Fax 01632 960 115 | Code Z85562")
    L.append(safe(b, "Partners: Dr R Okafor, Dr S Lindqvist, Dr P Mensah, Dr A Byrne | Practice manager: Mrs J Thornber"))
    d1 = safe_date(c, -r.randint(1, 3))
    L.append("Dictated: %s   Typed: %s   Sent: %s" % (fdate(d1, "slash"), date_ev(b, "slash"), fdate(safe_date(c, 0), "slash")))
    L.append("To: Gastroenterology, NGH (via e-RS, UBRN %s)" % c.ubrn)
    who = "%s %s" % (c.first, c.surname.upper())
    dob = ("DOB " + dob_ev(b, "slash")) if c.age_mode in ("dob", "both") else ""
    L.append("Pt: %s %s NHS %s Hosp no %s" % (who, dob, nhs_fmt(c.nhs, 1), c.hosp_no))
    L.append("cc: patient; " + r.choice(["practice nurse", "Dr Mensah", "district nurses"]) + "; file")
    L.append("")
    bits = []
    if c.age_mode in ("age", "both", "words"):
        bits.append(b.E("sex", b.E("age", "%d%s" % (c.age, c.sex))) + ".")
    else:
        bits.append(b.E("sex", "M" if c.sex == "M" else "F") + ".")
    S = story(b, "ab")
    if c.ibd and c.ibd.get("stable"):
        pass
    core = S["ctx"][:1] + S["hpc"] + S["exam"] + S["neg"][:1] + S["results"] + S["dist"][:1] + S["fh"][:1]
    bits += core
    # anything not yet used must still appear (terse, but complete)
    rest = S["ctx"][1:] + S["neg"][1:] + S["dist"][1:] + S["fh"][1:] + S["pmh"]
    if rest:
        bits += rest
    bits += S["request"]
    L.append(" ".join(bits))
    L.append("")
    L.append("R Okafor")
    L.append("")
    L.append(safe(b, "-- Quarry Hill Practice is a training practice. This letter was dictated and may contain typing errors. Page 1 of 1 --"))
    return "\n".join(L), b


def lay_chatty(c):
    b = B(c)
    r = b.r
    S = story(b)
    L = []
    L.append("The Beck Surgery, Beck Lane, Kings Marden KM4 2RE  (Z81402)")
    L.append(date_ev(b, "ord"))
    L.append("")
    L.append(safe(b, "Dear Gastro team,"))
    L.append("")
    L.append("Re: " + re_line(b, "long", nhs_style=2))
    L.append("")
    if c.age_mode in ("age", "both", "words"):
        open_ = r.choice(["I'd be really grateful if you could cast an eye over this %s, whom I've known for years." % age_phrase(b),
                          "Here's a %s I'd like your help with - lovely patient, and not one to bother us." % age_phrase(b)])
    else:
        open_ = r.choice(["I'd be really grateful if you could cast an eye over %s %s, whom I've known for years." % (c.title, c.surname),
                          "Here's %s %s, whom I'd like your help with - not one to bother us." % (c.title, c.surname)])
    L.append(open_)
    L.append("")
    hpc = S["hpc"][:]
    # a relative or another service reports first; the GP confirms
    if hpc and r.random() < 0.5:
        extra_who = []
        if c.sex == "F" and 20 <= c.age <= 40:
            extra_who.append("{His} health visitor raised this at the baby's eight-week check, and {he} confirmed it all when I saw {him}:")
        if c.age <= 19:
            extra_who.append("The school nurse at {his} sixth-form college sent {him} in, and {he} confirmed the story to me:")
        who = r.choice(extra_who + ["{His} daughter, who came in with {him}, did most of the talking, and I checked it all with {him}:",
                        "The walk-in centre nurse saw {him} first and sent {him} on to us; I went over it again with {him} myself:",
                        "The community matron flagged this up after a home visit, and {he} confirmed it all to me:",
                        "{His} husband rang first, worried, and when I saw {him} {he} confirmed the story:" if c.sex == "F" else
                        "{His} wife rang first, worried, and when I saw {him} {he} confirmed the story:"])
        if c.age < 45:
            who = who.replace("{His} daughter, who came in with {him}", "{His} mother, who came in with {him}")
        hpc = [b.t(who)] + hpc
    chat = r.choice(["{He} has been soldiering on, as {he} always does.", "{He} is still walking the dog every day, which says a lot.",
                     "{He} has only just got round to mentioning it, of course.", "It's been a busy few months for {him} with the grandchildren."])
    L.append(" ".join(hpc + [b.t(chat)] + S["ctx"]))
    L.append("")
    if S["dist"] or S["fh"]:
        L.append(" ".join(S["fh"] + S["dist"]) + " " + r.choice(["Families, eh.", "I mention it for completeness.", ""]))
        L.append("")
    # refuted report by someone else (for an absent red flag)
    negs = S["neg"] + S["exam"]
    if c.neg and "weight_loss" in c.neg and r.random() < 0.6:
        wt = r.randint(60, 95)
        s = b.t("{His} family were convinced {he} had lost weight, but {he} weighs %d.%d kg today, exactly the same as a year ago" % (wt, r.randint(0, 9)))
        b.D("negated", "weight_loss", s)
        negs.append(s + ".")
    L.append(" ".join(negs))
    L.append("")
    ps = None
    if S["results"] and r.random() < 0.55:
        ps = S["results"]
    elif S["results"]:
        L.append(" ".join(S["results"]))
        L.append("")
    if S["pmh"]:
        L.append(" ".join(S["pmh"]))
        L.append("")
    L.append(" ".join(S["request"] + [safe(b, "Many thanks - do ring me if anything is unclear.")]))
    L.append("")
    L.append("Best wishes,")
    L.append("Sam Pryce")
    L.append("(Dr Sam Pryce, GP)")
    if ps:
        L.append("")
        L.append(r.choice(["P.S. Results came back after I'd dictated this: ", "PS - bloods/stool tests now back: ",
                           "Addendum (typed later the same week): "]) + " ".join(ps))
    return "\n".join(L), b


HEADING_SETS = ["A", "B", "C"]


def lay_headings(c):
    b = B(c)
    r = b.r
    S = story(b)
    L = []
    L.append("Kiln Way Health Centre  |  Z82017  |  Kiln Way, Ashby Vale AV6 1NX")
    L.append("Referral to Gastroenterology  -  " + date_ev(b, "mon"))
    L.append("Patient: %s %s %s   %s   NHS: %s" % (b.E("sex", c.title), c.first, c.surname,
                                               ("DOB: " + dob_ev(b, "mon")) if c.age_mode in ("dob", "both") else "",
                                               nhs_fmt(c.nhs)))
    if c.age_mode in ("age", "both", "words"):
        L.append("Age: " + b.E("age", str(c.age) if c.age_mode != "words" else num_words(c.age)))
    L.append("")
    hs = r.choice(HEADING_SETS)
    # red flags heading: denied list
    rf = [b.neg(f) for f in c.neg if ("neg", f) not in b.done]
    if hs == "A":
        L.append("Presenting complaint: " + (S["hpc"][0] if S["hpc"] else (S["ctx"][0] if S["ctx"] else "see below")))
        more = S["hpc"][1:] + (S["ctx"] if S["hpc"] else S["ctx"][1:])
        if more:
            L.append("HPC: " + " ".join(more))
        L.append("Red flags screened: " + (" ".join(S["neg"]) if S["neg"] else "") + (" " + ", ".join(rf) if rf else ""))
        if S["exam"]:
            L.append("Examination: " + " ".join(S["exam"]))
        if S["results"]:
            L.append("Investigations: " + " ".join(S["results"]))
        if S["fh"] or S["dist"]:
            L.append("Other history: " + " ".join(S["fh"] + S["dist"]))
        if S["pmh"]:
            L.append("PMH/Meds: " + " ".join(S["pmh"]))
        L.append("What I have done: " + r.choice(["bloods as above, explained the referral.", "examined, bloods, discussed with " + b.p["him"] + "."]))
        L.append("What I would like: " + (" ".join(S["request"]) if S["request"] else "your opinion."))
        L.append("Safety netting: " + b.t("{he} knows how to contact us or 111 out of hours."))
    elif hs == "B":
        L.append("S: " + " ".join(S["hpc"] + S["ctx"] + S["fh"] + S["dist"]) + (" " + " ".join(S["neg"]) if S["neg"] else "") +
                 (" " + ", ".join(rf) if rf else ""))
        L.append("O: " + (" ".join(S["exam"]) if S["exam"] else "see below") + (" " + " ".join(S["results"]) if S["results"] else ""))
        L.append("A: " + r.choice(["needs gastroenterology input.", "referral as below.", "see request."]))
        L.append("P: " + " ".join(S["request"] + S["pmh"]))
    else:
        L.append("Reason for referral: " + (S["hpc"][0] if S["hpc"] else (S["ctx"][0] if S["ctx"] else "as below")))
        more = S["hpc"][1:] + (S["ctx"] if S["hpc"] else S["ctx"][1:])
        L.append("History: " + " ".join(more + S["fh"] + S["dist"]))
        L.append("Red flags screened: " + " ".join(S["neg"] + S["exam"]) + (" " + ", ".join(rf) if rf else ""))
        if S["results"]:
            L.append("Relevant results: " + " ".join(S["results"]))
        L.append("Concerns: " + b.BP(r.choice(["patient keen to get to the bottom of it.", "none beyond the above.", "anxious about cancer."])))
        if S["pmh"]:
            L.append("Background: " + " ".join(S["pmh"]))
        L.append("Request: " + (" ".join(S["request"]) if S["request"] else "opinion please."))
    L.append("")
    L.append(safe(b, "Many thanks for your help."))
    L.append("Dr Priya Raman (GP)")
    return "\n".join(L), b


def lay_third(c):
    pr = dict(PT_PRON) if c.r.random() < 0.5 else None
    b = B(c, pron=pr)
    r = b.r
    S = story(b)
    L = []
    L.append("LARCH AVENUE GROUP PRACTICE")
    L.append(safe(b, "Larch Avenue, Saltmarsh SM2 9PL. Telephone 01632 552 071.") + " Z84006")
    L.append("")
    L.append("Date: " + date_ev(b, "slash"))
    L.append("To: The Gastroenterology Department, " + HOSPITAL)
    L.append("Patient: %s %s %s. %sNHS number %s." % (b.E("sex", c.title), c.first, c.surname,
                                                  ("Date of birth " + dob_ev(b, "slash") + ". ") if c.age_mode in ("dob", "both") else "",
                                                  nhs_fmt(c.nhs)))
    L.append("")
    noun = "woman" if c.sex == "F" else "man"
    if c.age_mode in ("age", "both", "words"):
        L.append("The patient is a %s who is known to the practice." % age_phrase(b))
    else:
        L.append("The patient is a %s who is known to the practice." % b.E("sex", noun))
    two = not c.dob_tight and len(S["hpc"]) >= 1 and r.random() < 0.6
    if two:
        d1 = c.date - datetime.timedelta(days=r.randint(21, 42))
        L.append("The patient was first seen on %s. %s" % (fdate(d1, "slash"), " ".join(S["hpc"][:1])))
        later = S["hpc"][1:] + S["ctx"]
        mass_later = "abdominal_mass" in c.pos and r.random() < 0.7
        if mass_later:
            s0 = "At that first visit the abdomen was soft with no masses."
            b.D("superseded", "abdominal_mass", s0)
            later = [s0] + later
        L.append("The patient was reviewed on %s%s. %s" % (fdate(c.date, "slash"),
                                                           "" if not S["results"] else " with results",
                                                           " ".join(later)))
    else:
        L.append(" ".join(S["hpc"] + S["ctx"]))
    L.append(" ".join(S["neg"] + S["exam"]))
    if S["results"]:
        L.append(" ".join(S["results"]))
    if S["fh"] or S["dist"]:
        L.append(" ".join(S["fh"] + S["dist"]))
    if S["pmh"]:
        L.append(" ".join(S["pmh"]))
    L.append(" ".join(S["request"]) if S["request"] else "The patient is referred for an opinion.")
    L.append("")
    L.append("Dr M. Gallagher, on behalf of the partners")
    return "\n".join(x for x in L if x is not None), b


def lc_transform(s):
    s = s.lower()
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", "", s)
    s = re.sub(r"[,;:'\"()]", "", s)
    s = re.sub(r"[ \t]+", " ", s)
    return "\n".join(x.strip() for x in s.split("\n"))


def lay_lower(c):
    b = B(c)
    r = b.r
    S = story(b)
    L = []
    L.append("from dr tomi nwosu sunnybank health centre z86043")
    L.append("sent " + date_ev(b, "slash"))
    L.append("to gastro referrals ngh")
    L.append("re %s %s %s%s nhs %s" % (b.E("sex", c.title), c.first, c.surname,
                                       (" dob " + dob_ev(b, "slash")) if c.age_mode in ("dob", "both") else "", nhs_fmt(c.nhs, 1)))
    L.append("")
    L.append(safe(b, "hi"))
    if c.age_mode in ("age", "both", "words"):
        L.append("this %s" % age_phrase(b))
    body = S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    L.append(" ".join(body))
    L.append(safe(b, "thanks tomi"))
    return "\n".join(L), b


def lay_abbrev(c):
    b = B(c, style="ab")
    r = b.r
    S = story(b, "ab")
    L = []
    L.append("Tenter Croft Medical Group (Z85128), Tenter Croft, Oakenclough OK1 5DS")
    L.append("Date: " + date_ev(b, "slash2"))
    L.append("Dear Dr,")
    L.append("Re: %s %s %s%s, NHS %s" % (b.E("sex", c.title), c.first, c.surname.upper(),
                                         (", DOB " + dob_ev(b, "slash2")) if c.age_mode in ("dob", "both") else "", nhs_fmt(c.nhs)))
    L.append("")
    if c.age_mode in ("age", "both", "words"):
        L.append(b.E("age", "%dyo" % c.age) + " " + b.E("sex", "F" if c.sex == "F" else "M") + ".")
    L.append("HPC: " + " ".join(S["hpc"] + S["ctx"]))
    if S["neg"]:
        L.append(" ".join(S["neg"]))
    if S["exam"]:
        L.append(" ".join(S["exam"]))
    if S["results"]:
        L.append("Ix: " + " ".join(S["results"]))
    if S["fh"] or S["dist"]:
        L.append(" ".join(S["fh"] + S["dist"]))
    if S["pmh"]:
        L.append(" ".join(S["pmh"]))
    L.append("Imp/Plan: " + (" ".join(S["request"]) if S["request"] else "OPD review pls."))
    L.append("Thx, JK")
    L.append(safe(b, "Tenter Croft Medical Group - confidential - please do not forward"))
    L.append("Dr J Kowalczyk")
    return "\n".join(L), b


# ----------------------------------------------------------------------------------------
# Form answer engine
# ----------------------------------------------------------------------------------------
def strike(s):
    return "".join(ch + "\u0336" for ch in s)


CONV = {
    "YN": dict(yes=lambda d: "Y" + ("  (%s)" % d if d else ""), yesq=lambda q: "Y - " + q, no=lambda: "N",
               noq=lambda q: "N - " + q, blank=["", "?", "not asked", "N/A"], corr="N - but see below",
               err="Y", see="see comments"),
    "yn_strike": dict(yes=lambda d: "Yes / " + strike("No") + ("    %s" % d if d else ""),
                      yesq=lambda q: "Yes / " + strike("No") + "    (" + q + ")",
                      no=lambda: strike("Yes") + " / No", noq=lambda q: strike("Yes") + " / No    (" + q + ")",
                      blank=["Yes / No"], corr=strike("Yes") + " / No    - see section 4", err="Yes / " + strike("No"),
                      see="Yes / No    - see section 4"),
    "pa_strike": dict(yes=lambda d: "present / ~~absent~~" + ("  %s" % d if d else ""),
                      yesq=lambda q: "present / ~~absent~~  (" + q + ")",
                      no=lambda: "~~present~~ / absent", noq=lambda q: "~~present~~ / absent  (" + q + ")",
                      blank=["present / absent"], corr="~~present~~ / absent  *see note", err="present / ~~absent~~",
                      see="present / absent  *see note"),
    "circle": dict(yes=lambda d: "(YES)   NO" + ("     %s" % d if d else ""), yesq=lambda q: "(YES)   NO     \"" + q + "\"",
                   no=lambda: "YES   (NO)", noq=lambda q: "YES   (NO)     \"" + q + "\"", blank=["YES   NO"],
                   corr="YES   (NO)", err="(YES)   NO", see="YES   NO"),
    "plusminus": dict(yes=lambda d: "+" + ("   %s" % d if d else ""), yesq=lambda q: "+   " + q, no=lambda: "-",
                      noq=lambda q: "-   " + q, blank=["", "not asked"], corr="-   (see note)", err="+", see="(see note)"),
    "qa": dict(yes=lambda d: "Yes" + (" - %s" % d if d else ""), yesq=lambda q: "Yes - " + q, no=lambda: "No",
               noq=lambda q: "No - " + q, blank=["Not asked", "Don't know"], corr="No (see clinician notes)",
               err="Yes", see="(see clinician notes)"),
    "ticks": dict(yes=lambda d: "\u2713" + ("  %s" % d if d else ""), yesq=lambda q: "\u2713  " + q, no=lambda: "\u2717",
                  noq=lambda q: "\u2717  " + q, blank=["\u2013"], corr="\u2717  (see issue list)", err="\u2713",
                  see="\u2013  (see issue list)"),
    "nilpos": dict(yes=lambda d: "Positive" + (" - %s" % d if d else ""), yesq=lambda q: "Positive - " + q,
                   no=lambda: "Nil", noq=lambda q: "Nil - " + q, blank=["Not asked"], corr="Nil - but see para 2",
                   err="Positive", see="see para 2"),
    "bracket": dict(yes=lambda d: "[Y]" + ("  %s" % d if d else ""), yesq=lambda q: "[Y]  " + q, no=lambda: "[N]",
                    noq=lambda q: "[N]  " + q, blank=["[ ]"], corr="[N]  (see text)", err="[Y]", see="[ ]  (see text)"),
}

QUAL_POS = {"rectal_bleeding": ["occasionally", "on and off"], "abdominal_pain": ["on and off", "comes and goes"],
            "dyspepsia": ["most days"], "reflux": ["most nights"], "bloating": ["most days", "worse in the evenings"],
            "cibh": ["looser, most days"]}
QUAL_NEG = {"weight_loss": ["not that {he}'s noticed", "weight steady"], "rectal_bleeding": ["never"],
            "dysphagia": ["swallows normally"], "cibh": ["same as always"], "jaundice": ["not yellow"],
            "haematemesis": ["never"], "abdominal_pain": ["none"], "bloating": ["none"],
            "dyspepsia": ["none"], "reflux": ["none"]}


def short_detail(b, f):
    c = b.c
    d = c.pos[f]
    w = d.get("w")
    if f == "dysphagia":
        return ("occasional, %d wks" if d["occasional"] else "%s, %d wks") % ((w,) if d["occasional"] else (d["kind"], w))
    if f == "weight_loss":
        return "%d kg in %d months" % (d["kg"], d["m"])
    if f == "abdominal_pain":
        return "%s, %d wks" % (pain_label(b), w)
    if f == "haematemesis":
        return "x%d in %d days, last %s" % (d["n"], d["days"], d["when"])
    if f == "bloody_diarrhoea":
        return "%d/day, %d wks" % (d["n"], w)
    if f == "abdominal_mass":
        return d["site"]
    if f == "rectal_mass":
        return "%d cm from anal verge" % d["cm"]
    if f == "anal_mass":
        return "%d o'clock" % d["clock"]
    if w:
        return "%d wks" % w
    return ""


def row_answer(b, f, conv, com, label, fmt, force=None, detail_fn=None, noq_fn=None):
    """Render one form row for finding f; comments that the row needs go to com."""
    c, r = b.c, b.r
    cv = CONV[conv]
    if f == "fh_crc":
        crc = [x for x in c.fh if x["cond"] == "crc"]
        if crc:
            x = crc[0]
            row = fmt(label, cv["yes"]("%s, %d" % (x["rel"], x["age"])))
            b.E("fh_crc", row)
            b.D("family_history", "crc", row)
            for y in crc:
                b.done.add(("fh", id(y)))
            b.F("fh_crc", "yes", "present", row)
            if len(crc) > 1:
                com.append(cap(b.fh(crc[1])) + ".")
            return row
        st = r.choice(["no", "blank"])
        row = fmt(label, cv["no"]() if st == "no" else r.choice(cv["blank"]))
        b.D("negated" if st == "no" else "unanswered", "fh_crc", row)
        b.F("fh_crc", st, "absent", row)
        return row
    bd = "bloody_diarrhoea" in c.pos
    if bd and f in ("rectal_bleeding", "cibh") and f not in c.pos:
        row = fmt(label, r.choice(["blood is mixed in with diarrhoea - see the diarrhoea answer",
                                   "diarrhoea with blood (recorded separately)"]))
        b.E("bloody_diarrhoea", row)
        b.F("bloody_diarrhoea", "answered_in_other_row", "present", row)
        return row
    if c.ibd and f == "cibh" and f not in c.pos:
        row = fmt(label, r.choice(cv["blank"]))
        b.D("unanswered", f, row)
        return row
    if f in c.pos:
        st = force or r.choices(["yes", "yesq", "comment", "corrected"], [40, 20, 20, 20])[0]
        if st == "yesq" and (f not in QUAL_POS and not (f == "dysphagia" and c.pos[f]["occasional"])):
            st = "yes"
        if f == "dysphagia" and c.pos[f]["occasional"] and st == "yes":
            st = "yesq"
        if st == "yes":
            row = fmt(label, cv["yes"]((detail_fn or (lambda x: short_detail(b, x)))(f)))
            b.E(f, row)
            b.F(f, "yes", "present", row)
        elif st == "yesq":
            q = "occasionally - about once a week" if f == "dysphagia" else r.choice(QUAL_POS[f])
            row = fmt(label, cv["yesq"](q))
            b.E(f, row)
            b.F(f, "qualified_yes", "present", row)
            com.append(cap(b.pos(f)) + ".")
        elif st == "comment":
            row = fmt(label, cv["see"])
            ph = b.pos(f)
            com.append(b.E(f, r.choice(["%s: %s." % (label.strip(" .:?"), ph), "Re %s - %s." % (label.strip(" .:?").lower(), ph)])))
            b.F(f, "answered_in_comments", "present", row)
            b.D("unanswered_row_answered_in_comments", f, row)
        else:
            row = fmt(label, cv["corr"])
            b.D("contradicted_below", f, row)
            ph = b.pos(f)
            com.append(b.E(f, b.t(r.choice(["Correction to '%s': answered no, but on re-questioning {he} does have %s." ,
                                     "'%s' - the no above is wrong: {he} has %s.",
                                     "%s - no, but see here: {he} describes %s."]) % (label.strip(" .:?"), ph))))
            b.F(f, "contradicted_below", "present", row)
        return row
    # absent now
    res = [d for d in c.dist if d["kind"] == "resolved_past" and d["fact"] == f and ("dist", id(d)) not in b.done]
    if res and r.random() < 0.7:
        row = fmt(label, cv["noq"](b.dist(res[0])))
        b.D("negated", f, row)
        b.done.add(("neg", f))
        b.F(f, "no_with_past_episode", "absent", row)
        return row
    if f in c.neg and ("neg", f) not in b.done:
        st = force or r.choices(["no", "noq", "error"], [68, 22, 10])[0]
        if st == "noq" and f not in QUAL_NEG:
            st = "no"
        b.done.add(("neg", f))
        if st == "no":
            row = fmt(label, cv["no"]())
            b.D("negated", f, row)
            b.F(f, "no", "absent", row)
        elif st == "noq":
            row = fmt(label, cv["noq"](noq_fn(f) if noq_fn else b.t(r.choice(QUAL_NEG[f]))))
            b.D("negated", f, row)
            b.F(f, "qualified_no", "absent", row)
        else:
            row = fmt(label, cv["err"])
            b.D("contradicted_below", f, row)
            n = neg_text(b, f)
            com.append(b.D("correction_note", f, b.t("'%s' was marked in error - %s." % (label.strip(" .:?"), n))))
            b.D("negated", f, n)
            b.F(f, "yes_corrected_below", "absent", row)
        return row
    st = r.choice(["no", "blank", "blank"])
    if st == "no":
        row = fmt(label, cv["no"]())
        b.D("negated", f, row)
        b.F(f, "no", "absent", row)
    else:
        row = fmt(label, r.choice(cv["blank"]))
        b.D("unanswered", f, row)
        b.F(f, "unanswered", "absent", row)
    return row


def dots(width=44):
    def f(label, ans):
        pad = max(2, width - len(label))
        return "%s %s %s" % (label, "." * pad, ans)
    return f


def colon(width=30):
    def f(label, ans):
        return ("%-" + str(width) + "s %s") % (label + ":", ans)
    return f


def results_table(b, names, date_fmt="mon", with_old=True, header=True):
    """Rows for a results table (test, result, units, range, flag, date)."""
    c, r = b.c, b.r
    rows = []
    if header:
        rows.append("%-24s %-10s %-8s %-11s %-5s %s" % ("Test", "Result", "Units", "Range", "Flag", "Date"))
    for name in names:
        if name not in c.vals:
            continue
        if with_old:
            for v, days in c.vals[name].get("old", []):
                t = val_cells(c, name, v)
                line = "%-24s %-10s %-8s %-11s %-5s %s" % (t + (fdate(c.date - datetime.timedelta(days=days), date_fmt),))
                b.D("superseded", name, line)
                b.done.add(("old", name))
                rows.append(line)
        t = val_cells(c, name)
        line = "%-24s %-10s %-8s %-11s %-5s %s" % (t + (fdate(safe_date(c, -r.randint(2, 20)), date_fmt),))
        b.E(name, line)
        if name in ("hb", "ferritin", "alt") and is_normal(c, name):
            b.D("normal_value", name, line)
        rows.append(line)
    return rows


def leftover(b, style="plain", exam_intro=None):
    """Everything not yet rendered, as sentences (no priority sentence)."""
    S = story(b, style, with_request=False, exam_intro=exam_intro)
    return S


# ----------------------------------------------------------------------------------------
# Forms, proformas, templates and structured summaries
# ----------------------------------------------------------------------------------------
def allergy(b):
    a = b.c.allergy
    if "vomiting" in a:
        return b.D("allergy_reaction", "vomiting", a)
    return a


def pt_fields(b, dob_fmt="slash"):
    c = b.c
    dob = age = None
    if c.age_mode in ("dob", "both", "words"):
        dob = dob_ev(b, dob_fmt)
    if c.age_mode in ("age", "both", "words"):
        age = b.E("age", str(c.age))
    return dob, age


def sex_field(b, long=False):
    s = ("Female" if b.c.sex == "F" else "Male") if long else b.c.sex
    return b.E("sex", s)


def gp_mark(b, s):
    b.ev.setdefault("_gp_priority", []).append(s)
    return s


def free_block(b, com, extra=None, style="plain"):
    S = leftover(b, style)
    parts = com[:] + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    if extra:
        parts += extra
    return parts


def wrap(text, width=92, indent=""):
    # paragraphs stay on one line so that no evidence string is split by a line break
    return [indent + text]


def concern_line(b):
    return b.t(b.r.choice(["I am worried about {him} and would like this looked at quickly.",
                           "Clinical concern - {he} is very anxious and I would like {him} seen quickly.",
                           "Gut feeling that this needs looking at soon."]))


def lay_lgi2ww(c):
    b = B(c)
    r = b.r
    f = c.facts()
    com = []
    L = []
    L.append(TRUST.upper())
    L.append(b.BP("SUSPECTED LOWER GI (COLORECTAL) CANCER REFERRAL - URGENT SUSPECTED CANCER PATHWAY"))
    L.append(safe(b, "Send via e-RS within 24 hours of the decision to refer. Incomplete forms will be returned to the referrer."))
    L.append("")
    L.append("Date of decision to refer: " + date_ev(b, "slash") + "        UBRN: " + c.ubrn)
    L.append("Referring clinician: %s     Practice: %s (%s)     Tel: %s" % (c.gpname, c.practice, c.practice_code, c.phone))
    L.append("")
    L.append("PATIENT DETAILS")
    dob, age = pt_fields(b)
    L.append("Surname: %-18s Forename(s): %-14s Title: %s" % (c.surname.upper(), c.first, c.title))
    L.append("DOB: %-12s Age: %-6s Sex: %s" % (dob or "", age or "", sex_field(b)))
    L.append("NHS No: %s     Hospital No: %s" % (nhs_fmt(c.nhs), c.hosp_no))
    L.append("Address: " + c.address)
    L.append("Interpreter required: " + r.choice(["No", "No", "Yes - Polish"]))
    L.append("")
    L.append("SECTION A - REFERRAL CRITERIA (NICE NG12). Tick all that apply.")
    fit = f["fit"]
    crit = [
        ("fit", "FIT result >= 10 ug Hb/g (give result and date in Section C)", fit is not None and fit >= 10, []),
        ("mass_pr", "Rectal mass or anal mass", f["rectal_mass"] or f["anal_mass"],
         [x for x in ("rectal_mass", "anal_mass") if f[x]]),
        ("abdominal_mass", "Abdominal mass", f["abdominal_mass"], ["abdominal_mass"]),
        ("ida", "Iron-deficiency anaemia (Hb and ferritin in Section C)", classify(f) == "U4" or
         (f["hb"] is not None and f["ferritin"] is not None and f["ferritin"] < 30 and f["hb"] < (130 if c.sex == "M" else 120)), []),
        ("rb50", "Aged 50+ with unexplained rectal bleeding - FIT not available", fit is None and c.age >= 50 and f["rectal_bleeding"],
         ["rectal_bleeding"]),
        ("wl40", "Aged 40+ with unexplained weight loss AND abdominal pain - FIT not available",
         fit is None and c.age >= 40 and f["weight_loss"] and f["abdominal_pain"], ["weight_loss", "abdominal_pain"]),
        ("cibh60", "Aged 60+ with change in bowel habit - FIT not available", fit is None and c.age >= 60 and f["cibh"], ["cibh"]),
    ]
    any_tick = False
    box = r.choice(["[X]", "[x]"])
    for key, label, on, facts in crit:
        if on:
            row = "%s %s" % (box, label)
            any_tick = True
            for x in facts:
                b.E(x, row)
            b.F("criterion_" + key, "ticked", "present", row)
        else:
            row = "[ ] %s" % label
            b.D("unticked_box", "criterion_" + key, row)
            b.F("criterion_" + key, "unticked", "absent", row)
        L.append("  " + row)
    other = not any_tick
    L.append("  " + b.BP("%s Other - clinical concern (give details in Section D)" % (box if other else "[ ]")))
    L.append("")
    L.append("SECTION B - SYMPTOMS (Y = yes, N = no)")
    fm = dots(46)
    for fct, label in [("rectal_bleeding", "Rectal bleeding"), ("cibh", "Change in bowel habit (looser/more often)"),
                       ("abdominal_pain", "Abdominal pain"), ("weight_loss", "Unexplained weight loss"),
                       ("fh_crc", "Family history of colorectal cancer")]:
        L.append("  " + row_answer(b, fct, "YN", com, label, fm))
    L.append("")
    L.append("SECTION C - INVESTIGATIONS")
    if "fit" in c.vals:
        L.append("  %s %s     Date: %s" % (b.BP("FIT result:"), b.E("fit", fit_str(c.vals["fit"], r)), fdate(safe_date(c, -r.randint(4, 20)), "slash")))
    elif c.fit_pending:
        L.append("  " + b.D("test_pending", "fit", "FIT result: " + b.fit_pending()))
    else:
        s = "FIT result: " + r.choice(["not done", "not available", "____"])
        b.D("no_result", "fit", s)
        L.append("  " + s)
    if "hb" in c.vals:
        L.append("  " + b.val_with_old("hb") + "    MCV %d fL" % c.extra["mcv"])
    else:
        L.append("  FBC: not done")
    if "ferritin" in c.vals:
        L.append("  " + b.val("ferritin"))
    if "alt" in c.vals:
        L.append("  " + b.val("alt") + "   eGFR >90")
    L.append("")
    L.append("SECTION D - ADDITIONAL CLINICAL INFORMATION")
    ex = []
    if "abdominal_mass" in c.pos:
        ex.append("Abdomen: " + b.pos("abdominal_mass"))
    elif "abdominal_mass" in c.neg:
        ex.append("Abdomen: " + b.neg("abdominal_mass"))
    else:
        ex.append("Abdomen: soft, non-tender")
    for mf in ("rectal_mass", "anal_mass"):
        if mf in c.pos:
            ex.append("PR: " + b.pos(mf))
    if not any(mf in c.pos for mf in ("rectal_mass", "anal_mass")):
        if "rectal_mass" in c.neg:
            ex.append("PR: " + b.neg("rectal_mass"))
        else:
            ex.append("PR: " + r.choice(["not done", "declined by patient"]))
    extra = []
    if other:
        extra.append(concern_line(b))
    parts = free_block(b, com, extra)
    for p in ["Examination - " + "; ".join(ex) + "."] + parts:
        L += wrap(p, indent="  ")
    L.append("")
    L.append("Anticoagulant / antiplatelet: " + ("apixaban" if any("Apixaban" in m for m in c.meds) else "none"))
    L.append("WHO performance status: %d" % r.choice([0, 0, 1, 1, 2]))
    L.append(b.BP("Patient informed this is a suspected cancer referral and given leaflet: %s" % box))
    L.append("Patient available in the next 14 days: %s" % box)
    gp_mark(b, "SUSPECTED LOWER GI (COLORECTAL) CANCER REFERRAL - URGENT SUSPECTED CANCER PATHWAY")
    return "\n".join(L), b


def lay_ugi2ww(c):
    b = B(c)
    r = b.r
    f = c.facts()
    com = []
    L = []
    L.append(b.BP("UPPER GI / OESOPHAGO-GASTRIC - SUSPECTED CANCER REFERRAL (2WW)"))
    L.append(b.BP(TRUST + " - Upper GI Cancer Services"))
    L.append(safe(b, "*Delete as appropriate. Forms without a telephone number for the patient will be returned."))
    L.append("")
    dob, age = pt_fields(b, "dot")
    L.append("Patient name: %s %s %s" % (c.title, c.first, c.surname))
    L.append("Date of birth: %s   Age: %s   Sex: %s" % (dob or "", age or "", sex_field(b, long=True)))
    L.append("NHS number: %s   Phone: 07%03d %06d" % (nhs_fmt(c.nhs, 2), r.randint(100, 999), r.randint(100000, 999999)))
    L.append("GP: %s, %s (%s)     Date of referral: %s" % (c.gpname, c.practice, c.practice_code, date_ev(b, "dot")))
    L.append("")
    fm = dots(58)
    L.append("SECTION 1 - REFERRAL CRITERIA")
    L.append("  " + row_answer(b, "dysphagia", "yn_strike", com, "Dysphagia (any age)", fm))
    u5 = c.age >= 55 and f["weight_loss"] and ((f["abdominal_pain"] and f["pain_site"] == "upper") or f["reflux"] or f["dyspepsia"])
    lab = "Aged 55+ with weight loss AND upper abdominal pain, reflux or dyspepsia"
    row = fm(lab, ("Yes / " + strike("No")) if u5 else (strike("Yes") + " / No"))
    if u5:
        b.E("weight_loss", row)
        b.F("criterion_u5", "yes", "present", row)
    else:
        b.D("negated", "criterion_u5", row)
        b.F("criterion_u5", "no", "absent", row)
    L.append("  " + row)
    L.append("  " + row_answer(b, "abdominal_mass", "yn_strike", com, "Upper abdominal mass", fm))
    trd = c.age >= 55 and f["dyspepsia"] and f["ppi_weeks"] >= 4
    row = fm("Aged 55+ with treatment-resistant dyspepsia", ("Yes / " + strike("No")) if trd else (strike("Yes") + " / No"))
    if trd:
        b.E("treatment_resistant_dyspepsia", row)
        b.F("criterion_trd", "yes", "present", row)
    else:
        b.D("negated", "criterion_trd", row)
        b.F("criterion_trd", "no", "absent", row)
    L.append("  " + row)
    L.append("")
    L.append("SECTION 2 - SYMPTOMS")
    for fct, label in [("weight_loss", "Unintentional weight loss"), ("abdominal_pain", "Abdominal pain (state site)"),
                       ("reflux", "Reflux / heartburn"), ("dyspepsia", "Dyspepsia / indigestion"),
                       ("haematemesis", "Haematemesis")]:
        L.append("  " + row_answer(b, fct, "yn_strike", com, label, fm))
    row = fm("Persistent vomiting", strike("Yes") + " / No")
    b.D("negated", "vomiting", row)
    L.append("  " + row)
    L.append("")
    L.append("SECTION 3 - TREATMENT AND INVESTIGATIONS")
    if c.ppi:
        pp = b.ppi()
        line = "PPI / acid suppression tried: Yes / " + strike("No") + "   - " + pp
        if pp in b.ev.get("treatment_resistant_dyspepsia", []) or pp in b.ev.get("ppi_trial", []):
            b.E("ppi_trial", line)
        else:
            b.D("below_threshold" if c.ppi["kind"] == "PPI" else "not_ppi", "treatment_resistant_dyspepsia", line)
        L.append("  " + line)
    else:
        s = "PPI tried: " + strike("Yes") + " / No"
        b.D("no_ppi_trial", "treatment_resistant_dyspepsia", s)
        L.append("  " + s)
    bl = []
    for nm in ("hb", "ferritin", "alt"):
        if nm in c.vals:
            bl.append(b.val_with_old(nm))
    L.append("  Bloods: " + (", ".join(bl) if bl else "not done"))
    if c.extra.get("hp_neg"):
        c.extra["hp_neg"] = False
        L.append("  H. pylori: stool antigen negative")
    L.append("")
    L.append("SECTION 4 - OTHER RELEVANT INFORMATION")
    extra = []
    if classify(f) not in ("U1", "U5"):
        extra.append(concern_line(b))
    for p in free_block(b, com, extra):
        L += wrap(p, indent="  ")
    L.append("")
    L.append(b.BP("Patient informed of urgent suspected cancer referral: Yes / " + strike("No")))
    L.append("Signed: %s" % c.gpname)
    gp_mark(b, "UPPER GI / OESOPHAGO-GASTRIC - SUSPECTED CANCER REFERRAL (2WW)")
    return "\n".join(L), b


def main_problem(b):
    c = b.c
    order = ["dysphagia", "haematemesis", "bloody_diarrhoea", "jaundice", "rectal_bleeding", "cibh", "abdominal_pain",
             "weight_loss", "dyspepsia", "reflux", "bloating", "ascites", "confusion"]
    for f in order:
        if f in c.pos and f not in ("abdominal_mass", "rectal_mass", "anal_mass"):
            return cap(b.pos(f))
    if c.ibd:
        return cap(b.ibd_known()) + " - question about management"
    if c.cirrhosis:
        return cap(b.cirrhosis())
    if c.ttg and c.ttg["raised"]:
        return cap(b.ttg())
    if "alt" in c.vals and not is_normal(c, "alt"):
        return "Abnormal liver tests - " + b.val("alt")
    if c.imaging and c.imaging["fatty"]:
        return cap(b.imaging())
    if "hb" in c.vals and "ferritin" in c.vals:
        return "Blood results - " + b.val("hb") + ", " + b.val("ferritin")
    if any(x["cond"] == "crc" for x in c.fh):
        return b.E("fh_crc", "Family history of bowel cancer - screening advice")
    return "See below"


def lay_proforma(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    L.append(HOSPITAL.upper() + " - GASTROENTEROLOGY REFERRAL PROFORMA (GI-REF v4.2)")
    L.append(safe(b, "Please complete all sections. Delete as appropriate where options are given."))
    L.append("")
    g = c.gp
    rt = {"usc": 2, "urgent": 0, "routine": 0, "advice": 3, None: 0}[g]
    types = ["Outpatient clinic", "Direct-access OGD", "Direct-access colonoscopy", "Advice only"]
    if g in ("usc",) and any(x in c.pos for x in ("dysphagia", "dyspepsia", "reflux")):
        rt = 1
    L.append(b.BP("Referral type:  " + "   ".join(("[X] " if i == rt else "[ ] ") + t for i, t in enumerate(types))))
    opts = ["Routine", "Urgent", "Suspected cancer"]
    keep = {"routine": 0, "urgent": 1, "usc": 2}.get(g)
    if keep is None:
        urg = b.BP("Routine / Urgent / Suspected cancer")
    else:
        urg = " / ".join(o if i == keep else "~~%s~~" % o for i, o in enumerate(opts))
    L.append("Urgency requested:  " + urg)
    if g is not None:
        gp_mark(b, urg if g != "advice" else "[X] Advice only")
    L.append("")
    dob, age = pt_fields(b, "slash")
    L.append("PATIENT   Name: %s, %s (%s)   DOB: %s   Age: %s   Sex: %s" % (c.surname.upper(), c.first, c.title, dob or "-",
                                                                           age or "-", sex_field(b)))
    L.append("          NHS no: %s   Hosp no: %s" % (nhs_fmt(c.nhs), c.hosp_no))
    L.append("REFERRER  %s, %s (%s)   Date: %s" % (c.gpname, c.practice, c.practice_code, date_ev(b, "slash")))
    L.append("")
    L.append("1. MAIN PROBLEM (one line): " + main_problem(b))
    L.append("")
    L.append("2. RED FLAG CHECKLIST")
    fm = dots(40)
    for fct, label in [("dysphagia", "Dysphagia"), ("weight_loss", "Unintentional weight loss"),
                       ("rectal_bleeding", "Rectal bleeding"), ("cibh", "Change in bowel habit"),
                       ("abdominal_mass", "Abdominal mass"), ("rectal_mass", "Rectal mass on PR"),
                       ("jaundice", "Jaundice"), ("haematemesis", "Haematemesis"),
                       ("fh_crc", "Family history of bowel cancer")]:
        L.append("   " + row_answer(b, fct, "pa_strike", com, label, fm))
    L.append("")
    L.append("3. KNOWN GI / LIVER DIAGNOSES")
    if c.ibd:
        L.append("   " + b.E("known_ibd", "Inflammatory bowel disease: Y   -> " + b.ibd_known() +
                 ("; " + b.ibd_stable() if c.ibd.get("stable") else "; currently %s" % c.ibd["drug"])))
    else:
        s = "Inflammatory bowel disease: N"
        b.D("negated", "known_ibd", s)
        L.append("   " + s)
    if c.cirrhosis:
        L.append("   " + b.E("known_cirrhosis", "Liver disease: Y   -> " + b.cirrhosis()))
    else:
        s = "Liver disease: " + r.choice(["N", "N", "not known"])
        b.D("negated", "known_cirrhosis", s)
        L.append("   " + s)
    L.append("")
    L.append("4. RESULTS (last 3 months)")
    tab = results_table(b, ["hb", "ferritin", "alt", "fcp", "fit"])
    if len(tab) > 1:
        L += ["   " + x for x in tab]
    else:
        L.append("   none attached")
    if c.ttg:
        tt = b.ttg()
        line = "Coeliac serology: " + tt
        if c.ttg["raised"]:
            b.E("ttg_raised", line)
        else:
            b.D("normal_value", "ttg", line)
        L.append("   " + line)
    if c.fit_pending:
        L.append("   " + b.fit_pending())
    L.append("")
    L.append("5. IMAGING: " + (b.imaging() if c.imaging else "none"))
    L.append("")
    L.append(b.BP("6. ADDITIONAL INFORMATION / QUESTION FOR THE GASTROENTEROLOGIST"))
    for p in free_block(b, com):
        L += wrap(p, indent="   ")
    L.append("")
    L.append(safe(b, "Proforma reviewed by referral management centre: not yet triaged"))
    return "\n".join(L), b


PROBLEM_NAME = {"dysphagia": "Dysphagia", "rectal_bleeding": "Rectal bleeding", "cibh": "Change in bowel habit",
                "abdominal_pain": "Abdominal pain", "weight_loss": "Abnormal weight loss", "dyspepsia": "Dyspepsia",
                "reflux": "Gastro-oesophageal reflux", "bloating": "Abdominal bloating", "jaundice": "Jaundice",
                "haematemesis": "Haematemesis", "bloody_diarrhoea": "Bloody diarrhoea", "ascites": "Ascites",
                "confusion": "Confusion", "abdominal_mass": "Abdominal mass", "rectal_mass": "Rectal mass",
                "anal_mass": "Anal mass"}
PAST_PROBLEM = {"rectal_bleeding": "Rectal bleeding - haemorrhoids, banded", "haematemesis": "Haematemesis - Mallory-Weiss tear",
                "dysphagia": "Dysphagia - benign oesophageal stricture, dilated", "jaundice": "Jaundice - hepatitis A",
                "dyspepsia": "Dyspepsia - H. pylori eradicated", "ida": "Iron deficiency anaemia",
                "bloody_diarrhoea": "Ulcerative colitis flare"}


def auto_problems(b, fmt="mon"):
    """Active / past problem lists from the clinical system."""
    c, r = b.c, b.r
    act, past = [], []
    for f in HIST_ORDER + EXAM_F:
        if f in c.pos and r.random() < 0.5:
            d = safe_date(c, -r.randint(7, 40))
            s = "%s  %s" % (fdate(d, fmt), PROBLEM_NAME[f])
            act.append(b.E(f, s))
            if r.random() < 0.6:
                b.done.discard(("pos", f))
    if c.ibd:
        act.append(b.E("known_ibd", "%d         %s" % (c.ibd["year"], cap(c.ibd["type"]))))
        b.done.add(("ctx", "ibd"))
    if c.cirrhosis:
        act.append(b.E("known_cirrhosis", "%d         Cirrhosis of liver (%s)" % (c.cirrhosis["year"], c.cirrhosis["aet"])))
        b.done.add(("ctx", "cirrhosis"))
    for p in c.pmh:
        act.append("%d         %s" % (r.randint(1995, 2022), p[0]))
    for d in c.dist:
        if d["kind"] == "resolved_past" and ("dist", id(d)) not in b.done:
            s = "%s-%d     %s (resolved)" % (MON3[r.randint(0, 11)], d["year"], PAST_PROBLEM[d["fact"]])
            b.D("resolved_past", d["fact"], s)
            b.done.add(("dist", id(d)))
            past.append(s)
    return act, past


def auto_meds(b, fmt="mon"):
    c, r = b.c, b.r
    cur, stopped = [], []
    for m in c.meds:
        cur.append(m)
    if c.ppi:
        start = raw_date(c, -7 * c.ppi["weeks"])
        s = "%s - started %s" % (cap(c.ppi["drug"]), fdate(start, fmt))
        cur.append(s)
        if c.ppi["kind"] == "PPI" and c.ppi["weeks"] >= 4:
            b.E("ppi_trial", s)
            b.done.discard(("pos", "ppi_trial"))
        else:
            b.D("below_threshold" if c.ppi["kind"] == "PPI" else "not_ppi", "treatment_resistant_dyspepsia", s)
    if c.ibd and c.ibd.get("drug") and not c.ibd["drug"].startswith("no "):
        cur.append(cap(c.ibd["drug"]))
    for med, y in c.stopped:
        s = "%s - stopped %s-%d" % (med, MON3[r.randint(0, 11)], y)
        b.D("stopped_medicine", med.split()[0].lower(), s)
        stopped.append(s)
    b.done.add(("pmh", 1))
    return cur, stopped


def lay_ers_emis(c):
    b = B(c)
    r = b.r
    L = []
    L.append("NHS e-Referral Service - Referral Letter")
    L.append("UBRN: %s     Created: %s" % (c.ubrn, date_ev(b, "mon")))
    svc = r.choice(["Gastroenterology - General", "Gastroenterology - Hepatology", "Gastroenterology - Upper GI",
                    "Gastroenterology - Lower GI / Colorectal", "Gastroenterology - IBD"])
    L.append(b.BP("Service: %s - %s" % (svc, HOSPITAL)))
    pr = {"usc": "2 Week Wait", "urgent": "Urgent", "routine": "Routine", "advice": "Advice and Guidance request",
          None: "Routine"}[c.gp]
    L.append("Priority: " + (gp_mark(b, pr) if c.gp else pr + " (default - not selected by referrer)"))
    L.append("Referrer: %s, %s (%s)" % (c.gpname, c.practice, c.practice_code))
    L.append("")
    L.append("=" * 24 + " PATIENT SUMMARY (auto-populated from GP clinical system) " + "=" * 10)
    if c.age_mode == "age":
        dobf = "Age: " + b.E("age", "%d years" % c.age)
    else:
        dobf = "DOB: " + dob_ev(b, "mon") + ((" (%s)" % b.E("age", "%dy" % c.age)) if c.age_mode in ("both", "words") else "")
    L.append("Name: %s, %s (%s)     %s     Sex: %s" % (c.surname.upper(), c.first, c.title, dobf, sex_field(b, True)))
    L.append("NHS number: %s     Address: %s" % (nhs_fmt(c.nhs), c.address))
    act, past = auto_problems(b)
    L.append("ACTIVE PROBLEMS")
    L += ["  " + x for x in act] or ["  none recorded"]
    L.append("PAST PROBLEMS")
    L += ["  " + x for x in past] or ["  none recorded"]
    cur, stopped = auto_meds(b)
    L.append("CURRENT MEDICATION")
    L += ["  " + x for x in cur] or ["  none"]
    L.append("PAST MEDICATION")
    L += ["  " + x for x in stopped] or ["  none"]
    L.append("ALLERGIES: " + allergy(b))
    L.append("RECENT TEST RESULTS")
    tab = results_table(b, ["hb", "ferritin", "alt", "fcp", "fit"])
    L += ["  " + x for x in tab] if len(tab) > 1 else ["  none in the last 12 months"]
    L.append("=" * 92)
    L.append("")
    L.append("REFERRAL INFORMATION (entered by referrer):")
    S = leftover(b)
    text = []
    if c.age_mode in ("age", "both", "words") and r.random() < 0.5:
        text.append("Thank you for seeing this %s." % age_phrase(b))
    text += S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["request"]
    for p in text:
        L += wrap(p)
    L.append("")
    L.append(c.gpname)
    L.append(safe(b, "This referral was created in the NHS e-Referral Service. Attachments: none."))
    return "\n".join(L), b


def lay_ers_s1(c):
    b = B(c)
    r = b.r
    L = []
    L.append("%s - Referral to Gastroenterology" % c.practice)
    L.append("To: Gastroenterology Referral Management Centre, %s      Date: %s" % (HOSPITAL, date_ev(b, "long")))
    dob = ("DOB " + dob_ev(b, "long")) if c.age_mode != "age" else ("Age " + b.E("age", str(c.age)))
    L.append("Re: %s %s %s   %s   NHS %s   %s" % (c.title, c.first, c.surname, dob, nhs_fmt(c.nhs, 1), c.address))
    b.E("sex", c.title)
    pr = {"usc": "suspected cancer (2WW)", "urgent": "urgent", "routine": "routine", "advice": "advice only"}.get(c.gp)
    L.append("Referral priority requested: " + (gp_mark(b, pr) if pr else "[not completed]"))
    L.append("")
    com = []
    L.append("Practice referral template:")
    fitq = b.BP("FIT result included?")
    if "fit" in c.vals:
        if r.random() < 0.2:
            s = "%-36s [N]  (result came back after the template was started - see below)" % fitq
            b.D("contradicted_below", "fit_result_present", s)
        else:
            s = "%-36s [Y]" % fitq
    else:
        s = "%-36s [N]" % fitq
        b.D("no_result", "fit", s)
    L.append("  " + s)
    fm = lambda lab, ans: "%-36s %s" % (lab, ans)
    for fct, label in r.sample([("rectal_bleeding", "Rectal bleeding?"), ("weight_loss", "Unexplained weight loss?"),
                                ("dysphagia", "Dysphagia?"), ("jaundice", "Jaundice?")], 3):
        L.append("  " + row_answer(b, fct, "bracket", com, label, fm))
    L.append("  %-36s %s" % ("Anticoagulated?", "[Y]" if any("Apixaban" in m for m in c.meds) else "[N]"))
    L.append("  %-36s [Y]" % "Patient aware of referral?")
    L.append("  %-36s %s" % ("Interpreter needed?", r.choice(["[N]", "[N]", "[ ]"])))
    L.append("")
    L.append(safe(b, "Dear colleague,"))
    b.done.add(("pmh", 1))
    S = story(b, with_request=True)
    text = com[:]
    if c.age_mode in ("age", "both", "words"):
        text.insert(0, "I would be grateful for your help with this %s." % age_phrase(b))
    text += S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["fh"] + S["dist"] + S["request"]
    for p in text:
        L += wrap(p)
    L.append("")
    L.append("%s, GP" % c.gpname)
    L.append("")
    L.append("-- Clinical record extract (auto-generated, %s) --" % fdate(safe_date(c, 0), "slash"))
    L.append("Problems (active): " + ("; ".join(p[0] for p in c.pmh) or "none"))
    past = [d for d in c.dist if d["kind"] == "resolved_past" and ("dist", id(d)) not in b.done]
    L.append("Problems (significant past): " + ("; ".join(b.D("resolved_past", d["fact"], "%s %d" % (PAST_PROBLEM[d["fact"]], d["year"]))
                                                         for d in past) or "none"))
    for d in past:
        b.done.add(("dist", id(d)))
    cur, stopped = auto_meds(b, "slash")
    L.append("Medication (repeat): " + ("; ".join(cur) or "none"))
    L.append("Medication (discontinued): " + ("; ".join(stopped) or "none"))
    L.append("Allergies: " + allergy(b))
    L.append("Investigations (last 12 months):")
    for line in S["results"]:
        L += wrap(line, indent="  ")
    L.append("-- end of extract --")
    return "\n".join(L), b


NURSES = ["Sr K. Adeyemi, practice nurse", "J. Whitworth RGN, triage nurse", "A. Fenwick, nurse practitioner",
          "L. Dunleavy, advanced nurse practitioner"]


def lay_nurse(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    L.append("GASTROENTEROLOGY REFERRAL - NURSE TRIAGE QUESTIONNAIRE")
    L.append("%s (%s)" % (c.practice, c.practice_code))
    nurse = r.choice(NURSES)
    L.append("Completed by: %s     Mode: %s     Date: %s" % (nurse, r.choice(["telephone", "face to face"]), date_ev(b, "slash")))
    dob, age = pt_fields(b, "slash")
    L.append("Patient: %s %s   Sex: %s   DOB: %s   Age: %s   NHS: %s" % (c.first, c.surname, sex_field(b), dob or "-", age or "-",
                                                                       nhs_fmt(c.nhs)))
    L.append("Key: Y = yes   N = no   ? = unsure   N/A = not applicable   'not asked' = question not asked")
    L.append(safe(b, "Please complete every question and pass to the referring GP for review before sending."))
    L.append("")
    qs = [("dysphagia", "Difficulty swallowing / food sticking?"), ("weight_loss", "Unintentional weight loss?"),
          ("rectal_bleeding", "Blood from the back passage?"), ("cibh", "Change in bowel habit for > 4 weeks?"),
          ("abdominal_pain", "Abdominal pain? (site)"), ("bloating", "Bloating?"), ("dyspepsia", "Indigestion?"),
          ("reflux", "Heartburn / acid reflux?"), ("haematemesis", "Vomiting blood?"),
          ("jaundice", "Yellow skin or eyes?"), ("bloody_diarrhoea", "Diarrhoea with blood in it?"),
          ("fh_crc", "Bowel cancer in the family? (who, age)")]
    score = r.randint(3, 7)
    dfn = lambda x: short_detail(b, x) + (", pain score %d/10" % score if x == "abdominal_pain" else "")
    for i, (fct, label) in enumerate(qs, 1):
        fm = lambda lab, ans, i=i: "Q%-3d%-42s %s" % (i, lab, ans)
        L.append(row_answer(b, fct, "YN", com, label, fm, detail_fn=dfn))
    n = len(qs) + 1
    L.append("Q%-3d%-42s %s" % (n, "Current medicines (incl. over the counter):", "; ".join(c.meds) or "none"))
    b.done.add(("pmh_meds", 1))
    bl = [b.val_with_old(x) for x in ("hb", "ferritin", "alt") if x in c.vals]
    L.append("Q%-3d%-42s %s" % (n + 1, "Recent bloods (copy from record):", ", ".join(bl) or "none on record"))
    st = [b.val_with_old(x) for x in ("fit", "fcp") if x in c.vals]
    if c.fit_pending:
        st.append(b.fit_pending())
    L.append("Q%-3d%-42s %s" % (n + 2, b.BP("Stool tests (FIT / calprotectin):"), "; ".join(st) or "none"))
    L.append("")
    L.append("Nurse comments:")
    S = leftover(b, exam_intro="GP examination (%s): " % c.gpname)
    parts = com + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    for p in parts:
        L += wrap(p, indent="  ")
    L.append("")
    pr = prio_text(b)
    L.append("GP review (%s, %s): %s" % (c.gpname, fdate(safe_date(c, 0), "slash"),
                                         (pr if pr else "reviewed - please triage as you see fit.")))
    return "\n".join(L), b


PT_Q = [("dysphagia", "Do you have difficulty swallowing, or does food stick on the way down?"),
        ("weight_loss", "Have you lost weight without trying?"),
        ("rectal_bleeding", "Have you seen blood from your back passage?"),
        ("cibh", "Have your bowels changed (looser or more often) for more than 4 weeks?"),
        ("abdominal_pain", "Do you get pain in your tummy?"),
        ("bloating", "Do you feel bloated?"),
        ("dyspepsia", "Do you get indigestion?"),
        ("reflux", "Do you get heartburn or acid coming up?"),
        ("haematemesis", "Have you been sick with blood in it?"),
        ("fh_crc", "Has anyone in your family had bowel cancer? (who, and how old)")]
LAY = {"bloating": "bloating", "abdominal_pain": "tummy pain", "dyspepsia": "indigestion", "reflux": "heartburn",
       "cibh": "bowels changed", "rectal_bleeding": "blood from bottom", "weight_loss": "weight loss"}


def lay_patient(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    L.append("%s - BOWEL AND STOMACH SYMPTOM QUESTIONNAIRE" % c.practice.upper())
    L.append(safe(b, "To be completed by the patient before the GP appointment. Please circle YES or NO and add any details."))
    L.append("")
    dob = dob_ev(b, "slash") if c.age_mode != "age" else None
    L.append("Name: %s %s      Date of birth: %s      Today's date: %s" % (c.first, c.surname, dob or "", fdate(safe_date(c, -r.randint(1, 6)), "slash")))
    if c.age_mode == "age":
        L.append("Age: " + b.E("age", str(c.age)))
    L.append("Male / Female: " + b.E("sex", "Female" if c.sex == "F" else "Male"))
    L.append("")
    fm = lambda lab, ans: "%s\n      %s" % (lab, ans)
    qn = 0
    for fct, label in PT_Q:
        qn += 1
        row = row_answer(b, fct, "circle", com, "%d. %s" % (qn, label), fm,
                         detail_fn=lambda x: '"' + pos_patient(b, x) + '"',
                         noq_fn=lambda x: NEG_PT.get(x, "no"))
        L.append(row)
    qn += 1
    ticked = [f for f in ("bloating", "abdominal_pain", "cibh") if f in c.pos and ("pos", f) not in b.done]
    L.append("%d. Which of these have you noticed? (tick any)" % qn)
    items = ["\u2611 tiredness"] if r.random() < 0.5 else []
    for f in ticked:
        s = "\u2611 " + LAY[f]
        items.append(b.E(f, s))
        b.F(f, "checklist_listed", "present", s)
    L.append("      " + ("   ".join(items) if items else "(nothing ticked)"))
    L.append("")
    L.append("-" * 60)
    L.append("GP COVERING NOTE - %s, %s" % (c.gpname, c.practice))
    L.append("Date: " + date_ev(b, "slash"))
    if c.age_mode in ("both", "words"):
        L.append("Re: %s %s, %s (NHS %s)" % (c.title, c.surname, age_phrase(b), nhs_fmt(c.nhs)))
    else:
        L.append("Re: %s %s (NHS %s)" % (c.title, c.surname, nhs_fmt(c.nhs)))
    b.E("sex", c.title)
    S = story(b)
    parts = [b.t("I went through the questionnaire with {him} today.")] + com + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + \
        S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    for p in parts:
        L += wrap(p)
    return "\n".join(L), b


def reason_for_call(b):
    c, r = b.c, b.r
    lay = {"haematemesis": "\"I've been sick and there was blood in it\"", "bloody_diarrhoea": "\"diarrhoea with blood, can't get a GP appointment\"",
           "jaundice": "\"my eyes have gone yellow\"", "dysphagia": "\"food keeps sticking when I swallow\"",
           "ascites": "\"my tummy is swelling up\"", "confusion": "family worried he is muddled" if c.sex == "M" else "family worried she is muddled",
           "rectal_bleeding": "\"bleeding from my bottom\"", "abdominal_pain": "\"tummy pain, getting worse\"",
           "reflux": "\"heartburn keeping me up at night\"", "dyspepsia": "\"bad indigestion\"", "bloating": "\"really bloated\"",
           "cibh": "\"my bowels have changed\"", "weight_loss": "\"losing weight\""}
    for f in ["haematemesis", "bloody_diarrhoea", "jaundice", "dysphagia", "ascites", "confusion", "rectal_bleeding",
              "abdominal_pain", "reflux", "dyspepsia", "bloating", "cibh", "weight_loss"]:
        if f in c.pos:
            return b.E(f, lay[f]) + " (caller's words - see questions below)"
    return r.choice(["worried after a letter about blood test results", "anxious about a hospital letter - wants advice",
                     "question about medication"])


def lay_111(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    L.append("NHS 111 / INTEGRATED URGENT CARE - CLINICAL ASSESSMENT SUMMARY")
    L.append("Case ref: IUC-%07d     Call received: %s %02d:%02d" % (r.randint(1000000, 9999999), date_ev(b, "slash"),
                                                                   r.randint(17, 23), r.randint(0, 59)))
    third = r.random() < 0.35
    rel = r.choice(["wife", "husband", "daughter", "son"]) if third else None
    L.append("Caller: " + ("third party (%s)" % rel if third else "patient"))
    dob, age = pt_fields(b, "slash")
    L.append("Patient: %s %s   DOB: %s   Age: %s   Gender: %s   NHS: %s" % (c.first, c.surname.upper(), dob or "-", age or "-",
                                                                          sex_field(b, True), nhs_fmt(c.nhs)))
    L.append("Registered GP: %s (%s)" % (c.practice, c.practice_code))
    L.append("Reason for call (as given): " + reason_for_call(b))
    L.append("")
    L.append("PATHWAYS QUESTIONS AND ANSWERS")
    fm = lambda lab, ans: "  Q: %s\n  A: %s" % (lab, ans)
    # negative-framed swallowing question
    if "dysphagia" in c.pos:
        row = fm("Are you able to swallow food and drink normally?", "No - " + short_detail(b, "dysphagia"))
        b.E("dysphagia", row)
        b.F("dysphagia", "inverted_question_no", "present", row)
    else:
        row = fm("Are you able to swallow food and drink normally?", "Yes")
        b.D("negated", "dysphagia", row)
        b.done.add(("neg", "dysphagia"))
        b.F("dysphagia", "inverted_question_yes", "absent", row)
    L.append(row)
    for fct, label in [("haematemesis", "Have you vomited any blood?"),
                       ("rectal_bleeding", "Have you passed any blood from your bottom?"),
                       ("bloody_diarrhoea", "Is there blood mixed in with the diarrhoea?"),
                       ("jaundice", "Have you noticed any yellowing of the skin or the whites of the eyes?"),
                       ("abdominal_pain", "Do you have any pain in your tummy?"),
                       ("weight_loss", "Have you lost weight without trying?")]:
        L.append(row_answer(b, fct, "qa", com, label, fm))
    L.append("")
    L.append("CLINICIAN NOTES (%s)" % r.choice(["clinical advisor, RGN", "OOH GP", "paramedic practitioner"]))
    if third:
        L.append(b.t("  History from {his} %s, then confirmed with the patient directly on video call." % rel))
    S = leftover(b, exam_intro="Examined at the OOH base: ")
    parts = com + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    for p in parts:
        L += wrap(p, indent="  ")
    L.append("")
    L.append("Disposition: " + r.choice(["Speak to own GP practice within 12 hours", "Face-to-face at OOH base - completed",
                                          "Contact own GP practice next working day"]))
    pr = prio_text(b)
    L.append("Onward referral (OOH GP, %s): Gastroenterology at %s. %s" % (fdate(safe_date(c, 1), "slash"), HOSPITAL,
                                                                         pr or "Priority left to the triaging consultant."))
    L.append("Copy to: registered GP")
    L.append(safe(b, "This summary was generated automatically from the clinical record of the call."))
    return "\n".join(L), b


def discharge_dx(c):
    """(diagnosis, attendance kind, fact the diagnosis line asserts or None)"""
    if "haematemesis" in c.pos:
        return "Haematemesis, Glasgow-Blatchford score 0 - suitable for outpatient endoscopy", "ED attendance", "haematemesis"
    if c.cirrhosis:
        if "ascites" in c.pos or "confusion" in c.pos:
            return "Decompensated chronic liver disease (known cirrhosis)", "Inpatient", "known_cirrhosis"
        return "Fall at home - no injury", "Inpatient", None
    if "jaundice" in c.pos:
        return "Jaundice under investigation - outpatient imaging requested", "Inpatient", "jaundice"
    if "dysphagia" in c.pos:
        return "Food bolus obstruction with ongoing dysphagia", "ED attendance", "dysphagia"
    if "alt" in c.vals and not is_normal(c, "alt"):
        return "Deranged liver function tests", "Inpatient", None
    if "hb" in c.vals and not is_normal(c, "hb"):
        return "Anaemia found incidentally after a fall", "Inpatient", None
    if "bloody_diarrhoea" in c.pos:
        return "Bloody diarrhoea - infective screen negative", "Inpatient", "bloody_diarrhoea"
    if "fcp" in c.vals:
        return "Raised faecal calprotectin - for outpatient review", "Inpatient", None
    if "abdominal_mass" in c.pos:
        return "Abdominal mass noted on ward round", "Inpatient", "abdominal_mass"
    return r_choice_dx(c), "Inpatient", None


def r_choice_dx(c):
    return rnd(c.id, "dx").choice(["Community-acquired pneumonia", "Cellulitis of the left leg", "Urinary tract infection",
                                   "Elective right total knee replacement"])


def lay_discharge(c):
    b = B(c)
    r = b.r
    L = []
    dx, kind, dxf = discharge_dx(c)
    L.append("From: %s, %s (%s)" % (c.gpname, c.practice, c.practice_code))
    L.append("To: Gastroenterology, %s          Date: %s" % (HOSPITAL, date_ev(b, "slash")))
    L.append("Re: %s %s %s, NHS %s" % (c.title, c.first, c.surname, nhs_fmt(c.nhs)))
    b.E("sex", c.title)
    if c.age_mode in ("age", "both", "words"):
        L.append("Covering note: please see the attached %s for this %s." % ("ED discharge summary" if kind == "ED attendance" else "discharge summary",
                                                                         age_phrase(b)))
    else:
        L.append("Covering note: please see the attached %s." % ("ED discharge summary" if kind == "ED attendance" else "discharge summary"))
    # the covering note carries the current picture; the summary carries the admission
    S = story(b)
    hyp = [x for x in S["dist"] if any(x.startswith(cap(d["text"])) for d in b.dis if d["kind"] == "hypothetical")]
    S["dist"] = [x for x in S["dist"] if x not in hyp]
    now = []
    still = [f for f in HIST_ORDER + EXAM_F if f in c.pos and f != "haematemesis"]
    if still:
        names = [PROBLEM_NAME[f].lower() for f in still]
        nm = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        sn = b.t(r.choice(["I reviewed {him} today: the %s %s still present." % (nm, "is" if len(names) == 1 else "are"),
                           "When I saw {him} today the %s %s unchanged." % (nm, "was" if len(names) == 1 else "were")]))
        for f in still:
            b.E(f, sn)
        now.append(sn)
    if "haematemesis" in c.pos:
        now.append(b.E("haematemesis", b.t("{He} has had a further small haematemesis since discharge, the last %d days ago." % r.randint(1, 3))))
    cover = now + S["ctx"][:1] + hyp + S["request"]
    adm_hpc = S["hpc"]
    for p in cover:
        L += wrap(p)
    L.append("")
    L.append("-" * 30 + " attached " + "-" * 30)
    L.append(HOSPITAL.upper() + " - " + ("EMERGENCY DEPARTMENT DISCHARGE SUMMARY" if kind == "ED attendance" else "INPATIENT DISCHARGE SUMMARY"))
    adm = c.date - datetime.timedelta(days=r.randint(8, 20))
    dis = adm + datetime.timedelta(days=0 if kind == "ED attendance" else r.randint(1, 6))
    dob = fdate(c.dob, "slash")
    L.append("Patient: %s, %s   DOB: %s   Hosp No: %s   NHS: %s" % (c.surname.upper(), c.first, dob, c.hosp_no, nhs_fmt(c.nhs)))
    if c.age_mode == "dob":
        b.E("age", dob)
    L.append("Attended: %s   Discharged: %s   %s" % (fdate(adm, "slash"), fdate(dis, "slash"),
                                                   "Ward: " + r.choice(["AMU", "Ward 7B", "Ward 12"]) if kind != "ED attendance" else "ED"))
    L.append("Consultant: Dr %s %s" % (r.choice(GP_FIRST), r.choice(SURNAMES)))
    L.append("Diagnosis: " + (b.E(dxf, dx) if dxf else b.BP(dx)))
    L.append("Presenting complaint / history:")
    for p in adm_hpc + S["ctx"][1:] + S["neg"] + S["exam"]:
        L += wrap(p, indent="  ")
    L.append("Investigations:")
    for p in S["results"]:
        L += wrap(p, indent="  ")
    if not S["results"]:
        L.append("  routine bloods unremarkable")
    L.append("Medication changes: " + r.choice(["none", "none", "paracetamol as required added"]))
    L.append("Background: " + (" ".join(S["pmh"] + S["fh"] + S["dist"]) or "nil of note"))
    L.append("Actions for GP: " + r.choice(["please refer to gastroenterology as an outpatient.", "GP to refer to gastroenterology.",
                                            "outpatient gastroenterology referral via GP please."]))
    L.append(safe(b, "Electronically signed - this summary was generated from the electronic patient record."))
    return "\n".join(L), b


def lay_endo(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    L.append(HOSPITAL.upper() + " - ENDOSCOPY UNIT PRE-ASSESSMENT RECORD")
    L.append(safe(b, "Bowel preparation and consent information sent to the patient with the appointment letter."))
    upperish = any(x in c.pos for x in ("dysphagia", "dyspepsia", "reflux", "haematemesis")) or c.target in ("O1", "A2", "R3", "U5", "U1")
    proc = "OGD" if upperish else "Colonoscopy"
    L.append("Procedure booked: %s     Booked as: %s     Pre-assessment: %s (%s)" % (
        proc, r.choice(["direct access - routine", "direct access - routine", "surveillance list"]), date_ev(b, "slash"),
        r.choice(["telephone", "clinic"])))
    L.append("Pre-assessment nurse: %s" % r.choice(["S. Ormerod RN", "T. Okonjo RN", "B. Haworth, endoscopy nurse specialist"]))
    dob, age = pt_fields(b, "slash")
    L.append("Patient: %s %s %s   DOB: %s   Age: %s   Sex: %s   NHS: %s   Hosp: %s" % (c.title, c.first, c.surname, dob or "-",
                                                                                  age or "-", sex_field(b), nhs_fmt(c.nhs), c.hosp_no))
    L.append("")
    L.append("SYMPTOM REVIEW   (+ present   - absent   blank = not asked)")
    fm = lambda lab, ans: "  %-34s %s" % (lab, ans)
    for fct, label in [("dysphagia", "Dysphagia"), ("weight_loss", "Weight loss (unintentional)"), ("dyspepsia", "Dyspepsia"),
                       ("reflux", "Reflux"), ("abdominal_pain", "Abdominal pain"), ("rectal_bleeding", "Rectal bleeding"),
                       ("cibh", "Change in bowel habit"), ("haematemesis", "Haematemesis"), ("jaundice", "Jaundice")]:
        L.append(row_answer(b, fct, "plusminus", com, label, fm))
    L.append("")
    meds = list(c.meds)
    if c.ppi:
        dn = cap(c.ppi["drug"])
        if c.ppi["kind"] == "PPI" and c.ppi["weeks"] >= 4:
            b.E("ppi_trial", dn)
        else:
            b.D("below_threshold" if c.ppi["kind"] == "PPI" else "not_ppi", "treatment_resistant_dyspepsia", dn)
        meds.append(dn)
    L.append("MEDICATION: " + ("; ".join(meds) or "none"))
    if c.ppi:
        L.append("ACID SUPPRESSION: " + b.ppi())
    L.append("ANTICOAGULANTS: " + ("apixaban - bridging plan needed" if any("Apixaban" in m for m in c.meds) else "none"))
    L.append("ALLERGIES: " + allergy(b))
    tab = results_table(b, ["hb", "ferritin", "alt", "fit", "fcp"], date_fmt="slash")
    if len(tab) > 1:
        L.append("RESULTS ON SYSTEM:")
        L += ["  " + x for x in tab]
    L.append("")
    L.append("NURSE CONCERNS / ACTION:")
    S = leftover(b)
    parts = com + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    for p in parts:
        L += wrap(p, indent="  ")
    g = c.gp
    act = {"usc": "Passed to the endoscopist for re-triage - I think this needs the suspected cancer pathway.",
           "urgent": "Passed to the endoscopist for re-triage - please consider upgrading to urgent.",
           "routine": "Discussed with the endoscopist: keep as routine.",
           "advice": "Query whether the procedure is needed at all - please advise the GP.", None: "For endoscopist review."}[g]
    L.append("  " + (gp_mark(b, act) if g else act))
    return "\n".join(L), b


def lay_pharm(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    L.append("STRUCTURED MEDICATION REVIEW - Clinical Pharmacist, %s Primary Care Network" % r.choice(["Northfield Central", "Ashby Vale", "Fellgate & Ravenholme"]))
    L.append("Practice: %s (%s)     Pharmacist: %s (independent prescriber)     Date: %s" % (
        c.practice, c.practice_code, r.choice(["R. Bhatti MRPharmS", "H. Tran MRPharmS", "O. Mensah MRPharmS"]), date_ev(b, "slash")))
    dob, age = pt_fields(b, "slash")
    L.append("Patient: %s %s %s   DOB: %s   Age: %s   NHS: %s   Review: %s" % (c.title, c.first, c.surname, dob or "-", age or "-",
                                                                            nhs_fmt(c.nhs), r.choice(["face to face", "telephone"])))
    b.E("sex", c.title)
    L.append("")
    L.append("CURRENT MEDICINES")
    L.append("  %-4s %-52s %s" % ("#", "Medicine and dose", "Indication / note"))
    i = 0
    for m in c.meds:
        i += 1
        L.append("  %-4d %-52s %s" % (i, m, "long-term"))
    if c.ppi:
        i += 1
        L.append("  %-4d %-52s %s" % (i, b.E("ppi_trial", cap(c.ppi["drug"])), b.E("ppi_trial", "started %s for %s" % (
            fdate(raw_date(c, -7 * c.ppi["weeks"]), "slash"), "dyspepsia" if "dyspepsia" in c.pos else "reflux"))))
    if c.ibd and not c.ibd["drug"].startswith("no "):
        i += 1
        L.append("  %-4d %-52s %s" % (i, b.E("known_ibd", cap(c.ibd["drug"])), b.E("known_ibd", c.ibd["type"])))
    if i == 0:
        L.append("  none")
    L.append("STOPPED / HISTORIC")
    if c.stopped:
        for med, y in c.stopped:
            s = "%s - stopped %d" % (med, y)
            b.D("stopped_medicine", med.split()[0].lower(), s)
            L.append("  " + s)
    else:
        L.append("  none")
    b.done.add(("pmh", 1))
    L.append("")
    L.append("SYMPTOM CHECK   (\u2713 reported   \u2717 not reported   \u2013 not asked)")
    fm = lambda lab, ans: "  %-30s %s" % (lab, ans)
    for fct, label in [("dyspepsia", "Indigestion"), ("reflux", "Heartburn/reflux"), ("dysphagia", "Swallowing problems"),
                       ("haematemesis", "Vomiting blood"), ("rectal_bleeding", "Blood in stools"),
                       ("weight_loss", "Weight loss"), ("abdominal_pain", "Abdominal pain")]:
        L.append(row_answer(b, fct, "ticks", com, label, fm))
    L.append("")
    L.append("MONITORING BLOODS")
    tab = results_table(b, ["hb", "ferritin", "alt", "fcp", "fit"], date_fmt="slash")
    L += ["  " + x for x in tab] if len(tab) > 1 else ["  none due"]
    L.append("")
    L.append("ISSUES IDENTIFIED")
    S = leftover(b, exam_intro="Examined by %s on %s: " % (c.gpname, fdate(safe_date(c, -r.randint(1, 6)), "slash")))
    parts = com + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["results"] + S["fh"] + S["dist"] + S["pmh"] + S["request"]
    for k, p in enumerate(parts, 1):
        L += wrap("%d. %s" % (k, p), indent="  ")
    L.append("")
    pr = prio_text(b)
    L.append("PLAN: Discussed with %s, who agreed a gastroenterology referral. %s" % (c.gpname, pr or ""))
    L.append(safe(b, "Review completed as part of the structured medication review programme. Next review in twelve months."))
    return "\n".join(L), b


def lay_private(c):
    b = B(c)
    r = b.r
    L = []
    co = r.choice(["Meridian Health Assessments Ltd", "Claremont Private Health Screening", "Vita Executive Health"])
    L.append(co.upper() + " - COMPREHENSIVE HEALTH ASSESSMENT REPORT")
    L.append(safe(b, "Confidential. Prepared for the client and, with consent, the registered GP."))
    dob, age = pt_fields(b, "slash")
    L.append("Client: %s %s %s   DOB: %s   Age: %s   Sex: %s" % (c.title, c.first, c.surname, dob or "-", age or "-", sex_field(b, True)))
    L.append("NHS number (client supplied): %s     Registered GP: %s" % (nhs_fmt(c.nhs), c.practice))
    L.append("Assessment date: %s     Examining doctor: Dr %s %s" % (date_ev(b, "long"), r.choice(GP_FIRST), r.choice(SURNAMES)))
    L.append("")
    L.append("RESULTS")
    tab = results_table(b, ["hb", "ferritin", "alt", "fit", "fcp"], date_fmt="slash")
    L += ["  " + x for x in tab] if len(tab) > 1 else ["  (see findings)"]
    L.append("  %-24s %-10s %-8s %-11s" % ("HbA1c", str(r.randint(34, 46)), "mmol/mol", "<42"))
    L.append("  %-24s %-10s %-8s %-11s" % ("Total cholesterol", "%.1f" % (r.randint(38, 68) / 10), "mmol/L", "<5.0"))
    if c.ttg:
        tt = b.ttg()
        line = "Coeliac screen: " + tt
        if c.ttg["raised"]:
            b.E("ttg_raised", line)
        else:
            b.D("normal_value", "ttg", line)
        L.append("  " + line)
    if c.imaging:
        L.append("  Abdominal " + b.imaging())
    L.append("")
    L.append("SUMMARY OF FINDINGS")
    S = story(b, with_request=False)
    items = S["hpc"] + S["ctx"] + S["exam"] + S["neg"] + S["results"] + S["fh"] + S["dist"] + S["pmh"]
    if not items:
        items = ["No symptoms reported."]
    for k, p in enumerate(items, 1):
        L += wrap("%d. %s" % (k, p), indent="  ")
    L.append("")
    L.append("RECOMMENDATIONS")
    pr = prio_text(b)
    L.append("  " + (pr or "Copy of this report to the gastroenterology department and to the GP for information."))
    L.append("  " + safe(b, "Lifestyle advice given regarding diet, alcohol and exercise."))
    return "\n".join(L), b


def lay_forces(c):
    b = B(c)
    r = b.r
    com = []
    L = []
    unit = r.choice(["RAF Fellgate", "Ravenholme Barracks", "HMS Saltmarsh (shore establishment)", "Lowther Cross Garrison"])
    L.append("DEFENCE PRIMARY HEALTHCARE - %s MEDICAL CENTRE" % unit.upper())
    L.append("REFERRAL TO NHS GASTROENTEROLOGY (%s)" % HOSPITAL)
    rank = r.choice(["Cpl", "LCpl", "Sgt", "SAC", "Pte", "WO2", "Lt", "Capt", "AB", "CPO"])
    L.append("Service No: 30%06d   Rank/Name: %s %s %s   Unit: %s" % (r.randint(100000, 999999), rank, c.first, c.surname.upper(),
                                                                       r.choice(["1 Logistics Sqn", "4 Regt RA", "Sig Sqn", "Eng Wing"])))
    dob, age = pt_fields(b, "slash")
    L.append("DOB: %s   Age: %s   Sex: %s   NHS No: %s" % (dob or "-", age or "-", sex_field(b), nhs_fmt(c.nhs)))
    L.append("Referring MO: %s (Dr) %s %s     Date: %s" % (r.choice(["Maj", "Capt", "Flt Lt", "Surg Lt Cdr"]), r.choice(GP_FIRST),
                                                          r.choice(SURNAMES), date_ev(b, "slash")))
    L.append("Medical employment standard: %s     Deployability: %s" % (r.choice(["MFD", "MLD", "MLD (temporary)"]),
                                                                       ("deployable" if not c.pos else r.choice(["deployable", "not deployable pending investigation"]))))
    L.append("")
    S0 = []
    L.append("1. Presenting complaint: " + main_problem(b) + ".")
    L.append("2. Systems review:")
    fm = lambda lab, ans: "   %-26s %s" % (lab + ":", ans)
    for fct, label in [("dysphagia", "Dysphagia"), ("weight_loss", "Weight loss"), ("rectal_bleeding", "Rectal bleeding"),
                       ("cibh", "Change in bowel habit"), ("abdominal_pain", "Abdominal pain"), ("dyspepsia", "Dyspepsia"),
                       ("haematemesis", "Haematemesis"), ("jaundice", "Jaundice")]:
        L.append(row_answer(b, fct, "nilpos", com, label, fm))
    S = leftover(b)
    L.append("3. History and examination:")
    for p in com + S["hpc"] + S["ctx"] + S["neg"] + S["exam"] + S["fh"] + S["dist"] + S["pmh"]:
        L += wrap(p, indent="   ")
    L.append("4. Investigations:")
    for p in S["results"] or ["none yet."]:
        L += wrap(p, indent="   ")
    L.append(safe(b, "   (Service person consents to disclosure of this information to the NHS treating team.)"))
    L.append("5. Occupational impact: " + r.choice(["currently restricted to UK duties.", "nil at present.", "unable to complete fitness test."]))
    pr = prio_text(b)
    L.append("6. Request: " + " ".join(S["request"] + ([pr] if pr else ["opinion please."])))
    return "\n".join(L), b


LAYOUTS = {
    "lgi_2ww_form": (lay_lgi2ww, "form"),
    "ugi_2ww_form": (lay_ugi2ww, "form"),
    "trust_gi_proforma": (lay_proforma, "form"),
    "ers_template_autopop_above": (lay_ers_emis, "form"),
    "ers_template_autopop_below": (lay_ers_s1, "form"),
    "nurse_triage_questionnaire": (lay_nurse, "form"),
    "patient_questionnaire": (lay_patient, "form"),
    "nhs111_ooh_summary": (lay_111, "form"),
    "discharge_summary_forwarded": (lay_discharge, "form"),
    "endoscopy_preassessment": (lay_endo, "form"),
    "pharmacist_med_review": (lay_pharm, "form"),
    "private_health_check": (lay_private, "form"),
    "armed_forces_mo": (lay_forces, "form"),
    "gp_formal_letter": (lay_formal, "free"),
    "gp_terse_note": (lay_terse, "free"),
    "gp_chatty_letter": (lay_chatty, "free"),
    "gp_headed_sections": (lay_headings, "free"),
    "gp_third_person": (lay_third, "free"),
    "gp_lowercase_email": (lay_lower, "free"),
    "gp_abbreviation_heavy": (lay_abbrev, "free"),
}


# ----------------------------------------------------------------------------------------
# Allocation: 20 layouts x 15 letters
# ----------------------------------------------------------------------------------------
ALLOC = {
    "lgi_2ww_form": dict(U3=4, U4=3, U8=3, U2=1, U6=1, O6=2, D=1),
    "ugi_2ww_form": dict(U1=4, U5=3, O1=2, A2=2, R3=1, D=2, U8=1),
    "trust_gi_proforma": dict(R1=2, O2=2, O3=2, O4=1, O5=2, A1=2, U1=1, U7=1, D=1, O6=1),
    "ers_template_autopop_above": dict(U4=2, O5=2, O4=2, D=2, O1=1, R2=1, A2=1, A1=1, O2=1, U3=1, O6=1),
    "ers_template_autopop_below": dict(U4=2, O5=2, O3=1, O6=2, A1=1, R1=1, U1=1, A2=1, D=2, O4=1, U7=1),
    "nurse_triage_questionnaire": dict(R3=2, R1=2, U1=1, A1=2, A2=2, O6=1, U8=1, D=1, O2=1, U5=1, R2=1),
    "patient_questionnaire": dict(A1=2, A2=2, O6=2, U1=1, U3=1, O1=1, A3=1, D=1, O2=1, R1=1, U6=1, O4=1),
    "nhs111_ooh_summary": dict(R3=2, R1=2, R2=2, U1=2, U7=1, A2=1, D=1, O6=1, A1=1, U8=1, O5=1),
    "discharge_summary_forwarded": dict(R2=2, O5=2, R3=1, U4=1, U7=1, R1=1, O2=1, O3=1, U6=1, U1=1, D=1, O4=1, U3=1),
    "endoscopy_preassessment": dict(U1=1, O1=2, O3=1, U3=1, R3=1, A2=1, O2=1, D=1, U5=1, U4=1, R1=1, O6=1, A1=1, U2=1),
    "pharmacist_med_review": dict(A2=2, O1=2, O5=1, O3=1, R2=1, U4=1, D=1, A1=1, O4=1, R3=1, U1=1, O2=1, A3=1),
    "private_health_check": dict(O5=2, O4=1, U3=2, A3=2, U4=1, D=2, A1=1, O2=1, R2=1, U6=1, O6=1),
    "armed_forces_mo": dict(A1=2, R1=2, A2=1, U1=1, O2=1, O4=1, U3=1, O6=1, D=1, O3=1, U2=1, A3=1, R3=1),
    "gp_formal_letter": dict(U1=1, U3=1, U4=1, U5=1, U7=1, R1=1, R2=1, O1=1, O2=1, O3=1, O5=1, A1=1, O6=1, D=1, A3=1),
    "gp_terse_note": dict(U3=1, U1=1, R1=1, O2=1, O5=1, A2=1, A1=1, O6=1, D=1, O4=1, U8=1, R3=1, O3=1, U2=1, O1=1),
    "gp_chatty_letter": dict(U5=1, U6=1, U8=1, R1=1, O3=1, A1=1, A2=1, A3=1, O6=1, D=1, O2=1, U4=1, U1=1, O4=1, R2=1),
    "gp_headed_sections": dict(U1=1, U3=1, U5=1, U8=1, R1=1, R3=1, O1=1, O2=1, O5=1, A1=1, A2=1, O6=1, D=1, O3=1, O4=1),
    "gp_third_person": dict(U3=1, U4=1, U7=1, U8=1, R1=1, R2=1, O1=1, O2=1, O3=1, O5=1, A1=1, O6=1, A2=1, D=1, U5=1),
    "gp_lowercase_email": dict(U1=1, U3=1, U8=1, R1=1, R3=1, O1=1, O2=1, O4=1, O5=1, A1=1, A2=1, O6=1, D=1, A3=1, U2=1),
    "gp_abbreviation_heavy": dict(U3=1, U4=1, U5=1, U8=1, R1=1, R2=1, O1=1, O2=1, O3=1, O4=1, O5=1, A1=1, A2=1, O6=1, U1=1),
}
GP_JSON = {"usc": "urgent suspected cancer (two-week wait)", "urgent": "urgent", "routine": "routine",
           "advice": "advice and guidance only, no appointment"}
GP_URG = {"usc": "urgent_suspected_cancer", "urgent": "urgent", "routine": "routine", "advice": "advice_and_guidance"}
URG_GP = dict((v, k) for k, v in GP_URG.items())


# scenario variants that suit a layout (others are skipped for that layout)
LAYOUT_VARIANTS = {("lgi_2ww_form", "D"): {0, 1, 2, 9, 10, 13},
                   ("ugi_2ww_form", "D"): {3, 4, 12},
                   ("ugi_2ww_form", "U8"): {3}}


def layout_ok(c, layout, v=None):
    if c.age < 18 or c.age > 95:
        return False
    allowed = LAYOUT_VARIANTS.get((layout, c.target))
    if allowed is not None and v not in allowed:
        return False
    if layout == "armed_forces_mo" and c.age > 55:
        return False
    if layout in ("discharge_summary_forwarded",) and c.dob_tight:
        return False
    return True


def build_case(n, layout, rule, k):
    vf, nv = VARIANTS[rule]
    for shift in range(nv):
        v = (k + shift) % nv
        for attempt in range(60):
            c = Case(n, layout, rule, k, "%d/%d" % (shift, attempt))
            allowed = LAYOUT_VARIANTS.get((layout, rule))
            if allowed is not None and v not in allowed:
                break
            vf(c, c.r, v)
            c.variant = "%s.v%d" % (rule, v)
            if not layout_ok(c, layout, v):
                continue
            decorate(c)
            if all_readings(c.facts()) != {rule}:
                continue
            return c
    raise RuntimeError("cannot build %s %s %s" % (n, layout, rule))


def assign_gp(c, layout):
    r = rnd(c.id, "gp-priority")
    true = URG_GP[RULES[c.target][0]]
    if layout in ("lgi_2ww_form", "ugi_2ww_form"):
        c.gp = "usc"
        return
    x = r.random()
    if x < 0.08:
        c.gp = None
    elif x < 0.48:
        c.gp = true
    else:
        order = ["advice", "routine", "urgent", "usc"]
        i = order.index(true)
        others = [o for o in order if o != true]
        w = [3.0 / (abs(order.index(o) - i)) for o in others]
        c.gp = r.choices(others, w)[0]


# ----------------------------------------------------------------------------------------
# Checks on the drawn facts (generator side)
# ----------------------------------------------------------------------------------------
THRESH = {"age": [40, 50, 55, 60], "ferritin": [30], "fit": [10], "fcp": [100, 250], "alt": [40, 300], "ppi_weeks": [4]}
NEAR = {"age": 1, "hb": 2, "ferritin": 2, "fit": 2, "fcp": 5, "alt": 5, "ppi_weeks": 1}


def boundary_items(c):
    f = c.facts()
    base = classify(f)
    out = []
    th = dict(THRESH)
    th["hb"] = [130 if c.sex == "M" else 120]
    for key, ts in th.items():
        v = f.get(key)
        if v is None or (key in c.vals and c.vals[key].get("disp") in ("<4", "<10", "negative", "undetectable", "<50")):
            continue
        for t in ts:
            if t - NEAR[key] <= v <= t + NEAR[key] - (0 if key != "age" else 1):
                g = dict(f)
                g[key] = t - 1 if v >= t else t
                if key == "ppi_weeks" and g[key] >= 4 and not f["dyspepsia"]:
                    continue
                if classify(g) != base:
                    out.append("%s=%s near %s%d (other side gives %s)" % (key, v, ">=" if key != "hb" else "<", t, classify(g)))
    return out


def form_turn_items(c, form):
    f = c.facts()
    base = classify(f)
    out = []
    for it in form:
        fact = it["fact"]
        if fact not in f or not isinstance(f[fact], bool):
            continue
        g = dict(f)
        g[fact] = not f[fact]
        if fact == "abdominal_pain" and g[fact]:
            g["pain_site"] = "lower"
        if classify(g) != base:
            out.append("%s: %s (%s)" % (fact, it["answer"], it["status"]))
    return out


# ----------------------------------------------------------------------------------------
# Assembly
# ----------------------------------------------------------------------------------------
def plan():
    pairs = []
    for layout, mix in ALLOC.items():
        assert sum(mix.values()) == 15, layout
        for rule, n in mix.items():
            pairs += [(layout, rule)] * n
    r = rnd("plan")
    r.shuffle(pairs)
    return pairs


def check_complete(c, b, text):
    probs = []
    for fact, strs in b.ev.items():
        for s in strs:
            if s not in text:
                probs.append("evidence not in text: %s %r" % (fact, s))
    for d in b.dis:
        if d["text"] not in text:
            probs.append("distractor not in text: %r" % d["text"])
    for it in b.form:
        if it["text"] not in text:
            probs.append("form item not in text: %r" % it["text"])
    need = list(c.pos) + list(c.vals) + ["age", "sex"]
    if c.ibd:
        need.append("known_ibd")
        if c.ibd.get("stable"):
            need += ["ibd_stable"]
        if c.ibd.get("question"):
            need += ["management_question"]
    if c.cirrhosis:
        need.append("known_cirrhosis")
    if c.imaging and c.imaging["fatty"]:
        need.append("fatty_liver_imaging")
    if c.ttg and c.ttg["raised"]:
        need.append("ttg_raised")
    if any(x["cond"] == "crc" for x in c.fh):
        need.append("fh_crc")
    if c.ppi and c.ppi["kind"] == "PPI" and c.ppi["weeks"] >= 4 and "dyspepsia" in c.pos:
        need.append("treatment_resistant_dyspepsia")
    for n in need:
        if not b.ev.get(n):
            probs.append("no evidence for %s" % n)
    dfacts = set(d["fact"] for d in b.dis)
    for f in c.neg:
        if ("neg", f) not in b.done and f not in dfacts:
            probs.append("negation not rendered: %s" % f)
    for d in c.dist:
        if ("dist", id(d)) not in b.done:
            probs.append("distractor not rendered: %s" % d)
    for x in c.fh:
        if ("fh", id(x)) not in b.done:
            probs.append("family history not rendered: %s" % x)
    if c.fit_pending and ("ctx", "fitpend") not in b.done:
        probs.append("fit pending not rendered")
    if c.gp and not b.ev.get("_gp_priority"):
        probs.append("gp priority not rendered")
    if c.ppi and ("ctx", "ppi") not in b.done:
        probs.append("ppi not rendered")
    return probs


def value_meta(c):
    out = {}
    for name in VALS:
        if name not in c.vals:
            continue
        d = c.vals[name]
        m = {"value": d["v"]}
        if name == "hb":
            m["unit_written"] = d.get("unit", "g/L")
            m["g_per_L"] = d["v"]
        if d.get("disp"):
            m["as_written"] = d["disp"]
            if d["disp"] in ("<4", "<10", "negative", "undetectable", "<50"):
                m["censored_below"] = {"<4": 4, "<10": 10, "negative": 10, "undetectable": 10, "<50": 50}[d["disp"]]
        if d.get("old"):
            m["superseded"] = [{"value": v, "days_before_letter": days} for v, days in d["old"]]
        out[name] = m
    return out


def render(c):
    fn, kind = LAYOUTS[c.layout]
    text, b = fn(c)
    if c.layout == "gp_lowercase_email":
        text = lc_transform(text)
        b.ev = dict((k, [lc_transform(s) for s in v]) for k, v in b.ev.items())
        for d in b.dis:
            d["text"] = lc_transform(d["text"])
        for it in b.form:
            it["text"] = lc_transform(it["text"])
        for nz in b.noise:
            nz["noisy"] = lc_transform(nz["noisy"])
        b.bp = [lc_transform(x) for x in b.bp]
    text = text.rstrip("\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))

    def fix(s):
        s2 = "\n".join(x.rstrip() for x in s.split("\n")).rstrip()
        out = [x for x in (s2, cap(s2)) if x in text]
        return list(dict.fromkeys(out)) or [s2]
    ev = {}
    for k, v in b.ev.items():
        ev[k] = []
        for s in v:
            for x in fix(s):
                if x not in ev[k]:
                    ev[k].append(x)
    b.ev = ev
    dis = []
    for d in b.dis:
        for x in fix(d["text"]):
            e = dict(d)
            e["text"] = x
            dis.append(e)
    b.dis = dis
    for it in b.form:
        it["text"] = fix(it["text"])[0]
    b.bp = [fix(x)[0] for x in b.bp]
    return text, b


def main():
    pairs = plan()
    counters = {}
    letters, metas = [], []
    problems = []
    for i, (layout, rule) in enumerate(pairs, 1):
        k = counters.get(rule, 0)
        counters[rule] = k + 1
        c = build_case(i, layout, rule, k)
        make_identity(c)
        assign_gp(c, layout)
        c.noise = rnd(c.id, "noise").random() < 0.09
        text, b = render(c)
        p = check_complete(c, b, text)
        if p:
            problems.append((c.id, layout, rule, p))
        f = c.facts()
        rule_got = classify(f)
        assert rule_got == rule, (c.id, rule, rule_got)
        urg, path = RULES[rule]
        ev = dict((k2, v) for k2, v in b.ev.items() if not k2.startswith("_"))
        gp_ev = b.ev.get("_gp_priority", [])
        facts = dict((k2, f[k2]) for k2 in SYMPTOMS + CONTEXT)
        facts["pain_site"] = f["pain_site"]
        facts["treatment_resistant_dyspepsia"] = bool(f["dyspepsia"] and f["ppi_weeks"] >= 4)
        facts["ppi"] = None if not c.ppi else {"drug": c.ppi["drug"], "class": c.ppi["kind"], "weeks": c.ppi["weeks"],
                                               "symptoms_persisting": c.ppi["persisting"]}
        facts["fit_result_in_letter"] = "fit" in c.vals
        facts["fit_pending"] = c.fit_pending
        facts["values"] = value_meta(c)
        facts["ibd"] = c.ibd and {"type": c.ibd["type"], "stable": bool(c.ibd.get("stable")),
                                  "question": IBD_QUESTIONS.get(c.ibd.get("question"))}
        facts["ttg"] = c.ttg and {"raised": c.ttg["raised"], "value": c.ttg["v"], "upper_limit": c.ttg["uln"]}
        facts["family_history"] = [{"relative": x["rel"], "condition": x["cond"], "age": x["age"]} for x in c.fh]
        bnd = boundary_items(c)
        ft = form_turn_items(c, b.form) if LAYOUTS[layout][1] == "form" else []
        letters.append({"id": c.id, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": layout,
                        "gp_priority": GP_JSON[c.gp] if c.gp else None, "age": c.age})
        metas.append({
            "id": c.id, "style": layout, "layout_kind": LAYOUTS[layout][1], "scenario": c.variant,
            "patient": {"sex": c.sex, "age": c.age, "dob": c.dob.isoformat(), "letter_date": c.date.isoformat(),
                        "age_written_as": c.age_mode, "birthday_near_letter_date": c.dob_tight},
            "facts": facts,
            "evidence": ev,
            "distractors": b.dis,
            "form_items": b.form,
            "gp_priority": {"class": c.gp, "label_equivalent": GP_URG.get(c.gp), "evidence": gp_ev,
                            "disagrees_with_rules": (c.gp is not None and GP_URG[c.gp] != urg)},
            "label": {"urgency": urg, "pathway": path, "rule": rule},
            "loose_readings_checked": len(READINGS),
            "near_line": bnd,
            "form_assertion_turns_label": ft,
            "noise": b.noise,
            "boilerplate": b.bp,
        })
    if problems:
        for pr in problems:
            print("PROBLEM", pr, file=sys.stderr)
        sys.exit(1)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for x in letters:
            fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for x in metas:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=False) + "\n")
    digest = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    print("wrote %d letters; sha256(letters.jsonl) = %s" % (len(letters), digest))


if __name__ == "__main__":
    main()
