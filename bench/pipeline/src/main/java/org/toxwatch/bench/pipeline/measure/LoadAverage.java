package org.toxwatch.bench.pipeline.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages from /proc/loadavg: how busy the shared machine was around a measurement. */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** The whole line: 1, 5 and 15 minute averages, running/total tasks, last pid. */
    public static String line() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unavailable";
        }
    }

    public static double oneMinute() {
        try {
            return Double.parseDouble(line().split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
