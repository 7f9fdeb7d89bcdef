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

/** A Frappe datetime as Python writes it: naive, site time zone, fraction optional ({@code 2024-01-05 10:11:12.123456}). */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@NotNull
@Pattern(regexp = FrappeDatetime.PATTERN)
public @interface FrappeDatetime {

    String PATTERN = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?";

    String message() default "must be a Frappe datetime such as 2024-01-05 10:11:12.123456";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
