from django.apps import AppConfig


class ModelAdminAppConfig(AppConfig):
    name = "tests.modeladmin_app"
    label = "modeladmin_app"
    default_auto_field = "django.db.models.AutoField"
