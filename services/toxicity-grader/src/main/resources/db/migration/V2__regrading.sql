-- A censored value (">1000 U/L") keeps its comparator, so a later re-grade reads it the same way.
ALTER TABLE lab_result ADD COLUMN comparator VARCHAR(2);

-- Graded events are never changed or deleted: a correction or a re-grade under another CTCAE version adds new events,
-- and the ones they replace point to them. "Current" events are those not superseded.
ALTER TABLE graded_event ADD COLUMN superseded_by UUID;
ALTER TABLE graded_event ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX graded_event_current ON graded_event (observation_id) WHERE superseded_by IS NULL;
