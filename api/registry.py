"""The membership registry's sync: an organisation's members sent by its registry system
with an organisation administrator's API key, through the same check and all-or-nothing
import as a spreadsheet (``reports.services.member_import``): the same per-row errors,
the same rules for accounts outside the subtree, and each sync kept in the administrator's
list of imports, named after the key.

First ``POST /registry/member-imports`` checks the members (a dry run: nothing is written)
and answers with what importing would do; then ``POST .../{id}/commit`` writes them. Both
run on the worker: while the status is "checking" or "importing", ask again with
``GET .../{id}``. Members are identified by e-mail address, as in the file import."""

import csv
import io

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from reports.models import MemberImport
from reports.services import member_import

from . import keys
from .schemas import MemberImportIn, MemberImportOut, ObjectId


class RegistryKeyAuth(APIKeyHeader):
    """An organisation administrator's API key in the ``X-Api-Key`` header."""

    param_name = "X-Api-Key"

    def authenticate(self, request, key):
        found = keys.authenticate(key)
        if found is None:
            return None
        request.user = found.user
        return found


router = Router(tags=["registry"], auth=[RegistryKeyAuth()])

COLUMNS = ("name", "email", "organisation", "category", "position")


def _table(members):
    """The members as the spreadsheet import reads them: a CSV with its header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for member in members:
        writer.writerow([member.name, member.email, member.organisation, member.category,
                         member.position or ""])
    return out.getvalue().encode()


def _report(job):
    return {
        "id": job.pk, "status": job.status, "total": job.total, "new": job.new,
        "updated": job.updated, "unchanged": job.unchanged,
        # Row 1 is the header, so row 2 is the first member: index 0.
        "errors": [{"index": error["row"] - 2 if error.get("row") and error["row"] > 1 else None,
                    "field": error.get("column", ""), "message": error["message"]}
                   for error in job.errors],
    }


def _job(request, import_id):
    key = request.auth
    jobs = member_import.jobs_visible_to(request.user).filter(organisation=key.organisation)
    return get_object_or_404(jobs, pk=import_id)


@router.post("/member-imports", response={201: MemberImportOut})
def check(request, payload: MemberImportIn):
    """Check the members against the organisation's subtree; nothing is written."""
    key = request.auth
    job = member_import.start_import(request.user, key.organisation, f"API key {key.prefix}.csv",
                                     _table(payload.members))
    job.refresh_from_db()
    return Status(201, _report(job))


@router.get("/member-imports/{import_id}", response=MemberImportOut)
def status(request, import_id: ObjectId):
    return _report(_job(request, import_id))


@router.post("/member-imports/{import_id}/commit", response=MemberImportOut)
def commit(request, import_id: ObjectId):
    """Write a checked import without mistakes, all or nothing (409 if it is not ready:
    still checking, with mistakes, or already written)."""
    job = _job(request, import_id)
    if not member_import.request_commit(request.user, job):
        raise HttpError(409, str(MemberImport.Status(job.status).label))
    job.refresh_from_db()
    return _report(job)
