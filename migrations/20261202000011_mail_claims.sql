-- A worker claims due mails before sending them, so that two server processes on one
-- database never send the same mail: `claimed_until` (unix seconds) is a lease, and a
-- claim from a process that died runs out and the mail is taken by another.
ALTER TABLE mail_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE mail_outbox ADD COLUMN claimed_until INTEGER;
