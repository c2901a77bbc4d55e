package com.customerarchive.query.bench;

import com.customerarchive.query.support.Prometheus;
import com.customerarchive.testsupport.Api;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The load generator behind {@code ./bench.sh}: starts command-side and query-side from their jars on the
 * tests' PostgreSQL (the machine's when {@code ARCHIVE_TEST_DATABASE_URL} names it, else an embedded one),
 * drives them over HTTP and measures, in one run, PostgreSQL's own insert rate (the baseline), writes at 1, 8
 * and 32 clients, projection lag, reads, a replay over a million events, the feed and the apps' memory.
 * Writes {@code report.md}, {@code report.json} and {@code chart.svg}. Not a test; {@code --quick} is a small run.
 */
public final class ArchiveBenchmark {

    static final int[] LEVELS = {1, 8, 32};
    /** The apps' JVM options; ARCHIVE_BENCH_JVM_EXTRA adds more (e.g. a flight recording to profile a phase). */
    static final List<String> JVM_OPTIONS = jvmOptions(System.getenv("ARCHIVE_BENCH_JVM_EXTRA"));

    static List<String> jvmOptions(String extra) {
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC"));
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }
    private static final String[] GRADES = {"A", "B", "C", "D", "E"};
    private static final String[] CITIES = {"Suzhou", "Hangzhou", "Ningbo", "Wuxi", "Fuzhou", "Xiamen"};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final TestDatabase database = TestDatabase.get();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, AppProcess> apps = new ConcurrentHashMap<>();
    private final MemorySampler memory = new MemorySampler(apps);
    private final AtomicInteger names = new AtomicInteger();
    private List<Customer> customers = new ArrayList<>();

    private ArchiveBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new ArchiveBenchmark(options).run();
    }

    private void run() throws Exception {
        results.put("options", options.describe());
        results.put("machine", Machine.describe(database));
        log("database %s; apps with %s", database.url().replaceAll("//[^/@]*@", "//"), JVM_OPTIONS);
        apps.put("command-side", AppProcess.start("command-side", JVM_OPTIONS));
        apps.put("query-side", AppProcess.start("query-side", JVM_OPTIONS));
        memory.start();
        try {
            setUp();
            writes();
            bulkWrites();
            longHistory();
            reads();
            importList();
            replay();
            feed();
            if (options.scaleEvents() > 0) {
                scale();
            }
        } finally {
            memory.stop();
            results.put("memory", memory.peaks());
            apps.values().forEach(AppProcess::stop);
        }
        BenchmarkReport.write(results, options.out());
        log("reports written to %s", options.out().toAbsolutePath());
    }

    // ---- the customers the write mix works on -------------------------------------------------------------

    private void setUp() throws Exception {
        log("registering %d customers (32 clients) ...", options.customers());
        Latencies registrations = new Latencies();
        long start = System.nanoTime();
        List<List<Customer>> parts = partition(32);
        AtomicInteger remaining = new AtomicInteger(options.customers());
        parallel(32, client -> {
            Random random = new Random(client);
            while (remaining.getAndDecrement() > 0) {
                long begun = System.nanoTime();
                Customer customer = register(random);
                registrations.record(System.nanoTime() - begun);
                parts.get(client).add(customer);
            }
        });
        customers = merge(parts);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> setUp = new LinkedHashMap<>(registrations.summary());
        setUp.put("perSecond", Math.round(customers.size() / seconds));
        results.put("setUp", setUp);
        log("  %d customers in %.1f s; waiting for the projections to catch up ...", customers.size(), seconds);
        awaitProjections(Duration.ofMinutes(10));
    }

    // ---- 2 and 1: writes per concurrency against plain JDBC inserts; 3: projection lag at 8 clients ----------

    private void writes() throws Exception {
        Baseline baseline = new Baseline(this::connect);
        baseline.create();
        List<Map<String, Object>> levels = new ArrayList<>();
        for (int clients : LEVELS) {
            LagSampler lag = clients == 8 ? new LagSampler(queryUrl()) : null;
            Cpu before = Cpu.now(apps);
            double[] batchesBefore = groupCommits();
            Map<String, Object> writes = writeMix(clients, Duration.ofSeconds(options.seconds()), lag, null);
            double[] batchesAfter = groupCommits();
            int commands = (int) writes.get("count");
            before.perCommand(Cpu.now(apps), commands, writes);
            // the commands the group commit stored, and in how many commits (the rest had a transaction of their own)
            double grouped = batchesAfter[1] - batchesBefore[1];
            double commits = batchesAfter[0] - batchesBefore[0];
            writes.put("groupCommitted", Math.round(grouped));
            writes.put("commandsPerGroupCommit", commits == 0 ? 0 : Latencies.round(grouped / commits));
            Map<String, Object> inserts = baseline.run(clients, Math.max(commands, 2_000));
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("clients", clients);
            level.put("writes", writes);
            level.put("baseline", inserts);
            level.put("ratio", Math.round(((Number) writes.get("perSecond")).doubleValue()
                    / ((Number) inserts.get("perSecond")).doubleValue() * 10_000) / 10_000.0);
            levels.add(level);
            log("  %2d clients: %s commands/s (p50 %s, p99 %s ms) | baseline %s inserts/s | ratio %s | CPU ms per "
                            + "command %s (command-side), per event %s (query-side), %s (PostgreSQL), %s (load "
                            + "generator), %s in all", clients,
                    writes.get("perSecond"), writes.get("p50Ms"), writes.get("p99Ms"), inserts.get("perSecond"),
                    level.get("ratio"), writes.get("commandSideCpuMsPerCommand"), writes.get("querySideCpuMsPerEvent"),
                    writes.get("postgresCpuMsPerCommand"), writes.get("loadGeneratorCpuMsPerCommand"),
                    writes.get("allCpuMsPerCommand"));
            if (lag != null) {
                results.put("projectionLag", lag.summary());
                log("  projection lag at 8 clients: %s", lag.summary());
            }
        }
        results.put("writes", levels);
        baseline.drop();
        liveDelivery();
    }

    /**
     * The 8-client write mix again, watched by one SSE subscriber at the head of the feed alone (the projection-lag
     * probe above polls query-side a thousand times a second, which would weigh on what is measured here).
     */
    private void liveDelivery() throws Exception {
        LiveFeedLatency live = new LiveFeedLatency(queryUrl());
        live.start(feedHead());
        Map<String, Object> load = writeMix(8, Duration.ofSeconds(options.seconds()), null, live);
        Map<String, Object> delivery = live.stop();
        delivery.put("commandsPerSecond", load.get("perSecond"));
        results.put("liveDelivery", delivery);
        log("  live delivery at 8 clients (acknowledgement to SSE event): %s", delivery);
    }

    private Map<String, Object> writeMix(int clients, Duration duration, LagSampler lag, LiveFeedLatency live)
            throws Exception {
        log("write mix at %d clients for %d s ...", clients, duration.toSeconds());
        Latencies latencies = new Latencies();
        Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
        List<List<Customer>> parts = partition(clients);
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        if (lag != null) {
            lag.start();
        }
        parallel(clients, client -> {
            Random random = new Random(31L * clients + client);
            List<Customer> mine = parts.get(client);
            while (System.nanoTime() < deadline) {
                int dice = random.nextInt(100);
                Customer customer = mine.isEmpty() || dice < 10 ? null : mine.get(random.nextInt(mine.size()));
                String kind = customer == null ? "register" : dice < 40 ? "card" : dice < 75 ? "visit"
                        : dice < 85 ? "grade" : "complaint";
                long begun = System.nanoTime();
                try {
                    if (customer == null) {
                        customer = register(random);
                        mine.add(customer);
                    } else {
                        command(kind, customer, random);
                    }
                    long acknowledged = System.nanoTime();
                    latencies.record(acknowledged - begun);
                    byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    if (lag != null) {
                        lag.offer(customer.id, customer.version, acknowledged);
                    }
                    if (live != null) {
                        live.offer(customer.id, customer.version, acknowledged);
                    }
                } catch (IllegalStateException refused) {
                    latencies.error();
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (lag != null) {
            lag.stop();
        }
        customers = merge(parts);
        Map<String, Object> summary = new LinkedHashMap<>(latencies.summary());
        summary.put("seconds", Latencies.round(seconds));
        summary.put("perSecond", Math.round(latencies.count() / seconds));
        Map<String, Long> mix = new LinkedHashMap<>();
        byKind.forEach((kind, count) -> mix.put(kind, count.get()));
        summary.put("mix", mix);
        return summary;
    }

    /** One command of the mix on a customer only this client touches; its version follows the answers. */
    private void command(String kind, Customer customer, Random random) {
        String path = "/api/customers/" + customer.id;
        JsonNode answer = switch (kind) {
            case "card" -> send("PATCH", commandUrl() + path + "/card", "sales", switch (random.nextInt(3)) {
                case 0 -> "{\"basic\":{\"email\":\"buyer" + random.nextInt(1_000_000) + "@example.com\"}}";
                case 1 -> "{\"basic\":{\"phones\":[\"+86 512 " + (1000 + random.nextInt(9000)) + " "
                        + (1000 + random.nextInt(9000)) + "\"]}}";
                default -> "{\"basic\":{\"address\":{\"street\":\"" + (1 + random.nextInt(999)) + " Bench Road\"}}}";
            });
            case "visit" -> send("POST", commandUrl() + path + "/visits", "sales", """
                    {"method":"%s","contact":{"name":"Li Wei","role":"DECISION_MAKER"},"notes":"went through the offer",
                     "conclusion":"interested","nextFollowUpOn":"%s"}""".formatted(
                    random.nextBoolean() ? "PHONE" : "ON_SITE_VISIT", LocalDate.now().plusDays(1 + random.nextInt(30))));
            case "grade" -> {
                int to = (customer.grade + 1 + random.nextInt(GRADES.length - 1)) % GRADES.length;
                JsonNode written = send("PUT", commandUrl() + path + "/grade", "manager",
                        "{\"grade\":\"" + GRADES[to] + "\",\"reason\":\"benchmark review\"}");
                customer.grade = to;
                yield written;
            }
            default -> complaintStep(customer, path);
        };
        customer.version = answer.path("version").asLong(customer.version + 1);
    }

    private JsonNode complaintStep(Customer customer, String path) {
        String complaint = commandUrl() + path + "/complaints/" + customer.complaint;
        JsonNode answer = switch (customer.stage) {
            case 0 -> {
                JsonNode filed = send("POST", commandUrl() + path + "/complaints", "sales",
                        "{\"category\":\"PRODUCT_QUALITY\",\"severity\":\"MEDIUM\",\"description\":\"late delivery\","
                                + "\"channel\":\"phone\"}");
                customer.complaint = filed.path("complaintId").asText();
                yield filed;
            }
            case 1 -> send("POST", complaint + "/assign", "manager", "{\"assignee\":\"rep-li\"}");
            case 2 -> send("POST", complaint + "/resolve", "sales",
                    "{\"resolution\":\"replaced\",\"responsibility\":\"OURS\"}");
            case 3 -> send("POST", complaint + "/follow-up", "sales", "{\"satisfaction\":4,\"notes\":\"happy\"}");
            default -> send("POST", complaint + "/close", "manager", "{}");
        };
        customer.stage = (customer.stage + 1) % 5;
        return answer;
    }

    private Customer register(Random random) {
        int number = names.incrementAndGet();
        int grade = random.nextInt(GRADES.length);
        String city = CITIES[random.nextInt(CITIES.length)];
        JsonNode answer = send("POST", commandUrl() + "/api/customers", "sales", """
                {"kind":"ORGANIZATION","nature":"COMPANY","tier":"%s","source":"EXHIBITION","grade":"%s",
                 "ownerId":"rep-%d","card":{"basic":{"name":"%s Bench Trading Co. %d","phones":["+86 512 %04d %04d"],
                 "email":"contact%d@example.com","address":{"province":"Jiangsu","city":"%s","street":"%d Bench Road"}},
                 "contacts":[{"name":"Wang Fang","role":"DECISION_MAKER","title":"Purchasing"}]}}"""
                .formatted(random.nextBoolean() ? "KEY" : "REGULAR", GRADES[grade], random.nextInt(20), city, number,
                        random.nextInt(10_000), random.nextInt(10_000), number, city, 1 + random.nextInt(999)));
        Customer customer = new Customer(answer.path("customerId").asText(), grade);
        customer.version = answer.path("version").asLong(1);
        return customer;
    }

    // ---- the bulk-write phase: a thousand registrations at once -----------------------------------------------

    private static final int BULK = 1_000;

    /**
     * A thousand registrations sent at the same moment, each by a client of its own that, like any well-behaved
     * client, sends again after {@code Retry-After} when told the archive is busy (503): how long until all are stored,
     * their latencies from the first sending, how many were told to wait, and the CPU each process spent per registration.
     */
    private void bulkWrites() throws Exception {
        log("registering %d customers at once ...", BULK);
        Latencies latencies = new Latencies();
        AtomicInteger busy = new AtomicInteger();
        Cpu before = Cpu.now(apps);
        long start = System.nanoTime();
        parallel(BULK, client -> {
            Random random = new Random(10_000 + client);
            long begun = System.nanoTime();
            while (true) {
                try {
                    register(random);
                    break;
                } catch (IllegalStateException refused) {
                    if (!String.valueOf(refused.getMessage()).contains("answered 503")) {
                        throw refused;
                    }
                    busy.incrementAndGet();
                    Thread.sleep(1_000); // the archive's Retry-After
                }
            }
            latencies.record(System.nanoTime() - begun);
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> bulk = new LinkedHashMap<>(latencies.summary());
        bulk.put("registrations", BULK);
        bulk.put("seconds", Latencies.round(seconds));
        bulk.put("perSecond", Math.round(BULK / seconds));
        bulk.put("toldBusy", busy.get());
        before.perCommand(Cpu.now(apps), BULK, bulk);
        results.put("bulkWrites", bulk);
        log("  %d registrations at once in %.1f s (%s/s; p50 %s, p99 %s ms; told busy %d times); CPU ms per "
                        + "registration %s in all", BULK, seconds, bulk.get("perSecond"), bulk.get("p50Ms"),
                bulk.get("p99Ms"), busy.get(), bulk.get("allCpuMsPerCommand"));
        awaitProjections(Duration.ofMinutes(10));
    }

    /** The CPU seconds each process has spent so far: command-side, query-side, PostgreSQL, this load generator. */
    private record Cpu(double command, double query, double postgres, double generator) {

        static Cpu now(Map<String, AppProcess> apps) {
            return new Cpu(Machine.cpuSeconds(apps.get("command-side").pid()),
                    Machine.cpuSeconds(apps.get("query-side").pid()), Machine.postgresCpuSeconds(),
                    Machine.ownCpuSeconds());
        }

        /**
         * The CPU per command of each process from this to {@code after}: command-side, query-side (the pass and the
         * lag probe's reads), PostgreSQL (all its processes on this machine) and this load generator, and the sum.
         */
        void perCommand(Cpu after, int commands, Map<String, Object> into) {
            double per = 1000.0 / Math.max(1, commands);
            double command = (after.command - this.command) * per;
            double query = (after.query - this.query) * per;
            double postgres = (after.postgres - this.postgres) * per;
            double generator = (after.generator - this.generator) * per;
            into.put("commandSideCpuMsPerCommand", Latencies.round(command));
            into.put("querySideCpuMsPerEvent", Latencies.round(query));
            into.put("postgresCpuMsPerCommand", Latencies.round(postgres));
            into.put("loadGeneratorCpuMsPerCommand", Latencies.round(generator));
            into.put("allCpuMsPerCommand", Latencies.round(command + query + postgres + generator));
        }
    }

    // ---- 5 and the long-history ratio: a customer with many events ------------------------------------------

    private String longCustomer;

    private void longHistory() throws Exception {
        int events = options.history();
        log("writing a customer with %d events ...", events);
        Customer customer = register(new Random(7));
        longCustomer = customer.id;
        AtomicInteger remaining = new AtomicInteger(events - 1);
        long start = System.nanoTime();
        parallel(4, client -> {
            Random random = new Random(100 + client);
            while (remaining.getAndDecrement() > 0) {
                // card edits and visits only: both are valid in any order, so four clients may share the customer
                String kind = random.nextInt(10) == 0 ? "card" : "visit";
                command(kind, new Customer(longCustomer, 0), random);
            }
        });
        log("  %d events in %.1f s", events, (System.nanoTime() - start) / 1e9);

        log("visits on the long customer against new customers, 1 client ...");
        Latencies onLong = new Latencies();
        Latencies onNew = new Latencies();
        Random random = new Random(11);
        for (int i = 0; i < options.samples(); i++) {
            Customer fresh = register(random);
            long begun = System.nanoTime();
            command("visit", customer, random);
            onLong.record(System.nanoTime() - begun);
            begun = System.nanoTime();
            command("visit", fresh, random);
            onNew.record(System.nanoTime() - begun);
        }
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("events", events);
        ratio.put("longCustomer", onLong.summary());
        ratio.put("newCustomer", onNew.summary());
        ratio.put("ratioP50", Latencies.round(onLong.percentile(50) / onNew.percentile(50)));
        ratio.put("ratioP99", Latencies.round(onLong.percentile(99) / onNew.percentile(99)));
        results.put("longHistory", ratio);
        log("  long p50 %s / p99 %s ms; new p50 %s / p99 %s ms", onLong.summary().get("p50Ms"),
                onLong.summary().get("p99Ms"), onNew.summary().get("p50Ms"), onNew.summary().get("p99Ms"));
    }

    private void reads() throws Exception {
        awaitProjections(Duration.ofMinutes(10));
        int readers = 8;
        Duration duration = Duration.ofSeconds(options.readSeconds());
        Map<String, Object> reads = new LinkedHashMap<>();
        List<Customer> pool = List.copyOf(customers);
        String profiles = queryUrl() + "/api/profiles";
        reads.put("profile", read("profile", readers, duration,
                random -> profiles + "/" + pool.get(random.nextInt(pool.size())).id));
        reads.put("profilePage", read("filtered page", readers, duration,
                random -> profiles + "?grade=" + GRADES[random.nextInt(GRADES.length)] + "&city="
                        + CITIES[random.nextInt(CITIES.length)] + "&sort=-updatedAt&size=20"));
        reads.put("history", read("history of " + options.history() + " events", readers, duration,
                random -> profiles + "/" + longCustomer + "/history"));
        reads.put("historyLastPage", read("last history page", readers, duration,
                random -> profiles + "/" + longCustomer + "/history?size=100&page=" + (options.history() / 100 - 1)));
        reads.put("asOf", read("as-of over " + options.history() + " events", readers, duration,
                random -> profiles + "/" + longCustomer + "/as-of?at=" + Instant.now()));
        results.put("reads", reads);
    }

    private Map<String, Object> read(String what, int readers, Duration duration, Function<Random, String> url)
            throws Exception {
        Latencies latencies = new Latencies();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        parallel(readers, reader -> {
            Random random = new Random(reader);
            while (System.nanoTime() < deadline) {
                long begun = System.nanoTime();
                try {
                    send("GET", url.apply(random), "manager", null);
                    latencies.record(System.nanoTime() - begun);
                } catch (IllegalStateException failed) {
                    latencies.error();
                }
            }
        });
        Map<String, Object> summary = new LinkedHashMap<>(latencies.summary());
        summary.put("perSecond", Math.round(latencies.count() / ((System.nanoTime() - start) / 1e9)));
        log("  %-28s %s/s  p50 %s ms  p99 %s ms", what, summary.get("perSecond"), summary.get("p50Ms"),
                summary.get("p99Ms"));
        return summary;
    }

    // ---- 4: replay of every projection over a million events; 6: the feed from position 0 --------------------

    private void replay() throws Exception {
        awaitProjections(Duration.ofMinutes(10));
        apps.remove("query-side").stop();
        long stored;
        try (Connection connection = connect()) {
            stored = EventCloner.fill(connection, options.replayEvents(), ArchiveBenchmark::log);
        }
        AppProcess querySide = AppProcess.start("query-side", JVM_OPTIONS);
        apps.put("query-side", querySide);
        // the live pass first reads the copied events into every read model and the feed
        long catchUpStart = System.nanoTime();
        double catchUpCpu = Machine.cpuSeconds(querySide.pid());
        long before = feedHead();
        awaitProjections(Duration.ofMinutes(60));
        double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
        long caughtUp = stored - before;
        Map<String, Object> catchUp = new LinkedHashMap<>();
        catchUp.put("events", caughtUp);
        catchUp.put("seconds", Latencies.round(catchUpSeconds));
        catchUp.put("eventsPerSecond", Math.round(caughtUp / catchUpSeconds));
        catchUp.put("cpuMsPerEvent", Latencies.round((Machine.cpuSeconds(querySide.pid()) - catchUpCpu) * 1000 / caughtUp));
        results.put("catchUp", catchUp);
        log("  the live pass read %d new events into every read model and the feed in %.1f s: %d events/s",
                caughtUp, catchUpSeconds, Math.round(caughtUp / catchUpSeconds));

        List<String> replayed = new ArrayList<>();
        for (JsonNode status : send("GET", queryUrl() + "/api/admin/projections", "admin", null)) {
            if (!status.path("name").asText().equals("feed")) {
                replayed.add(status.path("name").asText());
            }
        }
        log("rebuilding %s over %d events ...", replayed, stored);
        double cpu = Machine.cpuSeconds(querySide.pid());
        long start = System.nanoTime();
        send("POST", queryUrl() + "/api/admin/projections/all/replay", "admin", "");
        awaitProjections(Duration.ofMinutes(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("events", stored);
        replay.put("projections", replayed);
        replay.put("seconds", Latencies.round(seconds));
        replay.put("eventsPerSecond", Math.round(stored / seconds));
        replay.put("cpuMsPerEvent", Latencies.round((Machine.cpuSeconds(querySide.pid()) - cpu) * 1000 / stored));
        results.put("replay", replay);
        log("  %d events through %d read models in %.1f s: %d events/s", stored, replayed.size(), seconds,
                Math.round(stored / seconds));
    }

    // ---- the import (issue 32): a customer list of --import-rows rows, 100,000 in the full run --------------

    /**
     * A CSV customer list posted as the clerk and followed until its job is done: rows per second from the post to
     * the last row registered (each through the registration's rules, one transaction per row), and command-side's
     * CPU per row; what 100,000 rows would take at that rate.
     */
    private void importList() throws Exception {
        int rows = options.importRows();
        log("importing a customer list of %d rows (CSV, as the clerk) ...", rows);
        String run = Long.toString(System.currentTimeMillis(), 36);
        StringBuilder csv = new StringBuilder("外部编号,客户名称,客户类型,客户性质,客户层级,信息来源,客户等级,负责人,电话,省份,城市\n");
        for (int i = 0; i < rows; i++) {
            csv.append("BENCH-").append(run).append('-').append(i).append(",苏州导入").append(run).append('-').append(i)
                    .append("号有限公司,单位,普通公司,一般客户,展会,C,sales,0512-6").append(String.format("%07d", i))
                    .append(",江苏,苏州\n");
        }
        AppProcess commandSide = apps.get("command-side");
        double cpu = Machine.cpuSeconds(commandSide.pid());
        long start = System.nanoTime();
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(commandUrl() + "/api/imports"))
                .header("Authorization", basic("clerk")).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("the import answered " + posted.statusCode() + ": " + posted.body());
        }
        String job = commandUrl() + posted.headers().firstValue("Location").orElseThrow();
        JsonNode status = send("GET", job, "clerk", null);
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (!status.path("state").asText().equals("DONE") && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            status = send("GET", job, "clerk", null);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long registered = status.path("progress").path("registered").asLong();
        Map<String, Object> imported = new LinkedHashMap<>();
        imported.put("rows", rows);
        imported.put("registered", registered);
        imported.put("state", status.path("state").asText());
        imported.put("seconds", Latencies.round(seconds));
        imported.put("rowsPerSecond", Math.round(registered / seconds));
        imported.put("cpuMsPerRow", Latencies.round((Machine.cpuSeconds(commandSide.pid()) - cpu) * 1000 / Math.max(1, registered)));
        imported.put("minutesFor100000", Latencies.round(100_000 / Math.max(1.0, registered / seconds) / 60));
        results.put("import", imported);
        log("  %d of %d rows registered in %.1f s: %d rows/s (100,000 would take %.1f min)", registered, rows, seconds,
                Math.round(registered / seconds), 100_000 / Math.max(1.0, registered / seconds) / 60);
    }

    // ---- --scale: the store grown to many millions of events, writes and reads again ----------------------

    /**
     * Grows the store (copies, like the replay's) to {@code --scale} events, lets the live pass read them all, then
     * repeats the write mix at 1 and 8 clients and the reads: how their cost grows with the size of the store.
     */
    private void scale() throws Exception {
        Map<String, Object> scale = new LinkedHashMap<>();
        apps.remove("query-side").stop();
        long stored;
        try (Connection connection = connect()) {
            stored = EventCloner.fill(connection, options.scaleEvents(), ArchiveBenchmark::log);
        }
        scale.put("events", stored);
        AppProcess querySide = AppProcess.start("query-side", JVM_OPTIONS);
        apps.put("query-side", querySide);
        long start = System.nanoTime();
        awaitProjections(Duration.ofHours(6));
        double seconds = (System.nanoTime() - start) / 1e9;
        scale.put("catchUpSeconds", Latencies.round(seconds));
        log("  the live pass caught up on %d events in %.0f s", stored, seconds);
        Map<String, Object> atSize = new LinkedHashMap<>();
        for (int clients : new int[]{1, 8}) {
            atSize.put(clients + "clients", writeMix(clients, Duration.ofSeconds(options.seconds()), null, null));
        }
        Object readsBefore = results.get("reads");
        reads();
        atSize.put("reads", results.put("reads", readsBefore));
        scale.put("figures", atSize);
        scale.put("versusFirst", versusFirst(atSize));
        results.put("scale", scale);
    }

    /** Each latency at the grown store against the same one measured earlier on the smaller store. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> versusFirst(Map<String, Object> atSize) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        List<Map<String, Object>> levels = (List<Map<String, Object>>) results.get("writes");
        for (Map<String, Object> level : levels) {
            Object clients = level.get("clients");
            Map<String, Object> now = (Map<String, Object>) atSize.get(clients + "clients");
            if (now != null) {
                Map<String, Object> then = (Map<String, Object>) level.get("writes");
                ratios.put("writes " + clients + " clients p50", ratio(now.get("p50Ms"), then.get("p50Ms")));
                ratios.put("writes " + clients + " clients p99", ratio(now.get("p99Ms"), then.get("p99Ms")));
            }
        }
        Map<String, Object> readsThen = (Map<String, Object>) results.get("reads");
        Map<String, Object> readsNow = (Map<String, Object>) atSize.get("reads");
        for (String read : List.of("profile", "history", "asOf")) {
            ratios.put(read + " p99", ratio(((Map<String, Object>) readsNow.get(read)).get("p99Ms"),
                    ((Map<String, Object>) readsThen.get(read)).get("p99Ms")));
        }
        return ratios;
    }

    private static double ratio(Object now, Object then) {
        return Latencies.round(((Number) now).doubleValue() / Math.max(0.001, ((Number) then).doubleValue()));
    }

    /** The feed from position 0: one SSE subscriber, then twenty at once (what they deliver in all). */
    private void feed() throws Exception {
        long head = feedHead();
        Map<String, Object> feed = new LinkedHashMap<>();
        for (int subscribers : new int[]{1, 20}) {
            log("%d SSE subscriber(s) catching up from position 0 to %d ...", subscribers, head);
            ExecutorService pool = Executors.newFixedThreadPool(subscribers);
            long start = System.nanoTime();
            List<Future<long[]>> readers = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                readers.add(pool.submit(() -> catchUp(head, start)));
            }
            long received = 0;
            long firstAfter = Long.MAX_VALUE;
            for (Future<long[]> reader : readers) {
                long[] got = reader.get();
                received += got[0];
                firstAfter = Math.min(firstAfter, got[1]);
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("subscribers", subscribers);
            run.put("events", received);
            run.put("seconds", Latencies.round(seconds));
            run.put("eventsPerSecondInAll", Math.round(received / seconds));
            run.put("eventsPerSecondEach", Math.round(received / seconds / subscribers));
            run.put("firstEventMs", Latencies.round(firstAfter / 1e6));
            feed.put(subscribers == 1 ? "one" : "twenty", run);
            log("  %d events in %.1f s: %d events/s in all", received, seconds, Math.round(received / seconds));
        }
        results.put("feed", feed);
    }

    private long feedHead() {
        return single("SELECT COALESCE(max(position), 0) FROM read_model.feed_event");
    }

    /**
     * The live feed as an integrator reads it, from after a position, as lines, through {@code http} (a subscriber
     * timed for latency brings a client of its own: the writers' shared one would delay what it reads).
     */
    static BufferedReader eventStream(HttpClient http, String queryUrl, long after) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl + "/api/events/stream?after=" + after))
                .header("Accept", "text/event-stream").header("Authorization", basic("integrator")).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the event stream answered " + response.statusCode());
        }
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** One subscriber from position 0 to {@code head}: @return events received, and nanoseconds to the first */
    private long[] catchUp(long head, long start) throws Exception {
        long received = 0;
        long firstAfter = -1;
        try (BufferedReader lines = eventStream(HTTP, queryUrl(), 0)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("id:")) {
                    received++;
                    if (firstAfter < 0) {
                        firstAfter = System.nanoTime() - start;
                    }
                    if (Long.parseLong(line.substring(3).trim()) >= head) {
                        break;
                    }
                }
            }
        }
        return new long[]{received, firstAfter};
    }

    /** Waits until every projection has reached the head of the store; returns when each got there (nanoTime). */
    private Map<String, Double> awaitProjections(Duration timeout) throws InterruptedException {
        Map<String, Double> reached = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = storeHead();
        long lastLog = System.nanoTime();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            long slowest = Long.MAX_VALUE;
            for (JsonNode status : send("GET", queryUrl() + "/api/admin/projections", "admin", null)) {
                long position = status.path("position").asLong();
                slowest = Math.min(slowest, position);
                if (position >= head && !status.path("replaying").asBoolean()) {
                    reached.putIfAbsent(status.path("name").asText(), (double) System.nanoTime());
                } else {
                    all = false;
                }
            }
            if (all) {
                return reached;
            }
            if (System.nanoTime() - lastLog > 10e9) {
                log("  projections at %d of %d", slowest, head);
                lastLog = System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("projections did not reach the head within " + timeout);
    }

    private long storeHead() {
        return single("SELECT COALESCE(max(global_index), 0) FROM event_store.domain_event_entry");
    }

    private long single(String sql) {
        try (Connection connection = connect()) {
            return EventCloner.single(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the database did not answer " + sql, e);
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private String commandUrl() {
        return apps.get("command-side").baseUrl();
    }

    private String queryUrl() {
        return apps.get("query-side").baseUrl();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private List<List<Customer>> partition(int clients) {
        List<List<Customer>> parts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < customers.size(); i++) {
            parts.get(i % clients).add(customers.get(i));
        }
        return parts;
    }

    private static List<Customer> merge(List<List<Customer>> parts) {
        List<Customer> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    interface Client {
        void run(int client) throws Exception;
    }

    static void parallel(int clients, Client body) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                try {
                    body.run(client);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed", failure.get());
        }
    }

    /** Command-side's group commits so far: how many, and the commands they stored (-1, -1 with it off). */
    private double[] groupCommits() {
        Api commandSide = new Api(commandUrl());
        // absent (-1) while the group commit is off: the differences stay 0
        return new double[]{Prometheus.value(commandSide, "archive_writes_batch_commands_count"),
                Prometheus.value(commandSide, "archive_writes_batch_commands_sum")};
    }

    /** Sends a request as one of the development users; anything but 2xx is an {@link IllegalStateException}. */
    static JsonNode send(String method, String url, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user))
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + URI.create(url).getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), format.formatted(args));
    }

    /** A customer of the mix: only the client it belongs to changes it, so its state here is the truth. */
    static final class Customer {
        final String id;
        int grade;
        int stage;
        String complaint;
        long version = 1;

        Customer(String id, int grade) {
            this.id = id;
            this.grade = grade;
        }
    }

    record Options(boolean quick, int customers, int seconds, int readSeconds, int history, int samples,
                   long replayEvents, long scaleEvents, int importRows, Path out) {

        static Options parse(String[] args) {
            boolean quick = List.of(args).contains("--quick");
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else if (!arg.equals("--quick")) {
                    throw new IllegalArgumentException("unknown argument " + arg + "; use --quick, --out=DIR, "
                            + "--customers=N, --seconds=N, --read-seconds=N, --history=N, --samples=N, --replay-events=N, "
                            + "--scale=N (grow the store to N events, then measure again), --import-rows=N");
                }
            }
            return new Options(quick,
                    Integer.parseInt(values.getOrDefault("customers", quick ? "500" : "10000")),
                    Integer.parseInt(values.getOrDefault("seconds", quick ? "5" : "30")),
                    Integer.parseInt(values.getOrDefault("read-seconds", quick ? "3" : "20")),
                    Integer.parseInt(values.getOrDefault("history", quick ? "1000" : "10000")),
                    Integer.parseInt(values.getOrDefault("samples", quick ? "50" : "300")),
                    Long.parseLong(values.getOrDefault("replay-events", quick ? "50000" : "1000000")),
                    Long.parseLong(values.getOrDefault("scale", "0")),
                    Integer.parseInt(values.getOrDefault("import-rows", quick ? "5000" : "100000")),
                    Path.of(values.getOrDefault("out", "target/benchmark")));
        }

        Map<String, Object> describe() {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("quick", quick);
            described.put("customers", customers);
            described.put("secondsPerLevel", seconds);
            described.put("readSeconds", readSeconds);
            described.put("historyEvents", history);
            described.put("ratioSamples", samples);
            described.put("replayEvents", replayEvents);
            described.put("scaleEvents", scaleEvents);
            described.put("importRows", importRows);
            described.put("appJvmOptions", JVM_OPTIONS);
            return described;
        }
    }

    /** Baseline: event-sized rows into a table shaped like the event store's, one per transaction. */
    static final class Baseline {

        private final Connections connections;
        private final AtomicLong[] sequences = new AtomicLong[10_000];

        Baseline(Connections connections) {
            this.connections = connections;
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = new AtomicLong();
            }
        }

        void create() throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS bench_baseline CASCADE");
                statement.execute("CREATE SCHEMA bench_baseline");
                statement.execute("CREATE SEQUENCE bench_baseline.event_seq");
                statement.execute("CREATE TABLE bench_baseline.domain_event_entry "
                        + "(LIKE event_store.domain_event_entry INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            }
        }

        void drop() throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA bench_baseline CASCADE");
            }
        }

        Map<String, Object> run(int clients, int rows) throws Exception {
            Latencies latencies = new Latencies();
            AtomicInteger remaining = new AtomicInteger(rows);
            long start = System.nanoTime();
            parallel(clients, client -> {
                Random random = new Random(client);
                try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO bench_baseline.domain_event_entry (global_index, event_identifier,
                            aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
                            payload, meta_data)
                        VALUES (nextval('bench_baseline.event_seq'), ?, ?, ?, 'Customer', ?,
                            'com.customerarchive.events.VisitRecordedEvent', '1', ?, ?)""")) {
                    connection.setAutoCommit(true);
                    while (remaining.getAndDecrement() > 0) {
                        int aggregate = random.nextInt(sequences.length);
                        String id = new UUID(0xbe9c4L, aggregate).toString();
                        long begun = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, id);
                        insert.setLong(3, sequences[aggregate].getAndIncrement());
                        insert.setString(4, Instant.now().toString());
                        insert.setBytes(5, payload(id, random));
                        insert.setBytes(6, ("{\"actor\":\"sales\",\"correlationId\":\"" + UUID.randomUUID()
                                + "\",\"occurredAt\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
                        insert.executeUpdate();
                        latencies.record(System.nanoTime() - begun);
                    }
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> summary = new LinkedHashMap<>(latencies.summary());
            summary.put("seconds", Latencies.round(seconds));
            summary.put("perSecond", Math.round(rows / seconds));
            return summary;
        }

        /** About 500 bytes of JSON, like a stored visit. */
        private static byte[] payload(String customerId, Random random) {
            return ("{\"customerId\":\"" + customerId + "\",\"visitNo\":" + random.nextInt(1000)
                    + ",\"visitedAt\":\"" + Instant.now() + "\",\"method\":\"WE_VISITED\",\"contact\":{\"name\":"
                    + "\"Li Wei\",\"role\":\"DECISION_MAKER\"},\"gradeAtVisit\":\"B\",\"notes\":\"went through the "
                    + "offer for the spring season, asked for samples of the new range and a price list in CNY; "
                    + "the buyer wants delivery before the holiday and will confirm volumes next week\","
                    + "\"conclusion\":\"interested, send samples and a quotation\",\"nextFollowUpOn\":\""
                    + LocalDate.now().plusDays(7) + "\",\"ref\":\"" + Long.toHexString(random.nextLong()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private Connection connect() throws SQLException {
            return connections.open();
        }
    }

    interface Connections {
        Connection open() throws SQLException;
    }
}
