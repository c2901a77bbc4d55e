package com.customerarchive.platform.openapi;

import com.customerarchive.platform.security.AccessRule;
import com.customerarchive.platform.security.ApiAccess;
import com.customerarchive.platform.security.SecurityAutoConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Frames each app's OpenAPI document: the service's name, version and description; HTTP Basic, so Swagger UI's
 * Authorize button works; per operation the roles that may call it (from the app's {@link ApiAccess}) and the
 * problem answers it can give, each typed as {@code Problem}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnBean(ApiAccess.class)
@EnableConfigurationProperties(ApiDocumentProperties.class)
public class OpenApiAutoConfiguration {

    static final String BASIC = "basic";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer archiveDocument(ApiAccess access, ApiDocumentProperties document,
            ObjectProvider<BuildProperties> build) {
        String version = Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse("dev");
        return openApi -> {
            openApi.info(new Info().title(document.title()).version(version).description(document.description()));
            Components components = Optional.ofNullable(openApi.getComponents()).orElseGet(Components::new);
            components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("A user of the archive and its password; see each operation for the roles."));
            components.addSchemas(PROBLEM, problemSchema());
            openApi.components(components);
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> frame(access, path, method, operation)));
            }
        };
    }

    private static void frame(ApiAccess access, String path, PathItem.HttpMethod method, Operation operation) {
        Optional<AccessRule> rule = access.ruleFor(HttpMethod.valueOf(method.name()), path);
        ApiResponses responses = Optional.ofNullable(operation.getResponses()).orElseGet(ApiResponses::new);
        boolean open = rule.map(AccessRule::isOpen).orElse(false)
                || SecurityAutoConfiguration.openPaths().contains(path);
        if (!open) {
            String roles = rule.map(found -> String.join(", ", found.roleNames())).orElse("none");
            operation.addSecurityItem(new SecurityRequirement().addList(BASIC));
            operation.addExtension("x-roles", rule.map(found -> List.of(found.roleNames())).orElse(List.of()));
            operation.description(Optional.ofNullable(operation.getDescription()).map(text -> text + "\n\n").orElse("")
                    + "Roles: " + roles + ".");
            problem(responses, "401", "No or wrong credentials");
            problem(responses, "403", "The user's role may not call this");
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            problem(responses, "400", "Invalid input: errors names every bad field");
        }
        if (path.contains("{")) {
            problem(responses, "404", "What the path names does not exist");
        }
        if (method != PathItem.HttpMethod.GET) {
            problem(responses, "409", "A rule refuses the change (rule names it) or the expected version does not match");
        }
        problem(responses, "503", method == PathItem.HttpMethod.GET
                ? "The database is out of reach or the read model not caught up; retry after the Retry-After header's "
                + "seconds"
                : "The database is out of reach (store-unavailable), or on command-side too many writes waited for their "
                + "turn (busy); "
                + "nothing was written; retry after the Retry-After header's seconds");
        operation.responses(responses);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        ApiResponse existing = responses.get(status);
        ApiResponse response = new ApiResponse()
                .description(existing != null && existing.getDescription() != null ? existing.getDescription() : description)
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        responses.addApiResponse(status, response);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the JSON path or parameter, e.g. card.basic.name"))
                .addProperty("message", new StringSchema());
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("what went wrong, e.g. "
                + "https://customer-archive.dev/problems/invalid-request"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema().format("uri"));
        properties.put("rule", new StringSchema().description("the rule of the domain that refused the change (409)"));
        properties.put("errors", new ArraySchema().items(fieldError).description("every bad field (400)"));
        return new ObjectSchema().properties(properties).required(List.of("type", "title", "status"))
                .description("An RFC 7807 problem answer (application/problem+json).");
    }
}
