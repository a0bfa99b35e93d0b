//! Random tokens, hashing (SHA-256 for high-entropy tokens, argon2id for passwords, run a
//! bounded number at a time), base32, recovery-code and UUID generation.

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::Engine;
use data_encoding::BASE32_NOPAD;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use subtle::ConstantTimeEq;
use tokio::sync::oneshot;

use crate::error::{AppError, AppResult};

/// A random 256-bit bearer token or session state, URL-safe base64 without padding.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Lower-case hex SHA-256 of a string: how bearer tokens and sign-in states (256 random bits
/// each, so no key is needed) are stored.
pub fn sha256_hex(input: &str) -> String {
    format!("{:x}", Sha256::digest(input.as_bytes()))
}

/// Base64 of the SHA-256 of some bytes: the form a CSP hash source takes.
pub fn sha256_base64(input: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(input))
}

/// Constant-time comparison of two byte strings (their lengths are not secret).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// Argon2id with the OWASP minimum parameters (19 MiB, 2 passes): for passwords.
fn password_hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

fn hash_with(hasher: &Argon2<'_>, secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher
        .hash_password(secret.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

/// PHC string of an argon2id hash of a password.
pub fn hash_password(password: &str) -> String {
    hash_with(&password_hasher(), password)
}

/// Checks a secret against a PHC string; the parameters come from the string itself. The
/// memory blocks (19 MiB for a password) are this thread's own, kept between checks: freeing
/// and allocating them for every check grows the allocator's heap under a burst (measured in
/// BENCHMARKS.md), while one set per hashing thread keeps memory at
/// [`hashing_bound`] × 19 MiB.
pub fn verify_hash(secret: &str, phc: &str) -> bool {
    thread_local! {
        static BLOCKS: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(parsed.algorithm), Params::try_from(&parsed)) else {
        return false;
    };
    let version = parsed.version.map_or(Ok(Version::V0x13), Version::try_from);
    let (Ok(version), mut salt_bytes) = (version, [0u8; 64]) else {
        return false;
    };
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    let hasher = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    let hashed = BLOCKS.with(|memory| {
        let mut memory = memory.borrow_mut();
        memory.resize(blocks, Block::default());
        hasher.hash_password_into_with_memory(secret.as_bytes(), salt, &mut out, &mut memory[..blocks])
    });
    hashed.is_ok() && ct_eq(&out, expected.as_bytes())
}

/// How many argon2 hashes run at once: one per core. Each takes 19 MiB and a core for tens of
/// milliseconds, so a burst of sign-ins queues instead of taking memory without bound.
pub fn hashing_bound() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

type HashJob = Box<dyn FnOnce() + Send>;

static HASHING: OnceLock<mpsc::Sender<HashJob>> = OnceLock::new();
static HASHING_NOW: AtomicUsize = AtomicUsize::new(0);
static HASHING_PEAK: AtomicUsize = AtomicUsize::new(0);

/// The queue of the [`hashing_bound`] threads that run every argon2 hash. Long-lived threads
/// rather than the blocking pool: each keeps one 19 MiB block in its allocator's arena after a
/// hash, so the memory a burst leaves behind is bounded by their number as well.
fn hashing_queue() -> &'static mpsc::Sender<HashJob> {
    HASHING.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<HashJob>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..hashing_bound() {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a hashing thread");
            }
        }
        tx
    })
}

/// The most argon2 hashes that ran at the same time since the start (for load tests).
pub fn hashing_peak() -> usize {
    HASHING_PEAK.load(Ordering::Relaxed)
}

/// Runs argon2 `work` on one of the [`hashing_bound`] hashing threads, once one is free.
pub async fn bounded_hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let (tx, rx) = oneshot::channel();
    let job: HashJob = Box::new(move || {
        let running = HASHING_NOW.fetch_add(1, Ordering::SeqCst) + 1;
        HASHING_PEAK.fetch_max(running, Ordering::SeqCst);
        let out = work();
        HASHING_NOW.fetch_sub(1, Ordering::SeqCst);
        let _ = tx.send(out);
    });
    let stopped = || AppError::Internal("the hashing threads stopped".into());
    hashing_queue().send(job).map_err(|_| stopped())?;
    rx.await.map_err(|_| stopped())
}

/// A hash of a password nobody has, verified when the email is unknown so that a sign-in
/// with an unknown email costs as much time as one with a wrong password.
pub fn dummy_password_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no such user: dummy password"))
}

/// A random 160-bit TOTP secret.
pub fn random_totp_secret() -> Vec<u8> {
    let mut bytes = vec![0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

/// A uniformly random 6-digit code, zero-padded.
pub fn random_digits6() -> String {
    format!("{:06}", OsRng.gen_range(0..1_000_000u32))
}

/// Alphabet of recovery codes: 32 lower-case symbols, digits 2-9 and letters without `l` and `o`.
/// Codes are shown in lower case, so neither `0`/`O` nor `1`/`l`/`I` can be confused; a typed
/// upper-case letter is accepted and lower-cased.
pub const RECOVERY_ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyz";

/// Symbols per recovery code: 10 symbols of 5 bits each, 50 bits of entropy.
pub const RECOVERY_SYMBOLS: usize = 10;

/// Generates one recovery code, grouped 5-5.
pub fn random_recovery_code() -> String {
    let mut out = String::with_capacity(11);
    for i in 0..RECOVERY_SYMBOLS {
        if i == 5 {
            out.push('-');
        }
        let idx = OsRng.gen_range(0..RECOVERY_ALPHABET.len());
        out.push(RECOVERY_ALPHABET[idx] as char);
    }
    out
}

/// Normalises a typed recovery code: drops dashes and spaces, lower-cases, and regroups 5-5.
/// Returns `None` when what remains is not 10 symbols of the alphabet.
pub fn normalise_recovery_code(input: &str) -> Option<String> {
    let cleaned: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if cleaned.len() != RECOVERY_SYMBOLS || !cleaned.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
        return None;
    }
    Some(format!("{}-{}", &cleaned[..5], &cleaned[5..]))
}

/// A random version-4 UUID in its usual text form.
pub fn random_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// RFC 4648 base32 without padding.
pub fn base32_encode(data: &[u8]) -> String {
    BASE32_NOPAD.encode(data)
}

/// RFC 4648 base32 decoding; case, spaces, dashes and padding are ignored (as people type
/// authenticator keys).
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '=' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    BASE32_NOPAD.decode(cleaned.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trip_and_rfc_vector() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw6ytboi======").unwrap(), b"foobar");
        let secret = random_totp_secret();
        assert_eq!(base32_encode(&secret).len(), 32);
        assert_eq!(base32_decode(&base32_encode(&secret)).unwrap(), secret);
        assert!(base32_decode("not base32!").is_none());
        assert_eq!(base32_decode("MZXW-6YTB OI").unwrap(), b"foobar");
    }

    #[test]
    fn recovery_codes_are_grouped_and_normalise() {
        let code = random_recovery_code();
        assert_eq!(code.len(), 11);
        assert_eq!(&code[5..6], "-");
        assert!(!code.contains(['0', 'o', '1', 'l', 'O', 'I']));
        assert_eq!(
            normalise_recovery_code(&code.to_uppercase().replace('-', "")),
            Some(code)
        );
        assert_eq!(normalise_recovery_code("abcde-fghjk1"), None);
        assert_eq!(RECOVERY_ALPHABET.len(), 32);
        assert!((RECOVERY_ALPHABET.len() as f64).log2() * RECOVERY_SYMBOLS as f64 >= 50.0);
    }

    #[test]
    fn uuid_shape() {
        let u = random_uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(u, random_uuid());
    }

    #[test]
    fn hashes_verify() {
        let h = hash_password("abcde-fghjk");
        assert!(verify_hash("abcde-fghjk", &h));
        assert!(!verify_hash("abcde-fghjm", &h));
        assert!(!verify_hash("x", "not a phc string"));
    }
}
