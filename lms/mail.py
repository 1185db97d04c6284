"""Sending email at most once, and again later only what surely did not go out.

The callers (certificate emails, reminders) mark a message sent in the database *before*
handing it to the mail server, so two runs at once send it once and a worker killed while
sending never sends it twice. ``deliver`` then tells them which messages the server surely
did not take, so they can take the mark back and try those again later:

* the connection could not be opened (refused, timed out, TLS or login failed): nothing
  of the batch went out;
* the server answered a message with a temporary refusal (a 4xx reply to the sender,
  the recipients or the data): that message did not go out;
* the connection broke while a message was being sent: whether *that* one arrived is
  unknown, so it stays marked (at most once); the ones after it were never tried.

A permanent refusal (5xx, e.g. an address that does not exist) stays marked: trying
again would be refused again.
"""

import logging
import smtplib
from dataclasses import dataclass, field

from django.core.mail import get_connection

logger = logging.getLogger(__name__)

# How a Celery task that could not send retries: 10 s, 20 s, 40 s... at most 10 minutes
# apart (far below Redis' one-hour visibility timeout), 10 times: about 50 minutes in all.
RETRY_FIRST_SECONDS = 10
RETRY_MAX_SECONDS = 600
MAX_RETRIES = 10


class MailNotSent(Exception):
    """The mail server did not take these messages; sending them again later sends each once."""


def retry_delay(retries):
    """Seconds to wait before retry number ``retries + 1``."""
    return min(RETRY_MAX_SECONDS, RETRY_FIRST_SECONDS * 2**retries)


@dataclass
class Delivery:
    """What became of each message handed to ``deliver``."""

    sent: list = field(default_factory=list)  # the server took them
    unsent: list = field(default_factory=list)  # surely not taken, for a reason that may pass
    failed: list = field(default_factory=list)  # refused for good, or in flight when the line broke
    error: Exception | None = None  # the last error, if any


def _temporary_refusal(error):
    """Whether ``error`` is the server's answer that it did not take the message *for now*."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(400 <= code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):  # sender refused, data refused...
        return 400 <= error.smtp_code < 500
    return False


def _answered(error):
    """Whether the server answered (the connection still works), rather than went away."""
    return isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException)


def deliver(messages, connection=None):
    """Send ``messages`` one after another over one connection; returns a ``Delivery``."""
    delivery = Delivery()
    if not messages:
        return delivery
    connection = connection or get_connection()
    try:
        connection.open()
    except Exception as error:  # nothing was handed over: every message can go again
        logger.warning("Mail server not reached, %d message(s) to send later: %r", len(messages), error)
        _close(connection)  # a half-opened one (TLS or login failed)
        return Delivery(unsent=list(messages), error=error)
    try:
        for index, message in enumerate(messages):
            try:
                taken = connection.send_messages([message])
            except Exception as error:
                delivery.error = error
                if _temporary_refusal(error):
                    delivery.unsent.append(message)
                    continue
                delivery.failed.append(message)
                if _answered(error):
                    logger.warning("Mail server refused a message to %s for good: %r", message.to, error)
                    continue
                rest = messages[index + 1:]
                logger.warning(
                    "Connection to the mail server lost while sending to %s (not sent again); "
                    "%d message(s) after it to send later: %r", message.to, len(rest), error,
                )
                delivery.unsent.extend(rest)
                break
            else:
                # A backend that says it sent nothing (a message without recipients) is not
                # asked again: it would say the same.
                (delivery.sent if taken else delivery.failed).append(message)
    finally:
        _close(connection)
    return delivery


def _close(connection):
    try:
        connection.close()
    except Exception as error:  # what was sent is sent; a failed QUIT changes nothing
        logger.warning("Closing the mail connection failed: %r", error)
