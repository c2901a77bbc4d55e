package com.customerarchive.command.route;

import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.route.Catalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The route card's catalogue kept by an ADMIN (产品 · 业种): each change an event of the organisation's stream, so a
 * report asked as known before it keeps the names it had. Read on query-side ({@code GET /api/catalogue}).
 */
@RestController
@Tag(name = "routes")
class CatalogueController {

    /** A SKU or a trade type's code: letters, digits, '-', '_' and '.', as printed on the card. */
    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";

    record ProductRequest(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
                          @NotBlank @Size(max = 20) String unit, @NotNull Boolean active) {
    }

    record TradeTypeRequest(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
                            @NotBlank @Pattern(regexp = "RETAIL|CATERING|OTHER") String channel) {
    }

    record Answer(String code, long version) {
    }

    private final CommandSender commands;
    private final Catalogues catalogues;

    CatalogueController(CommandSender commands, Catalogues catalogues) {
        this.commands = commands;
        this.catalogues = catalogues;
    }

    @PutMapping("/api/catalogue/products/{sku}")
    @Operation(summary = "Define, rename or (de)activate a product of the route card (ADMIN)", description = "name in "
            + "Chinese and English, the unit it is counted in (箱) and active. An inactive product is refused in new "
            + "store checks and stays in every report that counted it. The same again writes nothing. Answers the "
            + "organisation's version.")
    Answer product(@PathVariable @Pattern(regexp = CODE) String sku, @Valid @RequestBody ProductRequest request) {
        return new Answer(sku, commands.send(new com.customerarchive.command.org.CatalogueCommands.DefineProduct(
                OrgChart.STREAM, new Catalogue.Product(sku, request.nameZh(), request.nameEn(), request.unit(),
                request.active()), catalogues.configured()), null));
    }

    @PutMapping("/api/catalogue/trade-types/{code}")
    @Operation(summary = "Define or rename a trade type (业种) of the route card (ADMIN)", description = "name in "
            + "Chinese and English and its channel: RETAIL, CATERING (餐饮通路) or OTHER. The same again writes nothing.")
    Answer tradeType(@PathVariable @Pattern(regexp = CODE) String code, @Valid @RequestBody TradeTypeRequest request) {
        return new Answer(code, commands.send(new com.customerarchive.command.org.CatalogueCommands.DefineTradeType(
                OrgChart.STREAM, new Catalogue.TradeType(code, request.nameZh(), request.nameEn(), request.channel()),
                catalogues.configured()), null));
    }
}
