#!/usr/bin/env python3
"""Regenerate the dirty sample exports byte for byte.

The files hold bytes an editor would "fix" (a raw windows-1252 byte, CR LF
line ends, a quoted line break), so they are written from here rather than
edited by hand. Line numbers in EXPECTED.md depend on the rows below: after a
change, run `pmc-migrate validate ... --format json --as-of 2026-12-01` and
update EXPECTED.md.

Usage: python3 samples/dirty/make_dirty.py
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

# memberships.csv: semicolon-delimited with CR LF (a European spreadsheet's
# export), other aliases than the clean sample, one unknown column.
MEMBERSHIPS = [
    # 1
    "Partner ID;Organization Name;Membership Type;Start;Expiration Date;Renewed;Partner Center Domain;Country Code;Account Manager",
    # 2: a good organisation
    "1000001;Adatum Corporation;Gold;2026-01-01;2026-12-31;yes;adatum.com;US;Dana Reyes",
    # 3-4: a quoted line break in the name (the next record starts on line 5):
    # control-character, replaced by a space
    '1000002;"Tailspin Toys\r\nEurope";Silver;2026-04-01;2027-03-31;no;tailspintoys.com;GB;',
    # 5: unknown-membership-level
    "1000003;Woodgrove Bank;Platinum;2026-02-01;2027-01-31;no;woodgrovebank.com;US;",
    # 6: membership-expired
    "1000004;Litware Inc.;Silver;2025-05-01;2026-04-30;no;litware.com;CA;",
    # 7: invalid-mpn-id
    "12AB;Proseware;Gold;2026-01-01;2026-12-31;no;proseware.com;US;",
    # 8: missing-value (organisation name)
    "1000006;;Silver;2026-01-01;2026-12-31;no;wingtiptoys.com;US;",
    # 9: invalid-date (no 30 February)
    "1000007;Northwind Traders;Gold;2026-02-30;2027-02-28;no;northwindtraders.com;US;",
    # 10: ambiguous-date, start and end (no --date-order)
    "1000008;Alpine Ski House;Silver;3/25/2026;3/24/2027;no;alpineskihouse.com;AT;",
    # 11: date-order (a year typo: ends before it starts)
    "1000009;Coho Winery;Action Pack;2027-01-01;2026-12-31;no;cohowinery.com;US;",
    # 12: invalid-domain
    "1000010;Fourth Coffee;Gold;2026-01-01;2026-12-31;no;fourthcoffee;US;",
    # 13: invalid-value twice (renewed, country), org-without-employees
    "1000011;Relecloud;Network Member;2026-01-01;2026-12-31;maybe;relecloud.com;Germany;",
    # 14: exact-duplicate of line 2 (the ignored column differs: still identical)
    "1000001;Adatum Corporation;Gold;2026-01-01;2026-12-31;yes;adatum.com;US;",
    # 15-16: duplicate-organization (same MPN ID, other name and country)
    "1000012;Trey Research;Silver;2026-01-01;2026-12-31;no;treyresearch.net;US;",
    "1000012;Trey Research Ltd;Silver;2026-01-01;2026-12-31;no;treyresearch.net;GB;",
    # 17: org-without-admin (its two employees are not admins)
    "1000013;Graphic Design Institute;Gold;2026-03-01;2027-02-28;no;graphicdesigninstitute.com;US;",
    # 18: malformed-row (4 fields, the header has 9)
    "1000014;Bellows College;Silver;2026-01-01",
]

# employees.csv: comma-delimited, LF, UTF-8 except one raw windows-1252 byte.
EMPLOYEES = [
    # 1
    b"MPN ID,Given Name,Surname,Work Email,User Role,Title,Partner University ID,Exams,Certs",
    # 2: Adatum's admin
    b"1000001,Dana,Reyes,dana.reyes@adatum.com,Global Admin,IT Director,PU-1001,AZ-900;AZ-104,Microsoft Certified: Azure Administrator Associate",
    # 3-4: username-collision: jose.garcia@ and josé.garcía@ are two people, one username
    b"1000001,Jose,Garcia,jose.garcia@adatum.com,Employee,Sales,,MS-900,",
    "1000001,José,García,josé.garcía@adatum.com,Employee,Support,PU-1004,AZ-900,".encode("utf-8"),
    # 5: invalid-encoding: 0xE9 is "é" in windows-1252, not UTF-8
    b"1000001,Ren\xe9e,Martin,renee.martin@adatum.com,Employee,Marketing,,,",
    # 6-7: quoted line break in the title (control-character); invalid-exam-code AZ900 (line 6)
    b'1000001,Ian,Moss,ian.moss@adatum.com,Employee,"Cloud\nEngineer",,AZ-104;AZ900,',
    # 8: Kim, first row
    b"1000001,Kim,Yoshida,kim.yoshida@adatum.com,Employee,Analyst,,PL-300,",
    # 9: exact-duplicate of line 8
    b"1000001,Kim,Yoshida,kim.yoshida@adatum.com,Employee,Analyst,,PL-300,",
    # 10: conflicting-duplicate of line 8 (email case differs: same person)
    b"1000001,Kim,Yoshida,Kim.Yoshida@adatum.com,Employee,Senior Analyst,,DP-900,",
    # 11: invalid-email
    b"1000001,Omar,Haddad,omar.haddad,Employee,Developer,,,",
    # 12: missing-value (email)
    b"1000001,Lea,Vogel,,Employee,Developer,,,",
    # 13: missing-value (first and last name)
    b"1000001,,,nameless@adatum.com,Employee,,,,",
    # 14: invalid-role
    b"1000001,Raj,Patel,raj.patel@adatum.com,Owner,Manager,,,",
    # 15: invalid-mpn-id
    b"12-34,Sam,Taylor,sam.taylor@adatum.com,Employee,,,,",
    # 16: unknown-organization
    b"9999999,Alex,Wong,alex.wong@example.com,Employee,,,,",
    # 17: malformed-row (3 fields, the header has 9)
    b"1000001,Pat,Kelly",
    # 18: Tailspin Toys' admin
    b"1000002,Oliver,Smith,oliver.smith@tailspintoys.com,Administrator,Managing Director,,AZ-900,",
    # 19: cross-org-employee: Dana is also in Adatum (line 2)
    b"1000002,Dana,Reyes,dana.reyes@adatum.com,Employee,Consultant,,,",
    # 20: Woodgrove Bank's admin
    b"1000003,Grace,Lin,grace.lin@woodgrovebank.com,admin,CISO,,SC-900,",
    # 21: Litware's admin
    b"1000004,Tom,Baker,tom.baker@litware.com,Administrator,IT Manager,,,",
    # 22-23: Graphic Design Institute: nobody is an admin
    b"1000013,Ava,Brown,ava.brown@graphicdesigninstitute.com,Employee,Designer,,,",
    b"1000013,Ben,Clark,ben.clark@graphicdesigninstitute.com,User,Illustrator,,,",
    # 24: Trey Research is left out (duplicate-organization): nothing more said here
    b"1000012,Eve,Adams,eve.adams@treyresearch.net,Administrator,Owner,,,",
    # 25: formula-like-value: a first name and a title a spreadsheet would run
    b"1000001,=1+2,Stone,max.stone@adatum.com,Employee,@Finance,,,",
    # 26: formula-like-value: an email (valid) starting with "-", and so its username
    b"1000001,Lou,Park,-lou.park@adatum.com,Employee,,,,",
    # 27: too-long: a 167-character surname, more than Entra's 64
    b"1000001,Hubert,Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeinde,hubert.wolfe@adatum.com,Employee,,,,",
]

# missing-column/employees.csv: "Mail" is no alias of email, so the file is unusable.
MISSING_COLUMN = [
    "Partner ID,First Name,Last Name,Mail,Role",
    "4471203,Megan,Bowen,megan.bowen@contoso.com,Global Admin",
    "4471203,Anna,Lee,anna.lee@contoso.com,Employee",
    "5120977,Émilie,Tremblay,emilie.tremblay@fabrikam.com,Administrator",
]


def main() -> None:
    (HERE / "memberships.csv").write_bytes(("\r\n".join(MEMBERSHIPS) + "\r\n").encode("utf-8"))
    (HERE / "employees.csv").write_bytes(b"\n".join(EMPLOYEES) + b"\n")
    folder = HERE / "missing-column"
    folder.mkdir(exist_ok=True)
    (folder / "employees.csv").write_bytes(("\n".join(MISSING_COLUMN) + "\n").encode("utf-8"))
    (folder / "memberships.csv").write_bytes((HERE.parent / "memberships.csv").read_bytes())


if __name__ == "__main__":
    main()
