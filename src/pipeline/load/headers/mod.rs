//! The exports' columns and how a header row names them (design §3, §9).

mod matching;
mod schema;

pub(crate) use matching::{match_headers, match_with, normalize};
pub use schema::*;
