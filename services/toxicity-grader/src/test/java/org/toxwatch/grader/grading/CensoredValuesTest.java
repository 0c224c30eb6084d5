package org.toxwatch.grader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.toxwatch.ctcae.criteria.Direction;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import org.toxwatch.ctcae.grading.Grading;
import org.toxwatch.ctcae.grading.GradingRequest;
import org.toxwatch.ctcae.grading.GradingStatus;
import org.toxwatch.ctcae.grading.Measurement;

class CensoredValuesTest {

    private final CtcaeGrader v5 = CtcaeGrader.forVersion("5.0");

    private Grading anc(String value) {
        return v5.grade(GradingRequest.of(new Measurement("NEUTROPHILS", new BigDecimal(value), "10*9/L",
                new BigDecimal("1.8"), new BigDecimal("7.7")))).get(0);
    }

    @Test
    void belowALimitOnADecreasingTermIsAtLeastTheLimitsGrade() {
        Grading adjusted = CensoredValues.adjust(anc("0.1"), "<", Direction.DECREASED);
        assertThat(adjusted.status()).isEqualTo(GradingStatus.LOWER_BOUND);
        assertThat(adjusted.grade()).isEqualTo(4);
    }

    @Test
    void aboveALimitThatIsAlreadyAbnormalCouldBeAnyLowerGrade() {
        Grading adjusted = CensoredValues.adjust(anc("0.8"), ">", Direction.DECREASED);
        assertThat(adjusted.status()).isEqualTo(GradingStatus.NOT_GRADABLE);
        assertThat(adjusted.grade()).isNull();
        assertThat(adjusted.explanation()).contains("> 0.8");
    }

    @Test
    void aboveANormalLimitOnADecreasingTermIsStillGradeZero() {
        Grading adjusted = CensoredValues.adjust(anc("3.0"), ">", Direction.DECREASED);
        assertThat(adjusted.status()).isEqualTo(GradingStatus.GRADED);
        assertThat(adjusted.grade()).isZero();
    }

    @Test
    void anExactValueIsLeftAlone() {
        Grading exact = anc("0.8");
        assertThat(CensoredValues.adjust(exact, null, Direction.DECREASED)).isSameAs(exact);
    }
}
