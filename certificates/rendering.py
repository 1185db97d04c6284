"""Drawing a certificate as a PDF: A4 landscape, DejaVu Sans (shipped in ``fonts/``, it has
every Kazakh and Russian letter), the template's images, and a QR code of the
verification address."""

import io
from dataclasses import dataclass
from pathlib import Path

import qrcode
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
INK = HexColor("#1d3557")
MUTED = HexColor("#555555")
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 48


def _register_fonts():
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, FONTS / f"{name}.ttf"))


@dataclass(frozen=True)
class CertificateText:
    """Everything printed on one certificate, already in its language."""

    language: str
    title: str
    holder_name: str
    body: str
    course_title: str
    hours: int
    completed_on: object
    score: object
    serial: str
    code: str
    verification_url: str
    signatory_name: str
    signatory_title: str
    logo: object = None  # a file-like image, or None
    background: object = None


def qr_png(url):
    """The QR code of ``url`` as PNG bytes."""
    # A fixed mask skips trying all eight for the "best" one: a third of the rendering time
    # saved, and any mask reads the same.
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=2, mask_pattern=0
    )
    code.add_data(url)
    image = code.make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _centred_lines(canvas, text, *, font, size, y, width, leading):
    for line in simpleSplit(text, font, size, width):
        canvas.setFont(font, size)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= leading
    return y


def render_pdf(text):
    """The certificate as PDF bytes."""
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(f"{text.title} {text.serial}")
    canvas.setAuthor(text.signatory_name)
    with translation.override(text.language):
        _draw(canvas, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas, text):
    if text.background is not None:
        canvas.drawImage(ImageReader(text.background), 0, 0, PAGE_WIDTH, PAGE_HEIGHT,
                         preserveAspectRatio=False, mask="auto")
    else:
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(3)
        canvas.rect(24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48)
        canvas.setLineWidth(0.8)
        canvas.rect(32, 32, PAGE_WIDTH - 64, PAGE_HEIGHT - 64)

    y = PAGE_HEIGHT - MARGIN - 8
    if text.logo is not None:
        canvas.drawImage(ImageReader(text.logo), PAGE_WIDTH / 2 - 32, y - 64, 64, 64,
                         preserveAspectRatio=True, mask="auto")
        y -= 80
    text_width = PAGE_WIDTH - 2 * MARGIN - 40

    canvas.setFillColor(INK)
    y = _centred_lines(canvas, text.title, font=BOLD, size=34, y=y - 30, width=text_width, leading=40)
    canvas.setFillColor(MUTED)
    y = _centred_lines(canvas, _("This certifies that"), font=REGULAR, size=13, y=y - 10,
                       width=text_width, leading=18)
    canvas.setFillColor(INK)
    y = _centred_lines(canvas, text.holder_name, font=BOLD, size=26, y=y - 14, width=text_width, leading=32)
    # Russian: "… successfully completed the programme «Course»"; Kazakh puts the verb last:
    # "«Course» бағдарламасы бойынша оқуды сәтті аяқтады".
    body = (REGULAR, 13, 18, MUTED, text.body)
    course = (BOLD, 17, 22, INK, f"«{text.course_title}»")
    for font, size, leading, colour, line in ((course, body) if text.language == "kk" else (body, course)):
        canvas.setFillColor(colour)
        y = _centred_lines(canvas, line, font=font, size=size, y=y - 8, width=text_width, leading=leading)
    canvas.setFillColor(INK)

    facts = [
        ngettext("%(hours)d academic hour", "%(hours)d academic hours", text.hours) % {"hours": text.hours},
        _("completed on %(date)s") % {"date": text.completed_on.strftime("%d.%m.%Y")},
    ]
    if text.score is not None:
        facts.append(_("final test: %(score)s%%") % {"score": f"{float(text.score):.0f}"})
    canvas.setFillColor(MUTED)
    _centred_lines(canvas, " · ".join(facts), font=REGULAR, size=12, y=y - 10, width=text_width,
                   leading=16)

    # Bottom band: signature on the left, QR code and how to verify on the right.
    canvas.setFillColor(INK)
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN + 16, 120, MARGIN + 256, 120)
    canvas.setFont(BOLD, 12)
    canvas.drawString(MARGIN + 16, 104, text.signatory_name)
    canvas.setFont(REGULAR, 10)
    for index, line in enumerate(simpleSplit(text.signatory_title, REGULAR, 10, 300)[:3]):
        canvas.drawString(MARGIN + 16, 90 - 13 * index, line)

    qr_size = 96
    qr_x = PAGE_WIDTH - MARGIN - 16 - qr_size
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(text.verification_url))), qr_x, 52, qr_size, qr_size)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 9)
    right = qr_x - 10
    canvas.drawRightString(right, 124, _("Serial number: %(serial)s") % {"serial": text.serial})
    canvas.drawRightString(right, 110, _("Verification code: %(code)s") % {"code": text.code})
    canvas.drawRightString(right, 96, _("Check this certificate at"))
    canvas.drawRightString(right, 82, text.verification_url)
