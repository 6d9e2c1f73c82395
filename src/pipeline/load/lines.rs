//! Physical line numbers of a decoded file, for findings (design §3).

/// Physical line numbers from byte offsets. csv's own line count lags by one
/// after a CR LF, so lines are counted here: LF, CR LF and a lone CR each end one.
pub(super) struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a [u8]) -> Self {
        LineCounter { text, pos: 0, line: 1 }
    }

    /// The line of the first byte at or after `offset` that is not a line
    /// terminator (a record's position can point at the terminator before it).
    /// Offsets must not decrease between calls.
    pub(super) fn line_at(&mut self, offset: usize) -> u64 {
        let mut start = offset.max(self.pos);
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        self.count_to(start)
    }

    /// The line of a record's last byte, given the offset just past the record
    /// (terminator included). Offsets must not decrease between calls.
    pub(super) fn last_line(&mut self, end: usize) -> u64 {
        let mut end = end.max(self.pos);
        while end > self.pos && matches!(self.text[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        self.count_to(end)
    }

    fn count_to(&mut self, to: usize) -> u64 {
        // Counted without a branch per byte (a junk file can be one line of
        // gigabytes): every LF, and every CR not followed by an LF.
        let span = &self.text[self.pos..to];
        let count = |byte: u8| span.iter().filter(|&&b| b == byte).count() as u64;
        let mut lines = count(b'\n');
        if span.contains(&b'\r') {
            let crlf = self.text[self.pos..(to + 1).min(self.text.len())].windows(2).filter(|w| w == b"\r\n").count();
            lines += count(b'\r') - crlf as u64;
        }
        self.line += lines;
        self.pos = to;
        self.line
    }
}
