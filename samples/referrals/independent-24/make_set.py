#!/usr/bin/env python3
"""Generator for test set "letters24": 300 gastroenterology referral letters.

Python 3 standard library only.  Every random choice is seeded from a string,
so reruns give byte-identical output files.  Labels follow
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
"""
import datetime as dt
import hashlib
import json
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
SEED = "letters24"


def R(*parts):
    return random.Random(SEED + ":" + ":".join(str(p) for p in parts))


# ---------------------------------------------------------------- rules engine
class Ambiguous(Exception):
    pass


def lt(x, thr):
    """x = (op, value); True if the value is certainly below thr."""
    op, v = x
    if op == "=":
        return v < thr
    if op == "<":
        if v <= thr:
            return True
        raise Ambiguous("cannot place %r against %s" % (x, thr))
    if op == ">":
        if v >= thr:
            return False
        raise Ambiguous("cannot place %r against %s" % (x, thr))
    raise ValueError(op)


A1_SX = {"abdominal_pain", "bloating", "cibh"}
SYMPTOMS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "abdominal_mass",
            "jaundice", "rectal_bleeding", "cibh", "abdominal_pain", "upper_abdominal_pain",
            "weight_loss", "dyspepsia", "reflux", "bloody_diarrhoea", "haematemesis", "bloating"}


def decide(F):
    """F: engine facts. Returns rule id.  Raises Ambiguous for scenarios whose
    label would depend on how a loose word of the spec is read."""
    sx = set(F["sx"])
    age, sex = F["age"], F["sex"]
    newest = lambda k: F["labs"][k][-1] if F["labs"].get(k) else None
    hb, fer, fit, cal, alt = (newest(k) for k in ("hb", "ferritin", "fit", "calprotectin", "alt"))
    anaemia = hb is not None and lt(hb, 130 if sex == "M" else 120)
    irondef = fer is not None and lt(fer, 30)
    fit_hi = fit is not None and not lt(fit, 10)
    fit_lo = fit is not None and lt(fit, 10)
    ppi = F.get("ppi")
    trd = "dyspepsia" in sx and ppi is not None and not lt(ppi, 4)
    wl = "weight_loss" in sx
    # guards against loose readings
    if "upper_abdominal_pain" in sx and not (age >= 55 and wl):
        raise Ambiguous("upper abdominal pain outside U5")
    if "dyspepsia" in sx and (fit is not None or cal is not None):
        raise Ambiguous("dyspepsia with FIT/calprotectin (is dyspepsia abdominal pain?)")
    if "dyspepsia" in sx and wl and 40 <= age < 55:
        raise Ambiguous("dyspepsia + weight loss 40-54 (U8 abdominal pain?)")
    if "rectal_bleeding" in sx and F.get("cibh_detail") == "loose":
        raise Ambiguous("rectal bleeding with loose stools (bloody diarrhoea?)")
    if "bloody_diarrhoea" in sx and ("rectal_bleeding" in sx or "cibh" in sx):
        raise Ambiguous("both")
    if "bloody_diarrhoea" in sx and age >= 50 and fit is None:
        raise Ambiguous("bloody diarrhoea >= 50 without FIT (U8 rectal bleeding / CIBH?)")
    if "dysphagia" in sx:
        return "U1"
    if sx & {"rectal_mass", "anal_mass", "anal_ulceration"}:
        return "U2"
    if fit_hi:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and wl and sx & {"upper_abdominal_pain", "reflux", "dyspepsia"}:
        return "U5"
    if "abdominal_mass" in sx:
        return "U6"
    if age >= 40 and "jaundice" in sx:
        return "U7"
    if fit is None and ((age >= 50 and "rectal_bleeding" in sx)
                        or (age >= 40 and wl and "abdominal_pain" in sx)
                        or (age >= 60 and "cibh" in sx)):
        return "U8"
    if "bloody_diarrhoea" in sx or (cal is not None and not lt(cal, 250)):
        return "R1"
    if F.get("cirrhosis") in ("ascites", "confusion") or (alt is not None and not lt(alt, 300)):
        return "R2"
    if "haematemesis" in sx:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and not lt(cal, 100) and lt(cal, 250):
        return "O2"
    if F.get("ibd_stable_question"):
        return "O3"
    if F.get("ttg") == "raised":
        return "O4"
    if (alt is not None and not lt(alt, 40)) or F.get("fatty_liver"):
        return "O5"
    a1_test = (cal is not None and lt(cal, 100)) or fit_lo
    if age < 50 and sx & A1_SX and a1_test:
        other = (sx - A1_SX) or anaemia or irondef or F.get("cirrhosis") or F.get("ibd_known") \
            or F.get("ttg") == "raised" or F.get("fatty_liver") or ppi is not None
        if other:
            raise Ambiguous("A1 with another fact")
        return "A1"
    if sx & {"rectal_bleeding", "cibh", "abdominal_pain"} and fit_lo:
        return "O6"
    if age < 55 and sx & {"dyspepsia", "reflux"}:
        return "A2"
    if F.get("fh_crc") and not sx:
        if anaemia or irondef or F.get("cirrhosis") or F.get("ibd_known") or ppi is not None:
            raise Ambiguous("A3 with abnormal finding")
        return "A3"
    if F.get("fh_crc") and not sx:
        return "A3"
    return "D"


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

# ---------------------------------------------------------------- scenarios
# lab entry: (op, value, fmt); a list per lab, oldest first (newest decides)


def L(v, fmt="plain", op="="):
    return (op, v, fmt)


SCEN = []


def sc(rule, age, sex=None, sx=(), near=(), mode=None, dob=None, labs=None, ppi=None,
       cibh=None, **kw):
    d = dict(rule=rule, age=age, sex=sex, sx=list(sx), near=list(near), mode=mode,
             dob_offset=dob, labs=labs or {}, ppi=ppi, cibh_detail=cibh)
    d.update(kw)
    SCEN.append(d)


# U1 dysphagia, any age
for i, (a, s, extra) in enumerate([(23, "F", {}), (34, "M", {"sx": ["reflux"]}), (47, "F", {}),
                                   (52, "M", {}), (58, "F", {}), (63, "M", {"sx": ["weight_loss"]}),
                                   (67, "F", {}), (71, "M", {"sx": ["cibh"], "labs": {"fit": [L(3)]},
                                                             "cibh": "loose"}),
                                   (76, "M", {}), (80, "F", {}), (84, "M", {}), (88, "F", {}),
                                   (91, "M", {}), (45, "M", {"labs": {"hb": [L(131)]}})]):
    sc("U1", a, s, sx=["dysphagia"] + extra.get("sx", []), labs=extra.get("labs"),
       cibh=extra.get("cibh"))

# U2
for a, s, k, extra in [(62, "M", "rectal_mass", {}), (74, "F", "rectal_mass", {"labs": {"fit": [L(4)]},
                                                                                "sx": ["rectal_bleeding"]}),
                       (58, "M", "rectal_mass", {}), (81, "F", "rectal_mass", {}),
                       (49, "F", "anal_mass", {}), (66, "M", "anal_mass", {}),
                       (38, "M", "anal_ulceration", {}), (57, "F", "anal_ulceration", {})]:
    sc("U2", a, s, sx=[k] + extra.get("sx", []), labs=extra.get("labs"))

# U3 FIT >= 10
for a, s, sx_, fit, near, cb in [
        (45, "F", ["cibh"], [L(10)], ["FIT=10"], "loose"),
        (38, "M", ["rectal_bleeding"], [L(10, "ugg")], ["FIT=10"], None),
        (29, "F", ["abdominal_pain"], [L(11)], ["FIT 11 (10+1)"], None),
        (62, "M", ["cibh"], [L(10.1)], ["FIT 10.1"], "constipation"),
        (55, "F", ["bloating"], [L(10, "gt", ">")], ["FIT >10"], None),
        (70, "M", ["rectal_bleeding"], [L(52, "qfit")], [], None),
        (48, "F", ["cibh"], [L(23, "ugg")], [], "loose"),
        (66, "M", ["abdominal_pain"], [L(150, "ughbg")], [], None),
        (81, "F", ["cibh"], [L(400, "gt", ">")], [], "loose"),
        (52, "M", ["rectal_bleeding"], [L(6), L(12)], ["repeat FIT under->over"], None),
        (35, "F", ["abdominal_pain"], [L(4), L(10)], ["repeat FIT under->10"], None),
        (59, "M", ["cibh"], [L(10, "table")], ["FIT=10 table"], "loose"),
        (42, "F", ["bloating", "abdominal_pain"], [L(10)], ["FIT=10"], None),
        (73, "M", ["weight_loss", "abdominal_pain"], [L(11, "ugg")], ["FIT 11"], None),
        (26, "F", ["rectal_bleeding"], [L(14)], [], None),
        (64, "M", ["cibh"], [L(10, "table")], ["FIT=10 table"], "loose")]:
    labs = {"fit": fit}
    if a == 64:
        labs["calprotectin"] = [L(40)]
    sc("U3", a, s, sx=sx_, labs=labs, near=near, cibh=cb)

# U4 IDA
for a, s, hb, fer, near, sx_ in [
        (67, "M", [L(129, "gl")], [L(12)], ["Hb 129 man"], ["cibh"]),
        (58, "M", [L(129, "gdl")], [L(8)], ["Hb 12.9 g/dL man"], []),
        (44, "F", [L(119)], [L(29)], ["Hb 119 woman", "ferritin 29"], []),
        (71, "F", [L(119, "gdl")], [L(15)], ["Hb 11.9 g/dL woman"], ["bloating"]),
        (36, "F", [L(104)], [L(29, "ugl")], ["ferritin 29"], []),
        (80, "M", [L(98)], [L(30, "under", "<")], ["ferritin just under 30"], []),
        (52, "F", [L(120, "under_gdl", "<")], [L(6)], ["Hb just under 12 g/dL woman"], []),
        (75, "M", [L(134), L(126)], [L(11)], ["repeat Hb over->under"], []),
        (63, "F", [L(118)], [L(34), L(22)], ["repeat ferritin over->under"], []),
        (49, "M", [L(112)], [L(5, "plain", "<")], [], ["abdominal_pain"]),
        (28, "F", [L(96, "gdl")], [L(4)], [], []),
        (90, "M", [L(105, "gdl")], [L(18)], [], []),
        (58, "F", [L(118, "table115")], [L(20, "table15")], ["Hb 118 inside lab range, woman", "ferritin 20 inside lab range"], []),
        (61, "M", [L(128, "table")], [L(25, "table")], ["Hb 128 table man"], [])]:
    sc("U4", a, s, sx=sx_, labs={"hb": hb, "ferritin": fer}, near=near,
       cibh="constipation" if "cibh" in sx_ else None,
       **({"fit_pending": True} if "cibh" in sx_ else {}))

# U5 age >= 55, weight loss + upper GI symptom
for a, s, k, mode, dob in [(55, "M", "dyspepsia", "dob", -3), (55, "F", "upper_abdominal_pain", "num", None),
                           (56, "M", "reflux", None, None), (63, "F", "upper_abdominal_pain", None, None),
                           (70, "M", "dyspepsia", None, None), (78, "F", "reflux", None, None),
                           (84, "M", "upper_abdominal_pain", None, None), (59, "F", "dyspepsia", None, None),
                           (67, "M", "reflux", None, None), (55, "F", "reflux", "words", None)]:
    sc("U5", a, s, sx=["weight_loss", k], mode=mode, dob=dob,
       near=["age 55"] if a == 55 else [])

# U6 abdominal mass
for a, s in [(45, "F"), (58, "M"), (71, "F"), (83, "M"), (33, "F"), (66, "M")]:
    sc("U6", a, s, sx=["abdominal_mass"])

# U7 age >= 40 with jaundice
for a, s, mode, dob in [(40, "M", "dob", -2), (40, "F", "num", None), (41, "M", None, None),
                        (40, "F", "words", None), (52, "M", None, None), (68, "F", None, None),
                        (77, "M", None, None), (89, "F", None, None)]:
    sc("U7", a, s, sx=["jaundice"], mode=mode, dob=dob, near=["age 40"] if a in (40, 41) else [])

# U8 no FIT and ...
for a, s, sx_, mode, dob, cb, kw in [
        (50, "M", ["rectal_bleeding"], "dob", -4, None, {}),
        (50, "F", ["rectal_bleeding"], "num", None, None, {}),
        (51, "M", ["rectal_bleeding"], None, None, None, {}),
        (68, "F", ["rectal_bleeding"], None, None, None, {}),
        (50, "M", ["rectal_bleeding"], "words", None, None, {}),
        (73, "F", ["rectal_bleeding"], None, None, None, {"fit_pending": True}),
        (60, "F", ["cibh"], "dob", -5, "loose", {}),
        (60, "M", ["cibh"], "num", None, "constipation", {}),
        (61, "F", ["cibh"], None, None, "loose", {}),
        (77, "M", ["cibh"], None, None, "loose", {"fit_pending": True}),
        (60, "M", ["cibh"], "words", None, "loose", {}),
        (40, "F", ["weight_loss", "abdominal_pain"], "dob", -1, None, {}),
        (40, "M", ["weight_loss", "abdominal_pain"], "num", None, None, {}),
        (46, "F", ["weight_loss", "abdominal_pain"], None, None, None, {})]:
    near = []
    if a in (50, 51) or a in (60, 61) or a == 40:
        near = ["age %d" % a]
    sc("U8", a, s, sx=sx_, mode=mode, dob=dob, cibh=cb, near=near, **kw)

# R1
for a, s, sx_, cal, near, kw in [
        (19, "F", ["bloody_diarrhoea"], None, [], {}), (24, "M", ["bloody_diarrhoea"], None, [], {}),
        (31, "F", ["bloody_diarrhoea"], None, [], {}), (45, "M", ["bloody_diarrhoea"], None, [], {}),
        (44, "F", ["bloody_diarrhoea"], None, [], {}), (37, "M", ["bloody_diarrhoea"], None, [], {}),
        (48, "F", ["bloody_diarrhoea"], None, [], {}),
        (38, "M", ["bloody_diarrhoea"], None, [], {"ibd_known": "UC"}),
        (27, "F", ["cibh"], [L(250)], ["calprotectin 250"], {"cibh": "loose"}),
        (55, "M", ["cibh"], [L(250, "fcp")], ["calprotectin 250"], {"cibh": "loose"}),
        (34, "F", ["abdominal_pain"], [L(250, "table")], ["calprotectin 250 table"], {}),
        (41, "M", ["cibh"], [L(251)], ["calprotectin 251"], {"cibh": "loose"}),
        (53, "F", ["cibh"], [L(252)], ["calprotectin 252"], {"cibh": "loose"}),
        (22, "M", ["abdominal_pain"], [L(600, "gt", ">")], [], {}),
        (48, "F", ["cibh"], [L(600, "gt", ">")], [], {"cibh": "loose"}),
        (30, "M", ["cibh"], [L(560)], [], {"cibh": "loose"}),
        (36, "F", ["cibh"], [L(180), L(300)], ["repeat calprotectin under->over 250"], {"cibh": "loose"}),
        (29, "M", ["abdominal_pain"], [L(1200, "comma")], [], {})]:
    labs = {"calprotectin": cal} if cal else {}
    sc("R1", a, s, sx=sx_, labs=labs, near=near, cibh=kw.pop("cibh", None), **kw)

# R2
for a, s, kw, near in [
        (52, "M", {"cirrhosis": "ascites"}, []), (61, "F", {"cirrhosis": "ascites"}, []),
        (69, "M", {"cirrhosis": "ascites"}, []), (47, "F", {"cirrhosis": "ascites"}, []),
        (58, "M", {"cirrhosis": "confusion"}, []), (73, "F", {"cirrhosis": "confusion"}, []),
        (34, "M", {"labs": {"alt": [L(300)]}}, ["ALT 300"]),
        (51, "F", {"labs": {"alt": [L(300, "ul")]}}, ["ALT 300"]),
        (29, "M", {"labs": {"alt": [L(301)]}}, ["ALT 301"]),
        (38, "F", {"labs": {"alt": [L(412, "ul")]}}, []),
        (44, "M", {"labs": {"alt": [L(400, "xuln10")]}}, []),
        (57, "F", {"labs": {"alt": [L(250), L(320)]}}, ["repeat ALT under->over 300"]),
        (26, "M", {"labs": {"alt": [L(1000, "gt", ">")]}}, []),
        (45, "F", {"labs": {"alt": [L(300, "table")]}}, ["ALT 300 table"])]:
    sc("R2", a, s, near=near, **kw)

# R3 haematemesis
for a, s in [(22, "M"), (35, "F"), (41, "M"), (49, "F"), (56, "M"), (62, "F"), (68, "M"),
             (74, "F"), (79, "M"), (85, "F"), (30, "M"), (53, "F"), (60, "M")]:
    extra = ["dyspepsia"] if a in (35, 53, 62) else []
    sc("R3", a, s, sx=["haematemesis"] + extra)

# O1 age >= 55 and dyspepsia after >= 4 weeks PPI
for a, s, ppi, mode, dob in [
        (55, "M", ("=", 4, "four weeks"), "dob", -2), (55, "F", ("=", 4, "4 weeks"), "num", None),
        (56, "M", ("=", 4, "28 days"), None, None), (60, "F", ("=", 4, "4/52"), None, None),
        (63, "M", ("=", 5, "five weeks"), None, None), (71, "F", ("=", 8, "eight weeks"), None, None),
        (67, "M", ("=", 4.3, "just over four weeks"), None, None), (58, "F", ("=", 6, "six weeks"), None, None),
        (75, "M", ("=", 8.6, "two months"), None, None), (55, "F", ("=", 4, "four weeks"), "words", None),
        (82, "M", ("=", 13, "three months"), None, None), (59, "F", ("=", 4, "4 weeks"), None, None),
        (64, "M", ("=", 4, "a full four weeks"), None, None), (69, "F", ("=", 12, "twelve weeks"), None, None)]:
    near = []
    if a == 55:
        near.append("age 55")
    if ppi[1] < 5:
        near.append("PPI %s" % ppi[2])
    sc("O1", a, s, sx=["dyspepsia"], ppi=ppi, mode=mode, dob=dob, near=near)

# O2 calprotectin 100-249
for a, s, sx_, cal, near, kw in [
        (24, "F", ["bloating"], [L(100)], ["calprotectin 100"], {}),
        (38, "M", ["cibh"], [L(100, "ugg")], ["calprotectin 100"], {"cibh": "loose"}),
        (61, "F", ["abdominal_pain"], [L(100, "table")], ["calprotectin 100 table"], {}),
        (45, "M", ["cibh"], [L(101)], ["calprotectin 101"], {"cibh": "loose"}),
        (29, "F", ["abdominal_pain"], [L(249)], ["calprotectin 249"], {}),
        (53, "M", ["cibh"], [L(249, "ugg")], ["calprotectin 249"], {"cibh": "loose"}),
        (67, "F", ["abdominal_pain"], [L(249, "fcp")], ["calprotectin 249"], {}),
        (33, "M", ["cibh"], [L(248)], ["calprotectin 248"], {"cibh": "loose"}),
        (41, "F", ["bloating"], [L(150)], [], {}),
        (58, "M", ["abdominal_pain"], [L(180)], [], {}),
        (22, "F", ["cibh"], [L(120, "fcp")], [], {"cibh": "loose"}),
        (36, "M", ["cibh"], [L(300), L(200)], ["repeat calprotectin over->under 250"], {"cibh": "loose"}),
        (44, "F", [], [L(150)], [], {"ibd_known": "UC", "ibd_stable_question": "stop"}),
        (27, "M", ["abdominal_pain"], [L(80), L(130)], ["repeat calprotectin under->over 100"], {})]:
    sc("O2", a, s, sx=sx_, labs={"calprotectin": cal}, near=near, cibh=kw.pop("cibh", None), **kw)

# O3 known IBD stable with a management question
for a, s, typ, q, cal, near in [
        (22, "F", "UC", "pregnancy", None, []), (31, "M", "Crohn's", "vaccines", None, []),
        (45, "F", "UC", "stop", [L(99)], ["calprotectin 99"]), (58, "M", "UC", "surveillance", None, []),
        (67, "F", "Crohn's", "stop", None, []), (39, "M", "UC", "brand", [L(45)], []),
        (26, "F", "Crohn's", "travel", None, []), (52, "M", "UC", "stop", [L(50, "plain", "<")], []),
        (73, "F", "UC", "surveillance", None, []), (34, "M", "Crohn's", "pregnancy", None, []),
        (48, "F", "UC", "vaccines", [L(95)], ["calprotectin 95"]), (61, "M", "Crohn's", "brand", None, []),
        (29, "F", "UC", "travel", None, []), (78, "M", "UC", "stop", [L(99, "fcp")], ["calprotectin 99"])]:
    labs = {"calprotectin": cal} if cal else {}
    sc("O3", a, s, labs=labs, ibd_known=typ, ibd_stable_question=q, near=near)

# O4 raised tTG
for a, s, sx_, labs, near in [
        (19, "F", ["bloating"], {}, []), (27, "M", [], {}, []), (33, "F", ["cibh"], {}, []),
        (45, "M", ["bloating"], {"calprotectin": [L(40)]}, []), (52, "F", [], {}, []),
        (61, "M", [], {}, []), (38, "F", [], {"hb": [L(121)], "ferritin": [L(29)]}, ["Hb 121 woman", "ferritin 29"]),
        (24, "M", [], {"hb": [L(130)], "ferritin": [L(12)]}, ["Hb 130 man"]),
        (70, "F", ["bloating"], {}, []), (41, "M", [], {}, [])]:
    sc("O4", a, s, sx=sx_, labs=labs, ttg="raised", near=near, cibh="loose" if "cibh" in sx_ else None)

# O5 ALT 40-299 or fatty liver
for a, s, kw, near in [
        (47, "M", {"labs": {"alt": [L(40)]}}, ["ALT 40"]),
        (62, "F", {"labs": {"alt": [L(40, "ul")]}}, ["ALT 40"]),
        (35, "M", {"labs": {"alt": [L(40, "table40")]}}, ["ALT 40 at top of lab range"]),
        (53, "F", {"labs": {"alt": [L(41)]}}, ["ALT 41"]),
        (44, "M", {"labs": {"alt": [L(299)]}}, ["ALT 299"]),
        (58, "F", {"labs": {"alt": [L(299, "ul")]}}, ["ALT 299"]),
        (66, "M", {"labs": {"alt": [L(299, "table")]}}, ["ALT 299 table"]),
        (31, "F", {"labs": {"alt": [L(298)]}}, ["ALT 298"]),
        (49, "M", {"labs": {"alt": [L(120, "xuln3")]}}, []),
        (39, "F", {"fatty_liver": True}, []), (57, "M", {"fatty_liver": True}, []),
        (64, "F", {"fatty_liver": True, "labs": {"alt": [L(32)]}}, []), (28, "M", {"fatty_liver": True}, []),
        (61, "M", {"cirrhosis": "compensated", "labs": {"alt": [L(60)]}}, []),
        (48, "F", {"labs": {"alt": [L(340), L(180)]}}, ["repeat ALT over->under 300"]),
        (55, "M", {"labs": {"alt": [L(39), L(45)]}}, ["repeat ALT under->over 40"])]:
    sc("O5", a, s, near=near, **kw)

# O6 symptom with FIT < 10 (not A1)
for a, s, sx_, fit, mode, dob, near, cb in [
        (66, "M", ["cibh"], [L(9)], None, None, ["FIT 9"], "loose"),
        (58, "F", ["abdominal_pain"], [L(9)], None, None, ["FIT 9"], None),
        (44, "M", ["rectal_bleeding"], [L(9, "ugg")], None, None, ["FIT 9"], None),
        (71, "F", ["cibh"], [L(9.9)], None, None, ["FIT 9.9"], "loose"),
        (62, "M", ["rectal_bleeding"], [L(10, "plain", "<")], None, None, ["FIT <10"], None),
        (75, "F", ["cibh"], [L(4, "plain", "<")], None, None, [], "constipation"),
        (53, "M", ["abdominal_pain"], [L(10, "negative", "<")], None, None, [], None),
        (57, "F", ["rectal_bleeding", "cibh"], [L(10, "undetectable", "<")], None, None, [], "constipation"),
        (50, "M", ["abdominal_pain"], [L(3)], "dob", -3, ["age 50 (A1/O6)"], None),
        (50, "F", ["cibh"], [L(5)], "num", None, ["age 50 (A1/O6)"], "loose"),
        (50, "M", ["abdominal_pain", "bloating"], [L(4, "plain", "<")], "words", None, ["age 50 (A1/O6)"], None),
        (68, "F", ["cibh"], [L(12), L(6)], None, None, ["repeat FIT over->under"], "loose"),
        (54, "M", ["rectal_bleeding"], [L(15), L(8)], None, None, ["repeat FIT over->under"], None),
        (31, "F", ["rectal_bleeding"], [L(2)], None, None, [], None),
        (23, "M", ["rectal_bleeding"], [L(4, "plain", "<")], None, None, [], None),
        (82, "F", ["cibh"], [L(6)], None, None, [], "loose"),
        (60, "M", ["abdominal_pain"], [L(4)], None, None, [], None),
        (65, "F", ["rectal_bleeding", "cibh"], [L(7)], None, None, [], "constipation")]:
    labs = {"fit": fit}
    if a == 60:
        labs["calprotectin"] = [L(60)]
    sc("O6", a, s, sx=sx_, labs=labs, mode=mode, dob=dob, near=near, cibh=cb)

# D anything else (many just below a line)
for a, s, kw, near in [
        (49, "M", dict(sx=["rectal_bleeding"], mode="dob", dob=3), ["age 49 by DOB (U8)"]),
        (49, "F", dict(sx=["rectal_bleeding"], mode="num"), ["age 49 (U8)"]),
        (35, "M", dict(sx=["rectal_bleeding"], fit_pending=True), []),
        (59, "F", dict(sx=["cibh"], mode="dob", dob=2, cibh="loose"), ["age 59 by DOB (U8)"]),
        (59, "M", dict(sx=["cibh"], mode="num", cibh="constipation"), ["age 59 (U8)"]),
        (39, "F", dict(sx=["weight_loss", "abdominal_pain"], mode="dob", dob=4), ["age 39 by DOB (U8)"]),
        (39, "M", dict(sx=["weight_loss", "abdominal_pain"], mode="words"), ["age 39 (U8)"]),
        (39, "F", dict(sx=["jaundice"], mode="dob", dob=2, labs={"alt": [L(35)]}), ["age 39 by DOB (U7)"]),
        (45, "M", dict(labs={"hb": [L(130)], "ferritin": [L(10)]}), ["Hb 130 man"]),
        (62, "M", dict(labs={"hb": [L(130, "gdl")], "ferritin": [L(14)]}), ["Hb 13.0 g/dL man"]),
        (37, "F", dict(labs={"hb": [L(120)], "ferritin": [L(8)]}), ["Hb 120 woman"]),
        (58, "F", dict(labs={"hb": [L(120, "gdl")], "ferritin": [L(15)]}), ["Hb 12.0 g/dL woman"]),
        (70, "M", dict(labs={"hb": [L(110)], "ferritin": [L(30)]}), ["ferritin 30"]),
        (81, "F", dict(labs={"hb": [L(101)], "ferritin": [L(30, "ugl")]}), ["ferritin 30"]),
        (49, "F", dict(labs={"hb": [L(105)], "ferritin": [L(31)]}), ["ferritin 31"]),
        (54, "M", dict(labs={"hb": [L(124), L(133)], "ferritin": [L(12)]}), ["repeat Hb under->over"]),
        (66, "F", dict(labs={"hb": [L(115)], "ferritin": [L(22), L(41)]}), ["repeat ferritin under->over"]),
        (44, "M", dict(labs={"alt": [L(39)]}), ["ALT 39"]),
        (60, "F", dict(labs={"alt": [L(39, "table")]}), ["ALT 39 table"]),
        (58, "M", dict(sx=["dyspepsia"], ppi=("=", 3, "three weeks")), ["PPI three weeks"]),
        (66, "F", dict(sx=["dyspepsia"], ppi=("<", 4, "nearly four weeks")), ["PPI nearly four weeks"]),
        (61, "M", dict(sx=["dyspepsia"], ppi=("<", 4, "four weeks on Monday")), ["PPI four weeks on Monday"]),
        (55, "F", dict(sx=["dyspepsia"], mode="dob", dob=-2), ["age 55 by DOB (A2)"]),
        (55, "M", dict(sx=["dyspepsia"], mode="num", ppi=("=", 25 / 7, "25 days")), ["age 55 (A2)", "PPI 25 days"]),
        (52, "F", dict(sx=["abdominal_pain"], labs={"calprotectin": [L(99)]}), ["calprotectin 99 age 52"]),
        (45, "M", dict(sx=["cibh"], cibh="loose"), []),
        (47, "F", dict(sx=["abdominal_pain"]), []),
        (76, "F", dict(labs={"hb": [L(108)], "ferritin": [L(140)]}), []),
        (51, "M", dict(labs={"alt": [L(45), L(38)]}), ["repeat ALT over->under 40"]),
        (58, "F", dict(sx=["abdominal_pain"], labs={"calprotectin": [L(120), L(70)]}), ["repeat calprotectin over->under 100"]),
        (46, "M", dict(sx=["rectal_bleeding"], fit_pending=True), []),
        (63, "F", dict(sx=["bloating"]), []),
        (57, "M", dict(labs={"hb": [L(131)], "ferritin": [L(25)]}), ["Hb 131 man"])]:
    sc("D", a, s, near=near, **kw)

# A1
for a, s, sx_, labs, mode, dob, near, cb in [
        (49, "F", ["abdominal_pain"], {"fit": [L(3)]}, "dob", 3, ["age 49 by DOB (A1/O6)"], None),
        (49, "M", ["cibh"], {"calprotectin": [L(40)]}, "dob", 1, ["age 49 by DOB"], "loose"),
        (49, "F", ["bloating"], {"calprotectin": [L(60)]}, "num", None, ["age 49"], None),
        (49, "M", ["abdominal_pain"], {"fit": [L(4, "plain", "<")]}, "words", None, ["age 49 (A1/O6)"], None),
        (24, "F", ["bloating"], {"calprotectin": [L(99)]}, None, None, ["calprotectin 99"], None),
        (31, "M", ["cibh"], {"calprotectin": [L(99, "ugg")]}, None, None, ["calprotectin 99"], "loose"),
        (46, "F", ["abdominal_pain"], {"calprotectin": [L(99, "fcp")]}, None, None, ["calprotectin 99"], None),
        (36, "M", ["cibh"], {"fit": [L(9)]}, None, None, ["FIT 9"], "loose"),
        (42, "F", ["abdominal_pain"], {"fit": [L(9, "ugg")]}, None, None, ["FIT 9"], None),
        (28, "F", ["cibh"], {"fit": [L(9.9)]}, None, None, ["FIT 9.9"], "constipation"),
        (19, "M", ["abdominal_pain"], {"calprotectin": [L(50, "plain", "<")]}, None, None, [], None),
        (33, "F", ["bloating", "cibh"], {"calprotectin": [L(20, "plain", "<")]}, None, None, [], "loose"),
        (40, "M", ["abdominal_pain"], {"fit": [L(10, "negative", "<")]}, None, None, [], None),
        (27, "F", ["cibh"], {"fit": [L(10, "undetectable", "<")]}, None, None, [], "loose"),
        (38, "M", ["abdominal_pain", "cibh"], {"calprotectin": [L(99)], "fit": [L(2)]}, None, None, ["calprotectin 99"], "loose"),
        (30, "F", ["cibh"], {"calprotectin": [L(130), L(80)]}, None, None, ["repeat calprotectin over->under 100"], "loose"),
        (44, "M", ["abdominal_pain"], {"fit": [L(11), L(4)]}, None, None, ["repeat FIT over->under 10"], None),
        (21, "F", ["bloating"], {"calprotectin": [L(35)]}, None, None, [], None),
        (26, "M", ["cibh"], {"calprotectin": [L(64)]}, None, None, [], "loose"),
        (35, "F", ["abdominal_pain", "bloating"], {"fit": [L(4, "plain", "<")]}, None, None, [], None),
        (44, "F", ["cibh"], {"calprotectin": [L(72)]}, None, None, [], "constipation"),
        (47, "M", ["abdominal_pain"], {"fit": [L(2)]}, None, None, [], None)]:
    sc("A1", a, s, sx=sx_, labs=labs, mode=mode, dob=dob, near=near, cibh=cb)

# A2
for a, s, sx_, mode, dob, ppi, near in [
        (54, "F", ["dyspepsia"], "dob", 2, None, ["age 54 by DOB"]),
        (54, "M", ["reflux"], "dob", 5, None, ["age 54 by DOB"]),
        (54, "M", ["reflux", "weight_loss"], "num", None, None, ["age 54 (U5)"]),
        (54, "F", ["reflux", "weight_loss"], "words", None, None, ["age 54 (U5)"]),
        (54, "M", ["dyspepsia"], "num", None, ("=", 8, "eight weeks"), ["age 54 (O1)"]),
        (53, "F", ["dyspepsia"], None, None, ("=", 6, "six weeks"), []),
        (19, "M", ["reflux"], None, None, None, []), (25, "F", ["dyspepsia"], None, None, None, []),
        (30, "M", ["dyspepsia"], None, None, None, []), (34, "F", ["reflux"], None, None, None, []),
        (38, "M", ["dyspepsia", "reflux"], None, None, None, []), (42, "F", ["dyspepsia"], None, None, None, []),
        (46, "M", ["reflux"], None, None, None, []), (50, "F", ["dyspepsia"], None, None, None, []),
        (28, "M", ["reflux"], None, None, None, []), (33, "F", ["dyspepsia"], None, None, None, [])]:
    sc("A2", a, s, sx=sx_, mode=mode, dob=dob, ppi=ppi, near=near)

# A3 family history of CRC, no symptoms
for a, s in [(25, "F"), (32, "M"), (41, "F"), (38, "M"), (47, "F"), (55, "M"), (29, "F"), (60, "M")]:
    sc("A3", a, s, fh_crc=True)


# ---------------------------------------------------------------- small data
SURNAMES = ["Ahmed", "Baker", "Clarke", "Dawson", "Evans", "Fletcher", "Gallagher", "Hughes", "Iqbal",
            "Jenkins", "Kowalski", "Lewis", "McAllister", "Norris", "O'Brien", "Patel", "Quinn", "Robinson",
            "Shah", "Thompson", "Underwood", "Vaughan", "Walsh", "Yates", "Zielinski", "Begum", "Campbell",
            "Doyle", "Ellis", "Fraser", "Griffiths", "Hussain", "Jones", "Khan", "Lloyd", "Morgan",
            "Nowak", "Owen", "Price", "Reid", "Singh", "Taylor", "Wood", "Young", "Bennett", "Chapman",
            "Davies", "Foster", "Grant", "Holmes", "Kaur", "Marsh", "Okafor", "Pearson", "Rahman", "Stewart"]
FIRST_M = ["James", "Mohammed", "David", "Peter", "Tomasz", "Gareth", "Ian", "Kwame", "Rajesh", "Stephen",
           "Liam", "Colin", "Arthur", "Dennis", "Harry", "Imran", "Neil", "Owen", "Paul", "Robert"]
FIRST_F = ["Susan", "Aisha", "Margaret", "Claire", "Joanna", "Priya", "Fatima", "Helen", "Karen", "Linda",
           "Megan", "Nicola", "Olivia", "Patricia", "Rachel", "Sian", "Tracy", "Wendy", "Yvonne", "Zoe"]
GPS = ["Dr A. Mensah", "Dr R. Holloway", "Dr S. Chaudhry", "Dr E. Marsden", "Dr K. O'Neill", "Dr P. Lindqvist",
       "Dr J. Whitcombe", "Dr F. Adeyemi", "Dr L. Barraclough", "Dr H. Nakamura", "Dr T. Fairbairn",
       "Dr M. Ruiz", "Dr C. Pemberton", "Dr N. Rao", "Dr G. Ellwood", "Dr B. Kavanagh"]
PRACTICES = [("Riverside Medical Practice", "14 Mill Lane, Northam, NM4 2QT", "M81023"),
             ("The Old Forge Surgery", "2 Forge Street, Castleby, CB7 9LA", "J82155"),
             ("Hillcrest Health Centre", "Hillcrest Road, Dunmore, DN3 6RW", "P84011"),
             ("Abbey Fields Group Practice", "88 Abbey Road, Wexham, WX2 1HF", "C83042"),
             ("Station Road Surgery", "5 Station Road, Lowfield, LF9 3EE", "B86077"),
             ("Meadowbank Family Practice", "Meadowbank, Greyburn, GB5 8NS", "K81630"),
             ("Harbourside Medical Centre", "1 Quay Walk, Porthaven, PH1 4XD", "L83100"),
             ("Elm Tree Surgery", "37 Elm Grove, Ashcombe, AS6 2PL", "N85019")]
HOSPITAL = "Gastroenterology Department, County General Hospital"
NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def words(n):
    if n < 20:
        return NUMW[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + NUMW[u] if u else "")


def nhs_number(r):
    while True:
        d = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(8)]
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d + [c]))
        return "%s %s %s" % (n[:3], n[3:6], n[6:])


def fdate(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 2:
        return d.strftime("%d.%m.%y")
    return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ---------------------------------------------------------------- lab display
HB_REF = {"M": "130-180", "F": "115-165"}


def lab_text(key, op, v, fmt, sex, reg):
    """Inline text for one lab value."""
    if key == "hb":
        name = "haemoglobin" if reg == "formal" else "Hb"
        if fmt in ("gdl",):
            return "%s %.1f g/dL" % (name, v / 10)
        if fmt == "under_gdl":
            return "%s just under %d g/dL" % (name, v // 10)
        if fmt in ("table", "table115"):
            ref = "115-165" if fmt == "table115" else HB_REF[sex]
            lo = int(ref.split("-")[0])
            return "%s %d g/L (ref %s%s)" % (name, v, ref, ", flagged L" if v < lo else "")
        if fmt == "gl" or reg == "formal":
            return "%s %d g/L" % (name, v)
        return "%s %d" % (name, v)
    if key == "ferritin":
        if op == "<" and fmt == "under":
            return "ferritin just under %d ug/L" % v
        if op == "<":
            return "ferritin <%d" % v
        if fmt == "table":
            return "ferritin %d ug/L (ref 30-400%s)" % (v, ", flagged L" if v < 30 else "")
        if fmt == "table15":
            return "ferritin %d ug/L (ref 15-150)" % v
        if fmt == "ugl" or reg == "formal":
            return "ferritin %g ug/L" % v
        return "ferritin %g" % v
    if key == "fit":
        if fmt == "negative":
            return "FIT negative"
        if fmt == "undetectable":
            return "FIT undetectable"
        if op == "<":
            return "FIT: <%d" % v if v == 10 else "FIT <%d" % v
        if op == ">":
            return "FIT >%d" % v
        if fmt == "qfit":
            return "qFIT positive at %d" % v
        if fmt == "ughbg":
            return "qFIT %g ug Hb/g" % v
        if fmt == "ugg":
            return "FIT %g ug/g" % v
        if fmt == "table":
            return "FIT %g ug Hb/g (ref <10, flagged H)" % v
        return "FIT %g" % v
    if key == "calprotectin":
        name = "FCP" if fmt == "fcp" else ("faecal calprotectin" if reg == "formal" else "calprotectin")
        if op == "<":
            return "%s <%d" % (name, v)
        if op == ">":
            return "%s >%d" % (name, v)
        if fmt == "comma":
            return "%s 1,200 ug/g" % name
        if fmt == "table":
            return "%s %d ug/g (ref <50, flagged H)" % (name, v)
        if fmt == "ugg":
            return "%s %d ug/g" % (name, v)
        return "%s %d" % (name, v)
    if key == "alt":
        if op == ">":
            return "ALT >%d" % v
        if fmt == "xuln3":
            return "ALT 3x ULN (120)"
        if fmt == "xuln10":
            return "ALT 10x ULN (400)"
        if fmt == "table":
            return "ALT %d U/L (ref 10-50%s)" % (v, ", flagged H" if v > 50 else "")
        if fmt == "table40":
            return "ALT %d U/L (ref 7-40)" % v
        if fmt == "ul" or reg == "formal":
            return "ALT %d U/L" % v
        return "ALT %d" % v
    raise KeyError(key)


def lab_row(key, op, v, fmt, sex):
    """(test, result, units, reference, flag) for table layouts."""
    if key == "hb":
        if fmt == "under_gdl":
            return None
        ref = "115-165" if fmt == "table115" else HB_REF[sex]
        if fmt == "gdl":
            lo = float(ref.split("-")[0]) / 10
            return ("Haemoglobin", "%.1f" % (v / 10), "g/dL", "%.1f-%.1f" % (lo, float(ref.split("-")[1]) / 10),
                    "L" if v / 10 < lo else "")
        return ("Haemoglobin", "%d" % v, "g/L", ref, "L" if v < int(ref.split("-")[0]) else "")
    if key == "ferritin":
        if fmt == "under":
            return None
        ref = "15-150" if fmt == "table15" else "30-400"
        res = ("<%d" % v) if op == "<" else "%g" % v
        flag = "L" if (op == "<" or v < int(ref.split("-")[0])) else ""
        return ("Ferritin", res, "ug/L", ref, flag)
    if key == "fit":
        if fmt in ("negative", "undetectable", "qfit"):
            return None
        res = {"<": "<%d" % v, ">": ">%d" % v}.get(op, "%g" % v)
        flag = "H" if (op == ">" or (op == "=" and v >= 10)) else ""
        return ("FIT (faecal immunochemical test)", res, "ug Hb/g", "<10", flag)
    if key == "calprotectin":
        res = {"<": "<%d" % v, ">": ">%d" % v}.get(op, "%d" % v)
        flag = "H" if (op == ">" or (op == "=" and v >= 50)) else ""
        return ("Faecal calprotectin", res, "ug/g", "<50", flag)
    if key == "alt":
        if fmt in ("xuln3", "xuln10"):
            return None
        res = {">": ">%d" % v}.get(op, "%d" % v)
        ref = "7-40" if fmt == "table40" else "10-50"
        hi = int(ref.split("-")[1])
        flag = "H" if (op == ">" or v > hi) else ""
        return ("ALT", res, "U/L", ref, flag)
    return None


# ---------------------------------------------------------------- phrase bank
def pron(sex, third=False):
    if third:
        return dict(he="the patient", He="The patient", his="the patient's", His="The patient's",
                    him="the patient", hes="the patient is", man="man" if sex == "M" else "woman")
    if sex == "M":
        return dict(he="he", He="He", his="his", His="His", him="him", hes="he's", man="man")
    return dict(he="she", He="She", his="her", His="Her", him="her", hes="she's", man="woman")


def fmt(t, p):
    return t.format(**p)


def pick(r, xs):
    return xs[r.randrange(len(xs))]


PPI_DRUGS = ["omeprazole 20 mg", "lansoprazole 30 mg", "omeprazole 40 mg", "esomeprazole 20 mg"]


def sx_sentence(key, reg, p, r, S):
    n = r.randint(3, 14)
    m = r.randint(2, 6)
    kg = r.randint(4, 12)
    if key == "dysphagia":
        return fmt(pick(r, {
            "formal": ["{He} describes progressive dysphagia to solids over the last %d weeks, with food sticking behind the sternum." % n,
                       "{He} reports difficulty swallowing (dysphagia) for about %d weeks; bread and meat stick." % n],
            "plain": ["{He} has had difficulty swallowing for about %d weeks - food sticks halfway down." % n,
                      "{He} tells me food keeps getting stuck when {he} swallows, and this dysphagia has been going on for %d weeks." % n],
            "terse": ["Dysphagia to solids %d/52." % n, "Dysphagia, food sticking, %d wks." % n]}[reg]), p)
    if key == "rectal_mass":
        return fmt(pick(r, {
            "formal": ["On rectal examination there is a firm, irregular mass palpable in the rectum."],
            "plain": ["When I examined {him} rectally I could feel a hard mass in the rectum."],
            "terse": ["PR: firm rectal mass palpable.", "PR - hard irregular rectal mass at fingertip."]}[reg]), p)
    if key == "anal_mass":
        return fmt(pick(r, {
            "formal": ["Examination shows a firm anal mass at the anal verge."],
            "plain": ["I found a firm lump at the anal margin - an anal mass about 2 cm across."],
            "terse": ["Anal mass at verge, firm, 2 cm."]}[reg]), p)
    if key == "anal_ulceration":
        return fmt(pick(r, {
            "formal": ["There is unexplained anal ulceration: a non-healing ulcer at the anal margin with no obvious cause."],
            "plain": ["{He} has an ulcer at the anal margin that will not heal and I cannot find a cause - unexplained anal ulceration."],
            "terse": ["Unexplained anal ulceration, 1 cm, non-healing."]}[reg]), p)
    if key == "abdominal_mass":
        loc = pick(r, ["right iliac fossa", "left iliac fossa", "central abdomen"])
        return fmt(pick(r, {
            "formal": ["Examination reveals a firm abdominal mass in the %s." % loc],
            "plain": ["I could feel a definite mass in {his} %s when I examined {his} abdomen." % loc],
            "terse": ["O/E abdominal mass, %s." % loc]}[reg]), p)
    if key == "jaundice":
        rel = pick(r, ["daughter", "son", "partner", "neighbour"])
        return fmt(pick(r, {
            "formal": ["{He} is jaundiced, with yellow sclerae, and reports no abdominal pain.",
                       "{His} %s noticed that {he} had turned yellow; on examination I confirm {he} is jaundiced." % rel],
            "plain": ["{He} has gone yellow over the last couple of weeks and is clearly jaundiced today, with no pain.",
                      "{His} %s noticed {his} eyes were yellow and I can confirm {he} is jaundiced." % rel],
            "terse": ["Painless jaundice, sclerae yellow.", "Jaundiced (noticed by %s, confirmed O/E)." % rel]}[reg]), p)
    if key == "rectal_bleeding":
        return fmt(pick(r, {
            "formal": ["{He} reports bright red rectal bleeding on most days for the last %d weeks." % n,
                       "{He} has had intermittent rectal bleeding, fresh blood on the paper and in the pan, for %d weeks." % n],
            "plain": ["{He} has been passing fresh blood from the back passage (rectal bleeding) for %d weeks." % n,
                      "Rectal bleeding started about %d weeks ago, stopped for a few days and has come back; it is still happening." % n],
            "terse": ["PR bleeding %d/52." % n, "Fresh PR bleed on and off %d wks, ongoing." % n]}[reg]), p)
    if key == "cibh":
        if S.get("cibh_detail") == "constipation":
            return fmt(pick(r, {
                "formal": ["There has been a change in bowel habit towards constipation over %d weeks." % n],
                "plain": ["{His} bowel habit has changed - {hes} much more constipated than usual over %d weeks." % n],
                "terse": ["CIBH to constipation %d/52." % n]}[reg]), p)
        return fmt(pick(r, {
            "formal": ["There has been a change in bowel habit to looser, more frequent stools over %d weeks." % n],
            "plain": ["{His} bowel habit has changed to looser, more frequent stools over the last %d weeks." % n],
            "terse": ["CIBH - looser, more frequent stools %d/52." % n]}[reg]), p)
    if key == "abdominal_pain":
        return fmt(pick(r, {
            "formal": ["{He} has intermittent lower abdominal pain.", "{He} describes crampy pain in the left iliac fossa."],
            "plain": ["{He} is getting cramping pain low down in {his} tummy (lower abdominal pain).",
                      "{He} gets lower abdominal pain, worse before opening {his} bowels."],
            "terse": ["Lower abdo pain %d/12." % m, "LIF pain, crampy."]}[reg]), p)
    if key == "upper_abdominal_pain":
        return fmt(pick(r, {
            "formal": ["{He} has epigastric pain, worse after meals.", "{He} complains of upper abdominal pain."],
            "plain": ["{He} has pain in the upper abdomen, just under the ribs in the middle."],
            "terse": ["Epigastric pain.", "Upper abdo pain."]}[reg]), p)
    if key == "weight_loss":
        return fmt(pick(r, {
            "formal": ["{He} has lost %d kg over %d months without trying; the weight loss is unexplained." % (kg, m),
                       "{His} family says {he} has been losing weight, and our records confirm a loss of %d kg since last year, unintentional and unexplained." % kg],
            "plain": ["{He}'s lost %d kg in %d months and isn't dieting - unexplained weight loss." % (kg, m)],
            "terse": ["Unexplained wt loss %dkg over %d/12." % (kg, m)]}[reg]).replace("{He}'s", "{He} has"), p)
    if key == "dyspepsia":
        ppi = S.get("ppi")
        if ppi:
            drug = pick(r, PPI_DRUGS)
            ph = ppi[2]
            if ph == "four weeks on Monday":
                return fmt("{He} has ongoing dyspepsia; {he} started %s daily and will have been taking it for four weeks on Monday." % drug, p)
            return fmt(pick(r, {
                "formal": ["{He} has ongoing dyspepsia despite %s daily for %s." % (drug, ph)],
                "plain": ["{His} indigestion (dyspepsia) is still there after %s of %s." % (ph, drug)],
                "terse": ["Dyspepsia persisting after %s %s." % (ph, drug)]}[reg]), p)
        return fmt(pick(r, {
            "formal": ["{He} has dyspepsia, with indigestion after most meals."],
            "plain": ["{He} has indigestion (dyspepsia) after meals."],
            "terse": ["Dyspepsia."]}[reg]), p)
    if key == "reflux":
        return fmt(pick(r, {
            "formal": ["{He} has acid reflux with heartburn."],
            "plain": ["{He} gets heartburn and acid coming up into {his} throat (reflux)."],
            "terse": ["Reflux/heartburn."]}[reg]), p)
    if key == "bloody_diarrhoea":
        k = r.randint(5, 10)
        return fmt(pick(r, {
            "formal": ["{He} has bloody diarrhoea, opening {his} bowels %d times a day with blood mixed in." % k],
            "plain": ["{He}'s got bloody diarrhoea - %d times a day, blood mixed in every time." % k],
            "terse": ["Bloody diarrhoea x%d/day." % k]}[reg]).replace("{He}'s got", "{He} has"), p)
    if key == "haematemesis":
        d = r.randint(2, 6)
        return fmt(pick(r, {
            "formal": ["{He} has had recurrent small-volume haematemesis over the last %d days, most recently this morning; {he} is haemodynamically stable." % d],
            "plain": ["{He} has been vomiting small amounts of fresh blood (haematemesis) on and off for %d days, last this morning, and is otherwise stable." % d],
            "terse": ["Haematemesis, small vol, recurrent over %d days, last today. Obs stable." % d]}[reg]), p)
    if key == "bloating":
        return fmt(pick(r, {
            "formal": ["{He} complains of abdominal bloating most days."],
            "plain": ["{He} is bothered by bloating most days."],
            "terse": ["Bloating."]}[reg]), p)
    raise KeyError(key)


IBD_DRUG = {"UC": ["mesalazine 2.4 g daily", "mesalazine 4 g daily", "azathioprine 100 mg daily"],
            "Crohn's": ["azathioprine 150 mg daily", "adalimumab 40 mg fortnightly", "ustekinumab"]}
IBD_Q = {
    "pregnancy": "{He} is planning a pregnancy with {his} partner and asks whether {he} should continue {drug}.",
    "vaccines": "{He} asks whether {he} can have the shingles vaccine while taking {drug}.",
    "stop": "{He} would like to know whether {he} can stop {drug} after several years in remission.",
    "surveillance": "{He} asks when {his} next surveillance colonoscopy is due.",
    "brand": "Our pharmacy team asks whether {he} can be switched to another brand of {drug}.",
    "travel": "{He} is going abroad for six months and asks how to manage {his} supply of {drug}.",
}


def hist_sentences(S, reg, p, r, when):
    out = []
    if S.get("ibd_known"):
        typ = S["ibd_known"]
        name = "ulcerative colitis" if typ == "UC" else "Crohn's disease"
        if reg == "terse":
            name = "UC" if typ == "UC" else "Crohn's"
        drug = pick(r, IBD_DRUG[typ])
        yr = r.randint(2005, 2019)
        if S.get("ibd_stable_question"):
            out.append(("ibd_stable_question", fmt("{He} has known %s (diagnosed %d), stable and in remission on %s, with no current symptoms." % (name, yr, drug), p)))
            q = IBD_Q[S["ibd_stable_question"]].replace("{drug}", drug)
            out.append(("ibd_stable_question", fmt(q, p)))
        else:
            out.append(("ibd_known", fmt("{He} has known %s (diagnosed %d) on %s and is now flaring." % (name, yr, drug), p)))
    c = S.get("cirrhosis")
    if c:
        cause = pick(r, ["alcohol-related", "NASH-related", "hepatitis C-related"])
        if c == "ascites":
            out.append(("cirrhosis", fmt("{He} has known %s cirrhosis and has developed new ascites, with shifting dullness on examination." % cause, p)))
        elif c == "confusion":
            out.append(("cirrhosis", fmt("{He} has known %s cirrhosis, and over the last few days {he} has become confused; {he} was disorientated when I saw {him} today." % cause, p)))
        else:
            out.append(("cirrhosis", fmt("{He} has known %s cirrhosis, compensated, under annual ultrasound surveillance." % cause, p)))
    if S.get("ttg") == "raised":
        v = r.randint(15, 128)
        out.append(("ttg", pick(r, ["Coeliac serology is positive: tTG IgA %d U/mL (ref <7), raised." % v,
                                     "tTG raised at %d U/mL (ref <7) - positive coeliac serology." % v])))
    if S.get("fatty_liver"):
        out.append(("fatty_liver", pick(r, ["An abdominal ultrasound on %s showed fatty liver (hepatic steatosis)." % when,
                                             "USS abdomen (%s): fatty liver, otherwise normal." % when])))
    if S.get("fh_crc") and not S["sx"]:
        out.append(("fh_crc", fmt("{He} is well, with no bowel or abdominal symptoms, and asks about screening because of the family history.", p)))
    if S.get("fh_crc"):
        rel, ra = pick(r, [("mother", 52), ("father", 48), ("brother", 45), ("sister", 50), ("father", 61)])
        out.append(("fh_crc", fmt("{His} %s was diagnosed with bowel cancer at the age of %d." % (rel, ra), p)))
    return out


# distractors: (kind, about, text template, conflicts)
DISTRACT = [
    ("negated", "dysphagia", ["No dysphagia.", "{He} denies any difficulty swallowing."], {"dysphagia"}),
    ("negated", "weight_loss", ["No weight loss.", "Weight stable.", "{He} has not lost any weight."], {"weight_loss"}),
    ("negated", "rectal_bleeding", ["No rectal bleeding.", "{He} denies any PR bleeding."], {"rectal_bleeding", "bloody_diarrhoea"}),
    ("negated", "haematemesis", ["No haematemesis."], {"haematemesis"}),
    ("negated", "jaundice", ["Not jaundiced."], {"jaundice"}),
    ("negated", "abdominal_mass", ["Abdomen soft, no masses palpable."], {"abdominal_mass"}),
    ("negated", "rectal_mass", ["PR examination: no masses felt."], {"rectal_mass", "anal_mass", "anal_ulceration"}),
    ("negated", "cibh", ["Bowel habit unchanged."], {"cibh", "bloody_diarrhoea"}),
    ("negated", "reflux", ["No reflux or indigestion."], {"reflux", "dyspepsia"}),
    ("past", "rectal_bleeding", ["Rectal bleeding in 2015 from haemorrhoids, none since."], {"rectal_bleeding", "bloody_diarrhoea"}),
    ("past", "haematemesis", ["One episode of haematemesis in 2012 after heavy vomiting, none since."], {"haematemesis"}),
    ("past", "jaundice", ["Jaundice with glandular fever at 19, fully resolved."], {"jaundice"}),
    ("past", "dysphagia", ["Food bolus obstruction in 2018, OGD normal, no swallowing problems since."], {"dysphagia"}),
    ("past", "dyspepsia", ["H. pylori treated in 2019, and that dyspepsia settled completely."], {"dyspepsia"}),
    ("hypothetical", "dysphagia", ["I have advised {him} to come back if {he} develops dysphagia or vomits blood."], {"dysphagia", "haematemesis"}),
    ("hypothetical", "weight_loss", ["If {he} starts to lose weight I will review sooner."], {"weight_loss"}),
    ("family_history", "oesophageal_cancer", ["{His} brother had oesophageal cancer at 70."], set()),
    ("family_history", "crohns", ["{His} sister has Crohn's disease."], set()),
    ("relative", "jaundice", ["{His} husband, who came with {him}, is jaundiced himself and is already under the liver team."], {"jaundice"}),
    ("relative", "rectal_bleeding", ["{His} wife, who attended with {him}, has had rectal bleeding and is waiting for her own colonoscopy."], {"rectal_bleeding", "bloody_diarrhoea"}),
    ("explained", "weight_loss", ["{He} has lost 5 kg deliberately on a diet and is pleased with this."], {"weight_loss"}),
    ("refuted_report", "weight_loss", ["{His} daughter worries {he} is losing weight, but {his} weight today is the same as a year ago."], {"weight_loss"}),
    ("refuted_report", "jaundice", ["{His} son thought {he} looked yellow, but there is no jaundice on examination."], {"jaundice"}),
    ("pending", "fit", ["A FIT kit has been given but the result is not back yet."], {"@fit"}),
    ("resolved", "abdominal_mass", ["At the first visit I thought there was fullness in the left iliac fossa; on re-examination today with an empty bowel the abdomen is soft and there is no mass."], {"abdominal_mass"}),
]


def pick_distractors(S, r, p, n):
    sx = set(S["sx"])
    cands = []
    for kind, about, texts, conf in DISTRACT:
        if conf & sx:
            continue
        if "@fit" in conf and (S["labs"].get("fit") or S.get("fit_pending") is False):
            continue
        if kind == "relative" and about == "jaundice" and S["sex"] != "F":
            continue
        if kind == "relative" and about == "rectal_bleeding" and S["sex"] != "M":
            continue
        if kind == "pending":
            continue  # only used where the scenario says so
        if kind == "resolved" and S["layout"] not in ("gp_formal", "gp_chatty", "gp_bullets", "headed_sections", "gp_third_person"):
            continue
        cands.append((kind, about, texts))
    r.shuffle(cands)
    out, seen = [], set()
    for kind, about, texts in cands:
        if about in seen:
            continue
        seen.add(about)
        out.append((kind, about, fmt(pick(r, texts), p)))
        if len(out) >= n:
            break
    return out


# ---------------------------------------------------------------- letter content
ASK = {
    "urgent_suspected_cancer": ["Priority: 2WW", "Please see under the suspected cancer (2WW) pathway.",
                                "Urgent suspected cancer referral please.", "2WW please"],
    "urgent": ["Priority: Urgent", "I would be grateful if you could see {him} urgently.", "Urgent please."],
    "routine": ["Priority: Routine", "Routine referral please.", "I would be grateful for a routine appointment."],
    "advice_and_guidance": ["Advice and Guidance request - I do not think {he} needs to be seen.",
                            "I would value your advice rather than an appointment.", "Advice only please."],
}
ASK_NAME = {"urgent_suspected_cancer": "2WW / urgent suspected cancer", "urgent": "urgent",
            "routine": "routine", "advice_and_guidance": "advice only"}
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]


class Content:
    def __init__(self):
        self.ev = {}
        self.dv = []

    def e(self, key, s):
        self.ev.setdefault(key, []).append(s)
        return s

    def d(self, kind, about, s):
        self.dv.append({"kind": kind, "about": about, "text": s})
        return s

    def pos_sentences(self):
        out = []
        for k, t in self.pos:
            out.append(t if k.startswith("_") else self.e(k, t))
        for k, t in self.hist:
            out.append(self.e(k, t))
        return out

    def dis_sentences(self):
        return [self.d(k, a, t) for k, a, t in self.dis]

    def lab_frags(self):
        return [self.e(k, t) for k, t, rows in self.labs]

    def lab_sentence(self, reg):
        fr = self.lab_frags()
        if not fr:
            return None
        if reg == "terse":
            return "Bloods/tests: " + "; ".join(fr) + "."
        return "Recent results: " + "; ".join(fr) + "."

    def ask_text(self):
        return self.ask_phrase


def build_content(S, lid, layout, reg):
    r = R(lid, "content")
    C = Content()
    C.S = S
    sex = S["sex"]
    third = layout == "gp_third_person"
    p = pron(sex, third)
    C.p = p
    ld = S["letter_date"]
    C.reg = reg
    # positives
    order = list(S["sx"])
    r.shuffle(order)
    C.pos = [(k, sx_sentence(k, reg, p, R(lid, "sx", k), S)) for k in order]
    if not C.pos and not S.get("ibd_known") and not S.get("cirrhosis") and not S.get("fh_crc") \
            and S.get("ttg") != "raised" and not S.get("fatty_liver"):
        # second pass: letters with only results got a non-clinical context line (no spec fact)
        C.pos = [("_context", fmt(pick(r, ["{He} had blood tests for tiredness and I would like your view on the results.",
                                           "Bloods were checked at {his} annual review and I would value your opinion on them.",
                                           "{He} asked me to pass on the results below for your opinion."]), p))]
    when = fdate(ld - dt.timedelta(days=r.randint(15, 60)), 0)
    C.hist = hist_sentences(S, reg, p, R(lid, "hist"), when)
    # labs
    C.labs = []
    normal = dict(S.get("normal_text", []))
    for key in ("hb", "ferritin", "fit", "calprotectin", "alt"):
        ents = S["labs"].get(key)
        if not ents:
            continue
        rows = []
        if key in normal:
            op, v, f = ents[0]
            d1 = ld - dt.timedelta(days=r.randint(4, 20))
            txt = normal[key]
            rows.append((d1, lab_row(key, op, v, f, sex)))
            S["labdates"][key] = [fdate(d1, 0)]
            C.dv.append({"kind": "normal_value", "about": key, "text": txt})
        elif len(ents) == 1:
            op, v, f = ents[0]
            d1 = ld - dt.timedelta(days=r.randint(4, 20))
            txt = lab_text(key, op, v, f, sex, reg)
            rows.append((d1, lab_row(key, op, v, f, sex)))
            S["labdates"][key] = [fdate(d1, 0)]
        else:
            (o1, v1, f1), (o2, v2, f2) = ents
            d1 = ld - dt.timedelta(days=r.randint(40, 70))
            d2 = ld - dt.timedelta(days=r.randint(3, 14))
            old = lab_text(key, o1, v1, f1, sex, reg)
            new = lab_text(key, o2, v2, f2, sex, reg)
            if r.random() < 0.5:
                txt = "%s on %s; repeated on %s: %s" % (old, fdate(d1, 0), fdate(d2, 0), new)
            else:
                txt = "%s on %s (previously %s on %s)" % (new, fdate(d2, 0), old, fdate(d1, 0))
            C.dv.append({"kind": "superseded_result", "about": key, "text": old})
            rows.append((d1, lab_row(key, o1, v1, f1, sex)))
            rows.append((d2, lab_row(key, o2, v2, f2, sex)))
            S["labdates"][key] = [fdate(d1, 0), fdate(d2, 0)]
        C.labs.append((key, txt, rows))
    C.dis = list(S["distractors"])
    if S.get("fit_pending"):
        C.dis.append(("pending", "fit", pick(r, ["A FIT kit has been given but the result is not back yet.",
                                                  "FIT requested, result awaited.",
                                                  "{He} has not yet returned the FIT kit.".format(**p)])))
    # request
    ask = S["ask"]
    C.ask_phrase = fmt(pick(r, ASK[ask]), p) if ask else None
    return C


# ---------------------------------------------------------------- layouts
def an(w):
    return ("an " if w[:1] in "aeiou" or w.startswith(("8", "11-", "18-")) else "a ") + w


def intro_age(H, p, style):
    """A sentence fragment naming age (if the letter gives one) and sex."""
    a = H["age_words"]
    if a is None:
        return {"formal": "a %s (date of birth above)" % p["man"], "plain": "a %s (date of birth above)" % p["man"], "terse": ""}[style]
    return {"formal": "%s %s" % (an(a), p["man"]), "plain": "%s %s" % (an(a), p["man"]),
            "terse": H["age_short"]}[style]


def letter_head(H, r, with_ubrn=True):
    pn, addr, code = H["practice"]
    out = [(pn, True), (addr, True), ("Practice code: %s   Tel: 01%d %06d" % (code, r.randint(100, 999), r.randint(0, 999999)), True), ("", True)]
    out.append(("Date: %s" % H["date"], False))
    out.append(("To: %s" % HOSPITAL, True))
    out.append(("", True))
    return out


def re_line(H):
    return "Re: %s   DOB: %s   NHS No: %s" % (H["name"], H["dob"], H["nhs"])


def signoff(H, r, role="General Practitioner"):
    return [("", True), (pick(r, ["Yours sincerely,", "Yours faithfully,", "Kind regards,", "With thanks,"]), True),
            (H["gp"], True), (role + ", " + H["practice"][0], True)]


def L_gp_formal(C, H, r):
    p = C.p
    out = letter_head(H, r) + [("Dear Colleague,", True), ("", True), (re_line(H), False), ("", True)]
    first = "Thank you for seeing %s %s, %s." % (H["title"], H["surname"], intro_age(H, p, "formal"))
    body = [first] + C.pos_sentences()
    out.append((" ".join(body), False))
    dis = C.dis_sentences()
    if dis:
        out += [("", True), (" ".join(dis), False)]
    ls = C.lab_sentence("formal")
    ps = None
    if ls and r.random() < 0.3:
        ps = ls
    elif ls:
        out += [("", True), (ls, False)]
    if C.ask_phrase:
        out += [("", True), (C.ask_phrase, False)]
    out += signoff(H, r)
    if ps:
        out += [("", True), ("P.S. These results came back after I dictated this letter: " + ls[len("Recent results: "):], False)]
    return out


def L_gp_terse(C, H, r):
    out = [("%s  %s" % (H["practice"][0], H["date"]), False), (re_line(H), False)]
    bits = []
    if H["age_short"]:
        bits.append(H["age_short"] + ".")
    bits += C.pos_sentences()
    ls = C.lab_sentence("terse")
    if ls:
        bits.append(ls)
    bits += C.dis_sentences()
    if C.ask_phrase:
        bits.append(C.ask_phrase)
    out.append((" ".join(bits), False))
    out.append((H["gp"], True))
    return out


def L_gp_chatty(C, H, r):
    p = C.p
    out = letter_head(H, r) + [("Dear Doctor,", True), ("", True), (re_line(H), False), ("", True)]
    d1 = H["visit1"]
    if H["age_words"]:
        opener = "I'd be really grateful if you could cast an eye over %s %s, %s who I have known for years." % (
            H["title"], H["surname"], intro_age(H, p, "plain"))
    else:
        opener = "I'd be really grateful if you could cast an eye over %s %s, who I have known for years." % (
            H["title"], H["surname"])
    if d1:
        opener += " I first saw %s about this on %s and again this week." % (p["him"], d1)
    out.append((opener, False))
    out.append(("", True))
    out.append((" ".join(C.pos_sentences()), False))
    dis = C.dis_sentences()
    if dis:
        out += [("", True), ("For what it's worth: " + " ".join(dis), False)]
    ls = C.lab_sentence("plain")
    if ls:
        out += [("", True), ("I did some tests. " + ls, False)]
    if C.ask_phrase:
        a = C.ask_phrase if C.ask_phrase.endswith(".") else C.ask_phrase + "."
        out += [("", True), (a + " Many thanks as always.", False)]
    out += signoff(H, r)
    return out


def L_gp_bullets(C, H, r):
    p = C.p
    out = letter_head(H, r) + [(re_line(H), False), ("", True)]
    if H["age_words"]:
        out.append(("%s %s, %s %s." % (H["title"], H["surname"], H["age_words"], p["man"]), False))
    out.append(("Reason for referral:", True))
    for s in C.pos_sentences():
        out.append(("- " + s, False))
    for s in C.lab_frags():
        out.append(("- " + s, False))
    dis = C.dis_sentences()
    if dis:
        out.append(("Other points:", True))
        for s in dis:
            out.append(("- " + s, False))
    if C.ask_phrase:
        out.append(("Request: " + C.ask_phrase, False))
    out += signoff(H, r)
    return out


def L_gp_third_person(C, H, r):
    p = C.p
    out = letter_head(H, r) + [("Dear Gastroenterology Team,", True), ("", True), (re_line(H), False), ("", True)]
    lead = "I am writing on behalf of my partner, who saw the patient last week and asked me to complete this referral. The patient is %s." % (
        intro_age(H, p, "formal"))
    out.append((lead + " " + " ".join(C.pos_sentences()), False))
    dis = C.dis_sentences()
    if dis:
        out += [("", True), (" ".join(dis), False)]
    ls = C.lab_sentence("formal")
    if ls:
        out += [("", True), (ls, False)]
    if C.ask_phrase:
        out += [("", True), (C.ask_phrase, False)]
    out += signoff(H, r, "GP Partner")
    return out


def L_gp_lowercase(C, H, r):
    out = [("%s" % H["practice"][0], True), ("date %s" % H["date"], False), (re_line(H), False), ("", True),
           ("hi", True)]
    if H["age_words"]:
        out.append(("%s %s is %s %s" % (H["title"], H["surname"], H["age_words"].replace("-year-old", " years old"), "male" if C.S["sex"] == "M" else "female"), False))
    else:
        out.append(("%s %s (%s)" % (H["title"], H["surname"], "male" if C.S["sex"] == "M" else "female"), False))
    for s in C.pos_sentences():
        out.append((s, False))
    for s in C.lab_frags():
        out.append((s, False))
    for s in C.dis_sentences():
        out.append((s, False))
    if C.ask_phrase:
        out.append((C.ask_phrase, False))
    out.append(("thanks", True))
    out.append((H["gp"], True))
    return out


def L_gp_abbrev(C, H, r):
    out = letter_head(H, r) + [(re_line(H), False), ("", True)]
    a = (H["age_short"] + " ") if H["age_short"] else ""
    out.append(("Pt %sc/o:" % a, False))
    for s in C.pos_sentences():
        out.append(("  " + s, False))
    out.append(("PMH: nil of note. DH: see attached. SH: lives w/ family, ex-smoker.", True))
    dis = C.dis_sentences()
    if dis:
        out.append(("Also: " + " ".join(dis), False))
    fr = C.lab_frags()
    if fr:
        out.append(("Ix: " + "; ".join(fr), False))
    out.append(("Imp: ?cause - pls assess.", True))
    if C.ask_phrase:
        out.append(("Plan: " + C.ask_phrase, False))
    out.append(("Thx, " + H["gp"], True))
    return out


HEADINGS_PC = ["Presenting complaint:", "HPC:", "Hx:", "History:"]


def L_headed(C, H, r):
    p = C.p
    out = letter_head(H, r) + [(re_line(H), False), ("", True)]
    if H["age_words"]:
        out.append(("Patient: %s %s, %s %s" % (H["title"], H["surname"], H["age_words"], p["man"]), False))
    pos = C.pos_sentences()
    out.append((pick(r, HEADINGS_PC), True))
    for s in pos:
        out.append((s, False))
    fr = C.lab_frags()
    if fr:
        out.append(("What I have done: " + "; ".join(fr) + ".", False))
    dis = C.dis_sentences()
    if dis:
        out.append((pick(r, ["Red flags screened:", "Concerns:", "Other history:"]), True))
        for s in dis:
            out.append(("  " + s, False))
    if C.ask_phrase:
        out.append(("What I would like: " + C.ask_phrase, False))
    out.append(("Safety netting: advised to seek help if worse.", True))
    out += signoff(H, r)
    return out


def L_soap(C, H, r):
    out = [("Consultation record exported %s - %s" % (H["date"], H["practice"][0]), False), (re_line(H), False), ("", True)]
    a = H["age_short"] + ". " if H["age_short"] else ""
    out.append(("S: " + a + " ".join(C.pos_sentences()), False))
    dis = C.dis_sentences()
    fr = C.lab_frags()
    obs = "O: Obs stable."
    if fr:
        obs += " " + "; ".join(fr) + "."
    out.append((obs, False))
    if dis:
        out.append(("   " + " ".join(dis), False))
    out.append(("A: for specialist review.", True))
    out.append(("P: refer gastroenterology. " + (C.ask_phrase or ""), False))
    out.append(("-- " + H["gp"], True))
    return out


# form rows: label, fact key(s)
GEN_ROWS = [("Dysphagia", "dysphagia"), ("Rectal bleeding", "rectal_bleeding"), ("Change in bowel habit", "cibh"),
            ("Unexplained weight loss", "weight_loss"), ("Abdominal mass", "abdominal_mass"), ("Jaundice", "jaundice"),
            ("Haematemesis", "haematemesis"), ("Abdominal pain", "abdominal_pain")]
LOWER_ROWS = [("Rectal bleeding", "rectal_bleeding"), ("Change in bowel habit", "cibh"),
              ("Abdominal mass", "abdominal_mass"), ("Rectal mass", "rectal_mass"), ("Anal mass", "anal_mass"),
              ("Unexplained anal ulceration", "anal_ulceration"), ("Unexplained weight loss", "weight_loss"),
              ("Abdominal pain", "abdominal_pain")]
UPPER_ROWS = [("Dysphagia", "dysphagia"), ("Upper abdominal pain", "upper_abdominal_pain"), ("Reflux", "reflux"),
              ("Dyspepsia", "dyspepsia"), ("Unexplained weight loss", "weight_loss"), ("Haematemesis", "haematemesis"),
              ("Upper abdominal mass", "abdominal_mass")]
ROW_CONFLICT = {"rectal_bleeding": {"bloody_diarrhoea"}, "cibh": {"bloody_diarrhoea"},
                "abdominal_pain": {"upper_abdominal_pain"}, "upper_abdominal_pain": {"abdominal_pain"},
                "dyspepsia": {"upper_abdominal_pain"}, "abdominal_mass": set(), "rectal_mass": {"anal_mass", "anal_ulceration"},
                "anal_mass": {"rectal_mass", "anal_ulceration"}, "anal_ulceration": {"rectal_mass", "anal_mass"}}


def form_rows(C, rows, style, r):
    """Emit answered rows; positives are evidence, 'no' answers distractors."""
    sx = set(C.S["sx"])
    out = []
    used = set()
    for label, key in rows:
        if ROW_CONFLICT.get(key, set()) & sx and key not in sx:
            continue
        if key == "abdominal_mass" and "Upper" in label and key in sx:
            label = "Abdominal mass"
        yes = key in sx
        if not (key == "dyspepsia" and C.S.get("ppi")):
            used.add(key)
        s = answer(label, yes, style, r, C.p)
        if yes:
            C.e(key, s)
        else:
            C.d("form_no", key, s)
        out.append((s, False))
    return out, used


def answer(label, yes, style, r, p):
    w = 34
    if style == "struck":
        return "%s %s %s" % (label, "." * (w - len(label)), "Yes / ~~No~~" if yes else "~~Yes~~ / No")
    if style == "circled":
        return "%s %s %s" % (label, "." * (w - len(label)), "(Yes) / No" if yes else "Yes / (No)")
    if style == "yn":
        return "%-34s %s" % (label, "Y" if yes else "N")
    if style == "tick":
        return "[%s] %s" % ("\u2713" if yes else "\u2717", label)
    if style == "plusminus":
        return "%s: %s" % (label, "+" if yes else "-")
    if style == "presence":
        return "%s: %s" % (label, "present" if yes else "absent")
    if style == "free":
        if yes:
            return "%s: %s" % (label, pick(r, ["yes", "yes, ongoing", "yes - confirmed when I examined " + p["him"]]))
        if label in ("Abdominal mass", "Jaundice", "Upper abdominal mass"):
            return "%s: %s" % (label, pick(r, ["no", "not found on examination"]))
        return "%s: %s" % (label, pick(r, ["no", "none", "not that %s has noticed" % p["he"]]))
    raise ValueError(style)


def extra_positive_lines(C, used):
    out = []
    for k, t in C.pos:
        if k not in used:
            out.append((C.e(k, t), False))
    for k, t in C.hist:
        out.append((C.e(k, t), False))
    return out


def form_header(H, title, r):
    out = [(title, True), ("=" * len(title), True),
           ("Referral date: %s" % H["date"], False),
           ("Patient: %s" % H["name"], False), ("DOB: %s" % H["dob"], False),
           ("Sex: %s" % ("Male" if H["sex"] == "M" else "Female"), False),
           ("NHS number: %s" % H["nhs"], False), ("e-RS UBRN: %s" % H["ubrn"], False),
           ("Referrer: %s, %s (%s)" % (H["gp"], H["practice"][0], H["practice"][2]), True), ("", True)]
    if H["age_num"] is not None:
        out.insert(5, ("Age: %s" % H["age_num"], False))
    return out


def L_form_yesno(C, H, r):
    style = pick(r, ["struck", "circled"])
    out = form_header(H, "GASTROENTEROLOGY REFERRAL - e-RS TEMPLATE", r)
    out.append(("Symptoms (%s):" % ("delete as appropriate" if style == "struck" else "circle one"), False))
    rows, used = form_rows(C, GEN_ROWS, style, r)
    out += rows
    out.append(("", True))
    out.append(("Clinical details:", True))
    out += extra_positive_lines(C, used)
    for s in C.dis_sentences():
        out.append((s, False))
    fr = C.lab_frags()
    if fr:
        out.append(("Investigations: " + "; ".join(fr), False))
    out.append(("Priority requested: " + (C.ask_phrase or "not stated"), False))
    return out


def L_form_ticks(C, H, r):
    style = pick(r, ["tick", "plusminus", "presence", "free"])
    out = form_header(H, "Referral proforma - Digestive Diseases", r)
    out.append(("Red flag checklist:", True))
    rows, used = form_rows(C, GEN_ROWS, style, r)
    out += rows
    out.append(("", True))
    more = extra_positive_lines(C, used)
    if more:
        out.append(("Other findings:", True))
        out += more
    for s in C.dis_sentences():
        out.append(("Note: " + s, False))
    fr = C.lab_frags()
    if fr:
        out.append(("Results: " + "; ".join(fr), False))
    if C.ask_phrase:
        out.append(("Urgency: " + C.ask_phrase, False))
    return out


def L_usc_lower(C, H, r):
    out = form_header(H, "SUSPECTED LOWER GI CANCER REFERRAL FORM (2WW / USC)", r)
    out.append(("Referral criteria (Y/N):", False))
    rows, used = form_rows(C, LOWER_ROWS, "yn", r)
    out += rows
    fit = [t for k, t, rows_ in C.labs if k == "fit"]
    if fit:
        out.append(("FIT result: " + C.e("fit", fit[0]), False))
    else:
        out.append(("FIT result: not available", False))
    other = [(k, t) for k, t, rows_ in C.labs if k != "fit"]
    if other:
        out.append(("Bloods: " + "; ".join(C.e(k, t) for k, t in other), False))
    out.append(("", True))
    out.append(("Additional clinical information:", True))
    out += extra_positive_lines(C, used)
    for s in C.dis_sentences():
        out.append((s, False))
    out.append(("I confirm the patient has been told this is an urgent suspected cancer referral.", True))
    return out


def L_usc_upper(C, H, r):
    out = form_header(H, "SUSPECTED UPPER GI CANCER REFERRAL (USC)", r)
    out.append(("Criteria - answer Y or N:", False))
    rows, used = form_rows(C, UPPER_ROWS, "yn", r)
    out += rows
    fr = C.lab_frags()
    out.append(("Bloods: " + ("; ".join(fr) if fr else "none attached"), False))
    out.append(("", True))
    out.append(("Clinical summary:", True))
    out += extra_positive_lines(C, used)
    for s in C.dis_sentences():
        out.append((s, False))
    out.append(("Patient available at short notice: Y", True))
    return out


def L_nhs111(C, H, r):
    p = C.p
    caller = pick(r, ["the patient", "the patient's daughter", "the patient's partner"])
    out = [("NHS 111 - Clinical Assessment Service: summary for onward referral", True),
           ("Date: %s" % H["date"], False), ("Case ref: 111-%08d" % r.randint(0, 99999999), True),
           ("Patient: %s   DOB: %s   NHS: %s" % (H["name"], H["dob"], H["nhs"]), False),
           ("Registered GP: %s" % H["practice"][0], True),
           ("Clinician: %s, Clinical Advisor (paramedic)" % pick(r, ["J. Okoro", "S. Mills", "R. Patel"]), True), ("", True),
           ("Caller: %s" % caller, True)]
    if H["age_words"]:
        out.append(("Age given by caller: %s" % H["age_words"].replace("-year-old", ""), False))
    out.append(("Assessment (reported by caller, confirmed with the patient on the phone):", True))
    for s in C.pos_sentences():
        out.append((s, False))
    for s in C.dis_sentences():
        out.append((s, False))
    fr = C.lab_frags()
    if fr:
        out.append(("Recent results seen on the shared record: " + "; ".join(fr), False))
    out.append(("Disposition: no emergency features; passed to specialist service in hours.", True))
    if C.ask_phrase:
        out.append(("Caller/GP request noted: " + C.ask_phrase, False))
    return out


def L_walkin(C, H, r):
    p = C.p
    out = [("Northgate Walk-in Centre", True), ("Nurse Practitioner letter", True), ("Seen: %s" % H["date"], False),
           (re_line(H), False), ("", True), ("Dear Gastroenterology,", True)]
    a = ("%s %s" % (H["age_words"], p["man"])) if H["age_words"] else p["man"]
    out.append(("I saw this %s in the walk-in centre today. %s" % (a, " ".join(C.pos_sentences())), False))
    dis = C.dis_sentences()
    if dis:
        out.append((" ".join(dis), False))
    ls = C.lab_sentence("plain")
    if ls:
        out.append((ls, False))
    out.append(("I have copied this to the GP.", True))
    if C.ask_phrase:
        out.append((C.ask_phrase, False))
    out += [("", True), ("%s, ANP" % pick(r, ["K. Doherty", "L. Asante", "M. Brennan"]), True), ("cc: %s" % H["practice"][0], True)]
    return out


def L_pharmacist(C, H, r):
    p = C.p
    out = [("Structured Medication Review - Clinical Pharmacist, %s" % H["practice"][0], True),
           ("Date of review: %s" % H["date"], False), (re_line(H), False), ("", True),
           ("Current medicines: %s" % pick(r, ["amlodipine 5 mg, atorvastatin 20 mg", "sertraline 50 mg",
                                               "levothyroxine 75 mcg, ramipril 2.5 mg", "metformin 500 mg bd"]), True)]
    a = ("%s %s" % (an(H["age_words"]), p["man"])) if H["age_words"] else "this %s" % p["man"]
    out.append(("During the review of %s the following came up:" % a, False))
    for i, s in enumerate(C.pos_sentences(), 1):
        out.append(("%d. %s" % (i, s), False))
    for s in C.dis_sentences():
        out.append(("- " + s, False))
    fr = C.lab_frags()
    if fr:
        out.append(("Monitoring bloods: " + "; ".join(fr), False))
    out.append(("Discussed with the duty GP, who agreed to this referral.", True))
    if C.ask_phrase:
        out.append((C.ask_phrase, False))
    out.append(("%s, Practice Pharmacist (IP)" % pick(r, ["A. Lam", "D. Mistry", "C. Howe"]), True))
    return out


def L_endoscopy(C, H, r):
    p = C.p
    out = [("Endoscopy Unit - Pre-assessment clinic", True), ("Date: %s" % H["date"], False),
           (re_line(H) + "   Hosp No: %s" % H["hosp"], False), ("", True),
           ("To the gastroenterology triage team,", True)]
    a = ("%s, %s %s," % (H["name"], H["age_words"], p["man"])) if H["age_words"] else H["name"] + ","
    out.append(("%s attended pre-assessment today for a routine list; at the nursing assessment the following was recorded, and I am asking for the referral to be triaged afresh:" % a, False))
    for i, s in enumerate(C.pos_sentences(), 1):
        out.append(("%d. %s" % (i, s), False))
    for s in C.dis_sentences():
        out.append(("   " + s, False))
    fr = C.lab_frags()
    if fr:
        out.append(("Pre-assessment bloods/tests: " + "; ".join(fr), False))
    if C.ask_phrase:
        out.append(("Referrer's original request: " + C.ask_phrase, False))
    out.append(("%s, Endoscopy Pre-assessment Nurse" % pick(r, ["G. Tait", "P. Nwosu", "E. Harper"]), True))
    return out


def table_lines(C):
    out = [("Test                                Result   Units     Ref range   Flag   Date", True)]
    inline = []
    for k, t, rows in C.labs:
        good = rows and all(rw is not None for d, rw in rows)
        if good:
            for j, (d, rw) in enumerate(rows):
                line = "%-35s %-8s %-9s %-11s %-6s %s" % (rw[0], rw[1], rw[2], rw[3], rw[4], fdate(d, 0))
                if j == len(rows) - 1:
                    C.e(k, line)
                    for dd in C.dv:
                        if dd["kind"] == "normal_value" and dd["about"] == k:
                            dd["text"] = line
                else:
                    for dd in C.dv:
                        if dd["kind"] == "superseded_result" and dd["about"] == k:
                            dd["text"] = line
                out.append((line, False))
        else:
            inline.append(C.e(k, t))
    if len(out) == 1:
        out = []
    return out, inline


def L_private(C, H, r):
    p = C.p
    out = [("Wellness Health Assessment - Private GP report", True), ("Date of report: %s" % H["date"], False),
           ("Client: %s   DOB: %s   NHS: %s" % (H["name"], H["dob"], H["nhs"]), False), ("", True)]
    if H["age_words"]:
        out.append(("Age at assessment: %s" % H["age_num"], False))
    out.append(("Summary of findings:", True))
    for i, s in enumerate(C.pos_sentences(), 1):
        out.append(("%d. %s" % (i, s), False))
    tl, inline = table_lines(C)
    if tl:
        out.append(("Laboratory results:", True))
        out += tl
    for s in inline:
        out.append(("Also: " + s, False))
    for s in C.dis_sentences():
        out.append(("- " + s, False))
    out.append(("The client has asked that this report be sent to the NHS gastroenterology service.", True))
    if C.ask_phrase:
        out.append((C.ask_phrase, False))
    out.append(("Dr %s, Private GP" % pick(r, ["V. Castellano", "I. Forde"]), True))
    return out


def L_forces(C, H, r):
    p = C.p
    out = [("Medical Centre, %s" % pick(r, ["Catterick Garrison", "RAF Leeming", "HMS Drake"]), True),
           ("Date: %s" % H["date"], False),
           ("Re: %s   Service No: %d   DOB: %s   NHS: %s" % (H["name"], r.randint(25000000, 30999999), H["dob"], H["nhs"]), False),
           ("", True), ("Sir/Madam,", True)]
    a = ("%s %s" % (H["age_words"], p["man"])) if H["age_words"] else "serving %s" % p["man"]
    out.append(("I would be grateful for your assessment of this %s, currently fit for duty with restrictions." % a, False))
    out.append((" ".join(C.pos_sentences()), False))
    dis = C.dis_sentences()
    if dis:
        out.append((" ".join(dis), False))
    ls = C.lab_sentence("plain")
    if ls:
        out.append((ls, False))
    if C.ask_phrase:
        out.append((C.ask_phrase, False))
    out.append(("Surg Lt %s, Medical Officer" % pick(r, ["R. Ashby", "N. Quayle", "T. Obi"]), True))
    return out


def L_system(C, H, r):
    p = C.p
    foot = "Page %d of 2 -- %s -- NHS No %s -- CONFIDENTIAL"
    out = [(H["practice"][0] + " (" + H["practice"][2] + ")", True), (H["practice"][1], True),
           ("Referral letter generated %s   UBRN %s" % (H["date"], H["ubrn"]), False),
           ("Patient: %s   DOB: %s   NHS No: %s   Hosp No: %s" % (H["name"], H["dob"], H["nhs"], H["hosp"]), False),
           ("", True), ("Problems (active): hypertension; osteoarthritis knee", True),
           ("Medication: as per repeat template", True), ("", True)]
    c = "Consultation %s, %s:" % (H["date"], H["gp"])
    out.append((c, False))
    if H["age_short"]:
        out.append((H["age_short"] + ".", False))
    for s in C.pos_sentences():
        out.append((s, False))
    out.append((foot % (1, H["practice"][0], H["nhs"]), True))
    tl, inline = table_lines(C)
    if tl:
        out.append(("Results:", True))
        out += tl
    for s in inline:
        out.append((s, False))
    for s in C.dis_sentences():
        out.append((s, False))
    if C.ask_phrase:
        out.append(("Referral priority: " + C.ask_phrase, False))
    out.append(("cc: patient; %s" % HOSPITAL, True))
    out.append((foot % (2, H["practice"][0], H["nhs"]), True))
    return out


LAYOUTS = [
    ("gp_formal", L_gp_formal, "formal"), ("gp_terse", L_gp_terse, "terse"), ("gp_chatty", L_gp_chatty, "plain"),
    ("gp_bullets", L_gp_bullets, "plain"), ("gp_third_person", L_gp_third_person, "formal"),
    ("gp_lowercase", L_gp_lowercase, "plain"), ("gp_abbrev", L_gp_abbrev, "terse"),
    ("headed_sections", L_headed, "plain"), ("soap_note", L_soap, "terse"),
    ("form_yes_no", L_form_yesno, "terse"), ("form_ticks", L_form_ticks, "terse"),
    ("usc_lower_gi_form", L_usc_lower, "terse"), ("usc_upper_gi_form", L_usc_upper, "terse"),
    ("nhs111_summary", L_nhs111, "plain"), ("walkin_nurse", L_walkin, "plain"),
    ("pharmacist_review", L_pharmacist, "formal"), ("endoscopy_preassessment", L_endoscopy, "formal"),
    ("private_healthcheck", L_private, "formal"), ("forces_mo", L_forces, "plain"),
    ("gp_system_paste", L_system, "terse"),
]


# ---------------------------------------------------------------- assembly
def engine_facts(S):
    return {"age": S["age"], "sex": S["sex"], "sx": sorted(S["sx"]),
            "labs": {k: [[op, v] for op, v, f in vs] for k, vs in S["labs"].items()},
            "ppi": [S["ppi"][0], S["ppi"][1]] if S.get("ppi") else None,
            "cibh_detail": S.get("cibh_detail"), "cirrhosis": S.get("cirrhosis"),
            "ibd_known": S.get("ibd_known"), "ibd_stable_question": S.get("ibd_stable_question"),
            "ttg": S.get("ttg"), "fatty_liver": bool(S.get("fatty_liver")), "fh_crc": bool(S.get("fh_crc")),
            "fit_pending": bool(S.get("fit_pending"))}


def rule_of(S):
    F = engine_facts(S)
    F["labs"] = {k: [tuple(x) for x in v] for k, v in F["labs"].items()}
    F["ppi"] = tuple(F["ppi"]) if F["ppi"] else None
    return decide(F)


NORMALS = [("hb", lambda s: [("=", 146 if s == "M" else 132, "plain")], lambda s: "Hb %d" % (146 if s == "M" else 132)),
           ("ferritin", lambda s: [("=", 86, "plain")], lambda s: "ferritin 86"),
           ("alt", lambda s: [("=", 22, "plain")], lambda s: "LFTs normal (ALT 22)")]


def prepare(S, lid):
    r = R(lid, "prep")
    if S["sex"] is None:
        S["sex"] = pick(r, ["M", "F"])
    S["labdates"] = {}
    ld = dt.date(2024, 1, 8) + dt.timedelta(days=r.randint(0, 330))
    S["letter_date"] = ld
    if S["mode"] is None:
        x = r.random()
        S["mode"] = "num" if x < 0.55 else ("words" if x < 0.7 else "dob")
    off = S["dob_offset"]
    if off is None:
        off = r.choice([-1, 1]) * r.randint(25, 170)
    bday = ld + dt.timedelta(days=off)
    if bday.month == 2 and bday.day == 29:
        bday += dt.timedelta(days=1)
    by = bday.year - S["age"] if bday <= ld else bday.year - S["age"] - 1
    dob = dt.date(by, bday.month, bday.day)
    assert age_at(dob, ld) == S["age"], (dob, ld, S["age"])
    S["dob"] = dob
    base = rule_of(S)
    assert base == S["rule"], (lid, base, S["rule"])
    # normal values as distractors, only if the label does not move
    S["normal_text"] = []
    if r.random() < 0.4:
        key, mk, tx = pick(r, NORMALS)
        if key not in S["labs"]:
            trial = dict(S)
            trial["labs"] = dict(S["labs"])
            trial["labs"][key] = mk(S["sex"])
            try:
                ok = rule_of(trial) == base
            except Ambiguous:
                ok = False
            if ok:
                S["labs"] = trial["labs"]
                S["normal_text"] = [(key, tx(S["sex"]))]
    if r.random() < 0.15 and S.get("ttg") is None and S["rule"] not in ("O4",):
        S["ttg"] = "negative"
    if S["sx"] and not S.get("fh_crc") and r.random() < 0.1 and S["rule"] != "A1":
        # (second pass: no family history inside A1 letters, so "no other fact above" stays unarguable)
        S["fh_crc"] = True
        S["fh_distractor"] = True
    assert rule_of(S) == base
    # distractors
    p = pron(S["sex"], S["layout"] == "gp_third_person")
    k = pick(r, [0, 1, 1, 2, 2, 2, 3, 3, 4])
    ds = pick_distractors(S, r, p, k)
    if S.get("ttg") == "negative":
        ds.append(("normal_value", "ttg", "Coeliac serology (tTG) negative."))
    if S.get("cirrhosis") == "ascites":
        ds = [d for d in ds if d[1] != "abdominal_mass"]
    S["distractors"] = ds
    # requested priority
    urg = RULE_LABELS[base][0]
    if S["layout"] in ("usc_lower_gi_form", "usc_upper_gi_form"):
        S["ask"] = "urgent_suspected_cancer"
    else:
        x = r.random()
        if x < 0.07:
            S["ask"] = None
        elif x < 0.52:
            S["ask"] = urg
        else:
            S["ask"] = pick(r, [u for u in URG if u != urg])


def header(S, lid):
    r = R(lid, "hdr")
    sex = S["sex"]
    first = pick(r, FIRST_M if sex == "M" else FIRST_F)
    sur = pick(r, SURNAMES)
    if sex == "M":
        title = "Mr"
    else:
        title = pick(r, ["Mrs", "Ms", "Miss"] if S["age"] < 35 else ["Mrs", "Ms"])
    dstyle = r.randint(0, 3)
    H = dict(title=title, surname=sur, name="%s %s %s" % (title, first, sur), sex=sex,
             dob=fdate(S["dob"], dstyle if dstyle != 2 else 0), date=fdate(S["letter_date"], dstyle),
             nhs=nhs_number(r), hosp="CGH%07d" % r.randint(0, 9999999),
             ubrn="%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)),
             practice=pick(r, PRACTICES), gp=pick(r, GPS))
    a = S["age"]
    sx1 = "M" if sex == "M" else "F"
    if S["mode"] == "num":
        H["age_words"] = "%d-year-old" % a
        H["age_short"] = pick(r, ["%d%s" % (a, sx1), "%d yo %s" % (a, "male" if sex == "M" else "female"), "%dy %s" % (a, sx1)])
        H["age_num"] = str(a)
    elif S["mode"] == "words":
        H["age_words"] = words(a) + "-year-old"
        H["age_short"] = "%s-year-old %s" % (words(a), "man" if sex == "M" else "woman")
        H["age_num"] = words(a)
    else:
        H["age_words"] = H["age_short"] = H["age_num"] = None
    H["visit1"] = None
    if S["dob_offset"] is None and r.random() < 0.6:
        v1 = S["letter_date"] - dt.timedelta(days=r.randint(14, 42))
        if age_at(S["dob"], v1) == a:
            H["visit1"] = fdate(v1, 0)
    return H


def depunct(s):
    out = []
    for i, ch in enumerate(s):
        if ch in ",;:!?'\"()":
            continue
        if ch == "." and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()):
            continue
        out.append(ch)
    return "".join(out).lower()


NOISE = [("rn", "m"), ("m", "rn"), ("l", "1"), ("o", "0"), ("e", "c"), ("tion", "tlon"), ("ou", "uo"), ("ea", "ae")]


def noisy(line, r):
    if len(line) < 8:
        return line
    for _ in range(r.randint(1, 2)):
        a, b = pick(r, NOISE)
        idx = [i for i in range(len(line)) if line.startswith(a, i)]
        if idx:
            i = pick(r, idx)
            line = line[:i] + b + line[i + len(a):]
    return line


def assign_layouts(scens):
    r = R("assign")
    pool = list(range(len(scens)))
    r.shuffle(pool)
    pref = {
        "usc_upper_gi_form": lambda S: RULE_LABELS[S["rule"]][1] == "upper_gi" or "dyspepsia" in S["sx"],
        "usc_lower_gi_form": lambda S: RULE_LABELS[S["rule"]][1] in ("lower_gi", "general_gi") and bool(S["sx"]),
        "pharmacist_review": lambda S: bool(S.get("ppi")) or bool(S["labs"]) or bool(S.get("ibd_known")),
        "forces_mo": lambda S: S["age"] <= 55,
        "private_healthcheck": lambda S: bool(S["labs"]),
        "gp_system_paste": lambda S: bool(S["labs"]),
    }
    hard = {"forces_mo": lambda S: 18 <= S["age"] <= 55}
    order = ["forces_mo", "usc_upper_gi_form", "usc_lower_gi_form", "pharmacist_review", "private_healthcheck",
             "gp_system_paste"] + [n for n, f, g in LAYOUTS if n not in pref]
    got = {}
    for name in order:
        pr = pref.get(name, lambda S: True)
        hd = hard.get(name, lambda S: True)
        chosen = [i for i in pool if pr(scens[i]) and hd(scens[i])][:15]
        if len(chosen) < 15:
            chosen += [i for i in pool if hd(scens[i]) and i not in chosen][:15 - len(chosen)]
        for i in chosen:
            pool.remove(i)
            scens[i]["layout"] = name
    assert not pool


def main():
    scens = [dict(s) for s in SCEN]
    r = R("order")
    r.shuffle(scens)
    assign_layouts(scens)
    lay = {n: (f, g) for n, f, g in LAYOUTS}
    noise_ids = set(R("noise").sample(range(300), 30))
    letters, metas = [], []
    for i, S in enumerate(scens):
        lid = "L24-%04d" % (i + 1)
        prepare(S, lid)
        H = header(S, lid)
        func, reg = lay[S["layout"]]
        C = build_content(S, lid, S["layout"], reg)
        lines = func(C, H, R(lid, "layout"))
        noise = i in noise_ids
        nr = R(lid, "noise")
        txt_lines = []
        for ln, safe in lines:
            if noise and safe and ln and nr.random() < 0.5:
                ln = noisy(ln, nr)
            txt_lines.append(ln)
        text = "\n".join(txt_lines).strip() + "\n"
        ev = {k: list(v) for k, v in C.ev.items()}
        dv = [dict(d) for d in C.dv]
        if S["layout"] == "gp_lowercase":
            text = depunct(text)
            ev = {k: [depunct(x) for x in v] for k, v in ev.items()}
            for d in dv:
                d["text"] = depunct(d["text"])
        if S.get("fh_distractor"):
            dv.append({"kind": "family_history", "about": "fh_crc (symptomatic letter, A3 not reached)",
                       "text": ev["fh_crc"][-1]})
        # every fact-bearing string must be in the text
        for k, v in ev.items():
            for x in v:
                assert x in text, (lid, k, x)
        for d in dv:
            assert d["text"] in text, (lid, d)
        for k in S["sx"]:
            assert k in ev, (lid, "no evidence for", k)
        for k in S["labs"]:
            assert k in ev, (lid, "no evidence for lab", k)
        urg, path = RULE_LABELS[S["rule"]]
        ask = S["ask"]
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": S["rule"],
                        "style": S["layout"], "gp_priority": ASK_NAME[ask] if ask else None, "age": S["age"]})
        F = engine_facts(S)
        metas.append({"id": lid, "rule": S["rule"], "urgency": urg, "pathway": path, "style": S["layout"],
                      "facts": F, "dob": S["dob"].isoformat(), "letter_date": S["letter_date"].isoformat(),
                      "age_given_as": {"num": "number", "words": "words", "dob": "date of birth only"}[S["mode"]],
                      "dob_as_written": H["dob"], "letter_date_as_written": H["date"],
                      "lab_formats": {k: [f for op, v, f in vs] for k, vs in S["labs"].items()},
                      "lab_dates": S["labdates"], "ppi_phrase": S["ppi"][2] if S.get("ppi") else None,
                      "evidence": ev, "distractors": dv, "near_line": S["near"],
                      "gp_priority": ASK_NAME[ask] if ask else None, "gp_priority_urgency": ask,
                      "gp_priority_disagrees": (ask is not None and ask != urg), "ocr_noise": noise})
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8") as f:
        for x in letters:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8") as f:
        for x in metas:
            f.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")
    h = hashlib.sha256(open(os.path.join(OUT, "letters.jsonl"), "rb").read()).hexdigest()
    print("letters.jsonl sha256", h)


if __name__ == "__main__":
    main()
