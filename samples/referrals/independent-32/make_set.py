#!/usr/bin/env python3
"""Generator for the sealed test set "letters32": 300 gastroenterology referral letters.

Python 3 standard library only. Deterministic: every random choice comes from
random.Random seeded with a string, so reruns give byte-identical files.

Usage:  python3 make_set.py            (writes letters.jsonl and letters_meta.jsonl here)

Ground truth: /work/shared/clinical/referral-triage-spec.md (first matching rule decides).
The generator draws facts for a target rule, checks the label with its own rule engine
under several readings of the spec (hedges counted or not, superseded results, A1's
"no other fact above" read strictly or loosely, ...) and keeps a letter only when every
reading gives the same rule.  The text is assembled from tagged segments so that every
evidence string and every distractor is recorded with its exact wording.
"""
import datetime
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = "letters32/v1"

# ----------------------------------------------------------------------------------------
# rule engine (generator's own copy; validate_set.py has an independent one)
# ----------------------------------------------------------------------------------------
BOOL_FACTS = [
    "dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss", "upper_abdo_pain",
    "abdo_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice", "rectal_bleeding", "cibh",
    "bloating", "bloody_diarrhoea", "haematemesis", "cirrhosis", "ascites", "confusion",
    "known_ibd", "ibd_stable", "ibd_question", "ttg_raised", "fatty_liver", "fh_crc",
]
NUM_FACTS = ["fit", "calpro", "hb", "ferritin", "alt", "ppi_weeks"]

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


def _lt(x, t):
    """x is a number or ('<', n). True when the value is below t."""
    if x is None:
        return False
    if isinstance(x, (list, tuple)):
        return x[1] <= t
    return x < t


def _ge(x, t):
    if x is None:
        return False
    if isinstance(x, (list, tuple)):
        return False
    return x >= t


def decide(F, bd_implies=False, upper_is_abdo=False, a1_strict=True):
    g = lambda k: bool(F.get(k))
    age = F["age"]
    fit = F.get("fit")
    calpro = F.get("calpro")
    alt = F.get("alt")
    anaemia = F.get("hb") is not None and _lt(F["hb"], 130 if F["sex"] == "M" else 120)
    irondef = F.get("ferritin") is not None and _lt(F["ferritin"], 30)
    rb = g("rectal_bleeding") or (bd_implies and g("bloody_diarrhoea"))
    cibh = g("cibh") or (bd_implies and g("bloody_diarrhoea"))
    pain = g("abdo_pain") or (upper_is_abdo and g("upper_abdo_pain"))
    trd = g("dyspepsia") and F.get("ppi_weeks") is not None and F["ppi_weeks"] >= 4
    if g("dysphagia"):
        return "U1"
    if g("rectal_mass") or g("anal_mass") or g("anal_ulcer"):
        return "U2"
    if _ge(fit, 10):
        return "U3"
    if anaemia and irondef:
        return "U4"
    if age >= 55 and g("weight_loss") and (g("upper_abdo_pain") or g("reflux") or g("dyspepsia")):
        return "U5"
    if g("abdominal_mass"):
        return "U6"
    if age >= 40 and g("jaundice"):
        return "U7"
    if fit is None and ((age >= 50 and rb) or (age >= 40 and g("weight_loss") and pain)
                        or (age >= 60 and cibh)):
        return "U8"
    if g("bloody_diarrhoea") or _ge(calpro, 250):
        return "R1"
    if (g("cirrhosis") and (g("ascites") or g("confusion"))) or _ge(alt, 300):
        return "R2"
    if g("haematemesis"):
        return "R3"
    if age >= 55 and trd:
        return "O1"
    if calpro is not None and _ge(calpro, 100) and not _ge(calpro, 250):
        return "O2"
    if g("known_ibd") and g("ibd_stable") and g("ibd_question"):
        return "O3"
    if g("ttg_raised"):
        return "O4"
    if (alt is not None and _ge(alt, 40) and not _ge(alt, 300)) or g("fatty_liver"):
        return "O5"
    low_marker = (calpro is not None and _lt(calpro, 100)) or (fit is not None and _lt(fit, 10))
    a1_sym = pain or g("bloating") or cibh
    if age < 50 and a1_sym and low_marker:
        other = False
        if a1_strict:
            other = any(g(k) for k in [
                "dysphagia", "rectal_mass", "anal_mass", "anal_ulcer", "weight_loss",
                "upper_abdo_pain", "reflux", "dyspepsia", "abdominal_mass", "jaundice",
                "rectal_bleeding", "bloody_diarrhoea", "cirrhosis", "ascites", "confusion",
                "haematemesis", "known_ibd", "ttg_raised", "fatty_liver", "fh_crc"])
            other = other or anaemia or irondef or _ge(alt, 40) or _ge(calpro, 100)
        if not other:
            return "A1"
    if (rb or cibh or pain) and fit is not None and _lt(fit, 10):
        return "O6"
    if age < 55 and (g("dyspepsia") or g("reflux")):
        return "A2"
    symptoms = any(g(k) for k in [
        "dysphagia", "weight_loss", "upper_abdo_pain", "abdo_pain", "reflux", "dyspepsia",
        "jaundice", "rectal_bleeding", "cibh", "bloating", "bloody_diarrhoea", "haematemesis",
        "confusion", "ascites", "abdominal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
    if g("fh_crc") and not symptoms:
        return "A3"
    return "D"


def all_readings(F, uncertain):
    """Rules under every reading; `uncertain` is a list of fact-updates (hedged facts,
    superseded values, soft refutations) that one reading counts and another does not."""
    out = set()
    variants = [dict(F)]
    for upd in uncertain:
        G = dict(F)
        G.update(upd)
        variants.append(G)
    for G in variants:
        for bd in (False, True):
            for up in (False, True):
                for st in (False, True):
                    out.add(decide(G, bd, up, st))
    return out


# ----------------------------------------------------------------------------------------
# small utilities
# ----------------------------------------------------------------------------------------
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else "-" + ONES[o])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def fmt_date(d, style):
    if style == 0:
        return d.strftime("%d/%m/%Y")
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if style == 2:
        return d.strftime("%d.%m.%y")
    if style == 3:
        return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)
    if style == 4:
        return d.strftime("%Y-%m-%d")
    return "%d/%d/%d" % (d.day, d.month, d.year % 100)


def age_on(dob, d):
    a = d.year - dob.year
    if (d.month, d.day) < (dob.month, dob.day):
        a -= 1
    return a


def nhs_number(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - (s % 11)
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return n


def fmt_nhs(n, style):
    if style == 0:
        return "%s %s %s" % (n[:3], n[3:6], n[6:])
    if style == 1:
        return n
    return "%s-%s-%s" % (n[:3], n[3:6], n[6:])


def num(x):
    """format a number without a trailing .0"""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x)


MALE_FIRST = ["John", "David", "Peter", "Michael", "Alan", "Graham", "Keith", "Robert", "Stephen",
              "Gareth", "Ian", "Colin", "Trevor", "Barry", "Derek", "Mohammed", "Imran", "Tariq",
              "Sanjay", "Rajesh", "Tomasz", "Piotr", "Andrzej", "Mehmet", "Abdi", "Kwame",
              "Daniel", "Liam", "Ryan", "Callum", "Jamie", "Aaron", "Kieran", "Owen", "Nathan",
              "Ahmed", "Vasile", "Jonas", "Arthur", "Harold", "Dennis", "Frank", "Leonard",
              "Malcolm", "Neil", "Simon", "Martin", "Paul", "Craig", "Dylan"]
FEMALE_FIRST = ["Margaret", "Susan", "Patricia", "Linda", "Janet", "Carol", "Christine", "Helen",
                "Julie", "Karen", "Sarah", "Emma", "Rachel", "Laura", "Hannah", "Chloe", "Amy",
                "Priya", "Fatima", "Ayesha", "Shazia", "Agnieszka", "Katarzyna", "Fadumo",
                "Amina", "Olena", "Ioana", "Grace", "Dorothy", "Joan", "Irene", "Eileen", "Brenda",
                "Pauline", "Denise", "Tracey", "Nicola", "Gemma", "Jade", "Megan", "Sophie",
                "Bethan", "Sian", "Maureen", "Valerie", "Ruth", "Anne", "Lorraine", "Yvonne",
                "Abigail"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Hussain", "Begum", "Ahmed",
            "Kowalski", "Nowak", "Wisniewska", "Yilmaz", "Mohamed", "Osei", "Okafor", "Murphy",
            "Kelly", "O'Brien", "Hughes", "Edwards", "Lewis", "Morgan", "Price", "Pritchard",
            "Lloyd", "Baker", "Harrison", "Fletcher", "Marsh", "Holt", "Barker", "Chapman",
            "Ellis", "Popescu", "Shevchenko", "Singh", "Kaur", "Chowdhury", "Rahman", "Mensah"]
DOCTOR_SURNAMES = ["Ashworth", "Bhatt", "Carmichael", "Desai", "Eze", "Fairbairn", "Gill",
                   "Hollings", "Iqbal", "Jenkins", "Kerr", "Lomax", "McLeod", "Nair", "Ogunleye",
                   "Pemberton", "Quinn", "Rao", "Sutcliffe", "Thorne", "Uddin", "Varma",
                   "Whitfield", "Yates", "Zaman", "Brierley", "Cheung", "Dalton", "Elston",
                   "Forsyth"]
CONSULTANTS = ["Dr A. Rowe", "Dr S. Mistry", "Dr K. Lennox", "Dr P. Okonkwo", "Dr H. Grant",
               "Dr J. Fenwick", "Dr R. Shah", "Dr L. McAllister"]
PRACTICES = [
    ("Riverside Medical Practice", "14 Mill Lane, Ashbury", "AB12 3CD"),
    ("The Limes Surgery", "2 Station Road, Kettleby", "KT4 7PL"),
    ("Hollybank Health Centre", "Hollybank Way, Norton Moor", "NM9 2QR"),
    ("Castle Street Surgery", "41 Castle Street, Bramford", "BR3 8HT"),
    ("Meadowview Group Practice", "Meadowview Road, Little Hampden", "LH2 5EW"),
    ("Eastgate Family Doctors", "Unit 3, Eastgate Centre, Milbury", "MB1 1AA"),
    ("Old Forge Medical Centre", "The Old Forge, High Street, Wrenford", "WR7 4DN"),
    ("Parkside Primary Care", "88 Park Avenue, Stanhope", "ST6 9JB"),
    ("Brookfield Surgery", "Brookfield Close, Thornley", "TH5 2LS"),
    ("Harbour View Practice", "Quay Road, Port Selby", "PS2 6XY"),
    ("St Anne's Medical Group", "St Anne's Road, Dunmore", "DU8 3RF"),
    ("Greenacres Health Partnership", "1 Greenacres Drive, Oakwell", "OW3 7TT"),
]
HOSPITALS = ["Royal County Hospital", "St Helen's University Hospital", "Northgate General Hospital",
             "Queen Elizabeth Hospital", "Princess Mary Infirmary"]
CARE_HOMES = ["Beechwood House", "Laurel Court Care Home", "The Elms Nursing Home",
              "Rosebank Residential Home", "Cedar Lodge", "Ashgrove Nursing Home"]


def practice_code(rng):
    return rng.choice("ABCDEFGHJKLMNPY") + "%05d" % rng.randint(81000, 89999)


SLIPS = [("received", "recieved"), ("appreciate", "apreciate"), ("separately", "seperately"),
         ("sincerely", "sincerly"), ("grateful", "greatful"), ("occurred", "occured"),
         ("definitely", "definately"), ("appointment", "appointmnet"), ("thank you", "thankyou"),
         ("colleague", "collegue"), ("necessary", "neccessary"), ("assessment", "assesment"),
         ("referral", "referal"), ("practice", "practise"), ("would", "woudl"),
         ("further", "futher"), ("the", "teh"), ("regards", "reagrds")]


# ----------------------------------------------------------------------------------------
# phrase banks.  Placeholders: {he} {He} {his} {His} {him} {dur} {dura} and fact values.
#   vp  : clause after the subject ("{He} {vp}.")
#   obs : what someone else has seen, a full clause
#   np  : noun phrase for lists and notes
#   ab  : heavy-abbreviation note
#   row : a form row label
#   ex  : an examination finding (signs)
# ----------------------------------------------------------------------------------------
DURS = [("three weeks", "3/52"), ("six weeks", "6/52"), ("two months", "2/12"),
        ("three months or so", "3/12"), ("four months", "4/12"), ("eight weeks", "8/52"),
        ("five weeks", "5/52"), ("ten weeks", "10/52")]

BANK = {
    "dysphagia": {
        "vp": ["has had difficulty swallowing solid food for {dur}",
               "has food sticking behind {his} breastbone, worse over the last {dur}",
               "has progressive difficulty swallowing, bread and meat first and now softer food, over {dur}",
               "feels food catch at the lower end of the sternum when {he} swallows, for {dur}",
               "now has to wash each mouthful down because food sticks in {his} gullet, for {dur}"],
        "obs": ["{he} says food sticks in {his} chest when {he} swallows and {he} now leaves half of every meal",
                "{he} has to stop mid-meal because the food gets stuck in {his} gullet, and this has been going on for {dur}",
                "{he} keeps pointing to {his} lower chest while eating and says the food will not go down"],
        "np": ["dysphagia to solids for {dur}", "progressive dysphagia, {dur}",
               "food sticking retrosternally for {dur}", "difficulty swallowing solids ({dur})"],
        "ab": ["dysphagia {dura}", "solid dysphagia x {dura}", "food sticking retrosternal {dura}"],
        "row": ["Dysphagia", "Difficulty swallowing", "Dysphagia (food sticking)"],
    },
    "weight_loss": {
        "vp": ["has lost about {kg} kg over {dur} without trying",
               "has lost weight without trying, roughly {kg} kg in {dur}",
               "has noticed {his} weight falling, about {kg} kg over {dur}, with no change in diet"],
        "obs": ["{he} has lost a lot of weight, and {his} clothes are now hanging off {him}",
                "{his} trousers no longer stay up and {he} has lost weight over the last {dur}",
                "{he} has lost weight without any change in what {he} eats"],
        "np": ["unintentional weight loss of {kg} kg over {dur}", "weight loss ({kg} kg, {dur}, unintentional)",
               "unexplained weight loss, about {kg} kg"],
        "ab": ["wt loss {kg}kg {dura}", "unintentional wt loss ~{kg}kg", "wt down {kg}kg/{dura}"],
        "row": ["Weight loss", "Unexplained weight loss", "Unintentional weight loss"],
    },
    "upper_abdo_pain": {
        "vp": ["has had epigastric pain for {dur}", "has upper abdominal pain, worse after meals, for {dur}",
               "has had a gnawing pain in the upper abdomen over {dur}"],
        "obs": ["{he} has been complaining of pain in the upper part of {his} tummy after meals"],
        "np": ["epigastric pain ({dur})", "upper abdominal pain for {dur}"],
        "ab": ["epigastric pain {dura}", "upper abdo pain {dura}"],
        "row": ["Upper abdominal pain", "Epigastric pain"],
    },
    "abdo_pain": {
        "vp": ["has had crampy lower abdominal pain for {dur}", "has intermittent central abdominal pain over {dur}",
               "has had colicky lower abdominal pain coming and going for {dur}",
               "gets left-sided lower abdominal pain most days, for {dur}"],
        "obs": ["{he} has been holding {his} lower tummy and saying it hurts, on and off for {dur}",
                "{he} complains of tummy pain low down most afternoons"],
        "np": ["lower abdominal pain ({dur})", "intermittent central abdominal pain for {dur}",
               "crampy lower abdominal pain"],
        "ab": ["lower abdo pain {dura}", "colicky abdo pain {dura}", "LIF pain {dura}"],
        "row": ["Abdominal pain", "Lower abdominal pain"],
    },
    "reflux": {
        "vp": ["has heartburn and acid reflux most evenings", "has troublesome reflux, worse lying flat, for {dur}",
               "gets heartburn after most meals"],
        "obs": ["{he} keeps complaining of heartburn and acid coming up into {his} throat"],
        "np": ["heartburn and reflux ({dur})", "reflux symptoms, worse at night"],
        "ab": ["reflux sx {dura}", "heartburn/reflux"],
        "row": ["Reflux", "Heartburn / reflux"],
    },
    "dyspepsia": {
        "vp": ["has indigestion after most meals for {dur}", "has dyspepsia, burning discomfort after food, for {dur}",
               "has had indigestion on most days for {dur}"],
        "obs": ["{he} has been complaining of indigestion after meals for {dur}"],
        "np": ["dyspepsia ({dur})", "indigestion for {dur}"],
        "ab": ["dyspepsia {dura}", "indigestion {dura}"],
        "row": ["Dyspepsia", "Indigestion"],
    },
    "rectal_bleeding": {
        "vp": ["has been passing fresh red blood with {his} stools for {dur}",
               "has noticed bright red blood on the paper and in the pan over {dur}",
               "has had rectal bleeding, blood mixed in with the stool, for {dur}",
               "has had bleeding from the back passage on and off for {dur}"],
        "obs": ["there is blood in the pan most days", "there has been blood in the toilet after {he} goes, for {dur}",
                "there is fresh blood on {his} pads and on the toilet paper"],
        "np": ["rectal bleeding for {dur}", "fresh PR bleeding ({dur})", "bright red rectal bleeding"],
        "ab": ["PR bleeding {dura}", "fresh PR bld {dura}", "BRBPR {dura}"],
        "row": ["Rectal bleeding", "PR bleeding"],
    },
    "cibh": {
        "vp": ["has had a change in bowel habit to looser, more frequent stools for {dur}",
               "has had a change in bowel habit, now opening {his} bowels three or four times a day with loose stool, for {dur}",
               "has had a persistent change in bowel habit, looser stools, over {dur}"],
        "obs": ["{his} bowels have changed and are now loose three or four times a day, for {dur}",
                "{his} bowel habit has changed to loose stools several times a day over {dur}"],
        "np": ["change in bowel habit to looser stools ({dur})", "change in bowel habit, loose and frequent, for {dur}"],
        "ab": ["CIBH (looser) {dura}", "CIBH - loose, 3-4x/day, {dura}"],
        "row": ["Change in bowel habit", "Change in bowel habit (looser / more frequent)"],
    },
    "bloating": {
        "vp": ["has abdominal bloating most days", "gets bloated by the evening, for {dur}"],
        "obs": ["{his} tummy swells up with bloating most evenings"],
        "np": ["bloating", "abdominal bloating ({dur})"],
        "ab": ["bloating", "bloating ++"],
        "row": ["Bloating"],
    },
    "bloody_diarrhoea": {
        "vp": ["has had bloody diarrhoea six to eight times a day for {dur}",
               "has loose stools with blood mixed in, up to ten times a day, for {dur}",
               "has diarrhoea with blood in it most days, for {dur}"],
        "obs": ["{he} is having bloody diarrhoea many times a day", "{he} has diarrhoea with blood in it several times a day"],
        "np": ["bloody diarrhoea, 6-8 times a day ({dur})", "diarrhoea with blood, up to 10/day, {dur}"],
        "ab": ["bloody D 6-8x/day {dura}", "bloody diarrhoea ~8/day {dura}"],
        "row": ["Bloody diarrhoea", "Diarrhoea with blood"],
    },
    "haematemesis": {
        "vp": ["vomited fresh red blood twice last week", "has had two small episodes of haematemesis in the past ten days",
               "brought up bright red blood after vomiting on two occasions this week"],
        "obs": ["{he} vomited bright red blood twice last week", "{he} brought up fresh blood into the sink on two mornings"],
        "np": ["haematemesis x2 in the last 10 days", "two episodes of haematemesis"],
        "ab": ["haematemesis x2 last wk", "2x haematemesis"],
        "row": ["Haematemesis"],
    },
    "confusion": {
        "vp": ["has become intermittently confused over the last few days"],
        "obs": ["{he} has been muddled and confused for the last four days, which is new",
                "{he} has been confused and sleepy over the last week, which is not like {him}"],
        "np": ["new confusion (4 days)", "new intermittent confusion"],
        "ab": ["new confusion", "acute confusion 4/7"],
        "row": ["New confusion"],
    },
    "jaundice": {
        "vp": ["has noticed {his} skin and eyes turning yellow over {dur}", "has become jaundiced over {dur}, with no pain"],
        "obs": ["{his} eyes and skin have gone yellow over the last {dur}", "{he} has turned yellow over the past {dur}"],
        "np": ["painless jaundice ({dur})", "jaundice over {dur}"],
        "ab": ["jaundice", "painless jaundice {dura}"],
        "row": ["Jaundice"],
        "ex": ["clearly jaundiced with yellow sclerae", "visibly jaundiced", "jaundiced, with icteric sclerae and yellow skin"],
    },
    "abdominal_mass": {
        "ex": ["a firm irregular mass about 5 cm across in the right iliac fossa",
               "a hard mass in the left iliac fossa", "a firm central abdominal mass, about 6 cm",
               "a craggy mass in the right flank"],
        "np": ["abdominal mass (RIF)", "palpable abdominal mass"],
        "ab": ["RIF mass", "palp abdo mass"],
        "row": ["Abdominal mass", "Palpable abdominal mass"],
    },
    "rectal_mass": {
        "ex": ["a firm irregular mass on the posterior rectal wall at about 6 cm",
               "a hard craggy rectal mass just within reach", "a firm mass felt anteriorly in the rectum at fingertip"],
        "np": ["rectal mass on PR", "palpable rectal mass"],
        "ab": ["PR: craggy mass ~6cm", "rectal mass on PR"],
        "row": ["Rectal mass", "Palpable rectal mass"],
    },
    "anal_mass": {
        "ex": ["a firm 2 cm mass at the anal margin", "a hard lump at the anal verge on inspection"],
        "np": ["anal mass", "mass at the anal verge"],
        "ab": ["anal mass 2cm", "hard lump anal verge"],
        "row": ["Anal mass"],
    },
    "anal_ulcer": {
        "ex": ["an indurated ulcer at the anal margin with no obvious cause - not a fissure, no trauma, no known Crohn's",
               "a non-healing ulcer at the anal margin which I cannot explain - it is not a typical fissure"],
        "np": ["unexplained anal ulceration", "non-healing anal ulcer, cause unclear"],
        "ab": ["unexplained anal ulcer", "anal ulceration ?cause"],
        "row": ["Unexplained anal ulceration"],
    },
    "ascites": {
        "ex": ["distended with shifting dullness, in keeping with ascites", "tense ascites"],
        "np": ["new ascites", "ascites"],
        "ab": ["ascites ++", "new ascites"],
        "row": ["Ascites"],
    },
}

NEG = {
    "dysphagia": ["no dysphagia", "denies any difficulty swallowing", "swallowing is normal", "no swallowing problems"],
    "weight_loss": ["no weight loss", "weight stable", "no unintentional weight loss", "weight steady"],
    "rectal_bleeding": ["no rectal bleeding", "no PR bleeding", "no blood in the stool", "denies any rectal bleeding"],
    "haematemesis": ["no haematemesis", "no vomiting of blood"],
    "jaundice": ["no jaundice", "not jaundiced"],
    "cibh": ["no change in bowel habit", "bowels unchanged"],
    "abdo_pain": ["no abdominal pain"],
    "dyspepsia": ["no indigestion"],
    "reflux": ["no reflux"],
    "bloody_diarrhoea": ["no bloody diarrhoea"],
    "abdominal_mass": ["no abdominal mass", "no masses palpable"],
}
NEG_AB = {
    "dysphagia": ["nil dysphagia", "no dysphagia"], "weight_loss": ["nil wt loss", "wt stable"],
    "rectal_bleeding": ["nil PR bld", "no PR bleeding"], "haematemesis": ["no haematemesis"],
    "jaundice": ["not jaundiced"], "cibh": ["no CIBH"], "abdo_pain": ["no abdo pain"],
    "bloody_diarrhoea": ["no bloody D"], "abdominal_mass": ["no masses"], "dyspepsia": ["no dyspepsia"],
    "reflux": ["no reflux"],
}

HYP = {
    "dysphagia": ["if {he} develops any difficulty swallowing", "should {he} start to have food sticking"],
    "weight_loss": ["if {he} starts losing weight", "should {he} lose weight"],
    "rectal_bleeding": ["if {he} notices any blood in the stool", "should any rectal bleeding occur"],
    "haematemesis": ["if {he} vomits blood", "should {he} bring up any blood"],
    "jaundice": ["if {he} becomes jaundiced", "should {his} skin or eyes turn yellow"],
    "abdominal_mass": ["if {he} feels a lump in {his} tummy"],
}
HYP_AB = {
    "dysphagia": "dysphagia", "weight_loss": "wt loss", "rectal_bleeding": "PR bleeding",
    "haematemesis": "haematemesis", "jaundice": "jaundice", "abdominal_mass": "abdo mass",
}

RESOLVED = {
    "rectal_bleeding": ["Rectal bleeding in {yr} from haemorrhoids, banded, none since.",
                        "Had some bleeding from piles in {yr}; this settled completely and there has been no bleeding since."],
    "jaundice": ["Jaundice in {yr} with hepatitis A, fully resolved.",
                 "An episode of jaundice as a student in {yr} (glandular fever), resolved with no recurrence."],
    "haematemesis": ["One episode of haematemesis in {yr} after a night of vomiting - OGD then showed a Mallory-Weiss tear - nothing since."],
    "anaemia": ["Iron deficiency anaemia in pregnancy in {yr}, treated, Hb normal since.",
                "Anaemia in {yr} while taking NSAIDs, corrected with iron, no recurrence."],
    "dyspepsia": ["Dyspepsia in {yr}, H. pylori positive, eradicated, symptom-free since."],
    "dysphagia": ["A food bolus episode in {yr} after a steak; OGD then normal and no swallowing problems since."],
}

FAMILY_OTHER = [
    ("father", "had stomach cancer in his seventies"), ("mother", "has coeliac disease"),
    ("sister", "has Crohn's disease"), ("grandfather", "had oesophageal cancer"),
    ("mother", "died of pancreatic cancer"), ("father", "had liver cirrhosis from alcohol"),
    ("aunt", "has ulcerative colitis"), ("uncle", "had stomach cancer"),
]
FH_CRC = [
    ("father", "had bowel cancer at {a}"), ("mother", "was diagnosed with colon cancer aged {a}"),
    ("brother", "had bowel cancer at {a}"), ("sister", "had colorectal cancer at {a}"),
]


# ----------------------------------------------------------------------------------------
# scenario: facts + items
# ----------------------------------------------------------------------------------------
RELATIVE_SRC = ["wife", "husband", "partner", "daughter", "son", "mother", "sister", "brother",
                "niece", "friend", "neighbour"]
CARER_SRC = ["carer", "care_staff", "care_home_nurse", "support_worker", "key_worker", "matron_team"]
INFORMANT_SRC = RELATIVE_SRC + CARER_SRC + ["interpreter"]


class Scn:
    def __init__(self, rng, target, cap):
        self.rng = rng
        self.target = target
        self.cap = cap              # layout capabilities
        self.age = None
        self.sex = None
        self.F = {}
        self.items = []
        self.near = []
        self.unc = []               # fact updates that one reading counts
        self.story = []
        self.dob_only = False
        self.age_near = None        # ('just_under'|'just_over', boundary)

    # --- helpers -------------------------------------------------------------------
    def pick_age(self, lo, hi):
        lo = max(lo, self.cap.get("age_lo", 18))
        hi = min(hi, self.cap.get("age_hi", 95))
        if lo > hi:
            lo, hi = hi, hi
        self.age = self.rng.randint(lo, hi)
        return self.age

    def set_age(self, a, line=None):
        if not (self.cap.get("age_lo", 18) <= a <= self.cap.get("age_hi", 95)):
            self.age = self.rng.randint(self.cap.get("age_lo", 18), self.cap.get("age_hi", 95))
            return
        self.age = a
        if line:
            self.near.append({"line": line, "value": a, "what": "age"})

    def dur(self):
        return self.rng.choice(DURS)

    def informant(self):
        caps = self.cap.get("informants", [])
        if not caps:
            return None
        cands = [c for c in caps if not (c == "wife" and self.sex == "F") and not (c == "husband" and self.sex == "M")]
        return self.rng.choice(cands) if cands else None

    def src_for(self, fact, p_inf=None):
        if p_inf is None:
            p_inf = self.cap.get("p_inf", 0.2)
        if self.rng.random() < p_inf:
            inf = self.informant()
            if inf:
                return inf
        if self.cap.get("interpreter") and self.rng.random() < 0.6:
            return "interpreter"
        return "patient"

    def sym(self, fact, src=None, sec="hx", **x):
        self.F[fact] = True
        d = self.dur()
        x.setdefault("dur", d[0])
        x.setdefault("dura", d[1])
        if fact == "weight_loss":
            kg = x.get("kg") or self.rng.choice([4, 5, 6, 7, 8, 10, 12])
            x["kg"] = kg
        if src is None:
            src = self.src_for(fact)
        it = {"t": "pos", "f": fact, "src": src, "x": x, "sec": sec}
        self.items.append(it)
        return it

    def sign(self, fact, src="exam", sec="exam", **x):
        self.F[fact] = True
        it = {"t": "pos", "f": fact, "src": src, "x": x, "sec": sec}
        self.items.append(it)
        return it

    def val(self, fact, v, sec="res", **x):
        self.F[fact] = v
        it = {"t": "pos", "f": fact, "src": "result", "x": dict(x, v=v), "sec": sec}
        self.items.append(it)
        return it

    def flag(self, fact, sec="pmh", **x):
        self.F[fact] = True
        it = {"t": "pos", "f": fact, "src": "record", "x": x, "sec": sec}
        self.items.append(it)
        return it

    def dist(self, kind, fact, sec="hx", upd=None, **x):
        it = {"t": "dist", "k": kind, "f": fact, "x": x, "sec": sec}
        if upd:
            it["upd"] = upd
        self.items.append(it)
        return it

    def neu(self, note, text, sec="plan"):
        it = {"t": "neu", "note": note, "text": text, "sec": sec}
        self.items.append(it)
        return it

    def rule(self):
        return decide(dict(self.F, age=self.age, sex=self.sex))

    def readings(self, extra_unc=None):
        F = dict(self.F, age=self.age, sex=self.sex)
        unc = list(self.unc) + ([extra_unc] if extra_unc else [])
        return all_readings(F, unc)

    def ok(self, extra_unc=None):
        return self.readings(extra_unc) == {self.target}

    def try_fact(self, fn):
        """run fn (which adds facts/items); undo if the label is no longer stable"""
        saveF, saveI, saveU, saveN = dict(self.F), list(self.items), list(self.unc), list(self.near)
        fn()
        if not self.ok():
            self.F, self.items, self.unc, self.near = saveF, saveI, saveU, saveN
            return False
        return True

    def has(self, k):
        return bool(self.F.get(k))


def pick_sex(S):
    if S.sex is None:
        S.sex = S.rng.choice("MF")
    return S.sex


# --- values -----------------------------------------------------------------------------
def hb_fact(S, v, near=None):
    unit = "gdl" if (S.rng.random() < 0.35 and not S.cap.get("no_decimals")) else "gl"
    S.val("hb", v, unit=unit)
    if near:
        S.near.append({"line": near, "value": v, "what": "hb"})


def ferr_fact(S, v, near=None):
    S.val("ferritin", v)
    if near:
        S.near.append({"line": near, "value": v, "what": "ferritin"})


def fit_fact(S, v, near=None):
    S.val("fit", v)
    if near:
        S.near.append({"line": near, "value": v if not isinstance(v, tuple) else list(v), "what": "fit"})


def fit_low(S, near_p=0.25):
    r = S.rng.random()
    if r < near_p:
        v = S.rng.choice([9, 9, 8])
        fit_fact(S, v, near="FIT >= 10 (U3)")
    elif r < 0.55:
        fit_fact(S, S.rng.choice([("<", 4), ("<", 10), ("undetectable", 10), ("negative", 10)]))
    else:
        fit_fact(S, S.rng.choice([2, 3, 4, 5, 6, 7]))


# ----------------------------------------------------------------------------------------
# builders, one per rule; each must leave S.rule() == target
# ----------------------------------------------------------------------------------------
def b_U1(S):
    pick_sex(S)
    S.pick_age(24, 92)
    S.sym("dysphagia")
    if S.rng.random() < 0.35:
        S.sym("reflux")
    if S.rng.random() < 0.35:
        S.sym("weight_loss")
    if S.rng.random() < 0.2:
        fit_low(S, 0)


def b_U2(S):
    pick_sex(S)
    S.pick_age(35, 89)
    k = S.rng.choice(["rectal_mass", "rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"])
    S.sign(k)
    if S.rng.random() < 0.6:
        S.sym("rectal_bleeding")
    if S.rng.random() < 0.35:
        S.sym("cibh")
    if S.rng.random() < 0.3:
        fit_low(S, 0.3)


def b_U3(S):
    pick_sex(S)
    S.pick_age(30, 90)
    if S.rng.random() < 0.35:
        fit_fact(S, S.rng.choice([10, 10, 11, 12]), near="FIT >= 10 (U3)")
    else:
        fit_fact(S, S.rng.choice([14, 18, 23, 38, 52, 87, 150, 260, 400]))
    for f, p in [("rectal_bleeding", 0.4), ("cibh", 0.5), ("abdo_pain", 0.3)]:
        if S.rng.random() < p:
            S.sym(f)
    if S.rng.random() < 0.15:
        S.val("calpro", S.rng.choice([310, 480, 720]))


def b_U4(S):
    pick_sex(S)
    S.pick_age(18, 92)
    thr = 130 if S.sex == "M" else 120
    r = S.rng.random()
    if r < 0.3:
        hb_fact(S, thr - S.rng.choice([1, 1, 2]), near="anaemia Hb threshold (%d g/L, %s)" % (thr, S.sex))
        ferr_fact(S, S.rng.choice([5, 8, 11, 14]))
    elif r < 0.45:
        hb_fact(S, thr - S.rng.choice([12, 18, 25]))
        ferr_fact(S, S.rng.choice([29, 28]), near="ferritin < 30")
    else:
        hb_fact(S, thr - S.rng.choice([10, 15, 22, 30, 35]))
        ferr_fact(S, S.rng.choice([4, 6, 7, 9, 12, 16]))
    if S.rng.random() < 0.3:
        fit_low(S, 0.2)
    if S.rng.random() < 0.3:
        S.sym("cibh")


def b_U5(S):
    pick_sex(S)
    if S.rng.random() < 0.35:
        S.set_age(55, "age >= 55 (U5)")
    else:
        S.pick_age(56, 90)
    S.sym("weight_loss")
    ks = S.rng.sample(["upper_abdo_pain", "reflux", "dyspepsia"], S.rng.choice([1, 1, 2]))
    for k in ks:
        S.sym(k)
    if "dyspepsia" in ks and S.rng.random() < 0.5:
        S.val("ppi_weeks", S.rng.choice([4, 6, 8]), sec="hx")


def b_U6(S):
    pick_sex(S)
    S.pick_age(30, 92)
    S.sign("abdominal_mass")
    if S.rng.random() < 0.5:
        S.sym("abdo_pain")
    if S.rng.random() < 0.3:
        fit_low(S, 0.2)


def b_U7(S):
    pick_sex(S)
    if S.rng.random() < 0.4:
        S.set_age(S.rng.choice([40, 40, 41]), "age >= 40 (U7)")
    else:
        S.pick_age(42, 90)
    S.sym("jaundice")
    if S.rng.random() < 0.6:
        S.val("alt", S.rng.choice([62, 95, 140, 230, 380]))


def b_U8(S):
    pick_sex(S)
    br = S.rng.choice(["rb", "rb", "wlp", "cibh"])
    near = S.rng.random() < 0.4
    if br == "rb":
        S.set_age(50, "age >= 50 with rectal bleeding (U8)") if near else S.pick_age(51, 90)
        S.sym("rectal_bleeding")
    elif br == "wlp":
        S.set_age(40, "age >= 40 with weight loss and abdominal pain (U8)") if near else S.pick_age(41, 54)
        S.sym("weight_loss")
        S.sym("abdo_pain")
    else:
        S.set_age(60, "age >= 60 with change in bowel habit (U8)") if near else S.pick_age(61, 92)
        S.sym("cibh")
    if S.rng.random() < 0.2:
        S.val("calpro", S.rng.choice([45, 60, 320]))
    S.fit_pending = S.rng.random() < 0.35


def b_R1(S):
    pick_sex(S)
    if S.rng.random() < 0.5:
        if S.rng.random() < 0.6:
            S.pick_age(18, 49)
        else:
            S.pick_age(50, 80)
            fit_low(S, 0.2)
        S.sym("bloody_diarrhoea")
        if S.rng.random() < 0.3:
            S.sym("abdo_pain")
    else:
        if S.rng.random() < 0.35:
            S.val("calpro", S.rng.choice([250, 250, 252, 255]))
            S.near.append({"line": "calprotectin >= 250 (R1)", "value": S.F["calpro"], "what": "calpro"})
        else:
            S.val("calpro", S.rng.choice([320, 410, 560, 780, 1200, 1800]))
        S.pick_age(18, 75)
        S.sym("cibh")
        if S.rng.random() < 0.4:
            S.sym("abdo_pain")
        if S.age >= 50 or S.rng.random() < 0.3:
            fit_low(S, 0.2)
    if S.rng.random() < 0.2:
        S.flag("known_ibd", kind=S.rng.choice(["UC", "Crohn's"]), flare=True)


def b_R2(S):
    pick_sex(S)
    br = S.rng.choice(["asc", "alt", "alt"] + ([] if S.cap.get("no_confusion") else ["conf"]))
    if br == "asc":
        S.pick_age(35, 80)
        S.flag("cirrhosis")
        S.sign("ascites")
    elif br == "conf":
        S.pick_age(35, 78)
        S.flag("cirrhosis")
        inf = S.informant() or "wife"
        S.sym("confusion", src=inf if inf in RELATIVE_SRC + ["carer"] else "patient")
    else:
        if S.rng.random() < 0.35:
            S.val("alt", S.rng.choice([300, 301, 304]))
            S.near.append({"line": "ALT >= 300 (R2)", "value": S.F["alt"], "what": "alt"})
        else:
            S.val("alt", S.rng.choice([340, 412, 560, 890, 1250]))
        if S.rng.random() < 0.3:
            S.set_age(39, "age >= 40 with jaundice (U7)")
            S.sym("jaundice")
        else:
            S.pick_age(18, 80)
    if br != "alt" and S.rng.random() < 0.5:
        S.val("alt", S.rng.choice([28, 45, 76]))


def b_R3(S):
    pick_sex(S)
    S.pick_age(18, 85)
    S.sym("haematemesis")
    if S.rng.random() < 0.4:
        S.sym("dyspepsia")
    S.obs_stable = True


def b_O1(S):
    pick_sex(S)
    if S.rng.random() < 0.3:
        S.set_age(55, "age >= 55 (O1)")
    else:
        S.pick_age(56, 88)
    S.sym("dyspepsia")
    wk = 4 if S.rng.random() < 0.35 else S.rng.choice([6, 8, 12])
    S.val("ppi_weeks", wk, sec="hx")
    if wk == 4:
        S.near.append({"line": "PPI for at least 4 weeks (O1)", "value": 4, "what": "ppi_weeks"})
    if S.rng.random() < 0.4:
        S.sym("reflux")
    if S.rng.random() < 0.3:
        S.sym("upper_abdo_pain")


def b_O2(S):
    pick_sex(S)
    r = S.rng.random()
    if r < 0.2:
        v = S.rng.choice([100, 101, 103])
        S.near.append({"line": "calprotectin 100 (O2)", "value": v, "what": "calpro"})
    elif r < 0.35:
        v = S.rng.choice([249, 247, 245])
        S.near.append({"line": "calprotectin 250 (R1)", "value": v, "what": "calpro"})
    else:
        v = S.rng.choice([120, 138, 156, 170, 188, 210, 232])
    S.val("calpro", v)
    S.pick_age(18, 72)
    S.sym(S.rng.choice(["cibh", "cibh", "abdo_pain"]))
    if S.age >= 50 and S.rng.random() < 0.7:
        fit_low(S, 0.2)
    elif S.rng.random() < 0.3:
        fit_low(S, 0.2)


IBD_QUESTIONS = [
    ("any", "Would it be reasonable to reduce {his} {drug} now that {he} has been in remission for two years?"),
    ("any", "Is {he} due a surveillance colonoscopy, and if so could this be arranged?"),
    ("azathioprine", "Can {he} safely have the shingles vaccine while on azathioprine?"),
    ("F", "{He} is planning a pregnancy - is it safe to continue {his} {drug}?"),
    ("azathioprine", "Should {his} azathioprine blood monitoring continue three-monthly or can it be spaced out?"),
    ("any", "{He} would like to stop {his} {drug} - what would you advise?"),
    ("any", "Could you advise on a bone protection plan given {his} past steroid courses?"),
]


def b_O3(S):
    pick_sex(S)
    S.pick_age(20, 80)
    kind = S.rng.choice(["UC", "UC", "Crohn's"])
    drug = S.rng.choice(["mesalazine", "mesalazine", "azathioprine"] if kind == "UC" else ["azathioprine", "azathioprine", "mercaptopurine"])
    S.ibd_drug = drug
    S.flag("known_ibd", kind=kind)
    S.flag("ibd_stable", kind=kind, drug=drug)
    qs = [q for c, q in IBD_QUESTIONS if c == "any" or c == drug or (c == "F" and S.sex == "F" and S.age < 45)]
    S.flag("ibd_question", q=S.rng.choice(qs), drug=drug, sec="plan")
    if S.rng.random() < 0.4:
        S.val("calpro", S.rng.choice([("<", 20), 35, 48, 62, ("<", 50)]))


def b_O4(S):
    pick_sex(S)
    S.pick_age(18, 75)
    if S.rng.random() < 0.3:
        ref = S.rng.choice([7, 10])
        v = ref + S.rng.choice([0.4, 0.8, 1.5]) if not S.cap.get("no_decimals") else ref + S.rng.choice([1, 2])
        S.val("ttg_raised", True, tv=v, ref=ref)
        S.near.append({"line": "raised tTG (O4)", "value": v, "what": "ttg", "ref": ref})
    else:
        ref = S.rng.choice([7, 10, 15])
        S.val("ttg_raised", True, tv=S.rng.choice([34, 56, 86, 128, 200]), ref=ref)
    S.F["ttg_raised"] = True
    if S.age < 60:
        S.sym(S.rng.choice(["bloating", "cibh", "abdo_pain"]))
    else:
        S.sym("bloating")
    if S.rng.random() < 0.3:
        thr = 130 if S.sex == "M" else 120
        hb_fact(S, thr + S.rng.choice([0, 4, 12]), near=None)
        if S.F["hb"] == thr:
            S.near.append({"line": "anaemia Hb threshold (%d g/L, %s)" % (thr, S.sex), "value": thr, "what": "hb"})
        ferr_fact(S, S.rng.choice([9, 14, 22]))


def b_O5(S):
    pick_sex(S)
    S.pick_age(18, 85)
    r = S.rng.random()
    if r < 0.2:
        S.val("alt", S.rng.choice([40, 41, 42]))
        S.near.append({"line": "ALT >= 40 (O5)", "value": S.F["alt"], "what": "alt"})
    elif r < 0.32:
        S.val("alt", S.rng.choice([299, 296]))
        S.near.append({"line": "ALT < 300 (R2)", "value": S.F["alt"], "what": "alt"})
    elif r < 0.7:
        S.val("alt", S.rng.choice([58, 74, 88, 120, 146, 190]))
        if S.rng.random() < 0.4:
            S.flag("fatty_liver", sec="imaging")
    else:
        S.flag("fatty_liver", sec="imaging")
        if S.rng.random() < 0.5:
            S.val("alt", S.rng.choice([22, 31, 35]))


def b_A1(S):
    pick_sex(S)
    if S.rng.random() < 0.3:
        S.set_age(49, "age < 50 (A1)")
    else:
        S.pick_age(18, 48)
    ks = S.rng.sample(["abdo_pain", "bloating", "cibh"], S.rng.choice([1, 2, 2, 3]))
    for k in ks:
        S.sym(k)
    r = S.rng.random()
    if r < 0.2:
        S.val("calpro", 99)
        S.near.append({"line": "calprotectin < 100 (A1)", "value": 99, "what": "calpro"})
    elif r < 0.55:
        S.val("calpro", S.rng.choice([("<", 20), 24, 38, 52, 71, ("<", 50)]))
        if S.rng.random() < 0.4:
            fit_low(S, 0.2)
    else:
        fit_low(S, 0.3)


def b_O6(S):
    pick_sex(S)
    br = S.rng.choice(["old", "old", "young_rb", "cibh60"])
    if br == "old":
        if S.rng.random() < 0.3:
            S.set_age(50, "age < 50 (A1)")
        else:
            S.pick_age(51, 88)
        ks = S.rng.sample(["rectal_bleeding", "cibh", "abdo_pain"], S.rng.choice([1, 2]))
        for k in ks:
            S.sym(k)
    elif br == "young_rb":
        S.pick_age(22, 48)
        S.sym("rectal_bleeding")
    else:
        a = S.rng.choice([60, 60, 63, 71, 78])
        S.set_age(a, "age >= 60 with change in bowel habit but FIT reported (U8 does not apply)" if a == 60 else None)
        S.sym("cibh")
    fit_low(S, 0.3)


def b_A2(S):
    pick_sex(S)
    if S.rng.random() < 0.3:
        S.set_age(54, "age < 55 (A2)")
    else:
        S.pick_age(18, 53)
    ks = S.rng.sample(["dyspepsia", "reflux"], S.rng.choice([1, 2]))
    for k in ks:
        S.sym(k)
    if "dyspepsia" in ks and S.rng.random() < 0.5:
        S.val("ppi_weeks", S.rng.choice([4, 6, 8, 12]), sec="hx")


def b_A3(S):
    pick_sex(S)
    S.pick_age(25, 70)
    rel, what = fh_crc_text(S, *S.rng.choice(FH_CRC))
    S.flag("fh_crc", sec="fh", rel=rel, what=what)
    S.dist("negated", "gi_symptoms", sec="hx", text=S.rng.choice([
        "{He} has no bowel symptoms at all - no bleeding, bowels regular, weight steady",
        "{He} is entirely asymptomatic from a gastrointestinal point of view",
        "{He} has no symptoms; {he} is asking purely because of the family history",
        "No GI symptoms whatsoever"]))


def b_D(S):
    pick_sex(S)
    br = S.rng.choice(["cibh59", "rb49", "wlp39", "irondef", "ferr30", "ppi3", "alt39", "fhsym",
                       "jaund39", "ttgneg", "pain52"])
    S.d_branch = br
    if br == "cibh59":
        S.set_age(59, "age >= 60 with change in bowel habit (U8)") if S.rng.random() < 0.7 else S.pick_age(50, 58)
        S.sym("cibh")
        if S.rng.random() < 0.4:
            S.val("calpro", S.rng.choice([32, 55, ("<", 50)]))
    elif br == "rb49":
        S.set_age(49, "age >= 50 with rectal bleeding (U8)") if S.rng.random() < 0.7 else S.pick_age(30, 48)
        S.sym("rectal_bleeding")
    elif br == "wlp39":
        S.set_age(39, "age >= 40 with weight loss and abdominal pain (U8)") if S.rng.random() < 0.7 else S.pick_age(25, 38)
        S.sym("weight_loss")
        S.sym("abdo_pain")
    elif br == "irondef":
        S.pick_age(25, 85)
        thr = 130 if S.sex == "M" else 120
        hb_fact(S, thr, near="anaemia Hb threshold (%d g/L, %s)" % (thr, S.sex))
        ferr_fact(S, S.rng.choice([8, 12, 17]))
    elif br == "ferr30":
        S.pick_age(25, 85)
        thr = 130 if S.sex == "M" else 120
        hb_fact(S, thr - S.rng.choice([8, 14, 20]))
        ferr_fact(S, 30, near="ferritin < 30")
    elif br == "ppi3":
        S.pick_age(56, 85)
        S.sym("dyspepsia")
        S.val("ppi_weeks", 3, sec="hx")
        S.near.append({"line": "PPI for at least 4 weeks (O1)", "value": 3, "what": "ppi_weeks"})
    elif br == "alt39":
        S.pick_age(30, 75)
        S.val("alt", 39)
        S.near.append({"line": "ALT >= 40 (O5)", "value": 39, "what": "alt"})
    elif br == "fhsym":
        S.pick_age(30, 48)
        rel, what = fh_crc_text(S, *S.rng.choice(FH_CRC))
        S.flag("fh_crc", sec="fh", rel=rel, what=what)
        S.sym("bloating")
    elif br == "jaund39":
        S.set_age(39, "age >= 40 with jaundice (U7)")
        S.sym("jaundice")
        S.val("alt", S.rng.choice([18, 24, 31]))
    elif br == "ttgneg":
        S.pick_age(50, 75)
        ref = 7
        S.val("ttg_raised", False, tv=6.8 if not S.cap.get("no_decimals") else 6, ref=ref)
        S.F["ttg_raised"] = False
        S.near.append({"line": "raised tTG (O4)", "value": S.items[-1]["x"]["tv"], "what": "ttg", "ref": ref})
        S.sym("bloating")
    else:  # pain52
        S.pick_age(50, 58)
        S.sym("abdo_pain")
        S.val("calpro", S.rng.choice([28, 44, 61]))


BUILDERS = {k[2:]: v for k, v in list(globals().items()) if k.startswith("b_")}


# ----------------------------------------------------------------------------------------
# decoration: distractors, hedges, refuted reports, superseded results, neutral remarks
# ----------------------------------------------------------------------------------------
QUESTIONS_NEUTRAL = [
    "Could this be coeliac disease?", "?IBD", "Should {he} have an OGD?", "Does {he} need a colonoscopy?",
    "Could this be bile acid diarrhoea?", "?microscopic colitis", "Would you consider a CT?",
    "Is there anything further I should be doing in the meantime?",
    "Would you be happy to see {him}, or is there more I can do first?",
]
WORRIES = [
    "{He} is worried that this could be cancer.", "{His} daughter is anxious that something is being missed.",
    "{He} is frightened of having a camera test and wanted me to ask whether it is really needed.",
    "{He} has read about Crohn's online and is worried this is what {he} has.",
    "{His} partner is very worried and asked me to push for an early appointment.",
    "{He} is keen to get to the bottom of it before a planned trip abroad.",
]
ARRANGED = [
    "I have arranged an abdominal ultrasound, which is booked.", "I have stopped {his} naproxen.",
    "I have checked U&E, CRP and thyroid function, all normal.", "I have given dietary advice and a trial of peppermint oil.",
    "I have started mebeverine in the meantime.", "I have asked {him} to keep a food and symptom diary.",
    "{He} has been given written safety-netting advice.", "I have reviewed {his} medication.",
]
DX_HEDGES = [
    "?IBS", "Likely functional.", "I wonder whether this is irritable bowel syndrome.", "Possibly diverticular disease.",
    "?gallstones", "Suspected bile acid malabsorption.", "I wonder whether this is medication-related.",
    "Likely haemorrhoidal.", "Query IBS-D.", "Possible lactose intolerance.",
]

HEDGED = {
    "weight_loss": ["?some weight loss - {he} thinks so but has not been weighed",
                    "possibly a little weight loss, though {he} is not sure and has no scales at home"],
    "abdominal_mass": ["I wonder whether there is some fullness in the right iliac fossa, but I am not convinced there is a discrete mass",
                       "?vague fullness LIF - not convinced there is a mass"],
    "dysphagia": ["I cannot exclude a degree of dysphagia - {he} says tablets occasionally feel slow to go down",
                  "?mild dysphagia with tablets only - {he} is not sure"],
    "jaundice": ["?slightly yellow sclerae on the video call - hard to judge on screen",
                 "query a yellowish tinge to the skin, but the light was poor"],
    "poor:dysphagia": ["denies any swallowing difficulty, though {he} is a poor historian",
                       "{He} denies dysphagia, but {he} is a poor historian and staff are not certain"],
    "poor:weight_loss": ["{He} denies losing weight, though a poor historian, and there are no recent weights"],
    "rectal_bleeding": ["denies rectal bleeding, though {he} is a poor historian",
                        "{He} denies any bleeding, though a poor historian and {his} carer is not sure"],
    "reflux": ["possible reflux", "?an element of reflux"],
    "haematemesis": ["query a streak of blood in the vomit on one occasion - {he} is not sure it was blood"],
}

REFUTED = {
    "weight_loss": "{Inf} thinks {he} has lost weight, but {he} weighs {w} kg today against {w0} kg {ago} - weight stable",
    "jaundice": "{Inf} thought {his} eyes looked yellow last week; today {his} sclerae are white and {he} is not jaundiced (bilirubin {bili})",
    "dark_stools": "{Inf} reports dark stools; PR today: brown stool on the glove, no melaena",
}
EXPLAINED = ["{He} has lost {kg} kg deliberately with a slimming group since {since}",
             "{He} has lost {kg} kg on purpose, following a diet plan since {since}"]
OTHER_PERSON = [
    "{His} {who}, who came with {him}, is known to have Crohn's disease",
    "{His} {who} had a colonoscopy for a positive FIT last year",
    "{His} {who} is under your colleagues with cirrhosis",
]


def pron(sex):
    if sex == "M":
        return {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him", "Him": "Him",
                "man": "man", "gent": "gentleman", "title": "Mr", "her2": "him"}
    return {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her", "Him": "Her",
            "man": "woman", "gent": "lady", "title": "Mrs", "her2": "her"}


def fill(t, S, it=None, **extra):
    c = dict(pron(S.sex))
    if it is not None:
        c.update(it.get("x", {}))
    c.update(extra)
    out = t.format(**c)
    return out


def add_upd(S, it, upd):
    it["upd"] = upd
    S.unc.append(upd)


def question_pool(S):
    F = S.F
    if F.get("fh_crc") and not any(i["t"] == "pos" and i["sec"] == "hx" for i in S.items):
        return ["Does {he} need a screening colonoscopy, and from what age?", "Would {he} qualify for surveillance?",
                "Should other family members be referred as well?"]
    gen = ["Is there anything further I should be doing in the meantime?",
           "Would you be happy to see {him}, or is there more I can do first?"]
    if F.get("jaundice") or (F.get("alt") is not None and _ge(F.get("alt"), 40)) or F.get("fatty_liver") or F.get("cirrhosis"):
        return gen + ["Would you consider a FibroScan?", "Does {he} need a liver screen beyond what I have done?",
                      "Would you like an MRCP?"]
    if F.get("dyspepsia") or F.get("reflux") or F.get("upper_abdo_pain") or F.get("haematemesis") or F.get("dysphagia"):
        return gen + ["Should {he} have an OGD?", "Should I test for H. pylori again?", "Is an OGD needed at {his} age?"]
    if F.get("known_ibd"):
        return gen
    if F.get("rectal_bleeding") or F.get("bloody_diarrhoea") or (F.get("fit") is not None and _ge(F.get("fit"), 10)):
        return gen + ["?IBD", "Does {he} need a colonoscopy?", "Would you consider a CT?", "Is a colonoscopy needed?"]
    return gen + ["Could this be coeliac disease?", "?IBD", "Does {he} need a colonoscopy?", "Could this be bile acid diarrhoea?",
                  "?microscopic colitis", "Would you consider a CT?", "Is a colonoscopy needed?"]


def dx_hedge_pool(S):
    F = S.F
    if not any(i["t"] == "pos" and i["sec"] == "hx" for i in S.items) and not F.get("known_ibd"):
        return ["I wonder whether this is significant.", "Possibly medication-related.", "?lab variation"]
    if F.get("jaundice") or F.get("alt") is not None and _ge(F.get("alt"), 40) or F.get("fatty_liver") or F.get("cirrhosis"):
        return ["?alcohol-related", "I wonder whether this is drug-induced.", "Possible gallstones.", "?autoimmune"]
    if F.get("dyspepsia") or F.get("reflux") or F.get("upper_abdo_pain") or F.get("haematemesis") or F.get("dysphagia"):
        return ["?gastritis", "I wonder whether this is H. pylori.", "Possible hiatus hernia.", "?NSAID-related", "Likely functional."]
    if F.get("known_ibd"):
        return ["I wonder whether this is medication-related.", "Possibly irritable bowel overlap."]
    if F.get("rectal_bleeding"):
        return ["Likely haemorrhoidal.", "Possibly diverticular disease.", "?fissure", "I wonder whether these are piles."]
    if F.get("hb") is not None or F.get("ferritin") is not None:
        if not (F.get("abdo_pain") or F.get("cibh") or F.get("bloating")):
            return ["?dietary", "I wonder whether this is malabsorption.", "?coeliac"]
    return ["?IBS", "Likely functional.", "I wonder whether this is irritable bowel syndrome.", "Possibly diverticular disease.",
            "Suspected bile acid malabsorption.", "Query IBS-D.", "Possible lactose intolerance."]


def fh_crc_text(S, rel, what):
    """relative's age at diagnosis made consistent with the patient's age"""
    r = S.rng
    if rel in ("brother", "sister"):
        a = max(30, min(85, S.age + r.choice([-6, -3, 2, 5, 8])))
    else:
        a = r.choice([52, 58, 63, 67, 71, 76])
        a = max(a, S.age + 22)
        if a > 95:
            rel, a = r.choice(["brother", "sister"]), max(30, S.age - 4)
    return rel, what.format(a=a)


def decorate(S):
    rng, cap = S.rng, S.cap
    F = S.F
    touched = set()
    # negated red flags (a history the writer screened)
    bad = set(k for k in NEG if F.get(k))
    if F.get("bloody_diarrhoea"):
        bad |= {"cibh", "rectal_bleeding"}
    if F.get("upper_abdo_pain") or F.get("dyspepsia") or F.get("reflux"):
        bad |= {"abdo_pain", "dyspepsia", "reflux"}
    if F.get("abdo_pain"):
        bad |= {"dyspepsia"}
    cands = [k for k in ["dysphagia", "weight_loss", "rectal_bleeding", "haematemesis", "jaundice",
                         "cibh", "abdo_pain", "bloody_diarrhoea", "dyspepsia", "reflux"] if k not in bad]
    n = rng.choice(cap.get("neg_n", [0, 1, 2, 3, 3, 4]))
    for k in rng.sample(cands, min(n, len(cands))):
        S.dist("negated", k, sec="neg")
        touched.add(k)
    # examination negatives
    if cap.get("exam", True):
        if not F.get("abdominal_mass") and rng.random() < 0.5:
            S.dist("negated", "abdominal_mass", sec="exam")
            touched.add("abdominal_mass")
        if not (F.get("rectal_mass") or F.get("anal_mass") or F.get("anal_ulcer")) and rng.random() < 0.35 \
                and (F.get("rectal_bleeding") or F.get("cibh") or rng.random() < 0.3):
            S.dist("negated", "rectal_mass", sec="exam")
    # family history of other illnesses
    if rng.random() < 0.22:
        rel, what = rng.choice(FAMILY_OTHER)
        S.dist("family_history", "family_other", sec="fh", rel=rel, what=what)
    # a family history of colorectal cancer in a symptomatic patient
    if not F.get("fh_crc") and rng.random() < 0.12:
        rel, what = fh_crc_text(S, *rng.choice(FH_CRC))
        S.try_fact(lambda: S.flag("fh_crc", sec="fh", rel=rel, what=what, worry=rng.random() < 0.5))
    # resolved past episodes
    if rng.random() < 0.2:
        opts = []
        if not F.get("rectal_bleeding") and not F.get("bloody_diarrhoea"):
            opts.append("rectal_bleeding")
        if not F.get("jaundice"):
            opts.append("jaundice")
        if not F.get("haematemesis"):
            opts.append("haematemesis")
        if F.get("hb") is None:
            opts.append("anaemia")
        if not F.get("dyspepsia") and not F.get("upper_abdo_pain"):
            opts.append("dyspepsia")
        if not F.get("dysphagia"):
            opts.append("dysphagia")
        if opts:
            k = rng.choice(opts)
            texts = [t for t in RESOLVED[k] if "pregnancy" not in t or (S.sex == "F" and S.age < 60)]
            S.dist("resolved", k, sec="pmh", yr=rng.choice([2008, 2012, 2015, 2017, 2019, 2021]),
                   text=rng.choice(texts))
            touched.add(k)
    # normal values (facts in their own right)
    if rng.random() < 0.45:
        thr = 130 if S.sex == "M" else 120
        if F.get("hb") is None:
            v = thr + rng.choice([6, 11, 15, 22])
            S.try_fact(lambda: hb_fact(S, v) or S.items[-1]["x"].update(normal=True))
        if F.get("ferritin") is None and rng.random() < 0.6:
            v = rng.choice([45, 68, 96, 140, 210])
            S.try_fact(lambda: ferr_fact(S, v) or S.items[-1]["x"].update(normal=True))
        if F.get("alt") is None and rng.random() < 0.6:
            v = rng.choice([14, 19, 23, 28, 33])
            S.try_fact(lambda: S.val("alt", v, normal=True))
        if "ttg_raised" not in F and rng.random() < 0.35:
            def _t():
                S.val("ttg_raised", False, tv=("<", 0.5) if not cap.get("no_decimals") else ("<", 1), ref=rng.choice([7, 10]), normal=True)
            S.try_fact(_t)
    for it in S.items:
        if it["t"] == "pos" and it["f"] in ("fit", "calpro"):
            v = it["x"]["v"]
            if (it["f"] == "fit" and (isinstance(v, tuple) or v < 10)) or (it["f"] == "calpro" and (isinstance(v, tuple) or v < 100)):
                it["x"]["normal"] = True
    # hedged facts and poor-historian denials: only where either reading gives the same rule
    if rng.random() < cap.get("p_hedge", 0.3):
        opts = [k for k in HEDGED if ":" not in k and not F.get(k) and k not in touched]
        if not cap.get("poor_historian"):
            opts = [k for k in opts if k != "rectal_bleeding"]
        if not cap.get("exam", True):
            opts = [k for k in opts if k != "abdominal_mass"]
        if not cap.get("video"):
            opts = [k for k in opts if k != "jaundice" or cap.get("exam", True)]
        rng.shuffle(opts)
        for k in opts[:3]:
            upd = {k: True}
            if S.ok(upd):
                kind = "poor_historian_denial" if k == "rectal_bleeding" else "hedged"
                txt = rng.choice(HEDGED[k])
                if cap.get("poor_historian") and ("poor:" + k) in HEDGED and rng.random() < 0.6:
                    kind, txt = "poor_historian_denial", rng.choice(HEDGED["poor:" + k])
                if k == "jaundice" and not cap.get("video"):
                    txt = HEDGED[k][1]
                if k == "rectal_bleeding" and "carer" in txt and not any(c in cap.get("informants", []) for c in CARER_SRC):
                    txt = HEDGED[k][0]
                it = S.dist(kind, k, sec="hx" if k not in ("abdominal_mass",) else "exam", text=txt)
                add_upd(S, it, upd)
                touched.add(k)
                S.story.append("hedge:" + k)
                break
    # a checklist answer such as "only once, last year"
    if cap.get("checklist") and not F.get("rectal_bleeding") and not F.get("bloody_diarrhoea") \
            and "rectal_bleeding" not in touched and rng.random() < 0.4:
        upd = {"rectal_bleeding": True}
        if S.ok(upd):
            it = S.dist("resolved_vague", "rectal_bleeding", sec="checklist",
                        text=rng.choice(["only once, last year", "once, about a year ago - none since"]))
            add_upd(S, it, upd)
            touched.add("rectal_bleeding")
    # reports by others that the writer refutes
    if rng.random() < cap.get("p_refute", 0.15):
        opts = []
        if not F.get("weight_loss") and cap.get("exam", True) and "weight_loss" not in touched:
            opts.append("weight_loss")
        if not F.get("jaundice") and cap.get("exam", True) and "jaundice" not in touched:
            opts.append("jaundice")
        if cap.get("exam", True) and not F.get("rectal_bleeding") and not F.get("bloody_diarrhoea"):
            opts.append("dark_stools")
        if opts:
            k = rng.choice(opts)
            inf = S.informant() or ("wife" if S.sex == "M" else "husband")
            w = round(rng.uniform(52, 95), 1)
            S.dist("refuted", k, sec="exam", inf=inf, w=w, w0=round(w + rng.choice([-0.4, -0.2, 0.0, 0.2, 0.3]), 1),
                   bili=rng.choice([8, 11, 14]),
                   ago=rng.choice(["three months ago", "at the last check in the spring", "six months ago", "last year"]))
            touched.add(k)
            S.story.append("refuted_report:" + k)
    # deliberate (explained) weight loss
    if not F.get("weight_loss") and "weight_loss" not in touched and rng.random() < 0.06:
        upd = {"weight_loss": True}
        if S.ok(upd):
            it = S.dist("explained", "weight_loss", sec="hx", kg=rng.choice([5, 6, 8]),
                        since=rng.choice(["the new year", "last summer", "the spring"]), text=rng.choice(EXPLAINED))
            add_upd(S, it, upd)
            touched.add("weight_loss")
    # hypothetical safety netting
    if rng.random() < cap.get("p_hyp", 0.35):
        opts = [k for k in HYP if not F.get(k) and k not in touched
                and not (k == "rectal_bleeding" and F.get("bloody_diarrhoea"))]
        ks = rng.sample(opts, min(len(opts), rng.choice([1, 2])))
        for n_, k in enumerate(ks):
            S.dist("hypothetical", k, sec="safety", n=n_)
    # superseded results, same band
    if rng.random() < cap.get("p_super", 0.2):
        vals = [it for it in S.items if it["t"] == "pos" and it["f"] in ("fit", "hb", "alt", "calpro", "ferritin")
                and not isinstance(it["x"]["v"], tuple) and not it["x"].get("normal")]
        if vals:
            it = rng.choice(vals)
            v = it["x"]["v"]
            for delta in ([7, -6, 12, -11] if it["f"] != "fit" else [-3, 8, 20, -2]):
                old = v + delta if it["f"] not in ("alt", "calpro") else v + delta * 3
                if old <= 0:
                    continue
                upd = {it["f"]: old}
                if S.ok(upd) and decide(dict(S.F, age=S.age, sex=S.sex, **upd)) == S.target:
                    d = S.dist("superseded", it["f"], sec="res", old=old,
                               ago=rng.choice(["three months ago", "in the spring", "two months earlier", "last year"]))
                    add_upd(S, d, upd)
                    it["x"]["has_old"] = True
                    S.story.append("result_repeated")
                    break
    # another person's illness told alongside the patient's
    if rng.random() < 0.1:
        who = "wife" if S.sex == "M" else "husband"
        if rng.random() < 0.4:
            who = rng.choice(["brother-in-law", "flatmate", "partner"])
        opts = OTHER_PERSON if S.target not in ("U8", "O6", "A1", "D") else [o for o in OTHER_PERSON if "FIT" not in o]
        S.dist("other_person", "other_person", sec="fh", who=who, text=rng.choice(opts))
    # neutral remarks
    if rng.random() < cap.get("p_question", 0.45):
        q = rng.choice(question_pool(S))
        if not ("coeliac" in q and "ttg_raised" in F) and not ("IBD" in q and F.get("known_ibd")):
            S.neu("question", q)
            S.story.append("question_to_specialist")
    if rng.random() < cap.get("p_worry", 0.3):
        pool = WORRIES if not cap.get("poor_historian") else [w for w in WORRIES if w.startswith("{His}")]
        S.neu("worry", rng.choice(pool))
        S.story.append("worry")
    if rng.random() < 0.35:
        S.neu("arranged", rng.choice(ARRANGED))
    if rng.random() < cap.get("p_dxhedge", 0.25) and S.target != "A3" and not F.get("fh_crc") or \
            (F.get("fh_crc") and any(i["t"] == "pos" and i["sec"] == "hx" for i in S.items) and rng.random() < 0.2):
        S.neu("diagnostic_hedge", rng.choice(dx_hedge_pool(S)))
        S.story.append("writer_certainty")


# ----------------------------------------------------------------------------------------
# turning items into words
# ----------------------------------------------------------------------------------------
INF = {
    "wife": ("{His} wife", "wife"), "husband": ("{His} husband", "husband"),
    "partner": ("{His} partner", "partner"), "daughter": ("{His} daughter", "daughter"),
    "son": ("{His} son", "son"), "mother": ("{His} mother", "mother"), "sister": ("{His} sister", "sister"),
    "brother": ("{His} brother", "brother"), "niece": ("{His} niece", "niece"),
    "friend": ("A friend who came with {him}", "friend"), "neighbour": ("{His} neighbour", "neighbour"),
    "carer": ("{His} carer", "carer"), "care_staff": ("The senior carer at the home", "senior carer"),
    "care_home_nurse": ("The nurse in charge at the home", "home's nurse"),
    "support_worker": ("{His} support worker", "support worker"), "key_worker": ("{His} key worker", "key worker"),
    "matron_team": ("The district nursing team", "DN team"),
}


def cap1(s):
    return s[:1].upper() + s[1:] if s else s


class Voice:
    """how a writer phrases things: prose / note / abbr, and the subject word"""
    def __init__(self, kind="prose", subject=None, name=None):
        self.kind = kind
        self.subject = subject
        self.name = name


def subj(S, V):
    if V.subject == "patient":
        return "The patient"
    if V.subject == "name":
        return S.first
    return pron(S.sex)["He"]


def inf_phrase(S, src):
    return fill(INF[src][0], S), INF[src][1]


def say_pos(it, S, V):
    rng = S.rng
    f, src, x = it["f"], it["src"], it["x"]
    b = BANK.get(f, {})
    P = pron(S.sex)
    if f in NUM_FACTS or f == "ttg_raised":
        return say_val(it, S, V)
    if src == "record" or f in ("cirrhosis", "known_ibd", "ibd_stable", "ibd_question", "fh_crc", "fatty_liver"):
        return say_record(it, S, V)
    if src == "exam":
        return say_exam(it, S, V)
    if V.kind == "abbr":
        t = fill(rng.choice(b["ab"]), S, it)
        if src in INF:
            t += " (per %s)" % INF[src][1]
        elif src == "interpreter":
            t += " (via interpreter)"
        return t
    if V.kind == "note":
        t = fill(rng.choice(b["np"]), S, it)
        if src in INF:
            t = cap1(t) + " - reported by %s" % INF[src][1]
        elif src == "interpreter":
            t = cap1(t) + " (history via interpreter)"
        return cap1(t)
    He = subj(S, V)
    if src in INF:
        ip, short = inf_phrase(S, src)
        if b.get("obs") and rng.random() < 0.6:
            obs = fill(rng.choice(b["obs"]), S, it)
            t = rng.choice(["%s says that %s" % (ip, obs), "%s has noticed that %s" % (ip, obs),
                            "According to %s, %s" % (ip[0].lower() + ip[1:] if ip.startswith(("His", "Her", "The", "A ")) else ip, obs)])
        else:
            vp = fill(rng.choice(b["vp"]), S, it)
            t = "%s reports that %s %s" % (ip, P["he"], vp)
        t = confirm(it, S, V, t)
        return cap1(t) + "."
    if src == "interpreter":
        vp = fill(rng.choice(b["vp"]), S, it)
        t = rng.choice(["Through the interpreter, %s explains that %s %s" % (P["he"], P["he"], vp),
                        "Via the interpreter: %s %s" % (P["he"], vp)])
        t = confirm(it, S, V, t)
        return cap1(t) + "."
    vp = fill(rng.choice(b["vp"]), S, it)
    t = rng.choice(["%s %s" % (He, vp), "%s reports that %s %s" % (He, P["he"], vp),
                    "%s tells me that %s %s" % (He, P["he"], vp), "On direct questioning %s %s" % (P["he"], vp)]
                   if V.subject != "patient" else ["%s %s" % (He, vp), "%s reports that %s %s" % (He, P["he"], vp)])
    t = confirm(it, S, V, t)
    return cap1(t) + "."


def confirm(it, S, V, t):
    """the writer checks a reported symptom: measured, examined or seen on video"""
    f, x = it["f"], it["x"]
    rng = S.rng
    if f == "weight_loss" and S.cap.get("exam", True) and rng.random() < 0.6:
        w2 = x.setdefault("w2", round(rng.uniform(48, 92), 1))
        w1 = round(w2 + x["kg"] + rng.choice([-0.3, 0.2, 0.4]), 1)
        x["w1"] = w1
        when = "weighed at the practice since at" if S.cap.get("remote") else "weighed today at"
        t += "; %s %s kg, against %s kg %s" % (when, num(w2), num(w1), rng.choice(["four months ago", "in the autumn", "six months ago", "at the last review"]))
        S.story.append("measured_vs_reported:weight")
    elif f == "jaundice" and S.cap.get("exam", True) and rng.random() < 0.7:
        if S.cap.get("remote"):
            t += ", and at the face-to-face review %s was %s" % (pron(S.sex)["he"], rng.choice(BANK["jaundice"]["ex"]))
        else:
            t += ", and on examination today %s is %s" % (pron(S.sex)["he"], rng.choice(BANK["jaundice"]["ex"]))
        S.story.append("exam_confirms_report:jaundice")
    elif f == "jaundice" and S.cap.get("video"):
        t += ", and on the video call %s sclerae are obviously yellow" % pron(S.sex)["his"]
        S.story.append("video_confirms_report:jaundice")
    elif f == "rectal_bleeding" and S.cap.get("exam", True) and rng.random() < 0.35:
        t += "; PR at the face-to-face review: fresh red blood on the glove" if S.cap.get("remote") else "; PR today: fresh red blood on the glove"
        S.F_exam_pr = True
        S.story.append("exam_confirms_report:rectal_bleeding")
    return t


def say_exam(it, S, V):
    f = it["f"]
    rng = S.rng
    P = pron(S.sex)
    b = BANK[f]
    if V.kind == "abbr":
        return "O/E " + rng.choice(b["ab"])
    ex = rng.choice(b["ex"])
    if f == "jaundice":
        return rng.choice(["On examination %s is %s." % (P["he"], ex), "O/E: %s." % ex])
    if f == "abdominal_mass":
        return rng.choice(["On examination there is %s." % ex, "Abdominal examination: %s." % ex,
                           "I could feel %s." % ex, "O/E abdomen: %s." % ex])
    if f == "rectal_mass":
        return rng.choice(["PR examination: %s." % ex, "On rectal examination there is %s." % ex,
                           "PR: %s." % ex])
    if f in ("anal_mass", "anal_ulcer"):
        return rng.choice(["On inspection there is %s." % ex, "Perianal examination: %s." % ex])
    if f == "ascites":
        return rng.choice(["Abdomen %s." % ex if ex.startswith("distended") else "Abdomen: %s." % ex,
                           "On examination the abdomen is %s." % ex if ex.startswith("distended") else "O/E %s." % ex])
    raise ValueError(f)


def fit_str(v, rng, abbr=False):
    if isinstance(v, tuple):
        k, n = v
        if k == "<" and n == 4:
            return rng.choice(["FIT <4", "FIT < 4 ug Hb/g", "qFIT <4", "FIT: <4"])
        if k == "<" and n == 10:
            return rng.choice(["FIT: <10", "FIT <10 ug Hb/g", "qFIT <10"])
        if k == "undetectable":
            return rng.choice(["FIT undetectable", "FIT: undetectable"])
        return rng.choice(["FIT negative", "FIT: negative"])
    if v >= 10:
        opts = ["FIT %s" % num(v), "FIT %s ug Hb/g" % num(v), "qFIT %s ug/g" % num(v),
                "qFIT positive at %s" % num(v), "FIT: %s ug Hb/g faeces" % num(v)]
        if not abbr:
            opts.append("faecal immunochemical test (FIT) %s ug Hb/g" % num(v))
        return rng.choice(opts)
    return rng.choice(["FIT %s" % num(v), "FIT %s ug Hb/g" % num(v), "qFIT %s" % num(v), "FIT: %s" % num(v)])


def hb_str(v, unit, rng):
    if unit == "gdl":
        d = "%.1f" % (v / 10.0)
        return rng.choice(["Hb %s g/dL" % d, "haemoglobin %s g/dL" % d, "Hb %sg/dL" % d])
    return rng.choice(["Hb %d g/L" % v, "Hb %d" % v, "haemoglobin %d g/L" % v, "Hb %dg/L" % v])


def say_val(it, S, V):
    f, x, rng = it["f"], it["x"], S.rng
    v = x["v"]
    if f == "fit":
        return fit_str(v, rng, V.kind == "abbr")
    if f == "hb":
        return hb_str(v, x.get("unit", "gl"), rng)
    if f == "ferritin":
        return rng.choice(["ferritin %d ug/L" % v, "ferritin %d" % v, "ferritin %dug/L" % v])
    if f == "calpro":
        if isinstance(v, tuple):
            return rng.choice(["calprotectin <%d ug/g" % v[1], "FCP <%d" % v[1], "faecal calprotectin <%d ug/g" % v[1]])
        return rng.choice(["faecal calprotectin %d ug/g" % v, "calprotectin %d" % v, "FCP %d" % v,
                           "calprotectin %d ug/g" % v])
    if f == "alt":
        if v == 120 and V.kind != "note":
            return "ALT 3x ULN (120)"
        return rng.choice(["ALT %d U/L" % v, "ALT %d" % v, "ALT %d IU/L" % v])
    if f == "ttg_raised":
        tv, ref = x["tv"], x["ref"]
        if isinstance(tv, tuple):
            return rng.choice(["tTG <%s (ref <%d), negative" % (num(tv[1]), ref),
                               "coeliac serology negative (tTG <%s, normal <%d)" % (num(tv[1]), ref)])
        if v:
            return rng.choice(["tTG %s U/mL (ref <%d)" % (num(tv), ref), "anti-tTG IgA %s (normal <%d) - raised" % (num(tv), ref),
                               "raised tTG at %s (normal <%d)" % (num(tv), ref), "coeliac serology: tTG %s U/mL, ref <%d, positive" % (num(tv), ref)])
        return rng.choice(["tTG %s U/mL (ref <%d)" % (num(tv), ref), "anti-tTG IgA %s (normal <%d)" % (num(tv), ref)])
    if f == "ppi_weeks":
        P = pron(S.sex)
        drug = rng.choice(["omeprazole 20 mg daily", "lansoprazole 30 mg daily", "omeprazole 40 mg", "esomeprazole 20 mg"])
        if V.kind == "abbr":
            return rng.choice(["ongoing despite PPI %d/52" % v, "no better on PPI x %d/52" % v])
        if V.kind == "note":
            return rng.choice(["Symptoms persist after %d weeks of %s" % (v, drug), "PPI (%s) for %d weeks - still symptomatic" % (drug, v)])
        return rng.choice(["%s symptoms persist despite %d weeks of %s." % (P["His"], v, drug),
                           "%s is still symptomatic after %d weeks of %s." % (P["He"], v, drug),
                           "%s has now taken %s for %d weeks with no real improvement." % (P["He"], drug, v)])
    raise ValueError(f)


IMAGING = ["USS abdomen: diffusely echogenic liver in keeping with fatty infiltration, no focal lesion",
           "Ultrasound last month showed hepatic steatosis, normal spleen, no duct dilatation",
           "USS: fatty liver, gallbladder normal", "Abdominal ultrasound reported as fatty liver (NAFLD), otherwise normal"]
CIRRHOSIS = ["Known alcohol-related cirrhosis, abstinent since {yr}", "Known cirrhosis (NAFLD-related), diagnosed {yr}",
             "Background of cirrhosis secondary to hepatitis C, treated in {yr}"]
IBD_NAME = {"UC": ["ulcerative colitis", "UC", "left-sided ulcerative colitis"],
            "Crohn's": ["Crohn's disease", "ileal Crohn's", "Crohn's disease (terminal ileum)"]}
IBD_STABLE = ["In remission on {drug} for the past two years, bowels once or twice a day and formed",
              "Stable on {drug}, last flare in {yr}", "Quiescent for three years on maintenance {drug}",
              "Well, in remission on {drug}, with no symptoms at present"]


def say_record(it, S, V):
    f, x, rng = it["f"], it["x"], S.rng
    if f == "cirrhosis":
        t = fill(rng.choice(CIRRHOSIS), S, it, yr=rng.choice([2016, 2018, 2020, 2022]))
        return t if V.kind == "abbr" else t + "."
    if f == "known_ibd":
        nm = rng.choice(IBD_NAME[x["kind"]])
        yr = rng.choice([2009, 2013, 2016, 2019])
        if x.get("flare"):
            return "Known %s since %d, which seems to be flaring." % (nm, yr)
        return rng.choice(["Known %s since %d." % (nm, yr), "%s diagnosed %d." % (cap1(nm), yr)])
    if f == "ibd_stable":
        return fill(rng.choice(IBD_STABLE), S, it, yr=rng.choice([2019, 2020, 2021])) + "."
    if f == "ibd_question":
        return fill(x["q"], S, it)
    if f == "fh_crc":
        t = fill("{His} %s %s" % (x["rel"], x["what"]), S, it)
        if x.get("worry"):
            t += rng.choice([" and %s is worried it is the same" % pron(S.sex)["he"],
                             ", which is why %s is so anxious" % pron(S.sex)["he"]])
            S.story.append("worry_family")
        return t + "."
    if f == "fatty_liver":
        return rng.choice(IMAGING) + "."
    raise ValueError(f)


SUP_NAME = {"fit": "FIT", "hb": "Hb", "alt": "ALT", "calpro": "calprotectin", "ferritin": "ferritin"}


def say_dist(it, S, V):
    k, f, x, rng = it["k"], it["f"], it["x"], S.rng
    P = pron(S.sex)
    if k == "negated":
        if x.get("text"):
            return cap1(fill(x["text"], S, it)) + ("" if V.kind == "abbr" else ".")
        if it["sec"] == "exam":
            if f == "abdominal_mass":
                return rng.choice(["abdomen soft, non-tender, no masses", "no abdominal mass palpable",
                                   "abdomen soft with no masses"])
            return rng.choice(["PR: no masses, brown stool on the glove", "PR normal, no mass felt",
                               "PR - no masses"])
        if V.kind == "abbr":
            return rng.choice(NEG_AB[f])
        return fill(rng.choice(NEG[f]), S, it)
    if k == "family_history":
        return fill("{His} %s %s." % (x["rel"], x["what"]), S, it)
    if k == "resolved":
        return fill(x["text"], S, it)
    if k == "hypothetical":
        h = fill(rng.choice(HYP[f]), S, it)
        if V.kind == "abbr":
            return "SN re %s" % HYP_AB[f]
        if S.cap.get("poor_historian"):
            return rng.choice(["Staff know to contact us %s." % h, "Carers will let us know %s." % h])
        forms = ["I have advised %s to get back to us urgently %s." % (P["him"], h),
                 "Safety-netted: to seek review %s." % h, cap1(h) + ", %s knows to call us." % P["he"],
                 "%s knows to contact us %s." % (P["He"], h)]
        i = rng.randint(0, 3)
        if x.get("n", 0) == 1:
            i = (getattr(S, "_hyp_i", 0) + 1 + rng.randint(0, 2)) % 4
        S._hyp_i = i
        return forms[i]
    if k in ("hedged", "poor_historian_denial", "explained"):
        t = fill(x["text"], S, it)
        return cap1(t) + ("" if V.kind == "abbr" else ".")
    if k == "refuted":
        ip = fill(INF[x["inf"]][0], S, it) if x["inf"] in INF else "%s %s" % (P["His"], x["inf"])
        return cap1(fill(REFUTED[f], S, it, Inf=ip)) + "."
    if k == "superseded":
        old = x["old"]
        if f == "hb":
            unit = [i for i in S.items if i["t"] == "pos" and i["f"] == "hb"][0]["x"].get("unit")
            ov = ("%.1f g/dL" % (old / 10.0)) if unit == "gdl" else "%d g/L" % old
        else:
            ov = num(old)
        return "previous %s %s %s" % (SUP_NAME[f], ov, x["ago"])
    if k == "other_person":
        return cap1(fill(x["text"], S, it)) + "."
    raise ValueError(k)


def say(it, S, V):
    if it["t"] == "pos":
        return say_pos(it, S, V)
    if it["t"] == "dist":
        return say_dist(it, S, V)
    return fill(it["text"], S, it)


def tag(it):
    if it["t"] == "pos":
        return ("ev", it["f"])
    if it["t"] == "dist":
        return ("dist", it["k"], it["f"])
    return ("neu", it["note"])


# ----------------------------------------------------------------------------------------
# the document: tagged segments
# ----------------------------------------------------------------------------------------
PUNCT_RE = re.compile(r"(?<!\d)\.|\.(?!\d)|[,;:!\"()\[\]?]|'")


def lower_nopunct(s):
    s = s.lower()
    s = re.sub(r"\?(?=\w)", "query ", s)
    s = PUNCT_RE.sub("", s)
    return s


class Doc:
    def __init__(self, S, lower=False):
        self.S = S
        self.parts = []
        self.lower = lower

    def w(self, text, tg=None, ref=None):
        if text is None or text == "":
            return
        if self.lower:
            text = lower_nopunct(text)
        self.parts.append([text, tg, ref])

    def apply_slip(self, rng):
        order = list(SLIPS)
        rng.shuffle(order)
        for good, bad in order:
            for p in self.parts:
                if p[1] is not None:
                    continue
                m = re.search(r"\b%s\b" % re.escape(good), p[0])
                if m:
                    p[0] = p[0][:m.start()] + bad + p[0][m.end():]
                    return {"kind": "spelling_slip", "from": good, "to": bad, "in": p[0].strip()[:80]}
        return None

    def it(self, it, V, pre="", post=""):
        self.S.written.add(id(it))
        self.w(pre)
        self.w(say(it, self.S, V), tag(it), it)
        self.w(post)

    def seq(self, its, V, sep=", ", pre="", post="", fmt=None):
        if not its:
            return
        self.w(pre)
        for i, it in enumerate(its):
            if i:
                self.w(sep)
            self.S.written.add(id(it))
            t = say(it, self.S, V)
            if fmt:
                t = fmt(t)
            self.w(t, tag(it), it)
        self.w(post)

    def nl(self, n=1):
        self.w("\n" * n)

    def render(self):
        text = ""
        spans = []
        for s, tg, ref in self.parts:
            if tg is not None:
                spans.append([len(text), len(text) + len(s), list(tg), s, ref])
            text += s
        return text, spans


def sec(S, name, t=None):
    return [i for i in S.items if i.get("sec") == name and (t is None or i["t"] == t)]


def hx_items(S):
    return [i for i in S.items if i["sec"] == "hx"]


def val_items(S):
    return [i for i in S.items if i["sec"] == "res" and i["t"] == "pos"]


def sup_for(S, f):
    for i in S.items:
        if i["t"] == "dist" and i["k"] == "superseded" and i["f"] == f:
            return i
    return None


def write_results(doc, S, V, sep=", ", pre="", post=".", items=None):
    its = val_items(S) if items is None else items
    its = [i for i in its if i["f"] != "ppi_weeks"]
    if not its:
        return False
    doc.w(pre)
    for n, it in enumerate(its):
        if n:
            doc.w(sep)
        doc.it(it, V)
        sp = sup_for(S, it["f"])
        if sp:
            doc.w(" (")
            doc.it(sp, V)
            doc.w(")")
    pend = [i for i in S.items if i["t"] == "neu" and i["note"] == "fit_pending"]
    for p in pend:
        doc.w(sep)
        doc.it(p, V)
    doc.w(post)
    return True


def fit_pending_only(doc, S, V, pre="", post="."):
    pend = [i for i in S.items if i["t"] == "neu" and i["note"] == "fit_pending"]
    for p in pend:
        doc.w(pre)
        doc.it(p, V)
        doc.w(post)


# ---- identity, ages, dates ------------------------------------------------------------
def d(S, dt, style=None):
    s = fmt_date(dt, S.date_style if style is None else style)
    if dt != S.dob and s not in S.dates_in_text:
        S.dates_in_text.append(s)
        S.date_objs.append(dt.isoformat())
    return s


def age_text(S, mode):
    a, P = S.age, pron(S.sex)
    if mode == "yo":
        return "%d-year-old" % a
    if mode == "words":
        return "%s-year-old" % words(a)
    if mode == "aged":
        return "aged %d" % a
    if mode == "y":
        return "%dy" % a
    if mode == "age":
        return "Age: %d" % a
    if mode == "abbr":
        return "%d%s" % (a, "M" if S.sex == "M" else "F")
    if mode == "yrs":
        return "%d yrs" % a
    raise ValueError(mode)


def w_age(doc, S, mode):
    if S.dob_only:
        return False
    tg = ("ev", "age_sex") if mode == "abbr" else ("ev", "age")
    doc.w(age_text(S, mode), tg)
    return True


def w_sex(doc, S, word=None):
    P = pron(S.sex)
    if word is None:
        word = S.rng.choice([P["man"], P["gent"]])
    doc.w(word, ("ev", "sex"))


def w_dob(doc, S, style=None, label="DOB: "):
    doc.w(label)
    doc.w(d(S, S.dob, style), ("ev", "dob"))


def w_date(doc, S, label="Date: ", style=None):
    doc.w(label)
    doc.w(d(S, S.letter_date, style), ("ev", "letter_date"))


def w_name(doc, S, with_title=True, style=0):
    if with_title:
        doc.w(S.title, ("ev", "sex"))
        doc.w(" ")
    if style == 1:
        doc.w("%s, %s" % (S.last.upper(), S.first))
    else:
        doc.w("%s %s" % (S.first, S.last))


def w_nhs(doc, S, label="NHS No: "):
    doc.w(label + fmt_nhs(S.nhs, S.nhs_style))


def practice_block(doc, S, long=True):
    p = S.practice
    doc.w("%s\n%s\n%s\n" % (p[0], p[1], p[2]))
    if long:
        doc.w("Tel: 0%d %06d   Fax: 0%d %06d\nPractice code: %s\n" % (
            S.rng.randint(1200, 1999), S.rng.randint(100000, 999999), S.rng.randint(1200, 1999),
            S.rng.randint(100000, 999999), S.pcode))


def recipient(doc, S):
    doc.w(S.rng.choice([
        "%s\nConsultant Gastroenterologist\n%s\n" % (S.consultant, S.hospital),
        "The Gastroenterology Department\n%s\n" % S.hospital,
        "Gastroenterology Referrals (e-RS)\n%s\n" % S.hospital,
    ]))


def w_obs(doc, S):
    r = S.rng
    doc.w("Pulse %d, BP %d/%d, temp %.1f" % (r.randint(64, 92), r.randint(112, 148), r.randint(64, 88),
                                             r.choice([36.4, 36.6, 36.8, 37.0])))


def w_prio(doc, S, kind="prose"):
    lvl = S.gp_level
    if lvl is None:
        return False
    P = pron(S.sex)
    r = S.rng
    pool = {
        "prose": {
            "usc": ["I would be grateful if you could see %s under the suspected cancer (2WW) pathway." % P["him"],
                    "I am referring %s under the two-week-wait pathway." % P["him"],
                    "Please could %s be seen as an urgent suspected cancer referral." % P["he"]],
            "urgent": ["I would be grateful for an urgent appointment.", "Please could %s be seen urgently." % P["he"],
                       "I would appreciate %s being seen soon, as an urgent referral." % P["him"]],
            "routine": ["A routine appointment would be fine.", "I would be grateful for a routine appointment.",
                        "There is no great rush; routine is fine."],
            "advice": ["I would value your advice, and I am happy for this to be handled as advice and guidance.",
                       "I would be grateful for advice rather than an appointment, if you think that is appropriate.",
                       "Advice and guidance only, please."],
        },
        "short": {
            "usc": ["2WW pls", "2ww please", "USC please", "Suspected cancer pathway pls"],
            "urgent": ["urgent pls", "Urgent please", "soon pls - urgent"],
            "routine": ["routine", "Routine please", "routine OPD"],
            "advice": ["A&G pls", "advice only", "Advice & guidance please"],
        },
    }[kind if kind in ("prose", "short") else "prose"]
    doc.w(r.choice(pool[lvl]), ("neu", "priority"))
    return True


PRIO_FORM = {"usc": "Urgent suspected cancer", "urgent": "Urgent", "routine": "Routine", "advice": "Advice and guidance"}


# ---- shared paragraph writers -----------------------------------------------------------
def p_history(doc, S, V, sep=" ", pre="", post="", items=None):
    its = hx_items(S) if items is None else items
    its = [i for i in its if i.get("sec") != "ps"]
    if not its:
        return False
    doc.w(pre)
    for n, it in enumerate(its):
        if n:
            doc.w(sep)
        if it["t"] == "pos" and it["f"] == "ppi_weeks" and V.kind != "prose":
            doc.it(it, V)
        else:
            doc.it(it, V)
    doc.w(post)
    return True


def p_neg(doc, S, V, pre="", sep=", ", post=".", cap=False):
    its = sec(S, "neg")
    if not its:
        return False
    first = [True]

    def _cap(t):
        if first[0]:
            first[0] = False
            return cap1(t)
        return t
    doc.seq(its, V, sep=sep, pre=pre, post=post, fmt=_cap if cap else None)
    return True


def p_pmh(doc, S, V, pre="", sep=" ", post=""):
    its = sec(S, "pmh")
    if not its:
        return False
    doc.seq(its, V, sep=sep, pre=pre, post=post)
    return True


def p_fh(doc, S, V, pre="", sep=" ", post=""):
    its = sec(S, "fh")
    if not its:
        return False
    doc.seq(its, V, sep=sep, pre=pre, post=post)
    return True


def p_exam(doc, S, V, pre="", sep=" ", post="", obs=True):
    its = sec(S, "exam")
    show_obs = obs and S.rng.random() < 0.6
    if not its and not show_obs:
        return False
    doc.w(pre)
    if show_obs:
        w_obs(doc, S)
        doc.w(". " if V.kind != "abbr" else "; ")
    for n, it in enumerate(its):
        if n:
            doc.w(sep)
        if it["t"] == "dist" and it["k"] == "negated":
            t = say(it, S, V)
            S.written.add(id(it))
            doc.w(cap1(t) + ("." if V.kind != "abbr" else ""), tag(it), it)
        else:
            doc.it(it, V)
    doc.w(post)
    return True


def p_imaging(doc, S, V, pre="", post=" "):
    its = sec(S, "imaging")
    if not its:
        return False
    doc.seq(its, V, sep=" ", pre=pre, post=post)
    return True


def p_plan(doc, S, V, pre="", sep=" ", post="", notes=("question", "worry", "arranged", "diagnostic_hedge")):
    its = [i for i in S.items if (i["t"] == "neu" and i["note"] in notes and i.get("sec") != "ps")
           or (i["t"] == "pos" and i["f"] == "ibd_question" and i.get("sec") != "ps")]
    if not its:
        return False
    doc.seq(its, V, sep=sep, pre=pre, post=post,
            fmt=lambda t: t if (V.kind == "abbr" or t.endswith((".", "?", "!"))) else t + ".")
    return True


def p_safety(doc, S, V, pre="", sep=" ", post=""):
    its = sec(S, "safety")
    if not its:
        return False
    fmt = None
    if "afety" in pre or "orsening" in pre or S.rng.random() < 0.0:
        fmt = lambda t: cap1(t[len("Safety-netted: "):]) if t.startswith("Safety-netted: ") else t
    doc.seq(its, V, sep=sep, pre=pre, post=post, fmt=fmt)
    return True


def p_ps(doc, S, V, pre="\n\nP.S. "):
    its = [i for i in S.items if i.get("sec") == "ps"]
    if not its:
        return False
    doc.w(pre)
    for n, it in enumerate(its):
        if n:
            doc.w(" ")
        t = say(it, S, V)
        S.written.add(id(it))
        doc.w(cap1(t) + ("" if t.endswith((".", "?")) else "."), tag(it), it)
    return True


def maybe_ps(S, p):
    """move one decisive positive item to a P.S./addendum after the signature"""
    if S.rng.random() >= p:
        return
    F = S.F
    def decisive(i):
        f, v = i["f"], i["x"].get("v")
        if f == "fit":
            return _ge(v, 10)
        if f in ("hb", "ferritin"):
            return _lt(F.get("hb"), 130 if S.sex == "M" else 120) and _lt(F.get("ferritin"), 30) if F.get("hb") is not None and F.get("ferritin") is not None else False
        if f == "calpro":
            return _ge(v, 100)
        if f == "alt":
            return _ge(v, 40)
        return True
    cands = [i for i in S.items if i["t"] == "pos" and i["f"] in ("fit", "hb", "ferritin", "calpro", "alt", "dysphagia",
                                                                    "rectal_bleeding", "weight_loss", "haematemesis")
             and i["sec"] in ("res", "hx") and decisive(i)]
    if not cands:
        return
    it = S.rng.choice(cands)
    if it["f"] in ("hb", "ferritin"):
        for j in S.items:
            if j["t"] == "pos" and j["f"] in ("hb", "ferritin"):
                j["sec"] = "ps"
    else:
        it["sec"] = "ps"
    for j in S.items:
        if j["t"] == "dist" and j["k"] == "superseded" and j["f"] == it["f"]:
            j["sec"] = "ps"
    S.story.append("addendum_changes_picture")


def sign_off(doc, S, role, name=None):
    nm = name or S.doctor
    doc.w("\n\n%s\n\n%s\n%s" % (S.rng.choice(["Yours sincerely,", "Kind regards,", "With thanks,", "Yours faithfully,"]), nm, role))


def cc_line(doc, S):
    if S.rng.random() < 0.4:
        doc.w("\n\ncc: Patient; %s" % S.rng.choice(["Practice notes", "Dr %s (usual GP)" % S.rng.choice(DOCTOR_SURNAMES)] +
                                                   (["Community matron", "Care home"] if S.age >= 75 else ["Practice nurse"])))


def footer(doc, S, pages=2):
    if S.rng.random() < 0.3:
        f = "\n-- %s | %s | NHS No %s | page %%d of %d --\n" % (S.practice[0], S.first + " " + S.last, fmt_nhs(S.nhs, 0), pages)
        return f
    return None


# ----------------------------------------------------------------------------------------
# the twenty layouts
# ----------------------------------------------------------------------------------------
def reason_phrase(S):
    F = S.F
    if F.get("fit") is not None and _ge(F["fit"], 10):
        return "positive FIT result"
    if F.get("alt") is not None and _ge(F["alt"], 40):
        return S.rng.choice(["raised ALT", "abnormal liver function tests"])
    if F.get("fatty_liver"):
        return "liver ultrasound result"
    if F.get("ttg_raised"):
        return "coeliac blood test"
    if F.get("known_ibd"):
        return "inflammatory bowel disease"
    if F.get("cirrhosis"):
        return "liver disease"
    if F.get("calpro") is not None:
        return "calprotectin result"
    if F.get("fh_crc"):
        return "family history"
    if F.get("hb") is not None or F.get("ferritin") is not None:
        return "recent blood results"
    return "symptoms"


def no_history(S):
    return not [i for i in hx_items(S) if i["t"] == "pos" and i.get("sec") != "ps"]


def w_reason(doc, S, fmt=None, force=False):
    if not (force or no_history(S)):
        return False
    P = pron(S.sex)
    if fmt is None:
        fmt = S.rng.choice(["I am writing about %s %%s. " % P["his"], "This is about %s %%s. " % P["his"]])
    doc.w(fmt % reason_phrase(S), ("neu", "reason"))
    return True


def a_or_an(word):
    w = word.lower()
    return "an" if (w.startswith(("8", "eight", "eleven", "a", "e", "i", "o", "u")) or re.match(r"1[18](\D|$)", w)) else "a"


def w_a_age_sex(doc, S, mode, sexword):
    """'a 67-year-old man', 'an 84-year-old lady', or 'a lady' when only the DOB is given"""
    if S.dob_only:
        doc.w(a_or_an(sexword) + " ")
        w_sex(doc, S, sexword)
        return
    doc.w(a_or_an(age_text(S, mode)) + " ")
    w_age(doc, S, mode)
    doc.w(" ")
    w_sex(doc, S, sexword)


def L_formal(S, doc):
    V = Voice("prose")
    r = S.rng
    practice_block(doc, S, long=True)
    doc.w("\n")
    recipient(doc, S)
    doc.w("\n")
    w_date(doc, S, label="", style=1)
    doc.w("\n\n%s\n\n" % r.choice(["Dear %s," % S.consultant, "Dear Doctor,", "Dear Colleague,"]))
    doc.w("Re: ")
    w_name(doc, S)
    doc.w("   ")
    w_dob(doc, S, label="DOB ")
    doc.w("   ")
    w_nhs(doc, S, "NHS number ")
    doc.w("\n%s\n\n" % S.address)
    doc.w(r.choice(["I would be grateful if you would see this ", "Thank you for seeing this ",
                    "I should be grateful for your opinion on this "]))
    if not w_age(doc, S, r.choice(["yo", "yo", "words"])):
        doc.w("")
    else:
        doc.w(" ")
    w_sex(doc, S)
    doc.w(", whom I saw in surgery on %s. " % d(S, S.consult))
    w_reason(doc, S)
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, pre=r.choice(["On systems enquiry: ", "Otherwise: ", "Systems review: "]), sep=", ", post=". ")
    p_pmh(doc, S, V, pre="\n\nPast history: ", post="")
    p_fh(doc, S, V, pre="\n\n")
    p_exam(doc, S, V, pre="\n\nOn examination: ")
    ft = footer(doc, S)
    if ft:
        doc.w(ft % 1)
    write_results(doc, S, V, pre="\n\nRecent investigations: ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\n")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    doc.w("\n\nThank you for your help with %s care." % pron(S.sex)["his"])
    sign_off(doc, S, "Senior Partner, %s" % S.practice[0], name="%s MBChB FRCGP" % S.doctor)
    p_ps(doc, S, V)
    cc_line(doc, S)
    if ft:
        doc.w("\n" + ft % 2)


def L_terse(S, doc):
    V = Voice("abbr")
    r = S.rng
    doc.w("Re: ")
    mode = r.choice(["abbr", "y", "yrs"])
    w_name(doc, S, with_title=(mode != "abbr" or S.dob_only))
    doc.w(" ")
    if S.dob_only:
        w_dob(doc, S, label="dob ")
    else:
        w_age(doc, S, mode)
    doc.w("  ")
    w_date(doc, S, label="", style=5)
    doc.w("\n")
    its = [i for i in S.items if i["sec"] in ("hx", "pmh", "imaging") and i["t"] == "pos"]
    doc.seq(its, V, sep=". ", post=". ", fmt=lambda t: t.rstrip("."))
    hd = [i for i in S.items if i["t"] == "dist" and i["sec"] in ("hx", "pmh") and (i["k"] != "negated" or i["x"].get("text"))]
    doc.seq(hd, V, sep=". ", post=". ", fmt=lambda t: t.rstrip("."))
    if sec(S, "exam"):
        p_exam(doc, S, V, sep="; ", post=". ", obs=False)
    write_results(doc, S, V, sep=", ", post=". ")
    p_neg(doc, S, V, sep=", ", post=". ")
    p_fh(doc, S, Voice("prose"), post=" ")
    p_plan(doc, S, V, post=" ")
    p_safety(doc, S, V, post=" ")
    w_prio(doc, S, "short")
    doc.w("\n%s (locum)" % S.doctor)
    p_ps(doc, S, V, pre="\nPS ")


def L_chatty(S, doc):
    V = Voice("prose")
    r = S.rng
    P = pron(S.sex)
    doc.w("%s\n" % S.practice[0])
    w_date(doc, S, label="", style=0)
    doc.w("\n\n%s\n\n" % r.choice(["Dear %s," % S.consultant, "Dear colleague,", "Dear Gastro team,"]))
    doc.w("Re: ")
    w_name(doc, S)
    doc.w(", ")
    w_dob(doc, S, label="born ")
    doc.w("\n\n")
    doc.w(r.choice(["Thank you for seeing %s, " % S.first, "I'd be really grateful if you could cast an eye over %s, " % S.first,
                    "I wonder if you could help me with %s, " % S.first]))
    w_a_age_sex(doc, S, r.choice(["words", "yo"]), r.choice([P["gent"], P["man"]]))
    doc.w(r.choice([" I've known for years", " who is usually very stoical", " who came in with %s family" % P["his"]]))
    doc.w(". ")
    doc.w(r.choice(["I saw %s on %s. " % (P["him"], d(S, S.consult)), "%s came to see me on %s. " % (P["He"], d(S, S.consult))]))
    w_reason(doc, S)
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, pre=r.choice(["Reassuringly: ", "The good news: "]), sep=", ", post=". ")
    p_fh(doc, S, V, pre="\n\n")
    p_pmh(doc, S, V, pre="\n\nBackground-wise: ", post="")
    if sec(S, "exam"):
        p_exam(doc, S, V, pre="\n\nWhen I examined %s: " % P["him"])
    write_results(doc, S, V, pre="\n\nBloods and tests so far: ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\n")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    doc.w("\n\n%s" % r.choice(["Many thanks,", "Thanks so much,", "Best wishes,"]))
    doc.w("\n%s\nGP" % S.doctor)
    p_ps(doc, S, V)


def L_third(S, doc):
    V = Voice("prose", subject="patient")
    r = S.rng
    practice_block(doc, S, long=r.random() < 0.5)
    w_date(doc, S, label="\nDate of letter: ", style=0)
    doc.w("\nDate of consultation: %s\n\n" % d(S, S.consult, 0))
    doc.w("Dear Doctor\n\nRe: ")
    w_name(doc, S, style=1)
    doc.w("  ")
    w_dob(doc, S, label="D.O.B. ")
    doc.w("  ")
    w_nhs(doc, S, "NHS ")
    doc.w("\n\nThe patient is ")
    w_a_age_sex(doc, S, "yo", pron(S.sex)["man"])
    doc.w(" who attended the surgery. ")
    w_reason(doc, S, fmt="The patient attended to discuss %s. " % ("the %s"))
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, pre="On enquiry: ", sep=", ", post=". ")
    p_pmh(doc, S, V, pre="The patient's past history: ", post=" ")
    p_fh(doc, S, V, pre="")
    p_exam(doc, S, V, pre="\n\nOn examination of the patient: ")
    write_results(doc, S, V, pre="\n\nThe patient's investigations: ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\n")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    doc.w(" The patient is aware of this referral.")
    sign_off(doc, S, "Partner, on behalf of the partners")
    cc_line(doc, S)
    p_ps(doc, S, V, pre="\n\nAddendum: ")


def L_lower(S, doc):
    V = Voice("prose")
    r = S.rng
    doc.w("dear dr\n")
    doc.w("re ")
    w_name(doc, S, with_title=r.random() < 0.5)
    doc.w(" ")
    w_dob(doc, S, label="dob ")
    doc.w(" ")
    w_date(doc, S, label="seen ", style=0)
    doc.w("\n")
    if w_age(doc, S, r.choice(["yrs", "yo"])):
        doc.w(" ")
    else:
        doc.w("this ")
    w_sex(doc, S, r.choice([pron(S.sex)["man"], "lady" if S.sex == "F" else "chap"]))
    doc.w(" ")
    w_reason(doc, S)
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, sep=" ", post=" ")
    p_pmh(doc, S, V, pre="pmh ", post=" ")
    p_fh(doc, S, V, pre="fh ", post=" ")
    p_exam(doc, S, V, pre="oe ", post=" ")
    write_results(doc, S, V, pre="bloods ", sep=" ", post=" ")
    p_imaging(doc, S, V, pre="")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    doc.w("\nthanks\n%s" % S.doctor)
    p_ps(doc, S, V, pre="\nps ")


def L_abbr(S, doc):
    V = Voice("abbr")
    r = S.rng
    doc.w("%s (%s)\n" % (S.practice[0], S.pcode))
    w_date(doc, S, label="Date: ", style=2)
    doc.w("\nTo: Gastro OPD, %s\n\nRe: " % S.hospital)
    w_name(doc, S)
    doc.w(" ")
    if not w_age(doc, S, "abbr"):
        w_dob(doc, S, label="DOB ", style=2)
    doc.w(" ")
    w_nhs(doc, S, "NHS ")
    doc.w("\n\nPC: ")
    hx = [i for i in hx_items(S) if i.get("sec") != "ps"]
    if hx:
        doc.seq(hx[:1], V)
    else:
        doc.w(reason_phrase(S), ("neu", "reason"))
    if hx[1:] or sec(S, "neg"):
        doc.w("\nHPC: ")
        doc.seq(hx[1:], V, sep="; ", post="; " if hx[1:] and sec(S, "neg") else "")
        p_neg(doc, S, V, sep=", ", post=".")
    if sec(S, "pmh"):
        p_pmh(doc, S, Voice("prose"), pre="\nPMH: ")
    p_fh(doc, S, Voice("prose"), pre="\nFH: ")
    doc.w("\nDH: %s" % r.choice(["nil regular", "amlodipine 5mg od, atorvastatin 20mg on", "levothyroxine 75mcg od", "sertraline 50mg od",
                                 "metformin 500mg bd", "COCP" if (S.sex == "F" and S.age < 50) else "nil regular"]))
    doc.w("\nSH: %s" % r.choice(["non-smoker, 6u EtOH/wk", "ex-smoker 20py, 14u/wk", "smoker 10/d, no EtOH", "lives with family, works FT"]))
    if sec(S, "exam"):
        p_exam(doc, S, V, pre="\nO/E: ", sep="; ")
    write_results(doc, S, V, pre="\nIx: ", sep=", ", post="")
    p_imaging(doc, S, V, pre="\n")
    doc.w("\nImp/Plan: ")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S, "short")
    p_safety(doc, S, V, pre="; ", sep="; ")
    doc.w("\n\n%s, GP" % S.doctor)
    p_ps(doc, S, V, pre="\nPS: ")


def L_problems(S, doc):
    V = Voice("note")
    r = S.rng
    practice_block(doc, S, long=False)
    w_date(doc, S, label="Date: ", style=1)
    doc.w("\nGastroenterology referral\n\nPatient: ")
    w_name(doc, S)
    doc.w("  ")
    w_dob(doc, S)
    doc.w("  ")
    if w_age(doc, S, "age"):
        doc.w("  ")
    w_nhs(doc, S)
    doc.w("\n\nProblems:\n")
    if no_history(S) and not sec(S, "pmh") and not sec(S, "imaging"):
        w_reason(doc, S, fmt="0. Reason for referral: %s\n", force=True)
    probs = [i for i in S.items if i["sec"] in ("hx", "pmh", "imaging") and i["t"] in ("pos", "dist")
             and not (i["t"] == "dist" and i["k"] == "negated" and not i["x"].get("text"))]
    for n, it in enumerate(probs, 1):
        doc.w("%d. " % n)
        doc.it(it, V)
        doc.w("\n")
    if sec(S, "fh"):
        doc.w("%d. Family history: " % (len(probs) + 1))
        p_fh(doc, S, Voice("prose"))
        doc.w("\n")
    negs = sec(S, "neg")
    exams = sec(S, "exam")
    vals = [i for i in val_items(S) if i["f"] != "ppi_weeks"]
    if negs or exams or vals:
        doc.w("\nFindings:\n")
        k = 1
        for it in negs:
            doc.w("%d. " % k)
            S.written.add(id(it))
            doc.w(cap1(say(it, S, V)), tag(it), it)
            doc.w("\n")
            k += 1
        for it in exams:
            doc.w("%d. " % k)
            if it["t"] == "dist" and it["k"] == "negated":
                S.written.add(id(it))
                doc.w(cap1(say(it, S, V)), tag(it), it)
            else:
                doc.it(it, V)
            doc.w("\n")
            k += 1
        if vals:
            doc.w("%d. Results: " % k)
            write_results(doc, S, V, sep="; ", post="\n")
    else:
        fit_pending_only(doc, S, V, pre="\nFindings:\n1. ", post="\n")
    doc.w("\nRequests:\n1. ")
    if not w_prio(doc, S):
        doc.w("Gastroenterology opinion")
    doc.w("\n")
    if p_plan(doc, S, V, pre="2. ", sep="\n3. ", post="\n"):
        pass
    p_safety(doc, S, Voice("prose"), pre="\nSafety netting: ")
    doc.w("\n\n%s\nSalaried GP" % S.doctor)
    p_ps(doc, S, V, pre="\n\nAddendum: ")


def L_soap(S, doc):
    V = Voice("prose")
    r = S.rng
    H = r.choice([("S:", "O:", "A:", "P:", None), ("HPC:", "Exam:", "Impression:", "What I would like:", "What I have done:"),
                  ("Hx:", "Examination:", "Concerns:", "Plan:", None), ("HPC:", "O/E:", "Impression:", "What I would like:", "What I have done:")])
    doc.w("%s - GP Registrar referral\n" % S.practice[0])
    w_date(doc, S, label="Date: ", style=0)
    doc.w("\nPatient: ")
    w_name(doc, S)
    doc.w(", ")
    if not w_age(doc, S, "aged"):
        w_dob(doc, S, label="DOB ")
    else:
        doc.w(" (")
        w_dob(doc, S, label="DOB ")
        doc.w(")")
    doc.w("\n\n")
    hx = [i for i in hx_items(S) if i.get("sec") != "ps"]
    if hx and r.random() < 0.6:
        doc.w("Presenting complaint: ")
        doc.it(hx[0], Voice("note"))
        doc.w("\n")
        hx = hx[1:]
    doc.w(H[0] + " ")
    if not p_history(doc, S, V, items=hx):
        if not w_reason(doc, S, fmt="seen about %s %%s." % pron(S.sex)["his"]):
            doc.w("as above")
    p_pmh(doc, S, V, pre=" ")
    p_fh(doc, S, V, pre=" ")
    if sec(S, "neg"):
        doc.w("\nRed flags screened: ")
        p_neg(doc, S, V, sep=", ", post=".")
    doc.w("\n%s " % H[1])
    if not p_exam(doc, S, V, obs=True):
        doc.w("not examined")
    write_results(doc, S, V, pre="\nResults: ", post=".")
    p_imaging(doc, S, V, pre="\nImaging: ")
    doc.w("\n%s " % H[2])
    if not p_plan(doc, S, V, notes=("diagnostic_hedge", "worry")):
        doc.w(r.choice(["see above", "uncertain - hence referral"]))
    if H[4] and [i for i in S.items if i["t"] == "neu" and i["note"] == "arranged"]:
        doc.w("\n%s " % H[4])
        p_plan(doc, S, V, notes=("arranged",))
        doc.w("\n%s " % H[3])
        p_plan(doc, S, V, notes=("question",), post=" ")
    else:
        doc.w("\n%s " % H[3])
        p_plan(doc, S, V, notes=("question", "arranged"), post=" ")
    w_prio(doc, S)
    if sec(S, "safety"):
        p_safety(doc, S, V, pre="\nSafety netting: ")
    doc.w("\n\n%s, GP Registrar (ST3)\nSupervisor: Dr %s" % (S.doctor, r.choice(DOCTOR_SURNAMES)))
    p_ps(doc, S, V, pre="\n\nAddendum (supervisor): ")


def L_remote(S, doc):
    V = Voice("prose")
    r = S.rng
    P = pron(S.sex)
    practice_block(doc, S, long=False)
    w_date(doc, S, label="Letter date: ", style=0)
    doc.w("\n\nDear Gastroenterology team,\n\nRe: ")
    w_name(doc, S)
    doc.w(", ")
    w_dob(doc, S, label="DOB ")
    doc.w(", ")
    w_nhs(doc, S, "NHS ")
    doc.w("\n\n")
    mode = S.remote_mode
    doc.w("%s %s: " % ({"phone": "Telephone consultation", "video": "Video consultation", "phone_f2f": "Telephone consultation",
                        "video_f2f": "Video consultation"}[mode], d(S, S.visit1)))
    doc.w("spoke to ")
    w_a_age_sex(doc, S, "yo", S.rng.choice([pron(S.sex)["man"], pron(S.sex)["gent"]]))
    doc.w(". ")
    w_reason(doc, S)
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, pre="No red flags otherwise: ", sep=", ", post=". ")
    p_pmh(doc, S, V, pre="", post=" ")
    p_fh(doc, S, V)
    if mode in ("phone", "video"):
        doc.w(" " + r.choice(["No examination was possible over the phone.", "Examination not possible remotely.",
                              "I have not been able to examine %s." % P["him"]]) if mode == "phone" else
              " " + r.choice(["Only a limited visual examination was possible on video.", "Visual inspection only on the video call."]))
        S.story.append("remote_no_exam")
    else:
        doc.w("\n\nFace-to-face review %s: " % d(S, S.visit2))
        p_exam(doc, S, V)
        S.story.append("two_visits")
    write_results(doc, S, V, pre="\n\nResults: ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\n")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    sign_off(doc, S, "GP")
    p_ps(doc, S, V, pre="\n\nAddendum %s: " % d(S, S.letter_date))


def L_carehome(S, doc):
    V = Voice("prose")
    r = S.rng
    P = pron(S.sex)
    practice_block(doc, S, long=True)
    doc.w("\nCare home ward round - %s\n" % S.carehome)
    w_date(doc, S, label="Date: ", style=1)
    doc.w("\n\nRe: ")
    w_name(doc, S)
    doc.w(" (room %d)  " % r.randint(1, 40))
    w_dob(doc, S, label="DOB ")
    doc.w("  ")
    w_nhs(doc, S)
    doc.w("\n\nDear Colleague,\n\n")
    doc.w("Resident")
    if not S.dob_only:
        doc.w(", ")
        w_age(doc, S, "aged")
        doc.w(",")
    doc.w(" with %s. " % S.cognition)
    doc.w("%s " % r.choice(["%s cannot give a reliable history and the history is from the staff who know %s well." % (P["He"], P["him"]),
                              "History largely from the senior carer and the nursing notes.",
                              "%s is a poor historian; the staff have raised the concerns below." % P["He"]]))
    S.story.append("history_from_others")
    doc.w("\n\nConcerns raised: ")
    p_history(doc, S, V)
    p_neg(doc, S, V, pre=" Staff report ", sep=", ", post=".")
    p_pmh(doc, S, V, pre="\n\nBackground: ", post="")
    p_fh(doc, S, V, pre=" ")
    doc.w("\n\nOn the ward round today: ")
    p_exam(doc, S, V)
    write_results(doc, S, V, pre="\n\nBloods: ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\n%s " % r.choice(["Discussed with %s daughter (NOK), who would like investigation if it can be tolerated." % P["his"],
                                 "I have spoken to %s son, who has LPA for health and welfare and supports referral." % P["his"],
                                 "ReSPECT form in place; family agree with outpatient assessment."]))
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    sign_off(doc, S, "GP, care home lead")
    cc_line(doc, S)
    p_ps(doc, S, V)


def L_111(S, doc):
    V = Voice("note")
    r = S.rng
    P = pron(S.sex)
    doc.w(r.choice(["NHS 111 - Integrated Urgent Care Clinical Assessment Service", "Out of Hours GP Service - Clinical Summary",
                    "IUC CAS / OOH - Patient Encounter Report"]))
    doc.w("\nCase ref: %d   " % r.randint(1000000, 9999999))
    w_date(doc, S, label="Encounter date: ", style=0)
    doc.w(" %02d:%02d\n" % (r.randint(18, 23), r.randint(0, 59)))
    doc.w("Patient: ")
    w_name(doc, S)
    doc.w("   ")
    w_dob(doc, S, label="DOB: ")
    doc.w("   ")
    w_nhs(doc, S)
    doc.w("\nRegistered GP: %s\n" % S.practice[0])
    caller = S.caller
    doc.w("Caller: %s\n" % caller)
    doc.w("Consultation type: %s\n\n" % ("telephone" if not S.cap.get("exam") else "face to face at OOH base"))
    doc.w("Presenting complaint / history: ")
    if w_age(doc, S, "yo"):
        doc.w(" ")
    w_sex(doc, S)
    doc.w(". ")
    w_reason(doc, S)
    p_history(doc, S, Voice("prose"), post=" ")
    p_neg(doc, S, V, pre="\nRed flags asked: ", sep=", ", post=".")
    p_pmh(doc, S, Voice("prose"), pre="\nPMH: ")
    p_fh(doc, S, Voice("prose"), pre="\nFH: ")
    if S.cap.get("exam"):
        doc.w("\nExamination: ")
        if not p_exam(doc, S, Voice("prose")):
            doc.w("nothing abnormal found.")
    else:
        doc.w("\nExamination: not possible (telephone assessment).")
        S.story.append("remote_no_exam")
    write_results(doc, S, V, pre="\nResults visible on shared record: ", post=".")
    p_imaging(doc, S, V, pre="\n")
    doc.w("\nClinician impression: ")
    if not p_plan(doc, S, V, notes=("diagnostic_hedge", "question")):
        doc.w("needs specialist assessment.")
    p_plan(doc, S, V, notes=("worry",), pre=" ")
    doc.w("\nDisposition: %s " % r.choice(["Referred onward to gastroenterology; copy to own GP.",
                                             "Discussed with on-call medical registrar - advised outpatient referral. Summary forwarded.",
                                             "Own GP to action; summary copied to gastroenterology at caller's request."]))
    w_prio(doc, S, "short")
    p_safety(doc, S, Voice("prose"), pre="\nWorsening advice: ")
    p_plan(doc, S, V, notes=("arranged",), pre="\n")
    doc.w("\n\nClinician: %s, %s" % (S.doctor, r.choice(["Clinical Advisor (paramedic)", "OOH GP", "Advanced Nurse Practitioner, IUC"])))
    p_ps(doc, S, V, pre="\nLate entry: ")


def L_community(S, doc):
    V = Voice("prose", subject="name")
    r = S.rng
    P = pron(S.sex)
    team = S.team
    doc.w("%s\n%s\n" % (team, r.choice(["Unit 4, Civic Centre", "Orchard House, Kings Road", "Bramley Clinic"])))
    w_date(doc, S, label="Date: ", style=0)
    doc.w("\n\nTo: Gastroenterology, %s\n\nRe: " % S.hospital)
    w_name(doc, S)
    doc.w("  ")
    w_dob(doc, S, label="DOB: ")
    doc.w("  ")
    w_nhs(doc, S)
    doc.w("\n\n")
    if S.ld:
        doc.w("%s is a " % S.first)
        if w_age(doc, S, "yo"):
            doc.w(" ")
        w_sex(doc, S, pron(S.sex)["man"])
        doc.w(" with %s. %s\n\n" % (r.choice(["a moderate learning disability and autism", "Down's syndrome",
                                                "a severe learning disability; %s communicates with Makaton" % P["he"]]),
                                       r.choice(["%s cannot describe %s symptoms in detail, so much of this comes from %s support staff." % (P["He"], P["his"], P["his"]),
                                                 "The history below is from %s support worker, who has known %s for six years." % (P["his"], P["him"])])))
        S.story.append("learning_disability_history_from_others")
    else:
        doc.w("I am the community matron for %s, a housebound " % S.first)
        if w_age(doc, S, "yo"):
            doc.w(" ")
        w_sex(doc, S, pron(S.sex)["man"])
        doc.w(" whom I visit at home. ")
    w_reason(doc, S)
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, pre="\n\nNo other concerns reported: ", sep=", ", post=".")
    p_pmh(doc, S, V, pre="\n\nBackground: ")
    p_fh(doc, S, V, pre=" ")
    if sec(S, "exam"):
        doc.w("\n\nAt my visit on %s: " % d(S, S.consult))
        p_exam(doc, S, V)
    write_results(doc, S, V, pre="\n\nBloods (taken by the practice): ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\nReasonable adjustments: %s. " % (r.choice(["first appointment of the day, quiet waiting area",
                                                           "support worker to attend; easy-read letters please"]) if S.ld else
                                                 r.choice(["hospital transport needed", "home visit or transport needed; hoist transfer",
                                                           "needs a wheelchair and a relative to attend"])))
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    doc.w(" Dr %s (GP) is aware and agrees with this referral." % r.choice(DOCTOR_SURNAMES))
    sign_off(doc, S, S.role)
    p_ps(doc, S, V)


def L_pharm(S, doc):
    V = Voice("note")
    r = S.rng
    P = pron(S.sex)
    doc.w("%s - Structured Medication Review\nClinical Pharmacist: %s\n" % (S.practice[0], S.doctor.replace("Dr ", "")))
    w_date(doc, S, label="Review date: ", style=0)
    doc.w("\nPatient: ")
    w_name(doc, S)
    doc.w("   ")
    w_dob(doc, S, label="DOB ")
    doc.w("   ")
    if w_age(doc, S, "age"):
        doc.w("\n")
    else:
        doc.w("\n")
    doc.w("Review type: %s\n\n" % r.choice(["face to face in surgery", "telephone", "at home with carer present"]))
    doc.w("Medicines reviewed:\n- ")
    doc.w(r.choice(["Omeprazole 20mg capsules, 1 daily", "Lansoprazole 30mg, 1 daily",
                    "Ferrous fumarate 210mg, 1 twice daily", "Mebeverine 135mg tds prn"]), ("neu", "medication"))
    doc.w("\n- %s\n" % r.choice(["Amlodipine 5mg daily", "Atorvastatin 20mg nocte", "Sertraline 50mg",
                                  "Naproxen 500mg bd (stopped today)", "Ramipril 5mg"]))
    doc.w("\nIssues identified:\n")
    probs = [i for i in hx_items(S) + sec(S, "pmh") + sec(S, "imaging") if i.get("sec") != "ps"]
    if not probs:
        w_reason(doc, S, fmt="1. Referral prompted by %s at this review\n", force=True)
    for n, it in enumerate(probs, 1):
        doc.w("%d. " % n)
        doc.it(it, V if it["t"] == "pos" and it["f"] in BANK else Voice("prose"))
        doc.w("\n")
    p_neg(doc, S, V, pre="Screened: ", sep=", ", post="\n")
    p_fh(doc, S, Voice("prose"), post="\n")
    p_exam(doc, S, Voice("prose"), pre="Seen by nurse: ", post="\n", obs=False) if sec(S, "exam") else None
    write_results(doc, S, V, pre="\nResults reviewed: ", sep="; ", post="\n")
    doc.w("\nActions: ")
    p_plan(doc, S, Voice("prose"), post=" ")
    doc.w("Discussed with %s (GP), who agrees with referral. " % ("Dr " + r.choice(DOCTOR_SURNAMES)))
    w_prio(doc, S)
    p_safety(doc, S, Voice("prose"), pre=" ")
    doc.w("\n\n%s MPharm IP\nPractice Clinical Pharmacist" % S.doctor.replace("Dr ", ""))
    p_ps(doc, S, V, pre="\n\nAddendum: ")


def L_interp(S, doc):
    V = Voice("prose")
    r = S.rng
    P = pron(S.sex)
    practice_block(doc, S, long=True)
    w_date(doc, S, label="\n", style=1)
    doc.w("\n\nDear Gastroenterologist,\n\nRe: ")
    w_name(doc, S)
    doc.w("  ")
    w_dob(doc, S, label="DOB ")
    doc.w("  ")
    w_nhs(doc, S, "NHS No ")
    doc.w("\nInterpreter required: %s\n\n" % S.language)
    doc.w("I saw this ")
    if w_age(doc, S, r.choice(["yo", "words"])):
        doc.w(" ")
    w_sex(doc, S)
    doc.w(" on %s %s. %s " % (d(S, S.consult), r.choice(["with %s %s interpreter on Language Line" % (a_or_an(S.language), S.language),
                                                          "with a face-to-face %s interpreter" % S.language,
                                                          "with %s %s interpreting, as no professional interpreter was available" % (P["his"], S.family_interp)]),
                               r.choice(["%s speaks very little English." % P["He"], "%s English is limited." % P["His"]])))
    S.story.append("interpreter")
    w_reason(doc, S)
    p_history(doc, S, V, post=" ")
    p_neg(doc, S, V, pre="Through the interpreter %s denies other symptoms: " % P["he"], sep=", ", post=". ")
    p_pmh(doc, S, V, pre="\n\nPast history: ")
    p_fh(doc, S, V, pre=" ")
    if sec(S, "exam"):
        doc.w("\n\nExamination: ")
        p_exam(doc, S, V)
    write_results(doc, S, V, pre="\n\nInvestigations: ", post=".")
    p_imaging(doc, S, V, pre=" ")
    doc.w("\n\n")
    p_plan(doc, S, V, post=" ")
    w_prio(doc, S)
    p_safety(doc, S, V, pre=" ")
    doc.w(" Please book %s %s interpreter for any appointment." % (a_or_an(S.language), S.language))
    sign_off(doc, S, "GP Partner")
    p_ps(doc, S, V)


# ---- forms --------------------------------------------------------------------------
def uncertain_facts(S):
    return set(i["f"] for i in S.items if i["t"] == "dist" and i.get("upd"))


def ida_status(S):
    hb, fe = S.F.get("hb"), S.F.get("ferritin")
    if hb is None or fe is None:
        return None
    thr = 130 if S.sex == "M" else 120
    return _lt(hb, thr) and _lt(fe, 30)


def answer(S, yes, style):
    if style == "yesno":
        return "[Yes] / No" if yes else "Yes / [No]"
    if style == "yn":
        return "Y" if yes else "N"
    if style == "tick":
        return "\u2713" if yes else "\u2717"
    if style == "circle":
        return "(Y)  N" if yes else "Y  (N)"
    if style == "struck":
        return "Yes / ~~No~~" if yes else "~~Yes~~ / No"
    if style == "pa":
        return "present" if yes else "absent"
    if style == "pm":
        return "+" if yes else "-"
    raise ValueError(style)


def form_rows(doc, S, rows, style, width=46, p_skip=0.0):
    unc = uncertain_facts(S)
    n = 0
    for f, label in rows:
        if f in unc:
            continue
        if f == "ida":
            st = ida_status(S)
            if st is None:
                continue
            yes = st
        else:
            yes = bool(S.F.get(f))
        if not yes and S.rng.random() < p_skip:
            continue
        line = "%s %s %s" % (label, "." * max(3, width - len(label)), answer(S, yes, style))
        doc.w(line, ("ev", f) if yes else ("dist", "unticked", f))
        doc.w("\n")
        n += 1
    return n


LOWER_ROWS = [("rectal_bleeding", "Rectal bleeding"), ("cibh", "Change in bowel habit"),
              ("weight_loss", "Unexplained weight loss"), ("abdo_pain", "Abdominal pain"),
              ("abdominal_mass", "Abdominal mass on examination"), ("rectal_mass", "Rectal mass"),
              ("anal_mass", "Anal mass"), ("anal_ulcer", "Unexplained anal ulceration"),
              ("ida", "Iron deficiency anaemia (Hb and ferritin below)")]
UPPER_ROWS = [("dysphagia", "Dysphagia"), ("weight_loss", "Weight loss"), ("upper_abdo_pain", "Upper abdominal pain"),
              ("reflux", "Reflux"), ("dyspepsia", "Dyspepsia"), ("haematemesis", "Haematemesis"),
              ("abdominal_mass", "Upper abdominal mass"), ("jaundice", "Jaundice"),
              ("ida", "Iron deficiency anaemia")]


def L_ers(S, doc):
    V = Voice("note")
    r = S.rng
    doc.w("NHS e-Referral Service - Referral Letter\n")
    doc.w("UBRN: %s   " % S.ubrn)
    w_date(doc, S, label="Date: ", style=4)
    doc.w("\nService: ")
    doc.w("Gastroenterology - %s" % r.choice(["General Gastroenterology", "Straight to Test", "Gastroenterology Assessment"]), ("neu", "service"))
    doc.w("\nPriority: ")
    doc.w(PRIO_FORM[S.gp_level] if S.gp_level else "(not stated)", ("neu", "priority"))
    doc.w("\n")
    if S.gp_level:
        S.prio_in_header = True
    doc.w("Referrer: %s, %s (%s)   Referrer type: %s\n" % (S.doctor, S.practice[0], S.pcode, S.writer_kind))
    doc.w("\nPatient: ")
    w_name(doc, S, style=1)
    doc.w(" | ")
    w_dob(doc, S, label="DOB: ", style=4)
    doc.w(" | ")
    if w_age(doc, S, "age"):
        doc.w(" | ")
    doc.w("Sex: ")
    doc.w("Female" if S.sex == "F" else "Male", ("ev", "sex"))
    doc.w(" | ")
    w_nhs(doc, S, "NHS: ")
    doc.w("\nHospital no: %s\n" % S.hospno)
    hx = [i for i in hx_items(S) if i.get("sec") != "ps"]
    doc.w("\nReason for referral: ")
    first_pos = [i for i in hx if i["t"] == "pos" and i["f"] != "ppi_weeks"]
    if first_pos:
        doc.it(first_pos[0], V)
        hx = [i for i in hx if i is not first_pos[0]]
    else:
        doc.w(reason_phrase(S), ("neu", "reason"))
    doc.w("\nHistory of presenting complaint: ")
    if not p_history(doc, S, Voice("prose"), items=hx):
        doc.w("as above")
    doc.w("\nRed flags: ")
    if not p_neg(doc, S, V, sep=", ", post=""):
        doc.w("see history")
    doc.w("\nPast medical history: ")
    if not p_pmh(doc, S, Voice("prose")):
        doc.w(r.choice(["hypertension", "nil significant", "asthma, depression", "type 2 diabetes"]))
    doc.w("\nFamily history: ")
    if not p_fh(doc, S, Voice("prose")):
        doc.w("nil relevant")
    doc.w("\nExamination: ")
    if not p_exam(doc, S, Voice("prose"), obs=True):
        doc.w("not done")
    doc.w("\nInvestigations: ")
    if not write_results(doc, S, V, sep="; ", post=""):
        if [i for i in S.items if i["t"] == "neu" and i["note"] == "fit_pending"]:
            fit_pending_only(doc, S, V, post="")
        elif not sec(S, "imaging"):
            doc.w("none yet")
    p_imaging(doc, S, V, pre="; ", post="")
    doc.w("\nMedication: ")
    doc.w(r.choice(["see attached", "omeprazole 20mg od; amlodipine 5mg od", "nil", "levothyroxine; sertraline"]), ("neu", "medication"))
    doc.w("\nAllergies: %s\n" % r.choice(["NKDA", "penicillin (rash)", "none known"]))
    doc.w("Specific question / what would you like: ")
    if not p_plan(doc, S, Voice("prose")):
        doc.w("assessment and management")
    doc.w(" ")
    w_prio(doc, S)
    if not p_safety(doc, S, Voice("prose"), pre="\nSafety netting: "):
        doc.w("\nSafety netting: standard advice given")
    doc.w("\nPatient aware of referral and priority: Yes")
    p_ps(doc, S, V, pre="\n\nAdditional information (added %s): " % d(S, S.letter_date, 4))


def L_lowerform(S, doc):
    r = S.rng
    V = Voice("note")
    style = S.answer_style
    doc.w(r.choice(["SUSPECTED LOWER GI CANCER REFERRAL FORM (NICE NG12)", "Colorectal Urgent Suspected Cancer Referral - Straight to Test",
                    "LOWER GI 2WW REFERRAL PROFORMA"]), ("neu", "form_title"))
    doc.w("\nPlease complete ALL sections. Incomplete forms will be returned.\n\n")
    doc.w("Referring practice: %s (%s)   Referring GP: %s\n" % (S.practice[0], S.pcode, S.doctor))
    w_date(doc, S, label="Date of referral: ", style=0)
    doc.w("\nPatient name: ")
    w_name(doc, S)
    doc.w("\n")
    w_dob(doc, S, label="Date of birth: ", style=0)
    doc.w("   ")
    if w_age(doc, S, "age"):
        doc.w("   ")
    doc.w("Gender: ")
    doc.w("F" if S.sex == "F" else "M", ("ev", "sex"))
    doc.w("\n")
    w_nhs(doc, S, "NHS number: ")
    doc.w("\nPatient's telephone number confirmed: Y\nPatient available in next 14 days: Y\n\n")
    doc.w("SECTION 1 - Criteria (answer every row)\n")
    form_rows(doc, S, LOWER_ROWS, style)
    doc.w("\n")
    doc.w("SECTION 2 - FIT\nFIT result:", ("neu", "form_heading"))
    doc.w(" ")
    fits = [i for i in val_items(S) if i["f"] == "fit"]
    if fits:
        doc.it(fits[0], V)
        sp = sup_for(S, "fit")
        if sp:
            doc.w(" (")
            doc.it(sp, V)
            doc.w(")")
        doc.w("   Date of test: %s" % d(S, S.resdate, 0))
    else:
        pend = [i for i in S.items if i["t"] == "neu" and i["note"] == "fit_pending"]
        if pend:
            doc.it(pend[0], V)
        else:
            doc.w(r.choice(["not done", "not done - patient unable to complete", "not available"]), ("neu", "fit_absent"))
    doc.w("\n\nSECTION 3 - Bloods\n")
    others = [i for i in val_items(S) if i["f"] not in ("fit", "ppi_weeks")]
    if not write_results(doc, S, V, sep="\n", post="\n", items=others):
        doc.w("Not available\n")
    doc.w("\nSECTION 4 - Clinical details\n")
    p_history(doc, S, Voice("prose"), post="\n")
    p_neg(doc, S, V, pre="Negatives: ", sep=", ", post="\n")
    p_pmh(doc, S, Voice("prose"), post="\n")
    p_fh(doc, S, Voice("prose"), post="\n")
    ex = [i for i in sec(S, "exam")]
    if ex:
        doc.w("Examination: ")
        p_exam(doc, S, Voice("prose"), obs=False)
        doc.w("\n")
    p_imaging(doc, S, V, post="\n")
    p_plan(doc, S, Voice("prose"), post="\n")
    p_safety(doc, S, Voice("prose"), post="\n")
    doc.w("\nPerformance status (WHO): %d\n" % (r.choice([0, 0, 1]) if S.age < 70 else r.choice([1, 1, 2, 3])))
    if S.gp_level:
        doc.w("Referral type requested: ")
        w_prio(doc, S, "short")
        doc.w("\n")
    doc.w("Signed: %s" % S.doctor)
    p_ps(doc, S, V, pre="\n\nAddendum: ")


def L_upperform(S, doc):
    r = S.rng
    V = Voice("note")
    style = S.answer_style
    doc.w(r.choice(["UPPER GI SUSPECTED CANCER REFERRAL (OESOPHAGUS / STOMACH)", "Upper GI Urgent Suspected Cancer - Direct Access OGD Request",
                    "UGI 2WW PROFORMA"]), ("neu", "form_title"))
    doc.w("\n")
    w_date(doc, S, label="Date: ", style=0)
    doc.w("   GP: %s, %s\n\nName: " % (S.doctor, S.practice[0]))
    w_name(doc, S)
    doc.w("   ")
    w_dob(doc, S, label="DOB: ", style=0)
    doc.w("   ")
    if w_age(doc, S, "age"):
        doc.w("   ")
    w_nhs(doc, S, "NHS: ")
    doc.w("\n\nTick all that apply:\n")
    form_rows(doc, S, UPPER_ROWS, style, width=34)
    doc.w("\n")
    doc.w("PPI trial:", ("neu", "form_heading"))
    doc.w(" ")
    ppi = [i for i in S.items if i["t"] == "pos" and i["f"] == "ppi_weeks" and i.get("sec") != "ps"]
    if ppi:
        doc.it(ppi[0], Voice("note"))
    else:
        doc.w(r.choice(["n/a", "not tried", "none"]))
    doc.w("\nBloods: ")
    if not write_results(doc, S, V, sep="; ", post=""):
        doc.w("not yet available")
    doc.w("\n\nClinical summary:\n")
    hx = [i for i in hx_items(S) if not (i["t"] == "pos" and i["f"] == "ppi_weeks")]
    p_history(doc, S, Voice("prose"), items=hx, post="\n")
    p_neg(doc, S, V, pre="Also: ", sep=", ", post="\n")
    p_pmh(doc, S, Voice("prose"), post="\n")
    p_fh(doc, S, Voice("prose"), post="\n")
    if sec(S, "exam"):
        p_exam(doc, S, Voice("prose"), pre="O/E: ", post="\n")
    p_imaging(doc, S, V, post="\n")
    p_plan(doc, S, Voice("prose"), post="\n")
    p_safety(doc, S, Voice("prose"), post="\n")
    doc.w("Suitable for OGD: %s   Anticoagulants: %s\n" % (r.choice(["yes", "yes", "probably"]), r.choice(["none", "apixaban", "clopidogrel"])))
    if S.gp_level:
        doc.w("Requested: ")
        w_prio(doc, S, "short")
    p_ps(doc, S, V, pre="\n\nPS: ")


CHECK_ROWS = [("dysphagia", "Difficulty swallowing"), ("weight_loss", "Weight loss"), ("rectal_bleeding", "Blood in stools"),
              ("cibh", "Change in bowel habit"), ("abdo_pain", "Abdominal pain"), ("bloating", "Bloating"),
              ("reflux", "Heartburn / reflux"), ("dyspepsia", "Indigestion"), ("haematemesis", "Vomiting blood"),
              ("jaundice", "Yellow skin or eyes"), ("bloody_diarrhoea", "Bloody diarrhoea")]


def L_checklist(S, doc):
    r = S.rng
    V = Voice("note")
    P = pron(S.sex)
    doc.w("%s\n" % S.team)
    doc.w("%s\n" % r.choice(["Gastrointestinal symptom checklist", "Symptom screening questionnaire - completed with patient",
                             "Pre-assessment GI screening form"]))
    w_date(doc, S, label="Date completed: ", style=0)
    doc.w("\nName: ")
    w_name(doc, S)
    doc.w("   ")
    w_dob(doc, S, label="DOB: ")
    doc.w("   ")
    if w_age(doc, S, "age"):
        doc.w("   ")
    doc.w("\nCompleted by: %s (%s)" % (S.doctor, S.role))
    if S.cl_informant:
        doc.w(", answers given by %s %s" % (P["his"], S.cl_informant))
        S.story.append("checklist_answers_from_" + S.cl_informant)
    doc.w("\n\nSymptom                      Answer\n")
    unc = uncertain_facts(S)
    vague = [i for i in S.items if i["t"] == "dist" and i["k"] == "resolved_vague"]
    for f, label in CHECK_ROWS:
        vg = [i for i in vague if i["f"] == f]
        if vg:
            S.written.add(id(vg[0]))
            doc.w("%s %s %s" % (label, "." * (28 - len(label)), vg[0]["x"]["text"]), tag(vg[0]), vg[0])
            doc.w("\n")
            continue
        if f in unc:
            continue
        yes = bool(S.F.get(f))
        if not yes and r.random() < 0.35:
            continue
        if yes:
            pool = {"pa": ["present"], "pm": ["+"], "free": ["yes - most days", "yes, for a few weeks", "yes"]}
            if f in ("rectal_bleeding", "abdo_pain", "bloating", "reflux"):
                pool["free"].append("occasionally")
            if f == "weight_loss":
                pool["free"] = ["yes - about %d kg, not trying" % r.choice([4, 6, 8])]
        else:
            pool = {"pa": ["absent"], "pm": ["-"], "free": ["no", "not that %s has noticed" % P["he"], "none", "never"]}
        a = r.choice(pool[S.cl_style])
        doc.w("%s %s %s" % (label, "." * (28 - len(label)), a), ("ev", f) if yes else ("dist", "unticked" if S.cl_style != "free" else "negated", f))
        doc.w("\n")
    if S.F.get("abdo_pain") and r.random() < 0.6:
        doc.w("Pain score: %d/10\n" % r.randint(3, 7))
    if S.F.get("weight_loss") and r.random() < 0.7:
        doc.w("Weight change: ")
        doc.w("-%d%% over 3 months, not trying to lose weight" % r.choice([5, 7, 8, 11]), ("ev", "weight_loss"))
        doc.w("\n")
    if S.F.get("cibh") and r.random() < 0.5:
        doc.w("Bristol stool type: 6\n")
    doc.w("\nNotes:\n")
    p_history(doc, S, Voice("prose"), post="\n")
    p_pmh(doc, S, Voice("prose"), post="\n")
    p_fh(doc, S, Voice("prose"), post="\n")
    if sec(S, "exam"):
        p_exam(doc, S, Voice("prose"), pre="Observations / examination: ", post="\n")
    write_results(doc, S, V, pre="Results on record: ", sep="; ", post="\n")
    p_imaging(doc, S, V, post="\n")
    negs = sec(S, "neg")
    if negs:
        p_neg(doc, S, V, pre="Also denies: ", sep=", ", post="\n")
    p_plan(doc, S, Voice("prose"), post="\n")
    p_safety(doc, S, Voice("prose"), post="\n")
    doc.w("Outcome: referred to gastroenterology via GP%s" % (" - " if S.gp_level else ""))
    w_prio(doc, S, "short")
    p_ps(doc, S, V, pre="\n\nAddendum: ")


REF = {"hb": ("Haemoglobin", "g/L"), "ferritin": ("Ferritin", "ug/L", "30 - 400"), "alt": ("ALT", "U/L", "< 40"),
       "calpro": ("Faecal calprotectin", "ug/g", "< 50"), "fit": ("FIT", "ug Hb/g", "< 10")}


def table_row(S, it):
    f, v = it["f"], it["x"]["v"]
    if f == "ttg_raised":
        tv, ref = it["x"]["tv"], it["x"]["ref"]
        vs = ("<%s" % num(tv[1])) if isinstance(tv, tuple) else num(tv)
        flag = "" if isinstance(tv, tuple) or not v else "H"
        return "%-22s %-8s %-8s %-12s %s" % ("tTG IgA", vs, "U/mL", "< %d" % ref, flag)
    if f == "hb":
        unit = it["x"].get("unit", "gl")
        rng_ = "130 - 170" if S.sex == "M" else "120 - 150"
        thr = 130 if S.sex == "M" else 120
        flag = "L" if v < thr else ""
        if unit == "gdl":
            return "%-22s %-8s %-8s %-12s %s" % ("Haemoglobin", "%.1f" % (v / 10.0), "g/dL", "%.1f - %.1f" % (thr / 10.0, (170 if S.sex == "M" else 150) / 10.0), flag)
        return "%-22s %-8s %-8s %-12s %s" % ("Haemoglobin", num(v), "g/L", rng_, flag)
    name, unit, rg = REF[f]
    if isinstance(v, tuple):
        vs = "<%d" % v[1] if v[0] == "<" else v[0]
        flag = ""
    else:
        vs = num(v)
        lim = {"ferritin": 30, "alt": 40, "calpro": 50, "fit": 10}[f]
        flag = ("L" if v < lim else "") if f == "ferritin" else ("H" if v >= lim else "")
    return "%-22s %-8s %-8s %-12s %s" % (name, vs, unit, rg, flag)


def L_paste(S, doc):
    r = S.rng
    V = Voice("note")
    doc.w("*** Referral letter generated from %s ***\n" % r.choice(["EMIS Web", "SystmOne", "the clinical system"]))
    doc.w("%s, %s, %s   ODS: %s\n" % (S.practice[0], S.practice[1], S.practice[2], S.pcode))
    w_date(doc, S, label="Printed: ", style=0)
    doc.w("\n\nPatient: ")
    w_name(doc, S, with_title=False, style=1)
    doc.w(" (")
    doc.w(S.title, ("ev", "sex"))
    doc.w(")   ")
    w_dob(doc, S, label="DOB ", style=0)
    if not S.dob_only:
        doc.w(" (")
        w_age(doc, S, "y")
        doc.w(")")
    doc.w("   ")
    w_nhs(doc, S, "NHS ")
    doc.w("\nUsual GP: %s\n\nActive problems:\n" % S.doctor)
    pm = sec(S, "pmh") + sec(S, "imaging")
    for it in pm:
        doc.w("  %s  " % d(S, S.resdate, 0))
        doc.it(it, Voice("prose"))
        doc.w("\n")
    doc.w("  %s  %s\n" % (r.choice(["2016", "2019", "2021"]), r.choice(["Essential hypertension", "Osteoarthritis of knee", "Asthma", "Depression", "Hypothyroidism"])))
    if sec(S, "fh"):
        doc.w("\nFamily history:\n  ")
        p_fh(doc, S, Voice("prose"), sep="\n  ")
        doc.w("\n")
    doc.w("\nCurrent medication:\n  ")
    doc.w(r.choice(["Omeprazole 20mg gastro-resistant capsules - one daily", "Lansoprazole 15mg - one daily",
                    "Paracetamol 500mg - two four times a day when required"]), ("neu", "medication"))
    doc.w("\n  %s\n" % r.choice(["Ramipril 2.5mg capsules - one daily", "Atorvastatin 40mg - one at night",
                                  "Levothyroxine 50mcg - one daily", "Salbutamol 100mcg inhaler - as required"]))
    vals = [i for i in val_items(S) if i["f"] not in ("ppi_weeks",) and i.get("sec") != "ps"]
    if vals:
        doc.w("\nRecent results (%s):\n  %-22s %-8s %-8s %-12s %s\n" % (d(S, S.resdate, 0), "Test", "Result", "Units", "Range", "Flag"))
        for it in vals:
            doc.w("  ")
            S.written.add(id(it))
            doc.w(table_row(S, it), tag(it), it)
            doc.w("\n")
            sp = sup_for(S, it["f"])
            if sp:
                doc.w("  ")
                doc.it(sp, V)
                doc.w("\n")
    fit_pending_only(doc, S, V, pre="  ", post="\n")
    ft = footer(doc, S)
    if ft:
        doc.w(ft % 1)
    doc.w("\nConsultation %s - %s:\n  History: " % (d(S, S.consult, 0), S.doctor))
    if not p_history(doc, S, Voice("prose")):
        doc.w("Reviewed results.")
    p_neg(doc, S, V, pre=" ", sep=", ", post=".", cap=True)
    if sec(S, "exam"):
        doc.w("\n  Examination: ")
        p_exam(doc, S, Voice("prose"))
    doc.w("\n  Comment: ")
    if not p_plan(doc, S, Voice("prose")):
        doc.w("Refer gastroenterology.")
    doc.w(" ")
    w_prio(doc, S)
    p_safety(doc, S, Voice("prose"), pre="\n  Safety netting: ")
    p_ps(doc, S, V, pre="\n\nAddendum: ")
    doc.w("\n\n-- end of referral --")
    if ft:
        doc.w("\n" + ft % 2)


def L_health(S, doc):
    r = S.rng
    V = Voice("note")
    P = pron(S.sex)
    if S.forces:
        doc.w("Defence Primary Healthcare\n%s Medical Centre\n" % r.choice(["Catterick Garrison", "RAF Brize Norton", "HMS Drake", "Tidworth"]))
    else:
        doc.w("%s\nPrivate Health Assessment Report\n" % r.choice(["Harley Wellness Clinic", "Bluewater Health Screening", "Corporate Health Partners"]))
    w_date(doc, S, label="Report date: ", style=1)
    doc.w("\n\nTo: Consultant Gastroenterologist, %s (via NHS GP %s)\n\n" % (S.hospital, S.practice[0]))
    doc.w("%s: " % ("Service person" if S.forces else "Client"))
    w_name(doc, S)
    if S.forces:
        doc.w(" (Service no. %d)" % r.randint(24000000, 30999999))
    doc.w("\n")
    w_dob(doc, S, label="DOB: ")
    doc.w("   ")
    if w_age(doc, S, "age"):
        doc.w("   ")
    w_nhs(doc, S, "NHS: ")
    doc.w("\n\nSummary of findings:\n")
    w_reason(doc, S, fmt=" - Referred because of %s\n")
    for it in [i for i in hx_items(S) if i.get("sec") != "ps"]:
        doc.w(" - ")
        doc.it(it, Voice("prose"))
        doc.w("\n")
    for it in sec(S, "pmh") + sec(S, "fh"):
        doc.w(" - ")
        doc.it(it, Voice("prose"))
        doc.w("\n")
    if sec(S, "neg"):
        doc.w(" - ")
        p_neg(doc, S, V, sep=", ", post="\n", cap=False)
    doc.w("\nExamination: ")
    if not p_exam(doc, S, Voice("prose")):
        doc.w("unremarkable")
    vals = [i for i in val_items(S) if i["f"] != "ppi_weeks"]
    if vals:
        doc.w("\n\nInvestigations:\n  %-22s %-8s %-8s %-12s %s\n" % ("Test", "Result", "Units", "Range", "Flag"))
        for it in vals:
            doc.w("  ")
            S.written.add(id(it))
            doc.w(table_row(S, it), tag(it), it)
            doc.w("\n")
            sp = sup_for(S, it["f"])
            if sp:
                doc.w("  ")
                doc.it(sp, V)
                doc.w("\n")
    fit_pending_only(doc, S, V, pre="\n", post="\n")
    p_imaging(doc, S, V, pre="\n", post="\n")
    doc.w("\nRecommendations: ")
    p_plan(doc, S, Voice("prose"), post=" ")
    w_prio(doc, S)
    p_safety(doc, S, Voice("prose"), pre=" ")
    doc.w("\n\n%s\n%s" % (S.doctor, "Regimental Medical Officer" if S.forces else "Health Assessment Physician"))
    p_ps(doc, S, V, pre="\n\nAddendum: ")


# ----------------------------------------------------------------------------------------
# layout registry: (style name, renderer, kind, capabilities, 15 target rules)
# ----------------------------------------------------------------------------------------
REL = ["wife", "husband", "partner", "daughter", "son", "sister", "brother", "friend", "neighbour", "niece"]
LAYOUTS = [
    ("formal_senior_partner_dear_doctor", L_formal, "writer",
     dict(informants=REL, p_inf=0.3, p_hedge=0.4, p_refute=0.2, p_ps=0.15),
     "U1 U3 U4 U7 U8 R1 R2 O1 O2 O4 O5 O6 D O3 A3"),
    ("terse_locum_two_liner", L_terse, "writer",
     dict(informants=REL, p_inf=0.15, p_hedge=0.3, p_refute=0.0, neg_n=[0, 0, 1, 1, 2], p_hyp=0.1, p_question=0.3,
          p_worry=0.0, p_dxhedge=0.5, p_ps=0.1),
     "U3 U3 U4 U8 R1 R3 O2 O5 O5 O6 D A1 A2 A2 O4"),
    ("chatty_first_person_gp", L_chatty, "writer",
     dict(informants=REL, p_inf=0.5, p_hedge=0.45, p_refute=0.3, p_worry=0.8, p_question=0.6, p_ps=0.15),
     "U1 U2 U3 U5 U8 R1 R3 O4 O6 O6 D A1 A2 A3 O3"),
    ("third_person_partner_the_patient", L_third, "writer",
     dict(informants=REL, p_inf=0.3, p_hedge=0.35, p_refute=0.2, p_ps=0.15),
     "U1 U3 U4 U6 U7 R2 R1 O1 O2 O5 O6 D A1 A2 O3"),
    ("lowercase_unpunctuated_gp", L_lower, "writer",
     dict(informants=REL, p_inf=0.4, p_hedge=0.35, p_refute=0.2, no_decimals=True, p_ps=0.1),
     "U1 U3 U8 U5 R1 R3 O2 O4 O5 O6 D A1 A2 A3 O6"),
    ("abbreviation_heavy_gp", L_abbr, "writer",
     dict(informants=REL, p_inf=0.25, p_hedge=0.35, p_refute=0.1, p_ps=0.1),
     "U2 U3 U4 U8 R1 R2 O1 O2 O5 O6 D A1 A2 O3 O4"),
    ("salaried_gp_problem_lists", L_problems, "writer",
     dict(informants=REL, p_inf=0.35, p_hedge=0.4, p_refute=0.2, p_ps=0.15),
     "U3 U4 U5 U7 R2 R3 O1 O2 O4 O5 O6 D A1 O3 A3"),
    ("gp_registrar_soap_headings", L_soap, "writer",
     dict(informants=REL, p_inf=0.35, p_hedge=0.45, p_refute=0.2, neg_n=[2, 3, 3, 4, 5], p_dxhedge=0.5, p_ps=0.15),
     "U1 U2 U3 U8 R1 R2 O2 O4 O5 O6 D A1 A2 O3 O1"),
    ("remote_consultation_gp", L_remote, "writer",
     dict(informants=REL, p_inf=0.5, p_hedge=0.5, p_refute=0.2, p_ps=0.2),
     "U1 U3 U7 U8 R1 R3 O1 O5 O6 D A1 A2 A2 O3 A3"),
    ("care_home_ward_round_gp", L_carehome, "writer",
     dict(informants=["care_home_nurse", "care_staff", "carer", "daughter", "son"], p_inf=0.85, p_hedge=0.55,
          p_refute=0.35, age_lo=72, age_hi=95, no_confusion=True, p_ps=0.1, poor_historian=True),
     "U1 U4 U4 U6 U7 U8 R2 R3 O1 O5 D D O6 U2 U3"),
    ("nhs111_ooh_clinician", L_111, "writer",
     dict(informants=REL, p_inf=0.5, p_hedge=0.4, p_refute=0.1, p_ps=0.1),
     "U1 U7 R1 R1 R2 R3 R3 O5 O6 D A1 A2 A2 U3 O2"),
    ("community_matron_ld_nurse", L_community, "writer",
     dict(informants=["support_worker", "carer", "key_worker", "matron_team", "sister", "mother"], p_inf=0.75,
          p_hedge=0.45, p_refute=0.3, p_ps=0.1, poor_historian=True),
     "U1 U4 U6 U2 R2 R1 O1 O4 O5 O6 D A1 O3 A2 U3"),
    ("practice_pharmacist_med_review", L_pharm, "writer",
     dict(informants=["carer", "wife", "husband", "daughter"], p_inf=0.2, p_hedge=0.35, p_refute=0.0, exam=False,
          p_ps=0.1),
     "U4 U5 R2 O1 O1 O2 O4 O5 O5 D A2 A2 O3 O6 A1"),
    ("interpreter_consultation_gp", L_interp, "writer",
     dict(informants=["daughter", "son", "husband", "wife", "niece"], p_inf=0.35, p_hedge=0.35, p_refute=0.2,
          interpreter=True, p_ps=0.1),
     "U1 U3 U4 U5 R1 R3 O2 O4 O5 O6 D A1 A2 O3 A3"),
    ("ers_structured_template", L_ers, "form",
     dict(informants=REL, p_inf=0.25, p_hedge=0.3, p_refute=0.15, p_ps=0.1),
     "U2 U3 U5 U8 R1 R2 O1 O2 O4 O5 O6 A1 O3 A3 D"),
    ("lower_gi_usc_form", L_lowerform, "form",
     dict(informants=REL, p_inf=0.25, p_hedge=0.3, p_refute=0.1, p_ps=0.1),
     "U2 U3 U3 U4 U6 U8 U8 R1 O6 O6 A1 A1 D A3 O2"),
    ("upper_gi_usc_form", L_upperform, "form",
     dict(informants=REL, p_inf=0.25, p_hedge=0.3, p_refute=0.15, p_ps=0.1),
     "U1 U1 U1 U5 U5 R3 R3 O1 O1 A2 A2 A2 D U4 O4"),
    ("nurse_symptom_checklist", L_checklist, "form",
     dict(informants=REL, p_inf=0.3, p_hedge=0.25, p_refute=0.1, p_ps=0.1, checklist=True),
     "U1 U3 U6 U7 R1 R1 R2 O2 O4 O5 O6 A1 A2 O3 A3"),
    ("gp_system_paste_results_table", L_paste, "form",
     dict(informants=REL, p_inf=0.2, p_hedge=0.3, p_refute=0.1, p_ps=0.1),
     "U3 U4 U4 U7 R1 R2 R2 O2 O4 O5 O5 O5 D O3 O6"),
    ("health_check_or_forces_summary", L_health, "form",
     dict(informants=REL, p_inf=0.1, p_hedge=0.3, p_refute=0.1, p_ps=0.1),
     "U3 U5 U8 R1 R1 R3 O2 O4 O5 O6 D A1 A2 O3 A3"),
]

LANGS = ["Polish", "Urdu", "Bengali", "Romanian", "Somali", "Arabic", "Ukrainian", "Punjabi", "Turkish", "Tigrinya"]


def pre_layout(S, name):
    """per-letter settings that a layout needs before facts are drawn"""
    r = S.rng
    cap = S.cap
    if name == "remote_consultation_gp":
        cap["remote"] = True
        S.remote_mode = r.choice(["phone", "video", "phone_f2f", "video_f2f"])
        cap["exam"] = S.remote_mode.endswith("f2f")
        cap["video"] = S.remote_mode.startswith("video")
    if name == "nhs111_ooh_clinician":
        cap["exam"] = r.random() < 0.3
    if name == "community_matron_ld_nurse":
        S.ld = r.random() < 0.5
        if S.ld:
            cap["age_lo"], cap["age_hi"] = 19, 68
            cap["informants"] = ["support_worker", "key_worker", "carer", "mother", "sister"]
        else:
            cap["age_lo"], cap["age_hi"] = 62, 94
            cap["informants"] = ["carer", "matron_team", "daughter", "son"]
    if name == "health_check_or_forces_summary":
        S.forces = r.random() < 0.45
        if S.forces:
            cap["age_lo"], cap["age_hi"] = 18, 56
        else:
            cap["age_lo"], cap["age_hi"] = 30, 78
    if name == "nurse_symptom_checklist":
        S.cl_style = r.choice(["pa", "pm", "free"])
        S.cl_informant = None
        teams = [("Walk-in Centre, %s" % r.choice(["Riverside", "Town Centre", "Northfield"]), "Nurse Practitioner", 18, 90, None),
                 ("Walk-in Centre, %s" % r.choice(["Riverside", "Town Centre", "Northfield"]), "Nurse Practitioner", 18, 90, None),
                 ("Endoscopy Unit - Pre-assessment Clinic", "Pre-assessment Nurse", 30, 88, None),
                 ("Practice Nurse Health Check Clinic", "Practice Nurse", 40, 74, None),
                 ("College Health Service - student nurse clinic", "College Nurse", 18, 21, None),
                 ("Health Visiting Team - postnatal review", "Health Visitor", 19, 42, "F")]
        t = r.choice(teams)
        S.team, S.role = t[0], t[1]
        cap["age_lo"], cap["age_hi"] = t[2], t[3]
        if t[4]:
            S.sex = t[4]
    if name in ("lower_gi_usc_form", "upper_gi_usc_form"):
        S.answer_style = r.choice(["yesno", "yn", "tick", "circle", "struck"])


def post_layout(S, name):
    """per-letter settings that depend on the drawn facts"""
    r = S.rng
    if name == "care_home_ward_round_gp":
        S.carehome = r.choice(CARE_HOMES)
        S.cognition = r.choice(["advanced Alzheimer's dementia", "vascular dementia (MMSE 12/30)", "mixed dementia",
                                "moderate dementia and poor hearing"])
    if name == "nhs111_ooh_clinician":
        infs = [i["src"] for i in S.items if i["t"] == "pos" and i.get("src") in INF]
        S.caller = ("patient's %s" % INF[infs[0]][1]) if infs else r.choice(["patient", "patient (self)"])
        if infs:
            S.story.append("third_party_caller")
    if name == "community_matron_ld_nurse":
        S.team = r.choice(["Community Learning Disability Team", "Adult LD Health Team"]) if S.ld else \
            r.choice(["Community Matron Service", "Integrated Neighbourhood Team - Community Matron"])
        S.role = r.choice(["Learning Disability Nurse", "Care Co-ordinator, LD team"]) if S.ld else "Community Matron"
        S.doctor = S.doctor.replace("Dr ", "")
    if name == "interpreter_consultation_gp":
        S.language = r.choice(LANGS)
        S.family_interp = r.choice(["son", "daughter", "niece"] if S.age >= 45 else ["brother", "sister", "cousin"])
    if name == "ers_structured_template":
        S.writer_kind = r.choice(["GP", "GP", "GP", "Armed forces medical officer", "Private GP", "Endoscopy pre-assessment nurse (via GP)"])
    if name == "nurse_symptom_checklist":
        S.doctor = S.doctor.replace("Dr ", "")
        infs = [i["src"] for i in S.items if i["t"] == "pos" and i.get("src") in RELATIVE_SRC]
        S.cl_informant = INF[infs[0]][1] if infs else None


def choose_gp_level(S, name):
    r = S.rng
    urg = {"urgent_suspected_cancer": "usc", "urgent": "urgent", "routine": "routine", "advice_and_guidance": "advice"}[RULES[S.target][0]]
    if name in ("lower_gi_usc_form", "upper_gi_usc_form"):
        return "usc"
    if r.random() < 0.09:
        return None
    if r.random() < 0.55:
        alt = {"usc": ["urgent", "urgent", "routine"], "urgent": ["usc", "routine", "routine"],
               "routine": ["usc", "urgent", "urgent", "advice"], "advice": ["routine", "routine", "urgent", "usc"]}[urg]
        return r.choice(alt)
    return urg


GP_PRIORITY_WORDS = {"usc": "asks for the urgent suspected cancer (2WW) pathway", "urgent": "asks for an urgent appointment",
                     "routine": "asks for a routine appointment", "advice": "asks for advice and guidance only"}


def set_identity(S, idx):
    r = S.rng
    S.first = r.choice(MALE_FIRST if S.sex == "M" else FEMALE_FIRST)
    S.last = r.choice(SURNAMES)
    S.title = "Mr" if S.sex == "M" else (r.choice(["Mrs", "Ms", "Miss"]) if S.age < 35 else r.choice(["Mrs", "Mrs", "Ms"]))
    S.practice = r.choice(PRACTICES)
    S.pcode = practice_code(r)
    S.doctor = "Dr %s %s" % (r.choice("ABCDEFGHJKLMNPRSTW"), r.choice(DOCTOR_SURNAMES))
    S.consultant = r.choice(CONSULTANTS)
    S.hospital = r.choice(HOSPITALS)
    S.address = "%d %s, %s" % (r.randint(1, 120), r.choice(["Church Lane", "Victoria Road", "Oak Avenue", "Mill Street", "The Crescent",
                                                           "Hawthorn Close", "Queens Drive", "Park View"]), S.practice[1].split(", ")[-1])
    S.nhs = nhs_number(r)
    S.nhs_style = r.choice([0, 0, 1, 2])
    S.hospno = "%s%07d" % (r.choice(["RCH", "K", "N", "QEH"]), r.randint(0, 9999999))
    S.ubrn = "%04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))
    S.date_style = r.choice([0, 0, 1, 2, 3])
    base = datetime.date(2024, 1, 8)
    S.letter_date = base + datetime.timedelta(days=r.randint(0, 620))
    L = S.letter_date
    S.consult = L - datetime.timedelta(days=r.randint(0, 9))
    S.visit1 = L - datetime.timedelta(days=r.randint(18, 35))
    S.visit2 = L - datetime.timedelta(days=r.randint(0, 6))
    S.resdate = L - datetime.timedelta(days=r.randint(5, 40))
    lo = L - datetime.timedelta(days=45)
    A = S.age
    age_lines = [n for n in S.near if n["what"] == "age"]
    for _ in range(1000):
        if age_lines and A in (40, 50, 55, 60):      # just reached the line
            bday = lo - datetime.timedelta(days=r.randint(1, 40))
        elif age_lines and A in (39, 49, 54, 59):    # reaches the line in a few weeks
            bday = L + datetime.timedelta(days=r.randint(2, 40))
        else:
            bday = datetime.date(L.year, r.randint(1, 12), r.randint(1, 28))
        try:
            dob = datetime.date(bday.year - A - (0 if (bday.month, bday.day) <= (L.month, L.day) else 1) + (0 if bday <= L else 0), bday.month, min(bday.day, 28))
        except ValueError:
            continue
        for y in (dob.year - 1, dob.year, dob.year + 1):
            cand = datetime.date(y, dob.month, dob.day)
            if age_on(cand, L) == A and age_on(cand, lo) == A:
                S.dob = cand
                return
    raise RuntimeError("no dob")


def letter_story(S):
    st = list(S.story)
    for it in S.items:
        if it["t"] == "pos" and it.get("src") in INF:
            st.append("informant:%s:%s" % (it["src"], it["f"]))
        if it["t"] == "pos" and it.get("src") == "interpreter":
            st.append("interpreter:%s" % it["f"])
        if it["t"] == "dist" and it["k"] in ("hedged", "poor_historian_denial", "refuted"):
            st.append("%s:%s" % (it["k"], it["f"]))
    out = []
    for x in st:
        if x not in out:
            out.append(x)
    return out


STORY_KEYS = ("informant", "interpreter", "hedge", "hedged", "poor_historian_denial", "refuted", "writer_certainty",
              "measured_vs_reported", "exam_confirms_report", "video_confirms_report", "remote_no_exam",
              "history_from_others", "learning_disability_history_from_others", "third_party_caller",
              "checklist_answers_from", "two_visits")


def carries_story(st):
    return any(x.split(":")[0].startswith(STORY_KEYS) for x in st)


def build(idx, lay):
    name, fn, kind, cap0, rule = lay
    for attempt in range(400):
        rng = random.Random("%s:%d:%d" % (SEED, idx, attempt))
        S = Scn(rng, rule, dict(cap0))
        S.slip = None
        S.noise = []
        S.written = set()
        S.dates_in_text, S.date_objs = [], []
        S.fit_pending = False
        pre_layout(S, name)
        BUILDERS[rule](S)
        if S.age is None or not S.ok():
            continue
        if S.fit_pending:
            S.neu("fit_pending", rng.choice(["FIT requested - result awaited", "FIT kit given, not yet returned",
                                             "FIT sent, result not back yet"]), sec="res")
        decorate(S)
        if not S.ok():
            continue
        maybe_ps(S, cap0.get("p_ps", 0.1))
        S.dob_only = rng.random() < (0.3 if kind == "form" else 0.2)
        set_identity(S, idx)
        post_layout(S, name)
        S.gp_level = choose_gp_level(S, name)
        doc = Doc(S, lower=(name == "lowercase_unpunctuated_gp"))
        fn(S, doc)
        missing = [i for i in S.items if i["t"] in ("pos", "dist") and id(i) not in S.written and i["f"] not in ("ibd_question",)
                   and not (i["t"] == "dist" and i["k"] == "superseded")]
        missing += [i for i in S.items if i["t"] == "pos" and i["f"] == "ibd_question" and id(i) not in S.written]
        if missing:
            raise RuntimeError("%s %s: items not written: %r" % (name, rule, [(m["t"], m["f"]) for m in missing]))
        if rng.random() < 0.17:
            sl = doc.apply_slip(rng)
            if sl:
                S.noise.append(sl)
        text, spans = doc.render()
        return S, text, spans
    raise RuntimeError("could not build %s %s" % (name, rule))


def jsonable(v):
    if isinstance(v, tuple):
        return list(v)
    return v


def make_meta(i, S, text, spans, lay):
    name, fn, kind, cap0, rule = lay
    ev, dists, neus = {}, [], []
    span_out = []
    for a, b, tg, s, ref in spans:
        assert text[a:b] == s
        span_out.append([a, b] + tg)
        if tg[0] == "ev":
            ev.setdefault(tg[1], []).append(s)
            if ref is not None and ref["t"] == "pos" and ref["x"].get("normal"):
                dists.append({"kind": "normal_value", "fact": tg[1], "text": s})
            if ref is not None and ref["t"] == "pos" and ref["f"] == "ttg_raised" and not ref["x"]["v"]:
                dists.append({"kind": "normal_value", "fact": "ttg_raised", "text": s})
        elif tg[0] == "dist":
            dd = {"kind": tg[1], "fact": tg[2], "text": s}
            if ref is not None and ref.get("upd"):
                dd["if_counted"] = {k: jsonable(v) for k, v in ref["upd"].items()}
            dists.append(dd)
        else:
            neus.append({"note": tg[1], "text": s})
    F = {k: jsonable(v) for k, v in sorted(S.F.items())}
    story = letter_story(S)
    return {
        "id": "L32-%04d" % i, "style": name, "layout_kind": kind, "target_rule": rule,
        "age": S.age, "sex": S.sex, "dob": S.dob.isoformat(), "letter_date": S.letter_date.isoformat(),
        "dob_only": S.dob_only, "dates_in_text": S.dates_in_text, "dates_iso": S.date_objs,
        "nhs_number": S.nhs, "facts": F, "evidence": ev, "distractors": dists, "neutral": neus,
        "near_line": [dict(n, threshold=int(re.search(r"\d+", n["line"]).group(0)) if re.search(r"\d+", n["line"]) else None)
                      for n in S.near], "story": story, "carries_story": carries_story(story),
        "gp_priority_level": S.gp_level, "noise": S.noise, "spans": span_out,
    }


def main():
    rows, metas = [], []
    plan = []
    for lay in LAYOUTS:
        rules = lay[4].split()
        assert len(rules) == 15, lay[0]
        for r_ in rules:
            plan.append((lay, r_))
    # interleave layouts so ids do not reveal the layout order
    order = list(range(len(plan)))
    random.Random(SEED + ":order").shuffle(order)
    for n, k in enumerate(order, 1):
        lay, rule = plan[k]
        lay2 = (lay[0], lay[1], lay[2], lay[3], rule)
        S, text, spans = build(n, lay2)
        urg, path = RULES[rule]
        meta = make_meta(n, S, text, spans, lay2)
        rows.append({"id": meta["id"], "text": text, "urgency": urg, "pathway": path, "rule": rule, "style": lay[0],
                     "gp_priority": GP_PRIORITY_WORDS.get(S.gp_level) if S.gp_level else None, "age": S.age})
        metas.append(meta)
    with open(os.path.join(HERE, "letters.jsonl"), "w", encoding="utf-8") as f:
        for r_ in rows:
            f.write(json.dumps(r_, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(HERE, "letters_meta.jsonl"), "w", encoding="utf-8") as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False, sort_keys=False) + "\n")
    print("wrote %d letters" % len(rows))


if __name__ == "__main__":
    main()
