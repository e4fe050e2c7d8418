"""The pages the browser tests open, as data. Each is checked with axe-core in English
and in French (tests/browser/test_accessibility.py).

`path` has no language prefix (/en or /fr is added). `user` is None for a signed-out
visitor; otherwise the test signs in as that person through the real sign-in form first.
Add a page here when its view lands."""

from typing import NamedTuple


class Page(NamedTuple):
    path: str
    user: str | None = None
    status: int = 200


# `user` is a key of the shared cast (conftest.py): member, supervisor, coordinator,
# admin, committee or platform. Paths may name the cast's ids: {member}, {private},
# {other} (member ids), {framework} and {competency} (the IM framework and its RIL-01, see
# tests/browser/conftest.py), {questionnaire} (anonymous, the member's draft has section 1)
# and {identified_questionnaire} (answered by other), {results_questionnaire} (26 responses,
# results published) and {results_token} (its public results page), and {job} (a job owned
# by the coordinator).
PAGES: list[Page] = [
    Page("/"),
    Page("/accounts/login/"),
    Page("/accounts/signup/"),
    Page("/accounts/password/reset/"),
    Page("/accounts/password/reset/done/"),
    Page("/accounts/confirm-email/"),
    Page("/accounts/confirm-email/not-a-real-key/"),
    Page("/no-such-page/", status=404),
    Page("/accounts/logout/", user="member"),
    Page("/", user="member"),
    Page("/", user="supervisor"),
    Page("/", user="coordinator"),
    Page("/", user="admin"),
    Page("/", user="committee"),
    Page("/", user="platform"),
    Page("/members/", user="member"),
    Page("/members/?q=Other&region=1", user="member"),
    Page("/members/{member}/", user="member"),
    Page("/members/{private}/", user="coordinator"),
    Page("/members/{private}/", user="member", status=404),
    Page("/members/{other}/edit/", user="platform"),
    Page("/me/profile/", user="member"),
    Page("/me/profile/", user="platform"),
    Page("/tokens/", user="member"),
    Page("/roles/", user="admin"),
    Page("/members/requests/", user="admin"),
    Page("/members/requests/", user="coordinator"),
    Page("/members/requests/", user="member", status=404),
    Page("/audit/", user="platform"),
    Page("/jobs/{job}/", user="coordinator"),
    Page("/accounts/email/", user="member"),
    Page("/accounts/password/change/", user="member"),
    Page("/competencies/me/", user="member"),
    Page("/competencies/me/", user="other"),
    Page("/competencies/me/assess/{competency}/", user="member"),
    Page("/competencies/me/history/", user="member"),
    Page("/competencies/team/", user="supervisor"),
    Page("/competencies/team/{member}/", user="supervisor"),
    Page("/competencies/team/{member}/validate/{competency}/", user="supervisor"),
    Page("/competencies/team/{member}/", user="coordinator", status=404),
    Page("/competencies/department/", user="coordinator"),
    Page("/competencies/heat-map/?by=department", user="admin"),
    Page("/competencies/learning-needs/", user="admin"),
    Page("/competencies/learning-needs/", user="coordinator"),
    Page("/learning/courses/", user="member"),
    Page("/learning/courses/", user="admin"),
    Page("/learning/providers/", user="member"),
    Page("/learning/mine/", user="member"),
    Page("/learning/approvals/", user="supervisor"),
    Page("/learning/coverage/", user="admin"),
    Page("/learning/curricula/", user="member"),
    Page("/learning/curricula/", user="admin"),
    Page("/learning/curricula/new/", user="admin"),
    Page("/learning/coverage/", user="member", status=404),
    Page("/learning/results/import/", user="admin"),
    Page("/competencies/frameworks/", user="member"),
    Page("/competencies/frameworks/{framework}/", user="member"),
    Page("/competencies/frameworks/import/", user="admin"),
    Page("/questionnaires/", user="member"),
    Page("/questionnaires/", user="other"),
    Page("/questionnaires/{questionnaire}/", user="member"),
    Page("/questionnaires/{questionnaire}/s/1/", user="member"),
    Page("/questionnaires/{questionnaire}/s/2/", user="member"),
    Page("/questionnaires/{questionnaire}/review/", user="member"),
    Page("/questionnaires/{identified_questionnaire}/receipt/", user="other"),
    Page("/questionnaires/{identified_questionnaire}/", user="other"),
    Page("/questionnaires/{questionnaire}/", user="private"),
    Page("/questionnaires/{identified_questionnaire}/exports/", user="admin"),
    Page("/questionnaires/{questionnaire}/exports/", user="committee"),
    Page("/questionnaires/{questionnaire}/exports/", user="coordinator", status=404),
    Page("/questionnaires/{identified_questionnaire}/results/text/comments/", user="admin"),
    Page(
        "/questionnaires/{identified_questionnaire}/results/text/comments/",
        user="committee",
        status=404,
    ),
    Page("/questionnaires/{questionnaire}/results/text/comments/", user="platform", status=404),
    Page("/questionnaires/{results_questionnaire}/results/", user="member"),
    Page("/questionnaires/{results_questionnaire}/results/department/esdc/", user="coordinator"),
    Page("/questionnaires/{results_questionnaire}/results/by/department/", user="admin"),
    Page("/questionnaires/{results_questionnaire}/results/by/age_band/", user="admin"),
    Page(
        "/questionnaires/{results_questionnaire}/results/crosstab/?rows=satisfied&columns=region",
        user="committee",
    ),
    Page(
        "/questionnaires/{results_questionnaire}/results/crosstab/?rows=age_band&columns=service_years",
        user="admin",
    ),
    Page("/questionnaires/{results_questionnaire}/results/workforce/", user="admin"),
    Page("/results/{results_token}/"),
    Page("/questionnaires/manage/{results_questionnaire}/publication/", user="admin"),
    Page("/questionnaires/manage/{results_questionnaire}/publication/", user="member", status=404),
]
