//! Load generator for a running server: signs in one throw-away user per worker (through the
//! development endpoint `/__dev/users`, so start the server with `--dev`), then has every worker
//! call `GET /v2/user/me` in a loop and reports throughput and latency percentiles.
//!
//! ```text
//! cargo run -p mfa-server --release -- --dev --db /tmp/load.sqlite3 &
//! cargo run -p mfa-server --release --example load -- --url http://127.0.0.1:8080 --workers 32 --requests 20000
//! ```

use std::time::{Duration, Instant};

use serde_json::json;

struct Args {
    url: String,
    workers: usize,
    requests: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        url: "http://127.0.0.1:8080".into(),
        workers: 16,
        requests: 5000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => args.url = value()?.trim_end_matches('/').to_string(),
            "--workers" => args.workers = value()?.parse().map_err(|_| "--workers: a number")?,
            "--requests" => args.requests = value()?.parse().map_err(|_| "--requests: a number")?,
            other => return Err(format!("unknown flag {other} (use --url, --workers, --requests)")),
        }
    }
    if args.workers == 0 || args.requests == 0 {
        return Err("--workers and --requests must be positive".into());
    }
    Ok(args)
}

async fn sign_in(client: &reqwest::Client, url: &str, n: usize, run: u128) -> Result<String, String> {
    let email = format!("load-{run}-{n}@example.com");
    let password = "load-test-password";
    let created = client
        .post(format!("{url}/__dev/users"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if created.status().as_u16() != 201 {
        return Err(format!(
            "creating a user failed with {} (is --dev on?)",
            created.status()
        ));
    }
    let body: serde_json::Value = client
        .post(format!("{url}/auth/sign_in"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    body["token"]
        .as_str()
        .map(str::to_string)
        .ok_or(format!("no token in {body}"))
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let client = reqwest::Client::new();
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let started = Instant::now();
    let mut tokens = Vec::new();
    for n in 0..args.workers {
        match sign_in(&client, &args.url, n, run).await {
            Ok(t) => tokens.push(t),
            Err(e) => {
                eprintln!("load: {e}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "signed in {} users in {:.2} s (argon2id password checks)",
        args.workers,
        started.elapsed().as_secs_f64()
    );

    let per_worker = args.requests.div_ceil(args.workers);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for token in tokens {
        let client = client.clone();
        let url = format!("{}/v2/user/me", args.url);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_worker);
            let mut errors = 0usize;
            for _ in 0..per_worker {
                let t = Instant::now();
                match client.get(&url).bearer_auth(&token).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        latencies.push(t.elapsed());
                    }
                    _ => errors += 1,
                }
            }
            (latencies, errors)
        }));
    }
    let mut all: Vec<Duration> = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("worker finished");
        all.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((all.len() as f64 - 1.0) * p).round() as usize;
        all[i].as_secs_f64() * 1000.0
    };
    println!(
        "GET /v2/user/me: {} ok, {errors} failed, {:.0} req/s, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
