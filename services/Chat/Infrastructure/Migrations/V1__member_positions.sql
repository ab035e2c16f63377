-- Receipts as each member's two positions in a room (ADR 0050): delivered up to a version, read up to one. Updated by
-- GREATEST, so reports from a member's several clients merge in any order and a position never goes back.
CREATE SCHEMA IF NOT EXISTS chat;
CREATE TABLE chat.member_positions (
    room_id uuid NOT NULL,
    user_id uuid NOT NULL,
    delivered bigint NOT NULL CHECK (delivered >= 0),
    read bigint NOT NULL CHECK (read >= 0 AND read <= delivered),
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (room_id, user_id));
