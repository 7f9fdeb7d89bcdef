package dev.sitesync.guard.domain;

import java.math.BigDecimal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Counts digits in {@code long}: Hibernate Validator's {@code @Digits} computes {@code precision - scale} in
 * {@code int}, which overflows for {@code 1E+2147483647} and lets it through.
 */
public final class SiteNumberValidator implements ConstraintValidator<SiteNumber, BigDecimal> {

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        long fractionDigits = Math.max(0, stripped.scale());
        return integerDigits <= SiteNumber.INTEGER_DIGITS && fractionDigits <= SiteNumber.FRACTION_DIGITS;
    }
}
