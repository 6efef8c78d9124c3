"""A model managed through wagtail-modeladmin, installed only when wagtail-modeladmin is."""
