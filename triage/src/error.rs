use types::Fault;

/// Errors from the triage crate.
///
/// [`Error::fault`] says who is at fault: the caller's data (an unknown label, a bad line in a
/// file they gave us, unusable training data), the deployment ([`Error::Config`], a missing or
/// broken model directory in [`Error::Model`]) or the machine and this crate ([`Error::Io`],
/// [`Error::Candle`], [`Error::Tokenizer`], [`Error::Internal`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown urgency label {0:?} (expected urgent_suspected_cancer, urgent, routine or advice_and_guidance)")]
    UnknownUrgency(String),
    #[error(
        "unknown pathway label {0:?} (expected lower_gi, upper_gi, ibd, hepatology or general_gi)"
    )]
    UnknownPathway(String),
    #[error("unknown rule id {0:?} (expected U1..U8, R1..R3, O1..O6, A1..A3 or D)")]
    UnknownRule(String),
    #[error("unknown letter style {0:?} (expected one of: {styles})", styles = crate::labelled::LetterStyle::names())]
    UnknownStyle(String),
    #[error("line {line}: not a valid referral-letter record: {source}")]
    Json {
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("CSV line {line}: {reason}")]
    Csv { line: usize, reason: String },
    #[error("the CSV header has no {column:?} column (found: {found})")]
    MissingColumn { column: String, found: String },
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("invalid training data: {0}")]
    Data(String),
    #[error("cannot use the model in {path}: {reason}")]
    Model {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("tensor computation failed: {0}")]
    Candle(#[from] candle_core::Error),
    #[error("tokenizer failed: {0}")]
    Tokenizer(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// True when the caller's input is at fault (as opposed to the machine or the set-up).
    pub fn is_user_error(&self) -> bool {
        self.fault() == Fault::Input
    }

    /// Who is at fault: the caller's data, the deployment (configuration, model directory)
    /// or the machine.
    pub fn fault(&self) -> Fault {
        match self {
            Error::Config(_) | Error::Model { .. } => Fault::Setup,
            Error::Io(_) | Error::Candle(_) | Error::Tokenizer(_) | Error::Internal(_) => {
                Fault::Internal
            }
            _ => Fault::Input,
        }
    }

    /// A stable snake_case code per kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownUrgency(_) => "unknown_urgency",
            Error::UnknownPathway(_) => "unknown_pathway",
            Error::UnknownRule(_) => "unknown_rule",
            Error::UnknownStyle(_) => "unknown_style",
            Error::Json { .. } => "invalid_letter_record",
            Error::Csv { .. } | Error::MissingColumn { .. } => "invalid_csv",
            Error::Config(_) => "invalid_configuration",
            Error::Data(_) => "invalid_training_data",
            Error::Model { .. } => "model_unavailable",
            Error::Io(_) => "io_error",
            Error::Candle(_) => "tensor_error",
            Error::Tokenizer(_) => "tokenizer_error",
            Error::Internal(_) => "internal_error",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
