//! Character and word error rates (Levenshtein distance over the reference length).

/// Collapses every run of whitespace into one space and trims the ends, so that layout
/// differences (line breaks, indentation) do not count as errors.
pub fn normalize_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Edit distance (insertions, deletions, substitutions) between two sequences.
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(x != y);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Errors and reference length for one comparison; rates are errors / reference length,
/// and sums of these give corpus-level rates weighted by length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ErrorCount {
    pub errors: usize,
    pub reference_len: usize,
}

impl ErrorCount {
    pub fn rate(&self) -> f64 {
        if self.reference_len == 0 {
            if self.errors == 0 {
                0.0
            } else {
                1.0
            }
        } else {
            self.errors as f64 / self.reference_len as f64
        }
    }

    pub fn add(&mut self, other: ErrorCount) {
        self.errors += other.errors;
        self.reference_len += other.reference_len;
    }
}

/// Words of `reference` missing from `hypothesis`, in any order (each hypothesis word used
/// once; case and surrounding punctuation ignored). Unlike CER, reading a two-column block
/// straight across or a form's fields in another order costs nothing here: this counts what
/// a search for the page's words would miss.
pub fn missed_words(reference: &str, hypothesis: &str) -> ErrorCount {
    use std::collections::HashMap;
    let key = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut available: HashMap<String, usize> = HashMap::new();
    for w in hypothesis
        .split_whitespace()
        .map(key)
        .filter(|w| !w.is_empty())
    {
        *available.entry(w).or_default() += 1;
    }
    let mut count = ErrorCount::default();
    for w in reference
        .split_whitespace()
        .map(key)
        .filter(|w| !w.is_empty())
    {
        count.reference_len += 1;
        match available.get_mut(&w) {
            Some(n) if *n > 0 => *n -= 1,
            _ => count.errors += 1,
        }
    }
    count
}

/// Character errors of `hypothesis` against `reference`, whitespace-normalised.
pub fn char_errors(reference: &str, hypothesis: &str) -> ErrorCount {
    let r: Vec<char> = normalize_whitespace(reference).chars().collect();
    let h: Vec<char> = normalize_whitespace(hypothesis).chars().collect();
    ErrorCount {
        errors: levenshtein(&r, &h),
        reference_len: r.len(),
    }
}

/// Word errors of `hypothesis` against `reference`.
pub fn word_errors(reference: &str, hypothesis: &str) -> ErrorCount {
    let r: Vec<&str> = reference.split_whitespace().collect();
    let h: Vec<&str> = hypothesis.split_whitespace().collect();
    ErrorCount {
        errors: levenshtein(&r, &h),
        reference_len: r.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_distances() {
        assert_eq!(
            levenshtein(
                &['k', 'i', 't', 't', 'e', 'n'],
                &['s', 'i', 't', 't', 'i', 'n', 'g']
            ),
            3
        );
        assert_eq!(levenshtein::<char>(&[], &['a', 'b']), 2);
        assert_eq!(levenshtein(&['a', 'b'], &[]), 2);
        assert_eq!(levenshtein(&[1, 2, 3], &[1, 2, 3]), 0);
    }

    #[test]
    fn error_rates() {
        // "Hb 98" read as "Hb 9B": one substitution in five characters.
        let e = char_errors("Hb  98\n", "Hb 9B");
        assert_eq!(
            e,
            ErrorCount {
                errors: 1,
                reference_len: 5
            }
        );
        assert!((e.rate() - 0.2).abs() < 1e-12);
        let w = word_errors("rectal bleeding for six weeks", "rectal bleedinq for weeks");
        assert_eq!(
            w,
            ErrorCount {
                errors: 2,
                reference_len: 5
            }
        );
        // An empty reference: perfect if nothing was read, all wrong otherwise.
        assert_eq!(char_errors("", "").rate(), 0.0);
        assert_eq!(char_errors("", "noise").rate(), 1.0);
        let mut total = ErrorCount::default();
        total.add(e);
        total.add(ErrorCount {
            errors: 0,
            reference_len: 15,
        });
        assert!((total.rate() - 0.05).abs() < 1e-12);
    }

    #[test]
    fn missed_words_ignore_reading_order() {
        let truth = "Name: Ann Smith   NHS: 999 123 4567\nDOB: 01/02/1950";
        // Two columns read straight across: high CER, nothing missed.
        let across = "DOB: 01/02/1950 Name: Ann Smith NHS: 999 123 4567";
        assert!(char_errors(truth, across).rate() > 0.3);
        assert_eq!(missed_words(truth, across).errors, 0);
        // A misread and a dropped word are missed; extra junk costs nothing here.
        let misread = "Name: Ann Smlth NHS: 999 123 4567 ~;' DOB:";
        let m = missed_words(truth, misread);
        assert_eq!((m.errors, m.reference_len), (2, 9));
        // Each hypothesis word is used once.
        assert_eq!(missed_words("no no no", "no").errors, 2);
    }
}
