-- Drafts of public forms (sign-up, topic suggestion) are limited per client address:
-- anyone can post those forms, so what they leave behind must stay bounded.
ALTER TABLE form_drafts ADD COLUMN client_ip TEXT;
CREATE INDEX form_drafts_by_client_ip ON form_drafts (client_ip, created_at)
    WHERE client_ip IS NOT NULL;
