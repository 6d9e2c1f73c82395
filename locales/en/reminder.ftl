# The reminder `status` writes for someone who has not signed in and whose
# temporary password expires soon: plain text, and never a password.

# $date is the expiry in this locale's form (date in common.ftl).
reminder-subject = Reminder: sign in to Partner Center for { $organization } before { $date }
reminder-greeting = Hello { $name },
reminder-not-yet = You have not signed in yet to the Partner Center account of { $organization } (MPN ID { $mpn_id }). Your temporary password expires on { $date }.
reminder-before = Please sign in before { $date } and choose your own password. After that the temporary password no longer works, and your admin must remove you and add you again.
# $admin and $email: the organisation's admin, who has the password.
reminder-lost = If you lost the temporary password, ask { $admin } ({ $email }) for it.
# When the plan names no admin.
reminder-lost-unnamed = If you lost the temporary password, ask your administrator for it.
reminder-no-password = This reminder holds no password.
