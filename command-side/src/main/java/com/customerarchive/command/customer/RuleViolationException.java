package com.customerarchive.command.customer;

import java.util.List;

/** A change the customer's rules refuse; nothing was written. */
public class RuleViolationException extends CustomerRefusal {

    private final Rule rule;
    private final List<String> fields;
    /** Figures the refusal names (the limit, what is open …), each a property of the problem. */
    private final java.util.Map<String, Object> figures;

    public RuleViolationException(Rule rule) {
        this(rule, rule.description());
    }

    public RuleViolationException(Rule rule, String detail) {
        this(rule, detail, List.of());
    }

    /** @param fields the fields the refusal is about (the required fields missing), each named in the answer */
    public RuleViolationException(Rule rule, String detail, List<String> fields) {
        this(rule, detail, fields, java.util.Map.of());
    }

    /** @param figures the figures the rule saw, each a property of the problem answer */
    public RuleViolationException(Rule rule, String detail, java.util.Map<String, Object> figures) {
        this(rule, detail, List.of(), figures);
    }

    private RuleViolationException(Rule rule, String detail, List<String> fields, java.util.Map<String, Object> figures) {
        super(detail);
        this.rule = rule;
        this.fields = List.copyOf(fields);
        this.figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }

    public java.util.Map<String, Object> figures() {
        return figures;
    }

    public Rule rule() {
        return rule;
    }

    public List<String> fields() {
        return fields;
    }
}
