package com.customerarchive.command.customer;

import java.util.List;

/** A change the customer's rules refuse; nothing was written. */
public class RuleViolationException extends RuntimeException {

    private final Rule rule;
    private final List<String> fields;

    public RuleViolationException(Rule rule) {
        this(rule, rule.description());
    }

    public RuleViolationException(Rule rule, String detail) {
        this(rule, detail, List.of());
    }

    /** @param fields the fields the refusal is about (the required fields missing), each named in the answer */
    public RuleViolationException(Rule rule, String detail, List<String> fields) {
        super(detail);
        this.rule = rule;
        this.fields = List.copyOf(fields);
    }

    public Rule rule() {
        return rule;
    }

    public List<String> fields() {
        return fields;
    }
}
