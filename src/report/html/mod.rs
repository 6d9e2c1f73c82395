//! The HTML pages: the report (`index.html`, one self-contained page with
//! inline CSS and SVG, no script, no network; and `orgs/<mpn_id>.html` per
//! planned organisation, listed in `orgs/index.html` when the index caps its
//! table, all linking the one `orgs/style.css`) and the team's `status.html`
//! after cutover.
//!
//! The pages share one kit (numbers, dates, capped tables, run facts, counts)
//! and one tera instance, which also renders the sign-on email's body. Nothing
//! here reads the clock: the same inputs and `--as-of` give the same bytes at
//! any `--jobs`. A real run (`apply`) adds an Apply section to the index and
//! every organisation page; plan and `apply --dry-run` pages have none.
//!
//! One job per file; each uses only files listed above it here, so no two files
//! use each other:
//! - [`kit`]: formatting, capping, run facts and counts every page shares;
//! - [`checklist`]: the employee checklist in a language (uses `emit::l10n`);
//! - [`templates`]: the one tera instance, rendering a page or an email body;
//! - [`svg`]: chart and timeline geometry (uses the kit);
//! - [`rows`]: an organisation page's account rows, escaped as tera would,
//!   and addresses that break only between their parts;
//! - [`org`]: an organisation's page, and the rows the index shows of it;
//! - [`index`]: the index page (uses the organisation rows);
//! - [`listing`]: `orgs/index.html`, every organisation page;
//! - [`status`]: the status page;
//! - [`files`]: writing the pages into the output folder.

pub(crate) mod checklist;
pub(crate) mod files;
pub(crate) mod index;
pub(crate) mod kit;
pub(crate) mod org;
pub(crate) mod orgs_index;
pub(crate) mod rows;
pub(crate) mod status;
pub(crate) mod svg;
pub(crate) mod templates;
