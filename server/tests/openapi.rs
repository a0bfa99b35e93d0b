//! The OpenAPI document is generated for the mounted dialect, served, and lists every route of
//! the contract and nothing else.

mod common;

use common::TestServer;
use mfa_server::Dialect;
use reqwest::Method;
use serde_json::Value;

/// Every operation of the contract, per dialect, and the ones every deployment has.
const CG: &[(&str, &str)] = &[
    ("post", "/auth/sign_in"),
    ("delete", "/auth/sign_out"),
    ("post", "/auth/mfa/send_sms_otp"),
    ("post", "/auth/mfa/check"),
    ("post", "/auth/sign_in_with_recovery_code"),
    ("get", "/v2/user/me"),
    ("put", "/v2/user/mfa/enable"),
    ("put", "/v2/user/mfa/verify_installation"),
    ("put", "/v2/user/mfa/disable"),
    ("get", "/v2/user/mfa/lookup_phone_number"),
    ("put", "/v2/user/mfa/default_method"),
    ("put", "/v2/user/mfa/recovery_codes"),
    ("get", "/v2/user/mfa/recovery_codes"),
];
const B2CORE: &[(&str, &str)] = &[
    ("post", "/api/v2/signin"),
    ("post", "/api/v2/signin/2fa/{kind}"),
    ("delete", "/api/v2/signout"),
    ("post", "/api/v2/signout"),
    ("get", "/api/v2/my/2fa"),
    ("get", "/api/v2/my/2fa/{kind}/enable/wizard"),
    ("get", "/api/v2/my/2fa/{kind}/disable/wizard"),
    ("post", "/api/v2/my/2fa/wizard"),
];
const EVERYWHERE: &[(&str, &str)] = &[("get", "/openapi.json")];
const DEV: &[(&str, &str)] = &[
    ("get", "/config.json"),
    ("get", "/__dev/outbox"),
    ("post", "/__dev/users"),
];

fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut ops: Vec<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("path item")
                .keys()
                .map(|m| (m.clone(), path.clone()))
        })
        .collect();
    ops.sort();
    ops
}

fn expected(lists: &[&[(&str, &str)]]) -> Vec<(String, String)> {
    let mut ops: Vec<(String, String)> = lists
        .iter()
        .flat_map(|l| l.iter().map(|(m, p)| (m.to_string(), p.to_string())))
        .collect();
    ops.sort();
    ops
}

#[test]
fn each_dialect_documents_exactly_its_routes() {
    for (dialect, own) in [(Dialect::Cg, CG), (Dialect::B2core, B2CORE)] {
        for dev in [false, true] {
            let doc = serde_json::to_value(mfa_server::api(dialect, dev, 1).1).unwrap();
            assert_eq!(doc["openapi"], "3.1.0");
            let mut lists = vec![own, EVERYWHERE];
            if dev {
                lists.push(DEV);
            }
            assert_eq!(operations(&doc), expected(&lists), "{dialect:?} dev={dev}");
            for (method, path) in operations(&doc) {
                let responses = &doc["paths"][&path][&method]["responses"];
                assert!(responses.is_object(), "{method} {path} has no responses");
            }
        }
    }
}

#[test]
fn every_route_of_the_table_is_in_the_document() {
    for dialect in [Dialect::Cg, Dialect::B2core] {
        let doc = serde_json::to_value(mfa_server::api(dialect, true, 1).1).unwrap();
        let table = mfa_server::route_table(dialect, true);
        for (_, paths, _) in [table.sign_in, table.codes, table.other].into_iter().flatten() {
            for (path, item) in paths.paths {
                let item = serde_json::to_value(item).unwrap();
                for method in item.as_object().unwrap().keys() {
                    assert!(doc["paths"][&path][method].is_object(), "{method} {path} missing");
                }
            }
        }
    }
}

#[test]
fn every_schema_reference_resolves() {
    for dialect in [Dialect::Cg, Dialect::B2core] {
        let doc = serde_json::to_value(mfa_server::api(dialect, true, 1).1).unwrap();
        let text = doc.to_string();
        for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(
                doc["components"]["schemas"][name].is_object(),
                "{dialect:?}: {name} missing"
            );
        }
    }
}

#[tokio::test]
async fn the_document_of_the_mounted_dialect_is_served() {
    let s = TestServer::start().await;
    let res = s.send(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(res.headers()["content-type"], "application/json");
    let (status, body) = s.call(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, 200);
    assert!(body["paths"]["/v2/user/me"]["get"].is_object());
    assert!(
        body["paths"]["/api/v2/signin"].is_null(),
        "the other dialect is not mounted"
    );
    let b2 = TestServer::b2core().await;
    let (status, body) = b2.call(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, 200);
    assert!(body["paths"]["/api/v2/signin"]["post"].is_object());
    assert!(body["paths"]["/v2/user/me"].is_null());
}
