package com.customerarchive.query.core;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.OrgStream;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** The organisation as query-side reads it: its stream in command-side's event store, folded ({@link OrgStream}). */
@Component
public class OrgCharts {

    private final OrgStream stream;

    OrgCharts(DataSource dataSource, EventStoreProperties store, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        // within a transaction the look-up uses the transaction's own connection, never a second one from the pool
        this.stream = new OrgStream(new TransactionAwareDataSourceProxy(dataSource), store.schema()
                + ".domain_event_entry", json);
    }

    public OrgChart chart() {
        return stream.chart();
    }
}
