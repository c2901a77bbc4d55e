package com.customerarchive.events.org;

import com.customerarchive.events.route.Catalogue;

/**
 * A product of the route card's catalogue defined, renamed, or made (in)active (ADMIN): from this event on it
 * replaces what configuration (or an earlier event) said of the same SKU; a report known before it keeps the old name.
 */
public record CatalogueProductDefinedEvent(Catalogue.Product product) implements OrganisationEvent {
}
