package io.documind.invitation.lifecycle;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Outside the local stack the invitation link must be the deployment's own landing page: the built-in
 * default points at localhost, where no invitee's browser would find it. The link is sealed for
 * notification-service with the public half of its key pair.
 */
@Singleton
public class InvitationDeploymentSettings implements RequiredSettings {

    @Override
    public List<RequiredSetting> settings() {
        return List.of(new RequiredSetting("documind.invitation.link-template", "DOCUMIND_INVITATION_LINK_TEMPLATE",
                null), new RequiredSetting("documind.invitation.link-public-key",
                "DOCUMIND_INVITATION_LINK_PUBLIC_KEY", null));
    }
}
