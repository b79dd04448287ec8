#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters23".

300 synthetic gastroenterology referral letters labelled by the rules in
/work/shared/clinical/referral-triage-spec.md (first matching rule decides).
Python 3 standard library only.  Every random choice is seeded from strings,
so reruns give byte-identical files.

Usage: python3 make_set.py            (writes letters.jsonl, letters_meta.jsonl, README.md)
"""
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = "letters23"


def R(*parts):
    """A random generator seeded from strings only."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


# --------------------------------------------------------------------------
# labels and the rule engine (the spec, with every loose reading made a flag)
# --------------------------------------------------------------------------
LABELS = {
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
URGENCIES = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAYS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]


class Amb(Exception):
    pass


def lt(x, thr):
    """Is the reported value x=(value, op) below thr?  Raises Amb if unclear."""
    v, op = x
    if op == "=":
        return v < thr
    if op == "<":
        if v <= thr:
            return True
        raise Amb("<%s against %s" % (v, thr))
    if op == ">":
        if v >= thr:
            return False
        raise Amb(">%s against %s" % (v, thr))
    raise ValueError(op)


FLAGS = ["bd", "up_abdo", "dys_abdo", "reflux_dys", "up_dys", "a1_strict", "a3_labs"]
# bd         bloody diarrhoea also read as rectal bleeding and as change in bowel habit
# up_abdo    epigastric / upper abdominal pain also read as "abdominal pain" (U8, A1, O6)
# dys_abdo   dyspepsia also read as "abdominal pain"
# reflux_dys reflux also read as "dyspepsia" for treatment-resistant dyspepsia (O1)
# up_dys     upper abdominal pain also read as dyspepsia (O1, A2)
# a1_strict  A1's "no other fact above" read as: no other positive finding at all
# a3_labs    A3's "no symptoms" also excludes abnormal results
SPEC_SYMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "weight_loss",
             "upper_abdo_pain", "lower_abdo_pain", "reflux", "dyspepsia", "jaundice", "rectal_bleeding",
             "cibh", "bloody_diarrhoea", "haematemesis", "bloating", "ascites", "confusion",
             "nausea", "fatigue"]


def classify(F, fl):
    s = F["sym"]
    age = F["age"]

    def has(k):
        return k in s
    hb, fer, fit, cp, alt = F.get("hb"), F.get("ferritin"), F.get("fit"), F.get("calpro"), F.get("alt")
    anaemia = hb is not None and lt(hb, 130 if F["sex"] == "M" else 120)
    irondef = fer is not None and lt(fer, 30)
    ida = anaemia and irondef
    fit_ge = fit is not None and not lt(fit, 10)
    fit_lt = fit is not None and lt(fit, 10)
    cp_hi = cp is not None and not lt(cp, 250)
    cp_mid = cp is not None and not lt(cp, 100) and lt(cp, 250)
    cp_lo = cp is not None and lt(cp, 100)
    alt_hi = alt is not None and not lt(alt, 300)
    alt_mid = alt is not None and not lt(alt, 40) and lt(alt, 300)
    wl = has("weight_loss")
    rb = has("rectal_bleeding") or (fl["bd"] and has("bloody_diarrhoea"))
    cibh = has("cibh") or (fl["bd"] and has("bloody_diarrhoea"))
    abdo = has("lower_abdo_pain") or (fl["up_abdo"] and has("upper_abdo_pain")) or \
        (fl["dys_abdo"] and has("dyspepsia"))
    dysp_o1 = has("dyspepsia") or (fl["reflux_dys"] and has("reflux")) or \
        (fl["up_dys"] and has("upper_abdo_pain"))
    ppi = F.get("ppi")
    trd = dysp_o1 and ppi is not None and ppi["is_ppi"] and ppi["weeks"] >= 4
    ttg = F.get("ttg") == "raised"
    fatty = bool(F.get("fatty_liver"))
    if has("dysphagia"):
        return "U1"
    if has("rectal_mass") or has("anal_mass") or has("anal_ulcer"):
        return "U2"
    if fit_ge:
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (has("upper_abdo_pain") or has("reflux") or has("dyspepsia")):
        return "U5"
    if has("abdominal_mass"):
        return "U6"
    if age >= 40 and has("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and abdo) or (age >= 60 and cibh)):
        return "U8"
    if has("bloody_diarrhoea") or cp_hi:
        return "R1"
    if (F.get("known_cirrhosis") and (has("ascites") or has("confusion"))) or alt_hi:
        return "R2"
    if has("haematemesis"):
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cp_mid:
        return "O2"
    if F.get("known_ibd") and F.get("ibd_question"):
        return "O3"
    if ttg:
        return "O4"
    if alt_mid or fatty:
        return "O5"
    if age < 50 and (abdo or has("bloating") or cibh) and (cp_lo or fit_lt):
        other = False
        if fl["a1_strict"]:
            own = {"lower_abdo_pain", "bloating", "cibh"}
            if fl["up_abdo"]:
                own.add("upper_abdo_pain")
            if fl["dys_abdo"]:
                own.add("dyspepsia")
            other = any(k not in own for k in s) or anaemia or irondef or ppi is not None or \
                bool(F.get("known_cirrhosis")) or bool(F.get("known_ibd")) or bool(F.get("fh_crc"))
        if not other:
            return "A1"
    if (rb or cibh or abdo) and fit_lt:
        return "O6"
    if age < 55 and (has("dyspepsia") or has("reflux") or (fl["up_dys"] and has("upper_abdo_pain"))):
        return "A2"
    if F.get("fh_crc") and not s:
        if not (fl["a3_labs"] and (anaemia or irondef or alt_mid or ttg or fatty)):
            return "A3"
    return "D"


def decide(F):
    """The rule under every combination of readings; must be one rule."""
    out = set()
    for combo in itertools.product([False, True], repeat=len(FLAGS)):
        out.add(classify(F, dict(zip(FLAGS, combo))))
    if len(out) != 1:
        raise Amb("readings disagree: %s" % sorted(out))
    return out.pop()


def outcomes(F):
    out = set()
    for combo in itertools.product([False, True], repeat=len(FLAGS)):
        try:
            out.add(classify(F, dict(zip(FLAGS, combo))))
        except Amb:
            out.add("AMBIGUOUS")
    return out


# --------------------------------------------------------------------------
# small text helpers
# --------------------------------------------------------------------------
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n):
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else "-" + ONES[o])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def fdate(d, f):
    if f == "slash":
        return d.strftime("%d/%m/%Y")
    if f == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if f == "short":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if f == "dash":
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if f == "dot":
        return d.strftime("%d.%m.%Y")
    raise ValueError(f)


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def nhs_number(rng):
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        if digits[0] == 0:
            continue
        tot = sum(dd * w for dd, w in zip(digits, range(10, 1, -1)))
        chk = 11 - tot % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        s = "".join(map(str, digits)) + str(chk)
        return s[:3] + " " + s[3:6] + " " + s[6:]


def art(a):
    """'a' or 'an' before an age phrase"""
    x = a.lower()
    return "an" if (x.startswith("8") or x.startswith("11") or x.startswith("18") or x.startswith("eight")
                    or x.startswith("eleven")) else "a"


def lc(s):
    """The lower-case, no-punctuation writer."""
    s = s.lower().replace("-", " ").replace("~", "")
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", "", s)
    s = re.sub(r"[,;:!?()'\"]", "", s)
    return re.sub(r"[ \t]+", " ", s)


OCR = [("l", "1"), ("O", "0"), ("rn", "m"), ("m", "rn"), ("e", "c"), ("i", "l"), ("S", "5")]


def ocr_noise(s, rng):
    ws = s.split(" ")
    idx = [i for i, w in enumerate(ws) if len(w) > 3 and w.isalpha()]
    if not idx:
        return s
    for i in rng.sample(idx, min(len(idx), rng.choice([1, 1, 2]))):
        w = ws[i]
        kind = rng.random()
        if kind < 0.6:
            opts = [(a, b) for a, b in OCR if a in w]
            if opts:
                a, b = rng.choice(opts)
                w = w.replace(a, b, 1)
            else:
                j = rng.randrange(len(w) - 1)
                w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        else:
            j = rng.randrange(1, len(w) - 1)
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        ws[i] = w
    return " ".join(ws)


# --------------------------------------------------------------------------
# phrase banks.  {He}/{he}/{his}/{His}/{him} are the patient's pronouns,
# {dur} a duration in words, {dab} the same duration abbreviated, {kg} kilograms.
# --------------------------------------------------------------------------
DURS_LONG = [("four months", "4/12"), ("five months", "5/12"), ("six months", "6/12"), ("about a year", "12/12")]
DURS = [("three weeks", "3/52"), ("five weeks", "5/52"), ("six weeks", "6/52"), ("two months", "2/12"),
        ("three months", "3/12"), ("four months", "4/12"), ("eight weeks", "8/52")]

SYMB = {
    "dysphagia": dict(
        sec="hpc", row="Dysphagia", noun="difficulty swallowing",
        prose=["{He} describes difficulty swallowing solids for {dur}, with food sticking behind the breastbone.",
               "{He} has had progressive dysphagia to solids over the last {dur}.",
               "For {dur} {he} has found it increasingly hard to swallow bread and meat."],
        note=["dysphagia to solids for {dur}", "difficulty swallowing, {dur}", "food sticking on swallowing for {dur}"],
        abbr=["dysphagia solids {dab}", "difficulty swallowing {dab}"],
        free=["yes - solids stick, {dur}", "yes, for {dur}"],
        rep=("{he} has been struggling to swallow", "{he} confirms that solid food sticks")),
    "rectal_mass": dict(
        sec="exam", row="Rectal mass on PR", noun="a rectal mass",
        prose=["On rectal examination there is a firm, irregular mass on the anterior wall at about 6 cm.",
               "Digital rectal examination reveals a hard rectal mass within reach of the finger."],
        note=["PR: firm irregular rectal mass at 6 cm", "hard rectal mass on PR"],
        abbr=["PR: hard mass ~6cm", "PR - rectal mass palpable"],
        free=["yes - hard mass felt on PR"]),
    "anal_mass": dict(
        sec="exam", row="Anal mass", noun="an anal mass",
        prose=["There is a hard, fixed mass at the anal margin on examination.",
               "Examination shows a firm anal mass at the 3 o'clock position."],
        note=["firm anal margin mass", "hard fixed anal mass"],
        abbr=["o/e anal mass, firm"], free=["yes - firm anal mass"]),
    "anal_ulcer": dict(
        sec="exam", row="Unexplained anal ulceration", noun="an anal ulcer",
        prose=["There is an indurated anal ulcer which has not healed in {dur} and for which I can find no cause.",
               "Examination shows an unexplained anal ulcer, present for {dur} and not healing."],
        note=["unexplained non-healing anal ulcer, {dur}", "indurated anal ulcer, no cause found"],
        abbr=["anal ulcer {dab}, no cause found"], free=["yes - unexplained, not healing"]),
    "abdominal_mass": dict(
        sec="exam", row="Abdominal mass", noun="an abdominal mass",
        prose=["On examination I can feel a firm mass in the right iliac fossa.",
               "There is a palpable, non-tender mass in the left iliac fossa.",
               "Abdominal examination reveals a firm mass in the right iliac fossa about 5 cm across."],
        note=["palpable RIF mass", "firm mass in the left iliac fossa", "abdominal mass RIF ~5 cm"],
        abbr=["o/e RIF mass", "LIF mass palpable"], free=["yes - firm mass RIF"]),
    "weight_loss": dict(
        sec="hpc", row="Unexplained weight loss", noun="weight loss",
        prose=["{He} has lost {kg} kg over {dur} without trying.",
               "There has been unintentional weight loss of about {kg} kg in {dur}.",
               "{He} has lost weight without trying - {kg} kg over {dur} on our scales."],
        note=["unintentional weight loss {kg} kg over {dur}", "lost {kg} kg in {dur}, not dieting"],
        abbr=["wt loss {kg}kg {dab}, unintentional", "unintentional wt loss {kg}kg"],
        free=["yes - {kg} kg in {dur}, not trying"],
        rep=("{he} has lost weight", "our scales confirm an unintentional loss of {kg} kg since {month}")),
    "upper_abdo_pain": dict(
        sec="hpc", row="Upper abdominal pain", noun="epigastric pain",
        prose=["{He} has had epigastric pain for {dur}.", "{He} reports a gnawing upper abdominal pain over {dur}."],
        note=["epigastric pain for {dur}", "upper abdominal pain, {dur}"],
        abbr=["epigastric pain {dab}"], free=["yes - epigastric, {dur}"]),
    "lower_abdo_pain": dict(
        sec="hpc", row="Lower abdominal pain", noun="lower abdominal pain",
        prose=["{He} has had crampy lower abdominal pain for {dur}.",
               "{He} describes intermittent left iliac fossa pain over the last {dur}.",
               "{He} has been getting lower abdominal pain, on and off, for {dur}."],
        note=["lower abdominal pain for {dur}", "crampy lower abdo pain {dur}", "LIF pain on and off, {dur}"],
        abbr=["lower abdo pain {dab}", "LIF pain {dab}"], free=["yes - lower abdomen, {dur}", "occasionally, low down"],
        rep=("{he} has been in pain low in the tummy", "{he} confirms lower abdominal pain on most days")),
    "reflux": dict(
        sec="hpc", row="Reflux / heartburn", noun="reflux",
        prose=["{He} has had heartburn and acid reflux for {dur}.", "{He} describes troublesome reflux over {dur}."],
        note=["heartburn and reflux for {dur}", "reflux symptoms {dur}"],
        abbr=["reflux/heartburn {dab}"], free=["yes, most evenings", "occasionally"]),
    "dyspepsia": dict(
        sec="hpc", row="Dyspepsia / indigestion", noun="dyspepsia",
        prose=["{He} has had dyspepsia for {dur}.", "{He} has been troubled by indigestion for {dur}."],
        note=["dyspepsia for {dur}", "indigestion, {dur}"],
        abbr=["dyspepsia {dab}"], free=["yes - indigestion after meals", "yes, daily"]),
    "jaundice": dict(
        sec="exam", row="Jaundice", noun="jaundice",
        prose=["{He} is visibly jaundiced today.", "{He} noticed painless jaundice {dur} ago and is clearly jaundiced on examination."],
        note=["jaundiced on examination", "painless jaundice, noticed {dur} ago"],
        abbr=["o/e jaundiced", "painless jaundice"], free=["yes - yellow sclerae"],
        rep=("{his} eyes have looked yellow", "{he} is clearly jaundiced on examination")),
    "rectal_bleeding": dict(
        sec="hpc", row="Rectal bleeding", noun="rectal bleeding",
        prose=["{He} has noticed bright red blood on the paper and in the pan for {dur}.",
               "{He} has had rectal bleeding on and off for {dur}.",
               "For {dur} {he} has been passing blood with {his} stools."],
        note=["rectal bleeding for {dur}", "fresh PR bleeding on and off, {dur}"],
        abbr=["PR bleeding {dab}", "PR bld on/off {dab}"], free=["yes, for {dur}", "occasionally - bright red"],
        rep=("{he} has been bleeding from the back passage", "{he} confirms rectal bleeding most days")),
    "cibh": dict(
        sec="hpc", row="Change in bowel habit", noun="a change in bowel habit",
        prose=["{His} bowel habit has changed over {dur}, to looser and more frequent stools.",
               "{He} reports a change in bowel habit for {dur}, now opening {his} bowels three or four times a day.",
               "There has been a persistent change in bowel habit over {dur}."],
        note=["change in bowel habit to loose stools for {dur}", "CIBH (looser, more frequent) {dur}"],
        abbr=["CIBH to loose {dab}", "CIBH {dab}"], free=["yes - looser and more often, {dur}"],
        rep=("{he} has been going to the toilet far more often", "{he} confirms a change in bowel habit to looser stools")),
    "bloody_diarrhoea": dict(
        sec="hpc", row="Bloody diarrhoea", noun="bloody diarrhoea",
        prose=["{He} has had diarrhoea with blood mixed in, up to six times a day, for {dur}.",
               "{He} has bloody diarrhoea, opening {his} bowels about eight times a day, for the last {dur}."],
        note=["bloody diarrhoea 6x/day for {dur}", "diarrhoea with blood, {dur}"],
        abbr=["bloody diarrhoea 6-8x/day {dab}"], free=["yes - up to 6 times a day"],
        rep=("{he} has had bloody diarrhoea", "{he} confirms diarrhoea with blood several times a day")),
    "haematemesis": dict(
        sec="hpc", row="Haematemesis", noun="haematemesis",
        prose=["{He} had an episode of haematemesis last week, about a cupful of fresh blood, and has been well and stable since.",
               "{He} vomited fresh blood twice four days ago; pulse and blood pressure are normal today."],
        note=["haematemesis x1 last week, obs stable since", "vomited fresh blood twice, now stable"],
        abbr=["haematemesis x2, obs stable"], free=["yes - twice, last week"],
        rep=("{he} vomited blood", "{he} confirms vomiting fresh blood")),
    "bloating": dict(
        sec="hpc", row="Bloating", noun="bloating",
        prose=["{He} complains of abdominal bloating for {dur}.", "{He} has been bloated most days for {dur}."],
        note=["bloating {dur}", "abdominal bloating for {dur}"],
        abbr=["bloating {dab}"], free=["yes, most days", "occasionally"]),
    "ascites": dict(
        sec="exam", row="Ascites", noun="ascites",
        prose=["{He} has developed ascites - {his} abdomen is distended with shifting dullness.",
               "On examination there is new, moderate ascites."],
        note=["new ascites (shifting dullness)", "clinically obvious ascites"],
        abbr=["o/e ascites"], free=["yes - distended, shifting dullness"]),
    "confusion": dict(
        sec="hpc", row="Confusion", noun="confusion",
        prose=["{He} has become increasingly confused over the past week and was disorientated in time when I saw {him}.",
               "There is new confusion: {he} could not tell me the month or the year today."],
        note=["new confusion, disorientated in time", "increasingly confused over the past week"],
        abbr=["new confusion"], free=["yes - disorientated"],
        rep=("{he} has been muddled", "{he} was disorientated in time when I saw {him}")),
    "nausea": dict(
        sec="hpc", row="Nausea", noun="nausea",
        prose=["{He} has had intermittent nausea for {dur}."], note=["intermittent nausea {dur}"],
        abbr=["nausea {dab}"], free=["occasionally"]),
    "fatigue": dict(
        sec="hpc", row="Fatigue", noun="tiredness",
        prose=["{He} has felt tired all the time for {dur}."], note=["tired all the time, {dur}"],
        abbr=["TATT {dab}"], free=["yes, for {dur}"]),
}

NEGB = {
    "dysphagia": (["{He} has no difficulty swallowing.", "There is no dysphagia."], ["no dysphagia", "swallowing normal"]),
    "weight_loss": (["{His} weight is stable.", "There has been no weight loss."], ["no weight loss", "weight stable"]),
    "rectal_bleeding": (["{He} has not noticed any rectal bleeding.", "There has been no rectal bleeding."],
                        ["no PR bleeding", "no rectal bleeding"]),
    "cibh": (["{His} bowel habit is unchanged.", "There is no change in bowel habit."], ["no change in bowel habit", "bowel habit unchanged"]),
    "jaundice": (["{He} is not jaundiced.", "There is no jaundice."], ["no jaundice", "not jaundiced"]),
    "haematemesis": (["There has been no haematemesis.", "{He} has not vomited any blood."], ["no haematemesis"]),
    "abdominal_mass": (["{His} abdomen is soft with no palpable mass.", "There is no abdominal mass."], ["abdomen soft, no masses", "no abdominal mass"]),
    "rectal_mass": (["Rectal examination is normal, with no mass felt.", "PR examination: no mass."], ["PR: no mass felt", "PR normal, no mass"]),
    "bloody_diarrhoea": (["There is no bloody diarrhoea."], ["no bloody diarrhoea"]),
    "reflux": (["{He} has no reflux symptoms."], ["no reflux"]),
    "dyspepsia": (["{He} has no dyspepsia."], ["no dyspepsia"]),
    "upper_abdo_pain": (["{He} has no epigastric pain."], ["no epigastric pain"]),
    "ascites": (["There is no ascites."], ["no ascites"]),
    "confusion": (["{He} is alert and orientated, with no confusion."], ["no confusion"]),
    "lower_abdo_pain": (["{He} has no lower abdominal pain."], ["no lower abdominal pain"]),
    "anal_mass": (["There is no anal mass."], ["no anal mass"]),
    "bloating": (["{He} is not bloated."], ["no bloating"]),
}
NEG_ABBR = {"weight_loss": "no wt loss", "rectal_bleeding": "no PR bld", "cibh": "no CIBH",
            "haematemesis": "no haematemesis", "dysphagia": "no dysphagia", "jaundice": "not jaundiced",
            "abdominal_mass": "abdo SNT, no masses", "rectal_mass": "PR NAD, no mass"}

# answers on forms: (positive, negative) per answer style
FORM_ANS = {
    "form_yesno_struck": ("Yes / ~~No~~", "~~Yes~~ / No"),
    "form_yesno_circled": ("(Yes)  No", "Yes  (No)"),
    "form_yn": ("Y", "N"),
    "form_ticks": ("\u2713", "\u2717"),
    "form_present_absent": ("present", "absent"),
    "form_plusminus": ("+", "-"),
    "form_scores": (None, "0"),
}

FH_OTHER = [
    ("{His} mother had oesophageal cancer in her seventies.", "oesophageal_cancer"),
    ("{His} brother has Crohn's disease.", "ibd"),
    ("{His} sister has coeliac disease.", "coeliac"),
    ("{His} father had a stomach ulcer many years ago.", "peptic_ulcer"),
    ("{His} mother died of breast cancer.", "breast_cancer"),
]
FH_CRC_DIST = [
    "{His} father had bowel cancer in his late seventies.",
    "{His} maternal grandmother had bowel cancer at 81.",
    "An uncle had colorectal cancer in his eighties.",
]
RESOLVED = {
    "rectal_bleeding": "{He} had rectal bleeding from haemorrhoids in {y1}, treated with banding, and has had none since.",
    "jaundice": "{He} was jaundiced with glandular fever as a teenager; this resolved completely.",
    "dyspepsia": "{He} had dyspepsia in {y1} which settled fully after H. pylori eradication, with no symptoms since.",
    "dysphagia": "{He} had a short spell of difficulty swallowing during a bout of tonsillitis in {y1}, which cleared within a week.",
    "haematemesis": "{He} had a single small haematemesis after a bout of vomiting in {y1} (Mallory-Weiss tear); none since.",
}
HYPO = [
    (("dysphagia", "weight_loss"), "If {he} develops dysphagia or loses weight I have asked {him} to come back straight away."),
    (("rectal_bleeding",), "I have advised {him} to return if {he} notices any rectal bleeding."),
    (("jaundice",), "Should {he} become jaundiced {he} knows to seek help the same day."),
    (("haematemesis",), "{He} knows to call 999 if {he} vomits blood."),
    (("weight_loss",), "We will re-weigh {him} in a month; if {he} starts to lose weight I will let you know."),
]
OTHER_PERSON = [
    ("rectal_bleeding", "{His} {rel} has had rectal bleeding and is under the colorectal team"),
    ("jaundice", "{His} {rel} was jaundiced with gallstones last month and had {relp} gallbladder removed"),
    ("dysphagia", "{His} {rel} is being investigated for difficulty swallowing"),
    ("weight_loss", "{His} {rel} has recently lost a lot of weight and is having tests"),
]


# --------------------------------------------------------------------------
# scenarios: one per letter.  near = (parameter, value on the other side of the line)
# --------------------------------------------------------------------------
def L(v, unit=None, op="=", fmt=None, older=None, words=None):
    return dict(v=v, unit=unit, op=op, fmt=fmt, older=older, words=words)


def S(rule, age, sex=None, mode="num", sym=(), labs=None, hist=None, ppi=None, near=(), twist=(),
      fatty=None, extras=True, styles=None):
    return dict(rule=rule, age=age, sex=sex, mode=mode, sym=list(sym), labs=labs or {}, hist=hist or {},
                ppi=ppi, near=list(near), twist=list(twist), fatty=fatty, extras=extras, styles=styles)


def P(weeks, phrase, drug="omeprazole 20 mg", is_ppi=True):
    return dict(weeks=weeks, phrase=phrase, drug=drug, is_ppi=is_ppi)


SCEN = [
    # ---- U1 dysphagia, any age (14)
    S("U1", 67, "M", sym=["dysphagia", "weight_loss"]),
    S("U1", 24, "F", sym=["dysphagia"], twist=["reported"]),
    S("U1", 81, "F", sym=["dysphagia", "reflux"], ppi=P(8, "eight weeks")),
    S("U1", 58, "M", sym=["dysphagia", "haematemesis"]),
    S("U1", 45, "M", sym=["dysphagia"], twist=["relapse"]),
    S("U1", 72, "M", sym=["dysphagia"], labs={"hb": L(141, "g/L")}),
    S("U1", 19, "M", sym=["dysphagia"]),
    S("U1", 95, "F", sym=["dysphagia"]),
    S("U1", 53, "F", sym=["dysphagia", "lower_abdo_pain"], labs={"fit": L(4, op="<")}),
    S("U1", 38, "M", sym=["dysphagia"]),
    S("U1", 62, "F", mode="words", sym=["dysphagia", "dyspepsia"]),
    S("U1", 76, "M", mode="dob", sym=["dysphagia"]),
    S("U1", 49, "F", sym=["dysphagia", "dyspepsia"]),
    S("U1", 60, "M", sym=["dysphagia", "upper_abdo_pain"]),
    # ---- U2 rectal / anal mass, unexplained anal ulceration (8)
    S("U2", 48, "M", sym=["rectal_mass", "rectal_bleeding"]),
    S("U2", 66, "F", sym=["rectal_mass"]),
    S("U2", 77, "M", sym=["rectal_mass", "cibh"]),
    S("U2", 84, "F", sym=["rectal_mass"], labs={"fit": L(3)}),
    S("U2", 59, "M", sym=["anal_mass"]),
    S("U2", 71, "F", sym=["anal_mass", "rectal_bleeding"]),
    S("U2", 44, "M", sym=["anal_ulcer"]),
    S("U2", 63, "F", sym=["anal_ulcer"]),
    # ---- U3 FIT >= 10 (16)
    S("U3", 45, "F", sym=["lower_abdo_pain"], labs={"fit": L(10)}, near=[("fit", 9)]),
    S("U3", 62, "M", sym=["cibh"], labs={"fit": L(10, "ug/g")}, near=[("fit", 9)]),
    S("U3", 55, "F", sym=["rectal_bleeding"], labs={"fit": L(10.0, "ug Hb/g", fmt="qfit")}, near=[("fit", 9.9)]),
    S("U3", 38, "M", sym=["bloating"], labs={"fit": L(11)}, near=[("fit", 9)]),
    S("U3", 70, "F", sym=["cibh", "weight_loss"], labs={"fit": L(11, "ug Hb/g")}, near=[("fit", 9)]),
    S("U3", 58, "M", sym=["rectal_bleeding"], labs={"fit": L(14, "ug/g", older=6)}, near=[("series", "fit")]),
    S("U3", 47, "F", sym=["lower_abdo_pain"], labs={"fit": L(10, older=4)}, near=[("series", "fit")]),
    S("U3", 73, "M", sym=["rectal_bleeding"], labs={"fit": L(400, "ug Hb/g", op=">")}),
    S("U3", 66, "F", sym=["cibh"], labs={"fit": L(52, fmt="qfit_pos")}),
    S("U3", 51, "M", sym=["lower_abdo_pain"], labs={"fit": L(23, "ug/g")}),
    S("U3", 80, "F", sym=["cibh"], labs={"fit": L(150, "ug Hb/g", fmt="qfit")}),
    S("U3", 60, "M", sym=["cibh"], labs={"fit": L(38, "ug Hb/g")}, styles=["results_table"]),
    S("U3", 57, "F", sym=["lower_abdo_pain"], labs={"fit": L(17, "ug/g")}, styles=["ps_addendum"]),
    S("U3", 33, "M", sym=["rectal_bleeding"], labs={"fit": L(45)}),
    S("U3", 42, "F", sym=["cibh"], labs={"fit": L(12)}),
    S("U3", 68, "M", sym=["cibh"], labs={"fit": L(10, "ug Hb/g")}, near=[("fit", 9)], styles=["results_table", "private_healthcheck", "system_paste"]),
    # ---- U4 IDA (16)
    S("U4", 34, "F", labs={"hb": L(119, "g/L"), "ferritin": L(9, "ug/L")}, near=[("hb", 120)], sym=["fatigue"]),
    S("U4", 71, "F", labs={"hb": L(11.9, "g/dL"), "ferritin": L(14)}, near=[("hb", 120)]),
    S("U4", 52, "F", labs={"hb": L(120, "g/L", op="<", words="just under"), "ferritin": L(6, "ug/L")}, near=[("hb", 120)],
      styles=["gp_chatty", "gp_formal"]),
    S("U4", 63, "M", labs={"hb": L(129, "g/L"), "ferritin": L(11, "ug/L")}, near=[("hb", 130)]),
    S("U4", 45, "M", labs={"hb": L(12.9, "g/dL"), "ferritin": L(8)}, near=[("hb", 130)]),
    S("U4", 78, "M", labs={"hb": L(98, "g/L"), "ferritin": L(29, "ug/L")}, near=[("ferritin", 30)]),
    S("U4", 29, "F", labs={"hb": L(102, "g/L"), "ferritin": L(29, "ug/L")}, near=[("ferritin", 30)]),
    S("U4", 58, "M", labs={"hb": L(110, "g/L"), "ferritin": L(5, "ug/L", op="<")}),
    S("U4", 66, "F", labs={"hb": L(105, "g/L"), "ferritin": L(21, "ug/L", older=45)}, near=[("series", "ferritin")]),
    S("U4", 81, "M", labs={"hb": L(127, "g/L", older=134), "ferritin": L(10, "ug/L")}, near=[("series", "hb")]),
    S("U4", 40, "F", labs={"hb": L(119, "g/L"), "ferritin": L(7, "ug/L")}, near=[("hb", 120)], styles=["results_table", "private_healthcheck"]),
    S("U4", 88, "F", labs={"hb": L(85, "g/L"), "ferritin": L(4, "ug/L")}),
    S("U4", 22, "M", labs={"hb": L(10.4, "g/dL"), "ferritin": L(6), "ttg": L(86, fmt="raised")}),
    S("U4", 47, "F", labs={"hb": L(96, "g/L"), "ferritin": L(3, "ug/L")}),
    S("U4", 69, "M", labs={"hb": L(11.2, "g/dL"), "ferritin": L(12, "ug/L")}, sym=["fatigue"]),
    S("U4", 55, "F", labs={"hb": L(108, "g/L"), "ferritin": L(9, "ug/L"), "fit": L(4, op="<")}),
    # ---- U5 age >= 55, weight loss, upper GI symptom (10)
    S("U5", 55, "M", sym=["weight_loss", "dyspepsia"], near=[("age", 54)]),
    S("U5", 55, "F", mode="dob_before", sym=["weight_loss", "reflux"], near=[("age", 54)]),
    S("U5", 55, "M", mode="words", sym=["weight_loss", "upper_abdo_pain"], near=[("age", 54)]),
    S("U5", 55, "F", mode="dob_before", sym=["weight_loss", "dyspepsia", "reflux"], near=[("age", 54)]),
    S("U5", 55, "M", sym=["weight_loss", "reflux"], labs={"fit": L(3)}, near=[("age", 54)]),
    S("U5", 68, "F", sym=["weight_loss", "dyspepsia"]),
    S("U5", 74, "M", sym=["weight_loss", "upper_abdo_pain", "reflux"]),
    S("U5", 82, "F", sym=["weight_loss", "dyspepsia"], ppi=P(6, "six weeks", "lansoprazole 30 mg")),
    S("U5", 61, "M", sym=["weight_loss", "reflux"], twist=["reported"]),
    S("U5", 59, "F", sym=["weight_loss", "upper_abdo_pain"]),
    # ---- U6 abdominal mass (6)
    S("U6", 70, "M", sym=["abdominal_mass"]),
    S("U6", 64, "F", sym=["abdominal_mass", "bloating"]),
    S("U6", 38, "F", sym=["abdominal_mass", "lower_abdo_pain"], labs={"fit": L(3)}),
    S("U6", 52, "M", sym=["abdominal_mass"], labs={"fit": L(4, op="<")}),
    S("U6", 77, "F", sym=["abdominal_mass"]),
    S("U6", 85, "M", sym=["abdominal_mass", "cibh"], labs={"fit": L(2)}),
    # ---- U7 age >= 40 and jaundice (8)
    S("U7", 40, "M", sym=["jaundice"], labs={"alt": L(180, "U/L")}, near=[("age", 39)]),
    S("U7", 40, "F", mode="dob_before", sym=["jaundice"], labs={"alt": L(95, "U/L")}, near=[("age", 39)]),
    S("U7", 40, "M", mode="words", sym=["jaundice"], near=[("age", 39)]),
    S("U7", 66, "F", sym=["jaundice", "weight_loss"]),
    S("U7", 72, "M", sym=["jaundice"]),
    S("U7", 58, "F", sym=["jaundice"], labs={"alt": L(210, "U/L")}),
    S("U7", 81, "M", sym=["jaundice"]),
    S("U7", 49, "F", sym=["jaundice"], twist=["reported"]),
    # ---- U8 no FIT and a lower GI symptom at the named age (12)
    S("U8", 50, "M", sym=["rectal_bleeding"], near=[("age", 49)]),
    S("U8", 50, "F", mode="dob_before", sym=["rectal_bleeding"], near=[("age", 49)]),
    S("U8", 40, "M", sym=["weight_loss", "lower_abdo_pain"], near=[("age", 39)]),
    S("U8", 40, "F", mode="dob_before", sym=["weight_loss", "lower_abdo_pain"], near=[("age", 39)]),
    S("U8", 60, "M", sym=["cibh"], near=[("age", 59)]),
    S("U8", 60, "F", mode="words", sym=["cibh"], near=[("age", 59)]),
    S("U8", 72, "M", sym=["rectal_bleeding", "cibh"]),
    S("U8", 66, "F", sym=["cibh", "bloating"]),
    S("U8", 57, "M", sym=["rectal_bleeding"], twist=["relapse"]),
    S("U8", 83, "F", sym=["cibh", "weight_loss", "lower_abdo_pain"]),
    S("U8", 45, "M", sym=["weight_loss", "lower_abdo_pain"]),
    S("U8", 64, "F", sym=["rectal_bleeding"]),
    # ---- R1 bloody diarrhoea or calprotectin >= 250 (20)
    S("R1", 28, "F", sym=["bloody_diarrhoea"]),
    S("R1", 19, "M", sym=["bloody_diarrhoea"]),
    S("R1", 35, "F", sym=["cibh"], labs={"calpro": L(250)}, near=[("calpro", 249)]),
    S("R1", 44, "M", sym=["lower_abdo_pain"], labs={"calpro": L(250, "ug/g")}, near=[("calpro", 249)]),
    S("R1", 31, "F", sym=["cibh"], labs={"calpro": L(251, "ug/g")}, near=[("calpro", 249)]),
    S("R1", 26, "M", sym=["lower_abdo_pain", "cibh"], labs={"calpro": L(310, "ug/g", older=180)}, near=[("series", "calpro")]),
    S("R1", 23, "F", sym=["bloody_diarrhoea"], labs={"calpro": L(600, "ug/g", op=">")}),
    S("R1", 38, "M", sym=["cibh"], labs={"calpro": L(560)}),
    S("R1", 52, "F", sym=["bloody_diarrhoea"], labs={"fit": L(3)}),
    S("R1", 47, "M", sym=["bloody_diarrhoea"], labs={"calpro": L(720, "ug/g")}),
    S("R1", 33, "F", sym=["bloody_diarrhoea"], hist={"known_ibd": "UC"}),
    S("R1", 41, "M", sym=["cibh"], hist={"known_ibd": "Crohn's"}, labs={"calpro": L(890, "ug/g")}),
    S("R1", 22, "F", sym=["bloody_diarrhoea"]),
    S("R1", 36, "M", sym=["bloody_diarrhoea"]),
    S("R1", 45, "F", sym=["cibh"], labs={"calpro": L(300, "ug/g")}),
    S("R1", 29, "M", sym=["bloody_diarrhoea"], twist=["relapse"]),
    S("R1", 64, "F", sym=["bloody_diarrhoea"], labs={"fit": L(4, op="<")}),
    S("R1", 18, "M", sym=["lower_abdo_pain"], labs={"calpro": L(410, "ug/g")}),
    S("R1", 39, "F", sym=["bloody_diarrhoea"], twist=["reported"]),
    S("R1", 56, "M", sym=["cibh"], labs={"calpro": L(275, "ug/g"), "fit": L(5)}),
    # ---- R2 cirrhosis with ascites / confusion, or ALT >= 300 (12)
    S("R2", 61, "M", sym=["ascites"], hist={"known_cirrhosis": True}),
    S("R2", 57, "F", sym=["confusion"], hist={"known_cirrhosis": True}, twist=["reported"]),
    S("R2", 49, "M", sym=["ascites"], hist={"known_cirrhosis": True}),
    S("R2", 70, "F", sym=["ascites", "confusion"], hist={"known_cirrhosis": True}),
    S("R2", 44, "M", labs={"alt": L(300)}, near=[("alt", 299)]),
    S("R2", 36, "F", labs={"alt": L(300, "U/L")}, near=[("alt", 299)]),
    S("R2", 52, "M", labs={"alt": L(301, "IU/L")}, near=[("alt", 299)]),
    S("R2", 29, "F", labs={"alt": L(320, "U/L", older=250)}, near=[("series", "alt")]),
    S("R2", 38, "M", labs={"alt": L(412, "U/L")}),
    S("R2", 63, "F", labs={"alt": L(1020, "U/L")}, sym=["nausea"]),
    S("R2", 55, "M", sym=["ascites"], hist={"known_cirrhosis": True}, labs={"alt": L(60, "U/L")}),
    S("R2", 47, "F", labs={"alt": L(400, "U/L", fmt="xuln")}),
    # ---- R3 haematemesis (13)
    S("R3", 19, "F", sym=["haematemesis"]),
    S("R3", 34, "M", sym=["haematemesis"]),
    S("R3", 42, "F", sym=["haematemesis", "dyspepsia"]),
    S("R3", 51, "M", sym=["haematemesis", "reflux"]),
    S("R3", 63, "M", sym=["haematemesis"]),
    S("R3", 67, "F", sym=["haematemesis", "dyspepsia"]),
    S("R3", 74, "M", sym=["haematemesis"], twist=["reported"]),
    S("R3", 88, "F", sym=["haematemesis"]),
    S("R3", 28, "M", sym=["haematemesis", "upper_abdo_pain"]),
    S("R3", 56, "F", sym=["haematemesis", "upper_abdo_pain"]),
    S("R3", 47, "M", sym=["haematemesis"]),
    S("R3", 38, "F", sym=["haematemesis"]),
    S("R3", 80, "M", sym=["haematemesis", "dyspepsia"], ppi=P(6, "six weeks")),
    # ---- O1 age >= 55 and dyspepsia after >= 4 weeks of a PPI (14)
    S("O1", 55, "M", sym=["dyspepsia"], ppi=P(4, "four weeks"), near=[("age", 54), ("ppi", 3.9)]),
    S("O1", 55, "F", mode="dob_before", sym=["dyspepsia"], ppi=P(8, "eight weeks", "lansoprazole 30 mg"), near=[("age", 54)]),
    S("O1", 55, "M", mode="words", sym=["dyspepsia"], ppi=P(6, "six weeks"), near=[("age", 54)]),
    S("O1", 63, "F", sym=["dyspepsia"], ppi=P(4, "4 weeks", "lansoprazole 15 mg"), near=[("ppi", 3.9)]),
    S("O1", 70, "M", sym=["dyspepsia"], ppi=P(4, "28 days"), near=[("ppi", 3.9)]),
    S("O1", 58, "F", sym=["dyspepsia"], ppi=P(4.3, "just over four weeks", "esomeprazole 20 mg"), near=[("ppi", 3.9)]),
    S("O1", 66, "M", sym=["dyspepsia"], ppi=P(8.7, "two months")),
    S("O1", 77, "F", sym=["dyspepsia"], ppi=P(12, "twelve weeks")),
    S("O1", 81, "M", sym=["dyspepsia"], ppi=P(8, "eight weeks", "lansoprazole 30 mg"), styles=["pharmacist_review"]),
    S("O1", 60, "F", sym=["dyspepsia", "reflux"], ppi=P(6, "six weeks")),
    S("O1", 59, "M", sym=["dyspepsia", "upper_abdo_pain"], ppi=P(10, "ten weeks", "pantoprazole 40 mg")),
    S("O1", 72, "F", sym=["dyspepsia"], ppi=P(4, "four weeks"), near=[("ppi", 3.9)]),
    S("O1", 64, "M", sym=["dyspepsia"], ppi=P(13, "three months")),
    S("O1", 56, "F", sym=["dyspepsia"], ppi=P(5, "five weeks")),
    # ---- O2 calprotectin 100 to 249 (16)
    S("O2", 27, "F", sym=["lower_abdo_pain"], labs={"calpro": L(100)}, near=[("calpro", 99)]),
    S("O2", 33, "M", sym=["cibh"], labs={"calpro": L(100, "ug/g")}, near=[("calpro", 99)]),
    S("O2", 45, "F", sym=["bloating"], labs={"calpro": L(101, "ug/g")}, near=[("calpro", 99)]),
    S("O2", 38, "M", sym=["cibh"], labs={"calpro": L(249, "ug/g")}, near=[("calpro", 250)]),
    S("O2", 52, "F", sym=["cibh"], labs={"calpro": L(249), "fit": L(4)}, near=[("calpro", 250)]),
    S("O2", 24, "M", sym=["lower_abdo_pain"], labs={"calpro": L(248, "ug/g")}, near=[("calpro", 250)]),
    S("O2", 31, "F", sym=["cibh"], labs={"calpro": L(190, "ug/g", older=280)}, near=[("series", "calpro")]),
    S("O2", 42, "M", sym=["lower_abdo_pain"], labs={"calpro": L(130, "ug/g", older=80)}, near=[("series", "calpro")]),
    S("O2", 36, "F", sym=["cibh"], labs={"calpro": L(150, "ug/g")}),
    S("O2", 61, "M", sym=["cibh"], labs={"calpro": L(180, "ug/g"), "fit": L(4, op="<")}),
    S("O2", 19, "F", sym=["lower_abdo_pain"], labs={"calpro": L(120, "ug/g")}),
    S("O2", 47, "M", hist={"known_ibd": "Crohn's"}, labs={"calpro": L(200, "ug/g")}),
    S("O2", 55, "F", sym=["lower_abdo_pain"], labs={"calpro": L(130), "fit": L(2)}),
    S("O2", 29, "M", sym=["cibh", "bloating"], labs={"calpro": L(160, "ug/g")}),
    S("O2", 70, "F", sym=["cibh"], labs={"calpro": L(210, "ug/g"), "fit": L(6)}),
    S("O2", 21, "M", sym=["cibh"], labs={"calpro": L(170, "ug/g")}),
    # ---- O3 known IBD, stable, management question (14)
    S("O3", 34, "F", hist={"known_ibd": "UC", "q": True}),
    S("O3", 52, "M", hist={"known_ibd": "UC", "q": True}),
    S("O3", 28, "F", hist={"known_ibd": "Crohn's", "q": True}),
    S("O3", 67, "M", hist={"known_ibd": "UC", "q": True}),
    S("O3", 45, "F", hist={"known_ibd": "Crohn's", "q": True}, labs={"calpro": L(99, "ug/g")}, near=[("calpro", 100)]),
    S("O3", 39, "M", hist={"known_ibd": "Crohn's", "q": True}, labs={"calpro": L(45, "ug/g")}),
    S("O3", 23, "F", hist={"known_ibd": "UC", "q": True}),
    S("O3", 71, "F", hist={"known_ibd": "UC", "q": True}),
    S("O3", 58, "M", hist={"known_ibd": "Crohn's", "q": True}),
    S("O3", 31, "M", hist={"known_ibd": "UC", "q": True}, labs={"calpro": L(50, "ug/g", op="<")}),
    S("O3", 48, "F", hist={"known_ibd": "UC", "q": True}),
    S("O3", 62, "F", hist={"known_ibd": "Crohn's", "q": True}),
    S("O3", 36, "M", hist={"known_ibd": "UC", "q": True}),
    S("O3", 80, "M", hist={"known_ibd": "UC", "q": True}),
    # ---- O4 raised tTG (14)
    S("O4", 30, "F", labs={"ttg": L(64, fmt="raised"), "hb": L(120, "g/L"), "ferritin": L(14, "ug/L")}, near=[("hb", 119)], sym=["bloating"]),
    S("O4", 44, "M", labs={"ttg": L(38, fmt="raised"), "hb": L(13.0, "g/dL"), "ferritin": L(18)}, near=[("hb", 129)]),
    S("O4", 19, "F", labs={"ttg": L(128, fmt="raised", op=">")}, sym=["bloating"]),
    S("O4", 25, "M", labs={"ttg": L(45, fmt="raised")}, sym=["cibh"]),
    S("O4", 36, "F", labs={"ttg": L(22, fmt="raised")}, sym=["fatigue"]),
    S("O4", 52, "F", labs={"ttg": L(90, fmt="raised")}),
    S("O4", 61, "M", labs={"ttg": L(17, fmt="raised"), "fit": L(3)}, sym=["cibh"]),
    S("O4", 28, "F", labs={"ttg": L(110, fmt="raised"), "calpro": L(40, "ug/g")}, sym=["bloating", "lower_abdo_pain"]),
    S("O4", 47, "M", labs={"ttg": L(56, fmt="raised")}),
    S("O4", 33, "F", labs={"ttg": L(30, fmt="raised")}, sym=["bloating"]),
    S("O4", 75, "F", labs={"ttg": L(72, fmt="raised"), "hb": L(128, "g/L")}),
    S("O4", 18, "M", labs={"ttg": L(95, fmt="raised")}),
    S("O4", 40, "F", labs={"ttg": L(128, fmt="raised", op=">"), "ferritin": L(19, "ug/L"), "hb": L(131, "g/L")}),
    S("O4", 57, "M", labs={"ttg": L(25, fmt="raised")}, sym=["fatigue"]),
    # ---- O5 ALT 40-299 or fatty liver on imaging (18)
    S("O5", 47, "M", labs={"alt": L(40)}, near=[("alt", 39)]),
    S("O5", 58, "F", labs={"alt": L(40, "IU/L")}, near=[("alt", 39)]),
    S("O5", 36, "M", labs={"alt": L(41, "U/L")}, near=[("alt", 39)]),
    S("O5", 52, "F", labs={"alt": L(299, "U/L")}, near=[("alt", 300)]),
    S("O5", 61, "M", labs={"alt": L(299, "IU/L")}, near=[("alt", 300)]),
    S("O5", 44, "F", labs={"alt": L(298, "U/L")}, near=[("alt", 300)]),
    S("O5", 39, "M", sym=["jaundice"], labs={"alt": L(150, "U/L")}, near=[("age", 40)]),
    S("O5", 39, "F", mode="dob_after", sym=["jaundice"], labs={"alt": L(88, "U/L")}, near=[("age", 40)]),
    S("O5", 55, "M", labs={"alt": L(120, "U/L", fmt="xuln")}),
    S("O5", 33, "F", labs={"alt": L(260, "U/L", older=340)}, near=[("series", "alt")]),
    S("O5", 62, "M", fatty="USS"),
    S("O5", 49, "F", fatty="USS", labs={"alt": L(56, "U/L")}),
    S("O5", 70, "M", fatty="CT"),
    S("O5", 41, "F", labs={"alt": L(75, "U/L")}, styles=["private_healthcheck"]),
    S("O5", 28, "M", labs={"alt": L(110, "IU/L")}),
    S("O5", 66, "F", fatty="USS", labs={"alt": L(35, "U/L")}),
    S("O5", 53, "M", fatty="USS", labs={"alt": L(68, "U/L")}),
    S("O5", 25, "F", labs={"alt": L(130, "U/L")}),
    # ---- A1 age < 50, pain / bloating / CIBH, calprotectin < 100 or FIT < 10 (18)
    S("A1", 49, "F", sym=["lower_abdo_pain"], labs={"fit": L(4)}, near=[("age", 50)]),
    S("A1", 49, "M", mode="dob_after", sym=["bloating"], labs={"calpro": L(45, "ug/g")}, near=[("age", 50)]),
    S("A1", 49, "F", mode="words", sym=["cibh"], labs={"fit": L(10, op="<")}, near=[("age", 50)]),
    S("A1", 49, "M", sym=["lower_abdo_pain"], labs={"calpro": L(60, "ug/g"), "fit": L(2)}, near=[("age", 50)]),
    S("A1", 44, "F", sym=["lower_abdo_pain"], labs={"fit": L(9)}, near=[("fit", 10)]),
    S("A1", 31, "M", sym=["cibh"], labs={"fit": L(9, "ug/g")}, near=[("fit", 10)]),
    S("A1", 27, "F", sym=["bloating"], labs={"calpro": L(99)}, near=[("calpro", 100)]),
    S("A1", 35, "M", sym=["lower_abdo_pain"], labs={"calpro": L(99, "ug/g")}, near=[("calpro", 100)]),
    S("A1", 18, "F", sym=["lower_abdo_pain"], labs={"calpro": L(30, "ug/g")}),
    S("A1", 22, "M", sym=["cibh"], labs={"calpro": L(50, "ug/g", op="<")}),
    S("A1", 38, "F", sym=["bloating"], labs={"fit": L(4, op="<")}),
    S("A1", 42, "M", sym=["lower_abdo_pain"], labs={"fit": L(None, fmt="negative")}),
    S("A1", 29, "F", sym=["cibh", "bloating"], labs={"calpro": L(55, "ug/g")}),
    S("A1", 19, "M", sym=["lower_abdo_pain"], labs={"calpro": L(70, "ug/g")}),
    S("A1", 46, "F", sym=["bloating", "lower_abdo_pain"], labs={"fit": L(3)}),
    S("A1", 25, "M", sym=["lower_abdo_pain"], labs={"calpro": L(60, "ug/g", older=140)}, near=[("series", "calpro")]),
    S("A1", 33, "F", sym=["cibh"], labs={"fit": L(4, op="<"), "calpro": L(38, "ug/g")}),
    S("A1", 40, "F", sym=["lower_abdo_pain"], labs={"calpro": L(20, "ug/g")}),
    # ---- O6 bleeding / CIBH / pain with FIT < 10 (20)
    S("O6", 50, "F", sym=["lower_abdo_pain"], labs={"fit": L(4)}, near=[("age", 49)]),
    S("O6", 50, "M", mode="dob_before", sym=["cibh"], labs={"fit": L(10, op="<")}, near=[("age", 49)]),
    S("O6", 50, "F", mode="words", sym=["lower_abdo_pain"], labs={"fit": L(3)}, near=[("age", 49)]),
    S("O6", 58, "M", sym=["rectal_bleeding"], labs={"fit": L(9)}, near=[("fit", 10)]),
    S("O6", 66, "F", sym=["cibh"], labs={"fit": L(9, "ug/g")}, near=[("fit", 10)]),
    S("O6", 45, "M", sym=["rectal_bleeding"], labs={"fit": L(9, "ug Hb/g")}, near=[("fit", 10)]),
    S("O6", 62, "F", sym=["cibh"], labs={"fit": L(6, "ug/g", older=14)}, near=[("series", "fit")]),
    S("O6", 54, "M", sym=["rectal_bleeding"], labs={"fit": L(4, op="<")}),
    S("O6", 71, "F", sym=["cibh"], labs={"fit": L(None, fmt="negative")}),
    S("O6", 63, "M", sym=["lower_abdo_pain"], labs={"fit": L(2), "hb": L(13.0, "g/dL"), "ferritin": L(16, "ug/L")}, near=[("hb", 129)]),
    S("O6", 58, "F", sym=["rectal_bleeding"], labs={"fit": L(None, fmt="undetectable")}),
    S("O6", 77, "M", sym=["cibh", "weight_loss"], labs={"fit": L(6)}),
    S("O6", 36, "F", sym=["rectal_bleeding"], labs={"fit": L(3)}),
    S("O6", 52, "M", sym=["rectal_bleeding", "cibh"], labs={"fit": L(7, "ug/g")}),
    S("O6", 80, "F", sym=["cibh"], labs={"fit": L(10, op="<")}),
    S("O6", 69, "M", sym=["rectal_bleeding"], labs={"fit": L(4, op="<")}),
    S("O6", 57, "F", sym=["lower_abdo_pain"], labs={"fit": L(5), "calpro": L(40, "ug/g")}),
    S("O6", 61, "M", sym=["cibh", "lower_abdo_pain"], labs={"fit": L(8, "ug Hb/g")}),
    S("O6", 53, "F", sym=["rectal_bleeding"], labs={"fit": L(2)}, twist=["relapse"]),
    S("O6", 50, "M", sym=["rectal_bleeding"], labs={"fit": L(None, fmt="negative")}),
    # ---- A2 age < 55 and dyspepsia or reflux (18)
    S("A2", 54, "M", sym=["dyspepsia"], near=[("age", 55)]),
    S("A2", 54, "F", mode="dob_after", sym=["reflux"], near=[("age", 55)]),
    S("A2", 54, "M", mode="words", sym=["dyspepsia"], near=[("age", 55)]),
    S("A2", 54, "F", sym=["dyspepsia"], ppi=P(6, "six weeks"), near=[("age", 55)]),
    S("A2", 54, "M", mode="dob_after", sym=["dyspepsia"], ppi=P(8, "eight weeks", "lansoprazole 30 mg"), near=[("age", 55)]),
    S("A2", 54, "F", sym=["weight_loss", "reflux"], near=[("age", 55)]),
    S("A2", 52, "M", sym=["reflux"], ppi=P(3.8, "nearly four weeks")),
    S("A2", 23, "F", sym=["reflux"]),
    S("A2", 31, "M", sym=["dyspepsia"]),
    S("A2", 40, "F", sym=["dyspepsia"], ppi=P(4, "four weeks")),
    S("A2", 18, "M", sym=["reflux"]),
    S("A2", 36, "F", sym=["dyspepsia"]),
    S("A2", 45, "M", sym=["reflux", "dyspepsia"]),
    S("A2", 50, "F", sym=["dyspepsia", "upper_abdo_pain"]),
    S("A2", 27, "M", sym=["reflux"]),
    S("A2", 33, "F", sym=["reflux"]),
    S("A2", 48, "M", sym=["dyspepsia"], twist=["relapse"]),
    S("A2", 53, "F", sym=["reflux"], ppi=P(8, "eight weeks")),
    # ---- A3 family history of colorectal cancer, no symptoms (10)
    S("A3", 42, "M", hist={"fh_crc": "father at 52"}, extras=False),
    S("A3", 35, "F", hist={"fh_crc": "mother at 48"}, extras=False),
    S("A3", 51, "M", hist={"fh_crc": "brother at 46"}, extras=False),
    S("A3", 28, "F", hist={"fh_crc": "father and paternal uncle"}, extras=False),
    S("A3", 47, "F", hist={"fh_crc": "sister at 44"}, extras=False),
    S("A3", 60, "M", hist={"fh_crc": "mother at 55"}, extras=False),
    S("A3", 39, "M", hist={"fh_crc": "father at 49"}, extras=False),
    S("A3", 56, "F", hist={"fh_crc": "two brothers"}, extras=False),
    S("A3", 33, "M", hist={"fh_crc": "mother at 41"}, extras=False),
    S("A3", 45, "F", hist={"fh_crc": "father at 58"}, extras=False),
    # ---- D anything else (23)
    S("D", 49, "M", sym=["rectal_bleeding"], near=[("age", 50)]),
    S("D", 49, "F", mode="dob_after", sym=["rectal_bleeding"], near=[("age", 50)]),
    S("D", 39, "M", sym=["weight_loss", "lower_abdo_pain"], near=[("age", 40)]),
    S("D", 39, "F", mode="dob_after", sym=["weight_loss", "lower_abdo_pain"], near=[("age", 40)]),
    S("D", 59, "M", sym=["cibh"], near=[("age", 60)]),
    S("D", 59, "F", mode="dob_after", sym=["cibh"], near=[("age", 60)]),
    S("D", 55, "M", sym=["dyspepsia"], near=[("age", 54)]),
    S("D", 56, "F", sym=["dyspepsia"], ppi=P(3.8, "nearly four weeks"), near=[("ppi", 4)]),
    S("D", 60, "M", sym=["dyspepsia"], ppi=P(3.4, "four weeks on Monday"), near=[("ppi", 4)]),
    S("D", 62, "F", sym=["dyspepsia"], ppi=P(8, "eight weeks", "famotidine 20 mg", is_ppi=False)),
    S("D", 45, "F", labs={"hb": L(120, "g/L"), "ferritin": L(8, "ug/L")}, near=[("hb", 119)], sym=["fatigue"]),
    S("D", 68, "F", labs={"hb": L(12.0, "g/dL"), "ferritin": L(11)}, near=[("hb", 119)]),
    S("D", 52, "M", labs={"hb": L(130, "g/L"), "ferritin": L(12, "ug/L")}, near=[("hb", 129)]),
    S("D", 71, "M", labs={"hb": L(13.0, "g/dL"), "ferritin": L(22)}, near=[("hb", 129)]),
    S("D", 63, "M", labs={"hb": L(112, "g/L"), "ferritin": L(30, "ug/L")}, near=[("ferritin", 29)]),
    S("D", 35, "F", labs={"alt": L(39, "U/L")}, sym=["nausea"], near=[("alt", 40)]),
    S("D", 52, "M", sym=["lower_abdo_pain"], labs={"calpro": L(99, "ug/g")}, near=[("calpro", 100)]),
    S("D", 50, "F", sym=["lower_abdo_pain"], labs={"calpro": L(40, "ug/g")}, near=[("age", 49)]),
    S("D", 28, "M", sym=["rectal_bleeding"]),
    S("D", 70, "F", sym=["reflux"]),
    S("D", 44, "M", sym=["lower_abdo_pain"]),
    S("D", 33, "F", sym=["nausea", "fatigue"]),
    S("D", 66, "M", labs={"hb": L(134, "g/L", older=125), "ferritin": L(12, "ug/L")}, near=[("series", "hb")]),
]


# --------------------------------------------------------------------------
# people and places (all invented)
# --------------------------------------------------------------------------
F_FIRST = ("Margaret Susan Aisha Priya Joanne Karen Emily Chloe Fatima Grace Helen Irene Julia Kirsty "
           "Lorraine Maria Nadia Olivia Patricia Rachel Sarah Tracey Yvonne Zoe Bethan Catriona Deborah "
           "Elaine Gemma Hannah Jasmine Lucy Megan Niamh Rosa Sinead Valerie Wendy Agnieszka Mei Doreen "
           "Shirley Amira Leanne Ruth").split()
M_FIRST = ("John David Mohammed Rajesh Gareth Ian Keith Liam Mark Neil Owen Patrick Robert Stephen "
           "Thomas William Adam Brian Colin Daniel Edward Frank George Harry Imran Jack Kevin Leon Martin "
           "Nathan Oliver Paul Ryan Samuel Tariq Vikram Wojciech Yusuf Callum Dylan Arthur Dennis Kwame "
           "Sean Gordon").split()
SURN = ("Abbott Ahmed Baxter Bennett Chowdhury Clarke Davies Dawson Edwards Ellis Fletcher Foster Gill "
        "Griffiths Hall Harrison Hughes Hussain Jackson Jenkins Kaur Kelly Khan Lewis Lloyd Marsh Mason "
        "McAllister Morgan Murphy Nowak Okafor Owen Parry Pearson Phillips Price Quinn Rahman Reid "
        "Roberts Robinson Shah Sharma Singh Stewart Sutton Taylor Thompson Turner Walsh Ward Watson "
        "Webb Whitfield Williams Wilson Wright Young O'Neill Kowalski Adeyemi Fraser Doyle").split()
GPS = ["Dr Anjali Mehta", "Dr Tom Harding", "Dr Siobhan Kerr", "Dr Femi Adebayo", "Dr Claire Whitmore",
       "Dr Rhys Powell", "Dr Hana Yusuf", "Dr Mark Ellison", "Dr Joanna Brett", "Dr Sunil Rao",
       "Dr Eleanor Voss", "Dr Gavin McLeod", "Dr Laura Chen", "Dr Peter Okoye", "Dr Ruth Gallagher",
       "Dr Ben Ashworth", "Dr Nisha Patel", "Dr Alasdair Grant", "Dr Kate Ormerod", "Dr Imran Qureshi"]
PRACTICES = [("Riverside Medical Centre", "M85012", "14 Mill Lane, Ashbourne, AB4 2QT"),
             ("Oakfield Surgery", "C82044", "2 Station Road, Hartley, HT7 1LP"),
             ("The Willows Health Centre", "P81077", "Willow Way, Kingsmead, KM3 9DN"),
             ("Castle Street Practice", "J83019", "41 Castle Street, Drayford, DR1 4EE"),
             ("Northgate Family Practice", "F84633", "Northgate Parade, Elmbridge, EB2 6RS"),
             ("St Luke's Surgery", "G82118", "St Luke's Close, Penford, PF9 3AJ"),
             ("Meadowbank Group Practice", "K81052", "Meadowbank, Langton, LA5 8HW"),
             ("Harbour View Medical Practice", "L83100", "3 Quay Street, Porthaven, PH2 1XY"),
             ("Ashgrove Surgery", "N81029", "Ashgrove Road, Milbury, MB6 2TU"),
             ("Bridge End Medical Group", "B86071", "Bridge End, Coldwell, CW3 5PN")]
HOSPITALS = ["Northgate General Hospital", "St Anne's University Hospital", "Kingsmead District Hospital",
             "Royal Eastfield Infirmary", "Drayford County Hospital"]
CONSULTANTS = ["Dr R. Abernethy", "Dr S. Iqbal", "Dr M. Lindqvist", "Dr C. Okonjo", "Dr H. Penrose"]
STREETS = ["Elm Road", "Church Lane", "Victoria Street", "Orchard Close", "Mill Road", "Park Avenue",
           "Beech Grove", "High Street", "Kings Way", "Meadow View"]
TOWNS = ["Ashbourne", "Hartley", "Kingsmead", "Drayford", "Elmbridge", "Penford", "Langton", "Porthaven",
         "Milbury", "Coldwell"]
OTHER_PMH = ["hypertension", "type 2 diabetes (diet controlled)", "asthma", "osteoarthritis of both knees",
             "hypothyroidism", "depression", "previous appendicectomy", "migraine", "gout", "COPD",
             "atrial fibrillation", "psoriasis", "hypercholesterolaemia"]
OTHER_MEDS = ["amlodipine 5 mg od", "ramipril 2.5 mg od", "levothyroxine 75 mcg od", "salbutamol inhaler prn",
              "atorvastatin 20 mg on", "sertraline 50 mg od", "metformin 500 mg bd", "paracetamol 1 g qds prn",
              "bisoprolol 2.5 mg od", "cetirizine 10 mg od", "allopurinol 100 mg od"]
YOUNG_PMH = ["asthma", "migraine", "depression", "psoriasis", "previous appendicectomy", "eczema", "anxiety",
             "acne", "hay fever"]
YOUNG_MEDS = ["salbutamol inhaler prn", "sertraline 50 mg od", "cetirizine 10 mg od", "paracetamol 1 g qds prn",
              "propranolol 10 mg prn", "beclometasone inhaler bd"]


def pmh_for(age):
    return OTHER_PMH if age >= 45 else YOUNG_PMH


def meds_for(age):
    return OTHER_MEDS if age >= 45 else YOUNG_MEDS


ALLERGIES = ["NKDA", "penicillin (rash)", "no known drug allergies", "codeine (itch)"]
REQ = {
    "urgent_suspected_cancer": ["I would be grateful if {he} could be seen under the two-week-wait (suspected cancer) pathway.",
                                "Please see on the urgent suspected cancer pathway.",
                                "Referred as 2WW - suspected cancer."],
    "urgent": ["I would be grateful for an urgent appointment.", "Please could {he} be seen urgently.",
               "Urgent referral please - not a suspected cancer referral."],
    "routine": ["A routine appointment would be appropriate.", "Routine referral please.",
                "I would be grateful if you could see {him} routinely."],
    "advice_and_guidance": ["I would value your advice; I do not think {he} needs to be seen in clinic.",
                            "Advice and guidance only, please.",
                            "Could you advise on management? An appointment is probably not needed."],
}
REQ_SHORT = {"urgent_suspected_cancer": "2WW", "urgent": "Urgent", "routine": "Routine",
             "advice_and_guidance": "Advice & Guidance"}
GP_PRIORITY = {"urgent_suspected_cancer": "suspected cancer (two-week wait)", "urgent": "urgent",
               "routine": "routine", "advice_and_guidance": "advice only, no appointment"}


# --------------------------------------------------------------------------
# planning: facts per letter (with secondary facts), checked by the engine
# --------------------------------------------------------------------------
def lab_value(name, spec):
    """(value, op) in the spec's units for a lab spec."""
    v, op, unit, fmt = spec["v"], spec["op"], spec["unit"], spec["fmt"]
    if name == "fit" and fmt in ("negative", "undetectable"):
        return (10, "<")
    if name == "hb" and unit == "g/dL":
        return (round(v * 10, 1), op)
    return (v, op)


def facts_of(pl):
    F = {"age": pl["age"], "sex": pl["sex"], "sym": set(pl["sym"])}
    for name, spec in pl["labs"].items():
        if name == "ttg":
            F["ttg"] = "raised" if spec["fmt"] == "raised" else "negative"
        else:
            F[name] = lab_value(name, spec)
    h = pl["hist"]
    if h.get("known_cirrhosis"):
        F["known_cirrhosis"] = True
    if h.get("known_ibd"):
        F["known_ibd"] = h["known_ibd"]
        F["ibd_question"] = bool(h.get("q"))
    if h.get("fh_crc"):
        F["fh_crc"] = True
    if pl["ppi"]:
        F["ppi"] = {"weeks": pl["ppi"]["weeks"], "is_ppi": pl["ppi"]["is_ppi"]}
    if pl["fatty"]:
        F["fatty_liver"] = True
    return F


def flipped(pl, param, val):
    F = facts_of(pl)
    if param == "age":
        F["age"] = val
    elif param == "ppi":
        F["ppi"] = dict(F["ppi"], weeks=val)
    elif param == "series":
        spec = dict(pl["labs"][val])
        spec["v"] = spec["older"]
        F[val] = lab_value(val, spec)
    else:
        F[param] = (val, "=")
    return F


EXTRA_SYMS = ["nausea", "fatigue", "bloating", "reflux", "lower_abdo_pain", "cibh", "rectal_bleeding",
              "weight_loss", "upper_abdo_pain", "dyspepsia"]


def normal_lab(name, sex, rng):
    if name == "hb":
        if rng.random() < 0.3:
            return L(round(rng.uniform(12.6 if sex == "F" else 13.6, 15.2), 1), "g/dL")
        return L(rng.randint(126 if sex == "F" else 136, 158), "g/L")
    if name == "ferritin":
        return L(rng.randint(45, 190), rng.choice(["ug/L", None]))
    if name == "alt":
        return L(rng.randint(14, 34), rng.choice(["U/L", "IU/L"]))
    if name == "ttg":
        return L(1, op="<", fmt="negative")
    raise ValueError(name)


def check_plan(pl):
    F = facts_of(pl)
    rule = decide(F)
    if rule != pl["rule"]:
        raise Amb("rule %s, expected %s" % (rule, pl["rule"]))
    for param, val in pl["near"]:
        if pl["rule"] in outcomes(flipped(pl, param, val)):
            raise Amb("near-line flip %s->%s does not change the rule" % (param, val))
    return rule


def make_plans():
    plans = []
    order = R(SET, "order").sample(range(len(SCEN)), len(SCEN))   # letter ids do not follow the rules
    for i, sc in enumerate(SCEN):
        rng = R(SET, "plan", i)
        pl = json.loads(json.dumps(sc))
        pl["idx"] = order[i]
        pl["scenario"] = i
        pl["near"] = [tuple(x) for x in pl["near"]]
        if pl["sex"] is None:
            pl["sex"] = rng.choice("FM")
        if pl["mode"] == "num":             # some letters give the age only as a date of birth, some in words
            x = rng.random()
            pl["mode"] = "dob" if x < 0.12 else ("words" if x < 0.17 else "num")
        check_plan(pl)
        pl["extra_syms"] = []
        pl["extra_labs"] = []
        if pl["extras"]:
            # no extra symptom in a stable-IBD letter: a new symptom would put "stable" in doubt
            if rng.random() < 0.45 and pl["rule"] != "O3":
                for k in rng.sample(EXTRA_SYMS, len(EXTRA_SYMS)):
                    if k in pl["sym"]:
                        continue
                    trial = json.loads(json.dumps(pl))
                    trial["near"] = [tuple(x) for x in trial["near"]]
                    trial["sym"].append(k)
                    try:
                        check_plan(trial)
                    except Amb:
                        continue
                    pl = trial
                    pl["extra_syms"].append(k)
                    break
            if rng.random() < 0.4:
                for name in rng.sample(["hb", "ferritin", "alt", "ttg"], 4):
                    if name in pl["labs"]:
                        continue
                    trial = json.loads(json.dumps(pl))
                    trial["near"] = [tuple(x) for x in trial["near"]]
                    trial["labs"][name] = normal_lab(name, pl["sex"], rng)
                    try:
                        check_plan(trial)
                    except Amb:
                        continue
                    pl = trial
                    pl["extra_labs"].append(name)
                    break
        plans.append(pl)
    plans.sort(key=lambda p: p["idx"])
    return plans


# --------------------------------------------------------------------------
# a letter being written
# --------------------------------------------------------------------------
class Item:
    def __init__(self, fact, kind, sec, **forms):
        self.fact, self.kind, self.sec = fact, kind, sec
        self.forms = forms
        self.row = forms.get("row")
        self.used = False


ROW_FACTS = ["dysphagia", "weight_loss", "rectal_bleeding", "cibh", "upper_abdo_pain", "lower_abdo_pain",
             "reflux", "dyspepsia", "jaundice", "haematemesis", "abdominal_mass", "bloody_diarrhoea"]


def fmt_num(v):
    if isinstance(v, float):
        return ("%.1f" % v)
    return str(v)


class Letter:
    def __init__(self, pl, style, req, noise):
        self.pl, self.style, self.req, self.noise = pl, style, req, noise
        self.id = "L23-%04d" % (pl["idx"] + 1)
        self.rng = R(SET, self.id, "text")
        rng = self.rng
        self.sex, self.age = pl["sex"], pl["age"]
        self.T = lc if style == "gp_lowercase" else (lambda x: x)
        self.ev, self.ds, self.neu = [], [], []
        # pronouns
        if self.sex == "M":
            self.pr = dict(He="He", he="he", His="His", his="his", him="him", man="man")
            self.first = rng.choice(M_FIRST)
            self.title = rng.choice(["Mr"] * 5 + ["Mr"])
        else:
            self.pr = dict(He="She", he="she", His="Her", his="her", him="her", man="woman")
            self.first = rng.choice(F_FIRST)
            self.title = rng.choice(["Mrs", "Ms", "Miss", "Mrs"]) if self.age >= 25 else rng.choice(["Ms", "Miss"])
        self.last = rng.choice(SURN)
        self.name = "%s %s %s" % (self.title, self.first, self.last)
        self.short = "%s %s" % (self.title, self.last)
        self.nhs = nhs_number(rng)
        self.hosp_no = "%s%07d" % (rng.choice(["RX", "NG", "KM", "SA"]), rng.randint(0, 9999999))
        self.ubrn = "%04d %04d %04d" % (rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 9999))
        self.addr = "%d %s, %s" % (rng.randint(1, 120), rng.choice(STREETS), rng.choice(TOWNS))
        self.gp = rng.choice(GPS)
        self.practice = rng.choice(PRACTICES)
        self.hospital = rng.choice(HOSPITALS)
        self.consultant = rng.choice(CONSULTANTS)
        self._dates()
        self.dfmt = rng.choice(["long", "short", "dash"]) if pl["mode"].startswith("dob_") else \
            rng.choice(["slash", "slash", "long", "short", "dash", "dot"])
        self.items = []
        self.twists = []
        self._build_items()

    # ---------------- dates
    def _dates(self):
        rng, pl = self.rng, self.pl
        start = dt.date(2023, 1, 9)
        while True:
            d = start + dt.timedelta(days=rng.randint(0, 900))
            if pl["ppi"] and "Monday" in pl["ppi"]["phrase"] and d.weekday() != 3:
                continue
            if d.weekday() < 5:
                break
        self.date = d
        mode, age = pl["mode"], pl["age"]
        while True:
            if mode == "dob_before":
                k = rng.randint(2, 8)
                bday = d - dt.timedelta(days=k)
                dob_year = bday.year - age
            elif mode == "dob_after":
                k = rng.randint(2, 8)
                bday = d + dt.timedelta(days=k)
                dob_year = bday.year - age - 1
            else:
                k = rng.randint(35, 330)
                bday = d - dt.timedelta(days=k)
                dob_year = bday.year - age
            if (bday.month, bday.day) == (2, 29):
                continue
            dob = dt.date(dob_year, bday.month, bday.day)
            break
        assert age_on(dob, d) == age, (dob, d, age)
        self.dob, self.bday = dob, bday
        # window for every other date written in the letter
        if mode == "dob_before":
            self.win = (bday, d + dt.timedelta(days=3))
        elif mode == "dob_after":
            self.win = (d - dt.timedelta(days=400), min(bday - dt.timedelta(days=1), d + dt.timedelta(days=3)))
        else:
            self.win = (d - dt.timedelta(days=400), d + dt.timedelta(days=3))

    def odate(self, days_before):
        x = self.date - dt.timedelta(days=days_before)
        x = max(self.win[0], min(self.win[1], x))
        return x

    def fd(self, d, f=None):
        return fdate(d, f or self.dfmt)

    # ---------------- recording
    def _rec(self, item, s):
        for fact in item.fact.split("+"):
            if item.kind == "pos":
                self.ev.append({"fact": fact, "text": s})
            else:
                self.ds.append({"kind": item.kind, "fact": fact, "text": s})
        if item.forms.get("normal"):
            self.ds.append({"kind": "normal_value", "fact": item.fact, "text": s})
        item.used = True

    def say(self, item, form="prose"):
        s = item.forms.get(form) or item.forms.get("note") or item.forms.get("prose")
        s = self.T(s)
        self._rec(item, s)
        return s

    def say_raw(self, item, s):
        s = self.T(s)
        self._rec(item, s)
        return s

    def fact(self, fact, s):
        s = self.T(s)
        self.ev.append({"fact": fact, "text": s})
        return s

    def n(self, s):
        """neutral text that mentions a keyword (titles, requests)"""
        s = self.T(s)
        if s:
            self.neu.append(s)
        return s

    def f(self, s):
        """filler text: may carry the light OCR / spelling noise"""
        if self.noise and s and self.rng.random() < 0.5:
            s = ocr_noise(s, self.rng)
        return self.T(s)

    def fill(self, tpl, **kw):
        d = dict(self.pr)
        d.update(kw)
        return tpl.format(**d)

    # ---------------- age, sex, identifiers
    @property
    def dob_mode(self):
        return self.pl["mode"].startswith("dob")

    def age_phrase(self, kind="adj"):
        """age as written in the body; None when the letter gives only a date of birth"""
        if self.dob_mode:
            return None
        a = self.age
        if self.pl["mode"] == "words":
            s = {"adj": "%s-year-old" % words(a), "aged": "aged %s" % words(a),
                 "short": "%s-year-old" % words(a), "field": "%s years" % words(a)}[kind]
        else:
            s = {"adj": "%d-year-old" % a, "aged": "aged %d" % a, "short": "%dyo" % a,
                 "field": "%d" % a}[kind]
        return self.fact("age", s)

    def dob_str(self, f=None):
        s = self.fd(self.dob, f)
        if self.dob_mode:
            return self.fact("dob", s)
        self.neu.append(self.T(s))
        return self.T(s)

    def date_str(self, f=None):
        s = self.fd(self.date, f)
        if self.dob_mode:
            return self.fact("letter_date", s)
        return self.T(s)

    def sex_word(self):
        return self.fact("sex", "Male" if self.sex == "M" else "Female")

    def title_str(self):
        return self.fact("sex", self.name)

    def request(self, form="long"):
        if self.req is None:
            return None
        if form == "short":
            return self.n(REQ_SHORT[self.req])
        return self.n(self.fill(self.rng.choice(REQ[self.req])))

    def P(self, tpl):
        return self.fill(tpl)

    # ---------------- items
    def _lab_note(self, name, spec, rng):
        v, op, unit, fmt = spec["v"], spec["op"], spec["unit"], spec["fmt"]
        if name == "hb":
            if spec["words"]:
                return "Hb %s %s %s" % (spec["words"], fmt_num(v), unit)
            if unit == "g/dL":
                return rng.choice(["Hb %s g/dL", "haemoglobin %s g/dL"]) % fmt_num(v)
            return rng.choice(["Hb %s g/L", "Hb %s", "haemoglobin %s g/L"]) % fmt_num(v)
        if name == "ferritin":
            u = {"ug/L": rng.choice(["ug/L", "\u00b5g/L", "mcg/L"]), None: ""}[unit]
            pre = "<" if op == "<" else ""
            return ("%s %s%s %s" % (rng.choice(["ferritin", "Ferritin"]), pre, fmt_num(v), u)).strip()
        if name == "fit":
            if fmt in ("negative", "undetectable"):
                return rng.choice(["FIT %s", "FIT: %s"]) % fmt
            if fmt == "qfit_pos":
                return "qFIT positive at %s" % fmt_num(v)
            lead = "qFIT" if fmt == "qfit" else rng.choice(["FIT", "FIT", "FIT:"])
            pre = {"<": "<", ">": ">", "=": ""}[op]
            return ("%s %s%s %s" % (lead, pre, fmt_num(v), unit or "")).strip()
        if name == "calpro":
            lead = rng.choice(["calprotectin", "FCP", "faecal calprotectin"])
            u = {"ug/g": rng.choice(["ug/g", "\u00b5g/g", "mcg/g"]), None: ""}[unit]
            pre = {"<": "<", ">": ">", "=": ""}[op]
            return ("%s %s%s %s" % (lead, pre, fmt_num(v), u)).strip()
        if name == "alt":
            if fmt == "xuln":
                return "ALT %dx ULN (%s)" % (v // 40, fmt_num(v))
            return ("ALT %s %s" % (fmt_num(v), unit or "")).strip()
        if name == "ttg":
            if fmt == "negative":
                return "tTG-IgA <1 U/mL (negative)"
            pre = ">" if op == ">" else ""
            return rng.choice(["tTG-IgA %s%s U/mL (ref <7) - raised",
                               "coeliac serology positive: tTG %s%s U/mL (normal <7)"]) % (pre, fmt_num(v))
        raise ValueError(name)

    def _lab_row(self, name, spec, when=None):
        v, op, unit, fmt = spec["v"], spec["op"], spec["unit"], spec["fmt"]
        F = {"hb": "Haemoglobin", "ferritin": "Ferritin", "fit": "FIT", "calpro": "Faecal calprotectin",
             "alt": "ALT", "ttg": "tTG-IgA"}[name]
        if when:
            F = "%s (%s)" % (F, when)
        pre = {"<": "<", ">": ">", "=": ""}[op]
        val = pre + fmt_num(v) if v is not None else fmt
        if name == "hb":
            g = lab_value("hb", spec)[0]
            thr = 130 if self.sex == "M" else 120
            if unit == "g/dL":
                rng_s = "13.0-17.0" if self.sex == "M" else "12.0-15.0"
            else:
                rng_s, unit = ("130-170" if self.sex == "M" else "120-150"), "g/L"
            flag = "L" if lt((g, op), thr) else ""
        elif name == "ferritin":
            unit, rng_s, flag = "ug/L", "30-300", "L" if lt((v, op), 30) else ""
        elif name == "fit":
            if fmt in ("negative", "undetectable"):
                val = "<10"
            elif fmt == "qfit_pos":
                val = fmt_num(v)
            unit, rng_s = "ug Hb/g", "<10"
            flag = "" if lab_value("fit", spec)[1] == "<" or lab_value("fit", spec)[0] < 10 else "H"
        elif name == "calpro":
            unit, rng_s, flag = "ug/g", "<50", "H" if (v >= 50 and op != "<") else ""
        elif name == "alt":
            unit, rng_s, flag = "U/L", "<40", "H" if v >= 40 else ""
        else:
            unit, rng_s = "U/mL", "<7"
            flag = "H" if fmt == "raised" else ""
            if fmt == "negative":
                val = "<1"
        return ("%-32s %8s %-9s %-11s %s" % (F, val, unit, rng_s, flag)).rstrip()

    def _is_normal(self, name, spec):
        val = lab_value(name, spec)
        if name == "hb":
            return not lt(val, 130 if self.sex == "M" else 120)
        if name == "ferritin":
            return not lt(val, 30)
        if name == "alt":
            return lt(val, 40)
        if name == "ttg":
            return spec["fmt"] == "negative"
        return False

    def _build_items(self):
        rng, pl = R(SET, self.id, "items"), self.pl
        style = self.style
        if style == "two_visits":      # tests arranged at the first visit, back before the second
            self.v1_days, self.v2_days = rng.randint(21, 42), rng.randint(0, 4)
            self.res_date = self.odate(rng.randint(6, 14))
        else:
            self.res_date = self.odate(rng.randint(4, 30))
        month = MONTHS[(self.date.month - 4) % 12]
        syms = list(pl["sym"])
        pos = set(syms)
        # twists on symptoms
        want_rep = "reported" in pl["twist"] or style == "reported_by_relative"
        want_rel = "relapse" in pl["twist"] or style == "course_history"
        rep_sym = next((k for k in syms if "rep" in SYMB[k]), None) if want_rep else None
        rel_sym = None
        if want_rel:
            rel_sym = next((k for k in syms if k in ("rectal_bleeding", "dysphagia", "bloody_diarrhoea", "dyspepsia",
                                                     "reflux", "cibh", "lower_abdo_pain", "bloating")
                            and k != rep_sym), None)
        if self.age < 26:
            rel = rng.choice(["mother", "father"])
        elif self.age > 72:
            rel = rng.choice(["daughter", "son"])
        else:
            rel = "wife" if self.sex == "M" else "husband"
        self.rel = rel
        for k in syms:
            b = SYMB[k]
            d = rng.choice(DURS)
            if pl["ppi"] and k in ("dyspepsia", "reflux", "upper_abdo_pain"):
                d = rng.choice(DURS_LONG)
            kw = dict(dur=d[0], dab=d[1], kg=rng.randint(3, 9), month=month)
            forms = dict(prose=self.fill(rng.choice(b["prose"]), **kw), note=self.fill(rng.choice(b["note"]), **kw),
                         abbr=self.fill(rng.choice(b["abbr"]), **kw), row=b["row"],
                         free=self.fill(rng.choice(b["free"]), **kw), noun=b["noun"])
            if k == rep_sym:
                a, c = b["rep"]
                s = "%s %s tells me %s, and %s." % (self.pr["His"], rel, self.fill(a, **kw), self.fill(c, **kw))
                forms["prose"] = forms["note"] = forms["abbr"] = s
                self.twists.append("reported_confirmed:" + k)
            if k == rel_sym:
                m1 = MONTHS[(self.date.month - 7) % 12]
                m2 = MONTHS[(self.date.month - 5) % 12]
                d2 = rng.choice(DURS[:3])
                s = self.fill("{He} first had %s in %s; it settled by %s but came back %s ago and is still going on."
                              % (b["noun"], m1, m2, d2[0]))
                forms["prose"] = forms["note"] = forms["abbr"] = s
                self.twists.append("relapse:" + k)
            self.items.append(Item(k, "pos", b["sec"], **forms))
        # history
        h = pl["hist"]
        y = self.date.year - rng.randint(1, max(1, min(15, self.age - 16)))
        if h.get("known_cirrhosis"):
            self.items.append(Item("known_cirrhosis", "pos", "pmh",
                                   prose=self.fill("{He} has known alcohol-related cirrhosis, diagnosed in %d." % y),
                                   note="known alcohol-related cirrhosis (diagnosed %d)" % y,
                                   abbr="ArLD cirrhosis (dx %d)" % y))
        if h.get("known_ibd"):
            ibd = h["known_ibd"]
            long = "ulcerative colitis" if ibd == "UC" else "Crohn's disease"
            if h.get("q"):
                drug = rng.choice(["mesalazine", "azathioprine"]) if ibd == "UC" else "azathioprine"
                self.items.append(Item("known_ibd+ibd_stable", "pos", "pmh",
                                       prose=self.fill("{He} has %s, diagnosed in %d, which has been in remission on %s "
                                                       "with no flare for over two years." % (long, y, drug)),
                                       note="%s (dx %d), stable and in remission on %s" % (long, y, drug),
                                       abbr="%s dx %d - in remission on %s, stable" % (ibd, y, drug)))
                if drug == "mesalazine":
                    qs = ["{he} can reduce {his} mesalazine dose now that {he} has been well for over two years",
                          "{his} kidney function monitoring on mesalazine can be reduced to once a year"]
                else:
                    qs = ["it is safe for {him} to have the shingles vaccine while on azathioprine",
                          "{his} azathioprine blood monitoring can move from three-monthly to six-monthly",
                          "{he} could stop azathioprine after this long in remission"]
                qs.append("{he} needs a bone density scan after several courses of steroids in the past")
                if ibd == "UC":
                    qs.append("{his} next surveillance colonoscopy is due, as the last one was in %d" % (self.date.year - 3))
                else:
                    qs.append("{his} vitamin B12 should be checked regularly after {his} ileal resection")
                q = self.fill(rng.choice(qs))
                self.items.append(Item("ibd_question", "pos", "q",
                                       prose="My question is whether %s." % q, note="Question: whether %s?" % q,
                                       abbr="Q - whether %s?" % q))
            else:
                self.items.append(Item("known_ibd", "pos", "pmh",
                                       prose=self.fill("{He} has %s, diagnosed in %d." % (long, y)),
                                       note="known %s (dx %d)" % (long, y), abbr="%s dx %d" % (ibd, y)))
        if h.get("fh_crc"):
            who = h["fh_crc"]
            if " at " in who:
                r, a = who.split(" at ")
                s = self.fill("{His} %s was diagnosed with bowel cancer at the age of %s." % (r, a))
            elif who == "two brothers":
                s = self.fill("Two of {his} brothers have had bowel cancer, diagnosed at 50 and 56.")
            else:
                s = self.fill("{His} father and a paternal uncle both had colorectal cancer in their fifties.")
            self.items.append(Item("fh_crc", "pos", "fh", prose=s, note=s, abbr=s))
            self.items.append(Item("any_symptom", "negated", "hpc",
                                   prose=self.fill(rng.choice(["{He} is entirely well, with no bowel symptoms at all.",
                                                               "{He} has no symptoms of any kind."])),
                                   note="asymptomatic - no bowel symptoms", abbr="asymptomatic"))
        # PPI
        if pl["ppi"]:
            p = pl["ppi"]
            ph = p["phrase"]
            what = "dyspepsia" if "dyspepsia" in pos else ("reflux" if "reflux" in pos else "symptoms")
            if "Monday" in ph:
                prose = self.fill("{He} will have completed four weeks of %s daily on Monday and the %s is no better."
                                  % (p["drug"], what))
                note = "%s - four weeks on Monday, %s no better" % (p["drug"], what)
            else:
                prose = self.fill(rng.choice(["{He} has taken %s daily for %s and the %s is no better." % (p["drug"], ph, what),
                                              "Despite %s of %s daily the %s persists." % (ph, p["drug"], what)]))
                if prose.startswith("Despite"):
                    prose = prose[0].upper() + prose[1:]
                note = "%s daily for %s, %s no better" % (p["drug"], ph, what)
            self.items.append(Item("ppi", "pos" if p["is_ppi"] else "not_a_ppi", "dh", prose=prose, note=note, abbr=note))
        # labs
        for name, spec in pl["labs"].items():
            if spec.get("older") is not None:
                d_old = self.odate(rng.randint(45, 110))
                old = dict(spec, v=spec["older"])
                on = self._lab_note(name, old, rng)
                nn = self._lab_note(name, spec, rng)
                nn_val = nn.split(" ", 1)[1] if not nn.startswith("qFIT") else nn
                self.items.append(Item(name, "superseded_value", "res", note="%s on %s" % (on, self.fd(d_old)),
                                       row=self._lab_row(name, old, self.fd(d_old, "slash")), when=d_old))
                self.items.append(Item(name, "pos", "res", note="repeat on %s: %s" % (self.fd(self.res_date), nn_val),
                                       row=self._lab_row(name, spec, self.fd(self.res_date, "slash")),
                                       normal=self._is_normal(name, spec)))
                self.twists.append("repeat_result:" + name)
            else:
                self.items.append(Item(name, "pos", "res", note=self._lab_note(name, spec, rng),
                                       row=self._lab_row(name, spec), normal=self._is_normal(name, spec)))
        if pl["fatty"]:
            when = self.fd(self.odate((self.date - self.res_date).days + rng.randint(3, 40)))
            if pl["fatty"] == "CT":
                s = "CT abdomen (%s): hepatic steatosis (fatty liver), no focal lesion" % when
            else:
                s = rng.choice(["ultrasound abdomen (%s): diffusely echobright liver in keeping with fatty liver",
                                "USS abdomen (%s): fatty liver, otherwise normal"]) % when
            self.items.append(Item("fatty_liver", "pos", "res", note=s, row=s))
        self._distractors(rng, pos, rep_sym, rel_sym)

    def _distractors(self, rng, pos, rep_sym, rel_sym):
        pl, rule = self.pl, self.pl["rule"]
        style = self.style
        month = MONTHS[(self.date.month - 4) % 12]
        y1 = self.date.year - rng.randint(1, max(1, min(9, self.age - 16)))
        bd = "bloody_diarrhoea" in pos
        cands = [k for k in ["dysphagia", "weight_loss", "rectal_bleeding", "jaundice", "haematemesis", "cibh",
                             "abdominal_mass", "rectal_mass", "reflux", "dyspepsia"] if k not in pos]
        if bd:
            cands = [k for k in cands if k not in ("rectal_bleeding", "cibh")]
        if "ascites" in pos:
            cands = [k for k in cands if k != "abdominal_mass"]
        if "rectal_mass" in pos or "anal_mass" in pos:
            cands = [k for k in cands if k != "abdominal_mass"]
        rng.shuffle(cands)
        n_neg = rng.choice([1, 2, 2, 3, 3, 4])
        for k in cands[:n_neg]:
            prose_l, note_l = NEGB[k]
            self.items.append(Item(k, "negated", SYMB[k]["sec"], prose=self.fill(rng.choice(prose_l)),
                                   note=rng.choice(note_l), abbr=NEG_ABBR.get(k, note_l[0]), row=SYMB[k]["row"]))
        # refuted report by a relative
        if style == "reported_by_relative" and rep_sym is None:
            if "weight_loss" not in pos:
                s = self.fill("{His} %s is worried that {he} has lost weight, but {he} weighs %d kg today, the same as "
                              "at {his} review in %s." % (self.rel, rng.randint(55, 95), month))
                self.items.append(Item("weight_loss", "refuted_report", "hpc", prose=s, note=s, abbr=s))
                self.twists.append("refuted_report:weight_loss")
            elif "jaundice" not in pos:
                s = self.fill("{His} %s thought {his} eyes looked yellow, but there is no jaundice on examination "
                              "and the bilirubin is normal." % self.rel)
                self.items.append(Item("jaundice", "refuted_report", "hpc", prose=s, note=s, abbr=s))
                self.twists.append("refuted_report:jaundice")
        # course of an illness: a sign present at one visit and gone at the next
        if style == "course_history" and rel_sym is None and "jaundice" not in pos \
                and not any(i.kind == "superseded_value" for i in self.items):
            d1 = self.fd(self.odate(rng.randint(30, 45)))
            d2 = self.fd(self.odate(rng.randint(5, 12)))
            s = self.fill("On %s {he} looked slightly jaundiced during a bout of gastroenteritis; when I saw {him} "
                          "again on %s the jaundice had gone and the bilirubin was normal." % (d1, d2))
            self.items.append(Item("jaundice", "resolved_past", "hpc", prose=s, note=s, abbr=s))
            self.twists.append("sign_resolved:jaundice")
        # relative's illness in the same paragraph
        if style == "relative_same_para" or rng.random() < 0.08:
            opts = [(k, t) for k, t in OTHER_PERSON if k not in pos]
            if opts:
                k, t = rng.choice(opts)
                relw = rng.choice(["sister", "brother", "mother", "wife" if self.sex == "M" else "husband"])
                relp = {"husband": "his", "brother": "his", "wife": "her", "sister": "her", "mother": "her"}[relw]
                s = self.fill(t, rel=relw, relp=relp)
                self.items.append(Item(k, "other_person", "hpc", prose=s + ".", note=s, abbr=s, other=True))
                self.twists.append("relative_illness:" + k)
        # family history
        if rng.random() < 0.35:
            opts = [(self.fill(t), "fh_" + f) for t, f in FH_OTHER]
            if rule not in ("A1", "A3", "D"):
                opts += [(self.fill(t), "fh_crc") for t in FH_CRC_DIST]
            s, f = rng.choice(opts)
            self.items.append(Item(f, "family_history", "fh", prose=s, note=s, abbr=s))
        # resolved past episode
        if rule != "A3" and rng.random() < 0.3:
            opts = [k for k in RESOLVED if k not in pos and not (bd and k == "rectal_bleeding")]
            if opts:
                k = rng.choice(opts)
                s = self.fill(RESOLVED[k], y1=y1)
                self.items.append(Item(k, "resolved_past", "pmh", prose=s, note=s, abbr=s))
        # hypothetical
        if rng.random() < 0.3:
            opts = [(ks, t) for ks, t in HYPO if not any(k in pos for k in ks)]
            if opts:
                ks, t = rng.choice(opts)
                s = self.fill(t)
                self.items.append(Item("+".join(ks), "hypothetical", "plan", prose=s, note=s, abbr=s))
        # deliberate (explained) weight loss
        if "weight_loss" not in pos and rule != "A3" and self.age >= 30 and rng.random() < 0.1:
            s = self.fill("{He} has lost %d kg deliberately since joining a slimming club in %s." % (rng.randint(4, 9), month))
            self.items.append(Item("weight_loss", "explained", "hpc", prose=s, note=s, abbr=s))

    # ---------------- composition helpers
    def pick(self, secs=None, kinds=None, pred=None):
        out = []
        for it in self.items:
            if it.used:
                continue
            if secs and it.sec not in secs:
                continue
            if kinds and it.kind not in kinds:
                continue
            if pred and not pred(it):
                continue
            out.append(it)
        return out

    def prose_of(self, items):
        return " ".join(self.say(i, "prose") for i in items)

    def notes_of(self, items, form="note", sep="; "):
        out = ""
        for j, i in enumerate(items):
            x = i.forms.get(form) or i.forms.get("note") or i.forms.get("prose")
            if "." in sep or ";" in sep or "," in sep:
                x = x.rstrip(".")
            x = self.say_raw(i, x)
            if j:
                out += (" " if out.endswith("?") and "." in sep else sep)
            out += x
        return out

    def labs_line(self, form="note", lead=None):
        its = self.pick(secs=["res"])
        if not its:
            return None
        lead = lead if lead is not None else self.rng.choice(["Bloods and stool tests", "Results", "Recent results",
                                                             "Investigations"])
        when = self.fd(self.res_date)
        return "%s (%s): %s." % (self.T(lead), self.T(when), ", ".join(self.say(i, form) for i in its))

    def labs_table(self):
        its = self.pick(secs=["res"])
        if not its:
            return []
        lines = [self.T("%-32s %8s %-9s %-11s %s" % ("Test", "Result", "Units", "Range", "Flag")).rstrip()]
        for i in its:
            if i.fact == "fatty_liver":
                lines.append(self.say(i, "note"))
            else:
                lines.append(self.say(i, "row"))
        return lines

    def intro(self):
        a = self.age_phrase("adj")
        if a:
            return self.T(self.rng.choice(["Thank you for seeing this %s %s." % (a, self.pr["man"]),
                                           "I would be grateful if you could see this %s %s." % (a, self.pr["man"]),
                                           "I am writing about this %s %s." % (a, self.pr["man"])]))
        return self.T(self.rng.choice(["Thank you for seeing %s." % self.short,
                                       "I would be grateful if you could see %s." % self.short]))

    def practice_header(self, long=False):
        name, code, addr = self.practice
        out = [self.f(name), self.f(addr), self.f("Tel 01%03d %06d   Practice code %s" % (self.rng.randint(100, 999),
                                                                                       self.rng.randint(0, 999999), code))]
        if long:
            out.append(self.f("Fax 01%03d %06d   Email %s@nhs.net" % (self.rng.randint(100, 999),
                                                                       self.rng.randint(0, 999999),
                                                                       name.lower().replace(" ", ".").replace("'", ""))))
            out.append(self.T("Dictated: %s   Typed: %s" % (self.fd(self.date), self.fd(self.odate(-1)))))
        out.append(self.T("Date: ") + self.date_str())
        return out

    def patient_block(self, sep="\n", fields=("name", "dob", "nhs")):
        parts = []
        for fl in fields:
            if fl == "name":
                parts.append(self.T("Patient: ") + self.title_str())
            elif fl == "dob":
                parts.append(self.T("DOB: ") + self.dob_str())
            elif fl == "nhs":
                parts.append(self.T("NHS No: %s" % self.nhs))
            elif fl == "addr":
                parts.append(self.f("Address: %s" % self.addr))
            elif fl == "hosp":
                parts.append(self.T("Hospital No: %s" % self.hosp_no))
            elif fl == "sex":
                parts.append(self.T("Sex: ") + self.sex_word())
            elif fl == "age":
                a = self.age_phrase("field")
                if a:
                    parts.append(self.T("Age: ") + a)
        return sep.join(parts)

    def salute(self):
        return self.f(self.rng.choice(["Dear %s," % self.consultant, "Dear Colleague,", "Dear Gastroenterology Team,",
                                       "Dear Doctor,"]))

    def signoff(self, role="GP"):
        return [self.f(self.rng.choice(["Yours sincerely,", "Kind regards,", "Yours faithfully,", "With thanks,"])),
                "", self.f(self.gp), self.f("%s, %s" % (role, self.practice[0]))]

    def rest_prose(self):
        return self.prose_of(self.pick())

    def twist_items(self):
        return [i for i in self.items if not i.used and (i.kind in ("refuted_report", "other_person", "resolved_past",
                                                                     "explained") or "tells me" in i.forms.get("prose", "")
                                                         or "first had" in i.forms.get("prose", ""))]

    # ---------------- checklist rows
    def row_items(self, facts, n_extra=None):
        """row items for the listed facts: the positive ones, and negatives (negated items reused or made)"""
        rng = self.rng
        pos = {i.fact: i for i in self.items if i.kind == "pos" and i.fact in facts and not i.used
               and "tells me" not in i.forms["prose"] and "first had" not in i.forms["prose"]}
        neg = {i.fact: i for i in self.items if i.kind == "negated" and i.fact in facts and not i.used}
        possyms = set(self.pl["sym"])
        rows = []
        for fct in facts:
            if fct in pos:
                rows.append(pos[fct])
            elif fct in neg:
                rows.append(neg[fct])
        others = [fct for fct in facts if fct not in pos and fct not in neg and fct not in possyms
                  and not ("bloody_diarrhoea" in possyms and fct in ("rectal_bleeding", "cibh"))
                  and not (("rectal_mass" in possyms or "anal_mass" in possyms or "ascites" in possyms) and fct == "abdominal_mass")]
        k = n_extra if n_extra is not None else rng.randint(2, 5)
        for fct in rng.sample(others, min(k, len(others))):
            it = Item(fct, "negated", "hpc", row=SYMB[fct]["row"], note=NEGB[fct][1][0], prose=self.fill(NEGB[fct][0][0]))
            self.items.append(it)
            rows.append(it)
        order = {f: j for j, f in enumerate(facts)}
        rows.sort(key=lambda i: order[i.fact])
        return rows

    def row_line(self, it, ans_style):
        rng = self.rng
        label = it.row
        p = it.kind == "pos"
        if ans_style == "form_scores":
            a = str(rng.randint(1, 3)) if p else "0"
            return self.say_raw(it, "%-30s %s" % (label, a))
        if ans_style == "form_freetext":
            if p:
                a = it.forms.get("free") or "yes"
            elif it.fact in ("rectal_bleeding", "haematemesis") and rng.random() < 0.4:
                it.kind = "resolved_past"
                a = "only once, last year - nothing since"
            else:
                a = rng.choice(["not that %s's noticed" % self.pr["he"], "no", "none", "never"])
            return self.say_raw(it, "%s? %s" % (label, a))
        if ans_style == "form_tickbox":
            if not p:
                it.kind = "unticked_box"
            return self.say_raw(it, "[%s] %s" % ("\u2713" if p else " ", label))
        ya, na = FORM_ANS[ans_style]
        a = ya if p else na
        if ans_style == "form_ticks":
            return self.say_raw(it, "%s  %s" % (a, label))
        if ans_style == "form_plusminus":
            return self.say_raw(it, "%s (%s)" % (label, a))
        if ans_style in ("form_present_absent", "form_yesno_circled"):
            return self.say_raw(it, "%s: %s" % (label, a))
        return self.say_raw(it, "%-30s %s" % (label, a))

    # ======================================================================
    # styles (layouts / writers)
    # ======================================================================
    def hosp_block(self):
        return [self.f(self.consultant), self.f("Department of Gastroenterology"), self.f(self.hospital)]

    def re_line(self):
        return self.T("Re: ") + self.title_str() + self.T(", DOB ") + self.dob_str() + self.T(", NHS No %s" % self.nhs)

    def body_paragraphs(self):
        paras = []
        hpc = self.pick(secs=["hpc"])
        paras.append(self.intro() + (" " + self.prose_of(hpc) if hpc else ""))
        ex = self.pick(secs=["exam"])
        if ex:
            paras.append(self.T("On examination: ") + self.prose_of(ex))
        lab = self.labs_line()
        if lab:
            paras.append(lab)
        hist = self.pick(secs=["pmh", "dh", "fh"])
        if hist:
            paras.append(self.prose_of(hist))
        tail = self.pick(secs=["q", "plan"])
        r = self.request()
        t = self.prose_of(tail)
        if r:
            t = (t + " " + r).strip()
        if t:
            paras.append(t)
        return paras

    def st_gp_formal(self):
        L_ = self.practice_header() + [""] + self.hosp_block() + ["", self.salute(), "", self.re_line(),
                                                                  self.f(self.addr), ""]
        for p in self.body_paragraphs():
            L_ += [p, ""]
        return L_ + self.signoff()

    def st_gp_terse(self):
        L_ = [self.T("Re ") + self.title_str() + self.T("  DOB ") + self.dob_str() + self.T("  NHS %s  " % self.nhs)
              + self.T("Date ") + self.date_str()]
        a = self.age_phrase("short")
        hx = self.notes_of(self.pick(secs=["hpc", "exam"]), sep=self.T(". "))
        bits = ([a] if a else []) + ([hx] if hx else [])
        L_.append(self.T(". ").join(bits) + self.T("."))
        lab = self.labs_line(lead="Ix")
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            x = self.notes_of(o, sep=self.T(". "))
            L_.append(x + ("" if x.endswith("?") else self.T(".")))
        r = self.request("short")
        if r:
            L_.append(r + self.T(" please."))
        L_.append(self.f(self.gp.replace("Dr ", "Dr. ")))
        return L_

    def st_gp_chatty(self):
        a = self.age_phrase("adj")
        L_ = self.practice_header() + ["", self.f("Dear all,"), "", self.re_line(), "",
                                       self.f("I hope you are all keeping well.")]
        who = ("I saw %s in surgery this week, a lovely %s %s." % (self.first, a, self.pr["man"]) if a
               else "I saw %s in surgery this week." % self.first)
        hpc = self.pick(secs=["hpc"])
        L_.append(self.T(who) + " " + self.prose_of(hpc))
        ex = self.pick(secs=["exam"])
        if ex:
            L_.append(self.f("When I examined %s: " % self.pr["him"]) + self.prose_of(ex))
        lab = self.labs_line(lead="I did some tests")
        if lab:
            L_.append(lab)
        o = self.pick(secs=["pmh", "dh", "fh", "q", "plan"])
        if o:
            L_.append(self.f("A bit more background.") + " " + self.prose_of(o))
        r = self.request()
        L_.append(self.f(self.rng.choice(["To be honest I would just like a second opinion.",
                                          "Hopefully this all makes sense."])) + (" " + r if r else ""))
        L_ += ["", self.f("Many thanks as ever,"), self.f(self.gp.split()[1])]
        return L_

    def st_gp_bullets(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), "", self.f("Summary:")]
        a = self.age_phrase("adj")
        if a:
            L_.append(self.T("\u2022 %s %s" % (a, self.pr["man"])))
        for i in self.pick(secs=["hpc", "exam"]):
            L_.append("\u2022 " + self.say(i, "note"))
        for i in self.pick(secs=["res"]):
            L_.append("\u2022 " + self.say(i, "note"))
        for i in self.pick(secs=["pmh", "dh", "fh"]):
            L_.append("\u2022 " + self.say(i, "note"))
        for i in self.pick():
            L_.append("\u2022 " + self.say(i, "prose"))
        r = self.request()
        if r:
            L_ += ["", r]
        return L_ + [""] + self.signoff()

    def st_gp_third_person(self):
        partner = self.rng.choice([g for g in GPS if g != self.gp])
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        L_.append(self.f("I am writing on behalf of my partner %s, who saw the patient last week." % partner))
        a = self.age_phrase("adj")
        txt = [self.T("The patient is %s %s %s." % (art(a), a, self.pr["man"]))] if a else []
        first = True
        for i in self.pick(secs=["hpc", "exam"]):
            s = i.forms["prose"]
            if first and s.startswith(self.pr["He"] + " "):
                s = "The patient " + s[len(self.pr["He"]) + 1:]
                txt.append(self.say_raw(i, s))
                first = False
            else:
                txt.append(self.say(i, "prose"))
        L_.append(" ".join(txt))
        lab = self.labs_line()
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        if r:
            L_.append(self.T("The patient has been told of this referral. ") + r)
        return L_ + [""] + self.signoff("GP partner")

    def st_gp_lowercase(self):
        L_ = [self.T("dear gastro team"), self.T("re ") + self.title_str() + self.T(" dob ") + self.dob_str()
              + self.T(" nhs %s" % self.nhs), self.T("date ") + self.date_str()]
        a = self.age_phrase("adj")
        if a:
            L_.append(self.T("this is %s %s %s" % (art(a), a, self.pr["man"])))
        for i in self.pick(secs=["hpc", "exam"]):
            L_.append(self.say(i, "note"))
        for i in self.pick(secs=["res"]):
            L_.append(self.say(i, "note"))
        for i in self.pick():
            L_.append(self.say(i, "prose"))
        r = self.request()
        if r:
            L_.append(r)
        L_ += [self.T("thanks"), self.f(self.gp)]
        return L_

    def st_gp_abbrev(self):
        L_ = self.practice_header() + ["", self.T("Re: ") + self.title_str() + self.T("  DOB: ") + self.dob_str()
                                       + self.T("  NHS: %s" % self.nhs), ""]
        a = self.age_phrase("short")
        hpc = self.pick(secs=["hpc"], kinds=["pos"])
        lead = ""
        if a:
            lead = self.fact("sex", "%s %s" % (a, self.sex[0])) + " "
        if hpc:
            L_.append(lead + self.T("c/o ") + self.notes_of(hpc, "abbr"))
        else:
            L_.append(lead + self.T("referral"))
        neg = self.pick(secs=["hpc"], kinds=["negated"])
        if neg:
            L_.append(self.T("Neg: ") + self.notes_of(neg, "abbr", sep=self.T(", ")))
        for lab, secs in (("PMHx: ", ["pmh"]), ("DHx: ", ["dh"]), ("FHx: ", ["fh"]), ("O/E: ", ["exam"])):
            it = self.pick(secs=secs)
            if it:
                L_.append(self.T(lab) + self.notes_of(it, "abbr"))
        lab = self.labs_line(lead="Ix")
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.T("Also: ") + self.notes_of(o, "abbr"))
        r = self.request("short")
        L_.append(self.T("Imp: for specialist r/v") + (self.T(". Pls see - ") + r if r else ""))
        L_ += ["", self.f(self.gp + " (GP)")]
        return L_

    def st_gp_long_admin(self):
        rng = self.rng
        foot = lambda k: self.f("-- Page %d of 2 -- %s -- printed %s --" % (k, self.practice[0], self.fd(self.date)))
        L_ = self.practice_header(long=True) + [
            self.f("Our ref: %s/%04d" % (self.gp.split()[-1][:3].upper(), rng.randint(0, 9999))),
            self.T("e-RS UBRN: %s" % self.ubrn), "",
            self.f(self.consultant), self.f("Department of Gastroenterology"), self.f(self.hospital),
            self.f("Outpatient Appointments Centre"), "", self.salute(), "",
            self.T("Re: ") + self.title_str(), self.T("DOB: ") + self.dob_str(),
            self.T("NHS No: %s   Hospital No: %s" % (self.nhs, self.hosp_no)), self.f("Address: " + self.addr),
            self.f("Telephone: 07%03d %06d" % (rng.randint(100, 999), rng.randint(0, 999999))), ""]
        paras = self.body_paragraphs()
        for j, p in enumerate(paras):
            L_ += [p, ""]
            if j == 1:
                L_ += [foot(1), ""]
        L_.append(self.f("Problem list:"))
        for k, pmh in enumerate(rng.sample(pmh_for(self.age), 4)):
            L_.append(self.T("  %d  %s (%d)" % (k + 1, pmh, self.date.year - rng.randint(1, max(1, min(25, self.age - 17))))))
        L_.append(self.f("Current medication:"))
        for med in rng.sample(meds_for(self.age), 5):
            L_.append(self.T("  - " + med))
        L_.append(self.f("Allergies: ") + self.T(rng.choice(ALLERGIES)))
        job = rng.choice(["teacher", "driver", "nurse", "shop manager", "joiner", "civil servant", "engineer"])
        job = ("retired " + job) if self.age >= 66 else ("student" if self.age < 21 else job)
        L_.append(self.f("Social: ") + self.T(rng.choice([
            "lives with %s partner; ex-smoker (stopped %d); alcohol about %d units a week; %s." % (
                self.pr["his"], self.date.year - rng.randint(1, max(1, min(20, self.age - 17))), rng.randint(0, 14), job),
            "lives alone, independent; never smoked; alcohol occasionally; %s." % job])))
        L_.append(self.f("Access: ") + self.T(rng.choice(["no interpreter needed; can attend at short notice.",
                                                          "prefers morning appointments; needs hospital transport.",
                                                          "hearing impaired - please write rather than telephone.",
                                                          "works shifts - text reminders helpful."])))
        L_.append(self.f("Recent contacts: ") + self.T("%s (practice nurse review), %s (GP telephone)" % (
            self.fd(self.odate(rng.randint(20, 60))), self.fd(self.odate(rng.randint(1, 10))))))
        L_ += [""] + self.signoff("GP Partner")
        L_ += ["", self.f("cc: Patient; Practice file; %s (practice nurse)" % rng.choice(["Sister J Dunn", "Mrs A Cole"])),
               "", foot(2)]
        return L_

    def st_hdr_pc_hpc(self):
        L_ = self.practice_header() + ["", self.re_line(), ""]
        hpc = self.pick(secs=["hpc", "exam"], kinds=["pos"])
        a = self.age_phrase("adj")
        head = (self.T("%s %s. " % (a, self.pr["man"])) if a else "")
        if hpc:
            L_.append(self.T("Presenting complaint: ") + head + self.say(hpc[0], "note"))
            rest = self.pick(secs=["hpc"])
            if rest:
                L_.append(self.T("HPC: ") + self.prose_of(rest))
        else:
            L_.append(self.T("Presenting complaint: ") + head + self.T("advice requested"))
            rest = self.pick(secs=["hpc"])
            if rest:
                L_.append(self.T("HPC: ") + self.prose_of(rest))
        for lab, secs in (("PMH: ", ["pmh"]), ("DH: ", ["dh"]), ("FH: ", ["fh"]), ("O/E: ", ["exam"])):
            it = self.pick(secs=secs)
            if it:
                L_.append(self.T(lab) + self.notes_of(it))
            elif lab == "DH: ":
                L_.append(self.T("DH: ") + self.T("; ".join(self.rng.sample(meds_for(self.age), 2))))
        lab = self.labs_line(lead="Investigations")
        if lab:
            L_.append(lab)
        L_.append(self.T("Impression: needs specialist assessment"))
        o = self.pick()
        r = self.request()
        L_.append(self.T("Plan: ") + " ".join(x for x in [self.prose_of(o) if o else "", r or ""] if x))
        return L_ + [""] + self.signoff()

    def st_hdr_soap(self):
        L_ = [self.f(self.practice[0]) + self.T(" - referral to gastroenterology"), self.T("Date: ") + self.date_str(),
              self.patient_block(sep="   ", fields=("name", "dob", "nhs")), ""]
        a = self.age_phrase("adj")
        s = self.pick(secs=["hpc", "pmh", "dh", "fh"])
        L_.append(self.T("S: ") + (self.T("%s %s. " % (a, self.pr["man"])) if a else "") + self.notes_of(s, sep=self.T(". ")))
        o = self.pick(secs=["exam"])
        ob = [self.notes_of(o)] if o else []
        lab = self.labs_line(lead="Results")
        if lab:
            ob.append(lab)
        L_.append(self.T("O: ") + (self.T(". ").join(ob) if ob else self.T("obs normal")))
        L_.append(self.T("A: referral for specialist opinion"))
        p = self.pick()
        r = self.request()
        L_.append(self.T("P: ") + " ".join(x for x in [r or "", self.prose_of(p) if p else ""] if x))
        return L_ + [""] + self.signoff()

    def st_hdr_concerns(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        a = self.age_phrase("adj")
        L_.append(self.T("Concerns:"))
        L_.append((self.T("%s %s. " % (a, self.pr["man"])) if a else "") + self.prose_of(self.pick(secs=["hpc", "exam"])))
        L_.append(self.T("What I have done:"))
        done = [x for x in [self.labs_line(lead="Tests"), self.prose_of(self.pick(secs=["dh"]))] if x]
        L_.append(" ".join(done) if done else self.T("Examined; nothing else yet."))
        o = self.pick(secs=["pmh", "fh"])
        if o:
            L_ += [self.T("Background:"), self.prose_of(o)]
        L_.append(self.T("What I would like:"))
        q = self.pick(secs=["q"])
        r = self.request()
        L_.append(" ".join(x for x in [self.prose_of(q) if q else "", r or self.T("Your opinion.")] if x))
        sn = self.pick()
        if sn:
            L_ += [self.T("Safety netting:"), self.prose_of(sn)]
        return L_ + [""] + self.signoff()

    def st_hdr_redflags(self):
        L_ = self.practice_header() + ["", self.re_line(), ""]
        a = self.age_phrase("adj")
        if a:
            L_.append(self.T("Age: %s %s" % (a, self.pr["man"])))
        pos = self.pick(secs=["hpc", "exam"], kinds=["pos"])
        if pos:
            L_.append(self.T("HPC: ") + self.notes_of(pos))
        neg = self.pick(kinds=["negated"])
        if neg:
            L_.append(self.T("Red flags screened:"))
            inline = self.rng.random() < 0.5
            for i in neg:
                if inline and i.row:
                    L_.append(self.say_raw(i, "%s: %s" % (i.row, self.rng.choice(["no", "none", "denied", "not present"]))))
                else:
                    L_.append(self.T("- ") + self.say(i, "note"))
        lab = self.labs_line(lead="Ix")
        if lab:
            L_.append(lab)
        for lab, secs in (("PMH: ", ["pmh"]), ("Meds: ", ["dh"]), ("FH: ", ["fh"])):
            it = self.pick(secs=secs)
            if it:
                L_.append(self.T(lab) + self.notes_of(it))
        o = self.pick()
        if o:
            L_.append(self.T("Other: ") + self.prose_of(o))
        r = self.request("short")
        if r:
            L_.append(self.T("Priority: ") + r)
        return L_ + [""] + self.signoff()

    def st_hdr_hx_inline(self):
        L_ = [self.T("Referral - gastroenterology"), self.patient_block(sep=" | ", fields=("name", "dob", "nhs")),
              self.T("Referrer: %s, %s   " % (self.gp, self.practice[0])) + self.T("Date: ") + self.date_str(), ""]
        a = self.age_phrase("short")
        hx = self.pick(secs=["hpc", "pmh", "dh", "fh"])
        L_.append(self.T("Hx: ") + ((a + self.T(" ")) if a else "") + self.notes_of(hx, "abbr"))
        ex = self.pick(secs=["exam"])
        L_.append(self.T("O/E: ") + (self.notes_of(ex, "abbr") if ex else self.T("NAD")))
        lab = self.labs_line(lead="Ix")
        L_.append(lab if lab else self.T("Ix: nil yet"))
        o = self.pick()
        r = self.request("short")
        L_.append(self.T("Imp/Plan: ") + " ".join(x for x in [self.notes_of(o, "abbr") if o else "",
                                                                 (self.T("refer ") + r) if r else self.T("refer")] if x))
        L_ += ["", self.f(self.gp)]
        return L_

    # ---------------- forms and checklists
    LEGEND = {
        "form_yesno_struck": "(the option that does not apply has been struck through, shown ~~thus~~)",
        "form_yesno_circled": "(circled answer shown in brackets)",
        "form_yn": "(Y = yes, N = no)",
        "form_ticks": "(\u2713 = present, \u2717 = absent)",
        "form_tickbox": "(tick all that apply)",
        "form_present_absent": "",
        "form_plusminus": "(+ present, - absent)",
        "form_scores": "(severity: 0 = absent, 1 = mild, 2 = moderate, 3 = severe)",
        "form_freetext": "",
    }
    FORM_TITLES = {
        "form_yesno_struck": "GASTROENTEROLOGY REFERRAL PROFORMA",
        "form_yesno_circled": "Referral to Gastroenterology - Symptom Questionnaire",
        "form_yn": "GI REFERRAL FORM (v3.2)",
        "form_ticks": "Gastro referral checklist",
        "form_tickbox": "GASTROENTEROLOGY REFERRAL - CLINICAL FEATURES",
        "form_present_absent": "Digestive Diseases Referral Form",
        "form_plusminus": "GI triage form",
        "form_scores": "Gastroenterology referral - symptom severity form",
        "form_freetext": "Referral questionnaire (completed with the patient)",
    }

    def form_generic(self):
        st = self.style
        L_ = [self.n(self.FORM_TITLES[st]), self.T("Referrer: %s, %s (%s)" % (self.gp, self.practice[0], self.practice[1])),
              self.T("Date: ") + self.date_str(),
              self.patient_block(sep="   ", fields=("name", "dob", "age", "sex")), self.T("NHS No: %s" % self.nhs), ""]
        facts = [f for f in ROW_FACTS]
        self.rng.shuffle(facts)
        facts = sorted(facts[:9], key=ROW_FACTS.index)
        pos_syms = [i.fact for i in self.items if i.kind == "pos" and i.fact in ROW_FACTS]
        for f_ in pos_syms:
            if f_ not in facts:
                facts.append(f_)
        facts = sorted(set(facts), key=ROW_FACTS.index)
        rows = self.row_items(facts, n_extra=self.rng.randint(3, 6))
        leg = self.LEGEND[st]
        L_.append(self.T("Symptoms ") + self.T(leg) if leg else self.T("Symptoms"))
        for it in rows:
            L_.append(self.row_line(it, st))
        L_.append("")
        det = self.pick(secs=["hpc", "exam"])
        if det:
            L_.append(self.T("Clinical details: ") + self.prose_of(det))
        lab = self.labs_line(lead="Results")
        if lab:
            L_.append(lab)
        h = self.pick(secs=["pmh", "dh", "fh"])
        if h:
            L_.append(self.T("Relevant history: ") + self.prose_of(h))
        o = self.pick()
        if o:
            L_.append(self.T("Other information: ") + self.prose_of(o))
        r = self.request("short")
        L_.append(self.T("Priority requested: ") + (r if r else self.T("(left blank)")))
        L_ += [self.T("Signed: ") + self.f(self.gp)]
        return L_

    st_form_yesno_struck = st_form_yesno_circled = st_form_yn = st_form_ticks = st_form_tickbox = \
        st_form_present_absent = st_form_plusminus = st_form_scores = st_form_freetext = form_generic

    def twoww_form(self, upper):
        title = ("SUSPECTED UPPER GI CANCER REFERRAL (URGENT SUSPECTED CANCER / 2WW)" if upper else
                 "SUSPECTED LOWER GI (COLORECTAL) CANCER REFERRAL - URGENT SUSPECTED CANCER")
        facts = (["dysphagia", "upper_abdo_pain", "reflux", "dyspepsia", "weight_loss", "haematemesis", "abdominal_mass"]
                 if upper else ["rectal_bleeding", "cibh", "lower_abdo_pain", "weight_loss", "abdominal_mass"])
        L_ = [self.n(title), self.n("To: Cancer Referral Hub, %s" % self.hospital),
              self.T("Date of referral: ") + self.date_str(), self.T("e-RS UBRN: %s" % self.ubrn),
              self.patient_block(sep="   ", fields=("name", "dob", "age", "sex")), self.T("NHS No: %s" % self.nhs), "",
              self.T("Criteria (answer Y/N):")]
        rows = self.row_items(facts, n_extra=len(facts))
        for it in rows:
            L_.append(self.row_line(it, "form_yn"))
        if not upper:
            extra = [("rectal_mass", "Rectal mass on PR"), ("anal_mass", "Anal mass")]
            for fct, label in extra:
                p = next((i for i in self.items if i.fact == fct and i.kind == "pos" and not i.used), None)
                if p is not None:
                    L_.append(self.say_raw(p, "%-30s %s" % (label, "Y")))
                elif not any(i.fact == "ascites" and i.kind == "pos" for i in self.items):
                    it = Item(fct, "negated", "exam", row=label, note="")
                    self.items.append(it)
                    L_.append(self.say_raw(it, "%-30s %s" % (label, "N")))
            fit = next((i for i in self.items if i.fact == "fit" and not i.used and i.kind == "pos"), None)
            if fit is None and "fit" not in self.pl["labs"]:
                L_.append(self.say_raw(Item("fit", "not_done", "res", note=""), "FIT result: not done"))
        L_.append("")
        if upper:
            dh = self.pick(secs=["dh"])
            L_.append(self.T("Treatment tried: ") + (self.prose_of(dh) if dh else self.T("none")))
        det = self.pick(secs=["hpc", "exam"])
        if det:
            L_.append(self.T("Clinical details: ") + self.prose_of(det))
        lab = self.labs_line(lead="Results")
        if lab:
            L_.append(lab)
        h = self.pick(secs=["pmh", "dh", "fh"])
        if h:
            L_.append(self.T("History: ") + self.prose_of(h))
        o = self.pick()
        if o:
            L_.append(self.T("Additional information: ") + self.prose_of(o))
        L_.append(self.n("Patient informed that this is an urgent suspected cancer referral: Y"))
        L_ += [self.T("Referring clinician: ") + self.f(self.gp + ", " + self.practice[0])]
        return L_

    def st_ugi_2ww_form(self):
        return self.twoww_form(True)

    def st_lgi_2ww_form(self):
        return self.twoww_form(False)

    def st_ers_template(self):
        L_ = [self.T("NHS e-Referral Service - Referral Letter"), self.T("UBRN: %s" % self.ubrn),
              self.T("Service: Gastroenterology - %s" % self.hospital),
              self.T("Priority: ") + (self.request("short") or self.T("not stated")),
              self.T("Referral date: ") + self.date_str(), "",
              self.T("Patient name: ") + self.title_str(), self.T("Date of birth: ") + self.dob_str(),
              self.T("NHS number: %s" % self.nhs), self.T("Gender: ") + self.sex_word(), ""]
        q = self.pick(secs=["q"])
        L_.append(self.T("Clinical question: ") + (self.prose_of(q) if q else self.T("Please assess and advise.")))
        a = self.age_phrase("adj")
        hpc = self.pick(secs=["hpc"])
        L_.append(self.T("History: ") + ((self.T("%s %s. " % (a, self.pr["man"]))) if a else "") + self.prose_of(hpc))
        ex = self.pick(secs=["exam"])
        L_.append(self.T("Examination: ") + (self.prose_of(ex) if ex else self.T("unremarkable")))
        lab = self.labs_line(lead="Investigations")
        L_.append(lab if lab else self.T("Investigations: none yet"))
        h = self.pick(secs=["pmh", "fh"])
        L_.append(self.T("Past history: ") + (self.prose_of(h) if h else self.T("nil relevant")))
        dh = self.pick(secs=["dh"])
        L_.append(self.T("Medication: ") + (self.prose_of(dh) if dh else self.T("; ".join(self.rng.sample(meds_for(self.age), 2)))))
        L_.append(self.T("Allergies: ") + self.T(self.rng.choice(ALLERGIES)))
        o = self.pick()
        if o:
            L_.append(self.T("Safety netting: ") + self.prose_of(o))
        L_.append(self.T("Referrer: ") + self.f("%s, %s (%s)" % (self.gp, self.practice[0], self.practice[1])))
        return L_

    def st_very_short(self):
        a = self.age_phrase("aged")
        who = self.title_str() + self.T(" (DOB ") + self.dob_str() + self.T(")")
        L_ = [self.T("Date: ") + self.date_str()]
        bits = self.notes_of(self.pick(secs=["hpc", "exam", "res", "pmh", "dh", "fh", "q"]), sep=self.T(", "))
        L_.append(self.T("Please see ") + who + ((self.T(", ") + a) if a else "") + self.T(" - ") + bits
                  + ("" if bits.endswith("?") else self.T(".")))
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request("short")
        L_.append((r + self.T(". ") if r else "") + self.f("Thanks, " + self.gp))
        return L_

    def st_results_table(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        hpc = self.pick(secs=["hpc", "exam"])
        L_.append(self.intro() + (" " + self.prose_of(hpc) if hpc else ""))
        tab = self.labs_table()
        if tab:
            L_ += ["", self.T("Results (%s):" % self.fd(self.res_date))] + tab + [""]
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        if r:
            L_.append(r)
        return L_ + [""] + self.signoff()

    def st_numbered_findings(self):
        L_ = self.practice_header() + ["", self.re_line(), ""]
        a = self.age_phrase("adj")
        L_.append(self.T("Findings:"))
        k = 1
        if a:
            L_.append(self.T("%d. %s %s" % (k, a, self.pr["man"])))
            k += 1
        for i in self.pick(secs=["hpc", "exam", "res", "pmh", "dh", "fh"]):
            L_.append(self.T("%d. " % k) + self.say(i, "note"))
            k += 1
        o = self.pick()
        for i in o:
            L_.append(self.T("%d. " % k) + self.say(i, "prose"))
            k += 1
        r = self.request()
        if r:
            L_ += ["", r]
        return L_ + [""] + self.signoff()

    def st_system_paste(self):
        rng = self.rng
        L_ = [self.T("*** Referral letter generated from clinical system ***"), self.f(self.practice[0]),
              self.T("Printed: ") + self.T(self.fd(self.date, "slash")),
              self.T("Date: ") + self.date_str(),
              self.patient_block(sep="  ", fields=("name", "dob", "nhs", "sex")), ""]
        L_.append(self.T("Problems"))
        h = self.pick(secs=["pmh"])
        L_.append(self.T("  Active: ") + "; ".join([self.say(i, "note") for i in h if i.kind == "pos"] +
                                                    [self.T(x) for x in rng.sample(pmh_for(self.age), 2)]))
        past = [i for i in h if i.kind != "pos"]
        if past:
            L_.append(self.T("  Past: ") + "; ".join(self.say(i, "note") for i in past))
        L_.append(self.T("Medication"))
        for m in rng.sample(meds_for(self.age), 2):
            L_.append(self.T("  " + m))
        for i in self.pick(secs=["dh"]):
            L_.append(self.T("  ") + self.say(i, "note"))
        L_.append(self.T("Consultations"))
        a = self.age_phrase("adj")
        hpc = self.pick(secs=["hpc"])
        L_.append(self.T("  %s (%s)  History: " % (self.fd(self.odate(rng.randint(0, 3)), "slash"), self.gp))
                  + ((self.T("%s %s. " % (a, self.pr["man"]))) if a else "") + self.notes_of(hpc, sep=self.T(". ")))
        ex = self.pick(secs=["exam"])
        if ex:
            L_.append(self.T("  Examination: ") + self.notes_of(ex))
        fh = self.pick(secs=["fh"])
        if fh:
            L_.append(self.T("  Family history: ") + self.notes_of(fh))
        o = self.pick(secs=["q", "plan"])
        r = self.request()
        L_.append(self.T("  Plan: ") + " ".join(x for x in [self.prose_of(o) if o else "", r or self.T("refer")] if x))
        res = self.pick(secs=["res"])
        if res:
            L_.append(self.T("Values"))
            for i in res:
                L_.append(self.T("  ") + self.say(i, "note"))
        o = self.pick()
        if o:
            L_.append(self.T("Other: ") + self.prose_of(o))
        return L_

    # ---------------- story-shaped letters
    def st_reported_by_relative(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        tw = self.twist_items()
        hpc = [i for i in self.pick(secs=["hpc", "exam"]) if i not in tw]
        first = self.f("%s came to see me with %s %s." % (self.first, self.pr["his"], self.rel))
        L_.append(self.intro() + " " + first + " " + self.prose_of(tw) + (" " + self.prose_of(hpc) if hpc else ""))
        lab = self.labs_line()
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        if r:
            L_.append(r)
        return L_ + [""] + self.signoff()

    def st_relative_same_para(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        oth = self.pick(kinds=["other_person"])
        hpc = [i for i in self.pick(secs=["hpc"]) if i not in oth]
        a = self.age_phrase("adj")
        lead = self.T("%s, %s %s %s, " % (self.first, art(a), a, self.pr["man"])) if a else self.T("%s " % self.first)
        par = self.prose_of(oth) + " " + lead + self.T("asked me to refer %s too. " % self.pr["him"]) + self.prose_of(hpc)
        L_.append(par.strip())
        ex = self.pick(secs=["exam"])
        if ex:
            L_.append(self.prose_of(ex))
        lab = self.labs_line()
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        if r:
            L_.append(r)
        return L_ + [""] + self.signoff()

    def st_course_history(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        L_.append(self.intro())
        L_.append(self.T("Course so far:"))
        tw = self.twist_items()
        for i in tw:
            L_.append(self.T("- ") + self.say(i, "prose"))
        for i in self.pick(secs=["hpc", "exam"]):
            L_.append(self.T("- ") + self.say(i, "prose"))
        res = self.pick(secs=["res"])
        for i in res:
            L_.append(self.T("- ") + self.say(i, "note"))
        o = self.pick()
        if o:
            L_ += ["", self.prose_of(o)]
        r = self.request()
        if r:
            L_.append(r)
        return L_ + [""] + self.signoff()

    def st_two_visits(self):
        rng = self.rng
        d1 = self.odate(self.v1_days)
        d2 = self.odate(self.v2_days)
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        L_.append(self.intro())
        tw1, tw2 = [], []
        if "jaundice" not in self.pl["sym"] and rng.random() < 0.6:
            a = Item("jaundice", "resolved_past", "hpc", prose=self.fill(
                "At that visit {he} looked slightly jaundiced, during a bout of gastroenteritis."))
            b = Item("jaundice", "resolved_past", "hpc", prose=self.fill(
                "The jaundice has now gone and {his} bilirubin is normal."))
            self.items += [a, b]
            tw1, tw2 = [a], [b]
            self.twists.append("sign_resolved:jaundice")
        tw = tw1 + tw2
        syms = [i for i in self.pick(secs=["hpc"]) if i not in tw]
        posi = [i for i in syms if i.kind == "pos"]
        v1 = posi[: max(1, (len(posi) + 1) // 2)] if posi else []
        v2 = [i for i in syms if i not in v1]
        L_.append(self.T("I first saw %s on %s%s. " % (self.pr["him"], self.fd(d1), "" if v1 else " for a medication review"))
                  + self.prose_of(v1 + tw1) +
                  (self.T(" I arranged some tests.") if self.pick(secs=["res"]) else ""))
        txt = self.T("I reviewed %s on %s. " % (self.pr["him"], self.fd(d2)))
        if v1:
            txt += self.T("The symptoms above are unchanged and still present. ")
        L_.append(txt + self.prose_of(v2) + (" " + self.prose_of(tw2) if tw2 else ""))
        ex = self.pick(secs=["exam"])
        if ex:
            L_.append(self.T("Examination at the second visit: ") + self.prose_of(ex))
        lab = self.labs_line(lead="Results")
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        if r:
            L_.append(r)
        return L_ + [""] + self.signoff()

    def st_ps_addendum(self):
        L_ = self.practice_header() + ["", self.salute(), "", self.re_line(), ""]
        ps = self._decisive_item()
        ps.used = True
        for p in self.body_paragraphs():
            L_ += [p, ""]
        L_ += self.signoff()
        ps.used = False
        if ps.sec == "res":
            s = self.T("P.S. A result came back after I dictated this letter: ") + self.say(ps, "note") + self.T(".")
        else:
            s = self.T("P.S. I saw %s again before this letter went: " % self.pr["him"]) + self.say(ps, "prose")
        return L_ + ["", s]

    def _decisive_item(self):
        F0 = facts_of(self.pl)
        cands = [i for i in self.items if i.kind == "pos" and i.fact in (list(SYMB) + ["fit", "hb", "ferritin", "calpro",
                                                                                       "alt", "ttg", "fatty_liver"])]
        for i in cands:
            F = facts_of(self.pl)
            if i.fact in SYMB:
                F["sym"] = set(F["sym"]) - {i.fact}
            elif i.fact == "fatty_liver":
                F.pop("fatty_liver", None)
            elif i.fact in F:
                F.pop(i.fact)
            try:
                if decide(F) != self.pl["rule"]:
                    return i
            except Amb:
                continue
        return cands[0]

    def outsider(self, org, who, intro_lines, closing):
        L_ = [self.f(org), self.T("Date: ") + self.date_str(), "",
              self.patient_block(sep="\n", fields=("name", "dob", "nhs", "addr")),
              self.T("GP: %s, %s" % (self.gp, self.practice[0])), ""]
        L_.append(self.salute())
        L_.append("")
        a = self.age_phrase("adj")
        for x in intro_lines:
            L_.append(self.f(x))
        if a:
            L_.append(self.T("%s is %s %s %s." % (self.first, art(a), a, self.pr["man"])))
        hpc = self.pick(secs=["hpc"])
        if hpc:
            L_.append(self.prose_of(hpc))
        ex = self.pick(secs=["exam"])
        if ex:
            L_.append(self.prose_of(ex))
        lab = self.labs_line()
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        L_.append(" ".join(x for x in [self.f(closing), r or ""] if x))
        L_ += ["", self.f(who)]
        return L_

    def st_walkin_nurse(self):
        return self.outsider("%s Walk-in Centre - Nurse Practitioner record" % self.rng.choice(TOWNS),
                             "%s, Advanced Nurse Practitioner" % self.rng.choice(["Jo Harper", "Tom Ridley", "Sam Okoro"]),
                             ["%s attended the walk-in centre today and is not registered locally for a same-week GP "
                              "appointment." % self.first],
                             "I have sent a copy to the GP.")

    def st_community_matron(self):
        return self.outsider("Community Nursing Service - Community Matron",
                             "%s, Community Matron" % self.rng.choice(["Sue Marchant", "Ann Whitley", "Brenda Cole"]),
                             ["I visited %s at home; %s is housebound and I manage %s long-term conditions." %
                              (self.first, self.pr["he"], self.pr["his"])],
                             "%s GP has asked me to make this referral directly." % self.pr["His"])

    def st_care_coordinator(self):
        return self.outsider("Community Mental Health Team - Care Coordination",
                             "%s, Care Coordinator (CPN)" % self.rng.choice(["Dan Hollis", "Marie Quigley", "Ola Bello"]),
                             ["I am %s's care coordinator and write with %s consent, as %s finds appointments difficult "
                              "to arrange." % (self.first, self.pr["his"], self.pr["he"])],
                             "I have discussed this with the GP, who agrees with the referral.")

    def st_armed_forces_mo(self):
        return self.outsider("Defence Primary Healthcare - %s Medical Centre" % self.rng.choice(["Catterick", "Brize Norton",
                                                                                                  "Lossiemouth", "Tidworth"]),
                             "%s, Medical Officer" % self.rng.choice(["Capt R Hale RAMC", "Flt Lt S Amin", "Maj K Doherty RAMC"]),
                             ["%s is a serving member of the armed forces (service no %s) registered with this medical "
                              "centre." % (self.first, "%02d%06d" % (self.rng.randint(10, 99), self.rng.randint(0, 999999)))],
                             "Please send the appointment to the medical centre as well as to the patient.")

    def st_health_visitor(self):
        return self.outsider("Health Visiting Service - %s Locality Team" % self.rng.choice(TOWNS),
                             "%s, Health Visitor" % self.rng.choice(["Kerry Doyle", "Natalie Shore", "Priti Rao"]),
                             ["I saw %s at home for %s baby's six-to-eight-week contact." % (self.first, self.pr["his"]),
                              "I raised the following with %s GP, who asked me to write." % self.pr["his"]],
                             "")

    def st_school_nurse(self):
        return self.outsider("School and College Nursing Service - %s Sixth Form College" % self.rng.choice(TOWNS),
                             "%s, School Nurse" % self.rng.choice(["Helen Price", "Amy Lister"]),
                             ["%s is an upper-sixth student who came to the college health drop-in." % self.first],
                             "The GP is aware and has agreed that I send this.")

    def st_nhs111(self):
        rng = self.rng
        self.items = [i for i in self.items if not (i.sec == "exam" and i.kind == "negated")]
        caller = rng.choice(["patient", "patient's %s" % self.rel])
        L_ = [self.T("NHS 111 Clinical Assessment Service - clinician summary for onward referral"),
              self.T("Call date: ") + self.date_str(), self.T("Caller: %s" % caller),
              self.patient_block(sep="\n", fields=("name", "dob", "age", "sex", "nhs")),
              self.T("Registered GP: %s" % self.practice[0]), ""]
        hpc = self.pick(secs=["hpc", "exam"])
        L_.append(self.T("Reported symptoms: ") + self.prose_of(hpc))
        lab = self.labs_line(lead="Results the patient had from the GP")
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.T("Further information: ") + self.prose_of(o))
        L_.append(self.T("Assessment: no emergency features; observations within normal limits on remote assessment."))
        r = self.request()
        L_.append(self.T("Disposition: ") + (r if r else self.T("for specialist review")))
        L_.append(self.f("Clinician: %s, Clinical Advisor (%s)" % (rng.choice(["L Mercer", "P Adeyemi", "G Hart"]),
                                                                   rng.choice(["Paramedic", "Nurse", "Pharmacist"]))))
        return L_

    def st_pharmacist_review(self):
        rng = self.rng
        L_ = [self.f(self.practice[0]) + self.T(" - Structured Medication Review"), self.T("Date: ") + self.date_str(),
              self.patient_block(sep="   ", fields=("name", "dob", "nhs")), ""]
        a = self.age_phrase("adj")
        L_.append(self.f("I reviewed %s medicines today as the practice clinical pharmacist." % (
            "%s's" % self.first)) + (self.T(" %s is %s %s %s." % (self.first, art(a), a, self.pr["man"])) if a else ""))
        L_.append(self.T("Current medication:"))
        for m in rng.sample(meds_for(self.age), 3):
            L_.append(self.T("  - " + m))
        for i in self.pick(secs=["dh"]):
            L_.append(self.T("  - ") + self.say(i, "note"))
        L_.append(self.T("Issues identified:"))
        for i in self.pick(secs=["hpc", "exam", "res"], kinds=["pos", "superseded_value"]):
            L_.append(self.T("  - ") + self.say(i, "note"))
        neg = self.pick(kinds=["negated"])
        if neg:
            L_.append(self.T("Asked about and absent: ") + self.notes_of(neg, sep=self.T(", ")))
        o = self.pick()
        if o:
            L_.append(self.T("Background: ") + self.prose_of(o))
        r = self.request()
        L_.append(self.f("I discussed this with %s, who asked me to refer." % self.gp) + (" " + r if r else ""))
        L_ += ["", self.f("%s, Clinical Pharmacist (Independent Prescriber)" % rng.choice(["Sana Mirza", "Owen Price"]))]
        return L_

    def st_endoscopy_preassess(self):
        rng = self.rng
        y = self.date.year - rng.randint(2, 4)
        L_ = [self.T("Endoscopy Unit, %s - Pre-assessment Clinic" % self.hospital), self.T("Date: ") + self.date_str(),
              self.patient_block(sep="   ", fields=("name", "dob", "nhs", "hosp")), "",
              self.T("Booked procedure: surveillance colonoscopy (two small adenomas removed in %d)" % y), ""]
        a = self.age_phrase("adj")
        L_.append(self.f("At pre-assessment today") + (self.T(" this %s %s" % (a, self.pr["man"])) if a else "")
                  + self.T(" told me about the following, which are new since the procedure was booked:"))
        for i in self.pick(secs=["hpc", "exam"], kinds=["pos"]):
            L_.append(self.T("  * ") + self.say(i, "note"))
        neg = self.pick(kinds=["negated"])
        if neg:
            L_.append(self.T("On direct questioning: ") + self.notes_of(neg, sep=self.T(", ")) + self.T("."))
        lab = self.labs_line()
        if lab:
            L_.append(lab)
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        L_.append(self.T("I have passed this to the gastroenterology triage team instead of proceeding.") + (" " + r if r else ""))
        L_ += ["", self.f("%s, Endoscopy Pre-assessment Nurse" % rng.choice(["Carol Betts", "Rui Santos"]))]
        return L_

    def st_private_healthcheck(self):
        rng = self.rng
        L_ = [self.f("%s Health - Comprehensive Health Assessment" % rng.choice(["Meridian", "Bluecross Lane", "Helix"])),
              self.T("Assessment date: ") + self.date_str(),
              self.patient_block(sep="   ", fields=("name", "dob", "sex")), ""]
        a = self.age_phrase("adj")
        L_.append(self.f("Dear Colleague,"))
        L_.append(self.T("I saw %s for a private health assessment" % self.short) +
                  (self.T(" (%s %s)." % (a, self.pr["man"])) if a else self.T(".")))
        hpc = self.pick(secs=["hpc", "exam"])
        if hpc:
            L_.append(self.T("On questioning: ") + self.prose_of(hpc))
        tab = self.labs_table()
        if tab:
            L_ += [self.T("Abnormal and relevant results:")] + tab
        o = self.pick()
        if o:
            L_.append(self.prose_of(o))
        r = self.request()
        L_.append(self.f("Recommendation: specialist opinion.") + (" " + r if r else ""))
        L_ += ["", self.f("%s, Health Assessment Physician" % rng.choice(["Dr P Lorimer", "Dr A Ventura"]))]
        return L_

    # ---------------- render
    def render(self):
        if self.style in NO_EXAM:
            self.items = [i for i in self.items if not (i.sec == "exam" and i.kind == "negated")]
        fn = getattr(self, "st_" + self.style)
        lines = fn()
        left = [i for i in self.items if not i.used]
        if left:
            raise RuntimeError("%s %s: unused %s" % (self.id, self.style, [(i.fact, i.kind) for i in left]))
        text = "\n".join(lines).strip("\n") + "\n"
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return text


# --------------------------------------------------------------------------
# styles: which letters each layout can carry, and how many of each
# --------------------------------------------------------------------------
GP_STYLES = ["gp_formal", "gp_terse", "gp_chatty", "gp_bullets", "gp_third_person", "gp_lowercase", "gp_abbrev",
             "gp_long_admin"]
OTHER_STYLES = ["hdr_pc_hpc", "hdr_soap", "hdr_concerns", "hdr_redflags", "hdr_hx_inline",
                "form_yesno_struck", "form_yesno_circled", "form_yn", "form_ticks", "form_tickbox",
                "form_present_absent", "form_plusminus", "form_scores", "form_freetext",
                "reported_by_relative", "relative_same_para", "course_history", "two_visits", "ps_addendum",
                "nhs111", "walkin_nurse", "community_matron", "care_coordinator", "pharmacist_review",
                "endoscopy_preassess", "private_healthcheck", "armed_forces_mo", "health_visitor", "school_nurse",
                "numbered_findings", "ugi_2ww_form", "lgi_2ww_form", "system_paste", "results_table",
                "ers_template", "very_short"]
ALL_STYLES = GP_STYLES + OTHER_STYLES
TARGET = {s: 12 for s in GP_STYLES}
TARGET.update({"gp_formal": 13, "gp_abbrev": 13})
TARGET.update({s: 6 for s in OTHER_STYLES})
TARGET.update({"school_nurse": 5, "health_visitor": 5, "armed_forces_mo": 5, "community_matron": 5, "nhs111": 5,
               "care_coordinator": 5, "walkin_nurse": 5, "hdr_hx_inline": 5, "form_plusminus": 5,
               "form_present_absent": 5, "form_scores": 5, "numbered_findings": 5, "relative_same_para": 5,
               "system_paste": 5, "results_table": 5, "ers_template": 5, "hdr_soap": 5})
NO_EXAM = {"nhs111", "pharmacist_review", "health_visitor", "school_nurse", "care_coordinator", "endoscopy_preassess"}
EXAM_ONLY = {"rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "ascites"}
RELAPSABLE = {"rectal_bleeding", "dysphagia", "bloody_diarrhoea", "dyspepsia", "reflux", "cibh", "lower_abdo_pain",
              "bloating"}
REPORTABLE = {k for k, v in SYMB.items() if "rep" in v}


def compat(style, pl):
    syms, age, labs = set(pl["sym"]), pl["age"], pl["labs"]
    near_dob = pl["mode"] in ("dob_before", "dob_after")
    if style in NO_EXAM and syms & (EXAM_ONLY | {"jaundice"}):
        return False
    series = any(v.get("older") is not None for v in labs.values())
    if style == "school_nurse":
        return age in (18, 19)
    if style == "health_visitor":
        return 20 <= age <= 42
    if style == "community_matron":
        return age >= 75
    if style == "armed_forces_mo":
        return 18 <= age <= 55
    if style == "ugi_2ww_form":
        return bool(syms & {"dysphagia", "upper_abdo_pain", "reflux", "dyspepsia", "haematemesis"})
    if style == "lgi_2ww_form":
        return bool(syms & {"rectal_bleeding", "cibh", "lower_abdo_pain", "rectal_mass", "anal_mass", "abdominal_mass"}) \
            or ("hb" in labs and "ferritin" in labs)
    if style == "nhs111":
        return bool(syms & {"haematemesis", "bloody_diarrhoea", "dysphagia", "rectal_bleeding"}) and not \
            (syms & {"rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "ascites", "jaundice", "confusion"})
    if style == "private_healthcheck":
        return bool(labs or pl["fatty"]) and not (syms & {"rectal_mass", "anal_mass", "anal_ulcer", "ascites", "confusion"})
    if style == "pharmacist_review":
        return bool(pl["ppi"] or "hb" in labs or "ferritin" in labs or syms & {"dyspepsia", "reflux"})
    if style == "endoscopy_preassess":
        return bool(syms) and pl["rule"] not in ("O3", "A3") and age >= 45
    if style in ("two_visits", "course_history") and near_dob:
        return False
    if style == "course_history":
        return bool(syms & RELAPSABLE) or series or "jaundice" not in syms
    if style == "two_visits":
        return len(syms) >= 1
    if style == "very_short":
        return len(syms) + len(labs) <= 3 and not series and not pl["hist"].get("q")
    if style == "reported_by_relative":
        return bool(syms & REPORTABLE) or "weight_loss" not in syms or "jaundice" not in syms
    if style == "ps_addendum":
        return bool(syms or labs or pl["fatty"])
    if style == "relative_same_para":
        return any(k not in syms for k, _ in OTHER_PERSON)
    return True


def assign_styles(plans):
    rng = R(SET, "styles")
    count = {s: 0 for s in ALL_STYLES}
    style = {}
    # scenario hints first
    for pl in plans:
        for s in pl["styles"] or []:
            if compat(s, pl) and count[s] < TARGET[s]:
                style[pl["idx"]] = s
                count[s] += 1
                break
    # the narrow layouts next, scarcest first
    narrow = sorted(OTHER_STYLES, key=lambda s: (sum(1 for pl in plans if compat(s, pl)), s))
    for s in narrow:
        cands = [pl for pl in plans if pl["idx"] not in style and compat(s, pl)]
        rng.shuffle(cands)
        # spread over rules
        cands.sort(key=lambda pl: sum(1 for i, st in style.items() if st == s and plans[i]["rule"] == pl["rule"]))
        for pl in cands[: max(0, TARGET[s] - count[s])]:
            style[pl["idx"]] = s
            count[s] += 1
    order = [pl for pl in plans if pl["idx"] not in style]
    rng.shuffle(order)
    for pl in order:
        opts = [s for s in GP_STYLES if compat(s, pl)]
        best = min(opts, key=lambda s: (count[s] / TARGET[s], s))
        style[pl["idx"]] = best
        count[best] += 1
    return style


def assign_requests(plans, style):
    rank = {u: j for j, u in enumerate(URGENCIES)}   # 0 = most urgent
    req = {}
    for pl in plans:
        rng = R(SET, "request", pl["idx"])
        urg = LABELS[pl["rule"]][0]
        st = style[pl["idx"]]
        if st in ("ugi_2ww_form", "lgi_2ww_form"):
            req[pl["idx"]] = "urgent_suspected_cancer"
            continue
        x = rng.random()
        if x < 0.07:
            req[pl["idx"]] = None
        elif x < 0.52:
            req[pl["idx"]] = urg
        else:
            higher = [u for u in URGENCIES if rank[u] < rank[urg]]
            lower = [u for u in URGENCIES if rank[u] > rank[urg]]
            side = higher if (higher and (not lower or rng.random() < 0.5)) else lower
            req[pl["idx"]] = rng.choice(side)
    return req


# --------------------------------------------------------------------------
# meta
# --------------------------------------------------------------------------
def meta_facts(pl, lt_):
    labs = {}
    for name, spec in pl["labs"].items():
        d = {"value": spec["v"], "op": spec["op"], "unit": spec["unit"], "format": spec["fmt"],
             "words": spec["words"]}
        if spec.get("older") is not None:
            d["older_value"] = spec["older"]
            olds = [i for i in lt_.items if i.fact == name and i.kind == "superseded_value"]
            d["older_date"] = olds[0].forms["when"].isoformat()
            d["date"] = lt_.res_date.isoformat()
        labs[name] = d
    h = pl["hist"]
    hist = {}
    if h.get("known_cirrhosis"):
        hist["known_cirrhosis"] = True
    if h.get("known_ibd"):
        hist["known_ibd"] = h["known_ibd"]
        hist["ibd_stable_with_question"] = bool(h.get("q"))
    if h.get("fh_crc"):
        hist["family_history_colorectal_cancer"] = h["fh_crc"]
    return {
        "sex": pl["sex"], "age": pl["age"], "dob": lt_.dob.isoformat(), "letter_date": lt_.date.isoformat(),
        "age_display": {"num": "number", "words": "words", "dob": "dob_only", "dob_before": "dob_only_birthday_just_before",
                        "dob_after": "dob_only_birthday_just_after"}[pl["mode"]],
        "symptoms": sorted(pl["sym"]), "history": hist, "labs": labs,
        "ppi": ({"weeks": pl["ppi"]["weeks"], "phrase": pl["ppi"]["phrase"], "drug": pl["ppi"]["drug"],
                 "is_ppi": pl["ppi"]["is_ppi"]} if pl["ppi"] else None),
        "fatty_liver_imaging": pl["fatty"],
    }


def near_meta(pl):
    out = []
    for param, val in pl["near"]:
        F = flipped(pl, param, val)
        flip = sorted(outcomes(F))
        if param == "age":
            cur = pl["age"]
        elif param == "ppi":
            cur = pl["ppi"]["weeks"]
        elif param == "series":
            cur = "newest %s (older %s)" % (pl["labs"][val]["v"], pl["labs"][val]["older"])
        else:
            spec = pl["labs"][param]
            cur = "%s%s %s" % ("" if spec["op"] == "=" else spec["op"], spec["v"], spec["unit"] or "")
            cur = cur.strip()
        d = {"param": param, "value": cur, "other_side": val if param != "series" else "older value",
             "rule_if_other_side": flip}
        if param == "series":
            d["lab"] = val
        out.append(d)
    return out


def build():
    plans = make_plans()
    style = assign_styles(plans)
    req = assign_requests(plans, style)
    noise_ids = set(R(SET, "noise").sample(range(len(plans)), 30))
    letters, metas = [], []
    for pl in plans:
        i = pl["idx"]
        lt_ = Letter(pl, style[i], req[i], i in noise_ids)
        text = lt_.render()
        rule = check_plan(pl)
        urg, path = LABELS[rule]
        letters.append({"id": lt_.id, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style[i],
                        "gp_priority": GP_PRIORITY[req[i]] if req[i] else None, "age": pl["age"]})
        metas.append({"id": lt_.id, "rule": rule, "urgency": urg, "pathway": path, "style": style[i],
                      "requested_urgency": req[i], "priority_disagrees": (req[i] is not None and req[i] != urg),
                      "facts": meta_facts(pl, lt_),
                      "secondary_facts_added": {"symptoms": pl["extra_syms"], "normal_labs": pl["extra_labs"]},
                      "evidence": lt_.ev, "distractors": lt_.ds, "neutral_mentions": lt_.neu,
                      "near_line": near_meta(pl), "twists": lt_.twists, "noise": i in noise_ids})
    return letters, metas


def dump(rows):
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


def main():
    letters, metas = build()
    a = dump(letters)
    b = dump(metas)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        fh.write(a)
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        fh.write(b)
    sha = hashlib.sha256(a.encode("utf-8")).hexdigest()
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(readme(letters, metas, sha))
    print("wrote %d letters; sha256(letters.jsonl) = %s" % (len(letters), sha))


STYLE_NOTES = {
    "gp_formal": "formal typed GP letter, practice header, Re: line, paragraphs",
    "gp_terse": "two-to-four line request, full stops between findings",
    "gp_chatty": "informal GP who writes conversationally and signs with a first name",
    "gp_bullets": "GP letter with a bulleted summary",
    "gp_third_person": "partner writing about 'the patient' seen by a colleague",
    "gp_lowercase": "GP who writes everything in lower case without punctuation",
    "gp_abbrev": "GP who uses many abbreviations (c/o, PR bld, CIBH, 6/52, O/E, Ix, Imp)",
    "gp_long_admin": "very long letter: fax/email header, dictated/typed dates, UBRN, hospital number, problem and "
                     "medication lists, cc list, repeated page footers",
    "hdr_pc_hpc": "headings: Presenting complaint / HPC / PMH / DH / FH / O/E / Investigations / Impression / Plan",
    "hdr_soap": "S / O / A / P note",
    "hdr_concerns": "headings: Concerns / What I have done / Background / What I would like / Safety netting",
    "hdr_redflags": "HPC then 'Red flags screened' with denied flags as a list or as 'Heading: answer' lines",
    "hdr_hx_inline": "Hx: / O/E: / Ix: / Imp/Plan: one-line headings",
    "form_yesno_struck": "proforma, Yes / No with the option that does not apply struck through",
    "form_yesno_circled": "questionnaire, Yes / No with the answer circled",
    "form_yn": "form answered Y / N",
    "form_ticks": "checklist of ticks and crosses",
    "form_tickbox": "tick-all-that-apply boxes (unticked boxes are distractors)",
    "form_present_absent": "form answered present / absent",
    "form_plusminus": "form answered + / -",
    "form_scores": "severity scores 0-3 (0 = absent)",
    "form_freetext": "questionnaire with free-text answers ('not that she's noticed', 'occasionally', "
                     "'only once, last year - nothing since')",
    "reported_by_relative": "a relative reports a symptom that the writer confirms, or one the writer refutes",
    "relative_same_para": "a relative's illness told in the same paragraph as the patient's",
    "course_history": "course of the problem: started, settled and came back; a repeat result; a sign that went",
    "two_visits": "two visits weeks apart; a sign present at the first and gone at the second",
    "ps_addendum": "formal letter with a P.S. after the signature carrying the fact that decides the label",
    "nhs111": "NHS 111 clinician's summary (remote; no examination)",
    "walkin_nurse": "walk-in centre nurse practitioner",
    "community_matron": "community matron, housebound older patient",
    "care_coordinator": "mental-health care coordinator (CPN)",
    "pharmacist_review": "practice pharmacist's structured medication review",
    "endoscopy_preassess": "endoscopy pre-assessment nurse who finds new symptoms before a booked surveillance colonoscopy",
    "private_healthcheck": "private health-assessment doctor with a results table",
    "armed_forces_mo": "armed-forces medical officer",
    "health_visitor": "health visitor at a baby's 6-8 week contact (a parent is the patient)",
    "school_nurse": "sixth-form college nurse (patients aged 18-19)",
    "numbered_findings": "numbered findings list",
    "ugi_2ww_form": "upper GI suspected-cancer (2WW) form with criteria rows answered Y/N",
    "lgi_2ww_form": "lower GI suspected-cancer (2WW) form with criteria rows answered Y/N and a FIT row",
    "system_paste": "letter pasted from the GP clinical system: problems, medication, consultations, values",
    "results_table": "letter with a results table: value, units, reference range, flag",
    "ers_template": "e-Referral Service template with headed fields answered on the same line",
    "very_short": "one-line request",
}


def table(counter, order=None):
    keys = order if order else sorted(counter)
    return "\n".join("| %s | %d |" % (k, counter[k]) for k in keys if counter.get(k))


def readme(letters, metas, sha):
    import collections as C
    cu = C.Counter(l["urgency"] for l in letters)
    cp = C.Counter(l["pathway"] for l in letters)
    cr = C.Counter(l["rule"] for l in letters)
    cs = C.Counter(l["style"] for l in letters)
    near = [m for m in metas if m["near_line"]]
    cn = C.Counter(x["param"] for m in metas for x in m["near_line"])
    disp = C.Counter(m["facts"]["age_display"] for m in metas)
    dk = C.Counter(d["kind"] for m in metas for d in m["distractors"])
    tw = C.Counter(t.split(":")[0] for m in metas for t in m["twists"])
    rank = {u: j for j, u in enumerate(URGENCIES)}
    over = sum(1 for m in metas if m["requested_urgency"] and rank[m["requested_urgency"]] < rank[m["urgency"]])
    under = sum(1 for m in metas if m["requested_urgency"] and rank[m["requested_urgency"]] > rank[m["urgency"]])
    none = sum(1 for m in metas if m["requested_urgency"] is None)
    gp = sum(v for k, v in cs.items() if k in GP_STYLES)
    sp = os.path.join(HERE, "second_pass.tsv")
    sp_txt = "(second_pass.tsv not written yet)"
    if os.path.exists(sp):
        rows = [r.split("\t") for r in open(sp, encoding="utf-8").read().splitlines()[1:] if r.strip()]
        dis = [r for r in rows if len(r) > 6 and r[6] != "agree"]
        fixes = [r for r in rows if len(r) > 8 and r[8] not in ("", "-")]
        sp_txt = ("%d letters re-read blind and labelled by hand from the text alone; %d label disagreement(s) "
                  "with the recorded labels; %d other issue(s) noted and fixed (see second_pass.tsv)."
                  % (len(rows), len(dis), len(fixes)))
    ages = [l["age"] for l in letters]
    out = ["# letters23: a sealed test set of 300 gastroenterology referral letters", "",
           "sha256 of letters.jsonl: `%s`" % sha, "",
           "## How it was made", "",
           "* Only sources: the labelling rules in `/work/shared/clinical/referral-triage-spec.md`, the brief, and "
           "general knowledge of UK general practice and NHS referral writing. No system code, training data or "
           "other test set was read.",
           "* `make_set.py` (Python 3 standard library only) writes every file except `second_pass.tsv` and "
           "`validate_set.py`. Every random choice comes from `random.Random` seeded with a SHA-256 of strings "
           "(set name, letter id, purpose), so a rerun gives byte-identical files.",
           "* Each letter starts from a hand-written scenario (the rule it should hit and the clinical facts that "
           "put it there; near-line scenarios name the parameter and a value on the other side of the line). A few "
           "secondary facts (an extra symptom, a normal result) are added at random and kept only if the label "
           "does not change.",
           "* The generator's rule engine applies the spec's rules in order (first match decides). Every loose word "
           "in the spec was made a switch, and each letter must get the same rule under all 128 combinations; "
           "the switches are: bloody diarrhoea read as rectal bleeding and as a change in bowel habit; epigastric "
           "pain read as 'abdominal pain'; dyspepsia read as 'abdominal pain'; reflux read as dyspepsia for "
           "treatment-resistant dyspepsia; epigastric pain read as dyspepsia; A1's 'no other fact above' read as "
           "'no other positive finding at all'; A3's 'no symptoms' also excluding abnormal results. A value whose "
           "side of a line is unclear (e.g. calprotectin 249.5, ferritin '<50') stops the build. "
           "Where a reading was loose the scenario was changed (e.g. abdominal pain is always said to be lower or "
           "epigastric, never 'central'; letters with bloody diarrhoea at 50+ carry a FIT result; A1 letters "
           "carry no other finding; 'coffee-ground' vomit, 'a month' of PPI and pending FIT results are not used).",
           "* For every near-line letter the build moves the value to the other side of the line (or uses the "
           "older of two results) and checks that the rule changes under every reading.",
           "* The text is assembled from phrase banks in %d layouts / writers. Every string that asserts a "
           "fact or value is recorded as evidence in `letters_meta.jsonl`, every distractor with its kind, "
           "and headings that merely mention a keyword as neutral." % len(cs),
           "* Light noise (OCR-style swaps and spelling slips) in %d letters, only in headers, greetings and "
           "sign-offs, never in a string that carries a fact." % sum(1 for m in metas if m["noise"]),
           "* Letter ids are a seeded shuffle of the scenarios, so id order says nothing about the label.", "",
           "## Files", "",
           "* `letters.jsonl`: `id, text, urgency, pathway, rule, style, gp_priority, age`.",
           "* `letters_meta.jsonl`: per id the drawn facts (sex, age, date of birth, letter date, how the age "
           "is shown, symptoms, history, results with units / '<' '>' / older result and dates, PPI course, "
           "imaging), the secondary facts added, evidence strings, distractors with kind, neutral mentions, "
           "near-line parameters with the rule on the other side, twists (reported and confirmed, relapse, "
           "repeat result, sign resolved, relative's illness), requested urgency and whether it disagrees, noise.",
           "* `validate_set.py`: independent re-check (does not import the generator): re-derives each label "
           "from the meta facts with its own implementation of the rules and of the alternative readings, "
           "recomputes ages from date of birth and letter date (and checks every date in a near-birthday letter "
           "gives the same age), checks that evidence and distractor strings are in the text, that every "
           "red-flag word in a letter lies inside a recorded string, that near-line letters flip across the "
           "line, and the mix.",
           "* `second_pass.tsv`: 50 random letters re-read blind. %s" % sp_txt, "",
           "## Counts", "",
           "%d letters; ages %d-%d; %d ordinary GP letters (the eight `gp_*` layouts), %d from other layouts and "
           "writers." % (len(letters), min(ages), max(ages), gp, len(letters) - gp), "",
           "| urgency | n |", "| --- | --- |", table(cu, URGENCIES), "",
           "| pathway | n |", "| --- | --- |", table(cp, PATHWAYS), "",
           "| rule | n |", "| --- | --- |", table(cr, list(LABELS)), "",
           "| style | n | layout / writer |", "| --- | --- | --- |"]
    for k in ALL_STYLES:
        out.append("| %s | %d | %s |" % (k, cs[k], STYLE_NOTES[k]))
    out += ["", "Writer's requested priority (`gp_priority`): disagrees with the rules in %d letters (asks higher "
            "in %d, lower in %d), agrees in %d, none stated in %d." % (over + under, over, under,
                                                                      len(letters) - over - under - none, none), "",
            "## Near the lines", "",
            "%d letters sit next to a line the spec draws, on either side, labelled by the spec's own wording "
            "('>= 55' includes 55; '< 50' excludes 50; 'FIT >= 10'; 'calprotectin 100 to 249'; 'ALT 40 to 299'; "
            "'Hb < 120 / < 130'; 'ferritin < 30'; 'at least 4 weeks of a PPI'). Parameters moved:" % len(near), "",
            "| parameter | letters |", "| --- | --- |", table(cn), "",
            "Age shown as: " + ", ".join("%s %d" % (k, v) for k, v in sorted(disp.items())) +
            ". 'dob_only_birthday_just_before/after' letters give only a date of birth with the birthday 2-8 days "
            "before or after the letter date, and every other date in those letters falls on the same side of "
            "the birthday. Values appear in g/L and g/dL (x10), with and without units, as '<' / '>' results, "
            "in tables beside reference ranges, in words ('Hb just under 120 g/L'), and as repeat results where "
            "the newest value decides. PPI courses near four weeks: 'four weeks', '4 weeks', '28 days', "
            "'just over four weeks' (count), 'nearly four weeks', 'four weeks on Monday' in a letter dated a "
            "Thursday (do not count), famotidine (not a PPI).", "",
            "## Distractors and twists", "",
            "| distractor kind | n |", "| --- | --- |", table(dk), "",
            "| twist | n |", "| --- | --- |", table(tw), "",
            "## Notes on reading the labels", "",
            "* The newest of two results decides.",
            "* 'FIT negative', 'undetectable', '<4' and '<10' are below 10. 'FIT: not done' is no FIT result.",
            "* Intentional weight loss (slimming club) is not unexplained weight loss.",
            "* The unticked boxes on 'tick all that apply' forms, struck-through options, '0' scores, '-' and "
            "'absent' are negatives.",
            "* Health visitors, school nurses, pharmacists, care coordinators, NHS 111 and pre-assessment "
            "nurses never report an examination.", "",
            "## Second pass", "",
            "Fifty letters were drawn at random (`R('letters23', 'second_pass_final').sample(range(300), 50)`), "
            "shown to me as text only, in a shuffled order under keys B01-B50, with no id, label, style or meta, "
            "and labelled by hand from the text alone with the spec's rules. `second_pass.tsv` lists, per letter, "
            "my rule / urgency / pathway, the recorded rule, agree or disagree, my reasoning and any issue found "
            "with its fix. Result: %s The re-reader also wrote the scenarios, so this pass checks that each "
            "text carries its label on its own; it is not an outside opinion." % sp_txt,
            "",
            "An earlier blind round on a previous build (another 50 letters) also agreed on every label; it found "
            "two problems that were fixed before the final build: (1) a stable-IBD letter (O3) had been given a "
            "random extra symptom, which puts 'stable' in doubt (O3 against D) - O3 letters no longer receive "
            "extra symptoms; (2) a fatty-liver scan could be dated after the results heading - imaging is now "
            "dated before it. Reading letters during development also led to: tests in two-visit letters dated "
            "between the visits, problem-list and history dates kept within adult life, no examination reported "
            "by writers who do not examine, and no 'surveillance colonoscopy' for patients under 45.", "",
            "## Validator", "",
            "`python3 validate_set.py` prints the counts and `PASSED: all checks` (exit status 0).", ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
