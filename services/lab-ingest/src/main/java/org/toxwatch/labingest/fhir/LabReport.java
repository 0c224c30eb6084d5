package org.toxwatch.labingest.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What ToxWatch takes from one FHIR Observation, before any normalisation.
 *
 * @param identifierSystem the lab's identifier namespace (may be null)
 * @param identifierValue the lab's id of the result
 * @param version meta.versionId, else meta.lastUpdated, else the status: what tells two sendings of one result apart
 * @param effectiveTime the sample time; may be null only on a retraction
 * @param issued Observation.issued, read only on a retraction (when the lab declared the result entered in error); else null
 * @param code the LOINC code; may be null only on a retraction
 * @param results one for a single analyte, two for a blood-pressure panel; none on a retraction (status entered-in-error)
 */
public record LabReport(
        String identifierSystem,
        String identifierValue,
        String version,
        String status,
        String patientId,
        Instant effectiveTime,
        Instant issued,
        String code,
        List<ReportedResult> results) {

    public static final String ENTERED_IN_ERROR = "entered-in-error";

    /** The lab says a result it sent earlier was entered in error: it must be taken back, not graded. */
    public boolean isRetraction() {
        return ENTERED_IN_ERROR.equals(status);
    }

    /** The id downstream services use for this result across its versions. */
    public String observationId() {
        return identifierSystem == null ? identifierValue : identifierSystem + "|" + identifierValue;
    }

    /**
     * A value as the lab reported it, with its reference range in the lab's units.
     *
     * @param value      the number, or null when the lab reported text
     * @param valueText  the text result (e.g. a dipstick "2+"), or null when the lab reported a number
     * @param comparator the Quantity's comparator for a censored value ("&gt;" 1000 U/L), or null when exact
     */
    public record ReportedResult(
            String loinc,
            BigDecimal value,
            String valueText,
            String comparator,
            String unit,
            BigDecimal lowerLimit,
            String lowerLimitUnit,
            BigDecimal upperLimit,
            String upperLimitUnit) {
    }
}
