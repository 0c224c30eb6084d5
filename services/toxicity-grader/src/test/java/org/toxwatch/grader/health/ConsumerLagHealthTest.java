package org.toxwatch.grader.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.testsupport.health.HealthWiring;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Health through a real broker and PostgreSQL: readiness reports the consumer group's lag and goes DOWN, with the
 * figures, while more records wait than the threshold allows; liveness stays UP meanwhile, because a restart would not
 * make the backlog smaller. The backlog is made honestly: the grader's inserts wait on a table lock held by the test,
 * as they would on a database that is slow or stuck in a long transaction, while observations keep arriving.
 */
@QuarkusTest
@TestProfile(ConsumerLagHealthTest.SmallLagThreshold.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class ConsumerLagHealthTest {

    static final long THRESHOLD = 20;
    private static final String OBSERVATIONS = "lab.observations.normalized.v1";
    private static final String GRADED = "ae.graded.v1";
    private static final String LAG_CHECK = "Kafka consumer lag";
    private static final Duration WAIT = Duration.ofSeconds(90);

    public static class SmallLagThreshold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toxwatch.readiness.max-consumer-lag", Long.toString(THRESHOLD),
                    "toxwatch.readiness.consumer-lag.refresh-every", "1s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    Config config;

    private KafkaTestClient kafka;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrap, GRADED);
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void readinessIsDownWithTheFiguresWhileRecordsPileUpAndLivenessStaysUp() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(lagCheck(ready(200)).getString("status")).isEqualTo("UP"));

        int burst = 60;
        try (Connection session = DriverManager.getConnection(jdbcUrl, user, password.orElse(""))) {
            session.setAutoCommit(false);
            try (Statement statement = session.createStatement()) {
                // reads go on, every insert of a graded event waits until the lock is released
                statement.execute("LOCK TABLE toxicity_grader.graded_event IN EXCLUSIVE MODE");
            }
            IntStream.range(0, burst).forEach(i -> kafka.send(OBSERVATIONS, patient(i), neutrophils(i)));

            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath check = lagCheck(ready(503));
                assertThat(check.getString("status")).isEqualTo("DOWN");
                assertThat(check.getString("data.group")).isEqualTo("toxicity-grader");
                assertThat(check.getLong("data.threshold")).isEqualTo(THRESHOLD);
                assertThat(check.getLong("data.lag")).isGreaterThan(THRESHOLD).isLessThanOrEqualTo(burst);
                assertThat(check.getString("data['lag by topic']")).contains(OBSERVATIONS + "=");
                assertThat(check.getString("data.reason")).contains("more than the threshold of " + THRESHOLD);
            });
            // the database answers (only slowly for this table): its own check is UP, the lag is what is DOWN
            assertThat(checkNamed(ready(503), "Reactive PostgreSQL connections health check").getString("status"))
                    .isEqualTo("UP");
            // a restart would not clear a backlog: liveness stays UP, also some probes later
            for (int probe = 0; probe < 3; probe++) {
                JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
                assertThat(live.getString("status")).isEqualTo("UP");
            }
            session.rollback();
        }

        // the lock released, the grader drains the backlog and is ready again, every observation graded
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath check = lagCheck(ready(200));
            assertThat(check.getString("status")).isEqualTo("UP");
            assertThat(check.getLong("data.lag")).isLessThanOrEqualTo(THRESHOLD);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(IntStream.range(0, burst)
                .filter(i -> kafka.records(GRADED, patient(i)).stream()
                        .anyMatch(r -> r.value().contains("urn:lab:test|LAG-" + i + "\"")))
                .count()).isEqualTo(burst));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void livenessHoldsOnlyWhatARestartWouldFix() {
        // the connector's channel failures; no database and no lag check: neither is cured by a restart
        HealthWiring.assertLivenessHoldsOnlyTheChannels();
        HealthWiring.awaitReadyWatchingTheLagOf("toxicity-grader", THRESHOLD);
    }

    @Test
    void everyIncomingChannelRidesOutAnOutageOfMinutesBeforeLivenessGivesUp() {
        HealthWiring.assertIncomingKafkaChannels(config, "toxicity-grader", "normalized-observations", "treatment-courses",
                "symptom-reports");
    }

    private static JsonPath ready(int status) {
        return given().get("/q/health/ready").then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath lagCheck(JsonPath health) {
        return checkNamed(health, LAG_CHECK);
    }

    private static JsonPath checkNamed(JsonPath health, String name) {
        List<Map<String, Object>> checks = health.getList("checks");
        Map<String, Object> check = checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + health.prettify()));
        return new JsonPath(new ObjectMapper().valueToTree(check).toString());
    }

    private static String patient(int i) {
        return "p-lag-" + (i % 3);
    }

    private static String neutrophils(int i) {
        return """
                {"observationId": "urn:lab:test|LAG-%d", "version": "1", "status": "final", "patientId": "%s",
                 "effectiveTime": "2026-01-20T07:%02d:00Z",
                 "results": [{"loinc": "751-8", "analyte": "NEUTROPHILS", "value": 1.2, "unit": "10*9/L",
                              "lowerLimit": 1.8, "upperLimit": 7.7}]}
                """.formatted(i, patient(i), i % 60);
    }
}
