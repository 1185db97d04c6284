"""Settings of the page benchmark (bench/pages.py): the site's own settings, read from the
same environment variables, with a bare view added in front of the site's URLs."""

from lms.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
