package org.toxwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real services against the real contract: every topic a service configures is an AsyncAPI channel, and every
 * channel is used by some service. Fails while a service is still being written; run the rest with
 * {@code -Dtest='!TopicDriftTest'}.
 */
class TopicDriftTest {

    @Test
    void servicesUseExactlyTheTopicsOfTheContract() {
        TopicDrift drift = TopicDrift.scan(TopicDrift.locateProjectDir());
        List<String> problems = drift.problems(AsyncApiDocument.load());
        assertEquals(List.of(), problems, "topic drift between services/*/application.properties and "
                + "contracts/asyncapi.yaml:\n  " + String.join("\n  ", problems));
    }
}
