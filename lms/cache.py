"""Redis as Django's cache, where a Redis outage is a cache miss, not a server error.

The cache holds nothing that is not also elsewhere: counters for rate limits, the unread
notification count, rendered fragments. While Redis is down, reads miss, writes are
dropped and rate limits stop counting (they fail open); pages keep being served from
PostgreSQL. Each failure is logged.

``add`` answers True during an outage: rate limiters take a lock or start a counter with
it (allauth's login limits do both), and a lock that can never be taken would refuse every
login with 429. Nothing here uses ``add`` to make something happen only once; that is kept
in the database (reminders, certificates, the login lockout).
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


def _on_outage(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _OUTAGE as error:
                logger.warning("Cache unavailable, %s() treated as a miss: %s", method.__name__, error)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    get = _on_outage(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _on_outage({})(RedisCache.get_many)
    has_key = _on_outage(False)(RedisCache.has_key)
    add = _on_outage(True)(RedisCache.add)
    set = _on_outage(None)(RedisCache.set)
    set_many = _on_outage([])(RedisCache.set_many)
    touch = _on_outage(False)(RedisCache.touch)
    delete = _on_outage(False)(RedisCache.delete)
    delete_many = _on_outage(None)(RedisCache.delete_many)
    # A counter that cannot be read counts as its first step.
    incr = _on_outage(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    clear = _on_outage(False)(RedisCache.clear)
