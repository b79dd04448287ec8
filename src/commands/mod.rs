pub mod eval;
pub mod manage;
pub mod ocr;
pub mod scan;
pub mod search;
pub mod status;
pub mod train;
pub mod triage;
