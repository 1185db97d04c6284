import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, which no URL serves: a view streams them after
    checking who asks. The location is read from settings on every use."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; stream them through a view.")


def private_storage():
    """``PRIVATE_MEDIA_ROOT``; or, when ``AWS_PRIVATE_STORAGE_BUCKET_NAME`` is set, a bucket
    of its own that no link reaches either (``certificates.s3``). Never the default storage,
    whose files may have public or signed links."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return PrivateStorage()
