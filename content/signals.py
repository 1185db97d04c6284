from django.dispatch import Signal

# Sent once per webinar registration that became attended, after the transaction that
# marked it commits. Receivers get ``registration_id``; the certificates app issues the
# attendance certificate from it.
webinar_attended = Signal()
