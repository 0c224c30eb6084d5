-- A graded event that a correction or retraction arriving before it already withdrew (lab messages overtaking each
-- other) is kept in the log but not assessed (assessed_event.outcome SUPERSEDED): judging it would page on a result
-- already replaced. withdraws names the event each logged event supersedes or retracts, so a late arrival is found.
ALTER TABLE graded_event_log ADD COLUMN withdraws UUID;
UPDATE graded_event_log
   SET withdraws = coalesce(nullif(event::jsonb ->> 'retracts', ''), nullif(event::jsonb ->> 'supersedes', ''))::uuid;
CREATE INDEX graded_event_log_withdraws ON graded_event_log (withdraws) WHERE withdraws IS NOT NULL;
