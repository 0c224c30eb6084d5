package org.toxwatch.ctcae.analytes;

import org.toxwatch.ctcae.Decimals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The readings of a semi-quantitative test such as a urine dipstick ("negative", "trace", "1+" ... "4+"), in order.
 * Each level has a number so that CTCAE bands can be written as ranges ("2+ and 3+" is 2 to 3); the number is only
 * a rank, never shown as if it were a measurement.
 */
public record OrdinalScale(List<Level> levels) {

    public OrdinalScale {
        levels = List.copyOf(levels);
    }

    /**
     * @param name      how the level is written in explanations, e.g. "1+"
     * @param value     its rank on the scale
     * @param spellings other ways labs write it, e.g. "+" or "++"; matched ignoring case and spaces
     */
    public record Level(String name, BigDecimal value, List<String> spellings) {
        public Level {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            spellings = spellings == null ? List.of() : List.copyOf(spellings);
        }
    }

    /** The rank of a reading as a lab wrote it, or empty when it is none of the levels. */
    public Optional<BigDecimal> valueOf(String reading) {
        if (reading == null) {
            return Optional.empty();
        }
        String wanted = key(reading);
        return levels.stream()
                .filter(level -> key(level.name()).equals(wanted)
                        || level.spellings().stream().anyMatch(s -> key(s).equals(wanted)))
                .map(Level::value)
                .findFirst();
    }

    /** The level written at a rank, e.g. "1+" for 1; empty for a number between levels. */
    public Optional<String> nameOf(BigDecimal value) {
        return levels.stream().filter(level -> level.value().compareTo(value) == 0).map(Level::name).findFirst();
    }

    /** "negative, trace, 1+, 2+, 3+, 4+": the readings, for messages. */
    public String describe() {
        return String.join(", ", levels.stream().map(Level::name).toList());
    }

    /** The level's name, or the plain number when no level sits there. */
    public String write(BigDecimal value) {
        return nameOf(value).orElse(Decimals.plain(value));
    }

    static String key(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
