import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from cairn.core.checks import refuse_unsafe_production  # noqa: E402  (needs the apps loaded)

refuse_unsafe_production()
