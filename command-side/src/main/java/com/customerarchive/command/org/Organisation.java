package com.customerarchive.command.org;

import com.customerarchive.command.customer.Rule;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.events.org.MemberPlacedEvent;
import com.customerarchive.events.org.MemberRemovedEvent;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.PoolConfiguredEvent;
import com.customerarchive.events.org.OrgUnitClosedEvent;
import com.customerarchive.events.org.OrgUnitMovedEvent;
import com.customerarchive.events.org.OrgUnitOpenedEvent;
import com.customerarchive.events.org.OrgUnitRenamedEvent;
import com.customerarchive.events.org.OrganisationEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The sales organisation, one stream for the company: its units and who holds which position in them. It decides on
 * the tree it folds (the same {@link OrgChart} both apps' scope rule reads); every handler answers the stream's
 * version after it. A repeat of a change already made answers the version and writes nothing.
 */
@Aggregate
class Organisation {

    @AggregateIdentifier
    private String organisation = OrgChart.STREAM;
    private OrgChart chart = OrgChart.empty();

    Organisation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.OpenUnit command) {
        var existing = chart.unit(command.code());
        if (existing.isPresent()) {
            var unit = existing.get();
            if (!unit.closed() && unit.name().equals(command.name()) && Objects.equals(unit.parentCode(), command.parentCode())) {
                return chart.version();
            }
            throw new RuleViolationException(Rule.UNIT_CODE_TAKEN,
                    "The unit code " + command.code() + " is taken; codes are never reused.");
        }
        if (command.parentCode() == null) {
            if (chart.root().isPresent()) {
                throw new RuleViolationException(Rule.COMPANY_EXISTS, "The company is " + chart.root().get().code()
                        + "; a new unit names its parent.");
            }
        } else {
            openUnit(command.parentCode());
        }
        return emit(new OrgUnitOpenedEvent(command.code(), command.name(), command.parentCode()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.RenameUnit command) {
        var unit = openUnit(command.code());
        return unit.name().equals(command.name()) ? chart.version()
                : emit(new OrgUnitRenamedEvent(command.code(), command.name()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.MoveUnit command) {
        var unit = openUnit(command.code());
        if (Objects.equals(unit.parentCode(), command.parentCode())) {
            return chart.version();
        }
        if (unit.parentCode() == null || command.parentCode() == null) {
            throw new RuleViolationException(Rule.COMPANY_EXISTS, "The company stays at the top of the tree; "
                    + "a branch or team moves under another unit.");
        }
        openUnit(command.parentCode());
        if (chart.subtree(command.code()).contains(command.parentCode())) {
            throw new RuleViolationException(Rule.UNIT_MOVED_BELOW_ITSELF, "The unit " + command.code()
                    + " cannot move under " + command.parentCode() + ", which is below it.");
        }
        return emit(new OrgUnitMovedEvent(command.code(), command.parentCode()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.CloseUnit command) {
        var unit = chart.unit(command.code()).orElseThrow(() -> unknown(command.code()));
        if (unit.closed()) {
            return chart.version();
        }
        if (!chart.children(command.code()).isEmpty() || !chart.placementsIn(command.code()).isEmpty()) {
            // a unit's customers are its members' customers: a unit without members and open units has none
            throw new RuleViolationException(Rule.UNIT_NOT_EMPTY, "The unit " + command.code() + " still has "
                    + chart.placementsIn(command.code()).size() + " member(s) and " + chart.children(command.code()).size()
                    + " open unit(s) below it; move them (and so their customers) first.");
        }
        return emit(new OrgUnitClosedEvent(command.code()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.PlaceMember command) {
        openUnit(command.unitCode());
        var now = chart.placement(command.user());
        if (now.isPresent() && now.get().unitCode().equals(command.unitCode())
                && now.get().position() == command.position()) {
            return chart.version();
        }
        return emit(new MemberPlacedEvent(command.user(), command.unitCode(), command.position()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.RemoveMember command) {
        return chart.placement(command.user()).isEmpty() ? chart.version()
                : emit(new MemberRemovedEvent(command.user()));
    }

    /** A pool's units must be open units; a unit is named by one pool only. A repeat of the same setup changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(OrgCommands.ConfigurePool command) {
        command.unitCodes().forEach(this::openUnit);
        for (var other : chart.pools()) {
            if (!other.poolId().equals(command.poolId())) {
                for (String code : command.unitCodes()) {
                    if (other.unitCodes().contains(code)) {
                        throw new RuleViolationException(Rule.UNIT_CODE_TAKEN, "The unit " + code
                                + " already belongs to the pool " + other.poolId() + "; a unit has one pool.");
                    }
                }
            }
        }
        var now = chart.pool(command.poolId());
        if (now.isPresent() && now.get().name().equals(command.name())
                && now.get().unitCodes().equals(command.unitCodes()) && now.get().rules().equals(command.rules())) {
            return chart.version();
        }
        return emit(new PoolConfiguredEvent(command.poolId(), command.name(), command.unitCodes(), command.rules()));
    }

    /** The same product again writes nothing; its SKU is its key, so a rename keeps every figure counted under it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(CatalogueCommands.DefineProduct command) {
        var now = chart.catalogue(command.configured()).product(command.product().sku());
        return now.isPresent() && now.get().equals(command.product()) ? chart.version()
                : emit(new com.customerarchive.events.org.CatalogueProductDefinedEvent(command.product()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(CatalogueCommands.DefineTradeType command) {
        var now = chart.catalogue(command.configured()).tradeType(command.tradeType().code());
        return now.isPresent() && now.get().equals(command.tradeType()) ? chart.version()
                : emit(new com.customerarchive.events.org.CatalogueTradeTypeDefinedEvent(command.tradeType()));
    }

    @EventSourcingHandler
    void on(OrganisationEvent event, @Timestamp Instant at) {
        organisation = OrgChart.STREAM;
        chart.apply(event, at);
    }

    private long emit(OrganisationEvent event) {
        apply(event);
        return chart.version();
    }

    private OrgChart.Unit openUnit(String code) {
        var unit = chart.unit(code).orElseThrow(() -> unknown(code));
        if (unit.closed()) {
            throw new RuleViolationException(Rule.UNIT_CLOSED, "The unit " + code + " is closed.");
        }
        return unit;
    }

    private static RuleViolationException unknown(String code) {
        return new RuleViolationException(Rule.UNKNOWN_UNIT, "No unit has the code " + code + ".");
    }
}
