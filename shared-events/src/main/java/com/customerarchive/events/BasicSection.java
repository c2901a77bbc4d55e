package com.customerarchive.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** 基础资料: a person's or an organization's basic data. */
public record BasicSection(
        String name,
        Gender gender,
        LocalDate birthday,
        String nativePlace,
        String education,
        String occupation,
        Address address,
        List<String> phones,
        String email,
        String website,
        String hobbies,
        String legalName,
        String shortName,
        String legalRepresentative,
        String generalManager,
        LocalDate foundedOn,
        OwnershipForm ownershipForm,
        String industry,
        Integer employees,
        BigDecimal registeredCapital,
        String licenceNumber,
        String taxNumber) {

    public BasicSection {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
