package com.customerarchive.command.customer;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.OrgStream;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.security.AccessProperties;
import com.customerarchive.platform.security.Role;
import com.customerarchive.platform.security.Roles;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** Command-side's one place for who may write which customer: the organisation's {@link Scope} rule for a user. */
@Component
public class OrgScopes {

    private final OrgStream stream;
    private final AccessProperties access;

    OrgScopes(DataSource dataSource, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, AccessProperties access) {
        // command-side's connections search its event store's schema first; within a transaction (a registration's
        // duplicate check) the look-up uses the transaction's own connection, never a second one from the pool
        this.stream = new OrgStream(new TransactionAwareDataSourceProxy(dataSource), "domain_event_entry", json);
        this.access = access;
    }

    /** The customers the user may write (and see, for the answers that name other customers). */
    public Scope of(Authentication user) {
        return Scope.of(user.getName(), Roles.of(user).stream().map(Role::name).toList(), stream.chart(),
                access.salesSeeAll());
    }

    /** Positions that hand a book over and assign customers, within their scope. */
    private static final java.util.Set<com.customerarchive.events.org.Position> LEADS = java.util.EnumSet.of(
            com.customerarchive.events.org.Position.TEAM_LEAD, com.customerarchive.events.org.Position.BRANCH_MANAGER,
            com.customerarchive.events.org.Position.HEAD);

    /**
     * Whether the user leads (hands a book over, assigns customers): ADMIN, a TEAM_LEAD, BRANCH_MANAGER or HEAD, and a
     * MANAGER who is no member of the organisation.
     */
    public boolean leads(Authentication user) {
        var roles = com.customerarchive.platform.security.Roles.of(user);
        return roles.contains(Role.ADMIN) || stream.chart().placement(user.getName())
                .map(place -> LEADS.contains(place.position())).orElse(roles.contains(Role.MANAGER));
    }

    /** The organisation as it stands. */
    public OrgChart chart() {
        return stream.chart();
    }
}
