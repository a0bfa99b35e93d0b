//! A panic in one request answers 500 in the dialect's error shape and leaves the server, and
//! the database, as they were for every other request.

mod common;

use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use common::TestServer;
use mfa_server::error::AppResult;
use mfa_server::{db, AppState, Dialect};
use reqwest::Method;
use serde_json::json;

/// Routes that break: one panics in the handler, one in the middle of a transaction that
/// has written a user.
fn breaking_routes() -> Router<AppState> {
    async fn handler_panics() -> &'static str {
        panic!("a handler broke")
    }
    async fn transaction_panics(State(st): State<AppState>) -> AppResult<()> {
        st.db
            .call(|c| {
                db::insert_user(c, "half-written@example.com", "x", "", "", 0)?;
                panic!("a transaction broke")
            })
            .await
    }
    Router::new()
        .route("/v2/user/breaks", get(handler_panics))
        .route("/api/v2/breaks", get(handler_panics))
        .route("/v2/user/breaks-in-a-transaction", post(transaction_panics))
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_next_sign_in_works() {
    let s = TestServer::start_with_routes(|_| {}, breaking_routes()).await;
    s.create_user("after-panic@example.com", "correct horse battery").await;
    let (status, body) = s.call(Method::GET, "/v2/user/breaks", None, None).await;
    assert_eq!((status, body), (500, json!({ "errors": ["Internal server error"] })));
    s.sign_in("after-panic@example.com", "correct horse battery").await;
}

#[tokio::test]
async fn b2core_a_panicking_handler_answers_in_its_error_shape() {
    let s = TestServer::start_with_routes(|c| c.dialect = Dialect::B2core, breaking_routes()).await;
    let (status, body) = s.call(Method::GET, "/api/v2/breaks", None, None).await;
    assert_eq!(status, 500);
    assert_eq!(
        body,
        json!({ "message": "Internal server error", "errors": { "request": ["Internal server error"] } })
    );
}

#[tokio::test]
async fn a_panic_inside_a_transaction_rolls_it_back() {
    let s = TestServer::start_with_routes(|_| {}, breaking_routes()).await;
    let (status, _) = s
        .call(Method::POST, "/v2/user/breaks-in-a-transaction", None, None)
        .await;
    assert_eq!(status, 500);
    // The next requests find the database usable and without the half-written user.
    s.create_user("half-written@example.com", "correct horse battery").await;
    s.sign_in("half-written@example.com", "correct horse battery").await;
}
