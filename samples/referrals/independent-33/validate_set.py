#!/usr/bin/env python3
"""validate_set.py -- independent re-check of the letters33 test set.

Does NOT import make_set.py.  It re-derives every label from the facts stored
in letters_meta.jsonl with its own reading of
/work/shared/clinical/referral-triage-spec.md, re-reads the written numbers
(units, "<", words, dates of birth) from the evidence strings, checks that all
evidence and distractor strings are in the letter text, that every red-flag
word in a letter is accounted for, and checks the mix the brief asks for.

Usage:  python3 validate_set.py [--no-rerun]
(--no-rerun skips the determinism check, which runs make_set.py twice in a
temporary copy with different PYTHONHASHSEED values.)
Exit status 0 when every check passes.
"""
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCIES = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAYS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
# the spec's rule table, typed out again here
SPEC = [("U1", "urgent_suspected_cancer", "upper_gi"), ("U2", "urgent_suspected_cancer", "lower_gi"),
        ("U3", "urgent_suspected_cancer", "lower_gi"), ("U4", "urgent_suspected_cancer", "lower_gi"),
        ("U5", "urgent_suspected_cancer", "upper_gi"), ("U6", "urgent_suspected_cancer", "lower_gi"),
        ("U7", "urgent_suspected_cancer", "hepatology"), ("U8", "urgent_suspected_cancer", "lower_gi"),
        ("R1", "urgent", "ibd"), ("R2", "urgent", "hepatology"), ("R3", "urgent", "upper_gi"),
        ("O1", "routine", "upper_gi"), ("O2", "routine", "ibd"), ("O3", "advice_and_guidance", "ibd"),
        ("O4", "routine", "general_gi"), ("O5", "routine", "hepatology"),
        ("A1", "advice_and_guidance", "general_gi"), ("O6", "routine", "general_gi"),
        ("A2", "advice_and_guidance", "upper_gi"), ("A3", "advice_and_guidance", "lower_gi"),
        ("D", "routine", "general_gi")]
LABEL_OF = {r: (u, p) for r, u, p in SPEC}
FORM_STYLES = {"ers_structured_template", "lower_gi_2ww_form", "upper_gi_2ww_form", "gastro_symptom_checklist_form"}
SYMPTOMS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "upper_abdo_pain", "abdo_pain", "reflux",
            "dyspepsia", "weight_loss", "abdo_mass", "jaundice", "rectal_bleeding", "cibh", "bloody_diarrhoea",
            "haematemesis", "bloating", "ascites", "confusion", "other_symptom"}
NON_SYMPTOM_FACTS = {"cirrhosis", "ibd_known", "ibd_stable_q", "fatty_liver", "fh_crc", "asymptomatic"}
DIS_KINDS = {"negated", "family_history", "family_history_value", "resolved_past", "hypothetical",
             "normal_value", "previous_value", "pending", "dose", "identifier", "target", "unticked_box",
             "reported_refuted", "explained", "other_person", "gp_request", "impression", "observations",
             "measurement", "no_result"}

problems = []


def bad(lid, msg):
    problems.append("%s: %s" % (lid, msg))


# ---------------------------------------------------------------------------
# re-reading written numbers
# ---------------------------------------------------------------------------
WORDNUM = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                       "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}


def word_number(s):
    s = s.lower().strip()
    if s in WORDNUM:
        return WORDNUM[s]
    if s in TENS:
        return TENS[s]
    if "-" in s:
        a, b = s.split("-", 1)
        if a in TENS and b in WORDNUM:
            return TENS[a] + WORDNUM[b]
    return None


def parse_age_text(t):
    t = t.strip()
    m = re.search(r"aged (\d+) and (\d+) months", t, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"(\d+)\s*-?\s*(?:year-old|y/o|yo\b)", t, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"(?:aged\s+)?(\d+)\s*[MF]?$", t)
    if m:
        return int(m.group(1))
    m = re.search(r"(?:aged\s+)?([a-z]+(?:-[a-z]+)?)(?:-year-old)?$", t, re.I)
    if m:
        return word_number(m.group(1).replace("-year-old", ""))
    return None


MONTHS = {m.lower(): i + 1 for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
                                                  "August", "September", "October", "November", "December"])}


def parse_date(t):
    t = t.strip().lower()
    m = re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", t)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 2000 if y < 50 else 1900
        return dt.date(y, mo, d)
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)[ -](\d{4})", t)
    if m:
        mon = m.group(2)
        for name, num in MONTHS.items():
            if name.startswith(mon[:3]):
                return dt.date(int(m.group(3)), num, int(m.group(1)))
    return None


def years_between(dob, date):
    return date.year - dob.year - ((date.month, date.day) < (dob.month, dob.day))


def parse_hb(w):
    v = float(w["value"])
    unit = (w.get("unit") or "").lower()
    if "dl" in unit or (not unit and v < 25):
        return round(v * 10)
    return round(v)


def parse_fit(w):
    """-> (number or None, at_or_above_10 bool).  '< 4', 'undetectable', 'negative' mean below 10 (spec)."""
    v = w["value"].strip().lower()
    if v in ("negative", "undetectable"):
        return None, False
    m = re.match(r"<\s*(\d+)", v)
    if m:
        if int(m.group(1)) > 10:
            raise ValueError("FIT '<%s' does not say which side of 10" % m.group(1))
        return None, False
    m = re.match(r">\s*(\d+)", v)
    if m:
        if int(m.group(1)) < 9:
            raise ValueError("FIT '>%s' does not say which side of 10" % m.group(1))
        return None, True
    m = re.match(r"positive at (\d+)", v)
    if m:
        return int(m.group(1)), int(m.group(1)) >= 10
    x = float(v)
    return x, x >= 10


def parse_ttg(w, evidence):
    """raised = value above the upper reference limit written beside it."""
    v = w["value"].strip().lower()
    refm = None
    for e in evidence:
        el = e.lower()
        i = el.find(v)
        if i < 0:
            continue
        m = re.search(r"<\s*(\d+)", el[i + len(v):])
        if m:
            refm = int(m.group(1))
            break
    if v == "negative":
        return False, refm
    if v.startswith(">"):
        return True, refm
    x = float(v)
    if refm is None:
        return None, None
    return x >= refm, refm


def parse_ppi_weeks(s, letter_date):
    s = s.strip().lower()
    m = re.match(r"(\d+)/52", s)
    if m:
        return float(m.group(1))
    m = re.match(r"(\d+) weeks", s)
    if m:
        return float(m.group(1))
    m = re.match(r"([a-z-]+) weeks", s)
    if m and word_number(m.group(1)) is not None:
        return float(word_number(m.group(1)))
    m = re.match(r"([a-z]+) months", s)
    if m and word_number(m.group(1)) is not None:
        return word_number(m.group(1)) * 52 / 12.0
    m = re.match(r"(\d+) days", s)
    if m:
        return int(m.group(1)) / 7.0
    m = re.match(r"since (.*)", s)
    if m:
        d = parse_date(m.group(1))
        return (letter_date - d).days / 7.0
    return None


# ---------------------------------------------------------------------------
# the rules, from the facts
# ---------------------------------------------------------------------------
def readings():
    keys = ["upper_counts_as_abdominal_pain", "upper_counts_as_dyspepsia", "a1_no_other_fact_strict",
            "bloody_diarrhoea_counts_as_bleeding_and_cibh", "loose_stools_plus_bleeding_is_bloody_diarrhoea"]
    out = []
    for i in range(32):
        out.append({k: bool(i >> j & 1) for j, k in enumerate(keys)})
    return out


def rule_for(F, rd, flips=()):
    sy = set(F["symptoms"])
    for k in flips:
        sy ^= {k}
    has = sy.__contains__
    age, sex = F["age"], F["sex"]
    hb = F["hb"]
    anaemic = hb is not None and ((sex == "M" and hb < 130) or (sex == "F" and hb < 120))
    iron_def = F["ferritin"] is not None and F["ferritin"] < 30
    fit = F["fit_below10"]            # None = no FIT result in the letter
    fit_high = fit is False
    fit_low = fit is True
    cal, alt = F["calpro"], F["alt"]
    upper = has("upper_abdo_pain")
    abdominal_pain = has("abdo_pain") or (upper and rd["upper_counts_as_abdominal_pain"])
    dyspepsia = has("dyspepsia") or (upper and rd["upper_counts_as_dyspepsia"])
    bd = has("bloody_diarrhoea") or (rd["loose_stools_plus_bleeding_is_bloody_diarrhoea"] and has("rectal_bleeding")
                                     and has("cibh") and F["cibh_type"] == "loose")
    bleeding = has("rectal_bleeding") or (rd["bloody_diarrhoea_counts_as_bleeding_and_cibh"] and has("bloody_diarrhoea"))
    cibh = has("cibh") or (rd["bloody_diarrhoea_counts_as_bleeding_and_cibh"] and has("bloody_diarrhoea"))
    wl = has("weight_loss")
    ttg_pos = F["ttg_raised"] is True
    trd = dyspepsia and F["ppi_weeks"] is not None and F["ppi_weeks"] >= 4 and F["ppi_persisting"]
    checks = [
        ("U1", has("dysphagia")),
        ("U2", has("rectal_mass") or has("anal_mass") or has("anal_ulcer")),
        ("U3", fit_high),
        ("U4", anaemic and iron_def),
        ("U5", age >= 55 and wl and (upper or has("reflux") or dyspepsia)),
        ("U6", has("abdo_mass")),
        ("U7", age >= 40 and has("jaundice")),
        ("U8", fit is None and ((age >= 50 and bleeding) or (age >= 40 and wl and abdominal_pain) or
                                (age >= 60 and cibh))),
        ("R1", bd or (cal is not None and cal >= 250)),
        ("R2", (has("cirrhosis") and (has("ascites") or has("confusion"))) or (alt is not None and alt >= 300)),
        ("R3", has("haematemesis")),
        ("O1", age >= 55 and trd),
        ("O2", cal is not None and 100 <= cal <= 249),
        ("O3", has("ibd_stable_q")),
        ("O4", ttg_pos),
        ("O5", (alt is not None and 40 <= alt <= 299) or has("fatty_liver")),
    ]
    for rid, ok in checks:
        if ok:
            return rid
    others = [has("dysphagia"), has("rectal_mass"), has("anal_mass"), has("anal_ulcer"), fit_high, anaemic,
              iron_def, wl, upper and not rd["upper_counts_as_abdominal_pain"], has("reflux"), dyspepsia,
              has("abdo_mass"), has("jaundice"), bleeding, bd, cal is not None and cal >= 100, has("cirrhosis"),
              has("ascites"), has("confusion"), alt is not None and alt >= 40, has("haematemesis"), ttg_pos,
              has("ibd_stable_q"), has("ibd_known"), has("fatty_liver")]
    other = any(others) if rd["a1_no_other_fact_strict"] else False
    if age < 50 and (abdominal_pain or has("bloating") or cibh) and \
            ((cal is not None and cal < 100) or fit_low) and not other:
        return "A1"
    if (bleeding or cibh or abdominal_pain) and fit_low:
        return "O6"
    if age < 55 and (dyspepsia or has("reflux")):
        return "A2"
    if has("fh_crc") and has("asymptomatic") and not (sy & SYMPTOMS):
        return "A3"
    return "D"


def all_rules(F):
    vague = list(F["vague"])
    out = set()
    for rd in readings():
        for i in range(2 ** len(vague)):
            fl = [v for j, v in enumerate(vague) if i >> j & 1]
            out.add(rule_for(F, rd, fl))
    return out


# ---------------------------------------------------------------------------
# red-flag words must all be accounted for
# ---------------------------------------------------------------------------
RED_WORDS = re.compile(
    r"dysphag|swallow|haematemes|vomit|jaundic|icteric|yellow|\bmass(?:es)?\b|\blump|ulcer|cirrho|ascites|"
    r"confus|muddled|weight|\bwt\b|\bbmi\b|stone|bleed|\bblood\b(?! tests?| pressure| count| results?| form)|"
    r"bloody|diarrh|constipat|bowel habit|\bcibh\b|\bloose|pain|bloat|dyspeps|indigestion|reflux|heartburn|"
    r"\bq?fit\b|faecal immuno|calprotectin|\bfcp\b|ferritin|\bhb\b|haemoglobin|\bhgb\b|\balt\b|transaminase|"
    r"\bttg\b|coeliac|colitis|crohn|\bibd\b|\buc\b|fatty liver|steatosis|nafld|masld|cancer|\bca\b|\bppi\b|"
    r"prazole|\bida\b", re.I)


def covered_spans(text, strings):
    spans = []
    for s in strings:
        if not s:
            continue
        start = 0
        while True:
            i = text.find(s, start)
            if i < 0:
                break
            spans.append((i, i + len(s)))
            start = i + 1
    return spans


# ---------------------------------------------------------------------------
def main():
    rerun = "--no-rerun" not in sys.argv
    L = [json.loads(x) for x in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    M = {m["id"]: m for m in (json.loads(x) for x in open(os.path.join(HERE, "letters_meta.jsonl"),
                                                          encoding="utf-8"))}
    checked = Counter()
    # ---- schema -------------------------------------------------------------
    if len(L) != 300:
        bad("set", "expected 300 letters, found %d" % len(L))
    ids = [x["id"] for x in L]
    if ids != ["L33-%04d" % i for i in range(1, 301)]:
        bad("set", "ids are not L33-0001..L33-0300 in order")
    keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
    numeric_letters, near_letters = 0, 0
    disagree, over, under = 0, 0, 0
    for x in L:
        lid = x["id"]
        if list(x.keys()) != keys:
            bad(lid, "fields %s" % list(x.keys()))
        if x["urgency"] not in URGENCIES or x["pathway"] not in PATHWAYS or x["rule"] not in LABEL_OF:
            bad(lid, "label spelling")
            continue
        if LABEL_OF[x["rule"]] != (x["urgency"], x["pathway"]):
            bad(lid, "rule %s does not give %s/%s" % (x["rule"], x["urgency"], x["pathway"]))
        if not (18 <= x["age"] <= 95):
            bad(lid, "age %s out of 18-95" % x["age"])
        m = M.get(lid)
        if m is None:
            bad(lid, "no meta")
            continue
        text = x["text"]
        ev = m["evidence"]
        fa = m["facts"]
        # ---- every evidence / distractor / boilerplate string is in the text
        for fct, strs in ev.items():
            for s in strs:
                if s not in text:
                    bad(lid, "evidence for %s not in text: %r" % (fct, s[:60]))
        for d in m["distractors"]:
            if d["kind"] not in DIS_KINDS:
                bad(lid, "unknown distractor kind %s" % d["kind"])
            if d["text"] not in text:
                bad(lid, "distractor not in text: %r" % d["text"][:60])
        for b in m["boilerplate"]:
            if b not in text:
                bad(lid, "boilerplate not in text")
        checked["strings"] += 1
        # ---- every positive fact has evidence
        for s in fa["symptoms"]:
            if s not in ev:
                bad(lid, "positive fact %s has no evidence string" % s)
        if fa["weight_loss_numbers"] and "weight_loss" not in fa["symptoms"]:
            bad(lid, "weight numbers without weight loss fact")
        # ---- ages: written age and DOB against the letter date
        age = fa["age"]
        if age != x["age"]:
            bad(lid, "age differs between letter and meta")
        dob = dt.date.fromisoformat(fa["dob"])
        ld = dt.date.fromisoformat(fa["letter_date"])
        if years_between(dob, ld) != age:
            bad(lid, "DOB %s and letter date %s do not give age %d" % (dob, ld, age))
        for s in ev.get("dob", []):
            d = parse_date(s)
            if d != dob:
                bad(lid, "DOB string %r does not read as %s" % (s, dob))
        for s in ev.get("letter_date", []):
            d = parse_date(s)
            if d != ld:
                bad(lid, "letter date string %r does not read as %s" % (s, ld))
        if not ev.get("letter_date"):
            bad(lid, "no letter date evidence")
        if fa["age_mode"] == "dob":
            if not ev.get("dob"):
                bad(lid, "age only from DOB but no DOB string")
            if ev.get("age"):
                bad(lid, "age mode dob but an age string is registered")
        else:
            if not ev.get("age"):
                bad(lid, "no age string")
            for s in ev.get("age", []):
                a = parse_age_text(s)
                if a != age:
                    bad(lid, "age string %r reads as %s, not %d" % (s, a, age))
        checked["ages"] += 1
        # ---- values re-read from their written form
        W = m["written_values"]
        F = {"age": age, "sex": fa["sex"], "symptoms": list(fa["symptoms"]), "cibh_type": fa["cibh_type"],
             "vague": fa["vague"], "hb": None, "ferritin": None, "fit_below10": None, "calpro": None, "alt": None,
             "ttg_raised": None, "ppi_weeks": None, "ppi_persisting": fa["dyspepsia_persisting_on_ppi"]}
        metav = {"hb": fa["hb_g_per_l"], "ferritin": fa["ferritin_ug_per_l"], "fit": fa["fit"],
                 "calpro": fa["calprotectin_ug_per_g"], "alt": fa["alt_u_per_l"], "ttg": fa["ttg"]}
        for k, mv in metav.items():
            if mv is None:
                if k in W:
                    bad(lid, "written value for absent %s" % k)
                continue
            ws = W.get(k) or []
            evs = ev.get("value:" + k, [])
            if not ws or not evs:
                bad(lid, "value %s has no written form / evidence" % k)
                continue
            for w in ws:
                if not any(w["value"] in e for e in evs):
                    bad(lid, "written %s %r not inside its evidence" % (k, w["value"]))
            try:
                if k == "hb":
                    vals = {parse_hb(w) for w in ws}
                    if vals != {mv}:
                        bad(lid, "Hb written %s reads %s, meta %s" % (ws, vals, mv))
                    F["hb"] = vals.pop()
                elif k == "ferritin":
                    vals = {float(w["value"]) for w in ws}
                    if vals != {mv}:
                        bad(lid, "ferritin reads %s, meta %s" % (vals, mv))
                    F["ferritin"] = mv
                elif k == "calpro":
                    vals = {float(w["value"]) for w in ws}
                    if vals != {mv}:
                        bad(lid, "calprotectin reads %s, meta %s" % (vals, mv))
                    F["calpro"] = mv
                elif k == "alt":
                    vals = {float(w["value"]) for w in ws}
                    if vals != {mv}:
                        bad(lid, "ALT reads %s, meta %s" % (vals, mv))
                    F["alt"] = mv
                elif k == "fit":
                    sides = {parse_fit(w)[1] for w in ws}
                    if sides != {not mv["below_10"]}:
                        bad(lid, "FIT written %s reads >=10 %s, meta below_10 %s" % (ws, sides, mv["below_10"]))
                    F["fit_below10"] = not sides.pop()
                elif k == "ttg":
                    res = {parse_ttg(w, evs) for w in ws}
                    raised = {r[0] for r in res}
                    if raised != {mv["raised"]}:
                        bad(lid, "tTG written %s reads raised=%s, meta %s" % (ws, raised, mv["raised"]))
                    F["ttg_raised"] = mv["raised"]
            except ValueError as e:
                bad(lid, "cannot read %s: %s" % (k, e))
        # FIT mentioned but without a result must not be in the facts as a result
        # ---- PPI duration
        if fa["dyspepsia_persisting_on_ppi"]:
            wk = parse_ppi_weeks(fa["ppi_written"], ld)
            if wk is None:
                bad(lid, "cannot read PPI duration %r" % fa["ppi_written"])
            else:
                if (wk >= 4) != (fa["ppi_weeks"] >= 4):
                    bad(lid, "PPI duration %r on the other side of 4 weeks" % fa["ppi_written"])
                if 3.5 < wk < 4 or 4 < wk < 4.5:
                    bad(lid, "PPI duration %r too close to 4 weeks to read" % fa["ppi_written"])
                F["ppi_weeks"] = wk
            if not any(fa["ppi_written"] in e for e in ev.get("ppi", [])):
                bad(lid, "PPI duration not inside PPI evidence")
        # ---- weight loss numbers
        wn = fa["weight_loss_numbers"]
        if wn:
            then, now = wn["then"], wn["now"]
            if wn["mode"] == "stlb":
                if not (then[0] * 14 + then[1] > now[0] * 14 + now[1]):
                    bad(lid, "stones/pounds do not fall")
            elif wn["mode"] != "stone":
                if not (then > now):
                    bad(lid, "weight/BMI does not fall")
                ws = ev.get("weight_loss", [])
                snow = ("%.1f" % now).rstrip("0").rstrip(".")
                if not any(snow in e for e in ws):
                    bad(lid, "current weight %s not in weight evidence" % snow)
        # ---- derived form rows agree with the values
        anaemic = F["hb"] is not None and F["hb"] < (130 if fa["sex"] == "M" else 120)
        ida = anaemic and F["ferritin"] is not None and F["ferritin"] < 30
        if ev.get("ida_row") and not ida:
            bad(lid, "IDA row ticked but values are not IDA")
        for d in m["distractors"]:
            if d["about"] == "ida_row" and d["kind"] in ("negated", "unticked_box") and ida:
                bad(lid, "IDA row says no but values are IDA")
            if d["about"] == "age_row" and age >= 55:
                bad(lid, "age row says no but age >= 55")
        if ev.get("age_row") and age < 55:
            bad(lid, "age row ticked but age < 55")
        # ---- the label
        rules = all_rules(F)
        if len(rules) != 1:
            bad(lid, "label depends on how a loose word is read: %s" % sorted(rules))
        elif rules != {x["rule"]}:
            bad(lid, "facts give %s, letter says %s" % (rules, x["rule"]))
        checked["labels"] += 1
        # ---- red-flag words are all inside evidence or distractors
        strs = [s for v in ev.values() for s in v] + [d["text"] for d in m["distractors"]] + m["boilerplate"]
        spans = covered_spans(text, strs)
        for mm in RED_WORDS.finditer(text):
            a, b = mm.start(), mm.end()
            if not any(p <= a and b <= q for p, q in spans):
                bad(lid, "red-flag word %r not accounted for: ...%s..." % (mm.group(0), text[max(0, a - 30):b + 30]))
                break
        # ---- numbers that decide, values near a line (re-derived here)
        base = x["rule"]

        def flips_to(mod):
            G = json.loads(json.dumps(F))
            mod(G)
            return base not in all_rules(G)
        dec, near = [], []
        for line in (40, 50, 55, 60):
            o = line - 1 if age >= line else line
            if flips_to(lambda G, o=o: G.__setitem__("age", o)):
                dec.append("age")
                if line - 2 <= age <= line + 1:
                    near.append("age%d" % line)
        thr = 130 if fa["sex"] == "M" else 120
        if F["hb"] is not None and flips_to(lambda G: G.__setitem__("hb", thr - 1 if F["hb"] >= thr else thr)):
            dec.append("hb")
            if thr - 6 <= F["hb"] <= thr + 5:
                near.append("hb")
        for k, lines, win in (("ferritin", (30,), 8), ("calpro", (100, 250), 15), ("alt", (40, 300), 20)):
            if F[k] is None:
                continue
            for ln in lines:
                if flips_to(lambda G, k=k, ln=ln: G.__setitem__(k, ln - 1 if F[k] >= ln else ln)):
                    dec.append(k)
                    if abs(F[k] - ln) <= win:
                        near.append("%s%d" % (k, ln))
        if F["fit_below10"] is not None:
            if flips_to(lambda G: G.__setitem__("fit_below10", not F["fit_below10"])) or \
                    flips_to(lambda G: G.__setitem__("fit_below10", None)):
                dec.append("fit")
                fv = fa["fit"]
                if fv["kind"] == "num" and 5 <= fv["value"] <= 14:
                    near.append("fit")
        if F["ttg_raised"] is not None and flips_to(lambda G: G.__setitem__("ttg_raised", not F["ttg_raised"])):
            dec.append("ttg")
        if F["ppi_weeks"] is not None and flips_to(lambda G: G.__setitem__("ppi_weeks", 3 if F["ppi_weeks"] >= 4 else 4)):
            dec.append("ppi")
            if 2 <= F["ppi_weeks"] <= 6:
                near.append("ppi")
        if wn and wn["mode"] != "stone" and flips_to(lambda G: G["symptoms"].remove("weight_loss")):
            dec.append("weight")
        numeric_letters += bool(dec)
        near_letters += bool(near)
        # ---- writer's request against the label
        code = m["gp_priority_code"]
        if (code is None) != (x["gp_priority"] is None):
            bad(lid, "gp_priority and its code disagree")
        if code is not None:
            rank = {"ag": 0, "routine": 1, "urgent": 2, "usc": 3}[code]
            lab = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}[x["urgency"]]
            if rank != lab:
                disagree += 1
                over += rank > lab
                under += rank < lab
    # ---- the mix ---------------------------------------------------------------
    uc = Counter(x["urgency"] for x in L)
    pc = Counter(x["pathway"] for x in L)
    rc = Counter(x["rule"] for x in L)
    sc = Counter(x["style"] for x in L)
    for u in URGENCIES:
        if uc[u] < 25:
            bad("mix", "only %d letters %s" % (uc[u], u))
    for p in PATHWAYS:
        if pc[p] == 0:
            bad("mix", "no %s letter" % p)
    if len(sc) != 20 or set(sc.values()) != {15}:
        bad("mix", "layouts are not 20 x 15: %s" % dict(sc))
    indiv = [s for s in sc if s not in FORM_STYLES]
    if len(indiv) < 12:
        bad("mix", "only %d individual writers" % len(indiv))
    if numeric_letters < 150:
        bad("mix", "only %d letters decided through numbers" % numeric_letters)
    if near_letters < 60:
        bad("mix", "only %d letters near a line" % near_letters)
    if not (0.4 <= disagree / 300.0 <= 0.6) or over == 0 or under == 0:
        bad("mix", "writer's priority disagrees in %d letters (over %d, under %d)" % (disagree, over, under))
    noisy = sum(1 for m in M.values() if m.get("noisy_typos"))
    if not (15 <= noisy <= 45):
        bad("mix", "%d letters with spelling slips" % noisy)
    # ---- sha256 in README --------------------------------------------------------
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    readme = os.path.join(HERE, "README.md")
    if os.path.exists(readme):
        if sha not in open(readme, encoding="utf-8").read():
            bad("readme", "sha256 of letters.jsonl (%s) not in README.md" % sha)
    else:
        bad("readme", "README.md missing")
    # ---- determinism --------------------------------------------------------------
    if rerun:
        shas = []
        for seed in ("1", "4242"):
            tmp = tempfile.mkdtemp(prefix="l33_")
            shutil.copy(os.path.join(HERE, "make_set.py"), tmp)
            env = dict(os.environ, PYTHONHASHSEED=seed)
            subprocess.run([sys.executable, os.path.join(tmp, "make_set.py")], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            shas.append((hashlib.sha256(open(os.path.join(tmp, "letters.jsonl"), "rb").read()).hexdigest(),
                         hashlib.sha256(open(os.path.join(tmp, "letters_meta.jsonl"), "rb").read()).hexdigest()))
            shutil.rmtree(tmp)
        meta_sha = hashlib.sha256(open(os.path.join(HERE, "letters_meta.jsonl"), "rb").read()).hexdigest()
        if shas[0] != shas[1] or shas[0] != (sha, meta_sha):
            bad("determinism", "rerun gives different files")
    # ---- report ---------------------------------------------------------------------
    print("letters: %d   urgency: %s" % (len(L), dict(uc)))
    print("pathway: %s" % dict(pc))
    print("rules: %s" % dict(sorted(rc.items())))
    print("layouts: %d x %s; individual writers: %d" % (len(sc), sorted(set(sc.values())), len(indiv)))
    print("decided through numbers: %d   near a line: %d" % (numeric_letters, near_letters))
    print("writer's priority disagrees: %d (over-asking %d, under-asking %d)   spelling slips: %d" %
          (disagree, over, under, noisy))
    print("labels re-derived: %d   determinism rerun: %s" % (checked["labels"], "done" if rerun else "skipped"))
    if problems:
        print("FAIL: %d problem(s)" % len(problems))
        for p in problems[:60]:
            print("  " + p)
        sys.exit(1)
    print("PASS: all checks")


if __name__ == "__main__":
    main()
