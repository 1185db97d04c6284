import datetime
import itertools
import json

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Site

from content.models import Access, LibraryIndexPage, MaterialKind, MaterialPage, WebinarIndexPage, WebinarPage
from tests.lms.factories import UserFactory

_numbers = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def home():
    return Site.objects.get(is_default_site=True).root_page


def library_page():
    return home().add_child(instance=LibraryIndexPage(title="Библиотека", slug="library"))


def webinar_list_page():
    return home().add_child(instance=WebinarIndexPage(title="Вебинары", slug="webinars"))


def with_role(role, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def document(name="памятка.pdf", content=PDF_BYTES, title=None):
    doc = get_document_model()(title=title or name, file=ContentFile(content, name=name))
    doc._set_document_file_metadata()
    doc.save()
    return doc


def material(library, *, title=None, summary="Кратко о материале.", text="", topics=(), audiences=(),
             access=Access.PUBLIC, kind=MaterialKind.GUIDE, **fields):
    """A live material; ``text`` becomes its body, otherwise it gets a video link."""
    number = next(_numbers)
    page = MaterialPage(
        title=title or f"Материал {number}", slug=f"material-{number}", summary=summary, kind=kind,
        access=access,
        body=json.dumps([{"type": "text", "value": f"<p>{text}</p>"}]) if text else "[]",
        **fields,
    )
    if not (text or page.document_id or page.video_url):
        page.video_url = "https://example.org/video"
    page.topics = list(topics)
    page.audiences = list(audiences)
    library.add_child(instance=page)
    return page


def webinar(index, *, starts_in=datetime.timedelta(days=2), title=None, **fields):
    number = next(_numbers)
    fields.setdefault("speaker", "Гүлнар Әбдірахманова")
    fields.setdefault("join_url", "https://bbb.example.org/b/secret-room")
    fields.setdefault("duration_minutes", 60)
    page = WebinarPage(
        title=title or f"Вебинар {number}", slug=f"webinar-{number}",
        starts_at=timezone.now().replace(microsecond=0) + starts_in, **fields,
    )
    index.add_child(instance=page)
    return page
