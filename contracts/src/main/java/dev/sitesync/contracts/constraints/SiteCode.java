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

/** A site code: 1 to 32 lowercase letters, digits or hyphens (it becomes a DNS label and a schema suffix). */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@NotNull
@Pattern(regexp = SiteCode.PATTERN)
public @interface SiteCode {

    String PATTERN = "[a-z0-9-]{1,32}";

    String message() default "must be a site code: 1 to 32 characters of a-z, 0-9 and '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
