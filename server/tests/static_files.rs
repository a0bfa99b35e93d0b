//! Static hosting of the built app: SPA fallback, CSP hash of the inline loader, caching,
//! content types and pre-compressed variants.

mod common;

use base64::Engine;
use common::TestServer;
use sha2::{Digest, Sha256};

const LOADER: &str = "import init, * as bindings from '/mfa-app-0123456789abcdef.js';\ninit('/mfa-app-0123456789abcdef_bg.wasm');\nwindow.wasmBindings = bindings;\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = format!(
        "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\"><script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.path().join("index.html"), index).unwrap();
    std::fs::write(dir.path().join("mfa-app-0123456789abcdef_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.path().join("mfa-app-0123456789abcdef_bg.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(dir.path().join("main-0123456789abcdef.css"), "body{}").unwrap();
    std::fs::write(dir.path().join("config.json"), "{\"dialect\":\"cg\"}").unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    std::fs::write(dir.path().join("i18n/de.json"), "{\"SignOut\":\"Abmelden\"}").unwrap();
    std::fs::write(dir.path().join("i18n/de.json.br"), b"brotli catalogue").unwrap();
    dir
}

/// The reference server serving `dist`, in development mode (as the tests' default) or not.
async fn serve(dist: &tempfile::TempDir, dev: bool) -> TestServer {
    let root = dist.path().to_path_buf();
    TestServer::start_with(move |c| {
        c.static_dir = Some(root);
        c.dev = dev;
    })
    .await
}

/// GETs `path` with the given `Accept-Encoding`.
async fn get_encoded(s: &TestServer, path: &str, accept: &str) -> reqwest::Response {
    s.client
        .get(s.url(path))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn deep_links_get_index_html_with_the_loader_hash_in_the_csp() {
    let dist = site();
    let s = serve(&dist, false).await;
    let expected = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(LOADER.as_bytes()))
    );
    for path in ["/", "/security", "/sign-in", "/security/deep/link"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let h = res.headers().clone();
        assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
        assert_eq!(h["cache-control"], "no-cache");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {expected};")),
            "{csp}"
        );
        assert!(csp.starts_with("default-src 'self';"));
        assert!(res.text().await.unwrap().contains("<script type=\"module\">"));
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_typed() {
    let dist = site();
    let s = serve(&dist, true).await;
    let res = get_encoded(&s, "/mfa-app-0123456789abcdef_bg.wasm", "identity").await;
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.headers()["vary"], "Accept-Encoding");
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");

    let res = get_encoded(&s, "/mfa-app-0123456789abcdef_bg.wasm", "gzip, br").await;
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.headers()["content-type"], "application/wasm");

    let res = s.client.get(s.url("/main-0123456789abcdef.css")).send().await.unwrap();
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
}

#[tokio::test]
async fn config_json_comes_from_disk_outside_dev_mode() {
    let dist = site();
    let s = serve(&dist, false).await;
    let res = s.client.get(s.url("/config.json")).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.text().await.unwrap(), "{\"dialect\":\"cg\"}");
}

#[tokio::test]
async fn catalogues_are_json_revalidated_and_precompressed_and_a_missing_one_is_404() {
    let dist = site();
    let s = serve(&dist, true).await;
    let res = get_encoded(&s, "/i18n/de.json", "br").await;
    assert_eq!(res.status(), 200);
    // Not hashed: a new release must reach returning visitors, so each use revalidates.
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli catalogue");
    let missing = s.client.get(s.url("/i18n/fr.json")).send().await.unwrap();
    assert_eq!(
        missing.status(),
        404,
        "not index.html: the page would read HTML as a catalogue"
    );
}

#[tokio::test]
async fn missing_assets_and_traversal_are_404() {
    let dist = site();
    let s = serve(&dist, true).await;
    let res = s
        .client
        .get(s.url("/missing-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 404);
    // Sent raw: an HTTP client would normalise the dot segments away.
    for path in [
        "/..%2f..%2fetc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
    ] {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(s.base.trim_start_matches("http://"))
            .await
            .unwrap();
        let req = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        stream.write_all(req.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(!answer.contains("root:"), "{path}");
        assert!(
            answer.starts_with("HTTP/1.1 404") || answer.starts_with("HTTP/1.1 400"),
            "{path}: {answer}"
        );
    }
}

/// A symbolic link in the site that leads out of it is answered as missing, not followed.
#[cfg(unix)]
#[tokio::test]
async fn links_out_of_the_site_are_404() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "root:x:0:0").unwrap();
    let dist = site();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dist.path().join("notes.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dist.path().join("elsewhere")).unwrap();
    let s = serve(&dist, true).await;
    for path in ["/notes.txt", "/elsewhere/secret.txt"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 404, "{path}");
        assert!(!res.text().await.unwrap().contains("root:"), "{path}");
    }
}

#[tokio::test]
async fn a_missing_static_dir_is_a_start_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = mfa_server::Config::for_tests(dir.path().join("db.sqlite3"));
    config.static_dir = Some(dir.path().join("no-such-dist"));
    let err = mfa_server::start(config).await.err().expect("start fails");
    assert!(err.contains("no-such-dist"), "{err}");
}

#[tokio::test]
async fn an_unwritable_db_path_is_a_start_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let config = mfa_server::Config::for_tests(file.join("sub").join("db.sqlite3"));
    let err = mfa_server::start(config).await.err().expect("start fails");
    assert!(err.contains("cannot"), "{err}");
}

#[tokio::test]
async fn index_html_revalidates_with_an_etag() {
    let dist = site();
    let s = serve(&dist, true).await;
    let res = s.client.get(s.url("/security")).send().await.unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let res = s
        .client
        .get(s.url("/security"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 304);
    assert!(res.headers().contains_key("content-security-policy"));
    assert!(res.bytes().await.unwrap().is_empty());
    let res = s
        .client
        .get(s.url("/"))
        .header("if-none-match", "W/\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
}

/// What `scripts/build` writes: `.br` and `.gz` beside each file. The server picks brotli, then
/// gzip, then the plain file, from `Accept-Encoding`, and keeps each file's caching rule.
#[tokio::test]
async fn precompressed_siblings_follow_accept_encoding() {
    let dist = site();
    let root = dist.path().to_path_buf();
    std::fs::write(root.join("mfa-app-0123456789abcdef_bg.wasm.gz"), b"gzip bytes").unwrap();
    std::fs::write(root.join("index.html.br"), b"brotli index").unwrap();
    std::fs::write(root.join("index.html.gz"), b"gzip index").unwrap();
    let s = serve(&dist, true).await;
    let get = |path: &'static str, accept: &'static str| get_encoded(&s, path, accept);

    let wasm = "/mfa-app-0123456789abcdef_bg.wasm";
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), &b"brotli bytes"[..]),
        ("gzip", Some("gzip"), b"gzip bytes"),
        ("br;q=0, gzip", Some("gzip"), b"gzip bytes"),
        ("identity", None, b"\0asm\x01\0\0\0"),
    ] {
        let res = get(wasm, accept).await;
        let h = res.headers().clone();
        assert_eq!(
            h.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(h["content-type"], "application/wasm", "{accept}");
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable", "{accept}");
        assert_eq!(h["vary"], "Accept-Encoding", "{accept}");
        assert_eq!(res.bytes().await.unwrap().as_ref(), body, "{accept}");
    }

    // Client-side routes get the compressed index.html, still revalidated on every visit.
    let res = get("/security", "br").await;
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(res.headers().contains_key("content-security-policy"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli index");
}
