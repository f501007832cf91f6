//! The permission matrix: every server function that changes data, called by every kind of
//! user, with the exact outcome, and proof that a refused call changed nothing.
//! A server function that is in none of the lists below fails the test: adding one means
//! deciding here who may call it.

mod common;

use common::{Actor, TestServer, ACTORS};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Allowed,
    NotLoggedIn,
    NotFound,
    Forbidden,
}
use Outcome::*;

/// Functions that only read public data.
/// (`recent_activation` answers `None` to whoever may not see the log: tested in areas.rs.)
const PUBLIC_READS: &[&str] = &[
    "whoami",
    "list_areas",
    "area_filter_choices",
    "get_area_profile",
    "get_monitor",
    "compare_areas",
    "area_map",
    "recent_activation",
    "search_library",
    "get_library_item",
    "get_dossier",
    "library_overview",
    "get_segment_guide",
    "list_sessions",
    "get_session",
    "get_registration",
    "retention_period",
    "get_my_registrations_form",
    "get_follow_form",
    "get_pending_follow",
    "get_follows",
    "get_proposals",
    "get_proposal",
    "get_pending_confirmation",
    "get_topics",
    "topic_form",
    "setup_checklist",
    "open_data_overview",
];
/// Functions that change only the caller's own login state, or need a one-time token
/// (tested in accounts.rs).
/// `sign_up` is open to everyone and `cancel_registration` needs the personal link's token
/// (both tested in sessions.rs). `suggest_topic` and `vote_topic` are open to everyone,
/// limited per IP and (votes) one per browser (tested in topics.rs).
/// `send_my_registrations` is open to everyone, answers the same for every address and is
/// limited per address and IP (tested in my_registrations.rs). `follow` is open to everyone
/// (limited per IP and address); confirming and managing need the links from the mails
/// (tested in following.rs). Proposing, supporting, confirming and reporting proposals are
/// open to everyone, limited per IP and address (tested in proposals.rs).
const SESSION: &[&str] = &[
    "login",
    "logout",
    "set_password",
    "sign_up",
    "cancel_registration",
    "suggest_topic",
    "vote_topic",
    "send_my_registrations",
    "follow",
    "confirm_follow",
    "change_follow",
    "stop_follow",
    "unsubscribe_all",
    "propose_opgave",
    "support_proposal",
    "confirm_proposal",
    "report_proposal",
];

/// Outcomes in the order of `ACTORS`:
/// anonymous, editor of another area, editor of this area, coordinator, admin.
const AREA_EDIT: [Outcome; 5] = [NotLoggedIn, NotFound, Allowed, Allowed, Allowed];
const OWN_ACCOUNT: [Outcome; 5] = [NotLoggedIn, Allowed, Allowed, Allowed, Allowed];
const ADMIN_ONLY: [Outcome; 5] = [NotLoggedIn, Forbidden, Forbidden, Forbidden, Allowed];
const COORDINATE: [Outcome; 5] = [NotLoggedIn, Forbidden, Forbidden, Allowed, Allowed];

struct Case {
    name: &'static str,
    expected: [Outcome; 5],
    /// Whether the function changes data (then a refusal must leave everything as it was).
    mutates: bool,
}

const MATRIX: &[Case] = &[
    Case {
        name: "stage_area_import",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "preview_area_import",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "commit_area_import",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_districts",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_district",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "remove_district",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_themes",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_theme",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "retire_theme",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_indicator_definitions",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_indicator_definition",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "retire_indicator",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "list_organisations",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "load_organisation",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_organisation",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "remove_organisation",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_area_identity",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_area_identity",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "archive_area",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "archived_areas",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "load_area_stakeholders",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "save_stakeholder",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "remove_stakeholder",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "update_contact",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "load_area_values",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "load_opgave_outcomes",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "link_opgave_indicator",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "unlink_opgave_indicator",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "set_opgave_dates",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "triage_proposal",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "set_support_threshold",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_area_update",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "send_area_update",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_open_data_settings",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_open_data_settings",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "correct_indicator_value",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "update_activation_moment",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "delete_activation_moment",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "load_sessions_overview",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "load_session_edit",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_session",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "cancel_session",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "session_attendees",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "move_registration",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "save_attendance",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "save_session_report",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "publish_session_report",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_item_edit",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_library_item",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "delete_library_item",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "library_item_history",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "restore_library_body",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "save_dossier",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_dossier_edit",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "delete_attachment",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_activation_log",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "add_activation_moment",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "action_to_opgave",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "can_import",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "preview_indicator_import",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "commit_indicator_import",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "load_stuurwiel_framework",
        expected: COORDINATE,
        mutates: false,
    },
    Case {
        name: "save_stuurwiel_framework",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "save_stuurwiel_segment",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "move_stuurwiel_segment",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "delete_stuurwiel_segment",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "save_area",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "restore_area_story",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "load_area_edit",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "area_story_history",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "load_area_items",
        expected: AREA_EDIT,
        mutates: false,
    },
    Case {
        name: "add_opgave",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "set_opgave_status",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "update_opgave",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "add_indicator_value",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "record_assessment",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "add_contact",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "remove_contact",
        expected: AREA_EDIT,
        mutates: true,
    },
    Case {
        name: "logout_everywhere",
        expected: OWN_ACCOUNT,
        mutates: true,
    },
    Case {
        name: "change_own_password",
        expected: OWN_ACCOUNT,
        mutates: true,
    },
    Case {
        name: "list_accounts",
        expected: ADMIN_ONLY,
        mutates: false,
    },
    Case {
        name: "create_account",
        expected: ADMIN_ONLY,
        mutates: true,
    },
    Case {
        name: "triage_topic",
        expected: COORDINATE,
        mutates: true,
    },
    Case {
        name: "update_account",
        expected: ADMIN_ONLY,
        mutates: true,
    },
    Case {
        name: "password_link",
        expected: ADMIN_ONLY,
        mutates: true,
    },
];

/// A library item of the demo data, used by the library cases.
const LIBRARY_ITEM: &str = "rol-van-de-straatmanager";
const SESSION_SLUG: &str = "leegstand-samen-aanpakken";
/// A demo session that has taken place.
const PAST_SESSION: &str = "openbare-ruimte-terugblik";

/// A confirmed registration for a session; returns its id.
async fn registration(server: &TestServer, slug: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO registrations (session_id, token_hash, name, email, role, consent_at, status, queue)
         SELECT id, 'hash-' || id, 'Sanne', 'sanne@voorbeeld.nl', 'entrepreneur', '2026-01-01', 'confirmed', 1
         FROM learning_sessions WHERE slug = ? RETURNING id",
    )
    .bind(slug)
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

/// Valid input for each function, aimed at Lindenplein (the area the demo editor edits).
async fn input(server: &TestServer, name: &str) -> Vec<(&'static str, String)> {
    let s = |v: &str| v.to_string();
    match name {
        "save_area" => vec![
            ("slug", s("lindenplein")),
            ("version", s("1")),
            ("story", s("Nieuw verhaal")),
            ("ambition", s("")),
            ("phase", s("stable")),
            ("activation", s("energetic")),
            ("intent", s("save")),
        ],
        "restore_area_story" => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO revisions (entity, entity_id, field, version, body, user_name)
                 SELECT 'area', id, 'story', 1, 'Een oude versie', 'Test' FROM areas WHERE slug = 'lindenplein'
                 RETURNING id",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![("slug", s("lindenplein")), ("revision_id", id.to_string())]
        }
        "load_area_edit" | "area_story_history" | "load_area_items" => {
            vec![("slug", s("lindenplein"))]
        }
        "add_opgave" => vec![
            ("slug", s("lindenplein")),
            ("title", s("Nieuwe opgave")),
            ("theme", s("vacancy")),
            ("owner", s("BIZ")),
            ("due_date", s("2026-12-31")),
        ],
        "set_opgave_status" | "update_opgave" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE a.slug = 'lindenplein' LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            if name == "update_opgave" {
                vec![
                    ("slug", s("lindenplein")),
                    ("opgave_id", id.to_string()),
                    ("title", s("Herschreven opgave")),
                    ("theme", s("branding")),
                    ("owner", s("Gemeente")),
                    ("due_date", s("")),
                    ("status", s("in_progress")),
                ]
            } else {
                vec![
                    ("slug", s("lindenplein")),
                    ("opgave_id", id.to_string()),
                    ("status", s("done")),
                ]
            }
        }
        "add_contact" => vec![
            ("slug", s("lindenplein")),
            ("contact_role", s("street_manager")),
            ("contact_name", s("Nieuwe Straatmanager")),
            ("contact_email", s("")),
        ],
        "remove_contact" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT c.id FROM contacts c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'lindenplein' LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("contact_id", id.to_string()),
                ("confirm", s("ja")),
            ]
        }
        "add_indicator_value" => vec![
            ("slug", s("lindenplein")),
            ("indicator", s("footfall")),
            ("period", s("2026")),
            ("value", s("12.345")),
            ("source", s("Telling")),
        ],
        "record_assessment" => {
            let segments: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM stuurwiel_segments ORDER BY position")
                    .fetch_all(&server.pool)
                    .await
                    .unwrap();
            let mut form = vec![
                ("slug", s("lindenplein")),
                ("assessed_on", s("2026-11-20")),
                ("note", s("Derde ronde")),
            ];
            for id in segments {
                form.push((Box::leak(format!("scores[{id}]").into_boxed_str()), s("3")));
            }
            form
        }
        "logout_everywhere" | "list_accounts" => vec![],
        "change_own_password" => vec![
            ("current", s(app::demo::DEMO_PASSWORD)),
            ("password", s("een-nieuw-wachtwoord")),
            ("repeat", s("een-nieuw-wachtwoord")),
        ],
        "create_account" => vec![
            ("email", s("nieuw@voorbeeld.nl")),
            ("name", s("Nieuwe Collega")),
            ("role", s("area_editor")),
            ("areas", s("lindenplein")),
        ],
        "update_account" | "password_link" => {
            let id: i64 =
                sqlx::query_scalar("SELECT id FROM users WHERE email = 'redacteur@voorbeeld.nl'")
                    .fetch_one(&server.pool)
                    .await
                    .unwrap();
            if name == "password_link" {
                vec![("id", id.to_string())]
            } else {
                vec![
                    ("id", id.to_string()),
                    ("name", s("Rik Hernoemd")),
                    ("role", s("area_editor")),
                    ("areas", s("lindenplein, parkhof")),
                    ("active", s("on")),
                ]
            }
        }
        "load_activation_log" => vec![("slug", s("lindenplein"))],
        "add_activation_moment" => {
            let stakeholder: i64 = sqlx::query_scalar(
                "SELECT s.id FROM stakeholders s JOIN areas a ON a.id = s.area_id WHERE a.slug = 'lindenplein' LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("held_on", s("2026-01-15")),
                ("kind", s("meeting")),
                ("summary", s("Overleg over de gevels")),
                (
                    Box::leak(format!("participants[{stakeholder}]").into_boxed_str()),
                    s("ja"),
                ),
                ("actions[1][description]", s("Offerte opvragen")),
                ("actions[1][owner]", s("BIZ")),
                ("actions[1][due_date]", s("2026-03-01")),
            ]
        }
        "action_to_opgave" => {
            let moment: i64 = sqlx::query_scalar(
                "INSERT INTO activation_moments (area_id, held_on, kind, summary, created_by)
                 SELECT id, '2026-01-15', 'call', 'Gebeld', 'Test' FROM areas WHERE slug = 'lindenplein'
                 RETURNING id",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            let action: i64 = sqlx::query_scalar(
                "INSERT INTO activation_actions (moment_id, description, owner) VALUES (?, 'Bankjes plaatsen', 'Gemeente') RETURNING id",
            )
            .bind(moment)
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("action_id", action.to_string()),
                ("theme", s("public_space")),
            ]
        }
        "can_import" | "load_stuurwiel_framework" => vec![],
        "load_item_edit" | "library_item_history" => vec![("slug", s(LIBRARY_ITEM))],
        "save_library_item" => vec![
            ("original_slug", s(LIBRARY_ITEM)),
            ("version", s("1")),
            ("fields[slug]", s(LIBRARY_ITEM)),
            ("fields[kind]", s("article")),
            ("fields[title]", s("Een nieuwe titel")),
            ("fields[summary]", s("Een nieuwe samenvatting.")),
            ("fields[body]", s("Nieuwe tekst.")),
            ("themes[vacancy]", s("ja")),
        ],
        "delete_library_item" => vec![("slug", s(LIBRARY_ITEM)), ("confirm", s("ja"))],
        "restore_library_body" => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO revisions (entity, entity_id, field, version, body, user_name)
                 SELECT 'library_item', id, 'body', 1, 'Een oude tekst', 'Test' FROM library_items WHERE slug = ?
                 RETURNING id",
            )
            .bind(LIBRARY_ITEM)
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![("slug", s(LIBRARY_ITEM)), ("revision_id", id.to_string())]
        }
        "save_dossier" => vec![
            ("theme", s("vacancy")),
            ("intro", s("Een nieuwe inleiding.")),
            ("key_items", s(LIBRARY_ITEM)),
        ],
        "load_dossier_edit" => vec![("theme", s("vacancy"))],
        "load_sessions_overview" => vec![],
        "load_session_edit" | "session_attendees" => vec![("slug", s(SESSION_SLUG))],
        "save_session" => vec![
            ("original_slug", s(SESSION_SLUG)),
            ("fields[kind]", s("thematic")),
            ("fields[title]", s("Leegstand samen aanpakken, deel 2")),
            ("fields[slug]", s(SESSION_SLUG)),
            ("fields[starts_at]", s("2027-01-14T19:30")),
            ("fields[ends_at]", s("2027-01-14T21:00")),
            ("fields[signup_deadline]", s("2027-01-14T12:00")),
            ("fields[online]", s("ja")),
            ("fields[capacity]", s("40")),
            ("fields[status]", s("published")),
            ("themes[vacancy]", s("ja")),
        ],
        "cancel_session" => vec![("slug", s(SESSION_SLUG)), ("confirm", s("ja"))],
        "move_registration" => {
            let id = registration(server, SESSION_SLUG).await;
            vec![
                ("slug", s(SESSION_SLUG)),
                ("registration_id", id.to_string()),
                ("to", s("waiting")),
            ]
        }
        "save_attendance" => {
            let id = registration(server, PAST_SESSION).await;
            let key: &'static str = format!("present[{id}]").leak();
            vec![("slug", s(PAST_SESSION)), (key, s("ja"))]
        }
        "save_session_report" => vec![
            ("slug", s(PAST_SESSION)),
            ("report", s("Een goed gesprek over bankjes.")),
        ],
        "publish_session_report" => {
            sqlx::query("UPDATE learning_sessions SET report = 'Een goed gesprek.' WHERE slug = ?")
                .bind(PAST_SESSION)
                .execute(&server.pool)
                .await
                .unwrap();
            vec![("slug", s(PAST_SESSION))]
        }

        "delete_attachment" => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO library_attachments (item_id, display_name, kind, size_bytes, sha256)
                 SELECT id, 'x.pdf', 'pdf', 10, printf('%064d', 0) FROM library_items WHERE slug = ? RETURNING id",
            )
            .bind(LIBRARY_ITEM)
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![("attachment_id", id.to_string()), ("confirm", s("ja"))]
        }
        "preview_indicator_import" | "commit_indicator_import" => {
            let token = "0123456789abcdef0123456789abcdef";
            sqlx::query(
                "INSERT INTO indicator_imports (token, user_id, file_name, content, created_at)
                 SELECT ?, id, 'test.csv', CAST(? AS BLOB), strftime('%s', 'now') FROM users LIMIT 1",
            )
            .bind(token)
            .bind("gebied;indicator;periode;waarde;bron\nlindenplein;footfall;2026;12345;Telling\n")
            .execute(&server.pool)
            .await
            .unwrap();
            vec![("token", s(token))]
        }
        "save_stuurwiel_framework" => vec![
            ("name", s("Stuurwiel 2027")),
            ("description", s("Herzien kader")),
        ],
        "save_stuurwiel_segment" => vec![
            ("name", s("Nieuw onderdeel")),
            ("description", s("Over iets nieuws")),
        ],
        "move_stuurwiel_segment" | "delete_stuurwiel_segment" => {
            let id: i64 =
                sqlx::query_scalar("SELECT id FROM stuurwiel_segments ORDER BY position LIMIT 1")
                    .fetch_one(&server.pool)
                    .await
                    .unwrap();
            if name == "move_stuurwiel_segment" {
                vec![("segment_id", id.to_string()), ("direction", s("omlaag"))]
            } else {
                vec![("segment_id", id.to_string()), ("confirm", s("ja"))]
            }
        }
        "triage_topic" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT id FROM topic_suggestions WHERE status = 'open' ORDER BY id LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("suggestion_id", id.to_string()),
                ("decision", s("declined")),
                ("reason", s("Dit past niet in een sessie.")),
            ]
        }
        "load_districts"
        | "load_themes"
        | "load_indicator_definitions"
        | "list_organisations"
        | "archived_areas" => vec![],
        "save_district" => vec![("fields[name]", s("Nieuw-West"))],
        "stage_area_import" => vec![(
            "fields[csv]",
            s("naam;stadsdeel;type\nOude Markt;Noord;Winkelstraat\n"),
        )],
        "preview_area_import" | "commit_area_import" => {
            let token = "fedcba9876543210fedcba9876543210";
            sqlx::query(
                "INSERT INTO indicator_imports (token, user_id, file_name, content, created_at, kind)
                 SELECT ?, id, 'gebieden.csv', CAST(? AS BLOB), strftime('%s', 'now'), 'areas' FROM users LIMIT 1",
            )
            .bind(token)
            .bind("naam;stadsdeel;type\nOude Markt;Noord;Winkelstraat\n")
            .execute(&server.pool)
            .await
            .unwrap();
            vec![("token", s(token))]
        }
        "remove_district" => {
            let id: i64 =
                sqlx::query_scalar("INSERT INTO districts (name) VALUES ('Leeg') RETURNING id")
                    .fetch_one(&server.pool)
                    .await
                    .unwrap();
            vec![
                ("district_id", id.to_string()),
                ("fields[confirm]", s("ja")),
            ]
        }
        "save_theme" => vec![("fields[label]", s("Groen en water"))],
        "retire_theme" => vec![("theme_key", s("branding")), ("retire", s("ja"))],
        "save_indicator_definition" => vec![
            ("fields[key]", s("leegstand_lang")),
            ("fields[label]", s("Langdurige leegstand (wvo)")),
            ("fields[unit]", s("%")),
            ("fields[decimals]", s("1")),
            ("fields[period_kind]", s("year")),
            ("fields[direction]", s("lower_is_better")),
        ],
        "retire_indicator" => vec![("indicator_key", s("chain_share")), ("retire", s("ja"))],
        "load_organisation" | "remove_organisation" => {
            let id: i64 = sqlx::query_scalar("SELECT id FROM organisations ORDER BY id LIMIT 1")
                .fetch_one(&server.pool)
                .await
                .unwrap();
            if name == "load_organisation" {
                vec![("id", id.to_string())]
            } else {
                vec![
                    ("organisation_id", id.to_string()),
                    ("fields[confirm]", s("ja")),
                ]
            }
        }
        "save_organisation" => vec![
            ("fields[name]", s("Vereniging Nieuw")),
            ("fields[kind]", s("association")),
        ],
        "load_area_identity" | "load_area_stakeholders" | "load_area_values" => {
            vec![("slug", s("lindenplein"))]
        }
        "load_opgave_outcomes"
        | "link_opgave_indicator"
        | "unlink_opgave_indicator"
        | "set_opgave_dates" => {
            // A done opgave of Lindenplein, tied to vacancy (set up here, before the snapshot).
            let id: i64 = sqlx::query_scalar(
                "SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id
                 WHERE a.slug = 'lindenplein' ORDER BY o.id LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            sqlx::query("UPDATE opgaves SET status = 'done' WHERE id = ?")
                .bind(id)
                .execute(&server.pool)
                .await
                .unwrap();
            sqlx::query(
                "INSERT OR IGNORE INTO opgave_indicators (opgave_id, indicator_key, intended)
                 VALUES (?, 'vacancy_outlets', 'decrease')",
            )
            .bind(id)
            .execute(&server.pool)
            .await
            .unwrap();
            let indicator = s("vacancy_outlets");
            let mut form = vec![("slug", s("lindenplein")), ("opgave_id", id.to_string())];
            match name {
                "link_opgave_indicator" => form.extend([
                    ("fields[indicator]", s("footfall")),
                    ("fields[intended]", s("increase")),
                    ("fields[target_value]", s("15000")),
                ]),
                "unlink_opgave_indicator" => form.push(("indicator", indicator)),
                "set_opgave_dates" => form.extend([
                    ("fields[started_on]", s("2020-01-01")),
                    ("fields[finished_on]", s("2021-01-01")),
                ]),
                _ => {}
            }
            form
        }
        "triage_proposal" => {
            // A confirmed open proposal for Lindenplein (set up before the snapshot).
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO proposals (area_id, title, description, theme_key, role, name, email,
                     consent_at, confirmed_at, created_at)
                 SELECT id, 'Fietsenstalling', 'Bij de markt.', 'public_space', 'entrepreneur',
                     'Sanne', 'sanne@voorbeeld.nl', 0, 1, 0 FROM areas WHERE slug = 'lindenplein'
                 RETURNING id",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("proposal_id", id.to_string()),
                ("fields[decision]", s("decline")),
                ("fields[reason]", s("under_way")),
                ("fields[text]", s("Dit gebeurt al.")),
            ]
        }
        "set_support_threshold" => vec![("slug", s("lindenplein")), ("fields[threshold]", s("12"))],
        "load_area_update" => vec![("slug", s("lindenplein"))],
        "send_area_update" => {
            // Someone follows Lindenplein (set up before the snapshot), so there is someone
            // to send to.
            sqlx::query(
                "INSERT INTO followers (email, created_at) VALUES ('volger@voorbeeld.nl', 0);
                 INSERT INTO follows (follower_id, subject, area_id, frequency, confirmed_at, created_at)
                 SELECT last_insert_rowid(), 'area', id, 'weekly', 1, 0 FROM areas WHERE slug = 'lindenplein'",
            )
            .execute(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("intent", s("send")),
                ("fields[title]", s("Het plein is open")),
                ("fields[text]", s("Vanaf zaterdag.")),
            ]
        }
        "load_open_data_settings" => Vec::new(),
        "save_open_data_settings" => vec![
            ("fields[publisher]", s("Gemeente Voorbeeld")),
            ("fields[contact_email]", s("data@voorbeeld.nl")),
            ("fields[licence_name]", s("CC0 1.0")),
            (
                "fields[licence_url]",
                s("https://creativecommons.org/publicdomain/zero/1.0/"),
            ),
            ("fields[update_frequency]", s("monthly")),
        ],
        "save_area_identity" => vec![
            ("original_slug", s("lindenplein")),
            (
                "version",
                server.area_version("lindenplein").await.to_string(),
            ),
            ("fields[name]", s("Lindenplein en omgeving")),
            ("fields[slug]", s("lindenplein")),
            ("fields[district]", s("Noord")),
            ("fields[area_type]", s("neighbourhood_centre")),
            ("fields[latitude]", s("52,1152")),
            ("fields[longitude]", s("5,1102")),
            ("fields[phase]", s("build_up")),
            ("fields[activation]", s("energetic")),
        ],
        "archive_area" => vec![
            ("slug", s("lindenplein")),
            ("archive", s("ja")),
            ("fields[confirm]", s("ja")),
        ],
        "save_stakeholder" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT o.id FROM organisations o WHERE o.id NOT IN
                 (SELECT organisation_id FROM stakeholders s JOIN areas a ON a.id = s.area_id WHERE a.slug = 'lindenplein')
                 ORDER BY o.id LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("fields[organisation]", id.to_string()),
                ("fields[role]", s("other")),
            ]
        }
        "remove_stakeholder" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT s.id FROM stakeholders s JOIN areas a ON a.id = s.area_id WHERE a.slug = 'lindenplein' LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("stakeholder_id", id.to_string()),
                ("fields[confirm]", s("ja")),
            ]
        }
        "update_contact" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT c.id FROM contacts c JOIN areas a ON a.id = c.area_id WHERE a.slug = 'lindenplein' LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("contact_id", id.to_string()),
                ("fields[role]", s("street_manager")),
                ("fields[name]", s("Anna de Vries")),
                ("fields[email]", s("anna@voorbeeld.nl")),
            ]
        }
        "correct_indicator_value" => {
            let id: i64 = sqlx::query_scalar(
                "SELECT v.id FROM indicator_values v JOIN areas a ON a.id = v.area_id
                 WHERE a.slug = 'lindenplein' AND v.indicator_key = 'vacancy_outlets' LIMIT 1",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            vec![
                ("slug", s("lindenplein")),
                ("value_id", id.to_string()),
                ("fields[value]", s("99,5")),
                ("fields[reason]", s("Tikfout")),
            ]
        }
        "update_activation_moment" | "delete_activation_moment" => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO activation_moments (area_id, held_on, kind, summary, created_by)
                 SELECT id, '2026-01-15', 'call', 'Gebeld', 'Test' FROM areas WHERE slug = 'lindenplein'
                 RETURNING id",
            )
            .fetch_one(&server.pool)
            .await
            .unwrap();
            if name == "update_activation_moment" {
                vec![
                    ("slug", s("lindenplein")),
                    ("moment_id", id.to_string()),
                    ("fields[held_on]", s("2026-01-16")),
                    ("fields[kind]", s("meeting")),
                    ("fields[summary]", s("Overleg, gecorrigeerd")),
                ]
            } else {
                vec![
                    ("slug", s("lindenplein")),
                    ("moment_id", id.to_string()),
                    ("fields[confirm]", s("ja")),
                ]
            }
        }
        other => panic!("no input defined for {other}"),
    }
}

fn outcome(status: u16, body: &str) -> Outcome {
    if body.contains("NotLoggedIn") {
        NotLoggedIn
    } else if body.contains("NotFound") {
        NotFound
    } else if body.contains("Forbidden") {
        Forbidden
    } else {
        assert!(status < 400, "unexpected failure {status}: {body}");
        Allowed
    }
}

#[test]
fn every_server_function_is_classified() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let known: BTreeSet<String> = PUBLIC_READS
        .iter()
        .chain(SESSION)
        .copied()
        .chain(MATRIX.iter().map(|case| case.name))
        .map(str::to_string)
        .collect();
    let unclassified: Vec<_> = registered.difference(&known).collect();
    assert!(
        unclassified.is_empty(),
        "add these server functions to the permission matrix: {unclassified:?}"
    );
    let stale: Vec<_> = known.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "these are in the matrix but no longer exist: {stale:?}"
    );
}

/// One call of the matrix on a fresh database: what went wrong, if anything.
async fn check(case: &'static Case, actor: Actor, expected: Outcome) -> Vec<String> {
    let mut failures = Vec::new();
    // A fresh database for every call, so one allowed change cannot hide another.
    let server = TestServer::start().await;
    let cookie = server.cookie_for(actor).await;
    let form = input(&server, case.name).await;
    let before = server.snapshot().await;
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = server.post_fn(case.name, cookie.as_deref(), &form).await;
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    let got = outcome(status, &body);
    if got != expected {
        failures.push(format!(
            "{} as {actor:?}: expected {expected:?}, got {got:?} ({status} {body})",
            case.name
        ));
    }
    if got != Allowed && server.snapshot().await != before {
        failures.push(format!(
            "{} as {actor:?} was refused but changed data",
            case.name
        ));
    }
    if got != Allowed && !(400..500).contains(&status) {
        failures.push(format!(
            "{} as {actor:?} was refused with status {status}",
            case.name
        ));
    }
    if got == Allowed
        && case.mutates
        && case.name != "logout_everywhere"
        && server.snapshot().await == before
    {
        failures.push(format!(
            "{} as {actor:?} was allowed but changed nothing",
            case.name
        ));
    }
    failures
}

/// Runs the checks a few at a time (each starts its own server, and logging in hashes
/// passwords) and gathers what went wrong.
async fn gather<F>(checks: impl IntoIterator<Item = F>) -> Vec<String>
where
    F: std::future::Future<Output = Vec<String>> + Send + 'static,
{
    let mut failures = Vec::new();
    let mut running = tokio::task::JoinSet::new();
    for check in checks {
        running.spawn(check);
        if running.len() >= 4 {
            failures.extend(running.join_next().await.unwrap().unwrap());
        }
    }
    while let Some(done) = running.join_next().await {
        failures.extend(done.unwrap());
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_permission_matrix() {
    let failures = gather(MATRIX.iter().flat_map(|case| {
        ACTORS
            .iter()
            .zip(case.expected)
            .map(move |(actor, expected)| check(case, *actor, expected))
    }))
    .await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How much the database holds: rows in every table, and pages in use.
async fn footprint(server: &TestServer) -> (i64, i64) {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let mut rows = 0;
    for table in tables {
        let count: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{table}\""))
            .fetch_one(&server.pool)
            .await
            .unwrap();
        rows += count;
    }
    let pages: i64 = sqlx::query_scalar(
        "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    (rows, pages)
}

/// 60 kB: far over every field's limit and over what a public form's draft may hold,
/// while a whole form of such fields stays under the 1 MB body limit.
fn oversized(form: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    form.into_iter()
        .map(|(key, value)| {
            // Ids, versions and slugs stay as they are, so the call reaches its checks.
            if value.parse::<i64>().is_ok() || key.ends_with("slug") || key == "token" {
                (key, value)
            } else {
                (key, format!("{value}{}", "x".repeat(60_000)))
            }
        })
        .collect()
}

/// Sends `form` to `name` as the hydrated app and as a browser without JavaScript, from
/// each of `senders`; every answer must be a refusal, and nothing may be left behind.
async fn refused_without_a_trace(
    server: &TestServer,
    name: &str,
    senders: &[(Actor, Option<String>)],
    form: &[(&'static str, String)],
) -> Vec<String> {
    let mut failures = Vec::new();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = footprint(server).await;
    for (actor, cookie) in senders {
        let status = server
            .post_fn(name, cookie.as_deref(), &form)
            .await
            .status()
            .as_u16();
        if !(400..500).contains(&status) {
            failures.push(format!("{name} as {actor:?}, oversized: status {status}"));
        }
        // Without JavaScript a refusal may instead send the browser on (to log in, or
        // back to the form).
        let status = server
            .post_form(name, cookie.as_deref(), "/", &form)
            .await
            .status()
            .as_u16();
        if !(300..500).contains(&status) {
            failures.push(format!(
                "{name} as {actor:?}, oversized, without JavaScript: status {status}"
            ));
        }
    }
    let after = footprint(server).await;
    if after.0 != before.0 {
        failures.push(format!(
            "{name}: oversized refused posts wrote rows ({} before, {} after)",
            before.0, after.0
        ));
    }
    if after.1 > before.1 {
        failures.push(format!(
            "{name}: the database grew from {} to {} pages",
            before.1, after.1
        ));
    }
    failures
}

async fn check_oversized(case: &'static Case) -> Vec<String> {
    let server = TestServer::start().await;
    // Anonymous, and the first logged-in actor who is refused (if any).
    let mut senders = vec![(Actor::Anonymous, None)];
    if let Some((actor, _)) = ACTORS
        .iter()
        .zip(case.expected)
        .skip(1)
        .find(|(_, outcome)| *outcome != Allowed)
    {
        senders.push((*actor, server.cookie_for(*actor).await));
    }
    let form = oversized(input(&server, case.name).await);
    refused_without_a_trace(&server, case.name, &senders, &form).await
}

/// Anonymous and wrong-role posts with oversized fields to every function that changes
/// data, and to the forms anyone may post: refused (4xx), no row written anywhere, and the
/// database no larger. Nothing they send is kept, not even as a draft.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_posts_leave_nothing_behind() {
    let mut failures = gather(
        MATRIX
            .iter()
            .filter(|case| case.mutates)
            .map(check_oversized),
    )
    .await;

    // The forms anyone may post (each limited and tested on its own elsewhere).
    let server = TestServer::start().await;
    let long = || "x".repeat(60_000);
    let s = |v: &str| v.to_string();
    let open_suggestion: i64 = sqlx::query_scalar(
        "SELECT id FROM topic_suggestions WHERE status = 'open' ORDER BY id LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let public: Vec<(&str, Vec<(&'static str, String)>)> = vec![
        (
            "login",
            vec![("email", long()), ("password", long()), ("next", s("/"))],
        ),
        (
            "set_password",
            vec![("token", long()), ("password", long()), ("repeat", long())],
        ),
        (
            "sign_up",
            vec![
                ("slug", s(SESSION_SLUG)),
                ("name", long()),
                ("email", long()),
                ("organisation", long()),
                ("question", long()),
                ("consent", s("ja")),
            ],
        ),
        ("cancel_registration", vec![("token", long())]),
        (
            "suggest_topic",
            vec![
                ("theme", s("vacancy")),
                ("text", long()),
                ("name", long()),
                ("email", long()),
            ],
        ),
        (
            "vote_topic",
            vec![
                ("suggestion_id", open_suggestion.to_string()),
                ("withdraw", long()),
            ],
        ),
        (
            "send_my_registrations",
            vec![("email", long()), ("website", long())],
        ),
        (
            "propose_opgave",
            vec![
                ("slug", s("lindenplein")),
                ("title", long()),
                ("description", long()),
                ("theme", s("vacancy")),
                ("role", s("entrepreneur")),
                ("name", long()),
                ("email", long()),
                ("consent", s("ja")),
            ],
        ),
        (
            "follow",
            vec![
                ("subject", s("area")),
                ("key", long()),
                ("email", long()),
                ("frequency", long()),
                ("consent", s("ja")),
            ],
        ),
    ];
    let anonymous = [(Actor::Anonymous, None)];
    for (name, form) in &public {
        failures.extend(refused_without_a_trace(&server, name, &anonymous, form).await);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every text field has a maximum length checked on the server: from an administrator
/// too, a call with 60 kB in every text field is answered without a 5xx and stores none of
/// that text (the database grows by less than one such field). Calls as the hydrated app,
/// which keep no draft.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_fields_are_not_stored_even_from_those_who_may() {
    async fn check(case: &'static Case) -> Vec<String> {
        let server = TestServer::start().await;
        let cookie = server.cookie_for(Actor::Admin).await;
        let form = oversized(input(&server, case.name).await);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (_, pages_before) = footprint(&server).await;
        let status = server
            .post_fn(case.name, cookie.as_deref(), &form)
            .await
            .status()
            .as_u16();
        let (_, pages_after) = footprint(&server).await;
        let mut failures = Vec::new();
        if status >= 500 {
            failures.push(format!("{}: oversized fields answered {status}", case.name));
        }
        // 60 kB is 15 pages of 4 kB; anything near that means a field was stored whole.
        if pages_after - pages_before > 8 {
            failures.push(format!(
                "{}: an oversized field was stored ({pages_before} → {pages_after} pages, status {status})",
                case.name
            ));
        }
        failures
    }
    // A pasted CSV of areas may be 500,000 characters (its own limit, tested in setup.rs).
    let failures = gather(
        MATRIX
            .iter()
            .filter(|case| case.mutates && case.name != "stage_area_import")
            .map(check),
    )
    .await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn an_area_editor_cannot_tell_other_areas_from_missing_ones() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await;
    let other = server
        .post_fn(
            "load_area_edit",
            cookie.as_deref(),
            &[("slug", "havenstraat")],
        )
        .await
        .text()
        .await
        .unwrap();
    let missing = server
        .post_fn(
            "load_area_edit",
            cookie.as_deref(),
            &[("slug", "bestaat-niet")],
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(other, missing);
    let (status, _) = {
        let response = server
            .client
            .get(format!("{}/gebieden/havenstraat/bewerken", server.base))
            .header("cookie", cookie.unwrap())
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), ())
    };
    assert_eq!(status, 404);
}
