//! paperlite-types
