#!/usr/bin/env python3
"""letters11: a sealed, representative-inbox test set of 300 fictional GP
gastroenterology referral letters.  Python 3 standard library only.

All randomness comes from random.Random objects seeded with strings, so a
rerun gives byte-identical letters.jsonl and letters_meta.jsonl.

Labels follow /work/shared/clinical/referral-triage-spec.md (first matching
rule decides).  Every letter is built from an explicit fact record; the text
is assembled from typed parts:
  t  plain template text (may receive OCR damage or spelling slips)
  p  protected plain text (identifiers, dates, priority line: never damaged)
  e  evidence for a positive fact or a reported value (never damaged)
  d  distractor: negated / family / resolved / hypothetical / intentional /
     unticked / normal-result / pending mention (never damaged)
"""
import datetime as dt
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "letters11"
N_LETTERS = 300


def R(*keys):
    return random.Random(SEED + ":" + ":".join(str(k) for k in keys))


# ---------------------------------------------------------------------------
# fact model
# ---------------------------------------------------------------------------
BOOL_FACTS = [
    "dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
    "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
    "rectal_bleeding", "abdominal_pain", "change_in_bowel_habit", "bloating",
    "bloody_diarrhoea", "known_cirrhosis", "ascites", "confusion",
    "haematemesis", "known_ibd", "ibd_stable_question",
    "coeliac_serology_positive", "fatty_liver_imaging", "family_history_crc",
]
SYMPTOM_FACTS = [
    "dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
    "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
    "rectal_bleeding", "abdominal_pain", "change_in_bowel_habit", "bloating",
    "bloody_diarrhoea", "ascites", "confusion", "haematemesis",
]

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
RULE_ORDER = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "R1", "R2", "R3",
              "O1", "O2", "O3", "O4", "O5", "A1", "O6", "A2", "A3", "D"]

RULE_COUNTS = {
    "U1": 14, "U2": 8, "U3": 18, "U4": 14, "U5": 9, "U6": 7, "U7": 8, "U8": 12,
    "R1": 18, "R2": 15, "R3": 12,
    "O1": 16, "O2": 16, "O4": 14, "O5": 22, "O6": 22, "D": 15,
    "O3": 14, "A1": 20, "A2": 16, "A3": 10,
}
assert sum(RULE_COUNTS.values()) == N_LETTERS


def new_facts():
    f = {k: False for k in BOOL_FACTS}
    f.update({"hb": None, "ferritin": None, "fit": None, "fit_pending": False,
              "calprotectin": None, "alt": None, "ppi": None})
    return f


def hb_gl(f):
    return None if f["hb"] is None else f["hb"]["g_l"]


def fit_below10(fit):
    if fit is None:
        return None
    k = fit["kind"]
    if k == "qual":
        return True
    if k == "lt":
        return fit["value"] <= 10
    if k == "gt":
        return False
    return fit["value"] < 10


def calpro_value_class(c):
    """returns 'lt100', '100-249', 'ge250' or None"""
    if c is None:
        return None
    v = c["value"]
    if c["kind"] == "lt":
        return "lt100" if v <= 100 else None
    if v < 100:
        return "lt100"
    if v < 250:
        return "100-249"
    return "ge250"


def gen_rule(f, age, sex, up_as_pain, dys_as_pain, up_as_dysp, reflux_as_dysp, a1_strict):
    """The generator's own reading of the spec rule table."""
    hb = hb_gl(f)
    anaemia = hb is not None and ((sex == "M" and hb < 130) or (sex == "F" and hb < 120))
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    ida = anaemia and irondef
    fit_rep = f["fit"] is not None
    fitlow = fit_below10(f["fit"])
    cc = calpro_value_class(f["calprotectin"])
    alt = f["alt"]
    pain = f["abdominal_pain"] or (up_as_pain and f["upper_abdominal_pain"]) or (dys_as_pain and f["dyspepsia"])
    dysp = f["dyspepsia"] or (up_as_dysp and f["upper_abdominal_pain"])
    dysp_tr = dysp or (reflux_as_dysp and f["reflux"])
    ppi_ok = f["ppi"] is not None and f["ppi"]["persisting"] and f["ppi"]["days"] >= 28
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulceration"]:
        return "U2"
    if fit_rep and not fitlow:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_abdominal_pain"] or f["reflux"] or dysp):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if not fit_rep and ((age >= 50 and f["rectal_bleeding"]) or (age >= 40 and f["weight_loss"] and pain)
                        or (age >= 60 and f["change_in_bowel_habit"])):
        return "U8"
    if f["bloody_diarrhoea"] or cc == "ge250":
        return "R1"
    if (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and dysp_tr and ppi_ok:
        return "O1"
    if cc == "100-249":
        return "O2"
    if f["known_ibd"] and f["ibd_stable_question"]:
        return "O3"
    if f["coeliac_serology_positive"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"]:
        return "O5"
    a1_sym = pain or f["bloating"] or f["change_in_bowel_habit"]
    a1_test = cc == "lt100" or (fit_rep and fitlow)
    if age < 50 and a1_sym and a1_test:
        other = False
        if a1_strict:
            other = any(f[k] for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
                                       "reflux", "abdominal_mass", "jaundice", "rectal_bleeding",
                                       "bloody_diarrhoea", "known_cirrhosis", "ascites", "confusion",
                                       "haematemesis", "known_ibd", "coeliac_serology_positive",
                                       "fatty_liver_imaging"])
            other = other or dysp or (f["upper_abdominal_pain"] and not up_as_pain) or anaemia or irondef
        if not other:
            return "A1"
    if (f["rectal_bleeding"] or f["change_in_bowel_habit"] or pain) and fit_rep and fitlow:
        return "O6"
    if age < 55 and (dysp or f["reflux"]):
        return "A2"
    if f["family_history_crc"] and not any(f[k] for k in SYMPTOM_FACTS):
        return "A3"
    return "D"


def gen_rule_all(f, age, sex):
    out = set()
    for a in (0, 1):
        for b in (0, 1):
            for c in (0, 1):
                for d in (0, 1):
                    for e in (0, 1):
                        out.add(gen_rule(f, age, sex, a, b, c, d, e))
    return sorted(out)


# ---------------------------------------------------------------------------
# dates, identifiers
# ---------------------------------------------------------------------------
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n):
    if 11 <= n % 100 <= 13:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def fmt_date(d, style):
    if style == "slash":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "ord":
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    if style == "dashmon":
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "spacemon":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "dot":
        return "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "daylong":
        return "%s %d %s %d" % (DAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year)
    if style == "dayshort":
        return "%s %d %s %d" % (DAYS[d.weekday()][:3], d.day, MONTHS[d.month - 1][:3], d.year)
    raise ValueError(style)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def nhs_number(rng, used):
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(w * x for w, x in zip(range(10, 1, -1), digits))
        chk = 11 - s % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        n = "".join(map(str, digits + [chk]))
        if n not in used:
            used.add(n)
            return n


def nhs_fmt(n, style):
    if style == 0:
        return "%s %s %s" % (n[:3], n[3:6], n[6:])
    if style == 1:
        return n
    return "%s-%s-%s" % (n[:3], n[3:6], n[6:])


MALE_FIRST = ["Alan", "Barry", "Colin", "Dennis", "Edward", "Frank", "Gareth", "Harold", "Ian", "Jeremy",
              "Keith", "Leonard", "Martin", "Neil", "Oliver", "Patrick", "Raymond", "Stuart", "Trevor",
              "Vincent", "Wayne", "Arjun", "Bilal", "Callum", "Declan", "Emeka", "Farhan", "Gethin",
              "Hamish", "Imran", "Jonah", "Kwame", "Lewis", "Mohammed", "Nathaniel", "Owain", "Piotr",
              "Rhys", "Samir", "Tomasz", "Usman", "Vikram", "Wilfred", "Yusuf", "Zachary", "Graham",
              "Derek", "Malcolm", "Russell", "Clive", "Desmond", "Kieran", "Liam", "Connor", "Jamal",
              "Ravi", "Stanley", "Geoffrey", "Norman", "Aled", "Brendan", "Cyril", "Duncan", "Ellis"]
FEMALE_FIRST = ["Alison", "Beverley", "Carol", "Deborah", "Eileen", "Fiona", "Gillian", "Hazel", "Irene",
                "Janet", "Karen", "Linda", "Maureen", "Nicola", "Pauline", "Rosemary", "Sandra", "Tracey",
                "Valerie", "Wendy", "Amira", "Bethan", "Chloe", "Danielle", "Esther", "Folake", "Grace",
                "Harpreet", "Imogen", "Jasmine", "Kirsty", "Leah", "Megan", "Nadia", "Olena", "Priya",
                "Rebecca", "Siobhan", "Tamsin", "Uzma", "Verity", "Yasmin", "Zofia", "Brenda", "Doreen",
                "Margaret", "Sheila", "Joan", "Ayesha", "Catrin", "Ffion", "Lorraine", "Marian", "Shirley",
                "Agnieszka", "Bronwen", "Cerys", "Dympna", "Elspeth", "Freya", "Gwen", "Hollie"]
SURNAMES = ["Abbott", "Ashworth", "Bancroft", "Blackwood", "Brindley", "Callow", "Carrick", "Chadwick",
            "Cowell", "Dainton", "Draycott", "Eastwood", "Ellery", "Farrant", "Fenwick", "Gadsby",
            "Garside", "Hallam", "Harcourt", "Hebden", "Ingleby", "Jephcott", "Kenyon", "Kirkbride",
            "Lavender", "Lomax", "Maddox", "Marchbank", "Nettleton", "Northcote", "Oakley", "Ormerod",
            "Pemberton", "Pickles", "Quarmby", "Radcliffe", "Rowbotham", "Sedgwick", "Shackleton",
            "Thursby", "Tolley", "Underhill", "Varley", "Wainwright", "Whitlock", "Yardley", "Adeyemi",
            "Bhattacharya", "Chaudhry", "Dimitriou", "Esposito", "Fitzgerald", "Gallagher", "Hussain",
            "Iqbal", "Jankowski", "Kowalczyk", "Lindqvist", "McAllister", "Nowak", "Okonkwo", "Papadopoulos",
            "Quinlan", "Rahman", "Sandhu", "Tiwari", "Urquhart", "Vasquez", "Wojcik", "Yilmaz", "Zielinski",
            "Ackroyd", "Birtwistle", "Cropper", "Duckworth", "Entwistle", "Fothergill", "Greenhalgh",
            "Haworth", "Illingworth", "Kershaw", "Leadbetter", "Mellor", "Nuttall", "Openshaw", "Pilling",
            "Ramsbottom", "Sutcliffe", "Tattersall", "Whitworth", "Holroyd", "Dobson", "Kitching",
            "Moorhouse", "Bairstow", "Crabtree", "Hargreaves", "Lumb", "Midgley", "Pollard", "Rushworth",
            "Stansfield", "Thornber", "Walsh", "Brennan", "Costello", "Donnelly", "Egan", "Flanagan",
            "Geraghty", "Hennessy", "Keane", "Lynch", "Moran", "Nolan", "O'Hara", "Phelan", "Regan"]
STREETS = ["Mill Lane", "Station Road", "Church Street", "Orchard Close", "Victoria Terrace", "Heather Way",
           "Quarry Bank", "Canal Side", "Beech Grove", "Kingfisher Drive", "Moor View", "Tannery Yard",
           "Ropewalk", "Foundry Street", "Harbour Row", "Chapel Fold", "Low Green", "Willow Court",
           "Linnet Close", "Saltings Road", "Weavers Walk", "Cobble Rise", "Bridge End", "Fern Bank"]
TOWNS = ["Harbury Cross", "Millbrook", "Oakfield", "Westgate", "Kestrel Bay", "Fenwick Down", "Larkhill Vale",
         "Brookside", "Ashby Moor", "Castlegate", "Riverside", "Quayside", "Thornleigh", "Saltmarsh"]


def postcode(rng):
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return "ZX%d %d%s%s" % (rng.randint(1, 19), rng.randint(1, 9), rng.choice(letters), rng.choice(letters))


def phone(rng):
    return "01632 960%03d" % rng.randint(0, 999)


# ---------------------------------------------------------------------------
# document model
# ---------------------------------------------------------------------------
class Doc:
    def __init__(self):
        self.parts = []

    def t(self, s):
        if s:
            self.parts.append(["t", s, None])
        return self

    def p(self, s):
        if s:
            self.parts.append(["p", s, None])
        return self

    def e(self, facts, s):
        if isinstance(facts, str):
            facts = [facts]
        self.parts.append(["e", s, list(facts)])
        return self

    def d(self, facts, kind, s):
        self.parts.append(["d", s, {"facts": list(facts), "kind": kind}])
        return self

    def add(self, parts):
        for pt in parts:
            self.parts.append(list(pt))
        return self

    def nl(self, n=1):
        return self.t("\n" * n)

    def line(self, parts):
        self.add(parts)
        return self.nl()

    def text(self):
        return "".join(p[1] for p in self.parts)


def T(s):
    return ["t", s, None]


def P(s):
    return ["p", s, None]


def E(facts, s):
    return ["e", s, [facts] if isinstance(facts, str) else list(facts)]


def Dx(facts, kind, s):
    return ["d", s, {"facts": list(facts), "kind": kind}]


def cap(s):
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------
# phrase banks (evidence wordings).  regs: c clinical, l lay, a abbreviated
# ---------------------------------------------------------------------------
PH = {}
PH["dysphagia"] = [
    ("c", "np", "progressive dysphagia to solids over {dur}"),
    ("c", "np", "dysphagia for solids, worse with bread and meat, for {dur}"),
    ("cl", "np", "difficulty swallowing for {dur}"),
    ("cl", "np", "food sticking behind the breastbone for {dur}"),
    ("l", "np", "a feeling that food, especially bread, gets stuck halfway down"),
    ("l", "vp", "has to wash {his} food down with water because it sticks"),
    ("c", "np", "intermittent dysphagia, localised to the lower sternum"),
    ("l", "np", "trouble swallowing meat and dry food"),
    ("c", "np", "new-onset dysphagia"),
    ("cl", "vp", "feels food hanging up in {his} lower chest when {he} swallows"),
    ("a", "np", "dysphagia x {adur}"),
    ("a", "np", "solid dysphagia ({adur})"),
    ("c", "np", "oesophageal dysphagia to solids"),
    ("l", "np", "food getting stuck in {his} gullet"),
    ("c", "np", "swallowing difficulty, now with soft foods as well as solids"),
]
PH["rectal_bleeding"] = [
    ("c", "np", "fresh red rectal bleeding for {dur}"),
    ("c", "np", "intermittent rectal bleeding over {dur}"),
    ("cl", "np", "bright red blood mixed in with the stool"),
    ("l", "np", "blood on the toilet paper and in the pan most days"),
    ("c", "np", "dark red blood mixed with {his} stools"),
    ("l", "np", "bleeding from the back passage"),
    ("l", "vp", "has been passing blood when {he} opens {his} bowels"),
    ("a", "np", "PR bleed x {adur}"),
    ("a", "np", "PR bleeding ({adur})"),
    ("c", "np", "rectal bleeding, dark and mixed with the motion"),
    ("l", "np", "blood in {his} motions"),
    ("cl", "vp", "has noticed blood in the toilet after opening {his} bowels"),
    ("c", "np", "recurrent episodes of rectal bleeding"),
]
PH["change_in_bowel_habit"] = [
    ("c", "np", "a change in bowel habit to looser stools over {dur}"),
    ("c", "np", "a persistent change in bowel habit"),
    ("cl", "np", "looser and more frequent stools for {dur}"),
    ("l", "np", "going to the toilet three or four times a day, up from once"),
    ("c", "np", "altered bowel habit, alternating between constipation and loose stools"),
    ("c", "np", "new constipation over {dur}"),
    ("cl", "np", "persistent diarrhoea for {dur}"),
    ("a", "np", "CIBH x {adur}"),
    ("a", "np", "CIBH (looser, {n}x/day)"),
    ("l", "np", "runny stools most days"),
    ("c", "np", "increased stool frequency"),
    ("l", "vp", "has been more constipated than usual for {dur}"),
    ("c", "np", "a change in bowel habit"),
]
PH["abdominal_pain"] = [
    ("c", "np", "lower abdominal pain for {dur}"),
    ("c", "np", "crampy lower abdominal pain"),
    ("c", "np", "left iliac fossa pain"),
    ("c", "np", "intermittent colicky abdominal pain"),
    ("a", "np", "abdo pain (LIF) x {adur}"),
    ("l", "np", "tummy pain that comes and goes"),
    ("l", "np", "cramping pains low in {his} tummy"),
    ("c", "np", "abdominal pain, eased by opening {his} bowels"),
    ("c", "np", "right iliac fossa discomfort"),
    ("c", "np", "periumbilical and lower abdominal cramps"),
    ("a", "np", "lower abdo pain"),
    ("l", "np", "a grumbling ache in {his} lower belly"),
    ("c", "np", "lower abdominal discomfort"),
]
PH["upper_abdominal_pain"] = [
    ("c", "np", "epigastric pain"),
    ("c", "np", "upper abdominal pain for {dur}"),
    ("c", "np", "a gnawing epigastric ache after meals"),
    ("l", "np", "pain in the upper part of {his} tummy after eating"),
    ("c", "np", "epigastric discomfort"),
    ("a", "np", "epigastric pain x {adur}"),
    ("l", "np", "a burning pain in the upper abdomen, just under the ribs"),
    ("a", "np", "upper abdo pain"),
]
PH["dyspepsia"] = [
    ("c", "np", "dyspepsia"),
    ("c", "np", "persistent dyspepsia for {dur}"),
    ("l", "np", "indigestion after most meals"),
    ("cl", "np", "troublesome indigestion"),
    ("c", "np", "dyspeptic symptoms with early satiety"),
    ("l", "np", "a lot of indigestion"),
    ("a", "np", "dyspepsia x {adur}"),
    ("c", "np", "ongoing dyspepsia"),
    ("l", "np", "indigestion for {dur}"),
]
PH["reflux"] = [
    ("c", "np", "reflux symptoms"),
    ("cl", "np", "heartburn most evenings"),
    ("c", "np", "acid reflux, worse lying flat"),
    ("a", "np", "GORD sx"),
    ("c", "np", "heartburn and acid brash"),
    ("l", "np", "acid coming up into {his} throat at night"),
    ("c", "np", "gastro-oesophageal reflux symptoms for {dur}"),
    ("l", "np", "heartburn for {dur}"),
]
PH["weight_loss"] = [
    ("c", "np", "unintentional weight loss of {kg} kg over {dur}"),
    ("l", "vp", "has lost about a stone without trying"),
    ("c", "np", "weight loss from {w1} kg to {w2} kg since {month}"),
    ("c", "np", "unexplained weight loss"),
    ("a", "np", "wt loss {kg}kg"),
    ("a", "np", "unintentional wt loss ({kg} kg)"),
    ("l", "vp", "has lost {kg} kg and is not dieting"),
    ("c", "np", "{kg} kg of unintentional weight loss"),
    ("l", "vp", "has been losing weight without explanation, {kg} kg so far"),
    ("c", "np", "significant unintended weight loss"),
    ("l", "np", "clothes becoming loose with {kg} kg weight loss"),
]
PH["bloating"] = [
    ("c", "np", "abdominal bloating"),
    ("l", "np", "feeling bloated by the evening"),
    ("cl", "np", "bloating and wind"),
    ("a", "np", "bloating"),
    ("c", "np", "intermittent abdominal distension"),
    ("l", "np", "a swollen, bloated tummy most days"),
]
PH["bloody_diarrhoea"] = [
    ("c", "np", "bloody diarrhoea for {dur}"),
    ("c", "np", "diarrhoea with blood, up to {n} times a day"),
    ("l", "np", "loose stools mixed with blood and mucus"),
    ("a", "np", "bloody diarrhoea x {adur}"),
    ("l", "np", "runny stools with blood in them {n} times a day"),
    ("c", "np", "bloody diarrhoea with urgency and nocturnal frequency"),
]
PH["haematemesis"] = [
    ("c", "np", "two small episodes of haematemesis last week"),
    ("l", "vp", "vomited a small amount of fresh blood on one occasion"),
    ("c", "np", "a single episode of coffee-ground vomiting"),
    ("l", "np", "streaks of blood in {his} vomit after retching"),
    ("c", "np", "an episode of haematemesis {n} days ago"),
    ("a", "np", "small-volume haematemesis x2"),
    ("l", "vp", "brought up blood twice while being sick"),
]
PH["jaundice"] = [
    ("c", "np", "painless jaundice"),
    ("l", "np", "yellowing of {his} skin and eyes"),
    ("c", "np", "jaundice for {dur}"),
    ("l", "np", "yellow eyes for {dur}"),
    ("a", "np", "painless jaundice x {adur}"),
    ("c", "np", "progressive painless jaundice with dark urine"),
]
PH["jaundice_exam"] = ["clinically jaundiced", "visibly jaundiced", "icteric", "jaundiced",
                       "obviously jaundiced with yellow sclerae"]
PH["abdominal_mass"] = [
    "a firm mass in the right iliac fossa", "a palpable mass in the left iliac fossa",
    "an irregular abdominal mass", "a hard mass in the right side of the abdomen, around 5 cm",
    "an ill-defined mass in the left flank", "a palpable mass in the RIF (approx 4 cm)",
    "a fixed central abdominal mass", "a firm abdominal mass in the left iliac fossa",
]
PH["rectal_mass"] = [
    "a firm, irregular rectal mass at the tip of the examining finger",
    "a rectal mass on digital rectal examination", "a hard, fixed mass on the posterior rectal wall",
    "a craggy rectal mass at approx 6 cm", "a palpable rectal mass",
]
PH["anal_mass"] = ["a hard mass at the anal verge", "an irregular anal mass", "a firm perianal mass, approx 2 cm",
                   "an anal mass"]
PH["anal_ulceration"] = ["an unexplained anal ulcer", "unexplained anal ulceration",
                         "a persistent, unexplained ulcer at the anal margin",
                         "anal ulceration with no obvious cause"]
PH["known_cirrhosis"] = ["known alcohol-related cirrhosis", "known cirrhosis secondary to haemochromatosis",
                         "known liver cirrhosis (hepatitis C, treated)", "known Child-Pugh B cirrhosis",
                         "known ArLD cirrhosis", "established cirrhosis, diagnosed on FibroScan in 2021"]
PH["ascites"] = [
    ("c", "np", "new ascites"),
    ("c", "np", "increasing ascites over {dur}"),
    ("l", "np", "a swollen, fluid-filled abdomen which looks like ascites"),
    ("c", "np", "moderate ascites"),
    ("a", "np", "ascites ++"),
]
PH["ascites_exam"] = ["shifting dullness consistent with ascites", "clinically apparent ascites",
                      "ascites with shifting dullness"]
PH["confusion"] = [
    ("c", "np", "episodes of confusion over {dur}"),
    ("l", "np", "muddled thinking and day-night reversal, and the family are worried"),
    ("c", "np", "intermittent confusion, possibly hepatic encephalopathy"),
    ("a", "np", "new confusion"),
    ("c", "np", "fluctuating confusion with a coarse flap"),
]
PH["fatty_liver_imaging"] = [
    "ultrasound showed a bright liver consistent with fatty infiltration",
    "USS abdomen: hepatic steatosis", "fatty liver on ultrasound",
    "US abdomen: diffuse fatty change of the liver", "NAFLD/MASLD on recent liver ultrasound",
    "incidental hepatic steatosis on CT", "ultrasound reported a fatty liver, otherwise normal",
    "echogenic liver in keeping with steatosis (USS)",
]
PH["family_history_crc"] = [
    "father diagnosed with bowel cancer aged {fa}", "mother had colorectal cancer at {fa}",
    "brother diagnosed with colon cancer aged {fa}", "sister had bowel cancer at {fa}",
    "two first-degree relatives with colorectal cancer (father at {fa}, brother at {fb})",
    "strong family history of bowel cancer: mother ({fa}) and maternal aunt ({fb})",
    "FH: father - colorectal cancer aged {fa}",
]
PH["coeliac_pos"] = [
    "tTG IgA {v} U/mL (ref <7)", "raised tTG at {v} U/mL", "anti-tTG >128 U/mL, EMA positive",
    "positive coeliac serology (tTG {v})", "coeliac screen positive - tTG {v} U/mL (normal <10)",
    "tissue transglutaminase IgA {v} U/mL (raised)",
]

IBD_KNOWN = [
    ("UC", "known ulcerative colitis (diagnosed {y}), in remission on mesalazine", ["Ulcerative colitis ({y})", "Ulcerative colitis"]),
    ("UC", "known left-sided UC since {y}, stable on maintenance mesalazine", ["Ulcerative colitis - left sided ({y})", "UC"]),
    ("UC", "known ulcerative colitis, quiescent for several years", ["Ulcerative colitis", "UC"]),
    ("CD", "known ileal Crohn's disease, stable on azathioprine", ["Crohn's disease of ileum", "Crohn's disease"]),
    ("CD", "known Crohn's disease (diagnosed {y}), well controlled", ["Crohn's disease ({y})", "Crohn's disease"]),
    ("CD", "known Crohn's colitis, in remission on mercaptopurine", ["Crohn's colitis", "Crohn's disease"]),
    ("UC", "known pan-UC, in clinical remission", ["Ulcerative colitis (extensive)", "UC"]),
]
IBD_FLARE = [
    ("UC", "known ulcerative colitis, diagnosed {y}", ["Ulcerative colitis ({y})", "UC"]),
    ("CD", "known Crohn's colitis, diagnosed {y}", ["Crohn's colitis ({y})", "Crohn's disease"]),
    ("UC", "known UC (diagnosed {y})", ["UC ({y})", "Ulcerative colitis"]),
]
CIRRHOSIS = [
    ("known alcohol-related cirrhosis", ["Alcohol-related liver cirrhosis", "Cirrhosis of liver (alcohol)"]),
    ("known cirrhosis secondary to haemochromatosis", ["Cirrhosis of liver (haemochromatosis)", "Haemochromatosis with cirrhosis"]),
    ("known liver cirrhosis (hepatitis C, treated)", ["Cirrhosis - hepatitis C (treated)", "Liver cirrhosis (HCV)"]),
    ("known Child-Pugh B cirrhosis", ["Cirrhosis of liver", "Liver cirrhosis - under hepatology"]),
    ("known ArLD cirrhosis", ["Alcohol-related liver disease with cirrhosis", "ArLD cirrhosis"]),
    ("established cirrhosis, diagnosed on FibroScan in 2021", ["Cirrhosis of liver (2021)", "Liver cirrhosis (FibroScan 2021)"]),
]
IBD_Q = {
    "UC": ["could the mesalazine dose be reduced to 1.2 g daily now that {he} has been well for three years",
           "{he} is planning a pregnancy and asks whether mesalazine should be continued",
           "when is {his} next surveillance colonoscopy due",
           "is it reasonable to give a short course of naproxen for knee osteoarthritis",
           "should we be checking bone density given several steroid courses in the past"],
    "CD": ["{he} would like to stop {his} maintenance treatment after five years in remission; is this reasonable",
           "is it safe to give the shingles vaccine with {his} current treatment",
           "what monitoring bloods are needed on {his} current treatment and how often",
           "should {he} have a bone density scan given several steroid courses in the past",
           "{he} is travelling abroad and asks which vaccines are safe on {his} current treatment"],
}


# ---------------------------------------------------------------------------
# clinical scenarios: one list of variants per rule; the i-th letter of a
# rule takes variant i mod len.  Borderline values sit in the early variants.
# ---------------------------------------------------------------------------
def HB(g_l, unit="g/L"):
    return {"g_l": g_l, "unit": unit}


def FITN(v):
    return {"kind": "num", "value": v}


def FITLT(v=4):
    return {"kind": "lt", "value": v}


def FITQ(w):
    return {"kind": "qual", "word": w}


def FITGT(v):
    return {"kind": "gt", "value": v}


def CAL(v):
    return {"kind": "num", "value": v}


def CALLT(v):
    return {"kind": "lt", "value": v}


def PPI(days, style, persisting=True):
    return {"days": days, "style": style, "persisting": persisting}


def S(age, sex=None, bn=False, dom="general", x=None, **facts):
    """scenario: age (int or (lo, hi)), sex, bn = birthday near letter date"""
    return {"age": age, "sex": sex, "bn": bn, "domain": dom, "extras": dict(x or {}), "facts": facts}


T_ = True
SCEN = {}
SCEN["U1"] = [
    lambda r: S((62, 84), dom="upper", dysphagia=T_, weight_loss=T_),
    lambda r: S((45, 75), dom="upper", dysphagia=T_),
    lambda r: S((26, 38), dom="upper", dysphagia=T_, reflux=r.random() < 0.5),
    lambda r: S((55, 80), dom="upper", dysphagia=T_, reflux=T_),
    lambda r: S((50, 79), dom="upper", dysphagia=T_, upper_abdominal_pain=T_),
    lambda r: S((66, 90), dom="upper", dysphagia=T_, x={"force_bloods": 1}),
    lambda r: S((40, 70), dom="upper", dysphagia=T_, haematemesis=T_),
    lambda r: S(39, bn=True, dom="upper", dysphagia=T_),
]
SCEN["U2"] = [
    lambda r: S((58, 85), dom="lower", rectal_mass=T_, rectal_bleeding=T_),
    lambda r: S((55, 80), dom="lower", rectal_mass=T_, change_in_bowel_habit=T_, fit=FITN(7)),
    lambda r: S((45, 80), dom="lower", anal_mass=T_),
    lambda r: S((30, 65), dom="lower", anal_ulceration=T_),
    lambda r: S((33, 45), dom="lower", rectal_mass=T_, rectal_bleeding=T_),
    lambda r: S((60, 85), dom="lower", anal_mass=T_, rectal_bleeding=T_),
    lambda r: S((40, 70), dom="lower", anal_ulceration=T_, x={"anal_pain": 1}),
    lambda r: S((65, 88), dom="lower", rectal_mass=T_, weight_loss=T_),
]
_U3_FIT = [FITN(10), FITN(10), FITN(11), FITN(12), FITN(15), FITN(19), FITN(24), FITN(36), FITN(45),
           FITN(60), FITN(72), FITN(88), FITN(120), FITN(150), FITN(230), FITN(400), FITGT(400), FITN(14)]
_U3_SYM = [
    ((55, 80), {"change_in_bowel_habit": T_}),
    ((50, 75), {"rectal_bleeding": T_}),
    ((34, 47), {"abdominal_pain": T_}),
    ((60, 85), {}),
    ((45, 70), {"change_in_bowel_habit": T_, "abdominal_pain": T_}),
    ((52, 79), {"rectal_bleeding": T_, "change_in_bowel_habit": T_}),
    ((28, 44), {"bloating": T_, "abdominal_pain": T_}),
    ((60, 88), {"change_in_bowel_habit": T_, "calprotectin": CAL(320)}),
    ((50, 70), {"abdominal_pain": T_, "alt": 55}),
]


def _u3(i):
    def f(r):
        ages, fx = _U3_SYM[i % len(_U3_SYM)]
        fx = dict(fx)
        fx["fit"] = _U3_FIT[i]
        return S(ages, dom="lower", **fx)
    return f


SCEN["U3"] = [_u3(i) for i in range(18)]
SCEN["U4"] = [
    lambda r: S((60, 80), "M", dom="lower", hb=HB(129), ferritin=29),
    lambda r: S((50, 75), "F", dom="lower", hb=HB(119), ferritin=8),
    lambda r: S((40, 70), "F", dom="lower", hb=HB(119, "g/dL"), ferritin=5),
    lambda r: S((55, 85), "M", dom="lower", hb=HB(98, "g/dL"), ferritin=11),
    lambda r: S((28, 38), "F", dom="lower", hb=HB(96), ferritin=4),
    lambda r: S((55, 80), "M", dom="lower", hb=HB(108), ferritin=12, fit=FITLT(4), change_in_bowel_habit=T_),
    lambda r: S((25, 45), "F", dom="lower", hb=HB(104), ferritin=6, coeliac_serology_positive=T_, bloating=T_),
    lambda r: S((58, 75), "M", dom="lower", hb=HB(115), ferritin=14, dyspepsia=T_),
    lambda r: S((60, 85), "F", dom="lower", hb=HB(110), ferritin=9),
    lambda r: S((65, 85), "F", dom="lower", hb=HB(101), ferritin=7, change_in_bowel_habit=T_),
    lambda r: S((45, 65), "M", dom="lower", hb=HB(112), ferritin=15),
    lambda r: S((75, 90), "F", dom="lower", hb=HB(104), ferritin=6),
    lambda r: S((50, 70), "M", dom="lower", hb=HB(121, "g/dL"), ferritin=18),
    lambda r: S((50, 60), "F", dom="lower", hb=HB(117), ferritin=22, fit=FITQ("negative")),
]
SCEN["U5"] = [
    lambda r: S(55, bn=True, dom="upper", weight_loss=T_, dyspepsia=T_),
    lambda r: S(55, bn=True, dom="upper", weight_loss=T_, upper_abdominal_pain=T_),
    lambda r: S((60, 85), dom="upper", weight_loss=T_, upper_abdominal_pain=T_),
    lambda r: S((58, 80), dom="upper", weight_loss=T_, reflux=T_),
    lambda r: S((62, 88), dom="upper", weight_loss=T_, dyspepsia=T_, upper_abdominal_pain=T_),
    lambda r: S((56, 75), dom="upper", weight_loss=T_, dyspepsia=T_, reflux=T_, ppi=PPI(42, "weeks")),
    lambda r: S((70, 90), dom="upper", weight_loss=T_, dyspepsia=T_, x={"force_bloods": 1}),
    lambda r: S((57, 69), dom="upper", weight_loss=T_, upper_abdominal_pain=T_, family_history_crc=T_),
    lambda r: S((65, 80), dom="upper", weight_loss=T_, reflux=T_),
]
SCEN["U6"] = [
    lambda r: S((60, 85), dom="lower", abdominal_mass=T_, abdominal_pain=T_),
    lambda r: S((45, 70), dom="lower", abdominal_mass=T_),
    lambda r: S((30, 38), dom="lower", abdominal_mass=T_),
    lambda r: S((55, 80), dom="lower", abdominal_mass=T_, change_in_bowel_habit=T_, fit=FITN(6)),
    lambda r: S((48, 54), dom="lower", abdominal_mass=T_, weight_loss=T_, abdominal_pain=T_),
    lambda r: S((65, 90), dom="lower", abdominal_mass=T_),
    lambda r: S((50, 70), dom="lower", abdominal_mass=T_, bloating=T_),
]
SCEN["U7"] = [
    lambda r: S(40, bn=True, dom="liver", jaundice=T_, alt=180, x={"bili": 88}),
    lambda r: S(40, bn=True, dom="liver", jaundice=T_, alt=450, x={"bili": 64}),
    lambda r: S((60, 85), dom="liver", jaundice=T_, weight_loss=T_, x={"bili": 142}),
    lambda r: S((45, 75), dom="liver", jaundice=T_, alt=95, x={"bili": 76}),
    lambda r: S((55, 80), dom="liver", jaundice=T_),
    lambda r: S((70, 90), dom="liver", jaundice=T_, x={"itch": 1, "bili": 121}),
    lambda r: S((41, 55), dom="liver", jaundice=T_, fatty_liver_imaging=T_, x={"bili": 58}),
    lambda r: S((62, 80), dom="liver", jaundice=T_, alt=320, x={"bili": 97}),
]
SCEN["U8"] = [
    lambda r: S(50, bn=True, dom="lower", rectal_bleeding=T_),
    lambda r: S(50, bn=True, dom="lower", rectal_bleeding=T_),
    lambda r: S((55, 80), dom="lower", rectal_bleeding=T_, fit_pending=T_),
    lambda r: S((62, 85), dom="lower", rectal_bleeding=T_, fit_pending=T_),
    lambda r: S(40, bn=True, dom="lower", weight_loss=T_, abdominal_pain=T_),
    lambda r: S((42, 54), dom="lower", weight_loss=T_, abdominal_pain=T_),
    lambda r: S((44, 53), dom="lower", weight_loss=T_, abdominal_pain=T_, bloating=T_),
    lambda r: S(60, bn=True, dom="lower", change_in_bowel_habit=T_),
    lambda r: S(60, bn=True, dom="lower", change_in_bowel_habit=T_),
    lambda r: S((62, 85), dom="lower", change_in_bowel_habit=T_),
    lambda r: S((66, 80), dom="lower", change_in_bowel_habit=T_, fit_pending=T_),
    lambda r: S((70, 88), dom="lower", change_in_bowel_habit=T_, abdominal_pain=T_),
]
_BD = {"bloody_diarrhoea": T_, "rectal_bleeding": T_, "change_in_bowel_habit": T_}
SCEN["R1"] = [
    lambda r: S((18, 45), dom="ibd", **_BD),
    lambda r: S((19, 40), dom="ibd", calprotectin=CAL(800), **_BD),
    lambda r: S((20, 44), dom="ibd", abdominal_pain=T_, **_BD),
    lambda r: S(49, bn=True, dom="ibd", **_BD),
    lambda r: S((25, 45), dom="ibd", known_ibd=T_, x={"ibd_flare": 1}, **_BD),
    lambda r: S((17, 25), dom="ibd", **_BD),
    lambda r: S((22, 45), dom="ibd", calprotectin=CAL(250), change_in_bowel_habit=T_),
    lambda r: S((18, 40), dom="ibd", calprotectin=CAL(250), abdominal_pain=T_),
    lambda r: S((19, 35), dom="ibd", calprotectin=CAL(560), change_in_bowel_habit=T_, abdominal_pain=T_),
    lambda r: S((25, 48), dom="ibd", calprotectin=CAL(1200), change_in_bowel_habit=T_),
    lambda r: S((50, 58), dom="ibd", calprotectin=CAL(410), change_in_bowel_habit=T_),
    lambda r: S(59, bn=True, dom="ibd", calprotectin=CAL(320), change_in_bowel_habit=T_),
    lambda r: S((63, 78), dom="ibd", calprotectin=CAL(400), change_in_bowel_habit=T_, fit=FITN(5)),
    lambda r: S((20, 35), dom="ibd", calprotectin=CAL(280), bloating=T_),
    lambda r: S((30, 45), dom="ibd", calprotectin=CAL(650), change_in_bowel_habit=T_, known_ibd=T_,
                x={"ibd_flare": 1}),
    lambda r: S((21, 38), dom="ibd", calprotectin=CAL(r.choice([340, 470, 720, 980])),
                change_in_bowel_habit=T_),
    lambda r: S((26, 42), dom="ibd", **_BD),
    lambda r: S((18, 30), dom="ibd", calprotectin=CAL(r.choice([260, 300, 390])), abdominal_pain=T_,
                change_in_bowel_habit=T_),
]
SCEN["R2"] = [
    lambda r: S((45, 70), dom="liver", known_cirrhosis=T_, ascites=T_),
    lambda r: S((50, 75), dom="liver", known_cirrhosis=T_, ascites=T_),
    lambda r: S((55, 72), dom="liver", known_cirrhosis=T_, ascites=T_, alt=60),
    lambda r: S((40, 60), dom="liver", known_cirrhosis=T_, ascites=T_),
    lambda r: S((60, 80), dom="liver", known_cirrhosis=T_, ascites=T_),
    lambda r: S((48, 70), dom="liver", known_cirrhosis=T_, confusion=T_),
    lambda r: S((55, 78), dom="liver", known_cirrhosis=T_, confusion=T_),
    lambda r: S((50, 70), dom="liver", known_cirrhosis=T_, confusion=T_, ascites=T_),
    lambda r: S((25, 60), bn=False, dom="liver", alt=300),
    lambda r: S((45, 70), dom="liver", alt=300),
    lambda r: S((30, 55), dom="liver", alt=412),
    lambda r: S((20, 38), dom="liver", alt=650),
    lambda r: S(39, bn=True, dom="liver", alt=1100, jaundice=T_, x={"bili": 71}),
    lambda r: S((25, 35), dom="liver", alt=520, jaundice=T_, x={"bili": 55}),
    lambda r: S((55, 75), dom="liver", alt=355, x={"methotrexate": 1}),
]
SCEN["R3"] = [
    lambda r: S((20, 40), dom="upper", haematemesis=T_, x={"alcohol_binge": 1}),
    lambda r: S((45, 75), dom="upper", haematemesis=T_, x={"nsaid": 1}),
    lambda r: S((55, 80), dom="upper", haematemesis=T_, dyspepsia=T_, ppi=PPI(56, "weeks")),
    lambda r: S((30, 50), dom="upper", haematemesis=T_, dyspepsia=T_),
    lambda r: S((60, 85), dom="upper", haematemesis=T_, x={"force_bloods": 1}),
    lambda r: S((35, 54), dom="upper", haematemesis=T_, reflux=T_),
    lambda r: S((22, 35), dom="upper", haematemesis=T_),
    lambda r: S((50, 70), dom="upper", haematemesis=T_, x={"nsaid": 1}),
    lambda r: S((65, 88), dom="upper", haematemesis=T_, upper_abdominal_pain=T_),
    lambda r: S((40, 60), dom="upper", haematemesis=T_, x={"alcohol_binge": 1}),
    lambda r: S((18, 30), dom="upper", haematemesis=T_, x={"gastroenteritis": 1}),
    lambda r: S((45, 65), dom="upper", haematemesis=T_, dyspepsia=T_),
]
SCEN["O1"] = [
    lambda r: S(55, bn=True, dom="upper", dyspepsia=T_, ppi=PPI(28, "weeks")),
    lambda r: S(55, bn=True, dom="upper", dyspepsia=T_, ppi=PPI(56, "weeks")),
    lambda r: S((57, 80), dom="upper", dyspepsia=T_, ppi=PPI(28, "weeks")),
    lambda r: S((60, 85), dom="upper", dyspepsia=T_, ppi=PPI(28, "days")),
    lambda r: S((56, 78), dom="upper", dyspepsia=T_, ppi=PPI(35, "weeks")),
    lambda r: S((58, 82), dom="upper", dyspepsia=T_, upper_abdominal_pain=T_, ppi=PPI(42, "weeks")),
    lambda r: S((62, 85), dom="upper", dyspepsia=T_, ppi=PPI(90, "months")),
    lambda r: S((55, 75), dom="upper", dyspepsia=T_, ppi=PPI(r.randint(52, 70), "startdate")),
    lambda r: S((65, 88), dom="upper", dyspepsia=T_, ppi=PPI(84, "weeks"), x={"hpylori": "neg"}),
    lambda r: S((59, 70), dom="upper", dyspepsia=T_, bloating=T_, ppi=PPI(70, "weeks")),
    lambda r: S((56, 72), dom="upper", dyspepsia=T_, reflux=T_, ppi=PPI(56, "weeks")),
    lambda r: S((61, 79), dom="upper", dyspepsia=T_, ppi=PPI(30, "days")),
    lambda r: S((66, 84), dom="upper", dyspepsia=T_, ppi=PPI(63, "weeks"), x={"force_bloods": 1}),
    lambda r: S((57, 68), dom="upper", dyspepsia=T_, upper_abdominal_pain=T_, ppi=PPI(180, "months")),
    lambda r: S((70, 86), dom="upper", dyspepsia=T_, ppi=PPI(r.randint(40, 60), "startdate")),
    lambda r: S((58, 74), dom="upper", dyspepsia=T_, ppi=PPI(49, "weeks"), x={"hpylori": "pos_treated"}),
]
SCEN["O2"] = [
    lambda r: S((20, 45), dom="ibd", calprotectin=CAL(100), change_in_bowel_habit=T_),
    lambda r: S((25, 48), dom="ibd", calprotectin=CAL(100), abdominal_pain=T_, bloating=T_),
    lambda r: S((22, 48), dom="ibd", calprotectin=CAL(249), change_in_bowel_habit=T_),
    lambda r: S((50, 58), dom="ibd", calprotectin=CAL(249), abdominal_pain=T_),
    lambda r: S((30, 49), dom="ibd", calprotectin=CAL(150), change_in_bowel_habit=T_),
    lambda r: S((18, 30), dom="ibd", calprotectin=CAL(180), abdominal_pain=T_),
    lambda r: S((62, 75), dom="ibd", calprotectin=CAL(210), change_in_bowel_habit=T_, fit=FITLT(4)),
    lambda r: S((35, 49), dom="ibd", calprotectin=CAL(130), bloating=T_, abdominal_pain=T_),
    lambda r: S((51, 59), dom="ibd", calprotectin=CAL(120), change_in_bowel_habit=T_),
    lambda r: S((19, 29), dom="ibd", calprotectin=CAL(160), change_in_bowel_habit=T_, abdominal_pain=T_),
    lambda r: S((40, 49), dom="ibd", calprotectin=CAL(230), abdominal_pain=T_, fit=FITN(3)),
    lambda r: S((23, 40), dom="ibd", calprotectin=CAL(r.choice([105, 112, 138])), change_in_bowel_habit=T_),
    lambda r: S((28, 47), dom="ibd", calprotectin=CAL(r.choice([190, 201, 244])), abdominal_pain=T_),
    lambda r: S((64, 80), dom="ibd", calprotectin=CAL(175), change_in_bowel_habit=T_, fit=FITQ("undetectable")),
    lambda r: S((18, 26), dom="ibd", calprotectin=CAL(142), bloating=T_, change_in_bowel_habit=T_),
    lambda r: S((33, 46), dom="ibd", calprotectin=CAL(199), change_in_bowel_habit=T_),
]


def _o3(r):
    return S((20, 75), dom="ibd", known_ibd=T_, ibd_stable_question=T_,
             calprotectin=r.choice([None, None, CAL(r.randint(20, 85)), CALLT(50)]))


SCEN["O3"] = [_o3]
SCEN["O4"] = [
    lambda r: S((20, 45), dom="coeliac", coeliac_serology_positive=T_, bloating=T_),
    lambda r: S((25, 48), dom="coeliac", coeliac_serology_positive=T_, change_in_bowel_habit=T_),
    lambda r: S((30, 60), dom="coeliac", coeliac_serology_positive=T_, x={"fatigue": 1}),
    lambda r: S((25, 45), "F", dom="coeliac", coeliac_serology_positive=T_, hb=HB(120), ferritin=12),
    lambda r: S((30, 55), "M", dom="coeliac", coeliac_serology_positive=T_, hb=HB(130), ferritin=14),
    lambda r: S((18, 30), dom="coeliac", coeliac_serology_positive=T_, abdominal_pain=T_),
    lambda r: S((62, 75), dom="coeliac", coeliac_serology_positive=T_, change_in_bowel_habit=T_, fit=FITLT(4)),
    lambda r: S((40, 49), dom="coeliac", coeliac_serology_positive=T_, bloating=T_, change_in_bowel_habit=T_),
    lambda r: S((22, 35), dom="coeliac", coeliac_serology_positive=T_, weight_loss=T_),
    lambda r: S((30, 45), dom="coeliac", coeliac_serology_positive=T_, dyspepsia=T_),
    lambda r: S((50, 65), dom="coeliac", coeliac_serology_positive=T_, x={"fatigue": 1, "force_bloods": 1}),
    lambda r: S((19, 40), dom="coeliac", coeliac_serology_positive=T_, bloating=T_, abdominal_pain=T_),
    lambda r: S((35, 58), dom="coeliac", coeliac_serology_positive=T_, x={"family_coeliac": 1}),
    lambda r: S((20, 38), "F", dom="coeliac", coeliac_serology_positive=T_, change_in_bowel_habit=T_),
]
SCEN["O5"] = [
    lambda r: S((30, 60), dom="liver", alt=40),
    lambda r: S((45, 70), dom="liver", alt=40, x={"alcohol_units": 18}),
    lambda r: S((35, 60), dom="liver", alt=299),
    lambda r: S((25, 50), dom="liver", alt=299),
    lambda r: S((30, 70), dom="liver", alt=r.choice([46, 52, 61, 68])),
    lambda r: S((40, 65), dom="liver", alt=r.choice([74, 83, 97]), x={"diabetic": 1}),
    lambda r: S((25, 55), dom="liver", alt=r.choice([112, 138, 156])),
    lambda r: S((35, 75), dom="liver", alt=r.choice([178, 204, 236])),
    lambda r: S((40, 68), dom="liver", alt=r.choice([262, 281, 290])),
    lambda r: S((45, 80), dom="liver", alt=r.choice([57, 63, 88]), x={"statin": 1}),
    lambda r: S((30, 65), dom="liver", fatty_liver_imaging=T_, alt=r.randint(18, 35)),
    lambda r: S((40, 70), dom="liver", fatty_liver_imaging=T_),
    lambda r: S((35, 60), dom="liver", fatty_liver_imaging=T_, alt=r.randint(50, 120)),
    lambda r: S((45, 75), dom="liver", fatty_liver_imaging=T_, x={"diabetic": 1}),
    lambda r: S((25, 50), dom="liver", fatty_liver_imaging=T_, alt=38),
    lambda r: S((50, 78), dom="liver", fatty_liver_imaging=T_, alt=r.randint(20, 33)),
    lambda r: S(39, bn=True, dom="liver", jaundice=T_, alt=120, x={"bili": 48}),
    lambda r: S((30, 60), dom="liver", fatty_liver_imaging=T_, x={"alcohol_units": 30}),
    lambda r: S((55, 80), dom="liver", alt=r.choice([41, 44, 49])),
    lambda r: S((20, 40), dom="liver", alt=r.choice([123, 167, 212])),
    lambda r: S((60, 85), dom="liver", fatty_liver_imaging=T_, alt=r.randint(42, 70)),
    lambda r: S((35, 55), dom="liver", alt=r.choice([71, 77, 94]), x={"alcohol_units": 24}),
]
SCEN["O6"] = [
    lambda r: S(50, bn=True, dom="lower", abdominal_pain=T_, fit=FITN(4)),
    lambda r: S((55, 80), dom="lower", rectal_bleeding=T_, fit=FITLT(4)),
    lambda r: S((58, 85), dom="lower", rectal_bleeding=T_, fit=FITN(2)),
    lambda r: S((60, 85), dom="lower", change_in_bowel_habit=T_, fit=FITN(3)),
    lambda r: S(60, bn=True, dom="lower", change_in_bowel_habit=T_, fit=FITQ("undetectable")),
    lambda r: S((62, 80), dom="lower", change_in_bowel_habit=T_, fit=FITQ("negative")),
    lambda r: S((55, 75), dom="lower", change_in_bowel_habit=T_, fit=FITN(9)),
    lambda r: S((50, 70), dom="lower", rectal_bleeding=T_, fit=FITN(9)),
    lambda r: S((25, 45), dom="lower", rectal_bleeding=T_, fit=FITLT(4)),
    lambda r: S(49, bn=True, dom="lower", rectal_bleeding=T_, fit=FITN(6)),
    lambda r: S((30, 48), dom="lower", rectal_bleeding=T_, fit=FITQ("undetectable")),
    lambda r: S((52, 75), dom="lower", weight_loss=T_, abdominal_pain=T_, fit=FITN(5)),
    lambda r: S((60, 80), dom="lower", weight_loss=T_, abdominal_pain=T_, fit=FITLT(4)),
    lambda r: S((52, 75), dom="lower", abdominal_pain=T_, fit=FITQ("negative")),
    lambda r: S((55, 80), dom="lower", rectal_bleeding=T_, change_in_bowel_habit=T_, fit=FITN(6)),
    lambda r: S((65, 85), dom="lower", rectal_bleeding=T_, change_in_bowel_habit=T_, fit=FITLT(4)),
    lambda r: S((50, 60), dom="lower", rectal_bleeding=T_, fit=FITN(2), x={"haemorrhoids": 1}),
    lambda r: S((51, 70), dom="lower", change_in_bowel_habit=T_, bloating=T_, fit=FITN(7)),
    lambda r: S((66, 88), dom="lower", change_in_bowel_habit=T_, fit=FITN(1)),
    lambda r: S((53, 72), dom="lower", abdominal_pain=T_, change_in_bowel_habit=T_, fit=FITLT(4)),
    lambda r: S((35, 49), dom="lower", rectal_bleeding=T_, fit=FITN(3), x={"haemorrhoids": 1}),
    lambda r: S((70, 85), dom="lower", rectal_bleeding=T_, fit=FITQ("negative")),
]
SCEN["A1"] = [
    lambda r: S(49, bn=True, dom="lower", abdominal_pain=T_, bloating=T_, calprotectin=CAL(45)),
    lambda r: S(49, bn=True, dom="lower", change_in_bowel_habit=T_, fit=FITLT(4)),
    lambda r: S((20, 45), dom="lower", abdominal_pain=T_, bloating=T_, calprotectin=CAL(99)),
    lambda r: S((22, 40), dom="lower", change_in_bowel_habit=T_, abdominal_pain=T_, calprotectin=CAL(99)),
    lambda r: S((18, 30), dom="lower", bloating=T_, fit=FITN(9)),
    lambda r: S((25, 45), dom="lower", abdominal_pain=T_, change_in_bowel_habit=T_, calprotectin=CALLT(50)),
    lambda r: S((30, 48), dom="lower", change_in_bowel_habit=T_, fit=FITQ("undetectable")),
    lambda r: S((19, 35), dom="lower", abdominal_pain=T_, calprotectin=CAL(r.randint(20, 60))),
    lambda r: S((24, 42), dom="lower", bloating=T_, change_in_bowel_habit=T_, calprotectin=CAL(r.randint(30, 80))),
    lambda r: S((40, 48), dom="lower", abdominal_pain=T_, fit=FITN(2)),
    lambda r: S((18, 28), dom="lower", change_in_bowel_habit=T_, calprotectin=CALLT(20)),
    lambda r: S((30, 46), dom="lower", abdominal_pain=T_, bloating=T_, fit=FITQ("negative")),
    lambda r: S((21, 39), dom="lower", abdominal_pain=T_, change_in_bowel_habit=T_, bloating=T_,
                calprotectin=CAL(r.randint(15, 70))),
    lambda r: S((35, 48), dom="lower", change_in_bowel_habit=T_, calprotectin=CAL(r.randint(60, 95))),
    lambda r: S((26, 44), dom="lower", bloating=T_, calprotectin=CAL(r.randint(20, 50))),
    lambda r: S((41, 49), dom="lower", abdominal_pain=T_, change_in_bowel_habit=T_, fit=FITLT(4)),
    lambda r: S((18, 24), dom="lower", abdominal_pain=T_, calprotectin=CAL(r.randint(25, 90))),
    lambda r: S((29, 47), dom="lower", change_in_bowel_habit=T_, abdominal_pain=T_, fit=FITN(5)),
    lambda r: S((32, 45), dom="lower", bloating=T_, abdominal_pain=T_, calprotectin=CALLT(30)),
    lambda r: S((20, 33), dom="lower", change_in_bowel_habit=T_, bloating=T_, calprotectin=CAL(r.randint(40, 98))),
]
SCEN["A2"] = [
    lambda r: S(54, bn=True, dom="upper", dyspepsia=T_, ppi=PPI(56, "weeks")),
    lambda r: S(54, bn=True, dom="upper", dyspepsia=T_, reflux=T_, ppi=PPI(42, "weeks")),
    lambda r: S((20, 50), dom="upper", reflux=T_),
    lambda r: S((25, 53), dom="upper", dyspepsia=T_),
    lambda r: S((30, 50), dom="upper", dyspepsia=T_, x={"hpylori": "pos_treated"}),
    lambda r: S((18, 35), dom="upper", reflux=T_, ppi=PPI(21, "weeks")),
    lambda r: S((40, 54), dom="upper", dyspepsia=T_, upper_abdominal_pain=T_),
    lambda r: S((22, 45), dom="upper", reflux=T_, ppi=PPI(70, "weeks")),
    lambda r: S((35, 52), dom="upper", dyspepsia=T_, ppi=PPI(28, "days"), x={"hpylori": "neg"}),
    lambda r: S((19, 30), dom="upper", dyspepsia=T_, bloating=T_),
    lambda r: S((45, 54), dom="upper", reflux=T_, dyspepsia=T_),
    lambda r: S((28, 48), dom="upper", reflux=T_, x={"hpylori": "neg"}),
    lambda r: S((33, 50), dom="upper", dyspepsia=T_, ppi=PPI(90, "months")),
    lambda r: S((24, 40), dom="upper", reflux=T_),
    lambda r: S((41, 53), dom="upper", dyspepsia=T_, x={"nsaid": 1}),
    lambda r: S((18, 29), dom="upper", reflux=T_, dyspepsia=T_),
]
SCEN["A3"] = [lambda r: S((25, 60), dom="fh", family_history_crc=T_)]
SCEN["D"] = [
    lambda r: S(49, bn=True, dom="lower", rectal_bleeding=T_),
    lambda r: S((25, 45), dom="lower", rectal_bleeding=T_, x={"haemorrhoids": 1}),
    lambda r: S(59, bn=True, dom="lower", change_in_bowel_habit=T_),
    lambda r: S(55, bn=True, dom="upper", dyspepsia=T_, ppi=PPI(21, "weeks")),
    lambda r: S((60, 80), dom="upper", dyspepsia=T_, ppi=PPI(26, "days")),
    lambda r: S((65, 85), dom="upper", dyspepsia=T_, x={"no_ppi_yet": 1}),
    lambda r: S((50, 75), "M", dom="general", hb=HB(118), ferritin=30),
    lambda r: S((60, 80), "F", dom="general", hb=HB(105), ferritin=140, x={"b12": 98}),
    lambda r: S((40, 60), "M", dom="general", hb=HB(130), ferritin=9),
    lambda r: S((50, 70), "F", dom="general", hb=HB(120), ferritin=15),
    lambda r: S((30, 60), dom="liver", alt=39, x={"ggt": 112}),
    lambda r: S(39, bn=True, dom="liver", jaundice=T_, alt=22, x={"bili": 38, "gilbert": 1}),
    lambda r: S((52, 58), dom="lower", abdominal_pain=T_, calprotectin=CAL(99)),
    lambda r: S((25, 45), dom="general", x={"nausea": 1}),
    lambda r: S((55, 70), dom="general", x={"polyps": 1}),
]


# ---------------------------------------------------------------------------
# building a case (facts, demographics, background)
# ---------------------------------------------------------------------------
OCT = [dt.date(2024, 10, d) for d in range(1, 32) if dt.date(2024, 10, d).weekday() < 5]


def make_dob(r, age, bn, ldate):
    if bn:
        delta = r.choice([-9, -6, -4, -3, -2, -1, 0, 1, 2, 3, 5, 8, 11])
        bday = ldate + dt.timedelta(days=delta)
        by = ldate.year - age - (1 if bday > ldate else 0)
        if bday.year != ldate.year:  # crossed a year boundary: not possible in October
            raise ValueError("bday year")
        dob = dt.date(by, bday.month, bday.day)
    else:
        while True:
            by = ldate.year - age - r.choice([0, 1])
            dob = dt.date(by, r.randint(1, 12), r.randint(1, 28))
            if age_on(dob, ldate) == age and abs((dt.date(ldate.year, dob.month, dob.day) - ldate).days) > 14:
                break
    assert age_on(dob, ldate) == age
    return dob


PMH_BANK = [
    ("Hypertension", ["Amlodipine 5mg tablets, one daily", "Ramipril 5mg capsules, one daily"]),
    ("Type 2 diabetes", ["Metformin 500mg tablets, one twice daily"]),
    ("Hypercholesterolaemia", ["Atorvastatin 20mg tablets, one at night"]),
    ("Hypothyroidism", ["Levothyroxine 75 micrograms, one each morning"]),
    ("Asthma", ["Salbutamol 100mcg inhaler, two puffs as required", "Clenil Modulite 100mcg, two puffs twice daily"]),
    ("Depression", ["Sertraline 50mg tablets, one daily"]),
    ("Atrial fibrillation", ["Bisoprolol 2.5mg tablets, one daily", "Apixaban 5mg tablets, one twice daily"]),
    ("Osteoarthritis of knees", ["Paracetamol 500mg tablets, two four times daily when required"]),
    ("Gout", ["Allopurinol 100mg tablets, one daily"]),
    ("COPD", ["Tiotropium 18mcg inhaler, one daily"]),
    ("CKD stage 3a", []),
    ("Benign prostatic hyperplasia", ["Tamsulosin 400mcg capsules, one daily"]),
    ("Migraine", ["Sumatriptan 50mg tablets as required"]),
    ("Eczema", ["Emollient cream, apply as directed"]),
    ("Anxiety", ["Propranolol 10mg tablets, one up to three times daily when required"]),
    ("Psoriasis", ["Calcipotriol ointment, apply daily"]),
    ("Glaucoma", ["Latanoprost 50mcg/ml eye drops, one drop at night"]),
    ("Previous appendicectomy (1994)", []),
    ("Carpal tunnel release (2016)", []),
    ("Cataract surgery (2021)", []),
    ("Hay fever", ["Cetirizine 10mg tablets, one daily"]),
    ("Obstructive sleep apnoea", []),
    ("Plantar fasciitis", []),
    ("Menopausal symptoms", ["Evorel 50 patches, one twice weekly"]),
]
ALLERGIES = ["NKDA", "No known drug allergies", "Penicillin (rash)", "Codeine (nausea)", "Trimethoprim (rash)",
             "Elastoplast", "Nil known", "Clarithromycin (GI upset)"]


def build_case(rule, i, ids_used):
    r = R("case", rule, i)
    var = SCEN[rule][i % len(SCEN[rule])]
    sc = var(r)
    sex = sc["sex"] or r.choice(["M", "F"])
    age = sc["age"] if isinstance(sc["age"], int) else r.randint(*sc["age"])
    ldate = r.choice(OCT)
    dob = make_dob(r, age, sc["bn"], ldate)
    f = new_facts()
    for k, v in sc["facts"].items():
        f[k] = v
    x = sc["extras"]
    force = x.get("force_bloods")
    # background normal results (never change the rule: verified below)
    if f["hb"] is None and (force or r.random() < 0.55):
        f["hb"] = HB(r.randint(133, 166) if sex == "M" else r.randint(123, 151),
                     "g/dL" if r.random() < 0.15 else "g/L")
    if f["ferritin"] is None and (force or r.random() < 0.3):
        f["ferritin"] = r.randint(36, 260)
    if f["alt"] is None and not f["jaundice"] and not f["known_cirrhosis"] and (force or r.random() < 0.35):
        f["alt"] = r.randint(11, 34)
    got = gen_rule_all(f, age, sex)
    if got != [rule]:
        raise SystemExit("scenario %s/%d gives %s" % (rule, i, got))
    # background
    npmh = r.choice([0, 1, 1, 2, 2, 3, 4])
    pool = [p for p in PMH_BANK if not (p[0] == "Benign prostatic hyperplasia" and sex == "F")
            and not (p[0] == "Menopausal symptoms" and (sex == "M" or age < 45))]
    pmh = r.sample(pool, npmh)
    if x.get("diabetic") and not any(p[0] == "Type 2 diabetes" for p in pmh):
        pmh.append(PMH_BANK[1])
    meds = []
    for p in pmh:
        meds += p[1]
    if x.get("statin"):
        meds.append("Atorvastatin 40mg tablets, one at night (started June 2024)")
    if x.get("methotrexate"):
        pmh.append(("Rheumatoid arthritis", []))
        meds += ["Methotrexate 2.5mg tablets, 15mg once weekly", "Folic acid 5mg, once weekly"]
    if x.get("nsaid"):
        meds.append(r.choice(["Naproxen 500mg tablets, one twice daily", "Ibuprofen 400mg tablets, one three times daily"]))
    if f["ferritin"] is not None and f["ferritin"] < 30 and r.random() < 0.4:
        meds.append("Ferrous fumarate 210mg tablets, one twice daily (started this month)")
    case = {
        "rule": rule, "variant": i % len(SCEN[rule]), "sex": sex, "age": age, "dob": dob, "ldate": ldate,
        "bn": sc["bn"], "domain": sc["domain"], "facts": f, "extras": x, "pmh": [p[0] for p in pmh],
        "meds": meds, "allergy": r.choice(ALLERGIES),
    }
    # demographics
    case["title"] = r.choice(["Mr"] if sex == "M" else ["Mrs", "Ms", "Miss", "Mrs"])
    if sex == "F" and age < 30 and case["title"] == "Mrs":
        case["title"] = "Ms"
    while True:
        first = r.choice(MALE_FIRST if sex == "M" else FEMALE_FIRST)
        last = r.choice(SURNAMES)
        if (first, last) not in ids_used["names"]:
            ids_used["names"].add((first, last))
            break
    case["first"], case["last"] = first, last
    case["nhs"] = nhs_number(r, ids_used["nhs"])
    case["addr"] = "%d %s, %s" % (r.randint(1, 140), r.choice(STREETS), r.choice(TOWNS))
    case["postcode"] = postcode(r)
    case["phone"] = phone(r)
    # social
    smoke = r.choice(["Non-smoker", "Never smoked", "Ex-smoker (stopped 2010)", "Smokes 10 a day",
                      "Ex-smoker, 20 pack years", "Vapes, ex-smoker"])
    units = x.get("alcohol_units", r.choice([0, 2, 4, 6, 8, 10, 12, 14, 16, 20]))
    case["smoke"] = smoke
    case["units"] = units
    case["occupation"] = r.choice(["bus driver", "care assistant", "accountant", "shop manager", "nurse",
                                   "warehouse operative", "self-employed plumber", "civil servant", "chef",
                                   "hairdresser", "taxi driver", "cleaner", "teacher", "engineer"]
                                  + (["student"] if age < 30 else [])
                                  + (["retired teacher", "retired engineer", "retired farmer"] if age >= 60 else []))
    if age < 23:
        case["occupation"] = r.choice(["student", "apprentice electrician", "barista", "student"])
    elif age >= 67:
        case["occupation"] = r.choice(["retired teacher", "retired engineer", "retired farmer",
                                       "retired nurse", "retired bus driver", "retired civil servant"])
    return case


# ---------------------------------------------------------------------------
# rendering context: wording for one letter
# ---------------------------------------------------------------------------
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve"}
HPC_ORDER = ["dysphagia", "haematemesis", "bloody_diarrhoea", "rectal_bleeding", "change_in_bowel_habit",
             "abdominal_pain", "upper_abdominal_pain", "dyspepsia", "reflux", "bloating", "jaundice",
             "weight_loss", "confusion", "ascites"]
EVFACTS = {"bloody_diarrhoea": ["bloody_diarrhoea", "rectal_bleeding", "change_in_bowel_habit"]}

NP_FIRST = {
    "c": ["{Name} presents with {x}.", "{He} presents with {x}.", "{He} reports {x}.", "{He} describes {x}.",
          "{He} complains of {x}.", "{He} has had {x}.", "{He} has been troubled by {x}.", "{X}.",
          "I saw {him} today with {x}.", "The main problem is {x}."],
    "l": ["{He} has had {x}.", "{He} came to see me about {x}.", "{He} has noticed {x}.",
          "{He} has been getting {x}.", "{He} told me about {x}.", "{Name} has been suffering with {x}."],
    "a": ["{X}.", "c/o {x}.", "Presenting with {x}.", "{X}."],
}
NP_NEXT = {
    "c": ["{He} also reports {x}.", "There is also {x}.", "In addition {he} describes {x}.",
          "{He} also mentions {x}.", "Alongside this {he} has had {x}.", "{He} additionally notes {x}.",
          "{X} is also present."],
    "l": ["{He} has also had {x}.", "On top of this {he} has noticed {x}.", "{He} also mentioned {x}.",
          "{He} has been having {x} as well."],
    "a": ["Also {x}.", "{X}.", "+ {x}."],
}
VP_FIRST = ["{He} {x}.", "{Name} {x}."]
VP_NEXT = ["{He} also {x}.", "In addition, {he} {x}.", "Also, {he} {x}."]
PAIR = ["{He} reports {x} and {y}.", "{He} describes {x}, together with {y}.", "{He} has had {x} as well as {y}.",
        "{He} presents with {x} and {y}."]

PPI_PH = {
    "weeks": ["a trial of omeprazole 20 mg daily for {w} weeks without improvement",
              "{w} weeks of lansoprazole 30 mg with no real benefit",
              "omeprazole 20 mg od for {w}/52, no better",
              "esomeprazole 40 mg daily for {w} weeks, still symptomatic",
              "{ww} weeks of full-dose PPI with symptoms persisting",
              "lansoprazole 30mg for {w} weeks with ongoing symptoms"],
    "days": ["{d} days of lansoprazole 30 mg with little effect", "omeprazole 20 mg od for {d} days, still symptomatic",
             "a PPI (omeprazole 20 mg) for {d} days without improvement"],
    "months": ["omeprazole for {m} months, still getting symptoms", "lansoprazole 30 mg for {m} months without benefit",
               "{m} months of PPI treatment without improvement"],
    "startdate": ["omeprazole 20 mg daily, started on {date}, with ongoing symptoms",
                  "lansoprazole 30 mg since {date}, no better"],
}
PPI_FRAMES = ["{He} has had {x}.", "{X}.", "Treatment so far: {x}.", "{He} has tried {x}."]

NEG = {
    "dysphagia": ["No dysphagia.", "{He} denies any difficulty swallowing.", "Swallowing is normal.",
                  "No dysphagia or odynophagia.", "Denies dysphagia."],
    "weight_loss": ["No weight loss.", "Weight is stable.", "{His} weight has been steady at {wt} kg.",
                    "Denies weight loss.", "Weight unchanged over the last year.", "No unintentional weight loss."],
    "rectal_bleeding": ["No rectal bleeding.", "{He} has not seen any blood in {his} stools.", "No PR bleeding.",
                        "Denies any blood in the stool.", "Nil PR bleeding."],
    "change_in_bowel_habit": ["Bowel habit is unchanged.", "No change in bowel habit.", "Bowels regular.",
                              "Bowel habit normal for {him}."],
    "abdominal_pain": ["No abdominal pain.", "{He} has no abdominal pain."],
    "jaundice": ["Not jaundiced.", "No jaundice.", "{He} has not been jaundiced."],
    "haematemesis": ["No haematemesis or melaena.", "{He} has not vomited any blood.", "No haematemesis."],
    "dyspepsia": ["No dyspepsia.", "No indigestion."],
    "reflux": ["No reflux symptoms.", "No heartburn."],
    "confusion": ["No confusion.", "Family report no confusion."],
    "bloating": ["No bloating."],
    "upper_abdominal_pain": ["No epigastric pain."],
}
NEG_EXAM = {
    "abdominal_mass": ["Abdomen soft and non-tender with no masses.", "No abdominal masses palpable.",
                       "Abdo: soft, no masses.", "Abdomen soft, no palpable mass."],
    "rectal_mass": ["PR: no masses felt.", "DRE normal, no rectal mass.", "PR unremarkable, no mass."],
    "ascites": ["No ascites.", "No clinical ascites."],
    "jaundice": ["Not jaundiced.", "No scleral icterus."],
}
FAMILY_DX = [
    ([], "Mother had breast cancer aged 66."), ([], "Father died of a heart attack at 71."),
    (["known_ibd"], "Sister has Crohn's disease."), (["known_ibd"], "Brother has ulcerative colitis."),
    (["known_cirrhosis"], "Father had alcohol-related cirrhosis."), ([], "Father: gastric cancer aged 82."),
    ([], "Mother: type 2 diabetes, stroke at 79."), (["jaundice"], "Mother was jaundiced with gallstones years ago."),
    ([], "Maternal grandmother had oesophageal cancer."), (["coeliac_serology_positive"], "Brother has coeliac disease."),
    ([], "Father had prostate cancer aged 74."), (["anaemia"], "Mother has pernicious anaemia."),
    (["rectal_bleeding"], "Father had rectal bleeding from haemorrhoids."),
    ([], "Sister: ovarian cancer aged 58."), ([], "Uncle had pancreatic cancer."),
]
RESOLVED = {
    "rectal_bleeding": ["Rectal bleeding in 2019 was put down to haemorrhoids and banded; none since.",
                        "A single episode of PR bleeding in 2016 settled and has not recurred."],
    "dysphagia": ["Dysphagia in 2018 due to oesophageal candida, fully resolved after treatment."],
    "jaundice": ["Jaundiced as a teenager with glandular fever, resolved completely.",
                 "Episode of jaundice in 2009 with gallstones, resolved after cholecystectomy."],
    "haematemesis": ["Small haematemesis after a drinking binge in 2016, never recurred."],
    "change_in_bowel_habit": ["Diarrhoea with Campylobacter in 2021, fully recovered."],
    "weight_loss": ["Weight loss in 2020 during a period of depression, since regained."],
    "dyspepsia": ["Dyspepsia in 2017 settled after H. pylori eradication, no symptoms since."],
}
SN_WORDS = {
    "dysphagia": ["difficulty swallowing", "dysphagia"], "haematemesis": ["vomiting of blood", "haematemesis"],
    "rectal_bleeding": ["rectal bleeding", "blood in the stool"], "weight_loss": ["weight loss", "unintended weight loss"],
    "jaundice": ["jaundice", "yellowing of the skin"], "confusion": ["confusion"],
}
SN_FRAMES = ["Advised to seek urgent review if {he} develops {lst}.", "Safety-netted re: {lst}.",
             "If {he} develops {lst}, {he} knows to come back urgently.",
             "Should {he} develop {lst}, please see sooner.", "Red flags explained, including {lst}."]
INTENT_WL = ["{He} has deliberately lost {kg} kg with Slimming World over the past year.",
             "Weight down {kg} kg since starting a diet in the spring, which was intentional.",
             "Intentional weight loss of {kg} kg through diet and exercise, which {he} is pleased with."]
FIT_PENDING = ["FIT kit given today; result awaited.", "FIT requested but not yet returned.",
               "{He} declined a FIT test.", "FIT sent to the lab on {pdate}, awaiting result.",
               "FIT not yet done."]
DOM_NEGS = {
    "lower": ["weight_loss", "rectal_bleeding", "change_in_bowel_habit", "abdominal_pain"],
    "upper": ["dysphagia", "weight_loss", "haematemesis", "reflux", "dyspepsia"],
    "liver": ["jaundice", "weight_loss", "confusion"],
    "ibd": ["rectal_bleeding", "weight_loss"],
    "coeliac": ["weight_loss", "rectal_bleeding", "abdominal_pain"],
    "fh": ["rectal_bleeding", "change_in_bowel_habit", "weight_loss"],
    "general": ["weight_loss", "rectal_bleeding", "dysphagia", "abdominal_pain"],
}
DOM_SN = {
    "lower": ["rectal_bleeding", "weight_loss"], "upper": ["dysphagia", "haematemesis", "weight_loss"],
    "liver": ["jaundice", "confusion"], "ibd": ["rectal_bleeding", "weight_loss"],
    "coeliac": ["weight_loss"], "fh": ["rectal_bleeding", "weight_loss"],
    "general": ["weight_loss", "rectal_bleeding", "dysphagia"],
}


class Ctx:
    def __init__(self, case, lid, r):
        self.c = case
        self.f = case["facts"]
        self.x = case["extras"]
        self.r = r
        self.id = lid
        m = case["sex"] == "M"
        self.pr = {"he": "he" if m else "she", "He": "He" if m else "She", "his": "his" if m else "her",
                   "His": "His" if m else "Her", "him": "him" if m else "her", "man": "man" if m else "woman",
                   "gent": "gentleman" if m else "lady", "Name": case["title"] + " " + case["last"]}
        self.used = {}
        self.jaundice_mode = r.choice(["hpc", "exam", "both"]) if self.f["jaundice"] else None
        self.ascites_mode = r.choice(["hpc", "exam"]) if self.f["ascites"] else None
        self.meta_notes = []
        self.ibd_type = None
        if self.f["known_ibd"]:
            self._choose_ibd()
        if self.f["known_cirrhosis"]:
            self.cirrhosis = r.choice(CIRRHOSIS)
        self.fh_text = self.fmt(r.choice(PH["family_history_crc"])) if self.f["family_history_crc"] else None
        self._plan_distractors()

    # -- formatting helpers -------------------------------------------------
    def dur(self):
        return self.r.choice(["3 weeks", "four weeks", "six weeks", "6 weeks", "two months", "2 months",
                              "about 3 months", "8 weeks", "several weeks", "around ten weeks", "5 weeks",
                              "seven weeks", "three months", "4 months"])

    def adur(self):
        return self.r.choice(["6/52", "3/12", "8/52", "2/12", "4/52", "10/52"])

    def fmt(self, s, **kw):
        d = dict(self.pr)
        if "{dur}" in s and "dur" not in kw:
            d["dur"] = self.dur()
        if "{adur}" in s and "adur" not in kw:
            d["adur"] = self.adur()
        if "{kg}" in s or "{w1}" in s:
            kg = self.r.randint(4, 12)
            w1 = self.r.randint(58, 96)
            d.update(kg=kg, w1=w1, w2=w1 - kg)
        if "{month}" in s:
            d["month"] = self.r.choice(["June", "July", "August", "the summer"])
        if "{n}" in s:
            d["n"] = self.r.randint(4, 9)
        if "{wt}" in s:
            d["wt"] = self.r.randint(55, 98)
        if "{fa}" in s:
            d["fa"] = self.r.randint(42, 66)
            d["fb"] = self.r.randint(45, 70)
        if "{y}" in s:
            d["y"] = self.r.randint(2006, 2021)
        d.update(kw)
        return s.format(**d)

    def pick(self, key, bank):
        """choose from bank, avoiding repeats within the letter"""
        used = self.used.setdefault(key, [])
        opts = [b for b in bank if b not in used] or list(bank)
        b = self.r.choice(opts)
        used.append(b)
        return b

    def phrase(self, fact, reg, types=("np", "vp")):
        bank = PH[fact]
        if isinstance(bank[0], str):
            return "np", self.fmt(self.pick(fact, bank))
        ent = [e for e in bank if reg in e[0] and e[1] in types] or [e for e in bank if e[1] in types]
        e = self.pick(fact, ent)
        kw = {}
        if self.f["ppi"] is not None and fact in ("dyspepsia", "reflux", "upper_abdominal_pain"):
            # symptoms must have lasted longer than the PPI trial
            kw = {"dur": self.r.choice(["about eight months", "over a year", "the past year", "several years",
                                        "nearly a year"]),
                  "adur": self.r.choice(["1 yr", "12/12", "9/12"])}
        return e[1], self.fmt(e[2], **kw)

    # -- history ------------------------------------------------------------
    def hpc_facts(self):
        out = []
        for k in HPC_ORDER:
            if not self.f[k]:
                continue
            if self.f["bloody_diarrhoea"] and k in ("rectal_bleeding", "change_in_bowel_habit"):
                continue
            if k == "jaundice" and self.jaundice_mode == "exam":
                continue
            if k == "ascites" and self.ascites_mode == "exam":
                continue
            out.append(k)
        return out

    def ev(self, fact, text):
        return E(EVFACTS.get(fact, [fact]), text)

    def sentence(self, frame, facts_texts):
        """frame with {x}/{X}/{y}; facts_texts list of (fact, text)"""
        parts = []
        pos = 0
        frame = frame.replace("{Name}", self.pr["Name"])
        keys = re.findall(r"\{(x|X|y)\}", frame)
        chunks = re.split(r"\{(?:x|X|y)\}", frame)
        for i, ch in enumerate(chunks):
            if ch:
                parts.append(T(self.fmt(ch)) if "{" in ch else T(ch))
            if i < len(keys):
                fact, text = facts_texts[0 if keys[i] in ("x", "X") else 1]
                if keys[i] == "X":
                    text = cap(text)
                parts.append(self.ev(fact, text))
        return parts

    def hpc(self, reg="c", names_ok=True, facts=None):
        """list of sentences (lists of parts) narrating the current symptoms"""
        facts = self.hpc_facts() if facts is None else facts
        sents = []
        i = 0
        first = True
        while i < len(facts):
            k = facts[i]
            typ, text = self.phrase(k, reg)
            # pair two noun phrases sometimes
            if (typ == "np" and reg != "a" and i + 1 < len(facts) and self.r.random() < 0.3):
                typ2, text2 = self.phrase(facts[i + 1], reg, types=("np",))
                fr = self.r.choice(PAIR)
                sents.append(self.sentence(fr, [(k, text), (facts[i + 1], text2)]))
                i += 2
                first = False
                continue
            if typ == "vp":
                fr = self.r.choice(VP_FIRST if first else VP_NEXT)
                if not names_ok:
                    fr = fr.replace("{Name}", "{He}")
                sents.append(self.sentence(fr, [(k, text)]))
            else:
                fr = self.r.choice(NP_FIRST[reg] if first else NP_NEXT[reg])
                if not names_ok:
                    fr = fr.replace("{Name}", "{He}")
                sents.append(self.sentence(fr, [(k, text)]))
            first = False
            i += 1
        return sents

    def hpc_terse(self, sep=", "):
        parts = []
        for j, k in enumerate(self.hpc_facts()):
            typ, text = self.phrase(k, "a", types=("np",))
            if j:
                parts.append(T(sep))
            parts.append(self.ev(k, text))
        return parts

    def ppi_text(self):
        p = self.f["ppi"]
        if p is None:
            return None
        st = p["style"]
        tpl = self.pick("ppi", PPI_PH[st])
        kw = {}
        if st == "weeks":
            w = p["days"] // 7
            kw = {"w": w, "ww": NUMW.get(w, str(w))}
        elif st == "days":
            kw = {"d": p["days"]}
        elif st == "months":
            kw = {"m": p["days"] // 30}
        else:
            sd = self.c["ldate"] - dt.timedelta(days=p["days"])
            kw = {"date": fmt_date(sd, self.r.choice(["slash", "long", "spacemon"]))}
        return self.fmt(tpl, **kw)

    def ppi_sentence(self):
        t = self.ppi_text()
        if t is None:
            return None
        fr = self.r.choice(PPI_FRAMES)
        return self.sentence(fr, [("ppi", t)])

    def _choose_ibd(self):
        typ, tpl, pmh = self.r.choice(IBD_KNOWN if self.f["ibd_stable_question"] else IBD_FLARE)
        y = self.r.randint(2006, 2021)
        self.ibd_type = typ
        self.ibd_known_text = self.fmt(tpl, y=y)
        self.ibd_pmh = [self.fmt(p, y=y) for p in pmh]

    def ibd_known(self, stable):
        return self.ibd_known_text

    def ibd_question(self):
        q = self.r.choice(IBD_Q[self.ibd_type])
        if self.c["sex"] == "M" and "planning a pregnancy" in q:
            q = "{he} and {his} partner are planning a pregnancy; should mesalazine be continued"
        return self.fmt(q)

    def background_sentences(self):
        """known diagnoses that are facts"""
        out = []
        if self.f["known_cirrhosis"]:
            txt = self.cirrhosis[0]
            fr = self.r.choice(["{He} has {x}.", "There is {x}.", "{Name} has {x}."])
            out.append(self.sentence(fr, [("known_cirrhosis", txt)]))
        if self.f["known_ibd"]:
            stable = self.f["ibd_stable_question"]
            txt = self.ibd_known(stable)
            facts = ["known_ibd", "ibd_stable_question"] if stable else ["known_ibd"]
            fr = self.r.choice(["{He} has {x}.", "There is {x}.", "{Name} has {x}."])
            parts = self.sentence(fr, [("known_ibd", txt)])
            for pt in parts:
                if pt[0] == "e":
                    pt[2] = facts
            out.append(parts)
        return out

    def fh_parts(self, capital=True):
        return E("family_history_crc", cap(self.fh_text) if capital else self.fh_text)

    # -- examination ----------------------------------------------------------
    def exam(self, reg="c"):
        out = []
        f = self.f
        if f["abdominal_mass"]:
            fr = self.r.choice(["On examination there is {x}.", "O/E: {x}.", "Examination revealed {x}.",
                                "I can feel {x}.", "Abdominal examination: {x}."])
            out.append(self.sentence(fr, [("abdominal_mass", self.phrase("abdominal_mass", reg)[1])]))
        elif self.r.random() < 0.45 and not f["ascites"]:
            out.append([Dx(["abdominal_mass"], "negated", self.pick("nx_abd", NEG_EXAM["abdominal_mass"]))])
        if f["rectal_mass"]:
            fr = self.r.choice(["On PR examination there was {x}.", "DRE revealed {x}.", "PR: {x}.",
                                "Rectal examination found {x}."])
            out.append(self.sentence(fr, [("rectal_mass", self.phrase("rectal_mass", reg)[1])]))
        elif f["rectal_bleeding"] and not f["bloody_diarrhoea"] and self.r.random() < 0.6:
            out.append([Dx(["rectal_mass"], "negated", self.pick("nx_pr", NEG_EXAM["rectal_mass"]))])
            if self.x.get("haemorrhoids"):
                out.append([T("Small non-prolapsing haemorrhoids seen on proctoscopy.")])
        if f["anal_mass"]:
            fr = self.r.choice(["On inspection there is {x}.", "Examination shows {x}.", "O/E {x}."])
            out.append(self.sentence(fr, [("anal_mass", self.phrase("anal_mass", reg)[1])]))
        if f["anal_ulceration"]:
            fr = self.r.choice(["Examination shows {x}.", "On inspection there is {x}.", "O/E {x}."])
            out.append(self.sentence(fr, [("anal_ulceration", self.phrase("anal_ulceration", reg)[1])]))
        if f["jaundice"] and self.jaundice_mode in ("exam", "both"):
            fr = self.r.choice(["{He} is {x}.", "On examination {he} was {x}.", "O/E {x}."])
            out.append(self.sentence(fr, [("jaundice", self.pick("jex", PH["jaundice_exam"]))]))
        elif not f["jaundice"] and self.c["domain"] == "liver" and self.r.random() < 0.5:
            out.append([Dx(["jaundice"], "negated", self.pick("nx_j", NEG_EXAM["jaundice"]))])
        if f["ascites"] and self.ascites_mode == "exam":
            fr = self.r.choice(["There is {x}.", "O/E {x}.", "Examination: {x}."])
            out.append(self.sentence(fr, [("ascites", self.pick("aex", PH["ascites_exam"]))]))
        elif f["known_cirrhosis"] and not f["ascites"]:
            out.append([Dx(["ascites"], "negated", self.pick("nx_a", NEG_EXAM["ascites"]))])
        return out

    def obs(self):
        r = self.r
        bits = []
        if r.random() < 0.5:
            bits.append("BP %d/%d" % (r.randint(112, 156), r.randint(66, 92)))
        if r.random() < 0.5:
            bits.append("pulse %d" % r.randint(58, 96))
        if r.random() < 0.4:
            bits.append("BMI %d" % r.randint(19, 38))
        return bits

    # -- distractors ----------------------------------------------------------
    def _plan_distractors(self):
        r, f = self.r, self.f
        dom = self.c["domain"]
        negs = [k for k in DOM_NEGS[dom] if not f[k]]
        if f["bloody_diarrhoea"]:
            negs = [k for k in negs if k not in ("rectal_bleeding",)]
        n = r.choice([0, 1, 1, 2, 2, 3])
        self.negs = r.sample(negs, min(n, len(negs)))
        # family (non-CRC relatives' illnesses)
        self.family = []
        if r.random() < 0.35:
            hb = hb_gl(f)
            derived = dict(f)
            derived["anaemia"] = hb is not None and hb < (130 if self.c["sex"] == "M" else 120)
            opts = [fx for fx in FAMILY_DX if not any(derived.get(k) for k in fx[0])]
            self.family = r.sample(opts, r.choice([1, 1, 2]))
        self.resolved = []
        ropts = [k for k in RESOLVED if not f[k]]
        if f["bloody_diarrhoea"]:
            ropts = [k for k in ropts if k != "change_in_bowel_habit"]
        if r.random() < 0.18 and ropts:
            k = r.choice(ropts)
            self.resolved = [(k, r.choice(RESOLVED[k]))]
        self.safety = []
        sopts = [k for k in DOM_SN[dom] if not f[k]]
        if r.random() < 0.35 and sopts:
            self.safety = r.sample(sopts, min(len(sopts), r.choice([1, 2, 2])))
        self.intentional = (not f["weight_loss"]) and r.random() < 0.07
        self.coeliac_neg = (not f["coeliac_serology_positive"] and dom in ("lower", "ibd", "general")
                            and r.random() < 0.3)

    def neg_sentences(self):
        out = []
        for k in self.negs:
            out.append([Dx([k], "negated", self.fmt(self.pick("neg_" + k, NEG[k])))])
        if self.intentional:
            out.append([Dx(["weight_loss"], "intentional", self.fmt(self.r.choice(INTENT_WL)))])
        return out

    def neg_inline(self):
        """terse negatives, e.g. 'no wt loss'"""
        m = {"weight_loss": ["no wt loss", "nil wt loss"], "rectal_bleeding": ["no PR bleed", "nil PR bleeding"],
             "dysphagia": ["no dysphagia"], "change_in_bowel_habit": ["no CIBH"], "abdominal_pain": ["no abdo pain"],
             "jaundice": ["not jaundiced"], "haematemesis": ["no haematemesis"], "reflux": ["no reflux"],
             "dyspepsia": ["no dyspepsia"], "confusion": ["no confusion"]}
        return [Dx([k], "negated", self.r.choice(m[k])) for k in self.negs]

    def family_parts(self):
        return [Dx(fx[0], "family", fx[1]) for fx in self.family]

    def resolved_sentences(self):
        return [[Dx([k], "resolved", t)] for k, t in self.resolved]

    def safety_sentence(self):
        if not self.safety:
            return None
        words = [self.r.choice(SN_WORDS[k]) for k in self.safety]
        if self.r.random() < 0.4:
            words.append("black stools")
        lst = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        fr = self.r.choice(SN_FRAMES)
        return [Dx(self.safety, "hypothetical", self.fmt(fr, lst=lst))]

    def fit_pending_sentence(self):
        if not self.f["fit_pending"]:
            return None
        pd = self.c["ldate"] - dt.timedelta(days=self.r.randint(2, 9))
        t = self.fmt(self.r.choice(FIT_PENDING), pdate=fmt_date(pd, "slash"))
        return [Dx(["fit"], "pending", t)]


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------
INL = {
    "hb_gl": ["Hb {v}", "Hb {v} g/L", "haemoglobin {v} g/L", "Hb: {v} g/L", "Hb {v}g/L"],
    "hb_gdl": ["Hb {v} g/dL", "haemoglobin {v} g/dL", "Hb {v}g/dl"],
    "ferritin": ["ferritin {v}", "ferritin {v} ug/L", "ferritin {v} µg/L", "Ferritin {v} ng/mL",
                 "serum ferritin {v} ug/L", "ferritin {v}ug/l"],
    "alt": ["ALT {v}", "ALT {v} U/L", "ALT {v} IU/L", "alanine transaminase {v} U/L", "ALT: {v} U/L"],
    "cal_num": ["faecal calprotectin {v} ug/g", "calprotectin {v}", "FCP {v} µg/g", "calprotectin: {v} ug/g",
                "Faecal calprotectin {v}", "calpro {v}"],
    "cal_lt": ["faecal calprotectin <{v} ug/g", "calprotectin <{v}", "FCP <{v} µg/g"],
    "fit_num": ["FIT {v}", "FIT {v} ug Hb/g", "qFIT {v} µg Hb/g faeces", "FIT result: {v} ug/g",
                "faecal immunochemical test (FIT) {v} ug Hb/g"],
    "fit_lt": ["FIT <{v}", "FIT <{v} ug Hb/g", "qFIT < {v} µg/g", "FIT result: less than {v}"],
    "fit_qual": ["FIT {w}", "FIT: {w}", "qFIT {w}", "FIT result {w}"],
    "fit_gt": ["FIT >{v} ug Hb/g", "qFIT >{v}"],
}
TBL = {
    "hb": ["Haemoglobin", "Haemoglobin estimation", "Hb", "Haemoglobin concentration"],
    "ferritin": ["Ferritin", "Serum ferritin", "Ferritin level"],
    "alt": ["ALT", "Serum ALT level", "Alanine aminotransferase", "ALT (alanine transaminase)"],
    "fit": ["FIT", "Faecal immunochemical test", "qFIT"],
    "calprotectin": ["Faecal calprotectin", "Calprotectin", "Calprotectin (faecal)"],
}


def fit_inline(L, fit):
    k = fit["kind"]
    if k == "num":
        return L.r.choice(INL["fit_num"]).format(v=fit["value"])
    if k == "lt":
        return L.r.choice(INL["fit_lt"]).format(v=fit["value"])
    if k == "gt":
        return L.r.choice(INL["fit_gt"]).format(v=fit["value"])
    return L.r.choice(INL["fit_qual"]).format(w=fit["word"])


def fit_tval(fit):
    k = fit["kind"]
    if k == "num":
        return str(fit["value"]), "ug Hb/g"
    if k == "lt":
        return "<%d" % fit["value"], "ug Hb/g"
    if k == "gt":
        return ">%d" % fit["value"], "ug Hb/g"
    return fit["word"].capitalize(), ""


def results(L):
    """list of result items for this letter (facts and incidental tests)"""
    f, r, x = L.f, L.r, L.x
    male = L.c["sex"] == "M"
    items = []

    def add(key, kind, inline, tname, tval, tunit, tref, fact=None, dx=None):
        items.append({"key": key, "kind": kind, "inline": inline, "tname": tname, "tval": tval, "tunit": tunit,
                      "tref": tref, "fact": fact, "dx": dx})

    if f["hb"] is not None:
        g = f["hb"]["g_l"]
        if f["hb"]["unit"] == "g/dL":
            v = "%.1f" % (g / 10.0)
            add("hb", "e", r.choice(INL["hb_gdl"]).format(v=v), r.choice(TBL["hb"]), v, "g/dL",
                "13.0 - 17.0" if male else "12.0 - 15.0", fact="hb")
        else:
            add("hb", "e", r.choice(INL["hb_gl"]).format(v=g), r.choice(TBL["hb"]), str(g), "g/L",
                "130 - 170" if male else "120 - 150", fact="hb")
        ida_like = f["ferritin"] is not None and f["ferritin"] < 30 and g < (130 if male else 120)
        if r.random() < 0.7:
            mcv = r.randint(66, 79) if ida_like else (r.randint(100, 108) if x.get("b12") else r.randint(83, 97))
            add("mcv", "p", "MCV %d" % mcv, "MCV", str(mcv), "fL", "80 - 100")
        if r.random() < 0.4:
            pl = r.randint(180, 390)
            add("plt", "p", "plt %d" % pl, "Platelets", str(pl), "x10^9/L", "150 - 400")
        if r.random() < 0.3:
            w = "%.1f" % (r.randint(45, 98) / 10.0)
            add("wcc", "p", "WCC %s" % w, "White cell count", w, "x10^9/L", "4.0 - 11.0")
    if f["ferritin"] is not None:
        v = f["ferritin"]
        add("ferritin", "e", r.choice(INL["ferritin"]).format(v=v), r.choice(TBL["ferritin"]), str(v), "ug/L",
            "30 - 400", fact="ferritin")
    if x.get("b12"):
        add("b12", "p", "B12 %d" % x["b12"], "Vitamin B12", str(x["b12"]), "ng/L", "180 - 900")
    bili = x.get("bili")
    if f["alt"] is not None or bili:
        if bili or r.random() < 0.6:
            b = bili or r.randint(5, 17)
            add("bili", "p", "bilirubin %d" % b, "Bilirubin", str(b), "umol/L", "0 - 21")
        if f["alt"] is not None:
            v = f["alt"]
            add("alt", "e", r.choice(INL["alt"]).format(v=v), r.choice(TBL["alt"]), str(v), "U/L", "0 - 39",
                fact="alt")
        if r.random() < 0.6:
            a = r.randint(150, 420) if bili and bili > 50 else r.randint(55, 125)
            add("alp", "p", "ALP %d" % a, "Alkaline phosphatase", str(a), "U/L", "30 - 130")
        if x.get("ggt"):
            add("ggt", "p", "GGT %d" % x["ggt"], "Gamma GT", str(x["ggt"]), "U/L", "0 - 55")
        if r.random() < 0.3 or f["known_cirrhosis"]:
            al = r.randint(27, 33) if f["known_cirrhosis"] else r.randint(36, 46)
            add("alb", "p", "albumin %d" % al, "Albumin", str(al), "g/L", "35 - 50")
    if r.random() < 0.4 or f["bloody_diarrhoea"]:
        crp = r.randint(14, 62) if (f["bloody_diarrhoea"] or (f["calprotectin"] and f["calprotectin"]["kind"] == "num"
                                                             and f["calprotectin"]["value"] >= 250)) else r.randint(1, 5)
        add("crp", "p", "CRP %d" % crp, "CRP", str(crp), "mg/L", "0 - 5")
    if r.random() < 0.25:
        eg = r.choice([">90", "78", "64", "85", ">90"])
        add("egfr", "p", "eGFR %s" % eg, "eGFR", eg, "mL/min", "")
    if r.random() < 0.15:
        t = "%.1f" % (r.randint(8, 35) / 10.0)
        add("tsh", "p", "TSH %s" % t, "TSH", t, "mU/L", "0.3 - 4.5")
    if f["coeliac_serology_positive"]:
        txt = L.fmt(r.choice(PH["coeliac_pos"]), v=r.choice([19, 32, 45, 86, 112, 64]))
        add("ttg", "e", txt, None, None, None, None, fact="coeliac_serology_positive")
    elif L.coeliac_neg:
        txt = r.choice(["coeliac serology negative", "tTG <0.5 U/mL (negative)", "coeliac screen negative"])
        add("ttg", "d", txt, None, None, None, None, dx=(["coeliac_serology_positive"], "normal_result"))
    if f["fit"] is not None:
        tv, tu = fit_tval(f["fit"])
        add("fit", "e", fit_inline(L, f["fit"]), r.choice(TBL["fit"]), tv, tu, "", fact="fit")
    c = f["calprotectin"]
    if c is not None:
        if c["kind"] == "lt":
            inl = r.choice(INL["cal_lt"]).format(v=c["value"])
            tv = "<%d" % c["value"]
        else:
            inl = r.choice(INL["cal_num"]).format(v=c["value"])
            tv = str(c["value"])
        add("calprotectin", "e", inl, r.choice(TBL["calprotectin"]), tv, "ug/g", "", fact="calprotectin")
    if f["fatty_liver_imaging"]:
        add("uss", "e", L.phrase("fatty_liver_imaging", "c")[1], None, None, None, None, fact="fatty_liver_imaging")
    if x.get("hpylori") == "neg":
        add("hp", "p", r.choice(["H. pylori stool antigen negative", "H pylori SAT negative"]), None, None, None, None)
    elif x.get("hpylori") == "pos_treated":
        add("hp", "p", r.choice(["H. pylori positive in August, eradication therapy completed",
                                 "H pylori stool antigen positive, treated with triple therapy"]), None, None, None, None)
    return items


def item_part(L, it, table=False, width=26):
    if table and it["tname"]:
        s = it["tname"]
        s = s + " " * max(2, width - len(s)) + it["tval"] + ((" " + it["tunit"]) if it["tunit"] else "")
    else:
        s = it["inline"]
    if it["kind"] == "e":
        return E(it["fact"], s)
    if it["kind"] == "d":
        return Dx(it["dx"][0], it["dx"][1], s)
    return P(s)


def normal_statements(L):
    """textual 'normal' statements consistent with the facts"""
    f = L.f
    out = []
    if f["hb"] is None and L.r.random() < 0.35:
        out.append(Dx(["anaemia"], "normal_result", L.r.choice(["FBC normal", "FBC unremarkable"])))
    if f["alt"] is None and not f["jaundice"] and not f["known_cirrhosis"] and not L.x.get("bili") \
            and L.r.random() < 0.3:
        out.append(Dx(["alt_raised"], "normal_result", L.r.choice(["LFTs normal", "LFTs all within range"])))
    return out


def results_inline(L, items=None, sep=", ", cap_first=False):
    items = results(L) if items is None else items
    parts = []
    for j, it in enumerate(items):
        if j:
            parts.append(T(sep))
        pt = item_part(L, it)
        if j == 0 and cap_first:
            pt[1] = cap(pt[1])
        parts.append(pt)
    ns = normal_statements(L)
    for pt in ns:
        if parts:
            parts.append(T(sep))
        parts.append(pt)
    return parts


def results_table(L, items=None, width=26, ref_style="brackets", indent=""):
    items = results(L) if items is None else items
    lines = []
    for it in items:
        if it["tname"]:
            line = [T(indent), item_part(L, it, table=True, width=width)]
            if it["tref"]:
                if ref_style == "brackets":
                    line.append(T("   [" + it["tref"] + "]"))
                elif ref_style == "paren":
                    line.append(T("  (" + it["tref"] + ")"))
            lines.append(line)
        else:
            lines.append([T(indent), item_part(L, it)])
    for pt in normal_statements(L):
        lines.append([T(indent), pt])
    return lines


# ---------------------------------------------------------------------------
# shared letter blocks
# ---------------------------------------------------------------------------
TRUST = "North Harbour Hospitals NHS Trust"
CONSULTANTS = ["Dr A. Okafor", "Dr H. Lindqvist", "Dr S. Varma", "Dr E. Hartigan", "Dr M. Oyelaran",
               "Dr C. Penhaligon"]
PRIO_FIELD = {
    "urgent_suspected_cancer": ["Urgent Suspected Cancer", "2WW", "Two Week Wait", "USC (2WW)"],
    "urgent": ["Urgent", "URGENT"], "routine": ["Routine", "ROUTINE"],
    "advice_and_guidance": ["Advice and Guidance", "Advice only", "A&G"],
}
PRIO_SENT = {
    "urgent_suspected_cancer": ["I would be grateful if {he} could be seen under the suspected cancer pathway.",
                                "Please see {him} on the two-week-wait pathway.",
                                "I am referring {him} as a 2WW (urgent suspected cancer)."],
    "urgent": ["I would be grateful if you could see {him} urgently.", "Please could {he} be seen urgently.",
               "I would appreciate an urgent appointment."],
    "routine": ["I would be grateful for a routine appointment.", "Please see {him} routinely in clinic.",
                "A routine appointment would be appropriate."],
    "advice_and_guidance": ["I would value your advice; I am not sure {he} needs to be seen.",
                            "Advice would be appreciated rather than an appointment.",
                            "Could you advise on management in primary care?"],
}
PRIO_SHORT = {"urgent_suspected_cancer": ["2WW please", "2ww pls", "USC please"],
              "urgent": ["urgent please", "urgent - soon pls", "Urgent pls"],
              "routine": ["routine please", "routine pls"],
              "advice_and_guidance": ["advice only please", "A&G pls"]}
REQUEST = {
    "lower": ["I would be grateful for your assessment and consideration of colonoscopy.",
              "Please consider lower GI investigation.", "I would appreciate your assessment; ?colonoscopy."],
    "upper": ["I would be grateful for your assessment and consideration of OGD.",
              "Please consider gastroscopy.", "I would appreciate your opinion regarding an OGD."],
    "liver": ["I would be grateful for a hepatology opinion.", "Please could you assess and advise on further liver work-up.",
              "I would appreciate your assessment in the liver clinic."],
    "ibd": ["I would be grateful for your assessment, ?inflammatory bowel disease.",
            "Please could you see {him} in the gastroenterology clinic.", "I would appreciate your opinion."],
    "coeliac": ["I would be grateful for consideration of duodenal biopsy to confirm the diagnosis.",
                "Please could you see {him} regarding likely coeliac disease."],
    "fh": ["I would be grateful for your advice about screening.",
           "Please could you advise whether {he} needs colonoscopic surveillance."],
    "general": ["I would be grateful for your opinion.", "Please could you see and advise.",
                "I would appreciate your assessment."],
}
AG_Q = {
    "lower": ["Is colonoscopy indicated, or can this be managed in primary care?",
              "Would you suggest any further tests before considering referral?",
              "Would you be happy for me to manage this as IBS?"],
    "upper": ["Does {he} need a gastroscopy, or would you suggest a further medication trial?",
              "What would you suggest as the next step?"],
    "liver": ["Do these results need hepatology review, or can we monitor in primary care?",
              "What further work-up would you suggest?"],
    "ibd": ["Should {he} be seen in the IBD clinic?", "What would you suggest next?"],
    "coeliac": ["Does {he} need a gastroscopy and biopsy to confirm the diagnosis?"],
    "fh": ["Does {he} need colonoscopic screening, and from what age?",
           "Would {he} qualify for surveillance colonoscopy?"],
    "general": ["Do you think {he} needs to be seen?", "What would you advise?"],
}
INTRO_AGE = ["{a}-year-old", "{a} year old", "{a}yo", "{a} y/o"]


def age_part(L, forms=None):
    return E("age_stated", L.r.choice(forms or INTRO_AGE).format(a=L.c["age"]))


def dob_part(L, label, style):
    return E("dob", label + fmt_date(L.c["dob"], style))


def date_part(L, label, style):
    return E("letter_date", label + fmt_date(L.c["ldate"], style))


def sex_word(L, style=0):
    m = L.c["sex"] == "M"
    return [("Male", "Female"), ("M", "F"), ("male", "female")][style][0 if m else 1]


def fullname(L, order=0):
    c = L.c
    if order == 0:
        return "%s %s %s" % (c["title"], c["first"], c["last"])
    if order == 1:
        return "%s, %s (%s)" % (c["last"].upper(), c["first"], c["title"])
    if order == 2:
        return "%s %s %s" % (c["title"], c["first"], c["last"].upper())
    return "%s %s" % (c["first"], c["last"])


def prio_field(L):
    t = L.r.choice(PRIO_FIELD[L.gp_priority])
    L.prio_text = t
    return P(t)


def prio_sentence(L):
    t = L.fmt(L.r.choice(PRIO_SENT[L.gp_priority]))
    L.prio_text = t
    return P(t)


def prio_short(L):
    t = L.r.choice(PRIO_SHORT[L.gp_priority])
    L.prio_text = t
    return P(t)


def add_sentences(doc, sents, sep=" "):
    first = True
    for s in sents:
        if s is None:
            continue
        if not first:
            doc.t(sep)
        doc.add(s)
        first = False
    return not first


def para(doc, sents, end="\n\n"):
    if add_sentences(doc, sents):
        doc.t(end)


def social_text(L):
    c = L.c
    bits = []
    bits.append(cap(c["occupation"]))
    bits.append(L.r.choice(["lives with {his} partner", "lives alone", "lives with family", "married, lives with spouse"]))
    bits.append(c["smoke"].lower() if L.r.random() < 0.5 else c["smoke"])
    u = c["units"]
    bits.append("teetotal" if u == 0 else L.r.choice(["alcohol %d units/week", "drinks about %d units a week",
                                                      "EtOH %d u/wk"]) % u)
    return L.fmt(", ".join(bits)) + "."


def pmh_lines(L, known_style=0):
    """problem-list lines: list of parts-lists"""
    lines = []
    f = L.f
    if f["known_cirrhosis"]:
        lines.append([E("known_cirrhosis", L.r.choice(L.cirrhosis[1]))])
    if f["known_ibd"]:
        lines.append([E("known_ibd", L.r.choice(L.ibd_pmh))])
    for p in L.c["pmh"]:
        y = L.r.randint(1998, 2022)
        if known_style == 1 and "(" not in p:
            lines.append([T("%s (%d)" % (p, y))])
        else:
            lines.append([T(p)])
    for k, t in L.resolved:
        lines.append([Dx([k], "resolved", t.rstrip("."))])
    return lines


def meds_lines(L):
    return [[T(m)] for m in L.c["meds"]]


def fh_block(L):
    """family history parts (CRC family history is a fact; other relatives are distractors)"""
    parts = []
    if L.f["family_history_crc"]:
        parts.append(L.fh_parts())
        parts.append(T("."))
    for p in L.family_parts():
        if parts:
            parts.append(T(" "))
        parts.append(p)
    return parts


CONTEXT_SKIP = ("methotrexate", "polyps", "nausea", "family_coeliac", "gilbert", "b12", "fatigue")


def context_sentence(L):
    """why the patient was seen, for letters with no current symptom (plain text, asserts no fact)"""
    f, r = L.f, L.r
    if L.hpc_facts() or f["known_ibd"] or f["known_cirrhosis"] or f["family_history_crc"]:
        return None
    if any(L.x.get(k) for k in CONTEXT_SKIP):
        return None
    if getattr(L, "_ctx_done", False):
        return None
    L._ctx_done = True
    if f["anal_ulceration"]:
        t = "{He} came in with perianal soreness."
    elif f["anal_mass"]:
        t = "{He} came in about a lump {he} had noticed at the anus."
    elif f["abdominal_mass"] or f["rectal_mass"]:
        t = "{He} came in because of a vague feeling of fullness and tiredness."
    elif f["jaundice"]:
        t = "{He} came in because {his} family had noticed a change in {his} colour."
    elif f["fatty_liver_imaging"]:
        t = "{He} had an abdominal ultrasound for " + r.choice(
            ["a raised ALP", "haematuria (renal tract scan)", "follow-up of a simple renal cyst"]) + "; the report is below."
    elif f["alt"] is not None and f["alt"] >= 40:
        t = "A raised ALT was found on bloods taken " + r.choice(
            ["at an NHS health check", "for diabetes monitoring", "before starting a statin", "because of tiredness",
             "at {his} annual review"]) + "."
    elif f["alt"] is not None and L.c["domain"] == "liver":
        t = "Liver tests were checked " + r.choice(["at {his} annual review", "because of tiredness",
                                                    "as part of a health check"]) + "."
    elif f["coeliac_serology_positive"]:
        t = "Coeliac serology was checked " + r.choice(["because of tiredness", "because of recurrent mouth ulcers",
                                                        "at {his} request"]) + "."
    elif f["fit"] is not None:
        t = "A FIT was sent " + r.choice(["as part of a tiredness screen", "at {his} request", "after a family worry"]) + "."
    elif f["hb"] is not None or f["ferritin"] is not None:
        t = "Bloods were taken " + r.choice(["because of tiredness", "at an annual review",
                                             "before a planned knee replacement", "as part of a health check"]) + "."
    else:
        t = "{He} came in for review."
    return [T(L.fmt(t))]


def hpc_block(L, reg="c", names_ok=True, facts=None):
    s = []
    ctx = context_sentence(L)
    if ctx:
        s.append(ctx)
    s += L.background_sentences()
    s += L.hpc(reg, names_ok=names_ok, facts=facts)
    ps = L.ppi_sentence()
    if ps:
        s.append(ps)
    if L.x.get("no_ppi_yet"):
        s.append([T(L.fmt("{He} has not yet had a trial of a PPI."))])
    s += extra_sentences(L)
    return s


def body_core(L, reg="c", names_ok=True):
    """main clinical narrative sentences: hpc, ppi, background, negatives, fit pending"""
    s = hpc_block(L, reg, names_ok)
    s += L.neg_sentences()
    fp = L.fit_pending_sentence()
    if fp:
        s.append(fp)
    return s


def extra_sentences(L):
    x = L.x
    out = []
    if x.get("alcohol_binge"):
        out.append([T("This followed a heavy night of drinking and repeated retching.")])
    if x.get("gastroenteritis"):
        out.append([T(L.fmt("This was during a bout of viral gastroenteritis with repeated vomiting."))])
    if L.f["haematemesis"]:
        out.append([T(L.r.choice(["Observations were normal and there has been no further episode.",
                                  "Haemodynamically stable when seen.",
                                  "Well in between, observations normal."]))])
    if x.get("nsaid"):
        out.append([T(L.fmt("{He} takes regular NSAIDs for joint pain."))])
    if x.get("itch"):
        out.append([T(L.fmt("{He} also complains of generalised itching."))])
    if x.get("anal_pain"):
        out.append([T("It is painful on defecation.")])
    if x.get("fatigue"):
        out.append([T(L.fmt("{He} has felt tired for some months."))])
    if x.get("family_coeliac"):
        out.append([T(L.fmt("Screened because {his} daughter has coeliac disease."))])
    if x.get("gilbert"):
        out.append([T(L.fmt("{He} says this happens when {he} is unwell or fasting and settles within days."))])
    if x.get("b12"):
        out.append([T(L.fmt("{He} reports tiredness and tingling in the feet."))])
    if x.get("nausea"):
        out.append([T(L.fmt("{He} has had intermittent nausea for several months, worse in the mornings, "
                            "and is otherwise well."))])
    if x.get("polyps"):
        out.append([T(L.fmt("{He} had two small tubular adenomas removed at colonoscopy in 2019 and asks "
                            "whether a repeat colonoscopy is due. {He} has no bowel symptoms at present."))])
    if x.get("methotrexate"):
        out.append([T(L.fmt("The raised ALT was found on routine methotrexate monitoring."))])
    if x.get("statin"):
        out.append([T(L.fmt("{He} started atorvastatin in June."))])
    if x.get("diabetic"):
        out.append([T("Diabetes is reasonably controlled (HbA1c 58 mmol/mol).")])
    if x.get("ibd_flare"):
        out.append([T(L.fmt("{He} thinks this is a flare."))])
    if L.f["family_history_crc"] and L.c["rule"] == "A3":
        pre, post = L.r.choice([("{He} is asking about bowel screening because of {his} family history: ", "."),
                                ("{He} is worried because of the family history (", ")."),
                                ("Family history: ", ".")])
        out.append([T(L.fmt(pre)), L.fh_parts(capital=False), T(post)])
        out.append([Dx(["rectal_bleeding", "change_in_bowel_habit", "weight_loss", "abdominal_pain"], "negated",
                       L.fmt(L.r.choice([
                           "{He} is entirely asymptomatic, with no rectal bleeding, no change in bowel habit and no weight loss.",
                           "{He} has no bowel symptoms: no rectal bleeding, no abdominal pain, no change in bowel habit.",
                           "Currently asymptomatic - no PR bleeding, no CIBH, no weight loss."])))])
    return out


def exam_sentences(L, reg="c"):
    s = L.exam(reg)
    ob = L.obs()
    if ob:
        s.append([T(cap(", ".join(ob)) + ".")])
    return s


def question_parts(L):
    """A&G question: for stable IBD this is evidence"""
    if L.f["ibd_stable_question"]:
        q = L.ibd_question()
        fr = L.r.choice(["My question is: {x}?", "Question: {X}?", "Could you advise: {x}?", "{X}?"])
        return L.sentence(fr, [("ibd_stable_question", q)])
    return [T(L.fmt(L.r.choice(AG_Q[L.c["domain"]])))]


def request_sentence(L):
    if L.f["ibd_stable_question"]:
        return question_parts(L)
    return [T(L.fmt(L.r.choice(REQUEST[L.c["domain"]])))]


def signoff(L, gp, role="General Practitioner", style=0):
    d = Doc()
    if style == 0:
        d.t("Yours sincerely,\n\n\n").p(gp).t("\n" + role + "\n")
    elif style == 1:
        d.t("Kind regards\n\n").p(gp).t("\n")
    elif style == 2:
        d.t("With best wishes,\n\n").p(gp).t(" (" + role + ")\n")
    else:
        d.t("Many thanks\n").p(gp).t("\n")
    return d.parts


# ---------------------------------------------------------------------------
# practices and services (one per template)
# ---------------------------------------------------------------------------
PRACTICES = {
    "ers_harbour": ("Harbour Road Surgery", "Z90011", "2 Harbour Road, Harbury Cross, ZX1 4RB",
                    ["Dr P. Quinlan", "Dr N. Adeyemi", "Dr K. Marsh"]),
    "ers_millbrook": ("Millbrook Medical Centre", "Z90024", "Mill Lane, Millbrook, ZX3 2DL",
                      ["Dr R. Bhattacharya", "Dr J. Fothergill", "Dr L. Nwosu"]),
    "ers_quayside": ("Quayside Medical Practice", "Z90037", "14 Quay Street, Quayside, ZX7 1AQ",
                     ["Dr T. Greenhalgh", "Dr S. Iqbal", "Dr F. Moran"]),
    "ers_oakfield": ("Oakfield Family Practice", "Z90042", "Oakfield Road, Oakfield, ZX5 8HN",
                     ["Dr A. Lumb", "Dr C. Esposito", "Dr D. Ormerod"]),
    "ers_ag": ("Thornleigh Surgery", "Z90058", "Church Street, Thornleigh, ZX9 3PW",
               ["Dr H. Sandhu", "Dr G. Pilling", "Dr M. Keane"]),
    "emis_kestrel": ("Kestrel Bay Surgery", "Z90063", "The Parade, Kestrel Bay, ZX2 6BT",
                     ["Dr E. Whitworth", "Dr Y. Rahman", "Dr B. Costello"]),
    "emis_fenwick": ("Fenwick Down Medical Group", "Z90071", "Fenwick Down Road, Fenwick Down, ZX11 4LE",
                     ["Dr I. Kowalczyk", "Dr W. Hallam", "Dr P. Okonkwo"]),
    "emis_larkhill": ("Larkhill Vale Health Centre", "Z90089", "Vale Road, Larkhill Vale, ZX6 9GS",
                      ["Dr K. Tiwari", "Dr R. Entwistle"]),
    "s1_brookside": ("Brookside Health Centre", "Z90092", "Brook Street, Brookside, ZX8 2RU",
                     ["Dr J. McAllister", "Dr O. Dimitriou", "Dr S. Crabtree"]),
    "s1_westgate": ("Westgate Practice", "Z90105", "1 Westgate, Westgate, ZX4 7NY",
                    ["Dr A. Chaudhry", "Dr T. Midgley"]),
    "s1_ashby": ("Ashby Moor Surgery", "Z90113", "Moor Lane, Ashby Moor, ZX12 5QF",
                 ["Dr V. Lindqvist", "Dr C. Nuttall", "Dr H. Phelan"]),
    "vision_riverside": ("Riverside Surgery", "Z90126", "Riverside Walk, Riverside, ZX10 3JD",
                         ["Dr M. Zielinski", "Dr E. Kershaw"]),
    "vision_castlegate": ("Castlegate Medical Practice", "Z90134", "Castle Street, Castlegate, ZX13 1BB",
                          ["Dr N. Yilmaz", "Dr F. Ackroyd", "Dr G. Regan"]),
    "lgi_tick": ("Saltmarsh Lane Surgery", "Z90147", "Saltmarsh Lane, Saltmarsh, ZX14 2HW",
                 ["Dr D. Fitzgerald", "Dr A. Wojcik"]),
    "lgi_yesno": ("Canal Street Practice", "Z90150", "Canal Street, Millbrook, ZX3 5TT",
                  ["Dr L. Shackleton", "Dr Q. Hussain"]),
    "lgi_yntable": ("St Brannock's Surgery", "Z90168", "Brannock Road, Oakfield, ZX5 1UA",
                    ["Dr P. Urquhart", "Dr K. Adeyemi"]),
    "lgi_present": ("Moorview Medical Centre", "Z90171", "Moor View, Ashby Moor, ZX12 8DN",
                    ["Dr B. Sutcliffe", "Dr R. Vasquez"]),
    "ugi_box": ("Linnet Close Surgery", "Z90185", "Linnet Close, Kestrel Bay, ZX2 9LR",
                ["Dr C. Hennessy", "Dr T. Nowak"]),
    "ugi_present": ("Tannery Yard Health Centre", "Z90193", "Tannery Yard, Westgate, ZX4 3EE",
                    ["Dr S. Ramsbottom", "Dr H. Okafor-Lane"]),
    "dict_formal": ("The Old Vicarage Surgery", "Z90204", "Vicarage Lane, Castlegate, ZX13 6PP",
                    ["Dr Jonathan Harcourt", "Dr Eleanor Bancroft"]),
    "dict_dnr": ("Foundry Street Medical Practice", "Z90212", "Foundry Street, Quayside, ZX7 4FS",
                 ["Dr Michael Tattersall", "Dr Ruth Openshaw"]),
    "dict_bullets": ("Weavers Walk Surgery", "Z90229", "Weavers Walk, Brookside, ZX8 7WW",
                     ["Dr Amit Sandhu", "Dr Clare Pollard"]),
    "short_typed": ("Chapel Fold Surgery", "Z90231", "Chapel Fold, Fenwick Down, ZX11 2CF",
                    ["Dr G. Birtwistle", "Dr S. Egan"]),
    "short_terse": ("Bridge End Medical Practice", "Z90246", "Bridge End, Riverside, ZX10 8BE",
                    ["Dr T. Holroyd", "Dr M. Lynch"]),
    "short_da": ("Cobble Rise Surgery", "Z90250", "Cobble Rise, Larkhill Vale, ZX6 2CR",
                 ["Dr F. Dobson", "Dr J. Kitching"]),
    "ag_question": ("Heather Way Practice", "Z90263", "Heather Way, Thornleigh, ZX9 7HW",
                    ["Dr R. Moorhouse", "Dr N. Gallagher"]),
    "ag_portal": ("Ropewalk Health Centre", "Z90277", "The Ropewalk, Harbury Cross, ZX1 9RW",
                  ["Dr U. Bairstow", "Dr L. Flanagan"]),
    "nurse": ("Willow Court Surgery", "Z90280", "Willow Court, Saltmarsh, ZX14 6WC",
              ["Dr E. Geraghty"]),
    "anp": ("Low Green Medical Centre", "Z90298", "Low Green, Kestrel Bay, ZX2 4LG", ["Dr A. Stansfield"]),
    "pharmacist": ("Harbury Cross Primary Care Network", "Z90301", "c/o Harbour Road Surgery, Harbury Cross, ZX1 4RB",
                   ["Dr P. Quinlan"]),
    "community": ("North Harbour Community Health Services", "Z90319", "Seaview House, Quayside, ZX7 6SH",
                  ["Dr K. Marsh"]),
    "utc": ("Kestrel Bay Urgent Treatment Centre", "Z90322", "Kestrel Bay Community Hospital, ZX2 8UT",
            ["Dr E. Whitworth"]),
    "private": ("Quayside Private Clinic", "Z90336", "3 Marina Court, Quayside, ZX7 2MC", ["Dr F. Moran"]),
    "ooh": ("HarbourDoc Out of Hours Service", "Z90344", "Harbury Cross Health Hub, ZX1 2HH", ["Dr S. Iqbal"]),
}


# ---------------------------------------------------------------------------
# templates
# ---------------------------------------------------------------------------
def ubrn(L):
    r = L.r
    return "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))


def clinic_type(L):
    return {"lower": "Lower GI", "upper": "Upper GI", "liver": "Hepatology", "ibd": "IBD / General Gastroenterology",
            "coeliac": "General Gastroenterology", "fh": "Lower GI", "general": "General Gastroenterology"}[L.c["domain"]]


def tpl_ers_harbour(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("NHS e-Referral Service - Referral Letter\n")
    d.t("UBRN: ").p(ubrn(L)).nl()
    d.add([date_part(L, "Referral created: ", "dashmon")]).nl()
    d.t("Priority: ").add([prio_field(L)]).nl()
    d.t("Service: Gastroenterology - %s, %s\n" % (clinic_type(L), TRUST))
    d.t("-" * 60 + "\nPATIENT\n")
    d.t("Name: ").p(fullname(L, 1)).nl()
    d.add([dob_part(L, "Date of Birth: ", "dashmon")]).t("      Gender: ").p(sex_word(L)).nl()
    d.t("NHS Number: ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.t("Address: ").p("%s, %s" % (c["addr"], c["postcode"])).nl()
    d.t("Telephone: ").p(c["phone"]).nl()
    d.t("-" * 60 + "\nREFERRER\n").p("%s, %s (%s)" % (L.gp, name, code)).nl().t(addr + "\n")
    d.t("-" * 60 + "\nCLINICAL DETAILS\n\n")
    d.t("Reason for referral:\n")
    core = body_core(L, "c")
    para(d, core)
    ex = exam_sentences(L)
    if ex:
        d.t("Examination:\n")
        para(d, ex)
    res = results_inline(L)
    if res:
        d.t("Investigations:\n").add(res).t("\n\n")
    d.t("Past medical history:\n")
    for ln in pmh_lines(L) or [[T("Nil significant")]]:
        d.t("- ").add(ln).nl()
    d.t("\nCurrent medication:\n")
    for ln in meds_lines(L) or [[T("None")]]:
        d.t("- ").add(ln).nl()
    d.t("\nAllergies: ").t(c["allergy"]).nl()
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    d.t("Social history: ").t(social_text(L)).t("\n\n")
    d.t("Request: ").add(request_sentence(L)).t(" ")
    sn = L.safety_sentence()
    if sn:
        d.add(sn)
    d.t("\n\n").p(L.gp).t(", GP\n")
    return d


def tpl_ers_millbrook(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("=== e-RS Referral Summary ===\n")
    d.t("Referral Date  | ").add([E("letter_date", fmt_date(c["ldate"], "slash"))]).nl()
    d.t("Urgency        | ").add([prio_field(L)]).nl()
    d.t("Specialty      | Gastroenterology (%s)\n" % clinic_type(L))
    d.t("Patient        | ").p(fullname(L, 2)).nl()
    d.t("DOB / Age      | ").add([E("dob", fmt_date(c["dob"], "slash"))]).t(" / ").add(
        [E("age_stated", "%d" % c["age"])]).nl()
    d.t("Sex            | ").p(sex_word(L, 1)).nl()
    d.t("NHS number     | ").p(nhs_fmt(c["nhs"], 1)).nl()
    d.t("Contact        | ").p(c["phone"]).nl()
    d.t("Referring GP   | ").p("%s, %s, %s" % (L.gp, name, code)).t("\n\n")
    d.t("Q1. Presenting complaint and duration?\nA: ")
    hp = hpc_block(L, "c")
    fp = L.fit_pending_sentence()
    if fp:
        hp.append(fp)
    if not add_sentences(d, hp):
        d.t("See below.")
    d.t("\n\nQ2. Relevant negatives?\nA: ")
    ng = L.neg_sentences()
    if not add_sentences(d, ng):
        d.t("-")
    d.t("\n\nQ3. Examination findings?\nA: ")
    if not add_sentences(d, exam_sentences(L)):
        d.t("Not examined.")
    d.t("\n\nQ4. Relevant results (last 3 months)?\nA: ")
    res = results_inline(L, sep="; ")
    if res:
        d.add(res)
    else:
        d.t("None available.")
    d.t("\n\nQ5. Past history / medication?\nA: ")
    pl = pmh_lines(L)
    for j, ln in enumerate(pl):
        if j:
            d.t("; ")
        d.add(ln)
    if pl:
        d.t(". ")
    d.t("Meds: ")
    ml = meds_lines(L)
    for j, ln in enumerate(ml):
        if j:
            d.t("; ")
        d.add(ln)
    if not ml:
        d.t("nil regular")
    d.t(". Allergies: " + c["allergy"] + ".")
    fh = fh_block(L)
    if fh:
        d.t(" FH: ").add(fh)
    d.t("\n\nQ6. What are you asking the service to do?\nA: ").add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\n[Generated from GP clinical system - %s]\n" % name)
    return d


def tpl_ers_quayside(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("Referral Request: Gastroenterology\n").t("%s  |  %s  |  %s\n\n" % (name, addr, code))
    d.add([date_part(L, "Date of Referral: ", "long")]).nl()
    d.t("Appointment priority: ").add([prio_field(L)]).t("\n\n")
    d.t("Patient: ").p(fullname(L, 0)).t("   ").add([dob_part(L, "DOB ", "spacemon")]).t("   NHS ").p(
        nhs_fmt(c["nhs"], 2)).nl()
    d.t("Home address: ").p("%s %s" % (c["addr"], c["postcode"])).t("\n\n")
    d.t("Clinical Information:\n")
    intro = [T("Thank you for seeing this "), age_part(L), T(" " + L.pr["man"] + ".")]
    d.add(intro).t(" ")
    para(d, body_core(L, r.choice(["c", "l"])))
    para(d, exam_sentences(L))
    res = results_table(L, width=22, ref_style="paren", indent="  ")
    if res:
        d.t("Recent results:\n")
        for ln in res:
            d.add(ln).nl()
        d.nl()
    d.t("Referrer's comments: ").add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\nPMH: ")
    pl = pmh_lines(L)
    for j, ln in enumerate(pl):
        if j:
            d.t(", ")
        d.add(ln)
    if not pl:
        d.t("nil")
    d.t("\nDrugs: ")
    ml = meds_lines(L)
    for j, ln in enumerate(ml):
        if j:
            d.t(", ")
        d.add(ln)
    if not ml:
        d.t("none")
    d.t("\nAllergies: " + c["allergy"] + "\n")
    fh = fh_block(L)
    if fh:
        d.t("FH: ").add(fh).nl()
    d.t("SH: " + social_text(L) + "\n\n")
    d.t("Referring clinician: ").p(L.gp).nl()
    return d


def tpl_ers_oakfield(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("e-RS REFERRAL  (%s, %s)\n\n" % (name, code))
    d.t("1. PATIENT DETAILS\n")
    d.t("   Surname: ").p(c["last"].upper()).t("   Forename: ").p(c["first"]).t("   Title: ").p(c["title"]).nl()
    d.t("   ").add([dob_part(L, "D.O.B.: ", "dot")]).t("   Sex: ").p(sex_word(L, 0)).nl()
    d.t("   NHS No: ").p(nhs_fmt(c["nhs"], 0)).t("   Postcode: ").p(c["postcode"]).t("\n\n")
    d.t("2. REFERRAL DETAILS\n")
    d.t("   ").add([date_part(L, "Date: ", "slash")]).t("   Priority: ").add([prio_field(L)]).nl()
    d.t("   Referred to: Gastroenterology, %s\n   Referrer: " % TRUST).p(L.gp).t("\n\n")
    d.t("3. CLINICAL SUMMARY\n   ")
    add_sentences(d, body_core(L, "c"))
    d.t("\n   ")
    add_sentences(d, exam_sentences(L))
    d.t("\n   ").add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\n4. PROBLEMS (auto-populated - please verify)\n")
    for ln in pmh_lines(L, known_style=1) or [[T("No active problems recorded")]]:
        d.t("   * ").add(ln).nl()
    d.t("\n5. MEDICATION (auto-populated)\n")
    for ln in meds_lines(L) or [[T("No current medication")]]:
        d.t("   * ").add(ln).nl()
    d.t("   Allergies: " + c["allergy"] + "\n")
    d.t("\n6. RESULTS (auto-populated, last 90 days)\n")
    res = results_table(L, width=28, ref_style="brackets", indent="   ")
    for ln in res or [[T("   No results in period")]]:
        d.add(ln).nl()
    fh = fh_block(L)
    d.t("\n7. OTHER\n   Social: " + social_text(L) + "\n")
    if fh:
        d.t("   Family: ").add(fh).nl()
    return d


def tpl_ers_ag(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    L.gp_priority = "advice_and_guidance"
    d.t("NHS e-RS  -  Advice & Guidance Request\n")
    d.t("Service: Gastroenterology Advice & Guidance (%s)\n" % TRUST)
    d.add([date_part(L, "Request sent: ", "dayshort")]).nl()
    d.t("Request type: ").add([prio_field(L)]).t("\n\n")
    d.t("Patient: ").p(fullname(L, 1)).t("  |  ").add([dob_part(L, "DOB ", "dashmon")]).t("  |  ").add(
        [E("age_stated", "%dy" % c["age"])]).t("  |  ").p(sex_word(L, 0)).t("  |  NHS ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.t("Requesting clinician: ").p("%s, %s (%s)" % (L.gp, name, code)).t("\n\n")
    d.t("Clinical question:\n").add(question_parts(L)).t("\n\n")
    d.t("Background:\n")
    para(d, body_core(L, "c") + exam_sentences(L))
    res = results_inline(L)
    if res:
        d.t("Results:\n").add(res).t("\n\n")
    pl = pmh_lines(L)
    if pl:
        d.t("PMH: ")
        for j, ln in enumerate(pl):
            if j:
                d.t("; ")
            d.add(ln)
        d.nl()
    ml = meds_lines(L)
    d.t("Medication: ")
    for j, ln in enumerate(ml):
        if j:
            d.t("; ")
        d.add(ln)
    if not ml:
        d.t("none")
    d.nl()
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    sn = L.safety_sentence()
    if sn:
        d.nl().add(sn).nl()
    d.t("\nAttachments: none\n")
    return d


def tpl_emis_kestrel(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t(" " * 30 + name + "\n" + " " * 30 + addr + "\n" + " " * 30 + "Tel: ").p(phone(r)).nl()
    d.t(" " * 30 + "Practice code: " + code + "\n\n")
    d.add([date_part(L, "Date: ", "long")]).t("\n\n")
    d.t("%s\nConsultant Gastroenterologist\nGastroenterology Department\n%s\n\n" % (r.choice(CONSULTANTS), TRUST))
    d.t("Dear Colleague,\n\n")
    d.t("Re: ").p(fullname(L, 0)).t("   ").add([dob_part(L, "DOB: ", "slash")]).t("   NHS No: ").p(
        nhs_fmt(c["nhs"], 0)).nl()
    d.t("     ").p("%s, %s" % (c["addr"], c["postcode"])).t("\n\nUrgency: ").add([prio_field(L)]).t("\n\n")
    intro = [T(r.choice(["I would be grateful if you could see this ", "Thank you for seeing this ",
                         "Please would you see this "])), age_part(L), T(" " + L.pr["gent"] + ".")]
    d.add(intro).t(" ")
    para(d, body_core(L, r.choice(["c", "c", "l"])))
    para(d, exam_sentences(L))
    para(d, [request_sentence(L), L.safety_sentence()])
    d.t("Yours sincerely,\n\n\n").p(L.gp).t("\n\n")
    d.t("-" * 20 + " Auto-inserted from clinical record " + "-" * 20 + "\n")
    d.t("Active Problems\n")
    for ln in pmh_lines(L, known_style=1) or [[T("None recorded")]]:
        d.t("    ").add(ln).nl()
    d.t("\nMedication (Repeat Templates)\n")
    for ln in meds_lines(L) or [[T("No repeat medication")]]:
        d.t("    ").add(ln).nl()
    d.t("\nAllergies\n    " + c["allergy"] + "\n")
    res = results_table(L, width=30, ref_style="brackets", indent="    ")
    if res:
        d.t("\nRecent Test Results\n")
        for ln in res:
            d.add(ln).nl()
    fh = fh_block(L)
    if fh:
        d.t("\nFamily History\n    ").add(fh).nl()
    d.t("\nSocial\n    " + social_text(L) + "\n")
    return d


def tpl_emis_fenwick(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t(name.upper() + "\n" + addr + "\n\n")
    d.t("To: Gastroenterology, %s\n" % TRUST)
    d.add([date_part(L, "Date: ", "dashmon")]).nl()
    d.t("Patient: ").p(fullname(L, 2)).nl()
    d.add([dob_part(L, "Date of birth: ", "dashmon")]).t("  (").add([age_part(L, ["{a} years"])]).t(")  ").p(
        sex_word(L, 0)).nl()
    d.t("NHS number: ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.t("Priority requested: ").add([prio_field(L)]).t("\n\n")
    d.t("Dear Dr,\n\n")
    d.t(L.fmt(r.choice(["Please see the consultation below. ", "I would be grateful for your help with "
                                                                  "{Name}; my consultation notes are pasted below. "])))
    d.add(request_sentence(L)).t("\n\n")
    d.t("Kind regards,\n").p(L.gp).t("\n\n")
    d.t("=== Consultation extract ===\n")
    d.p(fmt_date(c["ldate"], "dashmon")).t(" %02d:%02d  Surgery consultation  " % (r.randint(8, 17), r.choice([0, 10, 20, 30, 40, 50]))).p(L.gp).nl()
    d.t("History: ")
    add_sentences(d, body_core(L, "a"))
    d.nl()
    ex = exam_sentences(L, "a")
    if ex:
        d.t("Examination: ")
        add_sentences(d, ex)
        d.nl()
    res = results_inline(L)
    if res:
        d.t("Results: ").add(res).nl()
    sn = L.safety_sentence()
    d.t("Plan: referral as above. ")
    if sn:
        d.add(sn)
    d.t("\n\n=== Problems ===\n")
    for ln in pmh_lines(L) or [[T("Nil")]]:
        d.add(ln).nl()
    d.t("\n=== Repeat medication ===\n")
    for ln in meds_lines(L) or [[T("Nil")]]:
        d.add(ln).nl()
    d.t("Allergies: " + c["allergy"] + "\n")
    fh = fh_block(L)
    if fh:
        d.t("=== Family history ===\n").add(fh).nl()
    return d


def tpl_emis_larkhill(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("%s - Referral\n" % name)
    d.add([date_part(L, "", "daylong")]).t("\n\n")
    d.t("Dear Gastroenterology team,\n\n")
    sents = [[T("Re "), P(fullname(L, 3)), T(".")]]
    sents += body_core(L, "c", names_ok=False)
    para(d, sents)
    para(d, exam_sentences(L) + [request_sentence(L), [prio_sentence(L)], L.safety_sentence()])
    d.t("Thanks,\n").p(L.gp).t("\n\n")
    d.t("********** PATIENT SUMMARY PRINT **********\n")
    d.t("Name        ").p(fullname(L, 1)).nl()
    d.t("Born        ").add([E("dob", fmt_date(c["dob"], "spacemon"))]).nl()
    d.t("Gender      ").p(sex_word(L, 0)).nl()
    d.t("NHS Number  ").p(nhs_fmt(c["nhs"], 1)).nl()
    d.t("Usual GP    ").p(L.gp).t("\n\nProblems\n")
    for ln in pmh_lines(L, known_style=1) or [[T("(none)")]]:
        d.t("  ").add(ln).nl()
    d.t("\nCurrent Medication\n")
    for ln in meds_lines(L) or [[T("(none)")]]:
        d.t("  ").add(ln).nl()
    d.t("\nAllergies  " + c["allergy"] + "\n")
    res = results_table(L, width=26, ref_style="none", indent="  ")
    if res:
        d.t("\nValues\n")
        for ln in res:
            d.add(ln).nl()
    fh = fh_block(L)
    if fh:
        d.t("\nFamily history  ").add(fh).nl()
    d.t("Lifestyle  " + social_text(L) + "\n")
    return d


def tpl_s1_brookside(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t(name + "\n" + addr + "\nTel ").p(phone(r)).t("\n\n")
    d.t("Patient Details\n")
    d.t("Name: ").p("%s %s %s" % (c["title"], c["first"], c["last"].upper())).t("    Born: ").add(
        [E("dob", fmt_date(c["dob"], "spacemon"))]).t(" (").add([E("age_stated", "%d y" % c["age"])]).t(")\n")
    d.t("Gender: ").p(sex_word(L, 0)).t("    NHS Number: ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.t("Address: ").p("%s, %s" % (c["addr"], c["postcode"])).t("\n\n")
    d.add([date_part(L, "Letter date: ", "spacemon")]).t("\n\nReason for Referral\n")
    d.t("Priority: ").add([prio_field(L)]).nl()
    para(d, body_core(L, "c"))
    para(d, exam_sentences(L) + [request_sentence(L), L.safety_sentence()])
    d.t("Active Problems\n")
    for ln in pmh_lines(L, known_style=1) or [[T("No active problems")]]:
        d.t("  - ").add(ln).nl()
    d.t("\nCurrent Repeat Medication\n")
    ml = meds_lines(L)
    for ln in ml:
        d.t("  - ").add(ln).t("   Last issued: ").p(fmt_date(c["ldate"] - dt.timedelta(days=r.randint(3, 40)), "spacemon")).nl()
    if not ml:
        d.t("  - None\n")
    d.t("\nAllergies & Sensitivities\n  " + c["allergy"] + "\n")
    items = results(L)
    if items:
        d.t("\nRecent Test Results\n")
        rd = c["ldate"] - dt.timedelta(days=r.randint(3, 21))
        d.t("  Blood/stool tests (").p(fmt_date(rd, "spacemon")).t("):\n")
        for ln in results_table(L, items, width=30, ref_style="paren", indent="    "):
            d.add(ln).nl()
    fh = fh_block(L)
    if fh:
        d.t("\nFamily History\n  ").add(fh).nl()
    d.t("\nSocial\n  " + social_text(L) + "\n\n")
    d.t("Signed: ").p(L.gp).t("\n(This letter was generated by SystmOne)\n")
    return d


def tpl_s1_westgate(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("%s (%s)\nREFERRAL - GASTROENTEROLOGY\n\n" % (name, code))
    d.t("Patient: ").p(fullname(L, 1)).nl()
    d.add([dob_part(L, "Born ", "long")]).t(", ").p(sex_word(L, 2)).t(", NHS No. ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.add([date_part(L, "Printed ", "long")]).t(" by ").p(L.gp).nl()
    d.t("Requested priority: ").add([prio_field(L)]).t("\n\n")
    d.t("Covering note: ").add(request_sentence(L)).t(" Journal entries follow.\n\n")
    d.t("Journal extract\n---------------\n")
    pd = c["ldate"] - dt.timedelta(days=r.randint(14, 35))
    if L.f["ppi"] is not None or c["bn"]:
        pd = c["ldate"]
    core = body_core(L, "a")
    d.p(fmt_date(pd, "spacemon")).t(" %02d:%02d  " % (r.randint(8, 17), r.choice([5, 15, 25, 35, 45]))).p(L.gp).nl()
    d.t("  History: ")
    add_sentences(d, core)
    d.nl()
    ex = exam_sentences(L, "a")
    if ex:
        d.t("  Examination: ")
        add_sentences(d, ex)
        d.nl()
    items = results(L)
    if items:
        d.p(fmt_date(c["ldate"], "spacemon")).t(" %02d:%02d  Results filed\n" % (r.randint(8, 17), r.choice([0, 30])))
        d.t("  ").add(results_inline(L, items, sep="  |  ")).nl()
    d.p(fmt_date(c["ldate"], "spacemon")).t("  Plan: referred to gastroenterology. ")
    sn = L.safety_sentence()
    if sn:
        d.add(sn)
    d.t("\n\nProblems: ")
    pl = pmh_lines(L)
    for j, ln in enumerate(pl):
        if j:
            d.t(" / ")
        d.add(ln)
    if not pl:
        d.t("none")
    d.t("\nMedication: ")
    ml = meds_lines(L)
    for j, ln in enumerate(ml):
        if j:
            d.t(" / ")
        d.add(ln)
    if not ml:
        d.t("none")
    d.t("\nAllergies: " + c["allergy"] + "\n")
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    return d


def tpl_s1_ashby(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("%s\n%s\n\n" % (name, addr))
    d.t("KEY INFORMATION\n")
    d.t("Patient name ........ ").p(fullname(L, 0)).nl()
    d.t("Date of birth ....... ").add([E("dob", fmt_date(c["dob"], "long"))]).nl()
    d.t("Sex ................. ").p(sex_word(L, 0)).nl()
    d.t("NHS number .......... ").p(nhs_fmt(c["nhs"], 2)).nl()
    d.t("Date of letter ...... ").add([E("letter_date", fmt_date(c["ldate"], "long"))]).nl()
    d.t("Priority ............ ").add([prio_field(L)]).t("\n\n")
    d.t("Dear Doctor,\n\n")
    d.t("1. ")
    add_sentences(d, [[T("I am writing about this "), age_part(L), T(" " + L.pr["man"] + ".")]] + hpc_block(L, "c"))
    d.t("\n\n2. ")
    rest = L.neg_sentences()
    fp = L.fit_pending_sentence()
    if fp:
        rest.append(fp)
    rest += exam_sentences(L)
    if not add_sentences(d, rest):
        d.t("Nothing further of note on examination.")
    d.t("\n\n3. Investigations: ")
    res = results_inline(L)
    if res:
        d.add(res).t(".")
    else:
        d.t("none yet.")
    d.t("\n\n4. ").add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\nBackground: ")
    pl = pmh_lines(L)
    for j, ln in enumerate(pl):
        if j:
            d.t(", ")
        d.add(ln)
    if not pl:
        d.t("nil of note")
    d.t(". Medication: ")
    ml = meds_lines(L)
    for j, ln in enumerate(ml):
        if j:
            d.t(", ")
        d.add(ln)
    if not ml:
        d.t("nil")
    d.t(". Allergies: %s." % c["allergy"])
    fh = fh_block(L)
    if fh:
        d.t(" ").add(fh)
    d.t("\n\nYours faithfully,\n\n").p(L.gp).t("\n")
    return d


def tpl_vision_riverside(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("REFERRAL LETTER                                   %s\n" % name)
    d.t(" " * 50 + addr + "\n\n")
    d.add([date_part(L, "Date: ", "slash")]).nl()
    d.t("Patient: ").p(fullname(L, 2)).nl()
    d.t("Sex: ").p(sex_word(L, 1)).t("   ").add([dob_part(L, "D.O.B.: ", "dot")]).t("   Age: ").add(
        [E("age_stated", str(c["age"]))]).nl()
    d.t("NHS No: ").p(nhs_fmt(c["nhs"], 0)).t("   Tel: ").p(c["phone"]).t("\n\n")
    d.t("Clinical Summary\n----------------\n")
    d.t("Problems:\n")
    codes = ["(G20..)", "(C10F.)", "(H33..)", "(E2B..)", "(N05..)", "(C04..)", "(1371.)"]
    for j, ln in enumerate(pmh_lines(L)):
        d.t("  ").add(ln).t("  " + codes[j % len(codes)]).nl()
    d.t("Acute/Repeat medication:\n")
    for ln in meds_lines(L) or [[T("none")]]:
        d.t("  R  ").add(ln).nl()
    d.t("Allergies: " + c["allergy"] + "\n\n")
    d.t("Referral details\n----------------\n")
    d.t("Urgency: ").add([prio_field(L)]).nl()
    para(d, body_core(L, r.choice(["c", "l"])))
    para(d, exam_sentences(L))
    res = results_table(L, width=24, ref_style="paren", indent="  ")
    if res:
        d.t("Recent results:\n")
        for ln in res:
            d.add(ln).nl()
        d.nl()
    para(d, [request_sentence(L), L.safety_sentence()])
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).t("\n\n")
    d.p(L.gp).t("\n%s\n" % name)
    return d


def tpl_vision_castlegate(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("%s  -  GENERAL REFERRAL PROFORMA\n\n" % name.upper())
    d.t("Referral to:    Gastroenterology (%s)\n" % clinic_type(L))
    d.t("Urgency:        ").add([prio_field(L)]).nl()
    d.t("Date:           ").add([E("letter_date", fmt_date(c["ldate"], "dot"))]).nl()
    d.t("Patient:        ").p(fullname(L, 0)).nl()
    d.t("DOB:            ").add([E("dob", fmt_date(c["dob"], "dot"))]).nl()
    d.t("Gender:         ").p(sex_word(L, 0)).nl()
    d.t("NHS no:         ").p(nhs_fmt(c["nhs"], 1)).t("\n\n")
    d.t("Presenting problem:\n")
    para(d, body_core(L, "c"))
    d.t("Examination:\n")
    ex = exam_sentences(L)
    if not add_sentences(d, ex):
        d.t("n/a")
    d.t("\n\nInvestigations:\n")
    res = results_inline(L, cap_first=True)
    if res:
        d.add(res)
    else:
        d.t("none")
    d.t("\n\nWhat do you want from this referral?\n").add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\nPMH / Meds / Allergies:\n")
    bits = pmh_lines(L) + meds_lines(L)
    for j, ln in enumerate(bits):
        if j:
            d.t("; ")
        d.add(ln)
    if not bits:
        d.t("nil")
    d.t("; allergies: %s\n" % c["allergy"])
    fh = fh_block(L)
    if fh:
        d.t("FH: ").add(fh).nl()
    d.t("\nReferring GP: ").p(L.gp).nl()
    return d


LGI_ROWS = [
    ("rectal_bleeding", ["Rectal bleeding", "Unexplained rectal bleeding", "Rectal bleeding (any)"]),
    ("change_in_bowel_habit", ["Change in bowel habit", "Change in bowel habit (looser / more frequent)",
                               "Altered bowel habit"]),
    ("abdominal_pain", ["Abdominal pain", "Abdominal pain (lower)"]),
    ("weight_loss", ["Unexplained weight loss", "Weight loss (unintentional)"]),
    ("abdominal_mass", ["Abdominal mass", "Palpable abdominal mass"]),
    ("rectal_mass", ["Rectal mass", "Rectal mass on PR"]),
    ("anal_mass", ["Anal mass"]),
    ("anal_ulceration", ["Unexplained anal ulceration", "Anal ulceration"]),
    ("ida", ["Iron deficiency anaemia", "Iron-deficiency anaemia"]),
]
UGI_ROWS = [
    ("dysphagia", ["Dysphagia", "Dysphagia (difficulty swallowing)"]),
    ("weight_loss", ["Unexplained weight loss", "Weight loss"]),
    ("upper_abdominal_pain", ["Upper abdominal pain", "Epigastric pain"]),
    ("reflux", ["Reflux", "Reflux / heartburn"]),
    ("dyspepsia", ["Dyspepsia", "Dyspepsia / indigestion"]),
    ("haematemesis", ["Haematemesis"]),
    ("jaundice", ["Jaundice"]),
    ("abdominal_mass", ["Upper abdominal mass"]),
]
EXAM_FACTS = ("abdominal_mass", "rectal_mass", "anal_mass", "anal_ulceration")


def ida_true(L):
    f = L.f
    hb = hb_gl(f)
    return (hb is not None and f["ferritin"] is not None and f["ferritin"] < 30
            and hb < (130 if L.c["sex"] == "M" else 120))


def form_rows(L, rows, conv):
    """conv(label, ticked) -> (prefix, suffix[, closing]).  returns (lines, facts covered)"""
    lines, covered = [], []
    for fact, labels in rows:
        label = L.r.choice(labels)
        val = ida_true(L) if fact == "ida" else L.f[fact]
        cv = conv(label, bool(val))
        pre, suf = cv[0], cv[1]
        close = cv[2] if len(cv) > 2 else ""
        if val:
            detail = ""
            if fact in EXAM_FACTS:
                detail = " - " + L.phrase(fact, "c")[1]
            elif fact != "ida" and L.r.random() < 0.7:
                ph = L.phrase(fact, "c", types=("np",))[1]
                if ph.lower() not in label.lower() and label.lower() not in ph.lower():
                    detail = " - " + ph
            lines.append([E(fact, pre + label + suf + detail + close)])
            covered.append(fact)
        else:
            lines.append([Dx([fact], "unticked", pre + label + suf + close)])
    return lines, covered


def form_bloods(L, sep="   "):
    items = results(L)
    byk = {it["key"]: it for it in items}
    parts = []
    for k, lab in (("hb", "Hb"), ("ferritin", "Ferritin"), ("mcv", "MCV")):
        if parts:
            parts.append(T(sep))
        if k in byk:
            parts.append(item_part(L, byk[k]))
        else:
            parts.append(T(lab + ": not done"))
    other = [it for it in items if it["key"] not in ("hb", "ferritin", "mcv", "fit")]
    return parts, other, byk.get("fit")


def form_fit(L, fit_item, label="FIT result (ug Hb/g): "):
    if fit_item is not None:
        return [E("fit", label + fit_item["tval"])]
    if L.f["fit_pending"]:
        return [Dx(["fit"], "pending", label + L.r.choice(["requested, result awaited", "kit given, awaited"]))]
    return [Dx(["fit"], "not_done", label + L.r.choice(["not done", "N/A", "not yet done"]))]


def form_free_text(L, covered):
    rest = [k for k in L.hpc_facts() if k not in covered]
    s = hpc_block(L, "c", facts=rest)
    s += L.neg_sentences()
    return s


def tpl_form_generic(L, title, org, rows_def, conv, legend, style):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    L.gp_priority = "urgent_suspected_cancer"
    d.t(title + "\n" + org + "\n")
    d.add([prio_field(L)]).t(" referral - please send within 24 hours of seeing the patient\n\n")
    if style == 0:
        d.t("PATIENT: ").p(fullname(L, 1)).t("   ").add([dob_part(L, "DOB: ", "slash")]).t("   Age: ").add(
            [E("age_stated", str(c["age"]))]).t("   Sex: ").p(sex_word(L, 1)).nl()
        d.t("NHS No: ").p(nhs_fmt(c["nhs"], 0)).t("   Tel: ").p(c["phone"]).nl()
        d.t("GP: ").p("%s, %s (%s)" % (L.gp, name, code)).t("   ").add([date_part(L, "Date of decision to refer: ", "slash")]).t("\n\n")
    elif style == 1:
        d.t("Surname: ").p(c["last"]).t("    First name: ").p(c["first"]).t("    Title: ").p(c["title"]).nl()
        d.add([dob_part(L, "Date of birth: ", "long")]).t("    Gender: ").p(sex_word(L, 0)).nl()
        d.t("NHS number: ").p(nhs_fmt(c["nhs"], 2)).t("    Postcode: ").p(c["postcode"]).nl()
        d.t("Referring GP: ").p(L.gp).t(" (%s)    " % name).add([date_part(L, "Date: ", "long")]).t("\n\n")
    else:
        d.t("| Name | ").p(fullname(L, 0)).t(" |\n| DOB | ").add([E("dob", fmt_date(c["dob"], "dashmon"))]).t(
            " |\n| Sex | ").p(sex_word(L, 0)).t(" |\n| NHS No | ").p(nhs_fmt(c["nhs"], 1)).t(" |\n| Referral date | ").add(
            [E("letter_date", fmt_date(c["ldate"], "dashmon"))]).t(" |\n| Practice | %s (%s) |\n\n" % (name, code))
    d.t(legend + "\n")
    lines, covered = form_rows(L, rows_def, conv)
    for ln in lines:
        d.add(ln).nl()
    d.nl()
    bl, other, fit_item = form_bloods(L)
    d.t("Bloods (last 3 months): ").add(bl).nl()
    if rows_def is LGI_ROWS:
        d.add(form_fit(L, fit_item)).nl()
    elif fit_item is not None:
        d.t("FIT: ").add([item_part(L, fit_item)]).nl()
    if other:
        d.t("Other results: ").add(results_inline(L, other)).nl()
    d.t("\nOther clinical information:\n")
    ft = form_free_text(L, covered) + [s for s in exam_sentences(L) if not any(
        p[0] == "e" and p[2][0] in EXAM_FACTS for p in s)]
    fp = L.fit_pending_sentence() if rows_def is not LGI_ROWS else None
    if fp:
        ft.append(fp)
    if not add_sentences(d, ft):
        d.t("None.")
    d.t("\n\nPMH: ")
    pl = pmh_lines(L)
    for j, ln in enumerate(pl):
        if j:
            d.t(", ")
        d.add(ln)
    if not pl:
        d.t("none")
    d.t("\nMedication: ")
    ml = meds_lines(L)
    for j, ln in enumerate(ml):
        if j:
            d.t(", ")
        d.add(ln)
    if not ml:
        d.t("none")
    d.t("\nAnticoagulant / antiplatelet: %s\n" % ("apixaban" if any("pixaban" in m for m in c["meds"]) else "none"))
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    d.t("WHO performance status: %d\n" % r.choice([0, 0, 1, 1, 2]))
    d.t("Patient informed that this is an urgent suspected cancer referral: Yes\n")
    d.t("Patient available for appointment/test in next 14 days: Yes\n")
    sn = L.safety_sentence()
    if sn:
        d.add(sn).nl()
    d.t("\nSigned: ").p(L.gp).nl()
    return d


def tpl_lgi_tick(L):
    return tpl_form_generic(
        L, "SUSPECTED LOWER GI CANCER REFERRAL FORM", "North Harbour Integrated Care Board - colorectal pathway",
        LGI_ROWS, lambda lab, t: ("[X] " if t else "[ ] ", ""),
        "Symptoms / signs (tick all that apply; [X] = present, [ ] = absent):", 0)


def tpl_lgi_yesno(L):
    def conv(lab, t):
        return ("", " " + "." * max(3, 44 - len(lab)) + (" YES" if t else " NO"))
    return tpl_form_generic(
        L, "Canal Street Practice - 2WW COLORECTAL REFERRAL", "To: Colorectal Straight-to-Test Service, " + TRUST,
        LGI_ROWS, conv, "Please answer YES or NO for each item:", 1)


def tpl_lgi_yntable(L):
    return tpl_form_generic(
        L, "LOWER GI URGENT SUSPECTED CANCER (USC) PROFORMA", "St Brannock's Surgery local version 3.2",
        LGI_ROWS, lambda lab, t: ("| ", " | " + ("Y" if t else "N"), " |"),
        "| Criterion | Y/N |", 2)


def tpl_lgi_present(L):
    return tpl_form_generic(
        L, "Colorectal 2WW request", "Moorview Medical Centre (for " + TRUST + ")",
        LGI_ROWS, lambda lab, t: ("", ": " + ("Present" if t else "Not present")),
        "Clinical features (record Present / Not present):", 0)


def tpl_ugi_box(L):
    return tpl_form_generic(
        L, "SUSPECTED UPPER GI CANCER - REFERRAL FORM", "Oesophago-gastric straight-to-test service, " + TRUST,
        UGI_ROWS, lambda lab, t: (("\u2612 " if t else "\u2610 "), ""),
        "Symptoms (\u2612 = yes, \u2610 = no):", 1)


def tpl_ugi_present(L):
    return tpl_form_generic(
        L, "Tannery Yard Health Centre  *  Upper GI 2WW referral", "For: Upper GI Cancer Team, " + TRUST,
        UGI_ROWS, lambda lab, t: ("", " (Y/N): " + ("Y" if t else "N")),
        "Answer each item Y or N:", 2)


def prose_pmh_meds(L):
    """one or two prose sentences on history and medication"""
    out = []
    pl = pmh_lines(L)
    if pl:
        s = [T(L.fmt(L.r.choice(["{His} past history includes ", "Past history: ", "Background includes "])))]
        for j, ln in enumerate(pl):
            if j:
                s.append(T("; " if j < len(pl) - 1 else " and "))
            s += ln
        s.append(T("."))
        out.append(s)
    ml = meds_lines(L)
    if ml:
        s = [T(L.fmt(L.r.choice(["{He} takes ", "Current medication: ", "Regular medicines are "])))]
        for j, ln in enumerate(ml):
            if j:
                s.append(T("; "))
            s += ln
        s.append(T("."))
        out.append(s)
    else:
        out.append([T(L.fmt("{He} takes no regular medication."))])
    out.append([T("Allergies: %s." % L.c["allergy"])])
    return out


def tpl_dict_formal(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    cons = r.choice(CONSULTANTS)
    initials = "".join(w[0] for w in L.gp.split()[1:])
    d.t(name + "\n" + addr + "\n\n")
    d.t("Our ref: %s/%s\n" % (initials, r.choice(["jb", "kt", "rl", "ab"])))
    d.add([date_part(L, "", "ord")]).t("\n\n")
    d.t("%s\nConsultant Gastroenterologist\n%s\n\nDear Dr %s,\n\n" % (cons, TRUST, cons.split()[-1]))
    d.t("Re: ").p(fullname(L, 0)).t(", ").add([dob_part(L, "born ", "long")]).t(", NHS number ").p(
        nhs_fmt(c["nhs"], 0)).nl()
    d.t("     ").p("%s, %s" % (c["addr"], c["postcode"])).t("\n\n")
    intro = [T(r.choice(["Thank you for seeing this pleasant ", "I would be grateful if you would see this ",
                         "Many thanks for seeing this "])), age_part(L, ["{a}-year-old", "{a} year old"]),
             T(" " + c["occupation"] + ".")]
    sents = [intro] + body_core(L, "c")
    para(d, sents)
    para(d, exam_sentences(L))
    res = results_inline(L)
    if res:
        d.t(r.choice(["Recent blood tests show ", "Investigations to date: ", "Results: "])).add(res).t(".\n\n")
    para(d, prose_pmh_meds(L))
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).t(" ")
    so = social_text(L)
    d.t("Socially: " + so + "\n\n")
    para(d, [request_sentence(L), [prio_sentence(L)], L.safety_sentence()])
    d.t("Yours sincerely,\n\n\n").p(L.gp).t("\nMBChB MRCGP\nGeneral Practitioner\n")
    return d


def tpl_dict_dnr(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("%s   Tel: " % name).p(phone(r)).t("   Fax: ").p(phone(r)).nl()
    d.t(addr + "\n\n")
    d.t("Dictated: ").add([E("letter_date", fmt_date(c["ldate"], "slash"))]).t("\n\n")
    d.t("Dear Doctor,\n\n")
    d.t("RE: ").p(fullname(L, 2).upper()).t("  ").add([dob_part(L, "D.O.B. ", "slash")]).t("  NHS NO. ").p(
        nhs_fmt(c["nhs"], 1)).nl()
    d.t("    ").p(c["addr"]).t(", ").p(c["postcode"]).t("\n\n")
    d.add([prio_sentence(L)]).t("\n\n")
    intro = [T("This "), age_part(L), T(" " + L.pr["man"] + " " + r.choice(["came to see me", "attended surgery",
                                                                         "was seen in clinic"]) + ".")]
    core = body_core(L, r.choice(["c", "l"]))
    para(d, [intro] + core)
    ex = exam_sentences(L)
    if ex:
        para(d, [[T("On examination, ")]] + ex)
    res = results_inline(L)
    if res:
        d.t("Bloods: ").add(res).t(".\n\n")
    para(d, prose_pmh_meds(L))
    d.t(social_text(L) + r.choice([" [inaudible] independent with all activities. ", " Independent. ", " "]))
    fh = fh_block(L)
    if fh:
        d.add(fh)
    d.t("\n\n")
    para(d, [request_sentence(L), L.safety_sentence()])
    d.t("Yours faithfully\n\n").p(L.gp).t("\n\nDictated but not read - to avoid delay\n")
    return d


def tpl_dict_bullets(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t(name + " * " + addr + "\n\n")
    d.add([date_part(L, "", "long")]).t("\n\nGastroenterology Department\n%s\n\n" % TRUST)
    d.t("Dear Colleague\n\n").t("Re: ").p(fullname(L, 0)).t("  ").add([dob_part(L, "DOB ", "dot")]).t("  NHS ").p(
        nhs_fmt(c["nhs"], 0)).t("\n\n")
    d.t("Problems:\n")
    n = 1
    for s in hpc_block(L, "a"):
        d.t("%d. " % n).add(s).nl()
        n += 1
    for s in L.neg_sentences():
        d.t("%d. " % n).add(s).nl()
        n += 1
    fp = L.fit_pending_sentence()
    if fp:
        d.t("%d. " % n).add(fp).nl()
    d.nl()
    intro = [T("I would be grateful if you could see this "), age_part(L), T(" " + L.pr["man"] + ".")]
    para(d, [intro, [prio_sentence(L)]])
    ex = exam_sentences(L)
    if ex:
        d.t("Examination:\n")
        for s in ex:
            d.t("- ").add(s).nl()
        d.nl()
    items = results(L)
    if items:
        d.t("Investigations:\n")
        for ln in results_table(L, items, width=20, ref_style="none", indent="- "):
            d.add(ln).nl()
        d.nl()
    d.t("Other history:\n")
    for ln in pmh_lines(L) or [[T("nil")]]:
        d.t("- ").add(ln).nl()
    d.t("Medication:\n")
    for ln in meds_lines(L) or [[T("nil")]]:
        d.t("- ").add(ln).nl()
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    d.nl()
    para(d, [request_sentence(L), L.safety_sentence()])
    d.t("Best wishes\n\n").p(L.gp).t("\nGP Partner\n")
    return d


def tpl_short_typed(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("From: ").p("%s, %s" % (L.gp, name)).t("  ").add([date_part(L, "", "slash")]).t("\n\n")
    d.t("Dear Gastro,\n\nPlease see ").p(fullname(L, 0)).t(" (").add([E("age_stated", "%d" % c["age"])]).t(", ").add(
        [dob_part(L, "DOB ", "slash")]).t(", NHS ").p(nhs_fmt(c["nhs"], 0)).t(").\n")
    sents = body_core(L, "c")
    add_sentences(d, sents)
    ex = L.exam("c")
    if ex:
        d.t(" ")
        add_sentences(d, ex)
    res = results_inline(L)
    if res:
        d.t(" Bloods/tests: ").add(res).t(".")
    d.t(" ").add([prio_sentence(L)])
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\nThanks,\n").p(L.gp).nl()
    return d


def tpl_short_terse(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    d.t("GASTRO REFERRAL - %s\n" % name)
    d.p("%s %s" % (c["first"], c["last"])).t(" (").p(c["title"]).t(") ").add([E("dob", fmt_date(c["dob"], "slash"))]).t(
        " NHS ").p(nhs_fmt(c["nhs"], 1)).t(" ").p(sex_word(L, 1)).t("  ").add([E("age_stated", "%dy" % c["age"])]).nl()
    d.add([E("letter_date", fmt_date(c["ldate"], "slash"))]).nl()
    bg = L.background_sentences()
    if bg:
        add_sentences(d, bg)
        d.t(" ")
    items = []
    ctx = context_sentence(L)
    if ctx:
        items.append(ctx)
    hp = L.hpc_terse("; ")
    if hp:
        items.append(hp)
    ps = L.ppi_text()
    if ps:
        items.append([E("ppi", ps)])
    if L.x.get("no_ppi_yet"):
        items.append([T("no PPI trial yet")])
    for p in L.neg_inline():
        items.append([p])
    for j, it in enumerate(items):
        if j:
            d.t("; ")
        d.add(it)
    fp = L.fit_pending_sentence()
    if fp:
        d.t(". ").add(fp)
    ex = L.exam("a")
    if ex:
        d.t("\nO/E: ")
        add_sentences(d, ex)
    res = results_inline(L, sep=", ")
    if res:
        d.t("\nBloods/tests: ").add(res)
    ext = extra_sentences(L)
    if ext:
        d.nl()
        add_sentences(d, ext)
    pl = pmh_lines(L)
    if pl:
        d.t("\nPMH: ")
        for j, ln in enumerate(pl):
            if j:
                d.t(", ")
            d.add(ln)
    d.t("\n").add([prio_short(L)]).t(". ")
    sn = L.safety_sentence()
    if sn:
        d.add(sn)
    d.t("\n").p(L.gp).nl()
    return d


def tpl_short_da(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    proc = {"lower": "Colonoscopy", "upper": "OGD", "liver": "Liver clinic / USS", "ibd": "Colonoscopy",
            "coeliac": "OGD + duodenal biopsies", "fh": "Colonoscopy", "general": "Clinic review"}[c["domain"]]
    d.t("DIRECT ACCESS / OPEN ACCESS REQUEST - ENDOSCOPY & GI\n%s\n\n" % TRUST)
    d.t("Requesting practice: %s (%s)   Requesting GP: " % (name, code)).p(L.gp).nl()
    d.add([date_part(L, "Date of request: ", "slash")]).nl()
    d.t("Patient: ").p(fullname(L, 2)).t("   ").add([dob_part(L, "DOB: ", "slash")]).t("   Sex: ").p(sex_word(L, 1)).nl()
    d.t("NHS: ").p(nhs_fmt(c["nhs"], 0)).t("   Phone: ").p(c["phone"]).nl()
    d.t("Procedure requested: %s\n" % proc)
    d.t("Urgency: ").add([prio_field(L)]).nl()
    d.t("Indication: ")
    bg = L.background_sentences()
    if bg:
        add_sentences(d, bg)
        d.t(" ")
    d.add(L.hpc_terse(", "))
    ps = L.ppi_text()
    if ps:
        d.t(", ").add([E("ppi", ps)])
    d.nl()
    ext = extra_sentences(L)
    if ext:
        add_sentences(d, ext)
        d.nl()
    ng = L.neg_sentences()
    fp = L.fit_pending_sentence()
    if fp:
        ng.append(fp)
    if ng:
        d.t("Relevant negatives: ")
        add_sentences(d, ng)
        d.nl()
    ex = L.exam("c")
    if ex:
        d.t("Examination: ")
        add_sentences(d, ex)
        d.nl()
    res = results_inline(L)
    d.t("Recent bloods / tests: ")
    if res:
        d.add(res)
    else:
        d.t("none")
    d.nl()
    d.t("Anticoagulants: %s   Diabetes: %s\n" % ("yes" if any("pixaban" in m for m in c["meds"]) else "no",
                                                  "yes" if "Type 2 diabetes" in c["pmh"] else "no"))
    d.t("Allergies: %s\n" % c["allergy"])
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    ml = meds_lines(L)
    if ml:
        d.t("Medication: ")
        for j, ln in enumerate(ml):
            if j:
                d.t("; ")
            d.add(ln)
        d.nl()
    pl = pmh_lines(L)
    if pl:
        d.t("PMH: ")
        for j, ln in enumerate(pl):
            if j:
                d.t("; ")
            d.add(ln)
        d.nl()
    sn = L.safety_sentence()
    if sn:
        d.add(sn).nl()
    d.t("Fit for procedure / able to take bowel prep: Yes\n")
    return d


def tpl_ag_question(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    L.gp_priority = "advice_and_guidance"
    d.t(name + "\n" + addr + "\n\n")
    d.add([date_part(L, "", "long")]).t("\n\n")
    d.add([prio_field(L)]).t(" request - not a request for an appointment\n")
    d.t("To: Gastroenterology A&G team, %s\n\n" % TRUST)
    d.t("Patient: ").p(fullname(L, 0)).t(", ").add([age_part(L, ["aged {a}", "{a} years"])]).t(", ").add(
        [dob_part(L, "DOB ", "slash")]).t(", NHS ").p(nhs_fmt(c["nhs"], 0)).t("\n\n")
    d.t("Dear colleague,\n\n").t("My question: ").add(question_parts(L)).t("\n\n")
    d.t("Background: ")
    para(d, body_core(L, "c") + exam_sentences(L))
    res = results_inline(L)
    if res:
        d.t("Results: ").add(res).t("\n\n")
    para(d, prose_pmh_meds(L))
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).t("\n\n")
    sn = L.safety_sentence()
    if sn:
        d.add(sn).t("\n\n")
    d.t("Many thanks,\n").p(L.gp).nl()
    return d


def tpl_ag_portal(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, _ = L.prac
    L.gp_priority = "advice_and_guidance"
    d.t("----- Specialist Advice portal -----\n")
    d.t("From: ").p("%s (%s, %s)" % (L.gp, name, code)).nl()
    d.t("To: Gastroenterology (%s)\n" % TRUST)
    d.add([date_part(L, "Sent: ", "dayshort")]).t(" %02d:%02d\n" % (r.randint(8, 18), r.randint(0, 59)))
    d.t("Type: ").add([prio_field(L)]).nl()
    d.t("Patient: ").p(fullname(L, 1)).t(" | ").add([E("dob", fmt_date(c["dob"], "dashmon"))]).t(" | ").p(
        nhs_fmt(c["nhs"], 1)).t(" | ").p(sex_word(L, 0)).nl()
    d.t("Subject: advice please\n\n")
    d.t("Hi team,\n\n")
    sents = [[T("This is a "), age_part(L), T(" " + L.pr["man"] + ".")]] + body_core(L, r.choice(["c", "l", "a"]))
    para(d, sents)
    ex = L.exam("c")
    if ex:
        para(d, ex)
    res = results_inline(L)
    if res:
        d.t("Tests: ").add(res).t("\n\n")
    pl = pmh_lines(L)
    if pl:
        d.t("PMH: ")
        for j, ln in enumerate(pl):
            if j:
                d.t(", ")
            d.add(ln)
        d.nl()
    ml = meds_lines(L)
    if ml:
        d.t("Meds: ")
        for j, ln in enumerate(ml):
            if j:
                d.t(", ")
            d.add(ln)
        d.nl()
    fh = fh_block(L)
    if fh:
        d.t("FH: ").add(fh).nl()
    d.nl().add(question_parts(L)).t("\n\n")
    sn = L.safety_sentence()
    if sn:
        d.add(sn).t("\n\n")
    d.t("Thanks\n").p(L.gp.split()[0] + " " + L.gp.split()[-1]).nl()
    return d


REG_GP = ["Harbour Road Surgery", "Millbrook Medical Centre", "Kestrel Bay Surgery", "Westgate Practice",
          "Riverside Surgery", "Oakfield Family Practice", "Brookside Health Centre"]


def tpl_nurse(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    nurse = r.choice(["Helen Marchbank RGN", "Joanne Pickles RGN", "Aisha Rahman RN", "Bethany Cowell RGN"])
    setting = r.choice(["an NHS Health Check", "the annual diabetes review", "a routine blood test appointment",
                        "the chronic disease clinic", "a new patient health check"])
    d.t(name + " - Nurse-led clinics\n" + addr + "\n\n")
    d.add([date_part(L, "Date: ", "slash")]).t("\n\nTo: Gastroenterology Department, %s\n\n" % TRUST)
    d.t("Re: ").p(fullname(L, 0)).t("   ").add([dob_part(L, "Date of birth: ", "slash")]).t("   NHS: ").p(
        nhs_fmt(c["nhs"], 0)).t("\n\n")
    d.t("Dear Sir/Madam,\n\n")
    intro = [T("I saw this "), age_part(L), T(" %s at %s." % (L.pr["man"], setting))]
    para(d, [intro] + body_core(L, "l"))
    res = results_inline(L)
    if res:
        d.t("Results: ").add(res).t(".\n\n")
    para(d, exam_sentences(L, "l"))
    para(d, prose_pmh_meds(L))
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).t("\n\n")
    d.t("I have discussed this with %s (GP), who is happy for me to refer. " % gps[0])
    d.add(request_sentence(L)).t(" ").add([prio_sentence(L)])
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\nKind regards,\n\n").p(nurse).t("\nPractice Nurse, %s\n" % name)
    return d


def tpl_anp(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    anp = r.choice(["Karen Oakley ANP", "Daniel Whitlock ANP", "Priya Sandhu ANP", "Marcus Eastwood ANP"])
    d.t("%s\n%s   Tel: " % (name, addr)).p(phone(r)).t("\n\n")
    d.t("REFERRAL FROM ADVANCED NURSE PRACTITIONER (minor illness / same-day clinic)\n")
    d.add([date_part(L, "Date seen: ", "spacemon")]).t("     Priority: ").add([prio_field(L)]).nl()
    d.t("Patient: ").p(fullname(L, 1)).t("   ").add([dob_part(L, "DOB ", "spacemon")]).t(" (").add(
        [E("age_stated", "%d yrs" % c["age"])]).t(")   Gender: ").p(sex_word(L, 0)).nl()
    d.t("NHS No: ").p(nhs_fmt(c["nhs"], 0)).t("\n\n")
    d.t("Presenting complaint / history:\n")
    para(d, body_core(L, r.choice(["c", "l"])))
    d.t("Examination / observations:\n")
    ex = exam_sentences(L)
    if not add_sentences(d, ex):
        d.t("Observations within normal limits.")
    d.t("\n\nInvestigations:\n")
    for ln in results_table(L, width=24, ref_style="paren", indent="  ") or [[T("  None yet")]]:
        d.add(ln).nl()
    d.t("\nBackground:\n")
    for ln in pmh_lines(L) + meds_lines(L) or [[T("Nil of note")]]:
        d.t("  - ").add(ln).nl()
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    d.t("\nImpression / request:\n").add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\n").p(anp).t("\nAdvanced Nurse Practitioner (supervising GP: %s)\n" % gps[0])
    return d


def tpl_pharmacist(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    ph = r.choice(["Tomasz Nowak MPharm IP", "Farah Iqbal MPharm", "Gareth Lomax MPharm IP"])
    reg = r.choice(REG_GP)
    d.t("%s - Clinical Pharmacy Team\n%s\n\n" % (name, addr))
    d.add([date_part(L, "", "long")]).t("\n\n")
    d.t("Re: ").p(fullname(L, 0)).t(", ").add([dob_part(L, "DOB ", "long")]).t(", NHS ").p(nhs_fmt(c["nhs"], 2)).nl()
    d.t("Registered practice: %s\n\n" % reg)
    d.t("Dear Gastroenterology team,\n\n")
    intro = [T("I am a PCN clinical pharmacist and reviewed this "), age_part(L), T(" " + L.pr["man"] + r.choice(
        ["'s medication during a structured medication review.", " in my medicines optimisation clinic.",
         " during a polypharmacy review."]))]
    para(d, [intro] + body_core(L, "c"))
    res = results_inline(L)
    if res:
        d.t("Relevant monitoring results: ").add(res).t(".\n\n")
    d.t("Current medicines:\n")
    for ln in meds_lines(L) or [[T("none")]]:
        d.t("  * ").add(ln).nl()
    pl = pmh_lines(L)
    if pl:
        d.t("Conditions: ")
        for j, ln in enumerate(pl):
            if j:
                d.t(", ")
            d.add(ln)
        d.nl()
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).nl()
    d.t("\nAfter discussion with %s, " % gps[0]).add(request_sentence(L)).t(" ").add([prio_sentence(L)])
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\nYours sincerely,\n").p(ph).t("\nClinical Pharmacist\n")
    return d


def tpl_community(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    cm = r.choice(["Lesley Varley, Community Matron", "Paul Dainton, Community Matron",
                   "Yvonne Kirkbride, District Nursing Sister"])
    reg = r.choice(REG_GP)
    d.t(name + "\nIntegrated Neighbourhood Team - " + addr + "\n\n")
    d.t("HOME VISIT REFERRAL\n")
    d.add([date_part(L, "Visit date: ", "dashmon")]).nl()
    d.t("Patient: ").p(fullname(L, 0)).t("  ").add([dob_part(L, "DOB: ", "dashmon")]).t("  Sex: ").p(
        sex_word(L, 0)).t("  NHS: ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.t("Address: ").p("%s, %s" % (c["addr"], c["postcode"])).nl()
    d.t("GP: %s (%s) - copy sent\n" % (gps[0], reg))
    d.t("Priority requested: ").add([prio_field(L)]).t("\n\n")
    intro = [T("I visited "), P(L.pr["Name"]), T(", who is "), age_part(L, ["{a}", "aged {a}"]),
             T(", at home today.")]
    para(d, [intro] + body_core(L, "l"))
    ex = exam_sentences(L, "c")
    if ex:
        para(d, [[T("On my assessment: ")]] + ex)
    res = results_inline(L)
    if res:
        d.t("Most recent bloods on the shared record: ").add(res).t(".\n\n")
    para(d, prose_pmh_meds(L))
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).t("\n\n")
    d.add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\n\n").p(cm).nl()
    return d


def tpl_utc(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    reg = r.choice(REG_GP)
    d.t("%s\nDISCHARGE SUMMARY / ONWARD REFERRAL\n\n" % name)
    d.add([date_part(L, "Attendance: ", "slash")]).t("  arrived %02d:%02d\n" % (r.randint(8, 21), r.randint(0, 59)))
    d.t("Patient: ").p(fullname(L, 1)).t("   ").add([dob_part(L, "DOB ", "slash")]).t("   ").p(sex_word(L, 0)).t(
        "   NHS ").p(nhs_fmt(c["nhs"], 0)).nl()
    d.t("Registered GP practice: %s\n" % reg)
    d.t("Seen by: ").p(r.choice(["Emergency Nurse Practitioner S. Ellery", "Dr E. Whitworth (UTC GP)",
                                 "ENP R. Garside"])).t("\n\n")
    d.t("Presenting complaint:\n")
    para(d, body_core(L, "c"))
    d.t("Findings:\n")
    ex = exam_sentences(L)
    if not add_sentences(d, ex):
        d.t("Obs stable.")
    d.t("\n\nInvestigations in UTC:\n")
    res = results_inline(L)
    if res:
        d.add(res)
    else:
        d.t("none")
    d.t("\n\nPast history: ")
    pl = pmh_lines(L)
    for j, ln in enumerate(pl):
        if j:
            d.t(", ")
        d.add(ln)
    if not pl:
        d.t("nil")
    d.t("\nMedication: ")
    ml = meds_lines(L)
    for j, ln in enumerate(ml):
        if j:
            d.t(", ")
        d.add(ln)
    if not ml:
        d.t("nil")
    fh = fh_block(L)
    if fh:
        d.t("\nFamily history: ").add(fh)
    d.t("\n\nOutcome: discharged home. Referred to gastroenterology - ").add([prio_field(L)]).t(". ")
    d.add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t("\nCopy to GP.\n")
    return d


def tpl_private(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    doc_ = r.choice(["Dr Richard Sedgwick FRCP", "Dr Anjali Tiwari MRCP"]) + ", Consultant Physician"
    d.t(name + "\n" + addr + "\nTel ").p(phone(r)).t("\n\nPRIVATE & CONFIDENTIAL\n\n")
    d.add([date_part(L, "", "ord")]).t("\n\nNHS Gastroenterology Department\n%s\n\n" % TRUST)
    d.t("Dear Colleagues,\n\n")
    d.t("Re: ").p(fullname(L, 0)).t("  ").add([dob_part(L, "(DOB ", "long")]).t(")  NHS No ").p(nhs_fmt(c["nhs"], 0)).t("\n\n")
    intro = [T("I saw this "), age_part(L), T(" " + L.pr["man"] + " privately in my general medical clinic. "
                                             "As further investigation will be under the NHS, I am writing to refer "
                                             + L.pr["him"] + " on.")]
    para(d, [intro] + body_core(L, "c"))
    para(d, exam_sentences(L))
    res = results_inline(L)
    if res:
        d.t("Tests arranged privately: ").add(res).t(".\n\n")
    para(d, prose_pmh_meds(L))
    fh = fh_block(L)
    if fh:
        d.t("Family history: ").add(fh).t("\n\n")
    para(d, [request_sentence(L), [prio_sentence(L)], L.safety_sentence()])
    d.t("Yours sincerely,\n\n").p(doc_).t("\ncc: GP (%s)\n" % r.choice(REG_GP))
    return d


def tpl_ooh(L):
    c, d, r = L.c, Doc(), L.r
    name, code, addr, gps = L.prac
    d.t("%s - Consultation Report\n" % name)
    d.t("Case ref: OOH-%06d\n" % r.randint(0, 999999))
    d.add([date_part(L, "Consultation date: ", "spacemon")]).t("  Time: %02d:%02d  Type: %s\n" % (
        r.choice([18, 19, 20, 21, 22, 8, 9]), r.randint(0, 59), r.choice(["Base visit", "Telephone then base", "Home visit"])))
    d.t("Clinician: ").p(gps[0]).t(" (OOH GP)\n")
    d.t("Patient: ").p(fullname(L, 2)).t("  ").add([dob_part(L, "DOB: ", "spacemon")]).t("  ").add(
        [E("age_stated", "Age: %d" % c["age"])]).t("  Sex: ").p(sex_word(L, 0)).nl()
    d.t("NHS: ").p(nhs_fmt(c["nhs"], 1)).t("  Registered with: %s\n\n" % r.choice(REG_GP))
    d.t("History:\n")
    para(d, body_core(L, "c"))
    d.t("Examination:\n")
    if not add_sentences(d, exam_sentences(L)):
        d.t("NAD")
    d.t("\n\n")
    res = results_inline(L)
    if res:
        d.t("Results available on shared record: ").add(res).t("\n\n")
    pl = pmh_lines(L)
    if pl:
        d.t("PMH: ")
        for j, ln in enumerate(pl):
            if j:
                d.t(", ")
            d.add(ln)
        d.nl()
    ml = meds_lines(L)
    if ml:
        d.t("DHx: ")
        for j, ln in enumerate(ml):
            if j:
                d.t(", ")
            d.add(ln)
        d.nl()
    fh = fh_block(L)
    if fh:
        d.t("FHx: ").add(fh).nl()
    d.t("\nOutcome: not requiring admission tonight. Letter to gastroenterology, priority requested: ").add(
        [prio_field(L)]).t(". ")
    d.add(request_sentence(L))
    sn = L.safety_sentence()
    if sn:
        d.t(" ").add(sn)
    d.t(" Own GP to review.\n")
    return d


# ---------------------------------------------------------------------------
# template registry and assignment
# ---------------------------------------------------------------------------
def _any(case):
    return True


LGI_OK = {"U2", "U3", "U4", "U6", "U8", "O6"}
UGI_OK = {"U1", "U5", "R3", "O1"}
AG_OK = {"O3", "A1", "A2", "A3", "O5", "O4", "O2", "D", "O6", "U4"}


def c_lgi(case):
    return case["rule"] in LGI_OK or (case["rule"] == "D" and case["domain"] == "lower")


def c_ugi(case):
    return case["rule"] in UGI_OK or (case["rule"] in ("D", "A2") and case["domain"] == "upper")


def c_ag(case):
    return case["rule"] in AG_OK or (case["rule"] == "R2" and not case["facts"]["known_cirrhosis"])


TEMPLATES = [
    # id, family, description, count, compat, fn, fixed priority
    ("ers_harbour", "e-RS export", "e-RS referral letter, field headings (Harbour Road Surgery)", 14, _any, tpl_ers_harbour),
    ("ers_millbrook", "e-RS export", "e-RS referral summary, pipe table + practice Q&A (Millbrook MC)", 13, _any, tpl_ers_millbrook),
    ("ers_quayside", "e-RS export", "e-RS referral request, free text + results table (Quayside MP)", 13, _any, tpl_ers_quayside),
    ("ers_oakfield", "e-RS export", "e-RS numbered sections with auto-populated problems/meds/results (Oakfield FP)", 12, _any, tpl_ers_oakfield),
    ("ers_ag", "advice and guidance", "e-RS Advice & Guidance request (Thornleigh Surgery)", 10, c_ag, tpl_ers_ag),
    ("emis_kestrel", "EMIS-style letter", "EMIS letter with auto-inserted problems, repeats and results (Kestrel Bay)", 15, _any, tpl_emis_kestrel),
    ("emis_fenwick", "EMIS-style letter", "EMIS covering note + pasted consultation extract (Fenwick Down)", 14, _any, tpl_emis_fenwick),
    ("emis_larkhill", "EMIS-style letter", "EMIS short letter + patient summary print (Larkhill Vale)", 12, _any, tpl_emis_larkhill),
    ("s1_brookside", "SystmOne-style letter", "SystmOne letter, patient details table and test results (Brookside HC)", 14, _any, tpl_s1_brookside),
    ("s1_westgate", "SystmOne-style letter", "SystmOne covering note + journal extract (Westgate Practice)", 13, _any, tpl_s1_westgate),
    ("s1_ashby", "SystmOne-style letter", "SystmOne key-information block + numbered paragraphs (Ashby Moor)", 11, _any, tpl_s1_ashby),
    ("vision_riverside", "Vision-style letter", "Vision referral letter with coded problems and results (Riverside)", 11, _any, tpl_vision_riverside),
    ("vision_castlegate", "Vision-style letter", "Vision general referral proforma (Castlegate MP)", 10, _any, tpl_vision_castlegate),
    ("lgi_tick", "tick-box proforma", "Lower GI USC form, [X]/[ ] ticks (Saltmarsh Lane)", 10, c_lgi, tpl_lgi_tick),
    ("lgi_yesno", "tick-box proforma", "2WW colorectal form, dotted YES/NO answers (Canal Street)", 9, c_lgi, tpl_lgi_yesno),
    ("lgi_yntable", "tick-box proforma", "Lower GI USC proforma, pipe table Y/N (St Brannock's)", 8, c_lgi, tpl_lgi_yntable),
    ("lgi_present", "tick-box proforma", "Colorectal 2WW request, Present/Not present (Moorview MC)", 5, c_lgi, tpl_lgi_present),
    ("ugi_box", "tick-box proforma", "Upper GI USC form, ballot-box ticks (Linnet Close)", 8, c_ugi, tpl_ugi_box),
    ("ugi_present", "tick-box proforma", "Upper GI 2WW referral, (Y/N) answers (Tannery Yard)", 7, c_ugi, tpl_ugi_present),
    ("dict_formal", "dictated letter", "formal dictated consultant letter (Old Vicarage Surgery)", 10, _any, tpl_dict_formal),
    ("dict_dnr", "dictated letter", "dictated-but-not-read letter with transcription artefacts (Foundry Street)", 9, _any, tpl_dict_dnr),
    ("dict_bullets", "dictated letter", "dictated letter with numbered problem list (Weavers Walk)", 8, _any, tpl_dict_bullets),
    ("short_typed", "short typed request", "short typed note (Chapel Fold Surgery)", 8, _any, tpl_short_typed),
    ("short_terse", "short typed request", "terse abbreviated request (Bridge End MP)", 7, _any, tpl_short_terse),
    ("short_da", "short typed request", "direct-access endoscopy/GI request form (Cobble Rise)", 6, _any, tpl_short_da),
    ("ag_question", "advice and guidance", "practice A&G letter, question first (Heather Way)", 9, c_ag, tpl_ag_question),
    ("ag_portal", "advice and guidance", "specialist-advice portal message (Ropewalk HC)", 8, c_ag, tpl_ag_portal),
    ("nurse", "non-GP referrer", "practice nurse letter (Willow Court Surgery)", 4,
     lambda c: c["rule"] in ("U4", "A3", "O5", "O3", "D", "A1", "O4"), tpl_nurse),
    ("anp", "non-GP referrer", "advanced nurse practitioner same-day clinic referral (Low Green MC)", 4, _any, tpl_anp),
    ("pharmacist", "non-GP referrer", "PCN clinical pharmacist letter (Harbury Cross PCN)", 4,
     lambda c: c["rule"] in ("O5", "R2", "O1", "A2", "D", "U4", "O4") and not c["facts"]["known_cirrhosis"], tpl_pharmacist),
    ("community", "non-GP referrer", "community matron / district nursing home-visit referral", 3,
     lambda c: c["rule"] in ("R2", "U6", "U7", "U4", "D", "O5", "U1"), tpl_community),
    ("utc", "non-GP referrer", "urgent treatment centre discharge summary / onward referral", 4,
     lambda c: c["rule"] in ("R3", "R1", "U7", "R2", "U1"), tpl_utc),
    ("private", "non-GP referrer", "private consultant physician letter to NHS gastroenterology", 4, _any, tpl_private),
    ("ooh", "non-GP referrer", "GP out-of-hours consultation report", 3,
     lambda c: c["rule"] in ("R3", "R1", "U7", "R2"), tpl_ooh),
]
assert sum(t[3] for t in TEMPLATES) == N_LETTERS
TPL = {t[0]: t for t in TEMPLATES}
FIXED_PRIO = {"lgi_tick": "urgent_suspected_cancer", "lgi_yesno": "urgent_suspected_cancer",
              "lgi_yntable": "urgent_suspected_cancer", "lgi_present": "urgent_suspected_cancer",
              "ugi_box": "urgent_suspected_cancer", "ugi_present": "urgent_suspected_cancer",
              "ers_ag": "advice_and_guidance", "ag_question": "advice_and_guidance",
              "ag_portal": "advice_and_guidance"}
ASSIGN_ORDER = ["ooh", "utc", "community", "pharmacist", "nurse", "ugi_box", "ugi_present", "lgi_tick", "lgi_yesno",
                "lgi_yntable", "lgi_present", "ers_ag", "ag_question", "ag_portal"]


def assign_templates(cases):
    r = R("assign")
    free = list(range(len(cases)))
    out = {}
    order = ASSIGN_ORDER + [t[0] for t in TEMPLATES if t[0] not in ASSIGN_ORDER]
    for tid in order:
        _, fam, _, n, compat, _ = TPL[tid]
        pool = [i for i in free if compat(cases[i])]
        if len(pool) < n:
            raise SystemExit("not enough cases for template %s (%d < %d)" % (tid, len(pool), n))
        if fam == "advice and guidance":
            w = [3 if RULE_LABELS[cases[i]["rule"]][0] == "advice_and_guidance" else 1 for i in pool]
        elif tid.startswith("lgi") or tid.startswith("ugi"):
            w = [3 if cases[i]["rule"].startswith("U") else 1 for i in pool]
        else:
            w = [1] * len(pool)
        chosen = []
        pool = list(pool)
        for _ in range(n):
            j = r.choices(range(len(pool)), weights=w)[0]
            chosen.append(pool.pop(j))
            w.pop(j)
        for i in chosen:
            out[i] = tid
            free.remove(i)
    assert not free
    return out


ALT_PRIO = {
    "urgent_suspected_cancer": [("urgent", 1), ("routine", 1)],
    "urgent": [("urgent_suspected_cancer", 1), ("routine", 1)],
    "routine": [("urgent_suspected_cancer", 2), ("urgent", 2), ("advice_and_guidance", 1)],
    "advice_and_guidance": [("routine", 3), ("urgent", 1)],
}


def assign_priorities(cases, tpl_of):
    r = R("priority")
    prio = {}
    forced_agree = 0
    freelist = []
    for i, c in enumerate(cases):
        urg = RULE_LABELS[c["rule"]][0]
        tid = tpl_of[i]
        if tid in FIXED_PRIO:
            prio[i] = FIXED_PRIO[tid]
            forced_agree += prio[i] == urg
        else:
            freelist.append(i)
    k = max(0, min(len(freelist), N_LETTERS // 2 - forced_agree))
    agree = set(r.sample(freelist, k))
    for i in freelist:
        urg = RULE_LABELS[cases[i]["rule"]][0]
        if i in agree:
            prio[i] = urg
        else:
            opts = ALT_PRIO[urg]
            prio[i] = r.choices([o[0] for o in opts], weights=[o[1] for o in opts])[0]
    return prio


# ---------------------------------------------------------------------------
# spelling slips and OCR damage (plain template text only)
# ---------------------------------------------------------------------------
SLIPS = [("referral", "refferal"), ("grateful", "greatful"), ("sincerely", "sincerly"), ("appreciate", "appriciate"),
         ("medication", "medicaton"), ("examination", "examiniation"), ("history", "histroy"),
         ("received", "recieved"), ("Department", "Departmnet"), ("consultation", "consultaion"),
         ("Investigations", "Investigatons"), ("patient", "pateint"), ("Gastroenterology", "Gastroentrology"),
         ("reasonably", "resonably"), ("Allergies", "Alergies"), ("examined", "examind"), ("thanks", "thnaks"),
         ("Medication", "Medicaiton"), ("discussed", "dicussed"), ("arranged", "arrangd")]


def apply_slips(parts, r):
    idx = [i for i, p in enumerate(parts) if p[0] == "t"]
    done = []
    cands = []
    for i in idx:
        for a, b in SLIPS:
            if re.search(r"\b%s\b" % re.escape(a), parts[i][1]):
                cands.append((i, a, b))
    r.shuffle(cands)
    for i, a, b in cands[: r.choice([1, 1, 2, 3])]:
        if any(x[0] == i and x[1] == a for x in done):
            continue
        parts[i][1] = re.sub(r"\b%s\b" % re.escape(a), b, parts[i][1], count=1)
        done.append((i, a, b))
    return [{"from": a, "to": b} for _, a, b in done]


def ocr_edit(s, r):
    """one OCR-style corruption inside s (never at its ends); returns new s or None"""
    ops = ["l1", "O0", "rn_m", "m_rn", "e_c", "split", "join", "h_b", "I_l", "cl_d"]
    r.shuffle(ops)
    for op in ops:
        if op == "l1":
            pos = [m.start() for m in re.finditer(r"(?<=[a-z])l(?=[a-z])", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "1" + s[p + 1:], "l->1"
        elif op == "O0":
            pos = [m.start() for m in re.finditer(r"(?<=[A-Z])O|O(?=[A-Z])", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "0" + s[p + 1:], "O->0"
        elif op == "rn_m":
            pos = [m.start() for m in re.finditer(r"rn", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "m" + s[p + 2:], "rn->m"
        elif op == "m_rn":
            pos = [m.start() for m in re.finditer(r"(?<=[a-z])m(?=[a-z])", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "rn" + s[p + 1:], "m->rn"
        elif op == "e_c":
            pos = [m.start() for m in re.finditer(r"(?<=[a-z])e(?=[a-z])", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "c" + s[p + 1:], "e->c"
        elif op == "h_b":
            pos = [m.start() for m in re.finditer(r"(?<=[a-z])h(?=[a-z])", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "b" + s[p + 1:], "h->b"
        elif op == "I_l":
            pos = [m.start() for m in re.finditer(r"\bI(?=[a-z])", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "l" + s[p + 1:], "I->l"
        elif op == "cl_d":
            pos = [m.start() for m in re.finditer(r"cl", s)]
            if pos:
                p = r.choice(pos)
                return s[:p] + "d" + s[p + 2:], "cl->d"
        elif op == "split":
            ws = [m for m in re.finditer(r"[A-Za-z]{8,}", s)]
            if ws:
                m = r.choice(ws)
                p = m.start() + r.randint(3, len(m.group()) - 3)
                return s[:p] + " " + s[p:], "split word"
        elif op == "join":
            pos = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", s)]
            pos = [p for p in pos if 0 < p < len(s) - 1]
            if pos:
                p = r.choice(pos)
                return s[:p] + s[p + 1:], "join words"
    return None


SENSITIVE = {"he", "she", "her", "his", "him", "hers", "no", "not", "nil", "none", "man", "woman", "mr", "mrs", "ms",
             "miss", "if", "never", "male", "female", "lady", "gentleman", "denies", "without", "m", "f"}


def _tokens(s):
    return re.findall(r"[A-Za-z]+", s.lower())


def apply_ocr(parts, r):
    idx = [i for i, p in enumerate(parts) if p[0] == "t" and len(p[1]) >= 12 and re.search("[a-z]{4}", p[1])]
    edits = []
    n = r.randint(3, 6)
    for _ in range(n):
        if not idx:
            break
        i = r.choice(idx)
        res = ocr_edit(parts[i][1], r)
        if res:
            before_t = set(_tokens(parts[i][1]))
            new_t = [t for t in _tokens(res[0]) if t not in before_t]
            if any(t in SENSITIVE for t in new_t):
                continue
            before = parts[i][1]
            parts[i][1] = res[0]
            edits.append({"op": res[1], "before": before, "after": res[0]})
    return edits


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
def derived(f, sex, age):
    hb = hb_gl(f)
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irond = f["ferritin"] is not None and f["ferritin"] < 30
    return {"anaemia": anaemia, "iron_deficiency": irond, "ida": anaemia and irond,
            "fit_reported": f["fit"] is not None, "fit_ge_10": f["fit"] is not None and not fit_below10(f["fit"]),
            "calprotectin_class": calpro_value_class(f["calprotectin"]),
            "treatment_resistant_dyspepsia": bool(f["dyspepsia"] and f["ppi"] and f["ppi"]["persisting"]
                                                  and f["ppi"]["days"] >= 28)}


def borderline_tags(case):
    f, tags = case["facts"], []
    if case["bn"]:
        tags.append("age_%d_birthday_near_letter_date" % case["age"])
    fit = f["fit"]
    if fit and fit["kind"] == "num" and fit["value"] in (9, 10):
        tags.append("FIT_%d" % fit["value"])
    c = f["calprotectin"]
    if c and c["kind"] == "num" and c["value"] in (99, 100, 249, 250):
        tags.append("calprotectin_%d" % c["value"])
    if f["alt"] in (39, 40, 299, 300):
        tags.append("ALT_%d" % f["alt"])
    hb = hb_gl(f)
    if hb is not None:
        thr = 130 if case["sex"] == "M" else 120
        if hb in (thr - 1, thr):
            tags.append("Hb_%s_%d_threshold_%d" % (case["sex"], hb, thr))
    if f["ferritin"] in (29, 30):
        tags.append("ferritin_%d" % f["ferritin"])
    if f["ppi"] and 20 <= f["ppi"]["days"] <= 35:
        tags.append("PPI_%d_days" % f["ppi"]["days"])
    return tags


def build_all():
    ids_used = {"names": set(), "nhs": set()}
    cases = []
    for rule in RULE_ORDER:
        for i in range(RULE_COUNTS[rule]):
            cases.append(build_case(rule, i, ids_used))
    R("order").shuffle(cases)
    tpl_of = assign_templates(cases)
    prio = assign_priorities(cases, tpl_of)
    ocr_ids = set(R("ocr-pick").sample(range(N_LETTERS), 30))
    slip_ids = set(R("slip-pick").sample(range(N_LETTERS), 75))
    letters, metas = [], []
    for i, case in enumerate(cases):
        lid = "L11-%04d" % (i + 1)
        tid = tpl_of[i]
        r = R("letter", lid)
        L = Ctx(case, lid, r)
        L.prac = PRACTICES[tid]
        L.gp = r.choice(L.prac[3])
        L.gp_priority = prio[i]
        L.prio_text = None
        doc = TPL[tid][5](L)
        assert L.gp_priority == prio[i], (lid, tid)
        parts = doc.parts
        slips = apply_slips(parts, R("slips", lid)) if i in slip_ids else []
        ocr = apply_ocr(parts, R("ocr", lid)) if i in ocr_ids else []
        text = "".join(p[1] for p in parts)
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        urg, path = RULE_LABELS[case["rule"]]
        f = case["facts"]
        ev, dx = [], []
        for p in parts:
            if p[0] == "e":
                if p[1] not in text:
                    raise SystemExit("evidence lost %s %r" % (lid, p[1]))
                ev.append({"facts": p[2], "text": p[1]})
            elif p[0] == "d":
                dx.append({"facts": p[2]["facts"], "kind": p[2]["kind"], "text": p[1]})
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": case["rule"],
                        "style": tid, "gp_priority": prio[i], "age": case["age"]})
        facts_out = {k: f[k] for k in BOOL_FACTS}
        facts_out.update({
            "hb_g_per_l": hb_gl(f), "hb_unit_written": None if f["hb"] is None else f["hb"]["unit"],
            "ferritin_ug_per_l": f["ferritin"], "fit": f["fit"], "fit_requested_no_result": f["fit_pending"],
            "calprotectin": f["calprotectin"], "alt_u_per_l": f["alt"],
            "ppi_trial": None if f["ppi"] is None else {"days": f["ppi"]["days"], "written_as": f["ppi"]["style"],
                                                        "symptoms_persisting": f["ppi"]["persisting"]},
        })
        metas.append({
            "id": lid, "rule": case["rule"], "urgency": urg, "pathway": path, "style": tid,
            "template_family": TPL[tid][1], "scenario_variant": case["variant"],
            "sex": case["sex"], "dob": case["dob"].isoformat(), "letter_date": case["ldate"].isoformat(),
            "age": case["age"], "birthday_near_letter_date": case["bn"], "domain": case["domain"],
            "facts": facts_out, "derived": derived(f, case["sex"], case["age"]),
            "evidence": ev, "distractors": dx,
            "gp_priority": prio[i], "gp_priority_text": L.prio_text,
            "gp_priority_agrees": prio[i] == urg,
            "borderline": borderline_tags(case),
            "patient": {"title": case["title"], "first": case["first"], "last": case["last"],
                        "nhs_number": case["nhs"], "postcode": case["postcode"], "phone": case["phone"]},
            "referrer_org": L.prac[0], "practice_code": L.prac[1],
            "spelling_slips": slips, "ocr_damage": ocr,
        })
    return letters, metas


def main():
    letters, metas = build_all()
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for x in letters:
            fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for x in metas:
            fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    print("wrote %d letters" % len(letters))


if __name__ == "__main__":
    main()
