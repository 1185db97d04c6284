from django.dispatch import Signal

# Sent once per attempt, after the transaction that decided its score and pass or fail
# commits. Receivers get ``attempt_id``; the learning record store hears of results here.
attempt_scored = Signal()
