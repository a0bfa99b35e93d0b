//! The one client surface the pages use. Each call is translated to the configured dialect by
//! [`cg`] or [`b2core`]; pages never look at the dialect, only at [`Capabilities`].

pub mod b2core;
pub mod cg;
pub mod error;
pub mod http;
pub mod wire;

use crate::config::{Config, Dialect};
use crate::domain::account::AccountStatus;
use crate::session::Session;
pub use error::ApiError;
use std::sync::Arc;
pub use wire::{Challenge, SignInReply};

/// What the backend offers beyond turning methods on and off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub recovery_codes: bool,
    pub default_method: bool,
    pub phone_lookup: bool,
}

/// The API client: configuration plus the session whose token it sends.
#[derive(Clone)]
pub struct Api {
    config: Arc<Config>,
    session: Session,
}

/// How a request authenticates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// Sign-in calls: a 401 means wrong credentials, not an ended session.
    Anonymous,
    /// Calls of the signed-in user: a 401 ends the session.
    Bearer,
}

impl Api {
    pub fn new(config: Config, session: Session) -> Self {
        Api { config: Arc::new(config), session }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn session(&self) -> Session {
        self.session
    }

    pub fn capabilities(&self) -> Capabilities {
        match self.config.dialect {
            Dialect::Cg => cg::CAPABILITIES,
            Dialect::B2Core => b2core::CAPABILITIES,
        }
    }

    /// The password step of sign-in.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<SignInReply, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::sign_in(self, email, password).await,
            Dialect::B2Core => b2core::sign_in(self, email, password).await,
        }
    }

    /// The signed-in user's two-factor status.
    pub async fn status(&self) -> Result<AccountStatus, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::status(self).await,
            Dialect::B2Core => b2core::status(self).await,
        }
    }

    /// Ends the session on the server (best effort) and always forgets the token here.
    pub async fn sign_out(&self) {
        let path = match self.config.dialect {
            Dialect::Cg => cg::SIGN_OUT_PATH,
            Dialect::B2Core => b2core::SIGN_OUT_PATH,
        };
        // The token is gone locally whatever the server says: an error changes nothing for the person.
        let _ = self.send("DELETE", path, None, Auth::Bearer).await;
        self.session.end();
    }

    /// Sends a request with the configured headers; a 401 on a signed-in call ends the session.
    async fn send(&self, method: &str, path: &str, body: Option<String>, auth: Auth) -> Result<String, ApiError> {
        let url = format!("{}{}", self.config.api_base, path);
        let token = match auth {
            Auth::Bearer => Some(self.session.token().ok_or(ApiError::Unauthorized)?),
            Auth::Anonymous => None,
        };
        let bearer = token.map(|t| format!("Bearer {t}"));
        let language = self.config.locale.clone().unwrap_or_else(browser_language);
        let mut headers: Vec<(&str, &str)> = vec![("Accept", "application/json"), ("Accept-Language", &language)];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        if let Some(key) = self.config.api_key.as_deref() {
            headers.push(("x-api-key", key));
        }
        if let Some(bearer) = bearer.as_deref() {
            headers.push(("Authorization", bearer));
        }
        let raw = http::send(method, &url, &headers, body.as_deref()).await?;
        let result = error::check_status(raw, http::now_unix());
        if result == Err(ApiError::Unauthorized) && auth == Auth::Bearer {
            self.session.expire();
        }
        result
    }
}

/// The browser's preferred language, or English.
fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "en".to_string())
}

/// Maps a parser failure to the error a person sees.
fn malformed(_: wire::WireError) -> ApiError {
    ApiError::Malformed
}

/// On sign-in a 401 means the email or password is wrong, not that a session ended.
fn wrong_credentials(error: ApiError) -> ApiError {
    match error {
        ApiError::Unauthorized => ApiError::Rejected("The email or password is not correct.".into()),
        other => other,
    }
}
