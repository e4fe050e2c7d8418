"""Reference data in both official languages: communities and their work streams,
federal departments and agencies, regions, and occupational groups and levels.

Loading is idempotent: every row is matched on its natural code with
update_or_create, so running this on a database that already holds the rows
updates their names and duplicates nothing. ``is_active`` is set only when a row
is created, so a row an administrator has retired stays retired. The reverse is
a no-op: members and accounts point at these rows.

Names are the applied titles of the Federal Identity Program and the official
Treasury Board occupational group names.
"""

from django.db import migrations

# Communities: (code, name_en, name_fr, description_en, description_fr)
COMMUNITIES = [
    (
        "im",
        "Information Management community",
        "Communauté de la gestion de l'information",
        "Public servants who manage the Government of Canada's information as a strategic "
        "asset: records, libraries, archives, access to information and privacy, data and "
        "web content.",
        "Fonctionnaires qui gèrent l'information du gouvernement du Canada comme un bien "
        "stratégique\u00a0: documents, bibliothèques, archives, accès à l'information et "
        "protection des renseignements personnels, données et contenu Web.",
    ),
    (
        "it",
        "Information Technology community",
        "Communauté de la technologie de l'information",
        "Public servants who plan, build, secure and support the Government of Canada's "
        "information technology systems and services.",
        "Fonctionnaires qui planifient, conçoivent, sécurisent et soutiennent les systèmes et "
        "les services de technologie de l'information du gouvernement du Canada.",
    ),
    (
        "hr",
        "Human Resources community",
        "Communauté des ressources humaines",
        "Public servants who attract, develop and support the people of the federal public "
        "service, from staffing and classification to labour relations and pay.",
        "Fonctionnaires qui attirent, perfectionnent et soutiennent les personnes de la "
        "fonction publique fédérale, de la dotation et de la classification aux relations de "
        "travail et à la rémunération.",
    ),
]

# Work streams, by community code: (code, name_en, name_fr); order follows the list.
WORK_STREAMS = {
    "im": [
        ("records-management", "Records management", "Gestion des documents"),
        ("library-services", "Library services", "Services de bibliothèque"),
        ("archives", "Archives", "Archives"),
        (
            "atip",
            "Access to information and privacy (ATIP)",
            "Accès à l'information et protection des renseignements personnels (AIPRP)",
        ),
        ("web-content-management", "Web content management", "Gestion du contenu Web"),
        ("data-management", "Data management", "Gestion des données"),
        ("information-architecture", "Information architecture", "Architecture de l'information"),
        ("im-systems-development", "IM systems development", "Développement de systèmes de GI"),
        ("policy-development", "Policy development", "Élaboration des politiques"),
        ("knowledge-management", "Knowledge management", "Gestion des connaissances"),
        ("im-business-analysis", "Business analysis (IM)", "Analyse opérationnelle (GI)"),
        ("im-leadership", "IM leadership and management", "Leadership et gestion en GI"),
    ],
    "it": [
        ("application-development", "Application development", "Développement d'applications"),
        (
            "infrastructure-operations",
            "Infrastructure operations",
            "Opérations d'infrastructure",
        ),
        ("cyber-security", "Cyber security", "Cybersécurité"),
        ("enterprise-architecture", "Enterprise architecture", "Architecture intégrée"),
        ("data-analytics", "Data and analytics", "Données et analytique"),
        ("it-project-management", "IT project management", "Gestion de projets de TI"),
        (
            "client-support",
            "Service desk and client support",
            "Centre de services et soutien à la clientèle",
        ),
        ("it-business-analysis", "IT business analysis", "Analyse opérationnelle de la TI"),
    ],
    "hr": [
        ("staffing", "Staffing", "Dotation"),
        ("classification", "Classification", "Classification"),
        ("labour-relations", "Labour relations", "Relations de travail"),
        (
            "compensation-benefits",
            "Compensation and benefits",
            "Rémunération et avantages sociaux",
        ),
        ("learning-development", "Learning and development", "Apprentissage et perfectionnement"),
        ("hr-planning", "Human resources planning", "Planification des ressources humaines"),
    ],
}

# Departments and agencies: (code, acronym_en, acronym_fr, name_en, name_fr)
DEPARTMENTS = [
    (
        "aafc",
        "AAFC",
        "AAC",
        "Agriculture and Agri-Food Canada",
        "Agriculture et Agroalimentaire Canada",
    ),
    (
        "acoa",
        "ACOA",
        "APECA",
        "Atlantic Canada Opportunities Agency",
        "Agence de promotion économique du Canada atlantique",
    ),
    (
        "cannor",
        "CanNor",
        "CanNor",
        "Canadian Northern Economic Development Agency",
        "Agence canadienne de développement économique du Nord",
    ),
    (
        "cbsa",
        "CBSA",
        "ASFC",
        "Canada Border Services Agency",
        "Agence des services frontaliers du Canada",
    ),
    (
        "ced",
        "CED",
        "DEC",
        "Canada Economic Development for Quebec Regions",
        "Développement économique Canada pour les régions du Québec",
    ),
    ("ccg", "CCG", "GCC", "Canadian Coast Guard", "Garde côtière canadienne"),
    ("cer", "CER", "REC", "Canada Energy Regulator", "Régie de l'énergie du Canada"),
    (
        "cfia",
        "CFIA",
        "ACIA",
        "Canadian Food Inspection Agency",
        "Agence canadienne d'inspection des aliments",
    ),
    (
        "chrc",
        "CHRC",
        "CCDP",
        "Canadian Human Rights Commission",
        "Commission canadienne des droits de la personne",
    ),
    (
        "cihr",
        "CIHR",
        "IRSC",
        "Canadian Institutes of Health Research",
        "Instituts de recherche en santé du Canada",
    ),
    (
        "cirnac",
        "CIRNAC",
        "RCAANC",
        "Crown-Indigenous Relations and Northern Affairs Canada",
        "Relations Couronne-Autochtones et Affaires du Nord Canada",
    ),
    (
        "cmhc",
        "CMHC",
        "SCHL",
        "Canada Mortgage and Housing Corporation",
        "Société canadienne d'hypothèques et de logement",
    ),
    (
        "cnsc",
        "CNSC",
        "CCSN",
        "Canadian Nuclear Safety Commission",
        "Commission canadienne de sûreté nucléaire",
    ),
    ("cra", "CRA", "ARC", "Canada Revenue Agency", "Agence du revenu du Canada"),
    (
        "crtc",
        "CRTC",
        "CRTC",
        "Canadian Radio-television and Telecommunications Commission",
        "Conseil de la radiodiffusion et des télécommunications canadiennes",
    ),
    ("csa", "CSA", "ASC", "Canadian Space Agency", "Agence spatiale canadienne"),
    ("csc", "CSC", "SCC", "Correctional Service Canada", "Service correctionnel Canada"),
    (
        "cse",
        "CSE",
        "CST",
        "Communications Security Establishment",
        "Centre de la sécurité des télécommunications",
    ),
    (
        "csis",
        "CSIS",
        "SCRS",
        "Canadian Security Intelligence Service",
        "Service canadien du renseignement de sécurité",
    ),
    (
        "csps",
        "CSPS",
        "EFPC",
        "Canada School of Public Service",
        "École de la fonction publique du Canada",
    ),
    ("cta", "CTA", "OTC", "Canadian Transportation Agency", "Office des transports du Canada"),
    ("dfo", "DFO", "MPO", "Fisheries and Oceans Canada", "Pêches et Océans Canada"),
    ("dnd", "DND", "MDN", "National Defence", "Défense nationale"),
    (
        "eccc",
        "ECCC",
        "ECCC",
        "Environment and Climate Change Canada",
        "Environnement et Changement climatique Canada",
    ),
    (
        "esdc",
        "ESDC",
        "EDSC",
        "Employment and Social Development Canada",
        "Emploi et Développement social Canada",
    ),
    (
        "fcac",
        "FCAC",
        "ACFC",
        "Financial Consumer Agency of Canada",
        "Agence de la consommation en matière financière du Canada",
    ),
    ("fin", "FIN", "FIN", "Department of Finance Canada", "Ministère des Finances Canada"),
    (
        "fintrac",
        "FINTRAC",
        "CANAFE",
        "Financial Transactions and Reports Analysis Centre of Canada",
        "Centre d'analyse des opérations et déclarations financières du Canada",
    ),
    ("gac", "GAC", "AMC", "Global Affairs Canada", "Affaires mondiales Canada"),
    ("hc", "HC", "SC", "Health Canada", "Santé Canada"),
    (
        "irb",
        "IRB",
        "CISR",
        "Immigration and Refugee Board of Canada",
        "Commission de l'immigration et du statut de réfugié du Canada",
    ),
    (
        "ircc",
        "IRCC",
        "IRCC",
        "Immigration, Refugees and Citizenship Canada",
        "Immigration, Réfugiés et Citoyenneté Canada",
    ),
    ("isc", "ISC", "SAC", "Indigenous Services Canada", "Services aux Autochtones Canada"),
    (
        "ised",
        "ISED",
        "ISDE",
        "Innovation, Science and Economic Development Canada",
        "Innovation, Sciences et Développement économique Canada",
    ),
    ("jus", "JUS", "JUS", "Department of Justice Canada", "Ministère de la Justice Canada"),
    ("lac", "LAC", "BAC", "Library and Archives Canada", "Bibliothèque et Archives Canada"),
    ("nfb", "NFB", "ONF", "National Film Board of Canada", "Office national du film du Canada"),
    (
        "nrc",
        "NRC",
        "CNRC",
        "National Research Council Canada",
        "Conseil national de recherches Canada",
    ),
    ("nrcan", "NRCan", "RNCan", "Natural Resources Canada", "Ressources naturelles Canada"),
    (
        "nserc",
        "NSERC",
        "CRSNG",
        "Natural Sciences and Engineering Research Council of Canada",
        "Conseil de recherches en sciences naturelles et en génie du Canada",
    ),
    (
        "oag",
        "OAG",
        "BVG",
        "Office of the Auditor General of Canada",
        "Bureau du vérificateur général du Canada",
    ),
    (
        "ocol",
        "OCOL",
        "CLO",
        "Office of the Commissioner of Official Languages",
        "Commissariat aux langues officielles",
    ),
    (
        "opc",
        "OPC",
        "CPVP",
        "Office of the Privacy Commissioner of Canada",
        "Commissariat à la protection de la vie privée du Canada",
    ),
    (
        "pbc",
        "PBC",
        "CLCC",
        "Parole Board of Canada",
        "Commission des libérations conditionnelles du Canada",
    ),
    ("pc", "PC", "PC", "Parks Canada", "Parcs Canada"),
    ("pch", "PCH", "PCH", "Canadian Heritage", "Patrimoine canadien"),
    ("pco", "PCO", "BCP", "Privy Council Office", "Bureau du Conseil privé"),
    (
        "phac",
        "PHAC",
        "ASPC",
        "Public Health Agency of Canada",
        "Agence de la santé publique du Canada",
    ),
    (
        "ppsc",
        "PPSC",
        "SPPC",
        "Public Prosecution Service of Canada",
        "Service des poursuites pénales du Canada",
    ),
    ("ps", "PS", "SP", "Public Safety Canada", "Sécurité publique Canada"),
    (
        "psc",
        "PSC",
        "CFP",
        "Public Service Commission of Canada",
        "Commission de la fonction publique du Canada",
    ),
    (
        "pspc",
        "PSPC",
        "SPAC",
        "Public Services and Procurement Canada",
        "Services publics et Approvisionnement Canada",
    ),
    ("rcmp", "RCMP", "GRC", "Royal Canadian Mounted Police", "Gendarmerie royale du Canada"),
    ("ssc", "SSC", "SPC", "Shared Services Canada", "Services partagés Canada"),
    (
        "sshrc",
        "SSHRC",
        "CRSH",
        "Social Sciences and Humanities Research Council of Canada",
        "Conseil de recherches en sciences humaines du Canada",
    ),
    ("statcan", "StatCan", "StatCan", "Statistics Canada", "Statistique Canada"),
    (
        "tbs",
        "TBS",
        "SCT",
        "Treasury Board of Canada Secretariat",
        "Secrétariat du Conseil du Trésor du Canada",
    ),
    ("tc", "TC", "TC", "Transport Canada", "Transports Canada"),
    (
        "tsb",
        "TSB",
        "BST",
        "Transportation Safety Board of Canada",
        "Bureau de la sécurité des transports du Canada",
    ),
    ("vac", "VAC", "ACC", "Veterans Affairs Canada", "Anciens Combattants Canada"),
    (
        "wage",
        "WAGE",
        "FEGC",
        "Women and Gender Equality Canada",
        "Femmes et Égalité des genres Canada",
    ),
]

# Regions: (code, name_en, name_fr); order follows the list.
REGIONS = [
    ("ncr", "National Capital Region", "Région de la capitale nationale"),
    ("atlantic", "Atlantic", "Atlantique"),
    ("quebec", "Quebec", "Québec"),
    ("ontario", "Ontario", "Ontario"),
    ("prairies", "Prairies", "Prairies"),
    ("bc", "British Columbia", "Colombie-Britannique"),
    ("north", "North", "Nord"),
    ("outside", "Outside Canada", "À l'extérieur du Canada"),
]

# Occupational groups: (code, name_en, name_fr, highest level, active).
# CS (converted to IT) and SI (folded into EC) are historical: kept so that past
# classifications can still be named, but inactive so they are not offered.
OCCUPATIONAL_GROUPS = [
    ("AS", "Administrative Services", "Services administratifs", 8, True),
    ("CO", "Commerce", "Commerce", 4, True),
    ("CR", "Clerical and Regulatory", "Commis aux écritures et aux règlements", 7, True),
    ("CS", "Computer Systems", "Systèmes d'ordinateurs", 5, False),
    (
        "EC",
        "Economics and Social Science Services",
        "Économique et services de sciences sociales",
        8,
        True,
    ),
    ("EX", "Executive", "Direction", 5, True),
    ("IS", "Information Services", "Services d'information", 6, True),
    ("IT", "Information Technology", "Technologie de l'information", 5, True),
    ("LS", "Library Science", "Bibliothéconomie", 6, True),
    ("PE", "Personnel Administration", "Gestion du personnel", 6, True),
    ("PM", "Programme Administration", "Administration des programmes", 7, True),
    ("SI", "Social Science Support", "Soutien des sciences sociales", 8, False),
]


def _upsert(model, lookup, values, *, is_active=True):
    """Update the names of an existing row, or create it with ``is_active``."""
    return model.objects.update_or_create(
        **lookup,
        defaults=values,
        create_defaults={**values, "is_active": is_active},
    )[0]


def load_reference_data(apps, schema_editor):
    Community = apps.get_model("organizations", "Community")
    WorkStream = apps.get_model("organizations", "WorkStream")
    Department = apps.get_model("organizations", "Department")
    Region = apps.get_model("organizations", "Region")
    OccupationalGroup = apps.get_model("organizations", "OccupationalGroup")
    OccupationalLevel = apps.get_model("organizations", "OccupationalLevel")

    for code, name_en, name_fr, description_en, description_fr in COMMUNITIES:
        community = _upsert(
            Community,
            {"code": code},
            {
                "name_en": name_en,
                "name_fr": name_fr,
                "description_en": description_en,
                "description_fr": description_fr,
            },
        )
        for order, (stream_code, stream_en, stream_fr) in enumerate(WORK_STREAMS[code], 1):
            _upsert(
                WorkStream,
                {"community": community, "code": stream_code},
                {"name_en": stream_en, "name_fr": stream_fr, "order": order * 10},
            )

    for code, acronym_en, acronym_fr, name_en, name_fr in DEPARTMENTS:
        _upsert(
            Department,
            {"code": code},
            {
                "acronym_en": acronym_en,
                "acronym_fr": acronym_fr,
                "name_en": name_en,
                "name_fr": name_fr,
            },
        )

    for order, (code, name_en, name_fr) in enumerate(REGIONS, 1):
        _upsert(Region, {"code": code}, {"name_en": name_en, "name_fr": name_fr, "order": order})

    for code, name_en, name_fr, top_level, active in OCCUPATIONAL_GROUPS:
        group = _upsert(
            OccupationalGroup,
            {"code": code},
            {"name_en": name_en, "name_fr": name_fr},
            is_active=active,
        )
        for level in range(1, top_level + 1):
            # The historical model has no custom save(): the code is set here.
            _upsert(
                OccupationalLevel,
                {"code": f"{code}-{level:02d}"},
                {"group": group, "level": level},
                is_active=active,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
