from wagtail_tracking.reports.checks import check_document_usage_panel


def ids(settings_value, settings):
    settings.WAGTAIL_TRACKING = settings_value
    return [message.id for message in check_document_usage_panel()]


def test_test_settings_are_clean(settings):
    assert ids({}, settings) == []


def test_document_form_without_the_panel_is_i042(settings):
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = ""
    assert ids({}, settings) == ["wagtail_tracking.I042"]
    assert ids({"USAGE_ENABLED": False}, settings) == []
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "wagtail.documents.forms.BaseDocumentForm"
    assert ids({}, settings) == ["wagtail_tracking.I042"]
