"""Issuing, revoking, reissuing and redrawing certificates.

Exactly once: issuing locks the enrolment row, and a partial unique constraint allows one
valid certificate per enrolment, so a task that runs twice, is retried or is redelivered
after its worker died finds the certificate already there. Completions whose task never
ran (broker down) are found by ``issue_missing``, run by beat, which also sends the
certificate emails that did not go out (see ``send_certificate_email``).
"""

import io
import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from content.models import WebinarRegistration
from lms.mail import MailNotSent, deliver
from lms.models import Enrolment

from .models import CODE_ALPHABET, Certificate, CertificateTemplate, Rerender
from .rendering import CertificateText, render_pdf
from .signals import certificate_issued

logger = logging.getLogger(__name__)

ISSUE_BATCH = 500
ACADEMIC_HOUR_MINUTES = 45
EMAIL_GRACE = timedelta(minutes=10)


class CertificateError(Exception):
    """An action on a certificate that cannot be done; the message says why."""


# --- Which template, which language ----------------------------------------------------


def template_for(course, organisation=None):
    """The course's template (if a course is given), else the nearest one up the
    organisation tree, else the default; None only if there is no default. One query."""
    ancestor_paths = []
    if organisation is not None:
        step = organisation.steplen
        ancestor_paths = [organisation.path[:end] for end in range(step, len(organisation.path) + 1, step)]
    wanted = Q(organisation__path__in=ancestor_paths) | Q(is_default=True)
    if course is not None:
        wanted |= Q(course=course)
    candidates = CertificateTemplate.objects.filter(wanted).select_related(
        "organisation", "logo", "background"
    )

    def specificity(template):
        if course is not None and template.course_id == course.pk:
            return (2, 0)
        if template.organisation_id is not None and template.organisation.path in ancestor_paths:
            return (1, len(template.organisation.path))
        return (0, 0)

    return max(candidates, key=specificity, default=None)


def certificate_language(subject, user):
    """Kazakh or Russian: the course's (or webinar's) language, else the learner's."""
    for language in (subject.language, getattr(getattr(user, "profile", None), "language", None)):
        if language in ("kk", "ru"):
            return language
    return "ru"


# --- Issuing ---------------------------------------------------------------------------


def _locked_enrolment(enrolment_id):
    """The enrolment row, locked, with what its certificate prints (the grade completion kept
    in ``final_score``): one query."""
    return (
        Enrolment.objects.filter(pk=enrolment_id)
        .select_for_update(of=("self",))
        .select_related("course", "user__profile__organisation")
        .first()
    )


def _locked_registration(registration_id):
    return (
        WebinarRegistration.objects.filter(pk=registration_id)
        .select_for_update(of=("self",))
        .select_related("webinar", "user__profile__organisation")
        .first()
    )


def _organisation_of(user):
    profile = getattr(user, "profile", None)
    return profile.organisation if profile else None


def _number_and_draw(certificate):
    """Number and draw a certificate just created; ``certificate_issued`` follows the commit."""
    certificate.serial = f"{certificate.issued_at.year}-{certificate.pk:07d}"
    draw(certificate)
    transaction.on_commit(
        lambda: certificate_issued.send(sender=Certificate, certificate_id=certificate.pk)
    )
    return certificate


def _certify_enrolment(enrolment):
    """Create, number and draw the certificate of ``enrolment`` (locked by the caller)."""
    user, course = enrolment.user, enrolment.course
    template = template_for(course, _organisation_of(user))
    return _number_and_draw(Certificate.objects.create(
        kind=Certificate.Kind.COURSE,
        user=user,
        enrolment=enrolment,
        template=template,
        holder_name=user.get_full_name() or user.email,
        title=course.title,
        hours=(template.hours if template and template.hours else course.estimated_hours),
        completed_on=timezone.localdate(enrolment.completed_at),
        score=enrolment.final_score,
        language=certificate_language(course, user),
    ))


def _certify_attendance(registration):
    """Create, number and draw the attendance certificate of ``registration`` (locked)."""
    user, webinar = registration.user, registration.webinar
    return _number_and_draw(Certificate.objects.create(
        kind=Certificate.Kind.WEBINAR,
        user=user,
        registration=registration,
        template=template_for(None, _organisation_of(user)),
        holder_name=user.get_full_name() or user.email,
        title=webinar.title,
        hours=max(1, round(webinar.duration_minutes / ACADEMIC_HOUR_MINUTES)),
        completed_on=timezone.localdate(webinar.starts_at),
        language=certificate_language(webinar, user),
    ))


def _existing(certificates):
    """The certificate already issued (a valid one first), or None."""
    return certificates.order_by("revoked_at", "-issued_at").first()


def issue_for_enrolment(enrolment_id):
    """The enrolment's certificate, issued now if it has none; None if the enrolment is not
    complete. A revoked certificate is not replaced here: that is ``reissue``."""
    with transaction.atomic():
        enrolment = _locked_enrolment(enrolment_id)
        if enrolment is None or enrolment.completed_at is None:
            return None
        return _existing(enrolment.certificates) or _certify_enrolment(enrolment)


def issue_for_attendance(registration_id):
    """The same for a webinar registration marked attended."""
    with transaction.atomic():
        registration = _locked_registration(registration_id)
        if registration is None or registration.attended_at is None:
            return None
        return _existing(registration.certificates) or _certify_attendance(registration)


def draw(certificate, template=None):
    """Render the PDF of ``certificate`` with ``template`` (its own by default) and store it;
    saves the row."""
    if template is None:
        template = certificate.template
    title, body, signatory_name, signatory_title = (
        template.in_language(certificate.language) if template else (_("CERTIFICATE"), "", "", "")
    )
    if certificate.kind == Certificate.Kind.WEBINAR:
        with translation.override(certificate.language):
            body = _("took part in the webinar")
    text = CertificateText(
        language=certificate.language,
        title=title,
        holder_name=certificate.holder_name,
        body=body,
        course_title=certificate.title,
        hours=certificate.hours,
        completed_on=certificate.completed_on,
        score=certificate.score,
        serial=certificate.serial,
        code=certificate.code,
        verification_url=certificate.get_verification_url(),
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        logo=_image_file(template.logo) if template else None,
        background=_image_file(template.background) if template else None,
    )
    old_file = certificate.pdf.name
    certificate.template = template
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(render_pdf(text)), save=False)
    certificate.rendered_at = timezone.now()
    certificate.save()
    if old_file and old_file != certificate.pdf.name:
        transaction.on_commit(lambda: certificate.pdf.storage.delete(old_file))


def _image_file(image):
    if image is None:
        return None
    with image.file.open("rb") as handle:
        return io.BytesIO(handle.read())


def _certificate_email(certificate):
    language = getattr(getattr(certificate.user, "profile", None), "language", settings.LANGUAGE_CODE)
    with translation.override(language):
        context = {
            "certificate": certificate,
            "download_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + certificate.get_download_url(),
        }
        subject = _("Your certificate: %(title)s") % {"title": certificate.title}
        body = render_to_string("certificates/email.txt", context)
    return EmailMessage(subject, body, to=[certificate.user.email])


def send_certificate_email(certificate_id):
    """Tell the holder their certificate is ready: at most once, and again later if it
    surely did not go out. Returns whether this call sent it.

    ``emailed_at`` is set before the message goes to the mail server, by one conditional
    update, so of two runs at once only one sends. When the server surely did not take it
    (no connection, a temporary refusal) the mark is taken back and ``MailNotSent`` raised:
    the task retries, and ``issue_missing`` sends what is still unsent. A worker killed while
    sending loses this email rather than sending it twice; the certificate itself is on the
    holder's page either way."""
    certificate = Certificate.objects.select_related("user__profile").get(pk=certificate_id)
    if certificate.emailed_at is not None or not certificate.is_valid or not certificate.user.email:
        return False
    message = _certificate_email(certificate)
    stamp = timezone.now()
    if not Certificate.objects.filter(pk=certificate.pk, emailed_at__isnull=True).update(emailed_at=stamp):
        return False  # another run has it
    delivery = deliver([message])
    if delivery.unsent:
        Certificate.objects.filter(pk=certificate.pk, emailed_at=stamp).update(emailed_at=None)
        raise MailNotSent(f"certificate {certificate.serial}: {delivery.error!r}") from delivery.error
    return bool(delivery.sent)


def completions_without_certificate():
    return Enrolment.objects.completed().filter(
        ~Exists(Certificate.objects.filter(enrolment=OuterRef("pk")))
    )


def attendances_without_certificate():
    return WebinarRegistration.objects.attended().filter(
        ~Exists(Certificate.objects.filter(registration=OuterRef("pk")))
    )


def issue_missing(limit=ISSUE_BATCH, now=None):
    """Issue certificates for completions and attendances that have none, and send the
    emails that were not sent. Returns (issued, emailed)."""
    issued = 0
    for missing, issue, done_at in (
        (completions_without_certificate(), issue_for_enrolment, "completed_at"),
        (attendances_without_certificate(), issue_for_attendance, "attended_at"),
    ):
        for pk in missing.order_by(done_at).values_list("pk", flat=True)[:limit]:
            issued += issue(pk) is not None
    cutoff = (now or timezone.now()) - EMAIL_GRACE
    unsent = Certificate.objects.valid().filter(emailed_at__isnull=True, issued_at__lt=cutoff)
    emailed = 0
    for pk in unsent.order_by("issued_at").values_list("pk", flat=True)[:limit]:
        try:
            emailed += send_certificate_email(pk)
        except MailNotSent:
            logger.warning("Mail server unavailable: the next sweep sends the certificate emails left")
            break
    return issued, emailed


# --- Revoking, reissuing, redrawing -----------------------------------------------------


def revoke(certificate, *, reason, by):
    """Mark a certificate revoked with the reason; the verification page says so."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking."))
    changed = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason, revoked_by=by
    )
    if not changed:
        raise CertificateError(_("This certificate is already revoked."))
    certificate.refresh_from_db()
    return certificate


def reissue(certificate, *, reason, by):
    """Revoke ``certificate`` and issue a new one from today's data (a corrected name, a
    new template), with a new serial and code. Both happen or neither."""
    with transaction.atomic():
        if certificate.kind == Certificate.Kind.WEBINAR:
            source, certify = _locked_registration(certificate.registration_id), _certify_attendance
        else:
            source, certify = _locked_enrolment(certificate.enrolment_id), _certify_enrolment
        revoke(certificate, reason=reason, by=by)
        replacement = certify(source)
        Certificate.objects.filter(pk=certificate.pk).update(replaced_by=replacement)
    transaction.on_commit(lambda: _email_quietly(replacement.pk))
    return replacement


def _email_quietly(certificate_id):
    try:
        send_certificate_email(certificate_id)
    except MailNotSent:  # the sweep sends it later
        logger.warning("Mail server unavailable: the sweep emails certificate %s later", certificate_id)
    except Exception:
        logger.exception("Could not email certificate %s", certificate_id)


def request_redraw(course, *, by):
    """Ask for the course's certificates to be drawn again; a receiver queues the job once
    the request is saved."""
    return Rerender.objects.create(course=course, requested_by=by)


def redraw_queryset(job):
    return Certificate.objects.valid().filter(enrolment__course_id=job.course_id)


def run_redraw(job_id, chunk=100):
    """Draw again every valid certificate of the job's course that was not drawn since the
    job was asked for; safe to run again after a crash."""
    job = Rerender.objects.select_related("course").get(pk=job_id)
    if job.status == Rerender.Status.DONE:
        return job
    certificates = redraw_queryset(job)
    Rerender.objects.filter(pk=job.pk).update(status=Rerender.Status.RUNNING, total=certificates.count())
    pending = certificates.filter(Q(rendered_at__isnull=True) | Q(rendered_at__lt=job.created_at))
    templates = {}  # by organisation: one course, and far fewer organisations than certificates
    while batch := list(pending.select_related("user__profile__organisation", "enrolment__course")[:chunk]):
        for certificate in batch:
            course, organisation = certificate.enrolment.course, _organisation_of(certificate.user)
            key = getattr(organisation, "pk", None)
            if key not in templates:
                templates[key] = template_for(course, organisation)
            with transaction.atomic():
                draw(certificate, templates[key])
        Rerender.objects.filter(pk=job.pk).update(
            processed=certificates.filter(rendered_at__gte=job.created_at).count()
        )
    Rerender.objects.filter(pk=job.pk).update(status=Rerender.Status.DONE, finished_at=timezone.now())
    job.refresh_from_db()
    return job


# --- Looking up --------------------------------------------------------------------------


def normalise_code(raw):
    """A code as typed (lower case, spaces, dashes) in its stored form, or "" if it cannot be one."""
    code = re.sub(r"[\s-]", "", raw or "").upper()
    return code if code and all(char in CODE_ALPHABET for char in code) else ""


def certificate_for_code(raw):
    code = normalise_code(raw)
    return Certificate.objects.filter(code=code).first() if code else None


def owned_certificate(user, serial):
    """The holder's own valid certificate with this serial, or None (someone else's too)."""
    if not user.is_authenticated:
        return None
    return Certificate.objects.valid().filter(user=user, serial=serial).first()


def pdf_of(certificate):
    """The certificate's PDF file, drawn now if it never was (certificates loaded in bulk,
    such as a generated union's, are drawn on first download)."""
    if not certificate.pdf:
        draw(certificate)
    return certificate.pdf


def certificates_of(user):
    return Certificate.objects.filter(user=user).order_by("-issued_at")
