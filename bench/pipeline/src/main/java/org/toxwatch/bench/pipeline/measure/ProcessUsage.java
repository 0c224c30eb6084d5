package org.toxwatch.bench.pipeline.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time and peak memory of a process from Linux's /proc: {@code utime + stime} of /proc/PID/stat (in clock ticks,
 * 1/100 s on Linux) and {@code VmHWM} of /proc/PID/status (the peak resident set since the process started).
 */
public final class ProcessUsage {

    /** USER_HZ: Linux reports process times in 1/100 s whatever the kernel's own tick rate. */
    public static final int TICKS_PER_SECOND = 100;

    private ProcessUsage() {
    }

    /** CPU ticks the process has used so far (user + system), or empty when it is gone. */
    public static Optional<Long> cpuTicks(long pid) {
        return stat(pid).map(fields -> Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    /** CPU ticks of the children the process has waited for (cutime + cstime): where exited backends' time goes. */
    public static Optional<Long> childrenCpuTicks(long pid) {
        return stat(pid).map(fields -> Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
    }

    /** Peak resident set size in KiB (VmHWM), or empty when the process is gone. */
    public static Optional<Long> peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** The current resident set in KiB (VmRSS). */
    public static Optional<Long> rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** The command line, arguments separated by spaces; empty when the process is gone. */
    public static Optional<String> commandLine(long pid) {
        try {
            return Optional.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ')
                    .trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Processes of a user (by numeric uid) whose command line passes {@code test}. */
    public static List<Long> processesOf(int uid, java.util.function.Predicate<String> test) {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (ownerUid(pid).orElse(-1) == uid && commandLine(pid).map(test::test).orElse(false)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list /proc", e);
        }
        return pids;
    }

    /** The uid of a user name from /etc/passwd, or empty. */
    public static Optional<Integer> uidOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 2 && fields[0].equals(user)) {
                    return Optional.of(Integer.parseInt(fields[2]));
                }
            }
        } catch (IOException e) {
            // no passwd: no such user
        }
        return Optional.empty();
    }

    private static Optional<Integer> ownerUid(long pid) {
        return statusLine(pid, "Uid:").map(line -> Integer.parseInt(line.trim().split("\\s+")[1]));
    }

    /**
     * The fields of /proc/PID/stat from the state on (the command name before it may hold spaces): proc(5)'s field n is
     * at index n - 3, so utime (14) is at 11, stime at 12, cutime at 13, cstime at 14.
     */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> statusField(long pid, String field) {
        return statusLine(pid, field).map(line -> Long.parseLong(line.trim().split("\\s+")[0]));
    }

    private static Optional<String> statusLine(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Optional.of(line.substring(field.length()));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
