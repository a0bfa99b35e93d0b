//! Everything about HTTP that is not an API handler, on tower-http: security headers and the CSP
//! computed from the built index.html, caching rules, request logging, JSON bodies for every API
//! error, and static files of the app with pre-compressed variants and the single-page-app
//! fallback.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::json;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::crypto;
use crate::error::AppError;
use crate::{AppState, WebSettings};

/// Path prefixes answered by the API (never by static files or the SPA fallback).
pub const API_PREFIXES: &[&str] = &["/auth/", "/v2/", "/api/", "/__dev/", "/openapi.json"];

pub fn is_api_path(path: &str) -> bool {
    API_PREFIXES
        .iter()
        .any(|p| path.starts_with(p) || path == p.trim_end_matches('/'))
}

/// The built app on disk: its files, pre-compressed siblings preferred, and the same with
/// index.html for the paths no file answers (the app's own routes).
#[derive(Debug, Clone)]
pub struct StaticSite {
    root: PathBuf,
    files: ServeDir,
    app: ServeDir<ServeFile>,
}

impl StaticSite {
    /// Checks that `dir` is a directory with an index.html; returns the site and the CSP hash
    /// sources of the inline scripts of that index.html.
    pub fn open(dir: &Path) -> Result<(StaticSite, Vec<String>), String> {
        let root = dir
            .canonicalize()
            .map_err(|e| format!("static dir {} not found: {e}", dir.display()))?;
        if !root.is_dir() {
            return Err(format!("static dir {} is not a directory", dir.display()));
        }
        let index_path = root.join("index.html");
        let index = std::fs::read_to_string(&index_path)
            .map_err(|e| format!("static dir {} has no readable index.html: {e}", dir.display()))?;
        let hashes = inline_script_hashes(&index);
        let files = ServeDir::new(&root).precompressed_br().precompressed_gzip();
        let index = ServeFile::new(index_path).precompressed_br().precompressed_gzip();
        let app = files.clone().fallback(index);
        Ok((StaticSite { root, files, app }, hashes))
    }
}

/// `'sha256-…'` sources for every inline `<script>` (one without a `src` attribute): base64 of
/// the SHA-256 of the exact text between the tags.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(start) = lower[pos..].find("<script").map(|i| i + pos) {
        let after_name = start + "<script".len();
        let Some(tag_end) = lower[after_name..].find('>').map(|i| i + after_name) else {
            break;
        };
        // `<scripts>` or similar is not a script tag.
        let next = lower.as_bytes().get(after_name).copied().unwrap_or(b'>');
        if !(next.is_ascii_whitespace() || next == b'>' || next == b'/') {
            pos = after_name;
            continue;
        }
        let attrs = &lower[after_name..tag_end];
        let Some(close) = lower[tag_end + 1..].find("</script").map(|i| i + tag_end + 1) else {
            break;
        };
        if !has_src_attribute(attrs) {
            let text = &html[tag_end + 1..close];
            let source = format!("'sha256-{}'", crypto::sha256_base64(text.as_bytes()));
            if !out.contains(&source) {
                out.push(source);
            }
        }
        pos = close + "</script".len();
    }
    out
}

fn has_src_attribute(attrs: &str) -> bool {
    attrs
        .split(|c: char| c.is_ascii_whitespace())
        .any(|a| a == "src" || a.starts_with("src="))
}

/// The Content-Security-Policy header value. The page this server hosts calls the API of this
/// same server, so `connect-src` is `'self'` alone: the CORS origins are callers of the API,
/// not places the page may send its token to.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script_src.push(' ');
        script_src.push_str(h);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The HTTP layers around every route: the security headers (with the CSP of the hosted
/// page), JSON bodies and `no-store` for API answers, and request logs.
pub fn http_layers(app: Router<AppState>, web: &WebSettings) -> Router<AppState> {
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, web.csp.clone()),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ),
    ];
    let app = fixed
        .into_iter()
        .fold(app.layer(middleware::from_fn(api_answers)), |app, (name, value)| {
            app.layer(SetResponseHeaderLayer::overriding(name, value))
        });
    // The span names the path only: a query string may hold a code or a password.
    app.layer(
        TraceLayer::new_for_http()
            .make_span_with(
                |req: &Request| tracing::info_span!("request", method = %req.method(), path = %req.uri().path()),
            )
            .on_response(|res: &Response, latency: Duration, _: &Span| {
                tracing::info!(
                    status = res.status().as_u16(),
                    latency_ms = format_args!("{:.1}", latency.as_secs_f64() * 1000.0),
                    "request"
                );
            }),
    )
}

/// Adds `no-store` to API answers and turns API error answers that are not JSON (405 from
/// the router, for example) into JSON.
async fn api_answers(req: Request, next: Next) -> Response {
    if !is_api_path(req.uri().path()) {
        return next.run(req).await;
    }
    let mut response = next.run(req).await;
    if response.status().as_u16() >= 400 && !is_json(response.headers()) {
        let status = response.status();
        let message = status.canonical_reason().unwrap_or("Request failed");
        let mut replaced = (status, axum::Json(json!({ "errors": [message] }))).into_response();
        for name in [header::ALLOW, header::RETRY_AFTER] {
            if let Some(v) = response.headers().get(&name) {
                replaced.headers_mut().insert(name, v.clone());
            }
        }
        response = replaced;
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// Fallback of the router: unknown API paths get a JSON 404; GET and HEAD of anything else are
/// static files, or index.html for client-side routes.
pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if is_api_path(&path) || !(req.method() == Method::GET || req.method() == Method::HEAD) {
        return AppError::NotFound.into_response();
    }
    let Some(site) = state.web.site.as_ref() else {
        return AppError::NotFound.into_response();
    };
    if leaves_site(&site.root, &path).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let served = if is_app_route(&path) {
        site.app.clone().oneshot(req).await
    } else {
        site.files.clone().oneshot(req).await
    };
    let response = match served {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    with_cache_rules(&path, if_none_match.as_ref(), response)
}

/// Extensions of the files the page fetches itself: a missing one is a 404, never index.html
/// (the page would read HTML as a script, a style or a catalogue).
const ASSET_EXTENSIONS: &[&str] = &[
    "js",
    "mjs",
    "wasm",
    "css",
    "map",
    "png",
    "jpg",
    "svg",
    "ico",
    "json",
    "txt",
    "woff",
    "woff2",
    "webmanifest",
    "br",
    "gz",
];

/// Whether a path no file answers gets index.html: a client-side route, which is neither an
/// asset, a catalogue under `/i18n/`, nor a path that climbs out of the site.
fn is_app_route(url_path: &str) -> bool {
    let Ok(decoded) = percent_decode_str(url_path).decode_utf8() else {
        return false;
    };
    let climbs = decoded
        .split(['/', '\\'])
        .any(|segment| segment == ".." || segment == "." || segment.contains('\0'));
    let last = decoded.rsplit('/').next().unwrap_or("");
    let asset = last
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ASSET_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
    !climbs && !asset && !decoded.starts_with("/i18n/")
}

/// Whether the file a path names is, once symbolic links are followed, outside the site
/// (ServeDir follows links wherever they lead).
async fn leaves_site(root: &Path, url_path: &str) -> bool {
    let Ok(decoded) = percent_decode_str(url_path).decode_utf8() else {
        return false;
    };
    tokio::fs::canonicalize(root.join(decoded.trim_start_matches('/')))
        .await
        .is_ok_and(|real| !real.starts_with(root))
}

/// True when a file name carries Trunk's content hash: `-` and 16 lower-case hex digits
/// followed by `.` or `_` (`mfa-app-0123456789abcdef_bg.wasm`, `main-0123456789abcdef.css`).
pub fn has_content_hash(name: &str) -> bool {
    let b = name.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'-'
            && b.len() > i + 17
            && b[i + 1..i + 17]
                .iter()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            && matches!(b[i + 17], b'.' | b'_')
    })
}

/// The caching rules of a served file: content-hashed names are immutable, everything else
/// (index.html, config.json, catalogues) revalidates on each use through a weak ETag.
fn with_cache_rules(url_path: &str, if_none_match: Option<&HeaderValue>, mut response: Response) -> Response {
    let status = response.status();
    if !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
        return response;
    }
    let name = url_path.rsplit('/').next().unwrap_or("");
    let cache = if has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let etag = weak_etag(response.headers());
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The body depends on Accept-Encoding wherever a pre-compressed sibling may exist.
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let Some(etag) = etag else {
        return response;
    };
    let matches = if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    if matches && status == StatusCode::OK {
        let (mut parts, _) = response.into_parts();
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    response
}

/// A weak validator from what ServeDir says of the file sent: modification time, size and
/// coding (each pre-compressed sibling is a representation of its own).
fn weak_etag(headers: &HeaderMap) -> Option<String> {
    let part = |name| headers.get(name).map(HeaderValue::as_bytes).unwrap_or_default();
    let modified = headers.get(header::LAST_MODIFIED)?.as_bytes();
    let identity = [modified, part(header::CONTENT_LENGTH), part(header::CONTENT_ENCODING)].join(&b' ');
    Some(format!(
        "W/\"{}\"",
        &crypto::sha256_hex(&String::from_utf8_lossy(&identity))[..16]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<html><head><script src="/a.js"></script>
<SCRIPT type="module">import init from '/x.js';init();</SCRIPT>
<scripts>no</scripts><script>alert(1)</script></head></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        assert_eq!(
            hashes[0],
            format!(
                "'sha256-{}'",
                crypto::sha256_base64(b"import init from '/x.js';init();")
            )
        );
    }

    #[test]
    fn content_hash_names() {
        assert!(has_content_hash("mfa-app-0123456789abcdef_bg.wasm"));
        assert!(has_content_hash("main-0123456789abcdef.css"));
        assert!(!has_content_hash("index.html"));
        assert!(!has_content_hash("mfa-app-0123456789abcdeg.js"));
    }

    #[test]
    fn only_client_side_routes_fall_back_to_index_html() {
        assert!(is_app_route("/security/deep/link"));
        assert!(is_app_route("/"));
        assert!(!is_app_route("/../etc/passwd"));
        assert!(!is_app_route("/%2e%2e/etc/passwd"));
        assert!(!is_app_route("/a/b.js"));
        assert!(!is_app_route("/i18n/fr"));
        assert!(is_api_path("/v2/user/me"));
        assert!(is_api_path("/openapi.json"));
        assert!(!is_api_path("/security"));
        assert!(!is_api_path("/v2x"));
    }
}
