//! The letter forms of a real inbox beyond the first five: tick-box proformas, dictated
//! letters, SOAP notes, nurse practitioners' bullet lists, GP-system exports, handwritten
//! notes as scanned, letters split over pages and letters with long medication and problem
//! lists. Each writes every finding of the facts as present at least once, and nothing else as
//! present: other red-flag words come negated, as a relative's, resolved or hypothetical.

use std::fmt::Write as _;

use chrono::Datelike;
use triage::facts::{ClinicalFacts, Finding, Sex};
use triage::labelled::LetterHeader;
use triage::labels::Urgency;

use super::content::{Content, Writer};
use super::forms::{lab_list, priority_field, sex_word, short_findings, story, wrap};
use super::phrases::{self as ph, capitalise};

/// Red flags a proforma asks about, and whether the facts have each.
fn proforma_items(facts: &ClinicalFacts) -> Vec<(&'static str, bool)> {
    let mut items: Vec<(&'static str, bool)> = [
        Finding::Dysphagia,
        Finding::WeightLoss,
        Finding::RectalBleeding,
        Finding::ChangeInBowelHabit,
        Finding::AbdominalMass,
        Finding::RectalMass,
        Finding::Jaundice,
        Finding::Haematemesis,
        Finding::BloodyDiarrhoea,
    ]
    .iter()
    .map(|f| (ph::field_label(*f), facts.has(*f)))
    .collect();
    items.push(("Iron deficiency anaemia", facts.ida()));
    items.push(("Family history of bowel cancer", facts.family_history_crc));
    items
}

/// A short way to write the GP's priority ("2WW", "urgent", "A&G").
fn priority_short(w: &mut Writer, p: Option<Urgency>) -> &'static str {
    match p {
        Some(Urgency::UrgentSuspectedCancer) => {
            w.rng.choose(&["2WW", "USC", "2ww", "suspected cancer"])
        }
        Some(Urgency::Urgent) => w.rng.choose(&["urgent", "Urgent", "soon"]),
        Some(Urgency::Routine) => w.rng.choose(&["routine", "Routine", "non-urgent"]),
        Some(Urgency::AdviceAndGuidance) => {
            w.rng.choose(&["A&G", "advice only", "Advice & Guidance"])
        }
        None => "not stated",
    }
}

fn patient_block(w: &mut Writer, h: &LetterHeader, c: &Content) -> String {
    let dob = w.date(h.date_of_birth);
    let mut t = format!(
        "Patient: {}   DOB: {dob}   NHS No: {}\n",
        h.full_name(),
        h.nhs_number
    );
    if c.age_stated {
        let _ = writeln!(t, "Age: {}   Sex: {}", c.age, sex_word(c));
    } else {
        let _ = writeln!(t, "Sex: {}", sex_word(c));
    }
    let _ = writeln!(
        t,
        "GP: {}, {} ({})",
        h.gp_name, h.practice_name, h.practice_code
    );
    t
}

/// A referral proforma: every red flag asked as a tick box or a Yes/No field, then free text.
pub fn tick_box(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let title = *w.rng.pick(&[
        "LOWER GI / UPPER GI REFERRAL PROFORMA",
        "Gastroenterology Referral Form",
        "Suspected GI Cancer and Gastroenterology Referral Proforma",
    ]);
    let _ = writeln!(t, "{title}");
    let _ = writeln!(t, "Date: {}", w.date(h.letter_date));
    t.push_str(&patient_block(w, h, c));
    let _ = writeln!(t, "Priority requested: {}\n", priority_field(c.gp_priority));
    let items = proforma_items(facts);
    match variant {
        0 => {
            let _ = writeln!(t, "Please answer every question:");
            let width = items.iter().map(|(l, _)| l.len()).max().unwrap_or(20) + 2;
            let mark = *w.rng.pick(&["X", "x", "✓"]);
            for (label, on) in &items {
                let (yes, no) = if *on { (mark, " ") } else { (" ", mark) };
                let _ = writeln!(t, "{label:<width$}[{yes}] Yes [{no}] No");
            }
        }
        1 => {
            let _ = writeln!(t, "Red flag screen (Y/N):");
            let yes_words = ["Y", "Yes", "YES", "y"];
            let no_words = ["N", "No", "NO", "n", "None"];
            for (label, on) in &items {
                let answer = if *on {
                    *w.rng.pick(&yes_words)
                } else {
                    *w.rng.pick(&no_words)
                };
                let sep = *w.rng.pick(&[": ", " (Y/N): ", " Y/N - ", " - "]);
                let _ = writeln!(t, "{label}{sep}{answer}");
            }
        }
        _ => {
            let _ = writeln!(t, "Symptoms and signs (tick all that apply):");
            let tick = *w.rng.pick(&["[x]", "[X]", "[✓]", "✓"]);
            let blank = if tick == "✓" { " " } else { "[ ]" };
            for (label, on) in &items {
                let _ = writeln!(t, "{} {label}", if *on { tick } else { blank });
            }
        }
    }
    let _ = writeln!(t, "\nAdditional clinical information:");
    let mut s = story(w, c, year);
    s.extend(c.exam_sentences(w));
    if s.is_empty() {
        s.push("Nil further.".to_string());
    }
    let _ = writeln!(t, "{}", s.join(" "));
    if !c.labs.is_empty() {
        let _ = writeln!(t, "\nRecent results: {}", lab_list(c));
    }
    let _ = writeln!(
        t,
        "\nCurrent medication: {}",
        if c.meds.is_empty() {
            "none".to_string()
        } else {
            c.meds.join(", ")
        }
    );
    let _ = writeln!(t, "\n{}", c.request_sentence(w));
    t
}

/// A dictated letter as a secretary types it.
pub fn dictated(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    let _ = writeln!(
        t,
        "{}\nPractice code {}\n{}",
        h.practice_name.to_uppercase(),
        h.practice_code,
        date
    );
    let _ = writeln!(
        t,
        "Our ref: {}/{}\n",
        h.gp_name.trim_start_matches("Dr ").replace(' ', ""),
        w.rng.range(100, 999)
    );
    let _ = writeln!(t, "The Gastroenterology Department\n");
    let _ = writeln!(
        t,
        "Dear {},\n",
        w.rng
            .pick(&["Doctor", "Colleague", "Consultant", "Sir/Madam"])
    );
    let _ = writeln!(t, "Re: {}, DOB {dob}, NHS {}", h.full_name(), h.nhs_number);
    if variant == 1 {
        // Problem line: the findings in short, in the secretary's capitals.
        let bits = short_findings(w, facts, c);
        let _ = writeln!(t, "Problem: {}", bits.join(", ").to_uppercase());
    }
    t.push('\n');
    let who = c.age_sex(w);
    let open = match w.rng.below(3) {
        0 => format!("Thank you very much for seeing this {who} whom I saw in surgery today."),
        1 => format!("I would be grateful if you would see this pleasant {who}."),
        _ => format!("I saw this {who} in clinic today and would value your opinion."),
    };
    let mut para1 = vec![open];
    para1.extend(c.history_sentences(w));
    let mut para2 = c.background_sentences(w);
    para2.extend(c.negative_sentences(w));
    para2.extend(c.exam_sentences(w));
    if !c.labs.is_empty() {
        let lead = *w.rng.pick(&[
            "Recent blood tests showed",
            "Investigations so far:",
            "His bloods showed",
            "Bloods done last week showed",
        ]);
        let lead = if c.sex == Sex::Female {
            lead.replace("His", "Her")
        } else {
            lead.to_string()
        };
        para2.push(format!("{lead} {}.", lab_list(c)));
    }
    para2.extend(c.distractor_sentences(w, year));
    if !c.pmh.is_empty() {
        para2.push(format!(
            "Past history of {}.",
            c.pmh.join(", ").to_lowercase()
        ));
    }
    let _ = writeln!(t, "{}\n", para1.join(" "));
    if !para2.is_empty() {
        let _ = writeln!(t, "{}\n", para2.join(" "));
    }
    let _ = writeln!(t, "{}\n", c.request_sentence(w));
    let _ = writeln!(t, "Yours sincerely,\n\n\n{}", h.gp_name);
    let typist = *w.rng.pick(&["jb", "SK", "mh", "LT"]);
    let initials: String = h
        .gp_name
        .split(' ')
        .skip(1)
        .filter_map(|p| p.chars().next())
        .collect();
    match variant {
        2 => {
            let _ = writeln!(
                t,
                "\nDictated but not checked to avoid delay.\n{initials}/{typist}\ncc: patient"
            );
        }
        _ => {
            let _ = writeln!(t, "\nD: {date}  T: {date}\n{initials}/{typist}");
        }
    }
    t
}

/// A registrar's SOAP note.
pub fn soap(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    let _ = writeln!(
        t,
        "{} - {} - consultation {}",
        h.practice_name, h.practice_code, date
    );
    let _ = writeln!(t, "{}  DOB {dob}  NHS {}", h.full_name(), h.nhs_number);
    let mut subjective = Vec::new();
    if c.age_stated {
        let mf = if c.sex == Sex::Female { "F" } else { "M" };
        subjective.push(format!("{}{mf}.", c.age));
    }
    subjective.extend(c.history_sentences(w));
    subjective.extend(c.background_sentences(w));
    subjective.extend(c.negative_sentences(w));
    subjective.extend(c.distractor_sentences(w, year));
    let mut objective = c.exam_sentences(w);
    objective.push(format!(
        "BP {}/{}, HR {}, T {}.{}.",
        w.rng.range(112, 158),
        w.rng.range(64, 92),
        w.rng.range(58, 96),
        w.rng.range(36, 37),
        w.rng.range(0, 8)
    ));
    if !c.labs.is_empty() {
        objective.push(format!("Bloods: {}.", lab_list(c)));
    }
    let bits = short_findings(w, facts, c);
    let assessment = format!(
        "{}. {}",
        capitalise(&bits.join(" + ")),
        w.rng.pick(&[
            "Needs specialist assessment.",
            "For gastro opinion.",
            "Discussed with my trainer.",
            "Cause unclear.",
        ])
    );
    let mut plan = vec![c.request_sentence(w)];
    plan.push(
        w.rng
            .pick(&[
                "Bloods repeated today.",
                "Reviewed with supervising GP.",
                "Pt aware of referral.",
            ])
            .to_string(),
    );
    let (s_, o_, a_, p_) = match variant {
        0 => ("S: ", "O: ", "A: ", "P: "),
        1 => ("Subjective:\n", "Objective:\n", "Assessment:\n", "Plan:\n"),
        _ => ("Hx: ", "O/E: ", "Imp: ", "Plan: "),
    };
    let _ = writeln!(t, "\n{s_}{}", subjective.join(" "));
    let _ = writeln!(t, "{o_}{}", objective.join(" "));
    let _ = writeln!(t, "{a_}{assessment}");
    let _ = writeln!(t, "{p_}{}", plan.join(" "));
    let _ = writeln!(
        t,
        "\n{}, {}",
        w.rng
            .pick(&["Dr P Okoro", "Dr L Fraser", "Dr N Shah", "Dr T Brennan"]),
        w.rng
            .pick(&["GP Registrar (ST3)", "GPST2", "GP trainee", "Registrar"])
    );
    t
}

/// A nurse practitioner's bullet list.
pub fn nurse_bullets(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let bullet = match variant {
        0 => "- ",
        1 => "• ",
        _ => "* ",
    };
    let _ = writeln!(t, "{} ({})", h.practice_name, h.practice_code);
    let _ = writeln!(
        t,
        "Referral to gastroenterology - {}",
        w.date(h.letter_date)
    );
    t.push_str(&patient_block(w, h, c));
    let _ = writeln!(t, "\nPresenting problems:");
    let prose = w.rng.chance(0.5);
    if prose {
        let mut hist = c.history_sentences(w);
        hist.extend(c.exam_sentences(w));
        hist.extend(c.background_sentences(w));
        for s in hist {
            let _ = writeln!(t, "{bullet}{s}");
        }
    } else {
        for b in short_findings(w, facts, c) {
            let _ = writeln!(t, "{bullet}{b}");
        }
    }
    let negs = c.negative_sentences(w);
    let dis = c.distractor_sentences(w, year);
    if !negs.is_empty() || !dis.is_empty() {
        let _ = writeln!(t, "\nAlso:");
        for s in negs.iter().chain(dis.iter()) {
            let _ = writeln!(t, "{bullet}{s}");
        }
    }
    if !c.labs.is_empty() {
        let _ = writeln!(t, "\nResults:");
        for l in &c.labs {
            let _ = writeln!(t, "{bullet}{}", l.inline);
        }
    }
    if !c.pmh.is_empty() {
        let _ = writeln!(t, "\nPMH:");
        for p in &c.pmh {
            let _ = writeln!(t, "{bullet}{p}");
        }
    }
    if !c.meds.is_empty() {
        let _ = writeln!(t, "\nMeds:");
        for m in &c.meds {
            let _ = writeln!(t, "{bullet}{m}");
        }
    }
    let pr = priority_short(w, c.gp_priority);
    let _ = writeln!(t, "\nRequest ({pr}): {}", c.request_sentence(w));
    let _ = writeln!(
        t,
        "\n{}, {}",
        w.rng.pick(&["J Morris", "A Kaur", "S Doyle", "R Mensah"]),
        w.rng.pick(&[
            "ANP",
            "Advanced Nurse Practitioner",
            "Nurse Practitioner",
            "ACP"
        ])
    );
    t
}

/// A random five-character clinical code, as GP systems print beside each entry.
fn code(w: &mut Writer) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz";
    (0..5)
        .map(|_| char::from(CHARS[w.rng.below(CHARS.len())]))
        .collect()
}

/// A GP-system export: dated, coded entries and a problem list with dates.
pub fn gp_export(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    let _ = writeln!(
        t,
        "{} CLINICAL SYSTEM EXPORT - Referral Summary",
        w.rng.pick(&["EMIS Web", "SystmOne", "Vision", "GP System"])
    );
    let _ = writeln!(
        t,
        "{} | {} | DOB {dob} | NHS {} | {}",
        h.surname.to_uppercase(),
        h.first_name,
        h.nhs_number,
        sex_word(c)
    );
    let _ = writeln!(
        t,
        "Usual GP: {} | {} {}\n",
        h.gp_name, h.practice_name, h.practice_code
    );
    let _ = writeln!(t, "Consultation {date} ({})", h.gp_name);
    let sep = if variant == 2 { " | " } else { "  " };
    let bits = short_findings(w, facts, c);
    for b in &bits {
        let cd = code(w);
        let _ = writeln!(t, "  {date}{sep}{}{sep}({cd})", capitalise(b));
    }
    let mut notes = c.negative_sentences(w);
    notes.extend(c.distractor_sentences(w, year));
    if !notes.is_empty() {
        let _ = writeln!(t, "  Comment: {}", notes.join(" "));
    }
    for l in &c.labs {
        let cd = code(w);
        let _ = writeln!(
            t,
            "  {date}{sep}{} {} {}{sep}({cd})",
            l.name, l.value, l.unit
        );
    }
    let _ = writeln!(t, "\nProblems");
    if c.pmh.is_empty() {
        let _ = writeln!(t, "  Active: none");
    }
    for p in &c.pmh {
        let since = year - w.rng.range(1, 20) as i32;
        match variant {
            1 => {
                let _ = writeln!(t, "  [A] {since}  {p}");
            }
            _ => {
                let _ = writeln!(t, "  Active  {since}  {p}");
            }
        }
    }
    if let Some(f) = c.past {
        let noun = *w.rng.pick(ph::nouns(f));
        let when = year - w.rng.range(3, 15) as i32;
        let how = *w
            .rng
            .pick(&["resolved", "no recurrence", "investigated, normal", "ended"]);
        match variant {
            1 => {
                let _ = writeln!(t, "  [P] {when}  {} - {how}", capitalise(noun));
            }
            _ => {
                let _ = writeln!(t, "  Past    {when}  {} ({how})", capitalise(noun));
            }
        }
    }
    let _ = writeln!(t, "\nRepeat medication");
    if c.meds.is_empty() {
        let _ = writeln!(t, "  none");
    }
    for m in &c.meds {
        let days_ago = w.rng.below(60) as i64;
        let issued = w.date(h.letter_date - chrono::Duration::days(days_ago));
        let _ = writeln!(t, "  {m}   last issued {issued}");
    }
    let _ = writeln!(t, "\nReferral: gastroenterology. {}", c.request_sentence(w));
    t
}

/// Common abbreviations of a hurried hand.
const SHORTHAND: &[(&str, &str)] = &[
    ("patient", "pt"),
    ("complains of", "c/o"),
    ("with", "w/"),
    ("examination", "exam"),
    ("abdominal", "abdo"),
    ("history", "hx"),
    ("because", "as"),
    ("please", "pls"),
];

/// Lower-cases, drops full stops and commas now and then, and swaps in shorthand.
fn scrawl(w: &mut Writer, s: &str) -> String {
    let mut out = s.to_string();
    for (long, short) in SHORTHAND {
        if w.rng.chance(0.7) {
            out = out.replace(long, short);
        }
    }
    for d in 0..10 {
        out = out
            .replace(&format!("{d} weeks"), &format!("{d}/52"))
            .replace(&format!("{d} months"), &format!("{d}/12"));
    }
    let mut t = String::with_capacity(out.len());
    for ch in out.chars() {
        match ch {
            '.' | ',' if w.rng.chance(0.6) => {}
            _ => t.push(ch),
        }
    }
    t
}

/// A handwritten note as scanned: short lines, shorthand, little punctuation (OCR noise is
/// always applied to this form by the generator).
pub fn handwritten(
    w: &mut Writer,
    variant: u8,
    facts: &ClinicalFacts,
    h: &LetterHeader,
    c: &Content,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    match variant {
        0 => {
            lines.push(format!("{} {}", h.practice_name, date));
            lines.push(format!("re {} dob {dob}", h.full_name()));
            lines.push(format!("nhs {}", h.nhs_number));
        }
        1 => {
            lines.push(format!("To gastro  {date}"));
            lines.push(format!(
                "{} {} {dob} {}",
                h.first_name, h.surname, h.nhs_number
            ));
        }
        _ => {
            lines.push(format!(
                "{date} - {} ({})",
                h.practice_name, h.practice_code
            ));
            lines.push(format!(
                "Pt: {}  DOB {dob}  NHS {}",
                h.full_name(),
                h.nhs_number
            ));
        }
    }
    let who = if c.age_stated {
        let mf = if c.sex == Sex::Female { "F" } else { "M" };
        match w.rng.below(4) {
            0 => format!("{}yo {mf}", c.age),
            1 => format!("{} y/o {}", c.age, c.p.noun),
            2 => format!("{}{mf}", c.age),
            _ => format!(
                "{}yrs {}",
                c.age,
                if c.sex == Sex::Female {
                    "female"
                } else {
                    "male"
                }
            ),
        }
    } else {
        format!("{} {}", h.title, h.surname)
    };
    let bits = short_findings(w, facts, c);
    let joiner = *w.rng.pick(&[" ", ", ", " + ", " & "]);
    lines.push(format!("{who} c/o {}", bits.join(joiner)));
    if !c.negatives.is_empty() {
        let nouns: Vec<String> = c
            .negatives
            .iter()
            .map(|f| w.rng.pick(ph::nouns(*f)).to_string())
            .collect();
        let neg = match w.rng.below(3) {
            0 => nouns
                .iter()
                .map(|n| format!("no {n}"))
                .collect::<Vec<_>>()
                .join(" "),
            1 => format!("no {}", nouns.join("/")),
            _ => format!("denies {}", nouns.join(", ")),
        };
        lines.push(neg);
    }
    for s in c.distractor_sentences(w, h.letter_date.year()) {
        lines.push(scrawl(w, &s));
    }
    if !c.labs.is_empty() {
        let labs: Vec<String> = c.labs.iter().map(|l| l.inline.clone()).collect();
        lines.push(labs.join("  "));
    }
    if !c.pmh.is_empty() {
        lines.push(format!("pmh {}", c.pmh.join(" ").to_lowercase()));
    }
    let pr = priority_short(w, c.gp_priority);
    lines.push(match c.gp_priority {
        None => "pls see".to_string(),
        Some(_) => format!("pls see {pr}"),
    });
    lines.push(h.gp_name.split(' ').next_back().unwrap_or("Dr").to_string());
    let text = lines.join("\n");
    let mut out = wrap(&text, 46);
    out.push('\n');
    out
}

/// A letter split over two pages: "cont." at the foot, a page-2 header, the rest.
pub fn continuation(w: &mut Writer, variant: u8, h: &LetterHeader, c: &Content) -> String {
    let year = h.letter_date.year();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    let mut sentences = vec![format!(
        "Thank you for seeing this {} who I saw today.",
        c.age_sex(w)
    )];
    sentences.extend(c.history_sentences(w));
    sentences.extend(c.exam_sentences(w));
    sentences.extend(c.background_sentences(w));
    sentences.extend(c.negative_sentences(w));
    if !c.labs.is_empty() {
        sentences.push(format!("Recent results: {}.", lab_list(c)));
    }
    sentences.extend(c.distractor_sentences(w, year));
    if !c.pmh.is_empty() {
        sentences.push(format!("PMH: {}.", c.pmh.join(", ")));
    }
    if !c.meds.is_empty() {
        sentences.push(format!("Medication: {}.", c.meds.join(", ")));
    }
    sentences.push(c.request_sentence(w));
    let cut = 1 + w.rng.below(sentences.len().saturating_sub(1).max(1));
    let (first, rest) = sentences.split_at(cut.min(sentences.len()));
    let mut t = String::new();
    let _ = writeln!(t, "{}\n{}\n{date}\n", h.practice_name, h.practice_code);
    let _ = writeln!(t, "Dear Colleague,\n");
    let _ = writeln!(
        t,
        "Re: {}  DOB {dob}  NHS No {}\n",
        h.full_name(),
        h.nhs_number
    );
    let _ = writeln!(t, "{}", wrap(&first.join(" "), 80));
    let foot = match variant {
        0 => "cont./",
        1 => "PTO",
        _ => "/cont'd overleaf",
    };
    let _ = writeln!(t, "\n{foot}\n\nPage 1 of 2");
    let _ = writeln!(t, "\x0c");
    match variant {
        0 => {
            let _ = writeln!(t, "Page 2 - {} - DOB {dob} (cont.)\n", h.full_name());
        }
        1 => {
            let _ = writeln!(
                t,
                "{} {} / NHS {} / page 2\n",
                h.surname.to_uppercase(),
                h.first_name,
                h.nhs_number
            );
        }
        _ => {
            let _ = writeln!(t, "- 2 -\nRe: {} (continued)\n", h.full_name());
        }
    }
    if !rest.is_empty() {
        let _ = writeln!(t, "{}", wrap(&rest.join(" "), 80));
    }
    let _ = writeln!(t, "\nYours faithfully,\n{}\nPage 2 of 2", h.gp_name);
    t
}

/// A letter with long medication and problem lists, most of it irrelevant to the referral.
pub fn long_history(w: &mut Writer, variant: u8, h: &LetterHeader, c: &Content) -> String {
    let mut t = String::new();
    let year = h.letter_date.year();
    let date = w.date(h.letter_date);
    let dob = w.date(h.date_of_birth);
    let _ = writeln!(t, "{} ({})   {date}", h.practice_name, h.practice_code);
    let _ = writeln!(
        t,
        "Re: {}   DOB {dob}   NHS number {}\n",
        h.full_name(),
        h.nhs_number
    );
    let _ = writeln!(t, "Dear Gastroenterologist,\n");
    let mut s = vec![format!(
        "I would be grateful for your help with this {}.",
        c.age_sex(w)
    )];
    s.extend(c.history_sentences(w));
    s.extend(c.exam_sentences(w));
    s.extend(c.background_sentences(w));
    s.extend(c.negative_sentences(w));
    if !c.labs.is_empty() {
        s.push(format!("Bloods: {}.", lab_list(c)));
    }
    let _ = writeln!(t, "{}\n", s.join(" "));
    // The long lists.
    let mut problems: Vec<String> = c.pmh.iter().map(|p| p.to_string()).collect();
    let n = w.rng.range(6, 12) as usize;
    let mut pool: Vec<&str> = ph::LONG_PMH.to_vec();
    w.rng.shuffle(&mut pool);
    for p in pool.into_iter().take(n) {
        let y = year - w.rng.range(1, 30) as i32;
        problems.push(p.replace("{y}", &y.to_string()));
    }
    if let Some(f) = c.past {
        let noun = *w.rng.pick(ph::nouns(f));
        let y = year - w.rng.range(3, 15) as i32;
        let entry = match w.rng.below(3) {
            0 => format!("{} {y} - resolved, nothing since", capitalise(noun)),
            1 => format!("{} ({y}), investigated, no recurrence", capitalise(noun)),
            _ => format!("{y}: {noun}, settled"),
        };
        let at = w.rng.below(problems.len() + 1);
        problems.insert(at, entry);
    }
    let mut meds: Vec<String> = c.meds.clone();
    let m = w.rng.range(7, 14) as usize;
    let mut pool: Vec<&str> = ph::LONG_MEDS.to_vec();
    w.rng.shuffle(&mut pool);
    for med in pool.into_iter().take(m) {
        meds.push(med.to_string());
    }
    match variant {
        0 => {
            let _ = writeln!(t, "Past medical history:");
            for (i, p) in problems.iter().enumerate() {
                let _ = writeln!(t, "{}. {p}", i + 1);
            }
            let _ = writeln!(t, "\nCurrent medication:");
            for (i, m) in meds.iter().enumerate() {
                let _ = writeln!(t, "{}. {m}", i + 1);
            }
        }
        1 => {
            let _ = writeln!(t, "PMH: {}.", problems.join("; "));
            let _ = writeln!(t, "DHx: {}.", meds.join("; "));
        }
        _ => {
            let _ = writeln!(t, "Problem list");
            for p in &problems {
                let _ = writeln!(t, "  - {p}");
            }
            let _ = writeln!(t, "Drug history");
            for m in &meds {
                let _ = writeln!(t, "  - {m}");
            }
        }
    }
    let _ = writeln!(
        t,
        "Allergies: {}",
        w.rng.pick(&[
            "NKDA",
            "Penicillin (rash)",
            "Codeine - vomiting",
            "none known"
        ])
    );
    let social = *w.rng.pick(&[
        "Lives with partner, ex-smoker, alcohol 10 units/week.",
        "Lives alone, independent. Never smoked. No alcohol.",
        "Retired teacher. Smokes 10/day. Alcohol 20 units/week.",
        "Works as a driver. Non-smoker, occasional alcohol.",
    ]);
    let _ = writeln!(t, "Social: {social}\n");
    let more = c.distractor_sentences(w, year);
    if !more.is_empty() {
        let _ = writeln!(t, "{}\n", more.join(" "));
    }
    let _ = writeln!(
        t,
        "{}\n\nKind regards,\n{}",
        c.request_sentence(w),
        h.gp_name
    );
    t
}
