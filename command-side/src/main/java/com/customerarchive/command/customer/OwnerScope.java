package com.customerarchive.command.customer;

/** How a command says on whose behalf a scoped sales rep acts: the customer must be owned by that user. */
public final class OwnerScope {

    /** Command metadata (not carried onto events): the user name of a rep limited to its own customers. */
    public static final String METADATA = "ownerScope";

    private OwnerScope() {
    }
}
