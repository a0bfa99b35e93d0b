//! The SQLite store: opening and migrating the file, and every SQL statement of the server.
//! One connection behind a mutex; each request's reads and writes run as one closure on a
//! blocking thread, so a check and its update cannot interleave with another request's.

use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::error::{AppError, AppResult};
use crate::factor::{Channel, Method, Purpose, WizardKind, Workflow};
use crate::keys::Keys;

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    email                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash         TEXT NOT NULL,
    first_name            TEXT NOT NULL DEFAULT '',
    last_name             TEXT NOT NULL DEFAULT '',
    created_at            INTEGER NOT NULL,
    default_method        TEXT CHECK (default_method IN ('sms', 'totp')),
    totp_secret           TEXT,     -- base32, sealed (migration 2); set once verified
    totp_pending_secret   TEXT,     -- base32, sealed (migration 2); waiting for the first code
    totp_enabled_at       INTEGER,
    totp_last_step        INTEGER,  -- last accepted time step: no code works twice
    sms_phone             TEXT,     -- E.164; set once verified
    sms_pending_phone     TEXT,
    sms_enabled_at        INTEGER,
    otp_last_used_at      INTEGER,
    recovery_generated_at INTEGER
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,      -- SHA-256 of the bearer token
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE otp_sessions (
    state_hash TEXT PRIMARY KEY,      -- SHA-256 of the half-signed-in state (or B2Core uuid)
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE TABLE sent_codes (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,         -- flow[/instance]: enable, account, signin/<state hash>, wizard:<kind>/<uuid>
    recipient  TEXT NOT NULL,         -- E.164 phone or email address
    code_hash  TEXT NOT NULL,         -- keyed hash of purpose and digits (SHA-256 before migration 2)
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX sent_codes_user ON sent_codes (user_id, purpose);
CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code      TEXT NOT NULL,          -- see crate::mfa::store_recovery_codes for why
    code_hash TEXT NOT NULL,          -- argon2id PHC string
    used_at   INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
CREATE TABLE failures (
    key TEXT NOT NULL,                -- factor:user id, or password:email
    at  INTEGER NOT NULL
);
CREATE INDEX failures_key ON failures (key, at);
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    phone      TEXT NOT NULL,         -- recipient: E.164 phone, or email address for email
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    channel    TEXT NOT NULL DEFAULT 'sms'
);
CREATE TABLE wizards (
    uuid       TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,         -- google_enable, sms_enable, google_disable, sms_disable
    step       TEXT NOT NULL,         -- the workflow the client was told
    secret     TEXT,                  -- sealed authenticator secret (migration 2)
    phone      TEXT,
    expires_at INTEGER NOT NULL
);
"#,
    r#"
-- Nothing readable is stored any more: recovery codes keep a keyed hash (for sign-in) and a
-- sealed copy (for viewing), sealed with the key outside the database; `reseal` converts the
-- plain codes of version 1, marked `plain:` here, and the plain authenticator secrets.
CREATE TABLE recovery_codes_sealed (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,        -- keyed hash (crate::keys::Keys::hash) of the code
    code_sealed TEXT NOT NULL,        -- the code sealed with AES-256-GCM
    used_at     INTEGER
);
INSERT INTO recovery_codes_sealed (id, user_id, code_hash, code_sealed, used_at)
    SELECT id, user_id, '', 'plain:' || code, used_at FROM recovery_codes;
DROP TABLE recovery_codes;
ALTER TABLE recovery_codes_sealed RENAME TO recovery_codes;
CREATE INDEX recovery_codes_user ON recovery_codes (user_id, code_hash);
-- Sent codes were unsalted SHA-256 hashes of six digits: retire the live ones.
UPDATE sent_codes SET used_at = created_at WHERE used_at IS NULL;
"#,
    r#"
-- The idle time-out: a session unused for too long ends before its absolute expiry.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
-- Wrong second-factor codes in a row, whatever the window: the long-term cap.
ALTER TABLE users ADD COLUMN mfa_failures INTEGER NOT NULL DEFAULT 0;
"#,
    r#"
-- Codes sent to a number being set up (1), as against the number on file of the user who asked
-- (0): only the former share the per-number cap, which other accounts can spend.
ALTER TABLE sent_codes ADD COLUMN set_up INTEGER NOT NULL DEFAULT 0;
"#,
    r#"
-- Wrong passwords in a row per account, from every address: for every email asked about, an
-- account or not, so that the answers say nothing of which exist (see crate::mfa).
CREATE TABLE password_failures (
    email   TEXT PRIMARY KEY,
    count   INTEGER NOT NULL,
    last_at INTEGER NOT NULL
);
-- The addresses each account was signed in from with its password: they are not held by the
-- account-wide wait, so strangers cannot lock the owner out.
CREATE TABLE sign_in_addresses (
    email   TEXT NOT NULL,
    address TEXT NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (email, address)
);
"#,
    r#"
-- Old runs and addresses are forgotten at every sign-in: by an index, not a read of the table.
CREATE INDEX password_failures_last_at ON password_failures (last_at);
CREATE INDEX sign_in_addresses_last_at ON sign_in_addresses (last_at);
"#,
];

/// Shared handle to the database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    keys: Arc<Keys>,
}

/// The connection inside one transaction, with the keys that seal and hash what is stored.
pub struct Tx<'a> {
    pub(crate) conn: &'a Connection,
    pub keys: &'a Keys,
}

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Db {
    /// Opens (creating the parent directory and the file if needed) and migrates the database,
    /// then seals what an older version or an older key left (see [`reseal`]).
    pub fn open(path: &Path, keys: Keys) -> Result<Db, String> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create directory {}: {e}", parent.display()))?;
        }
        let mut conn = Connection::open(path).map_err(|e| format!("cannot open database {}: {e}", path.display()))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
            .and_then(|_| migrate(&mut conn))
            .map_err(|e| format!("cannot write database {}: {e}", path.display()))?;
        let tx = conn.unchecked_transaction().map_err(|e| e.to_string())?;
        reseal(&Tx { conn: &tx, keys: &keys }).map_err(|e| format!("cannot seal stored secrets: {e}"))?;
        tx.commit().map_err(|e| e.to_string())?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
            keys: Arc::new(keys),
        })
    }

    /// Runs `f` with the connection on a blocking thread, as one transaction: whatever `f` reads
    /// (the user row, the last TOTP step, the failure count) cannot change before its writes.
    /// A refused request (a wrong code, 429) commits too, so the failure it recorded counts;
    /// only a broken one (500) is rolled back, and so is one that panics (the transaction rolls
    /// back as it is dropped while unwinding).
    pub async fn call<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Tx) -> AppResult<T> + Send + 'static,
    {
        let (conn, keys) = (self.conn.clone(), self.keys.clone());
        tokio::task::spawn_blocking(move || {
            // A panic of an earlier call poisons the mutex, but its transaction rolled back as
            // it unwound: the connection is as clean as the last commit left it.
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let tx = guard.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let result = f(&Tx { conn: &tx, keys: &keys });
            if !matches!(result, Err(AppError::Internal(_))) {
                tx.commit()?;
            }
            result
        })
        .await?
    }
}

fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Where a sealed authenticator secret belongs: the context it is sealed for.
pub fn totp_context(user: i64) -> String {
    format!("totp:{user}")
}

/// Where a sealed recovery code belongs.
pub fn recovery_context(user: i64) -> String {
    format!("recovery:{user}")
}

/// Seals what is stored readable: authenticator secrets and recovery codes from before
/// migration 2, and values sealed under an older key of the key file (rotation). Sent codes
/// hashed under an older key are retired: they live ten minutes and can be sent again.
fn reseal(c: &Tx) -> AppResult<()> {
    let stale = |v: &Option<String>| v.as_deref().is_some_and(|v| !c.keys.is_current(v));
    let reseal_totp = |user: i64, stored: &str| -> AppResult<String> {
        let ctx = totp_context(user);
        let plain = if stored.starts_with("v1.") {
            c.keys.open(&ctx, stored)?
        } else {
            stored.to_string()
        };
        Ok(c.keys.seal(&ctx, &plain))
    };
    let users: Vec<(i64, Option<String>, Option<String>)> = c
        .prepare("SELECT id, totp_secret, totp_pending_secret FROM users")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, secret, pending) in users {
        if stale(&secret) || stale(&pending) {
            let secret = secret.map(|v| reseal_totp(id, &v)).transpose()?;
            let pending = pending.map(|v| reseal_totp(id, &v)).transpose()?;
            c.execute(
                "UPDATE users SET totp_secret = ?2, totp_pending_secret = ?3 WHERE id = ?1",
                params![id, secret, pending],
            )?;
        }
    }
    let wizards: Vec<(String, i64, Option<String>)> = c
        .prepare("SELECT uuid, user_id, secret FROM wizards")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (uuid, user, secret) in wizards {
        if let Some(secret) = secret.filter(|v| !c.keys.is_current(v)) {
            let sealed = reseal_totp(user, &secret)?;
            c.execute("UPDATE wizards SET secret = ?2 WHERE uuid = ?1", params![uuid, sealed])?;
        }
    }
    let codes: Vec<(i64, i64, String)> = c
        .prepare("SELECT id, user_id, code_sealed FROM recovery_codes")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, user, stored) in codes.into_iter().filter(|(_, _, v)| !c.keys.is_current(v)) {
        let ctx = recovery_context(user);
        let code = match stored.strip_prefix("plain:") {
            Some(plain) => plain.to_string(),
            None => c.keys.open(&ctx, &stored)?,
        };
        c.execute(
            "UPDATE recovery_codes SET code_hash = ?2, code_sealed = ?3 WHERE id = ?1",
            params![id, c.keys.hash(&ctx, &code), c.keys.seal(&ctx, &code)],
        )?;
    }
    if c.keys.has_older() {
        c.execute("UPDATE sent_codes SET used_at = created_at WHERE used_at IS NULL", [])?;
    }
    Ok(())
}

/// Applies the schema to a fresh connection (unit tests of other modules).
#[cfg(test)]
pub fn migrate_for_tests(conn: &mut Connection) {
    migrate(conn).expect("schema applies");
}

/// A user row with everything about their factors.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    pub default_method: Option<Method>,
    pub totp_secret: Option<String>,
    pub totp_pending_secret: Option<String>,
    pub totp_enabled_at: Option<i64>,
    pub totp_last_step: Option<i64>,
    pub sms_phone: Option<String>,
    pub sms_pending_phone: Option<String>,
    pub sms_enabled_at: Option<i64>,
    pub otp_last_used_at: Option<i64>,
    pub recovery_generated_at: Option<i64>,
}

impl User {
    pub fn totp_enabled(&self) -> bool {
        self.totp_secret.is_some()
    }
    pub fn sms_enabled(&self) -> bool {
        self.sms_phone.is_some()
    }
    pub fn mfa_enabled(&self) -> bool {
        self.totp_enabled() || self.sms_enabled()
    }
    /// Enabled methods, the default one first.
    pub fn methods(&self) -> Vec<Method> {
        let mut m = Vec::new();
        if self.totp_enabled() {
            m.push(Method::Totp);
        }
        if self.sms_enabled() {
            m.push(Method::Sms);
        }
        if self.default_method == Some(Method::Sms) {
            m.reverse();
        }
        m
    }
    /// The method a sign-in asks for first: the default, or else the first enabled one.
    pub fn preferred_method(&self) -> Option<Method> {
        self.default_method.or_else(|| self.methods().first().copied())
    }
    pub fn has(&self, method: Method) -> bool {
        match method {
            Method::Totp => self.totp_enabled(),
            Method::Sms => self.sms_enabled(),
        }
    }
}

const USER_COLUMNS: &str = "id, email, password_hash, first_name, last_name, default_method, \
    totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step, sms_phone, \
    sms_pending_phone, sms_enabled_at, otp_last_used_at, recovery_generated_at";

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        email: r.get(1)?,
        password_hash: r.get(2)?,
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        default_method: r.get(5)?,
        totp_secret: r.get(6)?,
        totp_pending_secret: r.get(7)?,
        totp_enabled_at: r.get(8)?,
        totp_last_step: r.get(9)?,
        sms_phone: r.get(10)?,
        sms_pending_phone: r.get(11)?,
        sms_enabled_at: r.get(12)?,
        otp_last_used_at: r.get(13)?,
        recovery_generated_at: r.get(14)?,
    })
}

// ---- users ----

pub fn user_by_id(c: &Connection, id: i64) -> AppResult<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1");
    Ok(c.query_row(&sql, [id], user_from_row).optional()?)
}

pub fn user_by_email(c: &Connection, email: &str) -> AppResult<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?1");
    Ok(c.query_row(&sql, [email], user_from_row).optional()?)
}

/// Inserts a user; `None` when the email is taken.
pub fn insert_user(
    c: &Connection,
    email: &str,
    password_hash: &str,
    first: &str,
    last: &str,
    now: i64,
) -> AppResult<Option<i64>> {
    let n = c.execute(
        "INSERT INTO users (email, password_hash, first_name, last_name, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (email) DO NOTHING",
        params![email, password_hash, first, last, now],
    )?;
    Ok((n == 1).then(|| c.last_insert_rowid()))
}

pub fn set_default_method(c: &Connection, user: i64, method: Option<Method>) -> AppResult<()> {
    c.execute(
        "UPDATE users SET default_method = ?2 WHERE id = ?1",
        params![user, method],
    )?;
    Ok(())
}

/// Stores a pending authenticator secret; false when the authenticator is on already.
pub fn set_totp_pending(c: &Connection, user: i64, secret: &str) -> AppResult<bool> {
    let n = c.execute(
        "UPDATE users SET totp_pending_secret = ?2 WHERE id = ?1 AND totp_secret IS NULL",
        params![user, secret],
    )?;
    Ok(n == 1)
}

/// Makes `secret` the active authenticator secret, remembering the step that verified it.
pub fn activate_totp(c: &Connection, user: i64, secret: &str, step: i64, now: i64) -> AppResult<()> {
    c.execute(
        "UPDATE users SET totp_secret = ?2, totp_pending_secret = NULL, totp_enabled_at = ?4,
         totp_last_step = ?3, otp_last_used_at = ?4 WHERE id = ?1",
        params![user, secret, step, now],
    )?;
    Ok(())
}

/// Records an accepted TOTP step, only forwards: false when this step or a later one was
/// accepted already (the code is a replay).
pub fn record_totp_use(c: &Connection, user: i64, step: i64, now: i64) -> AppResult<bool> {
    let n = c.execute(
        "UPDATE users SET totp_last_step = ?2, otp_last_used_at = ?3
         WHERE id = ?1 AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?2)",
        params![user, step, now],
    )?;
    Ok(n == 1)
}

pub fn disable_totp(c: &Connection, user: i64) -> AppResult<()> {
    c.execute(
        "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL,
         totp_last_step = NULL WHERE id = ?1",
        [user],
    )?;
    Ok(())
}

pub fn set_sms_pending(c: &Connection, user: i64, phone: Option<&str>) -> AppResult<()> {
    c.execute(
        "UPDATE users SET sms_pending_phone = ?2 WHERE id = ?1",
        params![user, phone],
    )?;
    Ok(())
}

pub fn activate_sms(c: &Connection, user: i64, phone: &str, now: i64) -> AppResult<()> {
    c.execute(
        "UPDATE users SET sms_phone = ?2, sms_pending_phone = NULL, sms_enabled_at = ?3,
         otp_last_used_at = ?3 WHERE id = ?1",
        params![user, phone, now],
    )?;
    Ok(())
}

pub fn disable_sms(c: &Connection, user: i64) -> AppResult<()> {
    c.execute(
        "UPDATE users SET sms_phone = NULL, sms_pending_phone = NULL, sms_enabled_at = NULL
         WHERE id = ?1",
        [user],
    )?;
    Ok(())
}

pub fn touch_otp_used(c: &Connection, user: i64, now: i64) -> AppResult<()> {
    c.execute(
        "UPDATE users SET otp_last_used_at = ?2 WHERE id = ?1",
        params![user, now],
    )?;
    Ok(())
}

// ---- bearer sessions ----

pub fn insert_session(c: &Connection, token_hash: &str, user: i64, now: i64, ttl: i64) -> AppResult<()> {
    c.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
    c.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?3)",
        params![token_hash, user, now, now + ttl],
    )?;
    Ok(())
}

/// The user of a session that has neither expired nor been idle for `idle` seconds; the use
/// restarts its idle time-out.
pub fn use_session(c: &Connection, token_hash: &str, now: i64, idle: i64) -> AppResult<Option<i64>> {
    let user = c
        .query_row(
            "UPDATE sessions SET last_seen_at = ?2
             WHERE token_hash = ?1 AND expires_at > ?2 AND last_seen_at > ?2 - ?3 RETURNING user_id",
            params![token_hash, now, idle],
            |r| r.get(0),
        )
        .optional()?;
    Ok(user)
}

/// Ends every session of a user but the one with `keep` (a token hash).
pub fn end_other_sessions(c: &Connection, user: i64, keep: &str) -> AppResult<()> {
    c.execute(
        "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2",
        params![user, keep],
    )?;
    Ok(())
}

pub fn delete_session(c: &Connection, token_hash: &str) -> AppResult<()> {
    c.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

// ---- half-signed-in states (password checked, second factor pending) ----

pub fn insert_otp_session(c: &Connection, state_hash: &str, user: i64, expires_at: i64) -> AppResult<()> {
    c.execute("DELETE FROM otp_sessions WHERE expires_at <= ?1", [expires_at - 86_400])?;
    c.execute(
        "INSERT INTO otp_sessions (state_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
        params![state_hash, user, expires_at],
    )?;
    Ok(())
}

pub fn otp_session_user(c: &Connection, state_hash: &str, now: i64) -> AppResult<Option<i64>> {
    Ok(c.query_row(
        "SELECT user_id FROM otp_sessions WHERE state_hash = ?1 AND expires_at > ?2",
        params![state_hash, now],
        |r| r.get(0),
    )
    .optional()?)
}

pub fn delete_otp_session(c: &Connection, state_hash: &str) -> AppResult<()> {
    c.execute("DELETE FROM otp_sessions WHERE state_hash = ?1", [state_hash])?;
    Ok(())
}

// ---- codes sent by text message or email ----

/// When the last code of this flow (its purposes are the flow or `flow/...`) was sent to this
/// user, if ever.
pub fn last_code_sent_at(c: &Connection, user: i64, flow: &str) -> AppResult<Option<i64>> {
    Ok(c.query_row(
        "SELECT MAX(created_at) FROM sent_codes WHERE user_id = ?1
         AND (purpose = ?2 OR substr(purpose, 1, length(?2) + 1) = ?2 || '/')",
        params![user, flow],
        |r| r.get(0),
    )?)
}

/// How many codes were sent to this user since `since`, and when the first of them was.
pub fn codes_sent_by_user(c: &Connection, user: i64, since: i64) -> AppResult<(i64, Option<i64>)> {
    Ok(c.query_row(
        "SELECT COUNT(*), MIN(created_at) FROM sent_codes WHERE user_id = ?1 AND created_at > ?2",
        params![user, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// How many codes were sent to this phone number to set it up since `since`, whoever asked,
/// and when the first of them was.
pub fn set_up_codes_sent_to(c: &Connection, recipient: &str, since: i64) -> AppResult<(i64, Option<i64>)> {
    Ok(c.query_row(
        "SELECT COUNT(*), MIN(created_at) FROM sent_codes WHERE recipient = ?1 AND created_at > ?2 AND set_up = 1",
        params![recipient, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Stores a new code, retiring the unused older ones of the same purpose.
pub fn insert_code(
    c: &Connection,
    user: i64,
    purpose: &Purpose,
    recipient: &str,
    code_hash: &str,
    now: i64,
    ttl: i64,
) -> AppResult<()> {
    c.execute(
        "UPDATE sent_codes SET used_at = ?3 WHERE user_id = ?1 AND purpose = ?2 AND used_at IS NULL",
        params![user, purpose, now],
    )?;
    c.execute(
        "INSERT INTO sent_codes (user_id, purpose, recipient, code_hash, created_at, expires_at, set_up)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            user,
            purpose,
            recipient,
            code_hash,
            now,
            now + ttl,
            purpose.sets_up_number()
        ],
    )?;
    Ok(())
}

/// Marks a matching live code used and returns its recipient; `None` when no code matches.
pub fn consume_code(
    c: &Connection,
    user: i64,
    purpose: &Purpose,
    code_hash: &str,
    now: i64,
) -> AppResult<Option<String>> {
    let found: Option<(i64, String)> = c
        .query_row(
            "SELECT id, recipient FROM sent_codes WHERE user_id = ?1 AND purpose = ?2
             AND code_hash = ?3 AND used_at IS NULL AND expires_at > ?4",
            params![user, purpose, code_hash, now],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, recipient)) = found {
        c.execute("UPDATE sent_codes SET used_at = ?2 WHERE id = ?1", params![id, now])?;
        return Ok(Some(recipient));
    }
    Ok(None)
}

pub fn insert_outbox(c: &Connection, recipient: &str, body: &str, channel: Channel, now: i64) -> AppResult<()> {
    c.execute(
        "INSERT INTO outbox (phone, body, created_at, channel) VALUES (?1, ?2, ?3, ?4)",
        params![recipient, body, now, channel],
    )?;
    Ok(())
}

/// A message in the outbox.
pub struct OutboxMessage {
    pub phone: String,
    pub body: String,
    pub channel: Channel,
    pub created_at: i64,
}

pub fn list_outbox(c: &Connection, recipient: Option<&str>) -> AppResult<Vec<OutboxMessage>> {
    let mut stmt = c.prepare(
        "SELECT phone, body, channel, created_at FROM outbox
         WHERE ?1 IS NULL OR phone = ?1 ORDER BY id DESC LIMIT 200",
    )?;
    let rows = stmt.query_map([recipient], |r| {
        Ok(OutboxMessage {
            phone: r.get(0)?,
            body: r.get(1)?,
            channel: r.get(2)?,
            created_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- recovery codes ----

/// Replaces a user's recovery codes with `codes`: (keyed hash, sealed code) pairs.
pub fn replace_recovery_codes(c: &Connection, user: i64, codes: &[(String, String)], now: i64) -> AppResult<()> {
    c.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [user])?;
    let mut stmt = c.prepare("INSERT INTO recovery_codes (user_id, code_hash, code_sealed) VALUES (?1, ?2, ?3)")?;
    for (hash, sealed) in codes {
        stmt.execute(params![user, hash, sealed])?;
    }
    c.execute(
        "UPDATE users SET recovery_generated_at = ?2 WHERE id = ?1",
        params![user, now],
    )?;
    Ok(())
}

pub fn delete_recovery_codes(c: &Connection, user: i64) -> AppResult<()> {
    c.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [user])?;
    c.execute("UPDATE users SET recovery_generated_at = NULL WHERE id = ?1", [user])?;
    Ok(())
}

/// A user's codes, sealed, with when each was used.
pub fn recovery_codes(c: &Connection, user: i64) -> AppResult<Vec<(String, Option<i64>)>> {
    let mut stmt = c.prepare("SELECT code_sealed, used_at FROM recovery_codes WHERE user_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([user], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn recovery_codes_left(c: &Connection, user: i64) -> AppResult<i64> {
    Ok(c.query_row(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
        [user],
        |r| r.get(0),
    )?)
}

/// Marks the user's unused code with this keyed hash used; false when there is none.
pub fn use_recovery_code(c: &Connection, user: i64, code_hash: &str, now: i64) -> AppResult<bool> {
    let n = c.execute(
        "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
        params![user, code_hash, now],
    )?;
    Ok(n == 1)
}

// ---- failed attempts (rate limiting) ----

/// Number of failures for `key` since `since`, and the oldest of them.
pub fn failures_since(c: &Connection, key: &str, since: i64) -> AppResult<(i64, Option<i64>)> {
    Ok(c.query_row(
        "SELECT COUNT(*), MIN(at) FROM failures WHERE key = ?1 AND at > ?2",
        params![key, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Records a failure and forgets failures older than a day.
pub fn record_failure(c: &Connection, key: &str, now: i64) -> AppResult<()> {
    c.execute("DELETE FROM failures WHERE at < ?1", [now - 86_400])?;
    c.execute("INSERT INTO failures (key, at) VALUES (?1, ?2)", params![key, now])?;
    Ok(())
}

pub fn clear_failures(c: &Connection, key: &str) -> AppResult<()> {
    c.execute("DELETE FROM failures WHERE key = ?1", [key])?;
    Ok(())
}

/// Wrong second-factor codes in a row of a user.
pub fn consecutive_failures(c: &Connection, user: i64) -> AppResult<i64> {
    Ok(
        c.query_row("SELECT mfa_failures FROM users WHERE id = ?1", [user], |r| r.get(0))
            .optional()?
            .unwrap_or(0),
    )
}

pub fn count_consecutive_failure(c: &Connection, user: i64) -> AppResult<()> {
    c.execute("UPDATE users SET mfa_failures = mfa_failures + 1 WHERE id = ?1", [user])?;
    Ok(())
}

pub fn reset_consecutive_failures(c: &Connection, user: i64) -> AppResult<()> {
    c.execute("UPDATE users SET mfa_failures = 0 WHERE id = ?1", [user])?;
    Ok(())
}

// ---- wrong passwords per account ----

/// Wrong passwords in a row for this email, and when the last of them was (0 when none).
pub fn password_failures(c: &Connection, email: &str) -> AppResult<(i64, i64)> {
    Ok(c.query_row(
        "SELECT count, last_at FROM password_failures WHERE email = ?1",
        [email],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .unwrap_or((0, 0)))
}

/// Forgets runs of wrong passwords that ended before ?1. Run at every wrong password, for any
/// email asked about, so the table grows with what strangers try: the index on `last_at` keeps it
/// from reading the whole table each time.
const FORGET_PASSWORD_FAILURES: &str = "DELETE FROM password_failures WHERE last_at < ?1";

/// Forgets the addresses unused since ?1; run at every sign-in with a password.
const FORGET_SIGN_IN_ADDRESSES: &str = "DELETE FROM sign_in_addresses WHERE last_at < ?1";

/// Counts a wrong password for this email, forgetting runs that ended 30 days ago.
pub fn count_password_failure(c: &Connection, email: &str, now: i64) -> AppResult<()> {
    c.execute(FORGET_PASSWORD_FAILURES, [now - 30 * 86_400])?;
    c.execute(
        "INSERT INTO password_failures (email, count, last_at) VALUES (?1, 1, ?2)
         ON CONFLICT (email) DO UPDATE SET count = count + 1, last_at = ?2",
        params![email, now],
    )?;
    Ok(())
}

pub fn reset_password_failures(c: &Connection, email: &str) -> AppResult<()> {
    c.execute("DELETE FROM password_failures WHERE email = ?1", [email])?;
    Ok(())
}

/// Remembers that the account of `email` was signed in from `address`, forgetting addresses
/// unused since `forget_before`.
pub fn remember_sign_in_address(
    c: &Connection,
    email: &str,
    address: &str,
    now: i64,
    forget_before: i64,
) -> AppResult<()> {
    c.execute(FORGET_SIGN_IN_ADDRESSES, [forget_before])?;
    c.execute(
        "INSERT INTO sign_in_addresses (email, address, last_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (email, address) DO UPDATE SET last_at = ?3",
        params![email, address, now],
    )?;
    Ok(())
}

/// Whether the account of `email` was signed in from `address` since `since`.
pub fn signed_in_from(c: &Connection, email: &str, address: &str, since: i64) -> AppResult<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM sign_in_addresses WHERE email = ?1 AND address = ?2 AND last_at > ?3)",
        params![email, address, since],
        |r| r.get(0),
    )?)
}

// ---- B2Core wizards ----

/// A wizard in progress.
#[derive(Debug, Clone)]
pub struct Wizard {
    pub uuid: String,
    pub user_id: i64,
    pub kind: WizardKind,
    pub step: Workflow,
    pub secret: Option<String>,
    pub phone: Option<String>,
    pub expires_at: i64,
}

/// Stores a new wizard; it replaces the user's open wizard of the same kind, so one user has at
/// most one wizard of each kind open.
pub fn insert_wizard(c: &Connection, w: &Wizard) -> AppResult<()> {
    c.execute("DELETE FROM wizards WHERE expires_at <= ?1", [w.expires_at - 86_400])?;
    c.execute(
        "DELETE FROM wizards WHERE user_id = ?1 AND kind = ?2",
        params![w.user_id, w.kind],
    )?;
    c.execute(
        "INSERT INTO wizards (uuid, user_id, kind, step, secret, phone, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![w.uuid, w.user_id, w.kind, w.step, w.secret, w.phone, w.expires_at],
    )?;
    Ok(())
}

pub fn wizard(c: &Connection, uuid: &str) -> AppResult<Option<Wizard>> {
    Ok(c.query_row(
        "SELECT uuid, user_id, kind, step, secret, phone, expires_at FROM wizards WHERE uuid = ?1",
        [uuid],
        |r| {
            Ok(Wizard {
                uuid: r.get(0)?,
                user_id: r.get(1)?,
                kind: r.get(2)?,
                step: r.get(3)?,
                secret: r.get(4)?,
                phone: r.get(5)?,
                expires_at: r.get(6)?,
            })
        },
    )
    .optional()?)
}

pub fn update_wizard(c: &Connection, uuid: &str, step: Workflow, phone: Option<&str>) -> AppResult<()> {
    c.execute(
        "UPDATE wizards SET step = ?2, phone = COALESCE(?3, phone) WHERE uuid = ?1",
        params![uuid, step, phone],
    )?;
    Ok(())
}

/// Moves a wizard on to the step that shows its new authenticator key (sealed).
pub fn set_wizard_secret(c: &Connection, uuid: &str, step: Workflow, secret: &str) -> AppResult<()> {
    c.execute(
        "UPDATE wizards SET step = ?2, secret = ?3 WHERE uuid = ?1",
        params![uuid, step, secret],
    )?;
    Ok(())
}

/// Ends every set-up in progress of a user: the pending authenticator secret and phone number
/// (CG) with the codes sent to verify the number, and the open wizards (B2Core).
pub fn end_set_ups(c: &Connection, user: i64, now: i64) -> AppResult<()> {
    c.execute(
        "UPDATE users SET totp_pending_secret = NULL, sms_pending_phone = NULL WHERE id = ?1",
        [user],
    )?;
    c.execute(
        "UPDATE sent_codes SET used_at = ?2 WHERE user_id = ?1 AND purpose = ?3 AND used_at IS NULL",
        params![user, now, Purpose::Enable],
    )?;
    c.execute("DELETE FROM wizards WHERE user_id = ?1", [user])?;
    Ok(())
}

pub fn delete_wizard(c: &Connection, uuid: &str) -> AppResult<()> {
    c.execute("DELETE FROM wizards WHERE uuid = ?1", [uuid])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite runs `sql` on the migrated schema, in its own words.
    fn query_plan(sql: &str) -> String {
        let mut c = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut c).expect("schema applies");
        let mut plan = c
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("statement prepares");
        let details = plan
            .query_map([0], |r| r.get::<_, String>(3))
            .expect("plan runs")
            .collect::<Result<Vec<_>, _>>()
            .expect("plan reads");
        details.join("; ")
    }

    #[test]
    fn forgetting_old_failures_and_addresses_reads_an_index_not_the_whole_table() {
        for sql in [FORGET_PASSWORD_FAILURES, FORGET_SIGN_IN_ADDRESSES] {
            let plan = query_plan(sql);
            assert!(plan.contains("USING") && plan.contains("INDEX"), "{sql}: {plan}");
        }
    }
}
