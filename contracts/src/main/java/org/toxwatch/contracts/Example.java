package org.toxwatch.contracts;

/**
 * One example message from {@code contracts/examples/}.
 *
 * @param schemaName the schema it belongs to, e.g. {@code fhir-observation.v1}
 * @param fileName   e.g. {@code anc-per-microliter.json}
 * @param text       the file content, exactly as stored (rejected inputs may not be JSON)
 * @param why        empty for valid examples; for invalid ones the reason told by the file name
 *                   ({@code missing-effective-time.json} gives "missing effective time"); for rejected ones the reason
 *                   code the service must put first in its {@code dead-letter-reason}, e.g. {@code UNKNOWN_CODE}
 */
public record Example(String schemaName, String fileName, String text, String why) {

    @Override
    public String toString() {
        return schemaName + "/" + fileName;
    }
}
