package com.customerarchive.query.core;

import com.customerarchive.events.CustomerKind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The completeness score against a hand-computed table: the default weights (organisations 100 points over 24 fields,
 * individuals 100 over 14), rounding half up, the missing fields by section in the card's order, and configured
 * weights.
 */
class CompletenessTest {

    private final Completeness defaults = new Completeness(new Completeness.Properties(null, null, 60, 20));

    @Test
    void an_organisation_scores_the_weight_of_its_filled_in_fields_over_all() {
        // name 5
        assertThat(defaults.of(CustomerKind.ORGANIZATION, List.of("basic.name")).score()).isEqualTo(5);
        // name 5 + phones 8 + city 5 = 18; an address's province alone does not fill its city
        assertThat(defaults.of(CustomerKind.ORGANIZATION, List.of("basic.name", "basic.phones",
                "basic.address.city", "basic.address.province")).score()).isEqualTo(18);
        // + contacts 12 + key persons 8 + premises 2 (its area alone fills it) + payment terms 6 (a part of them) = 46
        assertThat(defaults.of(CustomerKind.ORGANIZATION, List.of("basic.name", "basic.phones", "basic.address.city",
                "contacts", "keyPersons", "basic.premises.area", "payment.terms.kind")).score()).isEqualTo(46);
        // a field the weights do not name counts for nothing
        assertThat(defaults.of(CustomerKind.ORGANIZATION, List.of("basic.name", "basic.hobbies")).score()).isEqualTo(5);
    }

    @Test
    void every_field_of_the_form_filled_in_is_a_hundred() {
        List<String> all = List.of("basic.name", "basic.legalName", "basic.phones", "basic.email", "basic.address.city",
                "basic.address.street", "basic.industry", "basic.foundedOn", "basic.employees",
                "basic.registeredCapital", "basic.licenceNumber", "basic.taxNumber", "basic.premises.tenure",
                "basic.bank.bank", "keyPersons", "contacts", "business.mainProducts", "business.markets",
                "business.annualVolume", "business.competitorsCarried", "business.requirements.delivery",
                "business.goals", "payment.creditRating", "payment.terms.kind");
        var score = defaults.of(CustomerKind.ORGANIZATION, all);
        assertThat(score.score()).isEqualTo(100);
        assertThat(score.missing()).isEmpty();
        assertThat(defaults.of(CustomerKind.ORGANIZATION, all.subList(1, all.size())).score()).as("all but the name")
                .isEqualTo(95);
    }

    @Test
    void an_individual_is_scored_by_the_fields_a_person_has() {
        assertThat(defaults.of(CustomerKind.INDIVIDUAL, List.of("basic.name")).score()).isEqualTo(10);
        // name 10 + gender 5 + birthday 8 + phones 15 + city 10 = 48
        assertThat(defaults.of(CustomerKind.INDIVIDUAL, List.of("basic.name", "basic.gender", "basic.birthday",
                "basic.phones", "basic.address.city")).score()).isEqualTo(48);
        // an organisation's fields count for nothing on a person's card
        assertThat(defaults.of(CustomerKind.INDIVIDUAL, List.of("basic.name", "basic.taxNumber", "keyPersons"))
                .score()).isEqualTo(10);
    }

    @Test
    void the_missing_fields_are_listed_by_section_in_the_cards_order() {
        var score = defaults.of(CustomerKind.ORGANIZATION, List.of("basic.name", "basic.phones", "basic.address.city",
                "contacts", "business.mainProducts", "business.markets", "business.annualVolume",
                "business.competitorsCarried", "business.requirements.packaging", "business.goals"));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("basic", List.of("basic.legalName", "basic.email", "basic.address.street", "basic.industry",
                "basic.foundedOn", "basic.employees", "basic.registeredCapital", "basic.licenceNumber",
                "basic.taxNumber", "basic.premises", "basic.bank"));
        expected.put("keyPersons", List.of("keyPersons"));
        expected.put("payment", List.of("payment.creditRating", "payment.terms"));
        assertThat(score.missing()).containsExactlyEntriesOf(expected);
        // 5 + 8 + 5 + 12 + 5 + 3 + 3 + 3 + 4 + 2 = 50
        assertThat(score.score()).isEqualTo(50);
    }

    @Test
    void configured_weights_replace_the_defaults_and_round_half_up() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("basic.phones", 7);
        weights.put("basic.name", 1);
        var configured = new Completeness(new Completeness.Properties(weights, Map.of("basic.name", 1, "basic.phones", 2),
                60, 20));
        // 1 of 8 = 12.5 → 13; 7 of 8 = 87.5 → 88
        assertThat(configured.of(CustomerKind.ORGANIZATION, List.of("basic.name")).score()).isEqualTo(13);
        assertThat(configured.of(CustomerKind.ORGANIZATION, List.of("basic.phones")).score()).isEqualTo(88);
        // 1 of 3 = 33.3 → 33; 2 of 3 = 66.7 → 67
        assertThat(configured.of(CustomerKind.INDIVIDUAL, List.of("basic.name")).score()).isEqualTo(33);
        assertThat(configured.of(CustomerKind.INDIVIDUAL, List.of("basic.phones")).score()).isEqualTo(67);
        // listed by section in the card's order, then by path, whatever the configuration's order
        var ordered = new Completeness(new Completeness.Properties(Map.of("payment.creditRating", 1, "basic.phones", 1,
                "basic.email", 1), null, 60, 20));
        assertThat(ordered.of(CustomerKind.ORGANIZATION, List.of()).missing()).containsExactly(
                Map.entry("basic", List.of("basic.email", "basic.phones")), Map.entry("payment", List.of("payment.creditRating")));
        // the fingerprint names the weights, not the order they were given in
        Map<String, Integer> reversed = new LinkedHashMap<>();
        reversed.put("basic.name", 1);
        reversed.put("basic.phones", 7);
        assertThat(new Completeness(new Completeness.Properties(reversed, Map.of("basic.phones", 2, "basic.name", 1), 60, 20))
                .fingerprint()).isEqualTo(configured.fingerprint());
        assertThat(configured.fingerprint()).isNotEqualTo(defaults.fingerprint());
    }

    @Test
    void weights_that_name_no_field_of_the_card_or_add_up_to_nothing_stop_the_start() {
        assertThatThrownBy(() -> new Completeness(new Completeness.Properties(Map.of("basics.name", 5), null, 60, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basics.name");
        assertThatThrownBy(() -> new Completeness(new Completeness.Properties(Map.of("basic.name", 0), null, 60, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing");
        assertThatThrownBy(() -> new Completeness(new Completeness.Properties(Map.of("basic.name", -1), null, 60, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basic.name");
    }
}
