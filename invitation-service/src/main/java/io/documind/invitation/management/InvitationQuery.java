package io.documind.invitation.management;

/** The filters and page of a list request, as given (null = not given). */
public record InvitationQuery(String organizationId, String invitee, String inviterId, String status,
                              Integer page, Integer pageSize) {
}
