from django.dispatch import Signal

# Sent after the transaction that issued a certificate commits, with ``certificate_id``: the
# notifications app puts a notice in the holder's bell (the email goes from here).
certificate_issued = Signal()
