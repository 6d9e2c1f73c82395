//! plan.json's document written field by field, its long arrays (the
//! organisations hold nearly all of its bytes) serialised in parallel chunks
//! that concatenate to what one sequential serde pass writes.

use super::layout::ShallowPretty;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// plan.json is indented down to this depth (each account then on one line).
pub(super) const MAX_DEPTH: usize = 4;

/// Items serialised by one task: enough that a task outweighs its scheduling.
const CHUNK: usize = 128;

/// The top-level object of a document, written one field at a time.
pub(super) struct Object<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<'w, W: Write> Object<'w, W> {
    pub(super) fn begin(out: &'w mut W) -> io::Result<Self> {
        out.write_all(b"{")?;
        Ok(Object { out, first: true })
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        // The keys are this writer's own names: nothing to escape.
        write!(self.out, "\n  \"{key}\": ")
    }

    pub(super) fn field(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        value_at(self.out, value, 1)
    }

    /// A field whose value is an array, its items serialised in parallel.
    pub(super) fn array(&mut self, key: &str, items: &[impl Serialize + Sync]) -> io::Result<()> {
        self.key(key)?;
        array_at(self.out, items, 1)
    }

    pub(super) fn end(self) -> io::Result<()> {
        self.out.write_all(if self.first { b"}" } else { b"\n}" })
    }
}

/// `value` as the layout writes it inside `depth` open arrays or objects.
fn value_at(out: &mut impl Write, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, ShallowPretty::at(depth, MAX_DEPTH));
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// An array inside `depth` open values. Its items are rendered in chunks on
/// every thread, a bounded group of chunks at a time, and written in order.
fn array_at<T: Serialize + Sync>(out: &mut impl Write, items: &[T], depth: usize) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    let pretty = depth < MAX_DEPTH;
    let indent = |n: usize| if pretty { format!("\n{}", "  ".repeat(n)) } else { String::new() };
    let (separator, close) = (indent(depth + 1), indent(depth));
    out.write_all(b"[")?;
    let group = CHUNK * 4 * rayon::current_num_threads();
    for (g, items) in items.chunks(group).enumerate() {
        let parts: Vec<io::Result<Vec<u8>>> = items
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::new();
                for (i, item) in chunk.iter().enumerate() {
                    if g + c + i > 0 {
                        buf.push(b',');
                    }
                    buf.extend_from_slice(separator.as_bytes());
                    value_at(&mut buf, item, depth + 1)?;
                }
                Ok(buf)
            })
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    out.write_all(close.as_bytes())?;
    out.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_json writes for the whole document in one pass.
    fn sequential(doc: &serde_json::Value) -> Vec<u8> {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, ShallowPretty::new(MAX_DEPTH));
        doc.serialize(&mut ser).unwrap();
        out
    }

    fn chunked(doc: &serde_json::Value, threads: usize) -> Vec<u8> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let mut out = Vec::new();
        pool.install(|| {
            let mut o = Object::begin(&mut out).unwrap();
            for (key, value) in doc.as_object().unwrap() {
                match value.as_array() {
                    Some(items) => o.array(key, items).unwrap(),
                    None => o.field(key, value).unwrap(),
                }
            }
            o.end().unwrap();
        });
        out
    }

    #[test]
    fn chunks_concatenate_to_the_sequential_bytes_at_any_thread_count() {
        // More items than one group of chunks, nested past the pretty depth.
        let orgs: Vec<serde_json::Value> = (0..3000)
            .map(|n| {
                serde_json::json!({"mpn_id": n.to_string(), "renewed": n % 2 == 0,
                    "accounts": (0..n % 4).map(|a| serde_json::json!({"email": format!("{a}@x.com"), "tasks": ["t"]})).collect::<Vec<_>>()})
            })
            .collect();
        let doc = serde_json::json!({"as_of": "2026-12-01", "summary": {"a": 1, "b": {"c": [1, 2]}},
            "organizations": orgs, "blocked_organizations": [], "left": [{"email": "q"}]});
        let want = sequential(&doc);
        for threads in [1, 2, 5] {
            assert!(chunked(&doc, threads) == want, "{threads} threads");
        }
    }
}
