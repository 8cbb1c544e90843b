"""``keys`` (the user's signing key) and ``trust`` (the keys the user trusts), issue 16.

A passphrase never comes from an argument, where other users could read it in the process
list or the shell history: from AEO_ASSESS_KEY_PASSPHRASE (AEO_ASSESS_NEW_KEY_PASSPHRASE for
a new one), else typed at a prompt that does not echo.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.values import iso_date
from aeo_assess.messages import Message
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.domain.signatures import Signature
    from aeo_assess.services.context import AppContext

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]

PASSPHRASE_ENV = "AEO_ASSESS_KEY_PASSPHRASE"
NEW_PASSPHRASE_ENV = "AEO_ASSESS_NEW_KEY_PASSPHRASE"


def passphrase_reader(language: str) -> Callable[[], str | None]:
    """Reads the key's passphrase once per command: the environment, else a prompt."""
    from aeo_assess.i18n import translator

    _ = translator(language)
    asked: list[str | None] = []

    def read() -> str | None:
        if not asked:
            value = os.environ.get(PASSPHRASE_ENV)
            if value is None and sys.stdin.isatty():
                value = getpass.getpass(_("Passphrase of your signing key: "))
            asked.append(value)
        return asked[0]

    return read


def _new_passphrase(language: str) -> str:
    from aeo_assess.i18n import translator

    _ = translator(language)
    value = os.environ.get(NEW_PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ServiceError(Message(
            "keys_cmd.no_terminal",
            "set {variable} or run the command in a terminal to type the new passphrase",
            variable=NEW_PASSPHRASE_ENV,
        ))
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("The new passphrase again: ")) != first:
        raise ServiceError(Message(
            "keys_cmd.passphrases_differ", "the two passphrases differ; nothing changed"
        ))
    return first


def add_parser(commands: Commands) -> None:
    keys = commands.add_parser("keys", help=_("your signing key: show, export, back up, protect"))
    verbs = keys.add_subparsers(dest="verb", metavar=_("VERB"), required=True)
    show = verbs.add_parser("show", help=_("show your key's fingerprint and who it signs as"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(run=run_show)
    export = verbs.add_parser("export", help=_("write your public key to a file for others"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.aeok"))
    export.set_defaults(run=run_export)
    importing = verbs.add_parser("import", help=_("trust one person's public key file"))
    importing.add_argument("file", type=Path, metavar=_("FILE.aeok"))
    importing.set_defaults(run=run_import_key)
    passphrase = verbs.add_parser(
        "passphrase",
        help=_("set or change your key's passphrase (read from {variable} or typed)").format(
            variable=NEW_PASSPHRASE_ENV),
    )
    passphrase.add_argument("--remove", action="store_true", help=_("remove the passphrase"))
    passphrase.set_defaults(run=run_passphrase)
    backup = verbs.add_parser("backup", help=_("copy your key pair to a file (keep it safe)"))
    backup.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.pem"))
    backup.set_defaults(run=run_backup)
    restore = verbs.add_parser("restore", help=_("make a backed-up key pair your key"))
    restore.add_argument("file", type=Path, metavar=_("FILE.pem"))
    restore.add_argument("--replace", action="store_true", help=_("replace a different key"))
    restore.set_defaults(run=run_restore)
    accept = verbs.add_parser(
        "accept", help=_("accept the changed key of a flagged resubmission (officer)")
    )
    accept.add_argument("assessment", metavar=_("ASSESSMENT"))
    accept.set_defaults(run=run_accept, needs_db=True)

    trust = commands.add_parser("trust", help=_("customs keys you trust (trust files)"))
    trust_verbs = trust.add_subparsers(dest="verb", metavar=_("VERB"), required=True)
    add = trust_verbs.add_parser("add", help=_("import a customs administration's trust file"))
    add.add_argument("file", type=Path, metavar=_("FILE.aeot"))
    add.set_defaults(run=run_trust_add)
    listing = trust_verbs.add_parser("list", help=_("list the keys you trust"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=run_trust_list)
    remove = trust_verbs.add_parser(
        "remove", help=_("stop trusting a key, or an administration's whole list")
    )
    remove.add_argument("fingerprint", metavar=_("FINGERPRINT"))
    remove.set_defaults(run=run_trust_remove)
    publish = trust_verbs.add_parser(
        "publish", help=_("write a trust file of officers' public keys, signed with your key "
                          "(for an administration)"),
    )
    publish.add_argument("--administration", required=True, metavar=_("NAME"))
    publish.add_argument("--country", required=True, metavar=_("CC"))
    publish.add_argument(
        "--officer", action="append", type=Path, required=True, metavar=_("FILE.aeok"),
        help=_("an officer's public key file (repeat for each officer)"),
    )
    publish.add_argument("--valid-from", type=iso_date, metavar=_("YYYY-MM-DD"))
    publish.add_argument("--valid-to", type=iso_date, metavar=_("YYYY-MM-DD"))
    publish.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.aeot"))
    publish.set_defaults(run=run_trust_publish)


def run_show(args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import keys

    _ = translator(args.lang)
    info = keys.my_key(passphrase_reader(args.lang))
    if args.json:
        print(json.dumps(
            {
                "fingerprint": info.fingerprint,
                "name": info.name,
                "organisation": info.organisation,
                "protected": info.protected,
                "path": str(info.path),
            },
            ensure_ascii=False,
            indent=2,
        ))
        return 0
    print(_("fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    print(_("signs as: {name}, {organisation}").format(name=info.name, organisation=info.organisation))
    print(_("protected by a passphrase") if info.protected else _("no passphrase"))
    print(_("stored in {path}").format(path=info.path))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from aeo_assess.services import keys

    print(keys.export_public_key(passphrase_reader(args.lang), args.output))
    return 0


def run_import_key(args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import keys

    _ = translator(args.lang)
    info = keys.import_public_key(args.file)
    print(_("trusted: {name}, {organisation} ({fingerprint})").format(
        name=info.name, organisation=info.organisation, fingerprint=info.fingerprint
    ))
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import keys

    _ = translator(args.lang)
    new = None if args.remove else _new_passphrase(args.lang)
    info = keys.set_passphrase(passphrase_reader(args.lang), new)
    print(_("protected by a passphrase") if info.protected else _("no passphrase"))
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from aeo_assess.services import keys

    print(keys.backup_key(passphrase_reader(args.lang), args.output))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import keys

    _ = translator(args.lang)
    info = keys.restore_key(passphrase_reader(args.lang), args.file, replace=args.replace)
    print(_("fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    return 0


def run_accept(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, signatures

    target = assessments.resolve(ctx, args.assessment)
    signature = signatures.accept_submission_key(ctx, target)
    print(f"{target}: {signatures.describe(signature, args.lang)}")
    return 0


def run_trust_add(args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import keys

    _ = translator(args.lang)
    trust = keys.add_trust_file(args.file)
    print(_(
        "trusted: {administration} ({country}), officer keys: {count}, administration key "
        "{fingerprint}"
    ).format(
        administration=trust.administration,
        country=trust.country,
        count=len(trust.officers),
        fingerprint=trust.signer.fingerprint,
    ))
    return 0


def run_trust_list(args: argparse.Namespace) -> int:
    from aeo_assess.domain.fields import printable
    from aeo_assess.i18n import format_date, translator
    from aeo_assess.services import keys

    trusted = keys.trusted_keys()
    if args.json:
        print(json.dumps(
            [
                {
                    "fingerprint": k.fingerprint,
                    "name": k.name,
                    "office": k.office,
                    "administration": k.source,
                    "valid_from": None if k.valid_from is None else k.valid_from.isoformat(),
                    "valid_to": None if k.valid_to is None else k.valid_to.isoformat(),
                }
                for k in trusted
            ],
            ensure_ascii=False,
            indent=2,
        ))
        return 0
    _ = translator(args.lang)
    for k in trusted:
        line = (
            _("{fingerprint}  {name}, {office}  on the trust list of {administration}")
            if k.source
            else _("{fingerprint}  {name}, {office}  public key imported alone")
        ).format(fingerprint=k.fingerprint, name=printable(k.name), office=printable(k.office),
                 administration=printable(k.source))
        if k.valid_from is not None:
            line += "  " + _("valid from {date}").format(date=format_date(k.valid_from, args.lang))
        if k.valid_to is not None:
            line += "  " + _("valid until {date}").format(date=format_date(k.valid_to, args.lang))
        print(line)
    return 0


def run_trust_remove(args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import keys

    _ = translator(args.lang)
    print(_("no longer trusted: {name}").format(name=keys.remove_trust(args.fingerprint)))
    return 0


def run_trust_publish(args: argparse.Namespace) -> int:
    from aeo_assess.services import keys

    keys.publish_trust_list(
        passphrase_reader(args.lang),
        args.administration,
        args.country,
        [(path, args.valid_from, args.valid_to) for path in args.officer],
        args.output,
    )
    print(args.output)
    return 0


def signature_json(signature: Signature, language: str) -> dict[str, Any]:
    """The stable JSON form of a file's verification result (docs/command-line.md)."""
    from aeo_assess.services.signatures import describe

    return {
        "state": signature.state.value,
        "signed": signature.signed,
        "warning": signature.state.warning,
        "fingerprint": signature.fingerprint or None,
        "name": signature.name or None,
        "organisation": signature.organisation or None,
        "text": describe(signature, language),
    }


def signature_line(signature: Signature, language: str) -> str:
    from aeo_assess.services.signatures import describe, symbol

    return f"  {symbol(signature)} {describe(signature, language)}"
