from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Book


@modeladmin_register
class BookAdmin(ModelAdmin):
    model = Book
    menu_label = "Books"
    inspect_view_enabled = True
    list_display = ("title", "author")
