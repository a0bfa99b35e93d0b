//! Routed pages: sign-in and the security settings, plus the error pages.

pub mod config_error;
pub mod home;
pub mod not_found;
pub mod security;
pub mod security_route;
pub mod sign_in;
