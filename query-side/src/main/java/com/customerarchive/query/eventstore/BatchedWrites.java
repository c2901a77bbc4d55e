package com.customerarchive.query.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A projection's writes, held back until its processor commits the batch of events they came from, then sent
 * in order, each run of the same statement as one JDBC batch: one round trip for a hundred rows instead of a
 * hundred. Statements run in the order they were queued, so a later one sees what an earlier one wrote; the
 * token is stored in the same transaction, after them. Outside an event processor's unit of work a statement
 * runs at once.
 */
@Component
public class BatchedWrites {

    private final NamedParameterJdbcTemplate jdbc;

    BatchedWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement to queue; bind its parameters, then {@link Statement#queue()}. */
    public Statement sql(String sql) {
        return new Statement(sql);
    }

    /**
     * State kept for the rest of the batch (a projection's rows it will write once), created on first use and
     * handed to {@code flush} when the batch commits, before the queued statements.
     */
    public <T> T perBatch(String key, Supplier<T> create, Consumer<T> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("perBatch needs an event processor's unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BatchedWrites.class.getName() + "." + key, name -> {
            T state = create.get();
            unitOfWork.onPrepareCommit(committing -> flush.accept(state));
            return state;
        });
    }

    /** Work to do at the batch's commit after the statements queued before it (a rewrite of rows they write). */
    public void then(Runnable action) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.run();
            return;
        }
        perBatch("queue", Queue::new, queue -> queue.flush(jdbc)).add(null, null, action);
    }

    public static boolean inBatch() {
        return CurrentUnitOfWork.isStarted();
    }

    public final class Statement {

        private final String sql;
        private final MapSqlParameterSource params = new MapSqlParameterSource();

        private Statement(String sql) {
            this.sql = sql;
        }

        public Statement param(String name, Object value) {
            params.addValue(name, value);
            return this;
        }

        public Statement params(Map<String, ?> values) {
            params.addValues(values);
            return this;
        }

        public void queue() {
            if (!CurrentUnitOfWork.isStarted()) {
                jdbc.update(sql, params);
                return;
            }
            perBatch("queue", Queue::new, queue -> queue.flush(jdbc)).add(sql, params, null);
        }
    }

    private static final class Queue {

        private final List<String> statements = new ArrayList<>();
        private final List<SqlParameterSource> parameters = new ArrayList<>();
        private final List<Runnable> actions = new ArrayList<>();

        void add(String sql, SqlParameterSource params, Runnable action) {
            statements.add(sql);
            parameters.add(params);
            actions.add(action);
        }

        void flush(NamedParameterJdbcTemplate jdbc) {
            int start = 0;
            while (start < statements.size()) {
                String sql = statements.get(start);
                if (sql == null) {
                    actions.get(start).run();
                    start++;
                    continue;
                }
                int end = start + 1;
                while (end < statements.size() && sql.equals(statements.get(end))) {
                    end++;
                }
                jdbc.batchUpdate(sql, parameters.subList(start, end).toArray(SqlParameterSource[]::new));
                start = end;
            }
            statements.clear();
            parameters.clear();
            actions.clear();
        }
    }
}
