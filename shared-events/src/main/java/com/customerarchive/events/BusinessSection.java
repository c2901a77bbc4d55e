package com.customerarchive.events;

import java.math.BigDecimal;
import java.util.List;

/**
 * 业务信息: what the customer sells and where, how much, against whom; what it asks of suppliers, where it wants to go
 * and what stands in its way; how our products sell there against competitors'.
 */
public record BusinessSection(
        List<String> mainProducts,
        List<String> channels,
        BigDecimal annualVolume,
        Integer localMarketRank,
        List<String> competitorsCarried,
        List<String> markets,
        Requirements requirements,
        String goals,
        String problems,
        List<CompetitorSale> competitorSales) {

    public BusinessSection {
        mainProducts = mainProducts == null ? List.of() : List.copyOf(mainProducts);
        channels = channels == null ? List.of() : List.copyOf(channels);
        competitorsCarried = competitorsCarried == null ? List.of() : List.copyOf(competitorsCarried);
        markets = markets == null ? List.of() : List.copyOf(markets);
        competitorSales = competitorSales == null ? List.of() : List.copyOf(competitorSales);
    }

    /** The business data as the card held it before the seed form's further fields. */
    public BusinessSection(List<String> mainProducts, List<String> channels, BigDecimal annualVolume,
                           Integer localMarketRank, List<String> competitorsCarried) {
        this(mainProducts, channels, annualVolume, localMarketRank, competitorsCarried, null, null, null, null, null);
    }
}
