package com.customerarchive.events;


import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** 基础资料: a person's or an organization's basic data. */
public record BasicSection(
        @PersonalData String name,
        Gender gender,
        @PersonalData LocalDate birthday,
        @PersonalData String nativePlace,
        String education,
        String occupation,
        @PersonalData Address address,
        @PersonalData List<String> phones,
        @PersonalData String email,
        String website,
        @PersonalData String hobbies,
        String legalName,
        String shortName,
        @PersonalData String legalRepresentative,
        @PersonalData String generalManager,
        LocalDate foundedOn,
        OwnershipForm ownershipForm,
        String industry,
        Integer employees,
        BigDecimal registeredCapital,
        @PersonalData String licenceNumber,
        @PersonalData String taxNumber) {

    public BasicSection {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
