//! The HTML report: index.html and orgs/<mpn_id>.html (tera templates in templates/).

use crate::Checked;
use std::io;
use std::path::Path;

/// Write `index.html` and `orgs/<mpn_id>.html` into `out_dir`.
pub fn write_report(checked: &Checked, out_dir: &Path) -> io::Result<()> {
    let _ = (checked, out_dir);
    Ok(())
}
