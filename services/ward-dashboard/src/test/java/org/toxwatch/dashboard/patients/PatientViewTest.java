package org.toxwatch.dashboard.patients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.toxwatch.dashboard.support.Messages.ALERTS;
import static org.toxwatch.dashboard.support.Messages.COURSES;
import static org.toxwatch.dashboard.support.Messages.GRADED;
import static org.toxwatch.dashboard.support.Messages.LIFECYCLE;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toxwatch.dashboard.support.AdvisorPeer;
import org.toxwatch.dashboard.support.Messages;
import org.toxwatch.testsupport.kafka.KafkaBrokerTestResource;
import org.toxwatch.testsupport.kafka.KafkaTestClient;
import org.toxwatch.testsupport.postgres.PostgresTestResource;
import org.toxwatch.testsupport.security.JwtKeyTestResource;
import org.toxwatch.testsupport.security.TokenIssuer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The patient page from courses, graded events and alerts on Kafka: the lab series that still stand (a corrected
 * result replaces, a retracted one disappears), CTCAE bands behind them, worst grade per cycle, dose-level history and
 * the alert timeline. Real broker and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class,
        initArgs = @ResourceArg(name = KafkaBrokerTestResource.TOPICS_ARG, value = Messages.TOPICS))
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtKeyTestResource.class)
@WithTestResource(AdvisorPeer.class)
class PatientViewTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ANC = "Neutrophil count decreased";
    private static final String AST = "Aspartate aminotransferase increased";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = JwtKeyTestResource.PRIVATE_KEY_PROPERTY)
    String privateKey;

    private KafkaTestClient kafka;
    private TokenIssuer tokens;

    @BeforeEach
    void open() {
        kafka = new KafkaTestClient(bootstrap, ALERTS);
        tokens = TokenIssuer.fromPrivateKeyFile(Path.of(privateKey));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void thePatientPageShowsWhatStandsWithBandsWorstGradesDoseLevelsAndTheAlertTimeline() {
        String patient = "p-pv-" + UUID.randomUUID().toString().substring(0, 8);
        String course = "course-" + patient;
        kafka.send(COURSES, patient, Messages.course(course, patient, "5B",
                List.of(new Messages.Drug("lenvatinib", 0), new Messages.Drug("sintilimab", 0))).toString());
        await().atMost(WAIT).until(() -> status(patient) == 200);
        kafka.send(COURSES, patient, Messages.course(course, patient, "5B",
                List.of(new Messages.Drug("lenvatinib", 1), new Messages.Drug("sintilimab", 0))).toString());

        send(anc(patient, course, 1, "2026-01-10T07:00:00Z", 0, "2.1"));
        send(anc(patient, course, 1, "2026-01-20T07:00:00Z", 2, "1.2"));
        ObjectNode wrong = anc(patient, course, 2, "2026-01-27T07:00:00Z", 3, "0.8");
        send(wrong);
        send(Messages.superseding(wrong, UUID.randomUUID(), 3, "0.9"));
        ObjectNode enteredInError = anc(patient, course, 2, "2026-01-29T07:00:00Z", 4, "0.4");
        send(enteredInError);
        send(Messages.retraction(enteredInError, UUID.randomUUID()));
        ObjectNode ast = Messages.withBaseline(Messages.graded(UUID.randomUUID(), patient, course, 2,
                Instant.parse("2026-01-27T07:00:00Z"), AST, "AST", 2, "312", "U/L", null, "40"), "95", "40", true);
        send(ast); // last on the partition: once it shows, every event above has been read

        ObjectNode hold = Messages.doseAlert(UUID.randomUUID(), "DOSE_HOLD", patient, course, "lenvatinib", 1, ANC, 3,
                "0.9", "10*9/L", Instant.parse("2026-01-27T07:00:00Z"));
        kafka.send(ALERTS, patient, hold.toString());
        kafka.send(LIFECYCLE, patient, Messages.lifecycle(hold, 1, "OPENED", null, "OPEN", "system:dose-advisor",
                null, Instant.parse("2026-01-27T07:01:00Z"), 0).toString());
        kafka.send(LIFECYCLE, patient, Messages.lifecycle(hold, 2, "ACKNOWLEDGED", "OPEN", "ACKNOWLEDGED",
                "nurse-5b-0042", null, Instant.parse("2026-01-27T07:10:00Z"), 0).toString());

        await().atMost(WAIT).until(() -> {
            JsonPath page = page(patient);
            return page.getList("labs.term").contains(AST)
                    && page.getList("courses[0].doseHistory").size() == 3
                    && page.getList("alerts[0].transitions").size() == 2;
        });
        String body = page(patient).prettify();
        JsonPath page = new JsonPath(body);

        assertThat(page.getString("patientId")).isEqualTo(patient);
        assertThat(page.getString("ward")).isEqualTo("5B");
        assertThat(page.getList("labs.term", String.class)).containsExactly(AST, ANC);

        JsonPath anc = new JsonPath(body).setRootPath("labs[1]");
        assertThat(anc.getString("analyte")).isEqualTo("NEUTROPHILS");
        assertThat(anc.getString("unit")).isEqualTo("10*9/L");
        assertThat(anc.getList("points.value", String.class)).as("corrected 0.8 -> 0.9, 0.4 withdrawn")
                .containsExactly("2.1", "1.2", "0.9");
        assertThat(anc.getList("points.grade", Integer.class)).containsExactly(0, 2, 3);
        assertThat(anc.getList("points.cycleNumber", Integer.class)).containsExactly(1, 1, 2);
        assertThat(anc.getList("points.effectiveTime", String.class)).containsExactly("2026-01-10T07:00:00Z",
                "2026-01-20T07:00:00Z", "2026-01-27T07:00:00Z");
        assertThat(bands(anc)).containsExactly("1: 1.5..1.8", "2: 1..1.5", "3: 0.5..1", "4: null..0.5");
        assertThat(anc.getString("bandsMeasuredAgainst")).isEqualTo("LLN 1.8 10*9/L");

        JsonPath liver = new JsonPath(body).setRootPath("labs[0]");
        assertThat(liver.getList("points.value", String.class)).containsExactly("312");
        assertThat(bands(liver)).containsExactly("1: 142.5..285", "2: 285..475", "3: 475..1900", "4: 1900..null");
        assertThat(liver.getString("bandsMeasuredAgainst")).isEqualTo("baseline 95 U/L (above ULN)");

        JsonPath courseView = new JsonPath(body).setRootPath("courses[0]");
        assertThat(courseView.getString("courseId")).isEqualTo(course);
        assertThat(courseView.getString("regimen")).isEqualTo("HAIC-FOLFOX + lenvatinib + sintilimab");
        assertThat(courseView.getList("cycles.number", Integer.class)).containsExactly(1, 2);
        assertThat(courseView.getList("cycles.plannedStart", String.class)).containsExactly("2026-01-05", "2026-01-26");
        List<Map<String, Object>> worst = courseView.getList("worstGradePerCycle");
        assertThat(worst).extracting(w -> w.get("cycle") + " " + w.get("term") + " " + w.get("grade"))
                .containsExactly("1 " + ANC + " 2", "2 " + ANC + " 3", "2 " + AST + " 2");
        List<Map<String, Object>> doses = courseView.getList("doseHistory");
        assertThat(doses).extracting(d -> d.get("drug") + " " + d.get("level"))
                .containsExactly("lenvatinib 0", "sintilimab 0", "lenvatinib 1");
        assertThat(Instant.parse((String) doses.get(2).get("since")))
                .isAfterOrEqualTo(Instant.parse((String) doses.get(0).get("since")));

        assertThat(page.getString("alerts[0].alertId")).isEqualTo(hold.path("alertId").asText());
        assertThat(page.getString("alerts[0].state")).isEqualTo("ACKNOWLEDGED");
        assertThat(page.getList("alerts[0].transitions.transition", String.class))
                .containsExactly("OPENED", "ACKNOWLEDGED");
    }

    @Test
    void aPatientTheDashboardHasNotSeenIsNotFound() {
        assertThat(status("p-nobody-" + UUID.randomUUID().toString().substring(0, 8))).isEqualTo(404);
    }

    private ObjectNode anc(String patient, String course, int cycle, String time, int grade, String value) {
        return Messages.graded(UUID.randomUUID(), patient, course, cycle, Instant.parse(time), ANC, "NEUTROPHILS",
                grade, value, "10*9/L", "1.8", "7.7");
    }

    private void send(ObjectNode event) {
        kafka.send(GRADED, event.path("patientId").asText(), event.toString());
    }

    private static List<String> bands(JsonPath series) {
        List<Map<String, Object>> bands = series.getList("bands");
        return bands.stream().map(b -> b.get("grade") + ": " + b.get("from") + ".." + b.get("to")).toList();
    }

    private int status(String patient) {
        return given().header("Authorization", tokens.bearer("pharm-1", "pharmacist"))
                .get("/api/patients/{id}", patient).then().extract().statusCode();
    }

    private JsonPath page(String patient) {
        return given().header("Authorization", tokens.bearer("pharm-1", "pharmacist"))
                .get("/api/patients/{id}", patient).then().statusCode(200).extract().jsonPath();
    }
}
