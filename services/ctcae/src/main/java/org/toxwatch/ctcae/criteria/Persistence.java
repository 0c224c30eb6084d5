package org.toxwatch.ctcae.criteria;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A band that also needs the value to have lasted: CTCAE v5 fever grade 4 "for >24 hrs", febrile neutropenia
 * "sustained ... for more than one hour", v6 hypertension "persisting over 1 hour". Without a reported duration such
 * a band is undecided, never out.
 */
public record Persistence(BigDecimal moreThanHours) {

    public Persistence {
        Objects.requireNonNull(moreThanHours, "moreThanHours");
    }

    public boolean isMetBy(BigDecimal durationHours) {
        return durationHours.compareTo(moreThanHours) > 0;
    }
}
