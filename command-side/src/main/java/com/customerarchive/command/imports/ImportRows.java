package com.customerarchive.command.imports;

import com.customerarchive.command.web.CompleteCard;
import com.customerarchive.events.Address;
import com.customerarchive.events.BankAccount;
import com.customerarchive.events.Premises;
import com.customerarchive.events.PremisesTenure;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.BusinessSection;
import com.customerarchive.events.Contact;
import com.customerarchive.events.ContactRole;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.platform.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer sheet's rows read as registrations: every cell checked by the rules the API applies to a registration
 * (the card's constraints, the enumerations, the owner within the importer's scope, a date not in the future), each
 * bad cell named by its row and column. Enumerations take their names or their labels in either language.
 */
final class ImportRows {

    /**
     * A cell the import cannot take: its row (as Excel numbers it), its column's header and field, and why; the sheet
     * as the workbook names it (none for a CSV file).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record CellError(int row, String column, String field, String message, String sheet) {
    }

    /** A row the import would register. */
    record Accepted(int row, Registration registration) {
    }

    /** The rows read: those accepted, every bad cell, the rows rejected, and the row each reference was first on. */
    record Read(List<Accepted> accepted, List<CellError> errors, int rejectedRows, List<String> ignoredColumns,
                Map<String, Integer> rowsByRef) {
    }

    /** A row of a visit or purchase sheet the import would record. */
    record AcceptedEntry(int row, Entry entry) {
    }

    record EntryRead(List<AcceptedEntry> accepted, List<CellError> errors, int rejectedRows) {
    }

    /** The import's own messages in the reader's language ({@code import.*} in messages). */
    record Text(org.springframework.context.MessageSource messages, Locale locale) {

        String get(String key, Object... arguments) {
            return messages.getMessage("import." + key, arguments, key, locale);
        }

        boolean english() {
            return !locale.getLanguage().equals(Locale.CHINESE.getLanguage());
        }
    }

    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern LIST = Pattern.compile("\\s*[;；,，、/]\\s*");
    private static final Pattern INDEX = Pattern.compile("\\[\\d*]|\\.<[^>]+>");

    private static final Map<Class<?>, Map<String, String>> LABELS = Map.of(
            CustomerKind.class, Map.of("个人", "INDIVIDUAL", "单位", "ORGANIZATION", "企业", "ORGANIZATION",
                    "organisation", "ORGANIZATION"),
            CustomerNature.class, Map.of("政府机关", "GOVERNMENT", "特殊公司", "SPECIAL_PARTNER", "普通公司", "COMPANY",
                    "个人", "INDIVIDUAL", "交易伙伴", "TRADING_PARTNER", "special partner", "SPECIAL_PARTNER",
                    "trading partner", "TRADING_PARTNER"),
            CustomerTier.class, Map.of("主力客户", "KEY", "一般客户", "REGULAR", "零散客户", "OCCASIONAL",
                    "key customer", "KEY"),
            InformationSource.class, Map.ofEntries(Map.entry("问卷调查", "QUESTIONNAIRE"),
                    Map.entry("电话访谈", "PHONE_INTERVIEW"), Map.entry("实地走访", "ON_SITE"), Map.entry("活动", "EVENT"),
                    Map.entry("转介绍", "REFERRAL"), Map.entry("展会", "EXHIBITION"), Map.entry("网站", "WEBSITE"),
                    Map.entry("其他", "OTHER"), Map.entry("phone interview", "PHONE_INTERVIEW"),
                    Map.entry("on site", "ON_SITE")),
            Grade.class, Map.of(),
            PremisesTenure.class, Map.of("自有", "OWNED", "租用", "RENTED"),
            VisitMethod.class, Map.ofEntries(Map.entry("外访", "ON_SITE_VISIT"), Map.entry("上门拜访", "ON_SITE_VISIT"),
                    Map.entry("拜访", "ON_SITE_VISIT"), Map.entry("电话", "PHONE"), Map.entry("邮寄", "MAIL"),
                    Map.entry("信函", "MAIL"), Map.entry("展会", "EXHIBITION"), Map.entry("客户来访", "CUSTOMER_CAME"),
                    Map.entry("来访", "CUSTOMER_CAME"), Map.entry("线上", "ONLINE"), Map.entry("网络", "ONLINE"),
                    Map.entry("其他", "OTHER"), Map.entry("on-site visit", "ON_SITE_VISIT"),
                    Map.entry("visit", "ON_SITE_VISIT"), Map.entry("customer came", "CUSTOMER_CAME")),
            ContactRole.class, Map.of("决策者", "DECISION_MAKER", "影响者", "INFLUENCER", "使用者", "USER",
                    "推荐者", "RECOMMENDER", "控制者", "CONTROLLER", "看门人", "GATEKEEPER",
                    "decision maker", "DECISION_MAKER"));

    private final SheetReader.Sheet sheet;
    private final Map<ImportColumn, Integer> columns;
    private final List<String> headers;
    private final List<String> ignored;
    private final Validator validator;
    private final Predicate<String> inScope;
    private final ZoneId zone;
    private final Instant now;
    private final Text text;

    private ImportRows(SheetReader.Sheet sheet, Map<ImportColumn, Integer> columns, List<String> ignored,
                       Validator validator, Predicate<String> inScope, ZoneId zone, Instant now, Text text) {
        this.sheet = sheet;
        this.headers = sheet.headers();
        this.text = text;
        this.columns = columns;
        this.ignored = ignored;
        this.validator = validator;
        this.inScope = inScope;
        this.zone = zone;
        this.now = now;
    }

    /**
     * Matches the sheet's headers to the columns of its kind (the names each column is known by, and those
     * configured); a file whose sheet lacks a required column is refused whole, naming it.
     */
    static ImportRows of(SheetReader.Sheet sheet, Map<String, List<String>> configured, Validator validator,
                         Predicate<String> inScope, ZoneId zone, Instant now, Text text) {
        Map<String, ImportColumn> known = new LinkedHashMap<>();
        for (ImportColumn column : sheet.kind().columns()) {
            column.names().forEach(name -> known.put(ImportColumn.normalise(name), column));
            configured.getOrDefault(column.configKey(), List.of())
                    .forEach(name -> known.put(ImportColumn.normalise(name), column));
        }
        Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < sheet.headers().size(); i++) {
            String header = sheet.headers().get(i);
            ImportColumn column = known.get(ImportColumn.normalise(header));
            if (column == null || columns.containsKey(column)) {
                if (header != null && !header.isBlank()) {
                    ignored.add(header.strip());
                }
                continue;
            }
            columns.put(column, i);
        }
        List<com.customerarchive.platform.web.ProblemResponses.FieldError> absent = sheet.kind().columns().stream()
                .filter(column -> column.required() && !columns.containsKey(column))
                .map(column -> new com.customerarchive.platform.web.ProblemResponses.FieldError("file",
                        (sheet.name() == null ? "" : "sheet " + sheet.name() + ": ")
                                + "no column " + column.header(false).replace(" *", "") + " / "
                                + column.header(true).replace(" *", "") + " (" + column.field() + ")"))
                .toList();
        if (!absent.isEmpty()) {
            throw new InvalidRequestException(absent);
        }
        return new ImportRows(sheet, columns, List.copyOf(ignored), validator, inScope, zone, now, text);
    }

    /** The sheet read. */
    SheetReader.Sheet sheet() {
        return sheet;
    }

    /** The columns of the sheet nothing is read from (headers of no column, or of one seen before). */
    List<String> ignoredColumns() {
        return ignored;
    }

    Read read(List<SheetReader.Row> rows) {
        List<Accepted> accepted = new ArrayList<>();
        List<CellError> errors = new ArrayList<>();
        Map<String, Integer> refs = new java.util.HashMap<>();
        int rejected = 0;
        for (SheetReader.Row row : rows) {
            List<CellError> bad = new ArrayList<>();
            Registration registration = registration(row, bad);
            String ref = value(row, ImportColumn.EXTERNAL_REF);
            if (ref != null) {
                Integer earlier = refs.putIfAbsent(ref, row.number());
                if (earlier != null) {
                    bad.add(error(row, ImportColumn.EXTERNAL_REF, text.get("sameRef", earlier)));
                }
            }
            if (bad.isEmpty() && registration != null) {
                accepted.add(new Accepted(row.number(), registration));
            } else {
                rejected++;
                errors.addAll(bad);
            }
        }
        return new Read(accepted, errors, rejected, ignored, refs);
    }

    /** The customer references a visit or purchase sheet's rows name (to look up those imported before). */
    java.util.Set<String> customerRefs(List<SheetReader.Row> rows) {
        ImportColumn column = customerColumn();
        java.util.Set<String> refs = new java.util.HashSet<>();
        rows.forEach(row -> {
            String ref = value(row, column);
            if (ref != null) {
                refs.add(ref);
            }
        });
        return refs;
    }

    private ImportColumn customerColumn() {
        return sheet.kind() == ImportColumn.Sheet.VISITS ? ImportColumn.VISIT_CUSTOMER : ImportColumn.PURCHASE_CUSTOMER;
    }

    /**
     * A visit or purchase sheet's rows read as what they record, each cell checked as the API checks the visit or the
     * purchase; {@code customerProblem} says why a customer reference cannot be taken (null when it can: a customer
     * of the file's first sheet to be registered, or one an earlier import registered). A visit without its own
     * reference is known by what it says (its customer, time, method, contact, notes and conclusion, and how many such
     * rows came before it), a purchase by its customer and order reference: the same file again records nothing new.
     */
    EntryRead readEntries(List<SheetReader.Row> rows, java.util.function.Function<String, String> customerProblem) {
        List<AcceptedEntry> accepted = new ArrayList<>();
        List<CellError> errors = new ArrayList<>();
        Map<String, Integer> keys = new java.util.HashMap<>();
        Map<String, Integer> alike = new java.util.HashMap<>();
        int rejected = 0;
        ImportColumn customerColumn = customerColumn();
        for (SheetReader.Row row : rows) {
            List<CellError> bad = new ArrayList<>();
            String customer = value(row, customerColumn);
            if (customer == null) {
                bad.add(error(row, customerColumn, text.get("blank")));
            } else {
                String problem = customerProblem.apply(customer);
                if (problem != null) {
                    bad.add(error(row, customerColumn, problem));
                }
            }
            Entry entry = sheet.kind() == ImportColumn.Sheet.VISITS ? visit(row, customer, bad) : purchase(row, customer, bad);
            if (entry != null && bad.isEmpty()) {
                String identity = entry.key();
                if (entry instanceof Entry.Visit && value(row, ImportColumn.VISIT_REF) == null) {
                    // rows alike are told apart by their order among themselves
                    identity += "\n#" + alike.merge(identity, 1, Integer::sum);
                }
                String key = Entry.digest(identity);
                entry = entry.withKey(key);
                Integer earlier = keys.putIfAbsent(key, row.number());
                if (earlier != null) {
                    bad.add(error(row, entry instanceof Entry.Visit ? ImportColumn.VISIT_REF : ImportColumn.PURCHASE_ORDER,
                            text.get("sameEntry", earlier)));
                }
            }
            if (bad.isEmpty() && entry != null) {
                accepted.add(new AcceptedEntry(row.number(), entry));
            } else {
                rejected++;
                errors.addAll(bad);
            }
        }
        return new EntryRead(accepted, errors, rejected);
    }

    private static final Pattern ORDER_REF = Pattern.compile(
            com.customerarchive.command.customer.RecordPurchaseCommand.REFERENCE);

    private Entry.Visit visit(SheetReader.Row row, String customer, List<CellError> bad) {
        Instant at = when(row, ImportColumn.VISIT_AT, true, bad);
        VisitMethod method = choice(row, ImportColumn.VISIT_METHOD, VisitMethod.class, bad);
        String contact = text(row, ImportColumn.VISIT_CONTACT, 100, bad);
        ContactRole role = value(row, ImportColumn.VISIT_CONTACT_ROLE) == null ? null
                : choice(row, ImportColumn.VISIT_CONTACT_ROLE, ContactRole.class, bad);
        if (role != null && contact == null) {
            bad.add(error(row, ImportColumn.VISIT_CONTACT, text.get("blank")));
        }
        String notes = text(row, ImportColumn.VISIT_NOTES, 4000, bad);
        String conclusion = text(row, ImportColumn.VISIT_CONCLUSION, 2000, bad);
        String ref = text(row, ImportColumn.VISIT_REF, 64, bad);
        LocalDate next = day(row, ImportColumn.VISIT_NEXT, bad);
        if (next != null && at != null) {
            LocalDate visited = at.atZone(zone).toLocalDate();
            if (!com.customerarchive.command.customer.RecordVisitCommand.followUpWithin(visited, next)) {
                bad.add(error(row, ImportColumn.VISIT_NEXT, text.get("followUp",
                        com.customerarchive.command.customer.RecordVisitCommand.MAX_FOLLOW_UP_YEARS)));
            }
        }
        if (!bad.isEmpty()) {
            return null;
        }
        // what it is known by, digested once the sheet is read (readEntries)
        String key = ref != null ? "visit\n" + customer + "\n" + ref
                : String.join("\n", "visit", customer, at.toString(), method.name(), String.valueOf(contact),
                String.valueOf(role), String.valueOf(notes), String.valueOf(conclusion));
        return new Entry.Visit(customer, key, at, method, contact, role, notes, conclusion, next);
    }

    private Entry.Purchase purchase(SheetReader.Row row, String customer, List<CellError> bad) {
        String order = value(row, ImportColumn.PURCHASE_ORDER);
        if (order == null) {
            bad.add(error(row, ImportColumn.PURCHASE_ORDER, text.get("blank")));
        } else if (order.length() > 100 || !ORDER_REF.matcher(order).matches()) {
            bad.add(error(row, ImportColumn.PURCHASE_ORDER, text.get("orderRef")));
        }
        Instant at = when(row, ImportColumn.PURCHASE_AT, true, bad);
        String product = text(row, ImportColumn.PURCHASE_PRODUCT, 200, bad);
        if (product == null) {
            bad.add(error(row, ImportColumn.PURCHASE_PRODUCT, text.get("blank")));
        }
        BigDecimal quantity = positive(row, ImportColumn.PURCHASE_QUANTITY, 12, 4, bad);
        BigDecimal amount = positive(row, ImportColumn.PURCHASE_AMOUNT, 15, 2, bad);
        String currency = value(row, ImportColumn.PURCHASE_CURRENCY);
        currency = currency == null ? "CNY" : currency.toUpperCase(Locale.ROOT);
        if (!com.customerarchive.command.web.Currencies.isIso4217(currency)) {
            bad.add(error(row, ImportColumn.PURCHASE_CURRENCY, text.get("currency")));
        }
        if (!bad.isEmpty()) {
            return null;
        }
        return new Entry.Purchase(customer, "purchase\n" + customer + "\n" + order, order, product,
                quantity, amount.setScale(2), currency, at);
    }

    /** A date (or date and time) not in the future: a date is its start in the business zone. */
    private Instant when(SheetReader.Row row, ImportColumn column, boolean required, List<CellError> bad) {
        String cell = value(row, column);
        if (cell == null) {
            if (required) {
                bad.add(error(row, column, text.get("blank")));
            }
            return null;
        }
        Instant at = instant(cell);
        if (at == null) {
            bad.add(error(row, column, text.get("date")));
        } else if (at.isAfter(now)) {
            bad.add(error(row, column, text.get("future")));
            return null;
        }
        return at;
    }

    /** A day, if the cell has one. */
    private LocalDate day(SheetReader.Row row, ImportColumn column, List<CellError> bad) {
        String cell = value(row, column);
        if (cell == null) {
            return null;
        }
        LocalDate day = date(cell);
        if (day == null) {
            bad.add(error(row, column, text.get("date")));
        }
        return day;
    }

    private String text(SheetReader.Row row, ImportColumn column, int max, List<CellError> bad) {
        String cell = value(row, column);
        if (cell != null && cell.length() > max) {
            bad.add(error(row, column, text.get("tooLong", max)));
        }
        return cell;
    }

    /** A required number above zero with at most so many digits before and after the point. */
    private BigDecimal positive(SheetReader.Row row, ImportColumn column, int integer, int fraction, List<CellError> bad) {
        if (value(row, column) == null) {
            bad.add(error(row, column, text.get("blank")));
            return null;
        }
        BigDecimal number = number(row, column, bad);
        if (number == null) {
            return null;
        }
        BigDecimal plain = number.stripTrailingZeros();
        if (number.signum() <= 0 || plain.precision() - plain.scale() > integer || Math.max(plain.scale(), 0) > fraction) {
            bad.add(error(row, column, text.get("positive", integer, fraction)));
            return null;
        }
        return number;
    }

    private Registration registration(SheetReader.Row row, List<CellError> bad) {
        String ref = value(row, ImportColumn.EXTERNAL_REF);
        if (ref == null) {
            bad.add(error(row, ImportColumn.EXTERNAL_REF, text.get("blank")));
        } else if (ref.length() > 64) {
            bad.add(error(row, ImportColumn.EXTERNAL_REF, text.get("tooLong", 64)));
        }
        CustomerKind kind = choice(row, ImportColumn.KIND, CustomerKind.class, bad);
        CustomerNature nature = choice(row, ImportColumn.NATURE, CustomerNature.class, bad);
        CustomerTier tier = choice(row, ImportColumn.TIER, CustomerTier.class, bad);
        InformationSource source = choice(row, ImportColumn.SOURCE, InformationSource.class, bad);
        Grade grade = choice(row, ImportColumn.GRADE, Grade.class, bad);
        String owner = value(row, ImportColumn.OWNER);
        if (owner == null) {
            bad.add(error(row, ImportColumn.OWNER, text.get("blank")));
        } else if (!USER_ID.matcher(owner).matches()) {
            bad.add(error(row, ImportColumn.OWNER, text.get("userId")));
        } else if (!inScope.test(owner)) {
            bad.add(error(row, ImportColumn.OWNER, text.get("outOfScope")));
        }
        Instant occurredAt = when(row, ImportColumn.REGISTERED_ON, false, bad);
        ProfileCard card = card(row, kind, bad);
        if (card != null) {
            for (ConstraintViolation<ProfileCard> violation : validator.validate(card, Default.class, CompleteCard.class)) {
                bad.add(error(row, columnOf(violation.getPropertyPath().toString()), violation.getMessage()));
            }
        }
        if (!bad.isEmpty()) {
            return null;
        }
        return new Registration(ref, kind, nature, tier, source, grade, owner, card, occurredAt);
    }

    private ProfileCard card(SheetReader.Row row, CustomerKind kind, List<CellError> bad) {
        LocalDate founded = day(row, ImportColumn.FOUNDED_ON, bad);
        BigDecimal employeesNumber = number(row, ImportColumn.EMPLOYEES, bad);
        Integer employees = null;
        if (employeesNumber != null) {
            try {
                employees = employeesNumber.intValueExact();
            } catch (ArithmeticException notWhole) {
                bad.add(error(row, ImportColumn.EMPLOYEES, text.get("whole")));
            }
        }
        BigDecimal capital = number(row, ImportColumn.REGISTERED_CAPITAL, bad);
        BigDecimal fixedAssets = number(row, ImportColumn.FIXED_ASSETS, bad);
        Premises premises = null;
        if (anyOf(row, ImportColumn.PREMISES, ImportColumn.PREMISES_AREA)) {
            premises = new Premises(value(row, ImportColumn.PREMISES) == null ? null
                    : choice(row, ImportColumn.PREMISES, PremisesTenure.class, bad),
                    number(row, ImportColumn.PREMISES_AREA, bad));
        }
        BankAccount bank = anyOf(row, ImportColumn.BANK, ImportColumn.BANK_ACCOUNT)
                ? new BankAccount(value(row, ImportColumn.BANK), null, value(row, ImportColumn.BANK_ACCOUNT)) : null;
        Address address = null;
        if (anyOf(row, ImportColumn.PROVINCE, ImportColumn.CITY, ImportColumn.DISTRICT, ImportColumn.STREET,
                ImportColumn.POSTCODE)) {
            address = new Address(value(row, ImportColumn.PROVINCE), value(row, ImportColumn.CITY),
                    value(row, ImportColumn.DISTRICT), value(row, ImportColumn.STREET), value(row, ImportColumn.POSTCODE));
        }
        BasicSection basic = new BasicSection(value(row, ImportColumn.NAME), null, null, null, null, null, address,
                list(row, ImportColumn.PHONES), value(row, ImportColumn.EMAIL), null, null,
                value(row, ImportColumn.LEGAL_NAME), value(row, ImportColumn.SHORT_NAME),
                value(row, ImportColumn.LEGAL_REPRESENTATIVE), value(row, ImportColumn.GENERAL_MANAGER), founded, null,
                value(row, ImportColumn.INDUSTRY), employees, capital, value(row, ImportColumn.LICENCE_NUMBER),
                value(row, ImportColumn.TAX_NUMBER), list(row, ImportColumn.ALIASES), fixedAssets, premises,
                // an individual's account is personal data: the card keeps it apart (DOMAIN: bank numbers are PII)
                kind == CustomerKind.INDIVIDUAL ? null : bank, kind == CustomerKind.INDIVIDUAL ? bank : null, null);
        List<Contact> contacts = List.of();
        if (anyOf(row, ImportColumn.CONTACT_NAME, ImportColumn.CONTACT_TITLE, ImportColumn.CONTACT_PHONE)) {
            contacts = List.of(new Contact(value(row, ImportColumn.CONTACT_NAME), null,
                    value(row, ImportColumn.CONTACT_TITLE), value(row, ImportColumn.CONTACT_PHONE), null));
        }
        List<String> products = list(row, ImportColumn.MAIN_PRODUCTS);
        List<String> markets = list(row, ImportColumn.MARKETS);
        BusinessSection business = products.isEmpty() && markets.isEmpty()
                && !anyOf(row, ImportColumn.GOALS, ImportColumn.PROBLEMS) ? null
                : new BusinessSection(products, null, null, null, null, markets, null,
                value(row, ImportColumn.GOALS), value(row, ImportColumn.PROBLEMS), null);
        return new ProfileCard(basic, contacts, business, null, null);
    }

    private <E extends Enum<E>> E choice(SheetReader.Row row, ImportColumn column, Class<E> type, List<CellError> bad) {
        String cell = value(row, column);
        if (cell == null) {
            bad.add(error(row, column, this.text.get("blank")));
            return null;
        }
        String plain = type == Grade.class ? cell.replace("级", "").strip() : cell;
        String name = LABELS.get(type).getOrDefault(plain.toLowerCase(Locale.ROOT), LABELS.get(type).get(plain));
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(name != null ? name : plain.replace(' ', '_').replace('-', '_'))) {
                return constant;
            }
        }
        bad.add(error(row, column, this.text.get("oneOf", allowed(column, this.text.english()))));
        return null;
    }

    /** What a column takes, as the template's notes say it. */
    static String allowed(ImportColumn column, boolean english) {
        Class<?> type = switch (column) {
            case KIND -> CustomerKind.class;
            case NATURE -> CustomerNature.class;
            case TIER -> CustomerTier.class;
            case SOURCE -> InformationSource.class;
            case GRADE -> Grade.class;
            case PREMISES -> PremisesTenure.class;
            case VISIT_METHOD -> VisitMethod.class;
            case VISIT_CONTACT_ROLE -> ContactRole.class;
            default -> null;
        };
        if (type != null) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                String label = LABELS.get(type).entrySet().stream()
                        .filter(entry -> entry.getValue().equals(name) && !entry.getKey().matches("[ -~]+"))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                values.add(label == null ? name : label + " (" + name + ")");
            }
            return String.join(", ", values);
        }
        return switch (column) {
            case REGISTERED_ON, FOUNDED_ON, VISIT_AT, VISIT_NEXT, PURCHASE_AT -> english ? "a date: 2024-03-15, 2024/3/15 or 2024年3月15日"
                    : "日期：2024-03-15、2024/3/15 或 2024年3月15日";
            case PHONES, MAIN_PRODUCTS, ALIASES, MARKETS -> english ? "several separated by ; , or 、" : "多个以 ; , 或 、 分隔";
            case OWNER -> english ? "the owner's user id, within your scope" : "负责人的用户名，须在您的管辖范围内";
            case EXTERNAL_REF -> english ? "your own reference of the customer, unique; an import of the same "
                    + "reference again writes nothing" : "客户在原系统中的编号，唯一；同一编号再次导入不会重复写入";
            case VISIT_CUSTOMER, PURCHASE_CUSTOMER -> english ? "the external reference of a customer of the first "
                    + "sheet, or of one imported before" : "第一张表中的客户（或以前导入的客户）的外部编号";
            case VISIT_REF -> english ? "your own reference of the visit; without it a visit is known by what it says"
                    : "拜访记录在原系统中的编号；无编号时按内容识别";
            case PURCHASE_ORDER -> english ? "the order's reference (letters, digits and . _ / # -): the same order of "
                    + "the same customer is recorded once" : "订单编号（字母、数字及 . _ / # -）；同一客户的同一订单只记录一次";
            case PURCHASE_QUANTITY -> english ? "a number above zero" : "大于零的数";
            case PURCHASE_AMOUNT -> english ? "the amount paid, above zero, two decimals at most"
                    : "金额，大于零，最多两位小数";
            case PURCHASE_CURRENCY -> english ? "ISO 4217 (CNY when empty)" : "ISO 4217 币种代码（空则为 CNY）";
            default -> "";
        };
    }

    private Instant instant(String text) {
        LocalDate date = date(text);
        if (date != null) {
            return date.atStartOfDay(zone).toInstant();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static LocalDate date(String text) {
        Matcher matcher = DATE.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        } catch (java.time.DateTimeException noSuchDay) {
            return null;
        }
    }

    /** A number cell (thousands separators allowed); a cell that is not one is a bad cell. */
    private BigDecimal number(SheetReader.Row row, ImportColumn column, List<CellError> bad) {
        String cell = value(row, column);
        if (cell == null) {
            return null;
        }
        try {
            return new BigDecimal(cell.replace(",", "").replace("，", ""));
        } catch (NumberFormatException notNumber) {
            bad.add(error(row, column, text.get("number")));
            return null;
        }
    }

    private boolean anyOf(SheetReader.Row row, ImportColumn... columns) {
        return Arrays.stream(columns).anyMatch(column -> value(row, column) != null);
    }

    private List<String> list(SheetReader.Row row, ImportColumn column) {
        String text = value(row, column);
        return text == null ? List.of() : Arrays.stream(LIST.split(text)).filter(item -> !item.isBlank()).toList();
    }

    private String value(SheetReader.Row row, ImportColumn column) {
        Integer index = columns.get(column);
        return index == null ? null : row.value(index);
    }

    /** The column a card path's violation belongs to: {@code basic.phones[1]} → 电话. */
    private ImportColumn columnOf(String path) {
        // an individual's bank account is kept apart from an organisation's but comes from the same columns
        String field = "card." + INDEX.matcher(path).replaceAll("").replace("personalBank", "bank");
        for (ImportColumn column : ImportColumn.Sheet.CUSTOMERS.columns()) {
            if (column.field().equals(field)) {
                return column;
            }
        }
        return ImportColumn.NAME;
    }

    private CellError error(SheetReader.Row row, ImportColumn column, String message) {
        Integer index = columns.get(column);
        String header = index == null ? column.header(false) : headers.get(index).strip();
        return new CellError(row.number(), header, column.field(), message, sheet.name());
    }
}
