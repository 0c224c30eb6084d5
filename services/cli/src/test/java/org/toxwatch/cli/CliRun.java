package org.toxwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI, through the same entry point as {@code main}, with its streams captured. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ToxwatchCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
