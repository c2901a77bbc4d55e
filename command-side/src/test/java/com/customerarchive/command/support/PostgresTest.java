package com.customerarchive.command.support;

import com.customerarchive.testsupport.TestDatabase;
import com.customerarchive.testsupport.TestKeys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The one Spring test configuration of command-side: the whole app on a random port, on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        // the tests write and read as "sales" across owners; OwnerScopeIT checks the default, each rep its own
        "archive.access.sales-see-all=true",
        // the tests before review existed register and then buy at once; the admission tests turn review on
        "archive.admission.enabled=false",
        // the tests register many customers with the same names and phones; DuplicatesIT and ImportDuplicatesTest
        // (its own @TestPropertySource, which wins over these) check with the check on
        "archive.duplicates.enabled=false",
        // SeedFormCardTest keeps a religion for this purpose once consented (the rules test checks it unset); set
        // here rather than on that class, as one more Spring context would hold one more pool of connections
        "archive.card.religion-purpose=宗教关怀服务"})
public abstract class PostgresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("archive.privacy.master-key", TestKeys::masterKey);
    }
}
