"""Business rules of reports. Views, tasks, commands and other apps call these.

Every report function takes the asking user and checks, through ``lms.permissions``, that
the organisation asked about lies in their subtree before reading anything.
"""
