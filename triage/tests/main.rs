//! Integration tests of paperlite-triage: one test binary, its modules under `tests/main/`.

#[path = "main/checker.rs"]
mod checker;
#[path = "main/dataset.rs"]
mod dataset;
#[path = "main/encoder.rs"]
mod encoder;
#[path = "main/facts.rs"]
mod facts;
#[path = "main/model.rs"]
mod model;
