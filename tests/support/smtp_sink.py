#!/usr/bin/env python3
"""tests/support/smtp_sink.py — a local SMTP server for the email channel's tests.

Debian's python3-aiosmtpd on 127.0.0.1. Each message received is written to
DIR as N.eml (the bytes as received) and N.json (the envelope, and the
message as Python's own e-mail parser reads it: headers decoded per RFC 2047,
the body decoded from its transfer encoding), so a test checks the message
with an implementation independent of the one that wrote it. The SMTP
session, command by command, goes to DIR/server.log.

  smtp_sink.py --dir DIR [--port N] [--user U --password P] [--cert C --key K]

--cert/--key offer STARTTLS and then require it before MAIL (and AUTH);
--user/--password require AUTH (PLAIN or LOGIN). The script returns once the
server listens, printing "PID PORT"; the server runs on in the background
until it gets SIGTERM. Exits 77 (printing "aiosmtpd-missing") when
python3-aiosmtpd is not installed.
"""
import argparse
import json
import logging
import os
import signal
import socket
import ssl
import sys

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    print("aiosmtpd-missing")
    sys.exit(77)

import email
import email.policy


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": bool(getattr(session, "authenticated", False)),
            "headers": {k: str(v) for k, v in msg.items()},
            "content_type": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "body": msg.get_content(),
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 OK message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid > 0:  # wait until the child listens, then report it
        os.close(write_end)
        ready = os.read(read_end, 64).decode().strip()
        if not ready:
            print("smtp_sink: the server did not start; see " + os.path.join(args.dir, "server.log"))
            sys.exit(1)
        print(f"{pid} {ready}")
        sys.exit(0)

    os.close(read_end)
    os.setsid()
    log = open(os.path.join(args.dir, "server.log"), "a", buffering=1)
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    logging.basicConfig(level=logging.DEBUG, stream=log, format="%(asctime)s %(message)s")

    kwargs = {"auth_require_tls": bool(args.cert)}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and \
                auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
            return AuthResult(success=ok, handled=False)
        kwargs["authenticator"] = authenticate
        kwargs["auth_required"] = True
    port = args.port or free_port()
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    os.write(write_end, f"{port}\n".encode())
    os.close(write_end)

    def stop(signum, frame):
        controller.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
