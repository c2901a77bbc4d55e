package com.customerarchive.command.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * Writes a realistic archive through command-side's API, the seeds' world of a Chinese sales team: Chinese companies
 * (city, brand, trade, 有限公司) and people, their cities, provinces and industries, contacts who are people of the
 * company (never the company's name), a year of back-dated visits whose notes and conclusions are in Chinese and
 * English, card edits, grade changes and complaints in every state, some overdue and some breached. What a customer
 * buys decides the rest: complaints come only after a first purchase, and the grade fits the buying (a loyal buyer,
 * one purchase every quarter, is graded A or B; a prospect who never bought C to E). The same seed writes the same
 * archive. Uses only the JDK, so it runs from the compiled test classes:
 * <pre>java -cp command-side/target/test-classes com.customerarchive.command.demo.DemoData \
 *      [baseUrl=http://localhost:8081] [customers=300] [seed=1]</pre>
 */
public final class DemoData {

    /**
     * Where the requests go: command-side over HTTP as the user named, or a test's recorder. Answers the body of the
     * answer.
     */
    @FunctionalInterface
    interface Sender {
        String send(String user, String method, String path, String body) throws Exception;
    }

    /** The office clerk (销售内勤) enters the cards the reps collect; a manager reviews and signs them and writes the rest. */
    static final String CLERK = "clerk";
    static final String MANAGER = "manager";
    /** Finance (财务) keeps the ledger: shipments, collections, the credit terms it proposes. */
    static final String FINANCE = "finance";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] PRODUCTS = {"丝绸面料", "棉纱", "茶叶礼盒", "瓷砖", "LED 面板", "办公椅", "印刷服务",
            "包装膜"};
    /** The practice's causes of loss. */
    private static final String[] LOSS = {"原业务员离职 (the rep left the company)", "转向竞争对手", "服务不满意",
            "价格原因", "the need is gone"};
    private final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Pattern FIELD = Pattern.compile("\"(customerId|complaintId|cardNumber)\"\\s*:\\s*\"([0-9a-f-]{16,36})\"");
    private static final String[] GRADES = {"A", "B", "C", "D", "E"};
    private static final int[] CADENCE = {1, 7, 15, 30, 365};
    private static final String[] NATURES = {"GOVERNMENT", "SPECIAL_PARTNER", "COMPANY", "INDIVIDUAL", "TRADING_PARTNER"};
    private static final String[] TIERS = {"KEY", "REGULAR", "OCCASIONAL"};
    private static final String[] SOURCES = {"QUESTIONNAIRE", "PHONE_INTERVIEW", "ON_SITE", "EVENT", "REFERRAL",
            "EXHIBITION", "WEBSITE", "OTHER"};
    private static final String[] METHODS = {"ON_SITE_VISIT", "PHONE", "MAIL", "EXHIBITION", "CUSTOMER_CAME", "ONLINE", "OTHER"};
    static final String[] CITIES = {"杭州", "宁波", "温州", "绍兴", "苏州", "南京", "上海", "合肥", "福州", "厦门"};
    private static final String[] PROVINCES = {"浙江", "浙江", "浙江", "浙江", "江苏", "江苏", "上海", "安徽", "福建", "福建"};
    private static final String[] AREA_CODES = {"571", "574", "577", "575", "512", "25", "21", "551", "591", "592"};
    private static final String[] STREETS = {"文三路", "解放路", "人民路", "中山路", "建设路", "延安路", "凤起路"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    private static final String[] GIVEN = {"伟", "芳", "敏", "静", "磊", "艳", "涛", "慧", "强", "玲", "建国", "晓明",
            "丽娟", "志强", "海燕", "俊杰"};
    private static final String[] BRANDS = {"恒达", "华通", "金源", "瑞丰", "永泰", "宏远", "鑫盛", "天成", "东方", "锦绣"};
    /** The trade in the company's name and its industry on the card. */
    private static final String[][] TRADES = {{"茶业", "茶叶"}, {"丝绸", "丝绸"}, {"陶瓷", "陶瓷"}, {"纺织", "纺织"},
            {"物流", "物流"}, {"电子", "电子"}, {"机械", "机械"}, {"医药", "医药"}, {"食品", "食品"}, {"家具", "家具"}};
    private static final String[] SUFFIXES = {"有限公司", "股份有限公司", "贸易有限公司"};
    private static final String[] TITLES = {"采购经理", "总经理", "财务主管", "行政主管", "店长", "采购专员"};
    private static final String[] ROLES = {"DECISION_MAKER", "INFLUENCER", "USER", "GATEKEEPER"};
    /** Visit notes and conclusions, in Chinese and in English, as reps of a mixed team write them. */
    private static final String[] NOTES = {"介绍了新的价格表", "客户询问交货周期", "带样品上门演示", "讨论年度框架协议",
            "客户反馈上批货质量良好", "了解客户明年的采购计划", "电话确认订单细节", "展会上交换了名片",
            "walked through the new price list", "asked about delivery lead times", "showed the new samples on site",
            "discussed a yearly framework agreement"};
    private static final String[] CONCLUSIONS = {"有意向，等待报价", "需要再考虑", "已同意下单", "暂无需求", "约定下周再联系",
            "wants a quote", "thinking it over", "agreed to order", "call again next week"};
    private static final String[] CATEGORIES = {"PRODUCT_QUALITY", "SERVICE_ATTITUDE", "DELIVERY", "BILLING", "OTHER"};
    private static final String[][] COMPLAINTS = {
            {"产品颜色与样品不符", "已更换整批产品", "客户对换货满意"},
            {"客服回复不及时，态度冷淡", "已致歉并对客服进行培训", "客户接受道歉"},
            {"第二批货晚到三天", "已加急补发，退还运费", "happy with the refund of the shipping"},
            {"发票金额有误", "已作废并重开发票", "invoice accepted"},
            {"外包装破损", "已补寄包装并赔偿", "客户表示理解"}};
    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] REPS = {"rep-wang", "rep-li", "rep-zhang", "rep-chen", "rep-zhou", "rep-liu",
        "rep-yang", "rep-zhao", "rep-huang", "rep-wu", "rep-xu", "rep-sun"};
    /** The company, two branches and two teams in each: code, name, parent. */
    static final String[][] UNITS = {{"HQ", "总公司", null}, {"HZ", "杭州分公司", "HQ"}, {"SZ", "苏州分公司", "HQ"},
        {"HZ-1", "杭州一组", "HZ"}, {"HZ-2", "杭州二组", "HZ"}, {"SZ-1", "苏州一组", "SZ"}, {"SZ-2", "苏州二组", "SZ"}};
    /** The grades a customer may have by how it buys: none, now and then, often, every quarter (loyal). */
    private static final int[][] GRADES_BY_BUYING = {{2, 3, 4}, {1, 2, 3}, {0, 1, 2}, {0, 1}};

    private final Sender sender;
    private final Instant now;
    private final AtomicInteger requests = new AtomicInteger();

    DemoData(Sender sender, Instant now) {
        this.sender = sender;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The sales organisation: twelve reps, three in each team, the first of each its lead; the clerk and finance at
     * head office (they work for every branch; the development users keep seeing the whole company).
     */
    void organisation() throws Exception {
        for (String[] unit : UNITS) {
            send("admin", "POST", "/api/org/units", unit[2] == null
                    ? "{\"code\": \"%s\", \"name\": \"%s\"}".formatted(unit[0], unit[1])
                    : "{\"code\": \"%s\", \"name\": \"%s\", \"parentCode\": \"%s\"}".formatted(unit[0], unit[1], unit[2]));
        }
        for (int i = 0; i < REPS.length; i++) {
            String team = UNITS[3 + i / 3][0];
            send("admin", "PUT", "/api/org/members/" + REPS[i], "{\"unitCode\": \"%s\", \"position\": \"%s\"}"
                    .formatted(team, i % 3 == 0 ? "TEAM_LEAD" : "REP"));
        }
        send("admin", "PUT", "/api/org/members/" + CLERK, "{\"unitCode\": \"HQ\", \"position\": \"CLERK\"}");
        send("admin", "PUT", "/api/org/members/finance", "{\"unitCode\": \"HQ\", \"position\": \"FINANCE\"}");
    }

    /** The customers put back into the pool by hand while the archive was written; some are assigned afterwards. */
    private final List<String> released = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * A public pool (公海) per branch: grade A back after 7 days without a follow-up, B after 15, C after 30, D and E
     * exempt, and customers with open complaints exempt; reps hear of it 3 days ahead, claim 5 a day, own at most 40
     * customers without purchases, lock 5; the rep a customer
     * came back from waits 7 days.
     */
    void pools() throws Exception {
        for (String[] branch : new String[][]{{"HZ", "杭州公海"}, {"SZ", "苏州公海"}}) {
            send("admin", "PUT", "/api/pools/" + branch[0] + "-POOL", """
                    {"name": "%s", "unitCodes": ["%s"],
                     "rules": {"followUpDays": {"A": 7, "B": 15, "C": 30}, "exemptWithOpenComplaints": true,
                               "warningDays": 3, "dailyClaimCap": 5, "previousOwnerWaitDays": 7, "ownerCap": 40,
                               "lockCap": 5}}""".formatted(branch[1], branch[0]));
        }
    }

    /**
     * After the customers: the return job sends every customer whose clock ran out back to its pool, and the manager
     * assigns every other customer put back by hand to the next rep of the list.
     */
    void poolWork() throws Exception {
        send("admin", "POST", "/api/admin/pools/sweep", "");
        List<String> handBack = new ArrayList<>(released);
        for (int i = 0; i < handBack.size(); i += 2) {
            sendQuietly("POST", "/api/customers/" + handBack.get(i) + "/assign",
                    "{\"ownerId\": \"" + REPS[(i / 2) % REPS.length] + "\", \"reason\": \"重新分配 (reassigned)\"}");
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8081";
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        var demo = new DemoData((user, method, path, body) -> http(base, user, method, path, body), Instant.now());
        long start = System.nanoTime();
        demo.organisation();
        demo.pools();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int number = i;
            done.add(pool.submit(() -> {
                demo.customer(number, randomFor(seed, number));
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        demo.duplicates();
        demo.poolWork();
        demo.bounce();
        demo.routes();
        System.out.printf("Demo archive written: %d customers, %d requests in %.1f s%n", customers,
                demo.requests.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Each customer draws from its own generator: the same seed, the same customer, whatever the threads do. */
    /**
     * The seed form's further fields (key persons, aliases, assets, premises, bank, markets, requirements, goals,
     * problems, our sales against competitors'; for a person: gender, education, native place, hobbies) for four
     * customers in five; every fifth keeps only the first fields, an incomplete card for its rep's agenda. Drawn from
     * the customer's number alone, so the rest of the demo draws as it did before.
     */
    record SeedForm(String basic, String card) {

        private static final String[] MARKETS = {"浙江", "江苏", "上海", "安徽", "福建", "华东", "华南", "日本"};
        private static final String[] BANKS = {"中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "招商银行"};
        private static final String[] DELIVERY = {"每周二送货", "月初集中送货", "下单后三天内送达", "客户自提"};
        private static final String[] PACKAGING = {"纸箱，每箱 20 件", "托盘缠膜", "原厂包装", "无特殊要求"};
        private static final String[] GOALS = {"三年内进入华东前五", "明年开设两家分店", "提高高端产品比重", "扩大线上销售"};
        private static final String[] PROBLEMS = {"仓库不足，旺季缺货", "回款周期长", "人员流动大", "竞品降价压力大"};
        private static final String[] COMPETITORS = {"世达", "史丹利", "得力", "晨光", "东方红"};
        private static final String[] EDUCATION = {"大专", "本科", "硕士", "高中"};
        private static final String[] HOBBIES = {"茶艺", "登山", "书法", "钓鱼", "摄影"};

        static SeedForm of(boolean person, int number, String contact, int city) {
            if (number % 5 == 4) {
                return new SeedForm("", "");
            }
            Random draw = new Random(number * 7_919L + 17);
            if (person) {
                return new SeedForm(", \"gender\": \"%s\", \"education\": \"%s\", \"nativePlace\": \"%s\", \"hobbies\": \"%s\"".formatted(
                        draw.nextBoolean() ? "FEMALE" : "MALE", pick(draw, EDUCATION), CITIES[draw.nextInt(CITIES.length)],
                        pick(draw, HOBBIES)), "");
            }
            String bank = pick(draw, BANKS);
            String basic = """
                    , "aliases": ["%s"], "fixedAssets": %d, "premises": {"tenure": "%s", "area": %d},
                     "bank": {"bank": "%s%s支行", "accountNumber": "%04d %04d %04d %04d"}, "employees": %d""".formatted(
                    "店" + (number % 97), 500_000 + draw.nextInt(20) * 250_000, draw.nextBoolean() ? "OWNED" : "RENTED",
                    120 + draw.nextInt(40) * 30, bank, CITIES[city], 1000 + draw.nextInt(9000), draw.nextInt(10_000),
                    draw.nextInt(10_000), draw.nextInt(10_000), 10 + draw.nextInt(300));
            String competitor = pick(draw, COMPETITORS);
            String card = """
                    , "keyPersons": [{"role": "LEGAL_REPRESENTATIVE", "name": "%s", "gender": "%s", "title": "董事长",
                                      "mobile": "+86 139 %04d %04d"},
                                     {"role": "GENERAL_MANAGER", "name": "%s", "title": "总经理",
                                      "phones": ["+86 %s %d%03d %04d"]}],
                     "business": {"mainProducts": ["%s"], "markets": ["%s", "%s"],
                                  "requirements": {"delivery": "%s", "packaging": "%s"}, "goals": "%s", "problems": "%s",
                                  "competitorsCarried": ["%s"],
                                  "competitorSales": [{"product": "%s", "period": "2026", "ourSales": %d, "competitor": "%s",
                                                       "competitorSales": %d, "currency": "CNY"}]}""".formatted(
                    person(draw), draw.nextBoolean() ? "FEMALE" : "MALE", draw.nextInt(10_000), draw.nextInt(10_000),
                    contact, AREA_CODES[city], 2 + draw.nextInt(8), draw.nextInt(1000), draw.nextInt(10_000),
                    TRADES[number % TRADES.length][1], pick(draw, MARKETS), pick(draw, MARKETS), pick(draw, DELIVERY),
                    pick(draw, PACKAGING), pick(draw, GOALS), pick(draw, PROBLEMS), competitor,
                    TRADES[number % TRADES.length][1], 50_000 + draw.nextInt(50) * 10_000, competitor,
                    50_000 + draw.nextInt(80) * 10_000);
            return new SeedForm(basic, card);
        }
    }

    static Random randomFor(long seed, int number) {
        return new Random(seed * 1_000_003 + number);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String person(Random random) {
        return pick(random, SURNAMES) + pick(random, GIVEN);
    }

    void customer(int number, Random random) throws Exception {
        boolean forgotten = random.nextInt(20) == 0;
        // a long-standing customer who buys every quarter (loyal)
        boolean loyal = !forgotten && random.nextInt(8) == 0;
        Instant time = now.minus(Duration.ofDays(forgotten ? 400 + random.nextInt(200)
                        : loyal ? 420 + random.nextInt(200) : 30 + random.nextInt(335)))
                .minus(Duration.ofMinutes(random.nextInt(600)));
        Instant registered = time;
        int kind = loyal ? 8 : random.nextInt(8);
        List<Instant> purchases = purchaseDates(kind, random, registered);
        int buying = purchases.isEmpty() ? 0 : kind == 8 && purchases.size() == 4 ? 3 : purchases.size() >= 4 ? 2 : 1;
        int[] grades = GRADES_BY_BUYING[buying];
        int grade = grades[number % grades.length];
        int city = random.nextInt(CITIES.length);
        boolean person = number % NATURES.length == 3;
        String[] trade = TRADES[(number / 10) % TRADES.length];
        String name = person ? person(random)
                : CITIES[city] + BRANDS[number % BRANDS.length] + trade[0] + SUFFIXES[(number / 100) % SUFFIXES.length];
        // an organisation is met through its people; a person is met in person
        String contact = person ? name : person(random);
        String contactTitle = pick(random, TITLES);
        String owner = REPS[random.nextInt(REPS.length)];
        // a local number does not begin with 0 or 1 (the seed's phone rule); drawn as before, so the rest stays as it was
        int local = random.nextInt(10_000);
        int localFirst = 2 + local % 8;
        int localRest = local % 1000;
        SeedForm seedForm = SeedForm.of(person, number, contact, city);
        String id = field(registerByClerk("""
                {"kind": "%s", "nature": "%s", "tier": "%s", "source": "%s", "grade": "%s", "ownerId": "%s",
                 "occurredAt": "%s",
                 "card": {"basic": {"name": "%s", "phones": ["+86 %s %d%03d %04d"], "email": "contact%d@example.com",
                                    "address": {"province": "%s", "city": "%s", "street": "%s%d号"},
                                    %s,
                                    "industry": "%s"%s},
                          "contacts": [%s]%s}}"""
                .formatted(person ? "INDIVIDUAL" : "ORGANIZATION", NATURES[number % NATURES.length],
                        TIERS[number % TIERS.length], SOURCES[random.nextInt(SOURCES.length)], GRADES[grade], owner,
                        time, name, AREA_CODES[city], localFirst, localRest, random.nextInt(10_000), number,
                        PROVINCES[city], CITIES[city], pick(random, STREETS), 1 + random.nextInt(999),
                        person ? "\"birthday\": \"" + LocalDate.ofInstant(now, BUSINESS_ZONE).minusYears(25 + random.nextInt(40))
                                .plusDays(random.nextInt(365)) + "\""
                                : "\"foundedOn\": \"" + LocalDate.ofInstant(now, BUSINESS_ZONE).minusYears(3 + random.nextInt(30))
                                .plusDays(random.nextInt(365)) + "\"",
                        person ? TRADES[random.nextInt(TRADES.length)][1] : trade[1], seedForm.basic(),
                        person ? "" : """
                                {"name": "%s", "role": "%s", "title": "%s", "phones": ["+86 13%d %04d %04d"]}"""
                                .formatted(contact, pick(random, ROLES), contactTitle, random.nextInt(10),
                                        random.nextInt(10_000), random.nextInt(10_000)), seedForm.card()),
                        name),
                "customerId");
        String c = "/api/customers/" + id;
        // a few prospects' cards still wait for review, a few were sent back; the manager signs the others
        boolean waiting = purchases.isEmpty() && number % 10 == 7;
        boolean returned = purchases.isEmpty() && number % 10 == 8;
        if (returned) {
            send(MANAGER, "POST", c + "/admission/return", """
                    {"reasons": [{"field": "basic.address.street", "message": "门牌号待核实 (check the street number)"}],
                     "occurredAt": "%s"}""".formatted(registered.plus(Duration.ofHours(2))));
        } else if (!waiting) {
            send(MANAGER, "POST", c + "/admission/approve", "{\"notes\": \"资料齐全，同意建档\", \"occurredAt\": \""
                    + registered.plus(Duration.ofHours(1)) + "\"}");
        }
        boolean approved = !waiting && !returned;
        List<Bought> bought = purchases(c, number, random, purchases);
        money(c, number, bought);
        Instant firstPurchase = purchases.isEmpty() ? null : purchases.get(0);
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
                     "notes": "%s", "conclusion": "%s", "nextFollowUpOn": "%s"}""".formatted(time,
                    METHODS[random.nextInt(METHODS.length)], contact, pick(random, NOTES), pick(random, CONCLUSIONS),
                    LocalDate.ofInstant(time.plus(Duration.ofDays(cadence)), BUSINESS_ZONE)));
            switch (random.nextInt(8)) {
                case 0 -> send("PATCH", c + "/card", "{\"occurredAt\": \"" + time.plusSeconds(600) + "\", \"basic\": "
                        + "{\"email\": \"buyer" + random.nextInt(100) + "@example.com\"}}");
                case 1 -> {
                    // up or down a step, within the grades that fit how the customer buys
                    int moved = grade + (random.nextBoolean() ? 1 : -1);
                    if (moved >= grades[0] && moved <= grades[grades.length - 1]) {
                        send("PUT", c + "/grade", "{\"grade\": \"" + GRADES[moved] + "\", \"reason\": \""
                                + (moved < grade ? "需求已确认 (need confirmed)" : "预算推迟 (budget postponed)")
                                + "\", \"occurredAt\": \"" + time.plusSeconds(900) + "\"}");
                        grade = moved;
                    }
                }
                default -> {
                    if (firstPurchase != null && time.isAfter(firstPurchase) && random.nextInt(12) == 0) {
                        complaint(c, random, time.plusSeconds(1200), false);
                    }
                }
            }
        }
        Instant recent = now.minus(Duration.ofHours(2 + random.nextInt(200)));
        if (random.nextInt(5) == 0 && firstPurchase != null && firstPurchase.isBefore(recent)) {
            complaint(c, random, recent, true);
        }
        if (approved && !person && number % 10 == 9) {
            // the clerk asks for a higher credit limit: a signed field, it waits for the manager
            send(CLERK, "PATCH", c + "/card", "{\"payment\": {\"creditLimit\": " + (50_000 + 10_000 * random.nextInt(20))
                    + "}}");
        }
        if (approved && !created.isEmpty() && random.nextInt(6) == 0) {
            String referrer = created.get(random.nextInt(created.size()));
            send("PUT", c + "/referrer", "{\"referredBy\": \"" + referrer + "\", \"reason\": \"老客户介绍 (introduced by a customer)\"}");
        }
        created.add(id);
        if (approved && random.nextInt(4) == 0) {
            membershipCard(c, random, registered, now);
        }
        if (!forgotten && random.nextInt(3) == 0) {
            send("POST", c + "/review", "{\"notes\": \"已与客户核对资料\"}");
        }
        if (random.nextInt(25) == 0) {
            send("POST", c + "/archive", "{\"reason\": \"" + LOSS[random.nextInt(LOSS.length)] + "\"}");
        } else if (!forgotten && number % 17 == 5) {
            // the rep keeps this one against the pool (锁定); a rep's sixth lock is refused, which the demo shrugs off
            sendQuietly("POST", c + "/lock", "");
        } else if (!forgotten && number % 23 == 7) {
            sendQuietly("POST", c + "/release", "{\"reason\": \"客户暂无需求，放回公海 (no need for now)\"}");
            released.add(id);
        }
    }

    /** A pool request the demo may see refused (a cap reached, a unit without a pool): the archive says why; no matter. */
    private void sendQuietly(String method, String path, String body) throws Exception {
        sendQuietly(MANAGER, method, path, body);
    }

    private void sendQuietly(String user, String method, String path, String body) throws Exception {
        try {
            send(user, method, path, body);
        } catch (IllegalStateException refused) {
            // a refusal is part of the demo's story too
        }
    }

    /**
     * When the customer buys, over its time with the practice: never for some (prospects), a few times, often, or
     * once in each of the four quarters before this one (loyal; quarters of the business zone).
     */
    private List<Instant> purchaseDates(int kind, Random random, Instant registered) {
        List<Instant> dates = new ArrayList<>();
        long span = Math.max(1, Duration.between(registered, now).toMinutes());
        if (kind >= 3 && kind <= 7) {
            for (int i = 0, n = 1 + random.nextInt(kind == 7 ? 8 : 3); i < n; i++) {
                dates.add(registered.plus(Duration.ofMinutes((long) (random.nextDouble() * span))));
            }
        } else if (kind == 8 && span > 400L * 24 * 60) {
            LocalDate today = LocalDate.ofInstant(now, BUSINESS_ZONE);
            LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
            for (int back = 1; back <= 4; back++) {
                // 10:00 in Beijing, on a day of the quarter
                dates.add(quarter.minusMonths(3L * back).plusDays(random.nextInt(85)).atTime(10, 0)
                        .atZone(BUSINESS_ZONE).toInstant());
            }
        }
        dates.replaceAll(at -> at.isAfter(now) ? now : at);
        dates.sort(null);
        return dates;
    }

    /** A purchase as the demo recorded it: its number, when, how many for how much (in cents), cancelled or not. */
    record Bought(int purchaseNo, Instant at, int quantity, long cents, boolean cancelled) {
    }

    /** The purchases, an occasional one cancelled as booked in error. */
    private List<Bought> purchases(String c, int number, Random random, List<Instant> dates) throws Exception {
        List<Bought> bought = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
            int quantity = 1 + random.nextInt(50);
            int yuan = 100 + random.nextInt(20_000);
            int fen = random.nextInt(100);
            send("POST", c + "/purchases", """
                    {"occurredAt": "%s", "product": "%s", "quantity": %d, "amount": %d.%02d, "orderRef": "SO-%d-%d"}"""
                    .formatted(dates.get(i), product, quantity, yuan, fen, number + 1, i + 1));
            boolean cancelled = random.nextInt(15) == 0;
            if (cancelled) {
                send("POST", c + "/purchases/" + (i + 1) + "/cancel", "{\"reason\": \"录入错误 (booked in error)\"}");
            }
            bought.add(new Bought(i + 1, dates.get(i), quantity, yuan * 100L + fen, cancelled));
        }
        return bought;
    }

    /** The terms finance proposes for a buying customer: cash, net 30 or 60 days, or a monthly statement on the 25th. */
    private static final com.customerarchive.events.PaymentTerms[] TERMS = {com.customerarchive.events.PaymentTerms.CASH,
            com.customerarchive.events.PaymentTerms.netDays(30), com.customerarchive.events.PaymentTerms.netDays(60),
            com.customerarchive.events.PaymentTerms.monthlyStatement(25)};
    /** Each customer's collections as recorded, by customer number: the last one may bounce at the end. */
    private final java.util.concurrent.ConcurrentSkipListMap<Integer, String[]> lastCollection =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    /**
     * Money after the sale (发货 · 回款) for a buying customer, from a generator of its own (the other draws stay as
     * they were): finance proposes its terms, a limit and a rating, and a manager approves them; every purchase not
     * cancelled ships in one or two parts a few days later; most customers pay around the due day, about one in nine
     * pays one to five months late (一个 late payer), one in 27 of those not at all yet.
     */
    void money(String c, int number, List<Bought> bought) throws Exception {
        if (bought.stream().allMatch(Bought::cancelled)) {
            return;
        }
        Random random = new Random(number * 7919L + 17);
        var terms = TERMS[random.nextInt(TERMS.length)];
        long biggest = bought.stream().mapToLong(Bought::cents).max().orElse(0) / 100;
        String rating = new String[]{"AAA", "AA", "A", "B", "C"}[random.nextInt(5)];
        String proposed = send(FINANCE, "PUT", c + "/credit", """
                {"terms": %s, "creditLimits": {"CNY": %d}, "creditRating": "%s"}""".formatted(termsJson(terms),
                (biggest * 3 / 10_000 + 1) * 10_000, rating));
        java.util.regex.Matcher proposal = java.util.regex.Pattern.compile("\"proposalId\"\\s*:\\s*\"([0-9a-f-]{36})\"")
                .matcher(proposed);
        if (proposal.find()) {
            send(MANAGER, "POST", c + "/proposals/" + proposal.group(1) + "/approve",
                    "{\"notes\": \"信用条件已核实 (credit checked)\"}");
        }
        boolean late = number % 9 == 4;
        boolean neverPays = number % 27 == 4;
        int shipmentNo = 0;
        int collectionNo = 0;
        for (Bought purchase : bought) {
            if (purchase.cancelled()) {
                continue;
            }
            Instant first = purchase.at().plus(Duration.ofDays(1 + random.nextInt(7)));
            boolean split = purchase.quantity() >= 2 && random.nextInt(3) == 0;
            int firstQuantity = split ? purchase.quantity() / 2 : purchase.quantity();
            long firstCents = split ? purchase.cents() * firstQuantity / purchase.quantity() : purchase.cents();
            List<Object[]> parts = new ArrayList<>();
            parts.add(new Object[]{first, firstQuantity, firstCents});
            if (split) {
                parts.add(new Object[]{first.plus(Duration.ofDays(3 + random.nextInt(18))),
                        purchase.quantity() - firstQuantity, purchase.cents() - firstCents});
            }
            for (Object[] part : parts) {
                Instant shippedAt = (Instant) part[0];
                if (shippedAt.isAfter(now.minus(Duration.ofHours(1)))) {
                    continue; // not shipped yet: an open order
                }
                shipmentNo++;
                long cents = (long) part[2];
                send(FINANCE, "POST", c + "/purchases/" + purchase.purchaseNo() + "/shipments", """
                        {"shippedAt": "%s", "quantity": %d, "amount": %s, "reference": "DN-%d-%d"}"""
                        .formatted(shippedAt, (int) part[1], yuan(cents), number + 1, shipmentNo));
                LocalDate due = terms.dueOn(LocalDate.ofInstant(shippedAt, BUSINESS_ZONE));
                int delay = late ? 35 + random.nextInt(115) : random.nextInt(18) - 5;
                Instant receivedAt = due.plusDays(delay).atTime(15, 0).atZone(BUSINESS_ZONE).toInstant();
                if (neverPays || receivedAt.isAfter(now)) {
                    continue; // still open
                }
                if (receivedAt.isBefore(shippedAt)) {
                    receivedAt = shippedAt.plus(Duration.ofMinutes(30)); // paid on delivery
                }
                collectionNo++;
                String reference = "BANK-%d-%d".formatted(number + 1, collectionNo);
                send(FINANCE, "POST", c + "/collections", """
                        {"receivedAt": "%s", "amount": %s, "reference": "%s"}""".formatted(receivedAt, yuan(cents),
                        reference));
                lastCollection.put(number, new String[]{c, reference, receivedAt.toString()});
            }
        }
    }

    /**
     * One bounced payment (退票) in the archive: the last collection of the first customer (by number) who paid, reversed
     * a day after it came in (or now).
     */
    void bounce() throws Exception {
        var first = lastCollection.firstEntry();
        if (first == null) {
            return;
        }
        Instant at = Instant.parse(first.getValue()[2]).plus(Duration.ofDays(1));
        send(FINANCE, "POST", first.getValue()[0] + "/collections/" + first.getValue()[1] + "/reverse", """
                {"reason": "退票：银行退回 (the cheque bounced)", "occurredAt": "%s"}""".formatted(at.isAfter(now) ? now : at));
    }

    /**
     * The two demo routes: route number, branch (所别), the rep who owns its outlets, and the city. The development
     * manager (no member of the organisation: it leads) stands in for the team leader and writes the reps' checks.
     */
    static final String[][] ROUTES = {{"HZ-R01", "杭州所", "rep-li", "杭州"}, {"SZ-R01", "苏州所", "rep-zhao", "苏州"}};
    /** Outlets per route, and the weeks of store checks before this week. */
    static final int OUTLETS = 30;
    static final int WEEKS = 8;
    /** The seed's trade types (业种) the outlets are of, in turn. */
    static final String[] TRADE_TYPES = {"11", "12", "13", "14", "15", "16", "21", "22", "23"};
    private static final String[] SHOP_KINDS = {"百货商场", "便利店", "超市", "连锁超市", "大卖场", "面包店", "餐厅", "饭店",
        "娱乐城"};
    /** The SKUs an outlet stocks: every outlet PET500 and CAN340; by turns PET1L, TP or PET490. */
    private static final String[][] SHELVES = {{"PET500", "CAN340", "PET1L"}, {"PET500", "CAN340", "TP"},
        {"PET500", "CAN340", "PET490", "PET1L"}};

    /**
     * The route card (客户卡运用及管理): two routes of 30 outlets (grades C, D and E: a gap of three weeks between visits
     * never sends one back to the public pool), each outlet registered by the manager for its rep and put
     * on its route (the last three of each route only from the fifth week: new outlets), then eight
     * weeks of store checks before this week on each outlet's visit weeks and weekday. The shelf stays consistent (stock
     * never above the last stock plus what was delivered), except some checks the archive refuses as inconsistent (the
     * rep then counts again); one check corrects the previous count with a reason. rep-zhao (SZ-R01) skips its Friday
     * outlets. The team leader writes remarks on three outlets of each route; one is acknowledged.
     */
    void routes() throws Exception {
        Random random = new Random(30);
        LocalDate firstMonday = com.customerarchive.events.route.VisitWeek.of(LocalDate.ofInstant(now, BUSINESS_ZONE))
                .monday().minusWeeks(WEEKS);
        Instant registered = firstMonday.minusDays(14).atTime(9, 0).atZone(BUSINESS_ZONE).toInstant();
        for (String[] route : ROUTES) {
            String[] outlets = new String[OUTLETS + 1];
            java.util.Map<String, Integer> stock = new java.util.HashMap<>();
            for (int seq = 1; seq <= OUTLETS; seq++) {
                int kind = (seq - 1) % TRADE_TYPES.length;
                String name = route[3] + BRANDS[seq % BRANDS.length] + SHOP_KINDS[kind] + "（" + route[0] + "-" + seq + "）";
                outlets[seq] = field(registerByClerk("""
                        {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "ON_SITE",
                         "grade": "%s", "ownerId": "%s", "occurredAt": "%s",
                         "card": {"basic": {"name": "%s", "phones": ["+86 %s 8%03d %04d"], "industry": "零售",
                                            "address": {"city": "%s", "street": "%s%d号"}},
                                  "contacts": [{"name": "%s", "role": "DECISION_MAKER", "title": "店主"}]}}"""
                        .formatted(GRADES[2 + seq % 3], route[2], registered.plus(Duration.ofMinutes(seq)), name,
                                route[0].startsWith("HZ") ? "571" : "512", seq, 1000 + seq, route[3],
                                STREETS[seq % STREETS.length], seq, SURNAMES[seq % SURNAMES.length]
                                        + GIVEN[(seq + route[0].length()) % GIVEN.length]), name), "customerId");
                // the clerk entered the card (录入), the manager signs it: the outlet gets its code (客户编号)
                send(MANAGER, "POST", "/api/customers/" + outlets[seq] + "/admission/approve",
                        "{\"notes\": \"店铺资料已核实\", \"occurredAt\": \"" + registered.plus(Duration.ofHours(2)) + "\"}");
                // the new outlets come on the route at the start of the fifth week: due from then on, never before
                Instant placed = seq > OUTLETS - 3 ? firstMonday.plusWeeks(4).atTime(8, 0)
                        .atZone(BUSINESS_ZONE).toInstant() : registered.plus(Duration.ofDays(1));
                send(MANAGER, "PUT", "/api/customers/" + outlets[seq] + "/route", """
                        {"route": {"branch": "%s", "routeNo": "%s", "sequence": %d, "visitWeeks": %s,
                                   "weekday": "%s"}, "tradeType": "%s", "occurredAt": "%s"}"""
                        .formatted(route[1], route[0], seq, visitWeeks(seq), weekday(seq), TRADE_TYPES[kind], placed));
            }
            for (int week = 0; week < WEEKS; week++) {
                var visitWeek = com.customerarchive.events.route.VisitWeek.of(firstMonday.plusWeeks(week));
                for (int seq = 1; seq <= OUTLETS; seq++) {
                    boolean due = visitWeeks(seq).contains(String.valueOf(visitWeek.cycleWeek()))
                            && (seq <= OUTLETS - 3 || week > 3);
                    if (!due || route[2].equals("rep-zhao") && weekday(seq).equals("FRIDAY")) {
                        continue;
                    }
                    Instant at = visitWeek.monday().plusDays(java.time.DayOfWeek.valueOf(weekday(seq)).getValue() - 1L)
                            .atTime(9, 0).plusMinutes(12L * seq).atZone(BUSINESS_ZONE).toInstant();
                    storeCheck(route, outlets[seq], seq, week, at, stock, random);
                }
            }
            for (int seq : new int[]{2, 9, 15}) {
                send(MANAGER, "POST", "/api/customers/" + outlets[seq] + "/remarks", """
                        {"text": "%s"}""".formatted(seq == 2 ? "PET500 连续两周断货，下次送货加到20箱"
                        : seq == 9 ? "生动化不到位，请补陈列并拍照" : "进货和库存对不上，请当面和店主核对"));
                if (seq == 2) {
                    // the outlet's first remark: number 1
                    send(MANAGER, "POST", "/api/customers/" + outlets[seq] + "/remarks/1/acknowledge", "{}");
                }
            }
        }
    }

    /** Whether the demo's one correction of a previous count was written. */
    private boolean correctionMade;

    /** An outlet's visit weeks of the four-week cycle by its place on the route: [1,3], [2,4] or every week. */
    static String visitWeeks(int seq) {
        return seq % 3 == 0 ? "[1, 2, 3, 4]" : seq % 3 == 1 ? "[1, 3]" : "[2, 4]";
    }

    /** Monday to Saturday by turns. */
    static String weekday(int seq) {
        return java.time.DayOfWeek.of(1 + (seq - 1) % 6).name();
    }

    /** One visit's store check; an impossible count first where the demo shows the refusal, a correction once. */
    private void storeCheck(String[] route, String outlet, int seq, int week, Instant at,
                            java.util.Map<String, Integer> stock, Random random) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> impossible = new ArrayList<>();
        java.util.Map<String, Integer> next = new java.util.HashMap<>();
        for (String sku : SHELVES[seq % SHELVES.length]) {
            Integer previous = stock.get(outlet + sku);
            int delivered = previous == null || random.nextInt(3) == 0 ? 0 : 2 + random.nextInt(10);
            int counted;
            String correction = "";
            if (previous == null) {
                counted = random.nextInt(5) == 0 ? 0 : 3 + random.nextInt(10);
            } else if (!correctionMade && week >= 4 && seq == 7 && route[0].startsWith("HZ")) {
                correctionMade = true;
                // the last count missed a shelf: it was ten more; today's count follows from the corrected one
                counted = previous + 10 + delivered - 2;
                correction = ", \"correctedPreviousStock\": %d, \"correctionReason\": \"上次盘点漏数了一层货架 (a shelf was missed at the last count)\""
                        .formatted(previous + 10);
            } else {
                counted = random.nextInt(previous + delivered + 1);
            }
            next.put(outlet + sku, counted);
            String line = "{\"sku\": \"%s\", \"stock\": %d, \"delivered\": %d, \"facings\": %d, \"merchandised\": %s%s}"
                    .formatted(sku, counted, delivered, 1 + random.nextInt(6), random.nextInt(3) == 0, correction);
            lines.add(line);
            impossible.add(previous != null && week == 3 && seq % 10 == 4 && impossible.isEmpty()
                    ? line.replace("\"stock\": " + counted + ",", "\"stock\": " + (previous + delivered + 5) + ",") : line);
        }
        String visit = "{\"method\": \"ON_SITE_VISIT\", \"occurredAt\": \"%s\", \"notes\": \"店头检查 (store check)\", "
                + "\"storeCheck\": [%s]}";
        if (!impossible.equals(lines)) {
            // written down wrong: more on the shelf than was there plus what came; the archive refuses it (409
            // store-check-inconsistent) and the rep counts again
            sendQuietly(MANAGER, "POST", "/api/customers/" + outlet + "/visits",
                    visit.formatted(at, String.join(", ", impossible)));
        }
        send(MANAGER, "POST", "/api/customers/" + outlet + "/visits", visit.formatted(at.plusSeconds(600),
                String.join(", ", lines)));
        stock.putAll(next);
    }

    private static String termsJson(com.customerarchive.events.PaymentTerms terms) {
        return switch (terms.kind()) {
            case CASH -> "{\"kind\": \"CASH\"}";
            case NET_DAYS -> "{\"kind\": \"NET_DAYS\", \"days\": " + terms.days() + "}";
            case MONTHLY_STATEMENT -> "{\"kind\": \"MONTHLY_STATEMENT\", \"day\": " + terms.day() + "}";
        };
    }

    private static String yuan(long cents) {
        return "%d.%02d".formatted(cents / 100, cents % 100);
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
            case 4 -> send("POST", c + "/membership-card/cancel", "{\"reason\": \"不再到店消费\"}");
            default -> {
                // live, or expired (state 1)
            }
        }
    }

    /** A complaint carried to a random point of its lifecycle; a recent one left open may be past its target. */
    private void complaint(String c, Random random, Instant filed, boolean leaveOpen) throws Exception {
        int category = random.nextInt(CATEGORIES.length);
        String complaint = c + "/complaints/" + field(send("POST", c + "/complaints", """
                {"category": "%s", "severity": "%s", "description": "%s", "channel": "电话",
                 "occurredAt": "%s"}""".formatted(CATEGORIES[category], SEVERITIES[random.nextInt(4)],
                COMPLAINTS[category][0], filed)), "complaintId");
        int stage = leaveOpen ? random.nextInt(2) : new int[]{2, 3, 4, 4, 4, 4, 4, 4, 4, 5}[random.nextInt(10)];
        Instant latest = now.minus(Duration.ofMinutes(1));
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
            send("POST", complaint + "/resolve", "{\"resolution\": \"" + COMPLAINTS[category][1] + "\", \"responsibility\": \""
                    + (random.nextBoolean() ? "OURS" : "THIRD_PARTY") + "\", \"occurredAt\": \"" + at + "\"}");
        }
        if (stage >= 3) {
            at = at.plus(Duration.ofDays(2));
            send("POST", complaint + "/follow-up", "{\"satisfaction\": " + (1 + random.nextInt(5))
                    + ", \"notes\": \"" + COMPLAINTS[category][2] + "\", \"occurredAt\": \"" + at + "\"}");
        }
        if (stage >= 4) {
            send("POST", complaint + "/close", "{\"occurredAt\": \"" + at.plusSeconds(3600) + "\"}");
        }
        if (stage >= 5) {
            send("POST", complaint + "/reopen", "{\"reason\": \"问题再次出现 (the fault came back)\", \"occurredAt\": \""
                    + at.plusSeconds(7200) + "\"}");
        }
    }

    /**
     * The clerk's registration of a card. The demo's names repeat in a city (杭州恒达茶业有限公司 and 杭州恒达茶业股份有限公司
     * are one name to the duplicate check): another company of the same name is told apart as the clerk would, by its
     * shop number, so that every demo card can be signed by the manager (who could not sign a card he forced in).
     */
    private String registerByClerk(String body, String name) throws Exception {
        String named = body;
        for (int shop = 2; ; shop++) {
            try {
                return send(CLERK, "POST", "/api/customers", named);
            } catch (IllegalStateException refused) {
                if (shop > 30 || refused.getMessage() == null || !refused.getMessage().contains("possible-duplicate")) {
                    throw refused;
                }
                named = body.replace("\"name\": \"" + name + "\"", "\"name\": \"" + name + "（" + shop + "号店）\"");
            }
        }
    }

    /**
     * A registration; one the archive refuses as a possible duplicate (409 possible-duplicate: the demo's names repeat
     * with 有限公司 and 股份有限公司) is sent again by the manager with force and the reason.
     */
    private String register(String body, String forceReason) throws Exception {
        try {
            return send("POST", "/api/customers", body);
        } catch (IllegalStateException refused) {
            if (refused.getMessage() == null || !refused.getMessage().contains("possible-duplicate")) {
                throw refused;
            }
            return send("POST", "/api/customers", body.replaceFirst("\\{", "{\"force\": true, \"forceReason\": \""
                    + forceReason + "\", "));
        }
    }

    /**
     * Two duplicates (客户归属) of the kind the seeds warn of: a branch registered again by a second rep that the manager
     * keeps apart (force, with the reason), and a company registered twice that the manager merges into the first.
     */
    void duplicates() throws Exception {
        String again = "演示数据再次写入 (the demo written again)";
        Instant at = now.minus(Duration.ofDays(20));
        register(organisation("rep-wang", at, "绍兴鉴湖黄酒有限公司", "绍兴", "浙江", "+86 575 8512 3400",
                "91330600MA2BX1J8K3"), again);
        register(organisation("rep-li", at.plus(Duration.ofDays(1)), "绍兴鉴湖黄酒", "绍兴", "浙江", "+86 575 8512 9900",
                null).replaceFirst("\\{", "{\"force\": true, \"forceReason\": \"集团下属独立核算的分公司，单独开票 "
                + "(a branch of the group that keeps its own accounts and invoices)\", "), again);
        String first = field(register(organisation("rep-chen", at.plus(Duration.ofDays(2)), "苏州金鸡湖电子科技有限公司",
                "苏州", "江苏", "0512-6688 1200", null), again), "customerId");
        String twice = field(send("POST", "/api/customers", organisation("rep-zhou", at.plus(Duration.ofDays(3)),
                        "苏州金鸡湖电子科技", "苏州", "江苏", "+86 512 6688 1200", null).replaceFirst("\\{",
                        "{\"force\": true, \"forceReason\": \"业务员未查到已有档案 (the rep did not find the card)\", ")),
                "customerId");
        send("POST", "/api/customers/" + twice + "/merge-into/" + first, "{\"reason\": \"同一家公司被两位业务员重复登记 "
                + "(the same company registered twice by two reps)\", \"occurredAt\": \"" + at.plus(Duration.ofDays(4))
                + "\"}");
    }

    private static String organisation(String owner, Instant at, String name, String city, String province,
                                       String phone, String taxNumber) {
        return """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "%s", "occurredAt": "%s",
                 "card": {"basic": {"name": "%s", "phones": ["%s"], "address": {"province": "%s", "city": "%s"}%s}}}"""
                .formatted(owner, at, name, phone, province, city,
                        taxNumber == null ? "" : ", \"taxNumber\": \"" + taxNumber + "\"");
    }

    private String send(String method, String path, String body) throws Exception {
        return send(MANAGER, method, path, body);
    }

    private String send(String user, String method, String path, String body) throws Exception {
        requests.incrementAndGet();
        return sender.send(user, method, path, body);
    }

    private static String http(String base, String user, String method, String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 409 && path.contains("/admission/") && response.body().contains("admission-not-pending")) {
            // review is off in this archive (archive.admission.enabled=false): every card was approved at once
            return response.body();
        }
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
