package com.customerarchive.query.support;

import com.customerarchive.testsupport.TestDatabase;
import com.customerarchive.testsupport.TestKeys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring test configuration of query-side: query-side on a random port, command-side running
 * beside it as its own process, both on the same real PostgreSQL. command-side starts first, so the
 * event store's schema exists when query-side begins to stream it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BothAppsTest {

    protected static final AppProcess COMMAND_SIDE = AppProcess.commandSide();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("archive.privacy.master-key", TestKeys::masterKey);
        // the tests write and read as "sales" across owners; OwnerScopeIT checks the default, each rep its own
        registry.add("archive.access.sales-see-all", () -> "true");
        // the tests before review existed register and then buy at once; the admission tests turn review on
        registry.add("archive.admission.enabled", () -> "false");
    }
}
