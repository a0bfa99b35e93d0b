//! Development-only routes (mounted with `--dev`): the runtime config.json, the outbox of sent
//! codes, and creating throw-away users for end-to-end tests.

use axum::extract::State;
use axum::http::{header, HeaderName, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

use crate::clock::{self, rfc3339};
use crate::crypto;
use crate::db;
use crate::error::{AppError, AppResult, CgErrors};
use crate::extract::{trimmed, JsonBody, QueryOrJson};
use crate::factor::Channel;
use crate::mfa;
use crate::{AppState, Route};

/// Development routes.
pub fn table() -> Vec<Route> {
    vec![routes!(config_json), routes!(outbox), routes!(create_user)]
}

/// The runtime configuration of the app (`config.json`).
#[derive(Serialize, ToSchema)]
pub struct AppConfig {
    dialect: &'static str,
    api_base: &'static str,
    issuer: String,
    locale: Option<String>,
}

/// The runtime configuration of the app served with it, for this server's dialect.
#[utoipa::path(get, path = "/config.json", tag = "dev", responses((status = 200, body = AppConfig)))]
async fn config_json(State(st): State<AppState>) -> ([(HeaderName, &'static str); 1], Json<AppConfig>) {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Json(AppConfig {
            dialect: st.config.dialect.as_str(),
            api_base: "",
            issuer: st.config.issuer.clone(),
            locale: None,
        }),
    )
}

/// The first run of exactly six digits in a message.
fn code_in(body: &str) -> Option<String> {
    body.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .map(str::to_string)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only the messages to this phone number or email address.
    #[serde(default, deserialize_with = "trimmed")]
    phone: Option<String>,
}

/// A message sent by the server.
#[derive(Serialize, ToSchema)]
pub struct OutboxMessage {
    phone: String,
    channel: Channel,
    body: String,
    /// The code in the message, if any.
    code: Option<String>,
    created_at: String,
}

/// The latest messages the server sent, newest first.
#[utoipa::path(get, path = "/__dev/outbox", tag = "dev", params(OutboxQuery),
    responses((status = 200, body = Vec<OutboxMessage>), CgErrors))]
async fn outbox(
    State(st): State<AppState>,
    QueryOrJson(req): QueryOrJson<OutboxQuery>,
) -> AppResult<Json<Vec<OutboxMessage>>> {
    let filter = req.phone.map(|ph| {
        // Accept "+1 202-555-0143" as well as E.164 (a `+` in a query string may arrive as a space).
        let digits: String = ph.chars().filter(char::is_ascii_digit).collect();
        if ph.contains('@') {
            ph
        } else {
            format!("+{digits}")
        }
    });
    let rows = st.db.call(move |c| db::list_outbox(c, filter.as_deref())).await?;
    let list = rows
        .into_iter()
        .map(|m| OutboxMessage {
            code: code_in(&m.body),
            phone: m.phone,
            channel: m.channel,
            body: m.body,
            created_at: rfc3339(m.created_at),
        })
        .collect();
    Ok(Json(list))
}

#[derive(Deserialize, ToSchema)]
pub struct NewUser {
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    email: Option<String>,
    /// 8 to 1024 characters, exactly as typed.
    #[schema(required = true)]
    password: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    last_name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedUser {
    id: i64,
    email: String,
}

/// Creates a user without a second factor.
#[utoipa::path(post, path = "/__dev/users", tag = "dev", request_body = NewUser,
    responses((status = 201, body = CreatedUser), CgErrors))]
async fn create_user(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<NewUser>,
) -> AppResult<(StatusCode, Json<CreatedUser>)> {
    let email = mfa::normalise_email(&req.email.unwrap_or_default())?;
    let password = req.password.unwrap_or_default();
    if password.len() < 8 || password.len() > 1024 {
        return Err(AppError::validation(
            "password",
            "Password must be 8 to 1024 characters",
        ));
    }
    let first = req.first_name.unwrap_or_default();
    let last = req.last_name.unwrap_or_default();
    let hash = crypto::bounded_hashing(move || crypto::hash_password(&password)).await?;
    let e = email.clone();
    let id = st
        .db
        .call(move |c| db::insert_user(c, &e, &hash, &first, &last, clock::now()))
        .await?
        .ok_or_else(|| AppError::Conflict("A user with that email exists".into()))?;
    Ok((StatusCode::CREATED, Json(CreatedUser { id, email })))
}
