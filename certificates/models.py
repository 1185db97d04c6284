import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lms.models.bilingual import Bilingual
from lms.scope import ScopedQuerySet

from .storage import private_storage

# 20 characters of an alphabet without look-alikes (no 0/O, 1/I/L): about 100 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 20


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class CertificateTemplate(models.Model):
    """How a certificate looks and what it says. The most specific template wins: the
    course's, then the nearest organisation's up the learner's tree, then the default."""

    name = models.CharField(_("name"), max_length=200)
    course = models.OneToOneField(
        "lms.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
    )
    organisation = models.OneToOneField(
        "lms.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
    )
    is_default = models.BooleanField(_("default template"), default=False)
    title_ru = models.CharField(_("title in Russian"), max_length=120, default="СЕРТИФИКАТ")
    title_kk = models.CharField(_("title in Kazakh"), max_length=120, default="СЕРТИФИКАТ")
    body_ru = models.TextField(
        _("text in Russian"),
        help_text=_("Printed between the holder's name and the course title."),
    )
    body_kk = models.TextField(
        _("text in Kazakh"),
        help_text=_("Printed after the course title, as Kazakh puts the verb last."),
    )
    signatory_name_ru = models.CharField(_("signatory's name in Russian"), max_length=200)
    signatory_name_kk = models.CharField(
        _("signatory's name in Kazakh"), max_length=200, blank=True,
        help_text=_("Leave empty to print the Russian name on Kazakh certificates too."),
    )
    signatory_title_ru = models.CharField(_("signatory's title in Russian"), max_length=200)
    signatory_title_kk = models.CharField(_("signatory's title in Kazakh"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    background = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("background image"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    hours = models.PositiveSmallIntegerField(
        _("hours"), null=True, blank=True,
        help_text=_("Leave empty to print the course's own estimated hours."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    title = Bilingual()
    body = Bilingual()
    signatory_name = Bilingual()
    signatory_title = Bilingual()

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("is_default"), FieldPanel("course"), FieldPanel("organisation")],
            heading=_("Used for"),
        ),
        FieldRowPanel([FieldPanel("title_ru"), FieldPanel("title_kk")]),
        FieldPanel("body_ru"),
        FieldPanel("body_kk"),
        MultiFieldPanel(
            [FieldPanel("signatory_name_ru"), FieldPanel("signatory_name_kk"),
             FieldPanel("signatory_title_ru"), FieldPanel("signatory_title_kk")],
            heading=_("Signature"),
        ),
        FieldRowPanel([FieldPanel("logo"), FieldPanel("background")]),
        FieldPanel("hours"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True),
                name="one_default_certificate_template",
            ),
        ]

    def __str__(self):
        return self.name

    def in_language(self, language):
        """(title, body, signatory's name, signatory's title) in Kazakh or Russian."""
        suffix = "kk" if language == "kk" else "ru"
        return (
            getattr(self, f"title_{suffix}"),
            getattr(self, f"body_{suffix}"),
            getattr(self, f"signatory_name_{suffix}") or self.signatory_name_ru,
            getattr(self, f"signatory_title_{suffix}"),
        )


class CertificateQuerySet(ScopedQuerySet, models.QuerySet):
    organisation_field = "user__profile__organisation"

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """A certificate of one completed enrolment or one attended webinar. The facts are
    copied in when it is issued, so it reads the same after the course or the learner's name
    changes; a correction is a reissue, which revokes this one and issues another."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course completion")
        WEBINAR = "webinar", _("Webinar attendance")

    # Numbered from the primary key in the issuing transaction, so briefly NULL (NULLs are
    # distinct under UNIQUE; an empty string would not be).
    serial = models.CharField(  # noqa: DJ001
        _("serial number"), max_length=20, unique=True, null=True, editable=False
    )
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True,
        default=new_verification_code, editable=False,
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.COURSE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    registration = models.ForeignKey(
        "content.WebinarRegistration", on_delete=models.PROTECT, null=True, blank=True,
        related_name="certificates",
    )
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    holder_name = models.CharField(_("holder"), max_length=300)
    title = models.CharField(_("course"), max_length=300)
    hours = models.PositiveSmallIntegerField(_("hours"))
    completed_on = models.DateField(_("completion date"))
    score = models.DecimalField(_("final test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    language = models.CharField(max_length=8)
    pdf = models.FileField(upload_to="certificates/%Y/", storage=private_storage, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )

    objects = CertificateQuerySet.as_manager()

    # The admin lists certificates, so Wagtail would index their references on every save
    # (a fifth of the time of drawing one); nothing asks where a certificate is used.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # However often the task runs, an enrolment has one valid certificate.
            models.UniqueConstraint(
                fields=["enrolment"], condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_enrolment",
            ),
            models.UniqueConstraint(
                fields=["registration"], condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_attendance",
            ),
            models.CheckConstraint(
                condition=Q(kind="course", enrolment__isnull=False, registration__isnull=True)
                | Q(kind="webinar", registration__isnull=False, enrolment__isnull=True),
                name="certificate_has_one_source",
            ),
        ]
        permissions = [("revoke_certificate", _("Can revoke and reissue certificates"))]

    def __str__(self):
        return f"{self.serial or '—'} {self.holder_name}"

    @property
    def is_valid(self):
        return self.revoked_at is None

    @property
    def status_label(self):
        return _("valid") if self.is_valid else _("revoked")

    def get_verification_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "certificates:verify", args=[self.code]
        )

    def get_download_url(self):
        return reverse("certificates:download", args=[self.serial])


class Rerender(models.Model):
    """A background job drawing every valid certificate of a course again with its current
    template; serials and verification codes stay the same."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    course = models.ForeignKey("lms.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate redraw")
        verbose_name_plural = _("certificate redraws")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.course} ({self.get_status_display()})"

    @property
    def progress_label(self):
        return f"{self.processed} / {self.total}"
