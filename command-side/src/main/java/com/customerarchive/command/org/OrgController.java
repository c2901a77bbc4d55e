package com.customerarchive.command.org;

import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Position;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sales organisation's writes (ADMIN): units of the tree and who holds which position where. Reads are on
 * query-side ({@code GET /api/org}). Each answer carries the organisation's version after the change.
 */
@RestController
@RequestMapping("/api/org")
@Tag(name = "organisation")
class OrgController {

    /** A unit's code: letters, digits, '-' and '_', as it is printed on cards (所别) and reports. */
    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}";

    record NewUnit(@NotBlank @Pattern(regexp = CODE) String code, @NotBlank @Size(max = 200) String name,
                   @Pattern(regexp = CODE) String parentCode) {
    }

    record UnitChange(@Size(min = 1, max = 200) String name, @Pattern(regexp = CODE) String parentCode) {
    }

    record Placement(@NotBlank @Pattern(regexp = CODE) String unitCode, @NotNull Position position) {
    }

    record Answer(String code, long version) {
    }

    record MemberAnswer(String user, String unitCode, Position position, long version) {
    }

    private final CommandSender commands;

    OrgController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/units")
    @Operation(summary = "Open a unit (ADMIN): the company (no parentCode, once), a branch or a team under its parent",
            description = "201 with the organisation's version. A repeat of the same unit answers the same; another "
                    + "unit under a taken code is 409 unit-code-taken (codes are never reused), a second company 409 "
                    + "company-exists, an unknown or closed parent 409 unknown-unit / unit-closed.")
    ResponseEntity<Answer> open(@Valid @RequestBody NewUnit unit) {
        long version = commands.send(new OrgCommands.OpenUnit(OrgChart.STREAM, unit.code(), unit.name(),
                unit.parentCode()), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Answer(unit.code(), version));
    }

    @PutMapping("/units/{code}")
    @Operation(summary = "Rename a unit and/or move it under another parent (ADMIN)",
            description = "A move takes the unit's members, units and so their customers along; moving a unit under "
                    + "itself or below it is 409 unit-moved-below-itself; the company stays at the top (company-exists).")
    Answer change(@PathVariable @Pattern(regexp = CODE) String code, @Valid @RequestBody UnitChange change) {
        long version = -1;
        if (change.name() != null) {
            version = commands.send(new OrgCommands.RenameUnit(OrgChart.STREAM, code, change.name()), null);
        }
        if (change.parentCode() != null) {
            version = commands.send(new OrgCommands.MoveUnit(OrgChart.STREAM, code, change.parentCode()), null);
        }
        if (version < 0) {
            throw new com.customerarchive.platform.web.InvalidRequestException("name or parentCode",
                    "give the unit's new name, its new parent, or both");
        }
        return new Answer(code, version);
    }

    @PostMapping("/units/{code}/close")
    @Operation(summary = "Close a unit (ADMIN)",
            description = "Only a unit without members (and so without customers) and without open units below it; "
                    + "else 409 unit-not-empty. Its code is never reused.")
    Answer close(@PathVariable @Pattern(regexp = CODE) String code) {
        return new Answer(code, commands.send(new OrgCommands.CloseUnit(OrgChart.STREAM, code), null));
    }

    @PutMapping("/members/{user}")
    @Operation(summary = "Place a user in a unit with a position (ADMIN): REP, TEAM_LEAD, BRANCH_MANAGER, HEAD, CLERK, FINANCE",
            description = "From this moment the user sees by its position: a rep its own customers, a team lead its "
                    + "team's, a branch manager, clerk or finance member its branch's, head office all. A rep's "
                    + "customers belong to the unit it is in, so moving it moves its book. The history of placements "
                    + "is kept (GET /api/org/members/{user} on query-side). Users and passwords stay in configuration.")
    MemberAnswer place(@PathVariable @Pattern(regexp = "[^\\s/]{1,100}") String user,
                       @Valid @RequestBody Placement placement) {
        long version = commands.send(new OrgCommands.PlaceMember(OrgChart.STREAM, user, placement.unitCode(),
                placement.position()), null);
        return new MemberAnswer(user, placement.unitCode(), placement.position(), version);
    }

    @DeleteMapping("/members/{user}")
    @Operation(summary = "Take a user out of the organisation (ADMIN); its history stays",
            description = "Its customers then belong to no unit: hand them over first (a team lead or above sees "
                    + "them through the new owner).")
    Answer remove(@PathVariable @Pattern(regexp = "[^\\s/]{1,100}") String user) {
        return new Answer(null, commands.send(new OrgCommands.RemoveMember(OrgChart.STREAM, user), null));
    }
}
