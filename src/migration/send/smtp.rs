//! The mail server `send` talks to: its address (`smtp://` with STARTTLS
//! required, `smtps://` with TLS from the first byte, plaintext only to a
//! loopback address when asked), the certificates it is trusted by, and the
//! credentials from the environment (never the command line, where `ps` and
//! shell history would show them).

use super::error::SendError;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use std::net::{IpAddr, ToSocketAddrs};
use std::path::Path;
use std::time::Duration;

/// The environment variables `send` reads its credentials from.
pub(crate) const USER_VAR: &str = "PMC_SMTP_USER";
pub(crate) const PASSWORD_VAR: &str = "PMC_SMTP_PASSWORD";
pub(crate) const TOKEN_VAR: &str = "PMC_SMTP_OAUTH_TOKEN";

/// How long one read or write on the connection may wait.
const TIMEOUT: Duration = Duration::from_secs(60);

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Security {
    /// `smtp://`: plaintext greeting, then STARTTLS, refused if the server lacks it.
    StartTls,
    /// `smtps://`: TLS from the start (port 465).
    Tls,
    /// `smtp://` with `--allow-plaintext`, to a loopback address only.
    Plain,
}

/// A server to deliver to, ready to connect.
pub(crate) struct Server {
    pub host: String,
    pub port: u16,
    pub security: Security,
    tls: Option<TlsParameters>,
    auth: Option<(Credentials, Vec<Mechanism>)>,
}

/// What the user gave: the URL, whether plaintext is allowed, a CA file.
pub(crate) struct ServerArgs<'a> {
    pub url: &'a str,
    pub allow_plaintext: bool,
    pub ca: Option<&'a Path>,
}

impl Server {
    /// Read the URL, the CA file and the credentials; refuse plaintext to
    /// anything but a loopback address.
    pub(crate) fn new(args: &ServerArgs<'_>, env: impl Fn(&str) -> Option<String>) -> Result<Server, SendError> {
        let (security, rest) = if let Some(rest) = args.url.strip_prefix("smtp://") {
            (if args.allow_plaintext { Security::Plain } else { Security::StartTls }, rest)
        } else if let Some(rest) = args.url.strip_prefix("smtps://") {
            (Security::Tls, rest)
        } else {
            return Err(SendError::Url(args.url.to_string(), "it must start with smtp:// or smtps://"));
        };
        let (host, port) = host_port(rest.trim_end_matches('/'))
            .ok_or_else(|| SendError::Url(args.url.to_string(), "expected smtp://HOST:PORT"))?;
        let port = port.unwrap_or(if security == Security::Tls { 465 } else { 587 });
        if security == Security::Plain && !is_loopback(&host, port) {
            return Err(SendError::PlaintextRemote(host));
        }
        let tls = match security {
            Security::Plain => None,
            _ => Some(tls_parameters(&host, args.ca)?),
        };
        let auth = credentials(&env)?;
        Ok(Server { host, port, security, tls, auth })
    }

    /// Connect, say EHLO, protect the connection as asked, authenticate.
    pub(crate) fn connect(&self) -> Result<SmtpConnection, lettre::transport::smtp::Error> {
        let hello = ClientId::default();
        let wrapper = if self.security == Security::Tls { self.tls.as_ref() } else { None };
        let mut conn = SmtpConnection::connect((self.host.as_str(), self.port), Some(TIMEOUT), &hello, wrapper, None)?;
        if self.security == Security::StartTls {
            conn.starttls(self.tls.as_ref().expect("STARTTLS has parameters"), &hello)?;
        }
        if let Some((credentials, mechanisms)) = &self.auth {
            conn.auth(mechanisms, credentials)?;
        }
        Ok(conn)
    }

    /// `host:port` as the messages name it.
    pub(crate) fn name(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`.
fn host_port(s: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match s.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (s, None),
        }
    };
    let bad = |c: char| c.is_whitespace() || c.is_control() || "/@?#".contains(c);
    if host.is_empty() || host.contains(bad) {
        return None;
    }
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|&p| p > 0)?),
        None => None,
    };
    Some((host.to_string(), port))
}

/// Every address `host` resolves to is a loopback one.
fn is_loopback(host: &str, port: u16) -> bool {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return ip.is_loopback();
    }
    match (host, port).to_socket_addrs() {
        Ok(addrs) => {
            let addrs: Vec<_> = addrs.collect();
            !addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback())
        }
        Err(_) => false,
    }
}

/// The system's roots (webpki's list), plus the CA in `ca` (PEM) if given.
fn tls_parameters(host: &str, ca: Option<&Path>) -> Result<TlsParameters, SendError> {
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(ca) = ca {
        let pem = std::fs::read(ca).map_err(|source| SendError::Read { path: ca.to_path_buf(), source })?;
        let cert =
            Certificate::from_pem(&pem).map_err(|e| SendError::Ca { path: ca.to_path_buf(), reason: e.to_string() })?;
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build_rustls()
        .map_err(|e| SendError::Ca { path: ca.unwrap_or(Path::new("")).into(), reason: e.to_string() })
}

/// A user with a password (PLAIN or LOGIN) or with an OAuth2 access token
/// (XOAUTH2); none when no user is set (a relay that needs no login).
fn credentials(env: &impl Fn(&str) -> Option<String>) -> Result<Option<(Credentials, Vec<Mechanism>)>, SendError> {
    let get = |name: &str| env(name).filter(|v| !v.is_empty());
    let (user, password, token) = (get(USER_VAR), get(PASSWORD_VAR), get(TOKEN_VAR));
    match (user, password, token) {
        (None, None, None) => Ok(None),
        (Some(_), Some(_), Some(_)) => Err(SendError::Credentials("set a password or a token, not both")),
        (Some(user), Some(password), None) => {
            Ok(Some((Credentials::new(user, password), vec![Mechanism::Plain, Mechanism::Login])))
        }
        (Some(user), None, Some(token)) => Ok(Some((Credentials::new(user, token), vec![Mechanism::Xoauth2]))),
        (Some(_), None, None) => Err(SendError::Credentials("the user has no password nor token")),
        (None, _, _) => Err(SendError::Credentials("a password or token needs its user")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(url: &str, plain: bool, env: &[(&str, &str)]) -> Result<Server, SendError> {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Server::new(&ServerArgs { url, allow_plaintext: plain, ca: None }, move |k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn urls_name_the_security_and_default_port() {
        let s = server("smtp://mail.example.com", false, &[]).unwrap();
        assert_eq!((s.port, s.security), (587, Security::StartTls));
        let s = server("smtps://mail.example.com/", false, &[]).unwrap();
        assert_eq!((s.port, s.security), (465, Security::Tls));
        let s = server("smtp://[::1]:2525", true, &[]).unwrap();
        assert_eq!((s.host.as_str(), s.port, s.security), ("::1", 2525, Security::Plain));
        assert!(server("http://x", false, &[]).is_err());
        assert!(server("smtp://x:0", false, &[]).is_err());
        assert!(server("smtp://u@x:25", false, &[]).is_err());
    }

    #[test]
    fn plaintext_only_to_loopback() {
        assert!(server("smtp://127.0.0.1:25", true, &[]).is_ok());
        assert!(matches!(server("smtp://192.0.2.1:25", true, &[]), Err(SendError::PlaintextRemote(_))));
    }

    #[test]
    fn credentials_come_in_pairs() {
        assert!(server("smtp://x", false, &[(USER_VAR, "u"), (PASSWORD_VAR, "p")]).unwrap().auth.is_some());
        let token = server("smtp://x", false, &[(USER_VAR, "u"), (TOKEN_VAR, "t")]).unwrap();
        assert_eq!(token.auth.unwrap().1, vec![Mechanism::Xoauth2]);
        assert!(server("smtp://x", false, &[(USER_VAR, "u")]).is_err());
        assert!(server("smtp://x", false, &[(PASSWORD_VAR, "p")]).is_err());
        assert!(server("smtp://x", false, &[(USER_VAR, "u"), (PASSWORD_VAR, "p"), (TOKEN_VAR, "t")]).is_err());
    }
}
