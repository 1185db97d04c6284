"""xAPI 1.0.3 statements for what the union reports on, built from plain values.

The learner is named by an account on this site (the public address, ``SITE_URL``, kept as
``WAGTAILADMIN_BASE_URL``, and her user id), never by her e-mail address. Courses, webinars
and in-person events are activities identified by their address on the site; their names
are given in the learner's language."""

import uuid

from django.conf import settings

VERSION = "1.0.3"
_ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "registered": _ADL + "registered",
    "launched": _ADL + "launched",
    "completed": _ADL + "completed",
    "passed": _ADL + "passed",
    "failed": _ADL + "failed",
    "attended": _ADL + "attended",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "meeting": "http://adlnet.gov/expapi/activities/meeting",
}
# Statement ids are UUID 5 in this namespace, from what happened: the same event, the same id.
NAMESPACE = uuid.UUID("6f1d3c1e-52a4-4f0e-9a53-5b0f6a1f7c2d")


def statement_id(verb, activity_id, user_id, occurrence=""):
    return uuid.uuid5(NAMESPACE, f"{verb}|{activity_id}|{user_id}|{occurrence}")


def activity_id(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build(*, user, language, verb, activity, activity_type, name, timestamp, result=None,
          parent=None, occurrence=""):
    """One statement as the LRS receives it. ``activity`` is the object's path on the site,
    ``parent`` that of the course an assessment belongs to."""
    object_id = activity_id(activity)
    statement = {
        "id": str(statement_id(verb, object_id, user.pk, occurrence)),
        "actor": {
            "objectType": "Agent",
            "name": user.get_full_name() or user.get_username(),
            "account": {"homePage": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), "name": str(user.pk)},
        },
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": object_id,
            "definition": {"type": ACTIVITY_TYPES[activity_type], "name": {language: name}},
        },
        "context": {"language": language, "platform": "Union Academy"},
        "timestamp": timestamp.isoformat(),
        "version": VERSION,
    }
    if parent:
        statement["context"]["contextActivities"] = {"parent": [{"id": activity_id(parent)}]}
    if result is not None:
        statement["result"] = result
    return statement


def score_result(percent, passed):
    """The result of a test: scaled 0..1 and raw 0..100, with success."""
    percent = float(percent)
    return {"score": {"scaled": round(percent / 100, 4), "raw": percent, "min": 0, "max": 100},
            "success": bool(passed), "completion": True}
