-- The alert lifecycle (README "Alert lifecycle"): every dose alert has a state, a content revision, an escalation level
-- and an acknowledge deadline, and every change of these is one row of alert_transition.

ALTER TABLE dose_alert
    ADD COLUMN state                 VARCHAR(20),
    ADD COLUMN revision              INTEGER,      -- content version: 1 when opened, + 1 per WORSENED
    ADD COLUMN version               INTEGER,      -- row version: + 1 per transition; what every conditional update checks
    ADD COLUMN escalation_level      INTEGER,
    ADD COLUMN acknowledge_within_ms BIGINT,       -- this alert's timer (shorter for febrile neutropenia)
    ADD COLUMN acknowledge_deadline  TIMESTAMPTZ,  -- null once acknowledged or closed, or at the last escalation level
    ADD COLUMN opened_at             TIMESTAMPTZ,
    ADD COLUMN updated_at            TIMESTAMPTZ;

-- Alerts raised before the lifecycle existed stay OPEN, without a deadline (their timer would have run out long ago)
-- and without an invented OPENED transition: version 0 says no transition is recorded for them.
UPDATE dose_alert
   SET state = 'OPEN', revision = 1, version = 0, escalation_level = 0, acknowledge_within_ms = 900000;

ALTER TABLE dose_alert
    ALTER COLUMN state SET NOT NULL,
    ALTER COLUMN revision SET NOT NULL,
    ALTER COLUMN version SET NOT NULL,
    ALTER COLUMN escalation_level SET NOT NULL,
    ALTER COLUMN acknowledge_within_ms SET NOT NULL,
    ADD CONSTRAINT dose_alert_state CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'OVERRIDDEN', 'RETRACTED')),
    ADD CONSTRAINT dose_alert_revision CHECK (revision >= 1),
    ADD CONSTRAINT dose_alert_escalation_level CHECK (escalation_level >= 0);

-- the escalation timer's query: open alerts by deadline
CREATE INDEX dose_alert_overdue ON dose_alert (acknowledge_deadline) WHERE state = 'OPEN';
CREATE INDEX dose_alert_state ON dose_alert (state, opened_at);
CREATE INDEX dose_alert_course ON dose_alert (course_id, opened_at);

-- Append-only history: one row per transition, numbered per alert. sequence is the alert's version after the
-- transition, so two transitions from the same version cannot both be stored.
CREATE TABLE alert_transition (
    alert_id             UUID         NOT NULL REFERENCES dose_alert (alert_id),
    sequence             INTEGER      NOT NULL CHECK (sequence >= 1),
    transition           VARCHAR(20)  NOT NULL
        CHECK (transition IN ('OPENED', 'WORSENED', 'ESCALATED', 'ACKNOWLEDGED', 'RESOLVED', 'OVERRIDDEN', 'RETRACTED')),
    from_state           VARCHAR(20),  -- null for OPENED
    to_state             VARCHAR(20)  NOT NULL,
    actor                VARCHAR(200) NOT NULL,  -- free text for now; a role column joins it with authentication
    reason               TEXT,
    at                   TIMESTAMPTZ  NOT NULL,  -- machine clock: when the person or the timer acted
    revision             INTEGER      NOT NULL,
    escalation_level     INTEGER      NOT NULL,
    acknowledge_deadline TIMESTAMPTZ,
    cause_event_id       UUID,                   -- the graded event behind OPENED / WORSENED: a redelivery re-publishes
    lifecycle_event_id   UUID         NOT NULL UNIQUE,
    event                TEXT         NOT NULL,  -- the alert-lifecycle-event.v1 message, re-published byte for byte
    PRIMARY KEY (alert_id, sequence),
    CHECK (transition NOT IN ('OVERRIDDEN', 'RETRACTED') OR (reason IS NOT NULL AND length(btrim(reason)) > 0))
);
CREATE INDEX alert_transition_cause ON alert_transition (cause_event_id) WHERE cause_event_id IS NOT NULL;

CREATE FUNCTION alert_transition_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert_transition is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER alert_transition_append_only
    BEFORE UPDATE OR DELETE ON alert_transition
    FOR EACH ROW EXECUTE FUNCTION alert_transition_append_only();
