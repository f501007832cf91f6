//! Sending the mail outbox (`app::mail`): the transport — SMTP through lettre in
//! production, `.eml` files in a folder by default so `make run` needs no mail server — and
//! the background worker, which also queues the 24-hour reminders and runs the retention
//! purge.

use app::mail::{self as outbox, Queued};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::SqlitePool;
use std::path::PathBuf;
use std::time::Duration;

/// Where mail goes, from `KERNPUNT_MAIL`.
#[derive(Clone, Debug, PartialEq)]
pub enum MailSetting {
    /// Each message as `<id>-<kind>.eml` in this folder (`KERNPUNT_MAIL_DIR`).
    Folder(PathBuf),
    /// An SMTP URL such as `smtp://user:password@mail.example.nl:587?tls=required` or
    /// `smtps://…:465` (see lettre's `from_url`).
    Smtp(String),
}

/// `List-Unsubscribe: <url>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

/// A ready transport with its sender address.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

enum Transport {
    Folder(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// Why one message could not be sent; a permanent failure is not retried.
#[derive(Debug)]
pub struct SendError {
    pub message: String,
    pub permanent: bool,
}

impl Mailer {
    pub fn new(setting: &MailSetting, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("{from:?} is not a sender address: {e}"))?;
        let transport = match setting {
            MailSetting::Folder(folder) => {
                std::fs::create_dir_all(folder).map_err(|e| {
                    format!("cannot create the mail folder {}: {e}", folder.display())
                })?;
                Transport::Folder(folder.clone())
            }
            MailSetting::Smtp(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("the SMTP address is not usable: {e}"))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
        };
        Ok(Mailer { from, transport })
    }

    /// Sends one outbox row.
    pub async fn send(&self, queued: &Queued) -> Result<(), SendError> {
        let permanent = |message: String| SendError {
            message,
            permanent: true,
        };
        let to: Mailbox = queued.recipient.parse().map_err(|e| {
            permanent(format!(
                "the address {:?} is not usable: {e}",
                queued.recipient
            ))
        })?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&queued.subject);
        if let Some(url) = &queued.list_unsubscribe {
            // RFC 8058: mail programs offer "unsubscribe" and POST to the URL themselves.
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        let message = match (
            &queued.attachment_name,
            &queued.attachment_type,
            &queued.attachment,
        ) {
            (Some(name), Some(kind), Some(content)) => {
                let kind = ContentType::parse(kind)
                    .map_err(|e| permanent(format!("attachment type {kind:?}: {e}")))?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(SinglePart::plain(queued.body.clone()))
                        .singlepart(Attachment::new(name.clone()).body(content.clone(), kind)),
                )
            }
            _ => builder.body(queued.body.clone()),
        }
        .map_err(|e| permanent(format!("the message could not be built: {e}")))?;
        match &self.transport {
            Transport::Folder(folder) => {
                // Written beside and renamed, so a reader never sees half a file.
                let name = format!("{:06}-{}.eml", queued.id, queued.kind);
                let partial = folder.join(format!(".{name}.part"));
                let write = async {
                    tokio::fs::write(&partial, message.formatted()).await?;
                    tokio::fs::rename(&partial, folder.join(&name)).await
                };
                write.await.map_err(|e| SendError {
                    message: format!("cannot write to {}: {e}", folder.display()),
                    permanent: false,
                })
            }
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| SendError {
                permanent: e.is_permanent(),
                message: e.to_string(),
            }),
        }
    }
}

/// What one round of the worker did.
#[derive(Debug, Default, PartialEq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// This process's name in the outbox's claims.
fn worker_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
        format!(
            "{}:{}:{}",
            host.trim(),
            std::process::id(),
            app::accounts::session::new_token()
                .get(..8)
                .unwrap_or_default()
        )
    })
}

/// Sends every outbox row that is due at `now`; failures are recorded and retried later.
/// Each batch is claimed first, so another server process on the same database never
/// sends the same mail (see `outbox::claim_due`).
pub async fn deliver_due(
    pool: &SqlitePool,
    mailer: &Mailer,
    now: i64,
) -> Result<Delivery, sqlx::Error> {
    deliver_due_as(pool, mailer, now, worker_name()).await
}

/// [`deliver_due`] under a given worker name (tests run two "processes" in one).
pub async fn deliver_due_as(
    pool: &SqlitePool,
    mailer: &Mailer,
    now: i64,
    worker: &str,
) -> Result<Delivery, sqlx::Error> {
    let mut delivery = Delivery::default();
    loop {
        let batch = outbox::claim_due(pool, worker, now, 50).await?;
        if batch.is_empty() {
            return Ok(delivery);
        }
        for queued in &batch {
            match mailer.send(queued).await {
                Ok(()) => {
                    outbox::mark_sent(pool, queued.id, now).await?;
                    delivery.sent += 1;
                }
                Err(error) => {
                    log::warn!(
                        "mail {} ({}) not sent, attempt {}: {}",
                        queued.id,
                        queued.kind,
                        queued.attempts + 1,
                        error.message
                    );
                    let mut attempt = queued.clone();
                    if error.permanent {
                        attempt.attempts = outbox::MAX_ATTEMPTS - 1;
                    }
                    outbox::mark_failed(pool, &attempt, &error.message, now).await?;
                    delivery.failed += 1;
                }
            }
        }
    }
}

/// When the worker last started a round (unix seconds; 0 before the first), for `/readyz`.
static WORKER_BEAT: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

pub fn last_worker_beat() -> i64 {
    WORKER_BEAT.load(std::sync::atomic::Ordering::Relaxed)
}

/// Runs for the life of the server: sends the outbox every `interval`, queues reminders
/// every minute and purges expired personal data every six hours.
pub fn spawn_worker(
    pool: SqlitePool,
    mailer: Mailer,
    retention_days: u32,
    interval: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_reminders = 0_i64;
        let mut last_purge = 0_i64;
        loop {
            let now = app::accounts::session::now();
            WORKER_BEAT.store(now, std::sync::atomic::Ordering::Relaxed);
            // News for those who follow it "at once", and once a week the digests.
            match app::following::db::send_instant(&pool, now).await {
                Ok(0) => {}
                Ok(n) => log::info!("queued {n} mails about news for followers"),
                Err(error) => log::error!("queueing news for followers failed: {error}"),
            }
            if now - last_reminders >= 60 {
                match app::following::db::send_digests(&pool, now).await {
                    Ok(Some(n)) => log::info!("queued {n} weekly digests"),
                    Ok(None) => {}
                    Err(error) => log::error!("queueing the weekly digests failed: {error}"),
                }
                match app::sessions::db::queue_reminders(&pool, now).await {
                    Ok(0) => {}
                    Ok(n) => log::info!("queued {n} reminders"),
                    Err(error) => log::error!("queueing reminders failed: {error}"),
                }
                last_reminders = now;
            }
            if now - last_purge >= 6 * 3600 {
                match app::sessions::db::purge_personal_data(&pool, retention_days, now).await {
                    Ok(purged) if purged.registrations > 0 || purged.mails > 0 => {
                        log::info!("retention purge: {purged:?}")
                    }
                    Ok(_) => {}
                    Err(error) => log::error!("retention purge failed: {error}"),
                }
                if let Err(error) = app::sessions::mine::db::forget_unused_feeds(&pool).await {
                    log::error!("forgetting unused calendar feeds failed: {error}");
                }
                if let Err(error) = app::following::db::forget_in_time(&pool, now).await {
                    log::error!("forgetting unconfirmed follows failed: {error}");
                }
                if let Err(error) = app::areas::proposals::db::forget_in_time(&pool, now).await {
                    log::error!("forgetting proposals' personal data failed: {error}");
                }
                last_purge = now;
            }
            if let Err(error) = deliver_due(&pool, &mailer, now).await {
                log::error!("sending mail failed: {error}");
            }
            tokio::time::sleep(interval).await;
        }
    })
}
