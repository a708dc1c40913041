//! `quytrinh-desk serve | openapi`.

use clap::Parser;
use quytrinh_desk::{Cli, Command, Desk, init_logging, openapi_json, serve};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Openapi => {
            print!("{}", openapi_json());
            ExitCode::SUCCESS
        }
        Command::Serve(args) => {
            init_logging(args.log_json);
            let result = async {
                let desk = Desk::open(&args).await?;
                let listener = tokio::net::TcpListener::bind(&args.listen)
                    .await
                    .map_err(|e| format!("listen on {}: {e}", args.listen))?;
                serve(listener, desk, &args, shutdown()).await
            }
            .await;
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tracing::error!(error = %e, "quytrinh desk stopped");
                    eprintln!("quytrinh-desk: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("shutting down");
}
