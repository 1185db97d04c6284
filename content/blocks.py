"""StreamField blocks of a library material's text.

No block chooses a document: a material's file is its ``document`` field. A document linked
from the text obeys the material's access too (``content.services.documents``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.blocks import CalloutBlock, CaseStudyBlock


class MaterialBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"))
    case_study = CaseStudyBlock()
    callout = CalloutBlock()
