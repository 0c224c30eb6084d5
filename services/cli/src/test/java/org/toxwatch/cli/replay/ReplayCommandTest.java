package org.toxwatch.cli.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toxwatch.cli.CliRun;
import org.toxwatch.cli.replay.ReplayFixture.Change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.toxwatch.cli.replay.ReplayFixture.COURSES;
import static org.toxwatch.cli.replay.ReplayFixture.EVENTS;
import static org.toxwatch.cli.replay.ReplayFixture.OXALIPLATIN_PLATELETS;
import static org.toxwatch.cli.replay.ReplayFixture.P101_PLATELETS_120;
import static org.toxwatch.cli.replay.ReplayFixture.P101_PLATELETS_85;
import static org.toxwatch.cli.replay.ReplayFixture.P102_PLATELETS_110;
import static org.toxwatch.cli.replay.ReplayFixture.P102_PLATELETS_70;
import static org.toxwatch.cli.replay.ReplayFixture.P102_PLATELETS_80;
import static org.toxwatch.cli.replay.ReplayFixture.SITE_PLATELETS_100;
import static org.toxwatch.cli.replay.ReplayFixture.SITE_RULE;

/** {@code toxwatch replay} on the fixture cohort, from files: what appears and disappears, per rule; bad input. */
class ReplayCommandTest {

    private static final String P102 = "course-p102-1";

    @TempDir
    Path dir;

    // RULES.md 2.8: a site raising the HAIC pre-cycle platelet minimum from the label's 75 to 100 x10^9/L
    @Test
    void aStricterPreCycleMinimumAddsDelaysAndMovesTheResumeNotices() throws IOException {
        Path out = dir.resolve("changes.csv");

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--overrides", SITE_PLATELETS_100.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ReplayFixture.changes(out)).map(Change::toString).containsExactly(
                // p-101, platelets 85: no minimum was missed; now the result delays cycle 2 (the day-before check finds
                // the same condition open and pages nothing more), and 120 on day 2 meets the site's resume criterion
                "APPEARED course-p101-1 c1 OPEN DELAY_CYCLE " + SITE_RULE + " " + P101_PLATELETS_85,
                "APPEARED course-p101-1 c2 RESUME_ELIGIBLE  " + SITE_RULE + " " + P101_PLATELETS_120,
                // p-102, platelets 70: delayed either way (one page, by the result; the day-before check adds none),
                // now by the site rule, and 80 no longer lets it resume: 110 does
                "DISAPPEARED course-p102-1 c1 OPEN DELAY_CYCLE " + OXALIPLATIN_PLATELETS + " " + P102_PLATELETS_70,
                "APPEARED course-p102-1 c1 OPEN DELAY_CYCLE " + SITE_RULE + " " + P102_PLATELETS_70,
                "DISAPPEARED course-p102-1 c2 RESUME_ELIGIBLE  " + OXALIPLATIN_PLATELETS + " " + P102_PLATELETS_80,
                "APPEARED course-p102-1 c2 RESUME_ELIGIBLE  " + SITE_RULE + " " + P102_PLATELETS_110);

        var table = ReplayFixture.ruleTable(run);
        assertThat(table.get(OXALIPLATIN_PLATELETS)).containsExactly(2, 0, 0, 2);
        assertThat(table.get(SITE_RULE)).containsExactly(0, 4, 4, 0);
        // the lenvatinib + sintilimab course is not touched by a HAIC rule: its rules page as before
        assertThat(table).containsKeys("lenvatinib-hypertension-g3", "lenvatinib-ast-g3-4");
        table.forEach((rule, counts) -> {
            if (!rule.equals(OXALIPLATIN_PLATELETS) && !rule.equals(SITE_RULE) && !rule.equals("total")) {
                assertThat(counts.get(0)).as(rule).isEqualTo(counts.get(1)).isPositive();
                assertThat(counts.subList(2, 4)).as(rule).containsExactly(0, 0);
            }
        });
        assertThat(run.out()).contains("Alerts that would appear or disappear (6):", "+ overrides " + SITE_PLATELETS_100);
        assertThat(run.err()).contains("3 courses, 27 graded events replayed (1 of no known course, skipped)",
                "4 appeared, 2 disappeared");
    }

    @Test
    void theCsvHasTheDocumentedHeaderAndAnExplanationPerRow() throws IOException {
        Path out = dir.resolve("changes.csv");

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--overrides", SITE_PLATELETS_100.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out).get(0)).isEqualTo(
                "change,patient,course,cycle,drug,decision,action,rule,trigger_event,effective_time,alert_id,retracted,explanation");
        assertThat(ReplayFixture.csv(out)).allSatisfy(row -> {
            assertThat(row.get("explanation")).contains(row.get("rule"));
            assertThat(row.get("alert_id")).matches("[0-9a-f-]{36}");
            assertThat(row.get("retracted")).isEqualTo("false");
        }).anySatisfy(row -> {
            // a result's page is dated at the result's effective time (a pre-cycle check's: see the next test)
            assertThat(row.get("trigger_event")).isEqualTo(P102_PLATELETS_70);
            assertThat(row.get("effective_time")).isEqualTo("2026-01-25T07:00:00Z");
            assertThat(row.get("patient")).isEqualTo("p-102");
        });
    }

    // the day-before check pages a delay only when no result has: here p-102's platelets of 70 reach the ward twice for
    // one sample, and the copy that opened the delay is withdrawn as entered in error. The other copy still stands, so
    // the check before cycle 2 opens the delay itself, dated at the start of the cycle's day 1 on the ward calendar (UTC
    // here); results from day 1 on count toward resuming it (80 under the label's 75, only 110 under the site's 100)
    @Test
    void aDelayOnlyTheDayBeforeCheckFindsIsDatedOnDayOneAndCanResume() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(EVENTS));
        String platelets70 = lines.stream().filter(l -> l.contains(P102_PLATELETS_70)).findFirst().orElseThrow();
        String copy = UUID.nameUUIDFromBytes("p-102 platelets 70, entered twice".getBytes(StandardCharsets.UTF_8)).toString();
        String retraction = UUID.nameUUIDFromBytes("p-102 platelets 70, entered in error".getBytes(StandardCharsets.UTF_8))
                .toString();
        // same sample time: the original goes first (smaller id), opens the delay, and the copy is absorbed into it
        assertThat(copy).isGreaterThan(P102_PLATELETS_70);
        lines.add(platelets70.replace(P102_PLATELETS_70, copy).replace("|B-c2-PLT\"", "|B-c2-PLT-copy\""));
        lines.add(platelets70.replace("\"eventId\":\"" + P102_PLATELETS_70 + "\"", "\"eventId\":\"" + retraction + "\"")
                .replace("\"grade\":2", "\"grade\":null").replace("\"status\":\"GRADED\"", "\"status\":\"RETRACTED\"")
                .replace("\"value\":70", "\"value\":null")
                .replace("\"supersedes\":null",
                        "\"supersedes\":\"" + P102_PLATELETS_70 + "\",\"retracts\":\"" + P102_PLATELETS_70 + "\""));
        Path events = dir.resolve("events.ndjson");
        Files.write(events, lines);
        Path out = dir.resolve("changes.csv");

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", events.toString(),
                "--overrides", SITE_PLATELETS_100.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ReplayFixture.changes(out)).filteredOn(c -> c.course().equals(P102)).map(Change::toString)
                .containsExactly(
                        "DISAPPEARED course-p102-1 c1 OPEN DELAY_CYCLE " + OXALIPLATIN_PLATELETS + " " + P102_PLATELETS_70,
                        "APPEARED course-p102-1 c1 OPEN DELAY_CYCLE " + SITE_RULE + " " + P102_PLATELETS_70,
                        "DISAPPEARED course-p102-1 c2 OPEN DELAY_CYCLE " + OXALIPLATIN_PLATELETS + " pre-cycle|" + P102 + "|2",
                        "APPEARED course-p102-1 c2 OPEN DELAY_CYCLE " + SITE_RULE + " pre-cycle|" + P102 + "|2",
                        // the check's delay is the only one open then: the resume notices are about it
                        "DISAPPEARED course-p102-1 c2 RESUME_ELIGIBLE  " + OXALIPLATIN_PLATELETS + " " + P102_PLATELETS_80,
                        "APPEARED course-p102-1 c2 RESUME_ELIGIBLE  " + SITE_RULE + " " + P102_PLATELETS_110);
        var rows = ReplayFixture.csv(out).stream().filter(row -> row.get("course").equals(P102)).toList();
        assertThat(rows).filteredOn(row -> row.get("trigger_event").equals(P102_PLATELETS_70))
                .hasSize(2).allSatisfy(row -> assertThat(row.get("retracted")).isEqualTo("true"));
        assertThat(rows).filteredOn(row -> row.get("trigger_event").equals("pre-cycle|" + P102 + "|2"))
                .hasSize(2).allSatisfy(row -> {
                    assertThat(row.get("effective_time")).isEqualTo("2026-01-27T00:00:00Z");
                    assertThat(row.get("patient")).isEqualTo("p-102");
                    assertThat(row.get("retracted")).isEqualTo("false");
                });
        assertThat(rows).noneMatch(row -> row.get("trigger_event").equals(copy) || row.get("trigger_event").equals(retraction));
    }

    // a changed catalog (--catalog): the oxaliplatin label row's minimum and resume value at 90 instead of 75
    @Test
    void aChangedThresholdInACatalogCopyShowsUnderTheSameRule() throws IOException {
        Path catalog = ChangedCatalog.copyOfShipped(dir.resolve("changed"), "haic-folfox.yaml",
                List.of("value: {below: 75, unit: 10*9/L}", "value: {atLeast: 75, unit: 10*9/L}"),
                List.of("value: {below: 90, unit: 10*9/L}", "value: {atLeast: 90, unit: 10*9/L}"));
        Path out = dir.resolve("changes.csv");

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--catalog", catalog.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ReplayFixture.changes(out)).map(Change::toString).containsExactly(
                // p-101's 85 now delays cycle 2, once (the day-before check finds that delay open), and 120 resumes it
                "APPEARED course-p101-1 c1 OPEN DELAY_CYCLE " + OXALIPLATIN_PLATELETS + " " + P101_PLATELETS_85,
                "APPEARED course-p101-1 c2 RESUME_ELIGIBLE  " + OXALIPLATIN_PLATELETS + " " + P101_PLATELETS_120,
                // p-102's delays stay (70 is below both); only its resume moves from 80 to 110
                "DISAPPEARED course-p102-1 c2 RESUME_ELIGIBLE  " + OXALIPLATIN_PLATELETS + " " + P102_PLATELETS_80,
                "APPEARED course-p102-1 c2 RESUME_ELIGIBLE  " + OXALIPLATIN_PLATELETS + " " + P102_PLATELETS_110);
        assertThat(ReplayFixture.ruleTable(run).get(OXALIPLATIN_PLATELETS)).containsExactly(2, 4, 3, 1);
        assertThat(run.out()).contains("after:  catalog 0.2.0 from " + catalog);
    }

    @Test
    void identicalRuleSetsReportNoDifference() throws IOException {
        Path out = dir.resolve("changes.csv");

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--baseline-overrides", SITE_PLATELETS_100.toString(), "--overrides", SITE_PLATELETS_100.toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No alert would appear or disappear");
        assertThat(Files.readAllLines(out)).hasSize(1);
        var table = ReplayFixture.ruleTable(run);
        assertThat(table.get(SITE_RULE)).containsExactly(4, 4, 0, 0);
        assertThat(table).doesNotContainKey(OXALIPLATIN_PLATELETS);
        assertThat(run.err()).contains("0 appeared, 0 disappeared");
    }

    @Test
    void aMalformedEventLineStopsTheRunNamingFileAndLine() throws IOException {
        Path events = withLine(EVENTS, 5, "{\"eventId\": \"not-json");
        Path out = dir.resolve("changes.csv");

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", events.toString(),
                "--overrides", SITE_PLATELETS_100.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read " + events + " line 5: not JSON");
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void anEventMissingWhatTheRulesNeedNamesTheFieldAndLine() throws IOException {
        String line = Files.readAllLines(EVENTS).get(6).replaceFirst("\"effectiveTime\":\"[^\"]+\",", "");
        Path events = withLine(EVENTS, 7, line);
        Path badGrade = withLine(EVENTS, 2, Files.readAllLines(EVENTS).get(1).replace("\"grade\":0", "\"grade\":\"0\""));

        CliRun missing = CliRun.of("replay", "--courses", COURSES.toString(), "--events", events.toString(),
                "--overrides", SITE_PLATELETS_100.toString());
        CliRun mistyped = CliRun.of("replay", "--courses", COURSES.toString(), "--events", badGrade.toString(),
                "--overrides", SITE_PLATELETS_100.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(events + " line 7: effectiveTime is missing");
        assertThat(mistyped.exitCode()).isEqualTo(2);
        assertThat(mistyped.err()).contains(badGrade + " line 2: grade is not a whole number: \"0\"");
    }

    @Test
    void aBrokenCourseInTheArrayNamesItsLine() throws IOException {
        Path courses = dir.resolve("courses.json");
        Files.writeString(courses, Files.readString(COURSES).replace(
                "{\"number\": 2, \"plannedStart\": \"2026-01-27\"}", "{\"number\": 2, \"plannedStart\": \"27.01.2026\"}"));

        CliRun run = CliRun.of("replay", "--courses", courses.toString(), "--events", EVENTS.toString(),
                "--overrides", SITE_PLATELETS_100.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(courses + " line 3, cycles[1]: plannedStart is not a date (2026-01-26): '27.01.2026'");
    }

    @Test
    void withoutAChangedRuleSetThereIsNothingToCompare() {
        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--baseline-overrides", SITE_PLATELETS_100.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give --overrides and/or --catalog").contains("toxwatch replay [-hV]");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anOverrideFileTheCatalogRejectsIsNamed() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SITE_PLATELETS_100)
                .replace("replaces: [haic-folfox-oxaliplatin-precycle-platelets", "replaces: [no-such-rule"));

        CliRun run = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--overrides", broken.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read " + broken + ": not a usable institution overrides file")
                .contains("no-such-rule");
    }

    @Test
    void argumentsOutsideTheContractAreRefused() {
        CliRun noEvents = CliRun.of("replay", "--courses", COURSES.toString(), "--overrides", SITE_PLATELETS_100.toString());
        CliRun both = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--db", "jdbc:postgresql://127.0.0.1/x", "--overrides", SITE_PLATELETS_100.toString());
        CliRun region = CliRun.of("replay", "--courses", COURSES.toString(), "--events", EVENTS.toString(),
                "--overrides", SITE_PLATELETS_100.toString(), "--region", "Mars");
        CliRun notPostgres = CliRun.of("replay", "--db", "jdbc:mysql://db/x?password=secret",
                "--overrides", SITE_PLATELETS_100.toString());
        CliRun missingFile = CliRun.of("replay", "--courses", dir.resolve("none.json").toString(), "--events",
                EVENTS.toString(), "--overrides", SITE_PLATELETS_100.toString());

        assertThat(noEvents.exitCode()).isEqualTo(2);
        assertThat(noEvents.err()).contains("--events");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("expected only one match");
        assertThat(region.exitCode()).isEqualTo(2);
        assertThat(region.err()).contains("unknown --region 'Mars'");
        assertThat(notPostgres.exitCode()).isEqualTo(2);
        assertThat(notPostgres.err()).contains("PostgreSQL JDBC URL").doesNotContain("secret");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("none.json: no such file");
    }

    @Test
    void helpListsTheReplayAndItsCsvColumns() {
        CliRun top = CliRun.of("--help");
        CliRun replay = CliRun.of("replay", "--help");

        assertThat(top.out()).contains("replay", "What-if replay");
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).contains("--courses=COURSES", "--events=EVENTS", "--db=JDBC-URL", "--overrides=",
                "--catalog=", "--baseline-overrides=", "--region=", "--out=", "day-before check", "Exit codes:");
        String columns = replay.out().replaceAll(",\\R\\s*", ",");
        assertThat(columns).contains(String.join(",", AlertChangesCsv.COLUMNS));
    }

    private Path withLine(Path file, int lineNumber, String replacement) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(lineNumber - 1, replacement);
        Path copy = dir.resolve("line-" + lineNumber + "-" + file.getFileName());
        Files.write(copy, lines);
        return copy;
    }
}
