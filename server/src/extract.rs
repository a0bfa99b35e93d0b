//! Request extractors: [`Params`] (query parameters merged with an optional JSON object body
//! declared as `application/json`, every failure a JSON error) and [`Bearer`] / [`CurrentUser`] for the signed-in user.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{Map, Value};

use crate::clock;
use crate::db::User;
use crate::error::{AppError, B2Error};
use crate::mfa;
use crate::AppState;

/// Request fields from the query string and from a JSON object body (the body wins).
#[derive(Debug, Default)]
pub struct Params(pub Map<String, Value>);

impl Params {
    /// A field as text: strings are trimmed, numbers and booleans written out; empty is `None`.
    pub fn get(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The first present field of several spellings.
    pub fn any(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// A required field, or a 422 naming it.
    pub fn require(&self, key: &'static str, label: &str) -> Result<String, AppError> {
        self.get(key)
            .ok_or_else(|| AppError::validation(key, format!("{label} is required")))
    }

    /// The password exactly as sent (not trimmed).
    pub fn raw(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl<S: Send + Sync> FromRequest<S> for Params {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let mut map = Map::new();
        if parts.uri.query().is_some() {
            let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(&mut parts, state)
                .await
                .map_err(|_| AppError::BadRequest("Malformed query string".into()))?;
            for (k, v) in pairs {
                map.insert(k, Value::String(v));
            }
        }
        // A body must be declared as JSON: a cross-site form or `text/plain` post (which needs no
        // CORS preflight) is refused before it is read.
        let declared_json = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.starts_with("application/json") || (v.starts_with("application/") && v.contains("+json"))
            });
        let req = Request::from_parts(parts, body);
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::BadRequest("Could not read the request body".into())
            }
        })?;
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            if !declared_json {
                return Err(AppError::UnsupportedMediaType);
            }
            let value: Value =
                serde_json::from_slice(&bytes).map_err(|_| AppError::BadRequest("Malformed JSON body".into()))?;
            match value {
                Value::Object(body) => map.extend(body),
                _ => return Err(AppError::BadRequest("The JSON body must be an object".into())),
            }
        }
        Ok(Params(map))
    }
}

/// The bearer token of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= 512).then(|| token.to_string())
}

/// The signed-in user and their token (401 otherwise).
pub struct CurrentUser {
    pub user: User,
    pub token: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer(&parts.headers)
            .ok_or_else(|| AppError::Unauthorized("Sign in first: missing bearer token".into()))?;
        let t = token.clone();
        let user = state.db.call(move |c| mfa::user_for_token(c, &t, clock::now())).await?;
        Ok(CurrentUser { user, token })
    }
}

/// [`CurrentUser`] with B2Core-shaped errors.
pub struct B2User(pub CurrentUser);

impl FromRequestParts<AppState> for B2User {
    type Rejection = B2Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, B2Error> {
        Ok(B2User(CurrentUser::from_request_parts(parts, state).await?))
    }
}

/// [`Params`] with B2Core-shaped errors.
pub struct B2Params(pub Params);

impl<S: Send + Sync> FromRequest<S> for B2Params {
    type Rejection = B2Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, B2Error> {
        Ok(B2Params(Params::from_request(req, state).await?))
    }
}
