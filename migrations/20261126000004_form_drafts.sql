-- What someone typed into an edit form that could not be saved yet (a validation error,
-- an expired session, a conflicting edit, or a preview without JavaScript). The form is
-- shown again from here, so nothing typed is lost. Drafts expire after a day.
CREATE TABLE form_drafts (
    token_hash  TEXT PRIMARY KEY,   -- the draft's id in the URL is a random token
    form        TEXT NOT NULL,      -- which form, e.g. 'area:lindenplein'
    values_json TEXT NOT NULL,
    errors_json TEXT NOT NULL,
    preview_html TEXT,
    created_at  INTEGER NOT NULL
);
