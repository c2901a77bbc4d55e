package com.customerarchive.query.pass;

/**
 * Where a batch is written: the tables that serve reads, or the new ones a rebuild fills beside them
 * ({@code <table>_rebuild}) until they are swapped in.
 */
public record Tables(String suffix) {

    public static final Tables LIVE = new Tables("");
    public static final Tables REBUILD = new Tables("_rebuild");

    /** The physical name of one of a read model's tables (names are the read models' own constants). */
    public String of(String table) {
        return table + suffix;
    }
}
