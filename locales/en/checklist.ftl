# The report's checklists. Each step is a bold title and the text after it;
# <ui>…</ui> marks a name on Partner Center's screens (shown as UI text).

## The employee checklist: on index.html (in --lang), and on each
## organisation's page in the language most of its people read.

checklist-title = Employee checklist
checklist-intro = What each person does once their account exists (R8).
checklist-sign-in = Get your sign-in info.
    .bulk = Partner Center emails you your username and a temporary password. Sign in within 90 days and choose your own password.
    .individual = Your admin sends you your username and a temporary password. Sign in within 90 days and choose your own password.
checklist-university = Connect your Partner University account
    .text = to your new Partner Center sign-in.
checklist-exams = Associate your Microsoft exams and certifications
    .text = with your account, so that they count for your organisation.
checklist-password-reset = Optional: set up password-reset self-service,
    .text = so that you can reset a forgotten password yourself.
checklist-wait = R9 · Allow 24 hours.
    .text = Competency progress shows in <ui>Partnership › Competencies</ui> 24 hours after you associate your account or complete a skill goal.

## The admin checklist on index.html, in --lang. $as_of and $expires are
## dates in the locale's form (date in common.ftl).

admin-title = Admin checklist
admin-intro = For each organisation’s admin in Partner Center.
admin-enrol = Re-enrol the organisation
    .text = in Partner Center on the cutover date ({ $as_of }). The new membership starts at once and ends one year after the current PMC membership ends.
admin-add = Add the employees yourself.
    .text = The organisation’s admin adds everyone; each organisation’s page lists its admins and the accounts to create. An organisation with no admin in the export is left out.
admin-bulk = Create the accounts in bulk.
    .text = Open <ui>Set up your team</ui> and choose <ui>Add users using PMC data</ui>. Partner Center emails each user their sign-on info; you can also download a file with the same info.
admin-individual = Create each account with <ui>Add new user</ui>.
    .text = Partner Center does not email anyone in this mode: you must send each user their username and temporary password directly.
admin-expiry = Temporary passwords are good for 90 days
    .text = (until { $expires } for this cutover). Remove anyone who has not signed in by then and add them again: they get a new temporary password.
admin-password-reset = Set up self-service password reset
    .text = for the accounts, and choose which security question types users answer.
admin-competencies = Check competencies a day later.
    .text = Progress shows in <ui>Partnership › Competencies</ui> 24 hours after an employee associated their account or completed a skill goal.
