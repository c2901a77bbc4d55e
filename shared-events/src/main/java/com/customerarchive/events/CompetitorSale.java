package com.customerarchive.events;

import java.math.BigDecimal;

/**
 * Our product against a competitor's at the customer (本公司产品与竞争对手产品在该客户的销售情况): what each sold there in a
 * period, in one currency.
 */
public record CompetitorSale(String product, String period, BigDecimal ourSales, String competitor,
                             BigDecimal competitorSales, String currency) {
}
