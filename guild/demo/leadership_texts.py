"""What the demo's leadership programme says, in both official languages: the programme
and its phases, the learning events, the nominations' rationales, the themes of the
feedback the programme reported on November 25, 2004 (the comments themselves are in
`leadership_comments`) and the recommendations. Pure data."""

from datetime import date
from typing import Any

PROGRAMME: dict[str, Any] = {
    "programme": {
        "name_en": "IM Leadership Initiative",
        "name_fr": "Initiative de leadership en gestion de l'information",
        "description_en": (
            "Develops leadership capacity in IM functional advisors and specialists, "
            "reflects a rethinking of the role of information management and provides "
            "early returns to departments. Modelled on the Accelerated Executive "
            "Development Program: formal learning events, action learning groups and a "
            "structured curriculum."
        ),
        "description_fr": (
            "Développe la capacité de leadership des conseillers fonctionnels et des "
            "spécialistes en GI, traduit une nouvelle conception du rôle de la gestion de "
            "l'information et procure des retombées rapides aux ministères. Inspirée du "
            "Programme de perfectionnement accéléré des cadres supérieurs : activités "
            "d'apprentissage structurées, groupes d'apprentissage par l'action et "
            "programme d'études structuré."
        ),
    },
    "phases": (
        {
            "name_en": "First phase (2003-2004)",
            "name_fr": "Première phase (2003-2004)",
            "starts_on": date(2003, 4, 1),
            "ends_on": date(2004, 6, 30),
            "description_en": (
                "Nomination and selection (summer 2003), launch (October 2003), action "
                "learning groups and formal learning events (from November 2003), "
                "curriculum development begun (spring 2004)."
            ),
            "description_fr": (
                "Mise en candidature et sélection (été 2003), lancement (octobre 2003), "
                "groupes d'apprentissage par l'action et activités d'apprentissage "
                "structurées (à partir de novembre 2003), début de l'élaboration du "
                "programme d'études (printemps 2004)."
            ),
        },
        {
            "name_en": "Second phase (2004-2005)",
            "name_fr": "Deuxième phase (2004-2005)",
            "starts_on": date(2004, 7, 1),
            "ends_on": date(2005, 3, 31),
            "description_en": (
                "A more structured curriculum; evaluation and recommendations on the "
                "programme's final design."
            ),
            "description_fr": (
                "Un programme d'études plus structuré; évaluation et recommandations sur "
                "la conception définitive du programme."
            ),
        },
    ),
}

EVENT_TITLES = (
    (
        "Information management in the Government of Canada: the MGI policy",
        "La gestion de l'information au gouvernement du Canada : la politique sur la GIG",
    ),
    (
        "Leading change in information management",
        "Diriger le changement en gestion de l'information",
    ),
    (
        "Recordkeeping for decision making",
        "La tenue de documents au service de la prise de décisions",
    ),
    (
        "Access to information and privacy: the leader's role",
        "L'accès à l'information et la protection des renseignements personnels : le rôle "
        "du leader",
    ),
    ("Web content and service to Canadians", "Le contenu Web et le service aux Canadiens"),
    (
        "Information management in project planning and systems development",
        "La gestion de l'information dans la planification de projets et le développement "
        "de systèmes",
    ),
    ("Building an IM community of practice", "Bâtir une communauté de pratique en GI"),
    ("IM competencies and the road ahead", "Les compétences en GI et la suite"),
)

# (English, French)
RATIONALES = (
    (
        "Leads the renewal of the department's records management; ready for a wider role.",
        "Dirige le renouvellement de la gestion des documents du ministère; prête ou prêt "
        "pour un rôle plus large.",
    ),
    (
        "Manages the library and web content teams and mentors new IM staff.",
        "Gère les équipes de la bibliothèque et du contenu Web et encadre le nouveau "
        "personnel de la GI.",
    ),
    (
        "Has brought access to information and IM together in the department's planning.",
        "A rapproché l'accès à l'information et la GI dans la planification du ministère.",
    ),
    (
        "Leads IM in the department's largest systems project.",
        "Dirige la GI dans le plus grand projet de systèmes du ministère.",
    ),
)

# Theme keys -> (English, French): what the participants and the supervisors said.
PARTICIPANT_THEMES = {
    "options": (
        "Focuses on developing options to real challenges",
        "Met l'accent sur l'élaboration d'options pour relever de véritables défis",
    ),
    "planning": ("Influences IM project planning", "Influe sur la planification des projets de GI"),
    "strategic": ("Encourages strategic thinking", "Favorise la pensée stratégique"),
    "collaboration": ("Supports collaborative processes", "Appuie les processus de collaboration"),
    "innovative": (
        "Provides innovative learning opportunities",
        "Offre des occasions d'apprentissage novatrices",
    ),
}
SUPERVISOR_THEMES = {
    "strategic": ("Improves strategic thinking", "Améliore la pensée stratégique"),
    "coaching": ("Develops coaching skills", "Développe les compétences en encadrement"),
    "horizontal": (
        "Supports broader 'horizontal' thinking",
        "Favorise une réflexion « horizontale » plus large",
    ),
    "community": ("Builds community support", "Renforce le soutien de la communauté"),
    "understanding": (
        "Improves the understanding of IM issues",
        "Améliore la compréhension des enjeux de la GI",
    ),
    "alternatives": (
        "Encourages alternative approaches",
        "Encourage les approches différentes",
    ),
    "network": (
        "Provides a rich network of contacts and resources",
        "Offre un riche réseau de contacts et de ressources",
    ),
}

RECOMMENDATIONS = (
    (
        "Keep the action learning groups at the heart of the programme: participants and "
        "supervisors alike credit them with the programme's benefits.",
        "Garder les groupes d'apprentissage par l'action au cœur du programme : les "
        "participants comme les superviseurs leur attribuent les bienfaits du programme.",
    ),
    (
        "Introduce a more structured curriculum, starting with the IM Leadership Course "
        "piloted with this intake's participants in February 2005.",
        "Instaurer un programme d'études plus structuré, à commencer par le cours de "
        "leadership en GI mis à l'essai auprès des participants de cette cohorte en "
        "février 2005.",
    ),
)
