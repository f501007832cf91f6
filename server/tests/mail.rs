//! The mail outbox: every change that concerns an attendee leaves a mail in the outbox in
//! the same transaction; the worker delivers it through a real transport (files, or SMTP
//! to a small SMTP server in this test), retries when the transport fails, and delivers
//! after a restart what was written before a crash. Also reminders and the retention purge.

mod common;

use common::TestServer;
use server::mail::{deliver_due, spawn_worker, MailSetting, Mailer};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const FROM: &str = "Kernpunt <noreply@kernpunt.example>";

/// (kind, recipient, sent?) of every outbox row, oldest first.
async fn outbox(server: &TestServer) -> Vec<(String, String, bool)> {
    sqlx::query_as("SELECT kind, recipient, sent_at IS NOT NULL FROM mail_outbox ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap()
}

fn folder_mailer(server: &TestServer) -> (Mailer, std::path::PathBuf) {
    let folder = server.dir.path().join("mail");
    (
        Mailer::new(&MailSetting::Folder(folder.clone()), FROM).unwrap(),
        folder,
    )
}

fn mails_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.ends_with(".eml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn now() -> i64 {
    app::accounts::session::now()
}

#[tokio::test]
async fn sign_up_mails_a_confirmation_with_calendar_and_personal_link() {
    let server = TestServer::start().await;
    server.add_session("praktijk", 1, "2099-03-01T19:30").await;
    let (status, token) = server
        .sign_up("praktijk", "Sanne de Vries", "sanne@voorbeeld.nl")
        .await;
    assert_eq!(status, 200);
    let (status, _) = server
        .sign_up("praktijk", "Piet Jansen", "piet@voorbeeld.nl")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        outbox(&server).await,
        vec![
            ("confirmation".into(), "sanne@voorbeeld.nl".into(), false),
            ("waiting".into(), "piet@voorbeeld.nl".into(), false),
        ]
    );

    let (mailer, folder) = folder_mailer(&server);
    let delivery = deliver_due(&server.pool, &mailer, now()).await.unwrap();
    assert_eq!((delivery.sent, delivery.failed), (2, 0));
    let files = mails_in(&folder);
    assert_eq!(files.len(), 2, "{files:?}");
    let confirmation = std::fs::read_to_string(folder.join(&files[0])).unwrap();
    assert!(
        confirmation.contains("To: sanne@voorbeeld.nl"),
        "{confirmation}"
    );
    assert!(confirmation.contains("text/calendar"));
    assert!(
        confirmation.contains("filename=\"praktijk.ics\""),
        "{confirmation}"
    );
    let waiting = std::fs::read_to_string(folder.join(&files[1])).unwrap();
    assert!(waiting.contains("To: piet@voorbeeld.nl"));
    assert!(
        !waiting.contains("text/calendar"),
        "no calendar file while waiting"
    );
    // The text as written to the outbox (the file holds it transfer-encoded).
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM mail_outbox ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert!(bodies[0].contains(&format!("/aanmelding/{token}")));
    assert!(
        !bodies[0].contains("geheim-42"),
        "the meeting link comes with the reminder, not the confirmation"
    );
    assert!(bodies[1].contains("op plaats 1"), "{}", bodies[1]);
    // Sent rows are not sent twice.
    let again = deliver_due(&server.pool, &mailer, now()).await.unwrap();
    assert_eq!(again.sent, 0);
}

#[tokio::test]
async fn cancelling_mails_the_canceller_and_the_promoted_person() {
    let server = TestServer::start().await;
    server.add_session("praktijk", 1, "2099-03-01T19:30").await;
    let (_, first) = server
        .sign_up("praktijk", "Sanne", "sanne@voorbeeld.nl")
        .await;
    server
        .sign_up("praktijk", "Piet", "piet@voorbeeld.nl")
        .await;
    let response = server
        .post_fn("cancel_registration", None, &[("token", &first)])
        .await;
    assert_eq!(response.status(), 200);
    let kinds: Vec<(String, String)> = outbox(&server)
        .await
        .into_iter()
        .skip(2)
        .map(|(kind, to, _)| (kind, to))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("cancelled_by_attendee".into(), "sanne@voorbeeld.nl".into()),
            ("promoted".into(), "piet@voorbeeld.nl".into()),
        ]
    );
}

#[tokio::test]
async fn signing_up_twice_mails_a_new_link_that_works_once_per_ten_minutes() {
    let server = TestServer::start().await;
    server.add_session("praktijk", 10, "2099-03-01T19:30").await;
    let (_, first) = server
        .sign_up("praktijk", "Sanne", "sanne@voorbeeld.nl")
        .await;
    let (status, body) = server
        .sign_up("praktijk", "Sanne", "SANNE@voorbeeld.nl")
        .await;
    assert_eq!((status, body.as_str()), (409, "Duplicate"));
    assert!(app::sessions::SignupError::Duplicate
        .to_string()
        .contains("link naar uw aanmelding"));
    let body: String = sqlx::query_scalar("SELECT body FROM mail_outbox WHERE kind = 'link_again'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let new_token: String = body
        .split("/aanmelding/")
        .nth(1)
        .unwrap()
        .chars()
        .take(64)
        .collect();
    assert_ne!(new_token, first);
    for token in [&first, &new_token] {
        let (status, page) = server.get(&format!("/aanmelding/{token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Sanne"), "both links open the registration");
    }
    // A third try soon after: the message again, but no second mail.
    server
        .sign_up("praktijk", "Sanne", "sanne@voorbeeld.nl")
        .await;
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE kind = 'link_again'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(count, 1);
    let registrations: i64 = sqlx::query_scalar("SELECT count(*) FROM registrations")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(registrations, 1, "never a duplicate registration");
}

/// A minimal SMTP server: accepts or (with `refuse`) answers 451 "try later" to RCPT.
async fn smtp_server(refuse: Arc<Mutex<bool>>, received: Arc<Mutex<Vec<String>>>) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let refuse = refuse.clone();
            let received = received.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            received.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test\r\n",
                        "RCPT" if *refuse.lock().unwrap() => b"451 4.3.0 try again later\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    port
}

#[tokio::test]
async fn a_failing_transport_loses_nothing_and_retries_with_backoff() {
    let server = TestServer::start().await;
    server.add_session("praktijk", 10, "2099-03-01T19:30").await;
    server
        .sign_up("praktijk", "Sanne", "sanne@voorbeeld.nl")
        .await;

    let refuse = Arc::new(Mutex::new(true));
    let received = Arc::new(Mutex::new(Vec::new()));
    let port = smtp_server(refuse.clone(), received.clone()).await;
    let smtp = Mailer::new(&MailSetting::Smtp(format!("smtp://127.0.0.1:{port}")), FROM).unwrap();

    let start = now();
    let delivery = deliver_due(&server.pool, &smtp, start).await.unwrap();
    assert_eq!((delivery.sent, delivery.failed), (0, 1));
    let (attempts, next, error, sent): (i64, i64, String, Option<i64>) =
        sqlx::query_as("SELECT attempts, next_attempt_at, last_error, sent_at FROM mail_outbox")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert_eq!(next, start + 30, "retried after the first backoff");
    assert!(
        error.contains("451") || error.contains("try again"),
        "{error}"
    );
    assert_eq!(sent, None);
    // Not due yet: nothing is tried.
    let early = deliver_due(&server.pool, &smtp, start + 10).await.unwrap();
    assert_eq!((early.sent, early.failed), (0, 0));
    // Still failing at the next attempt: the delay doubles.
    deliver_due(&server.pool, &smtp, start + 30).await.unwrap();
    let next: i64 = sqlx::query_scalar("SELECT next_attempt_at FROM mail_outbox")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(next, start + 30 + 60);
    assert!(received.lock().unwrap().is_empty());

    // The mail server recovers: the message goes out, once.
    *refuse.lock().unwrap() = false;
    let delivery = deliver_due(&server.pool, &smtp, start + 90).await.unwrap();
    assert_eq!((delivery.sent, delivery.failed), (1, 0));
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].contains("Subject: Aangemeld: Leegstand in de praktijk"),
        "{}",
        messages[0]
    );
    let attempts: i64 =
        sqlx::query_scalar("SELECT attempts FROM mail_outbox WHERE sent_at IS NOT NULL")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(attempts, 3);
}

#[tokio::test]
async fn an_unusable_address_is_given_up_with_its_error() {
    let server = TestServer::start().await;
    sqlx::query(
        "INSERT INTO mail_outbox (kind, recipient, subject, body, created_at, next_attempt_at)
         VALUES ('confirmation', 'niet-een-adres', 'Test', 'Test', 0, 0)",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (mailer, _) = folder_mailer(&server);
    deliver_due(&server.pool, &mailer, now()).await.unwrap();
    let (failed, error): (Option<i64>, String) =
        sqlx::query_as("SELECT failed_at, last_error FROM mail_outbox")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert!(failed.is_some());
    assert!(error.contains("niet-een-adres"), "{error}");
}

#[tokio::test]
async fn mail_written_before_a_crash_is_sent_after_the_restart() {
    let server = TestServer::start().await;
    server.add_session("praktijk", 10, "2099-03-01T19:30").await;
    // The server wrote the sign-up and its mail, then "crashed" before any worker ran.
    server
        .sign_up("praktijk", "Sanne", "sanne@voorbeeld.nl")
        .await;
    server
        .sign_up("praktijk", "Piet", "piet@voorbeeld.nl")
        .await;
    server.pool.close().await;

    // Restart: a new connection pool on the same file and the real worker.
    let pool = server::open_database(&server.dir.path().join("kernpunt.db"))
        .await
        .unwrap();
    let (mailer, folder) = folder_mailer(&server);
    let worker = spawn_worker(
        pool.clone(),
        mailer,
        90,
        std::time::Duration::from_millis(50),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while mails_in(&folder).len() < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    worker.abort();
    assert_eq!(
        mails_in(&folder).len(),
        2,
        "both mails arrive after the restart"
    );
    let unsent: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(unsent, 0);
}

#[tokio::test]
async fn reminders_go_once_a_day_before_to_those_with_a_place() {
    let server = TestServer::start().await;
    // Starts in about 12 hours, Amsterdam time.
    let soon = app::sessions::amsterdam_time(now() + 12 * 3600);
    server.add_session("morgen", 1, &soon).await;
    server
        .sign_up("morgen", "Sanne", "sanne@voorbeeld.nl")
        .await;
    server.sign_up("morgen", "Piet", "piet@voorbeeld.nl").await;
    let queued = app::sessions::db::queue_reminders(&server.pool, now())
        .await
        .unwrap();
    assert_eq!(
        queued, 1,
        "only the confirmed attendee, not the waiting one"
    );
    let (to, body): (String, String) =
        sqlx::query_as("SELECT recipient, body FROM mail_outbox WHERE kind = 'reminder'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(to, "sanne@voorbeeld.nl");
    assert!(body.contains("https://meet.example.nl/geheim-42"));
    assert_eq!(
        app::sessions::db::queue_reminders(&server.pool, now())
            .await
            .unwrap(),
        0,
        "never twice"
    );
    // Sessions further away get none yet.
    server.add_session("later", 5, "2099-03-01T19:30").await;
    server.sign_up("later", "Sanne", "sanne@voorbeeld.nl").await;
    assert_eq!(
        app::sessions::db::queue_reminders(&server.pool, now())
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn retention_purge_removes_personal_data_and_keeps_the_numbers() {
    let server = TestServer::start().await;
    server
        .add_session("lang-geleden", 1, "2099-03-01T19:30")
        .await;
    let (_, token) = server
        .sign_up("lang-geleden", "Sanne de Vries", "sanne@voorbeeld.nl")
        .await;
    server
        .sign_up("lang-geleden", "Piet Jansen", "piet@voorbeeld.nl")
        .await;
    // Move the session into the past, 100 days ago.
    sqlx::query(
        "UPDATE learning_sessions SET starts_at = ?, ends_at = ? WHERE slug = 'lang-geleden'",
    )
    .bind(app::sessions::amsterdam_time(now() - 100 * 86_400 - 3600))
    .bind(app::sessions::amsterdam_time(now() - 100 * 86_400))
    .execute(&server.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE registrations SET attended = 1 WHERE email = 'sanne@voorbeeld.nl'")
        .execute(&server.pool)
        .await
        .unwrap();
    // A session that ended recently keeps its data.
    server.add_session("recent", 5, "2099-03-01T19:30").await;
    server.sign_up("recent", "Kees", "kees@voorbeeld.nl").await;
    sqlx::query("UPDATE learning_sessions SET starts_at = ?, ends_at = ? WHERE slug = 'recent'")
        .bind(app::sessions::amsterdam_time(now() - 10 * 86_400 - 3600))
        .bind(app::sessions::amsterdam_time(now() - 10 * 86_400))
        .execute(&server.pool)
        .await
        .unwrap();

    let purged = app::sessions::db::purge_personal_data(&server.pool, 90, now())
        .await
        .unwrap();
    assert_eq!(purged.registrations, 2);

    let leftovers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations r JOIN learning_sessions s ON s.id = r.session_id
         WHERE s.slug = 'lang-geleden' AND (r.name <> '' OR r.email LIKE '%voorbeeld%' OR r.organisation <> '')",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(leftovers, 0, "no personal data left");
    let mails: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_outbox WHERE recipient IN ('sanne@voorbeeld.nl', 'piet@voorbeeld.nl')",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(mails, 0, "their mails are gone too");
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE r.status = 'confirmed'), count(*) FILTER (WHERE r.status = 'waiting'),
                count(*) FILTER (WHERE r.attended = 1)
         FROM registrations r JOIN learning_sessions s ON s.id = r.session_id WHERE s.slug = 'lang-geleden'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(counts, (1, 1, 1), "the numbers stay");
    let (status, _) = server.get(&format!("/aanmelding/{token}")).await;
    assert_eq!(status, 404, "the personal link no longer works");
    let kees: String =
        sqlx::query_scalar("SELECT name FROM registrations WHERE email = 'kees@voorbeeld.nl'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(kees, "Kees");
    // Running it again changes nothing.
    let again = app::sessions::db::purge_personal_data(&server.pool, 90, now())
        .await
        .unwrap();
    assert_eq!(again.registrations, 0);
}

/// A server with `mails` sign-up confirmations queued, and a second connection pool on its
/// database, as a second server process would have.
async fn outbox_for_two_processes(mails: usize) -> (TestServer, sqlx::SqlitePool) {
    let server = TestServer::start().await;
    server.add_session("drukte", 100, "2099-03-01T19:30").await;
    for n in 0..mails {
        let (status, _) = server
            .sign_up("drukte", "Naam", &format!("p{n}@voorbeeld.nl"))
            .await;
        assert_eq!(status, 200);
    }
    let second_pool = server::open_database(&server.dir.path().join("kernpunt.db"))
        .await
        .unwrap();
    (server, second_pool)
}

/// Two server processes on one database (two connection pools, two worker names) deliver
/// at the same moment: every mail goes out exactly once. A claim left by a process that
/// died runs out, and then the other sends that mail.
#[tokio::test]
async fn two_workers_never_send_the_same_mail_and_a_dead_ones_claim_runs_out() {
    use server::mail::deliver_due_as;
    let (server, second_pool) = outbox_for_two_processes(30).await;
    let (mailer, folder) = folder_mailer(&server);
    let (other_mailer, _) = folder_mailer(&server);
    let at = now();
    let (one, two) = tokio::join!(
        deliver_due_as(&server.pool, &mailer, at, "een"),
        deliver_due_as(&second_pool, &other_mailer, at, "twee"),
    );
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.sent + two.sent, 30, "{one:?} {two:?}");
    assert_eq!(mails_in(&folder).len(), 30);
    let unsent: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(unsent, 0);

    // A process claims a mail and dies before sending it.
    let (status, _) = server
        .sign_up("drukte", "Laatste", "laatste@voorbeeld.nl")
        .await;
    assert_eq!(status, 200);
    let claimed = app::mail::claim_due(&server.pool, "gestorven", at, 50)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let early = deliver_due_as(&server.pool, &mailer, at + 10, "een")
        .await
        .unwrap();
    assert_eq!(early.sent, 0, "taken while another process holds it");
    let later = deliver_due_as(&server.pool, &mailer, at + app::mail::CLAIM_SECS + 1, "een")
        .await
        .unwrap();
    assert_eq!(later.sent, 1);
    assert_eq!(mails_in(&folder).len(), 31);
}

/// Two server processes on one database, sending through an SMTP server that refuses at
/// first and then recovers: every mail reaches it exactly once.
#[tokio::test]
async fn two_workers_and_a_recovering_mail_server_send_every_mail_exactly_once() {
    use server::mail::deliver_due_as;
    let (server, second_pool) = outbox_for_two_processes(20).await;
    let refuse = Arc::new(Mutex::new(true));
    let received = Arc::new(Mutex::new(Vec::new()));
    let port = smtp_server(refuse.clone(), received.clone()).await;
    let smtp =
        || Mailer::new(&MailSetting::Smtp(format!("smtp://127.0.0.1:{port}")), FROM).unwrap();
    let (one, two) = (smtp(), smtp());

    let start = now();
    // Rounds a minute apart (longer than the first backoffs); the mail server recovers
    // after the second.
    for round in 0..6 {
        if round == 2 {
            *refuse.lock().unwrap() = false;
        }
        let at = start + round * 120;
        let (a, b) = tokio::join!(
            deliver_due_as(&server.pool, &one, at, "een"),
            deliver_due_as(&second_pool, &two, at, "twee"),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        if round < 2 {
            assert_eq!(a.sent + b.sent, 0, "nothing goes while refused");
        }
    }
    let messages = received.lock().unwrap().clone();
    let mut recipients: Vec<String> = messages
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.starts_with("To: "))
                .map(|l| l.trim_start_matches("To: ").to_string())
        })
        .collect();
    recipients.sort();
    let unique: std::collections::BTreeSet<&String> = recipients.iter().collect();
    assert_eq!(messages.len(), 20, "{recipients:?}");
    assert_eq!(unique.len(), 20, "a mail was sent twice: {recipients:?}");
    let unsent: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(unsent, 0);
}

#[tokio::test]
async fn mail_to_followers_carries_the_one_click_unsubscribe_headers() {
    let server = TestServer::start().await;
    let mail = app::mail::Outgoing {
        kind: "follow_digest",
        recipient: "volger@voorbeeld.nl".into(),
        subject: "Kernpunt: het nieuws van de week".into(),
        body: "Beste lezer,\n\nNieuws.".into(),
        attachment: None,
    };
    let mut conn = server.pool.acquire().await.unwrap();
    app::mail::enqueue_to_list(
        &mut conn,
        &mail,
        "https://kernpunt.example/volgen/afmelden/7-abc",
    )
    .await
    .unwrap();
    app::mail::enqueue(&mut conn, &plain_mail(), None)
        .await
        .unwrap();
    drop(conn);
    let (mailer, folder) = folder_mailer(&server);
    deliver_due(&server.pool, &mailer, now()).await.unwrap();
    let names = mails_in(&folder);
    let read = |suffix: &str| {
        let name = names.iter().find(|n| n.ends_with(suffix)).unwrap();
        std::fs::read_to_string(folder.join(name)).unwrap()
    };
    let digest = read("-follow_digest.eml");
    assert!(
        digest.contains("List-Unsubscribe: <https://kernpunt.example/volgen/afmelden/7-abc>\r\n"),
        "{digest}"
    );
    assert!(digest.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
    // Mail that is not to a list has neither.
    assert!(!read("-confirmation.eml").contains("List-Unsubscribe"));
}

fn plain_mail() -> app::mail::Outgoing {
    app::mail::Outgoing {
        kind: "confirmation",
        recipient: "sanne@voorbeeld.nl".into(),
        subject: "Aangemeld".into(),
        body: "Beste Sanne,".into(),
        attachment: None,
    }
}
