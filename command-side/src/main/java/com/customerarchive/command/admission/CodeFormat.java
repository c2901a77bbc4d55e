package com.customerarchive.command.admission;

import com.customerarchive.events.ProfileCard;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer code's format: literal text and the placeholders {@code {province2}} (two letters of the card's
 * province, 浙江 → ZJ, {@code XX} when unknown), {@code {yyyy}} (the approval's business year) and, once,
 * {@code {seq:n}} (the number within the prefix the rest makes, n digits at least).
 */
record CodeFormat(String format, int seqDigits) {

    private static final Pattern SEQ = Pattern.compile("\\{seq:(\\d{1,2})}");
    static final String UNKNOWN_PROVINCE = "XX";

    /** GB/T 2260's two-letter codes, by the names a card may give (Chinese, with or without 省/市/自治区, or pinyin). */
    private static final Map<String, String> PROVINCES = Map.ofEntries(
            Map.entry("北京", "BJ"), Map.entry("beijing", "BJ"), Map.entry("天津", "TJ"), Map.entry("tianjin", "TJ"),
            Map.entry("河北", "HE"), Map.entry("hebei", "HE"), Map.entry("山西", "SX"), Map.entry("shanxi", "SX"),
            Map.entry("内蒙古", "NM"), Map.entry("innermongolia", "NM"), Map.entry("neimenggu", "NM"),
            Map.entry("辽宁", "LN"), Map.entry("liaoning", "LN"), Map.entry("吉林", "JL"), Map.entry("jilin", "JL"),
            Map.entry("黑龙江", "HL"), Map.entry("heilongjiang", "HL"), Map.entry("上海", "SH"),
            Map.entry("shanghai", "SH"), Map.entry("江苏", "JS"), Map.entry("jiangsu", "JS"), Map.entry("浙江", "ZJ"),
            Map.entry("zhejiang", "ZJ"), Map.entry("安徽", "AH"), Map.entry("anhui", "AH"), Map.entry("福建", "FJ"),
            Map.entry("fujian", "FJ"), Map.entry("江西", "JX"), Map.entry("jiangxi", "JX"), Map.entry("山东", "SD"),
            Map.entry("shandong", "SD"), Map.entry("河南", "HA"), Map.entry("henan", "HA"), Map.entry("湖北", "HB"),
            Map.entry("hubei", "HB"), Map.entry("湖南", "HN"), Map.entry("hunan", "HN"), Map.entry("广东", "GD"),
            Map.entry("guangdong", "GD"), Map.entry("广西", "GX"), Map.entry("guangxi", "GX"), Map.entry("海南", "HI"),
            Map.entry("hainan", "HI"), Map.entry("重庆", "CQ"), Map.entry("chongqing", "CQ"), Map.entry("四川", "SC"),
            Map.entry("sichuan", "SC"), Map.entry("贵州", "GZ"), Map.entry("guizhou", "GZ"), Map.entry("云南", "YN"),
            Map.entry("yunnan", "YN"), Map.entry("西藏", "XZ"), Map.entry("tibet", "XZ"), Map.entry("xizang", "XZ"),
            Map.entry("陕西", "SN"), Map.entry("shaanxi", "SN"), Map.entry("甘肃", "GS"), Map.entry("gansu", "GS"),
            Map.entry("青海", "QH"), Map.entry("qinghai", "QH"), Map.entry("宁夏", "NX"), Map.entry("ningxia", "NX"),
            Map.entry("新疆", "XJ"), Map.entry("xinjiang", "XJ"), Map.entry("台湾", "TW"), Map.entry("taiwan", "TW"),
            Map.entry("香港", "HK"), Map.entry("hongkong", "HK"), Map.entry("澳门", "MO"), Map.entry("macau", "MO"),
            Map.entry("macao", "MO"));

    static CodeFormat parse(String format) {
        Matcher seq = SEQ.matcher(format);
        if (!seq.find()) {
            throw new IllegalArgumentException("archive.admission.code-format needs {seq:n}: " + format);
        }
        int digits = Integer.parseInt(seq.group(1));
        if (seq.find()) {
            throw new IllegalArgumentException("archive.admission.code-format has {seq:n} once: " + format);
        }
        String rest = SEQ.matcher(format).replaceAll("").replace("{province2}", "").replace("{yyyy}", "");
        if (rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("archive.admission.code-format knows {province2}, {yyyy}, {seq:n}: "
                    + format);
        }
        return new CodeFormat(format, digits);
    }

    /** The format with every placeholder but the number filled in: the key its numbers count under. */
    String template(ProfileCard card, LocalDate businessDay) {
        return format.replace("{province2}", province2(card))
                .replace("{yyyy}", String.format(Locale.ROOT, "%04d", businessDay.getYear()));
    }

    String code(String template, long number) {
        return SEQ.matcher(template).replaceAll(Matcher.quoteReplacement(
                String.format(Locale.ROOT, "%0" + seqDigits + "d", number)));
    }

    static String province2(ProfileCard card) {
        String province = card == null || card.basic() == null || card.basic().address() == null ? null
                : card.basic().address().province();
        if (province == null || province.isBlank()) {
            return UNKNOWN_PROVINCE;
        }
        String key = province.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s'-]", "")
                .replaceAll("(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|province|municipality|sar)$", "");
        return PROVINCES.getOrDefault(key, UNKNOWN_PROVINCE);
    }
}
