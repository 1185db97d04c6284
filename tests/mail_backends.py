"""Email backends that fail the way a real mail server does, for the tests of retrying and
sending at most once (set ``settings.EMAIL_BACKEND = "tests.mail_backends.<name>"``).
Whatever they do take lands in ``django.core.mail.outbox``, as with the locmem backend."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusedConnection(BaseEmailBackend):
    """Nothing listens on the mail server's port."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()


class DropsConnection(LocmemBackend):
    """Takes ``taken`` messages, then the connection breaks while the next one is sent:
    whether that one arrived is unknown to the sender."""

    taken = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = 0

    def send_messages(self, messages):
        for message in messages:
            if self.count >= self.taken:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            self.count += 1
            super().send_messages([message])
        return len(messages)


class TemporarilyRefuses(LocmemBackend):
    """Answers every message with 451 (greylisting, a full queue): try again later."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"4.7.1 Try again later")


class UnknownRecipient(LocmemBackend):
    """Answers every message with 550: the address does not exist."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"5.1.1 No such user")})
