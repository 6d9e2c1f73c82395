//! Temporary passwords (design §5): 16 characters from the OS CSPRNG with upper,
//! lower, digit and symbol; no look-alikes; never starting with `= + - @`.

/// A password that never prints itself: `Debug` and `Display` show a mask,
/// so it can't reach a log, a report or a finding by accident.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    /// The only way to read it: for credential files and the outbox.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(****)")
    }
}

pub(crate) const LENGTH: usize = 16;
const UPPER: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ"; // no I, O
const LOWER: &str = "abcdefghijkmnpqrstuvwxyz"; // no l, o
const DIGITS: &str = "23456789"; // no 0, 1
/// Entra-allowed symbols that need no quoting in CSV or mail.
const SYMBOLS: &str = "#$%&*!?@^_+=-";
const NOT_FIRST: &str = "=+-@";

#[derive(Debug, thiserror::Error)]
#[error("the operating system's random number generator failed: {0}")]
pub struct RngError(String);

fn alphabet() -> &'static [u8] {
    static ALPHABET: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ALPHABET.get_or_init(|| [UPPER, LOWER, DIGITS, SYMBOLS].concat().into_bytes())
}

/// Bytes from the operating system's CSPRNG, fetched 4 KiB at a time (one
/// system call per ~200 passwords instead of one each), per thread, each byte
/// used once and wiped once used.
struct OsBytes {
    buf: [u8; 4096],
    next: usize,
}

impl OsBytes {
    fn byte(&mut self) -> Result<u8, RngError> {
        if self.next == self.buf.len() {
            getrandom::fill(&mut self.buf).map_err(|e| RngError(e.to_string()))?;
            self.next = 0;
        }
        let b = self.buf[self.next];
        self.buf[self.next] = 0;
        self.next += 1;
        Ok(b)
    }
}

thread_local! {
    static OS_BYTES: std::cell::RefCell<OsBytes> = const { std::cell::RefCell::new(OsBytes { buf: [0; 4096], next: 4096 }) };
}

/// Uniform over all valid passwords: draw each character uniformly (rejection
/// sampling on random bytes), retry the whole password until every rule holds.
pub(crate) fn generate() -> Result<Secret, RngError> {
    let alphabet = alphabet();
    let n = alphabet.len();
    let limit = 256 - (256 % n); // bytes at or above this would bias the draw
    OS_BYTES.with_borrow_mut(|rng| {
        loop {
            let mut out = Vec::with_capacity(LENGTH);
            while out.len() < LENGTH {
                let b = rng.byte()?;
                if (b as usize) < limit {
                    out.push(alphabet[b as usize % n]);
                }
            }
            let s = String::from_utf8(out).expect("ASCII alphabet");
            if is_valid(&s) {
                return Ok(Secret(s));
            }
        }
    })
}

/// Test seam, honoured only by debug builds (a release binary ignores it):
/// with `PMC_MIGRATE_TEST_PASSWORDS=SEED`, each password is derived from
/// the seed and `key` (the username), so two runs issue the same passwords
/// and their files can be compared byte for byte.
const FIXED_ENV: &str = "PMC_MIGRATE_TEST_PASSWORDS";

/// The password for the account `key`: from the CSPRNG, or (debug builds
/// under the test seam) derived from the seed.
pub(crate) fn generate_for(key: &str) -> Result<Secret, RngError> {
    if cfg!(debug_assertions)
        && let Ok(seed) = std::env::var(FIXED_ENV)
    {
        return Ok(derived(&seed, key));
    }
    generate()
}

/// A valid password from SHA-256 of the seed, the key and a counter.
fn derived(seed: &str, key: &str) -> Secret {
    use sha2::{Digest, Sha256};
    let alphabet = alphabet();
    (0u32..)
        .map(|n| {
            let digest =
                Sha256::new().chain_update(seed).chain_update([0]).chain_update(key).chain_update(n.to_le_bytes());
            let s: String =
                digest.finalize()[..LENGTH].iter().map(|b| alphabet[*b as usize % alphabet.len()] as char).collect();
            s
        })
        .find(|s| is_valid(s))
        .map(Secret)
        .expect("some counter gives a valid password")
}

pub(crate) fn is_valid(s: &str) -> bool {
    let has = |set: &str| s.chars().any(|c| set.contains(c));
    s.len() == LENGTH
        && s.bytes().all(|c| alphabet().contains(&c))
        && has(UPPER)
        && has(LOWER)
        && has(DIGITS)
        && has(SYMBOLS)
        && !s.starts_with(|c| NOT_FIRST.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_password_follows_the_rules() {
        let mut seen = HashSet::new();
        for _ in 0..2000 {
            let p = generate().unwrap();
            let s = p.expose();
            assert!(is_valid(s), "{s}");
            assert!(!s.contains(['0', 'O', 'o', '1', 'l', 'I']));
            seen.insert(s.to_string());
        }
        assert_eq!(seen.len(), 2000, "passwords repeat");
    }

    #[test]
    fn passwords_drawn_on_many_threads_at_once_follow_the_rules_and_never_repeat() {
        // Each thread draws from its own buffer, refilled many times here
        // (about 170 passwords per 4 KiB): no byte is used twice.
        let drawn: Vec<Vec<String>> = std::thread::scope(|s| {
            let threads: Vec<_> = (0..4)
                .map(|_| s.spawn(|| (0..5000).map(|_| generate().unwrap().expose().to_string()).collect()))
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let all: HashSet<&String> = drawn.iter().flatten().collect();
        assert_eq!(all.len(), 20_000, "passwords repeat");
        assert!(all.iter().all(|p| is_valid(p)));
    }

    #[test]
    fn derived_passwords_follow_the_rules_and_depend_on_seed_and_key() {
        let a = derived("seed", "ann@contoso.com");
        assert!(is_valid(a.expose()));
        assert_eq!(a, derived("seed", "ann@contoso.com"));
        assert_ne!(a, derived("seed", "ben@contoso.com"));
        assert_ne!(a, derived("other", "ann@contoso.com"));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = generate().unwrap();
        assert!(!format!("{p:?}").contains(p.expose()));
    }

    #[test]
    fn first_characters_cover_the_allowed_set_only() {
        let firsts: HashSet<char> = (0..3000).map(|_| generate().unwrap().expose().chars().next().unwrap()).collect();
        assert!(firsts.iter().all(|c| !NOT_FIRST.contains(*c)));
        assert!(firsts.len() > 40, "first character looks biased: {}", firsts.len());
    }
}
