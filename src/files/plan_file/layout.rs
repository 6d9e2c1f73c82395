//! plan.json's layout: serde_json's pretty printing down to a depth, compact
//! below it, so that each account is one line.

/// serde_json's pretty layout down to `max_depth` nesting levels, compact below.
pub(super) struct ShallowPretty {
    depth: usize,
    max_depth: usize,
    has_value: bool,
}

impl ShallowPretty {
    #[cfg(test)]
    pub(super) fn new(max_depth: usize) -> Self {
        ShallowPretty::at(0, max_depth)
    }

    /// The formatter as it stands inside `depth` open arrays or objects: a
    /// value written with it is byte for byte what it would be at that place
    /// of the whole document, so parts of a document can be written apart.
    pub(super) fn at(depth: usize, max_depth: usize) -> Self {
        ShallowPretty { depth, max_depth, has_value: false }
    }

    fn pretty(&self) -> bool {
        self.depth <= self.max_depth
    }

    fn newline_indent<W: ?Sized + std::io::Write>(&self, w: &mut W, depth: usize) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + std::io::Write>(&mut self, w: &mut W, open: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + std::io::Write>(&mut self, w: &mut W, close: &[u8]) -> std::io::Result<()> {
        let was_pretty = self.pretty();
        self.depth -= 1;
        if was_pretty && self.has_value {
            self.newline_indent(w, self.depth)?;
        }
        w.write_all(close)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty() { self.newline_indent(w, self.depth) } else { Ok(()) }
    }
}

impl serde_json::ser::Formatter for ShallowPretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.pretty() { b": " } else { b":" })
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[test]
    fn shallow_pretty_indents_to_the_depth_and_keeps_deeper_values_on_one_line() {
        let v = serde_json::json!({"a": [{"b": [1, 2], "c": {"d": true}}], "e": []});
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, ShallowPretty::new(2));
        v.serialize(&mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "{\n  \"a\": [\n    {\"b\":[1,2],\"c\":{\"d\":true}}\n  ],\n  \"e\": []\n}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
