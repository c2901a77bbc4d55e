package com.customerarchive.query.pass;

/**
 * Where a writer writes: the tables that serve reads, or the new ones a rebuild fills beside them
 * ({@code <table>_rebuild}) until they are swapped in. A rebuild's tables are fresh: no one else writes them and
 * they hold no row of the events still to come; they are empty when the rebuild starts (not when it resumes).
 */
public record Tables(String suffix, boolean fresh, boolean empty) {

    public static final Tables LIVE = new Tables("", false, false);
    public static final Tables REBUILD = new Tables("_rebuild", true, true);
    public static final Tables RESUMED_REBUILD = new Tables("_rebuild", true, false);

    /** The physical name of one of a read model's tables (names are the read models' own constants). */
    public String of(String table) {
        return table + suffix;
    }
}
