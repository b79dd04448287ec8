#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters23 test set.

Does NOT import make_set.py.  Re-derives every label from the facts recorded in
letters_meta.jsonl using its own reading of the spec
(/work/shared/clinical/referral-triage-spec.md), checks that every evidence and
distractor string is really in the letter, that every red-flag word in a letter
is accounted for, that near-line letters really change label across the line,
that ages follow from date of birth and letter date, and the mix the brief asks for.

Usage: python3 validate_set.py      (exit status 0 when everything passes)
"""
import collections
import datetime as dt
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SPEC_TABLE = {  # rule id -> (urgency, pathway), copied from the spec's rule table
    "U1": ("urgent_suspected_cancer", "upper_gi"), "U2": ("urgent_suspected_cancer", "lower_gi"),
    "U3": ("urgent_suspected_cancer", "lower_gi"), "U4": ("urgent_suspected_cancer", "lower_gi"),
    "U5": ("urgent_suspected_cancer", "upper_gi"), "U6": ("urgent_suspected_cancer", "lower_gi"),
    "U7": ("urgent_suspected_cancer", "hepatology"), "U8": ("urgent_suspected_cancer", "lower_gi"),
    "R1": ("urgent", "ibd"), "R2": ("urgent", "hepatology"), "R3": ("urgent", "upper_gi"),
    "O1": ("routine", "upper_gi"), "O2": ("routine", "ibd"), "O3": ("advice_and_guidance", "ibd"),
    "O4": ("routine", "general_gi"), "O5": ("routine", "hepatology"), "A1": ("advice_and_guidance", "general_gi"),
    "O6": ("routine", "general_gi"), "A2": ("advice_and_guidance", "upper_gi"), "A3": ("advice_and_guidance", "lower_gi"),
    "D": ("routine", "general_gi"),
}
URG = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATH = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]


class Unclear(Exception):
    pass


# ---------------------------------------------------------------- values
def below(value, op, limit):
    """True if a reported value is below limit, False if at/above, Unclear otherwise."""
    if op == "=":
        return value < limit
    if op == "<":          # "<v" means somewhere below v
        if value <= limit:
            return True
        raise Unclear
    if op == ">":          # ">v" means somewhere above v
        if value >= limit:
            return False
        raise Unclear
    raise ValueError(op)


def current(lab):
    """(value, op) of the newest result of a lab entry in the meta."""
    v, op = lab["value"], lab["op"]
    if lab.get("older_value") is not None:
        if dt.date.fromisoformat(lab["older_date"]) > dt.date.fromisoformat(lab["date"]):
            v, op = lab["older_value"], "="
    return v, op


def lab_reading(name, lab):
    if lab.get("format") in ("negative", "undetectable"):
        return (10, "<")          # the spec: "negative"/"undetectable" mean below 10
    v, op = current(lab)
    if name == "hb" and lab.get("unit") == "g/dL":
        v = v * 10
    return v, op


def age_from(dob, on):
    a = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        a -= 1
    return a


# ---------------------------------------------------------------- the rules, my own reading
def label(f, alt=()):
    """First matching rule.  alt: names of alternative readings of loose words."""
    sy = set(f["symptoms"])
    age = f["age"]
    labs = f["labs"]
    hist = f["history"]

    def lab(name):
        return lab_reading(name, labs[name]) if name in labs else None

    def lab_below(name, limit):
        x = lab(name)
        return None if x is None else below(x[0], x[1], limit)

    hb_low = lab_below("hb", 130 if f["sex"] == "M" else 120)
    fer_low = lab_below("ferritin", 30)
    fit_low = lab_below("fit", 10)
    cal100, cal250 = lab_below("calpro", 100), lab_below("calpro", 250)
    alt40, alt300 = lab_below("alt", 40), lab_below("alt", 300)
    fit_given = "fit" in labs
    ttg_raised = "ttg" in labs and labs["ttg"].get("format") == "raised"
    fatty = bool(f.get("fatty_liver_imaging"))
    ppi = f.get("ppi")

    bleeding = "rectal_bleeding" in sy or ("bloody_diarrhoea_is_bleeding" in alt and "bloody_diarrhoea" in sy)
    bowel_change = "cibh" in sy or ("bloody_diarrhoea_is_bleeding" in alt and "bloody_diarrhoea" in sy)
    tummy_pain = "lower_abdo_pain" in sy or ("epigastric_is_abdominal" in alt and "upper_abdo_pain" in sy) or \
        ("dyspepsia_is_abdominal" in alt and "dyspepsia" in sy)
    dysp = "dyspepsia" in sy or ("reflux_is_dyspepsia" in alt and "reflux" in sy) or \
        ("epigastric_is_dyspepsia" in alt and "upper_abdo_pain" in sy)
    resistant = dysp and ppi is not None and ppi["is_ppi"] and ppi["weeks"] >= 4

    if "dysphagia" in sy:
        return "U1"
    if sy & {"rectal_mass", "anal_mass", "anal_ulcer"}:
        return "U2"
    if fit_low is False:
        return "U3"
    if hb_low and fer_low:
        return "U4"
    if age >= 55 and "weight_loss" in sy and sy & {"upper_abdo_pain", "reflux", "dyspepsia"}:
        return "U5"
    if "abdominal_mass" in sy:
        return "U6"
    if age >= 40 and "jaundice" in sy:
        return "U7"
    if not fit_given:
        if (age >= 50 and bleeding) or (age >= 40 and "weight_loss" in sy and tummy_pain) or (age >= 60 and bowel_change):
            return "U8"
    if "bloody_diarrhoea" in sy or cal250 is False:
        return "R1"
    if (hist.get("known_cirrhosis") and sy & {"ascites", "confusion"}) or alt300 is False:
        return "R2"
    if "haematemesis" in sy:
        return "R3"
    if age >= 55 and resistant:
        return "O1"
    if cal100 is False and cal250 is True:
        return "O2"
    if hist.get("known_ibd") and hist.get("ibd_stable_with_question"):
        return "O3"
    if ttg_raised:
        return "O4"
    if (alt40 is False and alt300 is True) or fatty:
        return "O5"
    a1_symptom = tummy_pain or "bloating" in sy or bowel_change
    if age < 50 and a1_symptom and (cal100 is True or fit_low is True):
        ok = True
        if "a1_nothing_else_at_all" in alt:
            mine = {"lower_abdo_pain", "bloating", "cibh"}
            if "epigastric_is_abdominal" in alt:
                mine.add("upper_abdo_pain")
            if "dyspepsia_is_abdominal" in alt:
                mine.add("dyspepsia")
            ok = not (sy - mine) and not hb_low and not fer_low and ppi is None and \
                not hist.get("known_cirrhosis") and not hist.get("known_ibd") and \
                not hist.get("family_history_colorectal_cancer")
        if ok:
            return "A1"
    if (bleeding or bowel_change or tummy_pain) and fit_low is True:
        return "O6"
    if age < 55 and ("dyspepsia" in sy or "reflux" in sy or ("epigastric_is_dyspepsia" in alt and "upper_abdo_pain" in sy)):
        return "A2"
    if hist.get("family_history_colorectal_cancer") and not sy:
        abnormal = hb_low or fer_low or alt40 is False or ttg_raised or fatty
        if not ("a3_results_count" in alt and abnormal):
            return "A3"
    return "D"


ALTS = ["bloody_diarrhoea_is_bleeding", "epigastric_is_abdominal", "dyspepsia_is_abdominal", "reflux_is_dyspepsia",
        "epigastric_is_dyspepsia", "a1_nothing_else_at_all", "a3_results_count"]


def all_readings(f):
    out = set()
    for n in range(len(ALTS) + 1):
        for combo in itertools.combinations(ALTS, n):
            try:
                out.add(label(f, combo))
            except Unclear:
                out.add("UNCLEAR")
    return out


def other_side(f, nl):
    g = json.loads(json.dumps(f))
    p, v = nl["param"], nl["other_side"]
    if p == "age":
        g["age"] = v
    elif p == "ppi":
        g["ppi"]["weeks"] = v
    elif p == "series":
        lab = g["labs"][nl["lab"]]
        lab["value"], lab["older_value"] = lab["older_value"], lab["value"]
    else:
        g["labs"][p] = {"value": v, "op": "=", "unit": None if p != "hb" else "g/L", "format": None}
    return g


# ---------------------------------------------------------------- words that must be accounted for
KEYWORDS = [r"dysphag", r"swallow", r"jaund", r"yellow", r"haematemes", r"vomit", r"\bmass(es)?\b", r"ulcer",
            r"weight", r"\bwt\b", r"\bkg\b", r"bleed", r"\bbld\b", r"\bblood\b", r"bloody", r"\bq?fit\b",
            r"calprotectin", r"\bfcp\b", r"\balt\b", r"transaminase", r"\bhb\b", r"haemoglobin", r"ferritin",
            r"reflux", r"heartburn", r"dyspeps", r"indigestion", r"cirrho", r"ascit", r"confus", r"disorientat",
            r"coeliac", r"\bttg\b", r"ttg-iga", r"fatty", r"steatosis", r"echobright", r"bowel habit", r"\bcibh\b",
            r"loose", r"diarrh", r"pain", r"bloat", r"\bppi\b", r"prazole", r"famotidine", r"colitis", r"crohn",
            r"\buc\b", r"\bibd\b", r"cancer", r"carcinoma", r"nausea", r"\btired", r"\btatt\b"]


def covered_spans(text, strings):
    spans = []
    for s in strings:
        if not s:
            continue
        start = 0
        while True:
            j = text.find(s, start)
            if j < 0:
                break
            spans.append((j, j + len(s)))
            start = j + 1
    return spans


DATE_RES = [
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "num"),
    (re.compile(r"\b(\d{1,2})[ -](Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*[ -](\d{4})\b", re.I), "mon"),
]
MON = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}


def dates_in(text):
    out = []
    for rx, kind in DATE_RES:
        for m in rx.finditer(text):
            try:
                if kind == "num":
                    out.append(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
                else:
                    out.append(dt.date(int(m.group(3)), MON[m.group(2).lower()[:3]], int(m.group(1))))
            except ValueError:
                pass
    return out


# ---------------------------------------------------------------- main
def main():
    letters = [json.loads(x) for x in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(x) for x in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errors, warnings = [], []

    def err(i, msg):
        errors.append("%s: %s" % (i, msg))

    ids = [l["id"] for l in letters]
    if len(letters) != 300:
        errors.append("expected 300 letters, found %d" % len(letters))
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    near_count = 0
    ambiguous_free = 0
    for l in letters:
        i = l["id"]
        m = metas.get(i)
        if m is None:
            err(i, "no meta")
            continue
        keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
        if list(l.keys()) != keys:
            err(i, "fields %s" % list(l.keys()))
        if l["urgency"] not in URG or l["pathway"] not in PATH:
            err(i, "label spelling")
        if SPEC_TABLE.get(l["rule"]) != (l["urgency"], l["pathway"]):
            err(i, "rule %s does not give %s/%s" % (l["rule"], l["urgency"], l["pathway"]))
        f = m["facts"]
        text = l["text"]
        # --- age
        dob, on = dt.date.fromisoformat(f["dob"]), dt.date.fromisoformat(f["letter_date"])
        a = age_from(dob, on)
        if a != f["age"] or a != l["age"]:
            err(i, "age %s from dob/date, meta %s, letter %s" % (a, f["age"], l["age"]))
        if not 18 <= a <= 95:
            err(i, "age out of range")
        ev = collections.defaultdict(list)
        for e in m["evidence"]:
            ev[e["fact"]].append(e["text"])
        if f["age_display"].startswith("dob_only"):
            if "age" in ev:
                err(i, "dob-only letter states an age")
            if re.search(r"\b\d{2}\s*(-year-old|yo\b|years old|y/o)|\baged \d|\bage: \d", text, re.I):
                err(i, "dob-only letter has an age in the text")
            if not ev.get("dob") or not ev.get("letter_date"):
                err(i, "dob-only letter lacks dob/date evidence")
            if f["age_display"] != "dob_only":
                for d in dates_in(text):
                    if d.year > 1990 and age_from(dob, d) != a:
                        err(i, "a date in the letter (%s) gives a different age" % d)
        else:
            want = str(a) if f["age_display"] == "number" else None
            if not ev.get("age"):
                err(i, "no age evidence")
            elif want and not any(want in s for s in ev["age"]):
                err(i, "age evidence does not show %s" % want)
        if "hb" in f["labs"] and not ev.get("sex"):
            err(i, "Hb given but sex not evidenced")
        # --- every positive fact has evidence
        for s in f["symptoms"]:
            if not ev.get(s):
                err(i, "no evidence for symptom %s" % s)
        for name in f["labs"]:
            if not ev.get(name):
                err(i, "no evidence for lab %s" % name)
        if f["ppi"] and f["ppi"]["is_ppi"] and not ev.get("ppi"):
            err(i, "no evidence for PPI")
        if f["fatty_liver_imaging"] and not ev.get("fatty_liver"):
            err(i, "no evidence for imaging")
        for h in f["history"]:
            key = {"known_cirrhosis": "known_cirrhosis", "known_ibd": "known_ibd", "ibd_stable_with_question": None,
                   "family_history_colorectal_cancer": "fh_crc"}[h]
            if key and not ev.get(key):
                err(i, "no evidence for %s" % h)
        if f["history"].get("ibd_stable_with_question") and not ev.get("ibd_question"):
            err(i, "no evidence for the management question")
        # --- strings really present
        for e in m["evidence"]:
            if e["text"] not in text:
                err(i, "evidence not in text: %r" % e["text"])
        for d in m["distractors"]:
            if d["text"] not in text:
                err(i, "distractor not in text: %r" % d["text"])
            if d["kind"] in ("negated", "resolved_past", "hypothetical", "refuted_report", "explained") and \
                    d["fact"] in f["symptoms"]:
                err(i, "distractor %s for a positive fact %s" % (d["kind"], d["fact"]))
        # --- every red-flag word accounted for
        low = text.lower()
        spans = covered_spans(text, [e["text"] for e in m["evidence"]] + [d["text"] for d in m["distractors"]] +
                              m["neutral_mentions"])
        for kw in KEYWORDS:
            for mm in re.finditer(kw, low):
                if not any(s <= mm.start() and mm.end() <= e for s, e in spans):
                    err(i, "unaccounted %r at %r" % (mm.group(0), text[max(0, mm.start() - 30):mm.end() + 30]))
        # --- the label
        try:
            mine = label(f)
        except Unclear:
            err(i, "my reading finds a value on an unclear side of a line")
            continue
        if mine != l["rule"]:
            err(i, "my reading gives %s, letter says %s" % (mine, l["rule"]))
        readings = all_readings(f)
        if readings != {l["rule"]}:
            err(i, "loose readings give %s" % sorted(readings))
        else:
            ambiguous_free += 1
        # --- near the line
        for nl in m["near_line"]:
            g = other_side(f, nl)
            flips = all_readings(g)
            if l["rule"] in flips:
                err(i, "near-line %s: the other side still gives %s" % (nl["param"], l["rule"]))
        if m["near_line"]:
            near_count += 1
    # ---------------- mix
    cu = collections.Counter(l["urgency"] for l in letters)
    cp = collections.Counter(l["pathway"] for l in letters)
    cr = collections.Counter(l["rule"] for l in letters)
    cs = collections.Counter(l["style"] for l in letters)
    for u in URG:
        if cu[u] < 25:
            errors.append("only %d letters are %s" % (cu[u], u))
    for p in PATH:
        if cp[p] == 0:
            errors.append("no %s letter" % p)
    if len(cs) < 30:
        errors.append("only %d layouts" % len(cs))
    if near_count < 90:
        errors.append("only %d near-line letters" % near_count)
    rank = {u: k for k, u in enumerate(URG)}
    dis = over = under = none = 0
    for l in letters:
        r = metas[l["id"]]["requested_urgency"]
        if r is None:
            none += 1
            if l["gp_priority"] is not None:
                errors.append("%s: gp_priority without a request" % l["id"])
            continue
        if l["gp_priority"] is None:
            errors.append("%s: request but gp_priority null" % l["id"])
        if r != l["urgency"]:
            dis += 1
            if rank[r] < rank[l["urgency"]]:
                over += 1
            else:
                under += 1
    if not 0.4 <= dis / len(letters) <= 0.6:
        errors.append("writer's priority disagrees in %d letters" % dis)
    gp = sum(v for k, v in cs.items() if k.startswith("gp_"))
    noisy = sum(1 for m in metas.values() if m["noise"])
    ages = [l["age"] for l in letters]
    print("letters: %d   layouts: %d (ordinary GP letters %d)" % (len(letters), len(cs), gp))
    print("urgency:", dict(sorted(cu.items(), key=lambda x: URG.index(x[0]))))
    print("pathway:", dict(sorted(cp.items(), key=lambda x: PATH.index(x[0]))))
    print("rule:", dict(sorted(cr.items(), key=lambda x: list(SPEC_TABLE).index(x[0]))))
    print("style:", dict(sorted(cs.items())))
    print("ages %d-%d; near-line letters %d; labels stable under all %d readings: %d" % (
        min(ages), max(ages), near_count, 2 ** len(ALTS), ambiguous_free))
    print("writer's priority: disagrees %d (over-asks %d, under-asks %d), agrees %d, none stated %d" % (
        dis, over, under, len(letters) - dis - none, none))
    print("letters with light noise: %d" % noisy)
    for w in warnings:
        print("WARNING", w)
    if errors:
        for e in errors[:200]:
            print("ERROR", e)
        print("FAILED: %d errors" % len(errors))
        return 1
    print("PASSED: all checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
