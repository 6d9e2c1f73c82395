//! Every rule, declared once: its id, its severity and what `rules` and
//! `explain` say of it (one line; what it means, why it matters, how to fix
//! the export). The `Rule` enum, `Rule::ALL`, the ids, the severities, the
//! explanations and the README's rule table all come from this one table.

use super::severity::Severity;

/// The texts of one rule.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub id: &'static str,
    /// One line, for `pmc-migrate rules` and the README's table.
    pub summary: &'static str,
    pub meaning: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $severity:ident,
        summary: $summary:literal,
        meaning: $meaning:literal,
        why: $why:literal,
        fix: $fix:literal;)*) => {
        /// The stable rule ids of design §4 (and `invalid-value`, this tool's
        /// own, for optional columns whose value can't be understood).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            pub const ALL: [Rule; [$(stringify!($variant)),*].len()] = [$(Rule::$variant,)*];

            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// Severity before `--strict` is applied.
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)*
                }
            }

            pub fn explanation(self) -> &'static Explanation {
                match self {
                    $(Rule::$variant => &Explanation {
                        id: $id,
                        summary: $summary,
                        meaning: $meaning,
                        why: $why,
                        fix: $fix,
                    },)*
                }
            }
        }
    };
}

impl Rule {
    /// The rule whose id is `id`.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// The README's rule table, as `pmc-migrate rules` would put it in Markdown.
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | severity | what it flags |\n|---|---|---|\n");
    for rule in Rule::ALL {
        let summary = rule.explanation().summary.replace('|', "\\|");
        out.push_str(&format!("| `{}` | {} | {summary} |\n", rule.id(), rule.severity()));
    }
    out
}

rules! {
    MissingColumn = "missing-column", Error,
        summary: "a required column (or both name columns) is absent: no row of that file is used",
        meaning: "The header line has no column for a required field, or neither first_name nor last_name. Headers are matched \
         ignoring case, spaces, `_`, `-` and `.`, and each column accepts a few aliases (`Email Address` for email, \
         `Partner ID` for mpn_id). The message names the column that was not found.",
        why: "Without that column no row of the file can be read, so the whole file is left out: with the employees file \
         unusable nobody gets an account, with the memberships file unusable no organisation is planned.",
        fix: "Export the file again with all columns, or rename the header to one of the accepted names (listed in the \
         README). A title row above the header has the same effect: delete the rows above the header line.";
    InvalidEncoding = "invalid-encoding", Error,
        summary: "bytes that are not valid in the file's encoding; the row is left out",
        meaning: "The row holds bytes that are not valid UTF-8, or not valid in the encoding given with --encoding. Files \
         without a byte-order mark are read as UTF-8, but old Excel \"CSV\" files are often windows-1252, where `é` \
         is the single byte 0xE9. A NUL byte in the header usually means UTF-16 without a byte-order mark; a zip or \
         PDF file is not text at all.",
        why: "A name read in the wrong encoding turns into garbage in the username, the display name and the sign-on \
         email, so the row is left out rather than guessed at.",
        fix: "Pass the file's real encoding: the message names the one the bytes look like (chardetng, Firefox's \
         detector), e.g. `--encoding big5` (also `cp950`), `--encoding windows-1252` (`cp1252`), `shift_jis` \
         (`cp932`), or `utf-16le` for UTF-16 without a BOM. Or save the file again as \"CSV UTF-8\" from the \
         spreadsheet program.";
    MalformedRow = "malformed-row", Error,
        summary: "a row with more or fewer fields than the header",
        meaning: "The record has another number of fields than the header line. Usually a value holds the delimiter without \
         quotes (`Contoso, Ltd` in a comma file), a quote is never closed so the record swallows the lines after it, \
         or the row was cut short.",
        why: "With the fields shifted nobody can tell which value belongs to which column, so the row is left out; a \
         membership row left out takes its organisation out of the plan.",
        fix: "Open the file in a text editor at the line named and compare it with the header: quote values that hold \
         the delimiter (`\"Contoso, Ltd\"`), double the quotes inside quoted values (`\"\"`), restore missing fields. \
         Pass --delimiter if the sniffed delimiter is wrong.";
    MissingValue = "missing-value", Error,
        summary: "a required value is empty, or first and last name both are",
        meaning: "A required column is there but this row's cell is empty (memberships: mpn_id, organization, membership, \
         start_date, end_date, tenant_domain; employees: mpn_id, email), or an employee has neither a first nor a \
         last name. A cell of spaces counts as empty.",
        why: "Each of these values is needed to enrol the organisation or to create the account: without an email no \
         username can be made and no sign-on information delivered, so the row (or organisation) is left out.",
        fix: "Fill in the value in the export and run again. For a person whose first name is unknown, the last name \
         alone is enough.";
    InvalidMpnId = "invalid-mpn-id", Error,
        summary: "an MPN ID that is not 4 to 10 digits",
        meaning: "MPN IDs (Partner IDs) are 4 to 10 digits. This value has letters, separators or the wrong length: often a \
         spreadsheet turned it into `1.23E+06` or added a thousands separator, or another identifier (a tenant ID, a \
         Partner University ID) was pasted into the column.",
        why: "The MPN ID ties employees to their organisation and names the credential files: a wrong one would put people \
         into another partner's account, so the row is left out.",
        fix: "Copy the MPN ID exactly as PMC shows it. Format the column as text before saving the CSV, so that the \
         spreadsheet keeps the digits as they are.";
    InvalidDate = "invalid-date", Error,
        summary: "not a date in an accepted form, or no such day",
        meaning: "The value is not a date in an accepted form (`YYYY-MM-DD`, `YYYY/MM/DD`, or a slash date with \
         --date-order), or names a day that does not exist, such as `2026-02-30` or `2025-02-29`. Spreadsheet serial \
         numbers (`46023`) and month names are not read.",
        why: "The Partner Center end date is one year after the PMC end date, and the overlap window ends on it: with a \
         wrong date both would be wrong, so the organisation is left out.",
        fix: "Take the date from PMC and write it as `YYYY-MM-DD`; in a spreadsheet, format the column as text or as an \
         ISO date before saving.";
    AmbiguousDate = "ambiguous-date", Error,
        summary: "a year-last slash date without --date-order",
        meaning: "The date has the year last, like `3/4/2026`: 4 March in the US, 3 April in most of Europe. The tool never \
         guesses, not even when only one reading is possible (`3/25/2026`), because a file is read one way \
         throughout.",
        why: "Read the wrong way, an end date moves by months, and with it the new membership's end date and the overlap \
         window.",
        fix: "Say how the file writes dates: `--date-order mdy` (month first, as US Excel saves) or `--date-order dmy` \
         (day first); or convert the column to `YYYY-MM-DD`.";
    DateOrder = "date-order", Error,
        summary: "the membership ends before it starts",
        meaning: "The row's end_date is earlier than its start_date. Usually the two columns were swapped, or one of the dates \
         was typed with the wrong year.",
        why: "The new membership's dates are computed from the PMC term; a term that ends before it starts is a data \
         error that would give wrong dates, so the organisation is left out.",
        fix: "Check the current term in PMC and correct the start or end date in the export.";
    InvalidEmail = "invalid-email", Error,
        summary: "not a usable email address",
        meaning: "The email has no `@`, holds spaces or one of `, ; < > ( ) [ ] \\ \"`, has a local part over 64 characters \
         or one that starts, ends or doubles a dot, or a domain without a dot or with an empty label. Two addresses \
         in one cell (`a@x.com; b@x.com`) fail too.",
        why: "The email is where the sign-on information goes, identifies the person across rows and gives the username: \
         without a usable address no account can be created.",
        fix: "Put exactly one work address in each row, as the person receives mail (`first.last@contoso.com`). People \
         without an address need one before they can be migrated.";
    InvalidDomain = "invalid-domain", Error,
        summary: "a tenant domain that is not a domain name of at most 48 characters",
        meaning: "The tenant domain must be a domain name such as `contoso.onmicrosoft.com`: dot-separated labels of letters, \
         digits and hyphens, a top-level label of letters, at most 48 characters (Microsoft Entra's limit for the \
         domain part of a user principal name). A URL, an email address or a name without a dot fails.",
        why: "Every username is `name@tenant_domain`: with a bad domain none of the organisation's accounts could be \
         created, so the organisation is left out.",
        fix: "Use the organisation's Microsoft Entra domain, its `.onmicrosoft.com` domain or a verified custom domain, \
         without `https://`, `www.` or a trailing slash.";
    InvalidRole = "invalid-role", Error,
        summary: "a role that is neither an admin nor an employee name",
        meaning: "The role cell holds a value the tool does not map. Admin: `admin`, `Administrator`, `Global Admin`, `Global \
         Administrator`; employee: `employee`, `user`, `member`, `standard user` or an empty cell (matched ignoring \
         case, spaces, `_`, `-` and `.`).",
        why: "The role decides who is the organisation's admin, the one who adds everyone else in Partner Center. A guess \
         could make the wrong person an admin, so the row is left out.",
        fix: "Write `admin` or `employee`, or leave the cell empty for an employee. Titles such as `Owner` or `Manager` \
         belong in job_title.";
    UnknownOrganization = "unknown-organization", Error,
        summary: "an employee whose MPN ID is not in the memberships file",
        meaning: "The employee row names an MPN ID that no row of the memberships file has. Usually the memberships export is \
         from another day or a narrower selection, or the ID has a typo.",
        why: "An account is created in its organisation's tenant: without the organisation there is no tenant domain and \
         no membership, so the person is left out.",
        fix: "Export both files at the same time and for the same organisations, or correct the employee's MPN ID. An \
         organisation that is in the file but has an error of its own gives no such finding: fix that error.";
    DuplicateOrganization = "duplicate-organization", Error,
        summary: "the same MPN ID on two membership rows with different data",
        meaning: "Two rows of the memberships file have the same MPN ID but differ in a value the tool reads (name, level, \
         dates, domain, renewed, country). An identical repeat is only `exact-duplicate`.",
        why: "Nobody can tell which row is right, and its dates and tenant decide the whole migration of the organisation, \
         so the organisation and its employees are left out.",
        fix: "Keep one row per organisation: compare the two lines named in the message with PMC and delete the wrong one.";
    OrgWithoutAdmin = "org-without-admin", Error,
        summary: "an organisation with employees to migrate but no admin among them",
        meaning: "None of the organisation's usable employee rows has an admin role.",
        why: "In Partner Center the organisation's admin adds everyone else and hands out their sign-on details; without \
         one nobody can carry out the migration (R5), so the organisation is left out.",
        fix: "Mark the person who will enrol the organisation in Partner Center as `admin` in the role column, or add \
         that person's row if it is missing.";
    ConflictingDuplicate = "conflicting-duplicate", Warning,
        summary: "the same person twice in one organisation with different data: merged",
        meaning: "Two rows of one organisation have the same email (after trimming, Unicode NFC and case folding) but differ \
         in other values, which the message names (letter case in the email alone is no difference: such rows are \
         `exact-duplicate`). They are merged: exams and certifications united, admin if any row says admin, \
         otherwise the first non-empty value of each column.",
        why: "One person gets one account, so the merge is usually right; but a different name or title can mean that two \
         people share a mailbox, or that one of the rows is out of date.",
        fix: "Keep one row per person and organisation, with the right values. If two people really share the address, \
         give each an address of their own.";
    MembershipExpired = "membership-expired", Warning,
        summary: "the membership ended before the cutover date: no overlap",
        meaning: "The PMC end date is before the cutover date (--as-of, today by default). The new Partner Center membership \
         starts at cutover and ends one year after it (R4), and there is no window in which both systems are open.",
        why: "The organisation can no longer review its PMC benefits, and its new end date is counted from the cutover, \
         not from the PMC term: make sure that is what the organisation expects.",
        fix: "Nothing to fix if the date is right. If the membership was renewed, export again so the current term is in \
         the file, and check that --as-of is the intended cutover date.";
    UnknownMembershipLevel = "unknown-membership-level", Warning,
        summary: "a level other than Network Member, Action Pack, Silver, Gold",
        meaning: "The membership level is not one the tool knows (`Network Member`, `Action Pack`, `Silver`, `Gold`). The \
         organisation is kept, and the level is shown as written.",
        why: "The level changes no date, but the reports show it to the admin: an unknown value is often a typo, or a \
         program name to check against what the organisation holds.",
        fix: "Write the level as PMC names it. If the value is right, nothing needs to change.";
    InvalidExamCode = "invalid-exam-code", Warning,
        summary: "an exam code not shaped like 70-533 or AZ-900; dropped from the list",
        meaning: "Exam codes are two or three letters or digits, a hyphen, three digits and an optional letter (`70-533`, \
         `AZ-900`, `MB-210T`), separated by `;`. This code is not, so it is dropped from the person's exams.",
        why: "Exams are associated in Partner Center for competency credit (R8): a dropped code is an exam the person is \
         not reminded to associate.",
        fix: "Correct the code (`AZ900` → `AZ-900`) and separate codes with `;`, not `,` or spaces.";
    UsernameCollision = "username-collision", Warning,
        summary: "two people in one tenant whose emails give the same username; the later one gets 2, 3, …",
        meaning: "Usernames come from the email's local part, transliterated to ASCII and lower-cased (`José.García@` → \
         `jose.garcia`). Two people of one tenant got the same name: the earlier input line keeps it, this one gets \
         a number (`jose.garcia2`).",
        why: "People sign in with their username; a numbered one is easy to mix up, and the person must be told which \
         one is theirs.",
        fix: "Nothing to fix if the numbered name is acceptable; otherwise give one of them a distinct address. A username \
         already in the ledger keeps its owner.";
    OrgWithoutEmployees = "org-without-employees", Warning,
        summary: "an organisation with nobody in the employees file",
        meaning: "No row of the employees file has this organisation's MPN ID. The organisation is still planned (its new \
         membership dates), with no accounts.",
        why: "Without accounts nobody of the organisation keeps access to Partner University or brings competency credit; \
         usually the employees export is incomplete.",
        fix: "Export this organisation's employees too, or check their MPN ID; if nobody is to be migrated, nothing needs \
         to change.";
    InvalidValue = "invalid-value", Warning,
        summary: "a renewed, country or language value, or a cell of the status export, that can't be read",
        meaning: "An optional cell holds a value that cannot be read: `renewed` takes yes/no, true/false, y/n or 1/0, \
         `country` a two-letter ISO 3166-1 code such as `DE`, an employee's `language` en or zh-TW (also `zh-Hant`, \
         `zh_TW`, `en-US`). The row is kept: renewed read as \"no\", no usage location, the run's --lang. In the \
         Partner Center status export, `pu_connected` (yes/no) is read as unknown and `associated_at` (a date and \
         time) as no association; a `signed_in` that is not yes/no leaves its row out, so that its account counts as missing \
         (`missing-status`).",
        why: "renewed changes no date but is reported; the country is the accounts' usage location in Microsoft Entra, \
         which licence assignment needs; the language picks the sign-on email's; the status columns say who signed \
         in, connected Partner University and associated exams.",
        fix: "Write `yes` or `no`, two-letter country codes (`Germany` → `DE`, `UK` → `GB`), `en` or `zh-TW`, and \
         status dates as `2026-12-01 09:30`.";
    ControlCharacter = "control-character", Warning,
        summary: "a control character in a name, title or organisation: replaced by a space",
        meaning: "A name, job title or organisation holds a line break (CR, LF), a TAB, a NUL or another control character, \
         typically from Alt+Enter in an Excel cell or text pasted from a web page. It is replaced by a space in \
         every output.",
        why: "Control characters break display names in Partner Center and Microsoft Entra, CSV uploads and email \
         headers. The replacement changes the value, and the finding says so.",
        fix: "Remove the line break or tab from the cell (in Excel, find Ctrl+J and replace it with a space).";
    TooLong = "too-long", Warning,
        summary: "a value longer than Microsoft Entra accepts: cut",
        meaning: "Microsoft Entra accepts at most 64 characters for a given name or a surname, 256 for a display name and \
         128 for a job title. A longer value is cut to that length in the plan, the credential files and the emails.",
        why: "An upload with an over-long value is rejected by Partner Center or Entra; cutting it changes a value nobody \
         reviewed, so the finding names it.",
        fix: "Shorten the value in the export to something the person recognises (an abbreviation rather than a cut \
         word), then run again.";
    FormulaLikeValue = "formula-like-value", Warning,
        summary: "a name or title starting with = + - @: written with a leading ' in spreadsheet files",
        meaning: "A name, job title or organisation starts with `=`, `+`, `-` or `@`. A spreadsheet runs such a cell as a \
         formula when the file is opened, so credential files and other spreadsheet files get the value with a \
         leading `'`.",
        why: "A formula in a file the admin opens can fetch data or run commands (OWASP CSV injection); the `'` makes it \
         text, but changes the value as written, so the finding says so.",
        fix: "A leading `=`, `+` or `@` is usually left over from a spreadsheet formula or a pasted list: remove it. A \
         value that really starts that way is kept, protected.";
    ExactDuplicate = "exact-duplicate", Info,
        summary: "a row identical to an earlier one; dropped",
        meaning: "The row repeats an earlier row of the same file (for memberships: the same MPN ID with the same values; a \
         column the tool ignores may differ; for employees, the email may differ in letter case, as addresses are \
         matched without it). The repeat is dropped, and the earlier row's spelling kept.",
        why: "Nothing is lost. Repeats usually come from appending two exports; many of them can hide rows that were \
         meant to differ.",
        fix: "Remove the repeated rows, or leave them: the result is the same.";
    CrossOrgEmployee = "cross-org-employee", Info,
        summary: "the same email in several organisations: one account in each tenant",
        meaning: "The email appears in more than one organisation. The person gets an account in each organisation's tenant, \
         each with its own username and temporary password.",
        why: "The person receives several sign-on messages, and must connect Partner University and associate exams in \
         the account that should earn the competency credit.",
        fix: "Nothing to fix if the person works for several partners. If they moved, remove the old organisation's row.";
    NonAsciiEmail = "non-ascii-email", Info,
        summary: "an address with a non-ASCII local part: mail to it, or from it as first admin, needs SMTPUTF8",
        meaning: "The part before the `@` holds characters outside ASCII (`josé@contoso.com`). Such addresses are valid \
         (RFC 6531); the username is transliterated to ASCII (`jose`). When the address is an organisation's first \
         admin's (admin on any of the person's rows), it is also the sender (From) of every sign-on email of that \
         organisation with `--creation individual`, and the finding at that admin's rows says so.",
        why: "Mail to such an address, or from it, needs SMTPUTF8 support at every mail server on the way; many reject \
         it, and the person would not get their sign-on information. From the admin's address, nobody in the \
         organisation would.",
        fix: "Check that the person receives mail at this address; otherwise put an ASCII address of theirs in the \
         export. For the first admin, an ASCII address (or another admin on an earlier row) lets every sign-on \
         email of the organisation through.";
    UnknownAccount = "unknown-account", Warning,
        summary: "(status) a status row for an account no apply issued",
        meaning: "The Partner Center team-status export has a username that is not in the ledger of the migration folder.",
        why: "Its sign-in is not tracked by this migration: usually an account created by hand in Partner Center, or an \
         export from another tenant than the folder's.",
        fix: "Check that --out is the right migration folder and the export is from the right tenant; accounts created \
         outside the tool can be ignored.";
    MissingStatus = "missing-status", Warning,
        summary: "(status) an issued account absent from the Partner Center status export",
        meaning: "The ledger says an apply issued this account, but the export given with --status has no row for its \
         username.",
        why: "Nobody can tell whether the person signed in before the temporary password expires (90 days, R7), after \
         which they must be removed and added again.",
        fix: "Export the team status again with every user, and check that the account was created in Partner Center \
         (the upload finished, the username unchanged).";
    EmptyFile = "empty-file", Error,
        summary: "a file with no header line",
        meaning: "The file has no header line: it is empty, or holds only blank lines or a byte-order mark. A download that \
         was cut off, or an export that failed, looks like this.",
        why: "An empty export must not pass as \"nothing to migrate\": an empty employees file would plan every \
         organisation without its people.",
        fix: "Export the file again, check its size before running, and check that the path given is the right file.";
    NoRows = "no-rows", Error,
        summary: "a header and no records",
        meaning: "The file has a header line but no data rows (blank rows do not count). Usually the export was filtered down \
         to nothing, or a template was saved instead of the data.",
        why: "A truncated export must not pass: with no employee rows every organisation would be planned without its \
         people, with no membership rows nothing would be planned.",
        fix: "Export again without filters, and check that the file given is the full export.";
    SuspectEncoding = "suspect-encoding", Error,
        summary: "names read with --encoding look like mojibake: no row of the file is used",
        meaning: "The file was read with the encoding given with --encoding, but its bytes look like another script's \
         encoding and a name decoded with it is not one a person or company has: Big5 Chinese read as \
         windows-1252 turns 李宗翰 into `§õ©v¿«`, UTF-8 read as windows-1252 turns `Weiß` into `WeiÃŸ`. The finding \
         is on the first such name, with the encoding the bytes look like.",
        why: "Every byte decodes in a single-byte encoding, so nothing else would stop the wrong names from reaching \
         usernames, display names, credential files and sign-on emails. A wrong encoding spoils every row, so the \
         whole file is left out.",
        fix: "Run again with the encoding the message names (e.g. `--encoding big5`, also `cp950`), or without \
         --encoding for a UTF-8 file, or save the file as \"CSV UTF-8\" from the spreadsheet program.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_explained() {
        for rule in Rule::ALL {
            let e = rule.explanation();
            assert_eq!(e.id, rule.id());
            for (part, text) in [("summary", e.summary), ("meaning", e.meaning), ("why", e.why), ("fix", e.fix)] {
                assert!(text.len() > 20, "{}: {part} too short: {text:?}", rule.id());
                assert!(!text.contains("  "), "{}: {part} has a double space (a broken line?)", rule.id());
            }
            assert!(!e.summary.contains('\n') && e.summary.len() < 100, "{}: summary is not one line", rule.id());
        }
    }

    #[test]
    fn ids_are_unique_and_read_back() {
        for (i, rule) in Rule::ALL.into_iter().enumerate() {
            assert!(Rule::ALL[..i].iter().all(|o| o.id() != rule.id()), "{} twice", rule.id());
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
    }
}
