import re

from django.urls import reverse


def test_browse_analytics_is_offered_in_the_group_editor(admin_client):
    response = admin_client.get(reverse("wagtailusers_groups:add"))
    assert response.status_code == 200
    # Wagtail shows custom permissions on the model's row, without the model's name.
    row = re.search(r"<h3>Analytics</h3>.*?</tr>", response.content.decode(), re.S)
    assert row and re.search(r'name="permissions"[^>]*>\s*Browse\s*</label>', row.group())
