#!/usr/bin/env python3
"""Generator for sealed test set 8: GP gastroenterology referral letters.

Deterministic: every random choice comes from random.Random seeded with a string.
Writes letters.jsonl and letters_meta.jsonl next to this file.
Labels follow /work/shared/clinical/referral-triage-spec.md (rules U, R, O, A, D; first match).
"""
import json
import os
import random
import datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
N = 340

# ----------------------------------------------------------------------------- plan
# target counts per rule (sum 340): USC 113, urgent 47, routine 112, A&G 68
PLAN = {
    "U1": 15, "U2": 12, "U3": 17, "U4": 16, "U5": 13, "U6": 10, "U7": 12, "U8": 18,
    "R1": 17, "R2": 15, "R3": 15,
    "O1": 16, "O2": 16, "O4": 16, "O5": 18, "O6": 24, "D": 22,
    "O3": 16, "A1": 20, "A2": 18, "A3": 14,
}
assert sum(PLAN.values()) == N

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

FACT_KEYS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "fit", "hb", "ferritin",
             "weight_loss", "upper_abdo_pain", "reflux", "dyspepsia", "abdo_pain", "abdo_mass",
             "jaundice", "rectal_bleeding", "cibh", "bloody_diarrhoea", "calprotectin",
             "cirrhosis", "ascites", "confusion", "alt", "haematemesis", "ppi_weeks",
             "known_ibd", "ibd_stable_question", "ttg_raised", "fatty_liver", "bloating", "fh_crc"]


def blank_facts():
    f = {k: False for k in FACT_KEYS}
    for k in ("fit", "hb", "ferritin", "calprotectin", "alt", "ppi_weeks", "known_ibd"):
        f[k] = None
    return f


# ----------------------------------------------------------------------------- rule engine
def decide(f, age, sex):
    """Return the deciding rule id for facts f (the generator's own implementation)."""
    fit = f["fit"]
    anaemia = f["hb"] is not None and f["hb"] < (130 if sex == "M" else 120)
    irondef = f["ferritin"] is not None and f["ferritin"] < 30
    calp = f["calprotectin"]
    alt = f["alt"]
    pain = f["abdo_pain"] or f["upper_abdo_pain"]
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (f["upper_abdo_pain"] or f["reflux"] or f["dyspepsia"]):
        return "U5"
    if f["abdo_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and f["rectal_bleeding"]) or (age >= 40 and f["weight_loss"] and pain)
                        or (age >= 60 and f["cibh"])):
        return "U8"
    if f["bloody_diarrhoea"] or (calp is not None and calp >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and f["dyspepsia"] and (f["ppi_weeks"] or 0) >= 4:
        return "O1"
    if calp is not None and 100 <= calp <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    other = (f["rectal_bleeding"] or f["weight_loss"] or anaemia or irondef or f["jaundice"]
             or f["dyspepsia"] or f["reflux"] or f["cirrhosis"] or f["known_ibd"] or f["haematemesis"])
    if (age < 50 and (pain or f["bloating"] or f["cibh"])
            and ((calp is not None and calp < 100) or (fit is not None and fit < 10)) and not other):
        return "A1"
    if (f["rectal_bleeding"] or f["cibh"] or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (f["dyspepsia"] or f["reflux"]):
        return "A2"
    symptoms = (pain or f["bloating"] or f["cibh"] or f["rectal_bleeding"] or f["weight_loss"]
                or f["dyspepsia"] or f["reflux"] or f["jaundice"] or f["haematemesis"]
                or f["bloody_diarrhoea"])
    if f["fh_crc"] and not symptoms:
        return "A3"
    return "D"


# ----------------------------------------------------------------------------- identity
FIRST_M = ["Alan", "Bernard", "Callum", "Derek", "Eamon", "Faisal", "Gareth", "Howard", "Ivor", "Jasper",
           "Kieran", "Lionel", "Mervyn", "Nigel", "Oswin", "Piotr", "Rajesh", "Stellan", "Tobias", "Wilfred",
           "Yusuf", "Clive", "Desmond", "Rory", "Hamish", "Osian", "Dylan", "Kofi", "Leon", "Barnaby"]
FIRST_F = ["Agnes", "Brenda", "Carys", "Delyth", "Eunice", "Fenella", "Gwyneth", "Hazel", "Imelda", "Jocasta",
           "Kerensa", "Lorna", "Morwenna", "Noreen", "Ottilie", "Pamela", "Rosalind", "Shona", "Tamsin", "Ursula",
           "Verity", "Winifred", "Zainab", "Aoife", "Bethan", "Priya", "Marisol", "Elspeth", "Ffion", "Kezia"]
LAST = ["Ashdown", "Brackley", "Culvercombe", "Dunmore", "Elwick", "Fairlow", "Gorringe", "Hathersage",
        "Illingworth", "Jessop", "Kettleby", "Loxley", "Marwood", "Nettlefold", "Ormerod", "Pennycook",
        "Quarrendon", "Rushworth", "Saltmarsh", "Thackeray", "Underhill", "Varley", "Wetherall", "Yardley",
        "Abernethy", "Birtwistle", "Cadwallader", "Drinkwater", "Entwhistle", "Fothergill", "Greenhalgh",
        "Hollingsworth", "Inchbald", "Kilbride", "Lumsden", "Mottram", "Ogunleye", "Pritchard-Evans",
        "Ravensworth", "Stobart", "Tregenza", "Wainwright", "Zielinski", "Okonkwo", "Mehta-Lowe"]
PRACTICES = [
    ("Fernbrook Medical Centre", "14 Quarry Lane, Lowmarsh, LM4 7QX", "Y99031"),
    ("Hollins Vale Surgery", "The Old Tannery, Hollins Vale, HV2 9RD", "Y99118"),
    ("Castlegate Health Partnership", "2-6 Castlegate, Brackenford, BF1 3ZA", "Y99204"),
    ("Saltings Family Practice", "Unit 3, Saltings Parade, Merecombe, MC7 1LT", "Y99276"),
    ("Thornleigh Road Surgery", "88 Thornleigh Road, Cadmouth, CD3 4PN", "Y99350"),
    ("Kestrel Health Centre", "Kestrel Way, Upper Ashby, UA5 2WW", "Y99412"),
    ("Millrace Practice", "1 Millrace Yard, Sedgecombe, SG9 8HJ", "Y99587"),
    ("Bishops Dyke Medical Group", "Bishops Dyke, Norhallow, NH6 6EF", "Y99633"),
]
STREETS = ["Larch Close", "Ferry Road", "Pendle View", "Orchard Rise", "Gull Street", "Tannery Row", "Heron Walk",
           "Sycamore Drive", "Chapel Fold", "Wharf Terrace", "Beacon Hill", "Nursery Lane"]
TOWNS = [("Lowmarsh", "LM4"), ("Hollins Vale", "HV2"), ("Brackenford", "BF1"), ("Merecombe", "MC7"),
         ("Cadmouth", "CD3"), ("Upper Ashby", "UA5")]
GPS = ["Dr A. Fenwick", "Dr R. Okafor", "Dr S. Lindqvist", "Dr H. Marchetti", "Dr P. Cheung", "Dr E. Hargreaves",
       "Dr J. Tennant", "Dr M. Oduya", "Dr C. Boscawen", "Dr L. Varga"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def nhs_number(rng):
    while True:
        d = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        d.append(c)
        return "".join(map(str, d))


def fmt_nhs(rng, n):
    return rng.choice([n, f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}"])


def ordinal(n):
    return str(n) + ("th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def fmt_date(rng, d, style=None):
    style = style if style is not None else rng.randrange(6)
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return d.strftime("%d.%m.%y")
    if style == 2:
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == 3:
        return f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"
    if style == 4:
        return d.strftime("%d-%b-%Y").upper()
    return f"{d.day}/{d.month}/{d.year}"


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ----------------------------------------------------------------------------- fact sampling
def sample_age(rng, lo, hi):
    return rng.randint(lo, hi)


def pick_fit_low(rng):
    return rng.choice([("<4", 0), ("< 4", 0), ("undetectable", 0), ("negative", 0), ("2", 2),
                       ("6", 6), ("8", 8), ("3.2", 3), ("9", 9), ("<10", 0)])


def pick_fit_high(rng):
    v = rng.choice([10, 12, 14, 19, 27, 38, 45, 68, 112, 150, 212, 400])
    return (str(v) if v < 400 else ">400", v)


def core_facts(rng, rule, sex):
    """Return (facts, age, extras-allowed) for a target rule."""
    f = blank_facts()
    f["_fit_text"] = None
    if rule == "U1":
        age = sample_age(rng, 28, 88)
        f["dysphagia"] = True
        if rng.random() < 0.5:
            f["weight_loss"] = True
        if rng.random() < 0.4:
            f["reflux"] = True
    elif rule == "U2":
        age = sample_age(rng, 35, 86)
        which = rng.choice(["rectal_mass", "anal_mass", "anal_ulcer"])
        f[which] = True
        if rng.random() < 0.6:
            f["rectal_bleeding"] = True
    elif rule == "U3":
        age = sample_age(rng, 32, 85)
        t, v = pick_fit_high(rng)
        f["fit"] = v
        f["_fit_text"] = t
        for k in rng.sample(["rectal_bleeding", "cibh", "abdo_pain", "bloating"], rng.randint(1, 2)):
            f[k] = True
    elif rule == "U4":
        age = sample_age(rng, 24, 89)
        f["hb"] = rng.randint(78, 128 if sex == "M" else 118)
        f["ferritin"] = rng.choice([3, 5, 6, 8, 9, 11, 14, 17, 22, 27])
        if rng.random() < 0.4:
            f["cibh"] = True
    elif rule == "U5":
        age = sample_age(rng, 55, 88)
        f["weight_loss"] = True
        for k in rng.sample(["upper_abdo_pain", "reflux", "dyspepsia"], rng.randint(1, 2)):
            f[k] = True
    elif rule == "U6":
        age = sample_age(rng, 30, 87)
        f["abdo_mass"] = True
        if rng.random() < 0.5:
            f["abdo_pain"] = True
    elif rule == "U7":
        age = sample_age(rng, 40, 88)
        f["jaundice"] = True
        if rng.random() < 0.4:
            f["weight_loss"] = True
    elif rule == "U8":
        sub = rng.choice(["rb", "wlpain", "cibh"])
        if sub == "rb":
            age = sample_age(rng, 50, 86)
            f["rectal_bleeding"] = True
        elif sub == "wlpain":
            age = sample_age(rng, 40, 54)
            f["weight_loss"] = True
            f["abdo_pain"] = True
        else:
            age = sample_age(rng, 60, 90)
            f["cibh"] = True
    elif rule == "R1":
        age = sample_age(rng, 18, 75)
        if rng.random() < 0.55:
            f["bloody_diarrhoea"] = True
            if rng.random() < 0.4:
                f["calprotectin"] = rng.choice([310, 560, 890, 1200, 1800])
        else:
            f["calprotectin"] = rng.choice([250, 268, 340, 420, 560, 745, 980, 1450])
            f["cibh"] = True
            if age >= 60:
                f["fit"] = 0
                f["_fit_text"] = rng.choice(["<4", "negative"])
    elif rule == "R2":
        age = sample_age(rng, 28, 82)
        if rng.random() < 0.5:
            f["cirrhosis"] = True
            f[rng.choice(["ascites", "confusion"])] = True
        else:
            f["alt"] = rng.choice([300, 340, 412, 523, 780, 1150])
    elif rule == "R3":
        age = sample_age(rng, 19, 84)
        f["haematemesis"] = True
        if rng.random() < 0.4:
            f["dyspepsia"] = True
    elif rule == "O1":
        age = sample_age(rng, 55, 86)
        f["dyspepsia"] = True
        f["ppi_weeks"] = rng.choice([4, 6, 8, 12, 16, 26])
    elif rule == "O2":
        age = sample_age(rng, 18, 70)
        f["calprotectin"] = rng.choice([100, 112, 135, 160, 188, 210, 236, 249])
        f[rng.choice(["cibh", "abdo_pain"])] = True
        if age >= 60 or rng.random() < 0.3:
            t, v = pick_fit_low(rng)
            f["fit"], f["_fit_text"] = v, t
    elif rule == "O3":
        age = sample_age(rng, 19, 78)
        f["known_ibd"] = rng.choice(["UC", "Crohn's"])
        f["ibd_stable_question"] = True
    elif rule == "O4":
        age = sample_age(rng, 17, 72)
        f["ttg_raised"] = True
        if rng.random() < 0.5:
            f["bloating"] = True
    elif rule == "O5":
        age = sample_age(rng, 24, 80)
        if rng.random() < 0.6:
            f["alt"] = rng.choice([41, 48, 56, 67, 88, 96, 124, 150, 188, 245, 299])
        if f["alt"] is None or rng.random() < 0.4:
            f["fatty_liver"] = True
    elif rule == "A1":
        age = sample_age(rng, 18, 49)
        for k in rng.sample(["abdo_pain", "bloating", "cibh"], rng.randint(1, 2)):
            f[k] = True
        if rng.random() < 0.5:
            f["calprotectin"] = rng.choice([12, 20, 34, 48, 55, 71, 88, 99])
        if f["calprotectin"] is None or rng.random() < 0.3:
            t, v = pick_fit_low(rng)
            f["fit"], f["_fit_text"] = v, t
    elif rule == "O6":
        age = sample_age(rng, 25, 88)
        if age < 50:
            f["rectal_bleeding"] = True
        else:
            for k in rng.sample(["rectal_bleeding", "cibh", "abdo_pain"], rng.randint(1, 2)):
                f[k] = True
        t, v = pick_fit_low(rng)
        f["fit"], f["_fit_text"] = v, t
    elif rule == "A2":
        age = sample_age(rng, 18, 54)
        for k in rng.sample(["dyspepsia", "reflux"], rng.randint(1, 2)):
            f[k] = True
        if rng.random() < 0.4:
            f["ppi_weeks"] = rng.choice([4, 8, 12])
    elif rule == "A3":
        age = sample_age(rng, 25, 65)
        f["fh_crc"] = True
    elif rule == "D":
        sub = rng.choice(["rb_young", "cibh_50s", "bloat_old", "irondef_only", "anaemia_only",
                          "jaundice_young", "dysp_old_noppi", "wl_pain_young", "bloat_only"])
        f["_dsub"] = sub
        if sub == "rb_young":
            age = sample_age(rng, 20, 49)
            f["rectal_bleeding"] = True
        elif sub == "cibh_50s":
            age = sample_age(rng, 50, 59)
            f["cibh"] = True
        elif sub == "bloat_old":
            age = sample_age(rng, 50, 80)
            f["bloating"] = True
            t, v = pick_fit_low(rng)
            f["fit"], f["_fit_text"] = v, t
        elif sub == "irondef_only":
            age = sample_age(rng, 20, 80)
            f["hb"] = rng.randint(132, 150) if sex == "M" else rng.randint(121, 140)
            f["ferritin"] = rng.choice([7, 12, 18, 24])
        elif sub == "anaemia_only":
            age = sample_age(rng, 30, 85)
            f["hb"] = rng.randint(95, 125) if sex == "M" else rng.randint(92, 116)
            f["ferritin"] = rng.choice([64, 110, 240, 380])
        elif sub == "jaundice_young":
            age = sample_age(rng, 18, 38)
            f["jaundice"] = True
        elif sub == "dysp_old_noppi":
            age = sample_age(rng, 55, 84)
            f["dyspepsia"] = True
            f["ppi_weeks"] = rng.choice([None, 1, 2, 3])
        elif sub == "wl_pain_young":
            age = sample_age(rng, 22, 39)
            f["weight_loss"] = True
            f["abdo_pain"] = True
        else:
            age = sample_age(rng, 50, 79)
            f["bloating"] = True
    else:
        raise ValueError(rule)
    return f, age


def add_background(rng, f, sex, rule):
    """Add normal results and harmless extras; caller re-checks the decision."""
    if f["hb"] is None and rng.random() < 0.5:
        f["hb"] = rng.randint(134, 162) if sex == "M" else rng.randint(122, 148)
    if f["ferritin"] is None and f["hb"] is not None and rng.random() < 0.5:
        f["ferritin"] = rng.choice([34, 45, 62, 88, 140, 210])
    if f["alt"] is None and not f["fatty_liver"] and rng.random() < 0.4:
        f["alt"] = rng.choice([14, 19, 22, 27, 31, 36])
    if rng.random() < 0.12 and rule not in ("A3",):
        f["fh_crc"] = True
    extra_pool = ["bloating", "reflux", "abdo_pain", "fatty_liver", "cibh", "weight_loss"]
    if rule in ("O3", "A3"):
        return  # stable IBD / asymptomatic FH letters: no added symptoms (second-pass fix, see README)
    if rng.random() < 0.3:
        k = rng.choice(extra_pool)
        if not f[k]:
            f[k] = True
            f.setdefault("_extra", []).append(k)


# ----------------------------------------------------------------------------- phrase banks
def P(rng, key, f, age, sex):
    he = "he" if sex == "M" else "she"
    his = "his" if sex == "M" else "her"
    He = he.capitalize()
    dur = rng.choice(["x3/12", "3/12", "6/52", "x8/52", "for 2 months", "since Christmas", "x4/12", "over 10 weeks"])
    bank = {
        "dysphagia": [f"c/o dysphagia to solids {dur}", "food sticking behind the sternum, worse with bread and meat",
                      f"\"the food gets stuck half way down\" - {dur}", "progressive difficulty swallowing, now solids and tablets",
                      f"Dysphagia ++ {dur}, points to lower sternum", f"{He} has noticed food sticking when {he} swallows ({dur})",
                      "swallowing difficulty - has to wash food down with water"],
        "rectal_mass": ["PR: hard irregular mass palpable at fingertip, ?rectal ca",
                        "O/E PR - firm craggy mass approx 6cm from anal verge", "rectal mass felt on PR exam today"],
        "anal_mass": ["O/E hard lump at anal margin, not typical of a haemorrhoid", "anal mass on examination, firm, non-tender",
                      "firm irregular anal canal mass noted on inspection"],
        "anal_ulcer": ["non-healing ulcer at anal margin, unexplained (not a fissure)",
                       "unexplained anal ulceration 1.5cm, present 6/52, not healing",
                       "O/E ulcerated area at anal verge, no obvious cause"],
        "weight_loss": [f"wt loss ++ (approx 6kg in 3/12, not trying)", "unintentional weight loss of about a stone",
                        f"\"my clothes are hanging off me\" - weighed today, down 5kg since Jan, not dieting",
                        "unexplained wt loss 4kg", f"has lost weight without trying ({rng.choice(['7', '4.5', '9'])}kg)",
                        "weight down from 82kg to 74kg, unexplained"],
        "upper_abdo_pain": ["epigastric pain", "upper abdominal pain, gnawing", "pain under the ribs in the middle, after food",
                            "epigastric discomfort ++"],
        "reflux": ["reflux symptoms", "heartburn ++", "acid brash and heartburn most nights", "GORD type symptoms"],
        "dyspepsia": ["dyspepsia", "indigestion", "dyspeptic symptoms", "persistent indigestion"],
        "abdo_pain": ["abdominal pain", "lower abdo pain", "crampy tummy pain", "LIF pain, intermittent",
                      "central abdominal pain on and off"],
        "abdo_mass": ["O/E palpable mass RIF, approx 5cm", "firm mass in the L flank on palpation",
                      "O/E ?mass LUQ - definite fullness, irregular edge", "palpable abdominal mass R side, non-pulsatile"],
        "jaundice": ["painless jaundice", "jaundiced - yellow sclerae", f"{his} {'wife' if sex == 'M' else 'husband'} noticed {his} eyes had gone yellow; O/E jaundiced",
                     "visibly jaundiced today", "new jaundice, dark urine, pale stools"],
        "rectal_bleeding": ["PR bleed", "BRPR", "fresh blood on paper and mixed in with the stool",
                            "bleeding from back passage", "rectal bleeding, dark red", "PR bleeding on and off"],
        "cibh": [f"CIBH to looser stools {dur}", "change in bowel habit - more frequent and looser",
                 "bowels have gone loose since the new year, 3-4x/day", f"altered bowel habit {dur} (looser, urgency)",
                 "CIBH - alternating constipation and loose"],
        "bloody_diarrhoea": ["bloody diarrhoea 6-8x/day", "diarrhoea with blood mixed in x3/52", "loose stools with blood ++, up to 10/day",
                             "\"it's just blood and mucus most of the time\" - bloody diarrhoea for 2/52"],
        "haematemesis": ["haematemesis x2 (small volume, fresh blood), obs stable", "vomited fresh blood twice last week",
                         "an episode of haematemesis on Sunday, approx a tablespoon, haemodynamically stable",
                         "\"there was blood in the sick\" - fresh red blood in vomit x2"],
        "bloating": ["bloating ++", "abdominal bloating", "bloated by the evening", "distension / bloating"],
        "fatty_liver": ["USS abdo: fatty liver", "hepatic steatosis on ultrasound", "US: echobright liver c/w fatty infiltration"],
        "cirrhosis": ["known alcohol-related cirrhosis", "known cirrhosis (MASLD)", "known cirrhosis (Child A previously)"],
        "ascites": ["now clinically ascitic, shifting dullness", "new ascites on USS", "tense abdominal distension - ascites"],
        "confusion": ["family report new confusion and day-night reversal", "new confusion noted by his daughter" if sex == "M" else "new confusion noted by her daughter",
                      "increasingly confused over the last week"],
        "ttg_raised": ["TTG raised", "coeliac serology positive", "tTG-IgA positive"],
    }
    return rng.choice(bank[key])


def ibd_question(rng, f, age=40, sex="F"):
    kind = f["known_ibd"]
    if kind == "UC":
        base = rng.choice(["UC (dx 2016), in remission on mesalazine 2.4g od, well, no flares 3 yrs",
                           "Ulcerative colitis - stable on Octasa 1.6g bd, formed stools, no blood",
                           "UC dx 2019, quiescent, last colonoscopy 2023 normal mucosa"])
    else:
        base = rng.choice(["Crohn's (ileal, dx 2014) - stable on azathioprine 100mg, no symptoms",
                           "Crohn's disease, in remission on adalimumab, bowels normal",
                           "Crohn's dx 2011, stable, last flare 2018"])
    qs = ["Q: she is planning a pregnancy - should she continue her current treatment?"] if (sex == "F" and age < 42) else []
    q = rng.choice(qs + [
                    "Question: can the dose be reduced now he has been well for years?",
                    "Could you advise on whether surveillance colonoscopy is due?",
                    "Advice please re: shingles vaccine while on this treatment.",
                    "Q - needs bloods monitoring frequency confirmed (shared care).",
                    "Would you advise stopping treatment given long remission?"])
    return base, q


# ----------------------------------------------------------------------------- results
def results_for(rng, f, sex, letter_date):
    rows = []  # (name, value_str, unit, ref, flag, date, old, key, numeric)
    recent = letter_date - dt.timedelta(days=rng.randint(3, 40))
    if f["hb"] is not None:
        v = f["hb"]
        lo = 130 if sex == "M" else 120
        flag = "L" if v < lo else ""
        if rng.random() < 0.3:
            rows.append(("Haemoglobin", f"{v / 10:.1f}", "g/dL", f"{lo/10:.1f}-{(175 if sex == 'M' else 155)/10:.1f}", flag, recent, False, "hb", v))
        else:
            rows.append((rng.choice(["Hb", "Haemoglobin", "HB"]), str(v), "g/L", f"{lo}-{175 if sex == 'M' else 155}", flag, recent, False, "hb", v))
        if rng.random() < 0.3:
            oldd = letter_date - dt.timedelta(days=rng.randint(500, 1500))
            ov = rng.randint(136, 155) if sex == "M" else rng.randint(124, 146)
            rows.append(("Hb", str(ov), "g/L", "", "", oldd, True, "hb_old", ov))
    if f["ferritin"] is not None:
        v = f["ferritin"]
        rows.append((rng.choice(["Ferritin", "ferritin", "Serum ferritin"]), str(v), rng.choice(["ug/L", "µg/L", "ng/mL"]),
                     "30-300", "L" if v < 30 else "", recent, False, "ferritin", v))
    if f["alt"] is not None:
        v = f["alt"]
        rows.append(("ALT", str(v), "U/L", "<40", "H" if v >= 40 else "", recent, False, "alt", v))
    if f["calprotectin"] is not None:
        v = f["calprotectin"]
        rows.append((rng.choice(["Faecal calprotectin", "FCP", "Calprotectin (faecal)", "f-calprotectin"]), str(v), "ug/g",
                     "<50", "H" if v >= 50 else "", recent, False, "calprotectin", v))
    if f["fit"] is not None:
        t = f["_fit_text"]
        name = rng.choice(["FIT", "qFIT", "FIT (faecal immunochemical test)", "Faecal immunochemical test"])
        rows.append((name, t, "" if t in ("negative", "undetectable") else "ug Hb/g", "<10",
                     "H" if f["fit"] >= 10 else "", recent, False, "fit", f["fit"]))
    if f["ttg_raised"]:
        v = rng.choice([18, 34, 86, 128])
        rows.append((rng.choice(["tTG-IgA", "TTG", "Tissue transglutaminase IgA"]), (">128" if v == 128 else str(v)), "U/mL", "<7", "H",
                     recent, False, "ttg", v))
    elif rng.random() < 0.15:
        rows.append(("TTG", rng.choice(["<0.5", "1.2", "negative"]), "U/mL", "<7", "", recent, False, "ttg_neg", 0))
    if f["jaundice"] and rng.random() < 0.7:
        v = rng.choice([45, 62, 88, 134, 210])
        rows.append(("Bilirubin", str(v), "umol/L", "<21", "H", recent, False, "bili", v))
    return rows


# ----------------------------------------------------------------------------- text helpers
def yes_no_marks(rng, style):
    return style


PRIO_TEXT = {
    "urgent_suspected_cancer": ["Priority: 2WW", "URGENT SUSPECTED CANCER", "2WW please", "Priority: Urgent Suspected Cancer (2WW)",
                                "Referral type: suspected cancer pathway", "?Ca - 2ww"],
    "urgent": ["Priority: URGENT", "Urgent please", "Please see urgently (not 2WW)", "Priority: Urgent",
               "I would be grateful for an urgent appointment"],
    "routine": ["Priority: Routine", "Routine referral", "ROUTINE", "Please see routinely", "Priority - routine OPD"],
    "advice_and_guidance": ["A&G request", "Advice & Guidance only - no appt needed unless you feel necessary",
                            "Request type: Advice and Guidance (e-RS)", "Advice only please", "A+G"],
}
ORDER = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]


def choose_gp_priority(rng, urgency):
    r = rng.random()
    if r < 0.55:
        return urgency
    i = ORDER.index(urgency)
    # disagree: both directions
    up = [o for o in ORDER[i + 1:]]
    down = [o for o in ORDER[:i]]
    if up and (not down or rng.random() < 0.55):
        return rng.choice(up)
    return rng.choice(down)


NEG_WORDS = {
    "weight_loss": ["wt loss", "weight loss"], "dysphagia": ["dysphagia"], "rectal_bleeding": ["PR bleed", "rectal bleeding"],
    "anaemia": ["anaemia"], "jaundice": ["jaundice"], "haematemesis": ["haematemesis"], "abdo_mass": ["abdo mass", "palpable mass"],
    "cibh": ["CIBH"], "vomiting": ["vomiting"], "bloody_diarrhoea": ["blood in stool"],
}


def negation_phrase(rng, keys):
    words = [rng.choice(NEG_WORDS[k]) for k in keys]
    s = rng.choice([0, 1, 2, 3])
    if s == 0:
        return "no " + " / ".join(words)
    if s == 1:
        return "Denies " + ", ".join(words[:-1]) + (" or " if len(words) > 1 else "") + words[-1]
    if s == 2:
        return "Red flags: nil (" + ", ".join(words) + (" all absent)" if len(words) > 1 else " absent)")
    return "; ".join(f"no {w}" for w in words)


def distractors(rng, f, age, sex, anaemic):
    his = "his" if sex == "M" else "her"
    he = "he" if sex == "M" else "she"
    out = []
    cand = []
    if not f["fh_crc"]:
        cand.append(rng.choice(["FH: brother had oesophageal ca aged 70", "FH: mother had stomach cancer (80s)",
                                f"FH: {his} father had 'liver problems' (alcohol)", "FH: sister has Crohn's disease",
                                "FH: aunt - ovarian ca"]))
    else:
        cand.append(rng.choice(["FH: father bowel ca aged 52", "FH: mother colorectal cancer at 48",
                                "FH - brother had bowel cancer at 49", "Family history: two first-degree relatives with colorectal ca"]))
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        cand.append(rng.choice(["PR bleeding 2017 (haemorrhoids, banded) - nothing since",
                                "h/o rectal bleeding 2015 - colonoscopy normal then, none since",
                                f"Had some bleeding after constipation in 2019, settled, nil since"]))
    if not f["jaundice"]:
        cand.append(rng.choice(["Jaundice 2009 (Hep A) - resolved", "Jaundiced as a neonate - no relevance"]))
    if not f["dysphagia"]:
        cand.append(rng.choice([f"Safety-netted: if {he} develops dysphagia, vomiting or black stools to seek help same day.",
                                f"Advised if {he} develops jaundice or weight loss to re-present.",
                                "SN given re: PR bleeding / wt loss / swallowing problems."]))
    if not f["weight_loss"]:
        cand.append(rng.choice([f"Has lost 8kg intentionally (Slimming World) - pleased", f"Weight stable",
                                f"Lost 6kg deliberately since starting semaglutide - intentional"]))
    if not f["rectal_bleeding"]:
        cand.append(rng.choice([f"{'Wife' if sex == 'M' else 'Husband'} (also our pt) has had PR bleeding and is being investigated - pt anxious",
                                f"{his.capitalize()} son has similar symptoms at the moment"]))
    rng.shuffle(cand)
    out = cand[:rng.randint(1, 3)]
    return out


PMH_BANK = [("Hypertension", 2012), ("T2DM", 2018), ("Osteoarthritis knees", 2015), ("Asthma", 1998), ("Hypothyroidism", 2010),
            ("Depression", 2016), ("AF", 2020), ("Gout", 2019), ("COPD", 2017), ("Hypercholesterolaemia", 2014),
            ("Migraine", 2005), ("Anxiety", 2021), ("CKD 3a", 2022), ("Appendicectomy", 1989), ("Cholecystectomy", 2011)]
MED_BANK = ["Amlodipine 5mg od", "Ramipril 5mg od", "Metformin 500mg bd", "Atorvastatin 20mg on", "Levothyroxine 75mcg od",
            "Sertraline 50mg od", "Apixaban 5mg bd", "Allopurinol 100mg od", "Salbutamol 100mcg inh prn",
            "Paracetamol 1g qds prn", "Bisoprolol 2.5mg od", "Co-codamol 30/500 2 qds prn", "Folic acid 5mg od"]
ALLERGIES = ["NKDA", "Penicillin - rash", "Codeine - vomiting", "NKDA", "Elastoplast", "Sulfonamides (urticaria)"]
SH_BANK = ["Lives with wife, retired joiner", "Lives alone, independent", "Works as a teacher", "Ex-smoker 20 pk yrs, alcohol 10u/wk",
           "Never smoked, alcohol ~14u/wk", "Nursing home resident", "Student", "Bus driver, 2 children", "Smoker 10/day",
           "Alcohol: 40u/week (cutting down)"]


# ----------------------------------------------------------------------------- build content
class Content:
    pass


def build_content(rng, idx, rule):
    c = Content()
    c.sex = rng.choice(["M", "F"])
    # facts
    for attempt in range(60):
        f, age = core_facts(rng, rule, c.sex)
        if attempt < 40:
            add_background(rng, f, c.sex, rule)
        if decide(f, age, c.sex) == rule:
            break
    else:
        raise RuntimeError(f"cannot build {rule}")
    c.f, c.age = f, age
    # dates
    c.letter_date = dt.date(2024, 1, 8) + dt.timedelta(days=rng.randint(0, 640))
    # DOB; sometimes birthday within a few days of the letter date (boundary)
    if rng.random() < 0.2:
        bd = c.letter_date + dt.timedelta(days=rng.choice([-6, -2, -1, 1, 3, 9]))
        try:
            dob = bd.replace(year=bd.year - age - (1 if bd > c.letter_date else 0))
        except ValueError:
            dob = (bd - dt.timedelta(days=1)).replace(year=bd.year - age - (1 if bd > c.letter_date else 0))
    else:
        dob = c.letter_date - dt.timedelta(days=int(365.25 * age) + rng.randint(30, 330))
    c.dob = dob
    assert age_on(dob, c.letter_date) == age, (dob, c.letter_date, age)
    c.first = rng.choice(FIRST_M if c.sex == "M" else FIRST_F)
    c.last = rng.choice(LAST)
    c.title = "Mr" if c.sex == "M" else rng.choice(["Mrs", "Ms", "Miss"])
    c.nhs = nhs_number(rng)
    c.nhs_txt = fmt_nhs(rng, c.nhs)
    c.practice = rng.choice(PRACTICES)
    street, town = rng.choice(STREETS), rng.choice(TOWNS)
    c.pt_addr = f"{rng.randint(1, 120)} {street}, {town[0]}, {town[1]} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}{rng.choice('ABDEFGHJLNPQRSTUWXY')}"
    c.gp = rng.choice(GPS)
    c.dfmt = rng.randrange(6)
    c.date_txt = fmt_date(rng, c.letter_date, c.dfmt)
    c.dob_txt = fmt_date(rng, c.dob, c.dfmt if rng.random() < 0.7 else rng.randrange(6))
    c.age_mode = rng.choice(["age", "dob", "both", "both", "age"])
    if c.age_mode == "dob" and c.age in (39, 40, 49, 50, 54, 55, 59, 60) and rng.random() < 0.3:
        pass  # boundary ages are deliberately left for DOB arithmetic
    c.age_txt = rng.choice([f"{age}yo", f"{age} y/o", f"{age} year old", f"{age}-year-old", f"{age}y"])
    # sex words
    c.he = "he" if c.sex == "M" else "she"
    c.his = "his" if c.sex == "M" else "her"
    c.man = "man" if c.sex == "M" else "woman"
    # positive statements
    pos = []
    for k in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_abdo_pain", "reflux", "dyspepsia",
              "abdo_pain", "abdo_mass", "jaundice", "rectal_bleeding", "cibh", "bloody_diarrhoea", "haematemesis", "bloating",
              "fatty_liver", "ttg_raised"]:
        if f[k]:
            pos.append((k, P(rng, k, f, age, c.sex)))
    if f["cirrhosis"]:
        s = P(rng, "cirrhosis", f, age, c.sex)
        s += ", " + P(rng, "ascites" if f["ascites"] else "confusion", f, age, c.sex)
        pos.append(("cirrhosis", s))
    if f["ppi_weeks"]:
        w = f["ppi_weeks"]
        drug = rng.choice(["omeprazole 20mg od", "lansoprazole 30mg od", "omeprazole 40mg", "esomeprazole 20mg"])
        if w >= 4:
            wt = rng.choice([f"{w}/52", f"{w} weeks", f"{w // 4} months" if w % 4 == 0 and w >= 8 else f"{w} wks"])
            pos.append(("ppi", f"on {drug} for {wt} - no better, symptoms persist"))
        else:
            pos.append(("ppi", f"started {drug} {w}/52 ago, too early to judge"))
    if f["known_ibd"]:
        base, q = ibd_question(rng, f, age, c.sex)
        q = q.replace("she is", f"{c.he} is").replace("he has", f"{c.he} has")
        pos.append(("ibd", base))
        c.ibd_q = q
    else:
        c.ibd_q = None
    if f["fh_crc"]:
        pass  # rendered as distractor/FH line below
    rng.shuffle(pos)
    c.pos = pos
    # negations: facts that are absent
    anaemic = f["hb"] is not None and f["hb"] < (130 if c.sex == "M" else 120)
    absent = [k for k in ["weight_loss", "dysphagia", "rectal_bleeding", "jaundice", "haematemesis", "abdo_mass", "cibh"] if not f[k]]
    if not anaemic:
        absent.append("anaemia")
    rng.shuffle(absent)
    c.neg = absent[:rng.randint(0, 4)]
    c.distract = distractors(rng, f, age, c.sex, anaemic)
    c.fh_line = None
    for d in c.distract:
        if d.startswith("FH") or d.startswith("Family history"):
            c.fh_line = d
    if f["fh_crc"] and c.fh_line is None:
        c.fh_line = rng.choice(["FH: father bowel ca aged 52", "FH: mother colorectal cancer at 48"])
        c.distract.append(c.fh_line)
    c.results = results_for(rng, f, c.sex, c.letter_date)
    c.pmh = rng.sample(PMH_BANK, rng.randint(0, 4))
    c.meds = rng.sample(MED_BANK, rng.randint(0, 5))
    c.allergy = rng.choice(ALLERGIES)
    c.sh = rng.choice(SH_BANK)
    urg, path = RULE_LABEL[rule]
    c.gp_priority = choose_gp_priority(rng, urg)
    c.prio_txt = rng.choice(PRIO_TEXT[c.gp_priority])
    return c


# ----------------------------------------------------------------------------- rendering helpers
def sentence_join(rng, parts):
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return rng.choice([", ".join(parts[:-1]) + " and " + parts[-1], "; ".join(parts), ". ".join(p[0].upper() + p[1:] for p in parts)])


def pos_texts(c):
    return [t for _, t in c.pos]


def age_header(c, rng, sep=": "):
    lines = [f"{rng.choice(['Sex', 'Gender'])}{sep}{rng.choice(['M', 'Male'] if c.sex == 'M' else ['F', 'Female'])}"]
    if c.age_mode in ("dob", "both"):
        lines.append(f"DOB{sep}{c.dob_txt}")
    if c.age_mode in ("age", "both"):
        lines.append(f"Age{sep}{c.age}")
    return lines


def age_inline(c):
    return c.age_txt if c.age_mode in ("age", "both") else f"DOB {c.dob_txt}"


def result_line(rng, r, mode):
    name, v, unit, ref, flag, d, old, key, num = r
    ds = fmt_date(rng, d, 0)
    if mode == "table":
        fl = f"({flag})" if flag else ""
        return f"{name:<34}{(v + ' ' + unit).strip():<16}{ref:<12}{fl:<5}{ds}{'  [old result]' if old else ''}"
    if mode == "inline":
        s = f"{name} {v}{(' ' + unit) if unit and (unit == 'g/dL' or rng.random() < 0.6) else ''}"
        if flag:
            s += f" ({flag})"
        if old:
            s += f" (from {d.year} - old)"
        return s
    # 'dated'
    return f"{ds}: {name} {v} {unit}".rstrip() + (f" [{flag}]" if flag else "") + (" - historical" if old else "")


def results_block(rng, c, mode=None):
    mode = mode or rng.choice(["table", "inline", "dated"])
    rows = sorted(c.results, key=lambda r: r[6])
    if not rows:
        return []
    if mode == "table":
        out = [f"{'Test':<34}{'Result':<16}{'Ref range':<12}{'Flag':<5}Date", "-" * 76]
        out += [result_line(rng, r, "table") for r in rows]
        return out
    if mode == "inline":
        return [", ".join(result_line(rng, r, "inline") for r in rows)]
    return [result_line(rng, r, "dated") for r in rows]


def results_inline(rng, c):
    b = results_block(rng, c, "inline")
    return b[0] if b else ""


def pmh_lines(rng, c):
    return [f"{p} ({y})" for p, y in c.pmh]


def meds_lines(c):
    return list(c.meds)


def neg_line(rng, c):
    return negation_phrase(rng, c.neg) if c.neg else ""


def ask_line(rng, c):
    if c.ibd_q:
        return c.ibd_q
    return rng.choice(["Grateful for your assessment.", "I would be grateful if you could see and advise.",
                       "Please assess ?cause.", "Many thanks for seeing.", "Please see and investigate as appropriate.",
                       "Grateful for your opinion re further Ix.", "Thank you for your help with this patient."])


# checklist items for proformas: (label, predicate on content)
def checklist(c):
    f = c.f
    anaemic = f["hb"] is not None and f["hb"] < (130 if c.sex == "M" else 120)
    ida = anaemic and f["ferritin"] is not None and f["ferritin"] < 30
    return [
        ("Dysphagia", f["dysphagia"]),
        ("Rectal bleeding", f["rectal_bleeding"]),
        ("Change in bowel habit", f["cibh"]),
        ("Unexplained weight loss", f["weight_loss"]),
        ("Abdominal mass", f["abdo_mass"]),
        ("Rectal / anal mass or anal ulcer", f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]),
        ("Iron deficiency anaemia", ida),
        ("Jaundice", f["jaundice"]),
        ("Haematemesis", f["haematemesis"]),
        ("Dyspepsia / reflux", f["dyspepsia"] or f["reflux"]),
        ("Abdominal pain", f["abdo_pain"] or f["upper_abdo_pain"]),
        ("FH colorectal cancer", f["fh_crc"]),
    ]


NEUTRAL = ["", "N/A", "unknown", "not asked", "-", "?"]


def header_block(rng, c, compact=False):
    name, addr, code = c.practice
    out = []
    if compact:
        out.append(f"{name} ({code})")
    else:
        out += [name.upper() if rng.random() < 0.5 else name, addr, f"Practice code: {code}   Tel 0{rng.randint(1000, 1999)} {rng.randint(100000, 999999)}"]
    out.append("")
    return out


def patient_block(rng, c, style=0):
    nm = f"{c.title} {c.first} {c.last}"
    if style == 0:
        out = [f"Patient: {nm}", *age_header(c, rng), f"NHS No: {c.nhs_txt}", f"Address: {c.pt_addr}"]
    elif style == 1:
        ag = []
        if c.age_mode in ("dob", "both"):
            ag.append(f"DOB {c.dob_txt}")
        if c.age_mode in ("age", "both"):
            ag.append(f"({c.age}y)")
        out = [f"RE: {c.first} {c.last.upper()}  {' '.join(ag)}  {'M' if c.sex == 'M' else 'F'}", f"NHS {c.nhs_txt} | {c.pt_addr}"]
    else:
        out = [f"Name ........ {c.last.upper()}, {c.first} ({c.title})"]
        if c.age_mode in ("dob", "both"):
            out.append(f"D.O.B. ...... {c.dob_txt}")
        if c.age_mode in ("age", "both"):
            out.append(f"Age ......... {c.age}")
        out += [f"Sex ......... {'Male' if c.sex == 'M' else 'Female'}", f"NHS number .. {c.nhs_txt}"]
    return out


def sign(rng, c, who=None):
    who = who or c.gp
    return ["", rng.choice(["Yours sincerely", "Kind regards", "Many thanks", "Best wishes", "Yours faithfully"]), "", who,
            rng.choice(["GP", "General Practitioner", "GP Partner", "Salaried GP", ""]), c.practice[0]]


# ----------------------------------------------------------------------------- layouts
def L_ers(rng, c):
    o = ["NHS e-Referral Service - Referral Letter", f"Service: Gastroenterology  ({rng.choice(['Lowmarsh General', 'Brackenford Royal', 'Cadmouth District'])})",
         f"{c.prio_txt}", f"Referral date: {c.date_txt}", ""]
    o += patient_block(rng, c, 0)
    o += ["", "REASON FOR REFERRAL", sentence_join(rng, pos_texts(c)) or "See below", ""]
    if c.ibd_q:
        o += ["QUESTION FOR SPECIALIST", c.ibd_q, ""]
    o += ["RED FLAGS / NEGATIVES", neg_line(rng, c) or "none documented", ""]
    o += ["INVESTIGATIONS"] + (results_block(rng, c) or ["nil recent"]) + [""]
    o += ["PMH"] + (pmh_lines(rng, c) or ["nil significant"]) + ["", "MEDICATION"] + (meds_lines(c) or ["nil"])
    o += ["", f"ALLERGIES: {c.allergy}", "", "OTHER INFORMATION"] + c.distract + ["", f"Referring clinician: {c.gp}, {c.practice[0]} ({c.practice[2]})"]
    return o


def L_dear(rng, c):
    o = header_block(rng, c) + [c.date_txt, "", "Dear Doctor,", ""]
    o += [f"Re: {c.title} {c.first} {c.last}, " + (f"DOB {c.dob_txt}, " if c.age_mode != "age" else "") + f"NHS {c.nhs_txt}", ""]
    lead = f"I would be grateful if you could see this {age_inline(c) + ' ' if c.age_mode != 'dob' else ''}{c.man}"
    pt = pos_texts(c)
    o.append(lead + (" who presents with " + pt[0] + "." if pt else "."))
    if len(pt) > 1:
        o.append(f"{c.he.capitalize()} also reports " + sentence_join(rng, pt[1:]) + ".")
    if c.ibd_q:
        o.append(c.ibd_q)
    nl = neg_line(rng, c)
    if nl:
        o.append(nl[0].upper() + nl[1:] + ".")
    r = results_inline(rng, c)
    if r:
        o.append("Recent bloods/tests: " + r + ".")
    o += [d + ("" if d.endswith(".") else ".") for d in c.distract]
    if c.pmh:
        o.append("PMH: " + ", ".join(pmh_lines(rng, c)) + ".")
    if c.meds:
        o.append("DH: " + "; ".join(c.meds) + ". " + c.allergy + ".")
    o += ["", c.prio_txt + ".", ask_line(rng, c)] + sign(rng, c)
    return o


def L_terse(rng, c):
    pt = pos_texts(c)
    bits = [f"{c.first} {c.last}", f"{c.age}{'M' if c.sex == 'M' else 'F'}" if c.age_mode != "dob" else f"{'M' if c.sex == 'M' else 'F'} DOB {c.dob_txt}", f"NHS {c.nhs_txt}"]
    o = [f"{c.date_txt} {c.practice[2]}", " | ".join(bits)]
    body = "; ".join(pt) if pt else "see results"
    r = results_inline(rng, c)
    if r:
        body += ". " + r
    if c.ibd_q:
        body += ". " + c.ibd_q
    nl = neg_line(rng, c)
    if nl:
        body += ". " + nl
    if c.distract:
        body += ". " + ". ".join(c.distract)
    o.append(body + ". " + c.prio_txt + ". " + c.gp.replace("Dr ", "Dr."))
    return o


def L_emis(rng, c):
    o = [f"{c.practice[0]} - Referral (generated from clinical system)", "=" * 60]
    o += [f"{c.last.upper()}, {c.first} ({c.title})", *age_header(c, rng), f"NHS: {c.nhs_txt}", ""]
    o += ["Problems", "  Active:"]
    for p, y in c.pmh[:2]:
        o.append(f"    {y}  {p}")
    o.append("  Past / resolved:")
    for p, y in c.pmh[2:]:
        o.append(f"    {y}  {p} (resolved)")
    o += ["", "Medication (repeat)"] + [f"  {m}" for m in c.meds] + ["", "Allergies", f"  {c.allergy}", "", "Consultations"]
    d1 = c.letter_date - dt.timedelta(days=rng.randint(14, 60))
    o.append(f"  {fmt_date(rng, d1, 0)}  {rng.choice(GPS)}")
    if len(c.pos) > 1:
        o.append(f"    History: {c.pos[-1][1]}")
    else:
        o.append("    History: see below")
    o.append(f"  {c.date_txt}  {c.gp}")
    first = [t for _, t in c.pos[:-1]] if len(c.pos) > 1 else pos_texts(c)
    o.append("    History: " + (sentence_join(rng, first) or "review of results"))
    if c.neg:
        o.append("    " + neg_line(rng, c))
    for d in c.distract:
        o.append("    " + d)
    if c.ibd_q:
        o.append("    Plan: " + c.ibd_q)
    o.append("    Plan: refer gastro. " + c.prio_txt)
    o += ["", "Test results"] + ["  " + l for l in (results_block(rng, c, rng.choice(["table", "dated"])) or ["none"])]
    o += ["", f"Social: {c.sh}"]
    return o


def L_proforma_tick(rng, c):
    o = [f"{rng.choice(['LOWER/UPPER GI', 'GASTROENTEROLOGY', 'GI'])} REFERRAL PROFORMA", f"Practice: {c.practice[0]} ({c.practice[2]})   Date: {c.date_txt}"]
    o += patient_block(rng, c, 2)
    mark_y = rng.choice(["✓", "✔", "X"])
    instr = "tick if present" if mark_y in "✓✔" else "mark X if present"
    mark_n = rng.choice(["✗", "", ""]) if mark_y != "X" else ""
    o += ["", f"Symptoms / signs ({instr}):"]
    for lab, v in checklist(c):
        m = mark_y if v else (mark_n if rng.random() < 0.8 else rng.choice(NEUTRAL))
        o.append(f"  [{m:^3}] {lab}")
    o += ["", "Details: " + (sentence_join(rng, pos_texts(c)) or "-")]
    if c.ibd_q:
        o.append("Question: " + c.ibd_q)
    o += ["Results:"] + (results_block(rng, c) or ["  none"])
    o += ["", "Other: " + "; ".join(c.distract), f"GP requested priority: {c.prio_txt}", f"Signed: {c.gp}"]
    return o


def yn(rng, v, kind):
    if kind == "circle":
        return rng.choice(["(Y) / N", "(Yes) / No"]) if v else rng.choice(["Y / (N)", "Yes / (No)"])
    if kind == "bracket":
        return "[Y] / N" if v else "Y / [N]"
    if kind == "strike":
        return rng.choice(["Yes/~~No~~", "Yes / N\u0336o\u0336"]) if v else rng.choice(["~~Yes~~/No", "Y\u0336e\u0336s\u0336 / No"])
    raise ValueError


def L_proforma_yn(rng, c, kind=None):
    kind = kind or rng.choice(["circle", "bracket"])
    o = ["SUSPECTED GI / GASTRO REFERRAL FORM" if rng.random() < 0.5 else "Gastroenterology referral - proforma",
         f"(circle one)" if kind == "circle" else "(answer in brackets)", f"Date of referral: {c.date_txt}"]
    o += patient_block(rng, c, rng.choice([0, 2]))
    o.append("")
    for lab, v in checklist(c):
        if not v and rng.random() < 0.15:
            o.append(f"{lab:<36}{rng.choice(['Y / N   (please delete as appropriate)', 'Yes / No', 'not asked', 'N/A'])}")
        else:
            o.append(f"{lab:<36}{yn(rng, v, kind)}")
    o += ["", "Clinical details:", sentence_join(rng, pos_texts(c)) or "as above"]
    if c.ibd_q:
        o.append(c.ibd_q)
    o += ["", "Bloods / tests:"] + (results_block(rng, c) or ["not done"])
    o += ["", "Additional info: " + " ".join(d + "." for d in c.distract), "", f"Urgency requested: {c.prio_txt}", f"Referrer: {c.gp}"]
    return o


def L_proforma_strike(rng, c):
    o = ["REFERRAL CHECKLIST - please delete as appropriate", f"{c.practice[0]}   {c.date_txt}"] + patient_block(rng, c, 1) + [""]
    for lab, v in checklist(c):
        if not v and rng.random() < 0.25:
            o.append(f"{lab}?  Yes / No")  # left undeleted: asserts nothing
        else:
            o.append(f"{lab}?  {yn(rng, v, 'strike')}")
    o += ["", "History:", sentence_join(rng, pos_texts(c)) or "-"]
    if c.ibd_q:
        o.append(c.ibd_q)
    r = results_inline(rng, c)
    o += ["Results: " + (r or "none available"), "Background: " + "; ".join(c.distract + pmh_lines(rng, c))]
    o += [f"Priority requested ... {c.prio_txt}", c.gp]
    return o


def L_dotleader(rng, c):
    o = [f"GASTROENTEROLOGY REFERRAL        {c.practice[2]}", ""] + patient_block(rng, c, 2) + [f"Date ........ {c.date_txt}", ""]
    width = rng.choice([48, 56, 64])
    for lab, v in checklist(c):
        ans = rng.choice(["YES", "Yes", "Y"]) if v else rng.choice(["NO", "No", "N", "no"] + ["N/A", ""])
        leader = rng.choice([".", " ", "_"])
        o.append(lab + " " + leader * (width - len(lab)) + " " + ans)
    o += ["", "Free text:", *(f" - {t}" for t in pos_texts(c))]
    if c.ibd_q:
        o.append(" - " + c.ibd_q)
    o += [" - " + d for d in c.distract]
    o += ["", "Results"] + (results_block(rng, c, "table") or ["  nil"])
    o += ["", f"Priority\t\t\t{c.prio_txt}", f"GP\t\t\t{c.gp}"]
    return o


def L_scored(rng, c):
    o = [f"Red flag screening score (0 = absent, 1 = present)", f"Pt: {c.first} {c.last}  " + " ".join(age_header(c, rng, " ")) + f"  NHS {c.nhs_txt}",
         f"{c.practice[0]}  {c.date_txt}", ""]
    tot = 0
    for lab, v in checklist(c):
        s = 1 if v else 0
        tot += s
        o.append(f"{lab:<40}{s}")
    o += [f"{'TOTAL':<40}{tot}", "", "Narrative: " + (sentence_join(rng, pos_texts(c)) or "see score")]
    if c.ibd_q:
        o.append(c.ibd_q)
    r = results_block(rng, c)
    o += ["Results:"] + (r or ["nil"]) + ["Also: " + "; ".join(c.distract), c.prio_txt, f"- {c.gp}"]
    return o


def L_cover_proforma(rng, c):
    o = header_block(rng, c) + [c.date_txt, "", "Dear Colleague,", ""]
    o.append(f"Re {c.title} {c.first} {c.last}  NHS {c.nhs_txt}")
    pt = pos_texts(c)
    # covering letter emphasises the softer/story aspects, proforma lists the rest
    story = pt[-1:] if pt else []
    o.append(f"Thank you for seeing this {c.man} who is mainly troubled by " + (story[0] if story else "ongoing symptoms") + ". "
             + rng.choice([f"{c.he.capitalize()} is very anxious.", "Details on the attached proforma.", "Please see attached form."]))
    o += [c.prio_txt + "."] + sign(rng, c)
    o += ["", "-" * 30 + " ATTACHMENT: referral proforma (page 2) " + "-" * 10, f"Patient: {c.last.upper()} {c.first}", *age_header(c, rng)]
    for lab, v in checklist(c):
        o.append(f"  {lab:<36}{'✓' if v else rng.choice(['✗', '', 'N/A'])}")
    o += ["  Details: " + (sentence_join(rng, pt[:-1]) if len(pt) > 1 else "see letter")]
    if c.ibd_q:
        o.append("  Q: " + c.ibd_q)
    o += ["  Tests:"] + ["   " + l for l in (results_block(rng, c) or ["none"])]
    o += ["  Other: " + "; ".join(c.distract)]
    return o


def L_continuation(rng, c):
    hdr = f"{c.practice[0]} | {c.last.upper()}, {c.first} | NHS {c.nhs_txt}"
    o = [hdr, "Page 1 of 2", "", c.date_txt, "", "Dear Gastroenterology team,", ""]
    pt = pos_texts(c)
    o.append(f"{c.title} {c.last} is {'a ' + age_inline(c) if c.age_mode != 'dob' else 'a'} {c.man}" + (f" (DOB {c.dob_txt})" if c.age_mode == "both" else "") + " whom I saw today.")
    if c.age_mode == "dob":
        o.append(f"(DOB {c.dob_txt})")
    half = (len(pt) + 1) // 2
    if pt:
        o.append("Presenting: " + sentence_join(rng, pt[:half]) + ".")
    o += c.distract[:1]
    o += ["", rng.choice(["[SCANNED 3 DOC MGMT - " + fmt_date(rng, c.letter_date + dt.timedelta(days=1), 0) + "]",
                          f"{c.practice[0]} - {c.practice[1]} - Partners: Drs Fenwick, Okafor & Tennant",
                          "*** RECEIVED 0 8 ELECTRONICALLY - WORKFLOW ***"]), "", hdr, "Page 2 of 2 (continued)", ""]
    if pt[half:]:
        o.append("Also: " + sentence_join(rng, pt[half:]) + ".")
    nl = neg_line(rng, c)
    if nl:
        o.append(nl + ".")
    if c.ibd_q:
        o.append(c.ibd_q)
    o += ["Results:"] + (results_block(rng, c) or ["none to hand"])
    o += c.distract[1:]
    o += ["", c.prio_txt] + sign(rng, c)
    return o


def L_other_writer(rng, c, role):
    names = {"locum": ("Dr K. Whitlock (locum GP)", "locum GP covering for " + c.gp),
             "np": ("Sasha Merriman, Advanced Nurse Practitioner", "ANP"),
             "pharm": ("Tomasz Brzezinski, Clinical Pharmacist", "practice clinical pharmacist"),
             "matron": ("Gail Penhallow, Community Matron", "community matron"),
             "ooh": ("Dr F. Adeyemi, Out of Hours GP", "OOH service")}
    who, desc = names[role]
    o = []
    if role == "ooh":
        o += ["OUT OF HOURS CONSULTATION SUMMARY - Nightingale Urgent Care OOH", f"Seen: {c.date_txt} 21:40", f"Patient: {c.first} {c.last}, " + " ".join(age_header(c, rng, " ")) + f", NHS {c.nhs_txt}",
              f"Registered GP: {c.gp}, {c.practice[0]}", ""]
    else:
        o += header_block(rng, c, compact=True) + [c.date_txt, f"From: {who}", ""]
        o += patient_block(rng, c, rng.choice([0, 1]))
        o.append("")
    intro = {"locum": f"I saw this patient today as the {desc}.",
             "np": "I reviewed this patient in my minor illness / chronic disease clinic.",
             "pharm": "I saw this patient for a medication review and have discussed with the duty GP who agrees to referral.",
             "matron": "I visit this patient at home as part of the frailty caseload.",
             "ooh": "Presenting complaint today:"}[role]
    o.append(intro)
    for t in pos_texts(c):
        o.append(f"- {t}")
    if c.ibd_q:
        o.append("- " + c.ibd_q)
    nl = neg_line(rng, c)
    if nl:
        o.append("- " + nl)
    if role == "pharm" and c.meds:
        o += ["Current meds reviewed:"] + [f"  {m}" for m in c.meds]
    rb = results_block(rng, c)
    if rb:
        o += ["Results:"] + rb
    o += c.distract
    if role == "ooh":
        o += ["", "Plan: obs stable, not requiring admission. Advised to see own GP; GP please refer to gastroenterology.", c.prio_txt, who]
    else:
        o += ["", c.prio_txt, ask_line(rng, c), "", who]
    return o


def L_ae(rng, c):
    o = [f"{rng.choice(['EMERGENCY DEPARTMENT', 'URGENT TREATMENT CENTRE'])} DISCHARGE SUMMARY - {rng.choice(['Brackenford Royal', 'Cadmouth District'])}",
         f"Attendance: {fmt_date(rng, c.letter_date - dt.timedelta(days=rng.randint(2, 9)), 0)}", f"Name: {c.first} {c.last}   " + " ".join(age_header(c, rng, ": ")) + f"   NHS: {c.nhs_txt}", "",
         "Presenting complaint: " + (c.pos[0][1] if c.pos else "abdominal symptoms"), "Findings: " + (sentence_join(rng, pos_texts(c)[1:]) or "obs within normal limits")]
    rb = results_block(rng, c)
    if rb:
        o += ["Investigations:"] + rb
    nl = neg_line(rng, c)
    if nl:
        o.append(nl)
    o += ["Outcome: discharged. ACTION FOR GP: please refer to gastroenterology.", "", "-" * 40,
          f"{c.practice[0]} - covering note {c.date_txt}", f"Forwarding the above ED summary as requested. {c.prio_txt}."]
    if c.ibd_q:
        o.append(c.ibd_q)
    o += c.distract + [c.gp]
    return o


LAY = {"dysphagia": "food keeps getting stuck when I swallow, specially bread",
       "weight_loss": "I have lost weight without trying, my trousers are loose",
       "rectal_bleeding": "there is blood when I go to the toilet, bright red",
       "cibh": "my bowels have changed, I am going more often and its looser",
       "abdo_pain": "I get pains in my stomach",
       "upper_abdo_pain": "pain at the top of my stomach under my ribs",
       "reflux": "terrible heartburn at night",
       "dyspepsia": "constant indigestion",
       "bloating": "my tummy blows up like a balloon",
       "jaundice": "my eyes have gone yellow",
       "haematemesis": "I was sick and there was blood in it",
       "bloody_diarrhoea": "diarrhoea with blood in it loads of times a day"}


LAY3 = {"dysphagia": "{he} says food gets stuck when {he} swallows",
        "weight_loss": "{he} has lost weight and isn't trying to, {his} clothes are loose",
        "rectal_bleeding": "there is blood in the toilet after {he} goes",
        "cibh": "{his} bowels have changed, going more often and looser",
        "abdo_pain": "{he} keeps getting tummy pains",
        "upper_abdo_pain": "{he} gets pain at the top of {his} stomach",
        "reflux": "bad heartburn at night",
        "dyspepsia": "indigestion all the time",
        "bloating": "{his} tummy blows up like a balloon",
        "jaundice": "{his} eyes have gone yellow",
        "haematemesis": "{he} was sick and there was blood in it",
        "bloody_diarrhoea": "diarrhoea with blood in it many times a day"}


def L_patient_email(rng, c):
    o = header_block(rng, c, compact=True) + [c.date_txt, "Dear Gastroenterologist,", "",
                                              f"Re {c.title} {c.first} {c.last}, " + " ".join(age_header(c, rng, " ")) + f", NHS {c.nhs_txt}", "",
                                              f"{c.he.capitalize()} has sent us the note below (copied as received) and I have examined {'him' if c.sex == 'M' else 'her'}."]
    clin = []
    for k, t in c.pos:
        if k in LAY:
            pass
        clin.append(t)
    o.append("My findings / summary: " + (sentence_join(rng, clin) or "as per note") + ".")
    rb = results_inline(rng, c)
    if rb:
        o.append("Results: " + rb + ".")
    if c.ibd_q:
        o.append(c.ibd_q)
    o += c.distract + [c.prio_txt + ".", c.gp, "", "----- Forwarded message -----", f"From: {c.first.lower()}{rng.randint(1, 99)}@examplemail.invalid", "Subject: my stomach", ""]
    lay = [LAY[k] for k, _ in c.pos if k in LAY]
    txt = "Hi doctor, sorry to bother you. " + (". Also ".join(lay) if lay else "I still dont feel right") + ". "
    txt += rng.choice(["Im really worried its something serious", "my wife says I should of come sooner" if c.sex == "M" else "my husband says i should of come sooner",
                       "i dont want to waste anyones time"]) + ". "
    if not c.f["weight_loss"]:
        txt += rng.choice(["Weight is the same.", "I have been on a diet and lost a bit on purpose.", ""])
    o.append(txt.replace("  ", " "))
    o.append("thanks " + c.first)
    return o


def L_carer(rng, c):
    o = [f"Letter from carer, scanned to record {c.date_txt}", ""]
    carer = rng.choice(["Linda (daughter)", "Mark (son and main carer)", "Joy, paid carer from Helping Hands", "her husband Pete" if c.sex == "F" else "his wife Carol"])
    o.append(f"I am writing for {c.first} {c.last} as {c.he} finds writing hard. I am {carer}.")
    lay = [LAY[k] for k, _ in c.pos if k in LAY]
    if lay:
        o.append("Things we have noticed: " + "; ".join(LAY3[k].format(he=c.he, his=c.his) for k, _ in c.pos if k in LAY3) + ".")
    o += ["", "--- GP covering note ---", f"{c.practice[0]} ({c.practice[2]})"] + patient_block(rng, c, 0)
    o.append("On review: " + (sentence_join(rng, pos_texts(c)) or "no abnormal findings") + ".")
    if c.ibd_q:
        o.append(c.ibd_q)
    nl = neg_line(rng, c)
    if nl:
        o.append(nl + ".")
    rb = results_block(rng, c)
    if rb:
        o += rb
    o += c.distract + [c.prio_txt, c.gp]
    return o


def L_results_table(rng, c):
    o = header_block(rng, c) + patient_block(rng, c, 0) + [f"Letter date: {c.date_txt}", "", "Dear Dr,", "",
                                                           "Please see results below in " + rng.choice(["this patient", f"this {c.man}"]) + " with " + (sentence_join(rng, pos_texts(c)) or "abnormal tests") + "."]
    o += ["", "RESULTS"] + (results_block(rng, c, "table") or ["(none)"])
    if c.ibd_q:
        o.append(c.ibd_q)
    nl = neg_line(rng, c)
    if nl:
        o += ["", nl]
    o += [""] + c.distract + ["", c.prio_txt] + sign(rng, c)
    return o


def L_soap(rng, c):
    o = [f"Consultation copied from GP record - {c.practice[0]}", f"{c.date_txt}  {c.gp}  (Face to face)", f"Pt: {c.first} {c.last}, {'M' if c.sex == 'M' else 'F'}, " + (age_inline(c)) + f", NHS {c.nhs_txt}", ""]
    pt = pos_texts(c)
    exam = [t for k, t in c.pos if k in ("abdo_mass", "rectal_mass", "anal_mass", "anal_ulcer")]
    hist = [t for k, t in c.pos if k not in ("abdo_mass", "rectal_mass", "anal_mass", "anal_ulcer")]
    o.append("S: " + (sentence_join(rng, hist) or "review") + (". " + neg_line(rng, c) if c.neg else ""))
    o.append("O: " + ("; ".join(exam) if exam else "Abdo SNT, no masses. PR NAD" if not (c.f["abdo_mass"] or c.f["rectal_mass"] or c.f["anal_mass"] or c.f["anal_ulcer"]) else ""))
    rb = results_inline(rng, c)
    o.append("A: " + rng.choice(["?cause", "see S", "for gastro opinion", "multiple symptoms"]))
    if rb:
        o.append("Results: " + rb)
    o.append("P: refer gastro - " + c.prio_txt + (". " + c.ibd_q if c.ibd_q else ""))
    o += ["", "Other entries:"] + [f"  {d}" for d in c.distract]
    return o


def L_sbar(rng, c):
    pt = pos_texts(c)
    o = [f"SBAR referral - {c.practice[0]} - {c.date_txt}", ""] + patient_block(rng, c, 1) + [""]
    o.append("S - Situation: " + (pt[0] if pt else "abnormal results"))
    o.append("B - Background: " + "; ".join(pmh_lines(rng, c) + c.distract) + (f"; meds {', '.join(c.meds)}" if c.meds else ""))
    o.append("A - Assessment: " + ("; ".join(pt[1:]) or "as above") + ". " + (results_inline(rng, c) or "") + (" " + neg_line(rng, c) if c.neg else ""))
    o.append("R - Recommendation: " + c.prio_txt + ". " + ask_line(rng, c))
    o.append(c.gp)
    return o


def L_qa(rng, c):
    o = ["Gastro referral - structured questions", f"{c.practice[0]}; {c.date_txt}"] + patient_block(rng, c, 0) + [""]
    qs = [("Any difficulty swallowing?", "dysphagia"), ("Any blood from the back passage?", "rectal_bleeding"),
          ("Unintentional weight loss?", "weight_loss"), ("Change in bowel habit?", "cibh"), ("Jaundice?", "jaundice"),
          ("Vomiting blood?", "haematemesis"), ("Abdominal or rectal mass on examination?", "mass")]
    f = c.f
    stmt = dict(c.pos)
    for q, k in qs:
        if k == "mass":
            v = f["abdo_mass"] or f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]
            src = next((stmt[x] for x in ("abdo_mass", "rectal_mass", "anal_mass", "anal_ulcer") if x in stmt), None)
        else:
            v = f[k]
            src = stmt.get(k)
        if v:
            a = "Yes - " + src
        else:
            a = rng.choice(["No", "no", "Denies", "Nil", "not asked", "N"])
        o.append(f"Q: {q}\nA: {a}")
    other = [t for k, t in c.pos if k not in ("dysphagia", "rectal_bleeding", "weight_loss", "cibh", "jaundice", "haematemesis", "abdo_mass", "rectal_mass", "anal_mass", "anal_ulcer")]
    o += ["", "Other symptoms: " + ("; ".join(other) if other else "nil")]
    if c.ibd_q:
        o.append("Question: " + c.ibd_q)
    rb = results_block(rng, c)
    o += ["Tests:"] + (rb or ["none"]) + ["Notes: " + "; ".join(c.distract), f"GP priority: {c.prio_txt}", c.gp]
    return o


def L_fax(rng, c):
    o = [f"FAX  FROM: {c.practice[0]}  TO: Gastro Booking  PAGES: 1 of 1", "CONFIDENTIAL", ""]
    o += patient_block(rng, c, 1) + [c.date_txt, ""]
    o.append("Dear Sir/Madam, re the above pt - " + (sentence_join(rng, pos_texts(c)) or "see bloods") + ".")
    rb = results_inline(rng, c)
    if rb:
        o.append(rb + ".")
    if c.ibd_q:
        o.append(c.ibd_q)
    nl = neg_line(rng, c)
    if nl:
        o.append(nl + ".")
    o += [" ".join(c.distract), c.prio_txt, c.gp]
    return o


def L_caps_headings(rng, c):
    o = [f"{c.practice[0].upper()}", f"DATE: {c.date_txt}", ""]
    o += [f"NAME: {c.first.upper()} {c.last.upper()}"] + [l.upper() for l in age_header(c, rng)] + [f"NHS NO: {c.nhs_txt}", ""]
    o += ["PRESENTING COMPLAINT:"] + [f"  * {t}" for t in pos_texts(c)]
    if c.ibd_q:
        o.append("  * " + c.ibd_q)
    if c.neg:
        o += ["PERTINENT NEGATIVES:", "  " + neg_line(rng, c)]
    o += ["PMH:"] + ["  " + p for p in pmh_lines(rng, c)] + ["DH:"] + ["  " + m for m in c.meds] + [f"ALLERGIES: {c.allergy}", f"SH: {c.sh}"]
    for d in c.distract:
        if d.startswith("FH"):
            o.append(d.upper().replace("FH:", "FH:"))
        else:
            o.append(d)
    rb = results_block(rng, c)
    o += ["INVESTIGATIONS:"] + (rb or ["  NIL"]) + ["", f"REQUEST: {c.prio_txt}", c.gp]
    return o


def L_tabbed(rng, c):
    o = ["Referral\t\t\t\t\tGastroenterology", f"Date\t\t\t\t\t{c.date_txt}", f"Patient\t\t\t\t\t{c.first} {c.last} ({c.title})"]
    if c.age_mode in ("dob", "both"):
        o.append(f"DOB\t\t\t\t\t{c.dob_txt}")
    if c.age_mode in ("age", "both"):
        o.append(f"Age\t\t\t\t\t{c.age}")
    o += [f"NHS\t\t\t\t\t{c.nhs_txt}", ""]
    for lab, v in checklist(c)[:8]:
        o.append(f"{lab}\t\t\t\t\t{rng.choice(['present', 'present', 'see letter', 'YES']) if v else rng.choice(['absent', 'absent', 'N/A', 'unknown', 'not asked', ''])}")
    o += ["", "Narrative\t" + (sentence_join(rng, pos_texts(c)) or "nil else")]
    if c.ibd_q:
        o.append("Query\t" + c.ibd_q)
    o += ["Results\t" + (results_inline(rng, c) or "nil"), "Other\t" + "; ".join(c.distract), f"Priority\t{c.prio_txt}", c.gp]
    return o


def L_bullets_short(rng, c):
    o = [f"{c.date_txt}", f"Gastro ref: {c.first} {c.last} " + age_inline(c) + (" " + ("M" if c.sex == "M" else "F")) + f" NHS {c.nhs_txt}"]
    o += ["c/o:"] + [f"• {t}" for t in pos_texts(c)]
    if c.ibd_q:
        o.append("• " + c.ibd_q)
    if c.neg:
        o.append("• " + neg_line(rng, c))
    rb = results_inline(rng, c)
    if rb:
        o.append("Ix: " + rb)
    o += ["Bg: " + "; ".join(c.distract), c.prio_txt, c.gp.split()[-1]]
    return o


LAYOUTS = {
    "ers_template": L_ers, "dear_doctor": L_dear, "terse_request": L_terse, "gp_system_paste": L_emis,
    "proforma_tick": L_proforma_tick, "proforma_yn_circled": lambda r, c: L_proforma_yn(r, c, "circle"),
    "proforma_yn_bracketed": lambda r, c: L_proforma_yn(r, c, "bracket"), "proforma_strikeout": L_proforma_strike,
    "proforma_dotleader": L_dotleader, "scored_checklist": L_scored, "cover_plus_proforma": L_cover_proforma,
    "continuation_pages": L_continuation, "locum_letter": lambda r, c: L_other_writer(r, c, "locum"),
    "nurse_practitioner": lambda r, c: L_other_writer(r, c, "np"), "pharmacist": lambda r, c: L_other_writer(r, c, "pharm"),
    "community_matron": lambda r, c: L_other_writer(r, c, "matron"), "ooh_summary": lambda r, c: L_other_writer(r, c, "ooh"),
    "ae_discharge_forward": L_ae, "patient_email_forward": L_patient_email, "carer_letter": L_carer,
    "results_table_letter": L_results_table, "soap_consultation": L_soap, "sbar": L_sbar, "qa_redflags": L_qa,
    "fax_cover": L_fax, "caps_headings": L_caps_headings, "tabbed_columns": L_tabbed, "bullet_short": L_bullets_short,
}


# ----------------------------------------------------------------------------- noise
SLIPS = {"diarrhoea": ["diarrhea", "diarhoea"], "referral": ["refferal", "referal"], "symptoms": ["symtoms", "symptons"],
         "patient": ["pateint", "patinet"], "grateful": ["greatful"], "appreciate": ["appreciate"], "abdominal": ["abdominla", "abdomnal"],
         "occasionally": ["ocasionally"], "thank": ["thnak"], "investigation": ["investigaton"], "results": ["resutls"]}


def typo(rng, line):
    for w, alts in SLIPS.items():
        if w in line and rng.random() < 0.35:
            line = line.replace(w, rng.choice(alts), 1)
    return line


def ocr(rng, line):
    out = []
    for w in line.split(" "):
        if w.isalpha() and len(w) > 3 and rng.random() < 0.12:
            opts = []
            if "rn" in w:
                opts.append(w.replace("rn", "m", 1))
            if "m" in w:
                opts.append(w.replace("m", "rn", 1))
            if "l" in w:
                opts.append(w.replace("l", "1", 1))
            if "O" in w:
                opts.append(w.replace("O", "0", 1))
            if "o" in w and w[0] == "o":
                opts.append("0" + w[1:])
            if "cl" in w:
                opts.append(w.replace("cl", "d", 1))
            if opts:
                w = rng.choice(opts)
        out.append(w)
    return " ".join(out)


def protected(line, prot):
    low = line.lower()
    return any(p and p.lower() in low for p in prot)


def apply_noise(rng, lines, prot, do_ocr, do_typo, do_caps):
    out = []
    for ln in lines:
        for sub in ln.split("\n"):
            if protected(sub, prot) or not sub.strip():
                out.append(sub)
                continue
            if do_typo:
                sub = typo(rng, sub)
            if do_ocr:
                sub = ocr(rng, sub)
                if len(sub) > 50 and rng.random() < 0.15:
                    sp = [i for i, ch in enumerate(sub) if ch == " " and 20 < i < len(sub) - 10]
                    if sp:
                        i = rng.choice(sp)
                        j = sub.find(" ", i + 1)
                        word = sub[i + 1:j if j > 0 else len(sub)]
                        if len(word) > 5 and word.isalpha():
                            k = len(word) // 2
                            sub = sub[:i + 1] + word[:k] + "-\n" + word[k:] + sub[i + 1 + len(word):]
            if do_caps and rng.random() < 0.1:
                sub = sub.lower()
            out.append(sub)
    return "\n".join(out)


# ----------------------------------------------------------------------------- main
def evidence_for(c):
    ev = {}
    for k, t in c.pos:
        ev.setdefault(k, []).append(t)
    if c.ibd_q:
        ev.setdefault("ibd", []).append(c.ibd_q)
    for r in c.results:
        if not r[6]:
            ev.setdefault("result:" + r[7], []).append(f"{r[0]}|{r[1]}")
    if c.f["fh_crc"] and c.fh_line:
        ev.setdefault("fh_crc", []).append(c.fh_line)
    return ev


def main():
    rules = []
    for r, n in PLAN.items():
        rules += [r] * n
    random.Random("letters8:order").shuffle(rules)
    styles = sorted(LAYOUTS)
    srng = random.Random("letters8:styles")
    style_seq = (styles * (N // len(styles) + 1))[:N]
    srng.shuffle(style_seq)
    letters, metas = [], []
    for i, rule in enumerate(rules, 1):
        lid = f"L8-{i:04d}"
        rng = random.Random(f"letters8:{lid}:{rule}")
        c = build_content(rng, i, rule)
        style = style_seq[i - 1]
        lines = LAYOUTS[style](rng, c)
        ev = evidence_for(c)
        prot = [t for k, v in ev.items() for t in v if not k.startswith("result:")]
        prot += [r[1] for r in c.results] + [c.nhs_txt, c.dob_txt, c.date_txt, c.prio_txt, str(c.age)]
        prot += [d for d in c.distract]
        do_ocr = style in ("fax_cover", "continuation_pages", "carer_letter") or rng.random() < 0.12
        text = apply_noise(rng, lines, prot, do_ocr, rng.random() < 0.35, rng.random() < 0.15)
        text = "\n".join(l.rstrip() for l in text.split("\n")).strip() + "\n"
        urg, path = RULE_LABEL[rule]
        f = {k: v for k, v in c.f.items() if not k.startswith("_")}
        f["fit_text"] = c.f.get("_fit_text")
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
                        "gp_priority": c.gp_priority, "age": c.age})
        metas.append({"id": lid, "rule": rule, "urgency": urg, "pathway": path, "style": style, "sex": c.sex, "age": c.age,
                      "dob": c.dob.isoformat(), "letter_date": c.letter_date.isoformat(), "dob_text": c.dob_txt,
                      "date_text": c.date_txt, "age_mode": c.age_mode, "nhs_number": c.nhs, "nhs_text": c.nhs_txt,
                      "facts": f, "negated": c.neg, "distractors": c.distract, "gp_priority": c.gp_priority,
                      "gp_priority_text": c.prio_txt, "ocr_noise": do_ocr, "evidence": ev,
                      "results": [{"name": r[0], "value": r[1], "unit": r[2], "date": r[5].isoformat(), "old": r[6], "key": r[7]} for r in c.results],
                      "d_subtype": c.f.get("_dsub"), "extras_added": c.f.get("_extra", [])})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for l in letters:
            fh.write(json.dumps(l, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    print(f"wrote {len(letters)} letters")


if __name__ == "__main__":
    main()
