package com.customerarchive.command.customer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's rule for phone numbers on the card: a landline carries its area code (电话须注明区号). A mainland number
 * is a mobile (1 and ten digits), a 400/800 service number, or a landline of 0, a real area code (10, 2x, or three
 * digits from 3xx to 9xx) and a local number of 7 or 8 digits (8 after a two-digit code); +86 or 0086 may stand
 * before it (the 0 of the area code then drops). A number abroad starts with + or 00 and its country code. Spaces,
 * dashes, dots, slashes and brackets (half- or full-width, as Chinese input methods type them) group the digits; an extension may follow (转 801, ext 801, x801, #801).
 */
public final class PhoneNumbers {

    private static final Pattern EXTENSION = Pattern.compile("\\s*(?:转|分机|ext\\.?|x|#)\\s*\\d{1,6}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GROUPING = Pattern.compile("[\\s\\-().－/（）\u3000]");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SERVICE = Pattern.compile("[48]00\\d{7}");
    private static final Pattern LANDLINE = Pattern.compile("0(?:10|2\\d)\\d{8}|0[3-9]\\d{2}\\d{7,8}");
    private static final Pattern ABROAD = Pattern.compile("[1-9]\\d{6,14}");

    private PhoneNumbers() {
    }

    /** True when the number is one the card takes (null and blank are left to other rules). */
    public static boolean valid(String number) {
        if (number == null || number.isBlank()) {
            return true;
        }
        String digits = digits(number);
        if (isAbroad(digits)) {
            return ABROAD.matcher(digits.substring(digits.startsWith("+") ? 1 : 2)).matches();
        }
        String national = national(digits);
        return national != null && mainland(national);
    }

    /**
     * A mainland landline written with its area code (0571-…, or +86 571 …), what review asks of a card's phones; a
     * mobile, a service number or a number abroad is none.
     */
    public static boolean landlineWithAreaCode(String number) {
        if (number == null || number.isBlank()) {
            return false;
        }
        String national = national(digits(number));
        return national != null && LANDLINE.matcher(national).matches();
    }

    /** The number's digits, its extension and grouping left out ("+" kept). */
    private static String digits(String number) {
        Matcher extension = EXTENSION.matcher(number.strip());
        return GROUPING.matcher(extension.find() ? number.strip().substring(0, extension.start()) : number.strip())
                .replaceAll("");
    }

    private static boolean isAbroad(String digits) {
        return !digits.startsWith("+86") && !digits.startsWith("0086")
                && (digits.startsWith("+") || digits.startsWith("00"));
    }

    /**
     * The mainland number as dialled at home: after +86 or 0086 the 0 of a landline's area code is put back (a
     * mobile or service number has none); null when a 0 follows the country code or the number is abroad.
     */
    private static String national(String digits) {
        String after = digits.startsWith("+86") ? digits.substring(3) : digits.startsWith("0086") ? digits.substring(4)
                : null;
        if (after == null) {
            return isAbroad(digits) ? null : digits;
        }
        if (after.startsWith("0")) {
            return null;
        }
        return MOBILE.matcher(after).matches() || SERVICE.matcher(after).matches() ? after : "0" + after;
    }

    private static boolean mainland(String digits) {
        return MOBILE.matcher(digits).matches() || SERVICE.matcher(digits).matches()
                || LANDLINE.matcher(digits).matches();
    }
}
