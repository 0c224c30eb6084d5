-- A retraction (a lab result entered in error) can also withdraw or re-pair events of other observations: a febrile
-- neutropenia formed with the retracted result. Those events belong to their own observation; prompted_by names the
-- input (observation id | version) that recorded them, so a redelivered retraction re-publishes them as well.
ALTER TABLE graded_event ADD COLUMN prompted_by VARCHAR(600);
CREATE INDEX graded_event_prompted_by ON graded_event (prompted_by) WHERE prompted_by IS NOT NULL;
CREATE INDEX graded_event_patient_term ON graded_event (patient_id, term, effective_time) WHERE superseded_by IS NULL;
