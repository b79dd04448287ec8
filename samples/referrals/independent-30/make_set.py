#!/usr/bin/env python3
"""Generator for the sealed test set "letters30" (300 gastroenterology referral letters).
Python 3 standard library only. Deterministic: every random choice is seeded from strings."""
import datetime
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def R(*parts):
    return random.Random(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest())


# ---------------------------------------------------------------- labelling (spec rules)
def anaemic(f):
    hb = f["vals"].get("hb")
    if hb is None:
        return False
    return hb < (130 if f["sex"] == "M" else 120)


def decide(f):
    s, v, a = f["sym"], f["vals"], f["age"]
    fit = v.get("fit")
    cal = v.get("calpro")
    alt = v.get("alt")
    ida = anaemic(f) and v.get("ferritin") is not None and v["ferritin"] < 30
    abdo = "abdo_pain" in s or "upper_abdo_pain" in s
    if "dysphagia" in s:
        return "U1"
    if "rectal_mass" in s or "anal_mass" in s:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if a >= 55 and "weight_loss" in s and ("upper_abdo_pain" in s or "reflux" in s or "dyspepsia" in s):
        return "U5"
    if "abdominal_mass" in s:
        return "U6"
    if a >= 40 and "jaundice" in s:
        return "U7"
    if fit is None and ((a >= 50 and "rectal_bleeding" in s) or (a >= 40 and "weight_loss" in s and abdo)
                        or (a >= 60 and "cibh" in s)):
        return "U8"
    if "bloody_diarrhoea" in s or (cal is not None and cal >= 250):
        return "R1"
    if "cirrhosis_ascites" in s or "cirrhosis_confusion" in s or (alt is not None and alt >= 300):
        return "R2"
    if "haematemesis" in s:
        return "R3"
    if a >= 55 and "dyspepsia" in s and f.get("ppi_weeks", 0) >= 4:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if "ibd_stable_question" in s:
        return "O3"
    if "ttg_positive" in s:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or "fatty_liver" in s:
        return "O5"
    if a < 50 and ("abdo_pain" in s or "upper_abdo_pain" in s or "bloating" in s or "cibh" in s) and \
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        others = set(s) - {"abdo_pain", "upper_abdo_pain", "bloating", "cibh"}
        if others or anaemic(f) or (v.get("ferritin") is not None and v["ferritin"] < 30):
            raise ValueError("A1 ambiguity: other facts present %s" % others)
        return "A1"
    if ("rectal_bleeding" in s or "cibh" in s or abdo) and fit is not None and fit < 10:
        return "O6"
    if a < 55 and ("dyspepsia" in s or "reflux" in s):
        return "A2"
    if "fh_crc" in s and len(s) == 1:
        return "A3"
    return "D"


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

PLAN = {"U1": 16, "U2": 8, "U3": 16, "U4": 14, "U5": 10, "U6": 6, "U7": 8, "U8": 12,
        "R1": 20, "R2": 12, "R3": 13,
        "O1": 14, "O2": 14, "O4": 14, "O5": 18, "O6": 20, "D": 25,
        "O3": 14, "A1": 20, "A2": 18, "A3": 8}


# ---------------------------------------------------------------- scenarios (facts)
def scenario(rule, r, near):
    """Return facts dict. near=True -> put a value/age on the edge of a spec line."""
    f = {"sex": r.choice("MF"), "sym": {}, "vals": {}, "near": None}
    S, V = f["sym"], f["vals"]
    age = r.randint(18, 95)

    def hb_norm():
        return r.randint(135, 165) if f["sex"] == "M" else r.randint(125, 150)

    if rule == "U1":
        age = r.randint(25, 92)
        S["dysphagia"] = 1
        if r.random() < .4:
            S["weight_loss"] = 1
        if r.random() < .3:
            S["reflux"] = 1
    elif rule == "U2":
        age = r.randint(35, 90)
        S[r.choice(["rectal_mass", "rectal_mass", "anal_mass"])] = 1
        if r.random() < .5:
            S["rectal_bleeding"] = 1
    elif rule == "U3":
        age = r.randint(30, 90)
        V["fit"] = 10 if near else r.choice([12, 18, 23, 45, 52, 88, 150, 260, 400])
        if near:
            f["near"] = "FIT exactly 10"
        S[r.choice(["cibh", "rectal_bleeding", "abdo_pain"])] = 1
    elif rule == "U4":
        age = r.randint(19, 90)
        if near:
            V["hb"] = 129 if f["sex"] == "M" else 119
            V["ferritin"] = r.choice([29, 12, 8])
            f["near"] = "Hb 1 below sex threshold"
        else:
            V["hb"] = r.randint(78, 115)
            V["ferritin"] = r.choice([4, 6, 9, 11, 15, 21, 29])
            if V["ferritin"] == 29:
                f["near"] = "ferritin 29"
        if r.random() < .3 and age < 50:
            V["fit"] = r.choice([2, 4, 6])
    elif rule == "U5":
        age = 55 if near else r.randint(56, 90)
        if near:
            f["near"] = "age exactly 55"
        S["weight_loss"] = 1
        S[r.choice(["upper_abdo_pain", "reflux", "dyspepsia"])] = 1
    elif rule == "U6":
        age = r.randint(30, 90)
        S["abdominal_mass"] = 1
    elif rule == "U7":
        age = 40 if near else r.randint(41, 92)
        if near:
            f["near"] = "age exactly 40"
        S["jaundice"] = 1
        if r.random() < .4:
            V["alt"] = r.choice([65, 140, 220, 410])
    elif rule == "U8":
        k = r.choice(["rb", "wl", "cibh"])
        if k == "rb":
            age = 50 if near else r.randint(51, 90)
            S["rectal_bleeding"] = 1
        elif k == "wl":
            age = 40 if near else r.randint(41, 54)
            S["weight_loss"] = 1
            S["abdo_pain"] = 1
        else:
            age = 60 if near else r.randint(61, 92)
            S["cibh"] = 1
        if near:
            f["near"] = "age exactly at U8 threshold"
    elif rule == "R1":
        if r.random() < .5:
            age = r.randint(18, 39)
            S["bloody_diarrhoea"] = 1
            if r.random() < .4:
                V["calpro"] = r.choice([410, 800, 1200])
        else:
            age = r.randint(18, 49)
            S["cibh"] = 1
            V["calpro"] = 250 if near else r.choice([280, 350, 560, 900, 1500])
            if near:
                f["near"] = "calprotectin exactly 250"
    elif rule == "R2":
        if r.random() < .5:
            age = r.randint(38, 80)
            S[r.choice(["cirrhosis_ascites", "cirrhosis_confusion"])] = 1
        else:
            age = r.randint(18, 80)
            V["alt"] = 300 if near else r.choice([340, 412, 650, 980])
            if near:
                f["near"] = "ALT exactly 300"
    elif rule == "R3":
        age = r.randint(18, 85)
        S["haematemesis"] = 1
    elif rule == "O1":
        age = 55 if near else r.randint(56, 88)
        S["dyspepsia"] = 1
        f["ppi_weeks"] = 4 if near else r.choice([6, 8, 12, 16])
        if near:
            f["near"] = "age 55 and PPI exactly 4 weeks"
    elif rule == "O2":
        age = r.randint(18, 59)
        S["cibh"] = 1
        V["calpro"] = r.choice([100, 249]) if near else r.choice([120, 145, 180, 210])
        if near:
            f["near"] = "calprotectin at O2 edge"
    elif rule == "O3":
        age = r.randint(20, 80)
        S["ibd_stable_question"] = 1
        f["ibd_type"] = r.choice(["ulcerative colitis", "Crohn's disease"])
        if r.random() < .4:
            V["calpro"] = r.choice([30, 45, 60])
    elif rule == "O4":
        age = r.randint(18, 59)
        S["ttg_positive"] = 1
        S[r.choice(["bloating", "cibh"])] = 1
        if r.random() < .5:
            V["hb"] = hb_norm()
    elif rule == "O5":
        age = r.randint(20, 85)
        if r.random() < .6:
            V["alt"] = r.choice([40, 299]) if near else r.choice([58, 72, 96, 120, 185])
            if near:
                f["near"] = "ALT at O5 edge"
        else:
            S["fatty_liver"] = 1
            if r.random() < .5:
                V["alt"] = r.choice([22, 31, 39])
    elif rule == "A1":
        age = 49 if near else r.randint(18, 48)
        if near:
            f["near"] = "age 49"
        for k in r.sample(["abdo_pain", "bloating", "cibh"], r.randint(1, 2)):
            S[k] = 1
        t = r.random()
        if t < .45:
            V["calpro"] = 99 if (near and r.random() < .5) else r.choice([20, 35, 48, 60, 75])
        elif t < .9:
            V["fit"] = 9 if (near and r.random() < .5) else r.choice([0, 2, 3, 5])
        else:
            V["calpro"] = r.choice([25, 50])
            V["fit"] = r.choice([0, 3])
    elif rule == "O6":
        if r.random() < .75:
            age = 50 if near else r.randint(51, 90)
            for k in r.sample(["rectal_bleeding", "cibh", "abdo_pain"], r.randint(1, 2)):
                S[k] = 1
        else:
            age = r.randint(18, 49)
            S["rectal_bleeding"] = 1
        V["fit"] = 9 if near else r.choice([0, 2, 3, 4, 6])
        if near:
            f["near"] = "FIT 9 / age 50"
    elif rule == "A2":
        age = 54 if near else r.randint(18, 53)
        S[r.choice(["dyspepsia", "reflux"])] = 1
        if near and "dyspepsia" in S:
            f["ppi_weeks"] = 8
        if near:
            f["near"] = "age 54 (one below 55)"
    elif rule == "A3":
        age = r.randint(25, 70)
        S["fh_crc"] = 1
    elif rule == "D":
        k = r.choice(["cibh_young", "rb_young", "dysp_old", "iron_only", "alt39", "jaundice39", "pain_nofit"])
        if k == "cibh_young":
            age = 59 if near else r.randint(40, 58)
            S["cibh"] = 1
        elif k == "rb_young":
            age = 49 if near else r.randint(18, 48)
            S["rectal_bleeding"] = 1
        elif k == "dysp_old":
            age = r.randint(55, 85)
            S["dyspepsia"] = 1
            f["ppi_weeks"] = 3 if near else r.choice([0, 2])
        elif k == "iron_only":
            age = r.randint(25, 80)
            V["hb"] = 130 if (near and f["sex"] == "M") else (120 if near else hb_norm())
            V["ferritin"] = r.choice([12, 18, 22])
        elif k == "alt39":
            age = r.randint(25, 75)
            V["alt"] = 39
            near = True
        elif k == "jaundice39":
            age = 39
            S["jaundice"] = 1
            V["alt"] = r.choice([18, 25])
            near = True
        else:
            age = r.randint(50, 54)
            S["abdo_pain"] = 1
        if near:
            f["near"] = "D edge case: " + k
    f["age"] = age
    if "dyspepsia" in S and "ppi_weeks" not in f:
        f["ppi_weeks"] = r.choice([0, 0, 2, 6]) if rule not in ("O1", "U5") else f.get("ppi_weeks", 0)
        if rule == "A2" or rule == "U1":
            f["ppi_weeks"] = r.choice([0, 2, 6])
    return f


# ---------------------------------------------------------------- words
def norm(s):
    s = s.lower().replace(",", "").replace(";", " ")
    s = s.replace(". ", " ").replace(".\n", " ")
    return " ".join(s.rstrip(".").split())


def pron(sex):
    return {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him"} if sex == "M" else \
        {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"}


POS = {
    "dysphagia": {
        "uk": ["{He} describes food sticking behind the sternum for {dur}", "progressive dysphagia to solids over {dur}",
               "difficulty swallowing, worse with bread and meat, for {dur}"],
        "sa": ["c/o difficulty in swallowing since {durs}", "patient is having dysphagia to solids since {durs}",
               "food is getting stuck in throat since {durs}"],
        "us": ["reports solid-food dysphagia x {dur}", "new dysphagia to solids, onset {dur} ago"],
        "wa": ["{he} is complaining of difficulty in swallowing for {dur} now", "{he} has been having dysphagia for {dur}"],
        "me": ["{He} is suffering from difficulty of swallowing since {durs}", "the patient has dysphagia for solid food since {durs}"],
        "pt": ["the food stops in the chest and will not go down, for {dur}", "rice and bread get stuck when swallowing, for {dur}"],
    },
    "rectal_mass": {
        "uk": ["On PR examination there is a firm irregular mass palpable in the rectum",
               "DRE: hard mass felt on the posterior rectal wall"],
        "sa": ["P/R examination: hard mass felt in rectum", "per rectal exam revealed rectal mass"],
        "us": ["DRE: firm rectal mass palpated", "digital rectal exam with a palpable rectal mass"],
        "wa": ["on digital rectal examination I felt a hard mass in the rectum"],
        "me": ["in rectal examination there is a hard mass in the rectum"],
    },
    "anal_mass": {
        "uk": ["On examination there is a firm mass at the anal margin", "anal mass seen and felt at the verge"],
        "sa": ["O/E: mass present at anal verge"], "us": ["exam: firm anal mass at the anal verge"],
        "wa": ["on examination there is a hard swelling (mass) at the anus"], "me": ["there is a mass at the anal margin on examination"],
    },
    "abdominal_mass": {
        "uk": ["On examination a firm mass is palpable in the right iliac fossa", "palpable abdominal mass in the left iliac fossa"],
        "sa": ["P/A: mass palpable in right iliac fossa", "per abdomen examination: firm mass in left iliac fossa"],
        "us": ["abdominal exam: palpable mass RLQ", "exam notable for a firm abdominal mass in the LLQ"],
        "wa": ["on abdominal examination I palpated a mass in the right iliac fossa"],
        "me": ["in the examination of the abdomen there is a mass in the right iliac fossa"],
    },
    "jaundice": {
        "uk": ["{He} is visibly jaundiced, with dark urine and pale stools, painless", "new painless jaundice noted by family"],
        "sa": ["patient is having yellowish discolouration of eyes and urine (jaundice)", "c/o jaundice since {durs}, painless"],
        "us": ["new painless jaundice with scleral icterus", "visibly jaundiced, scleral icterus on exam"],
        "wa": ["{he} has jaundice, the eyes are yellow, no pain", "{he} is jaundiced for {dur} now"],
        "me": ["{He} has jaundice (yellow eyes and skin) since {durs}"],
        "pt": ["the eyes went yellow and the urine is dark like tea"],
    },
    "weight_loss": {
        "uk": ["unintentional weight loss of {kg} kg over {dur}", "{He} has lost {kg} kg without trying over {dur}"],
        "sa": ["significant wt loss present ({kg} kg in {durn}), not on diet", "h/o loss of weight {kg} kg since {durs}, unintentional"],
        "us": ["unintentional weight loss, weight down {lbs} lbs over {dur}", "weight down {lbs} lbs in {dur}, not trying"],
        "wa": ["{he} has lost weight, about {kg} kg in {dur}, not dieting", "{he} is losing weight, {kg} kg in {dur}, unexplained"],
        "me": ["{He} lost {kg} kg of weight in {dur} without diet"],
        "pt": ["the clothes are loose, {kg} kg lost in {dur} without trying"],
    },
    "upper_abdo_pain": {
        "uk": ["epigastric pain for {dur}", "upper abdominal pain, gnawing, for {dur}"],
        "sa": ["patient is having burning epigastric pain since {durs}", "c/o pain upper abdomen since {durs}"],
        "us": ["epigastric abdominal pain x {dur}"], "wa": ["{he} is complaining of upper abdominal pain for {dur}"],
        "me": ["{He} is suffering from epigastric pain since {durs}"],
        "pt": ["pain in the top of the stomach, under the ribs, for {dur}"],
    },
    "abdo_pain": {
        "uk": ["lower abdominal pain for {dur}", "intermittent crampy abdominal pain for {dur}"],
        "sa": ["c/o pain abdomen since {durs}", "patient is having lower abdominal pain since {durs}"],
        "us": ["abdominal pain LLQ x {dur}", "crampy abdominal pain, RLQ, x {dur}"],
        "wa": ["{he} is complaining of abdominal pain for {dur}"], "me": ["{He} is suffering from lower abdominal pain since {durs}"],
        "pt": ["pain in the lower tummy that comes and goes, for {dur}"],
    },
    "reflux": {
        "uk": ["troublesome acid reflux and heartburn for {dur}"], "sa": ["c/o burning sensation in chest with sour eructation (reflux) since {durs}"],
        "us": ["GERD symptoms, acid reflux and heartburn x {dur}"], "wa": ["{he} is having heartburn and acid reflux for {dur}"],
        "me": ["{He} has reflux of acid and heartburn since {durs}"], "pt": ["acid comes up into the throat at night, for {dur}"],
    },
    "dyspepsia": {
        "uk": ["dyspepsia (indigestion) for {dur}", "ongoing dyspeptic symptoms for {dur}"],
        "sa": ["c/o dyspepsia and bloating after meals since {durs}"], "us": ["dyspepsia / indigestion x {dur}"],
        "wa": ["{he} is having indigestion (dyspepsia) for {dur}"], "me": ["{He} is suffering from dyspepsia since {durs}"],
        "pt": ["indigestion after every meal, for {dur}"],
    },
    "rectal_bleeding": {
        "uk": ["fresh red rectal bleeding for {dur}", "PR bleeding, bright red blood mixed with stool, for {dur}"],
        "sa": ["per rectal bleeding present since {durs}", "c/o bleeding per rectum since {durs}"],
        "us": ["hematochezia x {dur}", "BRBPR on and off x {dur}"],
        "wa": ["{he} is passing blood from the back passage for {dur}"], "me": ["{He} has bleeding from the rectum since {durs}"],
        "pt": ["red blood in the toilet when opening the bowels, for {dur}"],
    },
    "cibh": {
        "uk": ["a change in bowel habit to looser stools for {dur}", "bowels have changed, now loose 3-4 times a day, for {dur}"],
        "sa": ["c/o loose motions since {durs}, change from normal", "altered bowel habit (loose stools) since {durs}"],
        "us": ["change in bowel habits with looser stools x {dur}"], "wa": ["{his} bowel habit has changed, {he} is now stooling loose for {dur}"],
        "me": ["{He} has change in the bowel habit to loose stool since {durs}"],
        "pt": ["the bowels are different now, loose every day, for {dur}"],
    },
    "bloating": {
        "uk": ["abdominal bloating for {dur}"], "sa": ["c/o bloating of abdomen since {durs}"], "us": ["abdominal bloating x {dur}"],
        "wa": ["{he} is having bloating of the abdomen for {dur}"], "me": ["{He} has bloating of abdomen since {durs}"],
        "pt": ["the tummy swells up like a balloon, for {dur}"],
    },
    "bloody_diarrhoea": {
        "uk": ["bloody diarrhoea, 6-8 times a day, for {dur}"], "sa": ["c/o loose motions with blood since {durs}"],
        "us": ["bloody diarrhea, 6 episodes/day x {dur}"], "wa": ["{he} is stooling watery stool with blood for {dur}"],
        "me": ["{He} has diarrhoea with blood since {durs}"], "pt": ["diarrhoea with blood many times a day, for {dur}"],
    },
    "haematemesis": {
        "uk": ["{He} vomited fresh blood twice this week", "an episode of haematemesis (cupful of red blood) three days ago"],
        "sa": ["h/o haematemesis (blood vomiting) 2 episodes this week"], "us": ["hematemesis x2 episodes this week, bright red"],
        "wa": ["{he} vomited blood two times this week"], "me": ["{He} had vomiting of blood two times this week"],
        "pt": ["vomited blood two times this week"],
    },
    "cirrhosis_ascites": {
        "uk": ["known alcohol-related cirrhosis, now with new ascites (shifting dullness)"],
        "sa": ["k/c/o cirrhosis of liver, now abdomen distension due to ascites"],
        "us": ["known cirrhosis, now with new-onset ascites"], "wa": ["known cirrhosis of the liver, now the abdomen is full with ascites"],
        "me": ["known case of liver cirrhosis, now there is ascites"],
    },
    "cirrhosis_confusion": {
        "uk": ["known cirrhosis, and family report new confusion over the last week, which I confirmed"],
        "sa": ["k/c/o cirrhosis, now having confusion since 1 week"], "us": ["known cirrhosis with new confusion this week"],
        "wa": ["known cirrhosis, {he} is now confused since last week"], "me": ["known case of cirrhosis, now confused since one week"],
    },
    "fatty_liver": {
        "uk": ["ultrasound shows a fatty liver"], "sa": ["USG abdomen: fatty liver"], "us": ["ultrasound: hepatic steatosis (fatty liver)"],
        "wa": ["abdominal ultrasound scan showed fatty liver"], "me": ["the ultrasound shows fatty liver"],
    },
    "ttg_positive": {
        "uk": ["coeliac serology positive: tTG-IgA {ttg} U/mL (ref <7)"], "sa": ["tTG IgA raised: {ttg} U/ml (normal <7)"],
        "us": ["celiac serology positive, tTG-IgA {ttg} U/mL (ref <7)"], "wa": ["coeliac screen came back positive, tTG {ttg} U/mL (normal <7)"],
        "me": ["anti-tTG antibody is high, {ttg} U/mL (ref <7)"],
    },
    "ibd_stable_question": {
        "uk": ["{He} has known {ibd}, stable and in remission on {drug}; {q}"],
        "sa": ["k/c/o {ibd}, stable on {drug}, in remission; {q}"], "us": ["known {ibd}, stable in remission on {drug}; {q}"],
        "wa": ["{he} is a known {ibd} patient, stable on {drug}; {q}"], "me": ["known case of {ibd}, stable on {drug} in remission; {q}"],
    },
    "fh_crc": {
        "uk": ["{His} {rel} was diagnosed with bowel cancer aged {relage}; {he} is completely well with no bowel symptoms and asks about screening"],
        "sa": ["{His} {rel} had colon cancer at age {relage}; patient is asymptomatic, no complaints, wants screening advice"],
        "us": ["family history: {rel} with colon cancer at {relage}; patient asymptomatic, asking about screening colonoscopy"],
        "wa": ["{his} {rel} had bowel cancer at {relage} years; {he} has no symptoms at all and wants to know about screening"],
        "me": ["{His} {rel} had colon cancer at age {relage}; {he} has no symptoms and asks for screening advice"],
    },
}
QUESTIONS = ["could you advise whether {he} can stop {drug} after five years of remission",
             "{he} is planning a pregnancy and would like advice about continuing {drug}" ,
             "please advise on which vaccines are safe while on {drug}",
             "could you advise on bone protection while on {drug}"]

NEG = {
    "dysphagia": {"uk": ["no dysphagia", "denies any difficulty swallowing"], "sa": ["no h/o dysphagia"], "us": ["denies dysphagia/odynophagia"],
                  "wa": ["no any difficulty in swallowing"], "me": ["no dysphagia"], "pt": ["no problem swallowing"]},
    "weight_loss": {"uk": ["weight stable", "no weight loss"], "sa": ["no h/o wt loss"], "us": ["weight stable, no weight loss"],
                    "wa": ["no any weight loss"], "me": ["no loss of weight"], "pt": ["weight is the same, not losing"]},
    "haematemesis": {"uk": ["no haematemesis"], "sa": ["no h/o haematemesis"], "us": ["no hematemesis"],
                     "wa": ["{he} is not having any vomiting of blood"], "me": ["no vomiting of blood"], "pt": ["no blood in the vomit"]},
    "rectal_bleeding": {"uk": ["no rectal bleeding"], "sa": ["no h/o bleeding PR"], "us": ["no hematochezia"],
                        "wa": ["no blood in the stool"], "me": ["no bleeding from rectum"], "pt": ["no blood from the back passage"]},
    "jaundice": {"uk": ["not jaundiced"], "sa": ["no icterus"], "us": ["no jaundice, no scleral icterus"], "wa": ["not jaundiced"],
                 "me": ["no jaundice"], "pt": ["eyes are not yellow"]},
    "abdominal_mass": {"uk": ["abdomen soft, no masses palpable"], "sa": ["P/A soft, no mass palpable"], "us": ["abdomen soft, no masses"],
                       "wa": ["abdomen is soft, no mass"], "me": ["abdomen soft, no mass"], "pt": ["abdomen soft with no masses on my examination"]},
}

FAMILY = [("father", "bowel cancer", 72), ("mother", "stomach cancer", 80), ("brother", "Crohn's disease", 30),
          ("sister", "coeliac disease", 35), ("uncle", "oesophageal cancer", 68)]
FAMILY_PHR = {"uk": "{His} {rel} had {dis} at {ra}", "sa": "family h/o {dis} in {his} {rel} at {ra} years",
              "us": "family history: {rel} with {dis} at age {ra}", "wa": "{his} {rel} had {dis} at {ra} years",
              "me": "there is family history of {dis} in {his} {rel} at age {ra}", "pt": "{his} {rel} had {dis} at {ra}"}
RESOLVED = {
    "rectal_bleeding": {"uk": "a single episode of rectal bleeding in 2019 from haemorrhoids, none since",
                        "sa": "h/o bleeding PR in 2019 due to piles, now not there since then",
                        "us": "remote hx of BRBPR in 2019 attributed to hemorrhoids, none since",
                        "wa": "{he} was having blood in stool in 2019 from piles, now it is not there",
                        "me": "in 2019 {he} had bleeding from piles, it stopped and no bleeding since",
                        "pt": "blood from piles back in 2019, none since then"},
    "jaundice": {"uk": "jaundice as a child with hepatitis A, fully resolved", "sa": "h/o jaundice in childhood, resolved",
                 "us": "hx hepatitis A with jaundice in childhood, resolved", "wa": "{he} had jaundice as a child, it resolved",
                 "me": "jaundice in childhood which resolved completely", "pt": "yellow eyes as a child, long gone"},
    "melaena": {"uk": "black stools for a few days last year while on iron, settled when iron stopped",
                "sa": "h/o black stools last year on iron tablets, now not there",
                "us": "dark stools last year on iron supplements, resolved off iron",
                "wa": "{he} was having black stools before, now it is not there",
                "me": "black stool last year with iron tablets, now finished",
                "pt": "black stool last year with iron tablets, stopped now"},
}
HYPO = {"uk": "if {he} develops dysphagia or vomits blood {he} knows to seek urgent help",
        "sa": "advised to report immediately in case of dysphagia or blood vomiting",
        "us": "return precautions given for dysphagia or hematemesis",
        "wa": "I told {him} that if {he} has difficulty swallowing or vomits blood {he} should come back at once",
        "me": "if there will be dysphagia or vomiting of blood {he} will come back",
        "pt": "if swallowing becomes difficult or blood is vomited, to come back"}

DUR = ["3 weeks", "6 weeks", "2 months", "3 months", "4 months", "6 months", "8 weeks"]
DURS = {"3 weeks": "3 weeks", "6 weeks": "6 weeks", "2 months": "2 months", "3 months": "3 months",
        "4 months": "4 months", "6 months": "6 months", "8 weeks": "8 weeks"}
DRUGS = ["mesalazine", "azathioprine", "infliximab", "vedolizumab"]

BANK_OF = {"uk": "uk", "au": "uk", "ie": "uk", "sa": "sa", "us": "us", "wa": "wa", "me": "me", "relay": "pt", "family": "pt"}


def pick(bank, voice, r):
    b = BANK_OF.get(voice, voice)
    return r.choice(bank.get(b) or bank["uk"])


def fill(t, f, extra):
    d = dict(pron(f["sex"]))
    d.update(extra)
    out = t.format(**d)
    return out[0].upper() + out[1:] if out else out


# ---------------------------------------------------------------- values
def num_words(n):
    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
           "seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    if n < 20:
        return ones[n]
    return tens[n // 10] + ("" if n % 10 == 0 else "-" + ones[n % 10])


def val_str(key, v, voice, r, sex):
    if key == "hb":
        if voice == "us" or (voice in ("sa", "wa", "me") and r.random() < .6):
            s = "%.1f" % (v / 10.0)
            return r.choice(["Hgb %s g/dL", "Hb %s g/dL", "haemoglobin %s g/dL"]) % s if voice != "us" else r.choice(
                ["Hgb %s g/dL", "hemoglobin %s g/dL"]) % s
        return r.choice(["Hb %d g/L", "Hb %d g/L", "haemoglobin %d g/L"]) % v
    if key == "ferritin":
        if voice == "us":
            return r.choice(["ferritin %d ng/mL", "ferritin %d ng/mL (ref 30-400)"]) % v
        if voice == "sa":
            return "S. ferritin %d ng/ml" % v
        return r.choice(["ferritin %d ug/L", "ferritin %d", "ferritin %d ug/L (30-400)"]) % v
    if key == "fit":
        if v == 0:
            return r.choice(["FIT <4", "FIT: undetectable", "FIT negative (<4 ug Hb/g)", "FIT: <10"])
        if v < 10:
            return r.choice(["FIT %d ug Hb/g", "FIT %d", "qFIT %d ug/g"]) % v
        if voice == "us":
            return r.choice(["FIT positive at %d ug/g", "FIT %d ug Hb/g (positive)"]) % v
        return r.choice(["FIT %d", "qFIT %d ug Hb/g", "FIT %d ug/g", "qFIT positive at %d"]) % v
    if key == "calpro":
        if voice == "us":
            return "fecal calprotectin %d ug/g" % v
        return r.choice(["faecal calprotectin %d ug/g", "FCP %d", "calprotectin %d", "FCP %d ug/g"]) % v
    if key == "alt":
        if 80 <= v <= 160 and v % 40 == 0 and r.random() < .6:
            return "ALT %dx ULN (%d)" % (v // 40, v)
        return r.choice(["ALT %d U/L", "ALT %d", "ALT %d IU/L"]) % v
    raise KeyError(key)


# ---------------------------------------------------------------- identifiers
FIRST_M = ["Mohammed", "David", "Tomasz", "Kwame", "Rajesh", "Peter", "Liam", "Ahmed", "John", "Sean", "Gurpreet", "Oluwaseun",
           "Michael", "Darius", "Craig", "Imran", "Stanislaw", "Graham", "Yusuf", "Patrick"]
FIRST_F = ["Fatima", "Margaret", "Agnieszka", "Abena", "Priya", "Susan", "Aoife", "Layla", "Janet", "Niamh", "Harpreet",
           "Folake", "Karen", "Shirin", "Emma", "Nasreen", "Maria", "Joan", "Amina", "Bridget"]
LAST = ["Khan", "Smith", "Kowalski", "Mensah", "Patel", "Jones", "O'Brien", "Hassan", "Williams", "Murphy", "Singh", "Adeyemi",
        "Brown", "Rahimi", "Taylor", "Begum", "Nowak", "Evans", "Okafor", "Walsh", "Hughes", "Ali", "Reid", "Chaudhry"]
PRACTICES = [("Riverside Medical Centre", "Y02771"), ("Oakfield Surgery", "M85012"), ("The Health Centre, Park Lane", "F84093"),
             ("Northgate Family Practice", "B82033"), ("St Anne's Group Practice", "P81040"), ("Hillview Surgery", "C86011"),
             ("Marsh Road Medical Practice", "L83055"), ("Canal Street Surgery", "D81002")]


def nhs_number(r):
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return n[:3] + " " + n[3:6] + " " + n[6:]


def make_ids(idx, f, r):
    ld = datetime.date(2025, 1, 6) + datetime.timedelta(days=r.randint(0, 300))
    m, d = r.randint(1, 12), r.randint(1, 28)
    by = ld.year - f["age"] if (m, d) <= (ld.month, ld.day) else ld.year - f["age"] - 1
    dob = datetime.date(by, m, d)
    age = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
    assert age == f["age"]
    first = r.choice(FIRST_M if f["sex"] == "M" else FIRST_F)
    return {"letter_date": ld, "dob": dob, "name": first + " " + r.choice(LAST), "title": "Mr" if f["sex"] == "M" else r.choice(["Mrs", "Ms", "Miss"]),
            "nhs": nhs_number(r), "practice": r.choice(PRACTICES), "ubrn": "%012d" % r.randint(10 ** 11, 10 ** 12 - 1),
            "hosp": "RX%07d" % r.randint(0, 9999999)}


def uk_date(d):
    return d.strftime("%d/%m/%Y")


def us_date(d):
    return d.strftime("%m/%d/%Y")


# ---------------------------------------------------------------- styles
STYLES = [
    ("imglocum_southasian", "sa", "prose"), ("usgrad_family_physician", "us", "prose"), ("westafrican_gp_registrar", "wa", "prose"),
    ("middleeast_salaried_gp", "me", "prose"), ("australian_locum", "au", "prose"), ("irish_gp_partner", "ie", "prose"),
    ("interpreter_relay_gp", "relay", "prose"), ("community_matron_family_relay", "family", "prose"),
    ("uk_formal_gp", "uk", "prose"), ("uk_lowercase_gp", "uk", "lower"), ("uk_third_person_partner", "uk", "third"),
    ("uk_abbreviating_gp", "uk", "abbrev"), ("nhs111_clinician", "uk", "headings111"), ("practice_pharmacist_review", "uk", "pharm"),
    ("form_2ww_lowergi_uk", "uk", "form_lower"), ("form_2ww_uppergi_uk", "uk", "form_upper"),
    ("ers_template_southasian", "sa", "ers"), ("soap_note_usgrad", "us", "soap"), ("results_summary_middleeast", "me", "table"),
    ("redflag_checklist_westafrican", "wa", "checklist"),
]
FORM_LOWER_OK = {"U2", "U3", "U4", "U6", "U8", "O6", "A1", "D", "R1", "O2"}
FORM_UPPER_OK = {"U1", "U5", "O1", "A2", "R3", "D", "U4"}

PRIO = {
    "uk": {"urgent_suspected_cancer": ["Please see under the suspected cancer (2WW) pathway.", "I would be grateful for a 2WW appointment."],
           "urgent": ["I would be grateful if you could see {him} urgently.", "Urgent referral please."],
           "routine": ["Routine referral.", "I would be grateful for a routine clinic appointment."],
           "advice_and_guidance": ["Advice and guidance only, please - I am happy to manage in primary care.", "Could you advise? An appointment is not necessarily needed."]},
    "sa": {"urgent_suspected_cancer": ["Kindly see under 2 week wait and do the needful.", "Kindly do the needful on 2WW basis."],
           "urgent": ["Kindly see on urgent basis.", "Kindly do the needful urgently."],
           "routine": ["Kindly see in routine OPD.", "Referred for routine opinion, kindly do the needful."],
           "advice_and_guidance": ["Kindly advise further management, appointment not needed.", "Only your kind advice is requested."]},
    "us": {"urgent_suspected_cancer": ["Requesting expedited cancer-pathway evaluation (2WW).", "Please expedite - concerned for malignancy."],
           "urgent": ["Requesting urgent GI consult.", "Please see urgently."],
           "routine": ["Routine GI consult requested.", "Non-urgent consult, thanks."],
           "advice_and_guidance": ["E-consult only: would value your recommendations, no visit needed."]},
    "wa": {"urgent_suspected_cancer": ["Kindly see and manage under the 2 week wait pathway.", "Please I am requesting 2WW review."],
           "urgent": ["Kindly see and manage urgently.", "I will appreciate an urgent review."],
           "routine": ["Kindly see and manage routinely.", "I will appreciate a routine review."],
           "advice_and_guidance": ["I will appreciate your advice on further management, no need to see."]},
    "me": {"urgent_suspected_cancer": ["Please to see under the 2 week wait.", "I would be grateful to see under 2WW pathway."],
           "urgent": ["Please to see urgently.", "I would be grateful to see urgently."],
           "routine": ["Please to see routinely.", "I would be grateful for routine appointment."],
           "advice_and_guidance": ["I would be grateful for your advice only."]},
}
PRIO["au"] = {"urgent_suspected_cancer": ["Would you mind seeing {him} on the 2WW pathway?"], "urgent": ["Reckon {he} needs seeing urgently, if you can."],
              "routine": ["No rush - routine is fine."], "advice_and_guidance": ["Happy to keep managing if you can give us some advice - no appointment needed."]}
PRIO["ie"] = {"urgent_suspected_cancer": ["I'd be obliged if you would see {him} under the 2WW."], "urgent": ["I'd be obliged if you would see {him} urgently."],
              "routine": ["I'd be obliged if you would see {him} routinely."], "advice_and_guidance": ["I'd be grateful for a word of advice; no need to see {him}."]}
for _v in ("relay", "family"):
    PRIO[_v] = PRIO["uk"]
PRIO_WORDS = {"urgent_suspected_cancer": "two-week-wait / suspected cancer", "urgent": "urgent", "routine": "routine",
              "advice_and_guidance": "advice only"}

NOISE = [("referral", "refferal"), ("grateful", "greatful"), ("sincerely", "sincerly"), ("appreciate", "appriciate"),
         ("regards", "reagrds"), ("colleague", "collegue"), ("thank you", "thankyou")]


class Letter:
    def __init__(self, idx, rule, style, voice, layout, r):
        self.idx, self.rule, self.style, self.voice, self.layout, self.r = idx, rule, style, voice, layout, r


def build(idx, rule, style_t, near):
    style, voice, layout = style_t
    r = R("letters30", idx, rule, style)
    f = scenario(rule, r, near)
    got = decide(f)
    assert got == rule, (rule, got, f)
    ids = make_ids(idx, f, r)
    P = pron(f["sex"])
    dur = r.choice(DUR)
    if f.get("ppi_weeks", 0) >= 2:
        dur = r.choice(["4 months", "6 months"])
    extra = {"dur": dur, "durs": DURS[dur], "durn": dur, "kg": r.choice([5, 6, 7, 8, 10]), "ibd": f.get("ibd_type", ""),
             "drug": r.choice(DRUGS), "ttg": r.choice([28, 64, 128, 200]), "relage": r.choice([48, 52, 58, 63]),
             "rel": r.choice(["father", "mother", "brother", "sister"])}
    extra["lbs"] = int(round(extra["kg"] * 2.2))
    extra["q"] = r.choice(QUESTIONS).format(drug=extra["drug"], **P)
    evidence = {}
    # positive phrases
    pos = []
    for k in f["sym"]:
        t = pick(POS[k], voice if k not in ("rectal_mass", "anal_mass", "abdominal_mass", "cirrhosis_ascites", "cirrhosis_confusion",
                                            "fatty_liver", "ttg_positive", "ibd_stable_question", "fh_crc") else
                 ({"relay": "uk", "family": "uk"}.get(voice, voice)), r)
        s = fill(t, f, extra)
        pos.append((k, s))
        evidence[k] = s
    if "dyspepsia" in f["sym"] and f.get("ppi_weeks"):
        w = f["ppi_weeks"]
        s = r.choice(["despite %d weeks of omeprazole 20 mg daily" % w, "persisting after %d weeks of lansoprazole 30 mg" % w,
                      "still there after a %d-week course of PPI" % w])
        pos.append(("ppi_weeks", s))
        evidence["ppi_weeks"] = s
    vals = []
    for k, v in f["vals"].items():
        s = val_str(k, v, BANK_OF.get(voice, voice) if voice not in ("relay", "family") else "uk", r, f["sex"])
        vals.append((k, s))
        evidence["val_" + k] = s
    # distractors
    dis = []
    vb = BANK_OF.get(voice, voice)
    cand = []
    for k in ("dysphagia", "weight_loss", "haematemesis", "rectal_bleeding", "jaundice", "abdominal_mass"):
        if k not in f["sym"] and not (k == "rectal_bleeding" and "bloody_diarrhoea" in f["sym"]):
            cand.append(("negated", k, fill(pick(NEG[k], voice, r), f, extra)))
    if "fh_crc" not in f["sym"]:
        rel, dis_, ra = r.choice(FAMILY if f["sym"] else [x for x in FAMILY if x[1] != "bowel cancer"])
        cand.append(("family_history", dis_, fill(FAMILY_PHR.get(vb, FAMILY_PHR["uk"]), f, {"rel": rel, "dis": dis_, "ra": ra})))
    for k in ("rectal_bleeding", "jaundice", "melaena"):
        if k not in f["sym"] and not (k == "rectal_bleeding" and "bloody_diarrhoea" in f["sym"]):
            cand.append(("resolved", k, fill(RESOLVED[k].get(vb, RESOLVED[k]["uk"]), f, extra)))
    if "dysphagia" not in f["sym"] and "haematemesis" not in f["sym"]:
        cand.append(("hypothetical", "dysphagia/haematemesis", fill(HYPO.get(vb, HYPO["uk"]), f, extra)))
    if "hb" not in f["vals"]:
        hv = r.randint(135, 160) if f["sex"] == "M" else r.randint(124, 148)
        cand.append(("normal_value", "hb=%d" % hv, val_str("hb", hv, vb if vb != "pt" else "uk", r, f["sex"])))
    if "ferritin" not in f["vals"] and "hb" not in f["vals"]:
        fv = r.choice([45, 68, 110, 160])
        cand.append(("normal_value", "ferritin=%d" % fv, val_str("ferritin", fv, vb if vb != "pt" else "uk", r, f["sex"])))
    if "alt" not in f["vals"] and not ({"jaundice", "fatty_liver", "cirrhosis_ascites", "cirrhosis_confusion"} & set(f["sym"])):
        av = r.choice([18, 24, 29, 33])
        cand.append(("normal_value", "alt=%d" % av, val_str("alt", av, vb if vb != "pt" else "uk", r, f["sex"])))
    if rule == "A3":
        cand = [c for c in cand if c[0] != "negated" or c[1] in ("dysphagia", "weight_loss", "rectal_bleeding")]
    r.shuffle(cand)
    dis = cand[:r.randint(2, 4)]
    # requested priority
    true_u = LABEL[rule][0]
    t = r.random()
    if t < 0.5:
        req = r.choice([u for u in PRIO["uk"] if u != true_u])
    elif t < 0.9:
        req = true_u
    else:
        req = None
    L = {"f": f, "ids": ids, "P": P, "pos": pos, "vals": vals, "dis": dis, "req": req, "extra": extra, "r": r, "voice": voice,
         "rule": rule}
    text = LAYOUTS[layout](L)
    # noise in non-fact words
    noisy = False
    if r.random() < 0.10:
        ev_all = " ".join(list(evidence.values()) + [d[2] for d in L["dis"]])
        for a, b in NOISE:
            if a in text and a not in ev_all:
                text = text.replace(a, b, 1)
                noisy = True
                break
    for s in list(evidence.values()) + [d[2] for d in L["dis"]]:
        assert norm(s) in norm(text), (style, s, text)
    rec = {"id": "L30-%04d" % idx, "text": text, "urgency": LABEL[rule][0], "pathway": LABEL[rule][1], "rule": rule,
           "style": style, "gp_priority": PRIO_WORDS[req] if req else None, "age": f["age"]}
    meta = {"id": rec["id"], "sex": f["sex"], "age": f["age"], "facts": sorted(f["sym"]), "values": f["vals"],
            "ppi_weeks": f.get("ppi_weeks"), "evidence": evidence,
            "distractors": [{"kind": d[0], "about": d[1], "text": d[2]} for d in L["dis"]],
            "requested_urgency": req, "near_line": f["near"], "letter_date": ids["letter_date"].isoformat(),
            "dob": ids["dob"].isoformat(), "age_shown_as": L.get("age_shown"), "noise": noisy, "style": style, "voice": voice}
    return rec, meta


# ---------------------------------------------------------------- layout helpers
def age_phrase(L, us=False):
    r, f, ids = L["r"], L["f"], L["ids"]
    c = r.random()
    if c < 0.3:
        L["age_shown"] = "dob"
        return None
    if c < 0.45:
        L["age_shown"] = "words"
        return "%s-year-old" % num_words(f["age"])
    L["age_shown"] = "number"
    return "%d-year-old" % f["age"] if not us else "%d yo" % f["age"]


def header(L, us=False, sep="\n"):
    ids, r = L["ids"], L["r"]
    pr = ids["practice"]
    lines = []
    if us:
        lines.append("%s (practice code %s)" % pr)
        lines.append("Date (MM/DD/YYYY): %s" % us_date(ids["letter_date"]))
        lines.append("Patient: %s %s   DOB (MM/DD/YYYY): %s   Sex: %s" % (ids["title"], ids["name"], us_date(ids["dob"]),
                                                                      "Male" if L["f"]["sex"] == "M" else "Female"))
    else:
        lines.append("%s, practice code %s" % pr)
        lines.append("Date: %s" % uk_date(ids["letter_date"]))
        lines.append("Re: %s %s, DOB %s, NHS No %s" % (ids["title"], ids["name"], uk_date(ids["dob"]), ids["nhs"]))
    if r.random() < .5:
        lines.append("e-RS UBRN %s | Hosp no %s" % (ids["ubrn"], ids["hosp"]))
    if r.random() < .3 and not us:
        lines.append("Date typed: %s  Date dictated: %s" % (uk_date(ids["letter_date"]),
                                                            uk_date(ids["letter_date"] - datetime.timedelta(days=2))))
    return sep.join(lines)


def prio(L):
    if L["req"] is None:
        return ""
    return fill(L["r"].choice(PRIO[L["voice"]][L["req"]]), L["f"], {})


def sentences(items):
    return " ".join(s if s.endswith(".") else s + "." for s in items)


def subj(L):
    f = L["f"]
    a = age_phrase(L, us=L["voice"] == "us")
    noun = "man" if f["sex"] == "M" else "woman"
    if L["voice"] in ("sa", "wa"):
        noun = "male" if f["sex"] == "M" else "female"
    if a is None:
        return "this %s" % ("gentleman" if f["sex"] == "M" else "lady")
    return "this %s %s" % (a, noun)


def facts_list(L):
    return [s for _, s in L["pos"]]


def vals_sentence(L, lead="Bloods: "):
    if not L["vals"]:
        return ""
    return lead + ", ".join(s for _, s in L["vals"]) + "."


def dis_list(L):
    return [d[2] for d in L["dis"]]


def sign(L, names):
    r = L["r"]
    return r.choice(names)


EXAM = ("rectal_mass", "anal_mass", "abdominal_mass")


def lay_prose(L):
    v, r, f = L["voice"], L["r"], L["f"]
    us = v == "us"
    h = header(L, us=us)
    who = subj(L)
    fl = facts_list(L)
    dl = dis_list(L)
    P = L["P"]
    body = []
    if v == "sa":
        body.append("Respected Sir/Madam,")
        body.append("I am referring %s. %s" % (who, sentences(fl)))
        body.append(sentences(dl) + " " + vals_sentence(L, "Investigations: "))
        body.append(prio(L) + " Thanking you.")
        body.append("Yours faithfully,\nDr %s (locum GP)" % r.choice(["A. Kumar", "S. Reddy", "M. Iqbal", "R. Sharma"]))
    elif v == "us":
        body.append("Dear Colleague,")
        body.append("I'm referring %s for GI evaluation. %s" % (who, sentences(fl)))
        body.append("ROS: " + "; ".join(dl) + ". " + vals_sentence(L, "Labs: "))
        body.append(prio(L) + " Thanks so much.")
        body.append("Best,\nDr J. Miller, MD (US-trained, GP retainer)")
    elif v == "wa":
        body.append("Dear Doctor,")
        body.append("Thank you for seeing %s. %s" % (who, sentences(fl)))
        body.append(sentences(dl) + " " + vals_sentence(L, "Investigations done: "))
        body.append(prio(L))
        body.append("Thanks and regards,\nDr %s, GP Registrar ST2" % r.choice(["O. Adebayo", "K. Asante", "C. Nwosu"]))
    elif v == "me":
        body.append("Dear Dr,")
        body.append("I am writing to you about %s. %s" % (who, sentences(fl)))
        body.append(sentences(dl) + " " + vals_sentence(L, "The investigations: "))
        body.append(prio(L) + " Many thanks for your help.")
        body.append("Kind regards,\nDr %s, Salaried GP" % r.choice(["H. Al-Sayed", "N. Haddad", "R. Farouk"]))
    elif v == "au":
        body.append("G'day,")
        body.append("Thanks for having a look at %s, who's been pretty crook lately. %s" % (who, sentences(fl)))
        body.append(sentences(dl) + " " + vals_sentence(L, "Pathology: "))
        body.append(prio(L) + " Cheers for that.")
        body.append("Dr B. Fletcher (locum, from Brisbane)")
    elif v == "ie":
        body.append("Dear Doctor,")
        body.append("I'd be obliged if you'd cast an eye over %s, who isn't great in %sself at all. %s" % (who, P["him"], sentences(fl)))
        body.append(sentences(dl) + " " + vals_sentence(L, "Bloods: "))
        body.append(prio(L) + " Thanks a million.")
        body.append("Le gach dea-ghui,\nDr C. O'Sullivan")
    elif v in ("relay", "family"):
        lang = r.choice(["Polish", "Urdu", "Romanian", "Bengali", "Tigrinya", "Portuguese"])
        intro = "via interpreter (%s): %s says" % (lang, P["he"]) if v == "relay" else \
            "%s %s, who came with %s, tells me" % (P["His"], r.choice(["daughter", "son", "husband" if f["sex"] == "F" else "wife"]), P["him"])
        body.append("Dear Colleague,")
        body.append("I saw %s today%s." % (who, " with a telephone interpreter" if v == "relay" else " at home on a community visit"))
        bits = []
        for k, s in L["pos"]:
            if k in EXAM or k in ("fatty_liver", "ttg_positive", "ppi_weeks", "cirrhosis_ascites", "cirrhosis_confusion",
                                  "ibd_stable_question", "fh_crc"):
                bits.append("On my assessment: " + s + ".")
            else:
                bits.append("%s %s; I confirmed this on direct questioning." % (intro[0].upper() + intro[1:], s[0].lower() + s[1:]))
        body.append(" ".join(bits))
        body.append("Also: " + "; ".join(dl) + ". " + vals_sentence(L, "Recent bloods: "))
        body.append(prio(L))
        body.append("Yours sincerely,\n%s" % ("Dr P. Grant, GP" if v == "relay" else "Jo Hemmings, Community Matron"))
    else:  # uk formal
        body.append("Dear Dr %s," % r.choice(["Shah", "Morgan", "Clarke"]))
        body.append("Thank you for seeing %s. %s" % (who, sentences(fl)))
        body.append(sentences(dl) + " " + vals_sentence(L))
        body.append(prio(L))
        body.append("Yours sincerely,\nDr A. Whitfield\ncc: patient; practice notes")
    return h + "\n\n" + "\n\n".join(x.strip() for x in body if x.strip()) + "\n"


def lay_lower(L):
    r = L["r"]
    h = header(L)
    who = subj(L)
    parts = ["pls see " + who] + facts_list(L) + dis_list(L) + ([vals_sentence(L, "bloods ").rstrip(".")] if L["vals"] else [])
    pr = prio(L)
    txt = "\n".join(p for p in parts) + (" " + pr if pr else "") + " thanks dr k"
    txt = txt.lower().replace(",", "").replace(". ", " ").replace(".\n", "\n").rstrip(".")
    return h + "\n\n" + txt + "\n"


def lay_third(L):
    h = header(L)
    who = subj(L)
    fl = [s[0].lower() + s[1:] for s in facts_list(L)]
    body = "Dear Gastroenterology Team,\n\nThe patient, %s, was seen by my partner and myself. The patient reports %s. " % (
        who, "; ".join(fl))
    body += "On review, " + "; ".join(dis_list(L)) + ". " + vals_sentence(L, "The patient's bloods: ")
    body += "\n\n" + prio(L) + "\n\nDr R. Hale (on behalf of the partners)\n-- page 1 of 1 -- Riverside group letters footer --"
    return h + "\n\n" + body + "\n"


def abbrev(s):
    for a, b in [("rectal bleeding", "PR bleed"), ("change in bowel habit", "CIBH"), ("weight loss", "wt loss"),
                 ("for ", "x "), ("examination", "exam"), ("abdominal", "abdo")]:
        s = s.replace(a, b)
    return s


def lay_abbrev(L):
    h = header(L)
    f = L["f"]
    who = "%dyo %s" % (f["age"], f["sex"])
    L["age_shown"] = "number"
    fl = facts_list(L)
    # abbreviations are applied only to the frame; fact strings kept verbatim
    body = "Dear Dr,\nRe: %s. PC: %s.\nO/E & hx: %s.\n%s\nPlan: ref to GI. %s\nThx, Dr T. Barnes (GP)\nPMH: HTN, OA knee. DHx: amlodipine 5mg OD, paracetamol PRN." % (
        who, "; ".join(fl) or "abnormal bloods, see Ix", "; ".join(dis_list(L)), vals_sentence(L, "Ix: "), prio(L))
    return h + "\n\n" + body + "\n"


def lay_111(L):
    r = L["r"]
    h = header(L)
    who = subj(L)
    fl = facts_list(L)
    body = ["NHS 111 CLINICAL ASSESSMENT - REFERRAL TO GASTROENTEROLOGY (copy to registered GP)",
            "Clinician: Clinical Advisor (paramedic), NHS 111 CAS",
            "Caller: %s" % r.choice(["patient", "patient's partner, patient present and answering", "patient"]),
            "Presenting complaint: %s" % ("; ".join(("per GP record: " + s) if k in EXAM else s for k, s in L["pos"]) or "abnormal results"),
            "Patient: %s" % who,
            "Red flags screened: " + "; ".join(dis_list(L)),
            "Results on record: " + (", ".join(s for _, s in L["vals"]) if L["vals"] else "none available"),
            "Disposition / request: " + (prio(L) or "as per specialist"),
            "Safety netting: worsening advice given, call 999 if collapse."]
    return h + "\n\n" + "\n".join(body) + "\n"


def lay_pharm(L):
    r = L["r"]
    h = header(L)
    who = subj(L)
    body = ["Structured Medication Review - GP practice clinical pharmacist (IP)",
            "Patient: %s" % who,
            "Current medicines: %s" % r.choice(["omeprazole 20 mg OD, atorvastatin 20 mg", "ramipril 5 mg, metformin 500 mg BD",
                                                "levothyroxine 75 mcg, sertraline 50 mg"]),
            "Concerns raised during review:"]
    for i, (k, s) in enumerate(L["pos"], 1):
        body.append("  %d. %s%s" % (i, "(from GP exam note) " if k in EXAM else "", s))
    if not L["pos"]:
        body.append("  1. abnormal blood results below")
    body.append("Checked and negative / not relevant: " + "; ".join(dis_list(L)))
    if L["vals"]:
        body.append("Latest results: " + "; ".join(s for _, s in L["vals"]))
    body.append("What I would like: " + (prio(L) or "your opinion"))
    body.append("Discussed with duty GP Dr Ahmed who agrees with referral.")
    body.append("S. Kaur, MPharm, IP")
    return h + "\n\n" + "\n".join(body) + "\n"


FORM_ROWS_LOWER = [("rectal_bleeding", "Rectal bleeding"), ("cibh", "Change in bowel habit"), ("abdo_pain", "Abdominal pain"),
                   ("weight_loss", "Unexplained weight loss"), ("abdominal_mass", "Abdominal mass"),
                   ("rectal_mass", "Rectal mass"), ("anal_mass", "Anal mass / anal ulceration")]
FORM_ROWS_UPPER = [("dysphagia", "Dysphagia"), ("weight_loss", "Unexplained weight loss"), ("upper_abdo_pain", "Upper abdominal pain"),
                   ("reflux", "Reflux"), ("dyspepsia", "Dyspepsia"), ("haematemesis", "Haematemesis"), ("abdominal_mass", "Upper abdominal mass")]


def form_answer(yes, mode):
    return {"yn": "Y" if yes else "N", "box": "[X] Yes  [ ] No" if yes else "[ ] Yes  [X] No",
            "pa": "present" if yes else "absent", "pm": "+" if yes else "-"}[mode]


def lay_form(L, rows, title):
    r, f, ids = L["r"], L["f"], L["ids"]
    mode = r.choice(["yn", "box", "pa", "pm"])
    legend = {"yn": "(answer Y or N)", "box": "(tick one)", "pa": "(present / absent)", "pm": "(+ = present, - = absent)"}[mode]
    h = header(L)
    lines = [title, "Patient age: %d   Sex: %s" % (f["age"], "M" if f["sex"] == "M" else "F"), "Criteria %s:" % legend]
    L["age_shown"] = "number"
    rowkeys = {k for k, _ in rows}
    ev_override = {}
    for k, lab in rows:
        if k == "abdominal_mass" and "abdominal_mass" not in f["sym"] and rows is FORM_ROWS_UPPER:
            yes = False
        yes = k in f["sym"]
        line = "  %-32s %s" % (lab + ":", form_answer(yes, mode))
        lines.append(line)
        if yes:
            ev_override[k] = line.strip()
        else:
            L["dis"].append(("unticked_box", k, line.strip()))
    other = [s for k, s in L["pos"] if k not in rowkeys]
    rowfacts = [s for k, s in L["pos"] if k in rowkeys]
    lines.append("FIT result: %s" % (next((s for k, s in L["vals"] if k == "fit"), "not done")) if rows is FORM_ROWS_LOWER else
                 "Bloods: %s" % (", ".join(s for _, s in L["vals"]) or "none attached"))
    if rows is FORM_ROWS_LOWER:
        rest = [s for k, s in L["vals"] if k != "fit"]
        if rest:
            lines.append("Other bloods: " + ", ".join(rest))
    lines.append("Clinical details: " + " ".join((s + ".") for s in rowfacts + other))
    lines.append("Other history: " + "; ".join(d[2] for d in L["dis"] if d[0] != "unticked_box"))
    lines.append("Referrer's requested priority: " + (prio(L) or "(left blank)"))
    lines.append("Referring GP: Dr M. Osei   Practice: %s" % ids["practice"][0])
    lines.append("-- Form v4.2 -- page 1 of 1 --")
    return h + "\n\n" + "\n".join(lines) + "\n"


def lay_form_lower(L):
    return lay_form(L, FORM_ROWS_LOWER, "SUSPECTED LOWER GI CANCER REFERRAL FORM (2WW / USC)")


def lay_form_upper(L):
    return lay_form(L, FORM_ROWS_UPPER, "SUSPECTED UPPER GI CANCER REFERRAL FORM (2WW / USC)")


def lay_ers(L):
    r = L["r"]
    h = header(L)
    who = subj(L)
    lines = ["e-RS REFERRAL TEMPLATE - GASTROENTEROLOGY",
             "Reason for referral: " + who + ", " + "; ".join(facts_list(L)),
             "Relevant history: " + "; ".join(dis_list(L)),
             "Investigations: " + (", ".join(s for _, s in L["vals"]) or "NIL"),
             "Current medication: " + r.choice(["Tab pantoprazole 40 mg OD", "Tab metformin 500 mg BD", "NIL"]),
             "Priority requested: " + (prio(L) or "-"),
             "Referrer: Dr V. Nair (sessional GP)"]
    return h + "\n\n" + "\n".join(lines) + "\n"


def lay_soap(L):
    h = header(L, us=True)
    who = subj(L)
    lines = ["Progress note / referral (SOAP)",
             "S: %s. %s" % (who[0].upper() + who[1:], sentences(facts_list(L))),
             "   Pertinent negatives and other hx: " + "; ".join(dis_list(L)) + ".",
             "O: " + (", ".join(s for _, s in L["vals"]) if L["vals"] else "vitals WNL, no labs yet"),
             "A: GI referral needed.",
             "P: " + (prio(L) or "GI to advise."),
             "-- J. Miller MD"]
    return h + "\n\n" + "\n".join(lines) + "\n"


def lay_table(L):
    r, f = L["r"], L["f"]
    h = header(L)
    who = subj(L)
    lines = ["SUMMARY FOR GASTROENTEROLOGY", "Patient: " + who, "Complaints:"]
    for i, s in enumerate(facts_list(L), 1):
        lines.append("%d. %s" % (i, s))
    if not L["pos"]:
        lines.append("1. no complaints, referred for the blood results below")
    if L["vals"]:
        lines.append("Results (latest):")
        lines.append("  Test                      Result")
        for k, s in L["vals"]:
            lines.append("  %-25s %s" % (k.upper() if k != "calpro" else "CALPROTECTIN", s))
    lines.append("Other points: " + "; ".join(dis_list(L)) + ".")
    lines.append("Request: " + (prio(L) or "your opinion please"))
    lines.append("Dr N. Haddad")
    return h + "\n\n" + "\n".join(lines) + "\n"


def lay_checklist(L):
    r, f = L["r"], L["f"]
    h = header(L)
    who = subj(L)
    lines = ["GI REFERRAL - PATIENT SUMMARY AND RED FLAG CHECKLIST", "Patient: " + who, "History: " + (sentences(facts_list(L)) or "referred on blood results (see investigations)")]
    lines.append("Red flag checklist (present/absent):")
    for k, lab in [("dysphagia", "Dysphagia"), ("weight_loss", "Weight loss"), ("haematemesis", "Haematemesis"),
                   ("jaundice", "Jaundice")]:
        line = "  %s - %s" % (lab, "present" if k in f["sym"] else "absent")
        lines.append(line)
        if k not in f["sym"]:
            L["dis"].append(("unticked_box", k, line.strip()))
    lines.append("Other findings: " + "; ".join(d[2] for d in L["dis"] if d[0] != "unticked_box"))
    lines.append("Investigations: " + (", ".join(s for _, s in L["vals"]) or "none yet"))
    lines.append(prio(L))
    lines.append("Thanks and regards, Dr E. Boateng")
    return h + "\n\n" + "\n".join(x for x in lines if x) + "\n"


LAYOUTS = {"prose": lay_prose, "lower": lay_lower, "third": lay_third, "abbrev": lay_abbrev, "headings111": lay_111,
           "pharm": lay_pharm, "form_lower": lay_form_lower, "form_upper": lay_form_upper, "ers": lay_ers, "soap": lay_soap,
           "table": lay_table, "checklist": lay_checklist}


def assign():
    slots = []
    for rule, n in PLAN.items():
        slots += [rule] * n
    assert len(slots) == 300
    r = R("letters30", "assign")
    r.shuffle(slots)
    per = {s[0]: [] for s in STYLES}
    # constrained forms first
    for st, ok in (("form_2ww_lowergi_uk", FORM_LOWER_OK), ("form_2ww_uppergi_uk", FORM_UPPER_OK)):
        while len(per[st]) < 15:
            i = next(j for j, x in enumerate(slots) if x in ok)
            per[st].append(slots.pop(i))
    for st, _, _ in STYLES:
        while len(per[st]) < 15:
            per[st].append(slots.pop())
    out = []
    for st in STYLES:
        for rule in per[st[0]]:
            out.append((rule, st))
    R("letters30", "order").shuffle(out)
    return out


def main():
    plan = assign()
    recs, metas = [], []
    for i, (rule, st) in enumerate(plan, 1):
        near = R("near", i).random() < 0.45
        rec, meta = build(i, rule, st, near)
        recs.append(rec)
        metas.append(meta)
    with open(os.path.join(HERE, "letters.jsonl"), "w") as fh:
        for x in recs:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w") as fh:
        for x in metas:
            fh.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote", len(recs))


if __name__ == "__main__":
    main()
