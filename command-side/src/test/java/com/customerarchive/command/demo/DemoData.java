package com.customerarchive.command.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a realistic archive through command-side's API: customers of every grade, nature and tier, a
 * year of back-dated visits, card edits, grade changes and complaints in every state, some overdue and
 * some breached. Uses only the JDK, so it runs from the compiled test classes:
 * <pre>java -cp command-side/target/test-classes com.customerarchive.command.demo.DemoData \
 *      [baseUrl=http://localhost:8081] [customers=300] [seed=1]</pre>
 */
public final class DemoData {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String[] PRODUCTS = {"silk fabric", "cotton yarn", "tea gift boxes", "ceramic tiles",
            "LED panels", "office chairs", "printing service", "packaging film"};
    /** The practice's causes of loss. */
    private static final String[] LOSS = {"the rep left the company", "went to a competitor", "poor service",
            "price", "the need is gone"};
    private final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Pattern FIELD = Pattern.compile("\"(customerId|complaintId|cardNumber)\"\\s*:\\s*\"([0-9a-f-]{16,36})\"");
    private static final String[] GRADES = {"A", "B", "C", "D", "E"};
    private static final int[] CADENCE = {1, 7, 15, 30, 365};
    private static final String[] NATURES = {"GOVERNMENT", "SPECIAL_PARTNER", "COMPANY", "INDIVIDUAL", "TRADING_PARTNER"};
    private static final String[] TIERS = {"KEY", "REGULAR", "OCCASIONAL"};
    private static final String[] SOURCES = {"QUESTIONNAIRE", "PHONE_INTERVIEW", "ON_SITE", "EVENT", "REFERRAL",
            "EXHIBITION", "WEBSITE", "OTHER"};
    private static final String[] METHODS = {"ON_SITE_VISIT", "PHONE", "MAIL", "EXHIBITION", "CUSTOMER_CAME", "ONLINE", "OTHER"};
    private static final String[] CITIES = {"Hangzhou", "Ningbo", "Wenzhou", "Shaoxing", "Suzhou", "Nanjing", "Shanghai",
            "Hefei", "Fuzhou", "Xiamen"};
    private static final String[] PROVINCES = {"Zhejiang", "Zhejiang", "Zhejiang", "Zhejiang", "Jiangsu", "Jiangsu",
            "Shanghai", "Anhui", "Fujian", "Fujian"};
    private static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Tao", "Hui", "Qiang", "Ling"};
    private static final String[] TRADES = {"Tea", "Silk", "Ceramics", "Textiles", "Logistics", "Electronics", "Machinery",
            "Pharma", "Foods", "Furniture"};
    private static final String[] CATEGORIES = {"PRODUCT_QUALITY", "SERVICE_ATTITUDE", "DELIVERY", "BILLING", "OTHER"};
    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] REPS = {"rep-wang", "rep-li", "rep-zhang", "rep-chen", "rep-zhou"};

    private final String base;
    private final AtomicInteger requests = new AtomicInteger();

    private DemoData(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8081";
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        var demo = new DemoData(base);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int number = i;
            done.add(pool.submit(() -> {
                demo.customer(number, new Random(seed * 1_000_003 + number));
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        System.out.printf("Demo archive written: %d customers, %d requests in %.1f s%n", customers,
                demo.requests.get(), (System.nanoTime() - start) / 1e9);
    }

    private void customer(int number, Random random) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        boolean forgotten = random.nextInt(20) == 0;
        // a long-standing customer who buys every quarter (loyal)
        boolean loyal = !forgotten && random.nextInt(8) == 0;
        Instant time = now.minus(Duration.ofDays(forgotten ? 400 + random.nextInt(200)
                        : loyal ? 420 + random.nextInt(200) : 30 + random.nextInt(335)))
                .minus(Duration.ofMinutes(random.nextInt(600)));
        Instant registered = time;
        int grade = number % GRADES.length;
        int city = random.nextInt(CITIES.length);
        boolean person = number % NATURES.length == 3;
        String name = person ? SURNAMES[random.nextInt(10)] + " " + GIVEN[random.nextInt(10)]
                : CITIES[city] + " " + TRADES[random.nextInt(10)] + " Co. " + (number + 1);
        String owner = REPS[random.nextInt(REPS.length)];
        String id = field(send("POST", "/api/customers", """
                {"kind": "%s", "nature": "%s", "tier": "%s", "source": "%s", "grade": "%s", "ownerId": "%s",
                 "occurredAt": "%s",
                 "card": {"basic": {"name": "%s", "phones": ["+86 %d %04d %04d"], "email": "contact%d@example.com",
                                    "address": {"province": "%s", "city": "%s", "street": "%d Demo Road"},
                                    %s,
                                    "industry": "%s"},
                          "contacts": [{"name": "%s %s", "role": "DECISION_MAKER", "title": "Purchasing"}]}}"""
                .formatted(person ? "INDIVIDUAL" : "ORGANIZATION", NATURES[number % NATURES.length],
                        TIERS[number % TIERS.length], SOURCES[random.nextInt(SOURCES.length)], GRADES[grade], owner,
                        time, name, 570 + city, random.nextInt(10_000), random.nextInt(10_000), number,
                        PROVINCES[city], CITIES[city], 1 + random.nextInt(999),
                        person ? "\"birthday\": \"" + LocalDate.now().minusYears(25 + random.nextInt(40))
                                .plusDays(random.nextInt(365)) + "\""
                                : "\"foundedOn\": \"" + LocalDate.now().minusYears(3 + random.nextInt(30))
                                .plusDays(random.nextInt(365)) + "\"",
                        TRADES[random.nextInt(10)], SURNAMES[random.nextInt(10)], GIVEN[random.nextInt(10)])),
                "customerId");
        String c = "/api/customers/" + id;
        boolean overdue = random.nextInt(4) == 0;
        int visitNo = 0;
        while (!forgotten) {
            int cadence = CADENCE[grade];
            Instant next = time.plus(Duration.ofDays(Math.max(1, cadence / 2 + random.nextInt(cadence + 1))))
                    .plus(Duration.ofMinutes(random.nextInt(480)));
            if (next.isAfter(overdue ? now.minus(Duration.ofDays(2L * cadence + 2)) : now) || visitNo > 40) {
                break;
            }
            time = next;
            visitNo++;
            send("POST", c + "/visits", """
                    {"occurredAt": "%s", "method": "%s", "contact": {"name": "%s", "role": "DECISION_MAKER"},
                     "notes": "visit %d", "conclusion": "%s", "nextFollowUpOn": "%s"}""".formatted(time,
                    METHODS[random.nextInt(METHODS.length)], name, visitNo, random.nextBoolean() ? "interested" : "thinking",
                    time.plus(Duration.ofDays(cadence)).atOffset(ZoneOffset.UTC).toLocalDate()));
            switch (random.nextInt(8)) {
                case 0 -> send("PATCH", c + "/card", "{\"occurredAt\": \"" + time.plusSeconds(600) + "\", \"basic\": "
                        + "{\"email\": \"buyer" + random.nextInt(100) + "@example.com\"}}");
                case 1 -> {
                    int moved = Math.max(0, Math.min(4, grade + (random.nextBoolean() ? 1 : -1)));
                    if (moved != grade) {
                        send("PUT", c + "/grade", "{\"grade\": \"" + GRADES[moved] + "\", \"reason\": \""
                                + (moved < grade ? "need confirmed" : "budget postponed") + "\", \"occurredAt\": \""
                                + time.plusSeconds(900) + "\"}");
                        grade = moved;
                    }
                }
                default -> {
                    if (random.nextInt(12) == 0) {
                        complaint(c, random, time.plusSeconds(1200), false);
                    }
                }
            }
        }
        if (random.nextInt(5) == 0) {
            complaint(c, random, now.minus(Duration.ofHours(2 + random.nextInt(200))), true);
        }
        purchases(c, number, random, registered, now, loyal);
        if (!created.isEmpty() && random.nextInt(6) == 0) {
            String referrer = created.get(random.nextInt(created.size()));
            send("PUT", c + "/referrer", "{\"referredBy\": \"" + referrer + "\", \"reason\": \"introduced by a customer\"}");
        }
        created.add(id);
        if (random.nextInt(4) == 0) {
            membershipCard(c, random, registered, now);
        }
        if (!forgotten && random.nextInt(3) == 0) {
            send("POST", c + "/review", "{\"notes\": \"card checked with the customer\"}");
        }
        if (random.nextInt(25) == 0) {
            send("POST", c + "/archive", "{\"reason\": \"" + LOSS[random.nextInt(LOSS.length)] + "\"}");
        }
    }

    /**
     * Purchases spread over the customer's time with the practice: none for some (prospects), a quarter-by-quarter
     * buyer now and then (loyal), an occasional one cancelled as booked in error.
     */
    private void purchases(String c, int number, Random random, Instant registered, Instant now, boolean loyal)
            throws Exception {
        int kind = loyal ? 8 : random.nextInt(8);
        List<Instant> dates = new ArrayList<>();
        long span = Math.max(1, Duration.between(registered, now).toMinutes());
        if (kind >= 3 && kind <= 7) {
            for (int i = 0, n = 1 + random.nextInt(kind == 7 ? 8 : 3); i < n; i++) {
                dates.add(registered.plus(Duration.ofMinutes((long) (random.nextDouble() * span))));
            }
        } else if (kind == 8 && span > 400L * 24 * 60) {
            LocalDate quarter = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1)
                    .withMonth((LocalDate.now(ZoneOffset.UTC).getMonthValue() - 1) / 3 * 3 + 1);
            for (int back = 1; back <= 4; back++) {
                dates.add(quarter.minusMonths(3L * back).plusDays(random.nextInt(85))
                        .atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(36_000));
            }
        }
        dates.sort(null);
        for (int i = 0; i < dates.size(); i++) {
            Instant at = dates.get(i).isAfter(now) ? now : dates.get(i);
            send("POST", c + "/purchases", """
                    {"occurredAt": "%s", "product": "%s", "quantity": %d, "amount": %d.%02d, "orderRef": "SO-%d-%d"}"""
                    .formatted(at, PRODUCTS[random.nextInt(PRODUCTS.length)], 1 + random.nextInt(50),
                            100 + random.nextInt(20_000), random.nextInt(100), number + 1, i + 1));
            if (random.nextInt(15) == 0) {
                send("POST", c + "/purchases/" + (i + 1) + "/cancel", "{\"reason\": \"booked in error\"}");
            }
        }
    }

    /** A membership card in one of its states: live and used, expired, reported lost (and reissued), cancelled. */
    private void membershipCard(String c, Random random, Instant registered, Instant now) throws Exception {
        String[] tiers = {"STANDARD", "STANDARD", "GOLD", "PLATINUM"};
        int state = random.nextInt(6);
        Instant issuedAt = state == 1 && Duration.between(registered, now).toDays() > 60
                ? registered.plus(Duration.ofDays(1)) : now.minus(Duration.ofDays(random.nextInt(20)));
        LocalDate until = state == 1 ? LocalDate.ofInstant(issuedAt, ZoneOffset.UTC).plusDays(30)
                : LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(20 + random.nextInt(700));
        String number = field(send("POST", c + "/membership-card", """
                {"tier": "%s", "validUntil": "%s", "fee": %d, "identityChecked": true, "occurredAt": "%s"}"""
                .formatted(tiers[random.nextInt(tiers.length)], until, 50 * (1 + random.nextInt(6)), issuedAt)),
                "cardNumber");
        if (state != 1) {
            for (int i = 0, n = random.nextInt(5); i < n; i++) {
                send("POST", "/api/customers/membership-cards/" + number + "/uses", "{\"outlet\": \"SH-0"
                        + (1 + random.nextInt(5)) + "\", \"amount\": " + (20 + random.nextInt(500)) + "}");
            }
        }
        switch (state) {
            case 2 -> send("POST", c + "/membership-card/renew", "{\"validUntil\": \"" + until.plusYears(1)
                    + "\", \"fee\": 100}");
            case 3 -> {
                send("POST", c + "/membership-card/report-lost", "{}");
                if (random.nextBoolean()) {
                    send("POST", c + "/membership-card/reissue", "{\"fee\": 20}");
                }
            }
            case 4 -> send("POST", c + "/membership-card/cancel", "{\"reason\": \"no longer visits the shops\"}");
            default -> {
                // live, or expired (state 1)
            }
        }
    }

    /** A complaint carried to a random point of its lifecycle; a recent one left open may be past its target. */
    private void complaint(String c, Random random, Instant filed, boolean leaveOpen) throws Exception {
        String complaint = c + "/complaints/" + field(send("POST", c + "/complaints", """
                {"category": "%s", "severity": "%s", "description": "demo complaint", "channel": "phone",
                 "occurredAt": "%s"}""".formatted(CATEGORIES[random.nextInt(5)], SEVERITIES[random.nextInt(4)], filed)),
                "complaintId");
        int stage = leaveOpen ? random.nextInt(2) : new int[]{2, 3, 4, 4, 4, 4, 4, 4, 4, 5}[random.nextInt(10)];
        Instant latest = Instant.now().minus(Duration.ofMinutes(1));
        if (filed.plus(Duration.ofDays(5)).isAfter(latest)) {
            // a recent complaint is at most assigned, and only if the assignment is not in the future
            stage = filed.plus(Duration.ofMinutes(30)).isAfter(latest) ? 0 : Math.min(stage, 1);
        }
        Instant at = filed;
        if (stage >= 1) {
            at = at.plus(Duration.ofMinutes(30));
            send("POST", complaint + "/assign", "{\"assignee\": \"" + REPS[random.nextInt(REPS.length)]
                    + "\", \"occurredAt\": \"" + at + "\"}");
        }
        if (stage >= 2) {
            at = at.plus(Duration.ofHours(1 + random.nextInt(48)));
            send("POST", complaint + "/resolve", "{\"resolution\": \"handled\", \"responsibility\": \""
                    + (random.nextBoolean() ? "OURS" : "THIRD_PARTY") + "\", \"occurredAt\": \"" + at + "\"}");
        }
        if (stage >= 3) {
            at = at.plus(Duration.ofDays(2));
            send("POST", complaint + "/follow-up", "{\"satisfaction\": " + (1 + random.nextInt(5))
                    + ", \"notes\": \"return visit\", \"occurredAt\": \"" + at + "\"}");
        }
        if (stage >= 4) {
            send("POST", complaint + "/close", "{\"occurredAt\": \"" + at.plusSeconds(3600) + "\"}");
        }
        if (stage >= 5) {
            send("POST", complaint + "/reopen", "{\"reason\": \"the fault came back\", \"occurredAt\": \""
                    + at.plusSeconds(7200) + "\"}");
        }
    }

    private String send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("manager:manager-pw".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        requests.incrementAndGet();
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String field(String body, String name) {
        Matcher matcher = FIELD.matcher(body);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + body);
    }
}
