//! The routing guard's screen: words that may name a red flag, read without the checker's
//! findings.
//!
//! The checker knows each red flag by the phrasings in its lexicon; a letter that words one
//! differently ("a firm swelling above the pubic bone", "brought up dark red blood") reads as
//! nothing, and a low-risk rule would let it be auto-routed. The screen is the opposite
//! design: a short list of broad words (`[screen]` in `triage/data/lexicon.txt`: blood, mass,
//! lump, swallow, weight, yellow, iron, cancer, ...) matched anywhere. A screen word the
//! letter asserts about the patient now (the checker's own negation, family, past and
//! hypothetical reading applies) and that no fact the checker read overlaps is an *unread
//! word*: the letter goes to a consultant rather than being auto-routed. It never changes the
//! urgency or the pathway; it only withholds auto-routing.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::extract::{overlaps, window_range, Reader};
use super::grid::line_around;
use super::lexicon::{build, SCREEN, SCREEN_BENIGN};
use super::values::{keyword_regex, Analyte};
use crate::facts::{Assertion, Fact, FactKind, Finding};

/// A screen word asserted about the patient that no fact read by the checker explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadWord {
    /// `&input[start..end]`.
    pub word: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The line around the word (at most 60 bytes either side), for the reviewer.
    pub context: String,
}

/// At most this many unread words are kept for one letter.
const MAX_UNREAD: usize = 10;

/// At most this many screen matches are looked at in one letter (bounded work).
const MAX_MATCHES: usize = 2000;

/// The screen words of `text` (the OCR-normalised text the checker read) that the letter
/// asserts and nothing the checker read explains: no mention in `mentions` and no span in
/// `explained` overlaps it, and, for the name of a measurement (Hb, ferritin, FIT,
/// calprotectin, ALT), the checker read no value of it anywhere in the letter (the rules
/// decide on the value).
pub(super) fn unread_words(
    text: &str,
    r: &Reader<'_>,
    mentions: &[Fact],
    explained: &[Range<usize>],
) -> Vec<UnreadWord> {
    let benign: Vec<Range<usize>> = SCREEN_BENIGN
        .find_iter(text)
        .take(MAX_MATCHES)
        .map(|m| m.range())
        .collect();
    let mut out: Vec<UnreadWord> = Vec::new();
    for m in SCREEN.find_iter(text).take(MAX_MATCHES) {
        let span = m.range();
        if benign
            .iter()
            .any(|b| b.start <= span.start && span.end <= b.end)
            || mentions.iter().any(|f| overlaps(&(f.start..f.end), &span))
            || explained.iter().any(|e| overlaps(e, &span))
            || value_read(m.as_str(), mentions)
            || bowel_habit_read(m.as_str(), mentions)
            || worry_refuted(text, r, &span, mentions)
            || struck_or_unchosen(text, &span)
        {
            continue;
        }
        if !matches!(r.assertion(text, &span), Some((Assertion::Present, _))) {
            continue;
        }
        // The word and its line are quoted from the letter as written, by the caller.
        out.push(UnreadWord {
            word: String::new(),
            start: span.start,
            end: span.end,
            context: String::new(),
        });
        if out.len() >= MAX_UNREAD {
            break;
        }
    }
    out
}

/// A word a form's filler deleted ("Routine / ~~Urgent~~ / ~~Suspected cancer~~"), or an
/// option of a choice nobody made ("Urgency requested:  Routine / Urgent / Suspected cancer").
fn struck_or_unchosen(text: &str, span: &Range<usize>) -> bool {
    static UNCHOSEN: Lazy<Regex> = Lazy::new(|| {
        build(r"^[^:\n]{0,40}:?\s*routine\s*/\s*urgent\s*/\s*(?:urgent\s+)?suspected\s+cancer\s*$")
    });
    let Some((line_start, line)) = line_around(text, span.start, span.end) else {
        return false;
    };
    let (before, after) = (
        &line[..span.start - line_start],
        &line[span.end - line_start..],
    );
    let struck = before.matches("~~").count() % 2 == 1 && after.contains("~~");
    struck || UNCHOSEN.is_match(line.trim())
}

/// Whether `word` names a measurement (by the value reader's own keywords) of which the
/// checker read a value.
fn value_read(word: &str, mentions: &[Fact]) -> bool {
    Analyte::ALL
        .into_iter()
        .filter(|a| {
            keyword_regex(*a)
                .find(word)
                .is_some_and(|m| m.len() == word.len())
        })
        .any(|a| {
            mentions
                .iter()
                .any(|f| f.kind == a.fact_kind() && f.value.is_some())
        })
}

/// Whether `word` describes stools ("loose", "looser") in a letter where the checker read a
/// change in bowel habit or bloody diarrhoea: the description belongs to that finding.
fn bowel_habit_read(word: &str, mentions: &[Fact]) -> bool {
    word.to_ascii_lowercase().starts_with("loose")
        && mentions.iter().any(|f| {
            matches!(
                f.kind,
                FactKind::Finding(Finding::ChangeInBowelHabit | Finding::BloodyDiarrhoea)
            )
        })
}

/// A worry put before the word and refuted after it by the checker's own negated reading of
/// the finding the word would name, in the same sentence: "His daughter thought he looked
/// yellow, but he is not jaundiced on examination", "She was worried she could feel a lump in
/// her tummy, but on examination there is no abdominal mass", or after the sentence's
/// semicolon. A refutation of another
/// finding ("... looked yellow, but there is no pain") explains nothing.
fn worry_refuted(text: &str, r: &Reader<'_>, span: &Range<usize>, mentions: &[Fact]) -> bool {
    static WORRY: Lazy<Regex> = Lazy::new(|| {
        build(
            r"\b(?:worried|worries|concerned|convinced|thought|thinks|feared|fears|wondered|anxious|felt|feels)\b",
        )
    });
    static BUT: Lazy<Regex> = Lazy::new(|| build(r"\bbut\b"));
    let word = text[span.clone()].to_ascii_lowercase();
    let named: &[Finding] = if word.starts_with("yellow") || word.starts_with("jaund") {
        &[Finding::Jaundice]
    } else if word.starts_with("lump") || word.starts_with("mass") || word.starts_with("swell") {
        &[
            Finding::AbdominalMass,
            Finding::RectalMass,
            Finding::AnalMass,
        ]
    } else if word.starts_with("swallow") || word.starts_with("stuck") || word.starts_with("chok") {
        &[Finding::Dysphagia]
    } else if word.starts_with("weight") {
        &[Finding::WeightLoss]
    } else {
        return false;
    };
    let Some(si) = r.idx.sentence_of(span.start) else {
        return false;
    };
    let sentence = r.idx.sentences()[si].clone();
    let (Some(before), Some(after)) = (
        text.get(sentence.start..span.start),
        text.get(span.end..sentence.end.max(span.end)),
    ) else {
        return false;
    };
    // The refutation after "but", or in the clause after the sentence's semicolon: "His wife
    // thinks he has looked "a bit yellow"; on examination today he is not jaundiced".
    let Some(reach) = r.idx.through_semicolon(si) else {
        return false;
    };
    let refuted_from = match BUT.find(after) {
        Some(but) => span.end + but.end(),
        None if reach.end > sentence.end => sentence.end,
        None => return false,
    };
    let refuted_to = reach.end;
    WORRY.is_match(before)
        && mentions.iter().any(|f| {
            f.assertion == Assertion::Negated
                && f.start >= refuted_from
                && f.end <= refuted_to
                && matches!(f.kind, FactKind::Finding(k) if named.contains(&k))
        })
}

/// Fills `u`'s word and line from the letter as written (`original`; the checker read an
/// OCR-normalised copy with the same offsets).
pub(super) fn quote(original: &str, u: &mut UnreadWord) {
    u.word = original.get(u.start..u.end).unwrap_or("").to_string();
    u.context = context_range(original, &(u.start..u.end))
        .and_then(|c| original.get(c))
        .unwrap_or("")
        .trim()
        .to_string();
}

/// The line around `span`, at most 60 bytes either side, cut at whole words.
fn context_range(text: &str, span: &Range<usize>) -> Option<Range<usize>> {
    let w = window_range(text, span.start.saturating_sub(60), span.end + 60);
    let before = text.get(w.start..span.start)?;
    let after = text.get(span.end..w.end)?;
    let start = match before.rfind('\n') {
        Some(i) => w.start + i + 1,
        // Cut inside the line: start after the first space, not mid-word.
        None if w.start > 0 => before.find(' ').map_or(span.start, |i| w.start + i + 1),
        None => w.start,
    };
    let end = match after.find('\n') {
        Some(i) => span.end + i,
        None if w.end < text.len() => after.rfind(' ').map_or(span.end, |i| span.end + i),
        None => w.end,
    };
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use crate::redflags::RedFlagChecker;

    fn unread(text: &str) -> Vec<String> {
        RedFlagChecker::new()
            .check(text)
            .unread
            .into_iter()
            .map(|u| u.word.to_lowercase())
            .collect()
    }

    #[test]
    fn red_flags_in_words_the_lexicon_lacks_are_unread() {
        for (text, word) in [
            (
                "62 year old man. Heaved up a cupful of blood on Sunday.",
                "blood",
            ),
            (
                "Age 58. A firm swelling above the pubic bone, about the size of an orange.",
                "swelling",
            ),
            (
                "Mrs A, 70. Her skin has taken on a yellowish tinge this month.",
                "yellowish",
            ),
            (
                "44M. His trousers have become baggy since the summer.",
                "trousers have become baggy",
            ),
            (
                "Aged 66. Feels a lump when she passes a motion, bottom end.",
                "lump",
            ),
            // Food that lodges is a swallowing complaint, a place's name is not.
            ("Age 70. Bread lodges in his chest when he eats.", "lodges"),
            // A test back with a result no value reader took is not a pending test.
            ("Age 45. His FIT came back high.", "fit"),
            // A bilirubin above the upper limit, with its unit in brackets, is no benign value.
            ("Age 45.\nBilirubin (umol/L):\n  48", "bilirubin"),
            // A lump at no other named site stays unread.
            (
                "Aged 62. A lump has appeared near her belly button.",
                "lump",
            ),
            // A scan that dropped the number: "has lost 6 kg" read as "has lost kg".
            (
                "Fatty liver on ultrasound. He reports thirst and has lost kg. eGFR 64",
                "lost kg",
            ),
        ] {
            let got = unread(text);
            assert!(got.iter().any(|w| w == word), "{text}: {got:?}");
        }
    }

    #[test]
    fn negated_benign_and_read_words_are_not_unread() {
        for text in [
            "Age 35. Bloods normal. No blood in the stool, no weight loss, no lumps.",
            "Aged 41, fit and well. Weight 82 kg. FBC and LFTs normal last month.",
            "Father had bowel cancer at 70. If she notices any blood she will come back.",
            "Age 30. Denies dysphagia, jaundice or black stools. Blood pressure 128/80.",
            "Age 52. Rectal bleeding in 2015, none since.",
            "Medication: ferrous sulfate 200mg od; omeprazole 20mg od",
            // Tests asked for, results not back; a dash for a result not done.
            "Aged 39, bloating. I gave her a FIT kit; calprotectin has been sent off too.",
            "Age 44. Reflux. I have requested a qFIT, not yet back.",
            "Age 50.\nFerritin:   -\nFIT:   -\nDyspepsia for 3 months.",
            "Age 29, IBS. Happy to fit in with any clinic slot.",
            "Age 61. Food stuck once in 2019; swallowing has been entirely normal since.",
            "Kestrel Lodge Surgery, 4 Mill Road\nAge 33, bloating.",
            "Age 47. Haemoglobin estimation 141 g/L [130 - 180]. Dyspepsia.",
            // Form fields answered on the line below; a specimen; a fit person.
            "Age 40. Fatty liver on USS.\nALT (IU/L):\n  not measured\nBilirubin (umol/L):\n  9 [0-21]",
            "Age 36, bloating.\nFIT result (needed unless a mass is felt):\n  not done",
            "Age 58. Dyspepsia.\nSpecimen: blood   Received 02/02/2025\nHb 151 g/L",
            "Age 48, IBS. She is otherwise fit and cycles to work.",
            // Bleeding, lumps and yellow skin where the writer names another site or cause.
            "Age 44, reflux. Her gums bleed when she brushes her teeth; nosebleeds in winter.",
            "Age 50, dyspepsia. Visible blood in the urine - urology are seeing him.",
            "Age 35, bloating. She coughed up blood-streaked sputum with a chest cold.",
            "Age 60, reflux. A small lump in the neck, a reactive node, now shrinking.",
            "Age 62, reflux. His palms look orange-yellow; he eats a lot of carrots.",
            "Age 45, bloating. The \"mass\" on her old ultrasound was a 3 cm simple renal cyst.",
            "Age 33, reflux. Eating is normal and nothing sticks.",
            "Age 33, reflux. Swallowing hurts with her sore throat, but food goes down.",
            "Age 52, bloating. In his words, \"the bloody thing keeps me awake\".",
        ] {
            assert!(unread(text).is_empty(), "{text}: {:?}", unread(text));
        }
    }

    #[test]
    fn a_worry_refuted_by_the_same_finding_is_read_and_another_is_not() {
        for text in [
            "Aged 70. His daughter thought he looked yellow, but he is not jaundiced on \
             examination in daylight.",
            "Aged 70. She was worried she could feel a lump in her tummy, but on examination \
             there is no abdominal mass.",
            "Aged 70. He was worried about a lump in the throat, but there is no true difficulty \
             swallowing.",
            "Aged 70. Benign stricture dilated in 2021; he has swallowed normally ever since.",
            "Aged 70. His wife thinks he has looked \"a bit yellow\"; on examination today he is \
             not jaundiced and bilirubin is normal.",
        ] {
            assert!(unread(text).is_empty(), "{text}: {:?}", unread(text));
        }
        // The refutation names another finding: the worry stays unread.
        let other = "Aged 70. His daughter thought he was bleeding, but there is no abdominal \
                     mass.";
        assert_eq!(unread(other), ["bleeding"], "{other}");
        // No worry before it: a plain statement stays unread.
        let plain = "Aged 70. He was bleeding last week, but there is no mass today.";
        assert!(!unread(plain).is_empty(), "{plain}");
    }

    #[test]
    fn a_relatives_cancer_a_struck_option_and_an_unmade_choice_ask_for_no_pathway() {
        for text in [
            "Aged 70. Dyspepsia.\n10. Has anyone in your family had bowel cancer? (who, and how \
             old)\n",
            "Aged 70. Dyspepsia.\nUrgency requested:  Routine / ~~Urgent~~ / ~~Suspected \
             cancer~~\n",
            "Aged 70. Dyspepsia.\nUrgency requested:  Routine / Urgent / Suspected cancer\n",
        ] {
            assert!(unread(text).is_empty(), "{text}: {:?}", unread(text));
        }
        // The choice made, or the pathway asked for in words: still read as a request.
        for text in [
            "Aged 70. Dyspepsia.\nUrgency requested:  ~~Routine~~ / ~~Urgent~~ / Suspected \
             cancer\n",
            "Aged 70. Dyspepsia. Please see under the suspected cancer pathway.",
        ] {
            assert!(
                unread(text)
                    .iter()
                    .any(|w| w.to_lowercase().contains("cancer")),
                "{text}: {:?}",
                unread(text)
            );
        }
    }

    #[test]
    fn context_is_the_line_around_the_word() {
        let text = "Header line\nHeaved up a cupful of blood twice.\nPlan: OGD";
        let got = RedFlagChecker::new().check(text).unread;
        let blood = got
            .iter()
            .find(|u| u.word == "blood")
            .expect("blood unread");
        assert_eq!(blood.context, "Heaved up a cupful of blood twice.");
        let long = format!("{} blood {}", "word ".repeat(30), "more ".repeat(30));
        let got = RedFlagChecker::new().check(&long).unread;
        let c = &got.first().expect("blood unread").context;
        assert!(c.starts_with("word") && c.ends_with("more"), "{c:?}");
        assert_eq!(&text[blood.start..blood.end], "blood");
    }
}
