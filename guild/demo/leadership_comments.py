"""What the demo's leadership participants wrote in their evaluations and their supervisors
in their feedback, in both official languages (each respondent writes in their first
official language), each with the key of the theme the administrator tags it with
(`leadership_texts`). Pure data."""

# (theme, English, French)
EVENT_COMMENTS = (
    (
        "strategic",
        "The policy session made me rethink where IM fits in our strategic plan.",
        "La séance sur la politique m'a fait repenser la place de la GI dans notre plan "
        "stratégique.",
    ),
    (
        "innovative",
        "A day away from the office with people from other departments: a new way to learn.",
        "Une journée hors du bureau avec des gens d'autres ministères : une nouvelle façon "
        "d'apprendre.",
    ),
    (
        "planning",
        "I will bring the recordkeeping checklist to our next project planning meeting.",
        "J'apporterai la liste de contrôle sur la tenue de documents à notre prochaine "
        "réunion de planification de projet.",
    ),
    (
        "options",
        "The case study gave us options we could use on Monday morning.",
        "L'étude de cas nous a donné des options utilisables dès lundi matin.",
    ),
    (
        "collaboration",
        "Working through the exercise in mixed tables showed how much we share.",
        "L'exercice en tables mixtes a montré tout ce que nous avons en commun.",
    ),
    (
        "strategic",
        "Good speakers; less time on slides and more on discussion, please.",
        "De bons conférenciers; moins de diapositives et plus de discussion, s'il vous plaît.",
    ),
    (
        "innovative",
        "Hearing a deputy head on IM was a first for most of us.",
        "Entendre un administrateur général parler de GI était une première pour la "
        "plupart d'entre nous.",
    ),
    (
        "planning",
        "We are changing how IM is costed in our project proposals.",
        "Nous changeons la façon d'établir le coût de la GI dans nos propositions de projet.",
    ),
    (
        "collaboration",
        "The panel of ATIP and records leads should be repeated for our managers.",
        "Le panel de responsables de l'AIPRP et des documents devrait être repris pour nos "
        "gestionnaires.",
    ),
    (
        "options",
        "Practical: each topic ended with what a leader can do about it.",
        "Pratique : chaque sujet se terminait par ce qu'un leader peut faire.",
    ),
)
GROUP_COMMENTS = (
    (
        "options",
        "My group helped me find three options for our e-mail retention problem.",
        "Mon groupe m'a aidé à trouver trois options pour notre problème de conservation "
        "des courriels.",
    ),
    (
        "collaboration",
        "We now call each other between meetings; the group works beyond the day.",
        "Nous nous appelons entre les rencontres; le groupe travaille au-delà de la journée.",
    ),
    (
        "strategic",
        "Asking questions instead of giving answers changed how I lead my team.",
        "Poser des questions au lieu de donner des réponses a changé ma façon de diriger "
        "mon équipe.",
    ),
    (
        "planning",
        "The group reviewed my project charter; IM is now in the plan from day one.",
        "Le groupe a revu ma charte de projet; la GI fait maintenant partie du plan dès le "
        "premier jour.",
    ),
    (
        "innovative",
        "Action learning was new to me and it is the most useful part of the programme.",
        "L'apprentissage par l'action était nouveau pour moi et c'est la partie la plus "
        "utile du programme.",
    ),
    (
        "options",
        "Bringing a real problem to the table is what makes it worth the day.",
        "Apporter un vrai problème à la table, c'est ce qui fait que la journée en vaut la peine.",
    ),
    (
        "collaboration",
        "Hearing how another department solved the same problem saved us months.",
        "Savoir comment un autre ministère a réglé le même problème nous a fait gagner des mois.",
    ),
    (
        "strategic",
        "I see my IM issues as the department's business issues now.",
        "Je vois maintenant mes enjeux de GI comme des enjeux d'affaires du ministère.",
    ),
    (
        "planning",
        "Our group's advice shaped the records plan for our new system.",
        "Les conseils de notre groupe ont façonné le plan de gestion des documents de notre "
        "nouveau système.",
    ),
    (
        "innovative",
        "A monthly day is hard to protect, but the group makes it worth it.",
        "Une journée par mois est difficile à protéger, mais le groupe en vaut la peine.",
    ),
)
SUPERVISOR_COMMENTS = (
    (
        "strategic",
        "She now presents IM as a business issue to our management committee.",
        "Elle présente maintenant la GI comme un enjeu d'affaires à notre comité de gestion.",
    ),
    (
        "coaching",
        "He coaches his team instead of solving every problem himself.",
        "Il encadre son équipe au lieu de régler lui-même chaque problème.",
    ),
    (
        "horizontal",
        "Looks beyond our branch: brought in finance and ATIP on the records project.",
        "Regarde au-delà de notre direction : a associé les finances et l'AIPRP au projet de "
        "gestion des documents.",
    ),
    (
        "community",
        "Has built support for IM across the department and with other departments.",
        "A su rallier des appuis à la GI dans tout le ministère et auprès d'autres ministères.",
    ),
    (
        "understanding",
        "Our executives understand the IM issues better thanks to his briefings.",
        "Nos cadres comprennent mieux les enjeux de la GI grâce à ses séances d'information.",
    ),
    (
        "alternatives",
        "Comes to me with two or three approaches, not one.",
        "Me présente deux ou trois approches, et non une seule.",
    ),
    (
        "network",
        "Knows whom to call in other departments; it has saved us time.",
        "Sait qui appeler dans les autres ministères; cela nous a fait gagner du temps.",
    ),
    (
        "strategic",
        "Her planning for the next fiscal year is more strategic than before.",
        "Sa planification du prochain exercice est plus stratégique qu'auparavant.",
    ),
    (
        "coaching",
        "Has started mentoring two junior analysts.",
        "A commencé à encadrer deux analystes subalternes.",
    ),
    (
        "horizontal",
        "Thinks of the whole government, not only our program.",
        "Pense à l'ensemble du gouvernement, et non seulement à notre programme.",
    ),
    (
        "community",
        "Leads our department's IM community network now.",
        "Dirige maintenant le réseau de la communauté de la GI de notre ministère.",
    ),
    (
        "understanding",
        "Explains recordkeeping obligations clearly to program managers.",
        "Explique clairement les obligations en matière de tenue de documents aux "
        "gestionnaires de programme.",
    ),
    (
        "alternatives",
        "Tried a pilot before a full roll-out, on the group's advice.",
        "A mis à l'essai un projet pilote avant un déploiement complet, sur les conseils du "
        "groupe.",
    ),
    (
        "network",
        "Brings back contacts and resources from the other participants.",
        "Rapporte des contacts et des ressources des autres participants.",
    ),
)
