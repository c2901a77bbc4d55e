package com.customerarchive.command.duplicate;

import com.customerarchive.events.Address;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.ProfileCard;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as the same tax number, phone or company name (hand-written pairs a clerk would call the same). */
class IdentityKeysTest {

    @Test
    void chinese_company_names_lose_their_legal_form_and_full_width_signs() {
        assertThat(IdentityKeys.companyName("杭州恒达茶业有限公司")).isEqualTo("杭州恒达茶业");
        assertThat(IdentityKeys.companyName("杭州恒达茶业")).isEqualTo("杭州恒达茶业");
        assertThat(IdentityKeys.companyName("杭州 恒达茶业 股份有限公司")).isEqualTo("杭州恒达茶业");
        assertThat(IdentityKeys.companyName("杭州恒达茶业集团有限责任公司")).isEqualTo("杭州恒达茶业");
        assertThat(IdentityKeys.companyName("杭州恒达茶业（集团）有限公司")).isEqualTo("杭州恒达茶业");
    }

    @Test
    void english_company_names_lose_case_punctuation_and_their_legal_form() {
        assertThat(IdentityKeys.companyName("Acme Co., Ltd.")).isEqualTo("acme");
        assertThat(IdentityKeys.companyName("ACME")).isEqualTo("acme");
        assertThat(IdentityKeys.companyName("Ａｃｍｅ Ｃｏ．，Ｌｔｄ")).isEqualTo("acme");
        assertThat(IdentityKeys.companyName("Acme Trading LLC")).isEqualTo("acmetrading");
        // a name that ends in letters of a legal form keeps them: only whole words are taken off
        assertThat(IdentityKeys.companyName("Costco Inc")).isEqualTo("costco");
    }

    @Test
    void phones_are_their_digits_with_the_area_code_whatever_the_prefix() {
        assertThat(IdentityKeys.phone("0571-8888 6666")).isEqualTo("057188886666");
        assertThat(IdentityKeys.phone("+86 571 8888 6666")).isEqualTo("057188886666");
        assertThat(IdentityKeys.phone("0086 (571) 88886666")).isEqualTo("057188886666");
        assertThat(IdentityKeys.phone("+86 138-0013-8000")).isEqualTo("13800138000");
        assertThat(IdentityKeys.phone("１３８００１３８０００")).isEqualTo("13800138000");
        // without an area code a number says too little to be a key
        assertThat(IdentityKeys.phone("8888 6666")).isEmpty();
    }

    @Test
    void registration_numbers_are_upper_case_half_width_without_spaces() {
        assertThat(IdentityKeys.registrationNumber(" 91330100mA27xx1234 ")).isEqualTo("91330100MA27XX1234");
        assertThat(IdentityKeys.registrationNumber("９１３３０１００ＭＡ２７ＸＸ１２３４")).isEqualTo("91330100MA27XX1234");
    }

    @Test
    void an_organisation_name_counts_only_in_its_city_and_a_person_name_not_at_all() {
        var card = new ProfileCard(new BasicSection("杭州恒达茶业有限公司", null, null, null, null, null,
                new Address("浙江", "杭州市", null, null, null), List.of("0571-88886666"), null, null, null, null, null,
                null, null, null, null, null, null, null, "L-1", "9133"), List.of(), null, null, null);
        assertThat(IdentityKeys.of(CustomerKind.ORGANIZATION, card)).containsExactlyInAnyOrder(
                new IdentityKeys.Key(IdentityKeys.Kind.TAX_NUMBER, "9133"),
                new IdentityKeys.Key(IdentityKeys.Kind.LICENCE_NUMBER, "L1"),
                new IdentityKeys.Key(IdentityKeys.Kind.PHONE, "057188886666"),
                new IdentityKeys.Key(IdentityKeys.Kind.NAME_IN_CITY, "杭州恒达茶业@杭州"));
        assertThat(IdentityKeys.of(CustomerKind.INDIVIDUAL, card)).extracting(IdentityKeys.Key::kind)
                .doesNotContain(IdentityKeys.Kind.NAME_IN_CITY)
                .containsExactlyInAnyOrder(IdentityKeys.Kind.TAX_NUMBER, IdentityKeys.Kind.LICENCE_NUMBER,
                        IdentityKeys.Kind.PHONE);
    }
}
