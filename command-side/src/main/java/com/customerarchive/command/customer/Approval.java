package com.customerarchive.command.customer;

/** The code an approved customer has (null for one not coded) and its version after the approval. */
public record Approval(String code, long version) {
}
