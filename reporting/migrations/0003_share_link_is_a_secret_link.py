"""PackShareLink becomes a core.secret_links.SecretLink: `token_sha256` is renamed (existing links
keep working), and it gains `revoked_by` and `last_used_at` like every secret link."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_pack_render_lease"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("packsharelink", "token_sha256", "token_hash"),
        migrations.RenameField("historicalpacksharelink", "token_sha256", "token_hash"),
        migrations.AlterField(
            model_name="packsharelink",
            name="token_hash",
            field=models.CharField(
                editable=False,
                help_text="SHA-256 of the token, never it.",
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="historicalpacksharelink",
            name="token_hash",
            field=models.CharField(
                db_index=True,
                editable=False,
                help_text="SHA-256 of the token, never it.",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="packsharelink",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalpacksharelink",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="packsharelink",
            name="last_used_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="packaccess",
            name="ip_address",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
        ),
    ]
