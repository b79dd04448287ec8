//! The two labels every referral gets: an [`Urgency`] and a [`Pathway`].
//!
//! The names (`urgent_suspected_cancer`, `lower_gi`, ...) are those of
//! `shared/clinical/referral-triage-spec.md`; they are the serde names, the `Display` output and
//! what `FromStr` accepts (case-insensitively, with `-` or a space allowed for `_`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// How soon the patient must be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Suspected cancer pathway (formerly "2 week wait").
    UrgentSuspectedCancer,
    /// Specialist assessment within weeks, not the cancer pathway.
    Urgent,
    /// Standard outpatient appointment or direct-access test.
    Routine,
    /// No appointment: returned to the GP with advice.
    AdviceAndGuidance,
}

impl Urgency {
    /// All labels, most urgent first.
    pub const ALL: [Urgency; 4] = [
        Urgency::UrgentSuspectedCancer,
        Urgency::Urgent,
        Urgency::Routine,
        Urgency::AdviceAndGuidance,
    ];

    /// The snake_case label name.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::UrgentSuspectedCancer => "urgent_suspected_cancer",
            Urgency::Urgent => "urgent",
            Urgency::Routine => "routine",
            Urgency::AdviceAndGuidance => "advice_and_guidance",
        }
    }

    /// Low risk: `routine` or `advice_and_guidance`. Only low-risk letters may be auto-routed.
    pub fn is_low_risk(self) -> bool {
        matches!(self, Urgency::Routine | Urgency::AdviceAndGuidance)
    }

    /// A red flag: `urgent_suspected_cancer` or `urgent`.
    pub fn is_red_flag(self) -> bool {
        !self.is_low_risk()
    }
}

/// Which clinic or test route the referral goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    /// Colorectal: straight-to-test colonoscopy / CT colonography, colorectal clinic.
    LowerGi,
    /// Oesophagus and stomach: straight-to-test OGD, upper GI clinic.
    UpperGi,
    /// Inflammatory bowel disease clinic.
    Ibd,
    /// Liver and biliary.
    Hepatology,
    /// General gastroenterology clinic.
    GeneralGi,
}

impl Pathway {
    pub const ALL: [Pathway; 5] = [
        Pathway::LowerGi,
        Pathway::UpperGi,
        Pathway::Ibd,
        Pathway::Hepatology,
        Pathway::GeneralGi,
    ];

    /// The snake_case label name.
    pub fn as_str(self) -> &'static str {
        match self {
            Pathway::LowerGi => "lower_gi",
            Pathway::UpperGi => "upper_gi",
            Pathway::Ibd => "ibd",
            Pathway::Hepatology => "hepatology",
            Pathway::GeneralGi => "general_gi",
        }
    }
}

/// Lower-cases and maps `-` and spaces to `_`, so "Lower GI" and "lower-gi" read as `lower_gi`.
pub(crate) fn normalise_label(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Pathway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Urgency {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = normalise_label(s);
        Urgency::ALL
            .into_iter()
            .find(|u| u.as_str() == name)
            .ok_or_else(|| Error::UnknownUrgency(s.to_string()))
    }
}

impl FromStr for Pathway {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = normalise_label(s);
        Pathway::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| Error::UnknownPathway(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_spec_names() {
        let names: Vec<String> = Urgency::ALL
            .iter()
            .map(|u| serde_json::to_string(u).unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            [
                "\"urgent_suspected_cancer\"",
                "\"urgent\"",
                "\"routine\"",
                "\"advice_and_guidance\""
            ]
        );
        let names: Vec<String> = Pathway::ALL
            .iter()
            .map(|p| serde_json::to_string(p).unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            [
                "\"lower_gi\"",
                "\"upper_gi\"",
                "\"ibd\"",
                "\"hepatology\"",
                "\"general_gi\""
            ]
        );
    }

    #[test]
    fn display_and_from_str_round_trip() {
        for u in Urgency::ALL {
            assert_eq!(u.to_string().parse::<Urgency>().ok(), Some(u));
        }
        for p in Pathway::ALL {
            assert_eq!(p.to_string().parse::<Pathway>().ok(), Some(p));
        }
        assert_eq!("Lower GI".parse::<Pathway>().ok(), Some(Pathway::LowerGi));
        assert_eq!("ROUTINE".parse::<Urgency>().ok(), Some(Urgency::Routine));
        assert!("2ww".parse::<Urgency>().is_err());
        assert!("colorectal".parse::<Pathway>().is_err());
    }

    #[test]
    fn low_risk_is_routine_or_advice() {
        assert!(!Urgency::UrgentSuspectedCancer.is_low_risk());
        assert!(!Urgency::Urgent.is_low_risk());
        assert!(Urgency::Routine.is_low_risk());
        assert!(Urgency::AdviceAndGuidance.is_low_risk());
    }
}
