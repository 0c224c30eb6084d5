package org.toxwatch.cli;

import org.toxwatch.cli.replay.ReplayCommand;
import org.toxwatch.ctcae.grading.CtcaeGrader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code toxwatch}: the command line of ToxWatch. Run through {@code bin/toxwatch}. */
@Command(name = "toxwatch",
        mixinStandardHelpOptions = true,
        versionProvider = ToxwatchCommand.Version.class,
        subcommands = {GradeCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class},
        description = {
                "CTCAE adverse-event grading of oncology lab results (ToxWatch), and",
                "what-if replay of dose rule changes over a cohort's graded events.",
                "Not clinical advice: a result that cannot be graded says NOT_GRADABLE and why, never grade 0."},
        footer = {"", "Example:", "  toxwatch grade --in labs.csv --out graded.csv --ctcae 5.0",
                "  toxwatch grade --fhir bundle.json > graded.ndjson",
                "  toxwatch replay --courses courses.json --events graded.ndjson \\",
                "                  --overrides site-overrides.yaml"})
public final class ToxwatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /** Runs the CLI in this JVM with the given streams and returns its exit code; main and the tests share it. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        // HAPI FHIR logs through SLF4J; at info it would chatter on stderr about every context it builds
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        CommandLine cli = new CommandLine(new ToxwatchCommand());
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ToxwatchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"toxwatch " + (version == null ? "(development build)" : version),
                    "CTCAE versions: " + String.join(", ", CtcaeGrader.knownVersions())};
        }
    }
}
