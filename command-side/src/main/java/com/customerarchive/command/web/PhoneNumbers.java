package com.customerarchive.command.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

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
        Matcher extension = EXTENSION.matcher(number.strip());
        String digits = GROUPING.matcher(extension.find() ? number.strip().substring(0, extension.start())
                : number.strip()).replaceAll("");
        String national;
        if (digits.startsWith("+86")) {
            national = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            national = digits.substring(4);
        } else if (digits.startsWith("+")) {
            return ABROAD.matcher(digits.substring(1)).matches();
        } else if (digits.startsWith("00")) {
            return ABROAD.matcher(digits.substring(2)).matches();
        } else {
            return mainland(digits);
        }
        return national.startsWith("0") ? false : mainland(national) || mainland("0" + national);
    }

    private static boolean mainland(String digits) {
        return MOBILE.matcher(digits).matches() || SERVICE.matcher(digits).matches()
                || LANDLINE.matcher(digits).matches();
    }

    /** The Bean Validation side of {@link PhoneNumber}. */
    public static final class Validator implements ConstraintValidator<PhoneNumber, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return PhoneNumbers.valid(value);
        }
    }
}
