package com.customerarchive.query.purchase;

import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "purchases", description = "What each customer bought (购买信息)")
class PurchaseController {

    private final PurchaseRepository purchases;
    private final CustomerScope scope;

    PurchaseController(PurchaseRepository purchases, CustomerScope scope) {
        this.purchases = purchases;
        this.scope = scope;
    }

    @GetMapping("/api/profiles/{customerId}/purchases")
    @Operation(summary = "The customer's purchases, numbered", description = "Cancelled ones stay in the list, "
            + "marked with their reason; they count nowhere (not in the totals, the lifecycle or the value).")
    List<PurchaseRepository.Purchase> purchases(@PathVariable UUID customerId) {
        if (!scope.check(customerId).known()) {
            throw NotFoundException.customer(customerId);
        }
        return purchases.of(customerId);
    }
}
