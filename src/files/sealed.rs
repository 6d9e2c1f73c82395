//! age files (age-encryption.org/v1): the credential files and sign-on mail
//! of `apply --encrypt-to`, readable only with a matching key. Recipients
//! are age X25519 public keys (`age1…`) or SSH public keys (`ssh-ed25519`,
//! `ssh-rsa`), given as they are or in a file of them (one a line, `#`
//! comments, as `age -R` reads); identities are an age key file
//! (`age-keygen`'s) or an unencrypted SSH private key.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The name an encrypted file gets: its plain name and `.age`.
pub(crate) const SUFFIX: &str = ".age";

#[derive(Debug, thiserror::Error)]
pub enum SealedError {
    #[error(
        "--encrypt-to {0:?}: not an age public key (age1…), an ssh-ed25519 or ssh-rsa public key, nor a file of them"
    )]
    Recipient(String),
    #[error("--encrypt-to {path}: line {line} is not an age or SSH public key")]
    RecipientLine { path: PathBuf, line: usize },
    #[error("--encrypt-to {0}: the file names no key")]
    NoRecipients(PathBuf),
    #[error("--identity {path}: {reason}")]
    Identity { path: PathBuf, reason: String },
    #[error("cannot encrypt: {0}")]
    Encrypt(String),
    #[error("{0}")]
    Decrypt(String),
}

/// Whom the files are encrypted to.
pub(crate) struct Recipients(Vec<Box<dyn age::Recipient + Send + Sync>>);

impl std::fmt::Debug for Recipients {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Recipients({})", self.0.len())
    }
}

fn one_key(text: &str) -> Option<Box<dyn age::Recipient + Send + Sync>> {
    if let Ok(r) = age::x25519::Recipient::from_str(text) {
        return Some(Box::new(r));
    }
    age::ssh::Recipient::from_str(text).ok().map(|r| Box::new(r) as Box<dyn age::Recipient + Send + Sync>)
}

impl Recipients {
    /// Each `--encrypt-to`: a key, or a file of keys.
    pub(crate) fn parse(given: &[String]) -> Result<Recipients, SealedError> {
        let mut keys = Vec::new();
        for g in given {
            if let Some(key) = one_key(g.trim()) {
                keys.push(key);
                continue;
            }
            let path = Path::new(g);
            let text = std::fs::read_to_string(path).map_err(|_| SealedError::Recipient(g.clone()))?;
            let before = keys.len();
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let key = one_key(line).ok_or(SealedError::RecipientLine { path: path.into(), line: i + 1 })?;
                keys.push(key);
            }
            if keys.len() == before {
                return Err(SealedError::NoRecipients(path.into()));
            }
        }
        Ok(Recipients(keys))
    }

    /// `plain` as an age file (binary), encrypted in memory.
    pub(crate) fn encrypt(&self, plain: &[u8]) -> Result<Vec<u8>, SealedError> {
        let recipients = self.0.iter().map(|r| r.as_ref() as &dyn age::Recipient);
        let encryptor = age::Encryptor::with_recipients(recipients).map_err(|e| SealedError::Encrypt(e.to_string()))?;
        let mut out = Vec::with_capacity(plain.len() + 256);
        let mut w = encryptor.wrap_output(&mut out).map_err(|e| SealedError::Encrypt(e.to_string()))?;
        w.write_all(plain).and_then(|()| w.finish().map(drop)).map_err(|e| SealedError::Encrypt(e.to_string()))?;
        Ok(out)
    }
}

/// The keys `send --identity` opens age files with.
pub(crate) struct Identities(Vec<Box<dyn age::Identity>>);

impl Identities {
    /// An age identity file, or an unencrypted SSH private key.
    pub(crate) fn read(path: &Path) -> Result<Identities, SealedError> {
        let err = |reason: String| SealedError::Identity { path: path.to_path_buf(), reason };
        let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
        if let Ok(file) = age::IdentityFile::from_buffer(&bytes[..])
            && let Ok(ids) = file.into_identities()
            && !ids.is_empty()
        {
            return Ok(Identities(ids));
        }
        match age::ssh::Identity::from_buffer(&bytes[..], Some(path.display().to_string())) {
            Ok(id @ age::ssh::Identity::Unencrypted(_)) => Ok(Identities(vec![Box::new(id)])),
            Ok(age::ssh::Identity::Encrypted(_)) => Err(err(
                "a passphrase-protected SSH key: use an age key, or a copy of the key without passphrase".into(),
            )),
            _ => Err(err("not an age identity file (age-keygen) nor an SSH private key".into())),
        }
    }

    /// The plaintext of an age file, in memory only.
    pub(crate) fn decrypt(&self, sealed: &[u8]) -> Result<Vec<u8>, SealedError> {
        let wrong = |e: age::DecryptError| SealedError::Decrypt(format!("cannot decrypt: {e}"));
        let decryptor = age::Decryptor::new(sealed).map_err(wrong)?;
        let mut r = decryptor.decrypt(self.0.iter().map(|i| i.as_ref())).map_err(wrong)?;
        let mut out = Vec::new();
        r.read_to_end(&mut out).map_err(|e| SealedError::Decrypt(format!("cannot decrypt: {e}")))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_encrypted_to_a_key_opens_with_its_identity_only() {
        let key = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let recipients = Recipients::parse(&[key.to_public().to_string()]).unwrap();
        let sealed = recipients.encrypt(b"secret").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        let dir = tempfile::tempdir().unwrap();
        let write_key = |name: &str, id: &age::x25519::Identity| {
            use age::secrecy::ExposeSecret;
            std::fs::write(dir.path().join(name), format!("{}\n", id.to_string().expose_secret())).unwrap();
            Identities::read(&dir.path().join(name)).unwrap()
        };
        assert_eq!(write_key("key.txt", &key).decrypt(&sealed).unwrap(), b"secret");
        assert!(write_key("other.txt", &other).decrypt(&sealed).is_err());
    }

    #[test]
    fn recipients_come_from_keys_and_files_of_keys() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys.txt");
        let key = age::x25519::Identity::generate().to_public().to_string();
        std::fs::write(&file, format!("# team\n{key}\n\n")).unwrap();
        assert_eq!(Recipients::parse(&[file.display().to_string()]).unwrap().0.len(), 1);
        assert!(matches!(Recipients::parse(&["age1nope".into()]), Err(SealedError::Recipient(_))));
        std::fs::write(&file, "nope\n").unwrap();
        assert!(matches!(Recipients::parse(&[file.display().to_string()]), Err(SealedError::RecipientLine { .. })));
    }

    /// A throw-away key made for this test with `ssh-keygen -t ed25519`.
    const SSH_PUBLIC: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIMldu/aCHrzt2pojxRtpaZ0noJzNENZMNAegnzm4owO";
    const SSH_PRIVATE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACCDJXbv2gh687dqaI8UbaWmdJ6CczRDWTDQHoJ85uKMDgAAAIj7EOq5+xDq\nuQAAAAtzc2gtZWQyNTUxOQAAACCDJXbv2gh687dqaI8UbaWmdJ6CczRDWTDQHoJ85uKMDg\nAAAECQ+3bN1Pendu3W0s/mBpgqdcnPgXPAie6YvMYMWCtAQYMldu/aCHrzt2pojxRtpaZ0\nnoJzNENZMNAegnzm4owOAAAAAAECAwQF\n-----END OPENSSH PRIVATE KEY-----\n";

    #[test]
    fn an_ssh_ed25519_key_is_a_recipient_and_its_private_key_an_identity() {
        let sealed = Recipients::parse(&[SSH_PUBLIC.into()]).unwrap().encrypt(b"secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("id_ed25519");
        std::fs::write(&key, SSH_PRIVATE).unwrap();
        assert_eq!(Identities::read(&key).unwrap().decrypt(&sealed).unwrap(), b"secret");
    }
}
