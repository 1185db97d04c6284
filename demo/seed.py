"""What the rest of the demo builds on: the union, the home page, the users and courses."""

from django.db import transaction

from .courses import build_courses, start_demo_learning
from .home import set_up_home_page
from .union import build_union_tree, create_demo_users


@transaction.atomic
def seed_demo():
    """Create or update the union, the demo users and the courses, with the two members'
    learning under way. Running it again changes nothing. Returns (role, email, password)
    rows of the demo users."""
    regions = build_union_tree()
    set_up_home_page()
    rows = create_demo_users(regions)
    start_demo_learning(build_courses())
    return rows
