package org.toxwatch.regimens.course;

import java.util.Objects;

/**
 * What occurrences are counted per: a drug of the course (as the course names it) and an occurrence family of the
 * catalog (a term set and grade band, e.g. {@code sorafenib-hfsr-grade-2-or-worse}).
 */
public record OccurrenceKey(String drug, String family) {

    public OccurrenceKey {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(family, "family");
    }
}
