//! The tantivy schema: one tantivy document per scanned page.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use crate::analysis;

/// Field names, also the names a query may use (`patient:`, `type:`, `date:` are aliases).
pub(crate) mod names {
    pub const DOCUMENT_ID: &str = "document_id";
    pub const PAGE_NUMBER: &str = "page_number";
    pub const FILE_NAME: &str = "file_name";
    pub const NHS_NUMBER: &str = "nhs_number";
    pub const DOCUMENT_TYPE: &str = "document_type";
    pub const DOCUMENT_DATE: &str = "document_date";
    pub const CONFIDENCE: &str = "confidence";
    pub const TEXT: &str = "text";
    pub const TEXT_EXACT: &str = "text_exact";
    pub const TEXT_PAIRS: &str = "text_pairs";
    pub const TEXT_EXACT_PAIRS: &str = "text_exact_pairs";
}

/// Handles of the schema's fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// Raw string, indexed (delete by id), stored, fast (grouping pages into documents).
    pub document_id: Field,
    /// u64, stored, fast.
    pub page_number: Field,
    /// Raw string, indexed and stored.
    pub file_name: Field,
    /// Raw string (digits only), indexed and stored; absent when unknown.
    pub nhs_number: Field,
    /// Keyword, indexed lowercased, stored as given.
    pub document_type: Field,
    /// Date (midnight UTC), indexed, stored, fast; absent when unknown.
    pub document_date: Field,
    /// Mean OCR confidence of the page (0-1), f64, stored, fast.
    pub confidence: Field,
    /// Page text, stemmed, with positions; the stored copy of the text.
    pub text: Field,
    /// Page text, unstemmed, with positions; not stored.
    pub text_exact: Field,
    /// Pairs of consecutive stems (phrases on `text`), with positions; not stored.
    pub text_pairs: Field,
    /// Pairs of consecutive exact words (phrases on `text_exact`), with positions; not stored.
    pub text_exact_pairs: Field,
}

impl Fields {
    /// The word-pair field that answers phrases on `field`, if it has one.
    pub(crate) fn pairs_of(&self, field: Field) -> Option<Field> {
        if field == self.text {
            Some(self.text_pairs)
        } else if field == self.text_exact {
            Some(self.text_exact_pairs)
        } else {
            None
        }
    }
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let document_id = builder.add_text_field(names::DOCUMENT_ID, STRING | STORED | FAST);
    let page_number = builder.add_u64_field(
        names::PAGE_NUMBER,
        NumericOptions::default().set_stored().set_fast(),
    );
    let file_name = builder.add_text_field(names::FILE_NAME, STRING | STORED);
    let nhs_number = builder.add_text_field(names::NHS_NUMBER, STRING | STORED);
    let document_type = builder.add_text_field(
        names::DOCUMENT_TYPE,
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::RAW_LOWER)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        ),
    );
    let document_date = builder.add_date_field(
        names::DOCUMENT_DATE,
        DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    let confidence = builder.add_f64_field(
        names::CONFIDENCE,
        NumericOptions::default().set_stored().set_fast(),
    );
    let text_indexing = |tokenizer: &str| {
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
    };
    let text = builder.add_text_field(
        names::TEXT,
        TextOptions::default()
            .set_indexing_options(text_indexing(analysis::STEMMED))
            .set_stored(),
    );
    let text_exact = builder.add_text_field(
        names::TEXT_EXACT,
        TextOptions::default().set_indexing_options(text_indexing(analysis::EXACT)),
    );
    let text_pairs = builder.add_text_field(
        names::TEXT_PAIRS,
        TextOptions::default().set_indexing_options(text_indexing(analysis::STEMMED_PAIRS)),
    );
    let text_exact_pairs = builder.add_text_field(
        names::TEXT_EXACT_PAIRS,
        TextOptions::default().set_indexing_options(text_indexing(analysis::EXACT_PAIRS)),
    );
    let fields = Fields {
        document_id,
        page_number,
        file_name,
        nhs_number,
        document_type,
        document_date,
        confidence,
        text,
        text_exact,
        text_pairs,
        text_exact_pairs,
    };
    (builder.build(), fields)
}
