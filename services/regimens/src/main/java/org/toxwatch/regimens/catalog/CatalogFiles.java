package org.toxwatch.regimens.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * The shapes of the YAML files, bound after schema validation. Kept apart from the rule engine's records so a file
 * format change does not reach the engine.
 */
final class CatalogFiles {

    private CatalogFiles() {
    }

    record IndexFile(
            String catalog,
            String version,
            String ctcaeVersion,
            String calendarZone,
            String region,
            List<String> ctcaeTerms,
            List<String> files) {
    }

    record RegimenFile(
            String drug,
            String name,
            int version,
            @com.fasterxml.jackson.annotation.JsonProperty("extends") String extendsDrug,
            List<List<String>> combination,
            String rulesGap,
            String ladderGap,
            List<DosingFile> dosing,
            List<AliasFile> aliases,
            List<LadderFile> ladders,
            List<FamilyFile> occurrenceFamilies,
            List<RuleFile> rules) {
    }

    record DosingFile(String text, String source, int csvLine) {
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

    record FamilyFile(String id, List<String> terms, GradeFile grades, ValueFile value, String note) {
    }

    record CompanionFile(List<String> terms, IntervalFile ulnMultiple, int withinHours) {
    }

    record TriggerFile(
            GradeFile grade,
            ValueFile value,
            IntervalFile ulnMultiple,
            IntervalFile baselineMultiple,
            IntervalFile baselineUlnMultiple,
            IntervalFile ulnMultipleCap,
            String liverStatus,
            Integer preCycleDays,
            Integer persistsMoreThanDays,
            CompanionFile together) {
    }

    record OccurrenceFile(String family, IntervalFile nth) {
    }

    record QualifierFile(String id, String text) {
    }

    record ResumeFile(String term, GradeAtMostFile grade, String analyte, ValueFile value, QualifierFile qualifier) {
    }

    record GradeAtMostFile(int atMost) {
    }

    record RuleFile(
            String id,
            String text,
            String component,
            List<String> terms,
            List<String> exceptTerms,
            TriggerFile trigger,
            String action,
            OccurrenceFile occurrence,
            String region,
            QualifierFile confirm,
            QualifierFile onlyIfConfirmed,
            QualifierFile unlessConfirmed,
            String resumeWhen,
            List<ResumeFile> resume,
            String doseChange,
            String note,
            String source,
            String sourceKind,
            boolean verified,
            Boolean hccSpecific,
            Boolean classInference,
            Integer csvLine) {
    }

    record OverridesFile(
            String overrides,
            String version,
            String institution,
            String region,
            List<OverrideRuleFile> rules) {
    }

    record OverrideRuleFile(String drug, List<String> replaces, String approvedBy, RuleFile rule) {
    }
}
