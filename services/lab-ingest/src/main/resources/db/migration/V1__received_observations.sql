-- One row per accepted Observation version: absorbs lab re-sends and detects conflicting ones.
CREATE TABLE received_observation (
    dedup_key        VARCHAR(600) PRIMARY KEY,  -- observation id | version
    observation_id   VARCHAR(500) NOT NULL,
    version          VARCHAR(100) NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    patient_id       VARCHAR(100) NOT NULL,
    effective_time   TIMESTAMPTZ  NOT NULL,
    content_hash     CHAR(64)     NOT NULL,
    event_id         UUID         NOT NULL,     -- ce_id of the normalized observation published for it
    normalized       TEXT         NOT NULL,     -- the published message, for audit and re-publication
    received_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX received_observation_observation ON received_observation (observation_id);
