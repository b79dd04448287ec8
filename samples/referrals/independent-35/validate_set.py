#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters35 test set.

Does NOT import make_set.py.  It re-implements the rules of
/work/shared/clinical/referral-triage-spec.md from scratch and re-derives every
label from the facts recorded in letters_meta.jsonl, then checks those facts
against the letter text:

  * every label is recomputed from the meta facts, under every combination of the
    readings of the spec's loose words listed in READINGS below and every one of
    a repeated result's values; all must give the letter's rule (otherwise the
    letter would depend on how the spec is read);
  * every positive fact, result and context fact has at least one evidence string,
    and every evidence and distractor string occurs verbatim in the letter text;
  * the numbers in the evidence strings are parsed again (g/dL -> g/L, "<4",
    "negative", "positive at 52", "3x ULN (120)", tables with reference ranges)
    and must equal the meta values;
  * the age is recomputed from the written age (digits or words) and from the date
    of birth against the letter date;
  * no distractor that denies a finding (negated, unticked, hypothetical, refuted,
    resolved) is about a finding the meta says is present;
  * set-level checks: 300 letters, ids, 20 styles x 15 letters, label spelling,
    every urgency >= 25 letters, every pathway present, ages 18-95, share of
    letters whose requested priority disagrees with the label, number of letters
    carrying grammar constructions, sha256 quoted in README.md.

Usage: python3 validate_set.py [folder]      exit status 0 when everything passes.
"""
import collections
import datetime
import hashlib
import itertools
import json
import os
import re
import sys

_ARGS = [a for a in sys.argv[1:] if not a.startswith("-")]
HERE = _ARGS[0] if _ARGS else os.path.dirname(os.path.abspath(__file__))

URGENCY = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAY = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
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
SYMPTOM_FACTS = {"dysphagia", "weight_loss", "upper_abdominal_pain", "lower_abdominal_pain", "reflux", "dyspepsia",
                 "rectal_bleeding", "change_in_bowel_habit", "bloody_diarrhoea", "haematemesis", "jaundice",
                 "confusion", "bloating", "abdominal_mass", "rectal_mass", "anal_mass", "ascites"}
DENYING_KINDS = {"negated", "unticked_box", "hypothetical", "refuted_report", "resolved_past"}
# constructions from the brief's list of sentence structures
GRAMMAR_PREFIXES = ("exception:", "double_negative:", "partial_negative:", "polarity:", "list:", "who:",
                    "voice:", "structure:", "comparison:", "course:")
WEAKER = {"list:and_or", "voice:passive", "structure:finding_as_subject", "double_negative:never_not(nonfact)",
          "course:stopped_and_came_back", "course:superseded_denial"}

# Readings of loose words in the spec.  A letter is acceptable only if every
# combination gives the same rule.
READINGS = [dict(zip(("bloody_diarrhoea_is_rectal_bleeding", "upper_pain_is_abdominal_pain",
                      "dyspepsia_is_abdominal_pain", "upper_pain_is_dyspepsia", "a1_no_other_fact_named_above"), combo))
            for combo in itertools.product((False, True), repeat=5)]


# ------------------------------------------------------------------ rules ----
def decide(f, rd):
    """First matching rule of the spec for fact dict f under reading rd."""
    age, sex = f["age"], f["sex"]
    has = f["present"]
    hb, fer, cal, alt, fit = f["hb"], f["ferritin"], f["calprotectin"], f["alt"], f["fit"]
    anaemia = hb is not None and (hb < 130 if sex == "M" else hb < 120)
    iron_def = fer is not None and fer < 30
    bd = "bloody_diarrhoea" in has
    rectal_bleeding = "rectal_bleeding" in has or (bd and rd["bloody_diarrhoea_is_rectal_bleeding"])
    cibh = "change_in_bowel_habit" in has or (bd and rd["bloody_diarrhoea_is_rectal_bleeding"])
    upper = "upper_abdominal_pain" in has
    dyspepsia = "dyspepsia" in has or (upper and rd["upper_pain_is_dyspepsia"])
    reflux = "reflux" in has
    abdo_pain = ("lower_abdominal_pain" in has or (upper and rd["upper_pain_is_abdominal_pain"])
                 or ("dyspepsia" in has and rd["dyspepsia_is_abdominal_pain"]))
    wl = "weight_loss" in has
    trd = "dyspepsia" in has and f["ppi_weeks"] is not None and f["ppi_weeks"] >= 4 and f["ppi_persisting"]
    if "dysphagia" in has:
        return "U1"
    if "rectal_mass" in has or "anal_mass" in has:
        return "U2"
    if fit == "ge10":
        return "U3"
    if anaemia and iron_def:
        return "U4"
    if age >= 55 and wl and (upper or reflux or dyspepsia):
        return "U5"
    if "abdominal_mass" in has:
        return "U6"
    if age >= 40 and "jaundice" in has:
        return "U7"
    if fit is None and ((age >= 50 and rectal_bleeding) or (age >= 40 and wl and abdo_pain) or (age >= 60 and cibh)):
        return "U8"
    if bd or (cal is not None and cal >= 250):
        return "R1"
    if (f["known_cirrhosis"] and ("ascites" in has or "confusion" in has)) or (alt is not None and alt >= 300):
        return "R2"
    if "haematemesis" in has:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if f["known_ibd_question"]:
        return "O3"
    if f["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver"]:
        return "O5"
    if age < 50 and (abdo_pain or "bloating" in has or cibh) and ((cal is not None and cal < 100) or fit == "lt10"):
        others = False
        if rd["a1_no_other_fact_named_above"]:
            others = bool(has & {"dysphagia", "rectal_mass", "anal_mass", "weight_loss", "upper_abdominal_pain", "reflux",
                                 "dyspepsia", "abdominal_mass", "jaundice", "bloody_diarrhoea", "ascites", "confusion",
                                 "haematemesis"}) or rectal_bleeding or anaemia or iron_def or alt is not None \
                or f["known_cirrhosis"] or f["known_ibd_question"] or f["ttg_raised"] or f["fatty_liver"] or trd
        if not others:
            return "A1"
    if (rectal_bleeding or cibh or abdo_pain) and fit == "lt10":
        return "O6"
    if age < 55 and (dyspepsia or reflux):
        return "A2"
    if f["fh_crc"] and not (has & SYMPTOM_FACTS) and not f["other_symptoms"]:
        return "A3"
    return "D"


def fit_class(x):
    if x.get("qual") in ("negative", "undetectable"):
        return "lt10"
    if x["cmp"] == "<":
        return "lt10" if x["value"] <= 10 else None
    if x["cmp"] == ">":
        return "ge10" if x["value"] >= 10 else None
    return "ge10" if x["value"] >= 10 else "lt10"


def fact_variants(m):
    """All fact dicts to test: one per combination of repeated result values."""
    F = m["facts"]
    v, c = F["values"], F["context"]
    base = {"age": F["age"], "sex": F["sex"], "present": set(F["present"]),
            "known_cirrhosis": bool(c.get("known_cirrhosis")),
            "known_ibd_question": bool(c.get("known_ibd_stable_with_question")),
            "ttg_raised": bool(v.get("ttg", {}).get("raised")),
            "fatty_liver": v.get("liver_imaging") == "fatty liver",
            "ppi_weeks": c["ppi"]["weeks"] if c.get("ppi") else None,
            "ppi_persisting": bool(c.get("ppi", {}).get("symptoms_persisting")),
            "fh_crc": any(x["disease"] == "colorectal_cancer" for x in c.get("family_history", [])),
            "other_symptoms": list(c.get("other_symptoms_not_in_spec", []))}
    series = {"hb": v.get("hb_g_per_l") or [None], "ferritin": v.get("ferritin_ug_per_l") or [None],
              "calprotectin": v.get("calprotectin_ug_per_g") or [None], "alt": v.get("alt_u_per_l") or [None],
              "fit": [fit_class(x) for x in v["fit"]] if v.get("fit") else [None]}
    keys = list(series)
    out = []
    for combo in itertools.product(*(series[k] for k in keys)):
        d = dict(base)
        d.update(zip(keys, combo))
        out.append(d)
    return out


# ------------------------------------------------------------ text checks ----
WORDNUM = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                      "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
WORDNUM.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90})
MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"])}


def words_to_int(s):
    total = 0
    for part in s.split("-"):
        if part not in WORDNUM:
            return None
        total += WORDNUM[part]
    return total


def parse_age(ev):
    m = re.search(r"(?<!\d)(\d{2})(?!\d)", ev)
    if m:
        return int(m.group(1))
    s = ev.lower().replace("aged ", "").replace("-year-old", "").replace(" years old", "").strip()
    return words_to_int(s)


def parse_date(ev, ref_year=None):
    s = ev.lower()
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]+)[ \-](\d{4})", s)
    if m:
        mon = [v for k, v in MONTHS.items() if k.startswith(m.group(2)[:3])]
        if mon:
            return datetime.date(int(m.group(3)), mon[0], int(m.group(1)))
    m = re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", s)
    if m:
        y = int(m.group(3))
        if y < 100:
            y += 2000
            if ref_year is not None and y > ref_year:
                y -= 100
        return datetime.date(y, int(m.group(2)), int(m.group(1)))
    return None


def first_number(ev):
    m = re.search(r"([<>]\s*)?(\d+(?:\.\d+)?)", ev)
    return (m.group(1) or "").strip(), float(m.group(2)) if m else (None, None)


def parse_value(key, ev):
    s = ev
    if key == "alt":
        m = re.search(r"ULN \((\d+)\)", s)
        if m:
            return float(m.group(1))
    m = re.search(r"([<>]\s*)?(\d+(?:\.\d+)?)", s)
    if not m:
        return None
    x = float(m.group(2))
    if key == "hb" and ("g/dl" in s.lower() or x < 25):
        x = round(x * 10)
    return x


def parse_fit(ev):
    s = ev.lower()
    if "negative" in s or "undetectable" in s:
        return "lt10"
    m = re.search(r"([<>]\s*)?(\d+(?:\.\d+)?)", s)
    if not m:
        return None
    cmp_, x = (m.group(1) or "").strip(), float(m.group(2))
    if cmp_ == "<":
        return "lt10" if x <= 10 else None
    if cmp_ == ">":
        return "ge10" if x >= 10 else None
    return "ge10" if x >= 10 else "lt10"


def check_letter(L, m, errors, readings=READINGS):
    lid = L["id"]

    def err(msg):
        errors.append("%s: %s" % (lid, msg))

    text = L["text"]
    for k in ("id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"):
        if k not in L:
            err("missing field " + k)
    if L["urgency"] not in URGENCY:
        err("bad urgency " + str(L["urgency"]))
    if L["pathway"] not in PATHWAY:
        err("bad pathway " + str(L["pathway"]))
    if L["gp_priority"] is not None and L["gp_priority"] not in URGENCY:
        err("gp_priority not in label set")
    if LABELS.get(L["rule"]) != (L["urgency"], L["pathway"]):
        err("rule %s does not give %s/%s" % (L["rule"], L["urgency"], L["pathway"]))
    for k in ("rule", "urgency", "pathway", "style", "gp_priority"):
        if m[k] != L[k]:
            err("meta %s differs" % k)
    if m["facts"]["age"] != L["age"]:
        err("meta age differs")
    if not 18 <= L["age"] <= 95:
        err("age out of range")
    # labels from facts under every reading
    got = set()
    for f in fact_variants(m):
        for rd in readings:
            got.add(decide(f, rd))
    if got != {L["rule"]}:
        err("facts give %s, letter says %s" % (sorted(got), L["rule"]))
    # evidence
    ev = m["evidence"]
    for fact in m["facts"]["present"]:
        if not ev.get(fact):
            err("no evidence for present fact " + fact)
    for key, vkey in (("hb", "hb_g_per_l"), ("ferritin", "ferritin_ug_per_l"), ("fit", "fit"),
                      ("calprotectin", "calprotectin_ug_per_g"), ("alt", "alt_u_per_l"), ("ttg", "ttg"),
                      ("imaging", "liver_imaging")):
        if m["facts"]["values"].get(vkey) is not None and not ev.get(key):
            err("no evidence for value " + key)
    for fact, strs in ev.items():
        for s in strs:
            if s not in text:
                err("evidence for %s not in text: %r" % (fact, s[:60]))
    for d in m["distractors"]:
        if d["text"] not in text:
            err("distractor not in text: %r" % d["text"][:60])
        if d["kind"] in DENYING_KINDS and d["fact"] in m["facts"]["present"]:
            err("present fact %s also written as %s" % (d["fact"], d["kind"]))
        if d["kind"] == "negated" and d["fact"] == "anaemia":
            hb = m["facts"]["values"].get("hb_g_per_l")
            if hb and hb[-1] < (130 if m["facts"]["sex"] == "M" else 120):
                err("anaemia denied although Hb is low")
    # values parsed back from the evidence strings
    vals = m["facts"]["values"]
    for key, vkey in (("hb", "hb_g_per_l"), ("ferritin", "ferritin_ug_per_l"), ("calprotectin", "calprotectin_ug_per_g"),
                      ("alt", "alt_u_per_l")):
        if vals.get(vkey):
            parsed = sorted(parse_value(key, s) for s in ev.get(key, []))
            want = sorted(float(x) for x in vals[vkey])
            if sorted(set(parsed)) != sorted(set(want)):
                err("%s parsed %s from text, meta has %s" % (key, parsed, want))
    if vals.get("fit"):
        parsed = set(parse_fit(s) for s in ev.get("fit", []))
        want = set(fit_class(x) for x in vals["fit"])
        if parsed != want:
            err("fit parsed %s, meta %s" % (parsed, want))
    if vals.get("liver_imaging") == "fatty liver" and not any("fatty" in s.lower() for s in ev.get("imaging", [])):
        err("fatty liver not in imaging evidence")
    if vals.get("ttg", {}).get("raised") and not any(re.search(r"ttg|coeliac serology", s.lower()) for s in ev.get("ttg", [])):
        err("ttg evidence does not name the test")
    ppi = m["facts"]["context"].get("ppi")
    if ppi:
        ppi_ev = " ".join(ev.get("ppi", []))
        if ppi["weeks"] and not re.search(r"\b%d\b" % ppi["weeks"], ppi_ev):
            err("ppi weeks not in evidence")
        if ppi["weeks"] == 0 and not re.search(r"not tried|no ppi", ppi_ev.lower()):
            err("no-ppi statement not in evidence")
    # age
    ages = set()
    for s in ev.get("age", []):
        ages.add(parse_age(s))
    letter_dates = [parse_date(s) for s in ev.get("letter_date", [])]
    letter_dates = [d for d in letter_dates if d]
    ref_year = letter_dates[0].year if letter_dates else None
    dobs = [parse_date(s, ref_year) for s in ev.get("dob", [])]
    dobs = [d for d in dobs if d]
    if dobs and letter_dates:
        d0, ld = dobs[0], letter_dates[0]
        ages.add(ld.year - d0.year - ((ld.month, ld.day) < (d0.month, d0.day)))
    if not ages:
        err("age cannot be read from the letter")
    elif ages != {L["age"]}:
        err("age read from letter %s != %d" % (sorted(a for a in ages if a is not None), L["age"]))
    # sex
    sx = " ".join(ev.get("sex", []))
    if m["facts"]["sex"] == "F":
        ok = re.search(r"\b(Mrs|Ms|Miss)\b|^F$", sx, re.I)
    else:
        ok = re.search(r"\bMr\b|^M$", sx, re.I)
    if not ok:
        err("sex evidence %r does not match %s" % (sx, m["facts"]["sex"]))


def main():
    errors = []
    lp = os.path.join(HERE, "letters.jsonl")
    mp = os.path.join(HERE, "letters_meta.jsonl")
    letters = [json.loads(l) for l in open(lp, encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(mp, encoding="utf-8"))}
    if len(letters) != 300:
        errors.append("expected 300 letters, got %d" % len(letters))
    ids = [l["id"] for l in letters]
    if ids != ["L35-%04d" % i for i in range(1, len(letters) + 1)]:
        errors.append("ids not L35-0001.. in order")
    if len(set(l["text"] for l in letters)) != len(letters):
        errors.append("duplicate letter texts")
    for L in letters:
        if L["id"] not in metas:
            errors.append("%s: no meta" % L["id"])
            continue
        check_letter(L, metas[L["id"]], errors)
    # set-level
    urg = collections.Counter(l["urgency"] for l in letters)
    pat = collections.Counter(l["pathway"] for l in letters)
    rules = collections.Counter(l["rule"] for l in letters)
    styles = collections.Counter(l["style"] for l in letters)
    for u in URGENCY:
        if urg[u] < 25:
            errors.append("urgency %s has only %d letters" % (u, urg[u]))
    for p in PATHWAY:
        if pat[p] == 0:
            errors.append("pathway %s absent" % p)
    if len(styles) != 20 or set(styles.values()) != {15}:
        errors.append("styles are not 20 x 15: %s" % dict(styles))
    kinds = {metas[l["id"]]["style"]: metas[l["id"]]["style_kind"] for l in letters}
    n_ind = sum(1 for k in kinds.values() if k == "individual")
    if n_ind < 12:
        errors.append("only %d individual-writer styles" % n_ind)
    dis = sum(1 for l in letters if l["gp_priority"] is not None and l["gp_priority"] != l["urgency"])
    over = sum(1 for l in letters if l["gp_priority"] is not None and l["gp_priority"] != l["urgency"]
               and URGENCY.index(l["gp_priority"]) < URGENCY.index(l["urgency"]))
    if not 0.4 <= dis / len(letters) <= 0.6:
        errors.append("requested priority disagrees in %d letters (want about half)" % dis)
    gram = [l["id"] for l in letters if any(c.startswith(GRAMMAR_PREFIXES) and c != "double_negative:never_not(nonfact)"
                                            for c in metas[l["id"]]["constructions"])]
    strong = [l["id"] for l in letters if any(c.startswith(GRAMMAR_PREFIXES) and c not in WEAKER
                                              for c in metas[l["id"]]["constructions"])]
    if len(strong) < 150:
        errors.append("only %d letters carry the stressed sentence structures" % len(strong))
    cons = collections.Counter(c for l in letters for c in set(metas[l["id"]]["constructions"]))
    dkinds = collections.Counter(d["kind"] for m in metas.values() for d in m["distractors"])
    slips = sum(1 for m in metas.values() if m["spelling_slips"])
    # README sha
    h = hashlib.sha256(open(lp, "rb").read()).hexdigest()
    rp = os.path.join(HERE, "README.md")
    readme_ok = os.path.exists(rp) and h in open(rp, encoding="utf-8").read()
    if not readme_ok:
        errors.append("README.md does not quote sha256 %s" % h)

    print("letters: %d   sha256(letters.jsonl): %s" % (len(letters), h))
    print("urgency:", dict(sorted(urg.items(), key=lambda kv: URGENCY.index(kv[0]))))
    print("pathway:", dict(sorted(pat.items(), key=lambda kv: PATHWAY.index(kv[0]))))
    order = list(LABELS)
    print("rule:", dict(sorted(rules.items(), key=lambda kv: order.index(kv[0]))))
    print("styles: %d x %s  (%d individual writers, %d forms/templates)" % (len(styles), sorted(set(styles.values())), n_ind, len(styles) - n_ind))
    print("ages: %d-%d" % (min(l["age"] for l in letters), max(l["age"] for l in letters)))
    print("requested priority disagrees with label: %d (%d over-asking, %d under-asking); null: %d" % (
        dis, over, dis - over, sum(1 for l in letters if l["gp_priority"] is None)))
    print("letters with grammar constructions: %d (with the stronger ones: %d)" % (len(gram), len(strong)))
    print("spelling-slip letters: %d" % slips)
    print("distractor kinds:", dict(sorted(dkinds.items())))
    print("readings tested per letter: %d" % len(READINGS))
    if "-v" in sys.argv:
        for k, v in sorted(cons.items()):
            print("  %3d %s" % (v, k))
    if errors:
        print("\nFAIL: %d problem(s)" % len(errors))
        for e in errors[:200]:
            print("  " + e)
        sys.exit(1)
    print("\nPASS: every label re-derived from the meta facts under all %d readings; all evidence found in the texts." % len(READINGS))


if __name__ == "__main__":
    main()
