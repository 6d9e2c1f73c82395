//! Reports on stdout. A reader that goes away (`| head -1`) ends the printing
//! quietly, as ripgrep and xsv do: no panic, no message, and the run's work
//! and exit code stand; only the rest of the report goes unread.

use std::io::{self, Write};

/// Standard output that takes a closed pipe as the end of the report.
pub(super) struct Stdout {
    inner: io::StdoutLock<'static>,
    closed: bool,
}

pub(super) fn stdout() -> Stdout {
    Stdout { inner: io::stdout().lock(), closed: false }
}

impl Stdout {
    fn check(&mut self, r: io::Result<()>) -> io::Result<()> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.closed {
            let r = self.inner.write_all(buf);
            self.check(r)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.check(r)
    }
}

/// Print `text` on stdout and flush it (a message on stderr may follow).
pub(super) fn print(text: &str) -> io::Result<()> {
    let mut out = stdout();
    out.write_all(text.as_bytes())?;
    out.flush()
}
