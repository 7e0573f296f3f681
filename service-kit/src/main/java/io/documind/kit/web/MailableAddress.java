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
 * An email address notification-service can mail unambiguously: its domain has an ASCII form that stands for it
 * alone ({@link EmailAddress#asciiForm}). Beside {@code @Email} and {@code EmailAddress.ACCEPTED} on every field
 * that takes an address someone will be emailed at (sign-up, users, invitees): {@code @Email} takes {@code faß.de},
 * which would be mailed at {@code fass.de}. Checked by {@link MailableAddressValidator}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Constraint(validatedBy = {})
public @interface MailableAddress {

    String message() default "must be an email address whose domain has one ASCII form (faß.de would be mailed at "
            + "fass.de, another domain)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
