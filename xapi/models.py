from django.conf import settings
from django.db import models


class Statement(models.Model):
    """An xAPI statement waiting to reach the learning record store, or sent. Its id is the
    statement's own, derived from what happened (``statements.statement_id``): the same event
    recorded twice is one row, and the store takes a resent statement as the same one."""

    id = models.UUIDField(primary_key=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    verb = models.CharField(max_length=16)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    tries = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.verb} {self.id}"
