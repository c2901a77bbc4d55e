package com.customerarchive.query.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose answer names many customers (a search page, a report list): each answer it gives, JSON or CSV,
 * is recorded in the access trail with the customers it named ({@link BulkReads}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsCustomers {
}
