-- The verification link no longer proves an address by being opened (a mail scanner or whoever reads the mail could
-- then prove it for an account someone else made): it takes the account's own sign-in. The seeded Register email
-- said "with one click"; reworded only where nobody edited it.
UPDATE email_template
SET content = '<p>Hello {{name}},</p>
<p>Your verification code is <strong>{{code}}</strong>.</p>
<p>Or open <a href="{{link}}">this link</a> and confirm while signed in as {{email}}.</p>
<p>The code expires on {{expiresAt}}. If you did not sign up for DocuMind, you can ignore this email.</p>'
WHERE usage_type = 'Register'
  AND content = '<p>Hello {{name}},</p>
<p>Your verification code is <strong>{{code}}</strong>.</p>
<p>Or <a href="{{link}}">verify {{email}}</a> with one click.</p>
<p>The code expires on {{expiresAt}}. If you did not sign up for DocuMind, you can ignore this email.</p>';
