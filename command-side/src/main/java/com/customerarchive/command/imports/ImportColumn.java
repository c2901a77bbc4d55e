package com.customerarchive.command.imports;

import java.util.List;

/**
 * The columns a customer sheet may carry: each with the card path (or registration field) it fills and the header
 * names it is known by in Chinese and English (more in {@code archive.imports.headers.<key>}). Headers are matched
 * ignoring case, spaces and a trailing "*".
 */
enum ImportColumn {
    EXTERNAL_REF("externalRef", true, "外部编号", "External reference"),
    NAME("card.basic.name", true, "客户名称", "Name"),
    KIND("kind", true, "客户类型", "Kind"),
    NATURE("nature", true, "客户性质", "Nature"),
    TIER("tier", true, "客户层级", "Tier"),
    SOURCE("source", true, "信息来源", "Source"),
    GRADE("grade", true, "客户等级", "Grade"),
    OWNER("ownerId", true, "负责人", "Owner"),
    REGISTERED_ON("occurredAt", false, "建档日期", "Registered on"),
    SHORT_NAME("card.basic.shortName", false, "简称", "Short name"),
    LEGAL_NAME("card.basic.legalName", false, "单位全称", "Legal name"),
    PHONES("card.basic.phones", false, "电话", "Phones"),
    EMAIL("card.basic.email", false, "电子邮箱", "Email"),
    PROVINCE("card.basic.address.province", false, "省份", "Province"),
    CITY("card.basic.address.city", false, "城市", "City"),
    DISTRICT("card.basic.address.district", false, "区县", "District"),
    STREET("card.basic.address.street", false, "详细地址", "Street"),
    POSTCODE("card.basic.address.postcode", false, "邮编", "Postcode"),
    INDUSTRY("card.basic.industry", false, "行业", "Industry"),
    LEGAL_REPRESENTATIVE("card.basic.legalRepresentative", false, "法定代表人", "Legal representative"),
    GENERAL_MANAGER("card.basic.generalManager", false, "总经理", "General manager"),
    FOUNDED_ON("card.basic.foundedOn", false, "成立日期", "Founded on"),
    EMPLOYEES("card.basic.employees", false, "员工人数", "Employees"),
    REGISTERED_CAPITAL("card.basic.registeredCapital", false, "注册资本", "Registered capital"),
    LICENCE_NUMBER("card.basic.licenceNumber", false, "营业执照号", "Licence number"),
    TAX_NUMBER("card.basic.taxNumber", false, "税号", "Tax number"),
    CONTACT_NAME("card.contacts.name", false, "联系人", "Contact"),
    CONTACT_TITLE("card.contacts.title", false, "联系人职务", "Contact title"),
    CONTACT_PHONE("card.contacts.phone", false, "联系人电话", "Contact phone"),
    MAIN_PRODUCTS("card.business.mainProducts", false, "主营产品", "Main products");

    private final String field;
    private final boolean required;
    private final String chinese;
    private final String english;

    ImportColumn(String field, boolean required, String chinese, String english) {
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
