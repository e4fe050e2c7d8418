"""Open Badges 3.0 verifiable credentials for certificates: build the credential from plain
data (`openbadges`), sign and verify it as a VC-JWT (`signing`), hold the issuer's key
(`keys`). No ORM here: the certificate model hands these modules plain values.
See docs/adr/0017-verifiable-credentials.md."""
