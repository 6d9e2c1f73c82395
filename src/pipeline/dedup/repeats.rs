//! Finding rows whose key an earlier row already has, with one hash table of
//! row numbers: keys stay borrowed from the rows, and a row seen once is only
//! read, never copied or moved.

use hashbrown::{DefaultHashBuilder, HashTable, hash_table::Entry};
use std::hash::{BuildHasher, Hash};

/// A row whose key an earlier row has: (the first row of that key, this row).
pub(super) type Repeat = (u32, u32);

/// Every row whose key an earlier row has, in row order.
pub(super) fn repeats<'a, T, K: Hash + Eq>(rows: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<Repeat> {
    assert!(u32::try_from(rows.len()).is_ok(), "more rows than a u32 row number holds");
    // A random seed only changes where rows sit in the table, never the output.
    let state = DefaultHashBuilder::default();
    // Row numbers only, 4 bytes a slot: a key is read from its row when hashes match.
    let mut table: HashTable<u32> = HashTable::with_capacity(rows.len());
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let k = key(row);
        let same = |&j: &u32| key(&rows[j as usize]) == k;
        match table.entry(state.hash_one(&k), same, |&j| state.hash_one(key(&rows[j as usize]))) {
            Entry::Occupied(first) => out.push((*first.get(), i as u32)),
            Entry::Vacant(slot) => {
                slot.insert(i as u32);
            }
        }
    }
    out
}

/// Repeats grouped by first row: groups in the order of their first rows, the
/// rows of each in row order (a stable sort of the repeats, not of all rows).
pub(super) fn by_first(mut repeats: Vec<Repeat>) -> Vec<(u32, Vec<u32>)> {
    repeats.sort_by_key(|&(first, _)| first);
    let mut groups: Vec<(u32, Vec<u32>)> = Vec::new();
    for (first, row) in repeats {
        match groups.last_mut() {
            Some((f, rows)) if *f == first => rows.push(row),
            _ => groups.push((first, vec![row])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_rows_of_a_key_are_named_with_its_first() {
        let rows = ["a", "b", "a", "c", "b", "a"];
        assert_eq!(repeats(&rows, |r| *r), vec![(0, 2), (1, 4), (0, 5)]);
        assert_eq!(by_first(repeats(&rows, |r| *r)), vec![(0, vec![2, 5]), (1, vec![4])]);
    }

    #[test]
    fn a_key_of_two_parts_matches_only_whole() {
        let rows = [("1", "ab"), ("1a", "b"), ("1", "ab"), ("2", "ab")];
        assert_eq!(repeats(&rows, |&(a, b)| (a, b)), vec![(0, 2)]);
    }

    #[test]
    fn no_rows_no_repeats() {
        assert!(repeats(&[] as &[&str], |r| *r).is_empty());
        assert!(by_first(Vec::new()).is_empty());
    }

    #[test]
    fn keys_are_compared_when_every_hash_collides() {
        #[derive(PartialEq, Eq)]
        struct Same(u8);
        impl Hash for Same {
            fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
        }
        let rows: Vec<u8> = (0..50).map(|i| i % 7).collect();
        let want: Vec<Repeat> = (7..50).map(|i| (i % 7, i)).collect();
        assert_eq!(repeats(&rows, |&r| Same(r)), want);
    }
}
