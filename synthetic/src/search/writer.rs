//! The page templates of the synthetic corpus: letters, summaries, results.

use chrono::{Datelike, NaiveDate};

use super::vocabulary::{
    Condition, CLOSINGS, CONDITIONS, CONSULTANTS, FILLER, GPS, SOCIAL, SURNAMES,
};
use super::{Kind, Patient};
use types::rng::Rng;

pub(super) struct Writer<'a> {
    pub patient: &'a Patient,
    pub date: NaiveDate,
    pub main: &'static Condition,
    pub other: &'static Condition,
}

impl Writer<'_> {
    pub(super) fn page(&self, rng: &mut Rng, kind: Kind, number: usize, of: usize) -> String {
        let mut text = String::with_capacity(2_400);
        if number == 1 {
            self.header(rng, kind, &mut text);
            match kind {
                Kind::Referral => self.referral(rng, &mut text),
                Kind::Clinic => self.clinic(rng, &mut text),
                Kind::Discharge => self.discharge(rng, &mut text),
                Kind::Results => self.results(rng, &mut text),
                Kind::Other => self.other_page(rng, &mut text),
            }
        } else {
            text.push_str(&format!(
                "{} {} NHS No {} (continued)\n\n",
                self.patient.first_name,
                self.patient.surname,
                spaced_nhs(&self.patient.nhs_number)
            ));
            match kind {
                Kind::Results => self.results(rng, &mut text),
                _ => self.continuation(rng, &mut text),
            }
        }
        text.push_str(&format!("\nPage {number} of {of}\n"));
        text
    }

    fn header(&self, rng: &mut Rng, kind: Kind, text: &mut String) {
        let title = match kind {
            Kind::Referral => "REFERRAL LETTER",
            Kind::Clinic => "OUTPATIENT CLINIC LETTER",
            Kind::Discharge => "DISCHARGE SUMMARY",
            Kind::Results => "LABORATORY RESULTS",
            Kind::Other => "CORRESPONDENCE",
        };
        let p = self.patient;
        text.push_str(&format!(
            "{title}\nDate: {}\nRe: {} {}  DOB: {:02}/{:02}/{}  NHS No: {}\n\n",
            self.date.format("%d/%m/%Y"),
            p.first_name,
            p.surname.to_uppercase(),
            1 + rng.below(28),
            1 + rng.below(12),
            p.birth_year,
            spaced_nhs(&p.nhs_number)
        ));
    }

    fn age(&self) -> i32 {
        (self.date.year() - self.patient.birth_year).max(18)
    }

    fn person(&self) -> &'static str {
        if self.patient.male {
            "man"
        } else {
            "woman"
        }
    }

    fn pronoun(&self) -> &'static str {
        if self.patient.male {
            "He"
        } else {
            "She"
        }
    }

    fn referral(&self, rng: &mut Rng, text: &mut String) {
        let c = self.main;
        text.push_str(&format!(
            "Dear Dr {},\n\nThank you for seeing this {} year old {} with {} for {} {}. ",
            *rng.pick(CONSULTANTS),
            self.age(),
            self.person(),
            *rng.pick(c.symptoms),
            2 + rng.below(10),
            *rng.pick(&["weeks", "months"]),
        ));
        text.push_str(&format!(
            "{} also reports {}. I am concerned about possible {}. ",
            self.pronoun(),
            *rng.pick(c.symptoms),
            c.mention(rng)
        ));
        text.push_str(&format!(
            "Recent {} showed {}.\n\nPast medical history: {}, {}.\nMedication: {}, {}.\n",
            *rng.pick(c.investigations),
            *rng.pick(c.findings),
            self.other.mention(rng),
            *rng.pick(&[
                "hypertension",
                "HTN",
                "asthma",
                "osteoarthritis",
                "depression",
                "T2DM"
            ]),
            *rng.pick(c.treatments),
            *rng.pick(self.other.treatments),
        ));
        self.filler(rng, text, 10, 10);
        text.push_str(&format!(
            "\nI would be grateful for your assessment and consideration of {}.\n\n{}\nDr {}, General Practitioner\n",
            *rng.pick(c.investigations),
            *rng.pick(CLOSINGS),
            *rng.pick(GPS)
        ));
    }

    fn clinic(&self, rng: &mut Rng, text: &mut String) {
        let c = self.main;
        text.push_str(&format!(
            "{} Clinic\n\nDiagnoses:\n1. {}\n2. {}\n\nPlan:\n- {}\n- {}\n- Review in {} months\n\n",
            c.specialty,
            c.mention(rng),
            self.other.mention(rng),
            *rng.pick(c.investigations),
            *rng.pick(c.treatments),
            3 + rng.below(9)
        ));
        text.push_str(&format!(
            "Dear Dr {},\n\nI saw {} {} in the {} clinic today. {} was referred with {}. ",
            *rng.pick(GPS),
            if self.patient.male { "Mr" } else { "Mrs" },
            self.patient.surname,
            c.specialty.to_lowercase(),
            self.pronoun(),
            *rng.pick(c.symptoms)
        ));
        text.push_str(&format!(
            "The {} showed {}, in keeping with {}. We discussed {} and {} is keen to proceed. ",
            *rng.pick(c.investigations),
            *rng.pick(c.findings),
            c.mention(rng),
            *rng.pick(c.treatments),
            self.pronoun().to_lowercase()
        ));
        self.filler(rng, text, 10, 12);
        text.push_str(&format!(
            "\n\n{}\n\nDr {}, Consultant\n",
            *rng.pick(CLOSINGS),
            *rng.pick(CONSULTANTS)
        ));
    }

    fn discharge(&self, rng: &mut Rng, text: &mut String) {
        let c = self.main;
        let stay = 1 + rng.below(14) as i64;
        text.push_str(&format!(
            "Admission date: {}\nDischarge date: {}\nWard: {}\n\nPresenting complaint: {}\nDiagnosis: {}\nCo-morbidities: {}\n\n",
            (self.date - chrono::Duration::days(stay)).format("%d/%m/%Y"),
            self.date.format("%d/%m/%Y"),
            *rng.pick(&["AMU", "Ward 12", "Ward 7B", "Surgical Assessment Unit", "Respiratory Ward", "CCU"]),
            *rng.pick(c.symptoms),
            c.mention(rng),
            self.other.mention(rng)
        ));
        text.push_str(&format!(
            "Summary: admitted with {}. {} showed {}. Treated with {}. ",
            *rng.pick(c.symptoms),
            capitalise(rng.choose(c.investigations)),
            *rng.pick(c.findings),
            *rng.pick(c.treatments)
        ));
        self.filler(rng, text, 12, 12);
        text.push_str(&format!(
            "\n\nMedications on discharge: {}, {}, paracetamol 1 g QDS PRN.\nFollow up: {}.\n",
            *rng.pick(c.treatments),
            *rng.pick(self.other.treatments),
            *rng.pick(&[
                "GP review in 2 weeks",
                "clinic in 6 weeks",
                "no hospital follow up",
                "2WW clinic"
            ])
        ));
    }

    fn results(&self, rng: &mut Rng, text: &mut String) {
        text.push_str(&format!(
            "Requested by: Dr {}   Sample received: {}\n\n",
            *rng.pick(GPS),
            self.date.format("%d/%m/%Y")
        ));
        let anaemic = self.main.name.contains("anaemia") || rng.chance(0.2);
        let rows: [(&str, f64, f64, &str, &str); 16] = [
            (
                "Haemoglobin",
                if anaemic { 85.0 } else { 128.0 },
                25.0,
                "g/L",
                "(130-180)",
            ),
            ("White cell count", 7.5, 3.0, "x10^9/L", "(4.0-11.0)"),
            ("Platelets", 260.0, 90.0, "x10^9/L", "(150-400)"),
            (
                "MCV",
                if anaemic { 74.0 } else { 90.0 },
                6.0,
                "fL",
                "(80-100)",
            ),
            (
                "Ferritin",
                if anaemic { 9.0 } else { 90.0 },
                8.0,
                "ug/L",
                "(30-400)",
            ),
            ("CRP", 12.0, 20.0, "mg/L", "(<5)"),
            ("Sodium", 138.0, 4.0, "mmol/L", "(133-146)"),
            ("Potassium", 4.3, 0.6, "mmol/L", "(3.5-5.3)"),
            ("Urea", 6.0, 3.0, "mmol/L", "(2.5-7.8)"),
            ("Creatinine", 85.0, 30.0, "umol/L", "(59-104)"),
            ("eGFR", 75.0, 20.0, "mL/min/1.73m2", "(>90)"),
            ("ALT", 30.0, 25.0, "U/L", "(<41)"),
            ("ALP", 95.0, 40.0, "U/L", "(30-130)"),
            ("Bilirubin", 10.0, 8.0, "umol/L", "(<21)"),
            ("HbA1c", 45.0, 15.0, "mmol/mol", "(<42)"),
            ("TSH", 2.1, 1.5, "mU/L", "(0.3-4.2)"),
        ];
        for (name, centre, spread, unit, range) in rows {
            if rng.chance(0.8) {
                let value = centre + (rng.below(2001) as f64 / 1000.0 - 1.0) * spread;
                text.push_str(&format!(
                    "{name:<18} {:>7.1} {unit:<14} {range}\n",
                    value.max(0.1)
                ));
            }
        }
        text.push_str(&format!(
            "\nComment: {}\nAuthorised by: {} Biomedical Scientist\n",
            *rng.pick(self.main.result_comments),
            *rng.pick(SURNAMES)
        ));
    }

    fn other_page(&self, rng: &mut Rng, text: &mut String) {
        text.push_str(&format!(
            "Dear {} {},\n\nYour appointment in the {} clinic has been {}. ",
            if self.patient.male { "Mr" } else { "Mrs" },
            self.patient.surname,
            self.main.specialty,
            *rng.pick(&[
                "booked",
                "rescheduled",
                "cancelled by the hospital",
                "confirmed"
            ])
        ));
        text.push_str("Please bring a list of your medications. ");
        self.filler(rng, text, 2, 3);
        text.push_str("\n\nOutpatient Booking Office\n");
    }

    fn continuation(&self, rng: &mut Rng, text: &mut String) {
        text.push_str(&format!(
            "Social history: {}\n\nExamination: {}. {}\n\n",
            *rng.pick(SOCIAL),
            *rng.pick(&[
                "alert and orientated, comfortable at rest",
                "pale, no lymphadenopathy",
                "abdomen soft, mildly tender in the left iliac fossa",
                "heart sounds normal, chest clear",
                "bilateral pitting oedema to the mid shin",
                "BMI 31, BP 148/92, pulse 88 regular",
            ]),
            capitalise(rng.choose(self.main.findings)),
        ));
        self.filler(rng, text, 18, 16);
        text.push_str(&format!(
            "\n\nActions: {}; {}.\ncc: Patient; Dr {}\n",
            *rng.pick(self.main.investigations),
            *rng.pick(self.main.treatments),
            *rng.pick(GPS)
        ));
    }

    /// Background sentences: stock phrases, and history drawn from any condition's
    /// symptoms, tests and treatments (never its name, so the ground truth stays true).
    fn filler(&self, rng: &mut Rng, text: &mut String, at_least: usize, up_to_more: usize) {
        let sentences = at_least + rng.below(up_to_more + 1);
        for _ in 0..sentences {
            let any = rng.pick(CONDITIONS);
            match rng.below(6) {
                0 => text.push_str(&format!(
                    "In {} {} reported {} which settled.",
                    self.date.year() - 1 - rng.below(5) as i32,
                    self.pronoun().to_lowercase(),
                    *rng.pick(any.symptoms)
                )),
                1 => text.push_str(&format!(
                    "A previous {} was reported as normal.",
                    *rng.pick(any.investigations)
                )),
                2 => text.push_str(&format!(
                    "{} was stopped because of side effects.",
                    capitalise(rng.choose(any.treatments))
                )),
                _ => text.push_str(rng.choose(FILLER)),
            }
            text.push(' ');
        }
    }
}

impl Condition {
    /// The condition as a clinician might write it: in full, abbreviated, or US-spelt.
    fn mention(&self, rng: &mut Rng) -> &'static str {
        match (self.abbreviation, self.us_spelling) {
            (Some(abbreviation), _) if rng.chance(0.4) => abbreviation,
            (_, Some(us)) if rng.chance(0.1) => us,
            _ => self.name,
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn spaced_nhs(nhs: &str) -> String {
    if nhs.len() == 10 && nhs.is_ascii() {
        format!("{} {} {}", &nhs[..3], &nhs[3..6], &nhs[6..])
    } else {
        nhs.to_string()
    }
}
