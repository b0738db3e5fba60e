from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "cairn.home"
    label = "home"

    def ready(self) -> None:
        from cairn.home import receivers, record_versions

        receivers.connect()  # keeps the caseload summaries in step with the records
        record_versions.connect()  # and the kept pages (cairn.core.page_cache)
