"""A shortened webinar-start rush against gunicorn on PostgreSQL and Redis: learners log in,
open the webinar page, register and get the join link, with no errors and every
registration recorded. The full 5,000-learner run is bench/webinar_rush.py."""

import pytest

from bench.webinar_rush import run

pytestmark = pytest.mark.integration

LEARNERS = 30


def test_learners_rushing_into_a_webinar_all_get_in(django_db_blocker):
    with django_db_blocker.unblock():
        outcome, recorded, _seconds = run(learners=LEARNERS, concurrency=10, log=None)
    assert outcome.errors == []
    assert recorded == LEARNERS
    assert outcome.joined == LEARNERS
