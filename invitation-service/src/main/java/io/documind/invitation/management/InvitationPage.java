package io.documind.invitation.management;

import java.util.List;

/** One page of a list, and how many there are in all (Logto's {@code Total-Number} header). */
public record InvitationPage(List<InvitationResponse> items, long total) {
}
