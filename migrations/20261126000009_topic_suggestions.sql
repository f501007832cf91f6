-- Topic suggestions for sessions (/sessies/onderwerpen): anyone suggests a topic, others
-- upvote, coordinators triage (planned with a session, or declined with a public reason).

CREATE TABLE topic_suggestions (
    id             INTEGER PRIMARY KEY,
    theme_key      TEXT NOT NULL REFERENCES themes (key),
    text           TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 1000),
    area_id        INTEGER REFERENCES areas (id) ON DELETE SET NULL,
    -- Personal data: only coordinators see it; emptied RETENTION_DAYS after created_at.
    name           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'declined')),
    session_id     INTEGER REFERENCES learning_sessions (id) ON DELETE SET NULL,
    -- Shown publicly when declined.
    decline_reason TEXT NOT NULL DEFAULT '',
    -- For the rate limit only; emptied after a day.
    ip             TEXT,
    created_at     INTEGER NOT NULL,   -- unix seconds
    CHECK (status <> 'declined' OR length(trim(decline_reason)) > 0)
);
CREATE INDEX topic_suggestions_status ON topic_suggestions (status, created_at);
CREATE INDEX topic_suggestions_ip ON topic_suggestions (ip, created_at) WHERE ip IS NOT NULL;

-- One voter per browser: a random token in a cookie, only its hash kept here.
CREATE TABLE topic_voters (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    ip         TEXT,                   -- for the rate limit only; emptied after a day
    created_at INTEGER NOT NULL        -- unix seconds
);
CREATE INDEX topic_voters_ip ON topic_voters (ip, created_at) WHERE ip IS NOT NULL;

-- One vote per suggestion per voter: the primary key says so.
CREATE TABLE topic_votes (
    suggestion_id INTEGER NOT NULL REFERENCES topic_suggestions (id) ON DELETE CASCADE,
    voter_id      INTEGER NOT NULL REFERENCES topic_voters (id) ON DELETE CASCADE,
    ip            TEXT,                -- for the rate limit only; emptied after a day
    created_at    INTEGER NOT NULL,    -- unix seconds
    PRIMARY KEY (suggestion_id, voter_id)
) WITHOUT ROWID;
CREATE INDEX topic_votes_ip ON topic_votes (ip, created_at) WHERE ip IS NOT NULL;
