//! Page images for the viewer and thumbnails, bounded in memory and CPU.
//!
//! - A PDF page is rendered at the resolution the requested width needs, never at the
//!   scanning resolution first: a 120-pixel thumbnail of a 2,930-point page renders a
//!   few thousand pixels, not 149 megapixels. Its size is read from the page first
//!   (without rendering); the scanning limits (`ocr::LoadConfig`) still apply.
//! - Images are at most [`MAX_VIEW_WIDTH`] wide (the viewer's size when no width is asked).
//! - At most [`RenderConfig::max_concurrent`] renders run at once; others wait their turn
//!   (up to [`RenderConfig::wait`], then 503).
//! - Rendered PNGs are cached by document, page and width, up to
//!   [`RenderConfig::cache_bytes`] (oldest first out).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;

/// Widest image served (the viewer's width when none is asked).
pub const MAX_VIEW_WIDTH: u32 = 2_000;
/// Narrowest thumbnail served.
pub const MIN_VIEW_WIDTH: u32 = 16;
/// A page at most this many times taller than wide is shown whole; taller pages are
/// rendered at the resolution that keeps them within it.
const MAX_ASPECT: u32 = 4;

/// Limits of page rendering.
#[derive(Debug, Clone)]
pub struct RenderConfig {
    pub max_concurrent: usize,
    pub wait: Duration,
    pub cache_bytes: usize,
}

impl Default for RenderConfig {
    fn default() -> Self {
        RenderConfig {
            max_concurrent: 2,
            wait: Duration::from_secs(20),
            cache_bytes: 64 * 1024 * 1024,
        }
    }
}

type Key = (String, u32, u32);

/// Renders with bounded concurrency, and keeps recent results.
#[derive(Debug)]
pub struct Renderer {
    permits: Arc<Semaphore>,
    config: RenderConfig,
    cache: Mutex<Cache>,
}

#[derive(Debug, Default)]
struct Cache {
    entries: HashMap<Key, Arc<Vec<u8>>>,
    order: VecDeque<Key>,
    bytes: usize,
}

impl Cache {
    fn insert(&mut self, key: Key, png: Arc<Vec<u8>>, max_bytes: usize) {
        if png.len() > max_bytes / 4 || self.entries.contains_key(&key) {
            return;
        }
        self.bytes += png.len();
        self.entries.insert(key.clone(), png);
        self.order.push_back(key);
        while self.bytes > max_bytes {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(png) = self.entries.remove(&old) {
                self.bytes -= png.len();
            }
        }
    }
}

/// Why a page image could not be made.
#[derive(Debug)]
pub enum RenderError {
    /// The page or its image does not exist, or the file cannot be read (the message).
    NoImage(String),
    /// Too many renders are waiting.
    Busy,
}

impl Renderer {
    pub fn new(config: RenderConfig) -> Renderer {
        Renderer {
            permits: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            config,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// The width an image is served at, for a requested width.
    pub fn served_width(requested: Option<u32>) -> u32 {
        requested
            .unwrap_or(MAX_VIEW_WIDTH)
            .clamp(MIN_VIEW_WIDTH, MAX_VIEW_WIDTH)
    }

    /// Page `page` of `document_id` as PNG, at most `width` pixels wide; `read` gives the
    /// stored original.
    pub async fn page_png(
        &self,
        document_id: &str,
        page: u32,
        width: u32,
        load: &ocr::LoadConfig,
        read: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> Result<Arc<Vec<u8>>, RenderError> {
        let key = (document_id.to_string(), page, width);
        if let Some(png) = self.cached(&key) {
            return Ok(png);
        }
        let permit = tokio::time::timeout(self.config.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| RenderError::Busy)?
            .map_err(|_| RenderError::Busy)?;
        // Another request may have made it while this one waited.
        if let Some(png) = self.cached(&key) {
            return Ok(png);
        }
        let load = load.clone();
        let png = tokio::task::spawn_blocking(move || {
            let result = read().and_then(|bytes| render_png(&bytes, page, width, &load));
            drop(permit);
            result
        })
        .await
        .map_err(|e| RenderError::NoImage(format!("rendering stopped: {e}")))?
        .map_err(RenderError::NoImage)?;
        let png = Arc::new(png);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, Arc::clone(&png), self.config.cache_bytes);
        }
        Ok(png)
    }

    fn cached(&self, key: &Key) -> Option<Arc<Vec<u8>>> {
        self.cache.lock().ok()?.entries.get(key).cloned()
    }

    /// Drops a document's cached images (after it changed or was deleted).
    pub fn forget(&self, document_id: &str) {
        if let Ok(mut cache) = self.cache.lock() {
            let Cache {
                entries,
                order,
                bytes,
            } = &mut *cache;
            order.retain(|k| k.0 != document_id);
            entries.retain(|k, png| {
                let keep = k.0 != document_id;
                if !keep {
                    *bytes -= png.len();
                }
                keep
            });
        }
    }
}

/// Renders page `n` of a stored original as a PNG at most `width` pixels wide (PDF pages
/// are rendered even when they have a text layer).
pub fn render_png(
    bytes: &[u8],
    n: u32,
    width: u32,
    load: &ocr::LoadConfig,
) -> Result<Vec<u8>, String> {
    let doc = ocr::Document::open(bytes, load).map_err(|e| e.to_string())?;
    if n == 0 || n > doc.page_count() {
        return Err(format!("no page {n}"));
    }
    let mut render = load.clone();
    render.text_layer_min_chars = usize::MAX;
    if doc.format() == ocr::Format::Pdf {
        render.pdf_render_dpi = pdf_dpi_for(&doc, n, width, load)?;
    }
    let image = match doc.page(n, &render).map_err(|e| e.to_string())? {
        ocr::SourcePage::Image { image, .. } => image,
        ocr::SourcePage::Text { .. } => return Err("the page has no image".to_string()),
    };
    let image = if width < image.width() {
        let h = (u64::from(image.height()) * u64::from(width) / u64::from(image.width())).max(1);
        let h = u32::try_from(h).map_err(|_| "the page is too tall".to_string())?;
        image::imageops::resize(&image, width, h, image::imageops::FilterType::Triangle)
    } else {
        image
    };
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The resolution at which page `n` of a PDF is `width` pixels wide (at least 1 DPI, at
/// most the scanning resolution), read from the page's size without rendering it.
fn pdf_dpi_for(
    doc: &ocr::Document<'_>,
    n: u32,
    width: u32,
    load: &ocr::LoadConfig,
) -> Result<u32, String> {
    let mut probe = load.clone();
    // Any text layer at all: the page's size comes back without a render.
    probe.text_layer_min_chars = 0;
    let (full_w, full_h) = match doc.page(n, &probe).map_err(|e| e.to_string())? {
        ocr::SourcePage::Text { width, height, .. } => (width, height),
        ocr::SourcePage::Image { image, .. } => (image.width(), image.height()),
    };
    let dpi = load.pdf_render_dpi.max(1);
    let (full_w, full_h) = (u64::from(full_w.max(1)), u64::from(full_h.max(1)));
    let by_width = (u64::from(dpi) * u64::from(width)).div_ceil(full_w);
    let max_h = u64::from(width) * u64::from(MAX_ASPECT);
    let by_height = (u64::from(dpi) * max_h).div_ceil(full_h);
    Ok(by_width.min(by_height).clamp(1, u64::from(dpi)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn served_widths_are_bounded() {
        assert_eq!(Renderer::served_width(None), MAX_VIEW_WIDTH);
        assert_eq!(Renderer::served_width(Some(120)), 120);
        assert_eq!(Renderer::served_width(Some(0)), MIN_VIEW_WIDTH);
        assert_eq!(Renderer::served_width(Some(u32::MAX)), MAX_VIEW_WIDTH);
    }

    #[test]
    fn the_cache_keeps_to_its_size() {
        let mut cache = Cache::default();
        for i in 0..100 {
            cache.insert(("d".into(), i, 120), Arc::new(vec![0u8; 100]), 1_000);
        }
        assert!(cache.bytes <= 1_000);
        assert_eq!(cache.entries.len(), cache.order.len());
        assert!(cache.entries.contains_key(&("d".into(), 99, 120)));
    }
}
