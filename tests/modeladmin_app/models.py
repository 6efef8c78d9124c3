from django.db import models


class Book(models.Model):
    """Managed through wagtail-modeladmin only (not a snippet)."""

    title = models.CharField(max_length=255)
    author = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return self.title
