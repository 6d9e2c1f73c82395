//! Why a file could not be loaded at all (as opposed to findings about its rows).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error(
        "{path} is not a regular file and went on past {limit} bytes (4 GiB), the most one input may hold: \
         save it to a file, or split it"
    )]
    StreamTooLarge { path: PathBuf, limit: u64 },
    #[error("the file holds more than 4 GiB of field data; split it")]
    TooLarge,
    #[error(transparent)]
    Workbook(#[from] super::workbook::WorkbookError),
}
