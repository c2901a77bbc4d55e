package com.customerarchive.command.customer;

import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "customers", description = "Register customers and record every change to them")
class CustomerController {

    private final CommandSender commands;

    CustomerController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Register a customer",
            description = "Answers 201 with the new customer's id and version 1; Location names its profile on query-side.")
    ResponseEntity<RegisteredCustomer> register(@Valid @RequestBody RegisterCustomerRequest request) {
        var customerId = new CustomerId(request.customerId() != null ? request.customerId() : UUID.randomUUID());
        commands.send(new RegisterCustomerCommand(customerId, request.kind(), request.nature(), request.tier(),
                request.source(), request.grade(), request.ownerId(), request.card()), request.occurredAt());
        long version = 1;
        return ResponseEntity.created(URI.create("/api/profiles/" + customerId))
                .eTag(Long.toString(version))
                .body(new RegisteredCustomer(customerId.value(), version));
    }

    record RegisteredCustomer(UUID customerId, long version) {
    }
}
