"""A package of another author's making: it adds a tracker provider through the hook only.

It shows that a third-party provider is first-class: from its declarations alone it gets a tab
in Settings › Tracking, validation, its snippet on the page, the consent banner and cookie-table
rows and the "What this site will emit" preview, with no admin code and no migration of its own.
"""
