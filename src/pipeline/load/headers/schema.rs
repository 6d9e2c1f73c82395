//! Column schemas (design §3): each column with the headers it is known by,
//! in English, in Traditional Chinese (the terms of Microsoft's zh-TW guide)
//! and, where they differ, in Simplified Chinese and Japanese (design §9).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    /// At least one column of this group must be present (first/last name).
    OneOf,
}

#[derive(Debug)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub need: Need,
}

const fn col(name: &'static str, aliases: &'static [&'static str], need: Need) -> ColumnSpec {
    ColumnSpec { name, aliases, need }
}

/// Both PMC exports name the organisation's id alike.
const MPN_ID_ALIASES: &[&str] = &[
    "MPN ID",
    "Partner ID",
    "PartnerId",
    "合作夥伴識別碼",
    "MPN 識別碼",
    "合作夥伴 ID",
    "合作伙伴识别码",
    "MPN 标识",
    "合作伙伴 ID",
    "パートナー ID",
];

/// Column positions inside [`MEMBERSHIPS`].
pub(crate) mod m {
    pub(crate) const MPN_ID: usize = 0;
    pub(crate) const ORGANIZATION: usize = 1;
    pub(crate) const MEMBERSHIP: usize = 2;
    pub(crate) const START_DATE: usize = 3;
    pub(crate) const END_DATE: usize = 4;
    pub(crate) const RENEWED: usize = 5;
    pub(crate) const TENANT_DOMAIN: usize = 6;
    pub(crate) const COUNTRY: usize = 7;
}

pub static MEMBERSHIPS: [ColumnSpec; 8] = [
    col("mpn_id", MPN_ID_ALIASES, Need::Required),
    col(
        "organization",
        &[
            "Organization Name",
            "Company Name",
            "Company",
            "組織名稱",
            "公司名稱",
            "組織",
            "公司",
            "组织名称",
            "组织",
            "組織名",
            "会社名",
        ],
        Need::Required,
    ),
    col(
        "membership",
        &[
            "Membership Level",
            "Membership Type",
            "Level",
            "會員資格",
            "會員資格等級",
            "會員等級",
            "会员资格",
            "会员级别",
            "メンバーシップ",
            "メンバーシップ レベル",
        ],
        Need::Required,
    ),
    col(
        "start_date",
        &["Membership Start", "Start", "開始日期", "會員資格開始日期", "开始日期", "开始日", "開始日"],
        Need::Required,
    ),
    col(
        "end_date",
        &[
            "Membership End",
            "End",
            "Expiration Date",
            "結束日期",
            "會員資格結束日期",
            "到期日",
            "结束日期",
            "到期日期",
            "終了日",
            "有効期限",
        ],
        Need::Required,
    ),
    col(
        "renewed",
        &["Renewed", "Auto Renew", "已續約", "自動續約", "已续约", "自动续约", "更新済み", "自動更新"],
        Need::Optional,
    ),
    col(
        "tenant_domain",
        &[
            "Domain",
            "Tenant",
            "Partner Center Domain",
            "網域",
            "租用戶",
            "合作夥伴中心網域",
            "域名",
            "租户",
            "合作伙伴中心域名",
            "ドメイン",
            "テナント",
        ],
        Need::Required,
    ),
    col(
        "country",
        &["Country", "Country Code", "國家/地區", "國家", "国家/地区", "国家", "国/地域", "国"],
        Need::Optional,
    ),
];

/// Column positions inside [`EMPLOYEES`].
pub(crate) mod e {
    pub(crate) const MPN_ID: usize = 0;
    pub(crate) const FIRST_NAME: usize = 1;
    pub(crate) const LAST_NAME: usize = 2;
    pub(crate) const EMAIL: usize = 3;
    pub(crate) const ROLE: usize = 4;
    pub(crate) const JOB_TITLE: usize = 5;
    pub(crate) const PARTNER_UNIVERSITY_ID: usize = 6;
    pub(crate) const EXAMS: usize = 7;
    pub(crate) const CERTIFICATIONS: usize = 8;
    pub(crate) const LANGUAGE: usize = 9;
}

pub static EMPLOYEES: [ColumnSpec; 10] = [
    col("mpn_id", MPN_ID_ALIASES, Need::Required),
    col("first_name", &["First Name", "Given Name", "名字", "名"], Need::OneOf),
    col("last_name", &["Last Name", "Surname", "Family Name", "姓氏", "姓"], Need::OneOf),
    col(
        "email",
        &[
            "Email",
            "Email Address",
            "Work Email",
            "電子郵件",
            "電子郵件地址",
            "电子邮件",
            "电子邮件地址",
            "邮箱",
            "メール",
            "メール アドレス",
            "電子メール",
            "電子メール アドレス",
        ],
        Need::Required,
    ),
    col("role", &["Role", "User Role", "角色", "使用者角色", "用户角色", "ロール", "役割"], Need::Optional),
    col("job_title", &["Job Title", "Title", "職稱", "职务", "职位", "役職"], Need::Optional),
    col(
        "partner_university_id",
        &["Partner University ID", "PU ID", "合作夥伴大學識別碼", "合作伙伴大学 ID", "パートナー ユニバーシティ ID"],
        Need::Optional,
    ),
    col("exams", &["Exams", "Exam Codes", "測驗", "考试", "試験"], Need::Optional),
    col("certifications", &["Certifications", "Certs", "認證", "认证", "認定資格", "認定"], Need::Optional),
    col("language", &["Language", "Preferred Language", "Locale", "語言", "慣用語言", "语言", "言語"], Need::Optional),
];

/// Column positions inside [`STATUS`].
pub(crate) mod s {
    pub(crate) const USERNAME: usize = 0;
    pub(crate) const SIGNED_IN: usize = 1;
    pub(crate) const PU_CONNECTED: usize = 2;
    pub(crate) const ASSOCIATED_AT: usize = 3;
}

pub(crate) static STATUS: [ColumnSpec; 4] = [
    col("username", &["User Name", "User Principal Name", "UPN", "使用者名稱", "用户名", "ユーザー名"], Need::Required),
    col("signed_in", &["Signed In", "Has Signed In", "已登入", "已登录", "サインイン済み"], Need::Required),
    col(
        "pu_connected",
        &[
            "PU Connected",
            "Partner University Connected",
            "已連接合作夥伴大學",
            "已连接合作伙伴大学",
            "パートナー ユニバーシティ接続済み",
        ],
        Need::Optional,
    ),
    col(
        "associated_at",
        &["Associated At", "Associated", "關聯時間", "已建立關聯", "关联时间", "関連付け日時"],
        Need::Optional,
    ),
];

/// Which file field holds each schema column.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    /// `fields[i]` = the 0-based field index of schema column `i`.
    pub fields: Vec<Option<usize>>,
    /// Header names (as written) of the file's columns, for messages.
    pub names: Vec<String>,
    /// Headers that match no column, or a column already matched (first one wins).
    pub ignored: Vec<String>,
    /// Every required column was found: the file's rows can be used.
    pub usable: bool,
    /// The other export whose schema this header fits instead (the files look swapped).
    pub looks_like: Option<Export>,
    /// Headers read as a column under another name (`電子郵件地址` → `email`),
    /// for the load summary.
    pub renamed: Vec<(String, &'static str)>,
}

/// The three exports the tool reads, for hints when one is given for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Memberships,
    Employees,
    Status,
}

impl Export {
    pub(super) const ALL: [Export; 3] = [Export::Memberships, Export::Employees, Export::Status];

    pub fn schema(self) -> &'static [ColumnSpec] {
        match self {
            Export::Memberships => &MEMBERSHIPS,
            Export::Employees => &EMPLOYEES,
            Export::Status => &STATUS,
        }
    }

    /// Which export `schema` is (by identity: the schemas are statics).
    pub fn of(schema: &[ColumnSpec]) -> Option<Export> {
        Export::ALL.into_iter().find(|e| std::ptr::eq(e.schema(), schema))
    }

    /// "a membership export", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Export::Memberships => "a PMC membership export",
            Export::Employees => "a PMC employee export",
            Export::Status => "a Partner Center team-status export",
        }
    }

    pub fn flag(self) -> &'static str {
        match self {
            Export::Memberships => "--memberships",
            Export::Employees => "--employees",
            Export::Status => "--status",
        }
    }
}

impl HeaderMap {
    /// The 1-based column number of schema column `i` (1 if absent).
    pub fn column_number(&self, i: usize) -> u32 {
        self.fields[i].map_or(1, |f| f as u32 + 1)
    }

    pub fn header_name(&self, i: usize, schema: &[ColumnSpec]) -> String {
        self.fields[i].map_or_else(|| schema[i].name.to_string(), |f| self.names[f].clone())
    }
}
