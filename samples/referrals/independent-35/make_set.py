#!/usr/bin/env python3
"""make_set.py - generator for the sealed test set "letters35".

300 gastroenterology referral letters, 20 layouts x 15 letters, labelled by the
first matching rule of /work/shared/clinical/referral-triage-spec.md.

Python 3 standard library only.  Every random choice is drawn from a
random.Random seeded with a string, so a rerun gives byte-identical files.

Writes letters.jsonl and letters_meta.jsonl next to this file.

How a letter is made
  1. the plan (PLAN below) fixes which spec rule each of the 15 letters of each
     layout must fall under;
  2. draw_case() draws the clinical facts for that rule (age, sex, symptoms,
     signs, results, context) plus the distractors to write beside them;
  3. label() - the generator's own copy of the spec rules - checks that the
     facts give the intended rule under every reading of the loose words that we
     could think of; if they do not, the case is redrawn;
  4. the layout's renderer writes the letter.  Every statement that carries a
     fact or a distractor is written inside a marker
         \u27e6kind:fact+kind:fact\u00a6 text \u27e7
     which is stripped from the final text and recorded in the meta file as the
     evidence string for that fact (or as a distractor with its kind).
"""
import datetime
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "L35"


def R(*parts):
    """A random generator seeded from a string (deterministic across runs)."""
    return random.Random("letters35|" + "|".join(str(p) for p in parts))


# ---------------------------------------------------------------- markers ----
MO, MS, MC = "\u27e6", "\u00a6", "\u27e7"   # open, separator, close


def M(text, *specs):
    """Wrap text in a marker.  specs: 'kind:fact' strings."""
    assert specs
    for s in specs:
        assert re.fullmatch(r"[a-z_]+:[a-z_0-9]+", s), s
    assert MO not in text and MC not in text, text
    return MO + "+".join(specs) + MS + text + MC


MARK_RE = re.compile(MO + r"([a-z_:+0-9]+)" + MS + r"(.*?)" + MC, re.S)


def parse_marked(marked):
    """Return (clean_text, annotations)."""
    out, anns, pos = [], [], 0
    clean_len = 0
    for m in MARK_RE.finditer(marked):
        pre = marked[pos:m.start()]
        assert MO not in pre and MC not in pre, ("nested or broken marker", pre[-80:])
        out.append(pre)
        clean_len += len(pre)
        text = m.group(2)
        start = clean_len
        out.append(text)
        clean_len += len(text)
        for spec in m.group(1).split("+"):
            kind, fact = spec.split(":")
            anns.append({"kind": kind, "fact": fact, "text": text, "start": start, "end": clean_len})
        pos = m.end()
    tail = marked[pos:]
    assert MO not in tail and MC not in tail, ("broken marker", tail[:80])
    out.append(tail)
    return "".join(out), anns


def cap(s):
    for i, ch in enumerate(s):
        if ch.isalpha():
            return s[:i] + ch.upper() + s[i + 1:]
        if ch == MO:
            # skip the marker spec up to the separator
            j = s.index(MS, i)
            return s[:j + 1] + cap(s[j + 1:])
    return s


def lc_first(s):
    """Lower-case the first letter unless the sentence starts with a name/abbreviation."""
    for i, ch in enumerate(s):
        if ch == MO:
            j = s.index(MS, i)
            return s[:j + 1] + lc_first(s[j + 1:])
        if ch.isalpha():
            word = re.match(r"[A-Za-z']+", s[i:]).group(0)
            if word in ("The", "She", "He", "Her", "His", "There", "Food", "Swallowing",
                        "Dysphagia", "Weight", "Bleeding", "No", "I", "On", "A", "Shifting"):
                if word == "I":
                    return s
                return s[:i] + ch.lower() + s[i + 1:]
            return s
    return s


# ---------------------------------------------------------------- basics -----
NUMW = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy",
        8: "eighty", 9: "ninety"}


def num_words(n):
    if n < 20:
        return NUMW[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + NUMW[u] if u else "")


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


def fmt_date(d, style):
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "long":
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == "dot":
        return d.strftime("%d.%m.%y")
    if style == "mon":
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == "ord":
        return "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year)
    raise ValueError(style)


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            d[0] = rng.randint(3, 7)
        s = sum(d[i] * (10 - i) for i in range(9))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        x = "".join(map(str, d + [c]))
        return "%s %s %s" % (x[:3], x[3:6], x[6:])


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


F_FIRST = ("Margaret Susan Janet Patricia Linda Karen Sarah Emma Rachel Hannah Aisha Priya "
           "Fatima Joanne Deborah Gillian Sheila Maureen Doreen Eileen Bethany Chloe Megan "
           "Zainab Agnieszka Olivia Claire Nicola Lorraine Tracey Anne Helen Ruth Yvonne "
           "Siobhan Grace Amira Hollie Jasmine Kerry Pauline Brenda Shabana Lucy Sophie").split()
M_FIRST = ("John David Michael Peter Robert Stephen Paul Andrew Mark Gary Kevin Ian Keith "
           "Derek Brian Colin Trevor Raymond Arthur Dennis Mohammed Imran Rajesh Tomasz Jamie "
           "Liam Connor Callum Owen Ryan Daniel Samuel Gareth Neil Alan Graham Frank Harold "
           "Kwame Yusuf Barry Clive Nathan Lewis Adam").split()
SURNAMES = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson "
            "Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Ahmed Hussain "
            "Begum Kowalski Nowak O'Brien Murphy Kelly McDonald Campbell Stewart Hughes Edwards "
            "Lewis Morgan Price Turner Parker Cooper Ward Baker Harrison Mitchell Bennett Chapman "
            "Fletcher Holmes Lloyd Pearson Shaw Webb Okafor Mensah Singh Kaur Chowdhury Ali Doyle "
            "Gallagher Rahman Lomax Pritchard Ashworth Sutcliffe Brennan Hartley").split()
TOWNS = ["Northgate", "Ashby Vale", "Kingsmere", "Holloway Cross", "Fenbridge", "Marlow Heath",
         "Stanthorpe", "Cresswell", "Elmstead", "Radley Green", "Oakhurst", "Brindley"]
STREETS = ["High Street", "Church Lane", "Station Road", "Mill Road", "Park Avenue",
           "Victoria Road", "The Green", "Market Place", "Bridge Street", "Queens Road"]
PRACTICES = ["Abbeyfield Surgery", "The Old Forge Surgery", "Riverside Medical Practice",
             "Castle Street Health Centre", "Meadowbank Family Practice", "St Luke's Medical Centre",
             "Linden House Surgery", "Harbour View Practice", "Willow Tree Surgery",
             "Brook Lane Medical Group", "Orchard Health Partnership", "The Mount Surgery",
             "Parkside Group Practice", "Greenway Medical Centre", "Hillcrest Surgery"]
GP_NAMES = ["Dr Helen Marsh", "Dr Anil Rao", "Dr Catherine Boyd", "Dr Tom Fairley",
            "Dr Nadia Qureshi", "Dr Simon Pryce", "Dr Louise Kendrick", "Dr Owen Gwilliam",
            "Dr Ifeoma Nwosu", "Dr Rebecca Thornton", "Dr James Whitlock", "Dr Meera Shah",
            "Dr Fiona Carr", "Dr Richard Orme", "Dr Sunita Bhatt", "Dr Paul Greaves"]
CONSULTANTS = ["Dr A Hargreaves", "Dr S Menon", "Dr P Lindqvist", "Dr R O'Connell",
               "Dr K Adeyemi", "Dr J Whitworth"]
HOSPITALS = ["Northgate General Hospital", "Kingsmere Royal Infirmary", "Fenbridge District Hospital"]


def phone(rng):
    # Ofcom numbers reserved for drama
    return rng.choice(["01632 960%03d" % rng.randint(0, 999),
                       "0113 496 0%03d" % rng.randint(0, 999),
                       "0118 496 0%03d" % rng.randint(0, 999),
                       "020 7946 0%03d" % rng.randint(0, 999)])


def practice_code(rng):
    return "%s%05d" % (rng.choice("BCJKMNPY"), rng.randint(81000, 89999))


def ubrn(rng):
    return "%04d %04d %04d" % (rng.randint(0, 9999), rng.randint(0, 9999), rng.randint(0, 9999))


def hosp_no(rng):
    return "%s%07d" % (rng.choice(["RX", "K", "NG", "M"]), rng.randint(0, 9999999))


# ---------------------------------------------------------------- lexicon ----
# Every template uses {s} (subject), {o} (object), {p} (possessive), {refl}; sentence
# starts are capitalised with cap().  Detail keys come from draw_details().
DURS = [("six weeks", "6/52"), ("two months", "2/12"), ("three months", "3/12"),
        ("four months", "4/12"), ("about ten weeks", "10/52"), ("eight weeks", "8/52"),
        ("five months", "5/12"), ("about seven weeks", "7/52")]
SHORT_DURS = [("ten days", "10/7"), ("two weeks", "2/52"), ("about three weeks", "3/52"),
              ("a fortnight", "2/52"), ("twelve days", "12/7")]
RELS_F = ["daughter", "sister", "mother", "wife", "partner", "niece"]
RELS_M = ["son", "brother", "husband", "father", "partner", "nephew"]

LEX = {
    "dysphagia": {
        "pos": ["{s} has had difficulty swallowing solids for {dur}",
                "{s} describes {food} sticking {level} when {s} swallows, for {dur}",
                "food has been sticking {level} for {dur}, worst with {food}",
                "{s} has developed progressive dysphagia to solids over {dur}",
                "{s} reports that {food} has been getting stuck {level} for {dur}"],
        "np": ["difficulty swallowing solids for {dur}", "dysphagia to solids over {dur}",
               "{food} sticking {level} for {dur}"],
        "brief": ["{food} sticking {level} for {dur}", "solids sticking for {dur}"],
        "still": ["{food} still sticks {level} most days"],
        "bare": ["difficulty swallowing"], "ref": ["the swallowing difficulty", "the dysphagia"],
        "neg_np": ["dysphagia", "difficulty swallowing"],
        "neg": ["{s} swallows without difficulty", "{s} eats without difficulty",
                "swallowing is normal", "dysphagia is denied", "{s} has no trouble swallowing"],
        "ab_pos": ["dysphagia to solids {durab}", "dysph ++ ({food}) x {durab}"],
        "ab_neg": ["no dysphagia", "dysph -ve", "nil dysphagia"],
        "row": "Dysphagia",
    },
    "weight_loss": {
        "pos": ["{s} has lost {kg} kg over {dur} without trying",
                "{p} weight has fallen from {w1} kg to {w2} kg over {dur}, with no change in diet",
                "{s} has unintentionally lost {kg} kg in {dur}",
                "{s} has lost about {kg} kg over {dur} and is not dieting"],
        "np": ["unintentional weight loss of {kg} kg over {dur}",
               "{kg} kg of unexplained weight loss over {dur}",
               "weight loss of {kg} kg in {dur}, not intended"],
        "brief": ["{kg} kg lost in {dur} without trying", "{kg} kg down over {dur}, unintended"],
        "still": ["{s} is still losing weight without trying, {kg} kg so far"],
        "bare": ["weight loss"], "ref": ["the weight loss"],
        "neg_np": ["weight loss"],
        "neg": ["{p} weight is stable at {w} kg", "{s} has not lost any weight",
                "{p} weight is steady", "there has been no weight loss"],
        "ab_pos": ["wt loss {kg}kg/{durab}, unintentional", "unintentional wt loss {kg}kg over {durab}"],
        "ab_neg": ["no wt loss", "wt stable", "wt loss -ve"],
        "row": "Unexplained weight loss",
    },
    "upper_abdominal_pain": {
        "pos": ["{s} has had epigastric pain for {dur}",
                "{s} gets a gnawing pain in the upper abdomen most days and has done for {dur}",
                "{s} has had upper abdominal pain, worse after food, for {dur}"],
        "np": ["epigastric pain for {dur}", "upper abdominal pain over {dur}"],
        "brief": ["epigastric pain for {dur}"],
        "still": ["{s} still gets the epigastric pain most days"],
        "bare": ["epigastric pain"], "ref": ["the epigastric pain"],
        "neg_np": ["epigastric pain"], "neg": ["{s} has no epigastric pain"],
        "ab_pos": ["epigastric pain {durab}"], "ab_neg": ["no epigastric pain"],
        "row": "Upper abdominal pain",
    },
    "lower_abdominal_pain": {
        "pos": ["{s} has had crampy {site_adj} pain for {dur}",
                "{s} has been getting intermittent pain in the {site_loc} for {dur}",
                "{s} describes a dull ache in the {site_loc}, on and off for {dur}"],
        "np": ["{site_adj} pain for {dur}", "intermittent {site_adj} pain over {dur}"],
        "brief": ["{site_adj} pain for {dur}"],
        "still": ["{s} still gets the {site_adj} pain a few times a week"],
        "bare": ["abdominal pain"], "ref": ["the pain"],
        "neg_np": ["abdominal pain"], "neg": ["{s} has no abdominal pain", "{s} is free of abdominal pain"],
        "ab_pos": ["{site_ab} pain {durab}"], "ab_neg": ["no abdo pain"],
        "row": "Abdominal pain",
    },
    "reflux": {
        "pos": ["{s} gets heartburn most days and has done for {dur}",
                "{s} has had acid reflux for {dur}, worse lying down",
                "{s} has had reflux symptoms most nights for {dur}"],
        "np": ["heartburn for {dur}", "acid reflux over {dur}", "reflux most nights for {dur}"],
        "brief": ["heartburn most days for {dur}"],
        "still": ["{s} still gets heartburn most evenings"],
        "bare": ["heartburn"], "ref": ["the heartburn", "the reflux"],
        "neg_np": ["reflux", "heartburn"], "neg": ["{s} has no heartburn or reflux"],
        "ab_pos": ["GORD sx {durab}", "reflux {durab}"], "ab_neg": ["no reflux"],
        "row": "Reflux / heartburn",
    },
    "dyspepsia": {
        "pos": ["{s} has had indigestion after meals for {dur}",
                "{s} has suffered with dyspepsia for {dur}",
                "{s} has had troublesome indigestion for {dur}"],
        "np": ["dyspepsia for {dur}", "indigestion over {dur}", "post-prandial indigestion for {dur}"],
        "brief": ["indigestion after meals for {dur}"],
        "still": ["{s} still has indigestion after most meals"],
        "bare": ["indigestion"], "ref": ["the indigestion", "the dyspepsia"],
        "neg_np": ["indigestion", "dyspepsia"], "neg": ["{s} has no indigestion"],
        "ab_pos": ["dyspepsia {durab}"], "ab_neg": ["no dyspepsia"],
        "row": "Dyspepsia / indigestion",
    },
    "rectal_bleeding": {
        "pos": ["{s} has been passing bright red blood from the back passage for {dur}",
                "{s} has noticed blood mixed in with {p} stool {freq} for {dur}",
                "{s} has had fresh rectal bleeding, on the paper and in the pan, for {dur}"],
        "np": ["rectal bleeding for {dur}", "bright red rectal bleeding over {dur}",
               "blood mixed in with the stool for {dur}"],
        "brief": ["fresh blood on the paper for {dur}", "blood with the stool {freq} for {dur}"],
        "still": ["{s} still sees fresh blood on the paper {freq}"],
        "bare": ["bleeding"], "ref": ["the bleeding", "the rectal bleeding"],
        "neg_np": ["rectal bleeding", "blood in the stool", "PR bleeding"],
        "neg": ["{s} has not seen any blood", "{s} opens {p} bowels without any blood",
                "there has been no rectal bleeding"],
        "ab_pos": ["PR bleed {durab}", "fresh PR bleeding x {durab}"],
        "ab_neg": ["no PR bleed", "PR bleeding -ve"],
        "row": "Rectal bleeding",
    },
    "change_in_bowel_habit": {
        "pos": ["{cibh_pos}"], "np": ["{cibh_np}"], "brief": ["{cibh_np}"],
        "still": ["{p} stools are still {cibh_still}"],
        "bare": ["change in bowel habit"], "ref": ["the change in bowel habit"],
        "neg_np": ["change in bowel habit"],
        "neg": ["{p} bowel habit is unchanged", "{p} bowels are regular, once a day as always",
                "there has been no change in bowel habit"],
        "ab_pos": ["CIBH ({cibh_ab}) {durab}"], "ab_neg": ["no CIBH", "BO normal"],
        "row": "Change in bowel habit",
    },
    "bloody_diarrhoea": {
        "pos": ["{s} has had bloody diarrhoea up to {n} times a day for {sdur}",
                "{s} has had diarrhoea with blood mixed in, {n} times daily, for {sdur}",
                "{s} has been opening {p} bowels {n} times a day with loose, bloody stool for {sdur}"],
        "np": ["bloody diarrhoea {n} times a day for {sdur}", "diarrhoea with blood, {n} times daily, for {sdur}"],
        "brief": ["bloody diarrhoea {n} times a day for {sdur}"],
        "still": ["there is still blood in the diarrhoea every day"],
        "bare": ["bloody diarrhoea"], "ref": ["the bloody diarrhoea"],
        "neg_np": ["blood in the diarrhoea"],
        "neg": ["there is no blood in the diarrhoea", "the diarrhoea is not bloody"],
        "ab_pos": ["bloody diarrhoea {n}x/day {sdurab}"], "ab_neg": ["no blood in stool"],
        "row": "Bloody diarrhoea",
    },
    "haematemesis": {
        "pos": ["{s} has vomited fresh blood {times}, most recently {last}",
                "{s} has had small haematemeses {times}, the last {last}",
                "{s} has brought up streaks of bright red blood {times}, most recently {last}"],
        "np": ["haematemesis {times}, most recently {last}",
               "vomiting of fresh blood {times}, the last {last}"],
        "brief": ["fresh blood in the vomit {times}, last {last}"],
        "still": ["{s} vomited blood again {last}"],
        "bare": ["vomiting of blood"], "ref": ["the haematemesis"],
        "neg_np": ["haematemesis", "blood in the vomit"],
        "neg": ["{s} has not vomited any blood", "haematemesis is denied"],
        "ab_pos": ["haematemesis x{tn}, last {last}"], "ab_neg": ["no haematemesis"],
        "row": "Haematemesis",
    },
    "jaundice": {
        "pos": ["{s} is visibly jaundiced", "{s} has become jaundiced over {sdur}, without pain",
                "{p} skin and eyes have turned yellow over {sdur}",
                "{s} has painless jaundice, first noticed {sdur} ago"],
        "np": ["painless jaundice over {sdur}", "jaundice for {sdur}"],
        "brief": ["yellow eyes and skin for {sdur}"],
        "still": ["{s} is still clearly jaundiced"],
        "bare": ["jaundice"], "ref": ["the jaundice"],
        "neg_np": ["jaundice"],
        "neg": ["{s} is not jaundiced", "{p} sclerae are white", "there is no jaundice"],
        "adj": "jaundiced",
        "ab_pos": ["jaundiced ++", "icteric"], "ab_neg": ["not jaundiced", "anicteric"],
        "row": "Jaundice",
    },
    "abdominal_mass": {
        "pos": ["there is a {size} firm mass in the {msite}", "a {size} mass is palpable in the {msite}",
                "I can feel a firm, irregular mass in the {msite}, about {size}"],
        "np": ["a {size} mass in the {msite}", "a palpable mass in the {msite}"],
        "brief": ["a {size} mass in the {msite}"],
        "still": ["the mass in the {msite} is still there"],
        "bare": ["abdominal mass"], "ref": ["the mass"],
        "neg_np": ["abdominal mass", "palpable mass"],
        "neg": ["no mass was felt", "the abdomen is soft with no masses", "there are no palpable masses"],
        "ab_pos": ["{msite_ab} mass ~{size}"], "ab_neg": ["no masses", "abdo SNT, no masses"],
        "row": "Abdominal mass",
    },
    "rectal_mass": {
        "pos": ["on rectal examination there is a firm, irregular mass at about {cm} cm",
                "PR: hard mass palpable at {cm} cm on the {wall} wall",
                "a rectal mass is felt on digital examination, {cm} cm from the anal verge"],
        "np": ["a rectal mass at {cm} cm"], "brief": ["a hard mass on PR at {cm} cm"],
        "still": ["the rectal mass is still palpable"],
        "bare": ["rectal mass"], "ref": ["the mass"],
        "neg_np": ["rectal mass"],
        "neg": ["PR examination is unremarkable, with no mass", "no mass was felt on rectal examination",
                "PR: no masses"],
        "ab_pos": ["PR: hard irregular mass {cm}cm"], "ab_neg": ["PR: NAD, no mass"],
        "row": "Rectal mass (on PR)",
    },
    "anal_mass": {
        "pos": ["there is a hard mass at the anal margin", "a firm, fixed lump is felt at the anal verge"],
        "np": ["a hard mass at the anal margin"], "brief": ["a hard mass at the anal margin"],
        "still": ["the anal lump is still there"],
        "bare": ["anal lump"], "ref": ["the lump"],
        "neg_np": ["anal mass"], "neg": ["the anal margin looks normal with no mass"],
        "ab_pos": ["hard mass at anal margin"], "ab_neg": ["no anal mass"],
        "row": "Anal mass",
    },
    "ascites": {
        "pos": ["{s} has ascites, with shifting dullness",
                "there is clinical ascites, with a distended abdomen and shifting dullness",
                "{p} abdomen has swollen over {sdur}, and there is shifting dullness"],
        "np": ["ascites with shifting dullness"], "brief": ["ascites"],
        "still": ["the ascites is still there"],
        "bare": ["ascites"], "ref": ["the ascites"],
        "neg_np": ["ascites"], "neg": ["there is no shifting dullness"],
        "ab_pos": ["ascites ++, shifting dullness"], "ab_neg": ["no ascites"],
        "row": "Ascites",
    },
    "confusion": {
        "pos": ["{s} has become confused over {sdur}, according to {p} {crel}, and is disorientated in time today",
                "{s} is newly confused, muddled about the day and the date",
                "{p} {crel} reports new confusion over {sdur}, and I found {o} disorientated"],
        "np": ["new confusion over {sdur}"], "brief": ["new confusion over {sdur}"],
        "still": ["{s} is still muddled"],
        "bare": ["confusion"], "ref": ["the confusion"],
        "neg_np": ["confusion"], "neg": ["{s} is alert and orientated", "there is no confusion"],
        "adj": "confused",
        "ab_pos": ["new confusion, disorientated"], "ab_neg": ["A&O x3"],
        "row": "Confusion",
    },
    "bloating": {
        "pos": ["{s} has been bloated most evenings for {dur}",
                "{s} complains of bloating, worse as the day goes on, for {dur}",
                "{s} has had troublesome bloating for {dur}"],
        "np": ["bloating for {dur}", "evening bloating over {dur}"],
        "brief": ["bloating most evenings for {dur}"],
        "still": ["{s} is still bloated most evenings"],
        "bare": ["bloating"], "ref": ["the bloating"],
        "neg_np": ["bloating"], "neg": ["{s} has no bloating"],
        "ab_pos": ["bloating {durab}"], "ab_neg": ["no bloating"],
        "row": "Bloating",
    },
}

LABEL = {"dysphagia": "difficulty swallowing", "weight_loss": "unintentional weight loss",
         "upper_abdominal_pain": "epigastric pain", "lower_abdominal_pain": "{site_adj} pain", "reflux": "heartburn",
         "dyspepsia": "indigestion", "rectal_bleeding": "rectal bleeding", "change_in_bowel_habit": "change in bowel habit",
         "bloody_diarrhoea": "bloody diarrhoea", "haematemesis": "vomiting blood", "jaundice": "jaundice",
         "confusion": "new confusion", "bloating": "bloating"}
SYMPTOMS = ["dysphagia", "weight_loss", "upper_abdominal_pain", "lower_abdominal_pain", "reflux",
            "dyspepsia", "rectal_bleeding", "change_in_bowel_habit", "bloody_diarrhoea",
            "haematemesis", "jaundice", "confusion", "bloating"]
SIGNS = ["abdominal_mass", "rectal_mass", "anal_mass", "ascites"]
FINDINGS = SYMPTOMS + SIGNS
# findings a writer would call a "red flag"; exception constructions ("no red flags
# apart from X") are only written when X is the only one of these present.
REDFLAGS = ["dysphagia", "weight_loss", "rectal_bleeding", "change_in_bowel_habit",
            "bloody_diarrhoea", "haematemesis", "jaundice", "abdominal_mass", "rectal_mass",
            "anal_mass", "ascites", "confusion"]


def draw_details(fact, rng, sex):
    dur, durab = rng.choice(DURS)
    sdur, sdurab = rng.choice(SHORT_DURS)
    d = {"dur": dur, "durab": durab, "sdur": sdur, "sdurab": sdurab}
    if fact == "dysphagia":
        d["food"] = rng.choice(["bread", "meat", "chicken", "dry food such as bread", "steak", "toast"])
        d["level"] = rng.choice(["behind the breastbone", "at the bottom of the gullet",
                                 "in the lower chest", "halfway down"])
    elif fact == "weight_loss":
        kg = rng.randint(4, 12)
        w1 = rng.randint(58, 98)
        d.update(kg=kg, w1=w1, w2=w1 - kg, w=rng.randint(55, 96))
    elif fact == "lower_abdominal_pain":
        a, l, ab = rng.choice([("left iliac fossa", "left iliac fossa", "LIF"),
                               ("lower abdominal", "lower abdomen", "lower abdo"),
                               ("right iliac fossa", "right iliac fossa", "RIF"),
                               ("suprapubic", "suprapubic area", "suprapubic")])
        d.update(site_adj=a, site_loc=l, site_ab=ab)
    elif fact == "rectal_bleeding":
        d["freq"] = rng.choice(["two or three times a week", "most days", "every few days",
                                "once or twice a week"])
    elif fact == "change_in_bowel_habit":
        n = rng.randint(3, 6)
        if rng.random() < 0.7:
            d["cibh_pos"] = rng.choice([
                "{s} has had a change in bowel habit to looser, more frequent stools (%d times a day) for {dur}" % n,
                "{p} bowels have become looser and more frequent over {dur}, up to %d times a day" % n,
                "{s} has had loose stools %d times a day for {dur}, having previously been regular" % n])
            d["cibh_np"] = rng.choice(["a change in bowel habit to loose stools for {dur}",
                                       "looser, more frequent stools for {dur}"])
            d["cibh_still"] = "loose"
            d["cibh_ab"] = "looser, %dx/day" % n
        else:
            d["cibh_pos"] = rng.choice([
                "{s} has had a change in bowel habit to constipation over {dur}, having always been regular",
                "{p} bowels have changed over {dur}: now constipated, going every three or four days instead of daily"])
            d["cibh_np"] = "a change in bowel habit to constipation over {dur}"
            d["cibh_still"] = "hard and infrequent"
            d["cibh_ab"] = "constipation, prev regular"
        # expand the nested templates later with the same details
    elif fact == "bloody_diarrhoea":
        d["n"] = rng.randint(4, 10)
    elif fact == "haematemesis":
        d["times"], d["tn"] = rng.choice([("three times this week", 3), ("twice in the last five days", 2),
                                          ("on four occasions over the past week", 4)])
        d["last"] = rng.choice(["this morning", "yesterday evening", "last night"])
    elif fact == "abdominal_mass":
        d["msite"], d["msite_ab"] = rng.choice([("right iliac fossa", "RIF"), ("left iliac fossa", "LIF"),
                                                ("left lower quadrant", "LLQ"),
                                                ("central lower abdomen", "central lower abdo")])
        d["size"] = rng.choice(["4 cm", "5 cm", "6 cm", "walnut-sized"])
    elif fact == "rectal_mass":
        d["cm"] = rng.randint(4, 9)
        d["wall"] = rng.choice(["anterior", "posterior", "left lateral", "right lateral"])
    elif fact == "confusion":
        d["crel"] = rng.choice(["daughter", "son", "wife" if sex == "M" else "husband", "carer"])
    return d


# ---------------------------------------------------------------- the rules --
RULES = {
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


def fit_class(fit):
    if fit is None:
        return None
    if fit.get("qual") in ("negative", "undetectable"):
        return "lt10"
    if fit.get("qual") == "positive":
        return "ge10"
    v, c = fit["value"], fit["cmp"]
    if c == "<":
        assert v <= 10
        return "lt10"
    if c == ">":
        assert v >= 10
        return "ge10"
    return "ge10" if v >= 10 else "lt10"


def flat_facts(case):
    v, c, p = case["values"], case["ctx"], case["present"]
    F = {k: (k in p) for k in FINDINGS}
    F["age"], F["sex"] = case["age"], case["sex"]
    F["hb"] = v["hb"][-1] if v.get("hb") else None
    F["hb_all"] = list(v.get("hb") or [])
    F["ferritin"] = v["ferritin"][-1] if v.get("ferritin") else None
    F["ferritin_all"] = list(v.get("ferritin") or [])
    F["fit"] = fit_class(v["fit"][-1]) if v.get("fit") else None
    F["fit_all"] = [fit_class(x) for x in (v.get("fit") or [])]
    F["calprotectin"] = v["calprotectin"][-1] if v.get("calprotectin") else None
    F["calprotectin_all"] = list(v.get("calprotectin") or [])
    F["alt"] = v["alt"][-1] if v.get("alt") else None
    F["alt_all"] = list(v.get("alt") or [])
    F["ttg_raised"] = bool(v.get("ttg") and v["ttg"]["raised"])
    F["fatty_liver"] = v.get("imaging") == "fatty"
    F["known_cirrhosis"] = bool(c.get("known_cirrhosis"))
    F["known_ibd_stable_question"] = bool(c.get("known_ibd"))
    ppi = c.get("ppi")
    F["tr_dyspepsia"] = bool(F["dyspepsia"] and ppi and ppi["weeks"] >= 4 and ppi["persisting"])
    F["fh_crc"] = any(f["disease"] == "colorectal_cancer" for f in c.get("fh", []))
    F["nonfact_symptoms"] = bool(c.get("nonfact_symptoms"))
    F["anal_ulcer"] = False
    return F


READINGS = []
for _bd in (False, True):            # bloody diarrhoea also counts as rectal bleeding / CIBH
    for _up in (True, False):        # upper abdominal pain counts as "abdominal pain"
        for _dp in (False, True):    # dyspepsia counts as "abdominal pain"
            for _ud in (False, True):  # upper abdominal pain counts as "dyspepsia"
                for _a1 in (False, True):  # A1 "no other fact above" = no other fact named in rules above
                    READINGS.append(dict(bd_rb=_bd, up_pain=_up, dysp_pain=_dp, up_dysp=_ud, a1_strict=_a1))


def label(F, rd=None):
    """First matching spec rule under one reading of the loose words."""
    rd = rd or READINGS[0]
    age, sex = F["age"], F["sex"]
    hb, fer = F["hb"], F["ferritin"]
    anaemia = hb is not None and hb < (130 if sex == "M" else 120)
    irondef = fer is not None and fer < 30
    ida = anaemia and irondef
    fit = F["fit"]
    cal = F["calprotectin"]
    alt = F["alt"]
    wl = F["weight_loss"]
    rb = F["rectal_bleeding"] or (rd["bd_rb"] and F["bloody_diarrhoea"])
    cibh = F["change_in_bowel_habit"] or (rd["bd_rb"] and F["bloody_diarrhoea"])
    dysp = F["dyspepsia"] or (rd["up_dysp"] and F["upper_abdominal_pain"])
    pain = (F["lower_abdominal_pain"] or (rd["up_pain"] and F["upper_abdominal_pain"])
            or (rd["dysp_pain"] and F["dyspepsia"]))
    if F["dysphagia"]:
        return "U1"
    if F["rectal_mass"] or F["anal_mass"] or F["anal_ulcer"]:
        return "U2"
    if fit == "ge10":
        return "U3"
    if ida:
        return "U4"
    if age >= 55 and wl and (F["upper_abdominal_pain"] or F["reflux"] or dysp):
        return "U5"
    if F["abdominal_mass"]:
        return "U6"
    if age >= 40 and F["jaundice"]:
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and wl and pain) or (age >= 60 and cibh)):
        return "U8"
    if F["bloody_diarrhoea"] or (cal is not None and cal >= 250):
        return "R1"
    if (F["known_cirrhosis"] and (F["ascites"] or F["confusion"])) or (alt is not None and alt >= 300):
        return "R2"
    if F["haematemesis"]:
        return "R3"
    if age >= 55 and F["tr_dyspepsia"]:
        return "O1"
    if cal is not None and 100 <= cal <= 249:
        return "O2"
    if F["known_ibd_stable_question"]:
        return "O3"
    if F["ttg_raised"]:
        return "O4"
    if (alt is not None and 40 <= alt <= 299) or F["fatty_liver"]:
        return "O5"
    if age < 50 and (pain or F["bloating"] or cibh) and ((cal is not None and cal < 100) or fit == "lt10"):
        other = False
        if rd["a1_strict"]:
            other = any([F["dysphagia"], F["rectal_mass"], F["anal_mass"], F["anal_ulcer"], anaemia,
                         irondef, wl, F["upper_abdominal_pain"], F["reflux"], F["dyspepsia"],
                         F["abdominal_mass"], F["jaundice"], rb, F["bloody_diarrhoea"],
                         F["known_cirrhosis"], F["ascites"], F["confusion"], alt is not None,
                         F["haematemesis"], F["tr_dyspepsia"], F["known_ibd_stable_question"],
                         F["ttg_raised"], F["fatty_liver"]])
        if not other:
            return "A1"
    if (rb or cibh or pain) and fit == "lt10":
        return "O6"
    if age < 55 and (dysp or F["reflux"]):
        return "A2"
    symptomatic = any(F[k] for k in FINDINGS) or F["nonfact_symptoms"]
    if F["fh_crc"] and not symptomatic:
        return "A3"
    return "D"


def label_all_readings(F):
    """Set of rules the facts give over all readings and all repeated values."""
    out = set()
    variants = [F]
    for key in ("hb", "ferritin", "calprotectin", "alt", "fit"):
        allv = F[key + "_all"]
        if len(allv) > 1:
            nv = []
            for G in variants:
                for x in allv:
                    H = dict(G)
                    H[key] = x
                    nv.append(H)
            variants = nv
    for G in variants:
        for rd in READINGS:
            out.add(label(G, rd))
    return out


# ---------------------------------------------------------------- drawing ----
LAYOUT_AGES = {"community_matron_two_visits": (70, 95), "armed_forces_medical_officer": (18, 55),
               "health_visitor_school_nurse": (18, 45)}

IBD_QUESTIONS = [
    ("ulcerative colitis", "mesalazine 2.4 g daily", "in remission for three years",
     "is planning a pregnancy and asks whether she should carry on with mesalazine", "F"),
    ("Crohn's disease", "azathioprine 100 mg daily", "stable for over five years",
     "would like to know whether the azathioprine can now be stopped", None),
    ("ulcerative colitis", "mesalazine 1.2 g daily", "quiet since 2019",
     "asks whether a surveillance colonoscopy is due, as the last was in 2019", None),
    ("Crohn's disease", "adalimumab fortnightly", "in remission on the last two reviews",
     "is travelling to East Africa and asks which vaccinations are safe on adalimumab", None),
    ("ulcerative colitis", "mesalazine 2 g daily", "in remission since 2021",
     "asks whether the mesalazine dose can be reduced, as the number of tablets is a nuisance", None),
    ("ileal Crohn's disease", "no regular treatment", "quiet for years",
     "has a low B12 and I would value advice on whether replacement should be lifelong injections",
     None),
    ("ulcerative proctitis", "mesalazine suppositories twice weekly", "settled for two years",
     "asks whether maintenance suppositories are still needed", None),
]
PMH_OTHER = ["hypertension", "type 2 diabetes (diet controlled)", "asthma", "osteoarthritis of both knees",
             "hypothyroidism", "depression", "atrial fibrillation", "COPD", "gout",
             "previous cholecystectomy (2014)", "migraine", "hypercholesterolaemia",
             "benign prostatic hyperplasia", "glaucoma", "carpal tunnel release (2019)"]
MEDS_OTHER = ["amlodipine 5 mg OD", "ramipril 2.5 mg OD", "metformin 500 mg BD",
              "atorvastatin 20 mg ON", "levothyroxine 75 micrograms OD", "sertraline 50 mg OD",
              "salbutamol inhaler PRN", "apixaban 5 mg BD", "paracetamol 1 g QDS PRN",
              "tamsulosin 400 micrograms OD", "bisoprolol 2.5 mg OD", "allopurinol 100 mg OD",
              "latanoprost eye drops", "beclometasone inhaler BD"]
NONFACT_SX = ["tiredness", "nausea", "a poor appetite", "night sweats", "itch"]


AGE_OVERRIDE = {}


def fh_age(rng, rel, age):
    """A plausible age at diagnosis for a relative of a patient aged `age`."""
    if rel in ("brother", "sister", "cousin"):
        lo, hi = max(30, age - 15), min(85, age + 8)
    elif rel in ("grandmother", "grandfather"):
        lo, hi = 55, 88
    else:   # parents, aunts, uncles
        lo, hi = 38, min(85, age + 45)
    if hi < lo:
        lo, hi = hi, lo
    return rng.randint(lo, hi)


def pick_age(rng, layout, lo, hi):
    a, b = AGE_OVERRIDE.get("bounds") or LAYOUT_AGES.get(layout, (18, 95))
    lo, hi = max(lo, a), min(hi, b)
    assert lo <= hi, (layout, lo, hi)
    return rng.randint(lo, hi)


def hb_value(rng, sex, anaemic):
    if anaemic:
        return rng.randint(82, 124) if sex == "M" else rng.randint(76, 114)
    return rng.randint(136, 164) if sex == "M" else rng.randint(125, 150)


def fit_low(rng):
    return rng.choice([{"cmp": "<", "value": 4}, {"cmp": "<", "value": 10}, {"cmp": "=", "value": 4},
                       {"cmp": "=", "value": rng.randint(2, 8)}, {"qual": "negative"},
                       {"qual": "undetectable"}, {"cmp": "<", "value": 4}])


def fit_high(rng):
    return rng.choice([{"cmp": "=", "value": rng.choice([12, 14, 18, 23, 27, 31, 46, 52, 64, 78])},
                       {"cmp": "=", "value": rng.choice([96, 120, 150, 186, 240, 310])},
                       {"cmp": ">", "value": 400}, {"cmp": "=", "value": 10}])


def base_case(rng, layout, rule, age, sex):
    return {"rule": rule, "layout": layout, "age": age, "sex": sex, "present": {}, "order": [],
            "values": {}, "ctx": {"fh": [], "nonfact_symptoms": []}, "deny": [], "extras": []}


def add(case, rng, *facts):
    for f in facts:
        if f not in case["present"]:
            case["present"][f] = draw_details(f, rng, case["sex"])
            case["order"].append(f)


def maybe_normal_bloods(case, rng, p=0.5, ferritin=True):
    if rng.random() < p:
        case["values"]["hb"] = [hb_value(rng, case["sex"], False)]
        if ferritin and rng.random() < 0.7:
            case["values"]["ferritin"] = [rng.randint(42, 260)]


DUR_WEEKS = {"six weeks": 6, "two months": 8, "three months": 13, "four months": 17, "about ten weeks": 10,
             "eight weeks": 8, "five months": 21, "about seven weeks": 7}


def clamp_ppi(c, floor):
    """A PPI course is never longer than the symptoms it was given for (second-pass fix)."""
    durs = [DUR_WEEKS[c["present"][f]["dur"]] for f in ("dyspepsia", "reflux") if f in c["present"]]
    if durs:
        c["ctx"]["ppi"]["weeks"] = max(floor, min(c["ctx"]["ppi"]["weeks"], min(durs)))


def draw_case(rule, layout, rng):
    sex = rng.choice("FM")
    if layout == "health_visitor_school_nurse" and rng.random() < 0.7:
        sex = "F"
    V = {}
    if rule == "U1":
        age = pick_age(rng, layout, 45 if rng.random() < 0.85 else 18, 92)
        c = base_case(rng, layout, rule, age, sex)
        add(c, rng, "dysphagia")
        if rng.random() < 0.4:
            add(c, rng, "weight_loss")
        if rng.random() < 0.35:
            add(c, rng, "reflux")
        maybe_normal_bloods(c, rng, 0.4)
    elif rule == "U2":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 50, 90), sex)
        add(c, rng, "rectal_mass" if rng.random() < 0.75 else "anal_mass")
        if rng.random() < 0.7:
            add(c, rng, "rectal_bleeding")
        if rng.random() < 0.4:
            add(c, rng, "change_in_bowel_habit")
        r = rng.random()
        if r < 0.3:
            c["values"]["fit"] = [fit_low(rng)]
        elif r < 0.5:
            c["values"]["fit"] = [fit_high(rng)]
        maybe_normal_bloods(c, rng, 0.4)
    elif rule == "U3":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 40, 88), sex)
        for f, p in (("rectal_bleeding", 0.45), ("change_in_bowel_habit", 0.5), ("lower_abdominal_pain", 0.2)):
            if rng.random() < p:
                add(c, rng, f)
        c["values"]["fit"] = [fit_high(rng)]
        if rng.random() < 0.15:
            c["values"]["fit"] = [{"cmp": "=", "value": rng.choice([15, 22, 38])}, fit_high(rng)]
        maybe_normal_bloods(c, rng, 0.5)
    elif rule == "U4":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 25, 90), sex)
        c["values"]["hb"] = [hb_value(rng, sex, True)]
        if rng.random() < 0.2:
            c["values"]["hb"] = [hb_value(rng, sex, True), hb_value(rng, sex, True)]
        c["values"]["ferritin"] = [rng.randint(3, 22)]
        if rng.random() < 0.35:
            c["values"]["fit"] = [fit_low(rng)]
        if rng.random() < 0.3:
            add(c, rng, "change_in_bowel_habit")
        c["ctx"]["nonfact_symptoms"] = ["tiredness"] if rng.random() < 0.6 else []
    elif rule == "U5":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 55, 90), sex)
        up = rng.sample(["upper_abdominal_pain", "reflux", "dyspepsia"], rng.choice([1, 1, 2]))
        if rng.random() < 0.5:
            add(c, rng, "weight_loss", *up)
        else:
            add(c, rng, *up)
            add(c, rng, "weight_loss")
        maybe_normal_bloods(c, rng, 0.6)
    elif rule == "U6":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 45, 90), sex)
        if rng.random() < 0.5:
            add(c, rng, "lower_abdominal_pain")
        add(c, rng, "abdominal_mass")
        if rng.random() < 0.3:
            c["values"]["fit"] = [fit_low(rng)]
        maybe_normal_bloods(c, rng, 0.5)
    elif rule == "U7":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 40, 92), sex)
        add(c, rng, "jaundice")
        if rng.random() < 0.6:
            c["values"]["alt"] = [rng.choice([rng.randint(60, 280), rng.randint(320, 700)])]
        c["values"]["bilirubin"] = rng.randint(48, 260)
        c["ctx"]["nonfact_symptoms"] = rng.sample(["itch", "dark urine", "pale stools"], 2)
    elif rule == "U8":
        route = rng.choice(["rb", "rb", "wlp", "cibh"])
        if layout == "community_matron_two_visits" and route == "wlp":
            route = "cibh"
        if route == "rb":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 50, 90), sex)
            add(c, rng, "rectal_bleeding")
        elif route == "wlp":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 40, 76), sex)
            add(c, rng, "lower_abdominal_pain", "weight_loss")
        else:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 60, 92), sex)
            add(c, rng, "change_in_bowel_habit")
            if rng.random() < 0.3:
                add(c, rng, "bloating")
        c["ctx"]["route"] = route
        maybe_normal_bloods(c, rng, 0.5)
        if rng.random() < 0.5:
            c["extras"].append({"type": "pend", "test": "fit"})
    elif rule == "R1":
        if rng.random() < 0.55:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 49), sex)
            add(c, rng, "bloody_diarrhoea")
            if rng.random() < 0.4:
                add(c, rng, "lower_abdominal_pain")
            if rng.random() < 0.4:
                c["values"]["calprotectin"] = [rng.randint(300, 1800)]
            c["ctx"]["route"] = "bd"
        else:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 59), sex)
            add(c, rng, "change_in_bowel_habit")
            c["present"]["change_in_bowel_habit"].update(
                cibh_pos="{s} has had loose, non-bloody stools %d times a day for {dur}" % rng.randint(3, 7),
                cibh_np="diarrhoea for {dur}", cibh_still="loose", cibh_ab="diarrhoea")
            if rng.random() < 0.5:
                add(c, rng, "lower_abdominal_pain")
            c["values"]["calprotectin"] = [rng.randint(260, 2200)]
            if rng.random() < 0.2:
                c["values"]["calprotectin"] = [rng.randint(260, 900), rng.randint(400, 1500)]
            c["ctx"]["route"] = "cp"
        maybe_normal_bloods(c, rng, 0.5)
    elif rule == "R2":
        if layout in ("community_matron_two_visits", "nhs111_clinician") or (rng.random() < 0.5 and layout != "armed_forces_medical_officer"):
            c = base_case(rng, layout, rule, pick_age(rng, layout, 45, 85), sex)
            c["ctx"]["known_cirrhosis"] = rng.choice(["alcohol-related cirrhosis", "cirrhosis secondary to NASH",
                                                      "hepatitis C cirrhosis (treated, SVR)"])
            add(c, rng, *rng.choice([["ascites"], ["confusion"], ["ascites", "confusion"]]))
            if rng.random() < 0.4:
                c["values"]["alt"] = [rng.randint(22, 36)]
            c["ctx"]["route"] = "cirrhosis"
        else:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 70), sex)
            c["values"]["alt"] = [rng.randint(320, 1800)]
            if rng.random() < 0.2:
                c["values"]["alt"] = [rng.randint(320, 900), rng.randint(400, 1400)]
            if c["age"] < 40 and rng.random() < 0.5:
                add(c, rng, "jaundice")
            c["ctx"]["nonfact_symptoms"] = ["nausea"]
            c["ctx"]["route"] = "alt"
    elif rule == "R3":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 85), sex)
        add(c, rng, "haematemesis")
        if rng.random() < 0.5:
            add(c, rng, rng.choice(["dyspepsia", "reflux"]))
        maybe_normal_bloods(c, rng, 0.6)
    elif rule == "O1":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 55, 90), sex)
        add(c, rng, "dyspepsia")
        if rng.random() < 0.35:
            add(c, rng, rng.choice(["reflux", "upper_abdominal_pain"]))
        c["ctx"]["ppi"] = {"drug": rng.choice(["omeprazole 20 mg", "lansoprazole 30 mg", "omeprazole 40 mg"]),
                           "weeks": rng.choice([6, 8, 8, 10, 12, 16]), "persisting": True}
        clamp_ppi(c, 6)
        maybe_normal_bloods(c, rng, 0.6)
    elif rule == "O2":
        if rng.random() < 0.85:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 59), sex)
        else:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 60, 80), sex)
            c["values"]["fit"] = [fit_low(rng)]
        add(c, rng, "change_in_bowel_habit")
        for f, p in (("lower_abdominal_pain", 0.5), ("bloating", 0.3)):
            if rng.random() < p:
                add(c, rng, f)
        c["values"]["calprotectin"] = [rng.randint(105, 245)]
        if rng.random() < 0.2:
            c["values"]["calprotectin"] = [rng.randint(110, 240), rng.randint(105, 245)]
        maybe_normal_bloods(c, rng, 0.5)
    elif rule == "O3":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 20, 80), sex)
        q = rng.choice([x for x in IBD_QUESTIONS if x[4] in (None, sex)])
        c["ctx"]["known_ibd"] = {"disease": q[0], "med": q[1], "state": q[2], "question": q[3]}
        if rng.random() < 0.4:
            c["values"]["calprotectin"] = [rng.randint(15, 60)]
        maybe_normal_bloods(c, rng, 0.4)
    elif rule == "O4":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 75), sex)
        c["values"]["ttg"] = {"raised": True, "value": rng.choice([24, 38, 56, 89, 112, 128]),
                              "over": rng.random() < 0.25}
        if rng.random() < 0.6:
            add(c, rng, "bloating")
        if c["age"] < 60 and rng.random() < 0.5:
            add(c, rng, "change_in_bowel_habit")
        if rng.random() < 0.35:
            c["values"]["hb"] = [hb_value(rng, sex, False)]
            c["values"]["ferritin"] = [rng.randint(6, 24)]
        else:
            maybe_normal_bloods(c, rng, 0.5)
    elif rule == "O5":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 25, 80), sex)
        r = rng.random()
        if r < 0.45:
            c["values"]["alt"] = [rng.randint(48, 285)]
            if rng.random() < 0.25:
                c["values"]["alt"] = [rng.randint(48, 200), rng.randint(55, 260)]
        elif r < 0.75:
            c["values"]["imaging"] = "fatty"
        else:
            c["values"]["alt"] = [rng.randint(52, 190)]
            c["values"]["imaging"] = "fatty"
        maybe_normal_bloods(c, rng, 0.4)
    elif rule == "A1":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 49), sex)
        fs = rng.sample(["lower_abdominal_pain", "bloating", "change_in_bowel_habit"], rng.choice([1, 2, 2]))
        add(c, rng, *fs)
        r = rng.random()
        if r < 0.45:
            c["values"]["calprotectin"] = [rng.choice([rng.randint(12, 90), 20])]
        elif r < 0.75:
            c["values"]["fit"] = [fit_low(rng)]
        else:
            c["values"]["calprotectin"] = [rng.randint(12, 80)]
            c["values"]["fit"] = [fit_low(rng)]
        if rng.random() < 0.4:
            c["values"]["hb"] = [hb_value(rng, sex, False)]
            c["values"]["ferritin"] = [rng.randint(40, 180)]
    elif rule == "O6":
        if rng.random() < 0.8:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 50, 90), sex)
            fs = rng.sample(["rectal_bleeding", "change_in_bowel_habit", "lower_abdominal_pain"], rng.choice([1, 1, 2]))
            add(c, rng, *fs)
        else:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 49), sex)
            add(c, rng, "rectal_bleeding")
        c["values"]["fit"] = [fit_low(rng)]
        if rng.random() < 0.15:
            c["values"]["fit"] = [fit_low(rng), fit_low(rng)]
        maybe_normal_bloods(c, rng, 0.6)
    elif rule == "A2":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 54), sex)
        add(c, rng, *rng.sample(["dyspepsia", "reflux"], rng.choice([1, 1, 2])))
        if rng.random() < 0.4:
            c["ctx"]["ppi"] = {"drug": rng.choice(["omeprazole 20 mg", "lansoprazole 15 mg"]),
                               "weeks": rng.choice([4, 8, 12]), "persisting": True}
            clamp_ppi(c, 4)
        maybe_normal_bloods(c, rng, 0.3)
    elif rule == "A3":
        c = base_case(rng, layout, rule, pick_age(rng, layout, 25, 75), sex)
        rel = rng.choice(["mother", "father", "brother", "sister"])
        c["ctx"]["fh"].append({"rel": rel, "disease": "colorectal_cancer", "age": fh_age(rng, rel, c["age"])})
        if rng.random() < 0.3:
            rel2 = rng.choice([x for x in ["aunt", "uncle", "grandfather", "grandmother", "cousin"]])
            c["ctx"]["fh"].append({"rel": rel2, "disease": "colorectal_cancer", "age": fh_age(rng, rel2, c["age"])})
        if rng.random() < 0.2:
            c["values"]["fit"] = [fit_low(rng)]
        maybe_normal_bloods(c, rng, 0.3)
    elif rule == "D":
        sub = rng.choice(["dysp_old", "bloat_fit", "irondef", "anaemia_only", "young_bowel",
                          "pain_mid", "dysp_old", "bloat_fit", "young_bowel"])
        if layout == "upper_gi_2ww_form":
            sub = "dysp_old"
        if sub == "dysp_old":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 55, 88), sex)
            add(c, rng, rng.choice(["dyspepsia", "reflux"]))
            if rng.random() < 0.5:
                c["ctx"]["ppi"] = {"drug": "omeprazole 20 mg", "weeks": rng.choice([1, 2, 3]), "persisting": True}
            else:
                c["ctx"]["ppi"] = {"drug": None, "weeks": 0, "persisting": True}
        elif sub == "bloat_fit":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 50, 85), sex)
            add(c, rng, "bloating")
            c["values"]["fit"] = [fit_low(rng)]
        elif sub == "irondef":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 20, 80), sex)
            c["values"]["hb"] = [hb_value(rng, sex, False)]
            c["values"]["ferritin"] = [rng.randint(5, 24)]
        elif sub == "anaemia_only":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 30, 88), sex)
            c["values"]["hb"] = [hb_value(rng, sex, True)]
            c["values"]["ferritin"] = [rng.randint(60, 320)]
            c["ctx"]["b12"] = rng.choice([98, 112, 130])
        elif sub == "young_bowel":
            c = base_case(rng, layout, rule, pick_age(rng, layout, 18, 49), sex)
            add(c, rng, *rng.sample(["change_in_bowel_habit", "bloating", "lower_abdominal_pain"], rng.choice([1, 2])))
            c["extras"].append({"type": "pend", "test": rng.choice(["fit", "calprotectin"])})
        else:
            c = base_case(rng, layout, rule, pick_age(rng, layout, 40, 59), sex)
            add(c, rng, "lower_abdominal_pain")
        c["ctx"]["route"] = sub
    else:
        raise ValueError(rule)
    c["values"].update(V)
    if rule != "A3" and "tiredness" not in c["ctx"]["nonfact_symptoms"] and rng.random() < 0.15:
        c["ctx"]["nonfact_symptoms"] = c["ctx"]["nonfact_symptoms"] + ["tiredness"]
    return c


# ------------------------------------------------------------ distractors ----
POOLS = {
    "upper": ["dysphagia", "weight_loss", "haematemesis", "jaundice", "abdominal_mass", "anaemia"],
    "lower": ["rectal_bleeding", "weight_loss", "change_in_bowel_habit", "abdominal_mass", "rectal_mass",
              "lower_abdominal_pain", "anaemia"],
    "liver": ["jaundice", "ascites", "confusion", "weight_loss", "abdominal_mass", "haematemesis"],
    "ibd": ["bloody_diarrhoea", "rectal_bleeding", "weight_loss", "abdominal_mass", "rectal_mass", "anaemia"],
    "coeliac": ["weight_loss", "rectal_bleeding", "dysphagia", "abdominal_mass", "anaemia"],
}
CONTEXT = {"U1": "upper", "U5": "upper", "R3": "upper", "O1": "upper", "A2": "upper",
           "U2": "lower", "U3": "lower", "U4": "lower", "U6": "lower", "U8": "lower", "O6": "lower",
           "A1": "lower", "A3": "lower", "D": "lower", "U7": "liver", "R2": "liver", "O5": "liver",
           "R1": "ibd", "O2": "ibd", "O3": "ibd", "O4": "coeliac"}
RES_DETAIL = {
    "rectal_bleeding": ["put down to haemorrhoids and banded", "from a fissure that healed with GTN ointment"],
    "reflux": ["which settled once {s} stopped taking ibuprofen"],
    "dyspepsia": ["due to H. pylori, which was eradicated"],
    "jaundice": ["from gallstones, treated by removing {p} gallbladder"],
    "weight_loss": ["after a bereavement, all regained"],
    "dysphagia": ["a single episode of a piece of steak sticking, which passed"],
    "haematemesis": ["from a Mallory-Weiss tear after a bout of gastroenteritis"],
    "change_in_bowel_habit": ["during a course of antibiotics"],
    "bloody_diarrhoea": ["with campylobacter, which settled in a week"],
    "lower_abdominal_pain": ["from an ovarian cyst, which was removed"],
}
OTH = {
    "weight_loss": ("{p} {rel} has lost nearly a stone since starting chemotherapy",
                    "{s} {refl} has not lost any weight"),
    "jaundice": ("{p} {rel} was jaundiced with gallstones last year", "{s} {refl} is not jaundiced"),
    "rectal_bleeding": ("{p} {rel} has had bleeding piles for years", "{s} {refl} has never had any bleeding"),
    "dysphagia": ("{p} {rel} has achalasia and struggles to swallow", "{s} {refl} swallows normally"),
    "bloody_diarrhoea": ("{p} {rel} has ulcerative colitis and had bloody diarrhoea over the winter",
                         "{s} {refl} has had no blood in {p} stools"),
    "haematemesis": ("{p} {rel} vomited blood from an ulcer a few years ago", "{s} {refl} has not vomited any blood"),
}
OTH_REL = {"weight_loss": ["husband", "wife", "partner", "brother"], "jaundice": ["husband", "wife", "sister", "son"],
           "rectal_bleeding": ["wife", "husband", "mother"], "dysphagia": ["sister", "brother", "mother"],
           "bloody_diarrhoea": ["daughter", "son", "sister"], "haematemesis": ["father", "brother", "husband"]}
FH_TEXT = {"colorectal_cancer": ["bowel cancer", "colorectal cancer", "colon cancer", "rectal cancer"],
           "coeliac": ["coeliac disease"], "crohns": ["Crohn's disease"], "uc": ["ulcerative colitis"],
           "oesophageal_cancer": ["oesophageal cancer"], "stomach_cancer": ["stomach cancer"],
           "liver_disease": ["alcohol-related liver disease"]}
FH_BY_CTX = {"upper": ["oesophageal_cancer", "stomach_cancer", "colorectal_cancer"],
             "lower": ["colorectal_cancer", "colorectal_cancer", "coeliac", "crohns"],
             "liver": ["liver_disease", "colorectal_cancer"],
             "ibd": ["crohns", "uc", "colorectal_cancer"], "coeliac": ["coeliac", "colorectal_cancer"]}


def anaemic(case):
    hb = case["values"].get("hb")
    return bool(hb) and hb[-1] < (130 if case["sex"] == "M" else 120)


def deny_candidates(case):
    ctx = CONTEXT[case["rule"]]
    p = case["present"]
    out = []
    for f in POOLS[ctx]:
        if f in p:
            continue
        if f == "anaemia":
            if not anaemic(case):
                out.append(f)
            continue
        if "bloody_diarrhoea" in p and f in ("rectal_bleeding", "change_in_bowel_habit"):
            continue
        if f == "bloody_diarrhoea" and not ("change_in_bowel_habit" in p and
                                            p["change_in_bowel_habit"].get("cibh_still") == "loose"):
            continue
        if f == "rectal_bleeding" and "change_in_bowel_habit" in p and ctx == "ibd":
            continue
        if f == "lower_abdominal_pain" and ("upper_abdominal_pain" in p or "dyspepsia" in p):
            continue
        out.append(f)
    return out


def is_live(case, fact):
    F = flat_facts(case)
    base = label(F)
    G = dict(F)
    if fact == "anaemia":
        G["hb"] = 90
    elif fact in G:
        G[fact] = True
    else:
        return False
    return label(G) != base


def choose_distractors(case, rng, n_deny):
    cands = deny_candidates(case)
    live = [f for f in cands if is_live(case, f)]
    dead = [f for f in cands if f not in live]
    rng.shuffle(live)
    rng.shuffle(dead)
    k_live = min(len(live), max(1, n_deny - 1))
    chosen = live[:k_live] + dead[:max(0, n_deny - k_live)]
    rng.shuffle(chosen)
    case["deny"] = chosen
    ctx = CONTEXT[case["rule"]]
    ex = case["extras"]
    yr = case["letter_date"].year
    # family history
    if case["rule"] != "A3" and rng.random() < 0.4:
        dis = rng.choice(FH_BY_CTX[ctx])
        if dis == "colorectal_cancer" and not case["present"]:
            dis = "coeliac"
        rel = rng.choice(["mother", "father", "brother", "sister", "aunt", "uncle"])
        case["ctx"]["fh"].append({"rel": rel, "disease": dis, "age": fh_age(rng, rel, case["age"])})
    # resolved past episode
    if rng.random() < 0.4:
        opts = [f for f in RES_DETAIL if f not in case["present"] and f in POOLS[ctx] + ["reflux", "dyspepsia", "change_in_bowel_habit"]
                and not (f == "bloody_diarrhoea" and ctx != "ibd")]
        if "bloody_diarrhoea" in case["present"]:
            opts = [f for f in opts if f not in ("rectal_bleeding", "change_in_bowel_habit")]
        if case["rule"] == "A3":
            opts = [f for f in opts if f in ("rectal_bleeding", "weight_loss", "change_in_bowel_habit")]
        if opts:
            f = rng.choice(opts)
            ex.append({"type": "res", "fact": f, "year": rng.randint(yr - 12, yr - 2),
                       "month": rng.choice(MONTHS), "detail": rng.choice(RES_DETAIL[f])})
    # another person's finding
    if rng.random() < 0.25:
        opts = [f for f in OTH if f not in case["present"]
                and not ("bloody_diarrhoea" in case["present"] and f == "rectal_bleeding")]
        if opts:
            f = rng.choice(opts)
            rels = [x for x in OTH_REL[f] if x in relatives(case)] or ["mother" if case["age"] < 50 else "sister"]
            ex.append({"type": "oth", "fact": f, "rel": rng.choice(rels)})
    # hypothetical / safety netting
    if rng.random() < 0.5:
        hy = [f for f in ["dysphagia", "haematemesis", "rectal_bleeding", "jaundice", "weight_loss"]
              if f not in case["present"] and not ("bloody_diarrhoea" in case["present"] and f == "rectal_bleeding")]
        if hy:
            ex.append({"type": "hyp", "facts": rng.sample(hy, min(len(hy), rng.choice([2, 3])))})
    # a relative's report refuted by the writer
    if rng.random() < 0.12:
        opts = [f for f in ["jaundice", "weight_loss"] if f not in case["present"]]
        if opts:
            ex.append({"type": "ref", "fact": rng.choice(opts),
                       "rel": rng.choice(relatives(case))})


# ---------------------------------------------------------------- composer ---
def pronouns(sex, mode="pronoun", name=None):
    f = sex == "F"
    if mode == "patient":
        return {"s": "the patient", "o": "the patient", "p": "the patient's",
                "refl": "herself" if f else "himself"}
    if mode == "name":
        return {"s": name, "o": name, "p": name + "'s", "refl": "herself" if f else "himself"}
    return {"s": "she" if f else "he", "o": "her" if f else "him", "p": "her" if f else "his",
            "refl": "herself" if f else "himself"}


TREAT = {"rectal_bleeding": "the Anusol", "reflux": "Gaviscon", "dyspepsia": "Gaviscon",
         "lower_abdominal_pain": "mebeverine", "bloating": "peppermint oil capsules",
         "upper_abdominal_pain": "Gaviscon"}
ANDOR = {"dysphagia": "odynophagia", "haematemesis": "melaena", "jaundice": "pruritus",
         "rectal_bleeding": "mucus", "weight_loss": "night sweats", "abdominal_mass": "organomegaly",
         "change_in_bowel_habit": "tenesmus", "confusion": "drowsiness", "rectal_mass": "tenderness",
         "bloody_diarrhoea": "mucus", "ascites": "peripheral oedema", "bloating": "nausea"}


def relatives(case):
    if case["age"] < 30:
        return ["mother", "father", "sister", "brother", "partner", "flatmate"]
    if case["age"] < 50:
        return ["mother", "father", "sister", "brother", "partner", "wife" if case["sex"] == "M" else "husband"]
    return ["daughter", "son", "sister", "brother", "wife" if case["sex"] == "M" else "husband", "partner", "niece"]


USAGE = {}


def balanced_choice(rng, family, opts):
    """Pick among opts, favouring constructions used least so far in the set.

    The letters are written in a fixed order, so the running counts (and hence the
    choices) are the same on every run."""
    uniq = sorted(set(opts), key=opts.index)
    w = [opts.count(k) / (1.0 + USAGE.get((family, k), 0)) ** 2 for k in uniq]
    x = rng.random() * sum(w)
    for k, wk in zip(uniq, w):
        x -= wk
        if x < 0:
            break
    USAGE[(family, k)] = USAGE.get((family, k), 0) + 1
    return k


class Composer:
    """Writes the clinical sentences of one letter (as marked strings)."""

    def __init__(self, case, rng, mode="pronoun", name=None):
        self.c = case
        self.rng = rng
        self.pr = pronouns(case["sex"], mode, name)
        self.used = []          # grammar constructions used
        case["constructions"] = self.used
        self.ddet = {}

    # -- helpers ---------------------------------------------------------
    def det(self, fact):
        if fact in self.c["present"]:
            return self.c["present"][fact]
        if fact not in self.ddet:
            self.ddet[fact] = draw_details(fact, R(self.c["id"], "ddet", fact), self.c["sex"])
        return self.ddet[fact]

    def fmt(self, tpl, fact=None, **extra):
        d = dict(self.pr)
        if fact and fact != "anaemia":
            d.update(self.det(fact))
        d.update(extra)
        s = tpl
        for _ in range(3):
            if "{" not in s:
                break
            s = s.format(**d)
        return s

    def f(self, fact, form, **extra):
        opts = LEX[fact][form]
        if isinstance(opts, str):
            opts = [opts]
        return self.fmt(self.rng.choice(opts), fact, **extra)

    def neg_np(self, fact):
        if fact == "anaemia":
            return "anaemia"
        if fact == "lower_abdominal_pain":
            return "abdominal pain"
        return self.f(fact, "neg_np")

    def neg_spec(self, fact):
        if fact == "lower_abdominal_pain":
            return ["neg:lower_abdominal_pain", "neg:upper_abdominal_pain"]
        return ["neg:" + fact]

    def use(self, name):
        self.used.append(name)

    # -- positives -------------------------------------------------------
    def pos_plain(self, X, abbrev=False):
        if abbrev:
            return M(self.f(X, "ab_pos"), "pos:" + X)
        return cap(M(self.f(X, "pos"), "pos:" + X)) + "."

    def pos_stress(self, X):
        """One positive statement written with a grammar construction, or None."""
        r = self.rng
        opts = []
        if X in ("weight_loss", "rectal_bleeding", "reflux", "dyspepsia", "lower_abdominal_pain",
                 "upper_abdominal_pain", "bloating"):
            opts += ["not_without", "course"] if X not in ("weight_loss",) else ["not_without"]
        if X in SYMPTOMS and X not in ("jaundice", "confusion", "haematemesis"):
            opts += ["cant_say", "not_true", "superseded"]
        if X in TREAT:
            opts.append("not_entirely")
        if X in ("reflux", "dyspepsia", "bloating", "upper_abdominal_pain", "lower_abdominal_pain"):
            opts.append("scarcely")
        if X == "dysphagia":
            opts += ["barely", "barely"]
        if X in ("rectal_bleeding", "reflux", "dyspepsia", "lower_abdominal_pain", "upper_abdominal_pain", "bloating"):
            opts.append("less")
        if X in ("bloating", "reflux"):
            opts.append("more")
        if X in ("rectal_bleeding",):
            opts.append("at_most")
        if X in ("weight_loss", "jaundice", "abdominal_mass", "rectal_mass", "ascites", "dysphagia",
                 "confusion", "haematemesis"):
            opts += ["passive", "passive"]
        if X in ("weight_loss", "rectal_bleeding", "dysphagia"):
            opts.append("subject")
        if X in ("weight_loss", "jaundice", "confusion", "rectal_bleeding"):
            opts.append("reported")
        fh = [x for x in self.c["ctx"]["fh"] if x["disease"] == "colorectal_cancer" and not x.get("used")]
        if fh and X in SYMPTOMS and X not in ("jaundice", "confusion", "haematemesis"):
            opts += ["fh_relclause", "fh_relclause"]
        if not opts:
            return None
        k = balanced_choice(r, "pos", opts)
        p = self.pr
        if k == "not_without":
            bare = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
            t = "The past few months have not been without some %s: %s." % (bare, self.f(X, "pos"))
            self.use("double_negative:not_without")
            return M(t, "pos:" + X)
        if k == "cant_say":
            t = "I can't say %s has no %s: %s." % (p["s"], self.neg_np(X), self.f(X, "pos"))
            self.use("double_negative:cant_say_no")
            return cap(M(t, "pos:" + X))
        if k == "not_true":
            t = "It is not true that %s has no %s; %s." % (p["s"], self.neg_np(X), self.f(X, "pos"))
            self.use("double_negative:not_true_that_no")
            return M(t, "pos:" + X)
        if k == "not_entirely":
            ppi = self.c["ctx"].get("ppi")
            if X == "dyspepsia" and ppi and ppi.get("drug") and ppi["weeks"] >= 4:
                tr = "despite %d weeks of %s" % (ppi["weeks"], ppi["drug"])
            else:
                tr = "with %s" % TREAT[X]
            t1 = cap(M(self.f(X, "pos"), "pos:" + X)) + ". "
            t2 = M("%s has not entirely settled %s; %s" % (cap(self.f(X, "ref")), tr, self.f(X, "still")), "pos:" + X) + "."
            self.use("partial_negative:not_entirely")
            return t1 + t2
        if k == "scarcely":
            w = r.choice(["Scarcely a day goes by", "Hardly a day passes"])
            bare = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
            t = "%s without %s, and it has been like this for %s." % (w, bare, self.det(X)["dur"])
            self.use("partial_negative:scarcely_hardly")
            return M(t, "pos:" + X)
        if k == "barely":
            t = "%s can barely swallow %s now, and this has been getting worse over %s." % (
                p["s"], self.det(X)["food"], self.det(X)["dur"])
            self.use("partial_negative:barely")
            return cap(M(t, "pos:" + X))
        if k == "less":
            bare = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
            when = r.choice(["in the spring", "a month ago", "at first", "over Christmas"])
            t = "There is less %s than there was %s, but %s; it has been going on for %s in all." % (
                bare, when, self.f(X, "still"), self.det(X)["dur"])
            self.use("comparison:less_than_before")
            return M(t, "pos:" + X)
        if k == "more":
            if X == "bloating":
                t = "%s has been more bloated than usual for %s, mostly in the evenings." % (p["s"], self.det(X)["dur"])
            else:
                t = "%s has had more heartburn than usual over %s, most days." % (p["s"], self.det(X)["dur"])
            self.use("comparison:more_than_usual")
            return cap(M(t, "pos:" + X))
        if k == "at_most":
            t = "%s bleeding happens at most once a week - bright red, on the paper - but it has been going on for %s." % (
                p["p"], self.det(X)["dur"])
            self.use("comparison:at_most")
            return cap(M(t, "pos:" + X))
        if k == "passive":
            d = self.det(X)
            rel = r.choice(relatives(self.c))
            t = {"weight_loss": "Weight loss of {kg} kg over {dur} has been noted by the practice nurse; {s} has not been trying to lose weight.",
                 "jaundice": "Jaundice was first noticed by {p} %s {sdur} ago and is obvious today." % rel,
                 "abdominal_mass": "A {size} firm mass was felt in the {msite}.",
                 "rectal_mass": "A hard, irregular mass was felt on rectal examination at about {cm} cm.",
                 "ascites": "Shifting dullness was elicited, in keeping with ascites.",
                 "dysphagia": "Dysphagia to solids is reported, getting worse over {dur}.",
                 "confusion": "New confusion has been noticed by {p} {crel} over {sdur}, and {s} was disorientated in time when seen.",
                 "haematemesis": "Fresh blood has been vomited {times}, most recently {last}."}[X]
            self.use("voice:passive")
            return cap(M(self.fmt(t, X), "pos:" + X))
        if k == "subject":
            t = {"weight_loss": "Weight: down {kg} kg in {dur}, not intended.",
                 "rectal_bleeding": "Bleeding: yes - fresh, on the paper, {freq}, for {dur}.",
                 "dysphagia": "Swallowing: food sticks {level}, for {dur}."}[X]
            self.use("structure:finding_as_subject")
            return M(self.fmt(t, X), "pos:" + X)
        if k == "reported":
            rel = r.choice(relatives(self.c))
            t = {"weight_loss": "{p} %s says {s} has lost weight, and the scales agree: {s} has lost {kg} kg over {dur} without trying." % rel,
                 "jaundice": "{p} %s noticed {p} eyes were yellow {sdur} ago, and I agree - {s} is clearly jaundiced today." % rel,
                 "confusion": "{p} {crel} says {s} has been muddled for {sdur}; I found {o} disorientated in time today.",
                 "rectal_bleeding": "{p} %s rang first, worried about bleeding, and {s} confirms it: bright red blood, {freq}, for {dur}." % rel}[X]
            self.use("who:reported_speech_confirmed")
            return cap(M(self.fmt(t, X), "pos:" + X))
        if k == "superseded":
            gap = r.choice(["three weeks", "a month", "five weeks"])
            t1 = "When I first saw %s %s ago %s " % (p["o"], gap, p["s"])
            t2 = M("denied any %s" % self.neg_np(X), "sup:" + X)
            opts_ = [t for t in LEX[X]["pos"] if not re.search(r"describes|reports|complains", t)] or LEX[X]["pos"]
            t3 = "; at review this week " + M("%s told me that %s" % (p["s"], self.fmt(r.choice(opts_), X)), "pos:" + X) + "."
            self.use("course:superseded_denial")
            return cap(t1) + t2 + t3
        if k == "course":
            if X in ("rectal_bleeding",):
                tr = "after a course of suppositories"
            else:
                tr = "with %s" % TREAT.get(X, "simple measures")
            yr = self.c["letter_date"].year - r.randint(2, 6)
            bare = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
            t = "%s first had %s in %d, which settled %s; it came back %s ago and has been there ever since." % (
                p["s"], bare, yr, tr, self.det(X)["dur"])
            self.use("course:stopped_and_came_back")
            return cap(M(t, "pos:" + X))
        if k == "fh_relclause":
            f = fh[0]
            f["used"] = True
            dis = self.rng.choice(FH_TEXT["colorectal_cancer"])
            bare = self.f(X, "bare") if X != "lower_abdominal_pain" else "abdominal pain"
            if f["rel"] in ("mother", "father", "aunt", "uncle", "grandmother", "grandfather") and self.c["age"] >= 60:
                mid = ", died of it, and so %s came in promptly about " % p["s"]
            else:
                mid = ", persuaded %s to come in about " % p["o"]
            t = (cap("%s %s, " % (p["p"], f["rel"])) + M("who had %s at %d" % (dis, f["age"]), "fh:colorectal_cancer")
                 + mid
                 + M("%s %s, which has been going on for %s" % (p["p"], bare, self.det(X)["dur"]), "pos:" + X) + ".")
            self.use("who:relative_clause")
            return t
        return None

    # -- mixed positive + negative ---------------------------------------
    def mixed(self, X, Ys):
        """A sentence asserting X and denying Ys (1-3), or None."""
        r = self.rng
        p = self.pr
        Ys = [y for y in Ys if y != X and y != "anaemia"]
        if not Ys:
            return None
        opts = ["no_but"] * 9 + ["denies_reports"] * 2 + ["paren_pos"] * 3 + ["semicolon", "slash"] * 2
        if X in REDFLAGS and all(y in REDFLAGS for y in Ys) and len(Ys) >= 2:
            opts += ["exception_list"] * 3
        if X in SYMPTOMS and X not in ("confusion",):
            opts += ["without", "without"]
        k = r.choice(opts)
        Y = Ys[0]
        if k == "without":
            Y = [y for y in Ys if y in ("dysphagia", "weight_loss", "change_in_bowel_habit", "rectal_bleeding",
                                         "lower_abdominal_pain", "haematemesis")]
            if not Y:
                k = "no_but"
            else:
                Y = Y[0]
                if Y == "lower_abdominal_pain" and ("upper_abdominal_pain" in self.c["present"] or "dyspepsia" in self.c["present"]):
                    k = "no_but"
        if k == "without":
            t = "%s, without any %s" % (self.f(X, "pos"), self.neg_np(Y))
            self.use("polarity:without")
            return cap(M(t, "pos:" + X, *self.neg_spec(Y))) + ".", [Y]
        negs = Ys[:2]
        specs = sum((self.neg_spec(y) for y in negs), [])
        nlist = " or ".join(self.neg_np(y) for y in negs)
        if k == "no_but":
            conj = {"but": ", but ", "although": ", although ", "though": ", though ", "however": "; however, ",
                    "full_stop": ". ", "new_line": "\n", "whereas": ", whereas "}[
                balanced_choice(r, "conj", ["but", "although", "though", "however", "full_stop", "new_line", "whereas"])]
            name = {", but ": "but", ", although ": "although", ", though ": "though", "; however, ": "however",
                    ". ": "full_stop", "\n": "new_line", ", whereas ": "whereas"}[conj]
            if conj == ", whereas ":
                neg = M("%s has no %s" % (p["s"], nlist), *specs)
            else:
                neg = M("No %s" % nlist, *specs)
            pos = self.f(X, "pos")
            if conj in (". ", "\n"):
                pos = cap(pos)
            t = cap(neg) + conj + M(pos, "pos:" + X) + "."
            self.use("polarity:denial_stops_at_" + name)
            return t, negs
        if k == "denies_reports":
            if r.random() < 0.5:
                t = M("Denies %s" % nlist, *specs) + "; " + M("does report %s" % self.f(X, "np"), "pos:" + X) + "."
            else:
                t = cap(M("%s denies %s" % (p["s"], nlist), *specs)) + "; " + M("%s does report %s" % (p["s"], self.f(X, "np")), "pos:" + X) + "."
            self.use("polarity:denies_then_reports")
            return t, negs
        if k == "paren_pos":
            Y1 = negs[0]
            tail = negs[1] if len(negs) > 1 else None
            first = M("No %s" % self.neg_np(Y1), *self.neg_spec(Y1))
            mid = " (" + M("%s %s" % (r.choice(["though", "although"]), self.f(X, "pos")), "pos:" + X) + ")"
            if tail:
                end = " and " + M("no %s" % self.neg_np(tail), *self.neg_spec(tail)) + "."
            else:
                end = " and no vomiting."
            self.use("structure:parenthesis_inside_denial")
            return first + mid + end, negs
        if k == "semicolon":
            Y1 = negs[0]
            t = M("No %s" % self.neg_np(Y1), *self.neg_spec(Y1)) + "; " + M(self.f(X, "pos"), "pos:" + X)
            if len(negs) > 1:
                t += "; " + M("no %s" % self.neg_np(negs[1]), *self.neg_spec(negs[1]))
            self.use("list:semicolon_mixed_polarity")
            return t + ".", negs
        if k == "slash":
            parts = []
            items = [("n", y) for y in negs] + [("p", X)]
            r.shuffle(items)
            for pol, y in items:
                row = "Anaemia" if y == "anaemia" else LEX[y]["row"]
                row = row.split(" (")[0]
                if pol == "n":
                    parts.append(M("%s - %s" % (row.lower(), r.choice(["no", "nil", "denied", "none"])), *self.neg_spec(y)))
                else:
                    parts.append(M("%s - yes, %s" % (row.lower(), self.f(X, "brief")), "pos:" + X))
            self.use("list:slash_mixed_polarity")
            return cap(" / ".join(parts)) + ".", negs
        if k == "exception_list":
            names = [self.neg_np(y) for y in Ys[:3]]
            xb = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
            allnames = names + [xb]
            r.shuffle(allnames)
            lst = ", ".join(allnames[:-1]) + " and " + allnames[-1]
            t = "Of the red flags I asked about - %s - none is present except the %s: %s." % (lst, xb, self.f(X, "brief"))
            specs = sum((self.neg_spec(y) for y in Ys[:3]), [])
            self.use("exception:none_except_list")
            return M(t, "pos:" + X, *specs), Ys[:3]
        return None

    def exception_rf(self, X, first=False):
        """'No red flags apart from X' - only when X is the only red flag present."""
        rf = [f for f in self.c["present"] if f in REDFLAGS]
        if rf != [X] or anaemic(self.c) or self.c["values"].get("fit") and fit_class(self.c["values"]["fit"][-1]) == "ge10":
            return None
        r = self.rng
        p = self.pr
        np_ = self.f(X, "np")
        k = balanced_choice(r, "exc", ["apart", "bar", "none_except", "only"] + ([] if first else ["except"]))
        if k == "apart":
            t = "No red flags apart from %s." % np_
            self.use("exception:apart_from")
        elif k == "bar":
            t = "Red flag screen all negative bar %s." % np_
            self.use("exception:all_negative_bar")
        elif k == "except":
            t = "On direct questioning nothing else of note except %s." % np_
            self.use("exception:nothing_else_except")
        elif k == "none_except":
            t = "None of the red-flag symptoms I asked about, except %s." % np_
            self.use("exception:none_except")
        else:
            t = "The only red flag is %s." % np_
            self.use("exception:only")
        return M(t, "pos:" + X, "neg_general:other_red_flags")

    def aside(self, X, Y):
        """Reference back to a stated X, with a denial."""
        assert Y != "anaemia"
        p = self.pr
        bare = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
        k = balanced_choice(self.rng, "aside", ["aside", "other_than"])
        negc = self.negc(Y)
        if k == "aside":
            t = "Aside from %s %s, %s." % (p["p"], bare, lc_first(negc))
            self.use("exception:aside_from")
        else:
            t = "Other than %s %s, %s." % (p["p"], bare, lc_first(negc))
            self.use("exception:other_than")
        return M(t, "pos:" + X, *self.neg_spec(Y))

    # -- negatives -------------------------------------------------------
    def negc(self, Y):
        if Y == "anaemia":
            return "%s is not clinically anaemic" % self.pr["s"]
        if Y == "lower_abdominal_pain":
            return self.fmt(self.rng.choice(LEX[Y]["neg"]), Y)
        return self.f(Y, "neg")

    def neg_plain(self, Ys, abbrev=False):
        if abbrev:
            parts = []
            for y in Ys:
                t = "not anaemic" if y == "anaemia" else self.f(y, "ab_neg")
                parts.append(M(t, *self.neg_spec(y)))
            return ", ".join(parts)
        if len(Ys) == 1 and self.rng.random() < 0.5:
            return cap(M(self.negc(Ys[0]), *self.neg_spec(Ys[0]))) + "."
        specs = sum((self.neg_spec(y) for y in Ys), [])
        names = [self.neg_np(y) for y in Ys]
        lst = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        lead = self.rng.choice(["No ", "There is no ", "No ", "%s denies " % cap(self.pr["s"])])
        return M(lead + lst, *specs) + "."

    def neg_stress(self, Ys, exam=False):
        """A denial (of 1-2 facts) written with a construction; returns (text, consumed)."""
        r = self.rng
        p = self.pr
        Y = Ys[0]
        if exam:
            opts = ["passive", "subject"] + (["and_or"] if Y in ANDOR else []) + (["neither", "neither"] if len(Ys) >= 2 else [])
            k = balanced_choice(r, "negx", opts)
            return self._neg_k(k, Ys)
        opts = ["passive", "subject"] + (["and_or"] if Y in ANDOR else [])
        if len(Ys) >= 2:
            opts += ["neither", "neither", "neither", "paren", "paren", "dash", "dash"]
        if Y in ("dysphagia", "rectal_bleeding"):
            opts += ["without", "without"]
        if Y == "weight_loss":
            opts += ["hardly", "not_yet", "long"]
        if Y in ("rectal_bleeding", "dysphagia", "jaundice"):
            opts += ["long"]
        if Y in ("rectal_bleeding", "weight_loss", "jaundice"):
            opts += ["ref_back"]
        if "anaemia" in Ys:
            opts = ["neither"] if len(Ys) >= 2 else ["passive"]
        k = balanced_choice(r, "neg", opts)
        return self._neg_k(k, Ys)

    def _neg_k(self, k, Ys):
        r = self.rng
        p = self.pr
        Y = Ys[0]
        if k == "neither":
            a, b = Ys[0], Ys[1]
            adj = {"jaundice": "jaundiced", "anaemia": "anaemic", "confusion": "confused"}
            if a in adj and b in adj:
                t = "%s is neither %s nor %s" % (p["s"], adj[a], adj[b])
            elif a in adj or b in adj:
                if b in adj:
                    a, b = b, a
                art = {"abdominal_mass": "an abdominal mass", "rectal_mass": "a rectal mass"}.get(b, self.neg_np(b))
                t = "%s is not %s, nor does %s have %s" % (p["s"], adj[a], p["s"], art)
            else:
                art = {"abdominal_mass": "an abdominal mass", "rectal_mass": "a rectal mass"}
                t = "there is neither %s nor %s" % (art.get(a, self.neg_np(a)), art.get(b, self.neg_np(b)))
            self.use("polarity:neither_nor")
            return cap(M(t, *(self.neg_spec(a) + self.neg_spec(b)))) + ".", [a, b]
        if k == "paren":
            a, b = Ys[0], Ys[1]
            aside = r.choice(["though %s appetite is poor" % p["p"], "though %s is tired" % p["s"],
                              "asked twice, as %s was anxious about it" % p["s"]])
            t = M("No %s" % self.neg_np(a), *self.neg_spec(a)) + " (%s) and " % aside + M("no %s" % self.neg_np(b), *self.neg_spec(b)) + "."
            self.use("structure:parenthesis_inside_denial")
            return t, [a, b]
        if k == "dash":
            a, b = Ys[0], Ys[1]
            aside = r.choice(["I asked about this twice, because %s %s had been worried" % (p["p"], r.choice(relatives(self.c))),
                              "which was my main concern", "and %s was quite definite about it" % p["s"]])
            t = cap(M("%s has no %s" % (p["s"], self.neg_np(a)), *self.neg_spec(a))) + " - %s - and " % aside + M("no %s" % self.neg_np(b), *self.neg_spec(b)) + "."
            self.use("structure:dash_inside_denial")
            return t, [a, b]
        if k == "passive":
            t = {"dysphagia": "Dysphagia is denied.", "weight_loss": "Weight loss was specifically asked about and denied.",
                 "abdominal_mass": "No mass was felt.", "rectal_mass": "No mass was felt on rectal examination.",
                 "rectal_bleeding": "Rectal bleeding is denied.", "jaundice": "No jaundice was seen.",
                 "haematemesis": "Haematemesis is denied.", "change_in_bowel_habit": "A change in bowel habit is denied.",
                 "anaemia": "Anaemia has been excluded on recent bloods." if self.c["values"].get("hb") else "No pallor was seen and anaemia is not suspected clinically.",
                 "ascites": "No ascites was detected.", "confusion": "No confusion was noted.",
                 "bloody_diarrhoea": "Blood in the diarrhoea is denied.",
                 "lower_abdominal_pain": "Abdominal pain is denied.", "bloating": "Bloating is denied."}.get(Y)
            if Y == "anaemia" and not self.c["values"].get("hb"):
                return None
            self.use("voice:passive")
            return M(t, *self.neg_spec(Y)), [Y]
        if k == "subject":
            row = {"anaemia": "Anaemia"}.get(Y) or LEX[Y]["row"].split(" (")[0].split(" /")[0]
            t = "%s: %s." % (row, r.choice(["none", "nil", "none reported", "no"]))
            self.use("structure:finding_as_subject")
            return M(t, *self.neg_spec(Y)), [Y]
        if k == "and_or":
            t = "No %s and/or %s." % (self.neg_np(Y), ANDOR.get(Y, "other symptoms"))
            self.use("list:and_or")
            return M(t, *self.neg_spec(Y)), [Y]
        if k == "without":
            t = {"dysphagia": "%s eats without difficulty" % p["s"],
                 "rectal_bleeding": "%s opens %s bowels without any blood" % (p["s"], p["p"])}[Y]
            self.use("polarity:without")
            return cap(M(t, *self.neg_spec(Y))) + ".", [Y]
        if k == "hardly":
            w = self.det("weight_loss")["w"]
            t = "although %s has hardly any appetite at the moment, %s weight is unchanged at %d kg" % (p["s"], p["p"], w)
            self.use("partial_negative:hardly")
            return cap(M(t, "neg:weight_loss")) + ".", [Y]
        if k == "not_yet":
            t = "%s has not yet lost any weight, although %s is eating less" % (p["s"], p["s"])
            self.use("partial_negative:not_yet")
            return cap(M(t, "neg:weight_loss")) + ".", [Y]
        if k == "long":
            rel = r.choice(relatives(self.c))
            t = {"weight_loss": "As for %s weight, which %s %s has been keeping an eye on since the winter and which %s writes down in a notebook by the scales every Sunday, there has been no change at all" % (p["p"], p["p"], rel, p["s"]),
                 "rectal_bleeding": "When I asked specifically about blood - on the paper, in the pan or mixed in with the stool, at any time in the last year, whether or not %s had been straining - the answer was no" % p["s"],
                 "dysphagia": "Although %s sometimes has to chew carefully because of dentures that were refitted in the spring and still rub, food never sticks on the way down and swallowing itself is not a problem" % p["s"],
                 "jaundice": "%s %s, who is understandably anxious after what happened to a neighbour last year, thought %s looked yellow in the bathroom light, but %s sclerae are white in daylight and there is no jaundice" % (p["p"], rel, p["s"], p["p"])}[Y]
            self.use("structure:long_distance_denial")
            return cap(M(t, *self.neg_spec(Y))) + ".", [Y]
        if k == "ref_back":
            rel = r.choice(relatives(self.c))
            if Y == "rectal_bleeding":
                t1 = "%s %s mentioned bleeding when booking the appointment. " % (p["p"], rel)
                t2 = "Asked about the bleeding directly, %s is clear that there has been none" % p["s"]
            elif Y == "weight_loss":
                t1 = "%s %s mentioned weight loss when booking the appointment. " % (p["p"], rel)
                t2 = "On the scales, however, %s weight is unchanged at %d kg, so the weight loss is not borne out" % (p["p"], self.det("weight_loss")["w"])
            else:
                t1 = "%s %s mentioned jaundice when booking the appointment. " % (p["p"], rel)
                t2 = "I looked for the jaundice in daylight and there is none"
            self.use("structure:referred_back")
            return cap(t1) + M(t2, *self.neg_spec(Y)) + ".", [Y]
        return None

    # -- other distractors ------------------------------------------------
    def extra(self, e):
        r = self.rng
        p = self.pr
        t = e["type"]
        if t == "res":
            X = e["fact"]
            bare = "pain" if X.endswith("abdominal_pain") else self.f(X, "bare")
            det = self.fmt(e["detail"])
            k = r.choice(["plain", "plain", "subject", "no_longer", "stopped"])
            if k == "no_longer" and X in ("reflux", "dyspepsia", "rectal_bleeding", "lower_abdominal_pain"):
                verb = {"reflux": "gets any heartburn", "dyspepsia": "gets indigestion",
                        "rectal_bleeding": "bleeds", "lower_abdominal_pain": "gets that pain"}[X]
                s = "%s had %s in %d (%s) and %s no longer %s" % (p["s"], bare, e["year"], det, p["s"], verb)
                self.use("partial_negative:no_longer")
                return cap(M(s, "res:" + X)) + "."
            if k == "stopped" and X == "rectal_bleeding":
                s = ("%s stopped %s iron tablets last year, once %s levels were back to normal. " % (cap(p["s"]), p["p"], p["p"])
                     + M("%s had some bleeding in %d (%s); the bleeding stopped then and has not come back" % (cap(p["s"]), e["year"], det), "res:" + X) + ".")
                self.use("comparison:stopped_bleeding_vs_stopped_iron")
                return s
            if k == "subject":
                row = LEX[X]["row"].split(" (")[0].split(" /")[0]
                s = "%s: none since %s %d (%s)." % (row, e["month"], e["year"], det)
                self.use("structure:finding_as_subject")
                return M(s, "res:" + X)
            s = r.choice(["%s had %s in %d (%s) and has had none since" % (p["s"], bare, e["year"], det),
                          "%s had %s back in %d, %s; none since" % (p["s"], bare, e["year"], det)])
            return cap(M(s, "res:" + X)) + "."
        if t == "oth":
            X = e["fact"]
            a, b = OTH[X]
            rel = e["rel"]
            if r.random() < 0.4:
                said = {"weight_loss": "%s %s's weight loss is from his chemotherapy" if rel in ("husband", "brother") else "%s %s's weight loss is from her chemotherapy",
                        "jaundice": "%s %s's jaundice was put down to gallstones",
                        "rectal_bleeding": "%s %s's bleeding is from piles",
                        "dysphagia": "%s %s's swallowing problem is achalasia",
                        "bloody_diarrhoea": "%s %s's bloody diarrhoea turned out to be ulcerative colitis",
                        "haematemesis": "%s %s's vomiting of blood was from an ulcer"}[X] % (p["p"], rel)
                s1 = cap("%s says " % p["s"]) + M(said, "oth:" + X) + "."
                self.use("who:reported_speech_other_person")
                if r.random() < 0.5:
                    return s1
                return s1 + " " + cap(M(self.fmt(b, X), *self.neg_spec(X))) + "."
            s1 = cap(M(self.fmt(a, X, rel=rel), "oth:" + X)) + ". "
            s2 = cap(M(self.fmt(b, X), *self.neg_spec(X))) + "."
            self.use("who:other_person_then_pronoun")
            return s1 + s2
        if t == "hyp":
            fs = list(e["facts"])
            if "haematemesis" in fs:
                fs.remove("haematemesis")
                fs.append("haematemesis")
            nps = [self.neg_np(x) for x in fs if x != "haematemesis"]
            vp3, vp = [], []
            if nps:
                lst = nps[0] if len(nps) == 1 else ", ".join(nps[:-1]) + " or " + nps[-1]
                vp3.append("develops " + lst)
                vp.append("develop " + lst)
            if "haematemesis" in fs:
                vp3.append("vomits blood")
                vp.append("vomit blood")
            v3, v = " or ".join(vp3), " or ".join(vp)
            s = r.choice(["If %s %s, %s knows to contact us straight away" % (p["s"], v3, p["s"]),
                          "Advised to seek help urgently if %s %s" % (p["s"], v3),
                          "Should %s %s, %s will be seen the same day" % (p["s"], v, p["s"])])
            specs = ["hyp:" + x for x in e["facts"]]
            self.use("hypothetical")
            return cap(M(s, *specs)) + "."
        if t == "ref":
            X = e["fact"]
            rel = e["rel"]
            if X == "jaundice":
                s = "%s %s thought %s looked yellow last week, but %s sclerae are white today" % (p["p"], rel, p["s"], p["p"])
            else:
                s = "%s %s thinks %s has lost weight, but %s weighs %d kg today, the same as at %s review in the spring" % (
                    p["p"], rel, p["s"], p["s"], self.det("weight_loss")["w"], p["p"])
            self.use("who:report_refuted")
            return cap(M(s, "ref:" + X, "neg:" + X)) + "."
        if t == "pend":
            if e["test"] == "fit":
                s = r.choice(["A FIT kit has been given but has not yet been returned",
                              "FIT requested - result awaited", "%s has not yet returned the FIT" % p["s"]])
            else:
                s = r.choice(["Faecal calprotectin sent - awaited", "Calprotectin requested, not back yet"])
            return cap(M(s, "pend:" + e["test"])) + "."
        raise ValueError(t)

    def fh_sentence(self, f, style=None):
        r = self.rng
        dis = r.choice(FH_TEXT[f["disease"]])
        p = self.pr
        cancer = f["disease"].endswith("cancer")
        style = style or r.choice(["plain", "plain", "relclause"])
        if style == "list":
            return M("%s - %s (%d)" % (f["rel"].capitalize(), dis, f["age"]), "fh:" + f["disease"])
        verb = "had %s at %d" % (dis, f["age"]) if cancer else "was diagnosed with %s at %d" % (dis, f["age"])
        if style == "relclause":
            verb2 = "had %s at %d" % (dis, f["age"]) if cancer else "has %s" % dis
            tail = r.choice(["is keen for %s to be checked" % p["o"], "came with %s today" % p["o"],
                             "has been worrying about %s" % p["o"]])
            if f["rel"] in ("mother", "father", "aunt", "uncle", "grandmother", "grandfather") and self.c["age"] >= 60:
                verb2 = "had %s at %d" % (dis, f["age"]) if cancer else "had %s" % dis
                tail = "is no longer alive, which is partly why %s is anxious" % p["s"]
            self.use("who:relative_clause")
            return cap("%s %s, " % (p["p"], f["rel"])) + M("who %s" % verb2, "fh:" + f["disease"]) + ", %s." % tail
        return M("%s %s %s" % (cap(p["p"]), f["rel"], verb), "fh:" + f["disease"]) + "."


# ---------------------------------------------------------------- values -----
def g_dl(v):
    return "%.1f" % (v / 10.0)


class Values:
    """Renders the results of a case, each wrapped in a marker."""

    def __init__(self, case, rng):
        self.c = case
        self.v = case["values"]
        self.rng = rng

    def kind_for(self, key, x):
        sex = self.c["sex"]
        if key == "hb":
            return "val" if x < (130 if sex == "M" else 120) else "norm"
        if key == "ferritin":
            return "val" if x < 30 else "norm"
        if key == "alt":
            return "val" if x >= 40 else "norm"
        if key == "calprotectin":
            return "val" if (x >= 100 or self.c["rule"] in ("A1",)) else "norm"
        return "val"

    def hb(self, x, style=None):
        r = self.rng
        style = style or r.choice(["gl", "gl_unit", "gdl", "word_gdl", "gl_unit"])
        t = {"gl": "Hb %d" % x, "gl_unit": "Hb %d g/L" % x, "gdl": "Hb %s g/dL" % g_dl(x),
             "word_gdl": "haemoglobin %s g/dL" % g_dl(x), "word": "haemoglobin %d g/L" % x}[style]
        return M(t, "%s:hb" % self.kind_for("hb", x))

    def ferritin(self, x, style=None):
        r = self.rng
        style = style or r.choice(["bare", "ug", "mu", "mcg"])
        t = {"bare": "ferritin %d" % x, "ug": "ferritin %d ug/L" % x, "mu": "ferritin %d \u00b5g/L" % x,
             "mcg": "ferritin %d mcg/L" % x}[style]
        return M(t, "%s:ferritin" % self.kind_for("ferritin", x))

    def fit_text(self, f):
        r = self.rng
        if f.get("qual") == "negative":
            return r.choice(["FIT negative", "FIT: negative", "qFIT negative"])
        if f.get("qual") == "undetectable":
            return r.choice(["FIT undetectable", "qFIT: undetectable"])
        v, cmpr = f["value"], f["cmp"]
        if cmpr == "<":
            return r.choice(["FIT <%d" % v, "FIT: <%d" % v, "qFIT <%d ug Hb/g" % v, "FIT < %d" % v])
        if cmpr == ">":
            return r.choice(["FIT >%d ug/g" % v, "qFIT >%d ug Hb/g" % v])
        if v >= 10:
            return r.choice(["FIT %d" % v, "FIT %d ug/g" % v, "qFIT %d ug Hb/g" % v,
                             "qFIT positive at %d" % v, "FIT %d ug Hb/g faeces" % v])
        return r.choice(["FIT %d" % v, "FIT %d ug/g" % v, "qFIT %d ug Hb/g" % v])

    def fit(self, f):
        return M(self.fit_text(f), "val:fit")

    def calpro(self, x):
        r = self.rng
        if x == 20:
            t = r.choice(["calprotectin <20", "FCP <20 ug/g"])
        else:
            t = r.choice(["faecal calprotectin %d ug/g" % x, "FCP %d" % x, "calprotectin %d" % x,
                          "calprotectin %d \u00b5g/g" % x, "FCP %d ug/g" % x])
        return M(t, "%s:calprotectin" % self.kind_for("calprotectin", x))

    def alt(self, x):
        r = self.rng
        opts = ["ALT %d" % x, "ALT %d U/L" % x, "ALT %d IU/L" % x, "ALT %d (ULN 40)" % x]
        if 115 <= x <= 125:
            opts.append("ALT 3x ULN (%d)" % x)
        t = r.choice(opts)
        if 115 <= x <= 125:
            t = "ALT 3x ULN (%d)" % x      # always written this way near 3x the upper limit
        return M(t, "%s:alt" % self.kind_for("alt", x))

    def ttg(self, t):
        r = self.rng
        if t.get("over"):
            s = r.choice(["tTG >128 U/mL (ref <7)", "anti-tTG IgA >128 U/mL", "coeliac serology positive (tTG >128)"])
            t["value"] = 128
        else:
            s = r.choice(["tTG %d U/mL (ref <7)" % t["value"], "anti-tTG IgA %d U/mL (normal <10)" % t["value"],
                          "coeliac serology positive - tTG %d" % t["value"], "raised tTG at %d U/mL" % t["value"]])
        return M(s, "val:ttg")

    def imaging(self, kind):
        r = self.rng
        if kind == "fatty":
            s = r.choice(["ultrasound abdomen: fatty liver, otherwise normal",
                          "USS: diffusely echogenic liver in keeping with fatty liver",
                          "abdominal ultrasound showed a fatty liver; spleen and gallbladder normal"])
            return M(s, "val:imaging")
        s = r.choice(["ultrasound abdomen normal, no fatty liver", "USS liver normal in size and texture"])
        return M(s, "norm:imaging")

    def seq(self, key):
        """All values of one result, joined as written in a letter."""
        vals = self.v.get(key)
        if not vals:
            return None
        fn = {"hb": self.hb, "ferritin": self.ferritin, "fit": self.fit, "calprotectin": self.calpro,
              "alt": self.alt}[key]
        if len(vals) == 1:
            return fn(vals[0])
        a, b = vals[0], vals[1]
        j = self.rng.choice(["%s in %s, repeated at %s %s", "%s (%s); repeat %s (%s)"])
        m1 = self.rng.choice(["January", "March", "the spring", "June", "September"])
        if j.startswith("%s in"):
            return j % (fn(a), m1, fn(b), self.rng.choice(["last week", "this month", "a fortnight later"]))
        return j % (fn(a), m1, fn(b), self.rng.choice(["last week", "this month", "two weeks later"]))

    def all_items(self):
        """List of (key, marked text) for every result present."""
        out = []
        for key in ("hb", "ferritin", "fit", "calprotectin", "alt"):
            s = self.seq(key)
            if s:
                out.append((key, s))
        if self.v.get("ttg"):
            out.append(("ttg", self.ttg(self.v["ttg"])))
        if self.v.get("imaging"):
            out.append(("imaging", self.imaging(self.v["imaging"])))
        if self.v.get("bilirubin"):
            out.append(("bilirubin", "bilirubin %d umol/L" % self.v["bilirubin"]))
        if self.c["ctx"].get("b12"):
            out.append(("b12", "B12 %d ng/L (low)" % self.c["ctx"]["b12"]))
        return out

    def table_rows(self):
        """Rows for a results table: (test, value, unit, range, flag, key, kind)."""
        sex = self.c["sex"]
        rows = []
        for key in ("hb", "ferritin", "fit", "calprotectin", "alt"):
            for x in (self.v.get(key) or []):
                if key == "hb":
                    rng_ = "130-170" if sex == "M" else "120-150"
                    rows.append(("Haemoglobin", str(x), "g/L", rng_, "L" if self.kind_for("hb", x) == "val" else "", key, self.kind_for(key, x)))
                elif key == "ferritin":
                    rows.append(("Ferritin", str(x), "ug/L", "30-300", "L" if x < 30 else "", key, self.kind_for(key, x)))
                elif key == "fit":
                    if x.get("qual"):
                        val = x["qual"]
                    elif x["cmp"] in "<>":
                        val = "%s%d" % (x["cmp"], x["value"])
                    else:
                        val = str(x["value"])
                    rows.append(("FIT (qFIT)", val, "ug Hb/g", "<10", "H" if fit_class(x) == "ge10" else "", key, "val"))
                elif key == "calprotectin":
                    rows.append(("Faecal calprotectin", "<20" if x == 20 else str(x), "ug/g", "<50", "H" if x >= 50 else "", key, self.kind_for(key, x)))
                elif key == "alt":
                    rows.append(("ALT", str(x), "U/L", "<40", "H" if x >= 40 else "", key, self.kind_for(key, x)))
        if self.v.get("ttg"):
            t = self.v["ttg"]
            rows.append(("tTG IgA", ">128" if t.get("over") else str(t["value"]), "U/mL", "<7", "H", "ttg", "val"))
        if self.v.get("bilirubin"):
            rows.append(("Bilirubin", str(self.v["bilirubin"]), "umol/L", "<21", "H", "bilirubin", None))
        if self.c["ctx"].get("b12"):
            rows.append(("Vitamin B12", str(self.c["ctx"]["b12"]), "ng/L", "180-900", "L", "b12", None))
        return rows


# ------------------------------------------------------- clinical sections ---
HPC_FACTS = SYMPTOMS
EXAM_FACTS = SIGNS


def reason_line(case, comp, rng):
    """A plain opening sentence for letters whose facts are all results or context."""
    t = _reason_line(case, comp, rng)
    if case.get("ps_keys") and case["rule"] != "A3":
        # the results follow in a P.S.; do not claim to be writing about them (second-pass fix)
        t = "I am writing now, although some of %s tests are still outstanding." % comp.pr["p"]
    return t


def _reason_line(case, comp, rng):
    p = comp.pr
    rule, route = case["rule"], case["ctx"].get("route")
    if rule == "A3":
        fh = [f for f in case["ctx"]["fh"] if f["disease"] == "colorectal_cancer"][0]
        fh["used"] = True
        return cap(p["s"]) + " is well but is worried because " + M("%s %s had bowel cancer at %d" % (p["p"], fh["rel"], fh["age"]), "fh:colorectal_cancer") + \
            ", and would like advice about screening."
    if rule == "O3":
        return "I am writing about %s %s." % (p["p"], case["ctx"]["known_ibd"]["disease"])
    if rule == "O5" or (rule == "R2" and route == "alt"):
        return "I am writing about %s %s." % (p["p"], rng.choice(["liver blood tests", "recent liver results"]) if case["values"].get("alt") else "ultrasound result")
    if rule == "R2":
        return "I am writing about %s liver disease." % p["p"]
    if rule == "O4":
        return "I am writing about %s coeliac blood test." % p["p"]
    if rule in ("U4",) or route in ("irondef", "anaemia_only"):
        return "I am writing about %s blood count results." % p["p"]
    if rule == "U3":
        return "I am writing about %s FIT result." % p["p"]
    if any(f in SIGNS for f in case["present"]):
        return "I am writing about what I found when I examined %s." % p["o"]
    return "I am writing with %s results." % p["p"]


def pc_label(case, comp):
    """'Presenting complaint: X and Y' - short labels of the first two symptoms, marked."""
    pos = [f for f in case["order"] if f in HPC_FACTS][:2]
    if not pos:
        return None
    parts = [M(comp.fmt(LABEL[f], f), "pos:" + f) for f in pos]
    comp.use("form:heading_with_answer")
    return " and ".join(parts)


def clinical(case, comp, rng, abbrev=False, stress=None, reason=True):
    """Split the case into written sections.  Returns dict of lists of marked strings."""
    stress = case["stress"] if stress is None else stress
    S = {"hpc": [], "rf": [], "exam": [], "other": [], "safety": [], "fh": [], "pend": [], "exam_neg": []}
    pos = [f for f in case["order"] if f in HPC_FACTS]
    signs = [f for f in case["order"] if f in EXAM_FACTS]
    if "jaundice" in pos and rng.random() < 0.5:
        pos.remove("jaundice")
        signs.append("jaundice")
    denies = list(case["deny"])
    exam_denies = [y for y in denies if y in ("abdominal_mass", "rectal_mass", "anaemia") or (y == "jaundice" and rng.random() < 0.5)]
    hist_denies = [y for y in denies if y not in exam_denies]
    if not pos and reason:
        S["hpc"].append(reason_line(case, comp, rng))
    stated = []
    # positives: the first is written plainly, so that a heading such as "Presenting
    # complaint:" reads naturally; constructions go on the others (or on the first when
    # it is the only one)
    n_stress_pos = 0
    if stress and pos:
        n_stress_pos = rng.choice([1, 2, 2])
    cand = pos[1:] if len(pos) > 1 and rng.random() < 0.5 else pos
    stress_targets = rng.sample(cand, min(n_stress_pos, len(cand))) if cand else []
    mixed_done = False
    for X in pos:
        txt = None
        if X in stress_targets:
            choice = rng.random()
            if choice < 0.6 and hist_denies and not mixed_done:
                res = comp.mixed(X, hist_denies[:rng.choice([1, 2, 2, 3])])
                if res:
                    txt, consumed = res
                    hist_denies = [y for y in hist_denies if y not in consumed]
                    mixed_done = True
            elif choice < 0.75:
                txt = comp.exception_rf(X, first=not stated)
            if txt is None:
                txt = comp.pos_stress(X)
        if txt is None:
            txt = comp.pos_plain(X, abbrev=abbrev)
        S["hpc"].append(txt)
        stated.append(X)
    if "tiredness" in case["ctx"].get("nonfact_symptoms", []) and stress and rng.random() < 0.6:
        S["hpc"].append(cap("%s says %s is never not tired these days." % (comp.pr["s"], comp.pr["s"])))
        comp.use("double_negative:never_not(nonfact)")
    # an 'aside from' back-reference
    ASIDE_OK = ("dysphagia", "weight_loss", "rectal_bleeding", "change_in_bowel_habit", "haematemesis",
                "lower_abdominal_pain", "bloating", "reflux", "dyspepsia")
    ys = [y for y in hist_denies if y in ASIDE_OK]
    if stress and stated and ys and rng.random() < 0.3:
        X = rng.choice(stated)
        Y = ys[0]
        if not (Y == "lower_abdominal_pain" and X.endswith("abdominal_pain")):
            hist_denies.remove(Y)
            S["rf"].append(comp.aside(X, Y))
    # denials
    if stress and hist_denies and rng.random() < 0.85:
        k = 2 if len(hist_denies) >= 2 and rng.random() < 0.6 else 1
        res = comp.neg_stress(hist_denies[:k])
        if res:
            txt, consumed = res
            S["rf"].append(txt)
            hist_denies = [y for y in hist_denies if y not in consumed]
    if hist_denies:
        S["rf"].append(comp.neg_plain(hist_denies, abbrev=abbrev))
    # examination
    for X in signs:
        t = None
        if stress and rng.random() < 0.4 and X != "jaundice":
            t = comp.pos_stress(X)
        S["exam"].append(t or comp.pos_plain(X, abbrev=abbrev))
    ex_left = list(exam_denies)
    if stress and len(ex_left) >= 2 and rng.random() < 0.6:
        pair = ex_left[:2]
        if "anaemia" in ex_left and "jaundice" in ex_left:
            pair = ["jaundice", "anaemia"]
        res = comp.neg_stress(pair, exam=True)
        if res:
            S["exam_neg"].append(res[0])
            ex_left = [y for y in ex_left if y not in res[1]]
    for Y in ex_left:
        if stress and rng.random() < 0.4:
            res = comp.neg_stress([Y], exam=True)
            if res:
                S["exam_neg"].append(res[0])
                continue
        if abbrev:
            S["exam_neg"].append(comp.neg_plain([Y], abbrev=True))
        else:
            S["exam_neg"].append(cap(M(comp.negc(Y), *comp.neg_spec(Y))) + ".")
    # family history: sometimes told in the same paragraph as the patient's story
    for f in case["ctx"]["fh"]:
        if not f.get("used"):
            t = comp.fh_sentence(f)
            if stress and rng.random() < 0.4:
                S["hpc"].append(t)
            else:
                S["fh"].append(t)
    # other distractors
    for e in case["extras"]:
        t = comp.extra(e)
        if e["type"] == "hyp":
            S["safety"].append(t)
        elif e["type"] == "pend":
            S["pend"].append(t)
        else:
            S["other"].append(t)
    return S


def ctx_sentences(case, comp, rng):
    """Context facts: PPI, known cirrhosis, known IBD."""
    out = {}
    c = case["ctx"]
    p = comp.pr
    if c.get("ppi"):
        ppi = c["ppi"]
        if ppi["weeks"] == 0:
            out["ppi"] = M(rng.choice(["%s has not tried a PPI yet" % p["s"], "no PPI trial so far"]), "val:ppi")
        elif ppi["weeks"] < 4:
            out["ppi"] = M("%s started %s daily %d weeks ago" % (p["s"], ppi["drug"], ppi["weeks"]), "val:ppi")
        else:
            out["ppi"] = M(rng.choice(["%s has taken %s daily for %d weeks without relief" % (p["s"], ppi["drug"], ppi["weeks"]),
                                       "symptoms persist after %d weeks of %s daily" % (ppi["weeks"], ppi["drug"])]), "val:ppi")
    if c.get("known_cirrhosis"):
        out["cirrhosis"] = M("known %s" % c["known_cirrhosis"], "ctx:known_cirrhosis")
    if c.get("known_ibd"):
        k = c["known_ibd"]
        out["ibd"] = M("known %s on %s, %s" % (k["disease"], k["med"], k["state"]), "ctx:known_ibd")
        out["ibd_q"] = M("%s %s" % (p["s"], k["question"]), "ctx:ibd_question")
    return out


# ------------------------------------------------------------- identities ---
def identity(case, rng):
    sex = case["sex"]
    first = rng.choice(F_FIRST if sex == "F" else M_FIRST)
    sur = rng.choice(SURNAMES)
    if sex == "M":
        title = "Mr"
    else:
        title = rng.choice(["Miss", "Ms"]) if case["age"] < 30 else rng.choice(["Mrs", "Mrs", "Ms", "Miss"])
    town = rng.choice(TOWNS)
    pc = "%s%d %d%s" % (rng.choice(["NT", "KM", "FB", "AV", "HX"]), rng.randint(1, 19), rng.randint(1, 9),
                        "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2)))
    return {"first": first, "sur": sur, "title": title, "name": "%s %s %s" % (title, first, sur),
            "short": "%s %s" % (title, sur), "nhs": nhs_number(rng),
            "addr": "%d %s, %s %s" % (rng.randint(1, 140), rng.choice(STREETS), town, pc),
            "town": town, "hosp": hosp_no(rng), "practice": rng.choice(PRACTICES),
            "pcode": practice_code(rng), "gp": rng.choice(GP_NAMES), "phone": phone(rng),
            "cons": rng.choice(CONSULTANTS), "hospital": rng.choice(HOSPITALS),
            "pstreet": "%d %s" % (rng.randint(1, 90), rng.choice(STREETS))}


def sex_word(case, rng, kind="noun"):
    f = case["sex"] == "F"
    if kind == "noun":
        return rng.choice(["woman", "lady"]) if f else rng.choice(["man", "gentleman"])
    return "F" if f else "M"


def age_phrase(case, rng, form="adj"):
    """Marked age phrase; form: adj ('67-year-old'), aged ('aged 67'), short ('67F'), words."""
    a = case["age"]
    if case["age_style"] == "words":
        t = {"adj": "%s-year-old" % num_words(a), "aged": "aged %s" % num_words(a),
             "short": "%s-year-old" % num_words(a), "is": "%s years old" % num_words(a)}[form]
    else:
        t = {"adj": "%d-year-old" % a, "aged": "aged %d" % a, "short": "%d%s" % (a, sex_word(case, rng, "letter")),
             "is": "%d years old" % a}[form]
    return M(t, "val:age")


def dob_mark(case, style, label="DOB"):
    return M("%s %s" % (label, fmt_date(case["dob"], style)) if label else fmt_date(case["dob"], style), "val:dob")


def date_mark(case, style, label=""):
    return M(("%s%s" % (label, fmt_date(case["letter_date"], style))), "val:letter_date")


PRIORITY_TEXT = {
    "urgent_suspected_cancer": ["I would be grateful if you could see %(o)s under the two-week-wait pathway.",
                                "I am referring %(o)s on the urgent suspected cancer pathway.",
                                "Please see within two weeks (USC).",
                                "I would like %(o)s seen on the 2WW pathway, please."],
    "urgent": ["I would be grateful if you could see %(o)s urgently - not a cancer referral, but within a few weeks please.",
               "Please could %(s)s be seen urgently.",
               "I would appreciate an urgent appointment.",
               "Urgent, please."],
    "routine": ["I would be grateful for a routine appointment.", "A routine appointment would be fine.",
                "No great urgency - routine, please.", "Please see routinely."],
    "advice_and_guidance": ["I would welcome your advice; I do not think %(s)s needs to be seen.",
                            "This is an Advice and Guidance request - I am happy to manage in primary care with your advice.",
                            "Could you advise? No appointment needed unless you feel otherwise.",
                            "Advice only, please."],
    None: ["I would be grateful for your opinion.", "Many thanks for your help with %(o)s.",
           "I would value your thoughts on %(p)s management."],
}
PRIORITY_SHORT = {"urgent_suspected_cancer": ["2WW pls", "USC please", "2ww"], "urgent": ["urgent pls", "urgent please"],
                  "routine": ["routine pls", "routine"], "advice_and_guidance": ["A&G only pls", "advice only"],
                  None: ["thanks", "many thanks"]}
PRIORITY_FORM = {"urgent_suspected_cancer": "Urgent suspected cancer (2WW)", "urgent": "Urgent",
                 "routine": "Routine", "advice_and_guidance": "Advice & Guidance", None: "(not stated)"}


def request_sentence(case, comp, rng, short=False):
    g = case["gp_priority"]
    if short:
        return rng.choice(PRIORITY_SHORT[g])
    return rng.choice(PRIORITY_TEXT[g]) % comp.pr


def join_sents(xs):
    """Join statements, adding a full stop to any that lacks one."""
    out = []
    for x in xs:
        if not x:
            continue
        clean = parse_marked(x)[0].rstrip()
        out.append(x if clean.endswith((".", "?", "!")) else x + ".")
    return " ".join(out)


PMH_YOUNG = ["asthma", "migraine", "eczema", "anxiety", "acne (previously on isotretinoin)", "fractured ankle (2019)"]
MEDS_YOUNG = ["salbutamol inhaler PRN", "sertraline 50 mg OD", "propranolol 10 mg PRN", "cetirizine 10 mg OD"]


def pmh_list(case, rng, n=None):
    n = rng.randint(0, 3) if n is None else n
    if case["age"] < 40:
        pool = PMH_YOUNG
    else:
        pool = [x for x in PMH_OTHER if not (case["sex"] == "F" and "prostat" in x)]
    return rng.sample(pool, min(n, len(pool)))


def meds_list(case, rng, n=None):
    n = rng.randint(0, 4) if n is None else n
    if case["age"] < 40:
        pool = MEDS_YOUNG + (["Microgynon 30"] if case["sex"] == "F" else [])
        return rng.sample(pool, min(n, 2))
    pool = [x for x in MEDS_OTHER if not (case["sex"] == "F" and "tamsulosin" in x)]
    return rng.sample(pool, min(n, len(pool)))


def results_sentence(case, vals, rng, lead=None, exclude=()):
    items = [t for k, t in vals.all_items() if k not in exclude]
    if not items:
        return ""
    if lead is None:
        lead = rng.choice(["Recent bloods: ", "Results: ", "Investigations so far: ", "Tests: "])
    return lead + "; ".join(items) + "."


# ---------------------------------------------------------------- layouts ----
def ps_parts(case, vals, rng):
    """(pending sentence for the body, P.S. text) when results are held back for a P.S."""
    keys = case.get("ps_keys") or []
    if not keys:
        return None, None
    names = {"fit": "FIT", "hb": "full blood count", "ferritin": "ferritin", "calprotectin": "calprotectin",
             "alt": "liver function tests", "ttg": "coeliac serology", "imaging": "ultrasound"}
    tests = [names[k] for k in keys if not (k == "ferritin" and "hb" in keys)]
    plural = len(tests) > 1 or tests[0].endswith("tests")
    pend = M("%s %s awaited" % (cap(" and ".join(tests)), "are" if plural else "is"),
             *["pend:" + k for k in keys])
    items = [t for k, t in vals.all_items() if k in keys]
    ps = rng.choice(["P.S. %s back this morning: %s.", "P.S. The %s result has come back since I dictated this: %s.",
                     "Addendum (%s now available): %s."]) % (" and ".join(tests), "; ".join(items))
    return pend + ".", ps


def L_formal(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    pend, ps = ps_parts(case, vals, rng)
    if case["age"] >= 67:
        job = rng.choice(["retired teacher", "former bus driver", "retired nurse", "retired farmer", "retired engineer"])
    elif case["age"] >= 25:
        job = rng.choice(["care worker", "accountant", "self-employed joiner", "shop manager", "university lecturer",
                          "postman", "delivery driver", "primary school teacher"])
    else:
        job = rng.choice(["student", "apprentice electrician", "trainee hairdresser", "warehouse operative"])
    lines = [I["practice"], I["pstreet"] + ", " + I["town"], "Tel: %s   Practice code: %s" % (I["phone"], I["pcode"]), "",
             date_mark(case, "long"), "", I["cons"], "Consultant Gastroenterologist", I["hospital"], "",
             "Dear %s %s," % (I["cons"].split()[0], I["cons"].split()[-1]), "",
             "Re: " + M(I["name"], "val:sex") + ", " + dob_mark(case, "slash") + ", NHS No. " + I["nhs"], I["addr"], ""]
    if case["age_style"] == "dob":
        intro = "I should be grateful if you would see %s, %s %s, whom I saw recently in surgery." % (I["short"], "an" if job[0] in "aeiou" else "a", job)
    else:
        intro = "I should be grateful if you would see this %s %s, %s %s, whom I saw recently in surgery." % (
            age_phrase(case, rng, "adj"), sex_word(case, rng), "an" if job[0] in "aeiou" else "a", job)
    para1 = [intro] + S["hpc"]
    if C.get("ppi"):
        para1.append(cap(C["ppi"]) + ".")
    lines.append(join_sents(para1))
    lines.append("")
    rf = S["rf"] + S["other"]
    if rf:
        lines.append(join_sents(rf))
        lines.append("")
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("On examination: " + join_sents(ex))
        lines.append("")
    res = results_sentence(case, vals, rng, lead=rng.choice(["Her recent investigations show ", "Investigations: "]) if case["sex"] == "F" else rng.choice(["His recent investigations show ", "Investigations: "]), exclude=case.get("ps_keys") or ())
    if res or pend or S["pend"]:
        lines.append(join_sents([res, pend] + S["pend"]))
        lines.append("")
    pm = pmh_list(case, rng)
    pmtxt = []
    if C.get("cirrhosis"):
        pmtxt.append(C["cirrhosis"])
    if C.get("ibd"):
        pmtxt.append(C["ibd"])
    pmtxt += pm
    if pmtxt:
        lines.append("Past history: " + "; ".join(pmtxt) + ".")
    if C.get("ibd_q"):
        lines.append(cap(C["ibd_q"]) + ".")
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    md = meds_list(case, rng)
    if md:
        lines.append("Current medication: " + ", ".join(md) + ".")
    lines.append("")
    lines.append(join_sents(S["safety"] + [request_sentence(case, comp, rng)]))
    lines += ["", "Yours sincerely,", "", "", I["gp"], rng.choice(["Senior Partner", "GP Partner", "General Practitioner"]),
              "", "cc: patient"]
    if ps:
        lines += ["", ps]
    return "\n".join(lines)


def L_terse(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, abbrev=True)
    C = ctx_sentences(case, comp, rng)
    head = "To: Gastroenterology\nRe: %s  %s  NHS %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"])
    if case["age_style"] == "dob":
        first = ""
    else:
        first = age_phrase(case, rng, "short") + ". "
    bits = [first] + S["hpc"]
    for k in ("ppi", "cirrhosis", "ibd", "ibd_q"):
        if C.get(k):
            bits.append(C[k])
    bits += S["rf"] + S["exam"] + S["exam_neg"]
    res = "; ".join(t for k, t in vals.all_items())
    if res:
        bits.append(res)
    bits += S["other"] + S["pend"] + S["fh"]
    body = " ".join(cap(b.strip()) if parse_marked(b)[0].strip().endswith((".", "?")) else cap(b.strip()) + "." for b in bits if b.strip())
    tail = request_sentence(case, comp, rng, short=True)
    locum = rng.choice(["Dr K Osei (locum)", "Dr B Laidlaw, locum GP", "Dr F Amin (locum)", "Dr T Varga - locum"])
    return "%s\n%s\n\n%s %s\n%s\n%s" % (date_mark(case, "slash"), head, body, join_sents(S["safety"]), tail, locum)


def L_chatty(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    pend, ps = ps_parts(case, vals, rng)
    p = comp.pr
    lines = ["%s, %s" % (I["practice"], I["town"]), date_mark(case, "ord"), "",
             "Re: %s (%s, NHS %s)" % (M(I["name"], "val:sex"), dob_mark(case, "slash", label="DOB"), I["nhs"]), "",
             rng.choice(["Dear Gastro team,", "Hello,", "Dear colleague,", "Hi there,"]), ""]
    when = rng.choice(["last week", "on Tuesday", "a couple of weeks ago", "this morning"])
    if case["age_style"] == "dob":
        intro = "I'd be really grateful if you could have a look at %s, who came to see me %s" % (I["first"], when)
    else:
        intro = "I'd be really grateful if you could have a look at %s, who is %s and who came to see me %s" % (
            I["first"], age_phrase(case, rng, "is"), when)
    intro += rng.choice([" - and, bless %s, had clearly been putting it off for a while." % p["o"],
                         ", having been nagged into it by the family.", ".", " about something that has been worrying %s." % p["o"]])
    story = [intro] + S["hpc"]
    if C.get("ppi"):
        story.append("For what it's worth, %s." % C["ppi"])
    lines.append(join_sents(story))
    lines.append("")
    mid = S["rf"] + S["other"] + S["fh"]
    if mid:
        lines.append(join_sents(mid))
        lines.append("")
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("When I examined %s: %s" % (p["o"], join_sents(ex)))
    res = results_sentence(case, vals, rng, lead=rng.choice(["Bloods and bits so far: ", "I've done some tests - "]),
                           exclude=case.get("ps_keys") or ())
    lines.append(join_sents([res, pend] + S["pend"]))
    if C.get("cirrhosis") or C.get("ibd"):
        lines.append("Background-wise, %s." % " and ".join(C[k] for k in ("cirrhosis", "ibd") if C.get(k)))
    if C.get("ibd_q"):
        lines.append("The reason I'm writing is that " + C["ibd_q"] + ".")
    lines.append("")
    lines.append(join_sents(S["safety"] + [request_sentence(case, comp, rng)]))
    lines += ["", rng.choice(["Many thanks, and do give me a ring if you want to chat,", "Thanks so much,", "Cheers,"]),
              I["gp"].replace("Dr ", ""), "(GP, %s)" % I["practice"]]
    if ps:
        lines += ["", ps]
    return "\n".join(lines)


def L_third(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng, mode="patient")
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    pend, ps = ps_parts(case, vals, rng)
    lines = ["REFERRAL LETTER", "From: %s, on behalf of the partners, %s" % (I["gp"], I["practice"]),
             "To: Gastroenterology Department, %s" % I["hospital"], date_mark(case, "long", "Date: "), "",
             "Patient: %s   %s   NHS number: %s" % (M(I["name"], "val:sex"), dob_mark(case, "dot"), I["nhs"]), ""]
    if case["age_style"] == "dob":
        lines.append("The patient is a %s who attended the surgery recently." % sex_word(case, rng))
    else:
        lines.append("The patient is a %s %s who attended the surgery recently." % (age_phrase(case, rng, "adj"), sex_word(case, rng)))
    lines.append(join_sents(S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])))
    if S["rf"] or S["other"]:
        lines.append(join_sents(S["rf"] + S["other"]))
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("On examination of the patient: " + join_sents(ex))
    res = results_sentence(case, vals, rng, lead="The patient's results: ", exclude=case.get("ps_keys") or ())
    lines.append(join_sents([res, pend] + S["pend"]))
    bg = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)] + pmh_list(case, rng)
    if bg:
        lines.append("Background: " + "; ".join(bg) + ".")
    if C.get("ibd_q"):
        lines.append(cap(C["ibd_q"]) + ".")
    if S["fh"]:
        lines.append("Family history: " + join_sents(S["fh"]))
    lines.append(join_sents(S["safety"]))
    lines.append(request_sentence(case, comp, rng).replace(" her ", " the patient ").replace(" him ", " the patient "))
    lines += ["", "%s" % I["gp"], "for and on behalf of %s" % I["practice"]]
    if ps:
        lines += ["", ps]
    return "\n".join(l for l in lines if l is not None)


def lower_nopunct(marked):
    """Lower-case and strip sentence punctuation from everything outside the marker syntax."""
    out = []
    i = 0
    while i < len(marked):
        ch = marked[i]
        if ch == MO:
            j = marked.index(MS, i)
            out.append(marked[i:j + 1])
            i = j + 1
            continue
        if ch == ";" and i + 1 < len(marked) and marked[i + 1] == " ":
            out.append("\n")
            i += 2
            continue
        if ch in ".,;:!?'\"":
            # keep decimal points inside numbers
            if ch == "." and i > 0 and marked[i - 1].isdigit() and i + 1 < len(marked) and marked[i + 1].isdigit():
                out.append(ch)
            i += 1
            continue
        out.append(ch.lower())
        i += 1
    s = "".join(out)
    s = re.sub(r"[ \t]+", " ", s)
    return s


def L_lower(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    for k in ("hb",):
        pass
    lines = ["re " + M(I["name"], "val:sex") + " " + dob_mark(case, "slash", "dob") + " nhs " + I["nhs"]]
    lines.append(date_mark(case, "slash"))
    lines.append(rng.choice(["dear gastro", "hi", "dear colleague"]))
    if case["age_style"] == "dob":
        lines.append("seen today")
    else:
        lines.append(age_phrase(case, rng, "adj") + " " + sex_word(case, rng) + " seen today")
    for s in S["hpc"]:
        lines.append(s)
    if C.get("ppi"):
        lines.append(C["ppi"])
    for s in S["rf"] + S["other"]:
        lines.append(s)
    for s in S["exam"] + S["exam_neg"]:
        lines.append("oe " + s)
    items = [t for k, t in vals.all_items()]
    if items:
        lines.append("bloods " + " ".join(items))
    lines += S["pend"]
    for k in ("cirrhosis", "ibd", "ibd_q"):
        if C.get(k):
            lines.append(C[k])
    lines += S["fh"]
    lines += S["safety"]
    lines.append(request_sentence(case, comp, rng))
    lines.append(I["gp"].lower().replace("dr ", "dr "))
    marked = "\n".join(lines)
    # sentences that were joined inside one statement become separate lines
    marked = re.sub(r"\. (?=[A-Z" + MO + "])", ".\n", marked)
    return lower_nopunct(marked)


ABBREV = [("weight loss", "wt loss"), ("Weight loss", "Wt loss"), ("rectal bleeding", "PR bleeding"),
          ("Rectal bleeding", "PR bleeding"), ("change in bowel habit", "CIBH"), ("abdominal", "abdo"),
          ("examination", "exam"), (" without ", " w/o "), (" with ", " w/ "), ("months", "/12"),
          ("weeks", "/52"), ("years", "yrs"), ("symptoms", "sx"), ("history", "hx"), ("patient", "pt"),
          ("difficulty swallowing", "dysphagia"), ("haemoglobin", "Hb"), ("approximately", "approx"),
          ("increased", "\u2191"), ("decreased", "\u2193"), ("because", "b/c"), ("and", "&")]


def abbreviate(marked):
    out = []
    i = 0
    # only touch text outside the marker specs
    parts = re.split("(" + MO + "[a-z_:+0-9]+" + MS + ")", marked)
    for part in parts:
        if part.startswith(MO):
            out.append(part)
            continue
        for a, b in ABBREV:
            if a in ("and",):
                part = re.sub(r"\band\b", "&", part)
            elif a in ("months", "weeks"):
                part = re.sub(r"\b(\d+) " + a, lambda m: m.group(1) + b, part)
            else:
                part = part.replace(a, b)
        out.append(part)
    return "".join(out)


def L_abbrev(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, abbrev=True)
    C = ctx_sentences(case, comp, rng)
    pm = pmh_list(case, rng)
    md = meds_list(case, rng)
    hdr = "%s | %s | %s" % (I["practice"], I["pcode"], date_mark(case, "dot"))
    who = "%s  %s  NHS %s" % (M(I["name"], "val:sex"), dob_mark(case, "dot", "DOB"), I["nhs"])
    lines = [hdr, "Re: " + who, ""]
    if case["age_style"] == "dob":
        lines.append("PC: see below")
    else:
        lines.append("%s c/o:" % age_phrase(case, rng, "short"))
    lines.append("HPC: " + join_sents(S["hpc"]) if S["hpc"] else "HPC: asymptomatic")
    if C.get("ppi"):
        lines.append("DH: " + C["ppi"] + ("; " + ", ".join(md) if md else ""))
    elif md:
        lines.append("DH: " + ", ".join(md))
    if S["rf"]:
        lines.append("RF: " + join_sents(S["rf"]))
    if S["other"]:
        lines.append(join_sents(S["other"]))
    bg = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)] + pm
    if bg:
        lines.append("PMH: " + ", ".join(bg))
    if S["fh"]:
        lines.append("FHx: " + join_sents(S["fh"]))
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("O/E: " + join_sents(ex))
    items = [t for k, t in vals.all_items()]
    if items:
        lines.append("Ix: " + ", ".join(items))
    if S["pend"]:
        lines.append(" ".join(S["pend"]))
    if C.get("ibd_q"):
        lines.append("Q: " + C["ibd_q"])
    if S["safety"]:
        lines.append("SN: " + " ".join(S["safety"]))
    lines.append("Plan: ref gastro - " + request_sentence(case, comp, rng, short=True))
    lines.append(I["gp"].replace("Dr ", "Dr. ") + " GP")
    return abbreviate("\n".join(lines))


def L_salaried(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    pend, ps = ps_parts(case, vals, rng)
    d = case["letter_date"]
    dd = d - datetime.timedelta(days=rng.randint(1, 4))
    lines = ["%s" % I["practice"].upper(), "%s, %s" % (I["pstreet"], I["town"]),
             "Tel %s | Fax %s | ODS code %s" % (I["phone"], phone(rng), I["pcode"]),
             "Date dictated: %s   Date typed: %s   Date sent: %s" % (fmt_date(dd, "slash"), date_mark(case, "slash"),
                                                                        fmt_date(d + datetime.timedelta(days=1), "slash")),
             "Referral to: Gastroenterology, %s" % I["hospital"], "",
             "Patient: %s   Born: %s   NHS: %s   Hosp no: %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash", label=""), I["nhs"], I["hosp"]),
             "Address: %s" % I["addr"], ""]
    probs_active = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)] + pmh_list(case, rng, rng.randint(1, 3))
    lines.append("PROBLEMS")
    lines.append("Active:")
    for pr_ in probs_active:
        lines.append("  %s  %s" % (fmt_date(d - datetime.timedelta(days=rng.randint(400, 5000)), "mon"), pr_))
    past = rng.sample(["appendicectomy", "fractured wrist", "tonsillectomy", "pneumonia", "cellulitis left leg"], rng.randint(1, 2))
    lines.append("Significant past:")
    for pr_ in past:
        lines.append("  %s  %s" % (fmt_date(d - datetime.timedelta(days=rng.randint(5000, 12000)), "mon"), pr_))
    lines.append("")
    lines.append("MEDICATION (repeat)")
    md = meds_list(case, rng, rng.randint(1, 4))
    if C.get("ppi") and case["ctx"]["ppi"].get("drug"):
        md = [case["ctx"]["ppi"]["drug"] + " OD"] + md
    for m in md:
        lines.append("  " + m)
    lines.append("ALLERGIES: " + rng.choice(["NKDA", "penicillin (rash)", "codeine (vomiting)"]))
    lines.append("")
    rows = vals.table_rows()
    rows = [r_ for r_ in rows if r_[5] not in (case.get("ps_keys") or ())]
    if rows:
        lines.append("RECENT RESULTS")
        lines.append("  %-22s %-10s %-9s %-10s %s" % ("Test", "Result", "Units", "Range", "Flag"))
        for r_ in rows:
            row_txt = "%-22s %-10s %-9s %-10s %s" % r_[:5]
            lines.append("  " + (M(row_txt.rstrip(), "%s:%s" % (r_[6], r_[5])) if r_[6] else row_txt.rstrip()))
        lines.append("")
    lines.append("CLINICAL SUMMARY")
    if case["age_style"] == "dob":
        intro = "Thank you for seeing %s." % I["short"]
    else:
        intro = "Thank you for seeing this %s %s." % (age_phrase(case, rng, "adj"), sex_word(case, rng))
    para = [intro] + S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else []) + S["rf"] + S["other"]
    lines.append(join_sents(para))
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("Examination: " + join_sents(ex))
    if case["values"].get("imaging") and "imaging" not in (case.get("ps_keys") or ()):
        lines.append(cap(vals.imaging(case["values"]["imaging"])) + ".")
    lines.append(join_sents([pend] + S["pend"]))
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    if C.get("ibd_q"):
        lines.append(cap(C["ibd_q"]) + ".")
    lines.append(join_sents(S["safety"] + [request_sentence(case, comp, rng)]))
    lines += ["", I["gp"] + ", Salaried GP"]
    if ps:
        lines += ["", ps]
    foot = "-- Printed from clinical system %s -- Page %%d of 2 --" % fmt_date(d, "slash")
    text = "\n".join(l for l in lines)
    half = text.find("CLINICAL SUMMARY")
    text = text[:half] + (foot % 1) + "\n" + text[half:] + "\n" + (foot % 2)
    return text


def L_headings(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    pend, ps = ps_parts(case, vals, rng)
    lines = ["%s - %s" % (I["practice"], I["town"]), date_mark(case, "long"), "",
             "Patient: %s, %s, NHS %s" % (M(I["name"], "val:sex"), dob_mark(case, "long", "born"), I["nhs"]), ""]
    age = "" if case["age_style"] == "dob" else " (" + age_phrase(case, rng, "aged") + ")"
    lab = pc_label(case, comp)
    if lab:
        lines.append("Presenting complaint:%s %s" % (age, lab))
        hpc_rest = S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])
    else:
        lines.append("Presenting complaint:%s %s" % (age, S["hpc"][0] if S["hpc"] else "no symptoms - see below"))
        hpc_rest = S["hpc"][1:] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])
    if hpc_rest:
        lines.append("HPC: " + join_sents(hpc_rest))
    if S["rf"]:
        style = rng.choice(["inline", "list"])
        if style == "inline":
            lines.append("Red flags screened: " + join_sents(S["rf"]))
        else:
            lines.append("Red flags screened:")
            for s in S["rf"]:
                lines.append("- " + s)
    if S["other"]:
        lines.append("Also: " + join_sents(S["other"]))
    bg = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)] + pmh_list(case, rng)
    lines.append("Hx: " + ("; ".join(bg) if bg else "nil of note"))
    if S["fh"]:
        lines.append("FHx: " + join_sents(S["fh"]))
    ex = S["exam"] + S["exam_neg"]
    lines.append("Examination: " + (join_sents(ex) if ex else "not examined (telephone consultation)"))
    res = results_sentence(case, vals, rng, lead="", exclude=case.get("ps_keys") or ())
    lines.append("What I have done: " + (join_sents([res, pend] + S["pend"]) or "nothing yet"))
    lines.append("Impression: " + rng.choice(["uncertain", "see above", "I am not sure", "likely benign but would value your view"]))
    if C.get("ibd_q"):
        lines.append("Concerns: " + cap(C["ibd_q"]) + ".")
    else:
        lines.append("Concerns: " + rng.choice(["patient anxious", "none specific beyond the above", "family worried"]))
    lines.append("What I would like: " + request_sentence(case, comp, rng))
    if S["safety"]:
        lines.append("Safety netting: " + join_sents(S["safety"]))
    lines += ["", I["gp"]]
    if ps:
        lines += ["", ps]
    return "\n".join(lines)


def L_soap(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    pend, ps = ps_parts(case, vals, rng)
    d = case["letter_date"]
    lines = ["GP Registrar referral - %s" % I["practice"], "Consultation date: " + date_mark(case, "slash"),
             "%s | %s | NHS %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"]), ""]
    age = "" if case["age_style"] == "dob" else age_phrase(case, rng, "short") + ". "
    lines.append("S: " + age + join_sents(S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])))
    if S["rf"] or S["other"]:
        items = S["rf"] + S["other"]
        if rng.random() < 0.5:
            lines.append("   Systems enquiry:")
            for i, s in enumerate(items, 1):
                lines.append("   %d. %s" % (i, s))
        else:
            lines.append("   " + join_sents(items))
    if S["fh"]:
        lines.append("   FH: " + join_sents(S["fh"]))
    bg = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)]
    if bg:
        lines.append("   Background: " + "; ".join(bg) + ".")
    ex = S["exam"] + S["exam_neg"]
    obs = "Obs: BP %d/%d, HR %d, T %.1f." % (rng.randint(112, 150), rng.randint(66, 92), rng.randint(60, 96), rng.choice([36.4, 36.7, 36.9, 37.1]))
    lines.append("O: " + obs + (" " + join_sents(ex) if ex else ""))
    res = [t for k, t in vals.all_items() if k not in (case.get("ps_keys") or ())]
    if res:
        lines.append("   Results:")
        for i, t in enumerate(res, 1):
            lines.append("   %d. %s" % (i, t))
    if pend or S["pend"]:
        lines.append("   " + join_sents([pend] + S["pend"]))
    lines.append("A: " + rng.choice(["?cause - for specialist review", "for specialist opinion", "as above", "see plan"]))
    if C.get("ibd_q"):
        lines.append("   Question: " + C["ibd_q"] + ".")
    plan = [request_sentence(case, comp, rng)] + S["safety"]
    lines.append("P: " + join_sents(plan))
    lines += ["", "%s, GP Registrar (ST3)" % rng.choice(["Dr Aoife Brennan", "Dr Sam Iqbal", "Dr Rhys Parry", "Dr Jo Whitfield"]),
              "Supervisor: %s" % I["gp"]]
    if ps:
        lines += ["", ps]
    return "\n".join(lines)


def L_111(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    p = comp.pr
    caller = rng.choice(["patient", "third party"])
    rel = rng.choice(relatives(case))
    t = "%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59))
    lines = ["NHS 111 - Clinical Assessment Service", "Case ref: CAS-%07d   Call received: %s %s" % (rng.randint(0, 9999999), date_mark(case, "slash"), t),
             "Patient: %s   %s   NHS: %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"]),
             "Registered GP: %s, %s (%s)" % (I["gp"], I["practice"], I["pcode"]),
             "Caller: " + ("patient" if caller == "patient" else "%s (%s), with patient present" % (rel, "third party")), ""]
    if case["age_style"] == "dob":
        lines.append("Reason for call: gastroenterology query.")
    else:
        lines.append("Reason for call: %s %s - gastroenterology query." % (age_phrase(case, rng, "adj"), sex_word(case, rng)))
    lines.append("Clinician assessment:")
    if caller != "patient":
        lines.append("Initial history from %s %s; patient then spoke to me directly and confirmed the following." % (p["p"], rel))
    lines.append(join_sents(S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])))
    if S["rf"]:
        lines.append("Red flag questions: " + join_sents(S["rf"]))
    if S["other"]:
        lines.append(join_sents(S["other"]))
    for k in ("cirrhosis", "ibd"):
        if C.get(k):
            lines.append("Known to services: " + C[k] + ".")
    if C.get("ibd_q"):
        lines.append("Caller's question: " + C["ibd_q"] + ".")
    items = [t_ for k, t_ in vals.all_items()]
    if items:
        lines.append("Results visible on shared record: " + "; ".join(items) + ".")
    if S["pend"]:
        lines.append(join_sents(S["pend"]))
    if S["exam"] or S["exam_neg"]:
        lines.append("Examination recorded by the GP practice last week (summary care record): " + join_sents(S["exam"] + S["exam_neg"]))
    if S["fh"]:
        lines.append("FH: " + join_sents(S["fh"]))
    lines.append("No features of shock reported; talking in full sentences.")
    lines.append("Disposition: " + rng.choice(["contact own GP within 24 hours", "speak to GP practice within 12 hours",
                                                 "routine GP follow-up"]) + ".")
    lines.append("Message for GP / gastroenterology: " + request_sentence(case, comp, rng))
    if S["safety"]:
        lines.append("Worsening advice given: " + join_sents(S["safety"]))
    lines += ["", "%s, %s, NHS 111 CAS" % (rng.choice(["Alex Morton", "Priya Nair", "Chris Dunne", "Hannah Birch"]),
                                          rng.choice(["Clinical Advisor (RN)", "Advanced Paramedic Practitioner", "GP (remote)"]))]
    return "\n".join(lines)


def L_walkin(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    lines = ["%s Walk-in Centre" % I["town"], "Nurse Practitioner Consultation Record", "Seen: " + date_mark(case, "long") + ", %02d:%02d" % (rng.randint(8, 19), rng.randint(0, 59)),
             "Name: %s   %s   NHS No: %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"]),
             "Registered with: %s" % I["practice"], ""]
    if case["age_style"] == "dob":
        lines.append("Presenting complaint: attends today.")
    else:
        lines.append("Presenting complaint: %s %s, attends today." % (age_phrase(case, rng, "adj"), sex_word(case, rng)))
    lines.append("History: " + join_sents(S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])))
    if S["rf"] or S["other"]:
        lines.append(join_sents(S["rf"] + S["other"]))
    for k in ("cirrhosis", "ibd", "ibd_q"):
        if C.get(k):
            lines.append(cap(C[k]) + ".")
    obs = "Obs: BP %d/%d, HR %d, RR %d, SpO2 %d%%, T %.1f - NEWS2 0." % (rng.randint(110, 145), rng.randint(65, 90), rng.randint(62, 94), rng.randint(12, 18), rng.randint(96, 99), rng.choice([36.5, 36.8, 37.0]))
    lines.append(obs)
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("Examination: " + join_sents(ex))
    items = [t_ for k, t_ in vals.all_items()]
    if items:
        lines.append("Results on the summary care record: " + "; ".join(items) + ".")
    lines += S["pend"]
    if S["fh"]:
        lines.append("Family history: " + join_sents(S["fh"]))
    lines.append("Plan: advised to follow up with own GP; with the patient's consent this record is copied to the gastroenterology referral hub. "
                 + request_sentence(case, comp, rng))
    if S["safety"]:
        lines.append("Safety net: " + join_sents(S["safety"]))
    lines += ["", "%s, Nurse Practitioner" % rng.choice(["Sue Garside", "Tom Adeyemi", "Lisa Morrow", "Gemma Hale"])]
    return "\n".join(lines)


def L_matron(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, reason=False)
    C = ctx_sentences(case, comp, rng)
    p = comp.pr
    d = case["letter_date"]
    d1 = d - datetime.timedelta(days=rng.randint(21, 40))
    lines = ["Community Matron - Long Term Conditions Team, %s" % I["town"], date_mark(case, "long", "Date: "),
             "Patient: %s, %s, NHS %s (housebound)" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"]),
             "GP: %s, %s" % (I["gp"], I["practice"]), ""]
    age = "" if case["age_style"] == "dob" else "this " + age_phrase(case, rng, "adj") + " " + sex_word(case, rng) + ", "
    lines.append("Dear colleague,")
    lines.append("I am writing about %swhom I have now visited twice at home." % (age or (I["short"] + ", ")))
    first_visit = "First visit (%s): carers raised concerns and I took a history." % fmt_date(d1, "slash")
    if case["rule"] == "A3":
        S["hpc"].insert(0, reason_line(case, comp, rng))
    lines.append(first_visit + " " + join_sents(S["hpc"][:1] if S["hpc"] else ["%s had no new symptoms to report; I took routine bloods." % cap(p["s"])]))
    second = "Second visit (%s): " % fmt_date(d - datetime.timedelta(days=rng.randint(0, 3)), "slash")
    rest = S["hpc"][1:] + ([cap(C["ppi"]) + "."] if C.get("ppi") else []) + S["rf"] + S["other"]
    lines.append(second + (join_sents(rest) if rest else "%s remains as above." % cap(p["s"])))
    if "weight_loss" in case["present"]:
        wl = case["present"]["weight_loss"]
        pct = round(100.0 * wl["kg"] / wl["w1"])
        lines.append("MUST: " + M("weight %d kg, down from %d kg (%d%% unplanned loss)" % (wl["w2"], wl["w1"], pct), "pos:weight_loss") + ", score 2.")
    elif "weight_loss" in case["deny"] or rng.random() < 0.3:
        w = comp.det("weight_loss")["w"]
        lines.append("MUST: " + M("weight %d kg at both visits, no unplanned loss" % w, "neg:weight_loss") + ", score 0.")
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("Examination (joint visit with %s): " % I["gp"] + join_sents(ex))
    items = [t_ for k, t_ in vals.all_items()]
    if items:
        lines.append("Bloods (taken at home): " + "; ".join(items) + ".")
    lines += S["pend"]
    bg = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)] + pmh_list(case, rng, rng.randint(2, 4))
    lines.append("Background: " + "; ".join(bg) + ".")
    if C.get("ibd_q"):
        lines.append(cap(C["ibd_q"]) + ".")
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    lines.append("I have discussed this with %s, who agrees with referral. %s" % (I["gp"], request_sentence(case, comp, rng)))
    if S["safety"]:
        lines.append("Carers have been told: " + join_sents(S["safety"]))
    lines += ["", "%s, Community Matron" % rng.choice(["Janice Royle", "Bernadette Quinn", "Mark Ellery"]),
              "cc: %s (GP); %s, Care Coordinator; patient" % (I["gp"], rng.choice(["Dawn Pickles", "Femi Ola", "Ruth Askew"]))]
    return "\n".join(lines)


def L_pharm(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, reason=False)
    C = ctx_sentences(case, comp, rng)
    lines = ["Structured Medication Review - Clinical Pharmacist, %s" % I["practice"], date_mark(case, "slash", "Review date: "),
             "Patient: %s   %s   NHS %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"]), ""]
    if case["age_style"] != "dob":
        lines.append("Age: " + age_phrase(case, rng, "is").replace(" years old", ""))
    lines.append("Current repeat medication:")
    md = meds_list(case, rng, rng.randint(2, 5))
    if case["ctx"].get("ppi") and case["ctx"]["ppi"].get("drug"):
        md = [case["ctx"]["ppi"]["drug"] + " once daily"] + md
    if case["ctx"].get("known_ibd"):
        md = [case["ctx"]["known_ibd"]["med"]] + md
    for i, m in enumerate(md, 1):
        lines.append("  %d. %s" % (i, m))
    lines.append("")
    lines.append("Issues identified:")
    lines.append("  1. %s" % rng.choice(["Adherence checked - takes everything as prescribed.", "No NSAIDs or over-the-counter painkillers being bought.",
                                        "Repeat template tidied; two items no longer needed."]))
    n = 2
    if C.get("ppi"):
        lines.append("  %d. PPI review: %s." % (n, C["ppi"]))
        n += 1
    for k in ("cirrhosis", "ibd"):
        if C.get(k):
            lines.append("  %d. Background: %s." % (n, C[k]))
            n += 1
    if C.get("ibd_q"):
        lines.append("  %d. Patient's question: %s." % (n, C["ibd_q"]))
        n += 1
    items = [t_ for k, t_ in vals.all_items()]
    if items:
        lines.append("  %d. Monitoring bloods reviewed: %s." % (n, "; ".join(items)))
        n += 1
    lines.append("")
    lines.append("Symptoms discussed during the review:")
    lines.append(join_sents(S["hpc"]) if S["hpc"] else "No GI symptoms volunteered.")
    if S["rf"] or S["other"]:
        lines.append(join_sents(S["rf"] + S["other"]))
    if S["exam"] or S["exam_neg"]:
        lines.append("GP examination (same day): " + join_sents(S["exam"] + S["exam_neg"]))
    lines += S["pend"]
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    lines.append("")
    lines.append("Outcome: discussed with %s (duty GP), who asked me to send this to gastroenterology. %s" % (I["gp"], request_sentence(case, comp, rng)))
    if S["safety"]:
        lines.append(join_sents(S["safety"]))
    lines += ["", "%s, Clinical Pharmacist (IP)" % rng.choice(["Aisha Karim", "Ben Lutterworth", "Grace Oyelaran"])]
    return "\n".join(lines)


def L_endo(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, reason=False)
    C = ctx_sentences(case, comp, rng)
    proc = ("colonoscopy", "surveillance of ulcerative colitis") if case["ctx"].get("known_ibd") and "colitis" in case["ctx"]["known_ibd"]["disease"] \
        else rng.choice([("colonoscopy", "polyp surveillance (adenomas removed three years ago)"),
                         ("OGD", "Barrett's oesophagus surveillance"),
                         ("colonoscopy", "polyp surveillance")])
    if case["ctx"].get("known_ibd") and "Crohn" in case["ctx"]["known_ibd"]["disease"]:
        proc = ("MR enterography follow-up", "Crohn's disease monitoring")
    lines = ["Endoscopy Unit, %s - Pre-assessment (telephone)" % I["hospital"],
             date_mark(case, "mon", "Date: "),
             "Patient: %s   %s   NHS %s   Hosp %s" % (M(I["name"], "val:sex"), dob_mark(case, "mon"), I["nhs"], I["hosp"]),
             "Booked: %s for %s" % proc, ""]
    if case["age_style"] != "dob":
        lines.append("Age at pre-assessment: %s" % age_phrase(case, rng, "is").replace(" years old", ""))
    lines.append("Bowel prep / consent / medication checked. Anticoagulation: %s." % rng.choice(["none", "none", "apixaban - hold 48 h as per protocol"]))
    lines.append("")
    lines.append("Issues raised at pre-assessment (not part of the booked procedure):")
    allh = S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])
    if allh:
        for i, s in enumerate(allh, 1):
            lines.append("%d. %s" % (i, s))
    elif S["exam"]:
        lines.append("1. See the GP's findings below.")
    else:
        lines.append("1. No new symptoms.")
    if S["rf"] or S["other"]:
        lines.append("Checked with patient: " + join_sents(S["rf"] + S["other"]))
    for k in ("cirrhosis", "ibd"):
        if C.get(k):
            lines.append("Background: " + C[k] + ".")
    if C.get("ibd_q"):
        lines.append("Patient asked me to pass on a question: " + C["ibd_q"] + ".")
    items = [t_ for k, t_ in vals.all_items()]
    if items:
        lines.append("Recent results (ICE): " + "; ".join(items) + ".")
    lines += S["pend"]
    if S["exam"] or S["exam_neg"]:
        lines.append("GP examination this week (from the covering note): " + join_sents(S["exam"] + S["exam_neg"]))
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    lines.append("")
    lines.append("Action: passed to gastroenterology triage for a decision separate from the booked procedure. GP's covering note: "
                 + request_sentence(case, comp, rng))
    if S["safety"]:
        lines.append(join_sents(S["safety"]))
    lines += ["", "%s, Endoscopy Pre-assessment Nurse" % rng.choice(["Kate Rowntree", "Dimitri Ellis", "Shona McKay"])]
    return "\n".join(lines)


def L_private(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, reason=False)
    C = ctx_sentences(case, comp, rng)
    bmi = rng.choice([23.4, 26.1, 27.8, 29.5, 31.2, 33.0])
    lines = [rng.choice(["Meridian Health Screening", "Apex Executive Health", "Clearview Private Clinic"]) + " - Health Assessment Summary",
             "Assessment date: " + date_mark(case, "long"),
             "Client: %s   %s   NHS no. (if known): %s" % (M(I["name"], "val:sex"), dob_mark(case, "long", "Date of birth:"), I["nhs"]),
             "Registered GP: %s, %s" % (I["gp"], I["practice"]), ""]
    if case["age_style"] != "dob":
        lines.append("Age: %s   Sex: %s" % (age_phrase(case, rng, "is").replace(" years old", ""), sex_word(case, rng, "letter")))
    lines.append("BMI %.1f   Body fat %d%%   BP %d/%d   QRISK3 %.1f%%" % (bmi, rng.randint(18, 36), rng.randint(112, 148), rng.randint(68, 92), rng.choice([3.2, 6.8, 9.1, 12.4])))
    if "weight_loss" in case["present"]:
        wl = case["present"]["weight_loss"]
        pct = round(100.0 * wl["kg"] / wl["w1"], 1)
        lines.append(M("Weight change since last year's assessment: -%.1f%% (%d kg), not intentional" % (pct, wl["kg"]), "pos:weight_loss"))
    elif rng.random() < 0.5:
        lines.append(M("Weight change since last assessment: %+.1f%% (stable)" % rng.choice([0.4, -0.3, 0.8, 0.0]), "neg:weight_loss"))
    lines.append("")
    rows = vals.table_rows()
    if rows:
        lines.append("Laboratory results")
        lines.append("%-22s %-10s %-9s %-10s %s" % ("Analyte", "Result", "Units", "Reference", "Flag"))
        for r_ in rows:
            row_txt = ("%-22s %-10s %-9s %-10s %s" % r_[:5]).rstrip()
            lines.append(M(row_txt, "%s:%s" % (r_[6], r_[5])) if r_[6] else row_txt)
        lines.append("%-22s %-10s %-9s %-10s" % ("Cholesterol", "%.1f" % rng.choice([4.2, 5.1, 5.9, 6.3]), "mmol/L", "<5.0"))
        lines.append("")
    if case["values"].get("imaging"):
        lines.append("Imaging: " + vals.imaging(case["values"]["imaging"]) + ".")
    lines.append("Questionnaire and consultation:")
    lines.append(join_sents(S["hpc"]) if S["hpc"] else "No digestive symptoms reported on the questionnaire.")
    if C.get("ppi"):
        lines.append(cap(C["ppi"]) + ".")
    if S["rf"] or S["other"]:
        lines.append(join_sents(S["rf"] + S["other"]))
    for k in ("cirrhosis", "ibd", "ibd_q"):
        if C.get(k):
            lines.append(cap(C[k]) + ".")
    if S["fh"]:
        lines.append("Family history: " + join_sents(S["fh"]))
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("Physical examination: " + join_sents(ex))
    lines += S["pend"]
    lines.append("")
    lines.append("Findings requiring follow-up: see above. Recommendation to GP / specialist: " + request_sentence(case, comp, rng))
    if S["safety"]:
        lines.append(join_sents(S["safety"]))
    lines += ["", "%s, Screening Physician" % rng.choice(["Dr Marcus Ingram", "Dr Elena Petrova", "Dr Rupert Caldwell"]),
              "This report has been shared with the client and, with consent, with the registered GP."]
    return "\n".join(lines)


RANKS = ["Pte", "LCpl", "Cpl", "Sgt", "SSgt", "Capt", "Lt", "Spr", "Gnr", "WO2", "Maj"]


def L_forces(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    rank = rng.choice(RANKS)
    unit = rng.choice(["1st Bn The Royal Anglian Regiment", "22 Engineer Regiment", "3 Regiment RLC", "RAF Marham (attached)", "HMS Collingwood"])
    base = rng.choice(["Catterick", "Tidworth", "Colchester", "Aldershot", "Lossiemouth"])
    lines = ["Defence Primary Healthcare - %s Medical Centre" % base, date_mark(case, "ord"), "",
             "Service No: %d   Rank/Name: %s %s %s" % (rng.randint(25000000, 30199999), rank, I["first"], I["sur"]),
             "Sex: " + M(sex_word(case, rng, "letter"), "val:sex") + "   " + dob_mark(case, "slash") + "   NHS: %s" % I["nhs"],
             "Unit: %s   Medical grading: %s" % (unit, rng.choice(["MFD", "MLD", "MND (temporary)"])), "",
             "Dear Gastroenterology colleague,", ""]
    if case["age_style"] == "dob":
        lines.append("I would be grateful for your help with this serving %s." % rng.choice(["soldier", "service" + ("woman" if case["sex"] == "F" else "man"), "member of the armed forces"]))
    else:
        lines.append("I would be grateful for your help with this %s serving %s." % (age_phrase(case, rng, "adj"), rng.choice(["soldier", "service" + ("woman" if case["sex"] == "F" else "man"), "member of the armed forces"])))
    lines.append(join_sents(S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])))
    if S["rf"] or S["other"]:
        lines.append(join_sents(S["rf"] + S["other"]))
    for k in ("ibd", "ibd_q"):
        if C.get(k):
            lines.append(cap(C[k]) + ".")
    ex = S["exam"] + S["exam_neg"]
    if ex:
        lines.append("Examination: " + join_sents(ex))
    res = results_sentence(case, vals, rng, lead="Investigations: ")
    if res:
        lines.append(res)
    lines += S["pend"]
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    lines.append("Occupational note: %s. %s" % (rng.choice(["due to deploy in the spring", "currently on light duties",
                                                            "physical training curtailed for now", "no deployment planned"]),
                                               request_sentence(case, comp, rng)))
    if S["safety"]:
        lines.append(join_sents(S["safety"]))
    lines += ["", "%s, Medical Officer" % rng.choice(["Maj S Fairbairn RAMC", "Capt L Okoro RAMC", "Surg Lt Cdr D Hale RN", "Flt Lt A Jarvis RAF"])]
    return "\n".join(lines)


def L_hv(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, reason=False)
    C = ctx_sentences(case, comp, rng)
    school = case["age"] <= 19 and rng.random() < 0.8
    lines = ["Forwarded by %s, %s - GP covering note: I have read the note below, spoken to the patient and added the results I hold. %s" % (
        I["gp"], I["practice"], request_sentence(case, comp, rng)), ""]
    if school:
        lines.append("%s School Nursing Service - Sixth Form College drop-in - record of contact" % I["town"])
    else:
        baby = rng.choice(["Alfie", "Isla", "Noah", "Ava", "Leo", "Maya"])
        lines.append("%s Health Visiting Team - contact note (%s, %s's %s)" % (I["town"], rng.choice(["home visit", "clinic"]), baby,
                                                                              rng.choice(["new birth visit", "6-8 week review", "9-month review"])))
    lines.append(date_mark(case, "slash", "Date of contact: "))
    lines.append("Parent/young person: %s   %s   NHS %s" % (M(I["name"], "val:sex"), dob_mark(case, "slash"), I["nhs"]))
    if case["age_style"] != "dob":
        lines.append("Age: %s" % age_phrase(case, rng, "is").replace(" years old", ""))
    lines.append("")
    if school:
        lines.append("Came to the drop-in about %s own health." % comp.pr["p"])
    else:
        lines.append("Baby feeding and growing well; %s own health discussed at %s request." % (
            "mother's" if case["sex"] == "F" else "father's", comp.pr["p"]))
    lines.append(join_sents(S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])))
    if S["rf"] or S["other"]:
        lines.append(join_sents(S["rf"] + S["other"]))
    for k in ("ibd", "ibd_q"):
        if C.get(k):
            lines.append(cap(C[k]) + ".")
    if S["fh"]:
        lines.append(join_sents(S["fh"]))
    if S["exam"] or S["exam_neg"]:
        lines.append("Seen by GP same week: " + join_sents(S["exam"] + S["exam_neg"]))
    items = [t_ for k, t_ in vals.all_items()]
    if items:
        lines.append("Results added by GP: " + "; ".join(items) + ".")
    lines += S["pend"]
    if S["safety"]:
        lines.append(join_sents(S["safety"]))
    lines += ["", rng.choice(["Carol Dwyer, Health Visitor", "Nasreen Hussain, Specialist Community Public Health Nurse"])
              if not school else rng.choice(["Emma Tate, School Nurse", "Jo Pickering, School Staff Nurse"])]
    return "\n".join(lines)


STRIKE = "\u0336"


def strike(w):
    return "".join(ch + STRIKE for ch in w)


ANSWER_STYLES = {
    "yn_struck": ("(delete as appropriate)", lambda pos: "Yes / " + strike("No") if pos else strike("Yes") + " / No"),
    "yn_letters": ("(Y/N)", lambda pos: "Y" if pos else "N"),
    "ticks": ("(\u2713 = present, \u2717 = absent)", lambda pos: "\u2713" if pos else "\u2717"),
    "boxes": ("(\u2612 = yes; leave blank if no)", lambda pos: "\u2612" if pos else "\u2610"),
    "present_absent": ("(present / absent)", lambda pos: "present" if pos else "absent"),
    "plusminus": ("(+ present, - absent)", lambda pos: "+" if pos else "-"),
    "circled": ("(circle one)", lambda pos: "(YES) / NO" if pos else "YES / (NO)"),
}
FREE_NEG = ["not that %(s)s's noticed", "no", "none", "denies", "not on questioning"]
FREE_NEG_SIGN = ["none felt", "no", "none", "not felt", "not on examination"]
ROWS_BY_CTX = {
    "upper": ["dysphagia", "weight_loss", "haematemesis", "upper_abdominal_pain", "reflux", "dyspepsia", "jaundice"],
    "lower": ["rectal_bleeding", "change_in_bowel_habit", "weight_loss", "abdominal_mass", "rectal_mass", "lower_abdominal_pain"],
    "liver": ["jaundice", "ascites", "confusion", "weight_loss", "abdominal_mass"],
    "ibd": ["bloody_diarrhoea", "weight_loss", "abdominal_mass", "lower_abdominal_pain"],
    "coeliac": ["weight_loss", "rectal_bleeding", "dysphagia", "bloating"],
}


def row_ok(case, f):
    p = case["present"]
    if f in p:
        return True
    if "bloody_diarrhoea" in p and f in ("rectal_bleeding", "change_in_bowel_habit"):
        return False
    if f == "lower_abdominal_pain" and ("upper_abdominal_pain" in p or "dyspepsia" in p):
        return False
    return True


def checklist(case, comp, rng, facts, style, width=34, free_p=0.25):
    """Rows 'Label ..... answer' for a list of facts; returns (legend, rows)."""
    legend, fn = ANSWER_STYLES[style]
    rows = []
    for f in facts:
        if not row_ok(case, f):
            continue
        lab = "Abdominal pain" if f == "lower_abdominal_pain" and "upper_abdominal_pain" not in case["present"] else LEX[f]["row"]
        if f == "lower_abdominal_pain":
            lab = "Lower abdominal pain" if "lower_abdominal_pain" in case["present"] else "Abdominal pain"
        pos = f in case["present"]
        free = rng.random() < free_p
        dots = "." * max(3, width - len(lab))
        if pos:
            if free:
                if f == "rectal_bleeding" and rng.random() < 0.5:
                    ans = "occasionally, for %s" % comp.det(f)["dur"]
                    comp.use("form:free_text_answer")
                else:
                    ans = "yes - " + comp.f(f, "brief")
                    comp.use("form:free_text_answer")
            else:
                ans = fn(True)
                if rng.random() < 0.6:
                    ans += "  (" + comp.f(f, "brief") + ")"
            rows.append(M("%s %s %s" % (lab, dots, ans), "pos:" + f))
        else:
            kind = "unt" if style == "boxes" else "neg"
            if free and style != "boxes":
                res = [e for e in case["extras"] if e["type"] == "res" and e["fact"] == f and not e.get("form_used")]
                if res:
                    e = res[0]
                    e["form_used"] = True
                    if f in ("rectal_bleeding", "haematemesis", "dysphagia", "jaundice"):
                        ans = "only once, in %d - none since" % e["year"]
                    else:
                        ans = "none since %d (%s)" % (e["year"], comp.fmt(e["detail"]))
                    rows.append(M("%s %s %s" % (lab, dots, ans), "res:" + f))
                    comp.use("form:free_text_answer")
                    continue
                tpl = rng.choice(FREE_NEG)
                ans = (FREE_NEG_SIGN[FREE_NEG.index(tpl)] if f in SIGNS else tpl) % comp.pr
                comp.use("form:free_text_answer")
            else:
                ans = fn(False)
            specs = comp.neg_spec(f) if kind == "neg" else ["unt:" + f]
            rows.append(M("%s %s %s" % (lab, dots, ans), *specs))
    if style == "boxes":
        comp.use("form:unticked_box")
    elif style == "yn_struck":
        comp.use("form:struck_option")
    return legend, rows


def L_ers(case, rng):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng)
    C = ctx_sentences(case, comp, rng)
    ctx = CONTEXT[case["rule"]]
    style = rng.choice(list(ANSWER_STYLES))
    legend, rows = checklist(case, comp, rng, ROWS_BY_CTX[ctx], style)
    lines = ["NHS e-Referral Service - Referral Letter", "UBRN: %s" % ubrn(rng),
             "Service: Gastroenterology - %s" % rng.choice(["General Gastroenterology", "Gastroenterology Triage (RAS)", "Hepatology / Gastroenterology"]),
             "Priority: %s" % PRIORITY_FORM[case["gp_priority"]],
             "Referral date: " + date_mark(case, "slash"), "",
             "PATIENT", "Name: " + M(I["name"], "val:sex"), dob_mark(case, "slash", "Date of birth:"), "NHS number: %s" % I["nhs"]]
    if case["age_style"] != "dob":
        lines.append("Age: " + age_phrase(case, rng, "is").replace(" years old", ""))
    lines += ["Address: " + I["addr"], "", "REFERRER", "%s, %s (%s)" % (I["gp"], I["practice"], I["pcode"]), ""]
    lines.append("Reason for referral: " + (request_sentence(case, comp, rng) if case["gp_priority"] else "opinion"))
    lab = pc_label(case, comp)
    if lab:
        lines.append("Presenting complaint: " + lab)
        rest = S["hpc"] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])
    else:
        lines.append("Presenting complaint: " + (S["hpc"][0] if S["hpc"] else "no symptoms"))
        rest = S["hpc"][1:] + ([cap(C["ppi"]) + "."] if C.get("ppi") else [])
    lines.append("History: " + (join_sents(rest) if rest else "as above"))
    lines.append("Red flag checklist %s" % legend)
    lines += ["  " + r_ for r_ in rows]
    if S["rf"] or S["other"]:
        lines.append("Further detail: " + join_sents(S["rf"] + S["other"]))
    ex = S["exam"] + S["exam_neg"]
    lines.append("Examination: " + (join_sents(ex) if ex else "not documented"))
    rws = vals.table_rows()
    if rws:
        lines.append("Results:")
        for r_ in rws:
            t = "  %s: %s %s (ref %s) %s" % (r_[0], r_[1], r_[2], r_[3], r_[4])
            lines.append(M(t.rstrip(), "%s:%s" % (r_[6], r_[5])) if r_[6] else t.rstrip())
    if case["values"].get("imaging"):
        lines.append("Imaging: " + vals.imaging(case["values"]["imaging"]))
    lines += S["pend"]
    bg = [C[k] for k in ("cirrhosis", "ibd") if C.get(k)] + pmh_list(case, rng)
    lines.append("Past medical history: " + ("; ".join(bg) if bg else "none"))
    if C.get("ibd_q"):
        lines.append("Question for specialist: " + C["ibd_q"])
    lines.append("Family history: " + (join_sents(S["fh"]) if S["fh"] else "nil relevant"))
    md = meds_list(case, rng)
    lines.append("Medication: " + (", ".join(md) if md else "none"))
    lines.append("Allergies: " + rng.choice(["NKDA", "penicillin", "none known"]))
    lines.append("Social: %s; alcohol %d units/week" % (rng.choice(["never smoked", "ex-smoker", "smokes 10/day"]), rng.choice([0, 4, 8, 14, 20])))
    if S["safety"]:
        lines.append("Safety netting: " + join_sents(S["safety"]))
    return "\n".join(lines)


def L_2ww(case, rng, which):
    I = identity(case, rng)
    comp = Composer(case, rng)
    vals = Values(case, rng)
    S = clinical(case, comp, rng, reason=False)
    C = ctx_sentences(case, comp, rng)
    style = rng.choice(["yn_letters", "ticks", "boxes", "yn_struck", "circled", "yn_letters", "plusminus"])
    if which == "lower":
        facts = ["rectal_mass", "anal_mass", "abdominal_mass", "rectal_bleeding", "change_in_bowel_habit", "weight_loss", "lower_abdominal_pain"]
        title = "SUSPECTED LOWER GASTROINTESTINAL CANCER - URGENT REFERRAL (2WW)"
    else:
        facts = ["dysphagia", "weight_loss", "upper_abdominal_pain", "reflux", "dyspepsia", "haematemesis", "jaundice"]
        title = "SUSPECTED UPPER GASTROINTESTINAL CANCER - URGENT REFERRAL (2WW)"
    legend, rows = checklist(case, comp, rng, facts, style, width=30, free_p=0.2)
    lines = [title, rng.choice(["%s Cancer Alliance - version 4.2" % I["town"], "Form LGI/UGI-2WW rev. 2023"]),
             "Send via e-RS within 24 hours. Patient must be told this is an urgent suspected cancer referral.", "",
             "Patient name: " + M(I["name"], "val:sex"), dob_mark(case, "slash", "DOB:") + "    NHS No: " + I["nhs"],
             "Hospital no: %s   Telephone: %s" % (I["hosp"], phone(rng))]
    if case["age_style"] != "dob":
        lines.append("Age: " + age_phrase(case, rng, "is").replace(" years old", ""))
    lines += ["Referring GP: %s, %s (%s)" % (I["gp"], I["practice"], I["pcode"]), "Date of decision to refer: " + date_mark(case, "slash"), "",
              "CRITERIA %s" % legend]
    lines += ["  " + r_ for r_ in rows]
    lines.append("")
    if which == "lower":
        fit = case["values"].get("fit")
        if fit:
            lines.append("FIT result (ug Hb/g): " + "; ".join(vals.fit(x) for x in fit))
        else:
            if any(e["type"] == "pend" and e["test"] == "fit" for e in case["extras"]):
                lines.append("FIT result (ug Hb/g): awaited - kit given, not yet back")
            else:
                lines.append("FIT result (ug Hb/g): " + rng.choice(["not done", "not available"]) + " - reason: " + rng.choice(["clinical concern", "patient unable to return kit in time"]))
        hb = case["values"].get("hb")
        fe = case["values"].get("ferritin")
        bl = [vals.seq("hb")] if hb else []
        if fe:
            bl.append(vals.seq("ferritin"))
        lines.append("FBC / ferritin: " + (", ".join(bl) if bl else "not done"))
        other = [t_ for k, t_ in vals.all_items() if k not in ("fit", "hb", "ferritin")]
        if other:
            lines.append("Other results: " + "; ".join(other))
    else:
        if C.get("ppi"):
            lines.append("PPI trial: " + C["ppi"])
        items = [t_ for k, t_ in vals.all_items()]
        lines.append("Bloods: " + ("; ".join(items) if items else "not done"))
    lines += [x for x in S["pend"] if not (which == "lower" and "pend:fit" in x)]
    ex = S["exam"] + S["exam_neg"]
    lines.append("Examination: " + (join_sents(ex) if ex else "abdomen not examined"))
    old = case["age"] >= 65
    lines.append("Performance status (WHO): %d" % (rng.choice([0, 1, 1, 2]) if old else 0))
    lines.append("Anticoagulants: %s" % (rng.choice(["none", "apixaban", "warfarin", "none"]) if old else "none"))
    lines.append("")
    lines.append("Additional clinical information:")
    free = S["hpc"] + S["rf"] + S["other"]
    if which == "lower" and C.get("ppi"):
        free.append(cap(C["ppi"]) + ".")
    for k in ("cirrhosis", "ibd", "ibd_q"):
        if C.get(k):
            free.append(cap(C[k]) + ".")
    lines.append(join_sents(free) if free else "none")
    if S["fh"]:
        lines.append("Family history: " + join_sents(S["fh"]))
    if S["safety"]:
        lines.append(join_sents(S["safety"]))
    lines.append("Referrer's comment: " + request_sentence(case, comp, rng))
    lines += ["", "Signed: %s   GMC %d" % (I["gp"], rng.randint(3000000, 7999999))]
    return "\n".join(lines)


def L_2ww_lower(case, rng):
    return L_2ww(case, rng, "lower")


def L_2ww_upper(case, rng):
    return L_2ww(case, rng, "upper")


LAYOUTS = [
    ("formal_partner_dear_colleague", L_formal, "individual"),
    ("terse_locum_two_liner", L_terse, "individual"),
    ("chatty_gp_long_sentences", L_chatty, "individual"),
    ("third_person_partner_the_patient", L_third, "individual"),
    ("lowercase_gp_no_punctuation", L_lower, "individual"),
    ("abbreviation_heavy_gp", L_abbrev, "individual"),
    ("salaried_gp_problem_lists", L_salaried, "individual"),
    ("headings_gp_concerns_plan", L_headings, "individual"),
    ("soap_registrar_numbered", L_soap, "individual"),
    ("nhs111_clinician", L_111, "individual"),
    ("walk_in_centre_nurse", L_walkin, "individual"),
    ("community_matron_two_visits", L_matron, "individual"),
    ("practice_pharmacist_med_review", L_pharm, "individual"),
    ("endoscopy_preassessment_nurse", L_endo, "individual"),
    ("private_health_check_doctor", L_private, "individual"),
    ("armed_forces_medical_officer", L_forces, "individual"),
    ("health_visitor_school_nurse", L_hv, "individual"),
    ("ers_structured_template", L_ers, "form"),
    ("lower_gi_2ww_form", L_2ww_lower, "form"),
    ("upper_gi_2ww_form", L_2ww_upper, "form"),
]


# ------------------------------------------------------------------- plan ----
TARGET = {"U1": 14, "U2": 8, "U3": 15, "U4": 15, "U5": 10, "U6": 6, "U7": 8, "U8": 14,
          "R1": 20, "R2": 13, "R3": 12,
          "O1": 13, "O2": 14, "O4": 14, "O5": 22, "O6": 22, "D": 20,
          "O3": 17, "A1": 17, "A2": 17, "A3": 9}
PLAN_FIXED = {
    "lower_gi_2ww_form": {"U3": 3, "U8": 3, "U4": 2, "U2": 2, "U6": 1, "O6": 3, "A3": 1},
    "upper_gi_2ww_form": {"U1": 4, "U5": 3, "R3": 1, "O1": 3, "A2": 2, "D": 2},
    "community_matron_two_visits": {"U6": 1, "U7": 2, "R2": 2, "U8": 2, "U4": 2, "O1": 1, "U1": 1, "D": 2, "O5": 1, "U5": 1},
    "private_health_check_doctor": {"O5": 3, "U4": 1, "A3": 3, "O4": 2, "U3": 2, "D": 2, "O6": 1, "R2": 1},
    "practice_pharmacist_med_review": {"O1": 2, "A2": 2, "O5": 3, "R2": 1, "U4": 1, "O3": 3, "D": 1, "U5": 1, "R3": 1},
    "endoscopy_preassessment_nurse": {"U1": 2, "R3": 1, "O5": 2, "O3": 2, "U4": 1, "D": 2, "U7": 1, "O2": 1, "A2": 1, "U3": 1, "O6": 1},
    "armed_forces_medical_officer": {"A1": 2, "A2": 2, "R1": 2, "O4": 2, "O5": 2, "R2": 1, "U1": 1, "O2": 1, "D": 1, "R3": 1},
    "health_visitor_school_nurse": {"A1": 3, "A2": 2, "R1": 2, "O2": 2, "O4": 2, "D": 2, "O3": 1, "U4": 1},
    "nhs111_clinician": {"R3": 3, "R1": 3, "U7": 1, "R2": 2, "U1": 1, "A2": 1, "O6": 1, "A1": 1, "U8": 1, "D": 1},
    "walk_in_centre_nurse": {"R1": 2, "R3": 1, "A1": 2, "A2": 2, "O6": 2, "D": 2, "O2": 1, "U8": 1, "O5": 1, "U3": 1},
}
PS_LAYOUTS = {"formal_partner_dear_colleague", "chatty_gp_long_sentences", "third_person_partner_the_patient",
              "salaried_gp_problem_lists", "headings_gp_concerns_plan", "soap_registrar_numbered"}
SCHOOL_RULES = {"A1", "A2", "R1", "O2", "O4", "D"}


def build_plan():
    slots = []
    left = dict(TARGET)
    for lay, counts in PLAN_FIXED.items():
        assert sum(counts.values()) == 15, lay
        for r, n in counts.items():
            slots += [(lay, r)] * n
            left[r] -= n
    rest = []
    for r in sorted(left):
        assert left[r] >= 0, r
        rest += [r] * left[r]
    free_layouts = [l[0] for l in LAYOUTS if l[0] not in PLAN_FIXED]
    assert len(rest) == 15 * len(free_layouts), (len(rest), len(free_layouts))
    rng = R("deal")
    # deal so that every free layout gets a spread of rules
    rng.shuffle(rest)
    rest.sort(key=lambda r: list(TARGET).index(r))
    for i, r in enumerate(rest):
        slots.append((free_layouts[i % len(free_layouts)], r))
    R("order").shuffle(slots)
    return slots


SLIPS = [("grateful", "greatful"), ("sincerely", "sincerly"), ("appointment", "appointmnet"),
         ("colleague", "collegue"), ("Thank you", "Thankyou"), ("received", "recieved"),
         ("further", "futher"), ("opinion", "opinon"), ("advice", "advise"), ("Many thanks", "Many thank"),
         ("would", "woudl"), ("really", "realy"), ("referral", "referal"), ("surgery", "surgey"),
         ("Background", "Backgorund"), ("Examination", "Examinaton")]


def apply_slips(marked, rng):
    """Spelling slips only in text outside the markers (text that carries no fact)."""
    parts = re.split("(" + MO + ".*?" + MC + ")", marked, flags=re.S)
    cands = [(i, a, b) for i, part in enumerate(parts) if not part.startswith(MO)
             for a, b in SLIPS if a in part]
    if not cands:
        return marked, []
    rng.shuffle(cands)
    done = []
    for i, a, b in cands[:rng.choice([1, 2])]:
        if a in parts[i]:
            parts[i] = parts[i].replace(a, b, 1)
            done.append("%s->%s" % (a, b))
    return "".join(parts), done


def set_dates(case, rng):
    start = datetime.date(2024, 5, 1)
    d = start + datetime.timedelta(days=rng.randint(0, 540))
    case["letter_date"] = d
    a = case["age"]
    for _ in range(500):
        m, dd = rng.randint(1, 12), rng.randint(1, 28)
        y = d.year - a - (1 if (m, dd) > (d.month, d.day) else 0)
        dob = datetime.date(y, m, dd)
        if all(age_on(dob, d + datetime.timedelta(days=k)) == a for k in (-80, -40, 0, 15)):
            case["dob"] = dob
            return
    raise RuntimeError("no dob")


DECISIVE = {"U3": ["fit"], "U4": ["hb", "ferritin"], "O2": ["calprotectin"], "O4": ["ttg"],
            "A1": ["fit", "calprotectin"], "O6": ["fit"]}


def draw_all():
    slots = build_plan()
    cases = []
    for n, (lay, rule) in enumerate(slots, 1):
        cid = "%s-%04d" % (PREFIX, n)
        pos_in_layout = sum(1 for c in cases if c["layout"] == lay)
        school = lay == "health_visitor_school_nurse" and rule in SCHOOL_RULES and \
            sum(1 for c in cases if c["layout"] == lay and c.get("school")) < 5
        for attempt in range(400):
            rng = R(cid, "case", attempt)
            AGE_OVERRIDE["bounds"] = (18, 19) if school else None
            try:
                case = draw_case(rule, lay, rng)
            except AssertionError:
                continue
            finally:
                AGE_OVERRIDE["bounds"] = None
            case["id"] = cid
            case["school"] = school
            set_dates(case, rng)
            n_deny = {"terse_locum_two_liner": rng.choice([1, 2, 2, 3])}.get(lay, rng.choice([2, 3, 3, 4, 4, 5]))
            choose_distractors(case, rng, n_deny)
            F = flat_facts(case)
            if label_all_readings(F) == {rule}:
                break
        else:
            raise RuntimeError("could not draw %s %s %s" % (cid, lay, rule))
        case["attempt"] = attempt
        cases.append(case)
    return cases


def assign_priorities(cases):
    """About half the letters ask for a priority the rules do not give."""
    order = ["urgent_suspected_cancer", "urgent", "routine", "advice_and_guidance"]
    other_w = {"urgent_suspected_cancer": [("urgent", 4), ("routine", 5), ("advice_and_guidance", 1)],
               "urgent": [("urgent_suspected_cancer", 5), ("routine", 4), ("advice_and_guidance", 1)],
               "routine": [("urgent_suspected_cancer", 4), ("urgent", 4), ("advice_and_guidance", 2)],
               "advice_and_guidance": [("routine", 5), ("urgent", 3), ("urgent_suspected_cancer", 2)]}
    forced = 0
    for c in cases:
        c["urgency"], c["pathway"] = RULES[c["rule"]]
        if c["layout"] in ("lower_gi_2ww_form", "upper_gi_2ww_form"):
            c["gp_priority"] = "urgent_suspected_cancer"
            forced += c["urgency"] != "urgent_suspected_cancer"
    free = [c for c in cases if "gp_priority" not in c]
    ids = [c["id"] for c in free]
    R("priority").shuffle(ids)
    n_dis = 150 - forced
    n_null = 40
    dis, null = set(ids[:n_dis]), set(ids[n_dis:n_dis + n_null])
    for c in free:
        rng = R(c["id"], "priority")
        if c["id"] in dis:
            opts = other_w[c["urgency"]]
            tot = sum(w for _, w in opts)
            x = rng.random() * tot
            for u, w in opts:
                x -= w
                if x < 0:
                    c["gp_priority"] = u
                    break
        elif c["id"] in null:
            c["gp_priority"] = None
        else:
            c["gp_priority"] = c["urgency"]


def plan_presentation(cases):
    for c in cases:
        rng = R(c["id"], "presentation")
        c["stress"] = rng.random() < 0.8
        x = rng.random()
        c["age_style"] = "dob" if x < 0.15 else ("words" if x < 0.27 else "digits")
        if c["layout"] in ("terse_locum_two_liner", "abbreviation_heavy_gp") and c["age_style"] == "words":
            c["age_style"] = "digits"
        if c["layout"] in ("ers_structured_template", "lower_gi_2ww_form", "upper_gi_2ww_form", "private_health_check_doctor",
                           "practice_pharmacist_med_review", "endoscopy_preassessment_nurse", "health_visitor_school_nurse") \
                and c["age_style"] == "words":
            c["age_style"] = "digits"
        c["ps_keys"] = []
        if c["layout"] in PS_LAYOUTS and rng.random() < 0.35:
            keys = None
            if c["rule"] in DECISIVE:
                keys = [k for k in DECISIVE[c["rule"]] if c["values"].get(k)]
            elif c["rule"] == "O5":
                keys = ["alt"] if c["values"].get("alt") else ["imaging"]
            elif c["rule"] == "R2" and c["values"].get("alt") and c["values"]["alt"][-1] >= 300:
                keys = ["alt"]
            elif c["rule"] == "D" and c["ctx"].get("route") in ("bloat_fit", "irondef"):
                keys = ["fit"] if c["ctx"]["route"] == "bloat_fit" else ["hb", "ferritin"]
            if keys:
                if "hb" in keys and c["values"].get("ferritin") and "ferritin" not in keys:
                    keys.append("ferritin")
                c["ps_keys"] = keys
        c["slip"] = rng.random() < 0.13


# ------------------------------------------------------------- rendering ----
GRAMMAR_FAMILIES = ("exception", "double_negative", "partial_negative", "polarity", "list", "who", "voice",
                    "structure", "comparison", "course")
KIND_NAMES = {"neg": "negated", "fh": "family_history", "res": "resolved_past", "hyp": "hypothetical",
              "norm": "normal_value", "unt": "unticked_box", "oth": "other_person", "pend": "pending_test",
              "ref": "refuted_report", "sup": "superseded_denial", "neg_general": "negated_general"}
LAYOUT_FN = {name: fn for name, fn, _ in LAYOUTS}
LAYOUT_KIND = {name: k for name, _, k in LAYOUTS}
VALUE_KEYS = ("hb", "ferritin", "fit", "calprotectin", "alt", "ttg", "imaging")


def render(case):
    rng = R(case["id"], "render")
    marked = LAYOUT_FN[case["layout"]](case, rng)
    slips = []
    if case["slip"]:
        marked, slips = apply_slips(marked, R(case["id"], "slip"))
    marked = re.sub(r"[ \t]+\n", "\n", marked)
    marked = re.sub(r"\n{3,}", "\n\n", marked)
    text, anns = parse_marked(marked)
    return text.strip("\n"), anns, slips


def check_and_meta(case, text, anns, slips, constructions):
    cid = case["id"]
    present = list(case["present"])
    # every positive fact is asserted somewhere, nothing absent is asserted
    pos = {}
    for a in anns:
        if a["kind"] == "pos":
            assert a["fact"] in case["present"] or a["fact"] == "fh_crc", (cid, "asserted but not drawn", a)
            pos.setdefault(a["fact"], []).append(a["text"])
        if a["kind"] in ("neg", "unt", "hyp", "ref", "res") and a["fact"] in case["present"]:
            raise AssertionError((cid, "present fact written as " + a["kind"], a))
        if a["kind"] == "neg" and a["fact"] == "anaemia":
            assert not anaemic(case), (cid, "anaemia denied but Hb low")
    for f in present:
        assert f in pos, (cid, "fact never asserted", f, text)
    ev = {f: pos[f] for f in present}
    vals = {}
    for a in anns:
        if a["kind"] in ("val", "norm") and a["fact"] in VALUE_KEYS + ("ppi",):
            vals.setdefault(a["fact"], []).append(a["text"])
    for k in VALUE_KEYS:
        if case["values"].get(k):
            assert k in vals, (cid, "value not written", k)
            ev[k] = vals[k]
    if case["ctx"].get("ppi"):
        assert "ppi" in vals, (cid, "ppi not written")
        ev["ppi"] = vals["ppi"]
    for k, f in (("known_cirrhosis", "known_cirrhosis"), ("known_ibd", "known_ibd")):
        if case["ctx"].get(k):
            xs = [a["text"] for a in anns if a["kind"] == "ctx" and a["fact"] == f]
            assert xs, (cid, "context not written", k)
            ev[f] = xs
    if case["ctx"].get("known_ibd"):
        xs = [a["text"] for a in anns if a["kind"] == "ctx" and a["fact"] == "ibd_question"]
        assert xs, (cid, "ibd question not written")
        ev["ibd_management_question"] = xs
    fh = [a for a in anns if a["kind"] == "fh"]
    if any(f["disease"] == "colorectal_cancer" for f in case["ctx"]["fh"]):
        xs = [a["text"] for a in fh if a["fact"] == "colorectal_cancer"]
        assert xs, (cid, "fh not written")
        ev["family_history_colorectal_cancer"] = xs
    for k in ("age", "dob", "letter_date", "sex"):
        xs = [a["text"] for a in anns if a["kind"] == "val" and a["fact"] == k]
        if xs:
            ev[k] = xs
    assert "age" in ev or ("dob" in ev and "letter_date" in ev), (cid, "no age")
    assert "sex" in ev, (cid, "no sex")
    for a in anns:
        assert text[a["start"]:a["end"]] == a["text"]
    dis = []
    for a in anns:
        if a["kind"] in KIND_NAMES:
            dis.append({"fact": a["fact"], "kind": KIND_NAMES[a["kind"]], "text": a["text"]})
    return ev, dis


def facts_for_meta(case):
    v = case["values"]
    vals = {}
    if v.get("hb"):
        vals["hb_g_per_l"] = v["hb"]
    if v.get("ferritin"):
        vals["ferritin_ug_per_l"] = v["ferritin"]
    if v.get("fit"):
        vals["fit"] = [dict(x) for x in v["fit"]]
    if v.get("calprotectin"):
        vals["calprotectin_ug_per_g"] = v["calprotectin"]
    if v.get("alt"):
        vals["alt_u_per_l"] = v["alt"]
    if v.get("ttg"):
        vals["ttg"] = {"raised": v["ttg"]["raised"], "value_u_per_ml": v["ttg"]["value"], "above_assay_limit": bool(v["ttg"].get("over"))}
    if v.get("imaging"):
        vals["liver_imaging"] = "fatty liver" if v["imaging"] == "fatty" else "normal"
    ctx = {}
    c = case["ctx"]
    if c.get("ppi"):
        ctx["ppi"] = {"drug": c["ppi"]["drug"], "weeks": c["ppi"]["weeks"], "symptoms_persisting": c["ppi"]["persisting"]}
    if c.get("known_cirrhosis"):
        ctx["known_cirrhosis"] = c["known_cirrhosis"]
    if c.get("known_ibd"):
        ctx["known_ibd_stable_with_question"] = dict(c["known_ibd"])
    if c["fh"]:
        ctx["family_history"] = [{"relative": f["rel"], "disease": f["disease"], "age_at_diagnosis": f["age"]} for f in c["fh"]]
    if c.get("nonfact_symptoms"):
        ctx["other_symptoms_not_in_spec"] = c["nonfact_symptoms"]
    present = {}
    for f in case["order"]:
        d = case["present"][f]
        keep = {k: v_ for k, v_ in d.items() if k in ("dur", "kg", "w1", "w2", "site_adj", "freq", "n", "times", "last", "msite", "size", "cm", "food", "level", "sdur", "cibh_ab")}
        present[f] = keep
    return {"age": case["age"], "sex": case["sex"], "letter_date": case["letter_date"].isoformat(),
            "dob": case["dob"].isoformat(), "present": present, "values": vals, "context": ctx,
            "denied_in_plan": case["deny"]}


def main():
    cases = draw_all()
    assign_priorities(cases)
    plan_presentation(cases)
    letters, metas = [], []
    for case in cases:
        text, anns, slips = render(case)
        # the Composer's construction log lives on the layout call; recompute from annotations + text
        ev, dis = check_and_meta(case, text, anns, slips, None)
        letters.append({"id": case["id"], "text": text, "urgency": case["urgency"], "pathway": case["pathway"],
                        "rule": case["rule"], "style": case["layout"], "gp_priority": case["gp_priority"],
                        "age": case["age"]})
        metas.append({"id": case["id"], "rule": case["rule"], "urgency": case["urgency"], "pathway": case["pathway"],
                      "style": case["layout"], "style_kind": LAYOUT_KIND[case["layout"]],
                      "gp_priority": case["gp_priority"],
                      "gp_priority_disagrees": case["gp_priority"] is not None and case["gp_priority"] != case["urgency"],
                      "facts": facts_for_meta(case), "evidence": ev, "distractors": dis,
                      "constructions": case.get("constructions", []),
                      "stress_sentences": any(c.split(":")[0] in GRAMMAR_FAMILIES and "nonfact" not in c
                                              for c in case.get("constructions", [])),
                      "results_in_postscript": case["ps_keys"], "age_written_as": case["age_style"],
                      "spelling_slips": slips, "draw_attempts": case["attempt"] + 1})
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as fh:
        for l in letters:
            fh.write(json.dumps(l, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as fh:
        for m in metas:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    h = hashlib.sha256(open(os.path.join(HERE, "letters.jsonl"), "rb").read()).hexdigest()
    print("wrote %d letters; sha256(letters.jsonl) = %s" % (len(letters), h))


if __name__ == "__main__":
    main()
