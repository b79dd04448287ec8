#!/usr/bin/env python3
"""Independent re-check of the letters32 set.  Does NOT import make_set.py.

For every letter it re-derives the rule from the facts recorded in letters_meta.jsonl with
its own reading of the spec (/work/shared/clinical/referral-triage-spec.md), checks that the
label is the same under every reasonable reading (hedged or superseded items counted or not,
"bloody diarrhoea" read as rectal bleeding + change in bowel habit or not, "abdominal pain"
read with or without upper abdominal pain, A1's "no other fact above" read strictly or
loosely), checks that every evidence and distractor string sits in the letter text at the
recorded offsets, that numbers in the evidence match the recorded values, that every
red-flag word in the text lies inside a recorded span, and then checks the set-level mix
the brief asks for.  Exit status 0 when everything passes.

Usage: python3 validate_set.py
"""
import collections
import datetime
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SPEC_TABLE = """
U1 urgent_suspected_cancer upper_gi
U2 urgent_suspected_cancer lower_gi
U3 urgent_suspected_cancer lower_gi
U4 urgent_suspected_cancer lower_gi
U5 urgent_suspected_cancer upper_gi
U6 urgent_suspected_cancer lower_gi
U7 urgent_suspected_cancer hepatology
U8 urgent_suspected_cancer lower_gi
R1 urgent ibd
R2 urgent hepatology
R3 urgent upper_gi
O1 routine upper_gi
O2 routine ibd
O3 advice_and_guidance ibd
O4 routine general_gi
O5 routine hepatology
A1 advice_and_guidance general_gi
O6 routine general_gi
A2 advice_and_guidance upper_gi
A3 advice_and_guidance lower_gi
D routine general_gi
"""
LABELS = {ln.split()[0]: (ln.split()[1], ln.split()[2]) for ln in SPEC_TABLE.strip().splitlines()}
URGENCIES = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
PATHWAYS = ["lower_gi", "upper_gi", "ibd", "hepatology", "general_gi"]


# ---------------------------------------------------------------------------------------
# values: a number, or [qualifier, n] meaning "below n" ("<", "undetectable", "negative")
# ---------------------------------------------------------------------------------------
def below(v, t):
    if v is None:
        return False
    if isinstance(v, list):
        return v[1] <= t
    return v < t


def at_least(v, t):
    return v is not None and not isinstance(v, list) and v >= t


class Reading:
    def __init__(self, bloody_is_bleed_and_cibh, upper_counts_as_pain, a1_strict):
        self.bd = bloody_is_bleed_and_cibh
        self.up = upper_counts_as_pain
        self.strict = a1_strict


def derive(f, rd):
    """the spec's rule table, top to bottom"""
    t = lambda k: bool(f.get(k))
    age, sex = f["age"], f["sex"]
    hb, fer, fit, cal, alt = f.get("hb"), f.get("ferritin"), f.get("fit"), f.get("calpro"), f.get("alt")
    anaemic = hb is not None and below(hb, 120 if sex == "F" else 130)
    iron_def = fer is not None and below(fer, 30)
    ida = anaemic and iron_def
    bleed = t("rectal_bleeding") or (rd.bd and t("bloody_diarrhoea"))
    habit = t("cibh") or (rd.bd and t("bloody_diarrhoea"))
    pain = t("abdo_pain") or (rd.up and t("upper_abdo_pain"))
    upper = t("upper_abdo_pain") or t("reflux") or t("dyspepsia")
    ppi = f.get("ppi_weeks")
    resistant = t("dyspepsia") and ppi is not None and ppi >= 4
    no_fit = fit is None
    table = [
        ("U1", t("dysphagia")),
        ("U2", t("rectal_mass") or t("anal_mass") or t("anal_ulcer")),
        ("U3", at_least(fit, 10)),
        ("U4", ida),
        ("U5", age >= 55 and t("weight_loss") and upper),
        ("U6", t("abdominal_mass")),
        ("U7", age >= 40 and t("jaundice")),
        ("U8", no_fit and ((age >= 50 and bleed) or (age >= 40 and t("weight_loss") and pain) or (age >= 60 and habit))),
        ("R1", t("bloody_diarrhoea") or at_least(cal, 250)),
        ("R2", (t("cirrhosis") and (t("ascites") or t("confusion"))) or at_least(alt, 300)),
        ("R3", t("haematemesis")),
        ("O1", age >= 55 and resistant),
        ("O2", cal is not None and at_least(cal, 100) and not at_least(cal, 250)),
        ("O3", t("known_ibd") and t("ibd_stable") and t("ibd_question")),
        ("O4", t("ttg_raised")),
        ("O5", (alt is not None and at_least(alt, 40) and not at_least(alt, 300)) or t("fatty_liver")),
    ]
    for rule, hit in table:
        if hit:
            return rule
    a1_symptom = pain or t("bloating") or habit
    a1_marker = below(cal, 100) or below(fit, 10)
    if age < 50 and a1_symptom and a1_marker:
        others = [t(k) for k in ("dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_abdo_pain",
                                 "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "bloody_diarrhoea",
                                 "cirrhosis", "ascites", "confusion", "haematemesis", "known_ibd", "ttg_raised",
                                 "fatty_liver", "fh_crc")]
        others += [anaemic, iron_def, at_least(alt, 40), at_least(cal, 100), at_least(fit, 10)]
        if not (rd.strict and any(others)):
            return "A1"
    if (bleed or habit or pain) and below(fit, 10):
        return "O6"
    if age < 55 and (t("dyspepsia") or t("reflux")):
        return "A2"
    any_symptom = any(t(k) for k in ("dysphagia", "weight_loss", "upper_abdo_pain", "abdo_pain", "reflux", "dyspepsia",
                                     "jaundice", "rectal_bleeding", "cibh", "bloating", "bloody_diarrhoea", "haematemesis",
                                     "confusion", "ascites", "abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer"))
    if t("fh_crc") and not any_symptom:
        return "A3"
    return "D"


READINGS = [Reading(a, b, c) for a in (False, True) for b in (False, True) for c in (False, True)]
UNCERTAIN_KINDS = {"hedged", "poor_historian_denial", "superseded", "explained", "resolved_vague"}
DIST_KINDS = {"negated", "family_history", "resolved", "hypothetical", "normal_value", "unticked", "hedged",
              "poor_historian_denial", "refuted", "superseded", "other_person", "explained", "resolved_vague"}

KEYWORDS = re.compile(
    r"dysphag|swallow|jaundic|icteric|yellow|\bmass|lump|ulcer|haematemesis|vomit|melaena|bleed|bloody|"
    r"\bblood\b(?!\s*(pressure|tests?|results?|count|form))|weight|\bq?FIT\b|calprotectin|\bFCP\b|\bALT\b|\bHb\b|"
    r"haemoglobin|ferritin|\btTG\b|coeliac serology|cirrho|ascites|confus|dyspeps|indigestion|reflux|heartburn|"
    r"bowel habit|CIBH|bloat|abdominal pain|tummy|epigastric|iliac fossa|cancer|steatosis|fatty|NAFLD|colitis|"
    r"crohn|\bIBD\b|\bUC\b|PPI|prazole|anaemi|\bIDA\b", re.I)


def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n):
        return False
    s = sum(int(c) * (10 - i) for i, c in enumerate(n[:9]))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


NUMWORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def age_words(n):
    if n < 20:
        return NUMWORDS[n]
    return TENS[n // 10] + ("" if n % 10 == 0 else "-" + NUMWORDS[n % 10])


def fmtnum(x):
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x)


def value_in(ev_list, fact, v):
    """does at least one evidence string state this value?"""
    joined = " | ".join(ev_list)
    if isinstance(v, list):
        q, n = v
        if q == "<":
            return re.search(r"<\s*%s\b" % re.escape(fmtnum(n)), joined) is not None
        return q in joined.lower()
    cands = [fmtnum(v)]
    if fact == "hb":
        cands.append("%.1f" % (v / 10.0))
    for c in cands:
        if re.search(r"(?<![\d.])%s(?![\d])" % re.escape(c), joined):
            return True
    return False


def main():
    errors, warns = [], []
    L = [json.loads(x) for x in open(os.path.join(HERE, "letters.jsonl"), encoding="utf-8")]
    M = {m["id"]: m for m in (json.loads(x) for x in open(os.path.join(HERE, "letters_meta.jsonl"), encoding="utf-8"))}
    E = lambda i, msg: errors.append("%s: %s" % (i, msg))
    if len(L) != 300:
        errors.append("expected 300 letters, got %d" % len(L))
    ids = [r["id"] for r in L]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    counts = {k: collections.Counter() for k in ("urgency", "pathway", "rule", "style")}
    cross = collections.Counter()
    story_n = near_n = noise_n = 0
    over = under = agree = none_ = 0
    dist_kinds = collections.Counter()
    near_lines = collections.Counter()
    ages = []
    kinds = {}
    for r in L:
        i = r["id"]
        if not re.fullmatch(r"L32-\d{4}", i):
            E(i, "bad id")
        for k in ("id", "text", "urgency", "pathway", "rule", "style", "gp_priority", "age"):
            if k not in r:
                E(i, "missing field " + k)
        m = M.get(i)
        if m is None:
            E(i, "no meta")
            continue
        text = r["text"]
        if r["urgency"] not in URGENCIES or r["pathway"] not in PATHWAYS:
            E(i, "label spelling")
        if LABELS.get(r["rule"]) != (r["urgency"], r["pathway"]):
            E(i, "rule %s does not give %s/%s" % (r["rule"], r["urgency"], r["pathway"]))
        if m["style"] != r["style"]:
            E(i, "style mismatch")
        kinds[r["style"]] = m["layout_kind"]
        for k in counts:
            counts[k][r[k]] += 1
        cross[(r["urgency"], r["pathway"])] += 1
        # ---- spans --------------------------------------------------------------------
        spans = m["spans"]
        for sp in spans:
            a, b = sp[0], sp[1]
            if not (0 <= a < b <= len(text)):
                E(i, "span out of range")
        ev = m["evidence"]
        for f, lst in ev.items():
            for s in lst:
                if s not in text:
                    E(i, "evidence for %s not in text: %r" % (f, s[:60]))
        for dd in m["distractors"]:
            if dd["kind"] not in DIST_KINDS:
                E(i, "unknown distractor kind %s" % dd["kind"])
            if dd["text"] not in text:
                E(i, "distractor not in text: %r" % dd["text"][:60])
            dist_kinds[dd["kind"]] += 1
            if dd["kind"] == "refuted" and not re.search(r"\bno\b|\bnot\b|stable|white|brown", dd["text"], re.I):
                E(i, "refuted report without a negation by the writer: %r" % dd["text"][:60])
        for nn in m["neutral"]:
            if nn["text"] not in text:
                E(i, "neutral mention not in text")
        # ---- red-flag words outside any recorded span --------------------------------
        covered = [(sp[0], sp[1]) for sp in spans]
        for mt in KEYWORDS.finditer(text):
            if m["style"] == "lowercase_unpunctuated_gp" and mt.group(0).lower() in ("fit", "uc", "alt", "hb", "ida") \
                    and not any(a <= mt.start() < b for a, b in covered):
                # in a lower-case letter these may be ordinary words; only flag the clinical ones
                if re.match(r"fit\s+(\d|<|undet|neg)|alt\s+\d|hb\s+\d", text[mt.start():mt.start() + 12]):
                    E(i, "untagged value %r" % text[mt.start():mt.start() + 12])
                continue
            if not any(a <= mt.start() < b for a, b in covered):
                E(i, "red-flag word outside any recorded span: %r in %r" % (mt.group(0), text[max(0, mt.start() - 30):mt.end() + 30]))
        # ---- facts, ages --------------------------------------------------------------
        F = dict(m["facts"])
        F["age"], F["sex"] = m["age"], m["sex"]
        if r["age"] != m["age"] or not (18 <= m["age"] <= 95):
            E(i, "age")
        ages.append(m["age"])
        dob = datetime.date.fromisoformat(m["dob"])
        ld = datetime.date.fromisoformat(m["letter_date"])
        if age_at(dob, ld) != m["age"]:
            E(i, "age does not match DOB against letter date")
        for ds in m["dates_iso"]:
            if age_at(dob, datetime.date.fromisoformat(ds)) != m["age"]:
                E(i, "age would differ against another date in the letter (%s)" % ds)
        if "dob" not in ev or "letter_date" not in ev:
            if m["dob_only"]:
                E(i, "DOB-only letter without DOB and letter date evidence")
        if not m["dob_only"]:
            aev = " ".join(ev.get("age", []) + ev.get("age_sex", []))
            if not (re.search(r"(?<!\d)%d(?!\d)" % m["age"], aev) or age_words(m["age"]) in aev.lower()):
                E(i, "stated age evidence missing")
        else:
            if ev.get("age") or ev.get("age_sex"):
                E(i, "dob_only letter states the age")
        if not (ev.get("sex") or ev.get("age_sex")):
            E(i, "no evidence of sex")
        if not nhs_ok(m["nhs_number"]):
            E(i, "invalid NHS number")
        # ---- every positive fact has evidence stating it ---------------------------
        for f, v in m["facts"].items():
            if v is False or v is None:
                continue
            if f in ("ibd_stable", "ibd_question", "known_ibd", "cirrhosis", "fatty_liver", "fh_crc", "ttg_raised") or v is True:
                if not ev.get(f):
                    E(i, "fact %s has no evidence" % f)
                continue
            if not ev.get(f):
                E(i, "value %s has no evidence" % f)
            elif f != "ttg_raised" and not value_in(ev[f], f, v):
                E(i, "evidence for %s does not state %r: %r" % (f, v, ev[f]))
        if "ida" in ev:
            anaemic = F.get("hb") is not None and below(F["hb"], 120 if F["sex"] == "F" else 130)
            if not (anaemic and F.get("ferritin") is not None and below(F["ferritin"], 30)):
                E(i, "IDA row ticked but values are not IDA")
        # ---- the label --------------------------------------------------------------
        got = set()
        variants = [F]
        for dd in m["distractors"]:
            if dd.get("if_counted"):
                if dd["kind"] not in UNCERTAIN_KINDS:
                    E(i, "if_counted on a %s distractor" % dd["kind"])
                G = dict(F)
                G.update(dd["if_counted"])
                variants.append(G)
            elif dd["kind"] in UNCERTAIN_KINDS:
                E(i, "%s distractor without its alternative reading" % dd["kind"])
        for G in variants:
            for rd in READINGS:
                got.add(derive(G, rd))
        if got != {r["rule"]}:
            E(i, "label depends on the reading: %s vs stated %s" % (sorted(got), r["rule"]))
        if "fit" not in m["facts"] and re.search(r"\bq?FIT\b\s*[:=]?\s*(\d|<|undetect|negative|positive)", text) and r["rule"] == "U8":
            E(i, "U8 letter seems to state a FIT result")
        # ---- brief-level tallies ----------------------------------------------------
        if m["carries_story"]:
            story_n += 1
        decisive = False
        for nl in m["near_line"]:
            G = dict(F)
            if nl["what"] == "ttg":
                G["ttg_raised"] = not G.get("ttg_raised")
            else:
                key = {"age": "age", "fit": "fit", "calpro": "calpro", "alt": "alt", "hb": "hb", "ferritin": "ferritin",
                       "ppi_weeks": "ppi_weeks"}[nl["what"]]
                thr, val = nl["threshold"], nl["value"]
                if val != F.get(key):
                    E(i, "near-line value %r does not match the fact %s=%r" % (val, key, F.get(key)))
                G[key] = thr - 1 if val >= thr else thr
            if derive(G, READINGS[0]) != derive(F, READINGS[0]):
                decisive = True
                near_lines[nl["line"]] += 1
        if decisive:
            near_n += 1
        if m["noise"]:
            noise_n += 1
        lvl = m["gp_priority_level"]
        rank = {"advice": 0, "routine": 1, "urgent": 2, "usc": 3}
        lab = {"advice_and_guidance": 0, "routine": 1, "urgent": 2, "urgent_suspected_cancer": 3}[r["urgency"]]
        if lvl is None:
            none_ += 1
            if r["gp_priority"] is not None:
                E(i, "gp_priority should be null")
        else:
            if not ev and False:
                pass
            if rank[lvl] > lab:
                over += 1
            elif rank[lvl] < lab:
                under += 1
            else:
                agree += 1
            if not any(nn["note"] == "priority" for nn in m["neutral"]) and not m.get("prio_in_header") \
                    and r["style"] != "ers_structured_template":
                E(i, "requested priority not written in the letter")
    # ---- set level ------------------------------------------------------------------
    for u in URGENCIES:
        if counts["urgency"][u] < 25:
            errors.append("fewer than 25 letters for %s" % u)
    for p in PATHWAYS:
        if counts["pathway"][p] == 0:
            errors.append("pathway %s absent" % p)
    if len(counts["style"]) != 20 or any(v != 15 for v in counts["style"].values()):
        errors.append("need 20 styles x 15 letters")
    writers = sum(1 for s, k in kinds.items() if k == "writer")
    if writers < 12:
        errors.append("fewer than 12 individual-writer styles")
    if story_n < 150:
        errors.append("only %d letters carry their facts through others / with stated certainty" % story_n)
    if near_n < 60:
        errors.append("only %d letters close to a line where the side of the line decides the label" % near_n)
    dis = over + under
    if not (0.40 <= dis / 300 <= 0.60) or over < 20 or under < 20:
        errors.append("requested-priority disagreement %d/300 (over %d, under %d)" % (dis, over, under))
    if not (0.05 <= noise_n / 300 <= 0.15):
        warns.append("noise in %d letters" % noise_n)
    mix = {u: counts["urgency"][u] / 300 for u in URGENCIES}
    spec_mix = {"urgent_suspected_cancer": 0.30, "urgent": 0.15, "routine": 0.35, "advice_and_guidance": 0.20}
    for u in URGENCIES:
        if abs(mix[u] - spec_mix[u]) > 0.05:
            warns.append("urgency %s at %.0f%% vs spec %.0f%%" % (u, 100 * mix[u], 100 * spec_mix[u]))
    # ---- report ------------------------------------------------------------------
    print("letters: %d" % len(L))
    for k in ("urgency", "pathway", "rule", "style"):
        print("\n%s:" % k)
        for v, n in sorted(counts[k].items(), key=lambda x: (-x[1], x[0])):
            print("  %-40s %3d" % (v, n))
    print("\nindividual-writer styles: %d, form/template styles: %d" % (writers, len(kinds) - writers))
    print("ages: %d-%d" % (min(ages), max(ages)))
    print("letters carrying facts through others or with stated certainty: %d" % story_n)
    print("letters close to a line, where moving the value across the line would change the label: %d" % near_n)
    for ln, n in sorted(near_lines.items()):
        print("  %-75s %3d" % (ln, n))
    print("requested priority: disagrees %d (over-asking %d, under-asking %d), agrees %d, not stated %d" %
          (dis, over, under, agree, none_))
    print("letters with a spelling slip: %d" % noise_n)
    print("distractor kinds: %s" % dict(sorted(dist_kinds.items())))
    sp = os.path.join(HERE, "second_pass.tsv")
    if os.path.exists(sp):
        lines = open(sp, encoding="utf-8").read().splitlines()
        head = lines[0].split("\t")
        recs = [dict(zip(head, ln.split("\t"))) for ln in lines[1:]]
        byid = {r["id"]: r for r in L}
        dis = 0
        for rec in recs:
            cur = byid.get(rec["id"])
            if cur is None:
                errors.append("second_pass.tsv: unknown id %s" % rec["id"])
                continue
            if (rec["set_rule"], rec["set_urgency"], rec["set_pathway"]) != (cur["rule"], cur["urgency"], cur["pathway"]):
                errors.append("second_pass.tsv: %s set label out of date" % rec["id"])
            if LABELS.get(rec["blind_rule"]) != (rec["blind_urgency"], rec["blind_pathway"]):
                errors.append("second_pass.tsv: %s blind rule and labels disagree" % rec["id"])
            if rec["blind_rule"] != cur["rule"]:
                dis += 1
        if len(recs) != 50 or len(set(r["id"] for r in recs)) != 50:
            errors.append("second_pass.tsv should hold 50 distinct letters")
        print("second pass: %d letters re-read blind, %d disagree with the set's label" % (len(recs), dis))
    else:
        warns.append("no second_pass.tsv")
    h = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    print("sha256 letters.jsonl: %s" % h)
    readme = os.path.join(HERE, "README.md")
    if os.path.exists(readme):
        if h not in open(readme, encoding="utf-8").read():
            warns.append("README.md does not carry the current sha256")
    for w in warns:
        print("WARNING: " + w)
    if errors:
        print("\nFAILED: %d problems" % len(errors))
        for e in errors[:80]:
            print("  " + e)
        return 1
    print("\nPASSED: all %d letters re-derive to their stated rule under every reading" % len(L))
    return 0


if __name__ == "__main__":
    sys.exit(main())
