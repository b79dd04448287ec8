#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters16".

300 synthetic gastroenterology referral letters, labelled by the rules of
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
Python 3 standard library only. Every random choice is drawn from a
random.Random seeded with a sha256 of strings, so reruns are byte-identical.

Run:  python3 make_set.py      (writes letters.jsonl and letters_meta.jsonl)
"""
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = "L16"


def R(*parts):
    """A Random seeded from strings only."""
    h = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return random.Random(int(h[:16], 16))


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def chance(rng, p):
    return rng.random() < p


# ---------------------------------------------------------------------------
# numbers, weights, dates
# ---------------------------------------------------------------------------
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    n = int(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])
    h, rest = divmod(n, 100)
    return _ONES[h] + " hundred" + ("" if rest == 0 else " and " + words(rest))


def kg_to_stlb(kg):
    lb = int(round(kg * 2.20462))
    return lb // 14, lb % 14


def stlb(kg):
    s, l = kg_to_stlb(kg)
    return "%dst %dlb" % (s, l)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(d):
    if 10 <= d % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return "%d%s" % (d, suf)


def fmt_date(d, style):
    if style == "slash":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "dot":
        return "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "dash_mon":
        return "%02d-%s-%04d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "long":
        return "%d %s %04d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "long_ord":
        return "%s %s %04d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "day_long":
        return "%s %s %s %04d" % (DAYS[d.weekday()], ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "short_mon":
        return "%d %s %04d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


DATE_STYLES = ["slash", "dot", "dash_mon", "long", "long_ord", "day_long", "short_mon", "iso"]


def age_on(dob, when):
    a = when.year - dob.year
    if (when.month, when.day) < (dob.month, dob.day):
        a -= 1
    return a


def short_date(d):
    return "%02d/%02d/%02d" % (d.day, d.month, d.year % 100)


def dm(d):
    return "%d %s" % (d.day, MONTHS[d.month - 1][:3])


# ---------------------------------------------------------------------------
# identities (all invented)
# ---------------------------------------------------------------------------
F_NAMES = ["Margaret", "Susan", "Aisha", "Joanne", "Patricia", "Karen", "Helen", "Priya", "Siobhan",
           "Gillian", "Amanda", "Beverley", "Chloe", "Danielle", "Eleanor", "Fatima", "Gemma", "Hannah",
           "Irene", "Jasmine", "Kathleen", "Lorraine", "Maureen", "Nadia", "Olga", "Pauline", "Rachel",
           "Sandra", "Teresa", "Valerie", "Wendy", "Yvonne", "Zainab", "Bronwen", "Agnieszka", "Doreen",
           "Ewa", "Farida", "Grace", "Ivy"]
M_NAMES = ["David", "Mohammed", "Stephen", "Gareth", "Ian", "Paul", "Rajesh", "Keith", "Colin", "Darren",
           "Andrew", "Brian", "Craig", "Dennis", "Edward", "Faisal", "Graham", "Hamid", "Jamie", "Kevin",
           "Liam", "Malcolm", "Neil", "Owen", "Peter", "Ravi", "Simon", "Terence", "Vikram", "William",
           "Arthur", "Bogdan", "Cyril", "Derek", "Emeka", "Frank", "Gordon", "Harold", "Tomasz", "Kwame"]
SURNAMES = ["Ashworth", "Bennett", "Chaudhry", "Dobson", "Ellison", "Fairclough", "Gallagher", "Hussain",
            "Ingham", "Jenkins", "Kowalski", "Lomax", "McAllister", "Naylor", "Okafor", "Pearson",
            "Quinlan", "Rahman", "Sutcliffe", "Thornton", "Underwood", "Varley", "Whitworth", "Yates",
            "Ackroyd", "Brennan", "Cartwright", "Dunleavy", "Entwistle", "Foulkes", "Greenhalgh",
            "Holroyd", "Iqbal", "Jowett", "Kershaw", "Lightfoot", "Mellor", "Nuttall", "Ormerod",
            "Pilkington", "Ramsbottom", "Schofield", "Tattersall", "Uddin", "Wadsworth", "Atherton",
            "Birtwistle", "Clegg", "Duckworth", "Eastwood", "Fenwick", "Goddard", "Haworth", "Illingworth",
            "Jagger", "Kaur", "Lund", "Marsden", "Novak", "Oldroyd", "Patel", "Rowbotham", "Singh",
            "Threlfall", "Walsh", "Zielinski", "Barraclough", "Crabtree", "Dyson", "Emmott"]
STREETS = ["Mill Lane", "Church Street", "Victoria Road", "Moorside Avenue", "Albert Terrace",
           "Beech Grove", "Canal Walk", "Station Road", "Hollins Close", "Park View", "Rochdale Road",
           "Kingsway", "Oak Drive", "Ashfield Crescent", "Foundry Street", "Meadow Bank"]
TOWNS = [("Oldfield", "OL"), ("Brackley Moor", "BM"), ("Castleton Vale", "CV"), ("Hebworth", "HX"),
         ("Lowther Bridge", "LB"), ("Sowerby Green", "SG"), ("Ainsdale Cross", "PR")]

PRACTICES = [
    ("Moorside Medical Practice", "P84017", "12 Moorside Road"),
    ("The Old Mill Surgery", "Y02316", "Unit 3, Old Mill Yard"),
    ("Castleton Vale Health Centre", "B86044", "Castleton Vale Health Centre, Market Street"),
    ("Riverside Family Practice", "M91021", "45 Riverside Walk"),
    ("Hebworth Group Practice", "C82605", "Hebworth Primary Care Centre, Bridge Street"),
    ("St Aidan's Surgery", "F85630", "2 St Aidan's Close"),
    ("Lowther Bridge Medical Centre", "N81052", "The Precinct, Lowther Bridge"),
    ("Sowerby Green Surgery", "J83019", "1 Green Lane"),
    ("Kingsway Partnership", "L84068", "Kingsway House, 88 Kingsway"),
    ("Ainsdale Cross Medical Group", "A81033", "Ainsdale Cross Clinic, Shore Road"),
    ("Beechwood Practice", "E87714", "Beechwood Health Centre, 7 Beech Grove"),
    ("Foundry Street Surgery", "G82771", "30 Foundry Street"),
]
CLIN_SURN = ["Abbott", "Banerjee", "Carr", "Dhillon", "Evans", "Fraser", "Gupta", "Hartley", "Igwe",
             "Jones", "Khan", "Lockwood", "Mistry", "Nolan", "O'Brien", "Rao", "Shaw", "Tiwari", "Ward"]
CLIN_FIRST = ["Anna", "Ben", "Claire", "Deepak", "Emma", "Fiona", "George", "Harriet", "Imran", "Julia",
              "Kate", "Laura", "Matthew", "Nina", "Oliver", "Rebecca", "Sam", "Tom", "Uzma"]


def nhs_number(rng):
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        digits = "".join(map(str, d)) + str(c)
        return "%s %s %s" % (digits[:3], digits[3:6], digits[6:])


def make_identity(key, age, sex):
    rng = R(key, "identity")
    first = pick(rng, F_NAMES if sex == "F" else M_NAMES)
    last = pick(rng, SURNAMES)
    if sex == "F":
        title = pick(rng, ["Mrs", "Mrs", "Ms", "Miss"] if age < 70 else ["Mrs", "Mrs", "Miss", "Ms"])
    else:
        title = "Mr"
    # letter date: 2023-01-02 .. 2024-11-28, day <= 28, not before 5 March of its year
    base = dt.date(2023, 1, 2)
    while True:
        d = base + dt.timedelta(days=rng.randrange(0, 696))
        if d.day <= 28 and (d.month, d.day) >= (3, 5):
            break
    letter_date = d
    # date of birth: the last birthday fell in the letter's calendar year, at least 61 days before
    # the letter date, so every date in the letter (consultations, results) gives the same age and
    # so does a plain subtraction of years
    while True:
        doy = (letter_date - dt.date(letter_date.year, 1, 1)).days
        off = rng.randrange(61, doy)
        anchor = dt.date(letter_date.year - age, letter_date.month, letter_date.day)
        dob = anchor - dt.timedelta(days=off)
        if dob.day <= 28 and dob.year == letter_date.year - age and age_on(dob, letter_date) == age and \
                (letter_date - dt.date(letter_date.year, dob.month, dob.day)).days >= 61:
            break
    town, pc = pick(rng, TOWNS)
    addr = "%d %s, %s %s%d %d%s%s" % (rng.randrange(1, 140), pick(rng, STREETS), town, pc,
                                      rng.randrange(1, 19), rng.randrange(1, 10),
                                      pick(rng, "ABDEFGHJLNPQRSTUWXY"), pick(rng, "ABDEFGHJLNPQRSTUWXY"))
    prac = PRACTICES[rng.randrange(len(PRACTICES))]
    gp = "Dr %s %s" % (pick(rng, CLIN_FIRST), pick(rng, CLIN_SURN))
    gp2 = "Dr %s %s" % (pick(rng, CLIN_FIRST), pick(rng, CLIN_SURN))
    clin = "%s %s" % (pick(rng, CLIN_FIRST), pick(rng, CLIN_SURN))
    return dict(first=first, last=last, title=title, sex=sex, age=age, dob=dob, letter_date=letter_date,
                nhs=nhs_number(rng), address=addr, town=town, practice=prac[0], practice_code=prac[1],
                practice_addr=prac[2] + ", " + town, phone="01%d%d%d %d%d%d%d%d%d" % tuple(
                    rng.randrange(10) for _ in range(9)), gp=gp, gp2=gp2, clin=clin,
                hosp_no="%s%06d" % (pick(rng, ["RX", "H", "K", "MRN "]), rng.randrange(10 ** 6)),
                ubrn="%04d %04d %04d" % (rng.randrange(10 ** 4), rng.randrange(10 ** 4), rng.randrange(10 ** 4)))


def pronouns(sex):
    if sex == "F":
        return dict(he="she", He="She", his="her", His="Her", him="her", Him="Her", hers="hers",
                    man="woman", Man="Woman", gent="lady", spouse="husband", child="daughter",
                    MF="F", sexw="Female")
    return dict(he="he", He="He", his="his", His="His", him="him", Him="Him", hers="his",
                man="man", Man="Man", gent="gentleman", spouse="wife", child="son", MF="M", sexw="Male")


# ---------------------------------------------------------------------------
# the rule engine used while generating (the validator has its own)
# ---------------------------------------------------------------------------
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

FACT_DEFAULTS = dict(
    age=None, sex=None, dysphagia=False, rectal_mass=False, anal_mass=False, anal_ulceration=False,
    fit_value=None, fit_status="none", hb=None, ferritin=None, calprotectin=None, alt=None,
    ttg_raised=False, weight_loss=False, wl_explained=False, upper_abdo_pain=False, abdo_pain=False,
    abdo_site=None, reflux=False, dyspepsia=False, ppi_weeks=None, persist_on_ppi=False,
    abdominal_mass=False, jaundice=False, rectal_bleeding=False, cibh=False, diarrhoea=False,
    bloating=False, bloody_diarrhoea=False, cirrhosis=False, ascites=False, confusion=False,
    haematemesis=False, known_ibd=False, ibd_stable=False, ibd_question=False, fatty_liver=False,
    fh_crc=False, other_symptoms=(), uncertain=(), constipation_longstanding=False)

GI_SYMPTOMS = ["dysphagia", "weight_loss", "upper_abdo_pain", "abdo_pain", "reflux", "dyspepsia",
               "jaundice", "rectal_bleeding", "cibh", "diarrhoea", "bloating", "bloody_diarrhoea",
               "haematemesis", "ascites", "confusion"]

INTERPRETATIONS = ["uncertain_counts", "explained_wl_counts", "bd_is_rb", "rb_plus_diarrhoea_is_bd",
                   "diarrhoea_is_cibh", "constipation_is_cibh", "upper_pain_is_abdo_pain",
                   "unsited_pain_is_upper", "upper_pain_is_dyspepsia", "reflux_is_dyspepsia",
                   "a1_strict", "a3_gi_only"]


def apply_interp(F, which):
    g = dict(F)
    if "uncertain_counts" in which:
        for k in F["uncertain"]:
            g[k] = True
    if "explained_wl_counts" in which and F["wl_explained"]:
        g["weight_loss"] = True
    if "bd_is_rb" in which and g["bloody_diarrhoea"]:
        g["rectal_bleeding"] = True
        g["diarrhoea"] = True
    if "rb_plus_diarrhoea_is_bd" in which and g["rectal_bleeding"] and g["diarrhoea"]:
        g["bloody_diarrhoea"] = True
    if "diarrhoea_is_cibh" in which and g["diarrhoea"]:
        g["cibh"] = True
    if "constipation_is_cibh" in which and g["constipation_longstanding"]:
        g["cibh"] = True
    if "upper_pain_is_abdo_pain" in which and g["upper_abdo_pain"]:
        g["abdo_pain"] = True
    if "unsited_pain_is_upper" in which and g["abdo_pain"] and g["abdo_site"] != "lower":
        g["upper_abdo_pain"] = True
    if "upper_pain_is_dyspepsia" in which and g["upper_abdo_pain"]:
        g["dyspepsia"] = True
    if "reflux_is_dyspepsia" in which and g["reflux"]:
        g["dyspepsia"] = True
    return g


def classify(F, which=()):
    g = apply_interp(F, which)
    age = g["age"]
    thr = 130 if g["sex"] == "M" else 120
    anaemia = g["hb"] is not None and g["hb"] < thr
    irondef = g["ferritin"] is not None and g["ferritin"] < 30
    fit = g["fit_value"]
    cal = g["calprotectin"]
    alt = g["alt"]
    trd = g["dyspepsia"] and g["ppi_weeks"] is not None and g["ppi_weeks"] >= 4 and g["persist_on_ppi"]
    if g["dysphagia"]:
        return "U1"
    if g["rectal_mass"] or g["anal_mass"] or g["anal_ulceration"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and g["weight_loss"] and (g["upper_abdo_pain"] or g["reflux"] or g["dyspepsia"]):
        return "U5"
    if g["abdominal_mass"]:
        return "U6"
    if age >= 40 and g["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and g["rectal_bleeding"]) or
                        (age >= 40 and g["weight_loss"] and g["abdo_pain"]) or
                        (age >= 60 and g["cibh"])):
        return "U8"
    if g["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (g["cirrhosis"] and (g["ascites"] or g["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if g["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if g["known_ibd"] and g["ibd_stable"] and g["ibd_question"]:
        return "O3"
    if g["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or g["fatty_liver"]:
        return "O5"
    a1_ok = True
    if "a1_strict" in which:
        others = [g["rectal_bleeding"], g["weight_loss"], g["dyspepsia"], g["reflux"], g["upper_abdo_pain"],
                  g["jaundice"], anaemia, irondef, alt is not None, g["fh_crc"], g["known_ibd"],
                  g["cirrhosis"], g["haematemesis"], g["bloody_diarrhoea"], g["ttg_raised"]]
        a1_ok = not any(others)
    if (age < 50 and (g["abdo_pain"] or g["bloating"] or g["cibh"]) and
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)) and a1_ok):
        return "A1"
    if (g["rectal_bleeding"] or g["cibh"] or g["abdo_pain"]) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (g["dyspepsia"] or g["reflux"]):
        return "A2"
    syms = any(g[k] for k in GI_SYMPTOMS)
    if "a3_gi_only" not in which:
        syms = syms or bool(g["other_symptoms"])
    if g["fh_crc"] and not syms:
        return "A3"
    return "D"


def robust_rule(F):
    """The rule under the plain reading, or None when another reading of a loose word
    in the spec would give a different rule."""
    base = classify(F)
    for w in INTERPRETATIONS:
        if classify(F, (w,)) != base:
            return None
    if classify(F, tuple(INTERPRETATIONS)) != base:
        return None
    return base


# ---------------------------------------------------------------------------
# the case: facts plus the strings that will carry them
# ---------------------------------------------------------------------------
class Case:
    def __init__(self, rule, age, sex, rng):
        self.rule = rule
        self.rng = rng
        self.F = dict(FACT_DEFAULTS)
        self.F["age"] = age
        self.F["sex"] = sex
        self.F["other_symptoms"] = []
        self.F["uncertain"] = []
        self.P = pronouns(sex)
        self.items = []      # positive facts: dict(fact, prose, terse, section)
        self.labs = []       # dict(key, raw, unit, num, ref, flag, prev, role, words)
        self.fit = None      # dict(status, raw, unit, num, role, days)
        self.dis = []        # distractors: dict(kind, fact, prose, terse, section)
        self.pmh = []
        self.meds = []
        self.social = []
        self.story = []      # neutral narrative, carries no fact
        self.exam_neutral = []
        self.ddx = None
        self.question = None
        self.wishes = None
        self.obs = []        # (days before letter, kg)
        self.variant = ""
        self.reason = ""     # short reason-for-referral phrase (terse, carries a fact or not)
        self.reason_fact = None
        self.topic = "lower"  # lower / upper / liver / ibd / general: which form family fits

    def fmt(self, s):
        return s.format(**self.P)

    def add(self, fact, prose, terse, section="hpc"):
        self.items.append(dict(fact=fact, prose=self.fmt(prose), terse=self.fmt(terse), section=section))

    def other(self, sym, prose, terse, section="hpc"):
        self.F["other_symptoms"].append(sym)
        self.items.append(dict(fact="other:" + sym, prose=self.fmt(prose), terse=self.fmt(terse),
                               section=section))

    def neutral(self, prose):
        self.story.append(self.fmt(prose))


def lab(c, key, num, unit, raw=None, ref=None, flag=None, prev=None, role="fact", inwords=False):
    if raw is None:
        raw = ("%g" % num) if isinstance(num, (int, float)) else str(num)
    d = dict(key=key, num=num, unit=unit, raw=raw, ref=ref, flag=flag, prev=prev, role=role,
             words=inwords)
    c.labs.append(d)
    if key == "hb":
        c.F["hb"] = num * 10 if unit == "g/dL" else num
    elif key in ("ferritin", "calprotectin", "alt"):
        c.F[key] = num
    return d


def hb_lab(c, anaemic, role="fact", unit=None, prev=None):
    rng = c.rng
    sex = c.F["sex"]
    if anaemic:
        v = rng.randrange(72, 112) if sex == "F" else rng.randrange(76, 122)
    else:
        v = rng.randrange(126, 150) if sex == "F" else rng.randrange(136, 168)
    if unit is None:
        unit = "g/dL" if chance(rng, 0.22) else "g/L"
    ref = "115-165" if sex == "F" else "130-180"
    flag = "L" if anaemic else None
    if unit == "g/dL":
        ref = "11.5-16.5" if sex == "F" else "13.0-18.0"
        return lab(c, "hb", v / 10.0, unit, raw="%.1f" % (v / 10.0), ref=ref, flag=flag, prev=prev, role=role)
    return lab(c, "hb", v, unit, ref=ref, flag=flag, prev=prev, role=role)


def ferritin_lab(c, low, role="fact", minv=None):
    rng = c.rng
    v = rng.randrange(3, 23) if low else rng.randrange(minv or 45, 260)
    unit = pick(rng, ["ug/L", "ug/L", "ng/mL", "\u00b5g/L"])
    ref = pick(rng, ["30-400", "15-300", "20-300", "30-300"])
    # a ferritin below 30 but inside a lab's 15-300 range would still be iron deficiency by the spec;
    # keep the printed flag honest to the printed range
    lo = int(ref.split("-")[0])
    flag = "L" if v < lo else None
    return lab(c, "ferritin", v, unit, ref=ref, flag=flag, role=role)


def fit_result(c, value, raw=None, role="fact", unit="ug Hb/g", days=None):
    rng = c.rng
    c.F["fit_value"] = value
    c.F["fit_status"] = "result"
    c.fit = dict(status="result", num=value, raw=raw if raw is not None else "%g" % value, unit=unit, role=role,
                 days=days if days is not None else rng.randrange(5, 40))
    return c.fit


def fit_low(c, role="fact"):
    rng = c.rng
    kind = rng.randrange(7)
    if kind == 0:
        return fit_result(c, 3.9, "<4", role=role)
    if kind == 1:
        return fit_result(c, 0, "not detected", role=role, unit=None)
    if kind == 2:
        return fit_result(c, 0, "negative", role=role, unit=None)
    if kind == 3:
        return fit_result(c, 0, "undetectable", role=role, unit=None)
    if kind == 4:
        return fit_result(c, 9.9, "<10", role=role)
    v = rng.randrange(4, 10)
    if kind == 5:
        return fit_result(c, v, str(v), role=role)
    return fit_result(c, v, "%d.%d" % (v, rng.randrange(10)), role=role) if v < 9 else fit_result(c, v, str(v), role=role)


def fit_high(c, role="fact"):
    rng = c.rng
    kind = rng.randrange(8)
    v = pick(rng, [10, 12, 15, 18, 23, 32, 45, 67, 88, 112, 150, 186, 240, 310, 390])
    if kind == 0:
        return fit_result(c, 400, ">400", role=role)
    if kind == 1:
        return fit_result(c, v, "positive (%d)" % v, role=role)
    if kind == 2:
        return fit_result(c, v, words(v), role=role)
    return fit_result(c, v, str(v), role=role)


def fit_missing(c, how=None):
    rng = c.rng
    how = how or pick(rng, ["awaited", "requested", "declined", "not_done", "silent", "awaited", "kit_given"])
    c.F["fit_value"] = None
    c.F["fit_status"] = how
    if how != "silent":
        c.fit = dict(status=how, num=None, raw=None, unit=None, role="status", days=rng.randrange(2, 12))
    return how


def alt_lab(c, lo, hi, role="fact", ref="<40"):
    v = c.rng.randrange(lo, hi + 1)
    flag = "H" if v >= 40 else None
    return lab(c, "alt", v, pick(c.rng, ["U/L", "U/L", "IU/L"]), ref=ref, flag=flag, role=role)


def calpro_lab(c, lo, hi, role="fact", raw=None):
    v = c.rng.randrange(lo, hi + 1)
    return lab(c, "calprotectin", v, pick(c.rng, ["ug/g", "ug/g", "\u00b5g/g", "mcg/g"]), raw=raw,
               ref="<50", flag="H" if v >= 50 else None, role=role)


def ctx_lab(c, key, num, unit, ref=None, flag=None):
    return lab(c, key, num, unit, ref=ref, flag=flag, role="context")


def weight_loss(c, pct=None):
    """Unintentional weight loss, always said to be unintended."""
    rng = c.rng
    before = rng.randrange(58, 98) + (0 if c.F["sex"] == "F" else 8)
    lost = rng.randrange(4, 12)
    after = before - lost
    months = rng.randrange(2, 7)
    c.obs = [(months * 30 + rng.randrange(0, 20), before), (rng.randrange(40, 80), before - lost // 2),
             (rng.randrange(0, 6), after)]
    k = rng.randrange(8)
    if k == 0:
        p = "{He} has lost %d kg over the last %s months without trying (%d kg then, %d kg now)" % (
            lost, words(months), before, after)
    elif k == 1:
        p = "Weight has fallen from %s to %s over %d months and {he} has not been dieting" % (
            stlb(before), stlb(after), months)
    elif k == 2:
        p = "{He} has had unintentional weight loss of about %d%% of {his} body weight since %s" % (
            round(100.0 * lost / before), pick(rng, ["the spring", "the new year", "the summer", "the autumn"]))
    elif k == 3:
        p = "\"My clothes are hanging off me\" - unintentional weight loss of %d kg in %d months" % (lost, months)
    elif k == 4:
        s, l = kg_to_stlb(lost)
        amt = "about a stone" if s == 1 and l < 4 else ("nearly a stone" if s == 0 and l > 9 else
                                                          ("%d st %d lb" % (s, l) if s else "%d lb" % l))
        p = "{He} has unintentionally lost %s in weight over the past %d months" % (amt, months)
    elif k == 5:
        h = rng.randrange(152, 186) / 100.0
        p = "Unexplained weight loss - BMI down from %.1f to %.1f in %d months, not trying to lose weight" % (
            before / h / h, after / h / h, months)
    elif k == 6:
        p = "{His} %s says {he} has lost a lot of weight, and the scales confirm an unintentional loss of %d kg (%d -> %d kg)" % (
            c.P["spouse"] if chance(rng, 0.5) else c.P["child"], lost, before, after)
    else:
        p = "There has been unintentional weight loss of %s kg over %s months" % (words(lost), words(months))
    t = pick(rng, ["unintentional wt loss %dkg/%dm" % (lost, months),
                   "wt %d->%dkg over %d/12, not trying" % (before, after, months),
                   "Wt loss %d kg, unexplained (%d/12)" % (lost, months)])
    c.F["weight_loss"] = True
    c.add("weight_loss", p, t)


DUR = [("for the past six weeks", "6/52"), ("for about three months", "3/12"), ("since Christmas", "since Xmas"),
       ("since Easter", "since Easter"), ("over the last two months", "2/12"), ("for 8 weeks", "8/52"),
       ("for around ten weeks", "10/52"), ("for four months", "4/12"), ("for five weeks", "5/52")]


def dur(c):
    return pick(c.rng, DUR)


# ---------------------------------------------------------------------------
# scenario builders, one per rule
# ---------------------------------------------------------------------------
BASE_PMH = ["Hypertension", "Type 2 diabetes (diet controlled)", "Type 2 diabetes", "Osteoarthritis of knees",
            "Hypothyroidism", "Asthma", "Depression", "COPD", "CKD stage 3a", "Gout", "Atrial fibrillation",
            "Hypercholesterolaemia", "Previous cholecystectomy (2011)", "Migraine", "Anxiety",
            "Benign prostatic hyperplasia", "Psoriasis", "Obstructive sleep apnoea", "Glaucoma",
            "Left total hip replacement (2019)", "Osteoporosis", "Varicose veins", "Eczema", "Carpal tunnel release"]
BASE_MEDS = ["Amlodipine 5mg OD", "Ramipril 2.5mg OD", "Atorvastatin 20mg ON", "Levothyroxine 75mcg OD",
             "Metformin 500mg BD", "Salbutamol inhaler PRN", "Sertraline 50mg OD", "Bisoprolol 2.5mg OD",
             "Paracetamol 1g QDS PRN", "Apixaban 5mg BD", "Tamsulosin 400mcg OD", "Allopurinol 100mg OD",
             "Indapamide 2.5mg OD", "Simvastatin 40mg ON", "Fostair 100/6 two puffs BD", "Mirtazapine 15mg ON",
             "Cetirizine 10mg OD", "Adcal-D3 one BD", "Latanoprost eye drops ON", "Losartan 50mg OD"]
SOCIAL = ["Lives with {his} {spouse}; independent.", "Retired, lives alone, manages well.",
          "Works as a bus driver. Ex-smoker (stopped 2010).", "Never smoked; alcohol about 6 units/week.",
          "Works in a warehouse. Smokes 10/day.", "Teacher. Drinks socially.", "Lives with family; no alcohol.",
          "Carer for {his} {spouse}.", "Self-employed joiner.", "Student nurse.", "Works night shifts in a care home.",
          "Retired postman; lives in sheltered housing."]


def background(c, n_pmh=None, n_meds=None):
    rng = c.rng
    age = c.F["age"]
    if n_pmh is None:
        n_pmh = rng.randrange(0, 3) if age < 45 else rng.randrange(1, 5)
    if n_meds is None:
        n_meds = max(0, n_pmh + rng.randrange(-1, 2))
    pool = [p for p in BASE_PMH if not (c.F["sex"] == "F" and "prostat" in p)]
    if age < 40:
        pool = [p for p in pool if p not in ("Atrial fibrillation", "Benign prostatic hyperplasia", "CKD stage 3a",
                                             "Left total hip replacement (2019)", "Osteoporosis", "COPD")]
    born = 2024 - age

    def plausible(p):
        m = re.search(r"\((\d{4})\)", p)
        return not (m and int(m.group(1)) - born < 16)
    pool = [p for p in pool if plausible(p)]
    for p in rng.sample(pool, n_pmh):
        c.pmh.append(p)
    mpool = [m for m in BASE_MEDS if not (c.F["sex"] == "F" and m.startswith("Tamsulosin"))]
    for m in rng.sample(mpool, n_meds):
        if m.split()[0] in ("Atorvastatin", "Simvastatin") and any(k.split()[0] in ("Atorvastatin", "Simvastatin") for k in c.meds):
            continue
        if m.split()[0] in ("Ramipril", "Losartan") and any(k.split()[0] in ("Ramipril", "Losartan") for k in c.meds):
            continue
        c.meds.append(m)
    if age >= 70:
        soc = ["Lives with {his} {spouse}; independent.", "Retired, lives alone, manages well.", "Retired postman; lives in sheltered housing.",
               "Widowed, lives alone with family support.", "Never smoked; alcohol about 6 units/week."]
    elif age < 25:
        soc = ["Student; lives with parents.", "Works in retail.", "Student nurse.", "Never smoked; drinks socially."]
    else:
        soc = [x_ for x_ in SOCIAL if "Retired" not in x_]
    c.social.append(c.fmt(pick(rng, soc)))


def b_U1(c, hint):
    rng = c.rng
    P = c.P
    c.topic = "upper"
    d, dt_ = dur(c)
    v = hint or pick(rng, ["progressive", "progressive", "bolus", "reflux"])
    if c.F["age"] < 46:
        v = "bolus" if v == "progressive" else v
    c.variant = v
    c.F["dysphagia"] = True
    if v == "bolus":
        c.add("dysphagia", pick(rng, [
            "{He} has intermittent dysphagia to meat and bread, and has had two episodes of food bolus obstruction in the last few months",
            "Solid food, particularly meat, regularly sticks on the way down - true dysphagia - and twice {he} has had to make {himself} sick to clear it".replace("{himself}", "himself" if c.F["sex"] == "M" else "herself"),
            "{He} reports difficulty swallowing solids %s; \"it feels like the food stops halfway\"" % d]),
              pick(rng, ["intermittent dysphagia to solids, 2x food bolus episodes", "dysphagia (meat/bread) %s" % dt_]))
        c.ddx = pick(rng, ["?eosinophilic oesophagitis", "Ddx: EoE vs stricture vs dysmotility", "I wonder about eosinophilic oesophagitis given {his} asthma and hay fever"])
        if chance(rng, 0.5):
            c.pmh.append("Asthma")
            c.pmh.append("Hay fever")
    else:
        c.add("dysphagia", pick(rng, [
            "{He} has had difficulty swallowing solids %s, with food sticking behind the lower sternum" % d,
            "Over the last few months {he} has developed progressive dysphagia, initially to meat and bread but now also to softer foods",
            "{He} describes food sticking in {his} chest a few seconds after swallowing: \"it just sits there until I bring it back up\"",
            "Dysphagia to solids %s; {he} now cuts food into very small pieces and avoids bread" % d,
            "{His} %s reports that {he} has been struggling to swallow %s, and on questioning {he} confirms dysphagia to solids" % (P["spouse"], d)]),
            pick(rng, ["dysphagia to solids %s, progressive" % dt_, "c/o food sticking retrosternally %s - dysphagia" % dt_,
                       "Dysphagia %s, solids > liquids" % dt_]))
        if v == "reflux":
            c.F["reflux"] = True
            c.add("reflux", "{He} has had reflux for years, controlled on omeprazole until recently",
                  "longstanding reflux on PPI")
            c.meds.append("Omeprazole 20mg OD")
        if chance(rng, 0.45) and v == "progressive":
            weight_loss(c)
    background(c)
    c.reason = "Dysphagia"
    c.reason_fact = "dysphagia"


def b_U2(c, hint):
    rng = c.rng
    c.topic = "lower"
    v = hint or pick(rng, ["rectal", "rectal", "anal_mass", "anal_ulcer"])
    c.variant = v
    if v == "rectal":
        c.F["rectal_mass"] = True
        c.add("rectal_mass", pick(rng, [
            "On PR examination there is a firm, irregular mass palpable at about 6 cm on the posterior wall",
            "Digital rectal examination revealed a hard, fixed rectal mass just within reach of the fingertip",
            "PR: a rectal mass is felt on the anterior wall, hard and irregular, approximately 5 cm from the anal verge"]),
            pick(rng, ["PR: hard irregular mass post wall ~6cm", "DRE - rectal mass, fixed", "PR - firm rectal mass palpable"]),
            section="exam")
        c.other("tenesmus", "{He} describes a constant feeling of incomplete emptying", "tenesmus")
    elif v == "anal_mass":
        c.F["anal_mass"] = True
        c.add("anal_mass", pick(rng, [
            "Examination shows a firm, nodular mass at the anal margin, about 2 cm across",
            "There is a hard anal mass at the 3 o'clock position which bled slightly on touch"]),
            pick(rng, ["O/E anal mass 2cm, firm", "hard anal mass at 3 o'clock"]), section="exam")
        c.other("anal discomfort", "{He} noticed a lump and some discomfort around the back passage", "perianal discomfort")
    else:
        c.F["anal_ulceration"] = True
        c.add("anal_ulceration", pick(rng, [
            "There is an indurated ulcer at the anal verge with no obvious cause - unexplained anal ulceration",
            "I found an area of unexplained anal ulceration at the 6 o'clock position, with a rolled edge"]),
            pick(rng, ["unexplained anal ulceration", "anal verge ulcer ?cause - unexplained"]), section="exam")
        c.other("pain on defaecation", "It is sore when {he} opens {his} bowels", "pain on defaecation")
    if chance(rng, 0.35):
        fit_low(c, role="normal")
        c.variant += "+fitneg"
    background(c)
    c.reason = {"rectal": "Rectal mass", "anal_mass": "Anal mass", "anal_ulcer": "Anal ulceration"}[v]
    c.reason_fact = {"rectal": "rectal_mass", "anal_mass": "anal_mass", "anal_ulcer": "anal_ulceration"}[v]


def _lower_symptom(c, which, d, dt_):
    rng = c.rng
    if which == "rb":
        c.F["rectal_bleeding"] = True
        c.add("rectal_bleeding", pick(rng, [
            "{He} has noticed bright red rectal bleeding %s, mostly on the paper but sometimes in the pan" % d,
            "{He} reports blood mixed in with the stool %s" % d,
            "There has been intermittent dark red rectal bleeding %s" % d,
            "{He} has been passing blood from the back passage on and off %s" % d]),
            pick(rng, ["PR bleeding %s" % dt_, "rectal bleeding %s, intermittent" % dt_, "PR bleed, fresh, %s" % dt_]))
    elif which == "cibh":
        c.F["cibh"] = True
        c.F["diarrhoea"] = True
        c.add("cibh,diarrhoea", pick(rng, [
            "{He} has had a change in bowel habit to looser, more frequent stools %s" % d,
            "{His} bowel habit has changed %s - {he} now opens {his} bowels three or four times a day with loose stools, where previously once daily" % d,
            "Change in bowel habit %s: looser stool and increased frequency" % d]),
            pick(rng, ["CIBH to loose stools %s" % dt_, "change in bowel habit (looser, 3-4x/day) %s" % dt_]))
    elif which == "cibh_c":
        c.F["cibh"] = True
        c.add("cibh", pick(rng, [
            "{He} has had a change in bowel habit towards constipation %s, which is new for {him}" % d,
            "Since %s {his} bowel habit has changed: {he} now goes every three or four days with hard stools" % pick(rng, ["the autumn", "the summer", "January"])]),
            pick(rng, ["CIBH - new constipation %s" % dt_, "change in bowel habit (constipation) %s" % dt_]))
    elif which == "pain":
        c.F["abdo_pain"] = True
        c.F["abdo_site"] = "lower"
        c.add("abdo_pain", pick(rng, [
            "{He} has had crampy lower abdominal pain %s" % d,
            "{He} complains of intermittent left iliac fossa pain %s" % d,
            "There has been lower abdominal pain %s, worse after eating" % d,
            "{He} describes a griping pain across the lower abdomen %s" % d]),
            pick(rng, ["lower abdo pain %s" % dt_, "LIF pain %s" % dt_, "crampy lower abdominal pain %s" % dt_]))
    elif which == "bloat":
        c.F["bloating"] = True
        c.add("bloating", pick(rng, ["{He} is troubled by bloating, worse as the day goes on",
                                     "Abdominal bloating most evenings"]),
              pick(rng, ["bloating ++", "bloating"]))


def b_U3(c, hint):
    rng = c.rng
    c.topic = "lower"
    d, dt_ = dur(c)
    age = c.F["age"]
    opts = ["cibh", "pain", "rb", "cibh_c", "bloat"] if age < 50 else ["cibh", "rb", "pain", "cibh_c"]
    syms = rng.sample(opts, pick(rng, [1, 1, 2]))
    if "cibh" in syms and "cibh_c" in syms:
        syms.remove("cibh_c")
    if hint == "nosym":
        syms = []
        c.other("fatigue", "{He} has been more tired than usual", "tired")
    for s in syms:
        _lower_symptom(c, s, d, dt_)
    fit_high(c)
    if chance(rng, 0.5):
        hb_lab(c, anaemic=False, role="normal")
    if chance(rng, 0.3):
        ferritin_lab(c, low=False, role="normal")
    background(c)
    c.reason = "Positive FIT"
    c.reason_fact = "fit"
    if age < 50 and chance(rng, 0.6):
        c.ddx = pick(rng, ["I suspect haemorrhoids", "Ddx: IBS vs IBD vs ?malignancy", "Probably IBS, but the FIT is positive"])


def b_U4(c, hint):
    rng = c.rng
    c.topic = "lower"
    sex = c.F["sex"]
    prev = None
    if chance(rng, 0.55):
        prev = ("%d" % (rng.randrange(128, 150) if sex == "F" else rng.randrange(138, 160)), rng.randrange(300, 800))
    hb = hb_lab(c, anaemic=True, prev=prev, unit="g/L" if prev else None)
    ferritin_lab(c, low=True)
    ctx_lab(c, "mcv", rng.randrange(66, 79), "fL", ref="80-100", flag="L")
    c.other("fatigue", pick(rng, ["{He} has been tired and short of breath on exertion %s" % dur(c)[0],
                                  "{He} feels exhausted and gets breathless on the stairs"]),
            pick(rng, ["tired, SOBOE", "fatigue"]))
    if sex == "F" and c.F["age"] < 50 and chance(rng, 0.6):
        c.other("heavy periods", "{His} periods are heavy", "menorrhagia")
        c.variant = "menstruating"
    if chance(rng, 0.5):
        c.exam_neutral.append(c.fmt("Pale; abdomen soft and non-tender"))
    if chance(rng, 0.5):
        lab(c, "ttg", 0.6, "U/mL", raw="<0.8", ref="<7", role="normal")
    background(c)
    c.meds.append("Ferrous fumarate 210mg BD (started this month)")
    c.reason = "Iron deficiency anaemia"
    c.reason_fact = "ida"


def b_U5(c, hint):
    rng = c.rng
    c.topic = "upper"
    d, dt_ = dur(c)
    weight_loss(c)
    k = hint or pick(rng, ["upper", "dyspepsia", "reflux", "upper"])
    c.variant = k
    if k == "upper":
        c.F["upper_abdo_pain"] = True
        c.add("upper_abdo_pain", pick(rng, [
            "{He} has had epigastric pain %s, gnawing in character and worse after meals" % d,
            "{He} describes upper abdominal pain %s, radiating through to the back at times" % d,
            "There is a dull upper abdominal pain %s" % d]),
            pick(rng, ["epigastric pain %s" % dt_, "upper abdo pain %s" % dt_]))
    elif k == "dyspepsia":
        c.F["dyspepsia"] = True
        c.add("dyspepsia", pick(rng, ["{He} has new dyspepsia %s, with early fullness" % d,
                                       "Persistent indigestion (dyspepsia) %s" % d]),
              pick(rng, ["dyspepsia %s" % dt_, "new dyspepsia %s" % dt_]))
    else:
        c.F["reflux"] = True
        c.add("reflux", pick(rng, ["{He} has troublesome reflux %s, with acid coming up into {his} throat at night" % d,
                                    "New reflux symptoms %s" % d]),
              pick(rng, ["reflux %s" % dt_, "acid reflux %s" % dt_]))
    background(c)
    c.reason = "Weight loss with upper GI symptoms"
    c.reason_fact = "weight_loss"


def b_U6(c, hint):
    rng = c.rng
    c.topic = "lower"
    side = pick(rng, ["right iliac fossa", "left iliac fossa", "right iliac fossa"])
    c.F["abdominal_mass"] = True
    c.add("abdominal_mass", pick(rng, [
        "On examination there is a firm, non-tender mass in the %s, about 5 cm across" % side,
        "I can feel an abdominal mass in the %s which was not there when I examined {him} last year" % side,
        "Abdominal examination: a palpable, irregular mass in the %s" % side]),
        pick(rng, ["O/E mass %s ~5cm" % ("RIF" if side.startswith("right") else "LIF"),
                   "palpable abdominal mass, %s" % side]), section="exam")
    if chance(rng, 0.5):
        c.other("fatigue", "{He} says {he} just does not feel right", "generally unwell")
    background(c)
    c.reason = "Abdominal mass"
    c.reason_fact = "abdominal_mass"


def b_U7(c, hint):
    rng = c.rng
    c.topic = "liver"
    c.F["jaundice"] = True
    c.add("jaundice", pick(rng, [
        "{His} %s says {he} has gone yellow over the last ten days, and {he} is clearly jaundiced today with yellow sclerae" % c.P["spouse"],
        "{He} presents with painless jaundice, first noticed about two weeks ago",
        "{He} has become jaundiced over the last fortnight; the sclerae are deeply yellow",
        "Jaundice: skin and eyes yellow for about three weeks, confirmed on examination today"]),
        pick(rng, ["painless jaundice 2/52", "jaundiced ++, sclerae yellow", "Jaundice - obvious on exam"]))
    c.other("dark urine", "{He} has noticed dark urine and pale stools", "dark urine, pale stools")
    if chance(rng, 0.5):
        c.other("itch", "{He} has been itching all over", "pruritus")
    lab(c, "bili", rng.randrange(60, 260), "umol/L", ref="<21", flag="H", role="context")
    lab(c, "alp", rng.randrange(300, 900), "U/L", ref="30-130", flag="H", role="context")
    if chance(rng, 0.6):
        alt_lab(c, 60, 420)
    background(c)
    c.reason = "Jaundice"
    c.reason_fact = "jaundice"


def b_U8(c, hint):
    rng = c.rng
    c.topic = "lower"
    d, dt_ = dur(c)
    v = hint
    c.variant = v
    if v == "rb":
        _lower_symptom(c, "rb", d, dt_)
        if chance(rng, 0.3):
            _lower_symptom(c, "cibh_c", d, dt_)
    elif v == "wlpain":
        weight_loss(c)
        _lower_symptom(c, "pain", d, dt_)
    else:
        _lower_symptom(c, pick(rng, ["cibh", "cibh", "cibh_c"]), d, dt_)
    fit_missing(c)
    if chance(rng, 0.5):
        hb_lab(c, anaemic=False, role="normal")
    background(c)
    c.reason = {"rb": "Rectal bleeding", "wlpain": "Weight loss and abdominal pain"}.get(v, "Change in bowel habit")
    c.reason_fact = {"rb": "rectal_bleeding", "wlpain": "weight_loss"}.get(v, "cibh")


def b_R1(c, hint):
    rng = c.rng
    c.topic = "ibd"
    d = pick(rng, ["for three weeks", "for the last 10 days", "for just over a fortnight", "since returning from holiday four weeks ago"])
    v = hint
    c.variant = v
    if v == "bd" or v == "flare":
        if v == "flare":
            c.F["known_ibd"] = True
            yr = rng.randrange(2008, 2021)
            c.add("known_ibd", "{He} has known ulcerative colitis, diagnosed in %d" % yr, "known UC (dx %d)" % yr, section="pmh")
            c.meds.append("Mesalazine 2.4g OD")
        c.F["bloody_diarrhoea"] = True
        c.add("bloody_diarrhoea", pick(rng, [
            "{He} has had bloody diarrhoea %s, up to eight times a day" % d,
            "{He} is passing loose stools mixed with blood six or seven times a day %s - bloody diarrhoea" % d,
            "Bloody diarrhoea %s with urgency and nocturnal waking" % d]),
            pick(rng, ["bloody diarrhoea %s" % d.replace("for ", ""), "BD ~6x/day, bloody, urgency"]))
        if chance(rng, 0.5):
            calpro_lab(c, 300, 1800)
        ctx_lab(c, "crp", rng.randrange(12, 60), "mg/L", ref="<5", flag="H")
        c.neutral(pick(rng, ["Stool culture was negative.", "Stool MC&S and C. difficile were negative."]))
    else:
        c.F["diarrhoea"] = True
        c.add("diarrhoea", pick(rng, ["{He} has had loose stools four to five times a day %s, without blood" % d,
                                      "Diarrhoea %s, no blood seen" % d]),
              pick(rng, ["diarrhoea %s, no blood" % d.replace("for ", ""), "loose stools 4-5x/day"]))
        if chance(rng, 0.5):
            c.F["abdo_pain"] = True
            c.F["abdo_site"] = "lower"
            c.add("abdo_pain", "{He} also has crampy lower abdominal pain", "crampy lower abdo pain")
        calpro_lab(c, 250, 1900)
        if c.F["age"] >= 40:
            fit_low(c, role="normal")
    background(c, n_pmh=rng.randrange(0, 2))
    c.reason = "Bloody diarrhoea" if v in ("bd", "flare") else "Raised calprotectin"
    c.reason_fact = "bloody_diarrhoea" if v in ("bd", "flare") else "calprotectin"


def b_R2(c, hint):
    rng = c.rng
    c.topic = "liver"
    v = hint
    c.variant = v
    if v in ("ascites", "confusion"):
        cause = pick(rng, ["alcohol-related", "NASH", "hepatitis C-related", "alcohol-related"])
        c.F["cirrhosis"] = True
        c.add("cirrhosis", pick(rng, ["{He} has known %s cirrhosis" % cause,
                                      "Background of %s cirrhosis, diagnosed on biopsy in %d" % (cause, rng.randrange(2014, 2022))]),
              pick(rng, ["known %s cirrhosis" % cause, "%s cirrhosis" % cause]), section="pmh")
        if v == "ascites":
            c.F["ascites"] = True
            c.add("ascites", pick(rng, [
                "{His} abdomen has become distended over the last three weeks and there is shifting dullness - new ascites",
                "{He} now has ascites, confirmed on ultrasound last week",
                "Examination today shows moderate ascites"]),
                pick(rng, ["new ascites", "ascites ++ on exam"]), section="exam")
        else:
            c.F["confusion"] = True
            c.add("confusion", pick(rng, [
                "{His} family report that {he} has become increasingly confused over the past week, muddling the days and {his} tablets",
                "{He} has developed intermittent confusion, with a coarse flap on examination"]),
                pick(rng, ["new confusion 1/52", "confused, ?encephalopathy, flap +"]))
        c.meds.append(pick(rng, ["Spironolactone 100mg OD", "Propranolol 40mg BD", "Thiamine 100mg TDS"]))
        if chance(rng, 0.5):
            alt_lab(c, 18, 36, role="normal", ref="<40")
    else:
        alt_lab(c, 300, 1400)
        c.other("fatigue", "{He} has felt tired and nauseated for two weeks", "tired, nauseous")
        c.neutral(pick(rng, ["Hepatitis serology has been sent.", "A liver screen is in progress.",
                             "I have stopped {his} atorvastatin."]))
    background(c)
    c.reason = {"ascites": "Cirrhosis with ascites", "confusion": "Cirrhosis with confusion"}.get(v, "ALT very high")
    c.reason_fact = {"ascites": "ascites", "confusion": "confusion"}.get(v, "alt")


def b_R3(c, hint):
    rng = c.rng
    c.topic = "upper"
    c.F["haematemesis"] = True
    c.add("haematemesis", pick(rng, [
        "{He} had two small episodes of haematemesis last week after a bout of retching - about a tablespoon of fresh red blood each time",
        "{He} vomited fresh blood on %s, a small amount, and once more the following morning" % pick(rng, ["Saturday", "Sunday", "Tuesday"]),
        "Haematemesis x2 over the weekend, small volume, {he} did not seek help at the time",
        "{He} reports vomiting bright red blood three days ago"]),
        pick(rng, ["haematemesis x2, small vol", "vomited fresh blood x1 last week"]))
    hb_lab(c, anaemic=False, role="normal")
    c.exam_neutral.append(c.fmt(pick(rng, ["Pulse 78 regular, BP 128/76; abdomen soft", "Haemodynamically stable today, HR 82, BP 134/80"])))
    background(c)
    c.reason = "Haematemesis"
    c.reason_fact = "haematemesis"


def b_O1(c, hint):
    rng = c.rng
    c.topic = "upper"
    weeks = pick(rng, [4, 6, 8, 8, 12, 16, 26])
    drug = pick(rng, ["omeprazole 20mg", "lansoprazole 30mg", "omeprazole 40mg", "esomeprazole 20mg"])
    c.F["dyspepsia"] = True
    c.F["ppi_weeks"] = weeks
    c.F["persist_on_ppi"] = True
    wtxt = pick(rng, ["%d weeks" % weeks, "%s weeks" % words(weeks)]) if weeks != 26 else "six months"
    c.add("dyspepsia", pick(rng, [
        "{He} has dyspepsia which has persisted despite %s of %s daily" % (wtxt, drug),
        "Indigestion (dyspepsia) continuing in spite of %s of %s" % (wtxt, drug),
        "{His} dyspepsia has not settled after %s on %s, taken correctly before breakfast" % (wtxt, drug)]),
        pick(rng, ["dyspepsia despite %s %d/52" % (drug.split()[0], weeks), "ongoing dyspepsia on PPI (%s x%d/52)" % (drug.split()[0], weeks)]))
    c.meds.append(drug[0].upper() + drug[1:] + " OD")
    if chance(rng, 0.6):
        c.neutral(pick(rng, ["H. pylori stool antigen was negative.", "H pylori breath test negative.",
                             "H. pylori was treated in %d with eradication confirmed." % rng.randrange(2015, 2022)]))
    if chance(rng, 0.4):
        hb_lab(c, anaemic=False, role="normal")
    background(c)
    c.reason = "Treatment-resistant dyspepsia"
    c.reason_fact = "dyspepsia"


def b_O2(c, hint):
    rng = c.rng
    c.topic = "ibd"
    d, dt_ = dur(c)
    c.F["diarrhoea"] = True
    c.add("diarrhoea", pick(rng, ["{He} has had loose stools two to four times a day %s, with no blood" % d,
                                  "Intermittent diarrhoea %s" % d]),
          pick(rng, ["loose stools %s, no blood" % dt_, "diarrhoea %s" % dt_]))
    if chance(rng, 0.5):
        c.F["abdo_pain"] = True
        c.F["abdo_site"] = "lower"
        c.add("abdo_pain", "There is some lower abdominal pain before opening {his} bowels", "lower abdo pain pre-defaecation")
    v = rng.randrange(100, 250) if hint != "edge" else pick(rng, [100, 249, 245, 104])
    lab(c, "calprotectin", v, pick(rng, ["ug/g", "\u00b5g/g"]), ref="<50", flag="H")
    if chance(rng, 0.5):
        lab(c, "ttg", 0.5, "U/mL", raw="negative", ref="<7", role="normal")
    if c.F["age"] >= 40 or chance(rng, 0.3):
        fit_low(c, role="normal")
    background(c, n_pmh=rng.randrange(0, 2))
    c.reason = "Raised calprotectin"
    c.reason_fact = "calprotectin"


IBD_Q = [
    ("She is planning a pregnancy and asks whether she should continue {drug}", "F"),
    ("Could {he} reduce or stop {drug} now that {he} has been well for so long?", None),
    ("Is {he} due a surveillance colonoscopy, and should I request it or will you?", None),
    ("{He} is going travelling and needs a yellow fever vaccine - is this safe on {drug}?", None),
    ("{He} would like to switch to a once-daily preparation - is {drug2} an acceptable swap?", None),
    ("How often should we be monitoring bloods on {drug}, and is the practice or the hospital responsible?", None),
    ("{He} has been offered the shingles vaccine (Shingrix) - any problem on {drug}?", None),
    ("{He} asks whether {he} can take ibuprofen for a knee injury", None),
]


def b_O3(c, hint):
    rng = c.rng
    c.topic = "ibd"
    dis = pick(rng, ["ulcerative colitis", "Crohn's disease", "ulcerative colitis", "Crohn's colitis", "left-sided UC"])
    drug = pick(rng, ["mesalazine", "azathioprine", "Octasa", "vedolizumab", "adalimumab", "mercaptopurine"])
    drug2 = pick(rng, ["Octasa 1.6g OD", "Mezavant XL 2.4g OD", "Pentasa 2g OD"])
    yr = rng.randrange(2005, 2020)
    c.F["known_ibd"] = True
    c.F["ibd_stable"] = True
    c.F["ibd_question"] = True
    c.add("known_ibd", pick(rng, ["{He} has %s, diagnosed in %d" % (dis, yr), "Known %s (%d)" % (dis, yr)]),
          "%s dx %d" % (dis, yr), section="pmh")
    c.add("ibd_stable", pick(rng, [
        "{He} has been in remission on %s for the last %s years, with no flares" % (drug, words(rng.randrange(2, 7))),
        "{His} disease is stable: bowels open once or twice a day, formed, no blood",
        "Stable and well on %s; last clinic review said quiescent disease" % drug]),
        pick(rng, ["stable, in remission on %s" % drug, "quiescent, well"]))
    qs = [q for q, s in IBD_Q if s is None or s == c.F["sex"]]
    if c.F["age"] > 45:
        qs = [q for q in qs if "pregnancy" not in q]
    q = pick(rng, qs).replace("{drug}", drug).replace("{drug2}", drug2)
    c.add("ibd_question", q, q)
    c.question = None
    if chance(rng, 0.5):
        calpro_lab(c, 15, 70, role="normal")
    if chance(rng, 0.3):
        hb_lab(c, anaemic=False, role="normal")
    c.meds.insert(0, drug[0].upper() + drug[1:] + pick(rng, [" 2.4g OD", " 100mg OD", " as per hospital", ""]))
    background(c)
    c.reason = "Advice re known IBD"
    c.reason_fact = "known_ibd"


def b_O4(c, hint):
    rng = c.rng
    c.topic = "general"
    d, dt_ = dur(c)
    k = rng.randrange(3)
    if k == 0:
        c.F["bloating"] = True
        c.add("bloating", "{He} has bloating and wind %s" % d, "bloating %s" % dt_)
    elif k == 1:
        c.F["diarrhoea"] = True
        c.add("diarrhoea", "{He} has had loose stools on and off %s" % d, "loose stools intermittently %s" % dt_)
    else:
        c.other("fatigue", "{He} complains of tiredness and mouth ulcers", "tired, mouth ulcers")
    v = pick(rng, [18, 26, 44, 63, 86, 112, 128, 150])
    raw = ">128" if v >= 128 else str(v)
    lab(c, "ttg", v, "U/mL", raw=raw, ref=pick(rng, ["<7", "0-10", "<15"]), flag="H")
    c.F["ttg_raised"] = True
    hb_lab(c, anaemic=False, role="normal")
    if chance(rng, 0.5):
        low = chance(rng, 0.5)
        ferritin_lab(c, low=low, role="fact" if low else "normal")
    background(c, n_pmh=rng.randrange(0, 2))
    c.reason = "Positive coeliac serology"
    c.reason_fact = "ttg"


def b_O5(c, hint):
    rng = c.rng
    c.topic = "liver"
    v = hint
    c.variant = v
    if v == "alt":
        lo, hi = pick(rng, [(41, 90), (60, 160), (100, 290), (40, 40), (299, 299)]) if chance(rng, 0.85) else (45, 80)
        a_ = alt_lab(c, lo, hi)
        if chance(rng, 0.45):
            a_["prev"] = ("%d" % max(20, a_["num"] - rng.randrange(10, 40)), rng.randrange(150, 500))
        lab(c, "alp", rng.randrange(60, 140), "U/L", ref="30-130", role="context")
        lab(c, "bili", rng.randrange(5, 19), "umol/L", ref="<21", role="normal")
        if chance(rng, 0.5):
            lab(c, "ggt", rng.randrange(60, 240), "U/L", ref="<50", flag="H", role="context")
        c.neutral(pick(rng, ["{He} drinks about %d units a week." % rng.randrange(4, 30),
                             "{He} started atorvastatin in the spring.", "A non-invasive liver screen is under way."]))
    else:
        c.F["fatty_liver"] = True
        c.add("fatty_liver", pick(rng, [
            "Ultrasound abdomen showed a diffusely echobright liver consistent with fatty infiltration (hepatic steatosis); no focal lesion",
            "USS: fatty liver, spleen normal size, no biliary dilatation",
            "An ultrasound for gallstones found fatty liver but no stones"]),
            pick(rng, ["USS - fatty liver", "US: hepatic steatosis"]), section="results")
        if chance(rng, 0.6):
            alt_lab(c, 20, 38, role="normal")
        if chance(rng, 0.5):
            c.neutral("{His} BMI is %d." % rng.randrange(31, 42))
        else:
            c.neutral("{He} has type 2 diabetes and a BMI of %d." % rng.randrange(30, 40))
            c.pmh.append("Type 2 diabetes")
    if chance(rng, 0.4):
        c.other("fatigue", "{He} feels tired", "tired")
    background(c)
    c.reason = "Abnormal LFTs" if v == "alt" else "Fatty liver on ultrasound"
    c.reason_fact = "alt" if v == "alt" else "fatty_liver"


def b_O6(c, hint):
    rng = c.rng
    c.topic = "lower"
    d, dt_ = dur(c)
    v = hint
    c.variant = v
    if v == "young_rb":
        _lower_symptom(c, "rb", d, dt_)
    else:
        _lower_symptom(c, v, d, dt_)
        if chance(rng, 0.3):
            other = pick(rng, {"rb": ["pain", "cibh_c"], "cibh": ["pain"], "cibh_c": ["pain", "rb"], "pain": ["rb", "cibh_c"]}[v])
            _lower_symptom(c, other, d, dt_)
    fit_low(c)
    if chance(rng, 0.6):
        hb_lab(c, anaemic=False, role="normal")
    if chance(rng, 0.3):
        ferritin_lab(c, low=False, role="normal")
    background(c)
    c.reason = {"rb": "Rectal bleeding", "young_rb": "Rectal bleeding", "cibh": "Change in bowel habit",
                "cibh_c": "Change in bowel habit", "pain": "Abdominal pain"}[v]
    c.reason_fact = {"rb": "rectal_bleeding", "young_rb": "rectal_bleeding", "pain": "abdo_pain"}.get(v, "cibh")


def b_A1(c, hint):
    rng = c.rng
    c.topic = "general"
    d, dt_ = dur(c)
    syms = rng.sample(["pain", "bloat", "cibh", "cibh_c"], pick(rng, [1, 2, 2]))
    if "cibh" in syms and "cibh_c" in syms:
        syms.remove("cibh_c")
    for s in syms:
        _lower_symptom(c, s, d, dt_)
    if chance(rng, 0.5):
        calpro_lab(c, 10, 95) if chance(rng, 0.7) else lab(c, "calprotectin", 19, "ug/g", raw="<20", ref="<50")
        if chance(rng, 0.35):
            fit_low(c)
    else:
        fit_low(c)
    if chance(rng, 0.5):
        lab(c, "ttg", 0.4, "U/mL", raw="negative", ref="<7", role="normal")
    if chance(rng, 0.5):
        hb_lab(c, anaemic=False, role="normal")
    background(c, n_pmh=rng.randrange(0, 2))
    c.ddx = pick(rng, [None, "I think this is likely IBS", "Ddx: IBS vs IBD - calprotectin reassuring" if c.F["calprotectin"] is not None
                       else "Ddx: IBS vs IBD", "I do not think this is anything sinister"])
    c.reason = "?IBS"
    c.reason_fact = None


def b_A2(c, hint):
    rng = c.rng
    c.topic = "upper"
    d, dt_ = dur(c)
    k = pick(rng, ["dyspepsia", "reflux", "both"])
    if k in ("dyspepsia", "both"):
        c.F["dyspepsia"] = True
        c.add("dyspepsia", pick(rng, ["{He} has had dyspepsia %s" % d, "{He} complains of indigestion (dyspepsia) after meals %s" % d,
                                      "Dyspepsia %s, worse with spicy food and coffee" % d]),
              pick(rng, ["dyspepsia %s" % dt_, "indigestion/dyspepsia %s" % dt_]))
    if k in ("reflux", "both"):
        c.F["reflux"] = True
        c.add("reflux", pick(rng, ["{He} has reflux with heartburn most evenings", "Acid reflux, worse lying flat, %s" % d]),
              pick(rng, ["reflux/heartburn", "GORD symptoms %s" % dt_]))
    if chance(rng, 0.6):
        w = pick(rng, [4, 6, 8, 12])
        c.F["ppi_weeks"] = w
        c.F["persist_on_ppi"] = chance(rng, 0.6)
        drug = pick(rng, ["omeprazole", "lansoprazole"])
        if c.F["persist_on_ppi"]:
            c.neutral("Symptoms are only partly better after %d weeks of %s." % (w, drug))
        else:
            c.neutral("Symptoms improve on %s but return whenever {he} stops it." % drug)
        c.meds.append(drug[0].upper() + drug[1:] + " 20mg OD" if drug == "omeprazole" else "Lansoprazole 30mg OD")
    if chance(rng, 0.6):
        c.neutral(pick(rng, ["H. pylori stool antigen negative.", "H. pylori breath test was negative.",
                             "H pylori positive last year, eradicated (repeat test negative)."]))
    background(c, n_pmh=rng.randrange(0, 3))
    c.reason = "Dyspepsia" if k != "reflux" else "Reflux"
    c.reason_fact = "dyspepsia" if k != "reflux" else "reflux"


def b_A3(c, hint):
    rng = c.rng
    c.topic = "lower"
    rels = [("mother", "her"), ("father", "his")]
    if c.F["age"] >= 40:
        rels += [("brother", "his"), ("sister", "her")]
    rel = pick(rng, rels)
    a = rng.randrange(42, 68)
    if rel[0] in ("brother", "sister"):
        a = max(30, min(a, c.F["age"] + rng.randrange(-6, 7)))
    c.F["fh_crc"] = True
    txt = pick(rng, ["{His} %s was diagnosed with bowel cancer at the age of %d" % (rel[0], a),
                     "Family history: %s had colorectal cancer aged %d" % (rel[0], a),
                     "{His} %s died of bowel cancer in %s fifties" % (rel[0], rel[1]) if a >= 50 else
                     "{His} %s had bowel cancer diagnosed at %d" % (rel[0], a)])
    c.add("fh_crc", txt, "FH: %s CRC aged %d" % (rel[0], a) if "fifties" not in txt else "FH: %s CRC (50s)" % rel[0], section="fh")
    if chance(rng, 0.5):
        rel2 = pick(rng, ["maternal aunt", "paternal uncle", "grandfather"])
        c.add("fh_crc", "{His} %s also had bowel cancer" % rel2, "also %s - bowel ca" % rel2, section="fh")
    c.neutral(pick(rng, ["{He} is completely well and has no bowel symptoms at all.",
                         "{He} is asymptomatic and asks whether {he} should have screening.",
                         "{He} has no symptoms; {he} is asking about a screening colonoscopy."]))
    background(c, n_pmh=rng.randrange(0, 2))
    c.reason = "Family history of bowel cancer"
    c.reason_fact = "fh_crc"


def b_D(c, hint):
    rng = c.rng
    v = hint
    c.variant = v
    d, dt_ = dur(c)
    if v == "ibs_notest":
        c.topic = "general"
        for s in rng.sample(["pain", "bloat", "cibh_c"], 2):
            _lower_symptom(c, s, d, dt_)
        c.ddx = pick(rng, ["?IBS", "Probably IBS", "Ddx: IBS vs constipation"])
        c.reason = "Abdominal pain and bloating"
    elif v == "rb_young_nofit":
        c.topic = "lower"
        _lower_symptom(c, "rb", d, dt_)
        c.exam_neutral.append("PR: small non-bleeding haemorrhoids, nil else")
        c.reason = "Rectal bleeding"
        c.reason_fact = "rectal_bleeding"
    elif v == "cibh_55_59":
        c.topic = "lower"
        _lower_symptom(c, "cibh_c", d, dt_)
        c.reason = "Change in bowel habit"
        c.reason_fact = "cibh"
    elif v == "irondef_no_anaemia":
        c.topic = "general"
        hb_lab(c, anaemic=False, role="normal")
        ferritin_lab(c, low=True, role="fact")
        c.other("fatigue", "{He} has felt tired for a few months", "tired")
        c.reason = "Low ferritin"
    elif v == "anaemia_normal_ferritin":
        c.topic = "general"
        hb_lab(c, anaemic=True)
        ferritin_lab(c, low=False, minv=70, role="normal")
        ctx_lab(c, "mcv", rng.randrange(84, 99), "fL", ref="80-100")
        c.other("fatigue", "{He} is tired", "tired")
        c.reason = "Anaemia"
    elif v == "dyspepsia_older_noppi":
        c.topic = "upper"
        c.F["dyspepsia"] = True
        c.add("dyspepsia", pick(rng, ["{He} has had dyspepsia %s and has not yet tried any acid suppression" % d,
                                       "Dyspepsia %s; {he} is reluctant to take tablets and has not had a PPI" % d]),
              "dyspepsia %s, no PPI trial yet" % dt_)
        c.reason = "Dyspepsia"
        c.reason_fact = "dyspepsia"
    elif v == "isolated_alp":
        c.topic = "liver"
        alt_lab(c, 14, 36, role="normal")
        lab(c, "alp", rng.randrange(180, 320), "U/L", ref="30-130", flag="H", role="context")
        lab(c, "ggt", rng.randrange(80, 200), "U/L", ref="<50", flag="H", role="context")
        lab(c, "bili", rng.randrange(6, 18), "umol/L", ref="<21", role="normal")
        c.neutral("Ultrasound of the liver and biliary tree was normal.")
        c.reason = "Raised ALP/GGT"
    elif v == "jaundice_young":
        c.topic = "liver"
        c.F["jaundice"] = True
        c.add("jaundice", pick(rng, ["{He} has been mildly jaundiced during a viral illness, yellow sclerae noted by {his} mother and on my examination",
                                     "{He} was noticeably jaundiced last week when {he} had flu; the whites of {his} eyes are still slightly yellow today"]),
              "mild jaundice with intercurrent illness")
        alt_lab(c, 12, 30, role="normal")
        lab(c, "bili", rng.randrange(38, 60), "umol/L", ref="<21", flag="H", role="context")
        c.ddx = "?Gilbert's syndrome"
        c.reason = "Jaundice"
        c.reason_fact = "jaundice"
    elif v == "nausea":
        c.topic = "general"
        c.other("nausea", "{He} has had nausea most mornings %s without vomiting" % d, "nausea %s" % dt_)
        c.reason = "Nausea"
    elif v == "compensated_cirrhosis":
        c.topic = "liver"
        c.F["cirrhosis"] = True
        c.add("cirrhosis", "{He} has compensated alcohol-related cirrhosis and has been abstinent for two years",
              "compensated ArLD cirrhosis, abstinent 2y", section="pmh")
        c.neutral("There is no ascites and no confusion, and {he} is not jaundiced.")
        alt_lab(c, 18, 35, role="normal")
        c.neutral("{He} has moved into the area and needs transfer of {his} liver surveillance.")
        c.reason = "Transfer of cirrhosis surveillance"
        c.reason_fact = "cirrhosis"
    elif v == "hbv":
        c.topic = "liver"
        c.neutral("Hepatitis B surface antigen was positive on new-patient screening; e antigen negative.")
        alt_lab(c, 15, 33, role="normal")
        c.reason = "Hepatitis B surface antigen positive"
    elif v == "coeliac_neg":
        c.topic = "general"
        c.F["bloating"] = True
        c.add("bloating", "{He} has bloating after bread and pasta %s" % d, "bloating post wheat %s" % dt_)
        lab(c, "ttg", 0.4, "U/mL", raw="<0.8", ref="<7", role="normal")
        c.reason = "Bloating, ?coeliac"
    elif v == "wl_alone":
        c.topic = "general"
        weight_loss(c)
        c.reason = "Weight loss"
        c.reason_fact = "weight_loss"
    background(c)


# ---------------------------------------------------------------------------
# distractors: mentions of red-flag words that must not count
# ---------------------------------------------------------------------------
def _no(*facts):
    return lambda c: not any(c.F[f] for f in facts)


DISTRACTORS = [
    # negated
    dict(kind="negated", fact="dysphagia", prose="{He} has no difficulty swallowing", terse="no dysphagia", ok=_no("dysphagia")),
    dict(kind="negated", fact="dysphagia", prose="There is no dysphagia", terse="dysphagia -ve", ok=_no("dysphagia")),
    dict(kind="negated", fact="weight_loss", prose="{His} weight is stable", terse="wt stable", ok=_no("weight_loss", "wl_explained")),
    dict(kind="negated", fact="weight_loss", prose="{He} has not lost any weight", terse="no wt loss", ok=_no("weight_loss", "wl_explained")),
    dict(kind="negated", fact="rectal_bleeding", prose="{He} denies any rectal bleeding", terse="denies PR bleeding", ok=_no("rectal_bleeding", "bloody_diarrhoea")),
    dict(kind="negated", fact="rectal_bleeding", prose="Blood in the stool? Not that {he} has noticed", terse="PR bleed - nil", ok=_no("rectal_bleeding", "bloody_diarrhoea")),
    dict(kind="negated", fact="jaundice", prose="{He} is not jaundiced", terse="not jaundiced", ok=_no("jaundice"), section="exam"),
    dict(kind="negated", fact="haematemesis", prose="{He} has not vomited any blood", terse="no haematemesis", ok=_no("haematemesis")),
    dict(kind="negated", fact="cibh", prose="{His} bowel habit is unchanged", terse="no CIBH", ok=_no("cibh", "diarrhoea", "bloody_diarrhoea", "constipation_longstanding")),
    dict(kind="negated", fact="abdominal_mass", prose="The abdomen is soft with no masses palpable", terse="abdo soft, no masses", ok=_no("abdominal_mass", "ascites"), section="exam"),
    dict(kind="negated", fact="rectal_mass", prose="PR examination: no masses felt", terse="PR - no mass felt", ok=_no("rectal_mass", "anal_mass", "anal_ulceration"), section="exam"),
    dict(kind="negated", fact="bloody_diarrhoea", prose="There has been no bloody diarrhoea", terse="no bloody diarrhoea", ok=_no("bloody_diarrhoea", "rectal_bleeding")),
    dict(kind="negated", fact="weight_loss,dysphagia,rectal_bleeding", prose="No red flags - no weight loss, no dysphagia, no rectal bleeding",
         terse="red flags: wt loss -ve, dysphagia -ve, PR bleed -ve", ok=_no("weight_loss", "wl_explained", "dysphagia", "rectal_bleeding", "bloody_diarrhoea")),
    dict(kind="negated", fact="dysphagia,haematemesis,weight_loss", prose="Red flags asked about and absent: no dysphagia, no haematemesis, no weight loss",
         terse="dysphagia -, haematemesis -, wt loss -", ok=_no("dysphagia", "haematemesis", "weight_loss", "wl_explained")),
    dict(kind="negated", fact="dyspepsia,reflux", prose="{He} has no indigestion or reflux", terse="nil dyspepsia/reflux", ok=_no("dyspepsia", "reflux", "upper_abdo_pain")),
    dict(kind="negated", fact="abdominal_mass", prose="NAD on abdominal palpation", terse="abdo NAD", ok=_no("abdominal_mass", "ascites"), section="exam"),
    dict(kind="negated", fact="jaundice", prose="No jaundice, no itch", terse="nil jaundice", ok=_no("jaundice"), skip_other="itch"),
    # family history
    dict(kind="family_history", fact="fh_crc", prose="{His} father had bowel cancer in his seventies", terse="FH: father bowel ca (70s)", ok=lambda c: c.rule not in ("A1", "A3", "D"), section="fh", effect="fh_crc"),
    dict(kind="family_history", fact="fh_crc", prose="{His} mother was treated for colon cancer at 81", terse="FH: mother colon ca aged 81", ok=lambda c: c.rule not in ("A1", "A3", "D"), section="fh", effect="fh_crc"),
    dict(kind="family_history", fact="oesophageal cancer (relative)", prose="{His} mother died of oesophageal cancer", terse="FH: mother - oesophageal ca", section="fh"),
    dict(kind="family_history", fact="ibd (relative)", prose="{His} brother has Crohn's disease", terse="FH: brother Crohn's", section="fh"),
    dict(kind="family_history", fact="gastric cancer (relative)", prose="{His} grandfather had stomach cancer", terse="FH: grandfather gastric ca", section="fh"),
    dict(kind="family_history", fact="cirrhosis (relative)", prose="{His} father died of liver cirrhosis", terse="FH: father - cirrhosis", section="fh"),
    dict(kind="family_history", fact="coeliac (relative)", prose="{His} sister has coeliac disease", terse="FH: sister coeliac", section="fh", ok=lambda c: c.rule != "O4"),
    # resolved / past
    dict(kind="resolved_past", fact="rectal_bleeding", prose="{He} had rectal bleeding in 2019 from haemorrhoids, with a normal colonoscopy at the time, and none since",
         terse="PR bleed 2019 - haemorrhoids, colonoscopy NAD, none since", ok=_no("rectal_bleeding", "bloody_diarrhoea"), section="pmh"),
    dict(kind="resolved_past", fact="jaundice", prose="An episode of jaundice in 2014 due to gallstones settled after cholecystectomy, with none since",
         terse="jaundice 2014 (gallstones) - resolved post lap chole", ok=lambda c: not c.F["jaundice"] and "Previous cholecystectomy (2011)" not in c.pmh, section="pmh"),
    dict(kind="resolved_past", fact="dysphagia", prose="Two episodes of food sticking in 2021, none since; OGD at the time was normal",
         terse="food sticking x2 2021, none since, OGD normal", ok=_no("dysphagia"), section="pmh"),
    dict(kind="resolved_past", fact="haematemesis", prose="A single haematemesis in 2017 (Mallory-Weiss tear at OGD), no recurrence",
         terse="haematemesis 2017 - MW tear, no recurrence", ok=_no("haematemesis"), section="pmh"),
    dict(kind="resolved_past", fact="ida", prose="Iron deficiency anaemia in 2016 due to heavy periods, corrected after treatment and normal since",
         terse="IDA 2016 (menorrhagia) - resolved", ok=lambda c: c.F["sex"] == "F" and c.rule != "U4" and c.F["hb"] is None, section="pmh"),
    dict(kind="resolved_past", fact="bloody_diarrhoea", prose="An episode of bloody diarrhoea in 2020 grew Campylobacter and resolved completely",
         terse="bloody diarrhoea 2020 - Campylobacter, resolved", ok=_no("bloody_diarrhoea", "known_ibd", "rectal_bleeding"), section="pmh"),
    dict(kind="resolved_past", fact="dyspepsia", prose="Dyspepsia in 2022 settled on a month of omeprazole and has not returned",
         terse="dyspepsia 2022 - settled on PPI", ok=_no("dyspepsia", "reflux", "upper_abdo_pain"), section="pmh"),
    dict(kind="resolved_past", fact="cibh", prose="A change in bowel habit last year settled within a few weeks without treatment",
         terse="CIBH last yr - self-limiting, resolved", ok=_no("cibh", "diarrhoea", "bloody_diarrhoea"), section="pmh"),
    # hypothetical
    dict(kind="hypothetical", fact="dysphagia", prose="If {he} develops any difficulty swallowing I have asked {him} to come straight back",
         terse="safety-netted re dysphagia", ok=_no("dysphagia"), section="plan"),
    dict(kind="hypothetical", fact="jaundice", prose="Should {he} become jaundiced {he} knows to seek help the same day",
         terse="advised re jaundice - same day if yellow", ok=_no("jaundice"), section="plan"),
    dict(kind="hypothetical", fact="rectal_bleeding", prose="{He} knows to return if there is any rectal bleeding",
         terse="SN re PR bleeding", ok=_no("rectal_bleeding", "bloody_diarrhoea"), section="plan"),
    dict(kind="hypothetical", fact="weight_loss", prose="If {he} starts to lose weight I would re-refer on the suspected cancer pathway",
         terse="will re-refer if wt loss", ok=_no("weight_loss", "wl_explained"), section="plan"),
    dict(kind="hypothetical", fact="haematemesis", prose="{He} is aware to call 999 if {he} vomits blood",
         terse="SN: 999 if haematemesis", ok=_no("haematemesis"), section="plan"),
    dict(kind="hypothetical", fact="fit", prose="If the FIT comes back at 10 or above I will refer on the suspected cancer pathway",
         terse="if FIT >=10 will refer 2WW", ok=lambda c: c.F["fit_status"] in ("awaited", "requested", "kit_given"), section="plan"),
    # uncertain (kept only when counting them would not change the rule)
    dict(kind="uncertain", fact="rectal_bleeding", prose="One episode of dark stool last month (? melaena), not repeated",
         terse="? melaena x1, not repeated", ok=_no("rectal_bleeding"), effect="uncertain"),
    dict(kind="uncertain", fact="weight_loss", prose="{He} cannot rule out some weight loss but has not weighed {him}self".replace("{him}self", "{him}self"),
         terse="?wt loss - not weighed", ok=_no("weight_loss", "wl_explained"), effect="uncertain"),
    dict(kind="uncertain", fact="jaundice", prose="{His} daughter wondered whether {he} looked a little yellow, possibly, but I could not confirm this",
         terse="? yellow per daughter, not confirmed", ok=_no("jaundice"), effect="uncertain"),
    dict(kind="uncertain", fact="haematemesis", prose="? a streak of blood in the vomit once after retching - {he} is not sure",
         terse="? streak blood in vomit x1", ok=_no("haematemesis"), effect="uncertain"),
    # explained weight loss
    dict(kind="explained", fact="weight_loss", prose="{He} has lost 6 kg deliberately with Slimming World since January",
         terse="intentional wt loss 6kg (Slimming World)", ok=_no("weight_loss", "wl_explained"), effect="wl_explained"),
    # normal values (added as values)
    dict(kind="normal_value", fact="hb", ok=lambda c: c.F["hb"] is None, effect="lab:hb", section="results"),
    dict(kind="normal_value", fact="ferritin", ok=lambda c: c.F["ferritin"] is None, effect="lab:ferritin", section="results"),
    dict(kind="normal_value", fact="alt", ok=lambda c: c.F["alt"] is None and c.rule not in ("A1",), effect="lab:alt", section="results"),
    dict(kind="normal_value", fact="bilirubin", ok=lambda c: not c.F["jaundice"] and not any(l["key"] == "bili" for l in c.labs), effect="lab:bili", section="results"),
    dict(kind="normal_value", fact="ttg", ok=lambda c: not c.F["ttg_raised"] and not any(l["key"] == "ttg" for l in c.labs), effect="lab:ttg", section="results"),
]


def fix_himself(s, P):
    return s.replace("{him}self", "himself" if P["he"] == "he" else "herself")


def add_distractors(c, n):
    rng = c.rng
    order = list(range(len(DISTRACTORS)))
    rng.shuffle(order)
    used_facts = set()
    used_rel = set()
    added = 0
    for i in order:
        if added >= n:
            break
        d = DISTRACTORS[i]
        if d.get("ok") and not d["ok"](c):
            continue
        if d.get("skip_other") and d["skip_other"] in c.F["other_symptoms"]:
            continue
        if d["kind"] == "resolved_past" and c.F["age"] < 30:
            continue
        if d["kind"] == "family_history":
            if c.rule == "A3":
                continue
            rel = [w for w in ("father", "mother", "brother", "sister", "grandfather") if w in d["prose"]]
            if rel and rel[0] in used_rel:
                continue
            used_rel.update(rel)
        comps = set(d["fact"].split(","))
        if comps & used_facts and d["kind"] != "family_history":
            continue
        snapshot = (dict(c.F), list(c.labs), list(c.F["uncertain"]))
        c.F["uncertain"] = list(c.F["uncertain"])
        eff = d.get("effect")
        entry = dict(kind=d["kind"], fact=d["fact"], section=d.get("section", "hpc"))
        if eff == "fh_crc":
            c.F["fh_crc"] = True
        elif eff == "uncertain":
            c.F["uncertain"].append(d["fact"])
        elif eff == "wl_explained":
            c.F["wl_explained"] = True
        elif eff and eff.startswith("lab:"):
            key = eff[4:]
            if key == "hb":
                lab_d = hb_lab(c, anaemic=False, role="normal")
            elif key == "ferritin":
                lab_d = ferritin_lab(c, low=False, role="normal")
            elif key == "alt":
                lab_d = alt_lab(c, 12, 34, role="normal")
            elif key == "bili":
                lab_d = lab(c, "bili", rng.randrange(4, 18), "umol/L", ref="<21", role="normal")
            else:
                lab_d = lab(c, "ttg", 0.5, "U/mL", raw=pick(rng, ["negative", "<0.8", "0.5"]), ref="<7", role="normal")
            entry["lab"] = lab_d
        if eff is None or not eff.startswith("lab:"):
            entry["prose"] = fix_himself(c.fmt(d["prose"]), c.P)
            entry["terse"] = fix_himself(c.fmt(d["terse"]), c.P)
        if robust_rule(c.F) != c.rule:
            c.F, c.labs = snapshot[0], snapshot[1]
            c.F["uncertain"] = snapshot[2]
            continue
        c.dis.append(entry)
        used_facts.update(d["fact"].split(","))
        added += 1


# ---------------------------------------------------------------------------
# the plan: rules, variants, styles, ages
# ---------------------------------------------------------------------------
RULE_COUNTS = [("U1", 14), ("U2", 8), ("U3", 16), ("U4", 14), ("U5", 10), ("U6", 6), ("U7", 8), ("U8", 14),
               ("R1", 20), ("R2", 13), ("R3", 12),
               ("O1", 16), ("O2", 14), ("O3", 18), ("O4", 14), ("O5", 18), ("A1", 16), ("O6", 22), ("A2", 16),
               ("A3", 10), ("D", 21)]

VARIANTS = {
    "U1": ["progressive"] * 8 + ["bolus"] * 3 + ["reflux"] * 3,
    "U2": ["rectal"] * 4 + ["anal_mass"] * 2 + ["anal_ulcer"] * 2,
    "U3": ["sym"] * 14 + ["nosym"] * 2,
    "U5": ["upper"] * 4 + ["dyspepsia"] * 3 + ["reflux"] * 3,
    "U8": ["rb"] * 6 + ["wlpain"] * 4 + ["cibh"] * 4,
    "R1": ["bd"] * 8 + ["flare"] * 4 + ["calpro"] * 8,
    "R2": ["ascites"] * 4 + ["confusion"] * 3 + ["alt"] * 6,
    "O5": ["alt"] * 12 + ["fatty"] * 6,
    "O6": ["rb"] * 7 + ["cibh"] * 4 + ["cibh_c"] * 2 + ["pain"] * 5 + ["young_rb"] * 4,
    "D": ["ibs_notest", "ibs_notest", "rb_young_nofit", "rb_young_nofit", "cibh_55_59", "cibh_55_59",
          "irondef_no_anaemia", "irondef_no_anaemia", "anaemia_normal_ferritin", "anaemia_normal_ferritin",
          "dyspepsia_older_noppi", "dyspepsia_older_noppi", "isolated_alp", "jaundice_young", "nausea",
          "compensated_cirrhosis", "hbv", "coeliac_neg", "coeliac_neg", "wl_alone", "isolated_alp"],
}

AGES = {
    ("U1", "progressive"): (58, 93), ("U1", "bolus"): (19, 45), ("U1", "reflux"): (45, 85),
    "U2": (35, 90), "U3": (25, 88), "U4": (20, 92), "U5": (55, 92), "U6": (38, 90), "U7": (40, 95),
    ("U8", "rb"): (50, 90), ("U8", "wlpain"): (40, 80), ("U8", "cibh"): (60, 92),
    ("R1", "bd"): (18, 44), ("R1", "flare"): (20, 45), ("R1", "calpro"): (18, 70),
    ("R2", "ascites"): (42, 80), ("R2", "confusion"): (42, 82), ("R2", "alt"): (22, 65),
    "R3": (18, 85), "O1": (55, 90), "O2": (18, 62), "O3": (20, 82), "O4": (18, 58), "O5": (25, 80),
    ("O6", "rb"): (50, 88), ("O6", "cibh"): (50, 88), ("O6", "cibh_c"): (50, 88), ("O6", "pain"): (50, 85),
    ("O6", "young_rb"): (18, 49),
    "A1": (18, 49), "A2": (18, 54), "A3": (25, 65),
    ("D", "ibs_notest"): (18, 49), ("D", "rb_young_nofit"): (25, 49), ("D", "cibh_55_59"): (55, 59),
    ("D", "irondef_no_anaemia"): (25, 80), ("D", "anaemia_normal_ferritin"): (40, 90),
    ("D", "dyspepsia_older_noppi"): (56, 85), ("D", "isolated_alp"): (35, 80), ("D", "jaundice_young"): (18, 32),
    ("D", "nausea"): (20, 45), ("D", "compensated_cirrhosis"): (45, 75), ("D", "hbv"): (25, 60),
    ("D", "coeliac_neg"): (18, 50), ("D", "wl_alone"): (20, 75),
}

BUILDERS = {"U1": b_U1, "U2": b_U2, "U3": b_U3, "U4": b_U4, "U5": b_U5, "U6": b_U6, "U7": b_U7, "U8": b_U8,
            "R1": b_R1, "R2": b_R2, "R3": b_R3, "O1": b_O1, "O2": b_O2, "O3": b_O3, "O4": b_O4, "O5": b_O5,
            "O6": b_O6, "A1": b_A1, "A2": b_A2, "A3": b_A3, "D": b_D}


# ---------------------------------------------------------------------------
# rendering context: every string that carries a fact is recorded as it is written
# ---------------------------------------------------------------------------
LAB_NAMES = {
    "hb": ["Hb", "Haemoglobin", "Hgb", "HB"],
    "ferritin": ["ferritin", "Ferritin", "Serum ferritin"],
    "calprotectin": ["calprotectin", "Faecal calprotectin", "FCP", "f-calprotectin"],
    "alt": ["ALT", "Alanine transaminase", "ALT (alanine aminotransferase)"],
    "ttg": ["tTG", "tTG IgA", "Anti-tTG IgA", "Tissue transglutaminase IgA"],
    "mcv": ["MCV"], "crp": ["CRP"], "bili": ["Bilirubin", "bili", "Bili"],
    "alp": ["ALP", "Alk phos"], "ggt": ["GGT", "Gamma GT"],
}
VALUE_KEYS = ("hb", "ferritin", "calprotectin", "alt", "ttg")

GP_WORDS = {
    "urgent_suspected_cancer": "urgent suspected cancer (2WW)",
    "urgent": "urgent, not cancer pathway",
    "routine": "routine",
    "advice_and_guidance": "advice only (no appointment)",
}

PRIORITY_SENT = {
    "urgent_suspected_cancer": [
        "I would be grateful if you could see {him} under the two-week-wait pathway.",
        "I am referring {him} as an urgent suspected cancer.",
        "Please could {he} be seen on the 2WW pathway.",
        "I have referred {him} as a 2 week wait as I am worried.",
        "I would appreciate a suspected cancer (2WW) appointment.",
    ],
    "urgent": [
        "I would be grateful for an urgent appointment.",
        "Please could you see {him} urgently - I do not think this needs the cancer pathway.",
        "I have marked this as urgent.",
        "I would appreciate {him} being seen soon, as an urgent referral.",
    ],
    "routine": [
        "A routine appointment would be fine.",
        "I would be grateful for a routine opinion.",
        "Routine referral - there is no rush.",
        "Please see {him} routinely in your clinic.",
    ],
    "advice_and_guidance": [
        "I am only looking for advice at this stage; no need to see {him} unless you feel otherwise.",
        "Advice and guidance only please - I do not think {he} needs an appointment.",
        "Could you advise on management? I have not asked for an appointment.",
        "Advice only please.",
    ],
}
PRIORITY_TERSE = {
    "urgent_suspected_cancer": ["Pls see 2WW.", "2ww please.", "Priority: 2WW", "USC referral."],
    "urgent": ["Urgent please.", "Priority: urgent.", "Urgent (not 2WW)."],
    "routine": ["Routine.", "Priority: routine.", "Routine clinic pls."],
    "advice_and_guidance": ["A&G only.", "Advice please - no appt needed.", "For advice only."],
}
PRIORITY_FIELD = {"urgent_suspected_cancer": "Urgent Suspected Cancer (2WW)", "urgent": "Urgent",
                  "routine": "Routine", "advice_and_guidance": "Advice & Guidance"}


def sent(s):
    s = s.rstrip()
    if not s:
        return s
    return s if s[-1] in ".?!\"'" else s + "."


class Ctx:
    def __init__(self, c, idn, style, key, gp_level, age_mode, noise):
        self.c = c
        self.i = idn
        self.style = style
        self.key = key
        self.rng = R(key, "render", style)
        self.P = c.P
        self.gp_level = gp_level
        self.age_mode = age_mode
        self.noise = noise
        self.ev = []
        self.vals = []
        self.dis_out = []
        self.age_ev = []
        self.sex_ev = []
        self.gp_ev = []
        self.used_items = set()
        self.used_dis = set()
        self.used_labs = set()
        self.fit_used = False
        rng = self.rng
        self.dstyle = pick(rng, ["slash", "slash", "long", "long_ord", "dash_mon", "dot", "short_mon", "day_long"])
        self.dobstyle = pick(rng, ["slash", "slash", "dash_mon", "long", "dot", "short_mon"])
        self.names = {k: pick(rng, v) for k, v in LAB_NAMES.items()}
        self.consultant = "Dr %s" % pick(rng, CLIN_SURN)

    # --- identity -----------------------------------------------------------
    def date(self, style=None):
        s = fmt_date(self.i["letter_date"], style or self.dstyle)
        self.age_ev.append(("letter_date", s))
        return s

    def dob(self, style=None):
        s = fmt_date(self.i["dob"], style or self.dobstyle)
        self.age_ev.append(("dob", s))
        return s

    def age_words(self, form=None):
        """An explicit age, or None when the letter gives it only through the date of birth."""
        if self.age_mode == "dob_only":
            return None
        a = self.i["age"]
        P = self.P
        form = form or pick(self.rng, ["yo", "aged", "yo", "yrs", "words", "y/o"])
        s = {"yo": "%d-year-old" % a, "aged": "aged %d" % a, "yrs": "%d yrs" % a,
             "words": "%s-year-old" % words(a), "y/o": "%d y/o" % a, "MF": "%d%s" % (a, P["MF"]),
             "years": "%d years" % a}[form]
        self.age_ev.append(("stated", s))
        return s

    def name(self, form="full"):
        i = self.i
        if form == "full":
            s = "%s %s %s" % (i["title"], i["first"], i["last"])
        elif form == "title":
            s = "%s %s" % (i["title"], i["last"])
        elif form == "caps":
            s = "%s, %s (%s)" % (i["last"].upper(), i["first"], i["title"])
        else:
            s = "%s %s" % (i["first"], i["last"])
            return s
        self.sex_ev.append(s)
        return s

    def sexfield(self, form="word"):
        s = self.P["sexw"] if form == "word" else self.P["MF"]
        return s

    def note_sex(self, s):
        self.sex_ev.append(s)
        return s

    # --- items and distractors --------------------------------------------
    def items(self, section=None, facts=None):
        out = []
        for n, it in enumerate(self.c.items):
            if section is not None and it["section"] != section:
                continue
            out.append((n, it))
        return out

    def it(self, n, reg):
        it = self.c.items[n]
        s = it[reg]
        self.used_items.add(n)
        for f in it["fact"].split(","):
            self.ev.append((f, s))
        return s

    def item_texts(self, section, reg):
        return [self.it(n, reg) for n, _ in self.items(section)]

    def dis_texts(self, section, reg):
        out = []
        for n, d in enumerate(self.c.dis):
            if d["section"] != section or "lab" in d:
                continue
            s = d[reg]
            self.used_dis.add(n)
            self.dis_out.append(dict(kind=d["kind"], fact=d["fact"], text=s))
            out.append(s)
        return out

    def dis_any(self, reg, sections=("hpc", "exam", "pmh", "fh", "plan")):
        out = []
        for sec in sections:
            out += self.dis_texts(sec, reg)
        return out

    def unticked(self, fact, text):
        self.dis_out.append(dict(kind="unticked_box", fact=fact, text=text))

    def form_answer_no(self, fact, text):
        self.dis_out.append(dict(kind="negated", fact=fact, text=text))

    # --- values ----------------------------------------------------------------
    def lab_list(self, keys=None):
        return [l for l in self.c.labs if keys is None or l["key"] in keys]

    def labf(self, l, mode="prose", name=None, show_ref=None):
        rng = self.rng
        key = l["key"]
        nm = name or self.names.get(key, key.upper())
        raw = l["raw"]
        unit = l["unit"]
        if mode == "prose" and key in ("hb", "ferritin", "calprotectin", "alt") and isinstance(l["num"], int) \
                and l["num"] < 100 and chance(rng, 0.2) and l["unit"] != "g/dL":
            raw = words(l["num"])
        if show_ref is None:
            show_ref = chance(rng, 0.35)
        ref = l["ref"] if show_ref and l["ref"] else None
        if not (raw[:1].isdigit() or raw[:1] in "<>") or raw.split()[0].isalpha():
            unit = None
        if mode == "terse":
            unit = None if key in ("hb", "alt", "ferritin") and chance(rng, 0.6) else unit
            frag = "%s %s%s" % (nm, raw, (" " + unit) if unit else "")
        elif mode == "bracket":
            frag = "%s %s (%s)" % (nm, raw, unit) if unit else "%s %s" % (nm, raw)
        elif mode == "tab":
            frag = "%s\t%s%s" % (nm, raw, (" " + unit) if unit else "")
        elif mode == "dots":
            frag = "%s %s %s%s" % (nm, "." * max(3, 24 - len(nm)), raw, (" " + unit) if unit else "")
        elif mode == "arrow" and l["prev"]:
            frag = "%s %s -> %s%s" % (nm, l["prev"][0], raw, (" " + unit) if unit else "")
        elif mode == "table":
            prev = ""
            if l["prev"]:
                pd = self.i["letter_date"] - dt.timedelta(days=l["prev"][1])
                prev = "%s (%s)" % (l["prev"][0], short_date(pd))
            frag = "%-22s %-8s %-8s %-10s %-4s %s" % (nm, raw, unit or "", l["ref"] or "", l["flag"] or "", prev)
            frag = frag.rstrip()
            ref = l["ref"]
        else:
            if key == "ttg" and not raw[0].isdigit() and not raw[0] in "<>":
                frag = "%s %s" % (nm, raw)
            else:
                frag = "%s %s%s" % (nm, raw, (" " + unit) if unit else "")
        if ref and mode not in ("table",):
            frag += pick(rng, [" (ref %s)", " (normal %s)", " [%s]"]) % ref
        if key == "ttg" and l["role"] == "fact" and mode not in ("table",):
            frag += pick(rng, [" - positive", " (raised)", " - raised"])
        self.used_labs.add(id(l))
        if key in VALUE_KEYS:
            self.vals.append(dict(name=key, raw=raw, unit=unit, ref=ref, evidence=frag,
                                  previous=(l["prev"][0] if l["prev"] and mode in ("arrow", "table") else None),
                                  role=l["role"]))
        if l["role"] == "normal":
            self.dis_out.append(dict(kind="normal_value", fact=key, text=frag))
        return frag

    def labs_frags(self, mode="prose", keys=None):
        return [self.labf(l, "arrow" if (l["prev"] and mode in ("prose", "terse", "bracket")) else mode) for l in self.lab_list(keys)]

    def fit_date(self):
        d = self.i["letter_date"] - dt.timedelta(days=self.c.fit["days"])
        return pick(self.rng, [dm(d), fmt_date(d, "slash"), fmt_date(d, "short_mon")])

    def fitf(self, mode="prose"):
        f = self.c.fit
        if f is None:
            return None
        rng = self.rng
        P = self.P
        self.fit_used = True
        st = f["status"]
        if st == "result":
            raw = f["raw"]
            unit = f["unit"]
            if mode == "table":
                frag = "%-22s %-8s %-8s %-10s" % ("FIT", raw, unit or "", "<10")
                frag = frag.rstrip()
            elif raw.startswith("positive"):
                frag = pick(rng, ["FIT %s", "FIT %s ug Hb/g", "qFIT: %s"]) % raw
                unit = "ug Hb/g" if "ug Hb/g" in frag else None
            elif raw[0].isalpha() and raw not in ("negative", "undetectable", "not detected"):
                frag = pick(rng, ["FIT came back at %s" % raw, "the FIT result was %s" % raw])
            elif mode == "terse":
                frag = pick(rng, ["FIT %s", "qFIT %s", "FIT: %s"]) % raw
            elif mode in ("tab",):
                frag = "FIT (ug Hb/g)\t%s" % raw
                unit = "ug Hb/g"
            elif mode == "dots":
                frag = "FIT result ............ %s%s" % (raw, (" " + unit) if unit else "")
            else:
                if unit:
                    frag = pick(rng, ["FIT %s %s" % (raw, unit), "qFIT %s ug/g" % raw, "FIT %s" % raw,
                                      "faecal immunochemical test %s %s" % (raw, unit), "FIT %s ug Hb/g faeces" % raw])
                else:
                    frag = pick(rng, ["FIT %s" % raw, "FIT: %s" % raw, "faecal immunochemical test %s" % raw])
            self.vals.append(dict(name="fit", raw=raw, unit=unit if unit and unit in frag else None,
                                  status="result", evidence=frag, role=f["role"]))
            if f["role"] == "normal":
                self.dis_out.append(dict(kind="normal_value", fact="fit", text=frag))
            return frag
        d = self.fit_date()
        if st == "awaited":
            frag = pick(rng, ["FIT sent %s - result awaited" % d, "FIT awaited", "FIT requested %s, awaited" % d])
        elif st == "requested":
            frag = pick(rng, ["FIT requested today", "FIT requested", "I have requested a FIT"])
        elif st == "declined":
            frag = c_fmt("{He} declined a FIT", P)
        elif st == "not_done":
            frag = pick(rng, ["FIT not done", "FIT: not done"])
        else:
            frag = "FIT kit given %s, not yet returned" % d
        self.vals.append(dict(name="fit", raw=None, unit=None, status=st, evidence=frag, role="status"))
        return frag

    # --- priority ---------------------------------------------------------------
    def ask(self, reg="prose"):
        lvl = self.gp_level
        if lvl is None:
            return None
        bank = PRIORITY_SENT if reg == "prose" else PRIORITY_TERSE
        s = c_fmt(pick(self.rng, bank[lvl]), self.P)
        self.gp_ev.append(s)
        return s

    def priority_field(self):
        if self.gp_level is None:
            return None
        s = PRIORITY_FIELD[self.gp_level]
        self.gp_ev.append(s)
        return s


def indef(a):
    return "an" if re.match(r"(8|11 |11-|18|eight|eleven)", a) else "a"


def c_fmt(s, P):
    return s.format(**P)


def results_sentence(x, mode="prose", lead=None):
    frags = [x.labf(l, "arrow" if (l["prev"] and mode in ("prose", "terse")) else mode) for l in x.c.labs]
    f = x.fitf("prose" if mode not in ("terse",) else "terse")
    if f:
        frags.append(f)
    if not frags:
        return None
    rng = x.rng
    if lead is None:
        lead = pick(rng, ["Recent bloods: ", "Bloods this month showed ", "Investigations: ", "Results: ",
                          "Blood tests on %s: " % dm(x.i["letter_date"] - dt.timedelta(days=rng.randrange(3, 20))),
                          "Recent results include "])
    return lead + ", ".join(frags) + "."


def join_and(xs):
    xs = [x for x in xs if x]
    if not xs:
        return ""
    if len(xs) == 1:
        return xs[0]
    return ", ".join(xs[:-1]) + " and " + xs[-1]


# ---------------------------------------------------------------------------
# shared building blocks for free-text letters
# ---------------------------------------------------------------------------
def hpc_list(x, reg):
    rng = x.rng
    its = x.item_texts("hpc", reg)
    story = list(x.c.story) if reg != "terse" else [t.rstrip(".") for t in x.c.story]
    extra = x.dis_texts("hpc", reg) + story
    rng.shuffle(extra)
    seq = its[:1]
    rest = its[1:] + extra
    # keep positive items roughly first but let distractors fall between them
    rng.shuffle(rest)
    return seq + rest


def exam_list(x, reg):
    return x.item_texts("exam", reg) + list(x.c.exam_neutral) + x.dis_texts("exam", reg)


def pmh_list(x, reg):
    return x.item_texts("pmh", reg) + x.dis_texts("pmh", reg)


def fh_list(x, reg):
    return x.item_texts("fh", reg) + x.dis_texts("fh", reg)


def plan_list(x, reg):
    out = x.dis_texts("plan", reg)
    if x.c.ddx:
        out.append(c_fmt(x.c.ddx, x.P))
    return out


def imaging_list(x, reg):
    return x.item_texts("results", reg)


def story_list(x):
    return list(x.c.story)


def prose_paras(x, intro, closing_extra=(), results_lead=None, bg_style="inline"):
    P = x.P
    rng = x.rng
    paras = []
    hp = [sent(s) for s in hpc_list(x, "prose")]
    paras.append(" ".join([intro] + hp) if intro else " ".join(hp))
    pm = pmh_list(x, "prose")
    if pm:
        paras.append(" ".join(sent(s) for s in pm))
    ex = exam_list(x, "prose")
    if ex:
        lead = pick(rng, ["On examination: ", "Examination: ", "When I examined {him}: ".format(**P), ""])
        if re.match(r"(On |Exam|Abdominal exam|Digital|PR|I can feel|I found|There is|Examination)", ex[0]):
            lead = ""
        paras.append(lead + " ".join(sent(s) for s in ex))
    res = imaging_list(x, "prose")
    rs = results_sentence(x, "prose", lead=results_lead)
    blk = " ".join([sent(s) for s in res] + ([rs] if rs else []))
    if blk:
        paras.append(blk)
    if x.c.pmh or x.c.meds:
        if bg_style == "inline":
            s = ""
            if x.c.pmh:
                s += "{He} has a background of ".format(**P) + join_and([p[0].lower() + p[1:] if not p[:2].isupper() else p for p in x.c.pmh]) + "."
            if x.c.meds:
                s += (" " if s else "") + "Current medication: " + "; ".join(x.c.meds) + "."
            if x.c.social:
                s += " " + x.c.social[0]
            paras.append(s)
        else:
            if x.c.pmh:
                paras.append("Past history:\n" + "\n".join("- " + p for p in x.c.pmh))
            if x.c.meds:
                paras.append("Medication:\n" + "\n".join("- " + m for m in x.c.meds))
    fh = fh_list(x, "prose")
    if fh:
        paras.append(" ".join(sent(s) for s in fh))
    pl = [sent(s) for s in plan_list(x, "prose")] + list(closing_extra)
    a = x.ask("prose")
    if a:
        pl.append(a)
    if pl:
        paras.append(" ".join(pl))
    return paras


def practice_header(x, with_code=True):
    i = x.i
    lines = [i["practice"], i["practice_addr"], "Tel: %s" % i["phone"]]
    if with_code:
        lines.append("Practice code: %s" % i["practice_code"])
    return lines


REASON_PHRASE = {
    "Dysphagia": "dysphagia", "Rectal mass": "a rectal mass", "Anal mass": "an anal mass",
    "Anal ulceration": "anal ulceration", "Positive FIT": "a positive FIT", "Iron deficiency anaemia": "iron deficiency anaemia",
    "Weight loss with upper GI symptoms": "weight loss and upper GI symptoms", "Abdominal mass": "an abdominal mass",
    "Jaundice": "jaundice", "Rectal bleeding": "rectal bleeding", "Weight loss and abdominal pain": "weight loss and abdominal pain",
    "Change in bowel habit": "a change in bowel habit", "Bloody diarrhoea": "bloody diarrhoea",
    "Raised calprotectin": "a raised faecal calprotectin", "Cirrhosis with ascites": "cirrhosis, now with ascites",
    "Cirrhosis with confusion": "cirrhosis and new confusion", "ALT very high": "a markedly raised ALT",
    "Haematemesis": "haematemesis", "Treatment-resistant dyspepsia": "dyspepsia that has not responded to a PPI",
    "Advice re known IBD": "a question about {his} inflammatory bowel disease",
    "Positive coeliac serology": "positive coeliac serology", "Abnormal LFTs": "abnormal liver function tests",
    "Fatty liver on ultrasound": "fatty liver found on ultrasound", "Dyspepsia": "dyspepsia", "Reflux": "reflux",
    "Family history of bowel cancer": "a family history of bowel cancer", "Abdominal pain and bloating": "abdominal pain and bloating",
    "Low ferritin": "a low ferritin", "Anaemia": "anaemia", "Raised ALP/GGT": "a raised ALP and GGT",
    "Transfer of cirrhosis surveillance": "transfer of {his} cirrhosis surveillance",
    "Hepatitis B surface antigen positive": "a positive hepatitis B surface antigen", "Nausea": "persistent nausea",
    "Bloating, ?coeliac": "bloating", "Weight loss": "weight loss", "Abdominal pain": "abdominal pain",
}


def reason_phrase(x):
    r = x.c.reason
    if not r or r.startswith("?"):
        return None
    return REASON_PHRASE[r].format(**x.P)


def intro_sentence(x, opener=None):
    P = x.P
    rng = x.rng
    a = x.age_words(pick(rng, ["yo", "yo", "words", "aged"]))
    rp = reason_phrase(x)
    if a and a.startswith("aged"):
        who = "this %s, %s%s" % (P["man"], a, "," if rp else "")
    elif a:
        who = "this %s %s" % (a, P["man"])
    else:
        who = "this %s" % P["man"]
    opener = opener or pick(rng, ["Thank you for seeing %s", "I would be grateful if you could see %s",
                                  "Please would you see %s", "I am writing about %s"])
    s = opener % who
    if rp:
        conn = pick(rng, ["regarding", "with", "about"])
        if conn == "about" and opener.startswith("I am writing about"):
            conn = "regarding"
        s += " " + conn + " " + rp
    return s + "."


def signoff(x, role="GP", name=None):
    name = name or x.i["gp"]
    return "%s\n\n%s\n%s\n%s" % (pick(x.rng, ["Yours sincerely,", "Kind regards,", "With thanks,", "Yours faithfully,"]),
                                 name, role, x.i["practice"])


def pt_block(x, kind=None):
    i = x.i
    kind = kind or pick(x.rng, ["line", "lines", "re"])
    if kind == "line":
        return "Re: %s   DOB %s   NHS No. %s" % (x.name("full"), x.dob(), i["nhs"])
    if kind == "lines":
        return "Patient: %s\nDate of birth: %s\nNHS number: %s\nAddress: %s" % (x.name("full"), x.dob(), i["nhs"], i["address"])
    return "RE: %s (DOB %s) NHS %s\n%s" % (x.name("full").upper() if False else x.name("full"), x.dob(), i["nhs"], i["address"])


# ---------------------------------------------------------------------------
# plain GP letters (about a third of the set)
# ---------------------------------------------------------------------------
def r_gp_dear_doctor(x):
    rng = x.rng
    head = practice_header(x)
    date = x.date()
    sal = pick(rng, ["Dear Doctor,", "Dear Colleague,", "Dear %s," % x.consultant, "Dear Gastroenterology Team,"])
    paras = prose_paras(x, intro_sentence(x), bg_style=pick(rng, ["inline", "list"]))
    body = "\n".join(head) + "\n\n" + date + "\n\n" + sal + "\n\n" + pt_block(x) + "\n\n" + "\n\n".join(paras)
    return body + "\n\n" + signoff(x)


def r_gp_ers(x):
    rng = x.rng
    i = x.i
    P = x.P
    lines = ["NHS e-Referral Service - Referral Letter", "UBRN: %s" % i["ubrn"], "Date: %s" % x.date()]
    pf = x.priority_field() if x.gp_level else None
    lines.append("Priority: %s" % (pf or "not specified"))
    lines.append("Specialty: Gastroenterology    Clinic type: %s" % {"lower": "Colorectal / lower GI", "upper": "Upper GI",
                                                                      "liver": "Hepatology", "ibd": "Inflammatory bowel disease",
                                                                      "general": "General gastroenterology"}[x.c.topic])
    lines.append("")
    lines.append("Patient: %s" % x.name("caps"))
    lines.append("Date of birth: %s    Gender: %s" % (x.dob(), x.note_sex("Gender: " + P["sexw"])[8:]))
    a = x.age_words("years") if chance(rng, 0.5) else None
    if a:
        lines.append("Age: %s" % a)
    lines.append("NHS number: %s" % i["nhs"])
    lines.append("Address: %s" % i["address"])
    lines.append("Registered practice: %s (%s)" % (i["practice"], i["practice_code"]))
    lines.append("")
    lines.append("Reason for referral:")
    lines.append(x.c.reason)
    lines.append("")
    lines.append("History of presenting complaint:")
    lines.append(" ".join(sent(s) for s in hpc_list(x, "prose")))
    ex = exam_list(x, "prose")
    lines.append("")
    lines.append("Examination:")
    lines.append(" ".join(sent(s) for s in ex) if ex else pick(rng, ["Telephone consultation - not examined.", "Not examined."]))
    lines.append("")
    lines.append("Investigations:")
    inv = [sent(s) for s in imaging_list(x, "prose")]
    for fr in x.labs_frags(pick(rng, ["prose", "bracket"])):
        inv.append(fr)
    f = x.fitf()
    if f:
        inv.append(f)
    lines.extend(inv if inv else ["None yet."])
    lines.append("")
    lines.append("Past medical history:")
    pm = pmh_list(x, "prose")
    lines.extend(["- " + p for p in pm + x.c.pmh] or ["- Nil of note"])
    lines.append("")
    lines.append("Current medication:")
    lines.extend(["- " + m for m in x.c.meds] or ["- None"])
    lines.append("Allergies: %s" % pick(rng, ["NKDA", "Penicillin (rash)", "No known drug allergies"]))
    fh = fh_list(x, "prose")
    lines.append("Family history: %s" % (" ".join(sent(s) for s in fh) if fh else "Nil relevant"))
    lines.append("Social history: %s" % (x.c.social[0] if x.c.social else "-"))
    lines.append("")
    lines.append("Referrer's question / expectations:")
    pl = [sent(s) for s in plan_list(x, "prose")]
    a2 = x.ask("prose")
    if a2:
        pl.append(a2)
    lines.append(" ".join(pl) if pl else "Assessment and investigation please.")
    lines.append("")
    lines.append("Referring clinician: %s, %s" % (i["gp"], i["practice"]))
    return "\n".join(lines)


def r_gp_concise(x):
    rng = x.rng
    i = x.i
    P = x.P
    parts = []
    a = x.age_words(pick(rng, ["yo", "aged"]))
    who = "%s %s" % (a, P["man"]) if a and not a.startswith("aged") else (P["man"] + (", " + a if a else ""))
    rp = reason_phrase(x)
    s1 = pick(rng, ["I would be grateful if you could see this %s", "Please see this %s", "Thank you for seeing this %s"]) % who
    s1 += ((", " if a and a.startswith("aged") else " ") + pick(rng, ["with", "regarding"]) + " " + rp + ".") if rp else "."
    hp = [sent(s) for s in hpc_list(x, "prose")]
    ex = [sent(s) for s in exam_list(x, "prose")]
    im = [sent(s) for s in imaging_list(x, "prose")]
    rs = results_sentence(x, "prose")
    pm = [sent(s) for s in pmh_list(x, "prose")]
    fh = [sent(s) for s in fh_list(x, "prose")]
    pl = [sent(s) for s in plan_list(x, "prose")]
    body = " ".join([s1] + hp + ex + im + ([rs] if rs else []) + pm + fh)
    tail = " ".join(pl + [t for t in [x.ask("prose")] if t])
    head = "%s\n%s\n\n%s" % (i["practice"], x.date(), pick(rng, ["Dear Colleague,", "Dear Doctor,", "Dear %s," % x.consultant]))
    ptl = "%s, DOB %s, NHS %s" % (x.name("full"), x.dob(), i["nhs"])
    return head + "\n\n" + ptl + "\n\n" + body + ("\n\n" + tail if tail else "") + "\n\n" + "Thanks,\n%s" % i["gp"]


# ---------------------------------------------------------------------------
# national and local forms
# ---------------------------------------------------------------------------
def _anaemic(F):
    thr = 130 if F["sex"] == "M" else 120
    return F["hb"] is not None and F["hb"] < thr


def _ida(F):
    return _anaemic(F) and F["ferritin"] is not None and F["ferritin"] < 30


LGI_CRIT = [
    ("FIT result of 10 ug Hb/g or more", "fit", lambda F: F["fit_value"] is not None and F["fit_value"] >= 10),
    ("Rectal mass", "rectal_mass", lambda F: F["rectal_mass"]),
    ("Anal mass", "anal_mass", lambda F: F["anal_mass"]),
    ("Unexplained anal ulceration", "anal_ulceration", lambda F: F["anal_ulceration"]),
    ("Abdominal mass", "abdominal_mass", lambda F: F["abdominal_mass"]),
    ("Iron-deficiency anaemia", "ida", _ida),
    ("Aged 50 and over with unexplained rectal bleeding", "rectal_bleeding", lambda F: F["age"] >= 50 and F["rectal_bleeding"]),
    ("Aged 40 and over with unexplained weight loss and abdominal pain", "weight_loss,abdo_pain",
     lambda F: F["age"] >= 40 and F["weight_loss"] and F["abdo_pain"]),
    ("Aged 60 and over with change in bowel habit", "cibh", lambda F: F["age"] >= 60 and F["cibh"]),
]
UGI_CRIT = [
    ("Dysphagia (any age)", "dysphagia", lambda F: F["dysphagia"]),
    ("Aged 55 and over with weight loss AND upper abdominal pain", "weight_loss,upper_abdo_pain",
     lambda F: F["age"] >= 55 and F["weight_loss"] and F["upper_abdo_pain"]),
    ("Aged 55 and over with weight loss AND reflux", "weight_loss,reflux",
     lambda F: F["age"] >= 55 and F["weight_loss"] and F["reflux"]),
    ("Aged 55 and over with weight loss AND dyspepsia", "weight_loss,dyspepsia",
     lambda F: F["age"] >= 55 and F["weight_loss"] and F["dyspepsia"]),
    ("Upper abdominal mass consistent with stomach cancer", "abdominal_mass", lambda F: F["abdominal_mass"]),
    ("Haematemesis", "haematemesis", lambda F: F["haematemesis"]),
    ("Aged 55 and over with treatment-resistant dyspepsia (non-urgent direct access OGD)", "dyspepsia,ppi",
     lambda F: F["age"] >= 55 and F["dyspepsia"] and (F["ppi_weeks"] or 0) >= 4 and F["persist_on_ppi"]),
]
OTHER_LOWER = "Other: FIT below 10 or not available, with ongoing clinical concern (details below)"
OTHER_UPPER = "Other clinical concern (details below)"


def form_crit_lines(x, topic, mark):
    F = x.c.F
    crit = LGI_CRIT if topic == "lower" else UGI_CRIT
    other = OTHER_LOWER if topic == "lower" else OTHER_UPPER
    rng = x.rng
    width = max(len(c[0]) for c in crit + [(other,)]) + 2
    ymark = pick(rng, ["caps", "bold", "circle"])
    lines = []
    met_any = False
    rows = [(lab_, fk, fn(F)) for lab_, fk, fn in crit]
    met_any = any(r[2] for r in rows)
    rows.append((other, "gp_concern", not met_any))
    for lab_, fk, met in rows:
        if mark == "brackets":
            line = "[%s] %s" % ("x" if met else " ", lab_)
        elif mark == "tick":
            line = "%s %s" % ("\u2713" if met else "\u2610", lab_)
        elif mark == "asterisk":
            line = "(%s) %s" % ("*" if met else " ", lab_)
        elif mark == "yesno":
            dots = "." * (width - len(lab_) + 2)
            if ymark == "caps":
                yn = "YES / no" if met else "yes / NO"
            elif ymark == "bold":
                yn = "**Yes** / No" if met else "Yes / **No**"
            else:
                yn = "(Yes) / No" if met else "Yes / (No)"
            line = "%s %s %s" % (lab_, dots, yn)
        elif mark == "yncols":
            line = "| %-*s | %s | %s |" % (width, lab_, "X" if met else " ", " " if met else "X")
        else:
            raise ValueError(mark)
        lines.append(line)
        if fk == "gp_concern":
            if met:
                x.ev.append(("gp_concern", line))
            continue
        if met:
            for f in fk.split(","):
                x.ev.append((f, line))
        else:
            x.unticked(fk, line)
    return lines


def clinical_details(x, reg=None):
    rng = x.rng
    reg = reg or pick(rng, ["prose", "terse"])
    bits = []
    bits += hpc_list(x, reg)
    bits += pmh_list(x, reg)
    bits += exam_list(x, reg)
    bits += imaging_list(x, reg)
    bits += fh_list(x, reg)
    bits += plan_list(x, reg)
    if reg == "terse":
        return "; ".join(bits) + "."
    return " ".join(sent(b) for b in bits)


def value_field(x, key, mode="field"):
    labs = x.lab_list([key])
    if not labs:
        return "not done"
    l = labs[0]
    return x.labf(l, mode, show_ref=False)


def value_line(x, label, key):
    labs = x.lab_list([key])
    if not labs:
        return "%s: not done" % label
    l = labs[0]
    unit = l["unit"]
    line = "%s: %s%s" % (label, l["raw"], (" " + unit) if unit else "")
    if l["ref"] and chance(x.rng, 0.4):
        line += " (%s)" % l["ref"]
    x.used_labs.add(id(l))
    x.vals.append(dict(name=key, raw=l["raw"], unit=unit, ref=None, evidence=line, previous=None, role=l["role"]))
    if l["role"] == "normal":
        x.dis_out.append(dict(kind="normal_value", fact=key, text=line))
    return line


def other_results(x, skip=("hb", "ferritin")):
    frs = [x.labf(l, "prose") for l in x.c.labs if l["key"] not in skip]
    return "; ".join(frs) if frs else "none"


def fit_field(x):
    if x.c.fit is None:
        return "not done"
    return x.fitf("prose")


def fit_line(x, label):
    f = x.c.fit
    if f is None:
        return "%s: not done" % label
    if f["status"] != "result":
        return "%s: %s" % (label, x.fitf("prose"))
    x.fit_used = True
    d = x.fit_date()
    line = "%s: %s%s (%s)" % (label, f["raw"], (" " + f["unit"]) if f["unit"] and not f["raw"].startswith("positive") else "", d)
    x.vals.append(dict(name="fit", raw=f["raw"], unit=f["unit"] if f["unit"] and not f["raw"].startswith("positive") else None,
                       status="result", evidence=line, role=f["role"]))
    if f["role"] == "normal":
        x.dis_out.append(dict(kind="normal_value", fact="fit", text=line))
    return line


def patient_fields(x, sep=": ", with_age=None):
    i = x.i
    P = x.P
    out = ["Surname%s%s" % (sep, i["last"].upper()), "Forename%s%s" % (sep, i["first"]),
           "Title%s%s" % (sep, x.note_sex(i["title"]))]
    out.append("Date of birth%s%s" % (sep, x.dob()))
    if with_age is None:
        with_age = chance(x.rng, 0.5)
    if with_age:
        a = x.age_words("years")
        if a:
            out.append("Age%s%s" % (sep, a))
    out.append("Sex%s%s" % (sep, x.note_sex(P["sexw"] if chance(x.rng, 0.6) else P["MF"])))
    out.append("NHS number%s%s" % (sep, i["nhs"]))
    out.append("Address%s%s" % (sep, i["address"]))
    return out


def gp_fields(x, sep=": "):
    i = x.i
    return ["Referring GP%s%s" % (sep, i["gp"]), "Practice%s%s (%s)" % (sep, i["practice"], i["practice_code"]),
            "Date of referral%s%s" % (sep, x.date())]


def r_form_2ww(x, mark, topic=None):
    rng = x.rng
    topic = topic or ("upper" if x.c.topic == "upper" else "lower")
    title = {"lower": pick(rng, ["SUSPECTED LOWER GASTROINTESTINAL CANCER REFERRAL", "Urgent Suspected Cancer Referral - Lower GI (Colorectal)",
                                 "2WW REFERRAL: SUSPECTED COLORECTAL CANCER"]),
             "upper": pick(rng, ["SUSPECTED UPPER GASTROINTESTINAL CANCER REFERRAL", "Urgent Suspected Cancer Referral - Upper GI (Oesophagus / Stomach)",
                                 "2WW REFERRAL: SUSPECTED OESOPHAGO-GASTRIC CANCER"])}[topic]
    lines = [title, "Based on NICE NG12. Only tick the criteria that are met.", ""]
    pr = x.priority_field()
    lines.append("Referral type: %s" % pr)
    lines.append("")
    lines.append("PATIENT DETAILS")
    lines += patient_fields(x)
    lines.append("Interpreter required: %s" % pick(rng, ["No", "no"]))
    lines.append("")
    lines.append("REFERRER")
    lines += gp_fields(x)
    lines.append("")
    lines.append("REFERRAL CRITERIA")
    if mark == "yncols":
        w = max(len(c[0]) for c in (LGI_CRIT if topic == "lower" else UGI_CRIT)) + 2
        w = max(w, len(OTHER_LOWER if topic == "lower" else OTHER_UPPER) + 2)
        lines.append("+-" + "-" * w + "-+---+---+")
        lines.append("| %-*s | Y | N |" % (w, "Criterion"))
        lines.append("+-" + "-" * w + "-+---+---+")
    lines += form_crit_lines(x, topic, mark)
    if mark == "yncols":
        lines.append("+-" + "-" * w + "-+---+---+")
    lines.append("")
    lines.append("INVESTIGATIONS")
    if topic == "lower":
        lines.append(fit_line(x, "FIT result and date"))
    lines.append(value_line(x, "Hb", "hb"))
    lines.append(value_line(x, "Ferritin", "ferritin"))
    rest = [l for l in x.c.labs if l["key"] not in ("hb", "ferritin")]
    if rest:
        lines.append("Other results: " + "; ".join(x.labf(l, "prose") for l in rest))
    if topic == "upper" and x.c.fit is not None:
        lines.append("FIT: %s" % x.fitf("prose"))
    lines.append("")
    lines.append("CLINICAL DETAILS (history, examination, relevant background)")
    lines.append(clinical_details(x))
    lines.append("")
    if x.c.pmh:
        lines.append("Past medical history: " + ", ".join(x.c.pmh))
    lines.append("Medication: " + (", ".join(x.c.meds) if x.c.meds else "none"))
    lines.append("Anticoagulant/antiplatelet: %s" % ("yes - see list" if any(m.split()[0] in ("Apixaban", "Aspirin", "Clopidogrel") for m in x.c.meds) else "no"))
    lines.append("WHO performance status: %d" % (0 if x.i["age"] < 60 else rng.randrange(0, 3)))
    lines.append("")
    lines.append("Patient informed that this is an urgent suspected cancer referral: Yes")
    lines.append("Patient available for appointment within 14 days: %s" % pick(rng, ["Yes", "Yes", "Yes - except 2 days next week"]))
    return "\n".join(lines)


def r_lgi2ww_brackets(x):
    return r_form_2ww(x, "brackets", "lower")


def r_ugi2ww_yesno(x):
    return r_form_2ww(x, "yesno", "upper")


def r_lgi2ww_yncols(x):
    return r_form_2ww(x, "yncols", "lower")


def r_ng12_tick(x):
    return r_form_2ww(x, "tick")


def r_ng12_asterisk(x):
    return r_form_2ww(x, "asterisk")


def boxed(rows, width=34, total=78):
    """+---+ table; long cells run past the border rather than being broken."""
    sep = "+" + "-" * (width + 2) + "+" + "-" * (total - width - 5) + "+"
    out = [sep]
    for k, v in rows:
        if k is None:
            out.append(sep)
            continue
        vs = v.split("\n")
        for j, vv in enumerate(vs):
            kk = k if j == 0 else ""
            line = "| %-*s | %s" % (width, kk, vv)
            if len(line) < total - 1:
                line = line + " " * (total - 1 - len(line)) + "|"
            out.append(line)
    out.append(sep)
    return out


def r_stt_form(x):
    rng = x.rng
    topic = "upper" if x.c.topic == "upper" else "lower"
    test = "Colonoscopy (or CT colonography if unfit)" if topic == "lower" else "Gastroscopy (OGD)"
    head = ("STRAIGHT TO TEST REFERRAL - %s" % ("LOWER GI" if topic == "lower" else "UPPER GI"))
    i = x.i
    P = x.P
    pr = x.priority_field()
    crit = LGI_CRIT if topic == "lower" else UGI_CRIT
    met = []
    for lab_, fk, fn in crit:
        if fn(x.c.F):
            line = "[x] " + lab_
            met.append(line)
            for f in fk.split(","):
                x.ev.append((f, line))
    if not met:
        line = "[x] " + (OTHER_LOWER if topic == "lower" else OTHER_UPPER)
        met.append(line)
        x.ev.append(("gp_concern", line))
    rows = [("Patient name", x.name("full")), ("Date of birth", x.dob()), ("NHS number", i["nhs"]),
            ("Sex", x.note_sex(P["sexw"]))]
    a = x.age_words("years") if chance(rng, 0.5) else None
    if a:
        rows.append(("Age", a))
    rows += [("Referrer", "%s, %s" % (i["gp"], i["practice"])), ("Date", x.date()), ("Priority", pr), (None, None),
             ("Test requested", test), ("Criteria met (ticked only)", "\n".join(met))]
    if topic == "lower":
        rows.append(("FIT (ug Hb/g)", fit_field(x)))
    rows.append(("Haemoglobin", value_field(x, "hb")))
    rows.append(("Ferritin", value_field(x, "ferritin")))
    rest = [l for l in x.c.labs if l["key"] not in ("hb", "ferritin")]
    if rest:
        rows.append(("Other bloods", "\n".join(x.labf(l, "prose") for l in rest)))
    if topic == "upper" and x.c.fit is not None:
        rows.append(("FIT", x.fitf("prose")))
    rows += [("eGFR", "%d mL/min" % rng.randrange(45, 95)),
             ("Anticoagulants / antiplatelets", "see medication" if any(m.startswith("Apixaban") for m in x.c.meds) else "none"),
             ("Diabetes", "yes" if any("diabetes" in p.lower() for p in x.c.pmh) else "no"),
             ("Able to take bowel prep" if topic == "lower" else "Able to lie flat / sedation", pick(rng, ["yes", "yes", "yes - needs help at home"])),
             ("WHO performance status", str(0 if x.i["age"] < 60 else rng.randrange(0, 3)))]
    lines = [head, ""] + boxed(rows)
    lines.append("Clinical summary:")
    lines.append(clinical_details(x))
    lines.append("")
    lines.append("Medication: " + ("; ".join(x.c.meds) if x.c.meds else "none"))
    if x.c.pmh:
        lines.append("Problems: " + "; ".join(x.c.pmh))
    return "\n".join(lines)


def r_ida_form(x):
    rng = x.rng
    i = x.i
    P = x.P
    L = ["IRON DEFICIENCY ANAEMIA - GP REFERRAL PATHWAY", "(complete all fields; attach recent FBC and ferritin)", ""]
    L.append("Patient name\t%s" % x.name("full"))
    L.append("NHS number\t%s" % i["nhs"])
    L.append("Date of birth\t%s" % x.dob())
    a = x.age_words("years") if chance(rng, 0.6) else None
    if a:
        L.append("Age\t%s" % a)
    L.append("Sex\t%s" % x.note_sex(P["sexw"]))
    L.append("Date of form\t%s" % x.date())
    L.append("")
    for key, lab_ in (("hb", "Hb"), ("ferritin", "Ferritin"), ("mcv", "MCV")):
        ls = x.lab_list([key])
        if ls:
            l = ls[0]
            unit = l["unit"]
            frag = "%s (%s)\t%s" % (lab_, unit, l["raw"])
            x.used_labs.add(id(l))
            if key in VALUE_KEYS:
                x.vals.append(dict(name=key, raw=l["raw"], unit=unit, ref=None, evidence=frag, previous=None, role=l["role"]))
                if l["role"] == "normal":
                    x.dis_out.append(dict(kind="normal_value", fact=key, text=frag))
            L.append(frag)
        else:
            L.append("%s\tnot done" % lab_)
    rest = [l for l in x.c.labs if l["key"] not in ("hb", "ferritin", "mcv")]
    for l in rest:
        L.append(x.labf(l, "tab"))
    if x.c.fit is not None:
        L.append(x.fitf("tab"))
    else:
        L.append("FIT\tnot done")
    L.append("Menstruating\t%s" % ("Yes" if "heavy periods" in x.c.F["other_symptoms"] else ("No" if P["he"] == "she" else "n/a")))
    L.append("Coeliac serology\t%s" % ("see above" if any(l["key"] == "ttg" for l in x.c.labs) else pick(rng, ["requested", "not done"])))
    L.append("Urine dip (blood)\tnegative")
    L.append("GI symptoms\t%s" % ("; ".join(hpc_list(x, "terse")) or "none"))
    ex = exam_list(x, "terse")
    L.append("Examination\t%s" % ("; ".join(ex) if ex else "not recorded"))
    fh = fh_list(x, "terse")
    L.append("Family history\t%s" % ("; ".join(fh) if fh else "none known"))
    pm = pmh_list(x, "terse")
    L.append("PMH\t%s" % ("; ".join(pm + x.c.pmh) or "nil"))
    L.append("Medication\t%s" % ("; ".join(x.c.meds) or "nil"))
    pl = plan_list(x, "terse")
    if pl:
        L.append("Comments\t%s" % "; ".join(pl))
    pf = x.priority_field()
    L.append("Priority requested\t%s" % (pf or "-"))
    L.append("Referrer\t%s (%s)" % (i["gp"], i["practice_code"]))
    return "\n".join(L)


def dotted(label, value, w=36):
    return "%s %s %s" % (label, "." * max(3, w - len(label)), value)


def r_lft_form(x):
    rng = x.rng
    i = x.i
    P = x.P
    F = x.c.F
    L = ["ABNORMAL LIVER BLOOD TESTS - REFERRAL / ADVICE FORM", "Hepatology service - please use with the local abnormal LFT pathway", ""]
    L.append(dotted("Patient", x.name("full")))
    L.append(dotted("DOB", x.dob()))
    a = x.age_words("years") if chance(rng, 0.4) else None
    if a:
        L.append(dotted("Age", a))
    L.append(dotted("NHS no", i["nhs"]))
    L.append(dotted("Date", x.date()))
    L.append("")
    order = ["alt", "alp", "bili", "ggt"]
    for key in order:
        for l in x.lab_list([key]):
            nm = {"alt": "ALT", "alp": "ALP", "bili": "Bilirubin", "ggt": "GGT"}[key]
            val = "%s %s%s" % (l["raw"], l["unit"], ("   (ref %s)" % l["ref"]) if l["ref"] else "")
            frag = dotted(nm, val)
            x.used_labs.add(id(l))
            if key in VALUE_KEYS:
                x.vals.append(dict(name=key, raw=l["raw"], unit=l["unit"], ref=l["ref"], evidence=frag, previous=None, role=l["role"]))
            if l["role"] == "normal":
                x.dis_out.append(dict(kind="normal_value", fact=key, text=frag))
            L.append(frag)
    if not x.lab_list(["alt"]):
        L.append(dotted("ALT", "not done"))
    L.append(dotted("Albumin", "%d g/L" % rng.randrange(30, 46)))
    L.append(dotted("Platelets", "%d x10^9/L" % rng.randrange(120, 380)))
    for l in x.c.labs:
        if l["key"] not in order and id(l) not in x.used_labs:
            L.append(x.labf(l, "dots"))
    if x.c.fit is not None:
        L.append(x.fitf("dots"))
    L.append("")
    jl = dotted("Jaundice", "Yes" if F["jaundice"] else "No")
    if F["jaundice"]:
        x.ev.append(("jaundice", jl))
    else:
        x.form_answer_no("jaundice", jl)
    L.append(jl)
    al = dotted("Ascites", "Yes" if F["ascites"] else "No")
    if F["ascites"]:
        x.ev.append(("ascites", al))
    else:
        x.form_answer_no("ascites", al)
    L.append(al)
    cl = dotted("Known cirrhosis", "Yes" if F["cirrhosis"] else "No / not known")
    if F["cirrhosis"]:
        x.ev.append(("cirrhosis", cl))
    L.append(cl)
    L.append(dotted("Alcohol (units/week)", "see summary" if F["cirrhosis"] else str(rng.randrange(0, 30))))
    L.append(dotted("Ultrasound", "see below" if any(it["section"] == "results" for it in x.c.items) else pick(rng, ["requested", "not yet done"])))
    L.append(dotted("Hep B / Hep C serology", pick(rng, ["negative", "sent", "negative (HBsAg, HCV Ab)"]) if x.c.variant != "hbv" else "see summary"))
    L.append("")
    L.append("Clinical summary:")
    L.append(clinical_details(x))
    L.append("")
    L.append(dotted("Medication", "; ".join(x.c.meds) or "none"))
    if x.c.pmh:
        L.append(dotted("PMH", "; ".join(x.c.pmh)))
    pf = x.priority_field()
    L.append(dotted("Outcome requested", pf or "-"))
    L.append(dotted("Referrer", "%s, %s" % (i["gp"], i["practice"])))
    return "\n".join(L)


def r_pathway_below(x):
    rng = x.rng
    i = x.i
    P = x.P
    F = x.c.F
    coeliac = x.c.topic == "general"
    title = "COELIAC DISEASE PATHWAY - GP REFERRAL" if coeliac else "DYSPEPSIA / H. PYLORI PATHWAY - GP REFERRAL"
    L = [title, "Practice: %s (%s)" % (i["practice"], i["practice_code"]), "Completed: %s" % x.date(), "",
         "Patient: %s    DOB: %s    NHS: %s" % (x.name("full"), x.dob(), i["nhs"]), ""]
    qs = []
    if coeliac:
        qs.append(("1. Symptoms (type and duration)", "; ".join(hpc_list(x, "terse")) or "none"))
        ttg = x.lab_list(["ttg"])
        qs.append(("2. Coeliac serology (tTG IgA) - result and reference range",
                   x.labf(ttg[0], "prose", show_ref=True) if ttg else "not done"))
        qs.append(("3. Was the patient eating gluten at the time of the test?", "Yes"))
        others = [l for l in x.c.labs if l["key"] != "ttg"]
        qs.append(("4. FBC / ferritin / other bloods", ", ".join(x.labf(l, "prose") for l in others) or "not done"))
        if x.c.fit is not None:
            qs.append(("4a. FIT", x.fitf("prose")))
        qs.append(("5. Alarm features / family history", "; ".join(fh_list(x, "terse") + x.dis_any("terse", ("exam", "pmh"))) or "none"))
    else:
        a = x.age_words("years")
        qs.append(("1. Age of patient", a if a else "see DOB"))
        qs.append(("2. Symptoms and duration", "; ".join(hpc_list(x, "terse"))))
        ppi = "%s weeks" % F["ppi_weeks"] if F["ppi_weeks"] else "no PPI trial yet"
        qs.append(("3. Alarm features (dysphagia, weight loss, haematemesis, IDA, mass)?",
                   "; ".join(x.dis_any("terse", ("exam", "pmh"))) or "none reported"))
        labs = [x.labf(l, "prose") for l in x.c.labs]
        qs.append(("4. Bloods (FBC, ferritin) and H. pylori test", ", ".join(labs) or "H. pylori only"))
        if x.c.fit is not None:
            qs.append(("4a. FIT", x.fitf("prose")))
        fh = fh_list(x, "terse")
        if fh:
            qs.append(("5. Family history", "; ".join(fh)))
    pm = pmh_list(x, "terse")
    qs.append(("6. Relevant history and medication", "; ".join(pm + x.c.pmh + x.c.meds) or "nil"))
    im = imaging_list(x, "terse") + exam_list(x, "terse") + plan_list(x, "terse")
    if im:
        qs.append(("7. Other information", "; ".join(im)))
    pf = x.priority_field()
    qs.append(("8. Outcome requested (advice / clinic / test)", pf or "not stated"))
    for n_, (q, a) in enumerate(qs):
        q = "%d. %s" % (n_ + 1, q.split(". ", 1)[1])
        L.append(q)
        L.extend([""] * rng.randrange(1, 4))
        L.append("      " + a)
        L.append("")
    return "\n".join(L)


def r_ag_form(x):
    rng = x.rng
    i = x.i
    P = x.P
    W = 74
    def row(s=""):
        s = "| " + s
        return s + " " * max(0, W - len(s) - 1) + "|" if len(s) < W - 1 else s
    bar = "+" + "-" * (W - 2) + "+"
    L = [bar, row("ADVICE AND GUIDANCE REQUEST - GASTROENTEROLOGY"), row("e-RS Advice & Guidance (no appointment booked)"), bar]
    L.append(row("Patient: %s" % x.name("full")))
    L.append(row("DOB: %s   NHS No: %s" % (x.dob(), i["nhs"])))
    a = x.age_words("years") if chance(rng, 0.4) else None
    if a:
        L.append(row("Age: %s" % a))
    L.append(row("Requested by: %s, %s   Date: %s" % (i["gp"], i["practice"], x.date())))
    L.append(row("Request type: %s" % x.priority_field()))
    L.append(bar)
    L.append(row("Relevant history:"))
    for s in hpc_list(x, "prose") + pmh_list(x, "prose") + exam_list(x, "prose") + imaging_list(x, "prose") + fh_list(x, "prose"):
        L.append(row("  " + sent(s)))
    res = results_sentence(x, "prose", lead="Results: ")
    if res:
        L.append(row("  " + res))
    if x.c.pmh or x.c.meds:
        L.append(row("  Background: " + "; ".join(x.c.pmh + x.c.meds)))
    L.append(bar)
    L.append(row("Question for the specialist:"))
    q = {"ibd": "Please advise on the question above." if x.c.rule == "O3" else "What would you suggest, and does %s need to be seen?" % P["he"],
         "general": "What would you suggest as next steps, and does %s need to be seen?" % P["he"],
         "upper": "Any further management you would suggest in primary care?",
         "lower": "Does %s need any investigation or screening, and at what age?" % P["he"],
         "liver": "Please advise on further work-up and whether %s needs to be seen." % P["he"]}[x.c.topic]
    for s in plan_list(x, "prose"):
        L.append(row("  " + sent(s)))
    L.append(row("  " + q))
    L.append(bar)
    return "\n".join(L)


# ---------------------------------------------------------------------------
# GP-system extracts
# ---------------------------------------------------------------------------
def code_for(s, kind="read"):
    h = hashlib.sha256(s.encode()).hexdigest()
    if kind == "read":
        alpha = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz0123456789"
        return "".join(alpha[int(h[i:i + 2], 16) % len(alpha)] for i in range(0, 10, 2))
    return str(int(h[:12], 16) % 10 ** 9 + 10 ** 8)


OLD_PROBLEMS = [("Cough and coryza for one week; chest clear", "Upper respiratory tract infection"),
                ("Low back pain after lifting; no red flags for cauda equina", "Low back pain"),
                ("Annual hypertension review; BP 136/82", "Hypertension monitoring"),
                ("Left knee pain, OA on x-ray", "Osteoarthritis of knee"),
                ("Sore throat 3 days, FeverPAIN 1, self-care advice", "Sore throat"),
                ("Medication review, all repeat items continued", "Medication review"),
                ("Flu vaccination given", "Influenza vaccination")]


def old_problems(x):
    out = []
    for h, prob in OLD_PROBLEMS:
        if prob == "Hypertension monitoring" and "Hypertension" not in x.c.pmh:
            continue
        if prob == "Osteoarthritis of knee" and x.i["age"] < 45:
            continue
        if prob == "Medication review" and not x.c.meds:
            continue
        if prob == "Influenza vaccination" and x.i["age"] < 60:
            continue
        out.append((h, prob))
    return out


def consult_dates(x, n):
    rng = x.rng
    ld = x.i["letter_date"]
    out = sorted({rng.randrange(60, 700) for _ in range(n)}, reverse=True)
    return [ld - dt.timedelta(days=d) for d in out]


def r_emis(x):
    rng = x.rng
    i = x.i
    P = x.P
    L = ["EMIS Web - Patient Summary / Referral Extract", "%s (%s)" % (i["practice"], i["practice_code"]),
         "Referral created: %s" % x.date(), "-" * 64,
         "%s   DOB: %s   NHS: %s   Gender: %s" % (x.name("caps"), x.dob(), i["nhs"], P["sexw"]), "-" * 64, "", "CONSULTATIONS", ""]
    for d in consult_dates(x, rng.randrange(1, 3)):
        h, prob = pick(rng, old_problems(x))
        L.append("%s  %02d:%02d  Surgery Consultation   %s" % (fmt_date(d, "dash_mon"), rng.randrange(8, 18), rng.randrange(0, 60), i["gp2"]))
        L.append("  History: %s" % h)
        L.append("  Problem: %s (%s) - Ended" % (prob, code_for(prob)))
        L.append("")
    pm = pmh_list(x, "terse")
    if pm:
        d = x.i["letter_date"] - dt.timedelta(days=rng.randrange(120, 400))
        L.append("%s  %02d:%02d  Surgery Consultation   %s" % (fmt_date(d, "dash_mon"), rng.randrange(8, 18), rng.randrange(0, 60), i["gp2"]))
        L.append("  History: " + "; ".join(pm))
        L.append("")
    d = x.i["letter_date"] - dt.timedelta(days=rng.randrange(0, 6))
    L.append("%s  %02d:%02d  Surgery Consultation   %s" % (fmt_date(d, "dash_mon"), rng.randrange(8, 18), rng.randrange(0, 60), i["gp"]))
    a = x.age_words("MF") if chance(rng, 0.5) else None
    hp = hpc_list(x, "terse")
    L.append("  History: " + ((a + ". ") if a else "") + "; ".join(hp) + ".")
    fh = fh_list(x, "terse")
    if fh:
        L.append("  Family history: " + "; ".join(fh))
    ex = exam_list(x, "terse")
    if ex:
        L.append("  Examination: " + "; ".join(ex))
    im = imaging_list(x, "terse")
    if im:
        L.append("  Imaging: " + "; ".join(im))
    if x.c.reason_fact:
        L.append("  Problem: %s (%s) - New" % (x.c.reason, code_for(x.c.reason)))
    pl = plan_list(x, "terse")
    ask = x.ask("terse")
    L.append("  Plan: " + "; ".join(pl + ["referral to gastroenterology"]) + "." + ((" " + ask) if ask else ""))
    L.append("")
    frs = x.labs_frags("terse")
    f = x.fitf("terse")
    if f:
        frs.append(f)
    if frs:
        L.append("TEST RESULTS (last 3 months)")
        for fr in frs:
            L.append("  " + fr)
        L.append("")
    L.append("MEDICATION (repeat)")
    L.extend(["  " + m for m in x.c.meds] or ["  none"])
    L.append("")
    L.append("PROBLEMS")
    L.append("  Active: " + ("; ".join(x.c.pmh) if x.c.pmh else "none recorded"))
    return "\n".join(L)


def results_table(x):
    hdr = "%-22s %-8s %-8s %-10s %-4s %s" % ("Test", "Result", "Units", "Range", "Flag", "Previous")
    rows = [x.labf(l, "table") for l in x.c.labs]
    if x.c.fit is not None:
        rows.append(x.fitf("table") if x.c.fit["status"] == "result" else "FIT: " + x.fitf("terse"))
    if not rows:
        return []
    return [hdr, "-" * len(hdr)] + rows


def r_systmone(x):
    rng = x.rng
    i = x.i
    P = x.P
    L = ["SystmOne - Record Extract for Referral", "%s   Report date: %s" % (i["practice"], x.date("dash_mon" if chance(rng, 0.5) else "slash")), "",
         "Name: %s   Gender: %s" % (x.name("full"), P["sexw"]), "DOB: %s   NHS number: %s" % (x.dob(), i["nhs"]), "", "Journal"]
    ld = i["letter_date"]
    d1 = ld - dt.timedelta(days=rng.randrange(10, 40))
    writer = pick(rng, ["(GP)", "(Advanced Nurse Practitioner)", "(GP Partner)"])
    L.append("%s %02d:%02d - %s %s at %s" % (fmt_date(d1, "short_mon"), rng.randrange(8, 18), rng.randrange(0, 60), i["gp2"], writer, i["practice"]))
    hp = hpc_list(x, "terse")
    a = x.age_words("MF") if chance(rng, 0.4) else None
    L.append("  [History] " + ((a + " ") if a else "") + "; ".join(hp[:max(1, len(hp) // 2 + 1)]))
    pm = pmh_list(x, "terse")
    if pm:
        L.append("  [Past history] " + "; ".join(pm))
    L.append("  [Plan] Bloods" + (" and FIT" if x.c.fit else "") + ". Review with results.")
    d2 = ld - dt.timedelta(days=rng.randrange(0, 5))
    L.append("%s %02d:%02d - %s (GP) at %s" % (fmt_date(d2, "short_mon"), rng.randrange(8, 18), rng.randrange(0, 60), i["gp"], i["practice"]))
    if hp[max(1, len(hp) // 2 + 1):]:
        L.append("  [History] " + "; ".join(hp[max(1, len(hp) // 2 + 1):]))
    ex = exam_list(x, "terse")
    if ex:
        L.append("  [Examination] " + "; ".join(ex))
    im = imaging_list(x, "terse")
    if im:
        L.append("  [Investigations] " + "; ".join(im))
    fh = fh_list(x, "terse")
    if fh:
        L.append("  [Family history] " + "; ".join(fh))
    pl = plan_list(x, "terse")
    ask = x.ask("terse")
    L.append("  [Plan] " + "; ".join(pl + ["refer gastro"]) + "." + ((" " + ask) if ask else ""))
    L.append("")
    t = results_table(x)
    if t:
        L.append("Test Request Results")
        L += t
        L.append("")
    if x.c.meds:
        L.append("Repeat templates: " + "; ".join(x.c.meds))
    if x.c.pmh:
        L.append("Active problems: " + "; ".join(x.c.pmh))
    return "\n".join(L)


def r_vision(x):
    rng = x.rng
    i = x.i
    P = x.P
    L = ["VISION - CLINICAL SUMMARY FOR REFERRAL", "Produced %s by %s" % (x.date(), i["practice"]), "",
         "Patient: %s  Born: %s  NHS No: %s" % (x.name("full"), x.dob(), i["nhs"]), ""]
    L.append("Problems (significant, active):")
    for p in x.c.pmh or ["None recorded"]:
        L.append("  %s  [%s]" % (p, code_for(p)))
    pm = pmh_list(x, "prose")
    if pm:
        L.append("Problems (past / inactive):")
        for p in pm:
            L.append("  " + p)
    L.append("")
    ld = i["letter_date"]
    L.append("Consultation  %s  %s  Surgery" % (fmt_date(ld - dt.timedelta(days=rng.randrange(0, 7)), "slash"), i["gp"]))
    if x.c.reason_fact:
        L.append("  Read code: %s [%s]" % (x.c.reason, code_for(x.c.reason)))
    a = x.age_words(pick(rng, ["yo", "yrs"]))
    L.append("  Notes: " + ((a + " " + P["man"] + ". ") if a else "") + " ".join(sent(s) for s in hpc_list(x, "prose")))
    ex = exam_list(x, "prose")
    if ex:
        L.append("  Exam: " + " ".join(sent(s) for s in ex))
    im = imaging_list(x, "prose")
    rs = results_sentence(x, "prose", lead="Results: ")
    if im or rs:
        L.append("  Investigations: " + " ".join([sent(s) for s in im] + ([rs] if rs else [])))
    fh = fh_list(x, "prose")
    if fh:
        L.append("  Family history: " + " ".join(sent(s) for s in fh))
    pl = plan_list(x, "prose")
    ask = x.ask("prose")
    L.append("  Plan: " + " ".join([sent(s) for s in pl] + ["Referred to gastroenterology."] + ([ask] if ask else [])))
    L.append("")
    L.append("Therapy (repeat):")
    L.extend(["  " + m for m in x.c.meds] or ["  none"])
    return "\n".join(L)


def r_cegedim(x):
    rng = x.rng
    i = x.i
    P = x.P
    F = x.c.F
    ld = i["letter_date"]
    L = ["Cegedim Healthcare - Clinical Record Print", "%s, %s" % (i["practice"], i["practice_addr"]), "Printed %s" % x.date(), "",
         "Patient  %s" % x.name("full"), "DOB      %s" % x.dob(), "NHS      %s" % i["nhs"], "Sex      %s" % P["MF"], ""]
    L.append("Observations")
    L.append("%-12s %-12s %-6s %s" % ("Date", "Weight (kg)", "BMI", "BP"))
    h = rng.randrange(152, 188) / 100.0
    if x.c.obs:
        obs = x.c.obs
    else:
        w = rng.randrange(55, 105)
        if F["wl_explained"]:
            obs = [(rng.randrange(200, 300), w + 6), (rng.randrange(90, 150), w + 3), (rng.randrange(0, 10), w)]
        else:
            obs = [(rng.randrange(300, 500), w), (rng.randrange(120, 250), w + pick(rng, [-1, 0, 1])), (rng.randrange(0, 10), w)]
    for days, kg in sorted(obs, key=lambda o: -o[0]):
        d = ld - dt.timedelta(days=days)
        L.append("%-12s %-12s %-6s %s" % (fmt_date(d, "slash"), "%.1f" % kg, "%.1f" % (kg / h / h), "%d/%d" % (rng.randrange(110, 160), rng.randrange(65, 95))))
    L.append("")
    d = ld - dt.timedelta(days=rng.randrange(0, 5))
    L.append("Consultation %s - %s" % (fmt_date(d, "slash"), i["gp"]))
    a = x.age_words("MF") if chance(rng, 0.4) else None
    L.append("  S: " + ((a + "; ") if a else "") + "; ".join(hpc_list(x, "terse")))
    ex = exam_list(x, "terse")
    L.append("  O: " + ("; ".join(ex) if ex else "not examined (telephone)"))
    im = imaging_list(x, "terse")
    frs = x.labs_frags("terse")
    f = x.fitf("terse")
    if f:
        frs.append(f)
    if im or frs:
        L.append("  Results: " + "; ".join(im + frs))
    pm = pmh_list(x, "terse")
    fh = fh_list(x, "terse")
    if pm or fh:
        L.append("  Hx: " + "; ".join(pm + fh))
    pl = plan_list(x, "terse")
    ask = x.ask("terse")
    L.append("  A/P: " + "; ".join(pl + ["refer gastroenterology"]) + "." + ((" " + ask) if ask else ""))
    L.append("")
    L.append("Current medication: " + ("; ".join(x.c.meds) if x.c.meds else "none"))
    L.append("Problems: " + ("; ".join(x.c.pmh) if x.c.pmh else "none"))
    return "\n".join(L)


# ---------------------------------------------------------------------------
# writers other than the usual GP
# ---------------------------------------------------------------------------
def letter_frame(x, head_lines, sal, paras, sign_name, sign_role, extra_after=None):
    out = "\n".join(head_lines) + "\n\n" + sal + "\n\n" + "\n\n".join(paras)
    out += "\n\n" + "%s\n\n%s\n%s" % (pick(x.rng, ["Yours sincerely,", "Kind regards,", "Many thanks,"]), sign_name, sign_role)
    if extra_after:
        out += "\n\n" + extra_after
    return out


def r_pharmacist(x):
    rng = x.rng
    i = x.i
    P = x.P
    intro = pick(rng, ["I am the practice clinical pharmacist and saw %s during a structured medication review.",
                       "I am writing as the clinical pharmacist at %s; %s came to my clinic for a medicines review." % (i["practice"], "%s")])
    intro = intro % x.name("title")
    a = x.age_words("years")
    if a:
        intro += " %s is %s old." % (P["He"], a)
    paras = prose_paras(x, intro, closing_extra=["I have discussed this with %s, who agrees with the referral." % i["gp"]])
    head = practice_header(x) + ["", x.date(), "", pt_block(x, "line")]
    return letter_frame(x, head, "Dear Gastroenterology Team,", paras, i["clin"], "Clinical Pharmacist (Independent Prescriber)")


def r_anp(x):
    rng = x.rng
    i = x.i
    P = x.P
    head = ["%s - same-day access clinic" % i["practice"], "Date: %s" % x.date(), "",
            "Patient: %s   DOB: %s   NHS: %s" % (x.name("full"), x.dob(), i["nhs"])]
    a = x.age_words("yo")
    S = "S - Situation: I saw %s%s in my clinic." % (x.name("title"), (", %s %s %s," % (indef(a), a, P["man"])) if a else "")
    hp = [sent(s) for s in hpc_list(x, "prose")]
    B = "B - Background: " + (" ".join(sent(s) for s in pmh_list(x, "prose")) + " " if pmh_list else "") + \
        ("PMH: %s. " % ", ".join(x.c.pmh) if x.c.pmh else "No significant past history. ") + \
        ("Meds: %s." % "; ".join(x.c.meds) if x.c.meds else "No regular medication.")
    ex = exam_list(x, "prose")
    im = imaging_list(x, "prose")
    rs = results_sentence(x, "prose")
    fh = fh_list(x, "prose")
    A = "A - Assessment: " + " ".join(hp + [sent(s) for s in ex + im] + ([rs] if rs else []) + [sent(s) for s in fh])
    pl = [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    Rr = "R - Recommendation: " + " ".join(pl + ([ask] if ask else ["Referral for specialist review."]))
    return "\n".join(head) + "\n\n" + "\n\n".join([S, B.replace("  ", " "), A, Rr]) + "\n\n%s\nAdvanced Nurse Practitioner\n%s" % (i["clin"], i["practice"])


def r_paramedic(x):
    rng = x.rng
    i = x.i
    P = x.P
    ld = i["letter_date"]
    L = ["HOME VISIT RECORD - Paramedic Practitioner (Primary Care)", "%s" % i["practice"], "Visit date: %s" % x.date(), "",
         "Patient: %s, DOB %s, NHS %s" % (x.name("full"), x.dob(), i["nhs"]), "Address: %s" % i["address"], ""]
    a = x.age_words(pick(rng, ["yo", "y/o"]))
    L.append("Reason for visit: housebound %s%s, request from family for review." % ((a + " ") if a else "", P["man"]))
    L.append("")
    L.append("History:")
    for s in hpc_list(x, "prose"):
        L.append("- " + sent(s))
    L.append("")
    L.append("Observations: RR %d, SpO2 %d%% on air, HR %d, BP %d/%d, Temp %.1f, ACVPU Alert. NEWS2 %d." % (
        rng.randrange(14, 20), rng.randrange(94, 99), rng.randrange(62, 96), rng.randrange(110, 150), rng.randrange(62, 88),
        rng.randrange(360, 375) / 10.0, rng.randrange(0, 3)))
    ex = exam_list(x, "prose")
    if ex:
        L.append("Examination: " + " ".join(sent(s) for s in ex))
    im = imaging_list(x, "prose")
    rs = results_sentence(x, "prose", lead="Bloods (taken by practice nurse): ")
    if im or rs:
        L.append(" ".join([sent(s) for s in im] + ([rs] if rs else [])))
    pm = pmh_list(x, "prose")
    L.append("")
    L.append("Background: " + " ".join([sent(s) for s in pm] + (["PMH: " + ", ".join(x.c.pmh) + "."] if x.c.pmh else [])) +
             (" Meds: " + "; ".join(x.c.meds) + "." if x.c.meds else ""))
    fh = fh_list(x, "prose")
    if fh:
        L.append("Family: " + " ".join(sent(s) for s in fh))
    L.append("")
    pl = [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    L.append(("Impression / plan: Discussed with %s (duty GP) who asked me to complete the referral. %s" % (i["gp"], " ".join(pl + ([ask] if ask else [])))).rstrip())
    L.append("")
    L.append("%s, Paramedic Practitioner" % i["clin"])
    return "\n".join(L)


CARE_HOMES = ["Larchfield Nursing Home", "The Beeches Care Home", "Moorview Residential & Nursing", "St Hilda's House"]


def r_carehome(x):
    rng = x.rng
    i = x.i
    P = x.P
    home = pick(rng, CARE_HOMES)
    L = [home, "Nursing office - direct line %s" % i["phone"], x.date(), "", "To: Gastroenterology (via %s, %s)" % (i["gp"], i["practice"]), "",
         "Resident: %s   DOB: %s   NHS: %s   Room %d" % (x.name("full"), x.dob(), i["nhs"], rng.randrange(1, 40))]
    a = x.age_words("aged") if chance(rng, 0.6) else None
    ny = rng.randrange(1, 6)
    intro = "I am the nurse in charge at %s. %s%s has lived with us for %s and has %s." % (
        home, x.name("title"), (", " + a + ",") if a else "", "a year" if ny == 1 else words(ny) + " years",
        pick(rng, ["mild dementia but can give a reasonable account", "vascular dementia, so much of this history is from the care staff",
                   "good cognition and gave this history herself" if P["he"] == "she" else "good cognition and gave this history himself"]))
    paras = prose_paras(x, intro, closing_extra=["%s reviewed %s on the ward round and asked us to send this referral." % (i["gp"], P["him"])])
    return "\n".join(L) + "\n\n" + "\n\n".join(paras) + "\n\n%s RGN\nNurse in charge, %s" % (i["clin"], home)


def r_registrar(x):
    rng = x.rng
    i = x.i
    intro = intro_sentence(x, pick(rng, ["I am a GP registrar (ST3) and saw %s today", "I would be grateful if you would see %s, whom I saw in my surgery as a GP trainee"]))
    paras = prose_paras(x, intro, closing_extra=["I discussed %s with my clinical supervisor, %s, before referring." % (x.P["him"], i["gp"])])
    head = practice_header(x, with_code=False) + ["", x.date(), "", pt_block(x)]
    return letter_frame(x, head, pick(rng, ["Dear Doctor,", "Dear Colleague,"]), paras, "Dr %s" % i["clin"], "GP Specialty Registrar (ST3), supervised by %s" % i["gp"])


def r_locum(x):
    rng = x.rng
    i = x.i
    P = x.P
    a = x.age_words(pick(rng, ["yo", "MF"]))
    line1 = "Locum GP letter - %s - %s" % (i["practice"], x.date())
    pt = "%s, DOB %s, NHS %s" % (x.name("full"), x.dob(), i["nhs"])
    bits = ["Seen today as a locum." + ((" " + a + ".") if a else "")]
    bits += [sent(s) for s in hpc_list(x, "prose")]
    bits += [sent(s) for s in pmh_list(x, "prose") + exam_list(x, "prose") + imaging_list(x, "prose") + fh_list(x, "prose")]
    rs = results_sentence(x, "prose")
    if rs:
        bits.append(rs)
    bits += [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    if ask:
        bits.append(ask)
    bits.append("I am not here next week, so please send any reply to the practice rather than to me.")
    return line1 + "\n" + pt + "\n\nDear Colleague,\n\n" + " ".join(bits).replace(". ", ". ", 1) + "\n\nDr %s (locum), GMC %d" % (i["clin"], rng.randrange(4000000, 7999999))


def r_private_gp(x):
    rng = x.rng
    i = x.i
    P = x.P
    clinic = pick(rng, ["Harrowgate Private GP Clinic", "Wellside Private Medical", "The Kingsgate Clinic (private general practice)"])
    head = [clinic, "Consulting rooms, 4 Wellington Place", "Tel 0300 %03d %04d" % (rng.randrange(1000), rng.randrange(10000)), "", x.date(), "",
            "Private and confidential", "", pt_block(x, "lines"), "NHS GP: %s, %s" % (i["gp"], i["practice"])]
    intro = intro_sentence(x, pick(rng, ["Thank you for seeing %s, who consulted me privately this week", "I saw %s in my private practice"]))
    paras = prose_paras(x, intro, closing_extra=["%s would prefer to be seen on the NHS and I have copied this letter to %s NHS GP." % (P["He"], P["his"])])
    return letter_frame(x, head, "Dear Colleague,", paras, "Dr %s MRCGP" % i["clin"], "Private General Practitioner")


def r_matron(x):
    rng = x.rng
    i = x.i
    P = x.P
    head = ["Community Matron - Long Term Conditions Team", "%s locality" % i["town"], "Date: %s" % x.date(), "",
            "Patient: %s, DOB %s, NHS %s" % (x.name("full"), x.dob(), i["nhs"]), "GP: %s, %s" % (i["gp"], i["practice"])]
    a = x.age_words("yo")
    intro = "I am the community matron for %s%s and have been visiting at home for %s." % (
        x.name("title"), (", " + indef(a) + " " + a + " " + P["man"] + (" with frailty," if x.i["age"] >= 70 else ",")) if a else "",
        pick(rng, ["heart failure", "COPD", "frailty and falls"] if x.i["age"] >= 65 else ["multiple sclerosis", "severe COPD", "a spinal cord injury"]))
    paras = prose_paras(x, intro, closing_extra=["This has been agreed with %s." % i["gp"]], bg_style="list")
    return letter_frame(x, head, "Dear Gastroenterology Team,", paras, i["clin"], "Community Matron (RGN, MSc)")


def r_ae_discharge(x):
    rng = x.rng
    i = x.i
    P = x.P
    ld = i["letter_date"]
    dd = ld - dt.timedelta(days=rng.randrange(2, 9))
    unit = pick(rng, ["Emergency Department", "Urgent Treatment Centre"])
    cover = ["%s" % i["practice"], x.date(), "", pick(rng, ["Dear Colleague,", "Dear Gastroenterology,"]), "",
             "Re: %s, DOB %s, NHS %s" % (x.name("full"), x.dob(), i["nhs"]), ""]
    a = x.age_words("yo")
    cov = "%s attended the %s on %s and the discharge summary below asks us to refer to you. I have reviewed %s since." % (
        x.name("title"), unit.lower() if unit.startswith("Urgent") else "Emergency Department", fmt_date(dd, "long"), P["him"])
    fh = fh_list(x, "prose")
    pm = pmh_list(x, "prose")
    pl = [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    cover.append(" ".join([cov] + [sent(s) for s in pm + fh] + pl + ([ask] if ask else [])))
    cover.append("")
    cover.append("Regards,\n%s" % i["gp"])
    ed = ["", "-" * 60, "%s DISCHARGE SUMMARY" % unit.upper(), "Cottonmill General Hospital", "Arrival: %s %02d:%02d   Discharged: same day" % (fmt_date(dd, "slash"), rng.randrange(0, 24), rng.randrange(60)),
          "Patient: %s  Hospital no: %s" % (x.name("caps"), i["hosp_no"]), ""]
    ed.append("Presenting complaint: " + x.c.reason)
    ed.append("History: " + ((a + " " + P["man"] + ". ") if a else "") + " ".join(sent(s) for s in hpc_list(x, "prose")))
    ex = exam_list(x, "prose")
    ed.append("Examination: " + (" ".join(sent(s) for s in ex) if ex else "Obs stable, NEWS 0. Abdomen soft."))
    im = imaging_list(x, "prose")
    rs = results_sentence(x, "prose", lead="Investigations: ")
    ed.append(" ".join([sent(s) for s in im] + ([rs] if rs else ["Investigations: bloods sent, see ICE."])))
    ed.append("Diagnosis: %s - for outpatient follow-up" % x.c.reason)
    ed.append("GP actions: please refer to gastroenterology.")
    ed.append("Medication on discharge: " + ("; ".join(x.c.meds) if x.c.meds else "no changes"))
    ed.append("Discharging clinician: Dr %s, ED registrar" % pick(rng, CLIN_SURN))
    ed.append("-" * 60)
    return "\n".join(cover + ed)


def r_nhs111(x):
    rng = x.rng
    i = x.i
    P = x.P
    ld = i["letter_date"]
    d1 = ld - dt.timedelta(days=rng.randrange(3, 12))
    a = x.age_words("years")
    L = ["%s - referral" % i["practice"], x.date(), "", "Dear Colleague,", "",
         "Re: %s, DOB %s, NHS %s" % (x.name("full"), x.dob(), i["nhs"]), ""]
    ex = exam_list(x, "prose")
    im = imaging_list(x, "prose")
    rs = results_sentence(x, "prose", lead="Bloods since then: ")
    pm = pmh_list(x, "prose")
    fh = fh_list(x, "prose")
    pl = [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    cov = "%s rang NHS 111 out of hours; the encounter report is copied below. I spoke to %s the following day." % (x.name("title"), P["him"])
    L.append(" ".join([cov] + [sent(s) for s in ex + im] + ([rs] if rs else []) + [sent(s) for s in pm + fh] + pl + ([ask] if ask else [])))
    L.append("")
    L.append("%s, GP" % i["gp"])
    L += ["", "=" * 56, "NHS 111 ENCOUNTER REPORT (copy)", "Call date/time: %s %02d:%02d" % (fmt_date(d1, "slash"), rng.randrange(18, 24), rng.randrange(60)),
          "Patient: %s   Age: %s   Sex: %s" % (x.name("caps"), a if a else "see DOB", P["sexw"]),
          "Caller: %s" % pick(rng, ["patient", "patient's %s" % P["spouse"], "patient's %s" % P["child"]]),
          "Pathway: " + PATHWAY_111.get(x.c.items[0]["fact"].split(",")[0], "Abdominal pain or discomfort"),
          "Call handler notes:"]
    for s in hpc_list(x, "prose"):
        L.append("  > " + sent(s))
    L += ["Disposition: Contact own GP practice within 24 hours", "Care advice given: worsening instructions", "=" * 56]
    return "\n".join(L)


PATHWAY_111 = {"rectal_bleeding": "Rectal bleeding", "haematemesis": "Vomiting blood", "bloody_diarrhoea": "Diarrhoea",
               "cibh": "Diarrhoea / change in bowel habit", "abdo_pain": "Abdominal pain", "bloating": "Abdominal pain or discomfort",
               "diarrhoea": "Diarrhoea", "known_ibd": "Diarrhoea"}
RELATIVES = {"F": ["daughter", "son", "husband", "niece", "paid carer"], "M": ["daughter", "son", "wife", "nephew", "paid carer"]}


def r_relative(x):
    rng = x.rng
    i = x.i
    P = x.P
    rel = pick(rng, RELATIVES[x.c.F["sex"]])
    intro = intro_sentence(x) + " " + pick(rng, [
        "Most of this history comes from %s %s, who lives with %s, as %s is rather hard of hearing." % (P["his"], rel, P["him"], P["he"]),
        "%s %s came with %s and gave much of the history." % (P["His"], rel, P["him"]),
        "The history was given largely by %s %s over the telephone, and confirmed with %s afterwards." % (P["his"], rel, P["him"])])
    paras = prose_paras(x, intro, closing_extra=["%s %s would like to be contacted about the appointment (number on the record)." % (P["His"], rel)])
    head = practice_header(x) + ["", x.date(), "", pt_block(x)]
    return letter_frame(x, head, pick(rng, ["Dear Doctor,", "Dear Colleague,"]), paras, i["gp"], "GP")


LANGS = ["Polish", "Urdu", "Romanian", "Bengali (Sylheti)", "Arabic", "Tigrinya", "Punjabi", "Portuguese"]


def r_interpreter(x):
    rng = x.rng
    i = x.i
    P = x.P
    lang = pick(rng, LANGS)
    intro = intro_sentence(x) + " " + pick(rng, [
        "The consultation was conducted through %s %s interpreter by telephone (Language Line)." % ("an" if lang[0] in "AEIOU" else "a", lang),
        "We spoke through a face-to-face %s interpreter." % lang,
        "%s speaks little English; a professional %s interpreter was used throughout, not family." % (P["He"], lang)])
    paras = prose_paras(x, intro, closing_extra=["Please book %s %s interpreter for any appointment." % ("an" if lang[0] in "AEIOU" else "a", lang)])
    head = practice_header(x) + ["", x.date(), "", pt_block(x), "Interpreter required: YES - %s" % lang]
    return letter_frame(x, head, "Dear Colleague,", paras, i["gp"], "GP")


def r_two_line(x):
    rng = x.rng
    i = x.i
    P = x.P
    a = x.age_words(pick(rng, ["MF", "yo", "yrs"]))
    hp = hpc_list(x, "terse") + exam_list(x, "terse") + imaging_list(x, "terse") + pmh_list(x, "terse") + fh_list(x, "terse")
    frs = x.labs_frags("terse")
    f = x.fitf("terse")
    if f:
        frs.append(f)
    pl = plan_list(x, "terse")
    ask = x.ask("terse")
    head = "%s | %s | DOB %s | NHS %s | %s" % (x.date("slash"), x.name("full"), x.dob("slash"), i["nhs"], i["practice_code"])
    who = a if a else P["MF"]
    if not a:
        x.note_sex(P["MF"])
    l1 = "%s. %s." % (who, "; ".join(hp + frs + pl))
    l2 = ((ask + " ") if ask else "") + "Thanks, %s" % i["gp"].replace("Dr ", "Dr ")
    return head + "\n" + l1 + "\n" + l2


# ---------------------------------------------------------------------------
# long letters, pasted documents, reasoning
# ---------------------------------------------------------------------------
EXTRA_PMH = ["Appendicectomy (1989)", "Fractured left wrist (2015)", "Cataract surgery right eye (2020)",
             "Pneumonia requiring admission (2018)", "Shingles (2021)", "Tonsillectomy (childhood)",
             "Plantar fasciitis (2019)", "Benign breast cyst aspirated (2012)", "Inguinal hernia repair (2016)",
             "Basal cell carcinoma excised, left cheek (2017)", "Vitamin D deficiency (2020)", "Tennis elbow (2022)"]
EXTRA_MEDS = ["Omega-3 capsules (OTC)", "Co-codamol 8/500 PRN", "Vitamin D 1000 units OD", "Gaviscon Advance PRN",
              "Aqueous cream", "Hydroxocobalamin injections 3-monthly", "Naproxen 250mg PRN (advised to stop)",
              "Senna 7.5mg ON PRN", "Beclometasone nasal spray", "Clotrimazole cream"]


def r_long(x):
    rng = x.rng
    i = x.i
    P = x.P
    born = i["dob"].year

    def ok_pmh(p):
        m = re.search(r"\((\d{4})\)", p)
        if m and int(m.group(1)) - born < 8:
            return False
        if ("Cataract" in p and i["age"] < 55) or ("Basal cell" in p and i["age"] < 45):
            return False
        return not (P["he"] == "he" and "breast" in p)
    extra_pmh = [p for p in rng.sample([q for q in EXTRA_PMH if ok_pmh(q)], rng.randrange(4, 7))]
    extra_meds = [m for m in rng.sample(EXTRA_MEDS, rng.randrange(3, 6))
                  if not (m.startswith("Gaviscon") and not (x.c.F["dyspepsia"] or x.c.F["reflux"]))
                  and not (m.startswith("Hydroxocobalamin"))]
    hdr = "%s | %s | Tel %s" % (i["practice"], i["practice_addr"], i["phone"])
    L = [hdr, " " * 50 + "Page 1 of 2", "", x.date(), "", "Dear %s," % x.consultant, "", pt_block(x, "lines"), ""]
    a = x.age_words(pick(rng, ["yo", "words"]))
    L.append("I am writing about %s%s, whom I have known for many years. I have set out %s background in full because it is relevant to %s care." % (
        x.name("title"), (", %s %s %s" % (indef(a), a, P["man"])) if a else "", P["his"], P["his"]))
    L.append("")
    L.append("Active problems:")
    for p in x.c.pmh:
        L.append("  - %s" % p)
    L.append("Past / inactive problems:")
    for p in extra_pmh:
        L.append("  - %s" % p)
    for s in pmh_list(x, "prose"):
        L.append("  - %s" % s)
    L.append("")
    L.append("Current medication:")
    for m in x.c.meds + extra_meds:
        L.append("  %s" % m)
    L.append("Allergies: %s" % pick(rng, ["none known", "penicillin - rash", "codeine - vomiting"]))
    L.append("")
    L.append("Consultations over the last two years (summary):")
    ld = i["letter_date"]
    ops = old_problems(x)
    rng.shuffle(ops)
    for d, (h, prob) in zip(consult_dates(x, rng.randrange(2, 4)), ops):
        L.append("  %s: %s (%s)." % (fmt_date(d, "slash"), h, pick(rng, [i["gp2"], "practice nurse", "telephone, " + i["gp2"]])))
    L.append("")
    L.append(pick(rng, ["%s lives %s and remains independent in personal care; %s drives and does %s own shopping." % (
        P["He"], pick(rng, ["with " + P["his"] + " " + P["spouse"], "alone"]), P["he"], P["his"]),
        "%s is a keen walker and until recently managed about three miles a day." % P["He"],
        "%s works part-time and cares for a grandchild two days a week." % P["He"] if x.i["age"] >= 50 else
        "%s works full-time in an office and has two children at primary school." % P["He"]]))
    L.append("")
    L.append("Recent history:")
    hp = hpc_list(x, "prose")
    chunks = [hp[:len(hp) // 2 + 1], hp[len(hp) // 2 + 1:]]
    ds = sorted([rng.randrange(20, 70), rng.randrange(0, 10)], reverse=True)
    for d, ch in zip(ds, chunks):
        if ch:
            L.append("  %s: %s" % (fmt_date(ld - dt.timedelta(days=d), "slash"), " ".join(sent(s) for s in ch)))
    ex = exam_list(x, "prose")
    if ex:
        L.append("")
        L.append("Examination: " + " ".join(sent(s) for s in ex))
    L.append("")
    L.append("--- Continued ---")
    L.append("")
    L.append(hdr)
    L.append("Re: %s   NHS %s" % (x.name("caps"), i["nhs"]) + " " * 10 + "Page 2 of 2")
    L.append("Continued...")
    L.append("")
    im = imaging_list(x, "prose")
    t = results_table(x)
    if im:
        L.append(" ".join(sent(s) for s in im))
    if t:
        L.append("Results:")
        L += ["  " + r for r in t]
    ctxr = [("Sodium", "%d" % rng.randrange(135, 145), "mmol/L", "133-146"), ("Potassium", "%.1f" % (rng.randrange(36, 50) / 10.0), "mmol/L", "3.5-5.3"),
            ("Creatinine", "%d" % rng.randrange(55, 110), "umol/L", "45-110"), ("eGFR", ">60" if chance(rng, 0.6) else "%d" % rng.randrange(45, 60), "mL/min", ">60"),
            ("TSH", "%.1f" % (rng.randrange(8, 40) / 10.0), "mU/L", "0.3-4.2"), ("HbA1c", "%d" % rng.randrange(34, 60), "mmol/mol", "<48")]
    L.append("  Also (same sample): " + ", ".join("%s %s %s" % (a_, b_, c_) for a_, b_, c_, _r in ctxr))
    L.append("  Urinalysis: no blood, no protein. ECG: sinus rhythm.")
    fh = fh_list(x, "prose")
    if fh:
        L.append("")
        L.append("Family history: " + " ".join(sent(s) for s in fh))
    L.append("")
    L.append(pick(rng, ["I have explained that I am asking for a specialist opinion and %s is happy with this." % P["he"],
                        "%s has read this letter and agrees with its contents." % P["He"],
                        "We discussed the options in some detail and %s would like to go ahead with the referral." % P["he"]]))
    L.append("")
    L.append("Social: " + (x.c.social[0] if x.c.social else "lives independently."))
    L.append("")
    pl = [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    reason = reason_phrase(x) or "%s abdominal symptoms" % P["his"]
    L.append(" ".join(["The reason I am writing now is %s." % reason] + pl + ([ask] if ask else [])))
    L.append("")
    L.append(signoff(x))
    L.append("")
    L.append(hdr + "   Page 2 of 2")
    return "\n".join(L)


PAST_LETTERS = [
    # (condition on case, clinic, body, distractor (kind, fact) or None)
    (lambda c: c.F["known_ibd"], "Gastroenterology (IBD) Clinic",
     "Diagnosis: ulcerative colitis / IBD, presented in %d with bloody diarrhoea which settled on treatment. Current status: clinical remission. Plan: continue maintenance therapy; discharged to GP with open access.",
     ("resolved_past", "bloody_diarrhoea")),
    (lambda c: c.F["cirrhosis"], "Hepatology Clinic",
     "Compensated cirrhosis. At this visit there was no ascites and no encephalopathy. Six-monthly ultrasound surveillance via GP. Follow up 12 months.",
     ("resolved_past", "ascites")),
    (lambda c: c.topic == "upper" and not c.F["dysphagia"], "Upper GI Endoscopy Unit",
     "OGD %d: mild antral gastritis, CLO test negative, no Barrett's, no stricture. No dysphagia at that time. Discharged to GP.",
     ("resolved_past", "dysphagia")),
    (lambda c: c.topic == "lower" and not c.F["rectal_mass"] and not c.F["rectal_bleeding"], "Colorectal Clinic",
     "Seen in %d with rectal bleeding. Flexible sigmoidoscopy: grade 1 haemorrhoids only. Bleeding had stopped by the time of review. Discharged.",
     ("resolved_past", "rectal_bleeding")),
    (lambda c: True, "Orthopaedic Clinic",
     "Right knee osteoarthritis. Steroid injection given. Not keen on replacement at present. Discharged to GP.", None),
    (lambda c: True, "Cardiology Clinic",
     "Palpitations; 7-day tape shows occasional ectopics only. Echo normal. Reassured and discharged.", None),
]


def r_clinic_pasted(x):
    rng = x.rng
    i = x.i
    P = x.P
    head = practice_header(x) + ["", x.date(), "", pt_block(x)]
    paras = prose_paras(x, intro_sentence(x), closing_extra=["I have pasted %s last hospital letter below for reference." % P["his"]])
    out = letter_frame(x, head, pick(rng, ["Dear Doctor,", "Dear Colleague,"]), paras, i["gp"], "GP")
    opts = [p for p in PAST_LETTERS if p[0](x.c)]
    cond, clinic, body, dis = opts[0] if chance(rng, 0.7) else pick(rng, opts)
    yr = i["letter_date"].year - rng.randrange(2, 7)
    if "%d" in body:
        body = body % yr
    pd = dt.date(yr, rng.randrange(1, 13), rng.randrange(1, 28))
    past = ["", "=" * 20 + " PASTED: PREVIOUS CLINIC LETTER " + "=" * 20, "%s, Cottonmill General Hospital" % clinic,
            "Clinic date: %s" % fmt_date(pd, "long"), "Dictated: %s   Typed: %s" % (fmt_date(pd + dt.timedelta(days=3), "slash"), fmt_date(pd + dt.timedelta(days=9), "slash")),
            "Dear %s," % i["gp"], "", body, "", "Dr %s, Consultant" % pick(rng, CLIN_SURN), "=" * 72]
    if dis:
        x.dis_out.append(dict(kind=dis[0], fact=dis[1], text=body))
    return out + "\n" + "\n".join(past)


def r_path_pasted(x):
    rng = x.rng
    i = x.i
    P = x.P
    head = practice_header(x) + ["", x.date(), "", pt_block(x)]
    intro = intro_sentence(x)
    # the results travel in the pasted report, not in the letter body
    hp = [sent(s) for s in hpc_list(x, "prose")]
    paras = [" ".join([intro] + hp)]
    rest = [sent(s) for s in pmh_list(x, "prose") + exam_list(x, "prose") + imaging_list(x, "prose") + fh_list(x, "prose")]
    if rest:
        paras.append(" ".join(rest))
    pl = [sent(s) for s in plan_list(x, "prose")]
    ask = x.ask("prose")
    paras.append(" ".join(["The latest results are pasted below."] + pl + ([ask] if ask else [])))
    if x.c.meds:
        paras.append("Medication: " + "; ".join(x.c.meds))
    out = letter_frame(x, head, "Dear Colleague,", paras, i["gp"], "GP")
    ld = i["letter_date"]
    cd = ld - dt.timedelta(days=rng.randrange(3, 20))
    rep = ["", "---------------- pathology report (copied from ICE) ----------------",
           "COTTONMILL PATHOLOGY - BLOOD SCIENCES", "Patient: %s   NHS: %s" % (x.name("caps"), i["nhs"]),
           "Collected: %s %02d:%02d   Reported: %s" % (fmt_date(cd, "slash"), rng.randrange(8, 12), rng.randrange(60), fmt_date(cd + dt.timedelta(days=1), "slash")),
           "Requesting clinician: %s (%s)" % (i["gp"], i["practice_code"]), ""]
    rep += results_table(x)
    rep += ["", pick(rng, ["Comment: results phoned to surgery.", "Comment: please interpret in clinical context.", "Authorised by: Biomedical Scientist"]),
            "-------------------------------------------------------------------"]
    return out + "\n" + "\n".join(rep)


def r_ddx(x):
    rng = x.rng
    i = x.i
    P = x.P
    head = practice_header(x) + ["", x.date(), "", pt_block(x)]
    intro = intro_sentence(x)
    paras = [" ".join([intro] + [sent(s) for s in hpc_list(x, "prose")])]
    rest = [sent(s) for s in pmh_list(x, "prose") + exam_list(x, "prose") + imaging_list(x, "prose") + fh_list(x, "prose")]
    rs = results_sentence(x, "prose")
    if rs:
        rest.append(rs)
    if rest:
        paras.append(" ".join(rest))
    ddx = {"lower": "Ddx: haemorrhoids vs IBD vs ?colorectal malignancy", "upper": "Ddx: functional dyspepsia vs peptic ulcer vs ?oesophagogastric malignancy",
           "liver": "Ddx: fatty liver vs alcohol vs drug-induced vs ?biliary obstruction", "ibd": "Ddx: IBD vs infective colitis vs microscopic colitis",
           "general": "Ddx: IBS vs coeliac vs IBD"}[x.c.topic]
    think = pick(rng, ["I do not think this is cancer, but I would value your opinion.", "I would be grateful if you could exclude anything serious.",
                       "I have reassured %s, but %s would like a specialist view." % (P["him"], P["he"]), "I cannot rule out something more serious."])
    if x.c.ddx:
        ddx = c_fmt(x.c.ddx, P)
        x.c.ddx = None
    pl = [sent(s) for s in plan_list(x, "prose")]
    paras.append(sent(ddx) + " " + think + (" " + " ".join(pl) if pl else ""))
    qs = ["Questions:", "1. Does %s need endoscopic investigation, and how soon?" % P["he"], "2. Is there anything I should start in the meantime?"]
    paras.append("\n".join(qs))
    paras.append("What %s wants: %s" % (P["he"], pick(rng, ["an explanation and reassurance.", "to know whether this is serious.",
                                                          "to avoid a camera test if possible.", "to get back to work."])))
    ask = x.ask("prose")
    tail = []
    if x.c.pmh or x.c.meds:
        tail.append("Background: " + "; ".join(x.c.pmh + x.c.meds) + ".")
    if ask:
        tail.append(ask)
    if tail:
        paras.append(" ".join(tail))
    return letter_frame(x, head, "Dear Colleague,", paras, i["gp"], "GP")


RENDER = {
    "gp_dear_doctor": r_gp_dear_doctor, "gp_ers_structured": r_gp_ers, "gp_concise": r_gp_concise,
    "ng12_lgi_form_brackets": r_lgi2ww_brackets, "ng12_ugi_form_yes_no": r_ugi2ww_yesno,
    "ng12_lgi_form_yn_columns": r_lgi2ww_yncols, "ng12_form_tick_char": r_ng12_tick, "ng12_form_asterisk": r_ng12_asterisk,
    "straight_to_test_table": r_stt_form, "ida_pathway_tab_form": r_ida_form, "lft_pathway_dotted_form": r_lft_form,
    "pathway_form_answers_below": r_pathway_below, "advice_guidance_boxed_form": r_ag_form,
    "emis_extract": r_emis, "systmone_extract_results_table": r_systmone, "vision_extract": r_vision,
    "cegedim_extract_observations": r_cegedim, "practice_pharmacist": r_pharmacist, "anp_sbar": r_anp,
    "paramedic_home_visit": r_paramedic, "care_home_nurse": r_carehome, "gp_registrar": r_registrar,
    "locum_gp": r_locum, "private_gp": r_private_gp, "community_matron": r_matron,
    "ed_utc_discharge_forwarded": r_ae_discharge, "nhs111_summary_forwarded": r_nhs111,
    "history_from_relative_or_carer": r_relative, "via_interpreter": r_interpreter, "two_line_note": r_two_line,
    "long_two_page_letter": r_long, "clinic_letter_pasted": r_clinic_pasted, "pathology_report_pasted": r_path_pasted,
    "gp_reasoning_ddx": r_ddx,
}

# (style, target count, compatible rules {rule: cap or None} or None for any, gp level fixed / allowed)
ALL = None
STYLES = [
    ("gp_dear_doctor", 38, ALL, None),
    ("gp_ers_structured", 32, ALL, None),
    ("gp_concise", 30, ALL, None),
    ("ng12_lgi_form_brackets", 8, {"U2": 2, "U3": 3, "U4": 2, "U6": 2, "U8": 3, "O6": 2, "A1": 1}, ["urgent_suspected_cancer"]),
    ("ng12_ugi_form_yes_no", 7, {"U1": 3, "U5": 3, "O1": 2, "A2": 2}, ["urgent_suspected_cancer"]),
    ("ng12_lgi_form_yn_columns", 7, {"U3": 3, "U4": 2, "U8": 3, "O6": 2, "U2": 2}, ["urgent_suspected_cancer"]),
    ("ng12_form_tick_char", 6, {"U1": 2, "U5": 2, "U3": 2, "U8": 2, "O1": 1, "O6": 1}, ["urgent_suspected_cancer"]),
    ("ng12_form_asterisk", 6, {"U1": 2, "U3": 2, "U4": 2, "U8": 2, "A2": 1, "O6": 2}, ["urgent_suspected_cancer"]),
    ("straight_to_test_table", 7, {"U3": 2, "U4": 2, "U8": 2, "U1": 2, "U5": 2, "O1": 1, "O6": 1}, ["urgent_suspected_cancer"]),
    ("ida_pathway_tab_form", 6, {"U4": 4, "D": 2}, ["urgent_suspected_cancer", "urgent", "routine"]),
    ("lft_pathway_dotted_form", 7, {"O5": 3, "R2": 2, "U7": 2, "D": 2}, ["urgent", "routine", "advice_and_guidance"]),
    ("pathway_form_answers_below", 7, {"O4": 3, "A2": 2, "O1": 2, "D": 2}, ["routine", "advice_and_guidance", "urgent"]),
    ("advice_guidance_boxed_form", 8, {"O3": 3, "A1": 2, "A2": 2, "A3": 2, "O5": 1, "O4": 1, "O2": 1, "D": 1, "R1": 1}, ["advice_and_guidance"]),
    ("emis_extract", 7, ALL, None),
    ("systmone_extract_results_table", 7, {"U4": 2, "O5": 2, "R2": 1, "O2": 2, "R1": 2, "U3": 2, "O4": 1, "D": 1, "U7": 1}, None),
    ("vision_extract", 6, ALL, None),
    ("cegedim_extract_observations", 6, {"U5": 2, "U8": 2, "U1": 2, "D": 1, "O6": 1, "A1": 1, "O1": 1}, None),
    ("practice_pharmacist", 6, {"O1": 2, "A2": 2, "U4": 1, "O5": 2, "O3": 2, "D": 1, "O4": 1}, None),
    ("anp_sbar", 6, ALL, None),
    ("paramedic_home_visit", 6, {"U1": 1, "U6": 2, "U7": 2, "R2": 2, "R3": 1, "U8": 1, "U4": 1}, None),
    ("care_home_nurse", 6, {"U4": 2, "U7": 1, "U8": 1, "U1": 1, "D": 1, "O1": 1, "U6": 1}, None),
    ("gp_registrar", 7, ALL, None),
    ("locum_gp", 6, ALL, None),
    ("private_gp", 6, ALL, None),
    ("community_matron", 5, {"R2": 2, "U7": 1, "U6": 1, "U4": 1, "U8": 1, "D": 1}, None),
    ("ed_utc_discharge_forwarded", 6, {"R3": 3, "R1": 2, "U7": 1, "R2": 1, "U6": 1}, None),
    ("nhs111_summary_forwarded", 5, {"R3": 2, "R1": 2, "U8": 1, "A1": 1, "O6": 1}, None),
    ("history_from_relative_or_carer", 6, {"U1": 1, "U7": 1, "U4": 1, "U8": 1, "R2": 1, "D": 1, "O1": 1, "U6": 1}, None),
    ("via_interpreter", 6, ALL, None),
    ("two_line_note", 8, {"U3": 2, "U4": 1, "O4": 1, "O5": 1, "A2": 1, "A3": 1, "D": 1, "O2": 1, "R1": 1}, None),
    ("long_two_page_letter", 7, ALL, None),
    ("clinic_letter_pasted", 6, {"O3": 2, "R2": 1, "O1": 1, "U1": 1, "O6": 1, "O5": 1, "U3": 1}, None),
    ("pathology_report_pasted", 6, {"U4": 1, "O4": 1, "O5": 2, "U3": 1, "R2": 1, "O2": 1, "R1": 1}, None),
    ("gp_reasoning_ddx", 7, {"A1": 2, "O6": 2, "U8": 1, "R1": 1, "O2": 1, "D": 1, "U3": 1}, None),
]
PLAIN = {"gp_dear_doctor", "gp_ers_structured", "gp_concise"}
NULL_OK = {"emis_extract", "systmone_extract_results_table", "vision_extract", "cegedim_extract_observations",
           "two_line_note", "nhs111_summary_forwarded", "care_home_nurse", "paramedic_home_visit", "locum_gp"}

STYLE_VARIANTS = {
    ("ida_pathway_tab_form", "D"): ["irondef_no_anaemia", "anaemia_normal_ferritin"],
    ("lft_pathway_dotted_form", "D"): ["isolated_alp", "jaundice_young", "compensated_cirrhosis", "hbv"],
    ("lft_pathway_dotted_form", "O5"): ["alt"], ("lft_pathway_dotted_form", "R2"): ["alt", "ascites"],
    ("pathway_form_answers_below", "D"): ["coeliac_neg", "dyspepsia_older_noppi"],
    ("advice_guidance_boxed_form", "D"): ["ibs_notest", "hbv", "coeliac_neg"],
    ("advice_guidance_boxed_form", "R1"): ["calpro"],
    ("two_line_note", "D"): ["irondef_no_anaemia", "hbv", "nausea"],
    ("two_line_note", "R1"): ["calpro"],
    ("care_home_nurse", "D"): ["anaemia_normal_ferritin", "dyspepsia_older_noppi"],
    ("community_matron", "D"): ["anaemia_normal_ferritin", "wl_alone"],
    ("history_from_relative_or_carer", "D"): ["anaemia_normal_ferritin", "dyspepsia_older_noppi", "wl_alone"],
    ("nhs111_summary_forwarded", "U8"): ["rb"], ("nhs111_summary_forwarded", "O6"): ["rb", "young_rb"],
    ("nhs111_summary_forwarded", "R1"): ["bd", "flare"], ("ed_utc_discharge_forwarded", "R1"): ["bd", "flare"],
    ("systmone_extract_results_table", "D"): ["anaemia_normal_ferritin", "irondef_no_anaemia", "isolated_alp"],
    ("systmone_extract_results_table", "R2"): ["alt"], ("systmone_extract_results_table", "R1"): ["calpro"],
    ("pathology_report_pasted", "R2"): ["alt"], ("pathology_report_pasted", "R1"): ["calpro"],
    ("pathology_report_pasted", "O5"): ["alt"],
    ("clinic_letter_pasted", "R2"): ["ascites", "confusion"],
    ("paramedic_home_visit", "R2"): ["ascites", "confusion"], ("community_matron", "R2"): ["ascites", "confusion"],
    ("history_from_relative_or_carer", "R2"): ["confusion", "ascites"],
    ("gp_reasoning_ddx", "D"): ["ibs_notest", "rb_young_nofit", "cibh_55_59"],
    ("cegedim_extract_observations", "D"): ["wl_alone"], ("cegedim_extract_observations", "U8"): ["wlpain"],
    ("cegedim_extract_observations", "U1"): ["progressive"],
    ("ng12_lgi_form_brackets", "U8"): ["rb", "wlpain", "cibh"],
}
ELDERLY = {"paramedic_home_visit", "care_home_nurse", "community_matron", "history_from_relative_or_carer"}


# ---------------------------------------------------------------------------
# assignment of rules, variants and styles to letter slots
# ---------------------------------------------------------------------------
def weighted(rng, items, weights):
    tot = sum(weights)
    r = rng.random() * tot
    for it, w in zip(items, weights):
        r -= w
        if r < 0:
            return it
    return items[-1]


def assign_slots():
    rng = R(SET, "assign")
    remaining = dict(RULE_COUNTS)
    pools = {}
    for r, n in RULE_COUNTS:
        v = list(VARIANTS.get(r, [None] * n))
        assert len(v) == n, (r, len(v), n)
        rng.shuffle(v)
        pools[r] = v
    first = ["ida_pathway_tab_form", "lft_pathway_dotted_form", "pathway_form_answers_below"]
    styles = sorted([s for s in STYLES if s[0] not in PLAIN],
                    key=lambda s: (s[0] not in first, first.index(s[0]) if s[0] in first else 0, s[2] is None))
    slots = []

    def take_variant(style, r):
        pool = pools[r]
        pref = STYLE_VARIANTS.get((style, r))
        if pref:
            cands = [k for k, v in enumerate(pool) if v in pref]
            if cands:
                return pool.pop(pick(rng, cands))
        if style in ELDERLY:
            cands = [k for k, v in enumerate(pool) if (AGES.get((r, v)) or AGES.get(r))[1] >= 75]
            if cands:
                return pool.pop(pick(rng, cands))
            if style in ("ida_pathway_tab_form", "lft_pathway_dotted_form", "pathway_form_answers_below") and r == "D":
                raise RuntimeError("no variant for %s %s" % (style, r))
        return pool.pop(rng.randrange(len(pool)))

    for style, target, compat, _lv in styles:
        used = {}
        for _ in range(target):
            if compat is None:
                cands = [r for r, _n in RULE_COUNTS if remaining[r] > 0]
            else:
                cands = [r for r in sorted(compat) if remaining[r] > 0 and used.get(r, 0) < compat[r]]
                if style in first and "D" in cands:
                    pref = STYLE_VARIANTS.get((style, "D"), [])
                    if not any(v in pref for v in pools["D"]):
                        cands.remove("D")
            r = weighted(rng, cands, [remaining[c] for c in cands])
            remaining[r] -= 1
            used[r] = used.get(r, 0) + 1
            slots.append((style, r, take_variant(style, r)))
    left = []
    for r, _n in RULE_COUNTS:
        left += [r] * remaining[r]
    rng.shuffle(left)
    k = 0
    for style, target, _c, _lv in STYLES:
        if style in PLAIN:
            for _ in range(target):
                r = left[k]
                k += 1
                slots.append((style, r, take_variant(style, r)))
    assert k == len(left) and len(slots) == 300
    rng.shuffle(slots)
    return slots


LEVELS = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
DISAGREE_W = {
    "urgent_suspected_cancer": {"urgent": 5, "routine": 4, "advice_and_guidance": 1},
    "urgent": {"urgent_suspected_cancer": 5, "routine": 4, "advice_and_guidance": 1},
    "routine": {"urgent_suspected_cancer": 4, "urgent": 4, "advice_and_guidance": 2},
    "advice_and_guidance": {"urgent_suspected_cancer": 2, "urgent": 3, "routine": 5},
}


def assign_levels(slots):
    rng = R(SET, "levels")
    allowed = {s[0]: s[3] for s in STYLES}
    levels = [None] * len(slots)
    flexible = []
    fixed_dis = 0
    for n, (style, r, v) in enumerate(slots):
        urg = RULES[r][0]
        al = allowed[style]
        if al is not None and len(al) == 1:
            levels[n] = al[0]
            fixed_dis += al[0] != urg
            continue
        if style in NULL_OK and chance(rng, 0.3):
            levels[n] = None
            continue
        flexible.append(n)
    need = 150 - fixed_dis
    order = list(flexible)
    rng.shuffle(order)
    dis_set = set(order[:need])
    for n in flexible:
        style, r, v = slots[n]
        urg = RULES[r][0]
        al = allowed[style] or LEVELS
        if n in dis_set:
            opts = [l for l in al if l != urg]
            levels[n] = weighted(rng, opts, [DISAGREE_W[urg].get(l, 1) for l in opts])
        else:
            levels[n] = urg if urg in al else pick(rng, al)
    return levels


# ---------------------------------------------------------------------------
# noise in text that carries no fact
# ---------------------------------------------------------------------------
CLIN_WORDS = ["bleed", "blood", "swallow", "dysph", "jaund", "yellow", "weight", "wt", "loss", "mass", "ulcer", "anaem",
              "ferrit", "haem", "hb", "vomit", "diarr", "bowel", "stool", "pain", "reflux", "dyspep", "indigest", "cirrh",
              "ascit", "confus", "calpro", "coeliac", "ttg", "fatty", "liver", "cancer", "colitis", "crohn", "ibd", "family",
              "father", "mother", "brother", "sister", "fit", "ppi", "alt", "priority", "urgent", "routine", "advice",
              "2ww", "week", "sex", "gender", "male", "female", "mrs", "mr ", "miss", "ms ", "age", "born", "dob", "date",
              "yes", " no", "no ", "not", "nil", "neg", "pos", "denies", "-ve", "+", "steat", "ultrasound", "uss", "dyspeps",
              "mass", "?", "x]", "(*)", "\u2713", "| x", "bloat", "habit", "cibh", "pr ", "tenesm", "iron", "ida", "gp"]


def corrupt(word, rng):
    k = rng.randrange(6)
    if k == 0 and len(word) > 4:
        j = rng.randrange(1, len(word) - 2)
        return word[:j] + word[j + 1] + word[j] + word[j + 2:]
    if k == 1 and "l" in word:
        return word.replace("l", "1", 1)
    if k == 2 and "m" in word:
        return word.replace("m", "rn", 1)
    if k == 3 and "o" in word[1:]:
        j = word.index("o", 1)
        return word[:j] + "0" + word[j + 1:]
    if k == 4 and len(word) > 6:
        j = len(word) // 2
        return word[:j] + " " + word[j:]
    j = rng.randrange(1, len(word) - 1)
    return word[:j] + word[j + 1:]


def add_noise(text, protected, rng):
    spans = []
    for p in protected:
        if not p:
            continue
        st = 0
        while True:
            k = text.find(p, st)
            if k < 0:
                break
            spans.append((k, k + len(p)))
            st = k + 1
    lines = text.split("\n")
    pos = 0
    cand = []
    for n, ln in enumerate(lines):
        a, b = pos, pos + len(ln)
        pos = b + 1
        low = ln.lower()
        if not ln.strip() or any(ch.isdigit() for ch in ln):
            continue
        if any(s < b and e > a for s, e in spans):
            continue
        if any(w in low for w in CLIN_WORDS):
            continue
        ws = [w for w in re.findall(r"[A-Za-z]{5,}", ln)]
        if ws:
            cand.append(n)
    rng.shuffle(cand)
    changed = []
    for n in cand[:rng.randrange(1, 4)]:
        ln = lines[n]
        ws = re.findall(r"[A-Za-z]{5,}", ln)
        w = pick(rng, ws)
        w2 = corrupt(w, rng)
        if w2 != w:
            lines[n] = ln.replace(w, w2, 1)
            changed.append((w, w2))
    return "\n".join(lines), changed


# ---------------------------------------------------------------------------
# building one letter
# ---------------------------------------------------------------------------
def age_range(rule, variant, style):
    rg = AGES.get((rule, variant)) or AGES.get(rule)
    lo, hi = rg
    if style in ELDERLY and hi >= 75:
        lo = max(lo, 72)
    return lo, hi


def n_distractors(style, rng):
    if style == "two_line_note":
        return rng.randrange(0, 2)
    if style == "long_two_page_letter":
        return rng.randrange(4, 7)
    if style.startswith("ng12") or style.endswith("_form") or style == "straight_to_test_table":
        return rng.randrange(1, 4)
    return rng.randrange(1, 5)


def build_case(lid, rule, variant, style):
    for attempt in range(400):
        rng = R(SET, lid, "case", attempt)
        lo, hi = age_range(rule, variant, style)
        age = rng.randrange(lo, hi + 1)
        if rule == "U1" and variant == "bolus":
            sex = "M" if chance(rng, 0.75) else "F"
        else:
            sex = pick(rng, ["F", "M"])
        c = Case(rule, age, sex, rng)
        hint = variant if variant not in (None, "sym") else None
        BUILDERS[rule](c, hint)
        if robust_rule(c.F) != rule:
            continue
        add_distractors(c, n_distractors(style, rng))
        if robust_rule(c.F) != rule:
            continue
        return c, attempt
    raise RuntimeError("could not build %s %s %s" % (lid, rule, variant))


POSITIVE_BOOL = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdo_pain", "abdo_pain",
                 "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "cibh", "diarrhoea", "bloating",
                 "bloody_diarrhoea", "cirrhosis", "ascites", "confusion", "haematemesis", "known_ibd", "ibd_stable",
                 "ibd_question", "fatty_liver", "fh_crc", "ttg_raised"]


def render_letter(lid, c, style, level, age_mode, noise):
    idn = make_identity(SET + lid, c.F["age"], c.F["sex"])
    x = Ctx(c, idn, style, SET + lid, level, age_mode, noise)
    text = RENDER[style](x)
    # every fact-carrying piece must have been written
    missing = [it["fact"] for n, it in enumerate(c.items) if n not in x.used_items]
    assert not missing, (lid, style, "items not rendered", missing)
    dmiss = [d["fact"] for n, d in enumerate(c.dis) if "lab" not in d and n not in x.used_dis]
    assert not dmiss, (lid, style, "distractors not rendered", dmiss)
    lmiss = [l["key"] for l in c.labs if id(l) not in x.used_labs]
    assert not lmiss, (lid, style, "labs not rendered", lmiss)
    assert c.fit is None or x.fit_used, (lid, style, "fit not rendered")
    changed = []
    if noise:
        prot = [e[1] for e in x.ev] + [v["evidence"] for v in x.vals] + [d["text"] for d in x.dis_out] + \
               [a[1] for a in x.age_ev] + x.sex_ev + x.gp_ev + [idn["nhs"]]
        text, changed = add_noise(text, prot, R(SET, lid, "noise"))
    for f, s in x.ev:
        assert s in text, (lid, style, f, s)
    for v in x.vals:
        assert v["evidence"] in text, (lid, style, v)
    for d in x.dis_out:
        assert d["text"] in text, (lid, style, d)
    for k, s in x.age_ev:
        assert s in text, (lid, k, s)
    for s in x.gp_ev:
        assert s in text, (lid, s)
    evf = {f for f, _ in x.ev} | {d["fact"] for d in x.dis_out if d["kind"] == "family_history"}
    evf |= {"ttg_raised" for v in x.vals if v["name"] == "ttg" and v["role"] == "fact"}
    for k in POSITIVE_BOOL:
        if c.F[k]:
            assert k in evf, (lid, style, "no evidence for", k, evf)
    return text, x, idn, changed


def meta_for(lid, c, style, level, age_mode, x, idn, changed, attempt, variant):
    F = c.F
    facts = {k: F[k] for k in POSITIVE_BOOL + ["wl_explained", "constipation_longstanding", "abdo_site", "ppi_weeks",
                                                "persist_on_ppi"]}
    facts["age"] = F["age"]
    facts["sex"] = F["sex"]
    facts["other_symptoms"] = list(F["other_symptoms"])
    facts["uncertain_mentions"] = list(F["uncertain"])
    facts["fit_status"] = F["fit_status"]
    evidence = {}
    for f, s in x.ev:
        evidence.setdefault(f, [])
        if s not in evidence[f]:
            evidence[f].append(s)
    return dict(
        id=lid, rule=c.rule, variant=c.variant or variant, style=style, gp_priority_level=level,
        age_info=dict(age=F["age"], age_mode=age_mode,
                      stated=[s for k, s in x.age_ev if k == "stated"],
                      dob=[s for k, s in x.age_ev if k == "dob"],
                      letter_date=[s for k, s in x.age_ev if k == "letter_date"],
                      dob_iso=idn["dob"].isoformat(), letter_date_iso=idn["letter_date"].isoformat()),
        sex_evidence=sorted(set(x.sex_ev)),
        facts=facts, evidence=evidence, values=x.vals, distractors=x.dis_out,
        gp_priority_evidence=x.gp_ev, nhs_number=idn["nhs"], noise=[list(cw) for cw in changed], build_attempt=attempt)


def main():
    slots = assign_slots()
    levels = assign_levels(slots)
    rng = R(SET, "modes")
    noise_ids = set(rng.sample(range(300), 30))
    letters, metas = [], []
    for n, (style, rule, variant) in enumerate(slots):
        lid = "%s-%04d" % (SET, n + 1)
        c, attempt = build_case(lid, rule, variant, style)
        age_mode = "dob_only" if chance(R(SET, lid, "agemode"), 0.2) else "stated"
        level = levels[n]
        text, x, idn, changed = render_letter(lid, c, style, level, age_mode, n in noise_ids)
        urg, pw = RULES[rule]
        letters.append(dict(id=lid, text=text, urgency=urg, pathway=pw, rule=rule, style=style,
                            gp_priority=GP_WORDS[level] if level else None, age=c.F["age"]))
        metas.append(meta_for(lid, c, style, level, age_mode, x, idn, changed, attempt, variant))
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for l in letters:
            fh.write(json.dumps(l, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=False) + "\n")
    h = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    print("wrote %d letters; sha256(letters.jsonl) = %s" % (len(letters), h))


if __name__ == "__main__":
    main()
