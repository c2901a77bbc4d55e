package com.customerarchive.command.customer;

/** A change the customer's rules refuse; nothing was written. */
public class RuleViolationException extends RuntimeException {

    private final Rule rule;

    public RuleViolationException(Rule rule) {
        this(rule, rule.description());
    }

    public RuleViolationException(Rule rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
