-- The grader's view of treatment courses (the dose-advisor owns them; they arrive on treatment.courses.v1).
CREATE TABLE treatment_course (
    course_id      VARCHAR(100) PRIMARY KEY,
    patient_id     VARCHAR(100) NOT NULL,
    ctcae_version  VARCHAR(10)  NOT NULL,
    first_cycle_start DATE      NOT NULL,
    course         TEXT         NOT NULL        -- the treatment-course.v1 message as received
);
CREATE INDEX treatment_course_patient ON treatment_course (patient_id, first_cycle_start);

-- Latest version of each analyte result; baselines are looked up here by event time.
CREATE TABLE lab_result (
    result_key      VARCHAR(700) PRIMARY KEY,   -- observation id | analyte
    observation_id  VARCHAR(500) NOT NULL,
    version         VARCHAR(100) NOT NULL,
    patient_id      VARCHAR(100) NOT NULL,
    analyte         VARCHAR(50)  NOT NULL,
    effective_time  TIMESTAMPTZ  NOT NULL,
    value           NUMERIC      NOT NULL,
    unit            VARCHAR(50)  NOT NULL,
    lower_limit     NUMERIC,
    upper_limit     NUMERIC
);
CREATE INDEX lab_result_patient_analyte ON lab_result (patient_id, analyte, effective_time);

-- Every grading published, so a redelivered observation re-publishes the same events instead of grading again.
CREATE TABLE graded_event (
    event_id            UUID PRIMARY KEY,
    observation_id      VARCHAR(500) NOT NULL,
    observation_version VARCHAR(100) NOT NULL,
    patient_id          VARCHAR(100) NOT NULL,
    term                VARCHAR(200) NOT NULL,
    ctcae_version       VARCHAR(10)  NOT NULL,
    grade               SMALLINT,
    status              VARCHAR(20)  NOT NULL,
    effective_time      TIMESTAMPTZ  NOT NULL,
    event               TEXT         NOT NULL     -- the graded-adverse-event.v1 message
);
CREATE INDEX graded_event_observation ON graded_event (observation_id, observation_version);
