//! The shared layout of the server-rendered pages, built with [`maud`] templates: every
//! spliced value is HTML-escaped by the template engine, so user, OCR and database text
//! cannot add markup. Only the fixed stylesheet and doctype below are written unescaped.

use maud::{html, Markup, PreEscaped};

use service::accounts::Role;

use crate::auth::CurrentUser;

/// Escapes a value for a URL query parameter or path segment (the result is plain ASCII
/// letters, digits, `-_.~` and `%XX`).
pub fn url(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The document type declaration, as the pages have always started.
const DOCTYPE: &str = "<!doctype html>";

const STYLE: &str = "
body{font-family:system-ui,Arial,sans-serif;margin:0;color:#111;background:#fff;line-height:1.45}
header{background:#003087;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#fff}header strong{margin-right:1rem}
nav a{margin-right:.8rem}
main{padding:1rem;max-width:1200px}
a{color:#004b9b}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #ffb81c;outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#e8edee}
label{display:block;font-weight:600;margin-top:.5rem}
input,select,textarea,button{font-size:1rem;padding:.3rem}
button{background:#007f3b;color:#fff;border:0;padding:.45rem 1rem;cursor:pointer}
button.secondary{background:#425563}
mark{background:#ffeb3b;color:#000}
.lowconf{background:#fde2e2;border-bottom:2px dotted #b00020}
.flag{background:#ffd6d6;color:#000;font-weight:700;border-bottom:2px solid #b00020}
.error{color:#b00020;font-weight:600}
.side{display:flex;gap:1rem;flex-wrap:wrap}.side>*{flex:1 1 420px}
.page-img{max-width:100%;border:1px solid #888}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem}
pre.letter{white-space:pre-wrap;font-family:inherit;border:1px solid #888;padding:.5rem}
";

fn nav(role: Role) -> Markup {
    html! {
        @match role {
            Role::RecordsStaff => {
                a href="/ui/upload" { "Upload" }
                a href="/ui/qa" { "QA queue" }
            }
            Role::Clinician => {
                a href="/ui/search" { "Search" }
            }
            Role::Consultant => {
                a href="/ui/triage" { "Worklist" }
                a href="/ui/triage/auto-routed" { "Auto-routed" }
                a href="/ui/search" { "Search" }
                a href="/ui/labels" { "Labels" }
            }
            Role::DataScientist => {
                a href="/ui/labels" { "Labels" }
            }
            Role::Admin => {
                a href="/ui/audit" { "Audit log" }
                a href="/ui/users" { "Users" }
            }
        }
    }
}

/// A page with the header, navigation for the user's role and a logout button.
pub fn page(title: &str, me: Option<&CurrentUser>, body: Markup) -> Markup {
    html! {
        (PreEscaped(DOCTYPE))
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " - PaperLite" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                a class="skip" href="#main" { "Skip to content" }
                header {
                    strong { "PaperLite" }
                    @if let Some(me) = me {
                        nav aria-label="Main" { (nav(me.user.role)) }
                        span {
                            a href="/ui/account" { (me.user.username) }
                            " (" (me.user.role) ")"
                        }
                        form method="post" action="/logout" style="margin:0" {
                            (csrf_field(me))
                            button class="secondary" type="submit" { "Log out" }
                        }
                    }
                }
                main id="main" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// A hidden CSRF field for a form.
pub fn csrf_field(me: &CurrentUser) -> Markup {
    html! {
        input type="hidden" name="csrf_token" value=(me.csrf());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spliced_text_is_escaped() {
        let hostile = "<script>alert('x')</script> & \"y\"";
        let markup = html! { p title=(hostile) { (hostile) } }.into_string();
        assert_eq!(
            markup,
            "<p title=\"&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;y&quot;\">\
             &lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;y&quot;</p>"
        );
        assert_eq!(url("a b&c/é"), "a%20b%26c%2F%C3%A9");
    }
}
