package com.customerarchive.command.customer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's phone rule, number by number: a hand-made table of what a card takes and what it refuses. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0571-88886666          | true  | Hangzhou: 0571 and 8 digits
            0571 8888 6666         | true  | grouped by spaces
            (0571) 88886666        | true  | the area code in brackets
            010-65123456           | true  | Beijing: 010 and 8 digits
            021 6888 1234          | true  | Shanghai: 021
            0898-6612345           | true  | a three-digit area code and 7 digits
            +86 571 8888 6666      | true  | +86 drops the 0
            0086-10-65123456       | true  | 0086 drops the 0
            13812345678            | true  | a mobile has no area code
            +86 138 1234 5678      | true  | a mobile with the country code
            400-820-8820           | true  | a 400 service number
            0571-88886666 转 801   | true  | an extension after 转
            0571-88886666 ext 801  | true  | an extension after ext
            0571-88886666 x801     | true  | an extension after x
            0571-88886666 #801     | true  | an extension after #
            0571-88886666 分机 801  | true  | an extension after 分机
            （0571）88886666         | true  | full-width brackets, as a Chinese input method types them
            0571　88886666          | true  | an ideographic space
            +852 2123 4567         | true  | Hong Kong, with its country code
            001 212 555 0100       | true  | abroad by 00
            88886666               | false | no area code
            571-88886666           | false | the area code without its 0
            0571-888866            | false | a local number of 6 digits
            010-6512345            | false | 7 digits after a two-digit code
            0171-88886666          | false | 01x is not an area code but 010
            12812345678            | false | 12 does not begin a mobile
            1381234567             | false | a mobile of 10 digits
            +86 0571 88886666      | false | +86 and the 0 both
            0571-88886666-801      | false | a dash extension reads as more digits
            phone me               | false | not a number
            """)
    void a_phone_number_is_taken_only_with_its_area_code(String number, boolean taken, String why) {
        assertThat(PhoneNumbers.valid(number)).as(why).isEqualTo(taken);
    }
}
