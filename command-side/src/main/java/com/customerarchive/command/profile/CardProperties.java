package com.customerarchive.command.profile;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The card's sensitive categories ({@code archive.card.*}): {@code religion-purpose} names the purpose for which the
 * card may keep a customer's religion once the customer consented to it (POST …/consent with that purpose); unset,
 * the card keeps no religion (China's personal information law counts it among sensitive personal information).
 */
@ConfigurationProperties("archive.card")
public record CardProperties(String religionPurpose) {

    public CardProperties {
        religionPurpose = religionPurpose == null || religionPurpose.isBlank() ? null : religionPurpose.strip();
    }
}
