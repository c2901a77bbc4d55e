package com.customerarchive.command.profile;

import com.customerarchive.command.admission.Admission;
import com.customerarchive.command.admission.AdmissionProperties;
import com.customerarchive.command.customer.ArchiveCustomerCommand;
import com.customerarchive.command.customer.CardEdit;
import com.customerarchive.command.customer.ChangeGradeCommand;
import com.customerarchive.command.customer.CustomerDirectory;
import com.customerarchive.command.customer.EditProfileCardCommand;
import com.customerarchive.command.customer.OutOfScopeException;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.customer.ReactivateCustomerCommand;
import com.customerarchive.command.customer.RecordConsentCommand;
import com.customerarchive.command.customer.RecordReferrerCommand;
import com.customerarchive.command.customer.RegisterCustomerCommand;
import com.customerarchive.command.customer.ReviewProfileCommand;
import com.customerarchive.command.customer.Rule;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.command.customer.TransferOwnerCommand;
import com.customerarchive.command.duplicate.DuplicateCheck;
import com.customerarchive.command.web.CardPatchReader;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.CompleteCard;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.card.CardFields;
import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.groups.Default;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "customers", description = "Register customers and record every change to them. Every write answers "
        + "the customer's version (its number of events) in the body and as ETag, and honours If-Match.")
class CustomerController {

    private final CommandSender commands;
    private final CardPatchReader cardPatches;
    private final PersonalDataEraser eraser;
    private final CustomerDirectory directory;
    private final OrgScopes scopes;
    private final Admission admission;
    private final AdmissionProperties admissionProperties;
    private final CardProperties cardProperties;
    private final DuplicateCheck duplicates;

    CustomerController(CommandSender commands, CardPatchReader cardPatches, PersonalDataEraser eraser,
                       CustomerDirectory directory, OrgScopes scopes, Admission admission,
                       AdmissionProperties admissionProperties, CardProperties cardProperties,
                       DuplicateCheck duplicates) {
        this.cardProperties = cardProperties;
        this.admission = admission;
        this.admissionProperties = admissionProperties;
        this.duplicates = duplicates;
        this.commands = commands;
        this.cardPatches = cardPatches;
        this.eraser = eraser;
        this.directory = directory;
        this.scopes = scopes;
    }

    @PostMapping
    @Operation(summary = "Register a customer", description = "201 with the id and version 1; Location names its "
            + "profile on query-side. A repeat with the same customerId and body answers the same and writes nothing; "
            + "the same customerId with another body is 409 customer-id-taken. A customer the archive may already hold (same "
            + "tax or licence number, same phone, same organisation name in the same city, after normalisation) is 409 "
            + "possible-duplicate listing the candidates (id, code, name, owner, status, matchedOn; name and owner "
            + "masked for a rep the candidate does not belong to); a MANAGER registers it anyway with force: true and a "
            + "forceReason (recorded as PossibleDuplicateAccepted), force from another role is 403 force-needs-manager.")
    ResponseEntity<Written.Registered> register(
            @Validated({Default.class, CompleteCard.class}) @RequestBody RegisterCustomerRequest request,
            Authentication user) {
        CardPatchReader.refuseDerivedFields(request.card());
        cardPatches.checkRegistered(request.card());
        if (!scopes.of(user).covers(request.ownerId())) {
            throw new OutOfScopeException(user.getName());
        }
        var customerId = new CustomerId(request.customerId() != null ? request.customerId() : UUID.randomUUID());
        CustomerId referredBy = request.referredBy() == null ? null : new CustomerId(request.referredBy());
        if (referredBy != null && !referredBy.equals(customerId)) {
            requireKnown(referredBy);
        }
        var command = new RegisterCustomerCommand(customerId, request.kind(), request.nature(), request.tier(),
                request.source(), request.grade(), request.ownerId(), request.card(), referredBy);
        long version = admission.register(command, request.occurredAt(), admitted -> duplicates.register(admitted,
                Boolean.TRUE.equals(request.force()), request.forceReason(), user, request.occurredAt()));
        return ResponseEntity.created(URI.create("/api/profiles/" + customerId)).eTag(Long.toString(version))
                .body(new Written.Registered(customerId.value(), version));
    }

    @PatchMapping(path = "/{customerId}/card", consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Edit the profile card", description = "A JSON merge patch of the card: null clears a "
            + "field, an object merges into its section, a list replaces the list. Answers the changed field paths; "
            + "a patch that changes nothing writes no event and answers changed: []. Once the customer is approved, a change "
            + "to a signed field (archive.admission.signed-fields: legal name, tax number, licence number, legal "
            + "representative, payment terms, credit limit) is not made but proposed: the answer's proposal names it "
            + "and its fields, the card keeps the old values until a manager other than the author approves it "
            + "(POST /api/customers/{id}/proposals/{proposalId}/approve or /reject). "
            + "A change of an identifying field that "
            + "gives the card a key another customer holds is 409 possible-duplicate with the candidates; a MANAGER makes it "
            + "anyway with ?force=true&forceReason=… (recorded as PossibleDuplicateAccepted), force from another role is "
            + "403 force-needs-manager.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = CustomerRequests.CardEdit.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerRequests.CardEdit.class))})
    ResponseEntity<Written.CardEdited> editCard(@PathVariable UUID customerId, @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication user,
            @RequestParam(required = false) Boolean force,
            @RequestParam(required = false) String forceReason) {
        var read = cardPatches.read(patch);
        Set<String> signed = com.customerarchive.command.customer.AdmissionPolicy.signedOf(admissionProperties.enabled(),
                admissionProperties.signedFields());
        CardEdit edit = duplicates.edit(new EditProfileCardCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), read.patch(), signed, UUID.randomUUID().toString(),
                cardProperties.religionPurpose()), Boolean.TRUE.equals(force), forceReason, user, read.occurredAt());
        return Written.answer(HttpStatus.OK, edit.version(), new Written.CardEdited(edit.version(), edit.changed(),
                edit.proposalId() == null ? null : new Written.Proposal(UUID.fromString(edit.proposalId()),
                        edit.proposed())));
    }

    @PutMapping("/{customerId}/grade")
    @Operation(summary = "Change the grade, with a reason")
    ResponseEntity<Written.WriteAnswer> changeGrade(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.ChangeGrade request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new ChangeGradeCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.grade(), request.reason()), request.occurredAt());
        return Written.ok(version);
    }

    @PutMapping("/{customerId}/owner")
    @Operation(summary = "Transfer the customer to another sales rep, with a reason", description = "Both the customer "
            + "and the new owner lie in the user's scope (a team lead within its team, a branch manager within its "
            + "branch; a rep only keeps its own), else 403 out-of-scope.")
    ResponseEntity<Written.WriteAnswer> transferOwner(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.TransferOwner request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication user) {
        if (!scopes.of(user).covers(request.ownerId())) {
            throw new OutOfScopeException(user.getName());
        }
        long version = commands.send(new TransferOwnerCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.ownerId(), request.reason()), request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/{customerId}/archive")
    @Operation(summary = "Archive the customer, with a reason; it then accepts only reactivation")
    ResponseEntity<Written.WriteAnswer> archive(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.Reason request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new ArchiveCustomerCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.reason()), request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/{customerId}/reactivate")
    @Operation(summary = "Reactivate an archived customer, with a reason")
    ResponseEntity<Written.WriteAnswer> reactivate(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.Reason request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new ReactivateCustomerCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.reason()), request.occurredAt());
        return Written.ok(version);
    }

    @DeleteMapping("/{customerId}/personal-data")
    @Operation(summary = "Erase the customer's personal data (ADMIN): its key is destroyed, every personal field of "
            + "every past event reads as \"[erased]\" from now on; the events, their other fields and the hash chain stay")
    ResponseEntity<Written.WriteAnswer> erasePersonalData(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.Reason request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = eraser.erase(customerId, IfMatch.expectedAggregateVersion(ifMatch), request.reason(),
                request.occurredAt());
        return Written.ok(version);
    }

    @DeleteMapping("/{customerId}/personal-data/{field}")
    @Operation(summary = "Destroy one personal field of the card (ADMIN), with a reason: its key is destroyed, every "
            + "value it ever had reads as \"[erased]\" in every event and view from now on; the other fields, the "
            + "events and the hash chain stay. A value written to the field later gets a new key.",
            description = "field is a personal card field: basic.name, basic.email, basic.phones, basic.address, "
                    + "contacts, … (400 lists them).")
    ResponseEntity<Written.WriteAnswer> destroyPersonalField(@PathVariable UUID customerId, @PathVariable String field,
            @Valid @RequestBody CustomerRequests.Reason request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (!CardFields.personalFields().contains(field)) {
            throw new InvalidRequestException("field", "must be a personal field of the card: "
                    + String.join(", ", CardFields.personalFields()));
        }
        long version = eraser.destroyField(customerId, IfMatch.expectedAggregateVersion(ifMatch), field,
                request.reason(), request.occurredAt());
        return Written.ok(version);
    }

    @PutMapping("/{customerId}/referrer")
    @Operation(summary = "Record who referred the customer (转介绍), with a reason", description = "referredBy must be "
            + "another customer of the archive: unknown is 409 unknown-referrer, the customer itself 409 self-referral. "
            + "Naming the same referrer again writes nothing.")
    ResponseEntity<Written.WriteAnswer> referrer(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.Referrer request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var referredBy = new CustomerId(request.referredBy());
        if (!request.referredBy().equals(customerId)) {
            requireKnown(referredBy);
        }
        long version = commands.send(new RecordReferrerCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), referredBy, request.reason()), request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/{customerId}/review")
    @Operation(summary = "Record that the card was checked with the customer and is current (动态管理)",
            description = "Resets stale even when nothing changed.")
    ResponseEntity<Written.WriteAnswer> review(@PathVariable UUID customerId,
            @Valid @RequestBody(required = false) CustomerRequests.Review request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new ReviewProfileCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request == null ? null : request.notes()),
                request == null ? null : request.occurredAt());
        return Written.ok(version);
    }

    private void requireKnown(CustomerId referredBy) {
        if (!directory.exists(referredBy.value())) {
            throw new RuleViolationException(Rule.UNKNOWN_REFERRER, "No customer has the id " + referredBy + ".");
        }
    }

    @PostMapping("/{customerId}/consent")
    @Operation(summary = "Record that the customer granted or withdrew consent for a purpose",
            description = "Withdrawing the consent to archive.card.religion-purpose also destroys the card's religion "
                    + "for good (PersonalDataFieldDestroyed, its key shredded): it was kept for that purpose only.")
    ResponseEntity<Written.WriteAnswer> consent(@PathVariable UUID customerId,
            @Valid @RequestBody CustomerRequests.Consent request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new RecordConsentCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.granted(), request.purpose()), request.occurredAt());
        if (!request.granted() && request.purpose().strip().equals(cardProperties.religionPurpose())) {
            version = eraser.destroyField(customerId, null, "basic.religion",
                    "consent to " + cardProperties.religionPurpose() + " withdrawn", request.occurredAt());
        }
        return Written.ok(version);
    }
}
