package org.toxwatch.regimens;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.toxwatch.regimens.advice.DoseAction;
import org.toxwatch.regimens.advice.DoseAdvice;
import org.toxwatch.regimens.advice.RuleNotEvaluable;
import org.toxwatch.regimens.advice.RuleReference;
import org.toxwatch.regimens.catalog.DrugAlias;
import org.toxwatch.regimens.catalog.RegimenEntry;
import org.toxwatch.regimens.course.CourseSnapshot;
import org.toxwatch.regimens.finding.Finding;
import org.toxwatch.regimens.ladder.DoseLadder;
import org.toxwatch.regimens.ladder.DoseLevel;
import org.toxwatch.regimens.rules.Decimals;
import org.toxwatch.regimens.rules.DoseRule;
import org.toxwatch.regimens.rules.Occurrence;
import org.toxwatch.regimens.rules.TriggerOutcome;

/** One drug of a course against one finding: every rule that reads the finding's term, reduced to one advice. */
final class RuleAssessment {

    /**
     * Which fired rule is advised: the most severe action ({@link DoseAction} is declared in severity order); on a tie
     * the stronger source (label over protocol over guideline), then a verified rule, then the earlier rule in its file.
     */
    private static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparing(Candidate::action)
            .thenComparing(candidate -> candidate.rule().sourceKind())
            .thenComparing(candidate -> candidate.rule().verified())
            .thenComparing(Candidate::position, Comparator.reverseOrder());

    private final String drug;
    private final RegimenEntry entry;
    private final DrugAlias alias;
    private final CourseSnapshot course;
    private final Finding finding;
    private final ZoneId wardZone;
    private final LadderPlacement placement;
    private final List<RuleNotEvaluable> notEvaluable = new ArrayList<>();
    private final DoseAdvice advice;

    RuleAssessment(String drug, Integer doseLevel, RegimenEntry entry, DrugAlias alias, CourseSnapshot course,
            Finding finding, ZoneId wardZone) {
        this.drug = drug;
        this.entry = entry;
        this.alias = alias;
        this.course = course;
        this.finding = finding;
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
        List<DoseRule> rules = entry.rules();
        for (int position = 0; position < rules.size(); position++) {
            DoseRule rule = rules.get(position);
            if (!rule.reads(finding.term()) || !rule.action().changesTreatment()) {
                continue;
            }
            TriggerOutcome outcome = rule.trigger().evaluate(finding, course, wardZone);
            switch (outcome.state()) {
                case MATCH -> fired.add(draft(rule, outcome, position));
                case NOT_EVALUABLE -> notEvaluable.add(new RuleNotEvaluable(drug, rule.id(), String.join("; ", outcome.reasons())));
                case NO_MATCH -> { }
            }
        }
        return fired.stream().max(PRECEDENCE).map(chosen -> compose(chosen, fired)).orElse(null);
    }

    private Candidate draft(DoseRule rule, TriggerOutcome outcome, int position) {
        DoseLevel current = placement.current();
        return switch (rule.action()) {
            case HOLD, DELAY_CYCLE -> new Candidate(rule, outcome, position, rule.action(), current, current,
                    current == null ? placement.problem() : "resume at the current " + placement.describe(current));
            case REDUCE, HOLD_AND_REDUCE -> {
                if (current == null) {
                    yield new Candidate(rule, outcome, position, rule.action(), null, null, placement.problem());
                }
                Optional<DoseLevel> lower = placement.ladder().below(current);
                if (lower.isEmpty()) {
                    // no lower step: the ladder ends in discontinuation (dose_levels.csv "after_last_level")
                    yield new Candidate(rule, outcome, position, DoseAction.DISCONTINUE, current, null,
                            "already at the last " + placement.describe(current)
                                    + ", so the next step down is discontinuation");
                }
                yield new Candidate(rule, outcome, position, rule.action(), current, lower.get(),
                        "from " + placement.describe(current) + " to level " + lower.get().level()
                                + " (" + lower.get().dose() + ")");
            }
            default -> new Candidate(rule, outcome, position, rule.action(), current, null,
                    current == null ? placement.problem() : "current " + placement.describe(current));
        };
    }

    private DoseAdvice compose(Candidate chosen, List<Candidate> fired) {
        DoseRule rule = chosen.rule();
        RuleReference reference = rule.reference(alias != null && alias.classInference());
        boolean stops = chosen.action() == DoseAction.DISCONTINUE;
        var text = new StringBuilder();
        text.append(String.join(", ", chosen.outcome().facts())).append(": ").append(rule.trigger().criterion())
                .append(" → ").append(chosen.action().describe(drug)).append(cycleToDelay(chosen.action()))
                .append(". ").append(citation(rule, reference)).append('.');
        if (chosen.ladderText() != null) {
            text.append(' ').append(capitalised(chosen.ladderText())).append('.');
        }
        if (!stops && rule.doseChange() != null) {
            text.append(" Dose change per source: ").append(rule.doseChange()).append('.');
        }
        if (!stops && rule.resumeWhen() != null) {
            text.append(" Resume when: ").append(rule.resumeWhen()).append('.');
        }
        if (rule.requiresConfirmation() != null) {
            text.append(" Before acting, confirm: ").append(rule.requiresConfirmation()).append('.');
        }
        if (rule.occurrence() == Occurrence.FIRST) {
            text.append(" First occurrence assumed: occurrences are not counted yet, and a later occurrence may call for a reduction.");
        }
        if (rule.note() != null) {
            text.append(" Note: ").append(rule.note()).append('.');
        }
        String others = fired.stream()
                .filter(candidate -> candidate != chosen)
                .map(candidate -> candidate.rule().id() + " (" + candidate.action() + ", rules.csv line " + candidate.rule().csvLine() + ")")
                .collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            text.append(" Also fired: ").append(others).append("; the most severe action is advised.");
        }
        return new DoseAdvice(drug, chosen.action(), reference, chosen.currentLevel(), chosen.recommendedLevel(),
                stops ? null : rule.resumeWhen(), text.toString());
    }

    private String citation(DoseRule rule, RuleReference reference) {
        var text = new StringBuilder("Rule ").append(rule.id()).append(": ").append(rule.text())
                .append("; ").append(reference.sourceKind()).append(", rules.csv line ").append(rule.csvLine());
        if (alias != null && alias.classInference()) {
            text.append("; class inference for ").append(drug).append(": ").append(alias.note());
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

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private record Candidate(
            DoseRule rule,
            TriggerOutcome outcome,
            int position,
            DoseAction action,
            DoseLevel currentLevel,
            DoseLevel recommendedLevel,
            String ladderText) {
    }

    /**
     * Where the course's dose level sits on the drug's ladder. {@code problem} says why it cannot be placed (no body
     * weight for a weight-based ladder, no level recorded, a level beyond the ladder); null for drugs without ladders.
     */
    private record LadderPlacement(DoseLadder ladder, DoseLevel current, String problem, BigDecimal bodyWeightKg) {

        static LadderPlacement of(RegimenEntry entry, CourseSnapshot course, Integer level, String drug) {
            if (!entry.hasLadders()) {
                return new LadderPlacement(null, null, null, null);
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
