"""Pages and records of the site's content: home page, library of materials, webinars."""

from .home import HomePage
from .library import Access, LibraryIndexPage, MaterialKind, MaterialPage, MaterialUsage
from .webinars import WebinarIndexPage, WebinarPage, WebinarRegistration

__all__ = [
    "Access",
    "HomePage",
    "LibraryIndexPage",
    "MaterialKind",
    "MaterialPage",
    "MaterialUsage",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarRegistration",
]
