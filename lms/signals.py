from django.dispatch import Signal

# Sent once per enrolment, after the transaction that completed it commits.
# Receivers get ``enrolment_id``; certificates and reports listen to this and nothing else.
enrolment_completed = Signal()
