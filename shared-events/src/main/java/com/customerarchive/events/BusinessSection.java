package com.customerarchive.events;

import java.math.BigDecimal;
import java.util.List;

/** 业务信息. */
public record BusinessSection(
        List<String> mainProducts,
        List<String> channels,
        BigDecimal annualVolume,
        Integer localMarketRank,
        List<String> competitorsCarried) {

    public BusinessSection {
        mainProducts = mainProducts == null ? List.of() : List.copyOf(mainProducts);
        channels = channels == null ? List.of() : List.copyOf(channels);
        competitorsCarried = competitorsCarried == null ? List.of() : List.copyOf(competitorsCarried);
    }
}
