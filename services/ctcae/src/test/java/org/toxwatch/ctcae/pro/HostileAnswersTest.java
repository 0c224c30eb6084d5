package org.toxwatch.ctcae.pro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers as a message carries them come from outside: refused with a reason, at no cost in time or memory. */
class HostileAnswersTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "1e18"})
    void scoresOfAbsurdMagnitudeAreRefusedWithoutBeingWrittenOut(String score) {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            AnswersRefusedException refused = assertThrows(AnswersRefusedException.class,
                    () -> ProCtcaeAnswers.read("nausea", Map.of("frequency", new BigDecimal(score)), null));
            assertEquals(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, refused.reason());
            assertTrue(refused.getMessage().length() < 200, refused.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void doublesThatAreNoNumberAreRefused(double score) {
        AnswersRefusedException refused = assertThrows(AnswersRefusedException.class,
                () -> ProCtcaeAnswers.read("nausea", Map.of("frequency", score), null));
        assertEquals(AnswersRefusedException.Reason.INVALID_PRO_CTCAE_ANSWERS, refused.reason());
    }

    @Test
    void aMegabyteItemIdOrAttributeIsRefusedWithoutQuotingIt() {
        AnswersRefusedException item = assertThrows(AnswersRefusedException.class,
                () -> ProCtcaeAnswers.read("n".repeat(1_000_000), Map.of("frequency", 1), null));
        assertEquals(AnswersRefusedException.Reason.UNKNOWN_PRO_CTCAE_ITEM, item.reason());
        assertTrue(item.getMessage().length() < 200, item.getMessage());
        AnswersRefusedException attribute = assertThrows(AnswersRefusedException.class,
                () -> ProCtcaeAnswers.read("nausea", Map.of("f".repeat(1_000_000), 1), null));
        assertTrue(attribute.getMessage().length() < 300, attribute.getMessage());
        AnswersRefusedException period = assertThrows(AnswersRefusedException.class,
                () -> ProCtcaeAnswers.read("nausea", Map.of("frequency", 1), "P".repeat(1_000_000)));
        assertTrue(period.getMessage().length() < 300, period.getMessage());
    }

    @Test
    void scoresOnTheScaleAreStillRead() {
        ProCtcaeAnswers answers = ProCtcaeAnswers.read("nausea", Map.of("frequency", new BigDecimal("3.0"),
                "severity", 2.0), null);
        assertEquals(Map.of(ProCtcaeAttribute.FREQUENCY, 3, ProCtcaeAttribute.SEVERITY, 2), answers.scores());
    }
}
