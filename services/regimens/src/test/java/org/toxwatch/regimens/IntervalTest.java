package org.toxwatch.regimens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.toxwatch.regimens.rules.Interval;

/** Multiples of ULN are decided exactly, without dividing (ULN 3 makes 1/3 steps that no division represents). */
class IntervalTest {

    private static final Interval ABOVE_5_UP_TO_10 = new Interval(new BigDecimal("5"), null, null, new BigDecimal("10"));

    @ParameterizedTest(name = "{0} against ULN {1} in (5, 10] x ULN: {2}")
    @CsvSource({
            "200, 40, false",
            "200.0000001, 40, true",
            "400, 40, true",
            "400.0000001, 40, false",
            "15, 3, false",
            "15.000000000000000000001, 3, true",
            "30, 3, true"})
    void multiplesOfUlnAreComparedExactly(String value, String uln, boolean inside) {
        assertEquals(inside, ABOVE_5_UP_TO_10.containsMultiple(new BigDecimal(value), new BigDecimal(uln)));
    }

    @ParameterizedTest(name = "{0} described with {1}")
    @CsvSource(delimiter = '|', value = {
            "5|10|x ULN|above 5 up to 10 x ULN",
            "|1.20|10*9/L|below 1.2 10*9/L"})
    void intervalsDescribeThemselvesAsTheRulesReadAloud(String above, String upper, String unit, String expected) {
        Interval interval = above == null
                ? Interval.below(new BigDecimal(upper))
                : new Interval(new BigDecimal(above), null, null, new BigDecimal(upper));

        assertEquals(expected, interval.describe(unit));
    }
}
