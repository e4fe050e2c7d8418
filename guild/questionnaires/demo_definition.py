"""The IM Members Questionnaire: the demo community's questionnaire, built from plain
reference tuples ``(code, name_en, name_fr)`` so the seeder and the benchmark can call it
without the ORM.

The questions that could single a respondent out when read together (organization,
region, group and level, languages, age and service bands, supervising) are declared
quasi-identifiers, so the row-level export makes them coarser until every combination is
shared by at least the threshold.

The age and service bands are also given as ``(code, low, high)`` (whole years, ``high``
inclusive, ``None`` open) for the workforce view in `retirement.py`.
"""

from collections.abc import Iterable
from decimal import Decimal

from guild.questionnaires.definition.scales import agree_scale
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Section,
    Text,
)

Reference = tuple[str, str, str]

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_25", 16, 24),
    ("25_29", 25, 29),
    ("30_34", 30, 34),
    ("35_39", 35, 39),
    ("40_44", 40, 44),
    ("45_49", 45, 49),
    ("50_54", 50, 54),
    ("55_59", 55, 59),
    ("60_64", 60, 64),
    ("65_plus", 65, None),
)
SERVICE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_2", 0, 1),
    ("2_4", 2, 4),
    ("5_9", 5, 9),
    ("10_14", 10, 14),
    ("15_19", 15, 19),
    ("20_24", 20, 24),
    ("25_29", 25, 29),
    ("30_34", 30, 34),
    ("35_plus", 35, None),
)
IM_YEARS_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under_2", 0, 1),
    ("2_4", 2, 4),
    ("5_9", 5, 9),
    ("10_19", 10, 19),
    ("20_plus", 20, None),
)


def _band_options(bands: Iterable[tuple[str, int, int | None]]) -> tuple[Option, ...]:
    options = []
    for code, low, high in bands:
        if high is None:
            label = Text(f"{low} or more", f"{low} ou plus")
        elif code.startswith("under_"):
            label = Text(f"Less than {high + 1}", f"Moins de {high + 1}")
        else:
            label = Text(f"{low} to {high}", f"De {low} à {high}")
        options.append(Option(code, label))
    return tuple(options)


def _options(items: Iterable[Reference]) -> tuple[Option, ...]:
    return tuple(Option(code, Text(en, fr)) for code, en, fr in items)


def _q(code: str, kind: QuestionType, en: str, fr: str, **extra: object) -> Question:
    return Question(code=code, type=kind, label=Text(en, fr), **extra)  # type: ignore[arg-type]


YES_NO = _options([("yes", "Yes", "Oui"), ("no", "No", "Non")])
YES_NO_UNSURE = _options(
    [("yes", "Yes", "Oui"), ("no", "No", "Non"), ("unsure", "Not sure", "Je ne sais pas")]
)
TRAINING_TOPICS = _options(
    [
        ("records", "Records and recordkeeping", "Gestion des documents et tenue de dossiers"),
        ("data", "Data management and analytics", "Gestion et analyse des données"),
        (
            "privacy_atip",
            "Privacy and access to information",
            "Protection des renseignements personnels et accès à l'information",
        ),
        ("digital", "Digital preservation", "Préservation numérique"),
        ("metadata", "Metadata and taxonomies", "Métadonnées et taxonomies"),
        ("tools", "Collaboration tools (GCdocs, M365)", "Outils de collaboration (GCdocs, M365)"),
        ("leadership", "Leadership and management", "Leadership et gestion"),
        (
            "ai",
            "Artificial intelligence and automation",
            "Intelligence artificielle et automatisation",
        ),
    ]
)


def im_members_questionnaire(
    departments: Iterable[Reference],
    regions: Iterable[Reference],
    groups: Iterable[Reference],
) -> Definition:
    """The IM Members Questionnaire: 36 questions in 8 sections, every question type."""
    agree = agree_scale()
    sections = (
        Section(
            "position",
            Text("You and your position", "Vous et votre poste"),
            Text(
                "These answers let us show results by organization, region and group. "
                "Groups smaller than the threshold are never shown.",
                "Ces réponses nous permettent de présenter les résultats par organisation, "
                "région et groupe. Les groupes trop petits ne sont jamais présentés.",
            ),
            (
                _q(
                    "department",
                    QuestionType.SINGLE,
                    "Which department or agency do you work for?",
                    "Pour quel ministère ou organisme travaillez-vous?",
                    required=True,
                    options=_options(departments),
                    breakdown=Breakdown.DEPARTMENT,
                    quasi_identifier=QuasiIdentifier.NOMINAL,
                ),
                _q(
                    "region",
                    QuestionType.SINGLE,
                    "In which region is your workplace?",
                    "Dans quelle région se trouve votre lieu de travail?",
                    required=True,
                    options=_options(regions),
                    breakdown=Breakdown.REGION,
                    quasi_identifier=QuasiIdentifier.NOMINAL,
                ),
                _q(
                    "occupational_group",
                    QuestionType.SINGLE,
                    "What is the occupational group of your substantive position?",
                    "Quel est le groupe professionnel de votre poste d'attache?",
                    options=_options(groups),
                    breakdown=Breakdown.OTHER,
                    quasi_identifier=QuasiIdentifier.NOMINAL,
                ),
                _q(
                    "level",
                    QuestionType.SINGLE,
                    "What is the level of your substantive position?",
                    "Quel est le niveau de votre poste d'attache?",
                    options=tuple(
                        Option(str(n), Text(f"Level {n}", f"Niveau {n}")) for n in range(1, 9)
                    ),
                    quasi_identifier=QuasiIdentifier.ORDERED,
                ),
                _q(
                    "tenure",
                    QuestionType.SINGLE,
                    "What is your employment tenure?",
                    "Quelle est votre situation d'emploi?",
                    options=_options(
                        [
                            ("indeterminate", "Indeterminate", "Durée indéterminée"),
                            ("term", "Term", "Durée déterminée"),
                            ("casual", "Casual", "Emploi occasionnel"),
                            ("student", "Student", "Emploi étudiant"),
                        ]
                    ),
                ),
            ),
        ),
        Section(
            "experience",
            Text("Age and experience", "Âge et expérience"),
            None,
            (
                _q(
                    "age_band",
                    QuestionType.SINGLE,
                    "What is your age?",
                    "Quel est votre âge?",
                    options=_band_options(AGE_BANDS),
                    breakdown=Breakdown.OTHER,
                    quasi_identifier=QuasiIdentifier.ORDERED,
                ),
                _q(
                    "service_years",
                    QuestionType.SINGLE,
                    "How many years have you worked in the federal public service?",
                    "Depuis combien d'années travaillez-vous dans la fonction publique fédérale?",
                    options=_band_options(SERVICE_BANDS),
                    breakdown=Breakdown.OTHER,
                    quasi_identifier=QuasiIdentifier.ORDERED,
                ),
                _q(
                    "im_years",
                    QuestionType.SINGLE,
                    "How many years have you worked in information management?",
                    "Depuis combien d'années travaillez-vous en gestion de l'information?",
                    options=_band_options(IM_YEARS_BANDS),
                    breakdown=Breakdown.OTHER,
                    quasi_identifier=QuasiIdentifier.ORDERED,
                ),
                _q(
                    "joined_public_service",
                    QuestionType.DATE,
                    "When did you join the federal public service?",
                    "À quelle date avez-vous commencé à travailler dans la fonction publique "
                    "fédérale?",
                    help=Text(
                        "Optional. An approximate date is fine.",
                        "Facultatif. Une date approximative suffit.",
                    ),
                    quasi_identifier=QuasiIdentifier.ORDERED,
                ),
                _q(
                    "first_official_language",
                    QuestionType.SINGLE,
                    "What is your first official language?",
                    "Quelle est votre première langue officielle?",
                    options=_options([("en", "English", "Anglais"), ("fr", "French", "Français")]),
                    breakdown=Breakdown.OTHER,
                    quasi_identifier=QuasiIdentifier.NOMINAL,
                ),
            ),
        ),
        Section(
            "languages",
            Text("Second official language", "Seconde langue officielle"),
            None,
            (
                _q(
                    "second_language_levels",
                    QuestionType.MATRIX,
                    "What are your second language evaluation results?",
                    "Quels sont vos résultats de l'évaluation de langue seconde?",
                    help=Text(
                        "E means exempted; X means no result or not assessed.",
                        "E signifie exemption; X signifie aucun résultat ou non évalué.",
                    ),
                    rows=_options(
                        [
                            ("reading", "Reading comprehension", "Compréhension de l'écrit"),
                            ("writing", "Written expression", "Expression écrite"),
                            ("oral", "Oral proficiency", "Compétence orale"),
                        ]
                    ),
                    options=_options(
                        [
                            ("A", "A", "A"),
                            ("B", "B", "B"),
                            ("C", "C", "C"),
                            ("E", "E (exempted)", "E (exemption)"),
                            ("X", "X (no result)", "X (aucun résultat)"),
                        ]
                    ),
                    quasi_identifier=QuasiIdentifier.NOMINAL,
                ),
                _q(
                    "language_training_interest",
                    QuestionType.SINGLE,
                    "Would you take second language training if it were offered?",
                    "Suivriez-vous une formation en langue seconde si elle vous était offerte?",
                    options=YES_NO_UNSURE,
                ),
            ),
        ),
        Section(
            "work",
            Text("Your IM work", "Votre travail en GI"),
            None,
            (
                _q(
                    "specialties",
                    QuestionType.MULTIPLE,
                    "Which areas of information management do you work in?",
                    "Dans quels domaines de la gestion de l'information travaillez-vous?",
                    help=Text("Choose all that apply.", "Cochez toutes les réponses pertinentes."),
                    required=True,
                    options=_options(
                        [
                            ("records", "Records management", "Gestion des documents"),
                            ("library", "Library services", "Services de bibliothèque"),
                            ("archives", "Archives", "Archives"),
                            (
                                "atip",
                                "Access to information (ATIP)",
                                "Accès à l'information (AIPRP)",
                            ),
                            ("privacy", "Privacy", "Protection des renseignements personnels"),
                            ("web", "Web content management", "Gestion du contenu Web"),
                            ("data", "Data management", "Gestion des données"),
                            (
                                "policy",
                                "IM policy and planning",
                                "Politique et planification de la GI",
                            ),
                            (
                                "architecture",
                                "Information architecture",
                                "Architecture de l'information",
                            ),
                            ("systems", "IM systems", "Systèmes de GI"),
                        ]
                    ),
                ),
                _q(
                    "im_time_share",
                    QuestionType.DECIMAL,
                    "About what percentage of your working time goes to IM work?",
                    "Environ quel pourcentage de votre temps de travail consacrez-vous à la GI?",
                    help=Text("A number from 0 to 100.", "Un nombre de 0 à 100."),
                    minimum=Decimal(0),
                    maximum=Decimal(100),
                ),
                _q(
                    "team_size",
                    QuestionType.INTEGER,
                    "How many people in your team work in IM, yourself included?",
                    "Combien de personnes de votre équipe travaillent en GI, vous y compris?",
                    minimum=Decimal(1),
                    maximum=Decimal(500),
                ),
                _q(
                    "supervises",
                    QuestionType.SINGLE,
                    "Do you supervise employees?",
                    "Supervisez-vous des employés?",
                    options=YES_NO,
                    quasi_identifier=QuasiIdentifier.NOMINAL,
                ),
                _q(
                    "work_arrangement",
                    QuestionType.SINGLE,
                    "What is your usual work arrangement?",
                    "Quelles sont vos modalités de travail habituelles?",
                    options=_options(
                        [
                            ("onsite", "Mostly on site", "Surtout sur place"),
                            ("hybrid", "Hybrid", "Hybride"),
                            ("remote", "Mostly remote", "Surtout à distance"),
                        ]
                    ),
                ),
            ),
        ),
        Section(
            "education",
            Text("Education and credentials", "Études et titres professionnels"),
            None,
            (
                _q(
                    "education_level",
                    QuestionType.SINGLE,
                    "What is the highest level of education you have completed?",
                    "Quel est le plus haut niveau de scolarité que vous avez atteint?",
                    options=_options(
                        [
                            ("secondary", "High school", "Études secondaires"),
                            (
                                "college",
                                "College diploma or certificate",
                                "Diplôme ou certificat d'études collégiales",
                            ),
                            ("bachelor", "Bachelor's degree", "Baccalauréat"),
                            (
                                "graduate_certificate",
                                "Graduate certificate or diploma",
                                "Certificat ou diplôme d'études supérieures",
                            ),
                            ("master", "Master's degree", "Maîtrise"),
                            ("doctorate", "Doctorate", "Doctorat"),
                        ]
                    ),
                ),
                _q(
                    "credentials",
                    QuestionType.MULTIPLE,
                    "Which professional credentials do you hold?",
                    "Quels titres professionnels détenez-vous?",
                    help=Text("Choose all that apply.", "Cochez toutes les réponses pertinentes."),
                    options=_options(
                        [
                            (
                                "mlis",
                                "Master of Library and Information Studies (MLIS)",
                                "Maîtrise en sciences de l'information (MSI)",
                            ),
                            (
                                "mas",
                                "Master of Archival Studies (MAS)",
                                "Maîtrise en archivistique",
                            ),
                            (
                                "lit",
                                "Library technician diploma",
                                "Diplôme de technicien en documentation",
                            ),
                            (
                                "crm",
                                "Certified Records Manager (CRM)",
                                "Certified Records Manager (CRM)",
                            ),
                            (
                                "cip",
                                "Certified Information Professional (CIP)",
                                "Certified Information Professional (CIP)",
                            ),
                            (
                                "igp",
                                "Information Governance Professional (IGP)",
                                "Information Governance Professional (IGP)",
                            ),
                            ("atip_cert", "ATIP certificate", "Certificat en AIPRP"),
                            (
                                "cipp_c",
                                "Certified Information Privacy Professional/Canada (CIPP/C)",
                                "Certified Information Privacy Professional/Canada (CIPP/C)",
                            ),
                            (
                                "pmp",
                                "Project Management Professional (PMP)",
                                "Project Management Professional (PMP)",
                            ),
                            ("none", "None of these", "Aucun de ces titres"),
                        ]
                    ),
                ),
                _q(
                    "studying",
                    QuestionType.SINGLE,
                    "Are you studying toward an IM degree or credential?",
                    "Poursuivez-vous des études menant à un diplôme ou à un titre en GI?",
                    options=YES_NO,
                ),
            ),
        ),
        Section(
            "learning",
            Text("Learning and development", "Apprentissage et perfectionnement"),
            None,
            (
                _q(
                    "training_hours",
                    QuestionType.INTEGER,
                    "About how many hours of IM training did you take in the last 12 months?",
                    "Environ combien d'heures de formation en GI avez-vous suivies au cours "
                    "des 12 derniers mois?",
                    minimum=Decimal(0),
                    maximum=Decimal(500),
                ),
                _q(
                    "training_needs",
                    QuestionType.MULTIPLE,
                    "In which areas would training help you most in the next two years?",
                    "Dans quels domaines une formation vous serait-elle le plus utile au cours "
                    "des deux prochaines années?",
                    help=Text("Choose all that apply.", "Cochez toutes les réponses pertinentes."),
                    options=TRAINING_TOPICS,
                ),
                _q(
                    "training_priorities",
                    QuestionType.RANKING,
                    "Rank your three most important training needs.",
                    "Classez vos trois besoins de formation les plus importants.",
                    help=Text(
                        "1 is the most important. Rank up to three.",
                        "Le chiffre 1 indique le plus important. Classez-en jusqu'à trois.",
                    ),
                    options=TRAINING_TOPICS,
                    relevant="count-selected(${training_needs}) >= 2",
                ),
                _q(
                    "training_format",
                    QuestionType.SINGLE,
                    "How do you prefer to learn?",
                    "Comment préférez-vous apprendre?",
                    options=_options(
                        [
                            ("classroom", "In a classroom", "En classe"),
                            ("virtual", "Live online sessions", "En ligne, en direct"),
                            (
                                "self_paced",
                                "Self-paced online courses",
                                "Cours en ligne à mon rythme",
                            ),
                            (
                                "on_the_job",
                                "On the job, with a mentor",
                                "En cours d'emploi, avec un mentor",
                            ),
                        ]
                    ),
                ),
                _q(
                    "training_barriers",
                    QuestionType.MULTIPLE,
                    "What keeps you from taking training?",
                    "Qu'est-ce qui vous empêche de suivre de la formation?",
                    help=Text("Choose all that apply.", "Cochez toutes les réponses pertinentes."),
                    options=_options(
                        [
                            (
                                "time",
                                "Workload or lack of time",
                                "Charge de travail ou manque de temps",
                            ),
                            ("budget", "No budget", "Aucun budget"),
                            ("approval", "Manager approval", "Approbation de la gestion"),
                            (
                                "language",
                                "Not offered in my official language",
                                "Non offerte dans ma langue officielle",
                            ),
                            (
                                "relevance",
                                "Nothing relevant is offered",
                                "Aucune formation pertinente n'est offerte",
                            ),
                            ("nothing", "Nothing keeps me from training", "Rien ne m'en empêche"),
                        ]
                    ),
                ),
            ),
        ),
        Section(
            "career",
            Text("Career intentions", "Intentions de carrière"),
            None,
            (
                _q(
                    "career_intentions",
                    QuestionType.SINGLE,
                    "What do you plan to do in the next five years?",
                    "Que prévoyez-vous faire au cours des cinq prochaines années?",
                    required=True,
                    options=_options(
                        [
                            ("stay", "Stay in my current position", "Rester dans mon poste actuel"),
                            (
                                "move_im",
                                "Move to another IM position",
                                "Occuper un autre poste en GI",
                            ),
                            (
                                "leave_im",
                                "Leave IM for another field",
                                "Quitter la GI pour un autre domaine",
                            ),
                            ("retire", "Retire", "Prendre ma retraite"),
                        ]
                    ),
                ),
                _q(
                    "retire_within_5",
                    QuestionType.SINGLE,
                    "Do you plan to retire within the next five years?",
                    "Prévoyez-vous prendre votre retraite au cours des cinq prochaines années?",
                    options=YES_NO_UNSURE,
                    relevant="${career_intentions} = 'retire'",
                ),
                _q(
                    "retirement_year",
                    QuestionType.YEAR,
                    "In what year do you plan to retire?",
                    "En quelle année prévoyez-vous prendre votre retraite?",
                    minimum=Decimal(2025),
                    maximum=Decimal(2045),
                    relevant="${retire_within_5} = 'yes'",
                ),
                _q(
                    "mobility",
                    QuestionType.SINGLE,
                    "Would you consider working for another department or agency?",
                    "Envisageriez-vous de travailler pour un autre ministère ou organisme?",
                    options=YES_NO_UNSURE,
                ),
                _q(
                    "leadership_interest",
                    QuestionType.LIKERT,
                    "I am interested in a supervisory or leadership role in IM.",
                    "Un rôle de supervision ou de leadership en GI m'intéresse.",
                    options=agree,
                ),
            ),
        ),
        Section(
            "community",
            Text("The IM community", "La communauté de la GI"),
            None,
            (
                _q(
                    "vision_awareness",
                    QuestionType.LIKERT,
                    "I am aware of the IM community's vision.",
                    "Je connais la vision de la communauté de la GI.",
                    required=True,
                    options=agree,
                ),
                _q(
                    "community_views",
                    QuestionType.MATRIX,
                    "How much do you agree with each statement?",
                    "Dans quelle mesure êtes-vous d'accord avec chaque énoncé?",
                    rows=_options(
                        [
                            (
                                "belonging",
                                "I feel part of the IM community.",
                                "Je me sens membre de la communauté de la GI.",
                            ),
                            (
                                "events",
                                "Community events are useful to me.",
                                "Les activités de la communauté me sont utiles.",
                            ),
                            (
                                "resources",
                                "I know where to find IM resources.",
                                "Je sais où trouver des ressources en GI.",
                            ),
                            (
                                "development",
                                "I am satisfied with my career development in IM.",
                                "Mon perfectionnement professionnel en GI me satisfait.",
                            ),
                            (
                                "recommend",
                                "I would recommend a career in IM.",
                                "Je recommanderais une carrière en GI.",
                            ),
                        ]
                    ),
                    options=agree,
                ),
                _q(
                    "support_satisfaction",
                    QuestionType.LIKERT,
                    "Overall, how satisfied are you with the support the community gives you?",
                    "Dans l'ensemble, dans quelle mesure le soutien que vous offre la communauté "
                    "vous satisfait-il?",
                    options=_options(
                        [
                            ("very_satisfied", "Very satisfied", "Très satisfait"),
                            ("satisfied", "Satisfied", "Satisfait"),
                            (
                                "neutral",
                                "Neither satisfied nor dissatisfied",
                                "Ni satisfait ni insatisfait",
                            ),
                            ("dissatisfied", "Dissatisfied", "Insatisfait"),
                            ("very_dissatisfied", "Very dissatisfied", "Très insatisfait"),
                        ]
                    ),
                ),
                _q(
                    "participation",
                    QuestionType.MULTIPLE,
                    "In the last year, which community activities did you take part in?",
                    "Au cours de la dernière année, à quelles activités de la communauté "
                    "avez-vous participé?",
                    help=Text("Choose all that apply.", "Cochez toutes les réponses pertinentes."),
                    options=_options(
                        [
                            ("conference", "Annual conference", "Conférence annuelle"),
                            ("webinars", "Webinars", "Webinaires"),
                            ("mentoring", "Mentoring", "Mentorat"),
                            ("working_groups", "Working groups", "Groupes de travail"),
                            ("none", "None", "Aucune"),
                        ]
                    ),
                ),
                _q(
                    "one_priority",
                    QuestionType.TEXT,
                    "In a few words, what should the community do first?",
                    "En quelques mots, que devrait faire la communauté en priorité?",
                    max_length=200,
                ),
                _q(
                    "comments",
                    QuestionType.LONG_TEXT,
                    "Do you have any other comments?",
                    "Avez-vous d'autres commentaires?",
                    help=Text(
                        "Do not include names or other personal information.",
                        "N'indiquez pas de noms ni d'autres renseignements personnels.",
                    ),
                ),
            ),
        ),
    )
    return Definition(
        title=Text("IM Members Questionnaire", "Questionnaire des membres de la GI"),
        description=Text(
            "Tell us about yourself and your work so the community can plan for the "
            "information management workforce, service-wide, by department and by region. "
            "It takes about 10 minutes.",
            "Parlez-nous de vous et de votre travail afin que la communauté puisse planifier "
            "l'effectif de la gestion de l'information à l'échelle de la fonction publique, "
            "par ministère et par région. Il faut environ 10 minutes pour y répondre.",
        ),
        sections=sections,
    )
