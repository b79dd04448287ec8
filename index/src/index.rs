//! The index: opening, writing, committing, compacting.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tantivy::directory::MmapDirectory;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy, UserOperation};
use tantivy::query::AllQuery;
use tantivy::{Index, IndexBuilder, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analysis::{self, Analyzers};
use crate::collector::TopDocumentsCollector;
use crate::config::IndexConfig;
use crate::document::PageDoc;
use crate::error::{Error, Result};
use crate::schema::{self, Fields};
use crate::synonyms::Synonyms;

/// A full-text index of OCRed pages, on disk or in memory.
///
/// All methods take `&self`; share it between threads behind an `Arc`. Searches see the
/// state of the last [`commit`](Self::commit). The index writer (which holds a lock on the
/// directory, one per index) is only created by the first write, so a process that only
/// searches never takes the lock.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter<TantivyDocument>>>,
    fields: Fields,
    analyzers: Analyzers,
    synonyms: Synonyms,
    config: IndexConfig,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    pub fn open_or_create(dir: &Path, config: IndexConfig) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            action: "could not create index directory",
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema::build();
        let directory = MmapDirectory::open(dir)?;
        let index = IndexBuilder::new()
            .schema(schema)
            .open_or_create(directory)
            .map_err(|err| match err {
                tantivy::TantivyError::SchemaError(_) => Error::SchemaMismatch {
                    path: dir.to_path_buf(),
                },
                other => Error::Tantivy(other),
            })?;
        tracing::info!(path = %dir.display(), "search index opened");
        Self::from_index(index, fields, config, Some(dir.to_path_buf()))
    }

    /// A new, empty index in memory (tests, tools).
    pub fn create_in_ram(config: IndexConfig) -> Result<Self> {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        Self::from_index(index, fields, config, None)
    }

    fn from_index(
        index: Index,
        fields: Fields,
        config: IndexConfig,
        path: Option<PathBuf>,
    ) -> Result<Self> {
        analysis::register(index.tokenizers());
        let synonyms = match &config.synonyms_path {
            Some(path) => Synonyms::from_file(path)?,
            None => Synonyms::builtin()?,
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            analyzers: Analyzers::new(),
            synonyms,
            config,
            path,
        })
    }

    /// The configuration the index was opened with.
    pub fn config(&self) -> &IndexConfig {
        &self.config
    }

    /// The directory of an on-disk index.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The synonyms in use.
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    pub(crate) fn analyzers(&self) -> Analyzers {
        self.analyzers.clone()
    }

    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }

    fn lock_writer(&self) -> MutexGuard<'_, Option<IndexWriter<TantivyDocument>>> {
        // A panic while holding the lock leaves the writer usable: tantivy's own state is
        // consistent between calls.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn new_writer(&self) -> Result<IndexWriter<TantivyDocument>> {
        let budget = self.config.writer_memory_bytes;
        let writer = match self.config.writer_threads {
            Some(threads) => self.index.writer_with_num_threads(threads.max(1), budget)?,
            None => self.index.writer(budget)?,
        };
        let mut policy = LogMergePolicy::default();
        policy.set_del_docs_ratio_before_merge(self.config.merge_deleted_ratio.clamp(0.01, 1.0));
        writer.set_merge_policy(Box::new(policy));
        Ok(writer)
    }

    fn with_writer<T>(
        &self,
        action: impl FnOnce(&mut IndexWriter<TantivyDocument>) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.lock_writer();
        let writer = match guard.as_mut() {
            Some(writer) => writer,
            None => guard.insert(self.new_writer()?),
        };
        action(writer)
    }

    /// Adds pages, replacing every page already indexed for the documents they belong to:
    /// the pages of one document given in one call are its new set of pages, so indexing a
    /// document again never duplicates pages. Give all pages of a document in the same call.
    /// (Two pages with the same document id and page number: the last one wins.)
    ///
    /// Nothing is searchable before [`commit`](Self::commit). Returns the number of pages
    /// queued. If one page is invalid nothing is queued.
    pub fn add_pages(&self, pages: &[PageDoc]) -> Result<usize> {
        for page in pages {
            page.validate()?;
        }
        let mut last_of: HashMap<(&str, u32), usize> = HashMap::new();
        for (at, page) in pages.iter().enumerate() {
            last_of.insert((page.document_id.as_str(), page.page_number), at);
        }
        let mut operations = Vec::with_capacity(pages.len() + 1);
        let mut replaced: HashSet<&str> = HashSet::new();
        for page in pages {
            if replaced.insert(page.document_id.as_str()) {
                operations.push(UserOperation::Delete(self.document_term(&page.document_id)));
            }
        }
        let mut added = 0;
        for (at, page) in pages.iter().enumerate() {
            if last_of.get(&(page.document_id.as_str(), page.page_number)) == Some(&at) {
                operations.push(UserOperation::Add(page.to_tantivy(&self.fields)));
                added += 1;
            }
        }
        if operations.is_empty() {
            return Ok(0);
        }
        self.with_writer(|writer| {
            writer.run(operations)?;
            Ok(())
        })?;
        tracing::debug!(pages = added, documents = replaced.len(), "pages queued");
        Ok(added)
    }

    /// Removes every page of a document (at the next commit).
    pub fn delete_document(&self, document_id: &str) -> Result<()> {
        let term = self.document_term(document_id);
        self.with_writer(|writer| {
            writer.delete_term(term);
            Ok(())
        })
    }

    /// Removes every page (at the next commit): the first step of a full rebuild.
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|writer| {
            writer.delete_all_documents()?;
            Ok(())
        })
    }

    /// Makes the queued changes durable and searchable, then deletes the files of segments
    /// that are no longer used. Changes not committed when the index is dropped are lost. Segments with many deleted pages are merged in the
    /// background (see [`IndexConfig::merge_deleted_ratio`]).
    pub fn commit(&self) -> Result<()> {
        let mut guard = self.lock_writer();
        if let Some(writer) = guard.as_mut() {
            let opstamp = writer.commit()?;
            // Reload before collecting: tantivy keeps the files of segments that a searcher
            // still uses, and the reader's previous searcher uses the replaced segments.
            self.reader.reload()?;
            let collected = writer.garbage_collect_files().wait()?;
            tracing::info!(
                opstamp,
                deleted_files = collected.deleted_files.len(),
                "search index committed"
            );
        } else {
            self.reader.reload()?;
        }
        Ok(())
    }

    /// Drops the changes queued since the last commit.
    pub fn rollback(&self) -> Result<()> {
        if let Some(writer) = self.lock_writer().as_mut() {
            writer.rollback()?;
        }
        Ok(())
    }

    /// Commits, merges all segments into one, waits for merges to end and deletes unused
    /// files: the smallest on-disk form, e.g. after a full rebuild. Can take a while on a
    /// large index.
    pub fn compact(&self) -> Result<()> {
        let mut guard = self.lock_writer();
        let mut writer = match guard.take() {
            Some(writer) => writer,
            None => self.new_writer()?,
        };
        writer.commit()?;
        // Let the merges the merge policy started end first: merging segments that a
        // background merge replaces meanwhile fails ("segments ... could not be found").
        writer.wait_merging_threads()?;
        let mut writer = self.new_writer()?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let segments = self.index.searchable_segment_metas()?;
        let needs_merge = segments.len() > 1 || segments.iter().any(|s| s.has_deletes());
        let ids: Vec<_> = segments.iter().map(|s| s.id()).collect();
        // Segment metas in use keep their files from garbage collection: let go of them.
        drop(segments);
        if needs_merge {
            writer.merge(&ids).wait()?;
        }
        writer.wait_merging_threads()?;
        drop(guard);
        self.reader.reload()?;
        // A fresh writer only to collect the files the merge left behind.
        self.with_writer(|writer| {
            writer.garbage_collect_files().wait()?;
            Ok(())
        })?;
        tracing::info!(merged = needs_merge, "search index compacted");
        Ok(())
    }

    /// Number of pages in the index (as of the last commit).
    pub fn num_pages(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Number of distinct documents in the index (as of the last commit).
    pub fn num_documents(&self) -> Result<usize> {
        Ok(self
            .reader
            .searcher()
            .search(&AllQuery, &TopDocumentsCollector { k: 0 })?
            .total_documents)
    }

    fn document_term(&self, document_id: &str) -> Term {
        Term::from_field_text(self.fields.document_id, document_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<SearchIndex>();
    }

    #[test]
    fn an_index_from_another_schema_is_reported_as_such() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut builder = tantivy::schema::Schema::builder();
        builder.add_text_field("other", tantivy::schema::TEXT);
        Index::create_in_dir(dir.path(), builder.build())?;
        let err = SearchIndex::open_or_create(dir.path(), IndexConfig::default()).unwrap_err();
        assert!(matches!(err, Error::SchemaMismatch { .. }), "{err}");
        Ok(())
    }
}
