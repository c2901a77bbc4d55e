package com.customerarchive.query.web;

import com.customerarchive.platform.security.AccessProperties;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.query.profile.OwnerRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

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

    /** Refuses a read of one customer the current user may not see. */
    public void check(UUID customerId) {
        String scope = scope();
        if (scope == null) {
            return;
        }
        String owner = owners.ownerOf(customerId).orElse(null);
        if (owner != null && !owner.equals(scope)) {
            throw ForbiddenException.notYourCustomer(scope);
        }
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

    public boolean withholds(UUID customerId) {
        return !privileged() && owners.consentGranted(customerId).map(Boolean.FALSE::equals).orElse(false);
    }

    private static boolean privileged() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.getAuthorities().stream().map(role -> role.getAuthority())
                .anyMatch(role -> role.equals("ROLE_AUDITOR") || role.equals("ROLE_ADMIN"));
    }

    private String scope() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return access.ownerScope(user);
    }
}
