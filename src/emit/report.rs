//! The HTML report: `index.html` (one self-contained page: inline CSS and SVG,
//! no script, no network) and `orgs/<mpn_id>.html` per planned organisation.
//!
//! The tera templates live in `templates/` and are compiled into the binary, so
//! the report renders from any folder. Autoescaping is on for every template,
//! and no input value is ever marked safe. Nothing here reads the clock: the
//! same inputs and `--as-of` give the same bytes at any `--jobs`.
//!
//! A real run (`apply`) adds an Apply section to both kinds of page; plan and
//! `apply --dry-run` pages have none. `status.html` (see
//! [`crate::emit::status_page`]) is rendered from the same templates.

mod svg;
pub(crate) mod view;

use crate::applied::Applied;
use crate::check::Checked;
use crate::transaction::atomic::write_atomic;
use rayon::prelude::*;
use serde::Serialize;
use std::io;
use std::path::Path;
use std::sync::OnceLock;
use tera::{Context, Tera};

/// Every template, by the name tera knows it under.
const TEMPLATES: [(&str, &str); 6] = [
    ("style.css", include_str!("../../templates/style.css")),
    ("macros.html.tera", include_str!("../../templates/macros.html.tera")),
    ("base.html.tera", include_str!("../../templates/base.html.tera")),
    ("index.html.tera", include_str!("../../templates/index.html.tera")),
    ("org.html.tera", include_str!("../../templates/org.html.tera")),
    ("status.html.tera", include_str!("../../templates/status.html.tera")),
];

const INDEX: &str = "index.html.tera";
const ORG: &str = "org.html.tera";

/// Write `index.html` and `orgs/<mpn_id>.html` into `out_dir` (which exists).
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
pub fn write_report(checked: &Checked, applied: Option<&Applied>, out_dir: &Path) -> io::Result<()> {
    let tera = templates()?;
    let orgs = &checked.plan.organizations;
    // Organisation pages are written into a fresh folder that then replaces
    // orgs/ whole: thousands of pages cost no rename each, an interrupted run
    // leaves the old folder or the new one, and pages of organisations no
    // longer planned go away.
    let fresh = Path::new(ORGS_NEW);
    for leftover in [ORGS_NEW, ORGS_OLD] {
        remove_real_dir(&out_dir.join(leftover))?;
    }
    let dir = crate::transaction::atomic::real_dir(out_dir, fresh, 0o755).map_err(|e| at(ORGS_NEW, e))?;
    let left = applied.map(|_| view::left_by_org(&checked.plan)).unwrap_or_default();
    orgs.par_iter().filter(|o| view::page_id(&o.mpn_id)).try_for_each(|o| {
        let name = format!("{}.html", o.mpn_id);
        let gone = left.get(o.mpn_id.as_str()).map_or(&[][..], Vec::as_slice);
        let html = render(tera, ORG, &view::org_page(o, &checked.plan, applied.map(|a| (a, gone))))?;
        std::fs::write(dir.join(&name), html.as_bytes()).map_err(|e| at(&format!("orgs/{name}"), e))
    })?;
    swap_in(out_dir, &dir)?;
    let status_page = out_dir.join(crate::emit::status_page::FILE_NAME).is_file();
    let html = render(tera, INDEX, &view::index(checked, applied, status_page))?;
    write_atomic(&out_dir.join("index.html"), html.as_bytes(), None).map_err(|e| at("index.html", e))
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

/// Render the template `name` with `view` (for status.html, which shares the
/// report's templates, style and escaping).
pub(crate) fn render_page<T: Serialize>(name: &str, view: &T) -> io::Result<String> {
    render(templates()?, name, view)
}

/// The compiled templates, built once per process.
fn templates() -> io::Result<&'static Tera> {
    static TERA: OnceLock<Result<Tera, String>> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".tera"]);
        tera.add_raw_templates(TEMPLATES).map_err(|e| chain(&e))?;
        Ok(tera)
    })
    .as_ref()
    .map_err(|e| io::Error::other(format!("report templates: {e}")))
}

fn render<T: Serialize>(tera: &Tera, name: &str, view: &T) -> io::Result<String> {
    let context = Context::from_serialize(view).map_err(|e| io::Error::other(chain(&e)))?;
    tera.render(name, &context).map_err(|e| io::Error::other(format!("rendering {name}: {}", chain(&e))))
}

/// A tera error with its causes (tera puts the useful part in `source`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn at(file: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{file}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_compile_with_autoescaping() {
        let tera = templates().expect("templates parse");
        let names: Vec<&str> = tera.get_template_names().collect();
        for (name, _) in TEMPLATES {
            assert!(names.contains(&name), "{name} registered");
        }
        let mut t = Tera::default();
        t.autoescape_on(vec![".html", ".tera"]);
        t.add_raw_template("x.html.tera", "{{ v }}").unwrap();
        let mut c = Context::new();
        c.insert("v", "<script>\"");
        assert_eq!(t.render("x.html.tera", &c).unwrap(), "&lt;script&gt;&quot;");
    }

    #[test]
    fn no_template_marks_a_value_safe_or_loads_anything() {
        for (name, text) in TEMPLATES {
            assert!(!text.contains("| safe") && !text.contains("|safe"), "{name} uses safe");
            assert!(!text.contains("http:") && !text.contains("https:"), "{name} names a URL");
            assert!(!text.contains("<script"), "{name} has a script");
            assert!(!text.contains("url("), "{name} loads a resource from CSS");
        }
    }
}
