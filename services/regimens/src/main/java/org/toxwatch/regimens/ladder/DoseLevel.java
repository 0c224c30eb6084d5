package org.toxwatch.regimens.ladder;

/** A step of a dose ladder: level 0 is the starting dose, 1 the first reduction, and so on. */
public record DoseLevel(int level, String dose) {

    public DoseLevel {
        if (level < 0) {
            throw new IllegalArgumentException("dose level must be 0 or more, was " + level);
        }
    }
}
