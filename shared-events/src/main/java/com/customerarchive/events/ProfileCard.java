package com.customerarchive.events;

import java.util.List;

/** The profile card (客户档案卡): every section is optional but {@code basic.name}. */
public record ProfileCard(
        BasicSection basic,
        List<Contact> contacts,
        BusinessSection business,
        PaymentSection payment,
        PurchaseSection purchase) {

    public ProfileCard {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public String name() {
        return basic == null ? null : basic.name();
    }
}
