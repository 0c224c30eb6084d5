package org.toxwatch.grader.grading;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.toxwatch.grader.course.TreatmentCourse;
import org.toxwatch.grader.observation.LabResult;

/**
 * What grading a batch of observations reads of what is stored, read in four queries for the whole batch instead of
 * several per observation: the patients' treatment courses (read from JSON once per patient), the results already
 * stored under the observations' result keys, the results the batch's baselines are chosen from and those its
 * febrile-neutropenia pairings read (ANCs and temperatures within the pairing windows). Kept up to date
 * while the batch is graded in order, so an observation sees the results stored by those before it in the batch as if
 * it had read them from the database. Lives inside the batch's transaction (its results are that session's entities).
 * <p>
 * A retraction deletes results by query, behind this view's back: after one, baselines and pairings are read from the
 * database again, one lookup at a time, for the rest of the batch.
 */
public final class KnownRecords {

    private final Map<String, List<TreatmentCourse>> coursesByPatient;
    private final Map<String, LabResult> resultsByKey;
    /** Per patient, the first-cycle start before which every stored result of {@link #candidateAnalytes} is known. */
    private final Map<String, Instant> candidatesBefore = new HashMap<>();
    private Set<String> candidateAnalytes = Set.of();
    /** Per patient, the window within which every stored result of {@link #pairedAnalytes} is known. */
    private final Map<String, Instant[]> pairingWindows = new HashMap<>();
    private Set<String> pairedAnalytes = Set.of();
    /** Baseline candidates by patient and analyte: the rows read for the batch and every row it stored since. */
    private final Map<String, Map<String, LabResult>> candidates = new HashMap<>();
    private boolean candidatesCurrent = true;

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
        candidate(result);
    }

    void baselineCandidates(Map<String, Instant> before, Set<String> analytes, Collection<LabResult> rows) {
        candidatesBefore.putAll(before);
        candidateAnalytes = Set.copyOf(analytes);
        rows.forEach(this::candidate);
    }

    void pairingCandidates(Map<String, Instant> from, Map<String, Instant> to, Collection<String> analytes,
            Collection<LabResult> rows) {
        from.forEach((patient, start) -> pairingWindows.put(patient, new Instant[] {start, to.get(patient)}));
        pairedAnalytes = Set.copyOf(analytes);
        rows.forEach(this::candidate);
    }

    /** Whether {@link #within} answers for results of the paired analytes in [from, to] as the database would. */
    boolean knowsResultsWithin(String patientId, Instant from, Instant to) {
        Instant[] known = pairingWindows.get(patientId);
        return candidatesCurrent && known != null && !from.isBefore(known[0]) && !to.isAfter(known[1]);
    }

    /** {@link LabResult#between} answered from what the batch read and stored, oldest first. */
    List<LabResult> within(String patientId, String analyte, Instant from, Instant to) {
        if (!pairedAnalytes.contains(analyte)) {
            throw new IllegalArgumentException(analyte + " was not read for pairing");
        }
        return candidates.getOrDefault(key(patientId, analyte), Map.of()).values().stream()
                .filter(row -> patientId.equals(row.patientId) && analyte.equals(row.analyte)
                        && !row.effectiveTime.isBefore(from) && !row.effectiveTime.isAfter(to))
                .sorted(Comparator.comparing((LabResult row) -> row.effectiveTime).thenComparing(row -> row.resultKey))
                .toList();
    }

    /** Whether {@link #latestBefore} answers for this lookup as the database would. */
    boolean knowsBaselineOf(String patientId, String analyte, Instant before) {
        Instant known = candidatesBefore.get(patientId);
        return candidatesCurrent && known != null && !before.isAfter(known) && candidateAnalytes.contains(analyte);
    }

    /** {@link LabResult#latestBefore} answered from what the batch read and stored; null when there is none. */
    LabResult latestBefore(String patientId, String analyte, Instant before) {
        // the fields as they stand now: a row corrected earlier in the batch is judged by its new time
        return candidates.getOrDefault(key(patientId, analyte), Map.of()).values().stream()
                .filter(row -> patientId.equals(row.patientId) && analyte.equals(row.analyte)
                        && row.effectiveTime.isBefore(before))
                .max(Comparator.comparing((LabResult row) -> row.effectiveTime).thenComparing(row -> row.resultKey))
                .orElse(null);
    }

    /** A retraction in the batch deleted results: baselines are looked up in the database from now on. */
    public void resultsForgotten() {
        candidatesCurrent = false;
    }

    private void candidate(LabResult row) {
        candidates.computeIfAbsent(key(row.patientId, row.analyte), k -> new LinkedHashMap<>()).put(row.resultKey, row);
    }

    private static String key(String patientId, String analyte) {
        return patientId + '\u0000' + analyte;
    }
}
