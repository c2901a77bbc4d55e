package com.customerarchive.command.route;

import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.events.route.Catalogue;
import org.springframework.stereotype.Component;

/**
 * The route card's catalogue as command-side decides with it now: configuration ({@code archive.catalogue}, the
 * seed's lists by default) with what an ADMIN defined since in the organisation's stream over it.
 */
@Component
public class Catalogues {

    private final CatalogueProperties configured;
    private final OrgScopes organisation;

    Catalogues(CatalogueProperties configured, OrgScopes organisation) {
        this.configured = configured;
        this.organisation = organisation;
    }

    public Catalogue current() {
        return organisation.chart().catalogue(configured.catalogue());
    }

    Catalogue configured() {
        return configured.catalogue();
    }
}
