#!/usr/bin/env python3
"""Generator for sealed test set letters12 (300 fictional gastroenterology referral letters).

Standard library only. Every random choice is seeded from strings, so reruns are byte-identical.
Labels follow /work/shared/clinical/referral-triage-spec.md (first matching rule decides).
"""
import datetime
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SET = "L12"


def rng(*parts):
    h = hashlib.sha256(("letters12|" + "|".join(str(p) for p in parts)).encode()).hexdigest()
    return random.Random(int(h[:16], 16))


# ---------------------------------------------------------------- labels (spec) ----
LABEL = {
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

SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
            "upper_abdominal_pain", "reflux", "dyspepsia", "abdominal_pain", "abdominal_mass",
            "jaundice", "rectal_bleeding", "change_in_bowel_habit", "bloody_diarrhoea", "ascites",
            "confusion", "haematemesis", "bloating"]


def classify(f):
    """Spec rules, first match. f: facts dict."""
    age, sex = f["age"], f["sex"]
    hb, fer, fit, cal, alt = f.get("hb"), f.get("ferritin"), f.get("fit"), f.get("calprotectin"), f.get("alt")
    g = lambda k: bool(f.get(k))
    anaemia = hb is not None and (hb < 130 if sex == "M" else hb < 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    if g("dysphagia"):
        return "U1"
    if g("rectal_mass") or g("anal_mass") or g("anal_ulceration"):
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and g("weight_loss") and (g("upper_abdominal_pain") or g("reflux") or g("dyspepsia")):
        return "U5"
    if g("abdominal_mass"):
        return "U6"
    if age >= 40 and g("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and g("rectal_bleeding")) or
                        (age >= 40 and g("weight_loss") and g("abdominal_pain")) or
                        (age >= 60 and g("change_in_bowel_habit"))):
        return "U8"
    if g("bloody_diarrhoea") or (cal is not None and cal >= 250):
        return "R1"
    if (g("known_cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300):
        return "R2"
    if g("haematemesis"):
        return "R3"
    if age >= 55 and g("treatment_resistant_dyspepsia"):
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if g("known_ibd_stable_question"):
        return "O3"
    if g("coeliac_positive"):
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or g("fatty_liver_imaging"):
        return "O5"
    other = [g(k) for k in ("weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia", "jaundice",
                            "rectal_bleeding", "bloody_diarrhoea", "known_cirrhosis", "ascites", "confusion",
                            "haematemesis", "treatment_resistant_dyspepsia", "known_ibd_stable_question",
                            "coeliac_positive", "fatty_liver_imaging")]
    if (age < 50 and (g("abdominal_pain") or g("bloating") or g("change_in_bowel_habit"))
            and ((cal is not None and cal < 100) or (fit is not None and fit < 10))
            and not any(other) and not anaemia and not irondef):
        return "A1"
    if (g("rectal_bleeding") or g("change_in_bowel_habit") or g("abdominal_pain")) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (g("dyspepsia") or g("reflux")):
        return "A2"
    if g("fh_crc") and not any(g(k) for k in SYMPTOMS):
        return "A3"
    return "D"


# ---------------------------------------------------------------- word banks ----
M_FIRST = ["David", "Graham", "Imran", "Kwame", "Tomasz", "Gareth", "Neil", "Rajesh", "Callum", "Ahmed", "Stephen",
           "Owen", "Patrick", "Derek", "Hamza", "Liam", "Colin", "Barry", "Vikram", "Jamie", "Malcolm", "Terence",
           "Kieran", "Adebayo", "Ross", "Euan", "Howard", "Dylan", "Mohammed", "Alan"]
F_FIRST = ["Susan", "Aisha", "Margaret", "Chloe", "Priya", "Bethan", "Joanne", "Agnieszka", "Fiona", "Yasmin",
           "Helen", "Olivia", "Patricia", "Niamh", "Grace", "Sandra", "Funmi", "Rachel", "Elaine", "Zara",
           "Kirsty", "Doreen", "Sian", "Harpreet", "Leanne", "Irene", "Megan", "Shirley", "Amina", "Lucy"]
SURN = ["Hargreaves", "Okafor", "Whitcombe", "Brennan", "Pritchard", "Kowalski", "Ahmed", "Thornton", "McAllister",
        "Nwosu", "Fairbairn", "Lloyd", "Chaudhry", "Baxter", "Doherty", "Ellison", "Griffiths", "Haddow", "Ingram",
        "Jarvis", "Khan", "Lomax", "Mensah", "Naylor", "Osborne", "Pearce", "Quinlan", "Rafferty", "Sutcliffe",
        "Tran", "Underwood", "Varga", "Wainwright", "Yates", "Zielinski", "Ashworth", "Bhatt", "Crowther",
        "Dunmore", "Evans"]
PRACTICES = [("Riverside Medical Centre", "M84021"), ("Holly Lane Surgery", "B82605"), ("Castlegate Health Centre", "C81014"),
             ("The Willows Practice", "Y02317"), ("Brookfield Surgery", "F85063"), ("Elm Tree Medical Practice", "J83027"),
             ("St Aidan's Surgery", "A86019"), ("Northgate Family Practice", "P92041"), ("Moorside Health Centre", "L81112"),
             ("Harbour View Surgery", "K82070"), ("Oakwood Medical Group", "N81035"), ("Priory Fields Surgery", "D82044")]
GP_NAMES = ["Dr Helen Marsh", "Dr Sanjay Rao", "Dr Fiona Kerr", "Dr Tom Ashby", "Dr Aaliyah Hussain", "Dr Mark Ellery",
            "Dr Joanna Wiles", "Dr Chidi Obi", "Dr Rebecca Lund", "Dr Peter Hollis"]
STREETS = ["Mill Lane", "Church Road", "Victoria Street", "Beech Avenue", "Station Road", "Kingsway", "Park Crescent",
           "Albert Terrace", "Meadow Close", "High Street"]
TOWNS = [("Ashby", "AB12 3CD"), ("Kelton", "KT4 9QP"), ("Marbury", "MB7 2LS"), ("Harwick", "HW3 6RT"), ("Dunford", "DF1 8XY")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
OCC = ["works as a bus driver", "is a retired teacher", "works in a warehouse", "is a care assistant", "works in IT",
       "is a retired joiner", "works as a hairdresser", "is a student nurse", "works for the council",
       "is retired", "runs a cafe", "works night shifts as a security guard"]


def nhs_number(r):
    while True:
        d = [9, 9, 9] + [r.randint(0, 9) for _ in range(6)]
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d + [c]))
        return n


def fmt_nhs(n, r):
    return r.choice([f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}"])


def fmt_date(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == 2:
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == 3:
        return d.strftime("%d.%m.%Y")
    return f"{d.day}{'th' if 11 <= d.day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th')} {MONTHS[d.month - 1]} {d.year}"


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    n = int(n)
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    return str(n)


def digits_to_words(s):
    out, i = [], 0
    while i < len(s):
        if s[i].isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            if j < len(s) and s[j] in "/-." and j + 1 < len(s) and s[j + 1].isdigit():
                out.append(s[i:j]); i = j; continue
            out.append(words(s[i:j]) if j - i <= 3 else s[i:j]); i = j
        else:
            out.append(s[i]); i += 1
    return "".join(out)


# ---------------------------------------------------------------- symptom phrases ----
# each: (long phrase, short phrase); placeholders {n} weeks, {kg}, {m}, {he}/{his}/{him}
SYM = {
    "dysphagia": [("progressive difficulty swallowing solids over the last {n} weeks", "dysphagia {n}/52"),
                  ("food sticking behind the breastbone when {he} eats bread or meat, for about {n} weeks", "food sticking {n}/52"),
                  ("new dysphagia to solids, now managing only soft food", "dysphagia - soft diet only"),
                  ("intermittent dysphagia for {n} weeks, worse with solids", "intermittent dysphagia {n}/52")],
    "rectal_mass": [("a firm irregular mass on digital rectal examination, about 6 cm from the anal verge", "PR: firm irregular rectal mass"),
                    ("a hard, fixed rectal mass palpable on PR", "rectal mass on PR")],
    "anal_mass": [("a hard 2 cm mass at the anal margin", "anal mass 2cm"),
                  ("a firm lump at the anal verge, which I think is an anal mass rather than a pile", "anal mass")],
    "anal_ulceration": [("an unexplained non-healing anal ulcer, present for {n} weeks and not typical of a fissure", "unexplained anal ulceration {n}/52")],
    "weight_loss": [("unintentional weight loss of {kg} kg over {m} months", "unexplained wt loss {kg}kg/{m}m"),
                    ("unexplained weight loss - about {kg} kg down over {m} months, clothes now loose", "wt loss {kg}kg unexplained"),
                    ("weight loss of {kg} kg that {he} cannot explain", "unexplained wt loss {kg}kg")],
    "upper_abdominal_pain": [("epigastric pain most days", "epigastric pain"),
                             ("gnawing upper abdominal pain after meals", "upper abdo pain")],
    "reflux": [("heartburn and acid reflux most nights", "reflux"), ("troublesome reflux", "GORD sx")],
    "dyspepsia": [("dyspepsia", "dyspepsia"), ("indigestion after most meals", "indigestion")],
    "abdominal_pain": [("intermittent lower abdominal pain", "lower abdo pain"),
                       ("crampy lower abdominal pain", "abdo pain"),
                       ("left iliac fossa pain on and off", "LIF pain")],
    "abdominal_mass": [("a firm mass palpable in the right iliac fossa", "RIF mass"),
                       ("a palpable mass in the left iliac fossa", "LIF mass")],
    "jaundice": [("painless jaundice, first noticed by family {n} days ago", "painless jaundice"),
                 ("visible jaundice with dark urine and pale stools", "jaundiced, dark urine")],
    "rectal_bleeding": [("rectal bleeding on and off for {n} weeks, still ongoing", "PR bleeding {n}/52 ongoing"),
                        ("bright red blood mixed in with the stool over the past {n} weeks", "fresh PR blood {n}/52")],
    "change_in_bowel_habit": [("a change in bowel habit to looser, more frequent stools over {n} weeks", "CIBH - looser {n}/52"),
                              ("a change in bowel habit - now opening bowels 4-5 times a day, previously once daily", "CIBH 4-5x/day"),
                              ("a change in bowel habit with new constipation for {n} weeks", "CIBH - constipated {n}/52")],
    "bloody_diarrhoea": [("bloody diarrhoea {k} times a day for the last {n} weeks", "bloody diarrhoea {k}x/day {n}/52")],
    "bloating": [("abdominal bloating", "bloating"), ("bloating, worse by the evening", "bloating")],
    "haematemesis": [("ongoing small-volume haematemesis - vomiting fresh blood several times over the past week and still happening", "haematemesis ongoing")],
    "ascites": [("increasing abdominal distension with shifting dullness, in keeping with ascites", "ascites")],
    "confusion": [("new confusion over the past week - {his} partner says {he} is muddled and drowsy in the afternoons", "new confusion")],
}
EXAM_FACTS = {"rectal_mass", "anal_mass", "abdominal_mass", "ascites"}

DIST = [  # (about, kind, phrase)
    ("dysphagia", "negated", "no dysphagia"), ("dysphagia", "negated", "denies any difficulty swallowing"),
    ("dysphagia", "negated", "nil dysphagia"),
    ("dysphagia", "resolved", "food bolus obstruction in 2018 - swallowing has been normal since"),
    ("dysphagia", "hypothetical", "if {he} develops dysphagia I would re-refer urgently"),
    ("weight_loss", "negated", "no weight loss"), ("weight_loss", "negated", "weight stable"),
    ("weight_loss", "negated", "denies wt loss"),
    ("weight_loss", "explained", "has lost {k} kg on purpose with Slimming World"),
    ("rectal_bleeding", "negated", "no PR bleeding"),
    ("rectal_bleeding", "negated", "has not noticed any blood in the stool"),
    ("rectal_bleeding", "negated", "PR bleed -ve"),
    ("rectal_bleeding", "resolved", "PR bleeding in 2015 from haemorrhoids, none since"),
    ("rectal_bleeding", "hypothetical", "advised to come back if {he} notices any rectal bleeding"),
    ("jaundice", "negated", "not jaundiced"), ("jaundice", "negated", "no jaundice"),
    ("jaundice", "resolved", "jaundice as a child (hepatitis A), none since"),
    ("jaundice", "hypothetical", "should {he} become jaundiced {he} knows to attend A&E"),
    ("abdominal_mass", "negated", "abdomen soft, no masses"),
    ("abdominal_mass", "negated", "no palpable abdominal mass"),
    ("rectal_mass", "negated", "PR: NAD"), ("rectal_mass", "negated", "PR exam normal, no masses felt"),
    ("haematemesis", "negated", "no haematemesis or melaena"), ("haematemesis", "negated", "nil haematemesis"),
    ("haematemesis", "resolved", "one episode of haematemesis after heavy drinking in 2019, nothing since"),
    ("change_in_bowel_habit", "negated", "bowel habit unchanged"),
    ("abdominal_pain", "negated", "no abdominal pain"),
    ("family_other", "family_history", "brother - Crohn's"),
    ("family_other", "family_history", "Dad had cirrhosis (alcohol)"),
    ("family_other", "family_history", "maternal grandmother had stomach cancer in her 80s"),
    ("family_other", "family_history", "sister has coeliac disease"),
    ("family_other", "family_history", "mother had jaundice from gallstones"),
    ("anaemia", "resolved", "anaemia in pregnancy in 2010, treated, none since"),
]
# which present facts forbid a distractor about X
CONFLICT = {
    "rectal_bleeding": {"rectal_bleeding", "bloody_diarrhoea"},
    "change_in_bowel_habit": {"change_in_bowel_habit", "bloody_diarrhoea", "diarrhoea_ctx"},
    "abdominal_pain": {"abdominal_pain", "upper_abdominal_pain", "dyspepsia", "reflux", "treatment_resistant_dyspepsia",
                       "pain_ctx"},
    "rectal_mass": {"rectal_mass", "anal_mass", "anal_ulceration"},
    "abdominal_mass": {"abdominal_mass", "ascites"},
    "jaundice": {"jaundice", "bilirubin_ctx"},
    "anaemia": {"anaemia_any"},
}

FH_CRC = ["Mum had bowel cancer at {a}", "father diagnosed with colorectal cancer aged {a}",
          "brother had bowel cancer at {a}", "her mother and maternal aunt both had bowel cancer (aged {a} and 61)"]

PMH_POOL = [("Hypertension", "G20..", "2016"), ("Type 2 diabetes", "C10F.", "2018"), ("Asthma", "H33..", "1998"),
            ("Osteoarthritis knee", "N05..", "2019"), ("Depression", "E2B..", "2012"), ("Hypothyroidism", "C04..", "2014"),
            ("Atrial fibrillation", "G573.", "2020"), ("COPD", "H3...", "2017"), ("Gout", "C34..", "2015"),
            ("Hypercholesterolaemia", "C320.", "2016"), ("Migraine", "F26..", "2005"), ("Psoriasis", "M161.", "2009"),
            ("Benign prostatic hyperplasia", "K20..", "2019"), ("Appendicectomy", "7470.", "1988"),
            ("Carpal tunnel release", "7C1..", "2011"), ("Anxiety", "E200.", "2013"), ("Chronic kidney disease stage 3a", "1Z12.", "2021"),
            ("Hysterectomy", "7D2..", "2004"), ("Cholecystectomy", "7644.", "2010"), ("Sleep apnoea", "Fy03.", "2022")]
MED_POOL = ["Amlodipine 5mg tablets, one daily", "Atorvastatin 20mg tablets, one at night", "Metformin 500mg tablets, one twice daily",
            "Ramipril 5mg capsules, one daily", "Levothyroxine 100micrograms tablets, one daily",
            "Salbutamol 100micrograms/dose inhaler, two puffs when required", "Sertraline 50mg tablets, one daily",
            "Apixaban 5mg tablets, one twice daily", "Bisoprolol 2.5mg tablets, one daily", "Paracetamol 500mg tablets, two four times daily when required",
            "Allopurinol 100mg tablets, one daily", "Tamsulosin 400microgram MR capsules, one daily",
            "Fostair 100/6 inhaler, two puffs twice daily", "Adcal-D3 chewable tablets, one twice daily",
            "Mirtazapine 15mg tablets, one at night", "Propranolol 40mg tablets, one twice daily when required"]

PRIORITY_TXT = {
    "2ww": ["Priority: 2WW", "Please see under the two week wait pathway.", "Urgent suspected cancer referral, please.",
            "Referred as USC (suspected cancer pathway).", "I would be grateful for a 2WW appointment."],
    "urgent": ["Priority: Urgent", "Urgent please.", "I would be grateful if {he} could be seen urgently.",
               "Could this be expedited please - urgent.", "Soon/urgent please."],
    "routine": ["Priority: Routine", "Routine appointment please.", "Non-urgent - at your convenience.",
                "I would be grateful for a routine outpatient review.", "Routine referral."],
    "advice": ["I would value your advice - no appointment needed unless you feel otherwise.",
               "Advice only please.", "Advice and Guidance request: could you advise on management?",
               "Happy for this to be returned with advice if a clinic visit is not needed.",
               "Would you consider giving advice rather than an appointment?"],
}
PRIO_OF_URG = {"urgent_suspected_cancer": "2ww", "urgent": "urgent", "routine": "routine", "advice_and_guidance": "advice"}


# ---------------------------------------------------------------- scenarios ----
# (rule, variant, count, age_lo, age_hi, sex or None)
SCEN = [
    ("U1", "older", 10, 55, 92, None), ("U1", "young", 4, 18, 54, None),
    ("U2", "rectal", 3, 45, 90, None), ("U2", "anal_mass", 3, 30, 88, None), ("U2", "anal_ulcer", 2, 30, 85, None),
    ("U3", "std", 14, 40, 90, None), ("U3", "young", 3, 24, 39, None), ("U3", "with_calpro", 3, 30, 75, None),
    ("U4", "std", 8, 30, 90, None), ("U4", "fitneg", 4, 25, 85, None), ("U4", "male_border", 2, 30, 85, "M"),
    ("U4", "young_f", 2, 18, 40, "F"),
    ("U5", "std", 8, 55, 90, None),
    ("U6", "std", 6, 35, 92, None),
    ("U7", "std", 8, 40, 90, None),
    ("U8", "bleed", 4, 50, 90, None), ("U8", "wl_pain", 3, 40, 85, None), ("U8", "cibh", 3, 60, 92, None),
    ("R1", "bloody", 12, 18, 49, None), ("R1", "calpro_young", 5, 18, 49, None), ("R1", "calpro_old", 5, 50, 85, None),
    ("R2", "ascites", 4, 38, 80, None), ("R2", "confusion", 3, 38, 80, None), ("R2", "alt_young", 2, 18, 39, None),
    ("R2", "alt", 3, 18, 80, None),
    ("R3", "std", 11, 18, 85, None),
    ("O1", "std", 14, 55, 90, None),
    ("O2", "young", 10, 18, 49, None), ("O2", "old", 6, 50, 85, None),
    ("O3", "std", 16, 18, 80, None),
    ("O4", "std", 14, 18, 75, None),
    ("O5", "alt", 10, 18, 85, None), ("O5", "fatty", 6, 18, 85, None), ("O5", "both", 4, 25, 80, None),
    ("A1", "std", 20, 18, 49, None),
    ("O6", "old", 16, 50, 90, None), ("O6", "young_bleed", 6, 18, 49, None),
    ("A2", "std", 16, 18, 54, None),
    ("A3", "std", 8, 20, 70, None),
    ("D", "iron_no_anaemia", 2, 18, 49, None), ("D", "b12", 2, 30, 85, None), ("D", "hbv", 2, 20, 70, None),
    ("D", "gilbert", 2, 18, 35, None), ("D", "cibh_young_notest", 2, 18, 49, None),
    ("D", "cibh_50s_nofit", 2, 50, 59, None), ("D", "bleed_40s_nofit", 2, 40, 49, None),
    ("D", "dysp_old_noppi", 2, 55, 88, None), ("D", "polyp_fu", 1, 45, 75, None),
    ("D", "coeliac_known", 1, 20, 70, None), ("D", "nausea", 1, 18, 60, None),
]

# ---------------------------------------------------------------- styles ----
# name: (age_lo, age_hi, sex, allowed rules or None, forced priority or None)
STYLES = {
    "emis_web_gp": (18, 95, None, None, None),
    "systmone_gp": (18, 95, None, None, None),
    "vision_gp": (18, 95, None, None, None),
    "ers_export": (18, 95, None, None, None),
    "ers_2ww_lower_proforma": (18, 95, None, None, "2ww"),
    "ers_2ww_upper_proforma": (18, 95, None, {"U1", "U5", "O1", "A2", "R3", "D", "U4", "U3", "U8"}, "2ww"),
    "proforma_yn_columns": (18, 95, None, None, None),
    "proforma_delete_as_appropriate": (18, 95, None, None, None),
    "proforma_tick_all_that_apply": (18, 95, None, None, None),
    "anp_letter": (18, 95, None, None, None),
    "practice_pharmacist": (18, 95, None, {"O1", "A2", "D", "U4", "O5", "O3", "U5", "U1", "R3", "O4"}, None),
    "physician_associate": (18, 95, None, None, None),
    "gp_registrar_soap": (18, 95, None, None, None),
    "locum_gp": (18, 95, None, None, None),
    "ooh_gp": (18, 95, None, {"R3", "U7", "R2", "R1", "U6", "U1", "O5", "D", "U8", "O6", "U3", "A2", "A1", "U5", "U2"}, None),
    "utc_discharge": (18, 95, None, {"R3", "U7", "R2", "R1", "U6", "U1", "O5", "D", "U8", "O6", "U3", "A1", "A2"}, None),
    "ae_discharge": (18, 95, None, {"R3", "U7", "R2", "R1", "U6", "U1", "O5", "D", "U8", "O6", "U3", "A1", "U2"}, None),
    "community_dietitian": (18, 95, None, {"O4", "A1", "O3", "D", "O2", "U1", "U5", "U8", "A2", "O5"}, None),
    "midwife": (18, 44, "F", {"A2", "O3", "R1", "O4", "A1", "D", "O2", "R3", "O5", "U4", "U1"}, None),
    "university_health": (18, 25, None, None, None),
    "prison_healthcare": (20, 70, "M", None, None),
    "care_home_nurse": (75, 95, None, None, None),
    "dictated_letter": (18, 95, None, None, None),
    "terse_request": (18, 95, None, None, None),
    "long_pmh_buried": (45, 95, None, None, None),
    "continuation_letter": (18, 95, None, None, None),
    "rereferral_after_dna": (18, 95, None, None, None),
    "rereferral_post_colonoscopy": (30, 95, None, {"U3", "U4", "U8", "O6", "A1", "D", "A3", "O2", "R1", "U2", "U6"}, None),
    "patient_quoted": (18, 95, None, None, None),
    "interpreter_carer_history": (18, 95, None, None, None),
    "hospital_specialty_letter": (18, 95, None, {"U4", "O5", "U1", "D", "U6", "O4", "R2", "U7", "O2", "R1"}, None),
    "advice_and_guidance_request": (18, 95, None, None, "advice"),
    "scanned_fax_ocr": (18, 95, None, None, None),
}


# ---------------------------------------------------------------- case building ----
class Case:
    pass


def fill(s, c, **kw):
    d = dict(he=c.he, his=c.his, him=c.him, He=c.he.capitalize(), His=c.his.capitalize())
    d.update(c.num)
    d.update(kw)
    return s.format(**d)


def add_sym(c, fact, r, idx=None):
    opts = SYM[fact]
    lo, sh = opts[idx if idx is not None else r.randrange(len(opts))]
    c.facts[fact] = True
    c.items.append({"t": "sym", "fact": fact, "long": fill(lo, c), "short": fill(sh, c), "exam": fact in EXAM_FACTS})


def add_fact_text(c, fact, long, short=None, exam=False):
    c.facts[fact] = True
    c.items.append({"t": "sym", "fact": fact, "long": long, "short": short or long, "exam": exam,
                    "bg": fact in ("fatty_liver_imaging", "known_cirrhosis", "known_ibd_stable_question")})


def add_ctx(c, text, short=None):
    c.items.append({"t": "ctx", "long": text, "short": short or text})


def add_val(c, key, v, r, text=None):
    """Lab values; v numeric (FIT negative words stored as 0)."""
    sex = c.sex
    if key == "hb":
        ref = "120-150" if sex == "F" else "130-170"
        low = v < (120 if sex == "F" else 130)
        fl = "L" if low else ""
        forms = [f"Hb {v} ({ref})", f"Hb {v / 10:.1f} g/dL", f"haemoglobin {v} g/L", f"Hb {v}" + (" L" if low else "")]
        row = ("Haemoglobin", str(v), "g/L", ref, fl)
        spoken = f"haemoglobin {words(v)} grams per litre"
        short = f"Hb {v}"
    elif key == "ferritin":
        low = v < 30
        forms = [f"ferritin {v} ug/L", f"ferritin {v}" + (" L" if low else ""), f"ferritin {v} (30-400)"]
        row = ("Ferritin", str(v), "ug/L", "30-400", "L" if low else "")
        spoken = f"ferritin {words(v)}"
        short = f"ferritin {v}"
    elif key == "fit":
        if text:
            forms = [text]
            row = ("FIT (faecal immunochemical test)", text.split()[-1] if text.split()[-1] in ("<4", "negative", "undetectable") else text, "ug Hb/g", "<10", "")
            spoken = {"FIT <4": "FIT less than four", "FIT negative": "FIT negative", "qFIT undetectable": "qFIT undetectable",
                      "FIT: <4": "FIT less than four"}.get(text, text)
            short = text
        else:
            forms = [f"FIT {v} ug/g", f"qFIT {v}", f"FIT {v} ug Hb/g faeces", f"FIT: {v}"]
            row = ("FIT (faecal immunochemical test)", str(v), "ug Hb/g", "<10", "H" if v >= 10 else "")
            spoken = f"FIT of {words(v)}"
            short = f"FIT {v}"
    elif key == "calprotectin":
        forms = [f"calprotectin {v}", f"faecal calprotectin {v} ug/g", f"FCP {v} ug/g (<50)"]
        row = ("Faecal calprotectin", str(v), "ug/g", "<50", "H" if v >= 50 else "")
        spoken = f"calprotectin {words(v)}"
        short = f"FCP {v}"
    elif key == "alt":
        forms = [f"ALT {v} U/L", f"ALT {v} (0-40)" + (" H" if v > 40 else ""), f"ALT {v}"]
        row = ("ALT", str(v), "U/L", "0-40", "H" if v > 40 else "")
        spoken = f"ALT {words(v)}"
        short = f"ALT {v}"
    elif key == "ttg":
        forms = [f"tTG IgA {v} U/mL (<7) - raised", f"coeliac serology positive (anti-tTG {v} U/mL, ref <10)",
                 f"raised tTG at {v} U/mL"]
        row = ("tTG IgA", str(v), "U/mL", "<7", "H")
        spoken = f"tissue transglutaminase raised at {words(v)}"
        short = f"tTG {v} (raised)"
    c.vals[key] = v
    it = {"t": "val", "key": key, "v": v, "long": r.choice(forms), "short": short, "spoken": spoken, "row": row}
    c.items.append(it)
    return it


def add_dist(c, r, k=1, extra_block=(), kinds=None):
    present = {f for f, v in c.facts.items() if v} | c.flags
    have = {i["about"] for i in c.items if i["t"] == "dist"}
    if c.sex == "M" or not 35 <= c.age <= 54:
        have.add("anaemia")
    pool = []
    for about, kind, ph in DIST:
        if about in have or (kinds and kind not in kinds):
            continue
        block = CONFLICT.get(about, {about})
        if present & block or about in extra_block:
            continue
        pool.append((about, kind, ph))
    r.shuffle(pool)
    used = set()
    for about, kind, ph in pool:
        if k <= 0:
            break
        if about in used:
            continue
        used.add(about)
        c.items.append({"t": "dist", "about": about, "kind": kind, "long": fill(ph, c, k=r.randint(3, 8)),
                        "short": fill(ph, c, k=r.randint(3, 8))})
        k -= 1


def normal_val(c, key, r):
    if key == "hb":
        v = r.randint(131, 158)
    elif key == "ferritin":
        v = r.randint(45, 260)
    elif key == "alt":
        v = r.randint(12, 34)
    it = add_val(c, key, v, r)
    c.items.append({"t": "dist", "about": key, "kind": "normal_value", "long": it["long"], "short": it["short"], "ref": True})


def neg_fit(c, r):
    form = r.choice(["FIT <4", "FIT negative", "qFIT undetectable", "num", "num", "FIT: <4"])
    if form == "num":
        return add_val(c, "fit", r.randint(2, 8), r)
    return add_val(c, "fit", 0, r, text=form)


def build(c, r):
    rule, var, age = c.rule, c.variant, c.age
    c.num = dict(n=r.choice([3, 4, 5, 6, 8, 10, 12]), kg=r.choice([4, 5, 6, 7, 8, 10]), m=r.choice([2, 3, 4, 6]),
                 k=r.choice([4, 5, 6, 8, 10]))
    c.flags = set()
    nd = r.choice([1, 2, 2, 3])
    if rule == "U1":
        add_sym(c, "dysphagia", r)
        if var == "older" and r.random() < 0.4:
            add_sym(c, "weight_loss", r)
        if r.random() < 0.4:
            add_sym(c, "reflux", r)
        add_dist(c, r, nd)
    elif rule == "U2":
        if var == "rectal":
            add_sym(c, "rectal_mass", r)
            if r.random() < 0.5:
                add_sym(c, "rectal_bleeding", r)
        elif var == "anal_mass":
            add_sym(c, "anal_mass", r)
        else:
            add_sym(c, "anal_ulceration", r)
        if r.random() < 0.4:
            normal_val(c, "hb", r)
        add_dist(c, r, nd)
    elif rule == "U3":
        add_sym(c, r.choice(["change_in_bowel_habit", "rectal_bleeding", "abdominal_pain"]), r)
        if r.random() < 0.3 and var != "young":
            add_sym(c, "change_in_bowel_habit" if "change_in_bowel_habit" not in c.facts else "abdominal_pain", r)
        fv = r.choice([10, 12, 18, 24, 45, 63, 86, 150, 230, 400]) if c.idx % 7 else 10
        add_val(c, "fit", fv, r)
        if var == "with_calpro":
            add_val(c, "calprotectin", r.choice([310, 480, 620]), r)
        if r.random() < 0.5:
            normal_val(c, "hb", r)
        add_dist(c, r, nd)
    elif rule == "U4":
        if var == "male_border":
            hb = r.choice([124, 126, 127])
        else:
            hb = r.randint(78, 112)
        fer = r.randint(3, 14)
        c.flags.add("anaemia_any")
        if var == "std" and r.random() < 0.5:
            add_sym(c, "change_in_bowel_habit", r) if age < 60 else add_ctx(c, f"{c.he.capitalize()} feels tired and short of breath on stairs")
        else:
            add_ctx(c, f"tired all the time for {c.num['m']} months")
        if var == "young_f":
            add_ctx(c, "periods are regular and not heavy")
        add_val(c, "hb", hb, r)
        add_val(c, "ferritin", fer, r)
        if var == "fitneg":
            neg_fit(c, r)
        add_dist(c, r, nd)
    elif rule == "U5":
        add_sym(c, "weight_loss", r)
        add_sym(c, r.choice(["dyspepsia", "reflux", "upper_abdominal_pain"]), r)
        add_dist(c, r, nd)
    elif rule == "U6":
        add_sym(c, "abdominal_mass", r)
        if r.random() < 0.5:
            normal_val(c, "hb", r)
        add_dist(c, r, nd)
    elif rule == "U7":
        add_sym(c, "jaundice", r)
        c.flags.add("bilirubin_ctx")
        add_ctx(c, f"bilirubin {r.choice([64, 88, 112, 145, 190])} umol/L (<21)", "bili raised")
        if r.random() < 0.5:
            add_val(c, "alt", r.choice([56, 98, 134, 187]), r)
        add_dist(c, r, nd)
    elif rule == "U8":
        if var == "bleed":
            add_sym(c, "rectal_bleeding", r)
        elif var == "wl_pain":
            add_sym(c, "weight_loss", r)
            add_sym(c, "abdominal_pain", r)
        else:
            add_sym(c, "change_in_bowel_habit", r)
        if r.random() < 0.4:
            c.items.append({"t": "dist", "about": "fit", "kind": "test_pending", "long": "FIT kit given today, result awaited",
                            "short": "FIT sent, awaited"})
        if r.random() < 0.5:
            normal_val(c, "hb", r)
            if r.random() < 0.6:
                normal_val(c, "ferritin", r)
        add_dist(c, r, nd)
    elif rule == "R1":
        if var == "bloody":
            add_sym(c, "bloody_diarrhoea", r)
            if r.random() < 0.4:
                add_val(c, "calprotectin", r.choice([350, 720, 1100, 180]), r)
        else:
            c.flags.add("diarrhoea_ctx")
            add_fact_text(c, "change_in_bowel_habit", f"a change in bowel habit with loose stools {c.num['k']} times a day for {c.num['n']} weeks",
                          f"CIBH loose x{c.num['k']}/day")
            if var == "calpro_old":
                neg_fit(c, r)
            add_val(c, "calprotectin", 250 if c.idx % 5 == 0 else r.choice([280, 390, 560, 845, 1200]), r)
            add_dist(c, r, 1, extra_block=("rectal_bleeding",))
            c.items.append({"t": "dist", "about": "rectal_bleeding", "kind": "negated", "long": "no blood in the stools",
                            "short": "no blood PR"})
        add_dist(c, r, nd, extra_block=("weight_loss",) if age >= 40 else ())
        if age >= 40:
            c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "weight stable", "short": "wt stable"})
    elif rule == "R2":
        if var in ("ascites", "confusion"):
            add_fact_text(c, "known_cirrhosis", r.choice(["known alcohol-related cirrhosis (diagnosed 2021)",
                                                          "known cirrhosis secondary to hepatitis C, treated 2019"]),
                          "known cirrhosis")
            add_sym(c, var, r)
            c.items.append({"t": "dist", "about": "jaundice", "kind": "negated", "long": "not jaundiced", "short": "not jaundiced"})
            c.flags.add("jaundice")
            if r.random() < 0.5:
                add_val(c, "alt", r.choice([28, 45, 62]), r)
        else:
            add_val(c, "alt", 300 if c.idx % 4 == 0 else r.choice([340, 460, 612, 890, 1240]), r)
            add_ctx(c, f"feeling nauseated and washed out for {c.num['n']} days", "nausea, malaise")
            if var == "alt_young":
                add_sym(c, "jaundice", r, idx=1)
            else:
                c.items.append({"t": "dist", "about": "jaundice", "kind": "negated", "long": "no jaundice", "short": "no jaundice"})
                c.flags.add("jaundice")
        add_dist(c, r, nd)
    elif rule == "R3":
        add_sym(c, "haematemesis", r)
        add_ctx(c, "haemodynamically stable when seen, pulse 84, BP 128/76", "obs stable")
        if r.random() < 0.4 and age < 55:
            add_sym(c, "dyspepsia", r)
        c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "no weight loss", "short": "no wt loss"})
        c.flags.add("weight_loss")
        add_dist(c, r, nd)
    elif rule == "O1":
        wk = 4 if c.idx % 6 == 0 else r.choice([6, 8, 10, 12])
        ppi = r.choice(["omeprazole 20 mg daily", "lansoprazole 30 mg once daily", "omeprazole 40mg od", "esomeprazole 20mg"])
        add_fact_text(c, "treatment_resistant_dyspepsia", f"persistent dyspepsia despite {wk} weeks of {ppi}",
                      f"dyspepsia despite {wk}/52 PPI")
        c.facts["dyspepsia"] = True
        c.items[-1]["also"] = ["dyspepsia"]
        c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": r.choice(["no weight loss", "weight stable"]),
                        "short": "no wt loss"})
        c.flags.add("weight_loss")
        add_ctx(c, "H. pylori stool antigen negative", "HP -ve")
        add_dist(c, r, nd)
    elif rule == "O2":
        c.flags.add("diarrhoea_ctx")
        if r.random() < 0.6:
            add_fact_text(c, "change_in_bowel_habit", f"a change in bowel habit to loose stools for {c.num['n']} weeks",
                          f"CIBH loose {c.num['n']}/52")
        else:
            add_sym(c, "abdominal_pain", r)
        cal = {0: 100, 1: 249}.get(c.idx % 9, r.choice([120, 145, 168, 190, 212, 236]))
        if var == "old":
            neg_fit(c, r)
        add_val(c, "calprotectin", cal, r)
        c.items.append({"t": "dist", "about": "rectal_bleeding", "kind": "negated", "long": "no PR bleeding", "short": "no PR bleed"})
        c.flags.add("rectal_bleeding")
        if age >= 40:
            c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "weight stable", "short": "wt stable"})
            c.flags.add("weight_loss")
        add_dist(c, r, nd)
    elif rule == "O3":
        dz = r.choice(["ulcerative colitis", "Crohn's disease", "ulcerative colitis", "Crohn's disease (ileal)"])
        drug = r.choice(["mesalazine 2.4g daily", "azathioprine 125mg daily", "adalimumab (via the IBD team)", "mesalazine 2g daily"])
        yrs = r.randint(2, 9)
        add_fact_text(c, "known_ibd_stable_question",
                      f"known {dz}, stable and in remission on {drug} for {yrs} years",
                      f"known {dz.split(' (')[0]}, stable in remission on {drug.split(' (')[0]}")
        q = r.choice(["whether it is safe to continue this during a planned pregnancy",
                      "whether the azathioprine could now be stopped, as she has been well for so long" if c.sex == "F"
                      else "whether the azathioprine could now be stopped, as he has been well for so long",
                      "whether a live shingles vaccine is appropriate",
                      "when the next surveillance colonoscopy is due",
                      "whether the dose can be reduced to once daily"])
        c.items.append({"t": "sym", "fact": "known_ibd_stable_question", "long": f"question: {q}", "short": f"Q: {q}", "exam": False,
                        "bg": True})
        c.flags.update({"rectal_bleeding", "change_in_bowel_habit", "abdominal_pain"})
        c.items.append({"t": "dist", "about": "bloody_diarrhoea", "kind": "negated", "long": "bowels formed once a day, no blood",
                        "short": "BO formed, no blood"})
        if r.random() < 0.5:
            add_val(c, "calprotectin", r.choice([22, 38, 54, 71]), r)
        add_dist(c, r, nd)
    elif rule == "O4":
        if age < 60 and r.random() < 0.5:
            add_fact_text(c, "change_in_bowel_habit", "a change in bowel habit to loose, pale stools", "loose stools (CIBH)")
        else:
            add_sym(c, "bloating", r)
        add_val(c, "ttg", r.choice([24, 38, 56, 87, 128]), r)["also"] = ["coeliac_positive"]
        c.facts["coeliac_positive"] = True
        if r.random() < 0.6:
            normal_val(c, "hb", r)
        c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "weight stable", "short": "wt stable"})
        c.flags.add("weight_loss")
        add_dist(c, r, nd)
    elif rule == "O5":
        if var in ("alt", "both"):
            add_val(c, "alt", {0: 299}.get(c.idx % 11, r.choice([48, 56, 67, 82, 104, 131, 176, 215])), r)
        if var in ("fatty", "both"):
            add_fact_text(c, "fatty_liver_imaging", r.choice(["ultrasound abdomen: fatty liver, no focal lesion",
                                                              "USS shows a diffusely echogenic liver consistent with hepatic steatosis"]),
                          "USS: fatty liver")
            if var == "fatty" and r.random() < 0.6:
                add_val(c, "alt", r.randint(18, 35), r)
        add_ctx(c, f"BMI {r.randint(29, 38)}, alcohol {r.choice([2, 4, 6, 10])} units/week", "BMI up, minimal alcohol")
        c.items.append({"t": "dist", "about": "jaundice", "kind": "negated", "long": "not jaundiced", "short": "not jaundiced"})
        c.flags.add("jaundice")
        add_dist(c, r, nd)
    elif rule == "A1":
        sy = r.choice([["abdominal_pain"], ["bloating"], ["change_in_bowel_habit"], ["abdominal_pain", "bloating"],
                       ["bloating", "change_in_bowel_habit"]])
        for s in sy:
            add_sym(c, s, r)
        if r.random() < 0.6:
            add_val(c, "calprotectin", r.choice([15, 24, 33, 48, 62, 85]), r)
            if r.random() < 0.3:
                neg_fit(c, r)
        else:
            neg_fit(c, r)
        if r.random() < 0.5:
            normal_val(c, "hb", r)
        c.items.append({"t": "dist", "about": "coeliac_positive", "kind": "normal_value", "long": "coeliac serology negative",
                        "short": "TTG neg"})
        for fact, ph in (("rectal_bleeding", "no PR bleeding"), ("weight_loss", "no weight loss")):
            c.items.append({"t": "dist", "about": fact, "kind": "negated", "long": ph, "short": ph})
            c.flags.add(fact)
        add_dist(c, r, nd - 1)
    elif rule == "O6":
        if var == "old":
            sy = r.choice([["rectal_bleeding"], ["change_in_bowel_habit"], ["abdominal_pain"],
                           ["rectal_bleeding", "change_in_bowel_habit"], ["change_in_bowel_habit", "abdominal_pain"]])
        else:
            sy = ["rectal_bleeding"]
            c.flags.update({"abdominal_pain", "change_in_bowel_habit"})
            c.items.append({"t": "dist", "about": "change_in_bowel_habit", "kind": "negated", "long": "bowel habit otherwise unchanged",
                            "short": "no CIBH"})
        for s in sy:
            add_sym(c, s, r)
        neg_fit(c, r)
        if r.random() < 0.6:
            normal_val(c, "hb", r)
        c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": r.choice(["no weight loss", "weight stable"]),
                        "short": "no wt loss"})
        c.flags.add("weight_loss")
        add_dist(c, r, nd)
    elif rule == "A2":
        add_sym(c, r.choice(["dyspepsia", "reflux"]), r)
        add_ctx(c, r.choice(["H. pylori stool antigen negative", "H. pylori test positive, eradication completed",
                             "on omeprazole 20mg with partial benefit", "lifestyle advice given"]))
        for fact, ph in (("dysphagia", "no dysphagia"), ("weight_loss", "no weight loss")):
            c.items.append({"t": "dist", "about": fact, "kind": "negated", "long": ph, "short": ph})
            c.flags.add(fact)
        add_dist(c, r, nd - 1)
    elif rule == "A3":
        a = r.choice([44, 48, 52, 57])
        c.facts["fh_crc"] = True
        c.items.append({"t": "fh", "fact": "fh_crc", "long": r.choice(FH_CRC).format(a=a), "short": f"FH CRC (1st degree, {a})"})
        c.items.append({"t": "dist", "about": "all_symptoms", "kind": "negated",
                        "long": r.choice(["completely asymptomatic", "no bowel symptoms at all",
                                          "no symptoms - normal bowel habit, no bleeding, no weight loss"]),
                        "short": "asymptomatic"})
        c.flags.update({"rectal_bleeding", "weight_loss", "change_in_bowel_habit", "abdominal_pain"})
        add_dist(c, r, 1, extra_block=("family_other",), kinds=("negated",))
    elif rule == "D":
        if var == "iron_no_anaemia":
            add_val(c, "hb", r.randint(134, 146), r)
            add_val(c, "ferritin", r.randint(8, 18), r)
            add_ctx(c, "found on routine bloods for tiredness; otherwise well", "incidental low ferritin")
            c.items.append({"t": "dist", "about": "all_symptoms", "kind": "negated", "long": "no bowel or upper GI symptoms",
                            "short": "no GI sx"})
            c.flags.update({"rectal_bleeding", "weight_loss", "change_in_bowel_habit", "abdominal_pain", "anaemia_any"})
        elif var == "b12":
            add_val(c, "hb", r.randint(96, 112), r)
            add_val(c, "ferritin", r.randint(120, 260), r)
            add_ctx(c, f"MCV {r.randint(108, 116)}, B12 {r.randint(70, 120)} (190-900), intrinsic factor antibody positive",
                    "macrocytic, low B12, IF Ab +ve")
            add_ctx(c, "query whether an OGD is needed for pernicious anaemia", "?OGD for PA")
            c.flags.add("anaemia_any")
        elif var == "hbv":
            add_ctx(c, "hepatitis B surface antigen positive on antenatal/new-patient screening, e antigen negative",
                    "HBsAg +ve, eAg -ve")
            add_val(c, "alt", r.randint(14, 30), r)
            c.items.append({"t": "dist", "about": "jaundice", "kind": "negated", "long": "no jaundice", "short": "no jaundice"})
            c.flags.add("jaundice")
        elif var == "gilbert":
            c.flags.add("bilirubin_ctx")
            add_ctx(c, f"isolated raised bilirubin {r.randint(26, 38)} umol/L (<21), unconjugated, on two occasions; ?Gilbert's",
                    "isolated unconj bili ?Gilbert's")
            add_val(c, "alt", r.randint(12, 28), r)
            c.items.append({"t": "dist", "about": "jaundice", "kind": "negated", "long": "not clinically jaundiced", "short": "not jaundiced"})
        elif var in ("cibh_young_notest", "cibh_50s_nofit"):
            add_sym(c, "change_in_bowel_habit", r)
            c.items.append({"t": "dist", "about": "rectal_bleeding", "kind": "negated", "long": "no PR bleeding", "short": "no PR bleed"})
            c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "no weight loss", "short": "no wt loss"})
            c.flags.update({"rectal_bleeding", "weight_loss", "abdominal_pain"})
        elif var == "bleed_40s_nofit":
            add_sym(c, "rectal_bleeding", r)
            c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "no weight loss", "short": "no wt loss"})
            c.items.append({"t": "dist", "about": "change_in_bowel_habit", "kind": "negated", "long": "bowel habit unchanged",
                            "short": "no CIBH"})
            c.flags.update({"weight_loss", "change_in_bowel_habit", "abdominal_pain"})
        elif var == "dysp_old_noppi":
            add_sym(c, "dyspepsia", r)
            add_ctx(c, r.choice(["has not yet tried a PPI", "started omeprazole 20mg 10 days ago"]))
            c.items.append({"t": "dist", "about": "weight_loss", "kind": "negated", "long": "no weight loss", "short": "no wt loss"})
            c.items.append({"t": "dist", "about": "dysphagia", "kind": "negated", "long": "no dysphagia", "short": "no dysphagia"})
            c.flags.update({"weight_loss", "dysphagia", "abdominal_pain"})
        elif var == "polyp_fu":
            add_ctx(c, "two small adenomas removed at colonoscopy in 2021; asking whether further surveillance is due",
                    "2 small adenomas 2021 - surveillance due?")
            c.items.append({"t": "dist", "about": "all_symptoms", "kind": "negated", "long": "no bowel symptoms", "short": "asymptomatic"})
            c.flags.update({"rectal_bleeding", "weight_loss", "change_in_bowel_habit", "abdominal_pain"})
        elif var == "coeliac_known":
            c.items.append({"t": "dist", "about": "coeliac_positive", "kind": "normal_value",
                            "long": "known coeliac disease (biopsy-proven 2016) on a strict gluten-free diet; tTG now normal",
                            "short": "known coeliac on GFD, tTG normal"})
            add_ctx(c, "asking whether annual hospital follow-up is still needed", "?needs annual FU")
        elif var == "nausea":
            add_ctx(c, f"persistent nausea for {c.num['m']} months; normal bloods and normal ultrasound",
                    "chronic nausea, Ix normal")
        if var not in ("iron_no_anaemia", "b12") and r.random() < 0.5:
            normal_val(c, "hb", r)
        add_dist(c, r, nd)
    # filler context (no facts)
    if r.random() < 0.5:
        occ = r.choice([OCC[1], OCC[5], "is retired"]) if age >= 68 else r.choice([o for o in OCC if "retired" not in o])
        if age < 50 and "student" not in occ:
            occ = r.choice(["works in IT", "works in a warehouse", "works as a hairdresser", "is a student nurse", "works for the council"])
        add_ctx(c, f"{c.he.capitalize()} {occ}")


# ---------------------------------------------------------------- rendering ----
class R:
    def __init__(self, c, r):
        self.c, self.r = c, r
        self.evid, self.dists, self.other = [], [], []
        self.noise = []

    def log(self, it, text):
        if it["t"] in ("sym", "fh"):
            self.evid.append({"fact": it["fact"], "text": text})
            for a in it.get("also", ()):
                self.evid.append({"fact": a, "text": text})
        elif it["t"] == "val":
            self.evid.append({"fact": it["key"], "value": it["v"], "text": text})
            for a in it.get("also", ()):
                self.evid.append({"fact": a, "text": text})
        elif it["t"] == "dist":
            if it.get("ref"):
                return text
            self.dists.append({"about": it["about"], "kind": it["kind"], "text": text})
        return text

    def txt(self, it, mode="long"):
        if mode == "spoken":
            if it["t"] == "val":
                t = it["spoken"]
            else:
                t = digits_to_words(it["long"])
        else:
            t = it[mode]
        if it["t"] == "val" and it["key"] == "hb":
            pass
        if it["t"] == "dist" and it.get("ref"):
            # normal values: also recorded as distractor of kind normal_value
            self.dists.append({"about": it["about"], "kind": "normal_value", "text": t})
            return t
        return self.log(it, t)

    def filler(self, s):
        if self.c.noisy and self.r.random() < 0.75:
            n = noise(s, self.r)
            if n != s:
                self.noise.append({"from": s, "to": n})
            return n
        return s

    def req(self, s):
        self.other.append(s)
        return s

    def box(self, fact, text, ticked):
        if ticked:
            self.evid.append({"fact": fact, "text": text})
        else:
            self.dists.append({"about": fact, "kind": "unticked_box", "text": text})
        return text


def noise(s, r):
    words_ = s.split(" ")
    idx = [i for i, w in enumerate(words_) if len(w) > 4 and w.isalpha()]
    if not idx:
        return s
    i = r.choice(idx)
    w = words_[i]
    op = r.randrange(4)
    if op == 0:
        j = r.randrange(1, len(w) - 2)
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif op == 1 and "m" in w:
        w = w.replace("m", "rn", 1)
    elif op == 2 and "l" in w:
        w = w.replace("l", "1", 1)
    elif op == 3 and "o" in w:
        w = w.replace("o", "0", 1)
    else:
        j = r.randrange(1, len(w) - 1)
        w = w[:j] + w[j] + w[j:]
    words_[i] = w
    return " ".join(words_)


def cap(s):
    return s[:1].upper() + s[1:]


def join_and(xs):
    xs = list(xs)
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + " and " + xs[-1]


def parts(c):
    sy = [i for i in c.items if i["t"] == "sym" and not i["exam"] and not i.get("bg")]
    ex = [i for i in c.items if i["t"] == "sym" and i["exam"]]
    vals = [i for i in c.items if i["t"] == "val"]
    dis = [i for i in c.items if i["t"] == "dist" and not i.get("ref")]
    ctx = [i for i in c.items if (i["t"] == "sym" and i.get("bg"))] + [i for i in c.items if i["t"] == "ctx"]
    fh = [i for i in c.items if i["t"] == "fh"]
    return sy, ex, vals, dis, ctx, fh


def prose_body(R_, mode="long", opener=None, with_vals=True):
    c = R_.c
    sy, ex, vals, dis, ctx, fh = parts(c)
    out = []
    if sy:
        out.append((opener or f"{c.He} reports ") + join_and(R_.txt(i, mode) for i in sy) + ".")
    for i in ctx:
        out.append(cap(R_.txt(i, mode)) + ".")
    if ex:
        out.append("On examination there is " + join_and(R_.txt(i, mode) for i in ex) + ".")
    for i in fh:
        out.append(cap(R_.txt(i, mode)) + ".")
    if dis:
        out.append(" ".join(cap(R_.txt(i, mode)) + "." for i in dis))
    if vals and with_vals:
        out.append("Recent results: " + ", ".join(R_.txt(v, mode) for v in vals_with_ref(c)) + ".")
    return out


def vals_with_ref(c):
    # value items, where normal-valued items are routed through their distractor twin (logged twice)
    res = []
    items = c.items
    for k, it in enumerate(items):
        if it["t"] == "val":
            nxt = items[k + 1] if k + 1 < len(items) else None
            if nxt and nxt["t"] == "dist" and nxt.get("ref"):
                res.append(_Twin(it, nxt))
            else:
                res.append(it)
    return res


class _Twin(dict):
    def __init__(self, v, d):
        super().__init__(v)
        self["_twin"] = d


def _txt_twin(self, it, mode="long"):
    t = _orig_txt(self, it, mode)
    if isinstance(it, _Twin) or "_twin" in it:
        self.dists.append({"about": it["key"], "kind": "normal_value", "text": t})
    return t


_orig_txt = R.txt
R.txt = _txt_twin


def row_line(R_, it, fmtter):
    lab, v, unit, ref, fl = it["row"]
    line = fmtter(lab, v, unit, ref, fl)
    R_.log(it, line) if "_twin" not in it else (R_.log(it, line), R_.dists.append({"about": it["key"], "kind": "normal_value", "text": line}))
    return line


def pick(r, xs):
    return xs[r.randrange(len(xs))]


def header_basic(R_, labels=("Name", "DOB", "NHS No"), sep=": "):
    c = R_.c
    return [f"{labels[0]}{sep}{c.title} {c.first} {c.last}", f"{labels[1]}{sep}{c.dob_s}", f"{labels[2]}{sep}{c.nhs_s}"]


def age_phrase(R_):
    c = R_.c
    if c.age_mode == "dob":
        return None
    s = c.age_s
    R_.evid.append({"fact": "age", "value": c.age, "text": s})
    return s


def who(R_):
    """'Mrs Jane Smith, 67yo,' or name alone when age is only via DOB."""
    c = R_.c
    a = age_phrase(R_)
    return f"{c.title} {c.first} {c.last}" + (f", {a}," if a else "")


def priority_line(R_, forms=None):
    c = R_.c
    if c.gp_priority is None:
        return None
    t = fill(pick(R_.r, forms or PRIORITY_TXT[c.gp_priority]), c)
    return R_.req(t)


def pmh_meds(R_, n_pmh=3, n_med=3):
    r = R_.r
    bad = {"M": ("Hysterectomy",), "F": ("Benign prostatic hyperplasia",)}[R_.c.sex]
    pm = r.sample([p for p in PMH_POOL if p[0] not in bad and int(p[2]) >= R_.c.dob.year + 12], n_pmh)
    md = r.sample([m for m in MED_POOL if not (R_.c.sex == "F" and m.startswith("Tamsulosin"))], n_med)
    return pm, md


def signoff(R_, name, role):
    return [R_.filler("Yours sincerely,"), "", name, role, R_.filler(f"{R_.c.practice} ({R_.c.pcode})")]


# ---- individual styles (each returns list of lines) ----
def st_emis(R_):
    c, r = R_.c, R_.r
    pm, md = pmh_meds(R_, r.randint(2, 4), r.randint(2, 4))
    L = [R_.filler(f"{c.practice}"), R_.filler(f"{r.randint(1, 90)} {pick(r, STREETS)}, {c.town}, {c.postcode}"),
         f"Tel: 01{r.randint(100, 999)} {r.randint(100000, 999999)}   Practice code: {c.pcode}", "",
         f"Date: {c.date_s}", "", "Gastroenterology Department", "", "Dear Colleague,", ""]
    L += [f"Re: {c.title} {c.first} {c.last}   DOB: {c.dob_s}   NHS Number: {c.nhs_s}", ""]
    a = age_phrase(R_)
    L.append(f"Consultation date: {c.date_s}" + (f"   Age at consultation: {a}" if a else ""))
    L.append("")
    L += ["History:"] + [" " + s for s in prose_body(R_, opener=f"{c.He} presents with ", with_vals=False)]
    L += ["", "Problems:"] + [f"  {y}  {p} ({code})" for p, code, y in pm]
    L += ["", "Medication (repeat):"] + [f"  {m}" for m in md]
    vv = vals_with_ref(c)
    if vv:
        L += ["", "Recent results:", f"  {'Test':<34}{'Value':<10}{'Units':<9}{'Range':<10}Flag"]
        for it in vv:
            L.append(row_line(R_, it, lambda lab, v, u, ref, fl: f"  {lab:<34}{v:<10}{u:<9}{ref:<10}{fl}"))
    p = priority_line(R_)
    L += [""] + ([p] if p else []) + [R_.filler("Many thanks for seeing this patient."), ""]
    L += signoff(R_, c.gp, "General Practitioner")
    return L


def st_systmone(R_):
    c, r = R_.c, R_.r
    pm, md = pmh_meds(R_, r.randint(2, 3), r.randint(1, 3))
    L = [f"{c.practice}", f"Referral Letter                                  {c.date_s}", "",
         "Patient Details", f"  Name: {c.last.upper()}, {c.first} ({c.title})", f"  Date of birth: {c.dob_s}",
         f"  Gender: {'Male' if c.sex == 'M' else 'Female'}", f"  NHS number: {c.nhs_s}", "",
         "Referred to: Gastroenterology", ""]
    a = age_phrase(R_)
    L.append(f"Dear Doctor,")
    L.append("")
    L.append(f"I would be grateful if you would see this {'gentleman' if c.sex == 'M' else 'lady'}" + (f" ({a})." if a else "."))
    L += prose_body(R_, opener=f"{c.He} has ", with_vals=False)
    L += ["", "Active Problems"] + [f"  {fmt_date(datetime.date(int(y), 3, 1), 0)}  {p}" for p, code, y in pm]
    L += ["", "Current medication"] + [f"  {m}" for m in md]
    vv = vals_with_ref(c)
    if vv:
        L += ["", "Recent tests"]
        for it in vv:
            L.append(row_line(R_, it, lambda lab, v, u, ref, fl: f"  {c.date_s} {lab} {v} {u} [{ref}] {fl}".rstrip()))
    p = priority_line(R_)
    L += [""] + ([p] if p else [])
    L += ["", R_.filler("Kind regards"), c.gp, R_.filler(c.practice)]
    return L


def st_vision(R_):
    c, r = R_.c, R_.r
    pm, md = pmh_meds(R_, 2, 2)
    L = [R_.filler(c.practice.upper()), f"Ref: {c.pcode}/{r.randint(1000, 9999)}", f"{c.date_s}", "",
         "The Consultant Gastroenterologist", "", f"Dear Dr {pick(r, SURN)}", "",
         f"Re: {c.title} {c.first} {c.last}, DOB {c.dob_s}, NHS {c.nhs_s}", ""]
    a = age_phrase(R_)
    L.append("Thank you for seeing this patient" + (f" ({a})." if a else "."))
    L += prose_body(R_, opener="The main problem is ")
    L += ["", "Summary: " + "; ".join(f"{p} {y}" for p, code, y in pm), "Current Rx: " + "; ".join(md)]
    p = priority_line(R_)
    if p:
        L += ["", p]
    L += ["", R_.filler("Yours sincerely"), "", c.gp, "MRCGP"]
    return L


def st_ers(R_):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    pr = {"2ww": "Urgent Suspected Cancer", "urgent": "Urgent", "routine": "Routine", "advice": "Routine", None: "Routine"}
    L = ["NHS e-Referral Service - Referral Details", f"UBRN: {r.randint(1000, 9999)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}",
         f"Referral Created: {c.date_s}", f"Patient Name: {c.first} {c.last.upper()}", f"NHS Number: {c.nhs_s}",
         f"Date of Birth: {c.dob_s}", f"Sex: {'Male' if c.sex == 'M' else 'Female'}",
         f"Referring Organisation: {c.practice} ({c.pcode})", f"Referring Clinician: {c.gp}",
         "Specialty: Gastroenterology", f"Clinic Type: {pick(r, ['Gastroenterology', 'Not Otherwise Specified', 'Lower GI', 'Hepatology'])}"]
    if c.gp_priority is not None:
        L.append(R_.req(f"Priority: {pr[c.gp_priority]}"))
    L += ["", "Clinical information:"]
    if a:
        L.append(f"{'Male' if c.sex == 'M' else 'Female'} patient, {a}.")
    body = prose_body(R_, opener="Presenting with ")
    L += body
    if c.gp_priority == "advice":
        L.append(R_.req("Advice would be welcome - please return with advice if no appointment needed."))
    L += ["", "Attachments: 1 (Referral letter)"]
    return L


LOWER_ITEMS = [("rectal_bleeding", "Rectal bleeding"), ("change_in_bowel_habit", "Change in bowel habit"),
               ("weight_loss", "Unexplained weight loss"), ("abdominal_pain", "Abdominal pain"),
               ("abdominal_mass", "Abdominal mass"), ("rectal_mass", "Rectal mass"),
               ("anal_mass_or_ulcer", "Anal mass or unexplained anal ulceration"), ("ida", "Iron deficiency anaemia")]
UPPER_ITEMS = [("dysphagia", "Dysphagia"), ("upper_abdominal_pain", "Upper abdominal pain"), ("reflux", "Reflux"),
               ("dyspepsia", "Dyspepsia"), ("weight_loss", "Unexplained weight loss"), ("haematemesis", "Haematemesis")]


def fact_state(c, key):
    f = c.facts
    if key == "anal_mass_or_ulcer":
        return bool(f.get("anal_mass") or f.get("anal_ulceration"))
    if key == "ida":
        hb, fer = c.vals.get("hb"), c.vals.get("ferritin")
        return hb is not None and fer is not None and (hb < (130 if c.sex == "M" else 120)) and fer < 30
    if key == "change_in_bowel_habit":
        return bool(f.get(key))
    return bool(f.get(key))


def skip_item(c, key):
    # avoid boxes that would sit awkwardly against a related present fact
    if key == "abdominal_pain" and (c.facts.get("upper_abdominal_pain") or c.facts.get("dyspepsia") or c.facts.get("reflux")):
        return True
    if key == "rectal_bleeding" and c.facts.get("bloody_diarrhoea"):
        return True
    if key == "change_in_bowel_habit" and c.facts.get("bloody_diarrhoea"):
        return True
    if key == "ida" and c.vals.get("hb") is not None and c.vals.get("ferritin") is None:
        return True
    if key == "abdominal_mass" and c.facts.get("ascites"):
        return True
    return False


def box_fact(key):
    return {"anal_mass_or_ulcer": "anal_mass_or_ulceration", "ida": "ida"}.get(key, key)


def checklist(R_, items, fmt_on, fmt_off):
    c = R_.c
    L = []
    for key, lab in items:
        if skip_item(c, key):
            continue
        on = fact_state(c, key)
        line = fmt_on(lab) if on else fmt_off(lab)
        L.append(R_.box(box_fact(key), line, on))
    return L


def st_ers_2ww_lower(R_):
    c, r = R_.c, R_.r
    L = st_ers(R_)
    L += ["", "----- Suspected Lower GI Cancer Referral Form (pasted) -----",
          f"Patient: {c.first} {c.last}   DOB: {c.dob_s}", "Symptoms (tick all that apply):"]
    L += checklist(R_, LOWER_ITEMS, lambda l: f"[X] {l}", lambda l: f"[ ] {l}")
    L += ["Patient informed of possible cancer referral: [X]", "Patient available in next 14 days: [X]"]
    return L


def st_ers_2ww_upper(R_):
    c, r = R_.c, R_.r
    L = st_ers(R_)
    L += ["", "== Suspected Upper GI Cancer - Referral Proforma ==", "Presenting features:"]
    L += checklist(R_, UPPER_ITEMS, lambda l: f"☑ {l}", lambda l: f"☐ {l}")
    L += ["Direct to test (OGD) appropriate: ☑", "Safety netting discussed: ☑"]
    return L


def proforma_common(R_, title):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    L = [title, "", f"Patient name: {c.title} {c.first} {c.last}", f"DOB: {c.dob_s}" + (f"    Age: {c.age}" if a else ""),
         f"NHS no: {c.nhs_s}", f"GP / Practice: {c.gp}, {c.practice} {c.pcode}", f"Date of referral: {c.date_s}"]
    if a:
        R_.evid[-1]["text"] = f"Age: {c.age}"
    return L


def all_items(c):
    items = list(LOWER_ITEMS) + [x for x in UPPER_ITEMS if x[0] != "weight_loss"] + [("jaundice", "Jaundice")]
    return items


def st_yn(R_):
    c, r = R_.c, R_.r
    L = proforma_common(R_, "GASTROENTEROLOGY REFERRAL PROFORMA")
    L += ["", "Red flag screen                              Y   N"]
    L += checklist(R_, all_items(c), lambda l: f"{l:<44} Y", lambda l: f"{l:<44}     N")
    L += ["", "Clinical details:"] + prose_body(R_, opener="")
    p = priority_line(R_, ["Requested priority: {pr}".format(pr={"2ww": "2WW", "urgent": "Urgent", "routine": "Routine", "advice": "Advice only"}[c.gp_priority])] if c.gp_priority else None)
    if p:
        L += ["", p]
    return L


def st_delete(R_):
    c, r = R_.c, R_.r
    L = proforma_common(R_, "Referral to Gastroenterology - please complete all sections")
    L += ["", "Section B - Red flags"]
    L += checklist(R_, all_items(c), lambda l: f"{l}: Yes/No (delete as appropriate): Yes",
                   lambda l: f"{l}: Yes/No (delete as appropriate): No")
    L += ["", "Section C - History"] + prose_body(R_, opener="")
    if c.gp_priority:
        L += ["", "Section D - Urgency requested (delete as appropriate): " +
              R_.req({"2ww": "2WW", "urgent": "Urgent", "routine": "Routine", "advice": "Advice and guidance"}[c.gp_priority])]
    return L


def st_tickall(R_):
    c, r = R_.c, R_.r
    L = proforma_common(R_, "Gastro referral form (v3.2)")
    L += ["", "Please tick all that apply:"]
    L += checklist(R_, all_items(c), lambda l: f"  ✓ {l}", lambda l: f"    {l}")
    L += ["(boxes left blank = not present)", "", "Further details:"] + prose_body(R_, opener="")
    p = priority_line(R_)
    if p:
        L += ["", "Urgency: " + p]
    return L


def st_letter_generic(R_, writer, role, intro=None, extra_top=(), closing=None, head=None):
    c, r = R_.c, R_.r
    L = [R_.filler(head or c.practice), f"{c.date_s}", "", "Dear Gastroenterology team,", "",
         f"Re: {c.title} {c.first} {c.last}  DOB {c.dob_s}  NHS {c.nhs_s}", ""] + list(extra_top)
    w = who(R_)
    L.append((intro or "I saw {w} today.").format(w=w))
    L += prose_body(R_)
    p = priority_line(R_)
    if p:
        L += ["", p]
    if closing:
        L += ["", closing]
    L += ["", R_.filler("Many thanks"), writer, role]
    return L


def st_anp(R_):
    c = R_.c
    return st_letter_generic(R_, "Karen Doyle RGN, MSc", "Advanced Nurse Practitioner (non-medical prescriber)",
                             "I reviewed {w} in my minor illness clinic today.",
                             closing=R_.filler(f"Discussed with {c.gp}, who agrees with this referral."))


def st_pharm(R_):
    c, r = R_.c, R_.r
    pm, md = pmh_meds(R_, 2, 4)
    L = st_letter_generic(R_, "Imran Sadiq MPharm IP", "Clinical Pharmacist, " + c.practice,
                          "I reviewed {w} at a structured medication review.")
    L[-3:-3] = ["", "Current medicines reviewed:"] + [f"- {m}" for m in md]
    return L


def st_pa(R_):
    c = R_.c
    return st_letter_generic(R_, "Jordan Hale", "Physician Associate (supervising GP: " + c.gp + ")",
                             "{w} was seen by me today and the case discussed with my supervising GP.")


def st_soap(R_):
    c, r = R_.c, R_.r
    sy, ex, vals, dis, ctx, fh = parts(c)
    a = age_phrase(R_)
    L = [f"{c.practice} - GP registrar consultation", f"Date: {c.date_s}",
         f"Pt: {c.first} {c.last}, DOB {c.dob_s}, NHS {c.nhs_s}" + (f" ({a})" if a else ""), ""]
    L.append("S: " + "; ".join([R_.txt(i) for i in sy] + [R_.txt(i) for i in ctx] + [R_.txt(i) for i in fh]
                               + [R_.txt(i) for i in dis]) + ".")
    o = [R_.txt(i) for i in ex] + [R_.txt(v) for v in vals_with_ref(c)]
    L.append("O: " + ("; ".join(o) if o else "obs normal") + ".")
    L.append("A: " + pick(r, ["see above", "needs specialist review", "for gastro opinion"]) + ".")
    p = priority_line(R_)
    L.append("P: refer gastro" + (f" - {p.rstrip('.')}" if p else "") + ".")
    L += ["", "Dr Amira Shah, GP Specialty Registrar (ST3)", f"Supervisor: {c.gp}"]
    return L


def st_locum(R_):
    c = R_.c
    return st_letter_generic(R_, "Dr N. Fenwick", "Locum GP", "I am a locum at this practice and saw {w} today.",
                             closing=R_.filler("Please copy any correspondence to the usual GP."))


def st_ooh(R_):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    L = ["OUT OF HOURS SERVICE - CONSULTATION SUMMARY", f"Case ref: OOH{r.randint(100000, 999999)}",
         f"Consultation: {c.date_s} {r.randint(18, 23)}:{r.randint(10, 59)}", f"Patient: {c.first} {c.last}, DOB {c.dob_s}, NHS {c.nhs_s}" + (f", {a}" if a else ""),
         f"Registered GP: {c.practice} ({c.pcode})", "", "History / findings:"]
    L += prose_body(R_)
    L += ["", "Outcome: not an emergency tonight. Information sent to registered GP and copied to gastroenterology."]
    p = priority_line(R_)
    if p:
        L.append("Suggested priority: " + p)
    L += ["", "Dr L. Moreau, OOH GP"]
    return L


def st_utc(R_):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    L = ["URGENT TREATMENT CENTRE - DISCHARGE LETTER", f"Attendance date: {c.date_s}",
         f"Patient: {c.title} {c.first} {c.last}", f"DOB: {c.dob_s}  NHS: {c.nhs_s}" + (f"  ({a})" if a else ""),
         f"GP: {c.gp}, {c.practice}", "", "Presenting complaint and findings:"]
    L += prose_body(R_)
    L += ["", "Discharged home. Action for GP / gastroenterology: please arrange outpatient follow-up as below."]
    p = priority_line(R_)
    if p:
        L.append(p)
    L += ["", "ENP S. Grant, UTC"]
    return L


def st_ae(R_):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    L = ["Emergency Department Discharge Summary", f"Arrival: {c.date_s}", f"Name: {c.first} {c.last.upper()}  DOB: {c.dob_s}",
         f"NHS Number: {c.nhs_s}" + (f"  Age: {a}" if a else ""), "", "Diagnosis: for outpatient gastroenterology assessment", "",
         "Clinical summary:"]
    L += prose_body(R_)
    L += ["", "Not admitted. Referral to gastroenterology made from ED; GP please note.",
          ]
    p = priority_line(R_)
    if p:
        L.append("ED request: " + p)
    L += ["Dr K. Adeyemi, ED Registrar"]
    return L


def st_dietitian(R_):
    c = R_.c
    return st_letter_generic(R_, "Louise Parr RD", "Community Dietitian", "I have been seeing {w} in the community dietetic clinic.",
                             closing="I have copied this letter to the GP.")


def st_midwife(R_):
    c, r = R_.c, R_.r
    wk = r.randint(12, 30)
    return st_letter_generic(R_, "Gemma Rowe RM", "Community Midwife", "I am the community midwife for {w} who is " + f"{wk} weeks pregnant.",
                             head="Community Midwifery Team, Marbury General Hospital",
                             closing=R_.filler("Copy to GP and obstetric team."))


def st_uni(R_):
    c = R_.c
    return st_letter_generic(R_, "Dr P. Okoro", "University Health Service",
                             "{w} is a student registered with the University Health Service.",
                             head="University Health Service, Marbury Campus")


def st_prison(R_):
    c, r = R_.c, R_.r
    L = st_letter_generic(R_, "Dr S. Ilyas", "Healthcare, HMP " + pick(r, ["Marbury", "Kelton", "Harwick"]),
                          "{w} is currently resident at this establishment.",
                          closing="Please note: appointments need to be arranged via the healthcare team for escort.")
    L[0] = R_.filler("Prison Healthcare Service")
    return L


def st_carehome(R_):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    L = [R_.filler(f"{pick(r, ['Meadowbank', 'Rosewood', 'Ashgrove'])} Care Home (Nursing)"), f"Date: {c.date_s}", "",
         f"Resident: {c.title} {c.first} {c.last}, DOB {c.dob_s}, NHS {c.nhs_s}" + (f" ({a})" if a else ""), "",
         f"Dear Gastroenterology, on behalf of {c.gp} we are referring this resident."]
    L += prose_body(R_, opener=f"Staff have noted ")
    L += ["The resident has capacity and is happy to be referred; daughter aware."]
    p = priority_line(R_)
    if p:
        L.append(p)
    L += ["", "Nurse-in-charge: M. Kowalczyk RGN"]
    return L


def st_dictated(R_):
    c, r = R_.c, R_.r
    a = None if c.age_mode == "dob" else f"{words(c.age)}-year-old"
    if a:
        R_.evid.append({"fact": "age", "value": c.age, "text": a})
    sy, ex, vals, dis, ctx, fh = parts(c)
    L = [c.practice, f"Dictated: {c.date_s}   Typed: {c.date_s}", "", "Dear Doctor", "",
         f"Re: {c.title} {c.first} {c.last}, date of birth {c.dob_s}, NHS {c.nhs_s}", ""]
    s = f"Thank you for seeing this {a + ' ' if a else ''}{'gentleman' if c.sex == 'M' else 'lady'} who I saw in surgery today"
    if sy:
        s += " and who has been troubled by " + join_and(R_.txt(i, "spoken") for i in sy)
    s += " full stop."
    L.append(s)
    rest = [cap(R_.txt(i, "spoken")) + "." for i in ctx] + ["On examination there is " + R_.txt(i, "spoken") + "." for i in ex] + \
           [cap(R_.txt(i, "spoken")) + "." for i in fh + dis]
    if ex:
        pass
    if rest:
        L.append(" ".join(rest))
    vv = vals_with_ref(c)
    if vv:
        L.append("Results show " + ", ".join(R_.txt(v, "spoken") for v in vv) + ".")
    L.append(R_.filler("He is otherwise [inaudible] well in himself.").replace("He ", c.He + " ").replace("himself", "himself" if c.sex == "M" else "herself"))
    p = priority_line(R_)
    if p:
        L.append(p)
    L += ["", "Yours sincerely", "", c.gp, "Dictated but not checked"]
    return L


def st_terse(R_):
    c, r = R_.c, R_.r
    sy, ex, vals, dis, ctx, fh = parts(c)
    a = c.age_s_terse
    R_.evid.append({"fact": "age", "value": c.age, "text": a})
    bits = [R_.txt(i, "short") for i in sy + ex + fh] + [R_.txt(v, "short") for v in vals_with_ref(c)] + \
           [R_.txt(i, "short") for i in ctx + dis]
    p = priority_line(R_, {"2ww": ["2WW pls", "?2WW"], "urgent": ["urgent pls", "URGENT"], "routine": ["routine", "rout."],
                            "advice": ["A&G pls", "advice only"]}.get(c.gp_priority))
    line1 = f"{a}. " + ". ".join(bits) + "."
    L = [f"Gastro ref - {c.first[0]}. {c.last} ({c.nhs_s})", line1]
    L.append((p + " " if p else "") + f"- Dr {c.gp.split()[-1]}")
    return L


def st_longpmh(R_):
    c, r = R_.c, R_.r
    pm, md = pmh_meds(R_, 7, 8)
    a = age_phrase(R_)
    L = [R_.filler(c.practice), c.date_s, "", f"Re: {c.title} {c.first} {c.last} DOB {c.dob_s} NHS {c.nhs_s}", "",
         "Past medical history:"] + [f"  {y} - {p}" for p, code, y in pm] + ["", "Medication:"] + [f"  {m}" for m in md]
    L += ["", "Allergies: penicillin (rash)", "", "Social: lives with partner, ex-smoker (20 pack years), independent.", "",
          f"Reason for referral{(' (' + a + ')') if a else ''}:"]
    L += prose_body(R_)
    p = priority_line(R_)
    if p:
        L += ["", p]
    L += ["", R_.filler("With thanks and best wishes"), c.gp]
    return L


def st_contin(R_):
    c, r = R_.c, R_.r
    prev = c.date - datetime.timedelta(days=r.randint(20, 60))
    return st_letter_generic(R_, c.gp, "GP", "Further to my letter of " + fmt_date(prev, 1) +
                             ", I write with further information about {w} so that the referral can be considered as a whole.")


def st_dna(R_):
    c, r = R_.c, R_.r
    prev = c.date - datetime.timedelta(days=r.randint(30, 90))
    return st_letter_generic(R_, c.gp, "GP", "{w} did not attend the appointment offered for " + fmt_date(prev, 0) +
                             " (letter went to an old address) and I am re-referring. I saw her again today.".replace(
                                 "her", c.him))


def st_postcolon(R_):
    c, r = R_.c, R_.r
    y = r.choice([2018, 2019, 2020, 2021])
    return st_letter_generic(R_, c.gp, "GP", "{w} had a normal colonoscopy in " + str(y) +
                             " under your team. I am re-referring because of the current picture.")


def st_quoted(R_):
    c, r = R_.c, R_.r
    quote = pick(r, ["\"I just don't feel right, doctor, something's changed.\"", "\"My wife made me come in.\"",
                     "\"I've put up with it for ages but it's getting me down.\"", "\"I'm worried it's something serious.\""])
    return st_letter_generic(R_, c.gp, "GP", "I saw {w} today. In " + c.his + " own words: " + quote)


def st_interp(R_):
    c, r = R_.c, R_.r
    lang = pick(r, ["Polish", "Urdu", "Romanian", "Tigrinya", "Bengali", "Portuguese"])
    return st_letter_generic(R_, c.gp, "GP", "I saw {w} today with a " + lang + " telephone interpreter; " +
                             pick(r, ["history largely provided by " + c.his + " son.", "history corroborated by " + c.his + " carer.",
                                      "interpreter ID 4471."]))


def st_hosp(R_):
    c, r = R_.c, R_.r
    spec = pick(r, ["Haematology", "Gynaecology", "Orthopaedics", "Diabetes and Endocrinology", "Respiratory"])
    L = [f"Department of {spec}, Marbury General Hospital", f"Clinic date: {c.date_s}", "",
         "To: Gastroenterology (internal referral), cc GP", "",
         f"{c.first} {c.last.upper()}  DOB {c.dob_s}  NHS {c.nhs_s}  Hosp no M{r.randint(100000, 999999)}", ""]
    w = who(R_)
    L.append(f"I saw {w} in the {spec.lower()} clinic. While under our care the following has come to light.")
    L += prose_body(R_)
    p = priority_line(R_)
    if p:
        L += ["", p]
    L += ["", f"Dr E. Castellanos, Consultant {spec}"]
    return L


def st_ag(R_):
    c, r = R_.c, R_.r
    a = age_phrase(R_)
    L = ["e-RS ADVICE AND GUIDANCE REQUEST", f"Request date: {c.date_s}", f"Patient: {c.first} {c.last}  NHS {c.nhs_s}  DOB {c.dob_s}",
         f"Requesting clinician: {c.gp} ({c.pcode})", "Specialty: Gastroenterology", "", "Question / clinical details:"]
    if a:
        L.append(f"{a} {'male' if c.sex == 'M' else 'female'}.")
    L += prose_body(R_)
    L += ["", priority_line(R_)]
    return L


def st_fax(R_):
    c, r = R_.c, R_.r
    L = [f"FAX FROM: {R_.filler(c.practice)}   PAGE 1/1   {c.date_s}", "*** SCANNED DOCUMENT ***", ""]
    L += st_letter_generic(R_, c.gp, R_.filler("General Practitioner"))[1:]
    return L


STYLE_FN = {
    "emis_web_gp": st_emis, "systmone_gp": st_systmone, "vision_gp": st_vision, "ers_export": st_ers,
    "ers_2ww_lower_proforma": st_ers_2ww_lower, "ers_2ww_upper_proforma": st_ers_2ww_upper,
    "proforma_yn_columns": st_yn, "proforma_delete_as_appropriate": st_delete, "proforma_tick_all_that_apply": st_tickall,
    "anp_letter": st_anp, "practice_pharmacist": st_pharm, "physician_associate": st_pa, "gp_registrar_soap": st_soap,
    "locum_gp": st_locum, "ooh_gp": st_ooh, "utc_discharge": st_utc, "ae_discharge": st_ae,
    "community_dietitian": st_dietitian, "midwife": st_midwife, "university_health": st_uni,
    "prison_healthcare": st_prison, "care_home_nurse": st_carehome, "dictated_letter": st_dictated,
    "terse_request": st_terse, "long_pmh_buried": st_longpmh, "continuation_letter": st_contin,
    "rereferral_after_dna": st_dna, "rereferral_post_colonoscopy": st_postcolon, "patient_quoted": st_quoted,
    "interpreter_carer_history": st_interp, "hospital_specialty_letter": st_hosp, "advice_and_guidance_request": st_ag,
    "scanned_fax_ocr": st_fax,
}
assert set(STYLE_FN) == set(STYLES)


# ---------------------------------------------------------------- main ----
def main():
    plan = []
    for rule, var, n, lo, hi, sx in SCEN:
        for k in range(n):
            plan.append((rule, var, lo, hi, sx, k))
    assert len(plan) == 300, len(plan)
    rng("order").shuffle(plan)
    use = {s: 0 for s in STYLES}
    letters, metas = [], []
    for i, (rule, var, lo, hi, sx, k) in enumerate(plan, 1):
        lid = f"{SET}-{i:04d}"
        r = rng(lid)
        urg, path = LABEL[rule]
        # requested priority: ~50% disagree, ~33% agree, ~17% none
        u = r.random()
        lab_p = PRIO_OF_URG[urg]
        if u < 0.50:
            alts = [p for p in ("2ww", "urgent", "routine", "advice") if p != lab_p]
            want = r.choice(alts)
        elif u < 0.83:
            want = lab_p
        else:
            want = None
        cands = []
        for s, (alo, ahi, asx, arules, fp) in STYLES.items():
            if max(lo, alo) > min(hi, ahi):
                continue
            if asx and sx and asx != sx:
                continue
            if arules is not None and rule not in arules:
                continue
            if fp is not None and fp != want:
                continue
            cands.append(s)
        cands.sort(key=lambda s: (use[s], hashlib.md5((lid + s).encode()).hexdigest()))
        style = cands[0]
        use[style] += 1
        alo, ahi, asx, _, _ = STYLES[style]
        c = Case()
        c.idx, c.rule, c.variant, c.style = i, rule, var, style
        c.sex = sx or asx or r.choice("MF")
        edge = {"U5": 55, "O1": 55, "U8": {"bleed": 50, "cibh": 60, "wl_pain": 40}.get(var), "D": {"cibh_50s_nofit": 59, "bleed_40s_nofit": 49}.get(var),
                "A1": 49, "A2": 54, "U7": 40}.get(rule)
        alo2, ahi2 = max(lo, alo), min(hi, ahi)
        if edge and alo2 <= edge <= ahi2 and k == 0:
            c.age = edge
        else:
            c.age = r.randint(alo2, ahi2)
        c.he, c.his, c.him = ("he", "his", "him") if c.sex == "M" else ("she", "her", "her")
        c.He, c.His = c.he.capitalize(), c.his.capitalize()
        c.title = "Mr" if c.sex == "M" else r.choice(["Mrs", "Ms", "Miss"])
        c.first = r.choice(M_FIRST if c.sex == "M" else F_FIRST)
        c.last = r.choice(SURN)
        c.practice, c.pcode = r.choice(PRACTICES)
        c.town, c.postcode = r.choice(TOWNS)
        c.gp = r.choice(GP_NAMES)
        c.date = datetime.date(2023, 1, 1) + datetime.timedelta(days=r.randint(0, 900))
        if c.date.day > 28:
            c.date = c.date.replace(day=28)
        anniv = datetime.date(c.date.year - c.age, c.date.month, c.date.day)
        c.dob = anniv - datetime.timedelta(days=r.randint(20, 340))
        assert age_on(c.dob, c.date) == c.age
        ds = r.randrange(5)
        c.date_s = fmt_date(c.date, ds)
        c.dob_s = fmt_date(c.dob, r.choice([0, 0, 1, 2, 3]))
        c.nhs = nhs_number(r)
        c.nhs_s = fmt_nhs(c.nhs, r)
        sxl = c.sex
        c.age_s = r.choice([f"{c.age}yo", f"{c.age} y/o", f"aged {c.age}", f"{c.age}{sxl}", f"{c.age}-year-old"])
        c.age_s_terse = r.choice([f"{c.age}{sxl}", f"{c.age}yo {sxl}", f"{c.age} y/o {'M' if sxl == 'M' else 'F'}"])
        c.age_mode = "dob" if (r.random() < 0.25 and style not in ("terse_request",)) else "expr"
        c.gp_priority = want
        c.noisy = r.random() < 0.16
        c.facts, c.vals, c.items = {}, {}, []
        build(c, r)
        facts = dict(c.facts)
        facts.update(c.vals)
        facts["age"], facts["sex"] = c.age, c.sex
        got = classify(facts)
        assert got == rule, (lid, rule, var, got, facts)
        Rr = R(c, rng(lid, "render"))
        lines = STYLE_FN[style](Rr)
        text = "\n".join(l for l in lines if l is not None).rstrip() + "\n"
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        if c.age_mode == "dob" and not any(e["fact"] == "age" for e in Rr.evid):
            Rr.evid.append({"fact": "age", "value": c.age, "text": c.dob_s, "letter_date": c.date_s})
        prio_h = {"2ww": "suspected cancer / 2WW", "urgent": "urgent", "routine": "routine", "advice": "advice and guidance only",
                  None: None}[want]
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
                        "gp_priority": prio_h, "age": c.age})
        metas.append({"id": lid, "rule": rule, "scenario": var, "style": style,
                      "sex": c.sex, "age": c.age, "dob": c.dob.isoformat(), "letter_date": c.date.isoformat(),
                      "dob_text": c.dob_s, "letter_date_text": c.date_s, "age_mode": c.age_mode,
                      "nhs_number": c.nhs, "facts": {k: v for k, v in sorted(facts.items())},
                      "evidence": Rr.evid, "distractors": Rr.dists, "request_text": Rr.other,
                      "gp_priority": want, "priority_disagrees": (want is not None and want != PRIO_OF_URG[urg]),
                      "noise": Rr.noise})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for d in letters:
            fh.write(json.dumps(d, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for d in metas:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("wrote", len(letters), "letters; styles:", len([s for s in use if use[s]]))


if __name__ == "__main__":
    main()
