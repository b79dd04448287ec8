//! The one triage decision: what `paperlite triage` prints, what the service stores as its
//! suggestion and shows on the consultant worklist, and what `eval triage` scores as the
//! "product".
//!
//! - **Labels**: the rule table over the facts the checker reads (only facts asserted about
//!   the patient now count). The transformer never changes them: the labels are the spec's
//!   by construction, so they are never less urgent than the rules, and the reason names the
//!   rule and its evidence spans.
//! - **Routing**: a letter is auto-routed only when all of these hold, else it goes to review
//!   with the reason:
//!   1. the deciding rule is a low-risk rule other than the default `D` (O1-O6, A1-A3);
//!   2. no high-risk fact is present ([`high_risk_present`]: dysphagia, a mass or anal ulcer,
//!      weight loss, jaundice, rectal bleeding, bloody diarrhoea, haematemesis, melaena,
//!      decompensated cirrhosis, anaemia, a FIT of 10 or more, calprotectin of 250 or more,
//!      ALT of 300 or more);
//!   3. no high-risk finding is set aside *only* by a section heading (it stood under "PMH:"
//!      or "Plan:" with no word beside it saying past, denied or hypothetical): such a reading
//!      is uncertain, so a clinician looks. A high-risk mention that words beside it deny
//!      ("no dysphagia", `[ ] Yes [X] No`), give to a relative, put in the past ("in 2019,
//!      nothing since") or make hypothetical ("if she develops") does not block;
//!   4. the letter looks like the letters the system was validated on ([`Familiarity`]): its
//!      age is known, the checker found at least one clinical fact in it, and (with a model)
//!      enough of its words are in the model's vocabulary;
//!   5. with [`ModelRole::Veto`], the model agrees: its calibrated probability of low risk is
//!      at least the saved threshold. The model may only send a letter to review, never
//!      change its labels or route it.
//! - **The pretrained encoder** ([`crate::encoder`], roles [`ModelRole::Escalate`] and
//!   [`ModelRole::Fallback`]): as a second opinion it may only raise the urgency (and the
//!   letter then goes to review); where the rules fall to the default `D` it may choose
//!   routine or advice-and-guidance and the pathway. Neither is the default (BENCHMARKS.md,
//!   "Pretrained encoder comparison").

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::encoder::EncoderTriage;
use crate::facts::{
    Assertion, ClinicalFacts, Fact, FactKind, Finding, ALT_URGENT, CALPROTECTIN_URGENT,
    FIT_POSITIVE,
};
use crate::labels::{Pathway, Urgency};
use crate::model::{Prediction, TriageModel};
use crate::redflags::{CheckResult, Evidence, RedFlagChecker};
use crate::routing::{Decision, RoutingDecision, RoutingPolicy};
use crate::rules::RuleId;

/// What the transformer does in the decision.
///
/// The default is [`ModelRole::Off`]: on the independent development letters the veto sent no
/// additional urgent letter to review (none was auto-routed without it either) and cut the
/// low-risk letters auto-routed from 37.5% to 25% (BENCHMARKS.md, "Triage decision"), so the
/// model does not earn a say in the decision. A loaded model still runs and its probabilities
/// are reported beside the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelRole {
    /// The rules and the routing checks decide alone (the model, if loaded, is only reported).
    #[default]
    Off,
    /// A second opinion that may only send a letter to review: auto-routing also needs the
    /// model's probability of low risk at or above the saved threshold.
    Veto,
    /// The pretrained encoder (with its head) as a second opinion that may only escalate:
    /// when its most probable urgency is more urgent than the rules' and at least
    /// [`DecisionConfig::escalate_min_probability`] sure, the urgency becomes the encoder's
    /// and the letter goes to review (where the rules fell to `D`, the pathway is the
    /// encoder's too). Never less urgent than the rules.
    Escalate,
    /// The pretrained encoder decides where the rules fall to the default `D`: routine or
    /// advice-and-guidance (whichever it finds more probable) and the pathway. This can make a
    /// `D` letter advice-and-guidance, i.e. less urgent than the default rule; `D` letters
    /// still go to review.
    Fallback,
    /// Both [`ModelRole::Escalate`] and [`ModelRole::Fallback`].
    EscalateFallback,
}

impl ModelRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ModelRole::Off => "off",
            ModelRole::Veto => "veto",
            ModelRole::Escalate => "escalate",
            ModelRole::Fallback => "fallback",
            ModelRole::EscalateFallback => "escalate_fallback",
        }
    }

    /// Whether the role needs the pretrained encoder.
    pub fn uses_encoder(self) -> bool {
        matches!(
            self,
            ModelRole::Escalate | ModelRole::Fallback | ModelRole::EscalateFallback
        )
    }

    fn escalates(self) -> bool {
        matches!(self, ModelRole::Escalate | ModelRole::EscalateFallback)
    }

    fn falls_back(self) -> bool {
        matches!(self, ModelRole::Fallback | ModelRole::EscalateFallback)
    }
}

impl std::str::FromStr for ModelRole {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "none" => Ok(ModelRole::Off),
            "veto" => Ok(ModelRole::Veto),
            "escalate" => Ok(ModelRole::Escalate),
            "fallback" => Ok(ModelRole::Fallback),
            "escalate_fallback" | "escalate-fallback" | "escalate+fallback" => {
                Ok(ModelRole::EscalateFallback)
            }
            other => Err(format!(
                "unknown model role {other:?} (off, veto, escalate, fallback, escalate_fallback)"
            )),
        }
    }
}

/// Settings of the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionConfig {
    pub model_role: ModelRole,
    /// With a model: the least share of a letter's words that must be whole words of the
    /// model's vocabulary for the letter to count as familiar.
    pub min_known_word_share: f64,
    /// With [`ModelRole::Escalate`]: the least calibrated probability of the encoder's more
    /// urgent label for it to escalate (fixed a priori, not tuned on any evaluation set).
    #[serde(default = "default_escalate_min_probability")]
    pub escalate_min_probability: f64,
    /// Whether a word that may name a red flag, asserted in the letter and explained by no
    /// fact the checker read, withholds auto-routing (the routing guard's screen; on by
    /// default, off only to measure what it costs).
    #[serde(default = "default_word_screen")]
    pub word_screen: bool,
}

fn default_word_screen() -> bool {
    true
}

fn default_escalate_min_probability() -> f64 {
    0.5
}

impl Default for DecisionConfig {
    fn default() -> Self {
        DecisionConfig {
            model_role: ModelRole::default(),
            min_known_word_share: 0.5,
            escalate_min_probability: default_escalate_min_probability(),
            word_screen: default_word_screen(),
        }
    }
}

/// What withheld auto-routing from a letter (a letter may have several): the routing
/// conditions of this module's documentation, one kind each, so that an evaluation can say
/// why low-risk letters went to a consultant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hold {
    /// A red-flag (urgent or suspected-cancer) rule decided the labels.
    RedFlagRule,
    /// No rule but the default `D` matched.
    DefaultRule,
    /// A high-risk fact is asserted about the patient now.
    HighRiskFact,
    /// A high-risk mention was set aside on weak evidence only.
    WeakEvidence,
    /// A red-flag result read as past or a relative's, with no newer result of the test.
    SetAsideResult,
    /// The letter is unlike the letters the system was validated on.
    Unfamiliar,
    /// A screen word that may name a red flag, read by no fact.
    UnreadWord,
    /// The letter asks for or names the suspected-cancer pathway (a consultant regrades it).
    CancerPathway,
    /// The model (role veto) disagrees, or its policy never routes.
    ModelDisagrees,
    /// The pretrained encoder failed or is missing, or raised the urgency.
    Encoder,
}

impl Hold {
    pub const ALL: [Hold; 10] = [
        Hold::RedFlagRule,
        Hold::DefaultRule,
        Hold::HighRiskFact,
        Hold::WeakEvidence,
        Hold::SetAsideResult,
        Hold::Unfamiliar,
        Hold::UnreadWord,
        Hold::CancerPathway,
        Hold::ModelDisagrees,
        Hold::Encoder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Hold::RedFlagRule => "red_flag_rule",
            Hold::DefaultRule => "default_rule",
            Hold::HighRiskFact => "high_risk_fact",
            Hold::WeakEvidence => "weak_evidence",
            Hold::SetAsideResult => "set_aside_result",
            Hold::Unfamiliar => "unfamiliar",
            Hold::UnreadWord => "unread_word",
            Hold::CancerPathway => "cancer_pathway",
            Hold::ModelDisagrees => "model_disagrees",
            Hold::Encoder => "encoder",
        }
    }
}

/// Whether a letter looks like the letters the system was validated on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Familiarity {
    pub age_known: bool,
    /// Clinical facts (other than age and sex) the checker found, whatever their assertion.
    pub facts_found: usize,
    /// Share of the letter's words that are whole words of the model's vocabulary (`None`
    /// without a model).
    pub known_word_share: Option<f64>,
    pub familiar: bool,
}

/// The decision for one letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriageDecision {
    pub urgency: Urgency,
    pub pathway: Pathway,
    /// The rule that decided the labels (`D` when none matched).
    pub rule: RuleId,
    /// The spans that made the rule match (empty for `D`).
    pub evidence: Vec<Evidence>,
    pub decision: Decision,
    /// Why: the rule and its evidence, and what sent the letter to review if it was.
    pub reason: String,
    /// What sent the letter to review, each kind once, in the order of the reason (empty
    /// when it was auto-routed).
    #[serde(default)]
    pub holds: Vec<Hold>,
    pub familiarity: Familiarity,
    /// The checker's full reading: facts, mentions with their assertions, red flags.
    pub check: CheckResult,
    /// The model's prediction, when a model was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prediction: Option<Prediction>,
    /// The pretrained encoder's prediction, when its role used it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoder_prediction: Option<Prediction>,
}

impl TriageDecision {
    pub fn routing(&self) -> RoutingDecision {
        RoutingDecision {
            decision: self.decision,
            reason: self.reason.clone(),
        }
    }
}

/// The rules, the checker, and optionally the model and its routing policy: everything a
/// decision needs, loaded once.
pub struct Decider {
    checker: RedFlagChecker,
    model: Option<(TriageModel, RoutingPolicy)>,
    vocabulary: Option<HashSet<String>>,
    encoder: Option<EncoderTriage>,
    config: DecisionConfig,
}

impl Decider {
    /// A decider with no model (rules and routing checks only).
    pub fn rules_only() -> Decider {
        Decider {
            checker: RedFlagChecker::new(),
            model: None,
            vocabulary: None,
            encoder: None,
            config: DecisionConfig {
                model_role: ModelRole::Off,
                ..DecisionConfig::default()
            },
        }
    }

    /// A decider with the model and its saved routing policy.
    pub fn with_model(model: TriageModel, policy: RoutingPolicy, config: DecisionConfig) -> Self {
        let vocabulary = model
            .encoder()
            .tokenizer()
            .get_vocab(false)
            .into_keys()
            .filter(|w| !w.starts_with("##") && w.chars().all(|c| c.is_alphabetic()))
            .collect();
        Decider {
            checker: RedFlagChecker::new(),
            model: Some((model, policy)),
            vocabulary: Some(vocabulary),
            encoder: None,
            config,
        }
    }

    /// Adds the pretrained encoder (used by the roles [`ModelRole::Escalate`] and
    /// [`ModelRole::Fallback`]).
    pub fn with_encoder(mut self, encoder: EncoderTriage) -> Self {
        self.encoder = Some(encoder);
        self
    }

    /// Sets the role (e.g. to compare roles over one loaded decider).
    pub fn set_model_role(&mut self, role: ModelRole) {
        self.config.model_role = role;
    }

    /// Turns the routing guard's word screen on or off (off only to measure its cost).
    pub fn set_word_screen(&mut self, on: bool) {
        self.config.word_screen = on;
    }

    pub fn encoder(&self) -> Option<&EncoderTriage> {
        self.encoder.as_ref()
    }

    pub fn config(&self) -> &DecisionConfig {
        &self.config
    }

    pub fn model(&self) -> Option<&TriageModel> {
        self.model.as_ref().map(|m| &m.0)
    }

    pub fn policy(&self) -> Option<&RoutingPolicy> {
        self.model.as_ref().map(|m| &m.1)
    }

    /// Decides one letter.
    pub fn decide(&self, text: &str) -> crate::Result<TriageDecision> {
        let mut all = self.decide_batch(&[text])?;
        all.pop()
            .ok_or_else(|| crate::Error::Internal("no decision for the letter".to_string()))
    }

    /// Decides letters in one batch (the model, when there is one, reads them together; its
    /// prediction is reported whatever its role).
    pub fn decide_batch(&self, texts: &[&str]) -> crate::Result<Vec<TriageDecision>> {
        let predictions: Vec<Option<Prediction>> = match &self.model {
            Some((model, _)) => model
                .logits(texts)?
                .iter()
                .map(|z| Some(model.prediction_from_logits(z)))
                .collect(),
            _ => vec![None; texts.len()],
        };
        let encoded: Vec<Option<Prediction>> = match (&self.encoder, self.config.model_role) {
            (Some(e), role) if role.uses_encoder() => {
                e.predict_batch(texts)?.into_iter().map(Some).collect()
            }
            _ => vec![None; texts.len()],
        };
        Ok(texts
            .iter()
            .zip(predictions)
            .zip(encoded)
            .map(|((text, p), e)| {
                self.decide_with_encoder(text, self.checker.check(text), p, Ok(e))
            })
            .collect())
    }

    /// Decides a letter the checker (and model) have already read; with an encoder role the
    /// encoder reads the letter here.
    pub fn decide_with(
        &self,
        text: &str,
        check: CheckResult,
        prediction: Option<Prediction>,
    ) -> TriageDecision {
        let encoded = match (&self.encoder, self.config.model_role) {
            (Some(e), role) if role.uses_encoder() => e
                .predict_batch(&[text])
                .map(|mut p| p.pop())
                .map_err(|e| e.to_string()),
            _ => Ok(None),
        };
        self.decide_with_encoder(text, check, prediction, encoded)
    }

    /// Decides a letter the checker, the model and the encoder have already read (`Err`: the
    /// encoder failed on it, and the letter goes to review).
    pub fn decide_with_encoder(
        &self,
        text: &str,
        check: CheckResult,
        prediction: Option<Prediction>,
        encoder_prediction: Result<Option<Prediction>, String>,
    ) -> TriageDecision {
        let familiarity = familiarity(text, &check, self.vocabulary.as_ref(), &self.config);
        let rule = check.rule_id();
        let evidence = rule_evidence(rule, &check);
        let mut reason = describe_rule(rule, &evidence);
        let mut blocks: Vec<(Hold, String)> = Vec::new();
        if rule.urgency().is_red_flag() {
            blocks.push((Hold::RedFlagRule, "a red-flag rule matched".to_string()));
        } else if rule == RuleId::D {
            blocks.push((
                Hold::DefaultRule,
                "no rule other than the default D matched".to_string(),
            ));
        }
        let high = high_risk_present(&check.facts, &check.mentions);
        if !high.is_empty() && !rule.urgency().is_red_flag() {
            blocks.push((
                Hold::HighRiskFact,
                format!("high-risk fact present: {}", high.join(", ")),
            ));
        }
        let uncertain = uncertain_high_risk(&check.mentions);
        if !uncertain.is_empty() {
            blocks.push((
                Hold::WeakEvidence,
                format!(
                    "high-risk mention set aside on weak evidence (a section heading, a negation across a semicolon, a form question left unanswered): {}",
                    uncertain.join(", ")
                ),
            ));
        }
        let unsuperseded = set_aside_results(&check.mentions);
        if !unsuperseded.is_empty() {
            blocks.push((
                Hold::SetAsideResult,
                format!(
                    "red-flag result read as past or a relative's, with no newer result of the same test: {}",
                    unsuperseded.join(", ")
                ),
            ));
        }
        if !familiarity.familiar {
            blocks.push((
                Hold::Unfamiliar,
                unfamiliar_reason(&familiarity, &self.config),
            ));
        }
        if self.config.word_screen && !check.unread.is_empty() {
            let (pathway_words, words): (Vec<_>, Vec<_>) = check
                .unread
                .iter()
                .partition(|u| names_cancer_pathway(&u.word));
            let quote = |us: &[&crate::redflags::UnreadWord]| {
                us.iter()
                    .map(|u| format!("\"{}\" in \"{}\"", u.word, u.context))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if !words.is_empty() {
                blocks.push((
                    Hold::UnreadWord,
                    format!(
                        "possible red-flag wording the checker did not read: {}",
                        quote(&words)
                    ),
                ));
            }
            if !pathway_words.is_empty() {
                blocks.push((
                    Hold::CancerPathway,
                    format!(
                        "the letter asks for or names the suspected-cancer pathway, which only a \
                         consultant may downgrade: {}",
                        quote(&pathway_words)
                    ),
                ));
            }
        }
        if self.config.model_role == ModelRole::Veto {
            match (&prediction, self.policy().and_then(|p| p.threshold)) {
                (Some(p), Some(t)) if p.p_low_risk < t => blocks.push((
                    Hold::ModelDisagrees,
                    format!(
                        "the model disagrees: P(low risk) {:.3} below {:.3}",
                        p.p_low_risk, t
                    ),
                )),
                (Some(_), None) => blocks.push((
                    Hold::ModelDisagrees,
                    "the model's policy never auto-routes".to_string(),
                )),
                _ => {}
            }
        }
        let role = self.config.model_role;
        let (mut urgency, mut pathway) = (rule.urgency(), rule.pathway());
        let encoder_prediction = match encoder_prediction {
            Ok(p) => p,
            Err(e) => {
                blocks.push((Hold::Encoder, format!("the encoder failed: {e}")));
                None
            }
        };
        if role.uses_encoder() && self.encoder.is_none() {
            blocks.push((
                Hold::Encoder,
                format!("model role {} needs the encoder", role.as_str()),
            ));
        }
        if let Some(e) = &encoder_prediction {
            let top: Option<Urgency> = e.urgency.label.parse().ok();
            let top_pathway: Option<Pathway> = e.pathway.label.parse().ok();
            if role.falls_back() && rule == RuleId::D {
                let (p_routine, p_ag) = (
                    e.urgency.probability(Urgency::Routine.as_str()),
                    e.urgency.probability(Urgency::AdviceAndGuidance.as_str()),
                );
                if p_ag > p_routine {
                    urgency = Urgency::AdviceAndGuidance;
                }
                if let Some(p) = top_pathway {
                    pathway = p;
                }
                let _ = write!(
                    reason,
                    "; encoder at D: {} / {} (P(routine) {p_routine:.3}, P(advice) {p_ag:.3})",
                    urgency.as_str(),
                    pathway.as_str()
                );
            }
            if let Some(u) = top.filter(|u| role.escalates() && more_urgent(*u, urgency)) {
                let p = e.urgency.probability(u.as_str());
                if p >= self.config.escalate_min_probability {
                    urgency = u;
                    if rule == RuleId::D {
                        if let Some(pw) = top_pathway {
                            pathway = pw;
                        }
                    }
                    blocks.push((
                        Hold::Encoder,
                        format!("the encoder escalates to {} (P {p:.3})", u.as_str()),
                    ));
                }
            }
        }
        let decision = if blocks.is_empty() {
            reason.push_str("; auto-routed: low-risk rule, no high-risk fact, familiar letter");
            if self.config.word_screen {
                reason.push_str(", no unread red-flag word");
            }
            if let (Some(p), ModelRole::Veto) = (&prediction, self.config.model_role) {
                let _ = write!(reason, ", model agrees (P(low risk) {:.3})", p.p_low_risk);
            }
            Decision::AutoRoute
        } else {
            let why: Vec<&str> = blocks.iter().map(|(_, b)| b.as_str()).collect();
            let _ = write!(reason, "; review: {}", why.join("; "));
            Decision::Review
        };
        let mut holds: Vec<Hold> = Vec::new();
        for (hold, _) in &blocks {
            if !holds.contains(hold) {
                holds.push(*hold);
            }
        }
        TriageDecision {
            urgency,
            pathway,
            rule,
            evidence,
            decision,
            reason,
            holds,
            familiarity,
            check,
            prediction,
            encoder_prediction,
        }
    }
}

/// Whether a screen word names cancer or the suspected-cancer (two-week-wait) pathway rather
/// than a symptom: the GP's request or the form it came on.
fn names_cancer_pathway(word: &str) -> bool {
    crate::redflags::SCREEN_CANCER_PATHWAY.is_match(word)
}

/// Whether `a` is more urgent than `b`.
fn more_urgent(a: Urgency, b: Urgency) -> bool {
    let rank = |u: Urgency| Urgency::ALL.iter().position(|x| *x == u).unwrap_or(0);
    rank(a) < rank(b)
}

/// The facts each rule reads, for its evidence.
fn rule_facts(rule: RuleId) -> &'static [&'static str] {
    match rule {
        RuleId::U1 => &["dysphagia"],
        RuleId::U2 => &["rectal_mass", "anal_mass", "anal_ulceration"],
        RuleId::U3 => &["fit"],
        RuleId::U4 => &["hb", "ferritin", "ida"],
        RuleId::U5 => &[
            "age",
            "weight_loss",
            "upper_abdominal_pain",
            "reflux",
            "dyspepsia",
        ],
        RuleId::U6 => &["abdominal_mass"],
        RuleId::U7 => &["age", "jaundice"],
        RuleId::U8 => &[
            "age",
            "rectal_bleeding",
            "weight_loss",
            "abdominal_pain",
            "change_in_bowel_habit",
        ],
        RuleId::R1 => &["bloody_diarrhoea", "calprotectin"],
        RuleId::R2 => &["decompensated_cirrhosis", "alt"],
        RuleId::R3 => &["haematemesis"],
        RuleId::O1 => &["age", "dyspepsia", "ppi_four_weeks"],
        RuleId::O2 => &["calprotectin"],
        RuleId::O3 => &["stable_ibd_question"],
        RuleId::O4 => &["raised_ttg"],
        RuleId::O5 => &["alt", "fatty_liver"],
        RuleId::A1 => &[
            "age",
            "abdominal_pain",
            "bloating",
            "change_in_bowel_habit",
            "calprotectin",
            "fit",
        ],
        RuleId::O6 => &[
            "rectal_bleeding",
            "change_in_bowel_habit",
            "abdominal_pain",
            "fit",
        ],
        RuleId::A2 => &["age", "dyspepsia", "reflux"],
        RuleId::A3 => &["family_history_crc"],
        RuleId::D => &[],
    }
}

/// The evidence spans of the facts the deciding rule reads.
pub fn rule_evidence(rule: RuleId, check: &CheckResult) -> Vec<Evidence> {
    let wanted = rule_facts(rule);
    check
        .evidence
        .iter()
        .filter(|e| wanted.contains(&e.fact.as_str()))
        .cloned()
        .collect()
}

fn describe_rule(rule: RuleId, evidence: &[Evidence]) -> String {
    let mut s = format!(
        "rule {rule} ({} / {})",
        rule.urgency().as_str(),
        rule.pathway().as_str()
    );
    if rule == RuleId::D {
        s.push_str(": no rule matched the facts found");
        return s;
    }
    if evidence.is_empty() {
        s.push_str(": matched on an unknown age or sex, counted conservatively");
        return s;
    }
    let parts: Vec<String> = evidence
        .iter()
        .take(8)
        .map(|e| format!("{} \"{}\" [{}..{}]", e.fact, e.text.trim(), e.start, e.end))
        .collect();
    let _ = write!(s, ": {}", parts.join(", "));
    s
}

const HIGH_RISK_FINDINGS: [Finding; 11] = [
    Finding::Dysphagia,
    Finding::RectalMass,
    Finding::AnalMass,
    Finding::AnalUlceration,
    Finding::AbdominalMass,
    Finding::WeightLoss,
    Finding::Jaundice,
    Finding::RectalBleeding,
    Finding::BloodyDiarrhoea,
    Finding::DecompensatedCirrhosis,
    Finding::Haematemesis,
];

/// The high-risk facts present in a letter, by name: findings any U or R rule reads (whatever
/// the age), melaena, anaemia and abnormal values past a red-flag threshold.
pub fn high_risk_present(facts: &ClinicalFacts, mentions: &[Fact]) -> Vec<String> {
    let mut out: Vec<String> = HIGH_RISK_FINDINGS
        .iter()
        .filter(|f| facts.has(**f))
        .map(|f| f.as_str().to_string())
        .collect();
    if mentions
        .iter()
        .any(|m| m.kind == FactKind::Melaena && m.assertion == Assertion::Present)
    {
        out.push("melaena".to_string());
    }
    if facts.anaemia() {
        out.push("anaemia".to_string());
    }
    for (kind, value, name) in [
        (FactKind::Fit, facts.fit, "fit >= 10"),
        (
            FactKind::Calprotectin,
            facts.calprotectin,
            "calprotectin >= 250",
        ),
        (FactKind::Alt, facts.alt, "alt >= 300"),
    ] {
        if value.is_some_and(|v| red_flag_result(kind, v)) {
            out.push(name.to_string());
        }
    }
    out
}

/// Whether one result of this test at this value matches a red-flag rule on its own (FIT
/// for U3, calprotectin for R1, ALT for R2).
fn red_flag_result(kind: FactKind, value: f64) -> bool {
    match kind {
        FactKind::Fit => value >= FIT_POSITIVE,
        FactKind::Calprotectin => value >= CALPROTECTIN_URGENT,
        FactKind::Alt => value >= ALT_URGENT,
        _ => false,
    }
}

/// Red-flag results the reader set aside as an old value or a relative's while the letter
/// gives no current result of the same test: nothing in the letter supersedes them, so
/// whether they still stand is for a consultant to judge (a results table's columns, a
/// course told out of order). Denied and hypothetical values ("FIT >= 10? No", "if FIT >=
/// 10, refer") are thresholds, not results, and are left alone.
fn set_aside_results(mentions: &[Fact]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        let set_aside = matches!(
            m.assertion,
            Assertion::ResolvedPast | Assertion::FamilyHistory
        );
        let red = m.value.is_some_and(|v| red_flag_result(m.kind, v));
        let superseded = mentions
            .iter()
            .any(|o| o.kind == m.kind && o.is_present() && o.value.is_some());
        let name = format!("{} \"{}\"", m.kind.name(), m.text.trim());
        if set_aside && red && !superseded && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// High-risk findings set aside on weak evidence: only the section they stand in, or a
/// negation carried across a semicolon, keeps them from counting.
fn uncertain_high_risk(mentions: &[Fact]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        let high = match m.kind {
            FactKind::Finding(f) => HIGH_RISK_FINDINGS.contains(&f),
            FactKind::Melaena => true,
            _ => false,
        };
        let name = format!("{} \"{}\"", m.kind.name(), m.text.trim());
        if high && m.from_section && m.assertion != Assertion::Present && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

fn familiarity(
    text: &str,
    check: &CheckResult,
    vocabulary: Option<&HashSet<String>>,
    config: &DecisionConfig,
) -> Familiarity {
    let facts_found = check
        .mentions
        .iter()
        .filter(|m| !matches!(m.kind, FactKind::Age | FactKind::Sex))
        .count();
    let known_word_share = vocabulary.map(|v| known_share(text, v));
    let age_known = check.facts.age.is_some();
    let familiar = age_known
        && facts_found > 0
        && known_word_share.is_none_or(|s| s >= config.min_known_word_share);
    Familiarity {
        age_known,
        facts_found,
        known_word_share,
        familiar,
    }
}

/// Share of the letter's alphabetic words (two letters or more) that are whole words of the
/// vocabulary.
pub fn known_share(text: &str, vocabulary: &HashSet<String>) -> f64 {
    let mut total = 0usize;
    let mut known = 0usize;
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() < 2 {
            continue;
        }
        total += 1;
        if vocabulary.contains(&w.to_lowercase()) {
            known += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        known as f64 / total as f64
    }
}

fn unfamiliar_reason(f: &Familiarity, config: &DecisionConfig) -> String {
    let mut why = Vec::new();
    if !f.age_known {
        why.push("no age found".to_string());
    }
    if f.facts_found == 0 {
        why.push("no clinical fact found".to_string());
    }
    if let Some(s) = f.known_word_share {
        if s < config.min_known_word_share {
            why.push(format!(
                "{:.0}% of its words known to the model (needs {:.0}%)",
                s * 100.0,
                config.min_known_word_share * 100.0
            ));
        }
    }
    format!("unlike the validated letters ({})", why.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(text: &str) -> TriageDecision {
        Decider::rules_only()
            .decide(text)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn low_risk_rule_with_nothing_else_is_auto_routed() {
        let d = decide("34 year old woman with reflux for 2 months, no dysphagia, no weight loss.");
        assert_eq!(d.rule, RuleId::A2);
        assert_eq!(d.decision, Decision::AutoRoute, "{}", d.reason);
        assert!(d.reason.contains("rule A2"), "{}", d.reason);
        assert!(d.reason.contains("\"reflux\""), "{}", d.reason);
        assert!(d.holds.is_empty(), "{:?}", d.holds);
    }

    #[test]
    fn default_rule_and_red_flags_go_to_review() {
        let d = decide("45 year old man with hiccups.");
        assert_eq!(d.rule, RuleId::D);
        assert_eq!(d.decision, Decision::Review);
        assert_eq!(d.holds, vec![Hold::DefaultRule, Hold::Unfamiliar]);
        let d = decide("Aged 62. Dysphagia to solids for 3 weeks. GP requests routine.");
        assert_eq!(
            (d.rule, d.urgency),
            (RuleId::U1, Urgency::UrgentSuspectedCancer)
        );
        assert_eq!(d.decision, Decision::Review);
        assert!(d.reason.contains("dysphagia"), "{}", d.reason);
        assert_eq!(d.holds.first(), Some(&Hold::RedFlagRule));
    }

    #[test]
    fn an_unread_red_flag_word_withholds_auto_routing_only() {
        // Reflux at 34 is A2 by the rules; "heaved up a cupful of blood" is haematemesis in
        // words the lexicon does not know. The screen keeps it from auto-routing without
        // changing the rules' labels.
        let text = "34 year old woman with reflux for 2 months. Last week she heaved up a \
                    cupful of blood. No dysphagia.";
        let mut decider = Decider::rules_only();
        let d = decider.decide(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.decision, Decision::Review, "{}", d.reason);
        assert!(d.reason.contains("did not read: \"blood\""), "{}", d.reason);
        assert_eq!(d.holds, vec![Hold::UnreadWord]);
        decider.set_word_screen(false);
        let off = decider.decide(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((off.urgency, off.pathway), (d.urgency, d.pathway));
        assert_eq!(off.rule, RuleId::A2, "{}", off.reason);
        assert_eq!(off.decision, Decision::AutoRoute, "{}", off.reason);
    }

    #[test]
    fn a_request_for_the_cancer_pathway_is_never_downgraded_unseen() {
        // Reflux at 40 is A2 by the rules, but the GP asked for the two-week-wait pathway:
        // the labels stay the rules', and a consultant makes the downgrade.
        let d = decide("Priority: 2WW\n40 year old man with reflux for 3 months. No dysphagia.");
        assert_eq!(
            (d.rule, d.urgency),
            (RuleId::A2, Urgency::AdviceAndGuidance)
        );
        assert_eq!(d.decision, Decision::Review, "{}", d.reason);
        assert!(
            d.reason.contains("suspected-cancer pathway"),
            "{}",
            d.reason
        );
        assert!(!d.reason.contains("did not read"), "{}", d.reason);
        assert_eq!(d.holds, vec![Hold::CancerPathway]);
    }

    #[test]
    fn high_risk_fact_blocks_a_low_risk_rule() {
        // O6 (FIT < 10) with rectal bleeding present: routine, but a clinician looks.
        let d = decide("52 year old, PR bleeding 4 weeks, FIT <4.");
        assert_eq!(d.rule, RuleId::O6);
        assert_eq!(d.decision, Decision::Review);
        assert!(d.reason.contains("rectal_bleeding"), "{}", d.reason);
        assert_eq!(d.holds, vec![Hold::HighRiskFact]);
    }

    #[test]
    fn section_only_negation_of_a_red_flag_is_uncertain() {
        let text = "30 year old with reflux.\nPlan:\nOGD if dysphagia\n";
        let d = decide(text);
        // "if" beside it makes it hypothetical: fine.
        assert_eq!(d.decision, Decision::AutoRoute, "{}", d.reason);
        let text = "30 year old with reflux.\nPMH:\nrectal bleeding\n";
        let d = decide(text);
        assert_eq!(d.rule, RuleId::A2);
        assert_eq!(d.decision, Decision::Review, "{}", d.reason);
        assert!(d.reason.contains("section heading"), "{}", d.reason);
        assert_eq!(d.holds, vec![Hold::WeakEvidence]);
    }

    #[test]
    fn a_red_flag_after_a_semicolon_negation_is_never_auto_routed() {
        // "No dysphagia; PR bleeding": the bleeding may be denied or reported. Not auto-routed.
        let d = decide("30 year old with reflux for 2 months. No dysphagia; PR bleeding.\n");
        assert_eq!(d.decision, Decision::Review, "{}", d.reason);
        assert!(d.reason.contains("semicolon"), "{}", d.reason);
        let d = decide("30 year old with reflux for 2 months. No dysphagia; no PR bleeding.\n");
        assert!(!d.reason.contains("semicolon"), "{}", d.reason);
    }

    #[test]
    fn an_old_red_flag_result_with_nothing_newer_goes_to_review() {
        let old = "Dear Dr, Mrs A, 45, ulcerative colitis in remission on mesalazine, well. \
                   Faecal calprotectin was 820 ug/g in 2021 during her last flare. She asks \
                   whether she can stop mesalazine. Bowels normal, no bleeding.";
        let d = decide(old);
        // The labels follow the rules (the old value decides nothing) ...
        assert_eq!(
            (d.urgency, d.rule),
            (Urgency::AdviceAndGuidance, RuleId::O3)
        );
        // ... but nothing in the letter says the flare's value was superseded.
        assert_eq!(d.decision, Decision::Review);
        assert!(
            d.reason
                .contains("no newer result of the same test: calprotectin"),
            "{}",
            d.reason
        );
        let superseded = old.replace(
            "last flare.",
            "last flare; calprotectin 45 ug/g last month.",
        );
        let d = decide(&superseded);
        assert_eq!(d.decision, Decision::AutoRoute, "{}", d.reason);
    }

    #[test]
    fn unfamiliar_letters_go_to_review() {
        let d = decide("Reflux. Please see.");
        assert_eq!(d.decision, Decision::Review);
        assert!(d.reason.contains("no age found"), "{}", d.reason);
    }

    #[test]
    fn encoder_roles_parse_and_without_the_encoder_send_to_review() {
        assert_eq!("escalate".parse::<ModelRole>(), Ok(ModelRole::Escalate));
        assert_eq!("Fallback".parse::<ModelRole>(), Ok(ModelRole::Fallback));
        assert_eq!(
            "escalate-fallback".parse::<ModelRole>(),
            Ok(ModelRole::EscalateFallback)
        );
        assert!("always".parse::<ModelRole>().is_err());
        let mut decider = Decider::rules_only();
        decider.set_model_role(ModelRole::Escalate);
        let d = decider
            .decide("34 year old woman with reflux for 2 months, no dysphagia, no weight loss.")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.rule, RuleId::A2);
        assert_eq!(d.decision, Decision::Review, "{}", d.reason);
        assert!(d.reason.contains("needs the encoder"), "{}", d.reason);
    }
}
