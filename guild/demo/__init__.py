"""The demo community, for development, the demo and the tests; production never installs
this app and no other app imports it.

Its content is data files loaded through the apps' own public importers, so the demo
exercises them as a coordinator's upload would: the IM competency framework is a CASE 1.0
package (`data/im-framework.case.json`) and the questionnaires are XLSForm workbooks
(`data/*.xlsx`). The people are generated: `people.plan_demo` turns (size, seed) into plain
data, and `seeding.seed_demo` writes it in bulk, deterministic and idempotent.
"""
