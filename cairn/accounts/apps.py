from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cairn.accounts"
    label = "accounts"

    def ready(self) -> None:
        from cairn.accounts import receivers  # noqa: F401  (starts the session clock)
