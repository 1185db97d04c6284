"""The PDF carries every Kazakh and Russian letter as text, and its QR code is the
verification address."""

import datetime
import io

import pypdf
import zxingcpp

from certificates.rendering import CertificateText, render_pdf

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
RUSSIAN_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
URL = "https://oqu.example.kz/certificates/verify/ABCDEFGHJKMNPQRSTUVW/"


def _certificate(**changes):
    fields = dict(
        language="kk", title="СЕРТИФИКАТ", holder_name="Әлия Нұрғалиқызы Құдайбергенова",
        body="бағдарлама бойынша оқуды сәтті аяқтады",
        course_title="Кәсіподақ негіздері: ұжымдық шарт және еңбек қауіпсіздігі", hours=16,
        completed_on=datetime.date(2026, 11, 20), score=87.5, serial="2026-0000001",
        code="ABCDEFGHJKMNPQRSTUVW", verification_url=URL, signatory_name="Учебный центр Профсоюза",
        signatory_title="Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы",
    )
    fields.update(changes)
    return CertificateText(**fields)


def _text(pdf_bytes):
    return pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()


def test_kazakh_name_and_course_title_read_back_from_the_pdf():
    text = _text(render_pdf(_certificate()))
    assert "Әлия Нұрғалиқызы Құдайбергенова" in text
    assert "Кәсіподақ негіздері: ұжымдық шарт және еңбек қауіпсіздігі" in text
    assert "20.11.2026" in text
    assert "2026-0000001" in text


def test_every_kazakh_and_russian_letter_survives():
    text = _text(render_pdf(_certificate(holder_name=KAZAKH_LETTERS, body=RUSSIAN_LETTERS)))
    assert KAZAKH_LETTERS in text
    assert RUSSIAN_LETTERS in text


def test_the_qr_code_decodes_to_the_verification_url():
    page = pypdf.PdfReader(io.BytesIO(render_pdf(_certificate()))).pages[0]
    decoded = [barcode.text for image in page.images for barcode in zxingcpp.read_barcodes(image.image)]
    assert decoded == [URL]


def test_labels_follow_the_certificate_language():
    russian = _text(render_pdf(_certificate(language="ru")))
    kazakh = _text(render_pdf(_certificate(language="kk")))
    assert "Серийный номер" in russian
    assert "Сериялық нөмірі" in kazakh


def test_kazakh_puts_the_course_before_the_verb_and_russian_after_it():
    course, body = "Кәсіподақ негіздері", "бағдарламасы бойынша оқуды сәтті аяқтады"
    kazakh = _text(render_pdf(_certificate(language="kk", course_title=course, body=body)))
    assert kazakh.index(course) < kazakh.index(body)
    russian = _text(render_pdf(_certificate(
        language="ru", course_title="Основы профсоюзной работы",
        body="успешно завершил(а) обучение по программе",
    )))
    assert russian.index("успешно завершил(а)") < russian.index("Основы профсоюзной работы")
