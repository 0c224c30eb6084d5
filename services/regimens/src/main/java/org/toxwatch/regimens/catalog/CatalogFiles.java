package org.toxwatch.regimens.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * The shapes of the YAML files as written, bound only after the JSON Schema accepted them. Kept apart from the domain
 * types so the file format can grow (issue #4) without touching the rule engine's records.
 */
final class CatalogFiles {

    private CatalogFiles() {
    }

    record IndexFile(
            String catalog,
            String version,
            String ctcaeVersion,
            String calendarZone,
            List<String> ctcaeTerms,
            List<String> files) {
    }

    record RegimenFile(
            String drug,
            String name,
            int version,
            List<AliasFile> aliases,
            List<LadderFile> ladders,
            List<RuleFile> rules) {
    }

    record AliasFile(String drug, boolean classInference, String note) {
    }

    record IntervalFile(BigDecimal above, BigDecimal atLeast, BigDecimal below, BigDecimal atMost) {
    }

    record ValueFile(BigDecimal above, BigDecimal atLeast, BigDecimal below, BigDecimal atMost, String unit) {
    }

    record GradeFile(int min, int max) {
    }

    record LadderFile(
            String id,
            String setting,
            IntervalFile bodyWeightKg,
            List<String> levels,
            String afterLastLevel,
            String source,
            int csvLine) {
    }

    record TriggerFile(
            GradeFile grade,
            ValueFile value,
            IntervalFile ulnMultiple,
            IntervalFile baselineUlnMultiple,
            String liverStatus,
            Integer preCycleDays) {
    }

    record RuleFile(
            String id,
            String text,
            List<String> terms,
            TriggerFile trigger,
            String action,
            String occurrence,
            String requiresConfirmation,
            String resumeWhen,
            String doseChange,
            String note,
            String source,
            String sourceKind,
            boolean verified,
            int csvLine) {
    }
}
