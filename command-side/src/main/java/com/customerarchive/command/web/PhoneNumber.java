package com.customerarchive.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A phone number as the seed's card asks for it: a landline with its area code ({@link PhoneNumbers}). */
@Constraint(validatedBy = PhoneNumbers.Validator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.METHOD})
public @interface PhoneNumber {

    String message() default "{card.phone}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
