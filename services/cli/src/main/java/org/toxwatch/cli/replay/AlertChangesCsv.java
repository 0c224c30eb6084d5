package org.toxwatch.cli.replay;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.toxwatch.cli.replay.ReplayComparison.AlertChange;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code --out}: the pages that would appear or disappear, one row each. The header is a product contract
 * (services/cli/README.md): columns are only ever added at the end.
 */
final class AlertChangesCsv {

    static final List<String> COLUMNS = List.of("change", "patient", "course", "cycle", "drug", "decision", "action",
            "rule", "trigger_event", "effective_time", "alert_id", "retracted", "explanation");

    private AlertChangesCsv() {
    }

    static void write(Writer writer, List<AlertChange> changes) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(writer, format)) {
            for (AlertChange change : changes) {
                ReplayedAlert alert = change.alert();
                csv.printRecord(change.change().name(), alert.patientId(), alert.courseId(),
                        alert.cycle() == null ? "" : alert.cycle(), alert.drug(), alert.decision().name(), alert.action(),
                        alert.rule(), alert.trigger(), alert.effectiveTime(), alert.alertId(), alert.retracted(),
                        alert.explanation() == null ? "" : alert.explanation());
            }
        }
    }
}
