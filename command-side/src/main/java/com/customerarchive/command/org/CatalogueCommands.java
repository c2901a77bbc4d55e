package com.customerarchive.command.org;

import com.customerarchive.events.route.Catalogue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The catalogue's commands, sent to the organisation's one stream; {@code configured}: what configuration says. */
public final class CatalogueCommands {

    private CatalogueCommands() {
    }

    public record DefineProduct(@TargetAggregateIdentifier String organisation, Catalogue.Product product,
                                Catalogue configured) {
    }

    public record DefineTradeType(@TargetAggregateIdentifier String organisation, Catalogue.TradeType tradeType,
                                  Catalogue configured) {
    }
}
