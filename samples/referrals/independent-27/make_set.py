#!/usr/bin/env python3
"""Generator for sealed test set letters27 (300 gastroenterology referral letters).
Python 3 standard library only; every random choice is seeded from strings, so reruns
give byte-identical files. Labels follow /work/shared/clinical/referral-triage-spec.md."""
import datetime
import hashlib
import json
import os
import random
import re

OUT = os.path.dirname(os.path.abspath(__file__))
SET = "L27"


def R(*parts):
    return random.Random(hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest())


# ---------------------------------------------------------------- labelling (generator copy)
def below10(fit):
    if isinstance(fit, str):
        return True
    return fit is not None and fit < 10


def label(f):
    age, sex = f["age"], f["sex"]
    hb, fer, fit = f.get("hb_gl"), f.get("ferritin"), f.get("fit")
    if isinstance(fit, str):
        fit = {"<4": 3, "<10": 9, "neg": 0, "undet": 0}[fit]
    cal, alt = f.get("calpro"), f.get("alt")
    g = lambda k: bool(f.get(k))
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irond = fer is not None and fer < 30
    pain = g("abdominal_pain") or g("upper_abdo_pain")
    if g("dysphagia"):
        return "U1"
    if g("rectal_mass") or g("anal_mass") or g("anal_ulcer"):
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemia and irond:
        return "U4"
    if age >= 55 and g("weight_loss") and (g("upper_abdo_pain") or g("reflux") or g("dyspepsia")):
        return "U5"
    if g("abdominal_mass"):
        return "U6"
    if age >= 40 and g("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and g("rectal_bleeding")) or (age >= 40 and g("weight_loss") and pain)
                        or (age >= 60 and g("cibh"))):
        return "U8"
    if g("bloody_diarrhoea") or (cal is not None and cal >= 250):
        return "R1"
    if (g("cirrhosis") and (g("ascites") or g("confusion"))) or (alt is not None and alt >= 300):
        return "R2"
    if g("haematemesis"):
        return "R3"
    if age >= 55 and g("dyspepsia") and (f.get("ppi_weeks") or 0) >= 4:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if g("ibd_stable_question"):
        return "O3"
    if g("ttg_raised"):
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or g("fatty_liver"):
        return "O5"
    other = any(g(k) for k in ("rectal_bleeding", "weight_loss", "dyspepsia", "reflux", "upper_abdo_pain",
                               "jaundice", "cirrhosis", "ascites", "confusion", "haematemesis"))
    other = other or anaemia or irond or (alt is not None and alt >= 40)
    if (age < 50 and (g("abdominal_pain") or g("bloating") or g("cibh"))
            and ((cal is not None and cal < 100) or below10(fit)) and not other):
        return "A1"
    if (g("rectal_bleeding") or g("cibh") or g("abdominal_pain")) and below10(fit):
        return "O6"
    if age < 55 and (g("dyspepsia") or g("reflux")):
        return "A2"
    if g("fh_crc") and g("asymptomatic"):
        return "A3"
    return "D"


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

# number of letters per deciding rule (sum 300): ~30% USC, 15% urgent, 35% routine, 20% A&G
PLAN = [("U1", 14), ("U2", 8), ("U3", 16), ("U4", 16), ("U5", 10), ("U6", 6), ("U7", 8), ("U8", 12),
        ("R1", 20), ("R2", 12), ("R3", 13),
        ("O1", 14), ("O2", 14), ("O4", 12), ("O5", 16), ("O6", 22), ("D", 27),
        ("O3", 16), ("A1", 18), ("A2", 18), ("A3", 8)]

STYLES = [
    # (name, kind)
    ("gp_formal_dear_doctor", "gp"), ("gp_terse_two_line", "gp"), ("gp_shorthand_abbrev", "gp"),
    ("gp_phone_lowercase", "gp"), ("gp_dictated_speech_slips", "gp"), ("gp_long_story", "gp"),
    ("gp_locum_registrar_first", "gp"), ("gp_partner_third_person", "gp"), ("gp_soap_headings", "gp"),
    ("gp_hpc_redflag_headings", "gp"), ("gp_numbered_findings", "gp"), ("gp_quotes_patient_relative", "gp"),
    ("gp_disagrees_earlier_two_visits", "gp"), ("gp_system_paste_table", "gp"),
    ("nhs111_clinician", "other"), ("walkin_centre_nurse", "other"), ("community_matron", "other"),
    ("practice_pharmacist_review", "other"), ("eRS_checklist_form", "other"), ("private_health_check", "other"),
]
ABBR_STYLES = {"gp_terse_two_line", "gp_shorthand_abbrev", "gp_phone_lowercase", "gp_soap_headings",
               "gp_system_paste_table", "nhs111_clinician"}


# ---------------------------------------------------------------- value phrasing
def hb_txt(r, gl, reg):
    if r.random() < 0.45:
        v = gl / 10.0
        s = r.choice(["Hb %.1f g/dL", "haemoglobin %.1f g/dL", "Hb %.1fg/dl"]) % v
        return s, {"value": round(v, 1), "unit": "g/dL"}
    s = r.choice(["Hb %d", "Hb %d g/L", "haemoglobin %d g/L", "Hb %dg/l"]) % gl
    return s, {"value": gl, "unit": "g/L"}


def fer_txt(r, v):
    return r.choice(["ferritin %d", "ferritin %d ug/L", "ferritin %d µg/L", "ferr %d", "ferritin %d ng/mL"]) % v


def fit_txt(r, v):
    """returns (text, numeric used for label, raw form for meta)"""
    if v == "<4":
        s = r.choice(["FIT <4", "FIT < 4 ug/g", "qFIT <4"])
        return s, 3, "<4"
    if v == "<10":
        return r.choice(["FIT: <10", "FIT <10 ug Hb/g"]), 9, "<10"
    if v == "neg":
        return r.choice(["FIT negative", "qFIT negative"]), 0, "negative"
    if v == "undet":
        return r.choice(["FIT undetectable", "FIT - undetectable"]), 0, "undetectable"
    s = r.choice(["FIT %d", "qFIT %d ug Hb/g", "FIT %d ug/g", "FIT: %d", "qFIT positive at %d"
                  if v >= 10 else "FIT %d ug Hb/g"]) % v
    return s, v, str(v)


def cal_txt(r, v):
    return r.choice(["faecal calprotectin %d", "FCP %d ug/g", "calprotectin %d", "calpro %d", "faecal calprotectin %d ug/g"]) % v


def alt_txt(r, v):
    if v % 40 == 0 and r.random() < 0.5:
        return "ALT %dx ULN (%d)" % (v // 40, v)
    return r.choice(["ALT %d U/L", "ALT %d", "ALT %d iu/L"]) % v


# ---------------------------------------------------------------- facts per rule
def pron(sex):
    if sex == "M":
        return dict(he="he", his="his", him="him", He="He", His="His", noun="gentleman", t="Mr")
    return dict(he="she", his="her", him="her", He="She", His="Her", noun="lady", t=r_t(sex))


def r_t(sex):
    return "Mrs"


def S(sec, text, fact=None, kind="pos", cf=None, val=None):
    return {"sec": sec, "text": text, "fact": fact, "kind": kind, "cf": cf, "val": val}


def sym(fact, r, P, reg):
    """plain or abbreviated sentence asserting a current symptom."""
    d = r.choice([2, 3, 4, 6, 8, 10, 12])
    pools = {
        "dysphagia": (["%s has had difficulty swallowing solids for %d weeks, food sticking behind the breastbone." % (P["He"], d),
                       "Progressive dysphagia to solids over the last %d weeks." % d,
                       "%s reports food sticking on swallowing for %d weeks." % (P["He"], d)],
                      ["c/o dysphagia to solids x%d/52" % d, "food sticking ++ on swallowing, %d/52" % d]),
        "rectal_mass": (["On PR examination there is a hard irregular mass palpable at about 6 cm."],
                        ["PR: hard craggy rectal mass at fingertip"]),
        "anal_mass": (["There is a firm anal mass at the anal verge on examination."], ["o/e firm anal mass at verge"]),
        "anal_ulcer": (["There is an unexplained ulcer at the anal margin, present for %d weeks, not a fissure." % d],
                       ["unexplained anal ulceration x%d/52, not fissure" % d]),
        "weight_loss": (["%s has lost %d kg over the last 3 months without trying." % (P["He"], r.choice([4, 5, 6, 7, 9])),
                         "Unintentional weight loss of %d kg since the spring." % r.choice([5, 6, 8])],
                        ["wt loss %dkg unintentional" % r.choice([4, 6, 7]), "unexplained wt loss ++ (%dkg/3m)" % r.choice([5, 8])]),
        "upper_abdo_pain": (["%s has had upper abdominal pain for %d weeks." % (P["He"], d)],
                            ["c/o epigastric pain x%d/52" % d]),
        "reflux": (["%s has troublesome reflux, worse lying flat." % P["He"]], ["c/o reflux ++"]),
        "dyspepsia": (["%s has dyspepsia for %d weeks." % (P["He"], d), "Ongoing indigestion (dyspepsia) for %d weeks." % d],
                      ["dyspepsia x%d/52" % d]),
        "abdominal_mass": (["On examination there is a firm mass in the left iliac fossa."],
                           ["o/e abdo: firm mass LIF", "o/e palpable mass RIF"]),
        "jaundice": (["%s is visibly jaundiced, painless, noticed %d days ago." % (P["He"], d)],
                     ["o/e jaundiced, painless"]),
        "rectal_bleeding": (["%s has had rectal bleeding, bright red blood mixed with stool, for %d weeks." % (P["He"], d)],
                            ["PR bleed x%d/52" % d, "fresh PR bleeding on and off x%d/52" % d]),
        "abdominal_pain": (["%s has had cramping lower abdominal pain for %d weeks." % (P["He"], d)],
                           ["c/o lower abdo pain x%d/52" % d, "abdo pain (central/lower) x%d/52" % d]),
        "cibh": (["%s reports a change in bowel habit to looser, more frequent stools for %d weeks." % (P["He"], d)],
                 ["CIBH - looser x%d/52" % d, "change in bowel habit x%d/52" % d]),
        "bloating": (["%s describes bloating most days." % P["He"]], ["bloating ++"]),
        "bloody_diarrhoea": (["%s has bloody diarrhoea, up to %d times a day, for %d weeks." % (P["He"], r.choice([5, 6, 8]), d)],
                             ["bloody diarrhoea x%d/52, 6-8/day" % d]),
        "haematemesis": (["%s vomited fresh blood twice yesterday; haemodynamically stable today." % P["He"]],
                         ["haematemesis x2 yest, obs stable today"]),
    }
    plain, ab = pools[fact]
    return r.choice(ab if reg == "abbr" and r.random() < 0.8 else plain)


DIST = [
    # kind, cf (fact -> value when counted), sec, plain text, abbr text
    ("negated", {"dysphagia": True}, "neg", "No dysphagia.", "nil dysphagia"),
    ("negated", {"dysphagia": True}, "neg", "{He} denies any difficulty swallowing.", "denies dysphagia"),
    ("negated", {"weight_loss": True}, "neg", "Weight stable.", "wt stable"),
    ("negated", {"weight_loss": True}, "neg", "No weight loss.", "nil wt loss"),
    ("negated", {"rectal_bleeding": True}, "neg", "No rectal bleeding.", "no PR bleed"),
    ("negated", {"abdominal_mass": True}, "exam", "Abdomen soft, no masses palpable.", "o/e abdo soft, NT, no masses"),
    ("negated", {"jaundice": True}, "exam", "Not jaundiced.", "not jaundiced"),
    ("negated", {"haematemesis": True}, "neg", "No haematemesis or melaena.", "nil haematemesis"),
    ("family", {"dysphagia": True}, "fh", "{His} mother had oesophageal cancer and had difficulty swallowing at the end.",
     "FH: mum oesoph ca (dysphagia at end)"),
    ("family", {"ttg_raised": True}, "fh", "{His} sister has coeliac disease with a raised tTG.", "FH: sister coeliac (tTG +ve)"),
    ("family", {"bloody_diarrhoea": True}, "fh", "{His} son has ulcerative colitis and had bloody diarrhoea last year.",
     "FH: son UC (bloody diarrhoea)"),
    ("family", {"cirrhosis": True, "ascites": True}, "fh", "{His} brother has cirrhosis with ascites.",
     "FH: bro cirrhosis + ascites"),
    ("resolved", {"rectal_bleeding": True}, "pmh", "Rectal bleeding in 2017 from haemorrhoids, banded, none since.",
     "h/o PR bleed 2017 (piles, banded), nil since"),
    ("resolved", {"haematemesis": True}, "pmh", "One episode of haematemesis after a binge in 2015, nothing since.",
     "h/o haematemesis 2015 x1, nil since"),
    ("resolved", {"jaundice": True}, "pmh", "Jaundiced with hepatitis A as a student, fully recovered.",
     "h/o hep A with jaundice as student, resolved"),
    ("resolved", {"dysphagia": True}, "pmh", "Food bolus with dysphagia in 2019, OGD normal, no swallowing problems since.",
     "h/o food bolus 2019, OGD nad, nil since"),
    ("resolved", {"hb_gl": 95, "ferritin": 8}, "pmh", "Iron deficiency anaemia in pregnancy years ago, corrected, recent bloods normal.",
     "h/o IDA in pregnancy, corrected"),
    ("hypothetical", {"dysphagia": True}, "plan", "If {he} develops dysphagia I have asked {him} to come back at once.",
     "SN: if dysphagia to rtn"),
    ("hypothetical", {"haematemesis": True}, "plan", "Safety-netted: should {he} vomit blood, {he} will go to A&E.",
     "SN re haematemesis -> A&E"),
    ("hypothetical", {"weight_loss": True}, "plan", "I would re-refer if {he} were to start losing weight.",
     "will re-ref if wt loss"),
    ("normal_value", {"ttg_raised": True}, "res", "Coeliac serology (tTG) negative.", "tTG neg"),
    ("normal_value", {"fatty_liver": True}, "res", "Liver ultrasound normal, no fatty change.", "USS liver nad, no fatty change"),
    ("refuted_report", {"jaundice": True}, "hx",
     "{His} wife thinks {he} has looked \"a bit yellow\"; on examination today {he} is not jaundiced and bilirubin is normal.",
     "wife says 'looks yellow' - o/e not jaundiced, bili normal"),
    ("refuted_report", {"weight_loss": True}, "hx",
     "{His} daughter said \"{he}'s lost loads of weight\" but weight today is unchanged from the practice record in the spring.",
     "dtr says 'lost loads of weight' - wt today same as spring, no loss"),
    ("refuted_report", {"rectal_bleeding": True}, "hx",
     "{He} was worried about \"blood in the pan\", but on questioning it was after eating beetroot; no rectal bleeding.",
     "?blood in pan - beetroot, no PR bleed"),
]

BACKGROUND = [
    ("pmh", "PMH: hypertension, osteoarthritis of the knees.", "PMH: HTN, OA knees"),
    ("pmh", "Past history of asthma, well controlled.", "PMH asthma (well ctrl)"),
    ("pmh", "Type 2 diabetes on metformin.", "T2DM - metformin"),
    ("meds", "Medication: amlodipine 5 mg once daily, atorvastatin 20 mg.", "meds: amlodipine 5mg od, atorva 20mg"),
    ("meds", "Medication: levothyroxine 75 micrograms, sertraline 50 mg.", "meds levothyrox 75mcg, sertraline 50"),
    ("social", "Non-smoker, drinks about 6 units a week.", "NS, etoh 6u/wk"),
    ("social", "Ex-smoker, lives with {his} partner, works as a bus driver.", "ex-smoker, lives w partner"),
]


def facts_for(rule, r, idx):
    """Draw facts for the target rule. Returns facts, list of positive statements, near-line tag, notes."""
    f = {"sex": r.choice("MF")}
    P = None
    near = None
    pos = []  # (fact, sentence-maker key or literal)

    def age(lo, hi):
        return r.randint(lo, hi)

    nl = r.random() < 0.42  # try a near-line variant where the rule has one
    if rule == "U1":
        f["age"] = age(18, 92) if not nl else r.choice([22, 28, 34])
        f["dysphagia"] = True
        pos += ["dysphagia"] + r.sample(["reflux", "weight_loss", "dyspepsia"], r.randint(0, 1))
        if nl:
            near = "U1 applies at any age (young patient)"
    elif rule == "U2":
        f["age"] = age(30, 90)
        k = r.choice(["rectal_mass", "anal_mass", "anal_ulcer"])
        f[k] = True
        pos += [k] + r.sample(["rectal_bleeding", "cibh"], 1)
    elif rule == "U3":
        f["age"] = age(25, 90)
        v = 10 if nl else r.choice([12, 23, 45, 52, 150, 87, 31])
        f["fit"] = v
        if nl:
            near = "FIT exactly 10 (>= 10)"
        pos += [r.choice(["cibh", "abdominal_pain", "rectal_bleeding"])]
    elif rule == "U4":
        f["age"] = age(18, 90)
        if nl:
            if r.random() < 0.5:
                f["hb_gl"] = 129 if f["sex"] == "M" else 119
                f["ferritin"] = r.choice([6, 11, 15])
                near = "Hb one below sex threshold"
            else:
                f["hb_gl"] = r.choice([96, 104, 110]) if f["sex"] == "F" else r.choice([98, 112, 118])
                f["ferritin"] = 29
                near = "ferritin 29 (< 30)"
        else:
            f["hb_gl"] = r.choice([82, 91, 98, 105]) if f["sex"] == "F" else r.choice([88, 97, 104, 115])
            f["ferritin"] = r.choice([4, 7, 9, 12, 18])
        pos += r.sample(["tired"], 1)
    elif rule == "U5":
        f["age"] = 55 if nl else age(56, 90)
        if nl:
            near = "age exactly 55 (>= 55)"
        f["weight_loss"] = True
        k = r.choice(["upper_abdo_pain", "reflux", "dyspepsia"])
        f[k] = True
        pos += ["weight_loss", k]
    elif rule == "U6":
        f["age"] = age(35, 88)
        f["abdominal_mass"] = True
        pos += ["abdominal_mass"]
    elif rule == "U7":
        f["age"] = 40 if nl else age(41, 90)
        if nl:
            near = "age exactly 40 (>= 40)"
        f["jaundice"] = True
        pos += ["jaundice"]
    elif rule == "U8":
        c = r.choice(["rb", "wlp", "cibh"])
        if c == "rb":
            f["age"] = 50 if nl else age(51, 88)
            f["rectal_bleeding"] = True
            pos += ["rectal_bleeding"]
            near = nl and "age exactly 50 with rectal bleeding, no FIT"
        elif c == "wlp":
            f["age"] = 40 if nl else age(41, 54)
            f["weight_loss"] = True
            f["abdominal_pain"] = True
            pos += ["weight_loss", "abdominal_pain"]
            near = nl and "age exactly 40 with weight loss and abdominal pain, no FIT"
        else:
            f["age"] = 60 if nl else age(61, 90)
            f["cibh"] = True
            pos += ["cibh"]
            near = nl and "age exactly 60 with change in bowel habit, no FIT"
    elif rule == "R1":
        f["age"] = age(18, 80)
        if r.random() < 0.5:
            f["age"] = age(18, 45)
            f["bloody_diarrhoea"] = True
            pos += ["bloody_diarrhoea"]
        else:
            f["calpro"] = 250 if nl else r.choice([320, 480, 560, 900, 1200])
            near = nl and "calprotectin exactly 250"
            pos += ["cibh"] if f["age"] < 60 else ["abdominal_pain"]
            if f["age"] >= 50 and "cibh" in pos:
                pos = ["abdominal_pain"]
            if f["age"] >= 40:
                pos = ["bloating"]
    elif rule == "R2":
        f["age"] = age(30, 85)
        if r.random() < 0.5:
            f["cirrhosis"] = True
            k = r.choice(["ascites", "confusion"])
            f[k] = True
            pos += ["cirrhosis", k]
        else:
            f["alt"] = 300 if nl else r.choice([340, 412, 560, 880])
            near = nl and "ALT exactly 300"
    elif rule == "R3":
        f["age"] = age(18, 85)
        f["haematemesis"] = True
        pos += ["haematemesis"]
    elif rule == "O1":
        f["age"] = 55 if nl and r.random() < 0.5 else age(56, 88)
        f["dyspepsia"] = True
        f["ppi_weeks"] = 4 if (nl and f["age"] != 55) else r.choice([6, 8, 12])
        if nl:
            near = "age exactly 55" if f["age"] == 55 else "PPI exactly 4 weeks"
        pos += ["dyspepsia", "ppi"]
    elif rule == "O2":
        f["age"] = age(18, 80)
        f["calpro"] = r.choice([100, 249]) if nl else r.choice([130, 160, 185, 210])
        near = nl and ("calprotectin exactly %d" % f["calpro"])
        if f["age"] < 50:
            pos += [r.choice(["abdominal_pain", "cibh", "bloating"])]
        else:
            pos += ["bloating"]
    elif rule == "O3":
        f["age"] = age(19, 80)
        f["ibd_stable_question"] = True
        pos += ["ibdq"]
    elif rule == "O4":
        f["age"] = age(18, 75)
        f["ttg_raised"] = True
        pos += ["ttg"] + (["bloating"] if f["age"] < 60 else [])
    elif rule == "O5":
        f["age"] = age(25, 80)
        if r.random() < 0.55:
            f["alt"] = r.choice([40, 299]) if nl else r.choice([62, 88, 120, 145, 200])
            near = nl and ("ALT exactly %d" % f["alt"])
        else:
            f["fatty_liver"] = True
            pos += ["fatty"]
    elif rule == "A1":
        f["age"] = 49 if nl else age(18, 48)
        near = nl and "age 49 (< 50) with FIT/calprotectin below threshold"
        k = r.sample(["abdominal_pain", "bloating", "cibh"], r.randint(1, 2))
        for x in k:
            f[x] = True
        pos += k
        if r.random() < 0.5:
            f["calpro"] = 99 if (nl and r.random() < 0.5) else r.choice([12, 28, 45, 60, 80])
        else:
            f["fit"] = r.choice(["<4", "<10", "neg", 2, 6]) if not nl else 9
    elif rule == "O6":
        # age >= 50 so A1 cannot compete; or rectal bleeding alone under 50
        if r.random() < 0.3:
            f["age"] = age(20, 49)
            f["rectal_bleeding"] = True
            pos += ["rectal_bleeding"]
        else:
            f["age"] = 50 if nl else age(51, 90)
            k = r.sample(["rectal_bleeding", "cibh", "abdominal_pain"], r.randint(1, 2))
            for x in k:
                f[x] = True
            pos += k
            near = nl and "age exactly 50 (A1 needs < 50)"
        if nl and not near:
            f["fit"] = 9
            near = "FIT 9 (< 10)"
        else:
            f["fit"] = r.choice(["<4", "<10", "neg", "undet", 3, 7])
    elif rule == "A2":
        f["age"] = 54 if nl else age(18, 53)
        near = nl and "age 54 (< 55)"
        k = r.choice(["dyspepsia", "reflux"])
        f[k] = True
        pos += [k]
        if k == "dyspepsia" and r.random() < 0.5:
            f["ppi_weeks"] = r.choice([4, 8, 12])
            pos += ["ppi"]
    elif rule == "A3":
        f["age"] = age(25, 60)
        f["fh_crc"] = True
        f["asymptomatic"] = True
        pos += ["fhcrc", "asym"]
    elif rule == "D":
        c = r.choice(["irond", "anaem", "diarrhoea_young", "jaundice_young", "pb49", "cibh59", "wl39",
                      "dysp55_short", "alt39", "hiccups"])
        if nl and c not in ("pb49", "cibh59", "wl39", "dysp55_short", "alt39", "jaundice_young"):
            c = r.choice(["pb49", "cibh59", "wl39", "dysp55_short", "alt39", "jaundice_young", "irond"])
        if c == "irond":
            f["age"] = age(20, 70)
            f["hb_gl"] = (130 if f["sex"] == "M" else 120) if nl else (r.choice([138, 145]) if f["sex"] == "M" else r.choice([126, 133]))
            f["ferritin"] = r.choice([6, 11, 19])
            near = nl and "Hb exactly at sex threshold (not anaemic) with low ferritin"
            pos += ["tired"]
        elif c == "anaem":
            f["age"] = age(20, 80)
            f["hb_gl"] = r.choice([101, 108]) if f["sex"] == "M" else r.choice([98, 106])
            f["ferritin"] = 30 if nl else r.choice([85, 140, 260])
            near = nl and "ferritin exactly 30 (not < 30)"
            pos += ["tired"]
        elif c == "diarrhoea_young":
            f["age"] = age(18, 45)
            f["cibh"] = True
            pos += ["cibh"]
        elif c == "jaundice_young":
            f["age"] = 39 if nl else age(19, 38)
            f["jaundice"] = True
            pos += ["jaundice"]
            near = nl and "age 39 with jaundice (U7 needs >= 40)"
        elif c == "pb49":
            f["age"] = 49
            f["rectal_bleeding"] = True
            pos += ["rectal_bleeding"]
            near = "age 49 with rectal bleeding, no FIT (U8 needs >= 50)"
        elif c == "cibh59":
            f["age"] = 59
            f["cibh"] = True
            pos += ["cibh"]
            near = "age 59 with change in bowel habit, no FIT (U8 needs >= 60)"
        elif c == "wl39":
            f["age"] = 39
            f["weight_loss"] = True
            f["abdominal_pain"] = True
            pos += ["weight_loss", "abdominal_pain"]
            near = "age 39 with weight loss and abdominal pain, no FIT (U8 needs >= 40)"
        elif c == "dysp55_short":
            f["age"] = 55 if r.random() < 0.6 else age(56, 80)
            f["dyspepsia"] = True
            f["ppi_weeks"] = 3
            pos += ["dyspepsia", "ppi"]
            near = "PPI only 3 weeks (O1 needs >= 4) and age >= 55 (A2 needs < 55)"
        elif c == "alt39":
            f["age"] = age(25, 70)
            f["alt"] = 39
            pos += ["tired"]
            near = "ALT 39 (O5 needs >= 40)"
        else:
            f["age"] = age(25, 80)
            pos += ["hiccups"]
    f.setdefault("age", 50)
    return f, pos, (near or None)


def fact_sentence(key, f, r, P, reg):
    """sentence + list of (fact, value_meta) it evidences"""
    if key in ("dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_abdo_pain", "reflux",
               "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "abdominal_pain", "cibh", "bloating",
               "bloody_diarrhoea", "haematemesis"):
        sec = "exam" if key in ("rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass") else "hx"
        return sec, sym(key, r, P, reg), [key]
    if key == "ppi":
        w = f["ppi_weeks"]
        drug = r.choice(["omeprazole 20 mg", "lansoprazole 30 mg"])
        if reg == "abbr":
            s = "%s od x%d/52, sx persist" % (drug, w)
        else:
            s = "Symptoms persist despite %s daily for %d weeks." % (drug, w)
        if f.get("ppi_weeks") == 3 and reg != "abbr":
            s = "%s started %s daily 3 weeks ago; symptoms persist so far." % (P["He"], drug)
        return "hx", s, ["ppi_weeks"]
    if key == "cirrhosis":
        return "pmh", r.choice(["Known alcohol-related cirrhosis.", "Known cirrhosis (NASH), under no current follow-up."]), ["cirrhosis"]
    if key == "ascites":
        return "exam", r.choice(["New tense ascites on examination today.", "Abdomen distended with shifting dullness - ascites."]), ["ascites"]
    if key == "confusion":
        return "hx", "Family report new confusion over the last week; %s is disorientated in time today." % P["he"], ["confusion"]
    if key == "ibdq":
        dz = r.choice(["ulcerative colitis", "Crohn's disease"])
        q = r.choice(["whether %s can stop azathioprine after 5 years in remission" % P["he"],
                      "whether mesalazine can be reduced to a maintenance dose",
                      "advice on bone protection while on intermittent steroids in the past",
                      "whether %s needs surveillance colonoscopy and when" % P["he"]])
        return "hx", ("Known %s, stable and in remission, no current symptoms; I would value advice on %s." % (dz, q)), ["ibd_stable_question"]
    if key == "ttg":
        return "res", r.choice(["Coeliac serology positive: tTG IgA %d U/mL (ref <7), raised." % r.choice([34, 56, 128]),
                                "tTG raised at %d (normal <10)." % r.choice([45, 88, 120])]), ["ttg_raised"]
    if key == "fatty":
        return "res", r.choice(["Ultrasound shows fatty liver.", "USS abdo: hepatic steatosis (fatty liver), otherwise nad."]), ["fatty_liver"]
    if key == "fhcrc":
        return "fh", r.choice(["{His} father was diagnosed with bowel cancer at 52.".format(**P),
                               "{His} mother and uncle both had colorectal cancer.".format(**P)]), ["fh_crc"]
    if key == "asym":
        return "hx", r.choice(["{He} has no bowel symptoms at all and is entirely well.".format(**P),
                               "Asymptomatic - no GI symptoms whatsoever."]), ["asymptomatic"]
    if key == "tired":
        return "hx", "{He} has felt tired for a few months.".format(**P), []
    if key == "hiccups":
        return "hx", "{He} has had intermittent hiccups for 2 months, otherwise well.".format(**P), []
    raise KeyError(key)


# ---------------------------------------------------------------- identifiers and dates
FIRST_M = ["John", "David", "Peter", "Mohammed", "Gareth", "Ian", "Stephen", "Tomasz", "Raj", "Colin", "Alan", "Kwame"]
FIRST_F = ["Susan", "Margaret", "Aisha", "Claire", "Joanne", "Priya", "Elaine", "Fiona", "Agnieszka", "Janet", "Ruth", "Grace"]
SUR = ["Thompson", "Patel", "Hughes", "Evans", "Khan", "Walsh", "Morgan", "Nowak", "Okafor", "Reid", "Bennett", "Shaw",
       "Clarke", "Ahmed", "Doyle", "Price"]
PRACTICES = [("Riverside Medical Practice", "B81012"), ("Oakfield Surgery", "C84033"), ("The Limes Health Centre", "M85021"),
             ("Castle Street Surgery", "Y02345"), ("Northgate Family Practice", "P87610"), ("Meadowbank Group Practice", "J82114")]
NUMWORDS = {18: "eighteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy",
            80: "eighty", 90: "ninety"}
UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = {18: "eighteen", 19: "nineteen"}


def age_words(n):
    if n in TEENS:
        return TEENS[n]
    t, u = divmod(n, 10)
    return NUMWORDS[t * 10] + ("-" + UNITS[u] if u else "")


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
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


def dob_for(r, age, ldate, near_birthday):
    y = ldate.year - age
    if near_birthday:
        # birthday tomorrow or today relative to letter date
        off = r.choice([1, 0, -1])  # days: +1 => birthday tomorrow (not yet reached)
        bd = ldate + datetime.timedelta(days=off)
        try:
            dob = bd.replace(year=bd.year - age if off <= 0 else bd.year - age - 0)
        except ValueError:
            dob = bd.replace(year=bd.year - age, day=28)
        if off > 0:
            dob = dob.replace(year=dob.year)  # birthday not yet reached: age-1 if same year -> fix below
    else:
        m, d = r.randint(1, 12), r.randint(1, 28)
        dob = datetime.date(y, m, d)
    # correct so that exact age holds at letter date
    a = ldate.year - dob.year - ((ldate.month, ldate.day) < (dob.month, dob.day))
    if a != age:
        dob = dob.replace(year=dob.year - (age - a))
    return dob


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def uk(d, r):
    return r.choice(["%02d/%02d/%04d" % (d.day, d.month, d.year), "%d %s %d" % (d.day, d.strftime("%B"), d.year),
                     "%02d.%02d.%04d" % (d.day, d.month, d.year)])


# ---------------------------------------------------------------- noise
def noisy(r, s):
    subs = [("l", "1"), ("O", "0"), ("m", "rn"), ("e", "c"), ("th", "tb")]
    out = s
    for _ in range(2):
        a, b = r.choice(subs)
        i = out.find(a, r.randint(0, max(0, len(out) // 2)))
        if i >= 0:
            out = out[:i] + b + out[i + len(a):]
    return out


# ---------------------------------------------------------------- GP priority
PRI_TEXT = {
    "urgent_suspected_cancer": ["2WW please", "Priority: TWO WEEK WAIT", "please see under the suspected cancer pathway",
                                "TWW ref", "urgent suspected cancer referral"],
    "urgent": ["urgent please", "Priority: URGENT", "I would be grateful if you could see {him} soon", "soon pls"],
    "routine": ["routine referral", "Priority: ROUTINE", "no rush - routine clinic is fine", "routine OPD pls"],
    "advice_and_guidance": ["advice only please", "I am happy to manage with your advice", "A&G request",
                            "could you advise whether {he} needs to be seen"],
}
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]


def adj(agep, P):
    if agep.startswith("DOB"):
        return "%s (%s)" % (P["noun"], agep)
    return "%s %s" % (agep, P["noun"])


def render(style, ctx):
    """Build letter text from ctx; returns text. ctx['stmts'] are dicts with final 'text'."""
    r, P = ctx["r"], ctx["P"]
    st = ctx["stmts"]
    name, hdr = ctx["name"], ctx["hdr"]
    req = ctx["req"]
    sec = lambda *ss: [x for x in st if x["sec"] in ss]
    T = lambda xs, sep=" ": sep.join(x["text"] for x in xs) or "-"
    agep = ctx["age_phrase"]
    sign = ctx["sign"]
    filler = ctx["filler"]
    L = []
    if style == "gp_formal_dear_doctor":
        L += [hdr, "", "Dear Doctor,", "", "Re: %s, %s" % (name, ctx["idline"]), "",
              filler("Thank you for seeing this %s." % adj(agep, P)), T(sec("hx")), T(sec("exam", "res")),
              T(sec("neg")), T(sec("pmh", "fh", "meds", "social")), T(sec("plan")), req, "", filler("Yours sincerely,"), sign]
    elif style == "gp_terse_two_line":
        L += ["%s %s. %s" % (name, ctx["idline"], agep), "; ".join(x["text"] for x in st) + ". " + req, sign]
    elif style == "gp_shorthand_abbrev":
        L += [hdr, "", "Re %s %s" % (name, ctx["idline"]), "%s %s" % (agep, "M" if ctx["f"]["sex"] == "M" else "F")]
        L += ["- " + x["text"] for x in st]
        L += ["", req, filler("many thx"), sign]
    elif style == "gp_phone_lowercase":
        body = " ".join(x["text"] for x in st)
        L += ["ref %s %s %s" % (name.lower(), ctx["idline"].lower(), agep), body, req, sign.lower()]
    elif style == "gp_dictated_speech_slips":
        L += [hdr, "", filler("Deer Doctor comma"), "", "Re %s %s" % (name, ctx["idline"]), "",
              filler("Thank you for seeing this %s who I saw in surgery to day full stop" % adj(agep, P)),
              "new paragraph", T(sec("hx")), T(sec("exam", "res")), T(sec("neg", "fh", "pmh")), "new paragraph",
              T(sec("meds", "social", "plan")), req, filler("Your sin sea really"), sign, "(dictated but not read)"]
    elif style == "gp_long_story":
        L += [hdr, "", "Dear Colleague,", "", "Re: %s, %s" % (name, ctx["idline"]), "",
              filler("I have known this %s for many years and the family for longer; %s has been through a difficult "
                     "time with a house move, a bereavement last winter and caring for a grandchild most weekdays. "
                     "We have talked at length about sleep, low mood and back pain, and %s has been very patient "
                     "with the long waits for physiotherapy." % (adj(agep, P), P["he"], P["he"])),
              T(sec("pmh", "social", "meds", "fh")),
              filler("At %s most recent appointment, almost as an aside at the end, %s mentioned the reason for this letter."
                     % (P["his"], P["he"])),
              T(sec("hx")), T(sec("exam", "res", "neg")), T(sec("plan")), req, "", "With best wishes,", sign]
    elif style == "gp_locum_registrar_first":
        L += [hdr, "", "Dear Gastroenterology Team,", "",
              filler("Apologies if this is not the right route - I am a locum GP covering this practice and this is one of my "
                     "first referrals here."), "Patient: %s, %s, %s" % (name, ctx["idline"], agep), "",
              "History: " + T(sec("hx")), "Examination/results: " + T(sec("exam", "res")),
              "I specifically asked about: " + T(sec("neg")), "Background: " + T(sec("pmh", "meds", "fh", "social")),
              T(sec("plan")), req + ". " + filler("Please do let me know if I should have done anything else first."),
              sign]
    elif style == "gp_partner_third_person":
        txt = T(st)
        L += [hdr, "", "Dear Dr,", "", "Re: %s, %s" % (name, ctx["idline"]), "",
              filler("The patient (%s %s) was seen by my partner and myself." % (P["noun"], agep)), txt, req, "",
              filler("Kind regards,"), sign]
    elif style == "gp_soap_headings":
        L += [hdr, "%s %s %s" % (name, ctx["idline"], agep), "", "S: " + T(sec("hx", "pmh", "fh", "social", "meds")),
              "O: " + T(sec("exam", "res")), "A: red flags screened - " + (T(sec("neg")) or "see above"),
              "P: " + T(sec("plan")) + " " + req, sign]
    elif style == "gp_hpc_redflag_headings":
        L += [hdr, "", "Patient: %s  %s" % (name, ctx["idline"]), "Age: %s" % agep, "",
              "Presenting complaint:", T(sec("hx")), "", "Examination and investigations: " + T(sec("exam", "res")), "",
              "Red flags screened:"] + ["  - " + x["text"] for x in sec("neg")] + [
              "", "PMH / DH / FH: " + T(sec("pmh", "meds", "fh", "social")), "", "Safety netting: " + (T(sec("plan")) or "given"),
              "What I would like: " + req, "", sign]
    elif style == "gp_numbered_findings":
        L += [hdr, "", "Re: %s %s, %s" % (name, ctx["idline"], agep), "", "Findings:"]
        L += ["%d. %s" % (i + 1, x["text"]) for i, x in enumerate(st)]
        L += ["", "Request: " + req, sign]
    elif style == "gp_quotes_patient_relative":
        L += [hdr, "", "Dear Doctor,", "", "Re: %s, %s, %s" % (name, ctx["idline"], agep), "",
              filler("%s came in with %s and told me \"I just want to know what's going on\"." % (P["He"], ctx["companion"])),
              T(sec("hx")), T(sec("exam", "res", "neg")), T(sec("pmh", "fh", "meds", "social", "plan")), req, "", sign]
    elif style == "gp_disagrees_earlier_two_visits":
        L += [hdr, "", "Dear Dr,", "", "Re: %s, %s, %s" % (name, ctx["idline"], agep), "",
              filler("I wrote about this patient previously and the referral was returned with advice; I am writing again "
                     "because the picture has moved on since then, and I respectfully disagree with that earlier view."),
              "First visit: " + T(sec("pmh", "social", "meds", "fh")),
              "Second visit, %d weeks later: " % r.choice([3, 4, 6]) + T(sec("hx", "exam", "res", "neg")),
              T(sec("plan")), req, sign]
    elif style == "gp_system_paste_table":
        L += [hdr, "=" * 40, "Patient: %s   %s" % (name, ctx["idline"]), "Age: %s" % agep, "-- Problems --"]
        L += ["  " + x["text"] for x in sec("pmh", "fh")]
        L += ["-- Medication --"] + ["  " + x["text"] for x in sec("meds")]
        L += ["-- Consultation --"] + ["  " + x["text"] for x in sec("hx", "exam", "neg", "social", "plan")]
        L += ["-- Results --"] + ["  " + x["text"] for x in sec("res")]
        L += ["-- Referral --", "  " + req, sign]
    elif style == "nhs111_clinician":
        L += ["NHS 111 Clinical Assessment Service - Post-Event Message", "Call date: %s" % ctx["datestr"],
              "Patient: %s %s" % (name, ctx["idline"]), "Age: %s" % agep, "",
              "Reason for call: " + T(sec("hx")), "Clinician assessment: " + T(sec("exam", "res", "neg", "fh", "pmh", "meds", "social")),
              T(sec("plan")), "Disposition / request to specialty: " + req, sign]
    elif style == "walkin_centre_nurse":
        L += ["Walk-in Centre - Nurse Practitioner referral", "Date: %s" % ctx["datestr"], "%s  %s  %s" % (name, ctx["idline"], agep),
              "", filler("Patient attended our walk-in centre as unable to get a GP appointment."), T(sec("hx")),
              T(sec("exam", "res")), T(sec("neg", "pmh", "fh", "meds", "social")), T(sec("plan")), req, sign, "cc: registered GP"]
    elif style == "community_matron":
        L += ["Community Matron Service - Referral", "Date: %s" % ctx["datestr"], "Re: %s, %s, %s" % (name, ctx["idline"], agep), "",
              filler("I visit this patient at home as part of the long-term conditions caseload."), T(sec("pmh", "meds", "social")),
              "Today: " + T(sec("hx", "exam", "res", "neg", "fh")), T(sec("plan")), req + " (discussed with GP)", sign,
              "cc: GP, district nursing team"]
    elif style == "practice_pharmacist_review":
        L += [hdr, "Structured Medication Review - Practice Pharmacist", "Patient: %s  %s  %s" % (name, ctx["idline"], agep), "",
              "Medicines reviewed: " + (T(sec("meds")) or "see record"), "Issues raised at review: " + T(sec("hx", "res", "exam")),
              "Other: " + T(sec("neg", "pmh", "fh", "social", "plan")), "Discussed with the duty GP who agrees: " + req, sign]
    elif style == "eRS_checklist_form":
        L += ["e-Referral Service - Gastroenterology referral form", "UBRN: %s" % ctx["ubrn"], "Patient: %s  %s" % (name, ctx["idline"]),
              "Age: %s" % agep, "", "Criteria (answer each):"]
        L += ["  " + x["text"] for x in st if x["sec"] == "form"]
        L += ["", "Clinical details: " + T([x for x in st if x["sec"] != "form"]), "", "Priority requested: " + req, sign]
    elif style == "private_health_check":
        L += ["Private Health Assessment Report", "Assessment date: %s" % ctx["datestr"], "Client: %s  %s  %s" % (name, ctx["idline"], agep),
              "", filler("Thank you for accepting this onward referral from our executive health screening."),
              "Summary of findings: " + T(sec("hx", "exam")), "Laboratory: " + T(sec("res")),
              "Negative screen: " + T(sec("neg")), "History: " + T(sec("pmh", "fh", "meds", "social")), T(sec("plan")),
              "Recommendation: " + req, sign]
    else:
        raise KeyError(style)
    out = "\n".join(x for x in L if x is not None and x != "-")
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out.strip() + "\n"


FORM_ROWS = [("dysphagia", "Dysphagia"), ("weight_loss", "Unexplained weight loss"), ("rectal_bleeding", "Rectal bleeding"),
             ("abdominal_mass", "Abdominal mass"), ("jaundice", "Jaundice"), ("haematemesis", "Haematemesis")]


def form_answer(r, yes):
    if yes:
        return r.choice(["Yes / (No struck through)", "Y", "[x]", "present", "+", "YES", "yes - current"]), "ticked"
    return r.choice(["(Yes struck through) / No", "N", "[ ]", "absent", "-", "not that {he}'s noticed", "no"]), "unticked_box"


def build(idx, rule, style):
    r = R(SET, idx, rule, style)
    for attempt in range(50):
        rr = R(SET, idx, rule, style, attempt)
        f, pos, near = facts_for(rule, rr, idx)
        if label(f) == rule:
            break
    else:
        raise RuntimeError("cannot build %s" % rule)
    r = rr
    P = pron(f["sex"])
    reg = "abbr" if style in ABBR_STYLES else "plain"
    stmts = []
    evidence = {}
    values = {}
    for key in pos:
        sec, s, facts = fact_sentence(key, f, r, P, reg)
        stmts.append(S(sec, s, kind="pos", fact=facts))
        for k in facts:
            evidence.setdefault(k, []).append(s)
    # numeric results
    res = []
    if "hb_gl" in f:
        s, hv = hb_txt(r, f["hb_gl"], reg)
        values["hb"] = hv
        res.append((s, "hb"))
    if "ferritin" in f:
        s = fer_txt(r, f["ferritin"])
        values["ferritin"] = {"value": f["ferritin"], "unit": "ug/L"}
        res.append((s, "ferritin"))
    if "fit" in f:
        s, num, raw = fit_txt(r, f["fit"])
        f["fit_raw"] = raw
        f["fit"] = num
        values["fit"] = {"raw": raw}
        res.append((s, "fit"))
    if "calpro" in f:
        res.append((cal_txt(r, f["calpro"]), "calpro"))
        values["calprotectin"] = {"value": f["calpro"]}
    if "alt" in f:
        res.append((alt_txt(r, f["alt"]), "alt"))
        values["alt"] = {"value": f["alt"]}
    if res:
        if style == "gp_system_paste_table":
            rng_ = {"hb": "(130-170)" if f["sex"] == "M" else "(120-150)", "ferritin": "(30-300)", "fit": "(<10)",
                    "calpro": "(<50)", "alt": "(<40)"}
            for s, k in res:
                s2 = "%-34s %s" % (s, rng_[k])
                stmts.append(S("res", s2, fact=[k], kind="pos"))
                evidence.setdefault(k, []).append(s2)
        else:
            s = ", ".join(x[0] for x in res) + "."
            stmts.append(S("res", s[0].upper() + s[1:] if reg == "plain" else s, fact=[k for _, k in res], kind="pos"))
            for _, k in res:
                evidence.setdefault(k, []).append(stmts[-1]["text"])
    # distractors: prefer ones that would change the label if counted
    present = {k for k, v in f.items() if v}
    cands = []
    for d in DIST:
        kind, cf, sec, pt, at = d
        if any(k in present for k in cf):
            continue
        if "hb_gl" in cf and ("hb_gl" in f or "ferritin" in f or f["sex"] == "M"):
            continue
        g = dict(f)
        g.update(cf)
        changes = label(g) != rule
        cands.append((changes, d))
    ch = [d for c, d in cands if c]
    nc = [d for c, d in cands if not c]
    r.shuffle(ch)
    r.shuffle(nc)
    nd = r.choice([1, 2, 2, 3])
    chosen = []
    if ch and r.random() < 0.75:
        chosen.append(ch[0])
    for d in nc + ch[1:]:
        if len(chosen) >= nd:
            break
        if d not in chosen and all(d[1] != c[1] for c in chosen):
            chosen.append(d)
    distractors = []
    if style == "eRS_checklist_form":
        for fk, lab in FORM_ROWS:
            ans, kind = form_answer(r, bool(f.get(fk)))
            ans = ans.format(**P)
            line = "%-26s %s" % (lab + ":", ans)
            if f.get(fk):
                stmts.append(S("form", line, fact=[fk]))
                evidence.setdefault(fk, []).append(line)
            else:
                stmts.append(S("form", line, kind="unticked_box", cf={fk: True}))
        chosen = chosen[:1]
    for kind, cf, sec, pt, at in chosen:
        s = (at if reg == "abbr" else pt).format(**P)
        if style == "gp_quotes_patient_relative" and kind == "negated" and r.random() < 0.5:
            s = s.rstrip(".") + " (\"%s\")" % r.choice(["nothing like that, doctor", "no, none of that", "I'm fine on that front"])
        stmts.append(S(sec, s, kind=kind, cf=cf))
    # background
    bg = r.sample(BACKGROUND, r.randint(1, 3))
    bg = [b for i, b in enumerate(bg) if b[0] != "social" or all(c[0] != "social" for c in bg[:i])]
    for b in bg:
        stmts.append(S(b[0], (b[2] if reg == "abbr" else b[1]).format(**P), kind="background"))
    # quotes for quoting style: add a patient quote to first positive history sentence
    if style == "gp_quotes_patient_relative":
        q = r.choice(["\"it's been getting me down\"", "\"I thought it would settle\"", "\"my family made me come\""])
        stmts.append(S("hx", "In %s own words, %s." % (P["his"], q), kind="background"))
    order = ["hx", "exam", "res", "neg", "pmh", "fh", "meds", "social", "plan", "form"]
    if style in ("gp_terse_two_line", "gp_phone_lowercase", "gp_shorthand_abbrev", "gp_numbered_findings", "gp_partner_third_person"):
        r.shuffle(stmts)
        # keep facts first for terse letters
        stmts.sort(key=lambda x: 0 if x["kind"] == "pos" else 1)
    else:
        stmts.sort(key=lambda x: order.index(x["sec"]))
    if style == "gp_phone_lowercase":
        for x in stmts:
            x["text"] = re.sub(r"(?<!\d)[.]|[.](?!\d)|[,;:]", "", x["text"].lower())
    if style == "gp_partner_third_person":
        for x in stmts:
            if x["text"].startswith(P["He"] + " "):
                x["text"] = "The patient " + x["text"][len(P["He"]) + 1:]
    evidence = {}
    for x in stmts:
        if x["kind"] == "pos":
            for k in x["fact"]:
                evidence.setdefault(k, []).append(x["text"])
    # GP priority: ~50% disagree, ~40% agree, ~10% none
    urg, path = RULES[rule]
    u = r.random()
    if u < 0.10:
        gp_class = None
        req_text = r.choice(["Many thanks", "Thank you for your help"])
    else:
        if u < 0.60:
            gp_class = r.choice([x for x in URG if x != urg])
        else:
            gp_class = urg
        req_text = r.choice(PRI_TEXT[gp_class]).format(**P)
    if style == "gp_phone_lowercase":
        req_text = req_text.lower().replace(".", "").replace(",", "")
    # identifiers, dates
    ldate = datetime.date(2024, 1, 8) + datetime.timedelta(days=r.randint(0, 330))
    first = r.choice(FIRST_M if f["sex"] == "M" else FIRST_F)
    name = "%s %s %s" % (P["t"], first, r.choice(SUR))
    nhs = nhs_number(r)
    age_mode = r.choice(["num", "num", "yo", "words", "dob"])
    if near and "age" in near and r.random() < 0.5:
        age_mode = "dob"
    dob = dob_for(r, f["age"], ldate, near_birthday=(age_mode == "dob" and near is not None and "age" in near))
    assert age_at(dob, ldate) == f["age"]
    dates = {"letter": ldate}
    if age_mode == "dob":
        agep = "DOB %s" % uk(dob, r)
        # extra date in header (seen date) only if age identical at that date
        seen = ldate - datetime.timedelta(days=r.randint(1, 9))
        if age_at(dob, seen) == f["age"]:
            dates["seen"] = seen
    elif age_mode == "words":
        agep = "%s-year-old" % age_words(f["age"])
    elif age_mode == "yo":
        agep = "%dyo" % f["age"]
    else:
        agep = "aged %d" % f["age"]
    if style in ("gp_formal_dear_doctor", "gp_dictated_speech_slips", "gp_long_story", "gp_quotes_patient_relative") and age_mode != "dob":
        agep = agep if age_mode != "num" else "%d-year-old" % f["age"]
    pr_name, pr_code = r.choice(PRACTICES)
    datestr = uk(ldate, r)
    hdr_lines = ["%s (%s)" % (pr_name, pr_code), "Letter date: %s" % datestr]
    if "seen" in dates:
        hdr_lines.append("Seen: %s" % uk(dates["seen"], r))
    if style in ("gp_system_paste_table", "gp_long_story", "gp_formal_dear_doctor") and r.random() < 0.6:
        hdr_lines.append("Hospital no: RX%06d   e-RS UBRN: %012d" % (r.randint(0, 999999), r.randint(10 ** 11, 10 ** 12 - 1)))
    hdr = "\n".join(hdr_lines)
    if style not in ("gp_formal_dear_doctor", "gp_dictated_speech_slips", "gp_long_story", "gp_locum_registrar_first",
                     "gp_partner_third_person", "gp_soap_headings", "gp_hpc_redflag_headings", "gp_numbered_findings",
                     "gp_quotes_patient_relative", "gp_disagrees_earlier_two_visits", "gp_system_paste_table",
                     "gp_shorthand_abbrev", "practice_pharmacist_review"):
        pass
    idline = "NHS no %s" % nhs
    if style == "gp_terse_two_line" or style == "gp_phone_lowercase":
        if age_mode == "dob":
            idline += " (letter %s)" % datestr
    doc = r.choice(["Dr A. Fairbairn", "Dr S. Iqbal", "Dr M. O'Neill", "Dr K. Lewandowska", "Dr T. Osei", "Dr H. Blake"])
    signs = {
        "gp_locum_registrar_first": "%s, locum GP" % doc, "gp_partner_third_person": "%s, GP partner" % doc,
        "nhs111_clinician": "Clinical Advisor (paramedic), NHS 111", "walkin_centre_nurse": "R. Adeyemi, Nurse Practitioner",
        "community_matron": "L. Hartley, Community Matron", "practice_pharmacist_review": "J. Chen, Practice Pharmacist (IP)",
        "eRS_checklist_form": "Referrer: %s" % doc, "private_health_check": "Dr P. Vance, Private GP, Wellness Clinic",
    }
    sign = signs.get(style, doc)
    noise_on = R(SET, idx, "noise").random() < 0.10
    fill = (lambda s: agep.join(noisy(r, p) for p in s.split(agep))) if noise_on else (lambda s: s)
    companion = r.choice(["%s daughter" % P["his"], "%s husband" % P["his"] if f["sex"] == "F" else "%s wife" % P["his"]])
    if age_mode == "dob" and style in ("gp_formal_dear_doctor", "gp_dictated_speech_slips", "gp_long_story",
                                       "gp_partner_third_person", "gp_quotes_patient_relative", "gp_disagrees_earlier_two_visits"):
        pass
    ctx = dict(r=r, P=P, stmts=stmts, name=name, hdr=hdr, req=req_text, age_phrase=agep, sign=sign, filler=fill,
               idline=idline, datestr=datestr, f=f, companion=companion,
               ubrn="%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)))
    text = render(style, ctx)
    # only the first age-like date must be the letter date: for dob letters ensure the letter date is present
    if age_mode == "dob" and datestr not in text:
        text = "Letter date: %s\n" % datestr + text
    # meta
    pos_ev = {k: v for k, v in evidence.items()}
    dlist = [{"kind": x["kind"], "text": x["text"], "would_count_as": x["cf"]} for x in stmts
             if x["kind"] not in ("pos", "background")]
    facts = {k: v for k, v in f.items() if v is not None and v is not False}
    facts.pop("fit_raw", None)
    if "fit" in facts:
        facts["fit"] = f["fit_raw"]
    if "hb_gl" in facts:
        facts.pop("hb_gl")
        facts["hb"] = values["hb"]
    turns = []
    for d in dlist:
        cf = d["would_count_as"]
        g = dict(f)
        g.update(cf)
        if label(g) != rule:
            turns.append(d["text"])
    for d in dlist:
        assert d["text"] in text, d
    for k, evs in pos_ev.items():
        for e in evs:
            assert e in text, (idx, e)
    urg, path = RULES[rule]
    rec = {"id": "%s-%04d" % (SET, idx), "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
           "gp_priority": (req_text if gp_class else None), "age": f["age"]}
    meta = {"id": rec["id"], "facts": facts, "age_source": age_mode, "letter_date": ldate.isoformat(),
            "dob": dob.isoformat() if age_mode == "dob" else None,
            "positive_evidence": pos_ev, "values": values, "distractors": dlist,
            "turns_on_assertion": bool(turns), "label_turning_distractors": turns,
            "near_line": near, "gp_priority_class": gp_class,
            "gp_disagrees": (gp_class is not None and gp_class != urg), "noise": noise_on}
    return rec, meta


def main():
    rules = []
    for rid, n in PLAN:
        rules += [rid] * n
    assert len(rules) == 300
    R(SET, "order").shuffle(rules)
    styles = [s for s, _ in STYLES for _ in range(15)]
    R(SET, "styles").shuffle(styles)
    recs, metas = [], []
    for i, (rule, style) in enumerate(zip(rules, styles), 1):
        rec, meta = build(i, rule, style)
        recs.append(rec)
        metas.append(meta)
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for x in recs:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for x in metas:
            fh.write(json.dumps(x, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
