"""The member's own things: profile and language, My learning, certificates, the bell."""

from django.core.exceptions import ValidationError
from django.utils import translation
from ninja import Router
from ninja.errors import HttpError

from certificates import services as certificates
from lms import services as learning
from notifications import services as notifications

from .schemas import CertificateOut, EnrolmentOut, LanguageIn, NotificationOut, ProfileOut

router = Router(tags=["me"])


def _profile(user):
    profile = learning.ensure_profile(user)
    return {
        "email": user.email,
        "full_name": user.get_full_name(),
        "language": profile.language,
        "organisation": profile.organisation.name if profile.organisation_id else None,
        "category": profile.category,
    }


@router.get("", response=ProfileOut)
def me(request):
    return _profile(request.user)


@router.put("/language", response=ProfileOut)
def set_language(request, payload: LanguageIn):
    """The language of the site, the emails and the app for this member from now on."""
    try:
        learning.remember_language(request, payload.language)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.message_dict["language"])) from error
    translation.activate(payload.language)
    return _profile(request.user)


@router.get("/learning", response=list[EnrolmentOut])
def my_learning(request):
    """Her courses as My learning lists them: unfinished first, nearest deadline first."""
    return learning.course_cards(request.user)


@router.get("/certificates", response=list[CertificateOut])
def my_certificates(request):
    return certificates.certificates_of(request.user)


@router.get("/notifications", response=list[NotificationOut])
def my_notifications(request):
    """The bell's latest notices, newest first, as the site words them."""
    found = []
    for reminder in notifications.latest(request.user):
        headline, sentence = notifications.message(reminder)
        found.append({"id": reminder.pk, "headline": str(headline), "sentence": str(sentence),
                      "created_at": reminder.created_at, "read": reminder.read_at is not None,
                      "url": notifications.target_url(reminder)})
    return found
