//! Reading an input's bytes within the bounds of design §3. A regular file is
//! read whole (its size is known, so memory is that size); anything else (a
//! FIFO, `/dev/zero`, a process substitution) has no size to trust and is
//! read through a hard cap, and stopped early once its first bytes show it is
//! not text, so an endless input costs neither unbounded memory nor time.

use super::error::LoadError;
use std::io::Read;
use std::path::Path;

/// The most an input that is not a regular file may hold: 4 GiB less one
/// byte, the most field data one file can hold (the store's offsets are
/// 32-bit), so a stream is cut where a file would be refused anyway.
pub(crate) const MAX_STREAM_BYTES: u64 = u32::MAX as u64;

/// The first read of a stream, after which its first bytes are judged.
const FIRST_CHUNK: usize = 64 * 1024;

/// The bytes of `path`: whole for a regular file, through [`MAX_STREAM_BYTES`]
/// otherwise. `not_text` tells from a stream's first bytes whether it can't be
/// an export at all: then only those bytes are read, as they are all the
/// finding needs.
pub(crate) fn read(path: &Path, not_text: impl Fn(&[u8]) -> bool) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.is_file() {
        return std::fs::read(path).map_err(io);
    }
    read_stream(file, MAX_STREAM_BYTES, not_text)
        .map_err(io)?
        .ok_or_else(|| LoadError::StreamTooLarge { path: path.to_path_buf(), limit: MAX_STREAM_BYTES })
}

/// Up to `cap` bytes of `stream` (`None` when it holds more). Room for the
/// whole cap is reserved at once: pages are only taken as bytes arrive, and
/// no buffer is ever copied into a larger one (a last doubling from 2 to 4 GiB
/// held both, and the allocator kept the old one: 5.3 GB for a 4 GiB stream).
/// Where that much address space is refused, the buffer doubles instead.
fn read_stream(stream: impl Read, cap: u64, not_text: impl Fn(&[u8]) -> bool) -> std::io::Result<Option<Vec<u8>>> {
    let most = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
    let mut limited = stream.take(cap.saturating_add(1));
    let mut buf: Vec<u8> = Vec::new();
    let _ = buf.try_reserve_exact(most);
    let mut first = true;
    loop {
        let want = buf.capacity().saturating_mul(2).clamp(FIRST_CHUNK, most.max(1));
        if buf.len() == buf.capacity() {
            buf.reserve_exact(want - buf.len());
        }
        // The first read is a small one, to judge the first bytes.
        let room = (buf.capacity() - buf.len()).min(if first { FIRST_CHUNK } else { usize::MAX }) as u64;
        // Fills the room (or ends at the end of the stream) without growing the buffer.
        let read = (&mut limited).take(room).read_to_end(&mut buf)?;
        if buf.len() as u64 > cap {
            return Ok(None);
        }
        if (read as u64) < room {
            return Ok(Some(buf)); // the end of the stream
        }
        if std::mem::take(&mut first) && not_text(&buf) {
            return Ok(Some(buf));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_within_the_cap_is_read_whole() {
        let text = b"mpn_id,organization\n".repeat(10_000);
        let got = read_stream(&text[..], 1 << 20, |_| false).unwrap();
        assert_eq!(got.as_deref(), Some(&text[..]));
        // Exactly at the cap is still within it.
        assert_eq!(read_stream(&text[..], text.len() as u64, |_| false).unwrap().map(|b| b.len()), Some(text.len()));
    }

    #[test]
    fn an_endless_stream_stops_one_byte_past_the_cap() {
        let endless = std::io::repeat(b'a');
        assert_eq!(read_stream(endless, 300_000, |_| false).unwrap(), None);
    }

    #[test]
    fn an_endless_stream_that_is_not_text_stops_after_its_first_bytes() {
        let got = read_stream(std::io::repeat(0), MAX_STREAM_BYTES, |b| b.iter().all(|&b| b == 0)).unwrap();
        assert_eq!(got.map(|b| b.len()), Some(FIRST_CHUNK));
    }

    #[test]
    fn the_buffer_never_holds_more_room_than_the_cap_allows() {
        let mut stream = std::io::repeat(b'x').take(200_000);
        let got = read_stream(&mut stream, 200_000, |_| false).unwrap().unwrap();
        assert_eq!(got.len(), 200_000);
        assert!(got.capacity() <= 200_001, "{}", got.capacity());
        let mut stream = std::io::repeat(b'x').take(200_000);
        let got = read_stream(&mut stream, 1 << 40, |_| false).unwrap().unwrap();
        assert_eq!(got.len(), 200_000, "read whole, whether or not the room for 1 TiB was granted");
    }
}
