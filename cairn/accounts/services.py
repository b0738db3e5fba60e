from allauth.account.models import EmailAddress
from django.db import transaction

from cairn.accounts.models import User


@transaction.atomic
def user_create(*, email: str, password: str | None, name: str = "", verified: bool = True) -> User:
    """A new person. Their email is verified when they came through a link sent to it."""
    user = User.objects.create_user(email=email, password=password, name=name)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


def profile_update(*, user: User, name: str, time_zone: str) -> User:
    """How the person is greeted and shown to others, and the day they live by."""
    user.name, user.time_zone = name, time_zone
    user.save(update_fields=["name", "time_zone"])
    return user
