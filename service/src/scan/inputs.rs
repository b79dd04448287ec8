//! Turning the paths named on the command line into the files to scan, and accounting for
//! every folder entry that is not scanned: nothing in a folder is passed over without a
//! word.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::FailedFile;

/// File extensions picked up when walking a folder. Files named on the command line are
/// always tried, whatever their name: the format is read from the content.
pub const SCAN_EXTENSIONS: [&str; 6] = ["tif", "tiff", "png", "jpg", "jpeg", "pdf"];

/// A folder entry that was not scanned, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedEntry {
    pub file: String,
    pub reason: String,
}

/// What a scan will read.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Files to scan, in the order given (folders in name order).
    pub files: Vec<PathBuf>,
    /// Files in the folders that do not have a scan extension (also listed in `skipped`).
    pub ignored: Vec<PathBuf>,
    /// Every folder entry not scanned, with its reason.
    pub skipped: Vec<SkippedEntry>,
    /// Folders (or entries) that could not be read at all: the scan fails for them.
    pub failed: Vec<FailedFile>,
}

/// A plain sentence for an I/O error met while walking or reading a file.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::ENAMETOOLONG) => {
            return "the path is longer than the system allows; move the file to a shorter path"
                .into()
        }
        Some(libc::ELOOP) => return "a link that loops back on itself".into(),
        Some(libc::EACCES) | Some(libc::EPERM) => {
            return "permission denied (the account running the scan cannot read it)".into()
        }
        Some(libc::EISDIR) => return "a folder, not a file".into(),
        _ => {}
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist (moved or deleted?)".into(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (the account running the scan cannot read it)".into()
        }
        _ => format!("it could not be read ({e})"),
    }
}

/// Expands folders (recursively, in name order) into scan files.
///
/// Links to files are followed once (a file reached twice, through a link and directly,
/// is read once); links to folders are not followed (so a link cannot make the walk loop)
/// and are listed as skipped. Broken and looping links, pipes, sockets and devices are
/// listed as skipped with their reason; a folder that cannot be opened is a failure.
pub fn collect_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    // (device, inode) of every file taken, so a link and its target are read once.
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    for path in paths {
        if !path.is_dir() {
            // Named explicitly: always tried; reading reports what is wrong with it.
            inputs.files.push(path.clone());
            if let Some(key) = file_key(path) {
                seen.insert(key);
            }
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let file = e.path().unwrap_or(path).to_string_lossy().into_owned();
                    let reason = e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                    inputs.failed.push(FailedFile {
                        file,
                        reason: format!("the folder could not be read: {reason}"),
                        detail: Some(e.to_string()),
                    });
                    continue;
                }
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                continue;
            }
            let p = entry.into_path();
            let skip = |inputs: &mut Inputs, reason: String| {
                inputs.skipped.push(SkippedEntry {
                    file: p.to_string_lossy().into_owned(),
                    reason,
                })
            };
            if file_type.is_symlink() {
                match std::fs::metadata(&p) {
                    Ok(m) if m.is_dir() => {
                        skip(
                            &mut inputs,
                            "a link to a folder (not followed; name the folder to scan it)".into(),
                        );
                        continue;
                    }
                    Ok(m) if !m.is_file() => {
                        skip(&mut inputs, format!("a link to {}", special_kind(&m)));
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                        skip(&mut inputs, "a link that loops back on itself".into());
                        continue;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        let target = std::fs::read_link(&p)
                            .map(|t| t.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        skip(
                            &mut inputs,
                            format!("a broken link (its target {target:?} does not exist)"),
                        );
                        continue;
                    }
                    Err(e) => {
                        inputs.failed.push(FailedFile {
                            file: p.to_string_lossy().into_owned(),
                            reason: format!("the link could not be followed: {}", io_reason(&e)),
                            detail: Some(e.to_string()),
                        });
                        continue;
                    }
                }
            } else if !file_type.is_file() {
                let kind = std::fs::symlink_metadata(&p)
                    .map(|m| special_kind(&m))
                    .unwrap_or("not a regular file");
                skip(&mut inputs, kind.to_string());
                continue;
            }
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let hidden = name.as_deref().is_some_and(|n| n.starts_with('.'));
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase());
            if hidden {
                skip(&mut inputs, "a hidden file (name starts with '.')".into());
                continue;
            }
            if !ext.as_deref().is_some_and(|e| SCAN_EXTENSIONS.contains(&e)) {
                skip(
                    &mut inputs,
                    "no scan extension (.tif, .tiff, .png, .jpg, .jpeg, .pdf); name it explicitly to try it"
                        .into(),
                );
                inputs.ignored.push(p);
                continue;
            }
            if let Some(key) = file_key(&p) {
                if !seen.insert(key) {
                    skip(
                        &mut inputs,
                        "the same file as another path in this scan (reached through a link)"
                            .into(),
                    );
                    continue;
                }
            }
            inputs.files.push(p);
        }
    }
    inputs
}

fn file_key(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    m.is_file().then(|| (m.dev(), m.ino()))
}

fn special_kind(m: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO), not a file"
    } else if t.is_socket() {
        "a socket, not a file"
    } else if t.is_block_device() || t.is_char_device() {
        "a device, not a file"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_not_scanned_has_a_reason() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::write(root.join("a.pdf"), b"%PDF-1.4")?;
        std::fs::write(root.join("notes.txt"), b"x")?;
        std::fs::write(root.join(".hidden.png"), b"x")?;
        std::os::unix::fs::symlink(root.join("a.pdf"), root.join("link.pdf"))?;
        let outside = tempfile::tempdir()?;
        std::fs::write(outside.path().join("b.png"), b"x")?;
        std::os::unix::fs::symlink(outside.path().join("b.png"), root.join("b-link.png"))?;
        std::os::unix::fs::symlink(root.join("missing.pdf"), root.join("dangling.pdf"))?;
        std::os::unix::fs::symlink(root.join("loop2.pdf"), root.join("loop1.pdf"))?;
        std::os::unix::fs::symlink(root.join("loop1.pdf"), root.join("loop2.pdf"))?;
        std::os::unix::fs::symlink(root, root.join("self"))?;
        let fifo = std::ffi::CString::new(root.join("pipe.pdf").to_string_lossy().as_bytes())?;
        // SAFETY: mkfifo reads a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);

        let inputs = collect_inputs(&[root.to_path_buf()]);
        let names: Vec<String> = inputs
            .files
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, ["a.pdf", "b-link.png"]);
        let reason = |name: &str| {
            inputs
                .skipped
                .iter()
                .find(|s| s.file.ends_with(name))
                .map(|s| s.reason.clone())
                .unwrap_or_default()
        };
        assert!(reason("notes.txt").contains("no scan extension"));
        assert!(reason(".hidden.png").contains("hidden"));
        assert!(reason("link.pdf").contains("same file"));
        assert!(reason("dangling.pdf").contains("broken link"));
        assert!(reason("loop1.pdf").contains("loops"));
        assert!(reason("self").contains("link to a folder"));
        assert!(reason("pipe.pdf").contains("named pipe"));
        assert_eq!(inputs.skipped.len(), 8, "{:?}", inputs.skipped);
        assert!(inputs.failed.is_empty());
        Ok(())
    }
}
