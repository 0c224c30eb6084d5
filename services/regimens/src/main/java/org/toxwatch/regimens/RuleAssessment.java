package org.toxwatch.regimens;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.advice.RuleReference;
import org.toxwatch.regimens.catalog.RegimenEntry;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.course.OccurrenceKey;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.ladder.DoseLevel;
import org.toxwatch.regimens.rules.Decimals;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.OccurrenceCondition;
import org.toxwatch.regimens.rules.Qualifier;
import org.toxwatch.regimens.rules.RuleQualifiers;
import org.toxwatch.regimens.rules.TriggerOutcome;

/** One drug of a course against one finding: every rule that reads the finding's term, reduced to one advice. */
final class RuleAssessment {

    /**
     * Which fired rule is advised: the most severe action ({@link DoseAction} is declared in severity order); on a tie
     * the higher precedence (RULES.md 6: institution override > HCC-specific verified label > general verified label >
     * protocol > the rest > class inference), then a verified rule, then the earlier rule in its file.
     */
    private static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparing(Candidate::action)
            .thenComparing(candidate -> candidate.bound().rule().provenance().precedence(candidate.bound().byClassInference()))
            .thenComparing(candidate -> candidate.bound().rule().verified())
            .thenComparing(Candidate::position, Comparator.reverseOrder());

    private final String drug;
    private final RegimenEntry entry;
    private final List<BoundRule> rules;
    private final CourseSnapshot course;
    private final Finding finding;
    private final List<Finding> together;
    private final ZoneId wardZone;
    private final LadderPlacement placement;
    private final List<RuleNotEvaluable> notEvaluable = new ArrayList<>();
    private final DoseAdvice advice;

    RuleAssessment(String drug, Integer doseLevel, RegimenEntry entry, List<BoundRule> rules, CourseSnapshot course,
            Finding finding, List<Finding> together, ZoneId wardZone, Predicate<DoseRule> applies) {
        this.drug = drug;
        this.entry = entry;
        this.rules = rules.stream().filter(bound -> applies.test(bound.rule())).toList();
        this.course = course;
        this.finding = finding;
        this.together = together;
        this.wardZone = wardZone;
        this.placement = LadderPlacement.of(entry, course, doseLevel, drug);
        this.advice = assess();
    }

    Optional<DoseAdvice> advice() {
        return Optional.ofNullable(advice);
    }

    List<RuleNotEvaluable> notEvaluable() {
        return List.copyOf(notEvaluable);
    }

    private DoseAdvice assess() {
        var fired = new ArrayList<Candidate>();
        boolean anyReads = false;
        for (int position = 0; position < rules.size(); position++) {
            BoundRule bound = rules.get(position);
            DoseRule rule = bound.rule();
            if (!rule.reads(finding.term())) {
                continue;
            }
            anyReads = true;
            if (!rule.action().changesTreatment()) {
                continue;
            }
            TriggerOutcome outcome = TriggerOutcome.allOf(List.of(
                    rule.trigger().evaluate(finding, course, wardZone, together),
                    readOccurrence(bound),
                    readQualifiers(rule.qualifiers())));
            switch (outcome.state()) {
                case MATCH -> fired.add(draft(bound, outcome, position));
                case NOT_EVALUABLE -> notEvaluable.add(new RuleNotEvaluable(drug, rule.id(), String.join("; ", outcome.reasons())));
                case NO_MATCH -> { }
            }
        }
        // a drug whose sources were not retrieved must say so rather than stay silent (cisplatin HAIC, donafenib)
        if (!anyReads && entry.rulesGap() != null && (finding.grade() == null || finding.grade() >= 1)) {
            notEvaluable.add(new RuleNotEvaluable(drug, null, "no rules retrieved for " + finding.term() + ": "
                    + entry.rulesGap()));
        }
        return fired.stream().max(PRECEDENCE).map(chosen -> compose(chosen, fired)).orElse(null);
    }

    private TriggerOutcome readOccurrence(BoundRule bound) {
        OccurrenceCondition occurrence = bound.rule().occurrence();
        if (occurrence == null) {
            return TriggerOutcome.match(null);
        }
        if (bound.family() == null || !bound.family().counts(finding)) {
            return TriggerOutcome.noMatch();
        }
        if (!course.history().occurrencesCounted()) {
            return occurrence.includesFirst() ? TriggerOutcome.match(null)
                    : TriggerOutcome.notEvaluable("prior occurrences of " + occurrence.family()
                            + " were not supplied, and the rule is for " + occurrence.describe());
        }
        int prior = course.history().prior(new OccurrenceKey(drug, occurrence.family()));
        int nth = prior + 1;
        if (!occurrence.nth().contains(BigDecimal.valueOf(nth))) {
            return TriggerOutcome.noMatch();
        }
        return TriggerOutcome.match(ordinal(nth) + " occurrence of " + occurrence.family() + " (" + prior
                + " before in this course)");
    }

    private TriggerOutcome readQualifiers(RuleQualifiers qualifiers) {
        var parts = new ArrayList<TriggerOutcome>();
        Qualifier onlyIf = qualifiers.onlyIf();
        if (onlyIf != null) {
            parts.add(confirmed(onlyIf) ? TriggerOutcome.match("confirmed by a clinician: " + onlyIf.text())
                    : TriggerOutcome.notEvaluable("applies only once a clinician confirms: " + onlyIf.text()));
        }
        Qualifier unless = qualifiers.unlessConfirmed();
        if (unless != null && confirmed(unless)) {
            parts.add(TriggerOutcome.noMatch());
        }
        Qualifier confirm = qualifiers.confirm();
        if (confirm != null && confirmed(confirm)) {
            parts.add(TriggerOutcome.match("confirmed by a clinician: " + confirm.text()));
        }
        return TriggerOutcome.allOf(parts);
    }

    private boolean confirmed(Qualifier qualifier) {
        return course.history().confirmed(qualifier.id());
    }

    private Candidate draft(BoundRule bound, TriggerOutcome outcome, int position) {
        DoseRule rule = bound.rule();
        DoseLevel current = placement.current();
        return switch (rule.action()) {
            case HOLD, DELAY_CYCLE -> new Candidate(bound, outcome, position, rule.action(), current, current,
                    current == null ? placement.problem() : "resume at the current " + placement.describe(current));
            case REDUCE, HOLD_AND_REDUCE -> {
                if (current == null) {
                    yield new Candidate(bound, outcome, position, rule.action(), null, null, placement.problem());
                }
                Optional<DoseLevel> lower = placement.ladder().below(current);
                if (lower.isEmpty()) {
                    // no lower step: the ladder ends in discontinuation (dose_levels.csv "after_last_level")
                    yield new Candidate(bound, outcome, position, DoseAction.DISCONTINUE, current, null,
                            "already at the last " + placement.describe(current)
                                    + ", so the next step down is discontinuation");
                }
                yield new Candidate(bound, outcome, position, rule.action(), current, lower.get(),
                        "from " + placement.describe(current) + " to level " + lower.get().level()
                                + " (" + lower.get().dose() + ")");
            }
            default -> new Candidate(bound, outcome, position, rule.action(), current, null,
                    current == null ? placement.problem() : "current " + placement.describe(current));
        };
    }

    private DoseAdvice compose(Candidate chosen, List<Candidate> fired) {
        BoundRule bound = chosen.bound();
        DoseRule rule = bound.rule();
        RuleReference reference = rule.reference(bound.byClassInference());
        boolean stops = chosen.action() == DoseAction.DISCONTINUE;
        String target = rule.component() == null ? drug : "the " + rule.component() + " of " + drug;
        var text = new StringBuilder();
        text.append(String.join(", ", chosen.outcome().facts())).append(": ").append(rule.trigger().criterion())
                .append(" → ").append(chosen.action().describe(target)).append(cycleToDelay(chosen.action()))
                .append(". ").append(citation(bound, reference)).append('.');
        if (reference.isOverride()) {
            text.append(" Decided by ").append(reference.decidedBy()).append('.');
        }
        if (chosen.ladderText() != null) {
            text.append(' ').append(capitalised(chosen.ladderText())).append('.');
        }
        if (!stops && rule.doseChange() != null) {
            text.append(" Dose change per source: ").append(rule.doseChange()).append('.');
        }
        if (!stops && rule.resumeWhen() != null) {
            text.append(" Resume when: ").append(rule.resumeWhen()).append('.');
        }
        Qualifier confirm = rule.qualifiers().confirm();
        if (confirm != null && !confirmed(confirm)) {
            text.append(" Before acting, confirm: ").append(confirm.text()).append('.');
        }
        Qualifier unless = rule.qualifiers().unlessConfirmed();
        if (unless != null) {
            text.append(" Applies unless a clinician confirms: ").append(unless.text()).append('.');
        }
        if (rule.occurrence() != null && !course.history().occurrencesCounted()) {
            text.append(" First occurrence assumed: prior occurrences were not supplied, and a later occurrence may call for a reduction.");
        }
        if (rule.note() != null) {
            text.append(" Note: ").append(rule.note()).append('.');
        }
        String others = fired.stream()
                .filter(candidate -> candidate != chosen)
                .map(candidate -> candidate.bound().rule().id() + " (" + candidate.action() + ", "
                        + lineOf(candidate.bound().rule()) + ")")
                .collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            text.append(" Also fired: ").append(others).append("; the most severe action is advised.");
        }
        return new DoseAdvice(drug, chosen.action(), reference, chosen.currentLevel(), chosen.recommendedLevel(),
                stops ? null : rule.resumeWhen(), text.toString());
    }

    private static String lineOf(DoseRule rule) {
        return rule.csvLine() > 0 ? "rules.csv line " + rule.csvLine() : "institution override";
    }

    private String citation(BoundRule bound, RuleReference reference) {
        DoseRule rule = bound.rule();
        var text = new StringBuilder("Rule ").append(rule.id()).append(": ").append(rule.text())
                .append("; ").append(reference.sourceKind());
        if (rule.csvLine() > 0) {
            text.append(", rules.csv line ").append(rule.csvLine());
        }
        if (bound.byClassInference()) {
            text.append("; class inference for ").append(drug).append(": ").append(bound.alias().note());
        } else if (rule.provenance().classInference()) {
            text.append("; class inference: the drug's own label has no such row");
        }
        text.append(reference.verified() ? " [V]" : " [NV] unverified: check against the current label before acting");
        return text.toString();
    }

    /** Names the cycle a delay applies to: the first one planned on or after the finding's ward date. */
    private String cycleToDelay(DoseAction action) {
        if (action != DoseAction.DELAY_CYCLE) {
            return "";
        }
        if (finding.effectiveTime() == null) {
            return " (the cycle to delay is unknown: the finding has no effective time)";
        }
        LocalDate drawn = LocalDate.ofInstant(finding.effectiveTime(), wardZone);
        return course.nextCycleOnOrAfter(drawn)
                .map(cycle -> " (cycle " + cycle.number() + ", planned " + cycle.plannedStart() + ")")
                .orElse(" (no later cycle is planned in this course)");
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                : switch (n % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return n + suffix;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private record Candidate(
            BoundRule bound,
            TriggerOutcome outcome,
            int position,
            DoseAction action,
            DoseLevel currentLevel,
            DoseLevel recommendedLevel,
            String ladderText) {
    }

    /**
     * Where the course's dose level sits on the drug's ladder. {@code problem} says why it cannot be placed (no body
     * weight for a weight-based ladder, no level recorded, a level beyond the ladder, no ladder retrieved).
     */
    private record LadderPlacement(DoseLadder ladder, DoseLevel current, String problem, BigDecimal bodyWeightKg) {

        static LadderPlacement of(RegimenEntry entry, CourseSnapshot course, Integer level, String drug) {
            if (!entry.hasLadders()) {
                return new LadderPlacement(null, null, entry.ladderGap() == null ? null
                        : "no dose ladder for " + drug + ": " + entry.ladderGap() + "; the clinician sets the reduced dose", null);
            }
            Optional<DoseLadder> ladder = entry.ladderFor(course.bodyWeightKg());
            if (ladder.isEmpty()) {
                return new LadderPlacement(null, null, course.bodyWeightKg() == null
                        ? "body weight is not recorded, so the weight-based " + drug + " dose ladder cannot be chosen: the clinician sets the dose"
                        : "no " + drug + " dose ladder fits a body weight of " + Decimals.plain(course.bodyWeightKg()) + " kg",
                        course.bodyWeightKg());
            }
            if (level == null) {
                return new LadderPlacement(ladder.get(), null, "the course records no dose level for " + drug
                        + ": the clinician sets the dose", course.bodyWeightKg());
            }
            return ladder.get().level(level)
                    .map(current -> new LadderPlacement(ladder.get(), current, null, course.bodyWeightKg()))
                    .orElseGet(() -> new LadderPlacement(ladder.get(), null, "dose level " + level + " is not on the "
                            + ladder.get().setting() + " ladder (levels 0 to " + ladder.get().lastLevel().level()
                            + "): the clinician sets the dose", course.bodyWeightKg()));
        }

        String describe(DoseLevel level) {
            return "level " + level.level() + " (" + level.dose() + ") of the " + ladder.setting() + " ladder"
                    + (ladder.bodyWeightKg() == null ? "" : " for a body weight of " + Decimals.plain(bodyWeightKg) + " kg");
        }
    }
}
