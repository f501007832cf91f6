//! `server`            — run the web server
//! `server migrate`    — create or update the database schema, then exit
//! `server seed`       — fill an empty database with demo data, then exit
//! `server purge`      — anonymise attendees' data older than the retention period, then exit
//!                       (the running server also does this by itself every six hours)
//! `server backup DIR` — a verified copy of the database and attachments in DIR/kernpunt-…
//! `server restore DIR`— put a backup folder back (refused while a server runs on it)
//! `server user add --email E --name N --role admin|coordinator|area_editor [--area SLUG]…`
//!                     — create an account; the password is read from standard input
//!
//! Configuration comes from environment variables; see README.md.

use server::{open_database, shutdown_signal, AppState, Config};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server [serve | migrate | seed | purge | backup DIR | restore DIR | user add --email E --name N --role R [--area SLUG]...]";

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    config.share_with_app();
    env_logger::Builder::new()
        .filter_level(config.log_level)
        .format_target(false)
        .init();

    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let result = match command.as_str() {
        "serve" => serve(config).await,
        "migrate" => open_database(&config.database)
            .await
            .map(|_| {
                println!("database {} is up to date", config.database.display());
            })
            .map_err(|e| e.to_string()),
        "seed" => seed(config).await,
        "purge" => purge(config).await,
        "backup" => backup(config, std::env::args().nth(2)).await,
        "restore" => restore(config, std::env::args().nth(2)).await,
        "user" => user_command(config, std::env::args().skip(2).collect()).await,
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
    let pool = open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    match app::demo::seed(&pool)
        .await
        .map_err(|e| format!("seeding failed, nothing was written: {e}"))?
    {
        app::demo::SeedOutcome::Seeded { areas } => {
            println!(
                "demo data written to {}: {areas} areas",
                config.database.display()
            )
        }
        app::demo::SeedOutcome::AlreadyHasData => {
            println!(
                "{} already has areas; demo data not added",
                config.database.display()
            )
        }
    }
    pool.close().await;
    Ok(())
}

async fn purge(config: Config) -> Result<(), String> {
    let pool = open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    let purged = app::sessions::db::purge_personal_data(
        &pool,
        config.retention_days,
        app::accounts::session::now(),
    )
    .await
    .map_err(|e| format!("the purge failed, nothing was changed: {e}"))?;
    println!(
        "anonymised {} registrations of {} sessions that ended more than {} days ago; deleted {} old mails",
        purged.registrations, purged.sessions, config.retention_days, purged.mails
    );
    pool.close().await;
    Ok(())
}

async fn backup(config: Config, dir: Option<String>) -> Result<(), String> {
    let dir = dir.ok_or(format!("backup needs a folder\n{USAGE}"))?;
    let pool = open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    let folder = server::backup::make(&pool, dir.as_ref(), app::accounts::session::now()).await?;
    println!("backup written to {} and checked", folder.display());
    pool.close().await;
    Ok(())
}

async fn restore(config: Config, dir: Option<String>) -> Result<(), String> {
    let dir = dir.ok_or(format!("restore needs a backup folder\n{USAGE}"))?;
    server::backup::restore(
        dir.as_ref(),
        &config.database,
        app::accounts::session::now(),
    )
    .await?;
    println!(
        "{} restored from {}; the replaced files are kept beside it (….before-restore-…)",
        config.database.display(),
        dir
    );
    Ok(())
}

async fn serve(config: Config) -> Result<(), String> {
    let pool = open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    // Held while serving: `server restore` refuses while any server holds it.
    let _lock = server::backup::hold_shared(&config.database)
        .map_err(|e| format!("cannot lock {}: {e}", config.database.display()))?;
    let backups = config.backup_dir.clone().map(|dir| {
        log::info!("a backup a day goes to {}", dir.display());
        server::backup::spawn_daily(pool.clone(), dir)
    });
    let mailer = server::mail::Mailer::new(&config.mail, &config.mail_from)
        .map_err(|e| format!("mail (KERNPUNT_MAIL): {e}"))?;
    match &config.mail {
        server::mail::MailSetting::Folder(folder) => {
            log::info!(
                "mail is written to {} (set KERNPUNT_MAIL to an SMTP URL to send it)",
                folder.display()
            )
        }
        server::mail::MailSetting::Smtp(_) => log::info!("mail is sent over SMTP"),
    }
    let worker = server::mail::spawn_worker(
        pool.clone(),
        mailer,
        config.retention_days,
        std::time::Duration::from_secs(2),
    );
    let state = AppState {
        leptos_options: config.leptos_options(),
        pool: pool.clone(),
        trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
        metrics_token: config.metrics_token.clone(),
    };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {} (KERNPUNT_ADDR): {e}", config.addr))?;
    log::info!("Kernpunt listening on http://{}", config.addr);
    server::serve(listener, state, shutdown_signal())
        .await
        .map_err(|e| format!("server stopped with an error: {e}"))?;
    worker.abort();
    if let Some(backups) = backups {
        backups.abort();
    }
    pool.close().await;
    log::info!("stopped");
    Ok(())
}

/// `user add`: the way to create the first administrator. The password never appears on
/// the command line (where `ps` and shell history would show it): it is read from a prompt
/// with echo off, or from standard input when that is not a terminal.
async fn user_command(config: Config, args: Vec<String>) -> Result<(), String> {
    use app::accounts::{db, password, Role};
    let mut args = args.into_iter();
    if args.next().as_deref() != Some("add") {
        return Err(USAGE.into());
    }
    let (mut email, mut name, mut role, mut areas) = (None, None, None, Vec::new());
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--email" => email = Some(value),
            "--name" => name = Some(value),
            "--role" => {
                role = Some(Role::from_code(&value).ok_or_else(|| {
                    format!("unknown role {value:?}; use admin, coordinator or area_editor")
                })?)
            }
            "--area" => areas.push(value),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    let email = email.ok_or("--email is required")?;
    let role = role.ok_or("--role is required")?;
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or("").to_string());
    if !email.contains('@') {
        return Err(format!("{email:?} is not an email address"));
    }

    let secret = read_password()?;
    password::check_strength(&secret)?;
    let pool = open_database(&config.database)
        .await
        .map_err(|e| e.to_string())?;
    let mut area_ids = Vec::new();
    for slug in &areas {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
            .bind(slug)
            .fetch_optional(&pool)
            .await
            .map_err(|e| e.to_string())?;
        area_ids.push(id.ok_or_else(|| format!("no area with slug {slug:?}"))?);
    }
    let id = db::create_user(&pool, &email, &name, role, Some(&password::hash(&secret)))
        .await
        .map_err(|e| e.to_string())?;
    db::assign_areas(&pool, id, &area_ids)
        .await
        .map_err(|e| e.to_string())?;
    println!("account {email} created with role {}", role.code());
    Ok(())
}

fn read_password() -> Result<String, String> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let set_echo = |on: bool| {
        let _ = std::process::Command::new("stty")
            .arg(if on { "echo" } else { "-echo" })
            .status();
    };
    if interactive {
        print!("Password: ");
        let _ = std::io::stdout().flush();
        set_echo(false);
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if interactive {
        set_echo(true);
        println!();
    }
    read.map_err(|e| format!("could not read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
