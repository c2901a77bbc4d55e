package com.customerarchive.command.customer;

/** The customer has no pending proposal of that id (never made, or already decided). */
public class ProposalNotFoundException extends CustomerRefusal {

    public ProposalNotFoundException(String proposalId) {
        super("The customer has no pending proposal " + proposalId + ".");
    }
}
