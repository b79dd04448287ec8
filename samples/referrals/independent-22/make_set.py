#!/usr/bin/env python3
"""Generator for the sealed test set letters22 (300 gastroenterology referral letters).

Python 3 standard library only. Every random choice is seeded from strings, so reruns give
byte-identical files. Labels come from the rules in referral-triage-spec.md (first match wins).
"""
import datetime
import hashlib
import json
import os
import random
import re

OUT = os.path.dirname(os.path.abspath(__file__))
N = 300


def R(*parts):
    return random.Random(hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest())


URG = {"U": "urgent_suspected_cancer", "R": "urgent", "O": "routine", "A": "advice_and_guidance"}
RULE_LABELS = {
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
PLAN = {"U1": 14, "U2": 8, "U3": 16, "U4": 14, "U5": 10, "U6": 6, "U7": 8, "U8": 14,
        "R1": 18, "R2": 14, "R3": 13,
        "O1": 14, "O2": 14, "O4": 12, "O5": 20, "O6": 25, "D": 20,
        "O3": 14, "A1": 18, "A2": 18, "A3": 10}
assert sum(PLAN.values()) == N

SYMPTOMS = {"dysphagia", "rectal_mass", "anal_mass", "abdo_mass", "weight_loss", "upper_abdo_pain",
            "abdo_pain", "dyspepsia", "reflux", "jaundice", "rectal_bleeding", "cibh",
            "bloody_diarrhoea", "haematemesis", "bloating", "tres_dyspepsia", "cirrhosis_decomp"}


def decide(f):
    """Generator's copy of the spec rules (validate_set.py has its own, written separately)."""
    a, s, v = f["age"], set(f["sym"]), f["vals"]
    fit, cal, alt = v.get("fit"), v.get("calpro"), v.get("alt")
    anaemia = "hb" in v and v["hb"] < (130 if f["sex"] == "M" else 120)
    irond = "ferritin" in v and v["ferritin"] < 30
    pain = "upper_abdo_pain" in s or "abdo_pain" in s
    if "dysphagia" in s: return "U1"
    if s & {"rectal_mass", "anal_mass"}: return "U2"
    if fit is not None and fit >= 10: return "U3"
    if anaemia and irond: return "U4"
    if a >= 55 and "weight_loss" in s and s & {"upper_abdo_pain", "reflux", "dyspepsia", "tres_dyspepsia"}: return "U5"
    if "abdo_mass" in s: return "U6"
    if a >= 40 and "jaundice" in s: return "U7"
    if fit is None and ((a >= 50 and "rectal_bleeding" in s) or (a >= 40 and "weight_loss" in s and pain)
                        or (a >= 60 and "cibh" in s)): return "U8"
    if "bloody_diarrhoea" in s or (cal is not None and cal >= 250): return "R1"
    if "cirrhosis_decomp" in s or (alt is not None and alt >= 300): return "R2"
    if "haematemesis" in s: return "R3"
    if a >= 55 and "tres_dyspepsia" in s: return "O1"
    if cal is not None and 100 <= cal <= 249: return "O2"
    if "ibd_stable_q" in s: return "O3"
    if "coeliac_pos" in s: return "O4"
    if (alt is not None and 40 <= alt <= 299) or "fatty_liver" in s: return "O5"
    other = (s - {"abdo_pain", "upper_abdo_pain", "bloating", "cibh"}) or anaemia or irond
    if a < 50 and (pain or s & {"bloating", "cibh"}) and (
            (cal is not None and cal < 100) or (fit is not None and fit < 10)) and not other:
        return "A1"
    if (s & {"rectal_bleeding", "cibh"} or pain) and fit is not None and fit < 10: return "O6"
    if a < 55 and s & {"dyspepsia", "reflux", "tres_dyspepsia"}: return "A2"
    if "fh_crc" in s and not (s & SYMPTOMS): return "A3"
    return "D"


# ----------------------------------------------------------------------------- people, places
FIRST_F = ["Margaret", "Susan", "Aisha", "Joanne", "Priya", "Helen", "Bernadette", "Chloe", "Gwen", "Fatima",
           "Linda", "Zofia", "Eileen", "Rachel", "Amara", "Deborah", "Nicola", "Sian", "Irene", "Kirsty"]
FIRST_M = ["David", "Imran", "Graham", "Peter", "Tomasz", "Kwame", "Stuart", "Alan", "Rhys", "Mohammed",
           "Derek", "Callum", "Brian", "Sanjay", "Keith", "Liam", "Trevor", "Owen", "Yusuf", "Gordon"]
SURN = ["Thompson", "Patel", "Hughes", "O'Neill", "Kowalski", "Mensah", "Baxter", "Robertson", "Evans", "Khan",
        "Fletcher", "Ahmed", "McAllister", "Griffiths", "Nowak", "Sutherland", "Begum", "Lloyd", "Chapman", "Osei",
        "Pritchard", "Doyle", "Hamilton", "Singh", "Walsh", "Crawford", "Jenkins", "Bell", "Morrison", "Whitfield"]
PRACTICES = [("Riverside Medical Practice", "B82011", "14 Mill Lane, Otley LS21 3AB"),
             ("The Health Centre, Station Road", "C84022", "Station Road, Hucknall NG15 7UA"),
             ("Castlegate Surgery", "J82133", "2 Castlegate, Taunton TA1 1HE"),
             ("Parkview Group Practice", "M85044", "Parkview, Dudley DY1 2PP"),
             ("Thornbury Family Doctors", "L81055", "Rock Street, Thornbury BS35 2BJ"),
             ("Abbey Road Surgery", "P84066", "63 Abbey Road, Barrow LA14 5ES"),
             ("Meadowbank Medical Centre", "E87077", "Meadowbank Way, Ealing W5 2RT"),
             ("Harbour View Practice", "K81088", "Quay Street, Whitby YO21 1DH"),
             ("St Clement's Surgery", "D82099", "St Clement's Road, Norwich NR3 4AA"),
             ("Northgate Medical Group", "A81100", "Northgate, Darlington DL1 1RX")]
GPS = ["Dr A. Fraser", "Dr H. Choudhury", "Dr P. Lindqvist", "Dr R. Okafor", "Dr S. Marsh", "Dr J. Whitaker",
       "Dr N. Iqbal", "Dr C. Dunne", "Dr E. Sørensen", "Dr M. Howell", "Dr T. Adeyemi", "Dr G. Brennan"]
NUM_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
            "sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n):
    if n < 20: return NUM_WORDS[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else "-" + NUM_WORDS[u])


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        d[0] = r.randint(4, 9)
        c = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        if c == 11: c = 0
        if c != 10:
            s = "".join(map(str, d + [c]))
            return s[:3] + " " + s[3:6] + " " + s[6:]


def ukdate(d, r, long_ok=True):
    m = r.choice(["num", "num", "long"] if long_ok else ["num"])
    return d.strftime("%d/%m/%Y") if m == "num" else "%d %s %d" % (d.day, d.strftime("%B"), d.year)


# ----------------------------------------------------------------------------- phrase banks
POS = {
    "dysphagia": ["difficulty swallowing solids for {dur}", "food sticking behind the breastbone when swallowing, for {dur}",
                  "progressive dysphagia to solids over {dur}", "bread and meat now getting stuck on swallowing ({dur})"],
    "rectal_mass": ["a firm irregular rectal mass at about 6 cm on rectal examination",
                    "a hard rectal mass palpable on DRE on the anterior wall"],
    "anal_mass": ["a hard fixed lump at the anal margin on examination"],
    "abdo_mass": ["a firm mass palpable in the right iliac fossa", "a firm, fixed mass in the left iliac fossa on examination",
                  "a palpable abdominal mass in the right flank, about 5 cm, non-tender"],
    "weight_loss": ["unintentional weight loss of {kg} kg over {dur}", "has lost {kg} kg without trying over {dur}",
                    "unexplained weight loss ({kg} kg in {dur})"],
    "upper_abdo_pain": ["epigastric pain", "upper abdominal pain"],
    "abdo_pain": ["crampy lower abdominal pain", "left iliac fossa pain", "intermittent lower abdominal pain"],
    "dyspepsia": ["dyspepsia", "indigestion after meals"],
    "reflux": ["acid reflux", "reflux symptoms"],
    "jaundice": ["painless jaundice with yellow sclerae", "visibly jaundiced, with dark urine and pale stools, no pain"],
    "rectal_bleeding": ["bright red rectal bleeding", "fresh blood in the stool", "rectal bleeding on most days"],
    "cibh": ["a change in bowel habit to looser, more frequent stools for {dur}",
             "a change in bowel habit over {dur}, now loose 3-4 times a day",
             "a change in bowel habit towards constipation over {dur}"],
    "bloody_diarrhoea": ["bloody diarrhoea up to 8 times a day for {dur}", "diarrhoea with blood mixed in, for {dur}"],
    "haematemesis": ["vomited fresh red blood twice yesterday", "an episode of haematemesis (about a cupful of bright red blood) last night"],
    "bloating": ["bloating", "abdominal bloating, worse in the evenings"],
    "tres_dyspepsia": ["dyspepsia persisting despite {wk} weeks of omeprazole 20 mg daily",
                       "ongoing indigestion after {wk} weeks of lansoprazole 30 mg"],
    "cirrhosis_decomp": ["known alcohol-related cirrhosis with new ascites (abdomen distended, shifting dullness)",
                         "known cirrhosis (NASH) with new confusion over the past week, disorientated in time today"],
    "ibd_stable_q": ["known ulcerative colitis, stable in remission on mesalazine 2.4 g daily for 4 years, and my question is whether the mesalazine dose can be reduced",
                     "known Crohn's disease, stable on azathioprine, and my question is whether shingles vaccination is safe or azathioprine should be paused",
                     "known ulcerative colitis, stable for 3 years on mesalazine, and my question is whether to continue it through a planned pregnancy"],
    "coeliac_pos": ["a raised tTG IgA at {ttg} U/mL (ref <7)", "positive coeliac serology (tissue transglutaminase {ttg} U/mL, ref <10)"],
    "fatty_liver": ["a fatty liver on ultrasound", "hepatic steatosis (fatty liver) on ultrasound"],
    "fh_crc": ["a family history of colorectal cancer (father diagnosed at 48) but no symptoms at all",
               "a family history of bowel cancer (mother at 51 and a maternal uncle), and is completely asymptomatic",
               "two first-degree relatives with colorectal cancer (father 58, brother 49) and no bowel symptoms of any kind"],
    "dyspepsia_noppi": ["dyspepsia for {dur}, has not yet tried a PPI"],
    "tired": ["tiredness"],
    "nausea": ["nausea most mornings"],
}
ABBR = {"dysphagia": "dysphagia {dur}", "weight_loss": "unexplained wt loss {kg}kg", "rectal_bleeding": "PR bleed",
        "cibh": "CIBH (looser) {dur}", "abdo_pain": "LIF pain", "upper_abdo_pain": "epigastric pain",
        "reflux": "GORD sx", "abdo_mass": "palpable RIF mass", "rectal_mass": "PR: craggy mass felt",
        "bloody_diarrhoea": "bloody D+ {dur}", "haematemesis": "haematemesis x2", "jaundice": "painless jaundice"}
NEG = {"dysphagia": ["no dysphagia", "denies difficulty swallowing"], "weight_loss": ["weight stable", "no weight loss"],
       "rectal_bleeding": ["no rectal bleeding", "no PR blood"], "jaundice": ["not jaundiced"],
       "haematemesis": ["no haematemesis"], "abdo_mass": ["abdomen soft, no masses"],
       "rectal_mass": ["PR examination normal, no mass felt"], "cibh": ["bowel habit unchanged"]}
CHECK_NAMES = {"dysphagia": "Dysphagia", "weight_loss": "Unexplained weight loss", "rectal_bleeding": "Rectal bleeding",
               "cibh": "Change in bowel habit", "abdo_mass": "Abdominal mass", "rectal_mass": "Rectal mass",
               "jaundice": "Jaundice", "haematemesis": "Haematemesis", "bloody_diarrhoea": "Bloody diarrhoea"}
FAMILY = [("fh_crc", "{rel} had bowel cancer in {pos} seventies"), ("none", "{rel} had oesophageal cancer"),
          ("none", "{rel} has Crohn's disease"), ("none", "{rel} was recently diagnosed with coeliac disease")]
RESOLVED = [("rectal_bleeding", "rectal bleeding in 2015 from haemorrhoids, banded, none since"),
            ("dysphagia", "a food bolus obstruction in 2016, fully settled, no swallowing problems since"),
            ("jaundice", "jaundice as a teenager with hepatitis A, long resolved"),
            ("haematemesis", "a Mallory-Weiss tear with haematemesis in 2011, nothing since"),
            ("none", "H. pylori treated in 2019 and eradication confirmed on breath test")]
HYPO = [("dysphagia", "if {p} develops dysphagia {p} knows to come back"), ("weight_loss", "should {p} start losing weight I will re-refer"),
        ("haematemesis", "advised to attend A&E if {p} vomits blood"), ("rectal_bleeding", "if any rectal bleeding occurs {p} will contact us")]


def fmt_hb(v, r, plain):
    m = r.choice(["a", "b"] if plain else ["a", "b", "c", "d"])
    return {"a": "Hb %d" % v, "b": "Hb %d g/L" % v, "c": "haemoglobin %.1f g/dL" % (v / 10), "d": "Hb %.1f g/dL" % (v / 10)}[m]


def fmt_ferr(v, r, plain):
    return r.choice(["ferritin %d", "ferritin %d ug/L"] if plain else ["ferritin %d", "ferritin %d ug/L", "Ferritin %d µg/L", "ferritin %d ng/mL"]) % v


def fmt_fit(v, r, plain):
    if v >= 10:
        return r.choice(["FIT %d", "FIT %d ug/g", "qFIT %d ug Hb/g"] if plain else
                        ["FIT %d", "FIT %d ug/g", "qFIT positive at %d", "qFIT %d ug Hb/g", "FIT result %d µg Hb/g faeces"]) % v
    if v == 3: return r.choice(["FIT <4", "FIT: <4"])
    if v == 9: return "FIT: <10"
    if v == 0: return r.choice(["FIT negative", "FIT undetectable", "qFIT negative"])
    return r.choice(["FIT %d", "qFIT %d ug Hb/g"]) % v


def fmt_cal(v, r, plain):
    return r.choice(["calprotectin %d", "FCP %d", "faecal calprotectin %d ug/g"] if plain else
                    ["calprotectin %d", "FCP %d", "faecal calprotectin %d ug/g", "FCP %d µg/g"]) % v


def fmt_alt(v, r, plain):
    if not plain and v % 20 == 0 and v >= 80 and r.random() < 0.4:
        return "ALT %gx ULN (%d)" % (v / 40, v)
    return r.choice(["ALT %d U/L", "ALT %d", "ALT %d iu/L"]) % v


FMT = {"hb": fmt_hb, "ferritin": fmt_ferr, "fit": fmt_fit, "calpro": fmt_cal, "alt": fmt_alt}
REF = {"hb": ("Haemoglobin", "g/L", "{lo}-{hi}"), "ferritin": ("Ferritin", "ug/L", "30-300"),
       "fit": ("FIT (faecal immunochemical)", "ug Hb/g", "<10"), "calpro": ("Faecal calprotectin", "ug/g", "<50"),
       "alt": ("ALT", "U/L", "<40")}


# ----------------------------------------------------------------------------- scenarios
def scenario(rule, r):
    """Positive facts for a letter of the given rule: (age, sex, sym set, vals, extra-symptom-words)."""
    sex = r.choice("MF")
    s, v = set(), {}
    ri = r.randint
    if rule == "U1":
        age = ri(30, 90); s.add("dysphagia")
        if r.random() < 0.4: s.add(r.choice(["reflux", "weight_loss", "upper_abdo_pain"]))
    elif rule == "U2":
        age = ri(35, 88); s.add(r.choice(["rectal_mass", "rectal_mass", "anal_mass"]))
        if r.random() < 0.5: s.add(r.choice(["rectal_bleeding", "cibh"]))
    elif rule == "U3":
        age = ri(40, 88); v["fit"] = r.choice([12, 15, 23, 38, 52, 87, 150, 240, 400, r.randint(11, 300)])
        s.add(r.choice(["cibh", "rectal_bleeding", "abdo_pain", "cibh"]))
    elif rule == "U4":
        age = ri(25, 90); v["hb"] = ri(72, 116); v["ferritin"] = ri(3, 24)
        if r.random() < 0.4: s.add("tired")
    elif rule == "U5":
        age = ri(55, 90); s |= {"weight_loss", r.choice(["upper_abdo_pain", "reflux", "dyspepsia"])}
    elif rule == "U6":
        age = ri(30, 85); s.add("abdo_mass")
    elif rule == "U7":
        age = ri(40, 90); s.add("jaundice")
        if r.random() < 0.4: v["alt"] = ri(60, 500)
    elif rule == "U8":
        k = r.choice(["bleed", "wlpain", "cibh"])
        if k == "bleed": age = ri(50, 90); s.add("rectal_bleeding")
        elif k == "wlpain": age = ri(40, 54); s |= {"weight_loss", "abdo_pain"}
        else: age = ri(60, 92); s.add("cibh")
    elif rule == "R1":
        if r.random() < 0.55: age = ri(18, 49); s.add("bloody_diarrhoea")
        else: age = ri(18, 59); v["calpro"] = r.choice([260, 310, 480, 560, 900, 1200, r.randint(251, 1500)]); s.add("cibh" if age < 60 else "abdo_pain")
    elif rule == "R2":
        if r.random() < 0.5: age = ri(35, 80); s.add("cirrhosis_decomp")
        else: age = ri(18, 80); v["alt"] = r.choice([300, 340, 412, 560, 880, r.randint(301, 1500)])
    elif rule == "R3":
        age = ri(18, 85); s.add("haematemesis")
    elif rule == "O1":
        age = ri(55, 90); s.add("tres_dyspepsia")
    elif rule == "O2":
        age = ri(18, 59); v["calpro"] = ri(100, 249); s.add("cibh")
        if age < 40 and r.random() < 0.5: s.add("abdo_pain")
    elif rule == "O3":
        age = ri(20, 80); s.add("ibd_stable_q")
    elif rule == "O4":
        age = ri(18, 70); s.add("coeliac_pos")
        if r.random() < 0.5: s.add("bloating")
    elif rule == "O5":
        age = ri(18, 85)
        if r.random() < 0.5: v["alt"] = ri(41, 290)
        else: s.add("fatty_liver")
    elif rule == "A1":
        age = ri(18, 49); s.add(r.choice(["abdo_pain", "bloating", "cibh"]))
        if r.random() < 0.4: s.add(r.choice(["abdo_pain", "bloating", "cibh"]))
        if r.random() < 0.5: v["calpro"] = ri(10, 95)
        else: v["fit"] = r.choice([0, 3, 9, 4, 6])
    elif rule == "O6":
        age = ri(50, 90); s.add(r.choice(["rectal_bleeding", "cibh", "abdo_pain"]))
        v["fit"] = r.choice([0, 3, 9, 2, 5, 7])
    elif rule == "A2":
        age = ri(18, 54); s.add(r.choice(["dyspepsia", "reflux", "tres_dyspepsia"]))
    elif rule == "A3":
        age = ri(25, 70); s.add("fh_crc")
    elif rule == "D":
        k = r.choice(["noppi", "cibh5059", "irondef", "young_cibh", "nausea"])
        if k == "noppi": age = ri(55, 85); s.add("dyspepsia_noppi")
        elif k == "cibh5059": age = ri(50, 59); s.add("cibh")
        elif k == "irondef": age = ri(20, 80); v["hb"] = ri(135, 150); v["ferritin"] = ri(8, 25); s.add("tired")
        elif k == "young_cibh": age = ri(18, 49); s.add(r.choice(["cibh", "bloating"]))
        else: age = ri(20, 70); s.add("nausea")
    return age, sex, s, v


def facts_for_rule(s):
    """Map scenario symptom names to rule-engine fact names."""
    out = set()
    for x in s:
        if x == "dyspepsia_noppi": out.add("dyspepsia")
        elif x == "tres_dyspepsia": out |= {"tres_dyspepsia", "dyspepsia"}
        elif x in ("tired", "nausea"): continue
        else: out.add(x)
    return out


# ----------------------------------------------------------------------------- letter context
class Ctx:
    def __init__(self, i, rule, style, r):
        self.i, self.rule, self.style, self.r = i, rule, style, r
        self.evidence = {}
        self.distractors = []

    def ev(self, key, text):
        self.evidence.setdefault(key, []).append(text)
        return text

    def dis(self, kind, fact, text):
        self.distractors.append({"kind": kind, "fact": fact, "text": text})
        return text


def pron(sex):
    return ("he", "his", "him", "Mr") if sex == "M" else ("she", "her", "her", "Mrs")


def sentence(x):
    return x[0].upper() + x[1:]


def build(i, rule, style):
    r = R("letters22", i, rule, style)
    age, sex, s, v = scenario(rule, r)
    he, his, him, title = pron(sex)
    if sex == "F" and r.random() < 0.3: title = "Ms"
    first = r.choice(FIRST_M if sex == "M" else FIRST_F); sur = r.choice(SURN)
    plain = style in ("gp_lowercase",)
    letter_date = datetime.date(2024, 1, 1) + datetime.timedelta(days=r.randint(0, 700))
    anniv = datetime.date(letter_date.year - age, letter_date.month, min(letter_date.day, 28))
    dob = anniv - datetime.timedelta(days=r.randint(20, 330))
    practice = r.choice(PRACTICES)
    gp = r.choice(GPS)
    c = Ctx(i, rule, style, r)
    c.sex, c.age, c.he, c.his, c.him, c.title = sex, age, he, his, him, title
    c.name = "%s %s %s" % (title, first, sur)
    c.first, c.sur = first, sur
    c.letter_date, c.dob, c.practice, c.gp = letter_date, dob, practice, gp
    c.nhs = nhs_number(r)
    c.hosp = "RX%07d" % r.randint(0, 9999999)
    c.ubrn = "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))
    dur = r.choice(["6 weeks", "2 months", "3 months", "4 months", "6 weeks or so", "10 weeks"])
    kg = r.choice([4, 5, 6, 7, 8, 9, 10, 12])
    wk = r.choice([6, 8, 10, 12])
    ttg = r.choice([34, 56, 86, 128, 200])

    # ---- positive symptom phrases
    c.pos = []  # list of (fact, phrase)
    for x in sorted(s):
        if style == "gp_abbrev" and x in ABBR:
            ph = ABBR[x]
        else:
            ph = r.choice(POS[x])
        ph = ph.format(dur=dur, kg=kg, wk=wk, ttg=ttg)
        c.pos.append((x, ph))
    c.weight_pct = None
    if "weight_loss" in s:
        c.weight_pct = r.choice([6, 8, 9, 11, 12])
    # ---- values
    c.vals = []
    for k in ["hb", "ferritin", "fit", "calpro", "alt"]:
        if k in v:
            c.vals.append((k, v[k], FMT[k](v[k], r, plain)))
    # ---- distractors (facts that do not count), chosen so they never add a counting fact
    eng = facts_for_rule(s)
    base = {"age": age, "sex": sex, "sym": eng, "vals": dict(v)}
    assert decide(base) == rule, (i, rule, base, decide(base))
    c.neg, c.fam, c.res, c.hyp = [], [], [], []
    negs = [k for k in NEG if k not in eng and not (k == "cibh" and eng & {"bloody_diarrhoea"})]
    r.shuffle(negs)
    for k in negs[: r.randint(1, 3)]:
        c.neg.append((k, r.choice(NEG[k])))

    def soft_ok(fact):
        if fact == "none": return True
        t = {"age": age, "sex": sex, "sym": eng | {fact}, "vals": dict(v)}
        return decide(t) == rule

    rel = r.choice(["%s mother" % his, "%s father" % his, "an older sister", "a brother"])
    if r.random() < 0.45 and rule not in ("A1", "A3", "D"):
        f, t = r.choice(FAMILY)
        c.fam.append((f, t.format(rel=rel, pos="her" if ("mother" in rel or "sister" in rel) else "his")))
    if r.random() < 0.35:
        f, t = r.choice(RESOLVED)
        if soft_ok(f) and not (f in eng): c.res.append((f, t))
    if r.random() < 0.35:
        f, t = r.choice(HYPO)
        if f not in eng: c.hyp.append((f, t.format(p=he)))
    c.normvals = []
    if r.random() < 0.45:
        cand = []
        if "hb" not in v: cand.append(("hb", r.randint(136, 152)))
        if "alt" not in v and "fatty_liver" not in s: cand.append(("alt", r.randint(12, 34)))
        if "ferritin" not in v: cand.append(("ferritin", r.randint(45, 180)))
        if "fit" not in v and rule[0] in "UR" and rule != "U8" or rule in ("O1", "O3", "O4", "O5") and "fit" not in v:
            cand.append(("fit", 3))
        if cand:
            k, val = r.choice(cand)
            t = {"age": age, "sex": sex, "sym": eng, "vals": dict(v, **{k: val})}
            if decide(t) == rule:
                c.normvals.append((k, val, FMT[k](val, r, plain)))
                v[k] = val
    c.soft = []  # refuted report / sign absent at review
    if r.random() < 0.3 and soft_ok("weight_loss") and "weight_loss" not in eng:
        c.soft.append(("refuted report", "weight_loss",
                       "%s %s thinks %s has lost weight, but %s weighs %d kg today, the same as in the spring" %
                       (his, r.choice(["daughter", "partner", "son", "neighbour"]), he, he, r.randint(58, 96))))
    elif r.random() < 0.2 and soft_ok("abdo_mass") and "abdo_mass" not in eng:
        c.soft.append(("sign absent at review", "abdo_mass",
                       "a possible mass felt by the locum last month was not palpable on my examination today and the abdomen is soft"))
    c.facts = {"age": age, "sex": sex, "sym": sorted(eng), "vals": v, "other_findings": sorted(s - eng)}
    assert decide({"age": age, "sex": sex, "sym": eng, "vals": v}) == rule
    # ---- requested priority
    urg = RULE_LABELS[rule][0]
    u = r.random()
    order = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]
    if u < 0.5:
        others = [o for o in order if o != urg]
        req = r.choice(others)
    elif u < 0.9:
        req = urg
    else:
        req = None
    c.req = req
    c.req_text = None if req is None else r.choice({
        "urgent_suspected_cancer": ["Please see under the 2WW pathway.", "Priority: 2WW.", "I am referring under the urgent suspected cancer pathway.",
                                    "I would be grateful for a fast-track appointment."],
        "urgent": ["Urgent please.", "Priority: urgent (not 2WW).", "Could you see %s soon, within a few weeks?" % him],
        "routine": ["Routine referral.", "Priority: routine.", "No rush, routine clinic is fine."],
        "advice_and_guidance": ["Advice and guidance only please; I am not sure %s needs to be seen." % he,
                                "Priority: A&G.", "Happy to be advised by letter."]}[req])
    c.gp_priority = None if req is None else {"urgent_suspected_cancer": "two-week wait / suspected cancer", "urgent": "urgent",
                                             "routine": "routine", "advice_and_guidance": "advice only"}[req]
    c.noise = R("noise", i).random() < 0.10
    text = STYLES[style](c)
    if style == "gp_lowercase":
        text = lower_strip(text)
        c.evidence = {k: [lower_strip(x) for x in xs] for k, xs in c.evidence.items()}
        for d in c.distractors: d["text"] = lower_strip(d["text"])
    if "dyspepsia_noppi" in c.evidence: c.evidence["dyspepsia"] = c.evidence.pop("dyspepsia_noppi")
    if "tres_dyspepsia" in c.evidence: c.evidence["dyspepsia"] = list(c.evidence["tres_dyspepsia"])
    for k, xs in c.evidence.items():
        for x in xs: assert x in text, (i, style, k, x)
    for d in c.distractors: assert d["text"] in text, (i, style, d)
    return c, text


def lower_strip(t):
    t = t.lower()
    t = re.sub(r"[,;:()'\"!?]", "", t)
    t = re.sub(r"\.(\s|$)", r"\1", t)
    return t


NOISE = [("Surgery", "Surqery"), ("regards", "regrads"), ("Thank you", "Thankyou"), ("sincerely", "sincerley"),
         ("Practice", "Practlce"), ("Dear", "Dcar"), ("referral", "refferal"), ("Medical", "Medlcal")]


def noisy(c, t):
    if not c.noise: return t
    for a, b in NOISE:
        if a in t: return t.replace(a, b, 1)
    return t


# ----------------------------------------------------------------------------- common pieces
def age_phrase(c, mode=None):
    mode = mode or c.r.choice(["num", "num", "words", "aged"])
    if mode == "num": t = "%d-year-old" % c.age
    elif mode == "words": t = "%s-year-old" % words(c.age)
    else: t = "aged %d" % c.age
    return c.ev("age", t)


def dob_line(c):
    return c.ev("age", "DOB %s" % c.dob.strftime("%d/%m/%Y"))


def date_line(c):
    return c.ev("letter_date", "Date: %s" % c.letter_date.strftime("%d/%m/%Y"))


def header(c, long=False):
    p = c.practice
    lines = [noisy(c, p[0]), p[2], "Practice code %s   Tel 01%03d %06d" % (p[1], c.r.randint(100, 999), c.r.randint(0, 999999))]
    if long:
        lines += ["Dictated: %s   Typed: %s" % ((c.letter_date - datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
                                                (c.letter_date - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))]
    lines += [date_line(c), "", "Re: %s   %s   NHS No %s" % (c.name, dob_line(c), c.nhs)]
    return "\n".join(lines)


def pos_list(c):
    return [c.ev(f, ph) for f, ph in c.pos]


def val_list(c):
    return [c.ev(k, t) for k, _, t in c.vals] + [c.dis("normal value", k, t) for k, _, t in c.normvals]


def neg_list(c):
    return [c.dis("negated", f, t) for f, t in c.neg]


def extras(c):
    """Family / resolved / hypothetical / soft distractor sentences."""
    out = []
    for f, t in c.fam: out.append(c.dis("family history", f, sentence(t)) + ".")
    for f, t in c.res: out.append("Past history of " + c.dis("resolved/past", f, t) + ".")
    for f, t in c.hyp: out.append(c.dis("hypothetical", f, sentence(t)) + ".")
    for k, f, t in c.soft: out.append(c.dis(k, f, sentence(t)) + ".")
    return out


def joinand(xs):
    xs = list(xs)
    if not xs: return ""
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " and " + xs[-1]


def signoff(c, role="GP"):
    return noisy(c, c.r.choice(["Kind regards", "Yours sincerely", "Many thanks", "Best wishes"])) + ",\n\n%s\n%s" % (c.gp, role)


def req(c):
    return c.req_text or ""


def closing_thanks(c):
    return noisy(c, c.r.choice(["Thank you for seeing this patient.", "Thank you for your help with this referral.",
                                "Thank you for your advice.", "Many thanks for your opinion."]))


def core_sentences(c, subj=None):
    subj = subj or c.he.capitalize()
    out = []
    p = pos_list(c)
    if p: out.append("%s has %s." % (subj, joinand(p)))
    vl = val_list(c)
    if vl: out.append("Recent bloods/tests: %s." % "; ".join(vl))
    ng = neg_list(c)
    if ng: out.append("On questioning, " + joinand(ng) + ".")
    out += extras(c)
    return out


# ----------------------------------------------------------------------------- styles
def st_gp_formal(c):
    body = " ".join(["I would be grateful if you would see this %s %s." % (age_phrase(c), "man" if c.sex == "M" else "woman")] + core_sentences(c))
    return "\n".join([header(c), "", noisy(c, "Dear Doctor,"), "", body, "", req(c), closing_thanks(c), "", signoff(c)])


def st_gp_terse(c):
    p = pos_list(c); vl = val_list(c)
    line1 = "%s, %s. %s." % (c.name, age_phrase(c, "num"), "; ".join(p + vl))
    ng = neg_list(c)
    line2 = ("On questioning, " + joinand(ng) + ". " if ng else "") + " ".join(extras(c))
    return "\n".join([date_line(c), "%s  NHS %s" % (c.name, c.nhs), "", "Gastro please. " + line1, line2.strip(), req(c), "", c.gp])


def st_gp_chatty(c):
    s = ["Dear colleague,", "",
         "Thanks for having a look at %s, a lovely %s %s I've known for years." % (c.first, age_phrase(c), "chap" if c.sex == "M" else "lady")]
    p = pos_list(c)
    if p: s.append("Lately %s's been troubled by %s, which is really not like %s." % (c.he, joinand(p), c.him))
    vl = val_list(c)
    if vl: s.append("I did some bloods and tests: %s." % ", ".join(vl))
    ng = neg_list(c)
    if ng: s.append("Reassuringly %s." % joinand(ng))
    s += extras(c)
    s += ["", req(c) or "I'll leave the urgency to you.", "", "All the best,", c.gp]
    return "\n".join([header(c), ""] + s)


def st_gp_bullets(c):
    L = [header(c), "", "Referral to gastroenterology", "", "- %s %s" % (age_phrase(c, "num"), "male" if c.sex == "M" else "female")]
    L += ["- " + x for x in pos_list(c)] + ["- " + x for x in val_list(c)] + ["- " + x for x in neg_list(c)]
    L += ["- " + x for x in extras(c)]
    if c.req_text: L.append("- " + c.req_text)
    L += ["", signoff(c)]
    return "\n".join(L)


def st_gp_thirdperson(c):
    s = ["The patient is a %s %s registered with this practice." % (age_phrase(c), "man" if c.sex == "M" else "woman")]
    p = pos_list(c)
    if p: s.append("The patient reports %s." % joinand(p))
    vl = val_list(c)
    if vl: s.append("The patient's results show %s." % ", ".join(vl))
    ng = neg_list(c)
    if ng: s.append("On questioning the patient has %s." % joinand(ng))
    s += extras(c)
    s.append("Dr %s has asked me to write on the partners' behalf. %s" % (c.gp.split()[-1], req(c)))
    return "\n".join([header(c), "", noisy(c, "Dear Consultant,"), "", " ".join(s), "", signoff(c, "GP partner")])


def st_gp_lowercase(c):
    s = ["%s %s %s" % (c.first, c.sur, age_phrase(c, "num"))]
    s += pos_list(c) + val_list(c) + neg_list(c) + extras(c)
    if c.req_text: s.append(c.req_text)
    s.append("thanks " + c.gp)
    return "\n".join([c.practice[0], date_line(c), "nhs %s" % c.nhs, ""] + [" ".join(s)])


def st_gp_abbrev(c):
    s = ["%s %s, %s." % ("M" if c.sex == "M" else "F", c.ev("age", "%dy" % c.age), "PMH nil sig" if c.r.random() < 0.5 else "PMH HTN, T2DM")]
    p = pos_list(c)
    if p: s.append("c/o " + ", ".join(p) + ".")
    vl = val_list(c)
    if vl: s.append("Ix: " + ", ".join(vl) + ".")
    ng = neg_list(c)
    if ng: s.append("O/E & Hx: " + ", ".join(ng) + ".")
    s += extras(c)
    s.append("Pls r/v in GI OPD. " + req(c))
    return "\n".join([header(c), "", " ".join(s), "", "Thx, " + c.gp])


def st_gp_systemdump(c):
    L = [header(c), "", "=== REFERRAL (auto-populated from clinical system) ===",
         "Patient: %s   Sex: %s   %s" % (c.name, c.sex, c.ev("age", "Age: %d" % c.age)), "",
         "Problem list:", "  Active: Hypertension (2014); Osteoarthritis knee (2019)",
         "  Past: Appendicectomy (1998)", "",
         "Medication:", "  Amlodipine 5 mg od", "  Paracetamol 1 g qds prn"]
    if any(f in ("tres_dyspepsia",) for f, _ in c.pos): L.append("  Omeprazole 20 mg od")
    L += ["", "Allergies: NKDA", "", "Free text from consultation (%s):" % c.letter_date.strftime("%d-%b-%Y")]
    L += ["  " + x for x in core_sentences(c)]
    L += ["", "Referral reason: gastroenterology opinion. " + req(c), "", "Referrer: " + c.gp]
    return "\n".join(L)


def st_gp_locum(c):
    s = ["Seen today as a locum: %s %s." % (age_phrase(c), "gentleman" if c.sex == "M" else "lady")] + core_sentences(c)
    s.append("I will not be here for follow-up, so please send the reply to the usual GP. " + req(c))
    return "\n".join([header(c), "", noisy(c, "Dear Gastroenterology Team,"), "", " ".join(s), "", signoff(c, "Locum GP")])


def st_gp_registrar(c):
    s = ["I saw this %s %s in my surgery and have discussed %s with my trainer." % (age_phrase(c), "man" if c.sex == "M" else "woman", c.him)]
    s += core_sentences(c)
    s.append(req(c))
    return "\n".join([header(c), "", noisy(c, "Dear Doctor,"), "", " ".join(s), "", closing_thanks(c), "", "%s\nGP Registrar (ST3)" % c.gp])


def headed(c, heads, same_line=False):
    """Generic headed letter. heads: dict role->heading text."""
    L = [header(c, long=c.r.random() < 0.3), ""]
    def H(h, content):
        if same_line: L.append("%s: %s" % (h, content))
        else: L.extend([h.upper() if c.r.random() < 0.3 else h, content, ""])
    p = pos_list(c)
    H(heads["pc"], "%s %s with %s" % (age_phrase(c), "man" if c.sex == "M" else "woman", joinand(p) if p else "results below"))
    vl = val_list(c)
    if vl: H(heads["ix"], "; ".join(vl))
    ng = neg_list(c)
    if ng: H(heads["neg"], ", ".join(ng))
    ex = extras(c)
    if ex: H(heads["other"], " ".join(ex))
    H(heads["req"], c.req_text or "Your opinion please.")
    L += ["", signoff(c)]
    return "\n".join(L)


def st_hdr_pc_hpc(c):
    return headed(c, {"pc": "Presenting complaint", "ix": "Investigations", "neg": "HPC - negatives",
                      "other": "PMH / FH / SH", "req": "Request"})


def st_hdr_soap(c):
    return headed(c, {"pc": "S", "ix": "O", "neg": "O (cont.)", "other": "A", "req": "P"}, same_line=True)


def st_hdr_concerns(c):
    return headed(c, {"pc": "Concerns", "ix": "What I have done", "neg": "Safety netting - checked",
                      "other": "Background", "req": "What I would like"})


def st_hdr_redflags(c):
    L = [header(c), "", "Hx: %s %s." % (age_phrase(c), "M" if c.sex == "M" else "F")]
    p = pos_list(c)
    if p: L.append("Symptoms: " + "; ".join(p) + ".")
    ng = neg_list(c)
    L += ["", "Red flags screened:"] + ["  - " + x for x in ng] + (["  - nil further"] if not ng else [])
    vl = val_list(c)
    if vl: L += ["", "Results: " + ", ".join(vl)]
    ex = extras(c)
    if ex: L += ["", "Other: " + " ".join(ex)]
    L += ["", "Impression / request: " + (c.req_text or "please advise."), "", signoff(c)]
    return "\n".join(L)


def st_hdr_inline(c):
    return headed(c, {"pc": "Hx", "ix": "Bloods", "neg": "Exam", "other": "Impression", "req": "Plan"}, same_line=True)


def st_ers_template(c):
    L = ["NHS e-Referral Service - Referral Letter", "UBRN: %s" % c.ubrn,
         "Service: Gastroenterology - %s" % c.r.choice(["General", "Lower GI", "Upper GI", "Hepatology"]),
         "Priority (referrer selected): %s" % ({"urgent_suspected_cancer": "2 Week Wait", "urgent": "Urgent", "routine": "Routine",
                                                "advice_and_guidance": "Advice & Guidance"}.get(c.req, "not stated")),
         "", "Patient name: %s" % c.name, dob_line(c), date_line(c), "NHS number: %s" % c.nhs,
         "Referring practice: %s (%s)" % (c.practice[0], c.practice[1]), "Referrer: %s" % c.gp, "",
         "Reason for referral:"]
    p = pos_list(c)
    L.append("  " + (joinand(p) if p else "see results") + ".")
    vl = val_list(c)
    L += ["Relevant investigations:", "  " + ("; ".join(vl) if vl else "none")]
    ng = neg_list(c)
    L += ["Relevant negatives:", "  " + (", ".join(ng) if ng else "-")]
    L += ["Other history:", "  " + (" ".join(extras(c)) or "nil")]
    return "\n".join(L)


def checklist_lines(c, render, unticked=None):
    """Checklist of red-flag items. render(name, state) -> line, state in True/False."""
    lines = []
    posf = [(f, ph) for f, ph in c.pos if f in CHECK_NAMES]
    for f, ph in posf:
        line = render(CHECK_NAMES[f], True)
        lines.append(c.ev(f, line) + "  (" + c.ev(f, ph) + ")")
    for f, ph in c.neg:
        line = render(CHECK_NAMES[f], False)
        lines.append(c.dis("negated (form)", f, line))
    if unticked:
        for f in unticked:
            lines.append(c.dis("unticked box", f, "[ ] " + CHECK_NAMES[f]))
    return lines


def form(c, title, render, legend="", unticked=False, wt=False):
    L = [title, legend, "", "Patient: %s   %s   NHS %s" % (c.name, dob_line(c), c.nhs), date_line(c),
         "Practice: %s (%s)" % (c.practice[0], c.practice[1]), "", "RED FLAG CHECKLIST"]
    unt = None
    if unticked:
        used = {f for f, _ in c.pos} | {f for f, _ in c.neg}
        unt = [k for k in CHECK_NAMES if k not in used and k not in facts_for_rule({f for f, _ in c.pos})][:2]
        if c.rule == "A3" or any(f == k for f, _ in c.fam + c.res + c.hyp + [(x[1], 0) for x in c.soft] for k in unt):
            unt = [k for k in unt if not any(f == k for f, _ in c.fam + c.res + c.hyp + [(x[1], 0) for x in c.soft])]
    L += checklist_lines(c, render, unt)
    if wt and c.weight_pct:
        L.append(c.ev("weight_loss", "Weight change over 6 months: -%d%%" % c.weight_pct))
    other = [(f, ph) for f, ph in c.pos if f not in CHECK_NAMES]
    L += ["", "Clinical details:"]
    if other: L.append("  " + "; ".join(c.ev(f, ph) for f, ph in other))
    vl = val_list(c)
    if vl: L.append("  Results: " + "; ".join(vl))
    ex = extras(c)
    if ex: L.append("  " + " ".join(ex))
    L.append("  Age at referral: see DOB above.")
    L += ["", "Referrer's requested priority: " + (c.req_text or "(left blank)"), "Signed: " + c.gp]
    return "\n".join(L)


def st_form_circled(c):
    return form(c, "GASTROENTEROLOGY REFERRAL PROFORMA", lambda n, s: "%s .......... %s" % (n, "(Yes) / No" if s else "Yes / (No)"),
                "(circled answer shown in brackets)")


def st_form_struck(c):
    return form(c, "Lower/Upper GI referral form", lambda n, s: "%s: %s" % (n, "Yes / ~~No~~" if s else "~~Yes~~ / No"),
                "(delete as appropriate: deleted option shown ~~struck~~)")


def st_form_yn(c):
    return form(c, "GI REFERRAL - Y/N", lambda n, s: "%-26s %s" % (n, "Y" if s else "N"), "Answer Y or N", wt=True)


def st_form_ticks(c):
    return form(c, "Referral checklist", lambda n, s: ("[✓] " if s else "[✗] ") + n,
                "✓ = present, ✗ = checked and absent, blank = not assessed", unticked=True)


def st_form_present(c):
    return form(c, "Symptom screen", lambda n, s: "%s - %s" % (n, "present" if s else "absent"), "", wt=True)


def st_form_plusminus(c):
    return form(c, "GI triage sheet", lambda n, s: "%s (%s)" % (n, "+" if s else "-"), "+ present, - absent")


def st_form_freetext(c):
    pa = c.r.choice(["yes, for about %s", "yes, most days", "occasionally, and still happening"])
    na = ["not that %s's noticed" % c.he, "no", "none"]

    def render(n, s):
        return "%s? %s" % (n, (pa % "two months" if "%s" in pa else pa) if s else c.r.choice(na))
    L = form(c, "Pre-referral questionnaire (completed with patient)", render, "", wt=True)
    return L


def st_relayed(c):
    s = ["I saw %s (%s) with %s %s today." % (c.name, age_phrase(c), c.his, c.r.choice(["daughter", "husband" if c.sex == "F" else "wife", "son"]))]
    p = pos_list(c)
    if p:
        s.append("The family told me about %s, and %s confirms this when I ask %s directly." % (joinand(p), c.he, c.him))
    vl = val_list(c)
    if vl: s.append("Results: %s." % ", ".join(vl))
    ng = neg_list(c)
    if ng: s.append("The family wondered about other problems; on direct questioning: %s." % joinand(ng))
    s += extras(c)
    s.append(req(c))
    return "\n".join([header(c), "", noisy(c, "Dear Doctor,"), "", " ".join(s), "", signoff(c)])


def st_course(c):
    s = ["Re-referral of this %s %s." % (age_phrase(c), "man" if c.sex == "M" else "woman")]
    p = [(f, ph) for f, ph in c.pos]
    if p:
        f, ph = p[0]
        s.append("%s first noticed symptoms in the spring; they settled for a few weeks and then came back, and %s now has %s." %
                 (c.he.capitalize(), c.he, c.ev(f, ph)))
        if len(p) > 1: s.append("Also %s." % joinand(c.ev(f2, ph2) for f2, ph2 in p[1:]))
    for k, val, t in c.vals:
        if k == "hb" and val < 125:
            s.append("%s in the spring, repeated this month: %s." % (c.dis("superseded earlier value", "hb", "Hb was %d g/L" % (val + 20)), c.ev(k, t)))
        elif k == "alt" and val < 300:
            s.append("ALT was 31 a year ago; %s on repeat." % c.ev(k, t))
            c.dis("superseded earlier value", "alt", "ALT was 31 a year ago")
        else:
            s.append("Latest %s." % c.ev(k, t))
    for k, val, t in c.normvals: s.append("Also %s." % c.dis("normal value", k, t))
    ng = neg_list(c)
    if ng: s.append("Today: %s." % joinand(ng))
    s += extras(c)
    s.append(req(c))
    return "\n".join([header(c), "", noisy(c, "Dear Doctor,"), "", " ".join(s), "", signoff(c)])


def non_gp(c, org, role, intro):
    L = [org, date_line(c), "Patient: %s   %s   NHS %s" % (c.name, dob_line(c), c.nhs), "GP: %s, %s" % (c.gp, c.practice[0]), "",
         intro, ""]
    L += core_sentences(c)
    L += ["", req(c) or "I have not set a priority; please triage.", "", "%s\n%s" % (c.r.choice(["J. Pearce", "K. Mwangi", "L. Doherty", "R. Szabo"]), role)]
    return "\n".join(L)


def st_nhs111(c):
    return non_gp(c, "NHS 111 - Clinical Assessment Service", "Clinician (paramedic), NHS 111",
                  "Telephone assessment. Caller was the patient. Disposition: referral to specialist service via GP; copy to gastroenterology.")


def st_walkin(c):
    return non_gp(c, "Urgent Treatment Centre / Walk-in Centre", "Advanced Nurse Practitioner",
                  "Attended the walk-in centre today; observations normal (HR 78, BP 132/80, afebrile).")


def st_matron(c):
    return non_gp(c, "Community Matron Service - %s locality" % c.practice[2].split(",")[-1].split()[0], "Community Matron",
                  "Seen at home on my routine visit; the patient is housebound.")


def st_carecoord(c):
    return non_gp(c, "Integrated Care Team", "Care Co-ordinator",
                  "Discussed at the multidisciplinary meeting this week; the GP has asked me to send this referral.")


def st_pharmacist(c):
    L = [c.practice[0], "Structured Medication Review", date_line(c), "Patient: %s  %s  NHS %s" % (c.name, dob_line(c), c.nhs), "",
         "Medicines reviewed: omeprazole, ramipril, atorvastatin, ibuprofen (stopped at this review).", ""]
    L += core_sentences(c, "The patient")
    L += ["", "Discussed with the duty GP (%s) who agreed gastroenterology referral. %s" % (c.gp, req(c)), "", "A. Bhatt, Clinical Pharmacist"]
    return "\n".join(L)


def st_endopreassess(c):
    return non_gp(c, "Endoscopy Unit - Pre-assessment Clinic", "Endoscopy Pre-assessment Nurse",
                  "Seen in pre-assessment for a booked procedure; new information below for the consultant's review.")


def st_private(c):
    L = ["Private Health Assessment Report", "Wellness Clinic, Harley Street, London", date_line(c),
         "Client: %s   %s" % (c.name, dob_line(c)), ""]
    L += core_sentences(c)
    L += ["", "Recommendation: NHS gastroenterology referral via the client's GP. " + req(c), "", "Dr V. Rao, Health Screening Physician"]
    return "\n".join(L)


def st_forces(c):
    L = ["Defence Primary Healthcare - Medical Centre, Catterick Garrison", date_line(c),
         "Service number: %s%d   Name: %s   %s" % ("P", c.r.randint(10000000, 29999999), c.name, dob_line(c)), ""]
    L += core_sentences(c)
    L += ["", "Currently medically downgraded pending assessment. " + req(c), "", "Maj. S. Hollis, Regimental Medical Officer"]
    return "\n".join(L)


def st_results_table(c):
    L = [header(c), "", noisy(c, "Dear Doctor,"), ""]
    p = pos_list(c)
    L.append("I would value your opinion on this %s%s." % (age_phrase(c), (" who has " + joinand(p)) if p else ""))
    rows = [(k, val, 0) for k, val, _ in c.vals] + [(k, val, 1) for k, val, _ in c.normvals]
    if rows:
        L += ["", "Test                         Result   Units     Range      Flag"]
        for k, val, isnorm in rows:
            name, unit, rng_ = REF[k]
            lo, hi = (130, 180) if c.sex == "M" else (115, 165)
            rng_ = rng_.format(lo=lo, hi=hi)
            shown = ("<4" if val == 3 else "<10" if val == 9 else "neg" if val == 0 else str(val)) if k == "fit" else str(val)
            flag = ""
            if k == "hb": flag = "L" if val < lo else ""
            elif k == "ferritin": flag = "L" if val < 30 else ""
            elif k == "fit": flag = "H" if val >= 10 else ""
            elif k == "calpro": flag = "H" if val >= 50 else ""
            elif k == "alt": flag = "H" if val >= 40 else ""
            row = ("%-28s %-8s %-9s %-10s %s" % (name, shown, unit, rng_, flag)).rstrip()
            (c.dis("normal value", k, row) if isnorm else c.ev(k, row))
            L.append(row.rstrip())
    ng = neg_list(c)
    if ng: L += ["", "On questioning, " + joinand(ng) + "."]
    ex = extras(c)
    if ex: L += [" ".join(ex)]
    L += ["", req(c), "", signoff(c)]
    return "\n".join(L)


def st_long_cc(c):
    foot = "Page %d of 2 - " + c.practice[0] + " - CONFIDENTIAL - " + c.name
    L = [header(c, long=True), "Hospital no: %s   e-RS UBRN: %s" % (c.hosp, c.ubrn),
         "cc: Patient; Dr %s (named GP); Practice file" % c.gp.split()[-1], "",
         noisy(c, "Dear Dr Gastroenterologist,"), "",
         "I am writing about this %s %s who has been registered here for many years. %s has a background of hypertension, "
         "osteoarthritis and previous cholecystectomy, and lives with %s family." % (age_phrase(c), "man" if c.sex == "M" else "woman", c.he.capitalize(), c.his),
         ""]
    cs = core_sentences(c)
    L += cs[: len(cs) // 2 + 1]
    L += ["", foot % 1, ""]
    L += cs[len(cs) // 2 + 1:]
    L += ["", "Current medication: amlodipine 5 mg, co-codamol 8/500 prn, vitamin D.", "", req(c), closing_thanks(c), "", signoff(c), "", foot % 2]
    return "\n".join(L)


def st_short(c):
    p = pos_list(c) + val_list(c)
    return "%s %s %s - %s. %s %s" % (c.name, c.ev("age", "age %d" % c.age), c.nhs, ", ".join(p), " ".join(neg_list(c) and ["Checked: " + joinand(neg_list(c)) + "."] or []), req(c))


def st_dictated(c):
    s = ["Dictated but not checked.", "Thank you for seeing this %s %s." % (age_phrase(c), "man" if c.sex == "M" else "woman")] + core_sentences(c) + [req(c)]
    return "\n".join([header(c, long=True), "", " ".join(s), "", signoff(c), "", "Typed by: medical secretary (initials ER)"])


STYLES = {
    "gp_formal": st_gp_formal, "gp_terse": st_gp_terse, "gp_chatty": st_gp_chatty, "gp_bullets": st_gp_bullets,
    "gp_thirdperson": st_gp_thirdperson, "gp_lowercase": st_gp_lowercase, "gp_abbrev": st_gp_abbrev,
    "gp_systemdump": st_gp_systemdump, "gp_locum": st_gp_locum, "gp_registrar": st_gp_registrar,
    "hdr_pc_hpc": st_hdr_pc_hpc, "hdr_soap": st_hdr_soap, "hdr_concerns": st_hdr_concerns, "hdr_redflags": st_hdr_redflags,
    "hdr_inline": st_hdr_inline, "ers_template": st_ers_template,
    "form_circled": st_form_circled, "form_struck": st_form_struck, "form_yn": st_form_yn, "form_ticks": st_form_ticks,
    "form_present_absent": st_form_present, "form_plusminus": st_form_plusminus, "form_freetext": st_form_freetext,
    "relayed": st_relayed, "course": st_course, "nhs111": st_nhs111, "walkin_nurse": st_walkin, "community_matron": st_matron,
    "care_coordinator": st_carecoord, "pharmacist_review": st_pharmacist, "endoscopy_preassessment": st_endopreassess,
    "private_healthcheck": st_private, "armed_forces_mo": st_forces, "results_table": st_results_table,
    "long_header_cc": st_long_cc, "very_short": st_short, "dictated": st_dictated,
}
GP_STYLES = ["gp_formal", "gp_terse", "gp_chatty", "gp_bullets", "gp_thirdperson", "gp_lowercase", "gp_abbrev",
             "gp_systemdump", "gp_locum", "gp_registrar"]


def main():
    rules = [k for k, n in PLAN.items() for _ in range(n)]
    R("rules-order").shuffle(rules)
    others = [s for s in STYLES if s not in GP_STYLES]
    styles = [GP_STYLES[j % len(GP_STYLES)] for j in range(100)] + [others[j % len(others)] for j in range(200)]
    R("styles-order").shuffle(styles)
    letters, metas = [], []
    for i in range(N):
        c, text = build(i, rules[i], styles[i])
        lid = "L22-%04d" % (i + 1)
        urg, pw = RULE_LABELS[c.rule]
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": pw, "rule": c.rule, "style": c.style,
                        "gp_priority": c.gp_priority, "age": c.age})
        metas.append({"id": lid, "facts": c.facts, "letter_date": c.letter_date.isoformat(), "dob": c.dob.isoformat(),
                      "requested_urgency": c.req, "noise": c.noise, "evidence": c.evidence, "distractors": c.distractors})
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for x in letters: f.write(json.dumps(x, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for x in metas: f.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")
    write_readme(letters, metas)


def count(xs):
    d = {}
    for x in xs: d[x] = d.get(x, 0) + 1
    return sorted(d.items(), key=lambda kv: (-kv[1], str(kv[0])))


def write_readme(letters, metas):
    sha = hashlib.sha256(open(os.path.join(OUT, "letters.jsonl"), "rb").read()).hexdigest()
    dis = sum(1 for m in metas if m["requested_urgency"] and m["requested_urgency"] != URG_OF(m, letters))
    L = ["# letters22: sealed test set of 300 gastroenterology referral letters", "",
         "Made by `make_set.py` (Python 3 standard library, every random choice seeded from strings, so a rerun",
         "gives byte-identical files). Labels follow `/work/shared/clinical/referral-triage-spec.md` only: each",
         "letter is drawn from a planned rule, its facts are written out, and the generator re-applies the rules to",
         "the drawn facts (assertion). `validate_set.py` re-derives every label from `letters_meta.jsonl` with its own",
         "implementation of the rules and checks that every evidence and distractor string is in the letter text.", "",
         "Design choices to keep labels unambiguous: Hb values are either < 120 g/L or >= 135 g/L (sex-independent);",
         "bloody diarrhoea only under 50 and never with a FIT; U8 weight-loss+pain letters are aged 40-54 with lower",
         "abdominal pain; jaundice only at 40+; O6 letters are aged 50+; A1 letters carry nothing but pain/bloating/",
         "bowel-habit change and a calprotectin < 100 or FIT < 10; soft distractors (resolved episodes, refuted reports,",
         "signs absent at review) are only used where counting them would not change the label.", "",
         "sha256(letters.jsonl) = `%s`" % sha, "",
         "Requested priority disagrees with the rule label in %d/300 letters; null in %d." % (dis, sum(1 for m in metas if m["requested_urgency"] is None)),
         "Light noise (spelling/OCR slips in non-fact text) in %d letters." % sum(1 for m in metas if m["noise"]), "",
         "## Counts", ""]
    for key in ["urgency", "pathway", "rule", "style"]:
        L.append("### " + key)
        L += ["- %s: %d" % kv for kv in count(x[key] for x in letters)]
        L.append("")
    L += ["## Layouts", "", "%d layouts/writers (see `STYLES` in make_set.py): 10 ordinary GP letter writers (100 letters) and" % len(STYLES),
          "27 inbox forms: headed letters (PC/HPC, S/O/A/P with answers on the same line, Concerns/What I have done/What I",
          "would like, red flags screened lists, Hx/Impression/Plan), e-RS template, six checklist forms (circled, struck,",
          "Y/N, ticks/crosses/unticked boxes, present/absent, +/-, free-text answers, weight change %), relayed histories,",
          "course of illness with repeated results, NHS 111, walk-in centre ANP, community matron, care co-ordinator,",
          "practice pharmacist SMR, endoscopy pre-assessment nurse, private health check, armed-forces RMO, results table",
          "with ranges and flags, long header with cc list and repeated page footers, very short, dictated-not-checked.", "",
          "## Second pass", "", "`second_pass.tsv`: 50 letters chosen by a seeded draw, re-read blind (text only) and labelled",
          "by hand; disagreements and fixes are recorded there."]
    open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n").write("\n".join(L) + "\n")


def URG_OF(m, letters):
    return next(x["urgency"] for x in letters if x["id"] == m["id"])


if __name__ == "__main__":
    main()
