package org.toxwatch.regimens.rules;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.toxwatch.regimens.finding.Finding;

/**
 * A second finding of the same patient that must hold together with the rule's own, within a time window: total
 * bilirubin at least 2 x ULN within 24 hours of an ALT above 3 x ULN (Hy's-law-like stop, rules.csv line 136).
 * The companion is read from the findings given together; it is never assumed.
 */
public record Companion(List<String> terms, Interval ulnMultiple, int withinHours) {

    public Companion {
        terms = List.copyOf(terms);
        Objects.requireNonNull(ulnMultiple, "ulnMultiple");
        if (withinHours < 1) {
            throw new IllegalArgumentException("withinHours must be 1 or more, was " + withinHours);
        }
    }

    TriggerOutcome read(Finding finding, List<Finding> together) {
        String wanted = String.join(" or ", terms) + " " + ulnMultiple.describe("x ULN") + " within " + withinHours + " h";
        if (finding.effectiveTime() == null) {
            return TriggerOutcome.notEvaluable("no effective time, and the rule needs " + wanted);
        }
        Duration window = Duration.ofHours(withinHours);
        List<Finding> inWindow = together.stream()
                .filter(other -> other != finding && terms.contains(other.term()) && other.effectiveTime() != null)
                .filter(other -> Duration.between(other.effectiveTime(), finding.effectiveTime()).abs().compareTo(window) <= 0)
                .toList();
        Optional<Finding> readable = inWindow.stream()
                .filter(other -> other.value() != null && other.upperLimit() != null && other.upperLimit().signum() > 0)
                // the nearest in time stands for "concurrent"
                .min(Comparator.comparing(other -> Duration.between(other.effectiveTime(), finding.effectiveTime()).abs()));
        if (readable.isEmpty()) {
            return TriggerOutcome.notEvaluable(inWindow.isEmpty()
                    ? "the rule needs " + wanted + ", and none was given with this finding"
                    : "the rule needs " + wanted + ", but the value or its ULN is missing");
        }
        Finding other = readable.get();
        if (!ulnMultiple.containsMultiple(other.value(), other.upperLimit())) {
            return TriggerOutcome.noMatch();
        }
        String unit = other.unit() == null ? "" : " " + other.unit();
        return TriggerOutcome.match("with " + other.analyteLabel() + " " + Decimals.plain(other.value()) + unit + " = "
                + Decimals.ratio(other.value(), other.upperLimit()) + " x ULN at " + other.effectiveTime());
    }
}
