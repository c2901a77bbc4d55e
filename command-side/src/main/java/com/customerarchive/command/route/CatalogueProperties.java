package com.customerarchive.command.route;

import com.customerarchive.events.route.Catalogue;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The route card's catalogue from configuration ({@code archive.catalogue}): products, trade types, the stock each
 * trade type should hold per product ({@code targets.<code>.<sku>}, else {@code default-target}); the seed's lists when
 * none are configured.
 */
@ConfigurationProperties("archive.catalogue")
public record CatalogueProperties(List<Catalogue.Product> products, List<Catalogue.TradeType> tradeTypes,
                                  BigDecimal defaultTarget, Map<String, Map<String, BigDecimal>> targets) {

    public Catalogue catalogue() {
        return new Catalogue(products, tradeTypes, defaultTarget, targets);
    }
}
