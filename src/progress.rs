//! The terminal progress bar for scans (drawn only when stderr is a terminal).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use service::{FileOutcome, OutcomeKind, ScanProgress};
use types::PageText;

/// A progress bar with this template when stderr is a terminal, `None` otherwise.
pub fn terminal_bar(template: &str) -> Option<ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    })
}

/// Prints a line above the bar, or plainly on stderr when there is no bar.
pub fn print_above(bar: Option<&ProgressBar>, line: String) {
    match bar {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    }
}

pub struct TerminalProgress {
    bar: Option<ProgressBar>,
}

impl TerminalProgress {
    pub fn new() -> TerminalProgress {
        TerminalProgress {
            bar: terminal_bar(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} pages  {per_sec}  ETA {eta}  {msg}",
            ),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Prints a line above the bar (or plainly when there is no bar).
    pub fn println(&self, line: String) {
        print_above(self.bar.as_ref(), line);
    }
}

impl ScanProgress for TerminalProgress {
    fn files_found(&self, files: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{files} files"));
        }
    }

    fn pages_queued(&self, pages: u64) {
        if let Some(bar) = &self.bar {
            bar.inc_length(pages);
        }
    }

    fn page_stored(&self, _page: &PageText) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn waiting_for_lock(&self, message: &str) {
        self.println(format!("waiting: {message}"));
    }

    fn file_finished(&self, outcome: &FileOutcome) {
        if outcome.outcome == OutcomeKind::Failed {
            self.println(format!(
                "FAILED {}: {}",
                outcome.file,
                outcome.reason.as_deref().unwrap_or("unknown reason")
            ));
        }
    }
}
