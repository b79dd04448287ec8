-- When the document was last written to the search index; NULL or older than updated_at
-- means the index must (re)read it. The index is derived from these tables.
ALTER TABLE documents ADD COLUMN indexed_at TEXT;
CREATE INDEX documents_indexed_at ON documents (indexed_at);
