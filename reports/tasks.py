from celery import shared_task

from .services import member_import


@shared_task
def check_member_import(job_id):
    """The preview of a member import: safe to run again (a checked job is left alone)."""
    return member_import.run_check(job_id).status


@shared_task
def commit_member_import(job_id):
    """Write a checked member import, all or nothing. A rerun after a worker died finds
    the transaction rolled back and starts over; a finished job is left alone."""
    return member_import.run_commit(job_id).status
