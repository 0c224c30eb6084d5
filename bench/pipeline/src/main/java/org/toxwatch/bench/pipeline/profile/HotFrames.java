package org.toxwatch.bench.pipeline.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went, from its flight recording: JFR's execution samples (Java threads running Java code,
 * every 10 ms with settings=profile) within a time window, aggregated four ways - the top frame of each sample
 * (self time), the first org.toxwatch frame from the top (our code that ran or called what ran), every org.toxwatch
 * method on the stack (inclusive), and the sampled thread - plus garbage-collection pauses in the window.
 * JDK 17's jfr tool has no hot-methods view, hence this.
 */
public final class HotFrames {

    private static final String OUR_CODE = "org.toxwatch.";

    private HotFrames() {
    }

    public record Report(String text, List<Map.Entry<String, Long>> topSelf, List<Map.Entry<String, Long>> topOurs, long samples) {
    }

    public static Report of(Path recording, Instant from, Instant to, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        Map<String, Long> oursInclusive = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> nativeSelf = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gcCount++;
                    gcPause = gcPause.plus(event.getDuration());
                    continue;
                }
                boolean execution = type.equals("jdk.ExecutionSample");
                if (!execution && !type.equals("jdk.NativeMethodSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                if (!execution) {
                    nativeSamples++;
                    nativeSelf.merge(frame(frames.get(0)), 1L, Long::sum);
                    continue;
                }
                samples++;
                self.merge(frame(frames.get(0)), 1L, Long::sum);
                RecordedThread thread = event.getThread("sampledThread");
                threads.merge(thread == null ? "?" : threadGroupName(thread.getJavaName()), 1L, Long::sum);
                boolean firstOurs = true;
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : frames) {
                    if (frame.getMethod() == null || !frame.getMethod().getType().getName().startsWith(OUR_CODE)) {
                        continue;
                    }
                    String name = method(frame);
                    if (firstOurs) {
                        ours.merge(name, 1L, Long::sum);
                        firstOurs = false;
                    }
                    if (seen.add(name)) {
                        oursInclusive.merge(name, 1L, Long::sum);
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s%nwindow %s .. %s: %,d execution samples (Java code on CPU), %,d native-method samples "
                + "(threads in native code, mostly waiting on sockets); %,d garbage collections, %.2f s in GC%n", recording,
                from, to, samples, nativeSamples, gcCount, gcPause.toNanos() / 1e9));
        List<Map.Entry<String, Long>> topSelf = top(self, top);
        List<Map.Entry<String, Long>> topOurs = top(ours, top);
        section(text, "Top " + top + " frames overall (self: the method on CPU)", topSelf, samples);
        section(text, "Top " + top + " org.toxwatch frames (the first of our frames from the top: our code on CPU or calling "
                + "what is)", topOurs, samples);
        section(text, "Top " + top + " org.toxwatch methods, inclusive (on the stack)", top(oursInclusive, top), samples);
        section(text, "Samples per thread (numbered threads folded)", top(threads, top), samples);
        section(text, "Top " + top + " native-method frames", top(nativeSelf, top), nativeSamples);
        return new Report(text.toString(), topSelf, topOurs, samples);
    }

    private static void section(StringBuilder text, String title, List<Map.Entry<String, Long>> entries, long total) {
        text.append(System.lineSeparator()).append(title).append(System.lineSeparator());
        for (var entry : entries) {
            text.append(String.format("  %6.2f %%  %7d  %s%n", 100.0 * entry.getValue() / Math.max(1, total), entry.getValue(),
                    entry.getKey()));
        }
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top).toList();
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : method(frame) + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** "vert.x-eventloop-thread-3" and "vert.x-eventloop-thread-1" are one kind of thread. */
    private static String threadGroupName(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }
}
