-- The card simulator's vault (ADR 0035): a token, what may be shown of the card, and how the simulator answers for it
-- (charges, declines, slow). Never the card number: a dump of this database holds no primary account number.
CREATE TABLE IF NOT EXISTS payments.card_tokens (
    token text PRIMARY KEY,
    brand text NOT NULL,
    last4 char(4) NOT NULL,
    behaviour text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now());
-- One-time rewrites of stored events that are done, by name (LegacyCardMasking): a start-up finds them done and skips.
CREATE TABLE IF NOT EXISTS payments.event_maskings (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now());
