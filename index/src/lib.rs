//! paperlite-index
