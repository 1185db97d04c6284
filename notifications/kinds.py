"""The kinds of reminder: what each is about, when it is due, what it says and where it
leads. A person unsubscribes from each kind separately.

Kinds register here from an app's ``AppConfig.ready()`` (the notifications app's own are
in ``notifications.reminders``), so the sweep, the bell, the emails and the preferences
page handle a new kind without an edit to them. ``Reminder.kind`` takes its choices from
here; the (person, kind, subject) unique constraint keeps each reminder to one, whatever
the kind.
"""

from collections.abc import Callable
from dataclasses import dataclass

from lms.registry import RegistrationError, Registry

# Reminder.kind and EmailOptOut.kind are this long.
CODE_LENGTH = 16


@dataclass(frozen=True)
class Trigger:
    """One way a reminder of a kind falls due (a deadline reminder has two: three days and
    one day before). The sweep splits ``model``'s table into primary-key ranges, one task
    each, and leaves out the subjects already reminded of."""

    name: str  # unique among all kinds: the sweep's tasks carry it
    model: type  # the source table (enrolments, webinar registrations...)
    due: Callable  # due(now) -> queryset of ``model`` annotated with ``user_id`` and ``subject``
    fields: tuple = ()  # values of each row kept in ``Reminder.params`` for the message


@dataclass(frozen=True)
class ReminderKind:
    code: str  # stored in Reminder.kind
    label: str  # what the person ticks on the email settings page
    triggers: tuple  # of Trigger
    message: Callable  # message(reminder) -> (headline, sentence) in the active language
    link: Callable  # link(reminder) -> the address the reminder opens
    # False: the bell only, no email, and not on the email settings page (the news went by
    # email from elsewhere already, as the certificate does).
    email: bool = True
    # concerns(user) -> whether the kind can reach this person at all; the others do not see
    # it on their email settings page. None: everyone.
    concerns: Callable | None = None


KINDS = Registry("reminder kind", max_length=CODE_LENGTH)
unregister, get, registered, codes = KINDS.unregister, KINDS.get, KINDS.registered, KINDS.codes


def register(kind):
    """Add ``kind``; a second kind with the same code or trigger name is a mistake."""
    taken = {trigger.name for other in KINDS.registered() for trigger in other.triggers}
    clashing = taken & {trigger.name for trigger in kind.triggers}
    if clashing:
        raise RegistrationError(f"Trigger names {sorted(clashing)} are registered already.")
    return KINDS.register(kind)


def choices():
    """(code, label) of every kind: the choices of ``Reminder.kind``."""
    return KINDS.choices()


def emailed(user=None):
    """The kinds that are emailed as well as shown in the bell (those that concern ``user``)."""
    return [kind for kind in KINDS.registered()
            if kind.email and (user is None or kind.concerns is None or kind.concerns(user))]


def email_choices(user=None):
    """(code, label) of the kinds ``user`` may have emailed: her email settings' choices."""
    return [(kind.code, kind.label) for kind in emailed(user)]


def trigger(name):
    """(kind, trigger) of the trigger called ``name``; KeyError if there is none."""
    for kind in KINDS.registered():
        for candidate in kind.triggers:
            if candidate.name == name:
                return kind, candidate
    raise KeyError(name)


def triggers():
    """(kind, trigger) of every trigger of every kind."""
    return [(kind, candidate) for kind in KINDS.registered() for candidate in kind.triggers]
