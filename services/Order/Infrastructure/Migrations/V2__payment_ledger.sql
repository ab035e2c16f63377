-- The card simulator's ledger as it stood before migrations (ADR 0034); created also when the service uses a real processor.
CREATE SCHEMA IF NOT EXISTS payments;
CREATE TABLE IF NOT EXISTS payments.ledger (
    payment_id uuid PRIMARY KEY,
    order_id uuid NOT NULL,
    amount numeric NOT NULL,
    currency text NOT NULL,
    status text NOT NULL,
    charge_requests integer NOT NULL DEFAULT 0,
    detail text,
    updated_at timestamptz NOT NULL DEFAULT now());
