-- Records the read model could not take (unreadable, beyond its bounds, or failing for a reason that is not an outage)
-- are skipped so the board never stalls, and kept here besides the log and toxwatch_dead_letters_total: the dashboard
-- has no dead-letter topic (the source topic keeps the record), so this is where an operator finds what to replay.
CREATE TABLE skipped_record (
    topic           VARCHAR(249) NOT NULL,
    topic_partition INTEGER      NOT NULL,
    topic_offset    BIGINT       NOT NULL,
    record_key      VARCHAR(200),             -- the Kafka key (a patient pseudonym), cut at 200 characters
    reason          TEXT         NOT NULL,    -- starts with the code counted in toxwatch_dead_letters_total
    skipped_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (topic, topic_partition, topic_offset)
);
CREATE INDEX skipped_record_key ON skipped_record (record_key);
