//! Text to model input: the WordPiece tokenizer and how numbers are shown to the model.
//!
//! **Numbers.** Thresholds decide labels (FIT 9 vs 10, Hb 119 vs 120, age 54 vs 55), so the
//! model must see values, not whatever sub-words a vocabulary happens to hold. With
//! [`NumberEncoding::DigitsWithPlace`] (the default) the pre-tokenizer splits every number
//! into single digits, and each digit token also gets a *place* (units, tens, hundreds,
//! thousands or more, first decimal, later decimals), read from the raw text and fed to the
//! network as a learned place embedding added to the token embedding. "FIT 12" is then
//! `fit 1@tens 2@units` and "FIT 9" is `fit 9@units`: magnitude and digits are explicit for any
//! number, with no knowledge of which values matter (no thresholds or analyte names are built
//! in). [`NumberEncoding::Plain`] is the baseline: numbers are words like any other.

use serde::{Deserialize, Serialize};
use tokenizers::models::wordpiece::{WordPiece, WordPieceTrainerBuilder};
use tokenizers::models::{ModelWrapper, TrainerWrapper};
use tokenizers::normalizers::bert::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::pre_tokenizers::digits::Digits;
use tokenizers::pre_tokenizers::sequence::Sequence;
use tokenizers::pre_tokenizers::PreTokenizerWrapper;
use tokenizers::{
    AddedToken, DecoderWrapper, NormalizerWrapper, PostProcessorWrapper, Tokenizer, TokenizerImpl,
};

use crate::error::{Error, Result};

/// Padding token (id 0).
pub const PAD: &str = "[PAD]";
/// Unknown-token marker (id 1).
pub const UNK: &str = "[UNK]";

/// How numbers reach the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberEncoding {
    /// Numbers are ordinary words for the WordPiece vocabulary (the baseline).
    Plain,
    /// Single digits plus a place embedding (units, tens, hundreds, ...).
    #[default]
    DigitsWithPlace,
}

/// The number of place ids: 0 (not a digit), units, tens, hundreds, thousands+, first
/// decimal, later decimals.
pub const N_PLACES: usize = 7;

/// Trains a WordPiece tokenizer (lower-casing, accent-stripping BERT normaliser; BERT
/// pre-tokenizer, plus single-digit splitting with [`NumberEncoding::DigitsWithPlace`]).
pub fn train_tokenizer<S: AsRef<str> + Sync>(
    texts: &[S],
    vocab_size: usize,
    numbers: NumberEncoding,
) -> Result<Tokenizer> {
    let unk = WordPiece::builder()
        .unk_token(UNK.to_string())
        .build()
        .map_err(tok_err)?;
    let mut tk: TokenizerImpl<
        ModelWrapper,
        NormalizerWrapper,
        PreTokenizerWrapper,
        PostProcessorWrapper,
        DecoderWrapper,
    > = TokenizerImpl::new(ModelWrapper::WordPiece(unk));
    tk.with_normalizer(Some(BertNormalizer::new(true, true, Some(true), true)))
        .map_err(tok_err)?;
    let pre: PreTokenizerWrapper = match numbers {
        NumberEncoding::Plain => BertPreTokenizer.into(),
        NumberEncoding::DigitsWithPlace => {
            Sequence::new(vec![BertPreTokenizer.into(), Digits::new(true).into()]).into()
        }
    };
    tk.with_pre_tokenizer(Some(pre));
    let mut trainer: TrainerWrapper = WordPieceTrainerBuilder::new()
        .vocab_size(vocab_size)
        .min_frequency(2)
        .show_progress(false)
        .special_tokens(vec![
            AddedToken::from(PAD, true),
            AddedToken::from(UNK, true),
        ])
        .build()
        .into();
    tk.train(&mut trainer, texts.iter().map(|t| t.as_ref()))
        .map_err(tok_err)?;
    canonical_ids(&Tokenizer::from(tk))
}

/// The trainer picks a deterministic set of tokens but numbers them in hash-map order, which
/// changes from run to run; renumber them (specials first, then in string order) so that the
/// same letters always give the same token ids, and so the same seed the same model.
fn canonical_ids(tokenizer: &Tokenizer) -> Result<Tokenizer> {
    let json = tokenizer.to_string(false).map_err(tok_err)?;
    let mut value: serde_json::Value = serde_json::from_str(&json)
        .map_err(|e| Error::Tokenizer(format!("cannot re-read the tokenizer: {e}")))?;
    let mut tokens: Vec<String> = value["model"]["vocab"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    if tokens.is_empty() {
        return Err(Error::Tokenizer(
            "the trained tokenizer has no vocabulary".into(),
        ));
    }
    let rank = |t: &str| match t {
        PAD => 0,
        UNK => 1,
        _ => 2,
    };
    tokens.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    let vocab: serde_json::Map<String, serde_json::Value> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), serde_json::Value::from(i)))
        .collect();
    if let Some(added) = value["added_tokens"].as_array_mut() {
        for a in added {
            let id = a["content"]
                .as_str()
                .and_then(|c| tokens.iter().position(|t| t == c));
            if let Some(id) = id {
                a["id"] = serde_json::Value::from(id);
            }
        }
    }
    value["model"]["vocab"] = serde_json::Value::Object(vocab);
    Tokenizer::from_bytes(value.to_string()).map_err(tok_err)
}

pub(crate) fn tok_err(e: tokenizers::Error) -> Error {
    Error::Tokenizer(e.to_string())
}

/// One letter as the network takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub ids: Vec<u32>,
    /// Place id of each token (0 unless it is a digit under `DigitsWithPlace`).
    pub places: Vec<u32>,
}

/// The tokenizer with the number handling and the length limit of a model.
#[derive(Clone)]
pub struct TextEncoder {
    tokenizer: Tokenizer,
    numbers: NumberEncoding,
    max_len: usize,
    pad_id: u32,
}

impl TextEncoder {
    pub fn new(tokenizer: Tokenizer, numbers: NumberEncoding, max_len: usize) -> TextEncoder {
        let pad_id = tokenizer.token_to_id(PAD).unwrap_or(0);
        TextEncoder {
            tokenizer,
            numbers,
            max_len: max_len.max(2),
            pad_id,
        }
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    pub fn pad_id(&self) -> u32 {
        self.pad_id
    }

    /// Tokens of `text`, cut to the model's length: a long letter keeps its first three
    /// quarters and its last quarter (the request and the sign-off both carry facts).
    pub fn encode(&self, text: &str) -> Result<Encoded> {
        let enc = self.tokenizer.encode(text, false).map_err(tok_err)?;
        let ids = enc.get_ids();
        let places: Vec<u32> = match self.numbers {
            NumberEncoding::Plain => vec![0; ids.len()],
            NumberEncoding::DigitsWithPlace => {
                let by_byte = digit_places(text);
                enc.get_offsets()
                    .iter()
                    .map(|&(start, _)| by_byte.get(start).copied().map_or(0, u32::from))
                    .collect()
            }
        };
        let (ids, places) = if ids.len() > self.max_len {
            let head = self.max_len * 3 / 4;
            let tail = self.max_len - head;
            let cut = ids.len() - tail;
            let mut i: Vec<u32> = ids[..head].to_vec();
            i.extend_from_slice(&ids[cut..]);
            let mut p: Vec<u32> = places[..head].to_vec();
            p.extend_from_slice(&places[cut..]);
            (i, p)
        } else {
            (ids.to_vec(), places)
        };
        Ok(Encoded { ids, places })
    }

    /// The number of tokens before truncation.
    pub fn token_count(&self, text: &str) -> Result<usize> {
        Ok(self.tokenizer.encode(text, false).map_err(tok_err)?.len())
    }
}

/// For every byte of `text`, the place id of the digit there (0 when it is not a digit): 1
/// units, 2 tens, 3 hundreds, 4 thousands or more, 5 first decimal, 6 later decimals. A run of
/// digits after a decimal point that follows a digit is a fractional part.
pub fn digit_places(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = vec![0u8; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let fractional =
            start >= 2 && bytes[start - 1] == b'.' && bytes[start - 2].is_ascii_digit();
        for (k, slot) in out[start..i].iter_mut().enumerate() {
            *slot = if fractional {
                if k == 0 {
                    5
                } else {
                    6
                }
            } else {
                match i - start - k {
                    1 => 1,
                    2 => 2,
                    3 => 3,
                    _ => 4,
                }
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_integers_and_decimals() {
        let p = digit_places("FIT 12, Hb 9.8, 2024");
        assert_eq!(&p[4..6], &[2, 1]);
        assert_eq!(p[11], 1); // 9
        assert_eq!(p[12], 0); // .
        assert_eq!(p[13], 5); // 8
        assert_eq!(&p[16..20], &[4, 3, 2, 1]);
        assert!(digit_places("no numbers").iter().all(|&x| x == 0));
    }

    #[test]
    fn digits_are_split_and_placed() -> anyhow::Result<()> {
        let texts = vec![
            "FIT 12 ug/g and Hb 98 g/L in a 67 year old.".to_string(),
            "FIT 9, ferritin 8, café au lait".to_string(),
        ];
        let tok = train_tokenizer(&texts, 200, NumberEncoding::DigitsWithPlace)?;
        let enc = TextEncoder::new(tok, NumberEncoding::DigitsWithPlace, 64);
        let e = enc.encode("FIT 12 Café")?;
        let tokens: Vec<String> = e
            .ids
            .iter()
            .map(|&id| enc.tokenizer().id_to_token(id).unwrap_or_default())
            .collect();
        assert_eq!(tokens[..3], ["fit", "1", "2"]);
        assert_eq!(e.places[..3], [0, 2, 1]);
        // Lower-cased and accents stripped.
        assert!(tokens
            .iter()
            .all(|t| t.is_ascii() && *t == t.to_lowercase()));
        // Specials first; the same letters give the same ids every time.
        assert_eq!(enc.tokenizer().token_to_id(PAD), Some(0));
        assert_eq!(enc.tokenizer().token_to_id(UNK), Some(1));
        let again = train_tokenizer(&texts, 200, NumberEncoding::DigitsWithPlace)?;
        assert_eq!(
            again.to_string(false).map_err(tok_err)?,
            enc.tokenizer().to_string(false).map_err(tok_err)?
        );
        let plain = train_tokenizer(&texts, 200, NumberEncoding::Plain)?;
        let enc = TextEncoder::new(plain, NumberEncoding::Plain, 64);
        let e = enc.encode("FIT 12")?;
        assert!(e.places.iter().all(|&p| p == 0));
        Ok(())
    }

    #[test]
    fn long_letters_keep_head_and_tail() -> anyhow::Result<()> {
        let text = (0..100)
            .map(|i| format!("w{}", i % 7))
            .collect::<Vec<_>>()
            .join(" ");
        let tok = train_tokenizer(std::slice::from_ref(&text), 100, NumberEncoding::Plain)?;
        let enc = TextEncoder::new(tok, NumberEncoding::Plain, 20);
        assert_eq!(enc.encode(&text)?.ids.len(), 20);
        Ok(())
    }
}
