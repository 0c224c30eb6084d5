package org.toxwatch.grader.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.toxwatch.resilience.batch.InList;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** The latest version of one analyte's result; the source of derived baselines. */
@Entity
@Table(name = "lab_result")
public class LabResult extends PanacheEntityBase {

    @Id
    @Column(name = "result_key")
    public String resultKey;

    @Column(name = "observation_id")
    public String observationId;

    public String version;

    @Column(name = "patient_id")
    public String patientId;

    public String analyte;

    @Column(name = "effective_time")
    public Instant effectiveTime;

    public BigDecimal value;

    public String unit;

    /** "&gt;", "&gt;=", "&lt;" or "&lt;=" for a censored value; null when exact. */
    public String comparator;

    @Column(name = "lower_limit")
    public BigDecimal lowerLimit;

    @Column(name = "upper_limit")
    public BigDecimal upperLimit;

    public static String key(String observationId, String analyte) {
        return observationId + "|" + analyte;
    }

    /** The stored results under these keys. */
    public static Uni<List<LabResult>> byKeys(List<String> resultKeys) {
        Map<String, Object> parameters = new HashMap<>();
        return list("resultKey in " + InList.of("key", resultKeys, parameters), parameters);
    }

    /** The stored results of one observation (two for a blood-pressure panel). */
    public static Uni<List<LabResult>> ofObservation(String observationId) {
        return list("observationId = ?1 order by analyte", observationId);
    }

    /**
     * Forgets the results of an observation the lab entered in error, so that no baseline, febrile-neutropenia pairing
     * or re-grade reads them again. (Its graded events stay, withdrawn, as the record of what was said.)
     */
    public static Uni<Long> forget(String observationId) {
        return delete("observationId = ?1", observationId);
    }

    /** Every stored result of a patient, oldest first (a re-grade walks them in event-time order). */
    public static Uni<List<LabResult>> ofPatient(String patientId) {
        return list("patientId = ?1 order by effectiveTime, observationId, analyte", patientId);
    }

    /** Results of an analyte taken within [from, to] (event time), oldest first. */
    public static Uni<List<LabResult>> between(String patientId, String analyte, Instant from, Instant to) {
        return list("patientId = ?1 and analyte = ?2 and effectiveTime >= ?3 and effectiveTime <= ?4 order by effectiveTime",
                patientId, analyte, from, to);
    }

    /**
     * The results of the analytes taken, for each patient, strictly before that patient's instant (event time): every
     * row {@link #latestBefore} could return for these patients, analytes and any earlier instant, in one query.
     */
    public static Uni<List<LabResult>> takenBefore(Map<String, Instant> beforeByPatient, List<String> analytes) {
        Map<String, List<Instant>> bounds = new LinkedHashMap<>();
        beforeByPatient.forEach((patient, before) -> bounds.put(patient, List.of(before)));
        return ofPatientsWithin(analytes, bounds, List.of("<"));
    }

    /**
     * The results of the analytes taken, for each patient, within [from, to] of that patient (event time): every row
     * {@link #between} could return for these patients and analytes in a narrower window, in one query.
     */
    public static Uni<List<LabResult>> takenWithin(Map<String, Instant> from, Map<String, Instant> to,
            List<String> analytes) {
        Map<String, List<Instant>> bounds = new LinkedHashMap<>();
        from.forEach((patient, start) -> bounds.put(patient, List.of(start, to.get(patient))));
        return ofPatientsWithin(analytes, bounds, List.of(">=", "<="));
    }

    /**
     * One query: the analytes' results of each patient whose effective time meets that patient's bounds. The patients'
     * conditions are padded like an {@link InList} (the last one repeated), so the query has a few forms, each
     * translated once.
     */
    private static Uni<List<LabResult>> ofPatientsWithin(List<String> analytes, Map<String, List<Instant>> bounds,
            List<String> comparisons) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder query = new StringBuilder("analyte in ").append(InList.of("analyte", analytes, parameters))
                .append(" and (");
        List<Map.Entry<String, List<Instant>>> patients = List.copyOf(bounds.entrySet());
        for (int p = 0; p < InList.paddedSize(patients.size()); p++) {
            Map.Entry<String, List<Instant>> patient = patients.get(Math.min(p, patients.size() - 1));
            query.append(p > 0 ? " or (" : "(").append("patientId = :patient").append(p);
            parameters.put("patient" + p, patient.getKey());
            for (int k = 0; k < comparisons.size(); k++) {
                parameters.put("bound" + p + "_" + k, patient.getValue().get(k));
                query.append(" and effectiveTime ").append(comparisons.get(k)).append(" :bound").append(p).append('_').append(k);
            }
            query.append(')');
        }
        return list(query.append(')').toString(), parameters);
    }

    /** The last result of an analyte taken strictly before an instant (event time). */
    public static Uni<LabResult> latestBefore(String patientId, String analyte, Instant before) {
        return find("patientId = ?1 and analyte = ?2 and effectiveTime < ?3 order by effectiveTime desc",
                patientId, analyte, before).firstResult();
    }
}
