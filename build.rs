//! Tells the tests what this machine can run, so a test that cannot run here is counted as
//! ignored in the summary (with the reason) instead of passing without checking anything:
//! `paperlite_postgres` when `PAPERLITE_TEST_POSTGRES_URL` is set, `paperlite_browser` when
//! Chromium and ChromeDriver are installed (`scripts/install.sh` installs both).

use std::path::Path;

const CHROMIUM: [&str; 2] = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const DRIVER: [&str; 2] = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

include!("service/pg_cfg.rs");

fn main() {
    postgres_cfg();
    println!("cargo::rustc-check-cfg=cfg(paperlite_browser)");
    match (found(&CHROMIUM), found(&DRIVER)) {
        (Some(chromium), Some(driver)) => {
            println!("cargo::rerun-if-changed={chromium}");
            println!("cargo::rerun-if-changed={driver}");
            println!("cargo::rustc-cfg=paperlite_browser");
        }
        // Installing them changes the folder: the tests are built again with the browser.
        _ => println!("cargo::rerun-if-changed=/usr/bin"),
    }
}

fn found(paths: &[&'static str]) -> Option<&'static str> {
    paths.iter().copied().find(|p| Path::new(p).is_file())
}
