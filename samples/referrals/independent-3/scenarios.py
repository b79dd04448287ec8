"""Clinical scenario builders for set 3: one builder per spec rule.

Each builder returns the structured facts of a case whose first matching rule is
intended to be that rule; make_set.py confirms it with engine.all_readings and
redraws when a case does not land (or lands differently under some reading).
"""
import datetime

NORMAL_HB = {"M": (134, 168), "F": (122, 152)}


def new_case(rng, lo, hi, sex=None):
    return {
        "age": rng.randint(lo, hi),
        "sex": sex or rng.choice("MF"),
        "sym": {},        # asserted symptoms / signs now -> details
        "neutral": [],    # asserted non-rule symptoms (tiredness, nausea ...)
        "res": {},        # results that count
        "hx": {"fh": [], "pmh": []},
        "ppi": None,
        "neg": [],        # negated red flags
        "resolved": [],   # past, resolved episodes
        "hypo": [],       # hypothetical / safety-net mentions
        "fit_status": None,
        "wl_intentional": False,
        "question": None,
        "exam_normal": True,
    }


def boundary_age(rng, c, values, p=0.2):
    if rng.random() < p:
        c["age"] = rng.choice(values)


def dur(rng, lo=2, hi=26):
    return rng.randint(lo, hi)


def add(c, key, **d):
    c["sym"][key] = d


def normal_fbc(rng, c, p=0.6):
    if rng.random() < p:
        lo, hi = NORMAL_HB[c["sex"]]
        c["res"]["hb"] = rng.randint(lo, hi)
        c["res"]["mcv"] = rng.randint(84, 98)
        if rng.random() < 0.5:
            c["res"]["ferritin"] = rng.randint(35, 260)


def normal_lft(rng, c, p=0.4):
    if rng.random() < p:
        c["res"]["alt"] = rng.randint(9, 36)
        c["res"]["bili"] = rng.randint(4, 19)
        c["res"]["alp"] = rng.randint(45, 120)


def fit_low(rng):
    form = rng.choice(["num", "num", "<4", "undetectable", "negative", "num"])
    if form == "num":
        v = rng.choice([0, 2, 3, 4, 5, 6, 7, 8, 9, 9])
        return {"raw": v, "eff": v}
    return {"raw": form, "eff": 0}


def fit_high(rng):
    v = rng.choice([10, 10, 11, 14, 18, 23, 37, 52, 88, 150, 212, 400, ">400"])
    if v == ">400":
        return {"raw": ">400", "eff": 401}
    return {"raw": v, "eff": v}


def wl(rng):
    kg = rng.choice([3, 4, 5, 6, 7, 8, 10, 12, 6.5])
    return {"kg": kg, "months": rng.choice([2, 3, 3, 4, 6])}


def ppi(rng, weeks):
    drug, dose = rng.choice([("omeprazole", "20 mg od"), ("omeprazole", "40 mg od"),
                             ("lansoprazole", "30 mg od"), ("esomeprazole", "20 mg od"),
                             ("lansoprazole", "15 mg od"), ("pantoprazole", "40 mg od")])
    return {"drug": drug, "dose": dose, "weeks": weeks}


# ---------------------------------------------------------------- builders

def b_U1(rng):
    c = new_case(rng, 28, 89)
    if rng.random() < 0.15:
        c["age"] = rng.randint(19, 38)
    add(c, "dysphagia", weeks=dur(rng, 2, 20),
        food=rng.choice(["solids", "bread and meat", "meat", "rice", "dry food", "tablets and bread"]),
        progressive=rng.random() < 0.5)
    r = rng.random()
    if r < 0.3:
        add(c, "reflux", weeks=dur(rng, 8, 100))
    elif r < 0.45:
        add(c, "weight_loss", **wl(rng))
    if rng.random() < 0.25:
        c["ppi"] = ppi(rng, rng.choice([4, 6, 8, 12]))
        if "reflux" not in c["sym"]:
            add(c, "reflux", weeks=dur(rng, 8, 60))
    normal_fbc(rng, c)
    return c


def b_U2(rng):
    c = new_case(rng, 38, 88)
    v = rng.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
    if v == "rectal_mass":
        add(c, v, cm=rng.choice([4, 5, 6, 7, 8]), wall=rng.choice(["anterior", "posterior", "left lateral", "right lateral"]))
    elif v == "anal_mass":
        add(c, v, mm=rng.choice([10, 15, 20, 25]))
    else:
        add(c, v, pos=rng.choice([1, 3, 5, 7, 9, 11]))
    if rng.random() < 0.5:
        add(c, "rectal_bleeding", weeks=dur(rng))
    if "rectal_bleeding" not in c["sym"]:
        c["neutral"].append("perianal discomfort")
    if rng.random() < 0.3:
        c["res"]["fit"] = fit_low(rng)   # low FIT does not override a mass
    normal_fbc(rng, c, 0.5)
    return c


def b_U3(rng):
    c = new_case(rng, 26, 86)
    c["res"]["fit"] = fit_high(rng)
    opts = ["cibh", "abdo_pain", "rectal_bleeding", "bloating", None]
    k = rng.choice(opts)
    if k == "cibh":
        add(c, "cibh", kind=rng.choice(["loose", "constipation", "alternating"]), weeks=dur(rng, 4, 30))
    elif k:
        add(c, k, weeks=dur(rng, 3, 30))
    if k is None:
        c["neutral"].append("tiredness")
    if rng.random() < 0.3:
        c["res"]["calpro"] = rng.choice([20, 35, 48, 60, 80])
    normal_fbc(rng, c, 0.7)
    return c


def b_U4(rng):
    c = new_case(rng, 22, 88)
    if c["sex"] == "M":
        hb = rng.choice([82, 91, 98, 104, 111, 117, 122, 126, 129])
    else:
        hb = rng.choice([71, 84, 92, 99, 103, 108, 112, 115, 117, 119])
    c["res"]["hb"] = hb
    c["res"]["ferritin"] = rng.choice([3, 4, 6, 8, 9, 11, 14, 17, 21, 29])
    c["res"]["mcv"] = rng.randint(66, 82)
    c["res"]["hb_unit"] = "g/dL" if rng.random() < 0.3 else "g/L"
    r = rng.random()
    if r < 0.3:
        c["res"]["fit"] = fit_low(rng)
    if rng.random() < 0.5:
        c["neutral"].append(rng.choice(["tiredness", "breathlessness on exertion"]))
    if rng.random() < 0.2 and c["age"] < 50:
        add(c, "bloating", weeks=dur(rng, 6, 40))
    normal_lft(rng, c)
    return c


def b_U5(rng):
    c = new_case(rng, 55, 87)
    boundary_age(rng, c, [55, 55, 56])
    add(c, "weight_loss", **wl(rng))
    ks = rng.sample(["upper_pain", "reflux", "dyspepsia"], rng.choice([1, 1, 2]))
    for k in ks:
        add(c, k, weeks=dur(rng, 4, 26))
    if rng.random() < 0.3:
        c["ppi"] = ppi(rng, rng.choice([2, 4, 6, 8, 10]))
        if "dyspepsia" not in c["sym"] and "reflux" not in c["sym"]:
            add(c, "dyspepsia", weeks=dur(rng, 6, 26))
    normal_fbc(rng, c, 0.7)
    return c


def b_U6(rng):
    c = new_case(rng, 30, 88)
    add(c, "abdo_mass", site=rng.choice(["right iliac fossa", "left iliac fossa", "right flank", "left flank", "suprapubic area"]),
        size=rng.choice(["5 cm", "6 x 4 cm", "fist-sized", "8 cm", "4 cm"]))
    if rng.random() < 0.4:
        add(c, "abdo_pain", weeks=dur(rng), site=rng.choice(["lower", "RIF", "LIF", "generalised"]))
    elif rng.random() < 0.6:
        c["neutral"].append("noticed lump")
    if rng.random() < 0.3:
        c["res"]["fit"] = fit_low(rng)
    normal_fbc(rng, c, 0.6)
    return c


def b_U7(rng):
    c = new_case(rng, 40, 88)
    boundary_age(rng, c, [40, 40, 41])
    add(c, "jaundice", weeks=dur(rng, 1, 6), painless=rng.random() < 0.7)
    c["res"]["bili"] = rng.choice([48, 67, 89, 123, 156, 210, 288])
    c["res"]["alp"] = rng.choice([310, 420, 560, 780, 190])
    c["res"]["alt"] = rng.choice([64, 92, 143, 210, 350, 512])
    if rng.random() < 0.3:
        c["neutral"].append("itching")
    if rng.random() < 0.3:
        add(c, "weight_loss", **wl(rng))
    return c


def b_U8(rng):
    v = rng.choice(["rb", "rb", "wlpain", "cibh", "cibh"])
    if v == "rb":
        c = new_case(rng, 50, 86)
        boundary_age(rng, c, [50, 50, 51])
        add(c, "rectal_bleeding", weeks=dur(rng, 2, 20))
        if rng.random() < 0.3 and c["age"] < 60:
            add(c, "cibh", kind=rng.choice(["loose", "constipation"]), weeks=dur(rng, 4, 20))
    elif v == "wlpain":
        c = new_case(rng, 40, 80)
        boundary_age(rng, c, [40, 41, 42])
        add(c, "weight_loss", **wl(rng))
        add(c, "abdo_pain", weeks=dur(rng), site=rng.choice(["lower", "LIF", "RIF", "generalised", "colicky"]))
    else:
        c = new_case(rng, 60, 89)
        boundary_age(rng, c, [60, 60, 61])
        add(c, "cibh", kind=rng.choice(["loose", "loose", "constipation", "alternating"]), weeks=dur(rng, 6, 26))
    c["fit_status"] = rng.choice([None, None, "awaited", "declined", "not_returned", "lost"])
    normal_fbc(rng, c, 0.6)
    return c


def b_R1(rng):
    v = rng.choice(["bd", "bd", "calp", "calp", "flare"])
    c = new_case(rng, 18, 49)
    if v == "bd":
        add(c, "bloody_diarrhoea", n=rng.choice([4, 5, 6, 8, 10]), weeks=dur(rng, 1, 8))
        if rng.random() < 0.4:
            c["res"]["calpro"] = rng.choice([320, 680, 1200, ">1800"])
    elif v == "calp":
        if rng.random() < 0.3:
            c["age"] = rng.randint(50, 72)
            c["res"]["fit"] = fit_low(rng)
        c["res"]["calpro"] = rng.choice([250, 262, 310, 450, 720, 980, 1500])
        add(c, "cibh", kind="loose", weeks=dur(rng, 4, 16))
        if rng.random() < 0.5:
            add(c, "abdo_pain", weeks=dur(rng, 4, 16), site=rng.choice(["RIF", "lower", "crampy"]))
    else:
        c["hx"]["ibd"] = {"type": rng.choice(["UC", "Crohn's"]), "since": rng.randint(2005, 2021), "stable": False,
                          "question": None}
        if rng.random() < 0.6:
            add(c, "bloody_diarrhoea", n=rng.choice([5, 6, 8]), weeks=dur(rng, 1, 4))
        else:
            c["res"]["calpro"] = rng.choice([410, 850, 1340])
            add(c, "cibh", kind="loose", weeks=dur(rng, 2, 6))
    c["res"].setdefault("crp", rng.choice([4, 12, 28, 46, 71]))
    normal_fbc(rng, c, 0.5)
    if "calpro" in c["res"] and c["res"]["calpro"] == ">1800":
        c["res"]["calpro"] = 1801
        c["res"]["calpro_raw"] = ">1800"
    return c


def b_R2(rng):
    v = rng.choice(["asc", "asc", "conf", "alt", "alt", "altyoung"])
    if v in ("asc", "conf"):
        c = new_case(rng, 38, 78)
        c["hx"]["cirrhosis"] = {"cause": rng.choice(["alcohol-related", "MASLD/NAFLD", "hepatitis C", "alcohol-related", "PBC"]),
                                "since": rng.randint(2014, 2023)}
        if v == "asc":
            add(c, "ascites", weeks=dur(rng, 1, 6))
        else:
            add(c, "confusion", weeks=1)
        c["res"]["alt"] = rng.choice([28, 34, 46, 58, 72])
        c["res"]["plt"] = rng.choice([62, 88, 104, 121])
        c["res"]["albumin"] = rng.choice([26, 29, 31, 34])
    else:
        c = new_case(rng, 22, 75)
        c["res"]["alt"] = rng.choice([300, 344, 412, 560, 890, 1240, 2100])
        c["neutral"].append(rng.choice(["nausea", "tiredness", "nausea"]))
        if v == "altyoung":
            c["age"] = rng.randint(19, 39)
            add(c, "jaundice", weeks=dur(rng, 1, 3), painless=False)
            c["res"]["bili"] = rng.choice([45, 78, 112])
        else:
            c["res"]["bili"] = rng.choice([9, 14, 18])
    return c


def b_R3(rng):
    c = new_case(rng, 19, 84)
    add(c, "haematemesis", n=rng.choice([1, 2, 3]), kind=rng.choice(["fresh", "coffee", "streaks"]))
    if rng.random() < 0.4:
        add(c, "dyspepsia" if rng.random() < 0.5 else "upper_pain", weeks=dur(rng, 2, 20))
    c["nsaid"] = rng.random() < 0.4
    lo, hi = NORMAL_HB[c["sex"]]
    c["res"]["hb"] = rng.randint(lo, hi)
    return c


def b_O1(rng):
    c = new_case(rng, 55, 86)
    boundary_age(rng, c, [55, 55, 56])
    add(c, "dyspepsia", weeks=dur(rng, 10, 60))
    c["ppi"] = ppi(rng, rng.choice([4, 4, 6, 8, 8, 12, 16, 26]))
    c["hpylori"] = rng.choice(["negative", "negative", "treated, now negative", None])
    normal_fbc(rng, c, 0.8)
    return c


def b_O2(rng):
    c = new_case(rng, 18, 72)
    c["res"]["calpro"] = rng.choice([100, 100, 118, 145, 172, 198, 230, 249])
    ks = rng.sample(["cibh", "abdo_pain", "bloating"], rng.choice([1, 2]))
    for k in ks:
        if k == "cibh":
            add(c, k, kind=rng.choice(["loose", "alternating"]), weeks=dur(rng, 6, 30))
        else:
            add(c, k, weeks=dur(rng, 6, 30), site=rng.choice(["lower", "crampy", "RIF"]))
    if c["age"] >= 50 or rng.random() < 0.3:
        c["res"]["fit"] = fit_low(rng)
    normal_fbc(rng, c, 0.6)
    return c


IBD_QUESTIONS = [
    ("any", "whether it is reasonable to reduce the mesalazine to a maintenance dose now that {he} has been well for two years"),
    ("any", "whether {he} can safely have the shingles vaccine while on azathioprine"),
    ("preg", "whether {he} should continue {his} mesalazine through a planned pregnancy"),
    ("any", "when the next surveillance colonoscopy is due, as the last one was in 2019"),
    ("any", "whether we should arrange a DEXA scan after the courses of steroids over the years"),
    ("any", "whether azathioprine can be stopped after five years of remission"),
    ("any", "how often the thiopurine blood monitoring needs to be done in primary care"),
    ("any", "whether the vitamin D and B12 levels need repeating routinely"),
]


def b_O3(rng):
    c = new_case(rng, 20, 76)
    t = rng.choice(["UC", "UC", "Crohn's", "Crohn's", "microscopic colitis"])
    if t == "microscopic colitis":
        t = "UC"
    ok = [q for k, q in IBD_QUESTIONS if k == "any" or (c["sex"] == "F" and c["age"] <= 42)]
    he, his = ("he", "his") if c["sex"] == "M" else ("she", "her")
    q = rng.choice(ok).format(he=he, his=his)
    c["hx"]["ibd"] = {"type": t, "since": rng.randint(1998, 2020), "stable": True, "question": q}
    if rng.random() < 0.5:
        c["res"]["calpro"] = rng.choice([18, 25, 40, 62, 84])
    normal_fbc(rng, c, 0.5)
    return c


def b_O4(rng):
    c = new_case(rng, 18, 68)
    c["res"]["ttg"] = {"pos": True, "v": rng.choice([12, 19, 34, 56, 88, 128, ">128", ">100"])}
    k = rng.choice(["bloating", "cibh", "none", "abdo_pain"])
    if k == "cibh":
        add(c, "cibh", kind="loose", weeks=dur(rng, 8, 40))
    elif k != "none":
        add(c, k, weeks=dur(rng, 8, 40), site="crampy")
    else:
        c["neutral"].append(rng.choice(["tiredness", "mouth ulcers"]))
    if c["age"] >= 50 and c["sym"]:
        c["res"]["fit"] = fit_low(rng)
    normal_fbc(rng, c, 0.7)
    return c


def b_O5(rng):
    c = new_case(rng, 24, 79)
    v = rng.choice(["alt", "alt", "usg", "both"])
    if v in ("alt", "both"):
        c["res"]["alt"] = rng.choice([40, 42, 48, 56, 67, 81, 97, 124, 160, 215, 299])
    else:
        c["res"]["alt"] = rng.choice([22, 31, 35, None])
        if c["res"]["alt"] is None:
            del c["res"]["alt"]
    if v in ("usg", "both"):
        c["hx"]["fatty_liver"] = rng.choice(["USS: diffusely echobright liver in keeping with fatty infiltration",
                                              "ultrasound showed a fatty liver",
                                              "US abdomen - hepatic steatosis, no focal lesion",
                                              "USS liver: moderate fatty change (NAFLD)"])
    c["res"]["bili"] = rng.randint(5, 18)
    c["bmi"] = rng.choice([27, 31, 34, 38, 29])
    normal_fbc(rng, c, 0.5)
    return c


def b_A1(rng):
    c = new_case(rng, 18, 49)
    boundary_age(rng, c, [48, 49, 49])
    ks = rng.sample(["abdo_pain", "bloating", "cibh"], rng.choice([1, 2, 2, 3]))
    for k in ks:
        if k == "cibh":
            add(c, k, kind=rng.choice(["loose", "alternating", "constipation"]), weeks=dur(rng, 8, 60))
        else:
            add(c, k, weeks=dur(rng, 8, 60), site=rng.choice(["lower", "crampy", "LIF", "generalised"]))
    t = rng.choice(["calp", "calp", "fit", "both"])
    if t in ("calp", "both"):
        c["res"]["calpro"] = rng.choice([5, 12, 20, 32, 45, 58, 76, 99])
    if t in ("fit", "both"):
        c["res"]["fit"] = fit_low(rng)
    c["res"]["ttg"] = {"pos": False, "v": rng.choice([0.4, 0.8, 1.1, "<1"])}
    normal_fbc(rng, c, 0.7)
    return c


def b_O6(rng):
    v = rng.choice(["old", "old", "old", "youngrb"])
    if v == "old":
        c = new_case(rng, 50, 86)
        ks = rng.sample(["rectal_bleeding", "cibh", "abdo_pain"], rng.choice([1, 1, 2]))
    else:
        c = new_case(rng, 20, 49)
        ks = ["rectal_bleeding"]
    for k in ks:
        if k == "cibh":
            add(c, k, kind=rng.choice(["loose", "constipation", "alternating"]), weeks=dur(rng, 6, 30))
        else:
            add(c, k, weeks=dur(rng, 3, 30), site=rng.choice(["lower", "LIF", "crampy"]))
    c["res"]["fit"] = fit_low(rng)
    normal_fbc(rng, c, 0.7)
    return c


def b_A2(rng):
    c = new_case(rng, 18, 54)
    boundary_age(rng, c, [53, 54, 54])
    ks = rng.sample(["dyspepsia", "reflux"], rng.choice([1, 1, 2]))
    for k in ks:
        add(c, k, weeks=dur(rng, 4, 80))
    if rng.random() < 0.6:
        c["ppi"] = ppi(rng, rng.choice([2, 4, 6, 8, 12, 26]))
    c["hpylori"] = rng.choice(["negative", "positive, eradicated", None, "negative"])
    normal_fbc(rng, c, 0.5)
    return c


FH_REL = ["mother", "father", "brother", "sister", "paternal uncle", "maternal aunt", "grandfather", "son"]


def b_A3(rng):
    c = new_case(rng, 24, 66)
    n = rng.choice([1, 1, 2])
    rels = rng.sample(["mother", "father", "brother", "sister"], n)
    for rel in rels:
        c["hx"]["fh"].append({"rel": rel, "ca": "crc", "age": rng.choice([44, 48, 52, 58, 63, 71, 38])})
    c["hx"]["fh_crc"] = True
    c["question"] = rng.choice(["screening", "colonoscopy", "genetics"])
    if rng.random() < 0.4:
        normal_fbc(rng, c, 1.0)
    return c


def b_D(rng):
    v = rng.choice(["irondef", "anaemia_nofe", "dysp_old", "young_pain", "young_rb", "cirr_stable",
                    "gilbert", "cibh_50s", "polyps", "irondef", "dysp_old", "young_pain"])
    if v == "irondef":
        c = new_case(rng, 20, 75)
        c["res"]["hb"] = rng.choice([120, 121, 124, 128]) if c["sex"] == "F" else rng.choice([130, 131, 136, 142])
        c["res"]["ferritin"] = rng.choice([6, 9, 12, 18, 25, 29])
        c["res"]["mcv"] = rng.randint(78, 88)
        c["neutral"].append("tiredness")
    elif v == "anaemia_nofe":
        c = new_case(rng, 30, 85)
        c["res"]["hb"] = rng.choice([98, 104, 109, 112]) if c["sex"] == "F" else rng.choice([104, 112, 118, 124])
        c["res"]["ferritin"] = rng.choice([30, 45, 88, 160, 240])
        c["res"]["mcv"] = rng.choice([96, 104, 109, 90])
        c["neutral"].append("tiredness")
    elif v == "dysp_old":
        c = new_case(rng, 55, 84)
        add(c, "dyspepsia", weeks=dur(rng, 4, 30))
        if rng.random() < 0.5:
            c["ppi"] = ppi(rng, rng.choice([1, 2, 3]))
        c["hpylori"] = rng.choice(["negative", None])
        normal_fbc(rng, c, 0.8)
    elif v == "young_pain":
        c = new_case(rng, 18, 49)
        ks = rng.sample(["abdo_pain", "cibh", "bloating"], rng.choice([1, 2]))
        for k in ks:
            if k == "cibh":
                add(c, k, kind=rng.choice(["loose", "alternating", "constipation"]), weeks=dur(rng, 8, 50))
            else:
                add(c, k, weeks=dur(rng, 8, 50), site=rng.choice(["lower", "crampy", "generalised"]))
        normal_fbc(rng, c, 0.5)
    elif v == "young_rb":
        c = new_case(rng, 19, 49)
        add(c, "rectal_bleeding", weeks=dur(rng, 2, 20))
        normal_fbc(rng, c, 0.6)
    elif v == "cirr_stable":
        c = new_case(rng, 45, 78)
        c["hx"]["cirrhosis"] = {"cause": rng.choice(["alcohol-related", "NAFLD", "hepatitis B"]), "since": rng.randint(2012, 2022)}
        c["res"]["alt"] = rng.choice([18, 24, 31, 36])
        c["cirr_request"] = True
    elif v == "gilbert":
        c = new_case(rng, 18, 34)
        add(c, "jaundice", weeks=1, painless=True, mild=True)
        c["res"]["bili"] = rng.choice([28, 34, 41, 46])
        c["res"]["alt"] = rng.choice([14, 19, 23, 27])
        c["res"]["alp"] = rng.choice([58, 72, 88])
        normal_fbc(rng, c, 1.0)
    elif v == "cibh_50s":
        c = new_case(rng, 50, 59)
        boundary_age(rng, c, [59, 59])
        add(c, "cibh", kind=rng.choice(["loose", "constipation", "alternating"]), weeks=dur(rng, 6, 30))
        normal_fbc(rng, c, 0.6)
    else:
        c = new_case(rng, 52, 79)
        c["polyps"] = rng.choice([2016, 2018, 2019, 2020])
        normal_fbc(rng, c, 0.4)
    c["dvar"] = v
    return c


BUILDERS = {"U1": b_U1, "U2": b_U2, "U3": b_U3, "U4": b_U4, "U5": b_U5, "U6": b_U6,
            "U7": b_U7, "U8": b_U8, "R1": b_R1, "R2": b_R2, "R3": b_R3, "O1": b_O1,
            "O2": b_O2, "O3": b_O3, "O4": b_O4, "O5": b_O5, "A1": b_A1, "O6": b_O6,
            "A2": b_A2, "A3": b_A3, "D": b_D}


# ------------------------------------------------------- distractors

NEG_KEYS = ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice",
            "abdo_mass", "cibh", "melaena", "vomiting", "night_sweats", "anaemia"]
RES_KEYS = ["rectal_bleeding", "haematemesis", "jaundice", "dysphagia", "ida", "weight_loss", "anal_fissure"]
HYP_KEYS = ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice", "melaena", "vomiting", "mass"]
FH_OTHER = [("oesophageal", "father"), ("gastric", "grandfather"), ("pancreatic", "mother"),
            ("crohns", "sister"), ("coeliac", "brother"), ("uc", "mother"), ("crc", None)]


def add_distractors(rng, c):
    from engine import derived
    s = c["sym"]
    anaemia, irondef, fit = derived(c)
    # negations
    cand = [k for k in NEG_KEYS if k not in s]
    if anaemia or ("hb" not in c["res"] and "ferritin" in c["res"]):
        cand = [k for k in cand if k != "anaemia"]
    if "bloody_diarrhoea" in s:
        cand = [k for k in cand if k not in ("rectal_bleeding", "cibh")]
    if set(s) & {"abdo_mass", "rectal_mass", "anal_mass", "anal_ulcer", "ascites"}:
        cand = [k for k in cand if k != "abdo_mass"]
    rng.shuffle(cand)
    c["neg"] = cand[:rng.choice([0, 1, 2, 2, 3, 3, 4, 5])]
    # intentional weight loss mentioned (not a fact)
    if "weight_loss" not in s and rng.random() < 0.07:
        c["wl_intentional"] = True
        c["neg"] = [k for k in c["neg"] if k != "weight_loss"]
    # resolved past episodes
    if rng.random() < 0.35:
        cand = [k for k in RES_KEYS if k not in s and not (k == "ida" and (anaemia or irondef))]
        if "bloody_diarrhoea" in s:
            cand = [k for k in cand if k != "rectal_bleeding"]
        c["resolved"] = rng.sample(cand, rng.choice([1, 1, 2]))
    # hypotheticals / safety-netting
    if rng.random() < 0.55:
        cand = [k for k in HYP_KEYS if k not in s and not (k == "mass" and (set(s) & {"abdo_mass", "rectal_mass", "anal_mass"}))]
        if "bloody_diarrhoea" in s:
            cand = [k for k in cand if k != "rectal_bleeding"]
        c["hypo"] = rng.sample(cand, rng.choice([1, 2, 2, 3]))
    # family history
    if rng.random() < 0.4 and not c["hx"]["fh"]:
        ca, rel = rng.choice(FH_OTHER)
        if ca == "crc":
            rel = rng.choice(FH_REL)
            c["hx"]["fh"].append({"rel": rel, "ca": "crc", "age": rng.choice([55, 62, 68, 74, 79, 81])})
            c["hx"]["fh_crc"] = True
        else:
            c["hx"]["fh"].append({"rel": rel, "ca": ca, "age": rng.choice([58, 66, 72, 77, None])})
    return c


PMH_POOL = [
    ("Essential hypertension", True), ("Type 2 diabetes mellitus", True), ("Asthma", True),
    ("Hypothyroidism", True), ("Osteoarthritis of knee", True), ("Depression", True),
    ("Hypercholesterolaemia", True), ("Atrial fibrillation", True), ("COPD", True),
    ("Migraine", True), ("Gout", True), ("Anxiety state", True),
    ("Appendicectomy", False), ("Cholecystectomy", False), ("Fractured wrist", False),
    ("Tonsillectomy", False), ("Hysterectomy", False), ("Inguinal hernia repair", False),
    ("Chest infection", False), ("Low back pain", False), ("Carpal tunnel release", False),
    ("Caesarean section", False), ("Pneumonia", False), ("Haemorrhoids", False),
    ("Glandular fever", False), ("Measles", False), ("Fractured tibia", False), ("Plantar fasciitis", False),
    ("Sciatica", False), ("Otitis media", False), ("Cellulitis of leg", False), ("Dental abscess", False),
    ("Benign prostatic hypertrophy", True), ("Psoriasis", True), ("Glaucoma", True), ("Sleep apnoea", True),
]

MED_FOR = {
    "Essential hypertension": [("Amlodipine", "5 mg od"), ("Ramipril", "5 mg od"), ("Indapamide", "2.5 mg od")],
    "Type 2 diabetes mellitus": [("Metformin", "500 mg bd"), ("Metformin", "1 g bd"), ("Gliclazide", "80 mg bd")],
    "Asthma": [("Clenil Modulite", "100 mcg 2 puffs bd"), ("Salbutamol inhaler", "100 mcg prn")],
    "Hypothyroidism": [("Levothyroxine", "75 mcg od"), ("Levothyroxine", "100 mcg od")],
    "Osteoarthritis of knee": [("Paracetamol", "1 g qds prn"), ("Co-codamol 30/500", "2 qds prn")],
    "Depression": [("Sertraline", "50 mg od"), ("Citalopram", "20 mg od"), ("Mirtazapine", "15 mg on")],
    "Hypercholesterolaemia": [("Atorvastatin", "20 mg on"), ("Simvastatin", "40 mg on")],
    "Atrial fibrillation": [("Apixaban", "5 mg bd"), ("Bisoprolol", "2.5 mg od")],
    "COPD": [("Trimbow", "2 puffs bd"), ("Salbutamol inhaler", "100 mcg prn")],
    "Migraine": [("Sumatriptan", "50 mg prn")],
    "Gout": [("Allopurinol", "300 mg od")],
    "Anxiety state": [("Propranolol", "10 mg tds prn")],
}


def add_background(rng, c, letter_year):
    n = rng.choice([0, 1, 2, 2, 3, 4, 5])
    if c.get("long"):
        n = rng.choice([6, 7, 8, 9])
    items = rng.sample(PMH_POOL, n)
    pmh = []
    for name, active in items:
        if not active and name == "Haemorrhoids" and ("rectal_bleeding" in c["sym"]):
            continue
        if name == "Hysterectomy" and c["sex"] == "M":
            continue
        if name == "Caesarean section" and c["sex"] == "M":
            continue
        if name == "Benign prostatic hypertrophy" and c["sex"] == "F":
            continue
        yr = rng.randint(max(letter_year - c["age"] + 3, 1965), letter_year - 1)
        pmh.append({"name": name, "active": active, "year": yr})
    c["hx"]["pmh"] = sorted(pmh, key=lambda p: (not p["active"], -p["year"]))
    meds = []
    for p in c["hx"]["pmh"]:
        if p["active"] and p["name"] in MED_FOR:
            drug, dose = rng.choice(MED_FOR[p["name"]])
            meds.append({"drug": drug, "dose": dose, "start": rng.randint(max(p["year"], letter_year - 12), letter_year),
                         "for": p["name"]})
    # age-appropriate years (post-adjusted so the random stream is unchanged):
    # adult conditions no earlier than a plausible age; items impossible at this age are dropped.
    birth = letter_year - c["age"]
    keep = []
    for p in c["hx"]["pmh"]:
        lo = birth + MIN_AGE.get(p["name"], 16)
        if lo > letter_year - 1:
            continue
        if p["year"] < lo:
            span = letter_year - lo
            p["year"] = lo + (p["year"] - birth) % max(1, span)
        keep.append(p)
    names = {p["name"]: p["year"] for p in keep}
    c["hx"]["pmh"] = sorted(keep, key=lambda p: (not p["active"], -p["year"]))
    c["meds"] = []
    for m in meds:
        if m["for"] in names:
            m["start"] = max(m["start"], names[m["for"]])
            del m["for"]
            c["meds"].append(m)
    return c


MIN_AGE = {"Essential hypertension": 30, "Type 2 diabetes mellitus": 30, "Hypothyroidism": 20,
           "Osteoarthritis of knee": 40, "Depression": 16, "Hypercholesterolaemia": 30, "Atrial fibrillation": 40,
           "COPD": 40, "Migraine": 12, "Gout": 30, "Anxiety state": 14, "Cholecystectomy": 20,
           "Hysterectomy": 35, "Inguinal hernia repair": 18, "Low back pain": 18, "Carpal tunnel release": 25,
           "Caesarean section": 18, "Haemorrhoids": 18, "Sciatica": 20, "Cellulitis of leg": 16,
           "Benign prostatic hypertrophy": 45, "Psoriasis": 12, "Glaucoma": 40, "Sleep apnoea": 30,
           "Plantar fasciitis": 20, "Asthma": 3, "Appendicectomy": 6, "Fractured wrist": 5, "Tonsillectomy": 3,
           "Chest infection": 1, "Pneumonia": 1, "Glandular fever": 12, "Measles": 1, "Fractured tibia": 5,
           "Otitis media": 1, "Dental abscess": 8}


def ibd_meds(rng, c, letter_year):
    ibd = c["hx"].get("ibd")
    if not ibd:
        return
    if ibd["type"] == "UC":
        d = rng.choice([("Mesalazine (Octasa)", "1.6 g bd"), ("Mesalazine (Pentasa)", "2 g bd"), ("Azathioprine", "100 mg od")])
    else:
        d = rng.choice([("Azathioprine", "125 mg od"), ("Adalimumab", "40 mg sc fortnightly (hospital)"), ("Mercaptopurine", "50 mg od")])
    if ibd.get("question") and "azathioprine" in ibd["question"]:
        d = ("Azathioprine", "100 mg od")
    if ibd.get("question") and "mesalazine" in ibd["question"]:
        d = ("Mesalazine (Octasa)", "1.6 g bd")
    if ibd.get("question") and "thiopurine" in ibd["question"]:
        d = ("Azathioprine", "125 mg od")
    c["meds"].append({"drug": d[0], "dose": d[1], "start": max(ibd["since"], letter_year - 8)})


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def set_dates(rng, c):
    start = datetime.date(2023, 1, 9)
    letter = start + datetime.timedelta(days=rng.randint(0, 900))
    if letter.weekday() >= 5:
        letter += datetime.timedelta(days=7 - letter.weekday())
    age = c["age"]
    # pick a birthday; sometimes deliberately close to the letter date
    if rng.random() < 0.18:
        off = rng.choice([-9, -5, -2, -1, 1, 3, 6, 12])
        bday_this_year = letter + datetime.timedelta(days=off)
        y = bday_this_year.year - age - (1 if off > 0 else 0)
        if off > 0 and bday_this_year.year > letter.year:
            y = bday_this_year.year - age - 1
        try:
            dob = bday_this_year.replace(year=y)
        except ValueError:
            dob = datetime.date(y, 2, 28)
    else:
        y = letter.year - age - 1
        dob = datetime.date(y, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
    # normalise so that age_on(dob, letter) == age
    a = age_on(dob, letter)
    if a != age:
        try:
            dob = dob.replace(year=dob.year + (a - age))
        except ValueError:
            dob = datetime.date(dob.year + (a - age), 2, 28)
    assert age_on(dob, letter) == age, (dob, letter, age)
    c["dob"] = dob
    c["date"] = letter
    return c
