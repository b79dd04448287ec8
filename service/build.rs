//! The build script of `service` and `api` (`build = "../service/build.rs"`): tells the tests
//! whether PostgreSQL is there to test against.

include!("pg_cfg.rs");

fn main() {
    postgres_cfg();
}
