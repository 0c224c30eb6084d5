-- Treatment courses: the dose-advisor is their single writer and publishes each change on treatment.courses.v1.
CREATE TABLE treatment_course (
    course_id   VARCHAR(100) PRIMARY KEY,
    patient_id  VARCHAR(100) NOT NULL,
    course      TEXT         NOT NULL,   -- the treatment-course.v1 message
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX treatment_course_patient ON treatment_course (patient_id);

-- Every graded event taken in, with what came of it: the idempotency record and the audit of "no alert" outcomes.
CREATE TABLE assessed_event (
    event_id    UUID PRIMARY KEY,
    patient_id  VARCHAR(100) NOT NULL,
    course_id   VARCHAR(100),
    outcome     VARCHAR(30)  NOT NULL,   -- ALERTED, NO_ACTION, NOT_EVALUABLE, NO_COURSE
    not_evaluable TEXT,                  -- rules that could not be checked, and why
    assessed_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE dose_alert (
    alert_id        UUID PRIMARY KEY,
    event_id        UUID         NOT NULL REFERENCES assessed_event (event_id),
    patient_id      VARCHAR(100) NOT NULL,
    course_id       VARCHAR(100) NOT NULL,
    drug            VARCHAR(100) NOT NULL,
    alert_type      VARCHAR(20)  NOT NULL,
    rule_id         VARCHAR(100) NOT NULL,
    effective_time  TIMESTAMPTZ  NOT NULL,
    alert           TEXT         NOT NULL    -- the dose-alert.v1 message
);
CREATE INDEX dose_alert_event ON dose_alert (event_id);
CREATE INDEX dose_alert_patient ON dose_alert (patient_id, effective_time);
