"""The platform's own reminder kinds, one module per subject: courses, webinars, mentoring,
the notices a chair sends her members, and what a learner has earned.
``NotificationsConfig.ready()`` registers ``KINDS`` with ``notifications.kinds``."""

from . import achievements, courses, member_notices, mentoring, webinars

# In the order the email settings page lists them.
KINDS = (
    courses.INACTIVITY,
    courses.DEADLINE,
    courses.POST_TEST,
    webinars.WEBINAR,
    courses.FOLLOW_UP,
    mentoring.MENTEE_STALLED,
    member_notices.LEADER_REMINDER,
    member_notices.WEBINAR_INVITATION,
    achievements.BADGE,
    achievements.CERTIFICATE,  # the bell only: not on the email settings page
)
