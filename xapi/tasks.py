from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_statements():
    """Send what waits for the learning record store (after each event, and every minute
    for what an earlier try left)."""
    return services.send_pending()
