package com.customerarchive.command.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Clients started at the same instant, each on a thread of its own; every answer collected, in the clients' order. */
public final class Together {

    public interface Client<T> {
        T run(int client) throws Exception;
    }

    private Together() {
    }

    public static <T> List<T> run(int clients, Client<T> client) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int number = i;
                Callable<T> task = () -> {
                    start.await();
                    return client.run(number);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
