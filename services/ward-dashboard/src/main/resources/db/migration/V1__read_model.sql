-- The ward dashboard's read model of dose alerts, their lifecycle, graded lab values and treatment courses, fed from
-- Kafka, and the audit of ward actions. Nothing here is the source of truth except audit_entry: the dose-advisor owns
-- alerts and courses, the toxicity-grader owns graded events.

-- Every change to an alert card takes the next value; the live stream and GET /api/alerts?asOf are positions in it.
-- Changes are written under one transaction-level advisory lock, so values become visible in order (no reader can
-- see 12 before 11 is committed) and a stream reading "after N" never skips a change.
CREATE SEQUENCE change_seq;

-- Every version of every course seen on treatment.courses.v1 (the dose-level history); the latest per course is the
-- one with the highest offset (one course, one key, one partition).
CREATE TABLE course_version (
    topic_partition INTEGER      NOT NULL,
    topic_offset    BIGINT       NOT NULL,
    course_id       VARCHAR(100) NOT NULL,
    patient_id      VARCHAR(100) NOT NULL,
    ward            VARCHAR(40)  NOT NULL,   -- 'unassigned' when the course names none
    published_at    TIMESTAMPTZ  NOT NULL,   -- the record's timestamp: from when this version was in force
    course          TEXT         NOT NULL,   -- the treatment-course.v1 message
    PRIMARY KEY (topic_partition, topic_offset)
);
CREATE INDEX course_version_course ON course_version (course_id, topic_offset DESC);
CREATE INDEX course_version_patient ON course_version (patient_id);

-- Graded adverse events as received; an event stands until another one supersedes or retracts it.
CREATE TABLE graded_event (
    event_id        UUID         PRIMARY KEY,
    patient_id      VARCHAR(100) NOT NULL,
    course_id       VARCHAR(100),
    cycle_number    INTEGER,
    effective_time  TIMESTAMPTZ  NOT NULL,
    ctcae_version   VARCHAR(10),
    term            VARCHAR(200) NOT NULL,
    analyte         VARCHAR(100),
    status          VARCHAR(20)  NOT NULL,
    grade           INTEGER,
    value           NUMERIC,
    unit            VARCHAR(50),
    lower_limit     NUMERIC,
    upper_limit     NUMERIC,
    baseline        TEXT,                    -- the event's baseline object as JSON, or null
    supersedes      UUID,
    retracts        UUID
);
CREATE INDEX graded_event_patient ON graded_event (patient_id, effective_time);
CREATE INDEX graded_event_supersedes ON graded_event (supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX graded_event_retracts ON graded_event (retracts) WHERE retracts IS NOT NULL;

-- One row per alert: its current content (highest revision seen), lifecycle (highest sequence seen) and card.
CREATE TABLE alert (
    alert_id            UUID         PRIMARY KEY,
    patient_id          VARCHAR(100) NOT NULL,
    course_id           VARCHAR(100),
    ward                VARCHAR(40)  NOT NULL,
    drug                VARCHAR(100),
    alert_type          VARCHAR(30),
    severity            INTEGER      NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    escalation_level    INTEGER      NOT NULL,
    revision            INTEGER      NOT NULL,   -- content revision; 0 while only lifecycle events without content were seen
    lifecycle_sequence  INTEGER      NOT NULL,   -- 0 until a lifecycle event was seen
    content             TEXT,                    -- the dose-alert.v1 message at that revision
    effective_time      TIMESTAMPTZ,
    opened_at           TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ,
    seq                 BIGINT       NOT NULL,
    card                TEXT         NOT NULL    -- the AlertCard as served
);
CREATE INDEX alert_ward_state ON alert (ward, state);
CREATE INDEX alert_patient ON alert (patient_id);
CREATE INDEX alert_course ON alert (course_id);
CREATE INDEX alert_seq ON alert (seq);

-- Every card change, in order: what the stream replays after a position.
CREATE TABLE alert_change (
    seq       BIGINT      PRIMARY KEY,
    alert_id  UUID        NOT NULL,
    ward      VARCHAR(40) NOT NULL,
    card      TEXT        NOT NULL
);
CREATE INDEX alert_change_ward ON alert_change (ward, seq);

-- Each alert's transitions as the dose-advisor published them (in any order; sequence orders them).
CREATE TABLE alert_transition (
    alert_id          UUID         NOT NULL,
    sequence          INTEGER      NOT NULL,
    transition        VARCHAR(20)  NOT NULL,
    from_state        VARCHAR(20),
    to_state          VARCHAR(20)  NOT NULL,
    actor             VARCHAR(200) NOT NULL,
    reason            TEXT,
    at                TIMESTAMPTZ  NOT NULL,
    revision          INTEGER,
    escalation_level  INTEGER      NOT NULL,
    PRIMARY KEY (alert_id, sequence)
);

-- Every ward action attempted through the dashboard (allowed, refused or failed), written before the answer goes
-- back. Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_entry (
    id          BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL,               -- machine clock: when the person acted
    actor       VARCHAR(200) NOT NULL,               -- the token's upn (or sub)
    role        VARCHAR(200) NOT NULL,               -- the role the action was taken in, or the token's groups if none fits
    action      VARCHAR(20)  NOT NULL CHECK (action IN ('ACKNOWLEDGE', 'OVERRIDE', 'RESOLVE')),
    alert_id    UUID         NOT NULL,
    patient_id  VARCHAR(100),                        -- null when the dashboard has not seen the alert
    reason      TEXT,
    outcome     INTEGER      NOT NULL,               -- the HTTP status the ward got
    detail      TEXT
);
CREATE INDEX audit_entry_alert ON audit_entry (alert_id, id);
CREATE INDEX audit_entry_patient ON audit_entry (patient_id, id);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_entry_no_change
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
