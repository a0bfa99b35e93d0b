//! Security settings for two-factor authentication: a Leptos single-page app that talks to a
//! CG Scanning API V2 or B2Core backend chosen at run time by `config.json`.
//!
//! Whatever can be decided without a browser lives in [`config`], [`domain`] and [`api::wire`]
//! and is tested natively; components only bind those to the DOM.

pub mod api;
pub mod app;
pub mod browser;
pub mod call_results;
pub mod chunks;
pub mod components;
pub mod config;
pub mod domain;
pub mod flow;
pub mod i18n;
pub mod json;
pub mod pages;
pub mod session;
pub mod set_up_chunk;
pub mod shell;
