//! Entry point of the `mfa-server` binary: reads the command line, starts the server, stops on Ctrl-C or
//! SIGTERM.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let config = match mfa_server::config::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        // Prints help or version on stdout (exit 0), or the error and the usage on stderr (2).
        Err(mfa_server::config::ConfigError::Cli(e)) => e.exit(),
        Err(e) => {
            eprintln!("mfa-server: {e}");
            return ExitCode::from(2);
        }
    };
    let dev = config.dev;
    let dialect = config.dialect.as_str();
    let server = match mfa_server::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("mfa-server: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "mfa-server listening on {} (dialect {dialect}{})",
        server.url(),
        if dev { ", development mode" } else { "" }
    );
    shutdown_signal().await;
    tracing::info!("shutting down");
    server.stop().await;
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
