package io.documind.kit.web;

import io.documind.contracts.EmailAddress;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An email address notification-service can mail unambiguously: it has an ASCII form
 * ({@link EmailAddress#asciiForm}: ASCII before the {@code @}, and a domain whose ASCII form stands for it alone). Beside {@code @Email} and {@code EmailAddress.ACCEPTED} on every field
 * that takes an address someone will be emailed at (sign-up, users, invitees): {@code @Email} takes {@code faß.de},
 * which would be mailed at {@code fass.de}. Checked by {@link MailableAddressValidator}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Constraint(validatedBy = {})
public @interface MailableAddress {

    String message() default "must be an email address with an ASCII form: ASCII before the @, and a domain that "
            + "has one (faß.de would be mailed at fass.de, another domain)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
