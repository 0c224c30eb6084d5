package org.toxwatch.cli.replay;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for a terminal: columns padded to their widest cell, numbers right-aligned. */
final class TextTable {

    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header, boolean... numeric) {
        this.header = List.copyOf(header);
        this.numeric = new boolean[header.size()];
        System.arraycopy(numeric, 0, this.numeric, 0, Math.min(numeric.length, header.size()));
    }

    void add(List<String> row) {
        rows.add(List.copyOf(row));
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (List<String> row : withHeader()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : withHeader()) {
            var line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<List<String>> withHeader() {
        var all = new ArrayList<List<String>>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
