//! The per-address limit on the routes that take a password, a code or a sign-in state
//! (tower_governor, keyed by the peer address; the groups of [`crate::RouteTable`]): one
//! address may send a burst of such requests, then one every [`SIGN_IN_EVERY_MS`]. With the
//! per-account counts keyed by account *and* address (see `mfa::sign_in_password`), one address
//! can neither guess at many accounts quickly nor lock an account out for everyone else.

use std::sync::Arc;

use axum::Router;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::PeerIpKeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::error::AppError;
use crate::{AppState, Dialect};

/// Requests to a limited group of routes one address may send at once.
pub const SIGN_IN_BURST: u32 = 30;
/// Then one more every so many milliseconds.
pub const SIGN_IN_EVERY_MS: u64 = 2_000;

/// `routes` with every address held to the limit; a refused request gets 429 with
/// `Retry-After` in the error shape of the `dialect`. Each call makes a limit of its own: the
/// groups of [`crate::RouteTable`] do not share one budget.
pub fn per_address(routes: Router<AppState>, burst: u32, dialect: Dialect) -> Router<AppState> {
    let config = GovernorConfigBuilder::default()
        .per_millisecond(SIGN_IN_EVERY_MS)
        .burst_size(burst.max(1))
        .key_extractor(PeerIpKeyExtractor)
        .finish()
        .expect("a positive period and burst");
    routes.layer(GovernorLayer::new(Arc::new(config)).error_handler(move |e| {
        match e {
            // Whole seconds, cut short by the limiter: one more, so that a client that waits as
            // told is let in (RFC 9110 10.2.3).
            GovernorError::TooManyRequests { wait_time, .. } => AppError::TooManyAttempts {
                retry_after: wait_time + 1,
            },
            other => AppError::Internal(format!("rate limit: {other:?}")),
        }
        .into_response_for(dialect)
    }))
}
