package org.toxwatch.cli.grading;

import java.util.List;

/** Counts what a batch run read and produced, for the summary line on stderr. Not thread-safe. */
public final class GradingTally {

    private int inputs;
    private int results;
    private int graded;
    private int lowerBound;
    private int notGradable;

    /** Records one input and the results it gave. */
    public void add(List<GradedRow> rows) {
        inputs++;
        for (GradedRow row : rows) {
            results++;
            switch (row.status()) {
                case GRADED -> graded++;
                case LOWER_BOUND -> lowerBound++;
                case NOT_GRADABLE -> notGradable++;
            }
        }
    }

    public int inputs() {
        return inputs;
    }

    public int results() {
        return results;
    }

    public int graded() {
        return graded;
    }

    public int lowerBound() {
        return lowerBound;
    }

    public int notGradable() {
        return notGradable;
    }

    /** e.g. "12 rows read, 13 results: 9 graded, 1 lower bound, 3 not gradable (CTCAE v5.0)". */
    public String summary(String inputsNoun, String ctcaeVersion) {
        return inputs + " " + inputsNoun + " read, " + results + " results: " + graded + " graded, " + lowerBound
                + " lower bound, " + notGradable + " not gradable (CTCAE v" + ctcaeVersion + ")";
    }
}
