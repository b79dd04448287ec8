//! `paperlite serve`, `paperlite user` and `paperlite worker` as a user runs them: the
//! server on a real socket (loopback, port chosen by the OS), demo users, a login, and a
//! clean stop on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use super::common::Backend;

/// One HTTP/1.1 request; returns the status code, the headers and the body.
fn http(addr: &str, request: &str) -> anyhow::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(request.as_bytes())?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, head.to_string(), body.to_string()))
}

/// Starts `paperlite serve` on a free loopback port with demo users sharing `password`;
/// returns the process, the address it printed and everything it printed.
pub(super) fn start_server(
    backend: &Backend,
    extra: &[&str],
    password: &str,
) -> anyhow::Result<(std::process::Child, String, String)> {
    let mut child = backend
        .cmd("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(extra)
        .env("PAPERLITE_ADMIN_PASSWORD", password)
        .current_dir(super::common::repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let mut addr = None;
    let mut printed = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(rest) = line.split("http://").nth(1) {
            addr = Some(rest.trim_end_matches('/').to_string());
        }
        let done = line.starts_with("Press Ctrl-C");
        printed.push(line);
        if done {
            break;
        }
    }
    let addr = addr.ok_or_else(|| anyhow::anyhow!("no address printed: {printed:?}"))?;
    Ok((child, addr, printed.join("\n")))
}

/// Ctrl-C (SIGINT) and wait: the server must exit cleanly.
pub(super) fn stop_server(child: &mut std::process::Child) -> anyhow::Result<()> {
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait()?;
    anyhow::ensure!(status.success(), "the server exited with {status:?}");
    Ok(())
}

#[test]
fn serve_creates_demo_users_answers_and_stops_on_ctrl_c() -> anyhow::Result<()> {
    let backend = Backend::sqlite()?;
    let (mut child, addr, out) = start_server(&backend, &["--no-worker"], "demo-password-1")?;
    for user in ["records", "consultant", "clinician", "scientist", "admin"] {
        assert!(out.contains(user), "{out}");
    }

    let (status, _, body) = http(
        &addr,
        "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    )?;
    assert_eq!(status, 200, "{body}");
    let login = r#"{"username":"consultant","password":"demo-password-1"}"#;
    let (status, head, body) = http(
        &addr,
        &format!(
            "POST /api/login HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{login}",
            login.len()
        ),
    )?;
    assert_eq!(status, 200, "{body}");
    assert!(
        head.to_ascii_lowercase()
            .contains("set-cookie: paperlite_session="),
        "{head}"
    );
    let (status, _, _) = http(
        &addr,
        "GET /api/triage HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    )?;
    assert_eq!(status, 401);

    // Ctrl-C: a clean exit.
    stop_server(&mut child)
}

/// `paperlite user ARGS... --data-dir DIR`.
fn user(backend: &Backend, args: &[&str]) -> std::process::Command {
    let mut c = super::common::bin();
    c.arg("user")
        .args(args)
        .arg("--data-dir")
        .arg(backend.data_dir.path())
        .env_remove("PAPERLITE_DATABASE_URL");
    c
}

#[test]
fn user_commands_add_users_and_tokens() -> anyhow::Result<()> {
    let backend = Backend::sqlite()?;
    let mut child = user(
        &backend,
        &["add", "dr.who", "--role", "consultant", "--password-stdin"],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .spawn()?;
    child
        .stdin
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdin"))?
        .write_all(b"a long enough password\n")?;
    let out = child.wait_with_output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = user(&backend, &["add", "eve", "--role", "root"]).output()?;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role"));

    let out = user(&backend, &["token", "dr.who"]).output()?;
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout)
        .trim()
        .starts_with("plt_"));
    let out = user(&backend, &["token", "nobody"]).output()?;
    assert!(!out.status.success());

    let out = user(&backend, &["list"]).output()?;
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "dr.who\tconsultant\tactive"
    );

    // Tokens are listed by id with an expiry, never the secret, and can be revoked.
    let token = user(&backend, &["token", "dr.who", "--days", "7"]).output()?;
    let token = String::from_utf8_lossy(&token.stdout).trim().to_string();
    let out = user(&backend, &["tokens", "dr.who"]).output()?;
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(!listing.contains(&token), "{listing}");
    let live: Vec<&str> = listing.lines().filter(|l| l.ends_with("\tlive")).collect();
    assert_eq!(live.len(), 2, "{listing}");
    let id = live[0].split('\t').next().unwrap_or("").to_string();
    let out = user(&backend, &["revoke", &id]).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = user(&backend, &["tokens"]).output()?;
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{id}\tdr.who")));
    assert!(String::from_utf8_lossy(&out.stdout).contains("revoked"));
    let out = user(&backend, &["revoke", &id]).output()?;
    assert!(!out.status.success(), "revoked twice");

    // A disabled user is listed as such and gets no new token.
    let out = user(&backend, &["disable", "dr.who"]).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = user(&backend, &["list"]).output()?;
    assert!(String::from_utf8_lossy(&out.stdout).contains("dr.who\tconsultant\tdisabled"));
    let out = user(&backend, &["token", "dr.who"]).output()?;
    assert!(!out.status.success());
    let out = user(&backend, &["enable", "dr.who"]).output()?;
    assert!(out.status.success());
    Ok(())
}

#[test]
fn worker_once_drains_an_empty_queue_and_exits() -> anyhow::Result<()> {
    let backend = Backend::sqlite()?;
    let out = backend
        .cmd("worker")
        .arg("--once")
        .current_dir(super::common::repo())
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 jobs processed"));
    Ok(())
}

/// A worker whose triage model cannot be loaded does not start (letters would wait for
/// triage forever); switched off on purpose, it runs.
#[test]
fn a_missing_triage_model_stops_the_worker_unless_triage_is_off() -> anyhow::Result<()> {
    let backend = Backend::sqlite()?;
    let out = backend
        .cmd("worker")
        .args(["--once", "--model", "no-such-model"])
        .env_remove("PAPERLITE_NO_TRIAGE")
        .current_dir(super::common::repo())
        .output()?;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot load the triage model in no-such-model")
            && err.contains("--no-triage"),
        "{err}"
    );
    let out = backend
        .cmd("worker")
        .args(["--once", "--model", "no-such-model", "--no-triage"])
        .current_dir(super::common::repo())
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("triage is switched off"));
    Ok(())
}
