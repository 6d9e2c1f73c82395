//! The one tera instance: every template the tool renders, compiled into the
//! binary (so output renders from any folder) and parsed once per process.
//!
//! Autoescaping is on for the pages (names ending `.html`/`.tera`, and
//! `style.css` has no values) and no template marks a value safe but one:
//! an organisation page's account rows, escaped in Rust by `rows` (with
//! tera's own rules) so that no account costs a JSON value. The sign-on
//! email body is plain text, so it is registered under a name autoescaping
//! does not match: `&` in an organisation's name stays `&` in the email.

use crate::core::model::Lang;
use crate::report::l10n;
use serde::Serialize;
use std::collections::HashMap;
use std::io;
use std::sync::OnceLock;
use tera::{Context, Tera, Value};

/// The report's front page.
pub(crate) const INDEX: &str = "index.html.tera";
/// One organisation's page.
pub(crate) const ORG: &str = "org.html.tera";
/// The team's state after cutover.
pub(crate) const STATUS: &str = "status.html.tera";
/// `orgs/index.html`: every organisation page, when the index caps its table.
pub(crate) const ORGS: &str = "orgs.html.tera";
/// The stylesheet: inline in index.html and status.html, and one file in
/// `orgs/` that the pages there link.
pub(crate) const STYLESHEET: &str = include_str!("../../../templates/style.css");
/// The body of a sign-on email (plain text).
const MAIL: &str = "signon.eml";
/// A checklist alone, rendered once per language for every organisation page.
pub(crate) const CHECKLIST: &str = "checklist.html.tera";

/// Every template, by the name tera knows it under.
const TEMPLATES: [(&str, &str); 10] = [
    ("style.css", STYLESHEET),
    ("macros.html.tera", include_str!("../../../templates/macros.html.tera")),
    ("base.html.tera", include_str!("../../../templates/base.html.tera")),
    ("orgs-base.html.tera", include_str!("../../../templates/orgs-base.html.tera")),
    (INDEX, include_str!("../../../templates/index.html.tera")),
    (ORG, include_str!("../../../templates/org.html.tera")),
    (STATUS, include_str!("../../../templates/status.html.tera")),
    (ORGS, include_str!("../../../templates/orgs.html.tera")),
    (CHECKLIST, "{% import \"macros.html.tera\" as m %}{{ m::checklist(c=c) }}"),
    (MAIL, include_str!("../../../templates/signon.eml.tera")),
];

/// Names autoescaping applies to.
const ESCAPED: [&str; 2] = [".html", ".tera"];

/// Render the page template `name` (one of [`INDEX`], [`ORG`], [`STATUS`], [`ORGS`])
/// with `view`, escaped.
pub(crate) fn render_page<T: Serialize>(name: &str, view: &T) -> io::Result<String> {
    let mut out = Vec::new();
    render_page_into(name, view, &mut out)?;
    String::from_utf8(out).map_err(io::Error::other)
}

/// [`render_page`] into `out` (cleared first): a buffer reused from page to
/// page, so that a run of organisation pages allocates (and the kernel
/// zeroes) no fresh output memory per page, and no bytes are checked again as
/// UTF-8 only to be written to a file.
pub(crate) fn render_page_into<T: Serialize>(name: &str, view: &T, out: &mut Vec<u8>) -> io::Result<()> {
    let tera = templates().map_err(|e| io::Error::other(format!("report templates: {e}")))?;
    let context = Context::from_serialize(view).map_err(|e| io::Error::other(chain(&e)))?;
    out.clear();
    tera.render_to(name, &context, &mut *out).map_err(|e| io::Error::other(format!("rendering {name}: {}", chain(&e))))
}

/// Render a sign-on email's body from `context`, unescaped (plain text; its
/// header lines are built apart, by the outbox).
pub(crate) fn render_mail(context: &Context) -> Result<String, tera::Error> {
    let tera = templates().map_err(|e| tera::Error::msg(format!("templates: {e}")))?;
    tera.render(MAIL, context)
}

/// `t(k="id", l=run.tag, name=value, …)`: the pages' message `id` of
/// locales/<l>/pages.ftl. Messages are HTML written by us (they may hold
/// `<strong>`, `<code>`, links), so the result is not escaped again; every
/// value is escaped here. A count (`{n, fmt}`) is shown as `fmt` and chosen
/// on as `name_n`; a number is both; `true`/`false` choose `[true]`/`[false]`.
struct Translate;

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let id = args.get("k").and_then(Value::as_str).ok_or("t() needs k=\"message id\"")?;
        let lang = args.get("l").and_then(Value::as_str).and_then(Lang::parse).unwrap_or(Lang::En);
        let mut strings: Vec<(String, String)> = Vec::with_capacity(args.len());
        let mut numbers: Vec<(String, f64)> = Vec::new();
        for (name, value) in args.iter().filter(|(name, _)| *name != "k" && *name != "l") {
            let number =
                |v: &Value| v.as_f64().ok_or_else(|| tera::Error::msg(format!("{id}: {name} is not a number")));
            match value {
                Value::Object(o) if o.contains_key("fmt") => {
                    strings.push((name.clone(), tera::escape_html(o["fmt"].as_str().unwrap_or(""))));
                    numbers.push((format!("{name}_n"), number(&o["n"])?));
                }
                Value::Number(_) => {
                    strings.push((name.clone(), value.to_string()));
                    numbers.push((format!("{name}_n"), number(value)?));
                }
                Value::String(v) => strings.push((name.clone(), tera::escape_html(v))),
                Value::Bool(b) => strings.push((name.clone(), b.to_string())),
                Value::Null => strings.push((name.clone(), String::new())),
                _ => return Err(tera::Error::msg(format!("{id}: {name} is neither text nor a number"))),
            }
        }
        let strings: Vec<(&str, &str)> = strings.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let numbers: Vec<(&str, f64)> = numbers.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        Ok(Value::String(l10n::text_n(lang, id, &strings, &numbers)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The compiled templates, built once per process.
fn templates() -> Result<&'static Tera, &'static str> {
    static TERA: OnceLock<Result<Tera, String>> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::default();
        tera.autoescape_on(ESCAPED.to_vec());
        tera.register_function("t", Translate);
        tera.add_raw_templates(TEMPLATES).map_err(|e| chain(&e))?;
        Ok(tera)
    })
    .as_ref()
    .map_err(String::as_str)
}

/// A tera error with its causes (tera puts the useful part in `source`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_compile_with_autoescaping() {
        let tera = templates().expect("templates parse");
        let names: Vec<&str> = tera.get_template_names().collect();
        for (name, _) in TEMPLATES {
            assert!(names.contains(&name), "{name} registered");
        }
        let mut t = Tera::default();
        t.autoescape_on(ESCAPED.to_vec());
        t.add_raw_template("x.html.tera", "{{ v }}").unwrap();
        let mut c = Context::new();
        c.insert("v", "<script>\"");
        assert_eq!(t.render("x.html.tera", &c).unwrap(), "&lt;script&gt;&quot;");
    }

    #[test]
    fn pages_are_escaped_and_the_mail_is_not() {
        for (name, _) in TEMPLATES {
            let escaped = ESCAPED.iter().any(|suffix| name.ends_with(suffix));
            assert_eq!(escaped, name != MAIL && name != "style.css", "{name}");
        }
        let mut c = Context::new();
        for key in ["greeting", "added", "info", "deadline", "then", "progress", "delete"] {
            c.insert(key, "O'Brien & <Co>,");
        }
        c.insert("fields", &[serde_json::json!({"label": "<b>", "pad": " ", "value": "a&b"})]);
        c.insert("steps", &["x < y"]);
        let body = render_mail(&c).unwrap();
        assert!(body.contains("  <b> a&b\n") && body.contains("  1. x < y\n"), "{body}");
        assert!(body.starts_with("O'Brien & <Co>,\n"), "{body}");
    }

    #[test]
    fn no_template_marks_a_value_safe_or_loads_anything() {
        for (name, text) in TEMPLATES {
            // The exceptions: the rows escaped by `rows::account_rows` (tested
            // there), the checklist that tera itself rendered and escaped, and
            // status.html's addresses escaped by `rows::breakable` (tested there).
            let text = if name == ORG {
                text.replacen("{{ account_rows | safe }}", "", 1).replacen("{{ employee_checklist | safe }}", "", 1)
            } else if name == STATUS {
                ["r.username", "r.email", "e.username", "e.email"]
                    .iter()
                    .fold(text.to_string(), |t, v| t.replace(&format!("{{{{ {v} | safe }}}}"), ""))
            } else {
                text.to_string()
            };
            assert!(!text.contains("| safe") && !text.contains("|safe"), "{name} uses safe");
            assert!(!text.contains("http:") && !text.contains("https:"), "{name} names a URL");
            assert!(!text.contains("<script"), "{name} has a script");
            assert!(!text.contains("url("), "{name} loads a resource from CSS");
        }
    }
}
