"""Demo and generated data: ``manage.py seed_demo`` (a small union with its users, courses,
tests, library, webinars, events, badges and plans) and ``manage.py generate_union`` (the
union at full scale, for benchmarks). The texts are JSON files in ``demo/data/``.

This app sits on top of all the others: it imports them, and none of them imports it."""
