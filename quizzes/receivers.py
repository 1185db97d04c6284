from lms.completion import completion_requirement

from . import services


def connect():
    # The course is complete only once its post-test is passed (lms asks, we answer).
    if services.post_test_blocker not in _registered:
        completion_requirement(services.post_test_blocker)
        _registered.append(services.post_test_blocker)


_registered = []
