"""A separate token for the published results page (it used to reuse the answering link's).

A unique column with a random default: added empty, filled row by row, then made unique.
"""

from typing import Any

from django.db import migrations, models

import guild.questionnaires.models


def fill_results_tokens(apps: Any, schema_editor: Any) -> None:
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    for questionnaire in Questionnaire.objects.filter(results_token__isnull=True).only("pk"):
        questionnaire.results_token = guild.questionnaires.models.results_token()
        questionnaire.save(update_fields=["results_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionnaire",
            name="results_token",
            field=models.CharField(max_length=40, null=True, verbose_name="results link token"),
        ),
        migrations.RunPython(fill_results_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="questionnaire",
            name="results_token",
            field=models.CharField(
                default=guild.questionnaires.models.results_token,
                max_length=40,
                unique=True,
                verbose_name="results link token",
            ),
        ),
    ]
