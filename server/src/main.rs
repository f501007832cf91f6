//! `server`            — run the web server
//! `server migrate`    — create or update the database schema, then exit
//! `server seed`       — fill an empty database with demo data, then exit
//!
//! Configuration comes from environment variables; see README.md.

use server::{open_database, shutdown_signal, AppState, Config};
use std::process::ExitCode;

const USAGE: &str = "usage: server [serve | migrate | seed]";

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    env_logger::Builder::new()
        .filter_level(config.log_level)
        .format_target(false)
        .init();

    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let result = match command.as_str() {
        "serve" => serve(config).await,
        "migrate" => open_database(&config.database).await.map(|_| {
            println!("database {} is up to date", config.database.display());
        }).map_err(|e| e.to_string()),
        "seed" => seed(config).await,
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(config: Config) -> Result<(), String> {
    let pool = open_database(&config.database).await.map_err(|e| e.to_string())?;
    match app::demo::seed(&pool).await.map_err(|e| format!("seeding failed, nothing was written: {e}"))? {
        app::demo::SeedOutcome::Seeded { areas } => {
            println!("demo data written to {}: {areas} areas", config.database.display())
        }
        app::demo::SeedOutcome::AlreadyHasData => {
            println!("{} already has areas; demo data not added", config.database.display())
        }
    }
    pool.close().await;
    Ok(())
}

async fn serve(config: Config) -> Result<(), String> {
    let pool = open_database(&config.database).await.map_err(|e| e.to_string())?;
    let state = AppState { leptos_options: config.leptos_options(), pool: pool.clone() };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {} (KERNPUNT_ADDR): {e}", config.addr))?;
    log::info!("Kernpunt listening on http://{}", config.addr);
    server::serve(listener, state, shutdown_signal())
        .await
        .map_err(|e| format!("server stopped with an error: {e}"))?;
    pool.close().await;
    log::info!("stopped");
    Ok(())
}
