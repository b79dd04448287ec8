//! The bag-of-words baseline: TF-IDF features (lower-cased word unigrams and bigrams,
//! sublinear term frequency, smoothed IDF, L2-normalised) and one multinomial logistic
//! regression per head, trained by seeded mini-batch SGD with L2 regularisation.
//!
//! It is what a data scientist would try first; the transformer has to beat it to earn its
//! keep.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use types::rng::Rng;

/// Training settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfConfig {
    /// Terms seen in fewer training letters than this are dropped.
    pub min_df: usize,
    /// Keep at most this many terms (the most frequent by document frequency).
    pub max_features: usize,
    pub epochs: usize,
    pub learning_rate: f64,
    /// L2 penalty on the weights.
    pub l2: f64,
    pub batch_size: usize,
    pub seed: u64,
}

impl Default for TfidfConfig {
    fn default() -> Self {
        TfidfConfig {
            min_df: 2,
            max_features: 30_000,
            epochs: 12,
            learning_rate: 2.0,
            l2: 1e-6,
            batch_size: 32,
            seed: 17,
        }
    }
}

/// A sparse L2-normalised TF-IDF vector.
type Sparse = Vec<(u32, f32)>;

/// The fitted vectoriser.
#[derive(Debug, Clone)]
pub struct Vectorizer {
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
}

/// Lower-cased alphanumeric words, then their bigrams.
pub fn terms(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = words.clone();
    out.extend(words.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    out
}

impl Vectorizer {
    pub fn fit(texts: &[&str], config: &TfidfConfig) -> Vectorizer {
        let mut df: HashMap<String, usize> = HashMap::new();
        for t in texts {
            let mut seen: Vec<String> = terms(t);
            seen.sort_unstable();
            seen.dedup();
            for term in seen {
                *df.entry(term).or_default() += 1;
            }
        }
        let mut kept: Vec<(String, usize)> = df
            .into_iter()
            .filter(|(_, n)| *n >= config.min_df.max(1))
            .collect();
        // Most frequent first, ties by the term itself: deterministic whatever the hashing.
        kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        kept.truncate(config.max_features);
        let n = texts.len() as f64;
        let mut vocab = HashMap::with_capacity(kept.len());
        let mut idf = Vec::with_capacity(kept.len());
        for (i, (term, d)) in kept.into_iter().enumerate() {
            vocab.insert(term, i as u32);
            idf.push((((1.0 + n) / (1.0 + d as f64)).ln() + 1.0) as f32);
        }
        Vectorizer { vocab, idf }
    }

    pub fn features(&self) -> usize {
        self.idf.len()
    }

    pub fn transform(&self, text: &str) -> Sparse {
        let mut tf: BTreeMap<u32, f32> = BTreeMap::new();
        for term in terms(text) {
            if let Some(&i) = self.vocab.get(&term) {
                *tf.entry(i).or_default() += 1.0;
            }
        }
        let mut v: Sparse = tf
            .into_iter()
            .map(|(i, c)| (i, (1.0 + c.ln()) * self.idf[i as usize]))
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, x) in &mut v {
                *x /= norm;
            }
        }
        v
    }
}

/// Multinomial logistic regression over sparse features.
#[derive(Debug, Clone)]
pub struct LogisticRegression {
    /// `weights[class][feature]`.
    weights: Vec<Vec<f32>>,
    bias: Vec<f32>,
}

fn softmax(z: &mut [f64]) {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for x in z.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    for x in z.iter_mut() {
        *x /= sum;
    }
}

impl LogisticRegression {
    /// Trains on `(features, class)` pairs over `classes` classes.
    pub fn fit(
        x: &[Sparse],
        y: &[usize],
        classes: usize,
        features: usize,
        config: &TfidfConfig,
    ) -> LogisticRegression {
        let mut model = LogisticRegression {
            weights: vec![vec![0.0; features]; classes],
            bias: vec![0.0; classes],
        };
        let mut order: Vec<usize> = (0..x.len()).collect();
        let mut rng = Rng::new(config.seed);
        let batch = config.batch_size.max(1);
        let mut grad = vec![0.0f64; classes];
        for epoch in 0..config.epochs {
            rng.shuffle(&mut order);
            let lr = config.learning_rate / (1.0 + epoch as f64);
            for chunk in order.chunks(batch) {
                let step = lr / chunk.len() as f64;
                // Plain SGD: the gradient of each letter in the mini-batch is applied with the
                // batch's step; the L2 shrink is applied once per batch to the touched rows.
                for &i in chunk {
                    let mut z = model.scores(&x[i]);
                    softmax(&mut z);
                    for (c, g) in grad.iter_mut().enumerate() {
                        *g = z[c] - f64::from(u8::from(c == y[i]));
                    }
                    for (c, &g) in grad.iter().enumerate() {
                        if g == 0.0 {
                            continue;
                        }
                        let w = &mut model.weights[c];
                        for &(f, v) in &x[i] {
                            let wf = &mut w[f as usize];
                            *wf -= (step * (g * f64::from(v) + config.l2 * f64::from(*wf))) as f32;
                        }
                        model.bias[c] -= (step * g) as f32;
                    }
                }
            }
        }
        model
    }

    fn scores(&self, x: &Sparse) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.bias)
            .map(|(w, b)| {
                f64::from(*b)
                    + x.iter()
                        .map(|&(f, v)| f64::from(w[f as usize]) * f64::from(v))
                        .sum::<f64>()
            })
            .collect()
    }

    /// Class probabilities.
    pub fn predict_proba(&self, x: &Sparse) -> Vec<f64> {
        let mut z = self.scores(x);
        softmax(&mut z);
        z
    }
}

/// The baseline for both heads.
#[derive(Debug, Clone)]
pub struct TfidfBaseline {
    vectorizer: Vectorizer,
    urgency: LogisticRegression,
    pathway: LogisticRegression,
}

impl TfidfBaseline {
    /// Trains on texts with urgency and pathway class indices.
    pub fn train(
        texts: &[&str],
        urgency: &[usize],
        pathway: &[usize],
        classes: (usize, usize),
        config: &TfidfConfig,
    ) -> TfidfBaseline {
        let vectorizer = Vectorizer::fit(texts, config);
        let x: Vec<Sparse> = texts.iter().map(|t| vectorizer.transform(t)).collect();
        let f = vectorizer.features();
        TfidfBaseline {
            urgency: LogisticRegression::fit(&x, urgency, classes.0, f, config),
            pathway: LogisticRegression::fit(&x, pathway, classes.1, f, config),
            vectorizer,
        }
    }

    pub fn features(&self) -> usize {
        self.vectorizer.features()
    }

    /// Urgency and pathway probabilities of one letter.
    pub fn predict(&self, text: &str) -> (Vec<f64>, Vec<f64>) {
        let x = self.vectorizer.transform(text);
        (
            self.urgency.predict_proba(&x),
            self.pathway.predict_proba(&x),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_lowercased_words_and_bigrams() {
        assert_eq!(
            terms("FIT 45, PR-bleed"),
            ["fit", "45", "pr", "bleed", "fit 45", "45 pr", "pr bleed"]
        );
    }

    #[test]
    fn tfidf_vectors_are_unit_length_and_rare_terms_weigh_more() {
        let texts = ["dysphagia weight", "weight loss", "weight gain"];
        let v = Vectorizer::fit(
            &texts,
            &TfidfConfig {
                min_df: 1,
                ..TfidfConfig::default()
            },
        );
        let x = v.transform("dysphagia weight");
        let norm: f32 = x.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        let weight_of = |term: &str| {
            let id = v.vocab[term];
            x.iter().find(|(i, _)| *i == id).map_or(0.0, |(_, w)| *w)
        };
        assert!(weight_of("dysphagia") > weight_of("weight"));
        assert!(v.transform("unseen words only").is_empty());
    }

    #[test]
    fn learns_a_separable_toy_problem() {
        let mut texts = Vec::new();
        let mut u = Vec::new();
        let mut p = Vec::new();
        for i in 0..60 {
            let (t, a, b) = match i % 3 {
                0 => ("progressive dysphagia to solids", 0, 1),
                1 => ("bloody diarrhoea for weeks", 1, 2),
                _ => ("bloating and wind, mild", 2, 4),
            };
            texts.push(format!("{t} letter {i}"));
            u.push(a);
            p.push(b);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let m = TfidfBaseline::train(&refs, &u, &p, (4, 5), &TfidfConfig::default());
        let (pu, pp) = m.predict("new letter: dysphagia to solids");
        assert!((pu.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(triage::model::metrics::argmax(&pu), 0, "{pu:?}");
        assert_eq!(triage::model::metrics::argmax(&pp), 1, "{pp:?}");
        let (pu, _) = m.predict("bloody diarrhoea");
        assert_eq!(triage::model::metrics::argmax(&pu), 1, "{pu:?}");
    }
}
