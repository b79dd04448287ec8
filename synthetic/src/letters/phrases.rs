//! Phrase banks: how GPs write each finding, its absence, and the mentions that must not count
//! (negated, a relative's, resolved, hypothetical).
//!
//! Templates use `{sub}`/`{Sub}` (she/he), `{obj}` (her/him), `{pos}`/`{Pos}` (her/his),
//! `{dur}` (a symptom duration), `{kg}` (kilograms), `{ppi}` (a PPI), `{ppidur}` (a PPI course
//! of at least four weeks) and `{n}` (a small number); [`Fill`] replaces them.

use triage::facts::{Finding, Sex};
use types::rng::Rng;

/// Pronouns and nouns for one patient.
#[derive(Debug, Clone, Copy)]
pub struct Pronouns {
    pub sub: &'static str,
    pub sub_cap: &'static str,
    pub obj: &'static str,
    pub pos: &'static str,
    pub pos_cap: &'static str,
    pub noun: &'static str,
}

impl Pronouns {
    pub fn for_sex(sex: Sex, rng: &mut Rng) -> Pronouns {
        match sex {
            Sex::Female => Pronouns {
                sub: "she",
                sub_cap: "She",
                obj: "her",
                pos: "her",
                pos_cap: "Her",
                noun: ["woman", "lady", "woman", "female patient"][rng.below(4).min(3)],
            },
            Sex::Male => Pronouns {
                sub: "he",
                sub_cap: "He",
                obj: "him",
                pos: "his",
                pos_cap: "His",
                noun: ["man", "gentleman", "man", "male patient"][rng.below(4).min(3)],
            },
        }
    }
}

pub const DURATIONS: &[&str] = &[
    "2 weeks",
    "3 weeks",
    "4 weeks",
    "6 weeks",
    "8 weeks",
    "2 months",
    "3 months",
    "4 months",
    "6 months",
    "a few weeks",
    "several weeks",
    "3/52",
    "6/52",
    "2/12",
    "3/12",
];
pub const PPIS: &[&str] = &[
    "omeprazole",
    "lansoprazole",
    "esomeprazole",
    "PPI",
    "a PPI",
    "pantoprazole",
    "omeprazole 20mg",
    "lansoprazole 30mg",
];
/// PPI courses of at least four weeks.
pub const PPI_LONG: &[&str] = &[
    "4 weeks", "6 weeks", "8 weeks", "2 months", "3 months", "6 months", "8/52", "6/52", "3/12",
    "12 weeks",
];
/// PPI courses shorter than four weeks.
pub const PPI_SHORT: &[&str] = &["1 week", "2 weeks", "10 days", "3 weeks", "2/52", "5 days"];

/// Current, asserted phrasings in prose (lower-case start; the writer capitalises).
pub fn positive_prose(f: Finding) -> &'static [&'static str] {
    match f {
        Finding::Dysphagia => &[
            "progressive dysphagia to solids for {dur}",
            "difficulty swallowing for {dur}, with food sticking behind the sternum",
            "dysphagia for {dur}, initially to solids and now to soft foods",
            "food getting stuck when {sub} swallows, for about {dur}",
            "intermittent dysphagia over the last {dur}",
            "trouble swallowing solids for {dur}",
            "food sticking on swallowing for {dur}",
        ],
        Finding::RectalMass => &[
            "a firm mass palpable on PR examination",
            "a hard, irregular rectal mass felt at about 6cm on digital rectal examination",
            "a palpable rectal mass on examination",
            "a craggy mass felt on PR",
        ],
        Finding::AnalMass => &[
            "a firm anal mass at the anal verge",
            "a perianal mass which is slowly enlarging",
            "a mass in the anal canal",
        ],
        Finding::AnalUlceration => &[
            "a non-healing anal ulcer present for {dur}",
            "an unexplained ulcer at the anal margin",
            "perianal ulceration of uncertain cause",
        ],
        Finding::AbdominalMass => &[
            "a palpable mass in the right iliac fossa",
            "a firm abdominal mass on examination",
            "a mass palpable in the left iliac fossa",
            "an epigastric mass on palpation",
        ],
        Finding::WeightLoss => &[
            "unintentional weight loss of {kg}kg over {dur}",
            "weight loss of about {kg} kg that {sub} cannot explain",
            "unexplained weight loss (approx {kg}kg in {dur})",
            "unexplained weight loss",
            "ongoing weight loss, {kg}kg over {dur}",
            "wt loss of {kg}kg",
            "weight down {kg}kg over {dur} without trying",
            "lost {kg}kg over {dur}, not dieting",
        ],
        Finding::UpperAbdominalPain => &[
            "epigastric pain for {dur}",
            "upper abdominal pain, worse after meals",
            "intermittent epigastric discomfort",
            "upper abdo pain for {dur}",
        ],
        Finding::Reflux => &[
            "reflux symptoms",
            "heartburn and acid reflux for {dur}",
            "GORD symptoms",
            "troublesome heartburn",
        ],
        Finding::Dyspepsia => &[
            "dyspepsia for {dur}",
            "ongoing indigestion",
            "dyspeptic symptoms for {dur}",
            "persistent dyspepsia",
        ],
        Finding::PpiFourWeeks => &[
            "symptoms persisting despite {ppidur} of {ppi}",
            "no better after {ppidur} of {ppi}",
            "{ppi} for {ppidur} has not helped",
            "little benefit from {ppi} taken for {ppidur}",
        ],
        Finding::Jaundice => &[
            "painless jaundice noticed over the last {dur}",
            "visible jaundice",
            "yellowing of the skin and eyes for {dur}",
            "jaundice with pale stools and dark urine",
            "scleral icterus",
        ],
        Finding::RectalBleeding => &[
            "rectal bleeding for {dur}",
            "fresh red blood per rectum for {dur}",
            "intermittent PR bleeding",
            "bright red blood mixed with the stool",
            "blood in {pos} stools for {dur}",
            "dark red rectal bleeding over {dur}",
            "BRPR for {dur}",
            "PR bleeding on and off for {dur}",
            "fresh blood on the paper and in the pan for {dur}",
        ],
        Finding::ChangeInBowelHabit => &[
            "a change in bowel habit to looser stools for {dur}",
            "a change in bowel habit over {dur}",
            "altered bowel habit with increased frequency",
            "looser, more frequent stools for {dur}",
            "alternating constipation and diarrhoea for {dur}",
            "CIBH for {dur}",
            "bowels looser and more frequent for {dur}",
            "a change in bowels (now 3-4 times a day) for {dur}",
        ],
        Finding::AbdominalPain => &[
            "lower abdominal pain for {dur}",
            "crampy abdominal pain",
            "left iliac fossa pain",
            "intermittent abdominal pain for {dur}",
            "abdominal discomfort",
            "tummy pain on and off for {dur}",
        ],
        Finding::Bloating => &[
            "bloating",
            "abdominal bloating, worse in the evenings",
            "feeling bloated most days",
            "bloating and wind",
        ],
        Finding::BloodyDiarrhoea => &[
            "bloody diarrhoea up to {n} times a day for {dur}",
            "diarrhoea with blood and mucus for {dur}",
            "bloody loose stools",
            "blood-stained diarrhoea for {dur}",
        ],
        Finding::DecompensatedCirrhosis => &[
            "known alcohol-related cirrhosis, now with new ascites",
            "known cirrhosis with increasing ascites",
            "known cirrhosis and new episodes of confusion",
            "known cirrhosis (MASLD), now with ascites and some confusion",
        ],
        Finding::Haematemesis => &[
            "an episode of haematemesis {n} days ago",
            "vomiting blood twice this week",
            "coffee-ground vomiting",
            "small-volume haematemesis after retching",
        ],
        Finding::StableIbdQuestion => &[
            "known ulcerative colitis, stable on mesalazine; advice please on whether {sub} can reduce the dose",
            "known Crohn's disease, in remission on azathioprine; could you advise on the need for ongoing blood monitoring?",
            "known UC, quiescent for several years; {sub} would like advice on surveillance colonoscopy",
            "known IBD (Crohn's), well controlled; your advice on vaccinations before travel would be appreciated",
        ],
        Finding::RaisedTtg => &[
            "a raised tTG ({n}0 U/mL)",
            "positive coeliac serology (tTG {n}0 U/mL)",
            "a strongly positive tTG",
            "a positive coeliac screen",
        ],
        Finding::FattyLiver => &[
            "fatty liver on ultrasound",
            "hepatic steatosis on a recent ultrasound",
            "NAFLD on imaging",
            "an echogenic liver on ultrasound in keeping with fatty infiltration",
        ],
        Finding::FamilyHistoryCrc => &[
            "a family history of bowel cancer ({rel}, aged {age2})",
            "a family history of colorectal cancer in {pos} {rel}",
        ],
    }
}

/// Short forms for terse requests and field values.
pub fn positive_terse(f: Finding) -> &'static [&'static str] {
    match f {
        Finding::Dysphagia => &[
            "dysphagia {dur}",
            "prog dysphagia",
            "dysphagia",
            "food sticking",
            "diff swallowing {dur}",
        ],
        Finding::RectalMass => &["rectal mass on PR", "PR: craggy mass"],
        Finding::AnalMass => &["anal mass", "perianal mass"],
        Finding::AnalUlceration => &["non-healing anal ulcer", "anal ulceration"],
        Finding::AbdominalMass => &["RIF mass", "abdo mass", "palpable abdominal mass"],
        Finding::WeightLoss => &[
            "wt loss {kg}kg",
            "weight loss",
            "wt loss",
            "lost {kg}kg",
            "wt down {kg}kg in {dur}",
        ],
        Finding::UpperAbdominalPain => &["epigastric pain", "upper abdo pain"],
        Finding::Reflux => &["reflux", "GORD sx", "heartburn"],
        Finding::Dyspepsia => &["dyspepsia", "indigestion"],
        Finding::PpiFourWeeks => &["despite {ppidur} {ppi}", "{ppi} x {ppidur} no better"],
        Finding::Jaundice => &[
            "jaundice",
            "painless jaundice",
            "jaundiced",
            "yellow sclerae",
        ],
        Finding::RectalBleeding => &[
            "PR bleed {dur}",
            "PR bleeding",
            "rectal bleeding {dur}",
            "BRPR",
            "BRPR {dur}",
            "fresh PR bld",
        ],
        Finding::ChangeInBowelHabit => &[
            "CIBH {dur}",
            "CIBH",
            "loose stools {dur}",
            "change in bowels {dur}",
            "bowels looser",
        ],
        Finding::AbdominalPain => &["abdo pain", "abd pain", "LIF pain", "tummy pain"],
        Finding::Bloating => &["bloating", "bloated"],
        Finding::BloodyDiarrhoea => &["bloody diarrhoea", "bloody diarrhoea {n}x/day"],
        Finding::DecompensatedCirrhosis => {
            &["known cirrhosis, new ascites", "cirrhotic, new confusion"]
        }
        Finding::Haematemesis => &["haematemesis", "coffee-ground vomit", "vomited blood"],
        Finding::StableIbdQuestion => &["known UC, stable - advice re stopping mesalazine?"],
        Finding::RaisedTtg => &["tTG raised", "coeliac serology +ve"],
        Finding::FattyLiver => &["NAFLD on USS", "fatty liver on US"],
        Finding::FamilyHistoryCrc => &["FHx CRC ({rel})", "FH bowel ca ({rel})"],
    }
}

/// Labels of the tick boxes and Yes/No fields of a proforma.
pub fn field_label(f: Finding) -> &'static str {
    match f {
        Finding::Dysphagia => "Dysphagia",
        Finding::RectalMass => "Rectal mass",
        Finding::AnalMass => "Anal mass",
        Finding::AnalUlceration => "Anal ulceration",
        Finding::AbdominalMass => "Abdominal mass",
        Finding::WeightLoss => "Unexplained weight loss",
        Finding::UpperAbdominalPain => "Upper abdominal pain",
        Finding::Reflux => "Reflux",
        Finding::Dyspepsia => "Dyspepsia",
        Finding::PpiFourWeeks => "PPI for 4 weeks or more",
        Finding::Jaundice => "Jaundice",
        Finding::RectalBleeding => "Rectal bleeding",
        Finding::ChangeInBowelHabit => "Change in bowel habit",
        Finding::AbdominalPain => "Abdominal pain",
        Finding::Bloating => "Bloating",
        Finding::BloodyDiarrhoea => "Bloody diarrhoea",
        Finding::DecompensatedCirrhosis => "Decompensated cirrhosis",
        Finding::Haematemesis => "Haematemesis",
        Finding::StableIbdQuestion => "Known IBD - advice",
        Finding::RaisedTtg => "Raised tTG",
        Finding::FattyLiver => "Fatty liver on imaging",
        Finding::FamilyHistoryCrc => "Family history of colorectal cancer",
    }
}

/// Noun phrases used when a finding is denied, safety-netted or in the past.
pub fn nouns(f: Finding) -> &'static [&'static str] {
    match f {
        Finding::Dysphagia => &["dysphagia", "difficulty swallowing", "swallowing problems"],
        Finding::WeightLoss => &["weight loss", "wt loss", "weight loss"],
        Finding::RectalBleeding => &[
            "rectal bleeding",
            "PR bleeding",
            "blood in the stool",
            "PR bleed",
            "BRPR",
        ],
        Finding::ChangeInBowelHabit => &["change in bowel habit", "CIBH", "change in bowels"],
        Finding::Jaundice => &["jaundice"],
        Finding::Haematemesis => &["haematemesis", "vomiting of blood"],
        Finding::BloodyDiarrhoea => &["bloody diarrhoea"],
        Finding::AbdominalPain => &["abdominal pain", "abdo pain"],
        Finding::Reflux => &["reflux", "heartburn"],
        Finding::Dyspepsia => &["dyspepsia", "indigestion"],
        Finding::UpperAbdominalPain => &["epigastric pain"],
        Finding::Bloating => &["bloating"],
        Finding::AbdominalMass => &["abdominal mass"],
        Finding::RectalMass => &["rectal mass"],
        _ => &[],
    }
}

/// Findings a GP commonly documents as absent.
pub const NEGATABLE: &[Finding] = &[
    Finding::Dysphagia,
    Finding::WeightLoss,
    Finding::RectalBleeding,
    Finding::ChangeInBowelHabit,
    Finding::Jaundice,
    Finding::Haematemesis,
    Finding::BloodyDiarrhoea,
    Finding::AbdominalPain,
    Finding::Reflux,
    Finding::Bloating,
];

/// Findings that can appear as a resolved past episode or in safety-netting advice.
pub const EPISODIC: &[Finding] = &[
    Finding::Dysphagia,
    Finding::RectalBleeding,
    Finding::Haematemesis,
    Finding::Jaundice,
    Finding::WeightLoss,
    Finding::BloodyDiarrhoea,
];

/// "If she develops ..." verb phrases.
pub fn develops(f: Finding) -> &'static str {
    match f {
        Finding::Dysphagia => "develops dysphagia",
        Finding::RectalBleeding => "notices any rectal bleeding",
        Finding::Haematemesis => "vomits blood",
        Finding::Jaundice => "becomes jaundiced",
        Finding::WeightLoss => "starts to lose weight",
        Finding::BloodyDiarrhoea => "develops bloody diarrhoea",
        _ => "develops new symptoms",
    }
}

pub const RELATIVES: &[&str] = &[
    "father",
    "mother",
    "sister",
    "brother",
    "maternal aunt",
    "paternal uncle",
    "grandfather",
];

pub const OTHER_FAMILY: &[&str] = &[
    "{Pos} {rel} had stomach cancer in {rpos} seventies.",
    "{Pos} {rel} has Crohn's disease.",
    "Family history of coeliac disease ({rel}).",
    "{Pos} {rel} had oesophageal cancer aged {age2}.",
    "{Pos} {rel} died of liver cirrhosis.",
    "{Pos} {rel} has ulcerative colitis.",
];

/// Complaints that are not facts of the rule table.
pub const OTHER_COMPLAINTS: &[&str] = &[
    "nausea",
    "intermittent vomiting",
    "persistent hiccups",
    "gallstones on ultrasound",
    "an isolated raised bilirubin (?Gilbert's)",
    "pruritus ani",
    "excess wind and belching",
    "long-standing constipation",
    "a low B12",
    "an incidental liver cyst",
    "halitosis",
];

pub const PMH: &[&str] = &[
    "Hypertension",
    "Type 2 diabetes (HbA1c 52 mmol/mol)",
    "Asthma",
    "Osteoarthritis",
    "Hypothyroidism",
    "Depression",
    "AF on apixaban",
    "COPD",
    "Hypercholesterolaemia",
    "Cholecystectomy (2011)",
    "Appendicectomy",
    "Migraine",
];

pub const MEDS: &[&str] = &[
    "Ramipril 5mg OD",
    "Metformin 500mg BD",
    "Atorvastatin 20mg ON",
    "Levothyroxine 50mcg OD",
    "Amlodipine 5mg OD",
    "Sertraline 50mg OD",
    "Salbutamol 100mcg inhaler PRN",
    "Apixaban 5mg BD",
    "Paracetamol 1g QDS PRN",
    "Co-codamol 30/500 PRN",
];

/// Past problems for the long lists of a GP record: none is a fact of the rule table, many
/// mention the gut. `{y}` is a year before the letter.
pub const LONG_PMH: &[&str] = &[
    "Haemorrhoids, banded ({y})",
    "Gastroenteritis ({y}), resolved",
    "H. pylori, eradicated ({y})",
    "Anal fissure ({y}), healed",
    "Gallstones, cholecystectomy {y}",
    "Appendicectomy ({y})",
    "Diverticular disease on CT ({y})",
    "Hiatus hernia on OGD ({y})",
    "Colonoscopy {y}: 2 small polyps removed, no follow-up needed",
    "Fractured wrist ({y})",
    "Carpal tunnel release ({y})",
    "Knee replacement ({y})",
    "TIA ({y})",
    "Pneumonia ({y})",
    "Cellulitis L leg ({y})",
    "Gout",
    "Glaucoma",
    "Anxiety",
    "Chronic kidney disease stage 3a",
    "Obstructive sleep apnoea",
    "Psoriasis",
    "Cataract surgery ({y})",
    "Vitamin D deficiency ({y})",
    "Hypertension (since {y})",
    "Type 2 diabetes (since {y})",
    "Osteoarthritis knees",
    "Depression ({y}), in remission",
    "Sciatica ({y})",
];

pub const LONG_MEDS: &[&str] = &[
    "Amlodipine 10mg OD",
    "Bisoprolol 2.5mg OD",
    "Ramipril 10mg OD",
    "Indapamide 2.5mg OM",
    "Atorvastatin 40mg ON",
    "Simvastatin 20mg ON",
    "Metformin 1g BD",
    "Gliclazide 80mg BD",
    "Sitagliptin 100mg OD",
    "Levothyroxine 100mcg OD",
    "Aspirin 75mg OD",
    "Clopidogrel 75mg OD",
    "Bendroflumethiazide 2.5mg OD",
    "Doxazosin 4mg OD",
    "Allopurinol 100mg OD",
    "Colecalciferol 800 units OD",
    "Adcal-D3 1 tab BD",
    "Alendronic acid 70mg weekly",
    "Gabapentin 300mg TDS",
    "Amitriptyline 10mg ON",
    "Mirtazapine 15mg ON",
    "Citalopram 20mg OD",
    "Fostair 100/6 2 puffs BD",
    "Salbutamol 100mcg 2 puffs PRN",
    "Senna 7.5mg 2 tabs ON PRN",
    "Laxido 1 sachet OD PRN",
    "Paracetamol 1g QDS PRN",
    "Naproxen 500mg BD PRN",
    "Latanoprost eye drops ON",
    "Hydroxocobalamin 1mg 3-monthly",
];

/// Replaces the placeholders of a template.
pub struct Fill<'a> {
    pub p: &'a Pronouns,
    pub rng: &'a mut Rng,
}

impl Fill<'_> {
    pub fn fill(&mut self, template: &str) -> String {
        if !template.contains('{') {
            return template.to_string();
        }
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let key = &after[..close];
            let value: String = match key {
                "sub" => self.p.sub.to_string(),
                "Sub" => self.p.sub_cap.to_string(),
                "obj" => self.p.obj.to_string(),
                "pos" => self.p.pos.to_string(),
                "Pos" => self.p.pos_cap.to_string(),
                "dur" => self.rng.pick(DURATIONS).to_string(),
                "kg" => self.rng.range(3, 14).to_string(),
                "ppi" => self.rng.pick(PPIS).to_string(),
                "ppidur" => self.rng.pick(PPI_LONG).to_string(),
                "n" => self.rng.range(2, 9).to_string(),
                "rel" => self.rng.pick(RELATIVES).to_string(),
                "age2" => self.rng.range(45, 82).to_string(),
                "rpos" => "their".to_string(),
                other => format!("{{{other}}}"),
            };
            out.push_str(&value);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Upper-cases the first character.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a" or "an" before `word` ("an 80-year-old", "an 11 year old", "a man").
pub fn article(word: &str) -> &'static str {
    let lower = word.to_ascii_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']) && !lower.starts_with("user");
    let eighty = lower.starts_with('8')
        || lower.starts_with("11")
        || lower.starts_with("18 ")
        || lower.starts_with("18-")
        || lower.starts_with("18y");
    if vowel || eighty {
        "an"
    } else {
        "a"
    }
}

/// "a, b or c".
pub fn join_or(items: &[String], conj: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conj} {last}", init.join(", ")),
    }
}
