package org.toxwatch.resilience.batch;

import java.util.List;
import java.util.Map;

/**
 * The values of a batch read's {@code in (...)} as single-valued named parameters, their number padded to a power of
 * two by repeating the last value.
 * <p>
 * Hibernate does not cache the translation of a query that binds a list to one parameter ({@code in :ids}): every
 * batch read was translated from HQL to SQL again (5-9 % of a service's CPU samples). With one parameter per value a
 * query's text depends on the count, and padding keeps the counts to a few, so each form is translated once. A repeated
 * value changes nothing in an {@code in}.
 */
public final class InList {

    private InList() {
    }

    /**
     * {@code (:name0, :name1, ...)} for {@code values}, padded; the parameters are put into {@code parameters}.
     *
     * @throws IllegalArgumentException when there are no values: {@code in ()} is not SQL, the caller decides what an
     *                                  empty read returns
     */
    public static String of(String name, List<?> values, Map<String, Object> parameters) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an in-list of " + name + " needs at least one value");
        }
        int size = paddedSize(values.size());
        StringBuilder placeholders = new StringBuilder(size * (name.length() + 5)).append('(');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                placeholders.append(", ");
            }
            placeholders.append(':').append(name).append(i);
            parameters.put(name + i, values.get(Math.min(i, values.size() - 1)));
        }
        return placeholders.append(')').toString();
    }

    /** How many values a list of {@code count} is padded to: the next power of two at or above it. */
    public static int paddedSize(int count) {
        return count <= 1 ? 1 : Integer.highestOneBit(count - 1) << 1;
    }
}
