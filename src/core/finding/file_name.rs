//! The file a finding is about: one shared text per file, not one string
//! per finding (a million findings of one export name it once).

use serde::Serialize;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileName(Arc<str>);

/// How many names each thread remembers: a run names a few files.
const REMEMBERED: usize = 8;

thread_local! {
    static NAMES: RefCell<Vec<FileName>> = const { RefCell::new(Vec::new()) };
}

impl FileName {
    /// `name`, sharing the text of the last names this thread made.
    pub fn shared(name: &str) -> FileName {
        NAMES.with_borrow_mut(|names| {
            if let Some(known) = names.iter().find(|n| &*n.0 == name) {
                return known.clone();
            }
            if names.len() == REMEMBERED {
                names.remove(0);
            }
            let made = FileName(Arc::from(name));
            names.push(made.clone());
            made
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for FileName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for FileName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for FileName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl PartialEq<str> for FileName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for FileName {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<FileName> for &str {
    fn eq(&self, other: &FileName) -> bool {
        *self == &*other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_of_one_file_share_its_name() {
        let (a, b) = (FileName::shared("employees.csv"), FileName::shared("employees.csv"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "employees.csv");
        for n in 0..REMEMBERED * 2 {
            assert_eq!(FileName::shared(&n.to_string()), n.to_string().as_str());
        }
        assert_eq!(FileName::shared("employees.csv").as_str(), "employees.csv");
    }
}
