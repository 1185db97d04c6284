from celery import shared_task

from . import services


@shared_task
def close_expired_attempts():
    """Score attempts whose time ran out while the learner was away (run by beat)."""
    return services.close_expired_attempts()
