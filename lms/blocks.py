"""lms's own StreamField blocks of a lesson body (``lms.lesson_blocks`` lists them all)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

VIDEO_EXTENSIONS = {"mp4", "webm"}


class VideoBlock(blocks.StructBlock):
    """An uploaded video file (played in the page) or a link to a video elsewhere."""

    title = blocks.CharBlock(label=_("title"))
    file = DocumentChooserBlock(label=_("video file (MP4 or WebM)"), required=False)
    url = blocks.URLBlock(label=_("or a link to the video"), required=False)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "lms/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if not value["file"] and not value["url"]:
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Upload a video file or give a link."))}
            )
        if value["file"] and value["file"].file_extension.lower() not in VIDEO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("A video must be an MP4 or WebM file."))}
            )
        return value


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
