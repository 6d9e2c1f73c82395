//! Identifiers with rules, each checked in one place: an [`MpnId`] or a
//! [`Username`] can only be built valid, so either may name a file or a page.

use serde::Serialize;
use std::fmt;

/// An MPN ID: 4 to 10 ASCII digits (design §3), held inline: every employee
/// and account carries one, and a million of them are no million allocations.
/// Compared, ordered and hashed as its text, so a `&str` finds it in a map.
#[derive(Clone)]
pub struct MpnId {
    digits: [u8; MpnId::MAX],
    len: u8,
}

impl MpnId {
    const MAX: usize = 10;

    pub fn parse(s: &str) -> Option<MpnId> {
        if !Self::is_valid(s) {
            return None;
        }
        let mut digits = [0; Self::MAX];
        digits[..s.len()].copy_from_slice(s.as_bytes());
        Some(MpnId { digits, len: s.len() as u8 })
    }

    pub fn is_valid(s: &str) -> bool {
        (4..=Self::MAX).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn as_str(&self) -> &str {
        // ASCII digits by construction.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl PartialEq for MpnId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for MpnId {}

impl PartialOrd for MpnId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MpnId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for MpnId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for MpnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for MpnId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A user principal name this tool issues: `local@domain`, the local part
/// 1–64 characters of `[a-z0-9._-]` not starting or ending with `.`, the
/// domain a tenant domain of at most 48 characters (Entra's rules, design §5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Username(String);

/// Entra's limit for the part of a user principal name before `@`.
pub(crate) const MAX_LOCAL: usize = 64;

impl Username {
    pub fn parse(s: &str) -> Option<Username> {
        let (local, domain) = s.split_once('@')?;
        Self::new(local, domain)
    }

    /// `local@domain`, when both parts follow the rules.
    pub fn new(local: &str, domain: &str) -> Option<Username> {
        let local_ok = !local.is_empty()
            && local.len() <= MAX_LOCAL
            && !local.starts_with('.')
            && !local.ends_with('.')
            && local.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b".-_".contains(&b));
        (local_ok && is_domain(domain)).then(|| Username(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`.
    pub fn local(&self) -> &str {
        self.0.split_once('@').map_or(&self.0, |(l, _)| l)
    }

    /// The tenant domain after `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, d)| d)
    }
}

/// Where an account's temporary password was written, relative to the output
/// folder: `credentials/<mpn_id>.csv` for an organisation's first file,
/// `credentials/<mpn_id>.run<N>.csv` for those of later runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CredentialsFile {
    pub mpn_id: MpnId,
    /// `None` for the first file.
    pub run: Option<u32>,
}

impl CredentialsFile {
    pub fn parse(s: &str) -> Option<CredentialsFile> {
        let name = s.strip_prefix("credentials/")?.strip_suffix(".csv")?;
        let (id, run) = match name.split_once(".run") {
            Some((id, run)) if !run.is_empty() && run.bytes().all(|b| b.is_ascii_digit()) => {
                (id, Some(run.parse().ok()?))
            }
            Some(_) => return None,
            None => (name, None),
        };
        Some(CredentialsFile { mpn_id: MpnId::parse(id)?, run })
    }

    /// The Microsoft Entra bulk-create file beside it: `….entra.csv`.
    pub fn entra(&self) -> String {
        format!("{}.entra.csv", self.stem())
    }

    fn stem(&self) -> String {
        match self.run {
            None => format!("credentials/{}", self.mpn_id),
            Some(n) => format!("credentials/{}.run{n}", self.mpn_id),
        }
    }
}

impl fmt::Display for CredentialsFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.csv", self.stem())
    }
}

/// Oldest first: the first file, then by run.
impl Ord for CredentialsFile {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.mpn_id, self.run).cmp(&(&other.mpn_id, other.run))
    }
}

impl PartialOrd for CredentialsFile {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for CredentialsFile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A tenant domain usable in a user principal name: at most 48 characters
/// (Entra's limit for the domain part), two or more labels of letters, digits
/// and inner hyphens, an alphabetic top-level label.
pub(crate) fn is_domain(s: &str) -> bool {
    if s.is_empty() || s.len() > 48 {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

macro_rules! string_like {
    ($t:ty) => {
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<std::path::Path> for $t {
            fn as_ref(&self) -> &std::path::Path {
                std::path::Path::new(self.as_str())
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

string_like!(MpnId);
string_like!(Username);

/// Unit tests write ids as literals; a bad one fails the test.
#[cfg(test)]
impl From<&str> for MpnId {
    fn from(s: &str) -> Self {
        MpnId::parse(s).expect("a valid MPN ID")
    }
}

#[cfg(test)]
impl From<&str> for CredentialsFile {
    fn from(s: &str) -> Self {
        CredentialsFile::parse(s).expect("a valid credentials file name")
    }
}

#[cfg(test)]
impl From<&str> for Username {
    fn from(s: &str) -> Self {
        Username::parse(s).expect("a valid username")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mpn_ids_are_4_to_10_digits() {
        for ok in ["1234", "0123456789"] {
            assert_eq!(MpnId::parse(ok).unwrap().as_str(), ok);
        }
        for bad in ["", "123", "12345678901", "12a4", "../1234", "１２３４"] {
            assert!(MpnId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn usernames_follow_entra_rules() {
        let u = Username::parse("ann.lee2@contoso.onmicrosoft.com").unwrap();
        assert_eq!((u.local(), u.domain()), ("ann.lee2", "contoso.onmicrosoft.com"));
        for bad in ["", "ann", "@x.com", ".ann@x.com", "ann.@x.com", "Ann@x.com", "a/b@x.com", "ann@x", "../x@a.com"] {
            assert!(Username::parse(bad).is_none(), "{bad}");
        }
        assert!(Username::new(&"a".repeat(64), "x.com").is_some());
        assert!(Username::new(&"a".repeat(65), "x.com").is_none());
    }

    #[test]
    fn credentials_files_name_their_organisation_and_run() {
        for (text, run) in [("credentials/1234.csv", None), ("credentials/1234.run3.csv", Some(3))] {
            let f = CredentialsFile::parse(text).unwrap();
            assert_eq!((f.mpn_id.as_str(), f.run), ("1234", run));
            assert_eq!(f.to_string(), text);
        }
        assert_eq!(
            CredentialsFile::parse("credentials/1234.run2.csv").unwrap().entra(),
            "credentials/1234.run2.entra.csv"
        );
        for bad in
            ["credentials/../../etc/passwd.csv", "/tmp/1234.csv", "credentials/1234.run.csv", "credentials/12.csv"]
        {
            assert!(CredentialsFile::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn domains() {
        assert!(is_domain("contoso.onmicrosoft.com"));
        assert!(is_domain("Fabrikam.com"));
        assert!(!is_domain("contoso"));
        assert!(!is_domain("-bad.com"));
        assert!(!is_domain("a..com"));
        assert!(!is_domain("con toso.com"));
        assert!(!is_domain(&format!("{}.com", "a".repeat(45))));
    }
}
