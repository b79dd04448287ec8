//! Keeps the Tantivy index in step with the store. The database is the system of record;
//! a document's `indexed_at` says which version of it the index holds, so a scan killed
//! before its index commit is caught up by the next scan, search or `reindex`.

use std::sync::Arc;
use std::time::Duration;

use index::{PageDoc, SearchIndex};
use tokio::sync::{watch, Notify};

use crate::error::{Error, Result};
use crate::store::{now, Store};

/// Keeps the search index in step with the database: indexes every document stored or
/// changed since it was last indexed (by any worker, on any machine), then waits for a
/// nudge or `poll`. A server started on an existing database catches up by itself.
pub async fn run_indexer(
    store: Store,
    index: Arc<SearchIndex>,
    notify: Arc<Notify>,
    poll: Duration,
    mut stop: watch::Receiver<bool>,
) {
    if let Err(e) = check_index(&store, &index).await {
        tracing::warn!("cannot check the search index: {e}");
    }
    loop {
        if *stop.borrow() {
            return;
        }
        match sync_index(&store, &index).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("indexed {n} documents"),
            Err(e) => tracing::warn!("search index not updated: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = notify.notified() => {}
            _ = stop.changed() => {}
        }
    }
}

/// How many documents go into the index between commits.
const BATCH: u32 = 200;

/// Rebuilds the index when it does not hold what the store says it should (deleted,
/// replaced or restored from an old backup on disk). Costs a pass over the index: call it
/// when a process starts, not per document.
pub async fn check_index(store: &Store, index: &Arc<SearchIndex>) -> Result<()> {
    let expected = store.count_indexed().await?;
    let held = index.num_documents()? as i64;
    if held != expected {
        tracing::warn!(
            "the search index holds {held} documents, the store says {expected}: rebuilding it"
        );
        clear_index(index).await?;
        store.mark_all_unindexed().await?;
    }
    Ok(())
}

/// Writes every done document whose index entry is missing or stale, committing in
/// batches. Returns the number of documents written.
pub async fn sync_index(store: &Store, index: &Arc<SearchIndex>) -> Result<usize> {
    let mut total = 0;
    loop {
        let as_of = now();
        let ids = store.documents_to_index(BATCH).await?;
        if ids.is_empty() {
            return Ok(total);
        }
        let mut batch: Vec<PageDoc> = Vec::new();
        for id in &ids {
            batch.extend(page_docs(store, id).await?);
        }
        let writer = Arc::clone(index);
        let ids_for_index = ids.clone();
        tokio::task::spawn_blocking(move || -> index::Result<()> {
            // add_pages replaces each document's pages wholesale, so pass them per document.
            for id in &ids_for_index {
                let pages: Vec<PageDoc> = batch
                    .iter()
                    .filter(|p| &p.document_id == id)
                    .cloned()
                    .collect();
                writer.add_pages(&pages)?;
            }
            writer.commit()
        })
        .await
        .map_err(|e| Error::Pipeline(e.to_string()))??;
        store.mark_indexed(&ids, &as_of).await?;
        total += ids.len();
    }
}

/// Empties the index and rebuilds it from the store.
pub async fn rebuild_index(store: &Store, index: &Arc<SearchIndex>) -> Result<usize> {
    clear_index(index).await?;
    store.mark_all_unindexed().await?;
    let n = sync_index(store, index).await?;
    let writer = Arc::clone(index);
    tokio::task::spawn_blocking(move || writer.compact())
        .await
        .map_err(|e| Error::Pipeline(e.to_string()))??;
    Ok(n)
}

/// Removes a document from the store, its original from the blob directory and its pages
/// from the index. Returns whether it existed.
pub async fn delete_document(
    store: &Store,
    blobs: &crate::BlobStore,
    index: &Arc<SearchIndex>,
    id: &str,
) -> Result<bool> {
    let existed = store.delete_document(id).await?;
    let writer = Arc::clone(index);
    let doc = id.to_string();
    tokio::task::spawn_blocking(move || -> index::Result<()> {
        writer.delete_document(&doc)?;
        writer.commit()
    })
    .await
    .map_err(|e| Error::Pipeline(e.to_string()))??;
    let path = blobs.path_of(id);
    if path.exists() {
        std::fs::remove_file(&path).map_err(|e| Error::io(path, e))?;
    }
    Ok(existed)
}

async fn clear_index(index: &Arc<SearchIndex>) -> Result<()> {
    let writer = Arc::clone(index);
    tokio::task::spawn_blocking(move || -> index::Result<()> {
        writer.clear()?;
        writer.commit()
    })
    .await
    .map_err(|e| Error::Pipeline(e.to_string()))??;
    Ok(())
}

/// The index entries for one stored document.
async fn page_docs(store: &Store, id: &str) -> Result<Vec<PageDoc>> {
    let Some(doc) = store.document(id).await? else {
        return Ok(Vec::new());
    };
    let pages = store.pages(id).await?;
    Ok(pages
        .into_iter()
        .map(|p| PageDoc {
            document_id: doc.id.clone(),
            page_number: p.page_number,
            file_name: doc.file_name.clone(),
            nhs_number: doc.nhs_number.clone(),
            document_type: doc
                .document_type
                .map_or_else(|| "other".to_string(), |t| t.as_str().to_string()),
            document_date: doc.letter_date,
            confidence: (p.mean_confidence / 100.0) as f32,
            text: p.text,
        })
        .collect())
}
