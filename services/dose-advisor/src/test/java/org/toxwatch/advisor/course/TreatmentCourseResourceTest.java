package org.toxwatch.advisor.course;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.contracts.AsyncApiDocument;
import org.toxwatch.contracts.ContractSchemas;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.TopicRecorder;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Treatment courses over REST from the order system (role integration): validated, stored, and published on the
 * compacted course topic.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
class TreatmentCourseResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    private TokenIssuer tokens;

    @BeforeEach
    void signIn() {
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    private RequestSpecification asOrderSystem() {
        return given().header("Authorization", tokens.bearer("order-system", "integration"));
    }

    static String course(String courseId, String patient, String weight, String drug) {
        return """
                {"courseId": "%s", "patientId": "%s", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "bodyWeightKg": %s,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "%s", "doseLevel": 0}],
                 "baselines": [{"analyte": "AST", "value": 95, "unit": "U/L", "upperLimit": 40}]}
                """.formatted(courseId, patient, weight, drug);
    }

    @Test
    void aValidCourseIsStoredAndPublishedKeyedByPatient() {
        try (TopicRecorder courses = new TopicRecorder(bootstrap, "treatment.courses.v1")) {
            asOrderSystem().contentType(ContentType.JSON).body(course("c-rest-1", "p-rest-1", "58", "lenvatinib"))
                    .put("/treatment-courses/c-rest-1")
                    .then().statusCode(200).body(containsString("\"ctcaeVersion\":\"5.0\""));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !courses.records("treatment.courses.v1", "p-rest-1").isEmpty());
            ConsumerRecord<String, String> record = courses.records("treatment.courses.v1", "p-rest-1").get(0);
            assertThat(ContractSchemas.load().validate("treatment-course.v1", record.value())).isEmpty();
            assertThat(TopicRecorder.header(record, "ce_id")).isNotBlank();
            AsyncApiDocument.Channel channel = AsyncApiDocument.load().channel("treatment.courses.v1").orElseThrow();
            assertThat(TopicRecorder.header(record, "ce_type")).isEqualTo(channel.cloudEventType().orElseThrow());
            assertThat(TopicRecorder.header(record, "ce_source")).isEqualTo(channel.cloudEventSource().orElseThrow());
        }
        asOrderSystem().get("/treatment-courses/c-rest-1").then().statusCode(200).body(containsString("p-rest-1"));
        given().header("Authorization", tokens.bearer("viewer-1", "viewer")).get("/treatment-courses/c-rest-1")
                .then().statusCode(200);
        asOrderSystem().get("/treatment-courses/no-such-course").then().statusCode(404);
    }

    @Test
    void aDrugWithoutRulesIsRefusedRatherThanSilentlyUnmonitored() {
        asOrderSystem().contentType(ContentType.JSON).body(course("c-rest-2", "p-rest-2", "58", "aspirin"))
                .put("/treatment-courses/c-rest-2")
                .then().statusCode(400).body("problems", hasItem(containsString("aspirin")));
    }

    @Test
    void lenvatinibNeedsTheBodyWeightThatPicksItsStartingDose() {
        asOrderSystem().contentType(ContentType.JSON).body(course("c-rest-3", "p-rest-3", "null", "lenvatinib"))
                .put("/treatment-courses/c-rest-3")
                .then().statusCode(400).body("problems", hasItem(containsString("bodyWeightKg")));
    }

    @Test
    void aBaselineInAnUnknownUnitIsRefused() {
        asOrderSystem().contentType(ContentType.JSON)
                .body(course("c-rest-4", "p-rest-4", "70", "lenvatinib").replace("\"U/L\"", "\"furlongs\""))
                .put("/treatment-courses/c-rest-4")
                .then().statusCode(400).body("problems", hasItem(containsString("AST")));
    }

    @Test
    void theApiIsDocumented() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/treatment-courses/{courseId}"));
    }
}
