#!/usr/bin/env python3
"""Generator for the sealed test set "letters20": 300 gastroenterology referral letters.

Python 3 standard library only. Every random choice is drawn from a random.Random seeded
with a sha256 of a string, so reruns give byte-identical files.

Ground truth: /work/shared/clinical/referral-triage-spec.md (first matching rule decides).
Each letter is built from a target rule: facts are drawn for it, distractors are added only if
the label stays the same, and the label is computed under several readings of the loose words
of the spec (strict/loose A1 "no other fact above", bloody diarrhoea counted / not counted as
rectal bleeding and change in bowel habit, unlocated abdominal pain counted / not counted as
upper abdominal pain). A letter is kept only when every reading gives the target rule.
"""
import datetime
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SET = "L20"


def R(*parts):
    h = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return random.Random(int(h, 16))


# ----------------------------------------------------------------------------- rule engine
SYMPTOM_KEYS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia",
                "jaundice", "rectal_bleeding", "change_in_bowel_habit", "abdominal_pain",
                "pain_unspecified", "bloating", "bloody_diarrhoea", "haematemesis", "ascites",
                "confusion", "other_symptom", "treatment_resistant_dyspepsia"]
BOOL_KEYS = SYMPTOM_KEYS + ["rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass",
                            "cirrhosis", "known_ibd", "ibd_stable", "management_question",
                            "ttg_raised", "fatty_liver_imaging", "fh_crc"]
VALUE_KEYS = ["hb", "ferritin", "fit", "calprotectin", "alt"]


def blank_facts():
    f = {k: False for k in BOOL_KEYS}
    for k in VALUE_KEYS:
        f[k] = None
    f["fit_status"] = None  # "pending" when a FIT is awaited
    return f


def num(v):
    """meta values: numbers, or strings such as '<4' / 'undetectable', or [lo, hi] ranges."""
    if v is None:
        return None
    if isinstance(v, list):
        return max(v)
    if isinstance(v, str):
        return 0.0
    return float(v)


def classify(f, strict_a1=True, bd_counts=False, unspec_upper=False):
    age, sex = f["age"], f["sex"]
    hb, fer, fit = num(f["hb"]), num(f["ferritin"]), num(f["fit"])
    cal, alt = num(f["calprotectin"]), num(f["alt"])
    anaemia = hb is not None and (hb < 130 if sex == "M" else hb < 120)
    irondef = fer is not None and fer < 30
    upper = f["upper_abdominal_pain"] or (unspec_upper and f["pain_unspecified"])
    anypain = f["abdominal_pain"] or f["upper_abdominal_pain"] or f["pain_unspecified"]
    bleed = f["rectal_bleeding"] or (bd_counts and f["bloody_diarrhoea"])
    cibh = f["change_in_bowel_habit"] or (bd_counts and f["bloody_diarrhoea"])
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (upper or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and bleed) or (age >= 40 and f["weight_loss"] and anypain)
                        or (age >= 60 and cibh)):
        return "U8"
    if f["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and f["treatment_resistant_dyspepsia"]:
        return "O1"
    if cal is not None and 100 <= cal < 250:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["management_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt < 300) or f["fatty_liver_imaging"]:
        return "O5"
    a1sym = anypain or f["bloating"] or cibh
    a1test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and a1sym and a1test:
        other = [f["dysphagia"], anaemia, irondef, f["weight_loss"], f["reflux"], f["dyspepsia"],
                 f["jaundice"], bleed, f["bloody_diarrhoea"], f["cirrhosis"], f["ascites"],
                 f["confusion"], alt is not None and alt >= 40, f["haematemesis"],
                 f["treatment_resistant_dyspepsia"], f["known_ibd"], f["ttg_raised"],
                 f["fatty_liver_imaging"], upper, f["abdominal_mass"]]
        if not strict_a1 or not any(other):
            return "A1"
    if (bleed or cibh or anypain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    symptomatic = any(f[k] for k in SYMPTOM_KEYS)
    if f["fh_crc"] and not symptomatic:
        return "A3"
    return "D"


def all_readings(f):
    out = set()
    for s in (True, False):
        for b in (True, False):
            for u in (True, False):
                out.add(classify(f, s, b, u))
    return out


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

RULE_COUNTS = [("U1", 14), ("U2", 8), ("U3", 18), ("U4", 14), ("U5", 10), ("U6", 6), ("U7", 8),
               ("U8", 12), ("R1", 20), ("R2", 12), ("R3", 13), ("O1", 12), ("O2", 14),
               ("O4", 14), ("O5", 20), ("O6", 22), ("D", 23), ("O3", 16), ("A1", 20),
               ("A2", 16), ("A3", 8)]

# ----------------------------------------------------------------------------- word banks
MALE = ["James", "Robert", "Mohammed", "David", "Peter", "Gareth", "Tomasz", "Kwame", "Ian",
        "Stephen", "Arjun", "Liam", "Callum", "Derek", "Graham", "Oluwaseun", "Neil", "Rhys",
        "Barry", "Hamza", "Colin", "Dylan", "Keith", "Ravi", "Sean", "Trevor", "Yusuf", "Alan"]
FEMALE = ["Margaret", "Susan", "Aisha", "Claire", "Joanne", "Priya", "Agnieszka", "Fiona",
          "Bethan", "Sandra", "Chloe", "Doreen", "Grace", "Hannah", "Irene", "Jasmin", "Kerry",
          "Leanne", "Maureen", "Nadia", "Olivia", "Pauline", "Rachel", "Shirley", "Tanya",
          "Wendy", "Yvonne", "Zainab"]
SURN = ["Thompson", "Ahmed", "Williams", "Kowalski", "Patel", "O'Neill", "Hughes", "Mensah",
        "Roberts", "Campbell", "Begum", "Davies", "Evans", "Fraser", "Gill", "Holt", "Iqbal",
        "Jenkins", "Khan", "Lloyd", "McAllister", "Nowak", "Okafor", "Price", "Quinn", "Rahman",
        "Singh", "Turner", "Walsh", "Young", "Bennett", "Chowdhury", "Doherty", "Ellis"]
TOWNS = ["Northfield", "Ashby Vale", "Kingsmere", "Millbrook", "Harrowgate Road", "Eastcliffe",
         "Wexley", "Brampton Heath", "Sandalford", "Otterby", "Cresswell", "Lowther Park",
         "St Anne's", "Fenbridge", "Glenholme", "Radcliffe Green"]
PRACTICE_KIND = ["Medical Centre", "Surgery", "Health Centre", "Medical Practice", "Family Practice",
                 "Primary Care Centre"]
GP_SUR = ["Okonjo", "Brennan", "Sharma", "Whitfield", "Lindqvist", "Adeyemi", "MacLeod", "Hussain",
          "Carver", "Dunmore", "Fitzgerald", "Gupta", "Harland", "Ibrahim", "Jory", "Kaur",
          "Lambert", "Moreau", "Nair", "Osei", "Pemberton", "Rowe", "Sutherland", "Tan"]
GP_FIRST = ["Anna", "Ben", "Catherine", "Daniel", "Eleanor", "Farid", "Gemma", "Hugh", "Imogen",
            "Jonathan", "Katie", "Lewis", "Mei", "Nicholas", "Orla", "Paul", "Ruth", "Simon"]
QUALS = ["MBChB MRCGP", "MB BS MRCGP DRCOG", "BM BCh MRCGP", "MBChB MRCGP DFSRH",
         "MB BCh BAO MRCGP", "MBBS BSc MRCGP", "MBChB FRCGP"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

SUBJ = {"M": "he", "F": "she"}
OBJ = {"M": "him", "F": "her"}
POSS = {"M": "his", "F": "her"}


def cap(s):
    return s[0].upper() + s[1:] if s else s


def fmt_date(d, kind):
    if kind == 0:
        return d.strftime("%d/%m/%Y")
    if kind == 1:
        return d.strftime("%d.%m.%y")
    if kind == 2:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if kind == 3:
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if kind == 4:
        return d.isoformat()
    suf = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return "%d%s %s %d" % (d.day, suf, MONTHS[d.month - 1], d.year)


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return "%s %s %s" % (n[:3], n[3:6], n[6:])


ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    h = "%s hundred" % ONES[n // 100]
    return h if n % 100 == 0 else h + " and " + words(n % 100)


DURS = ["for the last couple of months", "since Christmas", "x 3/12", "for 3 mths", "for 6/52",
        "on and off for years but worse since the summer", "for about ten weeks",
        "since the beginning of the year", "for 2 months", "over the past 8 weeks",
        "for four months or so", "x 6/52", "since late spring", "for roughly 5 weeks",
        "for the past 3 months", "since around Easter"]

NOISE_SWAPS = [("rn", "m"), ("l", "1"), ("O", "0"), ("e", "c"), ("ie", "ei"), ("th", "tb"),
               ("m", "rn"), ("i", "l")]


# ----------------------------------------------------------------------------- case
class Case:
    def __init__(self, idx, rule):
        self.idx = idx
        self.id = "%s-%04d" % (SET, idx)
        self.rule = rule
        self.rng = R(SET, "case", idx)
        self.f = blank_facts()
        self.ev = []      # {"fact", "text"}
        self.dist = []    # {"kind", "fact", "text"}
        self.syms = []    # positive clinical items: dict(key, np)
        self.labs = []    # lab dicts
        self.dspecs = []  # distractor specs (kind, key, text)
        self.extra = {}
        self.noisy = False
        self.noise_applied = False

    # evidence helpers
    def E(self, fact, text):
        self.ev.append({"fact": fact, "text": text})
        if fact == "treatment_resistant_dyspepsia":
            self.ev.append({"fact": "dyspepsia", "text": text})
        return text

    def Dx(self, kind, fact, text):
        self.dist.append({"kind": kind, "fact": fact, "text": text})
        return text

    def bp(self, s):
        """boilerplate: may carry light noise (never a fact)."""
        if not self.noisy:
            return s
        r = R(self.id, "noise", s)
        ws = s.split(" ")
        cand = [i for i, w in enumerate(ws) if len(w) > 4 and w.isalpha()]
        if not cand or r.random() < 0.5:
            return s
        i = r.choice(cand)
        w = ws[i]
        for a, b in r.sample(NOISE_SWAPS, len(NOISE_SWAPS)):
            if a in w:
                ws[i] = w.replace(a, b, 1)
                break
        else:
            j = r.randrange(len(w) - 1)
            ws[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        out = " ".join(ws)
        if out != s:
            self.noise_applied = True
        return out

    @property
    def he(self):
        return SUBJ[self.f["sex"]]

    @property
    def him(self):
        return OBJ[self.f["sex"]]

    @property
    def his(self):
        return POSS[self.f["sex"]]


# ----------------------------------------------------------------------------- positive phrases
def sym_np(c, key):
    r = c.rng
    d = r.choice(DURS)
    if key == "dysphagia":
        np = r.choice(["difficulty swallowing solids", "dysphagia to solids",
                       "food sticking in the lower chest on swallowing", "progressive dysphagia",
                       "difficulty swallowing, now struggling with bread and meat"])
    elif key == "weight_loss":
        wl = r.choice([4, 5, 6, 7, 8, 9, 10])
        np = r.choice(["unintentional weight loss of %d kg" % wl,
                       "weight loss of about %d kg without trying" % wl,
                       "unexplained weight loss (%d kg)" % wl,
                       "unintentional weight loss, about %s stone" % ("a" if wl < 8 else "one and a half")])
    elif key == "upper_abdominal_pain":
        np = r.choice(["upper abdominal pain", "pain in the upper abdomen",
                       "gnawing upper abdominal pain"])
    elif key == "reflux":
        np = r.choice(["acid reflux", "reflux", "heartburn and acid reflux"])
    elif key == "dyspepsia":
        np = r.choice(["dyspepsia", "indigestion", "troublesome indigestion"])
    elif key == "jaundice":
        np = r.choice(["painless jaundice", "jaundice with yellow sclerae",
                       "visible jaundice (skin and eyes)"])
        d = r.choice(["noticed 10 days ago", "for the past fortnight", "since last week",
                      "first noticed by family 2 weeks ago"])
    elif key == "rectal_bleeding":
        np = r.choice(["rectal bleeding", "bright red rectal bleeding", "PR bleeding",
                       "fresh blood mixed in with the stool", "dark red blood PR"])
    elif key == "change_in_bowel_habit":
        np = r.choice(["a change in bowel habit to looser stools", "change in bowel habit",
                       "CIBH (looser, more frequent stools)",
                       "a change in bowel habit - now opening bowels 3-4 times a day, previously once"])
    elif key == "abdominal_pain":
        np = r.choice(["lower abdominal pain", "crampy lower abdominal pain",
                       "left iliac fossa pain", "intermittent lower abdominal pain",
                       "colicky pain low in the abdomen"])
    elif key == "pain_unspecified":
        np = r.choice(["abdominal pain", "intermittent abdominal pain", "tummy pain"])
    elif key == "bloating":
        np = r.choice(["abdominal bloating", "bloating", "bloating, worse in the evenings"])
    elif key == "bloody_diarrhoea":
        np = r.choice(["bloody diarrhoea", "diarrhoea with blood in it, up to 8 times a day",
                       "bloody diarrhoea 6-10 times daily"])
        d = r.choice(["for 2 weeks", "for the last 10 days", "x 3/52", "since the 1st of the month"])
    elif key == "haematemesis":
        np = r.choice(["haematemesis", "an episode of haematemesis (fresh red blood)",
                       "two small haematemeses"])
        d = r.choice(["3 days ago", "yesterday evening", "at the weekend", "on Monday"])
    elif key == "other_symptom":
        np = r.choice(["tiredness", "nausea", "fatigue", "low energy"])
    else:
        raise KeyError(key)
    return np, d


# ----------------------------------------------------------------------------- labs
LAB_DEF = {  # name variants, unit, ref
    "hb": (["Hb", "Haemoglobin", "HGB"], "g/L", {"M": "130-170", "F": "120-150"}),
    "ferritin": (["Ferritin", "Serum ferritin"], "ug/L", "30-300"),
    "fit": (["FIT", "qFIT", "Faecal immunochemical test"], "ug Hb/g", "<10"),
    "calprotectin": (["Faecal calprotectin", "Calprotectin", "FCP"], "ug/g", "<50"),
    "alt": (["ALT", "Alanine transaminase"], "U/L", "<40"),
    "bili": (["Bilirubin", "Bili"], "umol/L", "<21"),
    "ttg": (["tTG IgA", "Anti-tTG"], "U/mL", "<7"),
    "crp": (["CRP"], "mg/L", "<5"),
    "mcv": (["MCV"], "fL", "80-100"),
    "plt": (["Platelets", "Plt"], "x10^9/L", "150-400"),
    "alp": (["ALP"], "U/L", "30-130"),
    "egfr": (["eGFR"], "mL/min", ">60"),
}


def add_lab(c, key, value, positive, shown=None, flag=None, note=None):
    """value is the canonical number (Hb in g/L); shown is how it is written if odd."""
    c.labs.append({"key": key, "value": value, "positive": positive, "shown": shown,
                   "flag": flag, "note": note})


def lab_flag(c, lab):
    key, v = lab["key"], lab["value"]
    if lab["flag"] is not None:
        return lab["flag"]
    if isinstance(v, (int, float)):
        if key == "hb":
            lo = 130 if c.f["sex"] == "M" else 120
            return "L" if v < lo else ""
        if key == "ferritin":
            return "L" if v < 30 else ""
        if key in ("alt", "calprotectin", "fit", "crp", "bili", "ttg"):
            lim = {"alt": 40, "calprotectin": 50, "fit": 10, "crp": 5, "bili": 21, "ttg": 7}[key]
            return "H" if v >= lim else ""
    return ""


def lab_value_text(c, lab, odd=True):
    """returns (value_text, unit_text)."""
    key, v, r = lab["key"], lab["value"], R(c.id, "lab", lab["key"])
    unit = LAB_DEF[key][1]
    if lab["shown"] is not None:
        return lab["shown"], ("" if lab["shown"].isalpha() else unit)
    if key == "hb" and odd:
        k = r.randrange(6)
        if k == 0:
            return "%.1f" % (v / 10.0), "g/dL"
        if k == 1:
            return str(v), ""
    if key == "ferritin" and odd and r.random() < 0.25:
        return str(v), "ng/mL"
    return str(v), unit


def lab_inline(c, lab, fact_kind):
    """inline text for a lab, registered as evidence (positive) or normal-value distractor."""
    r = R(c.id, "labinline", lab["key"])
    names = LAB_DEF[lab["key"]][0]
    name = r.choice(names)
    if lab["key"] == "hb" and lab["shown"] is None and r.random() < 0.15 and lab["value"] < 200:
        txt = "haemoglobin %s" % words(int(lab["value"]))
    elif lab["key"] == "ferritin" and isinstance(lab["value"], list):
        txt = "ferritin %d-%d on two occasions" % tuple(lab["value"])
    else:
        vt, ut = lab_value_text(c, lab)
        fl = lab_flag(c, lab) if not vt.isalpha() else ""
        mark = ""
        if fl and r.random() < 0.4:
            mark = (" (" + fl + ")") if r.random() < 0.5 else "*"
        txt = ("%s %s %s" % (name, vt, ut)).strip() + mark
    if lab["note"]:
        txt += " " + lab["note"]
    return record_lab(c, lab, txt)


def record_lab(c, lab, txt):
    if lab["key"] in ("crp", "mcv", "plt", "alp", "egfr", "bili"):
        return txt  # context only
    if lab["key"] == "ttg":
        if lab["positive"]:
            return c.E("ttg_raised", txt)
        return c.Dx("normal_value", "ttg_raised", txt)
    c.E(lab["key"], txt)  # every written value is evidence for that value
    decisive = (lab["key"] == "fit" and c.rule in ("A1", "O6")) or (
        lab["key"] == "calprotectin" and c.rule == "A1")
    if not lab["positive"] and not decisive:
        c.Dx("normal_value", lab["key"], txt)
    return txt


def lab_row(c, lab, widths=(22, 10, 10, 12, 5)):
    names = LAB_DEF[lab["key"]][0]
    name = names[0] if lab["key"] != "fit" else "FIT (qFIT)"
    ref = LAB_DEF[lab["key"]][2]
    if isinstance(ref, dict):
        ref = ref[c.f["sex"]]
    if isinstance(lab["value"], list):
        vt, ut = "%d / %d" % tuple(lab["value"]), "ug/L"
    else:
        vt, ut = lab_value_text(c, lab, odd=False)
        if lab["key"] == "hb" and R(c.id, "rowhb").random() < 0.3:
            vt, ut = "%.1f" % (lab["value"] / 10.0), "g/dL"
            ref = "13.0-17.0" if c.f["sex"] == "M" else "12.0-15.0"
    fl = lab_flag(c, lab)
    row = "%-*s%-*s%-*s%-*s%s" % (widths[0], name, widths[1], vt, widths[2], ut or "-",
                                  widths[3], ref, fl)
    return record_lab(c, lab, row.rstrip())


def labs_table(c, title="Recent results", with_date=True):
    labs = [l for l in c.labs]
    if not labs:
        return ""
    d = fmt_date(c.extra["letter_date"] - datetime.timedelta(days=c.rng.randint(6, 40)), 0)
    hdr = "%-22s%-10s%-10s%-12s%s" % ("Test", "Result", "Units", "Range", "Flag")
    lines = [title + ((" (sample date %s)" % d) if with_date else ""), hdr, "-" * len(hdr)]
    for l in labs:
        lines.append(lab_row(c, l))
    return "\n".join(lines)


def labs_inline(c, sep=", "):
    return sep.join(lab_inline(c, l, None) for l in c.labs)


# ----------------------------------------------------------------------------- distractor phrases
def dist_text(c, kind, key):
    r = R(c.id, "dist", kind, key)
    he, him, his = c.he, c.him, c.his
    if kind == "negated":
        bank = {
            "dysphagia": ["no dysphagia", "denies any difficulty swallowing", "swallowing is normal"],
            "weight_loss": ["no weight loss", "weight stable", "denies weight loss"],
            "rectal_bleeding": ["no rectal bleeding", "denies PR bleeding", "no blood in the stool"],
            "jaundice": ["not jaundiced", "no jaundice"],
            "haematemesis": ["no haematemesis", "no vomiting of blood"],
            "change_in_bowel_habit": ["no change in bowel habit", "bowel habit unchanged"],
            "abdominal_mass": ["no abdominal mass palpable", "abdomen soft, no masses felt"],
            "rectal_mass": ["PR examination: no mass felt"],
            "reflux": ["no reflux symptoms"],
            "dyspepsia": ["no indigestion"],
            "bloody_diarrhoea": ["no bloody diarrhoea"],
            "ascites": ["no ascites"],
            "abdominal_pain": ["no abdominal pain"],
        }
        return r.choice(bank[key])
    if kind == "family_history":
        bank = {
            "oesophageal_cancer": ["father had oesophageal cancer", "her late mother had cancer of the oesophagus"
                                   if c.f["sex"] == "F" else "his late mother had cancer of the oesophagus"],
            "crohns": ["brother has Crohn's disease", "sister has Crohn's disease",
                       "cousin has ulcerative colitis"],
            "coeliac": ["mother has coeliac disease", "daughter has coeliac disease"],
            "liver": ["father died of alcohol-related cirrhosis", "brother has haemochromatosis",
                      "mother had primary biliary cholangitis"],
            "stomach_cancer": ["grandfather had stomach cancer", "uncle had pancreatic cancer",
                               "father had prostate cancer"],
        }
        return r.choice(bank[key])
    if kind == "resolved":
        bank = {
            "rectal_bleeding": ["rectal bleeding in 2015 (haemorrhoids, banded), none since",
                                "PR bleeding from a fissure in 2016 which healed, none since",
                                "an episode of rectal bleeding in 2019, colonoscopy normal, no bleeding since"],
            "dysphagia": ["brief dysphagia in 2021 after a food bolus, resolved, no problems since",
                          "dysphagia in 2020 during a bad chest infection, fully resolved"],
            "haematemesis": ["haematemesis in 2018 from a Mallory-Weiss tear, none since",
                             "a small haematemesis after heavy drinking in 2013, nothing since"],
            "jaundice": ["jaundice with hepatitis A in 2009, fully recovered",
                         "glandular fever with jaundice as a teenager, fully recovered"],
            "reflux": ["reflux which settled completely on omeprazole last year; now off treatment and symptom-free",
                       "reflux in 2019, settled on a short course of lansoprazole, none since"],
            "weight_loss": ["lost weight during a bereavement in 2020, since regained",
                            "weight loss after gastroenteritis last year, now back to usual weight",
                            "lost 4 kg when unwell with COVID in 2022, since regained"],
            "bloody_diarrhoea": ["bloody diarrhoea with campylobacter in 2017, settled",
                                 "an episode of infective bloody diarrhoea abroad in 2019, resolved within a week"],
        }
        return r.choice(bank[key])
    if kind == "hypothetical":
        bank = {
            "dysphagia": ["if %s develops any dysphagia I will re-refer urgently" % he,
                          "advised to return if %s has any difficulty swallowing" % he],
            "weight_loss": ["asked to come back if %s starts losing weight" % he,
                            "we will weigh %s again in a month and act if %s has lost weight" % (him, he)],
            "rectal_bleeding": ["advised to report any rectal bleeding straight away",
                                "if there is any rectal bleeding I would re-refer"],
            "jaundice": ["told to seek help urgently if %s becomes jaundiced" % he],
            "haematemesis": ["knows to attend A&E if %s vomits blood" % he],
        }
        return r.choice(bank[key])
    raise KeyError((kind, key))


# ----------------------------------------------------------------------------- scenarios
AGE_CAP = {"parent_ld": 58, "sexual_health": 75, "student_health": 40, "occupational_health": 66}


def pick_age(c, lo, hi):
    cap = AGE_CAP.get(getattr(c, "style", None))
    if cap is not None:
        hi = max(lo, min(hi, cap))
    return c.rng.randint(lo, hi)


def set_sym(c, key):
    c.f[key] = True
    np, d = sym_np(c, key)
    c.syms.append({"key": key, "np": np, "dur": d})


def normal_hb(c):
    return c.rng.randint(134, 158) if c.f["sex"] == "M" else c.rng.randint(124, 148)


def low_hb(c):
    return c.rng.randint(78, 122) if c.f["sex"] == "M" else c.rng.randint(72, 112)


def add_normal_bloods(c, p=0.6, hb=True, fer=True, alt=True):
    r = c.rng
    if hb and c.f["hb"] is None and r.random() < p:
        c.f["hb"] = normal_hb(c)
        add_lab(c, "hb", c.f["hb"], False)
    if fer and c.f["ferritin"] is None and r.random() < p * 0.7:
        c.f["ferritin"] = r.randint(45, 240)
        add_lab(c, "ferritin", c.f["ferritin"], False)
    if alt and c.f["alt"] is None and r.random() < p * 0.6:
        c.f["alt"] = r.randint(12, 34)
        add_lab(c, "alt", c.f["alt"], False)
    if r.random() < 0.4:
        add_lab(c, "crp", r.choice([2, 3, 4, "<5"]) if True else 0, False)


def fit_below_text(c):
    r = c.rng
    k = r.randrange(5)
    if k == 0:
        return "<4", "FIT <4 ug Hb/g"
    if k == 1:
        return "undetectable", "FIT undetectable"
    if k == 2:
        return "negative", "FIT negative"
    v = r.randint(0, 9)
    return v, None


def set_fit_low(c):
    v, shown = fit_below_text(c)
    c.f["fit"] = v
    if isinstance(v, str):
        add_lab(c, "fit", v, False, shown=("<4" if v == "<4" else v))
    else:
        add_lab(c, "fit", v, False)


def scenario(c):
    r, rule = c.rng, c.rule
    c.f["sex"] = r.choice("MF")
    f = c.f
    if rule == "U1":
        f["age"] = pick_age(c, 32, 91)
        set_sym(c, "dysphagia")
        for k in r.sample(["reflux", "weight_loss", "upper_abdominal_pain", "other_symptom"], r.randint(0, 2)):
            set_sym(c, k)
        add_normal_bloods(c)
    elif rule == "U2":
        f["age"] = pick_age(c, 28, 90)
        k = r.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
        f[k] = True
        txt = {"rectal_mass": r.choice(["a firm irregular rectal mass at about 6 cm on digital rectal examination",
                                        "a rectal mass palpable on PR examination",
                                        "a hard mass felt on PR at the tip of the finger"]),
               "anal_mass": r.choice(["a hard irregular anal mass at 3 o'clock",
                                      "an anal mass, firm and fixed, on examination"]),
               "anal_ulcer": r.choice(["unexplained anal ulceration at 6 o'clock, not healing",
                                       "an area of unexplained anal ulceration"])}[k]
        c.syms.append({"key": k, "np": txt, "dur": None})
        if r.random() < 0.6:
            set_sym(c, "rectal_bleeding")
        add_normal_bloods(c)
    elif rule == "U3":
        f["age"] = pick_age(c, 38, 90)
        v = r.choice([12, 15, 22, 38, 45, 67, 88, 110, 150, 212, 340, 400, ">400", "≥10"])
        f["fit"] = v if not isinstance(v, str) else ([400] if v == ">400" else [10])
        if isinstance(v, str):
            f["fit"] = 401 if v == ">400" else 10
            add_lab(c, "fit", f["fit"], True, shown=v)
        else:
            add_lab(c, "fit", v, True)
        for k in r.sample(["change_in_bowel_habit", "rectal_bleeding", "abdominal_pain", "bloating"], r.randint(1, 2)):
            set_sym(c, k)
        add_normal_bloods(c)
    elif rule == "U4":
        f["age"] = pick_age(c, 19, 90)
        f["hb"] = low_hb(c)
        add_lab(c, "hb", f["hb"], True)
        if r.random() < 0.2:
            lo = r.randint(8, 20)
            f["ferritin"] = [lo, lo + r.randint(2, 6)]
            add_lab(c, "ferritin", f["ferritin"], True)
        else:
            f["ferritin"] = r.randint(3, 24)
            add_lab(c, "ferritin", f["ferritin"], True)
        add_lab(c, "mcv", r.randint(68, 79), False)
        if r.random() < 0.5:
            set_sym(c, "other_symptom")
        if r.random() < 0.3:
            set_fit_low(c)
    elif rule == "U5":
        f["age"] = pick_age(c, 56, 92)
        set_sym(c, "weight_loss")
        for k in r.sample(["upper_abdominal_pain", "reflux", "dyspepsia"], r.randint(1, 2)):
            set_sym(c, k)
        add_normal_bloods(c)
    elif rule == "U6":
        f["age"] = pick_age(c, 30, 90)
        f["abdominal_mass"] = True
        c.syms.append({"key": "abdominal_mass", "np": r.choice([
            "a firm mass in the right iliac fossa on examination",
            "a palpable mass in the left iliac fossa, about 5 cm",
            "a hard, non-tender mass in the right iliac fossa"]), "dur": None})
        if r.random() < 0.5:
            set_sym(c, "abdominal_pain")
        add_normal_bloods(c)
    elif rule == "U7":
        f["age"] = pick_age(c, 42, 92)
        set_sym(c, "jaundice")
        add_lab(c, "bili", r.randint(60, 220), True, flag="H")
        if r.random() < 0.6:
            f["alt"] = r.randint(45, 260)
            add_lab(c, "alt", f["alt"], True)
        add_normal_bloods(c, alt=False)
    elif rule == "U8":
        route = r.choice(["bleed", "bleed", "wl", "cibh"])
        if route == "bleed":
            f["age"] = pick_age(c, 51, 90)
            set_sym(c, "rectal_bleeding")
        elif route == "wl":
            f["age"] = pick_age(c, 41, 53)
            set_sym(c, "weight_loss")
            set_sym(c, "abdominal_pain")
        else:
            f["age"] = pick_age(c, 61, 92)
            set_sym(c, "change_in_bowel_habit")
        if r.random() < 0.4:
            f["fit_status"] = "pending"
        add_normal_bloods(c)
    elif rule == "R1":
        f["age"] = pick_age(c, 18, 48)
        if r.random() < 0.55:
            set_sym(c, "bloody_diarrhoea")
            if r.random() < 0.5:
                f["calprotectin"] = r.choice([420, 680, 1200, ">1800"])
                f["calprotectin"] = 1801 if f["calprotectin"] == ">1800" else f["calprotectin"]
                add_lab(c, "calprotectin", f["calprotectin"], True,
                        shown=">1800" if f["calprotectin"] == 1801 else None)
        else:
            f["calprotectin"] = r.choice([260, 310, 450, 560, 890, 1500])
            add_lab(c, "calprotectin", f["calprotectin"], True)
            set_sym(c, "change_in_bowel_habit")
            if r.random() < 0.5:
                set_sym(c, "abdominal_pain")
        if r.random() < 0.4:
            f["known_ibd"] = True
            c.syms.append({"key": "known_ibd", "np": r.choice(["known ulcerative colitis (diagnosed 2019)",
                                                               "known Crohn's colitis, diagnosed at age 21"]), "dur": None})
        add_normal_bloods(c, fer=False)
    elif rule == "R2":
        f["age"] = pick_age(c, 24, 84)
        if r.random() < 0.55:
            f["cirrhosis"] = True
            c.syms.append({"key": "cirrhosis", "np": r.choice([
                "known alcohol-related cirrhosis", "known cirrhosis secondary to NAFLD",
                "known cirrhosis (hepatitis C, treated 2018)"]), "dur": None})
            k = r.choice(["ascites", "confusion"])
            f[k] = True
            c.syms.append({"key": k, "np": {"ascites": r.choice([
                "new ascites - abdomen distended with shifting dullness",
                "ascites, which is new since the last review"]),
                "confusion": r.choice(["new intermittent confusion over the past week",
                                       "episodes of confusion, family say he is muddled" if f["sex"] == "M"
                                       else "episodes of confusion, family say she is muddled"])}[k],
                "dur": None})
            if f["age"] >= 40:
                c.dspecs.append(("negated", "jaundice"))
        else:
            f["age"] = pick_age(c, 19, 70)
            f["alt"] = r.choice([320, 388, 412, 560, 740, 1020])
            add_lab(c, "alt", f["alt"], True)
            if r.random() < 0.5:
                set_sym(c, "other_symptom")
            if f["age"] >= 40:
                c.dspecs.append(("negated", "jaundice"))
        add_normal_bloods(c, alt=False)
    elif rule == "R3":
        f["age"] = pick_age(c, 18, 88)
        set_sym(c, "haematemesis")
        if r.random() < 0.4 and f["age"] < 55:
            set_sym(c, "dyspepsia")
        f["hb"] = normal_hb(c)
        add_lab(c, "hb", f["hb"], False)
        add_normal_bloods(c)
    elif rule == "O1":
        f["age"] = pick_age(c, 56, 88)
        f["dyspepsia"] = True
        f["treatment_resistant_dyspepsia"] = True
        wk = r.choice([6, 8, 8, 10, 12, 16])
        ppi = r.choice(["omeprazole 20 mg od", "lansoprazole 30 mg od", "omeprazole 40 mg daily",
                        "esomeprazole 20 mg"])
        c.extra["ppi"] = (wk, ppi)
        c.syms.append({"key": "treatment_resistant_dyspepsia", "np": r.choice([
            "dyspepsia persisting despite %d weeks of %s" % (wk, ppi),
            "ongoing indigestion despite %d weeks of %s" % (wk, ppi),
            "dyspepsia which has not settled after %d weeks on %s" % (wk, ppi)]), "dur": None})
        f["hb"] = normal_hb(c)
        add_lab(c, "hb", f["hb"], False)
        c.dspecs.append(("negated", "weight_loss"))
        add_normal_bloods(c)
    elif rule == "O2":
        f["age"] = pick_age(c, 18, 58)
        f["calprotectin"] = r.choice([105, 120, 148, 160, 185, 210, 236, 245])
        add_lab(c, "calprotectin", f["calprotectin"], True)
        for k in r.sample(["change_in_bowel_habit", "abdominal_pain", "bloating"], r.randint(1, 2)):
            set_sym(c, k)
        add_normal_bloods(c)
    elif rule == "O3":
        f["age"] = pick_age(c, 20, 84)
        f["known_ibd"] = f["ibd_stable"] = f["management_question"] = True
        dx = r.choice(["ulcerative colitis", "Crohn's disease", "left-sided ulcerative colitis",
                       "ileal Crohn's disease"])
        drug = r.choice(["azathioprine", "mesalazine 2.4 g", "mercaptopurine", "adalimumab"])
        yrs = r.choice([2, 3, 4, 5, 6])
        c.syms.append({"key": "known_ibd", "np": "known %s on %s" % (dx, drug), "dur": None})
        c.syms.append({"key": "ibd_stable", "np": r.choice([
            "in stable remission for %d years" % yrs, "stable, no flares for %d years" % yrs,
            "well controlled and stable for %d years" % yrs]), "dur": None})
        q = r.choice([
            "could %s safely stop %s after %d years in remission?" % (c.he, drug.split(" ")[0], yrs),
            "%s is planning a pregnancy - is it safe to continue %s?" % (c.he, drug.split(" ")[0]),
            "how often should surveillance colonoscopy be done?",
            "which vaccines can %s have before travelling while on %s?" % (c.he, drug.split(" ")[0]),
            "should %s have a DEXA scan given previous steroid courses?" % c.he])
        if "pregnancy" in q and c.f["sex"] == "M":
            q = "could %s reduce the %s dose now that %s has been well for %d years?" % (c.he, drug.split(" ")[0], c.he, yrs)
        c.syms.append({"key": "management_question", "np": q, "dur": None})
        if r.random() < 0.5:
            f["calprotectin"] = r.choice([18, 25, 40, 60, "<20"])
            add_lab(c, "calprotectin", f["calprotectin"], False,
                    shown="<20" if f["calprotectin"] == "<20" else None)
        c.dspecs.append(("negated", "bloody_diarrhoea"))
        add_normal_bloods(c)
    elif rule == "O4":
        f["age"] = pick_age(c, 18, 58)
        f["ttg_raised"] = True
        if r.random() < 0.3:
            add_lab(c, "ttg", "raised", True, shown="raised", flag="H")
        else:
            add_lab(c, "ttg", r.choice([28, 45, 86, 120, ">128"]), True, flag="H",
                    shown=None)
        if r.random() < 0.6:
            set_sym(c, "bloating")
        if r.random() < 0.4:
            set_sym(c, "other_symptom")
        add_normal_bloods(c)
    elif rule == "O5":
        f["age"] = pick_age(c, 20, 85)
        if r.random() < 0.6:
            f["alt"] = r.choice([46, 58, 72, 96, 118, 145, 190, 240, 288])
            add_lab(c, "alt", f["alt"], True)
            if r.random() < 0.4:
                f["fatty_liver_imaging"] = True
        else:
            f["fatty_liver_imaging"] = True
            if r.random() < 0.5:
                f["alt"] = r.randint(18, 36)
                add_lab(c, "alt", f["alt"], False)
        if f["fatty_liver_imaging"]:
            c.syms.append({"key": "fatty_liver_imaging", "np": r.choice([
                "ultrasound abdomen: fatty liver, otherwise normal",
                "USS showed a fatty liver",
                "liver ultrasound reported as fatty liver (no focal lesion)"]), "dur": None})
        if f["age"] >= 40:
            c.dspecs.append(("negated", "jaundice"))
        add_normal_bloods(c, alt=False)
    elif rule == "O6":
        f["age"] = pick_age(c, 51, 88)
        set_fit_low(c)
        for k in r.sample(["rectal_bleeding", "change_in_bowel_habit", "abdominal_pain"], r.randint(1, 2)):
            set_sym(c, k)
        add_normal_bloods(c)
    elif rule == "A1":
        f["age"] = pick_age(c, 18, 48)
        for k in r.sample(["abdominal_pain", "bloating", "change_in_bowel_habit"], r.randint(1, 3)):
            set_sym(c, k)
        t = r.choice(["cal", "fit", "both"])
        if t in ("cal", "both"):
            f["calprotectin"] = r.choice([15, 22, 34, 48, 61, 78, 90, "<20"])
            add_lab(c, "calprotectin", f["calprotectin"], False,
                    shown="<20" if f["calprotectin"] == "<20" else None)
        if t in ("fit", "both"):
            set_fit_low(c)
        add_normal_bloods(c)
        if r.random() < 0.4:
            add_lab(c, "ttg", "negative", False, shown="negative")
    elif rule == "A2":
        f["age"] = pick_age(c, 18, 53)
        for k in r.sample(["dyspepsia", "reflux"], r.randint(1, 2)):
            set_sym(c, k)
        if r.random() < 0.5:
            c.extra["ppi_note"] = r.choice(["still symptomatic on omeprazole 20 mg",
                                            "only partly helped by lansoprazole",
                                            "gaviscon helps a little"])
        add_normal_bloods(c, p=0.4)
    elif rule == "A3":
        f["age"] = pick_age(c, 25, 72)
        f["fh_crc"] = True
        c.syms.append({"key": "fh_crc", "np": r.choice([
            "mother diagnosed with bowel cancer aged 52", "father had colorectal cancer at 48",
            "two first-degree relatives with colorectal cancer (father and brother)",
            "sister diagnosed with colon cancer aged 45"]), "dur": None})
        c.extra["asymptomatic"] = True
        for k in r.sample(["rectal_bleeding", "change_in_bowel_habit", "weight_loss", "abdominal_pain"], 2):
            c.dspecs.append(("negated", k))
        add_normal_bloods(c, p=0.3)
    elif rule == "D":
        v = r.choice(["ibs", "ibs", "young_bleed", "anaemia_only", "irondef_only", "old_dyspepsia",
                      "wl_only", "cibh_50s", "nausea", "cal_pending"])
        c.extra["d_variant"] = v
        if v == "ibs":
            f["age"] = pick_age(c, 18, 47)
            for k in r.sample(["abdominal_pain", "bloating", "change_in_bowel_habit"], r.randint(1, 3)):
                set_sym(c, k)
        elif v == "cal_pending":
            f["age"] = pick_age(c, 19, 45)
            set_sym(c, "change_in_bowel_habit")
            set_sym(c, "bloating")
            c.extra["cal_pending"] = True
        elif v == "young_bleed":
            f["age"] = pick_age(c, 19, 46)
            set_sym(c, "rectal_bleeding")
        elif v == "anaemia_only":
            f["age"] = pick_age(c, 30, 85)
            f["hb"] = low_hb(c)
            add_lab(c, "hb", f["hb"], True)
            f["ferritin"] = r.randint(60, 300)
            add_lab(c, "ferritin", f["ferritin"], False)
            set_sym(c, "other_symptom")
        elif v == "irondef_only":
            f["age"] = pick_age(c, 20, 80)
            f["ferritin"] = r.randint(6, 22)
            add_lab(c, "ferritin", f["ferritin"], True)
            f["hb"] = normal_hb(c)
            add_lab(c, "hb", f["hb"], False)
            set_sym(c, "other_symptom")
        elif v == "old_dyspepsia":
            f["age"] = pick_age(c, 57, 90)
            set_sym(c, "dyspepsia")
            c.extra["ppi_short"] = r.choice([1, 2, 3])
            c.dspecs.append(("negated", "weight_loss"))
        elif v == "wl_only":
            f["age"] = pick_age(c, 42, 75)
            set_sym(c, "weight_loss")
            c.dspecs.append(("negated", "abdominal_pain"))
            c.dspecs.append(("negated", "rectal_bleeding"))
        elif v == "cibh_50s":
            f["age"] = pick_age(c, 50, 58)
            set_sym(c, "change_in_bowel_habit")
            c.dspecs.append(("negated", "rectal_bleeding"))
        elif v == "nausea":
            f["age"] = pick_age(c, 22, 80)
            set_sym(c, "other_symptom")
            c.syms[-1]["np"] = r.choice(["nausea and early satiety", "recurrent nausea",
                                         "intermittent nausea and vomiting"])
        add_normal_bloods(c)
    else:
        raise KeyError(rule)

    # optional distractors
    pool = []
    pos = {k for k in BOOL_KEYS if f[k]}
    for key in ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice",
                "change_in_bowel_habit", "abdominal_mass"]:
        if key not in pos:
            pool.append(("negated", key))
    for key in ["oesophageal_cancer", "crohns", "coeliac", "liver", "stomach_cancer"]:
        pool.append(("family_history", key))
    for key in ["rectal_bleeding", "dysphagia", "haematemesis", "jaundice", "reflux", "weight_loss",
                "bloody_diarrhoea"]:
        if key not in pos:
            pool.append(("resolved", key))
    for key in ["dysphagia", "weight_loss", "rectal_bleeding", "jaundice", "haematemesis"]:
        if key not in pos:
            pool.append(("hypothetical", key))
    n = r.choice([0, 1, 1, 2, 2, 3])
    have = {k for _, k in c.dspecs}
    if f["bloody_diarrhoea"]:
        have |= {"rectal_bleeding", "change_in_bowel_habit"}
    if f["dyspepsia"] or f["upper_abdominal_pain"] or f["treatment_resistant_dyspepsia"]:
        have.add("reflux")
    for spec in r.sample(pool, len(pool)):
        if len(c.dspecs) >= n + 1:
            break
        if spec[1] in have:
            continue
        c.dspecs.append(spec)
        have.add(spec[1])


# ----------------------------------------------------------------------------- narrative
def durtxt(s):
    return s["np"] + (" " + s["dur"] if s["dur"] else "")


def sym_sentences(c, voice):
    """positive clinical sentences, each containing its evidence string."""
    r = R(c.id, "voice", voice)
    he, He = c.he, cap(c.he)
    out = []
    symlist = [s for s in c.syms if s["key"] not in ("management_question",)]
    first = True
    for s in symlist:
        k = s["key"]
        capital = k in ("cirrhosis", "known_ibd", "fh_crc", "ibd_stable", "fatty_liver_imaging",
                        "treatment_resistant_dyspepsia", "ascites", "confusion") or (
            voice == "terse" and k not in ("rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass"))
        ev = c.E(k, cap(durtxt(s)) if capital else durtxt(s))
        if k in ("rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass"):
            out.append(r.choice(["On examination there is %s." % ev, "Examination: %s." % ev,
                                 "I found %s." % ev]))
        elif k in ("cirrhosis", "known_ibd", "fh_crc", "ibd_stable", "fatty_liver_imaging",
                   "treatment_resistant_dyspepsia", "ascites", "confusion"):
            out.append(ev + ".")
        elif voice == "interp":
            out.append(("Via the interpreter, %s reports %s." if first else "%s also describes %s.")
                       % ((he if first else He), ev))
        elif voice == "carer":
            out.append("%s %s." % (r.choice(["Her carer describes" if c.f["sex"] == "F" else "His carer describes",
                                             "Staff at the home have noticed"]), ev))
        elif voice == "parent":
            out.append("%s %s." % (r.choice(["We have noticed", "There has been"]), ev))
        elif voice == "terse":
            out.append(ev + ".")
        elif voice == "we":
            out.append(r.choice(["We have seen %s with %s." % (c.him, ev),
                                 "%s has had %s." % (He, ev), "%s describes %s." % (He, ev)]))
        else:
            out.append(r.choice(["%s reports %s." % (He, ev), "%s has had %s." % (He, ev),
                                 "%s describes %s." % (He, ev), "%s complains of %s." % (He, ev)]))
        first = False
    if "ppi_note" in c.extra:
        out.append(cap(c.extra["ppi_note"]) + ".")
    if "ppi_short" in c.extra:
        out.append("%s started omeprazole 20 mg %d week%s ago and it is too early to judge." %
                   (He, c.extra["ppi_short"], "" if c.extra["ppi_short"] == 1 else "s"))
    if c.extra.get("cal_pending"):
        out.append("Faecal calprotectin has been sent and the result is awaited.")
    if c.f["fit_status"] == "pending":
        out.append(r.choice(["FIT kit issued, result pending.", "FIT awaited.",
                             "A FIT has been requested but the result is not back yet."]))
    if c.extra.get("asymptomatic"):
        out.append(c.E("no_symptoms", r.choice(["%s is entirely asymptomatic." % He,
                                                "%s has no bowel symptoms at all." % He,
                                                "No symptoms."])))
    return out


def dist_sentences(c):
    out = []
    for kind, key in c.dspecs:
        t = cap(dist_text(c, kind, key))
        c.Dx(kind, key, t)
        out.append(t + ".")
    return out


def question_text(c):
    for s in c.syms:
        if s["key"] == "management_question":
            return c.E("management_question", cap(s["np"]))
    return None


def narrative(c, voice="formal", labs="inline"):
    r = R(c.id, "narr")
    parts = sym_sentences(c, voice)
    d = dist_sentences(c)
    # interleave distractors
    for t in d:
        parts.insert(r.randint(0, len(parts)), t)
    if labs == "inline" and c.labs:
        lt = labs_inline(c)
        parts.append(r.choice(["Bloods: %s.", "Recent bloods show %s.", "Results: %s.",
                               "Investigations so far: %s."]) % lt)
    q = question_text(c)
    if q:
        parts.append(r.choice(["My question: %s", "Question: %s", "I would value advice: %s"]) % q)
    return " ".join(parts)


# ----------------------------------------------------------------------------- priority
PRI_TEXT = {
    "urgent_suspected_cancer": ["Priority: Urgent Suspected Cancer", "2WW please",
                                "Please see under the suspected cancer (2WW) pathway.",
                                "Referral priority: TWO WEEK WAIT", "USC referral please."],
    "urgent": ["Priority: Urgent", "Urgent please.", "I would be grateful if you could see %s urgently.",
               "Please expedite - urgent.", "Referral priority: URGENT"],
    "routine": ["Priority: Routine", "Routine appointment please.", "Non-urgent.",
                "I would be grateful for a routine opinion.", "Referral priority: ROUTINE"],
    "advice_and_guidance": ["Advice only please - no appointment needed unless you feel otherwise.",
                            "This is an Advice & Guidance request.",
                            "I would value your advice on management rather than a clinic slot.",
                            "Request type: ADVICE AND GUIDANCE"],
}
PRI_OWN = {"urgent_suspected_cancer": "suspected cancer / 2WW", "urgent": "urgent",
           "routine": "routine", "advice_and_guidance": "advice only (A&G)"}
FORCED = {"form_lgi_2ww": "urgent_suspected_cancer", "form_ugi_2ww": "urgent_suspected_cancer",
          "form_ag": "advice_and_guidance", "form_stt": "urgent_suspected_cancer"}


def choose_priority(c):
    if c.style in FORCED:
        return FORCED[c.style]
    r = R(c.id, "priority")
    truth = RULE_LABEL[c.rule][0]
    x = r.random()
    if x < 0.08:
        return None
    labels = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
    if x < 0.50:
        return truth
    others = [l for l in labels if l != truth]
    # over-asking is commoner than under-asking
    order = labels.index(truth)
    over = [l for l in others if labels.index(l) < order]
    under = [l for l in others if labels.index(l) > order]
    if over and (not under or r.random() < 0.6):
        return r.choice(over)
    return r.choice(under)


def pri_line(c):
    if c.pri is None:
        return ""
    r = R(c.id, "priline")
    t = r.choice(PRI_TEXT[c.pri])
    if "%s" in t:
        t = t % c.him
    return c.E("gp_priority", t)


# ----------------------------------------------------------------------------- identity
def identity(c):
    r = R(c.id, "ident")
    f = c.f
    first = r.choice(MALE if f["sex"] == "M" else FEMALE)
    sur = r.choice(SURN)
    title = "Mr" if f["sex"] == "M" else r.choice(["Mrs", "Ms", "Miss"])
    ld = datetime.date(2024, 1, 8) + datetime.timedelta(days=r.randint(0, 640))
    off = r.randint(50, 310)
    base = datetime.date(ld.year - f["age"], ld.month, min(ld.day, 28))
    dob = base - datetime.timedelta(days=off)
    age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
    if age != f["age"]:
        dob = base - datetime.timedelta(days=off % 300 + 50)
        age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
    assert age == f["age"], (c.id, age, f["age"])
    town = r.choice(TOWNS)
    c.extra.update({
        "first": first, "sur": sur, "title": title, "letter_date": ld, "dob": dob,
        "nhs": nhs_number(r), "town": town,
        "practice": "%s %s" % (town, r.choice(PRACTICE_KIND)),
        "pcode": "%s%05d" % (r.choice("ABCDFHJKLMNP"), r.randint(10000, 99999)),
        "gp": "Dr %s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR)),
        "gp2": "Dr %s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR)),
        "qual": r.choice(QUALS),
        "ubrn": "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)),
        "hosp": "%s%06d" % (r.choice(["RX", "K", "H", "M"]), r.randint(0, 999999)),
        "datefmt": r.randrange(6),
        "street": "%d %s" % (r.randint(1, 140), r.choice(["Mill Lane", "Church Street", "Park Road",
                                                          "Station Road", "Orchard Close", "Queens Avenue"])),
    })


def dob_line(c, mode):
    """mode: 'age', 'dob', 'both' -> text with age evidence."""
    x = c.extra
    dd = fmt_date(x["dob"], x["datefmt"] if x["datefmt"] != 5 else 0)
    if mode == "age":
        return c.E("age", "Age: %d" % c.f["age"])
    if mode == "dob":
        c.extra["age_from_dob"] = True
        return c.E("age", "DOB: %s" % dd)
    return c.E("age", "DOB: %s (%d y)" % (dd, c.f["age"]))


def ldate(c, fmt=None):
    x = c.extra
    t = fmt_date(x["letter_date"], x["datefmt"] if fmt is None else fmt)
    c.extra["letter_date_text"] = t
    return t


def sexword(c):
    return c.E("sex", R(c.id, "sexw").choice([
        {"M": "Male", "F": "Female"}[c.f["sex"]], {"M": "M", "F": "F"}[c.f["sex"]]]))


def pname(c):
    x = c.extra
    return "%s %s %s" % (x["title"], x["first"], x["sur"])


def std_header(c, r, variant=0):
    x = c.extra
    lines = []
    if variant in (0, 2):
        lines += [x["practice"].upper(), c.bp("%s, %s" % (x["street"], x["town"])),
                  c.bp("Tel 01632 %06d   Practice code %s" % (r.randint(0, 999999), x["pcode"])), ""]
    if variant == 2:
        lines += ["Date typed: %s" % fmt_date(x["letter_date"] + datetime.timedelta(days=1), 0),
                  "Date of last consultation: %s" % fmt_date(x["letter_date"] - datetime.timedelta(days=r.randint(0, 9)), 0)]
    lines += ["Date: %s" % ldate(c), ""]
    lines += ["Re: %s   %s   NHS No %s" % (pname(c), dob_line(c, r.choice(["dob", "both"])), x["nhs"])]
    lines.append(c.bp("%s, %s" % (x["street"], x["town"])))
    return "\n".join(lines)


def signoff(c, r, who=None, qual=True):
    x = c.extra
    who = who or x["gp"]
    s = [c.bp(r.choice(["Yours sincerely,", "Kind regards,", "Many thanks,", "With best wishes,",
                        "Yours faithfully,"])), "", who]
    if qual:
        s.append(x["qual"])
    s.append(c.bp(x["practice"]))
    return "\n".join(s)


# ----------------------------------------------------------------------------- layouts
def L_gp_formal(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "formal")
    return "\n".join([std_header(c, r, 0), "",
                      c.bp("Dear Doctor,"), "",
                      c.bp("Thank you for seeing this %d-year-old %s." % (c.f["age"], "gentleman" if c.f["sex"] == "M" else "lady")).replace(
                          "%d-year-old" % c.f["age"], c.E("age", "%d-year-old" % c.f["age"])),
                      "", body, "", pri_line(c), "", signoff(c, r)])


def L_gp_terse(c):
    r = R(c.id, "lay")
    x = c.extra
    s = sym_sentences(c, "terse") + dist_sentences(c)
    lt = ("  " + labs_inline(c, "; ") + ".") if c.labs else ""
    q = question_text(c)
    head = "%s, %s, %s. %s" % (pname(c), c.E("age", "%dyo" % c.f["age"]), sexword(c),
                               "NHS %s. %s." % (x["nhs"], ldate(c)))
    return "\n".join([head, " ".join(s) + lt + ((" Q: " + q) if q else ""), pri_line(c),
                      x["gp"].replace("Dr ", "Dr. ")])


def L_gp_chatty(c):
    r = R(c.id, "lay")
    x = c.extra
    He = cap(c.he)
    body = narrative(c, "formal")
    return "\n".join([std_header(c, r, 2), "",
                      c.bp("Dear Colleague,"), "",
                      c.bp("I'd be really grateful if you could see %s, a lovely %s whom I've known for years." %
                           (x["first"], "chap" if c.f["sex"] == "M" else "lady")) +
                      " " + c.E("age", "%s is %d" % (He, c.f["age"])) + c.bp(" and has been coming in about this for a while."),
                      "", body, "",
                      c.bp("%s is a bit anxious about it all, as you can imagine, and I've promised to chase things up." % He),
                      pri_line(c), "", c.bp("Thanks ever so much,"), "", x["gp"], c.bp(x["practice"])])


def L_gp_bullets(c):
    r = R(c.id, "lay")
    x = c.extra
    s = sym_sentences(c, "terse")
    d = dist_sentences(c)
    lines = [std_header(c, r, 0), "", c.bp("Dear Gastroenterology team,"), "",
             "%s - %s" % (pname(c), c.E("age", "%d years" % c.f["age"])), "", c.bp("Summary:")]
    lines += ["  • " + t for t in s]
    lines += ["  • " + t for t in d]
    if c.labs:
        lines += ["", "Bloods:"] + ["  - " + lab_inline(c, l, None) for l in c.labs]
    q = question_text(c)
    if q:
        lines += ["", "Question: " + q]
    lines += ["", pri_line(c), "", signoff(c, r)]
    return "\n".join(lines)


def L_gp_we(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "we")
    return "\n".join([std_header(c, r, 0), "", c.bp("Dear Consultant Gastroenterologist,"), "",
                      c.bp("We would be grateful if you would see %s," % pname(c)) + " " +
                      c.E("age", "aged %d" % c.f["age"]) + c.bp(", who has been seen by several of us in the practice."),
                      "", body, "",
                      c.bp("We have discussed this at our practice clinical meeting and agreed to refer."),
                      pri_line(c), "", c.bp("Yours sincerely,"), "",
                      c.bp("The Partners, %s" % x["practice"]), "(pp %s)" % x["gp"]])


def L_gp_dictated(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "formal")
    return "\n".join([std_header(c, r, 2), "", c.bp("Dear Doctor,"), "",
                      body, "", pri_line(c), "",
                      c.bp("Dictated by %s on %s; %s is now on leave and this letter has been checked and sent by %s." %
                           (x["gp"], fmt_date(x["letter_date"] - datetime.timedelta(days=3), 0),
                            x["gp"].split(" ")[-1], x["gp2"])),
                      c.bp("I have re-read the notes and have nothing further to add."), "",
                      x["gp2"], x["qual"], c.bp("for and on behalf of " + x["gp"])])


def gp_system_lists(c, r):
    probs = r.sample(["Hypertension (2014)", "Type 2 diabetes (2019)", "Osteoarthritis knee",
                      "Asthma", "Depression (2016)", "Hypothyroidism", "Gout (2021)",
                      "Appendicectomy (1988)", "Hysterectomy (2005)" if c.f["sex"] == "F" else "Inguinal hernia repair (2010)"], 3)
    meds = r.sample(["Amlodipine 5mg tablets, one daily", "Metformin 500mg, two twice a day",
                     "Ramipril 2.5mg capsules", "Atorvastatin 20mg at night",
                     "Levothyroxine 75 micrograms", "Sertraline 50mg", "Salbutamol inhaler prn",
                     "Paracetamol 500mg prn"], 3)
    return probs, meds


def L_gp_system(c):
    r = R(c.id, "lay")
    x = c.extra
    probs, meds = gp_system_lists(c, r)
    cons = narrative(c, "terse")
    lines = ["REFERRAL LETTER - generated from clinical system", x["practice"] + "  (" + x["pcode"] + ")",
             "Patient: %s   %s   Sex: %s" % (pname(c), dob_line(c, "dob"), sexword(c)),
             "NHS number: %s   Letter date: %s" % (x["nhs"], ldate(c, 0)), "",
             "Active problems:"] + ["  " + p for p in probs] + ["", "Current repeat medication:"] + \
            ["  " + m for m in meds] + ["", c.bp("Allergies: no known drug allergies"), "",
                                          "Consultation %s (%s):" % (fmt_date(x["letter_date"] - datetime.timedelta(days=2), 0), x["gp"]),
                                          "  History: " + cons, "", pri_line(c), "",
                                          c.bp("This letter was produced electronically and is valid without a signature.")]
    return "\n".join(lines)


def L_ers_template(c):
    r = R(c.id, "lay")
    x = c.extra
    q = question_text(c)
    syms = " ".join(sym_sentences(c, "terse"))
    d = " ".join(dist_sentences(c))
    lines = ["e-RS REFERRAL - Gastroenterology", "UBRN: %s" % x["ubrn"],
             "Referrer: %s, %s (%s)" % (x["gp"], x["practice"], x["pcode"]),
             "Date of referral: %s" % ldate(c, 0), "",
             "PATIENT DETAILS", "Name: %s" % pname(c), dob_line(c, "both"), "Gender: " + sexword(c),
             "NHS No: %s" % x["nhs"], "",
             "REASON FOR REFERRAL", syms, "",
             "RELEVANT NEGATIVES / OTHER HISTORY", d or "None recorded.", "",
             "INVESTIGATIONS", labs_inline(c, "\n") if c.labs else "None", "",
             "SPECIFIC QUESTION", q or "Assessment and management please.", "",
             "PRIORITY REQUESTED", pri_line(c) or "(not stated)"]
    return "\n".join(lines)


def L_gp_locum(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "formal")
    return "\n".join([std_header(c, r, 0), "", c.bp("Dear Colleague,"), "",
                      c.bp("I am a locum GP at the practice and saw %s today." % pname(c)) + " " +
                      c.E("age", "%s is a %d year old %s" % (cap(c.he), c.f["age"], "man" if c.f["sex"] == "M" else "woman")) + ".",
                      "", body, "", c.bp("Please direct any correspondence to the usual GP, %s." % x["gp2"]),
                      pri_line(c), "", c.bp("Regards,"), "", x["gp"] + " (locum)", "GMC %07d" % r.randint(1000000, 7999999)])


def L_gp_results(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "formal", labs="table")
    return "\n".join([std_header(c, r, 0), "", c.bp("Dear Doctor,"), "",
                      c.bp("Re:") + " " + c.E("age", "%d-year-old" % c.f["age"]) + " " +
                      ("man" if c.f["sex"] == "M" else "woman"), "", body, "",
                      labs_table(c) if c.labs else "", "", pri_line(c), "", signoff(c, r)])


def L_temp_resident(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "formal")
    home = r.choice(["Inverness", "Truro", "Swansea", "Carlisle", "Norwich", "Belfast"])
    return "\n".join([std_header(c, r, 0), "",
                      c.bp("TEMPORARY RESIDENT - please copy all correspondence to the registered GP in %s." % home), "",
                      c.bp("Dear Doctor,"), "",
                      c.bp("%s is staying locally with family and registered with us as a temporary resident." % pname(c)),
                      c.E("age", "Age %d" % c.f["age"]) + ". " + body, "",
                      c.bp("I do not have access to %s full records." % c.his), pri_line(c), "",
                      signoff(c, r), "", "cc: Registered GP, %s Medical Group" % home])


def L_gp_long(c):
    r = R(c.id, "lay")
    x = c.extra
    probs, meds = gp_system_lists(c, r)
    body = narrative(c, "formal")
    social = r.choice(["lives with %s partner, works as a bus driver" % c.his,
                       "retired teacher, lives alone, independent",
                       "works nights in a warehouse, two children", "widowed, lives with daughter"])
    pages = []
    pages.append("\n".join([std_header(c, r, 2), "cc: patient; practice notes", "",
                            c.bp("Dear Dr Consultant,"), "",
                            c.bp("Thank you for seeing this patient whom I reviewed again recently."),
                            c.E("age", "%s is %d years old" % (cap(c.he), c.f["age"])) + ".", "",
                            "History of presenting complaint", body, "",
                            "Past medical history: " + "; ".join(probs),
                            "Drug history: " + "; ".join(meds),
                            c.bp("Social history: " + social + ". Alcohol within recommended limits, non-smoker."),
                            ]))
    pages.append("\n".join([c.bp("I have explained the reason for referral and %s is happy to attend; %s does not need an interpreter." % (c.he, c.he)),
                            c.bp("Hospital transport is not required. Mobile number is on the referral."),
                            "", pri_line(c), "", signoff(c, r)]))
    footer = c.bp("%s - %s - confidential" % (x["practice"], x["pcode"]))
    return ("\n\n" + footer + "   Page 1 of 2\n\n").join(pages) + "\n\n" + footer + "   Page 2 of 2"


def L_med_table(c):
    r = R(c.id, "lay")
    x = c.extra
    ld = x["letter_date"]
    rows = [("Amlodipine", "5 mg od", fmt_date(ld - datetime.timedelta(days=900), 0), "-")]
    if "ppi" in c.extra:
        wk, ppi = c.extra["ppi"]
        nm, dose = ppi.split(" ", 1)
        rows.append((cap(nm), dose, fmt_date(ld - datetime.timedelta(weeks=wk), 0), "-"))
    rows.append(("Naproxen", "500 mg bd", fmt_date(ld - datetime.timedelta(days=400), 0),
                 fmt_date(ld - datetime.timedelta(days=200), 0)))
    rows.append(("Sertraline", "50 mg od", fmt_date(ld - datetime.timedelta(days=700), 0), "-"))
    tab = ["%-14s%-12s%-12s%s" % ("Drug", "Dose", "Started", "Stopped")]
    tab += ["%-14s%-12s%-12s%s" % t for t in rows]
    body = narrative(c, "formal")
    return "\n".join([std_header(c, r, 0), "", c.bp("Dear Doctor,"), "",
                      c.E("age", "Age: %d" % c.f["age"]) + ". " + body, "", "Medication:", *tab, "",
                      pri_line(c), "", signoff(c, r)])


YN_STYLES = ["YN", "tick", "circle", "strike", "yessee"]


def yn(c, label, key, present, style, r):
    """one form row; present True/False/None (None -> left blank)."""
    if style == "YN":
        a = "Y" if present else ("N" if present is False else "")
        row = "%-44s %s" % (label + ":", a)
    elif style == "tick":
        a = "✔" if present else ("✘" if present is False else " ")
        row = "[%s] %s" % (a, label)
    elif style == "circle":
        a = "(YES)  no" if present else ("yes  (NO)" if present is False else "yes  no")
        row = "%-44s %s" % (label, a)
    elif style == "strike":
        a = "Yes / N̶o̶" if present else ("Y̶e̶s̶ / No" if present is False else "Yes / No")
        row = "%-44s %s" % (label, a)
    else:
        a = "yes - see below" if present else ("no" if present is False else "")
        row = "%-44s %s" % (label + ":", a)
    if present:
        return c.E(key, row.rstrip())
    if present is False:
        kind = {"YN": "answered_no", "tick": "crossed_box", "circle": "circled_no",
                "strike": "struck_through", "yessee": "answered_no"}[style]
        return c.Dx(kind, key, row.rstrip())
    return c.Dx("blank_answer", key, row.rstrip())


STYLE_LEGEND = {"circle": "(circled answers shown in brackets)",
                "strike": "(delete as appropriate; deleted option shown struck through)",
                "tick": "(✔ = yes, ✘ = no)", "YN": "(Y = yes, N = no)", "yessee": ""}


def form_rows(c, rows, style, r, blank_p=0.15):
    out = []
    for label, key in rows:
        present = bool(c.f.get(key)) if key in c.f else False
        if not present and r.random() < blank_p:
            out.append(yn(c, label, key, None, style, r))
        else:
            out.append(yn(c, label, key, present, style, r))
    return out


def free_text_block(c, voice="terse"):
    s = sym_sentences(c, voice)
    d = [t for t in dist_sentences(c)]
    return " ".join(s + d)


def L_form_lgi(c):
    r = R(c.id, "lay")
    x = c.extra
    style = r.choice(["YN", "tick", "circle", "strike"])
    f = c.f
    lines = ["SUSPECTED LOWER GI CANCER REFERRAL FORM (adult)", c.bp("Complete ALL sections. Incomplete forms will be returned."),
             STYLE_LEGEND[style], "",
             "Patient name: %s     NHS: %s" % (pname(c), x["nhs"]), dob_line(c, r.choice(["dob", "both"])) + "   Sex: " + sexword(c),
             "Date of referral: %s    UBRN: %s" % (ldate(c), x["ubrn"]),
             "Referring clinician: %s   Practice: %s (%s)" % (x["gp"], x["practice"], x["pcode"]), "",
             "SECTION 1 - FIT / BLOODS"]
    fitlab = [l for l in c.labs if l["key"] == "fit"]
    if fitlab:
        lines.append("FIT result (ug Hb/g): " + lab_inline(c, fitlab[0], None) +
                     "   Date: %s" % fmt_date(x["letter_date"] - datetime.timedelta(days=r.randint(5, 30)), 0))
    elif f["fit_status"] == "pending":
        lines.append("FIT result (ug Hb/g): pending - kit returned, result awaited")
    else:
        lines.append("FIT result (ug Hb/g): not done")
    others = [l for l in c.labs if l["key"] != "fit"]
    for l in others:
        lines.append("  " + lab_row(c, l, (18, 8, 9, 11, 4)))
    lines += ["", "SECTION 2 - CRITERIA (tick all that apply)"]
    crit = []
    bleed50 = f["age"] >= 50 and f["rectal_bleeding"]
    wlp = f["age"] >= 40 and f["weight_loss"] and (f["abdominal_pain"] or f["pain_unspecified"])
    cibh60 = f["age"] >= 60 and f["change_in_bowel_habit"]
    fit10 = num(f["fit"]) is not None and num(f["fit"]) >= 10
    mass = f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]
    for lab, ok, keys in [("Aged 40+ with unexplained weight loss and abdominal pain", wlp, ["weight_loss", "abdominal_pain"]),
                          ("Aged 50+ with unexplained rectal bleeding", bleed50, ["rectal_bleeding"]),
                          ("Aged 60+ with change in bowel habit", cibh60, ["change_in_bowel_habit"]),
                          ("FIT result >= 10 ug Hb/g", fit10, ["fit"]),
                          ("Rectal or anal mass / unexplained anal ulceration", mass, ["rectal_mass"]),
                          ("Abdominal mass", f["abdominal_mass"], ["abdominal_mass"])]:
        mark = "x" if ok else " "
        row = "[%s] %s" % (mark, lab)
        if ok:
            for k in keys:
                if k == "rectal_mass":
                    k = [kk for kk in ("rectal_mass", "anal_mass", "anal_ulcer") if f[kk]][0]
                c.E(k, row)
        else:
            c.Dx("unticked_box", keys[0], row)
        crit.append(row)
    lines += crit
    lines += ["", "SECTION 3 - SYMPTOMS AND SIGNS"]
    lines += form_rows(c, [("Rectal bleeding", "rectal_bleeding"), ("Change in bowel habit", "change_in_bowel_habit"),
                           ("Unexplained weight loss", "weight_loss"), ("Abdominal pain", "pain_unspecified")
                           if f["pain_unspecified"] else ("Lower abdominal pain", "abdominal_pain")], style, r)
    lines += ["", "Clinical details:", free_text_block(c), "",
              "WHO performance status: %d     Anticoagulants: %s" % (r.randint(0, 2), r.choice(["none", "apixaban", "no"])),
              "Patient informed this is a suspected cancer referral: Y   Available in next 14 days: Y", "",
              "Priority: URGENT SUSPECTED CANCER (form default)"]
    c.E("gp_priority", "Priority: URGENT SUSPECTED CANCER (form default)")
    return "\n".join(lines)


def L_form_ugi(c):
    r = R(c.id, "lay")
    x = c.extra
    style = r.choice(["tick", "YN", "yessee"])
    f = c.f
    rows = [("Dysphagia", "dysphagia"), ("Upper abdominal pain", "upper_abdominal_pain"),
            ("Reflux", "reflux"), ("Dyspepsia", "dyspepsia"), ("Unexplained weight loss", "weight_loss"),
            ("Haematemesis", "haematemesis"),
            ("Dyspepsia not responding to >= 4 weeks PPI", "treatment_resistant_dyspepsia")]
    lines = ["UPPER GI - SUSPECTED CANCER REFERRAL", STYLE_LEGEND[style], "",
             "Name: %s    %s    Gender: %s" % (pname(c), dob_line(c, "both"), sexword(c)),
             "NHS number: %s   Referral date: %s" % (x["nhs"], ldate(c)),
             "GP: %s, %s" % (x["gp"], x["practice"]), "", "Symptoms (please answer every row)"]
    lines += form_rows(c, rows, style, r, blank_p=0.2)
    lines += ["", "Haemoglobin / other bloods:"]
    lines += ["  " + lab_inline(c, l, None) for l in c.labs] or ["  not available"]
    lines += ["", "Additional information (free text):", free_text_block(c), ""]
    if "ppi" not in c.extra and f["dyspepsia"] and f["age"] >= 55 and "ppi_short" in c.extra:
        pass
    lines += ["Priority: 2WW / Urgent Suspected Cancer"]
    c.E("gp_priority", "Priority: 2WW / Urgent Suspected Cancer")
    return "\n".join(lines)


def L_form_liver(c):
    r = R(c.id, "lay")
    x = c.extra
    f = c.f
    style = r.choice(["YN", "tick", "circle"])
    lines = ["LIVER / HEPATOLOGY REFERRAL FORM", STYLE_LEGEND[style], "",
             "Patient: %s   %s   Sex: %s   NHS %s" % (pname(c), dob_line(c, "both"), sexword(c), x["nhs"]),
             "Referrer: %s   Date: %s" % (x["gp"], ldate(c)), "", "LIVER BLOOD TESTS"]
    for l in c.labs:
        lines.append("  " + lab_row(c, l, (20, 8, 9, 11, 4)))
    if not any(l["key"] == "alt" for l in c.labs):
        lines.append("  ALT                 [ not done ]")
    lines += ["", "CLINICAL"]
    lines += form_rows(c, [("Jaundice", "jaundice"), ("Known cirrhosis", "cirrhosis"), ("Ascites", "ascites"),
                           ("Confusion / encephalopathy", "confusion")], style, r, blank_p=0.1)
    img = [s for s in c.syms if s["key"] == "fatty_liver_imaging"]
    lines.append("Imaging: " + (c.E("fatty_liver_imaging", img[0]["np"]) if img else "none yet"))
    lines.append("Alcohol (units/week): %d" % r.choice([0, 2, 6, 10, 14]))
    other = [s for s in c.syms if s["key"] not in ("fatty_liver_imaging", "jaundice", "cirrhosis", "ascites", "confusion")]
    extra = []
    for s in other:
        extra.append(c.E(s["key"], durtxt(s)))
    d = [t.rstrip(".") for t in dist_sentences(c)]
    lines += ["", "Other information: " + ("; ".join(extra + d) if (extra or d) else "nil"), "", pri_line(c) or "Priority: ______"]
    return "\n".join(lines)


def L_form_ibd(c):
    r = R(c.id, "lay")
    x = c.extra
    f = c.f
    style = r.choice(["YN", "tick"])
    lines = ["IBD FLARE / ADVICE REFERRAL", STYLE_LEGEND[style], "",
             "Patient: %s  %s  Sex: %s" % (pname(c), dob_line(c, "both"), sexword(c)),
             "NHS: %s   Hosp no: %s   Date: %s" % (x["nhs"], x["hosp"], ldate(c)), ""]
    dx = [s for s in c.syms if s["key"] == "known_ibd"]
    lines.append("Diagnosis: " + (c.E("known_ibd", dx[0]["np"]) if dx else "no established IBD diagnosis"))
    rows = [("Bloody diarrhoea", "bloody_diarrhoea"), ("Lower abdominal pain", "abdominal_pain"),
            ("Unexplained weight loss", "weight_loss")]
    if not f["bloody_diarrhoea"]:
        rows.insert(1, ("Rectal bleeding", "rectal_bleeding"))
    lines += form_rows(c, rows, style, r, blank_p=0.1)
    lines.append("Calprotectin: " + (lab_inline(c, [l for l in c.labs if l["key"] == "calprotectin"][0], None)
                                     if any(l["key"] == "calprotectin" for l in c.labs) else "not sent"))
    others = [l for l in c.labs if l["key"] != "calprotectin"]
    if others:
        lines.append("Other bloods: " + "; ".join(lab_inline(c, l, None) for l in others))
    rest = [s for s in c.syms if s["key"] not in ("known_ibd", "management_question", "bloody_diarrhoea", "abdominal_pain", "rectal_bleeding", "weight_loss")]
    lines.append("Current status: " + (" ".join(c.E(s["key"], cap(durtxt(s))) + "." for s in rest) or "see above"))
    d = dist_sentences(c)
    if d:
        lines.append("Notes: " + " ".join(d))
    q = question_text(c)
    lines += ["Question for IBD team: " + (q or "please assess"), "", pri_line(c)]
    return "\n".join(lines)


def L_form_stt(c):
    r = R(c.id, "lay")
    x = c.extra
    test = "OGD" if c.f["dysphagia"] or c.f["weight_loss"] and c.f["dyspepsia"] else r.choice(["Colonoscopy", "CT colonography"])
    lines = ["STRAIGHT TO TEST REQUEST - %s" % test.upper(), "",
             "Patient: %s   NHS %s   %s   Sex %s" % (pname(c), x["nhs"], dob_line(c, r.choice(["dob", "both"])), sexword(c)),
             "Requested by: %s (%s)   Date: %s" % (x["gp"], x["pcode"], ldate(c)), "",
             "Indication:", free_text_block(c), "", "Pre-test checklist:"]
    for l in c.labs:
        lines.append("  " + lab_inline(c, l, None))
    if not any(l["key"] == "fit" for l in c.labs) and test != "OGD":
        lines.append("  FIT: " + ("pending" if c.f["fit_status"] == "pending" else "not available"))
    lines += ["  eGFR: %d mL/min" % r.randint(62, 95), "  Anticoagulant: %s" % r.choice(["none", "none", "apixaban 5 mg bd"]),
              "  Diabetic: %s" % r.choice(["no", "no", "yes - diet controlled"]), "  Able to take bowel prep: yes",
              "", "Pathway: " + c.E("gp_priority", "Suspected cancer - straight to test")]
    return "\n".join(lines)


def L_form_ag(c):
    r = R(c.id, "lay")
    x = c.extra
    q = question_text(c)
    if not q:
        q = r.choice(["Do you think %s needs to be seen, or can this be managed in primary care?" % c.he,
                      "What further tests would you suggest before any referral?",
                      "Is there anything else I should try first?"])
    lines = ["e-Referral Service :: Advice and Guidance request", "Service: Gastroenterology A&G",
             "Requester: %s   Organisation: %s (%s)" % (x["gp"], x["practice"], x["pcode"]),
             "Created: %s   UBRN: %s" % (ldate(c, 0), x["ubrn"]),
             "Patient: %s   NHS: %s   %s   Gender: %s" % (pname(c), x["nhs"], dob_line(c, "both"), sexword(c)), "",
             "+-- Clinical question ----------------------------------------------", "| " + q,
             "+-------------------------------------------------------------------", "",
             "Clinical information:", narrative(c, "formal"), "",
             "Request type: " + c.E("gp_priority", "Advice and Guidance (no appointment requested)")]
    return "\n".join(lines)


def L_symptom_grid(c):
    r = R(c.id, "lay")
    x = c.extra
    sev = ["mild", "moderate", "severe", "moderate-severe"]
    hdr = "Symptom | Duration | Severity"
    grid = [hdr, "-" * 60]
    for s in c.syms:
        if s["key"] in ("management_question",):
            continue
        row = "%s | %s | %s" % (s["np"], s["dur"] or "-", r.choice(sev) if s["dur"] else "-")
        grid.append(c.E(s["key"], row.rstrip()))
    for kind, key in c.dspecs:
        if kind == "negated" and key in ("dysphagia", "weight_loss", "rectal_bleeding", "haematemesis",
                                          "jaundice", "change_in_bowel_habit", "abdominal_pain"):
            name = {"dysphagia": "Dysphagia", "weight_loss": "Weight loss", "rectal_bleeding": "Rectal bleeding",
                    "haematemesis": "Haematemesis", "jaundice": "Jaundice",
                    "change_in_bowel_habit": "Change in bowel habit", "abdominal_pain": "Abdominal pain"}[key]
            row = "%s | - | none" % name
            grid.append(c.Dx("grid_none", key, row.rstrip()))
        else:
            pass
    others = [cap(dist_text(c, k, key)) + "." for k, key in c.dspecs
              if not (k == "negated" and key in ("dysphagia", "weight_loss", "rectal_bleeding", "haematemesis",
                                                 "jaundice", "change_in_bowel_habit", "abdominal_pain"))]
    for (k, key), t in zip([s for s in c.dspecs if not (s[0] == "negated" and s[1] in ("dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice", "change_in_bowel_habit", "abdominal_pain"))], others):
        c.Dx(k, key, t[:-1])
    extra = []
    if "ppi_note" in c.extra:
        extra.append(cap(c.extra["ppi_note"]) + ".")
    if "ppi_short" in c.extra:
        extra.append("Omeprazole started %d week%s ago." % (c.extra["ppi_short"], "" if c.extra["ppi_short"] == 1 else "s"))
    if c.extra.get("cal_pending"):
        extra.append("Calprotectin awaited.")
    if c.f["fit_status"] == "pending":
        extra.append("FIT pending.")
    if c.extra.get("asymptomatic"):
        extra.append(c.E("no_symptoms", "No current symptoms."))
    q = question_text(c)
    lines = [std_header(c, r, 0), "", c.bp("Dear Gastroenterologist,"), "",
             "%s, %s, %s." % (x["first"], c.E("age", "age %d" % c.f["age"]), sexword(c)) + c.bp(" Symptom summary below."), ""] + grid + \
            ["", " ".join(others + extra)]
    if c.labs:
        lines += ["", labs_table(c)]
    if q:
        lines += ["", "Question: " + q]
    lines += ["", pri_line(c), "", signoff(c, r)]
    return "\n".join(lines)


def clinician_letter(c, role_line, org, greeting, intro, voice="formal", table=False, extra_end=""):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, voice, labs="table" if table else "inline")
    lines = [org, c.bp("Date: ") + ldate(c), "",
             "Patient: %s   %s   NHS %s" % (pname(c), dob_line(c, r.choice(["dob", "both", "age"])), x["nhs"]),
             "GP: %s, %s" % (x["gp"], x["practice"]), "", c.bp(greeting), "", intro, "", body]
    if table and c.labs:
        lines += ["", labs_table(c)]
    if extra_end:
        lines += ["", extra_end]
    lines += ["", pri_line(c), "", role_line, "", "cc: %s (GP)" % x["gp"]]
    return "\n".join(lines)


def L_cns(c):
    r = R(c.id, "lay")
    name = "%s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s RGN, Community Gastroenterology Nurse Specialist" % name,
                            "COMMUNITY GASTROENTEROLOGY NURSING SERVICE",
                            "Dear Gastroenterology Consultant,",
                            c.bp("I saw %s in the community nurse-led bowel clinic today." % c.him), table=r.random() < 0.5)


def L_ibd_helpline(c):
    r = R(c.id, "lay")
    x = c.extra
    nurse = "%s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    body = narrative(c, "formal")
    return "\n".join(["IBD ADVICE LINE - TELEPHONE NOTE", "Hosp no: %s   NHS: %s" % (x["hosp"], x["nhs"]),
                      "Caller: patient   Call date: %s   Call-back: %s" % (ldate(c), c.bp("completed")),
                      "Patient: %s   %s   Sex: %s" % (pname(c), dob_line(c, "both"), sexword(c)), "",
                      "Summary of call:", body, "",
                      "Plan: " + c.bp("discussed with IBD consultant of the week; forwarded to clinic triage."),
                      pri_line(c), "", "%s, IBD Clinical Nurse Specialist" % nurse])


def L_hep_nurse(c):
    r = R(c.id, "lay")
    name = "%s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s, Hepatology Nurse Specialist (community liver outreach)" % name,
                            "COMMUNITY LIVER SERVICE", "Dear Hepatology team,",
                            c.bp("I reviewed %s at the community liver clinic." % c.him), table=True)


def L_stoma(c):
    r = R(c.id, "lay")
    name = "%s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s, Stoma Care Nurse Specialist" % name, "STOMA CARE SERVICE",
                            "Dear Colleagues,",
                            c.bp("I saw %s at a routine stoma care review (%s, formed %d)." %
                                 (c.him, r.choice(["loop ileostomy", "end colostomy", "end ileostomy"]),
                                  r.choice([2012, 2016, 2019, 2021]))))


def L_student(c):
    r = R(c.id, "lay")
    name = "Dr %s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s, University Student Health Service" % name, "UNIVERSITY STUDENT HEALTH SERVICE",
                            "Dear Doctor,",
                            c.bp("This student registered with us at the start of term and came in to see me.") +
                            " " + c.E("age", "%s is %d" % (cap(c.he), c.f["age"])) + ".")


def L_occ(c):
    r = R(c.id, "lay")
    name = "Dr %s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s MFOM, Occupational Health Physician" % name, "OCCUPATIONAL HEALTH DEPARTMENT",
                            "Dear Doctor,",
                            c.bp("I saw this employee for a pre-placement health assessment; with consent I am writing directly."),
                            extra_end=c.bp("%s remains fit for work with adjustments." % cap(c.he)))


def L_sexual_health(c):
    r = R(c.id, "lay")
    name = "Dr %s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s, Specialty Doctor, Sexual Health" % name, "INTEGRATED SEXUAL HEALTH CLINIC",
                            "Dear Colleague,",
                            c.bp("%s attended our clinic and agreed to this referral; STI screen negative." % cap(c.he)))


def L_gpwsi(c):
    r = R(c.id, "lay")
    x = c.extra
    return clinician_letter(c, "%s, GP with Extended Role in Gastroenterology" % x["gp2"],
                            "COMMUNITY GASTROENTEROLOGY (GPwER) SERVICE", "Dear Consultant,",
                            c.bp("I saw this patient in the intermediate gastroenterology clinic."), table=True)


def L_pa(c):
    r = R(c.id, "lay")
    x = c.extra
    name = "%s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    return clinician_letter(c, "%s, Physician Associate (supervising GP: %s)" % (name, x["gp"]),
                            x["practice"].upper(), "Dear Doctor,",
                            c.bp("I am a physician associate at the practice and saw this patient; discussed with my supervising GP."))


def L_anp_utc(c):
    r = R(c.id, "lay")
    x = c.extra
    name = "%s %s" % (r.choice(GP_FIRST), r.choice(GP_SUR))
    obs = ["Observations at triage:",
           "%-10s%-10s%-10s%-10s%-10s" % ("HR", "BP", "RR", "SpO2", "Temp"),
           "%-10s%-10s%-10s%-10s%-10s" % (r.randint(64, 92), "%d/%d" % (r.randint(112, 146), r.randint(64, 88)),
                                        r.randint(12, 18), "%d%%" % r.randint(96, 99), "%.1f" % (36.4 + r.randint(0, 6) / 10))]
    return clinician_letter(c, "%s, Advanced Nurse Practitioner, Urgent Treatment Centre" % name,
                            "URGENT TREATMENT CENTRE - DISCHARGE / REFERRAL NOTE", "To the on-call gastroenterology team / GP,",
                            c.bp("Seen in the UTC today; haemodynamically stable, NEWS 0, not requiring admission."),
                            extra_end="\n".join(obs))


def L_parent_ld(c):
    r = R(c.id, "lay")
    x = c.extra
    par = "Mrs" if r.random() < 0.6 else "Mr"
    body = narrative(c, "parent")
    cover = "\n".join([std_header(c, r, 0), "", c.bp("Dear Doctor,"), "",
                       c.bp("%s has a moderate learning disability and lives at home with %s parents." % (x["first"], c.his)) +
                       " " + c.E("age", "%s is %d" % (cap(c.he), c.f["age"])) + ". " +
                       c.bp("%s mother has written down what she has noticed, which I enclose and which matches my assessment." % cap(c.his)),
                       "", pri_line(c), "", signoff(c, r)])
    enclosure = "\n".join(["--- Enclosed letter from parent ---", c.bp("To the doctor,"),
                           c.bp("I am writing about my son %s." % x["first"] if c.f["sex"] == "M" else "I am writing about my daughter %s." % x["first"]),
                           body, c.bp("%s cannot always tell us when something hurts so please be patient with %s." % (cap(c.he), c.him)),
                           "%s %s (mother)" % (par if par == "Mrs" else "Mrs", x["sur"])])
    return cover + "\n\n" + enclosure


def L_carer(c):
    r = R(c.id, "lay")
    x = c.extra
    body = narrative(c, "carer")
    return "\n".join([std_header(c, r, 0), "", c.bp("Dear Doctor,"), "",
                      c.bp("I saw %s today, accompanied by %s carer from %s." % (pname(c), c.his,
                                                                                 r.choice(["Beechwood Care Home", "the supported living team", "the home care agency"]))) +
                      " " + c.E("age", "%s is %d" % (cap(c.he), c.f["age"])) + c.bp(" and has dementia, so the history comes largely from the carer."),
                      "", body, "", pri_line(c), "", signoff(c, r)])


def L_interpreter(c):
    r = R(c.id, "lay")
    x = c.extra
    lang = r.choice(["Polish", "Urdu", "Romanian", "Tigrinya", "Bengali", "Portuguese", "Arabic"])
    body = narrative(c, "interp")
    return "\n".join([std_header(c, r, 2), "", c.bp("Dear Doctor,"), "",
                      c.bp("Consultation conducted via a %s telephone interpreter." % lang) + " " +
                      c.E("age", "%s is %d years old" % (cap(c.he), c.f["age"])) + ".",
                      "", body, "", c.bp("Please book a %s interpreter for any appointment." % lang),
                      pri_line(c), "", signoff(c, r)])


def L_patient_list(c):
    r = R(c.id, "lay")
    x = c.extra
    lst = []
    for s in c.syms:
        if s["key"] in ("management_question",):
            continue
        lst.append("- " + c.E(s["key"], durtxt(s)))
    for kind, key in c.dspecs:
        if key in ("abdominal_mass", "rectal_mass") or kind == "hypothetical":
            continue
        lst.append("- " + c.Dx(kind, key, dist_text(c, kind, key)))
    if c.extra.get("asymptomatic"):
        lst.append("- " + c.E("no_symptoms", "I feel completely well, no symptoms"))
    extra = []
    if "ppi_note" in c.extra:
        extra.append("- " + c.extra["ppi_note"])
    if "ppi_short" in c.extra:
        extra.append("- started omeprazole %d week%s ago" % (c.extra["ppi_short"], "" if c.extra["ppi_short"] == 1 else "s"))
    if c.extra.get("cal_pending"):
        extra.append("- stool test (calprotectin) done, waiting for result")
    if c.f["fit_status"] == "pending":
        extra.append("- FIT test sent back, no result yet")
    q = question_text(c)
    if q:
        extra.append("- my GP is asking: " + q)
    cover = "\n".join([std_header(c, r, 0), "", c.bp("Dear Doctor,"), "",
                       c.bp("Please see attached the list %s brought in, which I have checked with %s." % (c.he, c.him)) + " " +
                       c.E("age", "Age %d" % c.f["age"]) + ".",
                       ("Bloods: " + labs_inline(c) + ".") if c.labs else c.bp("No bloods yet."),
                       "", pri_line(c), "", signoff(c, r)])
    return cover + "\n\n" + "ATTACHMENT - patient's own notes:\n" + "\n".join(lst + extra)


def L_gp_nhsstyle(c):
    """Scottish/Welsh style SCI-gateway structured letter with headed fields."""
    r = R(c.id, "lay")
    x = c.extra
    syms = " ".join(sym_sentences(c, "formal"))
    d = " ".join(dist_sentences(c))
    q = question_text(c)
    lines = ["CLINICAL REFERRAL (structured)", "From: %s, %s" % (x["gp"], x["practice"]),
             "To: Gastroenterology, %s General Hospital" % r.choice(TOWNS), "Sent: %s" % ldate(c),
             "Received: %s" % fmt_date(x["letter_date"] + datetime.timedelta(days=r.randint(1, 6)), 0), "",
             "Patient: %s | %s | %s | CHI/NHS %s" % (pname(c), dob_line(c, "dob"), sexword(c), x["nhs"]), "",
             "Presenting complaint:", syms, "", "Pertinent negatives / background:", d or "-", "",
             "Results:", labs_table(c, with_date=False) if c.labs else "-", "",
             "Reason for referral: " + (q or c.bp("assessment and investigation")), "",
             "Urgency: " + (pri_line(c) or "not specified")]
    return "\n".join(lines)


STYLES = {
    "gp_formal": L_gp_formal, "gp_terse": L_gp_terse, "gp_chatty": L_gp_chatty,
    "gp_bullets": L_gp_bullets, "gp_practice_we": L_gp_we, "gp_dictated_finished": L_gp_dictated,
    "gp_system_paste": L_gp_system, "ers_template": L_ers_template, "gp_locum": L_gp_locum,
    "gp_results_table": L_gp_results, "gp_temp_resident": L_temp_resident, "gp_long_paged": L_gp_long,
    "gp_med_table": L_med_table, "structured_referral": L_gp_nhsstyle,
    "form_lgi_2ww": L_form_lgi, "form_ugi_2ww": L_form_ugi, "form_liver": L_form_liver,
    "form_ibd_flare": L_form_ibd, "form_stt": L_form_stt, "form_ag": L_form_ag,
    "symptom_grid": L_symptom_grid,
    "cns_community_gi": L_cns, "ibd_helpline_note": L_ibd_helpline, "hepatology_nurse": L_hep_nurse,
    "stoma_nurse": L_stoma, "student_health": L_student, "occupational_health": L_occ,
    "sexual_health": L_sexual_health, "gpwsi": L_gpwsi, "physician_associate": L_pa,
    "anp_utc": L_anp_utc, "parent_ld": L_parent_ld, "carer_account": L_carer,
    "interpreter": L_interpreter, "patient_list": L_patient_list,
}
GP_STYLES = ["gp_formal", "gp_terse", "gp_chatty", "gp_bullets", "gp_practice_we", "gp_dictated_finished",
             "gp_system_paste", "gp_locum", "gp_results_table", "gp_temp_resident", "gp_long_paged",
             "gp_med_table"]
ALL_RULES = [r for r, _ in RULE_COUNTS]
COMPAT = {s: set(ALL_RULES) for s in STYLES}
COMPAT["form_lgi_2ww"] = {"U2", "U3", "U4", "U6", "U8", "O6", "A1", "D"}
COMPAT["form_ugi_2ww"] = {"U1", "U5", "R3", "O1", "A2", "D"}
COMPAT["form_liver"] = {"U7", "R2", "O5"}
COMPAT["form_ibd_flare"] = {"R1", "O2", "O3"}
COMPAT["form_stt"] = {"U1", "U3", "U4", "U8", "O6", "U5"}
COMPAT["form_ag"] = {"O3", "A1", "A2", "A3", "O4", "O5", "D", "U4", "O1", "O2", "O6"}
COMPAT["ibd_helpline_note"] = {"R1", "O2", "O3"}
COMPAT["hepatology_nurse"] = {"U7", "R2", "O5"}
COMPAT["stoma_nurse"] = {"O3", "R1", "D", "U4", "O5"}
COMPAT["student_health"] = {"R1", "A1", "A2", "O4", "D", "O2", "R3", "O5"}
COMPAT["occupational_health"] = {"O5", "O4", "A2", "D", "A3"}
COMPAT["sexual_health"] = {"U2", "O5", "D", "A2"}
COMPAT["anp_utc"] = {"R3", "R1", "U1", "R2"}
COMPAT["gp_med_table"] = {"O1", "A2", "D", "U5", "U1", "R3", "O5"}
COMPAT["parent_ld"] = set(ALL_RULES) - {"A3"}
COMPAT["carer_account"] = set(ALL_RULES) - {"A3", "R1", "O4"}


def assign_styles(rules):
    usage = {s: 0 for s in STYLES}
    order = sorted(range(len(rules)), key=lambda i: (sum(1 for s in STYLES if rules[i] in COMPAT[s]),
                                                     R(SET, "ord", i).random()))
    out = [None] * len(rules)
    gp_target = 104
    gp_used = 0
    for i in order:
        rule = rules[i]
        cands = [s for s in STYLES if rule in COMPAT[s]]
        rr = R(SET, "sty", i)

        def key(s):
            w = usage[s]
            if s in GP_STYLES:
                w = w * 1.0 - 0.6  # a third of the set from ordinary GPs
            return (w, rr.random())
        s = min(cands, key=key)
        out[i] = s
        usage[s] += 1
    return out


def build():
    rules = []
    for rl, n in RULE_COUNTS:
        rules += [rl] * n
    R(SET, "shuffle").shuffle(rules)
    styles = assign_styles(rules)
    rows, metas = [], []
    for i, (rule, style) in enumerate(zip(rules, styles), start=1):
        for attempt in range(40):
            c = Case(i, rule)
            if attempt:
                c.rng = R(SET, "case", i, attempt)
            c.style = style
            scenario(c)
            # distractors must not change the label under any reading
            base = all_readings(c.f)
            if base != {rule}:
                continue
            identity(c)
            c.pri = choose_priority(c)
            c.noisy = R(SET, "noise", i).random() < 0.14
            text = STYLES[style](c)
            text = "\n".join(l.rstrip() for l in text.split("\n"))
            while "\n\n\n" in text:
                text = text.replace("\n\n\n", "\n\n")
            text = text.strip() + "\n"
            if check_case(c, text):
                break
        else:
            raise SystemExit("could not build %s (%s, %s)" % (c.id, rule, style))
        urg, path = RULE_LABEL[rule]
        rows.append({"id": c.id, "text": text, "urgency": urg, "pathway": path, "rule": rule,
                     "style": style, "gp_priority": PRI_OWN.get(c.pri) if c.pri else None,
                     "age": c.f["age"]})
        x = c.extra
        metas.append({
            "id": c.id, "rule": rule, "style": style, "noisy": c.noise_applied,
            "facts": {k: v for k, v in c.f.items()},
            "letter_date": x["letter_date"].isoformat(), "dob": x["dob"].isoformat(),
            "letter_date_text": x.get("letter_date_text"),
            "gp_priority_label": c.pri,
            "evidence": c.ev, "distractors": c.dist,
            "readings_checked": sorted(all_readings(c.f)),
        })
    return rows, metas


def check_case(c, text):
    for e in c.ev + c.dist:
        if e["text"] not in text:
            return False
    facts_with_ev = {e["fact"] for e in c.ev}
    for k in BOOL_KEYS:
        if c.f[k] and k not in facts_with_ev:
            return False
    for k in VALUE_KEYS:
        if c.f[k] is not None and k not in facts_with_ev and not any(d["fact"] == k for d in c.dist):
            return False
    if "age" not in facts_with_ev or "sex" not in facts_with_ev and not any(
            w in text for w in (" he ", " she ", " He ", " She ", "Mr ", "Mrs ", "Ms ", "Miss ")):
        return False
    return True


def main():
    rows, metas = build()
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    print("wrote %d letters" % len(rows))


if __name__ == "__main__":
    main()
