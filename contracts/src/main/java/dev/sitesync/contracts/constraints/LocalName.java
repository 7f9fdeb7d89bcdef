package dev.sitesync.contracts.constraints;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A document's name on one site: 1 to 140 characters (code points, as Frappe's varchar(140) counts them), any Unicode.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@NotNull
@Pattern(regexp = LocalName.PATTERN)
public @interface LocalName {

    // Java's '.' matches a whole code point, so an emoji counts once, as it does for Frappe.
    String PATTERN = "(?s).{1,140}";

    String message() default "must be a document name of 1 to 140 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
