"""Business rules of the site's content. Views, admin screens, receivers and the demo call
these; none re-implements a rule."""

from .attendance import (
    AttendanceFileError,
    AttendanceRefused,
    import_attendance,
    mark_attended,
    read_attendance_emails,
)
from .calendar import (
    calendar_file,
    feed_token,
    google_calendar_url,
    registered_webinars,
    user_id_for_feed_token,
)
from .documents import Verdict, download_verdict, may_download
from .library import (
    SORT_NEWEST,
    SORT_POPULAR,
    SORT_RELEVANCE,
    library_materials,
    may_open,
    record_use,
    sorted_by,
    with_filters,
)
from .site_search import KIND_COURSE, KIND_WEBINAR, search_site
from .webinars import (
    RegistrationRefused,
    cancel,
    join_link,
    join_link_opens,
    past_webinars,
    places_left,
    publish_recording,
    recording_material,
    register,
    registered_webinar_ids,
    registration_for,
    upcoming_webinars,
)

__all__ = [
    "KIND_COURSE",
    "KIND_WEBINAR",
    "SORT_NEWEST",
    "SORT_POPULAR",
    "SORT_RELEVANCE",
    "AttendanceFileError",
    "AttendanceRefused",
    "RegistrationRefused",
    "Verdict",
    "calendar_file",
    "cancel",
    "download_verdict",
    "feed_token",
    "google_calendar_url",
    "import_attendance",
    "join_link",
    "join_link_opens",
    "library_materials",
    "mark_attended",
    "may_download",
    "may_open",
    "past_webinars",
    "places_left",
    "publish_recording",
    "read_attendance_emails",
    "record_use",
    "recording_material",
    "register",
    "registered_webinar_ids",
    "registration_for",
    "registered_webinars",
    "search_site",
    "sorted_by",
    "upcoming_webinars",
    "user_id_for_feed_token",
    "with_filters",
]
