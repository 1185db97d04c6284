"""A real SMTP server on 127.0.0.1 for the integration suite: every message it receives is
kept as one ``.eml`` file, and nothing is passed on.

    python tests/integration/smtp_sink.py --port 8025 --dir var/ci/mail --pidfile var/ci/smtp.pid

Each file holds the message's bytes exactly as the client sent them (after SMTP's dot
unstuffing), preceded by two header lines with the envelope: ``X-Sink-Mail-From`` and
``X-Sink-Rcpt-To`` (comma-separated), so ``email.message_from_bytes`` reads the whole file.
A file appears complete or not at all (written under a temporary name, then renamed), and
only after that does the client get its ``250``, so a message the client saw accepted is on
disk. Runs in the foreground until SIGTERM or SIGINT; ``.ci/run`` starts it in the
background and ``real_services.smtp_sink_stopped()`` stops and starts it.
"""

import argparse
import itertools
import os
import signal
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class Sink:
    """aiosmtpd handler that writes each message to ``directory``."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.counter = itertools.count()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        envelope_headers = (
            f"X-Sink-Mail-From: {envelope.mail_from}\r\n"
            f"X-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        name = f"{time.time_ns()}-{os.getpid()}-{next(self.counter):06d}"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(envelope_headers + envelope.original_content)
        os.replace(partial, self.directory / f"{name}.eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", required=True, help="where the .eml files go (created if missing)")
    parser.add_argument("--pidfile", help="write this process's id here; removed on exit")
    args = parser.parse_args()

    Path(args.dir).mkdir(parents=True, exist_ok=True)
    controller = Controller(Sink(args.dir), hostname=args.host, port=args.port, enable_SMTPUTF8=True)
    controller.start()  # returns once the port answers
    if args.pidfile:
        Path(args.pidfile).write_text(f"{os.getpid()}\n")
    print(f"SMTP sink on {args.host}:{args.port}, writing to {args.dir}", flush=True)

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        controller.stop()
        if args.pidfile and Path(args.pidfile).read_text().strip() == str(os.getpid()):
            Path(args.pidfile).unlink()


if __name__ == "__main__":
    main()
