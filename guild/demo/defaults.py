"""The demo's defaults and fixed values: its size and seed, the demo sign-in password,
the communities it fills and the reserved e-mail domain of everyone in it."""

DEFAULT_MEMBERS = 5000
DEFAULT_SEED = 2026
MIN_MEMBERS = 100
DEMO_PASSWORD = "guild-demo-2026"
DEMO_URL = "http://127.0.0.1:8000/"
COMMUNITY = "im"
SECOND_COMMUNITY = "it"
# Generated addresses live under a reserved test domain: no real inbox can receive them.
EMAIL_DOMAIN = "demo.guild.test"
