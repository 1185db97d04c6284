"""Keeping statements and sending them to the learning record store.

A statement is written in the transaction of what it records (an enrolment, a completion, a
test result, an attendance), so it exists exactly when the event does, and sent by a Celery
task every minute, in batches: one task a minute, not one an event, at union scale. The store
being slow or down delays nothing a learner does and loses nothing: rows wait until a send
succeeds. Each is sent at least once; the store knows a resent statement by its id."""

import logging

import requests
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import Statement
from .statements import VERSION

logger = logging.getLogger(__name__)

BATCH = 100


def enabled():
    return bool(settings.LRS_URL)


def keep(user, verb, statement):
    """Keep ``statement`` to be sent (once, whatever the number of calls). Returns whether
    it is new; nothing is kept while no store is configured."""
    if not enabled():
        return False
    _row, created = Statement.objects.get_or_create(
        id=statement["id"], defaults={"user": user, "verb": verb, "payload": statement}
    )
    return created


def _to_store(method, body, **params):
    return requests.request(
        method, settings.LRS_URL.rstrip("/") + "/xAPI/statements", params=params, json=body,
        auth=(settings.LRS_USERNAME, settings.LRS_PASSWORD) if settings.LRS_USERNAME else None,
        headers={"X-Experience-API-Version": VERSION}, timeout=settings.LRS_TIMEOUT,
    )


def _post(statements):
    return _to_store("POST", statements)


def _put(statement):
    return _to_store("PUT", statement, statementId=statement["id"])


def _delivered(response):
    # 409: the store already holds a statement with this id, and ids are derived from the
    # event, so it is this one (sent before the answer to an earlier try was lost).
    return response.status_code in (200, 204, 409)


def send_pending(batch=BATCH):
    """Send the waiting statements, oldest first, ``batch`` at a time, until none is left
    or the store fails; returns how many were delivered. A batch the store refuses as a
    whole (one of its statements was there already) is sent again one by one."""
    delivered = 0
    while enabled():
        pending = list(Statement.objects.filter(sent_at__isnull=True)[:batch])
        if not pending:
            break
        try:
            response = _post([row.payload for row in pending])
            if response.status_code == 409:
                done = [row for row in pending if _delivered(_put(row.payload))]
            elif response.ok:
                done = pending
            else:
                raise requests.HTTPError(f"{response.status_code} {response.text[:200]}")
        except requests.RequestException as error:
            Statement.objects.filter(pk__in=[row.pk for row in pending]).update(
                last_error=str(error)[:500], tries=F("tries") + 1)
            logger.warning("The learning record store refused or did not answer: %s", error)
            break
        Statement.objects.filter(pk__in=[row.pk for row in done]).update(
            sent_at=timezone.now(), last_error="")
        delivered += len(done)
        if len(done) < len(pending):
            break
    return delivered
