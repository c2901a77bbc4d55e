package com.customerarchive.command.admission;

import com.customerarchive.command.customer.AdmissionPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Set;

/**
 * Review and coding ({@code archive.admission.*}): {@code enabled=false} approves and codes every registration at
 * once; {@code required-fields} an approval needs; {@code signed-fields} that change only through a proposal once a
 * card is approved; {@code code-format} of the customer code, e.g. {@code {province2}{yyyy}{seq:5}}.
 */
@ConfigurationProperties("archive.admission")
public record AdmissionProperties(@DefaultValue("true") boolean enabled, List<String> requiredFields,
                                  Set<String> signedFields,
                                  @DefaultValue("{province2}{yyyy}{seq:5}") String codeFormat) {

    public AdmissionProperties {
        requiredFields = requiredFields == null || requiredFields.isEmpty() ? AdmissionPolicy.DEFAULT_REQUIRED
                : List.copyOf(requiredFields);
        signedFields = signedFields == null || signedFields.isEmpty() ? AdmissionPolicy.DEFAULT_SIGNED
                : Set.copyOf(signedFields);
        CodeFormat.parse(codeFormat);
    }

    public AdmissionPolicy policy() {
        return new AdmissionPolicy(enabled, requiredFields, signedFields);
    }
}
