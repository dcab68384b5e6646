"""The alert banner moves from the website app to its own: state only, the table website_alert stays."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_types(old_label, new_label, models):
    """Give the moved models' content types (and so their permissions) the new app label."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        types = ContentType.objects.using(schema_editor.connection.alias)
        for model in models:
            if types.filter(app_label=old_label, model=model).exists():
                types.filter(app_label=new_label, model=model).delete()
                types.filter(app_label=old_label, model=model).update(app_label=new_label)
        from django.contrib.contenttypes.models import ContentType as LiveContentType

        LiveContentType.objects.clear_cache()

    def backwards(apps, schema_editor):
        move_content_types(new_label, old_label, models)[0](apps, schema_editor)

    return forwards, backwards


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('website', '0007_security_settings'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table was created by website 0003/0005 and keeps its name.
            state_operations=[
                migrations.CreateModel(
                    name='Alert',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message', models.CharField(help_text="A short notice, e.g. '2 maja ośrodek będzie nieczynny.'", max_length=300, verbose_name='message')),
                        ('level', models.CharField(choices=[('info', 'Information'), ('warning', 'Warning'), ('urgent', 'Urgent')], default='info', help_text='Urgent alerts stand out most; use them sparingly.', max_length=10, verbose_name='level')),
                        ('include_children', models.BooleanField(default=True, help_text='Show the alert on the chosen page and all pages below it.', verbose_name='also on its subpages')),
                        ('starts_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When the alert appears.', verbose_name='show from')),
                        ('ends_at', models.DateTimeField(blank=True, help_text='When the alert disappears by itself. Leave empty to remove it by hand.', null=True, verbose_name='show until')),
                        ('enabled', models.BooleanField(default=True, help_text='Untick to hide the alert at once.', verbose_name='enabled')),
                        ('link_page', models.ForeignKey(blank=True, help_text='Optional page with details.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='read more on page')),
                        ('scope_page', models.ForeignKey(blank=True, help_text='Leave empty to show the alert on every page.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='show only on page')),
                    ],
                    options={
                        'verbose_name': 'alert',
                        'verbose_name_plural': 'alerts',
                        'db_table': 'website_alert',
                        'ordering': ['-starts_at'],
                        'indexes': [models.Index(fields=['enabled', 'starts_at', 'ends_at'], name='website_ale_enabled_453505_idx')],
                    },
                ),
            ],
        ),
        migrations.RunPython(*move_content_types('website', 'alerts', ['alert'])),
    ]
