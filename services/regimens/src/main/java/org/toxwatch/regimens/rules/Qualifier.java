package org.toxwatch.regimens.rules;

import java.util.Objects;

/**
 * A fact only a clinician can establish ("persists despite optimal antihypertensive therapy", "immune-mediated"). The
 * caller passes the ids a clinician has confirmed; the rules never guess them.
 *
 * @param id   stable id the caller confirms, e.g. {@code despite-optimal-antihypertensive-therapy}
 * @param text the qualifier in words, as the advice shows it
 */
public record Qualifier(String id, String text) {

    public Qualifier {
        Objects.requireNonNull(id, "qualifier id");
        Objects.requireNonNull(text, "qualifier text");
    }
}
