"""Every admin URL of the plugin, found from the URL resolver rather than listed by hand.

The fuzz and permission-matrix tests iterate these, so that a view added to the plugin is
probed and must appear in the matrix without anyone remembering to add it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.settings.registry import registry as settings_registry

from wagtail_tracking.reports.streamed_export import StreamedExportMixin


NAMESPACE = "wagtail_tracking_analytics"


@dataclass(frozen=True)
class AdminURL:
    name: str
    url: str
    exports: tuple[str, ...]
    #: "analytics" (Browse analytics), or the model permission a settings screen asks for.
    kind: str


def _patterns(resolver: URLResolver, namespace: str) -> list[URLPattern]:
    found: list[URLPattern] = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == namespace:
                found.extend(p for p in pattern.url_patterns if isinstance(p, URLPattern))
            else:
                found.extend(_patterns(pattern, namespace))
    return found


def _exports(view_class: type) -> tuple[str, ...]:
    if not getattr(view_class, "list_export", None):
        return ()
    if issubclass(view_class, StreamedExportMixin):
        return StreamedExportMixin.FORMATS
    return ("csv", "xlsx")


def analytics_urls(arguments: dict[str, object]) -> list[AdminURL]:
    """The Analytics URLs, their arguments taken by name from ``arguments``."""
    urls = []
    for pattern in _patterns(get_resolver(), NAMESPACE):
        names = list(pattern.pattern.converters)
        missing = [name for name in names if name not in arguments]
        assert not missing, f"discovery: give a value for {missing} ({pattern.name})"
        url = reverse(f"{NAMESPACE}:{pattern.name}", kwargs={n: arguments[n] for n in names})
        view_class = getattr(pattern.callback, "view_class", None)
        initkwargs = getattr(pattern.callback, "view_initkwargs", {})
        exports = () if initkwargs.get("results_only") else _exports(view_class)
        urls.append(AdminURL(pattern.name, url, exports, "analytics"))
    assert urls, "no Analytics URL found"
    return urls


def settings_urls(site_pk: int) -> list[AdminURL]:
    """The plugin's site settings screens (Settings › Tracking, Settings › Consent banner)."""
    urls = []
    for model in settings_registry:
        if model._meta.app_label != "wagtail_tracking":
            continue
        name = model._meta.model_name
        url = reverse("wagtailsettings:edit", args=["wagtail_tracking", name, site_pk])
        urls.append(AdminURL(f"settings:{name}", url, (), f"wagtail_tracking.change_{name}"))
    assert urls, "no settings screen found"
    return urls
