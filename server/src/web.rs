//! Everything about HTTP that is not an API handler: security headers and the CSP computed from
//! the built index.html, caching rules, request logging, JSON bodies for every API error, and
//! static files of the app with pre-compressed variants and the single-page-app fallback.

use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::crypto;
use crate::error::AppError;
use crate::AppState;

/// Path prefixes answered by the API (never by static files or the SPA fallback).
pub const API_PREFIXES: &[&str] = &["/auth/", "/v2/", "/api/", "/__dev/", "/openapi.json"];

pub fn is_api_path(path: &str) -> bool {
    API_PREFIXES
        .iter()
        .any(|p| path.starts_with(p) || path == p.trim_end_matches('/'))
}

/// The built app on disk.
#[derive(Debug)]
pub struct StaticSite {
    pub root: PathBuf,
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
        let index = std::fs::read_to_string(root.join("index.html"))
            .map_err(|e| format!("static dir {} has no readable index.html: {e}", dir.display()))?;
        let hashes = inline_script_hashes(&index);
        Ok((StaticSite { root }, hashes))
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

/// Logs method, path (never the query string), status and latency of every request.
pub async fn log_requests(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    tracing::info!(
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        latency_ms = format_args!("{:.1}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    response
}

/// Adds the security headers to every response and `no-store` to API responses, and turns
/// API error responses that are not JSON (405 from the router, for example) into JSON.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = is_api_path(req.uri().path());
    let mut response = next.run(req).await;
    if api && response.status().as_u16() >= 400 && !is_json(response.headers()) {
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
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, state.web.csp.clone());
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
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
    serve_static(&site.root, &path, req.headers()).await
}

const HASHED_ASSET_EXTENSIONS: &[&str] = &[
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

async fn serve_static(root: &Path, url_path: &str, headers: &HeaderMap) -> Response {
    let Some(relative) = safe_relative_path(url_path) else {
        return not_found();
    };
    let mut file = root.join(&relative);
    if relative.as_os_str().is_empty() || file.is_dir() {
        file = file.join("index.html");
    }
    let inside = file
        .canonicalize()
        .map(|p| p.starts_with(root) && p.is_file())
        .unwrap_or(false);
    if !inside {
        let ext = extension(&relative);
        if ext.is_some_and(|e| HASHED_ASSET_EXTENSIONS.contains(&e.as_str())) {
            return not_found();
        }
        file = root.join("index.html");
    }
    send_file(&file, headers).await
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found",
    )
        .into_response()
}

/// Decodes a URL path and keeps only normal components (no `..`, no absolute parts).
fn safe_relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut out = PathBuf::new();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

fn content_type(ext: Option<&str>) -> &'static str {
    match ext.unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
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

/// Whether `Accept-Encoding` allows `coding` (present and not `q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    let Some(v) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    v.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let zero = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        name.eq_ignore_ascii_case(coding) && !zero
    })
}

async fn send_file(file: &Path, headers: &HeaderMap) -> Response {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = extension(file);
    let variant = |suffix: &str| {
        let mut p = file.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    let (br, gz) = (variant(".br"), variant(".gz"));
    let has_variants = br.is_file() || gz.is_file();
    let (path, encoding) = if br.is_file() && accepts(headers, "br") {
        (br, Some("br"))
    } else if gz.is_file() && accepts(headers, "gzip") {
        (gz, Some("gzip"))
    } else {
        (file.to_path_buf(), None)
    };
    // A weak validator from size and modification time, so `no-cache` files revalidate cheaply.
    let etag = tokio::fs::metadata(&path).await.ok().map(|m| {
        let modified = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("W/\"{:x}-{modified:x}{}\"", m.len(), encoding.unwrap_or(""))
    });
    let not_modified = etag.as_deref().is_some_and(|tag| {
        headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
    });
    let body = if not_modified {
        Body::empty()
    } else {
        match tokio::fs::read(&path).await {
            Ok(b) => Body::from(b),
            Err(_) => return not_found(),
        }
    };
    let cache = if name == "index.html" || name == "config.json" {
        "no-cache"
    } else if has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut response = Response::new(body);
    if not_modified {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
    }
    let h = response.headers_mut();
    if let Some(tag) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        h.insert(header::ETAG, tag);
    }
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(ext.as_deref())),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Some(enc) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
    }
    if has_variants {
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    response
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
    fn paths_stay_inside() {
        assert!(safe_relative_path("/../etc/passwd").is_none());
        assert!(safe_relative_path("/%2e%2e/etc/passwd").is_none());
        assert_eq!(safe_relative_path("/a/b.js").unwrap(), PathBuf::from("a/b.js"));
        assert!(is_api_path("/v2/user/me"));
        assert!(is_api_path("/openapi.json"));
        assert!(!is_api_path("/security"));
        assert!(!is_api_path("/v2x"));
    }
}
