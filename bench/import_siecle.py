"""SIECLE import benchmark: end to end (upload, job, queryable) against parse and write floors."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from infra.local import apps as app_loader  # noqa: E402

app_loader.add_service_paths()
UAI = "0750655E"


def start_stack() -> object:
    from infra.local.moto_server import MotoServer, deploy_template

    app_loader.apply_environment()
    server = MotoServer()
    server.start()
    server.point_here()
    deploy_template()
    return server


def parse_floor(path: Path) -> float:
    """lxml iterparse of the same file with the reader's settings, releasing elements as it goes."""
    from lxml import etree

    from chalicelib.orga.importing.siecle import PARSER_OPTIONS

    started = time.perf_counter()
    with open(path, "rb") as stream:
        context = etree.iterparse(stream, **PARSER_OPTIONS)
        for _, elem in context:
            {child.tag: child.text for child in elem}
            elem.clear(keep_tail=False)
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    return time.perf_counter() - started


def write_floor(count: int) -> float:
    """PynamoDB batch_write of as many student-sized items, one thread, into the same table."""
    from chalicelib.orga.adapters.student_items import StudentItem

    items = [
        StudentItem(
            "ORG#floor",
            f"STUDENT#{i:011d}",
            student_id=f"{i:026d}",
            ine=f"{i:011d}",
            last_name="BOUCHÉ-LECLERCQ",
            first_name="Éloïse",
            birthdate="2008-02-29",
            division="3E1",
            active=True,
            sex="F",
            birth_country_code="99100",
            birth_department_code="075",
            birth_city_code="75056",
            mef_code="10310019110",
            status="ST",
            fingerprint="0" * 24,
            search_text="bouchéleclercq eloise bouchéleclercqeloise",
            gsi1pk="ORGDIV#floor#3E1",
            gsi1sk=f"bouche#eloise#{i}",
            gsi2pk=f"STUDENTID#{i}",
            gsi2sk="STUDENT",
        )
        for i in range(count)
    ]
    started = time.perf_counter()
    with StudentItem.batch_write() as batch:
        for item in items:
            batch.save(item)
    return time.perf_counter() - started


def register_school(uai: str) -> str:
    from chalicelib.orga import bootstrap
    from chalicelib.orga.domain.organizations import Organization, OrganizationType, Sector
    from pixcore.ids import new_id

    organization = Organization(
        new_id(), uai, "Lycée du bench", OrganizationType.LYCEE, Sector.PUBLIC, "Paris", True
    )
    bootstrap.ports().organizations.add(organization)
    return organization.id


def end_to_end(path: Path, org_id: str) -> tuple[float, dict]:
    """Presigned upload, start, the queued job run by orga's Lambda handler, then a student page."""
    import boto3

    from chalicelib.orga import bootstrap
    from chalicelib.orga.use_cases import imports, students
    from infra.local.pump import _Context, sqs_event
    from pixcore.principal import JURY, Principal

    ports, jury = bootstrap.ports(), Principal("bench", JURY)
    module = app_loader.load("orga")
    sqs = boto3.client("sqs")
    queue = sqs.get_queue_url(QueueName="pixcert-orga-messages")["QueueUrl"]
    started = time.perf_counter()
    url = imports.upload_url(ports, jury, org_id)
    with open(path, "rb") as stream:  # streamed, as a browser would: the file is not in memory
        request = urllib.request.Request(
            url.upload_url,
            data=stream,
            method="PUT",
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Length": str(path.stat().st_size),
            },
        )
        urllib.request.urlopen(request, timeout=300).close()
    imports.start_uploaded(ports, jury, org_id, url.import_id)
    messages = sqs.receive_message(
        QueueUrl=queue, MaxNumberOfMessages=1, WaitTimeSeconds=5, AttributeNames=["All"]
    )["Messages"]
    module.on_message(sqs_event(messages, "arn:aws:sqs:eu-west-3:123456789012:orga"), _Context())
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=messages[0]["ReceiptHandle"])
    record = ports.imports.get(org_id, url.import_id)
    page = students.list_students(
        ports, jury, students.ListStudents(org_id, division="3E1", limit=50)
    ).students
    elapsed = time.perf_counter() - started
    assert record.status == "DONE" and page, (record.status, record.errors[:3])
    return elapsed, record.counts


def write_file(
    count: int, directory: str, uai: str = UAI, moved: float = 0.0, shift: int = 0
) -> Path:
    from infra.samples.siecle_generator import write_students

    path = Path(directory) / f"ElevesSansAdresses-{count}-{shift}-{int(moved * 100)}.xml"
    divisions = max(4, count // 30)
    write_students(path, count, uai=uai, divisions=divisions, moved=moved, shift=shift)
    return path


def retire_previous_lists() -> float:
    """Runs the StudentListRetired messages the imports left in orga's queue (off the import's
    path: the school already sees its new list); returns how long that took."""
    import boto3

    from infra.local.pump import _Context, sqs_event

    module = app_loader.load("orga")
    sqs = boto3.client("sqs")
    queue = sqs.get_queue_url(QueueName="pixcert-orga-messages")["QueueUrl"]
    started = time.perf_counter()
    while messages := sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1).get("Messages"):
        module.on_message(
            sqs_event(messages, "arn:aws:sqs:eu-west-3:123456789012:orga"), _Context()
        )
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=messages[0]["ReceiptHandle"])
    return time.perf_counter() - started


def memory_child(count: int) -> None:
    """Runs in its own process: one import of `count` students; prints the peak RSS in MB."""
    with tempfile.TemporaryDirectory() as directory:
        path = write_file(count, directory, os.environ["BENCH_UAI"])
        os.environ["AWS_ENDPOINT_URL"] = os.environ["BENCH_MOTO_URL"]
        end_to_end(path, register_school(os.environ["BENCH_UAI"]))
    print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def peak_memory(count: int, server_url: str, uai: str) -> float:
    env = {**os.environ, "BENCH_MOTO_URL": server_url, "BENCH_UAI": uai}
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(count)],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=20_000)
    parser.add_argument("--memory", action="store_true", help="also peak memory, 100,000 vs 1,000")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        return memory_child(args.memory_child)
    from pixcore.logs import log_to_file

    log_to_file(os.devnull)
    server = start_stack()
    try:
        with tempfile.TemporaryDirectory() as directory:
            path = write_file(args.students, directory)
            size_mb = path.stat().st_size / 1e6
            print(f"{args.students} students, {size_mb:.1f} MB (ISO-8859-15)")
            # The school first: moto copies the whole table on every TransactWriteItems.
            org_id = register_school(UAI)
            parse = min(parse_floor(path) for _ in range(3))
            write = write_floor(args.students)
            floor = parse + write
            print(
                f"parse floor {parse:6.2f} s | write floor {write:6.2f} s "
                f"({args.students / write:.0f} items/s) | sum {floor:.2f} s"
            )
            runs = [
                ("first import", path),
                ("re-import, unchanged", path),
                ("rentrée, all moved", write_file(args.students, directory, moved=1.0)),
                ("then 30 % moved", write_file(args.students, directory, moved=0.3, shift=1)),
            ]
            for label, source in runs:
                elapsed, counts = end_to_end(source, org_id)
                retired = retire_previous_lists()
                print(
                    f"{label:22} {elapsed:6.2f} s  ratio {elapsed / floor:.2f} "
                    f"(to write floor {elapsed / write:.2f})  "
                    f"(created {counts['created']}, updated {counts['updated']}, "
                    f"unchanged {counts['unchanged']}; previous list retired after, "
                    f"{retired:.2f} s)"
                )
        if args.memory:
            small = peak_memory(1_000, server.url, "0951099D")
            big = peak_memory(100_000, server.url, "0750001U")
            print(
                f"peak memory: 1,000 students {small:.0f} MB, 100,000 students {big:.0f} MB, "
                f"difference {big - small:.0f} MB"
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
