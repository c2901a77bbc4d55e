package com.customerarchive.command.org;

import com.customerarchive.command.customer.Rule;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.events.org.MemberPlacedEvent;
import com.customerarchive.events.org.MemberRemovedEvent;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.OrgUnitClosedEvent;
import com.customerarchive.events.org.OrgUnitMovedEvent;
import com.customerarchive.events.org.OrgUnitOpenedEvent;
import com.customerarchive.events.org.OrgUnitRenamedEvent;
import com.customerarchive.events.org.Position;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The organisation's rules: one company at the top, codes never reused, no unit below itself, closing an empty unit. */
class OrganisationRulesTest {

    private static final String ORG = OrgChart.STREAM;

    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
    }

    private static org.hamcrest.Matcher<RuleViolationException> breaks(Rule rule) {
        return Matchers.predicate(ex -> ex.rule() == rule);
    }

    private static Object[] tree() {
        return new Object[]{new OrgUnitOpenedEvent("HQ", "总公司", null), new OrgUnitOpenedEvent("B1", "杭州分公司", "HQ"),
                new OrgUnitOpenedEvent("T1", "一组", "B1"), new OrgUnitOpenedEvent("T2", "二组", "B1")};
    }

    @Test
    void the_first_unit_is_the_company_and_a_second_company_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OrgCommands.OpenUnit(ORG, "HQ", "总公司", null))
                .expectEvents(new OrgUnitOpenedEvent("HQ", "总公司", null))
                .expectResultMessagePayload(1L);
        fixture.given(tree())
                .when(new OrgCommands.OpenUnit(ORG, "HQ2", "另一家", null))
                .expectException(breaks(Rule.COMPANY_EXISTS)).expectNoEvents();
    }

    @Test
    void a_unit_needs_an_open_parent_and_a_code_of_its_own() {
        fixture.given(tree())
                .when(new OrgCommands.OpenUnit(ORG, "T9", "九组", "B7"))
                .expectException(breaks(Rule.UNKNOWN_UNIT)).expectNoEvents();
        fixture.given(tree())
                .when(new OrgCommands.OpenUnit(ORG, "T1", "新一组", "B1"))
                .expectException(breaks(Rule.UNIT_CODE_TAKEN)).expectNoEvents();
        fixture.given(tree())
                .when(new OrgCommands.OpenUnit(ORG, "T1", "一组", "B1"))
                .expectNoEvents().expectResultMessagePayload(4L);
        fixture.given(tree()).andGiven(new OrgUnitClosedEvent("T2"))
                .when(new OrgCommands.OpenUnit(ORG, "T2", "二组", "B1"))
                .expectException(breaks(Rule.UNIT_CODE_TAKEN)).expectNoEvents();
        fixture.given(tree()).andGiven(new OrgUnitClosedEvent("T2"))
                .when(new OrgCommands.PlaceMember(ORG, "rep1", "T2", Position.REP))
                .expectException(breaks(Rule.UNIT_CLOSED)).expectNoEvents();
    }

    @Test
    void a_unit_moves_under_another_but_never_below_itself() {
        fixture.given(tree()).andGiven(new OrgUnitOpenedEvent("B2", "宁波分公司", "HQ"))
                .when(new OrgCommands.MoveUnit(ORG, "T2", "B2"))
                .expectEvents(new OrgUnitMovedEvent("T2", "B2"));
        fixture.given(tree())
                .when(new OrgCommands.MoveUnit(ORG, "B1", "T1"))
                .expectException(breaks(Rule.UNIT_MOVED_BELOW_ITSELF)).expectNoEvents();
        fixture.given(tree())
                .when(new OrgCommands.MoveUnit(ORG, "HQ", "B1"))
                .expectException(breaks(Rule.COMPANY_EXISTS)).expectNoEvents();
        fixture.given(tree())
                .when(new OrgCommands.RenameUnit(ORG, "T1", "精英一组"))
                .expectEvents(new OrgUnitRenamedEvent("T1", "精英一组"));
        fixture.given(tree())
                .when(new OrgCommands.RenameUnit(ORG, "T1", "一组"))
                .expectNoEvents().expectResultMessagePayload(4L);
        fixture.given(tree()).andGiven(new OrgUnitOpenedEvent("B2", "宁波分公司", "HQ"), new OrgUnitClosedEvent("B2"))
                .when(new OrgCommands.MoveUnit(ORG, "T2", "B2"))
                .expectException(breaks(Rule.UNIT_CLOSED)).expectNoEvents();
    }

    @Test
    void a_unit_with_members_or_open_units_below_does_not_close() {
        fixture.given(tree()).andGiven(new MemberPlacedEvent("rep1", "T1", Position.REP))
                .when(new OrgCommands.CloseUnit(ORG, "T1"))
                .expectException(breaks(Rule.UNIT_NOT_EMPTY)).expectNoEvents();
        fixture.given(tree())
                .when(new OrgCommands.CloseUnit(ORG, "B1"))
                .expectException(breaks(Rule.UNIT_NOT_EMPTY)).expectNoEvents();
        fixture.given(tree()).andGiven(new MemberPlacedEvent("rep1", "T1", Position.REP),
                        new MemberPlacedEvent("rep1", "T2", Position.REP))
                .when(new OrgCommands.CloseUnit(ORG, "T1"))
                .expectEvents(new OrgUnitClosedEvent("T1"));
    }

    @Test
    void a_member_is_placed_moved_and_removed_and_a_repeat_writes_nothing() {
        fixture.given(tree())
                .when(new OrgCommands.PlaceMember(ORG, "rep1", "T1", Position.REP))
                .expectEvents(new MemberPlacedEvent("rep1", "T1", Position.REP)).expectResultMessagePayload(5L);
        fixture.given(tree()).andGiven(new MemberPlacedEvent("rep1", "T1", Position.REP))
                .when(new OrgCommands.PlaceMember(ORG, "rep1", "T1", Position.REP))
                .expectNoEvents().expectResultMessagePayload(5L);
        fixture.given(tree()).andGiven(new MemberPlacedEvent("rep1", "T1", Position.REP))
                .when(new OrgCommands.PlaceMember(ORG, "rep1", "T1", Position.TEAM_LEAD))
                .expectEvents(new MemberPlacedEvent("rep1", "T1", Position.TEAM_LEAD));
        fixture.given(tree()).andGiven(new MemberPlacedEvent("rep1", "T1", Position.REP))
                .when(new OrgCommands.RemoveMember(ORG, "rep1"))
                .expectEvents(new MemberRemovedEvent("rep1"));
        fixture.given(tree())
                .when(new OrgCommands.PlaceMember(ORG, "rep1", "T9", Position.REP))
                .expectException(breaks(Rule.UNKNOWN_UNIT)).expectNoEvents();
        fixture.given(tree()).andGiven(new OrgUnitClosedEvent("T2"))
                .when(new OrgCommands.CloseUnit(ORG, "T2"))
                .expectNoEvents().expectResultMessagePayload(5L);
        fixture.given(tree())
                .when(new OrgCommands.RemoveMember(ORG, "nobody"))
                .expectNoEvents().expectResultMessagePayload(4L);
    }

    @Test
    void a_pool_takes_open_units_each_unit_has_one_pool_and_a_repeat_changes_nothing() {
        var rules = new com.customerarchive.events.org.PoolRules(java.util.Map.of(com.customerarchive.events.Grade.B, 15),
                java.util.Map.of(), false, false, false, 3, 5, 10, 30, false, 2);
        fixture.given(tree())
                .when(new OrgCommands.ConfigurePool(ORG, "P1", "杭州公海", java.util.List.of("B1"), rules))
                .expectEvents(new com.customerarchive.events.org.PoolConfiguredEvent("P1", "杭州公海",
                        java.util.List.of("B1"), rules));
        fixture.given(tree()).andGiven(new com.customerarchive.events.org.PoolConfiguredEvent("P1", "杭州公海",
                        java.util.List.of("B1"), rules))
                .when(new OrgCommands.ConfigurePool(ORG, "P1", "杭州公海", java.util.List.of("B1"), rules))
                .expectNoEvents();
        fixture.given(tree()).andGiven(new com.customerarchive.events.org.PoolConfiguredEvent("P1", "杭州公海",
                        java.util.List.of("B1"), rules))
                .when(new OrgCommands.ConfigurePool(ORG, "P2", "另一个公海", java.util.List.of("B1"), rules))
                .expectException(breaks(Rule.UNIT_CODE_TAKEN)).expectNoEvents();
        fixture.given(tree())
                .when(new OrgCommands.ConfigurePool(ORG, "P3", "无此单位", java.util.List.of("B9"), rules))
                .expectException(breaks(Rule.UNKNOWN_UNIT)).expectNoEvents();
    }

    /**
     * The catalogue over configuration: a product said again as configuration has it writes nothing; a rename is an
     * event; the same rename again writes nothing; a trade type likewise. The chart folds them over the configuration.
     */
    @Test
    void a_catalogue_change_is_an_event_and_the_same_again_writes_nothing() {
        var seed = com.customerarchive.events.route.Catalogue.seed();
        var asConfigured = new com.customerarchive.events.route.Catalogue.Product("PET500", "PET500 瓶装", "PET 500 ml",
                "箱", true);
        var renamed = new com.customerarchive.events.route.Catalogue.Product("PET500", "冰红茶 500ml", "Iced tea 500 ml",
                "箱", true);
        fixture.given(tree())
                .when(new CatalogueCommands.DefineProduct(ORG, asConfigured, seed))
                .expectNoEvents().expectResultMessagePayload(4L);
        fixture.given(tree())
                .when(new CatalogueCommands.DefineProduct(ORG, renamed, seed))
                .expectEvents(new com.customerarchive.events.org.CatalogueProductDefinedEvent(renamed))
                .expectResultMessagePayload(5L);
        fixture.given(tree()).andGiven(new com.customerarchive.events.org.CatalogueProductDefinedEvent(renamed))
                .when(new CatalogueCommands.DefineProduct(ORG, renamed, seed))
                .expectNoEvents().expectResultMessagePayload(5L);
        var bar = new com.customerarchive.events.route.Catalogue.TradeType("24", "酒吧", "Bar", "CATERING");
        fixture.given(tree()).andGiven(new com.customerarchive.events.org.CatalogueProductDefinedEvent(renamed))
                .when(new CatalogueCommands.DefineTradeType(ORG, bar, seed))
                .expectEvents(new com.customerarchive.events.org.CatalogueTradeTypeDefinedEvent(bar))
                .expectResultMessagePayload(6L);

        OrgChart chart = OrgChart.empty()
                .apply(new com.customerarchive.events.org.CatalogueProductDefinedEvent(renamed),
                        java.time.Instant.parse("2026-11-01T00:00:00Z"))
                .apply(new com.customerarchive.events.org.CatalogueTradeTypeDefinedEvent(bar),
                        java.time.Instant.parse("2026-11-02T00:00:00Z"));
        var now = chart.catalogue(seed);
        org.assertj.core.api.Assertions.assertThat(now.products()).hasSize(8);
        org.assertj.core.api.Assertions.assertThat(now.product("PET500")).contains(renamed);
        org.assertj.core.api.Assertions.assertThat(now.tradeTypes().get(now.tradeTypes().size() - 1)).isEqualTo(bar);
        var before = chart.knownAt(java.time.Instant.parse("2026-10-31T23:59:59Z")).catalogue(seed);
        org.assertj.core.api.Assertions.assertThat(before.product("PET500").orElseThrow().nameZh())
                .isEqualTo("PET500 瓶装");
        org.assertj.core.api.Assertions.assertThat(before.tradeType("24")).isEmpty();
    }
}
