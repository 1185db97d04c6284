"""lms's own StreamField blocks of a lesson body (``lms.lesson_blocks`` lists them all)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from . import video_links

VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
CAPTIONS_EXTENSION = "vtt"
CAPTIONS_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]  # each in its own language


class VideoBlock(blocks.StructBlock):
    """A video played in the page: an uploaded MP4 or WebM file (with WebVTT captions if
    given), or a YouTube or Vimeo link, which plays in the site's privacy-enhanced player
    (``lms.video_links``). Any other link is shown as a link; beside an uploaded file, so is
    a YouTube or Vimeo one (never a second player).

    ``captions`` and ``captions_language`` came later: a stored block without them gets no
    captions and the default language."""

    title = blocks.CharBlock(label=_("title"))
    file = DocumentChooserBlock(label=_("video file (MP4 or WebM)"), required=False)
    captions = DocumentChooserBlock(
        label=_("captions (WebVTT file)"), required=False,
        help_text=_("Subtitles for the uploaded video: a .vtt file in UTF-8."),
    )
    captions_language = blocks.ChoiceBlock(
        label=_("language of the captions"), choices=CAPTIONS_LANGUAGES, default="kk"
    )
    url = blocks.URLBlock(
        label=_("or a link to the video"), required=False,
        help_text=_("A YouTube or Vimeo link plays in the lesson; any other link opens the other site."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "lms/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value["file"] and not value["url"]:
            errors["file"] = ValidationError(_("Upload a video file or give a link."))
        elif value["file"] and value["file"].file_extension.lower() not in VIDEO_TYPES:
            errors["file"] = ValidationError(_("A video must be an MP4 or WebM file."))
        if value["captions"] and value["captions"].file_extension.lower() != CAPTIONS_EXTENSION:
            errors["captions"] = ValidationError(_("Captions must be a WebVTT (.vtt) file."))
        elif value["captions"] and not value["file"]:
            errors["captions"] = ValidationError(_("Captions go with an uploaded video file."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value["file"]
        embed = None if video else video_links.embed_for(value["url"])
        context.update(
            video_type=VIDEO_TYPES.get(video.file_extension.lower()) if video else None,
            captions_label=dict(CAPTIONS_LANGUAGES).get(value["captions_language"]),
            embed=embed,
            link=None if embed else video_links.outside_link(value["url"]),
        )
        return context


class DocumentsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("documents"))

    class Meta:
        icon = "doc-full"
        label = _("Documents to download")
        template = "lms/blocks/documents.html"


class CaseStudyBlock(blocks.StructBlock):
    """A real situation from a school or a union organisation, with questions to think over."""

    title = blocks.CharBlock(label=_("title"))
    situation = blocks.RichTextBlock(label=_("situation"))
    questions = blocks.ListBlock(blocks.CharBlock(), label=_("questions"))
    discussion = blocks.RichTextBlock(
        label=_("discussion notes"),
        required=False,
        help_text=_("Shown folded, for the learner to open after thinking the questions over."),
    )

    class Meta:
        icon = "group"
        label = _("Case study")
        template = "lms/blocks/case_study.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("note", _("Note")), ("important", _("Important")), ("law", _("Law says"))],
        default="note",
    )
    text = blocks.RichTextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "lms/blocks/callout.html"


# lms's own blocks of a lesson body, registered with ``lms.lesson_blocks`` by
# ``LmsConfig.ready()`` in this order.
LESSON_BLOCKS = (
    ("text", blocks.RichTextBlock(label=_("Text"))),
    ("video", VideoBlock()),
    ("documents", DocumentsBlock()),
    ("case_study", CaseStudyBlock()),
    ("callout", CalloutBlock()),
)
