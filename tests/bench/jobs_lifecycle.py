"""Benchmark rows of expo_crm: the lifecycle cron."""

from harness import Job, plain_aggregate


def lifecycle_first(env, scale):
    return env["expo.lifecycle"]._cron()


def prepare_steady(env, scale):
    # A first run sets every stage: the measured run is the next day's.
    env["expo.lifecycle"]._cron()


def size(scale):
    label = f"{scale['partners']:,} partners, {scale['participations']:,} participations"
    return label + (", two companies" if scale.get("companies", 1) > 1 else "")


JOBS = [
    Job(
        name="Lifecycle cron, first run (every stage written)",
        run=lifecycle_first,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 10×",
    ),
    Job(
        name="Lifecycle cron, daily run (stages up to date)",
        prepare=prepare_steady,
        run=lifecycle_first,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 5×",
    ),
]
