# The sign-on email an admin sends each person when accounts are created one
# by one (R6): plain text, so no markup. Keep the four steps in R8's order.

signon-subject = Your Partner Center sign-in for { $organization }
signon-greeting = Hello { $name },
# $admin is the organisation's admin, or signon-your-admin when it has none.
signon-added = { $admin } has added you to the Partner Center account of { $organization } (MPN ID { $mpn_id }), which replaces the Partner Membership Center.
signon-your-admin = Your administrator
signon-info = Your sign-in information:
# The three labels are lined up in a column.
signon-username = Username:
signon-password = Temporary password:
signon-expires = Password expires:
# The sign-in page (--sign-in-url) follows it.
signon-sign-in-at = Sign in at:
# $date is the expiry in this locale's form (date in common.ftl).
signon-deadline = Sign in at Partner Center before { $date }. The temporary password is good for 90 days; after that your admin must remove you and add you again.
signon-then = Then, please:
signon-step-sign-in = Sign in with the username and temporary password above and choose your own password.
# For someone the export lists without a Partner University ID.
signon-step-university = Connect your Partner University account (Partner Center > your account settings > Connect Partner University), if you have one.
# For someone with a Partner University ID.
signon-step-university-member = Connect your Partner University account (Partner Center > your account settings > Connect Partner University).
signon-step-exams = Associate your Microsoft exams and certifications with your account, so that they count for { $organization }'s competencies.
# $exams: the person's exam codes, comma-separated (AZ-900, AZ-104).
signon-step-exams-listed = Associate your Microsoft exams and certifications with your account ({ $exams }), so that they count for { $organization }'s competencies.
signon-step-password-reset = Optionally, set up password-reset self-service with your security questions.
signon-progress = Competency progress shows in Partnership > Competencies 24 hours after you associate your account or complete a skill goal.
signon-delete = This message holds a password: please delete it once you have signed in.
