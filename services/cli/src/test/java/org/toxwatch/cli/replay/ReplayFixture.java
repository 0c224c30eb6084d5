package org.toxwatch.cli.replay;

import org.toxwatch.cli.CliRun;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The replay cohort under src/test/resources/replay: three courses and their graded events.
 * <ul>
 *   <li>p-101, HAIC-FOLFOX + lenvatinib: platelets 85 x10^9/L two days before cycle 2, then 120 on cycle 2 day 2;</li>
 *   <li>p-102, HAIC-FOLFOX: platelets 70 two days before cycle 2, then 80, then 110;</li>
 *   <li>p-103, lenvatinib + sintilimab: grade 3 hypertension, later grade 2; a NOT_GRADABLE ALT; a grade 3 AST
 *       corrected to grade 1 by an event whose id sorts before the original's;</li>
 *   <li>one event of a patient without a course.</li>
 * </ul>
 * {@code site-precycle-platelets-100.yaml} replaces both HAIC pre-cycle platelet minimums (label 75, protocol 60) with
 * a site minimum of 100.
 */
final class ReplayFixture {

    static final Path COURSES = resource("courses.json");
    static final Path EVENTS = resource("events.ndjson");
    static final Path SITE_PLATELETS_100 = resource("site-precycle-platelets-100.yaml");

    static final String OXALIPLATIN_PLATELETS = "haic-folfox-oxaliplatin-precycle-platelets";
    static final String SITE_RULE = "site-haic-precycle-platelets-100";

    // events of the fixture (name-based ids, see events.ndjson)
    static final String P101_PLATELETS_85 = "e45abc30-c278-52ef-8413-ee0b5d003bd4";
    static final String P101_PLATELETS_120 = "9b44b579-338e-5f14-97ea-e52dd3106c78";
    static final String P102_PLATELETS_70 = "7644889d-9d75-519a-99b2-7dc39a4db854";
    static final String P102_PLATELETS_80 = "e0cd3aec-f9d4-5edc-b125-02dbcb3e9ce5";
    static final String P102_PLATELETS_110 = "b090f80e-6ed7-52b1-a591-7504c11c608a";
    static final String P103_AST_GRADE_3 = "5fa0f5db-1e0d-5880-bf78-33a23d8a1bc1";
    static final String P103_AST_CORRECTED = "1f700de9-cdb6-5943-8726-4002bf7ea041";

    private ReplayFixture() {
    }

    private static Path resource(String name) {
        try {
            return Path.of(ReplayFixture.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of the --out CSV, reduced to what identifies a change. */
    record Change(String change, String course, String cycle, String decision, String action, String rule,
            String trigger) {
        @Override
        public String toString() {
            return String.join(" ", change, course, "c" + cycle, decision, action, rule, trigger);
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file))).getRecords();
    }

    static List<Change> changes(Path csvFile) throws IOException {
        var changes = new ArrayList<Change>();
        for (CSVRecord row : csv(csvFile)) {
            changes.add(new Change(row.get("change"), row.get("course"), row.get("cycle"), row.get("decision"),
                    row.get("action"), row.get("rule"), row.get("trigger_event")));
        }
        return changes;
    }

    /** Per rule: before, after, appeared, disappeared, as the stdout table prints them. */
    static Map<String, List<Integer>> ruleTable(CliRun run) {
        var table = new LinkedHashMap<String, List<Integer>>();
        Pattern row = Pattern.compile("^(\\S+)\\s.*?\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");
        boolean inTable = false;
        for (String line : run.out().split("\\R")) {
            if (line.startsWith("rule ")) {
                inTable = true;
                continue;
            }
            if (inTable && line.isBlank()) {
                break;
            }
            Matcher m = row.matcher(line);
            if (inTable && m.matches()) {
                table.put(m.group(1), List.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
            }
        }
        return table;
    }
}
