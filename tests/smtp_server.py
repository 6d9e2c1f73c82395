#!/usr/bin/env python3
"""A real SMTP server for the `send` tests (aiosmtpd): STARTTLS (or TLS from
the first byte) with a throw-away certificate, AUTH PLAIN/LOGIN and XOAUTH2,
and each message it accepts written to a folder: NNN.eml (the bytes) and
NNN.json (envelope sender, recipients, MAIL parameters), the JSON renamed
into place last, so a message counts once it is whole.

Usage: smtp_server.py --dir DIR --certs FOLDER [--port N]
    [--user U --password P | --token T] [--tls-wrap] [--plain]
    [--fail-451 ADDR]... [--fail-550 ADDR]...

--fail-451 ADDR answers 451 to the first RCPT of ADDR (per server process,
so every retry after it succeeds); --fail-550 ADDR refuses ADDR for good.
The certificates are made in FOLDER with the openssl command when it has
none yet: ca.pem (the authority the client is told to trust, --smtp-ca),
and cert.pem/key.pem for localhost and 127.0.0.1, signed by it (rustls
refuses a self-signed certificate used as the server's own).
Prints "ready PORT" on stdout once it listens. Runs until killed.
"""
import argparse
import base64
import json
import logging
import os
import ssl
import subprocess
import sys
import threading
import time
import warnings

# aiosmtpd's own warnings (a deprecated field, AUTH without TLS for --plain)
# are not the tests' business.
warnings.simplefilter("ignore")
logging.getLogger("mail.log").setLevel(logging.CRITICAL)

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, folder, fail_451, fail_550, token):
        self.folder = folder
        self.fail_451 = {a.lower() for a in fail_451}
        self.fail_550 = {a.lower() for a in fail_550}
        self.token = token
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.fail_550:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if key in self.fail_451:
            self.fail_451.discard(key)
            return "451 4.3.0 Temporary failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            name = "%d-%d" % (time.time_ns(), os.getpid())
            with open(os.path.join(self.folder, name + ".eml"), "wb") as f:
                f.write(envelope.original_content)
            meta = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "mail_options": envelope.mail_options,
                "authenticated": bool(session.authenticated),
                "tls": session.ssl is not None,
            }
            tmp = os.path.join(self.folder, "." + name + ".json")
            with open(tmp, "w") as f:
                json.dump(meta, f)
            os.rename(tmp, os.path.join(self.folder, name + ".json"))
        return "250 2.0.0 Ok: queued as " + name

    async def auth_XOAUTH2(self, server, args):
        """XOAUTH2 as Microsoft 365 takes it: base64 of user=U^Aauth=Bearer T^A^A."""
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        try:
            fields = base64.b64decode(args[1]).decode().split("\x01")
        except Exception:
            return AuthResult(success=False, handled=False)
        given = dict(f.split("=", 1) for f in fields if "=" in f)
        ok = self.token is not None and given.get("auth") == "Bearer " + self.token
        return AuthResult(success=ok, auth_data=given.get("user"), handled=False)


def make_certs(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    if os.path.exists(cert):
        return cert, key
    os.makedirs(folder, exist_ok=True)

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=pmc-migrate test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign")
    openssl("req", *ec, "-keyout", "key.pem", "-out", "leaf.csr", "-subj", "/CN=localhost")
    with open(os.path.join(folder, "leaf.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                "extendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "cert.pem", "-days", "2", "-extfile", "leaf.ext")
    return cert, key


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--certs", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--token")
    p.add_argument("--tls-wrap", action="store_true")
    p.add_argument("--plain", action="store_true")
    p.add_argument("--fail-451", action="append", default=[])
    p.add_argument("--fail-550", action="append", default=[])
    a = p.parse_args()

    handler = Recorder(a.dir, a.fail_451, a.fail_550, a.token)

    def authenticator(server, session, envelope, mechanism, auth_data):
        # handled=False: aiosmtpd then answers a failure with 535 itself.
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = auth_data.login.decode() == a.user and auth_data.password.decode() == a.password
        return AuthResult(success=ok, handled=False)

    context = None
    if not a.plain:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*make_certs(a.certs))

    class Server(Controller):
        def factory(self):
            return SMTP(
                self.handler,
                enable_SMTPUTF8=True,
                tls_context=None if (a.plain or a.tls_wrap) else context,
                require_starttls=not (a.plain or a.tls_wrap),
                authenticator=authenticator,
                auth_required=bool(a.user or a.token),
                auth_require_tls=not a.plain,
            )

    port = a.port
    if port == 0:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    controller = Server(
        handler,
        hostname="127.0.0.1",
        port=port,
        ssl_context=context if a.tls_wrap else None,
        ready_timeout=10,
    )
    controller.start()
    print("ready", port, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
