package com.customerarchive.events.org;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope rule by hand: a company HQ with branches B1 (teams T1, T2) and B2 (team T3); the expected owners of each
 * row are written out, not computed.
 */
class ScopeTest {

    private static final Instant T0 = Instant.parse("2026-01-05T01:00:00Z");
    private static final Instant MOVE = Instant.parse("2026-06-01T02:00:00Z");

    private static OrgChart chart() {
        OrgChart chart = OrgChart.empty();
        chart.apply(new OrgUnitOpenedEvent("HQ", "总公司", null), T0);
        chart.apply(new OrgUnitOpenedEvent("B1", "杭州分公司", "HQ"), T0);
        chart.apply(new OrgUnitOpenedEvent("B2", "宁波分公司", "HQ"), T0);
        chart.apply(new OrgUnitOpenedEvent("T1", "一组", "B1"), T0);
        chart.apply(new OrgUnitOpenedEvent("T2", "二组", "B1"), T0);
        chart.apply(new OrgUnitOpenedEvent("T3", "三组", "B2"), T0);
        chart.apply(new MemberPlacedEvent("rep1", "T1", Position.REP), T0);
        chart.apply(new MemberPlacedEvent("rep2", "T2", Position.REP), T0);
        chart.apply(new MemberPlacedEvent("rep3", "T3", Position.REP), T0);
        chart.apply(new MemberPlacedEvent("lead1", "T1", Position.TEAM_LEAD), T0);
        chart.apply(new MemberPlacedEvent("bm1", "B1", Position.BRANCH_MANAGER), T0);
        chart.apply(new MemberPlacedEvent("clerk1", "T2", Position.CLERK), T0);
        chart.apply(new MemberPlacedEvent("head", "HQ", Position.HEAD), T0);
        return chart;
    }

    @Test
    void each_position_sees_the_owners_of_its_part_of_the_tree() {
        OrgChart chart = chart();
        assertThat(Scope.of("rep1", List.of("SALES"), chart, false).owners()).containsExactly("rep1");
        assertThat(Scope.of("lead1", List.of("MANAGER"), chart, false).owners())
                .containsExactlyInAnyOrder("lead1", "rep1");
        assertThat(Scope.of("bm1", List.of("MANAGER"), chart, false).owners())
                .containsExactlyInAnyOrder("bm1", "lead1", "rep1", "rep2", "clerk1");
        // a clerk placed in a team sees its branch
        assertThat(Scope.of("clerk1", List.of("CLERK"), chart, false).owners())
                .containsExactlyInAnyOrder("bm1", "lead1", "rep1", "rep2", "clerk1");
        assertThat(Scope.of("head", List.of("MANAGER"), chart, false).all()).isTrue();
        assertThat(Scope.of("rep1", List.of("AUDITOR"), chart, false).all()).isTrue();
        assertThat(Scope.of("lead1", List.of("MANAGER"), chart, true).all()).as("sales see all: the company").isTrue();
        assertThat(List.of(Scope.of("rep1", List.of("SALES"), chart, false), Scope.of("lead1", List.of("MANAGER"), chart,
                false), Scope.of("bm1", List.of("MANAGER"), chart, false), Scope.of("head", List.of("MANAGER"), chart,
                false))).extracting(Scope::basis, Scope::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple("own", "T1"), org.assertj.core.groups.Tuple.tuple("team T1", "T1"),
                org.assertj.core.groups.Tuple.tuple("branch B1", "B1"),
                org.assertj.core.groups.Tuple.tuple("company (HEAD)", "HQ"));
        assertThat(Scope.of("bm1", List.of("MANAGER"), chart, false).reads("T2", chart)).isTrue();
        assertThat(Scope.of("lead1", List.of("MANAGER"), chart, false).reads("T2", chart)).isFalse();
    }

    @Test
    void a_user_who_is_no_member_keeps_the_rule_of_its_roles() {
        OrgChart chart = chart();
        assertThat(Scope.of("sales", List.of("SALES"), chart, false).owners()).isEqualTo(Set.of("sales"));
        assertThat(Scope.of("manager", List.of("MANAGER"), chart, false).all()).isTrue();
        assertThat(Scope.of("sales", List.of("SALES"), OrgChart.empty(), false).owners()).isEqualTo(Set.of("sales"));
        assertThat(Scope.of("manager", List.of("MANAGER"), OrgChart.empty(), false).all()).isTrue();
        assertThat(Scope.of("sales", List.of("SALES"), OrgChart.empty(), true).all()).isTrue();
    }

    @Test
    void a_rep_moved_to_another_team_leaves_its_old_leads_scope_from_the_move_and_its_history_stays() {
        OrgChart chart = chart();
        chart.apply(new MemberPlacedEvent("rep1", "T3", Position.REP), MOVE);
        assertThat(Scope.of("lead1", List.of("MANAGER"), chart, false).owners()).containsExactly("lead1");
        assertThat(Scope.of("bm1", List.of("MANAGER"), chart, false).covers("rep1")).isFalse();
        assertThat(chart.placementAt("rep1", MOVE.minusSeconds(1)).orElseThrow().unitCode()).isEqualTo("T1");
        assertThat(chart.placementAt("rep1", MOVE).orElseThrow().unitCode()).isEqualTo("T3");
        assertThat(chart.history("rep1")).extracting(OrgChart.Placement::unitCode, OrgChart.Placement::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", MOVE),
                        org.assertj.core.groups.Tuple.tuple("T3", null));
    }

    @Test
    void a_team_moved_to_another_branch_takes_its_members_along() {
        OrgChart chart = chart();
        chart.apply(new OrgUnitMovedEvent("T2", "B2"), MOVE);
        assertThat(Scope.of("bm1", List.of("MANAGER"), chart, false).owners())
                .containsExactlyInAnyOrder("bm1", "lead1", "rep1");
        assertThat(chart.branchOf("T2").orElseThrow().code()).isEqualTo("B2");
        // the clerk placed in T2 now works for branch B2
        assertThat(Scope.of("clerk1", List.of("CLERK"), chart, false).owners())
                .containsExactlyInAnyOrder("clerk1", "rep2", "rep3");
        assertThat(chart.subtree("HQ")).containsExactlyInAnyOrder("HQ", "B1", "B2", "T1", "T2", "T3");
    }

    @Test
    void a_removed_member_sees_by_its_roles_again_and_its_customers_leave_the_team() {
        OrgChart chart = chart();
        chart.apply(new MemberRemovedEvent("rep1"), MOVE);
        assertThat(Scope.of("lead1", List.of("MANAGER"), chart, false).covers("rep1")).isFalse();
        assertThat(Scope.of("rep1", List.of("SALES"), chart, false).owners()).containsExactly("rep1");
        assertThat(chart.placement("rep1")).isEmpty();
        assertThat(chart.history("rep1")).extracting(OrgChart.Placement::unitCode, OrgChart.Placement::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", MOVE));
    }
}
