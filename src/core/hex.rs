//! Bytes as lower-case hexadecimal, as SHA-256 digests are shown everywhere
//! (run facts, plan pins, the report set's digest).

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_digits_a_byte() {
        assert_eq!(super::hex(&[0, 0x0f, 0xab]), "000fab");
    }
}
