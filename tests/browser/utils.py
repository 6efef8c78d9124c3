"""Steps the browser tests share."""


def log_in_as_admin(page, test_server) -> None:
    """Sign in to the Wagtail admin as the scenarios' superuser."""
    page.goto(test_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
