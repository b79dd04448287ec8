//! paperlite-triage
