"""How long pixcert keeps each kind of data (PRIVACY.md): one place for the services' TTLs and
the template's S3 lifecycle rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from pixcore.clock import PARIS

DAY = 24 * 3600
# An import that failed keeps its file and report this long, for the school to read the report.
FAILED_IMPORT_DAYS = 30
# A claim check must outlive its message: SQS keeps a dead letter 14 days, a replay reads it then.
CLAIM_CHECK_DAYS = 14
# Attendance sheets, incident reports and scanned session reports: the exam's records (2 years).
SESSION_DOCUMENTS_DAYS = 730
# A learner's data export can be downloaded for a week, then it is gone.
EXPORT_DAYS = 7
# A finished placement test's answers: a school year of follow-up, then only the profile stays.
PLACEMENT_HISTORY_DAYS = 365
# A certificate is valid three years (DOMAIN.md, Attestation): so long it is publicly verifiable.
CERTIFICATE_VALIDITY_DAYS = 3 * 365
# Versioned buckets keep a replaced or deleted object this long (undoing a mistake); DynamoDB's
# point-in-time recovery keeps 35 days of backups the same way. Both are in PRIVACY.md.
OLD_VERSION_DAYS = 30
BACKUP_DAYS = 35
# The record that an erasure happened and what each service did (ids only, no personal data).
ERASURE_RECORD_DAYS = 365


def after(at: datetime, days: int) -> int:
    """The DynamoDB TTL (epoch seconds) `days` after `at`."""
    return int((at + timedelta(days=days)).timestamp())


def end_of_school_year(on: date) -> int:
    """The TTL of a student who left on `on`: the school year ends on 31 August (Paris time);
    they are forgotten once the year they left in is over."""
    year = on.year if on.month < 9 else on.year + 1
    end = datetime.combine(date(year, 9, 1), time(0, 0), tzinfo=PARIS)
    return int(end.astimezone(UTC).timestamp())
