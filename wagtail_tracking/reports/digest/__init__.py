"""The weekly digest: one e-mail per site to each user who asked for it in their account.

It lives with the reports because it shows their figures (activity and usage), with links into
them, and the week's alerts.
"""
