"""Commands: verify, manifest export, keys (status, rotate), backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aqiqat.api import backup as backup_api
from aqiqat.api import integrity as integrity_api
from aqiqat.api import keys as keys_api
from aqiqat.api import restore as restore_api
from aqiqat.cli.context import opened, principal_of, settings_of
from aqiqat.cli.output import err, out, print_json, user_errors


def register(app: typer.Typer) -> None:
    app.command("verify")(verify)
    manifest = typer.Typer(help="Signed manifests of every document's hashes.", no_args_is_help=True)
    manifest.command("export")(manifest_export)
    app.add_typer(manifest, name="manifest")
    keys = typer.Typer(help="The encryption key of restricted records.", no_args_is_help=True)
    keys.command("status")(keys_status)
    keys.command("rotate")(keys_rotate)
    app.add_typer(keys, name="keys")
    app.command("backup")(backup)
    app.command("restore")(restore)


def verify(
    ctx: typer.Context,
    manifest: Annotated[Path | None, typer.Option(help="Also compare with this signed manifest.")] = None,
    signer: Annotated[str | None, typer.Option(help="Expected signer fingerprint of the manifest.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Re-hash every file and text, compare every record with its audit log and check the chain; name changes."""
    with opened(ctx) as reg:
        report = integrity_api.verify_register(reg, manifest, signer)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "documents": report.documents,
                "records_checked": report.records_checked,
                "changed": report.changed,
                "missing": report.missing,
                "extra": report.extra,
                "unchecked": report.unchecked,
                "leftovers": report.leftovers,
                "audit_entries": report.audit_entries,
                "audit_problems": [{"seq": p.seq, "kind": p.kind, "message": p.message} for p in report.audit_problems],
            }
        )
    else:
        for kind, items in (("changed", report.changed), ("missing", report.missing), ("extra", report.extra)):
            for item in items:
                err.print(f"[red]{kind}:[/] {item}", soft_wrap=True, highlight=False)
        for item in report.unchecked:
            err.print(f"[yellow]not checked:[/] {item}", soft_wrap=True, highlight=False)
        for item in report.leftovers:
            err.print(f"[yellow]leftover:[/] {item} (safe to delete)", soft_wrap=True, highlight=False)
        for p in report.audit_problems:
            err.print(f"[red]audit entry {p.seq}: {p.kind}[/] — {p.message}", soft_wrap=True, highlight=False)
        out.print(
            f"{report.documents} documents: {report.files_checked} files and {report.texts_checked} texts re-hashed; "
            f"{report.records_checked} records compared with the audit log; "
            f"{len(report.changed)} changed, {len(report.missing)} missing, {len(report.extra)} extra; "
            f"audit log {report.audit_entries} entries, {len(report.audit_problems)} problems"
        )
    if not report.ok:
        raise typer.Exit(1)


def manifest_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the manifest (FILE.sig beside it).")],
) -> None:
    """Write a signed JSON manifest of every document's hashes and the audit chain head."""
    with opened(ctx) as reg:
        path = integrity_api.export_manifest(reg, principal_of(ctx), file)
    out.print(f"wrote {path} and {path.name}.sig")
    out.print(f"check a copy with: python -m aqiqat.security.manifest_check {path} --files FOLDER")


def keys_status(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show where the encryption key comes from, its fingerprint and what it seals (never the key)."""
    with opened(ctx) as reg:
        status = keys_api.key_status(reg)
    if as_json:
        print_json(status)
        return
    if status["fingerprint"] is None:
        out.print(f"no encryption key (expected at {status['key_file']} or in AQIQAT_KEY)")
    else:
        out.print(f"key {status['fingerprint']} from {status['source']} ({status['key_file']})")
    for kid, n in status["sealed_by_key"].items():
        out.print(f"  {n} sealed values and files under key {kid}")


def keys_rotate(ctx: typer.Context) -> None:
    """Make a new encryption key, re-encrypt every restricted value and file under it, retire the old one."""
    with opened(ctx) as reg:
        rot = keys_api.rotate_key(reg, principal_of(ctx))
    retired = ", ".join(rot.old)
    out.print(f"new key {rot.new}; {rot.values} values and {rot.files} files re-encrypted; retired {retired}")
    out.print("backups made before now need the retired key to open their restricted records")


def backup(
    ctx: typer.Context,
    dest: Annotated[Path, typer.Argument(metavar="DEST", help="A new folder for the backup.")],
) -> None:
    """Copy the register consistently (while it is in use): database, files, signed manifest, key fingerprint."""
    with opened(ctx) as reg:
        rep = backup_api.backup(reg, principal_of(ctx), dest)
    out.print(f"backup in {rep.path}: {rep.documents} documents, {rep.files} files, audit log to entry {rep.audit_seq}")


def restore(
    ctx: typer.Context,
    src: Annotated[Path, typer.Argument(metavar="SRC", help="A backup folder made by `aqiqat backup`.")],
    signer: Annotated[str | None, typer.Option(help="Expected signer fingerprint of the backup's manifest.")] = None,
    accept_key_change: Annotated[
        bool,
        typer.Option(
            "--accept-key-change",
            help="Restore even though the backup's encryption key is not this register's (its restricted records "
            "stay sealed).",
        ),
    ] = False,
) -> None:
    """Check every hash of a backup, then restore it into an empty data directory (and database)."""
    settings = settings_of(ctx)
    with user_errors():
        rep = restore_api.restore(settings, principal_of(ctx), src, signer, accept_key_change)
    for w in rep.warnings:
        err.print(f"[yellow]warning:[/] {w}", soft_wrap=True)
    out.print(
        f"restored {rep.documents} documents and {rep.files} files into {settings.data_dir}; "
        f"audit log verified ({rep.audit_seq} entries)"
    )
