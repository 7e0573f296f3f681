package io.documind.contracts.security;

import java.util.List;

/** Organization scope names of the seeded template (DESIGN §4) and the management scope. */
public final class Scopes {
    public static final String READ_DOCUMENTS = "read:documents";
    public static final String CREATE_DOCUMENTS = "create:documents";
    public static final String UPDATE_DOCUMENTS = "update:documents";
    public static final String DELETE_DOCUMENTS = "delete:documents";
    public static final String INVITE_MEMBER = "invite:member";
    public static final String MANAGE_MEMBER = "manage:member";
    public static final String DELETE_MEMBER = "delete:member";
    public static final String MANAGE_ORGANIZATION = "manage:organization";
    public static final String DELETE_ORGANIZATION = "delete:organization";

    /** The single scope of a management token. */
    public static final String MANAGEMENT_ALL = "all";

    public static final List<String> ALL_ORGANIZATION_SCOPES = List.of(
            READ_DOCUMENTS, CREATE_DOCUMENTS, UPDATE_DOCUMENTS, DELETE_DOCUMENTS,
            INVITE_MEMBER, MANAGE_MEMBER, DELETE_MEMBER, MANAGE_ORGANIZATION, DELETE_ORGANIZATION);

    private Scopes() {
    }
}
