"""Business rules of motivation, mentoring, surveys, plans and budgets, one module each.
Views, tasks and commands call these.

Every function that reads an organisation's data checks, through
``lms.permissions.check_organisation``, that it lies in the user's subtree.
"""
