"""The programme's three evaluation questionnaires, as definitions the questionnaire engine
accepts: after each formal learning event, after each action learning group meeting, and
the supervisors' feedback once per intake.

The question codes are fixed: the success measures read `understanding` and `benefit`
(agree = strongly_agree + agree) and the themes are tagged on `comments` and `observed`.
Contents are plain data, bilingual, so they need no gettext.
"""

from guild.questionnaires.definition.scales import agree_scale
from guild.questionnaires.definition.types import (
    Definition,
    Question,
    QuestionType,
    Section,
    Text,
)

UNDERSTANDING = "understanding"
BENEFIT = "benefit"
COMMENTS = "comments"
OBSERVED = "observed"
AGREE = frozenset({"strongly_agree", "agree"})
LIKERT_CODES = ("strongly_agree", "agree", "neutral", "disagree", "strongly_disagree")
COMMENT_LENGTH = 2000

_ANONYMOUS = Text(
    "Your answers are anonymous: results are shown only for groups large enough that no "
    "one can be singled out. The programme's administrators read the comments, without "
    "your name, to find their common themes: do not name yourself or others in them.",
    "Vos réponses sont anonymes : les résultats ne sont présentés que pour des groupes "
    "assez nombreux pour que personne ne puisse être reconnu. Les administrateurs du "
    "programme lisent les commentaires, sans votre nom, pour en dégager les thèmes "
    "communs : ne vous y nommez pas et n'y nommez personne.",
)


def _comments(label: Text) -> Question:
    return Question(
        code=COMMENTS,
        type=QuestionType.LONG_TEXT,
        label=label,
        max_length=COMMENT_LENGTH,
    )


def _likert(code: str, label: Text) -> Question:
    return Question(
        code=code, type=QuestionType.LIKERT, label=label, required=True, options=agree_scale()
    )


def event_evaluation() -> Definition:
    """After each formal learning event."""
    return Definition(
        title=Text(
            "Formal learning event evaluation",
            "Évaluation de l'activité d'apprentissage structurée",
        ),
        description=_ANONYMOUS,
        sections=(
            Section(
                code="event",
                title=Text("This learning event", "Cette activité d'apprentissage"),
                questions=(
                    _likert(
                        UNDERSTANDING,
                        Text(
                            "This learning event improved my understanding of information "
                            "management.",
                            "Cette activité d'apprentissage a amélioré ma compréhension de "
                            "la gestion de l'information.",
                        ),
                    ),
                    _comments(
                        Text(
                            "What did you take away from this event, and what would you change?",
                            "Qu'avez-vous retenu de cette activité et que changeriez-vous?",
                        )
                    ),
                ),
            ),
        ),
    )


def group_evaluation() -> Definition:
    """After each action learning group meeting."""
    return Definition(
        title=Text(
            "Action learning group evaluation",
            "Évaluation de la rencontre du groupe d'apprentissage par l'action",
        ),
        description=_ANONYMOUS,
        sections=(
            Section(
                code="group",
                title=Text("This group meeting", "Cette rencontre du groupe"),
                questions=(
                    _likert(
                        BENEFIT,
                        Text(
                            "Action learning is of benefit to my work and my leadership "
                            "development.",
                            "L'apprentissage par l'action est profitable à mon travail et au "
                            "développement de mon leadership.",
                        ),
                    ),
                    _comments(
                        Text(
                            "How has your group helped you with a real challenge at work?",
                            "Comment votre groupe vous a-t-il aidé à relever un véritable "
                            "défi au travail?",
                        )
                    ),
                ),
            ),
        ),
    )


def supervisor_feedback() -> Definition:
    """Answered once per intake by each participant's supervisor, through a link."""
    return Definition(
        title=Text(
            "Supervisor feedback on the IM Leadership Initiative",
            "Rétroaction des superviseurs sur l'Initiative de leadership en gestion de "
            "l'information",
        ),
        description=_ANONYMOUS,
        sections=(
            Section(
                code="feedback",
                title=Text("Your employee's participation", "La participation de votre employé"),
                questions=(
                    Question(
                        code=OBSERVED,
                        type=QuestionType.LONG_TEXT,
                        label=Text(
                            "What difference has the programme made to your employee's work?",
                            "Quelle différence le programme a-t-il faite dans le travail de "
                            "votre employé?",
                        ),
                        required=True,
                        max_length=COMMENT_LENGTH,
                    ),
                    _comments(
                        Text(
                            "Any other comments on the programme?",
                            "Avez-vous d'autres commentaires sur le programme?",
                        )
                    ),
                ),
            ),
        ),
    )
