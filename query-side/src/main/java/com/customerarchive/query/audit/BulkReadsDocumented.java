package com.customerarchive.query.audit;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/** The OpenAPI document says of every {@link ReadsCustomers} operation that its answers are in the access trail. */
@Component
class BulkReadsDocumented implements OperationCustomizer {

    static final String NOTE = "Each answer (JSON or CSV) is recorded in the access trail with its filter and the "
            + "customers it names (GET /api/audit/access).";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(ReadsCustomers.class)) {
            String description = operation.getDescription();
            operation.setDescription(description == null || description.isBlank() ? NOTE : description + " " + NOTE);
        }
        return operation;
    }
}
