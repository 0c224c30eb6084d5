package org.toxwatch.grader.grading;

import java.util.List;
import java.util.Map;

import org.toxwatch.grader.course.TreatmentCourse;
import org.toxwatch.grader.observation.LabResult;

/**
 * What grading a batch of observations reads of what is stored, read in two queries for the whole batch instead of two
 * per observation: the patients' treatment courses (read from JSON once per patient) and the results already stored
 * under the observations' result keys. Kept up to date while the batch is graded in order, so an observation sees the
 * results stored by those before it in the batch as if it had read them from the database. Lives inside the batch's
 * transaction (its results are that session's entities).
 */
public final class KnownRecords {

    private final Map<String, List<TreatmentCourse>> coursesByPatient;
    private final Map<String, LabResult> resultsByKey;

    KnownRecords(Map<String, List<TreatmentCourse>> coursesByPatient, Map<String, LabResult> resultsByKey) {
        this.coursesByPatient = coursesByPatient;
        this.resultsByKey = resultsByKey;
    }

    /** The patient's courses, by first cycle start (empty for a patient with none). */
    List<TreatmentCourse> coursesOf(String patientId) {
        return coursesByPatient.getOrDefault(patientId, List.of());
    }

    /** The stored result under this key, or null. */
    LabResult result(String resultKey) {
        return resultsByKey.get(resultKey);
    }

    void stored(LabResult result) {
        resultsByKey.put(result.resultKey, result);
    }
}
