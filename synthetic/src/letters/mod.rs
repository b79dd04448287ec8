//! The synthetic referral-letter corpus.
//!
//! [`generate`] draws, for each letter, a target rule (so the class mix is controlled), clinical
//! facts that satisfy it, a header, a letter form and a layout variant, and writes the letter;
//! its labels are [`triage::rules::apply_rules`] of the drawn facts, and the facts written into
//! the text are exactly the ones drawn. Output is deterministic: the same [`CorpusConfig`] gives
//! byte-identical letters, and letter `i` depends only on the seed, `i` and the style list.

mod content;
mod forms;
mod header;
mod more_forms;
mod noise;
mod phrases;
mod sampler;

use serde::{Deserialize, Serialize};
use triage::labelled::{age_band, LetterStyle, ReferralLetter};
use triage::labels::Urgency;
use triage::rules::apply_rules;
use types::rng::Rng;

pub use forms::variants;
pub use header::{draw_header, uk_date};
pub use sampler::ClassMix;

use crate::error::{Error, Result};
use content::{Content, Writer};
use phrases::Pronouns;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CorpusConfig {
    pub seed: u64,
    pub count: usize,
    /// Share of letters that look scanned: OCR errors (and hard line wraps).
    pub ocr_noise_rate: f64,
    /// Per-character corruption rate within a noisy letter.
    pub ocr_char_rate: f64,
    /// Share of letters with one or more spelling slips.
    pub spelling_slip_rate: f64,
    /// Share of letters whose GP-requested priority differs from the label.
    pub priority_disagreement_rate: f64,
    /// Letter forms to draw from (empty: all of [`LetterStyle::ALL`]).
    pub styles: Vec<LetterStyle>,
    /// Letter forms to leave out (for leave-one-style-out evaluation).
    pub exclude_styles: Vec<LetterStyle>,
    pub class_mix: ClassMix,
    /// Prefix of letter ids ("syn" gives "syn-000001").
    pub id_prefix: String,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        CorpusConfig {
            seed: 42,
            count: 1000,
            ocr_noise_rate: 0.15,
            ocr_char_rate: 0.02,
            spelling_slip_rate: 0.2,
            priority_disagreement_rate: 0.4,
            styles: Vec::new(),
            exclude_styles: Vec::new(),
            class_mix: ClassMix::default(),
            id_prefix: "syn".to_string(),
        }
    }
}

impl CorpusConfig {
    /// A config with the given seed and count and defaults otherwise.
    pub fn new(seed: u64, count: usize) -> CorpusConfig {
        CorpusConfig {
            seed,
            count,
            ..Default::default()
        }
    }

    /// The letter forms in use: `styles` (or all) minus `exclude_styles`.
    pub fn active_styles(&self) -> Vec<LetterStyle> {
        let base: &[LetterStyle] = if self.styles.is_empty() {
            &LetterStyle::ALL
        } else {
            &self.styles
        };
        let mut out: Vec<LetterStyle> = Vec::new();
        for s in base {
            if !self.exclude_styles.contains(s) && !out.contains(s) {
                out.push(*s);
            }
        }
        out
    }

    fn validate(&self) -> Result<()> {
        let rates = [
            ("ocr_noise_rate", self.ocr_noise_rate),
            ("ocr_char_rate", self.ocr_char_rate),
            ("spelling_slip_rate", self.spelling_slip_rate),
            (
                "priority_disagreement_rate",
                self.priority_disagreement_rate,
            ),
        ];
        for (name, r) in rates {
            if !(0.0..=1.0).contains(&r) {
                return Err(Error::Config(format!(
                    "{name} must be between 0 and 1, got {r}"
                )));
            }
        }
        if self.active_styles().is_empty() {
            return Err(Error::Config("every letter style is excluded".to_string()));
        }
        let m = &self.class_mix;
        let weights = [
            m.urgent_suspected_cancer,
            m.urgent,
            m.routine,
            m.advice_and_guidance,
        ];
        if weights.iter().any(|w| !w.is_finite() || *w < 0.0) || weights.iter().sum::<f64>() <= 0.0
        {
            return Err(Error::Config(
                "class_mix weights must be non-negative and not all zero".to_string(),
            ));
        }
        Ok(())
    }
}

/// Generates `config.count` letters.
pub fn generate(config: &CorpusConfig) -> Result<Vec<ReferralLetter>> {
    config.validate()?;
    let styles = config.active_styles();
    Ok((0..config.count)
        .map(|i| letter(config, &styles, i))
        .collect())
}

/// Generates letter number `index` of the corpus `config` describes.
pub fn generate_one(config: &CorpusConfig, index: usize) -> Result<ReferralLetter> {
    config.validate()?;
    Ok(letter(config, &config.active_styles(), index))
}

fn gp_priority(rng: &mut Rng, label: Urgency, disagree: f64) -> Option<Urgency> {
    if rng.chance(0.08) {
        return None;
    }
    if !rng.chance(disagree) {
        return Some(label);
    }
    // GPs mostly ask for more than the rules give; sometimes for less.
    let options: &[Urgency] = match label {
        Urgency::UrgentSuspectedCancer => &[Urgency::Urgent, Urgency::Routine, Urgency::Urgent],
        Urgency::Urgent => &[Urgency::UrgentSuspectedCancer, Urgency::Routine],
        Urgency::Routine => &[
            Urgency::UrgentSuspectedCancer,
            Urgency::Urgent,
            Urgency::Urgent,
            Urgency::AdviceAndGuidance,
        ],
        Urgency::AdviceAndGuidance => &[Urgency::Routine, Urgency::Routine, Urgency::Urgent],
    };
    Some(*rng.pick(options))
}

fn letter(config: &CorpusConfig, styles: &[LetterStyle], index: usize) -> ReferralLetter {
    let mut rng = Rng::for_item(config.seed, index as u64);
    let target = sampler::target_rule(&mut rng, &config.class_mix);
    let facts = sampler::draw_facts(&mut rng, target);
    let outcome = apply_rules(&facts);
    let sex = facts.sex.unwrap_or(triage::facts::Sex::Female);
    let age = facts.age.unwrap_or(50);
    let header = draw_header(&mut rng, age, sex);
    let style = *rng.pick(styles);
    let variant = rng.below(usize::from(variants(style))) as u8;
    let gp = gp_priority(&mut rng, outcome.urgency, config.priority_disagreement_rate);
    // A handwritten note only ever arrives scanned.
    let ocr = rng.chance(config.ocr_noise_rate) || style == LetterStyle::Handwritten;
    let slips = rng.chance(config.spelling_slip_rate);
    let p = Pronouns::for_sex(sex, &mut rng);
    let mut w = Writer { rng, p };
    let content = Content::plan(&mut w, &facts, gp);
    let mut text = forms::render(&mut w, style, variant, &facts, &header, &content);
    if slips {
        text = noise::spelling_slips(&text, &mut w.rng, 0.5);
    }
    if ocr {
        if matches!(style, LetterStyle::DearDoctor | LetterStyle::GpRecord) && variant != 3 {
            text = forms::wrap(&text, 78);
        }
        let rate = if style == LetterStyle::Handwritten {
            (config.ocr_char_rate * 2.0).min(1.0)
        } else {
            config.ocr_char_rate
        };
        text = noise::ocr_noise(&text, &mut w.rng, rate);
    }
    ReferralLetter {
        id: format!("{}-{:06}", config.id_prefix, index + 1),
        text,
        urgency: outcome.urgency,
        pathway: outcome.pathway,
        style,
        rule: outcome.rule_id,
        variant,
        gp_priority: gp,
        ocr_noise: ocr,
        age_stated: content.age_stated,
        age_band: age_band(age),
        facts,
        header,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() -> anyhow::Result<()> {
        let a = generate(&CorpusConfig::new(7, 50))?;
        let b = generate(&CorpusConfig::new(7, 50))?;
        let c = generate(&CorpusConfig::new(8, 50))?;
        assert_eq!(serde_json::to_string(&a)?, serde_json::to_string(&b)?);
        assert_ne!(serde_json::to_string(&a)?, serde_json::to_string(&c)?);
        // Letter i does not depend on how many letters are generated.
        let longer = generate(&CorpusConfig::new(7, 60))?;
        assert_eq!(a[..], longer[..50]);
        Ok(())
    }

    #[test]
    fn excluded_styles_never_appear() -> anyhow::Result<()> {
        let config = CorpusConfig {
            exclude_styles: vec![LetterStyle::Terse, LetterStyle::GpRecord],
            ..CorpusConfig::new(3, 300)
        };
        let letters = generate(&config)?;
        assert!(letters
            .iter()
            .all(|l| l.style != LetterStyle::Terse && l.style != LetterStyle::GpRecord));
        let all_out = CorpusConfig {
            exclude_styles: LetterStyle::ALL.to_vec(),
            ..CorpusConfig::new(3, 3)
        };
        assert!(matches!(generate(&all_out), Err(Error::Config(_))));
        Ok(())
    }
}
