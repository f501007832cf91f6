-- "Mijn aanmeldingen": anyone can ask for a mail listing the active registrations of an
-- address, each with a fresh personal link (in registration_links), plus a personal
-- calendar feed of those sessions. The reply is the same whether the address is known.

-- Each request, for the limits only (one mail per address per 10 minutes, a few per IP per
-- hour): the address as a hash, never in plain text. Deleted after a day.
CREATE TABLE registration_lookups (
    id         INTEGER PRIMARY KEY,
    email_hash TEXT NOT NULL,
    ip         TEXT NOT NULL,
    created_at INTEGER NOT NULL    -- unix seconds
);
CREATE INDEX registration_lookups_email ON registration_lookups (email_hash, created_at);
CREATE INDEX registration_lookups_ip ON registration_lookups (ip, created_at);

-- A personal calendar feed: the sessions this address is signed up for. Only the hash of
-- the feed's token is stored. Deleted once the address has no registration left.
CREATE TABLE registration_feeds (
    token_hash TEXT PRIMARY KEY,
    email      TEXT NOT NULL COLLATE NOCASE,
    created_at INTEGER NOT NULL    -- unix seconds
) WITHOUT ROWID;
CREATE INDEX registration_feeds_email ON registration_feeds (email);

-- Registrations by address, for the overview and the feed.
CREATE INDEX registrations_email ON registrations (email);
