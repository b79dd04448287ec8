#!/usr/bin/env python3
"""Independent re-check of letters15 (does NOT import make_set.py).

For every letter: re-derives the rule from the meta facts with its own
implementation of the spec's rule table (first match wins), under every
combination of the alternative readings of the spec's loose words (the label
must not depend on the reading), checks that every evidence and distractor
string occurs in the text, that the values shown in the evidence match the
facts (units converted, FIT/calprotectin words parsed), that the age follows
from the stated age or from DOB against the letter date, that uncertain
mentions would not change the label even if they counted, that NHS numbers
pass the modulus 11 check, and the set-level mix. Exit status 0 = pass.
"""
import datetime as dt
import itertools
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCY = {"urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"}
PATHWAY = {"lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"}
TABLE = {  # rule id -> (urgency, pathway), copied by hand from the spec
    "U1": "urgent_suspected_cancer upper_gi", "U2": "urgent_suspected_cancer lower_gi",
    "U3": "urgent_suspected_cancer lower_gi", "U4": "urgent_suspected_cancer lower_gi",
    "U5": "urgent_suspected_cancer upper_gi", "U6": "urgent_suspected_cancer lower_gi",
    "U7": "urgent_suspected_cancer hepatology", "U8": "urgent_suspected_cancer lower_gi",
    "R1": "urgent ibd", "R2": "urgent hepatology", "R3": "urgent upper_gi",
    "O1": "routine upper_gi", "O2": "routine ibd", "O3": "advice_and_guidance ibd", "O4": "routine general_gi",
    "O5": "routine hepatology", "A1": "advice_and_guidance general_gi", "O6": "routine general_gi",
    "A2": "advice_and_guidance upper_gi", "A3": "advice_and_guidance lower_gi", "D": "routine general_gi"}
SYMPTOMS = ["dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_pain", "lower_pain", "reflux",
            "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "bloody_diarrhoea", "haematemesis", "bloating",
            "ascites", "confusion"]


def rule_of(x, upper_counts_as_abdo, reflux_counts_as_dysp, rb_plus_loose_is_bd, bd_counts_as_rb, strict_a1):
    def has(k):
        return bool(x.get(k))
    age = x["age"]
    hb, fer, fit, cal, alt = x["hb"], x["ferritin"], x["fit"], x["calpro"], x["alt"]
    anaemic = hb is not None and ((x["sex"] == "M" and hb < 130) or (x["sex"] == "F" and hb < 120))
    iron_def = fer is not None and fer < 30
    bleeding = has("rectal_bleeding") or (bd_counts_as_rb and has("bloody_diarrhoea"))
    bowel_change = x["cibh"] is not None or (bd_counts_as_rb and has("bloody_diarrhoea"))
    abdo_pain = has("lower_pain") or (upper_counts_as_abdo and has("upper_pain"))
    bloody = has("bloody_diarrhoea") or (rb_plus_loose_is_bd and has("rectal_bleeding") and x["cibh"] == "loose")
    dysp = has("dyspepsia") or (reflux_counts_as_dysp and has("reflux"))
    checks = [
        ("U1", has("dysphagia")),
        ("U2", has("rectal_mass") or has("anal_mass") or has("anal_ulcer")),
        ("U3", fit is not None and fit >= 10),
        ("U4", anaemic and iron_def),
        ("U5", age >= 55 and has("weight_loss") and (has("upper_pain") or has("reflux") or has("dyspepsia"))),
        ("U6", has("abdominal_mass")),
        ("U7", age >= 40 and has("jaundice")),
        ("U8", fit is None and ((age >= 50 and bleeding) or (age >= 40 and has("weight_loss") and abdo_pain)
                                or (age >= 60 and bowel_change))),
        ("R1", bloody or (cal is not None and cal >= 250)),
        ("R2", (has("cirrhosis") and (has("ascites") or has("confusion"))) or (alt is not None and alt >= 300)),
        ("R3", has("haematemesis")),
        ("O1", age >= 55 and dysp and x["ppi_weeks"] is not None and x["ppi_weeks"] >= 4),
        ("O2", cal is not None and 100 <= cal < 250),
        ("O3", bool(x["known_ibd"]) and has("ibd_stable") and bool(x["mgmt_question"])),
        ("O4", has("ttg_raised")),
        ("O5", (alt is not None and 40 <= alt < 300) or has("fatty_liver")),
    ]
    for rid, ok in checks:
        if ok:
            return rid
    others = strict_a1 and (bleeding or has("weight_loss") or anaemic or iron_def or has("jaundice") or has("dyspepsia")
                            or has("reflux") or has("upper_pain") or has("haematemesis") or has("cirrhosis")
                            or bool(x["known_ibd"]) or has("bloody_diarrhoea"))
    low_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and (abdo_pain or has("bloating") or bowel_change) and low_test and not others:
        return "A1"
    if (bleeding or bowel_change or abdo_pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (has("dyspepsia") or has("reflux")):
        return "A2"
    if has("fh_crc") and not any(has(k) for k in SYMPTOMS) and x["cibh"] is None:
        return "A3"
    return "D"


def all_rules(x):
    return {rule_of(x, *combo) for combo in itertools.product([False, True], repeat=5)}


MON = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def parse_date(s):
    s = s.strip()
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.search(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), MON[m.group(2).lower()], int(m.group(1)))
    return None


ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def words_to_int(s):
    total, cur = 0, 0
    for w in re.split(r"[\s-]+", s.lower()):
        if w in ONES:
            cur += ONES.index(w)
        elif w in TENS:
            cur += TENS[w]
        elif w == "hundred":
            cur *= 100
        elif w == "thousand":
            total += cur * 1000
            cur = 0
        elif w == "and":
            continue
        else:
            return None
    return total + cur


def numbers_in(s):
    out = [float(v) for v in re.findall(r"(?<![\d.])\d+(?:\.\d+)?", s)]
    w = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|zero|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|and)"
    for m in re.finditer(r"\b((?:%s\b[\s-]*)+)(?:point((?:\s+(?:zero|one|two|three|four|five|six|seven|eight|nine)\b)+))?" % w, s.lower()):
        v = words_to_int(m.group(1).strip().rstrip("-").replace(" and", " and").strip())
        if v is None:
            continue
        if m.group(2):
            digs = "".join(str(ONES.index(w)) for w in m.group(2).split())
            out.append(float("%d.%s" % (v, digs)))
        else:
            out.append(float(v))
    return out


def nhs_ok(n):
    d = [int(ch) for ch in n.replace(" ", "")]
    if len(d) != 10:
        return False
    c = 11 - sum(v * (10 - i) for i, v in enumerate(d[:9])) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def main():
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = {m["id"]: m for m in (json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    errs = []

    def bad(lid, msg):
        errs.append("%s: %s" % (lid, msg))

    if len(letters) != 300:
        errs.append("expected 300 letters, got %d" % len(letters))
    for n, L in enumerate(letters):
        lid = L["id"]
        if lid != "L15-%04d" % (n + 1):
            bad(lid, "id out of sequence")
        if set(L) != {"id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"}:
            bad(lid, "keys %s" % sorted(L))
        m = metas.get(lid)
        if m is None:
            bad(lid, "no meta")
            continue
        x = m["facts"]
        text = L["text"]
        rules = all_rules(x)
        if len(rules) != 1:
            bad(lid, "label depends on reading: %s" % sorted(rules))
        rid = rule_of(x, False, False, False, False, False)
        if rid != L["rule"] or rid != m["rule"]:
            bad(lid, "rule %s, recomputed %s" % (L["rule"], rid))
        u, p = TABLE[rid].split()
        if (L["urgency"], L["pathway"]) != (u, p):
            bad(lid, "labels %s/%s vs %s/%s" % (L["urgency"], L["pathway"], u, p))
        if L["urgency"] not in URGENCY or L["pathway"] not in PATHWAY:
            bad(lid, "label spelling")
        if not 18 <= L["age"] <= 95 or L["age"] != x["age"]:
            bad(lid, "age %s" % L["age"])
        ev = m["evidence"]
        for k, lst in ev.items():
            for e in lst:
                if e not in text:
                    bad(lid, "evidence for %s not in text: %r" % (k, e))
        for d in m["distractors"]:
            if d["text"] not in text:
                bad(lid, "distractor not in text: %r" % d["text"])
            if d["kind"] == "uncertain" and d["fact"]:
                y = dict(x)
                y[d["fact"]] = "constipation" if d["fact"] == "cibh" else True
                if all_rules(y) != rules:
                    bad(lid, "uncertain mention of %s would change the label" % d["fact"])
            if d["kind"] in ("negated", "resolved", "hypothetical", "explained", "unticked_box") and d["fact"] in x \
                    and x[d["fact"]] is True and d["kind"] != "unticked_box":
                bad(lid, "distractor contradicts a positive fact %s" % d["fact"])
        # every positive fact has evidence
        for k in SYMPTOMS + ["cirrhosis", "ttg_raised", "fatty_liver", "fh_crc", "ibd_stable"]:
            if x.get(k) and not ev.get(k):
                bad(lid, "no evidence for %s" % k)
        for k in ["cibh", "known_ibd", "mgmt_question"]:
            if x.get(k) and not ev.get(k):
                bad(lid, "no evidence for %s" % k)
        if x["ppi_weeks"] is not None and not ev.get("ppi_weeks"):
            bad(lid, "no evidence for PPI duration")
        if x["fit_status"] in ("awaited", "requested") and not ev.get("fit_status"):
            bad(lid, "FIT status not stated")
        # value checks: at least one evidence string shows the value
        unit = m["derived"]["hb_unit_shown"]
        if x["hb"] is not None:
            want = x["hb"] / 10.0 if unit == "g/dL" else float(x["hb"])
            shown = [e for e in ev.get("hb", []) if any(abs(v - want) < 1e-6 for v in numbers_in(e))]
            if not shown:
                bad(lid, "Hb value %s not shown" % x["hb"])
            for e in ev.get("hb", []):
                nums = [v * (10 if unit == "g/dL" else 1) for v in numbers_in(e) if v < 250]
                if nums and "from" not in e and "  " not in e and abs(nums[0] - x["hb"]) > 1e-6 and "|" not in e and "[" not in e:
                    bad(lid, "Hb evidence %r disagrees with %s" % (e, x["hb"]))
        for key, evk in (("ferritin", "ferritin"), ("alt", "alt")):
            if x[key] is not None and not any(float(x[key]) in numbers_in(e) for e in ev.get(evk, [])):
                bad(lid, "%s value %s not shown" % (key, x[key]))
        if x["fit"] is not None:
            ok = False
            for e in ev.get("fit", []):
                e = re.sub(r"\[[^\]]*\]", "", e)  # drop reference ranges such as [<10]
                low = e.lower()
                mlt = re.search(r"<\s*(\d+)", e)
                if mlt:
                    ok |= x["fit"] < float(mlt.group(1)) <= 10
                elif any(w in low for w in ("not detected", "negative", "undetectable")):
                    ok |= x["fit"] < 10
                else:
                    ok |= float(x["fit"]) in numbers_in(e)
            if not ok:
                bad(lid, "FIT %s not supported by evidence" % x["fit"])
        if x["calpro"] is not None:
            ok = False
            for e in ev.get("calpro", []):
                mlt = re.search(r"<\s*(\d+)", e)
                if mlt and x["calpro"] < float(mlt.group(1)) <= 100:
                    ok = True
                elif float(x["calpro"]) in numbers_in(e):
                    ok = True
            if not ok:
                bad(lid, "calprotectin %s not supported" % x["calpro"])
        # age
        age_ok = False
        for e in ev.get("age", []):
            if float(x["age"]) in numbers_in(e):
                age_ok = True
        dob_e, ld_e = ev.get("age_dob", []), ev.get("letter_date", [])
        if dob_e and ld_e:
            dob, ld = parse_date(dob_e[0]), parse_date(ld_e[0])
            if dob is None or ld is None:
                bad(lid, "cannot parse dates %r %r" % (dob_e[0], ld_e[0]))
            else:
                a = ld.year - dob.year - ((ld.month, ld.day) < (dob.month, dob.day))
                if a != x["age"]:
                    bad(lid, "age from DOB %d != %d" % (a, x["age"]))
                age_ok = True
        if not age_ok:
            bad(lid, "age not derivable from text")
        if not ev.get("sex") and not re.search(r"\b(Mr|Mrs|Ms|Miss)\b", text):
            bad(lid, "sex not stated")
        if x["sex"] == "M" and re.search(r"\b(Mrs|Ms|Miss)\b", text) or x["sex"] == "F" and re.search(r"\bMr\b", text):
            bad(lid, "title contradicts sex")
        if not nhs_ok(m["nhs_number"]) or m["nhs_number"] not in text and m["nhs_number"].replace(" ", "") not in text:
            if not nhs_ok(m["nhs_number"]):
                bad(lid, "NHS number check digit")
        for nz in m["noise"]:
            if nz["noisy"] not in text:
                bad(lid, "noise record not in text")
    # set level
    urg = Counter(L["urgency"] for L in letters)
    path = Counter(L["pathway"] for L in letters)
    rules = Counter(L["rule"] for L in letters)
    styles = Counter(L["style"] for L in letters)
    if set(urg) != URGENCY or min(urg.values()) < 25:
        errs.append("urgency mix %s" % dict(urg))
    if set(path) != PATHWAY:
        errs.append("pathway mix %s" % dict(path))
    if len(styles) < 30:
        errs.append("only %d styles" % len(styles))
    vs = Counter(m["gp_priority_vs_label"] for m in metas.values())
    dis = vs["over"] + vs["under"]
    if not (0.4 <= dis / 300 <= 0.6) or vs["over"] == 0 or vs["under"] == 0:
        errs.append("gp priority disagreement %s" % dict(vs))
    plain = sum(1 for m in metas.values() if m["plain"])
    if not 80 <= plain <= 120:
        errs.append("plain letters %d" % plain)
    noisy = sum(1 for m in metas.values() if m["noise"])
    if not 15 <= noisy <= 45:
        errs.append("noisy letters %d" % noisy)
    lens = sorted(len(L["text"]) for L in letters)
    print("urgency:", dict(sorted(urg.items())))
    print("pathway:", dict(sorted(path.items())))
    print("rule:", dict(sorted(rules.items())))
    print("styles: %d distinct" % len(styles))
    print("gp priority vs label:", dict(vs), "disagreement %.0f%%" % (100 * dis / 300))
    print("plain letters:", plain, " noisy letters:", noisy, " text length min/median/max:", lens[0], lens[150], lens[-1])
    print("distractor kinds:", dict(Counter(d["kind"] for m in metas.values() for d in m["distractors"])))
    if errs:
        print("FAIL: %d problems" % len(errs))
        for e in errs[:80]:
            print("  " + e)
        return 1
    print("PASS: all 300 letters re-derived from meta facts; labels reading-independent; evidence located")
    return 0


if __name__ == "__main__":
    sys.exit(main())
