package org.toxwatch.cli;

import org.junit.jupiter.api.Test;
import org.toxwatch.cli.csv.LabValuesCsv;
import org.toxwatch.ctcae.grading.CtcaeGrader;

import static org.assertj.core.api.Assertions.assertThat;

class ToxwatchCommandTest {

    @Test
    void topLevelHelpNamesTheGradeCommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: toxwatch").contains("grade").contains("NOT_GRADABLE");
    }

    @Test
    void gradeHelpDocumentsOptionsColumnsAndExitCodes() {
        CliRun run = CliRun.of("grade", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--in=IN.csv", "--fhir=BUNDLE.json", "--out=OUT", "--ctcae=VERSION",
                "id,term,ctcae_version,grade,status,explanation", "GRADED", "LOWER_BOUND", "NOT_GRADABLE",
                "Exit codes:");
        for (String column : LabValuesCsv.COLUMNS) {
            assertThat(run.out()).as("help documents input column %s", column).contains("  " + column);
        }
        // the version list comes from the engine, so it grows when v6.0 criteria ship
        for (String version : CtcaeGrader.knownVersions()) {
            assertThat(run.out()).contains(version);
        }
    }

    @Test
    void versionNamesTheCtcaeVersionsTheEngineKnows() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("CTCAE versions: " + String.join(", ", CtcaeGrader.knownVersions()));
    }

    @Test
    void noSubcommandShowsUsageAndExitsWithTwo() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: toxwatch");
    }

    @Test
    void gradeNeedsExactlyOneInput() {
        CliRun none = CliRun.of("grade");
        CliRun both = CliRun.of("grade", "--in", "a.csv", "--fhir", "b.json");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--in").contains("--fhir");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
