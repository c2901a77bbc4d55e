package com.customerarchive.query.web;

import com.customerarchive.platform.security.AccessProperties;
import com.customerarchive.platform.security.Role;
import com.customerarchive.platform.security.Roles;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.query.core.OwnerRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;

/**
 * Who may see which customer, the one place every customer read passes: a SALES user sees only the customers it
 * owns ({@code ownerId} = its user name) unless {@code archive.access.sales-see-all}; MANAGER, AUDITOR and ADMIN see
 * all. Another rep's customer is 403; an unknown one is left to the read's own 404. A customer that withdrew its
 * consent shows its personal fields only to auditors and admins.
 */
@Component
public class CustomerScope {

    private final AccessProperties access;
    private final OwnerRepository owners;

    CustomerScope(AccessProperties access, OwnerRepository owners) {
        this.access = access;
        this.owners = owners;
    }

    /** How the current user may read one customer: known or not, and whether its personal fields are withheld. */
    public record Visibility(boolean known, boolean withholds) {

        /** What personal values read as for this reader ("[withheld]"), or null to show them. */
        public String marker() {
            return withholds ? Redaction.WITHHELD : null;
        }
    }

    /** Refuses a read of one customer the current user may not see; one look-up answers how it may be read. */
    public Visibility check(UUID customerId) {
        OwnerRepository.Access access = owners.accessOf(customerId).orElse(null);
        String scope = scope();
        if (scope != null && access != null && !scope.equals(access.ownerId())) {
            throw ForbiddenException.notYourCustomer(scope);
        }
        return new Visibility(access != null, access != null && withholds(access.consentGranted()));
    }

    /** The owner a list is limited to: the rep itself for a scoped SALES user (another owner is 403), else as asked. */
    public String owner(String requested) {
        String scope = scope();
        if (scope == null) {
            return requested;
        }
        if (requested != null && !requested.equals(scope)) {
            throw ForbiddenException.notYourCustomer(scope);
        }
        return scope;
    }

    /**
     * True when the customer withdrew its consent and the reader is neither an auditor nor an admin: its personal
     * fields then read "[withheld]" (the read is still in the access trail).
     */
    public boolean withholds(Boolean consentGranted) {
        return Boolean.FALSE.equals(consentGranted) && !privileged();
    }

    private static boolean privileged() {
        Set<Role> roles = Roles.of(SecurityContextHolder.getContext().getAuthentication());
        return roles.contains(Role.AUDITOR) || roles.contains(Role.ADMIN);
    }

    private String scope() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return access.ownerScope(user);
    }
}
