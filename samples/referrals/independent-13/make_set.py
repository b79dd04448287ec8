#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters13".

300 synthetic gastroenterology referral letters labelled by the rules in
/work/shared/clinical/referral-triage-spec.md (first matching rule decides urgency and pathway).

Python 3 standard library only.  Every random choice is drawn from a random.Random seeded with a
sha256 of strings (set name, letter id, purpose), so a rerun gives byte-identical files.

Outputs (next to this file):
  letters.jsonl       id, text, urgency, pathway, rule, style, gp_priority, age
  letters_meta.jsonl  the drawn facts, every evidence string, every distractor with its kind,
                      neutral mentions of trigger words (form titles, the GP's request), noise log
"""
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SET = "letters13"


def R(*parts):
    h = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


# --------------------------------------------------------------------------------------------
# Labels and rules (spec)
# --------------------------------------------------------------------------------------------
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

RULE_COUNTS = [("U1", 14), ("U2", 7), ("U3", 17), ("U4", 15), ("U5", 10), ("U6", 6), ("U7", 8),
               ("U8", 13), ("R1", 20), ("R2", 13), ("R3", 12), ("O1", 14), ("O2", 14), ("O3", 14),
               ("O4", 14), ("O5", 20), ("A1", 18), ("O6", 22), ("A2", 16), ("A3", 12), ("D", 21)]

SYMPTOM_TOPICS = ["dysphagia", "weight_loss", "pain", "bloating", "cibh", "rectal_bleeding",
                  "bloody_diarrhoea", "reflux", "dyspepsia", "haematemesis", "jaundice",
                  "abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer", "ascites", "confusion"]


def base_facts(sex, age):
    return dict(sex=sex, age=age, dysphagia=False, rectal_mass=False, anal_mass=False,
                anal_ulcer=False, abdominal_mass=False, jaundice=False, weight_loss=False,
                pain=None, bloating=False, cibh=False, rectal_bleeding=False,
                bloody_diarrhoea=False, reflux=False, dyspepsia=False, ppi_weeks=None,
                haematemesis=False, cirrhosis=False, ascites=False, confusion=False,
                known_ibd=None, ibd_stable=False, ibd_question=None, fh_crc=None, other=[],
                hb=None, ferritin=None, fit=None, calprotectin=None, alt=None, ttg=None,
                bilirubin=None, fatty_liver=False)


def anaemic(f):
    return f["hb"] is not None and f["hb"] < (130 if f["sex"] == "M" else 120)


def iron_deficient(f):
    return f["ferritin"] is not None and f["ferritin"] < 30


READINGS = ["unspec_is_upper", "upper_is_abdo", "upper_is_dysp", "reflux_is_dysp", "bd_is_rb",
            "bili_is_jaundice", "a1_strict", "uncertain_on"]
UNCERTAIN_TOPICS = ("dysphagia", "jaundice", "weight_loss", "rectal_bleeding", "abdominal_mass",
                    "haematemesis")


def first_rule(f0, rd, uncertain=()):
    """The spec's rule table under one reading of its loose words (rd)."""
    f = dict(f0)
    if rd["uncertain_on"]:
        for t in uncertain:
            f[t] = True
    age = f["age"]
    ida = anaemic(f) and iron_deficient(f)
    pain = f["pain"]
    upper_pain = pain == "upper" or (pain == "unspec" and rd["unspec_is_upper"])
    abdo_pain = pain is not None and (pain != "upper" or rd["upper_is_abdo"])
    dysp = f["dyspepsia"] or (pain == "upper" and rd["upper_is_dysp"])
    ppi_dysp = dysp or (f["reflux"] and rd["reflux_is_dysp"])
    rb = f["rectal_bleeding"] or (f["bloody_diarrhoea"] and rd["bd_is_rb"])
    cibh = f["cibh"] or (f["bloody_diarrhoea"] and rd["bd_is_rb"])
    jaund = f["jaundice"] or (rd["bili_is_jaundice"] and f["bilirubin"] is not None
                              and f["bilirubin"] > 20)
    fit, cal, alt = f["fit"], f["calprotectin"], f["alt"]
    trd = ppi_dysp and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4
    ttg_raised = f["ttg"] is not None and f["ttg"] >= 7
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and f["weight_loss"] and (upper_pain or f["reflux"] or dysp):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and jaund:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and f["weight_loss"] and abdo_pain)
                        or (age >= 60 and cibh)):
        return "U8"
    if f["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["ibd_question"]:
        return "O3"
    if ttg_raised:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    a1_sx = abdo_pain or f["bloating"] or cibh
    a1_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if rd["a1_strict"]:
        other = (f["dysphagia"] or f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]
                 or anaemic(f) or iron_deficient(f) or f["weight_loss"] or f["abdominal_mass"]
                 or jaund or rb or f["bloody_diarrhoea"] or f["cirrhosis"] or f["ascites"]
                 or f["confusion"] or f["haematemesis"] or dysp or f["reflux"]
                 or f["known_ibd"] or ttg_raised or (alt is not None and alt >= 40)
                 or f["fatty_liver"] or (cal is not None and cal >= 100)
                 or (fit is not None and fit >= 10))
    else:
        other = False
    if age < 50 and a1_sx and a1_test and not other:
        return "A1"
    if (rb or cibh or abdo_pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (dysp or f["reflux"]):
        return "A2"
    symptomatic = any(bool(f[t]) for t in SYMPTOM_TOPICS) or bool(f["other"])
    if f["fh_crc"] and not symptomatic:
        return "A3"
    return "D"


def all_readings(f, uncertain=()):
    out = set()
    for combo in itertools.product([False, True], repeat=len(READINGS)):
        rd = dict(zip(READINGS, combo))
        out.add(first_rule(f, rd, uncertain))
    return out


def sane(f):
    """Scenario constraints that keep every letter clear under the spec."""
    if f["jaundice"] and f["age"] < 40:
        return False           # would fall to D; hepatology reading possible
    if f["bilirubin"] is not None and f["bilirubin"] > 20 and not f["jaundice"]:
        return False
    if f["ascites"] or f["confusion"]:
        if not f["cirrhosis"]:
            return False
    if f["ibd_stable"] and not f["known_ibd"]:
        return False
    if f["ppi_weeks"] is not None and not (f["dyspepsia"] or f["reflux"]):
        return False
    return True


def decide(f, uncertain=()):
    if not sane(f):
        return None
    rs = all_readings(f, uncertain)
    if len(rs) != 1:
        return None
    return rs.pop()


# --------------------------------------------------------------------------------------------
# Scenario drafts per target rule
# --------------------------------------------------------------------------------------------
def set_ida(f, rng, boundary=False):
    if f["sex"] == "M":
        f["hb"] = 129 if boundary and rng.random() < .5 else rng.randint(82, 128)
    else:
        f["hb"] = 119 if boundary and rng.random() < .5 else rng.randint(78, 118)
    f["ferritin"] = 29 if boundary and rng.random() < .5 else rng.randint(3, 26)


def set_normal_bloods(f, rng, ferritin=True):
    f["hb"] = rng.randint(131, 168) if f["sex"] == "M" else rng.randint(121, 152)
    if ferritin and rng.random() < .6:
        f["ferritin"] = rng.randint(35, 260)


def neg_fit(rng):
    return rng.choice([0, 0, 0, 2, 3, 5, 6, 7, 8, 9])


def pos_fit(rng, boundary=False):
    if boundary:
        return rng.choice([10, 11])
    return rng.choice([14, 18, 23, 31, 46, 58, 74, 96, 128, 150, 212, 340, 400, 450])


def draft(rule, rng):
    sex = rng.choice("MF")
    r = rng.random
    if rule == "U1":
        age = rng.choice([rng.randint(24, 54), rng.randint(55, 92), rng.randint(55, 92)])
        f = base_facts(sex, age)
        f["dysphagia"] = True
        if r() < .5:
            f["weight_loss"] = True
        if r() < .4:
            f["reflux"] = True
        if r() < .2:
            set_ida(f, rng)
        elif r() < .4:
            set_normal_bloods(f, rng)
        if r() < .2:
            f["other"] = ["nausea"]
    elif rule == "U2":
        f = base_facts(sex, rng.randint(36, 90))
        f[rng.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])] = True
        if r() < .6:
            f["rectal_bleeding"] = True
        if r() < .3:
            f["cibh"] = True
        if r() < .25:
            f["fit"] = pos_fit(rng)
        if r() < .15:
            set_ida(f, rng)
    elif rule == "U3":
        f = base_facts(sex, rng.choice([rng.randint(30, 44), rng.randint(45, 88),
                                        rng.randint(45, 88)]))
        f["fit"] = pos_fit(rng, boundary=r() < .15)
        for k, p in (("rectal_bleeding", .45), ("cibh", .5), ("bloating", .15), ("weight_loss", .2)):
            if r() < p:
                f[k] = True
        if r() < .3:
            f["pain"] = "lower"
        if r() < .15:
            set_ida(f, rng)
        elif r() < .4:
            set_normal_bloods(f, rng)
        if r() < .15:
            f["calprotectin"] = rng.choice([35, 60, 180, 420])
    elif rule == "U4":
        f = base_facts(sex, rng.randint(18, 90))
        set_ida(f, rng, boundary=r() < .3)
        if r() < .35:
            f["fit"] = neg_fit(rng)
        if r() < .2:
            f["cibh"] = True
        if r() < .15:
            f["reflux"] = True
        if r() < .5:
            f["other"] = [rng.choice(["fatigue", "breathlessness"])]
    elif rule == "U5":
        f = base_facts(sex, rng.randint(55, 92) if r() < .85 else 55)
        f["weight_loss"] = True
        opts = rng.sample(["upper", "reflux", "dyspepsia"], rng.randint(1, 2))
        if "upper" in opts:
            f["pain"] = "upper"
        if "reflux" in opts:
            f["reflux"] = True
        if "dyspepsia" in opts:
            f["dyspepsia"] = True
            if r() < .4:
                f["ppi_weeks"] = rng.choice([4, 6, 8, 12])
        if r() < .2:
            f["fit"] = neg_fit(rng)
        if r() < .3:
            set_normal_bloods(f, rng)
        if r() < .2:
            f["other"] = ["nausea"]
    elif rule == "U6":
        f = base_facts(sex, rng.randint(30, 90))
        f["abdominal_mass"] = True
        if r() < .4:
            f["pain"] = "lower"
        if r() < .3:
            f["cibh"] = True
        if r() < .3:
            set_normal_bloods(f, rng)
        if r() < .2:
            f["fit"] = neg_fit(rng)
    elif rule == "U7":
        f = base_facts(sex, rng.randint(40, 92) if r() < .85 else 40)
        f["jaundice"] = True
        if r() < .7:
            f["bilirubin"] = rng.randint(38, 260)
        if r() < .5:
            f["alt"] = rng.choice([rng.randint(45, 290), rng.randint(310, 900)])
        if r() < .3:
            f["weight_loss"] = True
        if r() < .3:
            f["other"] = ["itch"]
    elif rule == "U8":
        br = rng.choice(["rb", "rb", "wl", "cibh", "cibh"])
        if br == "rb":
            f = base_facts(sex, rng.randint(50, 90) if r() < .85 else 50)
            f["rectal_bleeding"] = True
            if r() < .3:
                f["cibh"] = True
            if r() < .2:
                f["bloating"] = True
        elif br == "wl":
            f = base_facts(sex, rng.randint(40, 88) if r() < .85 else 40)
            f["weight_loss"] = True
            f["pain"] = "lower" if f["age"] >= 55 or r() < .5 else "unspec"
        else:
            f = base_facts(sex, rng.randint(60, 92) if r() < .85 else 60)
            f["cibh"] = True
            if r() < .3:
                f["pain"] = "lower"
            if r() < .2:
                f["calprotectin"] = rng.choice([320, 540, 880])
        if r() < .4:
            set_normal_bloods(f, rng)
    elif rule == "R1":
        if r() < .6:
            young = r() < .5
            f = base_facts(sex, rng.randint(18, 49) if young else rng.randint(50, 80))
            f["bloody_diarrhoea"] = True
            if not young:
                f["fit"] = neg_fit(rng)
            if r() < .3:
                f["known_ibd"] = rng.choice(["UC", "Crohn's"])
            if r() < .35:
                f["calprotectin"] = rng.choice([250, 410, 760, 1200, 1800])
            if r() < .3 and f["age"] < 40:
                f["pain"] = "lower"
        else:
            young = r() < .6
            f = base_facts(sex, rng.randint(18, 59) if young else rng.randint(60, 80))
            f["calprotectin"] = 250 if r() < .15 else rng.choice([280, 350, 460, 620, 900, 1500])
            f["cibh"] = True
            if r() < .4 and f["age"] < 40:
                f["pain"] = "lower"
            if not young or r() < .3:
                f["fit"] = neg_fit(rng)
            if r() < .2:
                f["known_ibd"] = "Crohn's"
        if r() < .3:
            set_normal_bloods(f, rng)
    elif rule == "R2":
        if r() < .5:
            f = base_facts(sex, rng.randint(40, 85))
            f["cirrhosis"] = True
            k = rng.choice(["ascites", "confusion", "both"])
            f["ascites"] = k in ("ascites", "both")
            f["confusion"] = k in ("confusion", "both")
            if r() < .5:
                f["alt"] = rng.choice([28, 35, 52, 88])
        else:
            f = base_facts(sex, rng.randint(18, 80))
            f["alt"] = 300 if r() < .2 else rng.randint(320, 1400)
            if r() < .3:
                f["fatty_liver"] = True
            if r() < .4:
                f["other"] = [rng.choice(["fatigue", "nausea"])]
    elif rule == "R3":
        f = base_facts(sex, rng.randint(18, 85))
        f["haematemesis"] = True
        if r() < .4:
            f["dyspepsia" if r() < .5 else "reflux"] = True
        if r() < .5:
            set_normal_bloods(f, rng, ferritin=False)
        if r() < .2:
            f["alt"] = rng.choice([22, 31, 64])
    elif rule == "O1":
        f = base_facts(sex, rng.randint(55, 90) if r() < .85 else 55)
        f["dyspepsia"] = True
        f["ppi_weeks"] = 4 if r() < .2 else rng.choice([6, 8, 8, 12, 16])
        if r() < .3:
            f["reflux"] = True
        if r() < .5:
            set_normal_bloods(f, rng)
        if r() < .1:
            f["fh_crc"] = True
    elif rule == "O2":
        f = base_facts(sex, rng.randint(18, 59) if r() < .8 else rng.randint(60, 78))
        f["calprotectin"] = rng.choice([100, 249]) if r() < .2 else rng.randint(110, 240)
        sx = rng.sample(["cibh", "pain", "bloating"], rng.randint(1, 2))
        for s in sx:
            if s == "pain":
                f["pain"] = rng.choice(["lower", "unspec"])
            else:
                f[s] = True
        if f["age"] >= 60 or r() < .3:
            f["fit"] = neg_fit(rng)
        if r() < .3:
            set_normal_bloods(f, rng)
    elif rule == "O3":
        f = base_facts(sex, rng.randint(20, 75))
        f["known_ibd"] = rng.choice(["UC", "UC", "Crohn's"])
        f["ibd_stable"] = True
        f["ibd_question"] = True
        if r() < .3:
            f["calprotectin"] = rng.choice([18, 32, 45, 70])
        if r() < .4:
            set_normal_bloods(f, rng)
    elif rule == "O4":
        f = base_facts(sex, rng.randint(18, 75))
        f["ttg"] = rng.choice([18, 26, 45, 80, 128, 200])
        for k, p in (("bloating", .5), ("cibh", .35)):
            if r() < p:
                f[k] = True
        if r() < .5:
            f["other"] = ["fatigue"]
        if r() < .25:    # iron deficiency without anaemia
            f["hb"] = rng.randint(132, 150) if sex == "M" else rng.randint(121, 140)
            f["ferritin"] = rng.randint(6, 25)
        elif r() < .3:
            set_normal_bloods(f, rng)
        if f["cibh"] and f["age"] >= 60:
            f["fit"] = neg_fit(rng)
    elif rule == "O5":
        f = base_facts(sex, rng.randint(25, 80))
        k = rng.choice(["alt", "alt", "fatty", "both"])
        if k in ("alt", "both"):
            f["alt"] = rng.choice([40, 299]) if r() < .2 else rng.randint(42, 260)
        if k in ("fatty", "both"):
            f["fatty_liver"] = True
            if k == "fatty" and r() < .5:
                f["alt"] = rng.randint(14, 38)
        if r() < .25:
            f["bloating"] = True
        if r() < .2:
            f["other"] = ["fatigue"]
        if r() < .4:
            set_normal_bloods(f, rng)
    elif rule == "A1":
        f = base_facts(sex, rng.randint(18, 49) if r() < .85 else 49)
        sx = rng.sample(["pain", "bloating", "cibh"], rng.randint(1, 3))
        for s in sx:
            if s == "pain":
                f["pain"] = rng.choice(["lower", "unspec"])
            else:
                f[s] = True
        t = rng.random()
        if t < .5:
            f["fit"] = neg_fit(rng)
        elif t < .8:
            f["calprotectin"] = rng.choice([12, 20, 28, 35, 47, 56, 64, 80, 99])
        else:
            f["fit"] = neg_fit(rng)
            f["calprotectin"] = rng.choice([15, 30, 42, 76])
        if r() < .4:
            set_normal_bloods(f, rng)
    elif rule == "O6":
        if r() < .75:
            f = base_facts(sex, rng.randint(50, 90) if r() < .85 else 50)
            sx = rng.sample(["rectal_bleeding", "cibh", "pain"], rng.randint(1, 2))
            for s in sx:
                if s == "pain":
                    f["pain"] = rng.choice(["lower", "unspec"])
                else:
                    f[s] = True
            if r() < .2:
                f["bloating"] = True
            if r() < .15 and f["age"] < 55:
                f["reflux"] = True
            if r() < .15:   # anaemia without iron deficiency
                f["hb"] = rng.randint(100, 128) if sex == "M" else rng.randint(98, 118)
                f["ferritin"] = rng.randint(45, 300)
        else:
            f = base_facts(sex, rng.randint(18, 49) if r() < .8 else 49)
            f["rectal_bleeding"] = True
        f["fit"] = neg_fit(rng)
        if f["hb"] is None and r() < .4:
            set_normal_bloods(f, rng)
    elif rule == "A2":
        f = base_facts(sex, rng.randint(18, 54) if r() < .85 else 54)
        k = rng.choice(["reflux", "dyspepsia", "both"])
        f["reflux"] = k in ("reflux", "both")
        f["dyspepsia"] = k in ("dyspepsia", "both")
        if r() < .35:
            f["ppi_weeks"] = rng.choice([2, 4, 8, 12])
        if r() < .2:
            f["pain"] = "upper"
        if r() < .3:
            set_normal_bloods(f, rng)
    elif rule == "A3":
        f = base_facts(sex, rng.randint(25, 70))
        f["fh_crc"] = True
        if r() < .4:
            set_normal_bloods(f, rng)
    elif rule == "D":
        sc = rng.choice(["idnoanaemia", "anaemianoid", "cibh50s", "rb40s", "youngnotest",
                         "olddysp", "oldreflux", "nausea", "wlalone", "cibh50s"])
        if sc == "idnoanaemia":
            f = base_facts(sex, rng.randint(18, 80))
            f["hb"] = rng.randint(130, 150) if sex == "M" else rng.randint(120, 140)
            f["ferritin"] = rng.randint(5, 25)
            f["other"] = ["fatigue"]
        elif sc == "anaemianoid":
            f = base_facts(sex, rng.randint(18, 85))
            f["hb"] = rng.randint(100, 129) if sex == "M" else rng.randint(96, 119)
            f["ferritin"] = rng.choice([30, rng.randint(40, 320)])
            f["other"] = ["fatigue"]
        elif sc == "cibh50s":
            f = base_facts(sex, rng.randint(50, 59))
            f["cibh"] = True
            if r() < .4:
                f["bloating"] = True
        elif sc == "rb40s":
            f = base_facts(sex, rng.randint(40, 49))
            f["rectal_bleeding"] = True
        elif sc == "youngnotest":
            f = base_facts(sex, rng.randint(18, 49))
            f["pain"] = rng.choice(["lower", "unspec"])
            if r() < .5:
                f["bloating"] = True
        elif sc == "olddysp":
            f = base_facts(sex, rng.randint(55, 85))
            f["dyspepsia"] = True
            if r() < .6:
                f["ppi_weeks"] = rng.choice([1, 2, 3])
        elif sc == "oldreflux":
            f = base_facts(sex, rng.randint(55, 85))
            f["reflux"] = True
        elif sc == "nausea":
            f = base_facts(sex, rng.randint(18, 80))
            f["other"] = ["nausea"]
        else:
            f = base_facts(sex, rng.randint(55, 88))
            f["weight_loss"] = True
        if f["hb"] is None and r() < .4:
            set_normal_bloods(f, rng)
    else:
        raise ValueError(rule)
    # optional family history of colorectal cancer in symptomatic letters
    if rule not in ("A1", "A3", "D") and f["fh_crc"] is None and r() < .1:
        f["fh_crc"] = True
    return f


def build_facts(rule, lid):
    rng = R(SET, lid, "facts")
    for _ in range(2000):
        f = draft(rule, rng)
        if decide(f) == rule:
            return f
    raise RuntimeError("no scenario for %s %s" % (lid, rule))


def enrich(f, rule, lid):
    """Add extra normal results (distractor values) without changing the label."""
    rng = R(SET, lid, "enrich")
    g = dict(f)
    g["other"] = list(f["other"])
    if g["ttg"] is None and rng.random() < .15:
        g["ttg"] = 0
    if g["alt"] is None and rng.random() < .3:
        g["alt"] = rng.randint(12, 36)
    if g["alt"] is not None and g["bilirubin"] is None and not g["jaundice"] and rng.random() < .3:
        g["bilirubin"] = rng.randint(5, 18)
    if not g["fatty_liver"] and rule not in ("A3",) and rng.random() < .08:
        g["uss_normal"] = True
    else:
        g["uss_normal"] = False
    if decide(g) == rule:
        return g
    f = dict(f)
    f["uss_normal"] = False
    return f


# --------------------------------------------------------------------------------------------
# Demographics
# --------------------------------------------------------------------------------------------
MALE = ["James", "Robert", "David", "Peter", "Michael", "Stephen", "Gareth", "Alan", "Ian",
        "Mohammed", "Imran", "Tomasz", "Andrew", "Colin", "Graham", "Kevin", "Rhys", "Dylan",
        "Samuel", "Oliver", "Liam", "Callum", "Arjun", "Kwame", "Declan", "Barry", "Neil", "Trevor"]
FEMALE = ["Margaret", "Susan", "Patricia", "Linda", "Karen", "Joanne", "Sian", "Bethan", "Fiona",
          "Aisha", "Fatima", "Agnieszka", "Helen", "Claire", "Deborah", "Sandra", "Eilidh",
          "Niamh", "Chloe", "Emily", "Priya", "Grace", "Maureen", "Shirley", "Lauren", "Hannah",
          "Amina", "Rachel"]
SURN = ["Hughes", "Roberts", "Evans", "Thomas", "Macdonald", "Campbell", "Stewart", "O'Neill",
        "Kelly", "Begum", "Khan", "Ahmed", "Kowalski", "Nowak", "Smith", "Jones", "Taylor",
        "Brown", "Wilson", "Wright", "Walker", "Patel", "Shah", "Mensah", "Okafor", "Murphy",
        "Doherty", "Fraser", "Lloyd", "Price", "Morgan", "Harrison", "Clarke", "Turner", "Bailey"]
GPS = ["Dr A. Okonjo", "Dr R. Lewis", "Dr S. Chaudhry", "Dr H. McKenzie", "Dr P. Lindqvist",
       "Dr E. Gallagher", "Dr J. Oduya", "Dr C. Brennan", "Dr M. Rahman", "Dr T. Griffiths",
       "Dr L. Fenwick", "Dr K. Adeyemi", "Dr N. Sandhu", "Dr F. Moreau", "Dr G. Ellison"]
PRACTICES = ["Riverside Medical Practice", "Castle Street Surgery", "Meadowbank Health Centre",
             "The Old Forge Surgery", "Hillview Group Practice", "Harbour Lane Medical Centre",
             "Station Road Surgery", "Oakwood Family Practice", "Millbrook Health Centre",
             "St Brannock's Surgery", "Westgate Medical Group", "Elm Tree Surgery"]
HOSPITALS = ["Northgate General Hospital", "St Aidan's Hospital", "Riverside University Hospital",
             "Fairfield District Hospital", "Kingsmead Hospital", "Westmoor General Hospital"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def fmt_date(d, style):
    if style == "slash":
        return "%02d/%02d/%04d" % (d.day, d.month, d.year)
    if style == "dot":
        return "%02d.%02d.%04d" % (d.day, d.month, d.year)
    if style == "dashmon":
        return "%02d-%s-%04d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "long":
        return "%d %s %04d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "short":
        return "%d %s %04d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "iso":
        return "%04d-%02d-%02d" % (d.year, d.month, d.day)
    raise ValueError(style)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def shift_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def pick_dob(rng, age, ld, boundary=None):
    hi = shift_years(ld, -age)                                   # birthday today
    lo = shift_years(ld, -age - 1) + dt.timedelta(days=1)        # birthday tomorrow
    if boundary == "today":
        dob = hi
    elif boundary == "tomorrow":
        dob = lo
    else:
        dob = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
    if dob.month == 2 and dob.day == 29:
        dob = dob - dt.timedelta(days=1)
    assert age_on(dob, ld) == age, (dob, ld, age)
    return dob


def mod11_number(rng, first=None):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if first is not None:
            d[0] = first
        if d[0] == 0:
            continue
        s = sum(d[i] * (10 - i) for i in range(9))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def chi_number(rng, dob, sex):
    while True:
        d = [int(ch) for ch in "%02d%02d%02d" % (dob.day, dob.month, dob.year % 100)]
        d += [rng.randint(0, 9), rng.randint(0, 9)]
        g = rng.randint(0, 9)
        if (g % 2 == 1) != (sex == "M"):
            g = (g + 1) % 10
        d.append(g)
        s = sum(d[i] * (10 - i) for i in range(9))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        return "".join(map(str, d + [c]))


def spaced(n):
    return "%s %s %s" % (n[:3], n[3:6], n[6:])


NUMW = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENW = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty",
        9: "ninety"}


def words(n):
    if n < 20:
        return NUMW[n]
    t, o = divmod(n, 10)
    return TENW[t] + ("-" + NUMW[o] if o else "")


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def join_and(items, conj="and"):
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2 and " and " in items[0]:
        return items[0] + ", as well as " + items[1]
    return ", ".join(items[:-1]) + " %s " % conj + items[-1]


DUR = ["4 weeks", "6 weeks", "8 weeks", "10 weeks", "2 months", "3 months", "4 months",
       "5 months", "6 months", "12 weeks"]
SHORT = ["10 days", "2 weeks", "12 days", "3 weeks", "a fortnight"]
RELS = ["father", "mother", "brother", "sister"]

# lab reference ranges kept consistent with the spec thresholds
HB_RANGE = {"M": (130, 170), "F": (120, 150)}


class Ctx:
    """Rendering context for one letter: holds the facts, the registries of evidence strings,
    distractor strings and neutral trigger-word mentions."""

    def __init__(self, case):
        self.case = case
        self.f = case["facts"]
        self.id = case["id"]
        self.rng = R(SET, self.id, "render")
        self.ev = {}
        self.dis = []
        self.neu = []
        self.noise = case["noise"]
        self.noise_log = []
        sex = self.f["sex"]
        if sex == "M":
            self.P, self.p, self.pos, self.obj = "He", "he", "his", "him"
        else:
            self.P, self.p, self.pos, self.obj = "She", "she", "her", "her"
        d = R(SET, self.id, "demo")
        self.first = d.choice(MALE if sex == "M" else FEMALE)
        self.surname = d.choice(SURN)
        self.title = "Mr" if sex == "M" else d.choice(["Mrs", "Ms", "Miss", "Mrs"])
        self.name = "%s %s" % (self.first, self.surname)
        self.ld = case["letter_date"]
        self.dob = case["dob"]
        self.datefmt = d.choice(["slash", "slash", "dot", "dashmon", "long", "short", "iso"])
        self.dobfmt = d.choice(["slash", "slash", "dot", "dashmon", "long", "short"])
        self.date_s = fmt_date(self.ld, self.datefmt)
        self.dob_s = fmt_date(self.dob, self.dobfmt)
        self.nhs = mod11_number(d)
        self.gp = d.choice(GPS)
        self.practice = d.choice(PRACTICES)
        self.pcode = "%s%05d" % (d.choice("ABCFGHJKLMNPY"), d.randint(10000, 99999))
        self.hosp = d.choice(HOSPITALS)
        self.sexletter = sex
        self.age_mode = case["age_mode"]
        self.age_ev = []
        self.ibd_year = self.ld.year - d.randint(2, max(2, min(15, self.f["age"] - 14)))
        self._meds = None
        self.rendered_d = set()
        self.extra_dis_topics = set()

    # ---- small helpers ----
    def ch(self, seq):
        return self.rng.choice(seq)

    def dur(self):
        return self.ch(DUR)

    def reg(self, topic, s):
        lst = self.ev.setdefault(topic, [])
        if s not in lst:
            lst.append(s)
        return s

    def dz(self, kind, topics, s):
        item = {"kind": kind, "topics": list(topics), "text": s}
        if item not in self.dis:
            self.dis.append(item)
        return s

    def nz(self, s):
        if s not in self.neu:
            self.neu.append(s)
        return s

    def fill(self, s):
        """Filler text (no clinical fact).  Noise only ever touches strings passed here."""
        if not self.noise or self.rng.random() > .55:
            return s
        toks = s.split(" ")
        cand = [i for i, t in enumerate(toks) if len(t) >= 5 and t.isalpha()]
        if not cand:
            return s
        i = self.ch(cand)
        w = toks[i]
        kind = self.ch(["swap", "drop", "ocr", "ocr", "split"])
        if kind == "swap":
            j = self.rng.randint(1, len(w) - 3)
            nw = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif kind == "drop":
            j = self.rng.randint(1, len(w) - 2)
            nw = w[:j] + w[j + 1:]
        elif kind == "split":
            j = self.rng.randint(2, len(w) - 2)
            nw = w[:j] + " " + w[j:]
        else:
            if "l" in w[1:]:
                nw = w[0] + w[1:].replace("l", "1", 1)
            elif "rn" in w:
                nw = w.replace("rn", "m", 1)
            elif "m" in w[1:]:
                nw = w[0] + w[1:].replace("m", "rn", 1)
            elif "o" in w[1:]:
                nw = w[0] + w[1:].replace("o", "0", 1)
            else:
                nw = w[0] + w[1:].replace("e", "c", 1)
        if nw == w:
            return s
        toks[i] = nw
        out = " ".join(toks)
        self.noise_log.append([s, out])
        return out

    def sexword(self):
        if self.f["sex"] == "M":
            return self.ch(["man", "gentleman", "man"])
        return self.ch(["woman", "lady", "woman"])

    def age_text(self, forms=None):
        """The age as written; '' when the letter gives it only via DOB and letter date."""
        a = self.f["age"]
        if self.age_mode == "dob_only":
            return ""
        if forms is None or self.age_mode in forms:
            mode = self.age_mode
        else:
            mode = self.ch(forms)
        s = {"yo": "%d-year-old" % a, "aged": "aged %d" % a, "yo2": "%d yo" % a,
             "yrs": "%d yrs" % a, "words": "%s-year-old" % words(a), "field": "%d years" % a,
             "MF": "%d%s" % (a, self.sexletter), "y/o": "%dy/o" % a}[mode]
        if s not in self.age_ev:
            self.age_ev.append(s)
        return s

    def age_cap(self):
        a = self.age_words()
        if a and cap(a) != a:
            self.age_ev.remove(a)
            a = cap(a)
            self.age_ev.append(a)
        return a

    def age_words(self):
        """Age phrase usable before 'man/woman', or '' (DOB-only)."""
        a = self.age_text(["yo", "words"]) if self.age_mode != "dob_only" else ""
        return a

    # ---- symptoms ----
    def n_months(self):
        return self.rng.randint(2, 6)

    def sym(self, topic, reg="prose", c=False):
        f, ch, P, p, pos, obj = self.f, self.ch, self.P, self.p, self.pos, self.obj
        d = self.dur()
        m = self.n_months()
        topics = [topic]
        if topic == "dysphagia":
            bank = {"prose": ["difficulty swallowing solids for %s" % d,
                              "progressive dysphagia to solids over the last %s" % d,
                              "food sticking behind the breastbone on swallowing (dysphagia) for %s" % d,
                              "new dysphagia - %s now has to wash food down with water" % p,
                              "dysphagia to solids, and more recently to soft food, for %s" % d],
                    "abbr": ["dysphagia x%d/12" % m, "c/o dysphagia %s" % d, "dysphagia (solids)"],
                    "lay": ["food gets stuck when I swallow", "I struggle to swallow bread and meat"],
                    "carer": ["%s has been struggling to swallow %s food" % (p, pos),
                              "food keeps getting stuck when %s swallows" % p]}
        elif topic == "weight_loss":
            k = self.rng.randint(5, 12)
            w1 = self.rng.randint(600, 980) / 10.0
            d1 = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(90, 200)), "slash")
            d2 = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(0, 10)), "slash")
            bank = {"prose": ["unintentional weight loss of %d kg over %s" % (k, d),
                              "a fall in weight from %.1f kg (%s) to %.1f kg (%s) without trying to lose weight" % (w1, d1, w1 - k, d2),
                              "unexplained weight loss of about %s over %s" % (ch(["a stone", "a stone and a half", "two stone"]), d),
                              "%d kg weight loss in %s without trying" % (k, d)],
                    "abbr": ["wt loss %dkg/%d/12, not dieting" % (k, m), "unintentional wt loss %dkg" % k],
                    "lay": ["I have lost nearly a stone without trying",
                            "I have lost weight without trying - my clothes are loose"],
                    "carer": ["%s has lost a lot of weight without trying" % p,
                              "%s clothes are hanging off %s - %s has lost weight without trying" % (pos, obj, p)]}
        elif topic == "rectal_bleeding":
            bank = {"prose": ["intermittent bright red rectal bleeding for %s" % d,
                              "rectal bleeding on most days for %s, mixed in with the stool" % d,
                              "fresh red blood per rectum on and off for %s" % d,
                              "blood in the stool for %s" % d],
                    "abbr": ["PR bleeding %d/12" % m, "PR bleed x%d/12" % m, "fresh PR bleeding"],
                    "lay": ["blood in my poo", "blood in the toilet bowl after I open my bowels"],
                    "carer": ["%s has been passing blood from the back passage" % p]}
        elif topic == "cibh":
            bank = {"prose": ["change in bowel habit to looser, more frequent stools for %s" % d,
                              "a persistent change in bowel habit over %s, now opening %s bowels %d times a day with looser stool" % (d, pos, self.rng.randint(3, 5)),
                              "altered bowel habit (looser stools) for %s" % d],
                    "abbr": ["CIBH (looser) %d/12" % m, "CIBH x%d/12 - loose" % m],
                    "lay": ["my bowels have changed - runny and more often than before"],
                    "carer": ["%s bowels have changed - %s is going more often and it is looser" % (pos, p)]}
        elif topic == "pain":
            loc = f["pain"]
            if loc == "upper":
                bank = {"prose": ["epigastric pain for %s" % d, "upper abdominal pain, worse after eating, for %s" % d,
                                  "burning epigastric pain over %s" % d],
                        "abbr": ["epigastric pain %d/12" % m, "upper abdo pain"],
                        "lay": ["pain at the top of my tummy"],
                        "carer": ["%s keeps getting pain at the top of %s tummy" % (p, pos)]}
            elif loc == "lower":
                bank = {"prose": ["lower abdominal pain for %s" % d, "crampy left iliac fossa pain for %s" % d,
                                  "colicky lower abdominal pain on and off for %s" % d],
                        "abbr": ["LIF pain %d/12" % m, "lower abdo pain"],
                        "lay": ["pains low down in my tummy"],
                        "carer": ["%s gets pains low down in %s tummy" % (p, pos)]}
            else:
                bank = {"prose": ["abdominal pain for %s" % d, "intermittent crampy abdominal pain for %s" % d,
                                  "recurrent abdominal pains over %s" % d],
                        "abbr": ["abdo pain %d/12" % m, "abdo pain"],
                        "lay": ["tummy pains"],
                        "carer": ["%s keeps getting tummy pains" % p]}
        elif topic == "bloating":
            bank = {"prose": ["abdominal bloating, worse by the evening", "bloating most days", "troublesome bloating"],
                    "abbr": ["bloating"], "lay": ["I feel bloated most days"],
                    "carer": ["%s complains of feeling bloated" % p]}
        elif topic == "reflux":
            w = f["ppi_weeks"]
            if w is not None and not f["dyspepsia"]:
                topics = ["reflux", "ppi"]
                bank = {"prose": ["reflux and heartburn despite %d weeks of omeprazole 20 mg" % w,
                                  "troublesome acid reflux, on lansoprazole for %d weeks" % w],
                        "abbr": ["reflux, PPI x%d/52" % w]}
            else:
                bank = {"prose": ["heartburn and acid reflux", "reflux symptoms with heartburn for %s" % d,
                                  "troublesome acid reflux"],
                        "abbr": ["GORD sx", "reflux"], "lay": ["heartburn"],
                        "carer": ["%s gets a lot of heartburn" % p]}
        elif topic == "dyspepsia":
            w = f["ppi_weeks"]
            if w is not None:
                topics = ["dyspepsia", "ppi"]
                if w >= 4:
                    bank = {"prose": ["persistent dyspepsia despite %d weeks of omeprazole 20 mg once daily" % w,
                                      "indigestion that has not settled after %d weeks of lansoprazole 30 mg" % w,
                                      "ongoing dyspepsia after a %d-week trial of a PPI (omeprazole 40 mg od)" % w],
                            "abbr": ["dyspepsia despite PPI x%d/52" % w, "dyspepsia, PPI %d/52 no better" % w]}
                else:
                    wk = "%d week%s" % (w, "" if w == 1 else "s")
                    bank = {"prose": ["indigestion - %s started omeprazole %s ago" % (p, wk),
                                      "dyspepsia, on a PPI for the last %s only" % wk],
                            "abbr": ["dyspepsia, PPI started %d/52 ago" % w]}
            else:
                bank = {"prose": ["dyspepsia", "indigestion for %s" % d, "ongoing dyspeptic symptoms for %s" % d],
                        "abbr": ["dyspepsia"], "lay": ["indigestion"],
                        "carer": ["%s suffers with indigestion" % p]}
        elif topic == "haematemesis":
            n = self.rng.randint(2, 3)
            bank = {"prose": ["%d small-volume episodes of haematemesis over the past week, haemodynamically stable when seen" % n,
                              "vomited fresh red blood twice this week (haematemesis), pulse and BP normal today",
                              "haematemesis on %d occasions in the last %d days, no dizziness" % (n, self.rng.randint(4, 9))],
                    "abbr": ["haematemesis x2 this wk, obs stable"],
                    "lay": ["I was sick and there was fresh blood in it"],
                    "carer": ["%s brought up blood when %s was sick" % (p, p)]}
        elif topic == "jaundice":
            bank = {"prose": ["painless jaundice noticed over the last %d weeks" % self.rng.randint(2, 5),
                              "jaundice developing over %s" % ch(SHORT),
                              "jaundice with yellow sclerae"],
                    "abbr": ["jaundiced", "painless jaundice"],
                    "lay": ["my eyes and skin have gone yellow"],
                    "carer": ["%s skin and eyes have turned yellow" % pos]}
        elif topic == "abdominal_mass":
            bank = {"prose": ["a firm, non-tender mass in the right iliac fossa", "a palpable mass in the left flank",
                              "an irregular mass in the left iliac fossa"],
                    "abbr": ["RIF mass", "palpable L flank mass"]}
        elif topic == "rectal_mass":
            bank = {"prose": ["a hard, irregular rectal mass on digital rectal examination",
                              "a firm mass on the anterior rectal wall on PR"],
                    "abbr": ["PR: rectal mass"]}
        elif topic == "anal_mass":
            bank = {"prose": ["a firm mass at the anal verge", "a hard anal mass"], "abbr": ["anal mass"]}
        elif topic == "anal_ulcer":
            bank = {"prose": ["unexplained anal ulceration", "unexplained ulceration of the anal margin, present for 6 weeks"],
                    "abbr": ["unexplained anal ulceration"]}
        elif topic == "bloody_diarrhoea":
            n = self.rng.randint(4, 10)
            bank = {"prose": ["bloody diarrhoea %d times a day for %s" % (n, ch(SHORT)),
                              "diarrhoea with blood mixed in, up to %d times daily for %s" % (n, ch(SHORT))],
                    "abbr": ["bloody diarrhoea %dx/day" % n],
                    "lay": ["runny poo with blood in it, many times a day"],
                    "carer": ["%s has diarrhoea with blood in it" % p]}
        elif topic == "ascites":
            bank = {"prose": ["new ascites with shifting dullness", "ascites"]}
        elif topic == "confusion":
            bank = {"prose": ["new confusion reported by %s family" % pos, "intermittent confusion this week"]}
        elif topic == "other":
            bank = {"prose": [{"nausea": "intermittent nausea", "fatigue": ch(["tiredness", "fatigue"]),
                               "breathlessness": "breathlessness on exertion",
                               "itch": "generalised itch"}[o] for o in f["other"]]}
            s = join_and(bank["prose"])
            if c:
                s = cap(s)
            return self.reg("other", s)
        else:
            raise ValueError(topic)
        s = ch(bank.get(reg) or bank["prose"])
        if c:
            s = cap(s)
        for t in topics:
            self.reg(t, s)
        return s

    def symptom_topics(self):
        f = self.f
        order = ["dysphagia", "haematemesis", "reflux", "dyspepsia", "pain", "bloating", "cibh",
                 "rectal_bleeding", "bloody_diarrhoea", "weight_loss", "jaundice", "confusion"]
        out = []
        for t in order:
            if (f["pain"] is not None) if t == "pain" else f[t]:
                if t == "reflux" and f["dyspepsia"] and f["ppi_weeks"] is not None:
                    pass
                out.append(t)
        if f["other"]:
            out.append("other")
        return out

    def exam_topics(self):
        return [t for t in ["abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer", "ascites"]
                if self.f[t]]

    def sx_all(self, reg="prose"):
        return [self.sym(t, reg) for t in self.symptom_topics()]

    def exam_all(self, reg="prose"):
        return [self.sym(t, reg) for t in self.exam_topics()]

    def background(self):
        """Sentences about known disease and family history of CRC (registered)."""
        f, ch, P, p, pos, obj = self.f, self.ch, self.P, self.p, self.pos, self.obj
        out = []
        yr = self.ibd_year
        if f["cirrhosis"]:
            s = self.reg("cirrhosis", ch(["known alcohol-related liver cirrhosis",
                                          "cirrhosis (NAFLD-related, diagnosed %d)" % yr,
                                          "known cirrhosis secondary to hepatitis C (treated)"]))
            out.append("%s has %s." % (P, s))
        if f["known_ibd"]:
            if f["known_ibd"] == "UC":
                s = ch(["ulcerative colitis (diagnosed %d)" % yr, "known UC since %d" % yr,
                        "left-sided ulcerative colitis since %d" % yr])
                drug = "mesalazine"
            else:
                s = ch(["Crohn's disease (terminal ileal, diagnosed %d)" % yr, "known Crohn's since %d" % yr])
                drug = "azathioprine"
            self.reg("known_ibd", s)
            if f["ibd_stable"]:
                st = self.reg("ibd_stable", ch(["currently in remission",
                                                "stable with no flares for %d years" % self.rng.randint(2, 6),
                                                "in clinical remission on %s" % drug]))
                out.append("%s has %s, %s." % (P, s, st))
            else:
                out.append("%s has %s." % (P, s))
            if f["ibd_question"]:
                qs = ["I would value advice on whether %s can reduce or stop %s" % (p, drug),
                      "could you advise when %s is due surveillance colonoscopy" % p]
                if drug == "azathioprine":
                    qs += ["is it safe for %s to have the shingles vaccine while on %s?" % (obj, drug),
                           "should %s bloods be monitored more or less often on %s?" % (pos, drug)]
                if f["sex"] == "F" and f["age"] < 45:
                    qs.append("could you advise whether %s is safe to continue as %s is planning a pregnancy" % (drug, p))
                q = self.reg("ibd_question", cap(ch(qs)))
                out.append(q + ("" if q.endswith("?") else "."))
        if f["fh_crc"]:
            rel, a = ch(RELS), self.rng.randint(45, 78)
            s = self.reg("fh_crc", ch(["FHx: %s CRC aged %d" % (rel, a),
                                       "%s %s had bowel cancer diagnosed at %d" % (cap(pos), rel, a),
                                       "Family history of colorectal cancer (%s, aged %d)" % (rel, a)]))
            out.append(s + ".")
        if self.case["rule"] == "A3":
            s = self.reg("asymptomatic", self.ch(["%s has no bowel symptoms and is otherwise well" % P,
                                                  "%s is asymptomatic" % P,
                                                  "Currently asymptomatic - no GI symptoms at all",
                                                  "%s is well, with no symptoms" % P]))
            out.append(s + ".")
        return out

    # ---- values ----
    def val(self, name, form=None):
        f, ch = self.f, self.ch
        v = f[name]
        if name == "hb":
            forms = ["Hb %d g/L" % v, "Hb %d" % v, "haemoglobin %d g/L" % v, "haemoglobin of %d g/L" % v,
                     "Hb %.1f g/dL" % (v / 10.0), "haemoglobin %.1f g/dL" % (v / 10.0)]
            if anaemic(f):
                forms.append("Hb %.1f" % (v / 10.0))
            s = ch(forms)
        elif name == "ferritin":
            forms = ["ferritin %d ug/L" % v, "ferritin %d" % v, "ferritin %d ng/mL" % v,
                     "ferritin %d micrograms/L" % v]
            if v < 30:
                forms.append("ferritin %d ug/L (L)" % v)
            s = ch(forms)
        elif name == "fit":
            if v >= 400 and v != 400:
                s = ch(["FIT: >400", "qFIT >400 ug Hb/g", "FIT >400 ug/g"])
            elif v >= 10:
                s = ch(["FIT %d" % v, "qFIT %d ug Hb/g" % v, "FIT %d ug/g" % v, "FIT positive (%d ug Hb/g)" % v])
            elif v == 0:
                s = ch(["FIT <4", "qFIT <4 ug Hb/g", "FIT negative", "FIT undetectable", "FIT: <4 ug Hb/g"])
            else:
                s = ch(["FIT %d" % v, "qFIT %d ug Hb/g" % v, "FIT %d ug/g (negative)" % v])
        elif name == "calprotectin":
            s = ch(["faecal calprotectin %d" % v, "calprotectin %d ug/g" % v, "FCP %d ug/g" % v,
                    "faecal calprotectin of %d ug/g" % v])
        elif name == "alt":
            s = ch(["ALT %d" % v, "ALT %d U/L" % v, "alanine transaminase %d U/L" % v, "ALT of %d IU/L" % v])
        elif name == "ttg":
            if v >= 7:
                s = ch(["tTG IgA %d U/mL (ref <7)" % v, "coeliac serology positive: tTG %d U/mL" % v,
                        "anti-tTG %d U/mL (normal <7)" % v])
            else:
                s = ch(["tTG negative", "coeliac serology negative", "tTG IgA <1 U/mL (ref <7)"])
        elif name == "bilirubin":
            s = ch(["bilirubin %d umol/L" % v, "bili %d" % v, "bilirubin %d micromol/L" % v])
        elif name == "fatty_liver":
            dd = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(20, 200)), self.datefmt)
            s = ch(["USS abdomen (%s): fatty liver, otherwise unremarkable" % dd,
                    "ultrasound (%s) showed a fatty liver" % dd,
                    "liver ultrasound %s: hepatic steatosis (fatty liver)" % dd])
        elif name == "uss_normal":
            dd = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(20, 200)), self.datefmt)
            s = "USS abdomen (%s): normal liver, gallbladder and pancreas" % dd
            self.dz("normal_value", ["fatty_liver"], s)
            return s
        else:
            raise ValueError(name)
        if form == "cap":
            s = cap(s)
        self.reg(name, s)
        if self.is_normal(name):
            self.dz("normal_value", [name], s)
        return s

    def is_normal(self, name):
        f = self.f
        v = f.get(name)
        if name == "hb":
            return not anaemic(f)
        if name == "ferritin":
            return v >= 30
        if name == "alt":
            return v < 40
        if name == "ttg":
            return v < 7
        if name == "bilirubin":
            return v <= 20
        return False

    VALUE_ORDER = ["hb", "ferritin", "fit", "calprotectin", "alt", "bilirubin", "ttg", "fatty_liver", "uss_normal"]

    def value_names(self):
        f = self.f
        out = []
        for n in self.VALUE_ORDER:
            if n in ("fatty_liver", "uss_normal"):
                if f.get(n):
                    out.append(n)
            elif f[n] is not None:
                out.append(n)
        return out

    def vals_all(self):
        return [self.val(n) for n in self.value_names()]

    # ---- results tables ----
    def lab_rows(self):
        """(name, topic, value_str, unit, range_str, flag) rows for a practice-system table."""
        f, rng = self.f, self.rng
        rows = []
        gdl = rng.random() < .25
        mcv = rng.randint(68, 79) if (anaemic(f) and iron_deficient(f)) else rng.randint(82, 97)
        if f["hb"] is not None:
            lo, hi = HB_RANGE[f["sex"]]
            fl = "L" if anaemic(f) else ""
            if gdl:
                rows.append(("Haemoglobin", "hb", "%.1f" % (f["hb"] / 10.0), "g/dL", "%.1f - %.1f" % (lo / 10.0, hi / 10.0), fl))
            else:
                rows.append(("Haemoglobin", "hb", "%d" % f["hb"], "g/L", "%d - %d" % (lo, hi), fl))
            rows.append(("MCV", None, "%d" % mcv, "fL", "80 - 100", "L" if mcv < 80 else ""))
            rows.append(("Platelets", None, "%d" % rng.randint(170, 390), "10*9/L", "150 - 400", ""))
        if f["ferritin"] is not None:
            rows.append(("Serum ferritin", "ferritin", "%d" % f["ferritin"], "ug/L", "30 - 400", "L" if f["ferritin"] < 30 else ""))
        rows.append(("Sodium", None, "%d" % rng.randint(135, 144), "mmol/L", "133 - 146", ""))
        rows.append(("Creatinine", None, "%d" % rng.randint(55, 98), "umol/L", "45 - 110", ""))
        rows.append(("CRP", None, "%d" % rng.randint(1, 4), "mg/L", "0 - 5", ""))
        if f["alt"] is not None:
            rows.append(("ALT", "alt", "%d" % f["alt"], "U/L", "<40", "H" if f["alt"] >= 40 else ""))
        if f["bilirubin"] is not None:
            rows.append(("Bilirubin", "bilirubin", "%d" % f["bilirubin"], "umol/L", "<21", "H" if f["bilirubin"] > 20 else ""))
        if f["ttg"] is not None:
            rows.append(("tTG IgA", "ttg", "%d" % f["ttg"] if f["ttg"] >= 7 else "<1", "U/mL", "<7", "H" if f["ttg"] >= 7 else ""))
        if f["calprotectin"] is not None:
            rows.append(("Faecal calprotectin", "calprotectin", "%d" % f["calprotectin"], "ug/g", "<50", "H" if f["calprotectin"] >= 50 else ""))
        if f["fit"] is not None:
            v = f["fit"]
            vs = "<4" if v == 0 else (">400" if v > 400 else "%d" % v)
            rows.append(("FIT (faecal haemoglobin)", "fit", vs, "ug Hb/g", "<10", "H" if v >= 10 else ""))
        return rows

    def results_table(self, system):
        rows = self.lab_rows()
        d = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(3, 30)), self.datefmt)
        out = []
        if system == "emis":
            out.append("Recent results (%s)" % d)
            out.append("%-28s%9s  %-9s %-14s%s" % ("Test", "Result", "Units", "Range", "Flag"))
            for name, topic, v, u, rg, fl in rows:
                line = "%-28s%9s  %-9s %-14s%s" % (name, v, u, "(" + rg + ")", fl)
                out.append(self._regrow(topic, line.rstrip()))
        elif system == "s1":
            out.append("Test results - requested %s" % d)
            for name, topic, v, u, rg, fl in rows:
                flw = {"L": " - Below range", "H": " - Above range", "": ""}[fl]
                line = "  %s %s %s [%s]%s" % (name, v, u, rg, flw)
                out.append(self._regrow(topic, line))
        else:
            out.append("Bloods %s:" % d)
            for name, topic, v, u, rg, fl in rows:
                line = "%s %s %s %s" % (name, v, u, ("(" + fl + ")") if fl else "")
                out.append(self._regrow(topic, line.rstrip()))
        if self.f.get("fatty_liver"):
            out.append(self.val("fatty_liver", "cap"))
        if self.f.get("uss_normal"):
            out.append(self.val("uss_normal"))
        return out

    def _regrow(self, topic, line):
        if topic:
            s = line.strip()
            self.reg(topic, s)
            if self.is_normal(topic):
                self.dz("normal_value", [topic], s)
            return line
        return line

    def results_old_new(self):
        """Table with the current result first and an older one beside it."""
        f, rng = self.f, self.rng
        old_d = self.ld - dt.timedelta(days=rng.randint(400, 1400))
        new_d = self.ld - dt.timedelta(days=rng.randint(3, 30))
        out = ["%-22s%-16s%-16s%s" % ("Test", fmt_date(new_d, "dashmon"), fmt_date(old_d, "dashmon"), "Units")]
        for name, topic in (("Haemoglobin", "hb"), ("Ferritin", "ferritin"), ("ALT", "alt"), ("Bilirubin", "bilirubin")):
            v = f[topic]
            if v is None:
                continue
            if topic == "hb":
                lo = HB_RANGE[f["sex"]][0]
                old = rng.randint(lo - 30, lo - 8) if not anaemic(f) and rng.random() < .7 else rng.randint(lo + 5, lo + 25)
                unit = "g/L"
                old_abn = old < lo
            elif topic == "ferritin":
                old = rng.randint(4, 18) if v >= 30 and rng.random() < .7 else rng.randint(40, 150)
                unit = "ug/L"
                old_abn = old < 30
            elif topic == "alt":
                old = rng.randint(80, 260) if v < 40 and rng.random() < .7 else rng.randint(12, 35)
                unit = "U/L"
                old_abn = old >= 40
            else:
                old = rng.randint(6, 17)
                unit = "umol/L"
                old_abn = False
            line = "%-22s%-16s%-16s%s" % (name, str(v), str(old), unit)
            s = line.rstrip()
            self.reg(topic, s)
            if self.is_normal(topic):
                self.dz("normal_value", [topic], s)
            if old_abn:
                self.dz("old_result", [topic], s)
            out.append(line.rstrip())
        for topic in ("calprotectin", "fit", "ttg"):
            if f[topic] is not None:
                out.append(self.val(topic, "cap") + " (%s)" % fmt_date(new_d, "dashmon"))
        return out

    # ---- distractors ----
    def dtext(self, d, c=False):
        kind, topics = d["kind"], d["topics"]
        t = topics[0]
        ch, P, p, pos, obj = self.ch, self.P, self.p, self.pos, self.obj
        yr = self.ld.year - self.rng.randint(2, 12)
        if kind == "negated":
            bank = {"dysphagia": ["no dysphagia", "denies dysphagia", "no difficulty swallowing",
                                  "swallowing normal", "nil dysphagia", "dysphagia -ve", "no hx of dysphagia",
                                  "dysphagia: neg"],
                    "weight_loss": ["weight stable", "no weight loss", "denies weight loss", "no wt loss",
                                    "weight steady", "wt loss: neg"],
                    "rectal_bleeding": ["no rectal bleeding", "no PR bleeding", "denies any rectal bleeding",
                                        "no blood per rectum", "PR bleeding: nil", "rectal bleeding not reported",
                                        "no hx of PR bleeding"],
                    "cibh": ["bowel habit unchanged", "no change in bowel habit", "no CIBH",
                             "bowels regular and unchanged"],
                    "pain": ["no abdominal pain", "denies abdominal pain", "abdo pain: none"],
                    "jaundice": ["not jaundiced", "no jaundice", "anicteric", "jaundice - not reported"],
                    "haematemesis": ["no haematemesis", "no vomiting of blood"],
                    "abdominal_mass": ["abdomen soft, no masses", "no palpable abdominal mass",
                                       "abdo SNT, no masses"],
                    "rectal_mass": ["PR: no masses felt", "PR examination normal, no mass", "PR - NAD, no masses"],
                    "reflux": ["no reflux or indigestion", "no heartburn or dyspepsia"],
                    "bloating": ["no bloating"]}
            if t == "weight_loss" and self.rng.random() < .25:
                w = self.rng.randint(550, 950) / 10.0
                d1 = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(90, 200)), "slash")
                s = "weight %s %.1f kg, today %.1f kg (stable)" % (d1, w, w + self.rng.choice([-0.4, 0.2, 0.3]))
            else:
                s = ch(bank[t])
        elif kind == "resolved":
            bank = {"dysphagia": ["a food bolus obstruction in %d (OGD normal at the time), no swallowing problems since" % yr],
                    "rectal_bleeding": ["a single episode of rectal bleeding in %d, attributed to haemorrhoids, none since" % yr,
                                        "PR bleeding in %d which settled - none since" % yr,
                                        "previously had rectal bleeding from haemorrhoids (%d), not since" % yr],
                    "haematemesis": ["haematemesis in %d from a Mallory-Weiss tear, none since" % yr],
                    "jaundice": ["jaundice with hepatitis A in childhood, fully recovered"],
                    "ida": (["iron deficiency anaemia in pregnancy (%d), resolved with oral iron" % yr]
                            if self.f["sex"] == "F" else []) + ["past history of IDA in %d, treated, blood count normal since" % yr]}
            s = ch(bank[t])
        elif kind == "hypothetical":
            if len(topics) > 1:
                s = ch(["safety-netted: to return if dysphagia, vomiting, black stools or weight loss",
                        "advised to come back should %s develop difficulty swallowing or lose weight" % p])
            else:
                bank = {"dysphagia": ["should %s develop dysphagia I will re-refer" % p,
                                      "advised to return if any difficulty swallowing"],
                        "weight_loss": ["if %s starts to lose weight I would be grateful for earlier review" % p],
                        "rectal_bleeding": ["to return if any rectal bleeding"],
                        "fit": ["if the FIT comes back raised I will refer on the cancer pathway"]}
                s = ch(bank[t])
        elif kind == "family_history":
            s = ch(["mother had oesophageal cancer aged %d" % self.rng.randint(65, 85),
                    "father died of stomach cancer", "sister has Crohn's disease",
                    "brother has coeliac disease", "father had liver cirrhosis (alcohol)",
                    "maternal aunt had ulcerative colitis", "FHx: mother - gastric cancer aged %d" % self.rng.randint(70, 88)])
        elif kind == "quoted_past":
            s = ch(["seen by Dr Haldane in %d: colonoscopy normal" % yr,
                    "OGD %d: mild gastritis only, CLO negative" % yr,
                    "discharge summary %d: admitted with gastroenteritis, settled with fluids" % yr,
                    "CT abdomen %d (for renal colic): no other abnormality" % yr])
        elif kind == "pending":
            s = ch(["FIT kit issued, result awaited", "FIT requested - not yet returned",
                    "FIT declined by the patient", "FIT sent, result not back yet"])
        elif kind == "uncertain":
            bank = {"dysphagia": ["? mild dysphagia - %s is not sure" % p, "possible intermittent dysphagia"],
                    "jaundice": ["query jaundice per family", "? slight jaundice"],
                    "weight_loss": ["possibly lost a little weight - not weighed", "? wt loss"],
                    "rectal_bleeding": ["query rectal bleeding - %s is unsure whether the blood was only on the paper" % p],
                    "abdominal_mass": ["? RIF mass"],
                    "haematemesis": ["? haematemesis - %s may have vomited some dark material" % p]}
            s = ch(bank[t])
        else:
            raise ValueError(kind)
        if c:
            s = cap(s)
        return self.dz(kind, topics, s)

    def dis_all(self, c=False, exclude_topics=()):
        out = []
        for i, d in enumerate(self.case["dplan"]):
            if i in self.rendered_d:
                continue
            if set(d["topics"]) & set(exclude_topics):
                continue
            self.rendered_d.add(i)
            out.append(self.dtext(d, c))
        return out

    # ---- priority, meds, problems ----
    def priority(self, form="free"):
        cat = self.case["gp_cat"]
        ch = self.ch
        if cat is None:
            return ""
        if form == "field":
            s = {"usc": ch(["2WW", "Urgent Suspected Cancer", "Two week wait"]),
                 "urgent": "Urgent", "routine": "Routine",
                 "advice": ch(["Advice only", "Advice and Guidance"])}[cat]
        else:
            s = {"usc": ch(["Please see under the 2 week wait (suspected cancer) pathway.",
                            "I would be grateful for an urgent suspected cancer appointment.",
                            "Referred as 2WW."]),
                 "urgent": ch(["I would be grateful if you could see %s urgently." % self.obj,
                               "Urgent please.", "Could this be expedited? I would class it as urgent."]),
                 "routine": ch(["Routine referral.", "I would be grateful for a routine appointment.",
                                "No particular urgency - routine is fine."]),
                 "advice": ch(["I would welcome your advice; I do not think %s needs to be seen." % self.p,
                               "Advice only please.", "Could you advise on further management?"])}[cat]
        return self.nz(s)

    def meds(self):
        if self._meds is None:
            self._meds = self._make_meds()
        return self._meds

    def _make_meds(self):
        f, rng = self.f, self.rng
        meds = []
        if f["reflux"] or f["dyspepsia"]:
            if f["ppi_weeks"] is not None:
                meds.append(("Omeprazole 20mg capsules", "20 mg", "once daily"))
            else:
                meds.append(("Gaviscon Advance liquid", "10 ml", "after meals"))
        if f["known_ibd"] == "UC":
            meds.append(("Mesalazine 1.2g gastro-resistant tablets", "2.4 g", "once daily"))
        if f["known_ibd"] == "Crohn's":
            meds.append(("Azathioprine 50mg tablets", "100 mg", "once daily"))
        if f["cirrhosis"]:
            meds.append(("Propranolol 40mg tablets", "40 mg", "twice daily"))
        for _, _, _, med in self.pmh():
            meds.append(med)
        return meds

    PMH_ALL = [("Type 2 diabetes mellitus", "C10F.", 35, ("Metformin 500mg tablets", "1 g", "twice daily")),
               ("Essential hypertension", "G20..", 35, ("Amlodipine 5mg tablets", "5 mg", "once daily")),
               ("Hypothyroidism", "C04..", 20, ("Levothyroxine 50microgram tablets", "75 mcg", "once daily")),
               ("Osteoarthritis of knee", "N05..", 45, ("Paracetamol 500mg tablets", "1 g", "four times daily PRN")),
               ("Asthma", "H33..", 18, ("Salbutamol 100mcg inhaler", "2 puffs", "as required")),
               ("Depression", "E2B..", 18, ("Sertraline 50mg tablets", "50 mg", "once daily")),
               ("Gout", "C34..", 40, ("Allopurinol 100mg tablets", "100 mg", "once daily")),
               ("COPD", "H3y..", 45, ("Trimbow inhaler", "2 puffs", "twice daily")),
               ("Atrial fibrillation", "G573.", 55, ("Apixaban 5mg tablets", "5 mg", "twice daily")),
               ("Hypercholesterolaemia", "C320.", 40, ("Atorvastatin 20mg tablets", "20 mg", "at night"))]

    def pmh(self):
        if getattr(self, "_pmh", None) is None:
            r = R(SET, self.id, "pmh")
            opts = [p for p in self.PMH_ALL if p[2] <= self.f["age"]]
            self._pmh = r.sample(opts, min(len(opts), r.randint(1, 3)))
        return self._pmh

    def med_table(self):
        rows = ["%-42s%-10s%-22s%s" % ("Drug", "Dose", "Frequency", "Last issued")]
        for name, dose, freq in self.meds():
            li = fmt_date(self.ld - dt.timedelta(days=self.rng.randint(3, 60)), "slash")
            rows.append("%-42s%-10s%-22s%s" % (name, dose, freq, li))
        return rows

    def med_inline(self):
        return "; ".join("%s %s" % (n.split(" ")[0], d) for n, d, q in self.meds())

    def allergies(self):
        return self.ch(["NKDA", "Penicillin - rash", "No known drug allergies", "Codeine - vomiting",
                        "Trimethoprim (rash)"])

    PMH = [("Type 2 diabetes mellitus", "C10F."), ("Essential hypertension", "G20.."),
           ("Hypothyroidism", "C04.."), ("Osteoarthritis of knee", "N05.."), ("Asthma", "H33.."),
           ("Depression", "E2B.."), ("Gout", "C34.."), ("COPD", "H3y.."), ("Atrial fibrillation", "G573.")]
    PAST = [("Appendicectomy", "7470."), ("Fractured wrist", "S23.."), ("Cholecystectomy", "7644."),
            ("Carpal tunnel release", "7C26."), ("Hysterectomy", "7D14.")]

    def problems(self, coded=False):
        rng = self.rng
        act = [(p[0], p[1]) for p in self.pmh()]
        past = rng.sample(self.PAST, rng.randint(1, 2))
        if self.f["sex"] == "M":
            past = [p for p in past if p[0] != "Hysterectomy"] or [self.PAST[0]]
        lines = ["Active problems:"]
        for n, code in act:
            y = self.ld.year - rng.randint(1, max(1, min(20, self.f["age"] - 17)))
            lines.append("  %s  %s%s" % (fmt_date(dt.date(y, rng.randint(1, 12), rng.randint(1, 28)), "dashmon"), n,
                                          ("  [%s]" % code) if coded else ""))
        if self.f["known_ibd"]:
            lines.append("  %s  %s" % (str(self.ibd_year), self.reg("known_ibd", "Ulcerative colitis" if self.f["known_ibd"] == "UC" else "Crohn's disease")))
        if self.f["cirrhosis"]:
            lines.append("  %s  %s" % (str(self.ibd_year), self.reg("cirrhosis", "Cirrhosis of liver")))
        lines.append("Past problems:")
        for n, code in past:
            y = self.ld.year - rng.randint(1, max(1, min(40, self.f["age"] - 6)))
            lines.append("  %d  %s%s" % (y, n, ("  [%s]" % code) if coded else ""))
        for i, d in enumerate(self.case["dplan"]):
            if i not in self.rendered_d and d["kind"] == "resolved" and d["topics"] == ["ida"]:
                self.rendered_d.add(i)
                yr = self.ld.year - rng.randint(3, 12)
                lines.append("  %d  %s" % (yr, self.dz("resolved", ["ida"], "Iron deficiency anaemia - resolved")))
        return lines

    def sign(self):
        return "%s\n%s (%s)" % (self.gp, self.practice, self.pcode)

    # ---- checklists ----
    ROW_LABEL = {"dysphagia": "Dysphagia", "weight_loss": "Unexplained weight loss",
                 "rectal_bleeding": "Rectal bleeding", "cibh": "Change in bowel habit",
                 "pain": "Abdominal pain", "abdominal_mass": "Abdominal mass",
                 "rectal_mass": "Rectal/anal mass or anal ulceration", "jaundice": "Jaundice",
                 "haematemesis": "Haematemesis", "reflux": "Dyspepsia/reflux",
                 "ida": "Iron deficiency anaemia", "bloating": "Bloating"}

    def topic_positive(self, t):
        f = self.f
        if t == "pain":
            return f["pain"] is not None
        if t == "reflux":
            return f["reflux"] or f["dyspepsia"]
        if t == "rectal_mass":
            return f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]
        if t == "ida":
            return anaemic(f) and iron_deficient(f)
        if t == "rectal_bleeding":
            return f["rectal_bleeding"]
        if t == "cibh":
            return f["cibh"]
        return bool(f[t])

    def pos_topics_for(self, t):
        f = self.f
        if t == "reflux":
            return [x for x in ("reflux", "dyspepsia") if f[x]]
        if t == "rectal_mass":
            return [x for x in ("rectal_mass", "anal_mass", "anal_ulcer") if f[x]]
        return [t]

    def row_state(self, t, allowed):
        """State of a checklist row for topic t: present/absent/not_asked/blank/na/uncertain."""
        if self.topic_positive(t):
            return "present"
        planned = [d for d in self.case["dplan"] if t in d["topics"]]
        if any(d["kind"] == "negated" for d in planned):
            return "absent"
        if t in ("cibh", "rectal_bleeding") and self.f["bloody_diarrhoea"]:
            return "absent_skip"
        if any(d["kind"] == "uncertain" for d in planned):
            for st in ("uncertain", "not_asked", "blank"):
                if st in allowed:
                    return st
            return "absent_skip"
        if t == "ida" and (self.f["hb"] is not None or self.f["ferritin"] is not None):
            return "absent"
        r = self.rng.random()
        opts = [("absent", .6), ("not_asked", .15), ("blank", .1), ("na", .05), ("uncertain", .1)]
        acc = 0
        for st, p in opts:
            acc += p
            if r < acc:
                break
        if st not in allowed:
            st = "absent"
        if st == "uncertain":
            unc = [t] + [x for d in self.case["dplan"] if d["kind"] == "uncertain" for x in d["topics"]]
            unc += [x for d in self.dis if d["kind"] == "uncertain" for x in d["topics"]]
            if t not in UNCERTAIN_TOPICS or decide(self.f, uncertain=unc) != self.case["rule"]:
                st = "absent"
        return st

    def row_register(self, t, state, line):
        s = line.strip()
        tt = {"reflux": ["reflux", "dyspepsia"],
              "rectal_mass": ["rectal_mass", "anal_mass", "anal_ulcer"]}.get(t, [t])
        if state == "present":
            for x in self.pos_topics_for(t):
                self.reg(x, s)
        elif state == "absent":
            self.dz("negated", tt, s)
        elif state == "not_asked":
            self.dz("not_asked", tt, s)
        elif state == "blank":
            self.dz("blank_not_asked", tt, s)
        elif state == "na":
            self.dz("na_answer", tt, s)
        elif state == "uncertain":
            self.dz("uncertain", tt, s)
        elif state == "unticked":
            self.dz("unticked_box", tt, s)
        return line

    def checklist(self, topics, conv):
        """Render rows for topics under a proforma convention; returns list of lines."""
        lines = []
        allowed = {"pa": {"absent", "not_asked"}, "ynq": {"absent", "uncertain", "blank"},
                   "tick": {"absent", "blank"}, "circled": {"absent", "blank"},
                   "ballot": {"absent"}, "negtick": {"absent", "blank"},
                   "nextline": {"absent", "not_asked", "blank", "na"},
                   "twocol": {"absent", "na", "blank"}}[conv]
        cells = []
        for t in topics:
            st = self.row_state(t, allowed)
            if st == "absent_skip":
                continue
            lab = self.ROW_LABEL[t]
            if conv == "pa":
                ans = {"present": "Present", "absent": "Absent", "not_asked": "Not asked"}[st]
                lines.append(self.row_register(t, st, "%-38s%s" % (lab, ans)))
            elif conv == "ynq":
                mark = {"present": 0, "absent": 1, "uncertain": 2, "blank": None}[st]
                cols = ["  X  " if mark == i else "     " for i in range(3)]
                lines.append(self.row_register(t, st, ("%-38s|%s|%s|%s|" % (lab, cols[0], cols[1], cols[2]))))
            elif conv == "tick":
                ans = {"present": "\u2713", "absent": "\u2717", "blank": ""}[st]
                lines.append(self.row_register(t, st, ("%-38s%s" % (lab + ":", ans)).rstrip()))
            elif conv == "circled":
                ans = {"present": "(Yes)  No", "absent": "Yes  (No)", "blank": "Yes  No"}[st]
                lines.append(self.row_register(t, st, "%-38s%s" % (lab + "?", ans)))
            elif conv == "ballot":
                if st == "present":
                    lines.append(self.row_register(t, st, "\u2612 %s" % lab))
                else:
                    lines.append(self.row_register(t, "unticked", "\u2610 %s" % lab))
            elif conv == "negtick":
                neg_lab = "No " + (lab[0].lower() + lab[1:] if lab not in ("Iron deficiency anaemia",) else "iron deficiency anaemia")
                if st == "absent":
                    lines.append(self.row_register(t, st, "%-40s\u2611" % neg_lab))
                else:
                    lines.append(self.row_register(t, "unticked", "%-40s\u2610" % neg_lab))
            elif conv == "nextline":
                if st == "present":
                    det = self.sym(t if t not in ("reflux", "rectal_mass", "ida") else self.pos_topics_for(t)[0]) if t != "ida" else "yes - see bloods"
                    q = "%s?" % lab
                    a = "Yes - %s" % det if t != "ida" else "Yes - see bloods"
                    s = q + "\n" + a
                    for x in self.pos_topics_for(t):
                        self.reg(x, s)
                    lines.append(s)
                else:
                    a = {"absent": "No", "not_asked": "Not asked", "blank": "", "na": "N/A"}[st]
                    s = "%s?\n%s" % (lab, a)
                    if st == "blank":
                        s = "%s?\n" % lab
                        self.row_register(t, st, "%s?" % lab)
                        lines.append(s.rstrip("\n") + "\n")
                    else:
                        self.row_register(t, st, s)
                        lines.append(s)
            elif conv == "twocol":
                ans = {"present": "Yes", "absent": "No", "na": "N/A", "blank": ""}[st]
                cell = ("%s: %s" % (lab, ans)).rstrip()
                cells.append((t, st, cell))
        if conv == "twocol":
            for i in range(0, len(cells), 2):
                pair = cells[i:i + 2]
                line = "%-44s%s" % (pair[0][2], pair[1][2] if len(pair) > 1 else "")
                for t, st, cell in pair:
                    self.row_register(t, st, cell)
                lines.append(line.rstrip())
        return lines

    def fit_field(self):
        if self.f["fit"] is not None:
            return self.val("fit")
        for i, d in enumerate(self.case["dplan"]):
            if d["kind"] == "pending" and i not in self.rendered_d:
                self.rendered_d.add(i)
                return self.dtext(d)
        st = self.ch(["na", "blank", "not_done"])
        if st == "na":
            return self.dz("na_answer", ["fit"], "N/A")
        if st == "not_done":
            return self.dz("pending", ["fit"], "not done")
        return ""


# --------------------------------------------------------------------------------------------
# Shared prose builders
# --------------------------------------------------------------------------------------------
def sentences(items, c=False):
    return " ".join((cap(i) if c else i) + ("" if i.endswith((".", "?")) else ".") for i in items if i)


def sx_sentence(x, reg="prose", leads=None):
    sx = x.sx_all(reg)
    if not sx:
        return ""
    leads = leads or ["%s presents with " % x.P, "%s reports " % x.P, "%s describes " % x.P,
                      "%s has had " % x.P, "%s complains of " % x.P, "%s tells me about " % x.P]
    return x.ch(leads) + join_and(sx) + "."


def exam_sentence(x):
    ex = x.exam_all()
    if not ex:
        return ""
    return x.ch(["On examination there is ", "Examination revealed ", "O/E: "]) + join_and(ex) + "."


def vals_sentence(x, leads=None):
    vals = x.vals_all()
    if not vals:
        return ""
    leads = leads or ["Bloods: ", "Results: ", "Investigations so far: ", "Recent tests show "]
    sep = x.ch([", ", "; ", ", "])
    return x.ch(leads) + sep.join(vals) + "."


def dis_sentences(x, exclude=()):
    return sentences(x.dis_all(c=True, exclude_topics=exclude))


def impression(x):
    r = x.case["rule"]
    if r in ("A1", "O6") and x.rng.random() < .35:
        return x.fill(x.ch(["Impression: likely IBS.", "I suspect irritable bowel syndrome.", "Possible IBS."]))
    if r == "A2" and x.rng.random() < .35:
        return x.nz(x.ch(["Likely simple GORD - I would value your advice.", "Probable uncomplicated reflux disease."]))
    if r not in ("A3", "O3") and x.rng.random() < .1:
        return x.nz("I have advised %s to come back if symptoms persist or change." % x.obj)
    return ""


def narrative(x, reg="prose"):
    parts = [sx_sentence(x, reg), exam_sentence(x)] + x.background() + [vals_sentence(x), impression(x),
                                                                         dis_sentences(x)]
    return [p for p in parts if p]


def intro(x):
    a = x.age_words()
    sw = x.sexword()
    who = ("this %s %s" % (a, sw)) if a else ("this %s" % sw)
    return x.ch(["Thank you for seeing %s." % who, "I would be grateful if you could see %s." % who,
                 "Please could you see %s." % who, "I am writing about %s." % who])


def header_block(x, nhs=True, age_field=False):
    L = ["Patient: %s %s %s" % (x.title, x.first, x.surname), "DOB: %s" % x.dob_s]
    if nhs:
        L.append("NHS No: %s" % spaced(x.nhs))
    if age_field and x.age_mode != "dob_only":
        L.append("Age: %s" % x.age_text(["field", "yrs"]))
    return L


def compose(lines):
    out = "\n".join(l.rstrip() for l in lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip() + "\n"


# --------------------------------------------------------------------------------------------
# Styles (layouts / writers)
# --------------------------------------------------------------------------------------------
STYLES = {}


def style(name, compat=None):
    def deco(fn):
        STYLES[name] = (fn, compat)
        return fn
    return deco


def lower_ok(f, rule):
    return rule in ("U2", "U3", "U4", "U6", "U8", "R1", "O2", "A1", "O6", "A3") or \
        (rule == "D" and (f["cibh"] or f["rectal_bleeding"] or f["pain"] or f["hb"] is not None))


def upper_ok(f, rule):
    return rule in ("U1", "U5", "R3", "O1", "A2") or (rule == "D" and (f["dyspepsia"] or f["reflux"])) \
        or (rule == "U4" and rule != "A3")


def symptomatic_ok(f, rule):
    return rule not in ("A3", "O3") and any(
        (f["pain"] is not None) if t == "pain" else f[t]
        for t in ("dysphagia", "weight_loss", "rectal_bleeding", "cibh", "pain", "bloating", "reflux",
                  "dyspepsia", "haematemesis", "jaundice", "bloody_diarrhoea"))


@style("ers_template")
def s_ers(x):
    d = x.rng
    L = ["NHS e-Referral Service - Referral Letter",
         "UBRN: %04d %04d %04d" % (d.randint(0, 9999), d.randint(0, 9999), d.randint(0, 9999)),
         "Specialty: Gastroenterology        Clinic type: General Gastroenterology"]
    pr = x.priority("field")
    L.append("Priority: %s" % pr if pr else "Priority:")
    L += header_block(x)
    L += ["Sex: %s" % ("Male" if x.f["sex"] == "M" else "Female")]
    if x.age_mode != "dob_only":
        L.append("Age at referral: %s" % x.age_text(["field", "yrs"]))
    L += ["Referrer: %s, %s (%s)" % (x.gp, x.practice, x.pcode), "Date of referral: %s" % x.date_s, "",
          "Reason for referral:", x.fill("Assessment and management please."), "",
          "History of presenting complaint:", sx_sentence(x) or x.fill("See below."), "",
          "Examination:", exam_sentence(x) or sentences([x.dtext(dd, True) for i, dd in enumerate(x.case["dplan"]) if dd["kind"] == "negated" and dd["topics"][0] in ("abdominal_mass", "rectal_mass") and not x.rendered_d.add(i)]) or x.fill("Not examined today (telephone consultation)."), ""]
    bg = x.background()
    if bg:
        L += ["Relevant history:", " ".join(bg), ""]
    vs = vals_sentence(x, ["", ""])
    L += ["Investigations:", vs or x.fill("None yet."), ""]
    L += ["Current medication: %s" % x.med_inline(), "Allergies: %s" % x.allergies(), ""]
    ds = dis_sentences(x)
    if ds:
        L += ["Additional information:", ds, ""]
    L += [x.sign()]
    return compose(L)


@style("dear_doctor")
def s_dear(x):
    L = ["%s\n%s" % (x.practice, x.ch(["12 High Street", "The Green", "Church Lane", "Market Square"])),
         "", x.date_s, "", x.ch(["Dear Doctor,", "Dear Colleague,", "Dear Gastroenterology Team,"]), "",
         "Re: %s %s, DOB %s, NHS number %s" % (x.title, x.name, x.dob_s, x.nhs), ""]
    L.append(intro(x) + " " + (sx_sentence(x) or ""))
    L.append("")
    ex = exam_sentence(x)
    bg = x.background()
    L.append(" ".join([e for e in [ex] + bg if e]))
    L.append("")
    L.append(vals_sentence(x))
    L.append("")
    L.append(dis_sentences(x))
    L.append("")
    L.append((x.priority() + " " if x.case["gp_cat"] else "") + x.fill("Many thanks for your help with her care." if x.f["sex"] == "F" else "Many thanks for your help with his care."))
    L += ["", "Yours sincerely,", "", x.sign()]
    return compose(L)


@style("terse")
def s_terse(x):
    a = x.age_text(["MF", "yo2", "y/o"]) if x.age_mode != "dob_only" else ""
    sx = x.sx_all("abbr") + x.exam_all("abbr")
    bits = [("%s %s %s" % (x.title, x.name, a)).strip() + " (DOB %s)" % x.dob_s]
    bits.append(x.ch([", ", "; ", " / "]).join(sx) if sx else "")
    bits += x.background()
    vs = x.vals_all()
    if vs:
        bits.append(", ".join(vs))
    bits += x.dis_all()
    pr = x.priority()
    line1 = "Re " + bits[0] + " - " + ". ".join(b.rstrip(".") for b in bits[1:] if b) + "."
    L = [x.date_s, line1, ((pr + " ") if pr else "") + "Thanks, %s" % x.gp.replace("Dr ", "Dr. ")]
    return compose(L)


@style("emis_paste")
def s_emis(x):
    L = ["EMIS Web - Referral Letter", "=" * 40, "%s %s %s   DOB %s   NHS %s" % (x.title, x.first, x.surname.upper(), x.dob_s, spaced(x.nhs)),
         "Usual GP: %s   %s (%s)" % (x.gp, x.practice, x.pcode), "Letter date: %s" % x.date_s, ""]
    L += x.problems(coded=False)
    L += ["", "Medication (repeat and acute):"] + x.med_table()
    L += ["", "Allergies: %s" % x.allergies(), ""]
    if x.rng.random() < .5 and any(x.f[k] is not None for k in ("hb", "ferritin", "alt")):
        L += ["Results (latest first, previous alongside):"] + x.results_old_new()
        if x.f.get("fatty_liver"):
            L.append(x.val("fatty_liver", "cap"))
        if x.f.get("uss_normal"):
            L.append(x.val("uss_normal"))
    else:
        L += x.results_table("emis")
    L += ["", "-" * 40, "", x.ch(["Dear Colleague,", "Dear Dr,"]), ""]
    L.append(intro(x))
    L.append(sx_sentence(x))
    L.append(exam_sentence(x))
    L += x.background()
    L.append(dis_sentences(x))
    L += ["", x.priority(), "", x.fill("Kind regards"), x.sign()]
    return compose(L)


@style("systmone_coded")
def s_s1(x):
    d = x.ld - dt.timedelta(days=x.rng.randint(1, 10))
    ag = ("   Age: %s" % x.age_text(["field", "yrs"])) if x.age_mode != "dob_only" else ""
    L = ["SystmOne - Referral", "%s, %s (%s)   DOB: %s%s   NHS: %s" % (x.surname.upper(), x.first, x.title, x.dob_s, ag, x.nhs),
         "Registered: %s (%s)" % (x.practice, x.pcode), "Printed: %s" % x.date_s, "",
         "Journal extract:", "%s 10:%02d  %s (General Practitioner)" % (fmt_date(d, "dashmon"), x.rng.randint(0, 59), x.gp)]
    for t in x.symptom_topics():
        code = "X%s%d" % ("".join(x.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)), x.rng.randint(10, 99))
        L.append("  History: %s (%s)" % (x.sym(t), code))
    for e in x.exam_all():
        L.append("  Examination finding: %s" % e)
    for b in x.background():
        L.append("  Comment: %s" % b)
    for ds in x.dis_all():
        L.append("  Comment: %s" % ds)
    L.append("")
    L += x.results_table("s1")
    L += ["", "Problems:"] + x.problems(coded=True)[1:]
    L += ["", "Referral: Gastroenterology. " + x.priority(), x.sign()]
    return compose(L)


@style("vision_paste")
def s_vision(x):
    d = x.ld - dt.timedelta(days=x.rng.randint(0, 7))
    ag = (" (%s)" % x.age_text(["MF", "yrs"])) if x.age_mode != "dob_only" else ""
    L = ["Vision - Patient Summary for Referral", "Name: %s %s%s   D.O.B. %s   NHS No. %s" % (x.first, x.surname, ag, x.dob_s, spaced(x.nhs)),
         "Sex: %s" % ("Male" if x.f["sex"] == "M" else "Female"),
         "Date: %s" % x.date_s, "", "Consultation %s - %s" % (fmt_date(d, "slash"), x.gp)]
    sx = x.sx_all("abbr")
    L.append("Hx: " + ("; ".join(sx) if sx else x.fill("routine review")))
    ex = x.exam_all("abbr")
    neg = [x.dtext(dd) for i, dd in enumerate(x.case["dplan"]) if dd["kind"] == "negated" and dd["topics"][0] in ("abdominal_mass", "rectal_mass", "jaundice") and not x.rendered_d.add(i)]
    L.append("Ex: " + "; ".join(ex + neg) if (ex or neg) else "Ex: " + x.fill("not examined"))
    for b in x.background():
        L.append("Hx: " + b)
    L += [""] + x.results_table("vision")
    rest = x.dis_all()
    if rest:
        L.append("Comment: " + "; ".join(rest))
    L += ["Rx: " + x.med_inline(), "Plan: refer gastro. " + x.priority(), x.sign()]
    return compose(L)


NONGI = [
    ("diabetes", False, 35, "Her/his type 2 diabetes is well controlled (HbA1c 52 mmol/mol in the diabetic clinic) on metformin; feet checked and normal."),
    ("htn", False, 35, "Blood pressure was 136/82 on amlodipine, which is satisfactory."),
    ("thyroid", False, 20, "Hypothyroidism: TSH within range on levothyroxine 75 micrograms."),
    ("copd", True, 45, "COPD: two exacerbations this winter treated with prednisolone and doxycycline; now back to baseline on a triple inhaler."),
    ("mood", True, 18, "Mood has been low since a bereavement last year; sertraline was increased to 100 mg and talking therapy has been arranged."),
    ("knees", True, 45, "Osteoarthritis of both knees is limiting walking; awaiting orthopaedic review."),
    ("asthma", False, 18, "Asthma is well controlled on a low-dose steroid inhaler, with no attacks this year."),
    ("smoking", False, 18, "We discussed smoking cessation and he/she has accepted a referral to the stop smoking service."),
    ("back", True, 18, "Low back pain after lifting at work is improving with physiotherapy."),
]


PARA_PROBLEM = {"diabetes": "Type 2 diabetes", "htn": "Hypertension", "thyroid": "Hypothyroidism",
                "copd": "COPD", "mood": "Depression", "knees": "Osteoarthritis", "asthma": "Asthma",
                "smoking": "Current smoker", "back": "Mechanical low back pain"}


@style("multi_problem")
def s_multi(x):
    allow_sx = x.case["rule"] != "A3"
    paras = [p for p in NONGI if (allow_sx or not p[1]) and p[2] <= x.f["age"]]
    chosen = x.rng.sample(paras, 3)
    a = x.age_words()
    L = [x.practice, x.date_s, "", "Dear Dr,", "",
         "Re: %s %s  DOB %s  NHS %s" % (x.title, x.name, x.dob_s, spaced(x.nhs)), ""]
    L.append(x.fill("I saw this %s%s for a long review of several problems and would value your opinion on one of them." % ((a + " ") if a else "", x.sexword())))
    L.append("")
    for _, _, _, txt in chosen:
        t = txt.replace("Her/his", x.pos.capitalize()).replace("he/she", x.p)
        L.append(x.fill(t))
        L.append("")
    gi = [sx_sentence(x, leads=["The reason for this referral is that %s has " % x.p, "More importantly, %s reports " % x.p,
                                 "Finally, and the reason for writing, %s describes " % x.p])
          or x.fill("The reason for writing is the set of results below.")]
    gi.append(exam_sentence(x))
    gi += x.background()
    gi.append(vals_sentence(x))
    L.append(" ".join(g for g in gi if g))
    L.append("")
    ds = dis_sentences(x)
    if ds:
        L += [ds, ""]
    L += ["Problems: " + ", ".join(PARA_PROBLEM[c[0]] for c in chosen), "Medication: " + x.med_inline(), ""]
    L += [x.priority(), "", "Yours sincerely", x.sign()]
    return compose(L)


@style("sci_gateway")
def s_sci(x):
    chi = chi_number(x.rng, x.dob, x.f["sex"])
    pr = {"usc": "Urgent Suspicion of Cancer (USOC)", "urgent": "Urgent", "routine": "Routine",
          "advice": "Advice only"}.get(x.case["gp_cat"])
    L = ["SCI Gateway Referral", "Protocol: Gastroenterology (NHS Scotland)", "Health Board: NHS %s" % x.ch(["Lothian", "Tayside", "Grampian", "Highland"]),
         "Patient: %s, %s   CHI: %s   DOB: %s" % (x.surname.upper(), x.first, chi, x.dob_s),
         "Sender: %s, %s (practice %05d)" % (x.gp, x.practice, x.rng.randint(10000, 99999)), "Date sent: %s" % x.date_s,
         "Urgency: %s" % (x.nz(pr) if pr else ""), "",
         "Reason for Referral:"]
    L.append(intro(x) + " " + sx_sentence(x))
    L += ["", "Clinical Details:", " ".join(p for p in [exam_sentence(x)] + x.background() if p) or x.fill("Nil else of note."),
          "", "Relevant Investigations:", vals_sentence(x, [""]) or x.fill("None."), "",
          "Other Information:", dis_sentences(x) or x.fill("None."), "",
          "Current Medication:", x.med_inline(), "Allergies: %s" % x.allergies()]
    return compose(L)


@style("welsh_wccg")
def s_wccg(x):
    x.pcode = "W9%04d" % x.rng.randint(0, 9999)
    pr = x.priority("field")
    L = ["WCCG Referral - Welsh Clinical Communications Gateway", "Health Board: %s" % x.ch(["Cardiff and Vale UHB", "Betsi Cadwaladr UHB", "Swansea Bay UHB", "Hywel Dda UHB"]),
         "Referral to: Gastroenterology, %s" % x.hosp, "Urgency: %s" % pr if pr else "Urgency: not stated",
         "Patient: %s %s   Dyddiad geni / DOB: %s   NHS: %s" % (x.title, x.name, x.dob_s, spaced(x.nhs)),
         "Referrer: %s, %s (%s)   Dyddiad / Date: %s" % (x.gp, x.practice, x.pcode, x.date_s), "",
         "Presenting complaint:"]
    a = x.age_cap()
    L.append(("%s %s. " % (a, x.sexword()) if a else "") + sx_sentence(x))
    L += ["", "Examination findings:", exam_sentence(x) or x.fill("Nil of note recorded."), "",
          "Past medical history:"] + (x.background() or [x.fill("See attached summary.")])
    L += ["", "Investigations:", vals_sentence(x, [""]) or x.fill("None."), "", "Additional notes:", dis_sentences(x) or "-", "", x.sign()]
    return compose(L)


@style("ni_eref")
def s_ni(x):
    pr = {"usc": "Red Flag", "urgent": "Urgent", "routine": "Routine", "advice": "Advice and Guidance"}.get(x.case["gp_cat"])
    L = ["NIECR / CCG e-Referral (Northern Ireland)", "Trust: %s HSC Trust" % x.ch(["Belfast", "Northern", "Southern", "Western", "South Eastern"]),
         "Specialty: Gastroenterology", "Priority requested: %s" % x.nz(pr) if pr else "Priority requested:",
         "Patient: %s %s" % (x.first, x.surname), "H&C No: %s" % spaced(mod11_number(x.rng, first=3)), "DOB: %s" % x.dob_s,
         "GP: %s, %s" % (x.gp, x.practice), "Date: %s" % x.date_s, "", "Clinical information:"]
    L.append(intro(x))
    L += narrative(x)
    L += ["", "Medication: " + x.med_inline()]
    return compose(L)


@style("private_insurer")
def s_private(x):
    L = ["%s - Specialist Referral / Pre-authorisation" % x.ch(["Medisure Health Insurance", "CareFirst Private Healthcare", "Albion Health Cover"]),
         "Policy no: %s%07d   Authorisation ref: PA-%06d" % (x.ch(["MH", "CF", "AH"]), x.rng.randint(0, 9999999), x.rng.randint(0, 999999)),
         "Member: %s %s   Date of birth: %s" % (x.title, x.name, x.dob_s),
         "Specialist requested: Consultant Gastroenterologist, %s Private Wing" % x.hosp,
         "Referring doctor: %s" % x.gp, "Date: %s" % x.date_s, "", "Clinical summary:"]
    a = x.age_cap()
    L.append(("%s %s. " % (a, x.sexword()) if a else "") + " ".join(narrative(x)))
    L += ["", "Treatment to date: " + x.med_inline()]
    pr = x.priority()
    if pr:
        L += ["", "Urgency: " + pr]
    L += ["", x.fill("Declaration: the member has consented to share this information with the insurer.")]
    return compose(L)


@style("community_gastro")
def s_community(x):
    L = ["Community Gastroenterology Service (GPwER-led) - Referral Form", "Patient: %s %s   DOB: %s   NHS: %s" % (x.title, x.name, x.dob_s, x.nhs),
         "Referrer: %s (%s)   Date: %s" % (x.gp, x.pcode, x.date_s)]
    if x.age_mode != "dob_only":
        L.append("Age: %s" % x.age_text(["field", "yrs"]))
    L += ["", "Main symptoms:"]
    for s in x.sx_all():
        L.append("- " + s)
    L += ["", "Findings / history:"]
    for s in [exam_sentence(x)] + x.background():
        if s:
            L.append("- " + s)
    L += ["", "Tests done in primary care:"]
    for v in x.vals_all():
        L.append("- " + v)
    L += ["", "Other:"]
    for d in x.dis_all():
        L.append("- " + d)
    pr = x.priority("field")
    L += ["", "Priority requested by GP: %s" % pr if pr else "Priority requested by GP:", x.fill("Service criteria checked by referrer.")]
    return compose(L)


@style("da_ogd_form", compat=upper_ok)
def s_daogd(x):
    L = ["DIRECT ACCESS GASTROSCOPY (OGD) REQUEST", "Endoscopy Unit, %s" % x.hosp, ""]
    L += header_block(x, age_field=True)
    L += ["Requesting GP: %s, %s" % (x.gp, x.practice), "Date of request: %s" % x.date_s, "",
          "Indications (Y / N / ?):", "%-38s|  Y  |  N  |  ?  |" % ""]
    L += x.checklist(["dysphagia", "weight_loss", "reflux", "pain", "haematemesis", "ida"], "ynq")
    L += ["", "Details:"]
    L += narrative(x)
    L += ["", "Anticoagulants: %s" % x.ch(["none", "apixaban 5 mg bd", "none"]), "Diabetic: %s" % ("yes - metformin" if any(p[0].startswith("Type 2") for p in x.pmh()) else "no")]
    pr = x.priority("field")
    L += ["Urgency: %s" % pr if pr else "Urgency:"]
    return compose(L)


@style("fit_pathway_form", compat=lower_ok)
def s_fitform(x):
    L = [x.nz("Lower GI FIT Pathway Referral Form"), "%s (%s) - %s" % (x.practice, x.pcode, x.gp), ""]
    L += header_block(x, age_field=True)
    L += ["Sex: %s" % ("M" if x.f["sex"] == "M" else "F"), "Date: %s" % x.date_s, "",
          x.nz("FIT result (ug Hb/g):") + " " + x.fit_field(), ""]
    L += ["Symptoms (tick):"]
    L += x.checklist(["rectal_bleeding", "cibh", "weight_loss", "pain", "abdominal_mass", "rectal_mass", "ida"], "tick")
    L += ["", "Clinical details:"] + narrative(x)
    pr = x.priority("field")
    L += ["", "Priority: %s" % pr if pr else "Priority:"]
    return compose(L)


@style("stt_present_absent", compat=lower_ok)
def s_stt(x):
    L = [x.nz("Straight to Test (STT) - Suspected Lower GI Cancer / Colorectal Assessment"), "Referring practice: %s (%s)" % (x.practice, x.pcode), ""]
    L += header_block(x, age_field=True)
    L += ["Date: %s" % x.date_s, "", "%-38s%s" % ("Symptom", "Present / Absent / Not asked")]
    L += x.checklist(["rectal_bleeding", "cibh", "weight_loss", "pain", "abdominal_mass", "rectal_mass", "ida"], "pa")
    L += ["", x.nz("FIT:") + " " + x.fit_field(), "", "WHO performance status: %d" % x.rng.randint(0, 2),
          "Able to take bowel preparation: %s" % x.ch(["yes", "yes", "unsure"]), "", "Further details:"]
    L += narrative(x)
    pr = x.priority("field")
    L += ["", "Referral type requested: %s" % pr if pr else "Referral type requested:"]
    return compose(L)


@style("ag_converted")
def s_ag(x):
    d1 = x.ld - dt.timedelta(days=x.rng.randint(5, 14))
    L = ["Advice & Guidance request (converted to referral)", "Patient: %s %s  DOB %s  NHS %s" % (x.title, x.name, x.dob_s, x.nhs),
         "Requester: %s, %s" % (x.gp, x.practice), "", "--- Original A&G request (%s) ---" % fmt_date(d1, "slash")]
    L.append(intro(x) + " " + " ".join(narrative(x)))
    L.append(x.fill("What would you suggest as next steps?"))
    L += ["", "--- Specialist response (%s) ---" % fmt_date(d1 + dt.timedelta(days=3), "slash"),
          x.fill("Thank you. I think this is best assessed in clinic; please convert this request to a referral."), "",
          "--- Converted to referral %s ---" % x.date_s]
    pr = x.priority()
    L.append(pr if pr else x.fill("Converted as requested."))
    return compose(L)


@style("internal_sho")
def s_internal(x):
    adm = x.ld - dt.timedelta(days=x.rng.randint(10, 40))
    dis = adm + dt.timedelta(days=x.rng.randint(2, 7))
    reason = x.ch(["a community-acquired pneumonia", "cellulitis of the left leg", "a fall at home", "an exacerbation of asthma", "a urinary tract infection"])
    a = x.age_words()
    L = ["INTERNAL REFERRAL - %s" % x.hosp, "To: Gastroenterology Outpatients", "From: Dr %s, SHO to Dr %s (Acute Medicine)" % (x.ch(["B. Nwosu", "L. Carter", "D. Fitzgerald", "S. Iqbal"]), x.ch(["Halloran", "Mistry", "Jenkins"])),
         "Date: %s" % x.date_s, "Patient: %s %s   DOB %s   Hospital no. K%07d   NHS %s" % (x.title, x.name, x.dob_s, x.rng.randint(0, 9999999), x.nhs), "",
         x.fill("Dear Gastroenterology team,"), ""]
    L.append("This %s was admitted on %s with %s and discharged on %s." % (("%s %s" % (a, x.sexword())) if a else x.sexword(), fmt_date(adm, "slash"), reason, fmt_date(dis, "slash")))
    L.append(x.fill("The admission problem has been treated."))
    L.append("During the admission " + (sx_sentence(x, leads=["%s mentioned " % x.p, "%s told us about " % x.p]) or "no new symptoms were reported."))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x, ["Inpatient bloods: ", "Results during admission: "]), dis_sentences(x)]
    L += ["", "We would be grateful if you could see %s in clinic after discharge. %s" % (x.obj, x.priority()), "", x.fill("Many thanks"), "Medical SHO, bleep 4471"]
    return compose(L)


@style("consultant_other_trust")
def s_cons(x):
    spec = x.ch(["Haematology", "Rheumatology", "Cardiology", "Care of the Elderly", "Endocrinology"])
    L = ["%s Department, %s" % (spec, x.ch(["Kingsbridge Hospitals NHS Foundation Trust", "Lowfield University Hospitals NHS Trust", "Eastmere Healthcare NHS Trust"])),
         "Date dictated: %s   Date typed: %s" % (x.date_s, fmt_date(x.ld + dt.timedelta(days=2), x.datefmt)), "",
         "Dr %s, Consultant Gastroenterologist, %s" % (x.ch(["Fernandes", "Whitaker", "Ong"]), x.hosp), "",
         "Dear Dr %s," % x.ch(["Fernandes", "Whitaker", "Ong"]), "",
         "Re: %s %s, DOB %s, NHS %s" % (x.title, x.name, x.dob_s, spaced(x.nhs)), "",
         x.fill("I saw this patient in my %s clinic, mainly for an unrelated problem which we are managing here." % spec.lower())]
    L.append(intro(x).replace("Thank you for seeing", "I would be grateful if you would also see"))
    L += narrative(x)
    L += ["", x.priority(), "", "Yours sincerely,", "", "Dr %s" % x.ch(["P. Anand", "R. Kerr", "J. Mbeki"]),
          "Consultant in %s" % spec, "cc: %s, %s" % (x.gp, x.practice)]
    return compose(L)


def form_style(name, conv, title, topics_fn=None):
    @style(name)
    def fn(x):
        tops = ["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "pain", "abdominal_mass",
                "jaundice", "haematemesis", "reflux"]
        if topics_fn:
            tops = topics_fn(x)
        L = [title, "Practice: %s (%s)   Referrer: %s" % (x.practice, x.pcode, x.gp), "Date: %s" % x.date_s, ""]
        L += header_block(x, age_field=True)
        L += ["Sex: %s" % ("Male" if x.f["sex"] == "M" else "Female"), ""]
        if conv == "ynq":
            L.append("%-38s|  Y  |  N  |  ?  |" % "Symptom")
        elif conv == "negtick":
            L.append(x.nz("Tick to confirm each red flag is ABSENT:"))
        elif conv == "ballot":
            L.append("Symptoms present (tick all that apply):")
        elif conv == "circled":
            L.append("Please circle:")
        elif conv == "twocol":
            L.append("Symptom checklist:")
        L += x.checklist(tops, conv)
        L += ["", "Clinical details:"]
        L += narrative(x)
        pr = x.priority("field")
        L += ["", "GP priority: %s" % pr if pr else "GP priority:", x.sign()]
        return compose(L)
    return fn


form_style("form_ynq", "ynq", "GASTROENTEROLOGY REFERRAL PROFORMA (Y / N / ?)")
form_style("form_tickcross", "tick", "Gastroenterology Referral - symptom screen (\u2713 = yes, \u2717 = no)")
form_style("form_circled", "circled", "GI REFERRAL FORM - please circle answers")
form_style("form_ballot", "ballot", "Gastroenterology Referral Form")
form_style("form_negticks", "negtick", "Gastro Referral - checklist of exclusions")
form_style("form_twocol", "twocol", "GASTROENTEROLOGY REFERRAL")


@style("form_nextline")
def s_nextline(x):
    L = ["Referral questionnaire - Gastroenterology", "Patient: %s %s" % (x.first, x.surname), "DOB: %s" % x.dob_s,
         "NHS number: %s" % x.nhs, "Completed by: %s" % x.gp, "Date completed: %s" % x.date_s, ""]
    if x.age_mode != "dob_only":
        L += ["Age?", x.age_text(["field", "yrs"]), ""]
    L += ["Sex?", "Male" if x.f["sex"] == "M" else "Female", ""]
    for row in x.checklist(["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "pain", "jaundice", "haematemesis"], "nextline"):
        L += [row, ""]
    covered = ["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "pain", "jaundice", "haematemesis"]
    other = [t for t in x.symptom_topics() if t not in covered]
    other = [x.sym(t, c=(i == 0)) for i, t in enumerate(other)]
    L += ["Other symptoms?", join_and(other) if other else "None", ""]
    rest = [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["Any other relevant information?", " ".join(r for r in rest if r) or "No", ""]
    pr = x.priority("field")
    L += ["Priority?", pr if pr else ""]
    return compose(L)


@style("quoted_clinic_letter")
def s_quoted(x):
    yr = x.ld.year - x.rng.randint(2, 6)
    qd = [i for i, d in enumerate(x.case["dplan"]) if d["kind"] == "quoted_past"]
    L = [x.practice, x.date_s, "", "Dear Gastroenterologist,", "",
         "Re: %s %s (DOB %s; NHS %s)" % (x.title, x.name, x.dob_s, x.nhs), ""]
    if qd:
        i = qd[0]
        x.rendered_d.add(i)
        q = x.dtext(x.case["dplan"][i])
        L.append("%s was known to your department. From the previous letter: \"%s.\"" % (x.P, cap(q)))
    else:
        L.append(x.fill("%s was seen in your clinic in %d with a different problem and discharged; the letter from then is on file." % (x.P, yr)))
    L.append("")
    L.append(intro(x).replace("Thank you for seeing", "I would be grateful if you could see again") + " " + sx_sentence(x))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", "Best wishes,", x.sign()]
    return compose(L)


@style("patient_list", compat=symptomatic_ok)
def s_plist(x):
    L = ["%s - referral letter" % x.practice, "Date: %s" % x.date_s, "",
         "Re: %s %s, DOB %s, NHS %s" % (x.title, x.name, x.dob_s, spaced(x.nhs)), "", "Dear Colleague,", "",
         intro(x) + " " + x.fill("%s brought a handwritten list of symptoms to the appointment, which I copy below:" % x.P), ""]
    lay_topics = [t for t in x.symptom_topics() if t not in ("other", "confusion")]
    for i, t in enumerate(lay_topics):
        L.append("  %d. %s" % (i + 1, x.sym(t, "lay")))
    L.append("")
    rest = [t for t in x.symptom_topics() if t in ("other", "confusion")]
    if rest:
        L.append("%s also mentioned %s." % (x.P, join_and([x.sym(t) for t in rest])))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", x.fill("With thanks,"), x.sign()]
    return compose(L)


@style("carer_account", compat=symptomatic_ok)
def s_carer(x):
    rel = x.ch(["daughter", "son", "husband" if x.f["sex"] == "F" else "wife", "niece"])
    L = ["Dear Doctor,", "", "Re: %s %s  DOB: %s  NHS No: %s  (letter date %s)" % (x.title, x.name, x.dob_s, x.nhs, x.date_s), ""]
    L.append(intro(x) + " " + x.fill("%s attended with %s %s, who gave most of the history." % (x.P, x.pos, rel)))
    lay_topics = [t for t in x.symptom_topics() if t not in ("other", "confusion")]
    CARER = ("dysphagia", "weight_loss", "rectal_bleeding", "cibh", "pain", "bloating", "haematemesis",
             "jaundice", "bloody_diarrhoea")
    q = [x.sym(t, "carer") if (t in CARER or (t == "reflux" and x.f["ppi_weeks"] is None)
                               or (t == "dyspepsia" and x.f["ppi_weeks"] is None))
         else "%s has had %s" % (x.p, x.sym(t)) for t in lay_topics]
    L.append("According to %s %s, %s." % (x.pos, rel, join_and(q)))
    rest = [t for t in x.symptom_topics() if t in ("other", "confusion")]
    if rest:
        L.append("I also noted %s." % join_and([x.sym(t) for t in rest]))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", x.fill("Yours faithfully,"), x.sign()]
    return compose(L)


def pharm_ok(f, rule):
    return rule not in ("A3", "O3") and (f["reflux"] or f["dyspepsia"] or f["cibh"] or f["bloating"])


@style("pharmacist_msg", compat=pharm_ok)
def s_pharm(x):
    f = x.f
    what = []
    if f["reflux"] or f["dyspepsia"]:
        what.append("Gaviscon and Rennie")
    if f["cibh"]:
        what.append("loperamide")
    if f["bloating"]:
        what.append("peppermint oil capsules")
    d = fmt_date(x.ld - dt.timedelta(days=x.rng.randint(7, 30)), "slash")
    L = [x.practice, "Referral letter, %s" % x.date_s, "", "Re: %s %s, DOB %s, NHS %s" % (x.title, x.name, x.dob_s, x.nhs), ""]
    L.append(x.fill("Message received from the community pharmacist (%s Pharmacy) on %s:" % (x.ch(["Boots", "Well", "Rowlands", "Jhoots"]), d)))
    L.append("  \"%s has been buying %s over the counter most weeks for the last couple of months. Could the GP review?\"" % (x.first, " and ".join(what)))
    L.append("")
    L.append(intro(x) + " " + sx_sentence(x, leads=["On review %s confirms " % x.p, "When I saw %s, %s described " % (x.obj, x.p)]))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", x.sign()]
    return compose(L)


def diet_ok(f, rule):
    return rule not in ("A3", "O3")


@style("dietitian_msg", compat=diet_ok)
def s_diet(x):
    f = x.f
    d1 = x.ld - dt.timedelta(days=x.rng.randint(100, 200))
    d2 = x.ld - dt.timedelta(days=x.rng.randint(3, 20))
    w1 = x.rng.randint(560, 980) / 10.0
    L = ["%s (%s)" % (x.practice, x.pcode), x.date_s, "", "Re: %s %s   DOB %s   NHS %s" % (x.title, x.name, x.dob_s, spaced(x.nhs)), "",
         "Dear Colleague,", ""]
    L.append(intro(x))
    if f["weight_loss"]:
        w2 = w1 - x.rng.randint(50, 110) / 10.0
        s1 = "Weight %s: %.1f kg; %s: %.1f kg" % (fmt_date(d1, "slash"), w1, fmt_date(d2, "slash"), w2)
        s2 = "%s is not trying to lose weight" % x.P
        x.reg("weight_loss", s1)
        x.reg("weight_loss", s2)
        L.append(x.fill("The community dietitian has been seeing %s and sent the following:" % x.obj))
        L.append("  \"%s. %s and %s appetite is poor.\"" % (s1, s2, x.pos))
        others = [t for t in x.symptom_topics() if t != "weight_loss"]
    else:
        s1 = "Weight %s: %.1f kg; %s: %.1f kg" % (fmt_date(d1, "slash"), w1, fmt_date(d2, "slash"), w1 + x.rng.choice([-0.3, 0.0, 0.4]))
        x.dz("negated", ["weight_loss"], s1)
        # the dietitian's stable weights replace any planned weight mention (no '? weight loss' beside them)
        for i, d in enumerate(x.case["dplan"]):
            if d["topics"] == ["weight_loss"]:
                x.rendered_d.add(i)
        L.append(x.fill("The community dietitian has been helping with %s diet and reports:" % x.pos))
        L.append("  \"%s - stable.\"" % s1)
        others = x.symptom_topics()
    sx = [x.sym(t) for t in others]
    if sx:
        L.append("%s also reports %s." % (x.P, join_and(sx)))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", x.sign()]
    return compose(L)


@style("anp_bullets")
def s_anp(x):
    L = ["Referral from Advanced Nurse Practitioner", "%s, %s" % (x.practice, x.date_s), "",
         "Patient: %s %s, DOB %s, NHS %s" % (x.first, x.surname, x.dob_s, x.nhs)]
    a = x.age_text(["yo", "aged"]) if x.age_mode != "dob_only" else ""
    L.append("")
    if a.startswith("aged"):
        who = "%s %s" % (x.sexword().capitalize(), a)
    elif a:
        who = "%s %s" % (a, x.sexword())
    else:
        who = x.sexword().capitalize()
    L.append("Summary: %s seen in minor illness clinic." % who)
    L.append("")
    for s in x.sx_all() + x.exam_all():
        L.append("\u2022 " + s)
    for b in x.background():
        L.append("\u2022 " + b)
    for v in x.vals_all():
        L.append("\u2022 " + v)
    for d in x.dis_all():
        L.append("\u2022 " + d)
    L += ["", "Discussed with %s (GP). %s" % (x.gp, x.priority()), "%s, ANP" % x.ch(["J. Harper", "S. Quinn", "M. Doyle"])]
    return compose(L)


@style("locum_abbrev")
def s_locum(x):
    a = x.age_text(["MF", "yo2", "y/o"]) if x.age_mode != "dob_only" else ""
    L = ["Locum GP referral - %s" % x.practice, "Pt: %s %s %s  DOB %s  NHS %s  Date %s" % (x.title, x.first, x.surname, x.dob_s, x.nhs, x.date_s), ""]
    sx = x.sx_all("abbr")
    L.append("%s%s" % ((a + " ") if a else "", x.ch([" / ".join(sx), "; ".join(sx), ", ".join(sx)]) if sx else x.fill("for review")))
    ex = x.exam_all("abbr")
    if ex:
        L.append("O/E: " + ", ".join(ex))
    L += x.background()
    vs = x.vals_all()
    if vs:
        L.append("Ix: " + " / ".join(vs))
    ds = x.dis_all()
    if ds:
        L.append("Also: " + "; ".join(ds))
    L += ["Imp: " + x.ch(["?cause", "for specialist opinion", "unclear"]), "Plan: refer. " + x.priority(), "Dr %s (locum)" % x.ch(["K. Baptiste", "A. Novak", "T. Reid"])]
    return compose(L)


@style("ocr_scanned")
def s_ocr(x):
    L = [x.fill("[Scanned document - text recognised automatically]"), x.fill("%s   Telephone 01632 %06d" % (x.practice, x.rng.randint(0, 999999))), "",
         "Date: %s" % x.date_s, "Patient: %s %s   DOB: %s   NHS No: %s" % (x.title, x.name, x.dob_s, spaced(x.nhs)), "",
         x.fill("Dear Consultant Gastroenterologist,"), ""]
    L.append(intro(x) + " " + sx_sentence(x))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", x.fill("Thank you for your kind attention to this referral."), x.fill("Yours sincerely"), x.sign(), "", x.fill("Page 1 of 1")]
    return compose(L)


RED_FLAG_TOPICS = ("dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "jaundice",
                   "weight_loss", "rectal_bleeding", "bloody_diarrhoea", "haematemesis")


@style("redflag_line")
def s_redflag(x):
    f = x.f
    L = ["Gastroenterology referral - %s (%s)" % (x.practice, x.pcode), "Date: %s" % x.date_s]
    L += header_block(x, age_field=True)
    L.append("")
    pos = [t for t in RED_FLAG_TOPICS if f[t]]
    if f["cibh"] and f["age"] >= 60:
        pos.append("cibh")
    ida = anaemic(f) and iron_deficient(f)
    fitpos = f["fit"] is not None and f["fit"] >= 10
    if not pos and not f["cibh"] and not ida and not fitpos and not anaemic(f) and not iron_deficient(f) \
            and not x.case["rule"].startswith("U"):
        L.append(x.nz("Red flags:") + " " + x.dz("negated", list(RED_FLAG_TOPICS), "none"))
    else:
        items = [x.sym(t, "abbr") for t in pos]
        if ida:
            items.append(x.reg("ida", "IDA"))
        if fitpos:
            items.append(x.val("fit"))
        if items:
            L.append(x.nz("Red flags:") + " " + ", ".join(items))
        else:
            L.append(x.nz("Red flags:"))
    L += ["", "History:"]
    others = [t for t in x.symptom_topics() if t not in pos]
    if others:
        L.append("%s %s." % (x.ch(["Symptoms:", "Also:"]), join_and([x.sym(t) for t in others])))
    ex = [x.sym(t) for t in x.exam_topics() if t not in pos]
    if ex:
        L.append("Examination: " + join_and(ex) + ".")
    L += x.background()
    L += [vals_sentence(x), dis_sentences(x)]
    pr = x.priority("field")
    L += ["", "Priority: %s" % pr if pr else "Priority:", x.sign()]
    return compose(L)


def results_ok(f, rule):
    return any(f[k] is not None for k in ("hb", "ferritin", "alt"))


@style("results_old_new", compat=results_ok)
def s_oldnew(x):
    L = ["%s - Referral with results" % x.practice, "Patient: %s %s  DOB %s  NHS %s" % (x.title, x.name, x.dob_s, x.nhs), "Date: %s" % x.date_s, "",
         x.ch(["Dear Colleague,", "Dear Dr,"]), "", intro(x) + " " + sx_sentence(x)]
    L += [exam_sentence(x)] + x.background()
    L += ["", "Results (latest first, previous alongside):"] + x.results_old_new()
    if x.f.get("fatty_liver"):
        L.append(x.val("fatty_liver", "cap"))
    if x.f.get("uss_normal"):
        L.append(x.val("uss_normal"))
    L += ["", dis_sentences(x), "", x.priority(), "", x.sign()]
    return compose(L)


@style("phone_consult_note")
def s_phone(x):
    d = x.ld - dt.timedelta(days=x.rng.randint(0, 5))
    ag = (", %s" % x.age_text(["yo2", "y/o", "yrs", "MF"])) if x.age_mode != "dob_only" else ""
    L = ["Telephone consultation - %s" % fmt_date(d, "slash"), "Clinician: %s" % x.gp,
         "Patient: %s %s%s, DOB %s, NHS %s" % (x.first, x.surname, ag, x.dob_s, x.nhs), "Referral generated: %s" % x.date_s, ""]
    L.append("Hx: " + (sx_sentence(x, leads=["%s rang about " % cap(x.p)]) or x.fill("follow-up call")))
    bg = x.background()
    L += [("Bg: " + " ".join(bg)) if bg else ""]
    ds = x.dis_all()
    if ds:
        L.append("Neg/other: " + "; ".join(ds))
    L.append("O/E: " + (exam_sentence(x) or x.fill("not examined - telephone")))
    vs = x.vals_all()
    if vs:
        L.append("Results: " + ", ".join(vs))
    L += ["Plan: " + x.fill("referral to gastroenterology.") + " " + x.priority(), x.sign()]
    return compose(L)


@style("discharge_summary_quote")
def s_dsq(x):
    adm = x.ld - dt.timedelta(days=x.rng.randint(20, 120))
    L = [x.practice, x.date_s, "", "Dear Gastroenterology Team,", "", "Re: %s %s  DOB %s  NHS %s" % (x.title, x.name, x.dob_s, x.nhs), ""]
    L.append(x.fill("%s was recently in hospital. Extract from the discharge summary (%s, %s):" % (x.P, x.hosp, fmt_date(adm, "slash"))))
    L.append("  \"" + x.fill("Admitted with a chest infection, treated with antibiotics, discharged home on day four.") + "\"")
    L.append("")
    L.append(intro(x) + " " + x.fill("Since discharge things have moved on.") + " " + sx_sentence(x))
    L += [exam_sentence(x)] + x.background() + [vals_sentence(x), dis_sentences(x)]
    L += ["", x.priority(), "", "Regards,", x.sign()]
    return compose(L)


# --------------------------------------------------------------------------------------------
# Distractor plan, priorities, assembly
# --------------------------------------------------------------------------------------------
def plan_distractors(f, rule, lid):
    rng = R(SET, lid, "distractors")
    pool = []

    def add(kind, topics):
        pool.append({"kind": kind, "topics": list(topics)})
    if not f["dysphagia"]:
        add("negated", ["dysphagia"])
        add("hypothetical", ["dysphagia"])
        add("resolved", ["dysphagia"])
    if not f["weight_loss"]:
        add("negated", ["weight_loss"])
        add("hypothetical", ["weight_loss"])
    if not f["rectal_bleeding"] and not f["bloody_diarrhoea"]:
        add("negated", ["rectal_bleeding"])
        add("resolved", ["rectal_bleeding"])
        add("hypothetical", ["rectal_bleeding"])
    if not f["cibh"] and not f["bloody_diarrhoea"]:
        add("negated", ["cibh"])
    if f["pain"] is None:
        add("negated", ["pain"])
    if not f["jaundice"]:
        add("negated", ["jaundice"])
        add("resolved", ["jaundice"])
    if not f["haematemesis"]:
        add("negated", ["haematemesis"])
        add("resolved", ["haematemesis"])
    if not f["abdominal_mass"]:
        add("negated", ["abdominal_mass"])
    if not (f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]):
        add("negated", ["rectal_mass"])
    if not f["reflux"] and not f["dyspepsia"]:
        add("negated", ["reflux", "dyspepsia"])
    if not f["bloating"]:
        add("negated", ["bloating"])
    if not anaemic(f) and not iron_deficient(f):
        add("resolved", ["ida"])
    add("family_history", ["fh_other"])
    add("quoted_past", ["past_investigation"])
    lower_sx = f["rectal_bleeding"] or f["cibh"] or f["pain"] is not None or f["bloating"] or f["weight_loss"]
    if f["fit"] is None and rule != "A3" and lower_sx:
        add("pending", ["fit"])
        add("hypothetical", ["fit"])
    if not f["dysphagia"] and not f["weight_loss"]:
        add("hypothetical", ["dysphagia", "weight_loss"])
    unc = [t for t in UNCERTAIN_TOPICS if not f[t] and decide(f, uncertain=[t]) == rule]
    rng.shuffle(pool)
    n = rng.randint(2, 5)
    chosen, used = [], set()
    if unc and rng.random() < .35:
        t = rng.choice(unc)
        chosen.append({"kind": "uncertain", "topics": [t]})
        used.add(t)
    for d in pool:
        if len(chosen) >= n:
            break
        key = d["topics"][0]
        if key in used:
            continue
        if d["kind"] == "hypothetical" and any(c["kind"] == "hypothetical" for c in chosen):
            continue
        chosen.append(d)
        used.update(d["topics"])
    return chosen


URG2CAT = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine",
           "advice_and_guidance": "advice"}
CAT_WORDS = {"usc": "urgent suspected cancer (2WW)", "urgent": "urgent", "routine": "routine",
             "advice": "advice only, no appointment"}


def pick_gp(urgency, disagree, rng):
    cat = URG2CAT[urgency]
    if not disagree:
        return None if rng.random() < .22 else cat
    alts = {"usc": ["urgent", "urgent", "routine"], "urgent": ["usc", "usc", "routine"],
            "routine": ["usc", "urgent", "urgent", "advice"], "advice": ["routine", "routine", "urgent", "usc"]}
    return rng.choice(alts[cat])


AGE_MODES = ["yo", "yo", "aged", "yo2", "yrs", "words", "MF", "y/o", "dob_only", "yo", "aged"]


def make_cases():
    order = []
    for rule, n in RULE_COUNTS:
        order += [rule] * n
    R(SET, "order").shuffle(order)
    disagree = [True] * 150 + [False] * 150
    R(SET, "disagree").shuffle(disagree)
    cases = []
    for i, rule in enumerate(order):
        lid = "L13-%04d" % (i + 1)
        f = build_facts(rule, lid)
        f = enrich(f, rule, lid)
        rng = R(SET, lid, "case")
        ld = dt.date(2023, 1, 9) + dt.timedelta(days=rng.randint(0, 900))
        while ld.weekday() >= 5:
            ld += dt.timedelta(days=1)
        am = rng.choice(AGE_MODES)
        boundary = None
        if rng.random() < .08:
            boundary = rng.choice(["today", "tomorrow"])
            am = "dob_only"
        dob = pick_dob(rng, f["age"], ld, boundary)
        if am == "dob_only" and boundary is None:
            # keep the birthday well away from the letter date (no doubt about which date counts)
            while True:
                last = shift_years(dob, ld.year - dob.year)
                if last > ld:
                    last = shift_years(dob, ld.year - dob.year - 1)
                nxt = shift_years(last, 1)
                if (ld - last).days > 60 and (nxt - ld).days > 7:
                    break
                dob = pick_dob(rng, f["age"], ld)
        urg, path = RULE_LABELS[rule]
        gp = pick_gp(urg, disagree[i], R(SET, lid, "gp"))
        cases.append({"id": lid, "rule": rule, "facts": f, "letter_date": ld, "dob": dob,
                      "age_mode": am, "dob_boundary": boundary, "gp_cat": gp,
                      "dplan": plan_distractors(f, rule, lid), "noise": False})
    return cases


MULTI_DATE_STYLES = ("consultant_other_trust", "ag_converted", "phone_consult_note", "vision_paste",
                     "systmone_coded")


def assign_styles(cases):
    names = list(STYLES)
    used = {n: 0 for n in names}
    comp = {}
    for c in cases:
        comp[c["id"]] = [n for n in names if (STYLES[n][1] is None or STYLES[n][1](c["facts"], c["rule"]))
                         and not (c["dob_boundary"] and n in MULTI_DATE_STYLES)]
    for c in sorted(cases, key=lambda c: (len(comp[c["id"]]), c["id"])):
        opts = comp[c["id"]]
        low = min(used[n] for n in opts)
        best = [n for n in opts if used[n] == low]
        c["style"] = R(SET, c["id"], "style").choice(best)
        used[c["style"]] += 1
    # light noise in about 10% of letters: every OCR letter plus a random draw of others
    rng = R(SET, "noise")
    ocr = [c for c in cases if c["style"] == "ocr_scanned"]
    for c in ocr:
        c["noise"] = True
    others = [c for c in cases if c["style"] != "ocr_scanned"]
    for c in rng.sample(others, 30 - len(ocr)):
        c["noise"] = True


def render(c):
    x = Ctx(c)
    text = STYLES[c["style"]][0](x)
    # every planned distractor must be rendered
    missing = [d for i, d in enumerate(c["dplan"]) if i not in x.rendered_d]
    if missing:
        extra = sentences([x.dtext(d, True) for d in missing])
        text = text.rstrip("\n") + "\n" + extra + "\n"
    return x, text


def self_check(c, x, text):
    f = c["facts"]
    for t, lst in x.ev.items():
        for s in lst:
            assert s in text, (c["id"], t, s)
    for d in x.dis:
        assert d["text"] in text, (c["id"], d)
    for s in x.neu:
        assert s in text, (c["id"], s)
    unc = [t for d in x.dis if d["kind"] == "uncertain" for t in d["topics"]]
    assert decide(f, uncertain=unc) == c["rule"], (c["id"], unc)
    # every positive fact has evidence
    for t in ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "jaundice",
              "weight_loss", "bloating", "cibh", "rectal_bleeding", "bloody_diarrhoea", "reflux",
              "dyspepsia", "haematemesis", "cirrhosis", "ascites", "confusion", "known_ibd",
              "ibd_stable", "ibd_question", "fh_crc"]:
        if f[t]:
            assert x.ev.get(t), (c["id"], t)
    if f["pain"]:
        assert x.ev.get("pain"), (c["id"], "pain")
    if f["ppi_weeks"] is not None:
        assert x.ev.get("ppi"), (c["id"], "ppi")
    for v in ["hb", "ferritin", "fit", "calprotectin", "alt", "ttg", "bilirubin"]:
        if f[v] is not None:
            assert x.ev.get(v), (c["id"], v)
    if f["fatty_liver"]:
        assert x.ev.get("fatty_liver"), (c["id"], "fatty_liver")
    if f["other"]:
        assert x.ev.get("other"), (c["id"], "other")
    if c["age_mode"] != "dob_only":
        assert x.age_ev, (c["id"], "age")
    if c["rule"] == "A3":
        assert x.ev.get("asymptomatic"), c["id"]
    assert x.dob_s in text and x.date_s in text, c["id"]


def main():
    cases = make_cases()
    assign_styles(cases)
    letters, metas = [], []
    for c in cases:
        x, text = render(c)
        self_check(c, x, text)
        urg, path = RULE_LABELS[c["rule"]]
        f = c["facts"]
        letters.append({"id": c["id"], "text": text, "urgency": urg, "pathway": path, "rule": c["rule"],
                        "style": c["style"], "gp_priority": CAT_WORDS.get(c["gp_cat"]), "age": f["age"]})
        facts = {k: v for k, v in f.items()}
        metas.append({"id": c["id"], "rule": c["rule"], "style": c["style"],
                      "sex": f["sex"], "age": f["age"], "dob": c["dob"].isoformat(),
                      "letter_date": c["letter_date"].isoformat(), "dob_text": x.dob_s,
                      "letter_date_text": x.date_s, "age_mode": c["age_mode"],
                      "dob_boundary": c["dob_boundary"], "age_evidence": x.age_ev,
                      "sex_evidence": "%s %s" % (x.title, x.first),
                      "facts": facts, "evidence": x.ev, "distractors": x.dis,
                      "neutral_mentions": x.neu, "gp_priority_category": c["gp_cat"],
                      "gp_priority_disagrees": c["gp_cat"] is not None and c["gp_cat"] != URG2CAT[urg],
                      "noise": c["noise"], "noise_log": x.noise_log})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for l in letters:
            fh.write(json.dumps(l, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d letters" % len(letters))


if __name__ == "__main__":
    main()
