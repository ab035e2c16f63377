-- Every stored policy version is announced when its transaction commits, so each gateway instance listening on the
-- channel puts it in force at once (ADR 0018). The trigger, not the writer, notifies: no second write to forget.
CREATE OR REPLACE FUNCTION gateway.announce_policy_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_policy_versions', NEW.service || ':' || NEW.version);
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS policy_version_announced ON gateway.policy_versions;
CREATE TRIGGER policy_version_announced AFTER INSERT ON gateway.policy_versions
    FOR EACH ROW EXECUTE FUNCTION gateway.announce_policy_version();
