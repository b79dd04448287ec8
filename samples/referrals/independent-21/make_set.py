#!/usr/bin/env python3
"""Generator for the sealed test set "letters21" (300 gastroenterology referral letters).

Standard library only, deterministic: every random choice comes from random.Random seeded
with a string, so reruns give byte-identical letters.jsonl and letters_meta.jsonl.
Labels come from the rule each scenario was built for (see referral-triage-spec.md);
validate_set.py re-derives them independently from the meta facts.
"""
import json, random, datetime, os

HERE = os.path.dirname(os.path.abspath(__file__))

# ----------------------------------------------------------------- plan
RULE_COUNTS = [
    ("U1", 14), ("U2", 8), ("U3", 16), ("U4", 14), ("U5", 10), ("U6", 6), ("U7", 8), ("U8", 14),
    ("R1", 18), ("R2", 14), ("R3", 13),
    ("O1", 15), ("O2", 14), ("O3", 18), ("O4", 14), ("O5", 20),
    ("A1", 18), ("O6", 22), ("A2", 16), ("A3", 8), ("D", 20),
]
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

GP_STYLES = ["formal_dear_doctor", "terse_two_line", "chatty_gp", "bullet_points_gp",
             "registrar_countersigned", "retired_locum", "qa_salaried_gp"]
INBOX_STYLES = ["ers_template_empty_headings", "tickbox_form", "history_copied_twice",
                "consult_note_pasted", "result_quoted_twice", "medlist_one_line",
                "problem_list", "system_review", "numbered_findings", "social_history_first",
                "ps_addendum", "phoned_result", "two_timepoints", "community_pharmacist",
                "practice_nurse_review", "health_visitor", "urgent_community_response",
                "mental_health_team", "dietitian", "physiotherapist", "hospice_team",
                "private_gp", "results_table", "footer_repeated", "scanned_fax_cover"]

# ----------------------------------------------------------------- name banks
F_NAMES = ["Margaret", "Susan", "Aisha", "Joanne", "Priya", "Helen", "Bronwen", "Karen", "Niamh",
           "Fatima", "Irene", "Chloe", "Deborah", "Agnieszka", "Yvonne", "Rachel", "Sian", "Maureen",
           "Grace", "Leanne", "Olivia", "Shirley", "Nadia", "Eileen"]
M_NAMES = ["David", "Gareth", "Imran", "Peter", "Kwame", "Stephen", "Alan", "Tomasz", "Brian",
           "Rajesh", "Colin", "Liam", "Derek", "Mohammed", "Graham", "Owen", "Keith", "Sean",
           "Harold", "Jamal", "Neil", "Ross", "Trevor", "Wei"]
SURNAMES = ["Thompson", "Patel", "Hughes", "Okafor", "Jones", "Campbell", "Nowak", "Khan",
            "Robertson", "Evans", "Begum", "Fraser", "Walsh", "Ahmed", "Price", "Murray",
            "Chaudhry", "Davies", "McLean", "Sutherland", "Byrne", "Mensah", "Lloyd", "Hart",
            "Kowalski", "Singh", "Barker", "Doyle", "Gill", "Reid"]
GPS = ["Dr A. Whitfield", "Dr S. Rahman", "Dr J. McAllister", "Dr P. Osei", "Dr H. Lindqvist",
       "Dr R. Bhattacharya", "Dr E. Carmichael", "Dr T. Ng", "Dr L. Pryce", "Dr M. O'Donnell",
       "Dr C. Adeyemi", "Dr K. Fairbairn", "Dr F. Hussain", "Dr B. Sandford", "Dr N. Varma"]
PRACTICES = [("Riverside Medical Practice", "M85012", "14 Mill Lane, Ashbourne, AB1 2CD"),
             ("Castle View Surgery", "C81044", "2 Castle Street, Kenbury, KB4 7QT"),
             ("The Orchard Health Centre", "P92630", "Orchard Way, Hallam, HL9 3RS"),
             ("Northgate Family Practice", "J83019", "101 Northgate, Dunmore, DN2 8EF"),
             ("Station Road Surgery", "F85626", "Station Road, Little Wexcombe, LW3 5GH"),
             ("Meadowbank Medical Group", "L82057", "Meadowbank, Pennick, PN7 1JJ"),
             ("St Brigid's Surgery", "K84003", "St Brigid's Close, Ormley, OR5 6TT"),
             ("Harbourside Health", "G81021", "The Quay, Saltmouth, SM1 4LP")]
HOSPITAL = "Department of Gastroenterology, County General Hospital"

PRIORITY_PHRASES = {
    "urgent_suspected_cancer": ["Priority: 2WW", "Please see under the suspected cancer pathway.",
                                "Fast track please.", "Requested priority: Urgent Suspected Cancer",
                                "I would be grateful if this could go on the two week wait."],
    "urgent": ["Priority: Urgent", "Urgent please.", "Could this be seen soon - within a few weeks?",
               "Requested priority: URGENT (not cancer pathway)"],
    "routine": ["Priority: Routine", "Routine appointment is fine.", "No rush - routine clinic please.",
                "Requested priority: ROUTINE"],
    "advice_and_guidance": ["Advice only please - no appointment needed.", "Request type: Advice & Guidance",
                            "I would value your advice rather than a clinic slot.",
                            "Happy to manage here with your advice."],
}
PRIORITY_WORDS = {"urgent_suspected_cancer": "asked for the suspected-cancer (2WW) pathway",
                  "urgent": "asked for an urgent (non-cancer) appointment",
                  "routine": "asked for a routine appointment",
                  "advice_and_guidance": "asked for advice only"}

MEDS_POOL = ["amlodipine 5mg od", "atorvastatin 20mg on", "metformin 500mg bd", "levothyroxine 75mcg od",
             "ramipril 2.5mg od", "sertraline 50mg od", "salbutamol inh prn", "bisoprolol 2.5mg od",
             "paracetamol 1g qds prn", "vitamin D 800iu od", "tamsulosin 400mcg od", "alendronic acid 70mg weekly",
             "co-codamol 8/500 prn", "montelukast 10mg on", "HRT patch twice weekly"]


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return n[:3] + " " + n[3:6] + " " + n[6:]


def ukdate(d, rng=None, fmt=None):
    fmt = fmt or "%d/%m/%Y"
    return d.strftime(fmt)


# ----------------------------------------------------------------- fact phrasing
def P(fact, prose, short, value=None):
    return {"fact": fact, "prose": prose, "short": short, "value": value}


def fit_pos(rng):
    v = rng.choice([12, 18, 27, 45, 63, 88, 120, 160, 240, 400])
    forms = [(f"FIT {v}", f"FIT: {v}"), (f"qFIT {v} ug Hb/g", f"qFIT: {v} ug Hb/g faeces"),
             (f"FIT result: {v}", f"FIT result: {v}"), (f"faecal immunochemical test {v} ug/g", f"FIT >= 10: yes ({v})")]
    a, b = rng.choice(forms)
    return P("fit", a, b, {"value": v, "ge10": True})


def fit_neg(rng):
    forms = [("FIT <4", "FIT: <4", 3), ("FIT result: 6", "FIT result: 6", 6), ("FIT negative", "FIT: negative", None),
             ("FIT undetectable", "FIT: undetectable", None), ("qFIT 3 ug Hb/g", "FIT >= 10: no", None),
             ("FIT 8", "FIT: 8", 8), ("FIT came back <4 ug/g", "qFIT: <4", 3)]
    a, b, v = rng.choice(forms)
    return P("fit", a, b, {"value": v, "ge10": False})


def hb_item(rng, sex, anaemic):
    if anaemic:
        v = rng.choice([84, 91, 98, 103, 107, 112] if sex == "F" else [86, 95, 104, 111, 118, 122])
    else:
        v = rng.choice([138, 142, 147, 151])
    if rng.random() < 0.35:
        t = f"{v/10:.1f}"
        a, b = f"haemoglobin {t} g/dL", f"Hb: {t} g/dL"
    else:
        ref = "(120-150)" if sex == "F" else "(130-170)"
        a, b = rng.choice([(f"Hb {v}", f"Hb: {v} g/L"), (f"Hb {v} g/L {ref}", f"Hb: {v} {ref}"),
                           (f"haemoglobin {v} g/L", f"Haemoglobin: {v} g/L")])
    return P("hb", a, b, v)


def ferritin_item(rng, low):
    v = rng.choice([4, 6, 8, 11, 14, 19, 23] if low else [48, 76, 96, 140])
    a, b = rng.choice([(f"ferritin {v} ug/L", f"Ferritin: {v} ug/L"), (f"ferritin {v}", f"Ferritin: {v}"),
                       (f"ferritin {v} (15-300)", f"Ferritin: {v} (ref 15-300)")])
    return P("ferritin", a, b, v)


def calpro_item(rng, band):
    v = {"high": [270, 340, 480, 560, 890, 1200], "mid": [110, 135, 160, 190, 220, 245],
         "low": [18, 25, 40, 55, 72, 85]}[band]
    v = rng.choice(v)
    a, b = rng.choice([(f"faecal calprotectin {v} ug/g", f"Calprotectin: {v} ug/g"), (f"calprotectin {v}", f"FCP: {v}"),
                       (f"FCP {v} ug/g", f"Faecal calprotectin: {v}")])
    return P("calprotectin", a, b, v)


def alt_item(rng, band):
    v = rng.choice({"high": [320, 412, 560, 780, 1150], "mid": [52, 68, 85, 110, 150, 196, 240],
                    "normal": [14, 19, 24, 31]}[band])
    x = f"{v/40:.1f}"
    forms = [(f"ALT {v} U/L", f"ALT: {v} U/L"), (f"ALT {v} (ref <40)", f"ALT: {v} (<40)")]
    if band != "normal":
        forms.append((f"ALT {v} U/L ({x} x ULN, ULN 40)", f"ALT: {v} U/L = {x} x ULN"))
    a, b = rng.choice(forms)
    return P("alt", a, b, v)


def build_scenario(rule, rng):
    """returns (age, sex, positives, excluded-distractor-facts, extra facts)"""
    pos = []
    ex = set()
    sex = rng.choice("MF")
    fx = {}

    def dyspepsia_or_reflux():
        k = rng.choice(["dyspepsia", "reflux"])
        if k == "dyspepsia":
            return P("dyspepsia", rng.choice(["indigestion most days", "ongoing dyspepsia", "dyspeptic symptoms after meals"]),
                     "Dyspepsia: yes")
        return P("reflux", rng.choice(["acid reflux", "heartburn and reflux most nights", "troublesome reflux"]),
                 "Reflux: yes")

    if rule == "U1":
        age = rng.randint(38, 92)
        pos.append(P("dysphagia", rng.choice(["food sticking in the lower chest for six weeks",
                                              "progressive difficulty swallowing solids over two months",
                                              "dysphagia to solids, now struggling with bread and meat",
                                              "says meat 'gets stuck' halfway down, new since the spring"]),
                     rng.choice(["Dysphagia: YES - solids", "Swallowing difficulty: yes, progressive"])))
        if rng.random() < 0.4:
            pos.append(dyspepsia_or_reflux())
    elif rule == "U2":
        age = rng.randint(34, 90)
        if rng.random() < 0.6:
            pos.append(P("rectal_mass", rng.choice(["a firm irregular mass felt on PR at about 6 cm",
                                                    "rectal mass palpable on digital examination"]),
                         "PR exam: mass palpable"))
        else:
            pos.append(P("anal_ulcer", rng.choice(["an unexplained ulcer at the anal margin, not healing after 6 weeks",
                                                   "unexplained anal ulceration on examination"]),
                         "Anal exam: unexplained ulcer"))
    elif rule == "U3":
        age = rng.randint(28, 88)
        pos.append(fit_pos(rng))
        s = rng.choice(["cibh", "abdo_pain", "rectal_bleeding"])
        if s == "cibh":
            pos.append(P("cibh", "looser stools for the last two months", "Change in bowel habit: yes, looser"))
        elif s == "abdo_pain":
            pos.append(P("abdo_pain", "intermittent lower abdominal pain", "Abdominal pain: lower, intermittent", "lower"))
        else:
            pos.append(P("rectal_bleeding", "occasional rectal bleeding", "PR bleeding: yes, occasional"))
    elif rule == "U4":
        age = rng.randint(19, 91)
        pos.append(hb_item(rng, sex, True))
        pos.append(ferritin_item(rng, True))
        if rng.random() < 0.35:
            pos.append(fit_neg(rng))
        ex |= {"hb", "ferritin"}
    elif rule == "U5":
        age = rng.randint(56, 89)
        pos.append(P("weight_loss", rng.choice(["unintentional weight loss of 6 kg since the summer",
                                                "unexplained weight loss, about a stone in three months"]),
                     rng.choice(["Weight loss: yes, 6 kg unexplained", "Wt loss: unexplained, ~1 stone"])))
        k = rng.choice(["upper", "dys", "dys"])
        if k == "upper":
            pos.append(P("upper_abdo_pain", "upper abdominal pain after meals", "Upper abdominal pain: yes", "upper"))
        else:
            pos.append(dyspepsia_or_reflux())
    elif rule == "U6":
        age = rng.randint(32, 88)
        pos.append(P("abdo_mass", rng.choice(["a palpable abdominal mass in the right iliac fossa",
                                              "a firm abdominal mass in the left flank on examination"]),
                     "Abdominal mass: yes, palpable"))
    elif rule == "U7":
        age = rng.randint(42, 93)
        pos.append(P("jaundice", rng.choice(["painless jaundice noticed by his family", "visibly jaundiced with yellow sclerae",
                                             "new painless jaundice for ten days"]),
                     "Jaundice: yes, painless"))
        if rng.random() < 0.5:
            pos.append(alt_item(rng, "mid"))
    elif rule == "U8":
        v = rng.choice(["bleed", "wlpain", "cibh"])
        if v == "bleed":
            age = rng.randint(51, 90)
            pos.append(P("rectal_bleeding", rng.choice(["fresh rectal bleeding on and off for 5 weeks",
                                                        "blood mixed in with the stool for a month"]),
                         "PR bleeding: yes, 5/52"))
        elif v == "wlpain":
            age = rng.randint(41, 54)
            pos.append(P("weight_loss", "unexplained weight loss of 5 kg", "Weight loss: 5 kg, unexplained"))
            pos.append(P("abdo_pain", rng.choice(["lower abdominal pain", "left iliac fossa pain"]),
                         "Abdominal pain: lower", "lower"))
        else:
            age = rng.randint(61, 92)
            pos.append(P("cibh", rng.choice(["a change in bowel habit to looser, more frequent stools over 8 weeks",
                                             "new loose stools for two months, a clear change from normal"]),
                         "CIBH: yes, looser x 8/52"))
        fx["no_fit"] = True
        ex |= {"fit"}
    elif rule == "R1":
        age = rng.randint(18, 45)
        if rng.random() < 0.55:
            pos.append(P("bloody_diarrhoea", rng.choice(["bloody diarrhoea up to six times a day for three weeks",
                                                         "diarrhoea with blood most days for a fortnight"]),
                         "Bloody diarrhoea: yes, 6/day"))
        else:
            pos.append(calpro_item(rng, "high"))
            pos.append(P("cibh", "loose stools for six weeks", "Stools: loose x 6/52"))
    elif rule == "R2":
        v = rng.choice(["ascites", "confusion", "alt"])
        if v == "alt":
            age = rng.randint(19, 75)
            pos.append(alt_item(rng, "high"))
            ex |= {"alt"}
        else:
            age = rng.randint(45, 82)
            pos.append(P("cirrhosis", rng.choice(["known alcohol-related cirrhosis", "known cirrhosis (MASLD)"]),
                         "PMH: cirrhosis"))
            if v == "ascites":
                pos.append(P("ascites", "now has ascites with a tense distended abdomen", "Ascites: yes, new"))
            else:
                pos.append(P("confusion", "new confusion over the past week, family concerned", "Confusion: yes, new"))
    elif rule == "R3":
        age = rng.randint(19, 80)
        pos.append(P("haematemesis", rng.choice(["vomited bright red blood twice last week", "an episode of haematemesis three days ago"]),
                     "Haematemesis: yes"))
    elif rule == "O1":
        age = rng.randint(56, 88)
        wk = rng.choice([6, 8, 10, 12])
        drug = rng.choice(["omeprazole 20mg", "lansoprazole 30mg"])
        pos.append(P("dyspepsia", f"dyspepsia persisting despite {wk} weeks of {drug}",
                     f"Dyspepsia: ongoing after {wk}/52 {drug}", {"ppi_weeks": wk}))
    elif rule == "O2":
        age = rng.randint(18, 54)
        pos.append(calpro_item(rng, "mid"))
        pos.append(P("cibh", "loose stools for two months", "Stools: loose x 2/12"))
    elif rule == "O3":
        age = rng.randint(19, 78)
        dz = rng.choice(["ulcerative colitis", "Crohn's disease", "UC"])
        she = "he" if sex == "M" else "she"
        q = rng.choice([f"can {she} stop azathioprine after four years in remission?",
                        "is it safe to continue mesalazine while planning a pregnancy?",
                        "which vaccines are safe before travel while on azathioprine?",
                        f"how often should {she} have surveillance colonoscopy?"])
        pos.append(P("ibd_stable_question", f"known {dz}, stable and in remission; my question is {q}",
                     f"Known {dz}: stable/in remission. Question: {q}"))
    elif rule == "O4":
        age = rng.randint(18, 74)
        v = rng.choice([28, 45, 86, 120])
        pos.append(P("ttg_raised", rng.choice([f"positive coeliac serology: tTG IgA {v} U/mL (ref <7)",
                                               f"raised tTG at {v} U/mL"]),
                     f"tTG: {v} (raised, ref <7)", v))
        pos.append(P("bloating", "bloating and tiredness", "Symptoms: bloating, fatigue"))
    elif rule == "O5":
        age = rng.randint(19, 84)
        if rng.random() < 0.6:
            pos.append(alt_item(rng, "mid"))
            ex |= {"alt"}
        else:
            pos.append(P("fatty_liver", "fatty liver on ultrasound", "USS abdo: fatty liver"))
    elif rule == "A1":
        age = rng.randint(19, 49)
        s = rng.choice(["abdo_pain", "bloating", "cibh"])
        if s == "abdo_pain":
            pos.append(P("abdo_pain", "crampy abdominal pain relieved by opening bowels", "Abdominal pain: crampy, intermittent", "general"))
        elif s == "bloating":
            pos.append(P("bloating", "bloating worse in the evenings", "Bloating: yes"))
        else:
            pos.append(P("cibh", "alternating constipation and loose stools", "Bowel habit: alternating"))
        if rng.random() < 0.5:
            pos.append(calpro_item(rng, "low"))
        else:
            pos.append(fit_neg(rng))
    elif rule == "O6":
        age = rng.randint(51, 86)
        s = rng.choice(["rectal_bleeding", "cibh", "abdo_pain"])
        if s == "rectal_bleeding":
            pos.append(P("rectal_bleeding", "bright red blood on the paper", "PR bleeding: on paper"))
        elif s == "cibh":
            pos.append(P("cibh", "a change in bowel habit to looser stools", "CIBH: looser"))
        else:
            pos.append(P("abdo_pain", "intermittent lower abdominal pain", "Abdominal pain: lower, intermittent", "lower"))
        pos.append(fit_neg(rng))
    elif rule == "A2":
        age = rng.randint(19, 53)
        pos.append(dyspepsia_or_reflux())
    elif rule == "A3":
        age = rng.randint(25, 70)
        pos.append(P("fh_crc", rng.choice([("his" if sex == "M" else "her") + " father was diagnosed with bowel cancer aged 52",
                                           "two first-degree relatives have had colorectal cancer"]),
                     "Family history: colorectal cancer (first-degree)"))
        pos.append(P("asymptomatic", "entirely free of bowel symptoms", "Current symptoms: none"))
    elif rule == "D":
        v = rng.choice(["bloat", "irondef", "nausea", "hiccups"])
        if v == "bloat":
            age = rng.randint(52, 84)
            sex = "M"
            pos.append(P("bloating", "bloating after meals for several months", "Bloating: yes"))
        elif v == "irondef":
            age = rng.randint(25, 70)
            pos.append(ferritin_item(rng, True))
            pos.append(hb_item(rng, sex, False))
            ex |= {"hb", "ferritin"}
        elif v == "nausea":
            age = rng.randint(20, 70)
            pos.append(P("other", "persistent nausea in the mornings", "Nausea: yes, mornings"))
        else:
            age = rng.randint(30, 80)
            pos.append(P("other", "persistent hiccups for three weeks", "Hiccups: persistent"))
    else:
        raise ValueError(rule)
    for p in pos:
        ex.add(p["fact"])
    if "bloody_diarrhoea" in ex:
        ex.add("rectal_bleeding")
    if "ascites" in ex:
        ex.add("abdo_mass")
    return age, sex, pos, ex, fx


# ----------------------------------------------------------------- distractors
# each: (kind, fact, prose, short, applicable(rule, age, sex, ex))
def distractor_pool(rule, age, sex, ex, rng):
    he = "he" if sex == "M" else "she"
    His = "His" if sex == "M" else "Her"
    out = []
    def add(kind, fact, prose, short):
        if fact not in ex:
            out.append({"kind": kind, "fact": fact, "prose": prose, "short": short})
    neg = lambda *xs: rng.choice(xs)
    add("negated", "dysphagia", neg("No dysphagia.", "Denies difficulty swallowing.", "Swallowing is normal.",
                                    "Free of dysphagia."), neg("Dysphagia: N", "Dysphagia: x", "Dysphagia: none reported"))
    add("negated", "weight_loss", neg("Weight stable.", "No weight loss.", "Denies weight loss.", "Weight is unchanged."),
        neg("Weight: stable", "Wt loss: no", "Weight loss: —"))
    if rule not in ("A2",):
        add("negated", "rectal_bleeding", neg("No rectal bleeding.", "Nil PR bleeding.", "Denies any blood in the stool."),
            neg("Rectal bleeding: none", "PR bleed: nil", "Blood PR: negative"))
    add("negated", "jaundice", neg("Not jaundiced.", "No jaundice.", "Jaundice absent."), neg("Jaundice: absent", "Jaundice: —"))
    add("negated", "haematemesis", neg("No haematemesis.", "Denies vomiting blood."), neg("Haematemesis: N", "Haematemesis: no"))
    if "rectal_mass" not in ex and "abdo_mass" not in ex:
        add("negated", "abdo_mass", neg("Abdomen soft, no masses felt.", "No abdominal mass palpable."), "Abdominal mass: none")
    if rule.startswith("U") or rule.startswith("R") or rule in ("O1", "O2", "O3", "O4", "O5"):
        if "fh_crc" not in ex:
            add("family_history", "fh_crc", neg(f"{His} father had bowel cancer in his seventies.",
                                                 "Mother died of colon cancer aged 81.",
                                                 "A cousin had bowel cancer."),
                "FH: bowel cancer (father)")
    add("family_history", "fh_other", neg("Her sister has coeliac disease." if sex == "F" else "His brother has coeliac disease.",
                                          "A friend of hers recently had stomach cancer, which has worried her." if sex == "F"
                                          else "His best friend recently had an operation for oesophageal cancer, which has worried him.",
                                          "Mother had gallstones removed years ago."),
        "FH: mother - gallstones")
    add("resolved", "rectal_bleeding", neg("Rectal bleeding from haemorrhoids in 2015, none since.",
                                           "Had a PR bleed in 2011 (fissure), fully settled, none since."),
        "PMH: PR bleed 2015 (piles) - none since")
    add("resolved", "dysphagia", "Food bolus episode in 2012, swallowing normal ever since.",
        "PMH: food bolus 2012 - resolved, none since")
    add("resolved", "jaundice", "Jaundice as a child with hepatitis A, none since.", "PMH: hep A in childhood - resolved")
    add("hypothetical", "dysphagia", neg(f"If {he} develops dysphagia I will re-refer urgently.",
                                         f"Safety-netted to return if {he} develops difficulty swallowing."),
        "Safety net: re-refer if dysphagia")
    add("hypothetical", "weight_loss", f"Advised to let us know if {he} starts to lose weight.", "Safety net: return if weight loss")
    if rule not in ("A1", "A2", "A3", "O6", "D"):
        if "hb" not in ex:
            hb = rng.choice([138, 141, 146, 152])
            add("normal_value", "hb", f"Hb {hb} g/L.", f"Hb: {hb} g/L")
        if "alt" not in ex and rule not in ("U7",):
            a = rng.choice([14, 19, 24, 31])
            add("normal_value", "alt", f"ALT {a} U/L (normal).", f"ALT: {a} (<40)")
        if "ferritin" not in ex:
            fe = rng.choice([56, 88, 124])
            add("normal_value", "ferritin", f"Ferritin {fe} ug/L.", f"Ferritin: {fe}")
        if "ttg_raised" not in ex:
            add("normal_value", "ttg_raised", "Coeliac screen (tTG) negative.", "tTG: negative")
    return out


# ----------------------------------------------------------------- letter pieces
def age_string(rng, age, dob):
    k = rng.choice(["aged", "yo", "paren", "dob"])
    if k == "aged":
        return f"aged {age}", "aged"
    if k == "yo":
        return f"{age}-year-old", "yo"
    if k == "paren":
        return f"({age})", "paren"
    return f"DOB {dob.strftime('%d/%m/%Y')}", "dob"


def join_sentences(items, mode):
    s = []
    for it in items:
        t = it[mode]
        if mode == "prose":
            if not (len(t) > 1 and t[1].isupper()):
                t = t[0].upper() + t[1:]
            if not t.endswith((".", "?")):
                t += "."
        s.append(t)
    return s


def noise(text, rng):
    # OCR-style swaps / slips, applied only to fact-free boilerplate strings
    swaps = [("l", "1"), ("rn", "m"), ("O", "0"), ("ie", "ei"), ("th", "ht"), ("e", "c")]
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    for i in rng.sample(idx, min(2, len(idx))):
        a, b = rng.choice(swaps)
        if a in words[i]:
            words[i] = words[i].replace(a, b, 1)
        else:
            words[i] = words[i][:2] + words[i][3:]  # dropped letter
    return " ".join(words)


def render(style, L, rng):
    """L: dict with patient/writer/practice details and items. Returns text and mode used for each item."""
    pos, dis = L["pos"], L["dis"]
    if style == "terse_two_line":
        del dis[1:]
    allitems = pos + dis
    mixed = allitems[:]
    rng.shuffle(mixed)
    pri = L["priority_phrase"]
    pt, age_s = L["ptname"], L["age_s"]
    pr, code, addr = L["practice"]
    gp = L["gp"]
    d = L["date"]
    ds = d.strftime("%d/%m/%Y")
    dl = d.strftime("%-d %B %Y")
    nhs = L["nhs"]
    closing = L["closing"]
    age_p = age_s if age_s.startswith("(") else f"({age_s})"
    mode = {}

    def reg(it, s):
        mode.setdefault(id(it), [])
        if s not in mode[id(it)]:
            mode[id(it)].append(s)
        return s

    def prose(items):
        return " ".join(reg(it, s) for it, s in zip(items, join_sentences(items, "prose")))

    def short(items, bullet="- "):
        return "\n".join(bullet + reg(it, it["short"]) for it in items)

    prefix_pri = pri + "\n" if pri else ""
    suffix_pri = "\n" + pri if pri else ""
    hdr = f"{pr} ({code})\n{addr}\nDate: {ds}\n\nTo: {HOSPITAL}\n\nRe: {pt}, {age_s}, NHS No {nhs}\n"

    if style == "formal_dear_doctor":
        t = (hdr + f"\nDear Doctor,\n\nThank you for seeing this patient, whom I saw in surgery this week. "
             + prose(mixed) + f"\n\n{prefix_pri}{closing}\n\nYours sincerely,\n\n{gp}\nGeneral Practitioner")
    elif style == "terse_two_line":
        t = f"Re {pt} {age_s} NHS {nhs}\n" + prose(pos) + (" " + prose(dis[:1]) if dis else "") + (" " + pri if pri else "") + f"\n{gp.split()[-1]}, {pr} {ds}"
    elif style == "chatty_gp":
        t = (hdr + f"\nDear colleague,\n\nI hope you are well and not too snowed under! I saw this lovely patient this morning; "
             f"we have known each other for years and it was good to catch up about the allotment and the football. "
             f"Anyway, to business. " + prose(mixed) + f"\n\nI'd really value your opinion. {pri}\n\nBest wishes,\n{gp.replace('Dr ', '')} (GP)")
    elif style == "bullet_points_gp":
        t = hdr + f"\nDear Gastro team,\n\nKey points:\n" + short(mixed, "* ") + f"\n\n{prefix_pri}Thanks,\n{gp}"
    elif style == "registrar_countersigned":
        t = (hdr + f"\nDear Doctor,\n\nI am a GP registrar (ST2) and saw this patient today. " + prose(mixed)
             + f"\n\nI have discussed with my trainer, who agrees with this referral. {pri}\n\nKind regards,\n\n"
             f"Dr J. Ellwood, GP Specialty Registrar\nCountersigned: {gp}, GP Trainer")
    elif style == "retired_locum":
        t = (hdr + f"\nDear Sir or Madam,\n\nI write as a locum doing a few sessions here after my retirement from full-time practice, "
             f"so forgive the old-fashioned letter. " + prose(mixed)
             + f"\n\n{pri}\n\nI remain, yours faithfully,\n\nDr W. H. Ambrose MB ChB FRCGP (locum)")
    elif style == "qa_salaried_gp":
        lines = []
        for it in mixed:
            k, _, v = it["short"].partition(":")
            lines.append(reg(it, f"Q: {k.strip()}?\nA: {v.strip() if v else it['short']}"))
        t = hdr + "\nReferral by question and answer.\n\nQ: Why am I referring?\nA: For your assessment.\n\n" + "\n".join(
            lines) + (f"\nQ: What priority do I want?\nA: {pri}" if pri else "") + f"\n\n{gp} (salaried GP)"
    elif style == "ers_template_empty_headings":
        t = (f"NHS e-Referral Service - Referral Letter\nUBRN: {L['ubrn']}\nService: Gastroenterology\nReferral date: {ds}\n"
             f"Patient: {pt}   {age_s}   NHS: {nhs}\nReferrer: {gp}, {pr} ({code})\n\n"
             f"Reason for referral:\n{prose(pos)}\n\nHistory of presenting complaint:\n\n"
             f"Relevant examination findings:\n\nRelevant investigations:\n\n"
             f"Other relevant information:\n{prose(dis)}\n\nCurrent medication:\n\nAllergies:\nNKDA\n\n"
             f"Priority requested:\n{pri}\n\nSafeguarding concerns:\n")
    elif style == "tickbox_form":
        facts_pos = {p["fact"] for p in pos}
        boxes = []
        L["box_dis"] = []
        for f, lab in [("dysphagia", "Dysphagia"), ("weight_loss", "Unexplained weight loss"),
                       ("rectal_bleeding", "Rectal bleeding"), ("abdo_mass", "Abdominal mass"),
                       ("jaundice", "Jaundice"), ("haematemesis", "Haematemesis")]:
            if f in facts_pos:
                boxes.append(f"[x] {lab}")
                for p in pos:
                    if p["fact"] == f:
                        reg(p, f"[x] {lab}")
            elif f not in L["ex"]:
                boxes.append(f"[ ] {lab}")
                L["box_dis"].append({"kind": "unticked_box", "fact": f, "text": f"[ ] {lab}"})
        t = (f"GASTROENTEROLOGY REFERRAL PROFORMA\nPatient: {pt}  {age_s}\nNHS number: {nhs}\nPractice: {pr} {code}\n"
             f"Date: {ds}\n\nRed flags (tick all that apply):\n" + "\n".join(boxes) +
             f"\n\nClinical details:\n{prose(mixed)}\n\nUrgency: {pri}\nReferrer: {gp}")
    elif style == "history_copied_twice":
        h = prose(pos)
        t = (hdr + f"\nDear Doctor,\n\nHistory: {h}\n\n{prose(dis)}\n\nHistory: {h}\n\n{pri}\n{gp}")
    elif style == "consult_note_pasted":
        t = (hdr + f"\nDear Colleague,\nPlease see my consultation note below. {pri}\n\n{gp}\n\n"
             f"----- pasted consultation {ds} -----\nHistory: " + prose(mixed) +
             f"\nExamination: obs within normal limits.\nPlan: refer gastro.\n----- end -----")
    elif style == "result_quoted_twice":
        labs = [p for p in pos if p["fact"] in ("fit", "hb", "ferritin", "calprotectin", "alt", "ttg_raised")]
        first = labs[0] if labs else pos[0]
        t = (hdr + f"\nSummary: {reg(first, first['short'])}\n\nDear Doctor,\n" + prose(mixed) +
             f"\n\nResults:\n{first['short']}\n\n{pri}\n{gp}")
    elif style == "medlist_one_line":
        meds = "; ".join(rng.sample(MEDS_POOL, 6))
        t = (hdr + f"\nDear Doctor,\n" + prose(mixed) + f"\n\nMedication: {meds};\n\n{pri}\n{gp}")
    elif style == "problem_list":
        lines = [f"Problem {i+1}: {reg(it, it['short'])}" for i, it in enumerate(pos)]
        lines.append(f"Problem {len(pos)+1}: hypertension (stable)")
        t = hdr + "\n" + "\n".join(lines) + "\n\nOther: " + prose(dis) + f"\n\n{pri}\n{gp}"
    elif style == "system_review":
        t = (hdr + f"\nSystems:\nGI: " + prose(mixed) + "\nResp: clear chest.\nCVS: HS I+II+0, BP 134/82.\n"
             "Neuro: grossly intact.\n" + f"\n{pri}\n{gp}")
    elif style == "numbered_findings":
        t = hdr + "\nFindings:\n" + "\n".join(f"{i+1}. {reg(it, it['short'])}" for i, it in enumerate(mixed)) + "\n" + \
            f"{len(mixed)+1}. Appetite: fair\n\n{pri}\n{gp}"
    elif style == "social_history_first":
        sh = ("lives with a partner in a terraced house, retired from the council parks department, walks the dog twice a day, "
              "sings in a community choir, drinks around 6 units a week, never smoked, independent with all activities of daily "
              "living, drives, and cares for a grandchild two afternoons a week. Past history: hypertension, osteoarthritis of "
              "both knees, cataract surgery 2019." if L["age"] >= 55 else
              "shares a flat with two friends, works shifts in a distribution warehouse, plays five-a-side on Thursdays, "
              "drinks around 10 units at weekends, vapes, no recreational drugs, no caring responsibilities, renting, "
              "saving for a deposit. Past history: asthma as a child, fractured wrist 2017.")
        t = (hdr + "\nDear Doctor,\n\nSocial history: " + sh + "\n\n"
             "Presenting problem: " + prose(mixed) + f"\n\n{pri}\n{gp}")
    elif style == "ps_addendum":
        late = pos[-1]
        rest = [it for it in mixed if it is not late]
        t = (hdr + "\nDear Doctor,\n\nThank you for seeing this patient. " + prose(rest) + f"\n\n{pri}\n\nYours,\n{gp}\n\n"
             f"P.S. I forgot to mention: " + prose([late]))
    elif style == "phoned_result":
        labs = [p for p in pos if p["fact"] in ("fit", "hb", "ferritin", "calprotectin", "alt", "ttg_raised", "fatty_liver")]
        lab = labs[-1] if labs else pos[-1]
        rest = [it for it in mixed if it is not lab]
        how = ("result telephoned through by the lab after the letter was typed: " if labs else
               "the patient telephoned after the letter was typed to add: ")
        t = (hdr + "\nDear Doctor,\n\n" + prose(rest) + f"\n\n{pri}\n{gp}\n\n"
             f"ADDENDUM ({ds}): {how}" + prose([lab]))
    elif style == "two_timepoints":
        d0 = (d - datetime.timedelta(days=rng.choice([28, 35, 42]))).strftime("%d/%m/%Y")
        rep = L.get("repeat")
        first = f"First consultation {d0}: seen with milder symptoms, advised and reviewed. " + prose(dis)
        if rep:
            first += " " + rep["prose"]
        t = hdr + f"\n{first}\n\nReview {ds}: " + prose(pos) + f"\n\n{pri}\n{gp}"
    elif style == "community_pharmacist":
        t = (f"{L['pharmacy']}\nCommunity Pharmacy - Pharmacist referral\nDate: {ds}\n\nTo the Gastroenterology team (copy to GP at {pr})\n\n"
             f"Re: {pt}, {age_s}, NHS {nhs}\n\nThis patient came to the counter asking for something over the counter. "
             f"In our consultation room: " + prose(mixed) + f"\n\n{pri}\n\nPharmacist: K. Desai MRPharmS")
    elif style == "practice_nurse_review":
        t = (f"{pr} - Practice Nurse chronic disease review\nDate: {ds}\nPatient: {pt} {age_s} NHS {nhs}\n\n"
             f"Annual diabetes/hypertension review. BP 138/84. Foot check done. During the review: " + prose(mixed)
             + f"\n\nDiscussed with duty GP ({gp}) who asked me to send this. {pri}\n\nS. Morley RGN, Practice Nurse")
    elif style == "health_visitor":
        t = (f"Health Visiting Team, {addr.split(',')[1].strip()} Children's Centre\nDate: {ds}\n\nDear Gastroenterology team,\n\n"
             f"I am the health visitor for this family and saw {pt} {age_p}, the baby's {L['rel']}, at a routine baby check. "
             f"Baby is thriving. Regarding the {L['rel']}: " + prose(mixed) + f"\n\nGP ({gp}, {pr}) aware. {pri}\n\nR. Quinn, Health Visitor")
    elif style == "urgent_community_response":
        t = (f"Urgent Community Response Team - clinical handover\nDate: {ds}\nPatient: {pt} {age_s}  NHS {nhs}\n\n"
             f"Attended at home after a fall; no injury found, obs NEWS2 0, not conveyed. Incidental: " + prose(mixed)
             + f"\n\nGP {gp} informed by phone and agreed we send this referral. {pri}\n\nA. Brennan, Paramedic, UCR")
    elif style == "mental_health_team":
        t = (f"Community Mental Health Team\nDate: {ds}\n\nRe: {pt} {age_p}, NHS {nhs}\n\nDear colleagues,\n\n"
             f"This patient is under our team for recurrent depression, currently stable on medication. At depot/clinic review today we noted: "
             + prose(mixed) + f"\n\nWe have copied this to the GP ({gp}). {pri}\n\nDr P. Ferreira, Consultant Psychiatrist\ncc: GP; care coordinator")
    elif style == "dietitian":
        t = (f"Community Dietetics\nDate: {ds}\nPatient: {pt}, {age_s}\nNHS: {nhs}\n\nDear Doctor,\n\n"
             f"Seen for dietary advice at GP request. Food diary reviewed. " + prose(mixed)
             + f"\n\n{pri}\n\nL. Hargreaves RD, Specialist Dietitian\ncc: {gp}")
    elif style == "physiotherapist":
        t = (f"MSK Physiotherapy Service\nDate: {ds}\n\nRe: {pt} {age_s}, NHS {nhs}\n\nSeen for knee rehabilitation after a sports injury. "
             f"While taking the history the patient mentioned, and I have confirmed with the GP ({gp}): " + prose(mixed)
             + f"\n\n{pri}\n\nM. Okoro MCSP, Physiotherapist")
    elif style == "hospice_team":
        t = (f"St Columba's Hospice - Community Palliative Care Team\nDate: {ds}\n\nRe: {pt}, {age_s}, NHS {nhs}\n\n"
             f"Known to us through a family member's care at home; we also see the patient as the main carer. " + prose(mixed)
             + f"\n\nThe patient wishes to be investigated. {pri}\n\nCNS T. Lewis, Palliative Care\ncc: {gp}")
    elif style == "private_gp":
        t = (f"Kensington Private GP Clinic\nDate: {ds}\n\nDear Consultant,\n\nRe: {pt} {age_s}\n\nThis self-paying patient saw me today. "
             + prose(mixed) + f" NHS GP: {gp}, {pr}.\n\n{pri}\n\nDr V. Sterling MRCGP (private practice)\nInvoice ref PG-{L['ubrn'][-5:]}")
    elif style == "results_table":
        rows = "\n".join(reg(it, f"| {it['short'].split(':')[0]:<28} | {it['short'].partition(':')[2].strip() or 'yes':<30} |") for it in mixed)
        t = (hdr + "\n| Item                         | Finding                        |\n|------------------------------|--------------------------------|\n"
             + rows + f"\n\n{pri}\n{gp}")
    elif style == "footer_repeated":
        foot = f"--- {pr} | {code} | Confidential | Page 1 of 1 ---"
        t = (hdr + f"Letter dated: {ds}   Typed: {ds}   Received: {(d + datetime.timedelta(days=3)).strftime('%d/%m/%Y')}\ncc: patient; {gp}; practice file\n"
             f"Hospital no: {L['hosp']}\n\n{foot}\nDear Doctor,\n" + prose(mixed) + f"\n{foot}\n\n{pri}\n{gp}\n{foot}")
    elif style == "scanned_fax_cover":
        t = (f"FAX COVER SHEET  -  {pr}\nTo: Gastro referrals hub   Pages: 2   Date: {ds}\n"
             f"==================================\nRe: {pt} {age_s} NHS {nhs}\n" + prose(mixed) + f"\n{pri}\n-- {gp}")
    else:
        raise ValueError(style)
    return t, mode


def main():
    plan = []
    for r, n in RULE_COUNTS:
        plan += [r] * n
    assert len(plan) == 300
    rng0 = random.Random("letters21-plan")
    rng0.shuffle(plan)
    # styles: ~1/3 GP letters (100), rest inbox styles (200)
    styles = [GP_STYLES[i % len(GP_STYLES)] for i in range(100)] + [INBOX_STYLES[i % len(INBOX_STYLES)] for i in range(200)]
    rng0.shuffle(styles)
    # priority agreement: 150 disagree, ~105 agree, ~45 null
    agree = ["disagree"] * 150 + ["agree"] * 105 + ["null"] * 45
    rng0.shuffle(agree)
    # light noise in ~10%
    noisy = set(rng0.sample(range(300), 30))

    letters, metas = [], []
    for i, rule in enumerate(plan):
        lid = f"L21-{i+1:04d}"
        rng = random.Random("letters21-" + lid)
        style = styles[i]
        urg, path = LABELS[rule]
        age, sex, pos, ex, fx = build_scenario(rule, rng)
        # letter date and dob (birthday at least a month before letter date so age is unambiguous)
        d = datetime.date(2026, rng.randint(3, 11), rng.randint(1, 28))
        dob = datetime.date(2026 - age, rng.randint(1, d.month - 1 if d.month > 1 else 1), rng.randint(1, 28))
        age_s, age_kind = age_string(rng, age, dob)
        # distractors
        pool = distractor_pool(rule, age, sex, ex, rng)
        nd = rng.choice([1, 2, 2, 3])
        dis = rng.sample(pool, min(nd, len(pool)))
        # repeated result for two-timepoint letters
        repeat = None
        if style == "two_timepoints":
            for p in pos:
                if p["fact"] in ("alt", "calprotectin", "hb") and isinstance(p["value"], (int, float)):
                    v = p["value"]
                    band_ok = {"alt": lambda x: (x >= 300) == (v >= 300) and (x >= 40) == (v >= 40),
                               "calprotectin": lambda x: (x >= 250) == (v >= 250) and (x >= 100) == (v >= 100),
                               "hb": lambda x: (x < (130 if sex == "M" else 120)) == (v < (130 if sex == "M" else 120))}[p["fact"]]
                    for delta in (0.85, 1.1, 0.92, 1.05):
                        x = int(round(v * delta))
                        if band_ok(x) and x != v:
                            break
                    else:
                        continue
                    nm = {"alt": "ALT", "calprotectin": "calprotectin", "hb": "Hb"}[p["fact"]]
                    unit = {"alt": " U/L", "calprotectin": " ug/g", "hb": " g/L"}[p["fact"]]
                    repeat = {"fact": p["fact"], "prose": f"Earlier {nm} {x}{unit} at that visit.", "value": x}
                    break
        if agree[i] == "null":
            req = None
        elif agree[i] == "agree":
            req = urg
        else:
            others = [u for u in PRIORITY_PHRASES if u != urg]
            req = rng.choice(others)
        pri = rng.choice(PRIORITY_PHRASES[req]) if req else ""
        sx = "M" if sex == "M" else "F"
        title = rng.choice(["Mr"] if sx == "M" else ["Mrs", "Ms", "Miss"])
        fn = rng.choice(M_NAMES if sx == "M" else F_NAMES)
        ptname = f"{title} {fn} {rng.choice(SURNAMES)}"
        practice = rng.choice(PRACTICES)
        closing = rng.choice(["Many thanks for your help with this patient.", "Thank you for your kind attention.",
                              "I look forward to hearing your opinion.", "Grateful for your help as always."])
        L = {"pos": pos, "dis": dis, "priority_phrase": pri, "ptname": ptname, "age_s": age_s, "practice": practice,
             "gp": rng.choice(GPS), "date": d, "nhs": nhs_number(rng), "closing": closing, "ex": ex,
             "ubrn": "".join(str(rng.randint(0, 9)) for _ in range(12)), "hosp": f"RXC{rng.randint(1000000, 9999999)}",
             "pharmacy": rng.choice(["Boots Pharmacy, High Street", "Well Pharmacy, Market Square", "Patel's Chemist, Church Road"]),
             "repeat": repeat, "rel": "parent" if age < 50 else "grandparent", "age": age}
        if i in noisy:
            L["closing"] = noise(closing, rng)
            L["practice"] = (noise(practice[0], rng), practice[1], practice[2])
        text, mode = render(style, L, rng)
        # evidence
        ev = []
        for p in pos:
            strings = mode[id(p)]
            ev.append({"fact": p["fact"], "value": p["value"], "evidence": strings})
        if repeat:
            ev.append({"fact": repeat["fact"], "value": repeat["value"], "evidence": [repeat["prose"]], "timepoint": "earlier"})
        dj = []
        for q in dis:
            for s in mode[id(q)]:
                dj.append({"kind": q["kind"], "fact": q["fact"], "text": s})
        dj += L.get("box_dis", [])
        for e in ev + dj:
            for s in e.get("evidence", [e.get("text")]):
                assert s in text, (lid, s)
        age_ev = age_s
        assert age_ev in text
        facts = {"age": age, "sex": sx, "age_evidence": age_ev, "age_form": age_kind,
                 "letter_date": d.isoformat(), "dob": dob.isoformat()}
        for e in ev:
            if e.get("timepoint"):
                continue
            facts[e["fact"]] = e["value"] if e["value"] is not None else True
        if fx.get("no_fit"):
            facts["fit"] = None
        letters.append({"id": lid, "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": style,
                        "gp_priority": PRIORITY_WORDS[req] + (f" (wrote: \"{pri}\")" if pri else "") if req else None,
                        "age": age})
        metas.append({"id": lid, "rule": rule, "facts": facts, "positives": ev, "distractors": dj,
                      "requested_urgency": req, "priority_text": pri or None, "noise": i in noisy,
                      "style": style})
    with open(os.path.join(HERE, "letters.jsonl"), "w") as f:
        for x in letters:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w") as f:
        for x in metas:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
