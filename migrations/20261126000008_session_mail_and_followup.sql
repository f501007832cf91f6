-- Sessions, second slice: stuurwiel segments, attendance, the after-session report, extra
-- personal links, the mail outbox and retention bookkeeping.

-- After the session: report (markdown), materials (markdown, usually links), recording.
ALTER TABLE learning_sessions ADD COLUMN report TEXT NOT NULL DEFAULT '';
ALTER TABLE learning_sessions ADD COLUMN materials TEXT NOT NULL DEFAULT '';
ALTER TABLE learning_sessions ADD COLUMN recording_url TEXT NOT NULL DEFAULT '';
-- The report as published in the kennisbank (kind session_report), if it was.
ALTER TABLE learning_sessions ADD COLUMN report_item_id INTEGER
    REFERENCES library_items (id) ON DELETE SET NULL;
-- Set when the 24-hour reminders were written to the outbox (so they go out once).
ALTER TABLE learning_sessions ADD COLUMN reminded_at TEXT;
-- Set when the registrations' personal data was anonymised (retention).
ALTER TABLE learning_sessions ADD COLUMN purged_at TEXT;

CREATE TABLE learning_session_segments (
    session_id INTEGER NOT NULL REFERENCES learning_sessions (id) ON DELETE CASCADE,
    segment_id INTEGER NOT NULL REFERENCES stuurwiel_segments (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, segment_id)
) WITHOUT ROWID;
CREATE INDEX learning_session_segments_segment ON learning_session_segments (segment_id);

-- Marked by the coordinator after the session: 1 present, 0 absent, NULL not recorded.
ALTER TABLE registrations ADD COLUMN attended INTEGER CHECK (attended IN (0, 1));

-- More personal links to one registration. Only hashes are stored, so an existing link
-- cannot be mailed again; "send me my link" (signing up twice) mails a new one that works
-- beside the first.
CREATE TABLE registration_links (
    token_hash      TEXT PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
CREATE INDEX registration_links_registration ON registration_links (registration_id);

-- Every mail is a row here first, written in the same transaction as the change it reports.
-- A background worker sends due rows, with retries and backoff; a row is never deleted
-- before it was sent or given up (except by the retention purge).
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,      -- confirmation, waiting, promoted, reminder, ...
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,      -- plain text
    attachment_name TEXT,               -- e.g. sessie.ics
    attachment_type TEXT,               -- e.g. text/calendar; method=PUBLISH
    attachment      TEXT,
    registration_id INTEGER REFERENCES registrations (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,   -- unix seconds
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,   -- unix seconds
    last_error      TEXT,
    sent_at         INTEGER,
    failed_at       INTEGER             -- given up after the last retry
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_registration ON mail_outbox (registration_id);
