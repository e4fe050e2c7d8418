"""The demo community's information management (IM) competency framework, written for Guild.

Pure data built with the dataclasses of `guild.competencies.framework`: a four-level
proficiency scale and six families of competencies, every text in English and French. The
wording is original to Guild; it borrows the Government of Canada's IM vocabulary (ATIP,
personal information banks, retention schedules, information of business value, the Policy on
Service and Digital) but no other framework's text.

Families and competencies carry no identifier here: `with_identifiers` derives them from the
framework's identifier and their codes (UUID 5), so they are stable across releases as long
as the codes are. A later version that retires a competency should list its identifier in the
successor's `replaces` rather than reuse its code.
"""

from guild.competencies.framework import (
    Competency,
    Family,
    Framework,
    LevelDescriptor,
    ScaleLevel,
    with_identifiers,
)

IM_FRAMEWORK_IDENTIFIER = "5d0c7a3e-2b9f-4c61-8e47-a1f3d6b2c8e9"
"""The framework's own identifier; every family and competency identifier derives from it."""

IM_LEVELS_SCALE = [
    ScaleLevel(level=1, name_en="Awareness", name_fr="Sensibilisation"),
    ScaleLevel(level=2, name_en="Working", name_fr="Pratique"),
    ScaleLevel(level=3, name_en="Proficient", name_fr="Maîtrise"),
    ScaleLevel(level=4, name_en="Expert", name_fr="Expertise"),
]

_RIL = Family(
    code="RIL",
    name_en="Records and information life cycle",
    name_fr="Cycle de vie des documents et de l'information",
    competencies=[
        Competency(
            code="RIL-01",
            name_en="Classification and file plans",
            name_fr="Classification et plans de classification",
            description_en=(
                "Organizes information resources with file plans and classification structures so "
                "they can be found, managed and disposed of consistently."
            ),
            description_fr=(
                "Organise les ressources d'information à l'aide de plans de classification afin de "
                "pouvoir les retrouver, les gérer et en disposer de façon uniforme."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Explains why the unit uses a file plan and, with help, saves documents in "
                        "the right folder. Recognizes when an item does not fit any existing "
                        "category."
                    ),
                    indicators_fr=(
                        "Explique pourquoi l'unité utilise un plan de classification et, avec de "
                        "l'aide, enregistre les documents dans le bon dossier. Reconnaît lorsqu'un "
                        "document ne correspond à aucune catégorie existante."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Classifies the team's records independently and consistently, and opens "
                        "new files under the right classification. Answers colleagues' routine "
                        "questions about where information belongs."
                    ),
                    indicators_fr=(
                        "Classe les documents de l'équipe de façon autonome et uniforme, et ouvre "
                        "de nouveaux dossiers sous la bonne cote. Répond aux questions courantes "
                        "des collègues sur l'endroit où ranger l'information."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Designs and maintains the file plan of a program or branch, aligned with "
                        "its business functions and linked to retention periods. Reviews "
                        "classification practices and corrects recurring errors."
                    ),
                    indicators_fr=(
                        "Conçoit et tient à jour le plan de classification d'un programme ou d'une "
                        "direction générale, en l'harmonisant avec ses fonctions opérationnelles "
                        "et en le liant aux délais de conservation. Examine les pratiques de "
                        "classement et corrige les erreurs récurrentes."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the department's function-based classification approach and settles "
                        "complex cases between sectors. Leads the migration of legacy file plans "
                        "into a single departmental structure."
                    ),
                    indicators_fr=(
                        "Définit l'approche de classification fonctionnelle du ministère et "
                        "tranche les cas complexes entre les secteurs. Dirige la migration des "
                        "anciens plans de classification vers une structure ministérielle unique."
                    ),
                ),
            ],
        ),
        Competency(
            code="RIL-02",
            name_en="Retention and disposition",
            name_fr="Conservation et disposition",
            description_en=(
                "Applies retention schedules and disposition authorizations so that information is "
                "kept as long as required, and no longer."
            ),
            description_fr=(
                "Applique les calendriers de conservation et les autorisations de disposition pour "
                "que l'information soit conservée aussi longtemps que nécessaire, sans plus."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Knows that records must not be destroyed without an approved retention "
                        "schedule, and asks before deleting business information."
                    ),
                    indicators_fr=(
                        "Sait qu'aucun document ne doit être détruit sans calendrier de "
                        "conservation approuvé et demande conseil avant de supprimer de "
                        "l'information opérationnelle."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Applies retention periods to the team's records, prepares disposition "
                        "lists and documents each destruction or transfer."
                    ),
                    indicators_fr=(
                        "Applique les délais de conservation aux documents de l'équipe, prépare "
                        "les listes de disposition et consigne chaque destruction ou transfert."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Drafts and updates the retention schedules of a program and manages "
                        "disposition cycles from start to finish. Suspends the disposition of "
                        "records subject to litigation or an ATIP request, in coordination with "
                        "legal services."
                    ),
                    indicators_fr=(
                        "Rédige et met à jour les calendriers de conservation d'un programme et "
                        "gère les cycles de disposition du début à la fin. Suspend la disposition "
                        "des documents visés par un litige ou une demande d'AIPRP, en coordination "
                        "avec les services juridiques."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Negotiates disposition authorizations and transfers with Library and "
                        "Archives Canada and sets the department's disposition strategy. Resolves "
                        "high-risk situations such as large backlogs of unmanaged records."
                    ),
                    indicators_fr=(
                        "Négocie les autorisations de disposition et les transferts avec "
                        "Bibliothèque et Archives Canada et établit la stratégie de disposition du "
                        "ministère. Règle les situations à risque élevé, comme un important "
                        "arriéré de documents non gérés."
                    ),
                ),
            ],
        ),
        Competency(
            code="RIL-03",
            name_en="Recordkeeping in digital systems",
            name_fr="Tenue de documents dans les systèmes numériques",
            description_en=(
                "Captures and manages information of business value in GCdocs, collaboration tools "
                "and business applications throughout its life cycle."
            ),
            description_fr=(
                "Consigne et gère les ressources documentaires à valeur opérationnelle dans "
                "GCdocs, les outils de collaboration et les applications opérationnelles tout au "
                "long de leur cycle de vie."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Saves work in the designated repository rather than on a personal drive "
                        "or in email, and applies the required metadata with guidance."
                    ),
                    indicators_fr=(
                        "Enregistre son travail dans le dépôt désigné plutôt que sur un lecteur "
                        "personnel ou dans sa boîte de courriel, et applique les métadonnées "
                        "requises en suivant les consignes."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Manages versions, permissions and metadata in the repository without "
                        "help, and moves decisions made by chat or email into the official record."
                    ),
                    indicators_fr=(
                        "Gère les versions, les autorisations et les métadonnées dans le dépôt "
                        "sans aide, et verse au dossier officiel les décisions prises par "
                        "clavardage ou par courriel."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Configures workspaces and recordkeeping rules for a program in digital "
                        "systems, and assesses the recordkeeping requirements of new business "
                        "applications before they go live."
                    ),
                    indicators_fr=(
                        "Configure les espaces de travail et les règles de tenue de documents d'un "
                        "programme dans les systèmes numériques, et évalue les exigences de tenue "
                        "de documents des nouvelles applications opérationnelles avant leur mise "
                        "en service."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Defines recordkeeping requirements for all departmental systems and "
                        "builds them into procurement and architecture reviews. Advises senior "
                        "management on the risks of unmanaged repositories."
                    ),
                    indicators_fr=(
                        "Définit les exigences de tenue de documents de tous les systèmes "
                        "ministériels et les intègre aux examens d'approvisionnement et "
                        "d'architecture. Conseille la haute direction sur les risques liés aux "
                        "dépôts non gérés."
                    ),
                ),
            ],
        ),
        Competency(
            code="RIL-04",
            name_en="Vital records",
            name_fr="Documents essentiels",
            description_en=(
                "Identifies and protects the records needed to keep critical services running "
                "during and after an emergency."
            ),
            description_fr=(
                "Recense et protège les documents nécessaires au maintien des services essentiels "
                "pendant et après une situation d'urgence."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Explains what a vital record is and names some of the unit's records that "
                        "would be needed in an emergency."
                    ),
                    indicators_fr=(
                        "Explique ce qu'est un document essentiel et nomme certains documents de "
                        "l'unité qui seraient nécessaires en cas d'urgence."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Maintains the unit's vital records inventory and checks that copies are "
                        "current, protected and accessible from an alternate site."
                    ),
                    indicators_fr=(
                        "Tient à jour l'inventaire des documents essentiels de l'unité et vérifie "
                        "que les copies sont à jour, protégées et accessibles à partir d'un autre "
                        "emplacement."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Leads the identification of a program's vital records with business "
                        "continuity planners, and confirms during exercises that the records can "
                        "actually be retrieved."
                    ),
                    indicators_fr=(
                        "Dirige le recensement des documents essentiels d'un programme avec les "
                        "responsables de la continuité des activités et confirme, lors "
                        "d'exercices, que ces documents peuvent réellement être récupérés."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the department's vital records program, integrates it with business "
                        "continuity and security plans, and reports on readiness to senior "
                        "management."
                    ),
                    indicators_fr=(
                        "Établit le programme ministériel des documents essentiels, l'intègre aux "
                        "plans de continuité des activités et de sécurité, et rend compte de "
                        "l'état de préparation à la haute direction."
                    ),
                ),
            ],
        ),
        Competency(
            code="RIL-05",
            name_en="Information of business value",
            name_fr="Ressources documentaires à valeur opérationnelle",
            description_en=(
                "Distinguishes information of business value from transitory information and makes "
                "sure it is captured and documented."
            ),
            description_fr=(
                "Distingue les ressources documentaires à valeur opérationnelle des documents "
                "éphémères et veille à ce qu'elles soient consignées et documentées."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Tells transitory information from information of business value in simple "
                        "cases, and keeps final decisions rather than drafts."
                    ),
                    indicators_fr=(
                        "Distingue, dans les cas simples, les documents éphémères des ressources "
                        "documentaires à valeur opérationnelle, et conserve les décisions finales "
                        "plutôt que les ébauches."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Decides routinely what the team must keep as information of business "
                        "value, and disposes of transitory information promptly."
                    ),
                    indicators_fr=(
                        "Détermine couramment ce que l'équipe doit conserver à titre de ressources "
                        "documentaires à valeur opérationnelle et élimine rapidement les documents "
                        "éphémères."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Identifies a program's information of business value by analysing its "
                        "business processes and decisions, and documents the results for file "
                        "plans and retention."
                    ),
                    indicators_fr=(
                        "Détermine les ressources documentaires à valeur opérationnelle d'un "
                        "programme en analysant ses processus opérationnels et ses décisions, et "
                        "documente les résultats aux fins de la classification et de la "
                        "conservation."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Owns the departmental method for identifying information of business "
                        "value and settles disputed cases, including for new digital channels and "
                        "data sets."
                    ),
                    indicators_fr=(
                        "Est responsable de la méthode ministérielle de détermination des "
                        "ressources documentaires à valeur opérationnelle et tranche les cas "
                        "litigieux, y compris pour les nouveaux canaux numériques et les jeux de "
                        "données."
                    ),
                ),
            ],
        ),
    ],
)

_ACP = Family(
    code="ACP",
    name_en="Access and privacy",
    name_fr="Accès à l'information et protection des renseignements personnels",
    competencies=[
        Competency(
            code="ACP-01",
            name_en="ATIP request processing",
            name_fr="Traitement des demandes d'AIPRP",
            description_en=(
                "Processes access to information and privacy (ATIP) requests accurately and within "
                "legislated deadlines."
            ),
            description_fr=(
                "Traite les demandes d'accès à l'information et de protection des renseignements "
                "personnels (AIPRP) avec exactitude et dans les délais prévus par la loi."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Explains the right of access under the Access to Information Act and the "
                        "Privacy Act, and sends complete records to the ATIP office on time when "
                        "tasked."
                    ),
                    indicators_fr=(
                        "Explique le droit d'accès que confèrent la Loi sur l'accès à "
                        "l'information et la Loi sur la protection des renseignements personnels, "
                        "et transmet à temps des documents complets au bureau de l'AIPRP lorsqu'on "
                        "le lui demande."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Processes routine requests from intake to release: retrieves the records, "
                        "applies common exemptions and exclusions, and documents the file."
                    ),
                    indicators_fr=(
                        "Traite les demandes courantes de la réception à la communication : "
                        "récupère les documents, applique les exceptions et les exclusions "
                        "courantes, et documente le dossier."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Handles complex or voluminous requests, consults third parties and other "
                        "institutions, and defends the exemptions applied when a complaint is made "
                        "to the Office of the Information Commissioner or the Office of the "
                        "Privacy Commissioner."
                    ),
                    indicators_fr=(
                        "Traite les demandes complexes ou volumineuses, consulte les tiers et les "
                        "autres institutions, et justifie les exceptions appliquées lorsqu'une "
                        "plainte est déposée auprès du Commissariat à l'information ou du "
                        "Commissariat à la protection de la vie privée."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Manages the ATIP program, sets processing standards and workload "
                        "strategies, and advises senior officials on sensitive releases and legal "
                        "risks."
                    ),
                    indicators_fr=(
                        "Gère le programme d'AIPRP, établit les normes de traitement et les "
                        "stratégies de gestion de la charge de travail, et conseille les hauts "
                        "fonctionnaires sur les communications délicates et les risques "
                        "juridiques."
                    ),
                ),
            ],
        ),
        Competency(
            code="ACP-02",
            name_en="Privacy impact and personal information banks",
            name_fr="Facteurs relatifs à la vie privée et fichiers de renseignements personnels",
            description_en=(
                "Assesses the privacy risks of programs and systems and describes the personal "
                "information they hold accurately."
            ),
            description_fr=(
                "Évalue les risques d'atteinte à la vie privée que présentent les programmes et "
                "les systèmes, et décrit avec exactitude les renseignements personnels qu'ils "
                "détiennent."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Recognizes personal information and knows that a new or changed program "
                        "that uses it needs a privacy assessment."
                    ),
                    indicators_fr=(
                        "Reconnaît les renseignements personnels et sait que tout programme "
                        "nouveau ou modifié qui en utilise doit faire l'objet d'une évaluation en "
                        "matière de vie privée."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Completes privacy checklists and, with program staff, drafts the "
                        "descriptions of personal information banks published in Info Source."
                    ),
                    indicators_fr=(
                        "Remplit les listes de vérification en matière de vie privée et rédige, "
                        "avec le personnel des programmes, les descriptions des fichiers de "
                        "renseignements personnels publiées dans Info Source."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Leads privacy impact assessments from scoping to approval, identifies "
                        "risks in data flows and recommends practical mitigation measures."
                    ),
                    indicators_fr=(
                        "Dirige les évaluations des facteurs relatifs à la vie privée, de la "
                        "définition de la portée à l'approbation, relève les risques dans les flux "
                        "de données et recommande des mesures d'atténuation concrètes."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the department's approach to privacy risk, manages privacy breaches "
                        "with the Office of the Privacy Commissioner and advises on privacy in new "
                        "technologies such as analytics and artificial intelligence."
                    ),
                    indicators_fr=(
                        "Définit l'approche ministérielle de gestion des risques d'atteinte à la "
                        "vie privée, gère les atteintes à la vie privée avec le Commissariat à la "
                        "protection de la vie privée et conseille sur les nouvelles technologies, "
                        "comme l'analytique et l'intelligence artificielle."
                    ),
                ),
            ],
        ),
        Competency(
            code="ACP-03",
            name_en="Information sharing agreements",
            name_fr="Ententes d'échange de renseignements",
            description_en=(
                "Prepares and manages the agreements that set the terms for sharing information "
                "with other organizations."
            ),
            description_fr=(
                "Prépare et gère les ententes qui fixent les conditions d'échange de "
                "renseignements avec d'autres organisations."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Knows that sharing information outside the department usually requires a "
                        "written agreement, and checks that one exists before sending information."
                    ),
                    indicators_fr=(
                        "Sait que l'échange de renseignements à l'extérieur du ministère exige "
                        "habituellement une entente écrite, et vérifie qu'il en existe une avant "
                        "de transmettre de l'information."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Drafts standard agreements from templates, tracks their expiry dates and "
                        "ensures that the information shared matches what the agreement allows."
                    ),
                    indicators_fr=(
                        "Rédige des ententes types à partir de modèles, fait le suivi de leurs "
                        "dates d'échéance et veille à ce que l'information échangée corresponde à "
                        "ce que permet l'entente."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Negotiates complex agreements involving personal or sensitive "
                        "information, and defines safeguards, retention and breach notification "
                        "clauses with legal services."
                    ),
                    indicators_fr=(
                        "Négocie des ententes complexes portant sur des renseignements personnels "
                        "ou de nature délicate, et définit avec les services juridiques les "
                        "clauses sur les mesures de protection, la conservation et l'avis "
                        "d'atteinte."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Establishes the department's information sharing framework, approves "
                        "high-risk arrangements and represents the department in sharing "
                        "initiatives involving several jurisdictions."
                    ),
                    indicators_fr=(
                        "Établit le cadre ministériel d'échange de renseignements, approuve les "
                        "arrangements à risque élevé et représente le ministère dans les "
                        "initiatives d'échange qui réunissent plusieurs administrations."
                    ),
                ),
            ],
        ),
        Competency(
            code="ACP-04",
            name_en="Open government and proactive publication",
            name_fr="Gouvernement ouvert et publication proactive",
            description_en=(
                "Makes government information and data available to the public by default, through "
                "open government and proactive publication."
            ),
            description_fr=(
                "Rend l'information et les données gouvernementales accessibles au public par "
                "défaut, grâce au gouvernement ouvert et à la publication proactive."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Explains the principle of open by default and knows which of the unit's "
                        "documents must be published proactively, such as travel and hospitality "
                        "expenses."
                    ),
                    indicators_fr=(
                        "Explique le principe d'ouverture par défaut et sait quels documents de "
                        "l'unité doivent faire l'objet d'une publication proactive, comme les "
                        "frais de déplacement et d'accueil."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Prepares data sets and documents for release on the Open Government "
                        "Portal, removing personal and sensitive information and meeting "
                        "publication deadlines."
                    ),
                    indicators_fr=(
                        "Prépare des jeux de données et des documents en vue de leur diffusion sur "
                        "le Portail du gouvernement ouvert, en retirant les renseignements "
                        "personnels et de nature délicate et en respectant les délais de "
                        "publication."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Maintains the department's inventory of information and data for release, "
                        "assesses which holdings can be opened, and resolves quality, licensing "
                        "and official languages issues before publication."
                    ),
                    indicators_fr=(
                        "Tient à jour l'inventaire ministériel de l'information et des données à "
                        "diffuser, évalue quels fonds peuvent être ouverts, et règle les questions "
                        "de qualité, de licence et de langues officielles avant la publication."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Leads the department's open government commitments and proactive "
                        "publication obligations, reports on results and champions openness with "
                        "senior management."
                    ),
                    indicators_fr=(
                        "Dirige la mise en œuvre des engagements du ministère en matière de "
                        "gouvernement ouvert et de ses obligations de publication proactive, rend "
                        "compte des résultats et fait valoir l'ouverture auprès de la haute "
                        "direction."
                    ),
                ),
            ],
        ),
    ],
)

_LKS = Family(
    code="LKS",
    name_en="Library and knowledge services",
    name_fr="Services de bibliothèque et gestion du savoir",
    competencies=[
        Competency(
            code="LKS-01",
            name_en="Reference and research",
            name_fr="Référence et recherche",
            description_en=(
                "Meets information needs by finding, evaluating and synthesizing authoritative "
                "sources."
            ),
            description_fr=(
                "Répond aux besoins d'information en repérant, en évaluant et en synthétisant des "
                "sources qui font autorité."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Finds answers to simple factual questions with the library catalogue and "
                        "well-known sources, and refers other questions to a colleague."
                    ),
                    indicators_fr=(
                        "Trouve la réponse à des questions factuelles simples à l'aide du "
                        "catalogue de la bibliothèque et de sources connues, et oriente les autres "
                        "questions vers un collègue."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Conducts reference interviews to clarify needs and runs structured "
                        "searches in databases and grey literature, citing sources properly."
                    ),
                    indicators_fr=(
                        "Mène des entrevues de référence pour préciser les besoins et effectue des "
                        "recherches structurées dans les bases de données et la littérature grise, "
                        "en citant correctement les sources."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Carries out in-depth research for policy and program teams, including "
                        "literature reviews and environmental scans, and assesses the reliability "
                        "of each source."
                    ),
                    indicators_fr=(
                        "Effectue des recherches approfondies pour les équipes des politiques et "
                        "des programmes, notamment des revues de la littérature et des analyses du "
                        "contexte, et évalue la fiabilité de chaque source."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Designs the department's research services, sets methods for synthesizing "
                        "evidence and advises executives on the evidence behind their decisions."
                    ),
                    indicators_fr=(
                        "Conçoit les services de recherche du ministère, établit les méthodes de "
                        "synthèse des données probantes et conseille les cadres supérieurs sur les "
                        "données probantes qui fondent leurs décisions."
                    ),
                ),
            ],
        ),
        Competency(
            code="LKS-02",
            name_en="Collection development",
            name_fr="Développement des collections",
            description_en=(
                "Builds and maintains collections and subscriptions that meet the department's "
                "current and future needs."
            ),
            description_fr=(
                "Constitue et tient à jour des collections et des abonnements qui répondent aux "
                "besoins actuels et futurs du ministère."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Processes acquisition requests and renewals according to the collection "
                        "policy, and flags requests that fall outside it."
                    ),
                    indicators_fr=(
                        "Traite les demandes d'acquisition et les renouvellements conformément à "
                        "la politique de développement des collections, et signale les demandes "
                        "qui n'y correspondent pas."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Recommends purchases and weeding based on usage data and client feedback, "
                        "and manages subscription renewals within budget."
                    ),
                    indicators_fr=(
                        "Recommande des acquisitions et des élagages à partir des données "
                        "d'utilisation et des commentaires des clients, et gère le renouvellement "
                        "des abonnements dans les limites du budget."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Writes and updates the collection development policy, negotiates licences "
                        "with vendors and evaluates the collection against program priorities."
                    ),
                    indicators_fr=(
                        "Rédige et met à jour la politique de développement des collections, "
                        "négocie les licences avec les fournisseurs et évalue la collection au "
                        "regard des priorités des programmes."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the long-term collection strategy, leads consortium purchasing with "
                        "other federal libraries and balances print, digital and open access "
                        "resources."
                    ),
                    indicators_fr=(
                        "Établit la stratégie à long terme des collections, dirige les achats en "
                        "consortium avec d'autres bibliothèques fédérales et équilibre les "
                        "ressources imprimées, numériques et en libre accès."
                    ),
                ),
            ],
        ),
        Competency(
            code="LKS-03",
            name_en="Cataloguing and metadata",
            name_fr="Catalogage et métadonnées",
            description_en=(
                "Describes resources with consistent, standards-based metadata so that people can "
                "discover and reuse them."
            ),
            description_fr=(
                "Décrit les ressources à l'aide de métadonnées uniformes et normalisées afin que "
                "l'on puisse les repérer et les réutiliser."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Enters basic descriptive metadata such as title, author and date using "
                        "templates, and flags records that look incomplete."
                    ),
                    indicators_fr=(
                        "Saisit des métadonnées descriptives de base, comme le titre, l'auteur et "
                        "la date, à l'aide de gabarits, et signale les notices qui semblent "
                        "incomplètes."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Catalogues standard materials in both official languages using RDA, MARC "
                        "21 and subject headings, and does copy cataloguing efficiently."
                    ),
                    indicators_fr=(
                        "Catalogue des documents courants dans les deux langues officielles selon "
                        "RDA, MARC 21 et les vedettes-matière, et fait du catalogage dérivé avec "
                        "efficacité."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Catalogues complex and unique materials, maintains authority files and "
                        "defines local metadata practices for the catalogue and the digital "
                        "repository."
                    ),
                    indicators_fr=(
                        "Catalogue des documents complexes et uniques, tient à jour les fichiers "
                        "d'autorité et définit les pratiques locales en matière de métadonnées "
                        "pour le catalogue et le dépôt numérique."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the metadata strategy for library systems, leads migrations and "
                        "linked data projects, and represents the department in national standards "
                        "work."
                    ),
                    indicators_fr=(
                        "Établit la stratégie de métadonnées des systèmes de bibliothèque, dirige "
                        "les migrations et les projets de données liées, et représente le "
                        "ministère dans les travaux de normalisation nationaux."
                    ),
                ),
            ],
        ),
        Competency(
            code="LKS-04",
            name_en="Knowledge sharing and communities",
            name_fr="Partage des connaissances et communautés de pratique",
            description_en=(
                "Helps people capture, share and reuse what they know through communities of "
                "practice and knowledge transfer."
            ),
            description_fr=(
                "Aide les gens à consigner, à partager et à réutiliser leurs connaissances grâce "
                "aux communautés de pratique et au transfert des connaissances."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Shares useful documents and lessons with colleagues and takes part in the "
                        "team's collaboration spaces."
                    ),
                    indicators_fr=(
                        "Partage des documents et des leçons utiles avec ses collègues et "
                        "participe aux espaces de collaboration de l'équipe."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Moderates a community space, organizes knowledge-sharing sessions and "
                        "documents lessons learned at the end of projects."
                    ),
                    indicators_fr=(
                        "Anime un espace communautaire, organise des séances de partage des "
                        "connaissances et documente les leçons apprises à la fin des projets."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Designs knowledge transfer plans for departing experts and builds "
                        "communities of practice that connect people across branches."
                    ),
                    indicators_fr=(
                        "Conçoit des plans de transfert des connaissances pour les experts qui "
                        "quittent leur poste et met sur pied des communautés de pratique qui "
                        "relient les gens d'une direction générale à l'autre."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Leads the department's knowledge management strategy, measures its value "
                        "to the organization and fosters a culture in which sharing knowledge is "
                        "expected and recognized."
                    ),
                    indicators_fr=(
                        "Dirige la stratégie ministérielle de gestion du savoir, en mesure la "
                        "valeur pour l'organisation et favorise une culture où le partage des "
                        "connaissances est attendu et reconnu."
                    ),
                ),
            ],
        ),
    ],
)

_IAD = Family(
    code="IAD",
    name_en="Information architecture and data",
    name_fr="Architecture de l'information et données",
    competencies=[
        Competency(
            code="IAD-01",
            name_en="Taxonomies and metadata schemas",
            name_fr="Taxonomies et schémas de métadonnées",
            description_en=(
                "Designs controlled vocabularies, taxonomies and metadata schemas that make "
                "information consistent and findable across systems."
            ),
            description_fr=(
                "Conçoit des vocabulaires contrôlés, des taxonomies et des schémas de métadonnées "
                "qui rendent l'information uniforme et facile à repérer d'un système à l'autre."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Uses the department's controlled vocabularies when tagging content, and "
                        "explains why consistent terms help people find information."
                    ),
                    indicators_fr=(
                        "Utilise les vocabulaires contrôlés du ministère pour étiqueter le contenu "
                        "et explique pourquoi des termes uniformes aident à trouver l'information."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Maintains the terms of a taxonomy, including their English and French "
                        "equivalents, and proposes new terms based on user needs."
                    ),
                    indicators_fr=(
                        "Tient à jour les termes d'une taxonomie, y compris leurs équivalents "
                        "français et anglais, et propose de nouveaux termes en fonction des "
                        "besoins des utilisateurs."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Designs bilingual taxonomies and metadata schemas for a business area, "
                        "tests them with users and maps them to existing standards such as Dublin "
                        "Core."
                    ),
                    indicators_fr=(
                        "Conçoit des taxonomies et des schémas de métadonnées bilingues pour un "
                        "secteur d'activité, les met à l'essai auprès des utilisateurs et établit "
                        "leur correspondance avec des normes existantes comme le Dublin Core."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the department's information architecture, governs the vocabularies "
                        "shared between systems and aligns them with Government of Canada metadata "
                        "standards."
                    ),
                    indicators_fr=(
                        "Établit l'architecture de l'information du ministère, encadre les "
                        "vocabulaires communs aux différents systèmes et les harmonise avec les "
                        "normes de métadonnées du gouvernement du Canada."
                    ),
                ),
            ],
        ),
        Competency(
            code="IAD-02",
            name_en="Data stewardship and quality",
            name_fr="Intendance et qualité des données",
            description_en=(
                "Takes responsibility for data assets so that they are accurate, documented and "
                "fit for their intended use."
            ),
            description_fr=(
                "Assume la responsabilité des actifs de données afin qu'ils soient exacts, "
                "documentés et adaptés à l'usage prévu."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Enters and updates data carefully, following data entry standards, and "
                        "reports the errors found."
                    ),
                    indicators_fr=(
                        "Saisit et met à jour les données avec soin, conformément aux normes de "
                        "saisie, et signale les erreurs relevées."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Documents data sets with definitions and lineage, runs routine quality "
                        "checks and corrects issues at their source."
                    ),
                    indicators_fr=(
                        "Documente les jeux de données, notamment leurs définitions et leur "
                        "provenance, effectue des contrôles de qualité courants et corrige les "
                        "problèmes à la source."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Acts as data steward for a domain: sets quality rules and thresholds, "
                        "monitors them and works with data owners to resolve recurring problems."
                    ),
                    indicators_fr=(
                        "Agit comme intendant des données d'un domaine : établit des règles et des "
                        "seuils de qualité, en assure le suivi et collabore avec les propriétaires "
                        "des données pour régler les problèmes récurrents."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Builds the department's network of data stewards, defines roles and "
                        "accountabilities, and reports on the quality of critical data assets."
                    ),
                    indicators_fr=(
                        "Met sur pied le réseau ministériel d'intendance des données, définit les "
                        "rôles et les responsabilités, et rend compte de la qualité des actifs de "
                        "données essentiels."
                    ),
                ),
            ],
        ),
        Competency(
            code="IAD-03",
            name_en="Data governance",
            name_fr="Gouvernance des données",
            description_en=(
                "Applies and shapes the decision rights, policies and standards that govern how "
                "the department manages and uses data."
            ),
            description_fr=(
                "Applique et façonne les pouvoirs décisionnels, les politiques et les normes qui "
                "encadrent la gestion et l'utilisation des données au ministère."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Knows who owns the data used in their work and follows the rules on who "
                        "may access, change or share it."
                    ),
                    indicators_fr=(
                        "Connaît le propriétaire des données utilisées dans son travail et "
                        "respecte les règles qui déterminent qui peut les consulter, les modifier "
                        "ou les communiquer."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Applies data governance standards in daily work, records data assets in "
                        "the departmental inventory and raises issues with the right governance "
                        "body."
                    ),
                    indicators_fr=(
                        "Applique les normes de gouvernance des données dans son travail "
                        "quotidien, inscrit les actifs de données au répertoire ministériel et "
                        "soumet les enjeux à l'instance de gouvernance appropriée."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Drafts data policies and standards for a program, supports data "
                        "governance committees and assesses compliance with the departmental data "
                        "strategy."
                    ),
                    indicators_fr=(
                        "Rédige les politiques et les normes sur les données d'un programme, "
                        "appuie les comités de gouvernance des données et évalue la conformité à "
                        "la stratégie ministérielle sur les données."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Designs the department's data governance framework, chairs or advises "
                        "senior data committees, and aligns the framework with the Government of "
                        "Canada's data strategy."
                    ),
                    indicators_fr=(
                        "Conçoit le cadre de gouvernance des données du ministère, préside les "
                        "comités supérieurs sur les données ou les conseille, et harmonise ce "
                        "cadre avec la stratégie de données du gouvernement du Canada."
                    ),
                ),
            ],
        ),
        Competency(
            code="IAD-04",
            name_en="Enterprise content platforms",
            name_fr="Plateformes de gestion de contenu d'entreprise",
            description_en=(
                "Configures and supports the platforms that hold the department's documents and "
                "content, such as GCdocs and SharePoint."
            ),
            description_fr=(
                "Configure et soutient les plateformes qui hébergent les documents et le contenu "
                "du ministère, comme GCdocs et SharePoint."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Uses the platform's basic features, such as search, versions and sharing "
                        "links, and knows where to get help."
                    ),
                    indicators_fr=(
                        "Utilise les fonctions de base de la plateforme, comme la recherche, les "
                        "versions et les liens de partage, et sait où obtenir de l'aide."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Supports users of the platform, sets up workspaces and permissions on "
                        "request and solves common problems."
                    ),
                    indicators_fr=(
                        "Soutient les utilisateurs de la plateforme, crée des espaces de travail "
                        "et attribue des autorisations sur demande, et règle les problèmes "
                        "courants."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Designs platform configurations for business needs, including workflows, "
                        "metadata and retention rules, and plans content migrations."
                    ),
                    indicators_fr=(
                        "Conçoit des configurations de la plateforme adaptées aux besoins "
                        "opérationnels, y compris les flux de travail, les métadonnées et les "
                        "règles de conservation, et planifie les migrations de contenu."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Owns the roadmap of the enterprise content platforms, integrates them "
                        "with other systems and ensures they meet recordkeeping, security and "
                        "accessibility requirements."
                    ),
                    indicators_fr=(
                        "Est responsable de la feuille de route des plateformes de contenu "
                        "d'entreprise, les intègre aux autres systèmes et veille à ce qu'elles "
                        "respectent les exigences de tenue de documents, de sécurité et "
                        "d'accessibilité."
                    ),
                ),
            ],
        ),
    ],
)

_DWC = Family(
    code="DWC",
    name_en="Digital and web content",
    name_fr="Contenu numérique et Web",
    competencies=[
        Competency(
            code="DWC-01",
            name_en="Web content management",
            name_fr="Gestion du contenu Web",
            description_en=(
                "Plans, publishes and maintains web content that is accurate, current and easy to "
                "use."
            ),
            description_fr=(
                "Planifie, publie et gère du contenu Web exact, actuel et facile à utiliser."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Publishes simple updates to existing pages using templates, and checks "
                        "that links and dates are correct."
                    ),
                    indicators_fr=(
                        "Publie des mises à jour simples de pages existantes à l'aide de gabarits "
                        "et vérifie que les liens et les dates sont exacts."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Creates and updates pages in the content management system following the "
                        "Canada.ca Content Style Guide and design system."
                    ),
                    indicators_fr=(
                        "Crée et met à jour des pages dans le système de gestion de contenu en "
                        "respectant le guide de rédaction du contenu et le système de design de "
                        "Canada.ca."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Plans the content of a program, uses analytics and user feedback to "
                        "improve it, and removes outdated or duplicate pages."
                    ),
                    indicators_fr=(
                        "Planifie le contenu d'un programme, s'appuie sur les données analytiques "
                        "et les commentaires des utilisateurs pour l'améliorer, et retire les "
                        "pages périmées ou en double."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the department's web content strategy and governance, manages its "
                        "presence on Canada.ca and leads major redesigns based on user research."
                    ),
                    indicators_fr=(
                        "Établit la stratégie et la gouvernance du contenu Web du ministère, gère "
                        "sa présence sur Canada.ca et dirige les refontes d'envergure fondées sur "
                        "la recherche auprès des utilisateurs."
                    ),
                ),
            ],
        ),
        Competency(
            code="DWC-02",
            name_en="Accessibility and official languages of content",
            name_fr="Accessibilité et langues officielles du contenu",
            description_en=(
                "Ensures that digital content can be used by everyone, including persons with "
                "disabilities, and is of equal quality in English and French."
            ),
            description_fr=(
                "Veille à ce que le contenu numérique puisse être utilisé par tous, y compris les "
                "personnes en situation de handicap, et soit de qualité égale en français et en "
                "anglais."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Adds alternative text to images, uses headings properly and knows that "
                        "content must be published in both official languages at the same time."
                    ),
                    indicators_fr=(
                        "Ajoute un texte de remplacement aux images, utilise correctement les "
                        "titres et sait que le contenu doit être publié simultanément dans les "
                        "deux langues officielles."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Checks documents and pages against WCAG 2.1 level AA with automated and "
                        "manual tests, and coordinates translation so that both versions are "
                        "equivalent."
                    ),
                    indicators_fr=(
                        "Vérifie la conformité des documents et des pages aux WCAG 2.1 (niveau AA) "
                        "à l'aide de tests automatisés et manuels, et coordonne la traduction pour "
                        "que les deux versions soient équivalentes."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Audits the accessibility of complex content such as forms, tables and PDF "
                        "files, tests with assistive technologies and resolves official languages "
                        "issues in digital products."
                    ),
                    indicators_fr=(
                        "Vérifie l'accessibilité de contenus complexes comme les formulaires, les "
                        "tableaux et les fichiers PDF, fait des essais avec des technologies "
                        "d'assistance et règle les problèmes de langues officielles dans les "
                        "produits numériques."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets accessibility and official languages standards for the department's "
                        "digital content, monitors compliance and builds these requirements into "
                        "procurement and development."
                    ),
                    indicators_fr=(
                        "Établit les normes d'accessibilité et de langues officielles applicables "
                        "au contenu numérique du ministère, surveille leur respect et intègre ces "
                        "exigences à l'approvisionnement et au développement."
                    ),
                ),
            ],
        ),
        Competency(
            code="DWC-03",
            name_en="Plain language",
            name_fr="Langage clair",
            description_en=(
                "Writes and edits content that its audience can find, understand and act on the "
                "first time they read it."
            ),
            description_fr=(
                "Rédige et révise du contenu que le public cible peut trouver, comprendre et "
                "mettre en pratique dès la première lecture."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Writes short sentences in the active voice, avoids jargon and puts the "
                        "most important information first."
                    ),
                    indicators_fr=(
                        "Rédige des phrases courtes à la voix active, évite le jargon et présente "
                        "d'abord l'information la plus importante."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Rewrites documents and web pages in plain language with clear headings "
                        "and lists, and checks the result with readability tools."
                    ),
                    indicators_fr=(
                        "Réécrit des documents et des pages Web en langage clair, avec des titres "
                        "et des listes explicites, et vérifie le résultat à l'aide d'outils de "
                        "lisibilité."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Edits complex policy and technical content into plain language, tests it "
                        "with users and coaches colleagues on their writing."
                    ),
                    indicators_fr=(
                        "Révise des contenus stratégiques et techniques complexes selon les "
                        "principes du langage clair, les met à l'essai auprès des utilisateurs et "
                        "accompagne ses collègues dans leur rédaction."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Champions plain language across the department, sets writing standards "
                        "and reviews high-profile communications such as letters to the public and "
                        "regulatory texts."
                    ),
                    indicators_fr=(
                        "Fait la promotion du langage clair dans l'ensemble du ministère, établit "
                        "les normes de rédaction et révise les communications très en vue, comme "
                        "les lettres à la population et les textes réglementaires."
                    ),
                ),
            ],
        ),
        Competency(
            code="DWC-04",
            name_en="Digital preservation",
            name_fr="Préservation numérique",
            description_en=(
                "Keeps digital information authentic, readable and usable for as long as it must "
                "be retained."
            ),
            description_fr=(
                "Veille à ce que l'information numérique demeure authentique, lisible et "
                "utilisable aussi longtemps qu'elle doit être conservée."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Saves files in common, open formats where possible, and knows that some "
                        "formats and media become unreadable over time."
                    ),
                    indicators_fr=(
                        "Enregistre les fichiers dans des formats courants et ouverts lorsque "
                        "c'est possible, et sait que certains formats et supports deviennent "
                        "illisibles avec le temps."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Identifies at-risk formats and media in the team's holdings, converts "
                        "files to preservation formats and records checksums to verify their "
                        "integrity."
                    ),
                    indicators_fr=(
                        "Repère les formats et les supports à risque dans les fonds de l'équipe, "
                        "convertit les fichiers en formats de préservation et consigne des sommes "
                        "de contrôle pour en vérifier l'intégrité."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Develops preservation plans for long-term records, manages format "
                        "migrations and prepares digital records for transfer to Library and "
                        "Archives Canada."
                    ),
                    indicators_fr=(
                        "Élabore des plans de préservation pour les documents à conservation "
                        "prolongée, gère les migrations de formats et prépare les documents "
                        "numériques en vue de leur transfert à Bibliothèque et Archives Canada."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Sets the department's digital preservation strategy according to "
                        "recognized standards such as OAIS, and assesses the risk of obsolescence "
                        "across all systems."
                    ),
                    indicators_fr=(
                        "Établit la stratégie de préservation numérique du ministère selon des "
                        "normes reconnues comme le modèle OAIS, et évalue les risques "
                        "d'obsolescence dans l'ensemble des systèmes."
                    ),
                ),
            ],
        ),
    ],
)

_LDS = Family(
    code="LDS",
    name_en="Leadership and strategy",
    name_fr="Leadership et stratégie",
    competencies=[
        Competency(
            code="LDS-01",
            name_en="IM strategy and planning",
            name_fr="Stratégie et planification de la GI",
            description_en=(
                "Sets the direction and plans for information management (IM) that support the "
                "department's mandate and priorities."
            ),
            description_fr=(
                "Établit l'orientation et les plans de gestion de l'information (GI) qui appuient "
                "le mandat et les priorités du ministère."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Explains how information management supports the team's work and the "
                        "department's mandate."
                    ),
                    indicators_fr=(
                        "Explique comment la gestion de l'information appuie le travail de "
                        "l'équipe et le mandat du ministère."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Contributes to the IM work plan, tracks progress on assigned activities "
                        "and suggests improvements based on client needs."
                    ),
                    indicators_fr=(
                        "Contribue au plan de travail de la GI, suit l'avancement des activités "
                        "qui lui sont confiées et propose des améliorations en fonction des "
                        "besoins des clients."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Develops multi-year IM plans for a branch, sets priorities with business "
                        "owners and makes the case for resources."
                    ),
                    indicators_fr=(
                        "Élabore les plans pluriannuels de GI d'une direction générale, établit "
                        "les priorités avec les responsables opérationnels et justifie les besoins "
                        "en ressources."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Leads the department's IM strategy, links it to the departmental plan on "
                        "service and digital, and secures senior management support for "
                        "investments."
                    ),
                    indicators_fr=(
                        "Dirige la stratégie de GI du ministère, l'arrime au plan ministériel sur "
                        "le service et le numérique, et obtient l'appui de la haute direction pour "
                        "les investissements."
                    ),
                ),
            ],
        ),
        Competency(
            code="LDS-02",
            name_en="Policy and compliance",
            name_fr="Politiques et conformité",
            description_en=(
                "Interprets and applies the Policy on Service and Digital and related instruments, "
                "and monitors the department's compliance."
            ),
            description_fr=(
                "Interprète et applique la Politique sur le service et le numérique et les "
                "instruments connexes, et surveille la conformité du ministère."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Knows that the Policy on Service and Digital sets IM responsibilities for "
                        "all employees, and follows the department's IM directives in daily work."
                    ),
                    indicators_fr=(
                        "Sait que la Politique sur le service et le numérique confie des "
                        "responsabilités en GI à tous les employés, et respecte les directives "
                        "ministérielles en GI dans son travail quotidien."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Explains policy requirements to clients in practical terms and gathers "
                        "evidence for compliance reviews and audits."
                    ),
                    indicators_fr=(
                        "Explique concrètement les exigences des politiques aux clients et "
                        "recueille les éléments probants nécessaires aux examens de conformité et "
                        "aux vérifications."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Drafts departmental IM directives, standards and guidance, assesses "
                        "compliance across programs and recommends corrective action."
                    ),
                    indicators_fr=(
                        "Rédige les directives, les normes et les lignes directrices "
                        "ministérielles en GI, évalue la conformité des programmes et recommande "
                        "des mesures correctives."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Interprets new central agency policies for the department, leads "
                        "responses to audits and evaluations, and advises the chief information "
                        "officer on compliance risks."
                    ),
                    indicators_fr=(
                        "Interprète les nouvelles politiques des organismes centraux pour le "
                        "ministère, dirige les réponses aux vérifications et aux évaluations, et "
                        "conseille le dirigeant principal de l'information sur les risques de "
                        "non-conformité."
                    ),
                ),
            ],
        ),
        Competency(
            code="LDS-03",
            name_en="Change management and engagement",
            name_fr="Gestion du changement et mobilisation",
            description_en=(
                "Helps people adopt new information practices and tools by engaging them early and "
                "supporting them through the change."
            ),
            description_fr=(
                "Aide les gens à adopter de nouvelles pratiques et de nouveaux outils de gestion "
                "de l'information en les mobilisant tôt et en les accompagnant tout au long du "
                "changement."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Is open to new IM tools and practices and gives feedback on what works "
                        "and what does not."
                    ),
                    indicators_fr=(
                        "Fait preuve d'ouverture envers les nouveaux outils et les nouvelles "
                        "pratiques de GI, et indique ce qui fonctionne et ce qui ne fonctionne "
                        "pas."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Delivers training and awareness sessions, answers questions during "
                        "rollouts and reports recurring obstacles to the project team."
                    ),
                    indicators_fr=(
                        "Donne des séances de formation et de sensibilisation, répond aux "
                        "questions pendant les déploiements et signale les obstacles récurrents à "
                        "l'équipe de projet."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Plans the change activities of IM initiatives, including stakeholder "
                        "analysis, communications and networks of champions, and measures "
                        "adoption."
                    ),
                    indicators_fr=(
                        "Planifie les activités de gestion du changement des initiatives de GI, "
                        "notamment l'analyse des parties prenantes, les communications et les "
                        "réseaux de champions, et mesure le taux d'adoption."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Leads organization-wide change for major IM transformations, engages "
                        "executives as sponsors and adjusts the approach based on evidence of "
                        "adoption and resistance."
                    ),
                    indicators_fr=(
                        "Dirige le changement à l'échelle de l'organisation lors des grandes "
                        "transformations de la GI, mobilise des cadres supérieurs comme parrains "
                        "et adapte l'approche selon les signes d'adoption et de résistance "
                        "observés."
                    ),
                ),
            ],
        ),
        Competency(
            code="LDS-04",
            name_en="People leadership in IM",
            name_fr="Leadership et gestion des personnes en GI",
            description_en="Builds, develops and leads capable and inclusive IM teams.",
            description_fr=(
                "Forme, perfectionne et dirige des équipes de GI compétentes et inclusives."
            ),
            levels=[
                LevelDescriptor(
                    level=1,
                    indicators_en=(
                        "Shares knowledge with new colleagues and contributes positively to the "
                        "team's work and learning."
                    ),
                    indicators_fr=(
                        "Transmet ses connaissances aux nouveaux collègues et contribue de façon "
                        "positive au travail et à l'apprentissage de l'équipe."
                    ),
                ),
                LevelDescriptor(
                    level=2,
                    indicators_en=(
                        "Coaches junior staff and students on IM tasks, gives constructive "
                        "feedback and leads small projects or working groups."
                    ),
                    indicators_fr=(
                        "Encadre le personnel débutant et les étudiants dans leurs tâches de GI, "
                        "donne une rétroaction constructive et dirige de petits projets ou groupes "
                        "de travail."
                    ),
                ),
                LevelDescriptor(
                    level=3,
                    indicators_en=(
                        "Manages an IM team: sets objectives, assigns work, supports learning "
                        "plans and creates an inclusive, bilingual workplace."
                    ),
                    indicators_fr=(
                        "Gère une équipe de GI : fixe les objectifs, répartit le travail, soutient "
                        "les plans d'apprentissage et crée un milieu de travail inclusif et "
                        "bilingue."
                    ),
                ),
                LevelDescriptor(
                    level=4,
                    indicators_en=(
                        "Shapes the department's IM workforce, plans succession and recruitment, "
                        "and develops the next generation of IM leaders across the community."
                    ),
                    indicators_fr=(
                        "Façonne l'effectif de GI du ministère, planifie la relève et le "
                        "recrutement, et prépare la prochaine génération de leaders de la GI dans "
                        "l'ensemble de la collectivité."
                    ),
                ),
            ],
        ),
    ],
)

IM_FRAMEWORK: Framework = with_identifiers(
    Framework(
        identifier=IM_FRAMEWORK_IDENTIFIER,
        title_en="Information Management Competency Framework",
        title_fr="Référentiel de compétences en gestion de l'information",
        version="1.0",
        levels_scale=IM_LEVELS_SCALE,
        families=[_RIL, _ACP, _LKS, _IAD, _DWC, _LDS],
    )
)
"""The framework, with every family and competency identifier filled in. Shared module
state: copy it (`copy.deepcopy`) before changing anything."""
