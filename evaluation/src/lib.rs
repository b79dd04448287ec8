//! Metrics and evaluation harnesses for PaperLite's OCR (search and triage come later).

pub mod ocr_eval;
pub mod search_eval;
pub mod text_metrics;

pub use ocr_eval::{evaluate_ocr, find_ground_truth, OcrEvalReport};
pub use text_metrics::{char_errors, word_errors, ErrorCount};
