-- The mail log as it stood before migrations (ADR 0034): IF NOT EXISTS, so a data folder that has it is baselined.
CREATE SCHEMA IF NOT EXISTS email;
CREATE TABLE IF NOT EXISTS email.mails (
    user_id uuid NOT NULL,
    version bigint NOT NULL,
    purpose text NOT NULL,
    recipient text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    state text NOT NULL,
    attempts int NOT NULL DEFAULT 0,
    last_error text,
    queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (user_id, version, purpose));
CREATE INDEX IF NOT EXISTS mails_recipient ON email.mails (lower(recipient), queued_at DESC);
