//! Every message tells the truth and every page reads at a glance: sign-on
//! emails whose long names read back whole, and the report's pages measured
//! where a reader meets them (see also `layout`).

mod large_run;
mod mail_names;
mod status_page;
mod translated;
