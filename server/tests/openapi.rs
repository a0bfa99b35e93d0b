//! The OpenAPI document is valid JSON, served, and lists every route of the router.

mod common;

use common::TestServer;
use reqwest::Method;

#[tokio::test]
async fn every_route_is_documented() {
    let doc: serde_json::Value = serde_json::from_str(mfa_server::OPENAPI).expect("valid JSON");
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    // Both dialects: each deployment mounts one of them.
    let mut routes: Vec<(&str, &str)> = [mfa_server::Dialect::Cg, mfa_server::Dialect::B2core]
        .into_iter()
        .flat_map(|d| mfa_server::route_table(d, true))
        .map(|(method, path, _)| (method, path))
        .collect();
    routes.sort_unstable();
    routes.dedup();
    for (method, path) in &routes {
        let op = &paths.get(*path).unwrap_or_else(|| panic!("{path} missing"))[method.to_ascii_lowercase()];
        assert!(op.is_object(), "{method} {path} missing");
        assert!(op["responses"].is_object(), "{method} {path} has no responses");
    }
    // And nothing is documented that does not exist.
    let count: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(count, routes.len());
}

#[tokio::test]
async fn the_document_is_served() {
    let s = TestServer::start().await;
    let (status, body) = s.call(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, 200);
    assert!(body["paths"]["/v2/user/me"]["get"].is_object());
}
