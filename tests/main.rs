//! End-to-end tests of the `paperlite` binary, run against SQLite always and against
//! PostgreSQL when `PAPERLITE_TEST_POSTGRES_URL` is set.

mod cli;
