//! The server's secret keys, kept in a file outside the database: sealing (AES-256-GCM) of the
//! secrets that must be read back (authenticator keys, recovery codes to view again) and keyed
//! hashes (HMAC-SHA256) of those that only need comparing (sent codes, recovery-code lookup).
//!
//! The key file holds one key per line as 64 hex digits; the first line is the current key,
//! the others are older keys still accepted while what they sealed is re-sealed at start
//! (see `db::reseal`). Lines starting with `#` are comments.

use std::io::Write;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use data_encoding::{HEXLOWER, HEXLOWER_PERMISSIVE};
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;

use crate::error::{AppError, AppResult};

/// Prefix of a sealed value: `v1.<key id>.<base64url of nonce and ciphertext>`.
const SEALED_PREFIX: &str = "v1.";

/// One key, split into an encryption key and a hashing key so neither use weakens the other.
struct Key {
    id: String,
    cipher: Aes256Gcm,
    mac: Vec<u8>,
}

impl Key {
    fn new(master: &[u8; 32]) -> Key {
        let derive = |label: &str| hmac(master, &[label.as_bytes()]);
        let id = crate::crypto::sha256_hex(&HEXLOWER.encode(&derive("mfa-server key id")))[..8].to_string();
        let cipher = Aes256Gcm::new_from_slice(&derive("mfa-server sealing")).expect("a 32-byte key");
        Key {
            id,
            cipher,
            mac: derive("mfa-server keyed hash"),
        }
    }
}

/// HMAC-SHA256 of the concatenated `parts`.
fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// A 32-byte key from 64 hex digits of either case.
fn unhex(text: &str) -> Option<[u8; 32]> {
    HEXLOWER_PERMISSIVE.decode(text.as_bytes()).ok()?.try_into().ok()
}

/// The current key and the older ones still accepted.
pub struct Keys {
    current: Key,
    older: Vec<Key>,
}

impl Keys {
    /// Reads the key file, creating it (readable by its owner only) with a new random key when
    /// it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Keys, String> {
        if !path.exists() {
            let mut master = [0u8; 32];
            OsRng.fill_bytes(&mut master);
            write_new_key_file(path, &master).map_err(|e| format!("cannot create key file {}: {e}", path.display()))?;
        }
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read key file {}: {e}", path.display()))?;
        Keys::parse(&text).map_err(|why| format!("key file {}: {why}", path.display()))
    }

    /// Parses the key file's text.
    pub fn parse(text: &str) -> Result<Keys, String> {
        let mut keys = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                unhex(l)
                    .map(|m| Key::new(&m))
                    .ok_or("each key is 64 hex digits on its own line")
            });
        let current = keys.next().ok_or("no key")??;
        let older = keys.collect::<Result<_, _>>()?;
        Ok(Keys { current, older })
    }

    /// Seals `plain` for the place named by `context` (a value sealed for one user's row does
    /// not open in another's).
    pub fn seal(&self, context: &str, plain: &str) -> String {
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .current
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("AES-GCM sealing of a short secret cannot fail");
        let mut blob = nonce.to_vec();
        blob.extend(sealed);
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(blob);
        format!("{SEALED_PREFIX}{}.{b64}", self.current.id)
    }

    /// Opens a value sealed by [`Keys::seal`] with the same context, under any known key.
    pub fn open(&self, context: &str, sealed: &str) -> AppResult<String> {
        let broken = || AppError::Internal("a sealed value does not open with the server's keys".into());
        let rest = sealed.strip_prefix(SEALED_PREFIX).ok_or_else(broken)?;
        let (id, b64) = rest.split_once('.').ok_or_else(broken)?;
        let key = std::iter::once(&self.current)
            .chain(&self.older)
            .find(|k| k.id == id)
            .ok_or_else(broken)?;
        let blob = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(b64)
            .map_err(|_| broken())?;
        if blob.len() < 12 {
            return Err(broken());
        }
        let (nonce, ciphertext) = blob.split_at(12);
        let plain = key
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| broken())?;
        String::from_utf8(plain).map_err(|_| broken())
    }

    /// Whether `stored` is sealed under the current key (false for plain text from before
    /// sealing, and for values under an older key).
    pub fn is_current(&self, stored: &str) -> bool {
        stored
            .strip_prefix(SEALED_PREFIX)
            .and_then(|rest| rest.split_once('.'))
            .is_some_and(|(id, _)| id == self.current.id)
    }

    /// Whether the file lists older keys, whose keyed hashes no longer match.
    pub fn has_older(&self) -> bool {
        !self.older.is_empty()
    }

    /// Keyed hash (hex HMAC-SHA256 under the current key) of `value` for `context`.
    pub fn hash(&self, context: &str, value: &str) -> String {
        HEXLOWER.encode(&hmac(&self.current.mac, &[context.as_bytes(), &[0], value.as_bytes()]))
    }
}

#[cfg(unix)]
fn write_new_key_file(path: &Path, master: &[u8; 32]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    writeln!(file, "{}", HEXLOWER.encode(master))
}

#[cfg(not(unix))]
fn write_new_key_file(path: &Path, master: &[u8; 32]) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    writeln!(file, "{}", HEXLOWER.encode(master))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const B: &str = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    #[test]
    fn sealed_values_open_only_in_their_context_and_under_a_known_key() {
        let keys = Keys::parse(A).unwrap();
        let sealed = keys.seal("totp:1", "JBSWY3DPEHPK3PXP");
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            keys.seal("totp:1", "JBSWY3DPEHPK3PXP"),
            "a fresh nonce each time"
        );
        assert_eq!(keys.open("totp:1", &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(keys.open("totp:2", &sealed).is_err());
        assert!(keys.is_current(&sealed));
        assert!(!keys.is_current("JBSWY3DPEHPK3PXP"));
        let rotated = Keys::parse(&format!("# new key first\n{B}\n{A}\n")).unwrap();
        assert!(rotated.has_older());
        assert_eq!(rotated.open("totp:1", &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(!rotated.is_current(&sealed));
        assert!(Keys::parse(B).unwrap().open("totp:1", &sealed).is_err());
        let mut tampered = sealed.clone();
        tampered.pop();
        assert!(keys.open("totp:1", &tampered).is_err());
    }

    #[test]
    fn keyed_hashes_depend_on_key_and_context() {
        let (a, b) = (Keys::parse(A).unwrap(), Keys::parse(B).unwrap());
        assert_eq!(a.hash("code", "123456"), a.hash("code", "123456"));
        assert_ne!(a.hash("code", "123456"), b.hash("code", "123456"));
        assert_ne!(a.hash("code", "123456"), a.hash("other", "123456"));
        assert_ne!(a.hash("code", "123456"), crate::crypto::sha256_hex("123456"));
    }

    #[test]
    fn bad_key_files_are_refused() {
        assert!(Keys::parse("").is_err());
        assert!(Keys::parse("abc").is_err());
        assert!(Keys::parse(&format!("{A}\nnot hex")).is_err());
    }
}
