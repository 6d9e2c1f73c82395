#!/usr/bin/env python3
"""The checks of `pmc-migrate validate` (and, with --out, `plan`) in polars:
our own yardstick for scripts/bench.sh, run on the same inputs in the same run.

    python3 scripts/compare_polars.py --memberships M --employees E --as-of 2026-12-01 [--out DIR]

It reads both exports, checks MPN IDs, emails, roles, domains and dates,
finds duplicate organisations and people (same organisation and email after
trim, NFC and lower-casing), assigns usernames per tenant (design §5, with the
collision suffixes), plans the membership dates and, with --out, writes a
plan.json (one JSON object per account, NDJSON) and findings counts.

It does less than pmc-migrate, so its times are a floor for this approach,
not a like-for-like: no physical line numbers (row index only), ragged rows
truncated instead of reported, no per-finding messages, lower-casing instead
of full Unicode case folding, NFKD-and-drop instead of a transliteration
table, no HTML report, no encodings other than UTF-8, no bounds on fields.
Prints one summary line of counts on stdout.
"""

import argparse
import os
import sys

import polars as pl

# Header aliases of design §3 (normalised: lower case, no space, _, - or .).
ALIASES = {
    "mpn_id": ["mpnid", "partnerid"],
    "organization": ["organization", "organizationname", "companyname", "company"],
    "membership": ["membership", "membershiplevel", "membershiptype", "level"],
    "start_date": ["startdate", "membershipstart", "start"],
    "end_date": ["enddate", "membershipend", "end", "expirationdate"],
    "renewed": ["renewed", "autorenew"],
    "tenant_domain": ["tenantdomain", "domain", "tenant", "partnercenterdomain"],
    "country": ["country", "countrycode"],
    "first_name": ["firstname", "givenname"],
    "last_name": ["lastname", "surname", "familyname"],
    "email": ["email", "emailaddress", "workemail"],
    "role": ["role", "userrole"],
    "job_title": ["jobtitle", "title"],
    "partner_university_id": ["partneruniversityid", "puid"],
    "exams": ["exams", "examcodes"],
    "certifications": ["certifications", "certs"],
}
CANONICAL = {alias: name for name, aliases in ALIASES.items() for alias in aliases}

MPN_ID = r"^\d{4,10}$"
EMAIL = r"^[^@\s<>()\[\]\\,;:\"]{1,64}@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$"
DOMAIN = r"^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
ROLES = {"", "employee", "user", "member", "standarduser", "admin", "administrator", "globaladmin", "globaladministrator"}
ADMINS = ["admin", "administrator", "globaladmin", "globaladministrator"]


def sniff(path):
    with open(path, "rb") as f:
        first = f.readline(1 << 20)
    counts = {d: first.count(d.encode()) for d in [",", ";", "\t", "|"]}
    return max(counts, key=counts.get)


def read(path, columns):
    df = pl.read_csv(
        path,
        separator=sniff(path),
        infer_schema=False,
        encoding="utf8-lossy",
        truncate_ragged_lines=True,
        empty_string_is_null=False,
    )
    renames = {}
    for c in df.columns:
        key = "".join(ch for ch in c.lower() if ch not in " _-.\ufeff")
        name = CANONICAL.get(key)
        if name and name not in renames.values():
            renames[c] = name
    df = df.select(list(renames)).rename(renames)
    missing = [c for c in columns if c not in df.columns]
    for c in missing:
        df = df.with_columns(pl.lit("").alias(c))
    return df.with_row_index("row").with_columns(pl.col(pl.String).fill_null("").str.strip_chars()), missing


def date(col):
    return pl.coalesce(
        pl.col(col).str.to_date("%Y-%m-%d", strict=False), pl.col(col).str.to_date("%Y/%m/%d", strict=False)
    )


def sanitize(expr):
    """design §5's username rule, roughly: ASCII, lower case, runs of other characters → `.`."""
    ascii_ = expr.str.normalize("NFKD").str.replace_all(r"[^\x00-\x7F]", "")
    return ascii_.str.to_lowercase().str.replace_all(r"[^a-z0-9._-]+", ".").str.strip_chars(".")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--memberships", required=True)
    ap.add_argument("--employees", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--out")
    args = ap.parse_args()
    as_of = pl.lit(args.as_of).str.to_date()

    m, m_missing = read(args.memberships, ["mpn_id", "organization", "membership", "start_date", "end_date", "tenant_domain"])
    e, e_missing = read(args.employees, ["mpn_id", "first_name", "last_name", "email", "role", "partner_university_id", "exams", "certifications"])
    if m_missing or e_missing:
        print(f"missing columns: {m_missing + e_missing}")
        return 1

    # Memberships: ids, dates, domains; then duplicate MPN IDs with different data.
    m = m.with_columns(start=date("start_date"), end=date("end_date")).with_columns(
        bad_id=~pl.col("mpn_id").str.contains(MPN_ID),
        bad_date=pl.col("start").is_null() | pl.col("end").is_null(),
        bad_order=pl.col("end") < pl.col("start"),
        bad_domain=~pl.col("tenant_domain").str.contains(DOMAIN) | (pl.col("tenant_domain").str.len_chars() > 48),
        missing=pl.any_horizontal([pl.col(c) == "" for c in ["mpn_id", "organization", "membership"]]),
    )
    m_errors = pl.col("bad_id") | pl.col("bad_date") | pl.col("bad_order").fill_null(False) | pl.col("bad_domain") | pl.col("missing")
    m = m.with_columns(error=m_errors)
    versions = m.group_by("mpn_id").agg(pl.struct("organization", "start_date", "end_date", "tenant_domain").n_unique().alias("versions"))
    m = m.join(versions, on="mpn_id").with_columns(conflict=pl.col("versions") > 1)
    orgs = m.filter(~pl.col("error") & ~pl.col("conflict")).unique("mpn_id", keep="first", maintain_order=True)
    orgs = orgs.with_columns(
        expired=pl.col("end") < as_of,
    ).with_columns(
        pc_start=as_of,
        pc_end=pl.when(pl.col("expired")).then(as_of).otherwise(pl.col("end")).dt.offset_by("1y"),
        overlap_days=pl.when(pl.col("expired")).then(0).otherwise((pl.col("end") - as_of).dt.total_days() + 1),
    )

    # Employees: values, known organisation, then dedup by (mpn_id, email key).
    role_key = pl.col("role").str.to_lowercase().str.replace_all(r"[ _.\-]", "")
    e = e.with_columns(
        key=pl.col("email").str.normalize("NFC").str.to_lowercase(),
        bad_id=~pl.col("mpn_id").str.contains(MPN_ID),
        bad_email=~pl.col("email").str.contains(EMAIL),
        bad_role=~role_key.is_in(list(ROLES)),
        admin=role_key.is_in(ADMINS),
        no_name=(pl.col("first_name") == "") & (pl.col("last_name") == ""),
        known=pl.col("mpn_id").is_in(orgs["mpn_id"].implode()),
    )
    e_ok = e.filter(~(pl.col("bad_id") | pl.col("bad_email") | pl.col("bad_role") | pl.col("no_name")) & pl.col("known"))
    exact = e_ok.select(pl.exclude("row")).is_duplicated()
    people = (
        e_ok.group_by("mpn_id", "key", maintain_order=True)
        .agg(
            pl.col("row").first(),
            pl.col("first_name", "last_name", "email", "partner_university_id").first(),
            pl.col("admin").any(),
            pl.col("exams", "certifications").str.join(";"),
            pl.len().alias("rows"),
        )
        .sort("row")
        # Merged rows: the union of their exams and certifications.
        .with_columns(pl.col("exams", "certifications").str.split(";").list.unique(maintain_order=True).list.join(";"))
    )
    cross_org = people.group_by("key").agg(pl.len().alias("orgs")).filter(pl.col("orgs") > 1).height

    # Usernames per tenant, earliest row first, suffixes 2, 3, … on collision.
    local = pl.col("email").str.split("@").list.first().str.split("+").list.first()
    base = sanitize(local)
    base = pl.when(base != "").then(base).otherwise(sanitize(pl.col("first_name") + "." + pl.col("last_name")))
    base = pl.when(base != "").then(base).otherwise(pl.lit("user"))
    people = people.join(orgs.select("mpn_id", "tenant_domain", "pc_start", "pc_end"), on="mpn_id").sort("row")
    people = people.with_columns(base=base.str.slice(0, 64).str.strip_chars_end("."))
    people = people.with_columns(n=pl.col("base").cum_count().over("tenant_domain", "base"))
    suffix = pl.when(pl.col("n") > 1).then(pl.col("n").cast(pl.String)).otherwise(pl.lit(""))
    people = people.with_columns(
        username=pl.col("base").str.slice(0, 64 - suffix.str.len_chars()).str.strip_chars_end(".")
        + suffix
        + "@"
        + pl.col("tenant_domain"),
        password_expires=pl.col("pc_start").dt.offset_by("90d"),
    )
    collisions = people.filter(pl.col("n") > 1).height
    admins = people.group_by("mpn_id").agg(pl.col("admin").any())
    without_admin = admins.filter(~pl.col("admin")).height

    counts = {
        "organisations": orgs.height,
        "accounts": people.height,
        "membership errors": int(m["error"].sum() + m["conflict"].sum()),
        "employee errors": e.height - e_ok.height,
        "exact duplicates": int(exact.sum()),
        "merged duplicates": int((people["rows"] - 1).sum()),
        "cross-org": cross_org,
        "username collisions": collisions,
        "orgs without admin": without_admin,
    }
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        plan = people.select(
            "mpn_id",
            "username",
            "email",
            display_name=pl.concat_str("first_name", "last_name", separator=" ").str.strip_chars(),
            role=pl.when(pl.col("admin")).then(pl.lit("admin")).otherwise(pl.lit("employee")),
            pc_start=pl.col("pc_start").cast(pl.String),
            pc_end=pl.col("pc_end").cast(pl.String),
            password_expires=pl.col("password_expires").cast(pl.String),
            exams="exams",
            certifications="certifications",
        )
        plan.write_ndjson(os.path.join(args.out, "plan.json"))
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
