//! Pure domain types and helpers shared by the API adapters and the pages; no browser types.

pub mod account;
pub mod code;
pub mod countdown;
pub mod dates;
pub mod phone;
pub mod qr;
pub mod recovery;
pub mod retry_after;
pub mod secret_key;
pub mod totp;
