//! The change list of a plan against the ledger, in the manner of `terraform
//! plan`: per organisation how many accounts an apply creates (`+`), reissues
//! (`~`), finds gone from the export (`-`) and keeps (`=`), and the people
//! behind `+ ~ -`. One list in one order for the terminal and for
//! index.html's Changes section, so the two never disagree.
//!
//! Order: organisations as in the membership export (the order of the plan and
//! of index.html's tables), then organisations no longer planned whose people
//! left, by MPN ID; within one, creates and reissues in employee-export order,
//! then the people who left, by email.

use crate::pipeline::plan::accounts::{AccountPlan, Action};
use crate::pipeline::plan::{Enrolment, LeftAccount, OrgPlan, Plan};
use std::collections::HashMap;

/// What an apply does to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    Create,
    Reissue,
    Left,
}

impl Sign {
    pub(crate) fn symbol(self) -> char {
        match self {
            Sign::Create => '+',
            Sign::Reissue => '~',
            Sign::Left => '-',
        }
    }
}

/// One organisation's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Counts {
    pub create: usize,
    pub reissue: usize,
    pub left: usize,
    pub keep: usize,
    /// Organisations this apply enrols (0 or 1 for one organisation).
    pub enrol: usize,
}

impl Counts {
    /// Anything for an apply to do (what `plan --detailed-exitcode` reports).
    pub(crate) fn any(&self) -> bool {
        self.create + self.reissue + self.left + self.enrol > 0
    }

    fn add(&mut self, o: &Counts) {
        self.create += o.create;
        self.reissue += o.reissue;
        self.left += o.left;
        self.keep += o.keep;
        self.enrol += o.enrol;
    }
}

/// One organisation of the list.
#[derive(Debug)]
pub(crate) struct OrgChanges<'a> {
    pub mpn_id: &'a str,
    /// `None`: not in this plan (everyone an earlier apply issued left, or the
    /// organisation is gone from the export).
    pub plan: Option<&'a OrgPlan>,
    pub counts: Counts,
    left: Vec<&'a LeftAccount>,
}

/// Someone behind a `+`, `~` or `-`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Person<'a> {
    pub sign: Sign,
    pub mpn_id: &'a str,
    pub username: &'a str,
    pub email: &'a str,
    /// Only planned accounts have one; the ledger keeps no names.
    pub display_name: Option<&'a str>,
    /// The run that issued the account of someone who left.
    pub issued_in: Option<u32>,
}

#[derive(Debug)]
pub(crate) struct Changes<'a> {
    /// Every organisation, changed or not, in the list's order.
    pub orgs: Vec<OrgChanges<'a>>,
    pub totals: Counts,
}

impl<'a> Changes<'a> {
    pub(crate) fn new(plan: &'a Plan) -> Changes<'a> {
        let mut left: HashMap<&str, Vec<&LeftAccount>> = HashMap::new();
        for l in &plan.left {
            left.entry(l.mpn_id.as_str()).or_default().push(l);
        }
        let mut orgs: Vec<OrgChanges<'a>> = plan
            .organizations
            .iter()
            .map(|o| {
                let gone = left.remove(o.mpn_id.as_str()).unwrap_or_default();
                let mut counts = planned(&o.accounts);
                counts.left = gone.len();
                counts.enrol = usize::from(o.enrolment == Enrolment::New);
                OrgChanges { mpn_id: &o.mpn_id, plan: Some(o), counts, left: gone }
            })
            .collect();
        let mut rest: Vec<OrgChanges<'a>> = left
            .into_iter()
            .map(|(mpn_id, gone)| OrgChanges {
                mpn_id,
                plan: None,
                counts: Counts { left: gone.len(), ..Counts::default() },
                left: gone,
            })
            .collect();
        rest.sort_by_key(|o| o.mpn_id);
        orgs.extend(rest);
        let mut totals = Counts::default();
        for o in &orgs {
            totals.add(&o.counts);
        }
        Changes { orgs, totals }
    }

    /// Organisations with anything to do.
    pub(crate) fn changed(&self) -> impl Iterator<Item = &OrgChanges<'a>> {
        self.orgs.iter().filter(|o| o.counts.any())
    }

    /// Everyone behind a `+`, `~` or `-`, in the list's order.
    pub(crate) fn people(&self) -> impl Iterator<Item = Person<'a>> + '_ {
        self.orgs.iter().flat_map(OrgChanges::people)
    }

    /// The people who left, in the list's order.
    pub(crate) fn left(&self) -> impl Iterator<Item = &'a LeftAccount> + '_ {
        self.orgs.iter().flat_map(|o| o.left.iter().copied())
    }
}

impl<'a> OrgChanges<'a> {
    /// The organisation's name, when it is in this plan.
    pub(crate) fn organization(&self) -> Option<&'a str> {
        self.plan.map(|p| p.organization.as_str())
    }

    fn people(&self) -> impl Iterator<Item = Person<'a>> + '_ {
        let accounts = self.plan.map_or(&[][..], |p| p.accounts.as_slice());
        let mpn_id = self.mpn_id;
        let fresh = accounts.iter().filter_map(move |a| {
            let sign = match a.action {
                Action::Create => Sign::Create,
                Action::Reissue => Sign::Reissue,
                Action::Keep => return None,
            };
            Some(Person {
                sign,
                mpn_id,
                username: a.username.as_str(),
                email: &a.email,
                display_name: Some(&a.display_name),
                issued_in: None,
            })
        });
        let gone = self.left.iter().map(move |l| Person {
            sign: Sign::Left,
            mpn_id,
            username: l.username.as_str(),
            email: &l.email,
            display_name: None,
            issued_in: Some(l.run),
        });
        fresh.chain(gone)
    }
}

fn planned(accounts: &[AccountPlan]) -> Counts {
    let mut c = Counts::default();
    for a in accounts {
        match a.action {
            Action::Create => c.create += 1,
            Action::Reissue => c.reissue += 1,
            Action::Keep => c.keep += 1,
        }
    }
    c
}
