//! Metrics, evaluation harnesses and run reports for PaperLite's OCR, search and triage.

pub mod ocr_eval;
pub mod report;
pub mod search_eval;
pub mod text_metrics;
pub mod triage_eval;

pub use ocr_eval::{evaluate_ocr, find_ground_truth, OcrEvalReport};
pub use text_metrics::{char_errors, word_errors, ErrorCount};
