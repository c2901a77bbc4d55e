package com.customerarchive.events;

import java.time.LocalDate;
import java.util.List;

/**
 * A key person of the customer as the seed's card records them (法定代表人, 总经理, other responsible persons): who they
 * are and how to reach them. Personal data: the list of key persons is one personal field of the card.
 */
public record KeyPerson(
        KeyPersonRole role,
        @PersonalData String name,
        Gender gender,
        String title,
        @PersonalData LocalDate birthDate,
        String education,
        @PersonalData String nativePlace,
        @PersonalData List<String> phones,
        @PersonalData String fax,
        @PersonalData String mobile) {

    public KeyPerson {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
