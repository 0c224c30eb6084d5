package org.toxwatch.regimens.rules;

import java.math.BigDecimal;
import java.util.Objects;
import org.toxwatch.regimens.finding.Finding;

/** The one quantity a trigger reads from a finding. */
public sealed interface Measure permits Measure.GradeRange, Measure.ValueThreshold, Measure.UlnMultiple,
        Measure.BaselineMultiple {

    /** Reads the finding; a match carries what was read ("AST 410 U/L is 10.25 x ULN (40 U/L)"). */
    TriggerOutcome read(Finding finding);

    /** The rule's threshold in words ("above 10 x ULN", "grade 3-4", "below 1.2 10*9/L"). */
    String criterion();

    /** The CTCAE grade, both ends inclusive. A not-gradable finding cannot be read. */
    record GradeRange(int min, int max) implements Measure {

        public GradeRange {
            if (min < 1 || max > 5 || min > max) {
                throw new IllegalArgumentException("grade range must lie in 1..5 with min <= max, was " + min + ".." + max);
            }
        }

        @Override
        public TriggerOutcome read(Finding finding) {
            if (finding.grade() == null) {
                return TriggerOutcome.notEvaluable("not gradable"
                        + (finding.explanation() == null || finding.explanation().isBlank() ? "" : " (" + finding.explanation() + ")")
                        + ", and the rule reads the grade");
            }
            if (finding.grade() < min || finding.grade() > max) {
                return TriggerOutcome.noMatch();
            }
            return TriggerOutcome.match(finding.term() + " grade " + finding.grade() + " (CTCAE v" + finding.ctcaeVersion() + ")");
        }

        @Override
        public String criterion() {
            return "grade " + (min == max ? String.valueOf(min) : min + "-" + max);
        }
    }

    /** The finding's value in the rule's unit, which must be the analyte's canonical UCUM unit. */
    record ValueThreshold(Interval range, String unit) implements Measure {

        public ValueThreshold {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public TriggerOutcome read(Finding finding) {
            if (finding.value() == null) {
                return TriggerOutcome.notEvaluable("no value reported, and the rule reads the value " + range.describe(unit));
            }
            if (!unit.equals(finding.unit())) {
                // never convert here: units are normalised upstream, so a different unit is a contract breach to show
                return TriggerOutcome.notEvaluable("value reported in '" + finding.unit() + "' but the rule reads '" + unit + "'");
            }
            if (!range.contains(finding.value())) {
                return TriggerOutcome.noMatch();
            }
            return TriggerOutcome.match(finding.analyteLabel() + " " + Decimals.plain(finding.value()) + " " + unit);
        }

        @Override
        public String criterion() {
            return range.describe(unit);
        }
    }

    /** The finding's value as a multiple of the upper limit of normal reported with it. */
    record UlnMultiple(Interval range) implements Measure {

        public UlnMultiple {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public TriggerOutcome read(Finding finding) {
            if (finding.value() == null) {
                return TriggerOutcome.notEvaluable("no value reported, and the rule reads the value as a multiple of ULN");
            }
            if (finding.upperLimit() == null || finding.upperLimit().signum() <= 0) {
                return TriggerOutcome.notEvaluable("no upper limit of normal reported with the value, and the rule reads multiples of ULN");
            }
            if (!range.containsMultiple(finding.value(), finding.upperLimit())) {
                return TriggerOutcome.noMatch();
            }
            String unit = finding.unit() == null ? "" : " " + finding.unit();
            return TriggerOutcome.match(finding.analyteLabel() + " " + Decimals.plain(finding.value()) + unit + " is "
                    + Decimals.ratio(finding.value(), finding.upperLimit()) + " x ULN (" + Decimals.plain(finding.upperLimit())
                    + unit + ")");
        }

        @Override
        public String criterion() {
            return range.describe("x ULN");
        }
    }

    /**
     * The finding's value as a multiple of the patient's own baseline value (EU durvalumab rows, rules.csv lines
     * 82-84). Without a baseline the rule cannot be read.
     */
    record BaselineMultiple(Interval range) implements Measure {

        public BaselineMultiple {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public TriggerOutcome read(Finding finding) {
            if (finding.value() == null) {
                return TriggerOutcome.notEvaluable("no value reported, and the rule reads the value as a multiple of baseline");
            }
            if (finding.baseline() == null || finding.baseline().signum() <= 0) {
                return TriggerOutcome.notEvaluable("no baseline " + finding.analyteLabel()
                        + ", and the rule reads the value as a multiple of the baseline value");
            }
            if (!range.containsMultiple(finding.value(), finding.baseline())) {
                return TriggerOutcome.noMatch();
            }
            String unit = finding.unit() == null ? "" : " " + finding.unit();
            return TriggerOutcome.match(finding.analyteLabel() + " " + Decimals.plain(finding.value()) + unit + " is "
                    + Decimals.ratio(finding.value(), finding.baseline()) + " x the baseline value ("
                    + Decimals.plain(finding.baseline()) + unit + ")");
        }

        @Override
        public String criterion() {
            return range.describe("x baseline value");
        }
    }
}
