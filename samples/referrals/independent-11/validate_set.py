#!/usr/bin/env python3
"""Independent validator for the letters11 sealed test set.

It does not import make_set.py.  From letters_meta.jsonl it re-derives every
label with its own implementation of the spec rule table (under several
readings of the spec's looser words, all of which must agree), and it checks
the letter TEXT:
  * every positive fact has evidence, and every evidence string is in the text;
  * every value (Hb, ferritin, FIT, calprotectin, ALT, PPI duration, DOB,
    letter date, stated age) is re-read from the text and matches the facts;
  * no other value for those analytes is written anywhere else in the text;
  * no negation / family / past / hypothetical / distractor wording touches a
    true fact, and every mention of a false fact sits inside a distractor
    that carries a denying cue;
  * age from DOB and letter date is consistent; sex markers agree;
  * identifiers are fictional (NHS 999 range with valid check digit, ZX
    postcodes, 01632 960xxx phones);
  * set-level requirements (size, class mix, rule counts, templates, GP
    priority agreement, OCR share, borderline coverage).
Optionally (--determinism) it reruns make_set.py in a scratch copy and
compares the output bytes.

Usage: python3 validate_set.py [--determinism] [-v]
"""
import collections
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATH = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = {  # spec rule table: id -> (urgency, pathway)
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"),
    "A3": ("advice_and_guidance", "lower_gi"), "D": ("routine", "general_gi"),
}
BOOLS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain",
         "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "abdominal_pain",
         "change_in_bowel_habit", "bloating", "bloody_diarrhoea", "known_cirrhosis", "ascites", "confusion",
         "haematemesis", "known_ibd", "ibd_stable_question", "coeliac_serology_positive", "fatty_liver_imaging",
         "family_history_crc"]
SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain",
            "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "abdominal_pain",
            "change_in_bowel_habit", "bloating", "bloody_diarrhoea", "ascites", "confusion", "haematemesis"]


# ---------------------------------------------------------------------------
# the rule table, re-implemented from the spec
# ---------------------------------------------------------------------------
def fit_low(fit):
    """True if FIT reported and below 10 ('<4', 'undetectable', 'negative' count as below 10)"""
    if fit["kind"] == "qual":
        return fit["word"] in ("negative", "undetectable")
    if fit["kind"] == "lt":
        return fit["value"] <= 10
    if fit["kind"] == "gt":
        return False
    return fit["value"] < 10


def classify(F, age, sex, reading):
    """F: dict of facts; reading: dict of interpretation switches"""
    hb = F["hb_g_per_l"]
    anaemia = hb is not None and (hb < 130 if sex == "M" else hb < 120)
    irondef = F["ferritin_ug_per_l"] is not None and F["ferritin_ug_per_l"] < 30
    fit = F["fit"]
    cal = F["calprotectin"]
    cal_ge250 = cal is not None and cal["kind"] == "num" and cal["value"] >= 250
    cal_mid = cal is not None and cal["kind"] == "num" and 100 <= cal["value"] <= 249
    cal_lt100 = cal is not None and ((cal["kind"] == "num" and cal["value"] < 100)
                                     or (cal["kind"] == "lt" and cal["value"] <= 100))
    alt = F["alt_u_per_l"]
    upper = F["upper_abdominal_pain"]
    pain = F["abdominal_pain"] or (reading["upper_is_abdominal_pain"] and upper) \
        or (reading["dyspepsia_is_abdominal_pain"] and F["dyspepsia"])
    dysp = F["dyspepsia"] or (reading["upper_pain_is_dyspepsia"] and upper)
    dysp_for_tr = dysp or (reading["reflux_is_dyspepsia"] and F["reflux"])
    ppi = F["ppi_trial"]
    tr = dysp_for_tr and ppi is not None and ppi["symptoms_persisting"] and ppi["days"] >= 28
    rb = F["rectal_bleeding"] or (reading["bloody_diarrhoea_is_rectal_bleeding"] and F["bloody_diarrhoea"])
    cibh = F["change_in_bowel_habit"] or (reading["bloody_diarrhoea_is_cibh"] and F["bloody_diarrhoea"])

    if F["dysphagia"]:
        return "U1"
    if F["rectal_mass"] or F["anal_mass"] or F["anal_ulceration"]:
        return "U2"
    if fit is not None and not fit_low(fit):
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and F["weight_loss"] and (upper or F["reflux"] or dysp):
        return "U5"
    if F["abdominal_mass"]:
        return "U6"
    if age >= 40 and F["jaundice"]:
        return "U7"
    if fit is None:
        if (age >= 50 and rb) or (age >= 40 and F["weight_loss"] and pain) or (age >= 60 and cibh):
            return "U8"
    if F["bloody_diarrhoea"] or cal_ge250:
        return "R1"
    if (F["known_cirrhosis"] and (F["ascites"] or F["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if F["haematemesis"]:
        return "R3"
    if age >= 55 and tr:
        return "O1"
    if cal_mid:
        return "O2"
    if F["known_ibd"] and F["ibd_stable_question"]:
        return "O3"
    if F["coeliac_serology_positive"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or F["fatty_liver_imaging"]:
        return "O5"
    if age < 50 and (pain or F["bloating"] or cibh) and (cal_lt100 or (fit is not None and fit_low(fit))):
        others = False
        if reading["a1_no_other_fact_strict"]:
            others = any(F[k] for k in ("dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss",
                                        "reflux", "abdominal_mass", "jaundice", "bloody_diarrhoea",
                                        "known_cirrhosis", "ascites", "confusion", "haematemesis", "known_ibd",
                                        "coeliac_serology_positive", "fatty_liver_imaging"))
            others = others or rb or dysp or anaemia or irondef or (upper and not reading["upper_is_abdominal_pain"])
        if not others:
            return "A1"
    if (rb or cibh or pain) and fit is not None and fit_low(fit):
        return "O6"
    if age < 55 and (dysp or F["reflux"]):
        return "A2"
    if F["family_history_crc"] and not any(F[k] for k in SYMPTOMS):
        return "A3"
    return "D"


READING_KEYS = ["upper_is_abdominal_pain", "dyspepsia_is_abdominal_pain", "upper_pain_is_dyspepsia",
                "reflux_is_dyspepsia", "a1_no_other_fact_strict", "bloody_diarrhoea_is_rectal_bleeding",
                "bloody_diarrhoea_is_cibh"]


def all_readings():
    n = len(READING_KEYS)
    for m in range(2 ** n):
        yield {k: bool(m >> i & 1) for i, k in enumerate(READING_KEYS)}


# ---------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------
MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"])}
DATE_RES = [
    re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})[ -](\d{4})\b"),
]


def parse_date(s):
    for i, rx in enumerate(DATE_RES):
        m = rx.search(s)
        if m:
            d, mo, y = m.groups()
            if i == 2:
                mo = MONTHS.get(mo[:3].lower())
                if mo is None:
                    continue
            return dt.date(int(y), int(mo), int(d))
    return None


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12}
ALIASES = {
    "hb": [r"(?<!ug )(?<!µg )\bHb\b(?!/)", r"\bhaemoglobin\b"],
    "ferritin": [r"\bferritin\b"],
    "alt": [r"\bALT\b", r"(?i:\balanine (?:transaminase|aminotransferase)\b)"],
    "fit": [r"\bq?FIT\b", r"(?i:\bfaecal immunochemical test\b)"],
    "calprotectin": [r"\bcalprotectin\b", r"\bcalpro\b", r"\bFCP\b"],
}
CASE_SENSITIVE_ALIASES = {"alt", "fit"}


def alias_re(key):
    fl = 0 if key in CASE_SENSITIVE_ALIASES else re.I
    return re.compile("|".join("(?:%s)" % a for a in ALIASES[key]), fl)


VALUE_AFTER = re.compile(r"(negative|undetectable)|(<|>|less than|greater than)?\s*(\d+(?:\.\d+)?)", re.I)


def read_value(key, s):
    """lenient read of an analyte value from an evidence string"""
    m = alias_re(key).search(s)
    if not m:
        return None
    rest = s[m.end():]
    v = VALUE_AFTER.search(rest)
    if not v:
        return None
    if v.group(1):
        return {"kind": "qual", "word": v.group(1).lower()}
    op = (v.group(2) or "").lower()
    num = float(v.group(3))
    if key == "hb":
        tail = rest[:v.end() + 8].lower()
        if "g/dl" in tail or num < 25:
            num = num * 10
        return {"kind": "num", "value": int(round(num))}
    kind = {"<": "lt", "less than": "lt", ">": "gt", "greater than": "gt"}.get(op, "num")
    return {"kind": kind, "value": int(num) if num == int(num) else num}


# strict 'name immediately followed by a value' patterns for the stray-value scan
STRICT = {k: re.compile("(?:%s)(?:\\s*(?:level|result|value|was|of|is|=|:|\\|))*\\s*(?:<|>|less than)?\\s*(\\d+(?:\\.\\d+)?)"
                        % "|".join("(?:%s)" % a for a in ALIASES[k]), 0 if k in CASE_SENSITIVE_ALIASES else re.I)
          for k in ALIASES}


def read_ppi_days(s, ldate):
    m = re.search(r"(\d+|%s)[- ]?(?:weeks?|wks?)\b" % "|".join(WORDNUM), s, re.I)
    if m:
        n = m.group(1).lower()
        return 7 * (int(n) if n.isdigit() else WORDNUM[n])
    m = re.search(r"(\d+)/52", s)
    if m:
        return 7 * int(m.group(1))
    m = re.search(r"(\d+) days?\b", s, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"(\d+) months?\b", s, re.I)
    if m:
        return 30 * int(m.group(1))
    d = parse_date(s)
    if d:
        return (ldate - d).days
    return None


# keywords that mention each fact (for the negation / coverage checks)
def K(*pats, cs=()):
    out = [re.compile(p, re.I) for p in pats]
    out += [re.compile(p) for p in cs]
    return out


KW = {
    "dysphagia": K(r"dysphagi", r"difficulty swallowing", r"swallowing difficult", r"trouble swallowing",
                   r"food (?:sticking|getting stuck|gets stuck|hanging up)", r"wash (?:his|her) food down"),
    "rectal_mass": K(r"rectal mass", r"mass on the posterior rectal wall"),
    "anal_mass": K(r"anal mass", r"perianal mass", r"mass at the anal verge", r"lump at the anus"),
    "anal_ulceration": K(r"anal ulcer", r"ulcer at the anal margin"),
    "weight_loss": K(r"weight loss", r"wt loss", r"lost (?:about )?(?:a stone|\d+ ?kg|weight)", r"losing weight",
                     r"weight (?:down|has dropped|has fallen)"),
    "upper_abdominal_pain": K(r"epigastri", r"upper abdominal pain", r"upper abdo\b", r"upper part of (?:his|her) tummy",
                              r"pain in the upper abdomen"),
    "reflux": K(r"reflux", r"heartburn", r"acid brash", r"acid coming up", cs=[r"\bGORD\b"]),
    "dyspepsia": K(r"dyspeps", r"dyspeptic", r"indigestion"),
    "abdominal_mass": K(r"abdominal mass", r"mass in the (?:right|left) (?:iliac fossa|side|flank)", r"mass in the RIF",
                        r"central abdominal mass", r"lump in (?:his|her) tummy", r"palpable mass"),
    "jaundice": K(r"jaundic", r"icter", r"yellow(?:ing)? (?:of )?(?:the |his |her )?(?:skin|eyes|sclera)",
                  r"yellow eyes"),
    "rectal_bleeding": K(r"rectal bleed", r"PR bleed", r"bleeding PR", r"blood (?:in|on) (?:the |his |her )?(?:stool|motion|toilet)",
                         r"blood mixed", r"bright red blood", r"fresh red", r"dark red blood", r"back passage",
                         r"passing blood"),
    "abdominal_pain": K(r"(?<!upper )abdominal pain", r"(?<!upper )abdo pain", r"tummy pain", r"iliac fossa (?:pain|discomfort)",
                        r"abdominal cramps", r"(?<!upper )abdominal discomfort", r"colicky", r"cramping pains"),
    "change_in_bowel_habit": K(r"bowel habit", r"altered bowel", r"loose(?:r)? (?:and more frequent )?stools",
                               r"diarrhoea", r"constipat", r"stool frequency", r"runny stools", cs=[r"\bCIBH\b"]),
    "bloating": K(r"bloat", r"distension"),
    "bloody_diarrhoea": K(r"bloody diarrhoea", r"diarrhoea with blood", r"stools (?:mixed )?with blood"),
    "known_cirrhosis": K(r"cirrho"),
    "ascites": K(r"ascites"),
    "confusion": K(r"confus", r"encephalopath"),
    "haematemesis": K(r"haematemesis", r"vomit(?:ed|ing)? (?:a small amount of )?(?:fresh )?blood", r"vomiting of blood",
                      r"blood in (?:his|her) vomit", r"coffee[- ]ground", r"brought up blood"),
    "known_ibd": K(r"ulcerative colitis", r"crohn", cs=[r"\bUC\b"]),
    "coeliac_serology_positive": K(r"coeliac serology", r"coeliac screen", r"transglutaminase", cs=[r"\btTG\b", r"\bEMA\b"]),
    "fatty_liver_imaging": K(r"fatty", r"steatosis", cs=[r"\bNAFLD\b", r"\bMASLD\b"]),
    "family_history_crc": K(r"(?:bowel|colorectal|colon) cancer"),
    "anaemia": K(r"anaemi"),
    "ida": K(r"iron[- ]deficiency anaemia", cs=[r"\bIDA\b"]),
}

NEG_CUE = re.compile(
    r"\b(?:no|not|nil|denies|denied|deny|denying|without|never|negative|absent|none|neither|nor|free of|resolved|"
    r"settled|previous(?:ly)?|prior|past|if|should|unless|would|could|father|mother|brother|sister|son|daughter|"
    r"aunt|uncle|grandfather|grandmother|family|relatives?|intentional|deliberate(?:ly)?|diet|dieting|slimming|"
    r"stable|steady|unchanged|regular|normal|unremarkable|awaited|awaiting|declined|requested|history)\b"
    r"|\bFH\b|\[ \]|\u2610|n't\b|\?|\b(?:19|20)\d\d\b|\bN\s*\|?$|:\s*N\s*$|\bNO\b",
    re.I)
# idioms that affirm a fact although they contain a negation word
AFFIRM = [r"without trying", r"(?:is )?not dieting", r"without explanation", r"unintended", r"unintentional(?:ly)?",
          r"unexplained", r"no obvious cause", r"without improvement", r"no real benefit", r"no benefit", r"no better",
          r"without benefit", r"with little effect", r"still (?:symptomatic|getting symptoms)",
          r"symptoms persisting", r"ongoing symptoms", r"the family are worried", r"possibly hepatic encephalopathy"]
AFFIRM_RE = re.compile("|".join(AFFIRM), re.I)
# cue words that are legitimately part of the evidence for some facts
FACT_CUE_OK = {
    "family_history_crc": re.compile(r"\b(?:father|mother|brother|sister|maternal|aunt|family|relatives?|FH|"
                                     r"history|history of)\b|\b(?:19|20)\d\d\b", re.I),
    "known_ibd": re.compile(r"\b(?:19|20)\d\d\b|\b(?:stable|history|past|previous)\b", re.I),
    "ibd_stable_question": re.compile(r"\b(?:19|20)\d\d\b|\b(?:stable|could|should|would|if|past|history|not)\b|\?",
                                      re.I),
    "known_cirrhosis": re.compile(r"\b(?:19|20)\d\d\b|\b(?:history|past|previous)\b", re.I),
    "ppi": re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b|\b\d{1,2} [A-Za-z]+ (?:19|20)\d\d\b"),
    "coeliac_serology_positive": re.compile(r"\((?:normal|ref) <\d+\)"),
}
DISTRACTOR_CUE = {
    "negated": re.compile(r"\b(?:no|not|nil|denies|denied|without|none|negative)\b|n't\b|\b(?:stable|steady|unchanged|"
                          r"regular|normal|asymptomatic)\b", re.I),
    "family": re.compile(r"\b(?:father|mother|brother|sister|grandmother|grandfather|uncle|aunt)\b", re.I),
    "resolved": re.compile(r"\b(?:19|20)\d\d\b|\b(?:resolved|settled|none since|never recurred|regained|recovered|"
                           r"as a teenager)\b", re.I),
    "hypothetical": re.compile(r"\b(?:if|should|advised|safety-netted|red flags)\b", re.I),
    "intentional": re.compile(r"\b(?:deliberately|intentional|diet|Slimming World|semaglutide)\b", re.I),
    "unticked": re.compile(r"\[ \]|\u2610|\bNO$|\|\s*N\s*\|$|:\s*N$|Not present$"),
    "normal_result": re.compile(r"\b(?:negative|normal|unremarkable|within range)\b", re.I),
    "pending": re.compile(r"\b(?:awaited|awaiting|not yet|declined|requested)\b", re.I),
    "not_done": re.compile(r"\b(?:not done|N/A|not yet done)\b", re.I),
}
CLAUSE_BOUND = re.compile(r"[.;:!?\n,]| but | - ")


def clause_before(text, pos):
    start = 0
    for m in CLAUSE_BOUND.finditer(text, 0, pos):
        start = m.end()
    return text[start:pos]


def clause_after(text, pos):
    m = CLAUSE_BOUND.search(text, pos)
    return text[pos:m.start() if m else len(text)]


def cue_in(s, fact=None):
    s2 = AFFIRM_RE.sub(" ", s)
    if fact in FACT_CUE_OK:
        s2 = FACT_CUE_OK[fact].sub(" ", s2)
    return NEG_CUE.search(s2)


def spans_of(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def inside(pos, spans):
    return any(a <= pos < b for a, b in spans)


def nhs_valid(n):
    d = [int(c) for c in n]
    if len(d) != 10:
        return False
    s = sum(w * x for w, x in zip(range(10, 1, -1), d[:9]))
    chk = 11 - s % 11
    chk = 0 if chk == 11 else chk
    return chk != 10 and chk == d[9]


PRIO_KEYS = {
    "urgent_suspected_cancer": re.compile(r"2ww|two.week|suspected cancer|\bUSC\b", re.I),
    "urgent": re.compile(r"urgent", re.I),
    "routine": re.compile(r"routine", re.I),
    "advice_and_guidance": re.compile(r"advice|advise|A&G", re.I),
}


# ---------------------------------------------------------------------------
# per-letter validation
# ---------------------------------------------------------------------------
def check_letter(L, M):
    errs = []
    text = L["text"]
    F = M["facts"]
    sex = M["sex"]

    def err(msg):
        errs.append(msg)

    # -- structure and labels
    if set(L) != {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}:
        err("jsonl keys %s" % sorted(L))
    if L["rule"] not in TABLE:
        err("unknown rule")
        return errs
    if (L["urgency"], L["pathway"]) != TABLE[L["rule"]]:
        err("labels do not match rule table")
    if L["urgency"] not in URG or L["pathway"] not in PATH or L["gp_priority"] not in URG:
        err("label name not in spec")
    for k in ("rule", "urgency", "pathway", "style", "gp_priority", "age"):
        if M.get(k) != L.get(k):
            err("meta/jsonl mismatch on %s" % k)
    # -- dates and age from the TEXT
    ev = M["evidence"]
    dob_ev = [e for e in ev if "dob" in e["facts"]]
    date_ev = [e for e in ev if "letter_date" in e["facts"]]
    if not dob_ev or not date_ev:
        err("no DOB or letter date evidence")
        return errs
    dobs = {parse_date(e["text"]) for e in dob_ev}
    dates = {parse_date(e["text"]) for e in date_ev}
    if len(dobs) != 1 or len(dates) != 1 or None in dobs or None in dates:
        err("DOB/letter date unreadable or inconsistent: %s %s" % (dobs, dates))
        return errs
    dob, ldate = dobs.pop(), dates.pop()
    if dob.isoformat() != M["dob"] or ldate.isoformat() != M["letter_date"]:
        err("DOB/letter date differ from meta")
    age = age_on(dob, ldate)
    if age != M["age"] or age != L["age"]:
        err("age from DOB/date %d != %s" % (age, M["age"]))
    for e in ev:
        if "age_stated" in e["facts"]:
            m = re.search(r"\d+", e["text"])
            if not m or int(m.group()) != age:
                err("stated age %r inconsistent with DOB/date age %d" % (e["text"], age))
    # any other age statement must be inside a recorded span
    all_spans = []
    for e in ev:
        all_spans += spans_of(text, e["text"])
    dx_spans = []
    for d in M["distractors"]:
        sp = spans_of(text, d["text"])
        if not sp:
            err("distractor text not found: %r" % d["text"])
        dx_spans += sp
    for m in re.finditer(r"\b(\d{1,3})(?:[- ]year[- ]old|yo\b| y/o\b)|\baged (\d+)|\bAge: (\d+)", text):
        pos = m.start(m.lastindex)
        if not inside(pos, all_spans + dx_spans):
            err("unrecorded age statement %r" % m.group())
    # -- labels from facts (all readings must agree)
    got = sorted({classify(F, age, sex, rd) for rd in all_readings()})
    if got != [L["rule"]]:
        err("rule from facts under all readings = %s, labelled %s" % (got, L["rule"]))
    # -- evidence presence
    for e in ev:
        if e["text"] not in text:
            err("evidence not in text: %r" % e["text"])
    ev_facts = collections.defaultdict(list)
    for e in ev:
        for f in e["facts"]:
            ev_facts[f].append(e["text"])
    hb = F["hb_g_per_l"]
    truth = {k: bool(F[k]) for k in BOOLS}
    truth["anaemia"] = hb is not None and (hb < 130 if sex == "M" else hb < 120)
    truth["iron_deficiency"] = F["ferritin_ug_per_l"] is not None and F["ferritin_ug_per_l"] < 30
    truth["ida"] = truth["anaemia"] and truth["iron_deficiency"]
    truth["alt_raised"] = F["alt_u_per_l"] is not None and F["alt_u_per_l"] >= 40
    for k in BOOLS:
        if truth[k] and not ev_facts.get(k):
            err("positive fact %s has no evidence" % k)
        if not truth[k] and ev_facts.get(k):
            err("evidence recorded for false fact %s" % k)
    if ev_facts.get("ida") and not truth["ida"]:
        err("IDA evidence but not IDA")
    # -- values re-read from the text
    valmap = {"hb": hb, "ferritin": F["ferritin_ug_per_l"], "alt": F["alt_u_per_l"], "fit": F["fit"],
              "calprotectin": F["calprotectin"]}
    for key, want in valmap.items():
        texts = ev_facts.get(key, [])
        if want is None:
            if texts:
                err("%s evidence but no value in facts" % key)
            continue
        if not texts:
            err("%s value has no evidence string" % key)
            continue
        for t in texts:
            got_v = read_value(key, t)
            if key in ("fit", "calprotectin"):
                ok = got_v is not None and got_v["kind"] == want["kind"] and (
                    got_v.get("value") == want.get("value") if want["kind"] != "qual" else got_v["word"] == want["word"])
            else:
                ok = got_v is not None and got_v["kind"] == "num" and got_v["value"] == want
            if not ok:
                err("%s unreadable or wrong in %r (want %s, read %s)" % (key, t, want, got_v))
    # stray values for the analytes anywhere in the text
    for key, rx in STRICT.items():
        spans = []
        for t in ev_facts.get(key, []):
            spans += spans_of(text, t)
        for m in rx.finditer(text):
            if not inside(m.start(1), spans):
                err("stray %s value %r" % (key, text[max(0, m.start() - 10):m.end() + 5]))
    # PPI
    ppi = F["ppi_trial"]
    if ppi is not None:
        texts = ev_facts.get("ppi", [])
        if not texts:
            err("PPI trial without evidence")
        for t in texts:
            days = read_ppi_days(t, ldate)
            if days is None or days != ppi["days"]:
                err("PPI duration unreadable/wrong in %r (read %s want %s)" % (t, days, ppi["days"]))
    elif ev_facts.get("ppi"):
        err("PPI evidence without PPI fact")
    if F["fit_requested_no_result"] and not any("fit" in d["facts"] and d["kind"] in ("pending", "not_done")
                                                for d in M["distractors"]):
        err("FIT pending without pending statement")
    # -- negation and distractor checks
    positive = {k for k, v in truth.items() if v}
    for d in M["distractors"]:
        for f in d["facts"]:
            if truth.get(f, False) or (f == "fit" and F["fit"] is not None):
                err("distractor %r denies/mentions true fact %s" % (d["text"], f))
        cue = DISTRACTOR_CUE.get(d["kind"])
        if cue is None or not cue.search(d["text"].strip()):
            err("distractor without %s cue: %r" % (d["kind"], d["text"]))
        for f in positive:
            if f in KW and f != "family_history_crc":
                for rx in KW[f]:
                    if rx.search(d["text"]):
                        err("distractor %r mentions true fact %s" % (d["text"], f))
    for e in ev:
        facts = [f for f in e["facts"] if f in truth or f == "ppi"]
        for f in facts:
            if f in ("anaemia", "iron_deficiency", "alt_raised"):
                continue
            if f == "ppi":
                c = cue_in(e["text"], "ppi")
            else:
                c = cue_in(e["text"], f)
            if c and f not in ("hb", "ferritin", "alt", "fit", "calprotectin"):
                err("evidence for %s contains cue %r: %r" % (f, c.group(), e["text"]))
            for a, b in spans_of(text, e["text"]):
                pre = clause_before(text, a)
                c2 = cue_in(pre, f)
                if c2:
                    err("cue %r before evidence for %s: %r" % (c2.group(), f, pre + e["text"]))
    # every keyword mention of a true fact: not negated, not in a distractor
    for f in positive:
        for rx in KW.get(f, []):
            for m in rx.finditer(text):
                if inside(m.start(), dx_spans) and f != "family_history_crc":
                    err("true fact %s mentioned inside a distractor: %r" % (f, text[m.start():m.end() + 20]))
                pre = clause_before(text, m.start())
                if not inside(m.start(), all_spans):
                    c = cue_in(pre, f)
                    if c:
                        err("true fact %s mentioned with cue %r: %r" % (f, c.group(), pre + m.group()))
    # every keyword mention of a false fact must sit in a distractor
    for f, rxs in KW.items():
        if truth.get(f, False):
            continue
        for rx in rxs:
            for m in rx.finditer(text):
                if not inside(m.start(), dx_spans):
                    err("false fact %s mentioned outside distractors: %r" % (
                        f, text[max(0, m.start() - 30):m.end() + 30]))
    # -- sex markers
    male = len(re.findall(r"\b(?:he|him|his|gentleman|man)\b", text, re.I)) + len(
        re.findall(r"\bMr\b|(?:Sex|Gender)\s*[:|.]*\s*M\b|\bMale\b|\bM  \d", text))
    female = len(re.findall(r"\b(?:she|her|hers|lady|woman)\b", text, re.I)) + len(
        re.findall(r"\b(?:Mrs|Ms|Miss)\b|(?:Sex|Gender)\s*[:|.]*\s*F\b|\bFemale\b|\bF  \d", text))
    if sex == "M" and (male == 0 or female > 0):
        err("sex markers inconsistent (male %d female %d)" % (male, female))
    if sex == "F" and (female == 0 or male > 0):
        err("sex markers inconsistent (male %d female %d)" % (male, female))
    # -- identifiers
    nums = re.findall(r"\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b", text)
    found = {"".join(n) for n in nums}
    if M["patient"]["nhs_number"] not in found:
        err("NHS number not in text")
    for n in found:
        if not (n.startswith("999") and nhs_valid(n)):
            err("NHS-like number not a valid 999 number: %s" % n)
    for pc in re.findall(r"\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b", text):
        if not pc.startswith("ZX"):
            err("postcode outside ZX: %s" % pc)
    for ph in re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", text):
        if not re.fullmatch(r"01632 960\d{3}", ph):
            err("phone number outside 01632 960xxx: %s" % ph)
    # -- GP priority
    pt = M.get("gp_priority_text")
    if not pt or pt not in text:
        err("GP priority text missing")
    elif not PRIO_KEYS[L["gp_priority"]].search(pt):
        err("GP priority text %r does not say %s" % (pt, L["gp_priority"]))
    return errs


def main():
    verbose = "-v" in sys.argv
    letters = [json.loads(x) for x in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(x) for x in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    problems = []
    if len(letters) != 300 or len(metas) != 300:
        problems.append("expected 300 letters, got %d/%d" % (len(letters), len(metas)))
    ids = [x["id"] for x in letters]
    if ids != ["L11-%04d" % i for i in range(1, len(letters) + 1)] or ids != [m["id"] for m in metas]:
        problems.append("ids not sequential or meta out of order")
    nbad = 0
    for L, M in zip(letters, metas):
        e = check_letter(L, M)
        if e:
            nbad += 1
            for x in e[: (100 if verbose else 6)]:
                problems.append("%s: %s" % (L["id"], x))
    # -- set level
    rules = collections.Counter(x["rule"] for x in letters)
    urg = collections.Counter(x["urgency"] for x in letters)
    path = collections.Counter(x["pathway"] for x in letters)
    style = collections.Counter(x["style"] for x in letters)
    fam = collections.Counter(m["template_family"] for m in metas)
    for r in TABLE:
        if rules[r] < 6:
            problems.append("rule %s has %d letters (<6)" % (r, rules[r]))
    target = {"urgent_suspected_cancer": .30, "urgent": .15, "routine": .35, "advice_and_guidance": .20}
    for k, v in target.items():
        if abs(urg[k] / len(letters) - v) > 0.05:
            problems.append("class mix %s = %.2f" % (k, urg[k] / len(letters)))
    if len(style) < 30:
        problems.append("only %d templates" % len(style))
    agree = sum(x["gp_priority"] == x["urgency"] for x in letters)
    if not 0.4 <= agree / len(letters) <= 0.6:
        problems.append("GP priority agreement %.2f" % (agree / len(letters)))
    ocr = sum(1 for m in metas if m["ocr_damage"])
    if not 0.07 <= ocr / len(letters) <= 0.13:
        problems.append("OCR-damaged share %.2f" % (ocr / len(letters)))
    border = collections.Counter(t for m in metas for t in m["borderline"])
    for need in ["age_39", "age_40", "age_49", "age_50", "age_54", "age_55", "age_59", "age_60", "FIT_9", "FIT_10",
                 "calprotectin_99", "calprotectin_100", "calprotectin_249", "calprotectin_250", "ALT_39",
                 "ALT_40", "ALT_299", "ALT_300", "ferritin_29", "ferritin_30"]:
        if not any(t.startswith(need) for t in border):
            problems.append("no borderline case %s" % need)
    if not any(t.startswith("Hb_M_129") for t in border) or not any(t.startswith("Hb_M_130") for t in border) \
            or not any(t.startswith("Hb_F_119") for t in border) or not any(t.startswith("Hb_F_120") for t in border):
        problems.append("Hb threshold borderlines missing")
    if "--determinism" in sys.argv:
        tmp = tempfile.mkdtemp()
        try:
            shutil.copy(os.path.join(HERE, "make_set.py"), tmp)
            subprocess.run([sys.executable, os.path.join(tmp, "make_set.py")], check=True, capture_output=True)
            for fn in ("letters.jsonl", "letters_meta.jsonl"):
                a = hashlib.sha256(open(os.path.join(HERE, fn), "rb").read()).hexdigest()
                b = hashlib.sha256(open(os.path.join(tmp, fn), "rb").read()).hexdigest()
                if a != b:
                    problems.append("rerun of make_set.py gives different %s" % fn)
                else:
                    print("determinism: %s identical (sha256 %s)" % (fn, a[:16]))
        finally:
            shutil.rmtree(tmp)
    print("letters: %d   failing letters: %d" % (len(letters), nbad))
    print("urgency:", dict(sorted(urg.items())))
    print("pathway:", dict(sorted(path.items())))
    print("rules:", {r: rules[r] for r in TABLE})
    print("families:", dict(sorted(fam.items())))
    print("templates: %d" % len(style))
    print("GP priority agrees with label: %d/%d" % (agree, len(letters)))
    print("OCR-damaged letters: %d; with spelling slips: %d" % (ocr, sum(1 for m in metas if m["spelling_slips"])))
    print("borderline tags: %d letters" % sum(1 for m in metas if m["borderline"]))
    if problems:
        print("\nPROBLEMS (%d):" % len(problems))
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("\nALL CHECKS PASSED: %d/%d letters" % (len(letters) - nbad, len(letters)))


if __name__ == "__main__":
    main()
