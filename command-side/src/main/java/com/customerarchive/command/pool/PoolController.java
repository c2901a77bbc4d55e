package com.customerarchive.command.pool;

import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.Grade;
import com.customerarchive.command.org.PoolSetups;
import com.customerarchive.events.org.PoolRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public pool (公海) on command-side: pools set up by ADMIN; claim, assign, release, lock and unlock of one
 * customer; the return job run at once. What waits in a pool is read on query-side ({@code GET /api/pools}).
 */
@RestController
@Tag(name = "public pool")
class PoolController {

    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}";

    /** Days per grade; a grade left out is exempt from that clock. */
    record Rules(Map<Grade, @Min(1) @Max(3650) Integer> followUpDays,
                 Map<Grade, @Min(1) @Max(3650) Integer> purchaseDays,
                 Boolean exemptWithPurchases, Boolean exemptWithOpenComplaints, Boolean exemptWithLiveCard,
                 @Min(0) @Max(365) Integer warningDays, @Min(0) @Max(10_000) Integer dailyClaimCap,
                 @Min(0) @Max(3650) Integer previousOwnerWaitDays, @Min(0) @Max(1_000_000) Integer ownerCap,
                 Boolean ownerCapCountsBuyers, @Min(0) @Max(1_000_000) Integer lockCap) {

        PoolRules toRules() {
            return new PoolRules(days(followUpDays), days(purchaseDays), on(exemptWithPurchases),
                    on(exemptWithOpenComplaints), on(exemptWithLiveCard), warningDays == null ? 0 : warningDays,
                    dailyClaimCap, previousOwnerWaitDays == null ? 0 : previousOwnerWaitDays, ownerCap,
                    on(ownerCapCountsBuyers), lockCap);
        }

        private static boolean on(Boolean flag) {
            return Boolean.TRUE.equals(flag);
        }

        private static Map<Grade, Integer> days(Map<Grade, Integer> days) {
            Map<Grade, Integer> copy = new EnumMap<>(Grade.class);
            if (days != null) {
                days.forEach((grade, value) -> {
                    if (grade != null && value != null) {
                        copy.put(grade, value);
                    }
                });
            }
            return copy;
        }
    }

    record PoolSetup(@NotBlank @Size(max = 200) String name,
                     @NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = CODE) String> unitCodes,
                     @NotNull @Valid Rules rules) {
    }

    record PoolAnswer(String poolId, long version) {
    }

    record Assignment(@NotBlank @Size(max = 64) String ownerId, @Size(max = 2000) String reason) {
    }

    record Release(@NotBlank @Size(max = 2000) String reason) {
    }

    record Claimed(UUID customerId, String ownerId, long version) {
    }

    record Member(@NotBlank @Size(max = 64) String user, @NotNull com.customerarchive.events.TeamAccess access,
                  java.time.LocalDate until) {
    }

    record Team(@NotNull @Size(max = 50) List<@NotNull @Valid Member> members) {
    }

    private final CommandSender commands;
    private final PoolDesk desk;
    private final PoolSweep sweep;

    PoolController(CommandSender commands, PoolDesk desk, PoolSweep sweep) {
        this.commands = commands;
        this.desk = desk;
        this.sweep = sweep;
    }

    @PutMapping("/api/pools/{poolId}")
    @Operation(summary = "Set up a public pool or change it (ADMIN): its units and its rules",
            description = "The reps of the units (and below) lose their customers to it by its rules and claim from "
                    + "it. followUpDays / purchaseDays per grade (A–E; a grade left out is exempt from that clock); "
                    + "exemptWithPurchases / exemptWithOpenComplaints / exemptWithLiveCard; warningDays before a "
                    + "return; dailyClaimCap per rep; previousOwnerWaitDays; ownerCap (customers a rep owns, without "
                    + "those with purchases unless ownerCapCountsBuyers); lockCap. A unit belongs to one pool "
                    + "(unit-code-taken); unknown or closed units are 409 unknown-unit / unit-closed. Kept as an event "
                    + "of the organisation's stream; a repeat of the same setup writes nothing.")
    PoolAnswer configure(@PathVariable @Pattern(regexp = CODE) String poolId, @Valid @RequestBody PoolSetup setup) {
        long version = commands.send(PoolSetups.configure(poolId, setup.name(), setup.unitCodes(),
                setup.rules().toRules()), null);
        return new PoolAnswer(poolId, version);
    }

    @PostMapping("/api/customers/{customerId}/claim")
    @Operation(summary = "Claim a customer from the public pool (领取): a member of the pool's units, within its caps",
            description = "403 not-pool-member for a rep outside the pool's units; 409 already-claimed when another "
                    + "rep was first (or the customer is no longer in the pool), owner-cap-reached, claim-cap-reached "
                    + "(per business day), previous-owner-wait (the rep it came back from waits the pool's days), "
                    + "customer-not-approved. Each refusal names the cap and the count.")
    ResponseEntity<Claimed> claim(@PathVariable UUID customerId, Authentication user) {
        long version = desk.claim(customerId, user);
        return Written.answer(org.springframework.http.HttpStatus.OK, version,
                new Claimed(customerId, user.getName(), version));
    }

    @PostMapping("/api/customers/{customerId}/assign")
    @Operation(summary = "Assign a customer to a rep (分配): from the pool or from another rep (TEAM_LEAD and above)",
            description = "The new owner lies in the user's scope (else 403 out-of-scope) and, for a customer in the "
                    + "pool, is a member of the pool's units; its owner cap applies (409 owner-cap-reached).")
    ResponseEntity<Written.WriteAnswer> assign(@PathVariable UUID customerId, @Valid @RequestBody Assignment assignment,
                                               Authentication user) {
        return Written.ok(desk.assign(customerId, assignment.ownerId(), assignment.reason(), user));
    }

    @PostMapping("/api/customers/{customerId}/release")
    @Operation(summary = "Put a customer back into the public pool by hand, with a reason",
            description = "Its owner or a lead over it; a locked customer is 409 customer-locked, one already in the "
                    + "pool 409 already-in-pool, an owner no pool covers 409 no-pool.")
    ResponseEntity<Written.WriteAnswer> release(@PathVariable UUID customerId, @Valid @RequestBody Release release,
                                                Authentication user) {
        return Written.ok(desk.release(customerId, release.reason(), user));
    }

    @PostMapping("/api/customers/{customerId}/lock")
    @Operation(summary = "Lock a customer against the pool (锁定): no rule returns it while locked",
            description = "Its owner, within the pool's lockCap (409 lock-cap-reached); a lock ends with the owner.")
    ResponseEntity<Written.WriteAnswer> lock(@PathVariable UUID customerId, Authentication user) {
        return Written.ok(desk.lock(customerId, user));
    }

    @PostMapping("/api/customers/{customerId}/unlock")
    @Operation(summary = "Lift the lock; 409 not-locked when there is none")
    ResponseEntity<Written.WriteAnswer> unlock(@PathVariable UUID customerId) {
        return Written.ok(desk.unlock(customerId));
    }

    @org.springframework.web.bind.annotation.PutMapping("/api/customers/{customerId}/team")
    @Operation(summary = "Set the customer's team (相关团队): colleagues beside the owner, READ or WRITE, until a day",
            description = "The whole team from now on (an empty list clears it). A READ member reads the customer as its "
                    + "owner does; a WRITE member also records visits, edits the card and works complaints, but does not "
                    + "set the team, move the customer or send it to the pool. until: the last business day (none: "
                    + "open-ended). The owner or a lead over it sets it; the owner itself in the list is 409 "
                    + "owner-in-team, a user twice 400. A handover may keep the old owner on the team (keepPreviousOwnerAs).")
    ResponseEntity<Written.WriteAnswer> team(@PathVariable UUID customerId, @Valid @RequestBody Team team) {
        List<com.customerarchive.events.TeamMember> members = team.members().stream()
                .map(member -> new com.customerarchive.events.TeamMember(member.user(), member.access(), member.until()))
                .toList();
        if (members.stream().map(com.customerarchive.events.TeamMember::user).distinct().count() < members.size()) {
            throw new com.customerarchive.platform.web.InvalidRequestException("members", "each user once");
        }
        return Written.ok(commands.send(new com.customerarchive.command.customer.SetTeamCommand(
                new com.customerarchive.events.CustomerId(customerId), members), null));
    }

    @PostMapping("/api/admin/pools/sweep")
    @Operation(summary = "Run the pool's return job now (ADMIN); it also runs on its own every archive.pool.sweep-interval",
            description = "Answers how many customers it examined and how many went back to their pool; poolId runs it "
                    + "for that pool alone.")
    PoolSweep.Outcome sweepNow(@org.springframework.web.bind.annotation.RequestParam(required = false)
                               @Pattern(regexp = CODE) String poolId) {
        return sweep.run(poolId);
    }

}
