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
 * A DocType name as Frappe allows it: starts with a letter, then letters, digits, spaces, '-' or '_', at most 140
 * characters (e.g. {@code Item}, {@code Sales Order Item}).
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@NotNull
@Pattern(regexp = DocTypeName.PATTERN)
public @interface DocTypeName {

    String PATTERN = "\\p{L}[\\p{L}\\p{N} _-]{0,139}";

    String message() default "must be a DocType name: a letter, then letters, digits, spaces, '-' or '_', at most 140 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
