//! Comparisons of long outputs (golden files, reports at different thread
//! counts) that show where they differ when they fail, as a line diff.

/// `left` and `right` are the same bytes. When they are not, the failure
/// shows a line diff of the two texts where both are UTF-8, and of the bytes
/// otherwise; `what` says what was compared.
#[track_caller]
pub fn assert_same_bytes(left: &[u8], right: &[u8], what: &str) {
    match (std::str::from_utf8(left), std::str::from_utf8(right)) {
        (Ok(left), Ok(right)) => similar_asserts::assert_eq!(left, right, "{what}"),
        _ => similar_asserts::assert_eq!(left, right, "{what}"),
    }
}
