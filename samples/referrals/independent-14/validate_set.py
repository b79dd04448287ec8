#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters14 test set.

Does NOT import make_set.py.  It re-derives every label from the facts and the values *as
written* recorded in letters_meta.jsonl, using its own implementation of the rules in
/work/shared/clinical/referral-triage-spec.md, and checks that:
  * the label is the same under every alternative reading of the spec's loose words that
    the set is meant to avoid (upper abdominal pain counted as abdominal pain or not; bloody
    diarrhoea counted as rectal bleeding / change in bowel habit or not; reflux counted as
    dyspepsia for O1 or not; "no other fact above" in A1 read as "no earlier rule matched" or
    as "no other clinical fact present"; "no symptoms" in A3 read narrowly or broadly; every
    "uncertain" mention counted or not; age from date of birth +/- 1 year);
  * every evidence and distractor string occurs verbatim in the letter text;
  * every positive fact and value has evidence, and no distractor contradicts a positive fact;
  * the mix asked for by the brief (labels, styles, GP-priority disagreement, noise, ages).
Usage: python3 validate_set.py [--rerun]   (--rerun regenerates in a temp dir and compares bytes)
Exit status 0 when everything passes.
"""
import datetime
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCY = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAY = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
RULES = {  # id -> (urgency, pathway), from the spec's rule table
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
SYMPTOM_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "weight_loss", "upper_abdominal_pain",
                 "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding",
                 "abdominal_pain", "cibh", "bloating", "bloody_diarrhoea", "ascites", "confusion",
                 "haematemesis"]
OTHER_CLINICAL = ["cirrhosis", "ibd_known", "fatty_liver", "fh_crc"]
LEVEL_NAME = {"usc": "urgent_suspected_cancer", "urgent": "urgent", "routine": "routine",
              "advice": "advice_and_guidance"}
RANK = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}

problems = []


def bad(rid, msg):
    problems.append("%s: %s" % (rid, msg))


# ---------------------------------------------------------------- values as written
def one_value(rid, name, recs, conv):
    vals = set()
    for r in recs:
        vals.add(conv(r))
    if len(vals) != 1:
        bad(rid, "%s written inconsistently: %s" % (name, sorted(vals)))
    return vals.pop() if vals else None


def hb_gl(r):
    if r["unit"] == "g/dL":
        return int(round(r["value"] * 10))
    assert r["unit"] == "g/L", r
    return int(r["value"])


def fit_level(r):
    """(number, exact) - for '<x' the number is strictly below x; qualitative = below 10"""
    k = r["kind"]
    if k == "num":
        return float(r["value"])
    if k == "above":
        return float(r["value"]) + 1
    if k == "below":
        return float(r["value"]) - 0.01
    if k == "qual":
        assert r["text"] in ("negative", "not detected", "undetectable"), r
        return 0.0
    raise ValueError(r)


def calpro_level(r):
    if r["kind"] == "num":
        return float(r["value"])
    return float(r["value"]) - 0.01


def ttg_raised(r):
    if "above" in r:
        return r["raised"] and r["above"] > r["ref"]
    if r["raised"] != (r["value"] >= r["ref"]):
        raise ValueError("tTG flag inconsistent %r" % r)
    return r["raised"]


# ---------------------------------------------------------------- the rules
def label(fx, *, upper_counts_as_abdominal=False, bloody_diarrhoea_is_bleeding=False,
          bloody_diarrhoea_is_cibh=False, reflux_is_dyspepsia=False, a1_other_facts_strict=False,
          a3_symptoms_broad=False, age_delta=0, extra=()):
    x = dict(fx)
    for k in extra:
        x[k] = True
    age = x["age"] + age_delta
    anaemic = x["hb"] is not None and x["hb"] < (130 if x["sex"] == "M" else 120)
    iron_def = x["ferritin"] is not None and x["ferritin"] < 30
    fit = x["fit"]
    cal = x["calprotectin"]
    alt = x["alt"]
    pain = x["abdominal_pain"] or (upper_counts_as_abdominal and x["upper_abdominal_pain"])
    bleed = x["rectal_bleeding"] or (bloody_diarrhoea_is_bleeding and x["bloody_diarrhoea"])
    bowel = x["cibh"] or (bloody_diarrhoea_is_cibh and x["bloody_diarrhoea"])
    dys = x["dyspepsia"] or (reflux_is_dyspepsia and x["reflux"])
    trd = dys and x["ppi_weeks"] is not None and x["ppi_weeks"] >= 4
    table = [
        ("U1", lambda: x["dysphagia"]),
        ("U2", lambda: x["rectal_mass"] or x["anal_mass"]),
        ("U3", lambda: fit is not None and fit >= 10),
        ("U4", lambda: anaemic and iron_def),
        ("U5", lambda: age >= 55 and x["weight_loss"] and (x["upper_abdominal_pain"] or x["reflux"] or dys)),
        ("U6", lambda: x["abdominal_mass"]),
        ("U7", lambda: age >= 40 and x["jaundice"]),
        ("U8", lambda: fit is None and ((age >= 50 and bleed) or (age >= 40 and x["weight_loss"] and pain)
                                        or (age >= 60 and bowel))),
        ("R1", lambda: x["bloody_diarrhoea"] or (cal is not None and cal >= 250)),
        ("R2", lambda: (x["cirrhosis"] and (x["ascites"] or x["confusion"])) or (alt is not None and alt >= 300)),
        ("R3", lambda: x["haematemesis"]),
        ("O1", lambda: age >= 55 and trd),
        ("O2", lambda: cal is not None and 100 <= cal <= 249.99),
        ("O3", lambda: x["ibd_known"] and x["ibd_stable"] and x["ibd_question"]),
        ("O4", lambda: x["ttg_raised"]),
        ("O5", lambda: (alt is not None and 40 <= alt <= 299) or x["fatty_liver"]),
        ("A1", lambda: age < 50 and (pain or x["bloating"] or bowel)
         and ((cal is not None and cal < 100) or (fit is not None and fit < 10))
         and not (a1_other_facts_strict and a1_others(x, anaemic, iron_def))),
        ("O6", lambda: (bleed or bowel or pain) and fit is not None and fit < 10),
        ("A2", lambda: age < 55 and (x["dyspepsia"] or x["reflux"])),
        ("A3", lambda: x["fh_crc"] and not symptomatic(x, anaemic, iron_def, a3_symptoms_broad)),
    ]
    for rid, pred in table:
        if pred():
            return rid
    return "D"


def a1_others(x, anaemic, iron_def):
    keys = [k for k in SYMPTOM_FACTS if k not in ("abdominal_pain", "bloating", "cibh")]
    return any(x[k] for k in keys) or any(x[k] for k in OTHER_CLINICAL) or anaemic or iron_def \
        or x["ttg_raised"] or x["alt"] is not None or x["ppi_weeks"] is not None or bool(x["other_findings"])


def symptomatic(x, anaemic, iron_def, broad):
    s = any(x[k] for k in SYMPTOM_FACTS) or bool(x["other_findings"])
    if broad:
        s = s or anaemic or iron_def or x["ttg_raised"] or x["fatty_liver"] or x["cirrhosis"] \
            or x["ibd_known"] or (x["alt"] is not None and x["alt"] >= 40) \
            or (x["calprotectin"] is not None and x["calprotectin"] >= 100)
    return s


READING_KEYS = ["upper_counts_as_abdominal", "bloody_diarrhoea_is_bleeding", "bloody_diarrhoea_is_cibh",
                "reflux_is_dyspepsia", "a1_other_facts_strict", "a3_symptoms_broad"]


def all_labels(fx, uncertain, dob_based):
    out = set()
    extras = [()] + [(u,) for u in uncertain] + ([tuple(uncertain)] if uncertain else [])
    deltas = (-1, 0, 1) if dob_based else (0,)
    for combo in itertools.product((False, True), repeat=len(READING_KEYS)):
        kw = dict(zip(READING_KEYS, combo))
        for dlt in deltas:
            for ex in extras:
                out.add(label(fx, age_delta=dlt, extra=ex, **kw))
    return out


# ---------------------------------------------------------------- per-letter checks
def years_between(dob, when):
    a = when.year - dob.year
    if (when.month, when.day) < (dob.month, dob.day):
        a -= 1
    return a


def check_letter(L, M):
    rid = L["id"]
    text = L["text"]
    for k in ("id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"):
        if k not in L:
            bad(rid, "missing field " + k)
    if L["urgency"] not in URGENCY:
        bad(rid, "urgency spelled wrongly")
    if L["pathway"] not in PATHWAY:
        bad(rid, "pathway spelled wrongly")
    if L["rule"] not in RULES or RULES[L["rule"]] != (L["urgency"], L["pathway"]):
        bad(rid, "rule/labels mismatch")
    if M["id"] != rid or M["rule"] != L["rule"] or M["style"] != L["style"]:
        bad(rid, "meta does not match letter")
    F = M["facts"]
    if not (18 <= L["age"] <= 95) or L["age"] != F["age"]:
        bad(rid, "age out of range or inconsistent")
    dob = datetime.date.fromisoformat(M["date_of_birth"])
    ld = datetime.date.fromisoformat(M["letter_date"])
    if years_between(dob, ld) != F["age"]:
        bad(rid, "age does not follow from DOB and letter date")
    dob_based = M["age_source"] != "stated"
    ev = M["evidence"]
    if dob_based:
        for k in ("dob", "letter_date"):
            if k not in ev:
                bad(rid, "age from DOB but no %s evidence" % k)
    else:
        if "age" not in ev:
            bad(rid, "age stated but no evidence")
        elif not any(str(F["age"]) in s or spelled(F["age"]) in s for s in ev["age"]):
            bad(rid, "age evidence does not show the age: %r" % ev["age"])
    # sex
    pat = ev.get("patient", [""])[0]
    title = pat.split(",")[-1] if "," in pat else pat
    is_m = bool(re.search(r"\bMr\b", title))
    is_f = bool(re.search(r"\b(Mrs|Ms|Miss)\b", title))
    if (F["sex"] == "M") != is_m or (F["sex"] == "F") != is_f:
        bad(rid, "sex not shown consistently by title: %r" % pat)
    # values as written
    vals = M["values"]
    fx = dict(F)
    fx["hb"] = one_value(rid, "hb", vals["hb"], hb_gl) if "hb" in vals else None
    fx["ferritin"] = one_value(rid, "ferritin", vals["ferritin"], lambda r: r["value"]) if "ferritin" in vals else None
    fx["fit"] = one_value(rid, "fit", vals["fit"], fit_level) if "fit" in vals else None
    fx["calprotectin"] = one_value(rid, "calprotectin", vals["calprotectin"], calpro_level) if "calprotectin" in vals else None
    fx["alt"] = one_value(rid, "alt", vals["alt"], lambda r: r["value"]) if "alt" in vals else None
    try:
        fx["ttg_raised"] = one_value(rid, "ttg", vals["ttg"], ttg_raised) if "ttg" in vals else False
    except ValueError as e:
        bad(rid, str(e))
        fx["ttg_raised"] = False
    for k, recs in vals.items():
        for r in recs:
            if not number_shown(r):
                bad(rid, "%s record does not match its written text: %r" % (k, r))
            wl = r["written"].lower()
            if k == "fit":
                pos = fit_level(r) >= 10
                if ("positive" in wl and not pos) or ("negative" in wl and pos) or ("not detected" in wl and pos):
                    bad(rid, "FIT polarity word contradicts the value: %r" % r["written"])
            if k == "ttg":
                if ("positive" in wl and not r["raised"]) or ("negative" in wl and r["raised"]):
                    bad(rid, "tTG polarity word contradicts the value: %r" % r["written"])
            if r["written"] not in text:
                bad(rid, "value text not in letter: %r" % r["written"])
            if r["written"] not in ev.get(k, []):
                bad(rid, "value text not recorded as evidence: %r" % r["written"])
    # evidence for every positive fact
    for k in SYMPTOM_FACTS + OTHER_CLINICAL + ["ibd_stable", "ibd_question"]:
        if F[k] and k not in ev:
            bad(rid, "positive fact without evidence: " + k)
        if not F[k] and k in ev:
            bad(rid, "evidence for a fact that is false: " + k)
    for o in F["other_findings"]:
        if "other:" + o not in ev:
            bad(rid, "other finding without evidence: " + o)
    if F["ppi_weeks"] is not None and "ppi_weeks" not in ev:
        bad(rid, "PPI duration without evidence")
    for k, lst in ev.items():
        for s in lst:
            if not s or s not in text:
                bad(rid, "evidence not in text (%s): %r" % (k, s))
    # distractors: in text, and not contradicting a positive fact
    anaemic = fx["hb"] is not None and fx["hb"] < (130 if F["sex"] == "M" else 120)
    iron_def = fx["ferritin"] is not None and fx["ferritin"] < 30
    uncertain = []
    for d in M["distractors"]:
        for s in d["text"]:
            if not s or s not in text:
                bad(rid, "distractor text not in letter: %r" % s)
        fact = d["fact"]
        kind = d["kind"]
        if kind == "uncertain":
            uncertain.append(fact)
        if kind in ("negated", "resolved_past", "hypothetical", "uncertain", "unticked_box"):
            if fact in F and isinstance(F[fact], bool) and F[fact]:
                bad(rid, "%s distractor for a positive fact %s" % (kind, fact))
            if fact == "ida" and anaemic and iron_def:
                bad(rid, "unticked IDA box but IDA present")
            if fact == "anaemia" and anaemic:
                bad(rid, "resolved anaemia but anaemic now")
        if kind == "normal_value":
            if fact == "anaemia" and anaemic:
                bad(rid, "normal Hb distractor but anaemic")
            if fact == "iron_deficiency" and iron_def:
                bad(rid, "normal ferritin distractor but iron deficient")
            if fact == "alt_40_299" and not (fx["alt"] is not None and fx["alt"] < 40):
                bad(rid, "normal ALT distractor but ALT not normal")
            if fact == "coeliac_serology" and fx["ttg_raised"]:
                bad(rid, "negative serology distractor but raised")
        if kind == "result_awaited" and fact in ("fit", "calprotectin", "ttg") and fx.get(fact if fact != "ttg" else "ttg_raised") not in (None, False):
            bad(rid, "result awaited but a result is given: " + fact)
    for u in uncertain:
        if u not in F:
            bad(rid, "uncertain mention of unknown fact " + u)
    # the label
    labs = all_labels(fx, uncertain, dob_based)
    if labs != {L["rule"]}:
        bad(rid, "label not robust / wrong: expected %s, readings give %s" % (L["rule"], sorted(labs)))
    # GP priority
    lvl = M["gp_priority_level"]
    if (lvl is None) != (L["gp_priority"] is None):
        bad(rid, "gp_priority null mismatch")
    if lvl is not None:
        if lvl not in LEVEL_NAME:
            bad(rid, "unknown gp priority level")
        elif (LEVEL_NAME[lvl] != L["urgency"]) != bool(M["gp_priority_disagrees"]):
            bad(rid, "gp_priority_disagrees flag wrong")
        for s in M["gp_priority_text"]:
            if s not in text:
                bad(rid, "request text not in letter")
    # leftovers from templating
    if re.search(r"\{[A-Za-z_0-9]+\}", text):
        bad(rid, "template residue in text")
    for m in re.finditer(r"\b(None|True|False|nan)\b", text):
        before = text[:m.start()].rstrip(" ")
        if m.group(1) != "None" or before[-1:] not in (":", "-", "\t", "\n", "|"):
            bad(rid, "python value in text near %r" % text[max(0, m.start() - 30):m.end() + 10])
    if ".." in text.replace("...", "") or " ." in text or ".;" in text or "?." in text or ",," in text:
        bad(rid, "punctuation residue")
    return fx


def number_forms(v):
    forms = set()
    if isinstance(v, float) and not v.is_integer():
        forms.add("%.1f" % v)
        whole, frac = int(v), int(round((v - int(v)) * 10))
        forms.add("%s point %s" % (spelled_any(whole), spelled_any(frac)))
    else:
        forms.add(str(int(v)))
        forms.add(spelled_any(int(v)))
    return forms


def number_shown(r):
    w = r["written"]
    if r.get("kind") == "qual":
        return r["text"] in w
    if "above" in r:
        return str(r["above"]) in w
    v = r.get("value")
    if v is None:
        return False
    forms = number_forms(v)
    if r.get("kind") == "below":
        return any(re.search(r"(<\s*|less than |below )" + re.escape(f) + r"\b", w) for f in forms)
    return any(re.search(r"(?<![\d.])" + re.escape(f) + r"(?![\d])", w) for f in forms)


def spelled_any(n):
    if n < 100:
        return spelled(n)
    if n < 1000:
        h, r = divmod(n, 100)
        return spelled(h) + " hundred" + (" and " + spelled_any(r) if r else "")
    th, r = divmod(n, 1000)
    if r == 0:
        return spelled_any(th) + " thousand"
    if r < 100:
        return spelled_any(th) + " thousand and " + spelled_any(r)
    return spelled_any(th) + " thousand, " + spelled_any(r)


def spelled(n):
    ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if n < 20:
        return ones[n]
    t, o = divmod(n, 10)
    return tens[t] + ("-" + ones[o] if o else "")


# ---------------------------------------------------------------- set-level checks
def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    if len(letters) != 300 or len(metas) != 300:
        problems.append("expected 300 letters and 300 meta lines")
    ids = [x["id"] for x in letters]
    if ids != ["L14-%04d" % i for i in range(1, 301)]:
        problems.append("ids not L14-0001..L14-0300 in order")
    texts = set()
    for L, M in zip(letters, metas):
        check_letter(L, M)
        if L["text"] in texts:
            problems.append("%s: duplicate text" % L["id"])
        texts.add(L["text"])
    count = lambda key: {v: sum(1 for x in letters if x[key] == v) for v in sorted(set(x[key] for x in letters))}
    urg, path, rule, style = count("urgency"), count("pathway"), count("rule"), count("style")
    for u in URGENCY:
        if urg.get(u, 0) < 25:
            problems.append("fewer than 25 letters for " + u)
    for p in PATHWAY:
        if not path.get(p):
            problems.append("pathway missing: " + p)
    if len(style) < 30:
        problems.append("fewer than 30 styles")
    n_dis = sum(1 for m in metas if m["gp_priority_disagrees"])
    over = sum(1 for m, l in zip(metas, letters) if m["gp_priority_level"] and RANK[LEVEL_NAME[m["gp_priority_level"]]] > RANK[l["urgency"]])
    under = sum(1 for m, l in zip(metas, letters) if m["gp_priority_level"] and RANK[LEVEL_NAME[m["gp_priority_level"]]] < RANK[l["urgency"]])
    if not (120 <= n_dis <= 180) or over == 0 or under == 0:
        problems.append("GP priority disagreement not about half with both directions (%d, over %d, under %d)" % (n_dis, over, under))
    n_noise = sum(1 for m in metas if m["noise"])
    if not (20 <= n_noise <= 40):
        problems.append("noise not about 10%% (%d)" % n_noise)
    n_plain = sum(1 for m in metas if m["plain_gp_letter"])
    if not (85 <= n_plain <= 115):
        problems.append("plain GP letters not about a third (%d)" % n_plain)
    share = {u: urg.get(u, 0) / 300.0 for u in URGENCY}
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read() if os.path.exists(os.path.join(HERE, "README.md")) else ""
    if sha not in readme:
        problems.append("README does not carry the sha256 of letters.jsonl")
    if "--rerun" in sys.argv:
        tmp = tempfile.mkdtemp()
        try:
            shutil.copy(os.path.join(HERE, "make_set.py"), tmp)
            if os.path.exists(os.path.join(HERE, "second_pass.tsv")):
                shutil.copy(os.path.join(HERE, "second_pass.tsv"), tmp)
            subprocess.run([sys.executable, os.path.join(tmp, "make_set.py")], check=True)
            for fn in ("letters.jsonl", "letters_meta.jsonl", "README.md"):
                a = open(os.path.join(HERE, fn), "rb").read()
                b = open(os.path.join(tmp, fn), "rb").read()
                if a != b:
                    problems.append("rerun differs: " + fn)
        finally:
            shutil.rmtree(tmp)
    print("letters: %d" % len(letters))
    print("urgency: %s" % json.dumps(urg))
    print("urgency share: %s" % json.dumps({k: round(v, 3) for k, v in share.items()}))
    print("pathway: %s" % json.dumps(path))
    print("rule: %s" % json.dumps(rule))
    print("styles: %d distinct" % len(style))
    print("gp priority disagrees: %d (over-asking %d, under-asking %d), null %d" % (
        n_dis, over, under, sum(1 for m in metas if m["gp_priority_level"] is None)))
    print("noisy letters: %d; plain GP letters: %d" % (n_noise, n_plain))
    print("sha256 letters.jsonl: %s" % sha)
    if problems:
        print("FAIL: %d problem(s)" % len(problems))
        for p in problems[:200]:
            print("  " + p)
        sys.exit(1)
    print("PASS: every label re-derived from the meta facts under all readings; all checks passed")


if __name__ == "__main__":
    main()
