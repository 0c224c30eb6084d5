package org.toxwatch.ctcae.pro;

import java.util.List;

/** The shape of {@code ctcae/pro-ctcae-composite.yaml}. */
record CompositeFile(String version, String recallPeriod, String source, List<ProCtcaeItem> items,
                     List<CompositeTable> tables) {
}
