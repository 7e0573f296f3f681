package io.documind.org.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.contracts.EmailAddress;
import io.documind.kit.web.DisplayNames;
import io.documind.kit.web.MailableAddress;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SignUpRequest(@NotBlank @Email @Size(max = 254)
                            @Pattern(regexp = EmailAddress.ACCEPTED, message = EmailAddress.ACCEPTED_MESSAGE)
                            @MailableAddress String email,
                            @NotNull @Size(max = 256) String password,
                            @NotBlank @Size(max = 128)
                            @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name) {
}
