package com.customerarchive.command.imports;

import com.customerarchive.command.admission.Admission;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.customer.OutOfScopeException;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.command.duplicate.Candidate;
import com.customerarchive.command.duplicate.DuplicateCheck;
import com.customerarchive.command.duplicate.IdentityKeys;
import com.customerarchive.command.duplicate.PossibleDuplicateException;
import com.customerarchive.command.web.Correlation;
import com.customerarchive.events.CustomerId;
import com.customerarchive.platform.security.Roles;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Customer imports (导入): a workbook or CSV file of customers checked row by row (every bad cell reported, possible
 * duplicates found, references imported before left alone) and, unless it is a dry run, registered as a job: each
 * accepted row through the same rules as {@code POST /api/customers}, under the importer's name and the job's id as
 * correlation id, in the transaction that notes its outcome. A job resumed after a crash (at the next start, on any
 * command-side) registers what is left; a customer's id is named by its row's external reference, so no row is
 * registered twice and a file imported again writes nothing new.
 */
@Service
public class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    private static final int PAGE = 500;

    /** A row the import leaves out because the archive may hold its customer already, or an earlier row does. */
    public record Duplicate(int row, String externalRef,
                            @Schema(description = "TAX_NUMBER, LICENCE_NUMBER, PHONE, NAME_IN_CITY") List<String> matchedOn,
                            List<Known> customers, List<Integer> rows) {
    }

    /** A customer the archive holds that a row may duplicate (its name is not repeated here). */
    public record Known(UUID id, String code) {
    }

    /**
     * What the check found on the customer sheet: {@code rows} read, {@code accepted} to be registered,
     * {@code rejected} rows with bad cells (every one in {@code errors}, with those of the other sheets),
     * {@code duplicates} left out, {@code alreadyImported} references registered by an earlier import; {@code sheets}
     * the same counts for the visit and purchase sheets, {@code ignoredSheets} the workbook's sheets not read.
     */
    public record Report(String format, String charset, int rows, int accepted, int rejected, int alreadyImported,
                         List<ImportRows.CellError> errors, List<Duplicate> duplicates, List<String> ignoredColumns,
                         List<SheetReport> sheets, List<String> ignoredSheets) {

        public Report {
            sheets = sheets == null ? List.of() : sheets;
            ignoredSheets = ignoredSheets == null ? List.of() : ignoredSheets;
        }
    }

    /**
     * A visit or purchase sheet: its rows, those to record, those with bad cells, those an earlier import recorded.
     */
    public record SheetReport(String sheet, @Schema(description = "VISITS or PURCHASES") String kind, int rows,
                              int accepted, int rejected, int alreadyImported, List<String> ignoredColumns) {
    }

    /**
     * A row the rules refused when it was registered or recorded, and the rule; {@code externalRef} is its customer's
     * on every sheet.
     */
    public record Refused(@Schema(description = "CUSTOMERS, VISITS or PURCHASES") String sheet, int row,
                          String externalRef, String rule) {
    }

    /**
     * Where a job stands: RUNNING until every accepted row has an outcome, then DONE; {@code ratePerSecond} is rows
     * done per second since it started.
     */
    public record Progress(int total, int done, int registered, int pending, double ratePerSecond, List<Refused> refused) {
    }

    public record Job(UUID importId, String state, String fileName, String requestedBy, Instant requestedAt,
                      Instant startedAt, Instant finishedAt, Report report, Progress progress) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final Admission admission;
    private final com.customerarchive.command.web.CommandSender commands;
    private final DuplicateCheck duplicates;
    private final OrgScopes scopes;
    private final Validator validator;
    private final ObjectMapper json;
    private final ImportProperties properties;
    private final TransactionTemplate transactions;
    private final BusinessZone zone;
    private final Clock clock;
    private final MessageSource messages;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import");
        thread.setDaemon(true);
        return thread;
    });

    Imports(JdbcClient jdbc, NamedParameterJdbcTemplate batches, Admission admission,
            com.customerarchive.command.web.CommandSender commands, DuplicateCheck duplicates, OrgScopes scopes,
            Validator validator, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, ImportProperties properties,
            TransactionTemplate transactions, BusinessZone zone, Clock clock, MessageSource messages) {
        this.commands = commands;
        this.messages = messages;
        this.jdbc = jdbc;
        this.batches = batches;
        this.admission = admission;
        this.duplicates = duplicates;
        this.scopes = scopes;
        this.validator = validator;
        this.json = json;
        this.properties = properties;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
    }

    /** The dry run: the report, nothing written. */
    public Report check(byte[] file, Authentication user) {
        return checked(file, user).report();
    }

    /** Checks the file and starts registering its accepted rows; answers the job as it stands. */
    public Job start(byte[] file, String fileName, Authentication user) {
        Checked checked = checked(file, user);
        UUID importId = UUID.randomUUID();
        String authorities = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.joining(","));
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO import_job (import_id, file_name, format, requested_by, authorities, requested_at,
                                                    state, report)
                            VALUES (:id, :file, :format, :user, :authorities, :at, 'RUNNING', CAST(:report AS jsonb))""")
                    .param("id", importId).param("file", fileName).param("format", checked.report().format())
                    .param("user", user.getName()).param("authorities", authorities)
                    .param("at", Timestamp.from(clock.instant())).param("report", write(checked.report())).update();
            // the accepted rows in batches: one round trip per batch, not per row
            List<SqlParameterSource> rows = new ArrayList<>();
            checked.toRegister().forEach(row -> rows.add(pending(importId, ImportColumn.Sheet.CUSTOMERS, row.row(),
                    row.registration().externalRef(), row.registration().customerId(), row.registration())));
            checked.toRecord().forEach((sheet, entries) -> entries.forEach(row -> rows.add(pending(importId, sheet,
                    row.row(), row.entry().customerRef(), row.entry().customerId(), row.entry()))));
            batches.batchUpdate("""
                            INSERT INTO import_row (import_id, sheet, row_no, external_ref, customer_id, registration)
                            VALUES (:id, :sheet, :row, :ref, :customer, CAST(:registration AS jsonb))""",
                    rows.toArray(SqlParameterSource[]::new));
        });
        worker.submit(() -> run(importId));
        return job(importId).orElseThrow();
    }

    /** A row of a sheet waiting in import_row: its customer's reference and id, what it registers or records. */
    private SqlParameterSource pending(UUID importId, ImportColumn.Sheet sheet, int row, String ref, UUID customer,
                                       Object payload) {
        return new MapSqlParameterSource().addValue("id", importId).addValue("sheet", sheet.code())
                .addValue("row", row).addValue("ref", ref).addValue("customer", customer)
                .addValue("registration", write(payload));
    }

    /** Where the job stands: 404 for an unknown one; another user's job only for a manager. */
    public Job progress(UUID importId, Authentication user) {
        Job job = job(importId).orElseThrow(() -> new NotFoundException("import-not-found", "Import not found",
                "No import has the id " + importId + "."));
        if (!job.requestedBy().equals(user.getName())
                && !Roles.of(user).contains(com.customerarchive.platform.security.Role.MANAGER)) {
            throw new OutOfScopeException(user.getName());
        }
        return job;
    }

    /** After a crash or a restart: every job that had not finished goes on. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        stopping.set(false);
        for (UUID importId : jdbc.sql("SELECT import_id FROM import_job WHERE state = 'RUNNING' ORDER BY requested_at")
                .query(UUID.class).list()) {
            worker.submit(() -> run(importId));
        }
    }

    /** Stops the jobs after the row they are on (as a crash would, less abruptly); {@link #resume} goes on. */
    void stop() {
        stopping.set(true);
    }

    private record Checked(Report report, List<ImportRows.Accepted> toRegister,
                           Map<ImportColumn.Sheet, List<ImportRows.AcceptedEntry>> toRecord) {
    }

    private Checked checked(byte[] file, Authentication user) {
        SheetReader.Book book = SheetReader.read(file, properties.maxRows());
        SheetReader.Sheet sheet = book.customers();
        var scope = scopes.of(user);
        ImportRows.Text text = new ImportRows.Text(messages, LocaleContextHolder.getLocale());
        Instant now = clock.instant();
        ImportRows rows = ImportRows.of(sheet, properties.headers(), validator, scope::covers, zone.zone(), now, text);
        // every further sheet's headers are checked before any row is
        List<ImportRows> further = book.sheets().stream().skip(1).map(entries -> ImportRows.of(entries,
                properties.headers(), validator, scope::covers, zone.zone(), now, text)).toList();
        ImportRows.Read read = rows.read(sheet.rows());
        Set<String> imported = importedBefore(read.accepted());
        List<ImportRows.Accepted> toRegister = new ArrayList<>();
        List<Duplicate> found = new ArrayList<>();
        Map<IdentityKeys.Key, Integer> keysInFile = new HashMap<>();
        int already = 0;
        for (ImportRows.Accepted row : read.accepted()) {
            Registration registration = row.registration();
            if (imported.contains(registration.externalRef())) {
                already++;
                continue;
            }
            Duplicate duplicate = duplicates.enabled() ? duplicateOf(row, keysInFile, user) : null;
            if (duplicate != null) {
                found.add(duplicate);
            } else {
                toRegister.add(row);
            }
        }
        // the visits and purchases: of a customer registered now, or by an earlier import
        Set<String> registering = new java.util.HashSet<>();
        toRegister.forEach(row -> registering.add(row.registration().externalRef()));
        List<ImportRows.CellError> errors = new ArrayList<>(read.errors());
        List<SheetReport> sheets = new ArrayList<>();
        Map<ImportColumn.Sheet, List<ImportRows.AcceptedEntry>> toRecord = new java.util.EnumMap<>(ImportColumn.Sheet.class);
        for (ImportRows entryRows : further) {
            SheetReader.Sheet entries = entryRows.sheet();
            Set<String> refs = entryRows.customerRefs(entries.rows());
            refs.removeAll(registering);
            Set<String> before = importedBefore(refs);
            ImportRows.EntryRead entryRead = entryRows.readEntries(entries.rows(), ref -> {
                if (registering.contains(ref) || before.contains(ref)) {
                    return null;
                }
                Integer row = read.rowsByRef().get(ref);
                return row != null ? text.get("customerLeftOut", row) : text.get("unknownCustomer");
            });
            errors.addAll(entryRead.errors());
            Set<String> recorded = recordedBefore(entryRead.accepted());
            List<ImportRows.AcceptedEntry> fresh = entryRead.accepted().stream()
                    .filter(row -> !recorded.contains(row.entry().key())).toList();
            toRecord.put(entries.kind(), fresh);
            sheets.add(new SheetReport(entries.name(), entries.kind().name(), entries.rows().size(), fresh.size(),
                    entryRead.rejectedRows(), entryRead.accepted().size() - fresh.size(), entryRows.ignoredColumns()));
        }
        return new Checked(new Report(book.format(), book.charset(), sheet.rows().size(), toRegister.size(),
                read.rejectedRows(), already, errors, found, read.ignoredColumns(), sheets, book.ignoredSheets()),
                toRegister, toRecord);
    }

    /** The customers of the archive, and the earlier rows of the file, that share an identity key with the row. */
    private Duplicate duplicateOf(ImportRows.Accepted row, Map<IdentityKeys.Key, Integer> keysInFile,
                                  Authentication user) {
        Registration registration = row.registration();
        Set<IdentityKeys.Kind> matched = new java.util.TreeSet<>();
        Set<Integer> rows = new java.util.TreeSet<>();
        for (IdentityKeys.Key key : IdentityKeys.of(registration.kind(), registration.card())) {
            Integer earlier = keysInFile.putIfAbsent(key, row.row());
            if (earlier != null) {
                rows.add(earlier);
                matched.add(key.kind());
            }
        }
        List<Candidate> candidates = duplicates.candidatesOf(new CustomerId(registration.customerId()),
                registration.kind(), registration.card(), user);
        candidates.forEach(candidate -> matched.addAll(candidate.matchedOn()));
        if (candidates.isEmpty() && rows.isEmpty()) {
            return null;
        }
        return new Duplicate(row.row(), registration.externalRef(), matched.stream().map(Enum::name).toList(),
                candidates.stream().map(candidate -> new Known(candidate.id(), candidate.code())).toList(),
                List.copyOf(rows));
    }

    private Set<String> importedBefore(List<ImportRows.Accepted> rows) {
        return importedBefore(rows.stream().map(row -> row.registration().externalRef()).toList());
    }

    private Set<String> importedBefore(java.util.Collection<String> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT external_ref FROM import_ref WHERE external_ref = ANY(:refs)")
                .param("refs", refs.toArray(String[]::new)).query(String.class).list());
    }

    private Set<String> recordedBefore(List<ImportRows.AcceptedEntry> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT entry_key FROM import_entry WHERE entry_key = ANY(:keys)")
                .param("keys", rows.stream().map(row -> row.entry().key()).toArray(String[]::new))
                .query(String.class).list());
    }

    /** Attempts at one row before it is noted {@code failed} and the job goes on without it. */
    static final int ATTEMPTS = 5;

    /**
     * Works the job's rows until none is left. A failure the rules do not explain (the database away, a row that
     * cannot be read) is tried again after a growing pause (0.2 s, doubling, at most 30 s); the same row failing
     * {@link #ATTEMPTS} times in a row is noted {@code failed} (in the report's refused rows) so one row never stalls
     * the job. A stop leaves the job RUNNING: the next start goes on where it stopped.
     */
    private void run(UUID importId) {
        Map<String, Object> job = jdbc.sql("SELECT requested_by, authorities FROM import_job WHERE import_id = :id")
                .param("id", importId).query().singleRow();
        String requestedBy = (String) job.get("requested_by");
        Authentication actor = UsernamePasswordAuthenticationToken.authenticated(requestedBy, null,
                AuthorityUtils.commaSeparatedStringToAuthorityList((String) job.get("authorities")));
        SecurityContextHolder.getContext().setAuthentication(actor);
        RowOf[] current = {null};
        RowOf failedRow = null;
        int failures = 0;
        try {
            while (!stopping.get()) {
                try {
                    work(importId, actor, current);
                    return;
                } catch (RuntimeException failed) {
                    failures = java.util.Objects.equals(current[0], failedRow) ? failures + 1 : 1;
                    failedRow = current[0];
                    log.warn("import {} failed at {} ({}), attempt {} of {}", importId, failedRow,
                            failed.getClass().getSimpleName(), failures, ATTEMPTS);
                    if (failures >= ATTEMPTS && failedRow != null) {
                        RowOf row = failedRow;
                        try {
                            transactions.executeWithoutResult(status -> note(importId, row, "failed"));
                            failures = 0;
                            continue;
                        } catch (RuntimeException unnoted) {
                            // the database is away: wait as for any failure and try the row again
                            log.warn("import {} could not note {} failed: {}", importId, row,
                                    unnoted.getClass().getSimpleName());
                        }
                    }
                    Thread.sleep(Math.min(30_000L, 200L << Math.min(failures - 1, 8)));
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** A row of one of the job's sheets (0 the customers, 1 the visits, 2 the purchases). */
    private record RowOf(int sheet, int row) {
        @Override
        public String toString() {
            return ImportColumn.Sheet.ofCode(sheet) + " row " + row;
        }
    }

    private void work(UUID importId, Authentication actor, RowOf[] current) {
        // a failure before a row is claimed is not that row's
        current[0] = null;
        jdbc.sql("UPDATE import_job SET started_at = :at WHERE import_id = :id AND started_at IS NULL")
                .param("at", Timestamp.from(clock.instant())).param("id", importId).update();
        Correlation.run(importId.toString(), () -> {
            List<RowOf> pending;
            do {
                // the customers first, then their visits and purchases: none of those while a customer row waits
                // (one another command-side holds, too), so that no visit comes before its customer is registered
                pending = jdbc.sql("""
                                SELECT sheet, row_no FROM import_row r WHERE import_id = :id AND outcome IS NULL
                                  AND (sheet = 0 OR NOT EXISTS (SELECT 1 FROM import_row c WHERE c.import_id = :id
                                                                  AND c.sheet = 0 AND c.outcome IS NULL))
                                ORDER BY sheet, row_no LIMIT """ + " " + PAGE).param("id", importId)
                        .query((rs, n) -> new RowOf(rs.getInt(1), rs.getInt(2))).list();
                int claimed = 0;
                for (RowOf row : pending) {
                    if (stopping.get()) {
                        return;
                    }
                    current[0] = row;
                    claimed += register(importId, row, actor) ? 1 : 0;
                    current[0] = null;
                }
                if (!pending.isEmpty() && claimed == 0) {
                    // every row left is another worker's for now: wait for it instead of asking again at once
                    pause(250);
                }
            } while (!pending.isEmpty());
        });
        if (!stopping.get()) {
            jdbc.sql("UPDATE import_job SET state = 'DONE', finished_at = :at WHERE import_id = :id AND state = 'RUNNING' "
                            + "AND NOT EXISTS (SELECT 1 FROM import_row WHERE import_id = :id AND outcome IS NULL)")
                    .param("at", Timestamp.from(clock.instant())).param("id", importId).update();
        }
    }

    /**
     * One row registered (a customer) or recorded (a visit, a purchase) in the transaction that notes it (and its
     * reference, or its key); a row the rules refuse is noted with the rule in a transaction of its own, the
     * registration's having rolled back. A row another worker holds is left to it.
     */
    private boolean register(UUID importId, RowOf row, Authentication actor) {
        String refused;
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                var claimed = jdbc.sql("SELECT CAST(registration AS text) FROM import_row WHERE import_id = :id "
                                + "AND sheet = :sheet AND row_no = :row AND outcome IS NULL FOR UPDATE SKIP LOCKED")
                        .param("id", importId).param("sheet", row.sheet()).param("row", row.row())
                        .query(String.class).optional();
                if (claimed.isEmpty()) {
                    return false;
                }
                if (row.sheet() == ImportColumn.Sheet.CUSTOMERS.code()) {
                    Registration registration = read(claimed.get(), Registration.class);
                    admission.register(registration.command(), registration.occurredAt(), admitted ->
                            duplicates.register(admitted, false, null, actor, registration.occurredAt()));
                    jdbc.sql("""
                                    INSERT INTO import_ref (external_ref, customer_id, import_id, row_no)
                                    VALUES (:ref, :customer, :id, :row) ON CONFLICT (external_ref) DO NOTHING""")
                            .param("ref", registration.externalRef()).param("customer", registration.customerId())
                            .param("id", importId).param("row", row.row()).update();
                } else {
                    Class<? extends Entry> type = row.sheet() == ImportColumn.Sheet.VISITS.code()
                            ? Entry.Visit.class : Entry.Purchase.class;
                    Entry entry = read(claimed.get(), type);
                    // a key taken already (the same file's import running twice at once): recorded once
                    int taken = jdbc.sql("""
                                    INSERT INTO import_entry (entry_key, customer_id, import_id, sheet, row_no)
                                    VALUES (:key, :customer, :id, :sheet, :row) ON CONFLICT (entry_key) DO NOTHING""")
                            .param("key", entry.key()).param("customer", entry.customerId()).param("id", importId)
                            .param("sheet", row.sheet()).param("row", row.row()).update();
                    if (taken == 0) {
                        note(importId, row, "already-imported");
                        return true;
                    }
                    commands.send(entry.command(), entry.occurredAt());
                }
                note(importId, row, "REGISTERED");
                return true;
            }));
        } catch (RuleViolationException rule) {
            refused = rule.rule().code();
        } catch (PossibleDuplicateException duplicate) {
            refused = "possible-duplicate";
        } catch (OutOfScopeException scope) {
            refused = "out-of-scope";
        } catch (InvalidRequestException invalid) {
            refused = "invalid";
        } catch (org.axonframework.modelling.command.AggregateNotFoundException absent) {
            // its customer's row was refused: nothing to record it on
            refused = "customer-not-registered";
        }
        String rule = refused;
        transactions.executeWithoutResult(status -> note(importId, row, rule));
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    private void note(UUID importId, RowOf row, String outcome) {
        jdbc.sql("UPDATE import_row SET outcome = :outcome, registration = NULL, done_at = :at "
                        + "WHERE import_id = :id AND sheet = :sheet AND row_no = :row AND outcome IS NULL")
                .param("outcome", outcome).param("at", Timestamp.from(clock.instant()))
                .param("id", importId).param("sheet", row.sheet()).param("row", row.row()).update();
    }

    private java.util.Optional<Job> job(UUID importId) {
        return jdbc.sql("SELECT * FROM import_job WHERE import_id = :id").param("id", importId).query().listOfRows()
                .stream().findFirst().map(row -> {
                    // the counts in the database; only the refused rows (few) are read
                    Map<String, Object> counts = jdbc.sql("""
                                    SELECT count(*) AS total, count(*) FILTER (WHERE outcome IS NULL) AS pending,
                                           count(*) FILTER (WHERE outcome = 'REGISTERED') AS registered
                                    FROM import_row WHERE import_id = :id""")
                            .param("id", importId).query().singleRow();
                    List<Refused> refused = jdbc.sql("SELECT sheet, row_no, external_ref, outcome FROM import_row "
                                    + "WHERE import_id = :id AND outcome <> 'REGISTERED' ORDER BY sheet, row_no")
                            .param("id", importId)
                            .query((rs, n) -> new Refused(ImportColumn.Sheet.ofCode(rs.getInt(1)).name(),
                                    rs.getInt(2), rs.getString(3), rs.getString(4))).list();
                    int total = ((Number) counts.get("total")).intValue();
                    int pending = ((Number) counts.get("pending")).intValue();
                    Instant started = instant(row.get("started_at"));
                    Instant finished = instant(row.get("finished_at"));
                    double seconds = started == null ? 0
                            : Duration.between(started, finished != null ? finished : clock.instant()).toMillis() / 1000.0;
                    double rate = seconds <= 0 ? 0 : Math.round((total - pending) / seconds * 10) / 10.0;
                    return new Job(importId, (String) row.get("state"), (String) row.get("file_name"),
                            (String) row.get("requested_by"), instant(row.get("requested_at")), started, finished,
                            readReport(row.get("report").toString()), new Progress(total, total - pending,
                            ((Number) counts.get("registered")).intValue(), pending, rate, refused));
                });
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException(unwritable);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private Report readReport(String report) {
        try {
            return json.readValue(report, Report.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
