from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The account. Everything about the person as a learner lives in ``LearnerProfile``."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self):
        return self.get_full_name() or self.email or self.username
