//! Handlers of the B2Core dialect (`/api/v2/...`): sign-in with a second factor and the 2FA
//! wizards with their `{code, data, done, uuid, workflow}` envelope.

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
