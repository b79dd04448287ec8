/// Errors from the generators: always the caller's configuration.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid corpus configuration: {0}")]
    Config(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
