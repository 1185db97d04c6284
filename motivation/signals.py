from django.dispatch import Signal

# Sent after the transaction that saved them commits, with ``notice_ids``: the notifications
# app turns each MemberNotice into a reminder in the bell and an email.
notices_sent = Signal()

# Sent after the transaction that made them commits, with ``award_ids``: the notifications
# app tells each person of their new badge in the bell (and by email).
badges_awarded = Signal()
