package io.documind.contracts.events;

/** An organization's logos (Logto's {@code branding}): absolute http(s) URLs, each optional. */
public record OrganizationBranding(String logoUrl, String darkLogoUrl) {
}
