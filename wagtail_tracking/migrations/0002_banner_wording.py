"""The banner's wording per locale and its cookie policy page.

Like 0001, it depends on Wagtail 7.0's last core migration and names the page model through
swapper (Wagtail 8's WAGTAIL_PAGE_MODEL, wagtailcore.Page before it).
"""

import django.db.models.deletion
import modelcluster.fields
import swapper

import wagtail_tracking.compat  # noqa: F401  (sets swapper's prefix for Wagtail)
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_tracking', '0001_initial'),
        ('wagtailcore', '0094_alter_page_locale'),
        swapper.dependency('wagtailcore', 'Page'),
    ]

    operations = [
        migrations.AddField(
            model_name='consentbannersettings',
            name='policy_page',
            field=models.ForeignKey(blank=True, help_text="The banner links to this page on the visitor's site, in the visitor's language when the page is translated.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=swapper.get_model_name('wagtailcore', 'Page'), verbose_name='cookie policy page'),
        ),
        migrations.AlterField(
            model_name='consentbannersettings',
            name='policy_url',
            field=models.CharField(blank=True, help_text='An address such as /cookies/ or https://example.com/cookies/, when the policy is not a page you can choose above.', max_length=255, verbose_name='cookie policy address'),
        ),
        migrations.CreateModel(
            name='ConsentBannerWording',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('title', models.CharField(blank=True, max_length=120, verbose_name='title')),
                ('text', models.TextField(blank=True, max_length=2000, verbose_name='text')),
                ('accept_label', models.CharField(blank=True, max_length=120, verbose_name='“accept all” button')),
                ('refuse_label', models.CharField(blank=True, max_length=120, verbose_name='“refuse all” button')),
                ('customise_label', models.CharField(blank=True, max_length=120, verbose_name='“choose” button')),
                ('save_label', models.CharField(blank=True, max_length=120, verbose_name='“save my choices” button')),
                ('locale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale', verbose_name='language')),
                ('settings', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='wordings', to='wagtail_tracking.consentbannersettings')),
            ],
            options={
                'verbose_name': 'banner wording',
                'verbose_name_plural': 'banner wordings',
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('settings', 'locale'), name='wagtail_tracking_wording_one_per_locale')],
            },
        ),
    ]
