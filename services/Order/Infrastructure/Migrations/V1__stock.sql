-- The stock module's tables as they stood before migrations (ADR 0034): IF NOT EXISTS, so a data folder that has them is baselined.
CREATE SCHEMA IF NOT EXISTS stock;
CREATE TABLE IF NOT EXISTS stock.products (
    product_id text PRIMARY KEY,
    available integer NOT NULL CHECK (available >= 0),
    reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0));
CREATE TABLE IF NOT EXISTS stock.reservations (
    order_id uuid PRIMARY KEY,
    lines jsonb NOT NULL,
    reserved_at timestamptz NOT NULL DEFAULT now(),
    released_at timestamptz);
