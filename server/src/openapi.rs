//! The OpenAPI document of the mounted dialect, generated from the handlers' `#[utoipa::path]`
//! annotations and the request and answer types, and served at `/openapi.json`.
//!
//! utoipa with utoipa-axum rather than aide: `utoipa_axum::routes!` mounts each handler at the
//! method and path of its own annotation, so the route table and the document cannot disagree;
//! the types need no second schema library (aide builds on schemars, and would have our
//! query-or-body extractor implement its operation traits); and utoipa-axum 0.2 targets axum 0.8.

use axum::body::Bytes;
use axum::http::header;
use axum::Extension;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{B2CoreError, CgError};

/// What every document starts from: its title and the error bodies both dialects refer to.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Security settings API",
        description = "Two-factor authentication of the security settings app, in the dialect this \
            server is configured with: CG Scanning API V2 or B2Core front API."
    ),
    components(schemas(CgError, B2CoreError)),
    modifiers(&BearerToken)
)]
struct Base;

/// The `bearer` scheme that operations for the signed-in user name in their `security`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = doc.components.as_mut() {
            let scheme = SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer));
            components.add_security_scheme("bearer", scheme);
        }
    }
}

pub fn base() -> utoipa::openapi::OpenApi {
    Base::openapi()
}

/// The document, serialized once (cloning shares the bytes).
#[derive(Clone)]
pub struct Document(Bytes);

impl Document {
    pub fn new(doc: &utoipa::openapi::OpenApi) -> Result<Document, String> {
        doc.to_json()
            .map(|json| Document(json.into()))
            .map_err(|e| format!("cannot write the OpenAPI document: {e}"))
    }
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn openapi_json(Extension(doc): Extension<Document>) -> ([(header::HeaderName, &'static str); 1], Bytes) {
    ([(header::CONTENT_TYPE, "application/json")], doc.0)
}
