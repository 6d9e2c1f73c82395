//! What to do after `plan` and `apply`, and why an apply refused: messages
//! for stderr (design §6), beside the report [`super::change_listing`] prints on
//! stdout. The next steps are silenced by `--quiet`; a refusal never is.
//! Never a password: nothing here holds one.

use super::change_listing::{FIRST_FINDINGS, Written};
use super::text::plural;
use crate::core::finding::printable;
use crate::core::options::Creation;
use crate::pipeline::Checked;
use std::fmt::Write;
use std::path::Path;

/// What to do after a plan: a message for stderr, silenced by `--quiet`.
pub(crate) fn plan_next(checked: &Checked, out_dir: &Path) -> String {
    let file = |name: &str| out_dir.join(name).display().to_string();
    if checked.counts.errors > 0 {
        format!(
            "Next: fix the errors in the exports (every finding is in {}) and plan again; rows and organisations with errors get no account.\n",
            file("findings.csv")
        )
    } else if checked.plan.has_changes() {
        format!(
            "Next: review {}, then carry out exactly this plan:\n  pmc-migrate apply --plan {} --out {}\n",
            file("index.html"),
            shell(&file("plan.json")),
            shell(&out_dir.display().to_string())
        )
    } else {
        String::new()
    }
}

/// What to do after an apply that was not refused: a message for stderr,
/// silenced by `--quiet`.
pub(crate) fn apply_next(checked: &Checked, written: &Written, out_dir: &Path) -> String {
    let file = |name: &str| out_dir.join(name).display().to_string();
    let mut steps: Vec<String> = Vec::new();
    let age = if written.sealed { ".age" } else { "" };
    if let [(only, _)] = written.credentials.as_slice() {
        let who = match checked.plan.organizations.iter().find(|o| o.mpn_id == only.mpn_id) {
            Some(o) => format!("the admin of {} ({})", printable(&o.organization), o.mpn_id),
            None => format!("the admin of {}", only.mpn_id),
        };
        if written.entra {
            steps.push(format!(
                "upload {} in the Microsoft Entra admin center (Users › Bulk operations › Bulk create)",
                file(&format!("{}{age}", only.entra()))
            ));
        }
        steps.push(match checked.plan.creation {
            Creation::Bulk => format!(
                "give {} to {who}, who uploads it in Partner Center (Set up your team › Add users using PMC data)",
                file(&format!("{only}{age}"))
            ),
            Creation::Individual => {
                format!("give {} to {who}, who adds each person with Add new user", file(&format!("{only}{age}")))
            }
        });
    } else if !written.credentials.is_empty() {
        if written.entra {
            steps.push("upload each .entra.csv listed above in the Microsoft Entra admin center (Users › Bulk operations › Bulk create)".to_string());
        }
        steps.push(match checked.plan.creation {
            Creation::Bulk => "give each credentials file listed above to its organisation's admin, who uploads it in Partner Center (Set up your team › Add users using PMC data)".to_string(),
            Creation::Individual => "give each credentials file listed above to its organisation's admin, who adds each person with Add new user".to_string(),
        });
    }
    if !written.credentials.is_empty() {
        if written.sealed {
            steps.push(
                "the files are encrypted (age): open one with `age -d -i key.txt -o FILE FILE.age`, key.txt being the private key of an --encrypt-to recipient"
                    .to_string(),
            );
        }
        if written.outbox {
            steps.push(format!(
                "send the sign-on emails in {}: pmc-migrate send --out {} --smtp smtp://HOST:587{} (see `pmc-migrate send --help`)",
                file("outbox/"),
                shell(&out_dir.display().to_string()),
                if written.sealed { " --identity key.txt" } else { "" }
            ));
        }
        steps.push("delete those files once delivered: they are the only copy of the temporary passwords".to_string());
    }
    let left = checked.plan.left.len();
    if left > 0 {
        steps.push(format!(
            "if they really left, remove in Partner Center the {} of {} who left the export (nothing is deleted here)",
            if left == 1 { "account" } else { "accounts" },
            plural(left, "person", "people")
        ));
    }
    if checked.counts.errors > 0 {
        steps.push(format!(
            "fix the {} (every finding is in {}) and apply again: those rows and organisations are not in this run",
            plural(checked.counts.errors, "error", "errors"),
            file("findings.csv")
        ));
    }
    if written.committed {
        steps.push(format!(
            "once people have signed in, export the team's status from Partner Center and run: pmc-migrate status --out {} --status team-status.csv",
            shell(&out_dir.display().to_string())
        ));
    }
    let mut text = String::new();
    if !steps.is_empty() {
        text.push_str("Next:\n");
        for (i, step) in steps.iter().enumerate() {
            let _ = writeln!(text, "  {}. {step}", i + 1);
        }
    }
    text
}

/// Why an apply with errors wrote no credentials: for stderr, never silenced.
/// It points at the errors the report above it lists.
pub(crate) fn refusal(checked: &Checked, out_dir: &Path) -> String {
    let n = checked.counts.errors;
    let listed = if n <= FIRST_FINDINGS {
        "listed above".to_string()
    } else {
        format!("the first {FIRST_FINDINGS} listed above")
    };
    format!(
        "apply refused: {} ({listed}; every finding is in {}). No password was issued, no credential file written, and the ledger is unchanged. Fix the exports and apply again, or pass --skip-invalid to apply the valid rows.\n",
        plural(n, "error", "errors"),
        out_dir.join("findings.csv").display()
    )
}

/// A path as a shell word, for commands people copy.
pub(crate) fn shell(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "._/-+=:@,".contains(c));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', r"'\''")) }
}
