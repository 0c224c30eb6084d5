package org.toxwatch.advisor.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A site's override file decides where it is stricter than the catalog, and the alert says so. */
@QuarkusTest
@TestProfile(InstitutionOverrideTest.SiteRules.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class InstitutionOverrideTest {

    /** Platelets >= 100 before each HAIC cycle instead of the label's 75 and the protocol's 60 (RULES.md 2.8). */
    public static class SiteRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toxwatch.regimens.institution-overrides", "src/test/resources/site-overrides.yaml");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    @Inject
    ObjectMapper json;

    @Test
    void plateletsOf80BeforeAHaicCycleDelayItUnderTheSiteRuleAndTheAlertCitesTheOverride() throws Exception {
        given().header("Authorization", TokenIssuer.fromPrivateKeyFile(Path.of(privateKey)).bearer("order-system", "integration"))
                .contentType(ContentType.JSON).body("""
                {"courseId": "course-p-o-1", "patientId": "p-o-1", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "bodyWeightKg": 70, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """).put("/treatment-courses/course-p-o-1").then().statusCode(200);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap, "dose.alerts.v1")) {
            // 80 x10^9/L two days before cycle 2: grade 1, above the label (75) and protocol (60) minimums
            kafka.send("ae.graded.v1", "p-o-1", """
                    {"eventId": "5f0c7a57-8f63-3d55-9a3c-3d1f3c8a0b01", "observationId": "urn:lab:test|O-1",
                     "observationVersion": "1", "patientId": "p-o-1", "courseId": "course-p-o-1", "cycleNumber": 1,
                     "effectiveTime": "2026-01-24T07:30:00Z", "ctcaeVersion": "5.0", "term": "Platelet count decreased",
                     "grade": 1, "status": "GRADED", "analyte": "PLATELETS", "value": 80, "unit": "10*9/L",
                     "lowerLimit": 150, "upperLimit": 400, "baseline": null, "band": null,
                     "explanation": "Platelet count decreased grade 1 (test)", "supersedes": null}
                    """);
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.records("dose.alerts.v1", "p-o-1").isEmpty());
            String record = kafka.records("dose.alerts.v1", "p-o-1").get(0).value();
            JsonNode alert = json.readTree(record);
            assertThat(alert.path("type").asText()).isEqualTo("DELAY_CYCLE");
            assertThat(alert.path("drug").asText()).isEqualTo("haic-folfox");
            assertThat(alert.path("rule").path("sourceKind").asText()).isEqualTo("institution");
            assertThat(alert.path("rule").path("decidedBy").asText()).contains("site-haic-precycle-platelets-100");
            assertThat(ContractSchemas.load().validate("dose-alert.v1", record)).isEmpty();
        }
    }
}
