package com.customerarchive.command.customer;

import com.customerarchive.events.FieldChange;

import java.util.List;

/** A proposed change to signed fields as the aggregate keeps it until a manager decides: who made it, and what. */
record PendingProposal(String author, List<FieldChange> changes) {
}
