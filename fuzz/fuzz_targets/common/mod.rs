//! What the load targets share: read options chosen by the first input byte,
//! the loader and validate on bytes, the whole check pipeline (load →
//! validate → dedup → teams → plan, then plan.json and findings.csv in
//! memory), and the invariants every input must keep, however hostile.

#![allow(dead_code)]

use pmc_migrate::Finding;
use pmc_migrate::Ledger;
use pmc_migrate::{ColumnSpec, EMPLOYEES, MEMBERSHIPS, Table, parse_bytes};

use pmc_migrate::{Creation, DateOrder, Options, ReadOptions};

use std::collections::HashSet;
use std::path::PathBuf;

pub const MEMBERSHIPS_FILE: &str = "memberships.csv";
pub const EMPLOYEES_FILE: &str = "employees.csv";

/// The partner file when the fuzzed one is the employees export.
pub const FIXED_MEMBERSHIPS: &str = "mpn_id,organization,membership,start_date,end_date,renewed,tenant_domain,country\n\
1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US\n\
2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE\n\
1234,Tiny,Action Pack,2024-01-01,2025-01-01,no,contoso.onmicrosoft.com,GB\n";

/// The partner file when the fuzzed one is the memberships export.
pub const FIXED_EMPLOYEES: &str = "mpn_id,first_name,last_name,email,role,job_title,partner_university_id,exams,certifications\n\
1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,AZ-900;70-533,MCSE\n\
1234567,Ben,Ng,ben@contoso.com,employee,Developer,,AZ-104,\n\
2345678,Carla,Diaz,carla@fabrikam.com,Administrator,,,,\n\
1234,Dan,Fox,anna@contoso.com,admin,,,,\n";

/// Options from the first byte: bits 0-1 the encoding path (UTF-8 default,
/// `--encoding windows-1252`, a forced delimiter, both), bits 2-3 which
/// delimiter, bits 4-5 `--date-order`, bit 6 `--strict`, bit 7 individual creation.
pub fn options(selector: u8) -> Options {
    let delimiters = [b',', b';', b'\t', b'|'];
    let encoding = matches!(selector & 3, 1 | 3).then_some(encoding_rs::WINDOWS_1252);
    let delimiter = matches!(selector & 3, 2 | 3).then_some(delimiters[usize::from((selector >> 2) & 3)]);
    let date_order = match (selector >> 4) & 3 {
        1 => Some(DateOrder::Mdy),
        2 => Some(DateOrder::Dmy),
        _ => None,
    };
    let mut opts = Options::new(
        PathBuf::from(MEMBERSHIPS_FILE),
        PathBuf::from(EMPLOYEES_FILE),
        chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("a date"),
    );
    opts.read = ReadOptions { encoding, delimiter, date_order, sheets: Vec::new() };
    opts.strict = selector & 0x40 != 0;
    opts.creation = if selector & 0x80 != 0 { Creation::Individual } else { Creation::Bulk };
    opts
}

/// Physical lines of `bytes` as the loader counts them (LF, CR LF, lone CR).
pub fn physical_lines(bytes: &[u8]) -> u64 {
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines += 1;
        }
    }
    lines
}

/// Load-stage invariants: records start on increasing lines after the header,
/// every finding names this file and a line that exists.
pub fn check_table(table: &Table, file: &str, bytes: &[u8]) {
    // Decoding can only merge lines (a UTF-16 file has fewer bytes per line
    // terminator, never more terminators), so the raw count bounds them.
    let max_line = physical_lines(bytes).max(1);
    let mut last = 1;
    for r in table.records.iter() {
        assert!(r.line > last, "record lines must increase after the header: {} after {last}", r.line);
        assert!(r.line <= max_line, "record line {} beyond the file's {max_line} lines", r.line);
        last = r.line;
    }
    for r in table.rejected.iter() {
        assert!(r.line >= 2 && r.line <= max_line, "rejected record line {}", r.line);
    }
    if !table.unusable() {
        let width = table.headers.names.len();
        for r in table.records.iter() {
            assert_eq!(r.len(), width, "a kept record has the header's width");
        }
    }
    for f in &table.findings {
        assert_eq!(f.file, file);
        assert!(f.line >= 1 && f.line <= max_line, "finding line {} of {max_line}: {f:?}", f.line);
        assert!(f.column >= 1);
    }
    assert_eq!(table.facts.path, file);
    assert_eq!(table.facts.sha256.len(), 64);
}

/// A finding's message is one line: control characters in input values are
/// escaped by `quote`, so no value can forge a line of the text, GitHub or
/// findings.csv report.
fn check_finding(f: &Finding) {
    assert!(!f.message.chars().any(char::is_control), "control character in a finding message: {f:?}");
    assert!(f.line >= 1 && f.column >= 1, "{f:?}");
}

/// design §5: the part before `@` matches ^[a-z0-9._-]{1,64}$, never starts or ends with `.`
/// and never holds `..` (an RFC 5322 dot-atom).
pub fn check_local_part(local: &str) {
    assert!((1..=64).contains(&local.len()), "length of {local:?}");
    assert!(
        local.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')),
        "{local:?} has a character outside [a-z0-9._-]"
    );
    assert!(!local.starts_with('.') && !local.ends_with('.'), "{local:?} starts or ends with a dot");
    assert!(!local.contains(".."), "{local:?} has an empty atom");
}

/// The validate stage on two loaded tables: findings name a file and a line
/// that exists, and hold no control character.
pub fn validate(memberships: &Table, employees: &Table, opts: &Options, max_lines: (u64, u64)) {
    let validated = pmc_migrate::validate(memberships, employees, opts);
    for f in &validated.findings {
        check_finding(f);
        let max = if f.file == MEMBERSHIPS_FILE { max_lines.0 } else { max_lines.1 };
        assert!(f.line <= max, "finding line {} of {max}: {f:?}", f.line);
    }
    for m in &validated.memberships {
        assert!(m.mpn_id.bytes().all(|b| b.is_ascii_digit()), "a valid mpn_id is digits: {:?}", m.mpn_id);
        assert!(m.end >= m.start, "a valid membership ends after it starts");
    }
}

/// Where the pipeline reads its two exports: one folder per fuzzing process,
/// under the fuzz crate's (ignored) target folder, so that nothing is left in
/// the system's temporary folder when libFuzzer exits.
fn workdir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("check-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder for the inputs");
        dir
    })
}

/// The whole check (`pmc_migrate::check`: load → validate → dedup → teams →
/// plan) on the two exports, then plan.json and findings.csv rendered in
/// memory, with the invariants of each stage.
pub fn pipeline(memberships: &[u8], employees: &[u8], opts: &Options) {
    let dir = workdir();
    let (m_path, e_path) = (dir.join(MEMBERSHIPS_FILE), dir.join(EMPLOYEES_FILE));
    std::fs::write(&m_path, memberships).expect("write memberships");
    std::fs::write(&e_path, employees).expect("write employees");
    let opts = Options { memberships: m_path, employees: e_path, ..opts.clone() };
    let checked = pmc_migrate::check(&opts, &Ledger::default(), None).expect("check reads its two files");

    // Plan invariants: R1, R2/R4, §5 usernames unique per tenant.
    let mut per_tenant: HashSet<(String, String)> = HashSet::new();
    for org in &checked.plan.organizations {
        assert_eq!(org.pc_start, opts.as_of, "R1");
        assert!(org.pc_end > org.pc_start, "pc_end {} not after pc_start {}", org.pc_end, org.pc_start);
        assert!(org.mpn_id.bytes().all(|b| b.is_ascii_digit()), "a planned mpn_id is digits: {:?}", org.mpn_id);
        if org.expired {
            assert_eq!(org.overlap_days, 0);
        } else {
            assert_eq!(i64::from(org.overlap_days), (org.pmc_end - opts.as_of).num_days() + 1);
        }
        for a in &org.accounts {
            let (local, domain) = a.username.rsplit_once('@').expect("username has @");
            check_local_part(local);
            assert_eq!(domain, org.tenant_domain);
            assert!(domain.len() <= 48, "tenant domain over 48 characters: {domain:?}");
            assert!(
                per_tenant.insert((domain.to_string(), local.to_string())),
                "username {} given twice in one tenant",
                a.username
            );
        }
    }
    for f in &checked.findings {
        check_finding(f);
    }
    let errors = checked.findings.iter().filter(|f| f.severity == pmc_migrate::Severity::Error).count();
    assert_eq!(checked.counts.errors, errors);

    // plan.json parses back; findings.csv has one record per finding.
    let json = pmc_migrate::render_plan_file(&checked, None, std::path::Path::new("out"));
    let value: serde_json::Value = serde_json::from_slice(&json).expect("plan.json is JSON");
    assert_eq!(value["organizations"].as_array().map(Vec::len), Some(checked.plan.organizations.len()));
    let csv = pmc_migrate::render_findings_csv(&checked.findings);
    let text = std::str::from_utf8(&csv).expect("findings.csv is UTF-8");
    assert_eq!(count_csv_records(text), checked.findings.len() + 1, "findings.csv records (header included)");
}

/// Records of an RFC 4180 text (quoted line breaks stay inside their record).
fn count_csv_records(text: &str) -> usize {
    let mut records = 0;
    let mut in_quotes = false;
    let mut at_start = true;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => {
                records += 1;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
    if !at_start {
        records += 1;
    }
    records
}

/// One fuzzed export through the loader with `schema`, checked.
pub fn load(file: &str, bytes: &[u8], schema: &[ColumnSpec], opts: &Options) -> Table {
    let table = parse_bytes(file, bytes.to_vec(), schema, &opts.read);
    check_table(&table, file, bytes);
    check_lines_oracle(&table, bytes, opts);
    table
}

/// An independent count for plain files (UTF-8 without BOM, no quote
/// character): every physical line is one record, the first non-empty one is
/// the header, and the lines that are not blank are exactly the records kept
/// or rejected, at their physical line numbers.
fn check_lines_oracle(table: &Table, bytes: &[u8], opts: &Options) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if opts.read.encoding.is_some() || text.starts_with('\u{feff}') || text.contains('"') || table.unusable() {
        return;
    }
    let delimiter = char::from(table.facts.delimiter);
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        lines.push(&rest[..end]);
        rest = &rest[end..];
        rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\r'))
            .or_else(|| rest.strip_prefix('\n'))
            .unwrap_or(rest);
    }
    let Some(header) = lines.iter().position(|l| !l.is_empty()) else {
        return;
    };
    let expected: Vec<u64> = lines
        .iter()
        .enumerate()
        .skip(header + 1)
        .filter(|(_, l)| !l.is_empty() && !l.split(delimiter).all(|f| f.trim().is_empty()))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    let mut got: Vec<u64> = table.records.iter().chain(table.rejected.iter()).map(|r| r.line).collect();
    got.sort_unstable();
    assert_eq!(got, expected, "record lines of a plain file");
}

/// A fixed export in the dialect `opts` forces (its fields hold no commas).
pub fn fixed_for(opts: &Options, text: &str) -> Vec<u8> {
    match opts.read.delimiter {
        Some(d) => text.replace(',', &char::from(d).to_string()).into_bytes(),
        None => text.as_bytes().to_vec(),
    }
}

/// The partner file, read as written (UTF-8, commas) whatever the fuzzed file's options.
pub fn fixed_memberships() -> Table {
    parse_bytes(MEMBERSHIPS_FILE, FIXED_MEMBERSHIPS.as_bytes().to_vec(), &MEMBERSHIPS, &ReadOptions::default())
}

/// The partner file, read as written (UTF-8, commas) whatever the fuzzed file's options.
pub fn fixed_employees() -> Table {
    parse_bytes(EMPLOYEES_FILE, FIXED_EMPLOYEES.as_bytes().to_vec(), &EMPLOYEES, &ReadOptions::default())
}
