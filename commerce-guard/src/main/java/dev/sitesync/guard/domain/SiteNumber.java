package dev.sitesync.guard.domain;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A number a site can store: ERPNext keeps Currency, Float and Percent fields as {@code decimal(21,9)}, so at most 12
 * digits before the point and 9 after. Checked before anything is computed with the number, and cheaply (the check
 * compares digit counts), so a 9-byte {@code 1e5000000} is refused at once instead of costing seconds per operation.
 */
@Documented
@Constraint(validatedBy = SiteNumberValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface SiteNumber {

    int INTEGER_DIGITS = 12;
    int FRACTION_DIGITS = 9;

    String message() default "must fit a site's number fields: at most 12 digits before the point and 9 after";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
