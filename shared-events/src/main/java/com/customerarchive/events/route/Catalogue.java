package com.customerarchive.events.route;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a route's store check counts and where (seed 003's 客户卡运用及管理): the products by SKU (name in Chinese and
 * English, the unit they are counted in, active or not) and the trade types (业种) by code with their channel; the stock
 * each trade type should hold of a product ({@code targets}, else {@code defaultTarget}), from which a check's
 * suggested order follows. The defaults are the seed's lists.
 */
public record Catalogue(List<Product> products, List<TradeType> tradeTypes, BigDecimal defaultTarget,
                        Map<String, Map<String, BigDecimal>> targets) {

    /** {@code active} left out (configuration that does not say) is active. */
    public record Product(String sku, String nameZh, String nameEn, String unit, Boolean active) {

        public Product {
            active = active == null || active;
        }
    }

    public record TradeType(String code, String nameZh, String nameEn, String channel) {
    }

    public Catalogue {
        products = products == null || products.isEmpty() ? SEED_PRODUCTS : List.copyOf(products);
        tradeTypes = tradeTypes == null || tradeTypes.isEmpty() ? SEED_TRADE_TYPES : List.copyOf(tradeTypes);
        defaultTarget = defaultTarget == null ? BigDecimal.TEN : defaultTarget;
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /** The seed's products: the cases of its weekly report (PET490 … TP, and other). */
    public static final List<Product> SEED_PRODUCTS = List.of(
            new Product("PET490", "PET490 瓶装", "PET 490 ml", "箱", true),
            new Product("PET500", "PET500 瓶装", "PET 500 ml", "箱", true),
            new Product("C500", "C500 罐装", "Can 500 ml", "箱", true),
            new Product("PET300", "PET300 瓶装", "PET 300 ml", "箱", true),
            new Product("CAN340", "CAN340 罐装", "Can 340 ml", "箱", true),
            new Product("PET1L", "PET1L 瓶装", "PET 1 l", "箱", true),
            new Product("TP", "TP 利乐包", "Tetra Pak", "箱", true),
            new Product("OTHER", "其他", "Other", "箱", true));

    /** The seed's trade types: 11–16 the retail channel, 21–23 catering (餐饮通路). */
    public static final List<TradeType> SEED_TRADE_TYPES = List.of(
            new TradeType("11", "商场 K/A", "Department store (K/A)", "RETAIL"),
            new TradeType("12", "连锁便民店", "Convenience chain", "RETAIL"),
            new TradeType("13", "地区超市", "Local supermarket", "RETAIL"),
            new TradeType("14", "连锁超市", "Supermarket chain", "RETAIL"),
            new TradeType("15", "量贩(大卖场)", "Hypermarket", "RETAIL"),
            new TradeType("16", "连锁面包店", "Bakery chain", "RETAIL"),
            new TradeType("21", "连锁餐厅", "Restaurant chain", "CATERING"),
            new TradeType("22", "饭店", "Restaurant", "CATERING"),
            new TradeType("23", "大型娱乐场所", "Entertainment venue", "CATERING"));

    public static Catalogue seed() {
        return new Catalogue(null, null, null, null);
    }

    /** This catalogue with {@code product} in place of the one of its SKU (added last when new). */
    public Catalogue with(Product product) {
        return new Catalogue(replaced(products, product, Product::sku), tradeTypes, defaultTarget, targets);
    }

    /** This catalogue with {@code tradeType} in place of the one of its code (added last when new). */
    public Catalogue with(TradeType tradeType) {
        return new Catalogue(products, replaced(tradeTypes, tradeType, TradeType::code), defaultTarget, targets);
    }

    private static <T> List<T> replaced(List<T> entries, T entry, java.util.function.Function<T, String> code) {
        List<T> next = new java.util.ArrayList<>(entries);
        int at = next.stream().map(code).toList().indexOf(code.apply(entry));
        if (at < 0) {
            next.add(entry);
        } else {
            next.set(at, entry);
        }
        return next;
    }

    public Optional<Product> product(String sku) {
        return products.stream().filter(product -> product.sku().equals(sku)).findFirst();
    }

    public Optional<TradeType> tradeType(String code) {
        return tradeTypes.stream().filter(type -> type.code().equals(code)).findFirst();
    }

    /** The stock an outlet of this trade type (null: none known) should hold of a product. */
    public BigDecimal target(String tradeType, String sku) {
        Map<String, BigDecimal> ofType = tradeType == null ? null : targets.get(tradeType);
        BigDecimal target = ofType == null ? null : ofType.get(sku);
        return target != null ? target : defaultTarget;
    }
}
