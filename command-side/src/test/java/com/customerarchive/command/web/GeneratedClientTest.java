package com.customerarchive.command.web;

import com.customerarchive.client.command.CustomersApi;
import com.customerarchive.client.command.VisitsApi;
import com.customerarchive.client.command.invoker.ApiClient;
import com.customerarchive.client.command.invoker.ApiException;
import com.customerarchive.client.command.model.BasicSection;
import com.customerarchive.client.command.model.CardEdit;
import com.customerarchive.client.command.model.CardEdited;
import com.customerarchive.client.command.model.ChangeGrade;
import com.customerarchive.client.command.model.Contact;
import com.customerarchive.client.command.model.ProfileCard;
import com.customerarchive.client.command.model.RegisterCustomerRequest;
import com.customerarchive.client.command.model.Registered;
import com.customerarchive.client.command.model.VisitRecorded;
import com.customerarchive.client.command.model.VisitRequest;
import com.customerarchive.client.command.model.WriteAnswer;
import com.customerarchive.command.support.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Java client openapi-generator makes of command-side's document, used as a client developer would. */
class GeneratedClientTest extends PostgresTest {

    @LocalServerPort
    int port;

    private CustomersApi customers;
    private VisitsApi visits;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("sales:sales-pw".getBytes(StandardCharsets.UTF_8))));
        customers = new CustomersApi(client);
        visits = new VisitsApi(client);
    }

    @Test
    void registers_a_customer_records_a_visit_and_edits_the_card_reading_typed_answers() throws ApiException {
        Registered registered = customers.register(new RegisterCustomerRequest()
                .kind(RegisterCustomerRequest.KindEnum.ORGANIZATION)
                .nature(RegisterCustomerRequest.NatureEnum.COMPANY)
                .tier(RegisterCustomerRequest.TierEnum.KEY)
                .source(RegisterCustomerRequest.SourceEnum.EXHIBITION)
                .grade(RegisterCustomerRequest.GradeEnum.B)
                .ownerId("sales")
                .card(new ProfileCard().basic(new BasicSection().name("Generated Client Ltd"))
                        .contacts(List.of(new Contact().name("Li Lei").role(Contact.RoleEnum.DECISION_MAKER)))));
        assertThat(registered.getCustomerId()).isNotNull();
        assertThat(registered.getVersion()).isEqualTo(1L);

        VisitRecorded visit = visits.record(registered.getCustomerId(),
                new VisitRequest().method(VisitRequest.MethodEnum.PHONE).notes("asked for a quote"), null);
        assertThat(visit.getVisitNo()).isEqualTo(1);
        assertThat(visit.getVersion()).isEqualTo(2L);

        // the client leaves out what it does not set: the edit changes the occupation, not the contacts
        CardEdited edited = customers.editCard(registered.getCustomerId(),
                new CardEdit().basic(new BasicSection().occupation("importer")), "\"2\"", null, null);
        assertThat(edited.getVersion()).isEqualTo(3L);
        assertThat(edited.getChanged()).containsExactly("basic.occupation");

        WriteAnswer graded = customers.changeGrade(registered.getCustomerId(),
                new ChangeGrade().grade(ChangeGrade.GradeEnum.A).reason("large order"), null);
        assertThat(graded.getVersion()).isEqualTo(4L);
    }

    @Test
    void a_refusal_reaches_the_client_as_its_status_and_problem() throws ApiException {
        UUID unknown = UUID.randomUUID();
        ApiException refused = catchThrowableOfType(ApiException.class, () -> customers.changeGrade(unknown,
                new ChangeGrade().grade(ChangeGrade.GradeEnum.A).reason("no such customer"), null));
        assertThat(refused.getCode()).isEqualTo(404);
        assertThat(refused.getResponseBody()).contains("customer-not-found");
    }
}
