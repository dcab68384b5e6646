"""The visit counter's tables move from the website app to their own: state only, tables keep their names."""

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
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table was created by website 0003/0005 and keeps its name.
            state_operations=[
                migrations.CreateModel(
                    name='DailyVisits',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(unique=True, verbose_name='day')),
                        ('visits', models.PositiveBigIntegerField(default=0, verbose_name='visits')),
                        ('page_views', models.PositiveBigIntegerField(default=0, verbose_name='page views')),
                    ],
                    options={
                        'verbose_name': 'daily visits',
                        'verbose_name_plural': 'daily visits',
                        'db_table': 'website_dailyvisits',
                        'ordering': ['-day'],
                    },
                ),
                migrations.CreateModel(
                    name='VisitSalt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(unique=True, verbose_name='day')),
                        ('salt', models.CharField(max_length=64, verbose_name='salt')),
                    ],
                    options={
                        'verbose_name': 'visit salt',
                        'verbose_name_plural': 'visit salts',
                        'db_table': 'website_visitsalt',
                    },
                ),
                migrations.CreateModel(
                    name='PageViews',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='day')),
                        ('path', models.CharField(max_length=255, verbose_name='path')),
                        ('views', models.PositiveBigIntegerField(default=0, verbose_name='views')),
                    ],
                    options={
                        'verbose_name': 'page views',
                        'verbose_name_plural': 'page views',
                        'db_table': 'website_pageviews',
                        'indexes': [models.Index(fields=['day', '-views'], name='pageviews_day_views')],
                        'constraints': [models.UniqueConstraint(fields=('day', 'path'), name='pageviews_day_path')],
                    },
                ),
                migrations.CreateModel(
                    name='VisitorSeen',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='day')),
                        ('visitor_hash', models.CharField(max_length=64, verbose_name='visitor hash')),
                    ],
                    options={
                        'verbose_name': 'visitor seen',
                        'verbose_name_plural': 'visitors seen',
                        'db_table': 'website_visitorseen',
                        'constraints': [models.UniqueConstraint(fields=('day', 'visitor_hash'), name='visitorseen_day_hash')],
                    },
                ),
            ],
        ),
        migrations.RunPython(*move_content_types('website', 'visits', ['dailyvisits', 'visitsalt', 'pageviews', 'visitorseen'])),
    ]
