#!/usr/bin/env python3
"""Generator for sealed test set letters36 (gastroenterology referral letters).

Standard library only. Deterministic: every random choice comes from random.Random
seeded with a string, so reruns give byte-identical files.
Usage: python3 make_set.py [outdir]
"""
import json, os, sys, random, datetime, hashlib

SEED = "letters36-v1"
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

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
RULE_COUNTS = {"U1": 15, "U2": 8, "U3": 16, "U4": 14, "U5": 9, "U6": 7, "U7": 8, "U8": 13,
               "R1": 20, "R2": 13, "R3": 12, "O1": 14, "O2": 14, "O4": 13, "O5": 22, "O6": 22,
               "D": 20, "O3": 14, "A1": 20, "A2": 16, "A3": 10}
RULE_AGE = {"U1": (18, 93), "U2": (32, 90), "U3": (30, 88), "U4": (18, 92), "U5": (55, 92),
            "U6": (35, 90), "U7": (40, 92), "U8": (40, 92), "R1": (18, 49), "R2": (30, 85),
            "R3": (18, 90), "O1": (55, 90), "O2": (18, 59), "O3": (19, 80), "O4": (18, 75),
            "O5": (18, 85), "A1": (18, 49), "O6": (50, 90), "A2": (18, 54), "A3": (25, 65),
            "D": (18, 95)}

LAYOUTS = [
    # (style, kind, age range)
    ("formal_dear_colleague_gp", "writer", (18, 95)),
    ("terse_two_line_locum", "writer", (18, 95)),
    ("chatty_first_name_gp", "writer", (18, 95)),
    ("bullet_point_gp", "writer", (18, 95)),
    ("third_person_partner", "writer", (18, 95)),
    ("lowercase_no_punctuation_gp", "writer", (18, 95)),
    ("abbreviation_heavy_gp", "writer", (18, 95)),
    ("soap_heading_gp", "writer", (18, 95)),
    ("nhs111_clinician", "writer", (18, 95)),
    ("walk_in_centre_nurse", "writer", (18, 95)),
    ("community_matron", "writer", (65, 95)),
    ("practice_pharmacist_med_review", "writer", (18, 95)),
    ("endoscopy_preassessment_nurse", "writer", (18, 95)),
    ("private_health_check_doctor", "writer", (30, 85)),
    ("armed_forces_medical_officer", "writer", (18, 58)),
    ("two_visit_gp_with_addendum", "writer", (18, 95)),
    ("ers_structured_template", "form", (18, 95)),
    ("lower_gi_2ww_form", "form", (18, 95)),
    ("upper_gi_2ww_form", "form", (18, 95)),
    ("gp_system_paste_results_table", "form", (18, 95)),
]

MALE = ["James", "David", "Peter", "Mohammed", "Gareth", "Rajesh", "Tom", "Kevin", "Alan", "Stephen",
        "Callum", "Jamal", "Brian", "Dylan", "Oluwaseun", "Michael", "Andrzej", "Ian", "Graham", "Arjun"]
FEMALE = ["Margaret", "Sarah", "Aisha", "Joan", "Priya", "Emma", "Kathleen", "Chloe", "Fatima", "Linda",
          "Siobhan", "Grace", "Ewa", "Hannah", "Patricia", "Nkechi", "Rachel", "Dorothy", "Megan", "Zara"]
SURN = ["Hughes", "Patel", "O'Connor", "Williams", "Khan", "Evans", "Nowak", "Thompson", "Begum", "Reid",
        "Adeyemi", "Clarke", "Morgan", "Shah", "Davies", "MacLeod", "Jones", "Ahmed", "Walsh", "Turner",
        "Bennett", "Okafor", "Price", "Lewis", "Hussain", "Fraser", "Kowalski", "Gill", "Barker", "Doyle"]
PRACTICES = [("Riverside Medical Practice", "Y02341"), ("Holly Lodge Surgery", "M85012"),
             ("The Old Forge Health Centre", "J81034"), ("Castle Street Surgery", "B86007"),
             ("Meadowbank Family Practice", "P92019"), ("St Anne's Group Practice", "F84620"),
             ("Kingsway Medical Centre", "C82055"), ("Northgate Surgery", "L83102")]
DOCS = ["Dr A. Whitfield", "Dr S. Rahman", "Dr L. Okoro", "Dr J. McAllister", "Dr P. Sandhu",
        "Dr R. Fenwick", "Dr H. Lindqvist", "Dr C. Obi", "Dr M. Desai", "Dr E. Hart"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return NUMW[n]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else "-" + NUMW[u])


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
        return "".join(map(str, d)) + str(c)


def fmt_nhs(n):
    return n[:3] + " " + n[3:6] + " " + n[6:]


def fmt_date(d, rng):
    k = rng.randint(0, 3)
    if k == 0:
        return d.strftime("%d/%m/%Y")
    if k == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    if k == 2:
        return "%d.%d.%s" % (d.day, d.month, str(d.year)[2:])
    return "%02d-%s-%d" % (d.day, MONTHS[d.month - 1][:3], d.year)

# ---------------------------------------------------------------- phrase banks
# Each entry: (tag, template). tag "plain" = ordinary clinical wording; anything else is a
# stress wording kind (lay words, quotation, measurement, exam/test-named, abbreviation,
# latin/greek term, site/source specified, course over time).
POS = {
    "dysphagia": [
        ("plain", "{He} reports dysphagia to solids for the last {n} weeks."),
        ("clinical", "Progressive oesophageal dysphagia, solids worse than liquids, over {n} weeks."),
        ("lay_quote", "In {his} own words, \"the food gets stuck halfway down and I have to bring it back up\"."),
        ("lay", "{He} says bread and meat stick behind {his} breastbone and {he} has to wash each mouthful down with water."),
        ("lay", "{He} has stopped eating steak because it lodges at the bottom of {his} gullet."),
        ("abbrev", "c/o dysphagia ++ to solids x{n}/52."),
        ("lay_quote", "\"It goes down and just stops\" - solid food sticking at the level of the sternum, now on a soft diet."),
        ("plain", "Difficulty swallowing solid food, which sticks mid-chest, for {n} weeks."),
        ("course", "Food sticking on swallowing started in the spring, eased for a few weeks, and has come back worse over the last {n} weeks."),
    ],
    "rectal_mass": [
        ("exam", "On PR a hard irregular mass at 6 cm on the posterior wall."),
        ("exam", "DRE: firm, fixed, craggy lesion felt anteriorly at the fingertip."),
        ("plain", "There is a palpable rectal mass on digital examination."),
        ("exam", "Rectal examination revealed a hard, irregular mass just within reach, with blood on the glove."),
    ],
    "anal_mass": [
        ("exam", "On inspection a firm, irregular, non-tender lump at the anal verge at 3 o'clock - not a pile."),
        ("plain", "Examination shows an anal mass about 2 cm across."),
    ],
    "anal_ulcer": [
        ("plain", "Unexplained anal ulceration, present for {n} weeks and not healing."),
        ("exam", "There is a non-healing ulcer at the anal margin with no obvious cause; it is not a fissure."),
    ],
    "abdominal_mass": [
        ("exam", "On examination a firm mass of about 5 cm in the right iliac fossa."),
        ("lay_quote", "{He} came in because of \"a lump in my tummy\"; I can feel a hard, non-tender mass in the left iliac fossa."),
        ("abbrev", "O/E: RIF mass ~4cm, dull to percussion, non-tender."),
        ("exam", "There is a palpable epigastric mass, firm and irregular."),
        ("plain", "I found an abdominal mass in the left upper quadrant."),
        ("lay", "{He} has noticed \"a hardness\" in {his} belly; I can feel an irregular mass in the left flank."),
    ],
    "jaundice": [
        ("plain", "{He} is jaundiced, with dark urine and pale stools."),
        ("lay_quote", "{His} wife noticed \"the whites of {his} eyes have gone yellow\"; sclerae are clearly icteric today."),
        ("clinical", "Painless jaundice, noticed {n} weeks ago; icteric sclerae on examination."),
        ("abbrev", "O/E: jaundiced ++, yellow sclerae, no stigmata of CLD."),
        ("lay", "{His} skin and the whites of {his} eyes have turned yellow over the last fortnight."),
    ],
    "weight_loss": [
        ("measurement", "Weight down from {w1} kg to {w2} kg over three months, not trying to lose weight."),
        ("lay", "{He} has lost about a stone without trying."),
        ("abbrev", "Unintentional wt loss ~{d}kg."),
        ("lay_quote", "\"My clothes are hanging off me\" - {he} has not been dieting and the scales confirm {d} kg lost since {month}."),
        ("plain", "There has been unexplained weight loss of {d} kg."),
        ("measurement", "Wt today {w2} kg (was {w1} kg in {month}); no change in diet or activity."),
        ("relay_confirmed", "{His} daughter thinks {he} has lost weight and {he} has: {w2} kg today against {w1} kg at {his} review in {month}, not intended."),
    ],
    "upper_abdominal_pain": [
        ("plain", "{He} has epigastric pain."),
        ("lay_quote", "{He} describes \"a gnawing pain just under the ribs in the middle\", i.e. epigastric."),
        ("abbrev", "Upper abdo pain, RUQ and epigastric, {n}/52."),
        ("lay", "Pain in the pit of {his} stomach, worse after food."),
    ],
    "abdominal_pain": [
        ("plain", "{He} has lower abdominal pain."),
        ("lay", "Cramping pains low down in {his} tummy, on and off."),
        ("abbrev", "Intermittent LIF pain, {n}/52."),
        ("plain", "Colicky central abdominal pain over the last {n} weeks."),
        ("lay_quote", "\"Gripey\" pain across the lower belly most days."),
    ],
    "reflux": [
        ("plain", "{He} has reflux symptoms."),
        ("lay", "Heartburn most evenings, with acid coming up into {his} throat."),
        ("abbrev", "GORD sx, worse lying flat."),
        ("lay_quote", "\"Burning behind the breastbone after meals\" - typical heartburn."),
    ],
    "dyspepsia": [
        ("plain", "{He} has dyspepsia."),
        ("lay", "Ongoing indigestion after meals."),
        ("lay_quote", "{He} calls it \"indigestion that won't shift\"."),
    ],
    "rectal_bleeding": [
        ("plain", "{He} has had rectal bleeding for {n} weeks."),
        ("lay", "{He} has noticed bright red blood on the toilet paper and in the pan."),
        ("abbrev", "PR bleeding, fresh red, {n}/52."),
        ("lay_quote", "{He} says there has been \"blood in the pan\" most days."),
        ("site", "Dark red blood mixed in with the stool, from the back passage, for {n} weeks."),
        ("course", "Bleeding from the back passage first happened in {month}, stopped for a month, and has been back for the last {n} weeks."),
        ("latin", "Intermittent haematochezia over {n} weeks."),
    ],
    "cibh": [
        ("plain", "Change in bowel habit to looser, more frequent stools over {n} weeks."),
        ("abbrev", "CIBH - looser & more freq, {n}/52."),
        ("measurement", "Bowels have gone from once a day to four or five times a day over the last {n} weeks."),
        ("lay_quote", "\"My bowels just aren't right\" - going more often and looser since {month}."),
        ("plain", "New constipation, a change from {his} usual habit, for {n} weeks."),
    ],
    "bloody_diarrhoea": [
        ("plain", "Bloody diarrhoea up to {k} times a day for {n} days."),
        ("lay", "Loose watery stools with blood mixed through them, {k} times a day for {n} days."),
        ("plain", "Diarrhoea with blood and mucus, {k}-{k2} times a day, for {n} days."),
        ("abbrev", "Bloody D ~{k}x/day, {n}/7."),
        ("lay_quote", "{He} describes \"diarrhoea that's red with blood every time\", about {k} times a day for {n} days."),
    ],
    "cirrhosis_ascites": [
        ("plain", "{He} has known alcohol-related cirrhosis and now has new ascites, with shifting dullness on examination."),
        ("clinical", "Known cirrhosis (MASLD); ultrasound this week confirms a moderate volume of ascites."),
        ("lay", "With {his} known cirrhosis, {his} tummy has filled with fluid - clinically ascites."),
    ],
    "cirrhosis_confusion": [
        ("plain", "Known cirrhosis; {his} family report {he} has become confused and muddled, and there is a liver flap."),
        ("clinical", "Background of cirrhosis with new confusion and asterixis - I suspect hepatic encephalopathy."),
    ],
    "haematemesis": [
        ("plain", "{He} vomited fresh blood twice yesterday."),
        ("latin", "An episode of haematemesis three days ago."),
        ("lay_quote", "{He} says {he} has been \"bringing up blood when I'm sick\" - about a cupful, twice."),
        ("site", "Vomited bright red blood after a bout of retching; not coughed up, not from the nose."),
    ],
    "ibd_stable_question": [
        ("plain", "{He} has ulcerative colitis, in remission on mesalazine for {n} years, and asks whether {he} can reduce the dose."),
        ("abbrev", "Known Crohn's, stable on azathioprine, no flares in 3 years; query re how often the monitoring bloods are needed."),
        ("plain", "Known UC, stable and symptom-free; {he} is planning travel and asks which vaccines are safe on {his} current treatment."),
        ("plain", "Crohn's disease, quiescent on no treatment for {n} years; {he} would like to know whether {he} still needs colonoscopic surveillance."),
    ],
    "coeliac_pos": [
        ("plain", "Coeliac serology is positive."),
        ("abbrev", "Raised tTG on screening bloods."),
    ],
    "fatty_liver": [
        ("plain", "Ultrasound shows a fatty liver."),
        ("latin", "Ultrasound report: diffusely echobright liver consistent with hepatic steatosis."),
        ("abbrev", "USS abdo: NAFLD/fatty infiltration, otherwise NAD."),
    ],
    "bloating": [
        ("plain", "{He} has bloating."),
        ("lay_quote", "\"By the evening I'm blown up like a balloon\" - bloating most days."),
        ("lay", "Tummy swells up by the end of the day."),
    ],
    "fh_crc": [
        ("plain", "{His} father was diagnosed with bowel cancer at 52."),
        ("plain", "{His} brother had colorectal cancer aged 48."),
        ("lay", "{His} mother and {his} uncle both had bowel cancer in their fifties."),
    ],
    "asymptomatic": [
        ("plain", "{He} is entirely well, with no bowel symptoms at all."),
        ("plain", "{He} has no symptoms - this is purely about the family history."),
    ],
}

NEG = {
    "dysphagia": ["no dysphagia", "denies any difficulty swallowing", "swallowing normal"],
    "weight_loss": ["no weight loss", "weight stable", "weight steady"],
    "rectal_bleeding": ["no PR bleeding", "no rectal bleeding", "no blood seen in the stool"],
    "haematemesis": ["no haematemesis", "no vomiting of blood"],
    "jaundice": ["not jaundiced", "no jaundice"],
    "abdominal_mass": ["no abdominal mass", "abdomen soft, no masses"],
    "cibh": ["no change in bowel habit", "bowels unchanged"],
    "anaemia": ["no anaemia", "not anaemic"],
    "bloody_diarrhoea": ["no bloody diarrhoea"],
}

# lookalikes / other distractors: (kind, fact it resembles, template)
LOOK = {
    "odynophagia": ("lookalike", "dysphagia", "Swallowing is painful with {his} sore throat, but food goes down without sticking."),
    "globus": ("lookalike", "dysphagia", "{He} gets a feeling of a lump in the throat between meals; eating and drinking are normal and nothing sticks."),
    "carotene": ("lookalike", "jaundice", "{His} palms look orange-yellow - {he} drinks a lot of carrot juice - but the sclerae are white and {he} is not jaundiced."),
    "faketan": ("lookalike", "jaundice", "The yellow-orange skin is a spray tan; sclerae are white and {he} is not jaundiced."),
    "wl_diet": ("explained", "weight_loss", "{He} has lost {d} kg on purpose with a slimming club since {month}."),
    "wl_bereave": ("explained", "weight_loss", "{He} lost {d} kg after {his} {spouse} died in {month}; {he} was barely eating with the grief, is eating again now, and we both put the loss down to that."),
    "wl_refuted": ("refuted", "weight_loss", "{His} son worried {he} had lost weight, but {he} weighs {w1} kg today, the same as in {month}."),
    "nosebleed": ("other_site", "haematemesis", "A nosebleed two nights ago; some blood-stained spit the next morning, no vomiting."),
    "haemoptysis": ("other_site", "haematemesis", "{He} coughed up some blood-streaked sputum with a chest infection last week; no vomiting of blood."),
    "gums": ("other_site", "rectal_bleeding", "{His} gums bleed when {he} brushes {his} teeth."),
    "haematuria": ("other_site", "rectal_bleeding", "Visible blood in the urine - urology are seeing {him} separately."),
    "vaginal": ("other_site", "rectal_bleeding", "Postmenopausal vaginal spotting, being seen by gynaecology; nothing from the back passage."),
    "piles_resolved": ("resolved", "rectal_bleeding", "Bleeding from haemorrhoids in 2021 stopped after banding, with none since."),
    "ulcer_resolved": ("resolved", "haematemesis", "Vomited blood from a duodenal ulcer in 2016, treated, none since."),
    "lipoma": ("other_site", "abdominal_mass", "A soft lipoma on {his} back, unchanged for years."),
    "hernia": ("other_site", "abdominal_mass", "A reducible left inguinal hernia; the abdomen itself is soft with no mass."),
    "neck_node": ("other_site", "abdominal_mass", "A small lump in the neck, a reactive node after a cold, now shrinking."),
    "renal_cyst": ("lookalike", "abdominal_mass", "The \"mass\" mentioned on {his} old ultrasound was a 3 cm simple renal cyst; no mass is palpable."),
    "loin_pain": ("other_site", "abdominal_pain", "Right loin pain last year from a kidney stone, passed."),
    "chest_pain": ("other_site", "upper_abdominal_pain", "Chest pain on exertion, being seen by cardiology."),
    "bloody_expletive": ("lookalike", "bloody_diarrhoea", "In {his} words, \"the bloody thing keeps me up at night\"."),
    "metformin_resolved": ("resolved", "cibh", "Loose stools for a week after starting metformin settled on the slow-release tablet; bowels normal since."),
    "if_dysphagia": ("hypothetical", "dysphagia", "If {he} develops any difficulty swallowing I have asked {him} to let me know straight away."),
    "if_bleeding": ("hypothetical", "rectal_bleeding", "I have advised {him} to come back if {he} sees any blood from the back passage."),
    "fh_oesoph": ("family", "dysphagia", "{His} mother had oesophageal cancer and had trouble swallowing at the end."),
    "fh_crc_sympt": ("family", "fh_crc", "{His} father had bowel cancer in his seventies."),
    "fh_jaundice": ("family", "jaundice", "{His} brother was jaundiced with gallstones last year."),
    "fh_ida": ("family", "anaemia", "{His} sister has iron deficiency anaemia."),
    "fh_ibd": ("family", "ibd_stable_question", "{His} cousin has Crohn's disease."),
}

CONFLICT = {
    "vaginal": ("rectal_bleeding", "bloody_diarrhoea"), "piles_resolved": ("rectal_bleeding", "bloody_diarrhoea"),
    "hernia": ("abdominal_mass",), "renal_cyst": ("abdominal_mass",), "carotene": ("jaundice",), "faketan": ("jaundice",),
    "nosebleed": ("haematemesis",), "haemoptysis": ("haematemesis",), "ulcer_resolved": ("haematemesis",),
    "odynophagia": ("dysphagia",), "globus": ("dysphagia",), "wl_diet": ("weight_loss",), "wl_bereave": ("weight_loss",),
    "wl_refuted": ("weight_loss",), "metformin_resolved": ("cibh", "bloody_diarrhoea"),
    "if_bleeding": ("rectal_bleeding", "bloody_diarrhoea"), "if_dysphagia": ("dysphagia",),
    "bloody_expletive": ("bloody_diarrhoea",), "fh_crc_sympt": ("fh_crc",),
}

REQ = {
    "urgent_suspected_cancer": ["I would be grateful if you could see {him} under the two-week-wait pathway.",
                                "Please see on the suspected cancer pathway.", "Priority: 2WW.",
                                "I am concerned and have referred as urgent suspected cancer."],
    "urgent": ["I would be grateful for an urgent appointment.", "Urgent please.", "Priority: Urgent.",
               "Could {he} be seen soon, within the next few weeks?"],
    "routine": ["A routine appointment would be fine.", "Priority: Routine.", "Non-urgent referral.",
                "No rush with this one - routine is fine."],
    "advice_and_guidance": ["I would be grateful for advice; I do not think {he} needs to be seen.",
                            "Advice & Guidance request only.", "Priority: A&G.",
                            "Happy to take advice by letter rather than an appointment."],
}
GP_PRI_WORDS = {"urgent_suspected_cancer": "two-week-wait / suspected cancer", "urgent": "urgent",
                "routine": "routine", "advice_and_guidance": "advice only"}

FILLERS = ["Observations today were within normal limits.", "I have explained the referral process and checked {his} contact details.",
           "Safety netting: {he} knows to call 111 or attend A&E if {he} becomes unwell before being seen.",
           "{He} is keen to get to the bottom of this and would accept an appointment at any site.",
           "{He} works shifts, so morning appointments suit {him} best.", "{He} does not need an interpreter.",
           "{He} has a needle phobia, which may be worth knowing before any procedure.",
           "What I have done so far: history, examination and a discussion of the options with {him}.",
           "{He} has been reading a lot online and is understandably anxious.",
           "{He} is a carer for {his} elderly mother, so clinic times are difficult.",
           "Recent BP check was fine.", "Smoking status: {smk}.", "Alcohol: {alc} units a week.",
           "{He} would prefer a telephone appointment if that is possible.",
           "I have updated {his} medication list on the summary below.", "Flu vaccine given this autumn."]
BGMED = [("PMH: hypertension, osteoarthritis of the knees.", "Meds: amlodipine 5mg od, co-codamol prn."),
         ("PMH: asthma.", "Meds: salbutamol inhaler prn, beclometasone inhaler bd."),
         ("PMH: hypothyroidism.", "Meds: levothyroxine 100mcg od."),
         ("Past history: appendicectomy as a child, depression.", "Meds: sertraline 50mg od."),
         ("PMH: gout, hypercholesterolaemia.", "Meds: allopurinol 100mg od, atorvastatin 20mg on."),
         ("PMH: nil of note.", "Meds: none regular."),
         ("PMH: migraine, carpal tunnel release 2019.", "Meds: sumatriptan prn."),
         ("Background: hypertension, ex-smoker 30 pack-years.", "Meds: ramipril 5mg od.")]


BACKGROUND = [b for b, m in BGMED]
MEDS = [m for b, m in BGMED]
SOCIAL = ["Lives with {his} partner, independent.", "Retired postman, lives alone.", "Works as a nurse, non-smoker.",
          "Drinks about 10 units a week.", "Lives with {his} daughter; mobile with a stick.", "Teacher, never smoked."]

NOISE_SWAPS = [("grateful", "greatful"), ("appreciate", "apreciate"), ("sincerely", "sincerly"),
               ("regards", "regads"), ("Thank you", "Thankyou"), ("received", "recieved"),
               ("appointment", "appointmnet"), ("referral", "referal"), ("Referral", "Refferal"),
               ("thanks", "thnaks"), ("Thanks", "Thnaks"), ("assessment", "assesment"), ("Observations", "Obsevations")]


class Case:
    def __init__(self, idx, rule, style, rng):
        self.idx, self.rule, self.style, self.rng = idx, rule, style, rng
        self.pos, self.vals, self.dis, self.neg, self.formdis = [], [], [], [], []
        self.extra_lines = []
        self.ppi_weeks = None
        self.stress = []

    # --- helpers
    def P(self, t, **kw):
        m = self.sex == "M"
        d = dict(spouse="wife" if m else "husband", He="He" if m else "She", he="he" if m else "she", his="his" if m else "her",
                 His="His" if m else "Her", him="him" if m else "her", n=self.rng.randint(3, 12),
                 month=self.rng.choice(MONTHS), d=self.rng.randint(5, 12), k=self.rng.randint(6, 9),
                 k2=self.rng.randint(10, 12))
        w1 = self.rng.randint(60, 95)
        d.update(w1=w1, w2=w1 - d["d"])
        d.update(kw)
        return t.format(**d)

    def add_pos(self, fact, tags=None, prefer_stress=None):
        bank = POS[fact]
        if tags:
            cands = [b for b in bank if b[0] in tags] or bank
        elif prefer_stress is None:
            cands = bank
        elif prefer_stress:
            cands = [b for b in bank if b[0] != "plain"] or bank
        else:
            cands = [b for b in bank if b[0] == "plain"] or bank
        if self.style == "abbreviation_heavy_gp" and not tags and self.rng.random() < 0.7:
            cands = [b for b in bank if b[0] == "abbrev"] or cands
        tag, tpl = self.rng.choice(cands)
        self.pos.append({"fact": fact, "tag": tag, "text": self.P(tpl), "ev": []})
        if tag != "plain":
            self.stress.append("%s:%s" % (fact, tag))

    def add_look(self, key):
        if set(CONFLICT.get(key, ())) & set(self.facts()):
            for alt in ["gums", "loin_pain", "chest_pain", "lipoma", "neck_node"]:
                if not set(CONFLICT.get(alt, ())) & set(self.facts()) and alt not in [d["key"] for d in self.dis]:
                    key = alt
                    break
        kind, fact, tpl = LOOK[key]
        self.dis.append({"kind": kind, "key": key, "resembles": fact, "text": self.P(tpl), "ev": []})
        if kind in ("lookalike", "explained", "other_site", "refuted"):
            self.stress.append("distractor:%s" % key)

    def add_neg(self, fact):
        self.neg.append({"kind": "negated", "key": "neg_" + fact, "resembles": fact,
                         "text": self.rng.choice(NEG[fact]), "ev": []})

    def add_val(self, name, value, text, when="current", person="patient", unit=None, raw=None):
        item = {"name": name, "value": value, "text": text, "when": when, "person": person,
                "unit": unit, "raw": raw, "ev": []}
        if when == "current" and person == "patient":
            self.vals.append(item)
        else:
            self.dis.append({"kind": "old_value" if when != "current" else "other_person",
                             "key": name + "_" + when, "resembles": name, "text": "Previous result: %s (since repeated)." % text, "ev": [],
                             "value": value})

    def facts(self):
        return sorted(set(p["fact"] for p in self.pos))

# ---------------------------------------------------------------- value phrasing

def hb_text(c, v, stress_ok=True):
    r = c.rng.randint(0, 4)
    if r == 0:
        return ("Hb %d g/L" % v, "g/L", str(v))
    if r == 1:
        return ("Hb %d" % v, "g/L", str(v))
    if r == 2 and stress_ok:
        c.stress.append("value:hb_g_dL")
        return ("haemoglobin %.1f g/dL" % (v / 10.0), "g/dL", "%.1f" % (v / 10.0))
    if r == 3 and stress_ok:
        c.stress.append("value:hb_g_dL")
        return ("Hb %.1fg/dl" % (v / 10.0), "g/dL", "%.1f" % (v / 10.0))
    return ("haemoglobin %d g/L" % v, "g/L", str(v))


def fer_text(c, v):
    return c.rng.choice(["ferritin %d", "ferritin %d ug/L", "ferritin %d \u00b5g/L", "Ferr %d",
                         "serum ferritin %d ng/mL"]) % v


def fit_text(c, v):
    """v: int value or None for non-numeric negative forms."""
    if v is None:
        t = c.rng.choice(["FIT <4", "FIT: <10", "FIT negative", "FIT undetectable", "qFIT < 4 ug Hb/g"])
        c.stress.append("value:fit_words")
        return t
    if v < 10:
        return c.rng.choice(["FIT %d", "FIT %d ug/g", "qFIT %d ug Hb/g", "faecal immunochemical test %d ug Hb/g"]) % v
    t = c.rng.choice(["FIT %d", "FIT %d ug/g", "qFIT %d ug Hb/g", "qFIT positive at %d",
                      "faecal immunochemical test %d ug Hb/g faeces"]) % v
    return t


def fcp_text(c, v):
    if v is None:
        return c.rng.choice(["faecal calprotectin <50 ug/g", "FCP <20"])
    return c.rng.choice(["faecal calprotectin %d ug/g", "FCP %d", "calprotectin %d", "calpro %d \u00b5g/g"]) % v


def alt_text(c, v):
    if v % 40 == 0 and 40 < v < 300 and c.rng.random() < 0.6:
        c.stress.append("value:alt_uln")
        return "ALT %dx ULN (%d)" % (v // 40, v)
    return c.rng.choice(["ALT %d U/L", "ALT %d", "alanine transaminase %d IU/L"]) % v


def ttg_text(c):
    v = c.rng.choice([23, 48, 84, 112])
    return c.rng.choice(["tTG-IgA %d U/mL (ref <7)" % v, "anti-tTG >128, strongly positive",
                         "coeliac screen: tTG raised at %d" % v, "tissue transglutaminase antibody %d U/mL (raised)" % v])


def normal_bloods(c, extra_ok=True):
    """Add normal Hb (and sometimes ferritin) - values present but not facts."""
    hb = c.rng.randint(132, 158) if c.sex == "M" else c.rng.randint(122, 150)
    t, u, raw = hb_text(c, hb, stress_ok=False)
    c.add_val("hb", hb, t, unit=u, raw=raw)
    if extra_ok and c.rng.random() < 0.5:
        f = c.rng.randint(40, 220)
        c.add_val("ferritin", f, fer_text(c, f))

# ---------------------------------------------------------------- builders

def common_noise(c):
    """Distractors that do not decide the label in any rule context where they are added."""
    pass


def other_person_hb(c):
    x = c.rng.choice([88, 94, 101, 108])
    rel = c.rng.choice(["wife", "brother"] if c.sex == "M" else ["husband", "sister"])
    c.dis.append({"kind": "other_person", "key": "hb_other_person", "resembles": "anaemia", "ev": [],
                  "text": c.P("(The Hb of {x} g/L written on the first request form belongs to {his} {rel}, whose bloods were taken the same morning; {his} own result is given here.)", x=x, rel=rel)})
    c.stress.append("distractor:hb_other_person")


def pick_negs(c, facts, k):
    explained = [d["key"] for d in c.dis if d["key"] in ("wl_diet", "wl_bereave")]
    cands = [f for f in facts if f not in c.facts() and not (f == "weight_loss" and explained)]
    c.rng.shuffle(cands)
    for f in cands[:k]:
        c.add_neg(f)


def maybe(c, p):
    return c.rng.random() < p


def b_U1(c):
    c.add_pos("dysphagia", prefer_stress=maybe(c, 0.7))
    if maybe(c, 0.4):
        c.add_pos("reflux")
    if maybe(c, 0.3) and c.age >= 40:
        c.add_pos("weight_loss")
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["fh_oesoph", "ulcer_resolved", "chest_pain"]))
    pick_negs(c, ["haematemesis", "jaundice", "weight_loss", "anaemia"], 2)


def b_U2(c):
    c.add_pos(c.rng.choice(["rectal_mass", "rectal_mass", "anal_mass", "anal_ulcer"]))
    if maybe(c, 0.5):
        c.add_pos("rectal_bleeding")
    if maybe(c, 0.4):
        c.add_look("piles_resolved" if "rectal_bleeding" not in c.facts() else "gums")
    pick_negs(c, ["weight_loss", "abdominal_mass", "anaemia"], 2)


def b_U3(c):
    v = c.rng.choice([10, 11, 14, 18, 23, 36, 52, 64, 88, 120, 150, 240, 400])
    c.add_val("fit", v, fit_text(c, v))
    s = c.rng.choice([["cibh"], ["abdominal_pain"], ["rectal_bleeding"], ["cibh", "abdominal_pain"], ["bloating"]])
    for f in s:
        c.add_pos(f)
    if maybe(c, 0.35):
        c.add_val("fit", 3, c.rng.choice(["FIT 3 in 2022", "qFIT <4 two years ago"]), when="old")
    if maybe(c, 0.3):
        c.add_look(c.rng.choice(["haematuria", "fh_crc_sympt", "wl_diet"]))
    if maybe(c, 0.5):
        normal_bloods(c)
    pick_negs(c, ["weight_loss", "abdominal_mass", "rectal_bleeding"], 2)


def b_U4(c):
    thr = 130 if c.sex == "M" else 120
    hb = c.rng.choice([thr - 2, thr - 5, thr - 12, thr - 25, thr - 38])
    t, u, raw = hb_text(c, hb)
    c.add_val("hb", hb, t, unit=u, raw=raw)
    f = c.rng.choice([4, 6, 8, 11, 15, 19, 24, 28])
    c.add_val("ferritin", f, fer_text(c, f))
    if c.sex == "M" and thr - hb <= 5:
        c.stress.append("value:male_threshold")
    if maybe(c, 0.4):
        c.add_pos("dyspepsia" if c.age < 55 else "bloating")
    if maybe(c, 0.3):
        c.add_val("hb", thr + 15, "Hb %d a year ago" % (thr + 15), when="old")
    if maybe(c, 0.3):
        c.add_look(c.rng.choice(["fh_ida", "gums", "vaginal" if c.sex == "F" and c.age > 52 else "nosebleed"]))
    pick_negs(c, ["rectal_bleeding", "weight_loss", "dysphagia", "abdominal_mass"], 2)


def b_U5(c):
    c.add_pos("weight_loss", prefer_stress=maybe(c, 0.7))
    c.add_pos(c.rng.choice(["upper_abdominal_pain", "reflux", "dyspepsia"]), prefer_stress=maybe(c, 0.5))
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["odynophagia", "globus", "chest_pain"]))
    pick_negs(c, ["dysphagia", "haematemesis", "anaemia", "jaundice", "abdominal_mass"], 2)


def b_U6(c):
    c.add_pos("abdominal_mass", prefer_stress=maybe(c, 0.7))
    if maybe(c, 0.4):
        c.add_pos("abdominal_pain")
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["lipoma", "hernia"]))
    pick_negs(c, ["rectal_bleeding", "jaundice", "weight_loss", "dysphagia"], 2)


def b_U7(c):
    c.add_pos("jaundice", prefer_stress=maybe(c, 0.6))
    c.extra_lines.append(c.P("Bilirubin {b} umol/L.", b=c.rng.randint(48, 190)))
    if maybe(c, 0.5):
        v = c.rng.choice([88, 140, 210, 350])
        c.add_val("alt", v, alt_text(c, v))
    if maybe(c, 0.3):
        c.add_look("fh_jaundice")
    pick_negs(c, ["abdominal_mass", "weight_loss", "rectal_bleeding"], 2)


def b_U8(c):
    opts = []
    if c.age >= 50:
        opts.append("rb")
    if c.age >= 40:
        opts.append("wlp")
    if c.age >= 60:
        opts.append("cibh")
    v = c.rng.choice(opts)
    if v == "rb":
        c.add_pos("rectal_bleeding", prefer_stress=maybe(c, 0.7))
        if maybe(c, 0.4):
            c.add_look(c.rng.choice(["gums", "haematuria", "piles_resolved"]))
    elif v == "wlp":
        c.add_pos("weight_loss", prefer_stress=maybe(c, 0.6))
        c.add_pos("abdominal_pain")
    else:
        c.add_pos("cibh", prefer_stress=maybe(c, 0.6))
    if maybe(c, 0.4):
        c.extra_lines.append(c.P("A FIT kit has been given to {him}; the result is not back yet."))
    if maybe(c, 0.4):
        normal_bloods(c)
    pick_negs(c, ["abdominal_mass", "dysphagia", "jaundice"] + ([] if v == "wlp" else ["weight_loss"]), 2)


def b_R1(c):
    if maybe(c, 0.55):
        c.add_pos("bloody_diarrhoea", prefer_stress=maybe(c, 0.5))
        if maybe(c, 0.4):
            v = c.rng.choice([310, 480, 560, 900])
            c.add_val("calprotectin", v, fcp_text(c, v))
    else:
        c.add_pos(c.rng.choice(["cibh", "abdominal_pain"]))
        v = c.rng.choice([250, 260, 320, 480, 600, 1200])
        c.add_val("calprotectin", v, fcp_text(c, v))
        if maybe(c, 0.5):
            c.add_look("bloody_expletive")
            if "abdominal_pain" not in c.facts():
                c.add_pos("abdominal_pain")
    if maybe(c, 0.3):
        c.add_look("fh_ibd")
    pick_negs(c, ["weight_loss", "abdominal_mass"] + ([] if "bloody_diarrhoea" in c.facts() else ["rectal_bleeding"]), 2)


def b_R2(c):
    r = c.rng.randint(0, 2)
    if r == 0:
        c.add_pos("cirrhosis_ascites")
    elif r == 1:
        c.add_pos("cirrhosis_confusion")
    else:
        v = c.rng.choice([300, 340, 412, 650, 980])
        c.add_val("alt", v, alt_text(c, v))
        if maybe(c, 0.5):
            c.add_look(c.rng.choice(["carotene", "faketan"]))
    pick_negs(c, ["jaundice", "haematemesis", "abdominal_mass"], 2)
    if not any(n["resembles"] == "jaundice" for n in c.neg + c.dis):
        c.neg.append({"kind": "negated", "key": "neg_jaundice", "resembles": "jaundice",
                      "text": "not jaundiced", "ev": []})


def b_R3(c):
    c.add_pos("haematemesis", prefer_stress=maybe(c, 0.6))
    if maybe(c, 0.4):
        c.add_pos("dyspepsia" if c.age < 55 else "reflux")
        if c.age >= 55 and "reflux" in c.facts():
            pass
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["nosebleed", "haemoptysis"]))
    pick_negs(c, ["dysphagia", "weight_loss", "jaundice"], 2)
    normal_bloods(c, extra_ok=False) if maybe(c, 0.5) else None


def b_O1(c):
    c.add_pos("dyspepsia")
    c.ppi_weeks = c.rng.choice([6, 8, 12, 16, 26])
    drug = c.rng.choice(["omeprazole 20 mg", "lansoprazole 30 mg", "omeprazole 40 mg"])
    c.extra_lines.append(c.P("The indigestion has persisted despite {drug} daily for {w} weeks, taken correctly.",
                             drug=drug, w=c.ppi_weeks))
    if maybe(c, 0.6):
        c.add_look(c.rng.choice(["wl_diet", "wl_bereave", "wl_refuted"]))
    else:
        c.add_neg("weight_loss")
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["globus", "odynophagia", "ulcer_resolved"]))
    pick_negs(c, ["dysphagia", "haematemesis", "anaemia"], 1)
    if maybe(c, 0.4):
        normal_bloods(c)


def b_O2(c):
    c.add_pos(c.rng.choice(["cibh", "abdominal_pain", "bloating"]))
    v = c.rng.choice([100, 110, 135, 160, 190, 220, 249])
    c.add_val("calprotectin", v, fcp_text(c, v))
    if maybe(c, 0.3):
        c.add_val("calprotectin", 40, c.rng.choice(["FCP 40 last year", "calprotectin 38 in 2023"]), when="old")
    if maybe(c, 0.35):
        c.add_look(c.rng.choice(["bloody_expletive", "metformin_resolved", "fh_ibd"]))
        if c.dis[-1]["key"] == "bloody_expletive" and "abdominal_pain" not in c.facts():
            c.add_pos("abdominal_pain")
    pick_negs(c, ["rectal_bleeding", "weight_loss", "bloody_diarrhoea"], 2)


def b_O3(c):
    c.add_pos("ibd_stable_question")
    if maybe(c, 0.5):
        v = c.rng.choice([None, 30, 45, 60, 85])
        c.add_val("calprotectin", v if v is not None else 20, fcp_text(c, v))
    if maybe(c, 0.3):
        c.extra_lines.append(c.P("{He} had a flare with bloody diarrhoea in 2019, which settled fully; none since."))
        c.dis.append({"kind": "resolved", "key": "bd_2019", "resembles": "bloody_diarrhoea",
                      "text": c.extra_lines.pop(), "ev": []})
    pick_negs(c, ["rectal_bleeding", "weight_loss", "bloody_diarrhoea"], 2)


def b_O4(c):
    c.add_pos("coeliac_pos", tags=["plain", "abbrev"])
    c.add_val("ttg", 1, ttg_text(c))
    if maybe(c, 0.5):
        c.add_pos("bloating")
    if maybe(c, 0.5):
        # iron deficiency without anaemia
        hb = c.rng.randint(134, 150) if c.sex == "M" else c.rng.randint(123, 140)
        t, u, raw = hb_text(c, hb)
        c.add_val("hb", hb, t, unit=u, raw=raw)
        f = c.rng.choice([12, 18, 22])
        c.add_val("ferritin", f, fer_text(c, f))
        c.stress.append("value:iron_deficiency_without_anaemia")
        if maybe(c, 0.4):
            other_person_hb(c)
    pick_negs(c, ["weight_loss", "rectal_bleeding", "dysphagia"], 2)


def b_O5(c):
    if maybe(c, 0.6):
        v = c.rng.choice([48, 65, 80, 120, 160, 200, 240, 298])
        c.add_val("alt", v, alt_text(c, v))
        if maybe(c, 0.4):
            c.add_pos("fatty_liver")
    else:
        c.add_pos("fatty_liver", prefer_stress=maybe(c, 0.6))
        if maybe(c, 0.5):
            v = c.rng.choice([22, 31, 35])
            c.add_val("alt", v, alt_text(c, v))
    if maybe(c, 0.45):
        c.add_look(c.rng.choice(["carotene", "faketan", "wl_diet", "renal_cyst"]))
    if c.age >= 40 and not any(d["resembles"] == "jaundice" for d in c.dis):
        c.add_neg("jaundice")
    pick_negs(c, ["abdominal_mass", "weight_loss"], 1)


def b_A1(c):
    s = c.rng.choice([["abdominal_pain"], ["bloating"], ["cibh"], ["abdominal_pain", "bloating"],
                      ["cibh", "bloating"], ["abdominal_pain", "cibh"]])
    for f in s:
        c.add_pos(f)
    if maybe(c, 0.5):
        v = c.rng.choice([None, 15, 30, 45, 62, 80, 99])
        c.add_val("calprotectin", v if v is not None else 20, fcp_text(c, v))
    else:
        v = c.rng.choice([None, 0, 2, 5, 7, 9])
        c.add_val("fit", v if v is not None else 0, fit_text(c, v))
    if maybe(c, 0.5):
        c.add_look(c.rng.choice(["wl_diet", "bloody_expletive", "gums", "haematuria", "lipoma", "hernia",
                                 "loin_pain", "if_bleeding", "metformin_resolved"]))
        if c.dis[-1]["key"] == "bloody_expletive" and "abdominal_pain" not in c.facts():
            c.add_pos("abdominal_pain")
    if maybe(c, 0.4):
        normal_bloods(c, extra_ok=True)
    pick_negs(c, ["rectal_bleeding", "weight_loss", "abdominal_mass", "bloody_diarrhoea"], 2)


def b_O6(c):
    if c.age < 50:
        s = ["rectal_bleeding"]
    else:
        s = c.rng.choice([["rectal_bleeding"], ["cibh"], ["abdominal_pain"], ["rectal_bleeding", "abdominal_pain"],
                          ["cibh", "abdominal_pain"]])
    for f in s:
        c.add_pos(f, prefer_stress=maybe(c, 0.5))
    v = c.rng.choice([None, 0, 3, 4, 6, 8, 9])
    c.add_val("fit", v if v is not None else 0, fit_text(c, v))
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["piles_resolved", "wl_diet", "wl_refuted", "vaginal" if c.sex == "F" and c.age >= 52 else "gums",
                                 "metformin_resolved"]))
    if maybe(c, 0.4):
        normal_bloods(c)
    pick_negs(c, ["weight_loss", "abdominal_mass", "anaemia"], 2)


def b_A2(c):
    c.add_pos(c.rng.choice(["dyspepsia", "reflux", "reflux"]), prefer_stress=maybe(c, 0.6))
    if maybe(c, 0.5):
        c.add_look(c.rng.choice(["odynophagia", "globus", "chest_pain", "wl_diet", "ulcer_resolved", "if_dysphagia"]))
    if maybe(c, 0.3):
        c.extra_lines.append(c.P("{He} has tried Gaviscon from the chemist with some relief."))
    pick_negs(c, ["dysphagia", "weight_loss", "haematemesis", "anaemia"], 2)


def b_A3(c):
    c.add_pos("fh_crc")
    c.add_pos("asymptomatic")
    if maybe(c, 0.4):
        c.add_look(c.rng.choice(["if_bleeding", "piles_resolved"]))
    pick_negs(c, ["rectal_bleeding", "cibh", "weight_loss"], 2)


def b_D(c):
    # scenarios with nothing that matches a rule, each built around a look-alike
    opts = ["globus", "odynophagia", "carotene", "wl_expl", "nosebleed", "ida_no_anaemia",
            "anaemia_word", "pain_no_test"]
    if c.age >= 55:
        opts += ["dysp_short_ppi", "dysp_no_ppi"]
    sc = c.rng.choice(opts)
    c.scenario = sc
    if sc == "globus":
        c.add_look("globus")
        c.add_neg("dysphagia")
    elif sc == "odynophagia":
        c.add_look("odynophagia")
        c.add_neg("dysphagia")
    elif sc == "carotene":
        c.add_look(c.rng.choice(["carotene", "faketan"]))
        v = c.rng.choice([18, 24, 30])
        c.add_val("alt", v, alt_text(c, v))
    elif sc == "wl_expl":
        c.add_look(c.rng.choice(["wl_diet", "wl_bereave", "wl_refuted"]))
    elif sc == "nosebleed":
        c.add_look(c.rng.choice(["nosebleed", "haemoptysis"]))
        c.add_neg("haematemesis")
    elif sc == "ida_no_anaemia":
        hb = c.rng.randint(134, 152) if c.sex == "M" else c.rng.randint(121, 138)
        t, u, raw = hb_text(c, hb)
        c.add_val("hb", hb, t, unit=u, raw=raw)
        f = c.rng.choice([9, 14, 21, 26])
        c.add_val("ferritin", f, fer_text(c, f))
        c.extra_lines.append(c.P("{He} feels tired; I have started oral iron."))
        if maybe(c, 0.5):
            other_person_hb(c)
        c.stress.append("value:iron_deficiency_without_anaemia")
    elif sc == "anaemia_word":
        hb = c.rng.randint(131, 140) if c.sex == "M" else c.rng.randint(121, 128)
        t, u, raw = hb_text(c, hb)
        c.add_val("hb", hb, t, unit=u, raw=raw)
        c.dis.append({"kind": "lookalike", "key": "anaemia_word", "resembles": "anaemia",
                      "text": c.P("{He} was told at the blood donor session that {he} was \"a bit anaemic\"."), "ev": []})
        c.stress.append("distractor:anaemia_word")
        f = c.rng.choice([12, 16, 25])
        c.add_val("ferritin", f, fer_text(c, f))
    elif sc == "pain_no_test":
        c.add_pos("abdominal_pain")
        c.extra_lines.append(c.P("No stool tests have been done yet."))
        if c.age >= 40:
            c.add_neg("weight_loss")
    elif sc == "dysp_short_ppi":
        c.add_pos("dyspepsia")
        c.ppi_weeks = c.rng.choice([1, 2, 3])
        c.extra_lines.append(c.P("{He} started omeprazole 20 mg {w} week{s} ago and it has not helped yet.",
                                 w=words(c.ppi_weeks), s="" if c.ppi_weeks == 1 else "s"))
        c.stress.append("course:ppi_duration")
        c.add_neg("weight_loss")
    elif sc == "dysp_no_ppi":
        c.add_pos("dyspepsia")
        c.ppi_weeks = 0
        c.extra_lines.append(c.P("{He} has not yet tried a PPI."))
        c.add_neg("weight_loss")
    pick_negs(c, ["dysphagia", "rectal_bleeding", "jaundice", "abdominal_mass", "haematemesis"]
              + ([] if sc in ("wl_expl",) else ["weight_loss"]), 2)


BUILDERS = {k: globals()["b_" + k] for k in RULES}

# ---------------------------------------------------------------- layouts
# Every layout receives the case and must place every item's text (possibly transformed);
# the transformed string it placed is recorded in item["ev"].


def tx_lower(s):
    s = s.lower()
    for ch in ',;:!?"()':
        s = s.replace(ch, "")
    s = s.replace(". ", " ").replace(" - ", " ")
    if s.endswith("."):
        s = s[:-1]
    return s


def place(item, s):
    item["ev"].append(s)
    return s


def clin_items(c, include_neg=True):
    items = [("pos", p) for p in c.pos] + [("dis", d) for d in c.dis]
    c.rng.shuffle(items)
    return items


def val_line(c, sep=", "):
    parts = []
    for v in c.vals:
        parts.append(place(v, v["text"]))
    return sep.join(parts)


def neg_line(c, lead):
    if not c.neg:
        return ""
    return lead + ", ".join(place(n, n["text"]) for n in c.neg) + "."


def age_phrase(c):
    m = c.age_mode
    if m == "num":
        return "%d-year-old" % c.age
    if m == "aged":
        return "aged %d" % c.age
    if m == "words":
        return "%s-year-old" % words(c.age)
    return "(DOB %s)" % c.dob_s


def age_field(c):
    return words(c.age) if c.age_mode == "words" else str(c.age)


def age_pred(c):
    if c.age_mode == "words":
        return "%s years old" % words(c.age)
    if c.age_mode == "aged":
        return "aged %d" % c.age
    return "%d years old" % c.age


def who_phrase(c, noun):
    if c.age_mode in ("num", "words"):
        return age_phrase(c) + " " + noun
    if c.age_mode == "aged":
        return noun + " " + age_phrase(c)
    return noun


def header(c, lines=None):
    r = c.rng
    h = []
    if r.random() < 0.7:
        h.append("%s (%s)" % (c.practice[0], c.practice[1]))
        h.append(r.choice(["12 High Street", "1 Church Lane", "Unit 4, Mill Road", "The Health Centre, Station Road"]))
    h.append("Date: %s" % c.date_s)
    h.append("Re: %s %s %s, DOB %s, NHS No %s" % (c.title, c.first, c.last, c.dob_s, fmt_nhs(c.nhs)))
    if r.random() < 0.4:
        h.append("e-RS UBRN: %04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)))
    if r.random() < 0.3:
        h.append("Hosp no: RX%07d" % r.randint(0, 9999999))
    return h


def footer(c):
    f = []
    if c.rng.random() < 0.3:
        f.append("cc: patient; %s" % c.rng.choice(["practice nurse", "community pharmacy", "district nurses"]))
    if c.rng.random() < 0.25:
        f.append("%s - Page 1 of 1 - printed %s" % (c.practice[0], c.date_s))
    return f


def request_text(c):
    if c.req_level is None:
        return c.P(c.rng.choice(["Thank you for seeing {him}.", "Many thanks for your help.", "With thanks."]))
    return c.P(c.rng.choice(REQ[c.req_level]))


def closing(c):
    return c.rng.choice(["Thank you for your help with this patient; I would appreciate your opinion.",
                         "I would be grateful for your assessment.", "Kind regards,", "Yours sincerely,"])


def bgmed(c):
    pool = BGMED if c.age >= 40 else [BGMED[i] for i in (1, 2, 3, 5, 6)]
    return c.rng.choice(pool)


def L_formal(c):
    r = c.rng
    out = header(c) + ["", "Dear Colleague,", ""]
    who = "gentleman" if c.sex == "M" else "lady"
    if c.age_mode in ("num", "words"):
        who = age_phrase(c) + " " + who
    elif c.age_mode == "aged":
        who = who + ", " + age_phrase(c) + ","
    out.append("I would be grateful if you could see this %s whom I saw on %s, regarding the following." % (who, c.seen_s))
    body = [place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines
    out.append(" ".join(body))
    if c.vals:
        out.append("Recent results: " + val_line(c) + ".")
    nl = neg_line(c, "Of note there is ")
    if nl:
        out.append(nl)
    out.append(" ".join(bgmed(c)))
    out.append(request_text(c))
    out += ["", closing(c), "", c.doc, "General Practitioner"] + footer(c)
    return out


def L_terse(c):
    out = ["%s %s %s %s" % (c.title, c.last, age_phrase(c) if c.age_mode != "dob" else "DOB " + c.dob_s,
                            "NHS %s" % c.nhs)]
    bits = [place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines
    if c.vals:
        bits.append(val_line(c) + ".")
    if c.neg:
        bits.append(neg_line(c, ""))
    bits.append(request_text(c))
    out.append(" ".join(bits))
    out.append("%s, %s" % (c.doc, c.date_s))
    return out


def L_chatty(c):
    r = c.rng
    out = header(c) + ["", "Dear %s," % r.choice(["Sam", "Rebecca", "Tom", "Anjali"]), ""]
    out.append(c.P("Hope you're well! I'd really value your thoughts on {name}{a}, who I've known for years "
                   "and who came in last week, bless {him}.", name=c.first,
                   a="" if c.age_mode == "dob" else " (" + age_field(c) + ")"))
    body = [place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines
    out.append("So, the story: " + " ".join(body))
    if c.vals:
        out.append("I did some bloods/tests: " + val_line(c) + ".")
    if c.neg:
        out.append(neg_line(c, "Reassuringly, ") + " " + r.choice(["Phew.", "Which I was glad about.", ""]))
    if r.random() < 0.3:
        out.append(c.P("The health visitor, who knows the family well, was the one who persuaded {him} to come in."))
    out.append(request_text(c))
    out += ["", "Thanks so much, and do give me a ring if easier.", "", c.doc.replace("Dr ", "")] + footer(c)
    return out


def L_bullets(c):
    r = c.rng
    numbered = r.random() < 0.5
    out = header(c) + ["", "Referral to gastroenterology", "%s %s, %s %s" % (
        c.first, c.last, "M" if c.sex == "M" else "F", age_phrase(c) if c.age_mode != "dob" else "DOB " + c.dob_s), ""]
    items = [place(x, x["text"].rstrip(".")) for _, x in clin_items(c)] + [e.rstrip(".") for e in c.extra_lines]
    if c.vals:
        items.append("Bloods/stool tests: " + val_line(c))
    if c.neg:
        items.append("Red flags screened: " + ", ".join(place(n, n["text"]) for n in c.neg))
    items.append(bgmed(c)[0].rstrip("."))
    for i, it in enumerate(items, 1):
        out.append(("%d. " % i if numbered else "- ") + it)
    out += ["", request_text(c), c.doc] + footer(c)
    return out


def L_third(c):
    r = c.rng
    out = header(c) + ["", "Dear Dr %s," % r.choice(["Murray", "Chen", "Bhatt", "O'Neill"]), ""]
    P = lambda s: s
    out.append("The patient is a %s registered with this practice, seen by my partner and then by me." % who_phrase(c, "man" if c.sex == "M" else "woman"))
    body = [place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines
    out.append("The patient reports the following. " + " ".join(body))
    if c.vals:
        out.append("Investigations arranged by the practice: " + val_line(c) + ".")
    if c.neg:
        out.append(neg_line(c, "The patient was asked specifically: "))
    out.append("The patient is aware of this referral. " + request_text(c))
    out += ["", closing(c), c.doc, "on behalf of the partners"] + footer(c)
    return out


def L_lower(c):
    out = [tx_lower("%s %s %s nhs %s" % (c.title, c.first, c.last, c.nhs)), tx_lower("date %s" % c.date_s)]
    bits = ["hi", tx_lower("please see this %s" % who_phrase(c, "chap" if c.sex == "M" else "lady"))]
    for _, x in clin_items(c):
        bits.append(place(x, tx_lower(x["text"])))
    bits += [tx_lower(e) for e in c.extra_lines]
    if c.vals:
        bits.append("results " + " ".join(place(v, tx_lower(v["text"])) for v in c.vals))
    for n in c.neg:
        bits.append(place(n, tx_lower(n["text"])))
    bits.append(tx_lower(request_text(c)))
    bits.append("thanks " + tx_lower(c.doc))
    out.append(" ".join(bits))
    return out


ABBR = [(" weeks", "/52"), ("abdominal", "abdo"), ("examination", "exam"), ("patient", "pt"),
        (" with ", " c/o "), ("Examination", "O/E")]


def L_abbr(c):
    r = c.rng
    out = header(c) + [""]
    out.append("Pt %s%s, %s. Ref to gastro." % (age_field(c) if c.age_mode != "dob" else "DOB " + c.dob_s,
                                                 (" yo" if c.age_mode == "words" else "yo") if c.age_mode != "dob" else "", "M" if c.sex == "M" else "F"))
    out.append("HPC: " + " ".join(place(x, x["text"]) for _, x in clin_items(c)))
    for e in c.extra_lines:
        out.append(e)
    if c.vals:
        out.append("Ix: " + val_line(c, "; "))
    if c.neg:
        out.append("RF: " + ", ".join(place(n, n["text"]) for n in c.neg) + ".")
    bg = bgmed(c)
    out.append("PMH/DH: " + bg[0].split(":", 1)[-1].strip() + " " + bg[1].split(":", 1)[-1].strip())
    out.append("Plan: " + request_text(c))
    out += [c.doc + " (GP)"] + footer(c)
    return out


def L_soap(c):
    r = c.rng
    out = header(c) + [""]
    items = clin_items(c)
    pos = [place(x, x["text"]) for k, x in items if k == "pos" and x["tag"] not in ("exam",)]
    exam = [place(x, x["text"]) for k, x in items if k == "pos" and x["tag"] == "exam"]
    dis = [place(x, x["text"]) for k, x in items if k == "dis"]
    out.append("S: %s. " % (c.P("{He} is ") + age_pred(c) if c.age_mode != "dob" else "DOB " + c.dob_s)
               + " ".join(pos + dis + c.extra_lines))
    o = "O: " + (" ".join(exam) + " " if exam else "") + r.choice(["Obs stable.", "BP 134/82, HR 76, afebrile.", "Looks well."])
    if c.vals:
        o += " Results: " + val_line(c) + "."
    out.append(o)
    a = "A: " + r.choice(["See above.", "As per history.", "Referral criteria reviewed."])
    if c.neg:
        a += " " + neg_line(c, "Red flags screened - ")
    out.append(a)
    out.append("P: " + request_text(c))
    out += ["", c.doc] + footer(c)
    return out


def L_111(c):
    r = c.rng
    out = ["NHS 111 Clinical Assessment Service - Post-event message",
           "Case ref: 111-%06d   Call date: %s" % (r.randint(0, 999999), c.date_s),
           "Patient: %s %s %s, %s, NHS %s" % (c.title, c.first, c.last, "DOB " + c.dob_s if c.age_mode == "dob" else "age " + age_field(c), fmt_nhs(c.nhs)),
           "Registered GP practice: %s" % c.practice[0], "Call taken from: %s" % r.choice(["patient", "patient's daughter", "patient's husband", "patient's wife"]),
           "", "Clinician summary (telephone assessment, patient spoken to directly):"]
    out.append(" ".join([place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines))
    if c.vals:
        out.append("Results visible on the shared record: " + val_line(c) + ".")
    if c.neg:
        out.append("Pathways questions: " + ", ".join(place(n, n["text"]) for n in c.neg) + ".")
    out.append("Disposition: no emergency features today. Letter copied to gastroenterology at the GP's standing request. " + request_text(c))
    out.append("Clinician: %s, %s" % (r.choice(["K. Barnes", "D. Achebe", "L. Smart"]), r.choice(["Clinical Advisor (RGN)", "Paramedic", "Clinical Pharmacist"])))
    return out


def L_wic(c):
    r = c.rng
    out = ["%s Walk-in Centre" % r.choice(["Broadway", "Central", "Eastfield"]), "Attendance: %s" % c.date_s,
           "%s %s, %s, NHS %s, GP: %s" % (c.first, c.last, "DOB " + c.dob_s if c.age_mode == "dob" else age_phrase(c), c.nhs, c.practice[0]),
           "", "Dear Gastroenterology team (copy to GP),"]
    out.append(c.P("I saw {him} today at the walk-in centre. ") + " ".join(place(x, x["text"]) for _, x in clin_items(c)))
    if c.extra_lines:
        out.append(" ".join(c.extra_lines))
    if c.vals:
        out.append(c.P("{He} brought a printout from {his} GP: ") + val_line(c) + ".")
    if c.neg:
        out.append(neg_line(c, "On questioning: "))
    out.append(request_text(c))
    out += ["", "%s, Advanced Nurse Practitioner" % r.choice(["Jo Allen", "Priti Mistry", "Sean Kerr"])] + footer(c)
    return out


def L_matron(c):
    r = c.rng
    rel = r.choice(["daughter", "son", "husband" if c.sex == "F" else "wife", "carer"])
    out = header(c) + ["", "From: Community Matron, %s Neighbourhood Team" % r.choice(["North", "West", "Riverside"]), ""]
    out.append(c.P("I visit {name} at home every fortnight as {he} is housebound. {His} {rel} was present and gave much of the history, which {he} then confirmed to me.",
                   name="%s %s" % (c.title, c.last), rel=rel))
    out.append(" ".join([place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines))
    out.append(c.P("{He} is {a}.", a=age_pred(c) if c.age_mode != "dob" else "born on " + c.dob_s).replace(" is born on", " was born on"))
    if c.vals:
        out.append("Bloods taken at home: " + val_line(c) + ".")
    if c.neg:
        out.append(neg_line(c, "I checked for red flags: "))
    out.append(request_text(c) + " I have discussed this with the GP, %s." % c.doc)
    out += ["", "%s, Community Matron" % r.choice(["Bev Holt", "Aled Rees", "Mary Quinn"])] + footer(c)
    return out


def L_pharm(c):
    r = c.rng
    out = header(c) + ["", "Structured medication review - practice clinical pharmacist", ""]
    out.append("Medicines reviewed: " + bgmed(c)[1].split(":", 1)[-1].strip() + " Adherence good.")
    out.append(c.P("During the review {he} mentioned several things which I have discussed with {gp}: ", gp=c.doc)
               + " ".join(place(x, x["text"]) for _, x in clin_items(c)))
    if c.extra_lines:
        out.append(" ".join(c.extra_lines))
    if c.vals:
        out.append("Latest monitoring results: " + val_line(c) + ".")
    if c.neg:
        out.append(neg_line(c, "Checked: "))
    out.append(c.P("Age: {a}.", a=age_field(c) if c.age_mode != "dob" else "DOB " + c.dob_s))
    out.append("GP asked me to send this on. " + request_text(c))
    out += ["", "%s, Clinical Pharmacist (IP)" % r.choice(["Nadia Karim", "Owen Pugh"]), "Countersigned: %s" % c.doc] + footer(c)
    return out


def L_endo(c):
    r = c.rng
    out = ["Endoscopy Unit - Pre-assessment clinic", "Date: %s" % c.date_s,
           "Patient: %s %s %s (%s), NHS %s" % (c.title, c.first, c.last, "DOB " + c.dob_s if c.age_mode == "dob" else "age " + age_field(c), c.nhs), ""]
    out.append(c.P("{He} attended pre-assessment for a planned {proc}. At pre-assessment the following was new and I have flagged it to the referring consultant's secretary and the GP:",
                   proc=r.choice(["surveillance procedure", "polyp follow-up", "routine check procedure"])))
    for _, x in clin_items(c):
        out.append("* " + place(x, x["text"]))
    for e in c.extra_lines:
        out.append("* " + e)
    if c.vals:
        out.append("Pre-assessment bloods / results on file: " + val_line(c))
    if c.neg:
        out.append("Checklist: " + ", ".join(place(n, n["text"]) for n in c.neg))
    out.append(request_text(c))
    out += ["%s, Pre-assessment Nurse" % r.choice(["Claire Dunn", "Tariq Aziz"])] + footer(c)
    return out


def L_private(c):
    r = c.rng
    out = ["%s Health Screening" % r.choice(["Harley Wellness", "Apex Private", "Clearview"]), "Executive health assessment report",
           "Client: %s %s %s   DOB: %s   Assessment date: %s" % (c.title, c.first, c.last, c.dob_s, c.date_s),
           "NHS number (for onward referral): %s" % fmt_nhs(c.nhs)]
    if c.age_mode != "dob":
        out.append("Age at assessment: %s" % age_field(c))
    out.append("")
    out.append("Dear %s (NHS GP) and Gastroenterology colleagues," % c.doc)
    out.append(c.P("{He} attended for a self-funded health check. Findings relevant to you: ") + " ".join(place(x, x["text"]) for _, x in clin_items(c)))
    if c.extra_lines:
        out.append(" ".join(c.extra_lines))
    if c.vals:
        out.append("Laboratory panel: " + val_line(c, " | "))
    if c.neg:
        out.append(neg_line(c, "Systems review: "))
    out.append("BMI %d. BP %d/%d." % (r.randint(21, 34), r.randint(118, 150), r.randint(70, 92)))
    out.append(request_text(c) + " The client wishes to be seen on the NHS.")
    out += ["", "%s, Screening Physician" % r.choice(["Dr V. Castellano", "Dr N. Grey"])] + footer(c)
    return out


def L_forces(c):
    r = c.rng
    out = ["%s Medical Centre, %s" % (r.choice(["Station", "Garrison", "Regimental"]), r.choice(["RAF Brize Norton", "Catterick Garrison", "HMNB Devonport"])),
           "Date: %s" % c.date_s, "Service person: %s %s %s, Service No %s, NHS %s" % (r.choice(["Pte", "LCpl", "AB", "SAC"] if c.age < 25 else ["Cpl", "Sgt", "Flt Lt", "Maj", "WO2"]), c.first, c.last, "%s%05d" % (r.choice(["25", "30"]), r.randint(0, 99999)), c.nhs),
           "Age: %s" % (age_field(c) if c.age_mode != "dob" else "DOB " + c.dob_s), "", "Sir/Ma'am,"]
    out.append("1. " + c.P("This serving {who} presented to sick parade.", who="soldier" if r.random() < 0.5 else "member of staff"))
    k = 2
    for _, x in clin_items(c):
        out.append("%d. %s" % (k, place(x, x["text"]))); k += 1
    for e in c.extra_lines:
        out.append("%d. %s" % (k, e)); k += 1
    if c.vals:
        out.append("%d. Ix: %s." % (k, val_line(c))); k += 1
    if c.neg:
        out.append("%d. %s" % (k, neg_line(c, "Negatives: "))); k += 1
    out.append("%d. Occupational: %s. %s" % (k, r.choice(["temporarily downgraded, no deployment", "fit for duties in barracks"]), request_text(c)))
    out += ["", "%s, Regimental Medical Officer" % r.choice(["Capt. R. Lowe", "Surg Lt Cdr A. Penn"])] + footer(c)
    return out


def L_twovisit(c):
    r = c.rng
    out = header(c) + ["", "Dear Gastroenterologist,", ""]
    items = clin_items(c)
    half = max(1, len(items) // 2)
    v1, v2 = items[:half], items[half:]
    out.append(c.P("I first saw this {a} on {d1}. ", a=who_phrase(c, "man" if c.sex == "M" else "woman"), d1=c.visit1_s)
               + " ".join(place(x, x["text"]) for _, x in v1))
    out.append((c.P("I saw {him} again on {d2}, about {w} weeks later, and the above still applied. ", d2=c.seen_s, w=r.choice(["five", "six", "seven"]))
               + " ".join([place(x, x["text"]) for _, x in v2] + c.extra_lines)).strip())
    if c.neg:
        out.append(neg_line(c, "At the second visit I checked: "))
    vals = list(c.vals)
    ps = vals[-1:] if vals and r.random() < 0.6 else []
    rest = [v for v in vals if v not in ps]
    if rest:
        out.append("Results: " + ", ".join(place(v, v["text"]) for v in rest) + ".")
    out.append(request_text(c))
    out += ["", "Yours sincerely,", c.doc]
    if ps:
        out.append("")
        out.append("P.S. A further result came back after I dictated this: " + place(ps[0], ps[0]["text"]) + ".")
        c.stress.append("layout:ps_value")
    return out + footer(c)

# ----- forms ------------------------------------------------------------

YN_STYLES = [("Y", "N"), ("Yes", "No"), ("YES / n\u0336o\u0336", "y\u0336e\u0336s\u0336 / NO"), ("[x]", "[ ]"),
             ("present", "absent"), ("+", "-"), ("\u2713", "\u2717"), ("(Yes) / No", "Yes / (No)")]


def yn(c, val, style):
    return style[0] if val else style[1]


def form_rows(c, rows, style):
    """rows: list of (label, fact_or_callable). Positive rows sometimes answered 'see free text'."""
    out = []
    for label, key in rows:
        keys = (key,) if isinstance(key, str) else key
        present = bool(set(keys) & set(c.facts()))
        if present and c.rng.random() < 0.45:
            ans = c.rng.choice(["see below", "see free text", "see HPC", "- see history"])
            c.stress.append("heading:answer_elsewhere:%s" % keys[0])
        elif not present and c.rng.random() < 0.15:
            ans = c.P(c.rng.choice(["not that {he}'s noticed", "no, asked directly", "none reported"]))
        else:
            ans = yn(c, present, style)
        line = "%s: %s" % (label, ans)
        out.append(line)
        if not present:
            c.formdis.append({"kind": "unticked", "key": "row_" + label, "resembles": keys[0],
                          "text": line, "ev": [line]})
        else:
            for p in c.pos:
                if p["fact"] in keys and ans == yn(c, True, style):
                    p["ev"].append(line)
    return out


def is_ida(c):
    hb = [v["value"] for v in c.vals if v["name"] == "hb"]
    fe = [v["value"] for v in c.vals if v["name"] == "ferritin"]
    thr = 130 if c.sex == "M" else 120
    return bool(hb and fe and hb[0] < thr and fe[0] < 30)


def fit_row(c):
    f = [v for v in c.vals if v["name"] == "fit"]
    return f


def L_ers(c):
    r = c.rng
    out = ["NHS e-Referral Service - Referral letter", "UBRN: %04d %04d %04d" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999)),
           "Service: Gastroenterology - %s" % r.choice(["General", "Hepatology & General GI", "Lower GI"]),
           "Referrer: %s, %s (%s)" % (c.doc, c.practice[0], c.practice[1]), "Referral date: %s" % c.date_s, "",
           "Patient name: %s %s" % (c.first, c.last), "Sex: %s" % ("Male" if c.sex == "M" else "Female"),
           "Date of birth: %s" % c.dob_s, "NHS number: %s" % fmt_nhs(c.nhs)]
    if c.age_mode != "dob":
        out.append("Age: %s" % age_field(c))
    out.append("Priority requested: %s" % ({None: "(not stated)", "urgent_suspected_cancer": "Urgent Suspected Cancer",
                                              "urgent": "Urgent", "routine": "Routine", "advice_and_guidance": "Advice and Guidance"}[c.req_level]))
    out.append("")
    out.append("Presenting complaint / HPC:")
    out.append(" ".join([place(x, x["text"]) for k, x in clin_items(c)] + c.extra_lines))
    out.append("")
    rows = [("Dysphagia?", "dysphagia"), ("Weight loss?", "weight_loss"), ("Rectal bleeding?", ("rectal_bleeding", "bloody_diarrhoea")), ("Jaundice?", "jaundice")]
    r.shuffle(rows)
    out.append("Red flag questions:")
    out += form_rows(c, rows[:3], r.choice(YN_STYLES))
    out.append("")
    out.append("Investigations: " + (val_line(c, "; ") if c.vals else "none attached"))
    if c.neg:
        out.append("Also screened: " + ", ".join(place(n, n["text"]) for n in c.neg))
    out.append("Past medical history: " + bgmed(c)[0].split(":", 1)[-1].strip())
    out.append("What I would like: " + request_text(c))
    return out


def L_lower2ww(c):
    r = c.rng
    st = r.choice(YN_STYLES)
    out = ["SUSPECTED LOWER GI CANCER REFERRAL (2WW / USC)", "Referring practice: %s  Code: %s" % c.practice,
           "Date of decision to refer: %s" % c.date_s, "Patient: %s %s %s  DOB: %s  NHS: %s" % (c.title, c.first, c.last, c.dob_s, c.nhs)]
    if c.age_mode != "dob":
        out.append("Age at referral: %s" % (words(c.age) if c.age_mode == "words" else c.age))
    out += ["", "Criteria (please answer each):"]
    rows = [("Rectal bleeding", ("rectal_bleeding", "bloody_diarrhoea")), ("Change in bowel habit", ("cibh", "bloody_diarrhoea")), ("Unexplained weight loss", "weight_loss"),
            ("Abdominal pain", ("abdominal_pain", "upper_abdominal_pain")), ("Abdominal mass", "abdominal_mass"), ("Rectal / anal mass or anal ulcer", ("rectal_mass", "anal_mass", "anal_ulcer"))]
    out += form_rows(c, rows, st)
    ida = is_ida(c)
    line = "Iron-deficiency anaemia (see results): %s" % yn(c, ida, st)
    out.append(line)
    fit = fit_row(c)
    out.append("FIT result: %s" % (place(fit[0], fit[0]["text"]) if fit else "not done"))
    out.append("")
    out.append("Clinical details (free text):")
    out.append(" ".join([place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines))
    others = [v for v in c.vals if v["name"] != "fit"]
    if others:
        out.append("Bloods: " + ", ".join(place(v, v["text"]) for v in others))
    if c.neg:
        out.append("Negatives: " + ", ".join(place(n, n["text"]) for n in c.neg))
    out.append("Performance status: %d   Anticoagulated: %s" % (r.randint(0, 2), r.choice(["no", "yes - apixaban"])))
    out.append("Referrer: %s   Bleep/phone: 01632 %06d" % (c.doc, r.randint(0, 999999)))
    out.append("Has the patient been told this is a suspected cancer referral? %s" % st[0])
    return out


def L_upper2ww(c):
    r = c.rng
    st = r.choice(YN_STYLES)
    out = ["UPPER GI SUSPECTED CANCER REFERRAL FORM", "Practice: %s (%s)" % c.practice, "Date: %s" % c.date_s,
           "Name: %s %s   Sex: %s   DOB: %s   NHS No: %s" % (c.first, c.last, c.sex, c.dob_s, fmt_nhs(c.nhs))]
    if c.age_mode != "dob":
        out.append("Age: %s" % age_field(c))
    out += ["", "Tick all that apply:"]
    rows = [("Dysphagia", "dysphagia"), ("Upper abdominal pain", "upper_abdominal_pain"), ("Weight loss", "weight_loss"),
            ("Reflux", "reflux"), ("Dyspepsia", "dyspepsia"), ("Haematemesis", "haematemesis"), ("Abdominal mass", "abdominal_mass")]
    out += form_rows(c, rows, st)
    out += ["", "Additional information:"]
    out.append(" ".join([place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines))
    if c.vals:
        out.append("Blood results: " + val_line(c))
    if c.neg:
        out.append("Also: " + ", ".join(place(n, n["text"]) for n in c.neg))
    out.append("Referring clinician: %s" % c.doc)
    return out


def L_paste(c):
    r = c.rng
    out = header(c) + ["", "Referral letter generated from clinical system", "-" * 40,
                       "Patient: %s %s (%s)  %s" % (c.first, c.last, "M" if c.sex == "M" else "F", "DOB " + c.dob_s if c.age_mode == "dob" else "Age " + age_field(c))]
    out.append("Active problems: " + r.choice(["Essential hypertension", "Asthma", "Osteoarthritis", "Anxiety"]) + "; " + r.choice(["Hyperlipidaemia", "Obesity", "Eczema"]))
    out.append("Current medication: " + bgmed(c)[1].split(":", 1)[-1].strip())
    out.append("Allergies: %s" % r.choice(["NKDA", "penicillin (rash)"]))
    out.append("")
    out.append("Consultation text (%s): " % c.seen_s + " ".join([place(x, x["text"]) for _, x in clin_items(c)] + c.extra_lines))
    if c.neg:
        out.append("Negatives recorded: " + ", ".join(place(n, n["text"]) for n in c.neg))
    out.append("")
    out.append("Results (most recent):")
    out.append("Test | Result | Range | Flag")
    rng_map = {"hb": ("Haemoglobin", "130-180 g/L" if c.sex == "M" else "120-160 g/L"), "ferritin": ("Ferritin", "30-300 ug/L"),
               "fit": ("FIT", "<10 ug/g"), "calprotectin": ("Calprotectin", "<50 ug/g"), "alt": ("ALT", "<40 U/L"), "ttg": ("tTG IgA", "<7 U/mL")}
    for v in c.vals:
        nm, val = v["name"], v["value"]
        flag = {"hb": "L" if val < (130 if c.sex == "M" else 120) else "", "ferritin": "L" if val < 30 else "",
                "fit": "H" if val >= 10 else "", "calprotectin": "H" if val >= 50 else "",
                "alt": "H" if val >= 40 else "", "ttg": "H"}[nm]
        row = ("%s | %s | %s | %s" % (rng_map[nm][0], v["text"], rng_map[nm][1], flag)).rstrip()
        place(v, v["text"])
        place(v, row)
        out.append(row)
    if not c.vals:
        out.append("(no recent results)")
    out.append("-" * 40)
    out.append("Referrer comments: " + request_text(c))
    out.append(c.doc)
    return out


LAYOUT_FN = {
    "formal_dear_colleague_gp": L_formal, "terse_two_line_locum": L_terse, "chatty_first_name_gp": L_chatty,
    "bullet_point_gp": L_bullets, "third_person_partner": L_third, "lowercase_no_punctuation_gp": L_lower,
    "abbreviation_heavy_gp": L_abbr, "soap_heading_gp": L_soap, "nhs111_clinician": L_111,
    "walk_in_centre_nurse": L_wic, "community_matron": L_matron, "practice_pharmacist_med_review": L_pharm,
    "endoscopy_preassessment_nurse": L_endo, "private_health_check_doctor": L_private,
    "armed_forces_medical_officer": L_forces, "two_visit_gp_with_addendum": L_twovisit,
    "ers_structured_template": L_ers, "lower_gi_2ww_form": L_lower2ww, "upper_gi_2ww_form": L_upper2ww,
    "gp_system_paste_results_table": L_paste,
}

# ---------------------------------------------------------------- assembly

def assign():
    rng = random.Random(SEED + "|assign")
    rules = []
    for k in RULES:
        rules += [k] * RULE_COUNTS[k]
    assert len(rules) == 300
    rng.shuffle(rules)
    slots = []
    for s, kind, ar in LAYOUTS:
        slots += [(s, ar)] * 15

    def ok(rule, ar):
        lo, hi = RULE_AGE[rule]
        return max(lo, ar[0]) <= min(hi, ar[1]) - 2

    for i in range(300):
        if not ok(rules[i], slots[i][1]):
            for j in range(300):
                if ok(rules[j], slots[i][1]) and ok(rules[i], slots[j][1]):
                    rules[i], rules[j] = rules[j], rules[i]
                    break
    assert all(ok(rules[i], slots[i][1]) for i in range(300))
    return [(rules[i], slots[i][0], slots[i][1]) for i in range(300)]


def make_case(i, rule, style, ar):
    rng = random.Random("%s|%d|%s|%s" % (SEED, i, rule, style))
    c = Case(i, rule, style, rng)
    lo, hi = max(RULE_AGE[rule][0], ar[0]), min(RULE_AGE[rule][1], ar[1])
    c.age = rng.randint(lo, hi)
    c.sex = rng.choice("MF")
    c.first = rng.choice(MALE if c.sex == "M" else FEMALE)
    c.last = rng.choice(SURN)
    c.title = "Mr" if c.sex == "M" else rng.choice(["Mrs", "Ms", "Miss"])
    c.practice = rng.choice(PRACTICES)
    c.doc = rng.choice(DOCS)
    c.nhs = nhs_number(rng)
    date = datetime.date(2025, 1, 6) + datetime.timedelta(days=rng.randint(0, 330))
    # DOB consistent with age at letter date
    by = date.year - c.age
    dob = datetime.date(by, rng.randint(1, 12), rng.randint(1, 28))
    if (dob.month, dob.day) > (date.month, date.day):
        dob = datetime.date(by - 1, dob.month, dob.day)
    c.date, c.dob = date, dob
    c.date_s = fmt_date(date, rng)
    c.dob_s = dob.strftime("%d/%m/%Y") if rng.random() < 0.6 else "%d %s %d" % (dob.day, MONTHS[dob.month - 1][:3], dob.year)
    c.seen_s = fmt_date(date - datetime.timedelta(days=rng.randint(1, 10)), rng)
    c.visit1_s = fmt_date(date - datetime.timedelta(days=rng.randint(35, 60)), rng)
    c.age_mode = rng.choice(["num", "num", "aged", "words", "dob"])
    if style in ("terse_two_line_locum",) and c.age_mode == "words":
        c.age_mode = "num"
    BUILDERS[rule](c)
    # extra look-alike for letters that have none yet (never in A3, where "no symptoms" decides)
    xr = random.Random("%s|extra|%d" % (SEED, i))
    if rule != "A3" and not [d for d in c.dis if d["kind"] not in ("negated", "unticked")] and xr.random() < 0.4:
        safe = [k for k in ["gums", "lipoma", "neck_node", "loin_pain", "chest_pain", "haematuria", "fh_ibd",
                            "nosebleed", "haemoptysis", "fh_oesoph"] if not set(CONFLICT.get(k, ())) & set(c.facts())]
        key = xr.choice(safe)
        kind, fact, tpl = LOOK[key]
        c.dis.append({"kind": kind, "key": key, "resembles": fact, "text": c.P(tpl), "ev": []})
        if kind != "family":
            c.stress.append("distractor:%s" % key)
    if not c.pos:
        names = [v["name"] for v in c.vals]
        if "alt" in names and "hb" not in names:
            why = rng.choice(["LFTs were checked at {his} annual medication review.", "Liver tests were done as part of a well-person check.",
                              "{He} had bloods for tiredness, including liver function tests."])
        elif names:
            why = rng.choice(["Bloods were taken because {he} has felt tired for a couple of months.",
                              "{He} came in feeling washed out, so I checked some bloods.", "Bloods were done at a routine review."])
        else:
            why = "{He} came to talk this through."
        c.extra_lines.insert(0, c.P(why))
    k = rng.choice([1, 2, 2, 3, 4]) if style not in ("terse_two_line_locum", "lowercase_no_punctuation_gp") else rng.choice([0, 0, 1])
    for f in rng.sample(FILLERS, k):
        c.extra_lines.append(c.P(f, smk=rng.choice(["never smoked", "ex-smoker", "smokes 10 a day"]), alc=rng.choice(["0", "4", "10", "14", "20"])))
    return c


def main():
    plan = assign()
    cases = [make_case(i, *p) for i, p in enumerate(plan)]
    # requested priority: 2WW forms always ask for USC; elsewhere about half disagree
    for c in cases:
        urg = RULES[c.rule][0]
        rng = random.Random("%s|pri|%d" % (SEED, c.idx))
        if c.style in ("lower_gi_2ww_form", "upper_gi_2ww_form"):
            c.req_level = "urgent_suspected_cancer"
        elif rng.random() < 0.5:
            others = [u for u in REQ if u != urg]
            # over-asking is commoner than under-asking
            order = ["advice_and_guidance", "routine", "urgent", "urgent_suspected_cancer"]
            hi = [u for u in others if order.index(u) > order.index(urg)]
            lo = [u for u in others if order.index(u) < order.index(urg)]
            c.req_level = rng.choice(hi) if hi and (not lo or rng.random() < 0.6) else rng.choice(lo)
        else:
            c.req_level = urg if rng.random() < 0.8 else None
    letters, metas = [], []
    for c in cases:
        lines = LAYOUT_FN[c.style](c)
        text = "\n".join(l.rstrip() for l in lines).strip() + "\n"
        # light spelling noise in non-fact boilerplate (about 10%)
        nrng = random.Random("%s|noise|%d" % (SEED, c.idx))
        noise = None
        if nrng.random() < 0.11:
            for a, b in NOISE_SWAPS:
                protected = [e for it in c.pos + c.vals + c.dis + c.neg + c.formdis for e in it["ev"]]
                if a in text and not any(a in e for e in protected):
                    text = text.replace(a, b, 1)
                    noise = "%s->%s" % (a, b)
                    break
        cid = "L36-%04d" % (c.idx + 1)
        for it in c.pos + c.vals + c.dis + c.neg + c.formdis:
            assert it["ev"], (cid, it)
            for e in it["ev"]:
                assert e in text, (cid, e)
        urg, pw = RULES[c.rule]
        letters.append({"id": cid, "text": text, "urgency": urg, "pathway": pw, "rule": c.rule, "style": c.style,
                        "gp_priority": None if c.req_level is None else GP_PRI_WORDS[c.req_level], "age": c.age})
        metas.append({
            "id": cid, "rule": c.rule, "style": c.style, "sex": c.sex, "age": c.age, "age_mode": c.age_mode,
            "dob": c.dob.isoformat(), "letter_date": c.date.isoformat(), "nhs_number": c.nhs,
            "gp_priority_level": c.req_level,
            "facts": [{"fact": p["fact"], "wording": p["tag"], "evidence": p["ev"]} for p in c.pos],
            "values": [{"name": v["name"], "value": v["value"], "raw": v["raw"], "unit": v["unit"], "evidence": v["ev"]} for v in c.vals],
            "ppi_weeks": c.ppi_weeks,
            "distractors": [{"kind": d["kind"], "key": d["key"], "resembles": d["resembles"], "evidence": d["ev"]}
                            for d in c.dis + c.neg + c.formdis],
            "stress": sorted(set(c.stress)), "noise": noise,
        })
    with open(os.path.join(OUT, "letters.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for l in letters:
            f.write(json.dumps(l, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(OUT, "letters_meta.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for m in metas:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    h = hashlib.sha256(open(os.path.join(OUT, "letters.jsonl"), "rb").read()).hexdigest()
    print("wrote", len(letters), "letters; sha256", h)


if __name__ == "__main__":
    main()
