// Shared by the build scripts of the root package, `service` and `api` (through `include!`).

/// `paperlite_postgres` when `PAPERLITE_TEST_POSTGRES_URL` is set: without it the PostgreSQL
/// tests are counted as ignored in the summary, with the reason, rather than passing without
/// checking anything.
fn postgres_cfg() {
    println!("cargo::rustc-check-cfg=cfg(paperlite_postgres)");
    println!("cargo::rerun-if-env-changed=PAPERLITE_TEST_POSTGRES_URL");
    if std::env::var_os("PAPERLITE_TEST_POSTGRES_URL").is_some() {
        println!("cargo::rustc-cfg=paperlite_postgres");
    }
}
