package org.toxwatch.ctcae.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.get("a"); // used: "b" is now the least recently used
        cache.put("d", 4);
        assertEquals(3, cache.size());
        assertNull(cache.get("b"));
        assertEquals(1, cache.get("a"));
        assertEquals(4, cache.get("d"));
    }

    @Test
    void aFailedComputationCachesNothing() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        assertThrows(IllegalArgumentException.class, () -> cache.computeIfAbsent("x", k -> {
            throw new IllegalArgumentException("not UCUM");
        }));
        assertEquals(0, cache.size());
        assertEquals(7, cache.computeIfAbsent("x", k -> 7));
        assertEquals(7, cache.computeIfAbsent("x", k -> 8));
    }
}
