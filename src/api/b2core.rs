//! The B2Core front API adapter: paths and bodies of that dialect.

use super::{malformed, wire, wrong_credentials, Api, ApiError, Auth, Capabilities, SignInReply};
use crate::domain::account::AccountStatus;

/// B2Core has neither recovery codes nor a default method, and checks phones itself.
pub const CAPABILITIES: Capabilities = Capabilities { recovery_codes: false, default_method: false, phone_lookup: false };
pub const SIGN_OUT_PATH: &str = "/api/v2/signout";

pub async fn sign_in(api: &Api, email: &str, password: &str) -> Result<SignInReply, ApiError> {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    let answer = api.send("POST", "/api/v2/signin", Some(body), Auth::Anonymous).await;
    wire::b2core_sign_in(&answer.map_err(wrong_credentials)?).map_err(malformed)
}

pub async fn status(api: &Api) -> Result<AccountStatus, ApiError> {
    let body = api.send("GET", "/api/v2/my/2fa", None, Auth::Bearer).await?;
    wire::b2core_status(&body).map_err(malformed)
}
