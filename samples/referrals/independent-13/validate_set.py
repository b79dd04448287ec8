#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters13 test set.

Does NOT import make_set.py.  Reads the label and rule tables straight from the spec, then for
every letter:
  * recomputes the deciding rule from the meta facts with its own implementation of the spec,
    under every combination of the alternative readings of the spec's loose words (and with any
    "uncertain" mention read as present and as absent); all readings must give the same rule,
    and that rule's urgency/pathway must equal the letter's labels;
  * checks each evidence / distractor / neutral string occurs in the text, parses every value
    evidence string and compares the number with the meta fact, checks age from the written age
    or from date of birth against the letter date, checks sex markers and NHS/CHI numbers;
  * checks distractors are consistent with the facts (a negated / resolved / hypothetical /
    not-asked mention is never about a fact that is present, normal values really are normal);
  * scans the text for trigger words (dysphagia, FIT, ALT, bleeding, mass, ...) and fails if any
    occurrence lies outside the recorded evidence, distractor and neutral strings - so every
    clinical mention in a letter has been accounted for;
  * checks the mix the brief asks for.
Exit status 0 when everything passes.
"""
import collections
import datetime as dt
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = "/work/shared/clinical/referral-triage-spec.md"


def load_spec():
    urg, path, rules = [], [], {}
    section = None
    for line in open(SPEC, encoding="utf-8"):
        if line.startswith("`urgency`"):
            section = "u"
        elif line.startswith("`pathway`"):
            section = "p"
        elif line.startswith("## Clinical facts") or line.startswith("## Rules"):
            section = "r" if "Rules" in line else None
        m = re.match(r"\| `([a-z_]+)` \|", line)
        if m and section == "u":
            urg.append(m.group(1))
        elif m and section == "p":
            path.append(m.group(1))
        m = re.match(r"\| ([UROAD][0-9]?) \| .* \| ([a-z_]+) \| ([a-z_]+) \|\s*$", line)
        if m and section == "r":
            rules[m.group(1)] = (m.group(2), m.group(3))
    return urg, path, rules


URGENCY, PATHWAY, RULES = load_spec()

# ------------------------------------------------------------------------------------------
# independent rule engine
# ------------------------------------------------------------------------------------------
ALT_READINGS = ("pain_site_unknown_counts_upper", "upper_pain_is_abdominal_pain",
                "upper_pain_is_dyspepsia", "reflux_is_dyspepsia_for_ppi",
                "bloody_diarrhoea_is_bleeding_and_cibh", "raised_bilirubin_is_jaundice",
                "a1_other_fact_means_any_fact", "uncertain_mentions_count")
SYMPTOMS = ("dysphagia", "weight_loss", "bloating", "cibh", "rectal_bleeding", "bloody_diarrhoea",
            "reflux", "dyspepsia", "haematemesis", "jaundice", "abdominal_mass", "rectal_mass",
            "anal_mass", "anal_ulcer", "ascites", "confusion")


def is_anaemic(f):
    if f.get("hb") is None:
        return False
    return f["hb"] < (130 if f["sex"] == "M" else 120)


def is_iron_deficient(f):
    return f.get("ferritin") is not None and f["ferritin"] < 30


def rule_for(facts, reading, uncertain):
    f = dict(facts)
    if reading["uncertain_mentions_count"]:
        for t in uncertain:
            f[t] = True
    age = f["age"]
    site = f["pain"]
    has_pain = site is not None and (site != "upper" or reading["upper_pain_is_abdominal_pain"])
    upper = site == "upper" or (site == "unspec" and reading["pain_site_unknown_counts_upper"])
    dyspepsia = f["dyspepsia"] or (site == "upper" and reading["upper_pain_is_dyspepsia"])
    bd = f["bloody_diarrhoea"]
    bleeding = f["rectal_bleeding"] or (bd and reading["bloody_diarrhoea_is_bleeding_and_cibh"])
    cibh = f["cibh"] or (bd and reading["bloody_diarrhoea_is_bleeding_and_cibh"])
    jaundice = f["jaundice"] or (reading["raised_bilirubin_is_jaundice"]
                                 and f.get("bilirubin") is not None and f["bilirubin"] >= 21)
    fit, cal, alt, ttg = f.get("fit"), f.get("calprotectin"), f.get("alt"), f.get("ttg")
    ida = is_anaemic(f) and is_iron_deficient(f)
    resist = ((dyspepsia or (f["reflux"] and reading["reflux_is_dyspepsia_for_ppi"]))
              and f.get("ppi_weeks") is not None and f["ppi_weeks"] >= 4)
    checks = [
        ("U1", f["dysphagia"]),
        ("U2", f["rectal_mass"] or f["anal_mass"] or f["anal_ulcer"]),
        ("U3", fit is not None and fit >= 10),
        ("U4", ida),
        ("U5", age >= 55 and f["weight_loss"] and (upper or f["reflux"] or dyspepsia)),
        ("U6", f["abdominal_mass"]),
        ("U7", age >= 40 and jaundice),
        ("U8", fit is None and ((age >= 50 and bleeding) or (age >= 40 and f["weight_loss"] and has_pain)
                                or (age >= 60 and cibh))),
        ("R1", bd or (cal is not None and cal >= 250)),
        ("R2", (f["cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300)),
        ("R3", f["haematemesis"]),
        ("O1", age >= 55 and resist),
        ("O2", cal is not None and 100 <= cal < 250),
        ("O3", bool(f["known_ibd"]) and f["ibd_stable"] and bool(f["ibd_question"])),
        ("O4", ttg is not None and ttg >= 7),
        ("O5", (alt is not None and 40 <= alt < 300) or f["fatty_liver"]),
    ]
    for rid, hit in checks:
        if hit:
            return rid
    any_other = False
    if reading["a1_other_fact_means_any_fact"]:
        any_other = any([f["dysphagia"], f["rectal_mass"], f["anal_mass"], f["anal_ulcer"],
                         f["weight_loss"], f["abdominal_mass"], jaundice, bleeding, bd,
                         f["cirrhosis"], f["ascites"], f["confusion"], f["haematemesis"],
                         dyspepsia, f["reflux"], bool(f["known_ibd"]), is_anaemic(f),
                         is_iron_deficient(f), ttg is not None and ttg >= 7,
                         alt is not None and alt >= 40, f["fatty_liver"],
                         cal is not None and cal >= 100, fit is not None and fit >= 10])
    low_test = (cal is not None and cal < 100) or (fit is not None and fit < 10)
    if age < 50 and (has_pain or f["bloating"] or cibh) and low_test and not any_other:
        return "A1"
    if (bleeding or cibh or has_pain) and fit is not None and fit < 10:
        return "O6"
    if age < 55 and (dyspepsia or f["reflux"]):
        return "A2"
    symptomatic = any(f[s] for s in SYMPTOMS) or site is not None or bool(f["other"])
    if f["fh_crc"] and not symptomatic:
        return "A3"
    return "D"


def rules_all_readings(facts, uncertain):
    out = set()
    for combo in itertools.product((False, True), repeat=len(ALT_READINGS)):
        out.add(rule_for(facts, dict(zip(ALT_READINGS, combo)), uncertain))
    return out


# ------------------------------------------------------------------------------------------
# parsing helpers
# ------------------------------------------------------------------------------------------
MON = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"])}


def parse_date(s):
    s = s.strip()
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[- ]([A-Za-z]+)[- ](\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), MON[m.group(2)[:3].lower()], int(m.group(1)))
    raise ValueError("date? " + s)


def years_between(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n):
    if n < 20:
        return UNITS[n]
    return TENS[n // 10] + ("-" + UNITS[n % 10] if n % 10 else "")


def first_value(s, keyword):
    """Return (kind, number) for the first value after keyword: kind '=', '<', '>', 'neg'."""
    m = re.search(keyword, s, re.I)
    if not m:
        return None
    rest = s[m.end():]
    m2 = re.search(r"(negative|undetectable)|([<>])\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)", rest, re.I)
    if not m2:
        return None
    if m2.group(1):
        return ("neg", None, rest[m2.end():])
    if m2.group(2):
        return (m2.group(2), float(m2.group(3)), rest[m2.end():])
    return ("=", float(m2.group(4)), rest[m2.end():])


def check_value(topic, s, f):
    """Compare a value evidence string with the meta fact; returns an error string or None."""
    v = f.get(topic)
    if topic == "hb":
        r = first_value(s, r"haemoglobin|\bHb\b")
        if not r or r[0] != "=":
            return "hb unparsed"
        num, after = r[1], r[2]
        if re.match(r"\s*g/dL", after) or num < 25:
            num = round(num * 10)
        return None if int(num) == v else "hb %s != %s" % (num, v)
    kw = {"ferritin": r"ferritin", "fit": r"\bq?FIT\b", "calprotectin": r"calprotectin|\bFCP\b",
          "alt": r"\bALT\b|alanine transaminase", "bilirubin": r"bilirubin|\bbili\b",
          "ttg": r"tTG|coeliac serology"}[topic]
    r = first_value(s, kw)
    if not r:
        return "%s unparsed in %r" % (topic, s)
    kind, num = r[0], r[1]
    if topic in ("fit", "ttg"):
        if kind == "neg":
            ok = v < (10 if topic == "fit" else 7)
        elif kind == "<":
            ok = v < num
        elif kind == ">":
            ok = v > num
        else:
            ok = v == num
        return None if ok else "%s %s%s vs %s" % (topic, kind, num, v)
    if kind != "=":
        return "%s not a plain number" % topic
    return None if num == v else "%s %s != %s" % (topic, num, v)


def nhs_ok(n):
    d = [int(c) for c in n]
    s = sum(d[i] * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


# trigger words: every occurrence must be inside a recorded string
TERMS = [r"dysphag", r"swallow", r"weight loss", r"\bwt loss", r"\blost\b", r"lose weight", r"jaund",
         r"icter", r"yellow", r"haematemes", r"vomit\w*\s+(?:fresh\s+)?(?:red\s+)?blood",
         r"\bmass(es)?\b", r"bleed", r"\bbloody\b", r"blood (in|on|mixed|per|from|when)",
         r"back passage", r"\bq?FIT\b", r"calprotectin", r"\bFCP\b", r"\bALT\b", r"alanine",
         r"ferritin", r"\bHb\b", r"haemoglobin", r"\btTG\b", r"coeliac", r"fatty liver", r"steatosis",
         r"cirrho", r"ascites", r"confus", r"colitis", r"crohn", r"\bIBD\b", r"\bUC\b", r"cancer",
         r"\bCRC\b", r"ulcer", r"\bPPI\b", r"reflux", r"heartburn", r"dyspep", r"indigestion",
         r"\bCIBH\b", r"bowel habit", r"bowels have changed", r"abdo\w*\s+pain", r"bloat",
         r"epigastr", r"iliac fossa", r"\bRIF\b", r"\bLIF\b", r"\bPR\b", r"rectal", r"rectum",
         r"\banal\b", r"anaemi", r"\bIDA\b", r"bilirubin", r"\bbili\b", r"diarrh", r"tummy",
         r"\bpoo\b", r"red flag", r"asymptomatic", r"\bbrought up blood",
         r"\bsick\b.*blood", r"2WW|two week wait|2 week wait|suspected cancer|USOC"]
TERM_RE = re.compile("|".join("(?:%s)" % t for t in TERMS), re.I)

RED_FLAG_TOPICS = {"dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "abdominal_mass", "jaundice",
                   "weight_loss", "rectal_bleeding", "bloody_diarrhoea", "haematemesis"}


def topic_positive(t, f):
    if t == "pain":
        return f["pain"] is not None
    if t == "ida":
        return is_anaemic(f) and is_iron_deficient(f)
    if t == "fit":
        return f["fit"] is not None
    if t in ("fh_other", "past_investigation"):
        return False
    return bool(f.get(t))


def main():
    errors, warnings = [], []
    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    meta = {m["id"]: m for m in metas}

    def err(lid, msg):
        errors.append("%s: %s" % (lid, msg))

    if len(letters) != 300 or len(metas) != 300:
        errors.append("expected 300 letters and 300 meta lines")
    ids = [l["id"] for l in letters]
    if ids != ["L13-%04d" % i for i in range(1, 301)]:
        errors.append("ids are not L13-0001..L13-0300 in order")
    keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
    for l in letters:
        lid = l["id"]
        if list(l.keys()) != keys:
            err(lid, "keys %s" % list(l.keys()))
        if l["urgency"] not in URGENCY or l["pathway"] not in PATHWAY or l["rule"] not in RULES:
            err(lid, "label spelling")
            continue
        if RULES[l["rule"]] != (l["urgency"], l["pathway"]):
            err(lid, "rule %s does not give %s/%s" % (l["rule"], l["urgency"], l["pathway"]))
        m = meta.get(lid)
        if not m:
            err(lid, "no meta")
            continue
        f, text = m["facts"], l["text"]
        if m["rule"] != l["rule"] or m["age"] != l["age"] or f["age"] != l["age"] or m["style"] != l["style"]:
            err(lid, "meta/letter mismatch")
        if not 18 <= l["age"] <= 95:
            err(lid, "age out of range")
        # ---- rule from facts under all readings ----
        unc = sorted({t for d in m["distractors"] if d["kind"] == "uncertain" for t in d["topics"]})
        got = rules_all_readings(f, unc)
        if len(got) != 1:
            err(lid, "label depends on reading: %s" % sorted(got))
        elif got != {l["rule"]}:
            err(lid, "facts give %s, letter says %s" % (got, l["rule"]))
        # ---- scenario sanity ----
        if f["jaundice"] and f["age"] < 40:
            err(lid, "jaundice under 40")
        if f.get("bilirubin") is not None and f["bilirubin"] >= 21 and not f["jaundice"]:
            err(lid, "raised bilirubin without stated jaundice")
        if (f["ascites"] or f["confusion"]) and not f["cirrhosis"]:
            err(lid, "ascites/confusion without cirrhosis")
        if l["rule"] == "A3" and not m["evidence"].get("asymptomatic"):
            err(lid, "A3 without an explicit statement of no symptoms")
        # ---- evidence strings ----
        ev = m["evidence"]
        for topic, lst in ev.items():
            for s in lst:
                if s not in text:
                    err(lid, "evidence missing %s: %r" % (topic, s))
                if topic in ("hb", "ferritin", "fit", "calprotectin", "alt", "bilirubin", "ttg"):
                    e = check_value(topic, s, f)
                    if e:
                        err(lid, "value: %s in %r" % (e, s))
        for topic in SYMPTOMS + ("known_ibd", "ibd_stable", "ibd_question", "fh_crc", "cirrhosis", "fatty_liver"):
            if f.get(topic) and not ev.get(topic):
                err(lid, "positive %s has no evidence" % topic)
            if not f.get(topic) and ev.get(topic):
                err(lid, "evidence for absent %s" % topic)
        if (f["pain"] is not None) != bool(ev.get("pain")):
            err(lid, "pain evidence mismatch")
        for v in ("hb", "ferritin", "fit", "calprotectin", "alt", "bilirubin", "ttg"):
            if (f.get(v) is not None) != bool(ev.get(v)):
                err(lid, "value %s present/evidence mismatch" % v)
        if (f.get("ppi_weeks") is not None) != bool(ev.get("ppi")):
            err(lid, "ppi evidence mismatch")
        for s in ev.get("ppi", []):
            if not re.search(r"(?<!\d)%d(?!\d)" % f["ppi_weeks"], s):
                err(lid, "ppi weeks not in %r" % s)
        if ev.get("ida") and not (is_anaemic(f) and is_iron_deficient(f)):
            err(lid, "IDA evidence without IDA values")
        # ---- distractors ----
        for d in m["distractors"]:
            if d["text"] not in text:
                err(lid, "distractor missing %r" % d["text"])
            k = d["kind"]
            pos = [t for t in d["topics"] if topic_positive(t, f)]
            if k in ("negated", "resolved", "hypothetical", "uncertain", "not_asked", "blank_not_asked",
                     "na_answer") and pos and not (k == "na_answer" and d["topics"] == ["fit"] and False):
                err(lid, "%s distractor about a present fact %s: %r" % (k, pos, d["text"]))
            if k == "pending" and f["fit"] is not None:
                err(lid, "FIT pending but a FIT result is given")
            if k == "na_answer" and d["topics"] == ["fit"] and f["fit"] is not None:
                err(lid, "FIT N/A with a result")
            if k == "normal_value":
                for t in d["topics"]:
                    v = f.get(t)
                    bad = ((t == "hb" and is_anaemic(f)) or (t == "ferritin" and v < 30)
                           or (t == "alt" and v >= 40) or (t == "ttg" and v >= 7)
                           or (t == "bilirubin" and v >= 21) or (t == "fatty_liver" and f["fatty_liver"]))
                    if bad:
                        err(lid, "normal_value is abnormal: %r" % d["text"])
            if k == "negated" and set(d["topics"]) == RED_FLAG_TOPICS:
                if is_anaemic(f) or is_iron_deficient(f) or (f["fit"] is not None and f["fit"] >= 10):
                    err(lid, "'red flags: none' with abnormal bloods/FIT")
            if k not in ("negated", "resolved", "hypothetical", "uncertain", "not_asked", "blank_not_asked",
                         "na_answer", "unticked_box", "family_history", "quoted_past", "pending",
                         "normal_value", "old_result"):
                err(lid, "unknown distractor kind %s" % k)
        for s in m["neutral_mentions"]:
            if s not in text:
                err(lid, "neutral missing %r" % s)
        # ---- age / dates ----
        try:
            dob, ld = parse_date(m["dob_text"]), parse_date(m["letter_date_text"])
        except Exception as e:      # noqa
            err(lid, "date parse %s" % e)
            continue
        if m["dob_text"] not in text or m["letter_date_text"] not in text:
            err(lid, "DOB or letter date not in text")
        if years_between(dob, ld) != l["age"]:
            err(lid, "age from DOB %d != %d" % (years_between(dob, ld), l["age"]))
        if m["age_mode"] == "dob_only":
            if m["age_evidence"]:
                err(lid, "dob_only letter with written age")
        else:
            if not m["age_evidence"]:
                err(lid, "no written age")
            for s in m["age_evidence"]:
                if s not in text:
                    err(lid, "age text missing %r" % s)
                nums = [int(n) for n in re.findall(r"\d+", s)]
                if nums != [l["age"]] and number_words(l["age"]) not in s.lower():
                    err(lid, "age text %r != %d" % (s, l["age"]))
        # ---- sex ----
        male = f["sex"] == "M"
        titles = set(re.findall(r"\b(Mr|Mrs|Ms|Miss)\b", text))
        if male and titles - {"Mr"} or (not male and "Mr" in titles):
            err(lid, "title contradicts sex")
        he = len(re.findall(r"\b(he|his|him)\b", text, re.I))
        she = len(re.findall(r"\b(she|her)\b", text, re.I))
        sexfield = re.search(r"Sex: (M|F|Male|Female)\b|\b(man|woman|gentleman|lady|male|female)\b|\b\d{2}(M|F)\b",
                             text, re.I)
        if not titles and not sexfield and he == 0 and she == 0:
            err(lid, "no sex marker")
        if male and she > 0 and re.search(r"\bshe\b", text, re.I):
            warnings.append("%s: female pronoun in a male letter" % lid)
        if not male and re.search(r"\bhe\b|\bhis\b|\bhim\b", text, re.I):
            warnings.append("%s: male pronoun in a female letter" % lid)
        # ---- identifiers ----
        for n in re.findall(r"NHS(?: No\.?| number| No:|:)?\s*((?:\d{3} ?){3}\d)", text):
            n = n.replace(" ", "")
            if len(n) == 10 and not nhs_ok(n):
                err(lid, "bad NHS number %s" % n)
        for n in re.findall(r"CHI: (\d{10})", text):
            if not nhs_ok(n) or n[:6] != dob.strftime("%d%m%y") or (int(n[8]) % 2 == 1) != male:
                err(lid, "bad CHI %s" % n)
        # ---- trigger-word coverage ----
        spans = []
        recorded = [s for lst in ev.values() for s in lst] + [d["text"] for d in m["distractors"]] + m["neutral_mentions"]
        for s in recorded:
            start = 0
            while True:
                i = text.find(s, start)
                if i < 0:
                    break
                spans.append((i, i + len(s)))
                start = i + 1
        for mt in TERM_RE.finditer(text):
            a, b = mt.span()
            if any(x <= a and b <= y for x, y in spans):
                continue
            line = text[text.rfind("\n", 0, a) + 1:text.find("\n", b) if text.find("\n", b) >= 0 else len(text)]
            err(lid, "unaccounted mention %r in line %r" % (mt.group(0), line.strip()))
        # ---- gp priority ----
        cat = m["gp_priority_category"]
        if (cat is None) != (l["gp_priority"] is None):
            err(lid, "gp_priority null mismatch")

    # ---- mix ----
    cu = collections.Counter(l["urgency"] for l in letters)
    cp = collections.Counter(l["pathway"] for l in letters)
    cr = collections.Counter(l["rule"] for l in letters)
    cs = collections.Counter(l["style"] for l in letters)
    for u in URGENCY:
        if cu[u] < 25:
            errors.append("urgency %s has %d < 25" % (u, cu[u]))
    for p in PATHWAY:
        if cp[p] == 0:
            errors.append("pathway %s absent" % p)
    if len(cs) < 30:
        errors.append("only %d styles" % len(cs))
    cat_of = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine",
              "advice_and_guidance": "advice"}
    order = ["advice", "routine", "urgent", "usc"]
    over = under = agree = none = 0
    for l in letters:
        c = meta[l["id"]]["gp_priority_category"]
        if c is None:
            none += 1
        elif c == cat_of[l["urgency"]]:
            agree += 1
        elif order.index(c) > order.index(cat_of[l["urgency"]]):
            over += 1
        else:
            under += 1
    dis = over + under
    if not 120 <= dis <= 180 or over == 0 or under == 0:
        errors.append("priority disagreement %d (over %d, under %d)" % (dis, over, under))
    noisy = sum(1 for m in metas if m["noise"])
    if not 20 <= noisy <= 40:
        errors.append("noise letters %d" % noisy)
    ages = [l["age"] for l in letters]

    print("letters: %d   styles: %d   ages %d-%d" % (len(letters), len(cs), min(ages), max(ages)))
    print("urgency:", dict(sorted(cu.items())))
    print("pathway:", dict(sorted(cp.items())))
    print("rule:", dict(sorted(cr.items(), key=lambda kv: list(RULES).index(kv[0]))))
    print("style:", dict(sorted(cs.items())))
    print("gp priority: agrees %d, disagrees %d (over-asks %d, under-asks %d), not stated %d"
          % (agree, dis, over, under, none))
    print("noise letters: %d" % noisy)
    kinds = collections.Counter(d["kind"] for m in metas for d in m["distractors"])
    print("distractor kinds:", dict(sorted(kinds.items())))
    for w in warnings[:20]:
        print("WARNING", w)
    if errors:
        for e in errors[:200]:
            print("ERROR", e)
        print("FAIL: %d errors" % len(errors))
        sys.exit(1)
    print("PASS: all %d letters re-derived from their facts under %d readings each; all checks passed"
          % (len(letters), 2 ** len(ALT_READINGS)))


if __name__ == "__main__":
    main()
