package org.toxwatch.testsupport.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of {@code /q/metrics} (Prometheus text format), summed the ways the hostile suites count. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            try {
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            } catch (NumberFormatException notASample) {
                // NaN gauges and the like: not counters
            }
        }
        return new PrometheusText(samples);
    }

    /** The sum of a metric's samples whose labels include {@code where}. */
    public long sum(String metric, Map<String, String> where) {
        return (long) samples.stream().filter(s -> s.name.equals(metric) && matches(s, where)).mapToDouble(Sample::value)
                .sum();
    }

    /** The samples of a metric whose labels include {@code where}, summed by the value of label {@code by}. */
    public Map<String, Long> sumBy(String metric, Map<String, String> where, String by) {
        Map<String, Long> sums = new TreeMap<>();
        samples.stream().filter(s -> s.name.equals(metric) && matches(s, where))
                .forEach(s -> sums.merge(String.valueOf(s.labels.get(by)), (long) s.value, Long::sum));
        return sums;
    }

    /** The samples of a metric whose labels {@code where} accepts, summed by the value of label {@code by}. */
    public Map<String, Long> sumBy(String metric, java.util.function.Predicate<Map<String, String>> where, String by) {
        Map<String, Long> sums = new TreeMap<>();
        samples.stream().filter(s -> s.name.equals(metric) && where.test(s.labels))
                .forEach(s -> sums.merge(String.valueOf(s.labels.get(by)), (long) s.value, Long::sum));
        return sums;
    }

    /** What changed from {@code before} to {@code after}, non-zero entries only. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((key, count) -> {
            long change = count - before.getOrDefault(key, 0L);
            if (change != 0) {
                delta.put(key, change);
            }
        });
        before.forEach((key, count) -> {
            if (!after.containsKey(key) && count != 0) {
                delta.put(key, -count);
            }
        });
        return delta;
    }

    private static boolean matches(Sample sample, Map<String, String> where) {
        return where.entrySet().stream().allMatch(e -> e.getValue().equals(sample.labels.get(e.getKey())));
    }
}
