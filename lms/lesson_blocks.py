"""The blocks a lesson body is made of: text, video, documents, case study, callout, and
whatever other apps add.

Apps register blocks here from ``AppConfig.ready()`` (lms its own, listed in
``lms.blocks.LESSON_BLOCKS``), so a new block needs no edit to the lesson page.

``LessonPage.body`` is built at class definition, before any app is ready, yet ready() is
early enough: ``LessonBodyBlock``'s children are this registry's own mapping, not a copy, so
a block registered after the body was built (by an app ready later, or by a test) is one of
its children as well. The names are what a lesson's stored JSON and the migrations record:
a registered name is never renamed, and lms's own keep the order of the first migration.
"""

from wagtail import blocks

from .registry import Registry

BLOCKS = Registry("lesson block", key="name")
unregister = BLOCKS.unregister


def register(name, block):
    """Add ``block`` to the lesson body under ``name`` (a Python identifier)."""
    BLOCKS.register(block, key=name)
    block.set_name(name)
    return block


def registered():
    """(name, block) of every block, in the order registered (the editor's menu order)."""
    return list(BLOCKS.items.items())


class LessonBodyBlock(blocks.StreamBlock):
    """The body of a lesson: the registered blocks."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.child_blocks = BLOCKS.items
