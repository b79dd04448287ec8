//! Drawing clinical facts aimed at one rule of the table.
//!
//! The generator picks a target rule (so the class mix follows [`ClassMix`], not chance), draws
//! facts that satisfy it, and labels the letter with whatever [`apply_rules`] then says: the
//! label always comes from the facts. Draws that land on another class are redrawn a few times.

use serde::{Deserialize, Serialize};

use triage::facts::{ClinicalFacts, Finding, Sex};
use triage::labels::Urgency;
use triage::rules::{apply_rules, RuleId};
use types::rng::Rng;

/// Target share of each urgency class (need not sum to 1: they are weights).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassMix {
    pub urgent_suspected_cancer: f64,
    pub urgent: f64,
    pub routine: f64,
    pub advice_and_guidance: f64,
}

impl Default for ClassMix {
    /// A real gastroenterology inbox: 30 / 15 / 35 / 20.
    fn default() -> Self {
        ClassMix {
            urgent_suspected_cancer: 0.30,
            urgent: 0.15,
            routine: 0.35,
            advice_and_guidance: 0.20,
        }
    }
}

impl ClassMix {
    pub fn weight(&self, urgency: Urgency) -> f64 {
        match urgency {
            Urgency::UrgentSuspectedCancer => self.urgent_suspected_cancer,
            Urgency::Urgent => self.urgent,
            Urgency::Routine => self.routine,
            Urgency::AdviceAndGuidance => self.advice_and_guidance,
        }
    }
}

/// Relative frequency of each rule within its class.
fn rule_weight(rule: RuleId) -> f64 {
    use RuleId::*;
    match rule {
        U1 => 4.0,
        U2 => 2.0,
        U3 => 8.0,
        U4 => 5.0,
        U5 => 3.0,
        U6 => 1.5,
        U7 => 2.0,
        U8 => 4.5,
        R1 => 7.0,
        R2 => 4.0,
        R3 => 4.0,
        O1 => 5.0,
        O2 => 6.0,
        O4 => 4.0,
        O5 => 7.0,
        O6 => 9.0,
        D => 4.0,
        O3 => 5.0,
        A1 => 7.0,
        A2 => 5.0,
        A3 => 3.0,
    }
}

/// Picks the rule a letter is aimed at: a class by the mix, then a rule within it.
pub fn target_rule(rng: &mut Rng, mix: &ClassMix) -> RuleId {
    let class_weights: Vec<f64> = Urgency::ALL.iter().map(|u| mix.weight(*u)).collect();
    let class = Urgency::ALL[rng.weighted(&class_weights).min(3)];
    let rules: Vec<RuleId> = RuleId::ALL
        .into_iter()
        .filter(|r| r.urgency() == class)
        .collect();
    let weights: Vec<f64> = rules.iter().map(|r| rule_weight(*r)).collect();
    rules[rng.weighted(&weights).min(rules.len() - 1)]
}

/// Draws facts for `target`; redraws up to a limit when the labels land in another class.
pub fn draw_facts(rng: &mut Rng, target: RuleId) -> ClinicalFacts {
    let mut fallback = None;
    for _ in 0..40 {
        let facts = draw_once(rng, target);
        let got = apply_rules(&facts).rule_id;
        if got == target {
            return facts;
        }
        if fallback.is_none() && got.urgency() == target.urgency() {
            fallback = Some(facts);
        }
    }
    fallback.unwrap_or_else(|| draw_once(rng, target))
}

fn sex(rng: &mut Rng) -> Sex {
    if rng.chance(0.5) {
        Sex::Female
    } else {
        Sex::Male
    }
}

/// Ages skewed towards the older end of `lo..=hi`, as a GI inbox is.
fn age(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    let a = rng.range(lo, hi);
    let b = rng.range(lo, hi);
    if rng.chance(0.6) {
        a.max(b)
    } else {
        a
    }
}

fn normal_hb(rng: &mut Rng, sex: Sex) -> f64 {
    f64::from(match sex {
        Sex::Female => rng.range(121, 150),
        Sex::Male => rng.range(131, 168),
    })
}

fn anaemic_hb(rng: &mut Rng, sex: Sex) -> f64 {
    let top = match sex {
        Sex::Female => 119,
        Sex::Male => 129,
    };
    // A share close to the threshold, where the sex decides.
    if rng.chance(0.25) {
        f64::from(rng.range(top - 6, top))
    } else {
        f64::from(rng.range(68, top))
    }
}

fn negative_fit(rng: &mut Rng) -> f64 {
    if rng.chance(0.6) {
        f64::from(rng.range(0, 3))
    } else {
        f64::from(rng.range(4, 9))
    }
}

fn positive_fit(rng: &mut Rng) -> f64 {
    match rng.below(10) {
        0..=2 => f64::from(rng.range(10, 20)),
        3..=7 => f64::from(rng.range(21, 150)),
        _ => f64::from(rng.range(151, 400)),
    }
}

fn maybe(rng: &mut Rng, facts: &mut ClinicalFacts, f: Finding, p: f64) {
    if rng.chance(p) {
        facts.set(f, true);
    }
}

fn draw_once(rng: &mut Rng, target: RuleId) -> ClinicalFacts {
    use Finding::*;
    let s = sex(rng);
    let mut f = ClinicalFacts {
        sex: Some(s),
        ..Default::default()
    };
    let set_age = |f: &mut ClinicalFacts, rng: &mut Rng, lo, hi| f.age = Some(age(rng, lo, hi));
    match target {
        RuleId::U1 => {
            set_age(&mut f, rng, 32, 92);
            f.dysphagia = true;
            maybe(rng, &mut f, WeightLoss, 0.4);
            maybe(rng, &mut f, Reflux, 0.3);
            maybe(rng, &mut f, UpperAbdominalPain, 0.15);
        }
        RuleId::U2 => {
            set_age(&mut f, rng, 35, 90);
            let which = *rng.pick(&[RectalMass, RectalMass, AnalMass, AnalUlceration]);
            f.set(which, true);
            maybe(rng, &mut f, RectalBleeding, 0.5);
            maybe(rng, &mut f, ChangeInBowelHabit, 0.3);
        }
        RuleId::U3 => {
            set_age(&mut f, rng, 40, 92);
            f.fit = Some(positive_fit(rng));
            let main = *rng.pick(&[
                RectalBleeding,
                ChangeInBowelHabit,
                AbdominalPain,
                WeightLoss,
            ]);
            f.set(main, true);
            maybe(rng, &mut f, ChangeInBowelHabit, 0.3);
            maybe(rng, &mut f, AbdominalPain, 0.2);
            if rng.chance(0.2) {
                f.hb = Some(anaemic_hb(rng, s));
                f.ferritin = Some(f64::from(rng.range(3, 29)));
            }
        }
        RuleId::U4 => {
            set_age(&mut f, rng, 20, 92);
            f.hb = Some(anaemic_hb(rng, s));
            f.ferritin = Some(f64::from(rng.range(2, 29)));
            if rng.chance(0.3) {
                f.fit = Some(negative_fit(rng));
            }
            maybe(rng, &mut f, ChangeInBowelHabit, 0.15);
        }
        RuleId::U5 => {
            set_age(&mut f, rng, 55, 92);
            f.weight_loss = true;
            let main = *rng.pick(&[UpperAbdominalPain, Reflux, Dyspepsia, Dyspepsia]);
            f.set(main, true);
            maybe(rng, &mut f, Dyspepsia, 0.3);
            maybe(rng, &mut f, PpiFourWeeks, 0.3);
        }
        RuleId::U6 => {
            set_age(&mut f, rng, 30, 90);
            f.abdominal_mass = true;
            maybe(rng, &mut f, AbdominalPain, 0.3);
            maybe(rng, &mut f, WeightLoss, 0.2);
        }
        RuleId::U7 => {
            set_age(&mut f, rng, 40, 92);
            f.jaundice = true;
            maybe(rng, &mut f, WeightLoss, 0.3);
            if rng.chance(0.3) {
                f.alt = Some(f64::from(rng.range(45, 260)));
            }
        }
        RuleId::U8 => match rng.below(3) {
            0 => {
                set_age(&mut f, rng, 50, 92);
                f.rectal_bleeding = true;
                maybe(rng, &mut f, ChangeInBowelHabit, 0.3);
            }
            1 => {
                set_age(&mut f, rng, 40, 90);
                f.weight_loss = true;
                f.abdominal_pain = true;
            }
            _ => {
                set_age(&mut f, rng, 60, 92);
                f.change_in_bowel_habit = true;
                maybe(rng, &mut f, Bloating, 0.2);
            }
        },
        RuleId::R1 => {
            set_age(&mut f, rng, 18, 78);
            if rng.chance(0.6) {
                f.bloody_diarrhoea = true;
            } else {
                f.calprotectin = Some(f64::from(rng.range(250, 2500)));
                maybe(rng, &mut f, ChangeInBowelHabit, 0.6);
            }
            maybe(rng, &mut f, AbdominalPain, 0.4);
            if rng.chance(0.3) {
                f.fit = Some(negative_fit(rng));
            }
        }
        RuleId::R2 => {
            set_age(&mut f, rng, 25, 85);
            if rng.chance(0.4) {
                f.decompensated_cirrhosis = true;
            } else {
                f.alt = Some(f64::from(rng.range(300, 2400)));
            }
        }
        RuleId::R3 => {
            set_age(&mut f, rng, 18, 88);
            f.haematemesis = true;
            maybe(rng, &mut f, Dyspepsia, 0.3);
            maybe(rng, &mut f, Reflux, 0.2);
        }
        RuleId::O1 => {
            set_age(&mut f, rng, 55, 90);
            f.dyspepsia = true;
            f.ppi_four_weeks = true;
            maybe(rng, &mut f, Reflux, 0.4);
            maybe(rng, &mut f, UpperAbdominalPain, 0.3);
        }
        RuleId::O2 => {
            set_age(&mut f, rng, 18, 72);
            f.calprotectin = Some(f64::from(rng.range(100, 249)));
            maybe(rng, &mut f, ChangeInBowelHabit, 0.6);
            maybe(rng, &mut f, AbdominalPain, 0.4);
            if rng.chance(0.3) {
                f.fit = Some(negative_fit(rng));
            }
        }
        RuleId::O3 => {
            set_age(&mut f, rng, 20, 78);
            f.stable_ibd_question = true;
            if rng.chance(0.4) {
                f.calprotectin = Some(f64::from(rng.range(15, 90)));
            }
        }
        RuleId::O4 => {
            set_age(&mut f, rng, 18, 72);
            f.raised_ttg = true;
            maybe(rng, &mut f, Bloating, 0.4);
            maybe(rng, &mut f, AbdominalPain, 0.3);
        }
        RuleId::O5 => {
            set_age(&mut f, rng, 20, 82);
            if rng.chance(0.6) {
                f.alt = Some(f64::from(rng.range(40, 299)));
                maybe(rng, &mut f, FattyLiver, 0.4);
            } else {
                f.fatty_liver = true;
            }
        }
        RuleId::A1 => {
            set_age(&mut f, rng, 18, 49);
            let main = *rng.pick(&[AbdominalPain, Bloating, ChangeInBowelHabit]);
            f.set(main, true);
            maybe(rng, &mut f, Bloating, 0.4);
            maybe(rng, &mut f, AbdominalPain, 0.3);
            if rng.chance(0.65) {
                f.calprotectin = Some(f64::from(rng.range(10, 99)));
            }
            if f.calprotectin.is_none() || rng.chance(0.3) {
                f.fit = Some(negative_fit(rng));
            }
        }
        RuleId::O6 => {
            set_age(&mut f, rng, 25, 90);
            let main = *rng.pick(&[RectalBleeding, ChangeInBowelHabit, AbdominalPain]);
            f.set(main, true);
            maybe(rng, &mut f, AbdominalPain, 0.2);
            f.fit = Some(negative_fit(rng));
        }
        RuleId::A2 => {
            set_age(&mut f, rng, 18, 54);
            let main = *rng.pick(&[Dyspepsia, Reflux]);
            f.set(main, true);
            maybe(rng, &mut f, UpperAbdominalPain, 0.25);
            maybe(rng, &mut f, PpiFourWeeks, 0.3);
        }
        RuleId::A3 => {
            set_age(&mut f, rng, 25, 70);
            f.family_history_crc = true;
        }
        RuleId::D => match rng.below(8) {
            0 | 1 => set_age(&mut f, rng, 18, 90),
            2 => {
                set_age(&mut f, rng, 18, 49);
                f.rectal_bleeding = true;
            }
            3 => {
                set_age(&mut f, rng, 18, 80);
                f.weight_loss = true;
            }
            4 => {
                set_age(&mut f, rng, 55, 88);
                f.dyspepsia = true;
            }
            5 => {
                set_age(&mut f, rng, 20, 80);
                f.hb = Some(normal_hb(rng, s));
                f.ferritin = Some(f64::from(rng.range(4, 25)));
            }
            6 => {
                set_age(&mut f, rng, 50, 59);
                f.change_in_bowel_habit = true;
            }
            _ => {
                set_age(&mut f, rng, 18, 39);
                f.jaundice = true;
            }
        },
    }
    background(rng, &mut f, s);
    f
}

/// Extra facts that a letter often carries: normal bloods, a family history.
fn background(rng: &mut Rng, f: &mut ClinicalFacts, s: Sex) {
    if f.hb.is_none() && rng.chance(0.35) {
        f.hb = Some(normal_hb(rng, s));
        if f.ferritin.is_none() && rng.chance(0.6) {
            f.ferritin = Some(f64::from(rng.range(35, 260)));
        }
    }
    if f.alt.is_none() && rng.chance(0.25) {
        f.alt = Some(f64::from(rng.range(9, 38)));
    }
    if !f.family_history_crc && rng.chance(0.05) {
        f.family_history_crc = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_hit_their_target_rule() {
        let mut rng = Rng::new(5);
        for target in RuleId::ALL {
            let hits = (0..200)
                .filter(|_| apply_rules(&draw_facts(&mut rng, target)).rule_id == target)
                .count();
            assert!(hits >= 190, "{target}: {hits}/200");
        }
    }
}
