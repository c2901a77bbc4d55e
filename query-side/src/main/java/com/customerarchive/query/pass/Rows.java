package com.customerarchive.query.pass;

import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows of a keyed read-model table a writer holds: those it read (in one query per batch for the keys it does
 * not know), and those it changed since its last flush. Writing a fresh table (a rebuild's), it knows every row
 * until it first lets some go: keys it does not hold are then absent without a query. After a flush it keeps the
 * rows it used last, up to a limit.
 */
public final class Rows<K, V> {

    private final int limit;
    private final Map<K, V> held = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<K> absent = new HashSet<>();
    private final Map<K, V> changed = new LinkedHashMap<>();
    private boolean complete;

    /** @param limit rows held past a flush; @param tables where the rows live (a fresh table starts empty) */
    public Rows(int limit, Tables tables) {
        this.limit = limit;
        this.complete = tables.empty();
    }

    /** Makes sure the rows of these keys are held, reading those it does not know of with one call. */
    public void load(Collection<K> keys, Function<Collection<K>, Map<K, V>> reader) {
        if (complete) {
            return;
        }
        List<K> unknown = keys.stream().distinct().filter(key -> !held.containsKey(key) && !absent.contains(key)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<K, V> read = reader.apply(unknown);
        held.putAll(read);
        unknown.stream().filter(key -> !read.containsKey(key)).forEach(absent::add);
    }

    /** The row, or null when the table has none (load it first). */
    public V get(K key) {
        return held.get(key);
    }

    public void put(K key, V value) {
        held.put(key, value);
        absent.remove(key);
        changed.put(key, value);
    }

    /** The rows changed since the last flush, in the order they were first changed. */
    public Collection<V> changed() {
        return changed.values();
    }

    /** The changed rows are written. Past the limit, the half used longest ago is let go (read again when needed). */
    public void flushed() {
        changed.clear();
        absent.clear();
        if (held.size() <= limit) {
            return;
        }
        Iterator<K> oldest = held.keySet().iterator();
        for (int i = held.size() / 2; i > 0; i--) {
            oldest.next();
            oldest.remove();
        }
        complete = false;
    }
}
