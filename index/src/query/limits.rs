//! Bounds on a query's size, checked on the raw text before the grammar sees it.
//!
//! tantivy's query grammar recurses once per parenthesis and per `NOT`, and so does the
//! builder that turns its tree into a query: a query of a few thousand nested parentheses
//! or chained `NOT`s would overflow the stack and abort the process. The text is therefore
//! scanned (without recursion) for its length, its nesting depth and its number of words,
//! and refused with a reason the user can act on when any is over its limit.

use crate::error::{Error, Result};

/// Limits on one query (from [`IndexConfig`](crate::IndexConfig)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QueryLimits {
    pub max_chars: usize,
    pub max_depth: usize,
    pub max_terms: usize,
    pub max_expansions: usize,
}

impl Default for QueryLimits {
    fn default() -> Self {
        let config = crate::IndexConfig::default();
        QueryLimits::from(&config)
    }
}

impl From<&crate::IndexConfig> for QueryLimits {
    fn from(config: &crate::IndexConfig) -> Self {
        QueryLimits {
            max_chars: config.max_query_chars,
            max_depth: config.max_query_depth,
            max_terms: config.max_query_terms,
            max_expansions: config.max_query_expansions,
        }
    }
}

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Shape {
    pub chars: usize,
    /// Upper bound of the grammar's recursion depth: open parentheses plus pending `NOT`s.
    pub depth: usize,
    /// Words with at least one letter or digit (operators not counted).
    pub terms: usize,
}

/// Measures `text` in one pass, without recursion.
pub(crate) fn shape(text: &str) -> Shape {
    let mut shape = Shape {
        chars: text.chars().count(),
        ..Shape::default()
    };
    // Each open parenthesis remembers how much depth it added (itself plus the `NOT`s
    // written just before it), so that `)` gives back exactly that.
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut pending_nots = 0usize;
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    let mut in_phrase = false;
    let end_word = |word: &mut String, shape: &mut Shape, pending: &mut usize, depth: usize| {
        if word.is_empty() {
            return;
        }
        if word == "NOT" {
            *pending += 1;
            shape.depth = shape.depth.max(depth + *pending);
        } else if !matches!(word.as_str(), "AND" | "OR" | "TO" | "IN") {
            if word.chars().any(char::is_alphanumeric) {
                shape.terms += 1;
            }
            *pending = 0;
        }
        word.clear();
    };
    while let Some(c) = chars.next() {
        if in_phrase {
            match c {
                '"' => in_phrase = false,
                '\\' => word.extend(chars.next()),
                c if c.is_whitespace() => end_word(&mut word, &mut shape, &mut 0, depth),
                c => word.push(c),
            }
            if !in_phrase || chars.peek().is_none() {
                end_word(&mut word, &mut shape, &mut 0, depth);
                pending_nots = 0;
            }
            continue;
        }
        match c {
            '\\' => {
                word.push(c);
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            '"' => {
                end_word(&mut word, &mut shape, &mut pending_nots, depth);
                in_phrase = true;
            }
            '(' => {
                end_word(&mut word, &mut shape, &mut pending_nots, depth);
                let added = pending_nots + 1;
                open.push(added);
                depth += added;
                pending_nots = 0;
                shape.depth = shape.depth.max(depth);
            }
            ')' => {
                end_word(&mut word, &mut shape, &mut pending_nots, depth);
                depth -= open.pop().unwrap_or(0);
                pending_nots = 0;
            }
            c if c.is_whitespace() => end_word(&mut word, &mut shape, &mut pending_nots, depth),
            c => word.push(c),
        }
    }
    end_word(&mut word, &mut shape, &mut pending_nots, depth);
    shape
}

/// Refuses a query over any of the limits, before it is parsed.
pub(crate) fn check(text: &str, limits: &QueryLimits) -> Result<()> {
    let shape = shape(text);
    let over = [
        (shape.chars > limits.max_chars).then(|| {
            format!(
                "the query is {} characters long; at most {} are accepted: search for fewer words",
                shape.chars, limits.max_chars
            )
        }),
        (shape.depth > limits.max_depth).then(|| {
            format!(
                "the query nests parentheses and NOT {} levels deep; at most {} are accepted",
                shape.depth, limits.max_depth
            )
        }),
        (shape.terms > limits.max_terms).then(|| {
            format!(
                "the query has {} words; at most {} are accepted: search for fewer words",
                shape.terms, limits.max_terms
            )
        }),
    ];
    match over.into_iter().flatten().next() {
        Some(reason) => Err(Error::invalid_query(&shorten(text), reason)),
        None => Ok(()),
    }
}

/// The start of a long query, for messages (the error echoes the query back).
fn shorten(text: &str) -> String {
    const SHOWN: usize = 80;
    if text.chars().count() <= SHOWN {
        return text.to_string();
    }
    let mut out: String = text.chars().take(SHOWN).collect();
    out.push_str("...");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_parentheses_and_nots() {
        assert_eq!(shape("anaemia").depth, 0);
        assert_eq!(shape("(a OR b) AND c").depth, 1);
        assert_eq!(shape("NOT (NOT (a))").depth, 4);
        assert_eq!(shape("a AND NOT b AND NOT c").depth, 1);
        assert_eq!(shape("NOT NOT NOT a").depth, 3);
        assert_eq!(shape("((((a))))").depth, 4);
        assert_eq!(shape("\"(((\" a").depth, 0, "parentheses in a phrase");
        assert_eq!(shape("a\\(b").depth, 0, "an escaped parenthesis");
        assert_eq!(
            shape(")))(a").depth,
            1,
            "unbalanced closings do not underflow"
        );
    }

    #[test]
    fn terms_count_words_not_operators() {
        assert_eq!(shape("iron AND ferritin OR NOT b12").terms, 3);
        assert_eq!(shape("\"rectal bleeding\" anaemia").terms, 3);
        assert_eq!(shape("type:referral_letter date:[2023 TO 2024]").terms, 3);
        assert_eq!(shape("+ - ( ) &").terms, 0);
    }

    #[test]
    fn over_the_limits_is_a_user_error_with_a_reason() {
        let limits = QueryLimits::default();
        let deep = format!("{}a{}", "(".repeat(2_100), ")".repeat(2_100));
        let long = Error::to_string(&check(&deep, &limits).unwrap_err());
        assert!(long.contains("characters long"), "{long}");
        let nested = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        let err = check(&nested, &limits).unwrap_err();
        assert!(err.is_user_error());
        assert!(err.to_string().contains("levels deep"), "{err}");
        let many = vec!["word"; 100].join(" OR ");
        let err = check(&many, &limits).unwrap_err();
        assert!(err.to_string().contains("100 words"), "{err}");
        assert!(check("(iron OR ferritin) AND NOT smoker", &limits).is_ok());
    }
}
