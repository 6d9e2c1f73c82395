//! What each rule means, why it matters and how to fix the export, for
//! `pmc-migrate rules` and `pmc-migrate explain RULE`. Keyed by rule id, so
//! the texts stay beside each other and a test can check every rule has one.

/// The texts of one rule.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub id: &'static str,
    /// One line, for `pmc-migrate rules`.
    pub summary: &'static str,
    pub meaning: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

/// The explanation of the rule `id`, if it has one.
pub fn explain(id: &str) -> Option<&'static Explanation> {
    EXPLANATIONS.iter().find(|e| e.id == id)
}

const fn x(
    id: &'static str,
    summary: &'static str,
    meaning: &'static str,
    why: &'static str,
    fix: &'static str,
) -> Explanation {
    Explanation { id, summary, meaning, why, fix }
}

pub const EXPLANATIONS: &[Explanation] = &[
    x(
        "missing-column",
        "a required column (or both name columns) is absent: no row of that file is used",
        "The header line has no column for a required field, or neither first_name nor last_name. Headers are matched \
         ignoring case, spaces, `_`, `-` and `.`, and each column accepts a few aliases (`Email Address` for email, \
         `Partner ID` for mpn_id). The message names the column that was not found.",
        "Without that column no row of the file can be read, so the whole file is left out: with the employees file \
         unusable nobody gets an account, with the memberships file unusable no organisation is planned.",
        "Export the file again with all columns, or rename the header to one of the accepted names (listed in the \
         README). A title row above the header has the same effect: delete the rows above the header line.",
    ),
    x(
        "invalid-encoding",
        "bytes that are not valid in the file's encoding; the row is left out",
        "The row holds bytes that are not valid UTF-8, or not valid in the encoding given with --encoding. Files \
         without a byte-order mark are read as UTF-8, but old Excel \"CSV\" files are often windows-1252, where `é` \
         is the single byte 0xE9. A NUL byte in the header usually means UTF-16 without a byte-order mark; a zip or \
         PDF file is not text at all.",
        "A name read in the wrong encoding turns into garbage in the username, the display name and the sign-on \
         email, so the row is left out rather than guessed at.",
        "Pass the file's real encoding: the message names the one the bytes look like (chardetng, Firefox's \
         detector), e.g. `--encoding big5` (also `cp950`), `--encoding windows-1252` (`cp1252`), `shift_jis` \
         (`cp932`), or `utf-16le` for UTF-16 without a BOM. Or save the file again as \"CSV UTF-8\" from the \
         spreadsheet program.",
    ),
    x(
        "suspect-encoding",
        "names read with --encoding look like mojibake: no row of the file is used",
        "The file was read with the encoding given with --encoding, but its bytes look like another script's \
         encoding and a name decoded with it is not one a person or company has: Big5 Chinese read as \
         windows-1252 turns 李宗翰 into `§õ©v¿«`, UTF-8 read as windows-1252 turns `Weiß` into `WeiÃŸ`. The finding \
         is on the first such name, with the encoding the bytes look like.",
        "Every byte decodes in a single-byte encoding, so nothing else would stop the wrong names from reaching \
         usernames, display names, credential files and sign-on emails. A wrong encoding spoils every row, so the \
         whole file is left out.",
        "Run again with the encoding the message names (e.g. `--encoding big5`, also `cp950`), or without \
         --encoding for a UTF-8 file, or save the file as \"CSV UTF-8\" from the spreadsheet program.",
    ),
    x(
        "malformed-row",
        "a row with more or fewer fields than the header",
        "The record has another number of fields than the header line. Usually a value holds the delimiter without \
         quotes (`Contoso, Ltd` in a comma file), a quote is never closed so the record swallows the lines after it, \
         or the row was cut short.",
        "With the fields shifted nobody can tell which value belongs to which column, so the row is left out; a \
         membership row left out takes its organisation out of the plan.",
        "Open the file in a text editor at the line named and compare it with the header: quote values that hold \
         the delimiter (`\"Contoso, Ltd\"`), double the quotes inside quoted values (`\"\"`), restore missing fields. \
         Pass --delimiter if the sniffed delimiter is wrong.",
    ),
    x(
        "missing-value",
        "a required value is empty, or first and last name both are",
        "A required column is there but this row's cell is empty (memberships: mpn_id, organization, membership, \
         start_date, end_date, tenant_domain; employees: mpn_id, email), or an employee has neither a first nor a \
         last name. A cell of spaces counts as empty.",
        "Each of these values is needed to enrol the organisation or to create the account: without an email no \
         username can be made and no sign-on information delivered, so the row (or organisation) is left out.",
        "Fill in the value in the export and run again. For a person whose first name is unknown, the last name \
         alone is enough.",
    ),
    x(
        "invalid-mpn-id",
        "an MPN ID that is not 4 to 10 digits",
        "MPN IDs (Partner IDs) are 4 to 10 digits. This value has letters, separators or the wrong length: often a \
         spreadsheet turned it into `1.23E+06` or added a thousands separator, or another identifier (a tenant ID, a \
         Partner University ID) was pasted into the column.",
        "The MPN ID ties employees to their organisation and names the credential files: a wrong one would put people \
         into another partner's account, so the row is left out.",
        "Copy the MPN ID exactly as PMC shows it. Format the column as text before saving the CSV, so that the \
         spreadsheet keeps the digits as they are.",
    ),
    x(
        "invalid-date",
        "not a date in an accepted form, or no such day",
        "The value is not a date in an accepted form (`YYYY-MM-DD`, `YYYY/MM/DD`, or a slash date with \
         --date-order), or names a day that does not exist, such as `2026-02-30` or `2025-02-29`. Spreadsheet serial \
         numbers (`46023`) and month names are not read.",
        "The Partner Center end date is one year after the PMC end date, and the overlap window ends on it: with a \
         wrong date both would be wrong, so the organisation is left out.",
        "Take the date from PMC and write it as `YYYY-MM-DD`; in a spreadsheet, format the column as text or as an \
         ISO date before saving.",
    ),
    x(
        "ambiguous-date",
        "a year-last slash date without --date-order",
        "The date has the year last, like `3/4/2026`: 4 March in the US, 3 April in most of Europe. The tool never \
         guesses, not even when only one reading is possible (`3/25/2026`), because a file is read one way \
         throughout.",
        "Read the wrong way, an end date moves by months, and with it the new membership's end date and the overlap \
         window.",
        "Say how the file writes dates: `--date-order mdy` (month first, as US Excel saves) or `--date-order dmy` \
         (day first); or convert the column to `YYYY-MM-DD`.",
    ),
    x(
        "date-order",
        "the membership ends before it starts",
        "The row's end_date is earlier than its start_date. Usually the two columns were swapped, or one of the dates \
         was typed with the wrong year.",
        "The new membership's dates are computed from the PMC term; a term that ends before it starts is a data \
         error that would give wrong dates, so the organisation is left out.",
        "Check the current term in PMC and correct the start or end date in the export.",
    ),
    x(
        "invalid-email",
        "not a usable email address",
        "The email has no `@`, holds spaces or one of `, ; < > ( ) [ ] \\ \"`, has a local part over 64 characters \
         or one that starts, ends or doubles a dot, or a domain without a dot or with an empty label. Two addresses \
         in one cell (`a@x.com; b@x.com`) fail too.",
        "The email is where the sign-on information goes, identifies the person across rows and gives the username: \
         without a usable address no account can be created.",
        "Put exactly one work address in each row, as the person receives mail (`first.last@contoso.com`). People \
         without an address need one before they can be migrated.",
    ),
    x(
        "invalid-domain",
        "a tenant domain that is not a domain name of at most 48 characters",
        "The tenant domain must be a domain name such as `contoso.onmicrosoft.com`: dot-separated labels of letters, \
         digits and hyphens, a top-level label of letters, at most 48 characters (Microsoft Entra's limit for the \
         domain part of a user principal name). A URL, an email address or a name without a dot fails.",
        "Every username is `name@tenant_domain`: with a bad domain none of the organisation's accounts could be \
         created, so the organisation is left out.",
        "Use the organisation's Microsoft Entra domain, its `.onmicrosoft.com` domain or a verified custom domain, \
         without `https://`, `www.` or a trailing slash.",
    ),
    x(
        "invalid-role",
        "a role that is neither an admin nor an employee name",
        "The role cell holds a value the tool does not map. Admin: `admin`, `Administrator`, `Global Admin`, `Global \
         Administrator`; employee: `employee`, `user`, `member`, `standard user` or an empty cell (matched ignoring \
         case, spaces, `_`, `-` and `.`).",
        "The role decides who is the organisation's admin, the one who adds everyone else in Partner Center. A guess \
         could make the wrong person an admin, so the row is left out.",
        "Write `admin` or `employee`, or leave the cell empty for an employee. Titles such as `Owner` or `Manager` \
         belong in job_title.",
    ),
    x(
        "unknown-organization",
        "an employee whose MPN ID is not in the memberships file",
        "The employee row names an MPN ID that no row of the memberships file has. Usually the memberships export is \
         from another day or a narrower selection, or the ID has a typo.",
        "An account is created in its organisation's tenant: without the organisation there is no tenant domain and \
         no membership, so the person is left out.",
        "Export both files at the same time and for the same organisations, or correct the employee's MPN ID. An \
         organisation that is in the file but has an error of its own gives no such finding: fix that error.",
    ),
    x(
        "duplicate-organization",
        "the same MPN ID on two membership rows with different data",
        "Two rows of the memberships file have the same MPN ID but differ in a value the tool reads (name, level, \
         dates, domain, renewed, country). An identical repeat is only `exact-duplicate`.",
        "Nobody can tell which row is right, and its dates and tenant decide the whole migration of the organisation, \
         so the organisation and its employees are left out.",
        "Keep one row per organisation: compare the two lines named in the message with PMC and delete the wrong one.",
    ),
    x(
        "org-without-admin",
        "an organisation with employees to migrate but no admin among them",
        "None of the organisation's usable employee rows has an admin role.",
        "In Partner Center the organisation's admin adds everyone else and hands out their sign-on details; without \
         one nobody can carry out the migration (R5), so the organisation is left out.",
        "Mark the person who will enrol the organisation in Partner Center as `admin` in the role column, or add \
         that person's row if it is missing.",
    ),
    x(
        "conflicting-duplicate",
        "the same person twice in one organisation with different data: merged",
        "Two rows of one organisation have the same email (after trimming, Unicode NFC and case folding) but differ \
         in other values. They are merged: exams and certifications united, admin if any row says admin, otherwise \
         the first non-empty value of each column.",
        "One person gets one account, so the merge is usually right; but a different name or title can mean that two \
         people share a mailbox, or that one of the rows is out of date.",
        "Keep one row per person and organisation, with the right values. If two people really share the address, \
         give each an address of their own.",
    ),
    x(
        "membership-expired",
        "the membership ended before the cutover date: no overlap",
        "The PMC end date is before the cutover date (--as-of, today by default). The new Partner Center membership \
         starts at cutover and ends one year after it (R4), and there is no window in which both systems are open.",
        "The organisation can no longer review its PMC benefits, and its new end date is counted from the cutover, \
         not from the PMC term: make sure that is what the organisation expects.",
        "Nothing to fix if the date is right. If the membership was renewed, export again so the current term is in \
         the file, and check that --as-of is the intended cutover date.",
    ),
    x(
        "unknown-membership-level",
        "a level other than Network Member, Action Pack, Silver, Gold",
        "The membership level is not one the tool knows (`Network Member`, `Action Pack`, `Silver`, `Gold`). The \
         organisation is kept, and the level is shown as written.",
        "The level changes no date, but the reports show it to the admin: an unknown value is often a typo, or a \
         program name to check against what the organisation holds.",
        "Write the level as PMC names it. If the value is right, nothing needs to change.",
    ),
    x(
        "invalid-exam-code",
        "an exam code not shaped like 70-533 or AZ-900; dropped from the list",
        "Exam codes are two or three letters or digits, a hyphen, three digits and an optional letter (`70-533`, \
         `AZ-900`, `MB-210T`), separated by `;`. This code is not, so it is dropped from the person's exams.",
        "Exams are associated in Partner Center for competency credit (R8): a dropped code is an exam the person is \
         not reminded to associate.",
        "Correct the code (`AZ900` → `AZ-900`) and separate codes with `;`, not `,` or spaces.",
    ),
    x(
        "username-collision",
        "two people in one tenant whose emails give the same username; the later one gets 2, 3, …",
        "Usernames come from the email's local part, transliterated to ASCII and lower-cased (`José.García@` → \
         `jose.garcia`). Two people of one tenant got the same name: the earlier input line keeps it, this one gets \
         a number (`jose.garcia2`).",
        "People sign in with their username; a numbered one is easy to mix up, and the person must be told which \
         one is theirs.",
        "Nothing to fix if the numbered name is acceptable; otherwise give one of them a distinct address. A username \
         already in the ledger keeps its owner.",
    ),
    x(
        "org-without-employees",
        "an organisation with nobody in the employees file",
        "No row of the employees file has this organisation's MPN ID. The organisation is still planned (its new \
         membership dates), with no accounts.",
        "Without accounts nobody of the organisation keeps access to Partner University or brings competency credit; \
         usually the employees export is incomplete.",
        "Export this organisation's employees too, or check their MPN ID; if nobody is to be migrated, nothing needs \
         to change.",
    ),
    x(
        "invalid-value",
        "a renewed or country value that can't be read (read as \"no\" / no usage location)",
        "An optional column holds a value that cannot be read: `renewed` takes yes/no, true/false, y/n or 1/0, \
         `country` a two-letter ISO 3166-1 code such as `DE`. The row is kept, renewed read as \"no\", without a \
         usage location.",
        "renewed changes no date but is reported; the country is the accounts' usage location in Microsoft Entra, \
         which licence assignment needs.",
        "Write `yes` or `no`, and two-letter country codes (`Germany` → `DE`, `UK` → `GB`).",
    ),
    x(
        "exact-duplicate",
        "a row identical to an earlier one; dropped",
        "The row repeats an earlier row of the same file (for memberships: the same MPN ID with the same values; a \
         column the tool ignores may differ). The repeat is dropped.",
        "Nothing is lost. Repeats usually come from appending two exports; many of them can hide rows that were \
         meant to differ.",
        "Remove the repeated rows, or leave them: the result is the same.",
    ),
    x(
        "cross-org-employee",
        "the same email in several organisations: one account in each tenant",
        "The email appears in more than one organisation. The person gets an account in each organisation's tenant, \
         each with its own username and temporary password.",
        "The person receives several sign-on messages, and must connect Partner University and associate exams in \
         the account that should earn the competency credit.",
        "Nothing to fix if the person works for several partners. If they moved, remove the old organisation's row.",
    ),
    x(
        "unknown-account",
        "(status) a status row for an account no apply issued",
        "The Partner Center team-status export has a username that is not in the ledger of the migration folder.",
        "Its sign-in is not tracked by this migration: usually an account created by hand in Partner Center, or an \
         export from another tenant than the folder's.",
        "Check that --out is the right migration folder and the export is from the right tenant; accounts created \
         outside the tool can be ignored.",
    ),
    x(
        "missing-status",
        "(status) an issued account absent from the Partner Center status export",
        "The ledger says an apply issued this account, but the export given with --status has no row for its \
         username.",
        "Nobody can tell whether the person signed in before the temporary password expires (90 days, R7), after \
         which they must be removed and added again.",
        "Export the team status again with every user, and check that the account was created in Partner Center \
         (the upload finished, the username unchanged).",
    ),
    x(
        "empty-file",
        "a file with no header line",
        "The file has no header line: it is empty, or holds only blank lines or a byte-order mark. A download that \
         was cut off, or an export that failed, looks like this.",
        "An empty export must not pass as \"nothing to migrate\": an empty employees file would plan every \
         organisation without its people.",
        "Export the file again, check its size before running, and check that the path given is the right file.",
    ),
    x(
        "no-rows",
        "a header and no records",
        "The file has a header line but no data rows (blank rows do not count). Usually the export was filtered down \
         to nothing, or a template was saved instead of the data.",
        "A truncated export must not pass: with no employee rows every organisation would be planned without its \
         people, with no membership rows nothing would be planned.",
        "Export again without filters, and check that the file given is the full export.",
    ),
    x(
        "control-character",
        "a control character in a name, title or organisation: replaced by a space",
        "A name, job title or organisation holds a line break (CR, LF), a TAB, a NUL or another control character, \
         typically from Alt+Enter in an Excel cell or text pasted from a web page. It is replaced by a space in \
         every output.",
        "Control characters break display names in Partner Center and Microsoft Entra, CSV uploads and email \
         headers. The replacement changes the value, and the finding says so.",
        "Remove the line break or tab from the cell (in Excel, find Ctrl+J and replace it with a space).",
    ),
    x(
        "too-long",
        "a value longer than Microsoft Entra accepts: cut",
        "Microsoft Entra accepts at most 64 characters for a given name or a surname, 256 for a display name and \
         128 for a job title. A longer value is cut to that length in the plan, the credential files and the emails.",
        "An upload with an over-long value is rejected by Partner Center or Entra; cutting it changes a value nobody \
         reviewed, so the finding names it.",
        "Shorten the value in the export to something the person recognises (an abbreviation rather than a cut \
         word), then run again.",
    ),
    x(
        "formula-like-value",
        "a name or title starting with = + - @: written with a leading ' in spreadsheet files",
        "A name, job title or organisation starts with `=`, `+`, `-` or `@`. A spreadsheet runs such a cell as a \
         formula when the file is opened, so credential files and other spreadsheet files get the value with a \
         leading `'`.",
        "A formula in a file the admin opens can fetch data or run commands (OWASP CSV injection); the `'` makes it \
         text, but changes the value as written, so the finding says so.",
        "A leading `=`, `+` or `@` is usually left over from a spreadsheet formula or a pasted list: remove it. A \
         value that really starts that way is kept, protected.",
    ),
    x(
        "non-ascii-email",
        "an address with a non-ASCII local part: mail to it, or from it as first admin, needs SMTPUTF8",
        "The part before the `@` holds characters outside ASCII (`josé@contoso.com`). Such addresses are valid \
         (RFC 6531); the username is transliterated to ASCII (`jose`). When the address is an organisation's first \
         admin's (admin on any of the person's rows), it is also the sender (From) of every sign-on email of that \
         organisation with `--creation individual`, and the finding at that admin's rows says so.",
        "Mail to such an address, or from it, needs SMTPUTF8 support at every mail server on the way; many reject \
         it, and the person would not get their sign-on information. From the admin's address, nobody in the \
         organisation would.",
        "Check that the person receives mail at this address; otherwise put an ASCII address of theirs in the \
         export. For the first admin, an ASCII address (or another admin on an earlier row) lets every sign-on \
         email of the organisation through.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Rule;

    #[test]
    fn every_rule_is_explained() {
        for rule in Rule::ALL {
            let e = explain(rule.id()).unwrap_or_else(|| panic!("no explanation for {}", rule.id()));
            for (part, text) in [("summary", e.summary), ("meaning", e.meaning), ("why", e.why), ("fix", e.fix)] {
                assert!(text.len() > 20, "{}: {part} too short: {text:?}", rule.id());
                assert!(!text.contains("  "), "{}: {part} has a double space (a broken line?)", rule.id());
            }
            assert!(!e.summary.contains('\n') && e.summary.len() < 100, "{}: summary is not one line", rule.id());
        }
    }

    #[test]
    fn ids_are_unique() {
        for (i, e) in EXPLANATIONS.iter().enumerate() {
            assert!(EXPLANATIONS[..i].iter().all(|o| o.id != e.id), "{} twice", e.id);
        }
    }
}
