package com.customerarchive.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * One product on the shelf at a visit (店头检查): stock (存), what was delivered since the last check (进), facings,
 * merchandised (生动化), competitors' SKUs seen; and what the archive derived: the stock of the last check
 * ({@code previousStock}, null at the first) and the sales since (销 = previous + delivered − stock). A correction
 * names the previous stock it replaces, with a reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreCheckLine(String sku, BigDecimal stock, BigDecimal delivered, Integer facings, Boolean merchandised,
                             List<String> competitorSkus, BigDecimal previousStock, BigDecimal sold,
                             String correctionReason) {

    public StoreCheckLine {
        competitorSkus = competitorSkus == null ? List.of() : List.copyOf(competitorSkus);
    }
}
