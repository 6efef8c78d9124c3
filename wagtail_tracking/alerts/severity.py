"""How serious an alert is."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Severity(models.TextChoices):
    INFO = "info", pgettext_lazy("alert severity", "Information")
    WARNING = "warning", pgettext_lazy("alert severity", "Warning")
    CRITICAL = "critical", pgettext_lazy("alert severity", "Critical")
