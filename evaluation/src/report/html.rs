//! A small HTML writer for the self-contained reports: escaping, tables, sections and the
//! page around them (inline CSS, no scripts, no external resources).

use std::fmt::Write as _;

use super::{CompareRow, Provenance};

/// Escapes text for HTML element content and attribute values.
pub use types::escape_html as escape;

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
margin:2em auto;max-width:1100px;padding:0 1em;color:#1b1b1b;line-height:1.45}\
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #005eb8;padding-bottom:.2em;\
margin-top:2em}h3{margin-bottom:.3em}table{border-collapse:collapse;margin:.5em 0 1em}\
th,td{border:1px solid #c8cdd2;padding:.25em .6em;text-align:right;font-variant-numeric:tabular-nums}\
th{background:#f0f4f5}td.l,th.l{text-align:left}.note{color:#4c6272;font-size:.92em}\
.prov td{text-align:left;font-family:ui-monospace,monospace;font-size:.85em}\
.heat td{min-width:3.5em}.pos{color:#007f3b}.neg{color:#d5281b}\
nav a{margin-right:1em}svg{max-width:100%;height:auto}figure{margin:1em 0}\
figcaption{color:#4c6272;font-size:.9em}";

/// A report page being built.
#[derive(Debug, Default)]
pub struct Page {
    body: String,
    nav: Vec<(String, String)>,
}

impl Page {
    pub fn new() -> Page {
        Page::default()
    }

    /// A `<h2>` section with an anchor, listed in the page's navigation.
    pub fn section(&mut self, id: &str, title: &str) {
        self.nav.push((id.to_string(), title.to_string()));
        let _ = writeln!(
            self.body,
            "<h2 id=\"{}\">{}</h2>",
            escape(id),
            escape(title)
        );
    }

    pub fn h3(&mut self, title: &str) {
        let _ = writeln!(self.body, "<h3>{}</h3>", escape(title));
    }

    /// A paragraph of plain text.
    pub fn para(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p>{}</p>", escape(text));
    }

    /// A paragraph of plain text in the note style.
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p class=\"note\">{}</p>", escape(text));
    }

    /// Raw HTML (already escaped), e.g. an SVG.
    pub fn raw(&mut self, html: &str) {
        self.body.push_str(html);
        self.body.push('\n');
    }

    /// A figure around raw SVG with a caption.
    pub fn figure(&mut self, svg: &str, caption: &str) {
        let _ = writeln!(
            self.body,
            "<figure>{svg}<figcaption>{}</figcaption></figure>",
            escape(caption)
        );
    }

    /// A table of text cells; the first column is left-aligned.
    pub fn table<S: AsRef<str>>(&mut self, header: &[&str], rows: &[Vec<S>]) {
        self.body.push_str(&table(header, rows));
    }

    /// The whole page.
    pub fn finish(self, title: &str, provenance: &Provenance) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
            escape(title),
            escape(title)
        );
        out.push_str(&provenance_table(provenance));
        if !self.nav.is_empty() {
            out.push_str("<nav>");
            for (id, t) in &self.nav {
                let _ = write!(out, "<a href=\"#{}\">{}</a>", escape(id), escape(t));
            }
            out.push_str("</nav>\n");
        }
        out.push_str(&self.body);
        out.push_str("</body></html>\n");
        out
    }
}

/// An HTML table of text cells; the first column is left-aligned.
pub fn table<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    let mut out = String::from("<table><thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let class = if i == 0 { " class=\"l\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i == 0 { " class=\"l\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell.as_ref()));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

fn provenance_table(p: &Provenance) -> String {
    let rows: Vec<Vec<String>> = vec![
        vec!["command".into(), p.command.clone()],
        vec!["data".into(), p.data.clone()],
        vec!["data sha256".into(), p.data_sha256.clone()],
        vec![
            "model".into(),
            p.model_path.clone().unwrap_or_else(|| "-".into()),
        ],
        vec![
            "model sha256".into(),
            p.model_sha256.clone().unwrap_or_else(|| "-".into()),
        ],
        vec!["git commit".into(), p.git_commit.clone()],
        vec![
            "seed".into(),
            p.seed.map_or_else(|| "-".into(), |s| s.to_string()),
        ],
        vec!["started".into(), p.started_at.clone()],
        vec!["paperlite".into(), p.paperlite_version.clone()],
    ];
    format!(
        "<div class=\"prov\">{}</div>\n",
        table(&["provenance", ""], &rows)
    )
}

/// A comparison table (this run, the other run, delta) as a section body.
pub fn compare_table(rows: &[CompareRow], other: &str) -> String {
    let mut out = format!(
        "<p class=\"note\">Compared with the run in {}. Delta = this run minus that run.</p>\n",
        escape(other)
    );
    out.push_str("<table><thead><tr><th class=\"l\">metric</th><th>this run</th><th>other run</th><th>delta</th></tr></thead><tbody>\n");
    for r in rows {
        let cell = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
        let (class, delta) = match r.delta {
            Some(d) if d > 0.0 => ("pos", format!("+{d:.4}")),
            Some(d) if d < 0.0 => ("neg", format!("{d:.4}")),
            Some(d) => ("", format!("{d:.4}")),
            None => ("", "-".to_string()),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{delta}</td></tr>",
            escape(&r.metric),
            cell(r.this_run),
            cell(r.other_run)
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>\"A&E\"</b>'"),
            "&lt;b&gt;&quot;A&amp;E&quot;&lt;/b&gt;&#39;"
        );
    }

    #[test]
    fn table_escapes_cells() {
        let t = table(&["a", "b"], &[vec!["<x>", "1"]]);
        assert!(t.contains("<td class=\"l\">&lt;x&gt;</td><td>1</td>"));
    }
}
