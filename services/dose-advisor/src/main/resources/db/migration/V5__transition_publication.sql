-- The outbox of the alert lifecycle (README "Guarantees"): a transition is committed first and published after; this
-- table records that its publication was acknowledged by the broker. A crash between the two leaves a transition
-- without a row here, and the relay (TransitionRelay) publishes it again under the same id.
CREATE TABLE transition_publication (
    lifecycle_event_id UUID        PRIMARY KEY REFERENCES alert_transition (lifecycle_event_id),
    published_at       TIMESTAMPTZ NOT NULL
);

-- Transitions recorded before this table existed were published when they happened (a failed publish was an error
-- then): the relay must not send the whole history again.
INSERT INTO transition_publication (lifecycle_event_id, published_at)
SELECT lifecycle_event_id, now() FROM alert_transition;
