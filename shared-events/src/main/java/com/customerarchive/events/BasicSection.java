package com.customerarchive.events;


import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 基础资料: a person's or an organization's basic data. {@code bank} is an organisation's account; the account of a
 * customer that is a person is personal data and goes in {@code personalBank}. {@code religion} is a sensitive
 * category (China's personal information law): the archive stores it only for a configured purpose the customer
 * consented to.
 */
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
        @PersonalData String taxNumber,
        List<String> aliases,
        BigDecimal fixedAssets,
        Premises premises,
        BankAccount bank,
        @PersonalData BankAccount personalBank,
        @PersonalData String religion) {

    public BasicSection {
        phones = phones == null ? List.of() : List.copyOf(phones);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** The basic data as the card held it before the seed form's further fields. */
    public BasicSection(String name, Gender gender, LocalDate birthday, String nativePlace, String education,
                        String occupation, Address address, List<String> phones, String email, String website,
                        String hobbies, String legalName, String shortName, String legalRepresentative,
                        String generalManager, LocalDate foundedOn, OwnershipForm ownershipForm, String industry,
                        Integer employees, BigDecimal registeredCapital, String licenceNumber, String taxNumber) {
        this(name, gender, birthday, nativePlace, education, occupation, address, phones, email, website, hobbies,
                legalName, shortName, legalRepresentative, generalManager, foundedOn, ownershipForm, industry, employees,
                registeredCapital, licenceNumber, taxNumber, null, null, null, null, null, null);
    }
}
