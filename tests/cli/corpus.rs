//! The malformed corpus: a records officer's worst archive, built from the samples in a
//! temporary folder (nothing committed). Truncations at random offsets, flipped bytes,
//! header-only files, wrong extensions, random bytes, pixel bombs, broken PDFs (bad
//! cross-references, page-tree loops, no pages, a page drawing a 46,000 x 46,000 image), a
//! 1,000-page TIFF, a 2^31-pixel-wide PNG, scanner variants (palette and CMYK TIFF, 4-bit
//! grey), JPEGs cut in half with an end marker or followed by junk, odd file names, links
//! and pipes.
//!
//! The tests scan a small slice (`Scale::Slice`); `examples/malformed_corpus.rs` builds the
//! full corpus and prints its figures for BENCHMARKS.md.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// What a file of the corpus should come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Stored, not flagged for damage.
    Stored,
    /// Stored, with a damage reason (its image data stops early).
    StoredForReview,
    /// Refused, with a reason containing this text.
    Failed(&'static str),
    /// Not scanned, listed in `skipped` with a reason containing this text.
    Skipped(&'static str),
    /// Random damage: stored, flagged or refused, as long as it is said plainly.
    Any,
}

#[derive(Debug, Clone)]
pub struct CorpusFile {
    pub path: PathBuf,
    pub kind: &'static str,
    pub expect: Expect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A few of each kind: for `bash scripts/test.sh`.
    Slice,
    /// The full corpus (hundreds of files): for the benchmark.
    Full,
}

/// The plain classes a reason must fall in; `None` for a reason a records officer cannot
/// act on (decoder internals).
pub fn plain_class(reason: &str) -> Option<&'static str> {
    const CLASSES: [(&str, &str); 10] = [
        ("is damaged", "damaged"),
        ("is cut off", "cut off"),
        ("not a scan", "not a scan"),
        ("password-protected", "password-protected"),
        ("too large", "too large"),
        ("unsupported variant", "unsupported variant"),
        ("the file is empty", "empty"),
        ("has no pages", "no pages"),
        ("stops at row", "cut off"),
        ("damaged image data", "damaged"),
    ];
    let internals = ["ChunkType", "Internal", "Format error", "CRC", "{", "0x"];
    if internals.iter().any(|i| reason.contains(i)) {
        return None;
    }
    CLASSES
        .iter()
        .find(|(k, _)| reason.contains(k))
        .map(|(_, c)| *c)
}

/// A small deterministic generator (xorshift), so a corpus is the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Builder {
    dir: PathBuf,
    files: Vec<CorpusFile>,
}

impl Builder {
    fn add(&mut self, name: &str, kind: &'static str, bytes: &[u8], expect: Expect) {
        let path = self.dir.join(name);
        if let Ok(mut f) = std::fs::File::create(&path) {
            let _ = f.write_all(bytes);
        }
        self.files.push(CorpusFile { path, kind, expect });
    }
}

/// Builds the corpus in `dir` from the sample scans in `samples`.
pub fn build(dir: &Path, samples: &Path, scale: Scale) -> anyhow::Result<Vec<CorpusFile>> {
    let mut b = Builder {
        dir: dir.to_path_buf(),
        files: Vec::new(),
    };
    let mut rng = Rng::new(0x5eed_1600);
    let mut sources: Vec<PathBuf> = std::fs::read_dir(samples)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["png", "jpg", "tiff", "pdf"].contains(&e))
        })
        .collect();
    sources.sort();
    if scale == Scale::Slice {
        // One small page of each format (the PDF has a text layer): quick to read.
        sources.retain(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                ["01_", "05_", "07_", "09_"]
                    .iter()
                    .any(|k| n.starts_with(k))
            })
        });
    }
    let (cuts, flips) = match scale {
        Scale::Slice => (1, &[1usize, 100][..]),
        Scale::Full => (6, &[1usize, 10, 100][..]),
    };
    for src in &sources {
        let bytes = std::fs::read(src)?;
        let stem = src
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = src
            .extension()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for i in 0..cuts {
            let at = 16 + rng.below(bytes.len().saturating_sub(32));
            b.add(
                &format!("{stem}.cut{i}.{ext}"),
                "truncated",
                &bytes[..at],
                Expect::Any,
            );
        }
        for &n in flips {
            for round in 0..(cuts / 2).max(1) {
                let mut damaged = bytes.clone();
                for _ in 0..n {
                    // Leave the signature alone, so the file is still taken for what it is.
                    let at = 8 + rng.below(damaged.len() - 8);
                    damaged[at] ^= 1 << rng.below(8);
                }
                b.add(
                    &format!("{stem}.flip{n}-{round}.{ext}"),
                    "flipped bytes",
                    &damaged,
                    Expect::Any,
                );
            }
        }
        b.add(
            &format!("{stem}.header-only.{ext}"),
            "header only",
            &bytes[..bytes.len().min(64)],
            Expect::Any,
        );
        let wrong = if ext == "png" { "pdf" } else { "png" };
        b.add(
            &format!("{stem}.wrong-extension.{wrong}"),
            "wrong extension",
            &bytes,
            Expect::Stored,
        );
        b.add(
            &format!("{stem}.cut-last-byte.{ext}"),
            "last byte cut",
            &bytes[..bytes.len() - 1],
            // A PNG or JPEG without its last byte still has all its image data; a TIFF or
            // PDF may keep its directory at the end.
            if ext == "png" || ext == "jpg" {
                Expect::Stored
            } else {
                Expect::Any
            },
        );
        if ext == "jpg" {
            let mut half = bytes[..bytes.len() / 2].to_vec();
            half.extend([0xFF, 0xD9]);
            b.add(
                &format!("{stem}.half-with-eoi.jpg"),
                "JPEG cut in half, end marker appended",
                &half,
                Expect::StoredForReview,
            );
            let mut junk = bytes.clone();
            junk.extend((0..32).map(|_| rng.next() as u8));
            b.add(
                &format!("{stem}.trailing-junk.jpg"),
                "JPEG with trailing junk",
                &junk,
                Expect::Stored,
            );
        }
    }
    let randoms = if scale == Scale::Slice { 2 } else { 20 };
    for i in 0..randoms {
        let len = 1 + rng.below(64 * 1024);
        let junk: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let ext = ["png", "jpg", "tiff", "pdf"][i % 4];
        b.add(
            &format!("random-{i}.{ext}"),
            "random bytes",
            &junk,
            Expect::Failed("not a scan"),
        );
    }
    b.add("empty.pdf", "empty", b"", Expect::Failed("empty"));

    // Pixel bombs.
    b.add(
        "bomb-100k.png",
        "pixel bomb",
        &png_header_only(100_000, 100_000),
        Expect::Failed("too large"),
    );
    b.add(
        "bomb-2pow31-wide.png",
        "pixel bomb",
        &png_header_only(1 << 31, 1),
        Expect::Any,
    );
    b.add(
        "bomb.tiff",
        "pixel bomb",
        &tiff(&[TiffPage::gray(100_000, 100_000, 8, Vec::new())]),
        Expect::Failed("too large"),
    );
    b.add(
        "rgba16-150mp.png",
        "pixel bomb (bytes per pixel)",
        &png_header_with_type(15_000, 10_000, 16, 6),
        Expect::Failed("too large"),
    );

    // Scanner variants the `tiff` crate refuses.
    b.add(
        "palette.tiff",
        "palette TIFF",
        &tiff(&[text_page(TiffKind::Palette)]),
        Expect::Stored,
    );
    b.add(
        "cmyk.tiff",
        "CMYK TIFF",
        &tiff(&[text_page(TiffKind::Cmyk)]),
        Expect::Stored,
    );
    b.add(
        "grey4.tiff",
        "4-bit grey TIFF",
        &tiff(&[text_page(TiffKind::Gray4)]),
        Expect::Stored,
    );
    let pages = if scale == Scale::Slice { 301 } else { 1000 };
    let many: Vec<TiffPage> = (0..pages)
        .map(|_| TiffPage::gray(8, 8, 8, vec![255; 64]))
        .collect();
    b.add(
        &format!("{pages}-pages.tiff"),
        "many-page TIFF",
        &tiff(&many),
        Expect::Failed("too large"),
    );

    // Broken PDFs.
    b.add(
        "broken-xref.pdf",
        "PDF with broken cross-references",
        &pdf(PdfKind::BrokenXref),
        Expect::Any,
    );
    b.add(
        "page-tree-loop.pdf",
        "PDF page-tree loop",
        &pdf(PdfKind::TreeLoop),
        Expect::Any,
    );
    b.add(
        "zero-pages.pdf",
        "PDF with no pages",
        &pdf(PdfKind::NoPages),
        Expect::Failed("no pages"),
    );
    b.add(
        "huge-embedded-image.pdf",
        "PDF page drawing a 46,000 x 46,000 image",
        &pdf(PdfKind::HugeImage),
        Expect::Failed("too large"),
    );

    // Odd names (each a copy of a good sample).
    if let Some(src) = sources
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "png"))
    {
        let bytes = std::fs::read(src)?;
        let names: &[&str] = match scale {
            Scale::Slice => &["with space é.png"],
            Scale::Full => &[
                "with space é.png",
                "-starts-with-dash.png",
                "new\nline.png",
                "quote'\"name.png",
            ],
        };
        for (i, n) in names.iter().enumerate() {
            // Different bytes each, so they are not duplicates of one another.
            let mut copy = bytes.clone();
            copy.extend(std::iter::repeat_n(0u8, i + 1));
            b.add(n, "odd file name", &copy, Expect::Stored);
        }
    }

    // Links and pipes.
    if let Some(src) = sources.first() {
        let link = dir.join("link-to-sample.pdf");
        std::os::unix::fs::symlink(src, &link)?;
        let expect = Expect::Stored;
        b.files.push(CorpusFile {
            path: link,
            kind: "link to a valid file",
            expect,
        });
    }
    let dangling = dir.join("dangling-link.pdf");
    std::os::unix::fs::symlink(dir.join("nothing-here.pdf"), &dangling)?;
    b.files.push(CorpusFile {
        path: dangling,
        kind: "dangling link",
        expect: Expect::Skipped("broken link"),
    });
    let fifo = dir.join("fifo.pdf");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes())?;
    // SAFETY: mkfifo reads a valid NUL-terminated path.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } == 0 {
        b.files.push(CorpusFile {
            path: fifo,
            kind: "named pipe",
            expect: Expect::Skipped("named pipe"),
        });
    }
    Ok(b.files)
}

/// A zlib stream of four zero bytes (one stored block).
const ZLIB_FEW_ZEROS: [u8; 15] = [
    0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF, 0, 0, 0, 0, 0x00, 0x04, 0x00, 0x01,
];

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend(data);
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
}

/// A PNG whose header claims `w` x `h` (8-bit grey) with a tiny image data chunk.
fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    png_header_with_type(w, h, 8, 0)
}

fn png_header_with_type(w: u32, h: u32, depth: u8, color: u8) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([depth, color, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &ZLIB_FEW_ZEROS);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

#[derive(Clone, Copy)]
enum TiffKind {
    Palette,
    Cmyk,
    Gray4,
}

pub struct TiffPage {
    width: u32,
    height: u32,
    bits: u16,
    samples: u16,
    photometric: u16,
    data: Vec<u8>,
    colormap: Option<Vec<u16>>,
}

impl TiffPage {
    fn gray(width: u32, height: u32, bits: u16, data: Vec<u8>) -> TiffPage {
        TiffPage {
            width,
            height,
            bits,
            samples: 1,
            photometric: 1,
            data,
            colormap: None,
        }
    }
}

/// A page with dark bars on white (text-like strokes), in a scanner variant.
fn text_page(kind: TiffKind) -> TiffPage {
    let (w, h) = (600u32, 200u32);
    let ink = |x: u32, y: u32| {
        !(y / 20).is_multiple_of(2) && !(x / 12).is_multiple_of(3) && x > 40 && x < 560
    };
    match kind {
        TiffKind::Palette => {
            let mut data = Vec::new();
            for y in 0..h {
                for x in 0..w {
                    data.push(if ink(x, y) { 1 } else { 0 });
                }
            }
            let mut map = vec![0u16; 3 * 256];
            for c in 0..3 {
                map[c * 256] = 0xFFFF; // index 0 white, index 1 black
            }
            TiffPage {
                width: w,
                height: h,
                bits: 8,
                samples: 1,
                photometric: 3,
                data,
                colormap: Some(map),
            }
        }
        TiffKind::Cmyk => {
            let mut data = Vec::new();
            for y in 0..h {
                for x in 0..w {
                    data.extend(if ink(x, y) {
                        [0, 0, 0, 255]
                    } else {
                        [0, 0, 0, 0]
                    });
                }
            }
            TiffPage {
                width: w,
                height: h,
                bits: 8,
                samples: 4,
                photometric: 5,
                data,
                colormap: None,
            }
        }
        TiffKind::Gray4 => {
            let mut data = Vec::new();
            for y in 0..h {
                for x in (0..w).step_by(2) {
                    let v = |x| if ink(x, y) { 0u8 } else { 15 };
                    data.push((v(x) << 4) | v(x + 1));
                }
            }
            TiffPage::gray(w, h, 4, data)
        }
    }
}

/// A little-endian TIFF with one uncompressed strip a page.
fn tiff(pages: &[TiffPage]) -> Vec<u8> {
    let mut out = b"II*\0".to_vec();
    out.extend(0u32.to_le_bytes()); // first IFD offset, patched below
    let mut next_ptr = 4usize;
    for p in pages {
        let data_at = out.len() as u32;
        out.extend(&p.data);
        if out.len() % 2 == 1 {
            out.push(0);
        }
        let bps_at = out.len() as u32;
        for _ in 0..p.samples {
            out.extend(p.bits.to_le_bytes());
        }
        let map_at = out.len() as u32;
        if let Some(map) = &p.colormap {
            for v in map {
                out.extend(v.to_le_bytes());
            }
        }
        if out.len() % 2 == 1 {
            out.push(0);
        }
        let ifd_at = out.len() as u32;
        out[next_ptr..next_ptr + 4].copy_from_slice(&ifd_at.to_le_bytes());
        let mut entries: Vec<(u16, u16, u32, u32)> = vec![
            (256, 4, 1, p.width),
            (257, 4, 1, p.height),
            if p.samples == 1 {
                (258, 3, 1, u32::from(p.bits))
            } else {
                (258, 3, u32::from(p.samples), bps_at)
            },
            (259, 3, 1, 1),
            (262, 3, 1, u32::from(p.photometric)),
            (273, 4, 1, data_at),
            (277, 3, 1, u32::from(p.samples)),
            (278, 4, 1, p.height),
            (279, 4, 1, p.data.len() as u32),
        ];
        if let Some(map) = &p.colormap {
            entries.push((320, 3, map.len() as u32, map_at));
        }
        out.extend((entries.len() as u16).to_le_bytes());
        for (tag, kind, count, value) in entries {
            out.extend(tag.to_le_bytes());
            out.extend(kind.to_le_bytes());
            out.extend(count.to_le_bytes());
            if kind == 3 && count == 1 {
                out.extend((value as u16).to_le_bytes());
                out.extend([0, 0]);
            } else {
                out.extend(value.to_le_bytes());
            }
        }
        next_ptr = out.len();
        out.extend(0u32.to_le_bytes());
    }
    out
}

#[derive(Clone, Copy)]
enum PdfKind {
    BrokenXref,
    TreeLoop,
    NoPages,
    HugeImage,
}

/// Small hand-written PDFs, broken in one way each.
fn pdf(kind: PdfKind) -> Vec<u8> {
    let page_content = b"BT /F1 24 Tf 72 700 Td (Referral letter) Tj ET".to_vec();
    let mut objects: Vec<Vec<u8>> = match kind {
        PdfKind::NoPages => vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        ],
        PdfKind::TreeLoop => vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            // The page tree's only kid is the tree itself.
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>".to_vec(),
        ],
        PdfKind::BrokenXref => vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream(b"", &page_content),
        ],
        PdfKind::HugeImage => {
            // A 46,000 x 46,000 1-bit image whose data is a tiny zlib stream: the size in
            // its dictionary is what a decoder allocates for.
            let (w, h) = (46_000u32, 46_000u32);
            let data = ZLIB_FEW_ZEROS.to_vec();
            vec![
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".to_vec(),
                stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
                stream(
                    format!("/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode").as_bytes(),
                    &data,
                ),
            ]
        }
    };
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.drain(..).enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(&body);
        out.extend(b"\nendobj\n");
    }
    let xref_at = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for (i, o) in offsets.iter().enumerate() {
        let o = match kind {
            // Every offset points 7 bytes off.
            PdfKind::BrokenXref => o + 7 * (i + 1),
            _ => *o,
        };
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    let start = match kind {
        PdfKind::BrokenXref => xref_at + 13,
        _ => xref_at,
    };
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = b"<< ".to_vec();
    out.extend(dict);
    out.extend(format!(" /Length {} >>\nstream\n", data.len()).as_bytes());
    out.extend(data);
    out.extend(b"\nendstream");
    out
}
