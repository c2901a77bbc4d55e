package com.customerarchive.command.imports;

import java.util.List;

/**
 * The columns the sheets of an import may carry: the customer sheet's (each with the card path or registration field
 * it fills), the visit sheet's and the purchase sheet's (each with the field of the visit or purchase). Each is known
 * by a Chinese and an English header (more in {@code archive.imports.headers.<key>}, the key its field, prefixed with
 * {@code visits.} or {@code purchases.} on those sheets) and has the template's example value. Headers are matched
 * ignoring case, spaces and a trailing "*".
 */
enum ImportColumn {
    EXTERNAL_REF("externalRef", true, "外部编号", "External reference",
            "ERP-000123", "ERP-000123"),
    NAME("card.basic.name", true, "客户名称", "Name",
            "杭州西湖茶叶有限公司", "West Lake Tea Co., Ltd."),
    KIND("kind", true, "客户类型", "Kind",
            "单位", "ORGANIZATION"),
    NATURE("nature", true, "客户性质", "Nature",
            "普通公司", "COMPANY"),
    TIER("tier", true, "客户层级", "Tier",
            "主力客户", "KEY"),
    SOURCE("source", true, "信息来源", "Source",
            "展会", "EXHIBITION"),
    GRADE("grade", true, "客户等级", "Grade",
            "B", "B"),
    OWNER("ownerId", true, "负责人", "Owner",
            "sales", "sales"),
    REGISTERED_ON("occurredAt", false, "建档日期", "Registered on",
            "2024-03-15", "2024-03-15"),
    SHORT_NAME("card.basic.shortName", false, "简称", "Short name",
            "西湖茶叶", "West Lake Tea"),
    LEGAL_NAME("card.basic.legalName", false, "单位全称", "Legal name",
            "杭州西湖茶叶有限公司", "Hangzhou West Lake Tea Co., Ltd."),
    PHONES("card.basic.phones", false, "电话", "Phones",
            "0571-87654321", "0571-87654321"),
    EMAIL("card.basic.email", false, "电子邮箱", "Email",
            "office@xihu-tea.cn", "office@xihu-tea.cn"),
    PROVINCE("card.basic.address.province", false, "省份", "Province",
            "浙江", "Zhejiang"),
    CITY("card.basic.address.city", false, "城市", "City",
            "杭州", "Hangzhou"),
    DISTRICT("card.basic.address.district", false, "区县", "District",
            "西湖区", "Xihu"),
    STREET("card.basic.address.street", false, "详细地址", "Street",
            "龙井路 18 号", "18 Longjing Road"),
    POSTCODE("card.basic.address.postcode", false, "邮编", "Postcode",
            "310013", "310013"),
    INDUSTRY("card.basic.industry", false, "行业", "Industry",
            "茶叶批发", "Tea wholesale"),
    LEGAL_REPRESENTATIVE("card.basic.legalRepresentative", false, "法定代表人", "Legal representative",
            "王建国", "Wang Jianguo"),
    GENERAL_MANAGER("card.basic.generalManager", false, "总经理", "General manager",
            "李华", "Li Hua"),
    FOUNDED_ON("card.basic.foundedOn", false, "成立日期", "Founded on",
            "2008-06-01", "2008-06-01"),
    EMPLOYEES("card.basic.employees", false, "员工人数", "Employees",
            "120", "120"),
    REGISTERED_CAPITAL("card.basic.registeredCapital", false, "注册资本", "Registered capital",
            "5000000", "5000000"),
    LICENCE_NUMBER("card.basic.licenceNumber", false, "营业执照号", "Licence number",
            "", ""),
    TAX_NUMBER("card.basic.taxNumber", false, "税号", "Tax number",
            "91330106MA2XXXXX0K", "91330106MA2XXXXX0K"),
    CONTACT_NAME("card.contacts.name", false, "联系人", "Contact",
            "陈静", "Chen Jing"),
    CONTACT_TITLE("card.contacts.title", false, "联系人职务", "Contact title",
            "采购经理", "Purchasing manager"),
    CONTACT_PHONE("card.contacts.phone", false, "联系人电话", "Contact phone",
            "0571-87654322", "0571-87654322"),
    MAIN_PRODUCTS("card.business.mainProducts", false, "主营产品", "Main products",
            "龙井; 碧螺春", "Longjing; Biluochun"),
    ALIASES("card.basic.aliases", false, "别名", "Aliases",
            "西湖茶业; 西湖茶庄", "West Lake Tea House"),
    FIXED_ASSETS("card.basic.fixedAssets", false, "固定资产", "Fixed assets",
            "3200000", "3200000"),
    PREMISES("card.basic.premises.tenure", false, "经营场所", "Premises",
            "自有", "OWNED"),
    PREMISES_AREA("card.basic.premises.area", false, "经营面积", "Premises area",
            "850", "850"),
    BANK("card.basic.bank.bank", false, "开户行", "Bank",
            "中国工商银行杭州西湖支行", "ICBC Hangzhou Xihu Branch"),
    BANK_ACCOUNT("card.basic.bank.accountNumber", false, "账号", "Account number",
            "1202 0217 0990 0123 456", "1202 0217 0990 0123 456"),
    MARKETS("card.business.markets", false, "主要市场", "Markets",
            "浙江; 上海", "Zhejiang; Shanghai"),
    GOALS("card.business.goals", false, "经营目标", "Goals",
            "三年内开设 10 家门店", "Ten shops within three years"),
    PROBLEMS("card.business.problems", false, "当前问题", "Current problems",
            "旺季缺货", "Stock-outs in high season"),

    // the visit sheet (沟通信息: the seed card's back)
    VISIT_CUSTOMER(Sheet.VISITS, "customerRef", true, "客户外部编号", "Customer reference",
            "ERP-000123", "ERP-000123"),
    VISIT_AT(Sheet.VISITS, "occurredAt", true, "日期", "Date",
            "2024-04-02", "2024-04-02"),
    VISIT_METHOD(Sheet.VISITS, "method", true, "方式", "Method",
            "外访", "ON_SITE_VISIT"),
    VISIT_CONTACT(Sheet.VISITS, "contact.name", false, "接触对象", "Contact",
            "陈静", "Chen Jing"),
    VISIT_CONTACT_ROLE(Sheet.VISITS, "contact.role", false, "对象角色", "Contact role",
            "决策者", "DECISION_MAKER"),
    VISIT_NOTES(Sheet.VISITS, "notes", false, "过程", "Notes",
            "介绍春茶新品，试饮", "Presented the spring teas, tasting"),
    VISIT_CONCLUSION(Sheet.VISITS, "conclusion", false, "结论", "Conclusion",
            "下月试订 50 箱", "Trial order of 50 cases next month"),
    VISIT_NEXT(Sheet.VISITS, "nextFollowUpOn", false, "下次跟进", "Next follow-up",
            "2024-05-06", "2024-05-06"),
    VISIT_REF(Sheet.VISITS, "visitRef", false, "记录编号", "Visit reference",
            "V-2024-0017", "V-2024-0017"),

    // the purchase sheet
    PURCHASE_CUSTOMER(Sheet.PURCHASES, "customerRef", true, "客户外部编号", "Customer reference",
            "ERP-000123", "ERP-000123"),
    PURCHASE_ORDER(Sheet.PURCHASES, "orderRef", true, "订单号", "Order reference",
            "SO-2024-0088", "SO-2024-0088"),
    PURCHASE_AT(Sheet.PURCHASES, "occurredAt", true, "日期", "Date",
            "2024-05-10", "2024-05-10"),
    PURCHASE_PRODUCT(Sheet.PURCHASES, "product", true, "产品", "Product",
            "明前龙井 250g", "Longjing 250 g"),
    PURCHASE_QUANTITY(Sheet.PURCHASES, "quantity", true, "数量", "Quantity",
            "50", "50"),
    PURCHASE_AMOUNT(Sheet.PURCHASES, "amount", true, "金额", "Amount",
            "12500.00", "12500.00"),
    PURCHASE_CURRENCY(Sheet.PURCHASES, "currency", false, "币种", "Currency",
            "CNY", "CNY");

    /**
     * The sheets an import reads: the first sheet (or the CSV) holds the customers; a workbook's further sheets are
     * read by their names (visits and purchases of the customers, after them), any other sheet is left alone.
     */
    enum Sheet {
        CUSTOMERS(0, "客户", "Customers", List.of()),
        VISITS(1, "拜访记录", "Visits", List.of("沟通信息", "沟通记录", "拜访")),
        PURCHASES(2, "购买记录", "Purchases", List.of("订单", "销售记录", "Orders"));

        private final int code;
        private final String chinese;
        private final String english;
        private final List<String> aliases;

        Sheet(int code, String chinese, String english, List<String> aliases) {
            this.code = code;
            this.chinese = chinese;
            this.english = english;
            this.aliases = aliases;
        }

        /** How a job's rows name their sheet (import_row.sheet); worked in its order: customers first. */
        int code() {
            return code;
        }

        static Sheet ofCode(int code) {
            return java.util.Arrays.stream(values()).filter(sheet -> sheet.code == code).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no sheet " + code));
        }

        /** The sheet's name in the template, in the language asked. */
        String title(boolean english) {
            return english ? this.english : chinese;
        }

        /** The further sheet a workbook's sheet is by its name, if any. */
        static java.util.Optional<Sheet> named(String name) {
            String plain = normalise(name);
            for (Sheet sheet : List.of(VISITS, PURCHASES)) {
                if (plain.equals(normalise(sheet.chinese)) || plain.equals(normalise(sheet.english))
                        || sheet.aliases.stream().anyMatch(alias -> plain.equals(normalise(alias)))) {
                    return java.util.Optional.of(sheet);
                }
            }
            return java.util.Optional.empty();
        }

        /** The columns of the sheet, in the template's order. */
        List<ImportColumn> columns() {
            return java.util.Arrays.stream(ImportColumn.values()).filter(column -> column.sheet == this).toList();
        }
    }

    private final Sheet sheet;
    private final String field;
    private final boolean required;
    private final String chinese;
    private final String english;
    private final String exampleChinese;
    private final String exampleEnglish;

    ImportColumn(String field, boolean required, String chinese, String english, String exampleChinese,
                 String exampleEnglish) {
        this(Sheet.CUSTOMERS, field, required, chinese, english, exampleChinese, exampleEnglish);
    }

    ImportColumn(Sheet sheet, String field, boolean required, String chinese, String english, String exampleChinese,
                 String exampleEnglish) {
        this.sheet = sheet;
        this.exampleChinese = exampleChinese;
        this.exampleEnglish = exampleEnglish;
        this.field = field;
        this.required = required;
        this.chinese = chinese;
        this.english = english;
    }

    /** The registration field or card path the column fills, as the API's errors name it. */
    String field() {
        return field;
    }

    Sheet sheet() {
        return sheet;
    }

    /** The key of {@code archive.imports.headers} that gives the column more names. */
    String configKey() {
        return sheet == Sheet.CUSTOMERS ? field : sheet.name().toLowerCase(java.util.Locale.ROOT) + "." + field;
    }

    boolean required() {
        return required;
    }

    /** The header the template writes in the language asked (Chinese unless English is asked). */
    String header(boolean english) {
        return (english ? this.english : chinese) + (required ? " *" : "");
    }

    /** The template's example value, in the language asked. */
    String example(boolean english) {
        return english ? exampleEnglish : exampleChinese;
    }

    List<String> names() {
        return List.of(chinese, english, field, name());
    }

    /** A header as matched: no case, no spaces, no trailing star. */
    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String plain = header.strip().replace("\uFEFF", "");
        if (plain.endsWith("*") || plain.endsWith("＊")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        return plain.replaceAll("[\\s\\u3000_]+", "").toLowerCase(java.util.Locale.ROOT);
    }
}
