//! Slow and silent clients: connections that send part of a request head, or a head without
//! its body, are closed after a time-out, and they cannot take every connection the server has.

mod common;

use std::time::Duration;

use common::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A server with short time-outs and few connections.
async fn strict_server() -> TestServer {
    TestServer::start_with(|c| {
        c.connections.header_read_timeout = Duration::from_secs(1);
        c.connections.idle_timeout = Duration::from_secs(2);
        c.connections.max_connections = 16;
    })
    .await
}

/// Waits for the server to close `stream`, at most `limit`; true when it did.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let mut buf = Vec::new();
    tokio::time::timeout(limit, stream.read_to_end(&mut buf)).await.is_ok()
}

#[tokio::test]
async fn partial_request_heads_are_closed_and_take_no_other_request_s_place() {
    let s = strict_server().await;
    let addr = s.server.as_ref().unwrap().addr;
    let mut partial = Vec::new();
    for _ in 0..40 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /openapi.json HTTP/1.1\r\nHost: localhost\r\n")
            .await
            .unwrap();
        partial.push(stream);
    }
    let answer = tokio::time::timeout(Duration::from_secs(15), s.client.get(s.url("/openapi.json")).send())
        .await
        .expect("a plain request is answered while partial ones wait")
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    for stream in &mut partial {
        assert!(
            closed_within(stream, Duration::from_secs(10)).await,
            "a partial request head is closed"
        );
    }
}

#[tokio::test]
async fn a_silent_connection_and_a_body_that_never_comes_are_closed() {
    let s = strict_server().await;
    let addr = s.server.as_ref().unwrap().addr;
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let mut bodiless = TcpStream::connect(addr).await.unwrap();
    bodiless
        .write_all(
            b"POST /auth/sign_in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"email\"",
        )
        .await
        .unwrap();
    assert!(
        closed_within(&mut silent, Duration::from_secs(5)).await,
        "silent connection"
    );
    assert!(
        closed_within(&mut bodiless, Duration::from_secs(6)).await,
        "body that never comes"
    );
}
