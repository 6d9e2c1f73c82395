//! What `status` needs of the folder's plan.json: the language the plan was
//! made in, the organisations' names, and the display names of the people it
//! lists (the ledger keeps only MPN IDs, addresses and usernames). Streamed,
//! keeping only the names asked for, so a plan of a million accounts costs
//! the memory of the few that are listed.

use crate::core::model::Lang;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Roster {
    /// The plan's `--lang` (English when it records none).
    pub lang: Lang,
    /// Organisation names by MPN ID (a planned organisation's over a left-out row's).
    pub organizations: HashMap<String, String>,
    /// Display names by lower-cased username, of the people asked for.
    pub people: HashMap<String, String>,
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
        }
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "options" => self.out.lang = map.next_value::<Options>()?.lang,
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
        }
        let (mut mpn_id, mut name) = (String::new(), String::new());
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "mpn_id" => mpn_id = map.next_value()?,
                "organization" => name = map.next_value()?,
                "accounts" => {
                    // Each account is read and dropped unless it is wanted.
                    for a in map.next_value::<Vec<Account>>()? {
                        let key = a.username.to_lowercase();
                        if self.wanted.contains(&key) {
                            self.out.people.insert(key, a.display_name);
                        }
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
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
        let plan = r#"{"as_of": "2026-12-01", "options": {"strict": false, "lang": "zh-TW"},
            "blocked_organizations": [{"mpn_id": "1234", "organization": "Old name"}, {"mpn_id": "9999", "organization": "Gone"}],
            "organizations": [{"mpn_id": "1234", "organization": "Contoso", "accounts": [
                {"email": "a@x.com", "display_name": "李宗翰", "username": "A@x.onmicrosoft.com", "tasks": []},
                {"email": "b@x.com", "display_name": "Bo Ng", "username": "b@x.onmicrosoft.com", "tasks": []}]}],
            "left": []}"#
            .as_bytes();
        let wanted: HashSet<String> = ["a@x.onmicrosoft.com".to_string()].into();
        let r = roster(plan, &wanted).unwrap();
        assert_eq!(r.lang, Lang::ZhTw);
        assert_eq!(r.people, [("a@x.onmicrosoft.com".to_string(), "李宗翰".to_string())].into());
        assert_eq!(r.organizations["1234"], "Contoso");
        assert_eq!(r.organizations["9999"], "Gone");
        let english = roster(&br#"{"options": {"strict": true}, "organizations": []}"#[..], &wanted).unwrap();
        assert_eq!(english.lang, Lang::En);
        assert!(roster(&b"{\"options\": "[..], &wanted).is_err());
    }
}
