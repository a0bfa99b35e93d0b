//! Development-only routes (mounted with `--dev`): the runtime config.json, the outbox of sent
//! codes, and creating throw-away users for end-to-end tests.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Json;
use serde_json::{json, Value};

use crate::clock::{self, rfc3339};
use crate::crypto;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::extract::Params;
use crate::mfa;
use crate::{AppState, Route};

/// Development routes: (method, path, handler).
pub fn table() -> Vec<Route> {
    vec![
        ("GET", "/config.json", get(config_json)),
        ("GET", "/__dev/outbox", get(outbox)),
        ("POST", "/__dev/users", post(create_user)),
    ]
}

async fn config_json(State(st): State<AppState>) -> ([(axum::http::HeaderName, &'static str); 1], Json<Value>) {
    (
        [(axum::http::header::CACHE_CONTROL, "no-cache")],
        Json(json!({
            "dialect": st.config.dialect.as_str(),
            "api_base": "",
            "issuer": st.config.issuer,
            "locale": null,
        })),
    )
}

/// The first run of exactly six digits in a message.
fn code_in(body: &str) -> Option<String> {
    body.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .map(str::to_string)
}

async fn outbox(State(st): State<AppState>, p: Params) -> AppResult<Json<Value>> {
    let filter = p.get("phone").map(|ph| {
        // Accept "+1 202-555-0143" as well as E.164 (a `+` in a query string may arrive as a space).
        let digits: String = ph.chars().filter(char::is_ascii_digit).collect();
        if ph.contains('@') {
            ph
        } else {
            format!("+{digits}")
        }
    });
    let rows = st.db.call(move |c| db::list_outbox(c, filter.as_deref())).await?;
    let list: Vec<Value> = rows
        .into_iter()
        .map(|m| {
            json!({
                "phone": m.phone,
                "channel": m.channel,
                "body": m.body,
                "code": code_in(&m.body),
                "created_at": rfc3339(m.created_at),
            })
        })
        .collect();
    Ok(Json(Value::Array(list)))
}

async fn create_user(State(st): State<AppState>, p: Params) -> AppResult<(StatusCode, Json<Value>)> {
    let email = mfa::normalise_email(&p.get("email").unwrap_or_default())?;
    let password = p.raw("password").unwrap_or_default();
    if password.len() < 8 || password.len() > 1024 {
        return Err(AppError::validation(
            "password",
            "Password must be 8 to 1024 characters",
        ));
    }
    let first = p.get("first_name").unwrap_or_default();
    let last = p.get("last_name").unwrap_or_default();
    let hash = crypto::bounded_hashing(move || crypto::hash_password(&password)).await?;
    let e = email.clone();
    let id = st
        .db
        .call(move |c| db::insert_user(c, &e, &hash, &first, &last, clock::now()))
        .await?
        .ok_or_else(|| AppError::Conflict("A user with that email exists".into()))?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id, "email": email }))))
}
