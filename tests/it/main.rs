//! All integration tests, one binary (as ripgrep and just do): one module per
//! feature, sharing the harness in `common`. Run one feature with e.g.
//! `cargo test --test it apply::`.

mod common;

mod apply;
mod bounds;
mod golden;
mod malformed;
mod plan;
mod properties;
mod report_apply;
mod report_html;
mod review_and_handoff;
mod security;
mod status;
mod validate_formats;
mod validate_inputs;
mod validate_junit;
mod validate_rules;
