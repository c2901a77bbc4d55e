package com.customerarchive.command.admission;

import com.customerarchive.events.Address;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.ProfileCard;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The customer code's format: the province's two letters, the business year, the number within the prefix. */
class CodeFormatTest {

    private static ProfileCard in(String province) {
        return new ProfileCard(new BasicSection("x", null, null, null, null, null,
                new Address(province, "c", null, null, null), List.of(), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null), List.of(), null, null, null);
    }

    @Test
    void the_default_format_makes_province_year_and_five_digits() {
        CodeFormat format = CodeFormat.parse("{province2}{yyyy}{seq:5}");
        String template = format.template(in("浙江省"), LocalDate.parse("2026-12-31"));
        assertThat(template).isEqualTo("ZJ2026{seq:5}");
        assertThat(format.code(template, 42)).isEqualTo("ZJ202600042");
        assertThat(format.code(template, 123456)).isEqualTo("ZJ2026123456");
    }

    @Test
    void provinces_are_known_by_their_chinese_and_pinyin_names_and_unknown_ones_are_xx() {
        assertThat(CodeFormat.province2(in("浙江"))).isEqualTo("ZJ");
        assertThat(CodeFormat.province2(in("Zhejiang"))).isEqualTo("ZJ");
        assertThat(CodeFormat.province2(in("上海市"))).isEqualTo("SH");
        assertThat(CodeFormat.province2(in("广西壮族自治区"))).isEqualTo("GX");
        assertThat(CodeFormat.province2(in("Shaanxi"))).isEqualTo("SN");
        assertThat(CodeFormat.province2(in("Atlantis"))).isEqualTo("XX");
        assertThat(CodeFormat.province2(null)).isEqualTo("XX");
    }

    @Test
    void a_format_needs_its_number_once_and_knows_only_its_placeholders() {
        assertThat(CodeFormat.parse("C-{yyyy}-{seq:6}").code(CodeFormat.parse("C-{yyyy}-{seq:6}")
                .template(in("浙江"), LocalDate.parse("2027-01-01")), 7)).isEqualTo("C-2027-000007");
        assertThatThrownBy(() -> CodeFormat.parse("{province2}{yyyy}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeFormat.parse("{seq:3}{seq:3}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeFormat.parse("{city}{seq:3}")).isInstanceOf(IllegalArgumentException.class);
    }
}
