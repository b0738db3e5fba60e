import uuid
import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

NAME_MAX = 120
TIME_ZONE_UNKNOWN = "Please choose a time zone from the list, such as Europe/London."


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(TIME_ZONE_UNKNOWN)


def normal_email(address: str) -> str:
    """An e-mail address as Cairn keeps and compares it: no spaces around it, in lower
    case (people type the address they signed up with in all sorts of capitals)."""
    return address.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normal_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def with_email(self, email: str) -> "models.QuerySet[User]":
        """The person with this address (at most one), however it is capitalised: the
        address someone types names the same person as the one they signed up with."""
        return self.filter(email__iexact=email)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    name = models.CharField("your name", max_length=NAME_MAX, blank=True)
    time_zone = models.CharField(
        max_length=64, default="Europe/London", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


# A record's link to a person, by what the person is to the record: its owner, its
# author, or who signed it off. Each is the ForeignKey one would write by hand (to
# `settings.AUTH_USER_MODEL`), so columns and migrations are the same, typed as User.


def owner(related_name: str) -> "models.ForeignKey[User, User]":
    """The person a record belongs to (a client's goal, a person's token): it goes when
    they go."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name=related_name
    )


def made_by(related_name: str = "+") -> "models.ForeignKey[User, User]":
    """Who wrote, proposed or assigned it: they cannot be deleted while the record stands."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name=related_name
    )


def done_by(related_name: str = "+") -> "models.ForeignKey[User | None, User | None]":
    """Who agreed, reviewed or signed, once someone has: kept like `made_by`."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
    )
