# The report pages (index.html, orgs/, status.html). Each message is HTML:
# values are escaped before they go in, the text itself is not. A count
# $x shows as written ("2,000"); $x_n is the same count to choose a plural by.

## Shared by the pages

page-contents = Contents
page-run-facts = Run facts
page-totals = Totals
page-organisations = Organisations
page-organisation = Organisation
page-findings = Findings
page-accounts = Accounts
page-tool = Tool
page-file = File
page-line = Line
page-col = Col
page-line-lower = line
page-col-lower = col
page-severity = Severity
page-rule = Rule
page-message = Message
page-yes = yes
page-no = no
page-unknown = unknown
page-error = error
page-warning = warning
page-info = info
page-none-yet = none yet

## status.html

status-title = Team status · { $as_of } · Partner Center migration
status-back = ← Migration report
status-eyebrow = pmc-migrate · team status
status-h1 = Team status after cutover
status-lede = As of <strong>{ $as_of }</strong> · <strong>{ $accounts }</strong> { $accounts_n ->
        [one] account
       *[other] accounts
    } in <strong>{ $organizations }</strong> { $organizations_n ->
        [one] organisation
       *[other] organisations
    } · <strong>{ $signed_in }</strong> signed in · <strong>{ $needs_action }</strong> { $needs_action_n ->
        [one] needs
       *[other] need
    } action
status-must-re-add = Must re-add
status-expiring-soon = Expiring soon
status-report = Migration report
status-report-lower = migration report
status-banner-reissue = { $n } { $n_n ->
        [one] account
       *[other] accounts
    } never signed in before the temporary password expired: remove and add { $n_n ->
        [one] it
       *[other] them
    } again (R7). The next <code>pmc-migrate apply --status</code> with this export reissues { $n_n ->
        [one] it
       *[other] them
    }; see <a href="#re-add">Must re-add</a>.
status-banner-expiring = { $n } { $n_n ->
        [one] account has
       *[other] accounts have
    } not signed in and the temporary password expires within { $days } { $days_n ->
        [one] day
       *[other] days
    }: remind { $n_n ->
        [one] that person
       *[other] those people
    } (see <a href="#expiring">Expiring soon</a>).
status-banner-findings = Nobody needs to be added again, but { $disagreements_n ->
        [0] { "" }
        [one] the ledger and the status export disagree in { $disagreements } place{ $unreadable_n ->
            [0] { "" }
           *[other] , and{ " " }
        }
       *[other] the ledger and the status export disagree in { $disagreements } places{ $unreadable_n ->
            [0] { "" }
           *[other] , and{ " " }
        }
    }{ $unreadable_n ->
        [0] { "" }
        [one] { $unreadable } cell or row of the status export could not be read
       *[other] { $unreadable } cells or rows of the status export could not be read
    }: see <a href="#status-findings">Findings</a>.
status-banner-ok = Nobody needs action: every account has signed in or still has more than { $days } { $days_n ->
        [one] day
       *[other] days
    } on its temporary password.
status-run-sub = The ledger of the applies into this folder, joined with a Partner Center team-status export. The same ledger, export and as-of time always give the same page.
status-as-of = As of
status-window = Warning window
status-window-text = { $days } { $days_n ->
        [one] day
       *[other] days
    } <code>--warn-days { $days }</code>: the command exits 1 when someone must be added again or has not signed in and their temporary password expires within this window
status-passwords = Temporary passwords
status-passwords-text = Good for 90 days; whoever has not signed in by then is removed and added again with a new one (R7)
status-competency = Competency progress
status-competency-text = Shows in <span class="ui">Partnership › Competencies</span> 24 hours after an employee associated their exams and certifications (R9)
status-full-data = Full data
status-totals-sub = Every account an apply into this folder issued, by sign-in state.
status-tile-signed-in = Signed in
status-tile-waiting = Waiting for a first sign-in
status-expiring-within = Expiring within { $days } { $days_n ->
        [one] day
       *[other] days
    }
status-tile-reissue = Must be removed and added again (R7)
status-tile-unknown = Not in the status export
status-tile-pu = Partner University connected (R8b)
status-tile-competency = Competency progress visible (R9)
status-re-add-h2 = Must be removed and added again
status-re-add-sub = { $n_n ->
        [one] This account
       *[other] These { $n } accounts
    } never signed in, and the temporary password has expired (R7). Remove { $n_n ->
        [one] it
       *[other] them
    } in Partner Center and add { $n_n ->
        [one] it
       *[other] them
    } again: the next <code>pmc-migrate apply --status</code> with this export and the same as-of day reissues { $n_n ->
        [one] it
       *[other] each
    } (action <em>reissue</em>) with a new temporary password in a new <code>credentials/&lt;MPN ID&gt;.run&lt;N&gt;.csv</code>.
status-username-email = Username · email
status-password-expired = Password expired
status-password-expires = Password expires
status-next-apply = Next apply
status-action-reissue = reissue
status-action-keep = keep
status-re-add-more = { $n } more are not shown here: every account with <code>"next_action": "reissue"</code> in <a href="status.json">status.json</a>.
status-re-add-none = Nobody: no account’s temporary password has expired without a sign-in.
status-expiring-sub = Not signed in yet, and the temporary password expires soon. Remind { $n_n ->
        [one] this person
       *[other] these { $n } people
    } to sign in; after the expiry date the account must be removed and added again (R7).
status-expiring-more = { $n } more are not shown here: every account with <code>"sign_in": "expires-soon"</code> in <a href="status.json">status.json</a>.
status-expiring-none = Nobody: everyone who has not signed in yet has more than { $days } { $days_n ->
        [one] day
       *[other] days
    } left.
status-orgs-sub = Accounts per organisation by sign-in state. Each organisation’s employees follow below.
status-col-signed-in = Signed in
status-col-waiting = Waiting
status-col-expiring = Expiring
status-col-unknown = Not in export
status-col-pages = Pages
status-plan-link = plan
status-orgs-more = Showing the first { $shown } of { $total } organisations; all of them are in <a href="status.json">status.json</a>{ $listing ->
        [true] , and their plan pages are listed in <a href="orgs/index.html">orgs/index.html</a>
       *[false] { "" }
    }.
status-orgs-none = The ledger holds no account yet.
status-delivery-h2 = Sign-on mail delivered
status-delivery-sub = Each organisation’s sign-on emails by <code>sent.csv</code>, the log <code>pmc-migrate send</code> keeps: accepted by the mail server, refused for good (the server’s words are in the log), and not sent yet. Reminders are not counted here.
status-col-sent = Sent
status-col-failed = Failed
status-col-left = Not sent yet
status-delivery-more = { $n } more organisations are in <code>sent.csv</code>.
status-org-sub = { $accounts } { $accounts_n ->
        [one] account
       *[other] accounts
    }: { $signed_in } signed in, { $waiting } waiting, { $expiring } expiring soon, { $reissue } to add again, { $unknown } not in the status export.
status-org-plan = Plan:
status-col-sign-in = Sign-in
status-col-password = Temporary password
status-col-pu = Partner University
status-col-exams = Exams &amp; certifications
status-col-associated = Associated
status-col-progress = Competency progress (+24 h)
status-state-signed-in = signed in
status-state-waiting = waiting
status-state-expires-soon = expires soon
status-state-must-reissue = must re-add
status-state-unknown = not in export
status-not-needed = not needed
status-not-yet = not yet
status-visible = visible
status-visible-since = since { $at }
status-visible-from = from { $at }
status-days-left = { $n } { $n_n ->
        [one] day
       *[other] days
    } left
status-expires-today = expires today
status-expired-ago = expired { $n } { $n_n ->
        [one] day
       *[other] days
    } ago
status-org-more = { $n } more employees of this organisation are in <a href="status.json">status.json</a>.
status-more-orgs = The employees of { $orgs } more { $orgs_n ->
        [one] organisation
       *[other] organisations
    } ({ $accounts } { $accounts_n ->
        [one] account
       *[other] accounts
    } not listed on this page) are in <a href="status.json">status.json</a>.
status-findings-sub = <code>unknown-account</code>: someone in the status export whom no apply into this folder issued an account to. <code>missing-status</code>: an account in the ledger that the status export does not list (its state is unknown). Rows of the export that could not be read are listed too.
status-findings-more = { $more } more findings are not shown here: see <code>findings</code> in <a href="status.json">status.json</a> for all { $total }.
status-findings-none = None: the ledger and the status export list the same accounts.
status-footer = Generated by pmc-migrate { $version } from this folder’s ledger and a Partner Center team-status export, as of { $as_of }. The same ledger, export and as-of time give the same page. No passwords appear in this page.

## The plan's pages (index.html, orgs/)

page-footer = Generated by pmc-migrate { $version } for the cutover on { $as_of } ({ $creation } account creation). Same inputs and cutover date give the same report. No passwords appear in this report.

## index.html

index-title = Partner Center migration plan · cutover { $as_of }
index-eyebrow = pmc-migrate · migration report
index-h1 = Partner Center migration plan
index-lede = Cutover <strong>{ $as_of }</strong> · <strong>{ $orgs }</strong> { $orgs_n ->
        [one] organisation
       *[other] organisations
    } · <strong>{ $accounts }</strong> { $accounts_n ->
        [one] account
       *[other] accounts
    } for <strong>{ $people }</strong> { $people_n ->
        [one] person
       *[other] people
    } · { $bulk ->
        [true] bulk creation from PMC data
       *[false] individual account creation
    }
index-toc-apply = Apply
index-findings-by-rule = Findings by rule
index-changes = Changes
index-all-org-pages = All organisation pages
index-toc-left-out = Left out
index-toc-admin = Admin checklist
index-toc-employee = Employee checklist
index-team-status = Team status
page-apply-refused-banner = apply refused: no credentials were written; fix the errors or use --skip-invalid
index-banner-errors = { $errors } { $errors_n ->
        [one] error
       *[other] errors
    }. Rows and organisations with errors are left out of this plan{ $blocked_n ->
        [0] { "" }
        [one] { " " }({ $blocked } organisation, listed under <a href="#left-out">Left out</a>)
       *[other] { " " }({ $blocked } organisations, listed under <a href="#left-out">Left out</a>)
    }. Fix the exports and run again.
index-banner-warnings = No errors. { $warnings } { $warnings_n ->
        [one] warning
       *[other] warnings
    } to review; every organisation below can proceed.
index-banner-ok = No errors or warnings: every organisation below can proceed.
index-totals-sub = One account per person per organisation; a person in several organisations gets one account in each tenant.
index-tile-orgs = Organisations planned
index-tile-people = People
index-tile-errors = Errors
index-tile-warnings = Warnings
index-tile-info = Info
index-tile-left-out = Organisations left out
page-apply-h2 = { $refused ->
        [true] Apply refused
       *[false] Apply · run { $run }
    }
index-apply-refused = Errors stopped this apply: no password was issued, no credential file or sign-on email was written, and the ledger is unchanged{ $run_n ->
        [0] { " " }(nothing has been applied into this folder yet)
       *[other] { " " }(its last run is run { $run })
    }. Below is what apply would do once the errors are fixed, or with <code>--skip-invalid</code> for the valid rows; credential files listed are from earlier runs.
index-apply-issued = Run { $run } issued temporary passwords for { $created } new and { $reissued } reissued { $issued_n ->
        [one] account
       *[other] accounts
    }. They are only in the credential files named below (mode 0600{ $bulk ->
        [true] { "" }
       *[false] , and in the sign-on emails under <code>outbox/</code>
    }), never in this report. Keep those files private and delete them once the sign-on information has been handed out.
index-apply-nothing = Nothing new to issue: every account is already in the ledger (last run: run { $run }), so no password was made and no credential file changed. The credential files of earlier runs are named below; this report never shows a password.
page-created = { $refused ->
        [true] To create
       *[false] Created
    }
page-kept-ledger = Kept from the ledger
page-reissued = { $refused ->
        [true] To reissue
       *[false] Reissued
    }
page-left-export = Left the export
index-will-do = What an apply will do
index-will-do-sub = In counts{ $ledger ->
        [true] , against the ledger of earlier applies in this folder
       *[false] , the first apply into this folder
    }. Each organisation’s changes are under <a href="#changes">Changes</a> below; every account’s action is in <a href="plan.json">plan.json</a>.
index-tile-create = + accounts to create
index-tile-reissue = ~ to reissue (R7)
index-tile-keep = = to keep
index-tile-left = - left the export (never deleted)
index-tile-enrol = Organisations to enrol
index-will-do-nothing = Nothing: every account is already in the ledger and nobody left the export.
index-findings-sub = { $errors } { $errors_n ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings_n ->
        [one] warning
       *[other] warnings
    }, { $infos } info. Errors leave the row or the organisation out of the plan; warnings and info are kept. Every finding, with file, line and column, is in <a href="findings.csv">findings.csv</a>.
index-findings-listed = { $more_n ->
        [0] Each finding is listed under <a href="#finding-list">Findings</a> below.
       *[other] The first { $shown } findings, errors first, are listed under <a href="#finding-list">Findings</a> below.
    }
index-no-findings = No findings: both exports passed every check.
index-run-sub = What this report was made from. The same inputs and cutover date always give the same plan.
index-cutover-date = Cutover date (as-of)
index-creation = Account creation
index-creation-how = { $bulk ->
        [true] Bulk: “Set up your team” › “Add users using PMC data”
       *[false] Individual: “Add new user”, one person at a time
    }
index-passwords-expire = Temporary passwords expire
index-passwords-expire-when = { $date } (90 days after the cutover)
index-apply-fact = { $refused ->
        [true] refused{ $run_n ->
            [0] { "" }
           *[other] ; the ledger’s last run is run { $run }
        }
       *[false] run { $run }
    }
index-status-fact = <a href="status.html">status.html</a>, written by <code>pmc-migrate status</code> (who signed in, who must be added again)
index-input-file = Input file
index-rows = Rows
index-format = Format
index-ignored-columns = Ignored columns: { $columns }
index-delimited = , { $d }-delimited
index-apply-orgs-h2 = { $refused ->
        [true] What apply would do per organisation
       *[false] Apply per organisation · run { $run }
    }
index-col-kept = Kept
index-col-left = Left
page-credential-files = Credential files
page-signon-emails = Sign-on emails
page-not-in-plan = not in this plan
index-apply-more = Showing the first { $shown } of { $total } organisations; the rest are in <a href="plan.json">plan.json</a> and on their pages in <code>orgs/</code>{ $listing ->
        [true] { " " }(<a href="orgs/index.html">all organisation pages</a>)
       *[false] { "" }
    }. Every credential file is in the <code>credentials/</code> folder.
page-left-export-h3 = People who left the export
index-left-sub = An earlier apply issued { $n_n ->
        [one] this account, whose person is
       *[other] these { $n } accounts, whose people are
    } no longer in the employee export. Nothing is deleted: remove { $n_n ->
        [one] it
       *[other] them
    } in Partner Center if they really left{ $ledger ->
        [true] ; the ledger keeps { $n_n ->
            [one] it
           *[other] them
        }
       *[false] { "" }
    }.
page-email = Email
page-username = Username
page-issued-in-run = Issued in run
index-left-more = { $more } more are not shown here: see <code>left</code> in <a href="plan.json">plan.json</a> for all { $total }.
index-left-none = None: everyone an earlier apply issued an account to is still in the employee export.
index-changes-sub = What an apply of this plan does{ $ledger ->
        [true] , against the ledger of earlier applies in this folder
       *[false] , the first into this folder
    }: <strong>{ $created }</strong> { $created_n ->
        [one] account
       *[other] accounts
    } to create (+), <strong>{ $reissued }</strong> to reissue with a new temporary password (~, R7), <strong>{ $kept }</strong> to keep (=){ $ledger ->
        [true] { " " }and <strong>{ $left }</strong> of people who left the export (-, reported, never deleted)
       *[false] { "" }
    }{ $enrol_n ->
        [0] { "" }
        [one] ; { $enrol } organisation to enrol
       *[other] ; { $enrol } organisations to enrol
    }.
index-col-create = + create
index-col-reissue = ~ reissue
index-col-left-sign = - left
index-col-keep = = keep
index-to-enrol = to enrol
index-changes-more = Showing the first { $shown } of { $total } organisations with changes; every account’s action is in <a href="plan.json">plan.json</a>.
index-unchanged = { $n } other { $n_n ->
        [one] organisation has
       *[other] organisations have
    } nothing to do.
index-no-changes = No changes: every account is already in the ledger and nobody left the export; an apply would issue nothing.
index-orgs-h2 = Organisations and membership dates
index-orgs-sub = The Partner Center membership starts on the cutover date (R1) and ends one year after the current PMC membership ends (R2). The bar is the overlap window, from the cutover to the PMC end date, when the organisation has both systems (R3); a full bar is { $days } days (until { $until }).
page-both-systems = both systems (overlap window)
page-expired = expired
index-no-overlap = no overlap (R4)
page-level = Level
page-pmc-membership = PMC membership
index-partner-center = Partner Center
index-overlap = Overlap
page-start = Start
page-end = End
index-renewed = Renewed
index-days = Days
index-window = Window
index-orgs-more = Showing the first { $shown } of { $total } organisations; { $more } more are in <a href="plan.json">plan.json</a>, and each has its own page in the <code>orgs/</code> folder, listed in <a href="orgs/index.html">orgs/index.html</a>.
index-note-r3 = <strong>R3 · Both systems until the PMC membership ends.</strong> From the cutover until the current PMC membership’s end date (both days included) the organisation uses Partner Center and can still review its PMC benefits. This holds even if the organisation already renewed in PMC: the <em>renewed</em> flag changes no date{ $renewed_n ->
        [0] { "" }
        [one] { " " }({ $renewed } renewed organisation in this run)
       *[other] { " " }({ $renewed } renewed organisations in this run)
    }.
index-note-r4 = <strong>R4 · Expired memberships.</strong> { $n } { $n_n ->
        [one] organisation’s PMC membership
       *[other] organisations’ PMC memberships
    } ended before the cutover: there is no overlap, and the new Partner Center membership ends one year after the cutover date.
index-no-orgs = No organisation could be planned{ $blocked_n ->
        [0] { "" }
       *[other] : every one was left out by errors (see below)
    }.
index-left-out-h2 = Organisations left out by errors
index-left-out-sub = { $n_n ->
        [one] This organisation is
       *[other] These { $n } organisations are
    } not in the plan and get no accounts. Fix the rows named below and run again.
index-why = Why
index-more-reasons = and { $n } more in findings.csv
index-left-out-more = { $n } more organisations left out are not shown here: see <code>blocked_organizations</code> in <a href="plan.json">plan.json</a> and <a href="findings.csv">findings.csv</a>.
index-left-out-none = None: every organisation of the membership export is in the plan.
index-finding-list-h2 = { $more_n ->
        [0] Findings
       *[other] First { $shown } of { $total } findings
    }
index-finding-list-sub = Errors first, then warnings, then info, each in file and line order. Line numbers are the physical line where the record starts (the header is line 1).
index-findings-more = { $more } more findings are not shown here: see <a href="findings.csv">findings.csv</a> for all { $total }.
index-accounts-h2 = Accounts per organisation
index-accounts-sub = { $accounts } { $accounts_n ->
        [one] account
       *[other] accounts
    }: { $admins } { $admins_n ->
        [one] admin
       *[other] admins
    } and { $employees } { $employees_n ->
        [one] employee
       *[other] employees
    }. { $only_create ->
        [true] { "" }
       *[false] { " " }By action: { $created } to create, { $kept } kept from the ledger, { $reissued } to reissue with a new temporary password (R7).
    } Usernames, tasks and password expiry of every account are on each organisation’s page.
index-tenant-domain = Tenant domain
index-tasks = Tasks beyond sign-in (R8)
index-page = Page
index-admins = Admins
index-employees = Employees
index-total = Total
page-partner-university = Partner University
index-exams = Exams, certifications
index-accounts-more = Showing the first { $shown } of { $total } organisations; the accounts of all of them are in <a href="plan.json">plan.json</a> and on their pages in <code>orgs/</code> (<a href="orgs/index.html">all organisation pages</a>).
index-no-accounts = No accounts: no organisation is planned.
page-renewed-title = Renewed in PMC: changes no date (R3)
page-expired-title = PMC membership ended before the cutover: no overlap (R4)
page-overlap-label = { $days } days in both systems
page-overlap-title = Both systems { $start } to { $end }: { $days } days

## A finding's rule in the pages of a language other than English: the
## finding's own message (in findings.csv) is English.

rule-missing-column = a required column (or both name columns) is absent: no row of that file is used
rule-invalid-encoding = bytes that are not valid in the file's encoding; the row is left out
rule-malformed-row = a row with more or fewer fields than the header
rule-missing-value = a required value is empty, or first and last name both are
rule-invalid-mpn-id = an MPN ID that is not 4 to 10 digits
rule-invalid-date = not a date in an accepted form, or no such day
rule-ambiguous-date = a year-last slash date without --date-order
rule-date-order = the membership ends before it starts
rule-invalid-email = not a usable email address
rule-invalid-domain = a tenant domain that is not a domain name of at most 48 characters
rule-invalid-role = a role that is neither an admin nor an employee name
rule-unknown-organization = an employee whose MPN ID is not in the memberships file
rule-duplicate-organization = the same MPN ID on two membership rows with different data
rule-org-without-admin = an organisation with employees to migrate but no admin among them
rule-conflicting-duplicate = the same person twice in one organisation with different data: merged
rule-membership-expired = the membership ended before the cutover date: no overlap
rule-unknown-membership-level = a level other than Network Member, Action Pack, Silver, Gold
rule-invalid-exam-code = an exam code not shaped like 70-533 or AZ-900; dropped from the list
rule-username-collision = two people in one tenant whose emails give the same username; the later one gets 2, 3, …
rule-org-without-employees = an organisation with nobody in the employees file
rule-invalid-value = a renewed, country or language value, or a cell of the status export, that can't be read
rule-control-character = a control character in a name, title or organisation: replaced by a space
rule-too-long = a value longer than Microsoft Entra accepts: cut
rule-formula-like-value = a name or title starting with = + - @: written with a leading ' in spreadsheet files
rule-exact-duplicate = a row identical to an earlier one; dropped
rule-cross-org-employee = the same email in several organisations: one account in each tenant
rule-non-ascii-email = an address with a non-ASCII local part: mail to it, or from it as first admin, needs SMTPUTF8
rule-unknown-account = (status) a status row for an account no apply issued
rule-missing-status = (status) an issued account absent from the Partner Center status export
rule-empty-file = a file with no header line
rule-no-rows = a header and no records
rule-suspect-encoding = names read with --encoding look like mojibake: no row of the file is used

## orgs/<mpn_id>.html (task-, role- and action- are plain text: the rows escape them)

task-sign-in = Get sign-in info
task-university = Connect Partner University
task-exams = Associate exams & certifications
task-password-reset = Password reset (optional)
role-admin = admin
role-employee = employee
action-create = create
action-keep = keep
action-reissue = reissue
org-title = { $org } ({ $id }) · Partner Center migration plan
org-back = ← Migration plan
org-lede = <strong>{ $accounts }</strong> { $accounts_n ->
        [one] account
       *[other] accounts
    } ({ $admins } { $admins_n ->
        [one] admin
       *[other] admins
    }, { $employees } { $employees_n ->
        [one] employee
       *[other] employees
    }) · cutover <strong>{ $as_of }</strong>
org-apply-refused = The counts below are what apply would do; credential files listed are from earlier runs.
org-apply-sub = Temporary passwords are only in the credential files below (mode 0600{ $bulk ->
        [true] { "" }
       *[false] , and in the sign-on emails
    }), never in this report. Paths are relative to the output folder.
org-where-credentials = Where the credentials are
org-sealed-note = Encrypted with age to the keys given to --encrypt-to: open each with the matching identity file.
org-membership-h2 = Membership dates
org-membership-sub = The Partner Center membership starts on the cutover date (R1) and ends one year after the PMC membership ends (R2){ $expired ->
        [true] , or one year after the cutover when the PMC membership has already expired (R4)
       *[false] { "" }
    }.
org-pc-membership = Partner Center membership
org-timeline = Membership timeline
org-lane-title = { $lane ->
        [pmc] PMC membership
        [pc] Partner Center
       *[overlap] Both systems
    }: { $start } to { $end }
org-lane = { $lane ->
        [pmc] PMC membership
        [pc] Partner Center
       *[overlap] Both systems
    }
org-lane-none = none: expired (R4)
org-cutover-label = cutover { $date }
org-notes = Notes
org-renewed-in-pmc = Renewed in PMC:
org-pc-end-note = { $expired ->
        [true] One year after the cutover (R4)
       *[false] One year after the PMC end date (R2)
    }
org-both-overlap = Both systems (overlap)
org-no-overlap = No overlap: the PMC membership had ended (R4)
org-overlap-days = <strong>{ $days }</strong> days, both ends included (R3)
org-note-r4 = <strong>R4 · Expired membership.</strong> The PMC membership ended on { $pmc_end }, before the cutover: there is no overlap, and the new Partner Center membership ends one year after the cutover ({ $pc_end }).
org-note-r3 = <strong>R3 · Both systems until { $pmc_end }.</strong> Until the current PMC membership ends the organisation can still review its PMC benefits{ $renewed ->
        [true] , even though it already renewed in PMC: the renewed flag changes no date
       *[false] ; renewing in PMC would change no date
    }.
org-accounts-sub = { $accounts } { $accounts_n ->
        [one] account
       *[other] accounts
    } in the <span class="mono">{ $tenant }</span> tenant. { $bulk ->
        [true] Created in bulk with “Add users using PMC data”: Partner Center emails each person their sign-on info.
       *[false] Created one by one with “Add new user”: the admin sends each person their username and temporary password directly.
    } Temporary passwords are good for 90 days (R7). Action: <em>create</em> a new account, <em>keep</em> one already issued, or <em>reissue</em> a new temporary password.
org-name = Name
org-role = Role
org-tasks = Tasks (R8)
org-action = Action
org-nobody = Nobody to migrate: the employee export has no one in this organisation.
org-next-h2 = Next steps
org-step-enrol = <strong>Re-enrol</strong> on { $as_of }; the Partner Center membership runs until { $pc_end }.
org-step-admin = <strong>The admin adds the employees</strong> (R5){ $any ->
        [true] : { $admins }
       *[false] { "" }
    }.
org-step-bulk = <strong>Set up your team › Add users using PMC data</strong> (R6): Partner Center emails each user their sign-on info.
org-step-individual = <strong>Add new user</strong> for each account (R6), then send each user their username and temporary password directly.
org-step-expiry = <strong>By { $date }</strong> everyone signs in; remove and re-add anyone who has not (R7). Set up self-service password reset and its security question types (R8).
org-step-employee = <strong>Each employee</strong> gets their sign-in info, connects Partner University, associates exams and certifications, and may set up password-reset self-service (R8). Competency progress shows in <span class="ui">Partnership › Competencies</span> 24 hours later (R9).
org-back-bottom = ← Back to the migration plan

## orgs/index.html

orgs-title = All organisations · Partner Center migration plan · cutover { $as_of }
orgs-eyebrow = organisations
orgs-h1 = All organisations
orgs-lede = <strong>{ $total }</strong> organisation { $total_n ->
        [one] page
       *[other] pages
    } · cutover <strong>{ $as_of }</strong>
orgs-h2 = Organisation pages
orgs-sub = Every planned organisation, in the order of the migration plan. Each page has the membership dates and every account; the whole plan is in <a href="../plan.json">plan.json</a>.
orgs-col-org = Organisation · MPN ID
