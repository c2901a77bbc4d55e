package com.customerarchive.command.customer;

import com.customerarchive.events.Address;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.ComplaintCategory;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;

import java.util.List;
import java.util.UUID;

/** Facts the aggregate tests start from. */
final class CustomerFixtures {

    static final CustomerId ID = new CustomerId(UUID.fromString("6f1c2f0e-8a51-4d67-9d0a-3b1f6b6b0a01"));
    static final ComplaintId COMPLAINT = new ComplaintId(UUID.fromString("0d7a4e1c-52b4-4f6e-9e0f-2c9a1f7f3b02"));

    private CustomerFixtures() {
    }

    /** The refusal of a rule: a {@link RuleViolationException} naming it. */
    static org.hamcrest.Matcher<RuleViolationException> breaks(Rule rule) {
        return org.axonframework.test.matchers.Matchers.predicate(ex -> ex.rule() == rule);
    }

    static ProfileCard card(String name, String city, String email) {
        return new ProfileCard(new BasicSection(name, null, null, null, null, null,
                new Address("Zhejiang", city, null, null, null), List.of(), email, null, null, null, null, null,
                null, null, null, null, null, null, null, null), List.of(), null, null, null);
    }

    static RegisterCustomerCommand register() {
        return new RegisterCustomerCommand(ID, CustomerKind.ORGANIZATION, CustomerNature.COMPANY, CustomerTier.KEY,
                InformationSource.REFERRAL, Grade.B, "rep-1", card("Hangzhou Tea Co.", "Hangzhou", "office@tea.example"));
    }

    static CustomerRegisteredEvent registered() {
        var command = register();
        return new CustomerRegisteredEvent(command.customerId(), command.kind(), command.nature(), command.tier(),
                command.source(), command.grade(), command.ownerId(), command.card());
    }

    static ComplaintFiledEvent complaintFiled() {
        return new ComplaintFiledEvent(ID, COMPLAINT, ComplaintCategory.DELIVERY, ComplaintSeverity.HIGH,
                "The order arrived two weeks late", "phone");
    }
}
