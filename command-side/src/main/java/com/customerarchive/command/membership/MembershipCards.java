package com.customerarchive.command.membership;

import com.customerarchive.command.customer.IssueMembershipCardCommand;
import com.customerarchive.command.customer.RecordedCard;
import com.customerarchive.command.customer.RecordedUse;
import com.customerarchive.command.customer.ReissueMembershipCardCommand;
import com.customerarchive.command.customer.UseMembershipCardCommand;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.MembershipCardNumber;
import com.customerarchive.events.MembershipTier;
import com.customerarchive.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Card numbers with the events that use them, in one transaction: a new number is claimed in the lookup table and
 * the card issued (or reissued) under it, or neither happens; a use finds its customer by the number.
 */
@Service
class MembershipCards {

    /** The archive's card numbers begin so (a payment network would assign its own prefix). */
    static final String PREFIX = "8886";
    private static final int ATTEMPTS = 20;

    private final CommandSender commands;
    private final CardNumberTable numbers;
    private final SecureRandom random = new SecureRandom();

    MembershipCards(CommandSender commands, CardNumberTable numbers) {
        this.commands = commands;
        this.numbers = numbers;
    }

    @Transactional
    public RecordedCard issue(UUID customerId, Long expectedVersion, MembershipTier tier, LocalDate validUntil,
                              BigDecimal fee, boolean identityChecked, Instant occurredAt) {
        String number = claimNewNumber(customerId);
        return commands.send(new IssueMembershipCardCommand(new CustomerId(customerId), expectedVersion, number, tier,
                validUntil, fee, identityChecked), occurredAt);
    }

    @Transactional
    public RecordedCard reissue(UUID customerId, Long expectedVersion, BigDecimal fee, Instant occurredAt) {
        String number = claimNewNumber(customerId);
        return commands.send(new ReissueMembershipCardCommand(new CustomerId(customerId), expectedVersion, number, fee),
                occurredAt);
    }

    /** A use at an outlet, by the number on the card (its check digit already verified). */
    @Transactional
    public RecordedUse use(String cardNumber, String outlet, Instant usedAt, BigDecimal amount) {
        UUID customerId = numbers.customerOf(cardNumber).orElseThrow(() -> new NotFoundException(
                "membership-card-not-found", "Membership card not found", "No card has the number " + cardNumber + "."));
        return commands.send(new UseMembershipCardCommand(new CustomerId(customerId), null, cardNumber, outlet, usedAt,
                amount), usedAt);
    }

    private String claimNewNumber(UUID customerId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StringBuilder body = new StringBuilder(PREFIX);
            while (body.length() < MembershipCardNumber.LENGTH - 1) {
                body.append(random.nextInt(10));
            }
            String number = MembershipCardNumber.withCheckDigit(body.toString());
            if (numbers.claim(number, customerId)) {
                return number;
            }
        }
        throw new IllegalStateException("no free card number after " + ATTEMPTS + " attempts");
    }
}
