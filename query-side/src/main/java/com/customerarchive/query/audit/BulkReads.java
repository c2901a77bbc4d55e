package com.customerarchive.query.audit;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place a bulk read is recorded: the answer of a {@link ReadsCustomers} endpoint, just before it is written
 * in the format asked for, names its customers by {@code customerId} fields wherever they sit in it; those, the
 * endpoint and the query string (free text masked) go to the access trail. A trail that cannot be written refuses the
 * answer.
 */
@ControllerAdvice
class BulkReads implements ResponseBodyAdvice<Object> {

    private static final String CUSTOMER_ID = "customerId";
    /** Free-text filters may hold a person's name: the trail keeps that one was given, never what. */
    private static final Set<String> FREE_TEXT = Set.of("q");

    private final AccessLog accessLog;
    private final JsonMapper json;

    BulkReads(AccessLog accessLog, JsonMapper json) {
        this.accessLog = accessLog;
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.hasMethodAnnotation(ReadsCustomers.class);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null) {
            return null;
        }
        Set<UUID> named = new LinkedHashSet<>();
        for (JsonNode id : json.valueToTree(body).findValues(CUSTOMER_ID)) {
            if (id.isString()) {
                named.add(UUID.fromString(id.asString()));
            }
        }
        Object pattern = request instanceof ServletServerHttpRequest servlet
                ? servlet.getServletRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) : null;
        String view = request.getMethod() + " " + (pattern != null ? pattern : request.getURI().getPath());
        accessLog.recordBulk(view, contentType.getType() + "/" + contentType.getSubtype(),
                withoutFreeText(request.getURI().getQuery()), named);
        return body;
    }

    /** The query string with the value of every free-text parameter replaced by {@code [text]}. */
    static String withoutFreeText(String query) {
        if (query == null) {
            return null;
        }
        return Arrays.stream(query.split("&")).map(parameter -> {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            return FREE_TEXT.contains(name) ? name + "=[text]" : parameter;
        }).collect(Collectors.joining("&"));
    }
}
