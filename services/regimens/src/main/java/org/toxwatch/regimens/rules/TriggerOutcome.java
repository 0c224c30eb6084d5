package org.toxwatch.regimens.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The three-valued result of reading a trigger against a finding. Parts combine like a clinician would: one part that
 * clearly does not hold settles it ({@link State#NO_MATCH}); otherwise a part that cannot be read leaves the rule
 * {@link State#NOT_EVALUABLE}; only when every part holds does the rule fire.
 *
 * @param facts   for a match, what was read, in words, for the explanation
 * @param reasons for a rule that could not be evaluated, what was missing
 */
public record TriggerOutcome(State state, List<String> facts, List<String> reasons) {

    public enum State { MATCH, NO_MATCH, NOT_EVALUABLE }

    public TriggerOutcome {
        facts = List.copyOf(facts);
        reasons = List.copyOf(reasons);
    }

    public static TriggerOutcome match(String fact) {
        return new TriggerOutcome(State.MATCH, fact == null ? List.of() : List.of(fact), List.of());
    }

    public static TriggerOutcome noMatch() {
        return new TriggerOutcome(State.NO_MATCH, List.of(), List.of());
    }

    public static TriggerOutcome notEvaluable(String reason) {
        return new TriggerOutcome(State.NOT_EVALUABLE, List.of(), List.of(reason));
    }

    public boolean matched() {
        return state == State.MATCH;
    }

    /** All parts must hold: any NO_MATCH wins, then any NOT_EVALUABLE, else MATCH with every part's facts. */
    public static TriggerOutcome allOf(List<TriggerOutcome> parts) {
        if (parts.stream().anyMatch(part -> part.state == State.NO_MATCH)) {
            return noMatch();
        }
        var facts = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        for (TriggerOutcome part : parts) {
            facts.addAll(part.facts);
            reasons.addAll(part.reasons);
        }
        return new TriggerOutcome(reasons.isEmpty() ? State.MATCH : State.NOT_EVALUABLE, facts, reasons);
    }
}
