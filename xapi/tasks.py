from celery import shared_task

from . import services


# Acknowledged on receipt, unlike the other tasks: the rows are the record of what is owed,
# so a send lost with its worker is made by the next minute's, and no message of this task
# is left for the broker to restore when its connection drops.
@shared_task(ignore_result=True, acks_late=False)
def send_statements():
    """Send what waits for the learning record store, in batches (every minute, by beat)."""
    return services.send_pending()
