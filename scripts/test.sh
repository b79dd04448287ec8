#!/usr/bin/env bash
# Installs what PaperLite needs, builds it and runs the whole test suite: formatting,
# clippy, the API docs (broken links are errors), and every crate's unit and integration tests. PostgreSQL tests run when
# PAPERLITE_TEST_POSTGRES_URL is set (.ci/run sets it); otherwise they say they were skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
cargo test --workspace --locked
