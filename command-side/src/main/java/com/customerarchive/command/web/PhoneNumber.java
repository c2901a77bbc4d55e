package com.customerarchive.command.web;

import com.customerarchive.command.customer.PhoneNumbers;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A phone number as the seed's card asks for it: a landline with its area code ({@link PhoneNumbers}). */
@Constraint(validatedBy = PhoneNumber.Validator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.METHOD})
public @interface PhoneNumber {

    String message() default "{card.phone}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The Bean Validation side: {@link PhoneNumbers#valid}. */
    final class Validator implements ConstraintValidator<PhoneNumber, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return PhoneNumbers.valid(value);
        }
    }
}
