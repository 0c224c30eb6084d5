-- What the advisor remembers per course between graded events (open conditions, holds, occurrence episodes, recent
-- findings, confirmed qualifiers): the CourseMonitor's CourseWatch as JSON, one writer per course (the partition
-- that carries the patient), replaced in the transaction that stores the event's alerts.
CREATE TABLE course_watch (
    course_id   VARCHAR(100) PRIMARY KEY,
    watch       TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- Every graded event as received, for the what-if replay (bin/toxwatch replay --db) and audits.
CREATE TABLE graded_event_log (
    event_id    UUID PRIMARY KEY,
    patient_id  VARCHAR(100) NOT NULL,
    course_id   VARCHAR(100),
    effective_time TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    event       TEXT         NOT NULL     -- the graded-adverse-event.v1 message
);
CREATE INDEX graded_event_log_course ON graded_event_log (course_id, effective_time);

-- Pre-cycle checks and qualifier confirmations raise alerts without a graded event behind them.
ALTER TABLE dose_alert DROP CONSTRAINT IF EXISTS dose_alert_event_id_fkey;
ALTER TABLE dose_alert ALTER COLUMN event_id DROP NOT NULL;
-- A RESUME_ELIGIBLE notice names the hold it ends.
ALTER TABLE dose_alert ADD COLUMN related_alert_id UUID;

-- A repeat of an open condition is absorbed into its alert (no page): which one, for the audit.
ALTER TABLE assessed_event ADD COLUMN absorbed_into TEXT;
