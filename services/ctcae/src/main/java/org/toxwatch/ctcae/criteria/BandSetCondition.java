package org.toxwatch.ctcae.criteria;

/**
 * When a band set applies, judged from the patient's baseline of the analyte. Several sets of one analyte may apply at
 * once; the analyte's grade is then the highest they give (v5 creatinine: ULN bands "or" baseline bands).
 */
public enum BandSetCondition {
    /** Always. */
    ALWAYS,
    /**
     * The baseline was not above its ULN: normal or low (CRITERIA.md A3), missing (A4), or the sample being graded is
     * the baseline itself (A10). CTCAE v5 "if baseline was normal", v6 "if baseline was normal or less than normal".
     */
    BASELINE_NOT_ABOVE_ULN,
    /** The baseline was above its ULN. CTCAE v5 "if baseline was abnormal", v6 "if baseline was >ULN". */
    BASELINE_ABOVE_ULN,
    /**
     * The baseline was above 5 x its ULN. CTCAE v6 AST/ALT grade 3 limits its baseline clause to a baseline ">ULN up
     * to 5 x ULN" (CRITERIA.md A12); the stricter reading lets the ULN bands apply as well above that.
     */
    BASELINE_ABOVE_5_X_ULN,
    /**
     * A baseline is known, whatever its value, and this sample is not the baseline itself. CTCAE v5 creatinine's
     * "x baseline" clause (CRITERIA.md A5); CTCAE v6 hypertension's rise from baseline.
     */
    BASELINE_AVAILABLE,
    /** The baseline was below its LLN. CTCAE v6 creatinine's "x baseline" clause. */
    BASELINE_BELOW_LLN;

    /** The situations a baseline can be in; every analyte's band sets must cover all of them. */
    public enum Situation {
        NO_BASELINE, BASELINE_NORMAL, BASELINE_ABOVE_ULN, BASELINE_ABOVE_5_X_ULN, BASELINE_BELOW_LLN;

        public String describe() {
            return switch (this) {
                case NO_BASELINE -> "there is no baseline (or the sample is the baseline itself)";
                case BASELINE_NORMAL -> "the baseline is within its reference range";
                case BASELINE_ABOVE_ULN -> "the baseline is above ULN (up to 5 x ULN)";
                case BASELINE_ABOVE_5_X_ULN -> "the baseline is above 5 x ULN";
                case BASELINE_BELOW_LLN -> "the baseline is below LLN";
            };
        }
    }

    public boolean covers(Situation situation) {
        return switch (this) {
            case ALWAYS -> true;
            case BASELINE_NOT_ABOVE_ULN -> situation == Situation.NO_BASELINE || situation == Situation.BASELINE_NORMAL
                    || situation == Situation.BASELINE_BELOW_LLN;
            case BASELINE_ABOVE_ULN -> situation == Situation.BASELINE_ABOVE_ULN
                    || situation == Situation.BASELINE_ABOVE_5_X_ULN;
            case BASELINE_ABOVE_5_X_ULN -> situation == Situation.BASELINE_ABOVE_5_X_ULN;
            case BASELINE_AVAILABLE -> situation != Situation.NO_BASELINE;
            case BASELINE_BELOW_LLN -> situation == Situation.BASELINE_BELOW_LLN;
        };
    }

    /** Whether the condition guarantees a baseline value to take multiples of. */
    public boolean guaranteesBaseline() {
        return this != ALWAYS && this != BASELINE_NOT_ABOVE_ULN;
    }

    /** Whether the condition compares the baseline with its ULN (the hepatic terms' normal/abnormal split). */
    public boolean comparesBaselineWithUln() {
        return this == BASELINE_NOT_ABOVE_ULN || this == BASELINE_ABOVE_ULN || this == BASELINE_ABOVE_5_X_ULN;
    }
}
