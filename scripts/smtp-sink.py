#!/usr/bin/env python3
"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, every received message
appended as one JSON line to a file.

    smtp-sink.py --port 0 --output messages.jsonl [--rcpt-reply transient|permanent]
                 [--refuse-ehlo] [--auth USER:PASSWORD] [--smtputf8]
                 [--refuse-rcpt ADDRESS]...

--refuse-rcpt answers 550 to RCPT TO of that address only (repeatable).
--smtputf8 offers SMTPUTF8 (RFC 6531) after EHLO: internationalised addresses are
accepted. Without it they are refused, as by a relay that does not support them.

Prints "READY <port>" once listening (port 0 picks a free one). Exits on SIGTERM,
SIGINT or when standard input closes.
"""
import argparse
import asyncio
import email
import email.policy
import json
import signal
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, output, rcpt_reply, refuse_ehlo, refused_recipients=()):
        self.refused_recipients = set(refused_recipients)
        self.output = output
        self.rcpt_reply = rcpt_reply
        self.refuse_ehlo = refuse_ehlo

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.refuse_ehlo:
            return ["502 5.5.1 EHLO not implemented"]
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply == "transient":
            return "451 4.3.0 Mailbox temporarily unavailable"
        if self.rcpt_reply == "permanent" or address in self.refused_recipients:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        structure = []
        defects = []
        if parsed.is_multipart():
            text = parsed.get_body(preferencelist=("plain",))
            body = text.get_content() if text is not None else ""
            for part in parsed.walk():
                defects += [str(defect) for defect in part.defects]
                structure.append(part.get_content_type())
                if part.is_multipart():
                    continue
                content = part.get_content()
                if isinstance(content, bytes):
                    content = content.decode("utf-8", errors="replace")
                parts.append({
                    "content_type": part.get_content_type(),
                    "charset": part.get_content_charset(),
                    "method": part.get_param("method"),
                    "filename": part.get_filename(),
                    "transfer_encoding": str(part["Content-Transfer-Encoding"]),
                    "content": content,
                })
        else:
            defects = [str(defect) for defect in parsed.defects]
            body = parsed.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "helo": session.host_name,
            "authenticated": bool(session.authenticated),
            "raw": raw.decode("utf-8", errors="replace"),
            "subject": str(parsed["Subject"]),
            "message_id": str(parsed["Message-ID"]),
            "from": str(parsed["From"]),
            "to": str(parsed["To"]),
            "date": str(parsed["Date"]),
            "transfer_encoding": str(parsed["Content-Transfer-Encoding"]),
            "body": body,
            "content_type": parsed.get_content_type(),
            "parts": parts,
            "structure": structure,
            "defects": defects,
        }
        with open(self.output, "a", encoding="utf-8") as file:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 Message accepted for delivery"


def authenticator_for(credentials):
    user, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        # handled=False: aiosmtpd then answers 535 itself (handled=True would answer nothing).
        return AuthResult(success=ok, handled=False)

    return authenticate


async def main():
    # Plain AUTH without TLS is what the tests want: no need to be warned about it.
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--output", required=True)
    parser.add_argument("--rcpt-reply", choices=["ok", "transient", "permanent"], default="ok")
    parser.add_argument("--refuse-ehlo", action="store_true")
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    parser.add_argument("--smtputf8", action="store_true")
    parser.add_argument("--refuse-rcpt", action="append", default=[])
    arguments = parser.parse_args()

    handler = Sink(arguments.output, arguments.rcpt_reply, arguments.refuse_ehlo, arguments.refuse_rcpt)
    options = {"enable_SMTPUTF8": arguments.smtputf8}
    if arguments.auth:
        options.update(
            authenticator=authenticator_for(arguments.auth),
            auth_require_tls=False,
            auth_required=True,
        )
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test", **options), host="127.0.0.1", port=arguments.port
    )
    stopped = asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stopped.set)

    def stdin_readable():
        if not sys.stdin.buffer.raw.read(4096):
            loop.remove_reader(sys.stdin.fileno())
            stopped.set()

    loop.add_reader(sys.stdin.fileno(), stdin_readable)
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    await stopped.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
