//! The report set of a plan or an apply: plan.json, findings.csv, index.html
//! and orgs/, published as one unit into the output folder.

use super::Error;
use super::render::Render;
use crate::core::applied::Applied;
use crate::core::interrupt;
use crate::core::progress::{Progress, Unit};
use crate::core::transaction::owned::{self, Folder};
use crate::core::transaction::publish::{self, Generation};
use crate::files::{findings_csv, plan_file};
use crate::pipeline::Checked;
use std::io::{self, Write};
use std::path::Path;

/// The status page's file name, in the output folder (the index links it when present).
pub(crate) const STATUS_PAGE: &str = "status.html";

/// plan.json, findings.csv, index.html and orgs/*.html, published as one
/// set: written into a fresh generation, plan.json sealed with the digest of
/// the others, then switched into place. An interrupted run leaves the
/// previous complete set; `folder`'s list of written files follows.
pub(crate) fn write_reports(
    checked: &Checked,
    applied: Option<&Applied>,
    folder: &mut Folder,
    render: &dyn Render,
) -> Result<(), Error> {
    let out_dir = folder.dir().to_path_buf();
    let out = Error::output;
    let before = interrupt::folder_state();
    let during = format!("the report in {} is still the previous one", out_dir.display());
    interrupt::set_folder_state(joined(&before, &during));
    let generation = Generation::begin(&out_dir).map_err(out(out_dir.clone()))?;
    let into = generation.path();
    let status_page = out_dir.join(STATUS_PAGE).is_file();
    let progress = Progress::new(checked.options.quiet);
    // plan.json is one long sequential write; the pages render on the other threads meanwhile.
    let (files, pages) = rayon::join(
        || {
            let _stage = progress.stage("writing plan.json and findings.csv");
            let path = into.join("plan.json");
            write_streamed(&path, |w| plan_file::write_to(checked, applied, &out_dir, w)).map_err(out(path))?;
            let path = into.join("findings.csv");
            write_streamed(&path, |w| findings_csv::write_to(&checked.findings, w)).map_err(out(path))
        },
        || {
            // Counted as the listing's "orgs/ (N pages)" counts them, and the index named beside them.
            let stage = progress.bar("writing pages", Unit::Items("pages"), render.page_count(checked));
            render.report_pages(checked, applied, into, status_page, &stage.counter()).map_err(out(out_dir.clone()))?;
            stage.finish(|n| format!("wrote {n} and index.html"));
            Ok::<(), Error>(())
        },
    );
    files?;
    pages?;
    let digest = publish::digest(into, &plan_file::REPORT_SET).map_err(out(into.to_path_buf()))?;
    plan_file::seal(&into.join("plan.json"), &digest).map_err(out(out_dir.join("plan.json")))?;
    let pages = page_names(into).map_err(out(into.join("orgs")))?;
    // Listed before the switch (old and new pages both), so a cut never leaves an unlisted file.
    folder.wrote(["plan.json", "findings.csv", "index.html"]);
    folder.wrote(pages.iter().cloned());
    folder.save().map_err(out(out_dir.join(owned::MARKER)))?;
    let published = joined(&before, &format!("{} holds this run's complete report", out_dir.display()));
    generation.publish(published).map_err(out(out_dir.clone()))?;
    folder.replaced("orgs/");
    folder.wrote(pages);
    folder.save().map_err(out(out_dir.join(owned::MARKER)))
}

/// Two sentences of an interrupt's message, the first one possibly empty.
fn joined(first: &str, second: &str) -> String {
    if first.is_empty() { second.to_string() } else { format!("{first}; {second}") }
}

/// A new file at `path`, filled through a large buffer.
fn write_streamed(
    path: &Path,
    fill: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    fill(&mut w)?;
    w.flush()
}

/// `orgs/<name>` for every file the generation holds in orgs/.
fn page_names(generation: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(generation.join("orgs"))? {
        names.push(format!("orgs/{}", entry?.file_name().to_string_lossy()));
    }
    Ok(names)
}
