package com.customerarchive.command.duplicate;

import java.util.Set;
import java.util.UUID;

/**
 * A customer the archive already holds that a registration or edit may duplicate, and which of its keys matched.
 *
 * @param code   the customer's code (null while its card waits for approval)
 * @param masked true when the user may not see this customer: name and owner are masked, the id stays
 */
public record Candidate(UUID id, String code, String name, String owner, String status, Set<IdentityKeys.Kind> matchedOn,
                        boolean masked) {
}
