# The employee checklist of the report (index.html, and each organisation's
# page in its people's language). Each step is a bold title and a sentence
# after it; the final note names a place in Partner Center shown as UI text.

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
# .before, .place and .after make one sentence; .place is a Partner Center menu path.
checklist-wait = R9 · Allow 24 hours.
    .before = Competency progress shows in
    .place = Partnership › Competencies
    .after = 24 hours after you associate your account or complete a skill goal.
