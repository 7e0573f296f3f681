-- Issue 13: the emails of email verification (Register) and password reset (ForgotPassword), editable through
-- /api/email-templates like the others. {{code}} and {{link}} are secrets: content only, never the subject.
INSERT INTO email_template (usage_type, subject, content, content_type) VALUES
('Register',
 'Your DocuMind verification code',
 '<p>Hello {{name}},</p>
<p>Your verification code is <strong>{{code}}</strong>.</p>
<p>Or <a href="{{link}}">verify {{email}}</a> with one click.</p>
<p>The code expires on {{expiresAt}}. If you did not sign up for DocuMind, you can ignore this email.</p>',
 'text/html'),
('ForgotPassword',
 'Your DocuMind password reset code',
 '<p>Hello {{name}},</p>
<p>Your password reset code is <strong>{{code}}</strong>.</p>
<p>The code expires on {{expiresAt}}. If you did not ask to reset your password, you can ignore this email: your
password stays as it is.</p>',
 'text/html');
