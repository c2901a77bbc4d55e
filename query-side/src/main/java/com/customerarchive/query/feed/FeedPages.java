package com.customerarchive.query.feed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Pages of the feed, rendered as CloudEvents once and shared by the live subscribers that read the same positions
 * (twenty integrators catching up from position 0 read each page from the database once, not twenty times). A
 * bounded number of full pages is kept, the least recently read giving way; a page at the head, not full yet, is
 * shared only by those who ask for it at the same moment. Dropped whenever entries already written change how they
 * read (consent, erasure).
 */
@Component
class FeedPages {

    private final FeedRepository feed;
    private final Map<Long, CompletableFuture<Page>> pages;

    /**
     * @param kept full pages kept ({@code archive.feed.shared-pages}, default 40: 40 × {@link FeedSubscriptions#PAGE}
     *             entries, some 15 MiB of JSON); 0 shares only the reads under way
     */
    FeedPages(FeedRepository feed, @Value("${archive.feed.shared-pages:40}") int kept) {
        this.feed = feed;
        this.pages = new LinkedHashMap<>(Math.max(16, kept * 2), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, CompletableFuture<Page>> eldest) {
                return size() > kept;
            }
        };
    }

    /**
     * Entries in position order, with their Server-Sent Events frames written out once ({@code id}, {@code event},
     * {@code data}: what a subscriber sends as one write).
     */
    record Page(List<FeedRepository.Entry> entries, String frames) {

        static Page of(List<FeedRepository.Entry> entries) {
            StringBuilder frames = new StringBuilder(entries.size() * 800);
            for (FeedRepository.Entry entry : entries) {
                frames.append("id:").append(entry.position()).append("\nevent:").append(entry.type())
                        .append("\ndata:").append(entry.cloudEvent()).append("\n\n");
            }
            return new Page(entries, frames.toString());
        }
    }

    /** Up to {@code size} entries after {@code after}, in position order. */
    Page page(long after, int size) {
        CompletableFuture<Page> page;
        boolean mine = false;
        synchronized (pages) {
            page = pages.get(after);
            if (page == null || page.isCompletedExceptionally()) {
                page = new CompletableFuture<>();
                pages.put(after, page);
                mine = true;
            }
        }
        if (!mine) {
            return page.join();
        }
        try {
            Page read = Page.of(feed.page(after, size, null, null));
            page.complete(read);
            if (read.entries().size() < size) {
                // the head: more entries will follow, so the next reader reads again
                forget(after, page);
            }
            return read;
        } catch (RuntimeException failed) {
            page.completeExceptionally(failed);
            forget(after, page);
            throw failed;
        }
    }

    void clear() {
        synchronized (pages) {
            pages.clear();
        }
    }

    private void forget(long after, CompletableFuture<Page> page) {
        synchronized (pages) {
            pages.remove(after, page);
        }
    }
}
