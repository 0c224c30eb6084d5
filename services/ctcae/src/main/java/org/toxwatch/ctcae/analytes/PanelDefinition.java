package org.toxwatch.ctcae.analytes;

import java.util.List;
import java.util.Objects;

/**
 * A LOINC panel whose result arrives as components, each an analyte of its own; e.g. the blood-pressure panel
 * 85354-9 carries SYSTOLIC_BP and DIASTOLIC_BP.
 */
public record PanelDefinition(String id, String displayName, List<String> loincCodes,
                              List<String> componentAnalyteIds) {

    public PanelDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        loincCodes = List.copyOf(loincCodes);
        componentAnalyteIds = List.copyOf(componentAnalyteIds);
    }
}
