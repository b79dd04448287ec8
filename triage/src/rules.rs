//! The spec's rule table: U1..U8, R1..R3, O1..O6, A1..A3 and D, first match wins.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::facts::{ClinicalFacts, Finding, ALT_URGENT, CALPROTECTIN_URGENT};
use crate::labels::{Pathway, Urgency};

/// A rule of the table. Serialised as its id ("U3"); [`RuleId::ALL`] is the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    U1,
    U2,
    U3,
    U4,
    U5,
    U6,
    U7,
    U8,
    R1,
    R2,
    R3,
    O1,
    O2,
    O3,
    O4,
    O5,
    A1,
    O6,
    A2,
    A3,
    D,
}

impl RuleId {
    /// Every rule in the order the table is read.
    pub const ALL: [RuleId; 21] = [
        RuleId::U1,
        RuleId::U2,
        RuleId::U3,
        RuleId::U4,
        RuleId::U5,
        RuleId::U6,
        RuleId::U7,
        RuleId::U8,
        RuleId::R1,
        RuleId::R2,
        RuleId::R3,
        RuleId::O1,
        RuleId::O2,
        RuleId::O3,
        RuleId::O4,
        RuleId::O5,
        RuleId::A1,
        RuleId::O6,
        RuleId::A2,
        RuleId::A3,
        RuleId::D,
    ];

    /// The id as the spec writes it ("U3").
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::U1 => "U1",
            RuleId::U2 => "U2",
            RuleId::U3 => "U3",
            RuleId::U4 => "U4",
            RuleId::U5 => "U5",
            RuleId::U6 => "U6",
            RuleId::U7 => "U7",
            RuleId::U8 => "U8",
            RuleId::R1 => "R1",
            RuleId::R2 => "R2",
            RuleId::R3 => "R3",
            RuleId::O1 => "O1",
            RuleId::O2 => "O2",
            RuleId::O3 => "O3",
            RuleId::O4 => "O4",
            RuleId::O5 => "O5",
            RuleId::A1 => "A1",
            RuleId::O6 => "O6",
            RuleId::A2 => "A2",
            RuleId::A3 => "A3",
            RuleId::D => "D",
        }
    }

    /// The urgency this rule gives.
    pub fn urgency(self) -> Urgency {
        use RuleId::*;
        match self {
            U1 | U2 | U3 | U4 | U5 | U6 | U7 | U8 => Urgency::UrgentSuspectedCancer,
            R1 | R2 | R3 => Urgency::Urgent,
            O1 | O2 | O4 | O5 | O6 | D => Urgency::Routine,
            O3 | A1 | A2 | A3 => Urgency::AdviceAndGuidance,
        }
    }

    /// The pathway this rule gives.
    pub fn pathway(self) -> Pathway {
        use RuleId::*;
        match self {
            U2 | U3 | U4 | U6 | U8 | A3 => Pathway::LowerGi,
            U1 | U5 | R3 | O1 | A2 => Pathway::UpperGi,
            R1 | O2 | O3 => Pathway::Ibd,
            U7 | R2 | O5 => Pathway::Hepatology,
            O4 | A1 | O6 | D => Pathway::GeneralGi,
        }
    }

    /// A red-flag rule: one giving `urgent_suspected_cancer` or `urgent` (the U and R rules).
    pub fn is_red_flag(self) -> bool {
        self.urgency().is_red_flag()
    }

    /// Whether this rule's condition holds for `facts`, regardless of the rules before it.
    /// `D` ("anything else") always holds.
    pub fn matches(self, f: &ClinicalFacts) -> bool {
        match self {
            RuleId::U1 => f.dysphagia,
            RuleId::U2 => f.rectal_mass || f.anal_mass || f.anal_ulceration,
            RuleId::U3 => f.fit_positive(),
            RuleId::U4 => f.ida(),
            RuleId::U5 => {
                f.age_at_least(55)
                    && f.weight_loss
                    && (f.upper_abdominal_pain || f.reflux || f.dyspepsia)
            }
            RuleId::U6 => f.abdominal_mass,
            RuleId::U7 => f.age_at_least(40) && f.jaundice,
            RuleId::U8 => {
                f.fit.is_none()
                    && ((f.age_at_least(50) && f.rectal_bleeding)
                        || (f.age_at_least(40) && f.weight_loss && f.abdominal_pain)
                        || (f.age_at_least(60) && f.change_in_bowel_habit))
            }
            RuleId::R1 => {
                f.bloody_diarrhoea || f.calprotectin.is_some_and(|c| c >= CALPROTECTIN_URGENT)
            }
            RuleId::R2 => f.decompensated_cirrhosis || f.alt.is_some_and(|a| a >= ALT_URGENT),
            RuleId::R3 => f.haematemesis,
            RuleId::O1 => f.age_at_least(55) && f.treatment_resistant_dyspepsia(),
            RuleId::O2 => f
                .calprotectin
                .is_some_and(|c| (100.0..CALPROTECTIN_URGENT).contains(&c)),
            RuleId::O3 => f.stable_ibd_question,
            RuleId::O4 => f.raised_ttg,
            RuleId::O5 => f.alt.is_some_and(|a| (40.0..ALT_URGENT).contains(&a)) || f.fatty_liver,
            RuleId::A1 => {
                f.age_below(50)
                    && (f.abdominal_pain || f.bloating || f.change_in_bowel_habit)
                    && (f.calprotectin.is_some_and(|c| c < 100.0) || f.fit_negative())
                    && !has_fact_above_a1(f)
            }
            RuleId::O6 => {
                (f.rectal_bleeding || f.change_in_bowel_habit || f.abdominal_pain)
                    && f.fit_negative()
            }
            RuleId::A2 => f.age_below(55) && (f.dyspepsia || f.reflux),
            RuleId::A3 => f.family_history_crc && !f.has_any_symptom(),
            RuleId::D => true,
        }
    }
}

/// A1's "no other fact above": none of the facts that the rules above A1 look at is present
/// (A1's own symptoms and normal test results aside). Anaemia and iron deficiency count on their
/// own, as does a calprotectin of 100 or more or an ALT of 40 or more.
pub fn has_fact_above_a1(f: &ClinicalFacts) -> bool {
    const ABOVE: [Finding; 17] = [
        Finding::Dysphagia,
        Finding::RectalMass,
        Finding::AnalMass,
        Finding::AnalUlceration,
        Finding::AbdominalMass,
        Finding::WeightLoss,
        Finding::UpperAbdominalPain,
        Finding::Reflux,
        Finding::Dyspepsia,
        Finding::Jaundice,
        Finding::RectalBleeding,
        Finding::BloodyDiarrhoea,
        Finding::DecompensatedCirrhosis,
        Finding::Haematemesis,
        Finding::StableIbdQuestion,
        Finding::RaisedTtg,
        Finding::FattyLiver,
    ];
    ABOVE.into_iter().any(|x| f.has(x))
        || f.anaemia()
        || f.iron_deficiency()
        || f.fit_positive()
        || f.calprotectin.is_some_and(|c| c >= 100.0)
        || f.alt.is_some_and(|a| a >= 40.0)
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id = s.trim().to_ascii_uppercase();
        RuleId::ALL
            .into_iter()
            .find(|r| r.as_str() == id)
            .ok_or_else(|| Error::UnknownRule(s.to_string()))
    }
}

/// The decision for one set of facts: the first rule that matches and its two labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOutcome {
    pub rule_id: RuleId,
    pub urgency: Urgency,
    pub pathway: Pathway,
}

impl From<RuleId> for RuleOutcome {
    fn from(rule_id: RuleId) -> Self {
        RuleOutcome {
            rule_id,
            urgency: rule_id.urgency(),
            pathway: rule_id.pathway(),
        }
    }
}

/// Applies the rule table to `facts`: the first rule that matches decides both labels.
pub fn apply_rules(facts: &ClinicalFacts) -> RuleOutcome {
    let rule = RuleId::ALL
        .into_iter()
        .find(|r| r.matches(facts))
        .unwrap_or(RuleId::D);
    RuleOutcome::from(rule)
}

/// Every rule other than `D` whose condition holds, in table order (the first is the one
/// [`apply_rules`] picks, unless the list is empty and `D` applies).
pub fn matching_rules(facts: &ClinicalFacts) -> Vec<RuleId> {
    RuleId::ALL
        .into_iter()
        .filter(|r| *r != RuleId::D && r.matches(facts))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Sex;

    fn person(age: u32, sex: Sex) -> ClinicalFacts {
        ClinicalFacts {
            age: Some(age),
            sex: Some(sex),
            ..Default::default()
        }
    }

    fn rule(f: &ClinicalFacts) -> RuleId {
        apply_rules(f).rule_id
    }

    #[test]
    fn labels_per_rule_match_the_table() {
        let table = [
            ("U1", "urgent_suspected_cancer", "upper_gi"),
            ("U2", "urgent_suspected_cancer", "lower_gi"),
            ("U3", "urgent_suspected_cancer", "lower_gi"),
            ("U4", "urgent_suspected_cancer", "lower_gi"),
            ("U5", "urgent_suspected_cancer", "upper_gi"),
            ("U6", "urgent_suspected_cancer", "lower_gi"),
            ("U7", "urgent_suspected_cancer", "hepatology"),
            ("U8", "urgent_suspected_cancer", "lower_gi"),
            ("R1", "urgent", "ibd"),
            ("R2", "urgent", "hepatology"),
            ("R3", "urgent", "upper_gi"),
            ("O1", "routine", "upper_gi"),
            ("O2", "routine", "ibd"),
            ("O3", "advice_and_guidance", "ibd"),
            ("O4", "routine", "general_gi"),
            ("O5", "routine", "hepatology"),
            ("A1", "advice_and_guidance", "general_gi"),
            ("O6", "routine", "general_gi"),
            ("A2", "advice_and_guidance", "upper_gi"),
            ("A3", "advice_and_guidance", "lower_gi"),
            ("D", "routine", "general_gi"),
        ];
        let got: Vec<(String, String, String)> = RuleId::ALL
            .iter()
            .map(|r| {
                (
                    r.to_string(),
                    r.urgency().to_string(),
                    r.pathway().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = table
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!("u3".parse::<RuleId>().ok(), Some(RuleId::U3));
        assert_eq!(
            serde_json::to_string(&RuleId::O6).ok().as_deref(),
            Some("\"O6\"")
        );
    }

    #[test]
    fn u1_dysphagia_any_age() {
        let mut f = person(23, Sex::Female);
        f.dysphagia = true;
        assert_eq!(rule(&f), RuleId::U1);
    }

    #[test]
    fn u2_masses_and_ulceration() {
        for finding in [
            Finding::RectalMass,
            Finding::AnalMass,
            Finding::AnalUlceration,
        ] {
            let mut f = person(45, Sex::Male);
            f.set(finding, true);
            assert_eq!(rule(&f), RuleId::U2, "{finding}");
        }
    }

    #[test]
    fn u3_fit_boundary_is_10() {
        let mut f = person(62, Sex::Male);
        f.change_in_bowel_habit = true;
        f.fit = Some(10.0);
        assert_eq!(rule(&f), RuleId::U3);
        f.fit = Some(9.0);
        assert_eq!(rule(&f), RuleId::O6, "FIT 9 is negative: no U8 either");
    }

    #[test]
    fn u4_ida_thresholds_by_sex() {
        let mut woman = person(35, Sex::Female);
        woman.ferritin = Some(8.0);
        woman.hb = Some(119.0);
        assert_eq!(rule(&woman), RuleId::U4);
        woman.hb = Some(120.0);
        assert_eq!(rule(&woman), RuleId::D, "iron deficiency without anaemia");
        let mut man = person(35, Sex::Male);
        man.ferritin = Some(29.0);
        man.hb = Some(129.0);
        assert_eq!(rule(&man), RuleId::U4);
        man.hb = Some(130.0);
        assert_eq!(rule(&man), RuleId::D);
        man.hb = Some(98.0);
        man.ferritin = Some(30.0);
        assert_eq!(rule(&man), RuleId::D, "ferritin 30 is not iron deficiency");
    }

    #[test]
    fn u5_needs_age_55_weight_loss_and_upper_symptom() {
        let mut f = person(55, Sex::Male);
        f.weight_loss = true;
        f.dyspepsia = true;
        assert_eq!(rule(&f), RuleId::U5);
        f.age = Some(54);
        assert_eq!(rule(&f), RuleId::A2);
        f.age = Some(70);
        f.dyspepsia = false;
        f.upper_abdominal_pain = true;
        assert_eq!(rule(&f), RuleId::U5);
    }

    #[test]
    fn u6_abdominal_mass_and_u7_jaundice_from_40() {
        let mut f = person(30, Sex::Female);
        f.abdominal_mass = true;
        assert_eq!(rule(&f), RuleId::U6);
        let mut f = person(40, Sex::Female);
        f.jaundice = true;
        assert_eq!(rule(&f), RuleId::U7);
        f.age = Some(39);
        assert_eq!(rule(&f), RuleId::D);
    }

    #[test]
    fn u8_age_boundaries_and_fit_suppression() {
        let mut f = person(50, Sex::Male);
        f.rectal_bleeding = true;
        assert_eq!(rule(&f), RuleId::U8);
        f.age = Some(49);
        assert_eq!(rule(&f), RuleId::D);
        f.age = Some(50);
        f.fit = Some(3.0);
        assert_eq!(rule(&f), RuleId::O6, "a FIT below 10 removes U8");

        let mut f = person(40, Sex::Female);
        f.weight_loss = true;
        f.abdominal_pain = true;
        assert_eq!(rule(&f), RuleId::U8);
        f.age = Some(39);
        assert_eq!(rule(&f), RuleId::D);

        let mut f = person(60, Sex::Female);
        f.change_in_bowel_habit = true;
        assert_eq!(rule(&f), RuleId::U8);
        f.age = Some(59);
        assert_eq!(rule(&f), RuleId::D);
    }

    #[test]
    fn r_rules_and_their_boundaries() {
        let mut f = person(30, Sex::Female);
        f.bloody_diarrhoea = true;
        assert_eq!(rule(&f), RuleId::R1);
        let mut f = person(30, Sex::Female);
        f.calprotectin = Some(250.0);
        assert_eq!(rule(&f), RuleId::R1);
        f.calprotectin = Some(249.0);
        assert_eq!(rule(&f), RuleId::O2);
        f.calprotectin = Some(100.0);
        assert_eq!(rule(&f), RuleId::O2);
        f.calprotectin = Some(99.0);
        assert_eq!(rule(&f), RuleId::D);

        let mut f = person(52, Sex::Male);
        f.alt = Some(300.0);
        assert_eq!(rule(&f), RuleId::R2);
        f.alt = Some(299.0);
        assert_eq!(rule(&f), RuleId::O5);
        f.alt = Some(40.0);
        assert_eq!(rule(&f), RuleId::O5);
        f.alt = Some(39.0);
        assert_eq!(rule(&f), RuleId::D);
        f.decompensated_cirrhosis = true;
        assert_eq!(rule(&f), RuleId::R2);

        let mut f = person(30, Sex::Male);
        f.haematemesis = true;
        assert_eq!(rule(&f), RuleId::R3);
    }

    #[test]
    fn routine_and_advice_rules() {
        let mut f = person(55, Sex::Female);
        f.dyspepsia = true;
        f.ppi_four_weeks = true;
        assert_eq!(rule(&f), RuleId::O1);
        f.age = Some(54);
        assert_eq!(rule(&f), RuleId::A2);
        f.age = Some(60);
        f.ppi_four_weeks = false;
        assert_eq!(rule(&f), RuleId::D, "dyspepsia at 60 without a PPI trial");

        let mut f = person(40, Sex::Male);
        f.stable_ibd_question = true;
        assert_eq!(rule(&f), RuleId::O3);
        let mut f = person(40, Sex::Male);
        f.raised_ttg = true;
        assert_eq!(rule(&f), RuleId::O4);
        let mut f = person(40, Sex::Male);
        f.fatty_liver = true;
        assert_eq!(rule(&f), RuleId::O5);
    }

    #[test]
    fn a1_young_normal_tests_and_nothing_else() {
        let mut f = person(49, Sex::Female);
        f.bloating = true;
        f.abdominal_pain = true;
        f.calprotectin = Some(40.0);
        assert_eq!(rule(&f), RuleId::A1);
        f.age = Some(50);
        assert_eq!(rule(&f), RuleId::D, "no FIT: O6 needs FIT < 10");
        f.fit = Some(2.0);
        assert_eq!(rule(&f), RuleId::O6);
        f.age = Some(30);
        f.rectal_bleeding = true;
        assert_eq!(
            rule(&f),
            RuleId::O6,
            "rectal bleeding is another fact above A1"
        );
        f.rectal_bleeding = false;
        f.ferritin = Some(12.0);
        assert_eq!(rule(&f), RuleId::O6, "iron deficiency blocks A1");
        f.ferritin = None;
        assert_eq!(rule(&f), RuleId::A1);
    }

    #[test]
    fn a2_a3_and_default() {
        let mut f = person(54, Sex::Female);
        f.reflux = true;
        assert_eq!(rule(&f), RuleId::A2);
        let mut f = person(45, Sex::Female);
        f.family_history_crc = true;
        assert_eq!(rule(&f), RuleId::A3);
        f.bloating = true;
        assert_eq!(rule(&f), RuleId::D, "A3 needs no symptoms");
        assert_eq!(rule(&person(45, Sex::Male)), RuleId::D);
    }

    #[test]
    fn matching_rules_lists_all_red_flags_in_order() {
        let mut f = person(70, Sex::Male);
        f.dysphagia = true;
        f.weight_loss = true;
        f.dyspepsia = true;
        f.haematemesis = true;
        assert_eq!(matching_rules(&f), vec![RuleId::U1, RuleId::U5, RuleId::R3]);
        assert_eq!(apply_rules(&f).rule_id, RuleId::U1);
    }
}
