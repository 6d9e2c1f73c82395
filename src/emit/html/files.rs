//! Where the pages go on disk: `index.html` and `orgs/<mpn_id>.html` from plan
//! and apply, `status.html` from status. Every file is replaced whole, so an
//! interrupted run leaves the old page or the new one, never half of either;
//! pages link to each other only once the target is there.

use super::kit::page_id;
use super::status::{self, Links};
use super::templates::{INDEX, ORG, ORGS, STATUS, STYLESHEET, render_page, render_page_into};
use super::{index, listing, org};
use crate::applied::Applied;
use crate::check::Checked;
use crate::plan_file;
use crate::progress::Counter;
use crate::status::StatusReport;
use crate::transaction::atomic::{real_dir, write_atomic};
use rayon::prelude::*;
use std::io;
use std::path::Path;

/// The status page's file name, in the report's folder.
pub const STATUS_PAGE: &str = "status.html";
/// Every organisation page, listed in `orgs/` (when the index caps its table).
const LISTING: &str = "index.html";
/// The stylesheet every page in `orgs/` links (`orgs/style.css`).
const STYLE: &str = "style.css";
/// Room for a typical organisation page (it grows for a large one).
const PAGE_BUFFER: usize = 64 * 1024;

/// Write `index.html` and `orgs/<mpn_id>.html` into `out_dir` (which exists),
/// and `orgs/index.html` when the index shows only the first organisations.
/// Organisation pages are rendered in parallel and written first, so that the
/// index never links to a page that is not there yet.
///
/// `applied` is what a real run did (`None` for plan and `apply --dry-run`,
/// whose pages are exactly what they were before apply had a section): the
/// index and each organisation page then show the run, its counts and where
/// the credential files are, never a password.
///
/// The index links to `status.html` when that page is already in `out_dir`.
/// `status` writes only status.html (which links back to index.html) and
/// leaves index.html alone, so the index gains its link on the next plan or
/// apply into the folder.
pub fn write_report(checked: &Checked, applied: Option<&Applied>, out_dir: &Path, pages: &Counter) -> io::Result<()> {
    let orgs = &checked.plan.organizations;
    // Organisation pages are written into a fresh folder that then replaces
    // orgs/ whole: thousands of pages cost no rename each, an interrupted run
    // leaves the old folder or the new one, and pages of organisations no
    // longer planned go away.
    let fresh = Path::new(ORGS_NEW);
    for leftover in [ORGS_NEW, ORGS_OLD] {
        remove_real_dir(&out_dir.join(leftover))?;
    }
    let dir = real_dir(out_dir, fresh, 0o755).map_err(|e| at(ORGS_NEW, e))?;
    // Swapped in with the pages that link it, so no page is ever without it.
    std::fs::write(dir.join(STYLE), STYLESHEET).map_err(|e| at("orgs/style.css", e))?;
    let left = applied.map(|_| org::left_by_org(&checked.plan)).unwrap_or_default();
    let buffer = || Vec::with_capacity(PAGE_BUFFER);
    orgs.par_iter().filter(|o| page_id(&o.mpn_id)).try_for_each_init(buffer, |html, o| {
        let name = format!("{}.html", o.mpn_id);
        let gone = left.get(o.mpn_id.as_str()).map_or(&[][..], Vec::as_slice);
        render_page_into(ORG, &org::org_page(o, &checked.plan, applied.map(|a| (a, gone))), html)?;
        std::fs::write(dir.join(&name), &html[..]).map_err(|e| at(&format!("orgs/{name}"), e))?;
        pages.add(1);
        Ok::<_, io::Error>(())
    })?;
    if listing::wanted(&checked.plan) {
        let html = render_page(ORGS, &listing::listing(&checked.plan))?;
        std::fs::write(dir.join(LISTING), html.as_bytes()).map_err(|e| at("orgs/index.html", e))?;
    }
    swap_in(out_dir, &dir)?;
    let status_page = out_dir.join(STATUS_PAGE).is_file();
    let html = render_page(INDEX, &index::index(checked, applied, status_page))?;
    write_atomic(&out_dir.join("index.html"), html.as_bytes(), None).map_err(|e| at("index.html", e))?;
    pages.add(1);
    Ok(())
}

/// How many pages [`write_report`] writes: the index and one per organisation.
pub fn page_count(checked: &Checked) -> u64 {
    1 + checked.plan.organizations.iter().filter(|o| page_id(&o.mpn_id)).count() as u64
}

/// Write `status.html` into `out_dir` (which exists), atomically. It links to
/// the index and the organisation pages that are in the folder, and names the
/// organisations from the folder's plan.json (the ledger has only MPN IDs;
/// without a readable plan the page shows MPN IDs alone).
pub fn write_status(report: &StatusReport, out_dir: &Path) -> io::Result<()> {
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

const ORGS_NEW: &str = ".orgs-new";
const ORGS_OLD: &str = ".orgs-old";

/// Remove a folder this module made (never through a link).
fn remove_real_dir(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).map_err(|e| at(&path.display().to_string(), e)),
        Ok(_) => std::fs::remove_file(path).map_err(|e| at(&path.display().to_string(), e)),
        Err(_) => Ok(()),
    }
}

/// Put the freshly written pages in place of `orgs/`, then drop the old ones.
fn swap_in(out_dir: &Path, fresh: &Path) -> io::Result<()> {
    let orgs = out_dir.join("orgs");
    let old = out_dir.join(ORGS_OLD);
    match std::fs::symlink_metadata(&orgs) {
        Ok(m) if m.is_dir() => std::fs::rename(&orgs, &old).map_err(|e| at("orgs", e))?,
        Ok(_) => return Err(at("orgs", io::Error::other("is not a folder (a link?); refusing to replace it"))),
        Err(_) => {}
    }
    std::fs::rename(fresh, &orgs).map_err(|e| at("orgs", e))?;
    remove_real_dir(&old)
}

/// `e`, naming the file it is about.
fn at(file: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{file}: {e}"))
}
