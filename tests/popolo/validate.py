#!/usr/bin/env python3
"""Validates Plenary's Popolo vote export against the Popolo JSON Schemas (draft-03).

    validate.py EXPORT.json [--schemas DIR]

The export is {"motions": [...], "vote_events": [...]}: each motion is validated against
motion.json, each vote event against vote_event.json (and through it count.json and vote.json).

The schemas name each other by absolute URL, some as http://popoloproject.com/schemas/…, others as
http://www.popoloproject.com/schemas/…; both spellings are mapped to the local files, and nothing
is ever fetched from the network: a $ref to a schema that is not local is an error. The schemas
come from DIR (default: schemas/ beside this script), completed by the ones in schemas/ for
those DIR lacks.

Exit status: 0 valid; 1 invalid (every error printed); 2 cannot validate here (a missing
package, schema directory or file), so that a broken setup is never mistaken for a verdict.
"""

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The Popolo schemas the export is checked against travel with the repository (schemas/), so a
# clone anywhere validates the same way; --schemas DIR checks against another copy.
SUPPLEMENT = HERE / "schemas"
DEFAULT_SCHEMAS = SUPPLEMENT
HOSTS = ("http://popoloproject.com/schemas/", "http://www.popoloproject.com/schemas/")
DOCUMENTS = (("motions", "motion.json"), ("vote_events", "vote_event.json"))


def cannot(message):
    print(f"validate.py: cannot validate: {message}", file=sys.stderr)
    sys.exit(2)


try:
    from jsonschema import Draft3Validator
    from referencing import Registry
    from referencing.exceptions import NoSuchResource, Unresolvable
    from referencing.jsonschema import DRAFT3
except ImportError as missing:
    cannot(f"the Python package {missing.name!r} is missing; run bin/setup "
           "(python3 -m pip install 'jsonschema>=4.18')")

try:
    # Without it jsonschema silently skips every "format": "date-time" check.
    import rfc3339_validator  # noqa: F401
except ImportError:
    cannot("the Python package 'rfc3339-validator' is missing (date-time checks need it); "
           "run bin/setup")


def refuse(uri):
    """The registry's retrieval: nothing outside the local files, and never the network."""
    raise NoSuchResource(ref=uri)


def load_registry(schema_dir):
    """Every local schema, under both spellings of the Popolo host."""
    if not schema_dir.is_dir():
        cannot(f"no schema directory at {schema_dir} (pass --schemas DIR)")
    files = {path.name: path for path in sorted(SUPPLEMENT.glob("*.json"))}
    files.update({path.name: path for path in sorted(schema_dir.glob("*.json"))})
    registry = Registry(retrieve=refuse)
    for name, path in files.items():
        resource = DRAFT3.create_resource(json.loads(path.read_text(encoding="utf-8")))
        registry = registry.with_resources((host + name, resource) for host in HOSTS)
    for _, schema in DOCUMENTS:
        if schema not in files:
            cannot(f"{schema} is not in {schema_dir}")
    return registry.crawl()


def errors_in(document, registry):
    """Each error as "where: what", in document order."""
    if not isinstance(document, dict):
        yield "the document is not a JSON object"
        return
    for key, schema_name in DOCUMENTS:
        items = document.get(key)
        if not isinstance(items, list):
            yield f"{key}: missing or not an array"
            continue
        schema = registry.contents(HOSTS[0] + schema_name)
        Draft3Validator.check_schema(schema)
        validator = Draft3Validator(
            schema, registry=registry, format_checker=Draft3Validator.FORMAT_CHECKER
        )
        for index, item in enumerate(items):
            found = sorted(validator.iter_errors(item), key=lambda e: list(e.absolute_path))
            for error in found:
                where = "/".join(str(p) for p in [key, index, *error.absolute_path])
                yield f"{where}: {error.message}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="the Popolo JSON export to check")
    parser.add_argument("--schemas", type=Path, default=DEFAULT_SCHEMAS,
                        help=f"directory of the Popolo schemas (default {DEFAULT_SCHEMAS})")
    args = parser.parse_args()

    try:
        document = json.loads(args.export.read_text(encoding="utf-8"))
    except OSError as e:
        cannot(f"cannot read {args.export}: {e}")
    except json.JSONDecodeError as e:
        print(f"{args.export}: not JSON: {e}", file=sys.stderr)
        return 1

    registry = load_registry(args.schemas)
    try:
        errors = list(errors_in(document, registry))
    except Unresolvable as e:
        cannot(f"a $ref the local schemas do not cover: {e}")
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        print(f"{args.export}: {len(errors)} error(s) against the Popolo schemas", file=sys.stderr)
        return 1
    print(f"{args.export}: valid Popolo: {len(document['motions'])} motions, "
          f"{len(document['vote_events'])} vote events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
