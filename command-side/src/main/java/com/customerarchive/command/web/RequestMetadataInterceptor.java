package com.customerarchive.command.web;

import com.customerarchive.command.customer.OwnerScope;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.events.org.Scope;
import com.customerarchive.events.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Registered by Axon's auto-configuration on the command side: stamps every command with the acting user and the
 * request's correlation id (events inherit both) and, for a user whose scope is not the whole company, the owners in it.
 */
@Component
class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final OrgScopes scopes;

    RequestMetadataInterceptor(OrgScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        Map<String, Object> metadata = new HashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()) {
            metadata.put(EventMetadata.ACTOR, authentication.getName());
            Scope scope = scopes.of(authentication);
            if (!scope.all()) {
                metadata.put(OwnerScope.METADATA, scope.owners());
            }
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (Correlation.current() != null) {
            metadata.put(EventMetadata.CORRELATION_ID, Correlation.current());
        } else if (request != null) {
            Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (correlationId != null) {
                metadata.put(EventMetadata.CORRELATION_ID, correlationId);
            }
        }
        return (index, message) -> message.andMetaData(metadata);
    }
}
