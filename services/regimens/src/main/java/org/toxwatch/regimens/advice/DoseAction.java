package org.toxwatch.regimens.advice;

/**
 * What a rule asks for, declared from least to most severe.
 *
 * <p>When several rules for one drug fire on one finding only the most severe is advised. Severity ranks how much drug
 * the patient is spared before a clinician looks again:
 * <ol>
 *   <li>{@code CONTINUE}: give as planned (kept as data, never advised);</li>
 *   <li>{@code REDUCE}: still give a dose, a lower one;</li>
 *   <li>{@code DELAY_CYCLE}: give nothing until the next cycle's recovery criteria are met; a later reduction still
 *       waits for that recovery (the oxaliplatin label delays first, then reduces), so delay outranks reduce;</li>
 *   <li>{@code HOLD}: interrupt a running drug now, which includes not starting anything new;</li>
 *   <li>{@code HOLD_AND_REDUCE}: interrupt now and come back lower: a hold plus a reduction;</li>
 *   <li>{@code DISCONTINUE}: stop for good.</li>
 * </ol>
 */
public enum DoseAction {
    CONTINUE("continue %s"),
    REDUCE("reduce %s by one dose level"),
    DELAY_CYCLE("delay the next %s cycle"),
    HOLD("hold %s"),
    HOLD_AND_REDUCE("hold %s, then resume one dose level lower"),
    DISCONTINUE("discontinue %s");

    private final String pattern;

    DoseAction(String pattern) {
        this.pattern = pattern;
    }

    /** Whether the action changes treatment and so becomes advice. */
    public boolean changesTreatment() {
        return this != CONTINUE;
    }

    /** The action in words for {@code drug}, e.g. "hold lenvatinib, then resume one dose level lower". */
    public String describe(String drug) {
        return pattern.formatted(drug);
    }
}
