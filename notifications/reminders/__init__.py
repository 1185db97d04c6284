"""The platform's own reminder kinds, one module per subject: courses, webinars, mentoring,
the notices a chair sends her members, what a learner has earned, and a methodologist's
decision on what a trainer sent for review.
``NotificationsConfig.ready()`` registers ``KINDS`` with ``notifications.kinds``."""

from . import achievements, courses, member_notices, mentoring, reviews, webinars

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
    reviews.REVIEW_DECISION,
    achievements.CERTIFICATE,  # the bell only: not on the email settings page
)
