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

    /** The organisation as it stands. */
    public OrgChart chart() {
        return stream.chart();
    }
}
