package com.customerarchive.query.core;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.OrgStream;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** The organisation as query-side reads it: its stream in command-side's event store, folded ({@link OrgStream}). */
@Component
public class OrgCharts {

    private final OrgStream stream;

    OrgCharts(DataSource dataSource, EventStoreProperties store, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.stream = new OrgStream(dataSource, store.schema() + ".domain_event_entry", json);
    }

    public OrgChart chart() {
        return stream.chart();
    }
}
