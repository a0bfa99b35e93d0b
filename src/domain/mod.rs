//! Pure domain types and helpers shared by the API adapters and the pages; no browser types.

pub mod account;
pub mod dates;
pub mod retry_after;
