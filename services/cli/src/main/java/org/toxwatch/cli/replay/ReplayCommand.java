package org.toxwatch.cli.replay;

import org.toxwatch.regimens.rules.Region;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code toxwatch replay}: what-if replay of a cohort's stored graded events against a changed regimen rule set,
 * reporting per rule which alerts would appear or disappear.
 */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "What-if replay of a cohort's graded events against a changed rule set.",
                "The events go through the dose advisor's monitor twice: once with the rules",
                "in force, once with the changed ones. The report says, per rule, which",
                "alerts (pages) would appear or disappear. It only reads: nothing is",
                "published or stored."},
        footer = {"",
                "Rule sets: before = the shipped catalog + --baseline-overrides;",
                "after = --catalog (else the shipped one) + --overrides (else",
                "--baseline-overrides). --region applies to both.",
                "",
                "Per course, events go in event-time order: effectiveTime, then eventId; a",
                "correction or retraction right after the event it replaces. Before the",
                "first event dated on or after a cycle's planned start, that cycle's",
                "pre-cycle check runs on the results seen so far: it stands for the ward's",
                "day-before check (a cycle no event reaches is not checked). A superseding",
                "event first withdraws the one it replaces; a RETRACTED one only withdraws.",
                "NOT_GRADABLE events are read too (the rules report them not evaluable).",
                "Events of no known course are counted and skipped.",
                "",
                "A page is a new alert (OPEN), a worse one (WORSEN) or a notice",
                "(RESUME_ELIGIBLE, LABS_REQUIRED). Two replays' pages are the same page",
                "when course, drug, decision, condition, rule and trigger event agree.",
                "",
                "--out CSV columns (one row per page that appears or disappears):",
                "  change,patient,course,cycle,drug,decision,action,rule,",
                "  trigger_event,effective_time,alert_id,retracted,explanation",
                "",
                "--db reads " + CohortDatabase.COURSES + " (course_id, course) and",
                CohortDatabase.EVENTS + " (event_id, received_at, event). The",
                "password comes from PGPASSWORD, never from the command line.",
                "",
                "Example:",
                "  toxwatch replay --courses courses.json --events graded.ndjson \\",
                "                  --overrides site-overrides.yaml --out changes.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the replay ran; the report says whether anything differs",
                "2:bad arguments, no changed rule set, a rule file that does not load, or input that cannot be read"
                        + " (the message names the file and line, or the table row); nothing written"})
public final class ReplayCommand implements Callable<Integer> {

    static final int CANNOT_RUN = 2;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Cohort (files or database):%n")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false, multiplicity = "1")
        FilePair files;

        @Option(names = "--db", paramLabel = "JDBC-URL", required = true,
                description = "the advisor's database, jdbc:postgresql://host:port/db, instead of the two files")
        String database;
    }

    static final class FilePair {
        @Option(names = "--courses", paramLabel = "COURSES", required = true,
                description = "treatment-course.v1 messages: a JSON array or NDJSON")
        Path courses;

        @Option(names = "--events", paramLabel = "EVENTS", required = true,
                description = "graded-adverse-event.v1 messages as ae.graded.v1 carried them: NDJSON")
        Path events;
    }

    @Option(names = "--db-user", paramLabel = "USER", order = 15,
            description = "database user for --db (default: the URL's user parameter)")
    String databaseUser;

    @Option(names = "--overrides", paramLabel = "CHANGED.yaml", order = 10,
            description = "institution override file to try (the changed rule set)")
    Path overrides;

    @Option(names = "--catalog", paramLabel = "CHANGED/catalog.yaml", order = 11,
            description = "changed rule catalog: its index file, rule files beside it")
    Path catalog;

    @Option(names = "--baseline-overrides", paramLabel = "CURRENT.yaml", order = 12,
            description = "the institution override file in force now")
    Path baselineOverrides;

    @Option(names = "--region", paramLabel = "REGION", order = 13,
            description = "deployment region for both rule sets: US, EU or JP (default: the catalog's or override file's)")
    String region;

    @Option(names = "--out", paramLabel = "REPORT.csv", order = 14,
            description = "also write the differing alerts as CSV (written whole or not at all)")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (overrides == null && catalog == null) {
            err.println("toxwatch replay: give --overrides and/or --catalog: the changed rule set to compare with the"
                    + " rules in force");
            err.print(spec.commandLine().getHelp().synopsis(0));
            err.println("Try 'toxwatch replay --help' for more information.");
            return CANNOT_RUN;
        }
        Region deployed;
        try {
            deployed = region == null ? null : Region.fromCode(region);
        } catch (IllegalArgumentException e) {
            err.println("toxwatch replay: unknown --region '" + region + "': use US, EU or JP");
            return CANNOT_RUN;
        }
        if (source.database != null && !source.database.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            err.println("toxwatch replay: --db takes a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not '"
                    + CohortDatabase.withoutPassword(source.database) + "'");
            return CANNOT_RUN;
        }
        try {
            RuleSet before = RuleSet.of(null, baselineOverrides, deployed);
            RuleSet after = RuleSet.of(catalog, overrides != null ? overrides : baselineOverrides, deployed);
            Cohort cohort = source.database != null
                    ? CohortDatabase.read(source.database, databaseUser, System.getenv("PGPASSWORD"))
                    : CohortFiles.read(source.files.courses, source.files.events);

            List<ReplayedAlert> was = new CohortReplay(before).replay(cohort);
            List<ReplayedAlert> now = new CohortReplay(after).replay(cohort);
            ReplayComparison comparison = ReplayComparison.of(was, now);

            if (out != null) {
                writeAtomically(out, comparison);
            }
            ReplayReport.print(spec.commandLine().getOut(), cohort, before, after, comparison);
            err.println("toxwatch replay: " + summary(cohort, comparison) + (out == null ? "" : " -> " + out));
            return 0;
        } catch (UnreadableInputException e) {
            err.println("toxwatch replay: cannot read " + e.getMessage());
            return CANNOT_RUN;
        } catch (IOException e) {
            err.println("toxwatch replay: cannot write " + out + ": " + e);
            return CANNOT_RUN;
        }
    }

    private static String summary(Cohort cohort, ReplayComparison comparison) {
        var text = new StringBuilder().append(cohort.courses().size()).append(" courses, ")
                .append(cohort.eventCount()).append(" graded events replayed");
        if (cohort.withoutCourseCount() > 0) {
            text.append(" (").append(cohort.withoutCourseCount()).append(" of no known course, skipped)");
        }
        if (cohort.redeliveredCount() > 0) {
            text.append(", ").append(cohort.redeliveredCount()).append(" repeated deliveries ignored");
        }
        return text.append("; ").append(comparison.pagesBefore()).append(" alerts before, ")
                .append(comparison.pagesAfter()).append(" after: ")
                .append(comparison.count(ReplayComparison.Change.APPEARED)).append(" appeared, ")
                .append(comparison.count(ReplayComparison.Change.DISAPPEARED)).append(" disappeared").toString();
    }

    /** Beside the target, then moved into place: a failed run never leaves a report that looks complete. */
    private static void writeAtomically(Path target, ReplayComparison comparison) throws IOException {
        StringWriter csv = new StringWriter();
        AlertChangesCsv.write(csv, comparison.changes());
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("no such directory: " + directory);
        }
        Path partial = Files.createTempFile(directory, "." + absolute.getFileName() + "-", ".partial");
        try {
            Files.writeString(partial, csv.toString(), StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
