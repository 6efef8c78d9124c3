"""The sandbox's demo accounts and what each can see, for the home page and the loader's output."""

DEMO_PASSWORD = "changeme"

DEMO_ACCOUNTS = [
    (
        "admin",
        "Everything: pages, settings (Settings › Tracking, Consent banner) and every report.",
    ),
    ("editor", "Pages, images and documents (Editors group); no analytics, no tracking settings."),
    ("moderator", "Editing and publishing (Moderators group); no analytics, no tracking settings."),
    ("analyst", "The Analytics menu only (back-office and usage reports); no page editing."),
]
