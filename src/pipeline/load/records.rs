//! The record loop's reader: csv-core over the decoded text, within the bounds
//! of design §3. A record over them is read through to its end but not kept, so
//! no input, however long its lines or fields, makes a buffer grow past 1 MiB.

use csv_core::ReadRecordResult;

/// A field holding more bytes than this is `malformed-row`.
pub(crate) const MAX_FIELD_BYTES: usize = 64 * 1024;
/// A record spanning more bytes of the file than this is `malformed-row`.
pub(crate) const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The text a header can span (junk can be one line of gigabytes).
pub(crate) fn head(text: &str) -> &str {
    let mut end = text.len().min(MAX_RECORD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Why a record is over the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Oversize {
    /// Field `index` (0-based) holds `bytes` bytes (counted to its end).
    Field { index: usize, bytes: usize },
    /// The record spans `bytes` bytes of the file.
    Record { bytes: usize },
}

impl Oversize {
    /// The 1-based column to name in a finding.
    pub(crate) fn column(self) -> u32 {
        match self {
            Oversize::Field { index, .. } => index as u32 + 1,
            Oversize::Record { .. } => 1,
        }
    }

    /// What is wrong, of `what` ("row" or "header").
    pub(crate) fn message(self, what: &str) -> String {
        let size = match self {
            Oversize::Field { index, bytes } => {
                format!("field {} holds {bytes} bytes, over the limit of 64 KiB ({MAX_FIELD_BYTES} bytes)", index + 1)
            }
            Oversize::Record { bytes } => {
                format!("the {what} spans {bytes} bytes, over the limit of 1 MiB ({MAX_RECORD_BYTES} bytes)")
            }
        };
        format!("{size}: the {what} is left out (a quote left open can swallow the lines after it)")
    }
}

/// Where one record lies in the input, and whether it is over the bounds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// Byte offset where reading the record began (it may point at the line
    /// terminator before it).
    pub start: usize,
    /// Byte offset just past the record (after its terminator, if any).
    pub end: usize,
    pub oversize: Option<Oversize>,
}

pub(crate) struct RecordReader<'a> {
    core: csv_core::Reader,
    input: &'a [u8],
    pos: usize,
    /// The unescaped fields of the current record, back to back.
    out: Vec<u8>,
    /// Bytes of `out` in use.
    len: usize,
    ends_buf: Vec<usize>,
    /// End offset in `out` of each field of the current record.
    ends: Vec<usize>,
}

impl<'a> RecordReader<'a> {
    pub(crate) fn new(input: &'a [u8], delimiter: u8) -> Self {
        RecordReader {
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            input,
            pos: 0,
            // One byte more than a record may hold: a full buffer means "too long".
            out: vec![0; MAX_RECORD_BYTES + 1],
            len: 0,
            ends_buf: vec![0; 256],
            ends: Vec::new(),
        }
    }

    /// The fields of the record last read (empty when it was over the bounds).
    #[cfg(test)]
    fn fields(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let data = &self.out[..self.len];
        self.ends.iter().scan(0, move |start, &end| {
            let field = &data[*start..end];
            *start = end;
            Some(field)
        })
    }

    /// The data and field end offsets of the record last read.
    pub(crate) fn raw(&self) -> (&[u8], &[usize]) {
        (&self.out[..self.len], &self.ends)
    }

    /// Read the next record; `None` at the end of the input.
    pub(crate) fn next_record(&mut self) -> Option<Span> {
        let start = self.pos;
        self.len = 0;
        self.ends.clear();
        // Offsets counted over the whole record, also what is no longer kept.
        let (mut total, mut field_start, mut fields) = (0usize, 0usize, 0usize);
        let mut oversize: Option<Oversize> = None;
        loop {
            let input = &self.input[self.pos..];
            let (res, nin, nout, nend) = self.core.read_record(input, &mut self.out[self.len..], &mut self.ends_buf);
            self.pos += nin;
            total += nout;
            self.len += nout;
            for &end in &self.ends_buf[..nend] {
                let bytes = end - field_start;
                match oversize {
                    None if bytes > MAX_FIELD_BYTES => oversize = Some(Oversize::Field { index: fields, bytes }),
                    // The long field's final length, now that it has ended.
                    Some(Oversize::Field { index, .. }) if index == fields => {
                        oversize = Some(Oversize::Field { index, bytes })
                    }
                    None => self.ends.push(end),
                    Some(_) => {}
                }
                field_start = end;
                fields += 1;
            }
            if oversize.is_none() && total - field_start > MAX_FIELD_BYTES {
                oversize = Some(Oversize::Field { index: fields, bytes: total - field_start });
            }
            if oversize.is_none() && (self.pos - start > MAX_RECORD_BYTES || res == ReadRecordResult::OutputFull) {
                oversize = Some(Oversize::Record { bytes: self.pos - start });
            }
            if oversize.is_some() {
                // Keep reading to the record's end, dropping what is read.
                self.len = 0;
            }
            match res {
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return None,
                ReadRecordResult::InputEmpty if input.is_empty() => return None,
                _ => {}
            }
        }
        if let Some(Oversize::Record { .. }) = oversize {
            oversize = Some(Oversize::Record { bytes: self.pos - start });
        }
        if oversize.is_some() {
            self.ends.clear();
        }
        Some(Span { start, end: self.pos, oversize })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Vec<(Vec<String>, Option<Oversize>)> {
        let mut r = RecordReader::new(input, b',');
        let mut out = Vec::new();
        while let Some(span) = r.next_record() {
            let fields = r.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
            out.push((fields, span.oversize));
        }
        out
    }

    #[test]
    fn reads_quoted_fields_and_skips_blank_lines() {
        let got = read_all(b"a,\"b,\"\"c\"\"\"\r\n\n\nd,\"e\nf\"");
        assert_eq!(got[0], (vec!["a".to_string(), "b,\"c\"".to_string()], None));
        assert_eq!(got[1], (vec!["d".to_string(), "e\nf".to_string()], None));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_field_over_64_kib_is_named_with_its_length() {
        let long = "x".repeat(MAX_FIELD_BYTES + 1);
        let got = read_all(format!("a,b\n1,{long},3\nc,d\n").as_bytes());
        assert_eq!(got[1], (vec![], Some(Oversize::Field { index: 1, bytes: MAX_FIELD_BYTES + 1 })));
        assert_eq!(got[2].0, vec!["c", "d"], "the next record is read as usual");
        let ok = "x".repeat(MAX_FIELD_BYTES);
        assert_eq!(read_all(format!("{ok}\n").as_bytes())[0].1, None, "64 KiB exactly is allowed");
    }

    #[test]
    fn a_record_over_1_mib_of_small_fields_is_over_the_bounds() {
        let row = vec!["abcdefghi"; 110_000].join(",");
        let got = read_all(format!("{row}\nc,d\n").as_bytes());
        assert_eq!(got[0].1, Some(Oversize::Record { bytes: row.len() + 1 }));
        assert_eq!(got[1].0, vec!["c", "d"]);
    }

    #[test]
    fn a_quote_never_closed_swallows_the_rest_within_the_bounds() {
        let rest = "y\n".repeat(MAX_RECORD_BYTES);
        let got = read_all(format!("a,\"open\n{rest}").as_bytes());
        assert_eq!(got.len(), 1);
        assert!(matches!(got[0].1, Some(Oversize::Field { index: 1, .. })), "{:?}", got[0].1);
    }
}
