package org.toxwatch.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.FhirObservations;
import org.toxwatch.demo.scenario.LabResultRow;
import org.toxwatch.demo.stack.CohortReplay;
import org.toxwatch.demo.stack.ConsumerLag;
import org.toxwatch.demo.stack.LocalStack;
import org.toxwatch.demo.stack.ProjectLayout;
import org.toxwatch.testsupport.kafka.TopicRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one-command demo: a real broker, the three packaged services on a fresh database, the demo cohort's courses over
 * REST, then their labs over two to three cycles as FHIR Observations on Kafka. Prints every dose alert (and every
 * dead-lettered input) as it arrives, with the time since its lab result was published, and the ward dashboard's URL
 * with signed-in links; run from a terminal it keeps the stack up for the dashboard until Enter, then stops it.
 */
public final class DemoMain {

    private static final String ALERTS = "dose.alerts.v1";
    private static final String GRADED = "ae.graded.v1";
    private static final String DEAD_LETTERS = "lab.observations.fhir.v1.dlq";
    private static final String LIFECYCLE = "dose.alerts.lifecycle.v1";
    /** Short timers so the demo shows an escalation within seconds; a ward runs 15 min (5 min febrile neutropenia). */
    private static final Map<String, String> DEMO_SETTINGS = Map.of(
            "TOXWATCH_ALERTS_ACKNOWLEDGE_WITHIN", "PT20S",
            "TOXWATCH_ALERTS_ACKNOWLEDGE_WITHIN_FEBRILE_NEUTROPENIA", "PT10S",
            "TOXWATCH_ALERTS_ESCALATION_CHECK_EVERY", "1s",
            "TOXWATCH_ALERTS_ESCALATION_MAX_LEVEL", "1");
    private static final String NURSE = "nurse-demo";
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    private final Set<String> accountedFor = ConcurrentHashMap.newKeySet();
    /** alert id -> patient, for the alerts the demo's nurse acknowledges */
    private final Map<String, String> openedAlerts = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        long paceMillis = args.length > 0 ? Long.parseLong(args[0]) : 400;
        new DemoMain().run(paceMillis);
    }

    private void run(long paceMillis) throws Exception {
        ProjectLayout layout = ProjectLayout.locate();
        DemoCohort cohort = DemoCohort.load(layout.scenario("courses.json"), layout.scenario("labs.csv"));

        say("Starting Kafka (KRaft), PostgreSQL database toxwatch_demo, lab-ingest, toxicity-grader, dose-advisor ...");
        say("(demo timers: an alert not acknowledged within %s escalates)", DEMO_SETTINGS.get("TOXWATCH_ALERTS_ACKNOWLEDGE_WITHIN"));
        Instant bootStart = Instant.now();
        try (LocalStack stack = LocalStack.start(layout, "toxwatch_demo", DEMO_SETTINGS);
                CohortReplay replay = new CohortReplay(stack);
                TopicRecorder tap = new TopicRecorder(stack.bootstrapServers(),
                        List.of(ALERTS, GRADED, DEAD_LETTERS, LIFECYCLE), this::onRecord)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            say("Stack ready in %.1f s (broker %s; service logs in %s)", seconds(bootStart), stack.bootstrapServers(),
                    layout.logDir());
            String dashboard = stack.service("ward-dashboard").baseUri() + "/index.html?ward=5B#token=";
            say("Ward dashboard (live alerts of ward 5B), signed in as");
            say("  nurse:      %s%s", dashboard, stack.wardKeys().token("nurse-demo", "nurse"));
            say("  oncologist: %s%s", dashboard, stack.wardKeys().token("oncologist-demo", "oncologist"));

            for (DemoCohort.Course course : cohort.courses()) {
                var response = replay.putCourse(course);
                say("PUT course %s for %s -> HTTP %d", course.courseId(), course.patientId(), response.statusCode());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("course rejected: " + response.body());
                }
            }
            awaitCondition(() -> cohort.courses().stream().allMatch(replay::graderKnows), "the grader to receive the courses");

            say("Replaying %d lab results as FHIR Observations on %s ...", cohort.labs().size(), CohortReplay.LAB_TOPIC);
            for (LabResultRow row : cohort.labs()) {
                publishedAt.put(row.identifier(), replay.publish(row));
                say("  lab %-9s %-6s %s  LOINC %-8s %s %s", row.identifier(), row.patientId(), row.effectiveTime(),
                        row.loinc(), row.value(), row.unit());
                Thread.sleep(paceMillis); // pacing for a human reader, not synchronisation
            }
            awaitCondition(() -> accountedFor.containsAll(publishedAt.keySet()),
                    "every lab result to be graded or dead-lettered");
            try (ConsumerLag lag = new ConsumerLag(stack.bootstrapServers())) {
                // the advisor commits a graded event only after its alerts are out: no lag, no alert still on its way
                awaitCondition(() -> lag.of("dose-advisor", GRADED) == 0, "the dose-advisor to assess every graded event");
            }
            // the ward acts on one patient's alerts; the others wait, and escalate when their timer runs out
            String acknowledging = cohort.courses().get(cohort.courses().size() - 1).patientId();
            say("%n%s acknowledges the open alerts of %s (POST /alerts/{id}/acknowledge) ...", NURSE, acknowledging);
            for (var alert : openedAlerts.entrySet()) {
                if (alert.getValue().equals(acknowledging)) {
                    var response = replay.alertAction(alert.getKey(), "acknowledge", NURSE, "nurse", "{}");
                    if (response.statusCode() != 200) {
                        say("   alert %s: HTTP %d %s", alert.getKey(), response.statusCode(), response.body());
                    }
                }
            }
            say("Waiting for the unacknowledged alerts to escalate ...");
            awaitCondition(() -> tap.records(LIFECYCLE).stream().anyMatch(r -> r.value().contains("\"transition\":\"ESCALATED\"")),
                    "an unacknowledged alert to escalate");
            summary(tap, cohort, stack);
            if (System.console() != null) {
                // interactive: leave the stack up for the dashboard until the user is done looking
                say("%nThe dashboard stays up: open the URL above. Press Enter to stop everything.");
                System.console().readLine();
            }
        }
        say("Stopped everything the demo started.");
    }

    private void onRecord(ConsumerRecord<String, String> record) {
        try {
            switch (record.topic()) {
                case ALERTS -> printAlert(json.readTree(record.value()));
                case GRADED -> accountedFor.add(labId(json.readTree(record.value()).path("observationId").asText()));
                case DEAD_LETTERS -> printDeadLetter(record);
                case LIFECYCLE -> printTransition(json.readTree(record.value()));
                default -> { }
            }
        } catch (Exception e) {
            say("!! cannot read a record on %s: %s", record.topic(), e.getMessage());
        }
    }

    private void printAlert(JsonNode alert) {
        String type = alert.path("type").asText();
        int revision = alert.path("revision").asInt(1);
        if (revision == 1) {
            openedAlerts.put(alert.path("alertId").asText(), alert.path("patientId").asText());
        }
        String lab = labId(alert.path("trigger").path("observationId").asText());
        JsonNode recommended = alert.path("recommendedDoseLevel");
        JsonNode rule = alert.path("rule");
        String kind = type.equals("RESUME_ELIGIBLE") || type.equals("LABS_REQUIRED") ? "NOTICE" : "ALERT";
        say("%n%s %-15s %s  %-12s %s%s%s   (%s grade %s, lab %s, cycle %s, %s after the lab was published)",
                kind, type, alert.path("patientId").asText(), alert.path("drug").asText(),
                alert.path("action").asText(),
                recommended.isMissingNode() || recommended.isNull() ? "" : ", at " + recommended.path("dose").asText(),
                revision > 1 ? "  [revision " + revision + ": worse grade, same alert]" : "",
                alert.path("trigger").path("term").asText(), alert.path("trigger").path("grade").asText(), lab,
                alert.path("cycleNumber").asText(), since(lab));
        say("      why:  %s", alert.path("explanation").asText());
        say("      rule: %s (%s; %s)%s", rule.path("id").asText(), rule.path("source").asText(),
                rule.path("verified").asBoolean() ? "verified" : "NOT verified against the source",
                alert.path("resumeWhen").isTextual() ? "; resume when " + alert.path("resumeWhen").asText() : "");
    }

    /** Lifecycle transitions other than OPENED (which the alert itself shows). */
    private void printTransition(JsonNode event) {
        String transition = event.path("transition").asText();
        if (transition.equals("OPENED") || transition.equals("WORSENED")) {
            return;
        }
        say("%s %-11s %s %-12s %s alert %s by %s%s%s", transition.equals("ESCALATED") ? "!!" : "->", transition,
                event.path("patientId").asText(), event.path("drug").asText(), event.path("alertType").asText(),
                event.path("alertId").asText().substring(0, 8), event.path("actor").asText(),
                transition.equals("ESCALATED") ? " (not acknowledged in time; level " + event.path("escalationLevel").asInt() + ")" : "",
                event.path("reason").isTextual() ? ": " + event.path("reason").asText() : "");
    }

    private void printDeadLetter(ConsumerRecord<String, String> record) {
        String lab = "?";
        try {
            lab = json.readTree(record.value()).path("identifier").path(0).path("value").asText("?");
        } catch (Exception e) {
            // a malformed input: the reason header says so
        }
        accountedFor.add(lab);
        String reason = TopicRecorder.header(record, "dead-letter-reason");
        say("%nDEAD-LETTER lab %s: %s", lab, reason == null ? "(no reason header)" : reason);
    }

    private void summary(TopicRecorder tap, DemoCohort cohort, LocalStack stack) throws Exception {
        Map<String, Integer> pagesByType = new TreeMap<>();
        int pages = 0;
        int revisions = 0;
        for (var record : tap.records(ALERTS)) {
            JsonNode alert = json.readTree(record.value());
            if (alert.path("revision").asInt(1) == 1) {
                pages++;
                pagesByType.merge(alert.path("type").asText(), 1, Integer::sum);
            } else {
                revisions++;
            }
        }
        Map<String, Integer> transitions = new TreeMap<>();
        for (var record : tap.records(LIFECYCLE)) {
            transitions.merge(json.readTree(record.value()).path("transition").asText(), 1, Integer::sum);
        }
        int patientCycles = 0;
        for (DemoCohort.Course course : cohort.courses()) {
            patientCycles += json.readTree(course.json()).path("cycles").size();
        }
        long absorbed;
        try (var connection = stack.connectDatabase(); var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "select count(*) from dose_advisor.assessed_event where outcome = 'ABSORBED'")) {
            rows.next();
            absorbed = rows.getLong(1);
        }
        say("%nSummary: %d lab results published, %d graded events, %d dead-lettered.", publishedAt.size(),
                tap.records(GRADED).size(), tap.records(DEAD_LETTERS).size());
        say("Pages: %d %s, %d revised in place by a worse grade, %d graded events absorbed into an open alert (no page).",
                pages, pagesByType, revisions, absorbed);
        say("Alerts per patient per cycle: %.2f (%d pages over %d patient-cycles). Lifecycle: %s.", (double) pages / patientCycles,
                pages, patientCycles, transitions);
    }

    private String since(String lab) {
        Instant published = publishedAt.get(lab);
        return published == null ? "?" : String.format("%.2f s", Duration.between(published, Instant.now()).toMillis() / 1000.0);
    }

    private static String labId(String observationId) {
        String prefix = FhirObservations.IDENTIFIER_SYSTEM + "|";
        return observationId.startsWith(prefix) ? observationId.substring(prefix.length()) : observationId;
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static synchronized void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
