//! Layer 4, the migration: the workflows `plan`, `apply` and `status` over
//! an output folder, taking option structs and returning results; the
//! commands only map arguments to options and results to output.

pub mod apply;
mod error;
pub mod folder;
pub mod issue;
pub mod plan;
pub mod render;
pub mod report_set;
pub mod staging;
pub mod status;

pub use error::Error;
