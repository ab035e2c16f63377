-- A mail is claimed for one delivery attempt by a lease on its row (issue 26, ADR 0056), not by a row lock held in an
-- open transaction across the SMTP send: the attempt's id, and until when it holds the mail. A lease left by an attempt
-- that died lapses, and the next attempt takes the mail.
ALTER TABLE email.mails ADD COLUMN claimed_by uuid, ADD COLUMN claimed_until timestamptz;
