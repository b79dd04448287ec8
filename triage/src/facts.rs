//! The clinical facts of a referral, as the spec's "Clinical facts" section defines them.
//!
//! A fact is what is asserted about the patient *now*: the generator draws these and writes them
//! into a letter, the red-flag checker reads them back out of free text, and
//! [`crate::rules::apply_rules`] turns them into labels.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Sex, as far as the anaemia thresholds are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

/// Haemoglobin below this (g/L) is anaemia in a man (and, conservatively, when the sex is unknown).
pub const ANAEMIA_HB_MALE: f64 = 130.0;
/// Haemoglobin below this (g/L) is anaemia in a woman.
pub const ANAEMIA_HB_FEMALE: f64 = 120.0;
/// Ferritin below this (ug/L) is iron deficiency.
pub const IRON_DEFICIENCY_FERRITIN: f64 = 30.0;
/// A FIT at or above this (ug Hb/g faeces) is positive.
pub const FIT_POSITIVE: f64 = 10.0;
/// A calprotectin at or above this (ug/g) is urgent (rule R1).
pub const CALPROTECTIN_URGENT: f64 = 250.0;
/// An ALT at or above this (U/L) is urgent (rule R2).
pub const ALT_URGENT: f64 = 300.0;

/// One yes/no fact of the rule table: a symptom, a finding or a piece of history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Dysphagia,
    RectalMass,
    AnalMass,
    AnalUlceration,
    AbdominalMass,
    /// Unexplained weight loss.
    WeightLoss,
    UpperAbdominalPain,
    Reflux,
    Dyspepsia,
    /// At least 4 weeks of a proton pump inhibitor (with dyspepsia: treatment-resistant dyspepsia).
    PpiFourWeeks,
    Jaundice,
    RectalBleeding,
    ChangeInBowelHabit,
    /// Abdominal pain other than upper abdominal pain (which is its own finding).
    AbdominalPain,
    Bloating,
    BloodyDiarrhoea,
    /// Known cirrhosis with ascites or confusion.
    DecompensatedCirrhosis,
    Haematemesis,
    /// Known inflammatory bowel disease, stable, with a management question.
    StableIbdQuestion,
    /// Positive coeliac serology (raised tTG).
    RaisedTtg,
    /// Fatty liver on imaging.
    FattyLiver,
    /// Family history of colorectal cancer.
    FamilyHistoryCrc,
}

impl Finding {
    pub const ALL: [Finding; 22] = [
        Finding::Dysphagia,
        Finding::RectalMass,
        Finding::AnalMass,
        Finding::AnalUlceration,
        Finding::AbdominalMass,
        Finding::WeightLoss,
        Finding::UpperAbdominalPain,
        Finding::Reflux,
        Finding::Dyspepsia,
        Finding::PpiFourWeeks,
        Finding::Jaundice,
        Finding::RectalBleeding,
        Finding::ChangeInBowelHabit,
        Finding::AbdominalPain,
        Finding::Bloating,
        Finding::BloodyDiarrhoea,
        Finding::DecompensatedCirrhosis,
        Finding::Haematemesis,
        Finding::StableIbdQuestion,
        Finding::RaisedTtg,
        Finding::FattyLiver,
        Finding::FamilyHistoryCrc,
    ];

    /// The snake_case name (also the serde name and the `ClinicalFacts` field name).
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Dysphagia => "dysphagia",
            Finding::RectalMass => "rectal_mass",
            Finding::AnalMass => "anal_mass",
            Finding::AnalUlceration => "anal_ulceration",
            Finding::AbdominalMass => "abdominal_mass",
            Finding::WeightLoss => "weight_loss",
            Finding::UpperAbdominalPain => "upper_abdominal_pain",
            Finding::Reflux => "reflux",
            Finding::Dyspepsia => "dyspepsia",
            Finding::PpiFourWeeks => "ppi_four_weeks",
            Finding::Jaundice => "jaundice",
            Finding::RectalBleeding => "rectal_bleeding",
            Finding::ChangeInBowelHabit => "change_in_bowel_habit",
            Finding::AbdominalPain => "abdominal_pain",
            Finding::Bloating => "bloating",
            Finding::BloodyDiarrhoea => "bloody_diarrhoea",
            Finding::DecompensatedCirrhosis => "decompensated_cirrhosis",
            Finding::Haematemesis => "haematemesis",
            Finding::StableIbdQuestion => "stable_ibd_question",
            Finding::RaisedTtg => "raised_ttg",
            Finding::FattyLiver => "fatty_liver",
            Finding::FamilyHistoryCrc => "family_history_crc",
        }
    }

    /// A symptom or examination finding of the patient (as opposed to history, treatment,
    /// serology or imaging). A3 applies only when none of these is present.
    pub fn is_symptom(self) -> bool {
        !matches!(
            self,
            Finding::PpiFourWeeks
                | Finding::StableIbdQuestion
                | Finding::RaisedTtg
                | Finding::FattyLiver
                | Finding::FamilyHistoryCrc
        )
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a mention stands with respect to the patient now. Only [`Assertion::Present`] facts
/// reach the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assertion {
    /// Asserted about the patient now ("has dysphagia", "`[X] Yes`", "O/E: jaundiced").
    Present,
    /// Denied or absent ("no weight loss", "`[ ] Yes [X] No`", "Denies: - dysphagia").
    Negated,
    /// A relative's ("mother had bowel cancer", under "FH:").
    FamilyHistory,
    /// A resolved or past episode ("rectal bleeding in 2019, nothing since", under "PMH:").
    ResolvedPast,
    /// Something that might happen ("if she develops dysphagia", under "Plan:").
    Hypothetical,
}

impl Assertion {
    pub const ALL: [Assertion; 5] = [
        Assertion::Present,
        Assertion::Negated,
        Assertion::FamilyHistory,
        Assertion::ResolvedPast,
        Assertion::Hypothetical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Assertion::Present => "present",
            Assertion::Negated => "negated",
            Assertion::FamilyHistory => "family_history",
            Assertion::ResolvedPast => "resolved_past",
            Assertion::Hypothetical => "hypothetical",
        }
    }
}

impl fmt::Display for Assertion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a fact is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A yes/no finding of the rule table.
    Finding(Finding),
    /// Black, tarry stools: no rule of the spec uses it, but it is a high-risk symptom, so a
    /// letter with it is never auto-routed.
    Melaena,
    /// Age in years (value).
    Age,
    Sex,
    /// Haemoglobin, g/L (value).
    Hb,
    /// Ferritin, ug/L (value).
    Ferritin,
    /// FIT, ug Hb/g (value; "<4", "negative" and "undetectable" below 10).
    Fit,
    /// Faecal calprotectin, ug/g (value).
    Calprotectin,
    /// ALT, U/L (value).
    Alt,
    /// "Anaemic", "anaemia" without a number.
    AnaemiaStated,
    /// "Iron deficient", "low ferritin" without a number.
    IronDeficiencyStated,
    /// "IDA", "iron deficiency anaemia" without numbers.
    IdaStated,
}

impl FactKind {
    /// The name used in evidence and reasons ("dysphagia", "hb", "age").
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Finding(f) => f.as_str(),
            FactKind::Melaena => "melaena",
            FactKind::Age => "age",
            FactKind::Sex => "sex",
            FactKind::Hb => "hb",
            FactKind::Ferritin => "ferritin",
            FactKind::Fit => "fit",
            FactKind::Calprotectin => "calprotectin",
            FactKind::Alt => "alt",
            FactKind::AnaemiaStated => "anaemia",
            FactKind::IronDeficiencyStated => "iron_deficiency",
            FactKind::IdaStated => "ida",
        }
    }
}

/// One clinical fact read from a letter: what, how it stands, its value, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: FactKind,
    pub assertion: Assertion,
    /// The value in the spec's unit (g/L, ug/L, ug/g, U/L, years), for measured facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The unit as written, when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Byte offsets of the evidence in the letter.
    pub start: usize,
    pub end: usize,
    /// `&letter[start..end]`.
    pub text: String,
    /// The assertion rests on weak evidence: a section heading ("PMH:", "Plan:") rather than
    /// words next to the mention, or a negation carried across a semicolon ("No dysphagia; PR
    /// bleeding"). The routing treats such a high-risk mention as uncertain: review.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_section: bool,
}

impl Fact {
    pub fn is_present(&self) -> bool {
        self.assertion == Assertion::Present
    }
}

/// The structured facts of one referral.
///
/// Laboratory values are in the spec's units: haemoglobin g/L (a g/dL value is multiplied by 10),
/// ferritin ug/L, FIT ug Hb/g faeces (a "<4", "undetectable" or "negative" FIT is stored as a
/// value below 10), calprotectin ug/g and ALT U/L. `None` means the letter does not give it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClinicalFacts {
    /// Age in whole years at the letter date.
    pub age: Option<u32>,
    pub sex: Option<Sex>,
    /// Haemoglobin, g/L.
    pub hb: Option<f64>,
    /// Ferritin, ug/L.
    pub ferritin: Option<f64>,
    /// FIT, ug Hb/g faeces; `None` when the letter reports no FIT result.
    pub fit: Option<f64>,
    /// Faecal calprotectin, ug/g.
    pub calprotectin: Option<f64>,
    /// Alanine transaminase, U/L.
    pub alt: Option<f64>,
    pub dysphagia: bool,
    pub rectal_mass: bool,
    pub anal_mass: bool,
    pub anal_ulceration: bool,
    pub abdominal_mass: bool,
    pub weight_loss: bool,
    pub upper_abdominal_pain: bool,
    pub reflux: bool,
    pub dyspepsia: bool,
    pub ppi_four_weeks: bool,
    pub jaundice: bool,
    pub rectal_bleeding: bool,
    pub change_in_bowel_habit: bool,
    pub abdominal_pain: bool,
    pub bloating: bool,
    pub bloody_diarrhoea: bool,
    pub decompensated_cirrhosis: bool,
    pub haematemesis: bool,
    pub stable_ibd_question: bool,
    pub raised_ttg: bool,
    pub fatty_liver: bool,
    pub family_history_crc: bool,
}

impl ClinicalFacts {
    /// Whether a yes/no finding is present.
    pub fn has(&self, finding: Finding) -> bool {
        *self.flag(finding)
    }

    /// Sets a yes/no finding.
    pub fn set(&mut self, finding: Finding, present: bool) {
        *self.flag_mut(finding) = present;
    }

    /// The findings that are present, in [`Finding::ALL`] order.
    pub fn findings(&self) -> Vec<Finding> {
        Finding::ALL.into_iter().filter(|f| self.has(*f)).collect()
    }

    fn flag(&self, finding: Finding) -> &bool {
        match finding {
            Finding::Dysphagia => &self.dysphagia,
            Finding::RectalMass => &self.rectal_mass,
            Finding::AnalMass => &self.anal_mass,
            Finding::AnalUlceration => &self.anal_ulceration,
            Finding::AbdominalMass => &self.abdominal_mass,
            Finding::WeightLoss => &self.weight_loss,
            Finding::UpperAbdominalPain => &self.upper_abdominal_pain,
            Finding::Reflux => &self.reflux,
            Finding::Dyspepsia => &self.dyspepsia,
            Finding::PpiFourWeeks => &self.ppi_four_weeks,
            Finding::Jaundice => &self.jaundice,
            Finding::RectalBleeding => &self.rectal_bleeding,
            Finding::ChangeInBowelHabit => &self.change_in_bowel_habit,
            Finding::AbdominalPain => &self.abdominal_pain,
            Finding::Bloating => &self.bloating,
            Finding::BloodyDiarrhoea => &self.bloody_diarrhoea,
            Finding::DecompensatedCirrhosis => &self.decompensated_cirrhosis,
            Finding::Haematemesis => &self.haematemesis,
            Finding::StableIbdQuestion => &self.stable_ibd_question,
            Finding::RaisedTtg => &self.raised_ttg,
            Finding::FattyLiver => &self.fatty_liver,
            Finding::FamilyHistoryCrc => &self.family_history_crc,
        }
    }

    fn flag_mut(&mut self, finding: Finding) -> &mut bool {
        match finding {
            Finding::Dysphagia => &mut self.dysphagia,
            Finding::RectalMass => &mut self.rectal_mass,
            Finding::AnalMass => &mut self.anal_mass,
            Finding::AnalUlceration => &mut self.anal_ulceration,
            Finding::AbdominalMass => &mut self.abdominal_mass,
            Finding::WeightLoss => &mut self.weight_loss,
            Finding::UpperAbdominalPain => &mut self.upper_abdominal_pain,
            Finding::Reflux => &mut self.reflux,
            Finding::Dyspepsia => &mut self.dyspepsia,
            Finding::PpiFourWeeks => &mut self.ppi_four_weeks,
            Finding::Jaundice => &mut self.jaundice,
            Finding::RectalBleeding => &mut self.rectal_bleeding,
            Finding::ChangeInBowelHabit => &mut self.change_in_bowel_habit,
            Finding::AbdominalPain => &mut self.abdominal_pain,
            Finding::Bloating => &mut self.bloating,
            Finding::BloodyDiarrhoea => &mut self.bloody_diarrhoea,
            Finding::DecompensatedCirrhosis => &mut self.decompensated_cirrhosis,
            Finding::Haematemesis => &mut self.haematemesis,
            Finding::StableIbdQuestion => &mut self.stable_ibd_question,
            Finding::RaisedTtg => &mut self.raised_ttg,
            Finding::FattyLiver => &mut self.fatty_liver,
            Finding::FamilyHistoryCrc => &mut self.family_history_crc,
        }
    }

    /// Age at least `years`; an unknown age counts as meeting the threshold, so that a letter
    /// without an age is never downgraded by it.
    pub fn age_at_least(&self, years: u32) -> bool {
        self.age.is_none_or(|a| a >= years)
    }

    /// Age known and below `years` (an unknown age never qualifies for a young-patient rule).
    pub fn age_below(&self, years: u32) -> bool {
        self.age.is_some_and(|a| a < years)
    }

    /// Hb below 130 g/L in a man, 120 g/L in a woman; with the sex unknown the male threshold is
    /// used (the conservative choice).
    pub fn anaemia(&self) -> bool {
        let threshold = match self.sex {
            Some(Sex::Female) => ANAEMIA_HB_FEMALE,
            Some(Sex::Male) | None => ANAEMIA_HB_MALE,
        };
        self.hb.is_some_and(|hb| hb < threshold)
    }

    /// Ferritin below 30 ug/L.
    pub fn iron_deficiency(&self) -> bool {
        self.ferritin.is_some_and(|f| f < IRON_DEFICIENCY_FERRITIN)
    }

    /// Iron-deficiency anaemia: anaemia and iron deficiency.
    pub fn ida(&self) -> bool {
        self.anaemia() && self.iron_deficiency()
    }

    /// A FIT result of 10 or more.
    pub fn fit_positive(&self) -> bool {
        self.fit.is_some_and(|f| f >= FIT_POSITIVE)
    }

    /// A FIT result below 10 ("<4", "undetectable", "negative" included).
    pub fn fit_negative(&self) -> bool {
        self.fit.is_some_and(|f| f < FIT_POSITIVE)
    }

    /// Treatment-resistant dyspepsia: dyspepsia persisting after at least 4 weeks of a PPI.
    pub fn treatment_resistant_dyspepsia(&self) -> bool {
        self.dyspepsia && self.ppi_four_weeks
    }

    /// Any symptom or examination finding (see [`Finding::is_symptom`]).
    pub fn has_any_symptom(&self) -> bool {
        Finding::ALL
            .into_iter()
            .any(|f| f.is_symptom() && self.has(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_has_address_the_same_field() {
        for finding in Finding::ALL {
            let mut facts = ClinicalFacts::default();
            facts.set(finding, true);
            assert_eq!(facts.findings(), vec![finding]);
            let json = serde_json::to_value(&facts).unwrap_or_default();
            assert_eq!(json[finding.as_str()], serde_json::Value::Bool(true));
        }
    }

    #[test]
    fn anaemia_thresholds_depend_on_sex() {
        let woman = |hb| ClinicalFacts {
            sex: Some(Sex::Female),
            hb: Some(hb),
            ..Default::default()
        };
        let man = |hb| ClinicalFacts {
            sex: Some(Sex::Male),
            hb: Some(hb),
            ..Default::default()
        };
        assert!(woman(119.0).anaemia());
        assert!(!woman(120.0).anaemia());
        assert!(man(129.0).anaemia());
        assert!(!man(130.0).anaemia());
        let unknown = ClinicalFacts {
            hb: Some(125.0),
            ..Default::default()
        };
        assert!(unknown.anaemia(), "unknown sex uses the higher threshold");
    }

    #[test]
    fn unknown_age_meets_thresholds_but_is_not_young() {
        let facts = ClinicalFacts::default();
        assert!(facts.age_at_least(55));
        assert!(!facts.age_below(50));
    }
}
