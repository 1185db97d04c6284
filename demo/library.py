"""Demo library and webinars for ``manage.py seed_demo``, from ``demo/data/materials.json``,
``webinars.json`` and ``files.json``. Running it again changes nothing: pages, files and
registrations that exist are left as they are."""

import datetime
import io
import json
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from wagtail.documents import get_document_model
from wagtail.models import Collection

from content import services
from content.models import LibraryIndexPage, MaterialPage, WebinarIndexPage, WebinarPage, WebinarRegistration
from lms import moderation
from lms.models import Audience, Topic, User

from . import loaders
from .home import ensure_home_page

# The DejaVu font shipped with the certificates draws Kazakh and Russian letters.
FONT = Path(settings.BASE_DIR) / "certificates" / "fonts" / "DejaVuSans.ttf"


def _ensure_index(home, page_class, slug, title):
    existing = page_class.objects.child_of(home).filter(slug=slug).first()
    if existing is not None:
        return existing
    return home.add_child(instance=page_class(title=title, slug=slug, live=True))


def _pdf(title, lines):
    """A small A4 PDF: a title and a few lines per page (one page per item of ``lines``)."""
    font = "Helvetica"
    if FONT.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
        font = "DejaVuSans"
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(title)
    for page_lines in lines:
        pdf.setFillColorRGB(0.04, 0.37, 0.65)
        pdf.rect(0, height - 80, width, 80, stroke=0, fill=1)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.setFont(font, 22)
        pdf.drawString(40, height - 52, page_lines[0])
        pdf.setFillColorRGB(0.1, 0.15, 0.2)
        pdf.setFont(font, 16)
        for position, line in enumerate(page_lines[1:]):
            pdf.drawString(50, height - 140 - position * 34, f"•  {line}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _chart_png(title, years):
    """A bar chart of people trained a year (the demo's: 2020–2024, seed 001: 418,805 in
    total); ``years`` are (year, trained) pairs."""
    image = Image.new("RGB", (900, 560), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 22) if FONT.exists() else ImageFont.load_default()
    draw.text((40, 24), title, fill="#1d2733", font=font)
    top = max(value for _year, value in years)
    for position, (year, value) in enumerate(years):
        left = 80 + position * 160
        bar = int(380 * value / top)
        draw.rectangle([left, 500 - bar, left + 100, 500], fill="#0b5fa5")
        draw.text((left + 18, 510), str(year), fill="#1d2733", font=font)
        draw.text((left, 470 - bar), f"{value:,}".replace(",", " "), fill="#1d2733", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _draw(spec):
    """The bytes of a demo file of demo/data/files.json: a PDF of pages of lines, or a chart."""
    if "pdf" in spec:
        return _pdf(spec["pdf"]["title"], spec["pdf"]["pages"])
    chart = spec["chart"]
    return _chart_png(chart["title"], [(row["year"], row["trained"]) for row in chart["years"]])


def _demo_document(key):
    spec = loaders.files()[key]
    filename = spec["filename"]
    Document = get_document_model()
    document = Document.objects.filter(title=filename).first()
    if document is None:
        # Migrations make the root collection; a test's database flush removes it.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = Document(title=filename, file=ContentFile(_draw(spec), name=filename), collection=root)
        document._set_document_file_metadata()
        document.save()
    return document


def _body(blocks):
    """A material's blocks ({"type", "value"}) as StreamField JSON."""
    return json.dumps([{"type": block["type"], "value": block["value"]} for block in blocks])


def build_materials(library):
    created = 0
    for spec in loaders.materials():
        if MaterialPage.objects.child_of(library).filter(slug=spec["slug"]).exists():
            continue
        material = MaterialPage(
            slug=spec["slug"], title=spec["title"], kind=spec["kind"], summary=spec["summary"],
            language=spec["language"], level=spec["level"], access=spec["access"],
            access_role=spec.get("access_role", ""), video_url=spec.get("video_url", ""),
            body=_body(spec["body"]), live=True,
        )
        if spec.get("file"):
            material.document = _demo_document(spec["file"])
        material.topics = list(Topic.objects.filter(slug__in=spec["topics"]))
        material.audiences = list(Audience.objects.filter(category__in=spec["audiences"]))
        library.add_child(instance=material)
        created += 1
    return created


def _starts_at(days, hour, minute):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def build_webinars(index):
    for spec in loaders.webinars():
        webinar = WebinarPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if webinar is None:
            webinar = WebinarPage(
                slug=spec["slug"], title=spec["title"], speaker=spec["speaker"],
                description=spec["description"], language=spec["language"],
                starts_at=_starts_at(spec["days"], spec["time"]["hour"], spec["time"]["minute"]),
                duration_minutes=spec["minutes"], capacity=spec["capacity"], join_url=spec["join_url"],
                recording_url=spec.get("recording_url", ""), live=True,
            )
            webinar.topics = list(Topic.objects.filter(slug__in=spec["topics"]))
            webinar.audiences = list(Audience.objects.filter(category__in=spec["audiences"]))
            index.add_child(instance=webinar)
        services.publish_recording(webinar)
        attended = []
        for entry in spec.get("registrations", []):
            user = User.objects.filter(email=entry["email"]).first()
            if user is None:
                continue
            registration, _created = WebinarRegistration.objects.get_or_create(
                webinar=webinar, user=user,
                defaults={"registered_at": webinar.starts_at - datetime.timedelta(days=2)},
            )
            if entry["attended"]:
                attended.append(registration.pk)
        if attended:
            services.mark_attended(webinar, attended, now=webinar.ends_at)


@transaction.atomic
def build_demo_library():
    """The library (13 materials in Russian and Kazakh, some for members or trainers only)
    and the webinar list (two coming up, one past with its recording and attendance).
    Returns the numbers of materials and webinars."""
    home = ensure_home_page()
    library = _ensure_index(home, LibraryIndexPage, "library", "Библиотека · Кітапхана")
    webinars = _ensure_index(home, WebinarIndexPage, "webinars", "Вебинары · Вебинарлар")
    moderation.ensure_moderation_workflow()
    build_materials(library)
    build_webinars(webinars)
    return MaterialPage.objects.live().count(), WebinarPage.objects.live().count()
