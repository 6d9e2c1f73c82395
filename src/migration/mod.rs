//! Layer 4, the migration: the workflows `plan`, `apply` and `status` (with its reminders) over
//! an output folder, taking option structs and returning results; the
//! commands only map arguments to options and results to output.

pub(crate) mod apply;
mod error;
pub(crate) mod folder;
pub(crate) mod issue;
pub(crate) mod plan;
pub(crate) mod reminders;
pub(crate) mod render;
pub(crate) mod report_set;
pub(crate) mod send;
pub(crate) mod staging;
pub(crate) mod status;

pub use error::Error;
