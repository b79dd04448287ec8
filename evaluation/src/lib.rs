//! paperlite-evaluation
