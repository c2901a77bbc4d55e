package com.customerarchive.events;

/**
 * A membership card's number: 16 digits, the last a Luhn check digit, so a mistyped number is caught before any
 * lookup. Numbers are made by command-side, unique across the archive and never reused.
 */
public final class MembershipCardNumber {

    public static final int LENGTH = 16;

    private MembershipCardNumber() {
    }

    /** True for 16 digits whose last is the Luhn check digit of the others. */
    public static boolean isValid(String number) {
        if (number == null || number.length() != LENGTH || !number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkDigit(number.substring(0, LENGTH - 1)) == number.charAt(LENGTH - 1) - '0';
    }

    /** The body (15 digits) followed by its Luhn check digit. */
    public static String withCheckDigit(String body) {
        if (body.length() != LENGTH - 1 || !body.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a card number's body is " + (LENGTH - 1) + " digits");
        }
        return body + checkDigit(body);
    }

    static int checkDigit(String body) {
        int sum = 0;
        boolean doubled = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = body.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
