package com.customerarchive.events.org;

import com.customerarchive.events.route.Catalogue;

/** A trade type (业种) of the catalogue defined or renamed (ADMIN), replacing what was said of the same code. */
public record CatalogueTradeTypeDefinedEvent(Catalogue.TradeType tradeType) implements OrganisationEvent {
}
