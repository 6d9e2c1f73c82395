//! Where the pages go on disk: `index.html` and `orgs/<mpn_id>.html` from plan
//! and apply (written into a report generation that is published whole),
//! `status.html` from status (replaced atomically).

use super::kit::page_id;
use super::status::{self, Links};
use super::templates::{INDEX, ORG, ORGS, STATUS, STYLESHEET, render_page, render_page_into};
use super::{index, org, orgs_index};
use crate::core::applied::Applied;
use crate::core::progress::Counter;
use crate::core::transaction::atomic::{real_dir, write_atomic};
use crate::files::plan_file;
use crate::pipeline::Checked;
use crate::pipeline::assess::StatusReport;
use rayon::prelude::*;
use std::io;
use std::path::Path;

use crate::migration::report_set::STATUS_PAGE;
/// Every organisation page, listed in `orgs/` (when the index caps its table).
const LISTING: &str = "index.html";
/// The stylesheet every page in `orgs/` links (`orgs/style.css`).
const STYLE: &str = "style.css";
/// Room for a typical organisation page (it grows for a large one).
const PAGE_BUFFER: usize = 64 * 1024;

/// Write `index.html` and `orgs/<mpn_id>.html` into `into` (a fresh folder
/// that is then published whole), and `orgs/index.html` when the index shows
/// only the first organisations. Organisation pages are rendered in parallel.
///
/// `applied` is what a real run did (`None` for plan and `apply --dry-run`,
/// whose pages are exactly what they were before apply had a section): the
/// index and each organisation page then show the run, its counts and where
/// the credential files are, never a password.
///
/// The index links to `status.html` when `status_page` says that page is in
/// the output folder. `status` writes only status.html (which links back to
/// index.html) and leaves index.html alone, so the index gains its link on
/// the next plan or apply into the folder.
pub(crate) fn write_report(
    checked: &Checked,
    applied: Option<&Applied>,
    into: &Path,
    status_page: bool,
    pages: &Counter,
) -> io::Result<()> {
    crate::core::interrupt::pause("writing-pages");
    let orgs = &checked.plan.organizations;
    let dir = real_dir(into, Path::new("orgs"), 0o755).map_err(|e| at("orgs", e))?;
    // The pages in orgs/ may load nothing else: the fonts go into their stylesheet.
    let fonts = super::kit::fonts(checked.plan.lang);
    let style = if fonts.is_empty() { STYLESHEET.to_string() } else { format!("{STYLESHEET}{fonts}\n") };
    std::fs::write(dir.join(STYLE), style).map_err(|e| at("orgs/style.css", e))?;
    let left = applied.map(|_| org::left_by_org(&checked.plan)).unwrap_or_default();
    let buffer = || Vec::with_capacity(PAGE_BUFFER);
    orgs.par_iter().filter(|o| page_id(&o.mpn_id)).try_for_each_init(buffer, |html, o| {
        if crate::core::interrupt::stopping() {
            return Err(crate::core::interrupt::stopped());
        }
        let name = format!("{}.html", o.mpn_id);
        let gone = left.get(o.mpn_id.as_str()).map_or(&[][..], Vec::as_slice);
        render_page_into(ORG, &org::org_page(o, &checked.plan, applied.map(|a| (a, gone))), html)?;
        std::fs::write(dir.join(&name), &html[..]).map_err(|e| at(&format!("orgs/{name}"), e))?;
        pages.add(1);
        Ok::<_, io::Error>(())
    })?;
    if orgs_index::wanted(&checked.plan) {
        let html = render_page(ORGS, &orgs_index::listing(&checked.plan))?;
        std::fs::write(dir.join(LISTING), html.as_bytes()).map_err(|e| at("orgs/index.html", e))?;
    }
    let html = render_page(INDEX, &index::index(checked, applied, status_page))?;
    std::fs::write(into.join("index.html"), html.as_bytes()).map_err(|e| at("index.html", e))?;
    Ok(())
}

/// How many organisation pages [`write_report`] writes (besides the index).
pub(crate) fn page_count(checked: &Checked) -> u64 {
    checked.plan.organizations.iter().filter(|o| page_id(&o.mpn_id)).count() as u64
}

/// Write `status.html` into `out_dir` (which exists), atomically. It links to
/// the index and the organisation pages that are in the folder, and names the
/// organisations from the folder's plan.json (the ledger has only MPN IDs;
/// without a readable plan the page shows MPN IDs alone).
pub(crate) fn write_status(report: &StatusReport, out_dir: &Path) -> io::Result<()> {
    let names = std::fs::File::open(out_dir.join("plan.json"))
        .ok()
        .and_then(|f| plan_file::org_names(io::BufReader::new(f)).ok())
        .unwrap_or_default();
    let links = Links {
        index: out_dir.join("index.html").is_file(),
        org_page: &|mpn_id: &str| page_id(mpn_id) && out_dir.join("orgs").join(format!("{mpn_id}.html")).is_file(),
        listing: out_dir.join("orgs").join(LISTING).is_file(),
        name: &|mpn_id: &str| names.get(mpn_id).cloned(),
    };
    let html = render_page(STATUS, &status::view(report, &links))?;
    write_atomic(&out_dir.join(STATUS_PAGE), html.as_bytes(), None).map_err(|e| at(STATUS_PAGE, e))
}

/// `e`, naming the file it is about.
fn at(file: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{file}: {e}"))
}
