package com.customerarchive.command.org;

import com.customerarchive.events.org.Position;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The organisation's commands; each names the one stream ({@code OrgChart.STREAM}). */
final class OrgCommands {

    private OrgCommands() {
    }

    record OpenUnit(@TargetAggregateIdentifier String organisation, String code, String name, String parentCode) {
    }

    record RenameUnit(@TargetAggregateIdentifier String organisation, String code, String name) {
    }

    record MoveUnit(@TargetAggregateIdentifier String organisation, String code, String parentCode) {
    }

    record CloseUnit(@TargetAggregateIdentifier String organisation, String code) {
    }

    record PlaceMember(@TargetAggregateIdentifier String organisation, String user, String unitCode, Position position) {
    }

    record RemoveMember(@TargetAggregateIdentifier String organisation, String user) {
    }

    record ConfigurePool(@TargetAggregateIdentifier String organisation, String poolId, String name,
                         java.util.List<String> unitCodes, com.customerarchive.events.org.PoolRules rules) {
    }
}
