package org.toxwatch.ctcae.units;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A least-recently-used cache of at most {@code capacity} entries. Unit spellings come from outside: a cache keyed by
 * them must not grow with every spelling a hostile or broken sender makes up, while the few dozen a ward's labs use
 * stay cached. Thread-safe; the value is computed outside the lock (UCUM calls take their own).
 */
final class BoundedCache<K, V> {

    private final int capacity;
    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    V get(K key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** The cached value, or {@code compute}'s, cached; an exception from {@code compute} is passed on, nothing cached. */
    V computeIfAbsent(K key, Function<K, V> compute) {
        V known = get(key);
        if (known != null) {
            return known;
        }
        V computed = compute.apply(key);
        if (computed != null) {
            synchronized (entries) {
                entries.putIfAbsent(key, computed);
            }
        }
        return computed;
    }

    void put(K key, V value) {
        synchronized (entries) {
            entries.putIfAbsent(key, value);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    int capacity() {
        return capacity;
    }
}
