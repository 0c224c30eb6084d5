package org.toxwatch.regimens.advice;

import java.util.List;

/**
 * Everything the rules say about one finding: at most one advice per drug of the course, and the rules that could not
 * be evaluated with their reasons.
 */
public record DoseEvaluation(List<DoseAdvice> advice, List<RuleNotEvaluable> notEvaluable) {

    public DoseEvaluation {
        advice = List.copyOf(advice);
        notEvaluable = List.copyOf(notEvaluable);
    }
}
