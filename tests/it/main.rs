//! All integration tests, one binary (as ripgrep and just do): one module per
//! feature, sharing the harness in `common` (with `diff`, comparisons that
//! show a diff, and `tools`, the programs outside Rust that some tests need).
//! Run one feature with e.g.
//! `cargo test --test it apply::`.

mod common;
mod diff;
mod mail_reader;
mod tools;

mod apply;
mod apply_plan_errors;
mod bounds;
mod cells;
mod commands;
mod docs;
mod generate;
mod golden;
mod language;
mod layers;
mod layout;
mod malformed;
mod outbox;
mod pages;
mod papercuts;
mod plan;
mod progress;
mod properties;
mod reminders;
mod report_apply;
mod report_html;
mod review_and_handoff;
mod rules_table;
mod security;
mod send;
mod spreadsheets;
mod status;
mod status_exit;
mod status_tenants;
mod stylesheet;
mod taiwan;
mod taiwan_output;
mod terminal;
mod trust;
mod validate_formats;
mod validate_hints;
mod validate_inputs;
mod validate_inputs_columns;
mod validate_junit;
mod validate_rules;
mod validate_rules_notices;
mod workbook_edges;
mod workbooks;
