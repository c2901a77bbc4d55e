package com.customerarchive.query.route;

import com.customerarchive.events.route.Catalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** The route card's catalogue as it stands, or as the archive knew it at an instant. */
@RestController
@Tag(name = "routes")
class CatalogueController {

    private final Catalogues catalogues;

    CatalogueController(Catalogues catalogues) {
        this.catalogues = catalogues;
    }

    @GetMapping("/api/catalogue")
    @Operation(summary = "The route card's catalogue: products (SKU, names, unit, active) and trade types (业种)",
            description = "Configuration (archive.catalogue, the seed's lists by default) with the ADMIN's changes "
                    + "(PUT /api/catalogue/… on command-side) over it; knownAt: as the archive knew it then. "
                    + "targets: the stock each trade type should hold per SKU (else defaultTarget).")
    Catalogue catalogue(@RequestParam(required = false) Instant knownAt) {
        return knownAt == null ? catalogues.current() : catalogues.knownAt(knownAt);
    }
}
