package com.customerarchive.events.org;

/**
 * An event of the sales organisation's own stream (units, members, public pools and the route card's catalogue), one stream for the whole company
 * ({@link OrgChart#STREAM}); it names no customer.
 */
public sealed interface OrganisationEvent permits OrgUnitOpenedEvent, OrgUnitRenamedEvent, OrgUnitMovedEvent,
        OrgUnitClosedEvent, MemberPlacedEvent, MemberRemovedEvent, PoolConfiguredEvent, CatalogueProductDefinedEvent,
        CatalogueTradeTypeDefinedEvent {
}
