package com.customerarchive.query.route;

import com.customerarchive.events.route.Catalogue;
import com.customerarchive.query.core.OrgCharts;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The route card's catalogue as query-side names it: configuration ({@code archive.catalogue}, the same as
 * command-side's; the seed's lists by default) with what an ADMIN defined in the organisation's stream over it, as
 * known at an instant (a report known before a rename keeps the old name).
 */
@Component
public class Catalogues {

    private final OrgCharts charts;
    private final Catalogue configured;

    Catalogues(OrgCharts charts, Environment environment) {
        this.charts = charts;
        this.configured = Binder.get(environment).bind("archive.catalogue", Catalogue.class)
                .orElseGet(Catalogue::seed);
    }

    public Catalogue knownAt(Instant knownAt) {
        return charts.chart().knownAt(knownAt).catalogue(configured);
    }

    public Catalogue current() {
        return charts.chart().catalogue(configured);
    }
}
