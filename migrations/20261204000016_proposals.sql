-- Opgave proposals: anyone proposes an opgave for an area; it is public once the proposer
-- confirmed by mail. Others support it (confirmed by mail, one support per address); the
-- public sees only the count. Coordinators and the area's editors adopt it (it becomes an
-- opgave), merge it into an existing opgave, or decline it with a public reason.

CREATE TABLE proposals (
    id             INTEGER PRIMARY KEY,
    area_id        INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    title          TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 120),
    description    TEXT NOT NULL CHECK (length(description) <= 2000),
    theme_key      TEXT NOT NULL REFERENCES themes (key),
    -- Shown publicly with the proposal: the proposer's role and organisation.
    role           TEXT NOT NULL,
    organisation   TEXT NOT NULL DEFAULT '',
    -- Personal data, never public; emptied 90 days after the decision.
    name           TEXT NOT NULL,
    email          TEXT NOT NULL COLLATE NOCASE,
    consent_at     INTEGER NOT NULL,
    confirm_hash   TEXT UNIQUE,        -- until the proposer confirmed
    confirmed_at   INTEGER,            -- public from then on
    status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'adopted', 'merged', 'declined')),
    -- Adopted: the opgave it became; merged: the opgave it joined.
    opgave_id      INTEGER REFERENCES opgaves (id) ON DELETE SET NULL,
    decline_reason TEXT CHECK (decline_reason IN ('duplicate', 'under_way', 'not_feasible', 'outside', 'other')),
    decision_text  TEXT NOT NULL DEFAULT '',   -- public
    decided_at     INTEGER,
    -- After three reports a proposal is hidden until a coordinator looks at it.
    hidden         INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    ip             TEXT,               -- for the limits only; emptied after a day
    created_at     INTEGER NOT NULL,   -- unix seconds
    CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX proposals_area ON proposals (area_id, status) WHERE confirmed_at IS NOT NULL;
CREATE INDEX proposals_email ON proposals (email, status);
CREATE INDEX proposals_ip ON proposals (ip, created_at) WHERE ip IS NOT NULL;
CREATE INDEX proposals_unconfirmed ON proposals (created_at) WHERE confirmed_at IS NULL;

-- One support per address per proposal (case-insensitive: the column collates NOCASE).
CREATE TABLE proposal_supports (
    id           INTEGER PRIMARY KEY,
    proposal_id  INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,        -- never public; emptied 90 days after the decision
    email        TEXT NOT NULL COLLATE NOCASE,
    confirm_hash TEXT UNIQUE,
    confirmed_at INTEGER,
    ip           TEXT,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX proposal_supports_one ON proposal_supports (proposal_id, email);
CREATE INDEX proposal_supports_confirmed ON proposal_supports (proposal_id) WHERE confirmed_at IS NOT NULL;
CREATE INDEX proposal_supports_ip ON proposal_supports (ip, created_at) WHERE ip IS NOT NULL;
CREATE INDEX proposal_supports_unconfirmed ON proposal_supports (created_at) WHERE confirmed_at IS NULL;

-- The public history of a proposal: confirmed, ready, adopted/merged/declined.
CREATE TABLE proposal_events (
    id          INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('published', 'ready', 'adopted', 'merged', 'declined', 'hidden', 'shown')),
    at          INTEGER NOT NULL
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id, at);

-- One report per IP per proposal.
CREATE TABLE proposal_reports (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    ip          TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, ip)
) WITHOUT ROWID;

-- The number of supports that marks a proposal "ready for the coordinator".
CREATE TABLE proposal_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    support_threshold INTEGER NOT NULL DEFAULT 10 CHECK (support_threshold BETWEEN 1 AND 10000)
);
INSERT INTO proposal_settings (id) VALUES (1);
