//! A burst of sign-ins (known or unknown emails) runs argon2 a bounded number at a time.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::{at_once, status_of, TestServer};
use serde_json::json;

#[tokio::test]
async fn a_burst_of_fifty_sign_ins_hashes_under_the_bound() {
    let s = TestServer::start().await;
    s.create_user("known@example.com", "correct horse battery").await;
    let (client, url) = (s.client.clone(), s.url("/auth/sign_in"));
    let n = AtomicUsize::new(0);
    let statuses = at_once(50, || {
        let i = n.fetch_add(1, Ordering::Relaxed);
        let email = if i.is_multiple_of(2) {
            "known@example.com".to_string()
        } else {
            format!("nobody-{i}@example.com")
        };
        let password = if i.is_multiple_of(4) {
            "correct horse battery"
        } else {
            "wrong guess"
        };
        status_of(client.post(&url).json(&json!({ "email": email, "password": password })))
    })
    .await;
    assert!(statuses.iter().all(|s| [200, 401, 429].contains(s)), "{statuses:?}");
    let bound = mfa_server::crypto::hashing_bound();
    let peak = mfa_server::crypto::hashing_peak();
    assert!(peak >= 1 && peak <= bound, "peak {peak} of bound {bound}");
}
