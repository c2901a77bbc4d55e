package com.customerarchive.command.customer;

import com.customerarchive.events.ComplaintId;

/** The customer has no complaint with the given id. */
public class ComplaintNotFoundException extends CustomerRefusal {

    public ComplaintNotFoundException(ComplaintId complaintId) {
        super("This customer has no complaint with the id " + complaintId + ".");
    }
}
