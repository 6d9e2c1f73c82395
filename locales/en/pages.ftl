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
