//! The terminal progress bar for scans (drawn only when stderr is a terminal).

use std::io::IsTerminal;

use api::{FileOutcome, OutcomeKind, ScanProgress};
use indicatif::{ProgressBar, ProgressStyle};
use types::PageText;

pub struct TerminalProgress {
    bar: Option<ProgressBar>,
}

impl TerminalProgress {
    pub fn new() -> TerminalProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} pages  {per_sec}  ETA {eta}  {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        TerminalProgress { bar }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Prints a line above the bar (or plainly when there is no bar).
    pub fn println(&self, line: String) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
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
