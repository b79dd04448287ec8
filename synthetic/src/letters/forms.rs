//! The letter forms and their layout variants (the newer forms are in [`super::more_forms`]).

use std::fmt::Write as _;

use chrono::Datelike;

use super::content::{Content, Writer};
use super::more_forms as mf;
use super::phrases::{self as ph, capitalise};
use triage::facts::{ClinicalFacts, Finding, Sex};
use triage::labelled::{LetterHeader, LetterStyle};
use triage::labels::Urgency;

/// How many layout variants a form has (variant ids are `0..variants(style)`).
pub fn variants(style: LetterStyle) -> u8 {
    match style {
        LetterStyle::ErsTemplate => 3,
        LetterStyle::DearDoctor => 4,
        LetterStyle::Terse => 3,
        LetterStyle::GpRecord => 3,
        LetterStyle::ResultsTable => 3,
        LetterStyle::TickBoxProforma => 3,
        LetterStyle::Dictated => 3,
        LetterStyle::SoapNote => 3,
        LetterStyle::NurseBullets => 3,
        LetterStyle::GpSystemExport => 3,
        LetterStyle::Handwritten => 3,
        LetterStyle::Continuation => 3,
        LetterStyle::LongHistory => 3,
    }
}

/// Writes one letter in `style`/`variant`.
pub fn render(
    w: &mut Writer,
    style: LetterStyle,
    variant: u8,
    facts: &ClinicalFacts,
    header: &LetterHeader,
    c: &Content,
) -> String {
    match style {
        LetterStyle::ErsTemplate => ers(w, variant, facts, header, c),
        LetterStyle::DearDoctor => dear_doctor(w, variant, header, c),
        LetterStyle::Terse => terse(w, variant, facts, header, c),
        LetterStyle::GpRecord => gp_record(w, variant, header, c),
        LetterStyle::ResultsTable => results_table(w, variant, header, c),
        LetterStyle::TickBoxProforma => mf::tick_box(w, variant, facts, header, c),
        LetterStyle::Dictated => mf::dictated(w, variant, facts, header, c),
        LetterStyle::SoapNote => mf::soap(w, variant, facts, header, c),
        LetterStyle::NurseBullets => mf::nurse_bullets(w, variant, facts, header, c),
        LetterStyle::GpSystemExport => mf::gp_export(w, variant, facts, header, c),
        LetterStyle::Handwritten => mf::handwritten(w, variant, facts, header, c),
        LetterStyle::Continuation => mf::continuation(w, variant, header, c),
        LetterStyle::LongHistory => mf::long_history(w, variant, header, c),
    }
}

pub(super) fn sex_word(c: &Content) -> &'static str {
    match c.sex {
        Sex::Female => "Female",
        Sex::Male => "Male",
    }
}

pub(super) fn priority_field(p: Option<Urgency>) -> &'static str {
    match p {
        Some(Urgency::UrgentSuspectedCancer) => "Urgent Suspected Cancer (2WW)",
        Some(Urgency::Urgent) => "Urgent",
        Some(Urgency::Routine) => "Routine",
        Some(Urgency::AdviceAndGuidance) => "Advice and Guidance",
        None => "Not specified",
    }
}

pub(super) fn lab_list(c: &Content) -> String {
    c.labs
        .iter()
        .map(|l| l.inline.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// History, background, negatives and distractors as one block of prose.
pub(super) fn story(w: &mut Writer, c: &Content, year: i32) -> Vec<String> {
    let mut s = c.history_sentences(w);
    s.extend(c.background_sentences(w));
    s.extend(c.negative_sentences(w));
    s.extend(c.distractor_sentences(w, year));
    s
}

fn ers(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let _ = writeln!(t, "NHS e-Referral Service - Referral Letter");
    let _ = writeln!(
        t,
        "UBRN: {:04} {:04} {:04}",
        w.rng.below(10_000),
        w.rng.below(10_000),
        w.rng.below(10_000)
    );
    let _ = writeln!(t, "Service: Gastroenterology");
    let _ = writeln!(t, "Priority: {}", priority_field(c.gp_priority));
    let _ = writeln!(t, "Referral date: {}", w.date(h.letter_date));
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "Patient: {}, {} ({})",
        h.surname.to_uppercase(),
        h.first_name,
        h.title
    );
    let _ = writeln!(t, "NHS number: {}", h.nhs_number);
    let dob = w.date(h.date_of_birth);
    if c.age_stated {
        let _ = writeln!(
            t,
            "Date of birth: {dob}   Age: {}   Sex: {}",
            c.age,
            sex_word(c)
        );
    } else {
        let _ = writeln!(t, "Date of birth: {dob}   Sex: {}", sex_word(c));
    }
    let _ = writeln!(
        t,
        "Registered practice: {} ({})",
        h.practice_name, h.practice_code
    );
    let _ = writeln!(t, "Referring clinician: {}", h.gp_name);
    let _ = writeln!(t);
    match variant {
        0 => {
            let _ = writeln!(t, "Presenting complaint:");
            let mut hist = c.history_sentences(w);
            if hist.is_empty() {
                hist.push(format!("{} is asymptomatic.", c.p.sub_cap));
            }
            let _ = writeln!(t, "{}", hist.join(" "));
            let exam = c.exam_sentences(w);
            if !exam.is_empty() {
                let _ = writeln!(t, "\nExamination:\n{}", exam.join(" "));
            }
            let mut rel = c.background_sentences(w);
            rel.extend(c.negative_sentences(w));
            rel.extend(c.distractor_sentences(w, year));
            if !rel.is_empty() {
                let _ = writeln!(t, "\nRelevant history:\n{}", rel.join(" "));
            }
            if !c.labs.is_empty() {
                let _ = writeln!(t, "\nInvestigations:\n{}", capitalise(&lab_list(c)));
            }
        }
        1 => {
            // The e-RS "Clinical Information" export: free-text boxes under their captions.
            let _ = writeln!(t, "Clinical Information");
            let _ = writeln!(t, "--------------------");
            let mut s = story(w, c, year);
            s.extend(c.exam_sentences(w));
            if s.is_empty() {
                s.push(format!("{} is well in {}self.", c.p.sub_cap, c.p.obj));
            }
            let _ = writeln!(t, "{}", s.join(" "));
            if !c.labs.is_empty() {
                let _ = writeln!(t, "\nTest Results");
                let _ = writeln!(t, "------------");
                for l in &c.labs {
                    let _ = writeln!(t, "{}", capitalise(&l.inline));
                }
            }
        }
        _ => {
            // Headed fields, one a line, the reason as a short list.
            let bits = short_findings(w, facts, c);
            let _ = writeln!(t, "Presenting problems: {}", bits.join(", "));
            let mut hist = c.history_sentences(w);
            hist.extend(c.background_sentences(w));
            if hist.is_empty() {
                hist.push("As above.".to_string());
            }
            let _ = writeln!(t, "History of presenting complaint: {}", hist.join(" "));
            let exam = c.exam_sentences(w);
            let _ = writeln!(
                t,
                "Examination findings: {}",
                if exam.is_empty() {
                    "Not examined.".to_string()
                } else {
                    exam.join(" ")
                }
            );
            let mut other = c.negative_sentences(w);
            other.extend(c.distractor_sentences(w, year));
            if !other.is_empty() {
                let _ = writeln!(t, "Other relevant information: {}", other.join(" "));
            }
            if !c.labs.is_empty() {
                let _ = writeln!(t, "Relevant test results: {}", lab_list(c));
            }
        }
    }
    let pmh = if c.pmh.is_empty() {
        "Nil of note".to_string()
    } else {
        c.pmh.join(", ")
    };
    let meds = if c.meds.is_empty() {
        "None".to_string()
    } else {
        c.meds.join("; ")
    };
    let _ = writeln!(t, "\nPast medical history: {pmh}");
    let _ = writeln!(t, "Current medication: {meds}");
    let _ = writeln!(t, "\nReason for referral:\n{}", c.request_sentence(w));
    t
}

fn dear_doctor(w: &mut Writer, variant: u8, h: &LetterHeader, c: &Content) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let _ = writeln!(t, "{}", h.practice_name);
    let _ = writeln!(t, "Practice code {}", h.practice_code);
    let _ = writeln!(t, "{}\n", w.date(h.letter_date));
    let salutation = *w.rng.pick(&[
        "Dear Doctor,",
        "Dear Colleague,",
        "Dear Gastroenterology team,",
        "Dear Dr Evans,",
    ]);
    let _ = writeln!(t, "{salutation}\n");
    let dob = w.date(h.date_of_birth);
    let _ = writeln!(
        t,
        "Re: {}  DOB {dob}  NHS No. {}\n",
        h.full_name(),
        h.nhs_number
    );
    let who = c.age_sex(w);
    let intro = match w.rng.below(3) {
        0 => format!("Thank you for seeing this {who}."),
        1 => format!("I would be grateful for your opinion on this {who}."),
        _ => format!(
            "Many thanks for reviewing {} {}, {} {who}.",
            h.title,
            h.surname,
            ph::article(&who)
        ),
    };
    let labs = lab_list(c);
    let mut body = String::new();
    match variant {
        1 => {
            let _ = writeln!(body, "{intro}\n");
            let hist = story(w, c, year);
            let _ = writeln!(
                body,
                "History: {}\n",
                if hist.is_empty() {
                    "Asymptomatic.".to_string()
                } else {
                    hist.join(" ")
                }
            );
            let exam = c.exam_sentences(w);
            if !exam.is_empty() {
                let _ = writeln!(body, "Examination: {}\n", exam.join(" "));
            }
            if !labs.is_empty() {
                let _ = writeln!(body, "Investigations: {}.\n", capitalise(&labs));
            }
            let _ = writeln!(body, "Plan: {}", c.request_sentence(w));
        }
        2 => {
            let mut s = vec![intro];
            s.extend(c.history_sentences(w));
            s.extend(c.exam_sentences(w));
            if !labs.is_empty() {
                let verb = *w
                    .rng
                    .pick(&["Recent bloods showed", "Results:", "Tests show"]);
                s.push(format!("{verb} {labs}."));
            }
            s.extend(c.background_sentences(w));
            s.extend(c.negative_sentences(w));
            s.extend(c.distractor_sentences(w, year));
            if !c.pmh.is_empty() {
                s.push(format!(
                    "{} past history includes {}.",
                    c.p.pos_cap,
                    c.pmh.join(", ")
                ));
            }
            s.push(c.request_sentence(w));
            let _ = writeln!(body, "{}", s.join(" "));
        }
        _ => {
            let mut para1 = vec![intro];
            para1.extend(c.history_sentences(w));
            para1.extend(c.exam_sentences(w));
            let _ = writeln!(body, "{}\n", para1.join(" "));
            let mut para2 = c.background_sentences(w);
            para2.extend(c.negative_sentences(w));
            if !labs.is_empty() {
                para2.push(format!("Bloods: {labs}."));
            }
            para2.extend(c.distractor_sentences(w, year));
            if !para2.is_empty() {
                let _ = writeln!(body, "{}\n", para2.join(" "));
            }
            let _ = writeln!(body, "{}", c.request_sentence(w));
        }
    }
    if variant == 3 {
        body = wrap(&body, 72);
    }
    t.push_str(&body);
    let _ = writeln!(
        t,
        "\nYours sincerely,\n\n{}\n{}",
        h.gp_name, h.practice_name
    );
    t
}

/// Hard-wraps each paragraph line at `width` columns, as a scanned letter reads.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    for line in text.split('\n') {
        let mut col = 0;
        for (i, word) in line.split(' ').enumerate() {
            if i > 0 {
                if col + 1 + word.len() > width {
                    out.push('\n');
                    col = 0;
                } else {
                    out.push(' ');
                    col += 1;
                }
            }
            out.push_str(word);
            col += word.len();
        }
        out.push('\n');
    }
    out.pop();
    out
}

fn terse(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let dob = w.date(h.date_of_birth);
    let date = w.date(h.letter_date);
    let line1 = match variant {
        0 => format!(
            "Re: {} {}, NHS {}, DOB {dob}, {} ({}), {date}",
            h.title, h.surname, h.nhs_number, h.practice_name, h.practice_code
        ),
        1 => format!(
            "{date} | {} | {} | DOB {dob} | {} {}",
            h.nhs_number,
            h.full_name(),
            h.practice_code,
            h.practice_name
        ),
        _ => format!(
            "From {} ({}) {date} re {} {} DOB {dob} NHS no {}",
            h.practice_name, h.practice_code, h.title, h.surname, h.nhs_number
        ),
    };
    let mut bits = short_findings(w, facts, c);
    if let Some(f) = c.negatives.first() {
        if let Some(n) = ph::nouns(*f).first() {
            bits.push(format!("no {n}"));
        }
    }
    let who = if c.age_stated {
        let mf = if c.sex == Sex::Female { "F" } else { "M" };
        match w.rng.below(3) {
            0 => format!("{}{mf}", c.age),
            1 => format!(
                "{}yo {}",
                c.age,
                if c.sex == Sex::Female { "F" } else { "M" }
            ),
            _ => format!("{} {}, {}y", h.title, h.surname, c.age),
        }
    } else {
        format!("{} {}", h.title, h.surname)
    };
    let labs = lab_list(c);
    let ask = match c.gp_priority {
        Some(Urgency::UrgentSuspectedCancer) => {
            *w.rng
                .pick(&["2ww please.", "2WW pls.", "?2ww - please see."])
        }
        Some(Urgency::Urgent) => *w.rng.pick(&["urgent pls.", "Urgent please."]),
        Some(Urgency::Routine) => *w.rng.pick(&["routine pls.", "Routine OPD please."]),
        Some(Urgency::AdviceAndGuidance) => *w.rng.pick(&["A&G please.", "advice pls."]),
        None => *w.rng.pick(&["please see.", "?OGD/colonoscopy."]),
    };
    let mut line2 = format!("{who}: {}.", bits.join(", "));
    if !labs.is_empty() {
        let _ = write!(line2, " {labs}.");
    }
    let _ = write!(line2, " {ask}");
    format!("{line1}\n{line2}\n")
}

/// Every finding of the facts in short form ("PR bleed 3/12", "wt loss 6kg", "IDA"), or the
/// other complaint when there is none.
pub(super) fn short_findings(w: &mut Writer, facts: &ClinicalFacts, c: &Content) -> Vec<String> {
    let mut bits: Vec<String> = Vec::new();
    for f in facts.findings() {
        if f == Finding::PpiFourWeeks {
            continue;
        }
        bits.push(w.pick_fill(ph::positive_terse(f)));
    }
    if facts.ppi_four_weeks {
        bits.push(w.pick_fill(ph::positive_terse(Finding::PpiFourWeeks)));
    }
    if c.ida_named {
        bits.push(
            w.rng
                .pick(&["IDA", "iron deficiency anaemia", "Fe def anaemia"])
                .to_string(),
        );
    }
    if bits.is_empty() {
        bits.push(c.other_complaint.unwrap_or("nausea").to_string());
    }
    bits
}

fn gp_record(w: &mut Writer, variant: u8, h: &LetterHeader, c: &Content) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let dob = w.date(h.date_of_birth);
    let date = w.date(h.letter_date);
    let sexc = if c.sex == Sex::Female { "F" } else { "M" };
    match variant {
        0 => {
            let _ = writeln!(t, "{} ({})", h.practice_name, h.practice_code);
            let _ = writeln!(
                t,
                "Patient: {}, {} ({})   NHS No: {}",
                h.surname.to_uppercase(),
                h.first_name,
                h.title,
                h.nhs_number
            );
            if c.age_stated {
                let _ = writeln!(t, "DOB: {dob}   Age: {}y   Sex: {sexc}", c.age);
            } else {
                let _ = writeln!(t, "DOB: {dob}   Sex: {sexc}");
            }
            let _ = writeln!(t, "Consultation date: {date}   Clinician: {}\n", h.gp_name);
        }
        1 => {
            let _ = writeln!(
                t,
                "SUMMARY RECORD - {} - {}",
                h.practice_name.to_uppercase(),
                h.practice_code
            );
            let _ = writeln!(
                t,
                "{} {} {}  DOB {dob}  {}  NHS {}",
                h.title,
                h.first_name,
                h.surname,
                sex_word(c),
                h.nhs_number
            );
            let _ = writeln!(t, "Printed: {date}\n");
        }
        _ => {
            let _ = writeln!(t, "Name: {}   Gender: {}", h.full_name(), sex_word(c));
            let _ = writeln!(t, "Date of Birth: {dob}   NHS Number: {}", h.nhs_number);
            let _ = writeln!(
                t,
                "Usual GP: {}   Practice: {} [{}]",
                h.gp_name, h.practice_name, h.practice_code
            );
            let _ = writeln!(t, "Date: {date}\n");
        }
    }
    let mut hist = Vec::new();
    if c.age_stated && variant != 0 {
        hist.push(format!("{}.", capitalise(&c.age_sex(w))));
    }
    hist.extend(story(w, c, year));
    if hist.is_empty() {
        hist.push("Asymptomatic, attends to discuss referral.".to_string());
    }
    let _ = writeln!(t, "History: {}", hist.join(" "));
    let exam = c.exam_sentences(w);
    if !exam.is_empty() {
        let _ = writeln!(t, "Examination: {}", exam.join(" "));
    }
    let _ = writeln!(t, "\nProblems:");
    if c.pmh.is_empty() {
        let _ = writeln!(t, "  Active: none recorded");
    }
    for p in &c.pmh {
        let _ = writeln!(t, "  Active: {p}");
    }
    let _ = writeln!(t, "\nMedication:");
    if c.meds.is_empty() {
        let _ = writeln!(t, "  No current repeat medication");
    }
    for m in &c.meds {
        let _ = writeln!(t, "  {m}");
    }
    let _ = writeln!(
        t,
        "\nAllergies: {}",
        w.rng
            .pick(&["NKDA", "Penicillin - rash", "No known allergies"])
    );
    if !c.labs.is_empty() {
        let _ = writeln!(t, "\nResults:");
        for l in &c.labs {
            let _ = writeln!(t, "  {}", l.inline);
        }
    }
    let _ = writeln!(
        t,
        "\nPlan: Refer gastroenterology. {}",
        c.request_sentence(w)
    );
    t
}

fn results_table(w: &mut Writer, variant: u8, h: &LetterHeader, c: &Content) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    let _ = writeln!(t, "{} ({})", h.practice_name, h.practice_code);
    let _ = writeln!(t, "Date: {date}");
    let _ = writeln!(
        t,
        "Re: {}, DOB {dob}, NHS number {}\n",
        h.full_name(),
        h.nhs_number
    );
    let who = c.age_sex(w);
    let mut s = vec![format!("Dear colleague, please see this {who}.")];
    s.extend(story(w, c, year));
    s.extend(c.exam_sentences(w));
    let _ = writeln!(t, "{}\n", s.join(" "));
    let mut rows: Vec<(String, String, String, String)> = c
        .labs
        .iter()
        .map(|l| {
            (
                l.name.clone(),
                l.value.clone(),
                l.unit.clone(),
                l.range.clone(),
            )
        })
        .collect();
    rows.push((
        "CRP".into(),
        w.rng.range(1, 9).to_string(),
        "mg/L".into(),
        "<5".into(),
    ));
    rows.push((
        "eGFR".into(),
        w.rng.range(62, 90).to_string(),
        "mL/min".into(),
        ">60".into(),
    ));
    rows.push((
        "Platelets".into(),
        w.rng.range(160, 390).to_string(),
        "x10^9/L".into(),
        "150-400".into(),
    ));
    w.rng.shuffle(&mut rows);
    let _ = writeln!(t, "Recent results ({date}):");
    match variant {
        0 => {
            let _ = writeln!(t, "{:<28}{:<14}{:<12}Ref range", "Test", "Result", "Units");
            for (n, v, u, r) in &rows {
                let _ = writeln!(t, "{n:<28}{v:<14}{u:<12}{r}");
            }
        }
        1 => {
            let _ = writeln!(t, "| Test | Result | Units | Range |");
            let _ = writeln!(t, "|---|---|---|---|");
            for (n, v, u, r) in &rows {
                let _ = writeln!(t, "| {n} | {v} | {u} | {r} |");
            }
        }
        _ => {
            for (n, v, u, r) in &rows {
                let _ = writeln!(t, "{n}: {v} {u} (ref {r})");
            }
        }
    }
    let _ = writeln!(t, "\n{}", c.request_sentence(w));
    let _ = writeln!(t, "{}", h.gp_name);
    t
}
