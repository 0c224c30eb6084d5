package org.toxwatch.labingest.normalization;

import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.MISSING_UNIT;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNKNOWN_CODE;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNREADABLE_RESULT;
import static org.toxwatch.labingest.normalization.RejectedObservation.Reason.UNIT_NOT_GRADABLE;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.toxwatch.ctcae.analytes.AnalyteCatalog;
import org.toxwatch.ctcae.analytes.AnalyteDefinition;
import org.toxwatch.ctcae.units.LabUnits;
import org.toxwatch.ctcae.units.ResultNotGradableException;
import org.toxwatch.ctcae.units.UnitNotGradableException;
import org.toxwatch.labingest.fhir.LabReport;

/** LOINC to analyte, lab unit spelling to the analyte's canonical UCUM unit; anything unclear is rejected with its reason. */
@ApplicationScoped
public class ObservationNormalizer {

    private final AnalyteCatalog analytes = AnalyteCatalog.standard();
    private final LabUnits units = LabUnits.standard();

    public NormalizedObservation normalize(LabReport report) {
        if (report.isRetraction()) {
            // nothing to convert: the values are withdrawn, not used
            return new NormalizedObservation(report.observationId(), report.version(), report.status(), report.patientId(),
                    report.effectiveTime(), List.of(), report.issued());
        }
        List<NormalizedObservation.Result> results = new ArrayList<>(report.results().size());
        for (LabReport.ReportedResult reported : report.results()) {
            results.add(normalize(reported));
        }
        return new NormalizedObservation(
                report.observationId(),
                report.version(),
                report.status(),
                report.patientId(),
                report.effectiveTime(),
                List.copyOf(results),
                null);
    }

    private NormalizedObservation.Result normalize(LabReport.ReportedResult reported) {
        AnalyteDefinition analyte = analytes.byLoinc(reported.loinc())
                .orElseThrow(() -> new RejectedObservation(UNKNOWN_CODE,
                        "LOINC " + reported.loinc() + " is not a monitored analyte"));
        boolean unitless = reported.unit() == null || reported.unit().isBlank();
        if (unitless && !analyte.isOrdinal()) {
            // a text result is not repeated: it is free text, and may name someone
            throw new RejectedObservation(MISSING_UNIT, "LOINC " + reported.loinc() + " value "
                    + (reported.value() != null ? reported.value().toPlainString()
                            : "(text of " + reported.valueText().length() + " characters)") + " has no unit");
        }
        BigDecimal value = reported.valueText() != null
                ? convertText(reported.valueText(), reported.unit(), analyte)
                : convert(reported.value(), reported.unit(), analyte, "value");
        // a range without its own unit is in the value's unit, as labs print it
        BigDecimal lower = reported.lowerLimit() == null ? null
                : convert(reported.lowerLimit(), orElse(reported.lowerLimitUnit(), reported.unit()), analyte, "referenceRange.low");
        BigDecimal upper = reported.upperLimit() == null ? null
                : convert(reported.upperLimit(), orElse(reported.upperLimitUnit(), reported.unit()), analyte, "referenceRange.high");
        return new NormalizedObservation.Result(
                reported.loinc(),
                analyte.id(),
                value,
                analyte.ucumUnit(),
                reported.comparator(),
                reported.valueText() != null ? reported.valueText() : reported.value(),
                unitless ? null : reported.unit(),
                lower,
                upper);
    }

    private BigDecimal convertText(String text, String unit, AnalyteDefinition analyte) {
        PlausibilityCheck.text(text, analyte.id() + " value");
        PlausibilityCheck.unit(unit, analyte.id() + " value");
        numberIn(text).ifPresent(number -> PlausibilityCheck.number(number, analyte.id() + " value"));
        try {
            return units.normalizeReported(text, unit, analyte).value();
        } catch (UnitNotGradableException e) {
            throw new RejectedObservation(UNIT_NOT_GRADABLE, analyte.id() + " value: " + e.getMessage());
        } catch (ResultNotGradableException e) {
            throw new RejectedObservation(UNREADABLE_RESULT, analyte.id() + " value: " + QuotedInput.redacted(e.getMessage()));
        }
    }

    private BigDecimal convert(BigDecimal value, String unit, AnalyteDefinition analyte, String field) {
        PlausibilityCheck.unit(unit, analyte.id() + " " + field);
        try {
            return units.normalize(value, unit, analyte).value();
        } catch (UnitNotGradableException e) {
            throw new RejectedObservation(UNIT_NOT_GRADABLE, analyte.id() + " " + field + ": " + e.getMessage());
        }
    }

    /** A text result that is a number ("1e999999999"): bounded like a numeric one before any scale or unit reads it. */
    private static Optional<BigDecimal> numberIn(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static String orElse(String unit, String fallback) {
        return unit == null || unit.isBlank() ? fallback : unit;
    }
}
