-- Whom each mail is sent for (issue 21): a user reads only their own mails, and erasing a user finds theirs. A user's
-- mails are keyed by the user already; an order's, keyed by the order, name their customer from now on (older ones
-- stay unnamed and only an admin lists them).
ALTER TABLE email.mails ADD COLUMN sent_for uuid;
UPDATE email.mails SET sent_for = user_id WHERE purpose IN ('Welcome', 'EmailChangedFrom', 'EmailChangedTo');
CREATE INDEX mails_sent_for ON email.mails (sent_for);
