package com.customerarchive.command.imports;

import java.util.List;

/**
 * The columns a customer sheet may carry: each with the card path (or registration field) it fills and the header
 * names it is known by in Chinese and English (more in {@code archive.imports.headers.<key>}), and the template's
 * example value in each. Headers are matched ignoring case, spaces and a trailing "*".
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
            "旺季缺货", "Stock-outs in high season");

    private final String field;
    private final boolean required;
    private final String chinese;
    private final String english;
    private final String exampleChinese;
    private final String exampleEnglish;

    ImportColumn(String field, boolean required, String chinese, String english, String exampleChinese,
                 String exampleEnglish) {
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
