package com.customerarchive.command.duplicate;

import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.ProfileCard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes two cards the same customer (客户归属), normalised so that spelling does not hide a duplicate: the tax and
 * the licence number (half-width, upper case, no spaces), each phone with its area code (digits only, without +86 /
 * 0086), and an organisation's name in its city (half-width, case folded, spaces, punctuation and the company's legal
 * form taken off). These texts never leave the process: only their keyed digests are stored ({@link KeyDigests}).
 */
public final class IdentityKeys {

    /** Which identifying field a key comes from. */
    public enum Kind { TAX_NUMBER, LICENCE_NUMBER, PHONE, NAME_IN_CITY }

    public record Key(Kind kind, String text) {
    }

    /** Trailing words of an English company name that say its legal form, not who it is. */
    private static final Set<String> LEGAL_FORM_WORDS = Set.of("co", "ltd", "inc", "llc", "corporation", "corp",
            "company", "limited", "incorporated", "plc", "gmbh", "llp", "group");
    /** Trailing legal forms of a Chinese company name, longest first. */
    private static final List<String> LEGAL_FORMS = List.of("集团股份有限公司", "集团有限责任公司", "集团有限公司",
            "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "集团", "公司");
    /** Card fields whose value makes a kind of key: destroying the field destroys those keys. */
    private static final Map<String, Set<Kind>> FIELD_KINDS = Map.of(
            "basic.name", Set.of(Kind.NAME_IN_CITY),
            "basic.address", Set.of(Kind.NAME_IN_CITY),
            "basic.phones", Set.of(Kind.PHONE),
            "basic.taxNumber", Set.of(Kind.TAX_NUMBER),
            "basic.licenceNumber", Set.of(Kind.LICENCE_NUMBER));
    /** A Chinese number with its area code (landline 0 + 2–3 digits + 7–8 digits) or a mobile has at least 10 digits. */
    private static final int SHORTEST_PHONE = 10;

    private IdentityKeys() {
    }

    public static Set<Key> of(CustomerKind kind, ProfileCard card) {
        Set<Key> keys = new LinkedHashSet<>();
        BasicSection basic = card == null ? null : card.basic();
        if (basic == null) {
            return keys;
        }
        addIfPresent(keys, Kind.TAX_NUMBER, registrationNumber(basic.taxNumber()));
        addIfPresent(keys, Kind.LICENCE_NUMBER, registrationNumber(basic.licenceNumber()));
        for (String phone : basic.phones()) {
            addIfPresent(keys, Kind.PHONE, phone(phone));
        }
        if (kind == CustomerKind.ORGANIZATION && basic.address() != null) {
            String name = companyName(basic.name());
            String city = city(basic.address().city());
            if (!name.isEmpty() && !city.isEmpty()) {
                keys.add(new Key(Kind.NAME_IN_CITY, name + "@" + city));
            }
        }
        return keys;
    }

    /** The kinds of key a personal field of the card contributes to (none for the others). */
    public static Set<Kind> kindsOf(String field) {
        return FIELD_KINDS.getOrDefault(field, Set.of());
    }

    /** True when a card edit that names these top-level fields of {@code basic} may change the customer's keys. */
    public static boolean touches(Set<String> basicFields) {
        return basicFields.stream().anyMatch(field -> FIELD_KINDS.containsKey("basic." + field));
    }

    static String registrationNumber(String number) {
        if (number == null) {
            return "";
        }
        return halfWidth(number).replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }

    static String phone(String phone) {
        if (phone == null) {
            return "";
        }
        String text = halfWidth(phone).strip();
        String digits = text.replaceAll("\\D", "");
        if (text.startsWith("+86")) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (text.startsWith("+")) {
            return digits.length() < SHORTEST_PHONE ? "" : "+" + digits;
        }
        boolean mobile = digits.length() == 11 && digits.startsWith("1");
        if (!mobile && !digits.isEmpty() && !digits.startsWith("0")) {
            digits = "0" + digits; // the trunk prefix a number written with +86 leaves out: +86 571 … is 0571 …
        }
        return digits.length() < SHORTEST_PHONE ? "" : digits;
    }

    static String companyName(String name) {
        if (name == null) {
            return "";
        }
        List<String> words = new ArrayList<>(Arrays.stream(halfWidth(name).toLowerCase(Locale.ROOT)
                .split("[\\s\\p{P}\\p{S}]+")).filter(word -> !word.isEmpty()).toList());
        while (words.size() > 1 && LEGAL_FORM_WORDS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        String joined = String.join("", words);
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String form : LEGAL_FORMS) {
                if (joined.endsWith(form) && joined.length() > form.length()) {
                    joined = joined.substring(0, joined.length() - form.length());
                    stripped = true;
                    break;
                }
            }
        }
        return joined;
    }

    static String city(String city) {
        if (city == null) {
            return "";
        }
        String text = halfWidth(city).toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{P}\\p{S}]+", "");
        return text.length() > 1 && text.endsWith("市") ? text.substring(0, text.length() - 1) : text;
    }

    /** Full-width letters, digits and signs (Ａ１（) as their half-width forms (A1(), the ideographic space as a space. */
    private static String halfWidth(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private static void addIfPresent(Set<Key> keys, Kind kind, String text) {
        if (!text.isEmpty()) {
            keys.add(new Key(kind, text));
        }
    }
}
