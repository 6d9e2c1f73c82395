//! age files (age-encryption.org/v1): the credential files and sign-on mail
//! of `apply --encrypt-to`, readable only with a matching key. Recipients
//! are age X25519 public keys (`age1…`) or SSH public keys (`ssh-ed25519`,
//! `ssh-rsa`), given as they are or in a file of them (one a line, `#`
//! comments, as `age -R` reads); identities are an age key file
//! (`age-keygen`'s) or an unencrypted SSH private key.

use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SealedError {
    #[error("--identity {path}: {reason}")]
    Identity { path: PathBuf, reason: String },
    #[error("{0}")]
    Decrypt(String),
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
        use std::io::Write;
        let key = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let public = key.to_public();
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&public as &dyn age::Recipient)).unwrap();
        let mut sealed = Vec::new();
        let mut w = encryptor.wrap_output(&mut sealed).unwrap();
        w.write_all(b"secret").unwrap();
        w.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let write_key = |name: &str, id: &age::x25519::Identity| {
            use age::secrecy::ExposeSecret;
            std::fs::write(dir.path().join(name), format!("{}\n", id.to_string().expose_secret())).unwrap();
            Identities::read(&dir.path().join(name)).unwrap()
        };
        assert_eq!(write_key("key.txt", &key).decrypt(&sealed).unwrap(), b"secret");
        assert!(write_key("other.txt", &other).decrypt(&sealed).is_err());
    }
}
