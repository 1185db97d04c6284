"""Certificate PDFs in a bucket of their own (``AWS_PRIVATE_STORAGE_BUCKET_NAME``), for more
than one machine: like ``PrivateStorage``, no link ever reaches them, signed or not; the
download view streams a PDF to its holder after checking who asks. Imported only when that
bucket is set (``STORAGES["private"]`` in lms/settings.py), so boto3 is not loaded otherwise."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    default_acl = None  # the bucket's policy (no public access at all) decides
    querystring_auth = True
    file_overwrite = False

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL; stream them through a view.")
