#!/usr/bin/env python3
"""Independent validator for letters10.

It does not import make_set.py.  From /work/shared/clinical/referral-triage-spec.md it
re-implements the rule table, re-derives every label from the meta facts (and checks the
label does not change under other careful readings of the spec), then checks the TEXT of
every letter:

  * every positive fact has evidence, each evidence string is in the text verbatim and
    carries a recognisable keyword for its fact;
  * every number is readable: values (Hb incl. g/dL and dictated words, ferritin, FIT incl.
    "<4"/"undetectable"/"negative", calprotectin, ALT), PPI durations (start month against
    the letter date, N/52, weeks, months, days ago) and ages parse back to the meta value;
  * no negation, hypothetical, family or resolved-past wording scopes over a true fact, and
    every negation / distractor span only concerns facts that are false (family excepted);
  * every mention of a fact keyword anywhere in the text sits inside a registered span
    (evidence, negation, distractor, normal result, summary), so nothing unregistered can
    assert a false fact;
  * DOB and letter date are in the text and the age is consistent with them; sex is
    readable; identifiers are fictional (NHS 999 range with valid check digit, ZX
    postcodes, 01632 960xxx numbers).

    python3 validate_set.py          # exit status 0 when all letters pass
"""
import datetime as dt
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))

URGENCIES = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATHWAYS = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
TABLE = {
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
SYMPTOMS = ("dysphagia", "rectal_mass", "anal_mass", "anal_ulceration", "weight_loss", "upper_abdominal_pain",
            "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "abdominal_pain",
            "change_in_bowel_habit", "bloody_diarrhoea", "ascites", "confusion", "haematemesis", "bloating")


# ------------------------------------------------------------------------------------
# The rule table (spec), written out again here
# ------------------------------------------------------------------------------------
def classify(F, reading=None):
    rd = reading or {}
    age = F["age"]
    hb, ferr = F["hb"], F["ferritin"]
    anaemic = hb is not None and (hb < 130 if F["sex"] == "M" else hb < 120)
    iron_low = ferr is not None and ferr < 30
    fit = None
    if F["fit"] is not None:
        fit = F["fit"]["value"] if F["fit"].get("value") is not None else 0  # "<4"/undetectable/negative
    if fit is None and rd.get("old_fit_is_current") and F.get("_past_fit") is not None:
        fit = F["_past_fit"]
    cal, alt = F["calprotectin"], F["alt"]
    pain = F["abdominal_pain"] or (F["upper_abdominal_pain"] and not rd.get("upper_not_pain")) or \
        (F["dyspepsia"] and rd.get("dyspepsia_is_pain"))
    bleed = F["rectal_bleeding"] or (F["bloody_diarrhoea"] and rd.get("bloody_d_is_bleeding"))
    habit = F["change_in_bowel_habit"] or (F["bloody_diarrhoea"] and rd.get("bloody_d_is_habit"))
    on_ppi_4w = F["ppi_weeks"] is not None and F["ppi_weeks"] >= 4
    resistant = on_ppi_4w and (F["dyspepsia"] or (F["reflux"] and rd.get("reflux_counts_for_o1")))

    if F["dysphagia"]:
        return "U1"
    if F["rectal_mass"] or F["anal_mass"] or F["anal_ulceration"]:
        return "U2"
    if fit is not None and fit >= 10:
        return "U3"
    if anaemic and iron_low:
        return "U4"
    if age >= 55 and F["weight_loss"] and (F["upper_abdominal_pain"] or F["reflux"] or F["dyspepsia"]):
        return "U5"
    if F["abdominal_mass"]:
        return "U6"
    if age >= 40 and F["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and bleed) or (age >= 40 and F["weight_loss"] and pain) or (age >= 60 and habit)):
        return "U8"
    if F["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (F["known_cirrhosis"] and (F["ascites"] or F["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if F["haematemesis"]:
        return "R3"
    if age >= 55 and resistant:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if F["known_ibd"] and F["ibd_stable_question"]:
        return "O3"
    if F["coeliac_serology_positive"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or F["fatty_liver_imaging"]:
        return "O5"
    if age < 50 and (pain or F["bloating"] or habit) and \
            ((cal is not None and cal < 100) or (fit is not None and fit < 10)):
        other = [s for s in SYMPTOMS if F[s] and s not in ("abdominal_pain", "bloating", "change_in_bowel_habit")]
        if not rd.get("upper_not_pain"):
            other = [s for s in other if s != "upper_abdominal_pain"]
        other += [k for k in ("known_cirrhosis", "coeliac_serology_positive", "fatty_liver_imaging",
                              "family_history_crc") if F[k]]
        if F["known_ibd"] or anaemic or iron_low or (alt is not None and alt >= 40) or F["ppi_weeks"] is not None:
            other.append("x")
        if rd.get("a1_ignore_others") or not other:
            return "A1"
    if (bleed or habit or pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (F["dyspepsia"] or F["reflux"]):
        return "A2"
    if F["family_history_crc"]:
        symptomatic = any(F[s] for s in SYMPTOMS)
        if not rd.get("a3_symptoms_only"):
            symptomatic = symptomatic or anaemic or iron_low or (alt is not None and alt >= 40) or \
                (cal is not None and cal >= 100) or F["coeliac_serology_positive"] or F["fatty_liver_imaging"] or \
                bool(F["known_ibd"]) or F["known_cirrhosis"]
        if not symptomatic:
            return "A3"
    return "D"


READINGS = [{"upper_not_pain": True}, {"dyspepsia_is_pain": True}, {"bloody_d_is_bleeding": True},
            {"bloody_d_is_habit": True}, {"bloody_d_is_bleeding": True, "bloody_d_is_habit": True},
            {"a1_ignore_others": True}, {"a3_symptoms_only": True}, {"reflux_counts_for_o1": True},
            {"old_fit_is_current": True}]


# ------------------------------------------------------------------------------------
# Keywords a reader would take as a mention of each fact
# ------------------------------------------------------------------------------------
I = re.I
KW = {
    "dysphagia": [(r"dysphag|swallow|food (?:stick|stuck|sticking|sticks|lodg)|sticks? (?:halfway|on the way) down", I)],
    "rectal_mass": [(r"rectal mass|mass[\w\s,]{0,25}rectum", I)],
    "anal_mass": [(r"anal (?:mass|lump)|mass at the anal margin", I)],
    "anal_ulceration": [(r"anal ulcer", I)],
    "abdominal_mass": [(r"\bmass\b", I)],
    "weight_loss": [(r"weight|\bwt\b|lost (?:about |around |nearly |almost |over )?[\w.]+ (?:kg|kilo\w*|stone|st|lb|pounds)", I)],
    "upper_abdominal_pain": [(r"epigastr|upper abdom|upper abdo\b|upper tummy", I)],
    "abdominal_pain": [(r"(?:abdominal|abdo|tummy|belly|stomach|iliac fossa|suprapubic)\s+(?:pain|ache|aches|cramps?|discomfort)|"
                        r"pain (?:in|across|around) (?:the|his|her|my) (?:lower |left |right )?(?:abdomen|tummy|belly|iliac fossa)|colick?y|cramp", I),
                       (r"\b(?:LIF|RIF) pain", 0)],
    "reflux": [(r"reflux|heartburn|acid brash|regurgitat", I), (r"\bGORD\b", 0)],
    "dyspepsia": [(r"dyspeps|dyspeptic|indigestion", I)],
    "jaundice": [(r"jaundic|yellow|icter", I)],
    "rectal_bleeding": [(r"rectal bleed|bleeding (?:PR|per rectum|from (?:the|his|her|my) (?:back passage|bottom|rectum))|"
                         r"blood (?:in|on|with|mixed)|bright red blood", I), (r"\bPR (?:bleed|blood)", 0)],
    "change_in_bowel_habit": [(r"bowel habit|diarrh|constipat|loose(?:r)? (?:stools?|motions?)|"
                               r"bowels? (?:have |has )?(?:become|been|are) (?:looser|loose|more frequent|erratic)|"
                               r"opening (?:his|her|my) bowels", I), (r"CIBH|Δ\s?bowel", 0)],
    "bloody_diarrhoea": [(r"bloody diarrh|diarrh\w*[^.;\n]{0,25}blood", I)],
    "known_cirrhosis": [(r"cirrho", I)],
    "ascites": [(r"ascit|shifting dullness", I)],
    "confusion": [(r"confus|encephalopath", I)],
    "haematemesis": [(r"haematemesis|hematemesis|vomit\w* (?:up |of )?blood|coffee[- ]ground|brought up (?:some |a little |a small amount of )?blood", I)],
    "ppi": [(r"omeprazole|lansoprazole|esomeprazole|pantoprazole|rabeprazole", I), (r"\bPPI", 0)],
    "known_ibd": [(r"crohn|ulcerative colitis|colitis|mesalazine|azathioprine|adalimumab|vedolizumab|infliximab|"
                   r"ustekinumab|octasa|inflammatory bowel", I), (r"\bUC\b|\bIBD\b", 0)],
    "coeliac_serology_positive": [(r"coeliac|transglutaminase|endomysial", I), (r"\btTG\b|\bEMA\b", 0)],
    "fatty_liver_imaging": [(r"fatty|steatosis|steatotic", I), (r"NAFLD|MASLD", 0)],
    "bloating": [(r"bloat|distension|distended", I)],
    "family_history_crc": [(r"(?:bowel|colorectal|colon|colonic|rectal) (?:cancer|ca\b|carcinoma|tumour)|family history", I)],
    "fit": [(r"\bq?FIT\b", 0), (r"faecal immunochemical|bowel screening", I)],
    "calprotectin": [(r"calprotectin", I), (r"\bFCP\b", 0)],
    "hb": [(r"haemoglobin|hemoglobin|anaemi|anemi", I), (r"\bHb\b|\bIDA\b", 0)],
    "ferritin": [(r"ferritin|iron deficien", I)],
    "alt": [(r"alanine|transaminase", I), (r"\bALT\b", 0)],
}
GENERIC = [(r"\bblood\b(?!\s+(?:pressure|tests?|sugars?|results?))", I), (r"\bulcer", I), (r"\blump", I),
           (r"melaena|black stool|tarry", I), (r"\bvomit", I)]
KWC = {k: [re.compile(p, fl) for p, fl in v] for k, v in KW.items()}
GENC = [re.compile(p, fl) for p, fl in GENERIC]
NUMERIC_FACTS = ("hb", "ferritin", "fit", "calprotectin", "alt")

BOUNDARY = re.compile(r"[.;:!?\n]|\bfull stop\b|\bnew paragraph\b|\bbut\b|\bhowever\b|\balthough\b|\bapart from\b|"
                      r"\bexcept\b|\bwhereas\b| – ", re.I)
PRE_NEG = re.compile(r"\b(no|not|denies|denied|deny|never|without|nil|free of|negative for|absence of|none|neither|nor|"
                     r"no longer|haven't|hasn't|isn't|wasn't|didn't|doesn't|if|should|in case|unless)\b", re.I)
POST_NEG = re.compile(r"\b(resolved|settled|none since|no longer|ruled out|has not recurred|went away)\b", re.I)
RECUR = re.compile(r"come back|came back|returned|recurred|started again", re.I)
RELATIVE = re.compile(r"\b(father|mother|brother|sister|aunt|uncle|cousin|grandfather|grandmother|wife|husband|partner|"
                      r"son|daughter|dad|mum)\b", re.I)
INFORMANT = re.compile(r"tells me|has noticed|noticed|reports|says|adds|according to|told me", re.I)
NEG_CUE = re.compile(r"\b(no|not|denies|never|nil|none|haven't|hasn't|isn't|no longer)\b|\bnon-|\bstable\b|n't\b", re.I)
HEDGE = re.compile(r"\?\s?(?:mass|dysphag|jaund|bleed|blood|weight)|possibl[ey] (?:some )?(?:weight|dysphag|blood|mass|jaund)", re.I)

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
NUMW = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                   "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
NUMW.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})


def words_to_num(s):
    s = s.lower().replace("-", " ")
    toks = [t for t in s.split() if t != "and"]
    if not toks:
        return None
    if "point" in toks:
        k = toks.index("point")
        a = words_to_num(" ".join(toks[:k]))
        b = "".join(str(NUMW[t]) for t in toks[k + 1:])
        return float("%s.%s" % (int(a), b))
    total, cur = 0, 0
    for t in toks:
        if t in NUMW:
            cur += NUMW[t]
        elif t == "hundred":
            cur *= 100
        elif t == "thousand":
            total += cur * 1000
            cur = 0
        else:
            return None
    return total + cur


def parse_value(vt):
    """-> ('num', float) or ('below', token)"""
    v = vt.strip().lower()
    if v in ("<4", "< 4", "less than four", "less than 4"):
        return ("below", "<4")
    if v in ("undetectable", "negative"):
        return ("below", v)
    m = re.match(r"^(\d+(?:\.\d+)?)", v)
    if m:
        return ("num", float(m.group(1)))
    m = re.match(r"^([a-z\- ]+?)(?: grams per decilitre)?$", v)
    if m:
        n = words_to_num(m.group(1))
        if n is not None:
            return ("num", float(n))
    return (None, None)


def parse_date(s):
    s = s.strip()
    m = re.match(r"^(?:[A-Za-z]+day )?(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+) (\d{4})$", s)
    if m:
        mon = [i for i, x in enumerate(MONTHS) if x.startswith(m.group(2).lower()[:3])]
        return dt.date(int(m.group(3)), mon[0] + 1, int(m.group(1)))
    m = re.match(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})$", s)
    if m:
        mon = [i for i, x in enumerate(MONTHS) if x.startswith(m.group(2).lower())]
        return dt.date(int(m.group(3)), mon[0] + 1, int(m.group(1)))
    m = re.match(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$", s)
    if m:
        y = int(m.group(3))
        if y < 100:
            y += 2000 if y <= 25 else 1900
        return dt.date(y, int(m.group(2)), int(m.group(1)))
    raise ValueError("unparsed date %r" % s)


def age_on(dob, d):
    a = d.year - dob.year
    if (d.month, d.day) < (dob.month, dob.day):
        a -= 1
    return a


def ppi_weeks_from_text(t, letter_date):
    tl = t.lower()
    m = re.search(r"since (early|mid|late) ([a-z]+)", tl)
    if m:
        mon = MONTHS.index(m.group(2)) + 1
        y = letter_date.year if mon < letter_date.month else letter_date.year - 1
        day = {"early": 5, "mid": 15, "late": 25}[m.group(1)]
        return (letter_date - dt.date(y, mon, day)).days / 7.0
    m = re.search(r"x(\d+)/52", tl)
    if m:
        return float(m.group(1))
    m = re.search(r"for (?:the last )?([a-z\- ]+?|\d+) (weeks|months)", tl)
    if m:
        n = float(m.group(1)) if m.group(1).isdigit() else words_to_num(m.group(1))
        return n if m.group(2) == "weeks" else n * 4.35
    m = re.search(r"(\d+|[a-z\-]+) days ago", tl)
    if m:
        n = float(m.group(1)) if m.group(1).isdigit() else words_to_num(m.group(1))
        return n / 7.0
    if "last week" in tl:
        return 1.0
    return None


def nhs_ok(s):
    d = [int(c) for c in re.sub(r"\D", "", s)]
    if len(d) != 10 or d[:3] != [9, 9, 9]:
        return False
    tot = sum(x * w for x, w in zip(d[:9], range(10, 1, -1)))
    c = 11 - tot % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def occurrences(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def clause_before(text, start):
    seg = text[max(0, start - 250):start]
    last = None
    for m in BOUNDARY.finditer(seg):
        last = m
    return seg[last.end():] if last else seg


def clause_after(text, end):
    seg = text[end:end + 250]
    m = BOUNDARY.search(seg)
    return seg[:m.start()] if m else seg


def fact_keywords(fact, s):
    return any(rx.search(s) for rx in KWC.get(fact, []))


# ------------------------------------------------------------------------------------
def check_letter(L, M):
    errs = []
    text = L["text"]
    F = dict(M["facts"])
    F["_past_fit"] = M["past_fit"]["value"] if M.get("past_fit") else None
    # ---- labels
    rule = classify(F)
    if rule != L["rule"] or rule != M["rule"]:
        errs.append("rule %s != derived %s" % (L["rule"], rule))
    if TABLE[rule] != (L["urgency"], L["pathway"]):
        errs.append("labels %s/%s != %s" % (L["urgency"], L["pathway"], TABLE[rule]))
    if L["urgency"] not in URGENCIES or L["pathway"] not in PATHWAYS:
        errs.append("label names")
    for rd in READINGS:
        r2 = classify(F, rd)
        if r2 != rule:
            errs.append("label changes under reading %s: %s" % (rd, r2))
    if L["age"] != F["age"]:
        errs.append("age field")
    # ---- dates and age
    try:
        if M["dob_text"] not in text or M["letter_date_text"] not in text:
            errs.append("dob/letter date text missing")
        dob = parse_date(M["dob_text"])
        ld = parse_date(M["letter_date_text"])
        if dob.isoformat() != M["dob"] or ld.isoformat() != M["letter_date"]:
            errs.append("date text parses to %s/%s" % (dob, ld))
        if age_on(dob, ld) != F["age"]:
            errs.append("age %s inconsistent with DOB/letter date (%s)" % (F["age"], age_on(dob, ld)))
    except Exception as e:  # noqa
        errs.append("date parse: %s" % e)
        ld = dt.date.fromisoformat(M["letter_date"])
    for sp in M["age_spans"]:
        if sp["text"] not in text:
            errs.append("age span missing %r" % sp["text"])
        kind, v = parse_value(sp["value_text"])
        if kind != "num" or int(v) != F["age"]:
            errs.append("age span %r unreadable/wrong" % sp["text"])
    if M["age_form"] != "dob_only" and M["age_form"] != "MF" and not M["age_spans"]:
        errs.append("age form %s without age span" % M["age_form"])
    if M["age_form"] == "dob_only" and M["age_spans"]:
        errs.append("dob_only letter states an age")
    # ---- sex
    sx = M["sex"]
    if M["title"]:
        if not re.search(r"\b%s\b" % re.escape(M["title"]), text, re.I):
            errs.append("title missing")
        if (M["title"] == "Mr") != (sx == "M"):
            errs.append("title/sex mismatch")
    he = len(re.findall(r"\b(he|him|his|himself)\b", text, re.I))
    she = len(re.findall(r"\b(she|her|hers|herself)\b", text, re.I))
    own, other = (he, she) if sx == "M" else (she, he)
    if own < 2 or own < 2 * other:
        if not M["title"] and M["age_form"] != "MF":
            errs.append("sex not readable (pronouns %d vs %d)" % (own, other))
        elif own < other:
            errs.append("pronouns contradict sex (%d vs %d)" % (own, other))
    # ---- identifiers
    for nh in re.findall(r"\b999[ -]?\d{3}[ -]?\d{4}\b", text):
        if not nhs_ok(nh):
            errs.append("bad NHS number %s" % nh)
    if not re.search(r"\b999[ -]?\d{3}[ -]?\d{4}\b", text):
        errs.append("no NHS number")
    for pc in re.findall(r"\b[A-Z]{1,2}\d{1,2} \d[A-Z]{2}\b", text):
        if not pc.startswith("ZX"):
            errs.append("non-ZX postcode %s" % pc)
    for ph in re.findall(r"\b0\d{3,4} ?\d{6}\b", text):
        if not ph.replace(" ", "").startswith("01632960"):
            errs.append("phone %s" % ph)
    # ---- evidence for positive facts
    ev = M["evidence"]
    ev_by = {}
    for sp in ev:
        ev_by.setdefault(sp["fact"], []).append(sp)
        if sp["text"] not in text:
            errs.append("evidence missing: %r" % sp["text"])
    positive = [s for s in SYMPTOMS if F[s]] + [k for k in ("known_cirrhosis", "coeliac_serology_positive",
                                                             "fatty_liver_imaging", "family_history_crc") if F[k]]
    if F["known_ibd"]:
        positive.append("known_ibd")
    if F["ibd_stable_question"]:
        positive.append("ibd_stable_question")
    if F["ppi_weeks"] is not None:
        positive.append("ppi")
    positive += [k for k in NUMERIC_FACTS if F[k] is not None]
    for k in positive:
        sps = ev_by.get(k, [])
        if not sps:
            errs.append("no evidence for %s" % k)
            continue
        if k == "ibd_stable_question":
            roles = {sp.get("role") for sp in sps}
            if not {"stable", "question"} <= roles:
                errs.append("O3 evidence lacks stable/question role")
            for sp in sps:
                if sp.get("role") == "question" and not re.search(r"\?|advis|advice", sp["text"]):
                    errs.append("O3 question not a question")
                if sp.get("role") == "stable" and not re.search(r"remission|stable|well controlled", sp["text"]):
                    errs.append("O3 stability wording")
            continue
        if not any(fact_keywords(k, sp["text"]) for sp in sps):
            errs.append("evidence for %s has no keyword: %r" % (k, [sp["text"] for sp in sps]))
    for k in ev_by:
        if k not in positive:
            errs.append("evidence for a fact that is not positive: %s" % k)
    # numbers
    for k in NUMERIC_FACTS:
        if F[k] is None:
            continue
        vals = [sp for sp in ev_by.get(k, []) if sp.get("value_text")]
        if not vals:
            errs.append("%s value text missing" % k)
            continue
        for sp in vals:
            vt = sp["value_text"]
            if vt not in sp["text"]:
                errs.append("%s value text not in evidence" % k)
            kind, v = parse_value(vt)
            if k == "fit":
                mv = F["fit"]
                if mv.get("value") is not None:
                    ok = kind == "num" and v == mv["value"]
                else:
                    ok = kind == "below" and (v == mv["below"] or (mv["below"] == "<4" and v == "<4"))
                if not ok:
                    errs.append("FIT unreadable: %r vs %r" % (vt, mv))
                continue
            if kind != "num":
                errs.append("%s unreadable %r" % (k, vt))
                continue
            if k == "hb" and re.search(r"g/dl|grams per decilitre", vt, re.I):
                v = round(v * 10)
            if int(round(v)) != F[k]:
                errs.append("%s value %r != %s" % (k, vt, F[k]))
            # trend: the current value must be the later one, after a cue
            nums = re.findall(r"\b\d+(?:\.\d+)?\b", sp["text"])
            if len([n for n in nums if not re.match(r"^(19|20)\d\d$", n)]) > 1 or " from " in sp["text"]:
                pos = sp["text"].rfind(vt)
                before = sp["text"][:pos]
                if not re.search(r"\b(to|now|currently|latest)\b[^0-9]*$", before):
                    errs.append("%s trend: current value not marked" % k)
    # qualifiers the spec's definitions need
    for sp in ev_by.get("weight_loss", []):
        ctx = text[max(0, text.find(sp["text"]) - 80): text.find(sp["text"]) + len(sp["text"]) + 80]
        if not re.search(r"without trying|unintentional|not trying|without dieting|cannot explain|unexplained|not dieting|not even trying",
                         sp["text"] + clause_after(text, text.find(sp["text"]) + len(sp["text"])), re.I):
            errs.append("weight loss not marked unexplained: %r" % ctx)
    for sp in ev_by.get("anal_ulceration", []):
        if not re.search(r"no obvious cause|unexplained", sp["text"] + text[text.find(sp["text"]):text.find(sp["text"]) + 200]):
            errs.append("anal ulcer not unexplained")
    for sp in ev_by.get("fatty_liver_imaging", []):
        if not re.search(r"ultrasound|USS|CT\b|MRI", sp["text"]):
            errs.append("fatty liver not on imaging")
    for sp in ev_by.get("coeliac_serology_positive", []):
        if not re.search(r"positive|raised|\+ve", sp["text"], re.I):
            errs.append("coeliac serology not positive")
    if F["ppi_weeks"] is not None:
        sps = ev_by.get("ppi", [])
        wks = [ppi_weeks_from_text(sp["text"], ld) for sp in sps]
        wks = [w for w in wks if w is not None]
        if not wks:
            errs.append("PPI duration unreadable %r" % [sp["text"] for sp in sps])
        else:
            w = wks[0]
            if (w >= 4) != (F["ppi_weeks"] >= 4) or 2.5 < w < 5:
                errs.append("PPI duration %.1f wk vs meta %.1f" % (w, F["ppi_weeks"]))
            if F["ppi_weeks"] >= 4 and F["dyspepsia"]:
                i0 = text.find(sps[0]["text"])
                ctx = text[max(0, i0 - 120): i0 + len(sps[0]["text"]) + 120]
                if not re.search(r"despite|no better|persist|continue", ctx, re.I):
                    errs.append("dyspepsia not stated to persist on PPI")
    # ---- negation / hypothetical / family scope over true facts
    for sp in ev:
        for (a, b) in occurrences(text, sp["text"]):
            pre = clause_before(text, a)
            if sp["fact"] not in NUMERIC_FACTS and sp["fact"] not in ("ibd_stable_question", "ppi"):
                m = PRE_NEG.search(pre)
                if m:
                    errs.append("negation/hypothetical %r before evidence %r" % (m.group(0), sp["text"]))
                if RELATIVE.search(pre) and not INFORMANT.search(pre) and sp["fact"] != "family_history_crc":
                    errs.append("relative before evidence %r" % sp["text"])
                post = clause_after(text, b)
                if POST_NEG.search(post):
                    errs.append("resolution after evidence %r" % sp["text"])
                kwm = [rx.search(sp["text"]) for rx in KWC.get(sp["fact"], [])]
                kwm = [x for x in kwm if x]
                if kwm:
                    head = sp["text"][:min(x.start() for x in kwm)]
                    m2 = PRE_NEG.search(head)
                    if m2:
                        errs.append("evidence %r is itself negated (%r)" % (sp["text"], m2.group(0)))
                inner = POST_NEG.search(sp["text"])
                if inner and not RECUR.search(sp["text"][inner.end():]):
                    errs.append("evidence says resolved without recurrence: %r" % sp["text"])
    # ---- negation and distractor spans
    fact_true = {k: bool(F[k]) for k in SYMPTOMS}
    fact_true.update({k: bool(F[k]) for k in ("known_cirrhosis", "coeliac_serology_positive", "fatty_liver_imaging",
                                             "family_history_crc", "known_ibd")})
    fact_true["fit"] = F["fit"] is not None
    # neighbouring facts a reader would take as the same complaint must not be denied either
    near = {"upper_abdominal_pain": ["abdominal_pain", "dyspepsia"], "abdominal_pain": ["upper_abdominal_pain"],
            "dyspepsia": ["upper_abdominal_pain"], "bloody_diarrhoea": ["rectal_bleeding", "change_in_bowel_habit"],
            "rectal_bleeding": ["bloody_diarrhoea"], "change_in_bowel_habit": ["bloody_diarrhoea"]}
    for k in [k for k, v in fact_true.items() if v]:
        for n in near.get(k, []):
            fact_true[n] = True
    for sp in M["negations"]:
        if sp["text"] not in text:
            errs.append("negation span missing %r" % sp["text"])
        if not NEG_CUE.search(sp["text"]):
            errs.append("negation span without a negation cue %r" % sp["text"])
        for k in sp["facts"]:
            if fact_true.get(k):
                errs.append("negation denies a true fact %s: %r" % (k, sp["text"]))
        for k in fact_true:
            if fact_true[k] and fact_keywords(k, sp["text"]) and k not in ("abdominal_mass",):
                errs.append("negation span mentions true fact %s: %r" % (k, sp["text"]))
        if re.search(r"\bmass", sp["text"], re.I):
            if re.search(r"rect|\bPR\b|anal", sp["text"], re.I) and (F["rectal_mass"] or F["anal_mass"]):
                errs.append("PR negation with a rectal/anal mass")
            if not re.search(r"rect|\bPR\b|anal", sp["text"], re.I) and F["abdominal_mass"]:
                errs.append("abdominal negation with an abdominal mass")
    cues = {
        "family": RELATIVE,
        "past": re.compile(r"\b(19|20)\d\d\b|no longer|resolved|none since|settled|healed", re.I),
        "hypothetical": re.compile(r"\bif\b|should|what to do|safety-netted", re.I),
        "intentional": re.compile(r"deliberately|on purpose|as intended|the aim|Slimming World|semaglutide|tirzepatide|dieting", re.I),
        "past_fit": re.compile(r"\b(19|20)\d\d\b"),
        "fit_absent": re.compile(r"not yet|no result|awaited|not back|requested|kit", re.I),
        "other_test": re.compile(r"elastase|H\. pylori|culture|MC&S", re.I),
        "past_value": re.compile(r"."),
        "other_site": re.compile(r"leg ulcer", re.I),
    }
    for sp in M["distractors"]:
        if sp["text"] not in text:
            errs.append("distractor span missing %r" % sp["text"])
        t = sp["type"]
        if not cues[t].search(sp["text"]):
            errs.append("distractor %s without its cue: %r" % (t, sp["text"]))
        if t in ("family", "past_value", "past_fit"):
            continue
        for k in sp["facts"]:
            if fact_true.get(k):
                errs.append("%s distractor concerns a true fact %s: %r" % (t, k, sp["text"]))
        for k in fact_true:
            if fact_true[k] and fact_keywords(k, sp["text"]):
                errs.append("%s distractor mentions true fact %s: %r" % (t, k, sp["text"]))
        if t == "past_fit" and not M.get("past_fit"):
            errs.append("past FIT without meta")
    if M.get("past_fit"):
        pf = [sp for sp in M["distractors"] if sp["type"] == "past_fit"]
        if not pf:
            errs.append("meta past FIT not written")
    # normals and summaries
    male = M["sex"] == "M"
    anaemic = F["hb"] is not None and F["hb"] < (130 if male else 120)
    iron_low = F["ferritin"] is not None and F["ferritin"] < 30
    for sp in M["normals"]:
        if sp["text"] not in text:
            errs.append("normal span missing")
        for k in sp["facts"]:
            if k == "fbc_normal" and anaemic:
                errs.append("FBC normal but anaemic")
            if k == "lft_normal" and ((F["alt"] or 0) >= 40 or F["jaundice"]):
                errs.append("LFTs normal with abnormal liver facts")
            if k == "coeliac_negative" and F["coeliac_serology_positive"]:
                errs.append("coeliac negative but positive")
    for sp in M["summaries"]:
        if sp["text"] not in text:
            errs.append("summary span missing")
        for k in sp["facts"]:
            val = {"anaemia": anaemic, "iron_deficiency": iron_low,
                   "inflammatory": (F["calprotectin"] or 0) >= 100 or F["bloody_diarrhoea"] or bool(F["known_ibd"])}.get(k, F.get(k))
            if not val:
                errs.append("summary asserts false %s" % k)
    # ---- coverage: every keyword mention sits in a registered span
    regs = [sp["text"] for sp in ev + M["negations"] + M["distractors"] + M["normals"] + M["summaries"]]
    if M.get("gp_priority_text"):
        regs.append(M["gp_priority_text"])
    cover = []
    for s in regs:
        cover.extend(occurrences(text, s))
    allrx = [rx for v in KWC.values() for rx in v] + GENC
    for rx in allrx:
        for m in rx.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in cover):
                ctx = text[max(0, m.start() - 40): m.end() + 40].replace("\n", " ")
                errs.append("unregistered mention %r in ...%s..." % (m.group(0), ctx))
    if HEDGE.search(text):
        errs.append("unclear hedge: %r" % HEDGE.search(text).group(0))
    # ---- GP priority text present
    if M["gp_priority"] is not None:
        if not M.get("gp_priority_text") or M["gp_priority_text"] not in text:
            errs.append("GP priority text missing")
    if L["gp_priority"] != M["gp_priority"]:
        errs.append("gp_priority field mismatch")
    return errs


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    bad = 0
    assert len(letters) == 300 and len(metas) == 300, "expected 300 letters"
    assert [L["id"] for L in letters] == [M["id"] for M in metas], "ids differ"
    assert len({L["id"] for L in letters}) == 300
    for L in letters:
        if set(L) != {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}:
            print(L["id"], "fields", sorted(L))
            bad += 1
    failures = {}
    for L, M in zip(letters, metas):
        e = check_letter(L, M)
        if e:
            failures[L["id"]] = e
    for lid, e in failures.items():
        for x in e:
            print(lid, x)
    rules = Counter(L["rule"] for L in letters)
    urg = Counter(L["urgency"] for L in letters)
    path = Counter(L["pathway"] for L in letters)
    styles = Counter(L["style"] for L in letters)
    print("rules:", dict(sorted(rules.items())))
    print("urgency:", dict(urg))
    print("pathway:", dict(path))
    print("styles (%d):" % len(styles), dict(sorted(styles.items())))
    few = [r for r in TABLE if rules.get(r, 0) < 6]
    if few:
        print("rules with fewer than 6 letters:", few)
        bad += 1
    if len(styles) < 20:
        print("fewer than 20 styles")
        bad += 1
    diff = sum(1 for L in letters if L["gp_priority"] is not None and L["gp_priority"] != L["urgency"])
    none = sum(1 for L in letters if L["gp_priority"] is None)
    print("GP priority differs from label: %d, absent: %d" % (diff, none))
    print("letters failing: %d / %d" % (len(failures), len(letters)))
    sys.exit(1 if failures or bad else 0)


if __name__ == "__main__":
    main()
