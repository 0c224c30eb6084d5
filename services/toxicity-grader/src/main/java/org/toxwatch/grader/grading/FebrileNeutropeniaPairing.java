package org.toxwatch.grader.grading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.toxwatch.ctcae.grading.GradingRequest;
import org.toxwatch.ctcae.grading.Measurement;
import org.toxwatch.grader.observation.LabResult;

/**
 * Febrile neutropenia needs an ANC and a temperature, which arrive as separate observations (a lab's blood count, a
 * ward's vital signs). This pairs them by event time: the ANC nearest the observation being graded and the temperatures
 * within the pairing window around it. CTCAE gives no pairing window, so it is a setting, and the explanation says so.
 * <p>
 * The temperature offered to the engine is the highest reading in the window, with a duration only when readings of
 * at least 38.0 °C in an unbroken run span more than one hour: a single reading says nothing about how long the fever
 * lasted, and the engine then reports a lower bound instead of guessing.
 */
final class FebrileNeutropeniaPairing {

    static final String NEUTROPHILS = "NEUTROPHILS";
    static final String BODY_TEMPERATURE = "BODY_TEMPERATURE";
    private static final BigDecimal FEVER_CELSIUS = new BigDecimal("38.0");
    private static final BigDecimal ONE_HOUR = BigDecimal.ONE;

    record Pairing(GradingRequest request, String explanation) {
    }

    private FebrileNeutropeniaPairing() {
    }

    /** The request to grade, or empty when the window lacks an ANC or a temperature. */
    static Optional<Pairing> pair(Instant at, List<LabResult> neutrophils, List<LabResult> temperatures, Duration window) {
        if (neutrophils.isEmpty() || temperatures.isEmpty()) {
            return Optional.empty();
        }
        LabResult anc = neutrophils.stream()
                .min(Comparator.comparing(r -> Duration.between(r.effectiveTime, at).abs()))
                .orElseThrow();
        LabResult hottest = temperatures.stream().max(Comparator.comparing(r -> r.value)).orElseThrow();
        Optional<Duration> sustained = longestFebrileRun(temperatures);
        BigDecimal hours = sustained
                .map(d -> BigDecimal.valueOf(d.toMinutes()).divide(BigDecimal.valueOf(60), 2, RoundingMode.DOWN))
                .filter(h -> h.compareTo(ONE_HOUR) > 0)
                .orElse(null);
        Measurement temperature = new Measurement(BODY_TEMPERATURE, hottest.value, hottest.unit, null, null, hours);
        Measurement count = new Measurement(NEUTROPHILS, anc.value, anc.unit, anc.lowerLimit, anc.upperLimit);
        String explanation = "Paired within " + window.toHours() + " h of " + at
                + " (a ToxWatch setting; CTCAE gives no pairing window): ANC " + anc.value.toPlainString() + " " + anc.unit
                + " from " + anc.observationId + " at " + anc.effectiveTime + "; highest temperature "
                + hottest.value.toPlainString() + " " + hottest.unit + " from " + hottest.observationId + " at "
                + hottest.effectiveTime
                + (hours != null ? "; readings of at least 38.0 Cel spanning " + hours.toPlainString() + " h."
                        : sustained.isPresent() ? "; readings of at least 38.0 Cel spanning "
                                + sustained.get().toMinutes() + " min, not known to last more than one hour."
                                : "; no fever reading.");
        return Optional.of(new Pairing(GradingRequest.of(count, temperature), explanation));
    }

    /** The longest span of consecutive readings all at or above 38.0 Cel, if any reading is. */
    private static Optional<Duration> longestFebrileRun(List<LabResult> temperatures) {
        List<LabResult> ordered = temperatures.stream().sorted(Comparator.comparing(r -> r.effectiveTime)).toList();
        Duration longest = null;
        Instant runStart = null;
        for (LabResult reading : ordered) {
            if (reading.value.compareTo(FEVER_CELSIUS) >= 0) {
                runStart = runStart == null ? reading.effectiveTime : runStart;
                Duration run = Duration.between(runStart, reading.effectiveTime);
                longest = longest == null || run.compareTo(longest) > 0 ? run : longest;
            } else {
                runStart = null;
            }
        }
        return Optional.ofNullable(longest);
    }
}
