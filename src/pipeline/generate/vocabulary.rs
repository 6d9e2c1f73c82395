//! The names, companies, levels and codes generated exports are made of:
//! plausible values from several scripts, with the quoting and accents real
//! exports carry.

pub(super) const COMPANIES: [&str; 16] = [
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Adventure Works",
    "Tailspin Toys",
    "Litware",
    "Proseware",
    "Woodgrove",
    "Wide World Importers",
    "Alpine Ski House",
    "Coho Winery",
    "Fourth Coffee",
    "Lucerne Publishing",
    "Margie's Travel",
    "Trey Research",
    "Wingtip Toys",
];
pub(super) const SUFFIXES: [&str; 6] = ["", " Ltd", ", Inc.", " GmbH", " S.A.", " \"Consulting\""];
pub(super) const FIRST: [&str; 24] = [
    "Anna",
    "José",
    "Zoë",
    "Jürgen",
    "Søren",
    "Łukasz",
    "Chloé",
    "Björn",
    "Άννα",
    "陳",
    "Nguyễn",
    "Aoife",
    "Mateo",
    "Priya",
    "Olúwaseun",
    "François",
    "Ingrid",
    "Kenji",
    "Fatima",
    "Noah",
    "Émilie",
    "Dmitri",
    "Siobhán",
    "Li",
];
pub(super) const LAST: [&str; 24] = [
    "Lee",
    "García",
    "Müller",
    "Weiß",
    "Nørgaard",
    "Kowalski",
    "O'Brien",
    "Dubois",
    "Papadopoulos",
    "王",
    "Trần",
    "Murphy",
    "Rossi",
    "Sharma",
    "Adeyemi",
    "Lefèvre",
    "Johansson",
    "Tanaka",
    "Haddad",
    "Smith",
    "Martin",
    "Ivanov",
    "Ní Bhriain",
    "Chen",
];
/// Chinese names as written, with the romanisation their email uses (Taiwan's usual Wade–Giles forms).
#[rustfmt::skip]
pub(super) const ZH_FIRST: [(&str, &str); 8] = [
    ("怡君", "yichun"), ("志明", "chihming"), ("雅婷", "yating"), ("家豪", "chiahao"),
    ("淑芬", "shufen"), ("俊傑", "chunchieh"), ("美玲", "meiling"), ("冠宇", "kuanyu"),
];
#[rustfmt::skip]
pub(super) const ZH_LAST: [(&str, &str); 8] = [
    ("陳", "chen"), ("林", "lin"), ("黃", "huang"), ("張", "chang"),
    ("李", "lee"), ("王", "wang"), ("吳", "wu"), ("劉", "liu"),
];
pub(super) const LEVELS: [&str; 4] = ["Network Member", "Action Pack", "Silver", "Gold"];
pub(super) const COUNTRIES: [&str; 10] = ["US", "DE", "FR", "GB", "JP", "IN", "BR", "NG", "IE", "VN"];
pub(super) const EXAMS: [&str; 10] =
    ["AZ-900", "AZ-104", "AZ-305", "MS-900", "SC-900", "PL-300", "DP-900", "MB-210", "70-533", "AI-900"];
pub(super) const CERTS: [&str; 6] = [
    "Azure Fundamentals",
    "Azure Administrator Associate",
    "Power BI Data Analyst, Associate",
    "Security Fundamentals",
    "MCSA: Cloud Platform",
    "Dynamics 365 Sales",
];
pub(super) const TITLES: [&str; 6] =
    ["Consultant", "Architect, Cloud", "Engineer", "Sales Lead", "Project Manager", ""];
