//! The one error type of the API and how it becomes a status code and a JSON body, in the CG
//! shape `{"errors": ["..."]}` or, through [`B2Error`], the B2Core shape
//! `{"message": "...", "errors": {"field": ["..."]}}`.

use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::openapi::{self, ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};

use crate::factor::StepUpMethod;
use crate::Dialect;

/// Every way a request can fail.
#[derive(Debug)]
pub enum AppError {
    /// 400: the request could not be read (malformed JSON, bad encoding).
    BadRequest(String),
    /// 401: no valid token or credentials.
    Unauthorized(String),
    /// 403: the change needs a current code of one of these methods first (step-up).
    StepUp(Vec<StepUpMethod>),
    /// 404: no such resource.
    NotFound,
    /// 409: the resource exists already.
    Conflict(String),
    /// 413: the body is larger than the limit.
    TooLarge,
    /// 415: a body that is not declared as JSON.
    UnsupportedMediaType,
    /// 422: the request was read but a field is wrong; `field` names it (B2Core shape).
    Validation { field: Cow<'static, str>, message: String },
    /// 423: too many wrong second-factor codes in a row; only a recovery code is taken.
    Locked,
    /// 429: too many attempts; try again after that many seconds.
    TooManyAttempts { retry_after: u64 },
    /// 500: something broke on the server; the detail goes to the log only.
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A 422 about the `code` field, the usual wrong-code answer.
    pub fn invalid_code() -> Self {
        AppError::validation("code", "Invalid code")
    }

    /// A 422 about some field.
    pub fn validation(field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::StepUp(_) => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Locked => StatusCode::LOCKED,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message a person reads.
    pub fn message(&self) -> String {
        match self {
            AppError::BadRequest(m) | AppError::Unauthorized(m) | AppError::Conflict(m) => m.clone(),
            AppError::StepUp(_) => "Confirm with a current code".into(),
            AppError::NotFound => "Not found".into(),
            AppError::TooLarge => "Request body too large".into(),
            AppError::UnsupportedMediaType => "Send the body as application/json".into(),
            AppError::Validation { message, .. } => message.clone(),
            AppError::Locked => "Too many wrong codes in a row: sign in with a recovery code".into(),
            AppError::TooManyAttempts { retry_after } => {
                format!("Too many attempts. Try again in {retry_after} seconds.")
            }
            AppError::Internal(_) => "Internal server error".into(),
        }
    }

    fn finish(&self, body: impl Serialize) -> Response {
        if let AppError::Internal(detail) = self {
            tracing::error!(error = %detail, "internal error");
        }
        let mut response = (self.status(), Json(body)).into_response();
        if let AppError::TooManyAttempts { retry_after } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let step_up_methods = match &self {
            AppError::StepUp(methods) => Some(methods.clone()),
            _ => None,
        };
        self.finish(CgError {
            errors: vec![self.message()],
            step_up_methods,
        })
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("background task: {e}"))
    }
}

/// The CG error body.
#[derive(Serialize, ToSchema)]
pub struct CgError {
    pub errors: Vec<String>,
    /// With 403: what can confirm the change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_up_methods: Option<Vec<StepUpMethod>>,
}

/// The B2Core error body: the message, and the same message under the field it is about.
#[derive(Serialize, ToSchema)]
pub struct B2CoreError {
    pub message: String,
    pub errors: BTreeMap<String, Vec<String>>,
}

/// Every status an error can have, with what it means, for the OpenAPI document.
const ERROR_STATUSES: &[(u16, &str)] = &[
    (400, "The request could not be read"),
    (401, "Not signed in, or the sign-in expired"),
    (403, "Confirm the change with a current code"),
    (404, "No such resource"),
    (409, "Already on"),
    (413, "Request body too large"),
    (415, "The body is not declared as JSON"),
    (422, "A field is missing or wrong"),
    (423, "Too many wrong codes in a row: only a recovery code is taken"),
    (429, "Too many attempts; see Retry-After"),
    (500, "Internal server error"),
];

/// The error answers of every operation, each with the body schema `schema`.
fn error_responses(schema: &str) -> BTreeMap<String, RefOr<openapi::Response>> {
    ERROR_STATUSES
        .iter()
        .map(|(status, description)| {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(schema)))
                .build();
            let mut response = ResponseBuilder::new()
                .description(*description)
                .content("application/json", content);
            if *status == 429 {
                let seconds = HeaderBuilder::new()
                    .schema(i64::schema())
                    .description(Some("Seconds to wait"))
                    .build();
                response = response.header("Retry-After", seconds);
            }
            (status.to_string(), response.build().into())
        })
        .collect()
}

/// The error answers of a CG operation, for `#[utoipa::path(responses(...))]`.
pub struct CgErrors;

impl utoipa::IntoResponses for CgErrors {
    fn responses() -> BTreeMap<String, RefOr<openapi::Response>> {
        error_responses("CgError")
    }
}

/// The error answers of a B2Core operation.
pub struct B2CoreErrors;

impl utoipa::IntoResponses for B2CoreErrors {
    fn responses() -> BTreeMap<String, RefOr<openapi::Response>> {
        error_responses("B2CoreError")
    }
}

/// The answer to a request whose handler panicked: a 500 in the error shape of `dialect`, the
/// panic's message in the log only.
pub fn panicked(dialect: Dialect, payload: Box<dyn Any + Send>) -> Response {
    let message = payload
        .downcast_ref::<&str>()
        .map(|m| m.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    AppError::Internal(format!("panic: {message}")).into_response_for(dialect)
}

impl AppError {
    /// The answer in the error shape of `dialect`, for the layers that stand in front of the
    /// handlers (whose return types choose the shape).
    pub fn into_response_for(self, dialect: Dialect) -> Response {
        match dialect {
            Dialect::Cg => self.into_response(),
            Dialect::B2core => B2Error(self).into_response(),
        }
    }
}

/// An [`AppError`] rendered in the B2Core shape.
#[derive(Debug)]
pub struct B2Error(pub AppError);

impl From<AppError> for B2Error {
    fn from(e: AppError) -> Self {
        B2Error(e)
    }
}

impl From<rusqlite::Error> for B2Error {
    fn from(e: rusqlite::Error) -> Self {
        B2Error(e.into())
    }
}

impl IntoResponse for B2Error {
    fn into_response(self) -> Response {
        let message = self.0.message();
        let field = match &self.0 {
            AppError::Validation { field, .. } => field.to_string(),
            _ => "request".into(),
        };
        let errors = BTreeMap::from([(field, vec![message.clone()])]);
        self.0.finish(B2CoreError { message, errors })
    }
}
