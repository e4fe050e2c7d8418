"""The answer tally (results/statistics/tally.py), counted for every questionnaire that
already has a results snapshot as its latest snapshot publishes it; indexes to count
published responses and to find retired answer rows."""

import django.db.models.deletion
from django.db import migrations, models

ROW_KEY = "question, item, choice, number, department, region"
KEY = "question, item, choice, number, breakdown, category"
BREAKDOWNS = (("", "''"), ("department", "department"), ("region", "region"))


def count_published(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Each questionnaire's published rows (retired ones too: they stay published until
    # the next snapshot deletes them), service-wide, by department and by region.
    snapshot_model = apps.get_model("questionnaires", "ResultsSnapshot")
    response_model = apps.get_model("questionnaires", "Response")
    state_model = apps.get_model("questionnaires", "AnswerTallyState")
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    tally = quote(apps.get_model("questionnaires", "AnswerTally")._meta.db_table)
    answer = quote(apps.get_model("questionnaires", "Answer")._meta.db_table)
    spread = " UNION ALL ".join(
        f"SELECT question, item, choice, number, '{name}' AS breakdown, "  # noqa: S608
        f"{column} AS category, c FROM r"
        for name, column in BREAKDOWNS
    )
    sql = (
        f"WITH r AS (SELECT {ROW_KEY}, COUNT(*) AS c FROM {answer} "  # noqa: S608
        f"WHERE questionnaire_id = %s AND snapshot > 0 GROUP BY {ROW_KEY}) "
        f"INSERT INTO {tally} (snapshot, questionnaire_id, {KEY}, n) "
        f"SELECT %s, %s, {KEY}, SUM(c) FROM ({spread}) s GROUP BY {KEY}"
    )
    latest: dict[int, int] = {}
    for questionnaire_id, number in snapshot_model.objects.values_list(
        "questionnaire_id", "number"
    ):
        latest[questionnaire_id] = max(number, latest.get(questionnaire_id, 0))
    with connection.cursor() as cursor:
        for questionnaire_id, number in latest.items():
            cursor.execute(sql, [questionnaire_id, number, questionnaire_id])
            state_model.objects.create(
                questionnaire_id=questionnaire_id,
                snapshot=number,
                responses=response_model.objects.filter(
                    questionnaire_id=questionnaire_id, snapshot__gt=0
                ).count(),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0003_results_snapshots"),
    ]

    operations = [
        migrations.CreateModel(
            name="AnswerTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("snapshot", models.IntegerField()),
                ("breakdown", models.CharField(blank=True, max_length=10)),
                ("category", models.CharField(blank=True, max_length=20)),
                ("question", models.CharField(max_length=64)),
                ("item", models.CharField(blank=True, max_length=64)),
                ("choice", models.CharField(blank=True, max_length=64)),
                ("number", models.FloatField(blank=True, null=True)),
                ("n", models.IntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="AnswerTallyState",
            fields=[
                (
                    "questionnaire",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="questionnaires.questionnaire",
                    ),
                ),
                ("snapshot", models.IntegerField()),
                ("responses", models.IntegerField()),
            ],
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(
                condition=models.Q(("retired", True)),
                fields=["questionnaire"],
                name="answer_retired",
            ),
        ),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(fields=["questionnaire", "snapshot"], name="response_snapshot"),
        ),
        migrations.AddField(
            model_name="answertally",
            name="questionnaire",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="questionnaires.questionnaire",
            ),
        ),
        migrations.AddIndex(
            model_name="answertally",
            index=models.Index(
                fields=["questionnaire", "breakdown"], name="answer_tally_breakdown"
            ),
        ),
        migrations.RunPython(count_published, migrations.RunPython.noop),
    ]
