"""The delivery ledger, moved here from network with its table (network_delivery) as it is:
network 0006 shaped the table and dropped the model from its state; this takes it into common's state
and touches no table."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('address', models.EmailField(blank=True, max_length=254)),
                ('occasion', models.CharField(max_length=200)),
                ('kind', models.CharField(max_length=40)),
                ('topic', models.CharField(blank=True, max_length=40)),
                ('topic_id', models.BigIntegerField(blank=True, null=True)),
                ('params', models.JSONField(blank=True, default=dict)),
                ('message', models.JSONField(blank=True, default=dict)),
                ('status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sending', 'Being sent'), ('sent', 'Sent'), ('failed', 'Failed, will retry'), ('given_up', 'Given up')], default='pending', max_length=10)),
                ('claim', models.CharField(blank=True, max_length=100)),
                ('claimed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('lease_until', models.DateTimeField(blank=True, null=True)),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('error', models.TextField(blank=True)),
                ('window_start', models.DateTimeField(blank=True, null=True)),
                ('window_end', models.DateTimeField(blank=True, null=True)),
                ('subject', models.CharField(blank=True, max_length=300)),
                ('recipient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'e-mail delivery',
                'verbose_name_plural': 'e-mail deliveries',
                'db_table': 'network_delivery',
                'ordering': ['-claimed_at', '-pk'],
                'indexes': [models.Index(fields=['kind', 'recipient', '-window_end'], name='network_del_kind_394e73_idx'), models.Index(fields=['topic', 'topic_id', 'kind'], name='delivery_topic_idx'), models.Index(condition=models.Q(('status', 'sent'), _negated=True), fields=['status', 'next_attempt_at'], name='delivery_unfinished_idx')],
                'constraints': [models.UniqueConstraint(fields=('recipient', 'occasion'), name='one_delivery_per_occasion'), models.UniqueConstraint(condition=models.Q(('recipient__isnull', True)), fields=('address', 'occasion'), name='one_delivery_per_address_and_occasion')],
            },
        )]),
    ]
