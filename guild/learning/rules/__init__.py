"""Certification rules: the rules as data (`definition`), a member's evaluation against
them (`evaluation`), what it means in words (`explanation`) and the courses that would help
most (`recommendation`). Pure: plain data in and out, no ORM."""
