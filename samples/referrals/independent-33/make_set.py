#!/usr/bin/env python3
"""make_set.py -- generator of the sealed test set "letters33".

300 synthetic gastroenterology referral letters whose labels follow
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
Emphasis: facts that decide the label through numbers and measurements.

Python 3 standard library only.  Every random choice is drawn from a
random.Random seeded from a string (sha256), so reruns give byte-identical
files.  No set iteration is used for anything that reaches the output.

Outputs (next to this file): letters.jsonl, letters_meta.jsonl.
README.md and second_pass.tsv are written by hand / by the README step.
"""
import datetime as dt
import hashlib
import json
import os
import re
import sys

import random

OUT = os.path.dirname(os.path.abspath(__file__))
SEED = "letters33/v1"


def rng_for(*parts):
    h = hashlib.sha256("::".join([SEED] + [str(p) for p in parts]).encode("utf-8")).hexdigest()
    return random.Random(int(h, 16))


# ---------------------------------------------------------------------------
# labels and the rule engine (generator side; validate_set.py has its own)
# ---------------------------------------------------------------------------
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
URGENCY_RANK = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}

# Ways a careful reader might read a loose word of the spec.  A letter is kept
# only if every combination gives the same rule (so its label never depends on
# how a loose word is read).
READING_KEYS = ["upper_is_abdo", "upper_is_dysp", "a1_strict", "bd_is_rb_cibh", "loose_rb_is_bd"]


def all_readings():
    out = []
    for i in range(2 ** len(READING_KEYS)):
        out.append({k: bool(i >> j & 1) for j, k in enumerate(READING_KEYS)})
    return out


READINGS = all_readings()

SYMPTOM_KEYS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "upper_abdo_pain", "abdo_pain",
                "reflux", "dyspepsia", "weight_loss", "abdo_mass", "jaundice", "rectal_bleeding", "cibh",
                "bloody_diarrhoea", "haematemesis", "bloating", "ascites", "confusion", "other_symptom"]


def decide(f, rd, flip=()):
    s = dict(f["sym"])
    for k in flip:
        s[k] = not s.get(k, False)
    g = lambda k: bool(s.get(k, False))
    age = f["age"]
    male = f["sex"] == "M"
    hb, fer = f["hb"], f["ferritin"]
    anaemia = hb is not None and hb < (130 if male else 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    fit = f["fit"]
    fit_hi = fit is not None and not fit["below10"]
    fit_lo = fit is not None and fit["below10"]
    cal, alt = f["calpro"], f["alt"]
    upper = g("upper_abdo_pain")
    abdo = g("abdo_pain") or (rd["upper_is_abdo"] and upper)
    dysp = g("dyspepsia") or (rd["upper_is_dysp"] and upper)
    reflux = g("reflux")
    wl = g("weight_loss")
    bd = g("bloody_diarrhoea") or (rd["loose_rb_is_bd"] and g("rectal_bleeding") and g("cibh")
                                   and f["cibh_type"] == "loose")
    rb = g("rectal_bleeding") or (rd["bd_is_rb_cibh"] and g("bloody_diarrhoea"))
    cibh = g("cibh") or (rd["bd_is_rb_cibh"] and g("bloody_diarrhoea"))
    ttg = f["ttg"] is not None and f["ttg"]["raised"]
    trd = dysp and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4 and f["ppi_persist"]
    if g("dysphagia"):
        return "U1"
    if g("rectal_mass") or g("anal_mass") or g("anal_ulcer"):
        return "U2"
    if fit_hi:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (upper or reflux or dysp):
        return "U5"
    if g("abdo_mass"):
        return "U6"
    if age >= 40 and g("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and abdo) or (age >= 60 and cibh)):
        return "U8"
    if bd or (cal is not None and cal >= 250):
        return "R1"
    if (g("cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300):
        return "R2"
    if g("haematemesis"):
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if g("ibd_stable_q"):
        return "O3"
    if ttg:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or g("fatty_liver"):
        return "O5"
    a1_sym = abdo or g("bloating") or cibh
    a1_test = (cal is not None and cal < 100) or fit_lo
    other = False
    if rd["a1_strict"]:
        other = any([g("dysphagia"), g("rectal_mass"), g("anal_mass"), g("anal_ulcer"), fit_hi,
                     anaemia, irondef, wl, upper and not rd["upper_is_abdo"], reflux, dysp,
                     g("abdo_mass"), g("jaundice"), rb, bd, cal is not None and cal >= 100,
                     g("cirrhosis"), g("ascites"), g("confusion"), alt is not None and alt >= 40,
                     g("haematemesis"), ttg, g("ibd_stable_q"), g("fatty_liver"), g("ibd_known")])
    if age < 50 and a1_sym and a1_test and not other:
        return "A1"
    if (rb or cibh or abdo) and fit_lo:
        return "O6"
    if age < 55 and (dysp or reflux):
        return "A2"
    if g("fh_crc") and g("asymptomatic") and not any(g(k) for k in SYMPTOM_KEYS):
        return "A3"
    return "D"


def rules_all_readings(f):
    out = []
    vague = list(f.get("vague", []))
    flips = []
    for i in range(2 ** len(vague)):
        flips.append(tuple(v for j, v in enumerate(vague) if i >> j & 1))
    for rd in READINGS:
        for fl in flips:
            out.append(decide(f, rd, fl))
    return out


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else "-" + ONES[o])


def age_on(dob, date):
    return date.year - dob.year - ((date.month, date.day) < (dob.month, dob.day))


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


def fmt_date(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 2:
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == 3:
        return d.strftime("%d.%m.%y")
    if style == 4:
        return d.strftime("%d/%m/%y")
    return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)


def nhs_number(r):
    while True:
        ds = [9, 9, 9] + [r.randrange(10) for _ in range(6)]
        s = sum(dd * w for dd, w in zip(ds, range(10, 1, -1)))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        ds.append(chk)
        t = "".join(map(str, ds))
        return "%s %s %s" % (t[:3], t[3:6], t[6:])


PHONE_AREAS = ["01632 960", "0115 496 0", "0121 496 0", "0161 496 0", "0113 496 0", "0117 496 0",
               "0191 498 0", "020 7946 0"]


def phone(r):
    a = r.choice(PHONE_AREAS)
    n = 3 if a.endswith("960") else 3
    return a + ("%03d" % r.randrange(1000))[:n]


FIRST_F = ["Margaret", "Susan", "Linda", "Patricia", "Janet", "Elaine", "Karen", "Deborah", "Joanne",
           "Nicola", "Sarah", "Emma", "Rachel", "Hannah", "Sophie", "Chloe", "Amira", "Priya", "Fatima",
           "Agnieszka", "Olena", "Grace", "Doreen", "Irene", "Pauline", "Beverley", "Gemma", "Leanne",
           "Zainab", "Mei", "Bronwen", "Siobhan", "Ruth", "Helen", "Yvonne", "Kirsty", "Abigail", "Megan"]
FIRST_M = ["David", "John", "Michael", "Stephen", "Paul", "Gary", "Ian", "Keith", "Trevor", "Colin",
           "Mark", "Darren", "Craig", "Lee", "Jamie", "Ryan", "Callum", "Mohammed", "Imran", "Tomasz",
           "Andrzej", "Kwame", "Rajesh", "Wei", "Dylan", "Owen", "Gareth", "Derek", "Roy", "Frank",
           "Barry", "Graham", "Neil", "Adam", "Liam", "Connor", "Kieran", "Hamza"]
SURNAMES = ["Hughes", "Patel", "Thompson", "Roberts", "Walker", "Wright", "Green", "Hall", "Wood",
            "Clarke", "Jackson", "Turner", "Hill", "Cooper", "Ward", "Morris", "Khan", "Begum",
            "Nowak", "Kowalski", "Okonkwo", "Mensah", "Singh", "Kaur", "Chen", "Murphy", "Kelly",
            "Davies", "Evans", "Jones", "Llewellyn", "MacLeod", "Fraser", "Robertson", "Doyle",
            "Pearce", "Barker", "Holloway", "Ashworth", "Brennan", "Rahman", "Ahmed", "Price",
            "Fletcher", "Sutcliffe", "Whitehead", "Lomax", "Dunn", "Rowe", "Pickering", "Nash"]
GP_NAMES = ["Dr Helen Carter", "Dr Rajiv Menon", "Dr Fiona McAllister", "Dr Tom Ashby",
            "Dr Nadia Hussain", "Dr Peter Lowe", "Dr Claire Benson", "Dr Oluwaseun Adebayo",
            "Dr Gillian Frost", "Dr Simon Hardcastle", "Dr Anjali Rao", "Dr Matthew Kerr",
            "Dr Joanna Pike", "Dr Chris Dalton", "Dr Rebecca Lund", "Dr Imogen Shaw", "Dr Ben Oduya",
            "Dr Lucy Tan", "Dr Alistair Reid", "Dr Sana Mirza", "Dr Jonathan Greaves",
            "Dr Eleanor Vance", "Dr Kofi Boateng", "Dr Harriet Moss", "Dr Daniel Whitfield"]
CONSULTANTS = ["Dr A Okafor", "Dr R Campbell", "Dr S Menezes", "Dr H Walsh", "Dr J Pritchard",
               "Dr L Nakamura", "Dr P Brennan", "Dr K Adeyemi", "Dr E Lindqvist", "Dr M O'Hare"]
HOSPITALS = ["Northfield General Hospital", "St Aidan's University Hospital",
             "Marsh Vale District General Hospital", "Queen Eleanor Hospital",
             "Kingsmead Royal Infirmary", "Harbourside University Hospital"]
PRACTICES = [
    ("Riverside Medical Practice", "14 Mill Lane", "Ashby Wolds", "LE65 2QT", "C82041"),
    ("The Old Forge Surgery", "2 Forge Street", "Little Haddon", "NG31 7PL", "C84107"),
    ("Castlegate Health Centre", "Castlegate", "Brampton", "CA8 1RD", "A82033"),
    ("Moorview Family Practice", "77 Moor Road", "Hebble Bridge", "HX7 5EJ", "B86012"),
    ("St Luke's Surgery", "1 Chapel Walk", "Kingsmead", "KM2 4AB", "M85019"),
    ("Hollybank Medical Centre", "Hollybank Avenue", "Sefton Vale", "L31 9GH", "N84022"),
    ("Westgate Group Practice", "40 Westgate", "Northfield", "NF1 3TT", "P81066"),
    ("Oak Tree Surgery", "Oak Tree Lane", "Marsh Vale", "MV4 8QR", "J82150"),
    ("Harbour Lights Practice", "9 Quay Street", "Harbourside", "HS3 2LW", "L83044"),
    ("Greenhill Medical Group", "Greenhill Road", "Oakworth", "BD22 6LS", "B82077"),
    ("Parkside Surgery", "12 Park Row", "Little Haddon", "NG31 9BD", "C84088"),
    ("Valley View Health", "The Health Centre, Station Road", "Ashby Wolds", "LE65 1AA", "C82099"),
]
STREETS = ["Beech Grove", "Victoria Road", "Church Lane", "Meadow Close", "Albert Street", "The Crescent",
           "Orchard Way", "Mill Road", "Station Approach", "Rosemary Gardens", "Kings Avenue"]
TOWNS = ["Ashby Wolds", "Little Haddon", "Brampton", "Hebble Bridge", "Kingsmead", "Sefton Vale",
         "Northfield", "Marsh Vale", "Harbourside", "Oakworth"]


def postcode(r):
    return "%s%d %d%s%s" % (r.choice(["LE", "NG", "CA", "HX", "KM", "L", "NF", "MV", "HS", "BD"]),
                            r.randrange(1, 40), r.randrange(1, 10), r.choice("ABDEFGHJLNPQRSTUWXY"),
                            r.choice("ABDEFGHJLNPQRSTUWXY"))


TYPOS = [("grateful", "greatful"), ("sincerely", "sincerly"), ("appreciate", "apprecaite"),
         ("colleague", "collegue"), ("receive", "recieve"), ("assessment", "assesment"),
         ("necessary", "neccessary"), ("definitely", "definately"), ("regards", "regrads"),
         ("thank", "thnak"), ("Thank", "Thnak"), ("opinion", "opinon"), ("kindly", "kindy"),
         ("would", "woudl"), ("further", "furhter"), ("because", "becuase"), ("their", "thier"),
         ("appointment", "appointmnet"), ("seeing", "seing"), ("happy", "hapy")]


# ---------------------------------------------------------------------------
# the case: drawn facts, registrations of evidence and distractors
# ---------------------------------------------------------------------------
class Retry(Exception):
    pass


STYLE_AGE = {
    "health_visitor_school_nurse_notes": (18, 45),
    "community_matron_two_visits": (70, 95),
    "armed_forces_medical_officer": (18, 58),
    "private_health_check_doctor": (30, 78),
}


def blank_facts():
    return {"sex": None, "age": None, "sym": {}, "cibh_type": None, "hb": None, "ferritin": None,
            "fit": None, "calpro": None, "alt": None, "ttg": None, "ppi_weeks": None,
            "ppi_persist": False, "vague": []}


class Case:
    def __init__(self, lid, style, rule, attempt):
        self.id = lid
        self.style = style
        self.rule = rule
        self.attempt = attempt
        self.r = rng_for(lid, style, rule, attempt)
        self.f = blank_facts()
        self.h = {}            # story hooks (variant names, details)
        self.ev = []           # [fact, text]
        self.dis = []          # [kind, about, text]
        self.boiler = []       # non-clinical text that carries red-flag words (titles, headings)
        self.weight = None     # numbers behind a positive weight loss
        self.wneg = None       # numbers behind a weight distractor
        self.ppi = None
        self.prev = {}         # key -> [(label, value)] earlier results
        self.pending = []      # results awaited
        self.other = {}        # neutral analytes
        self.dates = []        # recent dates written into the letter
        self.written = {}      # value key -> [written forms]
        self.numeric_words = []
        self.noisy = False
        self.typos_done = 0
        self._labs = None

    # pronouns
    @property
    def P(self):
        return "He" if self.f["sex"] == "M" else "She"

    @property
    def p(self):
        return "he" if self.f["sex"] == "M" else "she"

    @property
    def pos(self):
        return "his" if self.f["sex"] == "M" else "her"

    @property
    def obj(self):
        return "him" if self.f["sex"] == "M" else "her"

    @property
    def man(self):
        a = self.f["age"]
        if self.f["sex"] == "M":
            return self.r.choice(["man", "gentleman"] if a >= 30 else ["man", "young man"])
        return self.r.choice(["woman", "lady"] if a >= 30 else ["woman", "young woman"])

    # registrations
    def E(self, fact, s):
        self.ev.append([fact, s])
        return s

    def X(self, kind, about, s):
        self.dis.append([kind, about, s])
        return s

    def B(self, s):
        self.boiler.append(s)
        return s

    def fill(self, s):
        """Filler text (no facts): may receive a spelling slip in noisy letters."""
        if self.noisy and self.typos_done < 2:
            for a, b in TYPOS:
                if re.search(r"\b%s" % a, s):
                    s = re.sub(r"\b%s" % a, b, s, count=1)
                    self.typos_done += 1
                    break
        return s

    def ch(self, seq):
        return self.r.choice(seq)

    def S(self, *keys):
        for k in keys:
            self.f["sym"][k] = True

    def has(self, k):
        return bool(self.f["sym"].get(k))

    # ages
    def age_in(self, lo, hi):
        slo, shi = STYLE_AGE.get(self.style, (18, 95))
        lo, hi = max(lo, slo), min(hi, shi)
        if lo > hi:
            raise Retry("age")
        self.f["age"] = self.r.randint(lo, hi)

    def age_near(self, line, side):
        if side == "above":
            self.age_in(line, line + 1)
        else:
            self.age_in(line - 2, line - 1)
        self.h["age_line"] = line

    # values
    def thr(self):
        return 130 if self.f["sex"] == "M" else 120

    def set_fit(self, kind, v=None):
        if kind == "lt":
            v = self.r.choice([4, 4, 10, 2])
        elif kind in ("neg", "undet"):
            v = None
        below = {"num": (v is not None and v < 10), "lt": True, "neg": True, "undet": True,
                 "gt": False, "posat": False}[kind]
        self.f["fit"] = {"kind": kind, "v": v, "below10": below}

    def hb_normal(self):
        return self.r.randint(self.thr() + 6, self.thr() + 32)

    def set_ida(self, near=None):
        t = self.thr()
        if near == "hb":
            self.f["hb"] = self.r.randint(t - 5, t - 1)
        else:
            self.f["hb"] = self.r.randint(t - 52, t - 8)
        if near == "fer":
            self.f["ferritin"] = self.r.randint(23, 29)
        else:
            self.f["ferritin"] = self.r.randint(2, 19)

    def cibh(self, kind=None):
        self.S("cibh")
        self.f["cibh_type"] = kind or self.ch(["loose", "loose", "constipation", "generic"])

    def make_weight_loss(self):
        r = self.r
        mode = r.choice(["kg2", "stlb", "bmi", "pct", "stone", "clothes", "rep_vs_meas", "kgloss", "kg2",
                         "rep_vs_meas"])
        w1 = r.randint(52, 104) + r.choice([0, 0.0, 0.5, 0.2, 0.8])
        loss = r.choice([4.5, 5, 6, 6.5, 7, 8, 9, 10.5, 12])
        w2 = round(w1 - loss, 1)
        wd = {"mode": mode, "then": w1, "now": w2, "months_ago": r.randint(2, 7)}
        if mode == "stlb":
            s1, l1 = r.randint(9, 16), r.randint(0, 13)
            t1 = s1 * 14 + l1
            t2 = t1 - r.randint(9, 22)
            wd.update({"then": [s1, l1], "now": list(divmod(t2, 14))})
        elif mode == "bmi":
            b1 = round(r.uniform(24, 33), 1)
            b2 = round(b1 - r.uniform(1.8, 3.6), 1)
            wd.update({"then": b1, "now": b2})
        elif mode == "pct":
            wd["pct"] = int(round(loss / w1 * 100))
            if wd["pct"] < 5:
                wd["pct"] = 5
                wd["now"] = round(w1 * 0.95 - 0.5, 1)
        elif mode == "stone":
            wd.update({"then": None, "now": None})
        self.weight = wd
        self.S("weight_loss")

    def make_ppi(self, weeks=None, near=False):
        r = self.r
        if weeks is None:
            weeks = r.choice([6, 8, 10, 12, 16]) if not near else r.choice([4, 5, 5])
        drug = r.choice([("omeprazole", "20 mg"), ("omeprazole", "40 mg"), ("lansoprazole", "30 mg"),
                         ("lansoprazole", "15 mg"), ("esomeprazole", "20 mg"), ("pantoprazole", "40 mg")])
        forms = ["n52", "nweeks"]
        if weeks >= 6:
            forms += ["since", "words"]
        if weeks in (8, 12, 16):
            forms += ["months"]
        if weeks <= 2:
            forms += ["days"]
        form = r.choice(forms)
        self.ppi = {"weeks": weeks, "drug": drug[0], "dose": drug[1], "form": form}
        self.f["ppi_weeks"] = weeks if form != "days" else 1.4
        if form == "days":
            self.ppi["weeks"] = 1.4
        self.f["ppi_persist"] = True

    def make_ttg(self, raised):
        r = self.r
        ref = r.choice([7, 10, 15, 4])
        if raised:
            kind = r.choice(["num", "num", "gt", "pos"])
            v = r.randint(ref * 3, 128) if kind != "gt" else 128
        else:
            kind = r.choice(["num", "neg"])
            v = round(r.uniform(0.2, ref * 0.5), 1)
        self.f["ttg"] = {"raised": raised, "v": v, "ref": ref, "kind": kind}

    def rule_now(self):
        rs = rules_all_readings(self.f)
        return rs[0] if all(x == rs[0] for x in rs) else None


def try_extra(c, fn):
    """Apply fn to the case facts; keep the change only if the rule stays the same and unambiguous."""
    import copy
    saved = (copy.deepcopy(c.f), copy.deepcopy(c.weight), copy.deepcopy(c.ppi), copy.deepcopy(c.h),
             copy.deepcopy(c.prev), list(c.pending))
    try:
        fn()
    except Retry:
        pass
    if c.rule_now() != c.rule:
        c.f, c.weight, c.ppi, c.h, c.prev, c.pending = saved
        return False
    return True


# ---------------------------------------------------------------------------
# scenarios: one builder per rule; each draws the facts that decide the rule
# ---------------------------------------------------------------------------
def sc_U1(c):
    v = c.ch(["old", "old", "young", "multi", "old"])
    c.h["var"] = v
    if v == "young":
        c.age_in(19, 46)
    else:
        c.age_in(52, 92)
    c.S("dysphagia")
    c.h["dys_kind"] = "young" if v == "young" else "prog"
    if v != "young" and c.r.random() < 0.5:
        c.make_weight_loss()
    if c.r.random() < 0.4:
        c.S("reflux")
    if v == "multi":
        w = c.ch(["ida", "fit", "calpro"])
        if w == "ida":
            c.set_ida()
        elif w == "fit":
            c.set_fit("num", c.r.randint(12, 180))
            c.S("rectal_bleeding")
        else:
            c.f["calpro"] = c.r.randint(120, 240)
            c.cibh("loose")


def sc_U2(c):
    v = c.ch(["rectal", "rectal", "anal", "ulcer"])
    c.h["var"] = v
    c.age_in(42, 90)
    c.S({"rectal": "rectal_mass", "anal": "anal_mass", "ulcer": "anal_ulcer"}[v])
    if v == "rectal":
        c.S("rectal_bleeding")
        if c.r.random() < 0.5:
            c.cibh("constipation")
    if c.r.random() < 0.45:
        c.set_fit(c.ch(["num", "lt", "neg"]), c.ch([4, 6, 8, 3]))
        c.h["fit_low_but_mass"] = True


def sc_U3(c):
    v = c.ch(["near", "near", "high", "high", "gt", "posat", "trend"])
    c.h["var"] = v
    c.age_in(35, 88)
    if v == "near":
        c.set_fit("num", c.r.randint(10, 14))
        c.h["near"] = "fit"
    elif v == "high":
        c.set_fit("num", c.r.randint(18, 390))
    elif v == "gt":
        c.set_fit("gt", 400)
    elif v == "posat":
        c.set_fit("posat", c.r.randint(15, 160))
    else:
        c.set_fit("num", c.r.randint(11, 95))
        c.prev["fit"] = [("earlier", c.r.randint(4, 8))]
    s = c.ch(["rb", "cibh", "pain", "cibh_pain", "rb_cibh"])
    if "rb" in s:
        c.S("rectal_bleeding")
    if "cibh" in s:
        c.cibh("constipation" if "rb" in s else None)
    if "pain" in s:
        c.S("abdo_pain")
    m = c.r.random()
    if m < 0.2:
        c.f["calpro"] = c.r.randint(110, 240)
    elif m < 0.35:
        c.f["hb"] = c.thr() - c.r.randint(5, 20)
        c.f["ferritin"] = c.r.randint(45, 160)


def sc_U4(c):
    v = c.ch(["classic", "near_hb", "near_fer", "trend", "provider", "multi", "classic", "near_hb"])
    c.h["var"] = v
    c.age_in(18, 90)
    c.set_ida(near={"near_hb": "hb", "near_fer": "fer"}.get(v))
    if v == "trend":
        hb = c.f["hb"]
        c.prev["hb"] = [("a", hb + c.r.randint(18, 30)), ("b", hb + c.r.randint(7, 14))]
    if v == "multi":
        w = c.ch(["fitlow", "ttg", "dysp", "calpro", "fitlow"])
        c.h["multi"] = w
        if w == "fitlow":
            c.set_fit(c.ch(["num", "lt", "neg", "undet"]), c.ch([3, 4, 5, 7]))
            c.S(c.ch(["abdo_pain", "bloating"]))
        elif w == "ttg":
            c.make_ttg(True)
            c.S("bloating")
        elif w == "dysp":
            c.S("dyspepsia")
        else:
            c.f["calpro"] = c.r.randint(110, 230)
            c.cibh("loose")
    if c.r.random() < 0.3:
        c.S("other_symptom")


def sc_U5(c):
    v = c.ch(["near", "std", "std", "std"])
    c.h["var"] = v
    if v == "near":
        c.age_near(55, "above")
    else:
        c.age_in(57, 90)
    c.make_weight_loss()
    k = c.ch(["upper_abdo_pain", "reflux", "dyspepsia", "upper_abdo_pain"])
    c.S(k)
    if c.r.random() < 0.3:
        c.S(c.ch(["reflux", "dyspepsia"]))


def sc_U6(c):
    c.age_in(40, 90)
    c.S("abdo_mass")
    c.h["mass_site"] = c.ch(["right iliac fossa", "left iliac fossa", "left flank", "right flank"])
    if c.r.random() < 0.6:
        c.S("abdo_pain")
    if c.r.random() < 0.4:
        c.set_fit(c.ch(["num", "lt", "neg"]), c.ch([3, 5, 7, 4]))
        c.h["fit_low_but_mass"] = True


def sc_U7(c):
    v = c.ch(["near", "std", "std"])
    c.h["var"] = v
    if v == "near":
        c.age_near(40, "above")
    else:
        c.age_in(44, 92)
    c.S("jaundice")
    c.other["bili"] = c.r.randint(55, 260)
    if c.r.random() < 0.55:
        c.f["alt"] = c.r.randint(45, 260)
    if c.r.random() < 0.3 and c.f["age"] >= 55:
        c.make_weight_loss()


def sc_U8(c):
    branch = c.ch(["a", "b", "c", "a", "c"])
    near = c.r.random() < 0.5
    c.h["var"] = branch + ("_near" if near else "")
    if branch == "a":
        c.age_near(50, "above") if near else c.age_in(53, 88)
        c.S("rectal_bleeding")
    elif branch == "b":
        c.age_near(40, "above") if near else c.age_in(43, 54)
        c.make_weight_loss()
        c.S("abdo_pain")
    else:
        c.age_near(60, "above") if near else c.age_in(63, 90)
        c.cibh()
        if c.r.random() < 0.3:
            c.S("bloating")
    if c.r.random() < 0.4:
        c.pending.append("fit")


def sc_R1(c):
    v = c.ch(["bd", "bd", "uc_flare", "calpro", "calpro_near", "calpro"])
    c.h["var"] = v
    if v in ("bd", "uc_flare"):
        c.age_in(18, 75)
        c.S("bloody_diarrhoea")
        if v == "uc_flare":
            c.S("ibd_known")
        if c.f["age"] >= 50 or c.r.random() < 0.3:
            c.set_fit(c.ch(["num", "lt"]), c.ch([3, 4, 6]) if True else None)
        if c.r.random() < 0.4:
            c.f["calpro"] = c.r.randint(300, 1800)
    else:
        c.age_in(18, 72)
        if v == "calpro_near":
            c.f["calpro"] = c.r.randint(250, 262)
            c.h["near"] = "calpro"
        else:
            c.f["calpro"] = c.r.randint(280, 2400)
        c.cibh("loose")
        if c.r.random() < 0.4:
            c.S("abdo_pain")
        if c.f["age"] >= 40 or c.r.random() < 0.3:
            c.set_fit(c.ch(["num", "lt", "neg"]), c.ch([2, 4, 5, 7]))


def sc_R2(c):
    v = c.ch(["alt", "alt_near", "ascites", "confusion", "alt_young_jaundice", "alt"])
    if v == "ascites" and c.style in NO_EXAM_STYLES:
        v = "confusion"
    c.h["var"] = v
    if v.startswith("alt"):
        if v == "alt_young_jaundice":
            c.age_near(40, "below") if c.r.random() < 0.6 else c.age_in(19, 36)
            c.S("jaundice")
            c.other["bili"] = c.r.randint(50, 140)
            c.f["alt"] = c.r.randint(420, 2100)
        elif v == "alt_near":
            c.age_in(20, 78)
            c.f["alt"] = c.r.randint(300, 312)
            c.h["near"] = "alt"
        else:
            c.age_in(20, 78)
            c.f["alt"] = c.r.randint(340, 1900)
        if c.r.random() < 0.4:
            c.prev["alt"] = [("earlier", c.r.randint(18, 36))]
    else:
        c.age_in(38, 82)
        c.S("cirrhosis", v)
        if c.r.random() < 0.4:
            c.f["alt"] = c.r.randint(20, 38)


def sc_R3(c):
    c.age_in(18, 85)
    c.S("haematemesis")
    c.h["var"] = "std"
    if c.r.random() < 0.5:
        c.S(c.ch(["reflux", "dyspepsia"]))
    c.f["hb"] = c.hb_normal()


def sc_O1(c):
    v = c.ch(["near_age", "near_ppi", "std", "std", "near_age"])
    c.h["var"] = v
    if v == "near_age":
        c.age_near(55, "above")
    else:
        c.age_in(57, 88)
    c.S("dyspepsia")
    c.make_ppi(near=(v == "near_ppi"))
    if v == "near_ppi":
        c.h["near"] = "ppi"
    c.h["weight_stable"] = True


def sc_O2(c):
    v = c.ch(["low", "low", "high", "mid", "mid"])
    c.h["var"] = v
    c.age_in(18, 78)
    c.f["calpro"] = {"low": c.r.randint(100, 108), "high": c.r.randint(240, 249),
                     "mid": c.r.randint(115, 230)}[v]
    s = c.ch(["abdo_pain", "cibh", "bloating", "cibh_pain"])
    if "cibh" in s:
        c.cibh()
    if "pain" in s:
        c.S("abdo_pain")
    if s == "bloating":
        c.S("bloating")
    if c.f["age"] >= 50 or c.r.random() < 0.3:
        c.set_fit(c.ch(["num", "lt", "neg", "undet"]), c.ch([2, 4, 5, 6, 8]))


IBD_QUESTIONS = [
    ("ulcerative colitis", "mesalazine 2.4 g daily",
     "whether it is safe to stay on mesalazine while trying for a baby"),
    ("ulcerative colitis", "mesalazine 2 g daily",
     "whether the maintenance dose can be reduced now that {p} has been in remission for three years"),
    ("Crohn's disease", "azathioprine 125 mg daily",
     "whether {p} can have the shingles vaccine while on azathioprine"),
    ("Crohn's disease", "adalimumab 40 mg every two weeks",
     "how to manage {pos} adalimumab around a planned hernia repair"),
    ("ulcerative colitis", "mesalazine 4 g daily",
     "when {pos} next surveillance colonoscopy is due, as the letter about it has been lost"),
    ("Crohn's disease", "no maintenance treatment",
     "whether {p} needs vitamin B12 checks after {pos} ileal resection"),
    ("ulcerative proctitis", "mesalazine suppositories 1 g at night",
     "whether the suppositories can be used on alternate nights now that {p} is symptom-free"),
    ("Crohn's disease", "azathioprine 100 mg daily",
     "whether azathioprine can be stopped, as {p} has been in deep remission for five years"),
]


def sc_O3(c):
    c.age_in(20, 80)
    c.S("ibd_stable_q", "ibd_known")
    q = c.ch(IBD_QUESTIONS)
    c.h["ibd"] = q
    c.h["var"] = "stable"
    if c.r.random() < 0.5:
        c.f["calpro"] = c.r.randint(15, 80)
    if c.r.random() < 0.25 and "azathioprine" in q[1]:
        c.f["alt"] = c.r.randint(45, 90)


def sc_O4(c):
    v = c.ch(["std", "irondef_no_anaemia", "anaemia_fer_ok", "std", "irondef_no_anaemia"])
    c.h["var"] = v
    c.age_in(18, 74)
    c.make_ttg(True)
    s = c.ch(["bloating", "cibh", "bloating_cibh", "other"])
    if "bloating" in s:
        c.S("bloating")
    if "cibh" in s:
        c.cibh("loose")
    if s == "other":
        c.S("other_symptom")
    if v == "irondef_no_anaemia":
        t = c.thr()
        c.f["hb"] = c.r.randint(t, t + 5) if c.r.random() < 0.7 else c.r.randint(t + 6, t + 20)
        c.f["ferritin"] = c.r.randint(4, 22)
    elif v == "anaemia_fer_ok":
        c.f["hb"] = c.thr() - c.r.randint(4, 18)
        c.f["ferritin"] = c.r.randint(30, 36) if c.r.random() < 0.6 else c.r.randint(40, 120)
    if c.has("cibh") and c.f["age"] >= 55:
        c.set_fit(c.ch(["num", "lt", "neg"]), c.ch([3, 5, 6]))


def sc_O5(c):
    v = c.ch(["near40", "mid", "near299", "xuln", "deranged", "fatty", "fatty", "mid", "near40"])
    c.h["var"] = v
    c.age_in(22, 80)
    if v == "near40":
        c.f["alt"] = c.r.randint(40, 44)
        c.h["near"] = "alt"
    elif v == "near299":
        c.f["alt"] = c.r.randint(282, 299)
        c.h["near"] = "alt"
    elif v == "xuln":
        k = c.ch([2, 3, 4, 5])
        c.h["uln"] = c.ch([40, 41, 35])
        c.f["alt"] = k * c.h["uln"] + c.r.randint(-3, 3)
        c.h["xuln"] = k
    elif v in ("mid", "deranged"):
        c.f["alt"] = c.r.randint(52, 240)
    else:
        c.S("fatty_liver")
        if c.r.random() < 0.6:
            c.f["alt"] = c.r.randint(14, 36)
    if c.r.random() < 0.35 and c.f["age"] < 55:
        c.S(c.ch(["dyspepsia", "reflux"]))
    if c.r.random() < 0.3:
        c.S("other_symptom")


def sc_A1(c):
    v = c.ch(["near_age", "near_cal", "near_fit", "std", "std", "near_age"])
    c.h["var"] = v
    if v == "near_age":
        c.age_near(50, "below")
    else:
        c.age_in(18, 47)
    s = c.ch(["abdo_pain", "bloating", "cibh", "pain_bloat", "cibh_pain", "cibh_bloat"])
    if "pain" in s or s == "abdo_pain":
        c.S("abdo_pain")
    if "bloat" in s:
        c.S("bloating")
    if "cibh" in s:
        c.cibh(c.ch(["loose", "constipation", "generic"]))
    t = c.ch(["cal", "fit", "both"])
    if v == "near_cal":
        t = "cal" if c.r.random() < 0.6 else "both"
    if v == "near_fit":
        t = "fit" if c.r.random() < 0.6 else "both"
    if t in ("cal", "both"):
        c.f["calpro"] = c.r.randint(86, 99) if v == "near_cal" else c.r.randint(8, 70)
    if t in ("fit", "both"):
        if v == "near_fit":
            c.set_fit("num", c.r.randint(6, 9))
        else:
            c.set_fit(c.ch(["num", "lt", "neg", "undet", "lt"]), c.ch([2, 3, 4, 5]))


def sc_O6(c):
    v = c.ch(["near_fit", "near_age", "std", "young_rb", "std", "near_fit"])
    c.h["var"] = v
    if v == "young_rb":
        c.age_in(22, 49)
        c.S("rectal_bleeding")
        c.set_fit(c.ch(["num", "lt", "neg", "undet"]), c.ch([2, 3, 4, 6]))
        return
    if v == "near_age":
        c.age_near(50, "above")
        c.S(c.ch(["abdo_pain", "abdo_pain"]))
        if c.r.random() < 0.5:
            c.cibh()
    else:
        c.age_in(52, 88)
        s = c.ch(["rb", "cibh", "pain", "rb_pain", "cibh_pain"])
        if "rb" in s:
            c.S("rectal_bleeding")
        if "cibh" in s:
            c.cibh()
        if "pain" in s:
            c.S("abdo_pain")
    if v == "near_fit":
        c.set_fit("num", c.r.randint(7, 9))
        c.h["near"] = "fit"
    else:
        c.set_fit(c.ch(["num", "lt", "neg", "undet", "lt"]), c.ch([2, 3, 4, 5]))


def sc_A2(c):
    v = c.ch(["near_age", "std", "std", "near_age_ppi", "young"])
    c.h["var"] = v
    if v.startswith("near_age"):
        c.age_near(55, "below")
    elif v == "young":
        c.age_in(18, 35)
    else:
        c.age_in(25, 52)
    c.S(c.ch(["dyspepsia", "reflux", "reflux"]))
    if v == "near_age_ppi" or c.r.random() < 0.3:
        c.S("dyspepsia")
        c.make_ppi()
    c.h["weight_stable"] = c.r.random() < 0.5


def sc_A3(c):
    c.age_in(25, 66)
    c.S("fh_crc", "asymptomatic")
    c.h["var"] = "fh"
    if c.r.random() < 0.3:
        c.set_fit(c.ch(["lt", "neg", "num"]), c.ch([2, 4, 3]))


D_VARIANTS = ["anaemia_fer_ok", "irondef_no_anaemia", "ferritin_pending", "dysp55_short_ppi",
              "cibh_50s_nofit", "rb_40s_nofit", "wl_pain_under40", "alt_under40", "pain_50plus_calpro",
              "gilbert", "cirrhosis_compensated", "fh_young_symptomatic"]


def sc_D(c):
    v = c.h.get("dvar") or c.ch(D_VARIANTS)
    c.h["var"] = v
    t = None
    if v == "anaemia_fer_ok":
        c.age_in(20, 88)
        c.f["hb"] = c.r.randint(c.thr() - 14, c.thr() - 2)
        c.f["ferritin"] = c.r.randint(30, 35) if c.r.random() < 0.6 else c.r.randint(40, 220)
        c.S("other_symptom")
    elif v == "irondef_no_anaemia":
        c.age_in(18, 80)
        c.f["hb"] = c.r.randint(c.thr(), c.thr() + 4)
        c.f["ferritin"] = c.r.randint(5, 24)
        c.S("other_symptom")
    elif v == "ferritin_pending":
        c.age_in(20, 85)
        c.f["hb"] = c.r.randint(c.thr() - 25, c.thr() - 4)
        c.pending.append("ferritin")
        c.S("other_symptom")
    elif v == "dysp55_short_ppi":
        c.age_in(55, 85)
        c.S("dyspepsia")
        c.make_ppi(weeks=c.ch([2, 3, 3]))
        c.h["near"] = "ppi"
        c.h["weight_stable"] = True
    elif v == "cibh_50s_nofit":
        c.age_near(60, "below") if c.r.random() < 0.6 else c.age_in(50, 57)
        c.cibh(c.ch(["loose", "constipation", "generic"]))
    elif v == "rb_40s_nofit":
        c.age_near(50, "below") if c.r.random() < 0.6 else c.age_in(40, 47)
        c.S("rectal_bleeding")
    elif v == "wl_pain_under40":
        c.age_near(40, "below") if c.r.random() < 0.6 else c.age_in(28, 37)
        c.make_weight_loss()
        c.S("abdo_pain")
    elif v == "alt_under40":
        c.age_in(25, 80)
        c.f["alt"] = c.r.randint(35, 39)
        c.h["near"] = "alt"
        c.S("other_symptom")
    elif v == "pain_50plus_calpro":
        c.age_near(50, "above") if c.r.random() < 0.5 else c.age_in(52, 80)
        c.S("abdo_pain")
        c.f["calpro"] = c.r.randint(20, 95)
    elif v == "gilbert":
        c.age_in(18, 34)
        c.S("jaundice")
        c.other["bili"] = c.r.randint(32, 48)
        c.f["alt"] = c.r.randint(12, 30)
    elif v == "cirrhosis_compensated":
        c.age_in(45, 80)
        c.S("cirrhosis")
        c.f["alt"] = c.r.randint(18, 36)
    elif v == "fh_young_symptomatic":
        c.age_in(22, 45)
        c.S("fh_crc", "bloating")


SCENARIOS = {"U1": sc_U1, "U2": sc_U2, "U3": sc_U3, "U4": sc_U4, "U5": sc_U5, "U6": sc_U6, "U7": sc_U7,
             "U8": sc_U8, "R1": sc_R1, "R2": sc_R2, "R3": sc_R3, "O1": sc_O1, "O2": sc_O2, "O3": sc_O3,
             "O4": sc_O4, "O5": sc_O5, "A1": sc_A1, "O6": sc_O6, "A2": sc_A2, "A3": sc_A3, "D": sc_D}


def add_extras(c):
    r = c.r
    f = c.f

    def ex_hb():
        f["hb"] = c.hb_normal()

    def ex_fer():
        f["ferritin"] = r.randint(38, 240)

    def ex_alt():
        f["alt"] = r.randint(11, 34)

    def ex_cal():
        f["calpro"] = r.randint(12, 60)

    def ex_ttg():
        c.make_ttg(False)

    def ex_prev_hb():
        if f["hb"] is not None and "hb" not in c.prev:
            t = c.thr()
            if f["hb"] < t:
                c.prev["hb"] = [("earlier", r.randint(t + 4, t + 25))]
            else:
                c.prev["hb"] = [("earlier", r.randint(t - 25, t - 6))]

    def ex_prev_alt():
        if f["alt"] is not None and "alt" not in c.prev:
            if f["alt"] < 40:
                c.prev["alt"] = [("earlier", r.randint(55, 140))]
            else:
                c.prev["alt"] = [("earlier", r.randint(14, 30))]

    def ex_sym():
        c.S(r.choice(["bloating", "reflux", "abdo_pain", "other_symptom"]))

    def ex_fh():
        c.S("fh_crc")

    def ex_fit_pending():
        if f["fit"] is None and "fit" not in c.pending:
            c.pending.append("fit")

    def ex_fer_pending():
        if f["ferritin"] is None and "ferritin" not in c.pending:
            c.pending.append("ferritin")

    def ex_wl():
        saved_r = c.r
        c.r = rng_for("extra-weight", c.id, c.attempt)
        try:
            c.make_weight_loss()
        finally:
            c.r = saved_r

    # weight loss as an extra fact, drawn from its own stream (kept only where it changes nothing)
    if c.weight is None and rng_for("extra-weight?", c.id, c.attempt).random() < 0.2:
        try_extra(c, ex_wl)
    plan = [(0.55, ex_hb, f["hb"] is None), (0.35, ex_fer, f["ferritin"] is None),
            (0.35, ex_alt, f["alt"] is None), (0.1, ex_cal, f["calpro"] is None),
            (0.15, ex_ttg, f["ttg"] is None), (0.35, ex_prev_hb, True), (0.3, ex_prev_alt, True),
            (0.2, ex_sym, c.rule not in ("A3",)), (0.1, ex_fh, not c.has("fh_crc")),
            (0.15, ex_fit_pending, True), (0.1, ex_fer_pending, True)]
    for p, fn, ok in plan:
        if ok and r.random() < p:
            try_extra(c, fn)


# ---------------------------------------------------------------------------
# phrase banks.  reg is "prose" or "abbr".  Every returned string that states
# a fact is registered as evidence; every distractor with its kind.
# ---------------------------------------------------------------------------
def dur(c, reg):
    if reg == "abbr":
        return c.ch(["x6/52", "x2/12", "3/52", "since Xmas", "x3m", "x10/7", "x8/52", "x4/12"])
    return c.ch(["for six weeks", "for the past two months", "since Christmas", "over the last three weeks",
                 "for about three months", "since the new year", "for ten days or so", "for four months now",
                 "since the summer", "for 6 weeks", "for two months now", "since early spring"])


RELS = {"M": ["wife", "daughter", "son", "partner"], "F": ["husband", "daughter", "son", "partner"]}
RELS_YOUNG = ["partner", "mother", "father", "flatmate"]


def rel(c):
    if c.f["age"] < 32:
        return c.ch(RELS_YOUNG)
    if c.f["age"] < 45:
        return c.ch(["partner", "wife" if c.f["sex"] == "M" else "husband", "mother"])
    return c.ch(RELS[c.f["sex"]])


SYM_PROSE = {
    "dysphagia": ["progressive difficulty swallowing solids {dur}",
                  "food sticking behind the breastbone {dur}, now with soft food as well",
                  "dysphagia to solids {dur}", "a sensation of food sticking on swallowing {dur}",
                  "difficulty swallowing {dur}, pointing to the lower sternum"],
    "dysphagia_young": ["intermittent dysphagia with meat and bread {dur}",
                        "episodes of food sticking on swallowing {dur}",
                        "difficulty swallowing solids on and off {dur}"],
    "rectal_mass": ["a firm, irregular mass palpable on rectal examination at about {n} cm",
                    "a hard mass on the {wall} rectal wall on PR examination",
                    "a craggy rectal mass just within reach on digital examination"],
    "anal_mass": ["a hard, irregular lump at the anal margin", "an indurated mass at the anal verge, about 2 cm"],
    "anal_ulcer": ["an unexplained ulcer at the anal verge which has not healed in six weeks",
                   "unexplained anal ulceration at 6 o'clock, not a typical fissure"],
    "upper_abdo_pain": ["epigastric pain {dur}", "upper abdominal pain {dur}",
                        "a gnawing pain in the upper abdomen {dur}"],
    "abdo_pain": ["lower abdominal pain {dur}", "crampy abdominal pain {dur}",
                  "intermittent left-sided abdominal pain {dur}", "colicky lower abdominal pain {dur}"],
    "reflux": ["heartburn and acid reflux {dur}", "reflux symptoms {dur}, worse lying flat", "acid reflux {dur}"],
    "dyspepsia": ["dyspepsia {dur}", "indigestion {dur}", "persistent dyspepsia {dur}"],
    "jaundice": ["painless jaundice {dur}", "yellowing of the skin and eyes {dur}; {p} is clearly jaundiced today",
                 "jaundice, first noticed by {pos} {rel} {ago} and obvious when I saw {obj}"],
    "jaundice_mild": ["a yellow tinge to the eyes on and off {dur}, worse when {p} skips meals (mild jaundice)"],
    "rectal_bleeding": ["bright red rectal bleeding {dur}", "fresh blood on the paper and in the pan {dur}",
                        "intermittent rectal bleeding {dur}", "dark red blood mixed in with the stool {dur}",
                        "rectal bleeding which settled for a few weeks but has come back {dur}"],
    "cibh_loose": ["a change in bowel habit to looser, more frequent stools (stool 4-5x/day) {dur}",
                   "a change in bowel habit, now loose stools three or four times a day {dur}"],
    "cibh_constipation": ["a change in bowel habit towards constipation {dur}",
                          "a change in bowel habit with new constipation, bowels open every 3-4 days, {dur}"],
    "cibh_generic": ["a persistent change in bowel habit {dur}", "a change in bowel habit {dur}"],
    "bloody_diarrhoea": ["bloody diarrhoea {n} times a day with nocturnal episodes x2, {dur}",
                         "diarrhoea with blood mixed in, up to {n} times a day, {dur}",
                         "loose stools with fresh blood {n} times daily {dur}"],
    "haematemesis": ["haematemesis: {p} vomited fresh red blood twice {when}",
                     "two small episodes of haematemesis {when}",
                     "vomiting of bright red blood on {n} occasions {when}"],
    "bloating": ["bloating {dur}", "abdominal bloating, worse by the evening, {dur}", "troublesome bloating {dur}"],
    "abdo_mass": ["a firm mass in the {site}, about {n} cm across",
                  "a palpable, non-tender mass in the {site}"],
    "ascites": ["new ascites: increasing abdominal distension with shifting dullness",
                "a distended abdomen with shifting dullness consistent with new ascites"],
    "confusion": ["new confusion over the last few days; {pos} {rel} says {p} has been muddled and today {p} "
                  "was disorientated in time",
                  "intermittent confusion and drowsiness, new this week"],
    "other_symptom": ["tiredness {dur}", "lethargy {dur}", "feeling washed out {dur}"],
}
SYM_ABBR = {
    "dysphagia": ["dysphagia {dur}", "dysphagia to solids {dur}", "food sticking on swallowing {dur}"],
    "dysphagia_young": ["intermittent dysphagia (meat/bread) {dur}", "food sticking on swallowing {dur}"],
    "rectal_mass": ["PR: firm irreg mass ~{n}cm", "DRE - hard rectal mass"],
    "anal_mass": ["hard anal margin mass ~2cm"],
    "anal_ulcer": ["unexplained anal ulcer, non-healing"],
    "upper_abdo_pain": ["epigastric pain {dur}", "upper abdo pain {dur}"],
    "abdo_pain": ["abdo pain {dur}", "LIF pain {dur}", "crampy lower abdo pain {dur}"],
    "reflux": ["reflux {dur}", "heartburn/reflux {dur}"],
    "dyspepsia": ["dyspepsia {dur}"],
    "jaundice": ["painless jaundice {dur}", "jaundiced ++ {dur}"],
    "jaundice_mild": ["mild jaundice on/off (yellow eyes when fasting) {dur}"],
    "rectal_bleeding": ["PR bleeding {dur}", "fresh PR blood {dur}", "PR bleed {dur}"],
    "cibh_loose": ["CIBH (looser, 4-5x/day) {dur}", "CIBH - loose stool 3-4x/day {dur}"],
    "cibh_constipation": ["CIBH - constipation {dur}"],
    "cibh_generic": ["CIBH {dur}"],
    "bloody_diarrhoea": ["bloody diarrhoea {n}x/day, nocturnal x2, {dur}"],
    "haematemesis": ["haematemesis x2 {when}"],
    "bloating": ["bloating {dur}"],
    "abdo_mass": ["{SITE} mass ~{n}cm", "palpable {SITE} mass"],
    "ascites": ["new ascites (shifting dullness)"],
    "confusion": ["new confusion x4/7"],
    "other_symptom": ["TATT {dur}", "lethargy {dur}"],
}
SITE_ABBR = {"right iliac fossa": "RIF", "left iliac fossa": "LIF", "left flank": "L flank",
             "right flank": "R flank"}


def sym_text(c, key, reg):
    """Phrase for a positive symptom; registers it as evidence."""
    bank_key = key
    if key == "dysphagia" and c.h.get("dys_kind") == "young":
        bank_key = "dysphagia_young"
    if key == "jaundice" and c.h.get("var") == "gilbert":
        bank_key = "jaundice_mild"
    if key == "cibh":
        bank_key = "cibh_" + (c.f["cibh_type"] or "generic")
    bank = SYM_ABBR if reg == "abbr" else SYM_PROSE
    t = c.ch(bank[bank_key])
    site = c.h.get("mass_site", "left iliac fossa")
    t = t.format(dur=dur(c, reg), ago=c.ch(["three weeks ago", "about a fortnight ago", "last month"]), p=c.p, pos=c.pos, obj=c.obj, rel=rel(c), n=c.ch([4, 5, 6, 7, 8]),
                 wall=c.ch(["anterior", "posterior", "left lateral"]),
                 when=c.ch(["this week", "over the last three days", "yesterday and the day before"]),
                 site=site, SITE=SITE_ABBR[site])
    fact = "dysphagia" if key == "dysphagia" else key
    return c.E(fact, t)


# ----- weight --------------------------------------------------------------
def month_ago(c, k):
    d = c.letter_date
    m = (d.month - 1 - k) % 12
    return MONTHS[m]


def weight_text(c, reg):
    w = c.weight
    m = month_ago(c, w["months_ago"])
    mode = w["mode"]
    if mode == "kg2":
        t = c.ch(["{pos} weight has fallen from {a} kg in {m} to {b} kg today without trying",
                  "unintentional weight loss: {a} kg in {m}, {b} kg today"]) if reg == "prose" else \
            c.ch(["wt {a}kg ({m3}) -> {b}kg today, not dieting", "unintentional wt loss {a}kg ({m3}) to {b}kg"])
        t = t.format(pos=c.pos, a=fmtw(w["then"]), b=fmtw(w["now"]), m=m, m3=m[:3])
    elif mode == "stlb":
        (s1, l1), (s2, l2) = w["then"], w["now"]
        t = (c.ch(["{pos} weight has dropped from {s1} st {l1} lb in {m} to {s2} st {l2} lb now, with no change in diet",
                   "unintentional weight loss from {s1}st {l1}lb ({m}) to {s2}st {l2}lb"]) if reg == "prose"
             else "wt {s1}st{l1}lb ({m3}) -> {s2}st{l2}lb, unintentional")
        t = t.format(pos=c.pos, s1=s1, l1=l1, s2=s2, l2=l2, m=m, m3=m[:3])
    elif mode == "bmi":
        t = (c.ch(["unintentional weight loss, BMI {a} in {m} and {b} today",
                   "a fall in BMI from {a} ({m}) to {b} now without dieting"]) if reg == "prose"
             else "BMI {a} ({m3}) -> {b} now, unintentional wt loss")
        t = t.format(a=w["then"], b=w["now"], m=m, m3=m[:3])
    elif mode == "pct":
        t = ("unintentional weight loss of {p}% over {n} months ({a} kg to {b} kg)" if reg == "prose"
             else "wt loss {p}% in {n}/12 ({a}->{b}kg), unintentional")
        t = t.format(p=w["pct"], n=w["months_ago"], a=fmtw(w["then"]), b=fmtw(w["now"]))
    elif mode == "stone":
        t = ("weight loss of about a stone since {m}, without trying" if reg == "prose"
             else "lost ~1 stone since {m3}, not trying").format(m=m, m3=m[:3])
    elif mode == "clothes":
        t = ("clothes now loose, and {pos} weight is down from {a} kg in {m} to {b} kg; {p} is not dieting"
             if reg == "prose" else "clothes loose, wt {a}kg ({m3}) -> {b}kg, not dieting")
        t = t.format(pos=c.pos, p=c.p, a=fmtw(w["then"]), b=fmtw(w["now"]), m=m, m3=m[:3])
    else:  # patient says stable, measured fall
        t = ("{P} feels {pos} weight has been stable, but I weighed {obj} today at {b} kg against {a} kg recorded "
             "in {m}, an unintentional loss" if reg == "prose"
             else "pt reports wt stable BUT measured {b}kg today vs {a}kg in {m3} = unintentional wt loss")
        t = t.format(P=c.P, pos=c.pos, obj=c.obj, a=fmtw(w["then"]), b=fmtw(w["now"]), m=m, m3=m[:3])
    return c.E("weight_loss", t)


def fmtw(x):
    if isinstance(x, float) and x != int(x):
        return "%.1f" % x
    return "%d" % int(x)


def weight_distractor(c, reg):
    """A weight mention that must not count (only when weight_loss is false)."""
    r = c.r
    kind = r.choice(["stable", "stable", "refuted", "intentional", "target", "none"])
    w = r.randint(55, 102)
    m = month_ago(c, r.randint(2, 6))
    if kind == "stable":
        t = (c.ch(["weight stable at {w} kg (unchanged since {m})", "no weight loss; {p} weighs {w} kg, as in {m}"])
             if reg == "prose" else "wt stable {w}kg (same as {m3})")
        return c.X("negated", "weight_loss", t.format(w=w, m=m, p=c.p, m3=m[:3]))
    if kind == "refuted":
        t = ("{pos} {rel} thinks {p} has lost weight, but {p} weighs {w} kg today, the same as in {m}"
             if reg == "prose" else "{rel} worried re wt loss but wt {w}kg = same as {m3}")
        return c.X("reported_refuted", "weight_loss",
                   t.format(pos=c.pos, rel=rel(c), p=c.p, w=w, m=m, m3=m[:3]))
    if kind == "intentional":
        t = ("{P} has deliberately lost {k} kg with a slimming group since {m}, which {p} is pleased about"
             if reg == "prose" else "intentional wt loss {k}kg (slimming club) since {m3}")
        return c.X("explained", "weight_loss", t.format(P=c.P, p=c.p, k=r.randint(4, 9), m=m, m3=m[:3]))
    if kind == "target":
        b = round(r.uniform(28, 36), 1)
        t = ("BMI {b} today; we agreed a target BMI of 25" if reg == "prose" else "BMI {b}, target BMI 25")
        return c.X("target", "bmi", t.format(b=b))
    t = "no weight loss" if reg == "prose" else "no wt loss"
    return c.X("negated", "weight_loss", t)


# ----- PPI -----------------------------------------------------------------
def ppi_text(c, reg):
    pp = c.ppi
    wk = pp["weeks"]
    drug, dose = pp["drug"], pp["dose"]
    form = pp["form"]
    if form == "n52":
        d = "%d/52" % wk
    elif form == "nweeks":
        d = "%d weeks" % wk
    elif form == "words":
        d = "%s weeks" % words(wk)
    elif form == "months":
        d = {8: "two months", 12: "three months", 16: "four months"}[wk]
    elif form == "days":
        d = "10 days"
    else:
        start = c.letter_date - dt.timedelta(days=7 * wk)
        d = "since %s" % fmt_date(start, 1)
        c.h["ppi_start"] = start
    pp["written"] = d
    if reg == "abbr":
        t = c.ch(["ongoing dyspepsia despite {drug} {dose} od {fd}", "dyspepsia persisting on {drug} {dose} od, {fd}"])
    else:
        t = c.ch(["{pos} dyspepsia has persisted despite {drug} {dose} once daily {fd}",
                  "{P} is still getting indigestion on {drug} {dose} daily, taken regularly {fd}",
                  "no improvement in {pos} dyspepsia after {drug} {dose} daily {fd}"])
    fd = ("since" in d and d) or ("for " + d)
    if form == "n52" and reg == "abbr":
        fd = "x" + d
    t = t.format(drug=drug, dose=dose, fd=fd, pos=c.pos, P=c.P)
    c.X("dose", "ppi", dose)
    if c.has("dyspepsia"):
        c.E("dyspepsia", t)
    return c.E("ppi", t)


# ----- laboratory results ----------------------------------------------------
class Lab:
    def __init__(self, key, names, val, unit, ref, lo=None, hi=None, spec=False):
        self.key, self.names, self.val, self.unit, self.ref = key, names, val, unit, ref
        self.lo, self.hi, self.spec = lo, hi, spec
        self.flag = ""
        self.prev = []

    def num(self):
        try:
            return float(self.val)
        except ValueError:
            return None


def _flag(x, lo, hi):
    if x is None:
        return ""
    if lo is not None and x < lo:
        return "L"
    if hi is not None and x > hi:
        return "H"
    return ""


def build_labs(c):
    if c._labs is not None:
        return c._labs
    r = c.r
    f = c.f
    items = []
    male = f["sex"] == "M"
    unit_mode = c.h.get("hb_unit") or r.choice(["gL", "gL", "gL", "gdL"])
    c.h["hb_unit"] = unit_mode
    ida_like = f["ferritin"] is not None and f["ferritin"] < 30
    if f["hb"] is not None:
        lo, hi = r.choice([(130, 180), (135, 175)]) if male else r.choice([(115, 165), (120, 150), (115, 160)])
        if unit_mode == "gdL":
            it = Lab("hb", ["Hb", "Haemoglobin", "HGB"], "%.1f" % (f["hb"] / 10.0), "g/dL",
                     "%.1f-%.1f" % (lo / 10.0, hi / 10.0), lo / 10.0, hi / 10.0, True)
        else:
            it = Lab("hb", ["Hb", "Haemoglobin", "HGB"], str(f["hb"]), "g/L", "%d-%d" % (lo, hi), lo, hi, True)
        if "hb" in c.prev:
            it.prev = [("%.1f" % (v / 10.0) if unit_mode == "gdL" else str(v)) for _, v in c.prev["hb"]]
        items.append(it)
        mcv = r.randint(63, 77) if ida_like and f["hb"] < c.thr() else r.randint(82, 97)
        if r.random() < 0.7:
            items.append(Lab("mcv", ["MCV"], str(mcv), "fL", "80-100", 80, 100))
        if r.random() < 0.5:
            plt = r.randint(405, 520) if ida_like and r.random() < 0.5 else r.randint(170, 380)
            items.append(Lab("plt", ["Platelets", "Plt"], str(plt), "x10^9/L", "150-400", 150, 400))
        if r.random() < 0.3:
            items.append(Lab("wcc", ["WCC", "WBC"], "%.1f" % r.uniform(4.5, 9.8), "x10^9/L", "4.0-11.0", 4, 11))
    if f["ferritin"] is not None:
        ref = r.choice([(15, 300), (30, 400), (13, 150), (20, 250)])
        unit = r.choice(["ug/L", "ug/L", "ng/mL", "µg/L", ""])
        items.append(Lab("ferritin", ["Ferritin", "Serum ferritin", "ferritin"], str(f["ferritin"]), unit,
                         "%d-%d" % ref, ref[0], ref[1], True))
    if r.random() < 0.35 or c.has("bloody_diarrhoea") or (f["calpro"] or 0) >= 250:
        crp = r.randint(18, 85) if (c.has("bloody_diarrhoea") or (f["calpro"] or 0) >= 250) else r.randint(1, 6)
        items.append(Lab("crp", ["CRP"], str(crp), "mg/L", "<5", None, 5))
    if f["alt"] is not None:
        uln = c.h.get("uln") or r.choice([40, 41, 35, 33])
        ref = "0-%d" % uln if r.random() < 0.6 else "<%d" % (uln + 1 if uln == 40 else uln)
        it = Lab("alt", ["ALT", "ALT (alanine transaminase)", "Alanine transaminase"], str(f["alt"]),
                 r.choice(["U/L", "U/L", "IU/L", ""]), ref, None, uln, True)
        if "alt" in c.prev:
            it.prev = [str(v) for _, v in c.prev["alt"]]
        items.append(it)
        if r.random() < 0.6 or c.has("jaundice"):
            alp = r.randint(190, 620) if c.has("jaundice") and c.h.get("var") != "gilbert" else r.randint(55, 125)
            items.append(Lab("alp", ["ALP"], str(alp), "U/L", "30-130", 30, 130))
    if c.has("jaundice") or "bili" in c.other or (f["alt"] is not None and r.random() < 0.5):
        b = c.other.get("bili") or r.randint(5, 17)
        items.append(Lab("bili", ["Bilirubin", "Bili"], str(b), "umol/L", "<21", None, 21))
    if c.has("cirrhosis"):
        items.append(Lab("alb", ["Albumin"], str(r.randint(24, 31)), "g/L", "35-50", 35, 50))
        items.append(Lab("inr", ["INR"], "%.1f" % r.uniform(1.3, 1.7), "", "0.8-1.2", 0.8, 1.2))
    elif r.random() < 0.25:
        items.append(Lab("alb", ["Albumin"], str(r.randint(36, 46)), "g/L", "35-50", 35, 50))
    if f["calpro"] is not None:
        ref = r.choice(["<50", "0-50", "<80"])
        items.append(Lab("calpro", ["Faecal calprotectin", "FCP", "Calprotectin", "calprotectin"],
                         str(f["calpro"]), r.choice(["ug/g", "µg/g", "ug/g", ""]), ref, None,
                         int(ref.replace("<", "").replace("0-", "")), True))
    if f["fit"] is not None:
        fk = f["fit"]
        val = {"num": lambda: str(fk["v"]), "lt": lambda: "<%d" % fk["v"], "neg": lambda: "negative",
               "undet": lambda: "undetectable", "gt": lambda: ">400", "posat": lambda: "positive at %d" % fk["v"]
               }[fk["kind"]]()
        unit = "" if fk["kind"] in ("neg", "undet") else r.choice(["ug Hb/g", "ug/g", "µg Hb/g faeces", ""])
        it = Lab("fit", ["FIT", "qFIT", "FIT (faecal immunochemical test)"], val, unit, "<10", None, 10, True)
        if "fit" in c.prev:
            it.prev = [str(v) for _, v in c.prev["fit"]]
        items.append(it)
    if f["ttg"] is not None:
        t = f["ttg"]
        if t["raised"]:
            val = {"num": str(t["v"]), "gt": ">128", "pos": str(t["v"])}[t["kind"]]
        else:
            val = "%.1f" % t["v"] if t["kind"] == "num" else "negative"
        items.append(Lab("ttg", ["tTG IgA", "Anti-tTG IgA", "tTG"], val, "U/mL" if val != "negative" else "",
                         "<%d" % t["ref"], None, t["ref"], True))
    if r.random() < 0.25:
        items.append(Lab("egfr", ["eGFR"], str(r.randint(62, 90)), "mL/min/1.73m2", ">60", 60, None))
    if r.random() < 0.15:
        items.append(Lab("b12", ["B12"], str(r.randint(220, 640)), "ng/L", "180-900", 180, 900))
    for it in items:
        x = it.num()
        if it.key == "fit":
            x = None if not re.match(r"^\d", it.val) else float(it.val)
            it.flag = "H" if not f["fit"]["below10"] else ""
        elif it.key == "ttg":
            it.flag = "H" if f["ttg"]["raised"] else ""
        else:
            it.flag = _flag(x, it.lo, it.hi)
    c._labs = items
    return items


def lab_name(c, it, reg):
    if reg == "abbr" or c.h.get("short_names"):
        return it.names[0] if it.key not in ("calpro", "ferritin") else {"calpro": "FCP", "ferritin": "ferritin"}[it.key]
    return c.ch(it.names)


def reg_lab(c, it, text):
    """Register a lab text: evidence for spec values, nothing for neutral ones."""
    if it.spec:
        c.written.setdefault(it.key, []).append({"value": it.val, "unit": it.unit})
        c.E("value:" + it.key, text)
    return text


def lab_inline(c, it, reg, with_unit=None):
    if with_unit is None:
        with_unit = c.r.random() < 0.6 or it.key in ("hb",) and it.unit == "g/dL"
    if it.key == "hb" and it.unit == "g/dL":
        with_unit = True
    nm = lab_name(c, it, reg)
    if it.key == "alt" and c.h.get("xuln") and it.spec:
        t = "%s %dx ULN (%s)" % (nm, c.h["xuln"], it.val)
        return reg_lab(c, it, t)
    if it.key == "alt" and c.h.get("var") == "deranged" and c.rule == "O5":
        return reg_lab(c, it, "deranged LFTs, %s %s%s" % (nm, it.val, (" " + it.unit) if it.unit else ""))
    if it.key == "fit" and it.val in ("negative", "undetectable"):
        t = "%s %s" % (nm, it.val)
    elif it.key == "ttg":
        t = ttg_inline(c, it, nm)
    else:
        sep = ": " if c.r.random() < 0.15 else " "
        t = "%s%s%s%s" % (nm, sep, it.val, (" " + it.unit) if (with_unit and it.unit) else "")
    return reg_lab(c, it, t)


def ttg_inline(c, it, nm):
    """tTG is always written with its reference range (or the lab's word), so 'raised' can be read."""
    if it.val == "negative":
        return "%s negative (ref %s)" % (nm, it.ref)
    u = (" " + it.unit) if it.unit else ""
    if c.f["ttg"]["kind"] == "pos":
        return "%s %s%s, ref %s - positive" % (nm, it.val, u, it.ref)
    return "%s %s%s (ref %s)" % (nm, it.val, u, it.ref)


def fmt_line(c, items, reg, sep=None):
    sep = sep or c.ch([", ", "; ", ", ", " / "])
    parts = [lab_inline(c, it, reg) for it in items]
    return sep.join(parts)


def fmt_table(c, items, kind=None):
    kind = kind or c.ch(["cols", "pipe", "emis", "cols"])
    rows = []
    if kind == "cols":
        rows.append(c.B("Test                 Result    Units          Ref range     Flag"))
        for it in items:
            nm = c.ch([n for n in it.names if len(n) <= 20])
            rows.append(reg_lab(c, it, ("%-20s %-9s %-14s %-13s %s" % (nm, it.val, it.unit or "-", it.ref,
                                                                     it.flag)).rstrip()))
    elif kind == "pipe":
        rows.append(c.B("| Test | Value | Units | Range | Flag |"))
        for it in items:
            nm = c.ch(it.names)
            rows.append(reg_lab(c, it, "| %s | %s | %s | %s | %s |" % (nm, it.val, it.unit or "", it.ref,
                                                                       it.flag or "")))
    else:
        for it in items:
            nm = c.ch(it.names)
            fl = {"H": " H", "L": " L", "": ""}[it.flag]
            if fl and c.r.random() < 0.4:
                fl = " *"
            txt = ("%s %s %s [%s]%s" % (nm, it.val, it.unit, it.ref, fl)).replace("  ", " ")
            rows.append(reg_lab(c, it, txt))
    return "\n".join(rows)


def fmt_prose(c, items, reg="prose"):
    parts = []
    for it in items:
        nm = c.ch({"hb": ["haemoglobin", "Hb"], "ferritin": ["ferritin"], "calpro": ["faecal calprotectin", "calprotectin"],
                   "fit": ["FIT", "qFIT"], "alt": ["ALT"], "ttg": ["tTG", "tTG IgA"], "mcv": ["MCV"],
                   "plt": ["platelets"], "crp": ["CRP"], "alb": ["albumin"], "bili": ["bilirubin"],
                   "alp": ["ALP"], "inr": ["INR"], "wcc": ["white count"], "egfr": ["eGFR"], "b12": ["B12"]}
                  [it.key])
        if it.key == "alt" and c.h.get("xuln"):
            parts.append(reg_lab(c, it, "ALT %dx ULN (%s)" % (c.h["xuln"], it.val)))
        elif it.key == "alt" and c.h.get("var") == "deranged" and c.rule == "O5":
            parts.append(reg_lab(c, it, "deranged LFTs with ALT %s%s" % (it.val, (" " + it.unit) if it.unit else "")))
        elif it.key == "fit" and it.val in ("negative", "undetectable"):
            parts.append(reg_lab(c, it, "%s %s" % (nm, it.val)))
        elif it.key == "fit" and it.val.startswith("positive"):
            parts.append(reg_lab(c, it, "%s %s" % (nm, it.val)))
        elif it.key == "ttg":
            parts.append(reg_lab(c, it, ttg_inline(c, it, nm)))
        else:
            u = (" " + it.unit) if it.unit else ""
            parts.append(reg_lab(c, it, "%s %s%s" % (nm, it.val, u)))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def fmt_trend(c, it, reg="prose"):
    """'Hb 128 (Jan) -> 109 (Mar) -> 96 (May)' -- current value last."""
    n = len(it.prev)
    labels = []
    for k in range(n, 0, -1):
        labels.append(month_ago(c, 2 * k + c.r.randint(0, 1))[:3])
    nm = lab_name(c, it, reg)
    arrow = c.ch([" -> ", " → ", " then ", ", "])
    u = (" " + it.unit) if it.unit and it.key == "hb" and it.unit == "g/dL" else ""
    chain = arrow.join("%s%s (%s)" % (v, u, lb) for v, lb in zip(it.prev, labels))
    cur = c.ch(["now", "this month", "latest", month_ago(c, 0)[:3]])
    t = "%s %s%s%s%s (%s)" % (nm, chain, arrow, it.val, u, cur)
    for v, lb in zip(it.prev, labels):
        c.X("previous_value", it.key, "%s%s (%s)" % (v, u, lb))
    return reg_lab(c, it, t)


def prev_sentence(c, it, reg):
    """An earlier value quoted on its own (must not count)."""
    v = it.prev[-1]
    y = c.letter_date.year - c.r.choice([0, 1, 1, 2])
    nm = lab_name(c, it, reg)
    u = (" " + it.unit) if it.unit else ""
    if y == c.letter_date.year:
        when = "in %s" % month_ago(c, c.r.randint(3, 6))
    else:
        when = "in %s %d" % (c.ch(MONTHS[:10]), y)
    t = c.ch(["(previous %s %s%s %s)", "(%s was %s%s %s)"]) % (nm, v, u, when) if reg == "prose" else \
        "(prev %s %s%s %s)" % (nm, v, u, when.replace("in ", ""))
    return c.X("previous_value", it.key, t)


def pending_text(c, key, reg):
    if key == "fit":
        t = c.ch(["FIT kit given, result awaited", "FIT requested, not yet returned", "FIT pending"])
    else:
        t = c.ch(["ferritin awaited", "ferritin requested, result awaited", "ferritin pending"])
    return c.X("pending", key, t)


def results_block(c, reg, layout=None, provider=None, exclude=()):
    """Render all results in one of several layouts.  Returns text (may be multi-line)."""
    items = [it for it in build_labs(c) if it.key not in exclude]
    layout = layout or c.ch(["line", "table", "prose", "line"])
    if not items and not c.pending:
        return ""
    trend_items = [it for it in items if it.prev]
    use_trend = trend_items and c.r.random() < 0.55
    main = [it for it in items if not (use_trend and it.prev)]
    out = []
    if main:
        if layout == "table":
            out.append(fmt_table(c, main))
        elif layout == "prose":
            out.append(fmt_prose(c, main, reg))
        else:
            out.append(fmt_line(c, main, reg))
    for it in trend_items:
        if use_trend:
            out.append(fmt_trend(c, it, reg))
        else:
            out.append(prev_sentence(c, it, reg))
    for k in c.pending:
        out.append(pending_text(c, k, reg))
    joiner = "\n" if layout == "table" else ("; " if layout == "line" else ". ")
    if layout == "table":
        txt = out[0] + ("\n" + "; ".join(out[1:]) if len(out) > 1 else "")
    else:
        txt = joiner.join(o for o in out if o)
    if provider:
        txt = provider + txt
    return txt


# ----- negations and other distractors ---------------------------------------
NEG_PROSE = {
    "dysphagia": ["no dysphagia", "no difficulty swallowing", "denies dysphagia"],
    "weight_loss": ["no weight loss", "denies weight loss"],
    "rectal_bleeding": ["no rectal bleeding", "no blood in the stool"],
    "haematemesis": ["no haematemesis", "no vomiting of blood"],
    "jaundice": ["no jaundice", "not jaundiced"],
    "cibh": ["no change in bowel habit", "bowel habit unchanged"],
    "abdo_pain": ["no abdominal pain"],
    "reflux": ["no reflux"],
    "dyspepsia": ["no indigestion", "no dyspepsia"],
    "bloody_diarrhoea": ["no bloody diarrhoea"],
    "abdo_mass": ["no abdominal mass", "no palpable abdominal mass"],
    "bloating": ["no bloating"],
}
NEG_ABBR = {
    "dysphagia": ["no dysphagia", "dysphagia -"], "weight_loss": ["no wt loss"],
    "rectal_bleeding": ["no PR bleeding", "PR bleed -"], "haematemesis": ["no haematemesis"],
    "jaundice": ["not jaundiced"], "cibh": ["no CIBH"], "abdo_pain": ["no abdo pain"], "reflux": ["no reflux"],
    "dyspepsia": ["no dyspepsia"], "bloody_diarrhoea": ["no bloody diarrhoea"], "abdo_mass": ["no abdo mass"],
    "bloating": ["no bloating"],
}
NO_EXAM_STYLES = ("nhs111_clinician_reports", "practice_pharmacist_med_review")


def neg_ok(c, k):
    if c.has(k):
        return False
    if k in ("rectal_bleeding", "cibh") and c.has("bloody_diarrhoea"):
        return False
    if k in ("abdo_pain", "dyspepsia") and (c.has("upper_abdo_pain") or c.has("abdo_mass")):
        return False
    if k == "dyspepsia" and c.ppi:
        return False
    if k == "abdo_mass" and c.style in NO_EXAM_STYLES:
        return False
    if k == "weight_loss" and c.h.get("wdis_used"):
        return False
    return True


def neg_keys(c, n):
    order = ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice", "abdo_mass", "cibh",
             "bloody_diarrhoea", "abdo_pain", "reflux", "dyspepsia", "bloating"]
    ks = [k for k in order if neg_ok(c, k)]
    c.r.shuffle(ks)
    ks = ks[:n]
    ks.sort(key=order.index)
    return ks


def neg_list(c, reg, n):
    ks = neg_keys(c, n)
    bank = NEG_ABBR if reg == "abbr" else NEG_PROSE
    return [c.X("negated", k, c.ch(bank[k])) for k in ks]


def neg_clause(c, reg, n=3):
    """'no dysphagia, no weight loss or rectal bleeding' as one registered distractor."""
    ks = neg_keys(c, n)
    if not ks:
        return ""
    bank = NEG_ABBR if reg == "abbr" else NEG_PROSE
    parts = [c.ch(bank[k]) for k in ks]
    t = ", ".join(parts)
    return c.X("negated", "+".join(ks), t)


def past_year(c, lo=3, hi=9):
    """A year clearly in the past (at least lo years before the letter), after the patient's 12th birthday."""
    y = c.letter_date.year - c.r.randint(lo, hi)
    return min(max(y, c.letter_date.year - c.f["age"] + 12), c.letter_date.year - lo)


RESOLVED = {
    "rectal_bleeding": ("a single episode of rectal bleeding in {y} from haemorrhoids, which were banded, with "
                        "none since", "PR bleed {y} - haemorrhoids banded, nil since"),
    "dysphagia": ("a food bolus in {y}; the OGD at the time was normal and {p} has swallowed normally since",
                  "food bolus {y}, OGD NAD, swallowing normal since"),
    "haematemesis": ("a Mallory-Weiss tear with haematemesis in {y} after a bout of vomiting, no recurrence",
                     "M-W tear + haematemesis {y}, no recurrence"),
    "jaundice": ("hepatitis A with jaundice in {y}, fully recovered", "hep A {y} (jaundiced), full recovery"),
    "dyspepsia": ("H. pylori-positive dyspepsia in {y}, eradicated, with complete resolution",
                  "H. pylori dyspepsia {y}, eradicated, resolved"),
    "bloody_diarrhoea": ("Campylobacter with bloody diarrhoea in {y}, which settled within a week",
                         "Campylobacter {y} (bloody diarrhoea), resolved"),
    "weight_loss": ("weight loss when {p} had COVID in {y}, regained within months",
                    "wt loss with COVID {y}, since regained"),
}
HYPO_WORDS = {"dysphagia": "difficulty swallowing", "haematemesis": "vomiting blood", "weight_loss": "weight loss",
              "jaundice": "jaundice", "rectal_bleeding": "rectal bleeding", "abdo_mass": "a lump in the tummy",
              "bloody_diarrhoea": "bloody diarrhoea"}
FH_OTHER = [("{pos} mother had oesophageal cancer in her seventies", "FH: mother oesophageal ca"),
            ("{pos} brother has Crohn's disease", "FH: brother Crohn's"),
            ("{pos} sister has coeliac disease", "FH: sister coeliac"),
            ("{pos} father died of alcohol-related cirrhosis", "FH: father - cirrhosis (EtOH)"),
            ("{pos} paternal grandfather had stomach cancer", "FH: grandfather stomach ca"),
            ("{pos} sister was treated for iron-deficiency anaemia last year (her Hb was 92)",
             "FH: sister IDA (Hb 92) last yr"),
            ("{pos} mother has ulcerative colitis", "FH: mother UC")]
FH_REL = [("father", 45, 72), ("mother", 48, 75), ("brother", 40, 60), ("sister", 42, 62)]


def fh_crc_text(c, reg):
    rr, lo, hi = c.ch(FH_REL)
    n = c.r.randint(lo, hi)
    if reg == "abbr":
        t = c.ch(["FH: {r} CRC aged {n}", "FH bowel ca ({r}, dx {n})"]).format(r=rr, n=n)
    else:
        t = c.ch(["{pos} {r} was diagnosed with bowel cancer at {n}", "{pos} {r} had colorectal cancer aged {n}",
                  "a family history of bowel cancer: {pos} {r} was diagnosed at the age of {n}"]
                 ).format(pos=c.pos, r=rr, n=n)
    c.E("fh_crc", t)
    if c.rule != "A3":
        c.X("family_history", "fh_crc", t)
    return t


def fh_other_text(c, reg):
    pool = list(FH_OTHER)
    if c.rule == "O4" or c.f["ttg"] is not None:
        pool = [p for p in pool if "coeliac" not in p[0]] or pool
    a, b = c.ch(pool)
    t = b if reg == "abbr" else a.format(pos=c.pos)
    kind = "family_history_value" if "Hb" in t else "family_history"
    return c.X(kind, "relative", t)


def misc_distractors(c, reg, n):
    out = []
    pool = []
    for k, (a, b) in RESOLVED.items():
        if neg_ok(c, k) and not (k == "dyspepsia" and (c.has("reflux") or c.has("upper_abdo_pain"))):
            pool.append(("resolved_past", k, a, b))
    pool.append(("hypo", None, None, None))
    pool.append(("fh", None, None, None))
    if not c.has("jaundice"):
        pool.append(("reported_refuted", "jaundice",
                     "{pos} {rel} thought {p} looked yellow, but {pos} sclerae are white and {p} is not jaundiced",
                     "{rel} thought pt looked yellow - sclerae white, not jaundiced"))
    if not c.has("dysphagia"):
        pool.append(("reported_refuted", "dysphagia",
                     "{pos} {rel} said {p} was struggling to swallow, but on direct questioning {p} eats and drinks "
                     "normally and only has a lump-in-the-throat feeling between meals",
                     "{rel} reported swallowing problem - on questioning eats/drinks normally, globus only"))
    if not c.has("rectal_bleeding") and not c.has("bloody_diarrhoea"):
        pool.append(("reported_refuted", "rectal_bleeding",
                     "{pos} {rel} mentioned blood in the toilet, but this was after eating beetroot and there has "
                     "been no rectal bleeding",
                     "{rel} reported red stool - beetroot, no PR bleeding"))
    if not c.has("asymptomatic"):
        pool.append(("other_person", "spouse",
                     "{pos} {sp}, who was with {obj}, has recently been treated for bowel cancer, which has "
                     "worried them both",
                     "{sp} recently treated for bowel ca (not a blood relative)"))
    if c.h.get("no_refuted"):
        pool = [p for p in pool if p[0] != "reported_refuted"]
    c.r.shuffle(pool)
    for kind, about, a, b in pool[:n]:
        if kind == "hypo":
            ks = [k for k in HYPO_WORDS if neg_ok(c, k)]
            c.r.shuffle(ks)
            ks = ks[:3]
            if not ks:
                continue
            ws = [HYPO_WORDS[k] for k in ks]
            lst = ", ".join(ws[:-1]) + (" or " if len(ws) > 1 else "") + ws[-1]
            if reg == "abbr":
                t = "SN: return if %s" % "/".join(ws)
            else:
                t = c.ch(["I have advised {obj} to come back if {p} develops {l}",
                          "if {p} develops {l} {p} knows to contact us at once",
                          "safety-netted: should {p} notice {l} {p} will ring"]).format(obj=c.obj, p=c.p, l=lst)
            out.append(("hypothetical", c.X("hypothetical", "+".join(ks), t)))
        elif kind == "fh":
            out.append(("family_history", fh_other_text(c, reg)))
        else:
            y = past_year(c)
            sp = ("husband" if c.f["sex"] == "F" else "wife") if c.f["age"] >= 28 else "partner"
            t = (b if reg == "abbr" else a).format(y=y, p=c.p, pos=c.pos, obj=c.obj, rel=rel(c), sp=sp)
            out.append((kind, c.X(kind, about, t)))
    return out


# ----- history items ---------------------------------------------------------
HIST_ORDER = ["dysphagia", "haematemesis", "bloody_diarrhoea", "rectal_bleeding", "cibh", "abdo_pain",
              "upper_abdo_pain", "dyspepsia", "reflux", "bloating", "jaundice", "confusion", "other_symptom"]
EXAM_KEYS = ["rectal_mass", "anal_mass", "anal_ulcer", "abdo_mass", "ascites"]


def hist_items(c, reg):
    ks = [k for k in HIST_ORDER if c.has(k) and not (k == "dyspepsia" and c.ppi)]
    if len(ks) > 2 and c.r.random() < 0.4:
        a = ks[1:]
        c.r.shuffle(a)
        ks = ks[:1] + a
    return [sym_text(c, k, reg) for k in ks]


def exam_items(c, reg):
    pos = [sym_text(c, k, reg) for k in EXAM_KEYS if c.has(k)]
    neg = []
    if c.style in NO_EXAM_STYLES:
        return pos, neg
    if not c.has("abdo_mass") and not c.has("ascites") and c.r.random() < 0.7:
        t = c.ch(["abdomen soft, non-tender, no masses", "abdomen soft with no palpable mass"]) if reg == "prose" \
            else c.ch(["abdo SNT, no masses", "abdo soft, no mass"])
        neg.append(c.X("negated", "abdo_mass", t))
    if not (c.has("rectal_mass") or c.has("anal_mass") or c.has("anal_ulcer")) and c.r.random() < 0.45:
        t = c.ch(["PR examination normal with no masses", "rectal examination: no mass felt"]) if reg == "prose" \
            else "PR: NAD, no mass"
        neg.append(c.X("negated", "rectal_mass", t))
    if not c.has("jaundice") and c.r.random() < 0.3:
        neg.append(c.X("negated", "jaundice", "not jaundiced" if reg == "prose" else "not jaundiced"))
    return pos, neg


def obs_text(c, reg):
    r = c.r
    t = "BP %d/%d, pulse %d, temp %.1f, sats %d%%" % (r.randint(108, 152), r.randint(62, 92), r.randint(60, 96),
                                                     r.uniform(36.2, 37.3), r.randint(95, 99))
    if reg == "abbr":
        t = "BP %d/%d HR %d T %.1f SpO2 %d%%" % (r.randint(108, 152), r.randint(62, 92), r.randint(60, 96),
                                                r.uniform(36.2, 37.3), r.randint(95, 99))
    return c.X("observations", "obs", t)


PMH_POOL = ["hypertension", "type 2 diabetes", "asthma", "osteoarthritis of both knees", "hypothyroidism",
            "depression", "COPD", "atrial fibrillation", "cholecystectomy 2016", "gout", "migraine", "anxiety",
            "psoriasis", "hypercholesterolaemia", "carpal tunnel release", "hysterectomy 2009 (fibroids)",
            "TURP 2019"]
MEDS_POOL = [("amlodipine", "5 mg od"), ("ramipril", "2.5 mg od"), ("metformin", "500 mg bd"),
             ("atorvastatin", "20 mg on"), ("levothyroxine", "75 micrograms od"), ("salbutamol", "100 micrograms prn"),
             ("sertraline", "50 mg od"), ("apixaban", "5 mg bd"), ("co-codamol", "30/500 prn"),
             ("bisoprolol", "2.5 mg od"), ("allopurinol", "100 mg od"), ("propranolol", "40 mg bd"),
             ("mirtazapine", "15 mg on"), ("tamsulosin", "400 micrograms od"), ("HRT patch", "50 micrograms")]


def pmh_list(c, reg):
    r = c.r
    n = r.randint(0, 3)
    pool = [p for p in PMH_POOL if not (c.f["sex"] == "M" and "hysterectomy" in p)
            and not (c.f["sex"] == "F" and "TURP" in p)]
    if c.f["age"] < 40:
        pool = [p for p in pool if p in ("asthma", "migraine", "anxiety", "depression", "psoriasis")]
    items = r.sample(pool, min(n, len(pool)))
    out = list(items)
    if c.has("ibd_known") and c.rule != "O3":
        dz = c.ch(["ulcerative colitis", "ulcerative colitis"])
        c.h["ibd_dz"] = dz
        out.insert(0, c.E("ibd_known", "%s (diagnosed %d)" % (dz, past_year(c, 2, 12))))
    if c.has("cirrhosis"):
        t = c.ch(["known alcohol-related cirrhosis", "cirrhosis (haemochromatosis), diagnosed %d" % past_year(c, 1, 6),
                  "known cirrhosis secondary to treated hepatitis C"])
        if reg == "abbr":
            t = c.ch(["cirrhosis (ArLD)", "cirrhosis - HCV, treated"])
        out.insert(0, c.E("cirrhosis", t))
    return out


def meds_list(c, reg):
    r = c.r
    n = r.randint(0, 4)
    if c.f["age"] < 40:
        n = min(n, 1)
    pool = [m for m in MEDS_POOL if not (c.f["sex"] == "M" and m[0] == "HRT patch")
            and not (c.f["sex"] == "F" and m[0] == "tamsulosin")]
    items = r.sample(pool, n)
    out = []
    for d, dose in items:
        out.append(c.X("dose", d, "%s %s" % (d, dose)))
    fer = c.f["ferritin"]
    if fer is not None and fer < 30 and r.random() < 0.5:
        out.append(c.X("dose", "iron", c.ch(["ferrous sulfate 200 mg od (started last week)",
                                             "ferrous fumarate 210 mg bd (started recently)"])))
    if c.ppi is None and not c.has("dyspepsia") and not c.has("reflux") and r.random() < 0.2:
        out.append(c.X("dose", "ppi", "omeprazole 20 mg od (gastroprotection)"))
    if c.has("ibd_known") and c.rule == "O3":
        pass
    return out


# ----- impression / request ----------------------------------------------------
IMPRESSION = {
    "U1": ["dysphagia, cause not yet established", "dysphagia - needs OGD"],
    "U2": ["rectal/anal lesion needing urgent assessment"],
    "U3": ["FIT above threshold", "raised FIT"],
    "U4": ["iron deficiency anaemia", "IDA"],
    "U5": ["weight loss with upper GI symptoms"],
    "U6": ["abdominal mass, cause unknown"],
    "U7": ["jaundice, cause to be established"],
    "U8": ["lower GI symptoms, no FIT result yet"],
    "R1": ["? active colitis", "probable colitis"],
    "R2": ["significant liver problem needing prompt review"],
    "R3": ["haematemesis, now settled"],
    "O1": ["dyspepsia not settling on PPI"],
    "O2": ["calprotectin mildly raised"],
    "O3": ["stable IBD - management question"],
    "O4": ["probable coeliac disease"],
    "O5": ["abnormal liver tests / fatty liver"],
    "A1": ["probable IBS", "likely functional bowel symptoms"],
    "O6": ["lower GI symptoms, FIT below threshold"],
    "A2": ["uncomplicated reflux / dyspepsia"],
    "A3": ["family history of bowel cancer, asymptomatic"],
    "D": ["not sure - would value review"],
}


def impression(c):
    t = c.ch(IMPRESSION[c.rule])
    if c.rule == "U3" and c.f["fit"]["kind"] == "posat":
        t = "raised FIT"
    if c.rule == "O5" and c.has("fatty_liver"):
        t = "fatty liver"
    elif c.rule == "O5":
        t = "raised ALT"
    return c.X("impression", c.rule, t)


REQ_PROSE = {
    "usc": ["I would be grateful if {p} could be seen on the urgent suspected cancer (2WW) pathway.",
            "Please see {obj} under the two-week-wait pathway.",
            "I am referring {obj} as a suspected cancer (2WW) referral."],
    "urgent": ["I would be grateful if {p} could be seen urgently.",
               "Please could {p} be seen as an urgent (non-cancer) referral?",
               "I would appreciate an urgent appointment."],
    "routine": ["A routine appointment would be fine.", "Please see {obj} routinely.",
                "I would be grateful for a routine clinic appointment."],
    "ag": ["I would welcome your advice; I do not think {p} needs to be seen.",
           "Advice and guidance only, please.",
           "Could you advise on management? I am not requesting an appointment."],
    None: ["I would be grateful for your opinion.", "Many thanks for your help with {obj}."],
}
REQ_ABBR = {"usc": ["2WW pls", "USC referral pls", "pls see 2WW"], "urgent": ["urgent pls", "pls see urgently"],
            "routine": ["routine OPD pls", "routine pls"], "ag": ["A&G only pls", "advice only pls"],
            None: ["thoughts pls", "opinion pls"]}
GP_PRIORITY_WORDS = {"usc": "two-week wait (urgent suspected cancer)", "urgent": "urgent", "routine": "routine",
                     "ag": "advice only", None: None}
URG_CODE = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine",
            "advice_and_guidance": "ag"}


def request_text(c, reg):
    bank = REQ_ABBR if reg == "abbr" else REQ_PROSE
    t = c.ch(bank[c.gp]).format(p=c.p, obj=c.obj)
    return c.X("gp_request", str(c.gp), t)


# ----- special statements ----------------------------------------------------
def ibd_texts(c, reg):
    dz, drug, q = c.h["ibd"]
    y = past_year(c, 3, 12)
    if reg == "abbr":
        a = "known %s (dx %d), stable/in remission on %s" % ({"ulcerative colitis": "UC", "Crohn's disease": "Crohn's",
                                                            "ulcerative proctitis": "proctitis"}[dz], y, drug)
        b = "Q: " + q.format(p="pt", pos="pt's")
    else:
        a = c.ch(["known %s since %d, stable and in remission on %s" % (dz, y, drug),
                  "%s (diagnosed %d), currently stable on %s with no flares for over two years" % (dz, y, drug)])
        b = c.ch(["{P} asks ", "The question is ", "{P} would like to know "]).format(P=c.P) + \
            q.format(p=c.p, pos=c.pos)
    c.E("ibd_known", a)
    c.X("dose", "ibd_drug", drug)
    return [c.E("ibd_stable_q", a), c.E("ibd_stable_q", b)]


def fatty_text(c, reg):
    d = c.letter_date - dt.timedelta(days=c.r.randint(14, 60))
    if reg == "abbr":
        t = "USS abdo %s: fatty liver, no focal lesion" % fmt_date(d, 4)
    else:
        t = c.ch(["an ultrasound on %s showed a fatty liver" % fmt_date(d, 0),
                  "ultrasound (%s): hepatic steatosis (fatty liver), no focal lesion" % fmt_date(d, 1)])
    return c.E("fatty_liver", t)


def asym_text(c, reg):
    t = ("asymptomatic" if reg == "abbr" else
         c.ch(["{P} is completely asymptomatic", "{P} has no symptoms at all", "{P} is entirely well with no symptoms"]
              ).format(P=c.P))
    return c.E("asymptomatic", t)


class Pieces:
    pass


def make_pieces(c, reg, n_misc=None, n_neg=None, form=False, no_weight_distractor=False):
    P = Pieces()
    P.hist = hist_items(c, reg) if not form else []
    P.weight_fact = c.weight is not None
    if form:
        P.weight = None
    elif c.weight is not None:
        P.weight = weight_text(c, reg)
    elif not no_weight_distractor and c.r.random() < 0.55:
        P.weight = weight_distractor(c, reg)
        c.h["wdis_used"] = True
    else:
        P.weight = None
    P.ppi = ppi_text(c, reg) if c.ppi and not form else None
    P.exam_pos, P.exam_neg = exam_items(c, reg) if not form else ([], [])
    P.obs = obs_text(c, reg) if c.style not in NO_EXAM_STYLES and c.r.random() < 0.5 else None
    P.pmh = pmh_list(c, reg)
    P.meds = meds_list(c, reg)
    P.fh = []
    if c.has("fh_crc"):
        P.fh.append(fh_crc_text(c, reg))
    P.lead = []
    P.question = None
    if c.has("ibd_stable_q"):
        a, b = ibd_texts(c, reg)
        P.lead.append(a)
        P.question = b
    if c.has("asymptomatic"):
        P.lead.append(asym_text(c, reg))
    if c.has("fatty_liver"):
        P.lead.append(fatty_text(c, reg))
    n_misc = c.r.randint(0, 2) if n_misc is None else n_misc
    P.misc = misc_distractors(c, reg, n_misc)
    P.negs = neg_clause(c, reg, c.r.randint(2, 4) if n_neg is None else n_neg) if not form else ""
    P.request = request_text(c, reg)
    P.imp = impression(c)
    return P


def misc_sent(c, kind, t):
    if kind == "resolved_past":
        return c.ch(["Of note, %s had %s." % (c.p, t), "In the past %s had %s." % (c.p, t)])
    return cap(t) + "."


CUR = [None]


def cap(s):
    """Capitalise the first letter; registrations of s are copied for the new spelling."""
    if not s:
        return s
    t = s[:1].upper() + s[1:]
    c = CUR[0]
    if t != s and c is not None:
        for e in list(c.ev):
            if e[1] and s.startswith(e[1]):
                c.ev.append([e[0], e[1][:1].upper() + e[1][1:]])
        for d in list(c.dis):
            if d[2] and s.startswith(d[2]):
                c.dis.append([d[0], d[1], d[2][:1].upper() + d[2][1:]])
        for b in list(c.boiler):
            if s.startswith(b):
                c.boiler.append(b[:1].upper() + b[1:])
    return t


def and_join(xs):
    xs = [x for x in xs if x]
    if not xs:
        return ""
    if len(xs) == 1:
        return xs[0]
    return ", ".join(xs[:-1]) + " and " + xs[-1]


# ---------------------------------------------------------------------------
# identity, dates, ages
# ---------------------------------------------------------------------------
AGE_MODES = {
    "default": ["num", "num", "num", "words", "yo", "dob", "dob", "months"],
    "terse_locum_requests": ["yo", "yo", "yo", "dob"],
    "abbreviation_heavy_gp": ["yo", "yo", "yo", "dob"],
    "lowercase_no_punctuation_gp": ["num", "words", "words", "num", "dob"],
    "armed_forces_medical_officer": ["num", "dob", "num"],
    "lower_gi_2ww_form": ["num", "dob", "dob"],
    "upper_gi_2ww_form": ["num", "dob", "dob"],
    "gastro_symptom_checklist_form": ["num", "dob", "dob"],
    "ers_structured_template": ["num", "dob", "dob"],
    "private_health_check_doctor": ["num", "num", "dob"],
    "nhs111_clinician_reports": ["num", "num", "dob", "words"],
    "salaried_gp_problem_lists": ["dob"],
}


def setup_identity(c):
    r = c.r
    if c.style == "health_visitor_school_nurse_notes":
        c.f["sex"] = "F" if r.random() < 0.85 else "M"
    elif c.style == "armed_forces_medical_officer":
        c.f["sex"] = "M" if r.random() < 0.75 else "F"
    else:
        c.f["sex"] = r.choice(["M", "F"])
    start = dt.date(2024, 9, 2)
    c.letter_date = start + dt.timedelta(days=r.randint(0, 450))
    if c.letter_date.weekday() >= 5:
        c.letter_date -= dt.timedelta(days=c.letter_date.weekday() - 4)
    c.practice = r.choice(PRACTICES)
    c.gpname = r.choice(GP_NAMES)
    c.cons = r.choice(CONSULTANTS)
    c.hosp = r.choice(HOSPITALS)
    c.first = r.choice(FIRST_M if c.f["sex"] == "M" else FIRST_F)
    c.surname = r.choice(SURNAMES)
    c.nhs = nhs_number(r)
    c.addr = "%d %s, %s %s" % (r.randint(1, 140), r.choice(STREETS), r.choice(TOWNS), postcode(r))
    c.tel = phone(r)
    c.pt_tel = "07700 900%03d" % r.randrange(1000)


def finish_identity(c):
    r = c.r
    age = c.f["age"]
    L = c.letter_date
    modes = AGE_MODES.get(c.style, AGE_MODES["default"])
    mode = r.choice(modes)
    line = c.h.get("age_line")
    if line is not None and r.random() < 0.45:
        mode = r.choice(["dob", "months", "dob"]) if c.style not in ("terse_locum_requests",) else "dob"
        if c.style in ("lowercase_no_punctuation_gp",):
            mode = "dob"
    if mode == "months" and c.style in ("terse_locum_requests", "abbreviation_heavy_gp"):
        mode = "dob"
    near_bday = line is not None and mode in ("dob", "months") and r.random() < 0.8
    if near_bday:
        if age < line:
            days_since = 365 - r.randint(6, 26)
        else:
            days_since = r.randint(8, 28)
    elif mode == "months":
        days_since = r.randint(35, 330)
    else:
        days_since = r.randint(0, 364)
    for _ in range(40):
        lb = L - dt.timedelta(days=days_since)
        if lb.day <= 28:
            break
        days_since += 3
    lb = L - dt.timedelta(days=days_since)
    dob = dt.date(lb.year - age, lb.month, lb.day)
    if age_on(dob, L) != age:
        raise Retry("dob")
    c.dob = dob
    months = (L.year - lb.year) * 12 + L.month - lb.month - (1 if L.day < lb.day else 0)
    if mode == "months" and months < 1:
        mode = "num"
    c.h["age_mode"] = mode
    c.h["age_months"] = months
    c.h["near_bday"] = near_bday
    c.dates.append(L)


def age_phrase(c, kind="adj"):
    mode = c.h["age_mode"]
    a = c.f["age"]
    if mode == "dob":
        return ""
    if mode == "words":
        t = {"adj": "%s-year-old" % words(a), "aged": "aged %s" % words(a), "short": "%s-year-old" % words(a)}[kind]
    elif mode == "yo":
        t = {"adj": c.ch(["%dyo", "%d y/o"]) % a, "aged": "aged %d" % a,
             "short": c.ch(["%dyo", "%d%s" % (a, c.f["sex"]), "%d y/o"]).replace("%d", str(a))}[kind]
    elif mode == "months":
        t = "aged %d and %d months" % (a, c.h["age_months"])
    else:
        t = {"adj": "%d-year-old" % a, "aged": "aged %d" % a, "short": "%d-year-old" % a}[kind]
    c.h["age_text_used"] = True
    return c.E("age", t)


def art(phrase):
    """'a' or 'an' before a phrase (an 81-year-old, an eighty-year-old, an 18-year-old)."""
    p = phrase.strip().lower()
    if re.match(r"(8\d?\b|8\d-|11\b|11-|18\b|18-|eight|eleven|a|e|i|o|u(?!ni))", p):
        return "an"
    return "a"


def who_phrase(c, a, noun=None):
    """'57-year-old man', 'man aged 59 and 11 months', or just 'man' when only the DOB gives the age."""
    noun = noun or c.man
    if not a:
        return noun
    if a.startswith("aged"):
        return "%s %s" % (noun, a)
    return "%s %s" % (a, noun)


def age_adj_man(c):
    """'57-year-old man' / 'gentleman aged 59 and 11 months' / 'gentleman' (DOB only)."""
    mode = c.h["age_mode"]
    m = c.man
    if mode == "dob":
        return m
    if mode == "months":
        return "%s %s" % (m, age_phrase(c, "aged"))
    return "%s %s" % (age_phrase(c, "adj"), m)


def dob_text(c, label="DOB", style=None, sep=" "):
    st = c.r.choice([0, 0, 1, 5, 2]) if style is None else style
    t = "%s%s%s" % (label, sep, fmt_date(c.dob, st)) if label else fmt_date(c.dob, st)
    c.h["dob_shown"] = True
    return c.E("dob", t)


def date_text(c, label="Date", style=None, sep=": "):
    st = c.r.choice([0, 1, 1, 2, 5]) if style is None else style
    t = "%s%s%s" % (label, sep, fmt_date(c.letter_date, st)) if label else fmt_date(c.letter_date, st)
    c.h["date_shown"] = True
    return c.E("letter_date", t)


def nhs_text(c, label="NHS No."):
    return c.X("identifier", "nhs_number", "%s %s" % (label, c.nhs) if label else c.nhs)


def title(c):
    if c.f["sex"] == "M":
        return "Mr"
    return c.ch(["Mrs", "Ms", "Miss"]) if c.f["age"] < 35 else c.ch(["Mrs", "Mrs", "Ms"])


def pname(c, fmt=0):
    if not hasattr(c, "_title"):
        c._title = title(c)
    if fmt == 1:
        return "%s, %s (%s)" % (c.surname.upper(), c.first, c._title)
    if fmt == 2:
        return "%s %s" % (c.first, c.surname)
    return "%s %s %s" % (c._title, c.first, c.surname)


def hosp_no(c):
    return c.X("identifier", "hospital_number", "Hosp no. %s%07d" % (c.ch(["RX", "NG", "K"]), c.r.randrange(10 ** 7)))


def ubrn(c):
    n = c.r.randrange(10 ** 12)
    s = "%012d" % n
    return c.X("identifier", "ubrn", "UBRN %s %s %s" % (s[:4], s[4:8], s[8:]))


def phone_text(c, label="Tel"):
    return c.X("identifier", "phone", "%s: %s" % (label, c.tel) if label else c.tel)


def recent_date(c, lo, hi):
    d = c.letter_date - dt.timedelta(days=c.r.randint(lo, hi))
    return d


# ---------------------------------------------------------------------------
# layouts / writers
# ---------------------------------------------------------------------------
def results_intro(c):
    return c.ch(["Recent bloods: ", "Blood tests: ", "Investigations so far: ", "Results: "])


def hist_paragraph(c, P, first_opener=None):
    """History items as sentences (first one already used by the opener if first_opener)."""
    out = []
    items = P.hist[1:] if first_opener else P.hist
    joiners = ["%s also reports %s.", "%s has also had %s.", "In addition there is %s.", "%s describes %s.",
               "There has also been %s."]
    for h in items:
        j = c.ch(joiners)
        out.append(j % (c.P, h) if j.count("%s") == 2 else j % h)
    return out


def st_formal(c):
    P = make_pieces(c, "prose")
    r = c.r
    nm, st, town, pc, code = c.practice
    L = [nm, "%s, %s %s" % (st, town, pc), phone_text(c)]
    if r.random() < 0.5:
        L[-1] += "    Fax: " + c.X("identifier", "fax", phone(r))
    L += ["", date_text(c, "", None, ""), "", c.cons, "Consultant Gastroenterologist", c.hosp, ""]
    L.append(c.fill("Dear %s," % c.ch([c.cons, "Colleague", "Dr " + c.cons.split()[-1]])))
    L.append("")
    L.append("Re: %s, %s, %s" % (pname(c), dob_text(c), nhs_text(c)))
    L.append("     " + c.addr)
    L.append("")
    who = age_adj_man(c)
    body = []
    if P.hist:
        body.append(c.fill(c.ch(["I would be grateful if you would see this %s who presents with %s.",
                                 "Thank you for seeing this %s who has a history of %s.",
                                 "I should be grateful for your assessment of this %s, who has had %s."]))
                    % (who, P.hist[0]))
        body += hist_paragraph(c, P, True)
    elif P.lead:
        body.append(c.fill("I would be grateful for your advice regarding this %s.") % who)
    else:
        body.append(c.fill("I would be grateful for your opinion on this %s, whose recent blood results are "
                           "set out below.") % who)
    for x in P.lead:
        body.append(cap(x) + ".")
    if P.fh:
        body.append(cap(P.fh[0]) + ".")
    if P.weight:
        body.append(cap(P.weight) + ".")
    if P.ppi:
        body.append(cap(P.ppi) + ".")
    if P.negs:
        body.append(c.ch(["On direct questioning: %s.", "Systems enquiry: %s.", "Of note, %s."]) % P.negs)
    para2 = []
    ex = P.exam_pos + P.exam_neg
    if ex:
        para2.append("On examination there was %s." % and_join(ex) if P.exam_pos else
                     "On examination: %s." % and_join(ex))
    if P.obs:
        para2.append("Observations: %s." % P.obs)
    res = results_block(c, "prose", c.ch(["prose", "line"]))
    addendum = None
    if res and r.random() < 0.3:
        addendum = res
        para2.append(c.fill("Blood tests have been sent and I will forward the results when they are back."))
    elif res:
        para2.append(c.ch(["Recent blood tests show ", "Investigations: ", "Her results: " if c.p == "she" else
                           "His results: "]) + res + ".")
    para3 = []
    if P.pmh:
        para3.append("%s past history includes %s." % (cap(c.pos), and_join(P.pmh)))
    if P.meds:
        para3.append("Current medication: %s." % "; ".join(P.meds))
    for k, t in P.misc:
        para3.append(misc_sent(c, k, t))
    if P.question:
        para3.append(P.question + ".")
    para3.append(P.request)
    L.append(" ".join(body))
    L.append("")
    if para2:
        L.append(" ".join(para2))
        L.append("")
    L.append(" ".join(para3))
    L.append("")
    L.append(c.fill(c.ch(["Yours sincerely,", "With kind regards,", "Yours faithfully,"])))
    L += ["", "", c.gpname, c.ch(["MBChB MRCGP", "MB BS FRCGP", "BM BCh MRCGP DRCOG"]), "Senior Partner"]
    if r.random() < 0.6:
        dd = c.letter_date - dt.timedelta(days=r.randint(1, 3))
        c.dates.append(dd)
        L += ["", "Dictated %s, typed %s (%s)" % (fmt_date(dd, 0), fmt_date(c.letter_date, 0),
                                                c.ch(["JB", "sec/kt", "AP"]))]
    if r.random() < 0.6:
        L += ["cc: " + c.ch(["Patient", "Patient (by post)"]) + "; " + c.ch(GP_NAMES) + ", " + c.practice[0] +
              c.ch(["", "; Practice notes", "; " + hosp_no(c)])]
    if addendum:
        L += ["", "ADDENDUM (%s): results now back - %s." % (fmt_date(c.letter_date, 0), addendum)]
    return "\n".join(L)


def st_terse(c):
    P = make_pieces(c, "abbr", n_misc=c.r.choice([0, 0, 1]), n_neg=c.r.choice([1, 2]))
    r = c.r
    lines = []
    head = "%s - %s" % (c.practice[0], date_text(c, "", c.ch([0, 4, 3]), ""))
    lines.append(head)
    idp = "Re %s %s" % (pname(c, 2), dob_text(c, c.ch(["DOB", "dob", "b."]), None, " "))
    if r.random() < 0.5:
        idp += " " + nhs_text(c, "NHS")
    lines.append(idp)
    a = age_phrase(c, "short")
    bits = []
    if a:
        bits.append(a if a[-1] in "MF" else "%s %s" % (a, c.f["sex"]))
    bits += P.hist + P.lead + P.fh
    if P.pmh:
        bits.append("PMH " + ", ".join(P.pmh))
    if P.weight:
        bits.append(P.weight)
    if P.ppi:
        bits.append(P.ppi)
    bits += P.exam_pos
    lines.append(". ".join(bits) + ".")
    res = results_block(c, "abbr", "line")
    if res:
        lines.append(res + ".")
    tail = []
    if P.negs:
        tail.append(P.negs)
    tail += P.exam_neg
    tail += [t for k, t in P.misc]
    if P.question:
        tail.append(P.question)
    if tail:
        lines.append(". ".join(tail) + ".")
    lines.append(P.request + ". " + c.fill(c.ch(["Thanks", "Many thanks", "Thank you"])) + ", " + c.gpname +
                 " (locum)")
    return "\n".join(lines)


def st_chatty(c):
    P = make_pieces(c, "prose", n_misc=c.r.choice([1, 2, 2, 3]))
    r = c.r
    d1 = recent_date(c, 28, 56)
    d2 = recent_date(c, 3, 12)
    c.dates += [d1, d2]
    L = [c.practice[0], c.practice[1] + ", " + c.practice[2], phone_text(c), date_text(c), ""]
    L.append("%s %s" % (pname(c), dob_text(c, "DOB")))
    L.append("")
    L.append(c.fill(c.ch(["Dear %s," % c.cons.replace("Dr ", "Dr "), "Dear Gastro team,", "Hi %s," % c.cons])))
    L.append("")
    occ = c.ch(["postman", "school cook", "bus driver", "teacher", "carer", "farmer",
                "shop manager", "taxi driver", "nursery nurse", "software tester", "self-employed plumber"])
    who = age_adj_man(c)
    job = ("is a retired %s" % occ) if c.f["age"] >= 67 else ("works as %s %s" % (art(occ), occ))
    p1 = [c.fill("I hope you are well, and thank you in advance for looking at this."),
          "I would really value your help with %s, %s %s who %s and whom I have known for years." %
          (pname(c, 2), art(who), who, job)]
    if P.hist:
        p1.append("I first saw %s on %s when %s came in (with %s %s, who does most of the talking!) with %s." %
                  (c.obj, fmt_date(d1, 1), c.p, c.pos, rel(c), P.hist[0]))
        p1 += hist_paragraph(c, P, True)
    else:
        p1.append("I first saw %s on %s for a general catch-up." % (c.obj, fmt_date(d1, 1)))
    for x in P.lead:
        p1.append(cap(x) + ".")
    for k, t in P.misc[:1]:
        p1.append(misc_sent(c, k, t))
    p2 = []
    if P.weight:
        p2.append(cap(P.weight) + ".")
    if P.ppi:
        p2.append(cap(P.ppi) + ".")
    if P.fh:
        p2.append("To make matters more worrying for %s, %s." % (c.obj, P.fh[0]))
    ex = P.exam_pos + P.exam_neg
    if ex:
        p2.append("When I examined %s there was %s." % (c.obj, and_join(ex)))
    res = results_block(c, "prose", c.ch(["prose", "line"]))
    ps = None
    if res:
        if r.random() < 0.45:
            ps = res
            p2.append(c.fill("I have sent some bloods off and am still waiting for them as I write."))
        else:
            p2.append("I reviewed %s on %s with the results: %s." % (c.obj, fmt_date(d2, 1), res))
    if P.negs:
        p2.append("Reassuringly: %s." % P.negs)
    p3 = []
    for k, t in P.misc[1:]:
        p3.append(misc_sent(c, k, t))
    if P.pmh:
        p3.append("Otherwise %s has %s." % (c.p, and_join(P.pmh)))
    if P.meds:
        p3.append("%s takes %s." % (c.P, and_join(P.meds)))
    if P.question:
        p3.append(P.question + ".")
    p3.append(c.fill(c.ch(["Socially %s lives with %s %s in a terraced house, still drives, and looks after two "
                           "grandchildren on Wednesdays." % (c.p, c.pos, rel(c)),
                           "%s is a keen walker and volunteers at the food bank; %s does not smoke and drinks about "
                           "six units a week." % (c.P, c.p),
                           "%s has had a difficult year, having moved house and changed jobs, and is understandably "
                           "keen to get to the bottom of things." % c.P])))
    p3.append(c.fill("To be honest I am not entirely sure what is going on, so I would value your thoughts."))
    p3.append(P.request)
    foot = "--- %s | %s | Partners: %s, %s | page %%d of 2 ---" % (c.practice[0], c.X("identifier", "phone", c.tel),
                                                                  c.gpname, c.ch(GP_NAMES))
    L += [" ".join(p1), "", foot % 1, "", " ".join(p2), "", " ".join(p3), ""]
    L += [c.fill(c.ch(["Many thanks,", "Thanks so much,", "Best wishes,"])), "", c.gpname.split()[1], "(%s)" % c.gpname]
    if ps:
        L += ["", "P.S. Results came back just as I was finishing this: %s." % ps]
    if not P.obs is None:
        L.append("")
        L.append("Obs at last visit: %s" % P.obs)
    L += ["", foot % 2]
    return "\n".join(L)


def st_third_person(c):
    P = make_pieces(c, "prose")
    r = c.r
    L = ["%s  |  %s" % (c.practice[0], phone_text(c)), date_text(c, "Date of referral"), ""]
    L.append("To: %s, Department of Gastroenterology, %s" % (c.cons, c.hosp))
    L.append("Patient: %s   %s   %s" % (pname(c, 1), dob_text(c, "D.O.B."), nhs_text(c)))
    L.append("")
    L.append(c.fill("Dear Doctor,"))
    L.append("")
    a = age_phrase(c, "adj")
    noun = "man" if c.f["sex"] == "M" else "woman"
    intro = "The patient is %s %s" % (art(who_phrase(c, a, noun)), who_phrase(c, a, noun))
    s = [intro + "."]
    for i, h in enumerate(P.hist):
        s.append(c.ch(["The patient reports %s.", "The patient describes %s.", "The patient has had %s."]) % h)
    for x in P.lead:
        s.append("The patient's record notes %s." % x if not x[:1].isupper() else x + ".")
    if P.weight:
        s.append(c.B("Regarding weight:") + " %s." % P.weight)
    if P.ppi:
        s.append("Regarding treatment: %s." % P.ppi)
    if P.fh:
        s.append("The patient's family history: %s." % P.fh[0])
    if P.negs:
        s.append("On questioning the patient: %s." % P.negs)
    L.append(" ".join(s))
    L.append("")
    s2 = []
    ex = P.exam_pos + P.exam_neg
    if ex:
        s2.append("On examination the patient had %s." % and_join(ex))
    if P.obs:
        s2.append("The patient's observations were %s." % P.obs)
    res = results_block(c, "prose", c.ch(["prose", "line", "table"]))
    if res:
        if "\n" in res:
            s2.append("The patient's results are as follows:\n" + res)
        else:
            s2.append("The patient's results: %s." % res)
    if s2:
        L.append(" ".join(s2))
        L.append("")
    s3 = []
    if P.pmh:
        s3.append("The patient's past medical history includes %s." % and_join(P.pmh))
    if P.meds:
        s3.append("The patient takes %s." % and_join(P.meds))
    for k, t in P.misc:
        s3.append("The patient's notes record: %s." % t if k == "resolved_past" else misc_sent(c, k, t))
    if P.question:
        s3.append(rereg(c, P.question, P.question.replace(c.P + " ", "The patient ", 1)) + ".")
    s3.append(rereg(c, P.request, P.request.replace(" %s " % c.p, " the patient ", 1)))
    L.append(" ".join(s3))
    L += ["", c.fill("Yours faithfully,"), "", c.gpname, "Partner, " + c.practice[0]]
    return "\n".join(L)


def lower_strip(s):
    s = s.lower()
    s = re.sub(r"(?<!\d)\.(?!\d)|(?<=\d)\.(?!\d)|(?<!\d)\.(?=\d)", "", s)
    s = re.sub(r"[,;:()!?\"]", "", s)
    return s


def st_lowercase(c):
    c.h["hb_unit"] = "gL"
    P = make_pieces(c, "prose", n_misc=c.r.choice([0, 1, 1]))
    L = []
    L.append("%s %s" % (c.practice[0], date_text(c, "", 0, "")))
    L.append("re %s %s %s" % (pname(c, 2), dob_text(c, "dob"), nhs_text(c, "nhs")))
    L.append("")
    a = age_phrase(c, "adj")
    who = "this " + who_phrase(c, a)
    s = ["hi can you see %s" % who]
    if P.hist:
        s.append("with %s" % P.hist[0])
        for h in P.hist[1:]:
            s.append(c.ch(["also %s", "and %s", "plus %s"]) % h)
    for x in P.lead:
        s.append(x)
    if P.fh:
        s.append(P.fh[0])
    if P.weight:
        s.append(P.weight)
    if P.ppi:
        s.append(P.ppi)
    if P.exam_pos or P.exam_neg:
        s.append("on exam " + " ".join(P.exam_pos + P.exam_neg))
    res = results_block(c, "prose", "line", provider=None)
    if res:
        s.append("bloods " + res)
    if P.negs:
        s.append(P.negs)
    for k, t in P.misc:
        s.append(t)
    if P.pmh:
        s.append("pmh " + " ".join(P.pmh))
    if P.meds:
        s.append("meds " + " ".join(P.meds))
    if P.question:
        s.append(P.question)
    s.append(P.request)
    s.append(c.fill("thanks") + " " + c.gpname.lower())
    L.append(" ".join(s))
    c.h["transform"] = "lower_strip"
    return "\n".join(L)


def st_abbrev(c):
    P = make_pieces(c, "abbr")
    r = c.r
    L = ["%s (%s)" % (c.practice[0], c.X("identifier", "practice_code", c.practice[4])), date_text(c, "Date", 4)]
    L.append("Pt: %s  %s  %s" % (pname(c, 2), dob_text(c, "DOB"), nhs_text(c, "NHS#")))
    L.append("")
    a = age_phrase(c, "short")
    head = (a if a and a[-1] in "MF" else ("%s %s" % (a, c.f["sex"])) if a else c.f["sex"]) + "."
    L.append(head + (" PMHx: %s." % ", ".join(P.pmh) if P.pmh else " PMHx: nil signif."))
    if P.meds:
        L.append("DHx: %s." % ", ".join(P.meds))
    hpc = P.lead + P.hist
    if P.weight:
        hpc.append(P.weight)
    if P.ppi:
        hpc.append(P.ppi)
    L.append("HPC: " + ("; ".join(hpc) if hpc else "bloods as below") + ".")
    if P.negs:
        L.append("Neg: %s." % P.negs)
    if P.fh:
        L.append(P.fh[0] + ".")
    for k, t in P.misc:
        L.append(t + ".")
    ex = P.exam_pos + P.exam_neg
    if ex or P.obs:
        L.append("O/E: " + "; ".join(ex + ([P.obs] if P.obs else [])) + ".")
    res = results_block(c, "abbr", "line")
    if res:
        L.append("Ix: " + res + ".")
    L.append("Imp: " + P.imp + ".")
    if P.question:
        L.append(P.question + ".")
    L.append("Plan: " + P.request + ". " + c.fill(c.ch(["Thanks", "Thank you", "Thanks for your help"])) +
             ". " + c.gpname)
    return "\n".join(L)


def st_problem_lists(c):
    P = make_pieces(c, "prose")
    r = c.r
    system = c.ch(["EMIS Web", "SystmOne", "EMIS Web"])
    L = ["REFERRAL LETTER  (generated from %s)" % system, date_text(c, "Printed", 0), ""]
    L.append("From: %s, salaried GP, %s, %s" % (c.gpname, c.practice[0], phone_text(c, "tel")))
    L.append("To: Gastroenterology, %s" % c.hosp)
    L.append("")
    L.append("Patient:  %s" % pname(c, 1))
    L.append(dob_text(c, "Date of birth:", 0, "  "))
    L.append("NHS number:  " + nhs_text(c, ""))
    L.append("Address:  " + c.addr)
    L.append("")
    L.append("ACTIVE PROBLEMS")
    probs = []
    for p in P.pmh:
        m = re.search(r"(19|20)\d\d", p)
        if m:
            pd = dt.date(int(m.group(0)), r.randint(1, 12), r.randint(1, 28))
        else:
            pd = c.letter_date - dt.timedelta(days=r.randint(400, 4000))
        probs.append("  %s   %s" % (fmt_date(pd, 0), p))
    for h in P.hist[:2]:
        probs.append("  %s   %s" % (fmt_date(recent_date(c, 5, 30), 0), cap(h)))
    if not probs:
        probs.append("  (none recorded)")
    L += probs
    L.append("")
    L.append("CURRENT MEDICATION")
    L += ["  " + m for m in P.meds] if P.meds else ["  No current repeat medication"]
    L.append("")
    L.append("RECENT RESULTS")
    res = results_block(c, "prose", "table")
    L.append(res if res else "  None in last 3 months")
    L.append("")
    L.append("CONSULTATION  %s  (%s)" % (fmt_date(recent_date(c, 1, 6), 0), c.gpname))
    hx = P.hist[2:] + P.lead
    if P.weight:
        hx.append(P.weight)
    if P.ppi:
        hx.append(P.ppi)
    if P.fh:
        hx.append(P.fh[0])
    L.append("  History: " + ("; ".join(cap(x) for x in hx) if hx else "See problems above") +
             ("; %s" % P.negs if P.negs else "") + ".")
    ex = P.exam_pos + P.exam_neg + ([P.obs] if P.obs else [])
    if ex:
        L.append("  Examination: " + "; ".join(ex) + ".")
    for k, t in P.misc:
        L.append("  Comment: " + cap(t) + ".")
    L.append("")
    L.append("REFERRAL COMMENTS")
    q = (P.question + ". ") if P.question else ""
    L.append("  " + q + P.request)
    L.append("")
    L.append("  " + c.fill(c.ch(["Please contact the practice if further information is necessary.",
                                 "Thank you for seeing this patient; further details are available on request."])))
    L.append("")
    L.append("-- Page 1 of 1 -- %s -- %s --" % (c.practice[0], c.X("identifier", "phone", c.tel)))
    return "\n".join(L)


def st_headings(c):
    P = make_pieces(c, "prose", n_neg=c.r.choice([3, 4, 5]))
    r = c.r
    soap = r.random() < 0.4
    L = [c.practice[0] + ", " + c.practice[2], date_text(c, "Date"), "To: Gastroenterology, %s" % c.hosp,
         "Re: %s  %s  %s" % (pname(c), dob_text(c, "DOB"), nhs_text(c, "NHS")), ""]
    a = age_phrase(c, "adj")
    who = who_phrase(c, a)
    if soap:
        s = ["S: %s %s." % (cap(who), ("with " + and_join(P.hist)) if P.hist else "reviewed today")]
        s += [cap(x) + "." for x in P.lead]
        if P.weight:
            s.append(cap(P.weight) + ".")
        if P.ppi:
            s.append(cap(P.ppi) + ".")
        if P.negs:
            s.append("Red flags: %s." % P.negs)
        if P.fh:
            s.append("FH: %s." % P.fh[0])
        L.append(" ".join(s))
        o = P.exam_pos + P.exam_neg + ([P.obs] if P.obs else [])
        res = results_block(c, "prose", "line")
        L.append("O: " + ("; ".join(o) + ". " if o else "") + (("Bloods: " + res + ".") if res else ""))
        L.append("A: " + cap(P.imp) + ".")
        pl = [misc_sent(c, k, t) for k, t in P.misc]
        if P.question:
            pl.append(P.question + ".")
        L.append("P: " + " ".join(pl + [P.request]))
    else:
        pc = P.hist[0] if P.hist else (P.lead[0] if P.lead else (P.exam_pos[0] if P.exam_pos else
                                                                   "abnormal blood results"))
        L.append("Presenting complaint: " + cap(pc))
        hpc = P.hist[1:] + (P.lead if P.hist else P.lead[1:])
        if P.weight:
            hpc.append(P.weight)
        if P.ppi:
            hpc.append(P.ppi)
        L.append("HPC: " + (". ".join(cap(x) for x in hpc) + "." if hpc else "As above, %s." % who))
        if P.hist:
            L.append("Age: " + (a or "see DOB"))
        L.append("")
        neg_line = P.negs
        if neg_line:
            L.append("Red flags screened:")
            L.append("  " + neg_line.replace(", ", "\n  "))
            # the registration covers the joined form; register the multi-line form too
            c.dis.append(["negated", "red_flags_screened", "  " + neg_line.replace(", ", "\n  ")])
        L.append("")
        ex = P.exam_pos + P.exam_neg + ([P.obs] if P.obs else [])
        if ex:
            L.append("Examination: " + "; ".join(ex))
        res = results_block(c, "prose", c.ch(["line", "table"]))
        if res:
            L.append("Investigations:" + ("\n" if "\n" in res else " ") + res)
        if P.pmh:
            L.append("PMH: " + ", ".join(P.pmh))
        if P.meds:
            L.append("Medication: " + ", ".join(P.meds))
        if P.fh:
            L.append("Family history: " + cap(P.fh[0]))
        L.append("")
        L.append("Impression: " + cap(P.imp))
        for k, t in P.misc:
            L.append("Concerns: " + cap(t) if k != "hypothetical" else "Safety netting: " + cap(t))
        L.append("What I have done: " + c.ch(["bloods as above", "examined and bloods", "reviewed results"]))
        L.append("What I would like: " + ((P.question + ". ") if P.question else "") + P.request)
    L += ["", c.fill(c.ch(["Thank you for seeing this patient.", "Many thanks for your help.",
                           "I would be grateful for your assessment."])),
          c.gpname + ", GP Registrar (ST3), supervised by " + c.ch([g for g in GP_NAMES if g != c.gpname])]
    return "\n".join(L)


def rereg(c, old, new):
    for lst in (c.ev, c.dis):
        for e in lst:
            if e[-1] == old:
                e[-1] = new
    return new


def st_nhs111(c):
    P = make_pieces(c, "prose", n_neg=c.r.choice([2, 3, 4]))
    r = c.r
    caller = c.ch(["patient", "third party (%s)" % rel(c), "patient", "third party (%s)" % rel(c)])
    third = caller.startswith("third")
    L = ["NHS 111 %s - Clinical Assessment Service" % c.ch(["North Midlands", "Coast and Vale", "West Pennine"]),
         "Clinician report for onward referral: Gastroenterology (copy to registered GP, %s)" % c.practice[0],
         "Case ref: %s   %s   Time: %02d:%02d" % (c.X("identifier", "case_ref", "111-%08d" % r.randrange(10 ** 8)),
                                                 date_text(c, "Date", 0), r.randint(8, 22), r.randint(0, 59)),
         "Caller: " + caller + ("; patient then spoken to directly on video call" if third else "; video call used"),
         "Patient: %s   %s" % (pname(c), dob_text(c, "DOB", 0))]
    a = age_phrase(c, "aged")
    if a:
        L[-1] += "   (" + a + ")"
    L.append("")
    if P.hist:
        if third:
            L.append("History (reported by caller): %s." % cap("; ".join(P.hist)))
            L.append("Patient spoken to directly: confirms the above.")
        else:
            L.append("History: %s." % cap("; ".join(P.hist)))
    for x in P.lead:
        L.append(cap(x) + ".")
    if P.weight:
        L.append(c.B("Weight:") + " " + P.weight + ".")
    if P.ppi:
        L.append("Treatment so far: " + P.ppi + ".")
    if P.negs:
        L.append("Red flags asked: " + P.negs + ".")
    for k, t in P.misc:
        L.append(misc_sent(c, k, t))
    if P.fh:
        L.append("Family history: " + P.fh[0] + ".")
    res = results_block(c, "prose", c.ch(["line", "prose"]))
    if res:
        L.append("Results visible on GP Connect / Summary Care Record: " + res + ".")
    if P.meds:
        L.append("Medication (SCR): " + "; ".join(P.meds) + ".")
    if P.pmh:
        L.append("PMH (SCR): " + ", ".join(P.pmh) + ".")
    L.append("")
    L.append("Clinician assessment: " + cap(P.imp) + ". No features needing emergency department attendance today.")
    L.append("Disposition: referral to gastroenterology as per local pathway. " +
             ((P.question + ". ") if P.question else "") + P.request)
    L.append(c.fill("Please contact the registered practice if further information is necessary."))
    L.append("")
    L.append("Clinician: %s, %s" % (c.ch(["Sam Okoro", "Jen Fairweather", "Dr Ali Haddad", "Mark Lister"]),
                                    c.ch(["Clinical Advisor (Paramedic)", "GP, Clinical Assessment Service",
                                          "Clinical Advisor (Nurse)"])))
    return "\n".join(L)


def st_walkin(c):
    P = make_pieces(c, "prose")
    r = c.r
    town = c.practice[2]
    L = ["%s Walk-in Centre (NHS Urgent Treatment Centre)" % town,
         "Attendance summary and onward referral - Advanced Nurse Practitioner", "",
         date_text(c, "Attendance date", 0) + "   Arrival %02d:%02d" % (r.randint(8, 19), r.randint(0, 59)),
         "Patient: %s, %s, %s" % (pname(c), dob_text(c, "DOB", 0), nhs_text(c, "NHS")),
         "Registered GP: %s, %s" % (c.gpname, c.practice[0]), ""]
    a = age_phrase(c, "adj")
    who = who_phrase(c, a)
    pc = P.hist[0] if P.hist else "review of blood results"
    L.append("Presenting complaint: " + cap(pc))
    hx = ["This %s, registered elsewhere, attended as %s could not get a GP appointment." % (who, c.p)]
    hx += [cap(h) + "." for h in P.hist[1:]]
    hx += [cap(x) + "." for x in P.lead]
    if P.weight:
        hx.append(cap(P.weight) + ".")
    if P.ppi:
        hx.append(cap(P.ppi) + ".")
    if P.fh:
        hx.append(cap(P.fh[0]) + ".")
    if P.negs:
        hx.append(cap(P.negs) + ".")
    hx += [misc_sent(c, k, t) for k, t in P.misc]
    L.append("History: " + " ".join(hx))
    if P.obs:
        L.append("Observations: " + P.obs)
    ex = P.exam_pos + P.exam_neg
    if ex:
        L.append("Examination: " + "; ".join(ex))
    res = results_block(c, "prose", c.ch(["line", "prose"]))
    if res:
        L.append(c.ch(["Bloods taken here today (processed by the hospital lab): ",
                       "Bloods at the walk-in centre showed: "]) + res)
    if P.pmh:
        L.append("PMH: " + ", ".join(P.pmh))
    if P.meds:
        L.append("Meds: " + ", ".join(P.meds))
    L.append("Impression: " + cap(P.imp))
    L.append("Plan: referred to gastroenterology, copy to GP. " + ((P.question + ". ") if P.question else "") +
             P.request)
    L += ["", c.fill(c.ch(["Thank you for your assessment.", "Thank you for seeing this patient."])),
          "Seen by: %s, ANP (NMC pin %s)" % (c.ch(["Karen Hollis", "Tunde Bello", "Aisha Noor", "Rob Quinn"]),
                                               c.X("identifier", "nmc_pin", "%02d%s%04d%s" % (
                                                   r.randint(10, 99), r.choice("ABCDEFGHJ"), r.randint(1000, 9999),
                                                   r.choice("EFGH"))))]
    return "\n".join(L)


def st_matron(c):
    P = make_pieces(c, "prose", n_misc=c.r.choice([1, 2]))
    r = c.r
    d1 = recent_date(c, 21, 42)
    d2 = recent_date(c, 1, 7)
    c.dates += [d1, d2]
    L = ["%s Integrated Neighbourhood Team - Community Matron" % c.practice[2],
         date_text(c, "Letter date", 1), "To: Gastroenterology Referrals, %s (via %s)" % (c.hosp, c.gpname), "",
         "Re: %s, %s, %s" % (pname(c), dob_text(c, "born", 1), nhs_text(c, "NHS")), c.addr + " (housebound)", ""]
    a = age_phrase(c, "adj")
    who = who_phrase(c, a)
    carer = c.ch(["%s carer" % c.pos, "%s %s" % (c.pos, rel(c)), "the morning carer"])
    v1 = ["Visit 1 (%s): I visited this %s at home as part of %s case management." % (fmt_date(d1, 0), who, c.pos)]
    if P.hist:
        v1.append("%s told me about %s, and %s has noticed it too." % (cap(carer), P.hist[0], c.p))
        v1 += [cap(h) + "." for h in P.hist[1:]]
    for x in P.lead:
        v1.append(cap(x) + ".")
    if P.fh:
        v1.append(cap(P.fh[0]) + ".")
    resolved_sign = None
    if not c.has("abdo_mass") and r.random() < 0.5:
        resolved_sign = c.X("resolved_past", "abdo_mass",
                            "at visit 1 I thought I could feel a mass in the left iliac fossa, but at visit 2, after "
                            "%s bowels had opened, the abdomen was soft with no mass" % c.pos)
    v1.append("Bloods taken at that visit.")
    v2 = ["Visit 2 (%s):" % fmt_date(d2, 0)]
    if P.weight:
        v2.append(cap(P.weight) + " (clinic scales brought to the home).")
    if P.ppi:
        v2.append(cap(P.ppi) + ".")
    ex = P.exam_pos + P.exam_neg
    if ex:
        v2.append("On examination: " + "; ".join(ex) + ".")
    if resolved_sign:
        v2.append(cap(resolved_sign) + ".")
    if P.obs:
        v2.append("Obs " + P.obs + ".")
    if P.negs:
        v2.append("%s has %s." % (c.P, P.negs) if P.negs.startswith("no ") else cap(P.negs) + ".")
    v2 += [misc_sent(c, k, t) for k, t in P.misc]
    res = results_block(c, "prose", c.ch(["line", "table", "prose"]))
    L.append(" ".join(v1))
    L.append("")
    L.append(" ".join(v2))
    if res:
        L.append("Results from visit 1 bloods:" + ("\n" if "\n" in res else " ") + res)
    L.append("")
    if P.pmh:
        L.append("Background: " + ", ".join(P.pmh) + ".")
    if P.meds:
        L.append("Medicines (blister pack): " + ", ".join(P.meds) + ".")
    L.append("")
    L.append("I have discussed %s with %s, who agrees with referral. %s%s" % (
        c.obj, c.gpname, (P.question + ". ") if P.question else "", P.request))
    L += ["", c.fill(c.ch(["Thank you for your help with this lady." if c.f["sex"] == "F" else
                           "Thank you for your help with this gentleman.",
                           "I would appreciate a home-friendly appointment if at all possible."])),
          c.ch(["Julie Barraclough", "Denise Okafor", "Marian Price"]) + ", Community Matron, " + phone_text(c, "mobile")]
    return "\n".join(L)


def st_pharmacist(c):
    P = make_pieces(c, "prose", n_misc=c.r.choice([0, 1, 1]))
    r = c.r
    L = ["STRUCTURED MEDICATION REVIEW - Clinical Pharmacist", c.practice[0], date_text(c, "Date of review", 0),
         "Pharmacist: %s, MPharm, Independent Prescriber" % c.ch(["Priya Shah", "Tom Eccleston", "Ngozi Eze"]), "",
         "Patient: %s   %s   %s" % (pname(c), dob_text(c, "DOB", 0), nhs_text(c, "NHS No")), ""]
    a = age_phrase(c, "aged")
    L.append("Reason for review: annual SMR%s, polypharmacy." % ((", " + a) if a else ""))
    L.append("")
    L.append("Medicines reviewed:")
    meds = list(P.meds)
    if c.ppi:
        meds.insert(0, c.X("dose", "ppi", "%s %s daily" % (c.ppi["drug"], c.ppi["dose"])))
    if not meds:
        meds = ["no regular medicines; OTC only"]
    for i, m in enumerate(meds, 1):
        L.append("  %d. %s" % (i, m))
    L.append("")
    L.append("Issues identified:")
    iss = []
    if P.ppi:
        iss.append(cap(P.ppi))
    iss += [cap(h) for h in P.hist]
    iss += [cap(x) for x in P.lead]
    if P.weight:
        iss.append(cap(P.weight))
    res = results_block(c, "prose", "line")
    if res:
        iss.append("Bloods reviewed: " + res)
    if P.fh:
        iss.append(cap(P.fh[0]))
    if P.negs:
        iss.append(cap(P.negs) + " (asked specifically)")
    iss += [cap(t) for k, t in P.misc]
    for i, x in enumerate(iss, 1):
        L.append("  %d. %s." % (i, x))
    if P.pmh:
        L.append("")
        L.append("Conditions: " + ", ".join(P.pmh))
    L.append("")
    L.append("Discussed with %s (GP), who agrees with referral to gastroenterology. %s%s" % (
        c.gpname, (P.question + ". ") if P.question else "", P.request))
    L.append(c.fill(c.ch(["Thank you for reviewing.", "Please contact me at the practice if further details would help."])))
    return "\n".join(L)


def st_preassess(c):
    P = make_pieces(c, "prose")
    r = c.r
    proc = c.ch(["gastroscopy", "colonoscopy", "flexible sigmoidoscopy", "OGD and colonoscopy"])
    booked = c.letter_date + dt.timedelta(days=r.randint(10, 40))
    L = ["Endoscopy Unit, %s" % c.hosp, "Pre-assessment clinic note - for the attention of %s" % c.cons,
         date_text(c, "Date of pre-assessment", 0), "",
         "Patient: %s   %s   %s   %s" % (pname(c, 1), dob_text(c, "DOB", 0), hosp_no(c), nhs_text(c, "NHS")),
         "Listed for: %s, provisional date %s (routine list)" % (proc, fmt_date(booked, 0)), ""]
    a = age_phrase(c, "adj")
    who = who_phrase(c, a)
    s = ["I saw this %s for pre-assessment today." % who]
    if P.hist:
        s.append("At pre-assessment %s reported %s." % (c.p, and_join(P.hist)))
    for x in P.lead:
        s.append(cap(x) + ".")
    if P.weight:
        s.append(c.B("Weight check today:") + " %s." % P.weight)
    if P.ppi:
        s.append(cap(P.ppi) + ".")
    if P.negs:
        s.append("Screening questions: %s." % P.negs)
    L.append(" ".join(s))
    L.append("")
    ex = P.exam_pos + P.exam_neg + ([P.obs] if P.obs else [])
    if ex:
        L.append("Nursing observations / findings: " + "; ".join(ex) + ".")
    res = results_block(c, "prose", c.ch(["table", "line"]))
    if res:
        L.append("Bloods taken at pre-assessment:" + ("\n" if "\n" in res else " ") + res)
    if P.pmh:
        L.append("Medical history: " + ", ".join(P.pmh) + ".")
    if P.meds:
        L.append("Medication: " + ", ".join(P.meds) + " (anticoagulant plan per protocol).")
    if P.fh:
        L.append("Family history: " + P.fh[0] + ".")
    for k, t in P.misc:
        L.append(misc_sent(c, k, t))
    L.append("")
    L.append("Nurse's concern: please review this patient's priority in the light of the above. " +
             ((P.question + ". ") if P.question else "") + P.request)
    L += ["", c.fill(c.ch(["Many thanks,", "Thank you,", "Kind regards,"])),
          "%s, Endoscopy Pre-assessment Nurse, ext. %s" % (c.ch(["Claire Dobson", "Femi Ade", "Lisa Wong"]),
                                                             c.X("identifier", "extension", str(r.randint(4000, 4999))))]
    return "\n".join(L)


def st_private(c):
    P = make_pieces(c, "prose", n_misc=c.r.choice([0, 1]), no_weight_distractor=True)
    r = c.r
    L = ["%s Health Assessments - Doctor's Report" % c.ch(["Wellmark", "Meridian Private Health", "Harbourside Clinic"]),
         date_text(c, "Assessment date", 1),
         "Client: %s   %s" % (pname(c), dob_text(c, "DOB", 0)), ""]
    a = age_phrase(c, "aged")
    if a:
        L[-2] += "   " + a
    h = r.randint(152, 192)
    if c.weight and c.weight["mode"] in ("kg2", "pct", "clothes", "rep_vs_meas", "kgloss"):
        wt = c.weight["now"]
    elif c.weight and c.weight["mode"] == "stlb":
        wt = round((c.weight["now"][0] * 14 + c.weight["now"][1]) * 0.45359, 1)
    elif c.weight and c.weight["mode"] == "bmi":
        wt = round(c.weight["now"] * (h / 100.0) ** 2, 1)
    else:
        wt = round(r.uniform(58, 104), 1)
    bmi = wt / (h / 100.0) ** 2
    meas = "Height %d cm, weight %s kg, BMI %.1f" % (h, fmtw(wt), bmi)
    L.append("Measurements: " + c.X("measurement", "weight_today", meas) + "; " +
             c.X("target", "bmi", "target BMI %d" % r.choice([23, 24, 25])) + "; " +
             c.X("observations", "bp", "BP %d/%d" % (r.randint(110, 150), r.randint(65, 92))))
    L.append("")
    L.append("Questionnaire and consultation:")
    q = []
    q += [cap(x) for x in P.hist]
    q += [cap(x) for x in P.lead]
    if P.weight:
        q.append(cap(P.weight))
    if P.ppi:
        q.append(cap(P.ppi))
    if P.negs:
        q.append(cap(P.negs))
    if P.fh:
        q.append(cap(P.fh[0]))
    q += [cap(t) for k, t in P.misc]
    if not q:
        q = ["No symptoms reported"]
    for x in q:
        L.append("  - " + x)
    ex = P.exam_pos + P.exam_neg
    if ex:
        L.append("Examination: " + "; ".join(ex))
    L.append("")
    L.append("Laboratory results (%s):" % c.ch(["fasting sample", "same-day sample"]))
    res = results_block(c, "prose", "table")
    L.append(res if res else "  none")
    L.append("")
    L.append("Doctor's summary and recommendations:")
    L.append("  1. " + cap(P.imp) + ".")
    L.append("  2. " + c.ch(["Lifestyle advice given.", "Diet and exercise discussed."]))
    L.append("  3. Letter for the client's NHS GP and NHS gastroenterology service. " +
             ((P.question + ". ") if P.question else "") + P.request)
    if P.pmh or P.meds:
        L.append("Declared history: " + ", ".join(P.pmh + P.meds))
    L += ["", c.fill(c.ch(["We would be happy to provide further information on request.",
                           "Please do not hesitate to contact the clinic if further details would help."])),
          "Dr %s, %s" % (c.ch(["Hugo Lang", "Maria Castell", "Jas Bains"]),
                             c.X("identifier", "gmc", "GMC %d" % r.randint(6000000, 7999999)))]
    return "\n".join(L)


def st_forces(c):
    P = make_pieces(c, "prose")
    r = c.r
    rank = c.ch(["Pte", "LCpl", "Cpl", "Sgt", "SSgt", "Capt", "Gnr", "Spr"]) if c.f["age"] < 45 else \
        c.ch(["WO2", "Maj", "WO1", "Lt Col", "SSgt"])
    c._title = rank
    L = ["OFFICIAL-SENSITIVE: PERSONAL", "Defence Primary Healthcare - %s Medical Centre" %
         c.ch(["Catterick Garrison", "Tidworth", "RAF Brize Norton", "HMS Drake", "Colchester"]),
         "From: Capt %s RAMC, Regimental Medical Officer" % c.ch(["A Ferris", "K Mensah", "R Doyle"]),
         "To: Consultant Gastroenterologist, %s" % c.hosp, date_text(c, "Date", 0), "",
         "%s   Rank/Name: %s %s %s   %s" % (c.X("identifier", "service_number", "Service No: 30%06d" % r.randrange(10 ** 6)),
                                            rank, c.first[0], c.surname.upper(), dob_text(c, "DOB", 0)), ""]
    a = age_phrase(c, "adj")
    n = 1
    pars = []
    who = who_phrase(c, a, "serving " + ("soldier" if "RAF" not in L[1] else "airman")) if a else "serving member"
    first = "This %s presents with %s." % (who, and_join(P.hist)) if P.hist else \
        "This %s is referred following the results below." % who
    pars.append(first + " " + " ".join(cap(x) + "." for x in P.lead))
    hx = []
    if P.weight:
        hx.append(cap(P.weight) + ".")
    if P.ppi:
        hx.append(cap(P.ppi) + ".")
    if P.negs:
        hx.append(cap(P.negs) + ".")
    if P.fh:
        hx.append(cap(P.fh[0]) + ".")
    hx += [misc_sent(c, k, t) for k, t in P.misc]
    if hx:
        pars.append(" ".join(hx))
    ex = P.exam_pos + P.exam_neg + ([P.obs] if P.obs else [])
    if ex:
        pars.append("Examination: " + "; ".join(ex) + ".")
    res = results_block(c, "prose", c.ch(["line", "table"]))
    if res:
        pars.append("Investigations:" + ("\n" if "\n" in res else " ") + res)
    if P.pmh or P.meds:
        pars.append("PMH/DH: " + (", ".join(P.pmh + P.meds) or "nil") + ".")
    pars.append("Occupational: currently %s; due to %s in %d weeks. Medical employment standard under review." % (
        c.ch(["MFD", "MLD"]), c.ch(["deploy", "start a course", "go on exercise overseas"]), r.randint(3, 10)))
    pars.append(((P.question + ". ") if P.question else "") + P.request)
    for p in pars:
        L.append("%d. %s" % (n, p.strip()))
        n += 1
    L += ["", c.fill(c.ch(["I would be grateful for your assessment.", "Thank you for seeing this patient."])),
          "Capt (Dr) %s RAMC, RMO" % L[2].split("Capt ")[1].split(" RAMC")[0]]
    return "\n".join(L)


def st_hv(c):
    P = make_pieces(c, "prose", n_misc=c.r.choice([0, 1]))
    r = c.r
    school = c.f["age"] <= 19 and r.random() < 0.7
    if school:
        L = ["School Nursing Service (16-19) - contact record", c.practice[2] + " Sixth Form College"]
    else:
        L = ["Health Visiting Service - contact record", c.practice[2] + " 0-19 team"]
    L += [date_text(c, "Contact date", 0),
          "Client: %s   %s   %s" % (pname(c), dob_text(c, "DOB", 0), nhs_text(c, "NHS"))]
    if not school and c.f["sex"] == "F":
        bd = recent_date(c, 30, 200)
        L.append("Baby: %s, born %s" % (c.ch(["Ava", "Noah", "Isla", "Leo", "Maya", "Oscar"]), fmt_date(bd, 0)))
    L.append("Contact type: " + c.ch(["home visit", "clinic", "drop-in"]) + "")
    L.append("")
    a = age_phrase(c, "aged")
    notes = []
    if school:
        notes.append("Student%s attended the drop-in." % ((" " + a) if a else ""))
    else:
        notes.append("Routine contact%s." % ((", client " + a) if a else ""))
    if P.hist:
        notes.append("Client raised %s." % P.hist[0])
        notes += [cap(h) + "." for h in P.hist[1:]]
    notes += [cap(x) + "." for x in P.lead]
    if P.weight:
        notes.append(cap(P.weight) + ".")
    if P.ppi:
        notes.append(cap(P.ppi) + ".")
    if P.fh:
        notes.append(cap(P.fh[0]) + ".")
    if P.negs:
        notes.append(cap(P.negs) + ".")
    notes += [misc_sent(c, k, t) for k, t in P.misc]
    ex = P.exam_pos + P.exam_neg
    if ex:
        notes.append("GP examination: " + "; ".join(ex) + ".")
    res = results_block(c, "prose", "line")
    if res:
        notes.append("Bloods arranged by GP: " + res + ".")
    if P.pmh:
        notes.append("PMH: " + ", ".join(P.pmh) + ".")
    if P.meds:
        notes.append("Meds: " + ", ".join(P.meds) + ".")
    L.append("Notes: " + " ".join(notes))
    L.append("")
    L.append("Outcome: discussed with %s (GP), who has asked that this summary go with the referral. %s%s" % (
        c.gpname, (P.question + ". ") if P.question else "", P.request))
    L.append(c.fill(c.ch(["Thank you.", "Many thanks for your help.", "Happy to discuss further."])))
    L.append("Signed: %s, %s" % (c.ch(["Hannah Ridley", "Bev Collins", "Yasmin Patel"]),
                                 "School Nurse" if school else "Health Visitor"))
    return "\n".join(L)


# ----- forms -------------------------------------------------------------------
def ans(c, val, style):
    if style == "YN":
        return "Y" if val else "N"
    if style == "struck":
        return "Yes / ~~No~~" if val else "~~Yes~~ / No"
    if style == "circled":
        return "(Yes) / No" if val else "Yes / (No)"
    if style == "tick":
        return "✓" if val else "✗"
    if style == "box":
        return "[x] Yes  [ ] No" if val else "[ ] Yes  [x] No"
    if style == "plusminus":
        return "+" if val else "-"
    if style == "presabs":
        return "present" if val else "absent"
    return "yes" if val else "no"


def form_row(c, label, fact, val, style, detail_fn=None, width=34, neg_kind=None):
    lab = (label + " ").ljust(width, ".") + " "
    a = ans(c, val, style)
    if val:
        det = detail_fn() if detail_fn else ""
        row = lab + a + (("   " + det) if det else "")
        return c.E(fact, row)
    kind = neg_kind or ("unticked_box" if style in ("box", "tick", "struck", "circled") else "negated")
    return c.X(kind, fact, lab + a)


def ida_state(c):
    f = c.f
    if f["hb"] is None:
        return None
    anaemia = f["hb"] < c.thr()
    if not anaemia:
        return False
    if f["ferritin"] is None:
        return None
    return f["ferritin"] < 30


def ida_row(c, style, width=34):
    st = ida_state(c)
    lab = ("Iron deficiency anaemia ").ljust(width, ".") + " "
    if st is True:
        return c.E("ida_row", lab + ans(c, True, style) + "   (see bloods)")
    if st is None and "ferritin" in c.pending:
        return c.X("pending", "ida_row", lab + "not known - ferritin awaited")
    if st is None:
        return c.X("unticked_box" if style in ("box", "tick", "struck", "circled") else "negated", "ida_row",
                   lab + ans(c, False, style) + "   (no iron studies)" if c.f["hb"] is not None else
                   lab + ans(c, False, style))
    return c.X("unticked_box" if style in ("box", "tick", "struck", "circled") else "negated", "ida_row",
               lab + ans(c, False, style))


def fit_field(c):
    items = build_labs(c)
    fit = [it for it in items if it.key == "fit"]
    if fit:
        it = fit[0]
        d = recent_date(c, 7, 40)
        if it.val in ("negative", "undetectable") or it.val.startswith("positive"):
            t = "FIT result: %s (%s)" % (it.val, fmt_date(d, 0))
        else:
            t = "FIT result (ug Hb/g): %s   Date: %s" % (it.val, fmt_date(d, 0))
        w = reg_lab(c, it, t)
        if it.prev:
            w += "   " + prev_sentence(c, it, "abbr")
        return w
    if "fit" in c.pending:
        c.pending.remove("fit")
        return c.X("pending", "fit", "FIT result: kit issued %s, result awaited" % fmt_date(recent_date(c, 3, 10), 0))
    return c.X("no_result", "fit", "FIT result: not done (%s)" % c.ch(["patient declined", "unable to complete kit",
                                                                      "not yet issued"]))


def rest_syms(c, covered, reg="prose"):
    out = []
    for k in HIST_ORDER + EXAM_KEYS:
        if c.has(k) and k not in covered and not (k == "dyspepsia" and c.ppi):
            out.append(sym_text(c, k, reg))
    return out


def form_common_tail(c, P, reg="prose"):
    tail = []
    tail += [cap(x) + "." for x in P.lead]
    if P.fh:
        tail.append(cap(P.fh[0]) + ".")
    tail += [misc_sent(c, k, t) if reg == "prose" else t + "." for k, t in P.misc]
    return tail


def st_ers(c):
    P = make_pieces(c, "prose")
    r = c.r
    if c.gp is None:
        c.gp = "routine"
        P.request = request_text(c, "prose")
    pri = {"usc": "2 Week Wait (Urgent Suspected Cancer)", "urgent": "Urgent", "routine": "Routine",
           "ag": "Advice and Guidance"}[c.gp]
    service = c.ch(["Gastroenterology - General", "Gastroenterology - Hepatology", "Gastroenterology - Upper GI",
                    "Gastroenterology - Lower GI", "Gastroenterology - IBD"])
    L = ["NHS e-Referral Service - Referral Letter", ubrn(c), c.B("Service: " + service),
         c.X("gp_request", c.gp, "Priority: " + pri), date_text(c, "Date", 0),
         "Referrer: %s, %s (%s)" % (c.gpname, c.practice[0], c.X("identifier", "practice_code", c.practice[4])), "",
         "Patient: %s" % pname(c), dob_text(c, "Date of birth:", 0), nhs_text(c, "NHS number:")]
    a = age_phrase(c, "aged")
    if a:
        L.append("Age: " + a.replace("aged ", ""))
        rereg(c, a, a.replace("aged ", ""))
    L.append("")
    L.append("Reason for referral: " + cap(P.imp))
    hx = [cap(h) + "." for h in P.hist]
    hx += [cap(x) + "." for x in P.lead]
    if P.weight:
        hx.append(cap(P.weight) + ".")
    if P.ppi:
        hx.append(cap(P.ppi) + ".")
    L.append("History of presenting complaint: " + (" ".join(hx) if hx else "see investigations."))
    ex = P.exam_pos + P.exam_neg + ([P.obs] if P.obs else [])
    L.append("Relevant examination: " + ("; ".join(ex) if ex else "not examined (remote consultation)"))
    res = results_block(c, "prose", c.ch(["line", "table"]))
    L.append("Investigations:" + (("\n" if "\n" in res else " ") + res if res else " none"))
    L.append("Red flags: " + (P.negs if P.negs else "see history"))
    L.append("Past medical history: " + (", ".join(P.pmh) if P.pmh else "nil of note"))
    L.append("Current medication: " + (", ".join(P.meds) if P.meds else "none"))
    L.append("Allergies: " + c.ch(["NKDA", "penicillin (rash)", "none known"]))
    if P.fh:
        L.append("Family history: " + P.fh[0])
    other = [misc_sent(c, k, t) for k, t in P.misc]
    if other:
        L.append("Other relevant information: " + " ".join(other))
    L.append("Question(s) for the specialist: " + ((P.question + ". ") if P.question else "") + P.request)
    L.append("Referrer comments: " + c.fill(c.ch(["thank you for seeing this patient.", "happy to discuss, please "
                                                  "contact the practice if further information is necessary."])))
    return "\n".join(L)


def bd_row(c, label, style, width=34):
    """With bloody diarrhoea, the bleeding / bowel-habit rows point to it instead of saying No."""
    lab = (label + " ").ljust(width, ".") + " "
    return c.E("bloody_diarrhoea", lab + ans(c, True, style) + "   (part of the bloody diarrhoea described below)")


def lgi_rows(c, style):
    rows = []
    if c.has("bloody_diarrhoea"):
        rows.append(bd_row(c, "Rectal bleeding", style))
        rows.append(bd_row(c, "Change in bowel habit", style))
    else:
        rows.append(form_row(c, "Rectal bleeding", "rectal_bleeding", c.has("rectal_bleeding"), style,
                             lambda: sym_text(c, "rectal_bleeding", "abbr")))
        rows.append(form_row(c, "Change in bowel habit", "cibh", c.has("cibh"), style,
                             lambda: sym_text(c, "cibh", "abbr")))
    rows.append(form_row(c, "Unexplained weight loss", "weight_loss", c.has("weight_loss"), style,
                         lambda: weight_text(c, "abbr")))
    rows.append(form_row(c, "Abdominal pain", "abdo_pain", c.has("abdo_pain"), style,
                         lambda: sym_text(c, "abdo_pain", "abbr")))
    rows.append(form_row(c, "Abdominal mass", "abdo_mass", c.has("abdo_mass"), style,
                         lambda: sym_text(c, "abdo_mass", "abbr")))
    rm = c.has("rectal_mass") or c.has("anal_mass")
    rows.append(form_row(c, "Rectal or anal mass", "rectal_mass" if c.has("rectal_mass") else "anal_mass", rm, style,
                         lambda: sym_text(c, "rectal_mass" if c.has("rectal_mass") else "anal_mass", "abbr")))
    rows.append(form_row(c, "Unexplained anal ulceration", "anal_ulcer", c.has("anal_ulcer"), style,
                         lambda: sym_text(c, "anal_ulcer", "abbr")))
    rows.append(ida_row(c, style))
    covered = ["rectal_bleeding", "cibh", "abdo_pain", "abdo_mass", "rectal_mass", "anal_mass", "anal_ulcer"]
    return rows, covered


def st_lgi_form(c):
    P = make_pieces(c, "prose", form=True)
    c.gp = "usc"
    r = c.r
    style = c.ch(["YN", "struck", "circled", "tick", "box"])
    L = [c.B("SUSPECTED LOWER GI CANCER REFERRAL FORM (Urgent Suspected Cancer / 2WW)"),
         c.B("%s Cancer Alliance - v6.%d" % (c.ch(["East Midlands", "West Yorkshire and Harrogate",
                                                    "Cheshire and Merseyside"]), r.randint(0, 4))),
         date_text(c, "Referral date", 0), "",
         "Patient name: %s" % pname(c), dob_text(c, "DOB:", 0), nhs_text(c, "NHS number:"),
         "Contact tel: " + c.X("identifier", "phone", c.pt_tel)]
    a = age_phrase(c, "aged")
    if a:
        L.append("Age: " + a.replace("aged ", ""))
        rereg(c, a, a.replace("aged ", ""))
    L += ["Referring clinician: %s, %s" % (c.gpname, c.practice[0]), ""]
    L.append(fit_field(c))
    L.append("")
    L.append("Criteria - please answer every row:")
    rows, covered = lgi_rows(c, style)
    L += ["  " + x for x in rows]
    L.append("")
    res = results_block(c, "abbr", c.ch(["line", "table"]), exclude=("fit",))
    L.append("Bloods (within last 3 months):" + (("\n" if "\n" in res else " ") + res if res else " not done"))
    L.append("WHO performance status: %d" % r.choice([0, 0, 1, 1, 2]))
    add = [cap(x) + "." for x in rest_syms(c, covered)]
    if c.ppi:
        add.append(cap(ppi_text(c, "prose")) + ".")
    if not c.has("weight_loss") and r.random() < 0.5:
        add.append(cap(weight_distractor(c, "prose")) + ".")
    add += form_common_tail(c, P)
    add.append("GP concern: " + P.imp + ".")
    if P.pmh:
        add.append("PMH: " + ", ".join(P.pmh) + ".")
    if P.meds:
        add.append("Meds: " + ", ".join(P.meds) + ".")
    if P.question:
        add.append(P.question + ".")
    L.append("Additional clinical information: " + (" ".join(add) if add else "none"))
    L.append(c.B("Patient informed this is an urgent suspected cancer referral: Yes   Available in next 14 days: Yes"))
    L.append(c.fill(c.ch(["Thank you for seeing this patient.", "Thank you."])) + " " + c.gpname)
    c.X("gp_request", "usc", "urgent suspected cancer referral")
    return "\n".join(L)


def st_ugi_form(c):
    P = make_pieces(c, "prose", form=True)
    c.gp = "usc"
    r = c.r
    style = c.ch(["YN", "struck", "circled", "tick", "box"])
    L = [c.B("UPPER GI - SUSPECTED CANCER (2WW) REFERRAL PROFORMA"), "Straight-to-test OGD pathway",
         date_text(c, "Date of referral", 0), "",
         "Name: %s   %s   %s" % (pname(c, 1), dob_text(c, "DOB", 0), nhs_text(c, "NHS"))]
    a = age_phrase(c, "aged")
    if a:
        L[-1] += "   " + a
    L += ["GP: %s, %s   %s" % (c.gpname, c.practice[0], phone_text(c)), ""]
    L.append("Criteria (answer all):")
    rows = []
    rows.append(form_row(c, "Dysphagia", "dysphagia", c.has("dysphagia"), style, lambda: sym_text(c, "dysphagia", "abbr")))
    rows.append(form_row(c, "Upper abdominal pain", "upper_abdo_pain", c.has("upper_abdo_pain"), style,
                         lambda: sym_text(c, "upper_abdo_pain", "abbr")))
    rows.append(form_row(c, "Reflux", "reflux", c.has("reflux"), style, lambda: sym_text(c, "reflux", "abbr")))

    def dysp_detail():
        if c.ppi:
            c.h["ppi_done"] = True
            return ppi_text(c, "abbr")
        return sym_text(c, "dyspepsia", "abbr")
    rows.append(form_row(c, "Dyspepsia", "dyspepsia", c.has("dyspepsia"), style, dysp_detail))
    rows.append(form_row(c, "Weight loss", "weight_loss", c.has("weight_loss"), style, lambda: weight_text(c, "abbr")))
    rows.append(form_row(c, "Haematemesis", "haematemesis", c.has("haematemesis"), style,
                         lambda: sym_text(c, "haematemesis", "abbr")))
    rows.append(form_row(c, "Abdominal mass", "abdo_mass", c.has("abdo_mass"), style,
                         lambda: sym_text(c, "abdo_mass", "abbr")))
    rows.append(form_row(c, "Jaundice", "jaundice", c.has("jaundice"), style, lambda: sym_text(c, "jaundice", "abbr")))
    rows.append(ida_row(c, style))
    lab = ("Aged 55 or over ").ljust(34, ".") + " " + ans(c, c.f["age"] >= 55, style)
    rows.append(c.E("age_row", lab) if c.f["age"] >= 55 else c.X("unticked_box", "age_row", lab))
    covered = ["dysphagia", "upper_abdo_pain", "reflux", "dyspepsia", "haematemesis", "abdo_mass", "jaundice"]
    L += ["  " + x for x in rows]
    L.append("")
    res = results_block(c, "abbr", c.ch(["line", "table"]))
    L.append("Bloods:" + (("\n" if "\n" in res else " ") + res if res else " not done"))
    add = [cap(x) + "." for x in rest_syms(c, covered)]
    if c.ppi and not c.h.get("ppi_done"):
        add.append(cap(ppi_text(c, "prose")) + ".")
    if not c.has("weight_loss") and r.random() < 0.5:
        add.append(cap(weight_distractor(c, "prose")) + ".")
    add += form_common_tail(c, P)
    add.append("GP concern: " + P.imp + ".")
    if P.pmh:
        add.append("PMH: " + ", ".join(P.pmh) + ".")
    if P.meds:
        add.append("Medication: " + ", ".join(P.meds) + ".")
    if P.question:
        add.append(P.question + ".")
    L.append("Other information: " + (" ".join(add) if add else "none"))
    L.append("Performance status: %d    Anticoagulants: %s" % (r.choice([0, 1, 1, 2]), c.ch(["no", "no", "yes - apixaban"])))
    L.append(c.fill(c.ch(["Thank you for your assessment.", "Thank you for seeing this patient."])) + " " + c.gpname)
    c.X("gp_request", "usc", "2WW")
    return "\n".join(L)


def st_checklist(c):
    P = make_pieces(c, "prose", form=True)
    r = c.r
    writer = c.ch(["GP", "practice nurse", "care coordinator (community mental health team)", "GP", "advanced nurse practitioner"])
    L = ["GASTROENTEROLOGY REFERRAL PROFORMA - %s NHS Trust" % c.ch(["Northfield and Marsh Vale", "Kingsmead", "Harbourside"]),
         "Completed by: %s (%s)   %s" % (c.gpname if writer == "GP" else c.ch(["Leah Morton", "Gavin Pryce", "Sunita Lal"]),
                                         writer, date_text(c, "Date", 0)), "",
         "SECTION A - PATIENT",
         "  Name: %s   %s   %s" % (pname(c), dob_text(c, "DOB", 0), nhs_text(c, "NHS"))]
    a = age_phrase(c, "aged")
    if a:
        L.append("  Age: " + a.replace("aged ", ""))
        rereg(c, a, a.replace("aged ", ""))
    L += ["", "SECTION B - SYMPTOMS (answer each)"]
    covered = []

    def row(label, key, detail_fn=None):
        val = c.has(key)
        if key in ("rectal_bleeding", "cibh") and c.has("bloody_diarrhoea"):
            return c.E("bloody_diarrhoea", ("  " + label + ":").ljust(34) + "yes - see bloody diarrhoea below")
        st = c.ch(["YN", "tick", "plusminus", "presabs", "free", "free"])
        lab = ("  " + label + ":").ljust(34)
        if val:
            if st == "free" and key in ("bloating", "reflux", "abdo_pain", "other_symptom") and detail_fn is None:
                c.f["vague"].append(key)
                if c.rule_now() == c.rule:
                    return c.E(key, lab + "occasionally")
                c.f["vague"].pop()
            det = detail_fn() if detail_fn else sym_text(c, key, "abbr")
            return c.E(key, lab + ans(c, True, st if st != "free" else "YN") + " - " + det)
        if st == "free":
            if key in RESOLVED and neg_ok(c, key) and r.random() < 0.5:
                y = past_year(c, 1, 3)
                return c.X("resolved_past", key, lab + "only once, in %d, none since" % y)
            return c.X("negated", key, lab + c.ch(["not that %s's noticed" % c.p, "no", "denies"]))
        return c.X("unticked_box" if st == "tick" else "negated", key, lab + ans(c, False, st))

    def add(label, key, fn=None):
        L.append(row(label, key, fn))
        covered.append(key)
    add("Difficulty swallowing", "dysphagia")
    add("Vomiting blood", "haematemesis")
    add("Rectal bleeding", "rectal_bleeding")
    add("Change in bowel habit", "cibh")
    if c.has("bloody_diarrhoea"):
        add("Bloody diarrhoea", "bloody_diarrhoea")
    add("Abdominal pain", "abdo_pain")
    add("Bloating", "bloating")
    if c.ppi:
        def dd():
            c.h["ppi_done"] = True
            return ppi_text(c, "abbr")
        add("Indigestion", "dyspepsia", dd)
    else:
        add("Indigestion", "dyspepsia")
    add("Reflux / heartburn", "reflux")
    if c.has("weight_loss"):
        L.append(c.E("weight_loss", "  Weight change:".ljust(34) + weight_text(c, "abbr")))
    else:
        L.append(c.B("  Weight change:".ljust(34)) + weight_distractor(c, "abbr"))
    add("Jaundice", "jaundice")
    L.append("")
    L.append("SECTION C - EXAMINATION AND INVESTIGATIONS")
    ex_pos, ex_neg = exam_items(c, "abbr")
    covered += EXAM_KEYS
    if ex_pos or ex_neg:
        L.append("  Examination: " + "; ".join(ex_pos + ex_neg))
    res = results_block(c, "abbr", c.ch(["table", "line"]))
    if res:
        L.append(("  Results:\n" + res) if "\n" in res else "  Results: " + res)
    L.append("")
    L.append("SECTION D - BACKGROUND")
    rest = rest_syms(c, covered, "abbr")
    if rest:
        L.append("  Other symptoms: " + "; ".join(rest))
    for x in P.lead:
        L.append("  " + cap(x))
    if P.fh:
        L.append("  Family history: " + P.fh[0])
    for k, t in P.misc:
        L.append("  Note: " + t)
    L.append("  PMH: " + (", ".join(P.pmh) if P.pmh else "none"))
    L.append("  Medication: " + (", ".join(P.meds) if P.meds else "none"))
    L.append("")
    L.append("SECTION E - QUESTION / PRIORITY REQUESTED")
    L.append("  " + ((P.question + ". ") if P.question else "") + P.request)
    L.append("  " + c.fill(c.ch(["Thank you for your help.", "Thank you for reviewing this referral."])))
    return "\n".join(L)


STYLES = {
    "formal_senior_partner": st_formal,
    "terse_locum_requests": st_terse,
    "chatty_gp_long_letters": st_chatty,
    "third_person_partner": st_third_person,
    "lowercase_no_punctuation_gp": st_lowercase,
    "abbreviation_heavy_gp": st_abbrev,
    "salaried_gp_problem_lists": st_problem_lists,
    "headings_registrar_letters": st_headings,
    "nhs111_clinician_reports": st_nhs111,
    "walk_in_centre_nurse": st_walkin,
    "community_matron_two_visits": st_matron,
    "practice_pharmacist_med_review": st_pharmacist,
    "endoscopy_preassessment_nurse": st_preassess,
    "private_health_check_doctor": st_private,
    "armed_forces_medical_officer": st_forces,
    "health_visitor_school_nurse_notes": st_hv,
    "ers_structured_template": st_ers,
    "lower_gi_2ww_form": st_lgi_form,
    "upper_gi_2ww_form": st_ugi_form,
    "gastro_symptom_checklist_form": st_checklist,
}
FORM_STYLES = ["ers_structured_template", "lower_gi_2ww_form", "upper_gi_2ww_form", "gastro_symptom_checklist_form"]


# ---------------------------------------------------------------------------
# plan: rules x layouts
# ---------------------------------------------------------------------------
RULE_COUNTS = {"U1": 13, "U2": 7, "U3": 18, "U4": 18, "U5": 10, "U6": 6, "U7": 7, "U8": 11,
               "R1": 20, "R2": 14, "R3": 11,
               "O1": 14, "O2": 18, "O4": 16, "O5": 20, "O6": 20, "D": 17,
               "O3": 14, "A1": 20, "A2": 16, "A3": 10}
STYLE_EXCLUDE = {
    "health_visitor_school_nurse_notes": ["U5", "O1", "U8", "U2", "U6", "U7"],
    "community_matron_two_visits": ["A1", "A2", "A3"],
    "nhs111_clinician_reports": ["U2", "U6"],
    "practice_pharmacist_med_review": ["U2", "U6"],
    "lower_gi_2ww_form": ["O3", "A2", "R3", "O1"],
    "upper_gi_2ww_form": ["R1", "O2", "O3", "A1", "A3", "O6", "U2", "U3", "U8"],
    "armed_forces_medical_officer": [],
}
STYLE_ORDER = ["upper_gi_2ww_form", "lower_gi_2ww_form", "health_visitor_school_nurse_notes",
               "community_matron_two_visits", "nhs111_clinician_reports", "practice_pharmacist_med_review",
               "armed_forces_medical_officer", "private_health_check_doctor"] + \
              [s for s in STYLES if s not in ("upper_gi_2ww_form", "lower_gi_2ww_form",
                                               "health_visitor_school_nurse_notes", "community_matron_two_visits",
                                               "nhs111_clinician_reports", "practice_pharmacist_med_review",
                                               "armed_forces_medical_officer", "private_health_check_doctor")]


def make_plan():
    r = rng_for("plan")
    remaining = dict(RULE_COUNTS)
    pairs = []
    for st in STYLE_ORDER:
        chosen = []
        quota = {"usc": 8, "non": 7} if st in ("upper_gi_2ww_form", "lower_gi_2ww_form") else None
        for i in range(15):
            cands = [ru for ru in RULE_COUNTS if remaining[ru] > 0 and ru not in STYLE_EXCLUDE.get(st, [])]
            if quota:
                cands = [ru for ru in cands if quota["usc" if ru.startswith("U") else "non"] > 0]
            best = max(cands, key=lambda ru: remaining[ru] - 4 * chosen.count(ru) + r.random() * 2)
            chosen.append(best)
            remaining[best] -= 1
            if quota:
                quota["usc" if best.startswith("U") else "non"] -= 1
        pairs += [(st, ru) for ru in chosen]
    assert all(v == 0 for v in remaining.values()), remaining
    r.shuffle(pairs)
    return pairs


def gp_plan(c):
    r = rng_for("gp", c.id)
    label = RULE_LABELS[c.rule][0]
    code = URG_CODE[label]
    u = r.random()
    if u < 0.07:
        return None
    if u < 0.56:
        others = [k for k in ("usc", "urgent", "routine", "ag") if k != code]
        return r.choice(others)
    return code


# ---------------------------------------------------------------------------
# verification of one rendered letter
# ---------------------------------------------------------------------------
KEYWORDS = [r"dysphag", r"swallow", r"haematemes", r"vomit", r"jaundic", r"icteric", r"yellow", r"\bmass(es)?\b",
            r"\blump", r"ulcer", r"cirrho", r"ascites", r"confus", r"muddled", r"weight", r"\bwt\b", r"\bBMI\b", r"bleed",
            r"\bblood\b(?! tests?| pressure| count| results?| form)", r"bloody", r"diarrh", r"constipat",
            r"bowel habit", r"\bCIBH\b", r"\bloose", r"pain", r"bloat", r"dyspeps", r"indigestion", r"reflux",
            r"heartburn", r"\bq?FIT\b", r"faecal immuno", r"calprotectin", r"\bFCP\b", r"ferritin", r"\bHb\b",
            r"haemoglobin", r"\bHGB\b", r"\bALT\b", r"transaminase", r"\btTG\b", r"coeliac", r"colitis", r"crohn",
            r"\bIBD\b", r"\bUC\b", r"fatty liver", r"steatosis", r"NAFLD", r"MASLD", r"cancer", r"\bca\b", r"\bPPI\b",
            r"prazole", r"\bIDA\b", r"stone"]
KW_RE = re.compile("|".join(KEYWORDS), re.I)
VALUE_KEYS = ["hb", "ferritin", "fit", "calpro", "alt", "ttg"]


def spans_of(text, strings):
    sp = []
    for s in strings:
        if not s:
            continue
        i = text.find(s)
        while i >= 0:
            sp.append((i, i + len(s)))
            i = text.find(s, i + 1)
    return sp


def verify(c, text):
    # transform (lower case writer)
    if c.h.get("transform") == "lower_strip":
        text = lower_strip(text)
        for e in c.ev:
            e[1] = lower_strip(e[1])
        for d in c.dis:
            d[2] = lower_strip(d[2])
        c.boiler = [lower_strip(b) for b in c.boiler]
        for k in c.written:
            for w in c.written[k]:
                w["value"] = lower_strip(w["value"])
                w["unit"] = lower_strip(w["unit"])
    ev = [e for e in c.ev if e[1] and e[1] in text]
    dis = [d for d in c.dis if d[2] and d[2] in text]
    facts_ev = {}
    for fct, t in ev:
        facts_ev.setdefault(fct, [])
        if t not in facts_ev[fct]:
            facts_ev[fct].append(t)
    for k, v in c.f["sym"].items():
        if v and k not in facts_ev:
            raise Retry("no evidence for %s" % k)
    for k in VALUE_KEYS:
        if c.f[k] is not None:
            if "value:" + k not in facts_ev:
                raise Retry("no evidence for value %s" % k)
            ws = [w for w in c.written.get(k, []) if any(w["value"] in t for t in facts_ev["value:" + k])]
            if not ws:
                raise Retry("written value not in evidence %s" % k)
    if c.ppi and "ppi" not in facts_ev:
        raise Retry("no ppi evidence")
    if "letter_date" not in facts_ev:
        raise Retry("no letter date")
    if c.h["age_mode"] == "dob" or not c.h.get("age_text_used"):
        if "dob" not in facts_ev:
            raise Retry("no dob")
    elif "age" not in facts_ev:
        raise Retry("age text missing")
    for d in c.dates:
        if age_on(c.dob, d) != c.f["age"]:
            raise Retry("age changes across letter dates")
    # every red-flag word must sit inside a registered evidence/distractor/boilerplate span
    sp = spans_of(text, [t for _, t in ev] + [d[2] for d in dis] + [b for b in c.boiler if b in text])
    for m in KW_RE.finditer(text):
        a, b = m.start(), m.end()
        if not any(x <= a and b <= y for x, y in sp):
            lo = max(0, a - 40)
            raise Retry("uncovered keyword %r in ...%s..." % (m.group(0), text[lo:b + 40].replace("\n", " ")))
    if c.rule_now() != c.rule:
        raise Retry("rule changed during rendering")
    c.ev_found = ev
    c.dis_found = dis
    c.facts_ev = facts_ev
    return text


# ---------------------------------------------------------------------------
# numbers that decide, values near a line
# ---------------------------------------------------------------------------
def label_set(f):
    return sorted(set(rules_all_readings(f)))


def numeric_analysis(c):
    import copy
    base = c.rule
    dec, near = [], []

    def changed(mod):
        f2 = copy.deepcopy(c.f)
        mod(f2)
        rs = label_set(f2)
        return base not in rs

    a = c.f["age"]
    for line in (40, 50, 55, 60):
        other = line - 1 if a >= line else line

        def m(f2, o=other):
            f2["age"] = o
        if changed(m):
            dec.append({"quantity": "age", "line": line, "value": a})
            if line - 2 <= a <= line + 1:
                near.append({"quantity": "age", "line": line, "value": a, "side": "above" if a >= line else "below",
                             "by_dob_near_birthday": bool(c.h.get("near_bday"))})
    if c.f["hb"] is not None:
        t = c.thr()
        hb = c.f["hb"]

        def m(f2):
            f2["hb"] = t - 1 if hb >= t else t
        if changed(m):
            dec.append({"quantity": "hb", "line": t, "value": hb})
            if t - 6 <= hb <= t + 5:
                near.append({"quantity": "hb", "line": t, "value": hb, "side": "above" if hb >= t else "below"})
    for key, lines, lo_hi in (("ferritin", (30,), {30: (22, 37)}), ("calpro", (100, 250), {100: (85, 115), 250: (235, 265)}),
                              ("alt", (40, 300), {40: (32, 48), 300: (280, 320)})):
        v = c.f[key]
        if v is None:
            continue
        for line in lines:
            def m(f2, k=key, ln=line, vv=v):
                f2[k] = ln - 1 if vv >= ln else ln
            if changed(m):
                dec.append({"quantity": key, "line": line, "value": v})
                lo, hi = lo_hi[line]
                if lo <= v <= hi:
                    near.append({"quantity": key, "line": line, "value": v, "side": "above" if v >= line else "below"})
    fit = c.f["fit"]
    if fit is not None:
        def m(f2):
            f2["fit"] = dict(f2["fit"])
            f2["fit"]["below10"] = not f2["fit"]["below10"]
        if changed(m):
            dec.append({"quantity": "fit", "line": 10, "value": fit["v"], "kind": fit["kind"]})
            if fit["kind"] == "num" and 5 <= fit["v"] <= 14:
                near.append({"quantity": "fit", "line": 10, "value": fit["v"],
                             "side": "above" if fit["v"] >= 10 else "below"})

        def m2(f2):
            f2["fit"] = None
        if changed(m2):
            dec.append({"quantity": "fit_present", "line": None, "value": "a FIT result is written"})
    if c.f["ttg"] is not None:
        def m(f2):
            f2["ttg"] = dict(f2["ttg"])
            f2["ttg"]["raised"] = not f2["ttg"]["raised"]
        if changed(m):
            dec.append({"quantity": "ttg", "line": "ref %s" % c.f["ttg"]["ref"], "value": c.f["ttg"]["v"]})
    if c.f["ppi_weeks"] is not None:
        w = c.f["ppi_weeks"]

        def m(f2):
            f2["ppi_weeks"] = 3 if w >= 4 else 4
        if changed(m):
            dec.append({"quantity": "ppi_weeks", "line": 4, "value": w})
            if 2 <= w <= 6:
                near.append({"quantity": "ppi_weeks", "line": 4, "value": w, "side": "above" if w >= 4 else "below"})
    if c.weight and c.weight["mode"] != "stone":
        def m(f2):
            f2["sym"] = dict(f2["sym"])
            f2["sym"]["weight_loss"] = False
        if changed(m):
            dec.append({"quantity": "weight", "line": None, "value": "measured fall (%s)" % c.weight["mode"]})
    return dec, near


# ---------------------------------------------------------------------------
# building and writing
# ---------------------------------------------------------------------------
FAIL_LOG = {}


def build_letter(lid, style, rule):
    for attempt in range(400):
        c = Case(lid, style, rule, attempt)
        CUR[0] = c
        try:
            setup_identity(c)
            SCENARIOS[rule](c)
            if c.rule_now() != rule:
                raise Retry("scenario gives %s" % c.rule_now())
            add_extras(c)
            finish_identity(c)
            c.gp = gp_plan(c)
            c.noisy = rng_for("noise", lid).random() < 0.11
            text = STYLES[style](c)
            text = verify(c, text)
            return c, text
        except Retry as e:
            FAIL_LOG.setdefault(str(e)[:60], 0)
            FAIL_LOG[str(e)[:60]] += 1
            continue
    raise RuntimeError("could not build %s %s %s" % (lid, style, rule))


def fit_meta(f):
    if f is None:
        return None
    return {"kind": f["kind"], "value": f["v"], "below_10": f["below10"]}


def meta_for(c, text):
    f = c.f
    dec, near = numeric_analysis(c)
    urg, path = RULE_LABELS[c.rule]
    gp_code = c.gp
    disagrees = gp_code is not None and gp_code != URG_CODE[urg]
    wl = None
    if c.weight:
        wl = {"mode": c.weight["mode"], "then": c.weight["then"], "now": c.weight["now"],
              "pct": c.weight.get("pct")}
    facts = {
        "sex": f["sex"], "age": f["age"], "dob": c.dob.isoformat(), "letter_date": c.letter_date.isoformat(),
        "age_mode": c.h["age_mode"] if c.h.get("age_text_used") else "dob",
        "dob_near_birthday": bool(c.h.get("near_bday")),
        "symptoms": sorted(k for k, v in f["sym"].items() if v),
        "cibh_type": f["cibh_type"] if f["sym"].get("cibh") else None,
        "hb_g_per_l": f["hb"], "ferritin_ug_per_l": f["ferritin"], "fit": fit_meta(f["fit"]),
        "calprotectin_ug_per_g": f["calpro"], "alt_u_per_l": f["alt"],
        "ttg": None if f["ttg"] is None else {"raised": f["ttg"]["raised"], "value": f["ttg"]["v"],
                                               "ref_upper": f["ttg"]["ref"], "kind": f["ttg"]["kind"]},
        "ppi_weeks": f["ppi_weeks"], "ppi_written": c.ppi["written"] if c.ppi else None,
        "dyspepsia_persisting_on_ppi": bool(c.ppi), "weight_loss_numbers": wl,
        "pending": list(c.pending), "vague": list(f["vague"]),
    }
    written = {k: [w for w in c.written.get(k, []) if any(w["value"] in t for t in c.facts_ev.get("value:" + k, []))]
               for k in VALUE_KEYS if f[k] is not None}
    dis = [{"kind": d[0], "about": d[1], "text": d[2]} for d in c.dis_found]
    # normal values are distractors too
    for k in VALUE_KEYS:
        if f[k] is None:
            continue
        normal = {"hb": f["hb"] is not None and f["hb"] >= c.thr(),
                  "ferritin": f["ferritin"] is not None and f["ferritin"] >= 30,
                  "fit": f["fit"] is not None and f["fit"]["below10"],
                  "calpro": f["calpro"] is not None and f["calpro"] < 100,
                  "alt": f["alt"] is not None and f["alt"] < 40,
                  "ttg": f["ttg"] is not None and not f["ttg"]["raised"]}[k]
        if normal:
            for t in c.facts_ev.get("value:" + k, []):
                dis.append({"kind": "normal_value", "about": k, "text": t})
    return {
        "id": c.id, "style": c.style, "rule": c.rule, "urgency": urg, "pathway": path,
        "scenario_variant": c.h.get("var"), "gp_priority_code": gp_code, "gp_priority_disagrees": disagrees,
        "facts": facts, "evidence": c.facts_ev, "written_values": written, "distractors": dis,
        "boilerplate": [b for b in c.boiler if b in text],
        "numbers_deciding": dec, "near_line": near, "noisy_typos": c.typos_done,
        "attempt": c.attempt,
    }


def main():
    pairs = make_plan()
    letters, metas = [], []
    for i, (style, rule) in enumerate(pairs, 1):
        lid = "L33-%04d" % i
        c, text = build_letter(lid, style, rule)
        urg, path = RULE_LABELS[rule]
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
                        "gp_priority": GP_PRIORITY_WORDS[c.gp], "age": c.f["age"]})
        metas.append(meta_for(c, text))
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for L in letters:
            fh.write(json.dumps(L, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=False) + "\n")
    if "-v" in sys.argv:
        for k, v in sorted(FAIL_LOG.items(), key=lambda kv: -kv[1])[:40]:
            print("%5d  %s" % (v, k), file=sys.stderr)
    print("wrote %d letters" % len(letters))


if __name__ == "__main__":
    main()
