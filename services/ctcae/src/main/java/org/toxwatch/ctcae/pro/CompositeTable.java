package org.toxwatch.ctcae.pro;

import java.util.List;

/**
 * The composite grades of every answer combination for items with one set of attributes (FS: frequency and
 * severity, as Nausea has).
 *
 * @param verified whether the rows were checked against the source's own table
 * @param source   where the rows come from; null means the file's source
 */
public record CompositeTable(String id, List<ProCtcaeAttribute> attributes, boolean verified, String source,
                             List<CompositeRow> rows) {

    public CompositeTable {
        attributes = List.copyOf(attributes);
        rows = List.copyOf(rows);
    }
}
