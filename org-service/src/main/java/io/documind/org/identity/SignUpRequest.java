package io.documind.org.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.contracts.EmailAddress;
import io.documind.org.RequestRules;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SignUpRequest(@NotBlank @Email @Pattern(regexp = EmailAddress.ACCEPTED) @Size(max = 254) String email,
                            @NotNull @Size(max = 256) String password,
                            @NotBlank @Size(max = 128)
                            @Pattern(regexp = RequestRules.NOT_BLANK, message = RequestRules.NOT_BLANK_MESSAGE) String name) {
}
