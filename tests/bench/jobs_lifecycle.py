"""Benchmark rows of expo_crm: the lifecycle cron."""

from harness import Job, plain_aggregate


def lifecycle_first(env, scale):
    return env["res.partner"]._cron_expo_lifecycle()


def prepare_steady(env, scale):
    # A first run sets every stage: the measured run is the next day's.
    env["res.partner"]._cron_expo_lifecycle()


def size(scale):
    return f"{scale['partners']:,} partners, {scale['participations']:,} participations"


JOBS = [
    Job(
        name="Lifecycle cron, first run (every stage written)",
        run=lifecycle_first,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 10×, < 60 s",
    ),
    Job(
        name="Lifecycle cron, daily run (stages up to date)",
        prepare=prepare_steady,
        run=lifecycle_first,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 10×, < 60 s",
    ),
]
