package org.toxwatch.testsupport.hostile;

import java.security.SecureRandom;

/** The seed of a hostile-input run: {@code -Dtoxwatch.hostile.seed=N} repeats a run, otherwise a fresh one is drawn. */
public final class HostileSeed {

    public static final String PROPERTY = "toxwatch.hostile.seed";

    private HostileSeed() {
    }

    /** The seed for this run, printed with how to repeat it. */
    public static long forRun(String entryPoint) {
        long seed = Long.getLong(PROPERTY, new SecureRandom().nextLong());
        System.out.println("Hostile input (" + entryPoint + "): seed " + seed + "; repeat with -D" + PROPERTY + "=" + seed);
        return seed;
    }
}
