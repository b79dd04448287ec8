//! The clinical content of a letter, written as sentences and result lines that the letter forms
//! in [`super::forms`] arrange. Every finding of the facts is asserted exactly once (twice in the
//! proformas: a field and the free text); everything else that mentions a red-flag word is
//! negated, a relative's, resolved or hypothetical.

use super::header::uk_date;
use super::phrases::{self as ph, capitalise, join_or, Fill, Pronouns};
use triage::facts::{ClinicalFacts, Finding, Sex};
use triage::labels::Urgency;
use types::rng::Rng;

/// Findings found on examination rather than in the history.
pub const EXAM: &[Finding] = &[
    Finding::RectalMass,
    Finding::AnalMass,
    Finding::AnalUlceration,
    Finding::AbdominalMass,
];
/// Findings written as background (known conditions, serology, imaging, family).
pub const BACKGROUND: &[Finding] = &[
    Finding::StableIbdQuestion,
    Finding::DecompensatedCirrhosis,
    Finding::RaisedTtg,
    Finding::FattyLiver,
    Finding::FamilyHistoryCrc,
];

/// One laboratory result, inline and as a table row.
#[derive(Debug, Clone)]
pub struct Lab {
    pub inline: String,
    pub name: String,
    pub value: String,
    pub unit: String,
    pub range: String,
}

/// Everything one letter says, decided once and then laid out by a form.
pub struct Content {
    pub p: Pronouns,
    pub age: u32,
    pub sex: Sex,
    pub age_stated: bool,
    pub history: Vec<Finding>,
    pub exam: Vec<Finding>,
    pub background: Vec<Finding>,
    pub ppi_four_weeks: bool,
    /// Name the iron-deficiency anaemia in words ("IDA") as well as by its values.
    pub ida_named: bool,
    pub negatives: Vec<Finding>,
    pub past: Option<Finding>,
    pub hypothetical: Vec<Finding>,
    pub other_family: Option<&'static str>,
    pub no_family_history: bool,
    pub other_complaint: Option<&'static str>,
    pub labs: Vec<Lab>,
    pub pmh: Vec<&'static str>,
    pub meds: Vec<String>,
    pub gp_priority: Option<Urgency>,
}

/// The writer: a random stream and the patient's pronouns.
pub struct Writer {
    pub rng: Rng,
    pub p: Pronouns,
}

impl Writer {
    pub fn fill(&mut self, template: &str) -> String {
        Fill {
            p: &self.p,
            rng: &mut self.rng,
        }
        .fill(template)
    }

    pub fn pick_fill(&mut self, templates: &[&str]) -> String {
        let t = *self.rng.pick(templates);
        self.fill(t)
    }

    pub fn date(&mut self, date: chrono::NaiveDate) -> String {
        uk_date(&mut self.rng, date)
    }
}

impl Content {
    pub fn plan(w: &mut Writer, facts: &ClinicalFacts, gp_priority: Option<Urgency>) -> Content {
        let rng = &mut w.rng;
        let sex = facts.sex.unwrap_or(Sex::Female);
        let present = facts.findings();
        let history: Vec<Finding> = present
            .iter()
            .copied()
            .filter(|f| !EXAM.contains(f) && !BACKGROUND.contains(f) && *f != Finding::PpiFourWeeks)
            .collect();
        let exam: Vec<Finding> = present
            .iter()
            .copied()
            .filter(|f| EXAM.contains(f))
            .collect();
        let background: Vec<Finding> = present
            .iter()
            .copied()
            .filter(|f| BACKGROUND.contains(f))
            .collect();

        let mut absent: Vec<Finding> = ph::NEGATABLE
            .iter()
            .copied()
            .filter(|f| !facts.has(*f))
            .collect();
        rng.shuffle(&mut absent);
        let n_neg = if rng.chance(0.8) {
            rng.range(1, 4) as usize
        } else {
            0
        };
        let negatives: Vec<Finding> = absent.iter().copied().take(n_neg).collect();

        let mut episodic: Vec<Finding> = ph::EPISODIC
            .iter()
            .copied()
            .filter(|f| !facts.has(*f))
            .collect();
        rng.shuffle(&mut episodic);
        let past = if rng.chance(0.2) {
            episodic.first().copied()
        } else {
            None
        };
        let hypothetical: Vec<Finding> = if rng.chance(0.3) {
            episodic
                .iter()
                .copied()
                .skip(1)
                .filter(|f| !negatives.contains(f))
                .take(rng.range(1, 2) as usize)
                .collect()
        } else {
            Vec::new()
        };
        let other_family = if rng.chance(0.2) {
            Some(*rng.pick(ph::OTHER_FAMILY))
        } else {
            None
        };
        let no_family_history = !facts.family_history_crc && rng.chance(0.15);
        let other_complaint = if history.is_empty() && exam.is_empty() || rng.chance(0.15) {
            Some(*rng.pick(ph::OTHER_COMPLAINTS))
        } else {
            None
        };
        let mut pmh: Vec<&'static str> = Vec::new();
        for _ in 0..rng.range(0, 3) {
            let p = *rng.pick(ph::PMH);
            if !pmh.contains(&p) {
                pmh.push(p);
            }
        }
        let mut meds: Vec<String> = Vec::new();
        for _ in 0..rng.range(0, 3) {
            let m = rng.pick(ph::MEDS).to_string();
            if !meds.contains(&m) {
                meds.push(m);
            }
        }
        if facts.dyspepsia || facts.reflux {
            meds.push(
                rng.pick(&["Omeprazole 20mg OD", "Lansoprazole 30mg OD"])
                    .to_string(),
            );
        }
        if facts.ida() && rng.chance(0.5) {
            meds.push("Ferrous fumarate 210mg BD".to_string());
        }
        let labs = labs(rng, facts);
        Content {
            p: w.p,
            age: facts.age.unwrap_or(50),
            sex,
            age_stated: rng.chance(0.75),
            history,
            exam,
            background,
            ppi_four_weeks: facts.ppi_four_weeks,
            ida_named: facts.ida() && rng.chance(0.5),
            negatives,
            past,
            hypothetical,
            other_family,
            no_family_history,
            other_complaint,
            labs,
            pmh,
            meds,
            gp_priority,
        }
    }

    /// "67 year old woman" style description (empty string when the age is not stated).
    pub fn age_sex(&self, w: &mut Writer) -> String {
        let age = self.age;
        let noun = self.p.noun;
        if !self.age_stated {
            return noun.to_string();
        }
        match w.rng.below(4) {
            0 => format!("{age} year old {noun}"),
            1 => format!("{age}-year-old {noun}"),
            2 => format!("{noun} aged {age}"),
            _ => format!("{age} yr old {noun}"),
        }
    }

    /// Sentences for the history findings (lower-case phrases joined into prose).
    pub fn history_sentences(&self, w: &mut Writer) -> Vec<String> {
        let mut out = Vec::new();
        let mut phrases: Vec<String> = self
            .history
            .iter()
            .map(|f| w.pick_fill(ph::positive_prose(*f)))
            .collect();

        let sub = self.p.sub_cap;
        let verbs = [
            "presents with",
            "reports",
            "describes",
            "has had",
            "complains of",
        ];
        while !phrases.is_empty() {
            let take = w.rng.range(1, 3).min(phrases.len() as u32) as usize;
            let chunk: Vec<String> = phrases.drain(..take).collect();
            let verb = if out.is_empty() {
                *w.rng.pick(&verbs)
            } else {
                *w.rng.pick(&[
                    "also reports",
                    "also has",
                    "additionally describes",
                    "has also noticed",
                ])
            };
            out.push(format!("{sub} {verb} {}.", join_or(&chunk, "and")));
        }
        if self.ida_named {
            out.push(w.pick_fill(&[
                "Routine bloods show IDA.",
                "{Sub} has a new iron deficiency anaemia.",
                "New IDA on recent bloods.",
            ]));
        }
        if let Some(c) = self.other_complaint {
            let verb = if out.is_empty() {
                *w.rng
                    .pick(&["presents with", "reports", "has had", "complains of"])
            } else {
                *w.rng.pick(&["also mentions", "also reports", "also has"])
            };
            out.push(format!("{sub} {verb} {c}."));
        }
        if self.ppi_four_weeks {
            let s = w.pick_fill(ph::positive_prose(Finding::PpiFourWeeks));
            out.push(format!("{}.", capitalise(&s)));
        } else if self.history.contains(&Finding::Dyspepsia)
            || self.history.contains(&Finding::Reflux)
        {
            match w.rng.below(4) {
                0 => {
                    let ppi = *w.rng.pick(ph::PPIS);
                    let short = *w.rng.pick(ph::PPI_SHORT);
                    out.push(format!("{} was started {short} ago.", capitalise(ppi)));
                }
                1 => out.push(w.fill("{Sub} has not yet tried a PPI.")),
                _ => {}
            }
        }
        out
    }

    /// Examination sentences for the findings on examination.
    pub fn exam_sentences(&self, w: &mut Writer) -> Vec<String> {
        let mut out = Vec::new();
        for f in &self.exam {
            let phrase = w.pick_fill(ph::positive_prose(*f));
            let s = match w.rng.below(3) {
                0 => format!("On examination there is {phrase}."),
                1 => format!("Examination revealed {phrase}."),
                _ => format!("I found {phrase}."),
            };
            out.push(s);
        }
        if self.exam.is_empty() && w.rng.chance(0.3) {
            out.push(
                w.rng
                    .pick(&[
                        "Abdomen soft and non-tender with no masses palpable.",
                        "Abdominal examination unremarkable, no masses.",
                        "PR examination: no masses, soft brown stool.",
                    ])
                    .to_string(),
            );
        }
        out
    }

    /// Background sentences: known conditions, serology, imaging, family history.
    pub fn background_sentences(&self, w: &mut Writer) -> Vec<String> {
        let mut out = Vec::new();
        for f in &self.background {
            let phrase = w.pick_fill(ph::positive_prose(*f));
            let s = match f {
                Finding::StableIbdQuestion => format!("{} has {phrase}.", self.p.sub_cap),
                Finding::DecompensatedCirrhosis => format!("{} has {phrase}.", self.p.sub_cap),
                Finding::RaisedTtg => format!("Bloods show {phrase}."),
                Finding::FattyLiver => format!("{} has {phrase}.", self.p.sub_cap),
                _ => format!("There is {phrase}."),
            };
            out.push(s);
        }
        out
    }

    /// Denied red-flag symptoms, as one or two sentences.
    pub fn negative_sentences(&self, w: &mut Writer) -> Vec<String> {
        let mut out = Vec::new();
        let mut items: Vec<Finding> = self.negatives.clone();
        if items.is_empty() {
            return out;
        }
        if let Some(i) = items.iter().position(|f| *f == Finding::WeightLoss) {
            if w.rng.chance(0.4) {
                items.remove(i);
                out.push(w.pick_fill(&[
                    "{Pos} weight is stable.",
                    "Weight stable.",
                    "{Pos} weight has been steady.",
                ]));
            }
        }
        if items.is_empty() {
            return out;
        }
        let nouns: Vec<String> = items
            .iter()
            .map(|f| w.rng.pick(ph::nouns(*f)).to_string())
            .collect();
        let list = join_or(&nouns, "or");
        let each: Vec<String> = nouns.iter().map(|n| format!("no {n}")).collect();
        let s = match w.rng.below(10) {
            // Lists whose one negation covers every item, or one negation per item.
            6 => format!("{}.", capitalise(&each.join("; "))),
            7 => format!("{} denies {}.", self.p.sub_cap, nouns.join(" / ")),
            8 => format!("No {}.", nouns.join("/")),
            9 => {
                let nil: Vec<String> = nouns.iter().map(|n| format!("{n} - nil")).collect();
                format!("{}.", capitalise(&nil.join("; ")))
            }
            0 => format!("No {list}."),
            1 => format!("{} denies {list}.", self.p.sub_cap),
            2 => format!("There is no {list}."),
            3 => format!("{} has had no {list}.", self.p.sub_cap),
            4 => format!("Red flags: {}.", each.join(", ")),
            _ => format!("Nil {list}."),
        };
        // Now and then the denial and a current symptom share a sentence ("No weight loss,
        // but she does report ..."), so the negation must stop at "but".
        match self.history.first() {
            Some(f) if w.rng.chance(0.2) => {
                let phrase = w.pick_fill(ph::positive_prose(*f));
                let s = s.trim_end_matches('.');
                out.push(format!("{s}, but {} does report {phrase}.", self.p.sub));
            }
            _ => out.push(s),
        }
        out
    }

    /// A resolved past episode, a safety-netting sentence and relatives' history.
    pub fn distractor_sentences(&self, w: &mut Writer, letter_year: i32) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(f) = self.past {
            let noun = *w.rng.pick(ph::nouns(f));
            let year = letter_year - w.rng.range(3, 15) as i32;
            let n = w.rng.range(3, 12);
            let s = match w.rng.below(4) {
                0 => format!("{} had {noun} in {year}, none since.", self.p.sub_cap),
                1 => format!("Past history of {noun} ({year}), fully resolved."),
                2 => {
                    format!("Previously investigated for {noun} in {year}; all tests were normal.")
                }
                _ => format!("An episode of {noun} {n} years ago settled without treatment."),
            };
            // Sometimes followed, in the same sentence, by what is new.
            match self.history.first() {
                Some(f) if w.rng.chance(0.25) => {
                    let phrase = w.pick_fill(ph::positive_prose(*f));
                    let s = s.trim_end_matches('.');
                    out.push(format!("{s}; now {} has {phrase}.", self.p.sub));
                }
                _ => out.push(s),
            }
        }
        if !self.hypothetical.is_empty() {
            let nouns: Vec<String> = self
                .hypothetical
                .iter()
                .map(|f| w.rng.pick(ph::nouns(*f)).to_string())
                .collect();
            let s = match w.rng.below(4) {
                0 => format!(
                    "{} has been safety-netted for {}.",
                    self.p.sub_cap,
                    join_or(&nouns, "and")
                ),
                1 => {
                    let verbs: Vec<String> = self
                        .hypothetical
                        .iter()
                        .map(|f| ph::develops(*f).to_string())
                        .collect();
                    format!(
                        "I have advised {} to return if {} {}.",
                        self.p.obj,
                        self.p.sub,
                        join_or(&verbs, "or")
                    )
                }
                2 => format!(
                    "Should {} develop {}, I would re-refer urgently.",
                    self.p.sub,
                    join_or(&nouns, "or")
                ),
                _ => format!("Safety-netting advice given re {}.", join_or(&nouns, "and")),
            };
            out.push(s);
        }
        if let Some(t) = self.other_family {
            out.push(w.fill(t));
        }
        if self.no_family_history {
            out.push(
                w.rng
                    .pick(&[
                        "No family history of bowel cancer.",
                        "No FHx of GI malignancy.",
                        "There is no family history of colorectal cancer.",
                    ])
                    .to_string(),
            );
        }
        out
    }

    /// The request, carrying the GP's priority.
    pub fn request_sentence(&self, w: &mut Writer) -> String {
        let obj = self.p.obj;
        let sub = self.p.sub;
        match self.gp_priority {
            Some(Urgency::UrgentSuspectedCancer) => w
                .rng
                .pick(&[
                    format!(
                        "I would be grateful if {sub} could be seen under the 2 week wait pathway."
                    ),
                    "Referred under the suspected cancer pathway (2WW).".to_string(),
                    format!("Please see {obj} urgently under the suspected cancer pathway."),
                    "I would be grateful for a straight-to-test 2WW assessment.".to_string(),
                ])
                .clone(),
            Some(Urgency::Urgent) => w
                .rng
                .pick(&[
                    format!("I would be grateful if you could see {obj} urgently."),
                    "Urgent referral please.".to_string(),
                    format!("I would appreciate an urgent appointment for {obj}."),
                ])
                .clone(),
            Some(Urgency::Routine) => w
                .rng
                .pick(&[
                    format!("I would be grateful if you could see {obj} routinely in clinic."),
                    "Routine referral please.".to_string(),
                    format!("Please see {obj} at your convenience."),
                ])
                .clone(),
            Some(Urgency::AdviceAndGuidance) => w
                .rng
                .pick(&[
                    "I would value your advice on further management.".to_string(),
                    "Advice and guidance request: is further investigation needed?".to_string(),
                    format!("Could you advise whether {sub} needs to be seen?"),
                ])
                .clone(),
            None => format!("Many thanks for seeing {obj}."),
        }
    }
}

/// How each laboratory value is written, inline and in a table.
fn labs(rng: &mut Rng, facts: &ClinicalFacts) -> Vec<Lab> {
    let mut out = Vec::new();
    if let Some(hb) = facts.hb {
        let gdl = format!("{:.1}", hb / 10.0);
        let hb_i = format!("{hb:.0}");
        let range = match facts.sex {
            Some(Sex::Male) => "130-180",
            _ => "115-165",
        };
        let (inline, value, unit) = match rng.below(10) {
            7 => (format!("Hb: {hb_i}"), hb_i.clone(), "g/L"),
            8 => (format!("Hb={hb_i}g/L"), hb_i.clone(), "g/L"),
            9 => (format!("Hb {gdl} g/dl"), gdl.clone(), "g/dL"),
            0 => (format!("Hb {hb_i}"), hb_i.clone(), "g/L"),
            1 => (format!("Hb {hb_i} g/L"), hb_i.clone(), "g/L"),
            2 => (format!("haemoglobin {gdl} g/dL"), gdl.clone(), "g/dL"),
            3 => (format!("Hb {gdl}"), gdl.clone(), "g/dL"),
            4 => (format!("haemoglobin of {hb_i}g/l"), hb_i.clone(), "g/L"),
            5 => (format!("Hb {hb_i} ({range})"), hb_i.clone(), "g/L"),
            _ => (format!("Hb {gdl}g/dL"), gdl.clone(), "g/dL"),
        };
        out.push(Lab {
            inline,
            name: rng.pick(&["Haemoglobin", "Hb"]).to_string(),
            value,
            unit: unit.to_string(),
            range: if unit == "g/dL" {
                if range == "130-180" {
                    "13.0-18.0"
                } else {
                    "11.5-16.5"
                }
                .to_string()
            } else {
                range.to_string()
            },
        });
    }
    if let Some(fe) = facts.ferritin {
        let v = format!("{fe:.0}");
        let inline = match rng.below(8) {
            6 => format!("ferritin: {v}"),
            7 => format!("Ferritin {v} ug/L (15-300)"),
            0 => format!("ferritin {v}"),
            1 => format!("ferritin {v} ug/L"),
            2 => format!("ferritin {v}ug/l"),
            3 => format!("ferritin of {v} µg/L"),
            4 => format!("serum ferritin {v} ng/mL"),
            _ => format!("ferritin {v} mcg/L"),
        };
        out.push(Lab {
            inline,
            name: "Ferritin".to_string(),
            value: v,
            unit: "ug/L".to_string(),
            range: "15-300".to_string(),
        });
    }
    if let Some(fit) = facts.fit {
        let v = format!("{fit:.0}");
        let (inline, value) = if fit < 4.0 {
            match rng.below(6) {
                0 => ("FIT <4".to_string(), "<4".to_string()),
                1 => ("FIT < 4 ug Hb/g".to_string(), "<4".to_string()),
                2 => ("FIT undetectable".to_string(), "undetectable".to_string()),
                3 => ("FIT negative".to_string(), "negative".to_string()),
                4 => ("qFIT <4 ug Hb/g".to_string(), "<4".to_string()),
                _ => (format!("FIT {v}"), v.clone()),
            }
        } else if fit < 10.0 {
            match rng.below(3) {
                0 => (format!("FIT {v}"), v.clone()),
                1 => (format!("qFIT {v} ug Hb/g"), v.clone()),
                _ => (format!("FIT {v} (negative)"), v.clone()),
            }
        } else if fit >= 400.0 {
            ("FIT >400".to_string(), ">400".to_string())
        } else {
            match rng.below(7) {
                5 => (format!("FIT result: {v}"), v.clone()),
                6 => (format!("FIT = {v} ug/g"), v.clone()),
                0 => (format!("FIT {v}"), v.clone()),
                1 => (format!("qFIT {v} ug Hb/g"), v.clone()),
                2 => (format!("FIT {v} ug Hb/g faeces"), v.clone()),
                3 => (format!("FIT positive at {v}"), v.clone()),
                _ => (format!("faecal immunochemical test {v} µg/g"), v.clone()),
            }
        };
        out.push(Lab {
            inline,
            name: rng
                .pick(&["FIT", "qFIT", "Faecal immunochemical test"])
                .to_string(),
            value,
            unit: "ug Hb/g".to_string(),
            range: "<10".to_string(),
        });
    }
    if let Some(c) = facts.calprotectin {
        let v = format!("{c:.0}");
        let (inline, value) = if c < 50.0 && rng.chance(0.5) {
            ("calprotectin <50".to_string(), "<50".to_string())
        } else if c >= 1800.0 {
            (
                "faecal calprotectin >1800 ug/g".to_string(),
                ">1800".to_string(),
            )
        } else {
            let s = match rng.below(4) {
                0 => format!("calprotectin {v}"),
                1 => format!("faecal calprotectin {v} ug/g"),
                2 => format!("FCP {v}"),
                _ => format!("calprotectin {v} µg/g"),
            };
            (s, v.clone())
        };
        out.push(Lab {
            inline,
            name: "Faecal calprotectin".to_string(),
            value,
            unit: "ug/g".to_string(),
            range: "<50".to_string(),
        });
    }
    if let Some(alt) = facts.alt {
        let v = format!("{alt:.0}");
        let inline = match rng.below(4) {
            0 => format!("ALT {v} U/L"),
            1 => format!("ALT {v}"),
            2 => format!("alanine transaminase {v} IU/L"),
            _ => format!(
                "LFTs: ALT {v}, ALP {}, bilirubin {}",
                rng.range(60, 140),
                rng.range(5, 19)
            ),
        };
        out.push(Lab {
            inline,
            name: "ALT".to_string(),
            value: v,
            unit: "U/L".to_string(),
            range: "<40".to_string(),
        });
    }
    if !facts.raised_ttg && rng.chance(0.12) {
        out.push(Lab {
            inline: rng
                .pick(&["coeliac screen negative", "tTG negative"])
                .to_string(),
            name: "tTG IgA".to_string(),
            value: "negative".to_string(),
            unit: String::new(),
            range: "<7".to_string(),
        });
    }
    out
}
