//! Request extractors: [`QueryOrJson`] (a typed request from the query string and an optional
//! JSON object body, every failure a JSON error), [`JsonBody`] (from the body only) and
//! [`CurrentUser`] for the signed-in user.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::clock;
use crate::db::User;
use crate::error::{AppError, B2Error};
use crate::mfa;
use crate::AppState;

/// A request's fields read into `T` from the query string and a JSON object body together (the
/// body wins where both name a field): the CG documentation puts them in the query of its `PUT`s
/// and `GET`s, the contract also takes a body. A body must be declared as JSON; a field of the
/// wrong type is a 422 naming it.
#[derive(Debug)]
pub struct QueryOrJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for QueryOrJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let mut fields = Map::new();
        if parts.uri.query().is_some() {
            let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(&mut parts, state)
                .await
                .map_err(|_| AppError::BadRequest("Malformed query string".into()))?;
            for (k, v) in pairs {
                fields.insert(k, Value::String(v));
            }
        }
        fields.extend(body_fields(Request::from_parts(parts, body), state).await?);
        typed(fields).map(QueryOrJson)
    }
}

/// A request's fields read into `T` from its JSON object body only: for the routes that take a
/// password, a code or a sign-in state, which must not end up in the logs of every proxy on
/// the way, as URLs do. A query string is refused (400) rather than ignored, so that a client
/// that sends one learns it at once.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if req.uri().query().is_some_and(|q| !q.is_empty()) {
            return Err(AppError::BadRequest(
                "Send these fields in the JSON body, not in the URL".into(),
            ));
        }
        typed(body_fields(req, state).await?).map(JsonBody)
    }
}

/// The fields of a JSON object body; none for an empty body. A body must be declared as JSON:
/// a cross-site form or `text/plain` post (which needs no CORS preflight) is refused before it
/// is read.
async fn body_fields<S: Send + Sync>(req: Request, state: &S) -> Result<Map<String, Value>, AppError> {
    let declared_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.starts_with("application/json") || (v.starts_with("application/") && v.contains("+json"))
        });
    let bytes = Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest("Could not read the request body".into())
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    if !declared_json {
        return Err(AppError::UnsupportedMediaType);
    }
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err(AppError::BadRequest("The JSON body must be an object".into())),
        Err(_) => Err(AppError::BadRequest("Malformed JSON body".into())),
    }
}

/// `fields` read into `T`; a field of the wrong type is a 422 naming it.
fn typed<T: DeserializeOwned>(fields: Map<String, Value>) -> Result<T, AppError> {
    serde_path_to_error::deserialize(Value::Object(fields)).map_err(|e| {
        let field = e.path().to_string();
        AppError::validation(field.clone(), format!("{field}: {}", e.into_inner()))
    })
}

/// A text field as the person meant it: trimmed, and absent when blank. For
/// `#[serde(default, deserialize_with = "trimmed")]`.
pub fn trimmed<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    Ok(text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
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

/// [`JsonBody`] with B2Core-shaped errors.
pub struct B2JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for B2JsonBody<T> {
    type Rejection = B2Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, B2Error> {
        let JsonBody(t) = JsonBody::from_request(req, state).await?;
        Ok(B2JsonBody(t))
    }
}
