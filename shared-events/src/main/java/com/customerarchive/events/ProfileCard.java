package com.customerarchive.events;

import java.util.List;

/**
 * The profile card (客户档案卡): every section is optional but {@code basic.name}. {@code keyPersons} are the
 * organisation's 法定代表人, 总经理 and other responsible persons (personal data, one field as {@code contacts}).
 */
public record ProfileCard(
        BasicSection basic,
        List<Contact> contacts,
        BusinessSection business,
        PaymentSection payment,
        PurchaseSection purchase,
        List<KeyPerson> keyPersons) {

    public ProfileCard {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        keyPersons = keyPersons == null ? List.of() : List.copyOf(keyPersons);
    }

    /** A card without key persons. */
    public ProfileCard(BasicSection basic, List<Contact> contacts, BusinessSection business, PaymentSection payment,
                       PurchaseSection purchase) {
        this(basic, contacts, business, payment, purchase, null);
    }

    public String name() {
        return basic == null ? null : basic.name();
    }
}
