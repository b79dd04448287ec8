pub mod eval;
pub mod ocr;
pub mod scan;
pub mod status;
