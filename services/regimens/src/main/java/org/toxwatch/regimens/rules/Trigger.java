package org.toxwatch.regimens.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.PlannedCycle;
import org.toxwatch.regimens.finding.Finding;

/**
 * When a rule fires: one {@link Measure} and optional conditions, all of which must hold.
 *
 * @param liverStatus         which patients the rule is written for
 * @param baselineUlnMultiple the baseline's band in multiples of ULN (null: any baseline, none needed)
 * @param preCycleDays        pre-cycle window: the finding's ward date lies within this many days before a planned cycle
 *                            start, the start day included (null: at any time)
 * @param persistsMoreThanDays the grade has held for more than this many days by the finding's time, read from
 *                            {@link Finding#gradeHeldSince()} (null: no persistence needed)
 * @param ulnMultipleCap      a second bound on the same value in multiples of ULN, for rules written in multiples of
 *                            baseline that also cap at a multiple of ULN (null: none)
 * @param together            a companion finding that must hold within a window (null: none)
 */
public record Trigger(Measure measure, LiverStatus liverStatus, Interval baselineUlnMultiple, Integer preCycleDays,
        Integer persistsMoreThanDays, Interval ulnMultipleCap, Companion together) {

    public Trigger {
        Objects.requireNonNull(measure, "measure");
        liverStatus = liverStatus == null ? LiverStatus.ANY : liverStatus;
        if (preCycleDays != null && preCycleDays < 0) {
            throw new IllegalArgumentException("preCycleDays must be 0 or more, was " + preCycleDays);
        }
        if (persistsMoreThanDays != null && persistsMoreThanDays < 1) {
            throw new IllegalArgumentException("persistsMoreThanDays must be 1 or more, was " + persistsMoreThanDays);
        }
    }

    public Trigger(Measure measure, LiverStatus liverStatus, Interval baselineUlnMultiple, Integer preCycleDays) {
        this(measure, liverStatus, baselineUlnMultiple, preCycleDays, null, null, null);
    }

    /** Reads the finding in the course's context; {@code wardZone} turns event time into the ward's calendar date. */
    public TriggerOutcome evaluate(Finding finding, CourseSnapshot course, ZoneId wardZone) {
        return evaluate(finding, course, wardZone, List.of());
    }

    /** Like {@link #evaluate(Finding, CourseSnapshot, ZoneId)}, with the patient's other findings given together. */
    public TriggerOutcome evaluate(Finding finding, CourseSnapshot course, ZoneId wardZone, List<Finding> others) {
        return TriggerOutcome.allOf(List.of(
                measure.read(finding),
                readUlnCap(finding),
                readLiverStatus(finding, course),
                readBaselineBand(finding),
                baselineForContext(finding),
                readWindow(finding, course, wardZone),
                readPersistence(finding),
                together == null ? TriggerOutcome.match(null) : together.read(finding, others)));
    }

    /** The threshold this trigger applies, in words, e.g. "above 5 up to 10 x ULN". */
    public String criterion() {
        return measure.criterion();
    }

    /**
     * A rule in multiples of ULN that does not test the baseline still shows it when known, so the reader sees the
     * baseline the decision was taken against.
     */
    private TriggerOutcome baselineForContext(Finding finding) {
        boolean describedElsewhere = baselineUlnMultiple != null || liverStatus == LiverStatus.UNINVOLVED_OR_NORMAL_BASELINE;
        if (describedElsewhere || !(measure instanceof Measure.UlnMultiple) || finding.baseline() == null) {
            return TriggerOutcome.match(null);
        }
        return baselineUpperLimit(finding)
                .map(uln -> TriggerOutcome.match("with a baseline of " + describeBaseline(finding, uln)))
                .orElseGet(() -> TriggerOutcome.match(null));
    }

    private TriggerOutcome readUlnCap(Finding finding) {
        if (ulnMultipleCap == null) {
            return TriggerOutcome.match(null);
        }
        if (finding.value() == null || finding.upperLimit() == null || finding.upperLimit().signum() <= 0) {
            return TriggerOutcome.notEvaluable("no value or no upper limit of normal, and the rule also reads "
                    + ulnMultipleCap.describe("x ULN"));
        }
        return ulnMultipleCap.containsMultiple(finding.value(), finding.upperLimit())
                ? TriggerOutcome.match("and " + Decimals.ratio(finding.value(), finding.upperLimit()) + " x ULN ("
                        + ulnMultipleCap.describe("x ULN") + ")")
                : TriggerOutcome.noMatch();
    }

    /** "Grade 2 lasting more than 7 days": measured from when the grade was first seen to this finding's time. */
    private TriggerOutcome readPersistence(Finding finding) {
        if (persistsMoreThanDays == null) {
            return TriggerOutcome.match(null);
        }
        if (finding.gradeHeldSince() == null || finding.effectiveTime() == null) {
            return TriggerOutcome.notEvaluable("the rule needs the grade to have lasted more than " + persistsMoreThanDays
                    + " days, and the finding does not say since when the grade has held");
        }
        Duration held = Duration.between(finding.gradeHeldSince(), finding.effectiveTime());
        if (held.compareTo(Duration.ofDays(persistsMoreThanDays)) <= 0) {
            return TriggerOutcome.noMatch();
        }
        return TriggerOutcome.match("the grade has held since " + finding.gradeHeldSince() + " (" + held.toDays()
                + " days, more than " + persistsMoreThanDays + ")");
    }

    private TriggerOutcome readLiverStatus(Finding finding, CourseSnapshot course) {
        return switch (liverStatus) {
            case ANY -> TriggerOutcome.match(null);
            case UNINVOLVED -> course.hccLiverInvolvement()
                    ? TriggerOutcome.noMatch()
                    : TriggerOutcome.match("no liver involvement recorded");
            case INVOLVED -> course.hccLiverInvolvement()
                    ? TriggerOutcome.match("HCC with liver involvement")
                    : TriggerOutcome.noMatch();
            case UNINVOLVED_OR_NORMAL_BASELINE -> {
                if (!course.hccLiverInvolvement()) {
                    yield TriggerOutcome.match("no liver involvement recorded");
                }
                if (finding.baseline() == null) {
                    yield TriggerOutcome.notEvaluable("HCC with liver involvement but no baseline "
                            + finding.analyteLabel() + ": cannot tell whether the baseline was at or below ULN");
                }
                Optional<BigDecimal> baselineUln = baselineUpperLimit(finding);
                if (baselineUln.isEmpty()) {
                    yield TriggerOutcome.notEvaluable("no upper limit of normal for the baseline " + finding.analyteLabel());
                }
                yield finding.baseline().compareTo(baselineUln.get()) <= 0
                        ? TriggerOutcome.match("HCC with liver involvement and a baseline at or below ULN ("
                                + describeBaseline(finding, baselineUln.get()) + ")")
                        : TriggerOutcome.noMatch();
            }
        };
    }

    private TriggerOutcome readBaselineBand(Finding finding) {
        if (baselineUlnMultiple == null) {
            return TriggerOutcome.match(null);
        }
        if (finding.baseline() == null) {
            return TriggerOutcome.notEvaluable("no baseline " + finding.analyteLabel()
                    + ", and the rule needs the baseline band " + baselineUlnMultiple.describe("x ULN"));
        }
        Optional<BigDecimal> baselineUln = baselineUpperLimit(finding);
        if (baselineUln.isEmpty()) {
            return TriggerOutcome.notEvaluable("no upper limit of normal for the baseline " + finding.analyteLabel());
        }
        if (!baselineUlnMultiple.containsMultiple(finding.baseline(), baselineUln.get())) {
            return TriggerOutcome.noMatch();
        }
        return TriggerOutcome.match("with a baseline of " + describeBaseline(finding, baselineUln.get())
                + ", in the band " + baselineUlnMultiple.describe("x ULN"));
    }

    private TriggerOutcome readWindow(Finding finding, CourseSnapshot course, ZoneId wardZone) {
        if (preCycleDays == null) {
            return TriggerOutcome.match(null);
        }
        if (finding.effectiveTime() == null) {
            return TriggerOutcome.notEvaluable("no effective time, and the rule applies only within "
                    + preCycleDays + " days before a planned cycle");
        }
        LocalDate drawn = LocalDate.ofInstant(finding.effectiveTime(), wardZone);
        Optional<PlannedCycle> next = course.nextCycleOnOrAfter(drawn);
        if (next.isEmpty()) {
            return TriggerOutcome.noMatch();
        }
        long daysBefore = ChronoUnit.DAYS.between(drawn, next.get().plannedStart());
        if (daysBefore > preCycleDays) {
            return TriggerOutcome.noMatch();
        }
        return TriggerOutcome.match("drawn " + drawn + ", " + (daysBefore == 0 ? "on the planned start of" : daysBefore
                + (daysBefore == 1 ? " day" : " days") + " before") + " cycle " + next.get().number() + " ("
                + next.get().plannedStart() + "; pre-cycle window " + preCycleDays + " days)");
    }

    /**
     * The ULN reported with the baseline sample; when only the current sample's ULN is known it stands in, and the
     * explanation says so (same analyte, normally the same laboratory).
     */
    private static Optional<BigDecimal> baselineUpperLimit(Finding finding) {
        BigDecimal uln = finding.baselineUpperLimit() != null ? finding.baselineUpperLimit() : finding.upperLimit();
        return uln == null || uln.signum() <= 0 ? Optional.empty() : Optional.of(uln);
    }

    private static String describeBaseline(Finding finding, BigDecimal baselineUln) {
        String unit = finding.unit() == null ? "" : " " + finding.unit();
        return Decimals.ratio(finding.baseline(), baselineUln) + " x ULN (" + Decimals.plain(finding.baseline()) + unit
                + " against ULN " + Decimals.plain(baselineUln) + unit
                + (finding.baselineUpperLimit() == null ? ", the current sample's ULN: the baseline's own was not given" : "")
                + ")";
    }
}
