"""Notifications keep the facts of their event (its payload) for clients and subscriptions."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='payload',
            field=models.JSONField(default=dict),
        ),
    ]
