//! End to end in a real headless browser: Debian's `chromium`, driven through
//! `chromedriver`'s WebDriver protocol (plain HTTP on loopback) against `paperlite serve` with
//! its in-process worker. Records staff upload a scan, a clinician finds it with a highlight,
//! a consultant overrides its triage, and the admin sees the override in the audit log.
//! Skipped (with a note) where chromium or chromedriver is not installed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::{json, Value};

use super::common::{samples, Backend};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One HTTP/1.1 request with a JSON body; returns the JSON answer.
fn http_json(addr: &str, method: &str, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver keeps the connection open: read the head, then Content-Length bytes.
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        anyhow::ensure!(reader.read_line(&mut line)? > 0, "connection closed");
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse()?;
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    Ok(serde_json::from_slice(&body).unwrap_or(Value::Null))
}

struct Browser {
    driver: Child,
    addr: String,
    session: String,
}

impl Browser {
    fn start() -> anyhow::Result<Browser> {
        let (Some(chromium), Some(driver)) = (
            find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]),
            find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]),
        ) else {
            anyhow::bail!(
                "chromium and chromium-driver are not installed (scripts/install.sh installs them)"
            );
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting chromedriver")?;
        let addr = format!("127.0.0.1:{port}");
        let mut browser = Browser {
            driver: child,
            addr,
            session: String::new(),
        };
        let started = Instant::now();
        while http_json(&browser.addr, "GET", "/status", None).is_err() {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        }}}});
        let v = http_json(&browser.addr, "POST", "/session", Some(&caps))?;
        browser.session = v["value"]["sessionId"]
            .as_str()
            .with_context(|| format!("no WebDriver session: {v}"))?
            .to_string();
        Ok(browser)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let v = http_json(
            &self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            Some(&body.unwrap_or_else(|| json!({}))),
        )?;
        anyhow::ensure!(v["value"]["error"].is_null(), "{method} {path}: {v}");
        Ok(v["value"].clone())
    }

    fn goto(&self, url: &str) -> anyhow::Result<()> {
        self.cmd("POST", "/url", Some(json!({"url": url})))
            .map(|_| ())
    }

    fn find(&self, css: &str) -> anyhow::Result<String> {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        )?;
        Ok(v[ELEMENT]
            .as_str()
            .with_context(|| format!("no element {css}: {v}"))?
            .to_string())
    }

    fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let id = self.find(css)?;
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        )
        .map(|_| ())
    }

    fn click(&self, css: &str) -> anyhow::Result<()> {
        let id = self.find(css)?;
        self.cmd("POST", &format!("/element/{id}/click"), None)
            .map(|_| ())
    }

    fn source(&self) -> anyhow::Result<String> {
        let v = http_json(
            &self.addr,
            "GET",
            &format!("/session/{}/source", self.session),
            None,
        )?;
        Ok(v["value"].as_str().unwrap_or("").to_string())
    }

    fn url(&self) -> anyhow::Result<String> {
        let v = http_json(
            &self.addr,
            "GET",
            &format!("/session/{}/url", self.session),
            None,
        )?;
        Ok(v["value"].as_str().unwrap_or("").to_string())
    }

    /// Waits until the page (reloading itself or reloaded here) contains `text`.
    fn wait_for(
        &self,
        text: &str,
        reload: Option<&str>,
        limit: Duration,
    ) -> anyhow::Result<String> {
        let started = Instant::now();
        loop {
            let source = self.source()?;
            if source.contains(text) {
                return Ok(source);
            }
            anyhow::ensure!(
                started.elapsed() < limit,
                "{text:?} never appeared; page: {source}"
            );
            std::thread::sleep(Duration::from_millis(500));
            if let Some(url) = reload {
                self.goto(url)?;
            }
        }
    }

    fn login(&self, base: &str, user: &str, password: &str) -> anyhow::Result<()> {
        self.goto(&format!("{base}/login"))?;
        self.type_into("#username", user)?;
        self.type_into("#password", password)?;
        self.click("main button[type=submit]")?;
        self.wait_for("Log out", None, Duration::from_secs(20))
            .map(|_| ())
    }

    fn logout(&self) -> anyhow::Result<()> {
        self.click("header button[type=submit]")?;
        self.wait_for("id=\"password\"", None, Duration::from_secs(20))
            .map(|_| ())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http_json(
            &self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn find(paths: &[&str]) -> Option<String> {
    paths
        .iter()
        .find(|p| std::path::Path::new(p).is_file())
        .map(|p| p.to_string())
}

#[test]
#[cfg_attr(
    not(paperlite_browser),
    ignore = "chromium and chromium-driver are not installed (scripts/install.sh installs them)"
)]
fn upload_search_override_and_audit_in_a_browser() -> anyhow::Result<()> {
    let browser = Browser::start()?;
    let backend = Backend::sqlite()?;
    let password = "browser-pass-1";
    let (mut server, addr, _) = super::serve::start_server(&backend, &[], password)?;
    let base = format!("http://{addr}");
    let result = (|| -> anyhow::Result<()> {
        // Records staff upload a referral letter and watch the batch finish.
        browser.login(&base, "records", password)?;
        let scan = samples().join("05_referral_dyspepsia.tiff");
        browser.type_into("#files", &scan.display().to_string())?;
        browser.click("main button[type=submit]")?;
        let page = browser.wait_for("finished", None, Duration::from_secs(240))?;
        assert!(
            page.contains("05_referral_dyspepsia.tiff") && page.contains("1 done"),
            "{page}"
        );
        browser.logout()?;

        // A clinician finds it, the hit highlighted.
        browser.login(&base, "clinician", password)?;
        let search = format!("{base}/ui/search?q=dyspepsia");
        browser.goto(&search)?;
        browser.wait_for(
            "<mark>dyspepsia</mark>",
            Some(&search),
            Duration::from_secs(30),
        )?;
        browser.logout()?;
        // Back after logging out (a shared ward PC) must not show the results again: the
        // pages are `no-store`, so the browser asks the server, which wants a login.
        browser.cmd("POST", "/back", None)?;
        let page = browser.wait_for("id=\"password\"", None, Duration::from_secs(20))?;
        assert!(!page.contains("<mark>dyspepsia</mark>"), "{page}");

        // A consultant overrides the triage suggestion.
        browser.login(&base, "consultant", password)?;
        let lists = [
            format!("{base}/ui/triage"),
            format!("{base}/ui/triage/auto-routed"),
        ];
        let mut opened = false;
        for list in &lists {
            browser.goto(list)?;
            if browser.source()?.contains("05_referral_dyspepsia.tiff") {
                browser.click("main table a")?;
                opened = true;
                break;
            }
        }
        anyhow::ensure!(
            opened,
            "the letter is on neither the worklist nor the auto-routed list"
        );
        let letter = browser.url()?;
        browser.click("#urgency option[value=urgent]")?;
        browser.type_into("#reason", "epigastric mass on examination")?;
        browser.click("form[action$='/override'] button")?;
        // Back on the worklist: the letter is under "Recently decided", overridden, with
        // the reason, and no longer waiting or on the auto-routed list.
        let page = browser.wait_for("Recently decided", None, Duration::from_secs(20))?;
        let decided = page.split("Recently decided").nth(1).unwrap_or("");
        assert!(
            decided.contains("05_referral_dyspepsia.tiff")
                && decided.contains("overridden")
                && decided.contains("epigastric mass"),
            "{page}"
        );
        let waiting = page.split("Recently decided").next().unwrap_or("");
        assert!(!waiting.contains("05_referral_dyspepsia.tiff"), "{page}");
        browser.goto(&lists[1])?;
        assert!(!browser.source()?.contains("05_referral_dyspepsia.tiff"));
        browser.goto(&letter)?;
        let page = browser.source()?;
        assert!(
            page.contains("overridden") && page.contains("epigastric mass"),
            "{page}"
        );
        browser.logout()?;

        // The admin sees it in the audit log.
        browser.login(&base, "admin", password)?;
        let page = browser.wait_for("triage_override", None, Duration::from_secs(20))?;
        assert!(page.contains("consultant") && page.contains("epigastric mass"));
        Ok(())
    })();
    super::serve::stop_server(&mut server)?;
    result
}
