//! Imperfections of real letters: spelling slips and OCR errors.

use types::rng::Rng;

/// Slips GPs make (and US spellings), as (correct, slip) word pairs.
const SLIPS: &[(&str, &str)] = &[
    ("diarrhoea", "diarrhea"),
    ("diarrhoea", "diarhoea"),
    ("haemoglobin", "hemoglobin"),
    ("haematemesis", "hematemesis"),
    ("oesophageal", "esophageal"),
    ("anaemia", "anemia"),
    ("faecal", "fecal"),
    ("abdominal", "abdominial"),
    ("weight", "wieght"),
    ("jaundice", "jaundise"),
    ("calprotectin", "calprotecin"),
    ("ferritin", "ferritn"),
    ("colonoscopy", "colonscopy"),
    ("bleeding", "bleeeding"),
    ("dysphagia", "dysphagai"),
    ("swallowing", "swalowing"),
    ("received", "recieved"),
    ("stools", "stoold"),
];

/// Replaces whole words by slips: each candidate word is slipped with probability `rate`.
pub fn spelling_slips(text: &str, rng: &mut Rng, rate: f64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, rng: &mut Rng| {
        if !word.is_empty() {
            let lower = word.to_ascii_lowercase();
            let slips: Vec<&str> = SLIPS
                .iter()
                .filter(|(w, _)| *w == lower)
                .map(|(_, s)| *s)
                .collect();
            if !slips.is_empty() && rng.chance(rate) {
                let slip = *rng.pick(&slips);
                if word.chars().next().is_some_and(|c| c.is_uppercase()) {
                    out.push_str(&super::phrases::capitalise(slip));
                } else {
                    out.push_str(slip);
                }
            } else {
                out.push_str(word);
            }
            word.clear();
        }
    };
    for ch in text.chars() {
        if ch.is_ascii_alphabetic() {
            word.push(ch);
        } else {
            flush(&mut word, &mut out, rng);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out, rng);
    out
}

/// OCR errors of a scanned page: l/1 and O/0 confusions, rn/m, and words broken by a space.
/// `rate` is the chance that each eligible character (or word, for breaks) is corrupted.
pub fn ocr_noise(text: &str, rng: &mut Rng, rate: f64) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut word_len = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_alphanumeric() {
            word_len += 1;
        } else {
            word_len = 0;
        }
        match c {
            'r' if next == Some('n') && rng.chance(rate * 3.0) => {
                out.push('m');
                i += 2;
                continue;
            }
            'm' if rng.chance(rate * 2.0) => out.push_str("rn"),
            'l' if rng.chance(rate * 2.0) => out.push('1'),
            'I' if rng.chance(rate * 2.0) => out.push('l'),
            '1' if rng.chance(rate) => out.push('l'),
            'O' if rng.chance(rate * 2.0) => out.push('0'),
            'o' if rng.chance(rate * 0.5) => out.push('0'),
            '0' if rng.chance(rate) => out.push('O'),
            _ => out.push(c),
        }
        // Break a long word after its fourth letter now and then.
        if word_len == 4
            && next.is_some_and(|n| n.is_alphabetic())
            && chars.get(i + 2).is_some_and(|n| n.is_alphabetic())
            && rng.chance(rate * 0.5)
        {
            out.push(' ');
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_keep_case_and_other_words() {
        let mut rng = Rng::new(1);
        let s = spelling_slips("Diarrhoea and bloating.", &mut rng, 1.0);
        assert!(
            s == "Diarrhea and bloating." || s == "Diarhoea and bloating.",
            "{s}"
        );
    }

    #[test]
    fn ocr_noise_changes_some_characters_only() {
        let mut rng = Rng::new(2);
        let text = "Haemoglobin 101 g/L, ferritin 10, FIT 10 - colonoscopy normal. ".repeat(20);
        let noisy = ocr_noise(&text, &mut rng, 0.05);
        assert_ne!(noisy, text);
        let clean = ocr_noise(&text, &mut rng, 0.0);
        assert_eq!(clean, text);
    }
}
