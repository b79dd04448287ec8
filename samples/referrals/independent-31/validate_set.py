#!/usr/bin/env python3
"""validate_set.py - independent re-check of the letters31 set.

Does NOT import make_set.py.  It re-derives every label from the facts stored in
letters_meta.jsonl with its own copy of the spec's rule table, and checks the
stored facts against the letter text itself:

  1. structure: 300 letters, ids, label spellings, 20 styles x 15, meta present;
  2. spans: every evidence / distractor / neutral span is found at its offsets;
  3. coverage: every red-flag keyword in a letter lies inside a recorded span, so no
     fact-like mention is left unaccounted for;
  4. facts <-> evidence: a boolean fact is true exactly when it has evidence;
     the newest value of every test has an evidence span that shows that value;
     distractor spans carry a negative / historical cue; form rows' answers agree
     with their polarity;
  5. age: recomputed from date of birth and letter date; evidence spans parse back
     to the stored dates; any other header date gives the same age;
  6. labels: the rule table is applied under several readings of the spec's loose
     words; every reading must give the letter's urgency and pathway (the main
     reading must also give its rule id);
  7. mix: label counts, >= 25 per urgency, ages 18-95, near-line >= 60,
     history >= 150, requested-priority disagreement about half, spelling slips
     about 10%, valid NHS numbers;
  8. prints the sha256 of letters.jsonl and checks README.md quotes it.

Exit status 0 when every check passes.
"""
import collections
import datetime as dt
import hashlib
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
URGENCIES = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAYS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]
TABLE = [  # id, urgency, pathway  (spec order)
    ("U1", "urgent_suspected_cancer", "upper_gi"), ("U2", "urgent_suspected_cancer", "lower_gi"),
    ("U3", "urgent_suspected_cancer", "lower_gi"), ("U4", "urgent_suspected_cancer", "lower_gi"),
    ("U5", "urgent_suspected_cancer", "upper_gi"), ("U6", "urgent_suspected_cancer", "lower_gi"),
    ("U7", "urgent_suspected_cancer", "hepatology"), ("U8", "urgent_suspected_cancer", "lower_gi"),
    ("R1", "urgent", "ibd"), ("R2", "urgent", "hepatology"), ("R3", "urgent", "upper_gi"),
    ("O1", "routine", "upper_gi"), ("O2", "routine", "ibd"), ("O3", "advice_and_guidance", "ibd"),
    ("O4", "routine", "general_gi"), ("O5", "routine", "hepatology"), ("A1", "advice_and_guidance", "general_gi"),
    ("O6", "routine", "general_gi"), ("A2", "advice_and_guidance", "upper_gi"), ("A3", "advice_and_guidance", "lower_gi"),
    ("D", "routine", "general_gi"),
]
LABELS = {t[0]: (t[1], t[2]) for t in TABLE}
SYMPTOM_FACTS = ["dysphagia", "rectal_bleeding", "bloody_diarrhoea", "cibh", "abdominal_pain", "upper_abdominal_pain",
                 "bloating", "dyspepsia", "reflux", "weight_loss", "haematemesis", "jaundice", "confusion"]
BOOL_FACTS = ["dysphagia", "rectal_mass", "anal_mass", "abdominal_mass", "jaundice", "haematemesis", "rectal_bleeding",
              "bloody_diarrhoea", "cibh", "abdominal_pain", "upper_abdominal_pain", "bloating", "dyspepsia", "reflux",
              "weight_loss", "known_ibd", "ibd_stable", "ibd_question", "known_cirrhosis", "ascites", "confusion",
              "fatty_liver_imaging", "ttg", "fh_crc"]
PPI_NAMES = ("omeprazole", "lansoprazole", "esomeprazole", "pantoprazole", "rabeprazole")

# every match of these must sit inside a recorded span
KEYWORDS = [r"dysphag", r"swallow", r"\bmass(es)?\b", r"\blump", r"jaund", r"icter", r"yellow", r"haematemesis",
            r"vomit", r"\bbleed", r"\bblood (on|in|mixed|with|from)\b", r"bloody", r"\bPR bl", r"diarrh", r"bowel habit",
            r"\bCIBH\b", r"constipat", r"\bloose", r"abdominal pain", r"\babdo pain", r"tummy", r"epigastr",
            r"iliac fossa", r"\bRIF\b", r"\bLIF\b", r"bloat", r"indigestion", r"dyspeps", r"reflux", r"heartburn",
            r"\bGORD\b", r"weight", r"\bwt\b", r"\bq?FIT\b", r"calprotectin", r"\bFCP\b", r"\bALT\b", r"ferritin",
            r"\bferr\b", r"\bHb\b", r"haemoglobin", r"\btTG\b", r"coeliac", r"ascit", r"shifting dullness", r"confus",
            r"cirrho", r"fatty", r"steatosis", r"NAFLD", r"MASLD", r"crohn", r"colitis", r"\bUC\b", r"\bIBD\b",
            r"family history", r"\bFHx?\b", r"cancer", r"\bPPI\b", r"prazole", r"anaemi", r"melaena", r"black stool"]
KW_RE = re.compile("|".join(KEYWORDS), re.I)

NEG_CUES = re.compile(r"\b(no|not|nil|none|denies|deny|denied|without|unchanged|stable|normal|negative|absent|NAD|"
                      r"never|same|N|clear|neither|nor|declined|awaited|requested|kit|pending)\b|\(No\)|\[x\] No|"
                      r"\u2717|: -$|N\u0336?o?|Y\u0336", re.I)
FH_CUES = re.compile(r"\b(father|mother|brother|sister|aunt|uncle|grandfather|grandmother|daughter|son|husband|wife|"
                     r"partner|family)\b", re.I)
PAST_CUES = re.compile(r"\b(19|20)\d\d\b|\bsince\b|\bsettled\b|\bresolved\b|\bhealed\b|\bcorrected\b|\bas a teenager\b|"
                       r"\bregained\b", re.I)

MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                            "september", "october", "november", "december"])}
MON3 = {k[:3]: v for k, v in MONTHS.items()}
WORDNUM = {}
_ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
for n in range(0, 100):
    if n < 20:
        WORDNUM[_ones[n]] = n
    else:
        t, o = divmod(n, 10)
        WORDNUM[_tens[t] + ("-" + _ones[o] if o else "")] = n


def parse_date(s):
    s = s.strip().lower()
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", s)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 2000
        return dt.date(y, mo, d)
    m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)? ([a-z]+) (\d{4})", s)
    if m:
        return dt.date(int(m.group(4)), MONTHS[m.group(3)], int(m.group(1)))
    m = re.fullmatch(r"(\d{1,2})-([a-z]{3})-(\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), MON3[m.group(2)], int(m.group(1)))
    raise ValueError("unparsed date: " + s)


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def nhs_ok(num):
    if len(num) != 10 or not num.isdigit():
        return False
    s = sum(int(num[i]) * (10 - i) for i in range(9))
    ch = 11 - s % 11
    if ch == 11:
        ch = 0
    return ch != 10 and ch == int(num[9])


# ---------------------------------------------------------------------------
# the spec's rules, with switches for the readings of its loose words
# ---------------------------------------------------------------------------
READINGS = [
    ("bloody_diarrhoea_is_rectal_bleeding", "U8 'rectal bleeding' also covers bloody diarrhoea"),
    ("bloody_diarrhoea_is_cibh", "U8/O6 'change in bowel habit' also covers bloody diarrhoea"),
    ("dyspepsia_is_abdominal_pain", "dyspepsia counts as (upper) abdominal pain"),
    ("upper_pain_is_dyspepsia", "upper abdominal pain counts as dyspepsia (O1, A2)"),
    ("reflux_is_dyspepsia", "reflux counts as dyspepsia for 'treatment-resistant dyspepsia' (O1)"),
    ("a1_clause_narrow", "A1 'no other fact above' read narrowly (only facts that matched a rule above)"),
    ("stale_values_ignored", "values whose newest result is older than 6 months are not 'now'"),
    ("ppi_from_medicine_list", "any PPI on the medicine list for >= 4 weeks makes dyspepsia treatment-resistant"),
    ("a3_gi_symptoms_only", "A3 'no symptoms' means no GI symptoms (non-GI symptoms allowed)"),
]


def newest_values(meta, stale_days=None):
    ld = dt.date.fromisoformat(meta["letter_date"])
    out = {}
    for t in ("hb", "ferritin", "fit", "calprotectin", "alt", "ttg"):
        rs = [x for x in meta["results"] if x.get("test") == t]
        if not rs:
            out[t] = None
            continue
        rs.sort(key=lambda x: x["date"])
        x = rs[-1]
        if stale_days is not None and (ld - dt.date.fromisoformat(x["date"])).days > stale_days:
            out[t] = None
            continue
        out[t] = x
    return out


def fit_low(x):
    if x["qual"] in ("negative", "undetectable"):
        return True
    if x["qual"] == "<":
        return x["value"] <= 10
    return x["value"] < 10


def classify(meta, rd):
    f = dict(meta["facts"])
    age, sex = meta["age"], meta["sex"]
    ld = dt.date.fromisoformat(meta["letter_date"])
    v = newest_values(meta, 183 if rd.get("stale_values_ignored") else None)
    hb = v["hb"]["value"] if v["hb"] else None
    fer = v["ferritin"]["value"] if v["ferritin"] else None
    fit = v["fit"]
    fcp = v["calprotectin"]["value"] if v["calprotectin"] else None
    alt = v["alt"]["value"] if v["alt"] else None
    ttg = bool(v["ttg"] and v["ttg"].get("positive"))
    rb = f["rectal_bleeding"] or (rd.get("bloody_diarrhoea_is_rectal_bleeding") and f["bloody_diarrhoea"])
    cibh = f["cibh"] or (rd.get("bloody_diarrhoea_is_cibh") and f["bloody_diarrhoea"])
    upper_pain = f["upper_abdominal_pain"] or (rd.get("dyspepsia_is_abdominal_pain") and f["dyspepsia"])
    pain = f["abdominal_pain"] or upper_pain
    dyspepsia = f["dyspepsia"] or (rd.get("upper_pain_is_dyspepsia") and f["upper_abdominal_pain"])
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fer is not None and fer < 30
    fit_hi = fit is not None and not fit_low(fit)
    fit_lo = fit is not None and fit_low(fit)
    # treatment-resistant dyspepsia: dyspepsia persisting after >= 4 weeks (28 days) of a PPI
    ppi_days = None
    if f.get("ppi_start"):
        ppi_days = (ld - dt.date.fromisoformat(f["ppi_start"])).days
    if rd.get("ppi_from_medicine_list"):
        for m in meta["medicines"]:
            if m["name"].lower().startswith(PPI_NAMES) and m["start"] and not m.get("stopped"):
                d = (ld - dt.date.fromisoformat(m["start"])).days
                ppi_days = max(ppi_days or 0, d)
    trd_base = dyspepsia or (rd.get("reflux_is_dyspepsia") and f["reflux"])
    trd = bool(trd_base and ppi_days is not None and ppi_days >= 28)
    if f["dysphagia"]:
        return "U1"
    if f["rectal_mass"] or f["anal_mass"]:
        return "U2"
    if fit_hi:
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and f["weight_loss"] and (upper_pain or f["reflux"] or dyspepsia):
        return "U5"
    if f["abdominal_mass"]:
        return "U6"
    if age >= 40 and f["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and f["weight_loss"] and pain) or (age >= 60 and cibh)):
        return "U8"
    if f["bloody_diarrhoea"] or (fcp is not None and fcp >= 250):
        return "R1"
    if (f["known_cirrhosis"] and (f["ascites"] or f["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if f["haematemesis"]:
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if fcp is not None and 100 <= fcp <= 249:
        return "O2"
    if f["known_ibd"] and f["ibd_stable"] and f["ibd_question"]:
        return "O3"
    if ttg:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or f["fatty_liver_imaging"]:
        return "O5"
    a1_sym = pain or f["bloating"] or cibh
    a1_test = (fcp is not None and fcp < 100) or fit_lo
    if rd.get("a1_clause_narrow"):
        other = False
    else:
        other = any([f["dysphagia"], f["rectal_mass"], f["anal_mass"], f["abdominal_mass"], f["jaundice"], f["haematemesis"],
                     rb, f["bloody_diarrhoea"], f["weight_loss"], dyspepsia, f["reflux"], upper_pain, f["known_ibd"],
                     f["known_cirrhosis"], f["ascites"], f["confusion"], f["fatty_liver_imaging"], ttg, anaemia, irondef,
                     alt is not None, fit_hi, fcp is not None and fcp >= 100])
    if age < 50 and a1_sym and a1_test and not other:
        return "A1"
    if (rb or cibh or pain) and fit_lo:
        return "O6"
    if age < 55 and (dyspepsia or f["reflux"]):
        return "A2"
    gi = any([f[k] for k in SYMPTOM_FACTS]) or rb or cibh or pain or dyspepsia
    nongi = bool(meta["non_gi_symptoms"]) and not rd.get("a3_gi_symptoms_only")
    if f["fh_crc"] and not gi and not nongi:
        return "A3"
    return "D"


# ---------------------------------------------------------------------------
def main():
    errors = []
    warnings = []

    def err(msg):
        errors.append(msg)

    letters = [json.loads(l) for l in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    metas = [json.loads(l) for l in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8")]
    meta_by = {m["id"]: m for m in metas}

    # 1 structure
    if len(letters) != 300:
        err("expected 300 letters, got %d" % len(letters))
    for i, L in enumerate(letters, 1):
        want = "L31-%04d" % i
        if L["id"] != want:
            err("id %s out of sequence (want %s)" % (L["id"], want))
        keys = ["id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"]
        if list(L.keys()) != keys:
            err("%s: keys %s" % (L["id"], list(L.keys())))
        if L["urgency"] not in URGENCIES:
            err("%s: bad urgency %s" % (L["id"], L["urgency"]))
        if L["pathway"] not in PATHWAYS:
            err("%s: bad pathway %s" % (L["id"], L["pathway"]))
        if L["rule"] not in LABELS:
            err("%s: bad rule %s" % (L["id"], L["rule"]))
        elif LABELS[L["rule"]] != (L["urgency"], L["pathway"]):
            err("%s: rule %s does not give %s/%s" % (L["id"], L["rule"], L["urgency"], L["pathway"]))
        if L["id"] not in meta_by:
            err("%s: no meta" % L["id"])
    styles = collections.Counter(L["style"] for L in letters)
    if len(styles) != 20 or set(styles.values()) != {15}:
        err("styles: %s" % dict(styles))

    reading_names = [r[0] for r in READINGS]
    variant_rule_diffs = collections.Counter()
    kw_checked = 0
    n_ev = n_dis = 0
    nhs_seen = 0
    for L in letters:
        m = meta_by.get(L["id"])
        if m is None:
            continue
        lid, text = L["id"], L["text"]
        for k in ("rule", "urgency", "pathway", "style", "age"):
            if m.get(k if k != "style" else "style") != L[k]:
                err("%s: meta %s differs" % (lid, k))
        # 2 spans
        spans = []
        for kind, lst in (("ev", m["evidence"]), ("dis", m["distractors"]), ("neu", m["neutral"])):
            for e in lst:
                if text[e["start"]:e["end"]] != e["text"]:
                    err("%s: span text mismatch %r" % (lid, e["text"][:40]))
                spans.append((e["start"], e["end"], kind))
        n_ev += len(m["evidence"])
        n_dis += len(m["distractors"])
        # 3 keyword coverage
        cover = [False] * len(text)
        for a, b, _ in spans:
            for i in range(a, b):
                cover[i] = True
        for mt in KW_RE.finditer(text):
            kw_checked += 1
            if not all(cover[mt.start():mt.end()]):
                ctx = text[max(0, mt.start() - 40):mt.end() + 40].replace("\n", " ")
                err("%s: uncovered keyword %r in ...%s..." % (lid, mt.group(0), ctx))
        # 4 facts <-> evidence
        ev_facts = collections.defaultdict(list)
        for e in m["evidence"]:
            ev_facts[e["fact"]].append(e["text"])
        have = set(ev_facts)
        if "upper_abdominal_pain" in have:
            have.add("abdominal_pain")
        for k in BOOL_FACTS:
            if m["facts"][k] and k not in have:
                err("%s: fact %s true without evidence" % (lid, k))
            if not m["facts"][k] and k in ev_facts:
                err("%s: evidence for false fact %s" % (lid, k))
        for e in m["evidence"]:
            if e["fact"] in BOOL_FACTS and re.match(r"\s*(no|not|denies|nil)\b", e["text"], re.I):
                err("%s: positive evidence looks negated: %r" % (lid, e["text"]))
        nv = newest_values(m)
        for t, x in nv.items():
            if x is None:
                continue
            if t == "ttg" and not x.get("positive"):
                continue
            texts = ev_facts.get(t, [])
            if x["qual"] == "=":
                ok = any(re.search(r"(?<![\d.])%s(?![\d])" % x["value"], s) or
                         (t == "hb" and ("%.1f" % (x["value"] / 10.0)) in s) for s in texts)
            elif x["qual"] == "<":
                ok = any(("<%d" % x["value"]) in s.replace(" ", "") for s in texts)
            else:
                ok = any(x["qual"] in s.lower() for s in texts)
            if not ok:
                err("%s: newest %s value %s not shown in its evidence %r" % (lid, t, x["value"], texts))
        for e in m["evidence"]:
            if e["fact"] in ("hb", "ferritin", "fit", "calprotectin", "alt"):
                vals = [x for x in m["results"] if x.get("test") == e["fact"] and x.get("newest")]
                if not vals:
                    err("%s: value evidence for %s without a result" % (lid, e["fact"]))
        for d in m["distractors"]:
            k = d["kind"]
            s = d["text"]
            if k in ("negated", "form_no", "unticked_box", "pending_result") and not NEG_CUES.search(s):
                err("%s: %s distractor without a negative cue: %r" % (lid, k, s))
            if k == "family_history" and not FH_CUES.search(s):
                err("%s: family-history distractor without a relative: %r" % (lid, s))
            if k == "resolved_past" and not PAST_CUES.search(s):
                err("%s: resolved-past distractor without a time cue: %r" % (lid, s))
            if k == "hypothetical" and not re.match(r"\s*if\b", s, re.I):
                err("%s: hypothetical without 'if': %r" % (lid, s))
            if k == "superseded_value":
                pass
        # form rows: answer polarity
        for e in m["evidence"] + m["distractors"]:
            s = e["text"]
            mm = re.search(r": (Y|N|\+|-|\u2713|\u2717|present|absent|\(Yes\) / No|Yes / \(No\)|\[x\] Yes  \[ \] No|\[ \] Yes  \[x\] No)$", s)
            if not mm:
                continue
            yes = mm.group(1) in ("Y", "+", "\u2713", "present", "(Yes) / No", "[x] Yes  [ ] No")
            is_pos = e in m["evidence"]
            if yes != is_pos:
                err("%s: form row polarity wrong: %r" % (lid, s))
        # 5 age and dates
        dob = dt.date.fromisoformat(m["dob"])
        ld = dt.date.fromisoformat(m["letter_date"])
        if age_at(dob, ld) != m["age"]:
            err("%s: age %d != age from dob/letter date %d" % (lid, m["age"], age_at(dob, ld)))
        if not 18 <= m["age"] <= 95:
            err("%s: age %d out of range" % (lid, m["age"]))
        for e in m["evidence"]:
            if e["fact"] == "dob":
                if parse_date(e["text"]) != dob:
                    err("%s: dob evidence %r != %s" % (lid, e["text"], dob))
            elif e["fact"] == "letter_date":
                if parse_date(e["text"]) != ld:
                    err("%s: letter date evidence %r != %s" % (lid, e["text"], ld))
            elif e["fact"] == "age":
                s = e["text"].lower()
                nums = [int(x) for x in re.findall(r"\d+", s)]
                s2 = re.sub(r"[- ]?years?[- ]?old$", "", s)
                wnums = [WORDNUM[s2]] if s2 in WORDNUM else []
                if m["age"] not in nums + wnums:
                    err("%s: age evidence %r != %d" % (lid, e["text"], m["age"]))
            elif e["fact"] == "sex":
                s = e["text"].lower()
                fem = s in ("mrs", "ms", "miss", "woman", "lady", "f", "female")
                if fem != (m["sex"] == "F"):
                    err("%s: sex evidence %r != %s" % (lid, e["text"], m["sex"]))
        facts_ev = {e["fact"] for e in m["evidence"]}
        if "letter_date" not in facts_ev or "dob" not in facts_ev or "sex" not in facts_ev:
            err("%s: missing letter date / dob / sex evidence" % lid)
        for mt in re.finditer(r"(Dictated|Typed|Printed|CONSULTATION):? (\d{2}/\d{2}/\d{4})", text):
            d2 = parse_date(mt.group(2))
            if age_at(dob, d2) != m["age"]:
                err("%s: header date %s gives another age" % (lid, mt.group(2)))
        # NHS numbers written in the text
        for mt in re.finditer(r"NHS(?: No| number| No:|:| number:| number \(client supplied\):)?:? ?(\d{3}[ -]?\d{3}[ -]?\d{4})\b", text, re.I):
            nhs_seen += 1
            if not nhs_ok(re.sub(r"\D", "", mt.group(1))):
                err("%s: invalid NHS number %s" % (lid, mt.group(1)))
        # 6 labels under every reading
        base = classify(m, {})
        if base != L["rule"]:
            err("%s: validator rule %s != letter rule %s" % (lid, base, L["rule"]))
        for n in range(1, len(reading_names) + 1):
            for combo in itertools.combinations(reading_names, n):
                rd = {k: True for k in combo}
                got = classify(m, rd)
                if LABELS[got] != (L["urgency"], L["pathway"]):
                    err("%s: reading %s gives %s (%s/%s), letter says %s" % (lid, "+".join(combo), got, LABELS[got][0], LABELS[got][1], L["rule"]))
                elif got != L["rule"]:
                    variant_rule_diffs[(lid, got)] += 1

    # 7 mix
    urg = collections.Counter(L["urgency"] for L in letters)
    path = collections.Counter(L["pathway"] for L in letters)
    rules = collections.Counter(L["rule"] for L in letters)
    for u in URGENCIES:
        if urg[u] < 25:
            err("urgency %s has only %d letters" % (u, urg[u]))
    for p in PATHWAYS:
        if path[p] == 0:
            err("pathway %s absent" % p)
    near = sum(1 for m in metas if m["near_line"])
    hist = sum(1 for m in metas if m["has_history"])
    if near < 60:
        err("near-line letters %d < 60" % near)
    if hist < 150:
        err("letters with history %d < 150" % hist)
    req = collections.Counter("none" if m["gp_agrees_with_label"] is None else ("agree" if m["gp_agrees_with_label"] else m["gp_direction"]) for m in metas)
    dis = req["over"] + req["under"]
    if not 0.4 <= dis / len(metas) <= 0.6:
        err("requested priority disagrees in %d letters (want about half)" % dis)
    if req["over"] < 30 or req["under"] < 30:
        err("over/under asking unbalanced: %s" % dict(req))
    for L in letters:
        m = meta_by[L["id"]]
        lvl = m["gp_priority_level"]
        if (lvl is None) != (L["gp_priority"] is None):
            err("%s: gp_priority / level mismatch" % L["id"])
    slips = sum(1 for m in metas if m["spelling_slips"])
    if not 20 <= slips <= 45:
        err("spelling slips in %d letters (want about 10%%)" % slips)
    ages = [L["age"] for L in letters]

    # 8 sha256
    sha = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    readme = os.path.join(HERE, "README.md")
    if os.path.exists(readme):
        if sha not in open(readme, encoding="utf-8").read():
            err("README.md does not quote the sha256 of letters.jsonl")
    else:
        err("README.md missing")

    print("letters: %d   evidence spans: %d   distractor spans: %d   keyword mentions checked: %d   NHS numbers checked: %d"
          % (len(letters), n_ev, n_dis, kw_checked, nhs_seen))
    print("urgency:", dict(sorted(urg.items())))
    print("pathway:", dict(sorted(path.items())))
    print("rule:   ", dict(sorted(rules.items(), key=lambda kv: [t[0] for t in TABLE].index(kv[0]))))
    print("ages: %d-%d   near-line letters: %d   letters with history: %d   spelling slips: %d" % (min(ages), max(ages), near, hist, slips))
    print("requested priority:", dict(req))
    print("readings checked per letter: %d combinations of %d switches" % (2 ** len(reading_names) - 1, len(reading_names)))
    if variant_rule_diffs:
        ids = sorted({k[0] for k in variant_rule_diffs})
        print("letters where some reading changes only the rule id (same labels): %d %s" % (len(ids), ids[:12]))
    print("sha256(letters.jsonl) = %s" % sha)
    if errors:
        print("FAILED: %d problems" % len(errors))
        for e in errors[:200]:
            print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
