//! Integration tests of paperlite-synthetic: one test binary, its modules under `tests/main/`.

#[path = "main/letters.rs"]
mod letters;
