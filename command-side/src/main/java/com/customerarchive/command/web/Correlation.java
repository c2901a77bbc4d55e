package com.customerarchive.command.web;

/**
 * The correlation id of work done outside a request (an import's rows under the import's id): the commands sent
 * while {@link #run} runs carry it, as a request's carry its X-Correlation-Id.
 */
public final class Correlation {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    public static void run(String correlationId, Runnable work) {
        String outer = CURRENT.get();
        CURRENT.set(correlationId);
        try {
            work.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    static String current() {
        return CURRENT.get();
    }
}
