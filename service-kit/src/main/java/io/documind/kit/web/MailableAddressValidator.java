package io.documind.kit.web;

import io.documind.contracts.EmailAddress;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** {@link MailableAddress}'s check; an absent value is left to {@code @NotBlank} or {@code @Nullable}. */
@Singleton
public class MailableAddressValidator implements ConstraintValidator<MailableAddress, CharSequence> {

    @Override
    public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<MailableAddress> annotation,
                           @NonNull ConstraintValidatorContext context) {
        return value == null || EmailAddress.asciiForm(value.toString()).isPresent();
    }
}
