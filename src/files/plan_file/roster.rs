//! What `status` needs of the folder's plan.json: the language the plan was
//! made in, its sign-in link, the organisations' names and admins, and the
//! display names and languages of the people it lists or reminds (the ledger
//! keeps only MPN IDs, addresses and usernames). Streamed, keeping only the
//! people asked for, so a plan of a million accounts costs the memory of the
//! few that are listed and one admin per organisation.

use crate::core::model::Lang;
use crate::core::options::DEFAULT_SIGN_IN_URL;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Roster {
    /// The plan's `--lang` (English when it records none).
    pub lang: Lang,
    /// The plan's `--sign-in-url` (Partner Center's page when it records none).
    pub sign_in_url: String,
    /// Organisation names by MPN ID (a planned organisation's over a left-out row's).
    pub organizations: HashMap<String, String>,
    /// Each planned organisation's first admin (the one sign-on mail comes from), by MPN ID.
    pub admins: HashMap<String, Person>,
    /// The people asked for, by lower-cased username.
    pub people: HashMap<String, Person>,
}

impl Default for Roster {
    fn default() -> Self {
        Roster {
            lang: Lang::En,
            sign_in_url: DEFAULT_SIGN_IN_URL.to_string(),
            organizations: HashMap::new(),
            admins: HashMap::new(),
            people: HashMap::new(),
        }
    }
}

/// A planned account as mail names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub display_name: String,
    pub email: String,
    /// The language of their mail: their `language` cell, else the plan's `--lang`.
    pub language: Lang,
}

/// The roster of the plan.json read from `plan_json`, with the display names
/// of the `wanted` usernames (lower-cased).
pub(crate) fn roster(plan_json: impl std::io::Read, wanted: &HashSet<String>) -> serde_json::Result<Roster> {
    let mut out = Roster::default();
    let mut de = serde_json::Deserializer::from_reader(plan_json);
    Doc { wanted, out: &mut out }.deserialize(&mut de)?;
    de.end()?;
    Ok(out)
}

/// The document: `options.lang`, and the two lists of organisations.
struct Doc<'a> {
    wanted: &'a HashSet<String>,
    out: &'a mut Roster,
}

impl<'de> DeserializeSeed<'de> for Doc<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Doc<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plan.json object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        #[derive(Deserialize)]
        struct Options {
            #[serde(default)]
            lang: Lang,
            sign_in_url: Option<String>,
        }
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "options" => {
                    let options = map.next_value::<Options>()?;
                    self.out.lang = options.lang;
                    if let Some(url) = options.sign_in_url {
                        self.out.sign_in_url = url;
                    }
                }
                "organizations" | "blocked_organizations" => {
                    let planned = key == "organizations";
                    map.next_value_seed(Orgs { wanted: self.wanted, out: &mut *self.out, planned })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A list of organisations, planned or left out by errors.
struct Orgs<'a> {
    wanted: &'a HashSet<String>,
    out: &'a mut Roster,
    planned: bool,
}

impl<'de> DeserializeSeed<'de> for Orgs<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Orgs<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of organisations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Org { wanted: self.wanted, out: &mut *self.out, planned: self.planned })?.is_some()
        {
        }
        Ok(())
    }
}

/// One organisation: its MPN ID and name, and its accounts' display names.
struct Org<'a> {
    wanted: &'a HashSet<String>,
    out: &'a mut Roster,
    planned: bool,
}

impl<'de> DeserializeSeed<'de> for Org<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Org<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an organisation")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        #[derive(Deserialize)]
        struct Account {
            username: String,
            display_name: String,
            #[serde(default)]
            email: String,
            #[serde(default)]
            role: String,
            /// Written only when not English.
            #[serde(default)]
            language: Lang,
        }
        let (mut mpn_id, mut name, mut admin) = (String::new(), String::new(), None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "mpn_id" => mpn_id = map.next_value()?,
                "organization" => name = map.next_value()?,
                "accounts" => {
                    // Each account is read and dropped unless it is wanted or the first admin.
                    for a in map.next_value::<Vec<Account>>()? {
                        let key = a.username.to_lowercase();
                        let is_admin = admin.is_none() && a.role == "admin";
                        if !is_admin && !self.wanted.contains(&key) {
                            continue;
                        }
                        let person = Person { display_name: a.display_name, email: a.email, language: a.language };
                        if is_admin {
                            admin = Some(person.clone());
                        }
                        if self.wanted.contains(&key) {
                            self.out.people.insert(key, person);
                        }
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(admin) = admin.filter(|_| self.planned && !mpn_id.is_empty()) {
            self.out.admins.insert(mpn_id.clone(), admin);
        }
        if !mpn_id.is_empty() && !name.is_empty() {
            let names = &mut self.out.organizations;
            if self.planned {
                names.insert(mpn_id, name);
            } else {
                names.entry(mpn_id).or_insert(name);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_language_names_and_only_the_people_asked_for() {
        let plan = r#"{"as_of": "2026-12-01", "options": {"strict": false, "lang": "zh-TW", "sign_in_url": "https://x.example/in"},
            "blocked_organizations": [{"mpn_id": "1234", "organization": "Old name"}, {"mpn_id": "9999", "organization": "Gone"}],
            "organizations": [{"mpn_id": "1234", "organization": "Contoso", "accounts": [
                {"email": "a@x.com", "display_name": "李宗翰", "role": "employee", "username": "A@x.onmicrosoft.com", "tasks": []},
                {"email": "b@x.com", "display_name": "Bo Ng", "role": "admin", "username": "b@x.onmicrosoft.com", "tasks": [], "language": "en"},
                {"email": "c@x.com", "display_name": "Cy Li", "role": "admin", "username": "c@x.onmicrosoft.com", "tasks": []}]}],
            "left": []}"#
            .as_bytes();
        let wanted: HashSet<String> = ["a@x.onmicrosoft.com".to_string()].into();
        let r = roster(plan, &wanted).unwrap();
        assert_eq!(r.lang, Lang::ZhTw);
        assert_eq!(r.sign_in_url, "https://x.example/in");
        // An account without a language is English: the plan writes only the others.
        let person =
            |name: &str, email: &str| Person { display_name: name.into(), email: email.into(), language: Lang::En };
        assert_eq!(r.people, [("a@x.onmicrosoft.com".to_string(), person("李宗翰", "a@x.com"))].into());
        assert_eq!(r.admins, [("1234".to_string(), person("Bo Ng", "b@x.com"))].into());
        assert_eq!(r.organizations["1234"], "Contoso");
        assert_eq!(r.organizations["9999"], "Gone");
        let english = roster(&br#"{"options": {"strict": true}, "organizations": []}"#[..], &wanted).unwrap();
        assert_eq!(english.lang, Lang::En);
        assert_eq!(english.sign_in_url, DEFAULT_SIGN_IN_URL);
        assert!(roster(&b"{\"options\": "[..], &wanted).is_err());
    }
}
