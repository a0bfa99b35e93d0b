//! The CG Scanning API V2 adapter: paths and bodies of that dialect.

use super::{malformed, wire, wrong_credentials, Api, ApiError, Auth, Capabilities, SignInReply};
use crate::domain::account::AccountStatus;

pub const CAPABILITIES: Capabilities = Capabilities { recovery_codes: true, default_method: true, phone_lookup: true };
pub const SIGN_OUT_PATH: &str = "/auth/sign_out";

pub async fn sign_in(api: &Api, email: &str, password: &str) -> Result<SignInReply, ApiError> {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    let answer = api.send("POST", "/auth/sign_in", Some(body), Auth::Anonymous).await;
    wire::cg_sign_in(&answer.map_err(wrong_credentials)?).map_err(malformed)
}

pub async fn status(api: &Api) -> Result<AccountStatus, ApiError> {
    let body = api.send("GET", "/v2/user/me", None, Auth::Bearer).await?;
    wire::cg_me(&body).map_err(malformed)
}

