//! Facts with their assertion status, written in layouts and phrasings the generator does not
//! produce: tick-box proformas, Yes/No fields, semicolon and slash lists, bullets, section
//! headings, SOAP notes, GP-system exports, abbreviations, values in many notations.
//! Every fact kind and every assertion kind is covered.

use paperlite_triage::decision::Decider;
use paperlite_triage::routing::Decision;
use paperlite_triage::{Assertion, CheckResult, FactKind, Finding, RedFlagChecker, RuleId};

fn check(text: &str) -> CheckResult {
    RedFlagChecker::new().check(text)
}

/// The assertions of every mention of `kind` in `text`.
fn assertions(text: &str, kind: FactKind) -> Vec<Assertion> {
    check(text)
        .mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.assertion)
        .collect()
}

fn f(x: Finding) -> FactKind {
    FactKind::Finding(x)
}

fn only(text: &str, kind: FactKind, want: Assertion) {
    let got = assertions(text, kind);
    assert!(
        !got.is_empty() && got.iter().all(|a| *a == want),
        "{kind:?} in {text:?}: {got:?}, want {want:?}"
    );
}

#[test]
fn every_finding_kind_is_read_present_in_free_text() {
    let cases: &[(&str, Finding)] = &[
        (
            "Pt c/o food sticking behind sternum x6/52.",
            Finding::Dysphagia,
        ),
        (
            "PR exam: hard craggy rectal mass at 6cm.",
            Finding::RectalMass,
        ),
        ("Exam revealed a perianal mass, firm.", Finding::AnalMass),
        (
            "Non-healing anal ulcer noted on inspection.",
            Finding::AnalUlceration,
        ),
        ("Palpable mass in the RIF on exam.", Finding::AbdominalMass),
        (
            "LOW ~6kg over 3 months, unintentional.",
            Finding::WeightLoss,
        ),
        ("Epigastric pain after meals.", Finding::UpperAbdominalPain),
        ("Troublesome heartburn most nights.", Finding::Reflux),
        ("Ongoing dyspeptic symptoms.", Finding::Dyspepsia),
        (
            "Omeprazole 20mg OD for 8 weeks without benefit.",
            Finding::PpiFourWeeks,
        ),
        (
            "Wife noticed he looks yellow; sclerae icteric.",
            Finding::Jaundice,
        ),
        ("BRPR on and off since Easter.", Finding::RectalBleeding),
        ("CIBH - looser, 4x/day.", Finding::ChangeInBowelHabit),
        ("Colicky lower abdo pain.", Finding::AbdominalPain),
        ("Feels bloated by evening.", Finding::Bloating),
        (
            "Bloody diarrhoea 6x daily for 10 days.",
            Finding::BloodyDiarrhoea,
        ),
        (
            "Known ArLD cirrhosis. Now increasing girth, ascites on exam.",
            Finding::DecompensatedCirrhosis,
        ),
        (
            "One episode of coffee ground vomit yesterday.",
            Finding::Haematemesis,
        ),
        (
            "Known UC, in remission on mesalazine. Advice re stopping?",
            Finding::StableIbdQuestion,
        ),
        ("tTG IgA 128 U/mL (ref <7).", Finding::RaisedTtg),
        ("USS: hepatic steatosis.", Finding::FattyLiver),
        ("Sister had bowel ca at 48.", Finding::FamilyHistoryCrc),
    ];
    for (text, finding) in cases {
        let r = check(text);
        assert!(
            r.facts.has(*finding),
            "{finding} not read from {text:?}: {r:?}"
        );
        assert!(
            r.mentions
                .iter()
                .any(|m| m.kind == f(*finding) && m.assertion == Assertion::Present),
            "no present {finding} fact in {text:?}"
        );
    }
    only(
        "Black tarry stools x3 days.",
        FactKind::Melaena,
        Assertion::Present,
    );
}

#[test]
fn values_in_many_layouts() {
    let cases: &[(&str, FactKind, f64)] = &[
        ("Hb 9.8 g/dL", FactKind::Hb, 98.0),
        ("Haemoglobin: 104 g/L (115-165)", FactKind::Hb, 104.0),
        ("Hb 11.2", FactKind::Hb, 112.0),
        ("ferritin: 8", FactKind::Ferritin, 8.0),
        ("Ferritin 12 ug/L [15-300]", FactKind::Ferritin, 12.0),
        ("FIT <4", FactKind::Fit, 3.0),
        ("qFIT 150", FactKind::Fit, 150.0),
        ("FIT: negative", FactKind::Fit, 0.0),
        ("faecal immunochemical test 23 ug/g", FactKind::Fit, 23.0),
        ("calpro 180", FactKind::Calprotectin, 180.0),
        (
            "Faecal calprotectin >1800 ug/g",
            FactKind::Calprotectin,
            1800.0,
        ),
        ("ALT 412 U/L", FactKind::Alt, 412.0),
        ("LFTs: ALT 65, ALP normal", FactKind::Alt, 65.0),
        ("bloods alt 4x uln 160 thanks", FactKind::Alt, 160.0),
        // A series of results, oldest first: the latest counts.
        (
            "Bloods: ALP 519, ALT 26 (Jan) -> 1961 (latest).",
            FactKind::Alt,
            1961.0,
        ),
        (
            "Ix: ferritin 6; Hb 13.0 g/dL (Oct) then 8.9 g/dL (Dec).",
            FactKind::Hb,
            89.0,
        ),
        (
            "Albumin: 36; ALT 20 (Mar), 1137 (this month)",
            FactKind::Alt,
            1137.0,
        ),
    ];
    for (text, kind, want) in cases {
        let r = check(text);
        let got = r
            .mentions
            .iter()
            .find(|m| m.kind == *kind)
            .and_then(|m| m.value);
        assert_eq!(got, Some(*want), "{text:?}: {:?}", r.mentions);
    }
    // "x ULN" is not a value in U/L; a reference range before the value is not the value.
    assert_eq!(check("ALT 3 x ULN").facts.alt, None);
    assert_eq!(check("Hb (130-170) not done").facts.hb, None);
}

#[test]
fn stated_anaemia_and_iron_deficiency() {
    only(
        "Known IDA on oral iron.",
        FactKind::IdaStated,
        Assertion::Present,
    );
    only(
        "She is anaemic.",
        FactKind::AnaemiaStated,
        Assertion::Present,
    );
    only(
        "Fe deficient on recent bloods.",
        FactKind::IronDeficiencyStated,
        Assertion::Present,
    );
    only("Not anaemic.", FactKind::AnaemiaStated, Assertion::Negated);
}

#[test]
fn ages_in_many_forms_and_from_date_of_birth() {
    for (text, age) in [
        ("60yo F, PR bleed", 60),
        ("60 y/o man", 60),
        ("Pt aged 60", 60),
        ("A 60 year old lady", 60),
        ("60M with CIBH", 60),
        ("M 60 - reflux", 60),
        ("Age: 60", 60),
        ("Date: 12/05/2025\nD.O.B. 13/05/1964\nReflux.", 60),
        ("Letter date 1st March 2024\nDate of birth: 02-Mar-1963", 60),
    ] {
        assert_eq!(check(text).facts.age, Some(age), "{text:?}");
    }
    // "for 20 yrs" is a duration.
    assert_eq!(check("Reflux for 20 yrs.").facts.age, None);
}

#[test]
fn a_date_of_birth_is_never_evidence_of_a_finding() {
    let text = "DOB: 12/03/1950\nDate: 01/06/2025\nReferral for reflux.";
    let r = check(text);
    for m in &r.mentions {
        if let FactKind::Finding(_) = m.kind {
            assert!(
                !text[m.start..m.end].contains("1950"),
                "{m:?} taken from the date of birth"
            );
        }
    }
    assert!(!r.facts.jaundice);
    assert_eq!(r.facts.age, Some(75));
}

#[test]
fn tick_box_proformas_and_yes_no_fields() {
    let low_risk = "\
Suspected lower GI cancer proforma
Age: 44
Rectal bleeding        [ ] Yes  [X] No
Weight loss            [ ] Yes  [X] No
Change in bowel habit  [X] Yes  [ ] No
Abdominal mass         [ ] Yes  [X] No
Iron deficiency anaemia  [ ] Yes  [X] No
Jaundice ☐ Yes ☒ No
Dysphagia - N
Haematemesis  Y/N: N
Melaena   Yes/No: No
FIT result: <4
";
    let r = check(low_risk);
    for finding in [
        Finding::RectalBleeding,
        Finding::WeightLoss,
        Finding::AbdominalMass,
        Finding::Jaundice,
        Finding::Dysphagia,
        Finding::Haematemesis,
    ] {
        assert!(!r.facts.has(finding), "{finding} read as present");
        assert!(
            r.mentions
                .iter()
                .any(|m| m.kind == f(finding) && m.assertion == Assertion::Negated),
            "{finding} not read as negated"
        );
    }
    assert!(r.facts.change_in_bowel_habit);
    assert!(!r.is_red_flag(), "{:?}", r.red_flags);
    assert_eq!(r.rule_id(), RuleId::A1);

    // "No" that starts the next phrase is not the field's answer.
    assert!(
        check("67M. Rectal bleeding - No FIT done yet.")
            .facts
            .rectal_bleeding
    );
    let urgent = "Rectal bleeding [X] Yes [ ] No\nAge 71\n";
    assert_eq!(check(urgent).rule_id(), RuleId::U8);
    let glyphs = "☒ Dysphagia\n☐ Weight loss\nAge 50";
    let r = check(glyphs);
    assert!(r.facts.dysphagia && !r.facts.weight_loss);
}

#[test]
fn negation_carried_through_lists() {
    for text in [
        "Denies dysphagia; weight loss; PR bleeding.",
        "No dysphagia/weight loss/PR bleeding.",
        "No dysphagia, weight loss, or rectal bleeding.",
        "Neither dysphagia nor weight loss nor rectal bleeding.",
        "Denies:\n- dysphagia\n- weight loss\n- PR bleeding\n",
        "Red flags: none of dysphagia, weight loss, PR bleeding",
    ] {
        let r = check(text);
        assert!(
            !r.facts.dysphagia && !r.facts.weight_loss && !r.facts.rectal_bleeding,
            "{text:?}: {:?}",
            r.facts
        );
        only(text, f(Finding::WeightLoss), Assertion::Negated);
    }
    // The scope ends at "but" and at a new clause with its own time course.
    assert!(check("No dysphagia but has lost weight.").facts.weight_loss);
    assert!(
        check("No dysphagia; rectal bleeding for 3 weeks.")
            .facts
            .rectal_bleeding
    );
}

#[test]
fn resolved_past_episodes() {
    only(
        "Rectal bleeding in 2019, nothing since.",
        f(Finding::RectalBleeding),
        Assertion::ResolvedPast,
    );
    only(
        "Dysphagia in 2017 (stricture dilated). No recurrence.",
        f(Finding::Dysphagia),
        Assertion::ResolvedPast,
    );
    only(
        "PMH: haematemesis (Mallory-Weiss) 2012; hypertension",
        f(Finding::Haematemesis),
        Assertion::ResolvedPast,
    );
    // A current word in the history section makes it present.
    only(
        "PMH: ongoing reflux, asthma",
        f(Finding::Reflux),
        Assertion::Present,
    );
}

#[test]
fn hypothetical_mentions() {
    for text in [
        "Should she develop dysphagia she will re-present.",
        "Safety-netted re dysphagia and weight loss.",
        "If any dysphagia, please re-refer.",
        "Plan:\nOGD; review sooner with dysphagia",
        // Safety-nets whose condition follows the action asked for.
        "The warden will let us know if he develops dysphagia.",
        "Staff are to ring the surgery straight away should any dysphagia develop.",
    ] {
        only(text, f(Finding::Dysphagia), Assertion::Hypothetical);
    }
    // The finding's own verb right after "should" and its subject.
    only(
        "72 year old with indigestion. Her son will phone us should she lose any weight.",
        f(Finding::WeightLoss),
        Assertion::Hypothetical,
    );
    // A wish to know is no safety-net, and "should" in a request is no condition.
    only(
        "I would like to know if the dysphagia he describes needs an OGD.",
        f(Finding::Dysphagia),
        Assertion::Present,
    );
    only(
        "He should be seen soon as his rectal bleeding continues.",
        f(Finding::RectalBleeding),
        Assertion::Present,
    );
}

#[test]
fn reports_by_others_answered_by_the_writer() {
    // A relative's report or the writer's own passing impression, answered after a "but":
    // denied by name, or told as normal without naming it.
    for (text, kind) in [
        (
            "His daughter mentioned blood in the toilet, but this was after eating beetroot and \
             there has been no rectal bleeding.",
            Finding::RectalBleeding,
        ),
        (
            "Her mother said she was struggling to swallow, but on direct questioning she eats \
             and drinks normally and only has a lump-in-the-throat feeling.",
            Finding::Dysphagia,
        ),
        (
            "At visit 1 I thought I could feel a mass in the left iliac fossa, but at visit 2 \
             the abdomen was soft with no mass.",
            Finding::AbdominalMass,
        ),
        (
            "Weight change:    mother worried re wt loss but wt 77kg = same as Apr",
            Finding::WeightLoss,
        ),
        (
            "Her daughter thinks she has trouble swallowing, but she tells me food goes down \
             normally - it is her loose stools that worry her.",
            Finding::Dysphagia,
        ),
        (
            "His partner thought he looked yellow last week, but his sclerae are white today.",
            Finding::Jaundice,
        ),
    ] {
        let got = assertions(text, f(kind));
        assert!(
            !got.is_empty() && !got.contains(&Assertion::Present),
            "{kind:?} in {text:?}: {got:?}"
        );
    }
    // Reports the writer does not answer stand.
    for (text, kind) in [
        (
            "His wife said he was struggling to swallow solids, and I agree it sounds like \
             true dysphagia.",
            Finding::Dysphagia,
        ),
        (
            "Her husband reports she has lost weight, but she has not been weighed.",
            Finding::WeightLoss,
        ),
        (
            "His son mentioned blood in the toilet, but he has not had a FIT yet.",
            Finding::RectalBleeding,
        ),
        (
            "I thought I could feel a mass in the left iliac fossa, but she was too tender to \
             examine fully.",
            Finding::AbdominalMass,
        ),
    ] {
        let got = assertions(text, f(kind));
        assert!(
            got.contains(&Assertion::Present),
            "{kind:?} in {text:?}: {got:?}"
        );
    }
}

#[test]
fn checklists_with_leader_dots_and_prose_that_heads_no_column() {
    // Leader dots, then an answer in words; a label naming an alternative.
    only(
        "Dysphagia .................. never\nBloating ..... most days",
        f(Finding::Dysphagia),
        Assertion::Negated,
    );
    only(
        "Jaundice or yellow eyes ........ never\n",
        f(Finding::Jaundice),
        Assertion::Negated,
    );
    // "present" ending a line of prose is no table header with an answer column.
    only(
        "Visit: at home with his wife present\n\n1. Bloating\n2. Loose stools",
        f(Finding::Bloating),
        Assertion::Present,
    );
    // A header whose one answer column stands apart still reads a blank row as no answer.
    let grid = "Symptom                 Present\nBloating                  X\nDysphagia\n";
    only(grid, f(Finding::Bloating), Assertion::Present);
    assert!(
        !assertions(grid, f(Finding::Dysphagia)).contains(&Assertion::Present),
        "{:?}",
        check(grid).mentions
    );
}

#[test]
fn family_history_mentions() {
    for text in [
        "FH: bowel ca (father, 62)",
        "Mother had bowel cancer in her 50s.",
        "Family history:\nBrother - colorectal cancer age 45\n",
        "FHx of CRC in two first-degree relatives",
    ] {
        let r = check(text);
        assert!(r.facts.family_history_crc, "{text:?}");
    }
    only(
        "Father had rectal bleeding and jaundice.",
        f(Finding::Jaundice),
        Assertion::FamilyHistory,
    );
    only(
        "FH: sister - dysphagia (achalasia)",
        f(Finding::Dysphagia),
        Assertion::FamilyHistory,
    );
}

#[test]
fn drug_lists_never_yield_symptoms() {
    let text = "DH:\nGaviscon for reflux\nLansoprazole 30mg OD\n\nHPC: bloating, aged 30.";
    let r = check(text);
    assert!(!r.facts.reflux, "{:?}", r.mentions);
    assert!(r.facts.bloating);
}

#[test]
fn examination_findings_are_present() {
    let r = check("O/E: jaundiced, hepatomegaly. Aged 58.");
    assert!(r.facts.jaundice);
    assert_eq!(r.rule_id(), RuleId::U7);
}

#[test]
fn the_two_urgent_letters_that_were_auto_routed() {
    // Decompensated cirrhosis where the GP asked for a routine appointment.
    let cirrhosis = "Dear Doctor\nRe: Mr A, 63yo\nPMH: alcohol-related cirrhosis (Child-Pugh B)\nHPC: increasing abdominal distension; shifting dullness on exam, ascites likely.\nPriority: routine please.";
    let d = Decider::rules_only().decide(cirrhosis).ok();
    assert_eq!(d.as_ref().map(|d| d.rule), Some(RuleId::R2));
    assert_eq!(d.map(|d| d.decision), Some(Decision::Review));
    // Rectal bleeding at 50 with no FIT in the letter.
    let bleed = "50M. BRPR x 4/52, no wt loss. Routine colorectal please.";
    let d = Decider::rules_only().decide(bleed).ok();
    assert_eq!(d.as_ref().map(|d| d.rule), Some(RuleId::U8));
    assert_eq!(d.map(|d| d.decision), Some(Decision::Review));
}

#[test]
fn every_assertion_kind_is_produced() {
    let text = "Aged 66. Reflux for months. No dysphagia. Mother had jaundice. Rectal bleeding in 2015, none since. If weight loss, re-refer.";
    let r = check(text);
    for a in Assertion::ALL {
        assert!(
            r.mentions.iter().any(|m| m.assertion == a),
            "{a} missing: {:?}",
            r.mentions
        );
    }
    // Only present facts reach the rules.
    assert!(r.facts.reflux);
    assert!(!r.facts.dysphagia && !r.facts.jaundice && !r.facts.rectal_bleeding);
    assert!(!r.facts.weight_loss);
}

#[test]
fn fact_spans_slice_to_their_text() {
    let text = "Mrs Ödön, 72yo. BRPR; Hb 9.8 g/dL, ferritin 6. No jaundice.";
    for m in check(text).mentions {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()), "{m:?}");
    }
}

#[test]
fn whole_letters_in_layouts_the_generator_does_not_write() {
    let cases: &[(&str, RuleId)] = &[
        (
            "EMIS Web - Referral\nName: Mr Robert JONES   DOB: 15 Aug 1952\nDate: 02/04/2025\nProblems\nActive: Alcohol-related cirrhosis (2021)\nMedication\nPropranolol 40mg BD\nSpironolactone 100mg OD\nConsultation\nIncreasing abdominal swelling for 2 weeks, shifting dullness.\nPriority requested: routine",
            RuleId::R2,
        ),
        (
            "S: 47F, 3/12 hx heartburn, worse at night. No dysphagia/odynophagia/vomiting/wt loss/melaena.\nO: Abdo soft.\nA: ?GORD\nP: PPI trial. Refer for advice.",
            RuleId::A2,
        ),
        (
            "Nurse practitioner referral\nPatient: Mr K Patel, 38 years\n- Bloating and crampy lower abdominal pain x 6 months\n- No weight loss\n- Calprotectin 35\n- FIT <4\nImpression: likely IBS, please advise.",
            RuleId::A1,
        ),
        ("72M CIBH 3/12, looser. No FIT. ?2WW", RuleId::U8),
        (
            "Allergies: NKDA\nMr U 44. Blood-stained vomit this morning after retching.",
            RuleId::R3,
        ),
        ("Age: 45\nPC: diarrhoea x3 weeks, bloody at times", RuleId::R1),
        (
            "Dear Doctor\nI would be grateful if you could see Mr Wood (62) who was found to have a Hb of 98 g/L and ferritin of 9. He denies any PR bleeding or change in bowel habit.",
            RuleId::U4,
        ),
        (
            "Referral: a sixty-six year old man, persistent dyspepsia despite lansoprazole for the past 6 months. Haematemesis in 2016 (Mallory-Weiss), nothing since. No dysphagia or weight loss.",
            RuleId::O1,
        ),
        (
            "UPPER GI PROFORMA\nPatient age: 58\nDysphagia   Yes ☐   No ☒\nWeight loss   Yes ☐   No ☒\nHaematemesis   Yes ☐   No ☒\nReflux   Yes ☒   No ☐\nAge/Sex: 58/F",
            RuleId::D,
        ),
    ];
    for (text, want) in cases {
        let r = check(text);
        assert_eq!(r.rule_id(), *want, "{text:?}: {:?}", r.mentions);
    }
}

#[test]
fn tick_box_tables_and_bare_answers() {
    let text = "\
| Symptom | Yes | No |
| Rectal bleeding | [ ] Yes | [X] No |
| Weight loss | [ ] Yes | [X] No |
Dysphagia          No
Jaundice\tNO
Haematemesis: [No]
Abdominal mass ( ) Yes (•) No
Bloating ○ Yes ● Yes
Age (years): 41
Change in bowel habit   Yes
FIT result: 3
";
    let r = check(text);
    for finding in [
        Finding::RectalBleeding,
        Finding::WeightLoss,
        Finding::Dysphagia,
        Finding::Jaundice,
        Finding::Haematemesis,
        Finding::AbdominalMass,
    ] {
        assert!(!r.facts.has(finding), "{finding}: {:?}", r.mentions);
    }
    assert!(r.facts.change_in_bowel_habit);
    assert_eq!(r.facts.age, Some(41));
    assert_eq!(r.rule_id(), RuleId::A1, "{:?}", r.mentions);
}
