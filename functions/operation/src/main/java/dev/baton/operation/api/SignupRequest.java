package dev.baton.operation.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /users}. */
@Serdeable
public record SignupRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 254) @Email
        @Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address with a domain")
        String email) {

    /** Surrounding spaces are not part of a name or an address: trim before the constraints are checked. */
    public SignupRequest {
        name = name == null ? null : name.trim();
        email = email == null ? null : email.trim();
    }
}
