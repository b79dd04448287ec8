//! paperlite-ocr
