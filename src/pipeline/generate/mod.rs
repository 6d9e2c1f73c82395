//! `generate`: realistic PMC exports of any size for benchmarks and demos,
//! optionally with a fraction of rows broken in every way design §4 names.
//! Same seed and anchor date → same bytes.

use crate::core::transaction::atomic::write_atomic;
use chrono::{Days, NaiveDate};
use std::path::PathBuf;
use vocabulary::*;

mod vocabulary;

pub(crate) struct GenerateOptions {
    pub orgs: usize,
    pub employees: usize,
    pub out_dir: PathBuf,
    pub seed: u64,
    /// Fraction of rows to break, 0.0–1.0.
    pub dirty: f64,
    /// Dates are spread around this day.
    pub anchor: NaiveDate,
    /// Fraction of employees whose `language` is zh-TW, 0.0–1.0: each
    /// organisation is, with this chance, one in Taiwan (country TW) whose
    /// people all read zh-TW, half of them with a Chinese name. Above 0 the
    /// employee file gets a Language column.
    pub language_mix: f64,
    /// Overwrite exports already in `out_dir`.
    pub force: bool,
}

/// The most organisations `generate` makes, and the most employee rows. Both
/// files are built in memory, about the size they end up on disk (measured:
/// 3.0 GB at 20 million employees in 2 million organisations with Chinese
/// names, 4.5 GB at 10 million of each): at both limits about 17 GB. Past
/// them a typo (`--orgs 1000000000`) would take the machine's memory before
/// writing a byte.
pub(crate) const MAX_ORGS: usize = 10_000_000;
pub(crate) const MAX_EMPLOYEES: usize = 100_000_000;

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("--{what} {asked} is over the limit of {limit} (both files are built in memory); ask for fewer")]
    TooMany { what: &'static str, asked: usize, limit: usize },
    #[error("{} already exists: pass --force to overwrite it, or choose another --out", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// `--out` names a file: the words of plan, apply and status for it.
    #[error(transparent)]
    NotAFolder(crate::core::transaction::owned::FolderError),
}

/// SplitMix64: tiny, fast and fixed forever, so a seed means the same file
/// in every version (a general-purpose RNG crate may change its stream).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p && p > 0.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The ways a dirty employee row can be broken (design §4), used in turn.
/// Membership rows break in their own six ways, and one raw byte breaks the encoding.
#[derive(Clone, Copy)]
enum Breakage {
    MpnId,
    Email,
    Role,
    UnknownOrg,
    ExactDuplicate,
    ConflictingDuplicate,
    ExamCode,
    MissingValue,
    Malformed,
}

const EMPLOYEE_BREAKAGES: [Breakage; 9] = [
    Breakage::MpnId,
    Breakage::Email,
    Breakage::Role,
    Breakage::UnknownOrg,
    Breakage::ExactDuplicate,
    Breakage::ConflictingDuplicate,
    Breakage::ExamCode,
    Breakage::MissingValue,
    Breakage::Malformed,
];

pub(crate) struct Generated {
    pub memberships: PathBuf,
    pub employees: PathBuf,
    pub bytes: u64,
}

fn slug(s: &str) -> String {
    crate::pipeline::plan::username::sanitize(s).replace(['.', '_'], "")
}

fn csv_row(w: &mut csv::Writer<Vec<u8>>, fields: &[&str]) {
    let _ = w.write_record(fields);
}

pub(crate) fn generate(opts: &GenerateOptions) -> Result<Generated, GenerateError> {
    for (what, asked, limit) in [("orgs", opts.orgs, MAX_ORGS), ("employees", opts.employees, MAX_EMPLOYEES)] {
        if asked > limit {
            return Err(GenerateError::TooMany { what, asked, limit });
        }
    }
    if opts.out_dir.is_file() {
        let dir = opts.out_dir.clone();
        return Err(GenerateError::NotAFolder(crate::core::transaction::owned::FolderError::NotAFolder { dir }));
    }
    let mp = opts.out_dir.join("memberships.csv");
    let ep = opts.out_dir.join("employees.csv");
    // Real exports are often kept under these very names: never replace them unasked.
    if !opts.force
        && let Some(taken) = [&mp, &ep].into_iter().find(|p| std::fs::symlink_metadata(p).is_ok())
    {
        return Err(GenerateError::Exists(taken.clone()));
    }
    let io = |path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    std::fs::create_dir_all(&opts.out_dir).map_err(io(&opts.out_dir))?;
    let mut rng = Rng(opts.seed ^ 0x0005_EED0_FA11);
    let orgs = opts.orgs.max(1);
    let mut m = csv::Writer::from_writer(Vec::with_capacity(orgs * 120));
    csv_row(
        &mut m,
        &[
            "MPN ID",
            "Company Name",
            "Membership Level",
            "Membership Start",
            "Membership End",
            "Auto Renew",
            "Domain",
            "Country",
        ],
    );
    let mut org_domains = Vec::with_capacity(orgs);
    // Languages draw from a stream of their own, so every other value stays the
    // one the seed gives without them, and --language-mix 0 keeps the bytes.
    let with_language = opts.language_mix > 0.0;
    let mut lang_rng = Rng(opts.seed ^ 0x1A46_0A6E);
    let mut zh_orgs = Vec::with_capacity(orgs);
    let mut m_breaks = 0usize;
    let mut extra_rows: Vec<Vec<u8>> = Vec::new();
    for i in 0..orgs {
        let company = format!("{}{}", rng.pick(&COMPANIES), rng.pick(&SUFFIXES));
        let mpn_id = (1_000_000 + i).to_string();
        let domain = tenant_domain(&slug(&company), i);
        let end = shift(opts.anchor, rng.below(700) as i64 - 200);
        let start = end.checked_sub_days(Days::new(364)).expect("in range");
        let mut row: Vec<String> = vec![
            mpn_id.clone(),
            company.clone(),
            rng.pick(&LEVELS).to_string(),
            start.to_string(),
            end.to_string(),
            if rng.chance(0.3) { "yes" } else { "no" }.to_string(),
            domain.clone(),
            rng.pick(&COUNTRIES).to_string(),
        ];
        zh_orgs.push(with_language && lang_rng.chance(opts.language_mix));
        if zh_orgs[i] {
            row[7] = "TW".to_string();
        }
        if i > 0 && rng.chance(opts.dirty) {
            match m_breaks % 6 {
                0 => row[3] = format!("{}/{}/{}", start.format("%m"), start.format("%d"), start.format("%Y")),
                1 => row[4] = "2025-02-30".to_string(),
                2 => row[4] = shift(start, -30).to_string(),
                3 => row[6] = "not a domain".to_string(),
                4 => row[2] = "Platinum".to_string(),
                _ => {
                    // Same MPN id again with different data: the organisation is blocked.
                    let mut dup = row.clone();
                    dup[1] = format!("{company} (old)");
                    let mut w = csv::Writer::from_writer(Vec::new());
                    let _ = w.write_record(&dup);
                    extra_rows.push(w.into_inner().unwrap_or_default());
                }
            }
            m_breaks += 1;
        }
        let refs: Vec<&str> = row.iter().map(String::as_str).collect();
        csv_row(&mut m, &refs);
        org_domains.push((mpn_id, slug(&company), i));
    }
    let mut memberships = m.into_inner().unwrap_or_default();
    for r in extra_rows {
        memberships.extend_from_slice(&r);
    }

    // Room for rows a little longer than the average (about 127 bytes, 131 with
    // Chinese names): a buffer that runs out doubles, holding both copies.
    let mut e = csv::WriterBuilder::new().flexible(true).from_writer(Vec::with_capacity(opts.employees * 150));
    let mut header = vec![
        "Partner ID",
        "First Name",
        "Last Name",
        "Email Address",
        "Role",
        "Job Title",
        "PU ID",
        "Exam Codes",
        "Certifications",
    ];
    if with_language {
        header.push("Language");
    }
    csv_row(&mut e, &header);
    let mut e_breaks = 0usize;
    let mut raw_tail: Vec<Vec<u8>> = Vec::new();
    let per_org = (opts.employees / orgs).max(1);
    for k in 0..opts.employees {
        let org = (k / per_org).min(orgs - 1);
        let (mpn_id, company_slug, org_no) = &org_domains[org];
        let mut first = rng.pick(&FIRST);
        let mut last = rng.pick(&LAST);
        let (mut email_first, mut email_last) = (first.to_lowercase(), last.to_lowercase().replace(' ', ""));
        let zh_tw = zh_orgs[org];
        if zh_tw && lang_rng.chance(0.5) {
            let (f, l) = (ZH_FIRST[lang_rng.below(ZH_FIRST.len())], ZH_LAST[lang_rng.below(ZH_LAST.len())]);
            (first, last, email_first, email_last) = (f.0, l.0, f.1.to_string(), l.1.to_string());
        }
        let email = format!("{email_first}.{email_last}{k}@{company_slug}{org_no}.com");
        let role = if k % per_org == 0 {
            rng.pick(&["Administrator", "admin", "Global Admin"])
        } else {
            rng.pick(&["", "employee", "User"])
        };
        let exams: Vec<&str> = (0..rng.below(4)).map(|_| rng.pick(&EXAMS)).collect();
        let certs: Vec<&str> = (0..rng.below(3)).map(|_| rng.pick(&CERTS)).collect();
        let pu = if rng.chance(0.6) { format!("PU{:07}", k) } else { String::new() };
        let mut row: Vec<String> = vec![
            mpn_id.clone(),
            first.to_string(),
            last.to_string(),
            email,
            role.to_string(),
            rng.pick(&TITLES).to_string(),
            pu,
            exams.join(";"),
            certs.join(";"),
        ];
        if with_language {
            row.push(if zh_tw { "zh-TW" } else { "en" }.to_string());
        }
        // Never break an organisation's first (admin) row: keep the data plannable.
        if k % per_org != 0 && rng.chance(opts.dirty) {
            let kind = EMPLOYEE_BREAKAGES[e_breaks % EMPLOYEE_BREAKAGES.len()];
            e_breaks += 1;
            match kind {
                Breakage::MpnId => row[0] = "12AB".to_string(),
                Breakage::Email => row[3] = format!("{}.at.example.com", first.to_lowercase()),
                Breakage::Role => row[4] = "Owner".to_string(),
                Breakage::UnknownOrg => row[0] = "99999999".to_string(),
                Breakage::ExactDuplicate => {
                    let refs: Vec<&str> = row.iter().map(String::as_str).collect();
                    csv_row(&mut e, &refs);
                }
                Breakage::ConflictingDuplicate => {
                    let mut dup = row.clone();
                    dup[5] = "Principal Consultant".to_string();
                    dup[7] = "AZ-400".to_string();
                    let refs: Vec<&str> = dup.iter().map(String::as_str).collect();
                    csv_row(&mut e, &refs);
                }
                Breakage::ExamCode => row[7] = format!("{};AZ9000", row[7]),
                Breakage::MissingValue => row[3] = String::new(),
                Breakage::Malformed => row.push("stray".to_string()),
            }
        }
        let refs: Vec<&str> = row.iter().map(String::as_str).collect();
        csv_row(&mut e, &refs);
    }
    if opts.dirty > 0.0 {
        // One undecodable byte (a windows-1252 é), written raw.
        let (mpn_id, company_slug, org_no) = &org_domains[0];
        let mut raw = format!("{mpn_id},Ren").into_bytes();
        raw.push(0xE9);
        raw.extend_from_slice(format!("e,Roux,renee.roux@{company_slug}{org_no}.com,,,,,\n").as_bytes());
        raw_tail.push(raw);
    }
    let mut employees = e.into_inner().unwrap_or_default();
    for r in raw_tail {
        employees.extend_from_slice(&r);
    }

    write_atomic(&mp, &memberships, None).map_err(io(&mp))?;
    write_atomic(&ep, &employees, None).map_err(io(&ep))?;
    Ok(Generated { memberships: mp, employees: ep, bytes: (memberships.len() + employees.len()) as u64 })
}

/// `<company><n>.onmicrosoft.com`, the company cut so the whole stays within
/// the 48 characters Entra allows a domain (`invalid-domain` otherwise).
fn tenant_domain(company_slug: &str, n: usize) -> String {
    const SUFFIX: &str = ".onmicrosoft.com";
    const MAX: usize = 48;
    let number = n.to_string();
    let room = MAX.saturating_sub(SUFFIX.len() + number.len());
    let company: String = company_slug.chars().take(room).collect();
    format!("{company}{number}{SUFFIX}")
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 { d + Days::new(days as u64) } else { d - Days::new((-days) as u64) }
}

/// Used by benchmarks: the default anchor when none is given.
pub(crate) fn default_anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(dir: &Path, seed: u64, dirty: f64) -> (Vec<u8>, Vec<u8>) {
        run_mix(dir, seed, dirty, 0.0)
    }

    fn run_mix(dir: &Path, seed: u64, dirty: f64, language_mix: f64) -> (Vec<u8>, Vec<u8>) {
        let g = generate(&GenerateOptions {
            orgs: 20,
            employees: 400,
            out_dir: dir.to_path_buf(),
            seed,
            dirty,
            anchor: default_anchor(),
            force: true,
            language_mix,
        })
        .unwrap();
        (std::fs::read(g.memberships).unwrap(), std::fs::read(g.employees).unwrap())
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert_eq!(run(a.path(), 7, 0.05), run(b.path(), 7, 0.05));
        assert_ne!(run(a.path(), 7, 0.05), run(b.path(), 8, 0.05));
    }

    #[test]
    fn tenant_domains_fit_in_48_characters() {
        let longest = slug("Wide World Importers \"Consulting\"");
        assert_eq!(longest, "wideworldimportersconsulting");
        assert_eq!(tenant_domain("contoso", 7), "contoso7.onmicrosoft.com");
        for n in [0, 19_999, 1_000_000, usize::MAX] {
            let d = tenant_domain(&longest, n);
            assert!(d.len() <= 48 && d.ends_with(&format!("{n}.onmicrosoft.com")), "{d}");
        }
    }

    #[test]
    fn language_mix_adds_a_column_and_taiwan_organisations() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (m0, e0) = run(a.path(), 7, 0.0);
        let (m1, e1) = run_mix(b.path(), 7, 0.0, 0.3);
        let lines = |b: &[u8]| std::str::from_utf8(b).unwrap().lines().map(String::from).collect::<Vec<_>>();
        // Memberships: only the country of the organisations in Taiwan.
        let mut taiwan = std::collections::HashSet::new();
        for (p, m) in lines(&m0).iter().zip(lines(&m1)).skip(1) {
            if p != &m {
                let (p, m) = (p.rsplit_once(',').unwrap(), m.rsplit_once(',').unwrap());
                assert_eq!((p.0, m.1), (m.0, "TW"));
                taiwan.insert(m.0.split(',').next().unwrap().to_string());
            }
        }
        let (plain, mixed) = (lines(&e0), lines(&e1));
        assert_eq!(plain.len(), mixed.len());
        assert!(mixed[0].ends_with(",Language") && !plain[0].contains("Language"));
        let (mut zh, mut chinese_names) = (0, 0);
        for (p, m) in plain.iter().zip(&mixed).skip(1) {
            let lang = m.rsplit(',').next().unwrap();
            let mpn_id = m.split(',').next().unwrap();
            assert_eq!(lang == "zh-TW", taiwan.contains(mpn_id), "{m}");
            if lang == "en" {
                assert_eq!(format!("{p},en"), *m);
                continue;
            }
            zh += 1;
            let (p_fields, m_fields): (Vec<&str>, Vec<&str>) = (p.split(',').collect(), m.split(',').collect());
            // Only the name and its email may change; role, title, PU ID, exams stay.
            assert_eq!(p_fields[4..], m_fields[4..m_fields.len() - 1], "{p}\n{m}");
            if p_fields[1] != m_fields[1] {
                chinese_names += 1;
                assert!(ZH_FIRST.iter().any(|(f, _)| *f == m_fields[1]), "{m}");
                assert!(m_fields[3].is_ascii(), "{m}");
            }
        }
        // 20 organisations of 20 people: some, not all, in Taiwan.
        assert!(!taiwan.is_empty() && taiwan.len() < 20, "{taiwan:?}");
        assert_eq!(zh, taiwan.len() * 20);
        assert!(chinese_names > zh / 4 && chinese_names < zh * 3 / 4, "{chinese_names} of {zh}");
    }
}
