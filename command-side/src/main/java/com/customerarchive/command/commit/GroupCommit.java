package com.customerarchive.command.commit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.ConnectionHandle;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Group commit: the units of work of commands written at the same time share one database transaction, one commit and
 * one flush of the log, and each command is acknowledged only after that commit.
 * <p>
 * A command takes its turn on the open batch's connection when it first touches the database (for a customer held in
 * memory, when its events are stored), so the customer's lock is taken before the turn and never waited for while the
 * turn is held. Its work runs under a savepoint of its own: a command that fails (a version conflict, a refusal) rolls
 * back to it and fails alone. When it is done it gives the turn back, and the batch commits when no other command of
 * the group is on its way (a lone write commits at once), when it holds {@code maxBatch} commands, or when it is
 * {@code maxWait} old (a command waiting for its batch commits it then); the next command opens the next batch on
 * another connection meanwhile. A batch known not to be stored (the database refused its commit, or its connection
 * failed before it) fails its commands with {@link BatchFailedException}, and
 * {@link com.customerarchive.command.web.CommandSender} sends each of them once more {@link #alone(Supplier) alone}, in
 * a transaction of its own, so one bad command never fails the others. A commit that did not answer (its connection
 * lost while committing, no answer within {@code commitTimeout}) may have stored its commands: they are not sent again
 * but answered 503, nothing acknowledged.
 * <p>
 * A command sent inside a Spring transaction (a registration with its duplicate check, a merge, a handover) joins that
 * transaction as before and commits with it.
 */
public final class GroupCommit implements TransactionManager {

    private static final ThreadLocal<Boolean> ALONE = new ThreadLocal<>();

    private final DataSource dataSource;
    private final TransactionManager alone;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Duration commitTimeout;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final DistributionSummary batchSizes;
    private final Counter failedCommands;
    /** Commands of this group begun and not yet done with the database: a batch waits for them, up to maxWait. */
    private final AtomicInteger active = new AtomicInteger();
    /** The batch commands join now; changed holding {@link #turn}. */
    private volatile Batch open;

    /** Thrown to the commands of a batch whose commit failed: nothing of theirs was stored. */
    public static final class BatchFailedException extends TransactionSystemException {
        BatchFailedException(Throwable cause) {
            super("the group commit holding this command failed; nothing of it was stored", cause);
        }
    }

    private static final class Batch {
        final Connection connection;
        final long openedAt = System.nanoTime();
        final CompletableFuture<Void> committed = new CompletableFuture<>();
        int commands;
        boolean broken;

        Batch(Connection connection) {
            this.connection = connection;
        }
    }

    public GroupCommit(DataSource dataSource, TransactionManager alone, int maxBatch, Duration maxWait,
                       Duration commitTimeout,
                MeterRegistry meters) {
        this.dataSource = dataSource;
        this.alone = alone;
        this.maxBatch = Math.max(1, maxBatch);
        this.maxWaitNanos = maxWait.toNanos();
        this.commitTimeout = commitTimeout;
        this.batchSizes = DistributionSummary.builder("archive.writes.batch.commands")
                .description("Commands stored by each group commit").register(meters);
        this.failedCommands = Counter.builder("archive.writes.batch.failed.commands")
                .description("Commands of group commits that failed, each sent again alone").register(meters);
    }

    /** Runs {@code work} (the sending of a command) with its own transaction, outside any group. */
    public static <R> R alone(Supplier<R> work) {
        Boolean before = ALONE.get();
        ALONE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ALONE.remove();
            }
        }
    }

    @Override
    public Transaction startTransaction() {
        if (ALONE.get() != null || TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(dataSource)) {
            return alone.startTransaction();
        }
        Member member = new Member();
        active.incrementAndGet();
        TransactionSynchronizationManager.bindResource(dataSource, member.holder);
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        return member;
    }

    /**
     * Decides, holding the turn, whether the open batch commits now: when no other command of the group is still on its
     * way (the usual end of a burst), when it is full, or when it is {@code maxWait} old and nobody waits for the turn
     * (those who do join it first). If so it is no longer open.
     */
    private Batch closeIfDue() {
        Batch batch = open;
        if (batch == null) {
            return null;
        }
        // nobody else on the way: committed, or (nothing in it) its connection given back
        boolean due = batch.broken || active.get() == 0 || batch.commands > 0 && (batch.commands >= maxBatch
                || !turn.hasQueuedThreads() && System.nanoTime() - batch.openedAt >= maxWaitNanos);
        if (!due) {
            return null;
        }
        open = null;
        return batch;
    }

    /** Closes the open batch if it is due, taking the turn to decide (a command that ends without having held it). */
    private void closeIfDueFromOutside() {
        if (open == null) {
            return;
        }
        Batch due;
        turn.lock();
        try {
            due = closeIfDue();
        } finally {
            turn.unlock();
        }
        finish(due);
    }

    /** Waits for the batch's commit; past its deadline, commits it itself if it is still open. */
    private void awaitCommit(Batch batch) throws ExecutionException, TimeoutException, InterruptedException {
        long remaining = batch.openedAt + maxWaitNanos - System.nanoTime();
        if (remaining > 0) {
            try {
                batch.committed.get(remaining, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException due) {
                // past its deadline: the first to notice commits it
            }
        }
        if (open == batch) {
            Batch mine = null;
            turn.lock();
            try {
                if (open == batch) {
                    open = null;
                    mine = batch;
                }
            } finally {
                turn.unlock();
            }
            finish(mine);
        }
        batch.committed.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(Batch batch) {
        if (batch == null) {
            return;
        }
        if (batch.broken || batch.commands == 0) {
            // never committed: nothing of it is stored, whether the roll-back reaches the server or the connection died
            try {
                batch.connection.rollback();
            } catch (SQLException ignored) {
                // the server rolls back what a lost connection left open
            }
            if (batch.commands > 0) {
                failedCommands.increment(batch.commands);
                batch.committed.completeExceptionally(new NotStored(
                        new SQLException("the batch's connection failed before its commit")));
            } else {
                batch.committed.complete(null);
            }
            close(batch);
            return;
        }
        try {
            batch.connection.commit();
            batchSizes.record(batch.commands);
            batch.committed.complete(null);
        } catch (SQLException | RuntimeException failure) {
            failedCommands.increment(batch.commands);
            try {
                batch.connection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the pool drops it
            }
            // the server refused the commit (a deferred check): nothing stored; the connection lost while committing:
            // the outcome is unknown
            batch.committed.completeExceptionally(refused(failure) ? new NotStored(failure) : failure);
        } finally {
            close(batch);
        }
    }

    private static void close(Batch batch) {
        try {
            batch.connection.close();
        } catch (SQLException ignored) {
            // returned or dropped by the pool either way
        }
    }

    /** A failure the server answered with an error of its own (not a lost connection): the commit did not happen. */
    private static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The batch is known not to be stored. */
    private static final class NotStored extends RuntimeException {
        NotStored(Throwable cause) {
            super(cause);
        }
    }

    /** One command's part of a batch: Axon's transaction for its unit of work, and its connection when it asks. */
    private final class Member implements Transaction, ConnectionHandle {
        final Holder holder = new Holder(this);
        Batch batch;
        Savepoint savepoint;
        Connection view;
        boolean ended;

        @Override
        public Connection getConnection() {
            if (view != null) {
                return view;
            }
            turn.lock();
            try {
                if (open == null) {
                    Connection connection = dataSource.getConnection();
                    try {
                        connection.setAutoCommit(false);
                    } catch (SQLException failure) {
                        connection.close();
                        throw failure;
                    }
                    open = new Batch(connection);
                }
                savepoint = open.connection.setSavepoint();
                batch = open;
                view = viewOf(batch.connection);
                return view;
            } catch (SQLException failure) {
                Batch due = null;
                if (open != null) {
                    open.broken = true;
                    due = closeIfDue();
                }
                turn.unlock();
                finish(due);
                throw new CannotGetJdbcConnectionException("no connection for the group commit", failure);
            }
        }

        @Override
        public void releaseConnection(Connection connection) {
            // the connection is the batch's; it stays with this command until the command ends
        }

        @Override
        public void commit() {
            List<TransactionSynchronization> synchronizations = end(true);
            if (synchronizations == null) {
                return;
            }
            if (batch == null) {
                leaveWithoutBatch();
                synchronizations.forEach(TransactionSynchronization::afterCommit);
                completed(synchronizations, TransactionSynchronization.STATUS_COMMITTED);
                return; // it wrote nothing
            }
            boolean rolledBack = holder.isRollbackOnly();
            leaveBatch(!rolledBack);
            if (rolledBack) {
                completed(synchronizations, TransactionSynchronization.STATUS_ROLLED_BACK);
                throw new UnexpectedRollbackException("the command's work was marked for roll-back");
            }
            try {
                awaitCommit(batch);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof NotStored notStored) {
                    completed(synchronizations, TransactionSynchronization.STATUS_ROLLED_BACK);
                    throw new BatchFailedException(notStored.getCause());
                }
                completed(synchronizations, TransactionSynchronization.STATUS_UNKNOWN);
                throw unknownOutcome(failed.getCause());
            } catch (TimeoutException failed) {
                completed(synchronizations, TransactionSynchronization.STATUS_UNKNOWN);
                throw unknownOutcome(failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                completed(synchronizations, TransactionSynchronization.STATUS_UNKNOWN);
                throw unknownOutcome(interrupted);
            }
            try {
                synchronizations.forEach(TransactionSynchronization::afterCommit);
            } finally {
                completed(synchronizations, TransactionSynchronization.STATUS_COMMITTED);
            }
        }

        /**
         * The command's commit did not answer (the connection lost while committing, no answer in time): it may be
         * stored or not, so it is not sent again; the client hears 503 (store-unavailable), nothing acknowledged.
         */
        private RuntimeException unknownOutcome(Throwable cause) {
            return new DataAccessResourceFailureException("the outcome of the group commit holding this command is "
                    + "unknown", cause);
        }

        @Override
        public void rollback() {
            List<TransactionSynchronization> synchronizations = end(false);
            if (synchronizations != null) {
                abandon();
                completed(synchronizations, TransactionSynchronization.STATUS_ROLLED_BACK);
            }
        }

        /**
         * Ends the command once (Axon may roll back a unit of work whose commit failed): hands the thread back and
         * answers what was registered to hear of the end; null when it had ended already. A synchronization that
         * fails here leaves the command's part rolled back.
         */
        private List<TransactionSynchronization> end(boolean committing) {
            if (ended) {
                return null;
            }
            ended = true;
            try {
                return leaveThread(committing);
            } catch (RuntimeException failed) {
                abandon();
                throw failed;
            }
        }

        /** Gives up the command's part: rolled back to its savepoint, the turn given back. */
        private void abandon() {
            if (batch != null) {
                leaveBatch(false);
            } else {
                leaveWithoutBatch();
            }
        }

        /** A command that never touched the database leaves: a batch may have waited for it. */
        private void leaveWithoutBatch() {
            active.decrementAndGet();
            closeIfDueFromOutside();
        }

        /**
         * Ends the command's part of its batch, holding the turn: kept (its savepoint released, one command more in
         * the batch) or rolled back to its savepoint; gives the turn back, and commits the batch if it is due (the
         * others' work too, if this one was the last they waited for).
         */
        private void leaveBatch(boolean kept) {
            Batch due;
            try {
                if (kept) {
                    batch.connection.releaseSavepoint(savepoint);
                    batch.commands++;
                } else {
                    batch.connection.rollback(savepoint);
                }
            } catch (SQLException failure) {
                batch.broken = true;
                if (kept) {
                    batch.commands++; // its batch fails, and with it this command: nothing of it is reported stored
                }
            } finally {
                active.decrementAndGet();
                due = closeIfDue();
                turn.unlock();
            }
            finish(due);
        }

        /** Hands the thread back as it was before the command; answers what was registered to hear of the end. */
        private List<TransactionSynchronization> leaveThread(boolean committing) {
            List<TransactionSynchronization> synchronizations =
                    TransactionSynchronizationManager.isSynchronizationActive()
                            ? TransactionSynchronizationManager.getSynchronizations() : List.of();
            try {
                if (committing && !holder.isRollbackOnly()) {
                    synchronizations.forEach(synchronization -> synchronization.beforeCommit(false));
                }
                synchronizations.forEach(TransactionSynchronization::beforeCompletion);
            } finally {
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.clearSynchronization();
                }
                TransactionSynchronizationManager.unbindResourceIfPossible(dataSource);
                TransactionSynchronizationManager.setActualTransactionActive(false);
            }
            return synchronizations;
        }

        private void completed(List<TransactionSynchronization> synchronizations, int status) {
            synchronizations.forEach(synchronization -> synchronization.afterCompletion(status));
        }
    }

    /** Spring's view of a command's transaction: active, its connection fetched when first asked for. */
    private static final class Holder extends ConnectionHolder {
        Holder(ConnectionHandle handle) {
            super(handle);
            setSynchronizedWithTransaction(true);
            setTransactionActive(true);
        }
    }

    /**
     * The batch's connection as a command sees it: its commits, roll-backs and closes are the batch's to make (Axon
     * and Spring would otherwise end the whole batch's transaction with one command's unit of work).
     */
    private static Connection viewOf(Connection connection) {
        return (Connection) Proxy.newProxyInstance(GroupCommit.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "commit", "close", "setAutoCommit" -> null;
                    case "rollback" -> {
                        if (arguments != null && arguments.length == 1) {
                            connection.rollback((Savepoint) arguments[0]);
                        }
                        yield null;
                    }
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "group commit view of " + connection;
                    default -> {
                        try {
                            yield method.invoke(connection, arguments);
                        } catch (InvocationTargetException thrown) {
                            throw thrown.getCause();
                        }
                    }
                });
    }
}
