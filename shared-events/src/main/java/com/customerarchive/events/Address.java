package com.customerarchive.events;

public record Address(String province, String city, String district, String street, String postcode) {
}
