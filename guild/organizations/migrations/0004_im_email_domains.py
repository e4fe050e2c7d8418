"""The IM community accepts the Government of Canada's departmental e-mail domains: a
person whose verified account address is at one of them (or at a subdomain) joins at once;
anyone else asks and waits for approval. The other communities declare no domain yet, so
every request to join them waits for approval.

The list holds the domains departments and agencies give their staff (most pair the
English and French acronyms, e.g. ``tbs-sct.gc.ca``) and ``canada.ca``, where several
departments now issue addresses. It deliberately does not hold ``gc.ca`` itself, under which
many bodies that are not departments have names.

Idempotent: it sets the domains only where none were declared, so a list an administrator
has since edited is kept. The reverse leaves the field as it is.
"""

from django.db import migrations

IM_EMAIL_DOMAINS = [
    "canada.ca",
    "agr.gc.ca",  # Agriculture and Agri-Food Canada
    "acoa-apeca.gc.ca",  # Atlantic Canada Opportunities Agency
    "cannor.gc.ca",  # Canadian Northern Economic Development Agency
    "cbsa-asfc.gc.ca",  # Canada Border Services Agency
    "ced-dec.gc.ca",  # Canada Economic Development for Quebec Regions
    "dfo-mpo.gc.ca",  # Fisheries and Oceans Canada, Canadian Coast Guard
    "cer-rec.gc.ca",  # Canada Energy Regulator
    "inspection.gc.ca",  # Canadian Food Inspection Agency
    "chrc-ccdp.gc.ca",  # Canadian Human Rights Commission
    "cihr-irsc.gc.ca",  # Canadian Institutes of Health Research
    "rcaanc-cirnac.gc.ca",  # Crown-Indigenous Relations and Northern Affairs Canada
    "cmhc-schl.gc.ca",  # Canada Mortgage and Housing Corporation
    "cnsc-ccsn.gc.ca",  # Canadian Nuclear Safety Commission
    "cra-arc.gc.ca",  # Canada Revenue Agency
    "crtc.gc.ca",  # Canadian Radio-television and Telecommunications Commission
    "asc-csa.gc.ca",  # Canadian Space Agency
    "csc-scc.gc.ca",  # Correctional Service Canada
    "cse-cst.gc.ca",  # Communications Security Establishment
    "csis-scrs.gc.ca",  # Canadian Security Intelligence Service
    "csps-efpc.gc.ca",  # Canada School of Public Service
    "otc-cta.gc.ca",  # Canadian Transportation Agency
    "forces.gc.ca",  # National Defence
    "ec.gc.ca",  # Environment and Climate Change Canada
    "hrsdc-rhdcc.gc.ca",  # Employment and Social Development Canada
    "servicecanada.gc.ca",  # Service Canada (ESDC)
    "labour-travail.gc.ca",  # Labour Program (ESDC)
    "fcac-acfc.gc.ca",  # Financial Consumer Agency of Canada
    "fin.gc.ca",  # Department of Finance Canada
    "fintrac-canafe.gc.ca",  # Financial Transactions and Reports Analysis Centre
    "international.gc.ca",  # Global Affairs Canada
    "hc-sc.gc.ca",  # Health Canada
    "phac-aspc.gc.ca",  # Public Health Agency of Canada
    "irb-cisr.gc.ca",  # Immigration and Refugee Board
    "cic.gc.ca",  # Immigration, Refugees and Citizenship Canada
    "sac-isc.gc.ca",  # Indigenous Services Canada
    "ised-isde.gc.ca",  # Innovation, Science and Economic Development Canada
    "justice.gc.ca",  # Department of Justice Canada
    "bac-lac.gc.ca",  # Library and Archives Canada
    "nfb.ca",  # National Film Board
    "nrc-cnrc.gc.ca",  # National Research Council Canada
    "nrcan-rncan.gc.ca",  # Natural Resources Canada
    "nserc-crsng.gc.ca",  # Natural Sciences and Engineering Research Council
    "oag-bvg.gc.ca",  # Office of the Auditor General
    "ocol-clo.gc.ca",  # Office of the Commissioner of Official Languages
    "pc.gc.ca",  # Parks Canada
    "pch.gc.ca",  # Canadian Heritage
    "pco-bcp.gc.ca",  # Privy Council Office
    "ps-sp.gc.ca",  # Public Safety Canada
    "cfp-psc.gc.ca",  # Public Service Commission
    "tpsgc-pwgsc.gc.ca",  # Public Services and Procurement Canada
    "rcmp-grc.gc.ca",  # Royal Canadian Mounted Police
    "ssc-spc.gc.ca",  # Shared Services Canada
    "statcan.gc.ca",  # Statistics Canada
    "tbs-sct.gc.ca",  # Treasury Board of Canada Secretariat
    "tc.gc.ca",  # Transport Canada
    "infc.gc.ca",  # Infrastructure Canada
    "veterans.gc.ca",  # Veterans Affairs Canada
    "fegc-wage.gc.ca",  # Women and Gender Equality Canada
]


def load_community_email_domains(apps, schema_editor):
    Community = apps.get_model("organizations", "Community")
    Community.objects.filter(code="im", email_domains="").update(
        email_domains="\n".join(IM_EMAIL_DOMAINS)
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_community_membership_rules")]

    operations = [
        migrations.RunPython(load_community_email_domains, migrations.RunPython.noop),
    ]
