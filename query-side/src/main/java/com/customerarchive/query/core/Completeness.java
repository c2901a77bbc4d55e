package com.customerarchive.query.core;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.card.CardFields;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How complete a card is (档案完整度): each field the form asks for weighs something ({@code archive.completeness.*},
 * one table for organisations and one for individuals, since a person has no tax number and a company no birthday);
 * the score is the weight of the fields filled in over the weight of all, in whole percent (rounded half up), and
 * the fields missing are listed by section in the card's order (the defaults' fields in the form's order within a
 * section, configured ones by path). A field counts as filled when it or any part of it
 * is (an address with its city, premises with their area).
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(Completeness.Properties.class)
public class Completeness {

    /** The card's sections in the form's order: the missing fields are listed in it. */
    public static final List<String> SECTIONS = List.of("basic", "keyPersons", "contacts", "business", "payment",
            "purchase");

    /** The weights and where the agenda draws the line ({@code archive.completeness.*}). */
    @ConfigurationProperties("archive.completeness")
    public record Properties(Map<String, Integer> organization, Map<String, Integer> individual,
                             @DefaultValue("60") int agendaBelow, @DefaultValue("20") int agendaLimit) {

        public Properties {
            organization = organization == null || organization.isEmpty() ? ORGANIZATION : sorted(organization);
            individual = individual == null || individual.isEmpty() ? INDIVIDUAL : sorted(individual);
        }
    }

    /** A card's score (0–100) and the fields it lacks, by section (sections without a gap left out). */
    public record Score(int score, Map<String, List<String>> missing) {
    }

    static final Map<String, Integer> ORGANIZATION = ordered(
            "basic.name", 5, "basic.legalName", 3, "basic.phones", 8, "basic.email", 3, "basic.address.city", 5,
            "basic.address.street", 3, "basic.industry", 5, "basic.foundedOn", 2, "basic.employees", 2,
            "basic.registeredCapital", 2, "basic.licenceNumber", 3, "basic.taxNumber", 4, "basic.premises", 2,
            "basic.bank", 3, "keyPersons", 8, "contacts", 12, "business.mainProducts", 5, "business.markets", 3,
            "business.annualVolume", 3, "business.competitorsCarried", 3, "business.requirements", 4,
            "business.goals", 2, "payment.creditRating", 4, "payment.terms", 6);
    static final Map<String, Integer> INDIVIDUAL = ordered(
            "basic.name", 10, "basic.gender", 5, "basic.birthday", 8, "basic.phones", 15, "basic.email", 5,
            "basic.address.city", 10, "basic.address.street", 5, "basic.occupation", 7, "basic.education", 5,
            "basic.nativePlace", 5, "basic.hobbies", 5, "contacts", 5, "business.requirements", 10,
            "payment.creditRating", 5);

    private final Properties properties;

    public Completeness(Properties properties) {
        this.properties = properties;
        for (Map<String, Integer> weights : List.of(properties.organization(), properties.individual())) {
            weights.forEach((field, weight) -> {
                if (weight == null || weight < 0) {
                    throw new IllegalArgumentException("archive.completeness: the weight of " + field
                            + " must be a whole number of 0 or more, not " + weight);
                }
                if (!SECTIONS.contains(field.split("\\.")[0])) {
                    throw new IllegalArgumentException("archive.completeness: " + field + " is not a field of the card");
                }
            });
            if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                throw new IllegalArgumentException("archive.completeness: the weights add up to nothing");
            }
        }
    }

    public Properties properties() {
        return properties;
    }

    /** The score of a card. */
    public Score of(CustomerKind kind, ProfileCard card) {
        return of(kind, card == null ? List.of() : CardFields.of(card).keySet());
    }

    /** The score of a card whose filled-in fields ({@link CardFields#of} paths) are these. */
    public Score of(CustomerKind kind, Collection<String> filled) {
        Map<String, Integer> weights = weights(kind);
        int total = 0;
        int have = 0;
        Map<String, List<String>> missing = new LinkedHashMap<>();
        SECTIONS.forEach(section -> missing.put(section, new ArrayList<>()));
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            String field = weight.getKey();
            total += weight.getValue();
            boolean there = filled.stream().anyMatch(path -> path.equals(field) || path.startsWith(field + "."));
            if (there) {
                have += weight.getValue();
            } else {
                missing.get(field.split("\\.")[0]).add(field);
            }
        }
        missing.values().removeIf(List::isEmpty);
        int score = (int) ((have * 200L + total) / (2L * total));
        return new Score(score, missing);
    }

    /** The weights a kind of customer is scored by (organisations' when the kind is unknown). */
    public Map<String, Integer> weights(CustomerKind kind) {
        return kind == CustomerKind.INDIVIDUAL ? properties.individual() : properties.organization();
    }

    /** A digest of both weight tables: a change of them asks the read models that keep scores to be rebuilt. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("organization=" + properties.organization()
                    + ";individual=" + properties.individual()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Configured weights in the card's section order, then by path. */
    private static Map<String, Integer> sorted(Map<String, Integer> weights) {
        Map<String, Integer> bySection = new TreeMap<>((a, b) -> {
            int sa = SECTIONS.indexOf(a.split("\\.")[0]);
            int sb = SECTIONS.indexOf(b.split("\\.")[0]);
            return sa != sb ? Integer.compare(sa, sb) : a.compareTo(b);
        });
        bySection.putAll(weights);
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bySection));
    }
}
